"""Select event-gold batch E (20 ANT + 15 SaudiNewsNet articles, four parts): batch D's recipe and command line
(``scripts/select_event_batch_d.py``) with ``random.Random(20261201)``, batch E's own files (``events_ant_e[12].tsv``,
``events_e[34].tsv``) excepted from the gold that is left out.

    python scripts/select_event_batch_e.py [--part N] [--full | --check F.tsv]
"""
from __future__ import annotations

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import select_event_batch_c as C  # noqa: E402  batch C's selection and command line

SEED = 20261201
PER_FAMILY = {"ant": 4, "snn": 3}
OWN = re.compile(r"events_(?:ant_)?e[1-4]\.tsv$")
LATER: re.Pattern[str] | None = re.compile(r"(?:entities|quotes|timex)_(?:ant_)?[hi]\.tsv$")  # gold made after this batch


def select() -> list[tuple[str, str, dict, int]]:
    """(family, corpus, record, part) in selection order."""
    return C.select(SEED, PER_FAMILY, C.used_ids(OWN, LATER))


if __name__ == "__main__":
    C.main(select, __doc__)
