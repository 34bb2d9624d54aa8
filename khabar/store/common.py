"""What the SQL stores (``sqlite``, ``postgres``) share whatever their dialect: the rows they write
for an analysis, the reading methods whose SQL differs only in its placeholders (:class:`SQLReads`,
over a :class:`Dialect`), and the search reranking and snippets. Each backend keeps only what
differs: its schema, connections and locking, and its full-text index (FTS5 or ``tsvector``).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..model import Analysis, Article, Event, env_int
from ..text.tokenize import TOKEN_RE, split_sentences, tokenize
from .base import ArticleRow, Facets, SearchHit
from .query import proximity


# ---------------------------------------------------------------------- writing
def sort_date(value: str | None, precision: str | None) -> str | None:
    if not value or value.startswith("X"):
        return None
    return value  # ISO strings compare correctly at any precision


def analysis_json(a: Analysis) -> str:
    """The stored JSON of an analysis (without tokens)."""
    return json.dumps(a.to_dict(tokens=False), ensure_ascii=False, separators=(",", ":"))


def article_values(art: Article) -> tuple:
    """Values of the columns id, title, outlet, outlet_name, url, published, precision, sort_date,
    dateline, agencies, language, source_path, raw_sha1 of ``articles``."""
    pub = art.published
    return (art.id, art.title, art.outlet, art.outlet_name, art.url, pub.value if pub else None,
            pub.precision if pub else None, sort_date(pub.value if pub else None, pub.precision if pub else None),
            art.dateline, json.dumps(art.agencies), art.language, art.source_path, art.raw_sha1)


def entity_rows(a: Analysis) -> list[tuple]:
    """(id, name, type, en, country, sector, kb) per entity."""
    return [(e.id, e.name, e.type, e.en, e.country, e.sector, int(e.kb)) for e in a.entities]


def event_values(ev: Event) -> tuple:
    """(id, plover, cameo, goldstein, mode, actor, recipient, actor_country, actor_sector,
    recipient_country, recipient_sector, date, location, context, confidence, method)."""
    return (ev.id, ev.plover, ev.cameo, ev.goldstein, ev.mode, ev.actor, ev.recipient, ev.actor_country,
            ev.actor_sector, ev.recipient_country, ev.recipient_sector, ev.date, ev.location, ev.context,
            ev.confidence, ev.method)


def event_mention_rows(ev: Event, rid: int, text: str) -> list[tuple]:
    """(event_id, rid, start, end, trigger, reported_by, text) per mention of ``ev``."""
    return [(ev.id, rid, m.start, m.end, m.text, ev.reported_by, text[m.start : m.end]) for m in ev.mentions]


def quote_rows(a: Analysis, rid: int) -> list[tuple]:
    """(rid, start, end, kind, speaker, speaker_text, verb, unnamed, source, source_country, text) per quote."""
    text = a.article.text
    return [(rid, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.verb, int(q.unnamed), q.source,
             q.source_country, text[q.start : q.end]) for q in a.quotes]


def mention_rows(a: Analysis, rid: int) -> list[tuple]:
    """(rid, entity_id, start, end, type, method, text) per linked mention."""
    return [(rid, m.entity, m.start, m.end, m.type, m.method, m.text) for m in a.mentions if m.entity]


# ---------------------------------------------------------------------- reading

def spellings(rows: list[dict]) -> list[dict]:
    """An entity's spellings with their counts, most frequent first; a span that took the fused
    preposition («للناتو», as the guidelines write it) counts as the spelling with the article
    («الناتو»)."""
    counts: dict[str, int] = {}
    for r in rows:
        t = r["text"]
        t = "ال" + t[2:] if t.startswith("لل") and len(t) > 4 else t
        counts[t] = counts.get(t, 0) + int(r["n"])
    return [{"text": t, "n": n} for t, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]

class FormLookup:
    """:func:`~khabar.text.tokenize.tokenize` answered from the store's word-form table; a span
    holding a word the store has never seen is analysed in full (same tokens either way)."""

    CHUNK = 500

    def __init__(self, fetch: Callable[[list[str]], list[tuple[str, str, str]]],
                 written: Callable[[list[str], list[str]], list[tuple[str, str, str]]] | None = None) -> None:
        self.fetch = fetch
        self.written = written
        self.known: dict[str, tuple[str, str]] = {}
        self.asked: set[str] = set()

    def surfaces(self, groups: list[list[tuple[str, str]]]) -> re.Pattern | None:
        """A pattern that finds, in a text, the written forms of the query's words: every word the
        store indexed with one of their stems or lemmas. A sentence it does not find cannot hold a
        match, so snippets need not tokenise it. None when some query word has no written form in
        the store (a number, a Latin word, a store without word forms): then every sentence is read."""
        pairs = {tok for g in groups for tok in g}
        if self.written is None or not pairs:
            return None
        stems, lemmas = sorted({s for s, _ in pairs}), sorted({lm for _, lm in pairs})
        rows = self.written(stems, lemmas)
        if not all(any(st == s or lm == lem for _, st, lm in rows) for s, lem in pairs):
            return None
        for w, st, lm in rows:
            self.known[w] = (st, lm)
            self.asked.add(w)
        words = sorted({w for w, _, _ in rows}, key=lambda w: (-len(w), w))
        return re.compile("|".join(map(re.escape, words)))

    def prime(self, texts: list[str]) -> None:
        """Look up every word of these texts at once."""
        words = {m.group() for text in texts for m in TOKEN_RE.finditer(text) if m.lastgroup == "word"}
        missing = sorted(words - self.asked)
        self.asked.update(missing)
        for i in range(0, len(missing), self.CHUNK):
            self.known.update((w, (st, lm)) for w, st, lm in self.fetch(missing[i : i + self.CHUNK]))

    def tokenize(self, text: str, start: int = 0, end: int | None = None) -> list:
        toks = tokenize(text, start, end, analyse=False)
        words = [t for t in toks if t.kind == "word"]
        if any(t.text not in self.asked for t in words):
            self.prime([text[start:end]])
        if any(t.text not in self.known for t in words):
            return tokenize(text, start, end)
        for t in words:
            t.stem, t.lemma = self.known[t.text]
        return toks


# what a search hit reads of an article (not the stored analysis, the largest column)
HIT_COLUMNS = ", ".join(f"a.{c}" for c in ("rid", "id", "title", "outlet", "outlet_name", "published", "precision",
                                            "dateline", "agencies", "language", "url", "source_path", "text"))


def article_row(r: Mapping) -> ArticleRow:
    """An :class:`ArticleRow` from a row of ``articles`` (a dict or an ``sqlite3.Row``)."""
    keys = r.keys()
    return ArticleRow(
        id=r["id"], title=r["title"], outlet=r["outlet"], outlet_name=r["outlet_name"],
        published=r["published"], precision=r["precision"], dateline=r["dateline"],
        agencies=json.loads(r["agencies"] or "[]"), language=r["language"], url=r["url"],
        source_path=r["source_path"],
        date_confidence=r["date_confidence"] if "date_confidence" in keys else None,
        date_method=r["date_method"] if "date_method" in keys else None,
    )


@dataclass(frozen=True, slots=True)
class Dialect:
    """How a backend writes a query parameter: ``p`` (``?`` or ``%s``), ``p_int`` where it must be an
    integer; ``true``: a condition that always holds."""

    p: str
    p_int: str
    true: str

    def ph(self, values: list) -> str:
        return ",".join([self.p] * len(values))

    def date_range(self, column: str, date_from: str | None, date_to: str | None) -> tuple[str, list]:
        """SQL for an inclusive date window on an ISO column of any precision («--to 2010» keeps 2010-11-03)."""
        sql, args = "", []
        if date_from:
            sql += f" AND {column} >= {self.p}"
            args.append(date_from)
        if date_to:
            sql += f" AND substr({column}, 1, {self.p_int}) <= {self.p}"
            args += [len(date_to), date_to]
        return sql, args

    def filters(self, outlet: str | None, date_from: str | None, date_to: str | None,
                actors: list[list[str]] | None = None, probe: bool = False,
                facets: Facets | None = None) -> tuple[str, list]:
        """The WHERE clause (without WHERE) of an article listing or search, and its arguments.
        ``probe``: each article probes its own mentions for the actors (index ``mentions(rid, entity_id)``),
        for a scan in listing order that stops at the page; otherwise the actors' articles are collected."""
        where, args = [], []
        for ids in actors or []:
            where.append(f"EXISTS (SELECT 1 FROM mentions m WHERE m.rid = a.rid AND m.entity_id IN ({self.ph(ids)}))"
                         if probe else f"a.rid IN (SELECT rid FROM mentions WHERE entity_id IN ({self.ph(ids)}))")
            args += list(ids)
        if outlet:
            where.append(f"(a.outlet = {self.p} OR lower(a.outlet_name) LIKE {self.p})")
            args += [outlet.lower(), f"%{outlet.lower()}%"]
        dsql, dargs = self.date_range("a.sort_date", date_from, date_to)
        if dsql:
            where.append(dsql.removeprefix(" AND "))
            args += dargs
        if facets and facets.event_type:
            where.append(f"EXISTS (SELECT 1 FROM event_mentions em JOIN events e ON e.id = em.event_id"
                         f" WHERE em.rid = a.rid AND e.plover = {self.p} AND coalesce(e.confidence, 0) >= {self.p})")
            args += [facets.event_type.upper(), facets.min_confidence]
        if facets and facets.story:
            where.append(f"a.id IN (SELECT article_id FROM story_articles WHERE story_id = {self.p})")
            args.append(facets.story)
        return " AND ".join(where), args


