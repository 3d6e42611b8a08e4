"""The tidy tables: rows per report, attendee, directive and credit, their writers, and the
snippets of docs/analysis.md run against tables made from the examples."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from _support import DEV, EXAMPLE_REPORTS, ROOT

from parser import parse_file, reports_to_rows
from parser.interfaces.tables import COLUMNS, REPORT_COLUMNS, TableWriter, format_of, rows

ANALYSIS = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")

REPORT: dict[str, Any] = {
    "source": {"path": "a/b.txt"},
    "headline": {"text": "青岚市召开工作会议", "span": [0, 9]},
    "published": {"value": "2024-03-06T09:00:00", "text": "2024-03-06 09:00"},
    "event": {"name": {"text": "青岚市工作会议", "span": [1, 8]}, "date": {"value": "2024-03-05", "text": "3月5日"},
              "place": None},
    "kind": "meeting_report",
    "attendees": [
        {"name": "韦知远", "titles": ["市委书记"], "roles": ["attended", "spoke"], "span": [20, 23]},
        {"name": "苗青松", "titles": ["市委副书记", "市长"], "roles": ["presided"], "span": [30, 33]},
    ],
    "directives": [
        {"level": 1, "ordinal": 1, "marker": "一", "text": "抓项目", "span": [40, 45], "speaker": "韦知远",
         "children": [{"level": 2, "ordinal": 1, "marker": "（一）", "text": "扩投资", "span": [46, 50],
                       "speaker": "韦知远", "children": []}]},
        {"level": 1, "ordinal": 2, "marker": "二", "text": "保民生", "span": [51, 55], "speaker": None,
         "children": []},
    ],
    "byline": [{"role": "reporter", "name": "林晓岚", "span": [60, 63]}],
    "warnings": [{"code": "stroke_order", "message": "…"}],
}


def test_rows_start_with_the_report_columns() -> None:
    for table in COLUMNS:
        for row in rows(REPORT, table):
            assert tuple(row)[: len(REPORT_COLUMNS)] == REPORT_COLUMNS
            assert (row["path"], row["published"], row["event_date"], row["event_name"]) == \
                ("a/b.txt", "2024-03-06T09:00:00", "2024-03-05", "青岚市工作会议")


def test_attendee_rows_join_titles_and_roles() -> None:
    got = [(r["position"], r["name"], r["titles"], r["roles"], r["span_start"]) for r in rows(REPORT, "attendees")]
    assert got == [(1, "韦知远", "市委书记", "attended;spoke", 20), (2, "苗青松", "市委副书记、市长", "presided", 30)]


def test_directive_rows_carry_their_outline_number() -> None:
    got = [(r["number"], r["level"], r["marker"], r["speaker"]) for r in rows(REPORT, "directives")]
    assert got == [("1", 1, "一", "韦知远"), ("1.1", 2, "（一）", "韦知远"), ("2", 1, "二", None)]


def test_report_row_counts_its_items() -> None:
    (row,) = rows(REPORT, "reports")
    assert (row["attendees"], row["directives"], row["credits"], row["warnings"], row["error"]) == \
        (2, 3, 1, "stroke_order", None)


def test_an_error_line_is_a_report_row_only() -> None:
    error = {"source": {"path": "bad.bin"}, "error": {"type": "binary", "message": "bad.bin: not text"}}
    assert list(rows(error, "attendees")) == []
    (row,) = rows(error, "reports")
    assert row["path"] == "bad.bin" and row["error"] == "binary: bad.bin: not text"


def test_unknown_table_and_format_are_refused() -> None:
    with pytest.raises(ValueError, match="attendees"):
        list(rows(REPORT, "people"))
    with pytest.raises(ValueError, match="parquet"):
        format_of("x.csv", "xlsx")
    assert (format_of("a.TSV", None), format_of("a.parquet", None), format_of(None, None)) == ("tsv", "parquet", "csv")


def test_reports_and_their_json_objects_give_the_same_rows() -> None:
    reports = [parse_file(p) for p in EXAMPLE_REPORTS]
    assert list(reports_to_rows(reports, "attendees")) == \
        list(reports_to_rows([r.to_dict() for r in reports], "attendees"))


def write_table(table: str, path: Path, bom: bool = False) -> int:
    """The examples' ``table`` written to ``path`` in the format of its suffix; rows written."""
    fmt = format_of(str(path), None)
    reports = [parse_file(p) for p in EXAMPLE_REPORTS]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = TableWriter(table, fmt, stream=None if fmt == "parquet" else fh, path=str(path), bom=bom)
        for row in reports_to_rows(reports, table):
            writer.write(row)
        writer.close()
    return writer.count


