"""Select event-gold batch D (20 ANT + 15 SaudiNewsNet articles), in four parts for four annotators.

Batch C's recipe (``scripts/select_event_batch_c.py``, itself batch A's pools, filters and keyword families), with:
  * ``random.Random(20261130)``; 4 ANT + 3 SaudiNewsNet articles per family (20 + 15);
  * left out: every article id in ANY gold TSV present when it was made (``khabar/data/gold/*.tsv``,
    ``gold/saudinewsnet/*.tsv``; batch D's own ``events_ant_d[12].tsv`` / ``events_d[34].tsv`` excepted, and any
    gold made later must be added to ``LATER`` so that the selection stays reproducible), and every article whose
    body is identical to such an article's;
  * parts: ANT articles in selection order alternate between parts 1 and 2, SaudiNewsNet articles between 3 and 4.

    python scripts/select_event_batch_d.py [--part N] [--full | --check F.tsv]   (options as batch C's)
"""
from __future__ import annotations

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_event_batch_c as C  # noqa: E402  batch C's selection and command line

SEED = 20261130
PER_FAMILY = {"ant": 4, "snn": 3}
OWN = re.compile(r"events_(?:ant_)?d[1-4]\.tsv$")
LATER: re.Pattern[str] | None = re.compile(r"(?:(?:entities|quotes|timex)_(?:ant_)?[ghi]|events_(?:ant_)?e[1-4])\.tsv$")  # made later


def select() -> list[tuple[str, str, dict, int]]:
    """(family, corpus, record, part) in selection order."""
    return C.select(SEED, PER_FAMILY, C.used_ids(OWN, LATER))


if __name__ == "__main__":
    C.main(select, __doc__)
