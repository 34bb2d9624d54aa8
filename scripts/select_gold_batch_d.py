"""Select who/when gold batch D (10 SaudiNewsNet + 10 ANT articles), session 8.

Batch C's recipe (scripts/select_gold_batch_c.py: same filters, reader and --check) with its own seed,
and with every article of every gold file made before it excluded: the who/when batches, the event
batches A, B and C and the event sentence sets (whose doc ids are ``ARTICLE#n``), by id.
Reproducible: one random.Random(20261202), used first for SaudiNewsNet, then for ANT.

    python scripts/select_gold_batch_d.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch_d.py --check                # checks batch D's six files
"""
import argparse
import glob
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from select_gold_batch import ANT_MIN_INDEX, HIJRI_CUES, check, eligible, read  # noqa: E402  same filters and check

SEED = 20261202
N_SNN, N_ANT, N_SNN_HIJRI = 10, 10, 3

BATCH_D_FILES = (
    "khabar/data/gold/entities_ant_d.tsv", "khabar/data/gold/quotes_ant_d.tsv",
    "khabar/data/gold/timex_ant_d.tsv",
    "gold/saudinewsnet/entities_d.tsv", "gold/saudinewsnet/quotes_d.tsv", "gold/saudinewsnet/timex_d.tsv",
)


def used_ids(root):
    """Article ids in every gold TSV (batch D's own files excepted); a sentence id ``X#n`` counts as X."""
    skip = {os.path.normpath(os.path.join(root, p)) for p in BATCH_D_FILES}
    ids = set()
    for d in ("khabar/data/gold", "gold/saudinewsnet"):
        for p in sorted(glob.glob(os.path.join(root, d, "*.tsv"))):
            if os.path.normpath(p) in skip:
                continue
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if line.strip() and not line.startswith("#"):
                        ids.add(line.split("\t", 1)[0].split("#", 1)[0])
    return ids


def select(shared, root):
    rng = random.Random(SEED)
    used = used_ids(root)
    snn = [r for _, r in read(os.path.join(shared, "eval/raw/saudinewsnet/articles.jsonl.gz"))
           if r["id"] not in used and eligible(r.get("text"))]
    snn.sort(key=lambda r: r["id"])
    rng.shuffle(snn)
    hijri = [r for r in snn if HIJRI_CUES.search(r["text"])]
    chosen = hijri[:N_SNN_HIJRI]
    taken = {r["id"] for r in chosen}
    chosen += [r for r in snn if r["id"] not in taken][:N_SNN - len(chosen)]

    ant = [r for i, r in read(os.path.join(shared, "eval/raw/ant_multisource/articles.jsonl.gz"))
           if i >= ANT_MIN_INDEX and r["id"] not in used and eligible(r.get("text"))]
    ant.sort(key=lambda r: r["id"])
    return [r["id"] for r in chosen], [r["id"] for r in rng.sample(ant, N_ANT)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..")
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--check", nargs="*", metavar="TSV",
                    help="check gold TSVs instead of selecting (default: batch D's six files)")
    a = ap.parse_args()
    if a.check is not None:
        paths = a.check or [os.path.join(root, p) for p in BATCH_D_FILES]
        raise SystemExit(1 if check(paths, a.shared) else 0)
    snn, ant = select(a.shared, root)
    for i in snn:
        print("saudinewsnet", i, sep="\t")
    for i in ant:
        print("ant", i, sep="\t")


if __name__ == "__main__":
    main()
