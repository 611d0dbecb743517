"""One Node process per test session that runs the browser's annotate scripts.

The scripts are run as a site ships them (compacted by :mod:`annotated_lessons.core.assets`),
so a construct the compactor would break fails here too. Requests and answers are JSON
lines, which lets Hypothesis run hundreds of examples against the same process.

Without Node the tests skip; when ``CI`` is set (or ``ANNOTATED_LESSONS_REQUIRE_BROWSER=1``,
as ``.ci/run`` sets) a missing Node is a failure, so CI can never skip them silently.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotated_lessons.core.assets import ASSETS, compact_js

HERE = Path(__file__).resolve().parent
SCRIPTS = [ASSETS / "annotate" / "selectors.js", ASSETS / "annotate" / "drafts.js"]


class NodeError(Exception):
    """The script threw: the message carries its stack."""


class Node:
    """A running ``harness.js``: :meth:`call` one exported function, :meth:`view` to keep a value there."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def _ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise NodeError(f"node exited ({self.process.poll()})")
        reply = json.loads(line)
        if "error" in reply:
            raise NodeError(reply["error"])
        return reply["ok"]

    def call(self, fn: str, *args: Any) -> Any:
        return self._ask({"fn": fn, "args": list(args)})

    def view(self, name: str, value: Any) -> dict[str, str]:
        """Keep ``value`` in the process under ``name``; pass the returned marker as an argument."""
        self._ask({"view": name, "value": value})
        return {"$view": name}


def require_node() -> str:
    node = shutil.which("node")
    if node:
        return node
    message = "the annotate script tests need Node.js (apt-get install nodejs)"
    if os.environ.get("CI") or os.environ.get("ANNOTATED_LESSONS_REQUIRE_BROWSER") == "1":
        pytest.fail(message + "; CI must not skip them")
    pytest.skip(message)


@pytest.fixture(scope="session")
def node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Node]:
    """The harness running the compacted scripts, for the whole session."""
    executable = require_node()
    folder = tmp_path_factory.mktemp("annotate-js")
    files = []
    for script in SCRIPTS:
        target = folder / script.name
        target.write_text(compact_js(script.read_text(encoding="utf-8")), encoding="utf-8")
        files.append(str(target))
    process = subprocess.Popen([executable, str(HERE / "harness.js"), *files], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, encoding="utf-8", errors="surrogatepass")
    try:
        yield Node(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=10)
