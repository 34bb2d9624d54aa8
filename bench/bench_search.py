"""Search latency in process: p50/p95/max of ``Store.search`` over a fixed query set.

    python bench/bench_search.py --db STORE [--repeat 3] [--note TEXT]
    python bench/bench_search.py --synthesize 1000000 --from STORE --db BIG.db   # build, then measure

Wall-clock percentiles are what a user waits on an idle machine; on a shared, loaded one the CPU
time of each call (``cpu_p50_ms``/``cpu_p95_ms``) is the steadier figure.

The query set mixes what users type: one frequent word, rare words, several words, phrases, OR/NOT,
title: terms, and the same with an outlet or a date range. Each query runs once to warm the caches
(the first call of a process also loads the word-form lookup: reported apart as ``first_ms``), then
``--repeat`` times; the percentiles are over every timed call.

``--synthesize N`` first builds a synthetic store of N articles from a real one (``bench/synth.py``:
rows copied with new ids, dates shifted by whole years, the index copied as it is): what a store of
that size costs to search, without analysing N articles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from synth import synthesize  # bench/synth.py, beside this script

from khabar.store import open_store

QUERIES: list[tuple[str, dict]] = [
    ("روسيا", {}),
    ("الناتو", {}),
    ("ترامب", {}),
    ("السعودية", {}),
    ("الدرع الصاروخي", {}),
    ('"حلف شمال الأطلسي"', {}),
    ('"مجلس الأمن"', {}),
    ("روسيا OR الناتو", {}),
    ("ترامب -بوتين", {}),
    ("title:سوريا", {}),
    ("انتخابات الرئاسة المصرية", {}),
    ("كرة القدم", {}),
    ("الهجوم الكيميائي دوما", {}),
    ("اللاجئين السوريين في لبنان", {}),
    ("أسعار النفط", {}),
    ("فيروس", {}),
    ("الحوثيين", {"date_from": "2018-01-01", "date_to": "2018-03-31"}),
    ("إيران", {"date_from": "2017-06-01", "date_to": "2017-12-31"}),
    ("القدس", {"outlet": "bbc"}),
    ("الأمم المتحدة", {"outlet": "cnn"}),
]


def measure(db: str, repeat: int) -> dict:
    store = open_store(db, readonly=True)
    t0 = time.perf_counter()
    store.search(QUERIES[0][0], limit=20, **QUERIES[0][1])
    first = (time.perf_counter() - t0) * 1000
    times: dict[str, list[float]] = {}
    cpu: list[float] = []
    hits: dict[str, int] = {}
    for q, kw in QUERIES:  # warm
        hits[q] = len(store.search(q, limit=20, **kw))
    for _ in range(repeat):
        for q, kw in QUERIES:
            t, c = time.perf_counter(), time.process_time()
            store.search(q, limit=20, **kw)
            times.setdefault(q, []).append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
    n = store.count()
    store.close()
    flat = sorted(x for v in times.values() for x in v)
    p95 = flat[min(len(flat) - 1, int(round(0.95 * (len(flat) - 1))))]
    cpu.sort()
    slowest = sorted(((max(v), q) for q, v in times.items()), reverse=True)[:3]
    return {"articles": n, "queries": len(QUERIES), "calls": len(flat), "first_ms": round(first, 1),
            "p50_ms": round(statistics.median(flat), 1), "p95_ms": round(p95, 1), "max_ms": round(flat[-1], 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1), "cpu_p95_ms": round(cpu[int(round(0.95 * (len(cpu) - 1)))], 1),
            "slowest": [[q, round(ms, 1)] for ms, q in slowest], "zero_hit_queries": [q for q, h in hits.items() if not h]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True, help="store to measure (SQLite path or URL)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--synthesize", type=int, default=0, metavar="N", help="first build a store of N articles at --db")
    ap.add_argument("--from", dest="src", help="the real store the synthetic one is copied from")
    ap.add_argument("--note", default="")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    built = synthesize(args.src, args.db, args.synthesize) if args.synthesize else None
    res = measure(args.db, args.repeat)
    rec = {"when": time.strftime("%Y-%m-%dT%H:%M:%S"), "bench": "search", "note": args.note,
           "machine": f"{platform.machine()} {os.cpu_count()} cpu", "store": os.path.basename(args.db),
           "synthetic": built, **res}
    print(json.dumps(rec, ensure_ascii=False, indent=1))
    if not args.no_save:
        with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
