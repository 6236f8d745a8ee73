"""The Channels page and its /api/channels twin, in-process, on the example database."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from eventwire.analysis import STATUSES, channel_summary
from eventwire.store import open_store


def _without_display(data: dict) -> list[dict]:
    """The API's channels less the fields it adds for display (parts, title)."""
    for row in data["channels"]:
        for obs in row["history"]:
            for ev in obs["evidence"]:
                assert ev.pop("parts") and ev.pop("title")
    return data["channels"]


def test_api_channels_is_the_channel_summary(reader: TestClient, examples_db: Path) -> None:
    data = reader.get("/api/channels?dyad=USA-CHN").json()
    assert data["dyad"] == "CHN-USA" and data["since"] is None
    assert data["observations"] == sum(len(r["history"]) for r in data["channels"]) > 5
    with open_store(str(examples_db)) as store:
        expected = [s.to_dict() for s in channel_summary(store, "CHN-USA")]
        doc_ids = {d.id for d in store.documents()}
    seen = [r for r in data["channels"] if r["history"]]
    assert {r["status"] for r in seen} <= {"active", "resumed", "suspended", "refused",
                                           "planned"}
    assert any(r["last_used"] for r in seen)
    for row in seen:
        for obs in row["history"]:
            assert obs["status"] in STATUSES and obs["evidence"]
            for ev in obs["evidence"]:
                assert ev["doc_id"] in doc_ids and ev["title"]
                parts = ev["parts"]
                assert parts["before"] + parts["span"] + parts["after"] == ev["sentence"]
    assert _without_display(data) == expected


def test_api_channels_since_and_errors(reader: TestClient) -> None:
    everything = reader.get("/api/channels?dyad=CHN-USA").json()
    dates = sorted(o["date"] for r in everything["channels"] for o in r["history"]
                   if o["date"])
    cut = dates[len(dates) // 2]
    later = reader.get(f"/api/channels?dyad=CHN-USA&since={cut}").json()
    assert later["since"] == cut
    assert 0 < later["observations"] < everything["observations"]
    assert reader.get("/api/channels?dyad=CHN-USA&since=").status_code == 200
    bad = reader.get("/api/channels?dyad=CHN-USA&since=soon")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["error"]
    unknown = reader.get("/api/channels?dyad=FRA-BRA")
    assert unknown.status_code == 400 and "known pairs" in unknown.json()["error"]
    assert reader.get("/channels?dyad=FRA-BRA").status_code == 400


def test_channels_page_shows_the_table_chart_and_evidence(reader: TestClient) -> None:
    data = reader.get("/api/channels?dyad=CHN-USA").json()
    page = reader.get("/channels?dyad=CHN-USA&since=")
    assert page.status_code == 200
    text = page.text
    assert '<a href="/channels" class="here">Channels</a>' in text
    assert re.findall(r'<tr data-channel="([^"]+)"', text) == \
        [r["channel"]["id"] for r in data["channels"]]
    assert '<div id="channels-chart" class="chart" data-channels="channels-data"' in text
    assert '<script src="/vendor/plotly.min.js"></script>' in text
    assert '<script src="/static/channels.js"></script>' in text
    assert reader.get("/static/channels.js").status_code == 200
    island = re.search(r'<script type="application/json" id="channels-data">(.*?)</script>',
                       text, re.S)
    assert island and "</" not in island.group(1)
    observations = re.findall(r'<tr data-observation="([^"]+)"', text)
    assert len(observations) == data["observations"]
    links = set(re.findall(r'<a class="doc-link" href="/documents/([^"]+)"', text))
    assert links == {ev["doc_id"] for r in data["channels"] for o in r["history"]
                     for ev in o["evidence"]}
    for doc_id in list(links)[:3]:
        assert reader.get(f"/documents/{doc_id}").status_code == 200
    marked = re.findall(r'<mark class="trigger">(.*?)</mark>', text)
    assert html.unescape(marked[0]) == data["channels"][0]["history"][0]["evidence"][0]["span"]
    # article text stays text
    assert "<script>window.__pwned" not in text
