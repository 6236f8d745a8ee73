"""Saving coded documents and reading them back, field for field, with filters."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from store_factory import make_actor, make_coded, make_document, make_event, make_quote, n_events

from eventwire.errors import NotFoundError, StoreError, UsageError
from eventwire.records import CodedDocument
from eventwire.store import SaveResult, Store
from eventwire.store.rows import derive_event_id


def test_saved_document_events_and_quotes_read_back_equal(store: Store) -> None:
    coded = make_coded(4)
    result = store.save(coded)
    assert result == SaveResult(coded.document.id, "new", None, n_events(4))

    assert store.document(coded.document.id) == coded.document
    got = store.events(doc_id=coded.document.id, include_negated=True)
    expected = [dataclasses.replace(e, id=derive_event_id(coded.document.id, e))
                for e in coded.events]
    assert sorted(got, key=lambda e: e.id) == sorted(expected, key=lambda e: e.id)
    assert store.quotes(doc_id=coded.document.id) == coded.quotes
    assert isinstance(got[0].date, date) and isinstance(got[0].actor[0].role_start, date)


def test_every_record_field_survives_including_empty_values(store: Store) -> None:
    doc = dataclasses.replace(make_document(1), title=None, url=None, published=None,
                              published_earliest=None, date_note=None, agency=None)
    event = dataclasses.replace(make_event(doc, 0, event_id="ev-empty"), actor=[],
                                recipient=[], context=[], date=None, mode=None,
                                medium=None, location=None, intensity=-9.0)
    quote = dataclasses.replace(make_quote(doc), speaker=None)
    store.save(CodedDocument(doc, [event], [quote]))
    assert store.document(doc.id) == doc
    assert store.events(doc_id=doc.id) == [event]
    assert store.quotes(doc_id=doc.id) == [quote]


def test_saving_again_does_nothing(store: Store) -> None:
    coded = make_coded(2)
    store.save(coded)
    assert store.save(coded) == SaveResult(coded.document.id, "exists", None, 0)
    assert store.counts() == {"documents": 1, "duplicates": 0, "events": n_events(2),
                              "negated_events": 0, "quotes": 1}


def test_coder_ids_are_kept_and_derived_ids_are_stable(store: Store) -> None:
    doc = make_document(7)
    same_twice = [make_event(doc, 0), make_event(doc, 0)]  # same sentence and trigger
    store.save(CodedDocument(doc, [make_event(doc, 1, event_id="coder-1"), *same_twice]))
    ids = {e.id for e in store.events(doc_id=doc.id, include_negated=True)}
    derived = derive_event_id(doc.id, same_twice[0])
    assert ids == {"coder-1", derived, f"{derived}-2"}
    assert derive_event_id(doc.id, make_event(doc, 0)) == derived


def test_failed_save_leaves_nothing_of_the_document(store: Store) -> None:
    first = make_document(1)
    store.save(CodedDocument(first, [make_event(first, 0, event_id="taken")]))
    second = make_document(2)
    clash = CodedDocument(second, [make_event(second, 0), make_event(second, 1,
                                                                     event_id="taken")],
                          [make_quote(second)])
    with pytest.raises(StoreError, match="could not be saved"):
        store.save(clash)
    assert not store.has_document(second.id)
    assert store.counts()["quotes"] == 0
    assert store.events(doc_id=second.id, include_negated=True) == []


def test_bad_events_are_refused_before_writing(store: Store) -> None:
    doc = make_document(1)
    twice = CodedDocument(doc, [make_event(doc, 0, event_id="x"),
                                make_event(doc, 1, event_id="x")])
    with pytest.raises(StoreError, match="two events with id x"):
        store.save(twice)
    foreign = make_event(doc, 0)
    foreign.evidence.doc_id = "another-document"
    with pytest.raises(StoreError, match="evidence from document another-document"):
        store.save(CodedDocument(doc, [foreign]))
    assert not store.has_document(doc.id)


def test_document_by_prefix_and_not_found(store: Store) -> None:
    coded = make_coded(3)
    store.save(coded)
    doc_id = coded.document.id
    assert store.document(doc_id[:6]).id == doc_id
    with pytest.raises(NotFoundError, match="eventwire docs"):
        store.document(doc_id[:5])  # too short to be taken as a prefix
    with pytest.raises(NotFoundError, match="no document zzzzzzzz in DB"):
        store.document("zzzzzzzz")


def test_ambiguous_prefix_asks_for_more(store: Store) -> None:
    for i, suffix in enumerate(("a1", "a2")):
        doc = dataclasses.replace(make_document(i), id=f"abcdef{suffix}")
        store.save(CodedDocument(doc))
    with pytest.raises(UsageError, match="several documents"):
        store.document("abcdef")
    assert store.document("abcdefa2").id == "abcdefa2"


def _saved(store: Store, count: int) -> list[CodedDocument]:
    coded = [make_coded(i) for i in range(count)]
    store.save_many(coded)
    return coded


def test_event_filters(store: Store) -> None:
    coded = _saved(store, 12)
    everything = [e for c in coded for e in c.events]
    assert len(store.events()) == len(everything)

    def expect(pred) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
        return {(e.evidence.doc_id, e.evidence.sentence_index) for e in everything
                if pred(e)}

    def keys(events) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
        return {(e.evidence.doc_id, e.evidence.sentence_index) for e in events}

    assert keys(store.events(actor="CHN")) == expect(
        lambda e: any(a.code == "CHN" for a in e.actor))
    # any actor in the list matches, not only the first
    assert keys(store.events(actor="idn")) == expect(lambda e: True)
    assert keys(store.events(actor="IDN GOV")) == expect(lambda e: True)
    assert store.events(actor="IDN MIL") == []
    assert keys(store.events(recipient="USA MIL")) == expect(
        lambda e: any(a.code == "USA" for a in e.recipient))
    assert keys(store.events(category="accuse")) == expect(lambda e: e.category == "ACCUSE")
    since, until = date(2023, 3, 4), date(2023, 3, 8)
    assert keys(store.events(since=since, until=until)) == expect(
        lambda e: since <= e.date <= until)
    assert store.events(actor="CHN", recipient="USA", category="CONSULT") == [
        e for e in store.events(category="CONSULT")
        if e.actor[0].code == "CHN" and e.recipient and e.recipient[0].code == "USA"]


def test_events_are_ordered_and_paged(store: Store) -> None:
    _saved(store, 9)
    all_events = store.events()
    assert [(e.date, e.id) for e in all_events] == sorted((e.date, e.id) for e in all_events)
    assert store.events(limit=4, offset=3) == all_events[3:7]
    with pytest.raises(UsageError):
        store.events(limit=-1)


def test_undated_events_come_last(store: Store) -> None:
    doc = make_document(1)
    dated = make_event(doc, 0, event_id="b")
    undated = dataclasses.replace(make_event(doc, 1, event_id="a"), date=None)
    store.save(CodedDocument(doc, [undated, dated]))
    assert [e.id for e in store.events()] == ["b", "a"]


def test_negated_events_are_hidden_unless_asked(store: Store) -> None:
    doc = make_document(1)
    store.save(CodedDocument(doc, [make_event(doc, 0, event_id="yes"),
                                   make_event(doc, 1, event_id="no", negated=True)]))
    assert [e.id for e in store.events()] == ["yes"]
    assert {e.id for e in store.events(include_negated=True)} == {"yes", "no"}
    assert store.counts()["events"] == 1 and store.counts()["negated_events"] == 1
    assert store.category_counts() == {"CONSULT": 1}


def test_documents_by_publication_date(store: Store) -> None:
    coded = _saved(store, 6)
    docs = store.documents()
    assert [d.id for d in docs] == [c.document.id for c in coded]
    window = store.documents(since=date(2023, 3, 2), until=date(2023, 3, 4))
    assert [d.published for d in window] == [date(2023, 3, 2), date(2023, 3, 3),
                                             date(2023, 3, 4)]
    assert store.documents(limit=2, offset=1) == docs[1:3]


def test_quotes_by_speaker(store: Store) -> None:
    first, second = make_document(1), make_document(2)
    store.save(CodedDocument(first, quotes=[make_quote(first)]))
    store.save(CodedDocument(second, quotes=[make_quote(second, make_actor("CHN", "GOV",
                                                                           "Li Ming"))]))
    assert [q.evidence.doc_id for q in store.quotes(speaker="chn")] == [second.id]
    assert [q.evidence.doc_id for q in store.quotes(speaker="nordmann")] == [first.id]
    assert len(store.quotes(speaker="spokesperson")) == 2  # the words in the sentence
    assert store.quotes(speaker="Li Ming", doc_id=first.id) == []


def test_category_counts(store: Store) -> None:
    coded = _saved(store, 10)
    expected: dict[str, int] = {}
    for c in coded:
        for e in c.events:
            expected[e.category] = expected.get(e.category, 0) + 1
    counts = store.category_counts()
    assert counts == expected
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
