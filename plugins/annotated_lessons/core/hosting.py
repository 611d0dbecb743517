"""Where a course's lesson files can be edited on the web: links into GitHub and GitLab.

A contributor who drafted annotations in the browser should land in the host's own web
editor on the lesson file (or on a new file for a new lesson), and a reader who cannot
edit on a prefilled new issue. Both hosts take this from plain URLs, so no token, no
server and no API is involved: this module only derives the URLs from MkDocs'
``repo_url`` and ``edit_uri`` (which MkDocs already uses for "Edit this page").

The URLs built here carry no course text; the browser adds the drafted YAML as query
parameters (``filename``/``value``, ``title``/``body``...) with ``encodeURIComponent``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

_EDIT = {"github": re.compile(r"^(?:edit|blob)/([^/]+)/(.*)$"), "gitlab": re.compile(r"^-/(?:edit|blob)/([^/]+)/(.*)$")}


@dataclass(frozen=True)
class RepositoryLinks:
    """The host's URLs for one lesson file. ``new_*`` are only given for a file that does not exist yet.

    ``new_file`` ends with ``?filename=NAME`` (GitHub) or ``?file_name=NAME`` (GitLab), so
    the browser appends ``&value=...`` (GitHub fills the editor with it) or, on GitLab, puts
    the file on the clipboard; ``issue`` is the new-issue form, to which the browser appends
    the title and body parameters named by ``issue_title``/``issue_body``.
    """

    host: str  # github | gitlab
    edit: str | None
    new_file: str | None
    content_param: str | None  # the parameter that fills a new file, where the host has one
    issue: str
    issue_title: str
    issue_body: str


def host_of(repo_url: str) -> str | None:
    """``github`` or ``gitlab`` for a repository URL on either (also self-hosted GitLab by name), else None."""
    parts = urlsplit(repo_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    name = parts.hostname or ""
    if name == "github.com" or name.endswith(".github.com"):
        return "github"
    if "gitlab" in name.split("."):
        return "gitlab"
    return None


def repository_links(repo_url: str | None, edit_uri: str | None, docs_dir: str, lesson_path: str,
                     exists: bool) -> RepositoryLinks | None:
    """The web editor and new-issue URLs for ``lesson_path`` (relative to the course folder).

    ``edit_uri`` is MkDocs' (relative to the repository, naming the docs folder, e.g.
    ``edit/main/docs/``); ``docs_dir`` is the docs folder relative to the course folder, so
    the lesson's path in the repository is found the way MkDocs finds a page's. Without a
    ``repo_url`` on a known host, or an ``edit_uri`` of the host's form, there are no links.
    """
    if not repo_url:
        return None
    host = host_of(repo_url)
    if host is None:
        return None
    base = repo_url.rstrip("/")
    issue = f"{base}/issues/new" if host == "github" else f"{base}/-/issues/new"
    titles = ("title", "body") if host == "github" else ("issue[title]", "issue[description]")
    match = _EDIT[host].match((edit_uri or "").strip("/") + "/") if edit_uri and "://" not in edit_uri else None
    edit = new_file = content = None
    if match is not None:
        branch, docs_in_repo = match.group(1), match.group(2)
        repo_path = posixpath.normpath(posixpath.join(docs_in_repo, posixpath.relpath(lesson_path, docs_dir)))
        if not repo_path.startswith("../") and repo_path != "..":
            folder, name = posixpath.split(repo_path)
            prefix = f"{base}/edit/{quote(branch)}" if host == "github" else f"{base}/-/edit/{quote(branch)}"
            edit = f"{prefix}/{quote(repo_path)}"
            if not exists:
                edit = None
                new = f"{base}/new/{quote(branch)}" if host == "github" else f"{base}/-/new/{quote(branch)}"
                param = "filename" if host == "github" else "file_name"
                new_file = f"{new}/{quote(folder)}?{param}={quote(name)}" if folder else f"{new}?{param}={quote(name)}"
                content = "value" if host == "github" else None
    return RepositoryLinks(host, edit, new_file, content, issue, *titles)
