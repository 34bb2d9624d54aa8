"""The duplicate decision: is a new article a copy of one already seen?

Exact: the same normalised body. Near: MinHash/LSH candidates confirmed by the exact Jaccard of the
word 5-shingles, ≥ :data:`COPY` a copy, ≥ :data:`UPDATE` an updated version. Either needs the
title check: outlets reuse a body under a new headline about a different story (Sky News), and a
body match alone must not merge those.
"""

from __future__ import annotations

from typing import NamedTuple

from .signature import Signature, jaccard

COPY = 0.8
UPDATE = 0.5
TITLE_MIN = 0.5  # share of the shorter title's words found in the other title
MIN_SHINGLES = 8  # bodies shorter than this are only compared exactly


class Duplicate(NamedTuple):
    canonical: str  # article id of the first version seen
    kind: str  # exact | copy | update
    jaccard: float


def title_overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Share of the shorter title's distinct words that the other title has (1.0 when either has none)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 1.0
    return len(sa & sb) / min(len(sa), len(sb))


def duplicate_of(sig: Signature, candidates: list[Signature]) -> Duplicate | None:
    """The best duplicate among ``candidates`` (earlier articles, in the order seen), or None."""
    best: Duplicate | None = None
    for c in candidates:
        if c.article_id == sig.article_id or title_overlap(sig.title_words, c.title_words) < TITLE_MIN:
            continue
        if c.body_hash == sig.body_hash:
            return Duplicate(c.article_id, "exact", 1.0)
        if min(sig.shingles.size, c.shingles.size) < MIN_SHINGLES:
            continue
        j = jaccard(sig.shingles, c.shingles)
        if j >= UPDATE and (best is None or j > best.jaccard):
            best = Duplicate(c.article_id, "copy" if j >= COPY else "update", round(j, 4))
    return best
