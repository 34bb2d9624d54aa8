"""Who/when gold batch G (session 13): 10 SaudiNewsNet + 10 ANT articles with batch C's recipe and its own seed,
every article of every earlier gold file excluded. Same command line as the earlier batches:

    python scripts/select_gold_batch_g.py            # prints the chosen ids (random.Random(20261205))
    python scripts/select_gold_batch_g.py --check    # checks batch G's six gold files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

if __name__ == "__main__":
    batch_c.run_batch("g", 20261205, later=batch_c.EVENT_BATCH_E + batch_c.batch_files("h") + batch_c.batch_files("i"))  # event E, H, I came after
