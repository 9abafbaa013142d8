"""What kind of file an upload really is, judged from its bytes, never from its name.

Office documents (.docx, .xlsx, .pptx) are ZIP archives, so they are opened as archives and
checked member by member, in memory and never extracted to disk: a file that unpacks to far more
than a real document (a "zip bomb"), holds an absurd number of parts, is password-protected,
carries macros or has odd entries is refused with ``UnsafeArchive``. The upload rules that use
these checks (sizes, allowed kinds, wording) are in ``portal.uploads``.
"""

import struct
import zipfile
import zlib

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of legacy .doc/.xls files
# A legacy Word file is an OLE2 container with a stream of this name (stored as UTF-16); an
# installer (.msi) or an old Excel file uses the same container without it.
WORD_STREAM_NAME = "WordDocument".encode("utf-16-le")
PDF_SIGNATURE = b"%PDF-"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ZIP_SIGNATURE = b"PK\x03\x04"
# Office Open XML files are ZIP archives; the folder inside tells Word, Excel and PowerPoint apart.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}

# Bounds on an Office archive. Real documents hold tens to a few hundred parts, and their XML
# packs at most a few dozen times smaller; anything far beyond that is damaged or hostile.
MAX_ARCHIVE_MEMBERS = 2000
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FROM_BYTES = 2 * 1024 * 1024  # tiny parts may pack very well and harm no one
_READ_CHUNK = 64 * 1024
_END_OF_CENTRAL_DIRECTORY = b"PK\x05\x06"

# Content never accepted anywhere, named so a refusal can say what the file really is.
PROGRAM_SIGNATURES = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xcf\xfa\xed\xfe", "a Mac program"),
    (b"\xce\xfa\xed\xfe", "a Mac program"),
    (b"\xca\xfe\xba\xbe", "a Mac or Java program"),
    (b"#!", "a script"),
)
WEB_PAGE = "a web page (HTML)"
WEB_PAGE_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<body", b"<svg", b"<iframe")


class UnsafeArchive(Exception):
    """An Office-shaped archive that must not be accepted. ``reason`` is one of
    'too_many_parts', 'too_big_unpacked', 'packed_too_tightly', 'encrypted', 'macros',
    'odd_entry' or 'damaged'; ``detail`` is a number or name for the message."""

    def __init__(self, reason: str, detail=None):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def _head(fileobj, size=1024) -> bytes:
    fileobj.seek(0)
    head = fileobj.read(size)
    fileobj.seek(0)
    return head


def sniff_document_type(fileobj) -> str | None:
    """Return 'pdf', 'ole2' (legacy Office), 'docx', 'xlsx' or 'pptx', or None for anything
    else. Only the archive's list of parts is read; ``inspect_office_archive`` checks the rest.
    The file position is left at the start."""
    head = _head(fileobj, 8)
    if head.startswith(PDF_SIGNATURE):
        return "pdf"
    if head == OLE2_SIGNATURE:
        return "ole2"
    if head.startswith(ZIP_SIGNATURE):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                return _office_kind(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        finally:
            fileobj.seek(0)
    return None


def sniff_image_type(fileobj) -> str | None:
    """'jpg' or 'png' from the file's first bytes, or None."""
    head = _head(fileobj, 8)
    if head.startswith(JPEG_SIGNATURE):
        return "jpg"
    if head == PNG_SIGNATURE:
        return "png"
    return None


def is_zip(fileobj) -> bool:
    return _head(fileobj, 4) == ZIP_SIGNATURE


def is_legacy_word(fileobj) -> bool:
    """An OLE2 container holding a Word document (the whole file is scanned: callers bound
    its size first)."""
    if _head(fileobj, 8) != OLE2_SIGNATURE:
        return False
    data = fileobj.read()
    fileobj.seek(0)
    return WORD_STREAM_NAME in data


def describe_refused_content(fileobj) -> str | None:
    """'a Windows program', 'a web page (HTML)', …: what a refused file really is, when it is
    something recognisably dangerous; None otherwise."""
    head = _head(fileobj)
    for signature, description in PROGRAM_SIGNATURES:
        if head.startswith(signature):
            return description
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"<") and any(marker in lowered for marker in WEB_PAGE_MARKERS):
        return WEB_PAGE
    if head.startswith(ZIP_SIGNATURE):
        return "a ZIP archive"
    return None


def _office_kind(names) -> str | None:
    if "[Content_Types].xml" not in names:
        return None
    for kind, folder in OOXML_PARTS.items():
        if any(name.startswith(folder) for name in names):
            return kind
    return None


def _declared_member_count(fileobj) -> int | None:
    """The number of parts the archive's last record announces, read before ``zipfile`` builds
    an object for every one of them (an archive can announce hundreds of thousands)."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    tail_length = min(size, 22 + 0xFFFF)
    fileobj.seek(size - tail_length)
    tail = fileobj.read(tail_length)
    fileobj.seek(0)
    at = tail.rfind(_END_OF_CENTRAL_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    return struct.unpack("<H", tail[at + 10 : at + 12])[0]


def _is_odd_entry(info: zipfile.ZipInfo) -> bool:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    symlink = (info.external_attr >> 16) & 0o170000 == 0o120000
    return (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or ":" in name
        or ".." in parts
        or "\x00" in name
        or symlink
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    )


def inspect_office_archive(fileobj, *, max_unpacked_bytes: int) -> str | None:
    """Check a ZIP upload as an Office document and return 'docx', 'xlsx' or 'pptx', or None
    when it is not an Office document. Raises ``UnsafeArchive`` for one that
    must be refused. Every part is decompressed in memory, a chunk at a time, so sizes written
    in the archive cannot lie; nothing is written to disk. The position is left at the start."""
    declared = _declared_member_count(fileobj)
    if declared is not None and declared > MAX_ARCHIVE_MEMBERS:
        raise UnsafeArchive("too_many_parts", declared)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        fileobj.seek(0)
        return None  # not an archive at all, whatever its first bytes say
    try:
        with archive:
            infos = archive.infolist()
            kind = _office_kind({info.filename for info in infos})
            if kind is None:
                return None
            _check_parts(infos, max_unpacked_bytes)
            _unpack_within(archive, infos, max_unpacked_bytes)
            return kind
    except UnsafeArchive:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        raise UnsafeArchive("damaged") from None
    finally:
        fileobj.seek(0)


def _check_parts(infos, max_unpacked_bytes) -> None:
    if len(infos) > MAX_ARCHIVE_MEMBERS:
        raise UnsafeArchive("too_many_parts", len(infos))
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise UnsafeArchive("odd_entry", "a part that appears twice")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnsafeArchive("encrypted")
        if _is_odd_entry(info):
            raise UnsafeArchive("odd_entry", info.filename[:80])
        if info.filename.lower().endswith("vbaproject.bin"):
            raise UnsafeArchive("macros")
        total += info.file_size
        if total > max_unpacked_bytes:
            raise UnsafeArchive("too_big_unpacked", total)
        if info.file_size > RATIO_CHECK_FROM_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            raise UnsafeArchive("packed_too_tightly", info.file_size // max(info.compress_size, 1))


def _unpack_within(archive, infos, max_unpacked_bytes) -> None:
    # The sizes above are what the archive claims; count what really comes out (reading to the
    # end also checks each part's checksum, so a part cannot claim to be smaller than it is).
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        with archive.open(info) as part:
            while chunk := part.read(_READ_CHUNK):
                total += len(chunk)
                if total > max_unpacked_bytes:
                    raise UnsafeArchive("too_big_unpacked", total)
