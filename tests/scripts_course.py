"""The fixture course of articles in six scripts (``tests/fixtures/scripts``) and what its lessons must cover."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

SCRIPTS = Path(__file__).resolve().parent / "fixtures" / "scripts"
#: lesson slug -> annotation id -> the exact passage of the article body (NFC) it covers.
PASSAGES: dict[str, dict[str, str]] = yaml.safe_load((SCRIPTS / "passages.yml").read_text(encoding="utf-8"))
#: lesson slug -> the language its article declares, and the direction its script is written in.
LANGUAGES = {"uk": ("uk", "ltr"), "ar": ("ar", "rtl"), "he": ("he", "rtl"), "zh": ("zh-Hans", "ltr"),
             "hi": ("hi", "ltr"), "vi": ("vi", "ltr")}


def copy_scripts(root: Path) -> Path:
    """A copy of the course in ``root`` (created), for tests that build it."""
    shutil.copytree(SCRIPTS, root)
    return root
