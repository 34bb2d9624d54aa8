"""The one place that knows both taggers: the neural BiLSTM-CRF and the feature CRF combined, and the
tagger the pipeline uses (:func:`default_ner`). Keeping this here breaks the crf ↔ neural cycle:
``neural`` uses the CRF's token features, ``crf`` knows nothing of ``neural``."""

from __future__ import annotations

import functools

import numpy as np

from .crf import MODEL_DIR, NER
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

    def _crf_marginals(self, feats) -> np.ndarray:
        tg = self.crf.final_tagger()
        tg.set(feats)
        labels = set(tg.labels())
        return np.array([[tg.marginal(t, i) if t in labels else 0.0 for t in self.tags] for i in range(len(feats))])

    def _decode(self, p: np.ndarray) -> list[str]:
        lp = np.log(p + 1e-9)
        score = lp[0] + self._no_start
        back = []
        for t in range(1, len(p)):
            cand = score[:, None] + self._penalty
            back.append(cand.argmax(axis=0))
            score = cand.max(axis=0) + lp[t]
        best = [int(score.argmax())]
        for bp in reversed(back):
            best.append(int(bp[best[-1]]))
        return [self.tags[j] for j in best[::-1]]

    def tag_document(self, sentences: list[list[str]], window: int | None = None, batch: int = 64
                     ) -> list[list[str]]:
        s1, feats = self.crf.features(sentences, window)
        out: list[list[str]] = [[] for _ in sentences]
        for i, em in enumerate(self.neural.emissions(sentences, s1)):
            if len(em):
                p = 0.5 * self.neural.marginals(em) + 0.5 * self._crf_marginals(feats[i])
                out[i] = self._decode(p)
        return propagate_labels(sentences, out, window)

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
