"""What the store remembers of its own work (inputs read, coder used), on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from store_factory import make_coded

from eventwire.store import Store
from eventwire.store.inputs import (document_coders, inputs, record_coders, remember_many,
                                    seen_many, stale_documents)


def _store_coded(store: Store, numbers: range, coder: str) -> list[str]:
    """Save documents ``numbers`` and remember their inputs as coded by ``coder``; their ids."""
    coded = [make_coded(i) for i in numbers]
    store.save_many(coded, after=lambda conn, saved: remember_many(
        conn, [(f"key{c.document.id}", c.document.source, c.document.id, coder) for c, _ in saved]))
    return [c.document.id for c in coded]


def test_inputs_are_remembered_once_and_recognised(store: Store) -> None:
    ids = _store_coded(store, range(3), "rules-1.0/a")
    assert seen_many(store.engine, [f"key{i}" for i in ids] + ["unknown"]) == {f"key{i}" for i in ids}
    assert seen_many(store.engine, []) == set()
    with store.engine.begin() as conn:  # the same input twice in a batch, and read again
        remember_many(conn, [("key-x", "a.txt", None, ""), ("key-x", "a.txt", None, ""),
                             (f"key{ids[0]}", "again.txt", ids[0], "rules-1.0/a")])
    with store.engine.connect() as conn:
        found = dict(conn.execute(sa.select(inputs.c.fingerprint, inputs.c.source)).all())
    assert found == {**{f"key{i}": f"/tmp/articles/{n}.txt" for n, i in enumerate(ids)},
                     "key-x": "a.txt"}


def test_recording_a_coder_again_replaces_the_record(store: Store) -> None:
    [doc_id] = _store_coded(store, range(1), "rules-1.0/a")
    with store.engine.begin() as conn:
        record_coders(conn, {doc_id: "rules-2.0/b"})
        record_coders(conn, {})
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(document_coders.c.doc_id, document_coders.c.coder)).all() == [
            (doc_id, "rules-2.0/b")]


def test_stale_documents_by_coder_version_a_page_at_a_time(store: Store) -> None:
    old = _store_coded(store, range(4), "rules-1.0/a")
    new = _store_coded(store, range(4, 6), "rules-2.0/b")
    assert stale_documents(store.engine, "rules-2.0") == sorted(old)
    assert stale_documents(store.engine, "rules-2.0", everything=True) == sorted(old + new)
    assert stale_documents(store.engine, "rules-") == []
    first = stale_documents(store.engine, "rules-2.0", limit=3)
    rest = stale_documents(store.engine, "rules-2.0", after=first[-1], limit=3)
    assert first + rest == sorted(old) and len(rest) == 1
    # a label with LIKE's wildcards in it matches only itself
    assert stale_documents(store.engine, "rules-_.0") == sorted(old + new)
