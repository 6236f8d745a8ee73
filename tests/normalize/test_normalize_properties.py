"""Property-based tests of the normaliser (issue 26): any text gives a document
or an InputError, within the time bound."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.timebound import time_bound
from eventwire.errors import InputError
from eventwire.normalize import normalize
from eventwire.records import RawArticle

WORDS = ["on", "Monday", "Tuesday", "in", "2019", "2024", "October", "20", "Sept.", "early", "June",
         "since", "will", "last", "ago", "BEIJING,", "Dec.", "26", "(Xinhua)", "--", "Reuters", "EFE",
         "Photo:", "VCG", "President", "Xi", "Jinping", "former", "date", "2023-05-04", ".", ",", "\n",
         "\n\n", "\u200b", "\x00", "\u202e", "\ud800", "\udfff", "“", "”", "said", "talks", "Donald",
         "Trump", "jco/bks"]
texts = st.one_of(st.text(max_size=400),
                  st.lists(st.sampled_from(WORDS), max_size=300).map(" ".join))
metadata = st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["2024-02-30", "Thu, 29 Oct 2020",
                                                                       "9999-99-99T99", "0001-01-01"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, title=st.one_of(st.none(), st.text(max_size=50)), published=metadata,
       url=st.one_of(st.none(), st.text(max_size=40)), outlet=st.one_of(st.none(), st.text(max_size=20)))
def test_any_text_normalises_to_a_document_or_an_input_error(text, title, published, url, outlet):
    raw = RawArticle(source="any.txt", text=text, title=title, published=published, url=url, outlet=outlet)
    try:
        with time_bound(30):
            document = normalize(raw, today=date(2026, 1, 1))
    except InputError as error:
        assert error.reason and "\n" not in error.reason
        return
    assert document.text.strip() and document.id
    assert "\x00" not in document.text
    document.text.encode("utf-8")  # storable: no lone surrogates
