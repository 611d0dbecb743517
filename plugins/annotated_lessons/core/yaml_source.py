"""Safe YAML loading that remembers where every value came from.

Contributors fix lessons from error messages, so every value of a lesson keeps the
line and column of its YAML node, counted as editors and GitHub count them. Loading
reads PyYAML's safe (and, where available, C-accelerated) parser events and builds
plain Python values from them: no tags beyond the safe ones, no aliases (which could
expand exponentially), no duplicate keys (which YAML would otherwise resolve silently
to the last one), no nesting beyond :data:`MAX_DEPTH`, no number beyond
:data:`MAX_DIGITS` digits, and dates kept as the text they were written as. Every
input ends in data or in a :class:`YamlProblem` with a position, never in another
exception.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import Diagnostic

try:  # libyaml makes loading hundreds of lessons several times faster
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Base = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with a shortcut for the commonest case: plain text.

    Tag resolution runs in Python for every scalar even with libyaml; text whose first
    character starts no implicit type (most notes and quotes) is settled at once.
    """

    _first_chars = frozenset(yaml.SafeLoader.yaml_implicit_resolvers)

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in self._first_chars)):
            return _STR
        return super().resolve(kind, value, implicit)

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    col: int

    @classmethod
    def of(cls, mark: Any) -> Position:
        return cls(mark.line + 1, mark.column + 1)


