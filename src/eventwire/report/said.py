"""What each side of a dyad said about the other.

An article about a Chinese-US call also quotes the Chinese side on Japan, or a
US official on local history: only a quote whose sentence holds an event of
the pair, names the other side or speaks of both ("the two militaries") is
about the pair. Each is shown in its whole sentence, with its date and its
article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from eventwire.actors import ActorDictionary, default_dictionary
from eventwire.records import Quote
from eventwire.report.dyad import dyad_clause
from eventwire.store import Store, rows
from eventwire.store.schema import documents, events, quotes


@dataclass(slots=True)
class Said:
    """A quote of one side that involves the other."""

    quote: Quote
    date: date | None  # of the pair's event in its sentence, else the article's
    doc_id: str
    title: str
    url: str | None
    why: str  # "event": its sentence holds an event of the pair; "mention": it names the other side or both

    def parts(self) -> dict[str, str]:
        """The whole sentence, split around the quoted words (for marking them)."""
        sentence, words = self.quote.evidence.sentence, self.quote.text
        at = sentence.find(words) if words else -1
        if at < 0:
            return {"before": sentence, "quote": "", "after": ""}
        return {"before": sentence[:at], "quote": words, "after": sentence[at + len(words):]}


def pair_sentences(store: Store, a: str, b: str, *, since: date | None = None,
                   until: date | None = None) -> dict[tuple[str, int], date | None]:
    """The sentences that hold an event of the pair, with the event's date."""
    query = (sa.select(events.c.doc_id, events.c.sentence_index, events.c.event_date)
             .where(dyad_clause(a, b, since=since, until=until)))
    found: dict[tuple[str, int], date | None] = {}
    with store.engine.connect() as conn:
        for doc_id, index, when in conn.execute(query):
            found.setdefault((doc_id, index), when)
    return found


def _quote_rows(store: Store, code: str, docs: sa.Select) -> Iterator[sa.RowMapping]:
    """The quotes of speaker ``code`` in ``docs``, with their article: the oldest
    article first, in the order of the text."""
    query = (sa.select(quotes, documents.c.published, documents.c.title, documents.c.url,
                       documents.c.source)
             .join(documents, documents.c.id == quotes.c.doc_id)
             .where(quotes.c.speaker_code == code, quotes.c.doc_id.in_(docs))
             .order_by(documents.c.published.is_(None), documents.c.published, quotes.c.doc_id,
                       quotes.c.sentence_index, quotes.c.seq))
    with store.engine.connect() as conn:
        yield from conn.execute(query).mappings()


#: the pair spoken of together, in an article that reports the pair's events
BOTH = re.compile(r"\b(?:(?:the|our|both)\s+two|both)\s+(?:sides|militaries|armies|navies|countries"
                  r"|nations|governments|defen[cs]e\s+ministries|ministries)\b", re.IGNORECASE)


def names(dictionary: ActorDictionary, sentence: str, code: str) -> bool:
    """Whether ``sentence`` names an actor of ``code`` (a country, its capital, its people)."""
    return any(m.actor.code == code for m in dictionary.find_mentions(sentence))


def dyad_quotes(store: Store, a: str, b: str, *, since: date | None = None,
                until: date | None = None, limit: int = 50,
                dictionary: ActorDictionary | None = None) -> dict[str, list[Said]]:
    """For each side, up to ``limit`` of its quotes that involve the other side,
    from the articles that report the pair's events."""
    dictionary = dictionary or default_dictionary()
    sentences = pair_sentences(store, a, b, since=since, until=until)
    docs = sa.select(events.c.doc_id).where(dyad_clause(a, b, since=since, until=until))
    out: dict[str, list[Said]] = {}
    for code, other in ((a, b), (b, a)):
        kept: list[Said] = []
        for row in _quote_rows(store, code, docs):
            said = _involving(row, other, sentences, dictionary)
            if said is not None:
                kept.append(said)
            if len(kept) >= limit:
                break
        out[code] = kept
    return out


def _involving(row: Any, other: str, sentences: dict[tuple[str, int], date | None],
               dictionary: ActorDictionary) -> Said | None:
    """The quote of ``row`` if its sentence holds an event of the pair or names ``other``."""
    key = (row["doc_id"], row["sentence_index"])
    if key in sentences:
        why, when = "event", sentences[key] or row["published"]
    elif names(dictionary, row["sentence"], other) or BOTH.search(row["sentence"]):
        why, when = "mention", row["published"]
    else:
        return None
    return Said(rows.quote_from_row(row), when, row["doc_id"], row["title"] or row["source"],
                row["url"], why)