_QUOTES = ("SELECT q.*, a.id AS article_id, a.published, a.precision, a.title, e.en AS speaker_en,"
           " e.name AS speaker_name FROM quotes q JOIN articles a ON a.rid = q.rid"
           " LEFT JOIN entities e ON e.id = q.speaker WHERE ")
_EVENTS = ("SELECT e.*, count(*) AS mentions, count(DISTINCT m.rid) AS articles,"
           " min(a.id) AS article_id, min(m.text) AS evidence, min(m.trigger) AS trigger,"
           " max(m.reported_by) AS reported_by, min(a.url) AS url"
           " FROM events e JOIN event_mentions m ON m.event_id = e.id JOIN articles a ON a.rid = m.rid WHERE ")

# Search ranks the newest this many articles (by insertion) first in a larger store, and reaches
# further back only while they hold too few matches (SQLReads._tiered); KHABAR_SEARCH_TIER overrides
# it (0: always the whole store).
SEARCH_TIER = env_int("KHABAR_SEARCH_TIER", 100_000) or 1 << 62

# Mentions in an article recorded as a copy of another (khabar.stories) are not counted again.
_NOT_A_COPY = (" AND NOT EXISTS (SELECT 1 FROM story_articles c WHERE c.article_id = a.id"
               " AND c.dup_of IS NOT NULL)")


