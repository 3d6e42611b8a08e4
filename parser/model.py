"""Typed result of a parse: the Report and its parts.

Plain dataclasses rather than a validation library: the JSON Schema in ``schemas/`` is the
contract for consumers, these classes are the contract for Python callers, and ``to_dict``
is the one place where the two meet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

SCHEMA_VERSION = "1.1.0"

Span = tuple[int, int]
Kind = Literal["meeting_report", "speech", "other"]
Role = Literal["presided", "spoke", "attended", "participated", "observed"]
CreditRole = Literal["reporter", "correspondent", "author", "editor", "photographer"]
Place = Literal["headline", "lead", "body", "byline", "boilerplate"]
PublishedSource = Literal["front matter", "meta", "info bar", "dateline"]
_T = TypeVar("_T")


def _from(cls: type[_T], obj: dict[str, Any], **nested: Any) -> _T:
    """An instance of dataclass ``cls`` from its ``to_dict`` form: spans back to tuples,
    keys the class does not know ignored, ``nested`` overriding converted fields."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    kw = {k: v for k, v in obj.items() if k in names}
    if "span" in kw and kw["span"] is not None:
        kw["span"] = tuple(kw["span"])
    kw.update(nested)
    return cls(**kw)


def _opt(cls: type[_T], obj: dict[str, Any] | None) -> _T | None:
    return None if obj is None else _from(cls, obj)


@dataclass
class TextField:
    """A piece of the report's text (headline, lead) and where it stands in the input."""

    text: str
    span: Span
    text_original: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "span": list(self.span)}
        if self.text_original is not None:
            out["text_original"] = self.text_original
        return out


@dataclass
class Attendee:
    """A named person present at the meeting, with the titles of their first titled mention."""

    name: str
    titles: list[str]
    roles: list[Role]
    span: Span
    name_original: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "titles": list(self.titles),
            "roles": list(self.roles),
            "span": list(self.span),
        }
        if self.name_original is not None:
            out["name_original"] = self.name_original
        return out


@dataclass
class Group:
    """An unnamed group reported as present (``市四套班子领导出席``)."""

    label: str
    roles: list[Role]
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "roles": list(self.roles), "span": list(self.span)}


@dataclass
class Directive:
    """One numbered item; ``children`` hold the items numbered inside it."""

    level: int
    ordinal: int
    marker: str
    text: str
    span: Span
    speaker: str | None = None
    children: list[Directive] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "ordinal": self.ordinal,
            "marker": self.marker,
            "text": self.text,
            "span": list(self.span),
            "speaker": self.speaker,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass
class Credit:
    """A byline credit: who wrote, reported, photographed or edited the piece."""

    role: CreditRole
    name: str
    span: Span
    name_original: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "name": self.name, "span": list(self.span)}
        if self.name_original is not None:
            out["name_original"] = self.name_original
        return out


@dataclass
class Published:
    """When the document was published: ISO 8601 (a date-time when the time is known, else a
    date), the words it was read from, and where (``span`` when they stand in the text)."""

    value: str
    text: str
    span: Span | None
    source: PublishedSource

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "span": list(self.span) if self.span else None,
                "source": self.source}


