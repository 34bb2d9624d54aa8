"""The two-stage feature CRF of ``crf.py`` scored in NumPy, for the ensemble: the same attributes as
``sentence_features`` / ``doc_features`` (that code stays the definition, and what training uses), but
a word's own attributes and the ones it lends its neighbours are looked up once per word and model and
kept as summed weight vectors; only what depends on the sentence (gazetteer tags, word pairs, edges,
stage-1 tags, document votes) is looked up per token. Stage 1 is decoded by Viterbi, stage 2 gives
per-token tag posteriors, both batched over the document's sentences (``lattice.py``).
"""

from __future__ import annotations

import numpy as np

from ..text.tokenize import stem
from .crf import LOC_TRIGGERS, NER, ORG_TRIGGERS, PER_TRIGGERS, TokenRecord, doc_attributes, lexical_profile
from .crfweights import CrfWeights
from .lattice import posteriors, viterbi
from .rowcache import RowCache

_OFFS = (-2, -1, 1, 2)


def _local(n: str, b: str, shape: str, cls: tuple[str, str, str]) -> list[str]:
    """A token's own attributes (``sentence_features`` without the gazetteer and context)."""
    out = ["bias", "w=" + n, "b=" + b, "sh=" + shape, "c1=" + cls[0], "c2=" + cls[1], "c3=" + cls[2]]
    if shape != "ar":
        return out
    core = b[2:] if b.startswith("ال") and len(b) > 3 else b
    out.append("st=" + stem(core))
    if b.startswith("ال"):
        out.append("al")  # value 0.0 otherwise: adds nothing
    if len(b) < len(n):
        out.append("pro=" + n[: len(n) - len(b)])
    for k in (1, 2, 3, 4):
        if len(core) > k:
            out += [f"p{k}=" + core[:k], f"s{k}=" + core[-k:]]
    pal, psuf, pfreq = lexical_profile(core)
    out += ["len=" + str(min(len(core), 8)), "lal=" + pal, "lsuf=" + psuf, "lfq=" + pfreq, "lal|suf=" + pal + psuf]
    if cls[0] == "-":
        out.append("oov")
    return out


def _lent(off: int, n: str, b: str, shape: str, cls: tuple[str, str, str]) -> list[str]:
    """The attributes a word gives the token ``-off`` away (it sits at offset ``off`` from it)."""
    out = [f"{off}:b=" + b, f"{off}:c2=" + cls[1], f"{off}:c1=" + cls[0]]
    if abs(off) == 1:
        out += [f"{off}:w=" + n, f"{off}:c3=" + cls[2], f"{off}:sh=" + shape]
    if off == -1:  # trigger words before a token
        pc = b[2:] if b.startswith("ال") else b
        for name, trig in (("PER", PER_TRIGGERS), ("ORG", ORG_TRIGGERS), ("LOC", LOC_TRIGGERS)):
            if b in trig or pc in trig:
                out.append("trig=" + name)
    return out


def _context(rec: TokenRecord) -> list[list[str]]:
    """Per token, the attributes of word pairs (with the previous and the next word)."""
    b, cls = rec.bases, rec.cls
    n = len(b)
    out: list[list[str]] = []
    for i in range(n):
        attrs = ["-1|0=" + b[i - 1] + "|" + b[i], "c-1|0=" + cls[i - 1][1] + "|" + cls[i][1]] if i else []
        if i + 1 < n:
            attrs.append("0|+1=" + b[i] + "|" + b[i + 1])
        out.append(attrs)
    return out


