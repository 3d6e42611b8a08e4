"""normalize.py: pinyin glosses out, traditional to simplified with the original kept, offsets back."""

from __future__ import annotations

from parser import parse
from parser.ingest.containers import read_container
from parser.normalize.text import GLOSS, NormText, is_traditional, normalize_segments, to_simplified

GLOSSED = "雲溪縣召開工作會(huì)議\n　　縣委書(shū)記錢乾(qián)出席會議並講話，縣長鍾曉薇主持會議。\n"


def norms_of(text: str, **kw: bool) -> list[NormText]:
    return normalize_segments(read_container(text).segments, **kw)[0]


def test_glosses_are_removed_and_counted() -> None:
    norms, stats = normalize_segments(read_container(GLOSSED).segments)
    assert [n.text for n in norms] == ["云溪县召开工作会议", "县委书记钱干出席会议并讲话，县长钟晓薇主持会议。"]
    assert stats.glosses_removed == 3
    assert stats.converted


def test_gloss_is_one_syllable_after_a_han_character() -> None:
    (n,) = norms_of("记者(jì zhě)与组织(WTO)和会(huì)议(2024)，a(b)不变。")
    assert n.text == "记者（jì zhě）与组织（WTO）和会议（2024），a（b）不变。"


def test_every_character_maps_back_to_its_input_character() -> None:
    for n in norms_of(GLOSSED):
        for i, ch in enumerate(n.text):
            at = int(n.offsets[i])
            assert GLOSSED[at] == n.original[i], (ch, at)
            assert to_simplified(GLOSSED[at]) == ch


def test_span_of_a_name_skips_the_gloss_after_it() -> None:
    norms = norms_of(GLOSSED)
    lead = norms[1]
    i = lead.text.index("钱干")
    a, b = lead.span(i, i + 2)
    assert GLOSSED[a:b] == "錢乾"
    assert lead.original_of(i, i + 2) == "錢乾"


def test_t2s_keeps_the_original_name() -> None:
    """钱乾 must not silently become 钱干: the original form rides along."""
    report = parse(GLOSSED).to_dict()
    qian = report["attendees"][0]
    assert qian["name"] == "钱干"
    assert qian["name_original"] == "錢乾"
    a, b = qian["span"]
    assert GLOSSED[a:b] == "錢乾"
    assert report["headline"]["text"] == "云溪县召开工作会议"
    assert report["headline"]["text_original"] == "雲溪縣召開工作會議"
    assert report["lead"]["text_original"].startswith("縣委書記錢乾")
    assert report["source"]["script"] == "traditional"
    assert report["source"]["converted_to_simplified"] is True
    assert report["source"]["glosses_removed"] == 3


def test_mixed_text_converted_still_shows_the_original() -> None:
    text = "云溪县召开工作会议\n　　县委书记钱乾出席会议并讲话，县长钟晓薇主持会议。會\n"
    report = parse(text).to_dict()
    qian = report["attendees"][0]
    assert qian["name"] == "钱乾" or qian.get("name_original") == "钱乾"


def test_simplified_text_is_not_converted() -> None:
    text = "云溪县召开工作会议\n　　县委书记钱乾出席会议并讲话。\n"
    report = parse(text).to_dict()
    assert report["source"]["script"] == "simplified"
    assert report["source"]["converted_to_simplified"] is False
    (qian,) = report["attendees"]
    assert qian["name"] == "钱乾" and "name_original" not in qian
    assert "text_original" not in report["lead"]


def test_keep_script_keeps_traditional_text() -> None:
    norms, stats = normalize_segments(read_container(GLOSSED).segments, keep_script=True)
    assert norms[0].text == "云溪县召开工作会议"  # the stages read simplified text …
    assert norms[0].shown(0, len(norms[0].text)) == "雲溪縣召開工作會議"  # … the output shows it as written
    assert stats.converted
    report = parse(GLOSSED, keep_script=True).to_dict()
    assert report["headline"]["text"] == "雲溪縣召開工作會議"
    assert report["source"]["converted_to_simplified"] is False
    assert report["source"]["script"] == "traditional"


def test_convert_flag_overrides_detection() -> None:
    (n,) = norms_of("錢乾出席", convert=False)
    assert n.text == "錢乾出席"
    (n,) = norms_of("錢乾出席", convert=True)
    assert n.text == "钱干出席"


def test_is_traditional() -> None:
    assert is_traditional("會議召開")
    assert not is_traditional("会议召开")


def test_to_simplified_is_one_char_for_one() -> None:
    for text in ("乾隆年間的乾坤", "錢乾", "著名的瞭望台", "歷史"):
        assert len(to_simplified(text)) == len(text)


def test_punctuation_widths_and_indentation() -> None:
    text = "　　時間:10:30, 地點:会场;网址 http://example.org\t\n"
    (n,) = norms_of(text, convert=False)
    assert n.text == "時間：10:30， 地點：会场；网址 http://example.org"
    assert n.indented
    for i, ch in enumerate(n.text):
        src = text[int(n.offsets[i])]
        assert src == ch or (src, ch) in {(",", "，"), (":", "："), (";", "；")}


def test_control_characters_are_dropped_with_offsets_kept() -> None:
    text = "会\u200b议\x07召\ufeff开"
    (n,) = norms_of(text)
    assert n.text == "会议召开"
    assert [text[int(o)] for o in n.offsets[:4]] == list("会议召开")


def test_blank_segments_disappear() -> None:
    assert norms_of("　　 \u200b\n\n") == []


def test_a_line_left_blank_by_its_controls_disappears() -> None:
    """A NUL beside a space the strip does not know (NEL, U+2004 …) made a non-blank line that
    normalised to a blank paragraph (hypothesis found ``b"\\x00\\xc2\\x85"``)."""
    for space in ("\x85", "\u2004", "\u202f", "\u1680"):
        assert [n.text for n in norms_of(f"\x00{space}\n会议召开\n{space}\x07")] == ["会议召开"]
        assert parse(f"\x00{space}".encode()).paragraphs == []


def test_offsets_of_report_fields_map_back() -> None:
    report = parse(GLOSSED).to_dict()
    for key in ("headline", "lead"):
        a, b = report[key]["span"]
        assert GLOSS.sub("", GLOSSED[a:b]) == report[key]["text_original"]


def test_keep_script_finds_the_same_people() -> None:
    simplified = parse(GLOSSED).to_dict()
    kept = parse(GLOSSED, keep_script=True).to_dict()
    assert [a["name_original"] for a in simplified["attendees"]] == [a["name"] for a in kept["attendees"]]
    assert [a["roles"] for a in simplified["attendees"]] == [a["roles"] for a in kept["attendees"]]


def test_traditional_markers_exist_only_in_traditional_script() -> None:
    """A marker that is also a simplified character would send simplified text through OpenCC."""
    import opencc

    from parser.vocabulary.lexicon import words

    conv = opencc.OpenCC("t2s")
    assert [w for w in words("traditional_markers.txt") if conv.convert(w) == w] == []
