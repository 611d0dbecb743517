"""Hypothesis strategies for whole courses: lessons, catalogues and articles, valid and broken.

The input classes, so a reader can see what is covered (the report and CONTRIBUTING list
them too):

- structure: lessons and catalogues built as data and dumped as YAML in block or flow
  style, with every field valid, missing, of the wrong type or holding hostile text;
- YAML features: invalid and valid dates, numbers of thousands of digits, hex and
  sexagesimal numbers, nesting hundreds of levels deep, duplicate keys, anchors and
  aliases, merge keys, explicit and unknown tags, complex keys, several documents,
  block scalars, unclosed brackets;
- text: control characters (NUL, ESC sequences, DEL, C1), CR and CRLF line ends,
  U+2028/2029 and NEL, bidi overrides and isolates, combining marks, astral characters,
  right-to-left scripts, byte-order marks, workflow-command lines (``::error``), HTML and
  Markdown payloads, and arbitrary Unicode;
- bytes: files that are not UTF-8 (random bytes, valid text with bad bytes spliced in);
- mutations of a valid lesson: truncated, a fragment spliced in anywhere, a line dropped;
- file names: slugs, names with spaces, ``#``, ``]``, HTML, ``index``, other scripts,
  hidden and draft names, names that are not UTF-8, sub-folders;
- article paths: hidden, outside the course, absolute, with NUL or control characters,
  5,000 characters long, a 300-byte component, a folder, missing;
- articles: with and without front matter (valid, broken, a date, deep, not a mapping),
  empty, hostile bodies, not UTF-8.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import yaml
from hypothesis import strategies as st

HOSTILE = [
    "\x00", "\x1b[2J", "\x1b]0;title\x07", "\x7f", "\x85", "\x9b31m", "\r", "\r\n", "\n::error file=x::forged",
    "::warning::forged", "##[error]forged", "\u2028", "\u2029", "\u202e", "\u2066", "\u2069", "\u200f", "\ufeff",
    "e\u0301", "\u0915\u094d\u0937", "\U0001f642", "\U0001f1fa\U0001f1e6", "مرحبا", "שלום", "日本語", "\ufffd",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "{: onclick=alert(1) }",
    "[teacher-edition: other]", "%", "%zz", "#", "]", "*", "&a", "!!python/object:os.system", "{{ x }}", "'", '"',
    "\\", "\t", "    indented code", ": ", "- ", "? ", "|", ">", "---", "...",
]
PLAIN = ["A plain note.", "Words that *matter*.", "Une note en français.", "ملاحظة", "टिप्पणी", "注释"]
DATES = ["2023-02-30", "2024-02-29", "2024-13-01", "2001-12-14t21:59:43.10-05:00", "2002-12-14", "1999-99-99 99:99:99"]
NUMBERS = ["9" * 5000, "-" + "1" * 4400, "0x" + "f" * 5000, "1_000", "190:20:30", "0o17", ".nan", "-.inf", "1.0e+400",
           "0", "-1", "007", "1e3"]
LETTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))

hostile_text = st.one_of(
    st.sampled_from(PLAIN),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=4).map("".join),
    st.text(LETTERS, max_size=40),
    st.tuples(st.text(max_size=10), st.sampled_from(HOSTILE), st.text(max_size=10)).map("".join),
)

TECHNIQUE_IDS = ["loaded-language", "vague-attribution"]
ARTICLE_BODY = "Headline of the piece\n\nThe minister said the plan was historic.\n\nCritics called the plan reckless.\n"
QUOTES = ["historic", "the plan", "reckless", "Headline", "not in the article at all", "plan was historic"]


def nested(depth: int, flow: bool) -> str:
    if flow:
        return "[" * depth + "x" + "]" * depth
    return "".join("\n" + "  " * (i + 1) + "- " for i in range(depth)) + "x"


yaml_oddities = st.one_of(
    st.sampled_from(DATES), st.sampled_from(NUMBERS),
    st.builds(nested, st.sampled_from([3, 49, 50, 51, 600, 2000]), st.booleans()),
    st.sampled_from(["&a x", "*a", "!!int abc", "!!binary AAAA", "!custom x", "!!set {a}", "!!timestamp 2023-02-30",
                     "{a: 1, a: 2}", "[unclosed", "{unclosed: 1", "|\n  block\n  text", ">-\n  folded", "'unclosed",
                     '"bad \\q escape"', "? [a]\n: b", "<<: {a: 1}", "~", "null", "yes", "off", "''", "[]", "{}"]),
)

scalar = st.one_of(hostile_text, yaml_oddities.map(lambda text: {"__raw__": text}), st.integers(-5, 10 ** 6),
                   st.booleans(), st.none(), st.floats(allow_nan=True))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                     max_leaves=8)


def mostly(good: st.SearchStrategy, other: st.SearchStrategy, weight: int = 8) -> st.SearchStrategy:
    """``good`` about ``weight`` times in ``weight + 1``, so whole files are often valid.

    (``one_of`` would not do: it treats repeated branches as one.)
    """
    return st.sampled_from([True] * weight + [False]).flatmap(lambda ok: good if ok else other)


def field_value(good: st.SearchStrategy) -> st.SearchStrategy:
    """A field's value: usually a good one, sometimes anything at all."""
    return mostly(good, value)