class CrfScorer:
    """The ensemble's view of a two-stage :class:`~khabar.entities.crf.NER`: stage-1 tags and the final
    stage's per-token posteriors, for all sentences of a document. The stages' weights sit side by side
    (columns ``[k*L, (k+1)*L)`` for stage ``k``) over the union of their attributes, so one lookup per
    attribute or word serves both."""

    def __init__(self, ner: NER) -> None:
        stages = [CrfWeights.load(p) for p in ner.model_paths]
        self.labels = stages[0].labels
        if any(w.labels != self.labels for w in stages):
            raise ValueError("CRF stages with different label sets")
        self.n = len(self.labels)
        self.attrs: dict[str, int] = {}
        for w in stages:
            for a in w.attrs:
                self.attrs.setdefault(a, len(self.attrs))
        self.weights = np.zeros((len(self.attrs) + 1, self.n * len(stages)))  # last row: zeros
        for k, w in enumerate(stages):
            rows = np.fromiter((self.attrs[a] for a in w.attrs), np.int64, len(w.attrs))
            self.weights[rows, k * self.n : (k + 1) * self.n] = w.state
        self.trans = [w.trans for w in stages]
        self.edges = {off: self._vector([f"{off}:edge"]) for off in _OFFS}
        self._rows = RowCache((1 + len(_OFFS), self.weights.shape[1]), self.weights.dtype)

    def _vector(self, attrs: list[str]) -> np.ndarray:
        rows = [i for a in attrs if (i := self.attrs.get(a)) is not None]
        return self.weights[rows].sum(axis=0) if rows else np.zeros(self.weights.shape[1])

    def _vectors(self, groups: list[list[str]]) -> np.ndarray:
        """``_vector`` of each group, in one gather (every group also takes the zero row, so none is
        empty)."""
        get = self.attrs.get
        ids: list[int] = []
        starts: list[int] = []
        for attrs in groups:
            starts.append(len(ids))
            ids += [i for a in attrs if (i := get(a)) is not None]
            ids.append(len(self.attrs))
        return np.add.reduceat(self.weights[ids], starts, axis=0)

    def _word_rows(self, rec: TokenRecord, i: int) -> np.ndarray:
        """(5, stages × L): token ``i``'s own attributes (its gazetteer tag included), then what it lends
        the tokens at offsets -2, -1, +1, +2 from it."""
        n, b, shape, cls, g = rec.norms[i], rec.bases[i], rec.shapes[i], rec.cls[i], rec.gaz[i]
        groups = [_local(n, b, shape, cls) + ["gaz=" + g]]
        groups += [_lent(off, n, b, shape, cls) + ([f"{off}:gaz=" + g] if abs(off) == 1 else []) for off in _OFFS]
        return self._vectors(groups)

    def _sentence_scores(self, rec: TokenRecord) -> np.ndarray:
        """Stage scores (tokens, stages × L) of one non-empty sentence, without stage-2 attributes.
        Word rows are cached by word and gazetteer tag."""
        keys = [w if g == "O" else (w, g) for w, g in zip(rec.words, rec.gaz, strict=True)]
        a = self._rows.gather(keys, lambda i: self._word_rows(rec, i))
        s = a[:, 0].copy()
        n = len(s)
        for r, off in enumerate(_OFFS, start=1):  # row r of the word at i + off serves token i
            if off < 0:
                s[-off:] += a[: n + off, r]
                s[:-off] += self.edges[off]
            else:
                s[: n - off] += a[off:, r]
                s[max(n - off, 0) :] += self.edges[off]
        return s + self._lookup(_context(rec))

    def _lookup(self, attrs: list[list[str]]) -> np.ndarray:
        """Summed weights of each token's attributes (tokens, stages × L)."""
        get = self.attrs.get
        ids = [[i for x in c if (i := get(x)) is not None] for c in attrs]
        idx = np.full((len(ids), max(map(len, ids)) or 1), len(self.attrs))
        for i, c in enumerate(ids):
            idx[i, : len(c)] = c
        return self.weights[idx].sum(axis=1)

    def tag_and_marginals(self, recs: list[TokenRecord], window: int | None = None
                          ) -> tuple[list[list[str]], list[np.ndarray]]:
        """Stage-1 tags and the final stage's posteriors (tokens, labels in ``self.labels`` order)."""
        L = self.n
        empty = np.zeros((0, self.weights.shape[1]))
        base = [self._sentence_scores(r) if r.words else empty for r in recs]
        paths = viterbi([s[:, :L] for s in base], self.trans[0])
        s1 = [[self.labels[j] for j in p] for p in paths]
        final = [s[:, :L] for s in base]
        if len(self.trans) > 1:
            extra = doc_attributes([r.words for r in recs], s1, window, [r.shapes for r in recs])
            final = [s[:, L:] + self._lookup(x)[:, L:] if len(s) else s[:, L:] for s, x in zip(base, extra, strict=True)]
        return s1, posteriors(final, self.trans[-1])
