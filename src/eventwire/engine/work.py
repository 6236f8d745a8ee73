"""The unit of work every engine runs: a chunk of raw articles -> coded documents.

Each worker process keeps one coder (spaCy pipeline, dictionary, lexicon),
loaded on first use, so a chunk costs only its own parsing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from eventwire.errors import EventwireError
from eventwire.records import CodedDocument, Document, InputProblem, RawArticle
from eventwire.timebound import DOC_TIMEOUT_S, TimedOut, time_bound

log = logging.getLogger(__name__)
#: what a chunk of work gives back, an item at a time
Result = CodedDocument | InputProblem
#: a chunk of items -> its results, in order
Work = Callable[[list[Any]], list[Result]]
_coder = None
_coder_model: str | None = None  # the event model (``EVENTWIRE_MODEL``) the coder was loaded with


def _get_coder():  # type: ignore[no-untyped-def]
    global _coder, _coder_model
    wanted = os.environ.get("EVENTWIRE_MODEL")
    if _coder is not None and _coder_model != wanted:
        # another model was chosen since (a recode --model in the process that ingested)
        from eventwire.coder import DocumentCoder
        _coder = DocumentCoder(_coder.nlp, _coder.dictionary, _coder.lexicon, parse_all=_coder.parse_all)
    elif _coder is None:
        from eventwire.coder import DocumentCoder
        _coder = DocumentCoder()
    _coder_model = wanted
    return _coder


def forget_coder() -> None:
    """Drop the loaded coder; the next chunk loads one under the current settings."""
    global _coder
    _coder = None


def warm_up() -> None:
    """Load the coder now (the workers' fork server does, once for all of
    them). A failure is left for the first chunk to report."""
    import eventwire.normalize.article  # noqa: F401 - every chunk is normalised first
    try:
        _get_coder()
    except Exception:  # noqa: BLE001 - reported, with its advice, where a chunk needs the coder
        forget_coder()


def normalize_safely(raw: RawArticle, doc_timeout: float | None = None) -> Document | InputProblem:
    """Normalise one article within ``doc_timeout`` seconds; a failure is a
    reported problem, never a crash."""
    from eventwire.normalize import normalize
    try:
        with time_bound(doc_timeout):
            return normalize(raw)
    except TimedOut:
        return timed_out(raw.source, "normalise", doc_timeout)
    except EventwireError as exc:
        return InputProblem(raw.source, str(exc).removeprefix(f"{raw.source}: "))
    except Exception as exc:  # one bad article must never stop a run
        log.exception("unexpected failure normalising %s", raw.source)
        return InputProblem(raw.source, f"internal error while normalising ({type(exc).__name__}: {exc}); "
                                        "please report it with this input")


def timed_out(source: str, stage: str, seconds: float | None) -> InputProblem:
    """The report of an article that took too long to ``stage``."""
    return InputProblem(source, f"took longer than {seconds:g} s to {stage}; skipped (give it "
                                "more time with --doc-timeout, or split it)")


def too_long(document: Document, limit: int) -> InputProblem:
    """The report of a document longer than the parser takes (spaCy's ``max_length``)."""
    return InputProblem(document.source, f"text is {len(document.text):,} characters, over the "
                                         f"{limit:,} the parser takes; split it into smaller files")


def process_chunk(raws: Sequence[RawArticle],
                  doc_timeout: float | None = DOC_TIMEOUT_S) -> list[CodedDocument | InputProblem]:
    """Normalise and code a chunk of articles, in order, each stage of each
    within ``doc_timeout`` seconds (None: no bound)."""
    documents = [normalize_safely(raw, doc_timeout) for raw in raws]
    if not any(isinstance(d, Document) for d in documents):
        return documents
    coder = _get_coder()  # no pipeline (ModelError) stops the run: no article is at fault
    limit = coder.nlp.max_length
    documents = [too_long(d, limit) if isinstance(d, Document) and len(d.text) > limit else d
                 for d in documents]
    ready = [d for d in documents if isinstance(d, Document)]
    if not ready:
        return documents
    try:
        # the batch within one document's time: a chunk is a second of work,
        # and a batch that takes longer is coded again a document at a time
        with time_bound(doc_timeout):
            coded = iter(coder.code_many(ready))
    except Exception:  # a bad or slow article in the batch: code one by one to find and report it
        return [d if isinstance(d, InputProblem) else _code_one(d, doc_timeout) for d in documents]
    return [d if isinstance(d, InputProblem) else next(coded) for d in documents]


def recode_chunk(documents: Sequence[Document]) -> list[CodedDocument | InputProblem]:
    """Code stored documents again (``eventwire recode``)."""
    coder = _get_coder()  # as in process_chunk: a missing pipeline stops the run
    try:
        return list(coder.code_many(documents))
    except Exception:  # find and report the document that fails, code the others
        return [_code_one(d) for d in documents]


def _code_one(document: Document, doc_timeout: float | None = None) -> CodedDocument | InputProblem:
    try:
        with time_bound(doc_timeout):
            return _get_coder().code(document)
    except TimedOut:
        return timed_out(document.source, "code", doc_timeout)
    except Exception as exc:  # reported with its source, the rest of the chunk goes on
        log.exception("unexpected failure coding %s", document.source)
        return InputProblem(document.source, f"internal error while coding ({type(exc).__name__}: {exc}); "
                                             "please report it with this input")


def worker_died(item: Any) -> InputProblem:
    """The report of an article whose worker process died coding it."""
    return InputProblem(getattr(item, "source", str(item)[:80]),
                        "the worker process coding it died (killed, out of memory or crashed); "
                        "skipped: run the same command again to retry it", retry=True)
