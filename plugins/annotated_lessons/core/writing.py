"""Writing lesson files without losing anything: the one way ``new``, ``import`` and ``stamp`` save.

Course files come from pull requests and commands are run by people who trust them, so a
write must never land outside the lessons folder (a ``--slug`` of ``../../x``, a unit folder
that is a symbolic link out of the course), never replace the technique catalogue, never
replace an existing file unless asked to, and never leave a half-written file behind.
Everything goes through :func:`write_file`: a temporary file in the target's folder, then
``os.replace``, with the old file's mode kept. Read-only files and folders are refused
with a message rather than replaced behind their owner's back.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .diagnostics import printable
from .order import COURSE_FILE
from .paths import inside
from .slugs import LESSON_SUFFIXES, lesson_slug_problem
from .slugs import suggest_slug as _suggest

if TYPE_CHECKING:
    from .course import CourseConfig

MAX_NAME_BYTES = 200  # one unit of a slug, as UTF-8; file systems stop at 255 with the suffix

MESSAGES = {
    "not-nfc": "the slug is not in Unicode normal form C",
    "too-long": "'{unit}' is too long for a file name",
    "outside": "{shown} is outside the lessons folder {lessons}",
    "catalogue": "{shown} is the technique catalogue, not a lesson",
    "course-file": "{shown} holds the order of the course (course.yml), not a lesson; choose another slug",
    "exists": "{shown} exists; choose another --slug, or pass --force to replace it",
    "not-file": "{shown} exists and is not a regular file",
    "read-only": "{shown} is read-only; nothing was written",
    "folder-read-only": "the folder {shown} is read-only; nothing was written",
    "changed": "{shown} changed while it was being edited; nothing was written, run the command again",
    "os": "cannot write {shown}: {reason}; nothing was written",
    "outputs-exist": "{n} file(s) exist already ({names}); nothing was written, pass --force to replace them",
}


class WriteRefused(Exception):
    """A write that did not happen, with the message to print and the exit code (2: usage, 1: the file system)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def slug_problem(slug: str) -> str | None:
    """Why ``slug`` cannot name a lesson, or None when it can.

    The rule is the one ``lessons check`` applies to file names (:mod:`.slugs`), plus a
    length a file system accepts for each unit, and the composed form (NFC) for new files.
    """
    problem = lesson_slug_problem(slug)
    if problem:
        return problem
    if unicodedata.normalize("NFC", slug) != slug:  # a new file's name is composed, as the suggestion is
        return MESSAGES["not-nfc"]
    for unit in slug.split("/"):
        if len(unit.encode("utf-8")) > MAX_NAME_BYTES:
            return MESSAGES["too-long"].format(unit=unit[:40] + "…")
    return None


def suggest_slug(text: str) -> str:
    """A valid slug close to ``text``, short enough for a file name; a valid slug is kept as it is."""
    if slug_problem(text) is None:
        return text
    units = []
    for unit in _suggest(text.encode("utf-8", "replace").decode("utf-8")).split("/"):
        while len(unit.encode("utf-8")) > MAX_NAME_BYTES:
            unit = unit[:-1].rstrip("-")
        units.append(unit)
    return "/".join(units)


def check_slug(slug: str) -> str:
    """``slug`` itself when it is valid; else a usage error that suggests one."""
    problem = slug_problem(slug)
    if problem:
        raise WriteRefused(f"'{printable(slug)}' is not a valid slug: {problem}; try --slug {suggest_slug(slug)}", 2)
    return slug


def yaml_scalar(text: str) -> str:
    """``text`` as one line of YAML that loads back as exactly that string, whatever it holds.

    The emitter decides: plain when nothing in it could read as another type (``Yes``,
    ``2024``, ``~``, ``0x10``, ``- x``, edge spaces), else quoted, and double-quoted with
    escapes when it holds line breaks or invisible characters, so it fits after ``key: ``.
    """
    for style in (None, '"'):
        out = yaml.safe_dump({"k": text}, allow_unicode=True, width=float("inf"), default_style=style)
        value = out[out.index(": ") + 2:-1] if out.endswith("\n") else ""
        if value and "\n" not in value and not any(c in value for c in "\r\x85\u2028\u2029") and \
                yaml.safe_load(f"k: {value}\n") == {"k": text}:
            return value
    return json.dumps(text)  # valid YAML for any string; not reached with PyYAML's emitter


@dataclass(frozen=True)
class Target:
    """Where a lesson goes: the real file (symbolic links followed) and the name to show people."""

    path: Path
    shown: str


