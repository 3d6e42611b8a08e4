"""Reports as tidy tables: one row per report, attendee, directive or credit.

Researchers load these into pandas, R or a spreadsheet rather than walk JSON. Every row
starts with the same columns that say which report it came from (``path``, ``headline``,
``published``, ``event_date``, ``event_name``), then the item's own columns. Lists inside a
cell are joined: titles with ``、`` (as they are written in Chinese), roles with ``;``.

    >>> from parser import parse_file, reports_to_rows
    >>> rows = list(reports_to_rows([parse_file("examples/plain_meeting.txt")], "attendees"))
    >>> rows[0]["name"], rows[0]["titles"]

The rows are built from a report's JSON object (``Report.to_dict()`` or a line of ``parse
--jsonl``), so a saved JSON Lines file can be tabulated later the same way. Writers for CSV,
TSV and Parquet stream rows to a file (:func:`open_table`); Parquet needs pyarrow
(``pip install "meeting-report-parser[tables]"``).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

TITLE_JOINER = "、"  # how a title chain is written in Chinese
ROLE_JOINER = ";"
# the columns every row starts with: which report it came from
REPORT_COLUMNS = ("path", "headline", "published", "event_date", "event_name")

COLUMNS: dict[str, tuple[str, ...]] = {
    "reports": (*REPORT_COLUMNS, "kind", "event_place", "lead", "attendees", "directives", "credits",
                "warnings", "error"),
    "attendees": (*REPORT_COLUMNS, "position", "name", "titles", "roles", "span_start", "span_end"),
    "directives": (*REPORT_COLUMNS, "position", "number", "level", "ordinal", "marker", "text", "speaker",
                   "span_start", "span_end"),
    "credits": (*REPORT_COLUMNS, "position", "role", "name", "span_start", "span_end"),
}
TABLES = tuple(COLUMNS)
FORMATS = ("csv", "tsv", "parquet")

Row = dict[str, Any]


def _text(field: Any, key: str = "text") -> str | None:
    """A ``{text, span}``-style field's text (or ``value``), a plain string as is, else None."""
    if isinstance(field, Mapping):
        value = field.get(key)
        return value if isinstance(value, str) else None
    return field if isinstance(field, str) else None


def report_columns(report: Mapping[str, Any]) -> Row:
    """The columns that say which report a row belongs to."""
    event = report.get("event") or {}
    return {
        "path": (report.get("source") or {}).get("path"),
        "headline": _text(report.get("headline")),
        "published": _text(report.get("published"), "value"),
        "event_date": _text(event.get("date"), "value"),
        "event_name": _text(event.get("name")),
    }


def _span(item: Mapping[str, Any]) -> Row:
    span = item.get("span") or [None, None]
    return {"span_start": span[0], "span_end": span[1]}


def _report_row(report: Mapping[str, Any]) -> Iterator[Row]:
    event = report.get("event") or {}
    error = report.get("error")
    yield {
        "kind": report.get("kind"),
        "event_place": _text(event.get("place")),
        "lead": _text(report.get("lead")),
        "attendees": len(report.get("attendees") or []),
        "directives": sum(1 for _ in _walk(report.get("directives") or [])),
        "credits": len(report.get("byline") or []),
        "warnings": ROLE_JOINER.join(w.get("code", "") for w in report.get("warnings") or []),
        "error": f"{error.get('type')}: {error.get('message')}" if isinstance(error, Mapping) else None,
    }


def _attendee_rows(report: Mapping[str, Any]) -> Iterator[Row]:
    for position, person in enumerate(report.get("attendees") or [], 1):
        yield {"position": position, "name": person.get("name"),
               "titles": TITLE_JOINER.join(person.get("titles") or []),
               "roles": ROLE_JOINER.join(person.get("roles") or []), **_span(person)}


