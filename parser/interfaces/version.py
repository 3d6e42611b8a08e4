"""Which build of the package is running: modules compiled by mypyc (see ``hatch_build.py``) or
pure Python. A user comparing speeds, or a test of the compiled wheel, needs to know."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from importlib import metadata

from ..model import SCHEMA_VERSION
from ..resources import PACKAGE

DISTRIBUTION = "meeting-report-parser"
UNKNOWN_VERSION = "0+unknown"  # a version that sorts below every release, for a copy with no metadata

_PACKAGE = __name__.rsplit(".", 2)[0]  # the parser package, of which this is interfaces.version

# the modules the opt-in build may compile (pyproject.toml lists them), dotted under the
# package; looked up, not imported
_CANDIDATES = ("assemble.compose", "assemble.spans", "extract.attendance", "extract.directives",
               "extract.facts", "extract.kind", "extract.roster", "ingest.containers", "ingest.decode",
               "ingest.html_blocks", "ingest.segments", "layout.blocks", "layout.document", "model",
               "normalize.text", "pipeline", "vocabulary.credits", "vocabulary.lexicon", "vocabulary.names")


def compiled_modules() -> list[str]:
    """The package's modules that load from C extensions rather than from ``.py`` source."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = []
    for name in _CANDIDATES:
        spec = importlib.util.find_spec(f"{_PACKAGE}.{name}")
        if spec is not None and spec.origin and spec.origin.endswith(suffixes):
            found.append(name)
    return found


def package_version() -> str:
    """The installed distribution's version; in a source checkout that is not installed, the one
    ``pyproject.toml`` beside the package declares; else ``0+unknown``."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    try:
        text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    except OSError:
        return UNKNOWN_VERSION
    project = re.search(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", text, re.M | re.S)
    found = project and re.search(r'^version\s*=\s*"([^"]+)"', project.group(1), re.M)
    return found.group(1) if found else UNKNOWN_VERSION


def version_line() -> str:
    """``meeting-report-parser 0.1.0 (schema 1.1.0, compiled with mypyc: 17 modules)``."""
    version = package_version()
    compiled = compiled_modules()
    build = f"compiled with mypyc: {len(compiled)} modules" if compiled else "pure Python"
    return f"meeting-report-parser {version} (schema {SCHEMA_VERSION}, {build})"
