"""Gathering what ``eventwire train`` learns from: the packaged corpus, the
files a user adds, and real news annotated in its stories."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventwire.errors import DataError
from eventwire.evaluate.gold import shape_of
from eventwire.evaluate.realnews import GoldSentence, check_anchors, load_corpus, load_story_gold
from eventwire.labelled import validate_record
from eventwire.learn.corpus import corpus_files, load_records
from eventwire.learn.registry import data_home
from eventwire.learn.train import (Example, TrainingData, _offset, read_rules, story_examples,
                                   written_examples)
from eventwire.records import Document, Event


def _digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths, key=str):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def split_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Labelled-sentence files and real-news gold files, told apart by their first record."""
    written, stories = [], []
    for path in paths:
        if not path.is_file():
            raise DataError(f"training file not found: {path}")
        (stories if shape_of(path) == "stories" else written).append(path)
    return written, stories


def checked_records(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """The records of labelled-sentence files, each one checked."""
    records = load_records(paths)
    problems = [f"{r['_where']}: {p}" for r in records for p in validate_record(r)]
    problems += [f"{r['_where']}: text is missing" for r in records if not str(r.get("text", "")).strip()]
    if problems:
        raise DataError("the training data has problems: " + "; ".join(problems[:5]) +
                        (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
    return records


def gold_with_stories(paths: Sequence[Path], corpus: Path) -> tuple[list[GoldSentence], dict[str, dict[str, Any]]]:
    gold = load_story_gold(paths)
    stories = load_corpus(corpus)
    problems = check_anchors(gold, stories)
    if problems:
        raise DataError(f"the real-news gold does not match {corpus}: " + "; ".join(problems[:3]))
    return gold, stories


def corpus_examples(records: Sequence[dict[str, Any]], digest: str, coder: Any,
                    progress: Callable[[str], None] = lambda _: None) -> list[Example]:
    """The packaged corpus as examples with what the rules find in each: read
    once per corpus and coder version, then kept in the data folder's cache
    (most of a retraining's time was the rules reading the same sentences)."""
    label = str(getattr(coder, "label", type(coder).__name__))
    key = hashlib.sha256(f"{digest}|{label}".encode()).hexdigest()[:20]
    path = data_home() / "cache" / f"corpus-rules-{key}.pickle"
    try:
        with path.open("rb") as cached:
            examples = pickle.load(cached)  # noqa: S301 - a file this function wrote
        if len(examples) == len(records):
            progress(f"the rules' reading of the {len(records)} corpus sentences, from {path}")
            return examples
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    progress(f"the rules read the {len(records)} corpus sentences (kept for the next training)")
    examples = written_examples(records)
    read_rules(examples, [], {}, records, coder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as out:
            pickle.dump(examples, out, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:  # a read-only home: the next training reads them again
        pass
    return examples


def review_examples(records: Sequence[dict[str, Any]], coder: Any,
                    documents: dict[str, Document] | None = None) -> list[Example]:
    """Examples from reviewed sentences (``learn.reviewed``): real news, one fold per
    document. With their ``documents`` the rules read each sentence in its article,
    as an ingest does (a sentence alone loses the actors the story names before)."""
    examples = written_examples(records)
    if documents is None:
        read_rules(examples, [], {}, records, coder)
    else:
        read_in_documents(examples, records, documents, coder)
    for example, record in zip(examples, records):
        example.real = True
        example.group = f"doc:{record.get('doc') or record.get('id')}"
    return examples


def read_in_documents(examples: Sequence[Example], records: Sequence[dict[str, Any]],
                      documents: dict[str, Document], coder: Any) -> None:
    """Fill ``Example.rules`` from each record's article (``doc``, ``start``, ``end``)."""
    collected: list[Event] = []
    coder.on_rule_events = lambda sentence, events: collected.extend(events)
    try:
        by_doc: dict[str, list[int]] = {}
        for i, record in enumerate(records):
            by_doc.setdefault(str(record["doc"]), []).append(i)
        for doc_id, indices in by_doc.items():
            collected.clear()
            coder.code(documents[doc_id])
            for i in indices:
                start, end = records[i]["start"], records[i]["end"]
                examples[i].rules = [e for e in collected if start <= _offset(e) < end]
    finally:
        coder.on_rule_events = None


def gather(extra: Sequence[Path], dev: Sequence[Path], corpus: Path | None, coder: Any, *,
           with_corpus: bool = True, reviews: Sequence[dict[str, Any]] = (),
           review_documents: dict[str, Document] | None = None,
           progress: Callable[[str], None] = lambda _: None) -> TrainingData:
    """The training data: the packaged corpus (unless ``with_corpus`` is off), the
    labelled-sentence files in ``extra``, the real-news gold files in ``extra``
    (read in their stories from ``corpus``), the reviewed sentences ``reviews``
    (``learn.reviewed``) and the real-news ``dev`` gold."""
    written_paths, story_paths = split_files(extra)
    base = corpus_files() if with_corpus else []
    base_records, added = checked_records(base), checked_records(written_paths)
    records = base_records + added
    if not records and not story_paths and not reviews:
        raise DataError("nothing to train on: give labelled sentences with --data")
    examples = written_examples(added)
    gold: list[GoldSentence] = []
    stories: dict[str, dict[str, Any]] = {}
    if story_paths or dev:
        if corpus is None:
            raise DataError("real-news gold needs its story corpus: give --corpus FILE")
        gold, stories = gold_with_stories(story_paths, corpus) if story_paths else ([], load_corpus(corpus))
    examples += story_examples(gold, stories)
    base_examples = corpus_examples(base_records, _digest(base), coder, progress) if base else []
    progress(f"the rules read {len(examples)} sentences")
    read_rules(examples, gold, stories, added, coder)
    examples = base_examples + examples
    if reviews:
        progress(f"the rules read {len(reviews)} reviewed sentences")
        examples += review_examples(reviews, coder, review_documents)
    dev_examples: list[Example] = []
    if dev:
        dev_gold, dev_stories = gold_with_stories(dev, corpus)  # type: ignore[arg-type]
        dev_examples = story_examples(dev_gold, dev_stories)
        read_rules(dev_examples, dev_gold, dev_stories, [], coder)
    trained_on = {
        "corpus": {"files": len(base), "sentences": len(records) - sum(1 for _ in load_records(written_paths))
                   if written_paths else len(records), "digest": _digest(base) if base else None},
        "added": [{"file": p.name, "digest": _digest([p])} for p in written_paths],
        "real_news": [{"file": p.name, "digest": _digest([p]), "sentences": len(load_story_gold([p]))}
                      for p in story_paths],
        "dev": [{"file": p.name, "digest": _digest([p])} for p in dev],
    }
    if reviews:
        trained_on["reviews"] = {"sentences": len(reviews), "documents": len({r.get("doc") for r in reviews}),
                                 "digest": hashlib.sha256("".join(sorted(r["id"] for r in reviews))
                                                          .encode()).hexdigest()[:16]}
    return TrainingData(examples=examples, dev=dev_examples, trained_on=trained_on)
