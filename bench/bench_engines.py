"""Local engine vs Dask engine: the same fresh ingest of the first N articles into a new store.

    python bench/bench_engines.py [CORPUS] [--limit 1000] [--workers N] [--db URL] [--engines local,dask]
                                  [--ner ensemble|crf]

Defaults to the first 1,000 ANT articles (../shared/eval/raw/ant_multisource/articles.jsonl.gz) into a
new SQLite file per engine. ``--db`` gives a store URL instead (e.g. ``postgresql://…``; it must be empty:
each engine's run would otherwise find the articles already ingested). Reports articles/s (wall) and
articles per CPU-second (this process plus its worker processes: the pool's, or the LocalCluster's),
printed and appended as JSON to bench/results.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import tempfile
import time
from pathlib import Path

from khabar.engines import dask_ingest
from khabar.engines import ingest as local_ingest
from khabar.store import open_store

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
REF_DATE = dt.date(2026, 11, 23)


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the workers, once closed)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(engine: str, args: argparse.Namespace, tmp: str) -> dict:
    url = args.db or os.path.join(tmp, f"{engine}.db")
    store = open_store(url)
    fn = dask_ingest if engine == "dask" else local_ingest
    c0, t0 = cpu_seconds(), time.perf_counter()
    rep = fn([args.corpus], store, workers=args.workers, limit=args.limit, ref_date=REF_DATE)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    store.close()
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "bench": "engines", "engine": engine, "store": url.split(":", 1)[0] if "://" in url else "sqlite",
        "machine": f"{platform.machine()} {os.cpu_count()} cpu", "corpus": os.path.basename(args.corpus),
        "limit": args.limit, "workers": args.workers, "ner": os.environ.get("KHABAR_NER", "ensemble"),
        "read": rep.read, "new": rep.new, "duplicates": rep.duplicates, "failed": rep.failed,
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "articles_per_s": round(rep.read / wall, 2), "articles_per_cpu_s": round(rep.read / cpu, 2),
        "errors": rep.errors[:10],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--db", default=None, help="store URL (empty); default: a new SQLite file per engine")
    ap.add_argument("--engines", default="local,dask")
    ap.add_argument("--ner", choices=["ensemble", "crf", "neural"], default=None)
    args = ap.parse_args()
    if args.ner:
        os.environ["KHABAR_NER"] = args.ner
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    if args.db and len(engines) > 1:
        ap.error("--db takes one engine at a time (--engines local or --engines dask): the store must be empty")
    tmp = tempfile.mkdtemp(prefix="khabar-bench-engines-")
    for engine in engines:
        res = run(engine, args, tmp)
        print(json.dumps(res, ensure_ascii=False))
        with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as fh:
            fh.write(json.dumps(res, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
