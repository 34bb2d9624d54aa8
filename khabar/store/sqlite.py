"""SQLite store: one file, WAL journal, FTS5 over normalised + stemmed + lemmatised text.

The full-text index holds, per article, the Snowball stems and the simplemma lemmas of the
title and body tokens (after our normalisation and clitic splitting), so a query for
«الدرع الصاروخي» finds «الدرع الصاروخية», and «صاروخ» finds «والصواريخ» (lemma). Snippets are
cut from the display text at the sentence whose tokens matched, with highlight spans.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..model import Analysis
from .base import Facets, IndexFields, SearchHit, StoreError, StoreNotFound, index_fields
from .common import (
    HIT_COLUMNS,
    SEARCH_TIER,
    Dialect,
    SQLReads,
    StoryReads,
    analysis_json,
    article_values,
    entity_rows,
    event_mention_rows,
    event_values,
    mention_rows,
    quote_rows,
    spellings,
)
from .query import Term, compile_query
from .query import _term_fts as _fts_term

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT,
    outlet_name TEXT,
    url TEXT,
    published TEXT,
    precision TEXT,
    sort_date TEXT,
    dateline TEXT,
    agencies TEXT,
    language TEXT,
    source_path TEXT,
    raw_sha1 TEXT,
    text TEXT NOT NULL,
    analysis TEXT NOT NULL,
    ingested_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX IF NOT EXISTS articles_sort_date ON articles(sort_date);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE INDEX IF NOT EXISTS articles_listing ON articles(sort_date IS NULL, sort_date DESC, rid);
CREATE TABLE IF NOT EXISTS sources (
    raw_sha1 TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    source_path TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title_stems, title_lemmas, body_stems, body_lemmas,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS word_forms (word TEXT PRIMARY KEY, stem TEXT NOT NULL, lemma TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS word_forms_stem ON word_forms(stem);
CREATE INDEX IF NOT EXISTS word_forms_lemma ON word_forms(lemma);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT,
    type TEXT,
    en TEXT,
    country TEXT,
    sector TEXT,
    kb INTEGER
);
CREATE TABLE IF NOT EXISTS mentions (
    rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT,
    method TEXT,
    text TEXT
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_entity_forms ON mentions(entity_id, rid, text);
CREATE INDEX IF NOT EXISTS mentions_rid_entity ON mentions(rid, entity_id);
CREATE TABLE IF NOT EXISTS quotes (
    rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT,
    speaker TEXT,
    speaker_text TEXT,
    verb TEXT,
    unnamed INTEGER,
    source TEXT,
    source_country TEXT,
    text TEXT
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    plover TEXT, cameo TEXT, goldstein REAL, mode TEXT,
    actor TEXT, recipient TEXT, actor_country TEXT, actor_sector TEXT,
    recipient_country TEXT, recipient_sector TEXT,
    date TEXT, location TEXT, context TEXT, confidence REAL, method TEXT
);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id TEXT NOT NULL,
    rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
    start INTEGER, "end" INTEGER, trigger TEXT, reported_by TEXT, text TEXT
);
CREATE INDEX IF NOT EXISTS events_actor ON events(actor);
CREATE INDEX IF NOT EXISTS events_recipient ON events(recipient);
CREATE INDEX IF NOT EXISTS events_listing ON events(date IS NULL, date DESC, id);
-- an actor's (a recipient's) newest events walked in order: the actor page lists 20 of thousands
CREATE INDEX IF NOT EXISTS events_actor_listing ON events(actor, date IS NULL, date DESC, id);
CREATE INDEX IF NOT EXISTS events_recipient_listing ON events(recipient, date IS NULL, date DESC, id);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);
CREATE INDEX IF NOT EXISTS event_mentions_rid ON event_mentions(rid, event_id);
CREATE INDEX IF NOT EXISTS mentions_rid ON mentions(rid);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL, seq INTEGER NOT NULL, dup_of TEXT, dup_kind TEXT,
    score REAL, date TEXT, outlet TEXT, title_words TEXT, body_hash TEXT, minhash BLOB, shingles BLOB,
    embedding BLOB, actors TEXT, lead TEXT, date_hint TEXT, story_date TEXT, story_date_note TEXT, pair_terms TEXT
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story_id);
CREATE INDEX IF NOT EXISTS story_articles_dup ON story_articles(dup_of);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, linked_to TEXT, link_score REAL, first_date TEXT,
    last_date TEXT, size INTEGER NOT NULL, originals INTEGER NOT NULL, outlets INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_thread ON stories(thread_id);
CREATE INDEX IF NOT EXISTS stories_last_date ON stories(last_date);
CREATE INDEX IF NOT EXISTS stories_listing ON stories(last_date IS NULL, last_date DESC, originals DESC, id);
CREATE TABLE IF NOT EXISTS story_summaries (story_id TEXT PRIMARY KEY, key TEXT NOT NULL, summary TEXT NOT NULL);
"""

