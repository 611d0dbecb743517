"""Entry point of ``lessons``. Exit codes: 0 all valid, 1 problems found, 2 usage error."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..core.anchoring import AnchorFailure, Selector, anchor, describe, disambiguate
from ..core.article import Article, parse_article
from ..core.course import CourseConfig, load_course
from ..core.course_config import course_config
from ..core.diagnostics import diagnostics_to_json
from ..core.paths import OutsideCourse, resolve_inside
from ..core.schema import catalogue_json_schema, lesson_json_schema
from .progress import Progress

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(name: str, help_text: str) -> Callable[[Callable[[argparse.ArgumentParser], None]], Callable]:
    """Register a subcommand: the decorated function adds its arguments, ``run`` does the work."""

    def register(add_arguments: Callable[[argparse.ArgumentParser], None]) -> Callable:
        def attach(run: Command) -> Command:
            COMMANDS[name] = (run, add_arguments, help_text)
            return run

        return attach

    return register


class UsageError(Exception):
    """A command line that cannot run: printed as ``lessons COMMAND: MESSAGE``, exit 2."""


def course_root(args: argparse.Namespace) -> Path:
    """The course folder a command works on; a usage error when it does not exist."""
    root = Path(args.course)
    if not root.is_dir():
        raise UsageError(f"no such folder: {root}")
    return root


def course_article(config: CourseConfig, given: str) -> tuple[Article, str]:
    """Read an article named on the command line (relative to the course folder, or absolute inside it)."""
    root = config.root.resolve()
    path = Path(given)
    try:
        relative_path = path.resolve().relative_to(root).as_posix() if path.is_absolute() else given
        target = resolve_inside(root, relative_path)
    except (OutsideCourse, ValueError):
        raise UsageError(f"the article {given} is outside the course folder {config.root}") from None
    if not target.is_file():
        raise UsageError(f"no such article: {given}")
    relative_path = target.relative_to(root).as_posix()
    article, _ = parse_article(target.read_bytes().decode("utf-8-sig"), relative_path)
    return article, relative_path


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("course", nargs="?", default=".", help="the course folder (where mkdocs.yml is); default: .")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text for people, github for workflow annotations, json for tools")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")


@command("check", "validate every lesson of a course")(_check_args)
def run_check(args: argparse.Namespace) -> int:
    root = course_root(args)
    progress = Progress("checking")
    course = load_course(course_config(root), progress=progress)
    progress.finish()
    diagnostics = course.diagnostics
    if args.format == "json":
        print(diagnostics_to_json(diagnostics))
    else:
        for d in diagnostics:
            print(d.format_github() if args.format == "github" else d.format_text())
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if args.format == "text":
        lessons = len(course.lessons)
        summary = f"{lessons} lesson(s) checked: {errors} error(s), {warnings} warning(s)"
        print(summary, file=sys.stderr)
    failed = errors or (args.strict and warnings)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _schema_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--catalogue", action="store_true", help="print the schema of techniques.yml instead")


@command("schema", "print the JSON Schema of a lesson file")(_schema_args)
def run_schema(args: argparse.Namespace) -> int:
    schema = catalogue_json_schema() if args.catalogue else lesson_json_schema()
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def _find_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("quote", help="the words to look for")
    p.add_argument("--article", required=True, help="the article file")
    p.add_argument("--prefix")
    p.add_argument("--suffix")
    p.add_argument("--occurrence", type=int)


@command("find", "show where a quote lands in an article and how to single it out")(_find_args)
def run_find(args: argparse.Namespace) -> int:
    path = Path(args.article)
    if not path.is_file():
        raise UsageError(f"no such article: {path}")
    article, _ = parse_article(path.read_bytes().decode("utf-8-sig"), str(path))
    result = anchor(article, Selector(args.quote, args.prefix, args.suffix, args.occurrence))
    if isinstance(result, AnchorFailure):
        print(f"{path}: {result.message}")
        if result.hint:
            print(result.hint)
        if result.kind == "ambiguous":
            return EXIT_PROBLEMS
        return EXIT_PROBLEMS
    print(f"{path}: one match at {describe(article, result)}")
    extra = disambiguate(article, result).fields()
    if extra:
        print("keep in the lesson: " + ", ".join(f"{k}: {v!r}" for k, v in extra.items()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lessons", description="Tools for annotated media-literacy lessons.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (run, add_arguments, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(p)
        p.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from . import authoring, interop  # noqa: F401 - importing registers their commands

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.run(args)
    except UsageError as problem:
        print(f"lessons {args.command}: {problem}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
