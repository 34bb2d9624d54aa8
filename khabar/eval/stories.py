"""Story-layer evaluation: same-story similarity on the SemEval-2022 Task 8 Arabic pairs (Spearman,
AUC) and near-duplicate detection on ANT's same-URL groups (articles filed twice under one URL).

Neither set is gold for our decisions (see their SOURCE.md): they are measured, never fitted.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from ..stories.cluster import StoryIndex
from ..stories.signature import Embedder, Signature, body_hash, lead_text, minhash, shingle_hashes, words


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks (ties share their mean rank), 1-based."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=float)
    sx = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and sx[j + 1] == sx[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = _ranks(np.asarray(x, float)), _ranks(np.asarray(y, float))
    return float(np.corrcoef(rx, ry)[0, 1])


def auc(pos: list[float], neg: list[float]) -> float:
    """Probability that a positive scores above a negative (ties count half)."""
    if not pos or not neg:
        return float("nan")
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


SEMEVAL_REF_DATE = "2020-06-30"  # the task's articles were collected in the first half of 2020 (dates do not
# enter the same-story likelihood; the pipeline needs a reference date)


def _semeval_signature(text: str, key: str) -> Signature:
    """The signature ingest would compute for one SemEval text (no title or date of its own)."""
    import datetime as dt

    from ..ingest.readers import RawDoc
    from ..pipeline import analyze
    from ..stories.signature import signature

    doc = RawDoc(source=key, fmt="json", text=text, doc_id=key)
    return signature(analyze(doc, dt.date.fromisoformat(SEMEVAL_REF_DATE)), embed=False)


def _model_scores(rows: list[dict]) -> list[float]:
    """The story decision's same-story likelihood (:mod:`khabar.stories.pairs`) of each pair."""
    from ..stories.pairs import cosine, default_model, jaccard

    a = [_semeval_signature(r["text1"], f"{i}a") for i, r in enumerate(rows)]
    b = [_semeval_signature(r["text2"], f"{i}b") for i, r in enumerate(rows)]
    e1, e2 = Embedder.embed([s.lead for s in a]), Embedder.embed([s.lead for s in b])
    return default_model().likelihood(
        (e1 * e2).sum(axis=1).tolist(), [cosine(x.terms or {}, y.terms or {}) for x, y in zip(a, b, strict=True)],
        [jaccard(x.entities or (), y.entities or ()) for x, y in zip(a, b, strict=True)]).tolist()


def eval_similarity(pairs_path: str, lead_chars: int | None = None, scorer: str = "model") -> dict:
    """A same-story score of the two texts against the annotators' Overall score (1 = same story … 4 =
    unrelated): Spearman with −Overall, and AUC of same (Overall ≤ 2) against not (≥ 3).
    ``scorer``: «model», the story decision's likelihood (lead embeddings, terms and entities of each text
    as ingest computes them); «e5», the cosine of the e5 embeddings of the texts (``lead_chars``: embed only
    the first characters; None: the whole text)."""
    rows = [json.loads(line) for line in Path(pairs_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if scorer == "model":
        sims = _model_scores(rows)
    else:
        def text(t: str) -> str:
            return lead_text(None, t, lead_chars) if lead_chars else t

        e1 = Embedder.embed([text(r["text1"]) for r in rows])
        e2 = Embedder.embed([text(r["text2"]) for r in rows])
        sims = (e1 * e2).sum(axis=1).tolist()
    overall = [float(r["overall"]) for r in rows]
    pos = [s for s, o in zip(sims, overall, strict=True) if o <= 2]
    neg = [s for s, o in zip(sims, overall, strict=True) if o >= 3]
    return {"pairs": len(rows), "same": len(pos), "different": len(neg), "scorer": scorer,
            "spearman": round(spearman(sims, [-o for o in overall]), 3), "auc": round(auc(pos, neg), 3)}


def _ant_signature(a: dict) -> Signature:
    ws = words(a.get("text") or "")
    sh = shingle_hashes(ws)
    return Signature(a["id"], body_hash(ws), minhash(sh), sh, tuple(words(a.get("title") or "")), None,
                     date=(a.get("date") or "")[:10] or None, outlet=a.get("source"), title=a.get("title") or "")


def _body_groups(sigs: list[Signature], url: dict[str, str]) -> dict:
    groups: dict[str, list[str]] = defaultdict(list)
    for s in sigs:
        if s.shingles.size:
            groups[s.body_hash].append(s.article_id)
    multi = [g for g in groups.values() if len(g) > 1]
    return {"identical_body_groups": len(multi), "redundant_copies": sum(len(g) - 1 for g in multi),
            "groups_over_several_urls": sum(1 for g in multi if len({url[i] for i in g}) > 1)}


def eval_dedup(articles_path: str, groups_path: str, limit: int | None = None) -> dict:
    """The duplicate decisions (exact, copy, update; title check) over ANT in corpus order, scored on
    the same-URL groups: a group is found when its later articles are recorded as copies of its first."""
    arts = []
    with gzip.open(articles_path, "rt", encoding="utf-8") as f:
        for line in f:
            arts.append(json.loads(line))
            if limit and len(arts) >= limit:
                break
    sigs = [_ant_signature(a) for a in arts]
    index = StoryIndex()
    for s in sigs:
        index.assign(s)
    url = {a["id"]: a.get("url") or a["id"] for a in arts}
    by_id = {s.article_id: s for s in sigs}
    found: Counter = Counter()
    kinds = Counter(index.kind_of.values())
    # same normalised body as an earlier article, kept apart by the title check (a body reused for another story)
    refused = sum(1 for ids in index.by_hash.values() for i in ids[1:]
                  if i not in index.dup_of and by_id[i].shingles.size)
    groups = [json.loads(line) for line in Path(groups_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for g in groups:
        ids = [i for i in g["ids"] if i in by_id]
        if len(ids) < 2:
            continue
        key = "identical" if g.get("texts_identical") else "changed"
        found[key + "_groups"] += 1
        canon = {index.dup_of.get(i, i) for i in ids}
        found[key + "_found"] += len(canon) == 1
    return {"articles": len(arts), **_body_groups(sigs, url), "copies_recorded": len(index.dup_of),
            "by_kind": dict(kinds), "same_body_refused_by_title": refused, "same_url": dict(found)}


SEMEVAL_PAIRS = Path("shared/eval/raw/semeval2022_task8_ar/pairs.jsonl")
ANT_ARTICLES = Path("shared/eval/raw/ant_multisource/articles.jsonl.gz")
ANT_GROUPS = Path("shared/eval/raw/ant_multisource/same_url_groups.jsonl")


def shared_file(rel: Path) -> Path | None:
    """``rel`` in the shared folder next to the repository holding this package, or under the working directory."""
    from importlib import resources

    repo = Path(str(resources.files("khabar"))).resolve().parent
    cands = [repo.parent / rel, repo / rel, Path.cwd().parent / rel, Path.cwd() / rel]
    return next((p for p in cands if p.is_file()), None)
