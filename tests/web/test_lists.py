"""The documents list and the actors table of the workbench (issue 25): search and
paging, each page checked against its JSON twin and the store."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from eventwire.store import open_store


def _row_ids(html: str, attribute: str) -> list[str]:
    return re.findall(rf'<tr {attribute}="([^"]+)">', html)


def test_documents_are_listed_newest_first_a_page_at_a_time(reader: TestClient, examples_db: Path) -> None:
    with open_store(str(examples_db), create=False) as store:
        stored = store.documents()
    first = reader.get("/api/documents", params={"per_page": 10}).json()
    assert first["total"] == len(stored) and first["pages"] == -(-len(stored) // 10)
    every = [d for page in range(1, first["pages"] + 1)
             for d in reader.get("/api/documents", params={"per_page": 10, "page": page}).json()["documents"]]
    assert sorted(d["id"] for d in every) == sorted(d.id for d in stored)  # each once
    dated = [d["published"] for d in every if d["published"]]
    assert dated == sorted(dated, reverse=True)
    page = reader.get("/documents", params={"per_page": 10, "page": 2}).text
    assert _row_ids(page, "data-doc-id") == [d["id"] for d in every[10:20]]
    assert 'rel="prev"' in page and "page 2 of" in page


def test_a_document_row_links_to_the_article_and_its_events(reader: TestClient) -> None:
    listed = reader.get("/api/documents", params={"per_page": 500}).json()["documents"]
    with_events = next(d for d in listed if d["events"])
    found = reader.get("/api/events", params={"doc_id": with_events["id"], "per_page": 500}).json()
    assert found["total"] == with_events["events"]
    html = reader.get("/documents", params={"per_page": 500}).text
    assert f'href="/documents/{with_events["id"]}"' in html
    assert f'href="/events?doc_id={with_events["id"]}">{with_events["events"]}</a>' in html


def test_documents_are_searched_in_title_source_agency_and_text(reader: TestClient, examples_db: Path) -> None:
    with open_store(str(examples_db), create=False) as store:
        with_word = {d.id for d in store.documents() if "balloon" in d.text.lower()
                     or "balloon" in (d.title or "").lower()}
    assert with_word
    found = reader.get("/api/documents", params={"q": "Balloon"}).json()
    assert {d["id"] for d in found["documents"]} == with_word and found["q"] == "Balloon"
    assert reader.get("/api/documents", params={"q": "Xinhua"}).json()["total"] > 0  # an agency
    html = reader.get("/documents", params={"q": "Balloon"}).text
    assert set(_row_ids(html, "data-doc-id")) == with_word
    assert 'value="Balloon"' in html
    nothing = reader.get("/documents", params={"q": "no such words at all"}).text
    assert "No documents match." in nothing


def test_bad_pages_name_what_was_asked(reader: TestClient) -> None:
    for path in ("/api/documents", "/api/actors"):
        answer = reader.get(path, params={"page": 0})
        assert answer.status_code == 400 and answer.json()["error"] == "page 0: page numbers start at 1"
        answer = reader.get(path, params={"per_page": 900})
        assert answer.status_code == 400 and "per_page 900 is not between 1 and 500" in answer.json()["error"]


def test_the_actors_page_is_one_table_with_search_and_paging(reader: TestClient) -> None:
    everything = reader.get("/api/actors", params={"per_page": 500}).json()
    actors = everything["actors"]
    assert {a["name"] is None for a in actors} == {True, False}  # codes and people, one list
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    html = reader.get("/actors", params={"per_page": 500}).text
    assert html.count("<table") == 1 and html.count("<tr>") == len(actors) + 1
    second = reader.get("/api/actors", params={"per_page": 5, "page": 2}).json()
    assert second["actors"] == actors[5:10] and second["total"] == len(actors)
    chn_mil = reader.get("/api/actors", params={"q": "chn mil", "per_page": 500}).json()["actors"]
    assert chn_mil and all(a["code"] == "CHN" and a["sector"] == "MIL" for a in chn_mil)
    assert any(a["name"] for a in chn_mil) and any(a["name"] is None for a in chn_mil)
    spokesperson = reader.get("/api/actors", params={"q": "spokesperson"}).json()["actors"]
    assert spokesperson and all("spokesperson" in a["role"] for a in spokesperson)
    page = reader.get("/actors", params={"q": "chn mil"}).text
    assert 'value="chn mil"' in page and page.count("<tr>") == len(chn_mil) + 1
