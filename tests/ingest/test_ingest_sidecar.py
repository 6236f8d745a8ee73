"""Sidecar metadata files and the --published override."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

PAGE = ("<!doctype html><html><head><title>Headline from the page</title>"
        '<meta property="og:site_name" content="Harbour Courier"></head><body><article>'
        "<p>Arland and Borvia held talks in Port Alba on Tuesday, officials said.</p>"
        "</article></body></html>")


def _write(path: Path, text: str, meta: object | None = None) -> Path:
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        side = path.with_name(path.name + ".meta.json")
        side.write_text(meta if isinstance(meta, str) else json.dumps(meta), encoding="utf-8")
    return path


def test_sidecar_sets_metadata(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "report.txt", "Arland and Borvia held talks.",
                  {"published": "2023-04-04", "title": "Talks", "url": "https://x.example/t",
                   "source": "Harbour Courier"})
    (article,), problems = read(path)
    assert problems == []
    assert article.published_override == date(2023, 4, 4)
    assert (article.title, article.url, article.outlet) == (
        "Talks", "https://x.example/t", "Harbour Courier")
    assert article.text == "Arland and Borvia held talks."


def test_sidecar_wins_over_the_page(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "page.html", PAGE, {"title": "My own title"})
    (article,), _ = read(path)
    assert article.title == "My own title"
    assert article.outlet == "Harbour Courier"  # not in the sidecar: kept from the page
    assert article.published_override is None


def test_sidecar_only_fills_gaps_in_jsonl(tmp_path: Path, read) -> None:
    lines = (json.dumps({"text": "One.", "source": "Courier"}) + "\n"
             + json.dumps({"text": "Two."}) + "\n")
    path = _write(tmp_path / "batch.jsonl", lines, {"source": "Monitor", "published": "2023-04-05"})
    articles, _ = read(path)
    assert [a.outlet for a in articles] == ["Courier", "Monitor"]
    assert [a.published_override for a in articles] == [date(2023, 4, 5)] * 2


def test_published_option_overrides_everything(tmp_path: Path, read) -> None:
    with_side = _write(tmp_path / "a.txt", "One.", {"published": "2023-04-04"})
    plain = _write(tmp_path / "b.txt", "Two.")
    articles, _ = read(with_side, plain, published=date(2024, 1, 2))
    assert [a.published_override for a in articles] == [date(2024, 1, 2)] * 2


def test_bad_sidecars_skip_their_article(tmp_path: Path, read) -> None:
    bad_date = _write(tmp_path / "a.txt", "One.", {"published": "27/12/2024"})
    not_json = _write(tmp_path / "b.txt", "Two.", "{published: 2024-12-27")
    not_object = _write(tmp_path / "c.txt", "Three.", ["2024-12-27"])
    bad_type = _write(tmp_path / "d.txt", "Four.", {"title": 42})
    good = _write(tmp_path / "e.txt", "Five.", {"published": "2024-12-27", "author": "someone"})
    articles, problems = read(tmp_path)
    assert [a.source for a in articles] == [str(good)]
    assert [p.source for p in problems] == [
        f"{p}.meta.json" for p in (bad_date, not_json, not_object, bad_type)]
    assert all(p.reason.startswith("bad sidecar metadata: ") for p in problems)
    assert "\"published\" must be a date as YYYY-MM-DD, got '27/12/2024'" in problems[0].reason
    assert "not valid JSON" in problems[1].reason
    assert "not a JSON object" in problems[2].reason
    assert '"title" must be a string' in problems[3].reason
    assert problems[0].reason.endswith("a.txt was skipped")


def test_impossible_date_in_sidecar(tmp_path: Path, read) -> None:
    path = _write(tmp_path / "a.txt", "One.", {"published": "2023-02-30"})
    articles, (problem,) = read(path)
    assert articles == [] and "2023-02-30" in problem.reason
