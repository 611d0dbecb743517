"""Faithful imports: the source's own offsets pick the copy, count in the source's own text, every spelling maps."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from annotated_lessons.cli.main import main
from annotated_lessons.core.anchoring import anchor
from annotated_lessons.core.article import parse_article
from annotated_lessons.core.interop import map_technique, read_brat, read_ptc, read_w3c, resolve

from ..example_course import copy_example
from .test_round_trip import COURSE

REPO = Path(__file__).resolve().parents[2]
SEED = "seeds/urgent-peace-efforts-donbass.txt"
FILLER = "Officials spoke at length about the meeting and its many aims."
BODY = f"Talks resume\n\n{FILLER} The deal was a triumph.\n\n{FILLER} The deal was a triumph.\n\n" \
       f"{FILLER} The deal was a triumph.\n"


def _article(body: str = BODY):
    return parse_article(body, "a.txt")[0]


def test_the_source_offsets_pick_the_copy_when_the_context_is_the_same():
    """The middle copy has the first one's 32 characters of context: only the offsets tell them apart."""
    article = _article()
    source = "SOURCE: wire copy\n\n" + BODY  # a header of its own: every offset is shifted
    copies = [i for i in range(len(source)) if source.startswith("a triumph", i)]
    middle = copies[1]
    assert source[middle - 32:middle] == source[copies[0] - 32:copies[0]]
    items = read_ptc(f"1\tLoaded_Language\t{middle}\t{middle + 9}\n", "s.tsv")
    resolved, problems = resolve(article, items, COURSE.catalogue, source)
    assert problems == []
    wanted = [i for i in range(len(article.body)) if article.body.startswith("a triumph", i)][1]
    assert resolved[0].span.start == wanted and resolved[0].landing == "exact"
    assert anchor(article, resolved[0].selector) == resolved[0].span  # the written selector picks that copy


@pytest.mark.parametrize("counted_with_bom", [True, False])
def test_a_byte_order_mark_is_counted_as_the_source_counted_it(counted_with_bom):
    """brat records each span's text, which shows whether its offsets counted the mark."""
    article = _article()
    source = "\ufeff" + BODY
    start = source.index("Officials", 20) - (0 if counted_with_bom else 1)
    ann = f"T1\tLoaded_Language {start} {start + 9}\tOfficials\n"
    resolved, problems = resolve(article, read_brat(ann, "x.ann"), COURSE.catalogue, source)
    assert problems == [] and resolved[0].landing == "exact"
    assert resolved[0].span.start == [i for i in range(len(article.body)) if article.body.startswith("Officials", i)][1]


def test_ptc_offsets_count_the_byte_order_mark_as_a_character():
    article = _article()
    source = "\ufeff" + BODY
    start = source.index("Talks")
    assert start == 1
    resolved, problems = resolve(article, read_ptc(f"1\tDoubt\t{start}\t{start + 5}\n"), COURSE.catalogue, source)
    assert problems == [] and article.body[resolved[0].span.start:resolved[0].span.end] == "Talks"


def test_offsets_in_a_decomposed_source_count_its_own_code_points():
    body = "Cafe\u0301 talks\n\nThe cafe\u0301 owners said the cafe\u0301 owners were angry.\n"
    article = _article(body)  # the article is read as NFC: é is one code point there
    source = unicodedata.normalize("NFD", body)
    start = source.rindex("owners were")
    resolved, problems = resolve(article, read_ptc(f"1\tDoubt\t{start}\t{start + 11}\n"), None, source)
    assert problems == [] and resolved[0].landing == "exact"
    assert resolved[0].span.start == article.body.rindex("owners were")


