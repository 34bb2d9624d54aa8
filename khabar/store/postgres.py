"""PostgreSQL store (``postgresql://…``): the same interface and semantics as the SQLite store,
for shared and large deployments with several writers.

Full-text search uses our own normalisation, as SQLite does: per article one ``tsvector`` built
with the ``simple`` configuration (no stemming, no stop words) from our stems and lemmas
(:func:`~khabar.store.base.index_fields`), each field under its own weight — A title stems,
B title lemmas, C body stems, D body lemmas — so that a query word's stem is looked up among the
stems (``'stem':AC``) and its lemma among the lemmas (``'lemma':BD``), ``title:`` keeps A/B, and
a phrase never runs from one field into the next. The query language is that of
:mod:`khabar.store.query` (translated to ``tsquery`` there); ranking is ``ts_rank`` (title ×3)
with the same phrase and proximity reranking as SQLite.

Writers serialise on a transaction-scoped advisory lock (like SQLite's ``BEGIN IMMEDIATE``): an
overlapping ingest of the same input waits, then finds the articles committed before it and
counts them as duplicates (``ON CONFLICT DO NOTHING``). The schema version lives in ``meta``;
:data:`MIGRATIONS` brings an older database up to date when it is opened for writing (or, once,
when it is read).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator

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
from .query import Term, compile_tsquery, tsquery_term

try:  # optional dependency: `pip install 'khabar[pg]'`
    import psycopg
    import psycopg.conninfo
    import psycopg.errors
    import psycopg.sql
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - exercised only without psycopg
    psycopg = None  # type: ignore[assignment]

# (version, statements): applied in order, each in the transaction that records its version.
MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, [
        """CREATE TABLE articles (
            rid BIGSERIAL PRIMARY KEY,
            id TEXT COLLATE "C" NOT NULL UNIQUE,
            title TEXT, outlet TEXT, outlet_name TEXT, url TEXT COLLATE "C",
            published TEXT, precision TEXT, sort_date TEXT COLLATE "C", dateline TEXT, agencies TEXT,
            language TEXT, source_path TEXT, raw_sha1 TEXT,
            date_confidence DOUBLE PRECISION, date_method TEXT,
            text TEXT NOT NULL, analysis TEXT NOT NULL,
            ingested_at TIMESTAMPTZ DEFAULT now())""",
        "CREATE INDEX articles_sort_date ON articles(sort_date)",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE TABLE sources (raw_sha1 TEXT PRIMARY KEY, article_id TEXT NOT NULL, source_path TEXT)",
        """CREATE TABLE articles_fts (
            rid BIGINT PRIMARY KEY REFERENCES articles(rid) ON DELETE CASCADE,
            title_stems TEXT, title_lemmas TEXT, body_stems TEXT, body_lemmas TEXT,
            tsv TSVECTOR NOT NULL)""",
        "CREATE INDEX articles_fts_tsv ON articles_fts USING gin(tsv)",
        "CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, en TEXT, country TEXT, sector TEXT,"
        " kb INTEGER)",
        """CREATE TABLE mentions (
            rid BIGINT NOT NULL REFERENCES articles(rid) ON DELETE CASCADE, entity_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, type TEXT, method TEXT, text TEXT COLLATE "C")""",
        "CREATE INDEX mentions_entity ON mentions(entity_id)",
        "CREATE INDEX mentions_rid ON mentions(rid)",
        """CREATE TABLE quotes (
            rid BIGINT NOT NULL REFERENCES articles(rid) ON DELETE CASCADE, start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, kind TEXT, speaker TEXT, speaker_text TEXT, verb TEXT, unnamed INTEGER,
            source TEXT, source_country TEXT, text TEXT)""",
        "CREATE INDEX quotes_speaker ON quotes(speaker)",
        """CREATE TABLE events (
            id TEXT COLLATE "C" PRIMARY KEY, plover TEXT, cameo TEXT, goldstein DOUBLE PRECISION, mode TEXT,
            actor TEXT, recipient TEXT, actor_country TEXT, actor_sector TEXT, recipient_country TEXT,
            recipient_sector TEXT, date TEXT COLLATE "C", location TEXT, context TEXT)""",
        """CREATE TABLE event_mentions (
            event_id TEXT NOT NULL, rid BIGINT NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
            start INTEGER, "end" INTEGER, trigger TEXT COLLATE "C", reported_by TEXT COLLATE "C",
            text TEXT COLLATE "C")""",
        "CREATE INDEX events_actor ON events(actor)",
        "CREATE INDEX events_recipient ON events(recipient)",
        "CREATE INDEX event_mentions_event ON event_mentions(event_id)",
    ]),
    (2, [  # event confidence (the SQLite store's later columns)
        "ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION",
        "ALTER TABLE events ADD COLUMN method TEXT",
    ]),
    (3, [  # word forms as indexed: search analyses query and snippet words by lookup
        'CREATE TABLE word_forms (word TEXT COLLATE "C" PRIMARY KEY, stem TEXT NOT NULL, lemma TEXT NOT NULL)',
    ]),
    (4, [  # snippets: the written forms of a query's stems and lemmas
        'CREATE INDEX word_forms_stem ON word_forms (stem)',
        'CREATE INDEX word_forms_lemma ON word_forms (lemma)',
    ]),
    (5, [  # stories: near-duplicates, same-story clusters, threads (khabar.stories)
        """CREATE TABLE story_articles (
            article_id TEXT COLLATE "C" PRIMARY KEY, story_id TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL,
            dup_of TEXT COLLATE "C", dup_kind TEXT, score DOUBLE PRECISION, date TEXT COLLATE "C", outlet TEXT,
            title_words TEXT, body_hash TEXT, minhash BYTEA, shingles BYTEA, embedding BYTEA, actors TEXT)""",
        "CREATE INDEX story_articles_story ON story_articles(story_id)",
        """CREATE TABLE stories (
            id TEXT COLLATE "C" PRIMARY KEY, thread_id TEXT COLLATE "C" NOT NULL, linked_to TEXT COLLATE "C",
            link_score DOUBLE PRECISION, first_date TEXT COLLATE "C", last_date TEXT COLLATE "C",
            size INTEGER NOT NULL, originals INTEGER NOT NULL, outlets INTEGER NOT NULL)""",
        "CREATE INDEX stories_thread ON stories(thread_id)",
        "CREATE INDEX stories_last_date ON stories(last_date)",
    ]),
    (6, [  # stories: the lead kept (embedded only when a decision needs it); dates from the story
        "ALTER TABLE story_articles ADD COLUMN lead TEXT",
        "ALTER TABLE story_articles ADD COLUMN date_hint TEXT",
        'ALTER TABLE story_articles ADD COLUMN story_date TEXT COLLATE "C"',
        "ALTER TABLE story_articles ADD COLUMN story_date_note TEXT",
    ]),
    (7, [  # an entity's spellings and article count from the index alone; listings probe mentions and
        # events by article
        "CREATE INDEX mentions_entity_forms ON mentions(entity_id, rid, text)",
        "CREATE INDEX mentions_rid_entity ON mentions(rid, entity_id)",
        "CREATE INDEX event_mentions_rid ON event_mentions(rid, event_id)",
        "CREATE INDEX story_articles_dup ON story_articles(dup_of)",  # copies of an article
        "CREATE INDEX stories_listing ON stories((last_date IS NULL), last_date DESC, originals DESC, id)",
    ]),
    (8, [  # each story's summary computed when it was placed, under the key of the articles it read
        'CREATE TABLE story_summaries (story_id TEXT COLLATE "C" PRIMARY KEY, key TEXT NOT NULL, summary TEXT NOT NULL)',
    ]),
    (9, [  # an actor's (a recipient's) newest events walked in order (the actor page lists 20 of thousands)
        "CREATE INDEX events_actor_listing ON events (actor, (date IS NULL), date DESC, id)",
        "CREATE INDEX events_recipient_listing ON events (recipient, (date IS NULL), date DESC, id)",
    ]),
    (10, [  # stories: the terms and entities of an article's start, which the same-story likelihood compares
        "ALTER TABLE story_articles ADD COLUMN pair_terms TEXT",
    ]),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
_LOCK_SCHEMA = 0x6B686162  # advisory lock keys ("khab"): schema migrations, writers
_LOCK_WRITE = 0x6B686163
# ts_rank weights (at most 1), in the order {D, C, B, A}: title terms count three times body terms, as in SQLite.
_WEIGHTS = "{0.3333, 0.3333, 1.0, 1.0}"
_TSV = ("setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        " || setweight(to_tsvector('simple', %s), 'C') || setweight(to_tsvector('simple', %s), 'D')")


def display_url(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@/]*@", r"\1:***@", url)


_PG = Dialect("%s", "%s::int", "true")
_ph = _PG.ph


class PostgresStore(SQLReads, StoryReads):
    dialect = _PG
    _LIST = "SELECT a.* FROM articles a"
    _EXCLUDE = "SELECT a.* FROM articles a WHERE a.rid NOT IN (SELECT rid FROM articles_fts WHERE tsv @@ %s::tsquery)"

    def __init__(self, url: str, readonly: bool = False) -> None:
        if psycopg is None:
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'khabar[pg]'")
        self.url = url
        self.search_tier = SEARCH_TIER
        self.path = display_url(url)
        self.readonly = readonly
        self._lock = threading.Lock()
        self.db = self._open_ro() if readonly else self._open_rw()

    # ------------------------------------------------------------------ opening
    def _connect(self, url: str | None = None) -> psycopg.Connection:
        try:
            return psycopg.connect(url or self.url, autocommit=True)
        except psycopg.OperationalError as e:
            msg = " ".join(str(e).split())
            if "does not exist" in msg and "database" in msg:
                raise StoreNotFound(f"no store at {self.path} (create one with `khabar ingest … --db URL`)") from None
            raise StoreError(f"cannot open store {self.path}: {msg}") from None
        except psycopg.Error as e:
            raise StoreError(f"cannot open store {self.path}: {' '.join(str(e).split())}") from None

    def _create_database(self) -> None:
        """Create the URL's database (a writer may create its store), from the server's `postgres` database."""
        info = psycopg.conninfo.conninfo_to_dict(self.url)
        name = info.get("dbname")
        if not name:
            raise StoreError(f"cannot open store {self.path}: the URL names no database")
        admin = psycopg.conninfo.make_conninfo(self.url, dbname="postgres")
        try:
            with psycopg.connect(admin, autocommit=True) as c:
                c.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
        except (psycopg.errors.DuplicateDatabase, psycopg.errors.UniqueViolation):
            pass  # another writer created it meanwhile (a race shows as the catalogue's unique violation)
        except psycopg.Error as e:
            raise StoreError(f"cannot create store {self.path}: {' '.join(str(e).split())}") from None

    def _open_rw(self) -> psycopg.Connection:
        try:
            db = self._connect()
        except StoreNotFound:
            self._create_database()
            db = self._connect()
        try:
            migrate(db)
        except (psycopg.Error, StoreError) as e:
            db.close()
            raise StoreError(f"cannot open store {self.path}: {' '.join(str(e).split())}") from None
        return db

    def _open_ro(self) -> psycopg.Connection:
        db = self._connect()
        db.read_only = True
        version = schema_version(db)
        if version is None:
            db.close()
            raise StoreError(f"{self.path} is not a khabar store")
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(f"{self.path} was written by a newer khabar (schema {version} > {SCHEMA_VERSION})")
        if version < SCHEMA_VERSION:  # written by an older khabar: upgrade it once, if we may write
            db.close()
            try:
                PostgresStore(self.url).close()
            except StoreError as e:
                raise StoreError(f"{self.path} was written by an older khabar and cannot be upgraded: {e}") from None
            db = self._connect()
            db.read_only = True
        return db

    # ------------------------------------------------------------------ writing
    def _insert(self, cur: psycopg.Cursor, a: Analysis, fields: IndexFields | None) -> bool:
        art = a.article
        pub = art.published
        cur.execute(
            "INSERT INTO articles(id, title, outlet, outlet_name, url, published, precision, sort_date, dateline,"
            " agencies, language, source_path, raw_sha1, date_confidence, date_method, text, analysis)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING RETURNING rid",
            (*article_values(art), pub.confidence if pub else None, pub.method if pub else None, art.text,
             analysis_json(a)),
        )
        row = cur.fetchone()
        if row is None:  # the content id decides: stored before (by us or another writer)
            self._add_source(cur, art.raw_sha1, art.id, art.source_path)
            return False
        rid = row[0]
        cur.executemany(
            "INSERT INTO entities(id, name, type, en, country, sector, kb) VALUES (%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (id) DO NOTHING",
            entity_rows(a),
        )
        self._insert_events(cur, a, rid)
        cur.executemany(
            'INSERT INTO quotes(rid, start, "end", kind, speaker, speaker_text, verb, unnamed, source, source_country,'
            " text) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            quote_rows(a, rid),
        )
        cur.executemany(
            'INSERT INTO mentions(rid, entity_id, start, "end", type, method, text) VALUES (%s,%s,%s,%s,%s,%s,%s)',
            mention_rows(a, rid),
        )
        f = fields or index_fields(a)
        cur.execute("INSERT INTO articles_fts(rid, title_stems, title_lemmas, body_stems, body_lemmas, tsv)"
                    f" VALUES (%s,%s,%s,%s,%s, {_TSV})", (rid, *f.columns, *f.columns))
        cur.executemany("INSERT INTO word_forms(word, stem, lemma) VALUES (%s,%s,%s) ON CONFLICT (word) DO NOTHING",
                        f.forms)
        self._add_source(cur, art.raw_sha1, art.id, art.source_path)
        return True

    def _insert_events(self, cur: psycopg.Cursor, a: Analysis, rid: int) -> None:
        text = a.article.text
        for ev in sorted(a.events, key=lambda e: e.id):
            cur.execute(
                "INSERT INTO events(id, plover, cameo, goldstein, mode, actor, recipient, actor_country, actor_sector,"
                " recipient_country, recipient_sector, date, location, context, confidence, method)"
                " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO UPDATE"
                " SET confidence = greatest(coalesce(events.confidence, 0), excluded.confidence)",
                event_values(ev),
            )
            cur.executemany(
                'INSERT INTO event_mentions(event_id, rid, start, "end", trigger, reported_by, text)'
                " VALUES (%s,%s,%s,%s,%s,%s,%s)",
                event_mention_rows(ev, rid, text),
            )

    @staticmethod
    def _add_source(cur: psycopg.Cursor, raw_sha1: str | None, article_id: str, source_path: str | None) -> None:
        if raw_sha1:
            cur.execute("INSERT INTO sources(raw_sha1, article_id, source_path) VALUES (%s,%s,%s)"
                        " ON CONFLICT (raw_sha1) DO NOTHING", (raw_sha1, article_id, source_path))

    def add(self, analysis: Analysis) -> bool:
        return self.add_many([analysis])[0]

    def add_many(self, analyses: list[Analysis], fields: list[IndexFields | None] | None = None) -> list[bool]:
        """Insert a batch in one transaction: all of it is committed, or none of it. Writers take an
        advisory lock first, so a concurrent writer waits, then counts what was committed as duplicates."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        fields = fields or [None] * len(analyses)
        with self._lock, self.db.transaction(), self.db.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_WRITE,))
            return [self._insert(cur, a, f) for a, f in zip(analyses, fields, strict=True)]

    def _write(self, statements: list[tuple[str, list[tuple]]]) -> None:
        """Run each (sql, rows) with executemany, all in one transaction, under the writers' lock."""
        if self.readonly:
            raise StoreError(f"{self.path} was opened read-only")
        with self._lock, self.db.transaction(), self.db.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_WRITE,))
            for sql, rows in statements:
                if rows:
                    cur.executemany(sql, rows)

    # ------------------------------------------------------------------ reading
    def _dicts(self, sql: str, args: list | tuple = ()) -> list[dict]:
        with self._lock, self.db.cursor(row_factory=dict_row) as cur:
            return cur.execute(sql, args).fetchall()

    def _reading(self) -> threading.Lock:
        return self._lock

    @staticmethod
    def _relevance(r: dict) -> float:
        return float(r["score"])  # ts_rank: higher is better

    def iter_analyses(self) -> Iterator[Analysis]:
        # a server-side cursor on its own connection: reads the store in chunks, without holding our lock
        with psycopg.connect(self.url) as conn, conn.cursor(name="khabar_iter") as cur:
            cur.execute("SELECT analysis FROM articles ORDER BY rid")
            for (payload,) in cur:
                yield Analysis.from_dict(json.loads(payload))

    def search(self, query: str, limit: int = 20, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               actors: list[list[str]] | None = None, facets: Facets | None = None) -> list[SearchHit]:
        """Ranked full-text search; the same syntax and results as :meth:`SQLiteStore.search`
        (ranked by ts_rank instead of bm25, then the same phrase/proximity reranking)."""
        lookup = self._lookup()
        q = compile_tsquery(query, lookup.tokenize) if lookup is not None else compile_tsquery(query)
        if q.match is None:
            if not actors and q.exclude is None and not (facets and (facets.event_type or facets.story)):
                return []
            return [SearchHit(r, 0.0, *self._lead(r)) for r in
                    self._listing(limit, outlet, date_from, date_to, actors, q.exclude, facets)]
        where, args = self._filters(outlet, date_from, date_to, actors, facets=facets)
        seq = [t for term in q.terms for t in term.tokens]
        k = max(3 * limit, 60)
        found, lo = self._candidates(q.match, q.match, where, args, k)
        rows = {r["rid"]: r for r in found}
        if len(seq) > 1:  # articles holding the whole query as a phrase, however low they rank (same window)
            both = f"({q.match}) & {tsquery_term(Term('', tuple(seq), phrase=True))}"
            rows.update({r["rid"]: r for r in self._fetch(both, q.match, where, args, k, lo) if r["rid"] not in rows})
        return self._ranked(list(rows.values()), seq, q.terms, limit)

    def _candidates(self, match: str, rank: str, where: str, args: list, k: int) -> tuple[list[dict], int | None]:
        """The ``k`` best by ts_rank, newest tier first (:meth:`SQLReads._tiered`), and the window's ``lo``."""
        return self._tiered(lambda lo: self._fetch(match, rank, where, args, k, lo), k)

    def _fetch(self, match: str, rank: str, where: str, args: list, k: int, lo: int | None) -> list[dict]:
        # ranked on rids and scores alone; only the k kept are read whole
        join = " JOIN articles a ON a.rid = f.rid" if where else ""
        cond = (f" AND {where}" if where else "") + (" AND f.rid > %s" if lo is not None else "")
        sql = (f"SELECT {HIT_COLUMNS}, c.score, g.title_stems AS f_ts, g.title_lemmas AS f_tl,"
               " g.body_stems AS f_bs, g.body_lemmas AS f_bl FROM"
               f" (SELECT f.rid, ts_rank('{_WEIGHTS}', f.tsv, %s::tsquery, 1) AS score FROM articles_fts f{join}"
               f" WHERE f.tsv @@ %s::tsquery{cond} ORDER BY score DESC, f.rid LIMIT %s) c"
               " JOIN articles a ON a.rid = c.rid JOIN articles_fts g ON g.rid = c.rid ORDER BY c.score DESC, c.rid")
        return self._dicts(sql, [rank, match, *args, *([lo] if lo is not None else []), k])

    # ------------------------------------------------------------------ entities, quotes, events
    def top_entities(self, limit: int = 30, type_: str | None = None) -> list[dict]:
        sql = ("SELECT m.entity_id, e.name, e.en, e.type, e.country, e.sector, e.kb, count(*) AS n,"
               " count(DISTINCT m.rid) AS docs FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id")
        args: list = []
        if type_:
            sql += " WHERE e.type = %s"
            args.append(type_.upper())
        sql += " GROUP BY m.entity_id, e.id ORDER BY docs DESC, n DESC, m.entity_id LIMIT %s"
        return self._dicts(sql, [*args, limit])

    def entity(self, entity_id: str) -> dict | None:
        found = self._dicts("SELECT * FROM entities WHERE id = %s", (entity_id,))
        if not found:
            return None
        d = found[0]
        d["variants"] = spellings(self._dicts("SELECT text, count(*) AS n FROM mentions WHERE entity_id = %s"
                                              " GROUP BY text", (entity_id,)))
        d["articles"] = [self._row(x) for x in self._dicts(
            "SELECT a.*, count(*) AS n FROM mentions m JOIN articles a ON a.rid = m.rid WHERE m.entity_id = %s"
            " GROUP BY a.rid ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid", (entity_id,))]
        return d

    @staticmethod
    def _dyad_sql(n: int, x: list[str], y: list[str]) -> str:
        asserted = "mode IN ('asserted','future')"
        return (f"SELECT substr(date, 1, {n}) AS period, count(*) AS events,"
                f" coalesce(sum(CASE WHEN {asserted} THEN goldstein ELSE 0 END), 0) AS goldstein_sum,"
                f" count(*) FILTER (WHERE {asserted}) AS asserted,"
                f" count(*) FILTER (WHERE {asserted} AND goldstein > 0) AS cooperative,"
                f" count(*) FILTER (WHERE {asserted} AND goldstein < 0) AS conflictual,"
                f" count(*) FILTER (WHERE NOT {asserted}) AS other_modes"
                f" FROM events WHERE actor IN ({_ph(x)}) AND recipient IN ({_ph(y)})"
                " AND date IS NOT NULL AND coalesce(confidence, 0) >= %s GROUP BY period ORDER BY period")

    def close(self) -> None:
        self.db.close()


# ---------------------------------------------------------------------- schema

def schema_version(db: psycopg.Connection) -> int | None:
    """The store's schema version (None: no khabar store in this database)."""
    if db.execute("SELECT to_regclass('meta')").fetchone()[0] is None:
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return int(row[0]) if row else None


def migrate(db: psycopg.Connection, upto: int = SCHEMA_VERSION) -> int:
    """Apply the pending migrations (up to ``upto``), each in one transaction, serialised across
    processes by an advisory lock; returns the schema version reached."""
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_SCHEMA,))
        db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        current = schema_version(db) or 0
        if current > SCHEMA_VERSION:
            raise StoreError(f"written by a newer khabar (schema {current} > {SCHEMA_VERSION})")
        for version, statements in MIGRATIONS:
            if current < version <= upto:
                for stmt in statements:
                    db.execute(stmt)
                db.execute("INSERT INTO meta(key, value) VALUES ('schema', %s)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(version),))
                current = version
    return current
