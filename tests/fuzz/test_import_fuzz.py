"""Fuzzing ``lessons import``: whatever the files and options, a message and an exit code, and safe writes.

Generated inputs:
- W3C / Hypothesis JSON of random shape and types: well-formed annotations with any field
  swapped for a value of another type, arbitrary nested JSON, truncated documents;
- brat ``.ann`` lines (text-bound spans with valid, short, non-numeric or out-of-range
  offsets, annotator notes, garbage lines), with or without a ``.txt`` beside them;
- PTC TSV lines with any number of fields and any values;
- hostile strings everywhere (markup, control characters, forged CI commands, bidi
  overrides, lone surrogates, huge numbers, unusual scripts) and non-UTF-8 bytes;
- options: ``--from``, ``--slug`` (valid, existing, the catalogue, ``..``, hostile),
  ``--force``, ``--title``, ``--text``.

Each run must exit 0, 1 or 2 without a traceback, write nothing outside the lessons
folder, never replace an existing file without ``--force``, never touch the catalogue,
and leave no temporary file. ``make fuzz`` runs many more examples (see :mod:`.profiles`).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from annotated_lessons.cli.main import main

from .profiles import FUZZ

REPO = Path(__file__).resolve().parents[2]
SEED = "seeds/urgent-peace-efforts-donbass.txt"
EXISTING = "sourcing-and-voices"

ARTICLE_TEXT = (REPO / SEED).read_text(encoding="utf-8")
QUOTES = ["alarmist rhetoric", "working tirelessly", "Urgent Peace Efforts", "the", "narrative", "Kremlin"]
HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", "</title><img src=x onerror=alert(1)>", "javascript:alert(1)", "{: onclick=x }",
    "\n::error file=x::forged", "\x1b[31mred", "\x00", "\u202eevil", "\ud800", "\udcff", "../../etc/passwd",
    "index", "techniques", "9" * 5000, "-1", "1e309", "NaN", "Yes", "~", "0x10", "é\u0301", "👩‍👩‍👧", "東京", "עברית",
    "\u2028", "\u0085", "\ufeff", "\t", "", " ", "T1", "#ann-x", "#ann-../../x", "clean", "Loaded_Language",
])
TEXT = st.one_of(HOSTILE, st.text(max_size=30), st.sampled_from(QUOTES))
NUMBER = st.one_of(st.integers(-5, len(ARTICLE_TEXT) + 5), st.integers(), st.floats(allow_nan=True), st.booleans())
JSON_LEAF = st.one_of(st.none(), st.booleans(), NUMBER, TEXT)
JSON_ANY = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["type", "target", "selector", "body", "value", "purpose", "exact", "start", "end", "tags",
                     "rows", "first", "items", "id", "motivation", "text", "prefix", "suffix", "refinedBy",
                     "bodyValue", "audience", "label", "al:lesson", "al:check", "al:selector", "al:at"]) | TEXT,
    inner, max_size=5), max_leaves=20)


def _maybe(value: st.SearchStrategy) -> st.SearchStrategy:
    """A field as a tool would write it, or any JSON value in its place."""
    return st.one_of(value, value, value, value, JSON_ANY)


@st.composite
def w3c_annotation(draw):
    quote = draw(st.sampled_from(QUOTES))
    start = ARTICLE_TEXT.find(quote)
    selectors = [
        {"type": "TextQuoteSelector", "exact": draw(_maybe(st.just(quote))), "prefix": draw(_maybe(TEXT))},
        {"type": "TextPositionSelector", "start": draw(_maybe(st.just(start))),
         "end": draw(_maybe(st.just(start + len(quote))))},
    ]
    annotation = {
        "type": "Annotation", "id": draw(_maybe(TEXT)),
        "motivation": draw(_maybe(st.sampled_from(["commenting", "assessing"]))),
        "body": draw(_maybe(st.just([{"type": "TextualBody", "purpose": "tagging", "value": draw(TEXT)},
                                     {"type": "TextualBody", "purpose": "commenting", "value": draw(TEXT)}]))),
        "target": draw(_maybe(st.just({"source": "x", "selector": draw(_maybe(st.just(selectors)))}))),
        "tags": draw(_maybe(st.lists(TEXT, max_size=3))),
        "text": draw(_maybe(TEXT)),
        "bodyValue": draw(_maybe(TEXT)),
        "al:selector": draw(_maybe(st.fixed_dictionaries({"quote": _maybe(st.just(quote))},
                                                         optional={"prefix": TEXT, "occurrence": NUMBER}))),
        "al:check": draw(_maybe(st.fixed_dictionaries({"question": TEXT, "options": st.lists(TEXT, max_size=3),
                                                       "answer": NUMBER}))),
        "al:at": draw(_maybe(NUMBER)),
    }
    return {k: v for k, v in annotation.items() if draw(st.integers(0, 5))}  # now and then a field is missing


@st.composite
def w3c_file(draw):
    items = draw(st.lists(st.one_of(w3c_annotation(), JSON_ANY), max_size=4))
    shape = draw(st.sampled_from(["list", "rows", "collection", "one", "any"]))
    value = {"list": items, "rows": {"rows": items}, "collection": {"type": "AnnotationCollection",
                                                                    "label": draw(_maybe(TEXT)),
                                                                    "al:lesson": draw(_maybe(st.dictionaries(
                                                                        st.sampled_from(["summary", "duration",
                                                                                         "discussion", "x"]),
                                                                        JSON_ANY, max_size=3))),
                                                                    "first": {"items": items}},
             "one": items[0] if items else {}, "any": draw(JSON_ANY)}[shape]
    text = json.dumps(value, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 7)) == 0:
        text = text[:draw(st.integers(0, len(text)))]  # truncated
    return text


def _number_text(draw) -> str:
    return draw(st.one_of(st.integers(0, len(ARTICLE_TEXT)).map(str), st.integers().map(str), TEXT))


@st.composite
def brat_file(draw):
    lines = []
    for n in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind <= 1:
            quote = draw(st.sampled_from(QUOTES))
            start = ARTICLE_TEXT.find(quote)
            ranges = f"{start} {start + len(quote)}" if kind == 0 else " ".join(
                _number_text(draw) for _ in range(draw(st.integers(0, 3))))
            if draw(st.booleans()):
                ranges += ";" + _number_text(draw)
            lines.append("\t".join([f"T{n}", f"{draw(TEXT)} {ranges}", quote][:draw(st.integers(1, 3))]))
        elif kind == 2:
            lines.append(f"#{n}\tAnnotatorNotes T{draw(st.integers(0, 6))}\t{draw(TEXT)}")
        else:
            lines.append(draw(TEXT))
    return "\n".join(lines)


@st.composite
def ptc_file(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        quote = draw(st.sampled_from(QUOTES))
        start = ARTICLE_TEXT.find(quote)
        fields = ["1", draw(TEXT), str(start), str(start + len(quote))]
        if draw(st.booleans()):
            fields[draw(st.integers(0, 3))] = draw(TEXT)
        lines.append("\t".join(fields[:draw(st.integers(1, 5))]))
    return "\n".join(lines)


def _as_bytes(draw, text: str) -> bytes:
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate makes bytes that are not UTF-8
    spoil = draw(st.integers(0, 9))
    if spoil == 0:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf"])) + \
            data[at:]
    elif spoil == 1:
        data = text.encode("latin-1", "replace")
    return data


SLUGS = st.one_of(st.none(), st.sampled_from(["fresh", "unit-1/fresh", EXISTING]), st.sampled_from([
    "techniques", "../../x", "unit/../../x", "index", "a b", "урок", "x" * 300,
    "/abs", "-rf", ".git/config", "fresh.yml",
]), TEXT)


@st.composite
def runs(draw):
    fmt = draw(st.sampled_from(["w3c", "brat", "ptc"]))
    text = draw({"w3c": w3c_file(), "brat": brat_file(), "ptc": ptc_file()}[fmt])
    if draw(st.integers(0, 2)) == 0:  # a careful user: only the file may be odd, so writing is exercised too
        return {"fmt": fmt, "data": text.encode("utf-8", "surrogatepass"), "declared": None, "title": None,
                "slug": draw(st.sampled_from(["fresh", "unit-1/fresh", EXISTING])), "force": draw(st.booleans()),
                "beside": "article" if fmt == "brat" else None, "text": None}
    return {
        "fmt": fmt, "data": _as_bytes(draw, text),
        "declared": draw(st.sampled_from([None, None, fmt, "hypothesis", "brat", "ptc", "w3c"])),
        "slug": draw(SLUGS), "force": draw(st.booleans()), "title": draw(st.one_of(st.none(), TEXT)),
        "beside": draw(st.sampled_from([None, None, "article", "broken"])),
        "text": draw(st.sampled_from([None, None, None, "article", "broken"])),
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "course"
    (root / "lessons").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "mkdocs.yml").write_text("site_name: fuzz\nplugins:\n  - annotated-lessons\n", encoding="utf-8")
    for name in ("lessons/techniques.yml", f"lessons/{EXISTING}.yml", SEED):
        shutil.copy2(REPO / name, root / name)
    return root


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@FUZZ
@given(run=runs())
def test_import_survives_any_input(template, run):
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        course = base / "course"
        shutil.copytree(template, course)
        (base / "outside.txt").write_text("outside", encoding="utf-8")
        inputs = base / "in"
        inputs.mkdir()
        source = inputs / {"w3c": "a.json", "brat": "a.ann", "ptc": "a.tsv"}[run["fmt"]]
        source.write_bytes(run["data"])
        broken = b"not \xff utf-8\n"
        if run["beside"]:
            source.with_suffix(".txt").write_bytes(broken if run["beside"] == "broken" else ARTICLE_TEXT.encode())
        argv = ["import", str(source), "--article", SEED, "--course", str(course)]
        if run["declared"]:
            argv += ["--from", run["declared"]]
        if run["text"]:
            given_text = inputs / "given.txt"
            given_text.write_bytes(broken if run["text"] == "broken" else ARTICLE_TEXT.encode())
            argv += ["--text", str(given_text)]
        if run["slug"] is not None:
            argv.append(f"--slug={run['slug']}")
        if run["title"] is not None:
            argv.append(f"--title={run['title']}")
        if run["force"]:
            argv.append("--force")
        before = _snapshot(base)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        after = _snapshot(base)
        written = [yaml.safe_load(after[n].decode("utf-8")) for n in after
                   if n.startswith("course/lessons/") and before.get(n) != after[n] and n.endswith(".yml")]

    event(f"exit code {code}")  # shown by --hypothesis-show-statistics: how often each path is taken
    event("a lesson was written" if any(n.startswith("course/lessons/") and before.get(n) != after[n] for n in after)
          else "nothing was written")
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in out.getvalue() + err.getvalue()
    changed = {name for name in after if before.get(name) != after[name]} | (before.keys() - after.keys())
    for name in changed:
        assert name.startswith("course/lessons/"), f"wrote {name} outside the lessons folder"
        assert not name.endswith(".tmp"), "a temporary file was left behind"
        assert name != "course/lessons/techniques.yml", "the catalogue was replaced"
        if name in before:
            assert run["force"], f"{name} was replaced without --force"
    assert len(changed) <= 1
    carried = b'"al:lesson"' in run["data"]  # an export of a lesson keeps its own provenance, even none
    for lesson in written:  # what is written is a lesson file that loads, on the article it was given
        assert lesson["article"] == SEED and lesson["annotations"]
        assert len(lesson.get("article_sha256") or "") == 64 or carried
        assert isinstance(lesson["summary"], str) and isinstance(lesson["title"], str)
    if changed and code != 2:
        assert run["slug"] is not None
