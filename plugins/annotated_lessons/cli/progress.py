"""A one-line progress counter for long runs a person waits on.

Shown only when stderr is a terminal and ``CI`` is not set, so logs stay clean in CI
and when output is piped; short runs (under half a second) never show it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from ..core.diagnostics import printable


class Progress:
    def __init__(self, label: str, stream: TextIO | None = None, delay: float = 0.5):
        self.stream = stream or sys.stderr
        self.label = label
        self.enabled = self.stream.isatty() and not os.environ.get("CI")
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        self.shown = True
        self.stream.write(f"\r\033[K{self.label} {done}/{total} {printable(item)}"[:200])
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
