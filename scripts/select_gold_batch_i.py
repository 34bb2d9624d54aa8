"""Who/when gold batch I (session 16): 10 SaudiNewsNet + 10 ANT articles with batch C's recipe and its own seed,
every article of every earlier gold file excluded. Same command line as the earlier batches:

    python scripts/select_gold_batch_i.py            # prints the chosen ids (random.Random(20261207))
    python scripts/select_gold_batch_i.py --check    # checks batch I's six gold files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

if __name__ == "__main__":
    batch_c.run_batch("i", 20261207)