class SQLReads:
    """Reading methods written once for both SQL stores. A backend sets ``dialect`` and the SQL heads
    below, and provides ``_dicts(sql, args)`` (rows as dicts), ``_relevance(row)`` (its full-text
    score, higher is better) and ``_dyad_sql(n, x, y)``."""

    dialect: ClassVar[Dialect]
    _LIST: ClassVar[str]  # SELECT … FROM articles a
    _EXCLUDE: ClassVar[str]  # SELECT … FROM articles a WHERE a.rid NOT IN (<articles matching one parameter>)
    _row = staticmethod(article_row)
    _dicts: Callable[..., list[dict]]
    _relevance: Callable[[Any], float]
    _dyad_sql: Callable[[int, list[str], list[str]], str]
    db: Any
    _lock: Any

    def _reading(self) -> contextlib.AbstractContextManager:
        """Held around a read on the shared connection (PostgreSQL: the store's lock; SQLite: nothing)."""
        return contextlib.nullcontext()

    def known_raw(self, raw_sha1: str) -> str | None:
        with self._lock:
            row = self.db.execute(f"SELECT article_id FROM sources WHERE raw_sha1 = {self.dialect.p}",
                                  (raw_sha1,)).fetchone()
        return row[0] if row else None

    def get(self, article_id: str) -> Analysis | None:
        rid = self.resolve_id(article_id)
        if not rid:
            return None
        with self._reading():
            r = self.db.execute(f"SELECT analysis FROM articles WHERE id = {self.dialect.p}", (rid,)).fetchone()
        return Analysis.from_dict(json.loads(r[0])) if r else None

    def resolve_id(self, prefix: str) -> str | None:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,16}", prefix):
            return None
        p = self.dialect.p
        with self._reading():  # a range on the unique index (SQLite's LIKE is case-blind: it scans the table)
            rows = self.db.execute(f"SELECT id FROM articles WHERE id >= {p} AND id < {p} ORDER BY id LIMIT 2",
                                   (prefix, prefix + "\uffff")).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def count(self) -> int:
        with self._reading():
            return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def entity_summary(self, entity_id: str, limit: int = 30) -> dict | None:
        """An entity without reading all its articles: its row, spelling variants, the number of
        articles naming it (``n_articles``) and the newest ``limit`` of them (``articles``)."""
        p = self.dialect.p
        rows = self._dicts(f"SELECT * FROM entities WHERE id = {p}", (entity_id,))
        if not rows:
            return None
        d = rows[0]
        d["variants"] = spellings(self._dicts(f"SELECT text, count(*) AS n FROM mentions WHERE entity_id = {p}"
                                               " GROUP BY text", (entity_id,)))
        d["n_articles"] = int(self._dicts(f"SELECT count(DISTINCT rid) AS n FROM mentions WHERE entity_id = {p}",
                                          (entity_id,))[0]["n"])
        d["articles"] = self.list(limit=limit, actors=[[entity_id]]) if limit > 0 else []
        return d

    def find_entities(self, name: str) -> list[str]:
        """Entity ids whose stored name or a mention text equals ``name`` (search form)."""
        from ..text.textnorm import normalize

        n = normalize(name)
        p = self.dialect.p
        with self._reading():
            ids = [r[0] for r in self.db.execute(f"SELECT id FROM entities WHERE id = {p} OR lower(en) = {p}",
                                                 (name, name.lower()))]
            if not ids:
                ids = [r[0] for r in self.db.execute("SELECT DISTINCT entity_id, text FROM mentions")
                       if normalize(r[1]) == n]
        return list(dict.fromkeys(ids))

    def _filters(self, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[list[str]] | None = None, probe: bool = False,
                 facets: Facets | None = None) -> tuple[str, list]:
        return self.dialect.filters(outlet, date_from, date_to, actors, probe, facets)

    def _tiered(self, fetch: Callable[[int | None], list], k: int, top: int | None = None) -> tuple[list, int | None]:
        """``fetch(lo)``: the best ``k`` matches among the articles with rid > ``lo`` (None: all). The
        newest ``search_tier`` articles are ranked first; the window widens ×4 while it holds fewer
        than ``k`` matches, so a frequent word costs a bounded number of scores in a large store.
        Returns the rows and the window's ``lo`` (a second pass of the same search stays in it).
        ``top``: the highest rid that can match (default: the store's)."""
        if top is None:
            top = int(self._dicts("SELECT coalesce(max(rid), 0) AS n FROM articles")[0]["n"])
        window = self.search_tier
        while True:
            lo = top - window if window < top else None
            rows = fetch(lo)
            if lo is None or len(rows) >= k:
                return rows, lo
            window *= 4

    def _probe_actors(self, actors: list[list[str]] | None, rows: int) -> bool:
        """Whether a listing of ``rows`` articles filtered by actors should scan the listing order and
        probe each article (about ``rows × N / n`` probes for an actor in ``n`` of ``N`` articles) rather
        than collect and sort the actors' ``n`` articles: true when every group is frequent (n² > N × rows)."""
        if not actors:
            return False
        total = int(self._dicts("SELECT count(*) AS n FROM articles")[0]["n"])
        for ids in actors:
            n = int(self._dicts(f"SELECT count(*) AS n FROM mentions WHERE entity_id IN ({self.dialect.ph(ids)})",
                                list(ids))[0]["n"]) if ids else 0
            if n * n <= total * rows:
                return False
        return True

    def list(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
             date_from: str | None = None, date_to: str | None = None,
             actors: list[list[str]] | None = None, facets: Facets | None = None) -> list[ArticleRow]:
        p = self.dialect.p
        probe = self._probe_actors(actors, limit + offset)
        where, args = self._filters(outlet, date_from, date_to, actors, probe, facets)
        order = " ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid"
        # the page's rows are chosen on the narrow index columns; only they are then read whole
        page = "SELECT a.rid FROM articles a" + (f" WHERE {where}" if where else "") + order + f" LIMIT {p} OFFSET {p}"
        sql = self._LIST + f" WHERE a.rid IN ({page})" + order
        return [self._row(r) for r in self._dicts(sql, [*args, limit, offset])]

    def _listing(self, limit: int, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[list[str]] | None, exclude: str | None,
                 facets: Facets | None = None) -> list[ArticleRow]:
        if exclude is None:
            return self.list(limit=limit, outlet=outlet, date_from=date_from, date_to=date_to, actors=actors,
                             facets=facets)
        where, args = self._filters(outlet, date_from, date_to, actors, facets=facets)
        sql = (self._EXCLUDE + (f" AND {where}" if where else "")
               + f" ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid LIMIT {self.dialect.p}")
        return [self._row(r) for r in self._dicts(sql, [exclude, *args, limit])]

    def _lead(self, row: ArticleRow) -> tuple[str, list[tuple[int, int]]]:
        """The article's lead, as the snippet of a hit found without words."""
        r = self._dicts(f"SELECT text, title FROM articles WHERE id = {self.dialect.p}", (row.id,))[0]
        body = len(r["title"]) if r["title"] else 0
        return _one_line(r["text"][body : body + 220]), []

    def _lookup(self) -> FormLookup | None:
        """The word-form lookup of this search (None: analyse everything, e.g. an older read-only store)."""
        if not getattr(self, "use_forms", True) or not self._has_forms():
            return None
        lookup = getattr(self, "_form_lookup", None)
        if lookup is None:
            p = self.dialect.p

            def fetch(words: list[str]) -> list[tuple[str, str, str]]:
                sql = f"SELECT word, stem, lemma FROM word_forms WHERE word IN ({', '.join([p] * len(words))})"
                return [(r["word"], r["stem"], r["lemma"]) for r in self._dicts(sql, words)]

            def written(stems: list[str], lemmas: list[str]) -> list[tuple[str, str, str]]:
                sql = (f"SELECT word, stem, lemma FROM word_forms WHERE stem IN ({', '.join([p] * len(stems))})"
                       f" OR lemma IN ({', '.join([p] * len(lemmas))})")
                return [(r["word"], r["stem"], r["lemma"]) for r in self._dicts(sql, [*stems, *lemmas])]
            lookup = self._form_lookup = FormLookup(fetch, written)
        return lookup

    def _has_forms(self) -> bool:
        return True

    def _ranked(self, rows: list, seq: list[tuple[str, str]], terms: tuple, limit: int) -> list[SearchHit]:
        """Full-text score (scaled to 0..1 among the candidates) + 2 for the exact phrase + 0..1 for proximity."""
        top = max((self._relevance(r) for r in rows), default=0.0) or 1.0
        scored = []
        for r in rows:
            best = (False, 0.0)
            for st, lm in ((r["f_ts"], r["f_tl"]), (r["f_bs"], r["f_bl"])):
                best = max(best, proximity((st or "").split(), (lm or "").split(), seq))
            scored.append((self._relevance(r) / top + (2.0 if best[0] else 0.0) + best[1], r))
        scored.sort(key=lambda x: (-x[0], x[1]["rid"]))
        groups = [[tok] for term in terms for tok in term.tokens]
        lookup = self._lookup()
        find = lookup.surfaces(groups) if lookup is not None else None
        sents = {r["rid"]: [s for s in split_sentences(r["text"]) if find is None or find.search(r["text"], s.start, s.end)]
                 for _, r in scored[:limit]}
        if lookup is not None:  # every word of the sentences a snippet may come from, in one lookup
            lookup.prime([r["text"][s.start : s.end] for _, r in scored[:limit] for s in sents[r["rid"]]])
        hits = []
        for score, r in scored[:limit]:
            snippet, spans = make_snippet(r["text"], groups, r["title"], sentences=sents[r["rid"]],
                                          tokenize=lookup.tokenize if lookup is not None else tokenize)
            hits.append(SearchHit(self._row(r), round(score, 4), snippet, spans))
        return hits

    def quotes(self, speakers: list[str] | None = None, limit: int = 50, date_from: str | None = None,
               date_to: str | None = None, unnamed: bool | None = None) -> list[dict]:
        d = self.dialect
        sql, args = _QUOTES + d.true, []
        if speakers:
            sql += f" AND q.speaker IN ({d.ph(speakers)})"
            args += speakers
        if unnamed is not None:
            sql += f" AND q.unnamed = {d.p}"
            args.append(int(unnamed))
        dsql, dargs = d.date_range("a.sort_date", date_from, date_to)
        sql += dsql + f" ORDER BY a.sort_date IS NULL, a.sort_date DESC, q.rid, q.start LIMIT {d.p}"
        return self._dicts(sql, [*args, *dargs, limit])

    def events(self, actors: list[str] | None = None, recipients: list[str] | None = None, plover: str | None = None,
               mode: str | None = None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 100, min_confidence: float = 0.0) -> list[dict]:
        """Events (deduplicated across sentences and articles) with mention and article counts;
        ``min_confidence`` keeps events whose estimated probability of being right is at least that."""
        d = self.dialect
        sql, args = _EVENTS + d.true + _NOT_A_COPY, []
        for col, vals in (("actor", actors), ("recipient", recipients)):
            if vals:
                sql += f" AND e.{col} IN ({d.ph(vals)})"
                args += vals
        if plover:
            sql += f" AND e.plover = {d.p}"
            args.append(plover.upper())
        if mode:
            sql += f" AND e.mode = {d.p}"
            args.append(mode)
        if min_confidence > 0:
            sql += f" AND coalesce(e.confidence, 0) >= {d.p}"
            args.append(min_confidence)
        dsql, dargs = d.date_range("e.date", date_from, date_to)
        order = " ORDER BY e.date IS NULL, e.date DESC, e.id"
        # the page's events are chosen on the events table (an index on the listing order; an event
        # counts if one of its mentions is not in a copy), and only they are aggregated
        head = "SELECT e.id FROM events e WHERE " + d.true
        page = (head + sql[len(_EVENTS + d.true + _NOT_A_COPY):] + dsql
                + " AND EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.rid = m.rid"
                + " WHERE m.event_id = e.id" + _NOT_A_COPY + ")" + order + f" LIMIT {d.p}")
        sql = _EVENTS + d.true + _NOT_A_COPY + f" AND e.id IN ({page})" + " GROUP BY e.id" + order
        return self._dicts(sql, [*args, *dargs, limit])

    def with_event_type(self, article_ids: list[str], plover: str, min_confidence: float = 0.0) -> set[str]:
        """Those of ``article_ids`` that report an event of this PLOVER type (at least that confidence)."""
        if not article_ids:
            return set()
        # the same predicate search and listings filter on (Facets)
        where, args = self._filters(None, None, None, facets=Facets(plover, min_confidence))
        return {r["id"] for r in self._dicts(
            f"SELECT a.id FROM articles a WHERE a.id IN ({self.dialect.ph(article_ids)}) AND {where}",
            [*article_ids, *args])}

    def top_dyads(self, limit: int = 10, actors: list[str] | None = None, min_confidence: float = 0.0) -> list[dict]:
        """Pairs of actors with the most events between them, either direction (``a`` < ``b``):
        {a, b, events, asserted}; ``actors``: only pairs with one of these on either side."""
        d = self.dialect
        sql = ("SELECT CASE WHEN actor < recipient THEN actor ELSE recipient END AS a,"
               " CASE WHEN actor < recipient THEN recipient ELSE actor END AS b, count(*) AS events,"
               " sum(CASE WHEN mode IN ('asserted','future') THEN 1 ELSE 0 END) AS asserted FROM events"
               f" WHERE recipient IS NOT NULL AND actor <> recipient AND coalesce(confidence, 0) >= {d.p}")
        args: list = [min_confidence]
        if actors:
            sql += f" AND (actor IN ({d.ph(actors)}) OR recipient IN ({d.ph(actors)}))"
            args += [*actors, *actors]
        sql += f" GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT {d.p}"
        return self._dicts(sql, [*args, limit])

    def dyad(self, a: list[str], b: list[str], by: str = "month", min_confidence: float = 0.0) -> list[dict]:
        """Cooperation ↔ conflict per period for a→b and b→a: asserted (and future) events only;
        negated, proposed and hypothetical events are counted apart, never as asserted."""
        n = 7 if by == "month" else 4 if by == "year" else 10
        out = []
        for direction, (x, y) in (("→", (a, b)), ("←", (b, a))):
            for d in self._dicts(self._dyad_sql(n, x, y), [*x, *y, min_confidence]):
                d["direction"] = direction
                d["goldstein_mean"] = round(d["goldstein_sum"] / d["asserted"], 2) if d["asserted"] else None
                out.append(d)
        return out


