"""Summaries scored against BBC Arabic standfirsts (``khabar eval summary``).

The reference is the journalist-written standfirst of 3,668 BBC Arabic articles (ANT corpus;
``shared/eval/raw/ant_multisource/bbc_standfirst_summaries.jsonl``): the kind of summary XL-Sum
uses. Every system picks whole sentences of the article *as the pipeline splits it*
(:func:`khabar.pipeline.analyze`, the feed's date as reference date, the standfirst withheld), so
they compete on the same units: lead-1 (the first body sentence), the oracle single sentence (the
one with the best ROUGE-1 F1 against the reference: a ceiling for one-sentence extracts) and the
summariser of :mod:`khabar.stories.summary`.

ROUGE-1/2/L F1 is computed here on an Arabic-aware tokenisation (``rouge-score``'s default
tokenizer keeps only ``[a-z0-9]`` and drops every Arabic word): words, numbers and Latin words of
:func:`khabar.text.tokenize.tokenize`, in the search form of :func:`khabar.text.textnorm.normalize`
(hamza alefs, ى/ي, ة/ه, digits and diacritics folded), punctuation out, no stemming. Scores are the
mean over articles of per-article F1 (×100), as ``rouge-score`` reports them.

The articles are split deterministically by a hash of their id into *dev* (tune here) and *test*
(report): :func:`split_of`.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..model import Analysis
from ..text.tokenize import tokenize

STANDFIRSTS = Path("shared") / "eval" / "raw" / "ant_multisource" / "bbc_standfirst_summaries.jsonl"


# ---------------------------------------------------------------------- ROUGE
def rouge_tokens(text: str) -> list[str]:
    """Words, numbers and Latin words of ``text`` in search form (punctuation dropped)."""
    return [t.norm for t in tokenize(text, analyse=False) if t.kind != "punct"]


def _f1(overlap: int, n_hyp: int, n_ref: int) -> float:
    if not overlap or not n_hyp or not n_ref:
        return 0.0
    p, r = overlap / n_hyp, overlap / n_ref
    return 2 * p * r / (p + r)


def _ngrams(toks: list[str], n: int) -> Counter:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def rouge_n(ref: list[str], hyp: list[str], n: int) -> float:
    """ROUGE-N F1 of token lists (clipped n-gram overlap)."""
    r, h = _ngrams(ref, n), _ngrams(hyp, n)
    return _f1(sum((r & h).values()), sum(h.values()), sum(r.values()))


def _lcs(a: list[str], b: list[str]) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(ref: list[str], hyp: list[str]) -> float:
    """ROUGE-L F1 (longest common subsequence, summary-level = sentence-level for one sentence)."""
    return _f1(_lcs(ref, hyp), len(hyp), len(ref))


def rouge(ref: str, hyp: str) -> tuple[float, float, float]:
    """(ROUGE-1, ROUGE-2, ROUGE-L) F1 of ``hyp`` against ``ref``, each in [0, 1]."""
    r, h = rouge_tokens(ref), rouge_tokens(hyp)
    return rouge_n(r, h, 1), rouge_n(r, h, 2), rouge_l(r, h)


# ---------------------------------------------------------------------- data
def split_of(article_id: str) -> str:
    """«dev» or «test», by the parity of the SHA-1 of the id: fixed, about half each."""
    return "dev" if hashlib.sha1(article_id.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def standfirst_candidates() -> list[Path]:
    """Where the standfirst file is looked for: $KHABAR_STANDFIRSTS, then the shared folder beside the
    repository holding this package, then beside / under the working directory."""
    env = os.environ.get("KHABAR_STANDFIRSTS")
    repo = Path(str(resources.files("khabar"))).resolve().parent
    cands = [Path(env)] if env else []
    return cands + [repo.parent / STANDFIRSTS, repo / STANDFIRSTS, Path.cwd().parent / STANDFIRSTS,
                    Path.cwd() / STANDFIRSTS]


def read_standfirsts(path: str | Path, split: str | None = None, limit: int | None = None) -> list[dict]:
    """Records (id, title, text, summary, date, …) of the split, in file order, at most ``limit``."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if split and split_of(rec["id"]) != split:
                continue
            if not (rec.get("text") or "").strip() or not (rec.get("summary") or "").strip():
                continue
            out.append(rec)
            if limit and len(out) >= limit:
                break
    return out


