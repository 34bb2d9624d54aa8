"""A story's multi-document summary computed when the story is placed, and kept by the store.

The story page summarises the story's original articles (copies add nothing): the first
:data:`MAX_READ` of them, oldest first (:func:`reading_order`), with
:func:`~khabar.stories.summary.summarize`. That costs tens of milliseconds per request in a large
story, so the writer computes it after each batch of placements, for the stories the batch touched
(:func:`refresh`), and the store keeps it (``story_summaries``) with a **key**: a digest of the ids
the summary was computed from, in reading order, and of the summariser (:data:`VERSION`, the ranker
model and the word rarities). A reader recomputes the key from the story's current articles and uses
the stored summary only when the keys are equal (:func:`stored`); a story that gained an article
since (or a summariser that changed) has another key, and is summarised at request time as before.

One-original stories are not kept (:data:`MIN_ORIGINALS`): their summary is one article's, cheap
to compute per request (1,000 random ones of the ANT store: 7.6 ms CPU mean, 16 ms p95; 0.6% over
100 ms, very long articles), and they are three stories in four (keeping them would add ~8 ms per
ingested article and ~120 CPU-s to a backfill of ANT). ``store``: any object with ``story_articles``, ``summary_keys``, ``save_summaries``,
``story_summary``, ``stories`` and ``get`` (this layer does not import the store).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

from ..model import Analysis
from .summary import MODEL, Cited, summarize

MAX_READ = 40  # analyses read for a story's timeline and summary (its originals, oldest first)
SENTENCES = 3  # sentences in a story's summary
MIN_ORIGINALS = 2  # stories with fewer originals are summarised per request, not kept
VERSION = "1"  # bump when summarize() gives another summary for the same articles
CHUNK = 200  # stories read and written at once by fill()


def dated(published: str | None) -> bool:
    """A publication date whose year is known (not «XXXX-02-02»)."""
    return bool(published) and not published.startswith("X")


def date_order(row: dict) -> tuple[bool, str, str]:
    """Sort key of a story's article row: dated articles oldest first, then the undated."""
    return not dated(row.get("published")), row.get("published") or "", row["article_id"]


def reading_order(articles: Iterable[dict], limit: int = MAX_READ) -> list[str]:
    """The ids of a story's original articles (not its copies) as its summary reads them: dated ones
    oldest first, then the undated, at most ``limit``. ``articles``: the store's story article rows."""
    rows = sorted((r for r in articles if not r.get("dup_of")), key=date_order)
    return [r["article_id"] for r in rows[:limit]]


@functools.lru_cache(maxsize=1)
def _summariser() -> str:
    """The summariser's identity: :data:`VERSION`, and digests of the data files it reads."""
    h = hashlib.sha1(f"summary {VERSION} n={SENTENCES}".encode())
    for parts in (("data", "models", MODEL), ("data", "vocab.tsv.gz")):
        path = resources.files("khabar").joinpath(*parts)
        h.update(path.read_bytes() if path.is_file() else b"-")
    return h.hexdigest()


def summary_key(ids: Sequence[str]) -> str:
    """The key of a summary computed from the articles ``ids`` (in reading order)."""
    return hashlib.sha1("\n".join([_summariser(), *ids]).encode()).hexdigest()


def summarise(analyses: Sequence[Analysis]) -> list[Cited]:
    """The story's summary: what the story page shows."""
    return summarize(list(analyses), n=SENTENCES) if analyses else []


def _cited(d: dict) -> Cited:
    return Cited(**{f.name: d.get(f.name) for f in dataclasses.fields(Cited)})


def stored(store, story_id: str, ids: Sequence[str]) -> list[Cited] | None:
    """The kept summary of a story whose originals in reading order are ``ids``; None when there is
    none, or when it was computed from other articles (then the caller computes it)."""
    row = store.story_summary(story_id)
    if row is None or row["key"] != summary_key(ids):
        return None
    return [_cited(d) for d in json.loads(row["summary"])]


def summary_row(story_id: str, ids: Sequence[str], analyses: Sequence[Analysis]) -> dict:
    """What the store keeps of a story's summary: {story_id, key, summary (JSON of the cited sentences)}."""
    cited = [dataclasses.asdict(c) for c in summarise(analyses)]
    return {"story_id": story_id, "key": summary_key(ids), "summary": json.dumps(cited, ensure_ascii=False)}


def refresh(store, story_ids: Iterable[str], min_originals: int = MIN_ORIGINALS) -> int:
    """Compute and keep the summaries of these stories that have none or a stale one (one pass per
    story, whatever the number of times it appears); returns how many were computed."""
    ids = list(dict.fromkeys(story_ids))
    if not ids:
        return 0
    members = store.story_articles(ids)
    keys = store.summary_keys(ids)
    rows = []
    for sid in ids:
        arts = members.get(sid) or []
        if sum(1 for r in arts if not r.get("dup_of")) < min_originals:
            continue
        order = reading_order(arts)
        if keys.get(sid) == summary_key(order):
            continue
        rows.append(summary_row(sid, order, [a for a in map(store.get, order) if a is not None]))
    if rows:
        store.save_summaries(rows)
    return len(rows)


def fill(store, min_originals: int = MIN_ORIGINALS, progress: Callable[[int], None] | None = None) -> int:
    """Compute the missing and stale summaries of every story of at least ``min_originals`` originals
    (a store placed before summaries were kept, or by another summariser), :data:`CHUNK` stories per
    transaction; ``progress(n)`` counts stories looked at. Returns how many were computed."""
    ids = [r["id"] for r in store.stories(min_size=min_originals, limit=1 << 62)]
    done = 0
    for i in range(0, len(ids), CHUNK):
        done += refresh(store, ids[i:i + CHUNK], min_originals)
        if progress:
            progress(len(ids[i:i + CHUNK]))
    return done


__all__ = ["MAX_READ", "MIN_ORIGINALS", "SENTENCES", "VERSION", "dated", "fill", "reading_order", "refresh", "stored",
           "summarise", "summary_key", "summary_row"]
