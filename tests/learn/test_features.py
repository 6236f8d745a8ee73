"""Hashed word and character features."""

from __future__ import annotations

import numpy as np

from eventwire.learn import features


def test_a_word_is_looked_up_in_the_column_the_vectorizer_counts_it_in() -> None:
    for word in ("attack", "shelled", "china's", "talks", "ceasefire"):
        row = features.counts([word])
        word_columns = row.indices[row.indices < features.BUCKETS]
        assert features.word_column(word) in word_columns


def test_rows_are_unit_length_and_sublinear() -> None:
    raw = features.counts(["Troops shelled the town.", "Troops troops troops."])
    idf = features.idf_weights(raw)
    x = features.weighted(raw, idf)
    assert np.allclose(np.sqrt(x.multiply(x).sum(axis=1)).A.ravel(), 1.0)
    assert x.shape == (2, features.WIDTH)


def test_sentence_words_are_lower_case_in_order_with_names_masked() -> None:
    assert features.sentence_words("China's navy shelled the Philippine boat.") == [
        "china's", "navy", "shelled", "the", "name", "boat"]


def test_names_are_masked_but_not_the_first_word_or_a_headline() -> None:
    assert features.masked("Officers from the Defense Ministry spoke by phone.") == \
        "Officers from the NAME NAME spoke by phone."
    assert features.masked("Rebels Seize Northern Town After Siege") == "Rebels Seize Northern Town After Siege"
    assert features.masked('He left. "We Will" go') == 'He left. "We NAME go'

