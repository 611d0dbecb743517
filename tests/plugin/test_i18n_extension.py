"""The Markdown extension on its own takes the plugin's language options (as under Zensical)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import markdown
import pytest

from annotated_lessons.core.translations import translation
from annotated_lessons.extension import AnnotatedLessonsExtension

COURSE = Path(__file__).resolve().parents[1] / "i18n" / "course"


def _convert(tmp_path: Path, text: str, **options: object) -> str:
    root = tmp_path / "course"
    if not root.exists():
        shutil.copytree(COURSE, root)
    return markdown.Markdown(extensions=[AnnotatedLessonsExtension(course_dir=str(root), **options)]).convert(text)


def test_the_language_option_translates_embeds(tmp_path: Path) -> None:
    html = _convert(tmp_path, "[lesson: sources]\n\n[lesson-index]\n", language="pl")
    ui = translation("pl")
    assert ui["Notes"] in html and ui["Discussion"] in html
    assert ui.n("%(count)s note", "%(count)s notes", 3) in html
    assert ">Notes<" not in html


def test_the_strings_option_replaces_one_string(tmp_path: Path) -> None:
    html = _convert(tmp_path, "[lesson: sources]\n", language="uk", strings={"Notes": "Коментарі"})
    assert '<h2 id="al-notes-h">Коментарі</h2>' in html


def test_a_bad_strings_option_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="did you mean 'Notes'"):
        _convert(tmp_path, "[lesson: sources]\n", strings={"Nots": "x"})


def test_an_unknown_language_warns_and_shows_english(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        html = _convert(tmp_path, "[lesson: sources]\n", language="tlh")
    assert ">Notes<" in html
    assert "no translation for the language 'tlh'" in caplog.text
