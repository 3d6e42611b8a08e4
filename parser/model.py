"""Typed result of a parse: the Report and its parts.

Plain dataclasses rather than a validation library: the JSON Schema in ``schemas/`` is the
contract for consumers, these classes are the contract for Python callers, and ``to_dict``
is the one place where the two meet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0.0"

Span = tuple[int, int]
Kind = Literal["meeting_report", "speech", "other"]
Role = Literal["presided", "spoke", "attended", "participated", "observed"]
CreditRole = Literal["reporter", "correspondent", "author", "editor", "photographer"]
Place = Literal["headline", "lead", "body", "byline", "boilerplate"]


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

    def to_dict(self) -> dict[str, Any]:
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
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "source": self.source.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text with Chinese unescaped, as the CLI prints it."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
