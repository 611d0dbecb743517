"""Safe YAML loading that remembers where every value came from.

Contributors fix lessons from error messages, so every value of a lesson keeps the
line and column of its YAML node. Loading composes the node graph with PyYAML's safe
(and, where available, C-accelerated) loader and builds plain Python values from it:
no tags beyond the safe ones, no aliases (which could expand exponentially), and no
duplicate keys (which YAML would otherwise resolve silently to the last one).
"""

from __future__ import annotations

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
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq",
                                                         "timestamp")}


def load_located(text: str, path: str) -> LocatedDocument:
    """Parse one YAML document, raising :class:`YamlProblem` with ``PATH:LINE:COL`` on failure."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position.of(mark) if mark is not None else Position(1, 1)
        hint = "check the indentation, and quote text that contains ': ' or starts with a special character"
        if exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            start = Position.of(exc.context_mark)
            hint = f"{exc.context} that starts at line {start.line}, column {start.col}; " + hint
        raise YamlProblem(
            Diagnostic(path, pos.line, pos.col, f"malformed YAML: {exc.problem}", "yaml-syntax", hint=hint)
        ) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise YamlProblem(Diagnostic(path, 1, 1, f"malformed YAML: {exc}", "yaml-syntax")) from None
    doc = LocatedDocument(data=None)
    if node is None:
        return doc
    builder = _Builder(doc, path)
    doc.data = builder.build(node, ())
    return doc


class _Builder:
    def __init__(self, doc: LocatedDocument, path: str):
        self.doc = doc
        self.path = path
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str, code: str, hint: str | None = None) -> YamlProblem:
        pos = Position.of(node.start_mark)
        return YamlProblem(Diagnostic(self.path, pos.line, pos.col, message, code, hint=hint))

    def build(self, node: yaml.Node, where: PathKey) -> Any:
        if id(node) in self.seen:
            # The composed graph keeps no mark for the alias itself, so point at the anchored value.
            raise self.fail(node, "this value is reused through a YAML alias (*name); aliases are not allowed",
                            "yaml-alias", hint="write the value out again instead of using an anchor (&name)")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(node, f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                            "yaml-value", hint="course files hold plain text, numbers, lists and mappings only")
        mark = node.start_mark
        self.doc.values[where] = Position(mark.line + 1, mark.column + 1)
        if node.tag == _STR:
            return node.value
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, "mapping keys must be plain words", "yaml-key")
                key = str(key_node.value)
                if key in result:
                    first = self.doc.keys[where + (key,)]
                    raise self.fail(key_node, f"duplicate key '{key}'", "duplicate-key",
                                    hint=f"'{key}' is already set on line {first.line}; keep one of them")
                key_mark = key_node.start_mark
                self.doc.keys[where + (key,)] = Position(key_mark.line + 1, key_mark.column + 1)
                result[key] = self.build(value_node, where + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, where + (i,)) for i, item in enumerate(node.value)]
        try:
            return _SCALARS.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise self.fail(node, f"unsupported YAML value: {exc.problem}", "yaml-value") from None
