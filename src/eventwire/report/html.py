"""``eventwire report``: one self-contained HTML file about a dyad (opens offline)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.records import Event
from eventwire.report.dyad import direction_counts, main_events, parse_dyad
from eventwire.report.said import Said, dyad_quotes
from eventwire.report.timeline import dyad_timeline
from eventwire.store import Store

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TIMELINE_JS = HERE.parent / "web" / "static" / "timeline.js"
CHANNELS_JS = HERE.parent / "web" / "static" / "channels.js"


@dataclass(slots=True)
class ReportSummary:
    """What a written report holds."""

    path: Path
    dyad: str
    events: int
    main_events: int
    quotes: int
    bytes: int


def _script(path: Path) -> Markup:
    """A packaged script to inline; trusted code, checked never to close its tag."""
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise EventwireError(f"{path} cannot be inlined (it contains '</script'); "
                             "reinstall eventwire and plotly")
    return Markup(text)  # noqa: S704 - our own and plotly's packaged code, never article text


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined)


def _evidence(event: Event) -> dict[str, str]:
    from eventwire.web.views import evidence_parts
    return evidence_parts(event)


def _channels(store: Store, a: str, b: str, since: date | None,
              until: date | None) -> dict[str, Any] | None:
    """The pair's channels, or None when the catalogue has none for the pair."""
    from eventwire.analysis.catalogue import dyad_key, load_catalogue
    from eventwire.report.channels import channels_data

    if not load_catalogue().for_dyad(dyad_key(a, b)):
        return None
    return channels_data(store, f"{a}-{b}", since, until)


def report_context(store: Store, dyad: str, *, since: date | None = None,
                   until: date | None = None, interval: str = "month",
                   top: int = 25) -> dict[str, Any]:
    """What the report shows: timeline, counts per direction, main events, quotes and
    the pair's communication channels (None when none are catalogued)."""
    from eventwire.labels import actors_label

    a, b = parse_dyad(dyad)
    timeline = dyad_timeline(store, a, b, interval=interval, since=since, until=until)
    chosen = main_events(store, a, b, since=since, until=until, limit=top)
    said = dyad_quotes(store, a, b, since=since, until=until)
    sources = _sources(store, [e.evidence.doc_id for e in chosen]
                       + [s.doc_id for found in said.values() for s in found])
    return {
        "dyad": f"{a}-{b}", "sides": (a, b), "since": since, "until": until,
        "interval": interval, "version": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "timeline": timeline.to_dict(),
        "channels": _channels(store, a, b, since, until),
        "directions": direction_counts(store, a, b, since=since, until=until),
        "events": [{"event": e, "actor": actors_label(e.actor),
                    "recipient": actors_label(e.recipient), "evidence": _evidence(e),
                    "source": sources[e.evidence.doc_id]} for e in chosen],
        "quotes": {code: [_said(s, sources[s.doc_id]) for s in found] for code, found in said.items()},
        "sources": list(sources.values()),
    }


def _said(said: Said, source: dict[str, Any]) -> dict[str, Any]:
    from eventwire.labels import actors_label

    q = said.quote
    return {"speaker": actors_label([q.speaker]) if q.speaker else q.speaker_text,
            "text": q.text, "kind": q.kind, "date": said.date, "why": said.why,
            "sentence": said.parts(), "source": source}


def _sources(store: Store, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The articles the report cites, in order of first citation: where each
    citation links (the article's web address, else its entry in the list)."""
    cited: dict[str, dict[str, Any]] = {}
    for doc_id in dict.fromkeys(doc_ids):
        document = store.document(doc_id)
        web = document.url if document.url and document.url.startswith(("https://", "http://")) else None
        cited[doc_id] = {"id": doc_id, "anchor": f"doc-{doc_id}", "title": document.title or document.source,
                         "published": document.published, "agency": document.agency,
                         "source": document.source, "url": web, "href": web or f"#doc-{doc_id}"}
    return cited


def render_report(context: dict[str, Any]) -> str:
    """The report's HTML, with plotly.js and the chart code inlined."""
    from eventwire.web.app import plotly_js

    template = _environment().get_template("report.html")
    return template.render(**context, plotly_js=_script(plotly_js()),
                           timeline_js=_script(TIMELINE_JS),
                           channels_js=_script(CHANNELS_JS))


def write_report(store: Store, dyad: str, output: Path, *, since: date | None = None,
                 until: date | None = None, interval: str = "month",
                 top: int = 25) -> ReportSummary:
    """Build the report on ``dyad`` and write it to ``output`` as one HTML file."""
    context = report_context(store, dyad, since=since, until=until, interval=interval,
                             top=top)
    output.write_text(render_report(context), encoding="utf-8")
    summary = ReportSummary(output, context["dyad"], context["timeline"]["total"],
                            len(context["events"]),
                            sum(len(q) for q in context["quotes"].values()),
                            output.stat().st_size)
    log.info("report on %s written to %s (%d bytes)", summary.dyad, output, summary.bytes)
    return summary
