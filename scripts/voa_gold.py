"""Make annotation worksheets of the VOA corpus, and merge annotations into gold.

The real-news gold (tests/gold/voa/) points into ../shared/corpus/voa by story
id and character offsets; the text itself never enters the repository.

    python scripts/voa_gold.py worksheets OUT_DIR     # one sheet per story, outside the repo
    python scripts/voa_gold.py merge ANNOTATIONS_DIR  # validate *.jsonl, write tests/gold/voa/
    python scripts/voa_gold.py check FILE...          # validate annotation files, write nothing
    python scripts/voa_gold.py split                  # which split each story is in

A worksheet numbers the story's sentences ([0], [1], …); an annotator writes
one JSON line per sentence to ANNOTATIONS_DIR/<story>.jsonl:
``{"s": 0, "events": [...], "reason": null}`` (see docs/codebook.md).
"""

from __future__ import annotations

import hashlib
import json
import sys
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
GOLD = REPO / "tests" / "gold" / "voa"
SPLIT_SALT = "eventwire-voa-split-1"
ANCHOR_WORDS = 4


def stories() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def published(story: dict) -> date:
    return datetime.strptime(story["published"][:10], "%Y-%m-%d").date()


def split_of_all(ids: list[str]) -> dict[str, str]:
    """About half train, a quarter dev, a quarter test, by a salted hash of the id."""
    order = sorted(ids, key=lambda i: hashlib.sha256((SPLIT_SALT + i).encode()).hexdigest())
    n = len(order)
    n_train, n_dev = round(n * 0.5), round(n * 0.25)
    return {i: ("train" if k < n_train else "dev" if k < n_train + n_dev else "test")
            for k, i in enumerate(order)}


def sentence_spans(text: str) -> list[tuple[int, int]]:
    from eventwire.coder.sentences import split_sentences
    from eventwire.nlp import load_nlp
    return [(s.start_char, s.end_char) for s in split_sentences(load_nlp().make_doc(text))]


def anchor(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split()[:ANCHOR_WORDS])


def worksheets(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for story in stories():
        day = published(story)
        lines = [f"STORY {story['id']} | published {day} ({day:%A}) | section {story['section']}",
                 f"TITLE: {story['title']}", ""]
        for k, (start, end) in enumerate(sentence_spans(story["text"])):
            lines.append(f"[{k}] {story['text'][start:end]}")
        (out / f"{story['id']}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(stories())} worksheets in {out}")


def story_records(story: dict, path: Path) -> tuple[list[dict], list[str]]:
    """The gold records of one story's annotation file, and what is wrong with them."""
    from eventwire.labelled import validate_record
    spans = sentence_spans(story["text"])
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except ValueError as exc:
        return [], [f"{path.name}: not JSON lines ({exc})"]
    seen = sorted(r.get("s") for r in rows if isinstance(r, dict) and isinstance(r.get("s"), int))
    if seen != list(range(len(spans))):
        missing = sorted(set(range(len(spans))) - set(seen))
        return [], [f"{path.name}: sentences must be 0..{len(spans) - 1} once each "
                    f"(missing {missing[:10]}, {len(seen)} lines for {len(spans)} sentences)"]
    records, problems = [], []
    for row in sorted(rows, key=lambda r: r["s"]):
        start, end = spans[row["s"]]
        record = {"story": story["id"], "s": row["s"], "start": start, "end": end,
                  "anchor": anchor(story["text"], start, end), "published": str(published(story)),
                  "events": row.get("events") or [], "reason": row.get("reason")}
        problems += [f"{path.name} [{row['s']}]: {p}" for p in validate_record(record, story["text"][start:end])]
        problems += [f"{path.name} [{row['s']}]: unknown field {k!r}" for k in row if k not in ("s", "events", "reason", "note")]
        records.append(record)
    return records, problems


def check(paths: list[Path]) -> None:
    by_id = {s["id"]: s for s in stories()}
    problems: list[str] = []
    for path in paths:
        if path.stem not in by_id:
            problems.append(f"{path}: no story {path.stem} in the corpus")
            continue
        records, found = story_records(by_id[path.stem], path)
        problems += found
        events = sum(len(r["events"]) for r in records)
        print(f"{path.name}: {len(records)} sentences, {events} events, {len(found)} problems")
    print("\n".join(problems) if problems else "all good")
    if problems:
        raise SystemExit(1)


def merge(annotations: Path) -> None:
    split = split_of_all([s["id"] for s in stories()])
    by_split: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    problems: list[str] = []
    done = 0
    for story in stories():
        path = annotations / f"{story['id']}.jsonl"
        if not path.exists():
            continue
        records, found = story_records(story, path)
        problems += found
        by_split[split[story["id"]]].extend(records)
        done += 1
    if problems:
        print("\n".join(problems[:200]), file=sys.stderr)
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        raise SystemExit(1)
    GOLD.mkdir(parents=True, exist_ok=True)
    for name, records in by_split.items():
        with (GOLD / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"{name}: {len(records)} sentences")
    print(f"{done} stories merged")


def main(argv: list[str]) -> None:
    if len(argv) >= 1 and argv[0] == "split":
        for story_id, name in sorted(split_of_all([s["id"] for s in stories()]).items()):
            print(story_id, name)
    elif len(argv) == 2 and argv[0] == "worksheets":
        worksheets(Path(argv[1]))
    elif len(argv) >= 2 and argv[0] == "check":
        check([Path(a) for a in argv[1:]])
    elif len(argv) == 2 and argv[0] == "merge":
        merge(Path(argv[1]))
    else:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
