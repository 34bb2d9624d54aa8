"""Dump what khabar extracts from a fixed set of articles, to check a refactoring changes nothing.

Articles: the five seeds (khabar/data/samples), every ANT article named in the event gold
(khabar/data/gold/events_ant.tsv) and the first N articles of the ANT corpus, all analysed with a
fixed reference date. For each article the dump holds its ``events`` (from ``Analysis.to_dict()``)
and its ``stage_errors`` (with ``--all``: the whole analysis, tokens included); articles that cannot
be analysed record the exception instead.

    python scripts/check_identical.py [--all] --ant ../shared/eval/raw/ant_multisource/articles.jsonl.gz \\
        -o /tmp/events.json [--compare baseline.json]

The output is deterministic (sorted keys), so two runs compare byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from khabar.eval.harness import read_gold  # noqa: E402
from khabar.ingest.readers import RawDoc, iter_sources  # noqa: E402
from khabar.pipeline import analyze  # noqa: E402

TODAY = dt.date(2026, 11, 23)
SAMPLES = ROOT / "khabar" / "data" / "samples"
GOLD = ROOT / "khabar" / "data" / "gold" / "events_ant.tsv"


def _docs(ant: str, first: int) -> list[tuple[str, RawDoc]]:
    """(key, document) for the seeds, the gold ANT articles and the first ``first`` ANT articles."""
    out: list[tuple[str, RawDoc]] = []
    for d in iter_sources([str(SAMPLES)]):
        if isinstance(d, RawDoc):
            out.append((f"seed/{Path(d.source.split('#')[0]).name}", d))
    wanted = {r[0] for r in read_gold(GOLD)}
    seen: set[str] = set()
    for i, d in enumerate(d for d in iter_sources([ant]) if isinstance(d, RawDoc)):
        key = d.doc_id or f"#{i}"
        if (i < first or any(key.startswith(w) for w in wanted)) and key not in seen:
            seen.add(key)
            out.append((f"ant/{i:06d}/{key}", d))
    return out


def _one(item: tuple[str, RawDoc, bool]) -> tuple[str, dict]:
    key, doc, everything = item
    try:
        d = analyze(doc, TODAY).to_dict(tokens=everything)
    except Exception as e:  # noqa: BLE001 - recorded, part of the behaviour being compared
        return key, {"error": f"{type(e).__name__}: {e}"}
    if everything:
        return key, d
    return key, {"events": d["events"], "stage_errors": d["article"].get("extra", {}).get("stage_errors", [])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ant", default=str(ROOT.parent / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"))
    ap.add_argument("--first", type=int, default=300, help="how many leading ANT articles to include")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--compare", default=None, help="baseline dump: exit 1 unless the new dump is byte-identical")
    ap.add_argument("--all", action="store_true", help="dump the whole analysis, not only the events")
    args = ap.parse_args()
    docs = [(k, d, args.all) for k, d in _docs(args.ant, args.first)]
    with Pool(args.jobs) as pool:
        res = dict(pool.imap(_one, docs, chunksize=4))
    text = json.dumps(res, ensure_ascii=False, sort_keys=True, indent=1)
    Path(args.output).write_text(text, encoding="utf-8")
    n_ev = sum(len(v.get("events", [])) for v in res.values())
    n_err = sum(bool(v.get("error") or v.get("stage_errors")) for v in res.values())
    print(f"{len(res)} articles, {n_ev} events, {n_err} with errors → {args.output}")
    if args.compare:
        same = Path(args.compare).read_text(encoding="utf-8") == text
        print("identical to the baseline" if same else "DIFFERENT from the baseline")
        sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
