"""Technique labels as the public taxonomies have published them, in all their spellings.

The catalogue maps its techniques to one spelling per taxonomy (``maps_to``), mostly
SemEval-2023 Task 3. Corpora spell the same techniques differently: the Propaganda
Techniques Corpus and SemEval-2020 Task 11 join merged classes with commas
(``Name_Calling,Labeling``), SemEval-2021 Task 6 uses words and slashes
(``Name calling/Labeling``), and SemEval-2023 uses underscores and hyphens
(``Name_Calling-Labeling``). Two steps bring them together: a *key* that ignores case,
accents and the separators (``_ - / , .`` and spaces), and a table of the renamings
between versions (``Black-and-White_Fallacy`` became ``False_Dilemma-No_Choice``). A
merged class from an older version names several newer ones; each is tried in turn.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SEPARATORS = re.compile(r"[\s_\-/,.;:()'’]+")

#: Older published names (as keys) -> the SemEval-2023 names they became, in the order to try them.
RENAMED: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def key(label: str) -> str:
    """A label reduced to what tells techniques apart: lower case, no accents, words joined by single spaces."""
    text = unicodedata.normalize("NFKD", label.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("minimization", "minimisation").replace("&", " and ")
    return " ".join(_SEPARATORS.sub(" ", text).split())


def _renamed(old: list[str], new: tuple[str, ...]) -> None:
    for name in old:
        RENAMED[key(name)] = new


# The Propaganda Techniques Corpus (2019, 18 classes) and SemEval-2020 Task 11 (14 classes, some merged).
_renamed(["Black-and-White_Fallacy", "Black-and-white Fallacy/Dictatorship", "Black-and-White Fallacy",
          "Dictatorship"], ("False_Dilemma-No_Choice",))
_renamed(["Thought-terminating_Cliches", "Thought-terminating cliché", "Thought-terminating Cliches"],
         ("Conversation_Killer",))
_renamed(["Whataboutism,Straw_Men,Red_Herring"], ("Whataboutism", "Straw_Man", "Red_Herring"))
_renamed(["Straw_Men", "Misrepresentation of Someone's Position (Straw Man)", "Straw Men"], ("Straw_Man",))
_renamed(["Presenting Irrelevant Data (Red Herring)"], ("Red_Herring",))
_renamed(["Bandwagon,Reductio_ad_hitlerum"], ("Appeal_to_Popularity", "Guilt_by_Association"))
_renamed(["Bandwagon"], ("Appeal_to_Popularity",))
_renamed(["Reductio_ad_hitlerum", "Reductio ad hitlerum"], ("Guilt_by_Association",))
_renamed(["Obfuscation,Intentional_Vagueness,Confusion", "Obfuscation, Intentional vagueness, Confusion"],
         ("Obfuscation-Vagueness-Confusion",))
# SemEval-2021 Task 6 (memes).
_renamed(["Glittering generalities (Virtue)"], ("Appeal_to_Values",))
_renamed(["Smears"], ("Questioning_the_Reputation",))


@lru_cache(maxsize=4096)
def spellings(label: str) -> tuple[str, ...]:
    """The keys to look ``label`` up by: its own, then those of the names it became, then its comma-joined parts."""
    own = key(label)
    found = [own, *(key(n) for n in RENAMED.get(own, ()))]
    if "," in label:  # an unknown merged class: try each of its parts
        for part in label.split(","):
            found += [key(part), *(key(n) for n in RENAMED.get(key(part), ()))]
    return tuple(dict.fromkeys(k for k in found if k))
