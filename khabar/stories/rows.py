"""Signatures and assignments as the plain rows a store keeps (the store does not know this layer)."""

from __future__ import annotations

import json

import numpy as np

from .cluster import Assignment, Story, StoryIndex
from .dating import StoryDate, story_date
from .digest import MIN_ORIGINALS, refresh
from .signature import Signature


def article_row(sig: Signature, a: Assignment) -> dict:
    emb = sig.embedding
    return {
        "article_id": sig.article_id, "story_id": a.story_id, "seq": a.seq, "dup_of": a.dup_of,
        "dup_kind": a.dup_kind, "score": a.score, "date": sig.date, "outlet": sig.outlet,
        "title_words": " ".join(sig.title_words), "body_hash": sig.body_hash,
        "minhash": sig.minhash.astype("<u4").tobytes(), "shingles": sig.shingles.astype("<u4").tobytes(),
        "embedding": None if emb is None else emb.astype("<f2").tobytes(), "actors": " ".join(sig.actors),
        "lead": sig.lead, "date_hint": json.dumps(sig.date_hint, ensure_ascii=False) if sig.date_hint else None,
        "pair_terms": None if sig.terms is None or sig.entities is None
        else json.dumps({"terms": sig.terms, "entities": list(sig.entities)}, ensure_ascii=False),
    }


def story_row(s: Story, index: StoryIndex) -> dict:
    outlets = {index.sigs[m].outlet for m in s.members if index.sigs[m].outlet}
    return {
        "id": s.id, "thread_id": s.thread_id, "linked_to": s.linked_to, "link_score": s.link_score,
        "first_date": s.first_date, "last_date": s.last_date, "size": len(s.members),
        "originals": sum(1 for m in s.members if m not in index.dup_of), "outlets": len(outlets),
    }


def _blob(b: bytes | memoryview | None, dtype: str) -> np.ndarray | None:
    return None if b is None else np.frombuffer(bytes(b), dtype=dtype).copy()


def signature_of(r: dict) -> Signature:
    emb = _blob(r["embedding"], "<f2")
    pair = json.loads(r["pair_terms"]) if r.get("pair_terms") else {}
    return Signature(
        article_id=r["article_id"], body_hash=r["body_hash"], minhash=_blob(r["minhash"], "<u4"),
        shingles=_blob(r["shingles"], "<u4"), title_words=tuple((r["title_words"] or "").split()),
        embedding=None if emb is None else emb.astype(np.float32), actors=tuple((r["actors"] or "").split()),
        date=r["date"], outlet=r["outlet"], lead=r.get("lead") or "",
        date_hint=json.loads(r["date_hint"]) if r.get("date_hint") else {},
        terms=pair.get("terms"), entities=tuple(pair["entities"]) if "entities" in pair else None,
    )


def load_index(article_rows: list[dict], story_rows: list[dict]) -> StoryIndex:
    """Rebuild a writer's index from what a store kept: the recorded decisions, not new ones."""
    index = StoryIndex()
    threads = {r["id"]: r for r in story_rows}
    for r in article_rows:
        sig = signature_of(r)
        a = Assignment(r["article_id"], r["story_id"], r["seq"], r["dup_of"], r["dup_kind"], r["score"])
        t = threads.get(r["story_id"])
        index.record(sig, a, thread=(t["thread_id"], t["linked_to"], t["link_score"]) if t else None)
        if r.get("story_date"):
            index.story_dates[sig.article_id] = StoryDate(r["story_date"], r.get("story_date_note") or "")
    return index


def story_dates(index: StoryIndex, threads: set[str]) -> dict[str, StoryDate | None]:
    """The story-derived dates of the undated originals of ``threads`` that changed (article id →
    its date, or None where it no longer has one), recorded in the index."""
    changed: dict[str, StoryDate | None] = {}
    for tid in sorted(threads):
        members = [index.sigs[m] for sid in index.threads.get(tid, []) for m in index.stories[sid].members
                   if m not in index.dup_of]
        dated = sorted((s.date, s.article_id, index.story_of[s.article_id]) for s in members if s.date)
        for s in members:
            if s.date or not s.date_hint:
                continue
            d = story_date(s.date_hint, dated)
            if d != index.story_dates.get(s.article_id):
                changed[s.article_id] = d
                if d is None:
                    index.story_dates.pop(s.article_id, None)
                else:
                    index.story_dates[s.article_id] = d
    return changed


class StoryWriter:
    """The writing process's side of story assignment: the index, loaded once from ``store`` (any
    object with ``story_state`` and ``save_stories``), then each batch's new articles decided in
    input order and their rows saved; with ``summaries``, then the summaries of the stories of at
    least two originals that the batch changed are computed and kept (:func:`.digest.refresh`)."""

    def __init__(self, store, summaries: bool = True) -> None:
        self.store = store
        self.summaries = summaries
        self.index: StoryIndex | None = None

    def add(self, sigs: list[Signature]) -> list[Assignment]:
        if self.index is None:
            self.index = load_index(*self.store.story_state())
        index = self.index
        done = [(s, index.assign(s)) for s in sigs if s.article_id not in index.story_of]
        changed = dict.fromkeys(a.story_id for _, a in done)
        new = {s.article_id for s, _ in done}
        # earlier articles embedded by these decisions: their embedding is kept in their row
        lazy = {aid: index.sigs[aid].embedding.astype("<f2").tobytes() for aid in index.embedded if aid not in new}
        index.embedded.clear()
        dates = story_dates(index, {index.stories[sid].thread_id for sid in changed})
        stories = [story_row(index.stories[sid], index) for sid in changed]
        self.store.save_stories([article_row(s, a) for s, a in done], stories, embeddings=lazy,
                                dates={aid: (d.value, d.note) if d else (None, None) for aid, d in dates.items()})
        if self.summaries:
            refresh(self.store, [r["id"] for r in stories if r["originals"] >= MIN_ORIGINALS])
        return [a for _, a in done]
