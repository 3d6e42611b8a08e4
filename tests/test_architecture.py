"""The package's shape: one package per stage, data flowing one way.

A module may import its own stage, an earlier stage, or the shared base (the model, errors,
resource lookup, the pattern compiler and the vocabulary every stage reads); never a later stage. The interfaces
(CLI, batch, library files, cluster recipe) stand after every stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

from _support import ROOT

PACKAGE = ROOT / "parser"
# in pipeline order; a module's place is its first dotted part under ``parser``
ORDER = ("model", "errors", "resources", "patterns", "vocabulary", "ingest", "normalize", "layout", "extract",
         "assemble", "pipeline", "interfaces")
STAGES = ("ingest", "normalize", "layout", "extract", "assemble")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module under ``parser``) for every relative or ``parser.`` import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if node.module else [[*target, a.name] for a in node.names]
            elif node.module and node.module.split(".")[0] == "parser":
                names = [node.module.split(".")[1:]]
            else:
                continue
            out += [(node.lineno, ".".join(n)) for n in names if n]
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".", 1)[1]) for a in node.names if a.name.startswith("parser.")]
    return out


def rank(module: str) -> int:
    head = module.split(".")[0]
    return ORDER.index(head) if head in ORDER else len(ORDER)


def test_every_stage_is_a_package_with_a_docstring() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert init.is_file(), f"parser/{stage}/ is not a package"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"parser/{stage} says nothing of its job"


def test_no_module_imports_a_later_stage() -> None:
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        if source in ("", "__main__"):  # the package's facade and ``python -m parser`` front everything
            continue
        for line, target in imported_modules(path):
            if rank(target) > rank(source):
                backwards.append(f"parser/{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert not backwards, "modules importing a later stage:\n" + "\n".join(backwards)


def test_the_import_reader_sees_relative_imports() -> None:
    """The check above reads what it should: a known import of a layout module is found."""
    found = imported_modules(PACKAGE / "layout" / "blocks.py")
    assert any(target.startswith("normalize.") for _, target in found), found
