"""Same-story likelihood of two articles (issue #12): the score the story decision and ``khabar eval similarity`` read.

Three signals, each cheap once an article is analysed, combined by a logistic regression trained on hand-judged
article pairs (``data/gold/story_pairs_ant.tsv``, ``scripts/train_story_pairs.py``; coefficients in
``data/models/story-pairs.json``):

* ``e5``: the cosine of the two lead embeddings (multilingual-e5-small on the title and the first
  characters of the body: :func:`.signature.lead_text`);
* ``terms``: the cosine of the two TF-IDF vectors of the title and the first :data:`TERM_CHARS` body
  characters (stems; word rarities from the ANT corpus, so one article has an IDF too), of which the
  :data:`TOP_TERMS` heaviest are kept;
* ``entities``: the Jaccard of the entity ids (people, organisations, places, resolved or not) named in that
  same stretch.

Where one of the two has no terms (a store written before they were kept), an embedding-only regression
trained on the same pairs gives the likelihood, so that both are on one scale.
"""

from __future__ import annotations

import functools
import json
import zlib
from collections.abc import Iterable, Sequence
from importlib import resources

import numpy as np

from ..model import Analysis, Token
from ..text.tokenize import tokenize
from .summary import cosine, term_vector  # the summariser's TF-IDF vectors and their cosine

TERM_CHARS = 1000  # body characters after the title whose words and names are compared
TOP_TERMS = 64  # the heaviest TF-IDF terms kept per article
MODEL = "story-pairs.json"
FEATURES = ("e5", "terms", "entities")


def _cut(a: Analysis, title_len: int) -> int:
    text = a.article.text
    end = min(len(text), title_len + 1 + TERM_CHARS)
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end -= 1  # not inside a word
    return end


def _tokens(a: Analysis, end: int) -> list[Token]:
    toks = [t for s in a.sentences if s.start < end for t in s.tokens if t.end <= end]
    return toks if toks else tokenize(a.article.text, 0, end)


def compact(vec: dict[str, float], top: int = TOP_TERMS) -> dict[str, float]:
    """The ``top`` heaviest terms of a vector, weights rounded (what a store keeps)."""
    best = sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {k: round(v, 4) for k, v in best}


def article_terms(a: Analysis) -> tuple[dict[str, float], tuple[str, ...]]:
    """The TF-IDF terms and the entity ids of the title and the first :data:`TERM_CHARS` body characters."""
    title_len = len(a.article.title or "") if a.article.title and a.article.text.startswith(a.article.title) else 0
    end = _cut(a, title_len)
    terms = compact(term_vector(_tokens(a, end)))
    ents = sorted({m.entity for m in a.mentions if m.entity and m.start < end})
    return terms, tuple(ents)


def packed(terms: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """A term vector as two small arrays — sorted CRC32 ids of the terms and their weights — which is what
    a story index keeps of each article (a dict of 64 strings and floats weighs ~20 times more)."""
    if not terms:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.float32)
    ids = np.fromiter((zlib.crc32(k.encode("utf-8")) for k in terms), dtype=np.uint32, count=len(terms))
    w = np.fromiter(terms.values(), dtype=np.float32, count=len(terms))
    order = np.argsort(ids, kind="stable")
    return ids[order], w[order]


def packed_cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """:func:`cosine` of two :func:`packed` vectors."""
    _, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(np.dot(a[1][ia].astype(np.float64), b[1][ib].astype(np.float64)))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    x, y = set(a), set(b)
    return len(x & y) / len(x | y) if x | y else 0.0


class PairModel:
    """The two logistic regressions (all features; the embedding alone), evaluated with NumPy."""

    def __init__(self, spec: dict) -> None:
        self.spec = spec
        self.full = {k: np.asarray(v, dtype=np.float64) for k, v in spec["full"].items()}
        self.e5 = {k: np.asarray(v, dtype=np.float64) for k, v in spec["e5_only"].items()}
        self.threshold = float(spec["threshold"])

    @staticmethod
    def _p(m: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
        z = ((x - m["mean"]) / m["scale"]) @ m["coef"] + m["intercept"][0]
        return 1.0 / (1.0 + np.exp(-z))

    def likelihood(self, e5: Sequence[float], terms: Sequence[float | None],
                   entities: Sequence[float | None]) -> np.ndarray:
        """P(same story) of each pair; a pair with ``terms`` None is scored on the embedding alone."""
        e5a = np.asarray(e5, dtype=np.float64)
        out = self._p(self.e5, e5a[:, None])
        full = np.array([t is not None and e is not None for t, e in zip(terms, entities, strict=True)])
        if full.any():
            x = np.column_stack([e5a[full], np.array([t for t, f in zip(terms, full, strict=True) if f], dtype=float),
                                 np.array([e for e, f in zip(entities, full, strict=True) if f], dtype=float)])
            out[full] = self._p(self.full, x)
        return out


@functools.lru_cache(maxsize=1)
def default_model() -> PairModel:
    path = resources.files("khabar") / "data" / "models" / MODEL
    return PairModel(json.loads(path.read_text(encoding="utf-8")))


__all__ = ["FEATURES", "PairModel", "TERM_CHARS", "TOP_TERMS", "article_terms", "compact", "cosine",
           "default_model", "jaccard", "packed", "packed_cosine"]
