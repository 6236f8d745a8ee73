"""Content hashes and MinHash signatures for exact and near-duplicate detection.

Near duplicates are found with LSH banding: 64 permutations in 16 bands of 4
rows. Two copies whose shingle sets have Jaccard similarity s share at least one
band key with probability 1 - (1 - s^4)^16: 0.99 at s = 0.7, 0.64 at s = 0.5,
0.12 at s = 0.3. Candidates are then confirmed with :func:`similarity`.

The MinHash is our own, a few lines of numpy: each shingle is hashed to 64
bits with BLAKE2b, and permutation k maps a hash h to a_k*h + b_k modulo 2^64
(a_k odd, so a bijection), its parameters derived from BLAKE2b of k.  Owning
it keeps signatures stable across library upgrades (datasketch 2.0 changed
its default scheme, so stored signatures silently stopped matching new ones)
and spares every process the 0.7 s it took to import datasketch and scipy.
"""

from __future__ import annotations

import hashlib
import re
import struct
from functools import lru_cache

import numpy as np

from eventwire.errors import UsageError

# Copies of one wire story that differ only in headline, dateline, boilerplate
# and sign-off score 0.75-0.95 on word 5-shingles; two different briefings on
# the same subject score below 0.15 (tests/normalize/test_dedup.py measures
# both). 0.6 sits between with room for the MinHash error (about ±0.06 at 64
# permutations) and for lightly edited rewrites.
NEAR_DUPLICATE_THRESHOLD: float = 0.6

SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


def canonical_text(text: str) -> str:
    """The text with whitespace collapsed and case folded, as hashed."""
    return " ".join(text.split()).casefold()


def content_hash(text: str) -> str:
    """A 16-hex-digit SHA-256 of the canonical text: identical articles, identical id."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()[:16]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The word ``size``-grams of the case-folded text (the whole text if shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _hash64(data: bytes, salt: bytes = b"") -> int:
    return int.from_bytes(hashlib.blake2b(salt + data, digest_size=8).digest(), "little")


@lru_cache(maxsize=4)
def permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The fixed parameters (a, b) of ``num_perm`` permutations h -> a*h + b mod 2^64."""
    a = np.array([_hash64(struct.pack("<I", k), b"eventwire-minhash-a") | 1 for k in range(num_perm)],
                 dtype=np.uint64)
    b = np.array([_hash64(struct.pack("<I", k), b"eventwire-minhash-b") for k in range(num_perm)],
                 dtype=np.uint64)
    return a, b


#: shingle hashes permuted at a time: a 64 x 65,536 array is 32 MB, where
#: permuting a 10 MB text's 1.7 million shingles at once took 870 MB
_HASH_BLOCK = 65_536


def minhash_signature(text: str, num_perm: int = 64) -> tuple[int, ...]:
    """A MinHash signature over word 5-shingles (fixed parameters: comparable across runs)."""
    hashes = np.fromiter((_hash64(s.encode("utf-8")) for s in shingles(text)), dtype=np.uint64)
    a, b = permutations(num_perm)
    lowest = np.full(num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2^64 is the point
        for start in range(0, len(hashes), _HASH_BLOCK):
            block = hashes[start:start + _HASH_BLOCK]
            permuted = np.multiply.outer(a, block) + b[:, None]
            np.minimum(lowest, permuted.min(axis=1), out=lowest)
    return tuple(int(v) for v in lowest)


def band_keys(signature: tuple[int, ...], bands: int = 16) -> list[str]:
    """LSH band keys: near-duplicates share at least one with high probability."""
    rows = len(signature) // bands
    if rows == 0:
        raise UsageError(f"a signature of {len(signature)} values cannot make {bands} bands")
    keys = []
    for band in range(bands):
        chunk = struct.pack(f"<{rows}Q", *signature[band * rows:(band + 1) * rows])
        keys.append(f"{band:02d}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The Jaccard similarity the two signatures estimate."""
    if len(a) != len(b):
        raise UsageError(f"signatures of different lengths ({len(a)} and {len(b)}) "
                         "cannot be compared; compute both with the same num_perm")
    if not a:
        return 0.0
    # plain Python: for 64 values, three times faster than making numpy arrays of them
    return sum(x == y for x, y in zip(a, b)) / len(a)
