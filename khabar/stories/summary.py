"""Extractive summaries of one article or of a story told by several (issue #12, item 5).

:func:`summarize` takes one or many :class:`~khabar.model.Analysis` objects and returns whole
sentences of their texts, each a :class:`Cited` sentence: the article id and the ``[start, end)``
span into that article's text, so that a summary can always be traced to what was written. Pure:
no store, no clock, no network.

* **Candidates** are body sentences (the title is not one) that read on their own: not too short or
  too long, not a bare quotation, a byline, a «read more», a lead-in ending in «:» (:func:`readable`).
* **Salience** is learned (:class:`Ranker`, ``data/models/summary-ranker.json``, rebuilt by
  ``scripts/train_summary.py``): regression trees over :data:`FEATURES` of the sentence and of its
  article's lead (position, paragraph, length, title overlap in stems and lemmas, TF-IDF centrality,
  similarity to the lead, entities, events, quotes, digits, the hand score below …) predict the
  sentence's ROUGE-1 + ROUGE-2 F1 against a standfirst; trained on the *dev* half of the BBC Arabic
  standfirsts only. The lead is kept unless another sentence is predicted better by a margin (set by
  cross-validation on dev). The trees are evaluated in pure Python: no runtime dependency. In a story,
  each sentence's learned score (within its article) is added to the story-level parts of the hand
  weights: centrality across articles, the titles, the actors.
* **Hand salience** (:class:`Weights`, ``ranker=None``; also features of the ranker) combines the sentence's position in its article, its TF-IDF
  similarity to the titles, its centrality (similarity to the rest of the document, or in a story
  to the *other* articles: what several outlets report), the story's main actors it names and the
  coded events it carries, and a preference for sentences of a standfirst's length. TF-IDF weights
  are word rarities in the ANT corpus (``data/vocab.tsv.gz``), so a single article has an IDF too;
  terms are stems, so inflections match.
* **Redundancy** is removed by maximal marginal relevance: each next sentence maximises
  ``λ·salience − (1−λ)·max similarity to what is already chosen``; a near-copy (another outlet
  restating a chosen sentence) is never taken.
* **Order**: the chosen sentences are returned chronologically (article publication date and time),
  then in their article's order.

The weights were set on the *dev* half of the BBC Arabic standfirsts (``khabar eval summary --split
dev``), never on the test half.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Analysis, Token
from ..text.tokenize import tokenize, vocabulary


@dataclass(frozen=True, slots=True)
class Cited:
    """A summary sentence and where it comes from."""

    article_id: str
    start: int
    end: int
    text: str
    score: float
    position: int  # 0 = the article's first body sentence
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Weights:
    """How the parts of a sentence's salience add up. The defaults were chosen by a grid search on the
    dev half of the BBC standfirsts (600 articles; one-sentence summaries, ROUGE-1+2+L): actors
    and events barely move single-article scores (actors 0 and 0.1 within 0.1 ROUGE) and are knobs
    for stories; a penalty on the share of a sentence inside quotations scored lower at every
    weight tried, and is not used."""

    position: float = 0.5  # × 1/(1+index); sharper or flatter shapes scored lower on dev
    title: float = 0.25  # × cosine to the title(s)
    centrality: float = 1.0  # × cosine to the rest of the document / the other articles
    actors: float = 0.0  # × share of the story's actor weight the sentence names
    events: float = 0.1  # × confidence of a coded event in the sentence
    length: float = 0.3  # × −|log(words / target words)|
    target_words: int = 25


DEFAULT = Weights()

MIN_WORDS, MAX_WORDS = 6, 80
_QUOTE_PAIRS = (("«", "»"), ("\"", "\""), ("“", "”"))
_BOILER = re.compile(
    r"^\W*(?:(?:اقرأ|إقرأ|اقرا|شاهد|للمزيد|لمزيد|المصدر|مصدر الصورة|حقوق|جميع الحقوق|بقلم|تعليق الصورة|انقر|اضغط)\b"
    r"|(?:كتب|تحرير|إعداد|اعداد|مراسل|تابع|تابعوا|شارك|شاركوا)\s*:)"  # a verb too: a byline only before «:»
)
_LINK = re.compile(r"https?://|www\.|@\w|\.com\b")


@dataclass(slots=True)
class _Unit:
    doc: int  # index of the analysis
    start: int
    end: int
    position: int
    vec: dict[str, float]
    actors: frozenset[str] = frozenset()
    event: float = 0.0
    words: int = 0
    score: float = 0.0
    parts: dict[str, float] = field(default_factory=dict)
    paragraph: int = 0
    toks: list[Token] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _idf_table() -> tuple[dict[str, float], float]:
    vocab = vocabulary()
    top = max(vocab.values()) if vocab else 1
    return {w: max(0.0, math.log(top / (1 + c))) for w, c in vocab.items()}, math.log(top)


def _idf(norm: str) -> float:
    table, unseen = _idf_table()
    return table.get(norm, unseen)


def _vector(tokens: Sequence[Token]) -> dict[str, float]:
    """Unit-length TF-IDF vector of the content words (stems; numbers and Latin words as they are)."""
    tf: Counter[str] = Counter()
    w: dict[str, float] = {}
    for t in tokens:
        if t.kind == "punct":
            continue
        key = (t.stem or t.norm) if t.kind == "word" else t.norm
        idf = _idf(t.norm)
        if idf < 1.0:  # the commonest function words
            continue
        tf[key] += 1
        w[key] = max(w.get(key, 0.0), idf)
    vec = {k: (1 + math.log(n)) * w[k] for k, n in tf.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def term_vector(tokens: Sequence[Token]) -> dict[str, float]:
    """Unit-length TF-IDF vector of the content words of ``tokens`` (what the story decision compares)."""
    return _vector(tokens)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _centroid(vecs: Sequence[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vecs:
        for k, x in v.items():
            out[k] = out.get(k, 0.0) + x
    norm = math.sqrt(sum(x * x for x in out.values())) or 1.0
    return {k: x / norm for k, x in out.items()}


def readable(text: str, words: int) -> bool:
    """Can the sentence stand alone in a summary? Not a fragment, a long run-on, a bare quotation
    (mostly inside quotation marks), a byline / «read more» / caption line, a link, a lead-in
    ending in «:»."""
    t = text.strip()
    if not MIN_WORDS <= words <= MAX_WORDS or t.endswith((":", "：")):
        return False
    if _BOILER.match(t) or _LINK.search(t):
        return False
    for o, c in _QUOTE_PAIRS:
        if t.startswith(o) and (t.rstrip(".،") .endswith(c) or t.count(c) == 0):
            return False  # a quotation with no attribution in the sentence, or its cut-off start
    return True


def _body_start(a: Analysis) -> int:
    return len(a.article.title) if a.article.title else 0


@functools.lru_cache(maxsize=4096)
def _sentence_tokens(text: str, start: int, end: int) -> tuple[Token, ...]:
    """A stored sentence's tokens (analyses are stored without them), once per summary: the salience
    and the ranker's features both read the same sentences."""
    return tuple(tokenize(text, start, end))


