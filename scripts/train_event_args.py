"""Train the event argument model (khabar/data/models/event-args.json): candidate pairs (trigger,
participant) → ACTOR / RECIPIENT / NONE, a multinomial logistic regression (scikit-learn, needed
only here; the package reads the weights with the standard library).

Labels come from the gold events: every trigger the rules code is matched to the gold row of the
same type whose cue it overlaps; a candidate is the ACTOR when its id, its country+sector or (for a
bare-country gold code) its country is the gold actor's — exact matches first, the country only
when no candidate matches exactly — and likewise the RECIPIENT. Gold XXX (unknown) marks no one.

    python scripts/train_event_args.py --cv        # cross-validation by article: A+older → B, B+older → A
    python scripts/train_event_args.py             # train on all the gold and write the model

The articles are analysed once (all but the event stage) and kept in --cache.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from khabar.eval.harness import (  # noqa: E402
    EVENT_LEVELS,
    REF_DATE,
    _by_seed,
    _locate,
    _same_country,
    canonical_code,
    eval_events,
    read_gold,
)
from khabar.extract.events import argmodel as ARG  # noqa: E402
from khabar.extract.events.actors import _as_state, _code_parts  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval" / "raw"
SENTENCES = Path("/tmp/khabar-event-sentences")
ANT, SNN = SHARED / "ant_multisource" / "articles.jsonl.gz", SHARED / "saudinewsnet" / "articles.jsonl.gz"
GOLD = ROOT / "khabar" / "data" / "gold"
SETS = {  # name → (gold file, corpus)
    "ant_a": (GOLD / "events_ant_fresh_a.tsv", ANT), "snn_a": (ROOT / "gold" / "saudinewsnet" / "events_a.tsv", SNN),
    "ant_b": (GOLD / "events_ant_fresh_b.tsv", ANT), "snn_b": (ROOT / "gold" / "saudinewsnet" / "events_b.tsv", SNN),
    "ant_old": (GOLD / "events_ant.tsv", ANT), "seeds": (GOLD / "events_seeds.tsv", ROOT / "khabar" / "data" / "samples"),
    # the sentence-level sets (scripts/select_event_sentences.py writes their one-sentence documents)
    "sent_ant": (GOLD / "events_sentences_ant.tsv", SENTENCES / "sentences_ant.jsonl.gz"),
    "sent_snn": (ROOT / "gold" / "saudinewsnet" / "events_sentences_snn.tsv", SENTENCES / "sentences_snn.jsonl.gz"),
}
FOLDS = {"A": ("ant_a", "snn_a"), "B": ("ant_b", "snn_b")}
OLDER = ("ant_old", "seeds", "sent_ant", "sent_snn")
# Batch C (events_ant_c1/c2, gold/saudinewsnet/events_c3/c4) is held out: never trained on here.
MODEL = ROOT / "khabar" / "data" / "models" / "event-args.json"


def _analyses(cache: Path) -> dict:
    """Every gold article analysed up to (not including) the event stage, by document key."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    if not (SENTENCES / "sentences_ant.jsonl.gz").exists():
        import subprocess

        subprocess.run([sys.executable, str(ROOT / "scripts" / "select_event_sentences.py"), "--write", str(SENTENCES)],
                       check=True)
    from khabar.ingest.readers import RawDoc, iter_sources
    from khabar.pipeline import Pipeline

    pre = Pipeline([c for c in Pipeline.default().components if c.name not in ("events", "spans")])
    out, by_corpus = {}, {}
    for gold, corpus in SETS.values():
        by_corpus.setdefault(str(corpus), set()).update(r[0] for r in read_gold(gold))
    for corpus, wanted in by_corpus.items():
        for d in iter_sources([corpus]):
            key = d.doc_id or Path(d.source.split("#")[0]).name if isinstance(d, RawDoc) else None
            if key and any(key.startswith(w) for w in wanted):
                out[key] = pre.run(d, REF_DATE)
    cache.write_bytes(pickle.dumps(out))
    return out


def _subset(analyses: dict, names: tuple[str, ...]) -> dict:
    wanted = {r[0] for n in names for r in read_gold(SETS[n][0])}
    return {k: a for k, a in analyses.items() if any(k.startswith(w) for w in wanted)}


def _matches(kb, m, gold: str, exact: bool) -> bool:
    if gold in ("-", "*") or gold.startswith("XXX"):
        return False
    ent = _as_state(kb, m).entity or ""
    cty, sec = _code_parts(kb, ent)
    if ent == gold or (cty and sec and f"{cty}_{sec}" == gold):
        return True
    head = gold.split("_")[0]
    return not exact and bool(re.fullmatch(r"[A-Z]{3}", head)) and (cty == head or ent == head)


def _labels(kb, cands: list, actor: str, recipient: str) -> list[str]:
    out = ["NONE"] * len(cands)
    for role, gold in (("ACTOR", actor), ("RECIPIENT", recipient)):
        for exact in (True, False):
            hits = [i for i, m in enumerate(cands) if out[i] == "NONE" and _matches(kb, m, gold, exact)]
            if hits:
                for i in hits:
                    out[i] = role
                break
    return out


