"""The workbench under hostile requests (issue 26): bounded numbers, validated
reviews, and only the host names it was started for."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.web.hosts import allowed_hosts, host_allowed, host_name
from test_review import _pair_event

HUGE = "99999999999999999999"


@pytest.mark.parametrize("path", [
    f"/api/events?page={HUGE}", f"/api/events?per_page={HUGE}", "/api/events?page=0",
    "/api/events?page=-1", "/api/events?page=1e3", "/api/events?page=" + "9" * 5000,
    f"/api/quotes?page={HUGE}", f"/api/quotes?per_page={HUGE}", f"/events?page={HUGE}",
    f"/quotes?page={HUGE}", f"/api/export?format=jsonl&page={HUGE}",
])
def test_numbers_out_of_bounds_are_a_400_with_a_message(reader: TestClient, path: str) -> None:
    answer = reader.get(path)
    assert answer.status_code == 400, answer.text
    if path.startswith("/api/"):
        assert "page" in answer.json()["error"]


def test_the_last_page_is_an_empty_page(reader: TestClient) -> None:
    answer = reader.get("/api/events?page=10000000")
    assert answer.status_code == 200 and answer.json()["events"] == []


@pytest.mark.parametrize("body, message", [
    ({"action": "accept", "note": {"a": 1}}, "the note must be text, not an object"),
    ({"action": "accept", "note": ["x"]}, "the note must be text, not a list"),
    ({"action": "accept", "note": "x" * 5_000_000}, "the note is 5,000,000 characters"),
    ({"action": ["accept"]}, "action must be text"),
    ({"action": "correct", "changes": {"location": {"a": 1}}}, "the new location cannot be an object"),
    ({"action": "correct", "changes": {"location": "x" * 100_000}}, "at most 1,000"),
    ({"action": "correct", "changes": {"context": ["x"] * 1000}}, "has 1,000 items"),
    ({"action": "correct", "changes": {"actor": [{"code": {"x": 1}}]}}, "an actor in actor holds"),
    ({"action": "correct", "changes": {"category": [["ACCUSE"]]}}, "cannot be a list"),
    ({"action": "correct", "changes": ["category"]}, "changes must be an object"),
])
def test_review_payloads_of_the_wrong_type_or_size_are_refused(writer: TestClient, body: dict,
                                                               message: str) -> None:
    # an object as a note answered 503 ("the database could not answer"), and
    # a note of 5 MB was stored
    event = _pair_event(writer)
    answer = writer.post(f"/api/events/{event['id']}/review", json=body)
    assert answer.status_code in (400, 422) and message in answer.json()["error"]
    assert writer.get(f"/api/events/{event['id']}").json()["history"] == []


def test_a_review_with_a_plain_note_still_goes_through(writer: TestClient) -> None:
    event = _pair_event(writer)
    answer = writer.post(f"/api/events/{event['id']}/review",
                         json={"action": "correct", "note": "checked against the source",
                               "changes": {"context": ["military", "maritime"], "confidence": 0.8,
                                           "actor": [{"code": "CHN", "sector": "MIL"}]}})
    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize("listen, extra, header, allowed", [
    ("127.0.0.1", (), "127.0.0.1:8000", True),
    ("127.0.0.1", (), "localhost:8000", True),
    ("127.0.0.1", (), "[::1]:8000", True),
    ("127.0.0.1", (), "evil.example", False),
    ("127.0.0.1", (), "evil.example:8000", False),
    ("127.0.0.1", (), "localhost.evil.example", False),
    ("127.0.0.1", ("news.example",), "NEWS.example:8000", True),
    ("10.0.0.5", (), "10.0.0.5:8000", True),
    ("10.0.0.5", (), "localhost", False),
    ("0.0.0.0", (), "localhost", True),
])
def test_host_names_a_server_answers_to(listen, extra, header, allowed) -> None:
    assert host_allowed(header, allowed_hosts(listen, extra)) is allowed


def test_host_name_drops_the_port() -> None:
    assert [host_name(h) for h in ("a.example:80", "[::1]:8000", "A.example")] == \
        ["a.example", "::1", "a.example"]


@pytest.fixture(scope="module")
def served(examples_db: Path, free_port) -> Iterator[int]:  # type: ignore[no-untyped-def]
    """``eventwire serve`` on the session database, with one extra allowed name."""
    port = free_port()
    env = {**os.environ, "EVENTWIRE_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(examples_db),
                             "--port", str(port), "--allowed-host", "news.example"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.time() + 120
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/api/actors")
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("eventwire serve did not start")
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _get(connection: http.client.HTTPConnection, path: str, host: str) -> tuple[int, dict]:
    connection.request("GET", path, headers={"Host": host})
    answer = connection.getresponse()
    return answer.status, json.loads(answer.read())


def test_the_server_refuses_other_host_names_dns_rebinding(served: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    status, body = _get(connection, "/api/events", "evil.example")
    assert status == 400 and "--allowed-host evil.example" in body["error"]
    assert _get(connection, "/api/events", f"127.0.0.1:{served}")[0] == 200
    assert _get(connection, "/api/events", f"localhost:{served}")[0] == 200
    assert _get(connection, "/api/events", "news.example")[0] == 200


def test_a_huge_page_is_a_400_and_keeps_the_connection(served: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", served, timeout=30)
    status, body = _get(connection, f"/api/events?page={HUGE}", "127.0.0.1")
    assert status == 400 and "page must be between 1 and" in body["error"]
    # the same connection answers the next request (a 500 reset it)
    assert _get(connection, "/api/events?page=1", "127.0.0.1")[0] == 200
