"""Bytes to text: BOM, declared charset, then the encodings Chinese sites actually use.

Chinese pages arrive in UTF-8 or in the GB family (GB2312 ⊂ GBK ⊂ GB18030), and the
declared charset is often wrong, so a declaration is a hint that strict decoding must
confirm. Binary files are refused here, before anyone tries to read them as a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .errors import InputError
from .model import Warning

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"wOFF", "a web font"),
    (b"\x00\x01\x00\x00\x00", "a font file"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_DECLARED = regex.compile(
    rb"""(?i)(?:<meta[^>]{0,200}?charset\s*=\s*["']?\s*|<\?xml[^>]{0,100}?encoding\s*=\s*["']|^charset:\s*)"""
    rb"""([a-z0-9_\-]{2,20})""",
)

_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "x-gb2312", "euc-cn", "hz-gb-2312"}


@dataclass
class Decoded:
    """Decoded text and how it was obtained."""

    text: str
    encoding: str
    warnings: list[Warning] = field(default_factory=list)


def refuse_binary(data: bytes) -> None:
    """Raise InputError when the bytes are plainly not text (an image, an archive …)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError("binary", f"this is {what}, not a text report; nothing was parsed")
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text has NULs by nature
    if head.count(b"\x00") > max(8, len(head) // 100):
        raise InputError("binary", "the file holds NUL bytes: it looks binary, not a text report")


def declared_charset(data: bytes) -> str | None:
    """The charset a page or document declares about itself, lower-cased, if any."""
    m = _DECLARED.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _python_codec(name: str) -> str | None:
    if name in _GB_FAMILY:
        return "gb18030"
    if name in {"utf8", "utf-8"}:
        return "utf-8"
    if name in {"big5", "big5-hkscs", "cp950"}:
        return "big5hkscs"
    try:
        import codecs

        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes) -> Decoded:
    """Choose the best decoding; never raises for text, warns when bytes had to be replaced."""
    refuse_binary(data)
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return _decode_or_replace(data, bom_codec, bom_codec, [])
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    warnings: list[Warning] = []
    codec = _python_codec(declared) if declared else None
    if codec and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            warnings.append(
                Warning("charset_mismatch", f"the page declares {declared} but is not valid {declared}")
            )
    elif declared:
        warnings.append(Warning("charset_mismatch", f"the page declares {declared} but is not valid UTF-8"))
    try:
        return Decoded(data.decode("gb18030"), "gb18030", warnings)
    except UnicodeDecodeError:
        pass
    guess = _detect(data)
    return _decode_or_replace(data, guess or "utf-8", guess or "utf-8", warnings)


def _detect(data: bytes) -> str | None:
    """A statistical guess, only for bytes that neither UTF-8 nor GB18030 accept."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def _decode_or_replace(data: bytes, codec: str, label: str, warnings: list[Warning]) -> Decoded:
    try:
        return Decoded(data.decode(codec), label, warnings)
    except (UnicodeDecodeError, LookupError):
        if codec.startswith("utf-8") or codec == "gb18030" or label == "utf-8":
            text = data.decode("utf-8" if "utf-8" in codec else codec, errors="replace")
        else:
            text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        warnings.append(
            Warning(
                "decode_errors",
                f"{bad} byte sequence(s) could not be decoded as {label} and were replaced by U+FFFD; "
                "the rest of the text was kept",
            )
        )
        return Decoded(text, label, warnings)
