"""Train the learned sentence ranker of khabar.stories.summary on the *dev* half of the BBC standfirsts.

    pip install -e '.[train]'          # lightgbm (training only: the model ships as JSON trees)
    python scripts/train_summary.py    # → khabar/data/models/summary-ranker.json

Every candidate sentence of every dev article (khabar.stories.summary.sentence_features, the pipeline's
cached analyses as ``khabar eval summary`` reads them) gets a target: ROUGE-1 F1 + ROUGE-2 F1 of the
sentence against the article's standfirst. A LightGBM regressor learns it. Settings (a small grid of
trees / leaves / learning rate) and the lead margin (the first candidate is kept unless another is
predicted better by more than the margin) are chosen by 5-fold cross-validation *within dev*, folds
by article; the figures printed are the CV means of the chosen sentence's ROUGE-1/2/L. The final model
is trained on all of dev and written as plain trees (feature, threshold, children, leaf values), which
khabar evaluates in pure Python: no runtime dependency. The test half is never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from pathlib import Path

import numpy as np

from khabar.eval.summary import (
    analyses,
    read_standfirsts,
    rouge_l,
    rouge_n,
    rouge_tokens,
    standfirst_candidates,
)
from khabar.stories.summary import FEATURES, ranker_inputs, ranker_rows, sentence_features

OUT = Path(__file__).resolve().parent.parent / "khabar" / "data" / "models" / "summary-ranker.json"
CACHE = Path.home() / ".cache" / "khabar" / "standfirsts-analyses.jsonl"
GRID = [{"n_estimators": 300, "num_leaves": 7}, {"n_estimators": 400, "num_leaves": 15}]
FIXED = {"learning_rate": 0.03, "min_child_samples": 40}
MARGINS = [0.0, 0.02, 0.05, 0.1, 0.2]  # what the lead gets added
NEAR, FARS = 3, [0.0, 0.05, 0.1, 0.2]  # what sentences after the first NEAR + 1 candidates lose
SEED = 13


def collect(limit: int | None) -> dict[str, np.ndarray]:
    """Features, targets (R1+R2 F1), the three ROUGE scores and the article of every dev candidate."""
    data = next(str(p) for p in standfirst_candidates() if p.exists())
    recs = read_standfirsts(data, split="dev", limit=limit)
    by_id = analyses(recs, CACHE)
    X, R, G = [], [], []
    for g, rec in enumerate(recs):
        a = by_id.get(rec["id"])
        if a is None:
            continue
        ref = rouge_tokens(rec["summary"])
        cands, rows = sentence_features(a)
        for u, row in zip(cands, ranker_rows(rows), strict=True):
            hyp = rouge_tokens(a.article.text[u.start : u.end])
            X.append(row)
            R.append((rouge_n(ref, hyp, 1), rouge_n(ref, hyp, 2), rouge_l(ref, hyp)))
            G.append(g)
    R = np.array(R)
    return {"X": np.array(X), "R": R, "y": R[:, 0] + R[:, 1], "g": np.array(G)}


def choose(pred: np.ndarray, d: dict, margin: float, far: float) -> np.ndarray:
    """Index of the chosen candidate of each article, as Ranker.salience scores them: the first
    candidate plus ``margin``, candidates after the first NEAR + 1 minus ``far``."""
    rank = d["X"][:, FEATURES.index("cand_rank")]
    score = pred + margin * (rank == 0) - far * (rank > NEAR)
    out = []
    for g in np.unique(d["g"]):
        idx = np.flatnonzero(d["g"] == g)
        out.append(idx[np.argmax(score[idx])])
    return np.array(out)


def fit(X: np.ndarray, y: np.ndarray, params: dict):
    import lightgbm as lgb

    return lgb.LGBMRegressor(objective="regression", subsample=0.8, subsample_freq=1, colsample_bytree=0.8,
                             random_state=SEED, n_jobs=1, verbose=-1, **params).fit(X, y)


def folds(g: np.ndarray, k: int = 5) -> np.ndarray:
    """Fold of each row by a hash of its article: fixed, by article."""
    return np.array([hashlib.sha1(str(x).encode()).digest()[1] % k for x in g])


def cross_validate(d: dict) -> tuple[dict, float, float, dict]:
    """Best (params, margin, far) by the CV mean of ROUGE-1+2+L of the chosen sentence; the table of all."""
    f = folds(d["g"])
    table = {}
    for params in GRID:
        pred = np.zeros(len(d["y"]))
        for k in range(5):
            tr = f != k
            pred[~tr] = fit(d["X"][tr], d["y"][tr], {**params, **FIXED}).predict(d["X"][~tr])
        for m, far in itertools.product(MARGINS, FARS):
            table[(json.dumps(params), m, far)] = d["R"][choose(pred, d, m, far)].mean(axis=0) * 100
    best = max(table, key=lambda k: table[k].sum())
    return json.loads(best[0]), best[1], best[2], table


def export(model, margin: float, far: float, meta: dict) -> dict:
    """The booster as flat trees: for node i, f[i] < 0 marks a leaf whose value is v[i]; else go to
    l[i] when x[f[i]] <= t[i], r[i] otherwise."""
    trees = []
    for t in model.booster_.dump_model()["tree_info"]:
        f, th, lft, rgt, v = [], [], [], [], []

        def walk(n: dict, f=f, th=th, lft=lft, rgt=rgt, v=v) -> int:
            i = len(f)
            f.append(-1), th.append(0.0), lft.append(-1), rgt.append(-1), v.append(0.0)
            if "leaf_value" in n:
                v[i] = n["leaf_value"]
                return i
            assert n["decision_type"] == "<=", n
            f[i], th[i] = n["split_feature"], n["threshold"]
            lft[i] = walk(n["left_child"])
            rgt[i] = walk(n["right_child"])
            return i

        walk(t["tree_structure"])
        trees.append({"f": f, "t": th, "l": lft, "r": rgt, "v": v})
    return {"features": ranker_inputs(), "margin": margin, "near": NEAR, "far": far, "trees": trees, "meta": meta}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="the first N dev articles (a quick run)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    t0 = time.process_time()
    d = collect(args.limit)
    n_art = len(np.unique(d["g"]))
    print(f"dev: {n_art} articles, {len(d['y'])} candidate sentences ({time.process_time() - t0:.0f}s CPU)")
    params, margin, far, table = cross_validate(d)
    lead = d["R"][choose(np.zeros(len(d["y"])), d, 1.0, 0.0)].mean(axis=0) * 100
    oracle = d["R"][choose(d["y"], d, 0.0, 0.0)].mean(axis=0) * 100
    for (p, m, fr), v in sorted(table.items(), key=lambda kv: -kv[1].sum())[:8]:
        print(f"  {p} margin {m} far {fr}: {v[0]:.2f}/{v[1]:.2f}/{v[2]:.2f}")
    best = table[(json.dumps(params), margin, far)]
    print(f"first candidate {lead[0]:.2f}/{lead[1]:.2f}/{lead[2]:.2f}; oracle candidate (R1+R2) "
          f"{oracle[0]:.2f}/{oracle[1]:.2f}/{oracle[2]:.2f}; ranker (5-fold CV) {best[0]:.2f}/{best[1]:.2f}/"
          f"{best[2]:.2f} with {params}, margin {margin}, far {far}")
    params = {**params, **FIXED}
    model = fit(d["X"], d["y"], params)
    meta = {"trained_on": f"BBC standfirsts, dev half ({n_art} articles, {len(d['y'])} sentences)",
            "target": "ROUGE-1 F1 + ROUGE-2 F1 against the standfirst", "params": params,
            "cv_rouge_1_2_l": [round(x, 2) for x in best], "cv_first_candidate": [round(x, 2) for x in lead],
            "script": "scripts/train_summary.py"}
    out = export(model, margin, far, meta)
    from khabar.stories.summary import Ranker

    ours = Ranker(out).predict(d["X"][:500].tolist())
    assert np.allclose(ours, model.predict(d["X"][:500]), atol=1e-6), "exported trees disagree with LightGBM"
    Path(args.out).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KiB) in {time.process_time() - t0:.0f}s CPU")


if __name__ == "__main__":
    main()
