"""Where the package's data lives: the grammars, the JSON Schema and the lexicons.

One lookup for all three. In an installed wheel ``grammar/`` and ``schemas/`` travel inside the
package (pyproject.toml force-includes them); in a source checkout they stand beside it, at the
top of the repository. Lexicons live in a ``lexicons/`` folder beside the stage that uses them
(``parser/<stage>/lexicons/<name>``); their names are unique across stages, so a rule file is
named without its stage. Files are read from the package folder (the package is always
installed as files; ``importlib.resources`` would add ~4 ms to every start-up).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

# the stages whose folders hold lexicons, in pipeline order
STAGES_WITH_LEXICONS = ("vocabulary", "normalize", "layout", "extract")


def data_dir(name: str) -> Path:
    """``grammar`` or ``schemas``: inside the installed package, else at the top of the checkout."""
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"{name}/ not found inside or beside the parser package ({PACKAGE})")


def grammar_path(name: str) -> Path:
    """``grammar/<name>.lark``."""
    return data_dir("grammar") / f"{name}.lark"


def schema_path() -> Path:
    """``schemas/report.schema.json``."""
    return data_dir("schemas") / "report.schema.json"


def lexicon_dirs() -> tuple[Path, ...]:
    """Every stage's ``lexicons/`` folder."""
    return tuple(PACKAGE / stage / "lexicons" for stage in STAGES_WITH_LEXICONS)


@cache
def lexicon_path(name: str) -> Path:
    """The one lexicon file called ``name``, in whichever stage's folder holds it."""
    found = [d / name for d in lexicon_dirs() if (d / name).is_file()]
    if len(found) != 1:
        where = ", ".join(str(p) for p in found) or "no stage's lexicons/ folder"
        raise FileNotFoundError(f"lexicon {name!r} must be in exactly one stage's lexicons/ folder; found in {where}")
    return found[0]


# the environment variable naming a folder of the user's own lexicon rows
USER_LEXICONS = "MRP_LEXICONS"


def user_lexicon_path(name: str) -> Path | None:
    """``$MRP_LEXICONS/<name>`` when that folder is set and holds the file: rows a user adds to
    the package's lexicon of the same name."""
    folder = os.environ.get(USER_LEXICONS)
    if not folder:
        return None
    path = Path(folder) / name
    return path if path.is_file() else None
