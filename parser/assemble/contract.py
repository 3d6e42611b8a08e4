"""The published JSON Schema and validation against it."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from ..resources import schema_path


@cache
def load_schema() -> dict[str, Any]:
    """The schema as a dict."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(load_schema())


def validate(obj: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` (the first error) when ``obj`` breaks the schema."""
    error = next(iter(_validator().iter_errors(obj)), None)
    if error is not None:
        raise error


def errors(obj: dict[str, Any]) -> list[str]:
    """All schema violations of ``obj``, as messages with their JSON path."""
    return [f"{e.json_path}: {e.message}" for e in _validator().iter_errors(obj)]
