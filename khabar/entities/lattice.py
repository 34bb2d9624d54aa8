"""Linear-chain decoding over many sentences at once: forward-backward posteriors and Viterbi paths for
every sentence of a document in one pass over time steps (sentences padded, longest first, so the
sentences still running at step ``t`` are a prefix of the batch). Row by row the arithmetic is the
per-sentence recursion's, operation for operation; only the Python loop is shared.
"""

from __future__ import annotations

import numpy as np


def _lse(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def _pad(ems: list[np.ndarray]) -> tuple[list[int], np.ndarray, list[int], list[int]]:
    """(sentence order longest first, padded scores (T, B, L), length per row, rows alive per step)."""
    order = sorted((i for i, e in enumerate(ems) if len(e)), key=lambda i: -len(ems[i]))
    lens = [len(ems[i]) for i in order]
    x = np.zeros((lens[0], len(order), ems[order[0]].shape[1]), ems[order[0]].dtype)
    for r, i in enumerate(order):
        x[: lens[r], r] = ems[i]
    ks = [sum(1 for n in lens if n > t) for t in range(lens[0])]
    return order, x, lens, ks


def forward_backward(ems: list[np.ndarray], trans: np.ndarray, start: np.ndarray, end: np.ndarray
                     ) -> list[np.ndarray]:
    """Per-token tag posteriors of each sentence (emissions ``(n, L)``; an empty one gives an empty
    array), in the dtype of the emissions."""
    out = [np.zeros((0, trans.shape[0]), e.dtype) for e in ems]
    if not any(len(e) for e in ems):
        return out
    order, x, lens, ks = _pad(ems)
    alpha = np.zeros_like(x)
    beta = np.zeros_like(x)
    alpha[0] = start + x[0]
    for t in range(1, len(ks)):
        k = ks[t]
        alpha[t, :k] = _lse(alpha[t - 1, :k, :, None] + trans, 1) + x[t, :k]
    for t in range(len(ks) - 1, -1, -1):
        k1 = ks[t + 1] if t + 1 < len(ks) else 0
        beta[t, k1 : ks[t]] = end
        if k1:
            beta[t, :k1] = _lse(trans + (x[t + 1, :k1] + beta[t + 1, :k1])[:, None, :], 2)
    rows = np.arange(len(order))
    last = np.asarray(lens) - 1
    log_z = _lse(alpha[last, rows] + end, 1)
    for r, i in enumerate(order):
        out[i] = np.exp(alpha[: lens[r], r] + beta[: lens[r], r] - log_z[r])
    return out


def posteriors(ems: list[np.ndarray], trans: np.ndarray) -> list[np.ndarray]:
    """Per-token tag posteriors of a CRF without start and end scores, by the scaled forward-backward
    recursion in probability space (as CRFsuite computes them): each token's scores are exponentiated
    after subtracting their maximum, and alpha and beta are renormalised at every step. Equal to
    :func:`forward_backward` with zero start and end up to rounding, with fewer operations per step."""
    out = [np.zeros((0, trans.shape[0]), e.dtype) for e in ems]
    if not any(len(e) for e in ems):
        return out
    order, x, lens, ks = _pad(ems)
    ex = np.exp(x - x.max(axis=2, keepdims=True))
    et = np.exp(trans)
    alpha = np.zeros_like(x)
    beta = np.zeros_like(x)
    alpha[0] = ex[0] / ex[0].sum(axis=1, keepdims=True)
    for t in range(1, len(ks)):
        k = ks[t]
        a = (alpha[t - 1, :k] @ et) * ex[t, :k]
        alpha[t, :k] = a / a.sum(axis=1, keepdims=True)
    for t in range(len(ks) - 1, -1, -1):
        k1 = ks[t + 1] if t + 1 < len(ks) else 0
        beta[t, k1 : ks[t]] = 1.0
        if k1:
            b = (ex[t + 1, :k1] * beta[t + 1, :k1]) @ et.T
            beta[t, :k1] = b / b.sum(axis=1, keepdims=True)
    for r, i in enumerate(order):
        p = alpha[: lens[r], r] * beta[: lens[r], r]
        out[i] = p / p.sum(axis=1, keepdims=True)
    return out


def viterbi(ems: list[np.ndarray], trans: np.ndarray, start: np.ndarray | None = None,
            end: np.ndarray | None = None) -> list[list[int]]:
    """Best label path of each sentence (first best on ties, as ``argmax``); ``start``/``end``: scores
    added at the first and after the last token (none when omitted)."""
    out: list[list[int]] = [[] for _ in ems]
    if not any(len(e) for e in ems):
        return out
    order, x, lens, ks = _pad(ems)
    score = x[0] + start if start is not None else x[0].copy()
    back = []
    for t in range(1, len(ks)):
        k = ks[t]
        cand = score[:k, :, None] + trans
        back.append(cand.argmax(axis=1))
        score[:k] = cand.max(axis=1) + x[t, :k]
    if end is not None:
        score = score + end
    cur = score.argmax(axis=1)
    path = np.zeros((len(ks), len(order)), np.int64)
    for t in range(len(ks) - 1, 0, -1):
        k = ks[t]
        path[t, :k] = cur[:k]
        cur[:k] = back[t - 1][np.arange(k), cur[:k]]
    path[0] = cur
    for r, i in enumerate(order):
        out[i] = path[: lens[r], r].tolist()
    return out
