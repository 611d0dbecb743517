"""'Did you mean ...?' suggestions for misspelt keys and technique ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known choice nearest to ``word``, or None when nothing is reasonably close."""
    options = list(choices)
    found = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    if found:
        return found[0]
    lowered = {c.lower(): c for c in options}
    return lowered.get(word.lower())
