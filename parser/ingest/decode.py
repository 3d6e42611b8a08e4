"""Bytes to text: BOM, declared charset, then the encodings Chinese sites actually use.

Chinese pages arrive in UTF-8 or in the GB family (GB2312 ⊂ GBK ⊂ GB18030), and the
declared charset is often wrong, so a declaration is a hint that strict decoding must
confirm. Binary files are refused here, before anyone tries to read them as a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

from .. import patterns
from ..errors import InputError
from ..model import Warning

# How much of the input is sniffed for binary content and UTF-16: a page's first 8 KB decide.
SNIFF_BYTES = 8192
# A few NULs or control bytes in a text file are tolerated (a stray byte in a crawl) ...
FEW_ODD_BYTES = 8
# ... but not NULs in one byte of 100, nor control bytes in one of 20: that is a binary file.
NUL_SHARE = 100
CONTROL_SHARE = 20
# UTF-16 without a BOM: NULs or controls in at least one byte of 50, and nine NULs in ten on one
# side of the byte pairs for ASCII-rich text to say its byte order.
UTF16_CONTROL_SHARE = 50
UTF16_NUL_SIDE = 0.9
# Refused as undecodable: more than 16 characters, and more than a quarter of the text, that no
# encoding tried could decode.
FEW_UNDECODABLE = 16
UNDECODABLE_SHARE = 4
# Mostly UTF-8: at least three good non-ASCII characters, and four for each bad sequence (GBK
# read as UTF-8 gives fewer good than bad).
MIN_GOOD_NON_ASCII = 3
GOOD_PER_BAD = 4

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or macOS executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"\xce\xfa\xed\xfe", "a macOS executable"),
    (b"\x00asm", "a WebAssembly module"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"\x1a\x45\xdf\xa3", "a WebM or Matroska video"),
    (b"fLaC", "a FLAC audio file"),
    (b"OggS\x00", "an Ogg media file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"OTTO", "a font file"),
    (b"\x00\x01\x00\x00\x00", "a font file"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x89HDF", "an HDF5 data file"),
)
# bytes that text never holds (tab, newlines, form feed and escape aside)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_MULTIBYTE = ("gb18030", "big5hkscs", "big5", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "iso2022_jp",
              "utf-16", "utf_16", "utf-32", "utf_32", "cp950")

_MAGIC_PREFIXES = tuple(magic for magic, _ in _MAGIC)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

@cache
def _declared() -> regex.Pattern[bytes]:
    """A charset the input declares, compiled when an input that is not UTF-8 first needs it."""
    return patterns.compile(
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
    """Raise InputError when the bytes are plainly not text (an image, an archive …).

    Known file signatures are refused by name; other bytes when their head holds NULs or
    control bytes that no text encoding but UTF-16 produces, and they do not read as UTF-16.
    """
    _refuse_binary(data)


def _refuse_binary(data: bytes) -> int:
    """``refuse_binary``, returning the number of control bytes in the head (-1: not counted),
    so that ``decode_bytes`` can skip the UTF-16 test, which needs control bytes to say yes."""
    if data.startswith(_MAGIC_PREFIXES):  # one C-level test instead of a loop over every signature
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError("binary", f"this is {what}, not a text report; nothing was parsed")
    # signatures made of letters a text could begin with need their binary bytes too
    if data.startswith(b"MZ") and b"\x00" in data[2:64]:
        raise InputError("binary", "this is a Windows executable, not a text report; nothing was parsed")
    if data.startswith(b"BZh") and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
        raise InputError("binary", "this is a bzip2 archive, not a text report; nothing was parsed")
    if data.startswith(b"ID3") and data[3:4] in (b"\x02", b"\x03", b"\x04"):
        raise InputError("binary", "this is an MP3 file, not a text report; nothing was parsed")
    if data[4:8] == b"ftyp":
        raise InputError("binary", "this is an MP4/QuickTime/HEIF media file, not a text report; nothing was parsed")
    head = data[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return -1  # UTF-16 text has NULs by nature
    nuls, control = _odd_bytes(head)
    too_many_nuls = nuls > max(FEW_ODD_BYTES, len(head) // NUL_SHARE)
    if too_many_nuls or control > max(FEW_ODD_BYTES, len(head) // CONTROL_SHARE):
        if utf16_without_bom(head):
            return control
        if too_many_nuls:
            raise InputError("binary", "the file holds NUL bytes: it looks binary, not a text report")
        raise InputError("binary", f"{control} of the first {len(head):,} bytes are control characters: "
                         "the file looks binary, not a text report")
    return control


def _odd_bytes(head: bytes) -> tuple[int, int]:
    """NUL bytes, and all control bytes (NULs included), that text in UTF-8 or GBK never holds."""
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return (head.count(b"\x00") if control else 0), control  # NULs are control bytes: none to count


def _plausible(text: str) -> float:
    """Share of characters a Chinese report is made of: CJK, CJK and general punctuation,
    full-width forms, printable ASCII and whitespace."""
    if not text:
        return 0.0
    ok = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
             or "\uff00" <= ch <= "\uffef" or "\u2000" <= ch <= "\u206f" or "\u3400" <= ch <= "\u4dbf"
             or " " <= ch <= "~" or ch in "\t\n\r")
    return ok / len(text)


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a BOM, or None.

    Asked only of bytes with NULs or control bytes (which UTF-8 and GBK text never hold): the
    side the NULs fall on gives the byte order of ASCII-rich text, and nine characters in ten
    must be Chinese, punctuation or printable ASCII in that reading.
    """
    head = data[:SNIFF_BYTES]
    head = head[: len(head) // 2 * 2]
    nuls, control = _odd_bytes(head)
    if len(head) < 4 or control < max(2, len(head) // UTF16_CONTROL_SHARE):
        return None
    odd = head[1::2].count(b"\x00")  # ASCII in UTF-16-LE: "a\0"
    order = ["utf-16-le", "utf-16-be"]
    if nuls >= FEW_ODD_BYTES and odd >= UTF16_NUL_SIDE * nuls:
        order = ["utf-16-le"]
    elif nuls >= FEW_ODD_BYTES and nuls - odd >= UTF16_NUL_SIDE * nuls:
        order = ["utf-16-be"]
    best, best_codec = 0.0, None
    for codec in order:
        try:
            score = _plausible(head.decode(codec))
        except UnicodeDecodeError:
            continue
        if score > best:
            best, best_codec = score, codec
    return best_codec if best >= 0.9 else None


def declared_charset(data: bytes) -> str | None:
    """The charset a page or document declares about itself, lower-cased, if any."""
    m = _declared().search(data[:4096])
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
    """Choose the best decoding; never raises for text, warns when bytes had to be replaced.

    In order: a BOM; UTF-16 without one; strict UTF-8; UTF-8 with a few bad sequences (a
    download cut mid-character, a stray byte); a declared multi-byte charset; GB18030 (which
    also reads GBK and GB2312), whole or cut mid-character; a declared single-byte charset;
    then line by line (pages in UTF-8 and GBK pasted together), or a statistical guess,
    whichever replaces fewer bytes. Replaced bytes are counted in a ``decode_errors`` warning.
    """
    control = _refuse_binary(data)
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return _decode_or_replace(data, bom_codec, bom_codec, [])
    # None for any text without control bytes: not even asked when the head was seen to hold none
    # (its even-length head is a prefix of the head counted, so it holds none either)
    utf16 = utf16_without_bom(data) if control else None
    if utf16:
        return _decode_or_replace(data, utf16, utf16, [])
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    codec = _python_codec(declared) if declared else None
    multibyte = bool(codec) and codec != "utf-8" and codec.startswith(_MULTIBYTE)  # type: ignore[union-attr]
    single = bool(codec) and codec != "utf-8" and not multibyte
    warnings: list[Warning] = []
    # A declared multi-byte charset the bytes are valid in wins whether or not they are mostly
    # UTF-8 (both branches below return the same), so it is tried first: a valid GBK page is
    # decoded once and never read as UTF-8.
    if multibyte and (text := _decoded(data, codec)) is not None:  # type: ignore[arg-type]
        return Decoded(text, codec)  # type: ignore[arg-type]
    if _mostly_utf8(data):
        return _decode_or_replace(data, "utf-8", "utf-8", warnings)
    if multibyte:
        warnings.append(Warning("charset_mismatch", f"the page declares {declared} but is not valid {declared}"))
    elif declared and not single:
        what = "UTF-8" if codec == "utf-8" else f"a charset known here ({declared})"
        warnings.append(Warning("charset_mismatch", f"the page declares {declared} but is not valid {what}"))
    if (text := _decoded(data, "gb18030")) is not None:
        if single:
            warnings.append(Warning("charset_mismatch", f"the page declares {declared}, a single-byte charset, "
                                    "but reads as GB18030 (GBK); it was read as GB18030"))
        return Decoded(text, "gb18030", warnings)
    if _truncated(data, "gb18030"):
        return _decode_or_replace(data, "gb18030", "gb18030", warnings)
    if single and (text := _decoded(data, codec)) is not None:  # type: ignore[arg-type]
        return Decoded(text, codec, warnings)  # type: ignore[arg-type]
    best = _by_line(data, warnings)
    if best.text.count("\ufffd") > data.count(b"\xef\xbf\xbd"):
        guess = _detect(data)
        if guess is not None and not guess.replace("_", "-").startswith(("utf-8", "gb18030")):
            guessed = _decode_or_replace(data, guess, guess, list(warnings))
            if guessed.text.count("\ufffd") < best.text.count("\ufffd"):
                best = guessed
    bad = best.text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad > max(FEW_UNDECODABLE, len(best.text) // UNDECODABLE_SHARE):
        raise InputError("undecodable", f"{bad:,} of its {len(best.text):,} characters could not be decoded in any "
                         "encoding tried (UTF-8, UTF-16, GB18030, the declared charset, a statistical guess): "
                         "it does not look like text")
    return best


def _strict(data: bytes, codec: str) -> bool:
    return _decoded(data, codec) is not None


def _decoded(data: bytes, codec: str) -> str | None:
    """``data`` decoded strictly with ``codec``, or None when it is not valid ``codec``."""
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _truncated(data: bytes, codec: str) -> bool:
    """Valid ``codec`` up to an incomplete character in the last three bytes (a cut download)."""
    return len(data) > 3 and not _strict(data, codec) and any(_strict(data[:-k], codec) for k in (1, 2, 3))


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few undecodable sequences: cut mid-character at the end, or at least four good
    non-ASCII characters for each bad sequence (GBK read as UTF-8 has fewer good than bad)."""
    if _truncated(data, "utf-8"):
        return True
    text = data.decode("utf-8", errors="replace")
    literal = data.count(b"\xef\xbf\xbd")  # U+FFFD written in the input: not a bad sequence
    bad = text.count("\ufffd") - literal
    good = sum(1 for ch in text if ch > "\x7f") - bad - literal
    return bad > 0 and good >= max(MIN_GOOD_NON_ASCII, GOOD_PER_BAD * bad)


def _by_line(data: bytes, warnings: list[Warning]) -> Decoded:
    """Each line in the encoding it reads in: UTF-8, GB18030, or UTF-8 with replacement."""
    parts: list[str] = []
    kinds: set[str] = set()
    for line in data.splitlines(keepends=True):
        if _strict(line, "utf-8"):
            parts.append(line.decode("utf-8"))
            if not line.isascii():
                kinds.add("utf-8")
        elif _mostly_utf8(line) or not (_strict(line, "gb18030") or _truncated(line, "gb18030")):
            parts.append(line.decode("utf-8", errors="replace"))
            kinds.add("utf-8")
        else:
            parts.append(line.decode("gb18030", errors="replace"))
            kinds.add("gb18030")
    text = "".join(parts)
    out = list(warnings)
    label = "+".join(sorted(kinds, key=("utf-8", "gb18030").index)) or "utf-8"
    if len(kinds) > 1:
        out.append(Warning("mixed_encoding", "the file mixes lines in UTF-8 and lines in GB18030 (GBK); each "
                           "line was read in the encoding it is valid in"))
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if bad > 0:
        out.append(Warning("decode_errors", f"{bad} byte sequence(s) could not be decoded as {label} and were "
                           "replaced by U+FFFD; the rest of the text was kept"))
    return Decoded(text, label, out)


def _detect(data: bytes) -> str | None:
    """A statistical guess, only for bytes that neither UTF-8 nor GB18030 accept."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def _decode_or_replace(data: bytes, codec: str, label: str, warnings: list[Warning]) -> Decoded:
    """Decode with ``codec``; bytes it cannot read become U+FFFD, counted in a warning."""
    try:
        return Decoded(data.decode(codec), label, warnings)
    except (UnicodeDecodeError, LookupError):
        pass
    try:
        text = data.decode(codec, errors="replace")
    except LookupError:
        codec = label = "utf-8"
        text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - (data.count(b"\xef\xbf\xbd") if codec.startswith("utf-8") else 0)
    warnings.append(
        Warning(
            "decode_errors",
            f"{bad} byte sequence(s) could not be decoded as {label} and were replaced by U+FFFD; "
            "the rest of the text was kept",
        )
    )
    return Decoded(text, label, warnings)
