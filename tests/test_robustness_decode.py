"""Decoding broken and hostile bytes: real file signatures refused, text with odd bytes kept,
round trips through the encodings Chinese sites use, cut and mixed files read as well as they
can be, with every replaced byte counted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_robustness_properties import PROFILE

from parser.errors import InputError
from parser.ingest.decode import decode_bytes, refuse_binary, utf16_without_bom

TEXT = "青岚市召开全市安全生产工作会议\n　　10月8日下午，市委书记韦知远出席会议并讲话。\n"

HEADERS = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpeg": b"\xff\xd8\xff\xe1\x00\x18Exif\x00\x00",
    "gif": b"GIF89a\x10\x00\x10\x00",
    "tiff": b"II*\x00\x08\x00\x00\x00",
    "pdf": b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n",
    "zip": b"PK\x03\x04\x14\x00\x00\x00",
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    "xz": b"\xfd7zXZ\x00\x00\x04",
    "7z": b"7z\xbc\xaf\x27\x1c\x00\x04",
    "rar": b"Rar!\x1a\x07\x01\x00",
    "elf": b"\x7fELF\x02\x01\x01\x00",
    "pe": b"MZ\x90\x00\x03\x00\x00\x00",
    "bzip2": b"BZh91AY&SY\x12\x34",
    "mach-o": b"\xcf\xfa\xed\xfe\x07\x00\x00\x01",
    "wasm": b"\x00asm\x01\x00\x00\x00",
    "mp4": b"\x00\x00\x00\x20ftypisom",
    "mov": b"\x00\x00\x00\x14ftypqt  ",
    "webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81",
    "mp3": b"ID3\x03\x00\x00\x00\x00",
    "ogg": b"OggS\x00\x02\x00\x00",
    "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "woff2": b"wOF2\x00\x01\x00\x00",
    "sqlite": b"SQLite format 3\x00",
}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_real_file_signatures_are_refused(name: str) -> None:
    data = HEADERS[name] + bytes(range(256)) * 2
    with pytest.raises(InputError) as exc:
        refuse_binary(data)
    assert exc.value.code == "binary"
    assert "not a text report" in exc.value.message


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8") + b"\x0c\x1b[0m",  # a form feed and a terminal escape
    TEXT.encode("gb18030").replace(b"\n", b"\x01\n", 1),  # one stray control byte
    b"\x00" + TEXT.encode("utf-8") * 20,  # one NUL in a long text
    "MZ 是一个缩写，韦知远出席".encode(),  # begins like a Windows executable, in letters only
    "BZh 是一个缩写，韦知远出席".encode(),
    "ID3 是一个缩写，韦知远出席".encode(),
], ids=["escape", "stray-control", "one-nul", "mz-word", "bzh-word", "id3-word"])
def test_text_with_a_few_odd_bytes_is_not_refused(data: bytes) -> None:
    refuse_binary(data)
    assert "韦知远" in decode_bytes(data).text or "缩写" in decode_bytes(data).text


def test_control_bytes_without_a_signature_are_refused() -> None:
    with pytest.raises(InputError, match="control characters"):
        refuse_binary(bytes(1 + (i * 37) % 31 for i in range(4000)))  # no NULs: control bytes only


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(codec: str) -> None:
    data = TEXT.encode(codec)
    assert utf16_without_bom(data) == codec
    assert decode_bytes(data).text == TEXT


def test_english_is_not_utf16() -> None:
    assert utf16_without_bom(b"hello world, this is plain ASCII text " * 20) is None


def test_cut_mid_character_counts_one_replacement() -> None:
    for codec in ("utf-8", "gb18030"):
        data = TEXT.encode(codec).rstrip(b"\n")[:-1]
        d = decode_bytes(data)
        assert d.encoding == codec
        assert [w.code for w in d.warnings] == ["decode_errors"]
        assert d.warnings[0].message.startswith("1 byte sequence")
        assert d.text.startswith(TEXT[:20])


def test_undecodable_bytes_are_refused() -> None:
    junk = bytes(0x80 + (i * 53) % 0x7F for i in range(5000))
    with pytest.raises(InputError) as exc:
        decode_bytes(junk)
    assert exc.value.code in ("undecodable", "binary")


_PUNCT = list("，。、；：！？（）“”《》 0123456789abcXYZ\n　")
cjk = st.text(st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), st.sampled_from(_PUNCT)),
              min_size=20, max_size=300)


@PROFILE
@given(cjk, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_round_trip(text: str, codec: str) -> None:
    """Chinese text of twenty characters or more comes back exactly from each encoding."""
    if codec == "gb18030" and sum(ch >= "\u4e00" for ch in text) < 10:
        return  # a few GBK characters can also be valid UTF-8 (录 = C2 BC = ¼): undecidable
    data = text.encode(codec)
    d = decode_bytes(data)
    expected = text if codec not in ("utf-8-sig", "utf-16") else "\ufeff" + text
    assert d.text in (text, expected)
    assert not d.warnings


@PROFILE
@given(cjk, st.integers(1, 3))
def test_cut_utf8_keeps_everything_before_the_cut(text: str, cut: int) -> None:
    data = text.encode("utf-8")
    if len(data) <= cut:
        return
    d = decode_bytes(data[:-cut])
    kept = data[:-cut].decode("utf-8", "ignore")
    assert d.text.replace("\ufffd", "") == kept
