"""read_inputs: files, folders and standard input to RawArticles or InputProblems."""

from __future__ import annotations

import dataclasses
import io
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.decoding import binary_reason, decode_bytes, has_nul_bytes
from eventwire.ingest.feeds import feed_articles
from eventwire.ingest.fetch import FETCH_DEADLINE_S, Fetched, fetch, is_url
from eventwire.ingest.formats import (FEED, HTML, JSONL, SNIFF_BYTES, format_from_suffix,
                                      sniff_format)
from eventwire.ingest.html import html_article
from eventwire.ingest.jsonl import jsonl_articles
from eventwire.ingest.limits import over_limit
from eventwire.ingest.paths import iter_files, not_regular, source_name
from eventwire.ingest.sidecar import Sidecar, load_sidecar
from eventwire.records import InputProblem, RawArticle
from eventwire.timebound import TimedOut, time_bound

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_SOURCE = "<stdin>"

Item = RawArticle | InputProblem


def read_inputs(paths: Sequence[str], *, published: date | None = None,
                max_bytes: int = 10_000_000, stdin: BinaryIO | None = None,
                fetch_timeout: float = FETCH_DEADLINE_S,
                doc_timeout: float | None = None) -> Iterator[Item]:
    """Every article in ``paths`` (files, folders, URLs, ``-`` for stdin), lazily.

    A bad input is yielded as an InputProblem and reading goes on. ``published``
    sets ``published_override`` on every article; ``max_bytes`` caps each
    input (each line of JSON Lines, each feed, each other file); a URL is
    given ``fetch_timeout`` seconds in all, and a web page ``doc_timeout``
    seconds to give up its article (None: no bound).
    """
    for raw in paths:
        if is_url(raw):
            items = _read_url(raw, max_bytes, fetch_timeout, doc_timeout)
            yield from _with_metadata(_guarded(raw, items), None, published)
            continue
        if raw == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            items = _guarded(STDIN_SOURCE, _read_stream(stream, max_bytes, doc_timeout))
            yield from _with_metadata(items, None, published)
            continue
        for found in iter_files([raw]):
            if isinstance(found, InputProblem):
                yield found
            else:
                yield from _read_file(found, published, max_bytes, doc_timeout)


def _read_file(path: Path, published: date | None, max_bytes: int,
               doc_timeout: float | None = None) -> Iterator[Item]:
    """The articles of one file, with its sidecar applied."""
    logger.debug("reading %s", path)
    try:
        sidecar = load_sidecar(path)
    except InputError as error:
        yield _problem(error)
        return
    items = _guarded(source_name(path), _file_articles(path, max_bytes, doc_timeout))
    yield from _with_metadata(items, sidecar, published)


def _file_articles(path: Path, max_bytes: int, doc_timeout: float | None) -> Iterator[Item]:
    with _open_regular(path) as stream:
        yield from _stream_articles(stream, source_name(path), format_from_suffix(path), max_bytes,
                                    path=path, doc_timeout=doc_timeout)


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file; InputError otherwise.

    Opened without blocking, then checked: a file swapped for a named pipe
    after the folder was listed would otherwise wait for a writer for ever.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(source_name(path), not_regular(mode, named=True))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_url(url: str, max_bytes: int, fetch_timeout: float,
              doc_timeout: float | None) -> Iterator[Item]:
    """The articles of a web page or a feed, by URL."""
    fetched = fetch(url, max_bytes=max_bytes, deadline_s=fetch_timeout)
    assert fetched.data is not None  # no validators were sent, so no 304
    yield from read_fetched(fetched, max_bytes, doc_timeout)


def read_fetched(fetched: Fetched, max_bytes: int, doc_timeout: float | None = None) -> Iterator[Item]:
    """The articles of fetched bytes: a feed or a page, by content type or by
    sniffing. Bytes that are neither (a server's error page, a feed cut off)
    are one InputProblem: a watch reports it and polls again."""
    fmt = FEED if any(k in fetched.content_type for k in ("rss", "atom", "xml")) else \
        HTML if "html" in fetched.content_type else None
    yield from _guarded(fetched.url, _stream_articles(io.BytesIO(fetched.data or b""), fetched.url,
                                                      fmt, max_bytes, path=None,
                                                      doc_timeout=doc_timeout))


