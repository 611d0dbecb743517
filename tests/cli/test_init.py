"""``lessons init``: a new course that checks, builds strictly and serves a working lesson, and never overwrites."""

from __future__ import annotations

import re
from pathlib import Path

import markdown.extensions.toc
import pytest
import yaml

from annotated_lessons.cli.main import main
from annotated_lessons.core import CourseConfig, load_course
from annotated_lessons.core.starter import next_breaking_version, render_starter, starter_files
from annotated_lessons.project import DOCUMENTATION, PAGES, REPOSITORY

REPO = Path(__file__).resolve().parents[2]
STARTER = REPO / "plugins" / "annotated_lessons" / "starter"


def _load(root: Path):
    return load_course(CourseConfig(root, "lessons", "lessons/techniques.yml"))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_init_writes_a_course_that_checks_with_no_warning(tmp_path, capsys):
    assert main(["init", str(tmp_path / "course")]) == 0
    root = tmp_path / "course"
    assert sorted(_tree(root)) == [".gitignore", "README.md", "docs/index.md", "docs/stylesheets/palette.css",
                                   "lessons/sample-lesson.yml", "lessons/techniques.yml", "mkdocs.yml",
                                   "requirements.txt", "seeds/sample-article.txt"]
    out = capsys.readouterr().out
    assert "wrote " in out and "mkdocs serve" in out and "lessons new --article" in out
    course = _load(root)
    assert course.diagnostics == [] and list(course.lessons) == ["sample-lesson"]
    lesson = course.lessons["sample-lesson"]
    assert len(lesson.technique_annotations) >= 3 and len(lesson.clean_passages) >= 1
    assert main(["check", "--strict", str(root)]) == 0
    assert "1 lesson(s) checked: 0 error(s), 0 warning(s)" in capsys.readouterr().err


def test_mkdocs_yml_has_the_plugin_an_accessible_palette_and_the_name_given(tmp_path):
    for name in ("Yes", "2024", "null", ": x", "# not a comment", "two\nlines", "  leading", "Reading: the news"):
        root = tmp_path / str(abs(hash(name)))
        assert main(["init", str(root), "--name", name]) == 0
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
        assert config["site_name"] == name
    plugins = config["plugins"]
    assert "search" in plugins and {"annotated-lessons": {"lessons_dir": "lessons",
                                                          "techniques": "lessons/techniques.yml"}} in plugins
    schemes = [p["scheme"] for p in config["theme"]["palette"]]
    assert schemes == ["default", "slate"]  # light and dark, each with a toggle
    assert config["extra_css"] == ["stylesheets/palette.css"]
    assert (root / "docs" / "stylesheets" / "palette.css").read_bytes() == \
        (REPO / "docs" / "stylesheets" / "palette.css").read_bytes()  # the example course's checked palette


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's !ENV tag, read as its default."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def test_the_default_name_comes_from_the_folder(tmp_path):
    assert main(["init", str(tmp_path / "media-literacy_unit")]) == 0
    text = (tmp_path / "media-literacy_unit" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nsite_name: Media literacy unit\n" in text


def test_init_refuses_a_folder_that_is_not_empty_and_changes_nothing(tmp_path, capsys):
    root = tmp_path / "course"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(root)]) == 2
    err = capsys.readouterr().err
    assert "is not empty (notes.txt)" in err and "--force" in err
    assert _tree(root) == {"notes.txt": b"mine"}
    # With --force the starter is written beside what is there, and a starter file edited by hand is replaced.
    assert main(["init", str(root), "--force"]) == 0
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine"
    (root / "mkdocs.yml").write_text("edited", encoding="utf-8")
    assert main(["init", str(root), "--force"]) == 0
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") != "edited"


def test_init_accepts_a_fresh_repository_and_refuses_a_file(tmp_path, capsys):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    assert main(["init", str(root)]) == 0
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["init", str(tmp_path / "file")]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err


def test_init_never_writes_through_a_link_out_of_the_folder(tmp_path, capsys):
    root, outside = tmp_path / "course", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "lessons").symlink_to(outside)
    assert main(["init", str(root), "--force"]) == 2
    assert "outside" in capsys.readouterr().err
    assert list(outside.iterdir()) == [] and list(root.iterdir()) == [root / "lessons"]


def test_init_with_force_checks_every_target_before_writing_any(tmp_path, capsys):
    root = tmp_path / "course"
    (root / "seeds" / "sample-article.txt").mkdir(parents=True)  # a folder where a starter file goes
    assert main(["init", str(root), "--force"]) == 2
    assert "sample-article.txt exists and is not a regular file; nothing was written" in capsys.readouterr().err
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == ["seeds", "seeds/sample-article.txt"]


def test_init_in_a_read_only_folder_says_so(tmp_path, capsys):
    root = tmp_path / "locked"
    root.mkdir(mode=0o555)  # refused by its mode bits, so also when the tests run as root
    try:
        assert main(["init", str(root)]) == 1
        assert "is read-only; nothing was written" in capsys.readouterr().err
        assert list(root.iterdir()) == []
    finally:
        root.chmod(0o755)


