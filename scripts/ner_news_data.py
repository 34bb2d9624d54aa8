"""Turn khabar's own entity gold on news articles into tagger training sentences (CoNLL as ANERcorp writes it: word, space, tag).

ANERcorp (the taggers' training set) is 2008-era newswire with its own conventions. The entity gold
written for issue #15 (``khabar/data/gold/entities_ant_*.tsv``, annotated from the article text under
``docs/annotation-who-when.md``) is news of 2012-2018 under *our* conventions: media, ministries,
parties. This script re-reads each annotated ANT article through khabar's own segmentation (the
tokens the tagger sees at run time), finds every gold mention in the body (``surface#n`` = its n-th
occurrence, as the scorer does) and tags the tokens it covers IOB2 with the labels ``read_conll`` gives ANERcorp's.
Only body sentences are written (titles are not annotated). An article's sentences stay together and
in order, each opened by a line «# doc ID», so the document-level CRF stage sees real documents.

    python scripts/ner_news_data.py khabar/data/gold/entities_ant_c.tsv ... > /tmp/news.conll

Tried in session 10 (``scripts/train_ner.py --news``, each article 3 times, the feature CRF only; the neural
tagger was not retrained): cross-validated by batch (C, D, fresh: train on two, measure the third through the
whole pipeline), named-mention F1 moved +0.004 / +0.013 / −0.010 on ANT and −0.046 … +0.025 on SaudiNewsNet
sets, and on the unseen batch F by −0.002 … +0.010 (ANT) and +0.006 … +0.021 (SNN); 6 copies instead of 3
changed nothing. The swings between models trained on different subsets are as large as the gains, so the
shipped CRF is still trained on ANERcorp alone.

ANT is a citation-licence corpus: the sentences are regenerated from it, never committed. SaudiNewsNet
gold is non-commercial and must not go into a shipped model: this script refuses files outside
``khabar/data/gold``. Batch E (``*_e.tsv``) is held out and refused too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.eval.harness import REF_DATE, _locate, read_gold  # noqa: E402
from khabar.ingest.readers import RawDoc, iter_sources  # noqa: E402
from khabar.pipeline import analyze  # noqa: E402

ANT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "raw" / "ant_multisource" / "articles.jsonl.gz"
GOLD_DIR = (Path(__file__).resolve().parents[1] / "khabar" / "data" / "gold").resolve()
LABEL = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}  # read_conll reads PERS as PER


def _check(path: Path) -> None:
    if path.resolve().parent != GOLD_DIR:
        raise SystemExit(f"{path}: only the package's ANT gold may train a shipped model (SaudiNewsNet is non-commercial)")
    if path.stem.endswith("_e"):
        raise SystemExit(f"{path}: batch E is held out")


def tagged_sentences(a, rows: list[list[str]]) -> tuple[list[tuple[list[str], list[str]]], int]:
    """(words, tags) of each body sentence; and how many gold rows could not be placed."""
    spans, lost = [], 0
    for _, typ, surface, *_ in rows:
        loc = _locate(a, surface)
        if loc is None:
            lost += 1
        else:
            spans.append((loc[0], loc[1], LABEL[typ]))
    body = len(a.article.title) if a.article.title else 0
    out = []
    for s in a.sentences:
        if not s.tokens or s.tokens[0].start < body:
            continue
        words = [t.text for t in s.tokens]
        tags = ["O"] * len(words)
        for start, end, lab in spans:
            inside = [i for i, t in enumerate(s.tokens) if t.start < end and t.end > start]
            for k, i in enumerate(inside):
                tags[i] = ("B-" if k == 0 else "I-") + lab
        out.append((words, tags))
    return out, lost


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("--docs", default=str(ANT))
    args = ap.parse_args(argv)
    per_doc: dict[str, list[list[str]]] = {}
    for g in args.gold:
        _check(g)
        for row in read_gold(g):
            per_doc.setdefault(row[0], []).append(row)
    found, lost, n_sent = 0, 0, 0
    for d in iter_sources([args.docs]):
        if not isinstance(d, RawDoc) or d.doc_id not in per_doc:
            continue
        sents, miss = tagged_sentences(analyze(d, REF_DATE), per_doc[d.doc_id])
        found, lost = found + 1, lost + miss
        sys.stdout.write(f"# doc {d.doc_id}\n")
        for words, tags in sents:
            n_sent += 1
            sys.stdout.write("".join(f"{w} {t}\n" for w, t in zip(words, tags, strict=True)) + "\n")
    print(f"{found}/{len(per_doc)} articles, {n_sent} sentences, {lost} gold rows not placed", file=sys.stderr)


if __name__ == "__main__":
    main()
