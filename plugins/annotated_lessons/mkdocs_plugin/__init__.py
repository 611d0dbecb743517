"""The thin MkDocs plugin: generated pages, assets, nav entries and watched folders.

All of the work of loading, checking and rendering lessons is in
:mod:`annotated_lessons.core`, and all of the page HTML comes from the Markdown
extension; this layer only tells MkDocs where things go.
"""

from .plugin import AnnotatedLessonsPlugin, PluginConfig

__all__ = ["AnnotatedLessonsPlugin", "PluginConfig"]
