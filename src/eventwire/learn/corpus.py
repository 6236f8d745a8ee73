"""The training corpus: loading it, and the report that says whether it is varied enough.

The corpus is the team's own writing (``eventwire/data/training/*.jsonl``),
one labelled sentence a line (docs/codebook.md, section 6) with three more
fields that say where its variety comes from: ``style`` (the agency style it
imitates), ``region`` and ``tags`` (``passive``, ``nominal``, ``long``,
``quote``, ``headline``, ``lower``, ``reported``, ``hard``…).

    python -m eventwire.learn.corpus [FILE...]   # the report, and the floors missed
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Final

from eventwire.errors import DataError
from eventwire.labelled import validate_record
from eventwire.plover import CATEGORIES

REGIONS: Final[frozenset[str]] = frozenset(
    {"Africa", "Americas", "Asia", "Europe", "Middle East", "Oceania", "Global"})
STYLE_TAGS: Final[tuple[str, ...]] = ("passive", "nominal", "long", "quote", "headline", "lower", "reported")
WORD: Final = re.compile(r"[\w']+")
NEAR_DUPLICATE_SHARE: Final = 0.5  # more than half of the smaller sentence's word 4-grams


@dataclass(frozen=True)
class Floors:
    """What the corpus must hold (issue 27)."""

    sentences: int = 8000
    per_category: int = 300
    no_event: int = 2500
    hard_negative_share: float = 1 / 3
    countries: int = 120
    decades: tuple[str, ...] = ("1980s", "1990s", "2000s", "2010s", "2020s")
    per_decade: int = 400
    styles: int = 7
    per_style_tag: int = 150


def corpus_files() -> list[Path]:
    """The packaged corpus files."""
    folder = resources.files("eventwire") / "data" / "training"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".jsonl"))  # type: ignore[attr-defined]


def load_records(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Every record of the files, each with the file and line it came from."""
    records = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise DataError(f"{path}: cannot read the training file ({exc.strerror})") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise DataError(f"{path}:{number}: not a JSON object ({exc})") from exc
            if not isinstance(record, dict):
                raise DataError(f"{path}:{number}: not a JSON object")
            record["_where"] = f"{Path(path).name}:{number}"
            records.append(record)
    return records


def decade(record: dict[str, Any]) -> str:
    when = str(record.get("date") or "")
    return f"{when[:3]}0s" if re.match(r"^\d{4}", when) else "unknown"


def codes(record: dict[str, Any]) -> set[str]:
    return {a["code"] for e in record.get("events", []) for side in ("actor", "recipient")
            for a in e.get(side, []) if isinstance(a, dict) and a.get("code")}


