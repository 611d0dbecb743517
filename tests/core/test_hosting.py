"""Links into the host's web editor and new-issue form, derived from MkDocs' repo_url and edit_uri."""

from __future__ import annotations

import pytest

from annotated_lessons.core.hosting import host_of, repository_links


def test_github_edit_link_follows_edit_uri_from_the_docs_folder_to_the_lesson():
    links = repository_links("https://github.com/o/course/", "edit/main/docs/", "docs", "lessons/a.yml", True)
    assert links is not None and links.host == "github"
    assert links.edit == "https://github.com/o/course/edit/main/lessons/a.yml"
    assert links.new_file is None
    assert (links.issue, links.issue_title, links.issue_body) == ("https://github.com/o/course/issues/new",
                                                                  "title", "body")


def test_github_new_file_link_names_the_folder_and_the_file_and_takes_the_content():
    links = repository_links("https://github.com/o/course", "blob/dev/site/docs/", "docs", "lessons/unit-1/b.yml",
                             False)
    assert links is not None and links.edit is None
    assert links.new_file == "https://github.com/o/course/new/dev/site/lessons/unit-1?filename=b.yml"
    assert links.content_param == "value"


def test_gitlab_links_use_its_paths_and_issue_fields():
    links = repository_links("https://gitlab.com/g/sub/course", "-/edit/main/docs/", "docs", "lessons/a.yml", False)
    assert links is not None and links.host == "gitlab"
    assert links.new_file == "https://gitlab.com/g/sub/course/-/new/main/lessons?file_name=a.yml"
    assert links.content_param is None  # GitLab's new-file form is filled from the clipboard
    assert links.issue == "https://gitlab.com/g/sub/course/-/issues/new"
    assert (links.issue_title, links.issue_body) == ("issue[title]", "issue[description]")
    edit = repository_links("https://gitlab.com/g/course", "-/edit/main/docs/", "docs", "lessons/a.yml", True)
    assert edit is not None and edit.edit == "https://gitlab.com/g/course/-/edit/main/lessons/a.yml"


def test_names_in_paths_are_percent_encoded():
    links = repository_links("https://github.com/o/c", "edit/main/docs/", "docs", "lessons/урок #1.yml", True)
    assert links is not None
    assert links.edit == "https://github.com/o/c/edit/main/lessons/%D1%83%D1%80%D0%BE%D0%BA%20%231.yml"


@pytest.mark.parametrize("repo_url, edit_uri", [
    ("https://github.com/o/c", None),  # no edit_uri: an issue only
    ("https://github.com/o/c", "https://elsewhere.example/edit/"),  # an absolute edit_uri names another site
    ("https://github.com/o/c", "edit/main/"),  # the docs folder is the repository: the lessons are outside it
])
def test_without_a_usable_edit_uri_there_is_still_the_issue_link(repo_url, edit_uri):
    links = repository_links(repo_url, edit_uri, "docs", "lessons/a.yml", True)
    assert links is not None and links.issue == "https://github.com/o/c/issues/new"
    assert links.edit is None


def test_a_course_in_a_subfolder_of_the_repository():
    links = repository_links("https://github.com/o/c", "edit/main/courses/a/docs/", "docs", "lessons/x.yml", True)
    assert links is not None and links.edit == "https://github.com/o/c/edit/main/courses/a/lessons/x.yml"


@pytest.mark.parametrize("url, host", [
    ("https://github.com/o/c", "github"), ("https://gitlab.com/o/c", "gitlab"),
    ("https://gitlab.example.org/o/c", "gitlab"), ("https://bitbucket.org/o/c", None),
    ("javascript:alert(1)//github.com", None), ("ftp://github.com/o/c", None), ("https://notgithub.com/o", None),
])
def test_hosts_are_recognised_by_name_and_only_over_http(url, host):
    assert host_of(url) == host
    assert (repository_links(url, "edit/main/docs/", "docs", "lessons/a.yml", True) is None) == (host is None)