def units(a: Analysis, doc: int = 0) -> list[_Unit]:
    """The article's candidate sentences (all body sentences when none is :func:`readable`)."""
    text = a.article.text
    body = _body_start(a)
    ev_spans = [(m.start, m.end, e.confidence) for e in a.events for m in e.mentions]
    out, fallback = [], []
    pos = 0
    for s in a.sentences:
        if s.start < body or not text[s.start : s.end].strip():
            continue
        toks = s.tokens or list(_sentence_tokens(text, s.start, s.end))
        nwords = sum(t.kind != "punct" for t in toks)
        actors = frozenset(m.entity for m in a.mentions if m.entity and s.start <= m.start < s.end)
        event = max((c for st, _, c in ev_spans if s.start <= st < s.end), default=0.0)
        u = _Unit(doc, s.start, s.end, pos, _vector(toks), actors, event, nwords, paragraph=s.paragraph, toks=toks)
        pos += 1
        fallback.append(u)
        if readable(text[s.start : s.end], nwords):
            out.append(u)
    return out or fallback


def _title_vector(analyses: Sequence[Analysis]) -> dict[str, float]:
    vecs = []
    for a in analyses:
        t = a.article.title
        if t:
            vecs.append(_vector(tokenize(t)))
    return _centroid(vecs) if vecs else {}


