"""Per-word rows (weight vectors, network inputs) computed once and kept side by side in one array, so
that a sentence's rows are one gather and a cached row costs its bytes only."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

import numpy as np


class RowCache:
    """Rows of a fixed shape by key, at most ``capacity`` of them; emptied, when a sentence would not
    fit, before that sentence (so the rows a sentence gathers stay put while it does)."""

    def __init__(self, shape: tuple[int, ...], dtype: type | np.dtype, capacity: int = 40_000) -> None:
        self.rows = np.empty((capacity, *shape), dtype)  # pages are touched only as rows are written
        self.index: dict[Hashable, int] = {}

    def gather(self, keys: Sequence[Hashable], make: Callable[[int], np.ndarray]) -> np.ndarray:
        """The rows of ``keys`` as one new array; ``make(i)`` computes the row of ``keys[i]`` on a miss."""
        if len(keys) > len(self.rows):
            return np.stack([make(i) for i in range(len(keys))])
        if len(self.index) + len(keys) > len(self.rows):
            self.index.clear()
        idx: list[int] = []
        for i, key in enumerate(keys):
            j = self.index.get(key)
            if j is None:
                j = self.index[key] = len(self.index)
                self.rows[j] = make(i)
            idx.append(j)
        return self.rows[idx]
