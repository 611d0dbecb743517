"""The repository's workflows as GitHub runs them: current action majors, Chromium with room in its container,
and the offline copy published beside the site."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
#: The majors that run on GitHub's current Node runtime (Node 20 actions are retired).
CURRENT = {"actions/checkout": 6, "actions/setup-python": 6, "actions/configure-pages": 6,
           "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_every_action_is_at_its_current_major():
    assert WORKFLOWS
    for path in WORKFLOWS:
        for step in _steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if "uses" in step:
                name, _, version = step["uses"].partition("@")
                assert name in CURRENT, f"{path.name}: {name} is not reviewed here"
                assert re.fullmatch(r"v\d+", version) and int(version[1:]) >= CURRENT[name], (path.name, step)


def test_browser_tests_run_in_a_container_with_room_for_chromium():
    from tests.browser.conftest import CHROMIUM_ARGS

    assert "--disable-dev-shm-usage" in CHROMIUM_ARGS
    job = yaml.safe_load((REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))["jobs"]["test"]
    assert job["container"]["image"].startswith("python:")
    assert "--shm-size" in job["container"]["options"]


def test_the_deploy_publishes_the_offline_copy_and_documents_the_pages_setting():
    text = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    runs = [step.get("run", "") for step in _steps(yaml.safe_load(text))]
    offline = next(i for i, run in enumerate(runs) if run.startswith("lessons offline"))
    assert "-o site/" in runs[offline] and offline > runs.index("mkdocs build --strict")
    assert 'Source: "GitHub Actions"' in text
    guide = (REPO / "docs" / "teachers.md").read_text(encoding="utf-8")
    assert "Settings > Pages > Build and deployment > Source: GitHub Actions" in guide
    assert guide.count("### Publish it on GitHub Pages") == 1