# ---------------------------------------------------------------------- snippets
def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def make_snippet(text: str, groups: list[list[tuple[str, str]]], title: str | None, width: int = 220,
                 tokenize: Callable[..., list] = tokenize,
                 sentences: list | None = None) -> tuple[str, list[tuple[int, int]]]:
    """The sentence that best shows the query (phrase, words matched, proximity; the body before the
    title), cut to ``width`` around its first match, with the matched words' spans. ``sentences``:
    the only sentences that can hold a match, when the caller knows (default: all of them)."""
    stems = {s for g in groups for s, _ in g}
    lemmas = {lm for g in groups for _, lm in g}
    seq = [tok for g in groups for tok in g]
    best = None
    body_start = len(title) if title else 0
    for s in split_sentences(text) if sentences is None else sentences:
        toks = tokenize(text, s.start, s.end)
        spans = [(t.start, t.end) for t in toks if t.kind != "punct" and (t.stem in stems or t.lemma in lemmas)]
        matched = {t.stem for t in toks if t.stem in stems} | {t.lemma for t in toks if t.lemma in lemmas}
        words = [t for t in toks if t.kind != "punct"]
        phrase, near = proximity([t.stem or t.norm for t in words], [t.lemma or t.norm for t in words], seq)
        score = (phrase, len(matched), near, len(spans), s.start >= body_start)
        if spans and (best is None or score > best[0]):
            best = (score, s, spans)
    if best is None:
        return _one_line(text[body_start : body_start + width]), []
    _, s, spans = best
    start, end = s.start, s.end
    if end - start > width:
        centre = spans[0][0]
        start = max(s.start, centre - width // 3)
        end = min(s.end, start + width)
    snippet = text[start:end]
    if start > s.start:
        snippet = "…" + snippet
    if end < s.end:
        snippet += "…"
    return _one_line(snippet), [(a, b) for a, b in spans if a >= start and b <= end]


__all__ = ["HIT_COLUMNS", "Dialect", "SQLReads", "article_row", "article_values", "entity_rows", "event_mention_rows",
           "event_values", "FormLookup", "make_snippet", "mention_rows", "analysis_json", "quote_rows", "sort_date"]


# ---------------------------------------------------------------------- stories
# The story tables: one row per article (its story, the copy it is, its signature for later
# decisions) and one per story (its thread, dates, size). SQLite creates them with CREATE IF NOT
# EXISTS; PostgreSQL in migration 4. ``story_summaries`` keeps each story's summary computed when it
# was placed (khabar.stories.digest), under the key of the articles it was computed from (migration 8).
STORY_ARTICLE_COLS = ("article_id", "story_id", "seq", "dup_of", "dup_kind", "score", "date", "outlet",
                      "title_words", "body_hash", "minhash", "shingles", "embedding", "actors", "lead", "date_hint",
                      "pair_terms")
STORY_COLS = ("id", "thread_id", "linked_to", "link_score", "first_date", "last_date", "size", "originals",
              "outlets")
SUMMARY_COLS = ("story_id", "key", "summary")


def _upsert(table: str, cols: tuple[str, ...], p: str) -> str:
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
    return (f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join([p] * len(cols))})"
            f" ON CONFLICT({cols[0]}) DO UPDATE SET {sets}")


