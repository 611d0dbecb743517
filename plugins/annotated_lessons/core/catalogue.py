"""The technique catalogue: what each technique is called and how to recognise it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .fields import Reporter
from .schema import CATALOGUE
from .yaml_source import YamlProblem, load_located

#: Number of distinct highlight tones the stylesheet defines; techniques cycle through them.
#: Colour is never the only cue: each technique also has its own ``abbr``, shown on its markers
#: and in the legend, so a course with more techniques than tones stays readable.
TONES = 12
#: The longest abbreviation a marker has room for.
ABBR_MAX = 4


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    summary: str
    description: str = ""
    ask: tuple[str, ...] = ()
    maps_to: tuple[tuple[str, str], ...] = ()
    tone: int = 0  # 0-based index of its colour and underline style
    abbr: str = ""  # the short cue on markers and in the legend, unique in the catalogue


@dataclass
class Catalogue:
    path: str
    techniques: dict[str, Technique] = field(default_factory=dict)

    def __contains__(self, technique_id: str) -> bool:
        return technique_id in self.techniques

    def __getitem__(self, technique_id: str) -> Technique:
        return self.techniques[technique_id]


def parse_catalogue(text: str, path: str) -> tuple[Catalogue, list[Diagnostic]]:
    """Parse ``techniques.yml``; a broken entry is reported and left out, the rest kept."""
    catalogue = Catalogue(path)
    try:
        doc = load_located(text, path)
    except YamlProblem as problem:
        return catalogue, [problem.diagnostic]
    report = Reporter(path, doc)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("techniques"), list):
        CATALOGUE.check(data if data is not None else {}, (), report)
        return catalogue, report.diagnostics
    # Check the top level without descending, then each technique on its own so one
    # bad entry does not hide the others.
    for key in data:
        if key != "techniques":
            report.error((key,), f"unknown key '{key}'", "unknown-key",
                         "the catalogue holds one key, 'techniques', with a list of techniques", key=True)
    item_spec = CATALOGUE.fields["techniques"].item  # type: ignore[attr-defined]
    chosen: dict[str, int] = {}  # abbreviations written in the catalogue, folded, by entry
    for i, entry in enumerate(data["techniques"]):
        if isinstance(entry, dict) and isinstance(entry.get("abbr"), str):
            abbr = entry["abbr"].strip()
            if len(abbr) > ABBR_MAX:
                report.error(("techniques", i, "abbr"), f"'abbr' has {len(abbr)} characters, more than {ABBR_MAX}",
                             "too-long", f"a marker has room for {ABBR_MAX} characters at most, e.g. 'LQ'")
            elif abbr.casefold() in chosen:
                report.error(("techniques", i, "abbr"), f"'abbr' '{abbr}' is already used by another technique",
                             "duplicate-abbr", "each technique needs its own abbreviation, or none (one is made up)")
            else:
                chosen[abbr.casefold()] = i
    taken = set(chosen)
    for i, entry in enumerate(data["techniques"]):
        if not item_spec.check(entry, ("techniques", i), report):
            continue
        tid = entry["id"]
        if tid in catalogue.techniques:
            report.error(("techniques", i, "id"), f"duplicate technique id '{tid}'", "duplicate-id",
                         "each technique needs its own id")
            continue
        abbr = entry["abbr"].strip() if chosen.get(str(entry.get("abbr", "")).strip().casefold()) == i else ""
        name = entry["name"].strip()
        if not abbr:
            abbr = default_abbr(name, taken)
            taken.add(abbr.casefold())
        catalogue.techniques[tid] = Technique(
            id=tid, name=name, summary=entry["summary"].strip(),
            description=entry.get("description") or "", ask=tuple(entry.get("ask") or ()),
            maps_to=tuple((entry.get("maps_to") or {}).items()), tone=len(catalogue.techniques) % TONES, abbr=abbr,
        )
    return catalogue, report.diagnostics


_SMALL = {"a", "an", "and", "as", "by", "for", "in", "of", "on", "or", "the", "to"}


def default_abbr(name: str, taken: set[str]) -> str:
    """An abbreviation no other technique has: the initials of the name's first two words, small
    words skipped ("Appeal to fear": "AF"), else its first two letters ("Euphemism": "Eu"), else
    a number is added ("AF2")."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in name).split() if w.casefold() not in _SMALL]
    if not words:
        words = ["T"]
    first = words[0]
    tries = [words[0][0].upper() + words[1][0].upper()] if len(words) > 1 else []
    tries.append(first[:1].upper() + first[1:2].lower())
    if len(words) > 1:
        tries.append(first[:1].upper() + words[1][:2].lower())
    for abbr in tries:
        if abbr.casefold() not in taken:
            return abbr
    stem = tries[0][:2]
    return next(f"{stem}{n}" for n in range(2, len(taken) + 3) if f"{stem}{n}".casefold() not in taken)

