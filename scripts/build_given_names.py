"""Build ``khabar/data/given_names.txt``: first names the segmenter must not split a proclitic off
(«فيصل» is no «ف» + «يصل», «فرنسيس» no «ف» + «رنسيس»; docs/annotation-who-when.md, issue #15).

A given name is the first word of a person's name of two words or more, in
  * ANERcorp's *train* split (CC BY-SA 4.0; the test split is never read): a B-PERS token followed by I-PERS;
  * the knowledge base's people (``data/kb/people*.toml``, their Arabic forms);
kept when it occurs at least twice as a first name (the knowledge base's count once), is three letters or more,
and starts with a proclitic letter (و ف ب ل ك س): only such forms can be split. ANERcorp writes proclitics on
its tokens, so a form that is a proclitic on another first name («ومحمد») is left out, and so is one the corpus
vocabulary reads mostly as a proclitic on a common word (:func:`_mostly_whole`). Normalised as khabar's tokenizer
normalises. Reproducible:

    python scripts/build_given_names.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from khabar.kb.actors import knowledge_base  # noqa: E402
from khabar.text.textnorm import normalize  # noqa: E402
from khabar.text.tokenize import _freq  # noqa: E402

PROCLITIC_LETTERS = "وفبلكس"


def anercorp_first_names(path: str) -> collections.Counter[str]:
    """First words of multi-word person names in a CoNLL file (word, space, tag)."""
    rows = [line.split() for line in open(path, encoding="utf-8")]
    rows = [r for r in rows if len(r) == 2] + [["", "O"]]
    out: collections.Counter[str] = collections.Counter()
    for (w, t), (_, nxt) in zip(rows, rows[1:], strict=False):
        if t == "B-PERS" and nxt == "I-PERS":
            out[normalize(w)] += 1
    return out


def kb_first_names() -> set[str]:
    kb = knowledge_base()
    return {normalize(f.split()[0]) for a in kb.actors.values() if a.type == "PER" for f in a.forms if len(f.split()) > 1}


def _mostly_whole(w: str) -> bool:
    """The corpus vocabulary does not read the form mostly as a proclitic on a common word: «بان» and «فان» are
    «بأن», «فإن» far more often than Ban Ki-moon or Van; «واين», «لفرانس» are و + أين, ل + فرانس. The
    conjunction و and the preposition ل, which ANERcorp's tokens carry on names, need the whole form to be the
    more frequent; the other letters, a tenth of it («فيصل» against «يصل»)."""
    whole, rest = _freq(w), _freq(w[1:])
    return whole >= rest if w[0] in "ول" else (whole + 1) * 10 >= rest


def main() -> None:
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(root, "..", "shared"))
    a = ap.parse_args()
    counts = anercorp_first_names(os.path.join(a.shared, "eval/raw/anercorp_camel_split/ANERcorp_train.conll"))
    for w in kb_first_names():
        counts[w] += 2
    names = sorted(w for w, c in counts.items() if c >= 2 and len(w) >= 3 and w[0] in PROCLITIC_LETTERS and w.isalpha()
                   and w[1:] not in counts and w[2:] not in counts and _mostly_whole(w))
    out = os.path.join(root, "khabar", "data", "given_names.txt")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# First names that start with a proclitic letter: the segmenter keeps them whole («فيصل», «فرنسيس»).\n"
                "# Built by scripts/build_given_names.py from ANERcorp's train split (CC BY-SA 4.0) and the knowledge base's\n"
                "# people; normalised forms, one a line.\n")
        f.write("\n".join(names) + "\n")
    print(len(names), "names ->", out)


if __name__ == "__main__":
    main()
