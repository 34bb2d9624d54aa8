"""SQLite store: one file, WAL journal, FTS5 over normalised + stemmed + lemmatised text.

The full-text index holds, per article, the Snowball stems and the simplemma lemmas of the
title and body tokens (after our normalisation and clitic splitting), so a query for
«الدرع الصاروخي» finds «الدرع الصاروخية», and «صاروخ» finds «والصواريخ» (lemma). Snippets are
cut from the display text at the sentence whose tokens matched, with highlight spans.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ..model import Analysis
from ..text.tokenize import split_sentences, tokenize
from .base import ArticleRow, IndexFields, SearchHit, StoreError, StoreNotFound, index_fields
from .query import Term, compile_query, proximity
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
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);
CREATE INDEX IF NOT EXISTS mentions_rid ON mentions(rid);
"""

# bm25 column weights: title terms count more than body terms.
_BM25 = "bm25(articles_fts, 3.0, 3.0, 1.0, 1.0)"


def _date_range(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list]:
    """SQL for an inclusive date window on an ISO column of any precision («--to 2010» keeps 2010-11-03)."""
    sql, args = "", []
    if date_from:
        sql += f" AND {column} >= ?"
        args.append(date_from)
    if date_to:
        sql += f" AND substr({column}, 1, ?) <= ?"
        args += [len(date_to), date_to]
    return sql, args


def _sort_date(value: str | None, precision: str | None) -> str | None:
    if not value or value.startswith("X"):
        return None
    return value  # ISO strings compare correctly at any precision


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


def _needs_migration(db: sqlite3.Connection) -> bool:
    cols = {r[1] for r in db.execute("PRAGMA table_info(events)")}
    return not {"confidence", "method"} <= cols


