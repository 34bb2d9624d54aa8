"""Fit the event confidence model (khabar/events/confidence.py) → khabar/data/events/confidence.json.

Labels: every event khabar extracts from the hand-annotated development gold (the seeds, the older
ANT gold, event batches A and B of ANT and SaudiNewsNet, the sentence-level sets; batch C is held out
and never used here) is right (it matches a gold row at the trigger with the same type and dyad:
the actor's and recipient's identity or country, a gold unknown accepting any) or wrong. A logistic regression (NumPy, L2) over the readable features of
``khabar.events.confidence.features``. Quality is reported by leave-one-article-out cross-validation
(log-loss and precision of the events kept at several thresholds), then the model is refitted on
all events.

    python scripts/calibrate_events.py --ant ../shared/eval/raw/ant_multisource/articles.jsonl.gz
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.cli.evaluate import _analyse_dir  # noqa: E402
from khabar.eval.harness import _by_seed, _event_agrees, _locate, canonical_code, gold_docs, read_gold  # noqa: E402
from khabar.extract.events.confidence import FEATURES, features  # noqa: E402

GOLD = Path(__file__).resolve().parents[1] / "khabar" / "data" / "gold"
OUT = Path(__file__).resolve().parents[1] / "khabar" / "data" / "events" / "confidence.json"


def labelled(gold: Path, docs: str | None) -> list[tuple[str, list[float], int]]:
    an = _analyse_dir(docs, str(gold), no_event_docs=True)  # an article said to have no event: its events are wrong
    rows = read_gold(gold)
    right: set[tuple[str, str]] = set()
    for key, plover, actor, recipient, mode, cue in rows:
        a = _by_seed(an, key)
        loc = _locate(a, cue, body_only=False) if a else None
        if loc is None:
            continue
        for e in a.events:
            if (key, e.id) not in right and any(m.trigger_start < loc[1] and loc[0] < m.trigger_end for m in e.mentions) \
                    and _event_agrees(e, plover, canonical_code(actor), canonical_code(recipient), mode, "dyad"):
                right.add((key, e.id))
                break
    keys = gold_docs(gold)
    out = []
    for name, a in an.items():
        key = next((k for k in keys if name.startswith(k)), None)
        if key is not None:
            out += [(key, features(e), int((key, e.id) in right)) for e in a.events]
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]] / len(y)
        w -= 0.5 * grad
    return w


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ant", default="../shared/eval/raw/ant_multisource/articles.jsonl.gz")
    ap.add_argument("--snn", default="../shared/eval/raw/saudinewsnet/articles.jsonl.gz")
    ap.add_argument("--sentences", default="/tmp/khabar-event-sentences", help="where the sentence sets' documents are written")
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    snn_gold = GOLD.parents[2] / "gold" / "saudinewsnet"
    sent = Path(args.sentences)
    if not (sent / "sentences_ant.jsonl.gz").exists():
        subprocess.run([sys.executable, str(GOLD.parents[2] / "scripts" / "select_event_sentences.py"), "--write", str(sent)],
                       check=True)
    data = labelled(GOLD / "events_seeds.tsv", None) + labelled(GOLD / "events_ant.tsv", args.ant)
    data += labelled(GOLD / "events_ant_fresh_a.tsv", args.ant) + labelled(GOLD / "events_ant_fresh_b.tsv", args.ant)
    data += labelled(snn_gold / "events_a.tsv", args.snn) + labelled(snn_gold / "events_b.tsv", args.snn)
    data += labelled(GOLD / "events_sentences_ant.tsv", str(sent / "sentences_ant.jsonl.gz"))
    data += labelled(snn_gold / "events_sentences_snn.tsv", str(sent / "sentences_snn.jsonl.gz"))
    keys = sorted({k for k, _, _ in data})
    x = np.array([f for _, f, _ in data])
    y = np.array([lab for _, _, lab in data], dtype=float)
    art = np.array([k for k, _, _ in data])
    cv = np.zeros(len(y))
    for k in keys:  # leave one article out
        held = art == k
        cv[held] = 1 / (1 + np.exp(-x[held] @ fit(x[~held], y[~held], args.l2)))
    eps = 1e-6
    logloss = float(-np.mean(y * np.log(cv + eps) + (1 - y) * np.log(1 - cv + eps)))
    base = float(-np.mean(y * np.log(y.mean()) + (1 - y) * np.log(1 - y.mean())))
    report = {"events": int(len(y)), "right": int(y.sum()), "articles": len(keys),
              "cv_logloss": round(logloss, 4), "constant_logloss": round(base, 4), "cv_kept": {}}
    for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7):
        kept = cv >= t
        report["cv_kept"][str(t)] = {"kept": int(kept.sum()), "precision": round(float(y[kept].mean()), 3) if kept.any() else None,
                                     "recall_of_right": round(float(y[kept].sum() / y.sum()), 3)}
    w = fit(x, y, args.l2)
    OUT.write_text(json.dumps({"weights": dict(zip(FEATURES, [round(float(v), 4) for v in w], strict=True)),
                               "l2": args.l2, "report": report}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(json.dumps(dict(zip(FEATURES, [round(float(v), 3) for v in w], strict=True)), indent=1))


if __name__ == "__main__":
    main()