def _key(rec: dict) -> str:
    return hashlib.sha1(json.dumps([rec["id"], rec.get("title"), rec["text"], rec.get("date")],
                                   ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def analyse_record(rec: dict) -> dict | None:
    """The pipeline's analysis (JSON, without tokens) of a record, its standfirst withheld, the feed's date
    as reference date; None when the pipeline finds no article."""
    from ..ingest.readers import RawDoc, record_to_doc
    from ..pipeline import analyze

    doc = record_to_doc({k: v for k, v in rec.items() if k not in ("summary", "abstract")}, rec["id"])
    if not isinstance(doc, RawDoc):
        return None
    try:
        a = analyze(doc, dt.date.fromisoformat(str(rec.get("date") or "2018-12-31")[:10]))
    except Exception:  # noqa: BLE001 - an article the pipeline rejects is left out (and counted)
        return None
    return a.to_dict(tokens=False)


def analyses(recs: list[dict], cache: str | Path | None, workers: int = 1,
             progress: Callable[[int], None] | None = None) -> dict[str, Analysis]:
    """Analyses of the records by id, read from / appended to a JSONL cache keyed by the record's
    content (a line cut short by an interrupted run is skipped and redone)."""
    done: dict[str, dict] = {}
    if cache and Path(cache).exists():
        with open(cache, encoding="utf-8") as fh:
            for line in fh:
                k, _, d = line.partition("\t")
                with contextlib.suppress(ValueError):
                    done[k] = json.loads(d)
    todo = [r for r in recs if _key(r) not in done]
    if todo:
        if cache:
            Path(cache).parent.mkdir(parents=True, exist_ok=True)
        with open(cache, "a", encoding="utf-8") if cache else contextlib.nullcontext() as out:
            for rec, d in _map(analyse_record, todo, workers):
                done[_key(rec)] = d
                if out is not None:
                    out.write(_key(rec) + "\t" + json.dumps(d, ensure_ascii=False) + "\n")
                    out.flush()
                if progress:
                    progress(1)
    return {r["id"]: Analysis.from_dict(done[_key(r)]) for r in recs if done.get(_key(r))}


def _map(fn: Callable[[dict], dict | None], recs: list[dict], workers: int) -> Iterator[tuple[dict, dict | None]]:
    if workers <= 1:
        for r in recs:
            yield r, fn(r)
        return
    with cf.ProcessPoolExecutor(workers) as ex:
        yield from zip(recs, ex.map(fn, recs, chunksize=8), strict=True)


# ---------------------------------------------------------------------- scoring
@dataclass
class SystemScore:
    name: str
    scores: list[tuple[float, float, float]] = field(default_factory=list)

    def add(self, ref: str, hyp: str) -> None:
        self.scores.append(rouge(ref, hyp))

    @property
    def n(self) -> int:
        return len(self.scores)

    def means(self) -> tuple[float, float, float]:
        if not self.scores:
            return 0.0, 0.0, 0.0
        return tuple(100 * sum(s[i] for s in self.scores) / len(self.scores) for i in range(3))  # type: ignore[return-value]


def body_sentences(a: Analysis) -> list[tuple[int, int]]:
    """(start, end) of the sentences after the title."""
    art = a.article
    body = len(art.title) if art.title else 0
    return [(s.start, s.end) for s in a.sentences if s.start >= body and art.text[s.start:s.end].strip()]


def lead1(a: Analysis) -> str:
    spans = body_sentences(a)
    return a.article.text[spans[0][0]:spans[0][1]] if spans else ""


def oracle1(a: Analysis, ref: str) -> str:
    """The body sentence with the best ROUGE-1 F1 against ``ref``."""
    r = rouge_tokens(ref)
    best, text = -1.0, ""
    for s, e in body_sentences(a):
        f = rouge_n(r, rouge_tokens(a.article.text[s:e]), 1)
        if f > best:
            best, text = f, a.article.text[s:e]
    return text


def evaluate(recs: Iterable[dict], by_id: dict[str, Analysis],
             systems: dict[str, Callable[[Analysis], str]]) -> list[SystemScore]:
    """Lead-1, the oracle sentence and each system, scored on the records that have an analysis."""
    out = [SystemScore("lead-1"), SystemScore("oracle-1"), *(SystemScore(n) for n in systems)]
    for rec in recs:
        a = by_id.get(rec["id"])
        if a is None or not body_sentences(a):
            continue
        ref = rec["summary"]
        out[0].add(ref, lead1(a))
        out[1].add(ref, oracle1(a, ref))
        for sc, fn in zip(out[2:], systems.values(), strict=True):
            sc.add(ref, fn(a))
    return out


__all__ = ["SystemScore", "analyses", "evaluate", "lead1", "oracle1", "read_standfirsts", "rouge", "rouge_l",
           "rouge_n", "rouge_tokens", "split_of", "standfirst_candidates"]
