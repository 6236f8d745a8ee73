"""Short display labels for actors and contact modes, shared by the CLI,
the web pages and the HTML report."""

from __future__ import annotations

from eventwire.records import Actor, Event


def actors_label(actors: list[Actor]) -> str:
    """"CHN MIL (Dong Jun); USA" for tables."""
    parts = []
    for a in actors:
        label = " ".join(x for x in (a.code, a.sector) if x)
        parts.append(f"{label} ({a.name})" if a.name else label)
    return "; ".join(parts)


def mode_label(event: Event) -> str:
    """PLOVER's mode, with eventwire's medium where it says more: "phone",
    "phone (video)", "in_person". PLOVER's ``phone`` is any remote medium, so
    a call's medium is often the mode itself, and is then not said twice."""
    mode, medium = event.mode or "", event.medium or ""
    if not medium or medium == mode:
        return mode
    return f"{mode} ({medium})" if mode else medium
