"""The one exception type the parser raises for input it refuses to read."""

from __future__ import annotations


class InputError(Exception):
    """Input that is not a report at all (binary, too large, unreadable); ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