# bm25 column weights: title terms count more than body terms.
_BM25 = "bm25(articles_fts, 3.0, 3.0, 1.0, 1.0)"


_SQLITE = Dialect("?", "?", "1=1")


# Seconds a writer waits for another writer's transaction (an overlapping ingest) before giving up.
BUSY_TIMEOUT_S = 120.0


def _connect_ro(path: str) -> sqlite3.Connection:
    """A read-only connection; on read-only media (no -shm can be created) the file is read as immutable."""
    uri = Path(path).absolute().as_uri()
    try:
        db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        return sqlite3.connect(uri + "?immutable=1", uri=True, check_same_thread=False)


_INDEXES_SINCE_V7 = {"mentions_entity_forms", "mentions_rid_entity", "event_mentions_rid", "story_articles_dup",
                     "stories_listing"}  # listing and lookup indexes a store written before them gets when opened


def _needs_migration(db: sqlite3.Connection) -> bool:
    cols = {r[1] for r in db.execute("PRAGMA table_info(events)")}
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"confidence", "method"} <= cols or not {"stories", "story_articles"} <= tables:
        return True
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    if not _INDEXES_SINCE_V7 <= indexes:
        return True
    story_cols = {r[1] for r in db.execute("PRAGMA table_info(story_articles)")}
    return not {"lead", "date_hint", "story_date", "story_date_note", "pair_terms"} <= story_cols


