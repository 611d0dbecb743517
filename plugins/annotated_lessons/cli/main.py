"""Entry point of ``lessons``: one click command group. Exit codes: 0 all valid, 1 problems found, 2 usage error.

The commands live in their own modules and import what they share from :mod:`.common`;
this module only gathers them, so importing any of them never imports this one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .. import __version__
from ..core.diagnostics import printable
from . import authoring, checking, interop, offline, starting, stubs
from .common import EXIT_PROBLEMS, EXIT_USAGE, UsageError

HELP = {
    "group": "Tools for annotated media-literacy lessons: start a course, write and check lessons, exchange them.",
    "examples": ("Examples:\n\n\b\n  lessons init my-course --github\n  cd my-course && lessons check\n"
                 "  lessons new --article seeds/my-article.txt --slug my-lesson\n"
                 "  lessons COMMAND --help"),
}


class Lessons(click.Group):
    """The ``lessons`` group: our usage errors and a closed output pipe end as exit codes, never as tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            status = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here rather than at exit
        except UsageError as problem:
            print(f"lessons {ctx.invoked_subcommand}: {printable(str(problem))}", file=sys.stderr)
            return EXIT_USAGE
        except BrokenPipeError:
            # The reader went away (`lessons check | head -1`): stop quietly. Python would flush
            # stdout again at exit and fail the same way, so point it at the null device first.
            _silence_stdout()
            return EXIT_PROBLEMS
        return status


@click.group("lessons", cls=Lessons, help=HELP["group"], epilog=HELP["examples"],
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="lessons", message="%(prog)s %(version)s")
def lessons() -> None:
    """The command group; every subcommand returns its exit code."""


for module in (starting, checking, authoring, interop, offline, stubs):
    for command in module.COMMANDS:
        lessons.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``lessons`` with ``argv`` (default: the process's arguments) and return the exit code."""
    for stream in (sys.stdout, sys.stderr):  # a stream that cannot encode a character escapes it
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    try:
        status = lessons.main(list(argv) if argv is not None else None, prog_name="lessons", standalone_mode=False)
    except click.ClickException as problem:  # click's own usage errors: unknown option, missing argument...
        problem.show()
        return problem.exit_code
    except click.Abort:
        print(file=sys.stderr)
        return EXIT_PROBLEMS
    return status if isinstance(status, int) else 0


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
