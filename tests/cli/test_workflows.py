"""The CI and pre-commit files are valid YAML and run what the contributor guide promises."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def _load(name: str) -> dict:
    # PyYAML reads the key `on` as True; both spellings are accepted here.
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_check_lessons_and_build_strictly():
    workflow = _load(".github/workflows/pull-request.yml")
    assert "pull_request" in workflow.get("on", workflow.get(True))
    runs = _runs(workflow["jobs"]["check"])
    assert "lessons check --format github" in runs
    assert "mkdocs build --strict" in runs
    assert ".ci/run" in _runs(workflow["jobs"]["test"])


def test_main_builds_and_deploys_to_pages():
    workflow = _load(".github/workflows/deploy.yml")
    trigger = workflow.get("on", workflow.get(True))
    assert trigger["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    assert "mkdocs build --strict" in _runs(build)
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact") for step in build["steps"])
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in deploy["steps"])
    assert workflow["permissions"]["pages"] == "write"


def test_pre_commit_hooks_run_lessons_check():
    hooks = _load(".pre-commit-hooks.yaml")
    assert hooks[0]["id"] == "lessons-check" and hooks[0]["entry"] == "lessons check"
    config = _load(".pre-commit-config.yaml")
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    assert "lessons check" in entries


def test_ci_entry_point_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "make test" in script and "make test" in readme.split("\n\n", 3)[1] + readme[:600]
    assert "ANNOTATED_LESSONS_REQUIRE_BROWSER=1" in script
