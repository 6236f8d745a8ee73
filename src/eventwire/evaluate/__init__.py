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
from eventwire.evaluate.realnews import (DEFAULT_CORPUS, GoldSentence, RealNewsReport, evaluate_stories,
                                         load_corpus, load_story_gold)
from eventwire.evaluate.sentences import SentenceReport, code_sentences, score_pairs

__all__ = ["Evaluation", "RealNewsReport", "Scores", "SentenceReport", "evaluate", "gold_files", "load_gold",
           "locate", "score_document"]


@dataclass
class Evaluation:
    """Sentence-level and document-level figures of one run."""

    sentences: SentenceReport | None = None
    documents: Scores | None = None
    real_news: RealNewsReport | None = None
    files: list[str] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"files": self.files}
        if self.real_news is not None:
            out["real_news"] = self.real_news.as_dict(with_errors)
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


GOLD_SUFFIXES = (".json", ".jsonl")


def gold_files(paths: Sequence[Path]) -> list[Path]:
    """The gold files named: files as given, folders for the JSON and JSON
    Lines files in them (sorted)."""
    from eventwire.errors import UsageError
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in GOLD_SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"no gold files (.json, .jsonl) in the folder {path}")
            out += found
        elif path.is_file():
            out.append(path)
        else:
            raise UsageError(f"gold file or folder not found: {path}")
    return out


def find_corpus(corpus: Path | None, gold_path: Path) -> Path:
    """The story corpus the real-news gold points into: as given, or the
    default one in a ``shared`` folder above the gold file."""
    return corpus if corpus is not None else find_document(DEFAULT_CORPUS, gold_path)


def evaluate(paths: Sequence[Path], coder: Any = None, corpus: Path | None = None) -> Evaluation:
    """Score the coder on gold files of any shape (files or folders)."""
    from eventwire.coder import DocumentCoder
    paths = gold_files(paths)
    coder = coder or DocumentCoder()
    result = Evaluation(files=[str(p) for p in paths])
    records: list[SentenceGold] = []
    stories: list[GoldSentence] = []
    for path in paths:
        shape = shape_of(path)
        if shape == "documents":
            result.documents = result.documents or Scores()
            result.documents.add(_document_scores(path, coder))
        elif shape == "stories":
            stories.extend(load_story_gold([path]))
        else:
            records.extend(load_sentences(path))
    if records:
        result.sentences = score_pairs(code_sentences(records, coder))
    if stories:
        corpus_path = find_corpus(corpus, paths[0])
        result.real_news = evaluate_stories(stories, load_corpus(corpus_path), coder)
    return result