@dataclass
class EventText:
    """A part of the event the text names (the meeting, its place) and the words it was read from."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass
class EventDate:
    """The day of the event: ISO 8601 (``2017-10-07``, or ``--10-07`` when no year is known), the
    words that date it, and what was taken from elsewhere to complete it (``inferred``)."""

    value: str
    text: str
    span: Span
    inferred: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "span": list(self.span), "inferred": self.inferred}


@dataclass
class Event:
    """The meeting or event reported: its name, day and place, each None when the report does not say."""

    name: EventText | None = None
    date: EventDate | None = None
    place: EventText | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name.to_dict() if self.name else None,
            "date": self.date.to_dict() if self.date else None,
            "place": self.place.to_dict() if self.place else None,
        }

    @classmethod
    def from_dict(cls, obj: dict[str, Any] | None) -> Event:
        obj = obj or {}
        return cls(_opt(EventText, obj.get("name")), _opt(EventDate, obj.get("date")),
                   _opt(EventText, obj.get("place")))


@dataclass
class Paragraph:
    """One paragraph of the input and the place it took in the report (nothing is dropped)."""

    place: Place
    text: str
    span: Span
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"place": self.place, "text": self.text, "span": list(self.span)}
        if self.reason is not None:
            out["reason"] = self.reason
        return out


@dataclass
class Warning:
    """Something odd about the input, said so that a user can act on it."""

    code: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


@dataclass
class SourceInfo:
    """Where the report came from and what was done to read it."""

    path: str | None
    format: str
    encoding: str
    script: str
    glosses_removed: int = 0
    converted_to_simplified: bool = False
    length: int = 0
    metadata: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "script": self.script,
            "glosses_removed": self.glosses_removed,
            "converted_to_simplified": self.converted_to_simplified,
            "length": self.length,
            "metadata": dict(self.metadata),
        }


@dataclass
class Report:
    """The structure of one meeting report or speech, as parsed."""

    kind: Kind
    headline: TextField | None
    lead: TextField | None
    attendees: list[Attendee]
    directives: list[Directive]
    byline: list[Credit]
    source: SourceInfo
    groups: list[Group] = field(default_factory=list)
    attendee_order: Literal["as_written", "stroke_order"] = "as_written"
    dateline: TextField | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    published: Published | None = None
    event: Event = field(default_factory=Event)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the report, its keys in the schema's order."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": self.kind,
            "headline": self.headline.to_dict() if self.headline else None,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "lead": self.lead.to_dict() if self.lead else None,
            "attendees": [a.to_dict() for a in self.attendees],
            "attendee_order": self.attendee_order,
            "groups": [g.to_dict() for g in self.groups],
            "directives": [d.to_dict() for d in self.directives],
            "byline": [c.to_dict() for c in self.byline],
            "published": self.published.to_dict() if self.published else None,
            "event": self.event.to_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "source": self.source.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text with Chinese unescaped, as the CLI prints it."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> Report:
        """The Report a ``to_dict`` (or a line of ``parse --jsonl``) describes.

        ``Report.from_dict(r.to_dict()).to_dict() == r.to_dict()`` for every report.
        """

        def directive(d: dict[str, Any]) -> Directive:
            return _from(Directive, d, children=[directive(c) for c in d.get("children") or []])

        return _from(
            cls,
            obj,
            headline=_opt(TextField, obj.get("headline")),
            lead=_opt(TextField, obj.get("lead")),
            dateline=_opt(TextField, obj.get("dateline")),
            attendees=[_from(Attendee, a) for a in obj.get("attendees") or []],
            groups=[_from(Group, g) for g in obj.get("groups") or []],
            directives=[directive(d) for d in obj.get("directives") or []],
            byline=[_from(Credit, c) for c in obj.get("byline") or []],
            published=_opt(Published, obj.get("published")),
            event=Event.from_dict(obj.get("event")),
            paragraphs=[_from(Paragraph, p) for p in obj.get("paragraphs") or []],
            source=_from(SourceInfo, obj.get("source") or {"path": None, "format": "unknown",
                                                           "encoding": "unknown", "script": "unknown"}),
            warnings=[_from(Warning, w) for w in obj.get("warnings") or []],
        )


@dataclass
class ParseError:
    """An input that could not be parsed at all, as ``parse_many`` yields it in place of a Report.

    ``type`` is a stable code (``not_found``, ``unreadable``, ``binary``, ``too_large``,
    ``internal_error`` …); ``message`` says it in words. ``to_dict`` is the JSON line the
    CLI prints for the same input.
    """

    path: str | None
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": {"path": self.path}, "error": {"type": self.type, "message": self.message}}

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> ParseError:
        """The ParseError an error line of ``parse --jsonl`` describes."""
        err = obj.get("error") or {}
        return cls((obj.get("source") or {}).get("path"), str(err.get("type", "")), str(err.get("message", "")))
