"""A session record as a PDF (WeasyPrint), fetching nothing but our own static files.

SECURITY.md 22: every piece of user text reaches the HTML through Django's autoescaping, so
"<img src=...>" typed into a record stays text. Behind that, `StaticOnlyFetcher` answers
only for files under our static URL, read from disk; any other URL (file:, http:, data:,
another host, a redirect) is refused, logged, and fetches nothing.

The issue-3 helper builds a reusable safe-PDF module; this one is small on purpose so the
two can be folded together.
"""

import logging
import mimetypes
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

# A made-up origin (".invalid" never resolves) for relative links in the PDF's HTML. The
# fetcher maps it to files on disk and never opens a connection.
PDF_BASE_URL = "https://static.spr.invalid/"


@dataclass
class FetchLog:
    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files from disk; refuses everything else."""

        def __init__(self, log: FetchLog):
            super().__init__(allowed_protocols=["https"], allow_redirects=False)
            self.log = log

        def fetch(self, url, headers=None):
            prefix = PDF_BASE_URL.rstrip("/") + settings.STATIC_URL
            path = url.split("?", 1)[0].split("#", 1)[0]
            if path.startswith(prefix):
                relative = path[len(prefix) :]
                try:
                    found = finders.find(relative) if ".." not in relative else None
                except SuspiciousFileOperation:
                    found = None
                if found:
                    with open(found, "rb") as handle:
                        body = handle.read()
                    self.log.served.append(relative)
                    content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            self.log.refused.append(url[:200])
            logger.warning("PDF: refused to fetch %s", url[:200])
            raise ValueError("SPR fetches only its own static files into a PDF.")

    return StaticOnlyFetcher


def html_to_pdf(html: str, log: FetchLog | None = None) -> bytes:
    """Render trusted template output to PDF with the static-only fetcher."""
    from weasyprint import HTML

    log = log if log is not None else FetchLog()
    fetcher = _static_fetcher_class()(log)
    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).write_pdf()


def render_record_pdf(*, context: dict, generated_by, reflective: bool) -> tuple[bytes, FetchLog]:
    """The record's PDF: OFFICIAL-SENSITIVE on every page, page X of Y, and a footer with
    who generated it and when. `reflective` decides whether the reflective part is in it;
    the caller has already checked that this person may see it."""
    started = time.perf_counter()
    html = render_to_string(
        "recording/pdf/record.html",
        {
            **context,
            "reflective": reflective,
            "generated_by": generated_by,
            "generated_at": timezone.localtime(),
        },
    )
    log = FetchLog()
    pdf = html_to_pdf(html, log)
    logger.info(
        "PDF of record %s generated for user %s in %.2fs (reflective=%s)",
        context["record"].id,
        generated_by.id,
        time.perf_counter() - started,
        reflective,
    )
    return pdf, log
