"""``lessons export`` and ``lessons import``: W3C Web Annotation, Hypothesis, brat and PTC files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..core.course import load_catalogue, load_course
from ..core.course_config import course_config
from ..core.files import UnreadableFile, read_bytes
from ..core.interop import (
    ImportedSpan,
    Problem,
    Resolved,
    lesson_to_w3c,
    lesson_yaml,
    read_brat,
    read_ptc,
    read_w3c_document,
    resolve,
)
from ..core.interop.vocabulary import imported_fields
from ..core.writing import MESSAGES as WRITING
from ..core.writing import WriteRefused, lesson_target, printable, write_file, write_outputs
from .common import (
    COURSE_HELP,
    EXIT_OK,
    EXIT_PROBLEMS,
    Progress,
    UsageError,
    course_article,
    course_root,
    plain_argument,
    refused,
    schema_reference,
)

FORMATS = ("w3c", "hypothesis", "brat", "ptc")
READERS = {"brat": read_brat, "ptc": read_ptc}

MESSAGES = {
    "no-file": "no such file: {name}",
    "not-utf8": "not UTF-8 text (byte {byte:#04x} on line {line}); save it as UTF-8 and import it again",
    "unreadable": "cannot read it: {reason}",
    "nothing": "no passage could be read and anchored in the article; nothing was written",
    "only-clean": "only fair passages could be placed, and a lesson needs at least one annotated passage; "
                  "nothing was written",
    "wrote": "wrote {target}: {n} passage(s); write the notes marked TODO, then run `lessons check`",
    "partly": "{errors} problem(s) in the input; the lesson holds what could be read",
    "landed": "{exact} passage(s) landed exactly, {moved} moved, {failed} failed",
    "moved": "the passage moved: found by its words at {start}-{end} of the article body, not where the source "
             "put it; check that it is the passage meant",
    "dropped": "left out the lesson field(s) {keys}: not fields of a lesson, or not plain text, numbers and lists",
}

HELP = {
    "export": ("Write lessons as W3C Web Annotation JSON-LD: one file per lesson with --output, else to "
               "standard output."),
    "export-examples": ("Examples:\n\n\b\n  lessons export --lesson budget > budget.jsonld\n"
                        "  lessons export my-course -o annotations --base-url https://example.org/course/"),
    "import": (
        "Turn W3C, Hypothesis, brat or PTC annotations into a lesson. Without --slug the lesson is printed; "
        "with it, it is written to <lessons_dir>/<slug>.yml, never over an existing file unless --force is "
        "given. Each malformed record is reported as PATH:LINE: error (PATH: annotation N: for JSON), each "
        "passage that cannot be placed as a warning, each one found away from where the source put it as a "
        "note; a last line counts the passages that landed exactly, moved or failed. What could be read is "
        "still imported, and the exit code is 1 when anything was malformed. A file exported by `lessons "
        "export` gives back its lesson: title, fields and every passage as written."),
    "import-examples": ("Examples:\n\n\b\n  lessons import notes.jsonld --article seeds/budget.txt\n"
                        "  lessons import budget.ann --article seeds/budget.txt --slug budget\n"
                        "  lessons import spans.tsv --from ptc --text article.txt --article seeds/budget.txt"),
}


@click.command("export", help=HELP["export"], epilog=HELP["export-examples"],
               short_help="Write lessons as W3C Web Annotation JSON-LD.")
@click.argument("course", default=".", required=False)
@click.option("--lesson", "lessons", multiple=True, metavar="SLUG", help="Export only this lesson (repeatable).")
@click.option("--output", "-o", help="A folder for <slug>.jsonld files; default: print to standard output.")
@click.option("--base-url", default="", help="The site's address, to make annotation ids resolvable links.")
@click.option("--force", is_flag=True, help="Replace files that exist in the --output folder.")
@click.option("--without-teacher", is_flag=True, help="Leave out what only the teacher edition shows (teacher notes, "
              "expected answers), as in the file published beside each lesson page.")
def export(course: str, lessons: tuple[str, ...], output: str | None, base_url: str, force: bool,
           without_teacher: bool) -> int:
    loaded = load_course(course_config(course_root(course)))
    slugs = list(lessons) or sorted(loaded.lessons)
    missing = [s for s in slugs if s not in loaded.lessons]
    if missing:
        print(f"lessons export: no lesson {printable(', '.join(missing))} (or it has errors; run `lessons check`)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    base = base_url.rstrip("/") + "/" if base_url else ""
    exported = {s: lesson_to_w3c(loaded.lessons[s], f"{base}lessons/{s}/" if base else "", teacher=not without_teacher)
                for s in slugs}
    if not output:
        value = exported[slugs[0]] if len(slugs) == 1 else list(exported.values())
        print(json.dumps(value, indent=2, ensure_ascii=False))
        return EXIT_OK
    out = Path(output)
    files = {out / f"{slug}.jsonld": json.dumps(data, indent=2, ensure_ascii=False) + "\n"
             for slug, data in exported.items()}
    try:
        written = write_outputs(files, force=force)
    except WriteRefused as problem:
        return refused("export", problem)
    for name in written:
        print(f"wrote {name}")
    return EXIT_OK


def _guess(path: Path) -> str:
    if path.suffix == ".ann":
        return "brat"
    if path.suffix in (".json", ".jsonld"):
        return "w3c"
    return "ptc"


def _read_text(path: Path, shown: str, errors: list[Problem], *, keep_bom: bool = False) -> str | None:
    """A UTF-8 file's text, or None with the reason in ``errors``.

    A byte-order mark is dropped, except from a text that offsets count in (``keep_bom``):
    the tools that wrote the offsets read the mark as a character.
    """
    try:
        raw = read_bytes(path)  # a regular file only: a pipe named on the command line must not block
    except UnreadableFile as unreadable:
        errors.append(Problem(shown, MESSAGES["unreadable"].format(reason=unreadable.explanation)))
        return None
    try:
        return raw.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        errors.append(Problem(f"{shown}:{line}", MESSAGES["not-utf8"].format(byte=raw[exc.start], line=line)))
        return None


def _source_text(given: str | None, path: Path, fmt: str, errors: list[Problem]) -> tuple[bool, str | None]:
    """(readable?, the text offsets count in, or None for the article body)."""
    if given:
        text = _read_text(Path(given), printable(given), errors, keep_bom=True)
        return text is not None, text
    beside = path.with_suffix(".txt")
    if fmt == "brat" and beside.is_file():
        text = _read_text(beside, printable(str(beside)), errors, keep_bom=True)
        return text is not None, text
    return True, None


@click.command("import", help=HELP["import"], epilog=HELP["import-examples"],
               short_help="Turn W3C, Hypothesis, brat or PTC annotations into a lesson.")
@click.argument("files", nargs=-1, required=True)
@click.option("--from", "source_format", type=click.Choice(FORMATS), help="The format (default: from the file name).")
@click.option("--article", "article_name", required=True, help="The article in the course the spans belong to.")
@click.option("--text", help="The text the offsets count in, for brat and PTC (default: beside the .ann, "
              "or the article body).")
@click.option("--course", default=".", help=COURSE_HELP)
@click.option("--slug", help="Write <lessons_dir>/<slug>.yml (default: print the lesson); letters and digits of "
              "any script joined by '-', '/' between units, 'index' reserved; never shortened.")
@click.option("--title", help="The lesson's title.")
@click.option("--force", is_flag=True, help="Replace the lesson file if it exists.")
def import_(files: tuple[str, ...], source_format: str | None, article_name: str, text: str | None, course: str,
            slug: str | None, title: str | None, force: bool) -> int:
    config = course_config(Path(course))
    title = plain_argument(title, "--title")
    target = None
    if slug is not None:
        try:  # refuse a bad --slug before reading anything: no work is lost to a typo
            target = lesson_target(config, plain_argument(slug, "--slug"))
            if not force and target.path.exists():
                raise WriteRefused(WRITING["exists"].format(shown=target.shown), 2)
        except WriteRefused as problem:
            return refused("import", problem)
    if text and not Path(text).is_file():
        raise UsageError(MESSAGES["no-file"].format(name=printable(text)))
    for name in files:
        if not Path(name).is_file():
            raise UsageError(MESSAGES["no-file"].format(name=printable(name)))
    article, article_rel = course_article(config, article_name)
    catalogue = load_catalogue(config)[0] if (config.root / config.techniques).is_file() else None
    progress = Progress("importing")
    resolved: list[Resolved] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    notes: list[Problem] = []
    failed = 0
    carried_title: str | None = None
    fields: dict[str, Any] | None = None
    for done, name in enumerate(files, 1):
        path, shown = Path(name), printable(name)
        fmt = source_format or _guess(path)
        content = _read_text(path, shown, errors)
        readable, source = _source_text(text, path, fmt, errors)
        if content is None or not readable:
            continue
        if fmt in ("w3c", "hypothesis"):
            document = read_w3c_document(content, shown, errors)
            items: list[ImportedSpan] = document.spans
            if document.lesson and fields is None:  # an export of this project: the lesson's own fields come back
                fields, dropped = imported_fields(document.lesson)
                carried_title = document.title
                if dropped:
                    warnings.append(Problem(shown, MESSAGES["dropped"].format(keys=", ".join(dropped[:10]))))
        else:
            items = READERS[fmt](content, shown, errors)
        found, unplaced = resolve(article, items, catalogue, source)
        resolved += found
        warnings += unplaced
        failed += len(items) - len(found)
        notes += [Problem(r.source.where, MESSAGES["moved"].format(start=r.span.start, end=r.span.end))
                  for r in found if r.landing == "moved"]
        progress(done, len(files), shown)
    progress.finish()
    for severity, found in (("error", errors), ("warning", warnings), ("note", notes)):
        for problem in found:
            print(printable(f"{problem.where}: {severity}: {problem.message}"), file=sys.stderr)
    exact = sum(r.landing == "exact" for r in resolved)
    print("lessons import: " + MESSAGES["landed"].format(exact=exact, moved=len(resolved) - exact, failed=failed),
          file=sys.stderr)
    if not resolved or all(r.source.clean for r in resolved):
        print("lessons import: " + MESSAGES["nothing" if not resolved else "only-clean"], file=sys.stderr)
        return EXIT_PROBLEMS
    status = EXIT_PROBLEMS if errors else EXIT_OK
    if errors:
        print("lessons import: " + MESSAGES["partly"].format(errors=len(errors)), file=sys.stderr)
    title = title or carried_title or f"Imported annotations: {article.headline}"
    if target is None:
        schema = schema_reference(config, len(Path(config.lessons_dir).parts))
        sys.stdout.write(lesson_yaml(resolved, article, article_rel, title, schema=schema, fields=fields))
        sys.stdout.flush()
        return status
    depth = len(target.path.relative_to(config.root.resolve()).parts) - 1
    lesson = lesson_yaml(resolved, article, article_rel, title, schema=schema_reference(config, depth), fields=fields)
    try:
        write_file(target, lesson.encode("utf-8"), overwrite=force)
    except WriteRefused as problem:
        return refused("import", problem)
    print(MESSAGES["wrote"].format(target=target.shown, n=len(resolved)))
    return status


COMMANDS = [export, import_]
