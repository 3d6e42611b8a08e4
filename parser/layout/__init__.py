"""Stage 3, layout: normalised segments into classified blocks, and the blocks into the
report's layout (before the title, headline, front matter, lead, body, credits, boilerplate)
by the document grammar."""
