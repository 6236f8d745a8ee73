"""Helpers for the ingest tests: every input is written by the test itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from eventwire.ingest import read_inputs
from eventwire.records import InputProblem, RawArticle

Split = tuple[list[RawArticle], list[InputProblem]]
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def split(items: Sequence[RawArticle | InputProblem]) -> Split:
    """Articles and problems, each in the order read; every item is one or the other."""
    articles = [i for i in items if isinstance(i, RawArticle)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert len(articles) + len(problems) == len(items)
    for problem in problems:  # every problem is one line a user can read
        assert problem.reason and "\n" not in problem.reason
    return articles, problems


@pytest.fixture
def read() -> Callable[..., Split]:
    """read(*paths, **options) -> (articles, problems)."""
    def _read(*paths: Path | str, **options: Any) -> Split:
        return split(list(read_inputs([str(p) for p in paths], **options)))
    return _read


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("the shared folder next to the repository is missing")
    return SHARED
