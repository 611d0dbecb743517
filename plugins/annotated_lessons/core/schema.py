"""The lesson and technique-catalogue formats, declared once (see :mod:`.fields`).

``lessons schema`` prints :func:`lesson_json_schema`; the committed copy in
``schema/lesson.schema.json`` lets editors autocomplete lessons, and a test keeps the
two identical.
"""

from __future__ import annotations

from typing import Any

from .fields import Boolean, Choice, Integer, ListOf, Mapping, PathKey, Reporter, Slug, Text, TextOrMapping

SCHEMA_ID = "https://mkdocs-annotated-lessons.invalid/schema/lesson.schema.json"


def _check_answer(value: dict[str, Any], where: PathKey, report: Reporter) -> bool:
    options = value["options"]
    if not 1 <= value["answer"] <= len(options):
        report.error(where + ("answer",), f"'answer' must be the number of an option, from 1 to {len(options)}",
                     "out-of-range", "options are counted from 1")
        return False
    return True


SELECTOR_FIELDS = {
    "quote": Text(description="The exact words of the passage, copied from the article.", markdown=False),
    "prefix": Text(description="Text just before the quote, to choose between several matches.", min_length=0),
    "suffix": Text(description="Text just after the quote, to choose between several matches.", min_length=0),
    "occurrence": Integer(description="Take the n-th remaining match, counting from 1.", minimum=1),
    "at": Integer(description="Provenance: where the passage started (code points into the article body) when the "
                  "lesson was written; `lessons check` reports a passage that moved.", minimum=0),
}

CHECK = Mapping(
    description="A self-check question shown inside the note.",
    fields={
        "question": Text(description="The question, in Markdown.", markdown=True),
        "options": ListOf(Text(markdown=True), description="The possible answers, in Markdown.", min_items=2),
        "answer": Integer(description="The number of the right option, counting from 1.", minimum=1),
        "explain": Text(description="Why the right option is right, in Markdown.", markdown=True),
    },
    required=("question", "options", "answer"),
    extra_check=_check_answer,
)

ANNOTATION = Mapping(
    description="A passage of the article and the teaching note on it.",
    fields={
        "id": Slug(description="A slug unique in the lesson; the deep link is #ann-<id>."),
        **SELECTOR_FIELDS,
        "technique": Slug(description="The id of a technique in the catalogue."),
        "note": Text(description="The teaching note, in Markdown.", markdown=True),
        "ask": Text(description="A question students can check against the text.", markdown=True),
        "teacher": Text(description="The expected answer, for the teacher edition only.", markdown=True),
        "check": CHECK,
    },
    required=("quote", "technique", "note"),
)

CLEAN = Mapping(
    description="A control passage: fair reporting, explained on reveal.",
    fields={
        "id": Slug(description="A slug unique in the lesson."),
        **SELECTOR_FIELDS,
        "note": Text(description="Why this passage is fair reporting, in Markdown.", markdown=True),
    },
    required=("quote", "note"),
)

QUESTION = TextOrMapping(
    text=Text(markdown=True),
    mapping=Mapping(
        fields={
            "question": Text(description="The question, in Markdown.", markdown=True),
            "teacher": Text(description="The expected answer, for the teacher edition only.", markdown=True),
        },
        required=("question",),
    ),
    description="A question in Markdown, or a mapping with the question and the expected answer.",
)

LATERAL = Mapping(
    description="A prompt for reading beyond the page.",
    fields={
        "question": Text(description="What to find out, in Markdown.", markdown=True),
        "tip": Text(description="How to find it out, in Markdown.", markdown=True),
        "teacher": Text(description="What students should find, for the teacher edition only.", markdown=True),
    },
    required=("question",),
)

RATINGS = ("supported", "unsupported", "fair")


def _check_rate_target(value: dict[str, Any], where: PathKey, report: Reporter) -> bool:
    if ("quote" in value) == ("annotation" in value):
        report.error(where, "a rating item needs either 'quote' or 'annotation', not both or neither", "missing-key",
                     "quote the passage (as in an annotation), or give the id of an annotation of this lesson")
        return False
    return True


RATE = Mapping(
    description="A passage students rate as supported, unsupported or fair reporting.",
    fields={
        "annotation": Slug(description="The id of an annotation or fair passage of this lesson, whose passage is rated."),
        **{k: v for k, v in SELECTOR_FIELDS.items() if k != "at"},
        "answer": Choice(RATINGS, description="supported: the text backs the claim with evidence or a checkable "
                         "source; unsupported: nothing in the text backs it; fair: accurate, attributed reporting."),
        "why": Text(description="Why that is the answer, in Markdown; shown as feedback.", markdown=True),
    },
    required=("answer", "why"),
    extra_check=_check_rate_target,
)