class StoryReads:
    """Story reads and writes, written once for both SQL stores. A backend provides ``_dicts`` and
    ``_write(statements)`` (each (sql, rows) run with executemany, all in one transaction)."""

    dialect: ClassVar[Dialect]
    _dicts: Callable[..., list[dict]]
    _write: Callable[[list[tuple[str, list[tuple]]]], None]

    def save_stories(self, articles: list[dict], stories: list[dict], embeddings: dict[str, bytes] | None = None,
                     dates: dict[str, tuple[str | None, str | None]] | None = None) -> None:
        """Record story assignments (``STORY_ARTICLE_COLS``) and the stories they changed (``STORY_COLS``);
        ``embeddings``: lead embeddings computed later for articles already recorded (article id → blob);
        ``dates``: story-derived dates (article id → (date, its evidence); (None, None) forgets one)."""
        p = self.dialect.p
        self._write([
            (_upsert("story_articles", STORY_ARTICLE_COLS, p), [tuple(r.get(c) for c in STORY_ARTICLE_COLS)
                                                                for r in articles]),
            (_upsert("stories", STORY_COLS, p), [tuple(r.get(c) for c in STORY_COLS) for r in stories]),
            (f"UPDATE story_articles SET embedding = {p} WHERE article_id = {p}",
             [(blob, aid) for aid, blob in (embeddings or {}).items()]),
            (f"UPDATE story_articles SET story_date = {p}, story_date_note = {p} WHERE article_id = {p}",
             [(d, note, aid) for aid, (d, note) in (dates or {}).items()]),
        ])

    def clear_stories(self) -> None:
        self._write([("DELETE FROM story_articles", [()]), ("DELETE FROM stories", [()]),
                     *([("DELETE FROM story_summaries", [()])] if self._has_summaries() else [])])

    def _has_summaries(self) -> bool:
        """Whether the store has the ``story_summaries`` table (a read-only SQLite store written before
        it has not: then no summary is kept and every one is computed by the reader)."""
        return True

    def save_summaries(self, rows: list[dict]) -> None:
        """Keep story summaries: {story_id, key, summary} (JSON text), replacing a story's earlier one."""
        self._write([(_upsert("story_summaries", SUMMARY_COLS, self.dialect.p),
                      [tuple(r[c] for c in SUMMARY_COLS) for r in rows])])

    def summary_keys(self, story_ids: list[str]) -> dict[str, str]:
        """story id → the key of its kept summary, for those of ``story_ids`` that have one."""
        if not story_ids or not self._has_summaries():
            return {}
        return {r["story_id"]: r["key"] for r in self._dicts(
            f"SELECT story_id, key FROM story_summaries WHERE story_id IN ({self.dialect.ph(story_ids)})",
            list(story_ids))}

    def story_summary(self, story_id: str) -> dict | None:
        """A story's kept summary, {key, summary} (the caller checks the key), or None."""
        if not self._has_summaries():
            return None
        rows = self._dicts(f"SELECT key, summary FROM story_summaries WHERE story_id = {self.dialect.p}", (story_id,))
        return rows[0] if rows else None

    def story_state(self) -> tuple[list[dict], list[dict]]:
        """Every story article row (in assignment order) and every story row: what a writer loads."""
        return (self._dicts("SELECT * FROM story_articles ORDER BY seq"),
                self._dicts("SELECT * FROM stories ORDER BY id"))

    def unassigned(self) -> list[str]:
        """Ids of stored articles without a story (written before stories existed), in storage order."""
        return [r["id"] for r in self._dicts(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id"
            " WHERE s.article_id IS NULL ORDER BY a.rid")]

    def stories(self, date_from: str | None = None, date_to: str | None = None, actors: list[str] | None = None,
                outlet: str | None = None, min_size: int = 2, limit: int = 50) -> list[dict]:
        """Stories (newest first) with their first article's title; ``min_size``: original articles (a
        copy is not counted again); ``actors``: an article of the story mentions one of these entity
        ids; ``outlet``: an article of the story is from it."""
        d = self.dialect
        sql = f"SELECT s.id FROM stories s WHERE s.originals >= {d.p}"  # the page's ids first, then their rows
        args: list = [min_size]
        dsql, dargs = d.date_range("s.last_date", date_from, None)
        sql, args = sql + dsql, args + dargs
        if date_to:
            sql += f" AND s.first_date <= {d.p}"
            args.append(date_to + "\uffff")
        if outlet:
            sql += (f" AND EXISTS (SELECT 1 FROM story_articles x WHERE x.story_id = s.id AND x.outlet = {d.p})")
            args.append(outlet)
        if actors:
            # one pass over the actors' mentions (indexed by entity), not one per story
            sql += (" AND s.id IN (SELECT x.story_id FROM mentions m JOIN articles y ON y.rid = m.rid"
                    f" JOIN story_articles x ON x.article_id = y.id WHERE m.entity_id IN ({d.ph(actors)}))")
            args += actors
        order = " ORDER BY s.last_date IS NULL, s.last_date DESC, s.originals DESC, s.id"
        # a story no article dates shows its first article's story-derived date (``story_date``)
        sql = ("SELECT s.*, a.title, a.id AS first_article, x.story_date FROM stories s JOIN articles a ON a.id = s.id"
               f" LEFT JOIN story_articles x ON x.article_id = s.id WHERE s.id IN ({sql}{order} LIMIT {d.p}){order}")
        return self._dicts(sql, [*args, limit])

    def story(self, story_id: str) -> dict | None:
        """A story: its row, its articles (with outlet, date, title, and the copy each is) and the
        stories of its thread (dated ones in date order). ``story_id`` may be an article id or a prefix."""
        p = self.dialect.p
        sid = self._story_key(story_id)
        if sid is None:
            return None
        story = self._dicts(f"SELECT * FROM stories WHERE id = {p}", (sid,))[0]
        story["articles"] = self.story_articles([sid])[sid]
        # a story without a dated article is placed by its first article's story-derived date
        story["thread"] = self._dicts(
            "SELECT s.*, a.title, x.story_date, x.story_date_note FROM stories s JOIN articles a ON a.id = s.id"
            " LEFT JOIN story_articles x ON x.article_id = s.id"
            f" WHERE s.thread_id = {p} ORDER BY COALESCE(s.first_date, x.story_date) IS NULL,"
            " COALESCE(s.first_date, x.story_date), s.id", (story["thread_id"],))
        return story

    def story_articles(self, story_ids: list[str]) -> dict[str, list[dict]]:
        """Each story's articles (outlet, date, title, the copy each is), by outlet then date; one query."""
        out: dict[str, list[dict]] = {sid: [] for sid in story_ids}
        if not story_ids:
            return out
        for r in self._dicts(
            "SELECT s.story_id, s.article_id, s.dup_of, s.dup_kind, s.score, a.title, a.outlet, a.outlet_name,"
            " a.published, a.precision, a.url, s.story_date, s.story_date_note FROM story_articles s"
            " JOIN articles a ON a.id = s.article_id"
            f" WHERE s.story_id IN ({self.dialect.ph(story_ids)}) ORDER BY a.outlet, a.sort_date, s.seq",
                list(story_ids)):
            out[r.pop("story_id")].append(r)
        return out

    def event_pairs(self, article_ids: list[str], min_confidence: float = 0.0) -> dict[tuple[str, str], int]:
        """Pairs of actors (sorted) with the number of (event, article) reports between them, either
        direction, in these articles: what each article's analysis says, counted from the events table."""
        if not article_ids:
            return {}
        d = self.dialect
        rows = self._dicts(
            "SELECT CASE WHEN e.actor < e.recipient THEN e.actor ELSE e.recipient END AS a,"
            " CASE WHEN e.actor < e.recipient THEN e.recipient ELSE e.actor END AS b, count(*) AS n FROM"
            " (SELECT DISTINCT m.event_id, m.rid FROM event_mentions m JOIN articles x ON x.rid = m.rid"
            f" WHERE x.id IN ({d.ph(article_ids)})) r JOIN events e ON e.id = r.event_id"
            f" WHERE e.recipient IS NOT NULL AND e.actor <> e.recipient AND coalesce(e.confidence, 0) >= {d.p}"
            " GROUP BY 1, 2", [*article_ids, min_confidence])
        return {(r["a"], r["b"]): int(r["n"]) for r in rows}

    def _story_key(self, key: str) -> str | None:
        """The story named by ``key``: a story id, an article id, or an unambiguous prefix of either
        (looked up on the indexes: exact ids first, then each column's prefix range)."""
        p = self.dialect.p
        rows = self._dicts(f"SELECT story_id FROM story_articles WHERE article_id = {p}"
                           f" UNION SELECT id AS story_id FROM stories WHERE id = {p}", (key, key))
        if not rows and key:
            end = key + "\uffff"
            rows = self._dicts(
                f"SELECT story_id FROM (SELECT story_id FROM story_articles WHERE article_id >= {p} AND article_id < {p}"
                f" LIMIT 2) x UNION SELECT story_id FROM (SELECT id AS story_id FROM stories WHERE id >= {p}"
                f" AND id < {p} LIMIT 2) y", (key, end, key, end))
        ids = {r["story_id"] for r in rows}
        return ids.pop() if len(ids) == 1 else None

    def copies_of(self, article_ids: list[str]) -> dict[str, list[str]]:
        """For each of ``article_ids``: the article it copies (the canonical, itself when it is no copy)
        and that canonical's copies; returns canonical id → its copies' ids (in assignment order)."""
        if not article_ids:
            return {}
        p = self.dialect.ph(article_ids)
        rows = self._dicts(
            "SELECT c.article_id, c.dup_of FROM story_articles c WHERE c.dup_of IN"
            f" (SELECT COALESCE(s.dup_of, s.article_id) FROM story_articles s WHERE s.article_id IN ({p}))"
            " ORDER BY c.seq", list(article_ids))
        out: dict[str, list[str]] = {}
        for r in rows:
            out.setdefault(r["dup_of"], []).append(r["article_id"])
        return out

    def story_of(self, article_id: str) -> dict | None:
        """The story row of one article (its story id, the copy it is), or None."""
        rows = self._dicts(f"SELECT * FROM story_articles WHERE article_id = {self.dialect.p}", (article_id,))
        return rows[0] if rows else None

    def story_map(self) -> dict[str, dict]:
        """article id → its story id, thread id and the article it copies (for exports)."""
        return {r["article_id"]: r for r in self._dicts(
            "SELECT s.article_id, s.story_id, t.thread_id, s.dup_of FROM story_articles s"
            " LEFT JOIN stories t ON t.id = s.story_id")}

    def copies(self) -> set[str]:
        """Ids of the articles recorded as copies of another (exact or near)."""
        return {r["article_id"] for r in self._dicts("SELECT article_id FROM story_articles WHERE dup_of IS NOT NULL")}
