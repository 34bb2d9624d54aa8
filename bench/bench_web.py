"""Server-side latency of the web app's main pages and API calls over a store (read-only).

    python bench/bench_web.py --db khabar-demo.db [--n 20] [--note TEXT]

Requests go through the ASGI app in process (FastAPI's test client: no sockets), each page with
varying arguments (articles, actors and dyads taken from the store itself, a few search queries).
Per route: p50, p95 and max wall milliseconds and the CPU milliseconds per request; printed and
appended as JSON to bench/results.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
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
        "api /api/articles": cycle([0, 20, 40], lambda o: f"/api/articles?offset={o}"),
        "api /api/search": cycle(QUERIES, lambda q: f"/api/search?q={q}"),
        "api /api/articles/{id}": cycle(ids, lambda i: f"/api/articles/{i}"),
        "api /api/actors/{id}": cycle(actors, lambda a: f"/api/actors/{a}"),
        "api /api/events": cycle(actors, lambda a: f"/api/events?actor={a}"),
        "api /api/dyad": cycle(pairs, lambda p: f"/api/dyad?a={p[0]}&b={p[1]}"),
        "api /api/quotes": cycle(actors, lambda a: f"/api/quotes?actor={a}"),
    }


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--n", type=int, default=20, help="requests per route")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    client = TestClient(create_app(args.db), raise_server_exceptions=True)
    client.get("/")  # warm: imports, knowledge base, first connection
    out: dict[str, dict] = {}
    for route, urls in _routes(args.db, args.n).items():
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
           "machine": f"{platform.machine()} {__import__('os').cpu_count()} cpu", "store": Path(args.db).name,
           "articles": s.count(), "requests_per_route": args.n, "routes": out,
           "p95_max_ms": max(v["p95_ms"] for v in out.values())}
    s.close()
    with open(Path(__file__).with_name("results.jsonl"), "a", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
