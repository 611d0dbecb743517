"""``lessons export`` and ``lessons import``: W3C Web Annotation, Hypothesis, brat and PTC files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
    read_w3c,
    resolve,
)
from ..core.writing import MESSAGES as WRITING
from ..core.writing import WriteRefused, lesson_target, printable, write_file, write_outputs
from .authoring import plain_argument
from .main import EXIT_OK, EXIT_PROBLEMS, UsageError, command, course_article, course_root
from .progress import Progress


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("course", nargs="?", default=".", help="the course folder; default: .")
    p.add_argument("--lesson", action="append", metavar="SLUG", help="export only this lesson (repeatable)")
    p.add_argument("--output", "-o", help="a folder for <slug>.jsonld files; default: print to standard output")
    p.add_argument("--base-url", default="", help="the site's address, to make annotation ids resolvable links")
    p.add_argument("--force", action="store_true", help="replace files that exist in the --output folder")


@command("export", "write lessons as W3C Web Annotation JSON-LD")(_export_args)
def run_export(args: argparse.Namespace) -> int:
    course = load_course(course_config(course_root(args)))
    slugs = args.lesson or sorted(course.lessons)
    missing = [s for s in slugs if s not in course.lessons]
    if missing:
        print(f"lessons export: no lesson {printable(', '.join(missing))} (or it has errors; run `lessons check`)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    base = args.base_url.rstrip("/") + "/" if args.base_url else ""
    exported = {s: lesson_to_w3c(course.lessons[s], f"{base}lessons/{s}/" if base else "") for s in slugs}
    if not args.output:
        value = exported[slugs[0]] if len(slugs) == 1 else list(exported.values())
        print(json.dumps(value, indent=2, ensure_ascii=False))
        return EXIT_OK
    out = Path(args.output)
    files = {out / f"{slug}.jsonld": json.dumps(data, indent=2, ensure_ascii=False) + "\n"
             for slug, data in exported.items()}
    try:
        written = write_outputs(files, force=args.force)
    except WriteRefused as refused:
        print(f"lessons export: {refused}", file=sys.stderr)
        return refused.code
    for name in written:
        print(f"wrote {name}")
    return EXIT_OK


FORMATS = ("w3c", "hypothesis", "brat", "ptc")
READERS = {"brat": read_brat, "ptc": read_ptc, "w3c": read_w3c, "hypothesis": read_w3c}
SCHEMA = "plugins/annotated_lessons/schema/lesson.schema.json"

MESSAGES = {
    "no-file": "no such file: {name}",
    "not-utf8": "not UTF-8 text (byte {byte:#04x} on line {line}); save it as UTF-8 and import it again",
    "unreadable": "cannot read it: {reason}",
    "nothing": "no passage could be read and anchored in the article; nothing was written",
    "wrote": "wrote {target}: {n} passage(s); write the notes marked TODO, then run `lessons check`",
    "partly": "{errors} problem(s) in the input; the lesson holds what could be read",
}


def _import_args(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Turn W3C, Hypothesis, brat or PTC annotations into a lesson. Without --slug the lesson is printed; "
        "with it, it is written to <lessons_dir>/<slug>.yml, never over an existing file unless --force is "
        "given. Each malformed record is reported as PATH:LINE: error (PATH: annotation N: for JSON), each "
        "passage that cannot be placed as a warning; what could be read is still imported, and the exit "
        "code is 1 when anything was malformed.")
    p.add_argument("files", nargs="+", help="annotation files: .json/.jsonld, brat .ann, or PTC .tsv/.txt")
    p.add_argument("--from", dest="format", choices=FORMATS, help="the format (default: from the file name)")
    p.add_argument("--article", required=True, help="the article in the course the spans belong to")
    p.add_argument("--text", help="the text the offsets count in, for brat and PTC (default: beside the .ann, "
                   "or the article body)")
    p.add_argument("--course", default=".", help="the course folder; default: .")
    p.add_argument("--slug", help="write <lessons_dir>/<slug>.yml (default: print the lesson); letters and digits of "
                   "any script joined by '-', '/' between units, 'index' reserved; never shortened")
    p.add_argument("--title", help="the lesson's title")
    p.add_argument("--force", action="store_true", help="replace the lesson file if it exists")


def _guess(path: Path) -> str:
    if path.suffix == ".ann":
        return "brat"
    if path.suffix in (".json", ".jsonld"):
        return "w3c"
    return "ptc"


def _read_text(path: Path, shown: str, errors: list[Problem]) -> str | None:
    """A UTF-8 file's text (a byte-order mark dropped), or None with the reason in ``errors``."""
    try:
        raw = read_bytes(path)  # a regular file only: a pipe named on the command line must not block
    except UnreadableFile as unreadable:
        errors.append(Problem(shown, MESSAGES["unreadable"].format(reason=unreadable.explanation)))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        errors.append(Problem(f"{shown}:{line}", MESSAGES["not-utf8"].format(byte=raw[exc.start], line=line)))
        return None


