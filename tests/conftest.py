from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from khabar.ingest.readers import iter_sources
from khabar.pipeline import analyze

SAMPLES = Path(str(resources.files("khabar") / "data" / "samples"))
TODAY = dt.date(2026, 11, 23)


def seed_path(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seeds():
    """The five seed pages analysed, keyed by their number ('000' … '004')."""
    out = {}
    for doc in iter_sources([str(SAMPLES)]):
        a = analyze(doc, today=TODAY)
        out[Path(doc.source).name[:3]] = a
    return out
