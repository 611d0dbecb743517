"""Loading the course for the extension when no host supplies one.

Under a generator that only knows Markdown extensions (no plugin hooks), the extension
loads the course itself and reloads it when a course file changes, checking file
modification times at most once a second, and reusing unchanged lessons from the cache.
"""

from __future__ import annotations

import logging
import time

from ..core.course import Course, CourseCache, CourseConfig, lesson_files, load_course
from ..core.order import COURSE_FILE


class CourseSource:
    def __init__(self, config: CourseConfig, cache: CourseCache, log: logging.Logger):
        self.config = config
        self.cache = cache
        self.log = log
        self._course: Course | None = None
        self._signature: tuple[tuple[str, int], ...] = ()
        self._checked = 0.0

    def _current_signature(self) -> tuple[tuple[str, int], ...]:
        paths = [path for _, path in lesson_files(self.config)] + [self.config.root / self.config.techniques,
                                                                  self.config.root / self.config.lessons_dir / COURSE_FILE]
        if self._course is not None:
            paths += [self.config.root / a.path for a in self._course.articles.values()]
        return tuple((str(p), p.stat().st_mtime_ns if p.exists() else 0) for p in sorted(set(paths)))

    def get(self) -> Course:
        now = time.monotonic()
        if self._course is not None and now - self._checked < 1.0:
            return self._course
        self._checked = now
        signature = self._current_signature()
        if self._course is None or signature != self._signature:
            self._course = load_course(self.config, self.cache)
            self._signature = self._current_signature()
            for d in self._course.diagnostics:
                (self.log.warning if d.is_error else self.log.info)(d.format_text())
        return self._course