def _actor_weights(analyses: Sequence[Analysis]) -> dict[str, float]:
    """Each actor's share of the articles naming it (in a single article: of its mentions)."""
    c: Counter[str] = Counter()
    for a in analyses:
        ids = [m.entity for m in a.mentions if m.entity]
        c.update(set(ids) if len(analyses) > 1 else ids)
    total = max(c.values(), default=0) or 1
    return {k: v / total for k, v in c.items()}


def _centrality(u: _Unit, total: dict[str, float]) -> float:
    """Single article: similarity to the centroid of the other sentences (``total`` is the sum of all
    the sentences' vectors)."""
    rest = {k: x - u.vec.get(k, 0.0) for k, x in total.items()}
    norm = math.sqrt(sum(x * x for x in rest.values()))
    return cosine(u.vec, rest) / norm if norm > 1e-9 else 0.0


def _story_centralities(cands: list[_Unit], per_doc: dict[int, list[_Unit]]) -> list[float]:
    """Story: each candidate's mean, over the other articles, of its best similarity to one of their
    sentences (is it reported elsewhere?) — one product of the sentence vectors (sparse dicts laid out as
    rows of a dense matrix), the best match per article, the mean over the others."""
    import numpy as np

    keys: dict[str, int] = {}
    for u in cands:
        for k in u.vec:
            keys.setdefault(k, len(keys))
    x = np.zeros((len(cands), max(len(keys), 1)))
    for r, u in enumerate(cands):
        for k, v in u.vec.items():
            x[r, keys[k]] = v
    sims = x @ x.T
    docs = np.array([u.doc for u in cands])
    order = list(per_doc)
    best = np.stack([sims[:, docs == d].max(axis=1) for d in order], axis=1)  # candidate × article
    out = []
    for r, u in enumerate(cands):
        others = [best[r, j] for j, d in enumerate(order) if d != u.doc]
        out.append(float(sum(others) / len(others)) if others else 0.0)
    return out


def score_units(analyses: Sequence[Analysis], w: Weights = DEFAULT) -> list[_Unit]:
    """All candidate sentences with their salience (``score``) and its parts."""
    cands = [u for i, a in enumerate(analyses) for u in units(a, i)]
    per_doc: dict[int, list[_Unit]] = {}
    for u in cands:
        per_doc.setdefault(u.doc, []).append(u)
    single = len(per_doc) <= 1
    title = _title_vector(analyses)
    actors = _actor_weights(analyses)
    top_actor = sum(sorted(actors.values(), reverse=True)[:3]) or 1.0
    total: dict[str, float] = {}
    if single:
        for u in cands:
            for k, x in u.vec.items():
                total[k] = total.get(k, 0.0) + x
    central = [_centrality(u, total) for u in cands] if single else _story_centralities(cands, per_doc)
    for i, u in enumerate(cands):
        p = {
            "position": 1.0 / (1 + u.position),
            "title": cosine(u.vec, title) if title else 0.0,
            "centrality": central[i],
            "actors": min(1.0, sum(actors.get(e, 0.0) for e in u.actors) / top_actor),
            "events": u.event,
            "length": -abs(math.log(max(u.words, 1) / w.target_words)),
        }
        u.parts = p
        u.score = sum(getattr(w, k) * v for k, v in p.items())
    return cands