class SQLiteStore(SQLReads, StoryReads):
    dialect = _SQLITE
    _LIST = ("SELECT a.*, json_extract(a.analysis, '$.article.published.confidence') AS date_confidence,"
             " json_extract(a.analysis, '$.article.published.method') AS date_method FROM articles a")
    _EXCLUDE = "SELECT * FROM articles a WHERE a.rid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"

    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path = path
        self.search_tier = SEARCH_TIER
        self.readonly = readonly
        self._lock = threading.Lock()
        try:
            self.db = self._open_ro() if readonly else self._open_rw()
        except (sqlite3.DatabaseError, OSError) as e:
            raise StoreError(f"cannot open store {path}: {e}") from None
        self.db.row_factory = sqlite3.Row

    def _open_rw(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # Two processes creating the same store at once: switching to WAL and creating the schema
        # can fail with "database is locked" without waiting for the busy timeout; retry until it.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        delay = 0.05
        while True:
            try:
                return self._setup_rw()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def _setup_rw(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            db.executescript(SCHEMA)
            cols = {r[1] for r in db.execute("PRAGMA table_info(events)")}
            for col, kind in (("confidence", "REAL"), ("method", "TEXT")):
                if col not in cols:  # a store written before event confidence existed
                    db.execute(f"ALTER TABLE events ADD COLUMN {col} {kind}")
            cols = {r[1] for r in db.execute("PRAGMA table_info(story_articles)")}
            for col in ("lead", "date_hint", "story_date", "story_date_note", "pair_terms"):
                if col not in cols:  # a store written before lazy embeddings, story-derived dates, pair terms
                    db.execute(f"ALTER TABLE story_articles ADD COLUMN {col} TEXT")
            db.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '1')")
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _open_ro(self) -> sqlite3.Connection:
        if self.path == ":memory:" or not Path(self.path).is_file():
            raise StoreNotFound(f"no store at {self.path} (create one with `khabar ingest … --db {self.path}`)")
        db = _connect_ro(self.path)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"articles", "articles_fts", "meta"} <= tables:
            db.close()
            raise StoreError(f"{self.path} is not a khabar store")
        if _needs_migration(db):  # written by an older khabar: upgrade it once, if we may write
            db.close()
            try:
                SQLiteStore(self.path).close()
            except (StoreError, OSError) as e:
                raise StoreError(f"{self.path} was written by an older khabar and cannot be upgraded: {e}") from None
            db = _connect_ro(self.path)
        return db

    # ------------------------------------------------------------------ writing
    def _insert(self, a: Analysis, fields: IndexFields | None = None) -> bool:
        art = a.article
        # the content id decides: an article another writer stored first is a duplicate, not an error
        c = self.db.execute(
            "INSERT INTO articles(id, title, outlet, outlet_name, url, published, precision, sort_date, dateline,"
            " agencies, language, source_path, raw_sha1, text, analysis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO NOTHING",
            (*article_values(art), art.text, analysis_json(a)),
        )
        if c.rowcount == 0:
            self._add_source(art.raw_sha1, art.id, art.source_path)
            return False
        rid = c.lastrowid
        for row in entity_rows(a):
            self.db.execute(
                "INSERT INTO entities(id, name, type, en, country, sector, kb) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO NOTHING",
                row,
            )
        for ev in a.events:
            self.db.execute(
                "INSERT INTO events(id, plover, cameo, goldstein, mode, actor, recipient, actor_country, actor_sector,"
                " recipient_country, recipient_sector, date, location, context, confidence, method)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET confidence = max(coalesce(events.confidence, 0), excluded.confidence)",
                event_values(ev),
            )
            self.db.executemany(
                'INSERT INTO event_mentions(event_id, rid, start, "end", trigger, reported_by, text) VALUES (?,?,?,?,?,?,?)',
                event_mention_rows(ev, rid, art.text),
            )
        self.db.executemany(
            'INSERT INTO quotes(rid, start, "end", kind, speaker, speaker_text, verb, unnamed, source, source_country, text)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            quote_rows(a, rid),
        )
        self.db.executemany(
            'INSERT INTO mentions(rid, entity_id, start, "end", type, method, text) VALUES (?,?,?,?,?,?,?)',
            mention_rows(a, rid),
        )
        f = fields or index_fields(a)
        ts, tl, bs, bl = f.columns
        self.db.execute(
            "INSERT INTO articles_fts(rowid, title_stems, title_lemmas, body_stems, body_lemmas) VALUES (?,?,?,?,?)",
            (rid, ts, tl, bs, bl),
        )
        self.db.executemany("INSERT OR IGNORE INTO word_forms(word, stem, lemma) VALUES (?,?,?)", f.forms)
        self._add_source(art.raw_sha1, art.id, art.source_path)
        return True

    def _add_source(self, raw_sha1: str | None, article_id: str, source_path: str | None) -> None:
        if raw_sha1:
            self.db.execute(
                "INSERT INTO sources(raw_sha1, article_id, source_path) VALUES (?,?,?) ON CONFLICT(raw_sha1) DO NOTHING",
                (raw_sha1, article_id, source_path),
            )

    def add(self, analysis: Analysis) -> bool:
        return self.add_many([analysis])[0]

    def add_many(self, analyses: list[Analysis], fields: list[IndexFields | None] | None = None) -> list[bool]:
        """Insert a batch in one transaction: all of it is committed, or none of it. The write lock
        is taken first (BEGIN IMMEDIATE), so a concurrent writer (an overlapping ingest of the same
        input) waits, then sees what was committed before it and counts those articles as duplicates."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        fields = fields or [None] * len(analyses)
        with self._lock:
            try:
                if not self.db.in_transaction:
                    self.db.execute("BEGIN IMMEDIATE")
                res = [self._insert(a, f) for a, f in zip(analyses, fields, strict=True)]
                self.db.commit()
                return res
            except BaseException:
                self.db.rollback()
                raise

    def _write(self, statements: list[tuple[str, list[tuple]]]) -> None:
        """Run each (sql, rows) with executemany, all in one transaction."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        with self._lock:
            try:
                if not self.db.in_transaction:
                    self.db.execute("BEGIN IMMEDIATE")
                for sql, rows in statements:
                    self.db.executemany(sql, rows)
                self.db.commit()
            except BaseException:
                self.db.rollback()
                raise

    # ------------------------------------------------------------------ reading
    def _dicts(self, sql: str, args: list | tuple = ()) -> list[dict]:
        return [dict(r) for r in self.db.execute(sql, args)]

    @staticmethod
    def _relevance(r: sqlite3.Row) -> float:
        return -float(r["score"])  # bm25: lower is better

    def iter_analyses(self) -> Iterator[Analysis]:
        cur = self.db.execute("SELECT analysis FROM articles ORDER BY rid")
        for (payload,) in cur:
            yield Analysis.from_dict(json.loads(payload))

    def search(self, query: str, limit: int = 20, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               actors: list[list[str]] | None = None, facets: Facets | None = None) -> list[SearchHit]:
        """Ranked full-text search (syntax: :mod:`khabar.store.query`); ``actors``: each inner list
        is a set of entity ids of which at least one must be mentioned (all lists must be satisfied).
        A query without words (or of exclusions only) lists the matching articles, newest first.
        Raises :class:`~khabar.store.query.QuerySyntaxError` (a ValueError) for a malformed query."""
        lookup = self._lookup()
        q = compile_query(query, lookup.tokenize) if lookup is not None else compile_query(query)
        if q.match is None:
            if not actors and q.exclude is None and not (facets and (facets.event_type or facets.story)):
                return []
            return [SearchHit(r, 0.0, *self._lead(r)) for r in
                    self._listing(limit, outlet, date_from, date_to, actors, q.exclude, facets)]
        where, args = self._filters(outlet, date_from, date_to, actors, facets=facets)
        seq = [t for term in q.terms for t in term.tokens]
        k = max(3 * limit, 60)
        span = self._date_rids(date_from, date_to)
        if span is None:
            return []
        found, lo = self._candidates(q.match, where, args, k, span)
        rows = {r["rid"]: r for r in found}
        if len(seq) > 1:  # articles holding the whole query as a phrase, however low bm25 ranks them (same window)
            # the phrase alone finds them (cheap on long posting lists); the query itself then checks
            # and scores them like the others (exclusions, columns and filters included)
            phrased = [r["rid"] for r in self._scored(_phrase_fts(seq), where, args, k, lo, span[1])]
            more = [rid for rid in phrased if rid not in rows]
            if more:
                w = f"a.rid IN ({','.join('?' * len(more))})" + (f" AND {where}" if where else "")
                rows.update({r["rid"]: r for r in self._scored(q.match, w, [*more, *args], k, lo, span[1])})
        return self._ranked(list(rows.values()), seq, q.terms, limit)

    def _has_summaries(self) -> bool:
        # a read-only store written before the table lacks it until a writer opens it (checked again then)
        if not getattr(self, "_summaries_table", False):
            self._summaries_table = bool(self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_summaries'").fetchone())
        return self._summaries_table

    def _has_forms(self) -> bool:
        if not hasattr(self, "_forms_table"):  # a read-only store written before the table existed lacks it
            self._forms_table = bool(self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'word_forms'").fetchone())
        return self._forms_table

    def _date_rids(self, date_from: str | None, date_to: str | None) -> tuple[int | None, int | None] | None:
        """(lowest rid − 1, highest rid) of the articles in a date range given at both ends (None: no
        article in it; (None, None): no bounded range). Read on the date index: the full-text query then
        skips the posting-list entries outside those rowids (articles are stored roughly in date order)."""
        if not (date_from and date_to):
            return None, None
        dsql, dargs = self.dialect.date_range("sort_date", date_from, date_to)
        lo, hi = self.db.execute(f"SELECT min(rid), max(rid) FROM articles WHERE 1=1{dsql}", dargs).fetchone()
        return None if lo is None else (lo - 1, hi)

    def _candidates(self, match: str, where: str, args: list, k: int,
                    span: tuple[int | None, int | None] = (None, None)) -> tuple[list[sqlite3.Row], int | None]:
        """The ``k`` best-scored articles matching ``match`` (and ``where``). In a store of more than
        :data:`SEARCH_TIER` articles the newest :data:`SEARCH_TIER` (by insertion) are ranked first, and
        the window widens (×4) only while it holds fewer than ``k`` matches: a frequent word costs a
        bounded number of bm25 scores, not one per matching article of the whole store."""
        low, high = span

        def fetch(lo: int | None) -> list[sqlite3.Row]:
            return self._scored(match, where, args, k, max(lo, low) if lo is not None and low is not None
                                else (low if lo is None else lo), high)
        return self._tiered(fetch, k, high)

    def _scored(self, match: str, where: str, args: list, k: int, lo: int | None,
                hi: int | None = None) -> list[sqlite3.Row]:
        # rank on rowids and scores alone; only the k kept are then read whole (text, index columns)
        bounds = [b for b in (lo, hi) if b is not None]
        cond = ((f" AND {where}" if where else "") + (" AND articles_fts.rowid > ?" if lo is not None else "")
                + (" AND articles_fts.rowid <= ?" if hi is not None else ""))
        join = " JOIN articles a ON a.rid = articles_fts.rowid" if where else ""
        sql = (
            f"SELECT {HIT_COLUMNS}, c.score, f.title_stems AS f_ts, f.title_lemmas AS f_tl, f.body_stems AS f_bs,"
            f" f.body_lemmas AS f_bl FROM (SELECT articles_fts.rowid AS rid, {_BM25} AS score FROM articles_fts{join}"
            f" WHERE articles_fts MATCH ?{cond} ORDER BY score LIMIT ?) c"
            " JOIN articles a ON a.rid = c.rid JOIN articles_fts f ON f.rowid = c.rid ORDER BY c.score"
        )
        try:
            return self.db.execute(sql, [match, *args, *bounds, k]).fetchall()
        except sqlite3.OperationalError as e:
            raise ValueError(f"bad search query: {e}") from None

    # ------------------------------------------------------------------ entities
    def top_entities(self, limit: int = 30, type_: str | None = None) -> list[dict]:
        # counted on the covering index (entity_id, rid, text) first, joined to the entities after
        sql = ("SELECT m.entity_id, e.name, e.en, e.type, e.country, e.sector, e.kb, m.n, m.docs FROM"
               " (SELECT entity_id, count(*) AS n, count(DISTINCT rid) AS docs FROM mentions GROUP BY entity_id) m"
               " LEFT JOIN entities e ON e.id = m.entity_id")
        args: list = []
        if type_:
            sql += " WHERE e.type = ?"
            args.append(type_.upper())
        sql += " ORDER BY m.docs DESC, m.n DESC, m.entity_id LIMIT ?"
        return [dict(r) for r in self.db.execute(sql, [*args, limit])]

    def entity(self, entity_id: str) -> dict | None:
        r = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if not r:
            return None
        d = dict(r)
        d["variants"] = spellings([dict(x) for x in self.db.execute(
            "SELECT text, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY text", (entity_id,))])
        d["articles"] = [self._row(x) for x in self.db.execute(
            "SELECT a.*, count(*) AS n FROM mentions m JOIN articles a ON a.rid = m.rid WHERE m.entity_id = ?"
            " GROUP BY a.rid ORDER BY a.sort_date IS NULL, a.sort_date DESC", (entity_id,))]
        return d

    @staticmethod
    def _dyad_sql(n: int, x: list[str], y: list[str]) -> str:
        return (f"SELECT substr(date, 1, {n}) AS period, count(*) AS events,"
                " sum(CASE WHEN mode IN ('asserted','future') THEN goldstein ELSE 0 END) AS goldstein_sum,"
                " sum(CASE WHEN mode IN ('asserted','future') THEN 1 ELSE 0 END) AS asserted,"
                " sum(CASE WHEN mode IN ('asserted','future') AND goldstein > 0 THEN 1 ELSE 0 END) AS cooperative,"
                " sum(CASE WHEN mode IN ('asserted','future') AND goldstein < 0 THEN 1 ELSE 0 END) AS conflictual,"
                " sum(CASE WHEN mode NOT IN ('asserted','future') THEN 1 ELSE 0 END) AS other_modes"
                f" FROM events WHERE actor IN ({','.join('?' * len(x))}) AND recipient IN ({','.join('?' * len(y))})"
                " AND date IS NOT NULL AND coalesce(confidence, 0) >= ? GROUP BY period ORDER BY period")

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------- query / snippets

def _phrase_fts(seq: list[tuple[str, str]]) -> str:
    return _fts_term(Term("", tuple(seq), phrase=True))
