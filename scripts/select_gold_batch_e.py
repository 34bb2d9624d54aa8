"""Select who/when gold batch E (10 SaudiNewsNet + 10 ANT articles), session 9.

Batch C's recipe (scripts/select_gold_batch_c.py: same filters, reader and --check) with its own seed,
and with every article of every gold file made before it excluded: the who/when batches (D included), the event
batches A, B and C and the event sentence sets (whose doc ids are ``ARTICLE#n``), by id.
Reproducible: one random.Random(20261203), used first for SaudiNewsNet, then for ANT.

    python scripts/select_gold_batch_e.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch_e.py --check                # checks batch E's six files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

SEED = 20261203

BATCH_E_FILES = (
    "khabar/data/gold/entities_ant_e.tsv", "khabar/data/gold/quotes_ant_e.tsv",
    "khabar/data/gold/timex_ant_e.tsv",
    "gold/saudinewsnet/entities_e.tsv", "gold/saudinewsnet/quotes_e.tsv", "gold/saudinewsnet/timex_e.tsv",
)


# gold files made after batch E (none yet): ignored when selecting, so that the selection stays reproducible
LATER_BATCH_FILES = ()


def select(shared, root):
    used = batch_c.used_ids(root, BATCH_E_FILES + LATER_BATCH_FILES, sentence_ids=True)
    return batch_c.select(shared, root, seed=SEED, used=used)


if __name__ == "__main__":
    batch_c.main(BATCH_E_FILES, select)