# ---------------------------------------------------------------------- the learned ranker
FEATURES = (
    "position", "rel_position", "cand_rank", "paragraph", "in_paragraph", "words", "chars", "title_cos",
    "title_stems_r", "title_stems_p", "title_lemmas_r", "centrality", "lead_sim", "prev_sim", "mentions",
    "entities", "per", "org", "loc", "actors", "event", "events", "quote_share", "quotes", "timexes", "hand",
    "hand_rank", "hand_gap", "digits", "quote_marks", "commas", "conj_start", "question", "n_body", "n_cands",
    "title_words",
)
_QUOTE_MARKS = re.compile(r"[«»\"“”]")


def _content(toks: Sequence[Token], attr: str) -> set[str]:
    """Content-word stems or lemmas (the commonest function words out, as in the TF-IDF vectors)."""
    return {getattr(t, attr) or t.norm for t in toks if t.kind != "punct" and _idf(t.norm) >= 1.0}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(b) if b else 0.0


def _in(spans: Sequence[tuple[int, int]], u: _Unit) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if u.start <= s < u.end]


def _covered(spans: Sequence[tuple[int, int]], end: int) -> int:
    """Characters covered by the union of ``spans`` (each cut at ``end``)."""
    total, reach = 0, -1
    for s, e in sorted((s, min(e, end)) for s, e in spans):
        if e > max(s, reach):
            total += e - max(s, reach)
            reach = e
    return total


def _article_context(a: Analysis) -> dict:
    """What the features of one article's sentences look up: spans of its annotations and its title."""
    title = tokenize(a.article.title) if a.article.title else []
    return {
        "mentions": [(m.start, m.end, m.type, m.entity) for m in a.mentions],
        "events": [(m.start, m.end) for e in a.events for m in e.mentions],
        "quotes": [(q.start, q.end) for q in a.quotes],
        "timexes": [(t.start, t.end) for t in a.timexes],
        "title_stems": _content(title, "stem"),
        "title_lemmas": _content(title, "lemma"),
        "title_words": sum(t.kind != "punct" for t in title),
        "n_body": sum(1 for s in a.sentences if s.start >= _body_start(a)),
    }


def _unit_features(u: _Unit, a: Analysis, ctx: dict, lead: _Unit, prev: _Unit | None, rank: int) -> dict[str, float]:
    text = a.article.text[u.start : u.end]
    ms = [m for m in ctx["mentions"] if u.start <= m[0] < u.end]
    quoted = _covered(_in(ctx["quotes"], u), u.end)  # a quoted fragment inside reported speech counts once
    stems, lemmas = _content(u.toks, "stem"), _content(u.toks, "lemma")
    return {
        "position": u.position, "rel_position": u.position / max(1, ctx["n_body"] - 1), "cand_rank": rank,
        "paragraph": u.paragraph - lead.paragraph, "words": u.words, "chars": u.end - u.start,
        "title_cos": u.parts.get("title", 0.0), "title_stems_r": _overlap(stems, ctx["title_stems"]),
        "title_stems_p": _overlap(ctx["title_stems"], stems), "title_lemmas_r": _overlap(lemmas, ctx["title_lemmas"]),
        "centrality": u.parts.get("centrality", 0.0), "lead_sim": cosine(u.vec, lead.vec),
        "prev_sim": cosine(u.vec, prev.vec) if prev else 0.0, "mentions": len(ms),
        "entities": len({m[3] for m in ms if m[3]}), "per": sum(m[2] == "PER" for m in ms),
        "org": sum(m[2] == "ORG" for m in ms), "loc": sum(m[2] == "LOC" for m in ms),
        "actors": u.parts.get("actors", 0.0), "event": u.event, "events": len(_in(ctx["events"], u)),
        "quote_share": quoted / max(1, u.end - u.start), "quotes": len(_in(ctx["quotes"], u)),
        "timexes": len(_in(ctx["timexes"], u)), "hand": u.score,
        "digits": sum(c.isdigit() for c in text), "quote_marks": len(_QUOTE_MARKS.findall(text)),
        "commas": text.count("،") + text.count(","), "conj_start": float(text.lstrip().startswith(("و", "ف"))),
        "question": float(text.rstrip().endswith(("?", "؟"))), "title_words": ctx["title_words"],
    }


