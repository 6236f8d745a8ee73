"""A pair's military communication channels as JSON: the table, the chart's rows and
each channel's history with its evidence, for the dashboard and the report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import sqlalchemy as sa

from eventwire.analysis.catalogue import dyad_key, parse_dyad
from eventwire.analysis.observations import STATUSES
from eventwire.analysis.summary import ChannelSummary, channel_summary, summarize
from eventwire.store import Store
from eventwire.store.schema import documents


def evidence_parts(sentence: str, span: str, offset: int) -> dict[str, str]:
    """``sentence`` split around ``span`` (at ``offset`` in it, else found), for marking."""
    if span and 0 <= offset and sentence[offset:offset + len(span)] == span:
        at = offset
    else:
        at = sentence.find(span) if span else -1
    if at < 0:
        return {"before": sentence, "span": "", "after": ""}
    return {"before": sentence[:at], "span": span, "after": sentence[at + len(span):]}


def document_titles(store: Store, doc_ids: Iterable[str]) -> dict[str, str]:
    """Title (else source) of each document, in one query."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    query = (sa.select(documents.c.id, documents.c.title, documents.c.source)
             .where(documents.c.id.in_(wanted)))
    with store.engine.connect() as conn:
        return {r.id: r.title or r.source for r in conn.execute(query)}


def _until(summaries: list[ChannelSummary], until: date | None) -> list[ChannelSummary]:
    """The summaries as they stood on ``until``: later observations left out."""
    if until is None:
        return summaries
    return [summarize(s.channel, [o for o in s.history if not (o.date and o.date > until)])
            for s in summaries]


def channels_data(store: Store, dyad: str, since: date | None = None,
                  until: date | None = None) -> dict[str, Any]:
    """Every catalogued channel of ``dyad`` with its status and evidenced history.

    Each evidence item gains ``parts`` (the sentence split around the linking
    words) and ``title`` (its document's).
    """
    a, b = parse_dyad(dyad)
    summaries = _until(channel_summary(store, dyad_key(a, b), since), until)
    rows = [s.to_dict() for s in summaries]
    evidence = [ev for row in rows for obs in row["history"] for ev in obs["evidence"]]
    titles = document_titles(store, (ev["doc_id"] for ev in evidence))
    for ev in evidence:
        ev["parts"] = evidence_parts(ev["sentence"], ev["span"],
                                     ev["span_start"] - ev["start"])
        ev["title"] = titles.get(ev["doc_id"], ev["doc_id"])
    return {"dyad": f"{a}-{b}", "since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None, "statuses": list(STATUSES),
            "observations": sum(len(r["history"]) for r in rows), "channels": rows}
