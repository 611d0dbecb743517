"""Annotated media-literacy lessons: a core library, a Markdown extension and an MkDocs plugin.

The package is split in three layers so each can be used on its own:

* :mod:`annotated_lessons.core` loads, validates, anchors and renders lessons and never
  imports MkDocs, so the command line, the tests and other generators can use it;
* :mod:`annotated_lessons.extension` is a Python-Markdown extension that embeds a lesson in
  any Markdown page (it also runs under other Python-Markdown based generators);
* :mod:`annotated_lessons.mkdocs_plugin` is the thin MkDocs plugin that generates the
  course pages, ships the assets and watches the source folders.
"""

__version__ = "0.1.0"
