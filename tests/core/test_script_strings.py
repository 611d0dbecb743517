"""The page scripts show only strings that the lesson page sends them (``data-al-ui``).

A string written into a script but missing from ``SCRIPT_STRINGS`` would stay English on
a translated page; an entry no script uses is dead weight a translator would still work on.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from annotated_lessons.core.script_strings import ANNOTATE_STRINGS, SCRIPT_STRINGS, script_strings

ASSETS = Path(__file__).resolve().parents[2] / "plugins" / "annotated_lessons" / "assets"
SCRIPTS = ("lessons.js", "practice.js")
#: Literals that are not shown to anyone: key names, event types and the like.
NOT_SHOWN = {"Escape", "Enter", "Tab", "Highlight"}


def _literals(source: str) -> set[str]:
    """Double-quoted string literals, with ``"a" + "b"`` joined as the script joins them."""
    source = re.sub(r'"\s*\+\s*\n?\s*"', "", source)
    return {m.group(1) for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', source)}


def _prose(literal: str) -> bool:
    """A literal a reader would see: it starts with a capital letter, has a placeholder or is a quotation mark."""
    return literal not in NOT_SHOWN and bool(re.match(r"[A-Z][a-z]|.*%\(\w+\)s|“", literal))


def _keys() -> set[str]:
    return {entry if isinstance(entry, str) else entry[0] for entry in SCRIPT_STRINGS}


def test_every_visible_literal_of_the_scripts_is_a_script_string() -> None:
    for name in SCRIPTS:
        shown = {lit for lit in _literals((ASSETS / name).read_text(encoding="utf-8")) if _prose(lit)}
        assert shown - _keys() == set(), f"{name} shows strings the page does not send"


def test_every_script_string_is_used_by_a_script() -> None:
    literals = set().union(*(_literals((ASSETS / name).read_text(encoding="utf-8")) for name in SCRIPTS))
    assert _keys() - literals == set()


def test_plural_entries_send_one_form_per_category() -> None:
    sent = script_strings(str, lambda one, many: {"one": one + "!", "few": many + "?", "other": many})
    assert sent["%(count)s tag."] == {"one": "%(count)s tag.!", "few": "%(count)s tags.?", "other": "%(count)s tags."}
    english = script_strings(str)
    assert english["%(count)s tag."] == {"one": "%(count)s tag.", "other": "%(count)s tags."}
    assert english["Next note"] == "Next note"


class _Root(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ui: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ui = self.ui or dict(attrs).get("data-al-ui")


def test_the_lesson_page_sends_the_strings_as_json() -> None:
    from annotated_lessons.core.templating import DEFAULT

    html = DEFAULT.env.from_string("<div data-al-ui='{{ script_ui() | tojson }}'></div>").render()
    parser = _Root()
    parser.feed(html)
    assert parser.ui is not None
    sent = json.loads(parser.ui)
    assert set(sent) == _keys()
    assert sent["%(quote)s is %(technique)s."] == "%(quote)s is %(technique)s."


def _annotate_keys() -> set[str]:
    return {entry if isinstance(entry, str) else entry[0] for entry in ANNOTATE_STRINGS}


def test_annotate_mode_shows_only_its_own_strings_and_uses_each() -> None:
    source = (ASSETS / "annotate" / "annotate.js").read_text(encoding="utf-8")
    literals = _literals(source)
    shown = {lit for lit in literals if _prose(lit)}
    assert shown - _annotate_keys() == set(), "annotate.js shows strings the page does not send"
    assert _annotate_keys() - literals == set()
    # Annotate mode's strings travel only with annotate mode: a lesson page without it is not heavier.
    assert not (_annotate_keys() - _keys()) & set(script_strings(str))
