"""Select who/when gold batch C (10 SaudiNewsNet + 10 ANT articles).

The filters, the reader and --check are those of scripts/select_gold_batch.py (batch of seed 20261130), imported.
Reproducible: one random.Random(20261201), used first for SaudiNewsNet, then for ANT.
Filters (surface heuristics only; khabar is not run):
  * body (`text`) 600-3,000 characters;
  * at least one name cue (a title, institution or place word that signals a named
    person, organisation or place);
  * at least one quotation cue (قال/أكد/أوضح/صرح/أضاف or «…») or a date expression;
  * both corpora: id not in ANY gold TSV already present, i.e. khabar/data/gold/*.tsv and
    gold/saudinewsnet/*.tsv (batch C's own *_c.tsv files excepted, so that the selection stays
    reproducible once they exist; a later batch must be added to LATER_BATCH_FILES for the same reason);
  * ANT: index >= 5000 in the file;
  * SaudiNewsNet: 3 of the 10 are taken first from the articles with a Hijri date cue.

    python scripts/select_gold_batch_c.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch_c.py --check                # checks batch C's six files
    python scripts/select_gold_batch_c.py --check TSV [TSV ...]  # checks any gold TSVs

--check verifies gold TSVs against the corpus records. Every surface or cue `X#n` must have at
least n non-overlapping matches of X in the record's `text` (counted as khabar's eval harness
counts them). An entity surface must not be glued to following letters. Unsuffixed quote and timex
cues that occur more than once are listed, so that their first occurrence can be confirmed by hand.
"""
import argparse
import glob
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from select_gold_batch import ANT_MIN_INDEX, HIJRI_CUES, check, eligible, read  # noqa: E402  same filters and check

SEED = 20261201
N_SNN, N_ANT, N_SNN_HIJRI = 10, 10, 3

# batch C's own output (not "already used"), relative to the repository root
BATCH_C_FILES = (
    "khabar/data/gold/entities_ant_c.tsv", "khabar/data/gold/quotes_ant_c.tsv",
    "khabar/data/gold/timex_ant_c.tsv",
    "gold/saudinewsnet/entities_c.tsv", "gold/saudinewsnet/quotes_c.tsv", "gold/saudinewsnet/timex_c.tsv",
)
EVENT_BATCH_D = ("khabar/data/gold/events_ant_d1.tsv", "khabar/data/gold/events_ant_d2.tsv",
                 "gold/saudinewsnet/events_d3.tsv", "gold/saudinewsnet/events_d4.tsv")
EVENT_BATCH_E = ("khabar/data/gold/events_ant_e1.tsv", "khabar/data/gold/events_ant_e2.tsv",
                 "gold/saudinewsnet/events_e3.tsv", "gold/saudinewsnet/events_e4.tsv")
# gold files of batches made after C: also ignored when selecting, for reproducibility (with them counted, the
# selection drifted: session 7's event files changed it until session 8 listed them here)
LATER_BATCH_FILES = (
    # session 7: event batch C and the event sentence sets
    "khabar/data/gold/events_ant_c1.tsv", "khabar/data/gold/events_ant_c2.tsv",
    "gold/saudinewsnet/events_c3.tsv", "gold/saudinewsnet/events_c4.tsv",
    "khabar/data/gold/events_sentences_ant.tsv", "gold/saudinewsnet/events_sentences_snn.tsv",
    # session 8: who/when batch D
    "khabar/data/gold/entities_ant_d.tsv", "khabar/data/gold/quotes_ant_d.tsv",
    "khabar/data/gold/timex_ant_d.tsv",
    "gold/saudinewsnet/entities_d.tsv", "gold/saudinewsnet/quotes_d.tsv", "gold/saudinewsnet/timex_d.tsv",
    # session 9: who/when batch E
    "khabar/data/gold/entities_ant_e.tsv", "khabar/data/gold/quotes_ant_e.tsv", "khabar/data/gold/timex_ant_e.tsv",
    "gold/saudinewsnet/entities_e.tsv", "gold/saudinewsnet/quotes_e.tsv", "gold/saudinewsnet/timex_e.tsv",
    # session 10: who/when batch F
    "khabar/data/gold/entities_ant_f.tsv", "khabar/data/gold/quotes_ant_f.tsv", "khabar/data/gold/timex_ant_f.tsv",
    "gold/saudinewsnet/entities_f.tsv", "gold/saudinewsnet/quotes_f.tsv", "gold/saudinewsnet/timex_f.tsv",
    # session 11: event batch D
    *EVENT_BATCH_D,
    # session 13: who/when batch G
    "khabar/data/gold/entities_ant_g.tsv", "khabar/data/gold/quotes_ant_g.tsv", "khabar/data/gold/timex_ant_g.tsv",
    "gold/saudinewsnet/entities_g.tsv", "gold/saudinewsnet/quotes_g.tsv", "gold/saudinewsnet/timex_g.tsv",
    # session 14: event batch E (left out of this list then, so batches C-G drifted until session 15 added it)
    *EVENT_BATCH_E,    # session 15: who/when batch H
    "khabar/data/gold/entities_ant_h.tsv", "khabar/data/gold/quotes_ant_h.tsv", "khabar/data/gold/timex_ant_h.tsv",
    "gold/saudinewsnet/entities_h.tsv", "gold/saudinewsnet/quotes_h.tsv", "gold/saudinewsnet/timex_h.tsv",
    # session 16: who/when batch I
    "khabar/data/gold/entities_ant_i.tsv", "khabar/data/gold/quotes_ant_i.tsv", "khabar/data/gold/timex_ant_i.tsv",
    "gold/saudinewsnet/entities_i.tsv", "gold/saudinewsnet/quotes_i.tsv", "gold/saudinewsnet/timex_i.tsv",
)


