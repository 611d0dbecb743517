"""The strings the page scripts show, sent with each lesson so they are translated like the templates'.

``lessons.js`` and ``practice.js`` carry no user-visible text of their own: every label,
announcement and result line is looked up by its English text in the ``data-al-ui``
attribute of the lesson's root element, which the lesson template fills from this list
through the same catalogue as the rest of the page. A string a script uses but this list
lacks shows in English (the key itself), and the test ``test_script_strings`` fails.

An entry is its English text, or a pair (singular, plural) for a count: the page then gets
one form per plural category of its language (CLDR: ``one``, ``few``, ``many``, ``other``...),
and the script picks one with ``Intl.PluralRules`` for the number ``count``. Placeholders are
Python-style ``%(name)s``, so one string serves the templates and the scripts alike.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

ScriptString = str | tuple[str, str]

#: Every string the page scripts can show, in the order they appear in the scripts.
SCRIPT_STRINGS: tuple[ScriptString, ...] = (
    # lessons.js: reading mode
    "Notes",
    "Previous note",
    "Next note",
    "Keys: J next, K previous, Esc close",
    "Close notes",
    ("%(count)s note on this passage", "%(count)s notes on this passage"),
    "Note %(number)s of %(total)s: %(technique)s",
    "%(number)s / %(total)s",
    # practice.js: Spot it first, self-checks, handout
    "“%(text)s”",
    "Print my results",
    "The notes are hidden. Find the passages that use a technique and tag them. In the article, the arrow keys "
    "select a word (Up and Down: a sentence), Shift with an arrow extends the selection, and Enter or T tags it. "
    "With a mouse, select the words and press Tag selection.",
    "Spot it first",
    "Print handout",
    "Tag selection",
    "Check my answers",
    "Start over",
    ("%(count)s tag.", "%(count)s tags."),
    "Found %(found)s of %(total)s (%(right)s with the right technique), missed %(missed)s, extra %(extra)s.",
    ("%(count)s tag not scored.", "%(count)s tags not scored."),
    "Found",
    "Found, other technique",
    "Missed",
    "Extra",
    "Not scored",
    "%(label)s: ",
    "you tagged %(quote)s as %(techniques)s, but it is fair reporting:",
    "you tagged %(quote)s as %(techniques)s; nothing is marked there.",
    "you tagged %(quote)s as %(techniques)s; this key does not score it.",
    "%(quote)s is %(technique)s.",
    "%(quote)s is %(technique)s; you tagged it %(techniques)s.",
    "%(first)s, %(second)s",
    "Note %(number)s",
    "Your answers",
    "Your tags",
    "No tags yet.",
    "Select a passage in the article first.",
    "Tag this passage",
    "Techniques",
    "Cancel",
    "Tagged %(quote)s as %(technique)s.",
    "Practice on: the notes are hidden.",
    "Practice off: the notes are back.",
    "Tags cleared.",
    "Name: ____________________ Date: __________",
    "Your notes",
    "For each numbered passage: which technique, if any, and which words show it?",
    "Technique:",
    "Right: %(option)s.",
    "Not quite: you chose %(choice)s. The answer is %(option)s.",
    "Trusted rightly: %(trusted)s of %(sound)s passages that hold up. Doubted rightly: %(doubted)s of %(unsound)s "
    "that do not.",
)


#: The strings of ``annotate.js`` (annotate mode), sent only with the pages that have the mode on.
ANNOTATE_STRINGS: tuple[ScriptString, ...] = (
    "“%(text)s”",
    ("%(count)s draft no longer matches the article and was dropped.",
     "%(count)s drafts no longer match the article and were dropped."),
    ("%(count)s draft is in the lesson file now and was taken off the list.",
     "%(count)s drafts are in the lesson file now and were taken off the list."),
    "It occurs more than once: the words before it, %(text)s, single it out.",
    "It occurs more than once: the words after it, %(text)s, single it out.",
    "It occurs more than once: the YAML picks match number %(number)s.",
    "It occurs once in the article.",
    "Suggested annotations for %(path)s, drafted on %(page)s:",
    "(The YAML is too long for a link: paste it here from the clipboard.)",
    ("%(count)s draft.", "%(count)s drafts."),
    "No drafts yet.",
    "(%(technique)s)",
    "Remove",
    "Remove draft %(number)s",
    "Draft removed.",
    "Annotations for %(path)s",
    "Copying is not allowed here: select the YAML and copy it yourself.",
    "Select a passage in the article first.",
    "Choose a technique, or mark the passage as fair reporting.",
    "Write the note: what the passage does, and how a reader can check it.",
    "Added to the draft: %(quote)s.",
    "The YAML is copied.",
    "The whole file is copied.",
    "Copied: paste it in the editor that opens.",
    ("Clear %(count)s draft? It cannot be brought back.", "Clear %(count)s drafts? They cannot be brought back."),
    "Drafts cleared.",
    "Annotate mode on: select a passage in the article.",
    "Annotate mode off.",
)


def script_strings(
    lookup: Callable[[str], str],
    plural: Callable[[str, str], Mapping[str, str]] | None = None,
    entries: tuple[ScriptString, ...] | None = None,
) -> dict[str, str | dict[str, str]]:
    """The ``data-al-ui`` object: each script string's text in the page's language.

    ``lookup`` translates one string; ``plural`` gives the forms of a (singular, plural)
    pair by CLDR category. Without ``plural`` the English rule applies (``one``/``other``).
    ``entries`` are the strings to give (default: :data:`SCRIPT_STRINGS`).
    """
    out: dict[str, str | dict[str, str]] = {}
    for entry in SCRIPT_STRINGS if entries is None else entries:
        if isinstance(entry, str):
            out[entry] = lookup(entry)
        else:
            singular, many = entry
            out[singular] = dict(plural(singular, many)) if plural else {"one": lookup(singular), "other": lookup(many)}
    return out