def sentence_features(a: Analysis, w: Weights = DEFAULT) -> tuple[list[_Unit], list[list[float]]]:
    """One article's candidate sentences (scored by the hand weights ``w``) and a feature row each, in
    the order of :data:`FEATURES`: what the learned ranker reads, and what ``scripts/train_summary.py``
    trains it on."""
    cands = score_units([a], w)
    if not cands:
        return [], []
    ctx = _article_context(a)
    order = sorted(range(len(cands)), key=lambda i: -cands[i].score)
    hand_rank = {i: r for r, i in enumerate(order)}
    top = cands[order[0]].score
    rows, para_first, prev = [], {}, None
    for i, u in enumerate(cands):
        f = _unit_features(u, a, ctx, cands[0], prev, i)
        para_first.setdefault(u.paragraph, u.position)
        f.update(in_paragraph=u.position - para_first[u.paragraph], hand_rank=hand_rank[i], hand_gap=u.score - top,
                 n_body=ctx["n_body"], n_cands=len(cands))
        rows.append([float(f[k]) for k in FEATURES])
        prev = u
    return cands, rows


def ranker_inputs() -> list[str]:
    """What the ranker reads of a sentence: its :data:`FEATURES`, those of its article's first candidate
    (``lead_``: is the lead a weak one?) and the differences (``diff_``: is this one better?)."""
    return [*FEATURES, *("lead_" + k for k in FEATURES), *("diff_" + k for k in FEATURES)]


def ranker_rows(rows: Sequence[Sequence[float]]) -> list[list[float]]:
    """One article's feature rows (the first candidate first) → the ranker's inputs."""
    lead = list(rows[0]) if rows else []
    return [[*r, *lead, *(x - y for x, y in zip(r, lead, strict=True))] for r in rows]


