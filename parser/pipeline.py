"""The pipeline: one report through the five stages, each taking values and returning new ones.

    bytes ─ ingest ─▶ Source ─ normalize ─▶ [NormText] ─ layout ─▶ Layout ─ extract ─▶ Facts ─ assemble ─▶ Report
"""

from __future__ import annotations

from .assemble.compose import compose
from .extract.facts import extract_facts
from .ingest.source import DEFAULT_MAX_BYTES, read_source
from .layout.arrange import arrange
from .model import Report, SourceInfo
from .normalize.text import normalize_segments

__all__ = ["DEFAULT_MAX_BYTES", "parse_input"]


def parse_input(data: str | bytes, *, path: str | None = None, keep_script: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Parse one document; raises InputError only for input that is not a text report at all."""
    source = read_source(data, max_bytes)
    container = source.container
    norms, stats = normalize_segments(container.segments, keep_script=keep_script)
    layout = arrange(norms, container.format, container.metadata.get("title"))
    info = SourceInfo(
        path=path,
        format=container.format,
        encoding=source.encoding,
        script="traditional" if stats.converted else "simplified",
        glosses_removed=stats.glosses_removed,
        converted_to_simplified=stats.converted and not keep_script,
        length=len(source.text),
        metadata=container.metadata,
    )
    facts = extract_facts(layout, info.length, container.metadata, container.format)
    return compose(layout, facts, info, source.warnings)
