"""Near-duplicate and syndicated-copy detection with MinHash over word shingles.

Input: article texts. Output: a MinHash signature per text and its LSH band keys; two texts
whose estimated Jaccard similarity of word 5-shingles reaches the threshold are copies of one
another, and later stages count them as one voice.

Each signature is 64 minimum hashes; LSH splits it into 16 bands of 4 rows, so two texts become
candidates when any band matches (about 64% likely at Jaccard 0.5, over 99.9% at 0.8), and the
candidate's estimated similarity then decides. Lookups go through indexed band keys, so the cost
of checking one new article does not grow with the size of the store.
Known limits: a short wire item embedded in a much longer article has a low Jaccard similarity
and is not flagged; translations of one story are not copies by this measure.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
NUM_HASHES = 64
BANDS = 16
ROWS = NUM_HASHES // BANDS
_PRIME = np.uint64(4294967311)  # the first prime above 2**32
_rng = np.random.default_rng(20250515)  # fixed: signatures must be the same in every run
_A = _rng.integers(1, 2**32 - 1, size=NUM_HASHES, dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=NUM_HASHES, dtype=np.uint64)
_MIX = np.array([np.uint64(0x9E3779B1 * (i + 1) % 2**32) for i in range(SHINGLE_WORDS)])
_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint32]


class Shingler:
    """Word hashes are cached, since vocabularies repeat heavily across news articles."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def shingles(self, text: str) -> npt.NDArray[np.uint64]:
        cache = self._cache
        words = _WORD.findall(text.casefold())
        hashes = np.fromiter(
            (cache.get(w) or cache.setdefault(w, zlib.crc32(w.encode())) for w in words),
            dtype=np.uint64,
            count=len(words),
        )
        if len(hashes) < SHINGLE_WORDS:
            return np.array([int(hashes.sum()) % 2**32], dtype=np.uint64) if len(hashes) else hashes
        n = len(hashes) - SHINGLE_WORDS + 1
        combined = np.zeros(n, dtype=np.uint64)
        for i in range(SHINGLE_WORDS):
            combined = (combined * np.uint64(31) + hashes[i : i + n] * _MIX[i]) % np.uint64(2**32)
        return np.unique(combined)

    def signature(self, text: str) -> Signature:
        shingles = self.shingles(text)
        if len(shingles) == 0:
            return np.full(NUM_HASHES, 2**32 - 1, dtype=np.uint32)
        # (a * x + b) mod p for every hash function and shingle; the minimum per function.
        values: npt.NDArray[np.uint64] = (np.outer(shingles, _A) + _B) % _PRIME
        return np.asarray(values.min(axis=0), dtype=np.uint32)


def band_keys(signature: Signature) -> list[tuple[int, str]]:
    """(band number, key) pairs: texts that share any pair are candidates."""
    return [
        (
            band,
            hashlib.blake2b(
                signature[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8
            ).hexdigest(),
        )
        for band in range(BANDS)
    ]


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_HASHES


def to_bytes(signature: Signature) -> bytes:
    return signature.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