ARTICLE_PATHS = ["seeds/b.txt", "seeds/missing.txt", ".git/config", ".env", "seeds/.hidden.txt", "../outside.txt",
                 "/etc/passwd", "seeds", "seeds/folder.txt", "seeds\\a.txt", "seeds/a\x00.txt", "seeds/\x1b[2J.txt",
                 "s" * 5000, "seeds/" + "n" * 300 + ".txt", "./seeds/../seeds/a.txt", "C:/x.txt", ""]
GOOD_TEXT = st.one_of(st.sampled_from(PLAIN), hostile_text.filter(str.strip))


def _same(good: st.SearchStrategy) -> st.SearchStrategy:
    return good


def annotation(fv) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"quote": fv(st.sampled_from(QUOTES)), "technique": fv(st.sampled_from(TECHNIQUE_IDS)), "note": fv(GOOD_TEXT)},
        optional={"id": fv(st.sampled_from(["a", "b", "same", "Bad Id", "x" * 300])),
                  "prefix": fv(st.sampled_from(["the ", "said ", ""])), "suffix": fv(st.sampled_from([".", " was", ""])),
                  "occurrence": fv(st.integers(1, 3)), "at": fv(st.integers(0, 200)),
                  "ask": fv(GOOD_TEXT), "teacher": fv(GOOD_TEXT),
                  "check": fv(st.fixed_dictionaries({"question": GOOD_TEXT,
                                                     "options": st.lists(GOOD_TEXT, min_size=2, max_size=3),
                                                     "answer": st.integers(1, 2)})),
                  **({} if fv is _same else {"qoute": value, "\n::error::k": value, "\x1b[2J": value})},
    )


def lesson(fv) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"title": fv(GOOD_TEXT), "article": fv(mostly(st.just("seeds/a.txt"), st.sampled_from(ARTICLE_PATHS), 4)),
         "summary": fv(GOOD_TEXT), "annotations": fv(st.lists(annotation(fv), min_size=1, max_size=4))},
        optional={"duration": fv(st.integers(1, 120)), "audience": fv(GOOD_TEXT),
                  "discussion": fv(st.lists(GOOD_TEXT, max_size=2)),
                  "clean": fv(st.lists(annotation(fv).map(lambda a: {k: v for k, v in a.items() if k != "technique"}),
                                       max_size=2)),
                  "teacher_notes": fv(GOOD_TEXT), "objectives": fv(st.lists(GOOD_TEXT, max_size=2)),
                  "article_sha256": fv(st.sampled_from(["0" * 64, "nope"]))},
    )


def technique(fv) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"id": fv(st.sampled_from(TECHNIQUE_IDS + ["Bad Id", "x"])), "name": fv(GOOD_TEXT), "summary": fv(GOOD_TEXT)},
        optional={"description": fv(GOOD_TEXT), "ask": fv(st.lists(GOOD_TEXT, max_size=2)),
                  "maps_to": fv(st.fixed_dictionaries({}, optional={"ipa": GOOD_TEXT}))},
    )


#: Files whose every field is well-formed (the hostile part is then only in the text), and broken ones.
good_lesson = lesson(_same)
broken_lesson = lesson(field_value)
good_catalogue = st.fixed_dictionaries({"techniques": st.lists(technique(_same), min_size=1, max_size=3)})
broken_catalogue = mostly(st.fixed_dictionaries({"techniques": st.lists(technique(field_value), max_size=3)}), value)


def dump(data: object, flow: bool) -> str:
    """YAML for ``data``; ``{"__raw__": text}`` leaves become ``text`` as written, unquoted."""
    raws: list[str] = []

    def mark(item: object) -> object:
        if isinstance(item, dict) and set(item) == {"__raw__"}:
            raws.append(item["__raw__"])
            return f"__RAW_{len(raws) - 1}__"
        if isinstance(item, dict):
            return {str(k): mark(v) for k, v in item.items()}
        if isinstance(item, list):
            return [mark(v) for v in item]
        return item

    text = yaml.safe_dump(mark(data), allow_unicode=True, default_flow_style=flow, sort_keys=False, width=80)
    for i, raw in enumerate(raws):
        replacement = raw if "\n" not in raw or flow else json.dumps(raw)  # block scalars need their own lines
        text = text.replace(f"__RAW_{i}__", replacement)
    return text


def splice(text: str, fragment: str, where: float) -> str:
    at = int(len(text) * where)
    return text[:at] + fragment + text[at:]


def to_bytes(text: str, corruption: bytes | None, where: float) -> bytes:
    data = text.encode("utf-8")
    if corruption is None:
        return data
    at = int(len(data) * where)
    return data[:at] + corruption + data[at:]