@pytest.mark.parametrize(("label", "technique"), [
    ("Name_Calling,Labeling", "labelling-critics"),  # PTC-2020 / SemEval-2020 Task 11
    ("Exaggeration,Minimisation", "euphemism"),
    ("Appeal_to_fear-prejudice", "appeal-to-fear"),
    ("Flag-Waving", "flag-waving"),
    ("Black-and-White_Fallacy", "false-dilemma"),
    ("Causal_Oversimplification", "blame-shifting"),
    ("Obfuscation,Intentional_Vagueness,Confusion", "vague-attribution"),
    ("Name calling/Labeling", "labelling-critics"),  # SemEval-2021 Task 6
    ("Black-and-white Fallacy/Dictatorship", "false-dilemma"),
    ("Exaggeration/Minimization", "euphemism"),
    ("Glittering generalities (Virtue)", "appeal-to-values"),
    ("Name_Calling-Labeling", "labelling-critics"),  # SemEval-2023 Task 3
    ("Appeal_to_Fear-Prejudice", "appeal-to-fear"),
    ("False_Dilemma-No_Choice", "false-dilemma"),
    ("name calling", "labelling-critics"),  # the IPA's devices, any case
    ("Glittering Generalities", "appeal-to-values"),
    ("False Connection", "headline-framing"),  # First Draft
    ("loaded-qualifier", "loaded-qualifier"),  # the catalogue's own ids and names
    ("Labelling the other side", "labelling-critics"),
])
def test_published_spellings_map_to_the_catalogue(label, technique):
    assert map_technique(label, COURSE.catalogue) == technique


def test_a_merged_class_tries_each_technique_it_names_and_unknown_ones_stay_unknown():
    assert map_technique("Whataboutism,Straw_Men,Red_Herring", COURSE.catalogue) is None  # none in this catalogue
    assert map_technique("Thought-terminating_Cliches", COURSE.catalogue) is None
    assert map_technique("Bandwagon,Reductio_ad_hitlerum", COURSE.catalogue) is None
    assert map_technique("Doubt,Whatever", COURSE.catalogue) == "casting-doubt"


def test_refined_selectors_and_body_value_are_read():
    article = _article()
    data = [
        {"type": "Annotation", "bodyValue": "A plain note.",
         "target": {"source": "x", "selector": {"type": "FragmentSelector", "value": "p2",
                                                "refinedBy": {"type": "TextQuoteSelector", "exact": "Talks resume"}}}},
        {"type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "Doubt"},
         "target": {"selector": {"type": "CssSelector", "value": "p:nth-child(3)",
                                 "refinedBy": [{"type": "TextPositionSelector", "start": 0, "end": 9},
                                               {"type": "TextQuoteSelector", "exact": "a triumph",
                                                "prefix": "The deal was ", "suffix": ".\n\nOfficials"}]}}},
    ]
    items = read_w3c(json.dumps(data))
    assert items[0].quote == "Talks resume" and items[0].note == "A plain note."
    assert items[1].quote == "a triumph" and items[1].start is None  # offsets inside an element are not the body's
    resolved, problems = resolve(article, items, COURSE.catalogue)
    assert [p for p in problems if "not in the catalogue" not in p] == []
    assert article.body[resolved[1].span.start:resolved[1].span.end] == "a triumph"
    assert resolved[1].technique == "casting-doubt"


def test_hypothesis_search_results_with_tags(tmp_path, capsys):
    """The Hypothesis API's rows: tags become techniques, text the note; page positions count for nothing."""
    course = copy_example(tmp_path / "course")
    rows = {"total": 2, "rows": [
        {"id": "h1", "text": "Emotive adjective.", "tags": ["propaganda", "Loaded_Language"],
         "target": [{"source": "https://example.org/a", "selector": [
             {"type": "RangeSelector", "startContainer": "/div[1]/p[2]", "startOffset": 0,
              "endContainer": "/div[1]/p[2]", "endOffset": 17},
             {"type": "TextPositionSelector", "start": 90210, "end": 90227},
             {"type": "TextQuoteSelector", "exact": "alarmist rhetoric", "prefix": "", "suffix": ""}]}]},
        {"id": "h2", "text": "Whose glimpse?", "tags": ["Appeal_to_Authority"],
         "target": [{"source": "https://example.org/a", "selector": [
             {"type": "TextQuoteSelector", "exact": "a rare and privileged glimpse"}]}]},
    ]}
    source = tmp_path / "search.json"
    source.write_text(json.dumps(rows), encoding="utf-8")
    assert main(["import", str(source), "--from", "hypothesis", "--article", SEED, "--course", str(course)]) == 0
    captured = capsys.readouterr()
    data = yaml.safe_load(captured.out)
    by_quote = {a["quote"]: a for a in data["annotations"]}
    assert by_quote["alarmist rhetoric"]["technique"] == "loaded-qualifier"
    assert by_quote["alarmist rhetoric"]["note"] == "Emotive adjective."
    assert "'Appeal_to_Authority' is not in the catalogue" in captured.err
    assert f"{source}: annotation 1: note: the passage moved" in captured.err
    assert "1 passage(s) landed exactly, 1 moved, 0 failed" in captured.err


