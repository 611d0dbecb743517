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

import hashlib
import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, Template
from markupsafe import Markup

from .markdown_notes import render_inline, render_markdown
from .translations import ENGLISH, Translation

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

#: Every template a course can override, with what it renders.
TEMPLATE_NAMES = (
    "lesson.html", "notes.html", "note.html", "check.html", "legend.html", "excerpt.html", "course_index.html", "strip.svg",
    "technique.html", "technique_index.html", "teacher_edition.html", "teacher_index.html", "page.html",
    "missing.html", "source_card.html", "rate.html", "annotate.html", "new_lesson.html", "annotate_index.html",
)


def _markdown(text: str | None) -> Markup:
    """Block Markdown of a course field, sanitised by nh3: the one way Markdown becomes markup."""
    return Markup(render_markdown(text or ""))  # noqa: S704 - nh3 output, see markdown_notes


def _inline(text: str | None) -> Markup:
    return Markup(render_inline(text or ""))  # noqa: S704 - nh3 output, see markdown_notes


def _letter(number: int) -> str:
    """1 -> A: the label of a self-check option."""
    return chr(64 + number) if 1 <= number <= 26 else str(number)


class Templates:
    """Renders the package's templates, overrides first, in one language; each result is Markup.

    The compiled environment is shared by every language (see :func:`environment`); the
    language travels with each render as ``ui``, a :class:`.translations.Translation`, and
    ``script_ui`` (the strings of the page scripts). A template that imports a macro
    template does so ``with context``, so the macros see the same ``ui``.
    """

    def __init__(self, overrides: Sequence[Path] = (), ui: Translation = ENGLISH):
        self.overrides = tuple(Path(p) for p in overrides)
        self.env = environment(tuple(str(p) for p in self.overrides))
        self.ui = ui
        self._context = {"ui": ui, "script_ui": lambda: ui.script_strings}
        self._modules: dict[str, tuple[Template, Any]] = {}

    def render(self, name: str, **context: Any) -> Markup:
        return Markup(self.env.get_template(name).render(**self._context, **context))  # noqa: S704 - autoescaping template output

    def call(self, name: str, macro: str, *args: Any) -> Markup:
        """Call a macro of a template (``note.html`` and ``check.html`` are macros, called once per note)."""
        template = self.env.get_template(name)
        cached = self._modules.get(name)
        if cached is None or cached[0] is not template:  # a template changed on disk is reloaded
            cached = self._modules[name] = (template, template.make_module(vars=self._context))
        return Markup(getattr(cached[1], macro)(*args))  # noqa: S704 - template output


@lru_cache(maxsize=16)
def environment(overrides: tuple[str, ...]) -> Environment:
    """The compiled templates for one set of override folders, shared by every language."""
    package = FileSystemLoader(str(PACKAGE_TEMPLATES))
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(list(overrides)), package, PrefixLoader({"default": package})]),
        autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=True)
    # English by default, for a course's override template that imports a macro template
    # without ``with context``: it shows English rather than failing. Each render passes its own.
    env.globals["ui"] = ENGLISH
    env.globals["script_ui"] = lambda: ENGLISH.script_strings
    # Non-ASCII as is: a Ukrainian data-al-ui is a sixth of its size with \\u escapes (tojson still escapes <>&').
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["markdown"] = _markdown
    env.filters["inline"] = _inline
    env.filters["letter"] = _letter
    return env


@lru_cache(maxsize=64)
def _templates(overrides: tuple[str, ...], ui: Translation) -> Templates:
    return Templates([Path(p) for p in overrides], ui)


def templates_for(overrides: Iterable[Path | str] = (), ui: Translation = ENGLISH) -> Templates:
    """The templates for a set of override folders in one language (compiled templates are reused)."""
    return _templates(tuple(str(Path(p)) for p in overrides), ui)


def templates_fingerprint(overrides: Iterable[Path | str] = ()) -> bytes:
    """A digest of every file the templates can be loaded from: the override folders, then the package's.

    Whatever a template includes, imports or extends is among these files, so a digest
    that is unchanged means every template renders as before. Files are read, not
    stat'ed: an edit is seen however close in time to the last one.
    """
    hasher = hashlib.blake2b(digest_size=16)
    for folder in (*(Path(p) for p in overrides), PACKAGE_TEMPLATES):
        hasher.update(b"\0folder\0" + os.fsencode(folder))
        for path in sorted(_files_under(folder)):
            try:
                content = path.read_bytes()
            except OSError:
                content = b"\0unreadable"
            name = os.fsencode(path.relative_to(folder).as_posix())
            hasher.update(len(name).to_bytes(8, "little") + name + len(content).to_bytes(8, "little") + content)
    return hasher.digest()


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder``, links followed (as the loader follows them), each real folder once."""
    found: list[Path] = []
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        found += [Path(dirpath) / name for name in filenames]
    return found


def forget_compiled() -> None:
    """Drop every compiled template, so the next render reads each one from disk again.

    Jinja reloads a template whose modification time changed; this also covers an edit
    that kept the time (two saves within the clock's resolution).
    """
    environment.cache_clear()
    _templates.cache_clear()


DEFAULT = templates_for()