def lesson_target(config: CourseConfig, slug: str) -> Target:
    """The file for lesson ``slug``: inside ``lessons_dir`` after following links, and never the catalogue.

    An existing ``<slug>.yaml`` is that lesson's file, so the slug is never split across two files.
    """
    check_slug(slug)
    root = config.root.resolve()
    lessons = (config.root / config.lessons_dir).resolve()
    if inside(root, lessons) is None:
        raise WriteRefused(MESSAGES["outside"].format(shown=printable(config.lessons_dir), lessons=root), 2)
    base = config.root / config.lessons_dir / slug
    candidates = [base.with_name(base.name + s) for s in LESSON_SUFFIXES]
    given = next((c for c in candidates if c.exists() or c.is_symlink()), candidates[0])
    return checked_target(config, given)


def checked_target(config: CourseConfig, given: Path) -> Target:
    """``given`` as a :class:`Target` when it resolves inside ``lessons_dir`` and is not the catalogue."""
    root = config.root.resolve()
    lessons = (config.root / config.lessons_dir).resolve()
    real = given.resolve()
    shown = _shown(given, config.root)
    if inside(lessons, real) in (None, "."):
        raise WriteRefused(MESSAGES["outside"].format(shown=shown, lessons=printable(config.lessons_dir)), 2)
    if real == (root / config.techniques).resolve():
        raise WriteRefused(MESSAGES["catalogue"].format(shown=shown), 2)
    if real == lessons / COURSE_FILE:
        raise WriteRefused(MESSAGES["course-file"].format(shown=shown), 2)
    return Target(real, shown)


def write_file(target: Target, data: bytes, *, overwrite: bool, expect: bytes | None = None) -> None:
    """Write ``data`` to ``target`` atomically, or raise :class:`WriteRefused` having changed nothing.

    ``overwrite`` allows replacing an existing file (``--force``, or ``stamp`` editing in
    place); ``expect`` is the content the caller read, so a file edited meanwhile is not lost.
    """
    path, shown = target.path, target.shown
    try:
        info = path.stat() if path.exists() else None
    except OSError as exc:
        raise WriteRefused(MESSAGES["os"].format(shown=shown, reason=exc.strerror or exc)) from None
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise WriteRefused(MESSAGES["not-file"].format(shown=shown), 2)
        if not overwrite:
            raise WriteRefused(MESSAGES["exists"].format(shown=shown), 2)
        if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise WriteRefused(MESSAGES["read-only"].format(shown=shown))
    folder = path.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not _writable(existing):
        raise WriteRefused(MESSAGES["folder-read-only"].format(shown=_shown(existing, Path.cwd())))
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), stat.S_IMODE(info.st_mode) if info else 0o666 & ~_umask())
            if info is not None:
                with contextlib.suppress(OSError):  # keep the owner when allowed to (running as root)
                    os.fchown(out.fileno(), info.st_uid, info.st_gid)
        if expect is not None and path.read_bytes() != expect:
            raise WriteRefused(MESSAGES["changed"].format(shown=shown))
        if info is None:
            try:  # a hard link fails when someone created the file meanwhile; replace would clobber it
                os.link(tmp, path)
            except FileExistsError:
                raise WriteRefused(MESSAGES["exists"].format(shown=shown), 2) from None
            except OSError:  # no hard links on this file system
                if path.exists():
                    raise WriteRefused(MESSAGES["exists"].format(shown=shown), 2) from None
                os.replace(tmp, path)
                tmp = None
        else:
            os.replace(tmp, path)
            tmp = None
    except OSError as exc:
        raise WriteRefused(MESSAGES["os"].format(shown=shown, reason=exc.strerror or exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_outputs(files: dict[Path, str], *, force: bool) -> list[str]:
    """Write generated files into a folder the user named (``export -o``, ``assets``); return what was written.

    Nothing is written when any target exists and ``force`` is not given, so a second run
    cannot replace files someone edited by hand; each file is written atomically.
    """
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing and not force:
        names = ", ".join(printable(str(p)) for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise WriteRefused(MESSAGES["outputs-exist"].format(names=names, n=len(existing)), 2)
    written = []
    for path, content in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteRefused(MESSAGES["os"].format(shown=printable(str(path.parent)),
                                                     reason=exc.strerror or exc)) from None
        write_file(Target(path, printable(str(path))), content.encode("utf-8"), overwrite=force)
        written.append(printable(str(path)))
    return written


def _writable(folder: Path) -> bool:
    try:
        mode = folder.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(folder, os.W_OK | os.X_OK)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _shown(path: Path, root: Path) -> str:
    try:
        return printable(path.relative_to(root).as_posix())
    except ValueError:
        return printable(str(path))