def test_import_reports_where_each_brat_span_went(tmp_path, capsys):
    course = copy_example(tmp_path / "course")
    text = (course / SEED).read_text(encoding="utf-8")
    body = text[text.index("---", 3) + 4:] if text.startswith("---") else text
    (tmp_path / "x.txt").write_text(body, encoding="utf-8")
    start = body.index("alarmist rhetoric")
    (tmp_path / "x.ann").write_text(f"T1\tLoaded_Language {start} {start + 17}\talarmist rhetoric\n"
                                    f"T2\tDoubt {start} {start + 8}\tnot this\n"
                                    "T3\tDoubt 5 999999\tgone\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "x.ann"), "--article", SEED, "--course", str(course)]) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'x.ann'}:2: warning: the quote 'not this' does not match" in err
    assert f"{tmp_path / 'x.ann'}:3: warning: the passage 'gone' is not in the article" in err
    assert "1 passage(s) landed exactly, 0 moved, 2 failed" in err


def test_import_never_overwrites_without_force_and_never_shortens_a_slug(tmp_path, capsys):
    course = copy_example(tmp_path / "course")
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"type": "Annotation", "target": {"selector": {
        "type": "TextQuoteSelector", "exact": "alarmist rhetoric"}}}), encoding="utf-8")
    existing = course / "lessons" / "sourcing-and-voices.yml"
    before = existing.read_bytes()
    args = [str(source), "--article", SEED, "--course", str(course)]
    assert main(["import", *args, "--slug", "sourcing-and-voices"]) == 2
    assert "exists" in capsys.readouterr().err and existing.read_bytes() == before
    assert main(["import", *args, "--slug", "sourcing-and-voices", "--force"]) == 0
    assert existing.read_bytes() != before
    long = "-".join(f"word{n}" for n in range(1, 21))  # twenty words: used whole
    assert main(["import", *args, "--slug", long]) == 0
    assert (course / "lessons" / f"{long}.yml").is_file()


def test_unusable_lesson_fields_are_left_out_with_a_warning(tmp_path, capsys):
    course = copy_example(tmp_path / "course")
    deep: object = "x"
    for _ in range(200):
        deep = [deep]
    exported = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "label": "Mine",
                "al:lesson": {"summary": "Kept.", "discussion": deep, "secret": 1},
                "first": {"items": [{"type": "Annotation", "al:check": "not a mapping", "target": {"selector": {
                    "type": "TextQuoteSelector", "exact": "alarmist rhetoric"}}}]}}
    source = tmp_path / "odd.jsonld"
    source.write_text(json.dumps(exported), encoding="utf-8")
    assert main(["import", str(source), "--article", SEED, "--course", str(course)]) == 1
    captured = capsys.readouterr()
    assert "left out the lesson field(s) discussion, secret" in captured.err
    assert "'al:check' should be an object, not text" in captured.err and "Traceback" not in captured.err
    data = yaml.safe_load(captured.out)
    assert data["title"] == "Mine" and data["summary"] == "Kept." and "discussion" not in data


def test_only_fair_passages_make_no_lesson(tmp_path, capsys):
    """A lesson needs one annotated passage: an import of fair passages alone writes nothing, and says why."""
    course = copy_example(tmp_path / "course")
    source = tmp_path / "fair.json"
    source.write_text(json.dumps({"type": "Annotation", "motivation": "assessing", "target": {"selector": {
        "type": "TextQuoteSelector", "exact": "alarmist rhetoric"}}}), encoding="utf-8")
    assert main(["import", str(source), "--article", SEED, "--course", str(course), "--slug", "fair"]) == 1
    assert "only fair passages could be placed" in capsys.readouterr().err
    assert not (course / "lessons" / "fair.yml").exists()
