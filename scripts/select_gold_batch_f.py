"""Who/when gold batch F (session 10): 10 SaudiNewsNet + 10 ANT articles with batch C's recipe and its own seed,
every article of every earlier gold file excluded (batch E's included). Same command line as the earlier batches:

    python scripts/select_gold_batch_f.py            # prints the chosen ids (random.Random(20261204))
    python scripts/select_gold_batch_f.py --check    # checks batch F's six gold files
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_gold_batch_c as batch_c  # noqa: E402  batch C's filters, reader, check and command line

if __name__ == "__main__":
    batch_c.run_batch("f", 20261204, later=batch_c.batch_files("g") + batch_c.EVENT_BATCH_E + batch_c.batch_files("h")
                        + batch_c.batch_files("i"))  # G, event E, H, I came after
