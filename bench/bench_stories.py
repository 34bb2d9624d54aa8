"""Ingest throughput with and without story assignment (articles per CPU-second, one process).

    python bench/bench_stories.py [-n 300]

Models (pipeline and e5) are loaded by a warm-up ingest of the seeds first; then the first N ANT
articles are ingested into a fresh SQLite store twice, without and with stories, and the CPU time of
each run is reported (workers=1, so everything runs in this process).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from khabar.engines.local import ingest  # noqa: E402
from khabar.store import open_store  # noqa: E402

ANT = "/work/shared/eval/raw/ant_multisource/articles.jsonl.gz"
REF = dt.date(2026, 11, 23)


def run(n: int, stories: bool, tmp: str) -> float:
    store = open_store(f"{tmp}/{'with' if stories else 'without'}.db")
    t = time.process_time()
    rep = ingest([ANT], store, workers=1, limit=n, ref_date=REF, stories=stories)
    cpu = time.process_time() - t
    rows = store.story_state()[0]
    embedded = sum(r["embedding"] is not None for r in rows)
    print(f"stories={stories}: {rep.summary()}; {len(rows)} placed, {embedded} leads embedded; {cpu:.1f} CPU-s, "
          f"{rep.new / cpu:.2f} articles/CPU-s", flush=True)
    store.close()
    return rep.new / cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ingest([str(ROOT / "khabar" / "data" / "samples")], open_store(f"{tmp}/warm.db"), workers=1, ref_date=REF)
        without = run(args.n, False, tmp)
        with_ = run(args.n, True, tmp)
        print(f"with stories: {with_ / without:.0%} of the throughput without")


if __name__ == "__main__":
    main()
