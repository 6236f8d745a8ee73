"""Hashed word and character features."""

from __future__ import annotations

import numpy as np

from eventwire.learn import features


def test_a_word_is_looked_up_in_the_column_the_vectorizer_counts_it_in() -> None:
    for word in ("attack", "shelled", "china's", "talks", "ceasefire"):
        row = features.counts([word])
        word_columns = row.indices[row.indices < features.BUCKETS]
        assert features.column(word) in word_columns


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



#: odd shapes as well as plain ones: empty, one letter, non-Latin, curly quotes, runs of spaces
AWKWARD = ["", "A", "Troops  shelled\tthe town  again.", "Ministers in Kyiv — and Moscow — said “no”.",
           "Президент заявил: «нет».", "The U.S.-led coalition's 2nd strike, at 05:00 GMT, hit N'Djamena.",
           "ok ok ok ok", "Xi 习近平 met Biden."]


def _sentences() -> list[str]:
    import json
    from importlib.resources import files
    training = files("eventwire") / "data" / "training"
    texts = [json.loads(line)["text"] for path in sorted(training.iterdir(), key=lambda p: p.name)
             if path.name.endswith(".jsonl") for line in path.read_text(encoding="utf-8").splitlines()[:40]]
    return AWKWARD + texts


def test_counts_are_scikit_learns_hashed_counts_column_for_column() -> None:
    # the shipped model was trained on scikit-learn's HashingVectorizer; the
    # coder now hashes without importing it, and must count the same columns
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    options = {"n_features": features.BUCKETS, "alternate_sign": False, "norm": None, "lowercase": True,
               "dtype": np.float32}
    words = HashingVectorizer(ngram_range=(1, 2), token_pattern=features.TOKEN_PATTERN, **options)
    chars = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **options)
    texts = _sentences()
    masked = [features.masked(t) for t in texts]
    expected = hstack([words.transform(masked), chars.transform(masked)], format="csr")
    got = features.counts(texts)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0


def test_weighting_is_scikit_learns_l2_normalisation() -> None:
    from sklearn.preprocessing import normalize
    raw = features.counts(_sentences())
    idf = features.idf_weights(raw)
    expected = raw.copy()
    expected.data = (1 + np.log(expected.data)) * idf[expected.indices]
    expected = normalize(expected)
    got = features.weighted(raw, idf)
    assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
    assert np.allclose(got.data, expected.data, rtol=1e-6, atol=1e-7)
    assert got[0].nnz == 0  # the empty sentence stays empty, not NaN


def test_the_coder_can_score_a_sentence_without_scikit_learn() -> None:
    import subprocess
    import sys
    code = ("import sys; from eventwire.learn import features; "
            "features.weighted(features.counts(['Troops shelled the town.']), "
            "__import__('numpy').ones(features.WIDTH, dtype='float32')); "
            "print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
