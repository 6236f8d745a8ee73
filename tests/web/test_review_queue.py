"""The review queue's JSON twin and page, and missed events through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_the_queue_puts_the_least_sure_first_and_counts(reader: TestClient) -> None:
    answer = reader.get("/api/review/queue?limit=500")
    assert answer.status_code == 200, answer.text
    queue = answer.json()
    items = queue["items"]
    assert items and queue["decided"] == 0 and queue["remaining"] >= len(items)
    priorities = [i["priority"] for i in items]
    assert priorities == sorted(priorities, reverse=True)
    assert all(i["status"] == "unreviewed" and i["reasons"] for i in items)
    # the least sure event is near the head, the surest at the tail
    assert items[0]["confidence"] < items[-1]["confidence"]
    assert all(i["disagree"] == ("model word" in i["evidence"]["rule"]) for i in items)
    assert any(i["disagree"] for i in items) and all(i["margin"] is not None for i in items)


def test_the_queue_filters_to_a_pair_and_a_period(reader: TestClient) -> None:
    queue = reader.get("/api/review/queue?actor=CHN&recipient=USA&limit=500").json()
    assert queue["items"] and queue["filters"] == {"actor": "CHN", "recipient": "USA"}
    assert all("CHN" in i["actor_label"] and "USA" in i["recipient_label"] for i in queue["items"])
    empty = reader.get("/api/review/queue?since=2999-01-01").json()
    assert (empty["items"], empty["remaining"]) == ([], 0)
    assert reader.get("/api/review/queue?since=yesterday").status_code == 400


def test_decisions_leave_the_queue_and_are_counted(writer: TestClient) -> None:
    first, second = writer.get("/api/review/queue?limit=2").json()["items"]
    before = writer.get("/api/review/queue").json()
    assert writer.post(f"/api/events/{first['id']}/review", json={"action": "accept"}).status_code == 200
    assert writer.post(f"/api/events/{second['id']}/review", json={"action": "reject"}).status_code == 200
    after = writer.get("/api/review/queue").json()
    assert after["decided"] == before["decided"] + 2 and after["remaining"] == before["remaining"] - 2
    assert {first["id"], second["id"]}.isdisjoint(i["id"] for i in after["items"])


def test_a_missed_event_is_marked_through_the_api(writer: TestClient) -> None:
    item = writer.get("/api/review/queue?limit=1").json()["items"][0]
    body = {"sentence": item["evidence"]["sentence"], "category": "AID", "actor": "USA GOV",
            "recipient": "UKR"}
    answer = writer.post(f"/api/documents/{item['evidence']['doc_id']}/missed", json=body)
    assert answer.status_code == 201, answer.text
    made = answer.json()
    assert made["event"]["status"] == "missed" and made["event"]["category"] == "AID"
    assert [h["action"] for h in made["history"]] == ["missed"]
    assert writer.get("/api/review/queue").json()["decided"] == 1
    again = writer.post(f"/api/documents/{item['evidence']['doc_id']}/missed", json=body)
    assert again.status_code == 400 and "already marked" in again.json()["error"]
    wrong = writer.post(f"/api/documents/{item['evidence']['doc_id']}/missed",
                        json=body | {"sentence": "Nobody wrote this."})
    assert wrong.status_code == 400 and "not in the document" in wrong.json()["error"]


def test_marking_a_missed_event_needs_the_token(reader: TestClient) -> None:
    item = reader.get("/api/review/queue?limit=1").json()["items"][0]
    answer = reader.post(f"/api/documents/{item['evidence']['doc_id']}/missed",
                         json={"sentence": item["evidence"]["sentence"], "category": "AID"})
    assert answer.status_code in (401, 403)


def test_the_page_lists_the_queue_as_text(reader: TestClient) -> None:
    page = reader.get("/review?actor=CHN").text
    queue = reader.get("/api/review/queue?actor=CHN").json()
    assert page.count('class="queue-item') == len(queue["items"])
    assert f'<span id="remaining">{queue["remaining"]}</span>' in page
    assert "<script>" not in page.split("<main>")[1].split("</main>")[0]


def _sentence_without_event(client: TestClient) -> tuple[str, str]:
    """A document and one of its sentences that holds no coded event."""
    for doc in client.get("/api/documents?per_page=50").json()["documents"]:
        data = client.get(f"/api/documents/{doc['id']}").json()
        for segment in data["segments"]:
            if not segment["events"] and len(segment["text"].split()) > 8:
                return doc["id"], segment["text"].strip().split("\n")[0].strip()
    raise AssertionError("no document has a sentence without events")


def test_a_missed_event_is_marked_on_the_document_page(writer: TestClient) -> None:
    doc_id, sentence = _sentence_without_event(writer)
    page = writer.get(f"/documents/{doc_id}").text
    assert 'id="missed-form"' in page and 'src="/static/document.js"' in page
    before = len(writer.get(f"/api/documents/{doc_id}").json()["events"])
    answer = writer.post(f"/documents/{doc_id}/missed", follow_redirects=False,
                         data={"sentence": sentence, "category": "COERCE", "actor": "CHN GOV", "trigger": "",
                               "note": "the arrests"})
    assert answer.status_code == 303 and answer.headers["location"].startswith(f"/documents/{doc_id}")
    after = writer.get(f"/api/documents/{doc_id}").json()["events"]
    assert len(after) == before + 1
    made = next(e for e in after if e["status"] == "missed")
    assert made["category"] == "COERCE" and made["evidence"]["sentence"] == sentence
    wrong = writer.post(f"/documents/{doc_id}/missed", data={"sentence": "Nobody wrote this.", "category": "AID"})
    assert wrong.status_code == 400 and "not in the document" in wrong.text


def test_the_document_page_offers_no_missed_event_form_without_the_token(reader: TestClient) -> None:
    doc_id, sentence = _sentence_without_event(reader)
    assert 'id="missed-form"' not in reader.get(f"/documents/{doc_id}").text
    answer = reader.post(f"/documents/{doc_id}/missed", data={"sentence": sentence, "category": "AID"})
    assert answer.status_code in (401, 403)
