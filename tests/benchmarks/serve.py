"""Save to reload under ``mkdocs serve``: a new annotation pasted into a lesson file, until the browser reloads.

The server is started on a copy of a course; the lesson page is fetched once, as a browser
would, for the livereload epoch MkDocs writes into it, and the long poll a browser keeps
open (``/livereload/EPOCH/ID``) is opened. Then a new annotation (a passage that occurs
once in the article, as annotate mode would select it) is written into the lesson file,
and the clock runs from that write until the long poll returns (MkDocs has rebuilt the
site and tells browsers to reload) and until the page served carries the new highlight.
The first is what a contributor waits for; the second adds one page request.

``python -m tests.benchmarks.serve [--lessons N] [--repeat R]`` prints the times; the example
course (this repository's) by default.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml

from annotated_lessons.core.article import parse_article

from .courses import write_plugin_course

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EPOCH = re.compile(r"livereload\((\d+),\s*(\d+)\)")
WORDS = re.compile(r"[A-Za-z]+(?: [A-Za-z]+){3}")


@dataclass
class Reload:
    reload: float  # write to the long poll's answer, seconds
    served: float  # write to the new page served with the new annotation, seconds
    build: float  # what MkDocs says the rebuild took
    cpu: float  # processor time the server spent from the write to the reload (less noisy on a shared machine)


def example_course(workdir: Path) -> tuple[Path, str]:
    """A copy of this repository's course and the lesson to edit."""
    course = workdir / "example"
    course.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "lessons", "seeds"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, course / name)
    return course, "loaded-language-and-framing"


def generated_course(workdir: Path, lessons: int) -> tuple[Path, str]:
    course = workdir / f"generated-{lessons}"
    write_plugin_course(course, lessons)
    return course, f"lesson-{min(7, lessons - 1):04d}"


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unique_passages(course: Path, lesson: dict, count: int) -> list[str]:
    """Passages of four plain words that occur once in the lesson's article, in article order."""
    path = lesson["article"]
    body = parse_article((course / path).read_text(encoding="utf-8"), path)[0].body  # after its front matter
    found: list[str] = []
    for match in WORDS.finditer(body):
        if body.count(match.group()) == 1 and not any(match.group() in f or f in match.group() for f in found):
            found.append(match.group())
            if len(found) == count:
                return found
    raise SystemExit("the article has too few passages to annotate")


def _paste(path: Path, annotation_id: str, quote: str, technique: str) -> None:
    """Write a new annotation first in the lesson's ``annotations:`` list, as a contributor pastes one."""
    text = path.read_text(encoding="utf-8")
    head, found, rest = text.partition("annotations:\n")
    assert found, f"no annotations list in {path}"
    indent = re.match(r"[ ]*", rest).group()  # type: ignore[union-attr]
    item = (f"{indent}- id: {annotation_id}\n{indent}  quote: {quote}\n{indent}  technique: {technique}\n"
            f"{indent}  note: A note pasted from annotate mode.\n")
    path.write_text(head + found + item + rest, encoding="utf-8")


def _get(url: str, timeout: float = 600) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a local server
        return response.read().decode("utf-8", "replace")


def measure(course: Path, slug: str, repeat: int) -> list[Reload]:
    """Start ``mkdocs serve`` on ``course`` and time ``repeat`` pasted annotations in lesson ``slug``."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = f"{base}lessons/{slug}/"
    lesson_path = course / "lessons" / f"{slug}.yml"
    lesson = yaml.safe_load(lesson_path.read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((course / "lessons" / "techniques.yml").read_text(encoding="utf-8"))
    technique = catalogue["techniques"][0]["id"]
    passages = _unique_passages(course, lesson, repeat)
    log = course / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=course, stdout=out, stderr=subprocess.STDOUT)
    results = []
    try:
        _wait_for(log, "Serving on", 1)
        for n, quote in enumerate(passages):
            html = _get(page)
            epoch, request = EPOCH.search(html).groups()  # type: ignore[union-attr]
            answered: list[float] = []
            poll = threading.Thread(target=_long_poll, args=(f"{base}livereload/{epoch}/{request}", answered))
            poll.start()
            time.sleep(0.5)  # the poll is waiting, as a browser's is
            cpu = _cpu_seconds(server.pid)
            start = time.perf_counter()
            _paste(lesson_path, f"pasted-{n}", quote, technique)
            poll.join(timeout=600)
            reload = answered[0] - start
            cpu = _cpu_seconds(server.pid) - cpu
            marker = f'data-annotation="pasted-{n}"'
            while marker not in _get(page):
                if time.perf_counter() - start > 600:
                    raise SystemExit(f"the new annotation never reached {page}:\n{log.read_text()[-2000:]}")
                time.sleep(0.05)
            served = time.perf_counter() - start
            _wait_for(log, "Reloading browsers", n + 1)
            results.append(Reload(reload, served, _built_in(log, n + 1), cpu))
            time.sleep(1.0)  # let the watcher settle before the next edit
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def _long_poll(url: str, answered: list[float]) -> None:
    """What a served page's script does: wait for the server's answer, then reload."""
    _get(url)
    answered.append(time.perf_counter())


def _cpu_seconds(pid: int) -> float:
    """User and system time of a process so far (Linux; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_for(log: Path, what: str, count: int, timeout: float = 600) -> float:
    """Wait until ``what`` is in the log ``count`` times; the seconds of a "built in" line."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        if text.count(what) >= count:
            built = re.findall(r"Documentation built in ([0-9.]+) seconds", text)
            return float(built[count - 1]) if what.startswith("Documentation") else 0.0
        time.sleep(0.05)
    raise SystemExit(f"mkdocs serve did not log {what!r} {count} times:\n{log.read_text()[-2000:]}")


def _built_in(log: Path, rebuild: int) -> float:
    """The time MkDocs logged for rebuild number ``rebuild`` (1 for the first edit), or NaN when it logged none.

    MkDocs drops a log message it has printed before (its ``DuplicateFilter``), so a rebuild that
    takes exactly as long as an earlier one, to the hundredth of a second, logs no "Documentation built
    in" line at all; the reload and the served page are measured without it, so only this figure is lost.
    Each rebuild's lines end with its "Reloading browsers", so a missing line never shifts the others.
    """
    pieces = log.read_text(errors="replace").split("Reloading browsers")
    if len(pieces) <= rebuild:
        return math.nan
    segment = pieces[rebuild - 1]
    found = re.search(r"Documentation built in ([0-9.]+) seconds", segment[segment.rfind("Building documentation"):])
    return float(found.group(1)) if found else math.nan


def summary(results: list[Reload]) -> tuple[float, float, float, float]:
    """Medians: save to reload, save to the new page served, MkDocs' own build time, the server's processor time."""
    return (statistics.median(r.reload for r in results), statistics.median(r.served for r in results),
            statistics.median([r.build for r in results if not math.isnan(r.build)] or [math.nan]),
            statistics.median(r.cpu for r in results))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, help="a generated course of this many lessons (default: the example)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        course, slug = generated_course(Path(tmp), args.lessons) if args.lessons else example_course(Path(tmp))
        results = measure(course, slug, args.repeat)
    for r in results:
        print(f"reload {r.reload:.2f}s served {r.served:.2f}s build {r.build:.2f}s cpu {r.cpu:.2f}s")
    reload, served, build, cpu = summary(results)
    print(f"median: save to reload {reload:.2f}s, to the new page {served:.2f}s, rebuild {build:.2f}s, "
          f"processor {cpu:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
