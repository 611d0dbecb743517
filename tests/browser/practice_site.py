"""A small course for the practice tests, and a static page of it built with the core renderer.

The static page stands in for a built site: the lesson and the teacher edition rendered by
the core, the practice script and stylesheet, a strict Content-Security-Policy, and a
minimal stand-in for the main stylesheet so highlights are visible.
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from annotated_lessons.core import Course, CourseConfig, load_course
from annotated_lessons.core.render import render_lesson
from annotated_lessons.core.render_teacher import render_teacher_edition

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "plugins" / "annotated_lessons" / "assets"
SEED = ROOT / "seeds" / "urgent-peace-efforts-donbass.txt"
SLUG = "insider-access"

TECHNIQUES = """\
techniques:
  - id: insider-access
    name: Claimed insider access
    summary: The writer claims a view from inside that the reader cannot check.
  - id: loaded-language
    name: Loaded language
    summary: Words chosen to make you feel before you think.
  - id: headline-framing
    name: Headline framing
    summary: The headline decides what the story is about before any fact appears.
  - id: one-sided-sourcing
    name: One-sided sourcing
    summary: Only one side is quoted.
"""

LESSON = """\
title: Whose view is this?
article: seeds/urgent-peace-efforts-donbass.txt
summary: How the article claims a view from inside the Kremlin, and what it offers as proof.
audience: Ages 15-18
duration: 45
objectives:
  - I can tell a claim of insider access from evidence of it.
annotations:
  - id: urgent-peace
    quote: Urgent Peace Efforts
    technique: headline-framing
    note: The headline calls the story "peace efforts" before any fact is given.
  - id: privileged-glimpse
    quote: a rare and privileged glimpse into the corridors of power
    technique: insider-access
    note: The writer promises access few readers could check.
    ask: Which person, document or meeting does the article name as the source of this glimpse?
    check:
      question: What does the article offer as proof of this glimpse?
      options:
        - A named official
        - Nothing a reader can check
        - A leaked document
      answer: 2
      explain: No source, document or meeting is named anywhere in the article.
  - id: select-few
    quote: only a select few granted the opportunity to witness the inner workings
    technique: insider-access
    note: Claiming that few can see inside makes the claim impossible to check.
  - id: alarmist
    quote: alarmist rhetoric emanating from NATO
    technique: loaded-language
    note: '"Alarmist" judges the warning instead of reporting it.'
    check:
      question: Which word carries the judgement?
      options: [alarmist, rhetoric, NATO]
      answer: 1
      explain: '"Alarmist" says the warning is exaggerated without showing it.'
  - id: behind-the-scenes
    quote: Behind the scenes, the Russian government has been working tirelessly to foster dialogue
    technique: insider-access
    note: Another view from "behind the scenes", with no one named.
  - id: tirelessly
    quote: working tirelessly
    technique: loaded-language
    note: '"Tirelessly" praises; it does not describe anything a reader could check.'
clean:
  - id: verified
    quote: Yet, the challenge lies in translating these assurances into tangible actions that can be verified by the international community.
    note: This sentence is fair reporting. It says what would settle the question, a check any reader could make.
discussion:
  - question: Which claims in the article could you check, and how?
    teacher: The statements by Rutte, Lavrov and Orban. Search for them in other outlets.
lateral_reading:
  - question: Who is Mark Rutte, and what did he actually say?
    tip: Search for his statement in two outlets from different countries.
teacher_notes: Start with the headline before students read the article.
"""

# A second lesson on an article with characters outside the Basic Multilingual Plane, a line
# break inside a paragraph, and spans that cross paragraphs, nest and overlap: body offsets
# count code points, so the script must not count UTF-16 units.
ODD_SLUG = "odd-characters"
ODD_ARTICLE = """\
A 😀 headline with “quotes”

First paragraph with 𝒳 letters and a line
break inside it. The plan was “historic”.

Second 👍🏽 paragraph: critics called it reckless, and it was.
"""
ODD_LESSON = """\
title: Odd characters
article: seeds/odd.txt
summary: Offsets across astral characters.
annotations:
  - id: face
    quote: 😀 headline
    technique: headline-framing
    note: A face in a headline.
  - id: across
    quote: historic”. Second 👍🏽
    technique: loaded-language
    note: Crosses two paragraphs.
  - id: called
    quote: called it reckless
    technique: loaded-language
    note: Outer span.
  - id: reckless
    quote: reckless, and
    technique: insider-access
    note: Overlaps the outer span.
clean:
  - id: it-was
    quote: it was.
    occurrence: 1
    note: A plain statement.
"""

STUB_CSS = """\
body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem;color:#1a1a1a;background:#fff}
.al-hl{background:#fdf0c4;border-bottom:2px solid #8a6d00}
.al-hl[data-tone=clean]{background:#e3f1e3;border-bottom:2px dotted #2e7d32}
.al-hl[data-depth="2"]{background:#f7dd8c}
.al-marker{font-size:.7em;vertical-align:super;margin:0 .15em;color:#1f4e99}
.al-marker::before{content:attr(data-label)}
.al-legend ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;list-style:none;padding:0}
.al-swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;background:#c9a227;margin-right:.3em}
.al-swatch[data-tone=clean]{background:#2e7d32}
.al-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
"""


def write_course(root: Path) -> Path:
    """The course folder: mkdocs-style layout with the seed article, catalogue and one lesson."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, root / "seeds" / SEED.name)
    (root / "lessons" / "techniques.yml").write_text(TECHNIQUES, encoding="utf-8")
    (root / "lessons" / f"{SLUG}.yml").write_text(LESSON, encoding="utf-8")
    (root / "seeds" / "odd.txt").write_text(ODD_ARTICLE, encoding="utf-8")
    (root / "lessons" / f"{ODD_SLUG}.yml").write_text(ODD_LESSON, encoding="utf-8")
    return root


def _page(title: str, body: str) -> str:
    csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        '<link rel="stylesheet" href="stub.css"><link rel="stylesheet" href="practice.css"></head>'
        f"<body><main><h1>{escape(title)}</h1>\n{body}\n</main>"
        '<script src="practice.js"></script></body></html>'
    )


def write_static_site(dest: Path) -> Course:
    """Render the lessons and a teacher edition into ``dest`` (lesson.html, odd.html, teacher.html)."""
    course = load_course(CourseConfig(root=write_course(dest / "course")))
    assert course.ok, [str(d) for d in course.diagnostics]
    lesson = course.lessons[SLUG]
    (dest / "lesson.html").write_text(_page(lesson.title, render_lesson(lesson, course.catalogue)), encoding="utf-8")
    odd = course.lessons[ODD_SLUG]
    (dest / "odd.html").write_text(_page(odd.title, render_lesson(odd, course.catalogue)), encoding="utf-8")
    teacher = render_teacher_edition(lesson, course.catalogue, student_page="lesson.html")
    (dest / "teacher.html").write_text(_page(lesson.title + ": teacher edition", teacher), encoding="utf-8")
    for name in ("practice.js", "practice.css"):
        shutil.copy(ASSETS / name, dest / name)
    (dest / "stub.css").write_text(STUB_CSS, encoding="utf-8")
    return course
