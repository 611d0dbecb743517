"""``lessons stubs``: the pages the MkDocs plugin generates, as files, for hosts without plugins (Zensical).

Zensical runs the Markdown extension but not the plugin, so the course index, the lesson
and technique pages and the teacher editions would not exist and every link to them
would be broken. Each stub is one line, ``[course-page: PATH]``, that the extension
renders exactly as the plugin's page: nothing from the course is written as Markdown
(a slug or technique id only names the page, and both are checked words). Stubs are
rewritten only when they differ; a file with other content is replaced only with
``--force``. Run it again after adding or renaming a lesson.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import click

from ..core.course import load_course
from ..core.course_config import course_config, plugin_options
from ..core.diagnostics import printable
from ..core.fields import is_slug
from ..core.paths import inside, shorten
from ..core.slugs import is_lesson_slug
from ..core.writing import WriteRefused, write_outputs
from .common import EXIT_OK, EXIT_PROBLEMS, FORCE_HELP, course_root, refused

HELP = {
    "stubs": ("Write the pages the MkDocs plugin generates (the course index, a page per lesson and per "
              "technique, the teacher editions) as Markdown stubs in the docs folder, for Zensical and other "
              "hosts that run the Markdown extension without the plugin. Each stub is the line "
              "[course-page: PATH], rendered by the extension. Unchanged stubs are left alone; a file with "
              "other content is replaced only with --force."),
    "examples": ("Examples:\n\n\b\n  lessons stubs                 # into docs/ of the course here\n"
                 "  lessons stubs my-course --docs site-src\n  lessons stubs --no-teacher-edition"),
    "outside": "{shown} would be outside the docs folder; it is not written",
    "wrote": "{count} stub(s) written, {same} unchanged, in {docs}",
    "problems": "the course has {count} error(s); run lessons check (stubs were written for what loaded)",
}


def stub_paths(slugs: list[str], technique_ids: list[str], teacher: bool) -> dict[str, str]:
    """``{file path in docs: page path}`` for every generated page, in course order."""
    pages = {"lessons/index.md": "lessons", "techniques/index.md": "techniques"}
    pages |= {f"lessons/{slug}.md": f"lessons/{slug}" for slug in slugs if is_lesson_slug(slug)}
    if teacher:
        pages["teacher/index.md"] = "teacher"
        pages |= {f"teacher/{slug}.md": f"teacher/{slug}" for slug in slugs if is_lesson_slug(slug)}
    pages |= {f"techniques/{tid}.md": f"techniques/{tid}" for tid in technique_ids if is_slug(tid)}
    return pages


@click.command("stubs", help=HELP["stubs"], epilog=HELP["examples"],
               short_help="Write the generated pages as stubs, for Zensical.")
@click.argument("course", default=".", required=False)
@click.option("--docs", "docs_dir", default=None, help="The docs folder (default: docs_dir of mkdocs.yml, or docs).")
@click.option("--teacher-edition/--no-teacher-edition", "teacher", default=None,
              help="Write teacher editions (default: the plugin's teacher_edition option, true).")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def stubs(course: str, docs_dir: str | None, teacher: bool | None, force: bool) -> int:
    root = course_root(course)
    options = plugin_options(root / "mkdocs.yml")
    if teacher is None:
        teacher = options.get("teacher_edition") is not False
    docs = root / (docs_dir or _docs_dir(root))
    loaded = load_course(course_config(root))
    pages = stub_paths(list(loaded.lessons), list(loaded.catalogue.techniques), teacher)
    files: dict[Path, str] = {}
    same = 0
    real_docs = docs.resolve()
    for name, page in pages.items():
        target = docs / PurePosixPath(name)
        if inside(real_docs, target.resolve()) is None:
            return refused("stubs", WriteRefused(HELP["outside"].format(shown=printable(shorten(str(target)))), 2))
        text = f"[course-page: {page}]\n"
        if target.is_file() and target.read_bytes() == text.encode("utf-8"):
            same += 1
            continue
        files[target] = text
    try:
        written = write_outputs(files, force=force)
    except WriteRefused as problem:
        return refused("stubs", problem)
    except OSError as exc:
        return refused("stubs", WriteRefused(f"cannot write in {printable(shorten(str(docs)))}: {exc.strerror}"))
    print(HELP["wrote"].format(count=len(written), same=same, docs=printable(shorten(str(docs)))))
    errors = sum(d.is_error for d in loaded.diagnostics)
    if errors:
        print(f"lessons stubs: {HELP['problems'].format(count=errors)}", file=click.get_text_stream("stderr"))
        return EXIT_PROBLEMS
    return EXIT_OK


def _docs_dir(root: Path) -> str:
    """``docs_dir`` from mkdocs.yml when it is plain text, else MkDocs' default."""
    import yaml

    from ..core.course_config import _TolerantLoader
    from ..core.files import UnreadableFile, read_text

    try:
        data = yaml.load(read_text(root / "mkdocs.yml"), Loader=_TolerantLoader)  # noqa: S506 - tags ignored
    except (UnreadableFile, yaml.YAMLError, ValueError, RecursionError):
        return "docs"
    value = data.get("docs_dir") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else "docs"


COMMANDS = [stubs]
