"""Where drafted annotations go in an existing lesson file, so a page can add them as text.

The browser drafts annotations and fair passages; to hand a contributor the whole
edited file (for the host's web editor) it inserts them into the lesson file as text,
keeping every comment, blank line and quoting style the file has. This module tells it
where: the end of the ``annotations:`` and ``clean:`` block sequences and the indentation
their items use. ``assets/annotate/drafts.js`` does the insertion.

Positions come from PyYAML's pure-Python parser, whose marks count code points (the C
parser's may not); they are handed over in UTF-16 code units, as JavaScript counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from .selection import utf16_length

LISTS = ("annotations", "clean")
_BLANK = " \t\r\n"


@dataclass
class _Place:
    """An editable list: items start at column ``indent``; the last one ends before ``end``."""

    indent: int
    end: int
    keep: bool = False  # the last value is a block scalar that keeps its trailing blank lines


def _events(text: str) -> list[Any]:
    loader = yaml.SafeLoader(text)
    try:
        events = []
        while loader.check_event():
            events.append(loader.get_event())
        return events
    finally:
        loader.dispose()


def _keeps_blank_lines(text: str, event: Any) -> bool:
    """Whether ``event`` is a block scalar with the ``+`` (keep) chomping indicator."""
    if not isinstance(event, yaml.ScalarEvent) or event.style not in ("|", ">"):
        return False
    header = text[event.start_mark.index:text.find("\n", event.start_mark.index)]
    return "+" in header.split("#", 1)[0]


def _skip(events: list[Any], first: int) -> int:
    """The index just after the node that starts at ``first``."""
    depth = 0
    for i in range(first, len(events)):
        if isinstance(events[i], (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
        elif isinstance(events[i], (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if depth == 0:
            return i + 1
    return len(events)


def _last_content(text: str, events: list[Any]) -> tuple[int, Any]:
    """Where the written content of ``events`` ends, and the event that ends it.

    Scalars and written flow brackets count; a block collection's end does not, since
    it lies where the next token starts, after any comment lines.
    """
    end, last = events[0].end_mark.index, events[0]
    for event in events:
        written = isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)) or (
            isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)) and _flow_end(text, event))
        if written and event.end_mark.index >= end:
            end, last = event.end_mark.index, event
    return end, last


def _flow_end(text: str, event: Any) -> bool:
    """Whether a collection end is a written ``]`` or ``}`` (a block one ends where the next token starts)."""
    return text[event.start_mark.index:event.end_mark.index] in ("]", "}")


def _insertion_point(text: str, place: _Place) -> int:
    """Just after the line holding the end of the last item (its trailing comment included)."""
    if place.keep:
        return place.end
    end = min(place.end, len(text))
    while end > 0 and text[end - 1] in _BLANK:
        end -= 1
    newline = text.find("\n", end)
    return len(text) if newline == -1 else newline + 1


def _open_at_end(text: str, events: list[Any]) -> bool:
    """Whether a line break added at the end would change the file's last value.

    A block scalar that keeps its final line break (``|``, ``>``, ``|+``) gains one when the
    file, which ends without any, gets text appended after it.
    """
    if text.endswith(("\n", "\r")):
        return False
    last = next((e for e in reversed(events) if isinstance(e, yaml.ScalarEvent)), None)
    if last is None or last.style not in ("|", ">"):
        return False
    header = text[last.start_mark.index:text.find("\n", last.start_mark.index)]
    return "-" not in header.split("#", 1)[0]


def _places(text: str) -> tuple[dict[str, _Place | None], list[str]]:
    """The editable lists of the root mapping, and which of them are absent (and can be appended)."""
    places: dict[str, _Place | None] = dict.fromkeys(LISTS)
    try:
        events = _events(text)
    except yaml.YAMLError:
        return places, []
    root = next((i for i, e in enumerate(events) if isinstance(e, (yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                                                         yaml.ScalarEvent))), None)
    if root is None or not isinstance(events[root], yaml.MappingStartEvent):
        return places, []
    seen: set[str] = set()
    i = root + 1
    while i < len(events) and not isinstance(events[i], yaml.MappingEndEvent):
        key, value_at = events[i], _skip(events, i)
        after = _skip(events, value_at)
        if isinstance(key, yaml.ScalarEvent) and key.value in LISTS and key.value not in seen:
            seen.add(key.value)
            places[key.value] = _place(text, key, events[value_at:after])
        i = after
    if _open_at_end(text, events):  # nothing may go after the last value: only places before the end are kept
        return {k: p if p is None or _insertion_point(text, p) < len(text) else None for k, p in places.items()}, []
    ended = any(isinstance(e, yaml.DocumentEndEvent) and e.explicit for e in events)  # nothing goes after '...'
    block_root = not events[root].flow_style and events[root].start_mark.column == 0 and not ended
    return places, [name for name in LISTS if name not in seen] if block_root else []


def _place(text: str, key: Any, value: list[Any]) -> _Place | None:
    """Where items go in the value of ``key``: a block sequence, or nothing yet (``clean:`` alone)."""
    first = value[0]
    if isinstance(first, yaml.SequenceStartEvent) and not first.flow_style:
        end, last = _last_content(text, value)
        return _Place(first.start_mark.column, end, _keeps_blank_lines(text, last))
    if isinstance(first, yaml.ScalarEvent) and first.style is None and first.value == "" and first.tag is None:
        return _Place(key.start_mark.column + 2, max(key.end_mark.index, first.end_mark.index))
    return None


def lesson_source(text: str) -> dict[str, Any]:
    """What ``AlAnnotate.insertEntries`` needs to add items to the lesson file ``text``.

    ``{"text", "newline", "annotations", "clean", "absent"}``: for each list, ``{"at",
    "indent"}`` (the UTF-16 offset where the next item goes and the indentation of its
    ``-``) or None when items cannot be added as text (a flow-style ``[...]`` list, a
    value that is not a list, a file that is not YAML); ``absent`` names the lists the
    file does not have, which may be appended at its end.
    """
    places, absent = _places(text)
    out: dict[str, Any] = {"text": text, "newline": "\r\n" if "\r\n" in text else "\n", "absent": absent}
    for name, place in places.items():
        if place is None:
            out[name] = None
            continue
        at = _insertion_point(text, place)
        out[name] = {"at": utf16_length(text[:at]), "indent": " " * place.indent}
    return out
