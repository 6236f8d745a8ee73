"""The PLOVER ontology: categories, quad classes, scores, legacy names."""

from __future__ import annotations

from typing import Final

#: category -> (quad class, PLOVER intensity score)
CATEGORIES: Final[dict[str, tuple[str, float]]] = {
    "AGREE": ("verbal cooperation", 2.5),
    "CONSULT": ("verbal cooperation", 2.5),
    "SUPPORT": ("verbal cooperation", 5.0),
    "CONCEDE": ("verbal cooperation", 4.5),
    "COOPERATE": ("material cooperation", 9.5),
    "AID": ("material cooperation", 10.0),
    "RETREAT": ("material cooperation", 6.5),
    "REQUEST": ("verbal conflict", 0.0),
    "ACCUSE": ("verbal conflict", -2.0),
    "REJECT": ("verbal conflict", -2.0),
    "THREATEN": ("verbal conflict", -3.5),
    "PROTEST": ("material conflict", -5.0),
    "SANCTION": ("material conflict", -6.0),
    "MOBILIZE": ("material conflict", -5.5),
    "COERCE": ("material conflict", -7.0),
    "ASSAULT": ("material conflict", -9.0),
}

QUAD_CLASSES: Final[tuple[str, ...]] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)

#: older category names (PLOVER 0.5, CAMEO-derived gold) -> (category, mode)
LEGACY: Final[dict[str, tuple[str | None, str | None]]] = {
    "DEMAND": ("REQUEST", None),
    "APPEAL": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
    "CRIME": (None, None),
}

#: category -> CAMEO root code, for legacy users
CAMEO_ROOT: Final[dict[str, str]] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06",
    "AID": "07", "CONCEDE": "08", "RETREAT": "08", "ACCUSE": "11",
    "REQUEST": "10", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
}


def normalize_category(name: str) -> tuple[str | None, str | None]:
    """Map a current or legacy category name to (category, implied mode).

    Returns ``(None, None)`` for names PLOVER dropped (CRIME); raises
    ``KeyError`` for names it never had.
    """
    upper = name.strip().upper()
    if upper in CATEGORIES:
        return upper, None
    return LEGACY[upper]


def quad_class(category: str) -> str:
    """The quad class of a category."""
    return CATEGORIES[category][0]


def score(category: str) -> float:
    """The PLOVER intensity score of a category."""
    return CATEGORIES[category][1]


#: cooperative categories whose announced (future) act PLOVER codes as a commitment
COMMITMENT_CATEGORIES: Final[frozenset[str]] = frozenset(
    {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


def plover_view(category: str, future: bool) -> str:
    """The category an event has in PLOVER's own terms (docs/codebook.md, §3).

    eventwire keeps an announced meeting as CONSULT with ``future`` set, so the
    channels view can show the scheduled contact; in PLOVER an announced
    cooperative act is a commitment, AGREE.
    """
    return "AGREE" if future and category in COMMITMENT_CATEGORIES else category
