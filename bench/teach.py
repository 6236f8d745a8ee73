"""The analyst teaches the coder: end-to-end accuracy on the real-news dev split
after N reviewed events, in the review queue's order and in random order.

    .venv/bin/python bench/teach.py [--sizes 0,50,100,200,400] [--orders queue,random]
                                    [--folds 4] [--no-recode] [--out bench/results/teach.json]

The simulated analyst works on the real-news gold of the train split
(tests/gold/voa/train.jsonl, its stories from ../shared/corpus/voa):

1. A base model is trained on the packaged corpus alone and calibrated on the
   dev split: an analyst's coder has never seen their news (the shipped model
   learned the train split's gold, so it would have nothing left to learn).
2. The train split's stories are ingested with it into a fresh store.
3. For each order and N, on a copy of that store, the first N events of the
   order are reviewed with the gold answering: accept when the event's
   category is one the gold sentence holds, correct (category, actor,
   recipient) when the sentence holds another, reject when it holds none; and
   after each, the first gold event of the same story no event covers is
   marked as missed.
4. The model is retrained on the corpus and the reviews (``train
   --with-reviews``'s steps, the corpus's rule readings cached) and timed; the
   store is re-coded with it (changes counted) and the dev split measured.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "gold" / "voa"
SHARED = REPO.parent / "shared"


class Analyst:
    """Answers for the gold: which decision an event gets, which sentences hold missed events."""

    def __init__(self, gold: list[Any], stories: dict[str, dict[str, Any]]) -> None:
        from eventwire.evaluate.realnews import story_document
        self.by_doc: dict[str, list[Any]] = {}
        self.text: dict[str, str] = {}
        for g in gold:
            doc = story_document(stories[g.story])
            self.by_doc.setdefault(doc.id, []).append(g)
            self.text[doc.id] = doc.text

    def sentence_of(self, event: Any) -> Any | None:
        offset = event.evidence.trigger_start if event.evidence.trigger_start >= 0 else event.evidence.start
        return next((g for g in self.by_doc.get(event.evidence.doc_id, []) if g.start <= offset < g.end), None)

    def decide(self, store: Any, event: Any, reviewer: str = "gold") -> str:
        """Review ``event`` as the gold says; returns the action taken."""
        from eventwire.plover import plover_view
        from eventwire.store import reviews
        g = self.sentence_of(event)
        if g is None:
            return "unmatched"
        if not g.events:
            reviews.reject(store, event.id, reviewer)
            return "reject"
        if plover_view(event.category, event.future) in g.categories:
            reviews.accept(store, event.id, reviewer)
            return "accept"
        reviews.correct(store, event.id, reviewer, _changes(g.events[0]))
        return "correct"

    def mark_missed(self, store: Any, doc_id: str, reviewer: str = "gold") -> bool:
        """Mark the first gold event of the story that no stored event covers; whether one was."""
        from eventwire.errors import UsageError
        from eventwire.store.missed import add_missed
        covered = {(e.evidence.trigger_start if e.evidence.trigger_start >= 0 else e.evidence.start)
                   for e in store.events(doc_id=doc_id)}
        for g in self.by_doc.get(doc_id, []):
            if g.events and not any(g.start <= o < g.end for o in covered):
                main = g.events[0]
                sentence = self.text[doc_id][g.start:g.end]
                trigger = main.get("trigger") if main.get("trigger") in sentence else None
                try:
                    add_missed(store, doc_id, sentence, main["event"], reviewer, trigger=trigger,
                               fields={k: v for k, v in _changes(main).items() if k != "category"})
                except UsageError:
                    continue
                return True
        return False


def _changes(event: dict[str, Any]) -> dict[str, Any]:
    def actors(side: str) -> list[dict[str, str]]:
        return [{"code": a["code"], "sector": a.get("sector") or ""} for a in event.get(side) or []]
    return {"category": event["event"], "actor": actors("actor"), "recipient": actors("recipient"),
            "future": bool(event.get("future"))}


def ingest_stories(db: str, gold: list[Any], stories: dict[str, dict[str, Any]], coder: Any) -> int:
    """Code and store every story the gold covers; returns how many events were stored."""
    from eventwire.evaluate.realnews import story_document
    from eventwire.store import open_store
    ids = list(dict.fromkeys(g.story for g in gold))
    with open_store(db) as store:
        coded = coder.code_many([story_document(stories[i]) for i in ids])
        for c in coded:
            c.events = [e for e in c.events if not e.negated]
            store.save(c)
        return store.count_events()


def order_events(store: Any, order: str, model: Any, n: int, seed: int) -> list[Any]:
    """The first ``n`` events to review, in the queue's order or at random."""
    from eventwire.review_queue import candidates, review_queue
    if n == 0:
        return []
    if order == "queue":
        return [i.event for i in review_queue(store, model=model, limit=max(n, 1)).items][:n]
    found = sorted(candidates(store, _everything(), limit=100_000), key=lambda e: e.id)
    random.Random(seed).shuffle(found)
    return found[:n]


def _everything() -> Any:
    from eventwire.review_queue import QueueFilter
    return QueueFilter()


