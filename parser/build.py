"""Which build of the package is running: modules compiled by mypyc (see ``hatch_build.py``) or
pure Python. A user comparing speeds, or a test of the compiled wheel, needs to know."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from importlib import metadata

from .model import SCHEMA_VERSION

# the modules hatch_build.py may compile (pyproject.toml lists them); looked up, not imported
_CANDIDATES = ("attendance", "blocks", "byline", "containers", "decode", "directives", "document",
               "html_blocks", "kind", "lexicon", "model", "names", "normalize", "pipeline", "roster",
               "segments", "spans")


def compiled_modules() -> list[str]:
    """The package's modules that load from C extensions rather than from ``.py`` source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = []
    for name in _CANDIDATES:
        spec = importlib.util.find_spec(f"{__package__}.{name}")
        if spec is not None and spec.origin and spec.origin.endswith(suffixes):
            found.append(name)
    return found


def version_line() -> str:
    """``meeting-report-parser 0.1.0 (schema 1.1.0, compiled with mypyc: 17 modules)``."""
    try:
        version = metadata.version("meeting-report-parser")
    except metadata.PackageNotFoundError:
        version = "(not installed)"
    compiled = compiled_modules()
    build = f"compiled with mypyc: {len(compiled)} modules" if compiled else "pure Python"
    return f"meeting-report-parser {version} (schema {SCHEMA_VERSION}, {build})"
