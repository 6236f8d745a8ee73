"""Eras that date a report: administrations, periods, one-off events (``data/eras.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import DataError
from eventwire.yamlfile import load_yaml

RELATIONS = ("during", "after")
# words just before an era's name that make it a past reference
_PAST_MARKER = re.compile(r"\b(?:former|then|previous|prior|first|last|ex-|earlier|past)\W+"
                          r"(?:\w+\W+){0,2}$", re.IGNORECASE)
_UNDER_PAST = re.compile(r"\b(?:was|were|had been|did)\b[^.\n]{0,40}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Era:
    """A named period with the phrases that name it."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    periods: tuple[tuple[date, date | None], ...]
    relation: str

    @property
    def start(self) -> date:
        """The first day of the era's first period."""
        return min(start for start, _ in self.periods)


@dataclass(frozen=True, slots=True)
class EraClue:
    """An era named in a text."""

    era: Era
    phrase: str
    past_reference: bool


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    raise DataError(f"{where}: expected a date like 2021-01-20, got {value!r}; fix the eras file")


def _parse_era(entry: Any, source: str) -> Era:
    if not isinstance(entry, dict) or not {"name", "patterns", "periods"} <= entry.keys():
        raise DataError(f"{source}: each era needs name, patterns and periods; got {entry!r}")
    where = f"{source}: era {entry['name']!r}"
    relation = entry.get("relation", "during")
    if relation not in RELATIONS:
        raise DataError(f"{where}: relation must be one of {RELATIONS}, not {relation!r}")
    try:
        patterns = tuple(re.compile(p, re.IGNORECASE) for p in entry["patterns"])
    except re.error as exc:
        raise DataError(f"{where}: bad pattern ({exc}); fix the regular expression") from exc
    periods = []
    for period in entry["periods"]:
        if not isinstance(period, list) or len(period) != 2:
            raise DataError(f"{where}: a period is [start, end], got {period!r}")
        end = None if period[1] is None else _as_date(period[1], where)
        periods.append((_as_date(period[0], where), end))
    return Era(str(entry["name"]), patterns, tuple(periods), relation)


def load_eras(path: Path | None = None) -> list[Era]:
    """Read and validate an eras file (the packaged one by default)."""
    if path is None:
        text = resources.files("eventwire").joinpath("data/eras.yaml").read_text("utf-8")
        source = "eventwire/data/eras.yaml"
    else:
        text, source = Path(path).read_text("utf-8"), str(path)
    try:
        entries = load_yaml(text) or []
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML ({exc})") from exc
    if not isinstance(entries, list):
        raise DataError(f"{source}: expected a list of eras")
    return [_parse_era(entry, source) for entry in entries]


@lru_cache(maxsize=1)
def default_eras() -> tuple[Era, ...]:
    """The packaged eras, loaded once."""
    return tuple(load_eras())


def find_eras(text: str, eras: tuple[Era, ...] | list[Era] | None = None) -> list[EraClue]:
    """The eras a text names, each once, with whether it is named as past."""
    clues = []
    for era in default_eras() if eras is None else eras:
        matches = [m for p in era.patterns for m in p.finditer(text)]
        if not matches:
            continue
        past = all(_PAST_MARKER.search(text[max(0, m.start() - 40):m.start()])
                   or _UNDER_PAST.search(text[max(0, m.start() - 60):m.start()])
                   for m in matches)
        clues.append(EraClue(era, matches[0].group(0), bool(past)))
    return clues
