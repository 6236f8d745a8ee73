"""Near duplicates: found through shared LSH band keys, recorded, events kept."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from store_factory import make_document, make_event

from eventwire.errors import StoreError
from eventwire.normalize.dedup import minhash_signature
from eventwire.records import CodedDocument
from eventwire.store import Store

STORY = (
    "HARBOUR CITY, May 3 -- The coast guards of two neighbouring island states agreed "
    "on Wednesday to open a hotline between their duty officers after a tense week of "
    "near misses around the lighthouse shoal. Senior captains from both services met "
    "for four hours aboard a moored training ship and signed a short memorandum that "
    "sets out how patrol boats should signal their intentions at night. A spokesman "
    "for the eastern service told reporters that the talks had been frank and that "
    "both sides wanted to avoid an accident that nobody could control. The western "
    "delegation said it would brief its parliament next week and invited observers "
    "to the next round, planned for the autumn in the capital."
)
UNRELATED = (
    "GREEN VALLEY, June 9 -- Farmers in the northern province blocked a highway with "
    "tractors on Monday to protest a rise in diesel prices, and the regional governor "
    "promised to meet their union leaders before the end of the month to discuss "
    "subsidies, storage fees and the late payment of drought relief."
)
TAIL_A = (
    "In a separate statement the fisheries ministry of the eastern state said that "
    "its inspectors had boarded eleven trawlers flying foreign flags during the "
    "spring season, seized two illegal nets and fined the owners, and that it would "
    "add three more cutters to the southern squadron before the typhoon months "
    "begin, funded from an emergency budget line approved in March."
)
TAIL_B = (
    "Analysts at a university institute noted that the two governments still "
    "disagree about where the maritime boundary runs, that both have built new radar "
    "stations on outlying rocks since last year, and that tourism operators "
    "complain about cancelled ferry routes, empty hotels and insurance premiums "
    "that have doubled since the first collision was reported in January."
)


def _coded(i: int, text: str, published: date | None = None,
           with_signature: bool = True) -> CodedDocument:
    doc = make_document(i, text, published=published)
    if with_signature:
        doc = dataclasses.replace(doc, near_dup_signature=minhash_signature(text))
    return CodedDocument(doc, [make_event(doc, 0)])


def _copy(text: str, tag: str) -> str:
    """The same story as another outlet runs it: own headline line and sign-off."""
    return f"{tag} reports. {text} (Edited by the {tag} desk.)"


def test_copy_of_a_stored_story_is_a_near_duplicate(store: Store) -> None:
    original = store.save(_coded(1, STORY))
    copy = store.save(_coded(2, _copy(STORY, "Metro Wire")))
    assert original.status == "new"
    assert (copy.status, copy.duplicate_of, copy.events) == ("near_duplicate",
                                                              original.doc_id, 1)
    assert store.document(copy.doc_id).duplicate_of == original.doc_id
    assert store.document(original.doc_id).duplicate_of is None
    assert len(store.events(doc_id=copy.doc_id)) == 1  # its events are still kept
    assert store.counts()["duplicates"] == 1


def test_different_story_is_new(store: Store) -> None:
    store.save(_coded(1, STORY))
    assert store.save(_coded(2, UNRELATED)).status == "new"


def test_duplicate_of_names_the_first_telling(store: Store) -> None:
    first = store.save(_coded(1, STORY, published=date(2023, 5, 3)))
    store.save(_coded(2, _copy(STORY, "Metro Wire"), published=date(2023, 5, 4)))
    third = store.save(_coded(3, _copy(STORY, "Metro Wire") + " Updated.",
                              published=date(2023, 5, 5)))
    assert third.duplicate_of == first.doc_id


def test_earliest_published_candidate_wins(store: Store) -> None:
    # two stored versions that are not duplicates of each other, each close to STORY
    left, right = f"{STORY} {TAIL_A}", f"{STORY} {TAIL_B}"
    later = store.save(_coded(1, left, published=date(2023, 5, 9)))
    earlier = store.save(_coded(2, right, published=date(2023, 5, 2)))
    assert (later.status, earlier.status) == ("new", "new")
    copy = store.save(_coded(3, STORY, published=date(2023, 5, 10)))
    assert copy.duplicate_of == earlier.doc_id


def test_without_signature_nothing_is_compared(store: Store) -> None:
    store.save(_coded(1, STORY))
    copy = store.save(_coded(2, _copy(STORY, "Metro Wire"), with_signature=False))
    assert (copy.status, copy.duplicate_of) == ("new", None)


def test_duplicate_of_set_upstream_is_kept(store: Store) -> None:
    coded = _coded(1, STORY)
    coded.document.duplicate_of = "an-earlier-batch-doc"
    result = store.save(coded)
    assert (result.status, result.duplicate_of) == ("near_duplicate", "an-earlier-batch-doc")


def test_unusable_signature_is_refused(store: Store) -> None:
    coded = _coded(1, STORY)
    coded.document.near_dup_signature = (1, 2, 3)
    with pytest.raises(StoreError, match="minhash_signature"):
        store.save(coded)
    assert not store.has_document(coded.document.id)


def test_one_batch_links_copies_to_an_earlier_document_of_the_same_batch(store: Store) -> None:
    first = _coded(1, STORY)
    results = store.save_many([first, _coded(2, UNRELATED), _coded(3, _copy(STORY, "Metro Wire")), first])
    assert [r.status for r in results] == ["new", "new", "near_duplicate", "exists"]
    assert results[2].duplicate_of == first.document.id
    assert store.document(results[2].doc_id).duplicate_of == first.document.id
    assert store.counts()["documents"] == 3 and len(store.events()) == 3


def test_a_failed_batch_stores_nothing(store: Store) -> None:
    taken = _coded(1, STORY)
    store.save(taken)
    clash = _coded(2, UNRELATED)
    clash.events[0].id = taken.events[0].id or store.events()[0].id  # an event id another document owns
    with pytest.raises(StoreError, match="2 documents"):
        store.save_many([_coded(3, TAIL_A), clash])
    assert store.counts()["documents"] == 1


def test_copies_of_stored_stories_are_still_written_a_table_at_a_time(store: Store) -> None:
    # later copies of wire stories arrive far apart: their originals are stored
    # already, so the batch need not be written document by document to find them
    import sqlalchemy as sa
    first, second = _coded(1, STORY), _coded(2, UNRELATED)
    store.save_many([first, second])
    inserts: list[str] = []

    def count(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO DOCUMENTS"):
            inserts.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", count)
    results = store.save_many([_coded(3, _copy(STORY, "Metro Wire")), _coded(4, TAIL_A),
                               _coded(5, _copy(UNRELATED, "Coast Daily"))])
    assert [(r.status, r.duplicate_of) for r in results] == [
        ("near_duplicate", first.document.id), ("new", None), ("near_duplicate", second.document.id)]
    assert len(inserts) == 1


def test_a_story_told_many_times_keeps_its_band_keys_few_and_its_copies_linked(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # each key is stored for its first holders only, so that a story's
    # thousandth copy has a few candidates to compare, not a thousand
    import sqlalchemy as sa

    from eventwire.store import store as store_module
    from eventwire.store.schema import band_keys
    monkeypatch.setattr(store_module, "MAX_KEY_HOLDERS", 3)
    first = store.save(_coded(0, STORY))
    copies = [_coded(i, _copy(STORY, f"Desk {i}")) for i in range(1, 9)]
    results = store.save_many(copies[:4]) + [store.save(c) for c in copies[4:]]
    assert [(r.status, r.duplicate_of) for r in results] == [("near_duplicate", first.doc_id)] * 8
    with store.engine.connect() as conn:
        held = conn.execute(sa.select(band_keys.c.band_key, sa.func.count())
                            .group_by(band_keys.c.band_key)).all()
    assert max(count for _, count in held) == 3
    assert store.save(_coded(20, UNRELATED)).status == "new"
