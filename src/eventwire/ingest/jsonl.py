"""JSON Lines: one article per line, streamed so big files stay out of memory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from eventwire.ingest.fields import clean_field
from eventwire.ingest.jsontext import JSONRefused, parse_json
from eventwire.ingest.limits import over_limit
from eventwire.records import InputProblem, RawArticle

_CHUNK = 1_048_576
_NO_TEXT = ('line has no non-empty "text" field; each line needs the article text '
            'under "text"')


def jsonl_articles(stream: BinaryIO, source: str,
                   max_bytes: int) -> Iterator[RawArticle | InputProblem]:
    """One RawArticle per good line of ``stream``, one InputProblem per bad one."""
    for lineno, line, size in _lines(stream, max_bytes):
        if line is None:
            yield InputProblem(f"{source}:{lineno}", over_limit(size, max_bytes, "line"))
        elif line.strip():
            yield _line_article(line, source, lineno)


def _line_article(line: bytes, source: str, lineno: int) -> RawArticle | InputProblem:
    where = f"{source}:{lineno}"
    try:
        value = parse_json(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError:
        return InputProblem(where, "line is not valid UTF-8; save the file as UTF-8")
    except JSONRefused as error:
        return InputProblem(where, f"line {error.reason}; fix or remove the line")
    if not isinstance(value, dict):
        return InputProblem(where, 'line is not a JSON object; each line needs an object '
                                   'with a "text" field')
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputProblem(where, _NO_TEXT)
    return RawArticle(source=f"{source}#{lineno}", text=text, format="jsonl",
                      title=clean_field(value.get("title")), url=clean_field(value.get("url")),
                      published=clean_field(value.get("published")),
                      outlet=clean_field(value.get("source")))


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when over ``limit``, size) without reading long lines whole."""
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        size = len(line.rstrip(b"\r\n"))
        if size <= limit:
            yield lineno, line, size
            continue
        while not line.endswith(b"\n"):  # skip the rest of the long line
            line = stream.readline(_CHUNK)
            if not line:
                break
            size += len(line.rstrip(b"\r\n"))
        yield lineno, None, size