def fourgrams(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def near_duplicates(records: Sequence[dict[str, Any]], share: float = NEAR_DUPLICATE_SHARE) -> list[tuple[str, str, float]]:
    """Pairs of records that share more than ``share`` of the smaller one's word 4-grams."""
    grams = [fourgrams(r.get("text", "")) for r in records]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for k, gram_set in enumerate(grams):
        for gram in gram_set:
            index[gram].append(k)
    pairs = []
    for k, gram_set in enumerate(grams):
        shared: Counter[int] = Counter()
        for gram in gram_set:
            shared.update(j for j in index[gram] if j > k)
        for j, count in shared.items():
            smaller = min(len(gram_set), len(grams[j]))
            if smaller and count / smaller > share:
                pairs.append((records[k]["_where"], records[j]["_where"], round(count / smaller, 2)))
    return pairs


@dataclass
class CorpusReport:
    """Counts that say how big and how varied the corpus is."""

    sentences: int = 0
    categories: Counter[str] = field(default_factory=Counter)
    main_categories: Counter[str] = field(default_factory=Counter)
    no_event: int = 0
    hard_negatives: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    decades: Counter[str] = field(default_factory=Counter)
    regions: Counter[str] = field(default_factory=Counter)
    styles: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    countries: set[str] = field(default_factory=set)
    trigger_words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    invalid: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, float]] = field(default_factory=list)

    def shortfalls(self, floors: Floors = Floors()) -> list[str]:
        """Every floor the corpus misses (empty when it meets them all)."""
        out = []
        if self.sentences < floors.sentences:
            out.append(f"{self.sentences} sentences, fewer than {floors.sentences}")
        out += [f"{c}: {self.categories[c]} sentences, fewer than {floors.per_category}"
                for c in CATEGORIES if self.categories[c] < floors.per_category]
        if self.no_event < floors.no_event:
            out.append(f"{self.no_event} sentences with no event, fewer than {floors.no_event}")
        if self.hard_negatives < floors.hard_negative_share * max(self.no_event, floors.no_event):
            out.append(f"{self.hard_negatives} hard negatives, fewer than a third of the no-event sentences")
        if len(self.countries) < floors.countries:
            out.append(f"{len(self.countries)} country codes, fewer than {floors.countries}")
        out += [f"{d}: {self.decades[d]} sentences, fewer than {floors.per_decade}"
                for d in floors.decades if self.decades[d] < floors.per_decade]
        if len(self.styles) < floors.styles:
            out.append(f"{len(self.styles)} agency styles, fewer than {floors.styles}")
        out += [f"tag {t}: {self.tags[t]} sentences, fewer than {floors.per_style_tag}"
                for t in STYLE_TAGS if self.tags[t] < floors.per_style_tag]
        out += [f"invalid record {p}" for p in self.invalid[:20]]
        if len(self.invalid) > 20:
            out.append(f"… {len(self.invalid) - 20} more invalid records")
        out += [f"near-duplicates {a} and {b} ({s:.0%} of 4-grams shared)" for a, b, s in self.duplicates[:20]]
        if len(self.duplicates) > 20:
            out.append(f"… {len(self.duplicates) - 20} more near-duplicate pairs")
        return out

    def lines(self) -> list[str]:
        """The report as text."""
        lemma = {c: len(self.trigger_words[c]) for c in CATEGORIES}
        out = [f"sentences: {self.sentences}   no event: {self.no_event} (hard: {self.hard_negatives})",
               "category: sentences holding it / as main event / distinct trigger words"]
        out += [f"  {c:<10} {self.categories[c]:>5} {self.main_categories[c]:>5} {lemma[c]:>5}" for c in CATEGORIES]
        out.append("no-event reasons: " + ", ".join(f"{k} {v}" for k, v in self.reasons.most_common()))
        out.append("decades: " + ", ".join(f"{k} {v}" for k, v in sorted(self.decades.items())))
        out.append("regions: " + ", ".join(f"{k} {v}" for k, v in self.regions.most_common()))
        out.append("styles: " + ", ".join(f"{k} {v}" for k, v in self.styles.most_common()))
        out.append("tags: " + ", ".join(f"{k} {v}" for k, v in self.tags.most_common()))
        out.append(f"country and organisation codes: {len(self.countries)}")
        out.append(f"invalid records: {len(self.invalid)}   near-duplicate pairs: {len(self.duplicates)}")
        return out


def report(records: Sequence[dict[str, Any]]) -> CorpusReport:
    """Count what the records hold and check each one."""
    out = CorpusReport(sentences=len(records))
    seen_ids: set[str] = set()
    for record in records:
        problems = validate_record(record)
        if not isinstance(record.get("text"), str) or not record.get("text", "").strip():
            problems.append("text is missing")
        if record.get("region") not in REGIONS:
            problems.append(f"region {record.get('region')!r} is not one of {sorted(REGIONS)}")
        if record.get("id") in seen_ids:
            problems.append(f"id {record.get('id')!r} is used twice")
        seen_ids.add(record.get("id"))
        out.invalid += [f"{record['_where']}: {p}" for p in problems]
        events = record.get("events") or []
        cats = {e.get("event") for e in events if isinstance(e, dict)}
        out.categories.update(c for c in cats if c in CATEGORIES)
        if events and isinstance(events[0], dict):
            out.main_categories[events[0].get("event")] += 1
        for event in events:
            if isinstance(event, dict) and isinstance(event.get("trigger"), str):
                out.trigger_words[event.get("event")].add(event["trigger"].lower())
        tags = set(record.get("tags") or [])
        if not events:
            out.no_event += 1
            out.reasons[record.get("reason")] += 1
            out.hard_negatives += "hard" in tags
        out.tags.update(tags)
        out.decades[decade(record)] += 1
        out.regions[record.get("region")] += 1
        out.styles[record.get("style") or "none"] += 1
        out.countries |= codes(record)
    out.duplicates = near_duplicates(records)
    return out


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or corpus_files()
    result = report(load_records(paths))
    print("\n".join(result.lines()))
    missed = result.shortfalls()
    if missed:
        print("\nfloors missed:\n  " + "\n  ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
