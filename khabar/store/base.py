"""The store interface (:class:`Store`), what it holds and returns, and :func:`open_store`.

``open_store(url)`` returns a :class:`Store`. The embedded default is SQLite
(``sqlite:///path/to/khabar.db`` or a plain path); the interface is what a PostgreSQL
backend (``postgresql://…``) implements for shared/large deployments. The web app and API
read through this interface only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from ..model import Analysis
from ..text.tokenize import index_terms, tokenize

DEFAULT_DB = "khabar.db"


@dataclass(slots=True)
class ArticleRow:
    id: str
    title: str | None
    outlet: str | None
    outlet_name: str | None
    published: str | None
    precision: str | None
    dateline: str | None
    agencies: list[str]
    language: str | None
    url: str | None
    source_path: str | None
    date_confidence: float | None = None  # of ``published``; None when the listing does not read it
    date_method: str | None = None  # metadata | header | lead | guess | ...


@dataclass(slots=True)
class SearchHit:
    row: ArticleRow
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # spans into the article text


@dataclass(frozen=True, slots=True)
class Facets:
    """Article filters beyond outlet, dates and actors, applied by the store in SQL (so ranking and
    paging see only matching articles): ``event_type``, a PLOVER type the article reports with at least
    ``min_confidence``; ``story``, a story id (its articles, copies included)."""

    event_type: str | None = None
    min_confidence: float = 0.0
    story: str | None = None


class IndexFields(NamedTuple):
    """What the full-text index stores for an article, computed where the tokens are (the ingest
    worker), so the writing process never re-tokenises: the four text columns and the word forms."""

    title_stems: str
    title_lemmas: str
    body_stems: str
    body_lemmas: str
    forms: tuple[tuple[str, str, str], ...] = ()  # (word, stem, lemma) of each distinct word, as indexed

    @property
    def columns(self) -> tuple[str, str, str, str]:
        return self.title_stems, self.title_lemmas, self.body_stems, self.body_lemmas


def index_fields(a: Analysis) -> IndexFields:
    """Full-text index fields of an analysis: (title stems, title lemmas, body stems, body lemmas)
    and the (word, stem, lemma) of each distinct word, which lets a search analyse query words and
    snippet texts by lookup instead of loading the analysers.

    Body includes the standfirst, so search finds what a feed abstract says even when it is
    kept out of the article text."""
    art = a.article
    title_end = len(art.title) if art.title else 0
    ts: list[str] = []
    tl: list[str] = []
    bs: list[str] = []
    bl: list[str] = []
    forms: dict[str, tuple[str, str, str]] = {}
    for s in a.sentences:
        toks = s.tokens or tokenize(art.text, s.start, s.end)
        for t in toks:
            if t.kind == "punct":
                continue
            (ts if t.start < title_end else bs).append(t.stem or t.norm)
            (tl if t.start < title_end else bl).append(t.lemma or t.norm)
            if t.kind == "word" and t.text not in forms:
                forms[t.text] = (t.text, t.stem, t.lemma)
    if art.standfirst:
        s2, l2 = index_terms(art.standfirst)
        bs.append(s2)
        bl.append(l2)
    return IndexFields(" ".join(ts), " ".join(tl), " ".join(bs), " ".join(bl), tuple(forms.values()))


class StoreError(Exception):
    """A store that cannot be opened or read (one line, naming the path)."""


class StoreNotFound(StoreError):
    """A read was asked of a store that does not exist (reads never create one)."""


class Store(Protocol):
    path: str

    def add(self, analysis: Analysis) -> bool:
        """Store an analysis; False if the article (same content id) was already there."""

    def add_many(self, analyses: list[Analysis], fields: list[IndexFields | None] | None = None) -> list[bool]: ...

    def known_raw(self, raw_sha1: str) -> str | None:
        """Article id already ingested from exactly these raw bytes, if any."""

    def get(self, article_id: str) -> Analysis | None: ...

    def resolve_id(self, prefix: str) -> str | None: ...

    def list(
        self, limit: int = 50, offset: int = 0, outlet: str | None = None,
        date_from: str | None = None, date_to: str | None = None, actors: list[list[str]] | None = None,
        facets: Facets | None = None,
    ) -> list[ArticleRow]: ...

    def search(
        self, query: str, limit: int = 20, outlet: str | None = None,
        date_from: str | None = None, date_to: str | None = None, actors: list[list[str]] | None = None,
        facets: Facets | None = None,
    ) -> list[SearchHit]: ...

    def iter_analyses(self) -> Iterator[Analysis]: ...

    def top_entities(self, limit: int = 30, type_: str | None = None) -> list[dict]: ...

    def entity(self, entity_id: str) -> dict | None: ...

    def entity_summary(self, entity_id: str, limit: int = 30) -> dict | None:
        """An entity without reading all its articles: its row, spelling variants, the number of
        articles naming it (``n_articles``) and the newest ``limit`` of them (``articles``)."""

    def find_entities(self, name: str) -> list[str]: ...

    def events(self, actors: list[str] | None = None, recipients: list[str] | None = None, plover: str | None = None,
               mode: str | None = None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 100, min_confidence: float = 0.0) -> list[dict]: ...

    def dyad(self, a: list[str], b: list[str], by: str = "month", min_confidence: float = 0.0) -> list[dict]: ...

    def top_dyads(self, limit: int = 10, actors: list[str] | None = None, min_confidence: float = 0.0) -> list[dict]:
        """Pairs of actors with the most events between them, either direction (``a`` < ``b``):
        {a, b, events, asserted}; ``actors``: only pairs with one of these on either side."""

    def quotes(self, speakers: list[str] | None = None, limit: int = 50, date_from: str | None = None,
               date_to: str | None = None, unnamed: bool | None = None) -> list[dict]: ...

    def count(self) -> int: ...

    # stories (khabar.stories decides; the store keeps the decisions and what later ones need)
    def save_stories(self, articles: list[dict], stories: list[dict], embeddings: dict[str, bytes] | None = None,
                     dates: dict[str, tuple[str | None, str | None]] | None = None) -> None: ...

    def clear_stories(self) -> None: ...

    def story_state(self) -> tuple[list[dict], list[dict]]: ...

    def unassigned(self) -> list[str]: ...

    def stories(self, date_from: str | None = None, date_to: str | None = None, actors: list[str] | None = None,
                outlet: str | None = None, min_size: int = 2, limit: int = 50) -> list[dict]: ...

    def story(self, story_id: str) -> dict | None: ...

    def story_of(self, article_id: str) -> dict | None: ...

    def story_map(self) -> dict[str, dict]: ...

    def copies_of(self, article_ids: list[str]) -> dict[str, list[str]]: ...

    def story_articles(self, story_ids: list[str]) -> dict[str, list[dict]]: ...

    # story summaries computed when the stories were placed (khabar.stories.digest), each under a key
    def save_summaries(self, rows: list[dict]) -> None: ...

    def summary_keys(self, story_ids: list[str]) -> dict[str, str]: ...

    def story_summary(self, story_id: str) -> dict | None: ...

    def with_event_type(self, article_ids: list[str], plover: str, min_confidence: float = 0.0) -> set[str]:
        """Those of ``article_ids`` that report an event of this PLOVER type (at least that confidence)."""

    def copies(self) -> set[str]: ...

    def close(self) -> None: ...


__all__ = ["ArticleRow", "Facets", "SearchHit", "Store", "StoreError", "StoreNotFound", "index_fields", "IndexFields",
           "DEFAULT_DB"]