def _examples(analyses: dict, names: tuple[str, ...]) -> tuple[list[list[str]], list[str]]:
    """(features, label) of every candidate of every coded trigger that a gold row of its type covers."""
    from khabar.extract.events import extract_events

    gold = [r for n in names for r in read_gold(SETS[n][0])]
    X, y = [], []
    for key, a in _subset(analyses, names).items():
        ARG.TRACE = []
        extract_events(a)
        trace, ARG.TRACE = ARG.TRACE, None
        rows = [r for r in gold if key.startswith(r[0])]
        for doc, st, c, actor, recipient, cands in trace:
            row = next((r for r in rows if r[1] == c.trig.plover and (loc := _locate(a, r[5], body_only=False))
                        and c.ts < loc[1] and loc[0] < c.te), None)
            if row is None:
                continue
            labels = _labels(doc.kb, cands, canonical_code(row[2]), canonical_code(row[3]))
            for m, lab in zip(cands, labels, strict=True):
                X.append(ARG.features(doc, st, c, m, actor, recipient))
                y.append(lab)
    return X, y


def _fit(X: list[list[str]], y: list[str], c: float) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1 for f in x} for x in X])
    clf = LogisticRegression(C=c, max_iter=2000).fit(M, y)
    order = [list(clf.classes_).index(lab) for lab in ARG.LABELS]
    names = vec.get_feature_names_out()
    weights = {str(n): [round(float(clf.coef_[k][j]), 4) for k in order] for j, n in enumerate(names)}
    return {"labels": list(ARG.LABELS), "intercept": [round(float(clf.intercept_[k]), 4) for k in order],
            "weights": {n: w for n, w in weights.items() if any(abs(v) >= 1e-3 for v in w)}, "C": c, "examples": len(y)}


_TARGETED = ("ASSAULT", "COERCE", "PROTEST", "ACCUSE")


def _recipients(sub: dict, gold: Path) -> str:
    """Of the ASSAULT/COERCE/PROTEST/ACCUSE gold events that have a recipient in the text and that
    were found with their type: how many have the recipient's country right."""
    found = right = 0
    for key, plover, _actor, recipient, _mode, cue in read_gold(gold):
        recipient = canonical_code(recipient)
        if plover not in _TARGETED or recipient in ("-", "*") or recipient.startswith("XXX"):
            continue
        a = _by_seed(sub, key)
        loc = _locate(a, cue, body_only=False) if a else None
        evs = [e for e in (a.events if a and loc else []) if e.plover == plover
               and any(m.trigger_start < loc[1] and loc[0] < m.trigger_end for m in e.mentions)]
        if evs:
            found += 1
            right += any(_same_country(e.recipient, e.recipient_country, recipient) for e in evs)
    return f"recipient right {right}/{found}"


def _score(analyses: dict, names: tuple[str, ...], model: dict | None) -> list[str]:
    from khabar.extract.events import extract_events

    saved = ARG._weights
    ARG._weights = lambda: (model["weights"], model["intercept"]) if model else None  # type: ignore[assignment]
    try:
        out = []
        for n in names:
            sub = _subset(analyses, (n,))
            for a in sub.values():
                a.events = extract_events(a)
            out.append(n + "  " + "  ".join(f"{lvl} F1 {eval_events(sub, SETS[n][0], lvl).f1:.3f}" for lvl in EVENT_LEVELS)
                       + "  " + _recipients(sub, SETS[n][0]))
        return out
    finally:
        ARG._weights = saved


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate by article (A+older → B, B+older → A)")
    ap.add_argument("-C", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--cache", default="/tmp/khabar-event-args-cache-v2.pkl")
    ap.add_argument("-o", "--output", default=str(MODEL))
    ap.add_argument("--margin", type=float, default=ARG.ACTOR_MARGIN)
    ap.add_argument("--threshold", type=float, default=ARG.RECIPIENT_THRESHOLD)
    ap.add_argument("--new-threshold", type=float, default=ARG.NEW_RECIPIENT_THRESHOLD)
    ap.add_argument("--no-fallback", action="store_true")
    args = ap.parse_args()
    ARG.ACTOR_MARGIN, ARG.RECIPIENT_THRESHOLD, ARG.RECIPIENT_FALLBACK = args.margin, args.threshold, not args.no_fallback
    ARG.NEW_RECIPIENT_THRESHOLD = args.new_threshold
    analyses = _analyses(Path(args.cache))
    ARG._weights = lambda: None  # type: ignore[assignment]  # the rules' own choices are the votes
    if args.cv:
        for held, other in (("B", "A"), ("A", "B")):
            X, y = _examples(analyses, FOLDS[other] + OLDER)
            model = _fit(X, y, args.C)
            print(f"train {other}+older ({len(y)} candidates) → {held}")
            for line in _score(analyses, FOLDS[held], None):
                print("  rules  ", line)
            for line in _score(analyses, FOLDS[held], model):
                print("  model  ", line)
        return
    X, y = _examples(analyses, FOLDS["A"] + FOLDS["B"] + OLDER)
    model = _fit(X, y, args.C)
    Path(args.output).write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{len(y)} candidates, {len(model['weights'])} weights → {args.output}")


if __name__ == "__main__":
    main()
