"""Content hash and MinHash near-duplicate keys on real and invented copies."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eventwire.errors import UsageError
from eventwire.normalize.dedup import (NEAR_DUPLICATE_THRESHOLD, band_keys, content_hash,
                                       minhash_signature, shingles, similarity)

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _story(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(2000)]
    return " ".join(rng.choice(vocab) for _ in range(words))


def test_content_hash_folds_case_and_whitespace() -> None:
    assert content_hash("A  b\nC") == content_hash("a b c")
    assert content_hash("a b c") != content_hash("a b d") and len(content_hash("x")) == 16


def test_signature_is_deterministic() -> None:
    assert minhash_signature("one two three four five six") == \
        minhash_signature("one two three four five six")
    assert len(minhash_signature("x", num_perm=128)) == 128


def test_wire_copies_share_a_band_key_and_pass_threshold() -> None:
    body = _story(1)
    copy_a = "Navies to talk\n" + body + " EFE"
    copy_b = "Top news: navies will talk\nHANOI, May 2 (AFP) - " + body + "\nRelated Articles"
    a, b = minhash_signature(copy_a), minhash_signature(copy_b)
    assert similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD
    assert set(band_keys(a)) & set(band_keys(b))


def test_different_stories_do_not_match() -> None:
    a, b = minhash_signature(_story(1)), minhash_signature(_story(2))
    assert similarity(a, b) < 0.1
    assert not set(band_keys(a)) & set(band_keys(b))


def test_seed_pairs_are_not_near_duplicates_but_edited_copies_are() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds folder is missing")
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    sigs = [minhash_signature(t) for t in texts]
    for i in range(len(sigs)):
        for j in range(i + 1, len(sigs)):
            assert similarity(sigs[i], sigs[j]) < 0.2
        paragraphs = [p for p in texts[i].split("\n") if p.strip()]
        edited = "A different headline\n" + "\n".join(paragraphs[:-1]) + "\nSome agency"
        assert similarity(sigs[i], minhash_signature(edited)) >= NEAR_DUPLICATE_THRESHOLD


def test_band_keys_and_similarity_errors() -> None:
    assert len(band_keys(minhash_signature("a b c d e f"))) == 16
    with pytest.raises(UsageError):
        band_keys((1, 2, 3), bands=16)
    with pytest.raises(UsageError):
        similarity((1, 2), (1, 2, 3))


def test_signature_estimates_jaccard_similarity() -> None:
    # shingle sets with known overlap: the estimate is within MinHash's error (~0.06 at 64)
    words = _story(7, words=1200).split()
    for keep in (200, 500, 800):
        a = " ".join(words[:1000])
        b = " ".join(words[1000 - keep:1000] + words[:1000 - keep][::-1])
        sa, sb = shingles(a), shingles(b)
        exact = len(sa & sb) / len(sa | sb)
        assert abs(similarity(minhash_signature(a), minhash_signature(b)) - exact) < 0.15


def test_signature_and_band_keys_are_pinned() -> None:
    # stored documents are matched against new ones by these values: a change
    # to the hashing scheme silently stops near-duplicates from being linked
    sig = minhash_signature("one two three four five six seven")
    assert sig[:3] == (7338361572861990219, 891292928741550803, 2302431205818195905)
    assert band_keys(sig)[:2] == ["00:285efc933fb76704", "01:c85d5b25c2c7ec60"]
    assert all(0 <= v < 2 ** 64 for v in sig)
