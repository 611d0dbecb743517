"""Finding a course's settings in its ``mkdocs.yml`` without importing MkDocs.

The command line must agree with the plugin on where lessons live, so it reads the
``annotated-lessons`` plugin options from ``mkdocs.yml``. Tags such as
``!!python/name:...`` (common in Material configs) are ignored rather than executed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .course import CourseConfig
from .files import UnreadableFile, read_text

PLUGIN_NAME = "annotated-lessons"


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that turns any unknown tag into None instead of failing."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("", _ignore)


def plugin_options(mkdocs_yml: Path) -> dict[str, Any]:
    """The options given to the ``annotated-lessons`` plugin, or {} when absent or unreadable.

    A broken ``mkdocs.yml`` is MkDocs' to report; here it only means the defaults apply.
    """
    try:
        text = read_text(mkdocs_yml)  # a regular file only: a FIFO would block
        data = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506
    except (UnreadableFile, yaml.YAMLError, ValueError, RecursionError):  # ValueError: a date or number
        return {}
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            options = entry[PLUGIN_NAME]
            return options if isinstance(options, dict) else {}
    return {}


def course_config(root: Path) -> CourseConfig:
    """The course settings for the folder ``root``, from its mkdocs.yml when present."""
    options = plugin_options(root / "mkdocs.yml")
    kwargs = {k: str(options[k]) for k in ("lessons_dir", "techniques") if isinstance(options.get(k), str)}
    return CourseConfig(root=root, **kwargs, require_answers=options.get("require_answers") is True)
