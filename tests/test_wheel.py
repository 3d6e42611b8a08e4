"""The wheel: built from the checkout, installed into a fresh venv, its ``parse`` run on an example.

This is what a user on a fresh machine gets from ``pip install .``: a pure-Python wheel, with
the grammar files and the JSON Schema inside the package. The opt-in compiled build
(``MRP_COMPILE=1``, hatch_build.py) is built too when a C compiler is at hand and must give the
same bytes as the checkout. Dependencies come from the configured index.
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
from _support import DEV, EXAMPLE_REPORTS, EXAMPLES, ROOT, SEEDS, SHARED

from parser.interfaces import version as build

pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, encoding="utf-8", timeout=600, check=False)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n" \
                                 f"{proc.stderr[-3000:]}"
    return proc


def install_wheel(work: Path, env: dict[str, str] | None = None) -> Path:
    """Build the checkout's wheel (with ``env``) and install it into a fresh venv under ``work``;
    the venv's bin folder."""
    dist = work / "dist"
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w", dist, ROOT,
       cwd=work, env=env)
    (wheel,) = dist.glob("*.whl")
    sh(sys.executable, "-m", "venv", work / "venv", cwd=work)
    bindir = work / "venv" / ("Scripts" if os.name == "nt" else "bin")
    sh(bindir / "python", "-m", "pip", "install", "--disable-pip-version-check", "-q", wheel, cwd=work)
    return bindir


def build_env(**extra: str) -> dict[str, str]:
    """This environment without the compile switch, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k != "MRP_COMPILE"}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(venv bin folder, a working folder outside the checkout) with the default wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    return install_wheel(work, build_env()), work


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same with the opt-in compiled wheel (``MRP_COMPILE=1``); skipped without a C compiler."""
    if not _compiler_available():
        pytest.skip("no C compiler: the opt-in compiled build cannot be made on this machine")
    work = tmp_path_factory.mktemp("compiled")
    return install_wheel(work, build_env(MRP_COMPILE="1")), work


def clean_env() -> dict[str, str]:
    """No PYTHONPATH leaking the checkout in: grammars and lexicons load from the installed package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
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
    files = [str(p) for p in EXAMPLE_REPORTS]
    out = sh(bindir / "parse", "-j", "2", *files, cwd=work, env=clean_env()).stdout
    assert [json.loads(line)["source"]["path"] for line in out.splitlines()] == files


def _compiler_available() -> bool:
    cc = (sysconfig.get_config_var("CC") or "").split()
    return bool(cc) and shutil.which(cc[0]) is not None


def test_default_wheel_is_pure_python(installed: tuple[Path, Path]) -> None:
    """``pip install .`` builds no C extension: it installs in seconds on any machine."""
    bindir, work = installed
    line = sh(bindir / "parse", "--version", cwd=work, env=clean_env()).stdout.strip()
    assert line.endswith("pure Python)"), line


def test_compiled_wheel_is_compiled(compiled: tuple[Path, Path]) -> None:
    """With ``MRP_COMPILE=1`` and a C compiler the wheel carries mypyc-compiled modules."""
    bindir, work = compiled
    line = sh(bindir / "parse", "--version", cwd=work, env=clean_env()).stdout.strip()
    assert line.endswith(f"compiled with mypyc: {len(build._CANDIDATES)} modules)"), line


def test_compile_switch_without_a_compiler_says_what_is_missing(tmp_path: Path) -> None:
    """Asked for the compiled build on a machine without a C compiler, the build stops with a
    line that names what is missing, instead of quietly building something else."""
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    proc = subprocess.run([str(bare / "python"), "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
                           "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
                          cwd=tmp_path, env=build_env(PATH=str(bare), MRP_COMPILE="1"), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode != 0
    assert "MRP_COMPILE=1 asks for the mypyc-compiled build, but this machine has no C compiler" in proc.stdout + \
        proc.stderr, proc.stderr[-3000:]
    assert not list((tmp_path / "dist").glob("*.whl"))


def test_compiled_output_equals_the_checkout(compiled: tuple[Path, Path]) -> None:
    """The compiled package and the checkout's source give byte-identical JSON Lines on every
    report at hand: the examples, and the seeds and all corpora when ../shared is there."""
    bindir, work = compiled
    inputs = [str(p) for p in EXAMPLE_REPORTS]
    if SHARED.is_dir():
        inputs += [str(SEEDS), str(DEV), str(SHARED / "corpus" / "local"), str(SHARED / "corpus" / "unlabeled")]
    args = ["--jsonl", "-q", "-j", "2", *inputs]
    theirs = sh(bindir / "parse", *args, cwd=work, env=clean_env()).stdout.splitlines()
    env = clean_env()
    env["PYTHONPATH"] = str(ROOT)
    ours = sh(sys.executable, "-m", "parser", *args, cwd=work, env=env).stdout.splitlines()
    assert len(theirs) == len(ours) >= len(EXAMPLE_REPORTS)
    differ = [json.loads(a)["source"]["path"] for a, b in zip(theirs, ours, strict=True) if a != b]
    assert not differ, f"{len(differ)} reports differ, first: {differ[:5]}"
