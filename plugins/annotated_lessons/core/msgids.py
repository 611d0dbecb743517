"""Every interface string the package uses, found where it is used: the reference for ``locales/en.po``.

Templates write ``ui["text"]`` and ``ui.n("singular", "plural", count)``; the page
scripts' strings are :data:`.script_strings.SCRIPT_STRINGS`; a few strings are built in
Python (the labels of the article and its markers, taxonomy names, the titles of the
generated pages). The tests compare this list with the English catalogue both ways, so
a new string cannot ship untranslatable and a removed one does not linger.

``python -m annotated_lessons.core.msgids`` prints the strings as a gettext template
(a ``.pot``), to start a new translation or to refresh ``en.po`` after adding a string.
"""

from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

Msgid = str | tuple[str, str]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_STRING = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_LOOKUP = re.compile(r"\bui\[\s*(" + _STRING + r")\s*\]")
_PLURAL = re.compile(r"\bui\.n\(\s*(" + _STRING + r")\s*,\s*(" + _STRING + r")\s*,")


def template_msgids(folder: Path = TEMPLATES) -> list[Msgid]:
    """The strings the templates in ``folder`` look up, in file order."""
    found: list[Msgid] = []
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        found += [ast.literal_eval(m.group(1)) for m in _LOOKUP.finditer(text)]
        found += [(ast.literal_eval(m.group(1)), ast.literal_eval(m.group(2))) for m in _PLURAL.finditer(text)]
    return found


def python_msgids() -> list[Msgid]:
    """The strings Python code translates itself (kept as module constants where they are used)."""
    from ..mkdocs_plugin.pages import TITLES
    from .annotate import TITLES as ANNOTATE_TITLES
    from .render import ARTICLE_LABEL, CLEAN_LABEL, MARKER_LABEL
    from .render_index import TAXONOMIES

    return [CLEAN_LABEL, ARTICLE_LABEL, MARKER_LABEL, *TAXONOMIES.values(), *TITLES.values(),
            *ANNOTATE_TITLES.values()]


def all_msgids() -> list[Msgid]:
    """Every interface string, each once, in a stable order."""
    from .script_strings import ANNOTATE_STRINGS, SCRIPT_STRINGS

    seen: dict[str, Msgid] = {}
    for msgid in [*template_msgids(), *SCRIPT_STRINGS, *ANNOTATE_STRINGS, *python_msgids()]:
        key = msgid if isinstance(msgid, str) else msgid[0]
        seen.setdefault(key, msgid)
    return list(seen.values())


def pot() -> str:
    """The strings as a gettext catalogue with empty translations: ``en.po``, and the start of a new language."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale="en", project="mkdocs-annotated-lessons", fuzzy=False,
                      header_comment="# The interface strings of mkdocs-annotated-lessons: the English reference.\n"
                                     "# Written by `python -m annotated_lessons.core.msgids`; see docs/guide/languages.md.")
    for msgid in all_msgids():
        catalog.add(msgid, "" if isinstance(msgid, str) else ("", ""))
    out = io.BytesIO()
    write_po(out, catalog, width=0, sort_output=False)
    text = out.getvalue().decode("utf-8")
    # Dates and placeholder contacts would change on every run and say nothing.
    return re.sub(r'"(POT-Creation-Date|PO-Revision-Date|Last-Translator|Language-Team|Report-Msgid-Bugs-To): .*\n',
                  "", text).replace("mkdocs-annotated-lessons VERSION", "mkdocs-annotated-lessons")


if __name__ == "__main__":
    sys.stdout.write(pot())
