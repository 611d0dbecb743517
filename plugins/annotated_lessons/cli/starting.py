"""``lessons init``: a new course that builds and serves at once, from the starter in the package."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..core.diagnostics import printable
from ..core.paths import inside, shorten
from ..core.starter import render_starter
from ..core.writing import WriteRefused, write_outputs
from ..project import docs_url
from .common import EXIT_OK, UsageError, plain_argument, refused

HELP = {
    "init": ("Start a course in DIR: mkdocs.yml with the lesson plugin and an accessible palette, a technique "
             "catalogue (lessons/techniques.yml), a sample article in seeds/, a sample lesson, a home page, "
             "requirements.txt and .gitignore. Right after it, `mkdocs serve` shows the sample lesson and "
             "`mkdocs build --strict` passes. DIR is created if needed; a folder that holds anything but .git "
             "is refused unless --force is given, and then only the starter's own files are replaced."),
    "init-examples": ("Examples:\n\n\b\n  lessons init my-course\n"
                      "  lessons init my-course --name 'Reading the news' --github --pre-commit\n"
                      "  lessons init . --force   # into the current folder, replacing starter files"),
    "not-folder": "{shown} exists and is not a folder",
    "not-empty": ("{shown} is not empty ({names}); choose a new or empty folder, or pass --force to write the "
                  "starter into it (files with the same names are replaced, others are kept)"),
    "escapes": "{target} would be written outside {shown} (a symbolic link?); nothing was written",
    "created": "a new course in {shown}: {n} file(s). Next:",
    "next": ("  cd {folder}\n"
             "  mkdocs serve                  # the sample lesson at http://127.0.0.1:8000/lessons/sample-lesson/\n"
             "  lessons new --article seeds/YOUR-ARTICLE.txt\n"
             "  lessons check\n"
             "The teacher guide: {guide}"),
    "pages": "Before the first deploy, set Settings > Pages > Source to \"GitHub Actions\" in the repository.",
    "default-name": "Annotated lessons",
    "in-the-way": "{target} exists and is not a regular file; nothing was written",
    "os": "cannot write in {shown}: {reason}; nothing was written",
}
# Entries a fresh repository may already hold: `git init` before `lessons init .` is fine.
ALLOWED = {".git"}


def default_name(folder: Path) -> str:
    """A site name from the folder's name (``my-course`` gives ``My course``)."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else HELP["default-name"]


@click.command("init", help=HELP["init"], epilog=HELP["init-examples"],
               short_help="Start a new course that builds and serves at once.")
@click.argument("folder", metavar="DIR")
@click.option("--name", help="The site's name (default: from the folder's name).")
@click.option("--github", is_flag=True, help="Also write GitHub workflows: check pull requests, deploy to Pages.")
@click.option("--pre-commit", "pre_commit", is_flag=True, help="Also write a pre-commit config running lessons check.")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty, replacing starter files.")
def init(folder: str, name: str | None, github: bool, pre_commit: bool, force: bool) -> int:
    root = Path(plain_argument(folder, "DIR") or ".")
    shown = printable(shorten(folder))
    site_name = plain_argument(name, "--name") or default_name(root)
    if root.exists() and not root.is_dir():
        raise UsageError(HELP["not-folder"].format(shown=shown))
    if root.is_dir() and not force:
        present = sorted(entry.name for entry in root.iterdir() if entry.name not in ALLOWED)
        if present:
            names = ", ".join(printable(n) for n in present[:3]) + (", ..." if len(present) > 3 else "")
            return refused("init", WriteRefused(HELP["not-empty"].format(shown=shown, names=names), 2))
    parts = {part for part, wanted in (("github", github), ("pre-commit", pre_commit)) if wanted}
    texts = render_starter(site_name=site_name, parts=parts)
    files = {root / target: text for target, text in texts.items()}
    try:
        real_root = root.resolve()
        for path in files:
            if inside(real_root, path.resolve()) is None:
                raise WriteRefused(HELP["escapes"].format(target=printable(str(path)), shown=shown), 2)
            if path.exists() and not path.is_file():  # checked for all first, so no run stops half-way
                raise WriteRefused(HELP["in-the-way"].format(target=printable(str(path))), 2)
        written = write_outputs(files, force=force)
    except WriteRefused as problem:
        return refused("init", problem)
    except OSError as exc:
        return refused("init", WriteRefused(HELP["os"].format(shown=shown, reason=exc.strerror or exc)))
    for written_name in written:
        print(f"wrote {written_name}")
    print(HELP["created"].format(shown=shown, n=len(written)))
    print(HELP["next"].format(folder=shlex.quote(printable(folder)), guide=docs_url("teachers")))
    if github:
        print(HELP["pages"])
    return EXIT_OK


COMMANDS = [init]
