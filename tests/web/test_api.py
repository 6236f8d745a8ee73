"""The JSON API and its HTML twins, in-process, on the example database."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
from fastapi.testclient import TestClient

from eventwire.store import open_store
from eventwire.web import create_app, views
from workbench_data import SECRET, TOKEN, ingest_workbench_corpus


def test_overview_counts_and_timeline(reader: TestClient, examples_db: Path) -> None:
    data = reader.get("/api/overview?dyad=CHN-USA").json()
    with open_store(str(examples_db)) as store:
        assert data["counts"] == store.counts()
        assert data["categories"] == store.category_counts()
    timeline = data["timeline"]
    assert timeline["dyad"] == "CHN-USA" and timeline["total"] > 5
    assert set(timeline["counts"]) == {"verbal cooperation", "material cooperation",
                                       "verbal conflict", "material conflict"}
    dated = sum(sum(v) for v in timeline["counts"].values())
    assert dated == timeline["total"] - timeline["undated"]
    assert len(timeline["periods"]) == len(timeline["mean_score"])
    assert all(re.fullmatch(r"\d{4}-\d{2}-01", p) for p in timeline["periods"])
    assert len(data["latest"]) == 10
    page = reader.get("/?dyad=CHN-USA")
    assert page.status_code == 200
    assert f'data-count="events">{data["counts"]["events"]}<' in page.text
    assert '<script src="/vendor/plotly.min.js"></script>' in page.text


def test_weekly_timeline_periods_are_mondays(reader: TestClient) -> None:
    data = reader.get("/api/timeline?dyad=USA-CHN&interval=week").json()
    assert data["total"] > 5 and data["interval"] == "week"
    from datetime import date
    assert all(date.fromisoformat(p).weekday() == 0 for p in data["periods"])
    assert reader.get("/api/timeline?interval=year").status_code == 400
    assert reader.get("/api/timeline?dyad=CHNUSA").json()["error"].startswith("dyad")


def test_events_filtered_by_pair_match_the_store_and_the_page(
        reader: TestClient, examples_db: Path) -> None:
    data = reader.get("/api/events?actor=CHN&recipient=USA&per_page=100").json()
    assert data["total"] == len(data["events"]) > 3
    for e in data["events"]:
        assert "CHN" in {a["code"] for a in e["actor"]}
        assert "USA" in {a["code"] for a in e["recipient"]}
    with open_store(str(examples_db)) as store:
        expected = store.events(actor="CHN", recipient="USA")
    assert [e["id"] for e in data["events"]] == [e.id for e in expected]
    page = reader.get("/events?actor=CHN&recipient=USA&per_page=100").text
    assert f'<span class="muted" id="total">{data["total"]}</span>' in page
    assert re.findall(r'data-event-id="([^"]+)"', page) == [e["id"] for e in data["events"]]


def test_events_filter_by_category_and_dates(reader: TestClient) -> None:
    data = reader.get("/api/events?category=consult&since=2023-01-01&until=2024-12-31").json()
    assert data["total"] > 0
    assert {e["category"] for e in data["events"]} == {"CONSULT"}
    assert all("2023-01-01" <= e["date"] <= "2024-12-31" for e in data["events"])
    bad = reader.get("/api/events?category=HUG")
    assert bad.status_code == 400 and "PLOVER category" in bad.json()["error"]


def test_events_sort_and_pages(reader: TestClient) -> None:
    by_confidence = reader.get("/api/events?order_by=-confidence&per_page=200").json()
    values = [e["confidence"] for e in by_confidence["events"]]
    assert values == sorted(values, reverse=True)
    newest = reader.get("/api/events?order_by=-date&per_page=5").json()["events"]
    dates = [e["date"] for e in newest]
    assert dates == sorted(dates, reverse=True)
    first = reader.get("/api/events?per_page=7&page=1").json()
    second = reader.get("/api/events?per_page=7&page=2").json()
    both = reader.get("/api/events?per_page=14").json()
    assert [e["id"] for e in first["events"] + second["events"]] == \
        [e["id"] for e in both["events"]]
    assert first["pages"] == -(-first["total"] // 7)
    assert 'rel="next"' in reader.get("/events?per_page=7").text
    wrong = reader.get("/api/events?order_by=colour")
    assert wrong.status_code == 400 and "cannot sort events by" in wrong.json()["error"]
    html = reader.get("/events?order_by=colour")
    assert html.status_code == 400 and "text/html" in html.headers["content-type"]
    assert "cannot sort events by" in html.text
    assert reader.get("/api/events?page=x").status_code == 400
    assert reader.get("/api/events?per_page=5000").status_code == 400


def test_event_evidence_and_document(reader: TestClient) -> None:
    event = reader.get("/api/events?actor=CHN&recipient=USA&category=CONSULT").json()["events"][0]
    detail = reader.get(f"/api/events/{event['id']}").json()
    parts = detail["evidence"]
    assert parts["before"] + parts["trigger"] + parts["after"] == event["evidence"]["sentence"]
    assert parts["trigger"] == event["evidence"]["trigger"]
    assert detail["history"] == [] and detail["event"]["status"] == "unreviewed"
    page = reader.get(f"/events/{event['id']}").text
    assert f'<mark class="trigger">{parts["trigger"]}</mark>' in page
    doc = reader.get(f"/api/documents/{event['evidence']['doc_id']}").json()
    text = doc["document"]["text"]
    assert "".join(s["text"] for s in doc["segments"]) == text
    marked = [s for s in doc["segments"] if event["id"] in s["events"]]
    assert len(marked) == 1 and event["evidence"]["sentence"] in marked[0]["text"]
    assert event["id"] in {e["id"] for e in doc["events"]}
    html = reader.get(f"/documents/{event['evidence']['doc_id']}").text
    assert html.count('<mark class="event-sentence"') == sum(1 for s in doc["segments"]
                                                             if s["events"])


def test_actors_and_quotes(reader: TestClient) -> None:
    actors = reader.get("/api/actors?per_page=500").json()
    chn = [a for a in actors["actors"] if a["code"] == "CHN" and a["name"] is None]
    assert chn and sum(a["as_actor"] for a in chn) > 5
    assert any(p["code"] == "CHN" and p["name"] and p["events"] > 0 for p in actors["actors"])
    assert 'id="actors-table"' in reader.get("/actors").text
    quotes = reader.get("/api/quotes?speaker=CHN&per_page=500").json()
    assert quotes["total"] == len(quotes["quotes"]) > 0
    assert all(q["speaker"]["code"] == "CHN" for q in quotes["quotes"])
    word = quotes["quotes"][0]["text"].split()[-1].strip(".,\"'")
    found = reader.get("/api/quotes", params={"q": word}).json()
    assert found["total"] > 0 and all(word.lower() in q["text"].lower()
                                      for q in found["quotes"])
    assert reader.get("/quotes", params={"q": word}).status_code == 200


def test_not_found_is_json_for_the_api_and_html_for_pages(reader: TestClient) -> None:
    api = reader.get("/api/events/no-such-event")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    assert "no event no-such-event" in api.json()["error"]
    page = reader.get("/documents/zzzzzzzz")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    assert 'id="error-message"' in page.text
    assert reader.get("/no/such/page").status_code == 404


def test_exports_from_the_web(reader: TestClient, tmp_path: Path) -> None:
    total = reader.get("/api/events?actor=CHN").json()["total"]
    as_csv = reader.get("/api/export?format=csv&actor=CHN")
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == total
    lines = reader.get("/api/export?format=jsonl&actor=CHN").text.splitlines()
    assert len(lines) == total and json.loads(lines[0])["id"]
    plover = reader.get("/api/export?format=plover&actor=CHN").json()
    assert len(plover) == total and {"event", "actor", "recipient", "text"} <= set(plover[0])
    target = tmp_path / "e.parquet"
    target.write_bytes(reader.get("/api/export?format=parquet&actor=CHN").content)
    table = pq.read_table(target)
    assert table.num_rows == total and "actor_codes" in table.column_names
    assert reader.get("/api/export?format=xlsx").status_code == 400


def test_read_only_server_refuses_writes(reader: TestClient) -> None:
    event_id = reader.get("/api/events").json()["events"][0]["id"]
    answer = reader.post(f"/api/events/{event_id}/review", json={"action": "reject"})
    assert answer.status_code == 403 and "read-only" in answer.json()["error"]
    assert reader.post("/api/documents", json={"text": "x"}).status_code == 403
    assert reader.get(f"/api/events/{event_id}").json()["event"]["status"] == "unreviewed"
    assert "read-only" in reader.get("/").text


def test_script_payloads_are_escaped_everywhere(reader: TestClient, hostile_doc_id: str) -> None:
    doc = reader.get(f"/api/documents/{hostile_doc_id}").json()
    assert "<script>" in doc["document"]["text"]  # stored as written...
    pages = [f"/documents/{hostile_doc_id}", "/events?actor=CHN&recipient=USA&per_page=500",
             "/quotes?speaker=CHN&per_page=500", "/", "/documents?per_page=500", "/actors?per_page=500"]
    pages += [f"/events/{e['id']}" for e in doc["events"]]
    for path in pages:
        html = reader.get(path).text
        # ...and shown as text: no payload becomes markup on any page
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert "<b onmouseover" not in html, path
    html = reader.get(f"/documents/{hostile_doc_id}").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in html
    headers = reader.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_no_page_loads_anything_from_the_network(reader: TestClient) -> None:
    for path in ("/", "/events", "/actors", "/quotes", "/documents"):
        html = reader.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path
    js = reader.get("/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000


def test_pair_filters_match_any_actor_with_or_without_sector(examples_db: Path) -> None:
    with open_store(str(examples_db)) as store:
        everything = store.events(include_negated=True)

        def has(actors, value: str) -> bool:  # type: ignore[no-untyped-def]
            code, _, sector = value.partition(" ")
            return any(a.code == code and (not sector or a.sector == sector) for a in actors)

        for actor, recipient in (("CHN", "USA"), ("USA", "CHN"), ("CHN MIL", "USA"),
                                 ("CHN", "USA MIL"), ("RUS", "UKR")):
            expected = {e.id for e in everything
                        if has(e.actor, actor) and has(e.recipient, recipient)}
            found = store.events(actor=actor, recipient=recipient, include_negated=True)
            assert {e.id for e in found} == expected, (actor, recipient)
            assert store.count_events(actor=actor, recipient=recipient,
                                      include_negated=True) == len(expected)
        assert any(len(e.actor) > 1 for e in everything)  # lists, not only first actors


#: what the workbench's API answers, from every reading endpoint
READS = ("/api/overview?dyad=CHN-USA", "/api/events?actor=CHN&per_page=500",
         "/api/events?actor=USA&recipient=CHN&order_by=-date", "/api/actors",
         "/api/actors?q=chn&per_page=5&page=2", "/api/documents?per_page=7&page=2",
         "/api/documents?q=talks",
         "/api/quotes?per_page=500", "/api/timeline?dyad=CHN-USA&interval=week",
         "/api/channels?dyad=CHN-USA", "/api/export?format=jsonl")


def _comparable(path: str, answer) -> object:  # type: ignore[no-untyped-def]
    """An answer's bytes; for documents, without their sources: the two corpora
    were written to different folders."""
    if not path.startswith("/api/documents"):
        return answer.content
    data = answer.json()
    return {**data, "documents": [{k: v for k, v in d.items() if k != "source"} for d in data["documents"]]}


def test_a_workbench_on_postgresql_answers_as_on_sqlite_and_takes_writes(
        reader: TestClient, postgres_url: str, tmp_path: Path) -> None:
    ingest_workbench_corpus(postgres_url, tmp_path)
    with TestClient(create_app(postgres_url, token=TOKEN), raise_server_exceptions=False,
                    headers={"Authorization": f"Bearer {SECRET}"}) as server:
        for path in READS:
            on_sqlite, on_postgresql = reader.get(path), server.get(path)
            assert on_sqlite.status_code == on_postgresql.status_code == 200, path
            assert _comparable(path, on_postgresql) == _comparable(path, on_sqlite), path
        event = server.get("/api/events?actor=CHN&recipient=USA&category=CONSULT").json()["events"][0]
        answer = server.post(f"/api/events/{event['id']}/review",
                             json={"action": "correct", "changes": {"category": "THREATEN"}})
        assert answer.status_code == 200, answer.text
        detail = server.get(f"/api/events/{event['id']}").json()
        assert detail["event"]["status"] == "corrected" and detail["machine"]["category"] == "CONSULT"
        assert [h["after"]["category"] for h in detail["history"]] == ["THREATEN"]
        text = ("TOKYO, May 2, 2024 -- Japanese Defense Minister Taro Example held talks with "
                "Australian Defence Minister Sam Sample in Tokyo on Thursday.")
        stored = server.post("/api/documents", json={"text": text, "title": "Talks in Tokyo"})
        assert stored.status_code == 201 and stored.json()["events"] >= 1, stored.text
        assert server.post("/api/documents", json={"text": text}).json()["status"] == "exists"


def test_the_people_shown_are_named_in_the_latest_dated_events(db_url: str, undated_and_dated,
                                                              monkeypatch) -> None:
    with open_store(db_url) as store:
        store.save(undated_and_dated)
        monkeypatch.setattr(views, "PEOPLE_WINDOW", 1)  # room for one event's people
        named = [a["name"] for a in views.actors_view(store)["actors"] if a["name"]]
        assert named == ["Dated Person"]


def test_event_rows_say_a_calls_mode_once(reader: TestClient) -> None:
    call = next(e for e in reader.get("/api/events?actor=USA&recipient=RUS&category=CONSULT").json()["events"]
                if e["medium"] == "phone")
    assert call["mode"] == "phone" and call["mode_label"] == "phone"
    page = reader.get("/events?actor=USA&recipient=RUS&category=CONSULT").text
    row = page[page.index(f'data-event-id="{call["id"]}"'):]
    row = row[:row.index("</tr>")]
    assert "<td>phone</td>" in row and "muted" not in row
