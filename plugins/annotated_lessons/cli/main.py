"""Entry point of ``lessons``. Exit codes: 0 all valid, 1 problems found, 2 usage error."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from ..core.anchoring import AnchorFailure, Selector, anchor, describe, disambiguate, yaml_text
from ..core.article import Article, parse_article
from ..core.course import CourseConfig, load_course
from ..core.course_config import course_config
from ..core.diagnostics import diagnostics_to_json, printable, printable_lines
from ..core.files import UnreadableFile, read_text
from ..core.paths import UnsafePath, resolve_inside, shorten
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
        raise UsageError(f"no such folder: {printable(shorten(str(root)))}")
    return root


def course_article(config: CourseConfig, given: str) -> tuple[Article, str]:
    """Read an article named on the command line (relative to the course folder, or absolute inside it).

    The path gets the checks a lesson's ``article:`` gets: inside the course once links
    are followed, in no hidden folder, a regular UTF-8 file.
    """
    shown = printable(shorten(given))
    try:
        root = config.root.resolve()
        path = Path(given)
        relative_path = path.resolve().relative_to(root).as_posix() if path.is_absolute() else given
        target = resolve_inside(root, relative_path)
    except UnsafePath as unsafe:
        raise UsageError(f"the article {shown} {unsafe.explanation}") from None
    except (ValueError, OSError, RuntimeError):
        raise UsageError(f"the article {shown} is outside the course folder {printable(str(config.root))}") from None
    relative_path = target.relative_to(root).as_posix()
    try:
        text = read_text(target)
    except UnreadableFile as unreadable:
        if unreadable.problem == "missing":
            raise UsageError(f"no such article: {shown}") from None
        raise UsageError(f"the article {shown} {unreadable.explanation}") from None
    article, _ = parse_article(text, relative_path)
    return article, relative_path


def positive_int(text: str) -> int:
    """An argparse type: a whole number from 1 up (``--occurrence 0`` is a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more (matches are counted from 1)")
    return value


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
    p.add_argument("--article", required=True, help="the article file, inside the course folder")
    p.add_argument("--prefix")
    p.add_argument("--suffix")
    p.add_argument("--occurrence", type=positive_int, help="the n-th match, counting from 1")
    p.add_argument("--course", default=".", help="the course folder (where mkdocs.yml is); default: .")


@command("find", "show where a quote lands in an article and how to single it out")(_find_args)
def run_find(args: argparse.Namespace) -> int:
    config = course_config(course_root(args))
    article, rel = course_article(config, args.article)
    shown = printable(rel)
    if not args.quote.strip():
        raise UsageError("the quote is empty")
    result = anchor(article, Selector(args.quote, args.prefix, args.suffix, args.occurrence))
    if isinstance(result, AnchorFailure):
        print(f"{shown}: {printable(result.message)}")
        if result.hint:
            print("\n".join(printable_lines(result.hint)))
        return EXIT_PROBLEMS
    print(f"{shown}: one match at {printable(describe(article, result))}")
    extra = disambiguate(article, result).fields()
    if extra:
        print(printable("keep in the lesson: " + ", ".join(
            f"{k}: {yaml_text(v) if isinstance(v, str) else v}" for k, v in extra.items())))
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

    for stream in (sys.stdout, sys.stderr):  # a stream that cannot encode a character escapes it
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here rather than at exit
    except UsageError as problem:
        print(f"lessons {args.command}: {printable(str(problem))}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (`lessons check | head -1`): stop quietly. Python would flush
        # stdout again at exit and fail the same way, so point it at the null device first.
        _silence_stdout()
        return EXIT_PROBLEMS
    return status


def _silence_stdout() -> None:
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture output)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
