"""Build hook: compile the parser's hot modules to C extensions with mypyc when a wheel is built.

Why: the pipeline is pure Python and interpreter-bound (string tests, loops over pieces and
blocks); mypyc compiles the same type-checked source to C and runs it ~1.3× faster, with output
identical to the interpreted modules (tests/test_compiled.py and the second test run in
``.ci/run`` hold it to that).

- A regular wheel (``pip install .``) is compiled when a C compiler is found; the modules to
  compile are listed in pyproject.toml (``[tool.hatch.build.targets.wheel.hooks.custom]``).
- An editable install (``pip install -e .``) is never compiled: edits to the source take effect.
- ``MRP_PURE_PYTHON=1`` builds a pure-Python wheel on purpose.
- When compiling fails (no compiler, no Python headers) the wheel is built pure Python with a
  warning instead of failing the install. ``parse --version`` tells which build is installed.
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

_SETUP = """\
import sys
from setuptools import setup
from mypyc.build import mypycify

setup(name="mrp-compiled", ext_modules=mypycify(sys.argv[3:], opt_level="3"), script_args=sys.argv[1:3])
"""


class MypycBuildHook(BuildHookInterface):
    """Compiles ``modules`` of the package into the wheel; see the module docstring."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        if os.environ.get("MRP_PURE_PYTHON", "") not in ("", "0"):
            self.app.display_info("MRP_PURE_PYTHON is set: building a pure-Python wheel")
            return
        self._work = tempfile.mkdtemp(prefix="mrp-mypyc-")
        try:
            built = self._compile(Path(self._work))
        except (OSError, subprocess.CalledProcessError, RuntimeError) as exc:
            self.app.display_warning(f"mypyc compilation failed, building a pure-Python wheel instead: {exc}")
            return
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
        if not sysconfig.get_config_var("CC"):
            raise RuntimeError("this Python knows no C compiler")
        # a copy: the build writes next to the sources, and the checkout stays clean
        shutil.copytree(Path(self.root) / package, work / package, ignore=shutil.ignore_patterns("*.so", "__pycache__"))
        (work / "setup.py").write_text(_SETUP, encoding="utf-8")
        paths = [f"{package}/{m}.py" for m in modules]
        self.app.display_info(f"compiling {len(paths)} modules with mypyc (about a minute)")
        proc = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace", "--ignore-missing-imports", *paths],
            cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
        if proc.returncode:
            raise RuntimeError(proc.stdout[-4000:])
        suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
        # --inplace puts the modules beside their sources and mypyc's shared library at the top
        # (``build/`` holds the same files once more)
        found = [*work.glob(f"*{suffix}"), *(work / package).glob(f"*{suffix}")]
        built = {str(p): p.relative_to(work).as_posix() for p in found}
        expected = {f"{package}/{m}{suffix}" for m in modules}
        if not expected <= set(built.values()):
            raise RuntimeError(f"mypyc built {sorted(built.values())}, not every one of {sorted(expected)}")
        return built