class Ranker:
    """A regression-tree ensemble (trained by ``scripts/train_summary.py``, stored as JSON) that predicts
    how well a sentence would do as its article's one-sentence summary (ROUGE-1 + ROUGE-2 F1 against a
    standfirst), evaluated in pure Python. ``margin`` is what the lead (first candidate) gets added, so
    that another sentence must beat it by that much; ``far`` is what sentences after the first
    ``near`` lose."""

    def __init__(self, spec: dict):
        names, known = list(spec["features"]), ranker_inputs()
        missing = [k for k in names if k not in known]
        if missing:
            raise ValueError(f"summary ranker: unknown features {missing}")
        self.columns = [known.index(k) for k in names]
        self.margin = float(spec.get("margin", 0.0))
        self.near, self.far = int(spec.get("near", 10**6)), float(spec.get("far", 0.0))
        self.trees = [(t["f"], t["t"], t["l"], t["r"], t["v"]) for t in spec["trees"]]
        self.meta = spec.get("meta", {})

    def predict(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Predicted ROUGE-1 + ROUGE-2 F1 of each row of :func:`ranker_rows`."""
        out = []
        for row in rows:
            x = [row[c] for c in self.columns]
            total = 0.0
            for f, t, left, right, v in self.trees:
                i = 0
                while f[i] >= 0:
                    i = left[i] if x[f[i]] <= t[i] else right[i]
                total += v[i]
            out.append(total)
        return out

    def salience(self, rows: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
        """(prediction, salience) of one article's candidates: the lead plus ``margin``, sentences past
        the first ``near`` minus ``far``."""
        pred = self.predict(ranker_rows(rows))
        return [(p, p + (self.margin if r == 0 else -self.far if r > self.near else 0.0))
                for r, p in enumerate(pred)]


MODEL = "summary-ranker.json"


@functools.lru_cache(maxsize=1)
def default_ranker() -> Ranker | None:
    """The shipped ranker (``data/models/summary-ranker.json``); None when it is missing."""
    from importlib import resources

    path = resources.files("khabar") / "data" / "models" / MODEL
    if not path.is_file():
        return None
    return Ranker(json.loads(path.read_text(encoding="utf-8")))


def learned_units(analyses: Sequence[Analysis], ranker: Ranker, w: Weights = DEFAULT) -> list[_Unit]:
    """All candidate sentences, ``score`` = the ranker's prediction within its article (plus the lead
    margin for each article's first candidate); in a story, plus what the hand weights give the
    story-level parts: centrality across articles (reported by the others), the titles, the actors."""
    cands: list[_Unit] = []
    for i, a in enumerate(analyses):
        us, rows = sentence_features(a, w)
        for u, (p, sal) in zip(us, ranker.salience(rows), strict=True):
            u.doc = i
            u.parts = {"learned": p}
            u.score = sal
        cands += us
    if len({u.doc for u in cands}) > 1:
        story = {(u.doc, u.start): u.parts for u in score_units(analyses, w)}
        for u in cands:
            p = story[(u.doc, u.start)]
            u.parts.update({k: p[k] for k in ("centrality", "title", "actors")})
            u.score += w.centrality * p["centrality"] + w.title * p["title"] + w.actors * p["actors"]
    return cands


_DEFAULT_RANKER = object()


def summarize(analyses: Sequence[Analysis], n: int = 3, weights: Weights = DEFAULT, lam: float = 0.7,
              max_similarity: float = 0.5, ranker: Ranker | None | object = _DEFAULT_RANKER) -> list[Cited]:
    """The ``n`` most salient, non-redundant sentences of one article or a story, each cited by
    article id and span, in chronological then textual order. Salience is the learned ranker's
    (the shipped one by default) or, with ``ranker=None`` (or no model shipped), the hand ``weights``."""
    if ranker is _DEFAULT_RANKER:
        ranker = default_ranker()
    cands = learned_units(analyses, ranker, weights) if isinstance(ranker, Ranker) else score_units(analyses, weights)
    if not cands:
        return []
    lo, hi = min(u.score for u in cands), max(u.score for u in cands)
    rel = {id(u): (u.score - lo) / (hi - lo) if hi > lo else 1.0 for u in cands}
    chosen: list[_Unit] = []
    pool = list(cands)
    while pool and len(chosen) < n:
        def mmr(u: _Unit) -> float:
            red = max((cosine(u.vec, c.vec) for c in chosen), default=0.0)
            return lam * rel[id(u)] - (1 - lam) * red

        best = max(pool, key=lambda u: (mmr(u), -u.doc, -u.position))
        pool.remove(best)
        if chosen and max(cosine(best.vec, c.vec) for c in chosen) > max_similarity:
            continue
        chosen.append(best)
    return [_cited(analyses[u.doc], u) for u in sorted(chosen, key=lambda u: (_date(analyses[u.doc]), u.doc, u.start))]


def _date(a: Analysis) -> tuple[str, str]:
    """(date, time) for ordering: undated (or year-unknown) articles last."""
    p = a.article.published
    if not p or not p.value or p.value.startswith("X"):
        return "9999", ""
    return p.value, p.time or ""


def _cited(a: Analysis, u: _Unit) -> Cited:
    p = a.article.published
    return Cited(a.article.id, u.start, u.end, a.article.text[u.start : u.end], round(u.score, 4), u.position,
                 p.value if p else None)


__all__ = ["FEATURES", "Cited", "DEFAULT", "Ranker", "Weights", "cosine", "term_vector", "default_ranker", "learned_units", "ranker_inputs",
           "ranker_rows", "readable", "score_units", "sentence_features", "summarize", "units"]