def test_github_and_pre_commit_files_only_when_asked(tmp_path):
    root = tmp_path / "course"
    assert main(["init", str(root), "--github", "--pre-commit"]) == 0
    check = yaml.safe_load((root / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    deploy = yaml.safe_load((root / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert "pull_request" in check.get("on", check.get(True))
    runs = [s.get("run") for s in check["jobs"]["check"]["steps"]]
    assert "lessons check --format github --strict" in runs and "mkdocs build --strict" in runs
    assert "pip install -r requirements.txt" in runs
    steps = deploy["jobs"]["build"]["steps"] + deploy["jobs"]["deploy"]["steps"]
    uses = {s["uses"].split("@")[0]: int(s["uses"].split("@v")[1]) for s in steps if "uses" in s}
    # Current major versions (2026), not the ones that run on a deprecated Node.
    assert uses == {"actions/checkout": 6, "actions/setup-python": 6, "actions/configure-pages": 6,
                    "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}
    assert deploy["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    hooks = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["entry"] == "lessons check"
    plain = tmp_path / "plain"
    assert main(["init", str(plain)]) == 0
    assert not (plain / ".github").exists() and not (plain / ".pre-commit-config.yaml").exists()


def test_requirements_name_this_version_range_when_not_installed_from_git(tmp_path):
    import annotated_lessons

    text = render_starter(site_name="x", parts=set())["requirements.txt"]
    version = annotated_lessons.__version__
    assert f"mkdocs-annotated-lessons>={version},<{next_breaking_version(version)}" in text.splitlines()
    assert f"git+{REPOSITORY}" in text  # the note says what to use until the package is on PyPI
    assert next_breaking_version("0.1.0") == "0.2" and next_breaking_version("1.4.2") == "2"


class _Installed:
    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


@pytest.mark.parametrize("direct_url, expected", [
    ('{"url": "https://github.com/someone/fork", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}',
     "mkdocs-annotated-lessons @ git+https://github.com/someone/fork@0123abcd"),
    ('{"url": "https://github.com/someone/fork", "vcs_info": {"vcs": "git", "commit_id": "main; rm -rf"}}',
     "mkdocs-annotated-lessons @ git+https://github.com/someone/fork"),
    ('{"url": "https://x.org/a\\n--index-url https://evil", "vcs_info": {"vcs": "git"}}', None),
    ('{"url": "file:///home/me/clone", "vcs_info": {"vcs": "git", "commit_id": "0123abcd"}}', None),
    ('{"url": "file:///tmp/x.whl", "archive_info": {}}', None),
    ('{"url": "https://github.com/x/y", "vcs_info": {"vcs": "hg"}}', None),
    ("not json", None),
    ("[]", None),
    (None, None),
])
def test_requirements_follow_a_public_git_install_and_nothing_else(monkeypatch, direct_url, expected):
    from annotated_lessons.core import starter

    monkeypatch.setattr(starter.metadata, "distribution", lambda name: _Installed(direct_url))
    line, note = starter.requirement()
    assert line == (expected or f"mkdocs-annotated-lessons>={starter.__version__},"
                                f"<{next_breaking_version(starter.__version__)}")
    text = render_starter(site_name="x", parts=set())["requirements.txt"]
    assert [ln for ln in text.splitlines() if not ln.startswith("#")] == [line]


def test_the_starter_catalogue_is_the_example_courses_techniques():
    starter = yaml.safe_load((STARTER / "lessons" / "techniques.yml").read_text(encoding="utf-8"))
    example = yaml.safe_load((REPO / "lessons" / "techniques.yml").read_text(encoding="utf-8"))
    assert starter == example


def test_the_sample_article_is_written_for_the_template_and_says_so():
    article = (STARTER / "seeds" / "sample-article.txt").read_text(encoding="utf-8")
    assert "fictional" in article and len(article.split()) < 300
    assert not set(article.split()) & {"Donbass", "Rutte", "Lavrov", "Orbán", "NATO"}  # not the example's story


def _anchors(markdown_text: str) -> set[str]:
    return {markdown.extensions.toc.slugify(m.group(1).strip(), "-")
            for m in re.finditer(r"^#{1,6} (.+)$", markdown_text, re.M)}


def test_every_documentation_link_in_the_starter_points_at_a_page_that_exists():
    links = set()
    for item in starter_files():
        links |= set(re.findall(re.escape(DOCUMENTATION) + r"[\w/.#-]*", item.source.read_text(encoding="utf-8")))
    links |= set(re.findall(re.escape(DOCUMENTATION) + r"[\w/.#-]*",
                            "\n".join(render_starter(site_name="x", parts={"github", "pre-commit"}).values())))
    assert len(links) >= 3
    pages = {source.removesuffix(".md") + "/": source for source in PAGES.values()}
    for link in links:
        path, _, anchor = link[len(DOCUMENTATION):].partition("#")
        assert path in pages, link
        source = REPO / "docs" / pages[path]
        if anchor:
            assert anchor in _anchors(source.read_text(encoding="utf-8")), link