def batch_files(letter):
    """The six gold files of who/when batch ``letter`` (relative to the repository root)."""
    return (f"khabar/data/gold/entities_ant_{letter}.tsv", f"khabar/data/gold/quotes_ant_{letter}.tsv",
            f"khabar/data/gold/timex_ant_{letter}.tsv", f"gold/saudinewsnet/entities_{letter}.tsv",
            f"gold/saudinewsnet/quotes_{letter}.tsv", f"gold/saudinewsnet/timex_{letter}.tsv")


def run_batch(letter, seed, later=()):
    """Select or check batch ``letter`` with batch C's recipe, its own seed, and every earlier gold file
    excluded (``later``: files made after it, ignored so that the selection stays reproducible)."""
    own = batch_files(letter)

    def pick(shared, root):
        return select(shared, root, seed=seed, used=used_ids(root, own + tuple(later) + EVENT_BATCH_D,
                                                             sentence_ids=True))

    main(own, pick)


def used_ids(root, skip_files=BATCH_C_FILES + LATER_BATCH_FILES, sentence_ids=False):
    """Ids in every gold TSV of khabar/data/gold and gold/saudinewsnet but ``skip_files`` (the batch's own
    and later ones); ``sentence_ids``: a sentence id ``X#n`` counts as its article X."""
    skip = {os.path.normpath(os.path.join(root, p)) for p in skip_files}
    ids = set()
    for d in ("khabar/data/gold", "gold/saudinewsnet"):
        for p in sorted(glob.glob(os.path.join(root, d, "*.tsv"))):
            if os.path.normpath(p) in skip:
                continue
            with open(p, encoding="utf-8") as f:
                for line in f:
                    if line.strip() and not line.startswith("#"):
                        doc = line.split("\t", 1)[0]
                        ids.add(doc.split("#", 1)[0] if sentence_ids else doc)
    return ids


def select(shared, root, seed=SEED, used=None):
    """The batch's SaudiNewsNet and ANT ids; ``seed`` and ``used`` (ids to exclude) for later batches."""
    rng = random.Random(seed)
    used = used_ids(root) if used is None else used
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


def main(files=BATCH_C_FILES, pick=select):
    """Select (print the ids) or ``--check`` the batch's gold files (``files``, relative to the root)."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..")
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    ap.add_argument("--check", nargs="*", metavar="TSV",
                    help="check gold TSVs instead of selecting (default: the batch's six files)")
    a = ap.parse_args()
    if a.check is not None:
        paths = a.check or [os.path.join(root, p) for p in files]
        raise SystemExit(1 if check(paths, a.shared) else 0)
    snn, ant = pick(a.shared, root)
    for i in snn:
        print("saudinewsnet", i, sep="\t")
    for i in ant:
        print("ant", i, sep="\t")


if __name__ == "__main__":
    main()
