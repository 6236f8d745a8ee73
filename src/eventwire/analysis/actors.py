"""Who appears in the events: one list of actor codes (with their sectors) and
the people named, each with how often they act and are acted upon."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from eventwire.store import Store, queries
from eventwire.store.schema import event_actors, events

#: people are read from the names in this many of the latest events (names live in
#: the events' JSON: reading them all would slow the list down on a large store)
PEOPLE_WINDOW = 20_000


@dataclass(frozen=True, slots=True)
class ActorCount:
    """An actor code and sector, or a person (``name``) speaking for one."""

    code: str
    sector: str | None
    name: str | None
    role: str | None
    as_actor: int
    as_recipient: int

    @property
    def events(self) -> int:
        return self.as_actor + self.as_recipient

    def matches(self, search: str) -> bool:
        """Whether every word of ``search`` is in the code, sector, name or role."""
        words = " ".join(filter(None, (self.code, self.sector, self.name, self.role))).lower()
        return all(word in words for word in search.lower().split())

    def to_dict(self) -> dict[str, object]:
        return asdict(self) | {"events": self.events}


def _live() -> list[sa.ColumnElement[bool]]:
    return [events.c.negated == sa.false(), queries.not_rejected()]


def code_counts(store: Store) -> list[ActorCount]:
    """Every actor code and sector in the (not negated, not rejected) events."""
    n = sa.func.count().label("n")
    query = (sa.select(event_actors.c.code, event_actors.c.sector, event_actors.c.side, n)
             .join(events, events.c.id == event_actors.c.event_id).where(*_live())
             .group_by(event_actors.c.code, event_actors.c.sector, event_actors.c.side))
    sides: Counter[tuple[str, str | None, str]] = Counter()
    with store.engine.connect() as conn:
        for code, sector, side, count in conn.execute(query):
            sides[(code, sector, side)] += count
    keys = sorted({(code, sector) for code, sector, _ in sides}, key=lambda k: (k[0], k[1] or ""))
    return [ActorCount(code, sector, None, None, sides[(code, sector, "actor")],
                       sides[(code, sector, "recipient")]) for code, sector in keys]


def people_counts(store: Store, window: int = PEOPLE_WINDOW) -> list[ActorCount]:
    """The people named in the latest ``window`` events, with their roles."""
    # undated last, as SQLite sorts them and PostgreSQL does not; ids break ties
    query = (sa.select(events.c.actor, events.c.recipient).where(*_live())
             .order_by(events.c.event_date.is_(None), events.c.event_date.desc(), events.c.id)
             .limit(window))
    named: Counter[tuple[str, str, str, str, str]] = Counter()
    with store.engine.connect() as conn:
        for actor_list, recipient_list in conn.execute(query):
            for side, found in (("actor", actor_list), ("recipient", recipient_list)):
                for a in found:
                    if a.get("name"):
                        named[(a["name"], a.get("role") or "", a["code"], a.get("sector") or "", side)] += 1
    people = {key[:4] for key in named}
    return [ActorCount(code, sector or None, name, role or None, named[(name, role, code, sector, "actor")],
                       named[(name, role, code, sector, "recipient")])
            for name, role, code, sector in people]


def actor_counts(store: Store, *, search: str | None = None,
                 window: int = PEOPLE_WINDOW) -> list[ActorCount]:
    """Codes and people in one list, the most events first; only those that
    match ``search`` when it is given."""
    found = code_counts(store) + people_counts(store, window)
    if search:
        found = [a for a in found if a.matches(search)]
    return sorted(found, key=lambda a: (-a.events, a.name is not None, a.code, a.sector or "",
                                        a.name or "", a.role or ""))
