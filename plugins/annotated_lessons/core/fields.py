"""A small declarative description of the course file formats.

One description serves two purposes: it produces the JSON Schema that editors use for
autocompletion (``lessons schema``), and it validates loaded YAML directly, with
messages written for contributors (the field's name, what it should be, the closest
known key) and the position of the node at fault. Hand-walking the data is also
several times faster than a generic JSON Schema validator on large courses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic
from .suggest import closest
from .yaml_source import LocatedDocument, PathKey

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def is_slug(value: str) -> bool:
    """An id of the format (technique, annotation): lower-case ASCII words joined by '-'."""
    return re.fullmatch(SLUG_PATTERN, value) is not None


def dotted(path: PathKey) -> str:
    """``annotations[3].quote`` style name of a location, for messages."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "the file"


_TYPE_NAMES = {str: "text", int: "a whole number", bool: "true/false", float: "a number",
               list: "a list", dict: "a mapping", type(None): "nothing"}


def kind_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


@dataclass
class Reporter:
    """Collects diagnostics for one file, positioned through its located document."""

    path: str
    doc: LocatedDocument
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, where: PathKey, message: str, code: str, hint: str | None = None, *, key: bool = False) -> None:
        pos = self.doc.key_at(where) if key else self.doc.at(where)
        self.diagnostics.append(Diagnostic(self.path, pos.line, pos.col, message, code, hint=hint))

    def warning(self, where: PathKey, message: str, code: str, hint: str | None = None) -> None:
        from .diagnostics import Severity

        pos = self.doc.at(where)
        self.diagnostics.append(Diagnostic(self.path, pos.line, pos.col, message, code, Severity.WARNING, hint))


class Field:
    description: str = ""

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        """Report problems with ``value``; return True when it can be used as is."""
        raise NotImplementedError

    def _doc(self, schema: dict[str, Any]) -> dict[str, Any]:
        if self.description:
            schema["description"] = self.description
        return schema

    def _wrong_type(self, value: Any, where: PathKey, report: Reporter, wanted: str, hint: str | None = None) -> bool:
        if hint is None and isinstance(value, (bool, int, float)) and wanted == "text":
            hint = "put the value in quotes to keep it as text"
        report.error(where, f"'{dotted(where)}' must be {wanted}, not {kind_name(value)}", "wrong-type", hint)
        return False


@dataclass
class Text(Field):
    description: str = ""
    markdown: bool = False
    min_length: int = 1

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "string", "minLength": self.min_length}
        if self.markdown:
            s["contentMediaType"] = "text/markdown"
        return self._doc(s)

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, str):
            return self._wrong_type(value, where, report, "text")
        if len(value.strip()) < self.min_length:
            report.error(where, f"'{dotted(where)}' is empty", "empty-value", "write the text, or remove the key")
            return False
        return True


@dataclass
class Slug(Field):
    description: str = ""

    def schema(self) -> dict[str, Any]:
        return self._doc({"type": "string", "pattern": SLUG_PATTERN})

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, str):
            return self._wrong_type(value, where, report, "a slug (lower-case words joined by '-')")
        if not is_slug(value):
            report.error(where, f"'{dotted(where)}' must be a slug: lower-case letters, digits and '-', not {value!r}",
                         "bad-slug", f"for example '{slugify(value) or 'my-id'}'")
            return False
        return True


@dataclass
class Integer(Field):
    description: str = ""
    minimum: int | None = None

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            s["minimum"] = self.minimum
        return self._doc(s)

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return self._wrong_type(value, where, report, "a whole number")
        if self.minimum is not None and value < self.minimum:
            report.error(where, f"'{dotted(where)}' must be at least {self.minimum}, not {value}", "out-of-range")
            return False
        return True


@dataclass
class Boolean(Field):
    description: str = ""

    def schema(self) -> dict[str, Any]:
        return self._doc({"type": "boolean"})

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, bool):
            return self._wrong_type(value, where, report, "true or false",
                                    "write true or false without quotes" if isinstance(value, str) else None)
        return True


