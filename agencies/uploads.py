"""Checks on uploaded documents: by declared type AND by content, and by size.

A file passes only if its name, the type the browser declared and its first bytes all
agree. Files are stored under MEDIA_ROOT (outside the web root, never served by the web
server) and are read back only through views that check who is asking.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_LABEL = "10 MB"


@dataclass(frozen=True)
class Kind:
    name: str
    extensions: tuple[str, ...]
    content_types: tuple[str, ...]
    stored_type: str


PDF = Kind("PDF", (".pdf",), ("application/pdf", "application/x-pdf"), "application/pdf")
DOCX = Kind(
    "Word",
    (".docx",),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
DOC = Kind("Word", (".doc",), ("application/msword",), "application/msword")
PNG = Kind("PNG", (".png",), ("image/png",), "image/png")
JPEG = Kind("JPEG", (".jpg", ".jpeg"), ("image/jpeg", "image/pjpeg"), "image/jpeg")

DOCUMENTS = (PDF, DOCX, DOC)
DOCUMENTS_OR_IMAGES = (PDF, DOCX, DOC, PNG, JPEG)

# Some browsers declare no specific type for Word files; the name and the content decide.
GENERIC_TYPES = ("", "application/octet-stream", "application/zip")

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy .doc (compound file)


@dataclass(frozen=True)
class CheckedUpload:
    kind: Kind
    content_type: str
    size: int
    original_filename: str


def _looks_like(kind: Kind, file: UploadedFile) -> bool:
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if kind is PDF:
        return head.startswith(b"%PDF-")
    if kind is DOC:
        return head == OLE2_MAGIC
    if kind is PNG:
        return head == b"\x89PNG\r\n\x1a\n"
    if kind is JPEG:
        return head.startswith(b"\xff\xd8\xff")
    if kind is DOCX:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            # Only the central directory is read: no member is decompressed.
            with zipfile.ZipFile(file) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            file.seek(0)
        return "word/document.xml" in names and "[Content_Types].xml" in names
    return False


def printable_filename(name: str) -> str:
    """The file's own name, without any folder, and without control or formatting
    characters: a right-to-left override (U+202E) would show "reportfdp.exe" as
    "reportexe.pdf" on the page, and NUL or other control characters are no part of a
    name a person gave."""
    base = PurePath(name.replace("\\", "/")).name
    cleaned = "".join(c for c in base if unicodedata.category(c) not in ("Cc", "Cf"))
    return cleaned.strip() or "document"


def describe(kinds: tuple[Kind, ...]) -> str:
    names = []
    for kind in kinds:
        if kind.name not in names:
            names.append(kind.name)
    if len(names) == 1:
        return f"a {names[0]}"
    return "a " + ", ".join(names[:-1]) + " or " + names[-1]


def check_upload(
    file: UploadedFile | None, *, kinds: tuple[Kind, ...] = DOCUMENTS
) -> CheckedUpload:
    """The upload's kind, if it is one of `kinds` by name, declared type and content,
    and no bigger than 10 MB; otherwise a ValidationError with a GOV.UK message."""
    wanted = describe(kinds) + (" document" if kinds == DOCUMENTS else " file")
    if file is None:
        raise ValidationError("Select a file", code="required")
    if file.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The selected file must be smaller than {MAX_UPLOAD_LABEL}", code="too_big"
        )
    filename = printable_filename(file.name or "")
    suffix = PurePath(filename).suffix.lower()
    declared = (getattr(file, "content_type", "") or "").split(";")[0].strip().lower()
    for kind in kinds:
        if suffix not in kind.extensions:
            continue
        if declared not in kind.content_types and declared not in GENERIC_TYPES:
            break
        if not _looks_like(kind, file):
            break
        return CheckedUpload(
            kind=kind, content_type=kind.stored_type, size=file.size, original_filename=filename
        )
    raise ValidationError(f"The selected file must be {wanted}", code="wrong_type")
