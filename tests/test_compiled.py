"""The build: which modules the opt-in mypyc build compiles (hatch_build.py) and what
``parse --version`` says. The compiled wheel itself is built and compared with the source in
tests/test_wheel.py."""

from __future__ import annotations

import pytest
import tomllib
from _support import ROOT

import parser
from parser.interfaces import version as build
from parser.interfaces.cli import run_cli


def test_compiled_module_list_matches_the_build_hook() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]
    assert tuple(hook["modules"]) == build._CANDIDATES
    assert all((ROOT / "parser" / f"{m.replace('.', '/')}.py").is_file() for m in hook["modules"])


def test_version_line_names_the_build(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("meeting-report-parser ")
    assert f"schema {parser.SCHEMA_VERSION}" in line
    compiled = build.compiled_modules()
    assert line.endswith(f"compiled with mypyc: {len(compiled)} modules)" if compiled else "pure Python)")
