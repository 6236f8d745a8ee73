"""Standard input ("-"): sniffed like a file without an extension."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from eventwire.ingest import read_inputs
from eventwire.records import InputProblem, RawArticle


def _from_stdin(data: bytes, *paths: str, **options: Any) -> list[RawArticle | InputProblem]:
    return list(read_inputs(list(paths) or ["-"], stdin=io.BytesIO(data), **options))


def test_text_on_stdin() -> None:
    (article,) = _from_stdin(" date 2023-04-04 Talks\n\nArland and Borvia held talks.\n".encode())
    assert article.source == "<stdin>" and article.format == "text"
    assert article.text == " date 2023-04-04 Talks\n\nArland and Borvia held talks.\n"


def test_gbk_on_stdin() -> None:
    text = "国防部发言人表示，两国军队保持沟通渠道畅通。双方举行了视频通话。"
    (article,) = _from_stdin(text.encode("gbk"))
    assert article.text == text


def test_html_on_stdin() -> None:
    page = ("<!doctype html><html><head><title>Talks</title></head><body><article>"
            "<p>Arland and Borvia held talks in Port Alba on Tuesday, officials said.</p>"
            "</article></body></html>")
    (article,) = _from_stdin(page.encode())
    assert article.format == "html"
    assert article.text == "Arland and Borvia held talks in Port Alba on Tuesday, officials said."


def test_jsonl_on_stdin_longer_than_the_sniffed_head() -> None:
    lines = [json.dumps({"text": f"Story {n}. " + "word " * 500, "title": f"T{n}"})
             for n in range(100)]  # about 250 kB: lines cross the 64 kB sniffing boundary
    data = ("\n".join(lines[:50]) + "\nnot json\n" + "\n".join(lines[50:]) + "\n").encode()
    items = _from_stdin(data)
    articles = [i for i in items if isinstance(i, RawArticle)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [a.title for a in articles] == [f"T{n}" for n in range(100)]
    assert articles[0].source == "<stdin>#1" and articles[50].source == "<stdin>#52"
    assert all(a.text.startswith(f"Story {n}. word word") for n, a in enumerate(articles))
    assert [p.source for p in problems] == ["<stdin>:51"]


def test_feed_on_stdin() -> None:
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>'
            "<item><title>Talks</title><description>Arland and Borvia held talks.</description>"
            "</item></channel></rss>")
    (article,) = _from_stdin(feed.encode())
    assert (article.source, article.format, article.outlet) == ("<stdin>#1", "feed", "Courier")


def test_empty_and_oversized_stdin() -> None:
    assert [str(p) for p in _from_stdin(b"")] == ["<stdin>: empty input"]
    assert [str(p) for p in _from_stdin(b" \n \n")] == ["<stdin>: empty input"]
    (problem,) = _from_stdin(b"Talks. " * 200_000, max_bytes=1_000_000)
    assert str(problem) == ("<stdin>: standard input is over the 1.0 MB limit per input; "
                            "split it or raise --max-bytes")


def test_stdin_among_files(tmp_path: Path) -> None:
    first, last = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("First.")
    last.write_text("Last.")
    items = _from_stdin(b"Middle.", str(first), "-", str(last))
    assert [(i.source, i.text) for i in items] == [
        (str(first), "First."), ("<stdin>", "Middle."), (str(last), "Last.")]
