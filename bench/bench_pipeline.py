"""Analysis-pipeline benchmark: how many articles ``khabar.pipeline.analyze`` handles per second and
per CPU-second, against a regex-tokenisation floor over the same text.

    python bench/bench_pipeline.py [CORPUS] [--limit 1000] [--workers 2] [--ner ensemble|crf|neural]
                                   [--profile N]

Reads the first ``--limit`` articles of the corpus (default: the ANT corpus,
../shared/eval/raw/ant_multisource/articles.jsonl.gz), streamed, and analyses them with a fixed
reference date over a fork pool (models loaded once, before the workers fork, as the ingest engine
does). Reports wall time, articles/s, articles per CPU-second (user + system time of this process
and its workers), peak RSS of the main process and of the largest worker, and the ratio of the
floor's articles per CPU-second (``re.findall`` word tokenisation of the same text, measured in the
same run) to the pipeline's. Results are printed and appended as JSON to bench/results.jsonl.
``--profile N`` instead runs cProfile over the first N articles in this process and prints the top
entries by cumulative and internal time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import resource
import time
from collections.abc import Iterator
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
REF_DATE = dt.date(2026, 11, 23)
_WORD = re.compile(r"\w+|[^\w\s]")


def _docs(corpus: str, limit: int) -> Iterator:
    from khabar.ingest.readers import RawDoc, iter_sources

    return itertools.islice((d for d in iter_sources([corpus]) if isinstance(d, RawDoc)), limit)


def _analyse(doc) -> int:
    from khabar.pipeline import analyze

    try:
        return len(analyze(doc, REF_DATE).mentions)
    except Exception:  # noqa: BLE001 - a failing article still counts as handled
        return -1


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _floor(corpus: str, limit: int) -> tuple[int, float]:
    """Articles and CPU seconds to regex-tokenise the same texts (reading excluded)."""
    texts = [d.text or d.html or "" for d in _docs(corpus, limit)]
    t0 = time.process_time()
    n = sum(len(_WORD.findall(t)) for t in texts)
    return n, time.process_time() - t0


def _run(corpus: str, limit: int, workers: int) -> tuple[int, int, float, float]:
    import multiprocessing as mp

    from khabar.ingest.readers import RawDoc

    _analyse(RawDoc(source="warm-up", fmt="text", text="قال وزير الخارجية الروسي سيرغي لافروف في موسكو."))
    cpu0, t0 = _cpu(), time.perf_counter()
    if workers <= 1:
        res = [_analyse(d) for d in _docs(corpus, limit)]
    else:
        with mp.get_context("fork").Pool(workers) as pool:
            res = list(pool.imap(_analyse, _docs(corpus, limit), chunksize=2))
            pool.close()
            pool.join()
    return len(res), sum(1 for r in res if r < 0), time.perf_counter() - t0, _cpu() - cpu0


def _profile(corpus: str, limit: int) -> None:
    import cProfile
    import pstats

    docs = list(_docs(corpus, limit))
    _analyse(docs[0])
    prof = cProfile.Profile()
    prof.enable()
    for d in docs:
        _analyse(d)
    prof.disable()
    st = pstats.Stats(prof).strip_dirs()
    st.sort_stats("cumulative").print_stats(35)
    st.sort_stats("tottime").print_stats(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ner", choices=("ensemble", "crf", "neural"), default=None)
    ap.add_argument("--profile", type=int, default=0, metavar="N")
    ap.add_argument("--note", default="", help="a label stored with the result")
    args = ap.parse_args()
    if args.ner:
        os.environ["KHABAR_NER"] = args.ner
    if args.profile:
        _profile(args.corpus, args.profile)
        return
    n, failed, wall, cpu = _run(args.corpus, args.limit, args.workers)
    _, floor_cpu = _floor(args.corpus, args.limit)
    per_cpu = n / cpu
    floor_per_cpu = n / max(floor_cpu, 1e-9)
    res = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"), "bench": "pipeline", "note": args.note,
        "machine": f"{platform.machine()} {os.cpu_count()} cpu",
        "corpus": os.path.basename(args.corpus), "ner": os.environ.get("KHABAR_NER", "ensemble"),
        "workers": args.workers, "articles": n, "failed": failed,
        "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
        "articles_per_s": round(n / wall, 2), "articles_per_cpu_s": round(per_cpu, 2),
        "peak_rss_main_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "peak_rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "floor_articles_per_cpu_s": round(floor_per_cpu, 1),
        "floor_ratio": round(floor_per_cpu / per_cpu, 1),
    }
    print(json.dumps(res, ensure_ascii=False, indent=2))
    with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as fh:
        fh.write(json.dumps(res, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
