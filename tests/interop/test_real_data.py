"""Importing real public annotation data: brat's own tutorial documents (MIT, see the fixture's README).

119 text-bound spans in 9 documents, among relations, events, attributes and notes that
an import skips. Several passages repeat (the tutorial asks the reader to annotate a
second copy of an annotated sentence), so landing on brat's own copy is the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotated_lessons.cli.main import main
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.interop import read_brat, resolve

from ..example_course import copy_example

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "fixtures" / "interop" / "brat-tutorial"
DOCUMENTS = sorted(p.stem for p in DATA.glob("*.ann"))
SPANS = 119


def _spans(ann: str) -> list[tuple[int, int]]:
    """brat's own offsets of each text-bound span (first start to last end)."""
    found = []
    for line in ann.splitlines():
        if line.startswith("T"):
            ranges = line.split("\t")[1].split(" ", 1)[1]
            numbers = [int(x) for r in ranges.split(";") for x in r.split()]
            found.append((numbers[0], numbers[-1]))
    return found


@pytest.mark.parametrize("bom", [False, True])
def test_every_brat_span_lands_exactly_where_brat_put_it(bom):
    exact = total = 0
    for name in DOCUMENTS:
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        ann = (DATA / f"{name}.ann").read_text(encoding="utf-8")
        article, _ = parse_article(text, f"seeds/{name}.txt")
        if bom:  # the same files saved with a byte-order mark: brat counts it, so every offset is one more
            text = "\ufeff" + text
            ann = "\n".join(_shift(line) for line in ann.splitlines())
        items = read_brat(ann, f"{name}.ann")
        resolved, problems = resolve(article, items, None, text)
        assert problems == [], name
        wanted = [(s - bom, e - bom) for s, e in _spans(ann)]
        assert sorted((r.span.start, r.span.end) for r in resolved) == sorted(wanted), name
        exact += sum(r.landing == "exact" for r in resolved)
        total += len(items)
    assert (exact, total) == (SPANS, SPANS)


def _shift(line: str) -> str:
    if not line.startswith("T"):
        return line
    key, middle, *rest = line.split("\t")
    label, ranges = middle.split(" ", 1)
    shifted = ";".join(" ".join(str(int(x) + 1) for x in r.split()) for r in ranges.split(";"))
    return "\t".join([key, f"{label} {shifted}", *rest])


def test_the_command_line_reports_the_exact_landings(tmp_path, capsys):
    course = copy_example(tmp_path / "course")
    name = "090-event_structures"
    article = course / "seeds" / f"{name}.txt"
    article.write_text("---\nlicense: MIT\nnote: brat tutorial\n---\n" + (DATA / f"{name}.txt").read_text("utf-8"),
                       encoding="utf-8")
    for suffix in (".ann", ".txt"):
        shutil.copy2(DATA / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    assert main(["import", str(tmp_path / f"{name}.ann"), "--article", f"seeds/{name}.txt", "--course", str(course),
                 "--slug", "brat-events"]) == 0
    err = capsys.readouterr().err
    assert "22 passage(s) landed exactly, 0 moved, 0 failed" in err
    assert main(["check", str(course)]) == 1  # brat's labels are not techniques: check says so, by line
    assert "brat-events.yml" in capsys.readouterr().out
