"""The workbench says why the coder made an event: the sentence traced again."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _model_event(reader: TestClient) -> dict:
    events = reader.get("/api/events?per_page=500").json()["events"]
    assert events
    return events[0]


def test_the_api_traces_the_events_own_sentence(reader: TestClient) -> None:
    event = _model_event(reader)
    answer = reader.get(f"/api/events/{event['id']}/explain")
    assert answer.status_code == 200
    data = answer.json()
    assert data["sentence"] == event["evidence"]["sentence"]
    assert data["same_coder"] is True and data["coded_by"] == event["coder"]
    trace = data["trace"]
    assert trace is not None and trace["index"] == event["evidence"]["sentence_index"]
    assert trace["text"].strip() == event["evidence"]["sentence"].strip()
    assert 0.0 <= trace["text_event"] <= 1.0 and trace["text_categories"]
    # the event made from this sentence is among what the trace says was coded
    assert any(line.startswith(event["category"]) for line in trace["coded"])


def test_the_page_shows_scores_words_rules_and_decision(reader: TestClient) -> None:
    event = _model_event(reader)
    assert f'href="/events/{event["id"]}/explain"' in reader.get(f"/events/{event['id']}").text
    page = reader.get(f"/events/{event['id']}/explain")
    assert page.status_code == 200
    for part in ('id="explanation"', 'id="text-categories"', 'id="decisions"', "coded:",
                 "words weighing for"):
        assert part in page.text
    assert 'id="coder-differs"' not in page.text


def test_an_unknown_event_is_a_404_with_a_message(reader: TestClient) -> None:
    answer = reader.get("/api/events/nope/explain")
    assert answer.status_code == 404 and "nope" in answer.json()["error"]
