"""Property tests: any text, any bytes, and broken copies of real reports parse into valid reports.

Each example must parse without an exception, within a time bound, into a schema-valid report
whose spans lie inside the input, whose paragraphs do not overlap and which accounts for every
visible character of plain text (``robustness_checks.problems``).

The number of examples comes from a Hypothesis profile chosen by ``HYPOTHESIS_PROFILE``:
``robustness-ci`` (the default, 50 per test), ``robustness-dev`` (300) or ``robustness-thorough``
(3,000; the run recorded in docs/robustness.md). Corpus mutations read reports from
``../shared/corpus/dev`` and ``../shared/seeds`` and are skipped when they are absent.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from robustness_checks import SHARED, SHARED_MISSING, decoded, problems, time_limit

from parser.interfaces.api import parse

_COMMON = {"deadline": None, "suppress_health_check": list(HealthCheck), "print_blob": True}
settings.register_profile("robustness-ci", max_examples=50, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("robustness-dev", max_examples=300, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("robustness-thorough", max_examples=3000, **_COMMON)  # type: ignore[arg-type]
_NAME = os.environ.get("HYPOTHESIS_PROFILE", "")
PROFILE = settings.get_profile(_NAME if _NAME.startswith("robustness-") else "robustness-ci")
PER_EXAMPLE = 60.0  # seconds: generous, so a hang fails instead of stalling the run


def check(data: str | bytes) -> None:
    with time_limit(PER_EXAMPLE):
        report = parse(data).to_dict()
    found = problems(report, decoded(data))
    assert not found, "\n".join(found)


# --- arbitrary text and bytes ---------------------------------------------------------------------

# characters that matter to the stages: CJK, Chinese and ASCII punctuation, markers, markup,
# controls, BOM, zero-width, surrogate-free astral characters, combining marks
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.sampled_from(list("、，。；：！？（）《》“”·—…　 \t\n\r<>/&#;=\"'-_|一二三四五六七八九十是要第其0123456789")),
    st.sampled_from(["\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\ufeff", "\u200b", "\ufffd", "\U0001f600",
                     "\u0301", "\ud7ff", "\U00020000"]),
    st.characters(exclude_categories=["Cs"]),
)
_WORDS = st.sampled_from([
    "市委书记", "张伟", "王芳", "出席", "主持", "讲话", "强调", "指出", "会议", "召开", "一是", "二是", "三要",
    "一、", "（二）", "3.", "（记者 李娜）", "责任编辑：刘洋", "本报讯", "新华社北京1月2日电", "<p>", "</p>",
    "<div class=\"nav\">", "</div>", "<br>", "<script>", "</script>", "<!--", "-->", "<title>", "&amp;",
    "&#12290;", "&nbsp", "---\n", "title: 标题\n", "# ", "以姓氏笔画为序", "等", "同志", "和", "、", "，", "。",
    "\n", "　　", "(guó)", "國", "會議",
])
texts = st.one_of(
    st.text(_ALPHABET, max_size=500),
    st.lists(st.one_of(_WORDS, st.text(_ALPHABET, max_size=8)), max_size=120).map("".join),
)
binaries = st.one_of(
    st.binary(max_size=2000),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("gb18030", "replace")),
    texts.map(lambda t: t.encode("utf-16")),
    texts.map(lambda t: t.encode("utf-16-le")),
    st.tuples(texts, st.binary(max_size=8), st.integers(0, 10_000)).map(
        lambda x: _splice(x[0].encode("utf-8", "surrogatepass"), x[1], x[2])),
)


def _splice(data: bytes, junk: bytes, at: int) -> bytes:
    at = at % (len(data) + 1)
    return data[:at] + junk + data[at:]


@PROFILE
@given(texts)
def test_any_text(text: str) -> None:
    check(text)


@PROFILE
@given(binaries)
@example(b"\x00\xc2\x85")  # a NUL and a NEL: once the NUL went, a blank paragraph was left
def test_any_bytes(data: bytes) -> None:
    check(data)


# --- tag soup: the HTML tree builder moves, merges and drops text -------------------------------------

_SOUP_TAGS = ["div", "p", "span", "b", "i", "a", "table", "tr", "td", "th", "tbody", "ul", "li", "ol", "h1", "h2",
              "title", "script", "style", "svg", "math", "template", "select", "option", "textarea", "pre", "form",
              "button", "font", "nobr", "center", "section", "nav", "footer", "br", "img", "hr", "frameset", "body",
              "html", "head", "noscript", "iframe", "xmp", "plaintext", "caption", "colgroup", "dl", "dt", "dd"]
_ATTRS = st.sampled_from(["", ' class="nav"', ' class="caption"', ' id="footer"', ' class="content article"',
                          " title='a>b'", ' style="x"', " /"])
_SOUP_TEXT = st.one_of(_WORDS, st.text(_ALPHABET, max_size=12), st.sampled_from(["&amp;", "&#0;", "&#x4E2D;", "&nbsp"]))


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda tag, attrs, inner, close: f"<{tag}{attrs}>{inner}" + (f"</{tag}>" if close else ""),
        st.sampled_from(_SOUP_TAGS), _ATTRS, children, st.booleans())


soups = st.recursive(_SOUP_TEXT, lambda kids: st.one_of(
    _element(kids), st.lists(kids, min_size=2, max_size=8).map("".join),
    st.tuples(kids, st.sampled_from(["</td>", "</tr>", "</table>", "</b>", "</p>", "</div>", "<!--", "-->"]), kids)
    .map("".join)), max_leaves=200).map(lambda soup: soup if len(soup) % 3 == 0 else "<html><body>" + soup)


@PROFILE
@given(soups)
def test_any_html(soup: str) -> None:
    check(soup)
    check(soup.encode("gb18030", "replace"))


# --- mutations of real reports --------------------------------------------------------------------


def _corpus() -> list[Path]:
    folders = [SHARED / "corpus" / "dev", SHARED / "seeds"]
    files = [p for f in folders if f.is_dir() for p in sorted(f.rglob("*"))
             if p.is_file() and p.suffix in (".txt", ".html", ".htm", ".md") and not p.name.endswith(".gold.json")]
    return files


CORPUS = _corpus()
needs_corpus = pytest.mark.skipif(not CORPUS, reason=SHARED_MISSING)

_TAGS = ["<div>", "</div>", "<p>", "</p>", "<br/>", "<script>var a='出席';</script>", "<!-- 主持 -->", "<b>",
         "</table>", "<title>", "<div class=\"nav\">", "&nbsp;", "&#0;", "<![CDATA[", "<svg><text>", "</html>",
         "<html>", "<table>", "<tr>", "<td>"]


def mutate(raw: bytes, seed: int) -> bytes:
    """A broken copy of a report: paragraphs cut, duplicated, shuffled, tags injected, bytes
    truncated or flipped, the encoding swapped; a few of these, chosen by ``seed``."""
    rnd = random.Random(seed)
    text = raw.decode("utf-8", "replace")
    lines = text.splitlines(keepends=True) or [text]
    for _ in range(rnd.randint(1, 4)):
        op = rnd.choice(["cut", "dup", "shuffle", "tags", "truncate", "repeat", "join", "drop_newlines"])
        if op == "cut" and len(lines) > 1:
            a = rnd.randrange(len(lines))
            del lines[a : a + rnd.randint(1, max(1, len(lines) // 3))]
        elif op == "dup" and lines:
            a = rnd.randrange(len(lines))
            lines[a:a] = lines[a : a + rnd.randint(1, 5)]
        elif op == "shuffle":
            rnd.shuffle(lines)
        elif op == "tags" and lines:
            for _ in range(rnd.randint(1, 20)):
                i = rnd.randrange(len(lines))
                at = rnd.randint(0, len(lines[i]))
                lines[i] = lines[i][:at] + rnd.choice(_TAGS) + lines[i][at:]
        elif op == "truncate" and lines:
            joined = "".join(lines)
            lines = [joined[: rnd.randint(0, len(joined))]]
        elif op == "repeat" and lines:
            lines.append(rnd.choice(lines) * rnd.randint(2, 50))
        elif op == "join":
            lines = ["".join(lines).replace("\n", rnd.choice(["", " ", "　", "\r"]))]
        elif op == "drop_newlines" and len(lines) > 2:
            a = rnd.randrange(len(lines) - 1)
            lines[a] = lines[a].rstrip("\r\n")
    out = "".join(lines)[:1_000_000]  # repeats can grow a report a hundredfold: keep examples quick
    encoding = rnd.choice(["utf-8", "utf-8", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-8-sig", "big5"])
    data = out.encode(encoding, "replace")
    if rnd.random() < 0.3 and data:  # a cut download or a flipped byte
        cut = rnd.randrange(len(data))
        data = data[:cut] if rnd.random() < 0.5 else data[:cut] + bytes([rnd.randrange(256)]) + data[cut + 1 :]
    return data


@needs_corpus
@PROFILE
@given(st.integers(0, max(0, len(CORPUS) - 1)), st.integers(0, 2**32 - 1))
def test_mutated_reports(index: int, seed: int) -> None:
    check(mutate(CORPUS[index].read_bytes(), seed))


@needs_corpus
@PROFILE
@given(st.integers(0, max(0, len(CORPUS) - 1)), st.integers(0, 2**32 - 1))
def test_mutated_reports_as_text(index: int, seed: int) -> None:
    data = mutate(CORPUS[index].read_bytes(), seed)
    text = decoded(data)
    if text is not None:
        check(text)