def _source_text(args: argparse.Namespace, path: Path, fmt: str, errors: list[Problem]) -> tuple[bool, str | None]:
    """(readable?, the text offsets count in, or None for the article body)."""
    if args.text:
        text = _read_text(Path(args.text), printable(args.text), errors)
        return text is not None, text
    beside = path.with_suffix(".txt")
    if fmt == "brat" and beside.is_file():
        text = _read_text(beside, printable(str(beside)), errors)
        return text is not None, text
    return True, None


@command("import", "turn W3C, Hypothesis, brat or PTC annotations into a lesson")(_import_args)
def run_import(args: argparse.Namespace) -> int:
    config = course_config(Path(args.course))
    title = plain_argument(args.title, "--title")
    target = None
    if args.slug is not None:
        try:  # refuse a bad --slug before reading anything: no work is lost to a typo
            target = lesson_target(config, plain_argument(args.slug, "--slug"))
            if not args.force and target.path.exists():
                raise WriteRefused(WRITING["exists"].format(shown=target.shown), 2)
        except WriteRefused as refused:
            print(f"lessons import: {refused}", file=sys.stderr)
            return refused.code
    if args.text and not Path(args.text).is_file():
        raise UsageError(MESSAGES["no-file"].format(name=printable(args.text)))
    for name in args.files:
        if not Path(name).is_file():
            raise UsageError(MESSAGES["no-file"].format(name=printable(name)))
    article, article_rel = course_article(config, args.article)
    catalogue = load_catalogue(config)[0] if (config.root / config.techniques).is_file() else None
    progress = Progress("importing")
    resolved: list[Resolved] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for done, name in enumerate(args.files, 1):
        path, shown = Path(name), printable(name)
        fmt = args.format or _guess(path)
        text = _read_text(path, shown, errors)
        readable, source = _source_text(args, path, fmt, errors)
        if text is None or not readable:
            continue
        items: list[ImportedSpan] = READERS[fmt](text, shown, errors)
        found, failed = resolve(article, items, catalogue, source)
        resolved += found
        warnings += failed
        progress(done, len(args.files), shown)
    progress.finish()
    for severity, found in (("error", errors), ("warning", warnings)):
        for problem in found:
            print(printable(f"{problem.where}: {severity}: {problem.message}"), file=sys.stderr)
    if not resolved:
        print("lessons import: " + MESSAGES["nothing"], file=sys.stderr)
        return EXIT_PROBLEMS
    status = EXIT_PROBLEMS if errors else EXIT_OK
    if errors:
        print("lessons import: " + MESSAGES["partly"].format(errors=len(errors)), file=sys.stderr)
    title = title or f"Imported annotations: {article.headline}"
    if target is None:
        sys.stdout.write(lesson_yaml(resolved, article, article_rel, title))
        sys.stdout.flush()
        return status
    depth = len(target.path.relative_to(config.root.resolve()).parts) - 1
    text = lesson_yaml(resolved, article, article_rel, title, schema="../" * depth + SCHEMA)
    try:
        write_file(target, text.encode("utf-8"), overwrite=args.force)
    except WriteRefused as refused:
        print(f"lessons import: {refused}", file=sys.stderr)
        return refused.code
    print(MESSAGES["wrote"].format(target=target.shown, n=len(resolved)))
    return status
