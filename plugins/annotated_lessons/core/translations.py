"""The interface in the site's language: one gettext catalogue per language, read with Babel.

Every string the package puts on a page is looked up by its English text, so templates
write ``ui["Notes"]`` and a catalogue that lacks a string shows the English. The
catalogues are ``locales/<language>.po`` in the package: ``en.po`` lists every string
(its ``msgid``, with ``msgid_plural`` for counts) and is the reference the tests hold
every other language to. Plural forms follow CLDR through Babel: a plural entry has one
``msgstr[i]`` per category of the language, in CLDR order (``zero one two few many
other``, those the language has), which is also the order of Babel's ``Plural-Forms``.

A course picks the language (Material's ``theme.language``, or the plugin's own
``language`` option) and may replace single strings (``strings:`` in ``mkdocs.yml``);
:func:`override_problems` checks those before anything is rendered.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from .languages import Lang, canonical, direction_of, resolve, same_language, tag_problem
from .suggest import closest

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANGUAGE = "en"
#: CLDR's plural categories in the order gettext indices follow.
PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

Forms = dict[str, str]


def supported_languages() -> tuple[str, ...]:
    """The languages with a catalogue in the package, e.g. ('ar', 'de', 'en', ...)."""
    return tuple(sorted(p.stem for p in LOCALES.glob("*.po")))


@lru_cache(maxsize=64)
def categories(language: str) -> tuple[str, ...]:
    """The plural categories of a language, in gettext order: ('one', 'few', 'many', 'other') for uk.

    Cached: every counted string of every page asks, and parsing the locale is most of the cost.
    """
    tags = Locale.parse(language.replace("-", "_")).plural_form.tags | {"other"}
    return tuple(t for t in PLURAL_ORDER if t in tags)


@dataclass(frozen=True)
class Message:
    """One entry of a catalogue: a plain string, or a counted one with its plural forms."""

    msgid: str
    plural: str | None  # the English plural, for counted strings
    text: str | None  # the translation of a plain string (None: not translated)
    forms: Forms  # the translations of a counted string, by category (missing: not translated)
    line: int


@lru_cache(maxsize=32)
def read_catalogue(language: str) -> dict[str, Message]:
    """The messages of ``locales/<language>.po``, keyed by msgid (the singular, for counted strings)."""
    path = LOCALES / f"{language}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language.replace("-", "_"), abort_invalid=True)
    order = categories(language)
    out: dict[str, Message] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        line = message.lineno or 0
        if isinstance(message.id, (tuple, list)):
            singular, plural = message.id[0], message.id[1]
            strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
            forms = {cat: text for cat, text in zip(order, strings, strict=False) if text}
            out[singular] = Message(singular, plural, None, forms, line)
        else:
            out[message.id] = Message(message.id, None, message.string or None, {}, line)
    return out


def english() -> dict[str, Message]:
    """The reference catalogue: every string the package shows."""
    return read_catalogue(DEFAULT_LANGUAGE)


def match_language(requested: str) -> str | None:
    """The supported catalogue for a language tag: 'de-AT' -> 'de', 'zh-Hans' -> 'zh'; None if there is none.

    Chinese in Traditional characters (zh-Hant, zh-TW, zh-HK, zh-MO) does not fall back to
    the Simplified catalogue: a reader of one is better served by a warning and English
    than by the other script unasked.
    """
    tag = requested.strip().replace("_", "-")
    supported = {s.lower(): s for s in supported_languages()}
    if tag.lower() in supported:
        return supported[tag.lower()]
    parts = tag.split("-")
    if parts[0].lower() == "zh" and {p.lower() for p in parts[1:]} & {"hant", "tw", "hk", "mo"}:
        return None
    return supported.get(parts[0].lower())


def interface_language(requested: str | None) -> tuple[str, str | None]:
    """The catalogue for a requested language, and a warning when there is none (English is used)."""
    if not requested or not str(requested).strip():
        return DEFAULT_LANGUAGE, None
    found = match_language(str(requested))
    if found:
        return found, None
    return DEFAULT_LANGUAGE, (f"the interface has no translation for the language '{requested}', so it is shown "
                              f"in English; translated languages: {', '.join(supported_languages())} "
                              "(see the guide on languages to add one)")


class Translation(dict):  # type: ignore[type-arg]
    """The strings of one language (with a course's overrides), as templates and scripts use them.

    ``ui["Notes"]`` is a plain lookup that falls back to the English text; ``ui.n(singular,
    plural, count)`` picks the plural form for ``count`` and fills ``%(count)s`` with the
    number written the language's way; ``ui.forms(...)`` gives every form, for the page
    scripts. Instances are shared (see :func:`translation`), so they compare by identity.

    It is a dict of every msgid to its text, so the thousands of lookups of a big build are
    the C lookup of a dict (a method call each cost a fifth of the rendering time).
    """

    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

    def __init__(self, language: str, strings: dict[str, str], plurals: dict[str, Forms], page: str = ""):
        self.language = language
        self.locale = Locale.parse(language.replace("-", "_"))
        self.direction = direction_of(language)
        #: The page's own language (``<html lang>``): the interface's, unless it has no catalogue
        #: (English is shown inside a page in another language) or the plugin was given another.
        self.page = Lang(page or language, direction_of(page or language))
        # The catalogue of a language serves its regional tags too (de for a de-AT page).
        apart = not same_language(language, self.page.tag.split("-")[0])
        #: ``lang`` for the plugin's own blocks where the interface is not in the page's language.
        self.ui_attrs = Markup(' lang="{}"').format(language) if apart else Markup("")
        #: What surrounds a course's text inside the plugin's blocks: the interface's language, the page's direction.
        self._around = Lang(language, self.page.dir) if apart else self.page
        #: ``lang`` for a course's own text (technique names, audiences...) inside those blocks.
        self.content_attrs = self.lang_attrs(Lang())
        super().__init__({msgid: strings.get(msgid, msgid) for msgid in english()})
        super().update(strings)
        self._plurals = plurals

    def __missing__(self, msgid: str) -> str:
        return msgid  # a string of a course's own template, not in the catalogue

    def forms(self, singular: str, plural: str) -> Forms:
        """Every plural form of a counted string in this language, by CLDR category."""
        found = self._plurals.get(singular)
        if not found:  # not translated: the English forms
            return {cat: singular if cat == "one" else plural for cat in categories(self.language)}
        return {cat: found.get(cat) or found.get("other") or plural for cat in categories(self.language)}

    def plural(self, singular: str, plural: str, count: int) -> str:
        """The form of a counted string for ``count``, placeholders not yet filled."""
        category = self.locale.plural_form(count)
        forms = self.forms(singular, plural)
        return forms.get(category) or forms["other"]

    def n(self, singular: str, plural: str, count: int, **values: Any) -> str:
        """A counted string for ``count``, with ``%(count)s`` and the other placeholders filled."""
        return self.plural(singular, plural, count) % {"count": self.number(count), **values}

    def number(self, value: int | float) -> str:
        """A number as the language writes it (12,345 / 12 345 / 12.345)."""
        return format_decimal(value, locale=self.locale)

    def lang_attrs(self, declared: Lang, outer: Lang | None = None) -> Markup:
        """``lang``/``dir`` attributes for text in ``declared``, only where it differs from ``outer``.

        Without ``outer``, the text sits in one of the plugin's blocks (in the interface's
        language); undeclared, it is in the page's language.
        """
        return _lang_attrs(declared, outer, self.page, self._around)

    def dir_attrs(self, declared: Lang) -> Markup:
        """Only the ``dir`` of :meth:`lang_attrs`: for a box whose text is in ``declared`` but whose labels are not."""
        return _dir_only(self.lang_attrs(declared))

    def lang_attrs_in(self, declared: Lang, box: Lang) -> Markup:
        """As :meth:`lang_attrs`, for text inside a box marked with :meth:`dir_attrs` of ``box``."""
        return _lang_attrs_in(self.lang_attrs(declared), declared, box, self.page)

    def title_attrs(self, declared: Lang) -> Markup:
        """The ``lang`` of :meth:`lang_attrs` and ``dir="auto"``, for a lesson's title.

        A lesson's title is often in its article's script, whatever the notes' language (an
        Arabic headline for notes in English): the browser takes its direction from its first
        letter, so «...» and the full stop stand on the right side.
        """
        return _title_attrs(self.lang_attrs(declared))

    @cached_property
    def script_strings(self) -> dict[str, str | dict[str, str]]:
        """The ``data-al-ui`` object of every lesson page in this language."""
        from .script_strings import script_strings

        return script_strings(self.__getitem__, self.forms)

    @cached_property
    def annotate_strings(self) -> dict[str, str | dict[str, str]]:
        """The strings of the annotate-mode script (``annotate.js``), only sent in annotate mode."""
        from .script_strings import ANNOTATE_STRINGS, script_strings

        return script_strings(self.__getitem__, self.forms, ANNOTATE_STRINGS)

    def __repr__(self) -> str:
        return f"Translation({self.language!r})"


@lru_cache(maxsize=1024)
def _lang_attrs(declared: Lang, outer: Lang | None, page: Lang, around_ui: Lang) -> Markup:
    """Cached: two calls per note, with a handful of distinct languages in a whole course."""
    around = resolve(outer, page) if outer is not None else around_ui
    inner = resolve(declared, around if outer is not None else page)
    out = Markup("")
    if not same_language(inner.tag, around.tag):
        out += Markup(' lang="{}"').format(inner.tag)
    if inner.dir != around.dir:
        out += Markup(' dir="{}"').format(inner.dir)
    return out


@lru_cache(maxsize=1024)
def _lang_attrs_in(attrs: Markup, declared: Lang, box: Lang, page: Lang) -> Markup:
    """Cached as :func:`_lang_attrs` is: once per note, a handful of distinct answers per course."""
    lang = attrs.split(" dir=")[0]
    inner, outer = resolve(declared, page), resolve(box, page)
    return Markup(lang) + (Markup(' dir="{}"').format(inner.dir) if inner.dir != outer.dir else Markup(""))  # noqa: S704 - attributes built above


@lru_cache(maxsize=256)
def _dir_only(attrs: Markup) -> Markup:
    _, found, direction = attrs.partition(" dir=")
    return Markup(found + direction)  # noqa: S704 - attributes built above


@lru_cache(maxsize=256)
def _title_attrs(attrs: Markup) -> Markup:
    return Markup(attrs.split(" dir=")[0]) + Markup(' dir="auto"')  # noqa: S704 - attributes built above


def _base(language: str) -> tuple[dict[str, str], dict[str, Forms]]:
    strings: dict[str, str] = {}
    plurals: dict[str, Forms] = {}
    for msgid, message in read_catalogue(language).items():
        if message.plural is not None:
            if message.forms:
                plurals[msgid] = dict(message.forms)
        elif message.text:
            strings[msgid] = message.text
    return strings, plurals


@lru_cache(maxsize=64)
def _translation(language: str, frozen_overrides: str, page: str) -> Translation:
    strings, plurals = _base(language)
    reference = english()
    for msgid, value in json.loads(frozen_overrides).items():
        if reference[msgid].plural is not None:
            plurals[msgid] = {**plurals.get(msgid, {}), **value}
        else:
            strings[msgid] = value
    return Translation(language, strings, plurals, page)


def translation(language: str = DEFAULT_LANGUAGE, overrides: Mapping[str, Any] | None = None,
                page: str | None = None) -> Translation:
    """The shared Translation of a supported language with checked overrides (see :func:`override_problems`).

    ``page`` is the language of the pages it goes on (``<html lang>``) when that is not
    ``language``: a site in a language without a catalogue, or an interface chosen apart.
    A tag that is not well formed is ignored.
    """
    page_tag = canonical(page.strip()) if page and tag_problem(page.strip()) is None else ""
    return _translation(language, json.dumps(dict(overrides or {}), sort_keys=True, ensure_ascii=False), page_tag)


def override_problems(overrides: Any, language: str) -> list[str]:
    """Why the ``strings`` a course gives cannot be used, one message per problem (empty when fine)."""
    if overrides is None:
        return []
    if not isinstance(overrides, Mapping):
        return ["'strings' must be a mapping of an English interface text to its replacement"]
    reference = english()
    problems = []
    for key, value in overrides.items():
        if not isinstance(key, str) or key not in reference:
            near = closest(str(key), reference)
            hint = f"; did you mean '{near}'?" if near else "; the English texts are the msgids of locales/en.po"
            problems.append(f"'strings': '{key}' is not a text of the interface{hint}")
            continue
        message = reference[key]
        names = set(PLACEHOLDER.findall(key + (message.plural or "")))
        if message.plural is None:
            if not isinstance(value, str):
                problems.append(f"'strings': '{key}' must be replaced by a text")
                continue
            values = {"": value}
        else:
            allowed = categories(language)
            if not isinstance(value, Mapping) or not value:
                problems.append(f"'strings': '{key}' is counted; give one text per plural form of '{language}': "
                                + ", ".join(allowed))
                continue
            values = {}
            for category, text in value.items():
                if category not in allowed:
                    problems.append(f"'strings': '{key}': '{category}' is not a plural form of '{language}' "
                                    f"(its forms: {', '.join(allowed)})")
                elif not isinstance(text, str):
                    problems.append(f"'strings': '{key}': the '{category}' form must be a text")
                else:
                    values[category] = text
        for category, text in values.items():
            where = f"'{key}'" + (f" ({category})" if category else "")
            unknown = sorted(set(PLACEHOLDER.findall(text)) - names)
            if unknown:
                known = ", ".join(f"%({n})s" for n in sorted(names)) or "none"
                problems.append(f"'strings': {where}: unknown placeholder %({unknown[0]})s (this text has: {known})")
            elif names:
                try:
                    text % dict.fromkeys(names, "")
                except (ValueError, TypeError, KeyError):
                    problems.append(f"'strings': {where}: a '%' that is not a placeholder must be written '%%'")
    return problems


ENGLISH = translation()
