"""``lessons check``, ``lessons schema`` and ``lessons find``: validating a course and placing a quote."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from ..core.anchoring import AnchorFailure, Selector, anchor, describe, disambiguate, yaml_text
from ..core.course import load_course
from ..core.course_config import course_config
from ..core.diagnostics import diagnostics_to_json, printable, printable_lines, sort_diagnostics
from ..core.schema import catalogue_json_schema, lesson_json_schema
from .common import COURSE_HELP, EXIT_OK, EXIT_PROBLEMS, PositiveInt, Progress, UsageError, course_article, course_root
from .placeholders import placeholders

HELP = {
    "check": ("Validate every lesson of a course: quotes, techniques, fields, with file, line and column. "
              "Exit 0 when every lesson is valid, 1 when any problem is an error (or, with --strict, a "
              "warning), 2 for a usage error. Scaffold placeholders left in a lesson (TODO, an empty note) "
              "are warnings."),
    "check-examples": ("Examples:\n\n\b\n  lessons check\n  lessons check my-course --strict\n"
                       "  lessons check --format github   # annotations on a pull request's lines\n"
                       "  lessons check --format json | jq '.[].message'"),
    "schema": "Print the JSON Schema of a lesson file (or, with --catalogue, of the technique catalogue).",
    "schema-examples": ("Examples:\n\n\b\n  lessons schema > lesson.schema.json\n"
                        "  lessons schema --catalogue > techniques.schema.json"),
    "find": ("Show where QUOTE lands in an article and the shortest prefix, suffix or occurrence that "
             "singles it out. Exit 0 for one match, 1 when it matches no place or several."),
    "find-examples": ("Examples:\n\n\b\n  lessons find 'a rare and privileged glimpse' --article seeds/article.txt\n"
                      "  lessons find reckless --suffix , --article seeds/article.txt"),
    "no-quote": "the quote is empty",
    "summary": "{lessons} lesson(s) checked: {errors} error(s), {warnings} warning(s)",
    "one-match": "{shown}: one match at {where}",
    "keep": "keep in the lesson: {fields}",
}


@click.command("check", help=HELP["check"], epilog=HELP["check-examples"], short_help="Validate every lesson.")
@click.argument("course", default=".", required=False)
@click.option("--format", "output_format", type=click.Choice(("text", "github", "json")), default="text",
              show_default=True, help="text for people, github for workflow annotations, json for tools.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--require-answers", is_flag=True,
              help="Warn about every question without an expected answer (as the course option require_answers).")
def check(course: str, output_format: str, strict: bool, require_answers: bool = False) -> int:
    root = course_root(course)
    progress = Progress("checking")
    config = course_config(root)
    if require_answers:
        config = dataclasses.replace(config, require_answers=True)
    loaded = load_course(config, progress=progress)
    progress.finish()
    diagnostics = sort_diagnostics([*loaded.diagnostics, *placeholders(loaded)])
    if output_format == "json":
        print(diagnostics_to_json(diagnostics))
    else:
        for d in diagnostics:
            print(d.format_github() if output_format == "github" else d.format_text())
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format == "text":
        print(HELP["summary"].format(lessons=len(loaded.lessons), errors=errors, warnings=warnings), file=sys.stderr)
    failed = errors or (strict and warnings)
    return EXIT_PROBLEMS if failed else EXIT_OK


@click.command("schema", help=HELP["schema"], epilog=HELP["schema-examples"],
               short_help="Print the JSON Schema of a lesson file.")
@click.option("--catalogue", is_flag=True, help="Print the schema of techniques.yml instead.")
def schema(catalogue: bool) -> int:
    value = catalogue_json_schema() if catalogue else lesson_json_schema()
    print(json.dumps(value, indent=2, ensure_ascii=False))
    return EXIT_OK


@click.command("find", help=HELP["find"], epilog=HELP["find-examples"],
               short_help="Show where a quote lands in an article and how to single it out.")
@click.argument("quote")
@click.option("--article", required=True, help="The article file, inside the course folder.")
@click.option("--prefix", help="Text right before the quote, to pick one of several matches.")
@click.option("--suffix", help="Text right after the quote, to pick one of several matches.")
@click.option("--occurrence", type=PositiveInt(), help="The n-th match, counting from 1.")
@click.option("--course", default=".", help=COURSE_HELP)
def find(quote: str, article: str, prefix: str | None, suffix: str | None, occurrence: int | None,
         course: str) -> int:
    config = course_config(course_root(course))
    text, rel = course_article(config, article)
    shown = printable(rel)
    if not quote.strip():
        raise UsageError(HELP["no-quote"])
    result = anchor(text, Selector(quote, prefix, suffix, occurrence))
    if isinstance(result, AnchorFailure):
        print(f"{shown}: {printable(result.message)}")
        if result.hint:
            print("\n".join(printable_lines(result.hint)))
        return EXIT_PROBLEMS
    print(HELP["one-match"].format(shown=shown, where=printable(describe(text, result))))
    extra = disambiguate(text, result).fields()
    if extra:
        print(printable(HELP["keep"].format(fields=", ".join(
            f"{k}: {yaml_text(v) if isinstance(v, str) else v}" for k, v in extra.items()))))
    return EXIT_OK


COMMANDS = [check, schema, find]
