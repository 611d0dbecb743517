"""``lessons offline``: the course as a zip that opens from disk, for classrooms without a network.

The site is built by MkDocs itself, from the course's own ``mkdocs.yml``, with what
Material's offline guidance asks for: its ``offline`` plugin (added when the config does
not list it) and ``use_directory_urls: false``, so every link names an ``.html`` file a
browser can open over ``file://``. The build goes to a temporary folder and the zip is
written next to its final name and then moved into place, so a failed build leaves no
half-written zip, and an existing zip is replaced only with ``--force``.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import zipfile
from pathlib import Path

import click

from ..core.diagnostics import printable
from ..core.paths import shorten
from ..core.writing import WriteRefused
from .common import EXIT_OK, EXIT_PROBLEMS, FORCE_HELP, course_root, plain_argument, refused

HELP = {
    "offline": ("Build the course for use without a network and write it as a zip: unzip it anywhere (a "
                "USB stick, a laptop) and open index.html in its folder; every lesson works from disk "
                "(notes, filters, practice, self-checks, the handout). Uses the course's mkdocs.yml with "
                "Material's offline plugin and use_directory_urls: false. Exit 0 when the zip is written, "
                "1 when the build fails (or, with --strict, warns)."),
    "examples": ("Examples:\n\n\b\n  lessons offline                     # writes COURSE-offline.zip here\n"
                 "  lessons offline my-course -o usb/news-lessons.zip\n"
                 "  lessons offline --strict --force"),
    "no-config": "no mkdocs.yml in {shown}",
    "exists": "{shown} exists; pass --force to replace it",
    "failed": "the site was not built: {reason}",
    "wrote": "wrote {shown}: {count} file(s). Unzip it and open {folder}/index.html in a browser.",
    "os": "cannot write {shown}: {reason}",
}
OFFLINE_PLUGINS = ("offline", "material/offline")


def build_offline(config_file: Path, site_dir: Path, *, strict: bool) -> None:
    """Build the site of ``config_file`` into ``site_dir`` for ``file://``; MkDocs' exceptions pass through."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir), use_directory_urls=False,
                         strict=strict)
    if not any(name in config.plugins for name in OFFLINE_PLUGINS):
        from material.plugins.offline.plugin import OfflinePlugin

        plugin = OfflinePlugin()
        plugin.load_config({})
        config.plugins["material/offline"] = plugin  # registers its events
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def write_zip(site_dir: Path, output: Path, folder: str) -> int:
    """Zip ``site_dir`` as ``folder/...`` into ``output`` through a temporary file; return the file count."""
    count = 0
    handle, temporary = tempfile.mkstemp(prefix=".offline-", suffix=".zip", dir=output.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(site_dir.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
                    count += 1
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # as any new file: mkstemp made it private
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


class _Messages(logging.Handler):
    """MkDocs' warnings and errors on stderr, as ``mkdocs build`` prints them."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"{record.levelname:<7} -  {printable(record.getMessage())}", file=sys.stderr)


@click.command("offline", help=HELP["offline"], epilog=HELP["examples"],
               short_help="Write the course as a zip that opens from disk, without a network.")
@click.argument("course", default=".", required=False)
@click.option("-o", "--output", help="The zip to write (default: COURSE-offline.zip in the current folder).")
@click.option("--strict", is_flag=True, help="Fail on any warning of the build, as mkdocs build --strict.")
@click.option("--force", is_flag=True, help=FORCE_HELP)
def offline(course: str, output: str | None, strict: bool, force: bool) -> int:
    root = course_root(course)
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return refused("offline", WriteRefused(HELP["no-config"].format(shown=printable(shorten(course))), 2))
    name = root.resolve().name or "course"
    target = Path(plain_argument(output, "--output") or f"{name}-offline.zip")
    shown = printable(shorten(str(target)))
    if target.exists() and not force:
        return refused("offline", WriteRefused(HELP["exists"].format(shown=shown), 1))
    folder = target.name.removesuffix(".zip") or name
    logger = logging.getLogger("mkdocs")
    handler = _Messages(logging.WARNING)
    logger.addHandler(handler)
    try:
        with tempfile.TemporaryDirectory(prefix="lessons-offline-") as site:
            try:
                build_offline(config_file, Path(site) / folder, strict=strict)
            except Exception as problem:  # noqa: BLE001 - MkDocs' Abort, ConfigurationError, PluginError...
                print(f"lessons offline: {HELP['failed'].format(reason=printable(str(problem)))}", file=sys.stderr)
                return EXIT_PROBLEMS
            try:
                count = write_zip(Path(site) / folder, target, folder)
            except OSError as exc:
                return refused("offline", WriteRefused(HELP["os"].format(shown=shown, reason=exc.strerror or exc)))
    finally:
        logger.removeHandler(handler)
    print(HELP["wrote"].format(shown=shown, count=count, folder=printable(folder)))
    return EXIT_OK


COMMANDS = [offline]
