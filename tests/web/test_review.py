"""Reviews: accept, correct, reject with history; what views, exports and re-coding see."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.coder import code_document
from eventwire.errors import NotFoundError, UsageError
from eventwire.store import open_store, reviews
from eventwire.web import create_app

from workbench_data import SECRET, TOKEN


def _pair_event(client: TestClient) -> dict:
    return client.get("/api/events?actor=CHN&recipient=USA&category=CONSULT").json()["events"][0]


def test_correction_is_what_views_and_exports_show(writer: TestClient) -> None:
    event = _pair_event(writer)
    answer = writer.post(f"/api/events/{event['id']}/review", json={
        "action": "correct", "note": "a threat, not talks",
        "changes": {"category": "THREATEN", "recipient": "USA MIL; JPN GOV", "confidence": 1}})
    assert answer.status_code == 200, answer.text
    after = answer.json()
    assert after["event"]["category"] == "THREATEN" and after["event"]["status"] == "corrected"
    assert after["event"]["intensity"] == -3.5  # the new category's PLOVER score
    [entry] = after["history"]
    assert entry["reviewer"] == "alice" and entry["action"] == "correct"
    assert entry["before"]["category"] == "CONSULT" and entry["after"]["category"] == "THREATEN"
    assert set(entry["changed"]) == {"category", "recipient", "confidence", "intensity"}
    assert entry["note"] == "a threat, not talks" and entry["at"]
    assert after["machine"]["category"] == "CONSULT"
    # filters see the corrected fields
    to_japan = writer.get("/api/events?actor=CHN&recipient=JPN GOV").json()["events"]
    assert event["id"] in {e["id"] for e in to_japan}
    consults = writer.get("/api/events?actor=CHN&recipient=USA&category=CONSULT").json()
    assert event["id"] not in {e["id"] for e in consults["events"]}
    rows = list(csv.DictReader(io.StringIO(writer.get("/api/export?format=csv").text)))
    [row] = [r for r in rows if r["id"] == event["id"]]
    assert row["category"] == "THREATEN" and row["recipient_codes"] == "USA;JPN"
    page = writer.get("/events?category=THREATEN&per_page=500").text
    assert f'data-event-id="{event["id"]}"' in page


def test_rejected_events_are_hidden_but_kept(writer: TestClient) -> None:
    event = _pair_event(writer)
    before = writer.get("/api/events?actor=CHN&recipient=USA").json()["total"]
    answer = writer.post(f"/api/events/{event['id']}/review", json={"action": "reject"})
    assert answer.json()["event"]["status"] == "rejected"
    listed = writer.get("/api/events?actor=CHN&recipient=USA").json()
    assert listed["total"] == before - 1
    assert event["id"] not in {e["id"] for e in listed["events"]}
    shown = writer.get("/api/events?actor=CHN&recipient=USA&include_rejected=true").json()
    assert event["id"] in {e["id"] for e in shown["events"]}
    assert event["id"] not in writer.get("/api/export?format=jsonl").text
    overview = writer.get("/api/overview").json()
    assert overview["reviews"] == {"accepted": 0, "corrected": 0, "rejected": 1, "missed": 0}
    # accepting it again brings it back, and both actions stay in the history
    writer.post(f"/api/events/{event['id']}/review", json={"action": "accept"})
    detail = writer.get(f"/api/events/{event['id']}").json()
    assert [h["action"] for h in detail["history"]] == ["reject", "accept"]
    assert detail["event"]["status"] == "accepted"


@pytest.mark.parametrize("body, message", [
    ({"action": "approve"}, "unknown review action"),
    ({"action": "correct"}, "needs at least one changed field"),
    ({"action": "correct", "changes": {"category": "HUG"}}, "not a PLOVER category"),
    ({"action": "correct", "changes": {"evidence": "x"}}, "cannot change evidence"),
    ({"action": "correct", "changes": {"date": "yesterday"}}, "YYYY-MM-DD"),
    ({"action": "correct", "changes": {"confidence": 3}}, "between 0 and 1"),
    ({"action": "correct", "changes": {"actor": "china!"}}, "not a country"),
])
def test_bad_reviews_say_what_to_do(writer: TestClient, body: dict, message: str) -> None:
    event = _pair_event(writer)
    answer = writer.post(f"/api/events/{event['id']}/review", json=body)
    assert answer.status_code == 400 and message in answer.json()["error"]
    assert writer.get(f"/api/events/{event['id']}").json()["history"] == []


def test_writes_need_the_token(db_copy: Path) -> None:
    app = create_app(str(db_copy), token=TOKEN)
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        event = _pair_event(anonymous)
        answer = anonymous.post(f"/api/events/{event['id']}/review", json={"action": "accept"})
        assert answer.status_code == 401 and "Bearer" in answer.json()["error"]
        wrong = anonymous.post(f"/api/events/{event['id']}/review", json={"action": "accept"},
                               headers={"Authorization": "Bearer not-the-token"})
        assert wrong.status_code == 401
        assert anonymous.get("/events").text.count("sign in to review") == 1


def test_browser_signs_in_and_reviews_with_a_form(db_copy: Path) -> None:
    app = create_app(str(db_copy), token=TOKEN)
    with TestClient(app, raise_server_exceptions=False, follow_redirects=False) as browser:
        event = _pair_event(browser)
        assert browser.post("/login", data={"token": "nope", "next": "/"}).status_code == 401
        signed = browser.post("/login", data={"token": SECRET, "next": "//evil.example/"})
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and SECRET not in cookie
        page = browser.get(f"/events/{event['id']}").text
        assert 'id="correct-form"' in page and "signed in as <strong>alice</strong>" in page
        form = {"action": "correct", "category": "CONSULT", "mode": "phone",
                "actor": event["actor_label"], "recipient": event["recipient_label"],
                "context": ", ".join(event["context"]), "date": event["date"],
                "date_end": event["date_end"] or "", "date_precision": event["date_precision"],
                "location": event["location"] or "", "medium": event["medium"] or "",
                "intensity": f"{event['intensity']:g}",
                "confidence": f"{event['confidence']:g}", "note": "it was a call",
                # the form's ticked flag boxes, as a browser sends them
                **{flag: "true" for flag in ("hypothetical", "future", "historical") if event[flag]}}
        done = browser.post(f"/events/{event['id']}/review", data=form)
        assert done.status_code == 303
        detail = browser.get(f"/api/events/{event['id']}").json()
        assert detail["event"]["mode"] == "phone" and detail["event"]["category"] == "CONSULT"
        assert detail["history"][0]["changed"] == ["mode"]
        assert detail["history"][0]["reviewer"] == "alice"
        # a form posted from another site is refused even with the cookie
        forged = browser.post(f"/events/{event['id']}/review", data={"action": "reject"},
                              headers={"Origin": "http://evil.example"})
        assert forged.status_code == 403
        assert browser.post("/logout").status_code == 303


def test_ingest_through_the_api(writer: TestClient) -> None:
    text = ("TOKYO, May 2, 2024 -- Japanese Defense Minister Taro Example held talks with "
            "Australian Defence Minister Sam Sample in Tokyo on Thursday.")
    answer = writer.post("/api/documents", json={"text": text, "title": "Talks in Tokyo"})
    assert answer.status_code == 201 and answer.json()["status"] == "new"
    doc_id = answer.json()["doc_id"]
    assert answer.json()["events"] >= 1
    assert writer.get(f"/api/documents/{doc_id}").json()["document"]["title"] == "Talks in Tokyo"
    again = writer.post("/api/documents", json={"text": text})
    assert again.json()["status"] == "exists"
    assert writer.post("/api/documents", json={"title": "no text"}).status_code == 400


def test_recoding_keeps_reviewed_events(db_copy: Path) -> None:
    with open_store(str(db_copy)) as store:
        doc_id = store.events(actor="CHN", recipient="USA")[0].evidence.doc_id
        machine = store.events(doc_id=doc_id, include_negated=True)
        assert len(machine) >= 3
        corrected, rejected, untouched = machine[0], machine[1], machine[2:]
        reviews.correct(store, corrected.id, "alice", {"category": "PROTEST"})
        reviews.reject(store, rejected.id, "bob")
        recoded = code_document(store.document(doc_id)).events
        written = store.replace_events(doc_id, recoded)
        assert written == len(recoded) - 2  # the coder's versions of the reviewed two are dropped
        after = {e.id: e for e in store.events(doc_id=doc_id, include_negated=True,
                                               include_rejected=True)}
        assert after[corrected.id].category == "PROTEST"
        assert rejected.id in after and rejected.id not in {
            e.id for e in store.events(doc_id=doc_id, include_negated=True)}
        assert {e.id for e in untouched} <= set(after)
        assert len(after) == len(machine)
        # a coder run with nothing left still keeps what reviewers touched
        assert store.replace_events(doc_id, []) == 0
        kept = store.events(doc_id=doc_id, include_negated=True, include_rejected=True)
        assert {e.id for e in kept} == {corrected.id, rejected.id}
        with pytest.raises(NotFoundError):
            store.replace_events("no-such-document", [])


def test_history_of_the_store_api(db_copy: Path) -> None:
    with open_store(str(db_copy)) as store:
        event = store.events()[0]
        with pytest.raises(UsageError, match="reviewer"):
            reviews.accept(store, event.id, " ")
        with pytest.raises(NotFoundError):
            reviews.accept(store, "missing", "alice")
        reviews.correct(store, event.id, "alice", {"date": "2020-02-02", "negated": "true"})
        assert store.event(event.id).negated and store.event(event.id).date.isoformat() == \
            "2020-02-02"
        assert event.id not in {e.id for e in store.events()}  # negated now: hidden
        [entry] = reviews.history(store, event.id)
        assert entry.before["date"] == event.date.isoformat()
        assert entry.after["date"] == "2020-02-02"
        assert reviews.statuses(store, [event.id, "other"]) == {event.id: "corrected"}
        assert store.counts()["negated_events"] >= 1
