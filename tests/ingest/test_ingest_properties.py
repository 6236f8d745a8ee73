"""Property-based tests of the readers (issue 26): whatever the bytes, every item
read is an article or a problem of one line; nothing raises, nothing hangs."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.timebound import time_bound
from eventwire.ingest import read_inputs
from eventwire.ingest.jsontext import JSONRefused, parse_json
from eventwire.records import InputProblem, RawArticle

SUFFIXES = ["", ".txt", ".html", ".jsonl", ".xml", ".json", ".meta.json"]
PROPERTIES = settings(max_examples=150, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
#: what hostile inputs are made of: bytes, markup, JSON lines, nesting, long numbers
pieces = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    json_values.map(lambda v: (json.dumps({"text": "Talks resumed.", "x": v}) + "\n").encode()),
    st.sampled_from([b"<html><body><p>", b"</p></body></html>", b"<rss version='2.0'><channel>",
                     b"<item><title>T</title><description>D</description></item>", b"</channel></rss>",
                     b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'{"text": ', b"\r\n", b"\x1b[31m",
                     b"[" * 5000, b'{"n": 1' + b"0" * 5000 + b"}\n", b"<div>" * 400]),
)
inputs = st.lists(pieces, max_size=8).map(b"".join)


def _check(items: list[RawArticle | InputProblem]) -> None:
    for item in items:
        assert isinstance(item, (RawArticle, InputProblem))
        if isinstance(item, InputProblem):
            assert item.reason and "\n" not in item.reason
        else:
            assert isinstance(item.text, str) and item.text.strip()


@PROPERTIES
@given(data=inputs, suffix=st.sampled_from(SUFFIXES))
def test_any_file_reads_as_articles_or_problems(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "input" + suffix)
        path.write_bytes(data)
        with time_bound(30):  # a hang fails the example instead of the run
            _check(list(read_inputs([folder])))
            _check(list(read_inputs([str(path)], max_bytes=2_000)))


@PROPERTIES
@given(data=inputs)
def test_any_standard_input_reads_as_articles_or_problems(data: bytes) -> None:
    with time_bound(30):
        _check(list(read_inputs(["-"], stdin=io.BytesIO(data))))


@PROPERTIES
@given(text=st.one_of(st.text(max_size=300), inputs.map(lambda b: b.decode("utf-8", "replace"))))
def test_any_text_parses_as_json_or_is_refused_with_a_reason(text: str) -> None:
    try:
        parse_json(text)
    except JSONRefused as refused:
        assert refused.reason and "\n" not in refused.reason
