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
from .base import ArticleRow, IndexFields, SearchHit, StoreError, StoreNotFound, index_fields
from .query import Term, compile_tsquery, proximity, tsquery_term
from .sqlite import _one_line, _sort_date, make_snippet

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


def _date_range(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list]:
    sql, args = "", []
    if date_from:
        sql += f" AND {column} >= %s"
        args.append(date_from)
    if date_to:
        sql += f" AND substr({column}, 1, %s::int) <= %s"
        args += [len(date_to), date_to]
    return sql, args


def _ph(values: list) -> str:
    return ",".join(["%s"] * len(values))


class PostgresStore:
    def __init__(self, url: str, readonly: bool = False) -> None:
        if psycopg is None:
            raise StoreError("the PostgreSQL backend needs psycopg: pip install 'khabar[pg]'")
        self.url = url
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
        payload = json.dumps(a.to_dict(tokens=False), ensure_ascii=False, separators=(",", ":"))
        cur.execute(
            "INSERT INTO articles(id, title, outlet, outlet_name, url, published, precision, sort_date, dateline,"
            " agencies, language, source_path, raw_sha1, date_confidence, date_method, text, analysis)"
            " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (id) DO NOTHING RETURNING rid",
            (art.id, art.title, art.outlet, art.outlet_name, art.url, pub.value if pub else None,
             pub.precision if pub else None, _sort_date(pub.value if pub else None, pub.precision if pub else None),
             art.dateline, json.dumps(art.agencies), art.language, art.source_path, art.raw_sha1,
             pub.confidence if pub else None, pub.method if pub else None, art.text, payload),
        )
        row = cur.fetchone()
        if row is None:  # the content id decides: stored before (by us or another writer)
            self._add_source(cur, art.raw_sha1, art.id, art.source_path)
            return False
        rid = row[0]
        cur.executemany(
            "INSERT INTO entities(id, name, type, en, country, sector, kb) VALUES (%s,%s,%s,%s,%s,%s,%s)"
            " ON CONFLICT (id) DO NOTHING",
            [(e.id, e.name, e.type, e.en, e.country, e.sector, int(e.kb)) for e in a.entities],
        )
        self._insert_events(cur, a, rid)
        cur.executemany(
            'INSERT INTO quotes(rid, start, "end", kind, speaker, speaker_text, verb, unnamed, source, source_country,'
            " text) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [(rid, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.verb, int(q.unnamed), q.source,
              q.source_country, art.text[q.start : q.end]) for q in a.quotes],
        )
        cur.executemany(
            'INSERT INTO mentions(rid, entity_id, start, "end", type, method, text) VALUES (%s,%s,%s,%s,%s,%s,%s)',
            [(rid, m.entity, m.start, m.end, m.type, m.method, m.text) for m in a.mentions if m.entity],
        )
        f = fields or index_fields(a)
        cur.execute("INSERT INTO articles_fts(rid, title_stems, title_lemmas, body_stems, body_lemmas, tsv)"
                    f" VALUES (%s,%s,%s,%s,%s, {_TSV})", (rid, *f, *f))
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
                (ev.id, ev.plover, ev.cameo, ev.goldstein, ev.mode, ev.actor, ev.recipient, ev.actor_country,
                 ev.actor_sector, ev.recipient_country, ev.recipient_sector, ev.date, ev.location, ev.context,
                 ev.confidence, ev.method),
            )
            cur.executemany(
                'INSERT INTO event_mentions(event_id, rid, start, "end", trigger, reported_by, text)'
                " VALUES (%s,%s,%s,%s,%s,%s,%s)",
                [(ev.id, rid, m.start, m.end, m.text, ev.reported_by, text[m.start : m.end]) for m in ev.mentions],
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

    def known_raw(self, raw_sha1: str) -> str | None:
        with self._lock:
            row = self.db.execute("SELECT article_id FROM sources WHERE raw_sha1 = %s", (raw_sha1,)).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ reading
    def _dicts(self, sql: str, args: list | tuple = ()) -> list[dict]:
        with self._lock, self.db.cursor(row_factory=dict_row) as cur:
            return cur.execute(sql, args).fetchall()

    @staticmethod
    def _row(r: dict) -> ArticleRow:
        return ArticleRow(
            id=r["id"], title=r["title"], outlet=r["outlet"], outlet_name=r["outlet_name"],
            published=r["published"], precision=r["precision"], dateline=r["dateline"],
            agencies=json.loads(r["agencies"] or "[]"), language=r["language"], url=r["url"],
            source_path=r["source_path"], date_confidence=r.get("date_confidence"), date_method=r.get("date_method"),
        )

    def get(self, article_id: str) -> Analysis | None:
        rid = self.resolve_id(article_id)
        if not rid:
            return None
        with self._lock:
            r = self.db.execute("SELECT analysis FROM articles WHERE id = %s", (rid,)).fetchone()
        return Analysis.from_dict(json.loads(r[0])) if r else None

    def resolve_id(self, prefix: str) -> str | None:
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{4,16}", prefix):
            return None
        with self._lock:
            rows = self.db.execute("SELECT id FROM articles WHERE id LIKE %s LIMIT 2", (prefix + "%",)).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def _filters(self, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[list[str]] | None = None) -> tuple[str, list]:
        where, args = [], []
        for ids in actors or []:
            where.append(f"a.rid IN (SELECT rid FROM mentions WHERE entity_id IN ({_ph(ids)}))")
            args += list(ids)
        if outlet:
            where.append("(a.outlet = %s OR lower(a.outlet_name) LIKE %s)")
            args += [outlet.lower(), f"%{outlet.lower()}%"]
        dsql, dargs = _date_range("a.sort_date", date_from, date_to)
        if dsql:
            where.append(dsql.removeprefix(" AND "))
            args += dargs
        return " AND ".join(where), args

    def list(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
             date_from: str | None = None, date_to: str | None = None,
             actors: list[list[str]] | None = None) -> list[ArticleRow]:
        where, args = self._filters(outlet, date_from, date_to, actors)
        sql = "SELECT a.* FROM articles a" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid LIMIT %s OFFSET %s"
        return [self._row(r) for r in self._dicts(sql, [*args, limit, offset])]

    def count(self) -> int:
        with self._lock:
            return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def iter_analyses(self) -> Iterator[Analysis]:
        # a server-side cursor on its own connection: reads the store in chunks, without holding our lock
        with psycopg.connect(self.url) as conn, conn.cursor(name="khabar_iter") as cur:
            cur.execute("SELECT analysis FROM articles ORDER BY rid")
            for (payload,) in cur:
                yield Analysis.from_dict(json.loads(payload))

    def search(self, query: str, limit: int = 20, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None,
               actors: list[list[str]] | None = None) -> list[SearchHit]:
        """Ranked full-text search; the same syntax and results as :meth:`SQLiteStore.search`
        (ranked by ts_rank instead of bm25, then the same phrase/proximity reranking)."""
        q = compile_tsquery(query)
        if q.match is None:
            if not actors and q.exclude is None:
                return []
            return [SearchHit(r, 0.0, *self._lead(r)) for r in
                    self._listing(limit, outlet, date_from, date_to, actors, q.exclude)]
        where, args = self._filters(outlet, date_from, date_to, actors)
        seq = [t for term in q.terms for t in term.tokens]
        k = max(3 * limit, 60)
        rows = {r["rid"]: r for r in self._candidates(q.match, q.match, where, args, k)}
        if len(seq) > 1:  # articles holding the whole query as a phrase, however low they rank
            both = f"({q.match}) & {tsquery_term(Term('', tuple(seq), phrase=True))}"
            rows.update({r["rid"]: r for r in self._candidates(both, q.match, where, args, k) if r["rid"] not in rows})
        return self._ranked(list(rows.values()), seq, q.terms, limit)

    def _candidates(self, match: str, rank: str, where: str, args: list, k: int) -> list[dict]:
        sql = (f"SELECT a.*, ts_rank('{_WEIGHTS}', f.tsv, %s::tsquery, 1) AS score, f.title_stems AS f_ts,"
               " f.title_lemmas AS f_tl, f.body_stems AS f_bs, f.body_lemmas AS f_bl"
               " FROM articles_fts f JOIN articles a ON a.rid = f.rid WHERE f.tsv @@ %s::tsquery"
               + (f" AND {where}" if where else "") + " ORDER BY score DESC, a.rid LIMIT %s")
        return self._dicts(sql, [rank, match, *args, k])

    def _ranked(self, rows: list[dict], seq: list[tuple[str, str]], terms: tuple, limit: int) -> list[SearchHit]:
        """ts_rank (scaled to 0..1 among the candidates) + 2 for the exact phrase + 0..1 for proximity."""
        top = max((float(r["score"]) for r in rows), default=0.0) or 1.0
        scored = []
        for r in rows:
            best = (False, 0.0)
            for st, lm in ((r["f_ts"], r["f_tl"]), (r["f_bs"], r["f_bl"])):
                best = max(best, proximity((st or "").split(), (lm or "").split(), seq))
            scored.append((float(r["score"]) / top + (2.0 if best[0] else 0.0) + best[1], r))
        scored.sort(key=lambda x: (-x[0], x[1]["rid"]))
        groups = [[tok] for term in terms for tok in term.tokens]
        hits = []
        for score, r in scored[:limit]:
            snippet, spans = make_snippet(r["text"], groups, r["title"])
            hits.append(SearchHit(self._row(r), round(score, 4), snippet, spans))
        return hits

    def _lead(self, row: ArticleRow) -> tuple[str, list[tuple[int, int]]]:
        r = self._dicts("SELECT text, title FROM articles WHERE id = %s", (row.id,))[0]
        body = len(r["title"]) if r["title"] else 0
        return _one_line(r["text"][body : body + 220]), []

    def _listing(self, limit: int, outlet: str | None, date_from: str | None, date_to: str | None,
                 actors: list[list[str]] | None, exclude: str | None) -> list[ArticleRow]:
        if exclude is None:
            return self.list(limit=limit, outlet=outlet, date_from=date_from, date_to=date_to, actors=actors)
        where, args = self._filters(outlet, date_from, date_to, actors)
        sql = ("SELECT a.* FROM articles a WHERE a.rid NOT IN (SELECT rid FROM articles_fts WHERE tsv @@ %s::tsquery)"
               + (f" AND {where}" if where else "") + " ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid LIMIT %s")
        return [self._row(r) for r in self._dicts(sql, [exclude, *args, limit])]

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
        d["variants"] = self._dicts("SELECT text, count(*) AS n FROM mentions WHERE entity_id = %s GROUP BY text"
                                    " ORDER BY n DESC, text", (entity_id,))
        d["articles"] = [self._row(x) for x in self._dicts(
            "SELECT a.*, count(*) AS n FROM mentions m JOIN articles a ON a.rid = m.rid WHERE m.entity_id = %s"
            " GROUP BY a.rid ORDER BY a.sort_date IS NULL, a.sort_date DESC, a.rid", (entity_id,))]
        return d

    def quotes(self, speakers: list[str] | None = None, limit: int = 50, date_from: str | None = None,
               date_to: str | None = None, unnamed: bool | None = None) -> list[dict]:
        sql = ("SELECT q.*, a.id AS article_id, a.published, a.precision, a.title, e.en AS speaker_en,"
               " e.name AS speaker_name FROM quotes q JOIN articles a ON a.rid = q.rid"
               " LEFT JOIN entities e ON e.id = q.speaker WHERE true")
        args: list = []
        if speakers:
            sql += f" AND q.speaker IN ({_ph(speakers)})"
            args += speakers
        if unnamed is not None:
            sql += " AND q.unnamed = %s"
            args.append(int(unnamed))
        dsql, dargs = _date_range("a.sort_date", date_from, date_to)
        sql += dsql + " ORDER BY a.sort_date IS NULL, a.sort_date DESC, q.rid, q.start LIMIT %s"
        return self._dicts(sql, [*args, *dargs, limit])

    def events(self, actors: list[str] | None = None, recipients: list[str] | None = None, plover: str | None = None,
               mode: str | None = None, date_from: str | None = None, date_to: str | None = None,
               limit: int = 100, min_confidence: float = 0.0) -> list[dict]:
        """Events with mention and article counts (as :meth:`SQLiteStore.events`)."""
        sql = ("SELECT e.*, count(*) AS mentions, count(DISTINCT m.rid) AS articles,"
               " min(a.id) AS article_id, min(m.text) AS evidence, min(m.trigger) AS trigger,"
               " max(m.reported_by) AS reported_by, min(a.url) AS url"
               " FROM events e JOIN event_mentions m ON m.event_id = e.id JOIN articles a ON a.rid = m.rid WHERE true")
        args: list = []
        for col, vals in (("actor", actors), ("recipient", recipients)):
            if vals:
                sql += f" AND e.{col} IN ({_ph(vals)})"
                args += vals
        if plover:
            sql += " AND e.plover = %s"
            args.append(plover.upper())
        if mode:
            sql += " AND e.mode = %s"
            args.append(mode)
        if min_confidence > 0:
            sql += " AND coalesce(e.confidence, 0) >= %s"
            args.append(min_confidence)
        dsql, dargs = _date_range("e.date", date_from, date_to)
        sql += dsql + " GROUP BY e.id ORDER BY e.date IS NULL, e.date DESC, e.id LIMIT %s"
        return self._dicts(sql, [*args, *dargs, limit])

    def dyad(self, a: list[str], b: list[str], by: str = "month", min_confidence: float = 0.0) -> list[dict]:
        """Cooperation ↔ conflict per period for a→b and b→a (as :meth:`SQLiteStore.dyad`)."""
        n = 7 if by == "month" else 4 if by == "year" else 10
        asserted = "mode IN ('asserted','future')"
        out = []
        for direction, (x, y) in (("→", (a, b)), ("←", (b, a))):
            sql = (f"SELECT substr(date, 1, {n}) AS period, count(*) AS events,"
                   f" coalesce(sum(CASE WHEN {asserted} THEN goldstein ELSE 0 END), 0) AS goldstein_sum,"
                   f" count(*) FILTER (WHERE {asserted}) AS asserted,"
                   f" count(*) FILTER (WHERE {asserted} AND goldstein > 0) AS cooperative,"
                   f" count(*) FILTER (WHERE {asserted} AND goldstein < 0) AS conflictual,"
                   f" count(*) FILTER (WHERE NOT {asserted}) AS other_modes"
                   f" FROM events WHERE actor IN ({_ph(x)}) AND recipient IN ({_ph(y)})"
                   " AND date IS NOT NULL AND coalesce(confidence, 0) >= %s GROUP BY period ORDER BY period")
            for d in self._dicts(sql, [*x, *y, min_confidence]):
                d["direction"] = direction
                d["goldstein_mean"] = round(d["goldstein_sum"] / d["asserted"], 2) if d["asserted"] else None
                out.append(d)
        return out

    def find_entities(self, name: str) -> list[str]:
        """Entity ids whose stored name or a mention text equals ``name`` (search form)."""
        from ..text.textnorm import normalize

        n = normalize(name)
        with self._lock:
            ids = [r[0] for r in self.db.execute("SELECT id FROM entities WHERE id = %s OR lower(en) = %s",
                                                 (name, name.lower()))]
            if not ids:
                ids = [r[0] for r in self.db.execute("SELECT DISTINCT entity_id, text FROM mentions")
                       if normalize(r[1]) == n]
        return list(dict.fromkeys(ids))

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
