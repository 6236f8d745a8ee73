"""Evaluating the coder against gold data (sentence records and document records).

``evaluate(paths)`` reads each gold file, codes what it holds, and returns the
figures: ``SentenceReport`` for PLOVER sentence records, ``Scores`` for
eventwire document records (see ``tests/gold/README.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.evaluate.documents import Scores, find_document, load_gold, locate, score_document
from eventwire.evaluate.gold import SentenceGold, load_sentences, shape_of
from eventwire.evaluate.sentences import SentenceReport, code_sentences, score_pairs

__all__ = ["Evaluation", "Scores", "SentenceReport", "evaluate", "load_gold", "locate", "score_document"]


@dataclass
class Evaluation:
    """Sentence-level and document-level figures of one run."""

    sentences: SentenceReport | None = None
    documents: Scores | None = None
    files: list[str] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"files": self.files}
        if self.sentences is not None:
            out["sentences"] = self.sentences.as_dict(with_errors)
        if self.documents is not None:
            out["documents"] = self.documents.as_dict()
            if with_errors:
                out["documents"]["missed"] = self.documents.missed
                out["documents"]["spurious"] = self.documents.spurious
        return out


def _document_scores(path: Path, coder: Any) -> Scores:
    from eventwire.ingest import read_inputs
    from eventwire.normalize import normalize
    from eventwire.records import InputProblem
    gold = load_gold(path)
    items = list(read_inputs([str(find_document(gold["document"], path))]))
    if len(items) != 1 or isinstance(items[0], InputProblem):
        from eventwire.errors import DataError
        raise DataError(f"{path}: its document could not be read as one article ({items[:1]})")
    document = normalize(items[0])
    return score_document(locate(gold, document.text, str(path)), coder.code(document).events)


def evaluate(paths: Sequence[Path], coder: Any = None) -> Evaluation:
    """Score the coder on gold files of either shape."""
    from eventwire.coder import DocumentCoder
    coder = coder or DocumentCoder()
    result = Evaluation(files=[str(p) for p in paths])
    records: list[SentenceGold] = []
    for path in paths:
        if shape_of(path) == "documents":
            result.documents = result.documents or Scores()
            result.documents.add(_document_scores(path, coder))
        else:
            records.extend(load_sentences(path))
    if records:
        result.sentences = score_pairs(code_sentences(records, coder))
    return result
