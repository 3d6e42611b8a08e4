"""The build: which modules mypyc compiles (hatch_build.py) and what ``parse --version`` says.

The compiled wheel itself is built and compared with the source in tests/test_wheel.py;
``.ci/run`` runs this whole suite a second time against the installed package with
``MRP_EXPECT_COMPILED`` set (1 when a C compiler is at hand), and the last test here checks
that the installed package, compiled when expected, is what was imported.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomllib
from _support import ROOT

import parser
from parser import build
from parser.cli import run_cli


def test_compiled_module_list_matches_the_build_hook() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    assert tuple(hook["modules"]) == build._CANDIDATES
    assert all((ROOT / "parser" / f"{m}.py").is_file() for m in hook["modules"])


def test_version_line_names_the_build(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("meeting-report-parser ")
    assert f"schema {parser.SCHEMA_VERSION}" in line
    compiled = build.compiled_modules()
    assert line.endswith(f"compiled with mypyc: {len(compiled)} modules)" if compiled else "pure Python)")


def test_the_expected_build_is_the_one_imported() -> None:
    """Under ``.ci/run``'s second run: the installed package was imported, compiled when expected."""
    expected = os.environ.get("MRP_EXPECT_COMPILED")
    if expected is None:
        pytest.skip("MRP_EXPECT_COMPILED is not set: the suite tests whichever `parser` it imports "
                    "(the checkout, under `python -m pytest`)")
    assert not Path(parser.__file__).resolve().is_relative_to(ROOT), f"imported {parser.__file__}"
    if expected == "1":
        assert build.compiled_modules() == list(build._CANDIDATES)
