"""Stage 4, extract: the facts of the report read off its layout: attendees with titles and
roles, numbered directives, credits, the kind of document."""
