"""Rendered pages kept across the rebuilds of ``mkdocs serve``, keyed by everything they are made from.

MkDocs converts every page again after any change, so without this a one-line edit to
one lesson renders every lesson, technique page and index again. An entry's key holds
the digests of the course files the page shows (see :class:`..core.course.Fingerprints`),
the page it goes on (its URL, the URL style and language folder), the interface (the
:class:`..core.translations.Translation`, strings included) and the template folders;
every template file is read and digested at the start of each build, and a change to
any of them drops every entry. A key that differs in any input renders again, so a
page shown from the cache is the page that rendering would give.

Only what rendered without a problem is kept: a broken embed logs its warning on every
build. Entries not used for :data:`KEEP` builds are dropped, so an edited lesson's old
pages do not pile up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..core.templating import forget_compiled

#: Builds an entry stays without being used (several per rebuild under mkdocs-static-i18n, one per language).
KEEP = 16


@dataclass
class RenderCache:
    """What was rendered in earlier builds, with counts of what each build made and reused (for tests)."""

    templates: bytes | None = None
    generation: int = 0
    entries: dict[Hashable, tuple[int, str | Markup]] = field(default_factory=dict)
    #: What was made in the current build, by kind ("lesson", "technique", "export"...).
    made: Counter[str] = field(default_factory=Counter)
    #: What was reused in the current build, by kind.
    reused: Counter[str] = field(default_factory=Counter)

    def begin(self, templates: bytes) -> None:
        """A build starts (or a language's part of it): ``templates`` is the digest of every template file."""
        if templates != self.templates:
            if self.templates is not None:
                forget_compiled()  # an edit within the clock's resolution still reaches the page
            self.entries.clear()
            self.templates = templates
        self.generation += 1
        self.entries = {key: entry for key, entry in self.entries.items() if entry[0] > self.generation - KEEP}
        self.made.clear()
        self.reused.clear()

    def get(self, kind: str, key: Hashable, make: Callable[[], str | Markup]) -> str | Markup:
        """The entry for ``key``, made by ``make`` when there is none."""
        full = (kind, key)
        found = self.entries.get(full)
        if found is not None:
            self.reused[kind] += 1
            value = found[1]
        else:
            self.made[kind] += 1
            value = make()
        self.entries[full] = (self.generation, value)
        return value
