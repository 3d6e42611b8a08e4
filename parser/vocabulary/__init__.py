"""The domain vocabulary several stages share: the lexicon loader, names and titles, credit
lines. Its rules are data, in ``vocabulary/lexicons/``."""
