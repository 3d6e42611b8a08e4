"""Build hook: on request, compile the parser's hot modules to C extensions with mypyc.

Why opt-in: the pure-Python wheel installs in seconds on any machine, like every dependency
but selectolax; the compiled one needs a C compiler and the Python headers, takes about a
minute and a half, and buys about 1.2–1.3× on plain text (benchmarks/README.md). Output is
identical either way (tests/test_wheel.py compares the two).

- ``pip install .`` builds the pure-Python wheel.
- ``MRP_COMPILE=1 pip install .`` compiles the modules listed in pyproject.toml
  (``[tool.hatch.build.targets.wheel.hooks.custom]``); mypy and setuptools are then added to
  the build environment. When something is missing the build stops with one line that says
  what (no C compiler, no ``Python.h``), never falling back silently.
- An editable install (``pip install -e .``) is never compiled: edits to the source take effect.
- ``parse --version`` tells which build is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# the environment variable that asks for the compiled build
COMPILE_SWITCH = "MRP_COMPILE"

_SETUP = """\
import sys
from setuptools import setup
from mypyc.build import mypycify

setup(name="mrp-compiled", ext_modules=mypycify(sys.argv[3:], opt_level="3"), script_args=sys.argv[1:3])
"""


def compile_requested() -> bool:
    """``MRP_COMPILE`` set to anything but empty or ``0``."""
    return os.environ.get(COMPILE_SWITCH, "") not in ("", "0")


def missing_for_compiling() -> str | None:
    """What this machine lacks to compile C extensions for this Python, in words, or None."""
    cc = (sysconfig.get_config_var("CC") or "").split()
    if not cc or shutil.which(cc[0]) is None:
        return f"no C compiler ({cc[0] if cc else 'this Python names none'} not found; install gcc or clang)"
    include = sysconfig.get_paths().get("include", "")
    if not (Path(include) / "Python.h").is_file():
        return f"no Python headers ({include}/Python.h not found; install the python3-dev package or its like)"
    return None


class MypycBuildHook(BuildHookInterface):
    """Compiles ``modules`` of the package into the wheel when asked; see the module docstring."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        """The compiler's own build requirements, only when the compiled build is asked for."""
        return ["mypy>=1.8", "setuptools>=64"] if compile_requested() else []

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if self.target_name != "wheel" or version == "editable" or not compile_requested():
            return
        missing = missing_for_compiling()
        if missing:
            raise RuntimeError(f"{COMPILE_SWITCH}=1 asks for the mypyc-compiled build, but this machine has {missing}; "
                               f"unset {COMPILE_SWITCH} for the pure-Python build")
        self._work = tempfile.mkdtemp(prefix="mrp-mypyc-")
        built = self._compile(Path(self._work))
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"].update(built)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)

    def _compile(self, work: Path) -> dict[str, str]:
        """Compile a copy of the package in ``work``; {built file: its path in the wheel}."""
        package = str(self.config.get("package", "parser"))
        modules = [str(m) for m in self.config.get("modules", [])]
        if not modules:
            raise RuntimeError("no modules to compile are configured")
        # a copy: the build writes next to the sources, and the checkout stays clean
        shutil.copytree(Path(self.root) / package, work / package, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
        (work / "setup.py").write_text(_SETUP, encoding="utf-8")
        paths = [f"{package}/{m.replace('.', '/')}.py" for m in modules]
        self.app.display_info(f"compiling {len(paths)} modules with mypyc (about a minute)")
        proc = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace", "--ignore-missing-imports", *paths],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        if proc.returncode:
            raise RuntimeError(f"mypyc failed to compile the package:\n{proc.stdout[-4000:]}")
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        # --inplace puts the modules beside their sources and mypyc's shared library at the top
        # (``build/`` holds the same files once more)
        found = [*work.glob(f"*{suffix}"), *(work / package).rglob(f"*{suffix}")]
        built = {str(p): p.relative_to(work).as_posix() for p in found}
        expected = {f"{package}/{m.replace('.', '/')}{suffix}" for m in modules}
        if not expected <= set(built.values()):
            raise RuntimeError(f"mypyc built {sorted(built.values())}, not every one of {sorted(expected)}")
        return built