def test_csv_reads_back_with_pandas_without_options(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    n = write_table("attendees", tmp_path / "a.csv")
    expected = sum(len(parse_file(p).attendees) for p in EXAMPLE_REPORTS)
    frame = pd.read_csv(tmp_path / "a.csv")
    assert n == expected == len(frame)
    assert list(frame.columns) == list(COLUMNS["attendees"])
    assert "市委书记" in set(frame["titles"].dropna().str.split("、").explode())


def test_bom_switch_and_tsv(tmp_path: Path) -> None:
    write_table("credits", tmp_path / "c.csv", bom=True)
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    write_table("credits", tmp_path / "c.tsv")
    header = (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t") == list(COLUMNS["credits"])
    assert list(csv.DictReader(io.StringIO((tmp_path / "c.tsv").read_text(encoding="utf-8")), delimiter="\t"))


def test_parquet_keeps_the_column_types(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    n = write_table("directives", tmp_path / "d.parquet")
    table = pq.read_table(tmp_path / "d.parquet")
    assert table.num_rows == n > 0
    assert str(table.schema.field("level").type) == "int64"


def snippets(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", ANALYSIS, re.S)


@pytest.fixture
def tables_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """attendees.csv and reports.csv of the examples, in the current folder, as the docs' snippets expect."""
    write_table("attendees", tmp_path / "attendees.csv")
    write_table("reports", tmp_path / "reports.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("index", range(len(snippets("python"))))
def test_analysis_python_snippets_run(tables_dir: Path, index: int, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pandas")
    exec(compile(snippets("python")[index], f"docs/analysis.md python snippet {index + 1}", "exec"), {})
    assert capsys.readouterr().out.strip()


def test_analysis_follows_a_person_met_in_several_reports(tables_dir: Path) -> None:
    """The person the docs follow attends several examples, so the snippet shows a real career."""
    pytest.importorskip("pandas")
    namespace: dict[str, Any] = {}
    exec(snippets("python")[0], namespace)
    assert len(namespace["career"]) >= 2
    assert len(namespace["co_appearances"]) > 0


@pytest.mark.parametrize("index", range(len(snippets("r"))))
def test_analysis_r_snippets_run(tables_dir: Path, index: int) -> None:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (Debian: apt-get install r-base-core r-cran-readr)")
    proc = subprocess.run([rscript, "-e", snippets("r")[index]], cwd=tables_dir, capture_output=True, text=True,
                          timeout=300, check=False)
    if "there is no package called" in proc.stderr:
        pytest.skip("R's readr package is not installed (Debian: apt-get install r-cran-readr)")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "attendees in" in proc.stdout


def run_parse(*args: str) -> subprocess.CompletedProcess[str]:
    import sys

    return subprocess.run([sys.executable, "-m", "parser", *args], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, timeout=600, check=False)


def test_cli_table_has_one_row_per_attendee_of_the_json(tmp_path: Path) -> None:
    """``parse DIR --table attendees -o a.csv``: one row per attendee of ``parse DIR --jsonl``,
    read back by pandas with no options."""
    pd = pytest.importorskip("pandas")
    import json

    folders = [str(ROOT / "examples")]
    if DEV.is_dir():
        folders.append(str(DEV))
    lines = run_parse(*folders, "--jsonl", "-q").stdout.splitlines()
    expected = sum(len(json.loads(line).get("attendees") or []) for line in lines)
    proc = run_parse(*folders, "--table", "attendees", "-q", "-o", str(tmp_path / "a.csv"))
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(tmp_path / "a.csv")
    assert len(frame) == expected > 0
    assert frame["path"].nunique() == sum(1 for line in lines if json.loads(line).get("attendees"))


def test_cli_table_formats_and_usage_errors(tmp_path: Path) -> None:
    assert run_parse("examples", "--table", "credits", "--format", "tsv").stdout.split("\n", 1)[0].split("\t") == \
        list(COLUMNS["credits"])
    assert run_parse("examples", "--table", "credits", "--bom", "-o", str(tmp_path / "c.csv")).returncode == 0
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbfpath,")
    bad = run_parse("examples", "--table", "people")
    assert bad.returncode == 2 and "choose one of reports, attendees, directives, credits" in bad.stderr
    no_file = run_parse("examples", "--table", "reports", "--format", "parquet")
    assert no_file.returncode == 2 and "-o FILE.parquet" in no_file.stderr
