"""The ingest stage as a whole: bytes or text to the decoded text and its container (:func:`read_source`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Warning
from .containers import Container, read_container
from .decode import decode_bytes

# Inputs above 20 MB are refused: no report is that long, and hostile shapes cost about 7 s and
# 220 MB per megabyte (docs/robustness.md).
DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class Source:
    """A decoded input: its text, the encoding it was read in, its container and what was odd."""

    text: str
    encoding: str
    container: Container
    warnings: list[Warning] = field(default_factory=list)


def read_source(data: str | bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Decode ``data`` (text is taken as it is) and read its container; raises InputError only
    for input that is not a text report at all (too large, binary, undecodable)."""
    warnings: list[Warning] = []
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise InputError("too_large", f"the input has {len(data):,} bytes, above the limit of {max_bytes:,}")
        decoded = decode_bytes(data)
        text, encoding = decoded.text, decoded.encoding
        warnings.extend(decoded.warnings)
    else:
        if len(data) > max_bytes:
            raise InputError("too_large", f"the input has {len(data):,} characters, above the limit of {max_bytes:,}")
        text, encoding = data, "unicode"
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # keep offsets: the BOM position becomes a space that is stripped
    container = read_container(text)
    return Source(text, encoding, container, [*warnings, *container.warnings])
