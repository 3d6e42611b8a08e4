"""Stage 2, normalize: each segment's text made comparable (pinyin glosses removed,
traditional characters to simplified, full-width punctuation), with a map from every
character back to the decoded input."""
