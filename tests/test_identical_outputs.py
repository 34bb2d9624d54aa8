"""Speed work must not change what is extracted: the mentions, quotes and events of the first 300 ANT
articles, analysed with a fixed reference date, hash to the values committed in
``tests/data/identical_300.tsv`` (made by ``scripts/make_identical_hashes.py`` from the code before
the speed changes)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
HASHES = ROOT / "tests" / "data" / "identical_300.tsv"


def _script():
    spec = importlib.util.spec_from_file_location("make_identical_hashes", ROOT / "scripts" / "make_identical_hashes.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # the worker pool pickles its functions by module name
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not ANT.exists(), reason=f"the ANT corpus is not here ({ANT}): it is shared data, not in the repository")
def test_first_300_ant_articles_extract_the_same() -> None:
    mod = _script()
    want = mod.read_hashes(HASHES)
    assert len(want) == 300
    got = mod.article_hashes(len(want), jobs=2, ant=ANT)
    assert [(i, d) for i, d, _ in got] == [(i, d) for i, d, _ in want]
    changed = [f"#{i} {d}" for (i, d, h), (_, _, h0) in zip(got, want, strict=True) if h != h0]
    assert not changed, f"{len(changed)} articles extract differently: {changed[:10]}"
