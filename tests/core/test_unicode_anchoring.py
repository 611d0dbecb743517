"""Each anchoring rule for other scripts, as a property: quote styles, CJK line breaks, grapheme
clusters, length-changing case maps, NFC/NFD, and columns counted in the file as written."""

from __future__ import annotations

import unicodedata

import regex
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotated_lessons.core.anchoring import (
    AnchorFailure,
    Selector,
    Span,
    anchor,
    describe,
    disambiguate,
    yaml_text,
)
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.graphemes import Clusters, clip_head, clip_tail
from annotated_lessons.core.normalise import DOUBLE_QUOTES, SINGLE_QUOTES, normalise
from annotated_lessons.core.yaml_source import load_located

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def boundaries(text: str) -> set[int]:
    """Every grapheme cluster boundary of ``text``, the slow and obvious way."""
    return {m.start() for m in regex.finditer(r"\X", text)} | {len(text)}


def whole(result: Span | AnchorFailure) -> Span:
    assert isinstance(result, Span), getattr(result, "message", result)
    return result


# Quote styles ---------------------------------------------------------------------------------

WORDS = st.sampled_from(["Київ", "мир", "слово", "peace", "plan", "שלום", "سلام", "l", "d"])
QUOTES = st.sampled_from(list(SINGLE_QUOTES + DOUBLE_QUOTES + "'\""))


@st.composite
def quoted_text(draw) -> str:
    pieces = draw(st.lists(st.tuples(WORDS, st.none() | QUOTES), min_size=2, max_size=12))
    return " ".join(word + (quote or "") for word, quote in pieces)


def restyle(text: str, data: st.DataObject) -> str:
    """``text`` with every quote mark replaced by any mark of the same kind (straight ones included)."""
    out = []
    for char in text:
        if char in SINGLE_QUOTES + "'":
            char = data.draw(st.sampled_from(list(SINGLE_QUOTES + "'")))
        elif char in DOUBLE_QUOTES + '"':
            char = data.draw(st.sampled_from(list(DOUBLE_QUOTES + '"')))
        out.append(char)
    return "".join(out)


@SETTINGS
@given(quoted_text(), st.data())
def test_every_quote_convention_folds_both_ways(body, data):
    article, _ = parse_article("Headline\n\n" + body, "seeds/a.txt")
    start = data.draw(st.integers(0, len(article.body) - 1))
    end = data.draw(st.integers(start + 1, len(article.body)))
    passage = article.body[start:end]
    assume(passage.strip() == passage and passage.strip())
    typed = restyle(passage, data)
    # The typed quote lands where the passage itself lands, whichever marks either uses.
    assert anchor(article, Selector(typed)) == anchor(article, Selector(passage))
    retyped, _ = parse_article(restyle(article.body, data), "seeds/b.txt")
    assert anchor(retyped, Selector(passage)) == anchor(retyped, Selector(typed))


def test_each_listed_mark_folds_to_its_straight_quote():
    assert normalise(SINGLE_QUOTES) == "'" * len(SINGLE_QUOTES)
    assert normalise(DOUBLE_QUOTES) == '"' * len(DOUBLE_QUOTES)
    assert set("‘’‚‛‹›ʼ׳′") == set(SINGLE_QUOTES) and set("“”„‟«»״″「」『』") == set(DOUBLE_QUOTES)


# CJK line breaks ------------------------------------------------------------------------------

HAN = st.sampled_from(list("中国外交部发言人表示和平谈判已经开始了。、「」かなカナ"))


@SETTINGS
@given(st.lists(HAN, min_size=6, max_size=40).map("".join), st.data())
def test_a_quote_across_a_cjk_line_break_matches_with_or_without_a_space(line, data):
    cut = data.draw(st.integers(1, len(line) - 1))
    wrapped = line[:cut] + data.draw(st.sampled_from(["\n", " \n", "\n  ", "\u3000"])) + line[cut:]
    article, _ = parse_article("标题\n\n" + wrapped + "\n\nEnglish text.", "seeds/zh.txt")
    start = data.draw(st.integers(0, cut - 1))
    end = data.draw(st.integers(cut + 1, len(line)))
    assume(line.find(line[start:end]) == start)  # occurrence 1 is then the passage drawn
    for gap in ("", " ", "\n", "  "):  # as copied from the page, from the file, or retyped
        typed = line[start:cut] + gap + line[cut:end]
        result = anchor(article, Selector(typed, occurrence=1))
        span = whole(result)
        shown = article.body[span.start:span.end]
        assert "".join(shown.split()) == line[start:end]
        assert span.start == article.body.index(line[:cut]) + start