def _walk(items: list[Mapping[str, Any]], prefix: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Directives in document order with their outline number (``2.1.3``)."""
    for k, item in enumerate(items, 1):
        number = f"{prefix}{k}"
        yield number, item
        yield from _walk(item.get("children") or [], number + ".")


def _directive_rows(report: Mapping[str, Any]) -> Iterator[Row]:
    for position, (number, item) in enumerate(_walk(report.get("directives") or []), 1):
        yield {"position": position, "number": number, "level": item.get("level"), "ordinal": item.get("ordinal"),
               "marker": item.get("marker"), "text": item.get("text"), "speaker": item.get("speaker"), **_span(item)}


def _credit_rows(report: Mapping[str, Any]) -> Iterator[Row]:
    for position, credit in enumerate(report.get("byline") or [], 1):
        yield {"position": position, "role": credit.get("role"), "name": credit.get("name"), **_span(credit)}


_ITEMS: dict[str, Callable[[Mapping[str, Any]], Iterator[Row]]] = {
    "reports": _report_row, "attendees": _attendee_rows, "directives": _directive_rows, "credits": _credit_rows,
}


def rows(report: Mapping[str, Any], table: str) -> Iterator[Row]:
    """The rows of ``table`` for one report's JSON object. A batch's error line (a file that
    could not be read) gives a row in ``reports`` and none elsewhere."""
    if table not in _ITEMS:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if "error" in report and table != "reports":
        return
    head = report_columns(report)
    for item in _ITEMS[table](report):
        yield {**head, **item}


def reports_to_rows(reports: Iterable[Any], table: str) -> Iterator[Row]:
    """Rows of ``table`` over many reports: ``Report`` objects, their JSON objects, or a mix."""
    for report in reports:
        obj = report.to_dict() if hasattr(report, "to_dict") else report
        yield from rows(obj, table)


def format_of(output: str | None, chosen: str | None) -> str:
    """The table format: ``chosen`` if given, else the output file's suffix, else CSV."""
    if chosen:
        if chosen not in FORMATS:
            raise ValueError(f"unknown table format {chosen!r}; choose one of {', '.join(FORMATS)}")
        return chosen
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in FORMATS else "csv"


class TableWriter:
    """Writes rows of one table to a CSV/TSV stream or a Parquet file, as they come."""

    # rows held before a Parquet row group is written: bounded memory over any batch
    PARQUET_BATCH_ROWS = 10_000

    def __init__(self, table: str, fmt: str, stream: IO[str] | None = None, path: str | None = None,
                 bom: bool = False) -> None:
        self.table = table
        self.columns = COLUMNS[table]
        self.fmt = fmt
        self.count = 0
        self._pending: list[Row] = []
        self._parquet: Any = None
        self._path = path
        if fmt == "parquet":
            if path is None:
                raise ValueError("Parquet is written to a file: give an output path (-o tables.parquet)")
            try:
                import pyarrow  # noqa: F401
            except ImportError as exc:
                raise ValueError('Parquet needs pyarrow: pip install "meeting-report-parser[tables]"') from exc
            return
        assert stream is not None
        if bom:
            stream.write("\ufeff")  # Excel reads a CSV as UTF-8 only when it opens with a BOM
        self._csv = csv.DictWriter(stream, fieldnames=self.columns, delimiter="\t" if fmt == "tsv" else ",",
                                   lineterminator="\n", extrasaction="ignore")
        self._csv.writeheader()

    def write(self, row: Row) -> None:
        self.count += 1
        if self.fmt != "parquet":
            self._csv.writerow(row)
            return
        self._pending.append(row)
        if len(self._pending) >= self.PARQUET_BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        batch = pa.Table.from_pylist([{c: r.get(c) for c in self.columns} for r in self._pending],
                                     schema=_arrow_schema(self.columns))
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self._path, batch.schema)
        self._parquet.write_table(batch)
        self._pending = []

    def close(self) -> None:
        if self.fmt == "parquet":
            if self._pending or self._parquet is None:
                self._flush()
            self._parquet.close()


_INTEGER_COLUMNS = frozenset({"position", "level", "ordinal", "span_start", "span_end", "attendees", "directives",
                              "credits"})


def _arrow_schema(columns: tuple[str, ...]) -> Any:
    """Integers where the column counts or points, strings elsewhere: types that do not depend
    on which rows happen to come first."""
    import pyarrow as pa

    return pa.schema([(c, pa.int64() if c in _INTEGER_COLUMNS else pa.string()) for c in columns])
