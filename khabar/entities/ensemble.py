"""The one place that knows both taggers: the neural BiLSTM-CRF and the feature CRF combined, and the
tagger the pipeline uses (:func:`default_ner`). Keeping this here breaks the crf ↔ neural cycle:
``neural`` uses the CRF's token features, ``crf`` knows nothing of ``neural``."""

from __future__ import annotations

import functools

import numpy as np

from .crf import MODEL_DIR, NER, token_record
from .crfscore import CrfScorer
from .lattice import viterbi
from .neural import NeuralNER, propagate_labels


class EnsembleNER:
    """The neural tagger and the two-stage feature CRF, combined: their per-token tag posteriors
    are averaged with equal weights (no tuned parameter), decoded by Viterbi under IOB2
    constraints, then made consistent across the document (``propagate_labels``)."""

    def __init__(self, neural: NeuralNER | None = None, crf=None) -> None:
        self.neural = neural or NeuralNER()
        self.crf = crf or NER()
        self.tags = self.neural.tags
        allowed = np.ones((len(self.tags), len(self.tags)), bool)
        for i, a in enumerate(self.tags):
            for j, b in enumerate(self.tags):
                if b.startswith("I-") and (a == "O" or a[2:] != b[2:]):
                    allowed[i, j] = False
        self._penalty = np.where(allowed, 0.0, -1e9)
        self._no_start = np.array([-1e9 if t.startswith("I-") else 0.0 for t in self.tags])
        self.scorer = CrfScorer(self.crf)
        self._crf_cols = [(j, self.scorer.labels.index(t)) for j, t in enumerate(self.tags) if t in self.scorer.labels]

    def _crf_marginals(self, feats) -> np.ndarray:
        """The final CRF stage's posteriors from python-crfsuite (one call per tag and token); kept as the
        reference the NumPy scorer (``crfscore``) is checked against."""
        tg = self.crf.final_tagger()
        tg.set(feats)
        labels = set(tg.labels())
        return np.array([[tg.marginal(t, i) if t in labels else 0.0 for t in self.tags] for i in range(len(feats))])

    def _decode(self, p: np.ndarray) -> list[str]:
        return [self.tags[j] for j in viterbi([np.log(p + 1e-9)], self._penalty, self._no_start)[0]]

    def tag_document(self, sentences: list[list[str]], window: int | None = None, batch: int = 64
                     ) -> list[list[str]]:
        """One token record per sentence feeds both taggers; the CRF is scored in NumPy; posteriors,
        averaging and the constrained Viterbi run over all sentences of the document at once."""
        recs = [token_record(ws) for ws in sentences]
        s1, crf = self.scorer.tag_and_marginals(recs, window)
        ems = self.neural.emissions(sentences, s1, records=recs)
        neural = self.neural.marginals_all(ems)
        probs = [0.5 * pn + 0.5 * self._crf_columns(pc) for pn, pc in zip(neural, crf, strict=True)]
        paths = viterbi([np.log(p + 1e-9) for p in probs], self._penalty, self._no_start)
        out = [[self.tags[j] for j in path] for path in paths]
        return propagate_labels(sentences, out, window)

    def _crf_columns(self, pc: np.ndarray) -> np.ndarray:
        """CRF posteriors (in the CRF's label order) as columns of ``self.tags``; a tag the CRF lacks
        gets 0."""
        out = np.zeros((len(pc), len(self.tags)))
        for j, i in self._crf_cols:
            out[:, j] = pc[:, i]
        return out

    def tag(self, words: list[str]) -> list[str]:
        return self.tag_document([words])[0]


@functools.lru_cache(maxsize=1)
def default_ner():
    """The tagger the pipeline uses. ``KHABAR_NER``: ``ensemble`` (default when the neural model
    is shipped: neural + CRF, the most accurate), ``crf`` (about twice as fast) or ``neural``."""
    import os

    kind = os.environ.get("KHABAR_NER", "ensemble").strip().lower()
    if kind not in ("ensemble", "crf", "neural"):
        raise ValueError(f"KHABAR_NER must be ensemble, crf or neural, not {kind!r}")
    if kind != "crf" and (MODEL_DIR / "ner-neural.npz").exists():
        return EnsembleNER() if kind == "ensemble" else NeuralNER()
    return NER()
