"""Retraining on what analysts reviewed (``eventwire train --with-reviews``):
the reviews split by document into those learned from and those held out,
and the figures of the model in use and the new one on the held-out share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.learn.data import review_examples
from eventwire.learn.heldout import held_figures
from eventwire.errors import UsageError
from eventwire.learn.model import META, EventModel
from eventwire.learn.registry import next_version, saved_dir
from eventwire.learn.reviewed import HELD_SHARE, review_records, split_records
from eventwire.learn.train import Example
from eventwire.records import Document
from eventwire.store import Store


@dataclass
class Reviews:
    """The store's reviewed sentences: those to learn from and those held out."""

    train: list[dict[str, Any]]
    held: list[dict[str, Any]]
    held_examples: list[Example] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)


def store_reviews(store: Store, coder: Any, share: float = HELD_SHARE) -> Reviews:
    """The reviews of ``store``, ``share`` of their documents held out (the rules
    read the held-out sentences, to measure models on them)."""
    records = review_records(store)
    if not records:
        raise UsageError("no reviewed events in the database: review some in the workbench's queue "
                         "(eventwire serve, /review) before training with --with-reviews")
    train, held = split_records(records, share)
    documents = review_documents(store, records)
    return Reviews(train, held, review_examples(held, coder, documents) if held else [], documents)


def review_documents(store: Store, records: list[dict[str, Any]]) -> dict[str, Document]:
    """The articles of reviewed sentences, for the rules to read them in."""
    return {doc_id: store.document(doc_id) for doc_id in dict.fromkeys(str(r["doc"]) for r in records)}


def compare(before: EventModel | None, after: EventModel, held: list[Example]) -> dict[str, Any]:
    """Figures of the model in use (``before``) and the new one on the held-out reviews."""
    out: dict[str, Any] = {"sentences": len(held), "after": held_figures(after, held)}
    if before is not None:
        out["before"] = held_figures(before, held)
        out["before_model"] = before.label
    return out


def save_path(out: Path | None, name: str, version: str | None) -> tuple[Path, str]:
    """Where a new model goes and its version: ``out`` when given, else the data folder
    (the next free version of ``name`` when none is given)."""
    chosen = version or (next_version(name) if out is None else "1")
    if out is None and (saved_dir(name, chosen) / META).is_file():
        raise UsageError(f"model {name}:{chosen} is already saved; give another --version, or none for the next")
    return (out if out is not None else saved_dir(name, chosen)), chosen
