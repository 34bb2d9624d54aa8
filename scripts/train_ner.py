"""Train the CRF NER model → khabar/data/models/ner.crfsuite.

Training data: ANERcorp *train* split only. Hyper-parameters (L1/L2 weights) are chosen on a
held-out tail of the train split (the last 10% of its sentences), never on the test split;
the final model is then trained on the whole train split. Two stages: a sentence-level
CRF, then a CRF that also sees the stage-1 labels of the same word elsewhere in the document
(trained on 5-fold jackknifed stage-1 predictions, so it learns how far to trust them). Reproduce with:

    python scripts/train_ner.py ../shared/eval/raw/anercorp_camel_split/ANERcorp_train.conll

Then measure: ``khabar eval ner`` (ANERcorp test).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.entities.crf import (  # noqa: E402
    MODEL2_PATH,
    MODEL_PATH,
    doc_features,
    evaluate,
    read_conll,
    sentence_features,
)

C1, C2 = 0.05, 0.05
MAX_ITER = 150
FOLDS = 5
WEIGHT = 3  # copies of each article of our own news gold (ANERcorp has ~4,000 sentences, the gold a few hundred)
WINDOW = 15  # ANERcorp has no article boundaries: ±15 sentences stand in for the document


def train(data, path: str, c1: float = C1, c2: float = C2) -> None:
    tr = pycrfsuite.Trainer(verbose=False)
    for feats, tags in data:
        tr.append(feats, tags)
    tr.set_params({"c1": c1, "c2": c2, "max_iterations": MAX_ITER, "feature.possible_transitions": True})
    tr.train(path)


def tag_all(path: str, feats_list) -> list[list[str]]:
    tg = pycrfsuite.Tagger()
    tg.open(path)
    return [tg.tag(f) if f else [] for f in feats_list]


def stage1_jackknife(words, feats, tags, tmp: str) -> list[list[str]]:
    """Stage-1 predictions for every training sentence from a model that did not see it."""
    n = len(words)
    pred: list[list[str]] = [[] for _ in range(n)]
    bounds = [round(k * n / FOLDS) for k in range(FOLDS + 1)]
    for k in range(FOLDS):
        lo, hi = bounds[k], bounds[k + 1]
        p = f"{tmp}/fold{k}.crfsuite"
        train([(feats[i], tags[i]) for i in range(n) if not lo <= i < hi], p)
        for i, t in zip(range(lo, hi), tag_all(p, feats[lo:hi]), strict=True):
            pred[i] = t
    return pred


def fit(words, tags, out1: str, out2: str, tmp: str) -> None:
    feats = [sentence_features(w) for w in words]
    train(list(zip(feats, tags, strict=True)), out1)
    s1 = stage1_jackknife(words, feats, tags, tmp)
    feats2 = doc_features(words, s1, WINDOW)
    train(list(zip(feats2, tags, strict=True)), out2)


def score(words, tags, m1: str, m2: str) -> tuple[float, float]:
    s1 = tag_all(m1, [sentence_features(w) for w in words])
    s2 = tag_all(m2, doc_features(words, s1, WINDOW))
    fix = lambda ts: [[t.replace("PERS", "PER") for t in x] for x in ts]  # noqa: E731
    gold = fix(tags)
    return evaluate(gold, fix(s1))["micro"]["f1"], evaluate(gold, fix(s2))["micro"]["f1"]


def interleave(sents, news, weight: int):
    """ANERcorp's sentences with the news articles spread evenly among them, each article ``weight``
    times. The copies of one article sit close enough to fall in one jackknife fold (a copy in another
    fold would leak its own labels into the stage-1 predictions) and far enough apart (more than the
    document window) that the stage-2 consistency votes never count a copy of the same sentence."""
    if not news or weight < 1:
        return list(sents)
    out, step = [], len(sents) / len(news)
    for k, doc in enumerate(news):
        chunk = sents[round(k * step) : round((k + 1) * step)]
        part = len(chunk) / weight
        for c in range(weight):
            out.extend(chunk[round(c * part) : round((c + 1) * part)])
            out.extend(doc)
    return out


def news_articles(path: str) -> list[list[tuple[list[str], list[str]]]]:
    """The sentences of scripts/ner_news_data.py's output, grouped by article (a line «# doc» opens one)."""
    docs: list[list[tuple[list[str], list[str]]]] = []
    for block in Path(path).read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if lines and lines[0].startswith("# doc"):
            docs.append([])
            lines = lines[1:]
        if lines:
            w, t = zip(*(ln.rpartition(" ")[::2] for ln in lines), strict=True)
            docs[-1].append((list(w), [x.replace("PERS", "PER") for x in t]))
    return docs


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Train the two-stage CRF NER.")
    ap.add_argument("train", nargs="?", default="../shared/eval/raw/anercorp_camel_split/ANERcorp_train.conll")
    ap.add_argument("--news", help="news sentences from scripts/ner_news_data.py (our own ANT gold)")
    ap.add_argument("--weight", type=int, default=WEIGHT, help="copies of each news article")
    ap.add_argument("--out", type=Path, default=MODEL_PATH.parent, help="model directory")
    ap.add_argument("--no-dev", action="store_true", help="skip the check on the tail of ANERcorp train")
    args = ap.parse_args(argv)
    t0 = time.time()
    sents = read_conll(args.train)
    news = news_articles(args.news) if args.news else []
    tmp = tempfile.mkdtemp()
    f1_1 = f1_2 = None
    if not args.no_dev:  # development check on the tail of the train split (the test split is never used)
        cut = int(len(sents) * 0.9)
        dev = interleave(sents[:cut], news, args.weight)
        fit([w for w, _ in dev], [t for _, t in dev], f"{tmp}/d1.crfsuite", f"{tmp}/d2.crfsuite", tmp)
        tail = sents[cut:]
        f1_1, f1_2 = score([w for w, _ in tail], [t for _, t in tail], f"{tmp}/d1.crfsuite", f"{tmp}/d2.crfsuite")
        print(f"dev (last 10% of train): stage-1 F1 {f1_1:.4f}, stage-2 F1 {f1_2:.4f} ({time.time() - t0:.0f}s)")
    data = interleave(sents, news, args.weight)
    args.out.mkdir(parents=True, exist_ok=True)
    m1, m2 = args.out / MODEL_PATH.name, args.out / MODEL2_PATH.name
    fit([w for w, _ in data], [t for _, t in data], str(m1), str(m2), tmp)
    meta = {"c1": C1, "c2": C2, "max_iterations": MAX_ITER, "folds": FOLDS, "window": WINDOW,
            "dev_f1_stage1": f1_1 and round(f1_1, 4), "dev_f1_stage2": f1_2 and round(f1_2, 4),
            "train_sentences": len(sents), "train_file": Path(args.train).name}
    if news:
        meta |= {"news_file": Path(args.news).name, "news_articles": len(news),
                 "news_sentences": sum(map(len, news)), "news_weight": args.weight}
    m1.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    size = (m1.stat().st_size + m2.stat().st_size) / 1e6
    print(f"→ {args.out} ({size:.1f} MB) {meta} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
