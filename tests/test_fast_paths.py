"""The speed shortcuts of the layout, extract and build stages give what the plain code gave."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from parser import model
from parser.layout import document, document_grammar

# characters the marker patterns, speech cues and first-person words are made of, and filler
_ALPHABET = "一二三四十〇0123456789是要否求第其（()）、，：；。！？ .．\n\u3000会议上全强调指出我们代表大家同志汉字"
texts = st.text(alphabet=_ALPHABET, max_size=40)
SETTINGS = settings(max_examples=400, deadline=None)


_CLASSES = ("TITLE", "HEADING", "BODY", "SALUTATION", "BOILER", "META", "CREDIT", "NOTE", "CAPTION")


@SETTINGS
@given(st.lists(st.sampled_from(_CLASSES), max_size=12))
def test_cached_token_plan_is_the_parsed_one(classes: list[str]) -> None:
    key = tuple(classes)
    assert document_grammar._cached_tokens(key) == document_grammar._read_tokens(key)
    # and a second look-up (from the cache) too
    assert document_grammar._cached_tokens(key) == document_grammar._read_tokens(key)


@SETTINGS
@given(texts)
def test_first_person_count_as_findall(text: str) -> None:
    from parser.extract.kind import count_cue, cue_pattern

    assert count_cue("first_person", text) == len(cue_pattern("first_person").findall(text))


_DATELINE_ALPHABET = "本报新华社中新网人民央视光明经济日电讯消息北京记者（()）：: 网汉字甲乙"


@SETTINGS
@given(st.text(alphabet=_DATELINE_ALPHABET, max_size=24))
def test_dateline_words_cover_every_unbracketed_dateline(text: str) -> None:
    """``_dateline`` skips the search where the text holds no word of a row: it misses none."""
    if document._dateline_pattern().match(text):
        assert document._may_open_dateline(text)


_any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
_span = st.tuples(st.integers(-(2**70), 2**70), st.integers(-5, 10**6))
_paragraph = st.builds(
    model.Paragraph,
    st.sampled_from(["headline", "lead", "body", "byline", "boilerplate"]) | _any_text,
    _any_text,
    _span,  # of its declared type: the compiled build (hatch_build.py) checks it
    st.none() | _any_text,
)
_report = st.builds(
    model.Report,
    kind=st.sampled_from(["meeting_report", "speech", "other"]),
    headline=st.none() | st.builds(model.TextField, _any_text, _span, st.none() | _any_text),
    lead=st.none() | st.builds(model.TextField, _any_text, _span),
    attendees=st.lists(st.builds(model.Attendee, _any_text, st.lists(_any_text, max_size=2),
                                 st.just(["attended"]), _span), max_size=2),
    directives=st.lists(st.builds(model.Directive, st.integers(1, 3), st.integers(1, 9), _any_text, _any_text,
                                  _span), max_size=2),
    byline=st.lists(st.builds(model.Credit, st.just("reporter"), _any_text, _span), max_size=2),
    source=st.builds(model.SourceInfo, st.none() | _any_text, _any_text, _any_text, _any_text,
                     metadata=st.dictionaries(_any_text, _any_text, max_size=2)),
    groups=st.lists(st.builds(model.Group, _any_text, st.just(["attended"]), _span), max_size=2),
    dateline=st.none() | st.builds(model.TextField, _any_text, _span),
    paragraphs=st.lists(_paragraph, max_size=5),
    warnings=st.lists(st.builds(model.Warning, _any_text, _any_text), max_size=2),
)


@SETTINGS
@given(_report)
def test_report_round_trips_through_its_json(report: model.Report) -> None:
    """``Report.from_dict`` reads back what ``to_dict`` wrote, and ``to_json`` is that object's text."""
    data = report.to_dict()
    assert model.Report.from_dict(data).to_dict() == data
    assert json.loads(report.to_json(indent=None)) == json.loads(json.dumps(data, ensure_ascii=False))


@SETTINGS
@given(st.text(alphabet=_DATELINE_ALPHABET, max_size=24))
def test_dateline_shortcut_as_the_search(text: str) -> None:
    m, old = document._dateline(text), document._dateline_pattern().match(text)
    assert (m and m.span()) == (old and old.span())


@SETTINGS
@given(st.lists(texts, max_size=5))
def test_first_person_count_over_joined_paragraphs(paragraphs: list[str]) -> None:
    from parser.extract.kind import count_cue

    old = sum(count_cue("first_person", text) for text in paragraphs)
    assert count_cue("first_person", "\n".join(paragraphs)) == old
