"""The one exception type the parser raises for input it refuses to read."""

from __future__ import annotations


class InputError(Exception):
    """Input that is not a report at all (binary, too large, unreadable); ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def describe_failure(exc: BaseException, path: str | None) -> tuple[str, str]:
    """The stable code and the user's sentence for any failure to parse one input.

    One place for the library call and the batch runner, so ``parse()`` warnings and the
    CLI's error lines name the same problem the same way.
    """
    if isinstance(exc, InputError):
        return exc.code, exc.message
    if isinstance(exc, FileNotFoundError):
        return "not_found", f"{path}: no such file"
    if isinstance(exc, PermissionError):
        return "unreadable", f"{path}: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is_directory", f"{path} is a directory"
    if isinstance(exc, OSError):
        return "unreadable", f"{path}: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return "too_deep", "the document is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too_large", "the document needs more memory than is available"
    # a parser bug must not stop a pipeline or a batch; say so plainly
    return "internal_error", f"the parser failed on this input: {type(exc).__name__}: {str(exc)[:200]}"
