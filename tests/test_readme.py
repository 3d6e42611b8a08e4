"""The README tells the truth: its output sample is a trimmed real output, its commands and fields exist."""

from __future__ import annotations

import json
import re
from typing import Any

from _support import EXAMPLES, ROOT, load_json

from parser import parse_file

README = (ROOT / "README.md").read_text(encoding="utf-8")


def is_trimmed_copy(sample: Any, real: Any, where: str = "$") -> list[str]:
    """Where ``sample`` is not ``real`` with list items and nothing else left out."""
    if isinstance(sample, dict):
        if not isinstance(real, dict):
            return [f"{where}: object in the sample, {type(real).__name__} in the output"]
        problems = [f"{where}.{k}: not in the output" for k in sample if k not in real]
        problems += [f"{where}: output field {k!r} missing from the sample" for k in real if k not in sample]
        for k in sample:
            if k in real:
                problems += is_trimmed_copy(sample[k], real[k], f"{where}.{k}")
        return problems
    if isinstance(sample, list):
        if not isinstance(real, list):
            return [f"{where}: list in the sample, {type(real).__name__} in the output"]
        i = 0
        for n, item in enumerate(sample):  # items in order, some left out
            while i < len(real) and is_trimmed_copy(item, real[i]):
                i += 1
            if i == len(real):
                return [f"{where}[{n}]: not in the output (in this order)"]
            i += 1
        return []
    return [] if sample == real else [f"{where}: {sample!r} in the sample, {real!r} in the output"]


def test_output_sample_is_a_trimmed_real_output() -> None:
    sample = load_json_block(README)
    real = parse_file(EXAMPLES / "two_runs.txt").to_dict()
    real["source"]["path"] = "examples/two_runs.txt"  # the README runs it from the checkout
    problems = is_trimmed_copy(sample, real)
    assert not problems, "README output sample is stale; re-run `parse examples/two_runs.txt`:\n" + "\n".join(problems)


def load_json_block(text: str) -> Any:
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block, "no ```json block in README.md"
    return json.loads(block.group(1))


def test_setup_commands_name_a_real_example() -> None:
    examples = [e.rstrip(".") for e in re.findall(r"parse (examples/[\w./-]+)", README)]
    assert examples
    for example in examples:
        assert (ROOT / example).is_file(), example
    assert 'pip install ".[test]" && .venv/bin/python -m pytest -q' in README


def test_every_schema_field_is_explained() -> None:
    schema = load_json(ROOT / "schemas" / "report.schema.json")
    names = set(schema["properties"])
    names |= {p for d in schema["$defs"].values() for p in d.get("properties", {})}
    code = " ".join(re.findall(r"`([^`\n]+)`", README))  # what the README writes as code
    missing = sorted(n for n in names if not re.search(rf"\b{re.escape(n)}\b", code))
    assert not missing, f"schema fields the README does not explain: {missing}"


def test_readme_gives_exactly_two_setup_commands() -> None:
    """The first screen: one command installs and parses an example, one installs and runs the
    tests; .ci/run runs exactly these lines in a fresh clone."""
    first_screen = "\n".join(README.splitlines()[:40])
    setup = re.findall(r"^python -m venv \.venv.*$", first_screen, re.M)
    assert len(setup) == 2 and len(re.findall(r"^python -m venv \.venv", README, re.M)) == 2, setup
    assert re.search(r"\.venv/bin/parse examples/\S+$", setup[0]), setup[0]
    assert setup[1].endswith('pip install ".[test]" && .venv/bin/python -m pytest -q'), setup[1]


def test_ci_runs_the_readme_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "grep -E '^python -m venv \\.venv' README.md" in ci
    assert re.search(r"^python -m pytest -q\s*$", ci, re.M)


def test_the_folder_walk_is_documented() -> None:
    from parser.interfaces.inputs import REPORT_SUFFIXES

    command_line = README[README.index("## Command line"):README.index("## Library")]
    missing = [s for s in REPORT_SUFFIXES if f"`{s}`" not in command_line]
    assert not missing, f"suffixes a folder walk takes that the README does not list: {missing}"
    assert "--glob" in command_line and "--timeout" in command_line and "no_reports" in command_line
