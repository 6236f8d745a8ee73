"""The real coder, on texts written in the tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from eventwire.coder import DocumentCoder
from eventwire.records import Document, Event


@pytest.fixture(scope="session")
def coder(nlp) -> DocumentCoder:
    return DocumentCoder(nlp, model="rules")  # these tests pin the rules; tests/coder/test_decide.py the model


@pytest.fixture(scope="session")
def event_of(coder: DocumentCoder) -> Callable[[str, str], Event]:
    """The first event of a category the coder finds in a text (reported 2023-02-23)."""
    def find(text: str, category: str) -> Event:
        coded = coder.code(Document(id="d", source="d.txt", text=text, published=date(2023, 2, 23)))
        found = [e for e in coded.events if e.category == category]
        assert found, f"no {category} in {[e.category for e in coded.events]}"
        return found[0]
    return find




@pytest.fixture(scope="session")
def categories_of(coder: DocumentCoder) -> Callable[[str], list[str]]:
    """The categories of the events the coder finds in a text, in order."""
    def find(text: str) -> list[str]:
        return [e.category for e in coder.code(Document(id="d", source="d.txt", text=text)).events]
    return find
