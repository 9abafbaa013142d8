"""The upload policy: what each upload on the portal may be, how large, and what it is stored as.

Every upload (resumes, CE certificates, resource documents, the sample letter, the membership
roster and webinar attendance lists) is checked here by ``validate_upload(file, policy)``:

1. its size, before anything is read (``upload.size`` is known from the request already);
2. its content, against the policy's allowed kinds (``portal.filetypes``): Office files are
   opened as archives and refused when they unpack to too much, and CSV files must be UTF-8
   text without NUL bytes;
3. its extension, which must be one of the detected kind's.

The apps keep their own small validators (``careers.validators.validate_resume_file``, …) as
thin wrappers naming their policy. Files are stored under generated names (``generated_name``),
and ``UploadSizeLimitHandler`` stops writing an upload to disk once it is larger than any policy
allows, so a huge request never fills the disk yet still reaches the form as a clear error.
"""

import io
import uuid
from dataclasses import dataclass, replace
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from portal import filetypes

MB = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    name: str
    label: str
    extensions: tuple[str, ...]  # the first is the one stored files get
    content_type: str

    @property
    def extension(self) -> str:
        return self.extensions[0]


KINDS = {
    kind.name: kind
    for kind in (
        FileKind("pdf", "PDF", ("pdf",), "application/pdf"),
        FileKind("doc", "Word 97–2003 (.doc)", ("doc",), "application/msword"),
        FileKind(
            "docx",
            "Word (.docx)",
            ("docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind(
            "xlsx",
            "Excel (.xlsx)",
            ("xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileKind(
            "pptx",
            "PowerPoint (.pptx)",
            ("pptx",),
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        FileKind("jpg", "JPEG", ("jpg", "jpeg"), "image/jpeg"),
        FileKind("png", "PNG", ("png",), "image/png"),
        FileKind("csv", "CSV", ("csv",), "text/csv"),
    )
}
KIND_BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
OFFICE_KINDS = frozenset(filetypes.OOXML_PARTS)


@dataclass(frozen=True)
class UploadPolicy:
    """One kind of upload. The wording fills in "This file is not {allowed}, whatever its name
    says. {what_to_do}", and ``too_big`` may use {size} and {limit}."""

    name: str
    kinds: tuple[str, ...]
    max_bytes: int
    allowed: str
    what_to_do: str
    empty: str
    too_big: str
    # Said when the name's extension is none the policy allows (checked first for text files,
    # whose content alone cannot tell a CSV from other text).
    wrong_name: str = ""
    # An Office file may unpack to this many times its size limit (and at least 50 MB).
    unpack_factor: int = 4

    @property
    def max_unpacked_bytes(self) -> int:
        return max(50 * MB, self.unpack_factor * self.max_bytes)

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(ext for kind in self.kinds for ext in KINDS[kind].extensions)

    @property
    def accept(self) -> str:
        """For the file input's ``accept`` attribute."""
        extensions = [f".{ext}" for ext in self.extensions]
        types = dict.fromkeys(KINDS[kind].content_type for kind in self.kinds)
        return ",".join([*extensions, *types])


RESUME = UploadPolicy(
    name="resume",
    kinds=("pdf", "doc", "docx"),
    max_bytes=5 * MB,
    allowed="a PDF or Word document",
    what_to_do="Save your resume as PDF, DOC or DOCX and upload it again.",
    empty="The file is empty. Choose your resume again and re-upload it.",
    too_big="The file is {size}; a resume can be at most {limit}. Save it as PDF with smaller "
    "images and upload it again.",
)
CERTIFICATE = UploadPolicy(
    name="certificate",
    kinds=("pdf", "jpg", "png"),
    max_bytes=10 * MB,
    allowed="a PDF, JPEG or PNG",
    what_to_do="Save or scan the certificate in one of those formats and upload it again.",
    empty="The file is empty. Choose your certificate again and re-upload it.",
    too_big="The file is {size}; a certificate can be at most {limit}. Try a smaller scan or "
    "save it as PDF.",
)
RESOURCE = UploadPolicy(
    name="resource",
    kinds=("pdf", "docx", "xlsx", "pptx"),
    max_bytes=25 * MB,
    allowed="a PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx) document",
    what_to_do="Upload one of those formats.",
    empty="The file is empty. Choose the document again and re-upload it.",
    too_big="The file is {size}; documents can be at most {limit}. Compress it or split it "
    "into parts.",
)
SAMPLE_LETTER_WORD = UploadPolicy(
    name="sample letter (Word)",
    kinds=("docx",),
    max_bytes=10 * MB,
    allowed="a Word (.docx) document",
    what_to_do="Upload a Word document (.docx) here.",
    empty="The file is empty. Choose it again and re-upload it.",
    too_big="The file is {size}, over the {limit} limit for the sample letter. Remove large "
    "images or compress it, and upload it again.",
)
SAMPLE_LETTER_PDF = replace(
    SAMPLE_LETTER_WORD,
    name="sample letter (PDF)",
    kinds=("pdf",),
    allowed="a PDF",
    what_to_do="Upload a PDF here.",
)
ROSTER = UploadPolicy(
    name="roster",
    kinds=("csv",),
    max_bytes=5 * MB,  # settings.ROSTER_MAX_BYTES replaces it: see roster_policy()
    allowed="a CSV file",
    what_to_do="In your spreadsheet choose “Save as: CSV UTF-8” and upload it again.",
    empty="The file is empty. Export the roster from your spreadsheet as CSV and upload it.",
    too_big="The file is {size}; the largest roster accepted is {limit}. Split it into smaller "
    "files and import each.",
    wrong_name="Upload the roster as a .csv file (in your spreadsheet: Save as CSV UTF-8).",
)
ATTENDANCE = UploadPolicy(
    name="attendance list",
    kinds=("csv",),
    max_bytes=2 * MB,
    allowed="a CSV file",
    what_to_do="Save the attendee report as CSV (UTF-8) and upload it again.",
    empty="The file is empty. Save the attendee report as CSV and upload it again.",
    too_big="The file is {size}, larger than {limit}. Keep only the email column and try again.",
    wrong_name="Upload a .csv file (a spreadsheet saved as “CSV”).",
)
POLICIES = (
    RESUME,
    CERTIFICATE,
    RESOURCE,
    SAMPLE_LETTER_WORD,
    SAMPLE_LETTER_PDF,
    ROSTER,
    ATTENDANCE,
)
# Nothing larger is ever accepted: the upload handler stops storing a file beyond this.
LARGEST_UPLOAD_BYTES = max(policy.max_bytes for policy in POLICIES)


def roster_policy() -> UploadPolicy:
    return replace(ROSTER, max_bytes=settings.ROSTER_MAX_BYTES)


# --- Checking an upload --------------------------------------------------------------------------


def human_size(size: int) -> str:
    """'5 MB', '2.4 MB', '300 KB', '12 bytes'."""
    if size >= MB:
        return f"{size // MB} MB" if size % MB == 0 else f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} byte{'' if size == 1 else 's'}"


def _size_over(size: int, limit: int) -> str:
    said = human_size(size)
    # "5.0 MB; at most 5 MB" would read as a contradiction for a file just over the limit.
    if said in {human_size(limit), f"{limit / MB:.1f} MB"}:
        return f"just over {human_size(limit)}"
    return said


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _handle(upload):
    return upload.file if hasattr(upload, "file") else upload


def _wrong_type(policy: UploadPolicy, fileobj, code="wrong_type") -> ValidationError:
    message = f"This file is not {policy.allowed}, whatever its name says. {policy.what_to_do}"
    what = filetypes.describe_refused_content(fileobj)
    if what:
        message += f" (It is {what}, which the portal never accepts here.)"
    return ValidationError(message, code=code)


ARCHIVE_MESSAGES = {
    "too_many_parts": "This file holds {detail} parts, far more than a real document; it may be "
    "damaged or built to overload the site. Open it in {app}, save it again and upload the copy.",
    "too_big_unpacked": "This file unpacks to more than {limit}, far more than a real document; it "
    "may be damaged or built to overload the site. Open it in {app}, save it again and upload the "
    "copy.",
    "packed_too_tightly": "Parts of this file are packed about {detail} times smaller than they "
    "unpack, which real documents never are; it may be built to overload the site. Open it in "
    "{app}, save it again and upload the copy.",
    "encrypted": "This file is password-protected, so it cannot be checked. Remove the password "
    "in {app} and upload it again.",
    "macros": "This file contains macros, which the portal does not accept. Save it in {app} as "
    "a plain document without macros and upload it again.",
    "odd_entry": "This file has an unusual part ({detail}) that real documents never have. Open "
    "it in {app}, save it again and upload the copy.",
    "damaged": "This file is damaged: it could not be read as a document. Open it in {app}, save "
    "it again and upload the copy.",
}
APPS = {"docx": "Word", "xlsx": "Excel", "pptx": "PowerPoint"}


def _either(words: list[str]) -> str:
    """'Word', 'Word or Excel', 'Word, Excel or PowerPoint'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def _detect(fileobj, policy: UploadPolicy) -> str | None:
    """The allowed kind the content really is, or None."""
    allowed = set(policy.kinds)
    found = filetypes.sniff_document_type(fileobj) if not filetypes.is_zip(fileobj) else None
    if found == "pdf" and "pdf" in allowed:
        return "pdf"
    if found == "ole2" and "doc" in allowed and filetypes.is_legacy_word(fileobj):
        return "doc"
    image = filetypes.sniff_image_type(fileobj)
    if image in allowed:
        return image
    if filetypes.is_zip(fileobj) and allowed & OFFICE_KINDS:
        try:
            kind = filetypes.inspect_office_archive(
                fileobj, max_unpacked_bytes=policy.max_unpacked_bytes
            )
        except filetypes.UnsafeArchive as problem:
            app = _either(list(dict.fromkeys(APPS[k] for k in policy.kinds if k in APPS)))
            message = ARCHIVE_MESSAGES[problem.reason].format(
                detail=problem.detail, app=app, limit=human_size(policy.max_unpacked_bytes)
            )
            raise ValidationError(message, code="unsafe_archive") from None
        return kind if kind in allowed else None
    return None


def _check_text(fileobj, policy: UploadPolicy) -> None:
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    # Programs always hold NUL bytes; a first cell such as "MZhang@…" must not look like one.
    if b"\x00" in data or filetypes.describe_refused_content(fileobj) == filetypes.WEB_PAGE:
        raise _wrong_type(policy, fileobj, code="not_text")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"The file is not UTF-8 text (unreadable byte at position {error.start}). "
            f"{policy.what_to_do}",
            code="not_utf8",
        ) from None


def validate_upload(upload, policy: UploadPolicy) -> FileKind:
    """Check ``upload`` against ``policy``; return the kind it really is, or raise a
    ``ValidationError`` that says what was wrong and what to do."""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError(policy.empty, code="empty")
    if size > policy.max_bytes or getattr(upload, "stopped_at_limit", False):
        raise ValidationError(
            policy.too_big.format(
                size=_size_over(size, policy.max_bytes), limit=human_size(policy.max_bytes)
            ),
            code="too_big",
        )
    fileobj = _handle(upload)
    extension = _extension(getattr(upload, "name", ""))
    if policy.kinds == ("csv",):
        if extension not in policy.extensions:
            raise ValidationError(policy.wrong_name, code="wrong_extension")
        _check_text(fileobj, policy)
        kind = "csv"
    else:
        kind = _detect(fileobj, policy)
        if kind is None:
            raise _wrong_type(policy, fileobj)
    found = KINDS[kind]
    if extension not in found.extensions:
        raise ValidationError(
            f"The file's content is {found.label} but its name ends in .{extension or '?'}; "
            f"rename it to .{found.extension} and upload it again.",
            code="wrong_extension",
        )
    fileobj.seek(0)
    return found


# --- Storing -------------------------------------------------------------------------------------


def generated_name(folder: str, filename: str) -> str:
    """'<folder>/<random hex>.<ext>': the uploader's file name never reaches the disk. The
    extension is the checked one (``validate_upload`` refuses a name that does not match the
    content); anything unrecognised is stored as .bin."""
    kind = KIND_BY_EXTENSION.get(_extension(filename))
    extension = kind.extension if kind else "bin"
    return f"{folder.strip('/')}/{uuid.uuid4().hex}.{extension}"


# --- Receiving -----------------------------------------------------------------------------------


class OversizedUpload(UploadedFile):
    """Stands in for a file the handler stopped storing: it knows its name and full size (so the
    form says how large it was) but holds no content."""

    stopped_at_limit = True

    def __init__(self, *, name, content_type, size, charset=None, content_type_extra=None):
        super().__init__(io.BytesIO(b""), name, content_type, size, charset, content_type_extra)


class UploadSizeLimitHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``. Passes each file's data on to Django's own handlers
    until the file grows past ``LARGEST_UPLOAD_BYTES``; from then on it swallows the rest (so
    nothing more reaches memory or a temporary file) and hands the form an ``OversizedUpload``.

    Raising ``StopUpload`` instead would drop every field after the file, and the form would
    say "choose a file" rather than "this file is too large"."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.too_large = False

    def limit(self) -> int:
        return getattr(settings, "PORTAL_LARGEST_UPLOAD_BYTES", LARGEST_UPLOAD_BYTES)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if not self.too_large and self.received > self.limit():
            self.too_large = True
            self._discard_partial_files()
        return None if self.too_large else raw_data

    def _discard_partial_files(self):
        # What the later handlers stored so far goes at once (a temporary file is deleted when
        # closed): they never hear of this file again.
        handlers = self.request.upload_handlers if self.request else []
        for handler in handlers:
            partial = getattr(handler, "file", None) if handler is not self else None
            if partial is not None and hasattr(partial, "close"):
                partial.close()

    def file_complete(self, file_size):
        if not self.too_large:
            return None
        return OversizedUpload(
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
