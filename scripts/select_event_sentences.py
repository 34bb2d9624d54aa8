"""Select a fresh set of protest/attack SENTENCES for sentence-level event gold (ANT + SaudiNewsNet).

A sentence-level set like the event-coding gold standards of the field (one news sentence, its events): each
sentence is analysed on its own, as khabar would read a one-sentence wire item.

Recipe (reproducible):
  * pools: ANT (``articles.jsonl.gz`` in file order, index >= 5000) and SaudiNewsNet; ANT category ``sport`` and the
    SaudiNewsNet sports papers left out; every article id in ANY gold TSV (``khabar/data/gold``,
    ``gold/saudinewsnet``) left out, the sentence gold of this script excepted (``events_sentences*.tsv``);
  * bodies split into sentences at . ! ? ؟ and line breaks; sentences of 60-400 characters;
  * a sentence qualifies when it holds a whole-word keyword of the "attacks" or "protests" family of
    ``scripts/select_event_batch.py``;
  * ``random.Random(11004)``: the qualifying sentences of each corpus (sorted by id) are shuffled and taken in order,
    at most one per article: 120 ANT, 80 SaudiNewsNet. A sentence id is ``<article id>~s<n>`` (n = index of the
    sentence in its body, from 0).

    python scripts/select_event_sentences.py --corpus ant --full      # ids and texts, for annotation only
    python scripts/select_event_sentences.py --write DIR              # DIR/sentences_{ant,snn}.jsonl.gz for `khabar eval`
    python scripts/select_event_sentences.py --corpus ant --check TSV # cues, labels, coverage
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_event_batch as A  # noqa: E402  same pools, keyword patterns and checker

SEED = 11004
N = {"ant": 120, "snn": 80}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_SPLIT = re.compile(r"(?<=[.!?؟])\s+|\n+")
_PATS = A.PATTERNS["attacks"] + A.PATTERNS["protests"]
# who/when batches D, E, F (sessions 8-10) and event batch D (session 11)
LATER = re.compile(r"(?:(?:entities|quotes|timex)_(?:ant_)?[defghi]|events_(?:ant_)?[de][1-4])\.tsv$")


def used_ids() -> set[str]:
    ids: set[str] = set()
    for d in ("khabar/data/gold", "gold/saudinewsnet"):
        for p in sorted(glob.glob(os.path.join(ROOT, d, "*.tsv"))):
            if "events_sentences" in os.path.basename(p) or LATER.search(p):
                continue  # its own output, and gold made after it (reproducibility)
            with open(p, encoding="utf-8") as f:
                ids.update(ln.split("\t", 1)[0].split("~")[0] for ln in f if ln.strip() and not ln.startswith("#"))
    return ids


def sentences(text: str) -> list[str]:
    return [x.strip() for x in _SPLIT.split(text)]


def select(corpus: str) -> list[dict]:
    """The chosen sentences of a corpus as records (id, text, date, title, source)."""
    rng = random.Random(SEED)
    used = used_ids()
    cands: dict[str, list[tuple[str, str, dict]]] = {"ant": [], "snn": []}
    for c in ("ant", "snn"):
        for r in A.load(c):
            if r["id"] in used:
                continue
            for i, snt in enumerate(sentences(r["text"])):
                if 60 <= len(snt) <= 400 and any(p.search(snt) for p in _PATS):
                    cands[c].append((f"{r['id']}~s{i}", snt, r))
    out: dict[str, list[dict]] = {"ant": [], "snn": []}
    for c in ("ant", "snn"):
        lst = sorted(cands[c], key=lambda x: x[0])
        seen: set[str] = set()
        for sid, snt, r in rng.sample(lst, len(lst)):
            if len(out[c]) == N[c]:
                break
            if r["id"] in seen:
                continue
            seen.add(r["id"])
            out[c].append({"id": sid, "text": snt, "title": "", "date": r.get("date"), "source": r.get("source")})
    return out[corpus]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=("ant", "snn"), default="ant")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--write", metavar="DIR")
    ap.add_argument("--check", nargs="+", metavar="TSV")
    args = ap.parse_args()
    if args.write:
        os.makedirs(args.write, exist_ok=True)
        for c in ("ant", "snn"):
            with gzip.open(os.path.join(args.write, f"sentences_{c}.jsonl.gz"), "wt", encoding="utf-8") as f:
                for r in select(c):
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    chosen = select(args.corpus)
    if args.check:
        A.select = lambda: [("sentences", args.corpus, r) for r in chosen]  # the checker reads the set through select()
        raise SystemExit(A.check(args.check))
    for r in chosen:
        print(f"{r['id']}\t{(r['date'] or '')[:10]}" + (f"\n{r['text']}\n" if args.full else ""))


if __name__ == "__main__":
    main()