def _read_stream(stream: BinaryIO, max_bytes: int, doc_timeout: float | None) -> Iterator[Item]:
    """The articles on standard input, sniffed from its first bytes."""
    return _stream_articles(stream, STDIN_SOURCE, None, max_bytes, path=None, doc_timeout=doc_timeout)


def _stream_articles(stream: BinaryIO, source: str, fmt: str | None, max_bytes: int, *,
                     path: Path | None, doc_timeout: float | None = None) -> Iterator[Item]:
    """The articles of one input; ``fmt`` None means sniff it from the first bytes."""
    empty = "empty file" if path else "empty input"
    head = stream.read(SNIFF_BYTES)
    if not head.strip() and len(head) < SNIFF_BYTES:
        raise InputError(source, empty)
    fmt = fmt or sniff_format(head)
    if fmt != FEED and has_nul_bytes(head):  # before the size check: say what it is
        raise InputError(source, binary_reason("NUL bytes found"))
    if fmt == JSONL:
        # streamed with the sniffed head put back: no seek, so pipes work too
        yield from jsonl_articles(_prepend(head, stream), source, max_bytes)
    elif fmt == FEED:
        # a feed is parsed whole: read no more than the limit (a link to
        # /dev/zero, or a feed of 85 MB, took gigabytes and minutes)
        yield from feed_articles(_bounded(head, stream, source, max_bytes, path, "feed"),
                                 source, max_bytes)
    else:
        what = "file" if path else "standard input"
        yield _single_article(_bounded(head, stream, source, max_bytes, path, what),
                              source, fmt, empty, doc_timeout)


def _bounded(head: bytes, stream: BinaryIO, source: str, max_bytes: int, path: Path | None,
             what: str) -> bytes:
    """``head`` and the rest of ``stream``, reading no more than ``max_bytes``
    (and one byte to tell); InputError when the input is longer."""
    data = head + stream.read(max(max_bytes + 1 - len(head), 0))
    if len(data) > max_bytes:
        raise InputError(source, over_limit(_file_size(path), max_bytes, what))
    return data


def _single_article(data: bytes, source: str, fmt: str, empty: str,
                    doc_timeout: float | None = None) -> RawArticle:
    """A plain-text or HTML input holding one article; a page's article is
    looked for within ``doc_timeout`` seconds."""
    text = decode_bytes(data, source)
    if not text.strip():
        raise InputError(source, empty)
    if fmt == HTML:
        try:
            with time_bound(doc_timeout):
                return html_article(text, source)
        except TimedOut:
            raise InputError(source, f"took longer than {doc_timeout:g} s to read as HTML; skipped "
                                     "(give it more time with --doc-timeout)") from None
    # kept as is: a " date YYYY-MM-DD ..." first line is the normaliser's to parse
    return RawArticle(source=source, text=text, format="text")


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an InputError or OSError that ends an input into an InputProblem."""
    try:
        yield from items
    except InputError as error:
        yield _problem(error)
    except OSError as error:
        yield InputProblem(source, f"cannot read ({error.strerror or error})")


def _with_metadata(items: Iterable[Item], sidecar: Sidecar | None,
                   published: date | None) -> Iterator[Item]:
    """Apply the sidecar and --published to each article.

    For a file of one article the sidecar wins over what the file says; for a
    file of many (JSON Lines, feed) it only fills what an article lacks.
    """
    for item in items:
        if isinstance(item, RawArticle):
            item = _apply(item, sidecar, published)
        yield item


def _apply(article: RawArticle, sidecar: Sidecar | None, published: date | None) -> RawArticle:
    changes: dict[str, object] = {}
    if sidecar is not None:
        single = article.format in ("text", "html")
        for name, value in (("title", sidecar.title), ("url", sidecar.url),
                            ("outlet", sidecar.source)):
            if value is not None and (single or getattr(article, name) is None):
                changes[name] = value
    override = published or (sidecar.published if sidecar else None)
    if override is not None:
        changes["published_override"] = override
    return dataclasses.replace(article, **changes) if changes else article


def _prepend(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A stream reading ``head`` and then ``rest``: sniffing must not lose bytes."""
    return io.BufferedReader(_Chained(head, rest))


class _Chained(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _file_size(path: Path | None) -> int | None:
    """The size of a regular file, None for a pipe or standard input."""
    try:
        return path.stat().st_size if path and path.is_file() else None
    except OSError:
        return None


def _problem(error: InputError) -> InputProblem:
    return InputProblem(error.source, " ".join(error.reason.split()))
