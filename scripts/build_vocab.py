"""Build khabar/data/vocab.tsv.gz: word frequencies from the unlabeled ANT corpus.

The list drives clitic segmentation (split «ل» off «لروسيا» because «روسيا» is a word, not
off «لافروف») and the encoding detector. Only ANT (citation licence) is used; no test split,
no SaudiNewsNet (non-commercial). Reproduce with:

    python scripts/build_vocab.py ../shared/eval/raw/ant_multisource/articles.jsonl.gz
"""

from __future__ import annotations

import collections
import gzip
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.text.textnorm import normalize  # noqa: E402

WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")


def main(src: str, out: str = "khabar/data/vocab.tsv.gz", top: int = 80000, min_count: int = 3) -> None:
    counts: collections.Counter[str] = collections.Counter()
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = " ".join(x for x in (d.get("title"), d.get("abstract"), d.get("text")) if x)
            counts.update(WORD.findall(normalize(text)))
    rows = [(w, c) for w, c in counts.most_common(top) if c >= min_count]
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# word\tcount  (ANT corpus v2.1, normalised search form; scripts/build_vocab.py)\n")
        for w, c in rows:
            fh.write(f"{w}\t{c}\n")
    print(f"{len(rows)} words → {out}")


if __name__ == "__main__":
    main(*sys.argv[1:2] or ["../shared/eval/raw/ant_multisource/articles.jsonl.gz"])
