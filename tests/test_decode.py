"""decode.py: bytes to text — BOMs, UTF-16, the GB family, wrong declarations, binary refusal."""

from __future__ import annotations

import pytest

from parser import parse
from parser.errors import InputError
from parser.ingest.decode import declared_charset, decode_bytes, refuse_binary

TEXT = "青岚市召开工作会议\n　　3月1日，市委书记韦知远出席会议并讲话。\n"


def page(charset: str, body: str = TEXT) -> str:
    return f'<html><head><meta charset="{charset}"><title>会议</title></head><body><p>{body}</p></body></html>'


def test_plain_utf8() -> None:
    d = decode_bytes(TEXT.encode("utf-8"))
    assert (d.text, d.encoding, d.warnings) == (TEXT, "utf-8", [])


def test_utf8_bom_is_not_text() -> None:
    d = decode_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert d.text.lstrip("\ufeff") == TEXT
    assert d.encoding.startswith("utf-8")
    assert not d.warnings


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    data = bom + TEXT.encode(codec)
    d = decode_bytes(data)
    assert d.text.lstrip("\ufeff") == TEXT
    assert d.encoding.replace("_", "-").startswith("utf-16")
    assert not d.warnings


@pytest.mark.parametrize("codec", ["gbk", "gb2312", "gb18030"])
def test_gb_family_without_declaration(codec: str) -> None:
    d = decode_bytes(TEXT.encode(codec))
    assert d.text == TEXT
    assert d.encoding == "gb18030"  # the superset reads all three


def test_gb18030_only_characters() -> None:
    text = "会议由韦知远主持。㐀𠀀"  # CJK extension A and B need GB18030 four-byte codes
    assert decode_bytes(text.encode("gb18030")).text == text


def test_declared_gbk_page_in_gbk() -> None:
    raw = page("gb2312").encode("gbk")
    d = decode_bytes(raw)
    assert TEXT in d.text
    assert not d.warnings


def test_declared_gbk_but_really_utf8() -> None:
    """UTF-8 is tried first: a page that says gbk but is valid UTF-8 reads as UTF-8."""
    d = decode_bytes(page("gbk").encode("utf-8"))
    assert TEXT in d.text
    assert d.encoding == "utf-8"


def test_declared_utf8_but_really_gbk_warns() -> None:
    d = decode_bytes(page("utf-8").encode("gbk"))
    assert TEXT in d.text
    assert d.encoding == "gb18030"
    assert [w.code for w in d.warnings] == ["charset_mismatch"]
    assert "utf-8" in d.warnings[0].message.lower()


def test_declared_unknown_charset_falls_back_to_gb18030() -> None:
    d = decode_bytes(page("x-no-such-charset").encode("gbk"))
    assert TEXT in d.text
    assert d.encoding == "gb18030"
    assert [w.code for w in d.warnings] == ["charset_mismatch"]


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252"])
def test_declared_latin1_but_really_gbk(charset: str) -> None:
    d = decode_bytes(page(charset).encode("gbk"))
    assert TEXT in d.text and d.encoding == "gb18030"
    assert [w.code for w in d.warnings] == ["charset_mismatch"]


def test_declared_charset_reads_meta_and_xml() -> None:
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">') == "gb2312"
    assert declared_charset(b'<meta charset="utf-8">') == "utf-8"
    assert declared_charset(b'<?xml version="1.0" encoding="GBK"?>') == "gbk"
    assert declared_charset("会议召开".encode()) is None


def test_undecodable_bytes_are_replaced_with_a_warning() -> None:
    data = "会议召开".encode() + b"\x80\x80\xff" + "韦知远出席".encode()
    d = decode_bytes(data)
    assert "会议召开" in d.text and "韦知远出席" in d.text
    assert "\ufffd" in d.text
    assert [w.code for w in d.warnings] == ["decode_errors"]


def test_truncated_utf16_keeps_its_text() -> None:
    data = b"\xff\xfe" + "韦知远出席会议".encode("utf-16-le") + b"\x00"
    d = decode_bytes(data)
    assert "韦知远出席会议" in d.text
    assert "\x00" not in d.text
    assert d.encoding == "utf-16-le" and [w.code for w in d.warnings] == ["decode_errors"]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04" + b"\x14\x00" * 20,
        b"\x1f\x8b\x08\x00" + b"\x00" * 30,
        b"\x7fELF\x02\x01\x01" + b"\x00" * 40,
        b"GIF89a" + b"\x01" * 20,
        b"\x00\x01\x02\x03" * 200,
    ],
    ids=["png", "pdf", "zip", "gzip", "elf", "gif", "nul-bytes"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        refuse_binary(data)
    assert exc.value.code == "binary"
    with pytest.raises(InputError):
        decode_bytes(data)
    # the library call never raises: it reports the refusal as a warning on an empty report
    report = parse(data).to_dict()
    assert report["warnings"][0]["code"] == "binary"
    assert report["attendees"] == [] and report["paragraphs"] == []


def test_text_is_not_refused() -> None:
    refuse_binary(TEXT.encode("utf-8"))
    refuse_binary(TEXT.encode("utf-16"))  # NULs are normal in UTF-16 with a BOM


@pytest.mark.parametrize(
    "bom, codec",
    [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")],
    ids=["utf-16-be", "utf-16-le"],
)
def test_spans_index_the_text_decoded_with_the_reported_encoding(bom: bytes, codec: str) -> None:
    data = bom + TEXT.encode(codec)
    report = parse(data).to_dict()
    decoded = data.decode(report["source"]["encoding"])
    assert report["source"]["length"] == len(decoded)
    a, b = report["headline"]["span"]
    assert decoded[a:b] == "青岚市召开工作会议"
    (att,) = report["attendees"]
    assert decoded[att["span"][0] : att["span"][1]] == "韦知远"


def test_spans_with_utf8_bom_index_the_reported_decoding() -> None:
    data = b"\xef\xbb\xbf" + TEXT.encode("utf-8")
    report = parse(data).to_dict()
    decoded = data.decode(report["source"]["encoding"])
    assert report["source"]["length"] == len(decoded)
    a, b = report["headline"]["span"]
    assert decoded[a:b] == "青岚市召开工作会议"


def test_gbk_bytes_parse_end_to_end() -> None:
    report = parse(page("gbk").encode("gbk")).to_dict()
    assert report["source"]["encoding"] == "gb18030"
    assert report["source"]["format"] == "html"
    assert [a["name"] for a in report["attendees"]] == ["韦知远"]
