"""The trigger lexicon: packaged ``data/triggers.yaml``, validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import DataError
from eventwire.plover import CATEGORIES
from eventwire.yamlfile import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"
NEEDS = {None, "complement", "object", "meeting_cue", "views_object", "not_future", "future",
         "predicate", "destination", "not_negated", "not_diplomats", "negated", "meeting_place",
         "person_object", "person_object_only", "organisation_object", "position_object",
         "responsibility_object", "with_partner", "military_subject", "intransitive",
         "civilian_subject", "noncivilian_object", "border_object", "weapon_object",
         "office_object"}


@dataclass(frozen=True, slots=True)
class VerbTrigger:
    """A verb (with an optional particle) that signals an event."""

    lemma: str
    category: str
    particle: str | None = None
    mode: str | None = None
    needs: str | None = None
    recipient: tuple[str, ...] = ("dobj",)
    unless: frozenset[str] = frozenset()  # children that undo it ("meet halfway")
    swap: bool = False  # the grammatical subject is the recipient ("X hosted Y": Y visits X)
    reported: bool = False  # an allegation told by a speaker: the speaker accuses the subject


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the trigger finder needs, indexed for lookup by lemma."""

    verbs: dict[str, tuple[VerbTrigger, ...]]
    nouns: dict[str, tuple[str, ...]]  # noun lemma -> categories
    light_verbs: dict[str, frozenset[str]]  # category -> verb lemmas
    joint_words: frozenset[str]
    media: dict[str, tuple[str, ...]]  # medium -> cue phrases (lower case)

    def light_categories(self, verb_lemma: str) -> set[str]:
        """Categories for which ``verb_lemma`` is a light verb."""
        return {cat for cat, verbs in self.light_verbs.items() if verb_lemma in verbs}


def _verb(entry: dict[str, Any], where: str) -> VerbTrigger:
    if not isinstance(entry, dict) or "lemma" not in entry or "category" not in entry:
        raise DataError(f"{where}: each verb needs `lemma` and `category`, got {entry!r}")
    if entry["category"] not in CATEGORIES:
        raise DataError(f"{where}: unknown PLOVER category {entry['category']!r} "
                        f"for {entry['lemma']!r}; use one of {', '.join(CATEGORIES)}")
    if entry.get("needs") not in NEEDS:
        raise DataError(f"{where}: `needs: {entry.get('needs')}` for {entry['lemma']!r} "
                        f"is not one of {sorted(n for n in NEEDS if n)}")
    return VerbTrigger(lemma=str(entry["lemma"]), category=entry["category"],
                       particle=entry.get("particle"), mode=entry.get("mode"),
                       needs=entry.get("needs"),
                       recipient=tuple(entry.get("recipient", ("dobj",))),
                       unless=frozenset(entry.get("unless", ())),
                       swap=bool(entry.get("swap", False)), reported=bool(entry.get("reported", False)))


def parse_lexicon(raw: dict[str, Any], where: str) -> Lexicon:
    """Build a Lexicon from the YAML structure, raising DataError on mistakes."""
    try:
        verbs: dict[str, list[VerbTrigger]] = {}
        for entry in raw["verbs"]:
            trigger = _verb(entry, where)
            verbs.setdefault(trigger.lemma, []).append(trigger)
        nouns: dict[str, list[str]] = {}
        for category, lemmas in raw["nouns"].items():
            if category not in CATEGORIES:
                raise DataError(f"{where}: unknown category {category!r} under `nouns`")
            for lemma in lemmas:
                nouns.setdefault(lemma, []).append(category)
        light = {cat: frozenset(v) for cat, v in raw["light_verbs"].items()}
        media = {k: tuple(p.lower() for p in v) for k, v in raw["media"].items()}
        return Lexicon(verbs={k: tuple(v) for k, v in verbs.items()},
                       nouns={k: tuple(v) for k, v in nouns.items()},
                       light_verbs=light, joint_words=frozenset(raw["joint_words"]),
                       media=media)
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataError(f"{where}: malformed trigger lexicon ({exc!r}); "
                        "see the comments at the top of the packaged triggers.yaml") from exc


@lru_cache(maxsize=4)
def load_lexicon(path: Path | None = None) -> Lexicon:
    """The packaged lexicon, or one from ``path``."""
    source = path or DATA / "triggers.yaml"
    try:
        raw = load_yaml(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{source}: cannot read the trigger lexicon ({exc})") from exc
    return parse_lexicon(raw, str(source))
