"""``lessons export`` and ``lessons import``: W3C Web Annotation, Hypothesis, brat and PTC files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.course import load_catalogue, load_course
from ..core.course_config import course_config
from ..core.fields import slugify
from ..core.interop import ImportedSpan, lesson_to_w3c, lesson_yaml, read_brat, read_ptc, read_w3c, resolve
from ..core.interop.ptc import PtcError
from .main import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command, course_article, course_root
from .progress import Progress


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("course", nargs="?", default=".", help="the course folder; default: .")
    p.add_argument("--lesson", action="append", metavar="SLUG", help="export only this lesson (repeatable)")
    p.add_argument("--output", "-o", help="a folder for <slug>.jsonld files; default: print to standard output")
    p.add_argument("--base-url", default="", help="the site's address, to make annotation ids resolvable links")


@command("export", "write lessons as W3C Web Annotation JSON-LD")(_export_args)
def run_export(args: argparse.Namespace) -> int:
    course = load_course(course_config(course_root(args)))
    slugs = args.lesson or sorted(course.lessons)
    missing = [s for s in slugs if s not in course.lessons]
    if missing:
        print(f"lessons export: no lesson {', '.join(missing)} (or it has errors; run `lessons check`)", file=sys.stderr)
        return EXIT_PROBLEMS
    base = args.base_url.rstrip("/") + "/" if args.base_url else ""
    exported = {s: lesson_to_w3c(course.lessons[s], f"{base}lessons/{s}/" if base else "") for s in slugs}
    if not args.output:
        value = exported[slugs[0]] if len(slugs) == 1 else list(exported.values())
        print(json.dumps(value, indent=2, ensure_ascii=False))
        return EXIT_OK
    out = Path(args.output)
    for slug, data in exported.items():
        target = out / f"{slug}.jsonld"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {target}")
    return EXIT_OK


FORMATS = ("w3c", "hypothesis", "brat", "ptc")


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="annotation files: .json/.jsonld, brat .ann, or PTC .tsv/.txt")
    p.add_argument("--from", dest="format", choices=FORMATS, help="the format (default: from the file name)")
    p.add_argument("--article", required=True, help="the article in the course the spans belong to")
    p.add_argument("--text", help="the text the offsets count in, for brat and PTC (default: beside the .ann, "
                   "or the article body)")
    p.add_argument("--course", default=".", help="the course folder; default: .")
    p.add_argument("--slug", help="write lessons/<slug>.yml (default: print the lesson)")
    p.add_argument("--title", help="the lesson's title")


def _guess(path: Path) -> str:
    if path.suffix == ".ann":
        return "brat"
    if path.suffix in (".json", ".jsonld"):
        return "w3c"
    return "ptc"


def _source_text(args: argparse.Namespace, path: Path, fmt: str) -> str | None:
    if args.text:
        return Path(args.text).read_bytes().decode("utf-8-sig")
    if fmt == "brat" and path.with_suffix(".txt").is_file():
        return path.with_suffix(".txt").read_bytes().decode("utf-8-sig")
    return None


@command("import", "turn W3C, Hypothesis, brat or PTC annotations into a lesson")(_import_args)
def run_import(args: argparse.Namespace) -> int:
    config = course_config(Path(args.course))
    article, article_rel = course_article(config, args.article)
    catalogue = load_catalogue(config)[0] if (config.root / config.techniques).is_file() else None
    progress = Progress("importing")
    resolved, problems = [], []
    for done, name in enumerate(args.files, 1):
        path = Path(name)
        if not path.is_file():
            print(f"lessons import: no such file: {name}", file=sys.stderr)
            return EXIT_USAGE
        fmt = args.format or _guess(path)
        text = path.read_bytes().decode("utf-8-sig")
        try:
            items: list[ImportedSpan] = {"brat": read_brat, "ptc": read_ptc}.get(fmt, read_w3c)(text, str(path))
        except (ValueError, PtcError) as exc:  # json.JSONDecodeError is a ValueError
            print(f"{path}: error: cannot read it as {fmt}: {exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        found, failed = resolve(article, items, catalogue, _source_text(args, path, fmt))
        resolved += found
        problems += failed
        progress(done, len(args.files), str(path))
    progress.finish()
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not resolved:
        print("lessons import: no passage could be anchored in the article", file=sys.stderr)
        return EXIT_PROBLEMS
    title = args.title or f"Imported annotations: {article.headline}"
    if not args.slug:
        sys.stdout.write(lesson_yaml(resolved, article, article_rel, title))
        return EXIT_OK
    slug = slugify(args.slug, 12) if "/" not in args.slug else args.slug
    target = config.root / config.lessons_dir / f"{slug}.yml"
    depth = len(Path(config.lessons_dir, slug).parts) - 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(lesson_yaml(resolved, article, article_rel, title,
                                  schema="../" * depth + "plugins/annotated_lessons/schema/lesson.schema.json"),
                      encoding="utf-8")
    print(f"wrote {target.relative_to(config.root).as_posix()}: {len(resolved)} passage(s); "
          "write the notes marked TODO, then run `lessons check`")
    return EXIT_OK
