"""Select event-gold batch C (40 ANT + 30 SaudiNewsNet articles), in four parts for four annotators.

The recipe is batch A's (``scripts/select_event_batch.py``: pools, length and sport filters, keyword families by whole
words, dominant family with at least two hits), with these differences:
  * ``random.Random(11003)``; 8 ANT + 6 SaudiNewsNet articles per family (40 + 30);
  * left out: every article id in ANY gold TSV already present (``khabar/data/gold/*.tsv``, ``gold/saudinewsnet/*.tsv``;
    batch C's own ``events_*c[1-4].tsv`` files excepted so that the selection stays reproducible once they exist),
    and every article whose body is identical to the body of such an article (ANT repeats bodies under new ids);
  * parts: ANT articles in selection order alternate between parts 1 and 2, SaudiNewsNet articles between 3 and 4.

    python scripts/select_event_batch_c.py                       # the chosen ids, with part numbers
    python scripts/select_event_batch_c.py --part 1 --full       # part 1 with its texts (for annotation only)
    python scripts/select_event_batch_c.py --part 1 --check F.tsv  # cues, labels and coverage of part 1
"""
from __future__ import annotations

import argparse
import glob
import os
import random
import re
import sys
from collections.abc import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_event_batch as A  # noqa: E402  same pools, filters, families and checker

SEED = 11003
PER_FAMILY = {"ant": 8, "snn": 6}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OWN = re.compile(r"events_(?:ant_)?c[1-4]\.tsv$")
# gold made after this batch, ignored when selecting so that the selection stays reproducible
LATER = re.compile(r"(?:events_sentences_\w+|(?:entities|quotes|timex)_(?:ant_)?[defghi]|events_(?:ant_)?[de][1-4])\.tsv$")


def used_ids(own: re.Pattern[str] = OWN, later: re.Pattern[str] | None = LATER) -> set[str]:
    """Article ids of every gold file but the batch's own (``own``) and those made after it (``later``)."""
    ids: set[str] = set()
    for d in ("khabar/data/gold", "gold/saudinewsnet"):
        for p in sorted(glob.glob(os.path.join(ROOT, d, "*.tsv"))):
            if own.search(p) or (later is not None and later.search(p)):
                continue
            with open(p, encoding="utf-8") as f:
                ids.update(ln.split("\t", 1)[0] for ln in f if ln.strip() and not ln.startswith("#"))
    return ids


def select(seed: int = SEED, per_family: dict[str, int] | None = None, used: set[str] | None = None
           ) -> list[tuple[str, str, dict, int]]:
    """(family, corpus, record, part) in selection order (batch C's by default; a later batch passes its
    own seed, counts per family and used ids)."""
    rng = random.Random(seed)
    per_family = per_family or PER_FAMILY
    used = used_ids() if used is None else used
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
                if n == per_family[c]:
                    break
                if r["text"] in seen_texts:
                    continue
                seen_texts.add(r["text"])
                part = (1 if c == "ant" else 3) + count[c] % 2
                count[c] += 1
                chosen.append((fam, c, r, part))
                n += 1
    return chosen


def main(pick: Callable[[], list[tuple[str, str, dict, int]]] = select, doc: str | None = None) -> None:
    """The command line of a batch: its ids, its texts (--full) or a check of its gold (--check)."""
    ap = argparse.ArgumentParser(description=(doc or __doc__).splitlines()[0])
    ap.add_argument("--part", type=int, choices=(1, 2, 3, 4))
    ap.add_argument("--full", action="store_true", help="print the texts too (for annotation; do not commit the output)")
    ap.add_argument("--check", nargs="+", metavar="TSV")
    args = ap.parse_args()
    chosen = [x for x in pick() if args.part in (None, x[3])]
    if args.check:
        A.select = lambda: [(f, c, r) for f, c, r, _ in chosen]  # the checker reads the batch through select()
        raise SystemExit(A.check(args.check))
    for fam, c, r, part in chosen:
        print(f"{part}\t{fam}\t{c}\t{r['id']}\t{len(r['text'])}\t{(r.get('title') or '').strip()}")
        if args.full:
            print(r["text"].strip(), "\n")


if __name__ == "__main__":
    main()
