"""The unit of work every engine runs: a chunk of raw articles -> coded documents.

Each worker process keeps one coder (spaCy pipeline, dictionary, lexicon),
loaded on first use, so a chunk costs only its own parsing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from eventwire.errors import EventwireError
from eventwire.records import CodedDocument, Document, InputProblem, RawArticle

log = logging.getLogger(__name__)
#: what a chunk of work gives back, an item at a time
Result = CodedDocument | InputProblem
#: a chunk of items -> its results, in order
Work = Callable[[list[Any]], list[Result]]
_coder = None


def _get_coder():  # type: ignore[no-untyped-def]
    global _coder
    if _coder is None:
        from eventwire.coder import DocumentCoder
        _coder = DocumentCoder()
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


def normalize_safely(raw: RawArticle) -> Document | InputProblem:
    """Normalise one article; a failure is a reported problem, never a crash."""
    from eventwire.normalize import normalize
    try:
        return normalize(raw)
    except EventwireError as exc:
        return InputProblem(raw.source, str(exc).removeprefix(f"{raw.source}: "))
    except Exception as exc:  # one bad article must never stop a run
        log.exception("unexpected failure normalising %s", raw.source)
        return InputProblem(raw.source, f"internal error while normalising ({type(exc).__name__}: {exc}); "
                                        "please report it with this input")


def process_chunk(raws: Sequence[RawArticle]) -> list[CodedDocument | InputProblem]:
    """Normalise and code a chunk of articles, in order."""
    documents = [normalize_safely(raw) for raw in raws]
    ready = [d for d in documents if isinstance(d, Document)]
    if not ready:
        return documents
    coder = _get_coder()  # no pipeline (ModelError) stops the run: no article is at fault
    try:
        coded = iter(coder.code_many(ready))
    except Exception:  # a bad article in the batch: code one by one to find and report it
        return [d if isinstance(d, InputProblem) else _code_one(d) for d in documents]
    return [d if isinstance(d, InputProblem) else next(coded) for d in documents]


def recode_chunk(documents: Sequence[Document]) -> list[CodedDocument | InputProblem]:
    """Code stored documents again (``eventwire recode``)."""
    coder = _get_coder()  # as in process_chunk: a missing pipeline stops the run
    try:
        return list(coder.code_many(documents))
    except Exception:  # find and report the document that fails, code the others
        return [_code_one(d) for d in documents]


def _code_one(document: Document) -> CodedDocument | InputProblem:
    try:
        return _get_coder().code(document)
    except Exception as exc:  # reported with its source, the rest of the chunk goes on
        log.exception("unexpected failure coding %s", document.source)
        return InputProblem(document.source, f"internal error while coding ({type(exc).__name__}: {exc}); "
                                             "please report it with this input")


def worker_died(item: Any) -> InputProblem:
    """The report of an article whose worker process died coding it."""
    return InputProblem(getattr(item, "source", str(item)[:80]),
                        "the worker process coding it died (killed, out of memory or crashed); "
                        "skipped: run the same command again to retry it", retry=True)
