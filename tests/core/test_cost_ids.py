"""Default ids for annotations sharing a quote: the same ids as before, found in linear time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotated_lessons.core.lesson import _next_free

from .conftest import lesson_with


def old_next_free(base: str, ids: dict[str, int]) -> str:
    """The original search: try base-2, base-3, ... from the start each time."""
    n = 2
    while f"{base}-{n}" in ids:
        n += 1
    return f"{base}-{n}"


class CountingDict(dict):
    lookups = 0

    def __contains__(self, key: object) -> bool:
        CountingDict.lookups += 1
        return super().__contains__(key)


# Each step: a default id that may repeat, or an explicit id that may occupy a suffix.
STEPS = st.lists(st.one_of(st.sampled_from(["a", "a-2", "b"]).map(lambda b: ("default", b)),
                           st.sampled_from(["a-2", "a-3", "a-5", "a-2-2", "b-2"]).map(lambda i: ("explicit", i))),
                 max_size=40)


def assign(steps, next_free) -> list[str | None]:
    ids: dict[str, int] = {}
    out: list[str | None] = []
    for kind, value in steps:
        if value in ids:
            out.append(next_free(value, ids) if kind == "default" else None)  # explicit duplicates are errors
        else:
            out.append(value)
        if out[-1] is not None:
            ids[out[-1]] = 0
    return out


@given(STEPS)
def test_ids_are_the_same_as_the_original_search(steps):
    state: dict[str, int] = {}
    assert assign(steps, lambda base, ids: _next_free(base, ids, state)) == assign(steps, old_next_free)


def test_lookups_grow_linearly_with_annotations_sharing_a_quote():
    def lookups(count: int) -> int:
        ids, state = CountingDict(), {}
        CountingDict.lookups = 0
        ids["same"] = 0
        for _ in range(count):
            ids[_next_free("same", ids, state)] = 0
        return CountingDict.lookups

    assert lookups(2000) == 2 * lookups(1000)


def test_thousands_of_annotations_sharing_a_quote(make_course):
    item = "  - quote: bold\n    technique: loaded-language\n    note: Again.\n"
    course = make_course(lesson_with(*[item] * 5_000))
    assert course.ok, course.diagnostics[:3]
    ids = [a.id for a in course.lessons["lesson"].annotations]
    assert ids[:3] == ["bold", "bold-2", "bold-3"] and ids[-1] == "bold-5000" and len(set(ids)) == 5_000
