"""The wheel: built from the checkout, installed into a fresh venv, its ``parse`` run on an example.

This is what a user on a fresh machine gets from ``pip install .``: the grammar files and the
JSON Schema must travel inside the package. Dependencies come from the configured index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from _support import DEV, EXAMPLES, ROOT, SEEDS, SHARED

from parser import build

pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, encoding="utf-8", timeout=600, check=False)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n" \
                                 f"{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(venv bin folder, a working folder outside the checkout) with the freshly built wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", dist, ROOT,
       cwd=work)
    (wheel,) = dist.glob("*.whl")
    sh(sys.executable, "-m", "venv", work / "venv", cwd=work)
    bindir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    sh(bindir / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q", wheel, cwd=work)
    return bindir, work


def clean_env() -> dict[str, str]:
    """No PYTHONPATH leaking the checkout in, and no grammar table cache: grammars load from the package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["MRP_CACHE_DIR"] = ""
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_installed_parse_reads_an_example(installed: tuple[Path, Path]) -> None:
    bindir, work = installed
    example = EXAMPLES / "plain_meeting.txt"
    out = sh(bindir / "parse", example, cwd=work, env=clean_env()).stdout
    report = json.loads(out)
    assert report["kind"] == "meeting_report"
    assert report["headline"]["text"].startswith("青岚市召开优化营商环境工作推进会")
    assert report["attendees"]
    # the installed package validates its own output
    check = "import json, sys; from parser import validate; validate(json.load(sys.stdin)); print('valid')"
    proc = subprocess.run([str(bindir / "python"), "-c", check], input=out, cwd=work, env=clean_env(),
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.stdout.strip() == "valid", proc.stderr


def test_grammar_and_schema_ship_inside_the_package(installed: tuple[Path, Path]) -> None:
    bindir, work = installed
    probe = (
        "import json, parser, pathlib; pkg = pathlib.Path(parser.__file__).parent; "
        "print(json.dumps({'pkg': str(pkg), "
        "'grammars': sorted(p.name for p in (pkg / 'grammar').glob('*.lark')), "
        "'schema': (pkg / 'schemas' / 'report.schema.json').is_file(), "
        "'typed': (pkg / 'py.typed').is_file()}))"
    )
    found = json.loads(sh(bindir / "python", "-c", probe, cwd=work, env=clean_env()).stdout)
    assert Path(found["pkg"]).is_relative_to(work / "venv"), f"imported {found['pkg']}, not the installed package"
    assert found["grammars"] == sorted(p.name for p in (ROOT / "grammar").glob("*.lark"))
    assert found["schema"] and found["typed"]
    printed = json.loads(sh(bindir / "parse", "--schema", cwd=work, env=clean_env()).stdout)
    assert printed == json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def test_installed_parse_batch_with_workers(installed: tuple[Path, Path]) -> None:
    bindir, work = installed
    files = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".md") and p.name != "README.md")
    out = sh(bindir / "parse", "-j", "2", *files, cwd=work, env=clean_env()).stdout
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == files


def _compiler_available() -> bool:
    cc = (sysconfig.get_config_var("CC") or "").split()
    return bool(cc) and shutil.which(cc[0]) is not None


def test_installed_wheel_is_compiled(installed: tuple[Path, Path]) -> None:
    """With a C compiler at hand the wheel carries mypyc-compiled modules (hatch_build.py)."""
    if not _compiler_available() or os.environ.get("MRP_PURE_PYTHON", "") not in ("", "0"):
        pytest.skip("no C compiler (or MRP_PURE_PYTHON is set): the wheel is pure Python by design")
    bindir, work = installed
    line = sh(bindir / "parse", "--version", cwd=work, env=clean_env()).stdout.strip()
    assert line.endswith(f"compiled with mypyc: {len(build._CANDIDATES)} modules)"), line


def test_installed_output_equals_the_checkout(installed: tuple[Path, Path]) -> None:
    """The installed (compiled) package and the checkout's source give byte-identical JSON Lines
    on every report at hand: the examples, and the seeds and all corpora when ../shared is there."""
    bindir, work = installed
    inputs = [EXAMPLES]
    if SHARED.is_dir():
        inputs += [SEEDS, DEV, SHARED / "corpus" / "unlabeled"]
    args = ["--jsonl", "-q", "-j", "2", *map(str, inputs)]
    theirs = sh(bindir / "parse", *args, cwd=work, env=clean_env()).stdout.splitlines()
    env = clean_env()
    env["PYTHONPATH"] = str(ROOT)
    ours = sh(sys.executable, "-m", "parser", *args, cwd=work, env=env).stdout.splitlines()
    assert len(theirs) == len(ours) > 10
    differ = [json.loads(a)["source"]["path"] for a, b in zip(theirs, ours, strict=True) if a != b]
    assert not differ, f"{len(differ)} reports differ, first: {differ[:5]}"
