"""Incremental same-story clustering and thread linking.

:class:`StoryIndex` holds what earlier articles left (their signatures, their stories) and decides,
for each new article in input order, whether it is a copy of an earlier article, which story it
joins (or that it starts one), and — for a new story — which thread it continues. Nothing is
recomputed globally: a decision only reads the index and adds to it, so ingesting the same
articles in the same order gives the same stories, and re-ingesting stored articles changes nothing.

The story decision is average linkage on a learned same-story likelihood (:mod:`.pairs`: the lead
embeddings' cosine, the TF-IDF cosine of the title and body start, the Jaccard of the entities named
there): candidates are the stories with an original article dated within :data:`WINDOW_DAYS` of the new
one that is cheaply alike — at least :data:`LEAD_WORDS` lead words in common, or :data:`THREAD_ACTORS`
knowledge-base actors; the score is the mean likelihood of the new article with all of a candidate's
originals (copies add nothing), and the best story at or above the model's threshold is joined (the
embedding-only model's likelihood at cosine 0.90, where the decision on embeddings alone joined: ANT
2018-03-12..18). Threads link stories over any gap when they share at
least :data:`THREAD_ACTORS` actors and their embeddings' centroids are at least :data:`THREAD_SIM` alike.

The embedding (e5, most of the cost of a story decision) is computed only where it decides something:
an article with no cheap candidate starts a story without one, and a candidate story's originals are
embedded when a decision first reads them (``embed``: a batch of signatures → their lead embeddings;
``embedded`` lists the articles embedded since the caller last emptied it, for the store to keep).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .dedup import Duplicate, duplicate_of
from .pairs import PairModel, default_model, jaccard, packed, packed_cosine
from .signature import Signature, embed_signatures, lead_words, lsh_keys

WINDOW_DAYS = 3
THREAD_ACTORS = 2
THREAD_SIM = 0.86
LEAD_WORDS = 3  # lead words (≥ 4 letters) shared with a dated neighbour: a story candidate (recall-oriented;
# ANT 2018-04-09..15: 85% of the leads embedded, 16 of 20 judged stories unchanged; 4 words: 73%, 13 of 20)


@dataclass(slots=True)
class Assignment:
    """Where one article went: its story, the copy it is (if any), the score that decided."""

    article_id: str
    story_id: str
    seq: int
    dup_of: str | None = None
    dup_kind: str | None = None
    score: float | None = None  # Jaccard for a copy, mean same-story likelihood for a story join
    new_story: bool = False


@dataclass(slots=True)
class Story:
    id: str
    thread_id: str
    members: list[str] = field(default_factory=list)  # article ids, copies included, in input order
    first_date: str | None = None
    last_date: str | None = None
    actors: set[str] = field(default_factory=set)
    linked_to: str | None = None  # the story whose thread this one continues
    link_score: float | None = None

    def add_date(self, date: str | None) -> None:
        if date:
            self.first_date = min(self.first_date or date, date)
            self.last_date = max(self.last_date or date, date)


def _days(date: str) -> int:
    return dt.date.fromisoformat(date[:10]).toordinal()


class StoryIndex:
    """The state the story decisions read: signatures, copy buckets, dated members, stories."""

    def __init__(self, embed: Callable[[list[Signature]], np.ndarray] | None = None,
                 pairs: PairModel | None = None) -> None:
        self.embed = embed or embed_signatures
        self.pairs = pairs or default_model()
        self.embedded: list[str] = []  # articles embedded by this index (not loaded with an embedding)
        self.lead_words: dict[str, frozenset[str]] = {}
        self.sigs: dict[str, Signature] = {}  # kept without their term dicts (term_vecs holds them packed)
        self.term_vecs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.by_hash: dict[str, list[str]] = defaultdict(list)
        self.buckets: dict[bytes, list[str]] = defaultdict(list)
        self.by_day: dict[int, list[str]] = defaultdict(list)  # originals only (copies add no evidence)
        self.story_of: dict[str, str] = {}
        self.dup_of: dict[str, str] = {}
        self.kind_of: dict[str, str] = {}  # copy → exact | copy | update
        self.stories: dict[str, Story] = {}
        self.by_actor: dict[str, set[str]] = defaultdict(set)
        self.threads: dict[str, list[str]] = defaultdict(list)  # thread id → its stories, in order
        self.story_dates: dict[str, tuple] = {}  # undated article → its story-derived date (rows.story_dates)
        self.seq = 0

    # ------------------------------------------------------------------ decisions
    def duplicate(self, sig: Signature) -> Duplicate | None:
        seen: dict[str, None] = {}
        for aid in self.by_hash.get(sig.body_hash, []):
            seen[aid] = None
        for key in lsh_keys(sig.minhash):
            for aid in self.buckets.get(key, []):
                seen[aid] = None
        d = duplicate_of(sig, [self.sigs[a] for a in seen if a in self.sigs])
        if d is None:
            return None
        return d._replace(canonical=self.dup_of.get(d.canonical, d.canonical))

    def ensure_embedded(self, sigs: list[Signature]) -> None:
        """Compute the missing embeddings of ``sigs`` (those with a lead), in one batch."""
        todo = list({s.article_id: s for s in sigs if s.embedding is None and s.lead}.values())
        if not todo:
            return
        for s, e in zip(todo, self.embed(todo), strict=True):
            s.embedding = np.asarray(e, dtype=np.float32)
            self.embedded.append(s.article_id)

    def originals(self, story_id: str) -> list[Signature]:
        return [self.sigs[m] for m in self.stories[story_id].members if m not in self.dup_of]

    def centroid(self, story_id: str) -> np.ndarray | None:
        """The normalised mean embedding of a story's embedded originals (summed in member order)."""
        total, n = None, 0
        for s in self.originals(story_id):
            if s.embedding is not None:
                total = s.embedding.astype(np.float64) + (0 if total is None else total)
                n += 1
        if total is None:
            return None
        v = total / n
        return v / (np.linalg.norm(v) or 1.0)

    def _words(self, s: Signature) -> frozenset[str]:
        w = self.lead_words.get(s.article_id)
        if w is None:
            w = self.lead_words[s.article_id] = lead_words(s)
        return w

    def story_candidates(self, sig: Signature) -> list[str]:
        """The stories with an original dated within the window that is cheaply alike (shared lead words
        or actors): the only ones an embedding is computed for."""
        day = _days(sig.date)
        mine, actors = self._words(sig), set(sig.actors)
        cands = set()
        for d in range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1):
            for a in self.by_day.get(d, []):
                other = self.sigs[a]
                if self.story_of[a] not in cands and (len(mine & self._words(other)) >= LEAD_WORDS
                                                      or len(actors.intersection(other.actors)) >= THREAD_ACTORS):
                    cands.add(self.story_of[a])
        return sorted(cands)

    def best_story(self, sig: Signature) -> tuple[str | None, float]:
        """The candidate story whose originals are, on average, most like ``sig`` (every original of a
        candidate counts, not only those in the window, so a story does not drift from day to day)."""
        if not sig.date:
            return None, 0.0
        cands = self.story_candidates(sig)
        if not cands:
            return None, 0.0
        members = [s for c in cands for s in self.originals(c)]
        self.ensure_embedded([sig, *members])
        members = [s for s in members if s.embedding is not None]
        if sig.embedding is None or not members:
            return None, 0.0
        likely = self.likelihoods(sig, members)
        total: dict[str, list[float]] = defaultdict(list)
        for s, x in zip(members, likely, strict=True):
            total[self.story_of[s.article_id]].append(float(x))
        story, score = max(((k, sum(v) / len(v)) for k, v in total.items()), key=lambda kv: (kv[1], kv[0]))
        return (story, score) if score >= self.pairs.threshold else (None, score)

    def likelihoods(self, sig: Signature, members: list[Signature]) -> np.ndarray:
        """P(same story) of ``sig`` with each of ``members`` (all embedded): :mod:`.pairs`."""
        sims = np.stack([s.embedding for s in members]) @ sig.embedding
        mine = packed(sig.terms) if sig.terms is not None and sig.entities is not None else None
        vecs = [self.term_vecs.get(s.article_id) for s in members]
        terms = [None if mine is None or v is None or s.entities is None else packed_cosine(mine, v)
                 for s, v in zip(members, vecs, strict=True)]
        ents = [None if t is None else jaccard(sig.entities or (), s.entities or ())
                for s, t in zip(members, terms, strict=True)]
        return self.pairs.likelihood(sims.tolist(), terms, ents)

    def thread_link(self, sig: Signature) -> tuple[str | None, float]:
        """The earlier story (of another story) that a new story continues: shared actors, alike centroid."""
        if len(sig.actors) < THREAD_ACTORS:
            return None, 0.0
        counts: dict[str, int] = defaultdict(int)
        for actor in sig.actors:
            for sid in self.by_actor.get(actor, ()):
                counts[sid] += 1
        cands = sorted(s for s, n in counts.items() if n >= THREAD_ACTORS)
        if not cands:
            return None, 0.0
        self.ensure_embedded([sig, *(m for c in cands for m in self.originals(c))])
        cents = [(s, self.centroid(s)) for s in cands]
        cents = [(s, c) for s, c in cents if c is not None]
        if sig.embedding is None or not cents:
            return None, 0.0
        sims = np.stack([c for _, c in cents]) @ sig.embedding
        i = int(np.argmax(sims))
        return (cents[i][0], float(sims[i])) if sims[i] >= THREAD_SIM else (None, float(sims[i]))

    # ------------------------------------------------------------------ updates
    def assign(self, sig: Signature) -> Assignment:
        """Decide and record where ``sig`` goes (call in input order)."""
        if sig.article_id in self.story_of:  # already placed: re-ingest changes nothing
            return self._placed(sig.article_id)
        self.seq += 1
        dup = self.duplicate(sig)
        if dup is not None:
            a = Assignment(sig.article_id, self.story_of[dup.canonical], self.seq, dup.canonical, dup.kind, dup.jaccard)
        else:
            story, score = self.best_story(sig)
            a = Assignment(sig.article_id, story or sig.article_id, self.seq, score=round(score, 4) if story else None,
                           new_story=story is None)
        self.record(sig, a)
        return a

    def _placed(self, article_id: str) -> Assignment:
        return Assignment(article_id, self.story_of[article_id], 0, self.dup_of.get(article_id))

    def record(self, sig: Signature, a: Assignment,
               thread: tuple[str, str | None, float | None] | None = None) -> None:
        """Add an article and its assignment to the index: a decision, or one loaded from a store
        (then ``thread`` is its story's recorded (thread id, linked story, link score))."""
        self.seq = max(self.seq, a.seq)
        story = self.stories.get(a.story_id)
        if story is None:
            if thread is None:
                link, score = self.thread_link(sig)
                thread = (self.stories[link].thread_id if link else a.story_id, link,
                          round(score, 4) if link else None)
            story = self.stories[a.story_id] = Story(a.story_id, thread[0], linked_to=thread[1],
                                                     link_score=thread[2])
            self.threads[story.thread_id].append(story.id)
        if sig.terms is not None:  # the caller's signature keeps its dict (its row is written after this)
            self.term_vecs[sig.article_id] = packed(sig.terms)
            sig = dataclasses.replace(sig, terms=None, entities=tuple(map(sys.intern, sig.entities or ())))
        self.sigs[sig.article_id] = sig
        self.story_of[sig.article_id] = a.story_id
        story.members.append(sig.article_id)
        story.add_date(sig.date)
        self.by_hash[sig.body_hash].append(sig.article_id)
        if a.dup_of:
            self.dup_of[sig.article_id] = a.dup_of
            self.kind_of[sig.article_id] = a.dup_kind or "copy"
            return
        for key in lsh_keys(sig.minhash):
            self.buckets[key].append(sig.article_id)
        if sig.date:
            self.by_day[_days(sig.date)].append(sig.article_id)
        for actor in sig.actors:
            self.by_actor[actor].add(a.story_id)
        story.actors.update(sig.actors)