@dataclass
class Choice(Field):
    """One of a few fixed words (e.g. a rating's answer)."""

    choices: tuple[str, ...]
    description: str = ""

    def schema(self) -> dict[str, Any]:
        return self._doc({"type": "string", "enum": list(self.choices)})

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, str) or value not in self.choices:
            near = closest(str(value), self.choices)
            hint = (f"did you mean '{near}'? " if near else "") + "use one of: " + ", ".join(self.choices)
            report.error(where, f"'{dotted(where)}' must be one of {', '.join(self.choices)}, not {value!r}",
                         "bad-choice", hint)
            return False
        return True


@dataclass
class ListOf(Field):
    item: Field
    description: str = ""
    min_items: int = 0

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            s["minItems"] = self.min_items
        return self._doc(s)

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, list):
            return self._wrong_type(value, where, report, "a list", "start each item on its own line with '- '")
        if len(value) < self.min_items:
            report.error(where, f"'{dotted(where)}' needs at least {self.min_items} item(s)", "too-few-items")
            return False
        ok = True
        for i, item in enumerate(value):
            ok = self.item.check(item, where + (i,), report) and ok
        return ok


@dataclass
class Mapping(Field):
    fields: dict[str, Field]
    required: tuple[str, ...] = ()
    description: str = ""
    extra_check: Callable[[dict[str, Any], PathKey, Reporter], bool] | None = None

    def schema(self) -> dict[str, Any]:
        s: dict[str, Any] = {
            "type": "object",
            "properties": {name: f.schema() for name, f in self.fields.items()},
            "additionalProperties": False,
        }
        if self.required:
            s["required"] = list(self.required)
        return self._doc(s)

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if not isinstance(value, dict):
            return self._wrong_type(value, where, report, "a mapping of keys to values")
        ok = not self.check_keys(value, where, report)
        if ok and self.extra_check is not None:
            ok = self.extra_check(value, where, report)
        return ok

    def check_keys(self, value: dict[str, Any], where: PathKey, report: Reporter,
                   skip: tuple[str, ...] = ()) -> set[str]:
        """Check each key of a mapping; return the names that are unknown, missing or invalid.

        Keys in ``skip`` are left for the caller (a lesson checks its annotations one by
        one, so that one broken annotation does not take the others with it).
        """
        bad: set[str] = set()
        for key in value:
            if key not in self.fields:
                near = closest(key, self.fields)
                hint = f"did you mean '{near}'?" if near else "known keys: " + ", ".join(self.fields)
                report.error(where + (key,), f"unknown key '{key}'", "unknown-key", hint, key=True)
                bad.add(key)
        for name in self.required:
            if value.get(name) is None:
                report.error(where, f"missing required key '{name}'" + (f" in {dotted(where)}" if where else ""),
                             "missing-key", self.fields[name].description or None)
                bad.add(name)
        for name, spec in self.fields.items():
            if name not in skip and value.get(name) is not None and not spec.check(value[name], where + (name,), report):
                bad.add(name)
        return bad


@dataclass
class TextOrMapping(Field):
    """A Markdown string, or a mapping for the longer form of the same item."""

    text: Text
    mapping: Mapping
    description: str = ""

    def schema(self) -> dict[str, Any]:
        return self._doc({"oneOf": [self.text.schema(), self.mapping.schema()]})

    def check(self, value: Any, where: PathKey, report: Reporter) -> bool:
        if isinstance(value, dict):
            return self.mapping.check(value, where, report)
        if isinstance(value, str):
            return self.text.check(value, where, report)
        keys = ", ".join(self.mapping.fields)
        return self._wrong_type(value, where, report, f"text or a mapping with {keys}")


def slugify(text: str, max_words: int = 6) -> str:
    """A readable slug from free text (used for default annotation ids and examples)."""
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words])