def run_one(base_db: Path, work: Path, order: str, n: int, analyst: Analyst, ctx: dict[str, Any],
            args: argparse.Namespace) -> dict[str, Any]:
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate.realnews import evaluate_stories
    from eventwire.learn.data import review_examples
    from eventwire.learn.retrain import review_documents
    from eventwire.learn.reviewed import review_records
    from eventwire.learn.train import TrainingData, train
    from eventwire.recode import recode
    from eventwire.store import open_store
    db = work / f"{order}-{n}.db"
    shutil.copyfile(base_db, db)
    actions: dict[str, int] = {}
    missed = 0
    with open_store(str(db)) as store:
        for event in order_events(store, order, ctx["base"], n, args.seed):
            action = analyst.decide(store, event)
            actions[action] = actions.get(action, 0) + 1
            missed += analyst.mark_missed(store, event.evidence.doc_id)
        records = review_records(store)
        documents = review_documents(store, records)
    started = time.monotonic()
    extra = review_examples(records, ctx["rules"], documents) if records else []
    model = train(TrainingData(ctx["examples"] + extra, dev=ctx["dev_examples"]), name="teach",
                  version=f"{order}-{n}", seed=args.seed, folds=args.folds)
    retrain_s = time.monotonic() - started
    rules = ctx["rules"]
    coder = DocumentCoder(rules.nlp, rules.dictionary, rules.lexicon, model=model)
    report = evaluate_stories(ctx["dev_gold"], ctx["stories"], coder)
    out = {"order": order, "reviewed": n, "actions": actions, "missed_marked": missed,
           "review_sentences": len(records), "retrain_seconds": round(retrain_s, 1),
           "dev": report.pinned()}
    if args.recode:
        folder = work / f"model-{order}-{n}"
        model.save(folder)
        os.environ["EVENTWIRE_MODEL"] = str(folder)
        started = time.monotonic()
        with open_store(str(db)) as store:
            done = recode(store, engine="local")
        out["recode"] = {"documents": done.documents, "changed": done.changed, "appeared": done.appeared,
                         "went_away": done.went_away, "seconds": round(time.monotonic() - started, 1)}
    print(json.dumps(out), flush=True)
    return out


def prepare(args: argparse.Namespace, work: Path) -> tuple[Path, Analyst, dict[str, Any]]:
    """The base model, its dev figures, and the train stories ingested with it."""
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate.realnews import evaluate_stories, load_story_gold
    from eventwire.learn.data import gather, gold_with_stories
    from eventwire.learn.train import train
    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    train_gold, stories = gold_with_stories([GOLD / "train.jsonl"], corpus)
    dev_gold = load_story_gold([GOLD / "dev.jsonl"])
    rules = DocumentCoder(model="rules")
    started = time.monotonic()
    base_data = gather([], [GOLD / "dev.jsonl"], corpus, rules)
    base = train(base_data, name="teach", version="base", seed=args.seed, folds=args.folds)
    base_s = time.monotonic() - started
    coder = DocumentCoder(rules.nlp, rules.dictionary, rules.lexicon, model=base)
    base_db = work / "base.db"
    events = ingest_stories(str(base_db), train_gold, stories, coder)
    ctx = {"rules": rules, "base": base, "examples": base_data.examples, "dev_examples": base_data.dev,
           "dev_gold": dev_gold, "stories": stories,
           "base_dev": evaluate_stories(dev_gold, stories, coder).pinned(), "base_seconds": round(base_s, 1),
           "train_events": events}
    print(json.dumps({"base_dev": ctx["base_dev"], "train_events": events, "base_seconds": ctx["base_seconds"]}),
          flush=True)
    return base_db, Analyst(train_gold, stories), ctx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0,50,100,200,400")
    parser.add_argument("--orders", default="queue,random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--no-recode", dest="recode", action="store_false")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "teach.json")
    args = parser.parse_args()
    if not (SHARED / "corpus" / "voa").is_dir():
        sys.exit(f"{SHARED} is missing: the benchmark reads ../shared/corpus/voa")
    os.environ.setdefault("EVENTWIRE_HOME", str(Path(tempfile.gettempdir()) / "eventwire-teach-home"))
    sizes = [int(s) for s in args.sizes.split(",")]
    orders = args.orders.split(",")
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="eventwire-teach-") as tmp:
        work = Path(tmp)
        base_db, analyst, ctx = prepare(args, work)
        runs: list[dict[str, Any]] = []
        for n in sizes:
            for order in (["none"] if n == 0 else orders):
                runs.append(run_one(base_db, work, order, n, analyst, ctx, args))
                # written after every run: a long run stopped part-way keeps what it measured
                result = {"command": "bench/teach.py " + " ".join(sys.argv[1:]), "cores": os.cpu_count(),
                          "base_dev": ctx["base_dev"], "base_train_seconds": ctx["base_seconds"],
                          "train_events": ctx["train_events"], "runs": runs,
                          "complete": len(runs) == sum(1 if s == 0 else len(orders) for s in sizes),
                          "seconds": round(time.monotonic() - began)}
                args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
