"""JSON Lines: one article per line, bad lines reported, big files streamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest import read_inputs


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def test_good_and_bad_lines(tmp_path: Path, read) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        _line(id="a1", text="Arland and Borvia held talks.", title="Talks", url="https://x.example/1",
              published="2023-04-04 10:00:00Z", source="Harbour Courier")
        + "{this is not json\n"
        + "\n"
        + _line(title="no text here")
        + _line(text="   ")
        + "[1, 2]\n"
        + _line(text="Borvia recalled its envoy.", published=20230405)
        + "\n", encoding="utf-8")
    articles, problems = read(path)
    assert [(a.source, a.text) for a in articles] == [
        (f"{path}#1", "Arland and Borvia held talks."), (f"{path}#7", "Borvia recalled its envoy.")]
    first, last = articles
    assert (first.format, first.title, first.url, first.published, first.outlet) == (
        "jsonl", "Talks", "https://x.example/1", "2023-04-04 10:00:00Z", "Harbour Courier")
    assert (last.title, last.url, last.published, last.outlet) == (None, None, "20230405", None)
    assert [p.source for p in problems] == [f"{path}:{n}" for n in (2, 4, 5, 6)]
    assert problems[0].reason.startswith("line is not valid JSON (")
    assert problems[1].reason == problems[2].reason
    assert '"text"' in problems[1].reason
    assert problems[3].reason.startswith("line is not a JSON object")


def test_ndjson_with_bom_and_crlf(tmp_path: Path, read) -> None:
    path = tmp_path / "a.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + _line(text="Caf\u00e9 talks.").encode().replace(b"\n", b"\r\n")
                     + b'{"text": "\xff bad"}\r\n')
    articles, problems = read(path)
    assert [a.text for a in articles] == ["Caf\u00e9 talks."]
    assert [(p.source, p.reason) for p in problems] == [
        (f"{path}:2", "line is not valid UTF-8; save the file as UTF-8")]


def test_limit_applies_per_line_not_per_file(tmp_path: Path, read) -> None:
    path = tmp_path / "big.jsonl"
    long_text = "word " * 60_000  # 300 kB
    with path.open("w", encoding="utf-8") as out:
        out.write(_line(text="first"))
        out.write(_line(text=long_text))
        for n in range(2_000):
            out.write(_line(text=f"story {n} " + "x" * 200))
    assert path.stat().st_size > 500_000
    articles, problems = read(path, max_bytes=100_000)
    assert len(articles) == 2_001
    assert articles[0].text == "first" and articles[1].source == f"{path}#3"
    assert [(p.source, p.reason) for p in problems] == [
        (f"{path}:2", "line is 0.3 MB, over the 0.1 MB limit per input; split it or raise --max-bytes")]


def test_jsonl_sniffed_without_extension(tmp_path: Path, read) -> None:
    path = tmp_path / "export"
    path.write_text(_line(text="One.") + _line(text="Two."), encoding="utf-8")
    articles, _ = read(path)
    assert [(a.format, a.source) for a in articles] == [("jsonl", f"{path}#1"), ("jsonl", f"{path}#2")]


def test_binary_file_with_jsonl_extension(tmp_path: Path, read) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 4)
    articles, problems = read(path)
    assert articles == []
    assert [p.source for p in problems] == [str(path)]
    assert problems[0].reason.startswith("binary file, not text")


def test_voa_corpus(shared: Path) -> None:
    path = shared / "corpus" / "voa" / "voa_stories.jsonl"
    if not path.is_file():
        pytest.skip("VOA corpus not present")
    items = list(read_inputs([str(path)]))
    assert len(items) == 89
    assert all(item.format == "jsonl" for item in items)
    assert all(item.title and item.url and item.published for item in items)
    assert all(item.url.startswith("https://") and item.url.count("/") >= 3 for item in items)
    assert min(len(item.text) for item in items) >= 1_833
    assert [item.source for item in items][:2] == [f"{path}#1", f"{path}#2"]