def test_space_between_cjk_and_latin_still_counts_as_one_space():
    article, _ = parse_article("标题\n\n他说 peace 很重要。\n", "seeds/zh.txt")
    assert whole(anchor(article, Selector("他说 peace"))) == whole(anchor(article, Selector("他说  peace")))
    assert isinstance(anchor(article, Selector("他说peace")), AnchorFailure)


def test_a_prefix_typed_with_a_space_before_cjk_text():
    article, _ = parse_article("标题\n\n他说：和平。她说：和平。\n", "seeds/zh.txt")
    span = whole(anchor(article, Selector("和平", prefix="她说： ")))
    assert span.start == article.body.rindex("和平")
    assert whole(anchor(article, Selector("她说", suffix=" ：和平"))).start == article.body.index("她说")


# Grapheme clusters ----------------------------------------------------------------------------

CLUSTERS = ["a", "e\u0301", "é", "🇺🇸", "🇪🇺", "🇸🇪", "👨\u200d👩\u200d👧", "👍🏽", "👍", "नमस्ते", "क्ष", "ि", "की",
            "ế", "e\u0302\u0301", " ", "\n", "ש", "ׁ", "\u0600", "각", "\u1100\u1161"]


@SETTINGS
@given(st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=25).map("".join), st.data())
def test_a_match_never_starts_or_ends_inside_a_cluster(body, data):
    article, _ = parse_article("H\n\n" + body + "\n", "seeds/a.txt")
    text = article.body
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 6)))
    quote = text[start:end]
    assume(quote.strip())
    cuts = boundaries(text)
    for occurrence in (None, 1, 2):
        result = anchor(article, Selector(quote, occurrence=occurrence))
        spans = [result] if isinstance(result, Span) else result.candidates
        for span in spans:
            assert span.start in cuts and span.end in cuts, (text, quote, span)
    if start in cuts and end in cuts and quote == quote.strip():
        # A quote of whole clusters is always found, at its place among the candidates.
        result = anchor(article, Selector(quote))
        found = [result] if isinstance(result, Span) else result.candidates
        assert Span(start, end) in found or (isinstance(result, AnchorFailure) and result.count > len(found))


def test_a_flag_does_not_match_across_two_flags():
    article, _ = parse_article("Flags\n\n🇺🇸🇪🇺 and 🇸🇪.\n", "seeds/a.txt")
    span = whole(anchor(article, Selector("🇸🇪")))
    assert article.body[span.start - 1] == " "  # the Swedish flag after "and", not the one in 🇺🇸🇪🇺
    only_inside, _ = parse_article("Flags\n\n🇺🇸🇪🇺\n", "seeds/a.txt")
    failure = anchor(only_inside, Selector("🇸🇪"))
    assert isinstance(failure, AnchorFailure) and failure.kind == "not-found"
    assert "inside a longer character" in (failure.hint or "")


def test_a_devanagari_consonant_does_not_match_inside_a_syllable():
    article, _ = parse_article("समाचार\n\nकि क की\n", "seeds/hi.txt")
    span = whole(anchor(article, Selector("क")))
    assert span.start == article.body.index(" क ") + 1


@SETTINGS
@given(st.lists(st.sampled_from(CLUSTERS + ["x", "y", "x"]), min_size=1, max_size=30).map("".join), st.data())
def test_lazy_boundaries_equal_a_full_segmentation(text, data):
    truth = sorted(boundaries(text))
    clusters = Clusters(text)
    for p in data.draw(st.permutations(range(len(text) + 1))):
        assert clusters.is_boundary(p) == (p in truth)
        assert clusters.floor(p) == max(b for b in truth if b <= p)
        assert clusters.ceil(p) == min(b for b in truth if b >= p)


