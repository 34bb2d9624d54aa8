"""Train the same-story pair model of khabar.stories.pairs on the hand-judged ANT pairs.

    pip install -e '.[train]'                 # scikit-learn (training only: the model ships as JSON numbers)
    python scripts/train_story_pairs.py       # → khabar/data/models/story-pairs.json

Gold: khabar/data/gold/story_pairs_ant.tsv (240 pairs, two annotators each; same = overall <= 2, different =
overall >= 3; the 2.5 pairs are left out). Each article is analysed by the pipeline (the feed's date as reference
date) and its signature computed as ingest computes it (khabar.stories.signature.signature), so the features are
the story decision's own: the lead embeddings' cosine, the TF-IDF cosine of the kept terms, the Jaccard of the
entity ids. Two logistic regressions (standardised inputs): all three features, and the embedding alone (for
stored articles without terms). Printed: 10 × 5-fold cross-validated AUC (all pairs, and the pairs that share at
least 5 lead words, where the decision is hard) and Spearman with −overall, for each feature alone and for the
model. The decision threshold is the embedding-only model's likelihood at the cosine the embedding-only decision
used (0.90, khabar.stories.cluster's former JOIN), so that both models decide at the same confidence.
SemEval-2022's pairs are never read here.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import gzip
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from khabar.eval.stories import auc, spearman
from khabar.ingest.readers import record_to_doc
from khabar.pipeline import analyze
from khabar.stories.pairs import FEATURES, cosine, jaccard
from khabar.stories.signature import Embedder, signature

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "khabar" / "data" / "gold" / "story_pairs_ant.tsv"
OUT = ROOT / "khabar" / "data" / "models" / "story-pairs.json"
E5_JOIN = 0.90  # the cosine the embedding-only decision joined a story at
HARD_STRATA = {2, 3}  # pairs sharing >= 5 lead words (scripts/select_story_pairs.py)


def read_gold() -> list[dict]:
    lines = [ln.rstrip("\n").split("\t") for ln in GOLD.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    head = lines[0]
    return [dict(zip(head, r, strict=True)) for r in lines[1:]]


def _sig(rec: dict):
    a = analyze(record_to_doc(rec, rec["id"]), dt.date.fromisoformat(rec["date"][:10]))
    return signature(a, embed=False)


def pair_features(by_id: dict, pairs: list[tuple[str, str]]) -> np.ndarray:
    """e5 cosine, terms cosine, entities Jaccard of each (id, id) pair (``by_id``: corpus id → signature)."""
    emb = dict(zip(by_id, Embedder.embed([s.lead for s in by_id.values()]), strict=True))
    return np.array([[float(emb[a] @ emb[b]), cosine(by_id[a].terms, by_id[b].terms),
                      jaccard(by_id[a].entities, by_id[b].entities)] for a, b in pairs])


def fit(x: np.ndarray, y: np.ndarray) -> tuple[StandardScaler, LogisticRegression]:
    sc = StandardScaler().fit(x)
    return sc, LogisticRegression(max_iter=1000).fit(sc.transform(x), y)


def cross_validate(x: np.ndarray, y: np.ndarray, hard: np.ndarray, overall: np.ndarray) -> dict:
    res = []
    for seed in range(10):
        pred = np.zeros(len(y))
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y * 2 + hard):
            sc, m = fit(x[tr], y[tr])
            pred[te] = m.decision_function(sc.transform(x[te]))
        res.append((auc(list(pred[y == 1]), list(pred[y == 0])),
                    auc(list(pred[hard & (y == 1)]), list(pred[hard & (y == 0)])), spearman(list(pred), list(-overall))))
    return dict(zip(("auc", "auc_hard", "spearman"), (round(float(v), 3) for v in np.mean(res, axis=0)), strict=True))


def spec_of(sc: StandardScaler, m: LogisticRegression) -> dict:
    return {"mean": sc.mean_.round(6).tolist(), "scale": sc.scale_.round(6).tolist(),
            "coef": m.coef_[0].round(6).tolist(), "intercept": m.intercept_.round(6).tolist()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    gold = [g for g in read_gold() if g["overall"] != "2.5"]
    need = {g[k] for g in gold for k in ("id1", "id2")}
    recs = [r for r in map(json.loads, gzip.open(Path(args.shared) / "eval/raw/ant_multisource/articles.jsonl.gz",
                                                 "rt", encoding="utf-8")) if r["id"] in need]
    with cf.ProcessPoolExecutor(args.workers) as ex:
        sigs = dict(zip((r["id"] for r in recs), ex.map(_sig, recs, chunksize=8), strict=True))
    x = pair_features(sigs, [(g["id1"], g["id2"]) for g in gold])
    overall = np.array([float(g["overall"]) for g in gold])
    y = (overall <= 2).astype(int)
    hard = np.array([int(g["stratum"]) in HARD_STRATA for g in gold])
    print(f"{len(gold)} pairs ({y.sum()} same, {(1 - y).sum()} different; {hard.sum()} hard)")
    for j, name in enumerate(FEATURES):
        print(f"  {name:9s} alone: AUC {auc(list(x[y == 1, j]), list(x[y == 0, j])):.3f}, hard "
              f"{auc(list(x[hard & (y == 1), j]), list(x[hard & (y == 0), j])):.3f}, "
              f"Spearman {spearman(list(x[:, j]), list(-overall)):.3f}")
    cv_full, cv_e5 = cross_validate(x, y, hard, overall), cross_validate(x[:, :1], y, hard, overall)
    print(f"  model, 10×5-fold CV: {cv_full}; embedding-only model: {cv_e5}")
    full, e5 = fit(x, y), fit(x[:, :1], y)
    threshold = float(e5[1].predict_proba(e5[0].transform([[E5_JOIN]]))[0, 1])
    spec = {"features": list(FEATURES), "full": spec_of(*full), "e5_only": spec_of(*e5),
            "threshold": round(threshold, 4), "trained_on": GOLD.name, "pairs": len(gold),
            "cv": {"full": cv_full, "e5_only": cv_e5}}
    OUT.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {threshold:.4f} (embedding-only likelihood at cosine {E5_JOIN}) → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
