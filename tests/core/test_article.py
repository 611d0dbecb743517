"""Reading articles: front matter, headline, paragraphs, normalisation."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_lessons.core.article import parse_article, split_paragraphs

SEED = Path(__file__).parents[2] / "seeds" / "urgent-peace-efforts-donbass.txt"


def test_front_matter_is_metadata_and_not_body():
    article, problems = parse_article("---\noutlet: Daily\npublished: 2024-03-01\n---\nHead\n\nBody.\n", "a.txt")
    assert not problems
    assert article.meta == {"outlet": "Daily", "published": "2024-03-01"}
    assert article.headline == "Head"
    assert article.body_line == 5
    assert article.line_col(article.paragraphs[1][0]) == (7, 1)


def test_paragraphs_and_line_breaks():
    article, _ = parse_article("Head\nline two\n\n\n  First para\n \nSecond\n", "a.txt")
    texts = [article.body[s:e] for s, e in article.paragraphs]
    assert texts == ["Head\nline two", "First para", "Second"]
    assert article.headline == "Head line two"


def test_bom_crlf_and_nfc():
    decomposed = "Cafe\u0301"
    article, _ = parse_article("\ufeff" + decomposed + "\r\n\r\nBody\r\n", "a.txt")
    assert article.body == "Caf\u00e9\n\nBody\n"
    assert unicodedata.is_normalized("NFC", article.body)


def test_empty_article_is_reported():
    _, problems = parse_article("---\nnote: x\n---\n\n", "a.txt")
    assert [p.code for p in problems] == ["article-empty"]


def test_the_seed_article_is_kept_byte_for_byte():
    raw = SEED.read_text(encoding="utf-8")
    article, problems = parse_article(raw, "seeds/x.txt")
    assert not problems
    assert raw.endswith(article.body)
    assert article.headline.startswith("Urgent Peace Efforts: Putin\u2019s Strategy")
    assert len(article.paragraphs) == 19


_SPEC_PARAGRAPH = re.compile(r"\S(?:.*?\S)??(?=\s*\n[ \t\r\f\v]*\n|\s*\Z)", re.S)  # the rule, as one regex


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\r\x0b\x0c\u00a0\u2028\u3000\x85\x1c")), max_size=40))
def test_paragraphs_split_where_the_rule_says(text):
    """Breaks are lines with nothing but spaces; paragraphs are trimmed (the one-pass split equals the rule)."""
    assert split_paragraphs(text) == [m.span() for m in _SPEC_PARAGRAPH.finditer(text)]
