"""The one autoescaping template environment every page fragment is rendered with.

Every value a template prints is escaped unless it is :class:`markupsafe.Markup`, and
the only Markup this package hands to a template is HTML that ``nh3`` sanitised (the
``markdown`` and ``inline`` filters) or HTML that another template of this environment
produced. So a call site cannot forget to escape: forgetting gives escaped text.

A course may override any template: the loader looks in the override folders first
(the MkDocs plugin passes ``<theme custom_dir>/annotated_lessons/``), then in the
package's ``templates/`` folder, which also stays reachable as ``default/<name>`` so
an override can extend the template it replaces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup

from .markdown_notes import render_inline, render_markdown
from .script_strings import script_strings

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: Every template a course can override, with what it renders.
TEMPLATE_NAMES = (
    "lesson.html", "notes.html", "note.html", "check.html", "legend.html", "excerpt.html", "course_index.html", "strip.svg",
    "technique.html", "technique_index.html", "teacher_edition.html", "teacher_index.html", "page.html",
    "missing.html",
)


class Strings(dict):
    """The user-visible strings of the templates, looked up by their English text.

    Templates write ``ui["Notes"]`` (and ``ui["%(count)s notes"] | format(count=n)``), so a
    translation later is a catalogue of this type with entries; without one, each string
    is its own English text. A plain lookup, unlike a gettext call per string, costs next to
    nothing in the loops over notes.
    """

    def __missing__(self, key: str) -> str:
        return key


UI = Strings()


def _markdown(text: str | None) -> Markup:
    """Block Markdown of a course field, sanitised by nh3: the one way Markdown becomes markup."""
    return Markup(render_markdown(text or ""))  # noqa: S704 - nh3 output, see markdown_notes


def _inline(text: str | None) -> Markup:
    return Markup(render_inline(text or ""))  # noqa: S704 - nh3 output, see markdown_notes


def _letter(number: int) -> str:
    """1 -> A: the label of a self-check option."""
    return chr(64 + number) if 1 <= number <= 26 else str(number)


class Templates:
    """Renders the package's templates, overrides first; each result is Markup."""

    def __init__(self, overrides: Sequence[Path] = ()):
        self.overrides = tuple(Path(p) for p in overrides)
        package = FileSystemLoader(str(PACKAGE_TEMPLATES))
        self.env = Environment(
            loader=ChoiceLoader([FileSystemLoader([str(p) for p in self.overrides]), package,
                                 PrefixLoader({"default": package})]),
            autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=True)
        self.env.globals["ui"] = UI
        self.env.globals["script_ui"] = lambda: script_strings(UI.__getitem__)
        self.env.filters["markdown"] = _markdown
        self.env.filters["inline"] = _inline
        self.env.filters["letter"] = _letter

    def render(self, name: str, **context: Any) -> Markup:
        return Markup(self.env.get_template(name).render(**context))  # noqa: S704 - autoescaping template output

    def call(self, name: str, macro: str, *args: Any) -> Markup:
        """Call a macro of a template (``note.html`` and ``check.html`` are macros, called once per note)."""
        return Markup(getattr(self.env.get_template(name).module, macro)(*args))  # noqa: S704 - template output


@lru_cache(maxsize=16)
def _templates(overrides: tuple[str, ...]) -> Templates:
    return Templates([Path(p) for p in overrides])


def templates_for(overrides: Iterable[Path | str] = ()) -> Templates:
    """The shared environment for a set of override folders (compiled templates are reused)."""
    return _templates(tuple(str(Path(p)) for p in overrides))


DEFAULT = templates_for()
