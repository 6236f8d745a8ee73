"""Reviewed events as labelled sentences: the export the training corpus's checks accept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))  # the store tests' record factory
from store_factory import make_coded  # noqa: E402

from eventwire.cli import app  # noqa: E402
from eventwire.labelled import validate_record
from eventwire.learn.corpus import load_records
from eventwire.learn.reviewed import held_out, review_records, split_records
from eventwire.store import open_store, reviews
from eventwire.store.missed import add_missed


def _reviewed_store(url: str) -> dict[str, str]:
    """A store with one event of each review kind; returns their ids by kind."""
    with open_store(url) as store:
        coded = make_coded(5)
        store.save(coded)
        doc = coded.document
        first, second, third = sorted(store.events(doc_id=doc.id, include_negated=True),
                                      key=lambda e: e.evidence.sentence_index)
        reviews.accept(store, first.id, "alice")
        reviews.correct(store, second.id, "alice", {"category": "THREATEN", "recipient": "CHN GOV"})
        reviews.reject(store, third.id, "alice")
        missed = add_missed(store, doc.id, doc.text.split(". ")[3], "REQUEST", "alice",
                            fields={"actor": "NOR"}, trigger="urged")
        return {"accept": first.id, "correct": second.id, "reject": third.id, "missed": missed.id}


def test_reviews_become_records_the_corpus_checks_accept(tmp_path: Path) -> None:
    url = str(tmp_path / "r.db")
    _reviewed_store(url)
    with open_store(url) as store:
        records = review_records(store)
        # each record points into its article, where the rules read it when training
        assert all(store.document(r["doc"]).text[r["start"]:r["end"]] == r["text"] for r in records)
    assert len(records) == 4 and all(validate_record(r) == [] for r in records)
    by_first = {r["events"][0]["event"] if r["events"] else None: r for r in records}
    assert set(by_first) == {"CONSULT", "THREATEN", "REQUEST", None}
    assert by_first["THREATEN"]["events"][0]["recipient"] == [{"code": "CHN", "sector": "GOV"}]
    assert by_first[None]["reason"] == "rejected"
    assert by_first["REQUEST"]["events"][0]["trigger"] == "urged"


def test_export_training_writes_a_file_train_can_read(tmp_path: Path) -> None:
    url = str(tmp_path / "r.db")
    _reviewed_store(url)
    target = tmp_path / "reviews.jsonl"
    result = CliRunner().invoke(app, ["export-training", "--db", url, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "4 reviewed sentences" in result.output
    read = load_records([target])
    assert len(read) == 4 and all(validate_record(r) == [] for r in read)
    assert json.loads(target.read_text().splitlines()[0])["doc"]


def test_the_held_out_share_is_by_document_and_stable() -> None:
    records = [{"id": f"r{i}", "doc": f"doc{i // 3}", "text": "x", "events": []} for i in range(300)]
    train, held = split_records(records, 0.2)
    assert 0.1 < len(held) / len(records) < 0.3
    assert {r["doc"] for r in train}.isdisjoint({r["doc"] for r in held})
    assert split_records(records, 0.2) == (train, held)
    assert held_out("doc1", 0.0) is False
