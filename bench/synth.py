"""Build a synthetic store of N articles from a real SQLite store, for latency benches at sizes
that would take hours to analyse.

    python bench/synth.py --from STORE --to BIG.db -n 1000000            # what search reads
    python bench/synth.py --from STORE --to ANT-SIZE.db -n 31500 --full  # every table the web app reads

Rows are copied with new rids and ids (``<id>~<copy>``), dates shifted back one year per copy so
date ranges stay meaningful; the full-text index and the word forms are copied as they are (no
analysis is run). Without ``--full`` only articles, the index and word forms are copied and the
stored analysis is replaced by ``{}``: such a store is for search benches only. With ``--full``,
mentions, quotes, events (ids suffixed like the articles: each copy's events are its own) and
their mentions are copied too, and the analysis is kept. Story tables are not copied.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import time

from khabar.store import open_store

_SHIFT = "CASE WHEN {c} IS NULL THEN NULL ELSE printf('%04d', substr({c}, 1, 4) - :years) || substr({c}, 5) END"
_ARTICLES = f"""INSERT INTO main.articles (rid, id, title, outlet, outlet_name, url, published, precision, sort_date,
 dateline, agencies, language, source_path, raw_sha1, text, analysis)
 SELECT rid + :off, id || :suffix, title, outlet, outlet_name, url, {_SHIFT.format(c="published")}, precision,
        {_SHIFT.format(c="sort_date")}, dateline, agencies, language, NULL, NULL, text, {{analysis}}
 FROM src.articles"""
_FTS = """INSERT INTO main.articles_fts (rowid, title_stems, title_lemmas, body_stems, body_lemmas)
 SELECT rowid + :off, title_stems, title_lemmas, body_stems, body_lemmas FROM src.articles_fts"""
_FULL = [
    'INSERT INTO main.mentions SELECT rid + :off, entity_id, start, "end", type, method, text FROM src.mentions',
    'INSERT INTO main.quotes SELECT rid + :off, start, "end", kind, speaker, speaker_text, verb, unnamed, source,'
    " source_country, text FROM src.quotes",
    "INSERT INTO main.events SELECT id || :suffix, plover, cameo, goldstein, mode, actor, recipient, actor_country,"
    " actor_sector, recipient_country, recipient_sector, " + _SHIFT.format(c="date") + ", location, context,"
    " confidence, method FROM src.events",
    'INSERT INTO main.event_mentions SELECT event_id || :suffix, rid + :off, start, "end", trigger, reported_by, text'
    " FROM src.event_mentions",
]


def synthesize(src: str, dst: str, n: int, full: bool = False) -> dict:
    """Copy the source store's rows into a new store until it holds at least ``n`` articles."""
    if os.path.exists(dst):
        raise SystemExit(f"{dst} exists; give a new path")
    open_store(dst).close()  # the schema, as khabar creates it
    db = sqlite3.connect(dst)
    db.execute("ATTACH DATABASE ? AS src", (f"file:{src}?mode=ro",))
    per, top = db.execute("SELECT count(*), max(rid) FROM src.articles").fetchone()
    db.execute("INSERT OR IGNORE INTO main.word_forms SELECT * FROM src.word_forms")
    if full:
        db.execute("INSERT OR IGNORE INTO main.entities SELECT * FROM src.entities")
    t0, copies = time.perf_counter(), 0
    while copies * per < n:
        p = {"off": copies * (top + 1), "suffix": f"~{copies}" if copies else "", "years": copies}
        db.execute(_ARTICLES.format(analysis="analysis" if full else "'{}'"), p)
        db.execute(_FTS, {"off": p["off"]})
        for sql in _FULL if full else []:
            db.execute(sql, {k: v for k, v in p.items() if f":{k}" in sql})
        db.commit()
        copies += 1
        print(f"  {copies * per:,} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
    db.execute("DETACH DATABASE src")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.commit()
    db.execute("ANALYZE")
    db.close()
    return {"source_articles": per, "copies": copies, "articles": copies * per, "full": full,
            "build_s": round(time.perf_counter() - t0), "bytes": os.path.getsize(dst)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--from", dest="src", required=True, help="the real store (SQLite) to copy from")
    ap.add_argument("--to", dest="dst", required=True, help="the new store's path")
    ap.add_argument("-n", type=int, required=True, help="articles wanted (rounded up to whole copies)")
    ap.add_argument("--full", action="store_true", help="copy every table the web app reads, not only search's")
    args = ap.parse_args()
    print(synthesize(args.src, args.dst, args.n, args.full))


if __name__ == "__main__":
    main()
