"""Hashes of what khabar extracts from the first N ANT articles, for ``tests/test_identical_outputs.py``.

Each article is analysed with a fixed reference date; its line holds the article's position, its
document id and the SHA-1 of the canonical JSON (sorted keys) of its mentions, quotes and events.
Run it on the code *before* a speed change and commit the result: the test then checks that the
faster code extracts exactly the same.

    python scripts/make_identical_hashes.py [--first 300] [-j 2] [-o tests/data/identical_300.tsv]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import sys
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from khabar.ingest.readers import RawDoc, iter_sources  # noqa: E402
from khabar.pipeline import analyze  # noqa: E402

REF_DATE = dt.date(2026, 11, 23)
ANT = ROOT.parent / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
OUT = ROOT / "tests" / "data" / "identical_300.tsv"


def _one(item: tuple[int, RawDoc]) -> tuple[int, str, str]:
    i, doc = item
    try:
        d = analyze(doc, REF_DATE).to_dict(tokens=False)
        payload = {k: d[k] for k in ("mentions", "quotes", "events")}
    except Exception as e:  # noqa: BLE001 - a failure is part of the behaviour being compared
        payload = {"error": f"{type(e).__name__}: {e}"}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return i, doc.doc_id or "", hashlib.sha1(text.encode("utf-8")).hexdigest()


def article_hashes(first: int, jobs: int = 2, ant: Path = ANT) -> list[tuple[int, str, str]]:
    """(position, doc id, SHA-1) for the first ``first`` ANT articles (streamed, never held whole)."""
    docs = (d for d in iter_sources([str(ant)]) if isinstance(d, RawDoc))
    items = enumerate(itertools.islice(docs, first))
    if jobs <= 1:
        return [_one(it) for it in items]
    analyze(RawDoc(source="warm-up", fmt="text", text="تمهيد."))  # models loaded once, before the workers fork
    with get_context("fork").Pool(jobs) as pool:
        return list(pool.imap(_one, items, chunksize=4))


def read_hashes(path: Path = OUT) -> list[tuple[int, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            i, doc_id, h = line.split("\t")
            rows.append((int(i), doc_id, h))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=int, default=300)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("-o", "--output", default=str(OUT))
    args = ap.parse_args()
    rows = article_hashes(args.first, args.jobs)
    lines = [f"# position\tdoc_id\tsha1(mentions, quotes, events); ref_date {REF_DATE}"]
    lines += [f"{i}\t{d}\t{h}" for i, d, h in rows]
    Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} articles → {args.output}")


if __name__ == "__main__":
    main()
