"""PDF rendering with WeasyPrint that fetches nothing but our own static files.

    from config.pdf import render_pdf, pdf_response

    pdf = render_pdf("contracts/agreement_pdf.html", {"agreement": a}, request=request,
                     title="Supervision agreement")
    return pdf_response(pdf, filename="supervision-agreement.pdf")

Templates extend `pdf/base.html`, which marks every page OFFICIAL-SENSITIVE (top and
bottom), numbers the pages ("Page 2 of 3") and says who generated the document and when.

Why a fetcher of our own (SECURITY.md check 22): user text ends up in these documents.
Templates escape it, but should markup ever slip through, `<img src="file:///etc/passwd">`,
`http://169.254.169.254/`, a CSS `@import` or a redirect to localhost must make no request
and embed no file. The document's base URL is a host that does not exist (`spr.invalid`),
so a relative `/static/...` link resolves to it and is read from disk; anything else is
refused before any I/O.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

# WeasyPrint logs every rendering step at INFO (from import on); keep only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

from weasyprint import HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

# Relative URLs in a PDF template resolve against this; it matches no real host.
BASE_URL = "https://spr.invalid/"
_ALLOWED_ORIGIN = ("https", "spr.invalid")


class StaticFilesOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, narrowed to files under our static folders, read from disk.

    Every other URL (file:, http:, data:, another host, a path outside STATIC_URL or one
    that climbs out of the static folders) raises before anything is opened; WeasyPrint
    then leaves the resource out of the document.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https",), allow_redirects=False)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = static_file_for(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def open(self, url, data=None, timeout=None):  # pragma: no cover - never used by us
        raise ValueError("Opening URLs is not allowed while rendering PDFs.")


def _static_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT).resolve())
    return roots


def static_file_for(url: str) -> Path:
    """The file on disk for a URL of one of our static files; ValueError for any other."""
    parts = urlsplit(url)
    if (parts.scheme.lower(), parts.netloc.lower()) != _ALLOWED_ORIGIN:
        raise ValueError(f"Only our own static files may be fetched, not {url[:80]!r}.")
    if parts.query:
        raise ValueError("Static URLs with a query are not fetched.")
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = unquote(parts.path)
    if not path.startswith(static_prefix):
        raise ValueError(f"Not a static file: {path[:80]!r}.")
    relative = path[len(static_prefix) :]
    if not relative or "\\" in relative or "\x00" in relative:
        raise ValueError("Not a static file.")
    if any(segment in ("", ".", "..") for segment in relative.split("/")):
        raise ValueError("Static paths may not climb out of the static folders.")
    found = finders.find(relative)
    candidate = Path(found) if found else Path(settings.STATIC_ROOT or "") / relative
    candidate = candidate.resolve()
    if not candidate.is_file() or not any(candidate.is_relative_to(r) for r in _static_roots()):
        raise ValueError(f"No static file {relative[:80]!r}.")
    return candidate


def render_pdf(
    template_name: str,
    context: dict,
    request: HttpRequest | None = None,
    *,
    title: str = "",
    generated_by: str | None = None,
) -> bytes:
    """Render a Django template (extending `pdf/base.html`) to PDF bytes.

    `generated_by` defaults to the requesting user's name; the footer says who generated
    the document and when, on every page. All context text is auto-escaped as usual.
    """
    if generated_by is None:
        user = getattr(request, "user", None)
        generated_by = user.get_full_name() if user and user.is_authenticated else "SPR"
    context = {
        **context,
        "pdf_title": title,
        "generated_by": generated_by,
        "generated_at": timezone.localtime(),
    }
    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnlyFetcher())
    return document.write_pdf()


def pdf_response(pdf: bytes, *, filename: str, inline: bool = False) -> HttpResponse:
    """An HTTP response for a generated PDF: never cached (SECURITY.md check 10)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    safe_name = "".join(c for c in filename if c.isalnum() or c in "-_.") or "document.pdf"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