BAD_BYTES = [b"\xff", b"\xc3", b"\xe9", b"\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf", b"\xc0\xaf"]


def yaml_file(data: st.SearchStrategy) -> st.SearchStrategy[bytes]:
    """A YAML file's bytes: dumped data, then sometimes mutated, sometimes not UTF-8."""
    text = st.builds(dump, data, st.booleans())
    mutated = mostly(text, st.one_of(
        st.builds(splice, text, st.one_of(hostile_text, yaml_oddities), st.floats(0, 1)),
        st.builds(lambda t, f: t[: int(len(t) * f)], text, st.floats(0, 1)),
        st.builds(lambda t, i: "\n".join(line for n, line in enumerate(t.split("\n")) if n != i), text,
                  st.integers(0, 20)),
        st.builds(lambda t: t.replace("\n", "\r\n"), text),
        st.builds(lambda t, odd: t + "extra: " + odd + "\n", text, yaml_oddities),
        st.text(LETTERS, max_size=200),
    ), 2)
    return mostly(st.builds(to_bytes, mutated, st.none(), st.just(0.0)),
                  st.one_of(st.builds(to_bytes, mutated, st.sampled_from(BAD_BYTES), st.floats(0, 1)),
                            st.binary(max_size=200)), 6)


front_matter = st.one_of(
    st.just(""),
    st.builds(lambda d: f"---\n{dump(d, False)}---\n",
              st.dictionaries(st.sampled_from(["outlet", "author", "published", "url", "autor", "note"]),
                              st.one_of(hostile_text, yaml_oddities.map(lambda t: {"__raw__": t})), max_size=3)),
    st.sampled_from(["---\npublished: 2024-02-30\n---\n", "---\n[unclosed\n---\n", "---\n- a list\n---\n",
                     "---\nnote: " + "[" * 600 + "]" * 600 + "\n---\n", "---\n---\n", "---\nnote: \x1b\n---\n"]),
)
article_body = st.one_of(
    st.just(ARTICLE_BODY), st.just(""), st.text(LETTERS, max_size=300),
    st.builds(splice, st.just(ARTICLE_BODY), hostile_text, st.floats(0, 1)),
)
article_file = st.builds(lambda fm, body, bad, where: to_bytes(fm + body, bad, where), front_matter, article_body,
                         mostly(st.none(), st.sampled_from(BAD_BYTES), 4), st.floats(0, 1))


def _creatable(name: str) -> bool:
    encoded = name.encode("utf-8")
    return "/" not in name and "\x00" not in name and name not in (".", "..") and 0 < len(encoded) <= 200


NAMES = ["fine", "unit-1/sourcing", "a b", "a]b", "a#b", "x)<img src=x onerror=alert(1)>(", "index", "unit/index",
         "हिंदी-पाठ", "درس", "Sourcing", "_draft", ".hidden", "a.b", "a\x1bb", "a\nb", "::error file=x::y", "\u202etxt"]
lesson_name = mostly(st.sampled_from(["lesson-1", "lesson-2", "unit-1/lesson-3", "हिंदी-पाठ"]).map(str.encode), st.one_of(
    st.sampled_from(NAMES).map(str.encode),
    st.text(LETTERS, min_size=1, max_size=20).filter(_creatable).map(str.encode),
    st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")),
), 3)


@dataclass
class CourseFiles:
    """The files of one generated course, as bytes by path (``bytes`` paths: names need not be UTF-8)."""

    files: dict[bytes, bytes] = field(default_factory=dict)
    folders: list[bytes] = field(default_factory=list)


VALID_CATALOGUE = dump({"techniques": [{"id": t, "name": t, "summary": "s"} for t in TECHNIQUE_IDS]}, False).encode()


@st.composite
def courses(draw: st.DrawFn) -> CourseFiles:
    course = CourseFiles()
    course.files[b"lessons/techniques.yml"] = draw(st.one_of(
        st.just(VALID_CATALOGUE), st.builds(dump, good_catalogue, st.booleans()).map(str.encode),
        yaml_file(broken_catalogue)))
    course.files[b"seeds/a.txt"] = draw(mostly(st.just(ARTICLE_BODY.encode()), article_file, 3))
    if draw(st.booleans()):
        course.files[b"seeds/b.txt"] = draw(article_file)
    course.files[b".git/config"] = b"[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n"
    course.files[b".env"] = b"TOKEN=c2VjcmV0\n"
    course.folders.append(b"seeds/folder.txt")
    for name in draw(st.lists(lesson_name, min_size=1, max_size=3, unique=True)):
        suffix = draw(st.sampled_from([b".yml", b".yml", b".yaml"]))
        course.files[b"lessons/" + name + suffix] = draw(mostly(
            st.builds(dump, good_lesson, st.booleans()).map(str.encode), yaml_file(broken_lesson), 2))
    return course
