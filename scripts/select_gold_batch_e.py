"""Select who/when gold batch E (10 SaudiNewsNet + 10 ANT articles), session 9.

Batch C's recipe (scripts/select_gold_batch_c.py: same filters, reader and --check) with its own seed, and with
every article of every gold file made before it excluded, batch D's included (ids of the sentence sets,
``ARTICLE#n``, count as their article). Reproducible: one random.Random(20261203), used first for SaudiNewsNet,
then for ANT.

    python scripts/select_gold_batch_e.py [--shared ../shared]   # prints the chosen ids
    python scripts/select_gold_batch_e.py --check                # checks batch E's six files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

SEED = 20261203

if __name__ == "__main__":
    batch_c.run_batch("e", SEED, later=batch_c.batch_files("f") + batch_c.batch_files("g") + batch_c.EVENT_BATCH_E + batch_c.batch_files("h")
                     + batch_c.batch_files("i"))  # F, G, event E, H, I came after