@dataclass
class LocatedDocument:
    """Plain data loaded from YAML plus the position of each value and each mapping key."""

    data: Any
    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)

    def at(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of its nearest located parent."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Position(1, 1))

    def key_at(self, path: PathKey) -> Position:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        return self.keys.get(path) or self.at(path)


class YamlProblem(Exception):
    """A YAML file that cannot be turned into data; carries a ready diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


_SCALARS = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
_AS_TEXT = {_STR, _TAG + "timestamp"}  # a date is kept as written: no course needs a date object
_INT = _TAG + "int"

#: Deeper than any course file needs (a lesson uses five levels), far below Python's recursion limit.
MAX_DEPTH = 50
#: More digits than any count or position in a course (a hex number's ``0x`` counts as digits).
MAX_DIGITS = 32

# YAML allows only these characters (YAML 1.1, as PyYAML reads it); anything else is refused
# before parsing, so the message can say where it is and what it is.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# PyYAML counts these as line breaks too; editors and GitHub count "\n" (and "\r").
_EXTRA_BREAKS = re.compile("[\x85\u2028\u2029]")
_LINE_START = re.compile("\r\n?|\n")

MESSAGES = {
    "syntax": "malformed YAML: {problem}",
    "syntax-hint": "check the indentation, and quote text that contains ': ' or starts with a special character",
    "context-hint": "{context} that starts at line {line}, column {col}; ",
    "character": "the character {char} (U+{code:04X}) is not allowed in a YAML file",
    "character-hint": "delete it: most editors do not show it",
    "documents": "a course file holds one YAML document, but a second one starts here",
    "documents-hint": "remove the '---' line, or split the file in two",
    "alias": "this value is reused through a YAML alias (*name); aliases are not allowed",
    "alias-hint": "write the value out again instead of using an anchor (&name)",
    "tag": "the YAML tag {tag} is not allowed",
    "tag-hint": "course files hold plain text, numbers, lists and mappings only",
    "key": "mapping keys must be plain words",
    "duplicate": "duplicate key {key}",
    "duplicate-hint": "{key} is already set on line {line}; keep one of them",
    "depth": "lists and mappings are nested more than {depth} levels deep here",
    "depth-hint": "course files need a few levels; look for unclosed '[' or '{'",
    "digits": "a number with more than {digits} digits",
    "digits-hint": "put it in quotes if it is meant as text",
    "value": "{value!r} is not a valid {tag}",
}


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


class Lines:
    """Turns a parser mark into the line and column an editor shows.

    PyYAML also breaks lines at NEL, U+2028 and U+2029; editors, GitHub and the rest of
    this package do not, so marks are recounted from their index when those occur.
    """

    def __init__(self, text: str):
        self.starts: list[int] | None = None
        if _EXTRA_BREAKS.search(text):
            self.starts = [0] + [m.end() for m in _LINE_START.finditer(text)]

    def position(self, mark: Any) -> Position:
        if self.starts is None:
            return Position(mark.line + 1, mark.column + 1)
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return Position(line + 1, mark.index - self.starts[line] + 1)

    def at_index(self, text: str, index: int) -> Position:
        before = text[:index]
        last = max(before.rfind("\n"), before.rfind("\r"))
        return Position(len(_LINE_START.findall(before)) + 1, index - last)


def load_located(text: str, path: str) -> LocatedDocument:
    """Parse one YAML document, raising :class:`YamlProblem` with ``PATH:LINE:COL`` on failure.

    Values are built from the parser's events rather than a composed node graph: PyYAML
    composes recursively, so a list nested a few hundred levels deep would overflow
    Python's stack; here the depth is counted and bounded instead.
    """
    lines = Lines(text)
    bad = _NOT_ALLOWED.search(text)
    if bad:
        pos = lines.at_index(text, bad.start())
        char = bad.group()
        raise YamlProblem(Diagnostic(path, pos.line, pos.col, MESSAGES["character"].format(
            char=repr(char), code=ord(char)), "yaml-character", hint=MESSAGES["character-hint"]))
    loader = _Loader(text)
    try:
        return _Builder(loader, lines, path).run()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = lines.position(mark) if mark is not None else Position(1, 1)
        hint = MESSAGES["syntax-hint"]
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            start = lines.position(exc.context_mark)
            hint = MESSAGES["context-hint"].format(context=exc.context, line=start.line, col=start.col) + hint
        raise YamlProblem(Diagnostic(path, pos.line, pos.col, MESSAGES["syntax"].format(problem=exc.problem),
                                     "yaml-syntax", hint=hint)) from None
    except yaml.reader.ReaderError as exc:  # pragma: no cover - the characters are checked above
        pos = lines.at_index(text, min(exc.position, len(text)))
        raise YamlProblem(Diagnostic(path, pos.line, pos.col, MESSAGES["syntax"].format(problem=exc.reason),
                                     "yaml-syntax")) from None
    finally:
        loader.dispose()


@dataclass
class _Open:
    """A mapping or list being filled; ``key`` is the mapping key waiting for its value."""

    value: dict[str, Any] | list[Any]
    where: PathKey
    key: str | None = None


class _Builder:
    def __init__(self, loader: Any, lines: Lines, path: str):
        self.loader = loader
        self.lines = lines
        self.path = path
        self.doc = LocatedDocument(data=None)
        self.stack: list[_Open] = []
        self.documents = 0

    def fail(self, mark: Any, message: str, code: str, hint: str | None = None) -> YamlProblem:
        pos = self.lines.position(mark)
        return YamlProblem(Diagnostic(self.path, pos.line, pos.col, message, code, hint=hint))

    def run(self) -> LocatedDocument:
        loader = self.loader
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.start(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.stack.pop()
            elif isinstance(event, yaml.AliasEvent):
                raise self.fail(event.start_mark, MESSAGES["alias"], "yaml-alias", MESSAGES["alias-hint"])
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event.start_mark, MESSAGES["documents"], "yaml-syntax",
                                    MESSAGES["documents-hint"])
        return self.doc

    def _tag(self, event: Any, kind: type) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, getattr(event, "value", None), event.implicit)
        if tag not in _PLAIN_TAGS:
            raise self.fail(event.start_mark, MESSAGES["tag"].format(tag=_quoted(tag.replace(_TAG, "!!"))),
                            "yaml-value", MESSAGES["tag-hint"])
        return tag

    def _place(self, event: Any) -> PathKey:
        """Where the value that ``event`` starts goes, with its position recorded."""
        where: PathKey = ()
        if self.stack:
            parent = self.stack[-1]
            if isinstance(parent.value, list):
                where = parent.where + (len(parent.value),)
            else:
                assert parent.key is not None
                where = parent.where + (parent.key,)
        self.doc.values[where] = self.lines.position(event.start_mark)
        return where

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.doc.data = value
            return
        parent = self.stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[parent.key] = value  # type: ignore[index]
            parent.key = None

    def _is_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].value, dict) and self.stack[-1].key is None

    def start(self, event: Any) -> None:
        if self._is_key():
            raise self.fail(event.start_mark, MESSAGES["key"], "yaml-key")
        kind = yaml.MappingNode if isinstance(event, yaml.MappingStartEvent) else yaml.SequenceNode
        self._tag(event, kind)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(event.start_mark, MESSAGES["depth"].format(depth=MAX_DEPTH), "yaml-depth",
                            MESSAGES["depth-hint"])
        where = self._place(event)
        value: dict[str, Any] | list[Any] = {} if kind is yaml.MappingNode else []
        self._attach(value)
        self.stack.append(_Open(value, where))

    def scalar(self, event: Any) -> None:
        tag = self._tag(event, yaml.ScalarNode)
        if self._is_key():
            self.key(event, tag)
            return
        self._place(event)
        self._attach(self.construct(event, tag))

    def key(self, event: Any, tag: str) -> None:
        parent = self.stack[-1]
        if tag == _TAG + "merge":  # pragma: no cover - merge is not among the plain tags
            raise self.fail(event.start_mark, MESSAGES["key"], "yaml-key")
        key = str(event.value)
        assert isinstance(parent.value, dict)
        if key in parent.value:
            first = self.doc.keys[parent.where + (key,)]
            raise self.fail(event.start_mark, MESSAGES["duplicate"].format(key=_quoted(key)), "duplicate-key",
                            MESSAGES["duplicate-hint"].format(key=_quoted(key), line=first.line))
        self.doc.keys[parent.where + (key,)] = self.lines.position(event.start_mark)
        parent.key = key

    def construct(self, event: Any, tag: str) -> Any:
        value = event.value
        if tag in _AS_TEXT:
            return value
        if tag == _INT and len(value.lstrip("+-").replace("_", "")) > MAX_DIGITS:  # hex digits count too
            raise self.fail(event.start_mark, MESSAGES["digits"].format(digits=MAX_DIGITS), "yaml-value",
                            MESSAGES["digits-hint"])
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return _SCALARS.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, KeyError, AttributeError, TypeError,
                OverflowError):  # an explicit tag on a value it does not fit, e.g. `!!int abc`
            raise self.fail(event.start_mark, MESSAGES["value"].format(
                value=value[:80], tag=tag.replace(_TAG, "!!")), "yaml-value", MESSAGES["tag-hint"]) from None
