"""Ingest + search benchmark.

    python bench/bench_ingest.py [CORPUS] [--workers N] [--limit N] [--db PATH] [--queries N]

Defaults to the ANT corpus (../shared/eval/raw/ant_multisource/articles.jsonl.gz). Reports
articles/s for a fresh ingest into a new SQLite file, peak RSS of this process and its workers,
the time of an idempotent re-ingest, the database size, and search latency (median / p95
over a set of Arabic queries). Results are printed and appended as JSON to bench/results.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import tempfile
import time
from pathlib import Path

from khabar.engines.local import ingest
from khabar.store import open_store

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
QUERIES = [
    "الدرع الصاروخي", "روسيا", "الناتو", "ترامب", "الاتحاد الأوروبي", "مجلس الأمن", "النفط", "كرة القدم",
    "الانتخابات الرئاسية", "اللاجئين", "سوريا", "إيران الاتفاق النووي", '"الأمم المتحدة"', "صاروخ", "الصواريخ",
    "البنك المركزي", "محمد بن سلمان", "القدس", "كوريا الشمالية", "مانشستر يونايتد",
]


def peak_rss_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(me, 1), round(kids, 1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--db", default=None)
    ap.add_argument("--queries", type=int, default=len(QUERIES))
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="khabar-bench-")
    db = args.db or os.path.join(tmp, "bench.db")
    if os.path.exists(db):
        os.remove(db)
    store = open_store(db)
    t0 = time.perf_counter()
    rep = ingest([args.corpus], store, workers=args.workers, limit=args.limit)
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    rep2 = ingest([args.corpus], store, workers=args.workers, limit=args.limit)
    t_reingest = time.perf_counter() - t0
    lat = []
    for q in QUERIES[: args.queries]:
        for _ in range(3):
            t0 = time.perf_counter()
            store.search(q, limit=20)
            lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    me, kids = peak_rss_mb()
    size_mb = sum(os.path.getsize(p) for p in Path(db).parent.glob(Path(db).name + "*")) / 1e6
    res = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "corpus": os.path.basename(args.corpus),
        "workers": args.workers,
        "read": rep.read, "new": rep.new, "duplicates": rep.duplicates, "failed": rep.failed,
        "ingest_s": round(t_ingest, 1),
        "articles_per_s": round(rep.read / t_ingest, 1),
        "reingest_s": round(t_reingest, 1), "reingest_unchanged": rep2.unchanged,
        "peak_rss_main_mb": me, "peak_rss_worker_mb": kids,
        "db_mb": round(size_mb, 1),
        "search_ms_median": round(statistics.median(lat), 1),
        "search_ms_p95": round(lat[int(len(lat) * 0.95) - 1], 1),
        "errors": rep.errors[:10],
    }
    print(json.dumps(res, ensure_ascii=False, indent=2))
    with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as fh:
        fh.write(json.dumps(res, ensure_ascii=False) + "\n")
    store.close()


if __name__ == "__main__":
    main()
