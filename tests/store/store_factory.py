"""A small factory of hand-made records with invented sentences.

A module of its own (not conftest.py) so tests and the crash worker can import
it by a name no other test folder uses.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from eventwire.records import Actor, CodedDocument, Document, Event, Evidence, Quote

BASE_DAY = date(2023, 3, 1)
PAIRS = [("NOR", "CHL"), ("CHN", "USA"), ("USA", "CHN"), ("JPN", "KOR")]
CATEGORIES = ["CONSULT", "ACCUSE", "REQUEST"]


def doc_text(i: int) -> str:
    """An invented article body, different for each ``i``."""
    return (f"Report number {i}. The navy chiefs of two coastal states spoke by video "
            f"link on day {i} about patrol schedule {i * 7}. A spokesperson said the "
            f"talks were candid and that exercise {i} would go ahead. "
            f"Officials also urged calm near buoy {i * 13}.")


def make_document(i: int, text: str | None = None, *, signature: bool = False,
                  published: date | None = None) -> Document:
    """A document with every optional field filled in."""
    text = text if text is not None else doc_text(i)
    sig = None
    if signature:
        from eventwire.normalize.dedup import minhash_signature

        sig = minhash_signature(text)
    return Document(
        id=hashlib.sha1(text.encode()).hexdigest(), source=f"/tmp/articles/{i}.txt",
        text=text, title=f"Navy chiefs talk, part {i}", url=f"https://example.org/{i}",
        published=published or BASE_DAY + timedelta(days=i), date_source="dateline",
        published_earliest=BASE_DAY, published_latest=BASE_DAY + timedelta(days=400),
        date_note="year from the feed", dateline_place="Oslo",
        dateline_date=BASE_DAY + timedelta(days=i), agency="Example Wire",
        language="en", near_dup_signature=sig,
    )


def make_actor(code: str, sector: str = "MIL", name: str | None = None) -> Actor:
    """An actor with a role held over a date range."""
    return Actor(code=code, sector=sector, name=name, role="navy chief",
                 text=f"the {code} navy chief", role_start=date(2020, 1, 1),
                 role_end=date(2024, 12, 31))


def make_event(doc: Document, k: int, *, event_id: str | None = None,
               negated: bool = False, when: date | None = None) -> Event:
    """The ``k``-th event of ``doc``, every field set to something non-default."""
    n = int(doc.id[:6], 16)
    a, r = PAIRS[(n + k) % len(PAIRS)]
    sentence = doc.text.split(". ")[min(k, 2)]
    start = doc.text.index(sentence)
    return Event(
        category=CATEGORIES[k % len(CATEGORIES)],
        actor=[make_actor(a, name=f"Admiral {a}-{k}"), make_actor("IDN", "GOV")],
        recipient=[make_actor(r)] if k % 2 == 0 else [],
        evidence=Evidence(doc_id=doc.id, sentence_index=k, start=start,
                          end=start + len(sentence), sentence=sentence,
                          trigger="spoke", trigger_start=start + 3, rule=f"rule-{k}"),
        mode="phone" if k == 0 else None, medium="video", context=["military", "maritime"],
        date=when or doc.published, date_end=None, date_precision="day",
        date_resolution="dateline day", location="Oslo", negated=negated,
        hypothetical=k == 2, future=k == 1, historical=False, intensity=2.5,
        confidence=0.75, coder="hand-made 1", id=event_id if event_id is not None else "",
    )


def make_quote(doc: Document, speaker: Actor | None = None) -> Quote:
    """A quote from the second sentence of ``doc``."""
    sentence = doc.text.split(". ")[2]
    start = doc.text.index(sentence)
    return Quote(text="the talks were candid", speaker=speaker or make_actor(
        "NOR", "GOV", name="Kari Nordmann"), speaker_text="A spokesperson",
        evidence=Evidence(doc_id=doc.id, sentence_index=2, start=start,
                          end=start + len(sentence), sentence=sentence,
                          trigger="said", trigger_start=start + 16, rule="quote-said"),
        kind="reported")


def n_events(i: int) -> int:
    """How many events ``make_coded(i)`` carries (1 to 3)."""
    return i % 3 + 1


def make_coded(i: int, *, signature: bool = False) -> CodedDocument:
    """Document ``i`` with ``n_events(i)`` events (ids derived by the store) and a quote."""
    doc = make_document(i, signature=signature)
    return CodedDocument(document=doc,
                         events=[make_event(doc, k) for k in range(n_events(i))],
                         quotes=[make_quote(doc)])
