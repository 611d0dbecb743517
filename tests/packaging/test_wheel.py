"""The package as a teacher gets it: the sdist and the wheel build, pass `twine check`, and work from a fresh venv.

The wheel is built from the sdist (as ``python -m build`` does), installed with ``--no-deps``
into a new virtual environment, and the teacher's path runs from there, in a folder outside
the checkout: ``lessons init`` then ``lessons check --strict`` and ``mkdocs build --strict``.
The dependencies are the ones this environment already has (a ``.pth`` file points the new
environment at them), so the test needs no network; the checkout itself is never on the
new environment's path, and the test asserts that what runs is the installed copy.
"""

from __future__ import annotations

import email.parser
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import annotated_lessons

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "annotated_lessons"
SOURCES = ("pyproject.toml", "README.md", "LICENSE")
LOCALES_PROBE = "annotated_lessons/locales/xx/LC_MESSAGES/probe.po"
pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                            check=False, timeout=180)
    assert result.returncode == 0, f"{args}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def _data_files() -> set[str]:
    """Every file of the package that is not Python, as a path inside the wheel."""
    return {path.relative_to(PACKAGE.parent).as_posix() for path in PACKAGE.rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built from a copy of the sources (the checkout gets no build files)."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        shutil.copy2(REPO / name, src / name)
    shutil.copytree(PACKAGE, src / "plugins" / "annotated_lessons",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    if not (PACKAGE / "locales").exists():  # until the catalogues arrive, a stand-in proves the folder ships
        probe = src / "plugins" / "annotated_lessons" / LOCALES_PROBE.removeprefix("annotated_lessons/")
        probe.parent.mkdir(parents=True)
        probe.write_text("# stand-in\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src, cwd=src)
    return out


def _wheel(dist: Path) -> Path:
    (wheel,) = dist.glob("*.whl")
    return wheel


def test_the_sdist_and_the_wheel_pass_twine_check(dist):
    (sdist,) = dist.glob("*.tar.gz")
    result = _run(sys.executable, "-m", "twine", "check", "--strict", sdist, _wheel(dist), cwd=dist)
    assert result.stdout.count("PASSED") == 2
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "PKG-INFO"} <= names
    assert {f"plugins/{n}" for n in _data_files()} <= names  # the wheel is built from it, so it holds everything


def test_the_wheel_carries_the_metadata_and_every_data_file(dist):
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        names = set(wheel.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(wheel.read(info).decode("utf-8"))
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode("utf-8")
    # Templates, assets, schemas, the starter course and any locales/ folder: by pattern, none left out.
    missing = _data_files() - names
    assert not missing, missing
    assert any(n.startswith("annotated_lessons/locales/") for n in names)
    if not (PACKAGE / "locales").exists():
        assert LOCALES_PROBE in names
    assert {"annotated_lessons/starter/mkdocs.yml.in", "annotated_lessons/starter/dot-github/workflows/deploy.yml",
            "annotated_lessons/schema/lesson.schema.json", "annotated_lessons/templates/lesson.html"} <= names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    assert metadata["Name"] == "mkdocs-annotated-lessons"
    assert metadata["Version"] == annotated_lessons.__version__
    assert metadata["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    classifiers = metadata.get_all("Classifier")
    assert {"Framework :: MkDocs", "Topic :: Education", "Programming Language :: Python :: 3"} <= set(classifiers)
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL"))
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
    assert any(r.startswith("click") for r in metadata.get_all("Requires-Dist"))
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "lessons = annotated_lessons.cli:main" in entry_points
    assert "annotated-lessons = annotated_lessons.mkdocs_plugin:AnnotatedLessonsPlugin" in entry_points


def test_a_teacher_starts_a_course_from_the_installed_wheel(dist, tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index",
         "--disable-pip-version-check", _wheel(dist), cwd=tmp_path)
    # The dependencies come from this environment: a path line (not a site folder), so this
    # environment's own .pth files, the editable install of the checkout among them, are not read.
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).stdout.strip())
    (site / "zz-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONNOUSERSITE="1", NO_MKDOCS_2_WARNING="1", PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}")

    where = _run(python, "-c", "import annotated_lessons, mkdocs.plugins, inspect;"
                 "print(annotated_lessons.__file__);"
                 "print(inspect.getfile(mkdocs.plugins.get_plugins()['annotated-lessons'].load()))",
                 cwd=tmp_path, env=env).stdout.split()
    assert all(Path(p).is_relative_to(venv) for p in where), where
    assert not any(Path(p).is_relative_to(REPO) for p in where), where
    installed = Path(where[0]).parent
    assert (installed / "starter" / "lessons" / "sample-lesson.yml").is_file()

    _run(venv / "bin" / "lessons", "init", "my-course", "--github", "--pre-commit", cwd=tmp_path, env=env)
    course = tmp_path / "my-course"
    check = _run(venv / "bin" / "lessons", "check", "--strict", cwd=course, env=env)
    assert "1 lesson(s) checked: 0 error(s), 0 warning(s)" in check.stderr
    build = _run(python, "-m", "mkdocs", "build", "--strict", cwd=course, env=env)
    assert "WARNING" not in build.stderr and "Documentation built" in build.stderr
    page = (course / "site" / "lessons" / "sample-lesson" / "index.html").read_text(encoding="utf-8")
    assert "rams through reckless" in page and "Some experts warn" in page
    assert (course / "site" / "techniques" / "vague-attribution" / "index.html").is_file()
