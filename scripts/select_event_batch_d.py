"""Select event-gold batch D (20 ANT + 15 SaudiNewsNet articles), in four parts for four annotators.

Batch C's recipe (``scripts/select_event_batch_c.py``, itself batch A's pools, filters and keyword families), with:
  * ``random.Random(20261130)``; 4 ANT + 3 SaudiNewsNet articles per family (20 + 15);
  * left out: every article id in ANY gold TSV present when it was made (``khabar/data/gold/*.tsv``,
    ``gold/saudinewsnet/*.tsv``; batch D's own ``events_ant_d[12].tsv`` / ``events_d[34].tsv`` excepted, and any
    gold made later must be added to ``LATER`` so that the selection stays reproducible), and every article whose
    body is identical to such an article's;
  * parts: ANT articles in selection order alternate between parts 1 and 2, SaudiNewsNet articles between 3 and 4.

    python scripts/select_event_batch_d.py                       # the chosen ids, with part numbers
    python scripts/select_event_batch_d.py --part 1 --full       # part 1 with its texts (for annotation only)
    python scripts/select_event_batch_d.py --part 1 --check F.tsv  # cues, labels and coverage of part 1
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_event_batch as A  # noqa: E402  same pools, filters, families and checker

SEED = 20261130
PER_FAMILY = {"ant": 4, "snn": 3}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OWN = re.compile(r"events_(?:ant_)?d[1-4]\.tsv$")
LATER: re.Pattern[str] | None = None  # gold made after this batch (none yet)


def used_ids() -> set[str]:
    ids: set[str] = set()
    for d in ("khabar/data/gold", "gold/saudinewsnet"):
        for p in sorted(glob.glob(os.path.join(ROOT, d, "*.tsv"))):
            if OWN.search(p) or (LATER and LATER.search(p)):
                continue
            with open(p, encoding="utf-8") as f:
                ids.update(ln.split("\t", 1)[0] for ln in f if ln.strip() and not ln.startswith("#"))
    return ids


def select() -> list[tuple[str, str, dict, int]]:
    """(family, corpus, record, part) in selection order."""
    rng = random.Random(SEED)
    used = used_ids()
    pools = {c: A.load(c) for c in ("ant", "snn")}
    used_texts = {r["text"] for rows in pools.values() for r in rows if r["id"] in used}
    by_family: dict[str, dict[str, list[dict]]] = {c: {f: [] for f in A.FAMILIES} for c in pools}
    for c, rows in pools.items():
        for r in rows:
            if r["id"] in used or r["text"] in used_texts:
                continue
            fam = A.family_of(r["text"])
            if fam:
                by_family[c][fam].append(r)
    chosen: list[tuple[str, str, dict, int]] = []
    seen_texts: set[str] = set()
    count = {"ant": 0, "snn": 0}
    for fam in A.FAMILIES:
        for c in ("ant", "snn"):
            cands = sorted(by_family[c][fam], key=lambda r: r["id"])
            n = 0
            for r in rng.sample(cands, len(cands)):
                if n == PER_FAMILY[c]:
                    break
                if r["text"] in seen_texts:
                    continue
                seen_texts.add(r["text"])
                part = (1 if c == "ant" else 3) + count[c] % 2
                count[c] += 1
                chosen.append((fam, c, r, part))
                n += 1
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", type=int, choices=(1, 2, 3, 4))
    ap.add_argument("--full", action="store_true", help="print the texts too (for annotation; do not commit the output)")
    ap.add_argument("--check", nargs="+", metavar="TSV")
    args = ap.parse_args()
    chosen = [x for x in select() if args.part in (None, x[3])]
    if args.check:
        A.select = lambda: [(f, c, r) for f, c, r, _ in chosen]  # the checker reads the batch through select()
        raise SystemExit(A.check(args.check))
    for fam, c, r, part in chosen:
        print(f"{part}\t{fam}\t{c}\t{r['id']}\t{len(r['text'])}\t{(r.get('title') or '').strip()}")
        if args.full:
            print(r["text"].strip(), "\n")


if __name__ == "__main__":
    main()