@SETTINGS
@given(st.lists(st.sampled_from(CLUSTERS), min_size=1, max_size=40).map("".join), st.integers(0, 12))
def test_clipped_context_never_holds_half_a_cluster(text, length):
    head, tail = clip_head(text, length), clip_tail(text, length)
    assert text.startswith(head) and text.endswith(tail)
    assert len(head) <= max(length, 0) or head == text
    assert len(head) in boundaries(text) and len(text) - len(tail) in boundaries(text)


@SETTINGS
@given(st.lists(st.sampled_from(["नमस्ते", "की", "क", " ", "e\u0301", "🇸🇪", "x", "👍🏽", "中", "文"]), min_size=4,
                max_size=40).map("".join), st.data())
def test_shortest_prefix_or_suffix_keeps_whole_clusters_and_reanchors(body, data):
    article, _ = parse_article("H\n\n" + body + "\n", "seeds/a.txt")
    cuts = boundaries(article.body)
    start = data.draw(st.sampled_from(sorted(cuts - {len(article.body)})))
    end = data.draw(st.sampled_from(sorted(c for c in cuts if c > start)))
    quote = article.body[start:end]
    assume(quote.strip() == quote)
    result = anchor(article, Selector(quote))
    if not isinstance(result, AnchorFailure) or result.kind != "ambiguous":
        return
    for span in result.candidates[:5]:
        choice = disambiguate(article, span)
        for context in (choice.prefix, choice.suffix):
            if context:
                assert regex.match(r"\X", context).group() == context[:len(regex.match(r"\X", context).group())]
                assert set(boundaries(context)) >= {0, len(context)}
                assert not unicodedata.combining(context[0])
        assert anchor(article, Selector(quote, **choice.fields())) == span  # type: ignore[arg-type]
        assert describe(article, span)


def test_cjk_disambiguation_grows_by_characters_not_whole_paragraphs():
    body = "标题\n\n" + "外交部表示和平谈判已经开始，" * 3 + "总统表示和平谈判已经开始。\n"
    article, _ = parse_article(body, "seeds/zh.txt")
    last = anchor(article, Selector("和平谈判", occurrence=4))
    choice = disambiguate(article, whole(last))
    assert choice.prefix == "总统表示" or choice.prefix == "统表示"
    assert anchor(article, Selector("和平谈判", **choice.fields())) == last  # type: ignore[arg-type]


# Case maps that change length -----------------------------------------------------------------

LONG_CASE = st.sampled_from(["İ", "ß", "ẞ", "ŉ", "ǰ", "ﬁ", "ﬂ", "ΐ", "և", "I", "i"])


@SETTINGS
@given(st.lists(LONG_CASE, max_size=60).map("".join), st.sampled_from(["Ankara dedi", "Straße", "ﬁnal", "İzmir"]),
       st.sampled_from([str.lower, str.upper, str.swapcase]))
def test_a_wrong_case_quote_after_length_changing_letters_points_at_the_passage(noise, word, change):
    body = "Başlık\n\n" + noise + " " + word + " bitti.\n"
    article, _ = parse_article(body, "seeds/tr.txt")
    typed = change(word)
    assume(typed != word)
    result = anchor(article, Selector(typed))
    assert isinstance(result, AnchorFailure) and result.kind == "not-found"
    assert "case is ignored" in (result.hint or "")
    (span,) = result.candidates
    line, col = article.line_col(span.start)
    assert (line, col) == (3, len(noise) + 2)
    assert f"line 3, column {col} (" in (result.hint or "")
    assert article.body[span.start:span.end] == word


def test_a_wrong_case_quote_after_many_dotted_capitals_gets_the_case_hint():
    article, _ = parse_article("Başlık\n\n" + "İ" * 200 + " Ankara dedi ki barış yakın.\n", "seeds/tr.txt")
    failure = anchor(article, Selector("ankara dedi"))
    assert isinstance(failure, AnchorFailure) and "case is ignored" in (failure.hint or "")
    assert "line 3, column 202" in (failure.hint or "")
    (span,) = failure.candidates
    assert article.body[span.start:span.end] == "Ankara dedi"
    german, _ = parse_article("Titel\n\nDie STRASSE ist gesperrt.\n", "seeds/de.txt")
    hint = anchor(german, Selector("Straße")).hint  # type: ignore[union-attr]
    assert "case is ignored" in (hint or "") and "[STRASSE]" in (hint or "")


