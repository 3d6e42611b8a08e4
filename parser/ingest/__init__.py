"""Stage 1, ingest: bytes to text and the container's pieces.

Decodes bytes (BOM, declared charset, detection), recognises the container by content (plain
text, HTML, markdown with front matter), reads the metadata it carries and cuts it into
segments with their offsets in the decoded input.
"""
