"""``recode --model``: machine events replaced, reviewed and missed events never, and
the report of what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.pipeline import ingest
from eventwire.store import open_store, reviews
from eventwire.store.missed import add_missed

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_recode_with_another_model_keeps_every_reviewed_event(tmp_path: Path, capsys,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.cli import main
    monkeypatch.setenv("EVENTWIRE_MODEL", "default")  # --model sets it: restored after the test
    db = str(tmp_path / "r.db")
    with open_store(db) as store:
        ingest(sorted(str(p) for p in EXAMPLES.glob("0[1-4]_*.txt")), store)
        first, second, third = store.events()[:3]
        reviews.accept(store, first.id, "alice")
        reviews.correct(store, second.id, "alice", {"category": "THREATEN"})
        reviews.reject(store, third.id, "alice")
        missed = add_missed(store, first.evidence.doc_id, first.evidence.sentence, "AID", "alice")
        kept = {e.id: e.to_dict() for e in store.events(include_rejected=True)
                if e.id in {first.id, second.id, third.id, missed.id}}
        machine_before = len(store.events()) - 3
    with pytest.raises(SystemExit) as done:
        main(["recode", "--db", db, "--model", "rules", "--engine", "local"])
    assert done.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "re-coded 4 documents" in said and "changed category" in said and "went away" in said
    with open_store(db) as store:
        after = {e.id: e.to_dict() for e in store.events(include_rejected=True)}
        assert {k: after[k] for k in kept} == kept  # the analyst's events, untouched
        assert reviews.statuses(store, kept) == {first.id: "accepted", second.id: "corrected",
                                                 third.id: "rejected", missed.id: "missed"}
        machine_after = [e for e in store.events() if e.id not in kept]
        assert all(e.coder.split("/")[1] == "rules" for e in machine_after)
    changes = [int(w) for w in said.replace(",", "").split() if w.isdigit()]
    assert sum(changes[2:]) > 0 or len(machine_after) != machine_before  # the rules code otherwise
