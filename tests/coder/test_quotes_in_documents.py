"""Quotations in a whole document: found wherever they open, attributed where they end."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coder import DocumentCoder
from eventwire.records import Document

TEXT = ("BEIJING, March 2 (Reuters) - China's defence ministry spokesman Wu Qian spoke to reporters "
        "on Thursday about the drills. “Our forces are calm and steady. The situation is under "
        "control,” Wu said. The weather was mild in the capital. “Nobody gains from panic.”")


@pytest.fixture(scope="module")
def coded(nlp):
    coder = DocumentCoder(nlp)
    doc = Document(id="q1", source="q1.txt", text=TEXT, published=date(2023, 3, 2))
    return coder, coder.code(doc)


def test_quote_opening_in_a_sentence_with_no_trigger_is_kept(coded) -> None:
    _, result = coded
    texts = [q.text for q in result.quotes]
    assert any(t.startswith("Our forces are calm and steady") for t in texts)
    quote = next(q for q in result.quotes if q.text.startswith("Our forces"))
    assert quote.speaker is not None and quote.speaker.code == "CHN"
    assert "Wu" in quote.speaker_text


def test_quote_with_no_reporting_verb_goes_to_the_last_speaker_unparsed(coded) -> None:
    coder, result = coded
    last = next(q for q in result.quotes if q.text.startswith("Nobody gains"))
    assert last.speaker is not None and "Wu" in last.speaker_text
    # the sentence it ends in names no speaker, so it is not sent to the parser
    sentences = coder.sentences(TEXT)
    assert not sentences[-1].candidate and sentences[-2].candidate is False


def test_a_quote_ends_without_the_comma_before_its_attribution(coded) -> None:
    _, result = coded
    texts = [q.text for q in result.quotes]
    assert "Our forces are calm and steady. The situation is under control" in texts
    assert "Nobody gains from panic." in texts  # the speaker's own full stop stays
    quote = next(q for q in result.quotes if q.text.startswith("Our forces"))
    assert TEXT[quote.evidence.start:quote.evidence.end].startswith(quote.text)
