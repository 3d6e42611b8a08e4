"""Stage 5, assemble: the extracted parts into the typed ``Report``, its paragraphs' spans
settled, validated against the published JSON Schema."""
