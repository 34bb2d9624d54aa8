"""Select who/when gold batch D (10 SaudiNewsNet + 10 ANT articles), session 8.

Batch C's recipe (scripts/select_gold_batch_c.py: same filters, reader and --check) with its own seed,
and with every article of every gold file made before it excluded: the who/when batches, the event
batches A, B and C and the event sentence sets (whose doc ids are ``ARTICLE#n``), by id.
Reproducible: one random.Random(20261202), used first for SaudiNewsNet, then for ANT.

    python scripts/select_gold_batch_d.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch_d.py --check                # checks batch D's six files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

SEED = 20261202

BATCH_D_FILES = (
    "khabar/data/gold/entities_ant_d.tsv", "khabar/data/gold/quotes_ant_d.tsv",
    "khabar/data/gold/timex_ant_d.tsv",
    "gold/saudinewsnet/entities_d.tsv", "gold/saudinewsnet/quotes_d.tsv", "gold/saudinewsnet/timex_d.tsv",
)


# gold files made after batch D: ignored when selecting, so that the selection stays reproducible
LATER_BATCH_FILES = (
    # session 9: who/when batch E
    "khabar/data/gold/entities_ant_e.tsv", "khabar/data/gold/quotes_ant_e.tsv", "khabar/data/gold/timex_ant_e.tsv",
    "gold/saudinewsnet/entities_e.tsv", "gold/saudinewsnet/quotes_e.tsv", "gold/saudinewsnet/timex_e.tsv",
    # session 10: who/when batch F
    "khabar/data/gold/entities_ant_f.tsv", "khabar/data/gold/quotes_ant_f.tsv", "khabar/data/gold/timex_ant_f.tsv",
    "gold/saudinewsnet/entities_f.tsv", "gold/saudinewsnet/quotes_f.tsv", "gold/saudinewsnet/timex_f.tsv",
    # session 11: event batch D
    *batch_c.EVENT_BATCH_D,
    # session 13: who/when batch G
    *batch_c.batch_files("g"),
    # session 14: event batch E
    *batch_c.EVENT_BATCH_E,
    # session 15: who/when batch H
    *batch_c.batch_files("h"),
    # session 16: who/when batch I
    *batch_c.batch_files("i"),
)


def select(shared, root):
    used = batch_c.used_ids(root, BATCH_D_FILES + LATER_BATCH_FILES, sentence_ids=True)
    return batch_c.select(shared, root, seed=SEED, used=used)


if __name__ == "__main__":
    batch_c.main(BATCH_D_FILES, select)