class SQLiteStore:
    def __init__(self, path: str, readonly: bool = False) -> None:
        self.path = path
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
        pub = art.published
        payload = json.dumps(a.to_dict(tokens=False), ensure_ascii=False, separators=(",", ":"))
        # the content id decides: an article another writer stored first is a duplicate, not an error
        c = self.db.execute(
            "INSERT INTO articles(id, title, outlet, outlet_name, url, published, precision, sort_date, dateline,"
            " agencies, language, source_path, raw_sha1, text, analysis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT(id) DO NOTHING",
            (
                art.id, art.title, art.outlet, art.outlet_name, art.url,
                pub.value if pub else None, pub.precision if pub else None,
                _sort_date(pub.value if pub else None, pub.precision if pub else None),
                art.dateline, json.dumps(art.agencies), art.language, art.source_path, art.raw_sha1,
                art.text, payload,
            ),
        )
        if c.rowcount == 0:
            self._add_source(art.raw_sha1, art.id, art.source_path)
            return False
        rid = c.lastrowid
        for e in a.entities:
            self.db.execute(
                "INSERT INTO entities(id, name, type, en, country, sector, kb) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO NOTHING",
                (e.id, e.name, e.type, e.en, e.country, e.sector, int(e.kb)),
            )
        for ev in a.events:
            self.db.execute(
                "INSERT INTO events(id, plover, cameo, goldstein, mode, actor, recipient, actor_country, actor_sector,"
                " recipient_country, recipient_sector, date, location, context, confidence, method)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET confidence = max(coalesce(events.confidence, 0), excluded.confidence)",
                (ev.id, ev.plover, ev.cameo, ev.goldstein, ev.mode, ev.actor, ev.recipient, ev.actor_country,
                 ev.actor_sector, ev.recipient_country, ev.recipient_sector, ev.date, ev.location, ev.context,
                 ev.confidence, ev.method),
            )
            self.db.executemany(
                'INSERT INTO event_mentions(event_id, rid, start, "end", trigger, reported_by, text) VALUES (?,?,?,?,?,?,?)',
                [(ev.id, rid, m.start, m.end, m.text, ev.reported_by, art.text[m.start : m.end]) for m in ev.mentions],
            )
        self.db.executemany(
            'INSERT INTO quotes(rid, start, "end", kind, speaker, speaker_text, verb, unnamed, source, source_country, text)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(rid, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.verb, int(q.unnamed), q.source, q.source_country,
              art.text[q.start : q.end]) for q in a.quotes],
        )
        self.db.executemany(
            'INSERT INTO mentions(rid, entity_id, start, "end", type, method, text) VALUES (?,?,?,?,?,?,?)',
            [(rid, m.entity, m.start, m.end, m.type, m.method, m.text) for m in a.mentions if m.entity],
        )
        ts, tl, bs, bl = fields or index_fields(a)
        self.db.execute(
            "INSERT INTO articles_fts(rowid, title_stems, title_lemmas, body_stems, body_lemmas) VALUES (?,?,?,?,?)",
            (rid, ts, tl, bs, bl),
        )
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

    def known_raw(self, raw_sha1: str) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT article_id FROM sources WHERE raw_sha1 = ?", (raw_sha1,)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ reading
    def _row(self, r: sqlite3.Row) -> ArticleRow:
        return ArticleRow(
            id=r["id"], title=r["title"], outlet=r["outlet"], outlet_name=r["outlet_name"],
            published=r["published"], precision=r["precision"], dateline=r["dateline"],
            agencies=json.loads(r["agencies"] or "[]"), language=r["language"], url=r["url"],
            source_path=r["source_path"],
            date_confidence=r["date_confidence"] if "date_confidence" in r.keys() else None,
            date_method=r["date_method"] if "date_method" in r.keys() else None,
        )

    def get(self, article_id: str) -> Analysis | None:
        rid = self.resolve_id(article_id)
        if not rid:
            return None
        r = self.db.execute("SELECT analysis FROM articles WHERE id = ?", (rid,)).fetchone()
        return Analysis.from_dict(json.loads(r[0])) if r else None

    def resolve_id(self, prefix: str) -> str | None:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,16}", prefix):
            return None
        rows = self.db.execute("SELECT id FROM articles WHERE id LIKE ? LIMIT 2", (prefix + "%",)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def _filters(self, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[str] | None = None) -> tuple[str, list]:
        where, args = [], []
        for ids in actors or []:
            ph = ",".join("?" * len(ids))
            where.append(f"a.rid IN (SELECT rid FROM mentions WHERE entity_id IN ({ph}))")
            args += list(ids)
        if outlet:
            where.append("(a.outlet = ? OR lower(a.outlet_name) LIKE ?)")
            args += [outlet.lower(), f"%{outlet.lower()}%"]
        dsql, dargs = _date_range("a.sort_date", date_from, date_to)
        if dsql:
            where.append(dsql.removeprefix(" AND "))
            args += dargs
        return (" AND ".join(where), args)

    def list(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
             date_from: str | None = None, date_to: str | None = None,
             actors: list[list[str]] | None = None) -> list[ArticleRow]:
        where, args = self._filters(outlet, date_from, date_to, actors)
        sql = ("SELECT a.*, json_extract(a.analysis, '$.article.published.confidence') AS date_confidence,"
               " json_extract(a.analysis, '$.article.published.method') AS date_method FROM articles a")
        sql += f" WHERE {where}" if where else ""
        sql += " ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid LIMIT ? OFFSET ?"
        return [self._row(r) for r in self.db.execute(sql, [*args, limit, offset])]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def iter_analyses(self) -> Iterator[Analysis]:
        cur = self.db.execute("SELECT analysis FROM articles ORDER BY rid")
        for (payload,) in cur:
            yield Analysis.from_dict(json.loads(payload))

    def search(self, query: str, limit: int = 20, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               actors: list[list[str]] | None = None) -> list[SearchHit]:
        """Ranked full-text search (syntax: :mod:`khabar.store.query`); ``actors``: each inner list
        is a set of entity ids of which at least one must be mentioned (all lists must be satisfied).
        A query without words (or of exclusions only) lists the matching articles, newest first.
        Raises :class:`~khabar.store.query.QuerySyntaxError` (a ValueError) for a malformed query."""
        q = compile_query(query)
        if q.match is None:
            if not actors and q.exclude is None:
                return []
            return [SearchHit(r, 0.0, *make_snippet_for_actors(self, r)) for r in
                    self._listing(limit, outlet, date_from, date_to, actors, q.exclude)]
        where, args = self._filters(outlet, date_from, date_to, actors)
        seq = [t for term in q.terms for t in term.tokens]
        k = max(3 * limit, 60)
        rows = {r["rid"]: r for r in self._candidates(q.match, where, args, k)}
        if len(seq) > 1:  # articles holding the whole query as a phrase, however low bm25 ranks them
            phrased = [r["rid"] for r in self._candidates(f"({q.match}) AND {_phrase_fts(seq)}", where, args, k)]
            more = [rid for rid in phrased if rid not in rows]
            if more:  # scored by the query itself, like the others
                w = f"a.rid IN ({','.join('?' * len(more))})" + (f" AND {where}" if where else "")
                rows.update({r["rid"]: r for r in self._candidates(q.match, w, [*more, *args], k)})
        return self._ranked(list(rows.values()), seq, q.terms, limit)

    def _candidates(self, match: str, where: str, args: list, k: int) -> list[sqlite3.Row]:
        sql = (
            f"SELECT a.*, {_BM25} AS score, articles_fts.title_stems AS f_ts, articles_fts.title_lemmas AS f_tl,"
            " articles_fts.body_stems AS f_bs, articles_fts.body_lemmas AS f_bl"
            " FROM articles_fts JOIN articles a ON a.rid = articles_fts.rowid"
            " WHERE articles_fts MATCH ?" + (f" AND {where}" if where else "") + " ORDER BY score LIMIT ?"
        )
        try:
            return self.db.execute(sql, [match, *args, k]).fetchall()
        except sqlite3.OperationalError as e:
            raise ValueError(f"bad search query: {e}") from None

    def _ranked(self, rows: list[sqlite3.Row], seq: list[tuple[str, str]], terms: tuple, limit: int
                ) -> list[SearchHit]:
        """bm25 (scaled to 0..1 among the candidates) + 2 for the exact phrase + 0..1 for proximity."""
        top = max((-float(r["score"]) for r in rows), default=0.0) or 1.0
        scored = []
        for r in rows:
            best = (False, 0.0)
            for st, lm in ((r["f_ts"], r["f_tl"]), (r["f_bs"], r["f_bl"])):
                best = max(best, proximity((st or "").split(), (lm or "").split(), seq))
            score = -float(r["score"]) / top + (2.0 if best[0] else 0.0) + best[1]
            scored.append((score, r))
        scored.sort(key=lambda x: (-x[0], x[1]["rid"]))
        groups = [[tok] for term in terms for tok in term.tokens]
        hits = []
        for score, r in scored[:limit]:
            snippet, spans = make_snippet(r["text"], groups, r["title"])
            hits.append(SearchHit(self._row(r), round(score, 4), snippet, spans))
        return hits

    def _listing(self, limit: int, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[list[str]] | None, exclude: str | None) -> list[ArticleRow]:
        if exclude is None:
            return self.list(limit=limit, outlet=outlet, date_from=date_from, date_to=date_to, actors=actors)
        where, args = self._filters(outlet, date_from, date_to, actors)
        sql = ("SELECT * FROM articles a WHERE a.rid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
               + (f" AND {where}" if where else "") + " ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid LIMIT ?")
        return [self._row(r) for r in self.db.execute(sql, [exclude, *args, limit])]

    # ------------------------------------------------------------------ entities
    def top_entities(self, limit: int = 30, type_: str | None = None) -> list[dict]:
        sql = ("SELECT m.entity_id, e.name, e.en, e.type, e.country, e.sector, e.kb, count(*) AS n,"
               " count(DISTINCT m.rid) AS docs FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id")
        args: list = []
        if type_:
            sql += " WHERE e.type = ?"
            args.append(type_.upper())
        sql += " GROUP BY m.entity_id ORDER BY docs DESC, n DESC LIMIT ?"
        return [dict(r) for r in self.db.execute(sql, [*args, limit])]

    def entity(self, entity_id: str) -> dict | None:
        r = self.db.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        if not r:
            return None
        d = dict(r)
        d["variants"] = [dict(x) for x in self.db.execute(
            "SELECT text, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY text ORDER BY n DESC", (entity_id,))]
        d["articles"] = [self._row(x) for x in self.db.execute(
            "SELECT a.*, count(*) AS n FROM mentions m JOIN articles a ON a.rid = m.rid WHERE m.entity_id = ?"
            " GROUP BY a.rid ORDER BY a.sort_date IS NULL, a.sort_date DESC", (entity_id,))]
        return d

    def quotes(self, speakers: list[str] | None = None, limit: int = 50, date_from: str | None = None,
               date_to: str | None = None, unnamed: bool | None = None) -> list[dict]:
        sql = ("SELECT q.*, a.id AS article_id, a.published, a.precision, a.title, e.en AS speaker_en, e.name AS speaker_name"
               " FROM quotes q JOIN articles a ON a.rid = q.rid LEFT JOIN entities e ON e.id = q.speaker WHERE 1=1")
        args: list = []
        if speakers:
            sql += f" AND q.speaker IN ({','.join('?' * len(speakers))})"
            args += speakers
        if unnamed is not None:
            sql += " AND q.unnamed = ?"
            args.append(int(unnamed))
        dsql, dargs = _date_range("a.sort_date", date_from, date_to)
        sql += dsql
        args += dargs
        sql += " ORDER BY a.sort_date IS NULL, a.sort_date DESC, q.rid, q.start LIMIT ?"
        return [dict(r) for r in self.db.execute(sql, [*args, limit])]

    def events(self, actors: list[str] | None = None, recipients: list[str] | None = None, plover: str | None = None,
               mode: str | None = None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 100, min_confidence: float = 0.0) -> list[dict]:
        """Events (deduplicated across sentences and articles) with mention and article counts;
        ``min_confidence`` keeps events whose estimated probability of being right is at least that."""
        sql = ("SELECT e.*, count(m.rowid) AS mentions, count(DISTINCT m.rid) AS articles,"
               " min(a.id) AS article_id, min(m.text) AS evidence, min(m.trigger) AS trigger,"
               " max(m.reported_by) AS reported_by, min(a.url) AS url"
               " FROM events e JOIN event_mentions m ON m.event_id = e.id JOIN articles a ON a.rid = m.rid WHERE 1=1")
        args: list = []
        for col, vals in (("actor", actors), ("recipient", recipients)):
            if vals:
                sql += f" AND e.{col} IN ({','.join('?' * len(vals))})"
                args += vals
        if plover:
            sql += " AND e.plover = ?"
            args.append(plover.upper())
        if mode:
            sql += " AND e.mode = ?"
            args.append(mode)
        if min_confidence > 0:
            sql += " AND coalesce(e.confidence, 0) >= ?"
            args.append(min_confidence)
        dsql, dargs = _date_range("e.date", date_from, date_to)
        sql += dsql
        args += dargs
        sql += " GROUP BY e.id ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT ?"
        return [dict(r) for r in self.db.execute(sql, [*args, limit])]

    def dyad(self, a: list[str], b: list[str], by: str = "month", min_confidence: float = 0.0) -> list[dict]:
        """Cooperation ↔ conflict per period for a→b and b→a: asserted (and future) events only;
        negated, proposed and hypothetical events are counted apart, never as asserted."""
        n = 7 if by == "month" else 4 if by == "year" else 10
        out = []
        for direction, (x, y) in (("→", (a, b)), ("←", (b, a))):
            sql = (f"SELECT substr(date, 1, {n}) AS period, count(*) AS events,"
                   " sum(CASE WHEN mode IN ('asserted','future') THEN goldstein ELSE 0 END) AS goldstein_sum,"
                   " sum(CASE WHEN mode IN ('asserted','future') THEN 1 ELSE 0 END) AS asserted,"
                   " sum(CASE WHEN mode IN ('asserted','future') AND goldstein > 0 THEN 1 ELSE 0 END) AS cooperative,"
                   " sum(CASE WHEN mode IN ('asserted','future') AND goldstein < 0 THEN 1 ELSE 0 END) AS conflictual,"
                   " sum(CASE WHEN mode NOT IN ('asserted','future') THEN 1 ELSE 0 END) AS other_modes"
                   f" FROM events WHERE actor IN ({','.join('?' * len(x))}) AND recipient IN ({','.join('?' * len(y))})"
                   " AND date IS NOT NULL AND coalesce(confidence, 0) >= ? GROUP BY period ORDER BY period")
            for r in self.db.execute(sql, [*x, *y, min_confidence]):
                d = dict(r)
                d["direction"] = direction
                d["goldstein_mean"] = round(d["goldstein_sum"] / d["asserted"], 2) if d["asserted"] else None
                out.append(d)
        return out

    def find_entities(self, name: str) -> list[str]:
        """Entity ids whose stored name or a mention text equals ``name`` (search form)."""
        from ..text.textnorm import normalize

        n = normalize(name)
        ids = [r[0] for r in self.db.execute("SELECT id FROM entities WHERE id = ? OR lower(en) = ?", (name, name.lower()))]
        if not ids:
            ids = [r[0] for r in self.db.execute("SELECT DISTINCT entity_id, text FROM mentions") if normalize(r[1]) == n]
        return list(dict.fromkeys(ids))

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------- query / snippets

def _phrase_fts(seq: list[tuple[str, str]]) -> str:
    return _fts_term(Term("", tuple(seq), phrase=True))


def make_snippet_for_actors(store: SQLiteStore, row: ArticleRow) -> tuple[str, list[tuple[int, int]]]:
    r = store.db.execute("SELECT text, title FROM articles WHERE id = ?", (row.id,)).fetchone()
    body = len(r["title"]) if r["title"] else 0
    return _one_line(r["text"][body : body + 220]), []


def _one_line(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def make_snippet(text: str, groups: list[list[tuple[str, str]]], title: str | None, width: int = 220
                 ) -> tuple[str, list[tuple[int, int]]]:
    stems = {s for g in groups for s, _ in g}
    lemmas = {lm for g in groups for _, lm in g}
    seq = [tok for g in groups for tok in g]
    best = None
    body_start = len(title) if title else 0
    for s in split_sentences(text):
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