GLOSSARY_ENTRY = Mapping(
    description="A hard word of the article and what it means.",
    fields={
        "term": Text(description="The word or phrase as the article spells it."),
        "definition": Text(description="What it means, in one plain sentence of Markdown.", markdown=True),
    },
    required=("term", "definition"),
)

KEY_SCOPE = Mapping(
    description="What the lesson's annotations are an answer key for, so practice scores only inside it.",
    fields={
        "complete": Boolean(description="true: the annotations mark every passage that uses a technique in scope; "
                            "false: they mark some, so a tag where nothing is marked is not counted as wrong."),
        "techniques": ListOf(Slug(), description="The technique ids the key covers (default: all); tags of other "
                             "techniques are not scored.", min_items=1),
    },
    required=("complete",),
)

LESSON = Mapping(
    description="An annotated lesson on one article.",
    fields={
        "title": Text(description="The lesson's title."),
        "article": Text(description="Path of the article, relative to the course folder."),
        "summary": Text(description="One paragraph for the course index, in Markdown.", markdown=True),
        "language": Text(description="The language of the notes and questions, a BCP 47 tag such as 'de' "
                         "(default: the site's); the article declares its own in its front matter."),
        "audience": Text(description="Who the lesson is for, e.g. 'Ages 15-18'."),
        "duration": Integer(description="Minutes the lesson takes.", minimum=1),
        "objectives": ListOf(Text(markdown=True), description="What students can do after it: 'I can ...'."),
        "warm_up": Text(description="An activity before reading, in Markdown.", markdown=True),
        "authors": ListOf(Text(), description="Who wrote the lesson."),
        "standards": ListOf(Text(), description="Curriculum standards the lesson serves."),
        "annotations": ListOf(ANNOTATION, description="The annotated passages.", min_items=1),
        "clean": ListOf(CLEAN, description="Control passages that are fair reporting."),
        "key_scope": KEY_SCOPE,
        "glossary": ListOf(GLOSSARY_ENTRY, description="Hard words of the article with their meaning, listed "
                           "after it."),
        "short_path": ListOf(Slug(), description="Ids of the annotations a weaker reader should read first: a "
                             "short reading path.", min_items=1),
        "exit_ticket": ListOf(QUESTION, description="Questions for the end of the lesson, with expected answers "
                              "(teacher edition)."),
        "sentence_starters": ListOf(Text(markdown=True), description="Sentence openings that help students put "
                                    "an answer into words (teacher edition)."),
        "rate": ListOf(RATE, description="A rating task: passages to judge as supported, unsupported or fair."),
        "discussion": ListOf(QUESTION, description="Questions for discussion after reading."),
        "lateral_reading": ListOf(LATERAL, description="Prompts for reading beyond the page."),
        "teacher_notes": Text(description="Notes for the teacher edition, in Markdown.", markdown=True),
        "article_sha256": Text(description="Provenance: SHA-256 of the article body the lesson was written against "
                               "(written by `lessons new`, `lessons import` and `lessons stamp`)."),
    },
    required=("title", "article", "summary", "annotations"),
)

TECHNIQUE = Mapping(
    description="A persuasion technique students learn to recognise.",
    fields={
        "id": Slug(description="A lower-case slug, unique in the catalogue."),
        "name": Text(description="The name shown to students."),
        "summary": Text(description="One plain sentence."),
        "description": Text(description="A longer explanation, in Markdown.", markdown=True),
        "ask": ListOf(Text(markdown=True), description="Questions a reader should ask."),
        "abbr": Text(description="A short cue (1 to 4 characters) shown on its markers and in the legend, so "
                     "techniques differ without colour; unique in the catalogue. Default: the name's initials."),
        "maps_to": Mapping(
            description="Ids of the same technique in public taxonomies.",
            fields={
                "semeval2023": Text(description="SemEval-2023 Task 3 persuasion technique."),
                "ipa": Text(description="Institute for Propaganda Analysis device."),
                "first_draft": Text(description="First Draft's types of mis- and disinformation."),
            },
        ),
    },
    required=("id", "name", "summary"),
)

CATALOGUE = Mapping(
    description="The technique catalogue of a course.",
    fields={"techniques": ListOf(TECHNIQUE, description="The techniques.", min_items=1)},
    required=("techniques",),
)


def lesson_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a lesson file."""
    schema = LESSON.schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "Annotated lesson", **schema}


def catalogue_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the technique catalogue."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Technique catalogue",
            **CATALOGUE.schema()}
