"""Server-side latency of the web app's main pages and API calls over a store (read-only).

    python bench/bench_web.py --db khabar-demo.db [--n 20] [--note TEXT]
    python bench/bench_web.py --db /work/stores/ant.db --snapshot   # a store another process writes

Requests go through the ASGI app in process (FastAPI's test client: no sockets), each page with
varying arguments (articles, actors, dyads, stories and threads taken from the store itself, a few
search queries, the event-type and story search filters). Per route: p50, p95 and max wall
milliseconds and the CPU milliseconds per request (the process's CPU time: on a loaded machine wall
time includes waiting for a core); printed and appended as JSON to bench/results.jsonl. The home
page's first request (its aggregates are cached per store size) is reported apart as ``first_ms``.
The routes run in the order below with one app, so a story's API call finds the view its page
computed (cached per store size); ``--only 'api /api/stories/'`` benches a route alone (uncached).

``--snapshot`` benches a consistent copy (SQLite's backup API over a read-only connection) in a
temp dir: a store being ingested is never opened for writing (opening one written before the story
tables would otherwise add them), and the copy does not change under the measurement.
``--place-stories N`` (with ``--snapshot``) places the copy's first N stored articles without a story
in stories first (``khabar.stories``: signatures with their e5 embeddings, then the incremental
assignment), so that a store written before stories has story pages to measure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from khabar.store import open_store
from khabar.web import create_app

QUERIES = ["الدرع الصاروخي", "الناتو", "روسيا", '"مجلس الأمن"', "لافروف OR ستولتنبرغ", "title:الناتو", "صاروخ"]


def _routes(db: str, n: int) -> dict[str, list[str]]:
    s = open_store(db, readonly=True)
    ids = [r.id for r in s.list(limit=n)]
    actors = [e["entity_id"] for e in s.top_entities(limit=n)]
    pairs = [(d["a"], d["b"]) for d in s.top_dyads(limit=n)] or [("NATO", "RUS")]
    stories = [r["id"] for r in s.stories(min_size=1, limit=n)]
    big = [r["id"] for r in s.stories(min_size=2, limit=n)] or stories  # stories of several articles first
    threads = list(dict.fromkeys(r["thread_id"] for r in s.stories(min_size=1, limit=10 * n)))[:n]
    types = list(dict.fromkeys(r["plover"] for r in s.events(limit=200, min_confidence=0.4))) or ["AGREE"]
    s.close()

    def cycle(items: list, f) -> list[str]:
        return [f(items[i % len(items)]) for i in range(n)]
    return {
        "page /": ["/"] * n,
        "page /search": cycle(QUERIES, lambda q: f"/search?q={q}"),
        "page /article": cycle(ids, lambda i: f"/article/{i}"),
        "page /actor": cycle(actors, lambda a: f"/actor/{a}"),
        "page /dyad": cycle(pairs, lambda p: f"/dyad?a={p[0]}&b={p[1]}"),
        "page /thread": cycle(pairs, lambda p: f"/thread?a={p[0]}&b={p[1]}"),
        "page /events": cycle([1, 2, 3], lambda p: f"/events?page={p}"),
        "page /stories": cycle([{}, {"min_size": 2}, {"actor": "NATO"}, {"from": "2011"}],
                               lambda p: "/stories?" + "&".join(f"{k}={v}" for k, v in p.items())),
        "page /search type": cycle(types, lambda t: f"/search?q=الناتو&type={t}"),
        **({"page /story": cycle(big, lambda i: f"/story/{i}"),
            "page /thread/{id}": cycle(threads, lambda t: f"/thread/{t}"),
            "page /search story": cycle(big, lambda i: f"/search?story={i}"),
            "page /article (cited)": cycle(ids, lambda i: f"/article/{i}?span=0-40"),
            "api /api/stories/{id}": cycle(big, lambda i: f"/api/stories/{i}")} if stories else {}),
        "api /api/stories": cycle([0, 20, 40], lambda o: f"/api/stories?offset={o}"),
        "api /api/articles": cycle([0, 20, 40], lambda o: f"/api/articles?offset={o}"),
        "api /api/search": cycle(QUERIES, lambda q: f"/api/search?q={q}"),
        "api /api/articles/{id}": cycle(ids, lambda i: f"/api/articles/{i}"),
        "api /api/actors/{id}": cycle(actors, lambda a: f"/api/actors/{a}"),
        "api /api/events": cycle(actors, lambda a: f"/api/events?actor={a}"),
        "api /api/dyad": cycle(pairs, lambda p: f"/api/dyad?a={p[0]}&b={p[1]}"),
        "api /api/quotes": cycle(actors, lambda a: f"/api/quotes?actor={a}"),
    }


def _snapshot(src: str, dst: str) -> str:
    """A consistent copy of a SQLite store, read through a read-only connection (never written)."""
    ro = sqlite3.connect(Path(src).absolute().as_uri() + "?mode=ro", uri=True)
    out = sqlite3.connect(dst)
    with out:
        ro.backup(out)
    ro.close()
    out.close()
    return dst


def _place(db: str, n: int) -> dict:
    """Place the first ``n`` articles without a story (storage order) in stories, as ingest would."""
    from khabar.stories.rows import StoryWriter
    from khabar.stories.signature import signature

    t0 = time.perf_counter()
    s = open_store(db)
    writer = StoryWriter(s)
    sigs = [signature(a) for a in (s.get(i) for i in s.unassigned()[:n]) if a is not None]
    writer.add(sigs)
    s.close()
    rec = {"articles": len(sigs), "seconds": round(time.perf_counter() - t0, 1)}
    print(f"placed {rec['articles']} articles in stories in {rec['seconds']} s")
    return rec


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=20, help="requests per route")
    ap.add_argument("--note", default="")
    ap.add_argument("--snapshot", action="store_true", help="bench a consistent read-only copy of the store")
    ap.add_argument("--place-stories", type=int, default=0, metavar="N",
                    help="with --snapshot: place the copy's first N articles without a story in stories")
    ap.add_argument("--only", action="append", default=[], metavar="TEXT",
                    help="bench only the routes whose name contains TEXT (repeatable), e.g. 'api /api/stories/'")
    args = ap.parse_args()
    if args.place_stories and not args.snapshot:
        ap.error("--place-stories writes: it needs --snapshot")
    name = Path(args.db).name
    tmp = None
    placed = None
    if args.snapshot:
        tmp = tempfile.TemporaryDirectory(prefix="bench_web_")
        args.db = _snapshot(args.db, str(Path(tmp.name) / name))
        if args.place_stories:
            placed = _place(args.db, args.place_stories)
    client = TestClient(create_app(args.db), raise_server_exceptions=True)
    c0, t0 = time.process_time(), time.perf_counter()
    client.get("/")  # the first request: the home page's aggregates (cached per store size) computed
    first = {"wall_ms": round((time.perf_counter() - t0) * 1000, 1), "cpu_ms": round((time.process_time() - c0) * 1000, 1)}
    print(f"{'page / (first)':<26} wall {first['wall_ms']:7.1f}  cpu {first['cpu_ms']:7.1f} ms")
    out: dict[str, dict] = {}
    for route, urls in _routes(args.db, args.n).items():
        if args.only and not any(o in route for o in args.only):
            continue
        wall, cpu = [], []
        for url in urls:
            c0, t0 = time.process_time(), time.perf_counter()
            r = client.get(url)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
        out[route] = {"p50_ms": round(statistics.median(wall), 1), "p95_ms": round(_pct(wall, 95), 1),
                      "max_ms": round(max(wall), 1), "cpu_ms": round(statistics.mean(cpu), 1)}
        print(f"{route:<26} p50 {out[route]['p50_ms']:7.1f}  p95 {out[route]['p95_ms']:7.1f}  "
              f"max {out[route]['max_ms']:7.1f}  cpu {out[route]['cpu_ms']:7.1f} ms")
    s = open_store(args.db, readonly=True)
    rec = {"when": dt.datetime.now().isoformat(timespec="seconds"), "bench": "web", "note": args.note,
           "machine": f"{platform.machine()} {__import__('os').cpu_count()} cpu", "store": name,
           "articles": s.count(), "stories": len(s.stories(min_size=1, limit=10_000_000)),
           "snapshot": args.snapshot, "placed": placed, "requests_per_route": args.n, "only": args.only or None,
           "first_ms": first, "routes": out,
           "p95_max_ms": max(v["p95_ms"] for v in out.values())}
    s.close()
    if tmp is not None:
        tmp.cleanup()
    with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
