"""The technique catalogue: what each technique is called and how to recognise it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .fields import Reporter
from .schema import CATALOGUE
from .yaml_source import YamlProblem, load_located

#: Number of distinct highlight tones the stylesheet defines; techniques cycle through them.
TONES = 12


@dataclass(frozen=True)
class Technique:
    id: str
    name: str
    summary: str
    description: str = ""
    ask: tuple[str, ...] = ()
    maps_to: tuple[tuple[str, str], ...] = ()
    tone: int = 0  # 0-based index of its colour and underline style


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
    for i, entry in enumerate(data["techniques"]):
        if not item_spec.check(entry, ("techniques", i), report):
            continue
        tid = entry["id"]
        if tid in catalogue.techniques:
            report.error(("techniques", i, "id"), f"duplicate technique id '{tid}'", "duplicate-id",
                         "each technique needs its own id")
            continue
        catalogue.techniques[tid] = Technique(
            id=tid, name=entry["name"].strip(), summary=entry["summary"].strip(),
            description=entry.get("description") or "", ask=tuple(entry.get("ask") or ()),
            maps_to=tuple((entry.get("maps_to") or {}).items()), tone=len(catalogue.techniques) % TONES,
        )
    return catalogue, report.diagnostics

