"""Build ``khabar/data/first_names.txt``: first names for the rule that reads «تيسير المفرج» — a first name before a
family name the news corpus hardly knows — as a person the tagger missed (khabar.entities.docnames, issue #15).

A first name is the first word of a person's name of two words or more in ANERcorp's *train* split (CC BY-SA 4.0;
the test split is never read) or in the knowledge base's people (``data/kb/people*.toml``), three letters or more,
not a title or a word with the article («الشيخ», «الرئيس»: ANERcorp tags some titles inside names), normalised as
khabar's tokenizer normalises; ANERcorp's conjunction «و» on a name («ومحمد») is taken off. Reproducible:

    python scripts/build_first_names.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from build_given_names import anercorp_first_names, kb_first_names  # noqa: E402

from khabar.text.textnorm import normalize  # noqa: E402

NOT_NAMES = frozenset(normalize(w) for w in (
    "زعيم", "قوة", "قوات", "رئيس", "وزير", "أمير", "ملك", "شيخ", "سيد", "السيد", "عاهل", "نائب", "حاكم", "بابا",
    "سمو", "جلالة", "فخامة", "معالي", "الدكتور", "دكتور", "مستشار", "ولي", "عهد", "ابن", "بن", "أبو", "أبي", "عبد",
    "آل", "بنت", "أم", "سان", "دي", "دو", "فان", "فون", "بان", "مع", "عن", "من", "إلى", "على", "في", "ذلك", "هذا",
    "أنا", "انا", "نحن", "هو", "هي"))


def first_names(shared: str) -> list[str]:
    counts = anercorp_first_names(os.path.join(shared, "eval/raw/anercorp_camel_split/ANERcorp_train.conll"))
    for w in kb_first_names():
        counts[w] += 1
    out = set()
    for w in counts:
        if w.startswith("و") and w[1:] in counts:
            w = w[1:]
        if len(w) >= 3 and w.isalpha() and not w.startswith("ال") and w not in NOT_NAMES:
            out.add(w)
    return sorted(out)


def main() -> None:
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    names = first_names(ap.parse_args().shared)
    out = os.path.join(root, "khabar", "data", "first_names.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# First names (first words of people's names of two words or more) in ANERcorp's train split (CC BY-SA 4.0)\n"
                "# and the knowledge base's people. Built by scripts/build_first_names.py; normalised forms, one a line.\n")
        f.write("\n".join(names) + "\n")
    print(len(names), "names ->", out)


if __name__ == "__main__":
    main()