# NFC and NFD ----------------------------------------------------------------------------------

VIET = st.sampled_from(["Việt", "Nam", "hòa", "bình", "người", "dân", "nói", "rằng", "Hà", "Nội", "đã", "ký"])


@SETTINGS
@given(st.lists(VIET, min_size=3, max_size=15), st.data(), st.sampled_from(["NFC", "NFD"]))
def test_a_quote_in_one_form_matches_an_article_in_the_other(words, data, article_form):
    text = " ".join(words)
    article, _ = parse_article("Tiêu đề\n\n" + unicodedata.normalize(article_form, text) + "\n", "seeds/vi.txt")
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i + 1, len(words)))
    passage = " ".join(words[i:j])
    quote_form = "NFD" if article_form == "NFC" else "NFC"
    typed = unicodedata.normalize(quote_form, passage)
    result = anchor(article, Selector(typed, occurrence=1))
    span = whole(result)
    assert article.body[span.start:span.end] == unicodedata.normalize("NFC", passage)


@SETTINGS
@given(st.lists(VIET, min_size=2, max_size=12), st.data())
def test_columns_count_the_nfd_file_as_written(words, data):
    lines = [" ".join(words[k:k + 4]) for k in range(0, len(words), 4)]
    written = unicodedata.normalize("NFD", "---\nlanguage: vi\n---\nTiêu đề\n\n" + "\n".join(lines) + "\n")
    article, problems = parse_article(written, "seeds/vi.txt")
    assert not problems
    k = data.draw(st.integers(0, len(words) - 1))
    passage = unicodedata.normalize("NFC", words[k])
    result = anchor(article, Selector(passage, occurrence=1))
    span = whole(result)
    line, col = article.line_col(span.start)
    file_line = written.split("\n")[line - 1]
    # The column is where the word starts in the file, counting every combining mark as the file holds it.
    assert unicodedata.normalize("NFC", file_line[col - 1:]).startswith(passage)
    assert unicodedata.normalize("NFC", file_line[:col - 1]) == article.body[article._line_starts[line - 4]:span.start]


def test_front_matter_columns_in_an_nfd_file():
    written = unicodedata.normalize("NFD", "---\nnote: ghi chú\nnguồn: x\n---\nTiêu đề\n\nVăn bản.\n")
    _, problems = parse_article(written, "seeds/vi.txt")
    (problem,) = problems
    assert (problem.line, problem.col) == (3, 1) and "nguồn" in unicodedata.normalize("NFC", problem.message)
    written = unicodedata.normalize("NFD", "---\n{note: ghi chú, nguồn: x}\n---\nTiêu đề\n\nVăn bản.\n")
    _, problems = parse_article(written, "seeds/vi.txt")
    (problem,) = problems
    assert problem.col == written.split("\n")[1].index("ngu") + 1


@SETTINGS
@given(st.lists(VIET, min_size=1, max_size=6).map(" ".join), st.sampled_from(["NFC", "NFD"]))
def test_lesson_yaml_columns_count_the_file_as_written(words, form):
    text = unicodedata.normalize(form, f'- {{quote: "{words}", note: "{words}", technique: x}}\n')
    doc = load_located(text, "lessons/a.yml")
    for key in ("note", "technique"):
        assert doc.key_at((0, key)).col == text.index(key) + 1


# Suggested fields, as they are shown -----------------------------------------------------------

@SETTINGS
@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=20))
def test_a_suggested_context_pastes_back_into_yaml_as_itself(value):
    shown = yaml_text(value)
    assert yaml.safe_load(f"prefix: {shown}")["prefix"] == value
    assert all(char.isprintable() for char in shown)  # nothing a terminal would hide or act on


def test_a_context_with_a_zero_width_non_joiner_is_shown_escaped():
    article, _ = parse_article("H\n\nमेरा\u200cनाम x. तेरा\u200cनाम x.\n", "seeds/hi.txt")
    first = anchor(article, Selector("x", occurrence=1))
    hint = anchor(article, Selector("x")).hint or ""  # type: ignore[union-attr]
    assert "\\u200c" in hint
    choice = disambiguate(article, whole(first))
    assert anchor(article, Selector("x", **choice.fields())) == first  # type: ignore[arg-type]
