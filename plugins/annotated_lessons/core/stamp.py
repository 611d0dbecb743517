"""Writing provenance into a lesson file without disturbing anything else in it.

A lesson is a file people wrote by hand: comments, flow mappings, quoting, CRLF line
endings, a byte-order mark. ``lessons stamp`` therefore edits the text, not the data:
each edit is placed by the YAML node's character ``index`` (never by line and column,
which PyYAML also advances at U+0085, U+2028 and U+2029), replaces a whole scalar token
or inserts a key, and every other byte stays as it was. Each passage gets ``at:`` (below
its ``id:`` line, as the first key of a block mapping, or first inside a flow mapping),
and the lesson gets ``article_sha256:``.

The result is parsed again and must hold exactly the same data plus those values. An
edit that would not (a complex key, a block scalar ``at``, odd tags) is dropped and
reported, so a stamped lesson is never less valid than it was.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .lesson import Annotation, Lesson
from .provenance import article_digest
from .writing import yaml_scalar
from .yaml_source import Lines

try:  # libyaml marks count characters too, and are much faster on long lessons
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

BOM = b"\xef\xbb\xbf"
_BREAKS = "\r\n\x85\u2028\u2029"  # what YAML 1.1 counts as a line break
_FIRST_BREAK = re.compile(r"\r\n|\r|\n")
_ANY_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_REST_OF_LINE = re.compile(r"[ \t]*(?:#[^\r\n\x85\u2028\u2029]*)?(\r\n|\r|\n|\Z)")
_KINDS = {"annotations": "technique", "clean": "clean"}
TRIAL_LIMIT = 200  # groups tried one by one when the edited file does not parse at all

MESSAGES = {
    "not-utf8": "the file is not UTF-8 text",
    "not-yaml": "the file is not YAML that loads",
    "not-mapping": "the lesson is not a mapping of keys",
    "left": "'at' of {what} left as written: {why}",
    "hash-left": "'article_sha256' left as written: {why}",
    "block": "it is not a plain or quoted scalar",
    "not-anchored": "the passage does not anchor",
    "unsafe": "editing it would change what the file means",
    "gave-up": "the file could not be edited safely; nothing was changed",
}


class StampError(ValueError):
    """A lesson file that cannot be stamped at all; the message says why."""


@dataclass
class Stamped:
    """The new bytes of a lesson file and what happened to each passage."""

    data: bytes
    stamped: int = 0  # passages whose ``at`` now records where they start
    left: list[str] = field(default_factory=list)  # what was left as written, and why


@dataclass
class _Group:
    """The edits that set one value; dropped together if the result would not re-validate."""

    path: tuple[str | int, ...]
    value: Any
    edits: list[tuple[int, int, str]]
    what: str


def stamp_file(raw: bytes, lesson: Lesson) -> Stamped:
    """``raw`` (a lesson file's bytes) with the article hash and passage positions recorded."""
    bom = raw.startswith(BOM)
    try:
        text = raw[len(BOM) if bom else 0:].decode("utf-8")
    except UnicodeDecodeError:
        raise StampError(MESSAGES["not-utf8"]) from None
    new_text, stamped, left = _stamp_text(text, lesson)
    return Stamped((BOM if bom else b"") + new_text.encode("utf-8", "surrogatepass"), stamped, left)


def stamp_lesson(text: str, lesson: Lesson) -> str:
    """``text`` with provenance recorded, for callers that hold the text already."""
    return _stamp_text(text, lesson)[0]


def _stamp_text(text: str, lesson: Lesson) -> tuple[str, int, list[str]]:
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = _Loader("").construct_document(root) if root is not None else None
    except (yaml.YAMLError, RecursionError):
        raise StampError(MESSAGES["not-yaml"]) from None
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise StampError(MESSAGES["not-mapping"])
    eol = m.group() if (m := _FIRST_BREAK.search(text)) else "\n"
    groups, left = _plan(text, root, data, lesson, eol)
    new_text, kept, dropped = _apply_checked(text, data, groups)
    left += [MESSAGES["hash-left" if g.path == ("article_sha256",) else "left"].format(
        what=g.what, why=MESSAGES["unsafe"]) for g in dropped]
    stamped = sum(1 for g in kept if g.path != ("article_sha256",))
    stamped += sum(1 for g in groups if not g.edits and g.path != ("article_sha256",))
    return new_text, stamped, left


def _plan(text: str, root: yaml.MappingNode, data: dict[str, Any], lesson: Lesson,
          eol: str) -> tuple[list[_Group], list[str]]:
    by_selector: dict[tuple[Any, ...], Annotation] = {}
    for a in lesson.annotations:
        s = a.selector
        by_selector.setdefault((a.line, a.kind, s.quote, s.prefix, s.suffix, s.occurrence), a)
    groups: list[_Group] = []
    left: list[str] = []
    lines = Lines(text)  # the loader's line numbers, which count only \n and \r as breaks
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in _KINDS or not isinstance(value_node, yaml.SequenceNode) or not isinstance(data.get(key), list):
            continue
        for i, item in enumerate(value_node.value):
            values = data[key][i]
            if not isinstance(item, yaml.MappingNode) or not isinstance(values, dict):
                continue
            what = f"{key} item {i + 1}" + (f" ('{values['id']}')" if isinstance(values.get("id"), str) else "")
            found = by_selector.get((lines.position(item.start_mark).line, _KINDS[key], values.get("quote"), values.get("prefix"),
                                     values.get("suffix"), values.get("occurrence")))
            if found is None:
                left.append(MESSAGES["left"].format(what=what, why=MESSAGES["not-anchored"]))
                continue
            edits = _at_edits(text, item, found.span.start, eol)
            if isinstance(edits, str):
                left.append(MESSAGES["left"].format(what=what, why=edits))
                continue
            groups.append(_Group((key, i, "at"), found.span.start, edits, what))
    digest = article_digest(lesson.article)
    edits = _hash_edits(text, root, digest, eol)
    if isinstance(edits, str):
        left.append(MESSAGES["hash-left"].format(why=edits))
    else:
        groups.append(_Group(("article_sha256",), digest, edits, "article_sha256"))
    return groups, left


def _pair(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    return next(((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)


def _replace_value(text: str, key: yaml.Node, value: yaml.Node, new: str) -> list[tuple[int, int, str]] | str:
    """Edits that make ``value`` (the node under ``key``) read ``new``: the whole token, never a part of it."""
    if not isinstance(value, yaml.ScalarNode) or value.style not in (None, "", "'", '"'):
        return MESSAGES["block"]
    start, end = value.start_mark.index, value.end_mark.index
    if text[start:end] == new:
        return []
    if not value.value and value.style in (None, "") and start == end:  # `at:` with nothing after it
        colon = text.find(":", key.end_mark.index)
        if colon < 0:
            return MESSAGES["unsafe"]
        return [(colon + 1, colon + 1, " " + new)]
    return [(start, end, new)]


def _at_edits(text: str, item: yaml.MappingNode, value: int, eol: str) -> list[tuple[int, int, str]] | str:
    existing = _pair(item, "at")
    if existing is not None:
        return _replace_value(text, existing[0], existing[1], str(value))
    if not item.value:
        return MESSAGES["unsafe"]
    first_key, first_value = item.value[0]
    if item.flow_style:
        brace = text.find("{", item.start_mark.index, first_key.start_mark.index + 1)
        return [(brace + 1, brace + 1, f"at: {value}, ")] if brace >= 0 else MESSAGES["unsafe"]
    indent = " " * first_key.start_mark.column
    if (isinstance(first_key, yaml.ScalarNode) and first_key.value == "id" and isinstance(first_value, yaml.ScalarNode)
            and first_value.style in (None, "", "'", '"')):
        rest = _REST_OF_LINE.match(text, first_value.end_mark.index)
        if rest:  # `- id: x  # comment` on a line of its own: `at` goes just below it
            if rest.group(1):
                return [(rest.end(), rest.end(), f"{indent}at: {value}{rest.group(1)}")]
            return [(rest.end(), rest.end(), f"{eol}{indent}at: {value}")]
    start = first_key.start_mark.index
    return [(start, start, f"at: {value}{eol}{indent}")]


def _hash_edits(text: str, root: yaml.MappingNode, digest: str, eol: str) -> list[tuple[int, int, str]] | str:
    scalar = yaml_scalar(digest)
    existing = _pair(root, "article_sha256")
    if existing is not None:
        if existing[1].value == digest and isinstance(existing[1], yaml.ScalarNode):
            return []
        return _replace_value(text, existing[0], existing[1], scalar)
    line = f"article_sha256: {scalar}"
    if root.flow_style:
        brace = text.find("{", root.start_mark.index)
        return [(brace + 1, brace + 1, f"{line}, ")] if brace >= 0 else MESSAGES["unsafe"]
    end = root.end_mark.index
    if end == len(text):  # the usual case: append at the end, after one blank line
        tail = text[len(text.rstrip(_BREAKS)):]
        breaks = len(_ANY_BREAK.findall(tail))
        return [(end, end, f"{line}{eol}" if breaks >= 2 else f"{eol}{line}{eol}" if breaks else f"{eol}{eol}{line}{eol}")]
    before = text[end - 1] if end else "\n"  # e.g. before a `...` document end
    return [(end, end, f"{line}{eol}" if before in _BREAKS else f"{eol}{line}{eol}")]


def _apply(text: str, groups: list[_Group]) -> str:
    edits = sorted((e for g in groups for e in g.edits), key=lambda e: (e[0], e[1]))
    parts, last = [], 0
    for start, end, new in edits:
        parts += [text[last:start], new]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _expected(data: dict[str, Any], groups: list[_Group]) -> dict[str, Any]:
    """``data`` with the groups' values set; only the containers on their paths are copied."""
    wanted = dict(data)
    copied: set[tuple[str | int, ...]] = {()}
    for g in groups:
        target: Any = wanted
        for depth, step in enumerate(g.path[:-1], 1):
            if g.path[:depth] not in copied:
                target[step] = copy.copy(target[step])
                copied.add(g.path[:depth])
            target = target[step]
        target[g.path[-1]] = g.value
    return wanted


def _load(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - the safe loader
    except (yaml.YAMLError, RecursionError):
        return _UNLOADABLE


_UNLOADABLE = object()


def _same(a: Any, b: Any) -> bool:
    """Equality of loaded YAML, where ``.nan`` equals itself."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


def _value_at(data: Any, path: tuple[str | int, ...]) -> Any:
    """The value a group is judged by: the whole item for an ``at``, the value itself at the top level."""
    for step in path[:-1] if len(path) > 1 else path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return _UNLOADABLE
    return data


def _apply_checked(text: str, data: dict[str, Any],
                   groups: list[_Group]) -> tuple[str, list[_Group], list[_Group]]:
    """Apply the groups whose result re-loads as the same data plus their values; drop the others."""
    active = [g for g in groups if g.edits]
    dropped: list[_Group] = []
    for _ in range(3):
        new = _apply(text, active)
        got, wanted = _load(new), _expected(data, active)
        if got is not _UNLOADABLE and _same(got, wanted):
            return new, active, dropped
        bad = []
        if got is not _UNLOADABLE and isinstance(got, dict):
            bad = [g for g in active if not _same(_value_at(got, g.path), _value_at(wanted, g.path))]
        if not bad:
            if len(active) > TRIAL_LIMIT:
                raise StampError(MESSAGES["gave-up"])
            bad = [g for g in active if not _same(_load(_apply(text, [g])), _expected(data, [g]))]
            if not bad:
                raise StampError(MESSAGES["gave-up"])
        dropped += bad
        active = [g for g in active if g not in bad]
    raise StampError(MESSAGES["gave-up"])
