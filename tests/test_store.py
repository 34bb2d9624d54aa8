"""Real SQLite file and real PostgreSQL server (each test runs on both): storing, full-text search
with stems/lemmas, idempotent and interrupted ingest, migrations."""

from __future__ import annotations

import json
import sqlite3

import pytest
from conftest import SAMPLES, TODAY, query_one

from khabar.engines import local as ingest_mod
from khabar.engines.local import ingest
from khabar.store import Facets, open_store
from khabar.store.query import compile_query, compile_tsquery


@pytest.fixture()
def store(new_url):
    s = open_store(new_url())
    rep = ingest([str(SAMPLES)], s, workers=1, ref_date=TODAY)
    assert rep.new == 5 and rep.failed == 0
    yield s
    s.close()


def test_roundtrip_analysis(store, seeds):
    for a in seeds.values():
        got = store.get(a.article.id)
        assert got is not None
        assert got.article.text == a.article.text
        assert got.article.published == a.article.published
        assert [(s.start, s.end) for s in got.sentences] == [(s.start, s.end) for s in a.sentences]
    assert store.get(next(iter(seeds.values())).article.id[:8]) is not None  # unique prefix


def test_search_finds_inflected_and_plural_forms(store, seeds):
    hits = store.search("الدرع الصاروخي")
    ids = [h.row.id for h in hits]
    assert seeds["000"].article.id == ids[0]  # «الدرع الصاروخية» many times
    assert seeds["001"].article.id in ids  # «درع صاروخي»
    # lemma: «صاروخ» matches «والصواريخ» / «الصواريخ»
    hits = store.search("صاروخ")
    assert seeds["004"].article.id in [h.row.id for h in hits]  # only «الصواريخ» there
    h = next(h for h in store.search("الدرع الصاروخي") if h.row.id == seeds["000"].article.id)
    text = seeds["000"].article.text
    assert h.highlights and all(text[a:b] in h.snippet for a, b in h.highlights)


def test_search_filters_and_phrases(store, seeds):
    assert [h.row.id for h in store.search("الناتو", date_from="2022")] == [seeds["004"].article.id]
    assert {h.row.id for h in store.search("الناتو", date_to="2010-12")} == {seeds["000"].article.id}
    assert {h.row.id for h in store.search("راسموسن", outlet="elaph")} == {seeds["002"].article.id}
    assert {h.row.id for h in store.search("راسموسن", outlet="Elaph")} == {seeds["002"].article.id}
    assert store.search('"مجلس القطب الشمالي"')[0].row.id == seeds["000"].article.id
    assert store.search("كلمةغيرموجودةاطلاقا") == []
    dated = {a.article.id: store.get(a.article.id).article.published.value or "" for a in seeds.values()}
    both = {h.row.id for h in store.search("الناتو", date_from="2010-01", date_to="2011-12")}
    assert both and all("2010-01" <= dated[i][:7] <= "2011-12" for i in both)  # a bounded range: rids from the date index
    assert store.search("الناتو", date_from="1990-01", date_to="1990-12") == []


def test_reingest_is_noop(store, tmp_path):
    before = store.db.execute("select count(*) from articles_fts").fetchone()[0]
    rep = ingest([str(SAMPLES)], store, workers=1)
    assert (rep.new, rep.unchanged, rep.duplicates) == (0, 5, 0)
    # The same page in another encoding is the same raw document: skipped before analysis.
    p = tmp_path / "copy.txt"
    p.write_bytes(next(SAMPLES.glob("000_*")).read_text(encoding="utf-8").encode("utf-16"))
    assert ingest([str(p)], store, workers=1).unchanged == 1
    # Other raw bytes (one more chrome line), same cleaned text → same content id → duplicate.
    p.write_text("شارك هذا الخبر\n" + next(SAMPLES.glob("000_*")).read_text(encoding="utf-8"), encoding="utf-8")
    rep = ingest([str(p)], store, workers=1)
    assert (rep.new, rep.duplicates) == (0, 1)
    assert store.count() == 5
    assert store.db.execute("select count(*) from articles_fts").fetchone()[0] == before


def test_interrupted_ingest_keeps_committed_batches(tmp_path, new_url, monkeypatch):
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(30):
            fh.write(json.dumps({"id": f"d{i}", "title": f"خبر رقم {i} عن الناتو وروسيا",
                                 "text": f"قال المتحدث إن الاجتماع رقم {i} بين روسيا والناتو سيعقد في بروكسل."},
                                ensure_ascii=False) + "\n")
    real = ingest_mod._work
    calls = {"n": 0}

    def flaky(raw, ref_date=None):
        calls["n"] += 1
        if calls["n"] == 25:
            raise KeyboardInterrupt
        return real(raw, ref_date)

    monkeypatch.setattr(ingest_mod, "_work", flaky)
    db = new_url("i")
    s = open_store(db)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(src)], s, workers=1, batch_size=10)
    s.close()
    # Another connection sees every article analysed before the interruption.
    assert query_one(db, "select count(*) from articles") == 24
    monkeypatch.setattr(ingest_mod, "_work", real)
    s = open_store(db)
    rep = ingest([str(src)], s, workers=1, batch_size=10)
    assert (rep.new, rep.unchanged) == (6, 24) and s.count() == 30


def test_parallel_ingest_matches_serial(new_url):
    a = open_store(new_url("a"))
    b = open_store(new_url("b"))
    ingest([str(SAMPLES)], a, workers=1)
    ingest([str(SAMPLES)], b, workers=2)
    assert sorted(r.id for r in a.list()) == sorted(r.id for r in b.list())
    assert [h.row.id for h in a.search("راسموسن")] == [h.row.id for h in b.search("راسموسن")]


def test_event_confidence_stored_and_filtered(store):
    rows = store.events(limit=1000)
    assert rows and all(0.0 < r["confidence"] < 1.0 and r["method"] for r in rows)
    cut = sorted(r["confidence"] for r in rows)[len(rows) // 2]  # the median: some events above it, some below
    high = store.events(limit=1000, min_confidence=cut)
    assert 0 < len(high) < len(rows) and all(r["confidence"] >= cut for r in high)


def test_top_dyads_count_both_directions(store):
    rows = store.events(limit=1000)
    pairs: dict[tuple[str, str], int] = {}
    for r in rows:
        if r["recipient"] and r["recipient"] != r["actor"]:
            key = tuple(sorted((r["actor"], r["recipient"])))
            pairs[key] = pairs.get(key, 0) + 1
    top = store.top_dyads(limit=3)
    assert top and all(d["a"] < d["b"] for d in top)
    assert [(d["a"], d["b"], d["events"]) for d in top] == [
        (a, b, n) for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
    mine = store.top_dyads(limit=50, actors=["NATO"])
    assert mine and all("NATO" in (d["a"], d["b"]) for d in mine)
    assert all(d["events"] <= pairs[(d["a"], d["b"])] for d in store.top_dyads(min_confidence=0.7))


def test_entity_summary_is_entity_without_all_the_articles(store):
    full = store.entity("NATO")
    summary = store.entity_summary("NATO", limit=100)
    assert {(v["text"], v["n"]) for v in summary["variants"]} == {(v["text"], v["n"]) for v in full["variants"]}
    assert summary["n_articles"] == len(full["articles"]) >= 3
    assert {r.id for r in summary["articles"]} == {r.id for r in full["articles"]}
    newest = store.entity_summary("NATO", limit=2)["articles"]
    assert len(newest) == 2 and newest[0].published >= newest[1].published
    assert store.entity_summary("NATO", limit=0)["articles"] == []
    assert store.entity_summary("no-such-entity") is None


def test_with_event_type_names_the_articles_reporting_one(store):
    rows = store.events(limit=1000)
    typ = rows[0]["plover"]
    ids = [r.id for r in store.list(limit=100)]
    got = store.with_event_type(ids, typ)
    expected = {i for i in ids if any(e.plover == typ for e in store.get(i).events)}
    assert got == expected and got
    assert store.with_event_type(ids, "NO_SUCH_TYPE") == set() and store.with_event_type([], typ) == set()
    assert store.with_event_type(ids, typ, 1.01) == set()


def test_search_and_list_filter_by_event_type_in_the_store(store):
    typ = store.events(limit=1000)[0]["plover"]
    ids = [r.id for r in store.list(limit=100)]
    want = store.with_event_type(ids, typ)
    listed = store.list(limit=100, facets=Facets(event_type=typ.lower()))
    assert {r.id for r in listed} == want and [r.id for r in listed] == [i for i in ids if i in want]
    assert {h.row.id for h in store.search("", limit=100, facets=Facets(event_type=typ))} == want  # no words: listed
    found = {h.row.id for h in store.search("الناتو", limit=100)}
    assert {h.row.id for h in store.search("الناتو", limit=100, facets=Facets(event_type=typ))} == found & want
    assert store.list(facets=Facets(event_type=typ, min_confidence=1.01)) == []


def test_search_and_list_filter_by_story_in_the_store(store, seeds):
    if store.story_of(seeds["004"].article.id) is None:  # an ingest without stories
        ingest_mod.place_stories(store, workers=1)
    one = seeds["004"].article.id
    sid = store.story_of(one)["story_id"]
    members = {r["article_id"] for r in store.story(sid)["articles"]}
    assert one in members and len(members) < 5
    assert {r.id for r in store.list(limit=100, facets=Facets(story=sid))} == members
    assert {h.row.id for h in store.search("الناتو", limit=100, facets=Facets(story=sid))} <= members
    assert store.list(facets=Facets(story="no-such-story")) == []


def test_story_lookups_and_event_pairs_read_what_the_analyses_say(store, seeds):
    if store.story_of(seeds["004"].article.id) is None:
        ingest_mod.place_stories(store, workers=1)
    one = seeds["004"].article.id
    sid = store.story_of(one)["story_id"]
    assert store.story(one)["id"] == store.story(one[:6])["id"] == store.story(sid)["id"] == sid
    assert store.story("") is None and store.story("zz") is None  # every id is a prefix of ''; none of 'zz'
    got = store.story_articles([sid, "no-such-story"])
    assert [r["article_id"] for r in got[sid]] == [r["article_id"] for r in store.story(sid)["articles"]]
    assert got["no-such-story"] == [] and store.story_articles([]) == {}
    ids = [a.article.id for a in seeds.values()]
    want: dict = {}
    for a in seeds.values():
        for ev in a.events:
            if ev.recipient and ev.actor != ev.recipient and ev.confidence >= 0.4:
                key = tuple(sorted((ev.actor, ev.recipient)))
                want[key] = want.get(key, 0) + 1
    assert store.event_pairs(ids, 0.4) == want and want
    assert store.event_pairs([], 0.4) == {}


def test_actor_listing_probing_each_article_equals_collecting(store):
    for eid in [e["entity_id"] for e in store.top_entities(limit=5)]:
        collected = [r.id for r in store.list(limit=3, offset=1, actors=[[eid]])]
        store._probe_actors = lambda actors, rows: True  # force the scan in listing order
        probed = [r.id for r in store.list(limit=3, offset=1, actors=[[eid]])]
        del store._probe_actors
        assert probed == collected


def _candidates(store, query: str, k: int) -> list[int]:
    """The rids of the store's ``k`` best-scored matches (each backend's own query language)."""
    if store.__class__.__name__ == "PostgresStore":
        q = compile_tsquery(query, store._lookup().tokenize)
        return [r["rid"] for r in store._candidates(q.match, q.match, "", [], k)[0]]
    q = compile_query(query, store._lookup().tokenize)
    return [r["rid"] for r in store._candidates(q.match, "", [], k)[0]]


def test_search_in_a_large_store_ranks_the_newest_tier_first_then_widens(store, seeds):
    everywhere = _candidates(store, "روسيا", 5)
    assert len(everywhere) == 5  # every seed names Russia
    arctic = _candidates(store, "القطب", 60)
    assert len(arctic) == 1 and arctic[0] != max(everywhere)  # one article, not the newest
    store.search_tier = 2  # as if the store were larger than its tier: the newest two rows first
    assert sorted(_candidates(store, "روسيا", 2)) == sorted(everywhere)[-2:]
    assert len(_candidates(store, "روسيا", 3)) == 3  # too few in the window: it widens
    assert _candidates(store, "القطب", 1) == arctic  # an older article is still found
    assert store.search("مجلس القطب الشمالي", limit=1)[0].row.id == store.search("القطب")[0].row.id


def test_old_sqlite_stores_are_migrated(tmp_path):
    # a store written before events had a confidence gets the columns when opened
    old = tmp_path / "old.db"
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, plover TEXT, cameo TEXT, goldstein REAL, mode TEXT,"
               " actor TEXT, recipient TEXT, actor_country TEXT, actor_sector TEXT, recipient_country TEXT,"
               " recipient_sector TEXT, date TEXT, location TEXT, context TEXT)")
    db.commit()
    db.close()
    s = open_store(str(old))
    rep = ingest([str(SAMPLES)], s, workers=1)
    assert rep.new == 5 and s.events(limit=1000, min_confidence=0.5)
    s.close()


def test_sqlite_store_without_the_listing_indexes_gets_them_when_opened(tmp_path):
    path = str(tmp_path / "s.db")
    s = open_store(path)
    ingest([str(SAMPLES)], s, workers=1, ref_date=TODAY)
    s.close()
    db = sqlite3.connect(path)
    for name in ("mentions_entity_forms", "mentions_rid_entity", "event_mentions_rid", "story_articles_dup",
                 "stories_listing"):
        db.execute(f"DROP INDEX {name}")
    db.commit()
    db.close()
    ro = open_store(path, readonly=True)  # written by an older khabar: upgraded once
    names = {r[0] for r in ro.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"mentions_entity_forms", "mentions_rid_entity", "event_mentions_rid"} <= names
    assert ro.entity_summary("NATO")["n_articles"] >= 3
    ro.close()


def test_event_confidence_model_ranks_as_fitted():
    from khabar.extract.events.confidence import FEATURES, _weights

    w = dict(zip(FEATURES, _weights() or [], strict=True))
    # what the gold taught: unknown names and speakers-as-actors are less reliable, a recipient more
    assert w["actor_unknown"] < 0 and w["by_speaker"] < 0 and w["recipient"] > 0


# ---------------------------------------------------------------------- PostgreSQL only

SAME_QUERIES = ["الدرع الصاروخي", "صاروخ", "الناتو", '"مجلس القطب الشمالي"', "title:راسموسن", 'title:"الدرع الصاروخية"',
                "الناتو -راسموسن", "الناتو NOT راسموسن", "راسموسن OR ستولتنبرغ", "(راسموسن OR لافروف) الدرع",
                "NOT راسموسن", "روسيا AND الناتو", "كلمةغيرموجودةاطلاقا"]


def test_postgres_search_finds_what_sqlite_finds(pg_server, tmp_path):
    lite, pg = open_store(str(tmp_path / "k.db")), open_store(pg_server.new_db())
    for s in (lite, pg):
        assert ingest([str(SAMPLES)], s, workers=1, ref_date=TODAY).new == 5
    for q in SAME_QUERIES:
        assert {h.row.id for h in pg.search(q, limit=50)} == {h.row.id for h in lite.search(q, limit=50)}, q
    assert [r.id for r in pg.list()] == [r.id for r in lite.list()]
    assert pg.top_entities(limit=5) and {r["entity_id"] for r in pg.top_entities(limit=100)} == {
        r["entity_id"] for r in lite.top_entities(limit=100)}
    assert pg.events(limit=1000) == lite.events(limit=1000)
    assert pg.quotes(limit=1000) == lite.quotes(limit=1000)
    assert pg.dyad(["NATO"], ["RUS"]) == lite.dyad(["NATO"], ["RUS"])
    assert pg.top_dyads(limit=20) == lite.top_dyads(limit=20)
    assert pg.entity_summary("NATO")["variants"] == lite.entity_summary("NATO")["variants"]
    assert pg.entity("NATO")["variants"] and pg.find_entities("NATO") == lite.find_entities("NATO")
    lite.close()
    pg.close()


def test_postgres_missing_or_foreign_databases_are_one_line_errors(pg_server):
    from khabar.store import StoreError, StoreNotFound

    url = pg_server.new_db()
    with pytest.raises(StoreNotFound, match="no store at") as e:
        open_store(url, readonly=True)
    assert "\n" not in str(e.value)
    from click.testing import CliRunner

    from khabar.cli import main

    r = CliRunner().invoke(main, ["list", "--db", url])
    assert r.exit_code == 1 and "no store at" in r.output and r.output.strip().count("\n") == 0
    admin = pg_server.url("postgres")
    assert query_one(admin, f"SELECT count(*) FROM pg_database WHERE datname = '{url.split('/')[3].split('?')[0]}'") == 0
    import psycopg

    with psycopg.connect(admin, autocommit=True) as con:
        con.execute("CREATE DATABASE foreign_db")
    with pytest.raises(StoreError, match="not a khabar store"):
        open_store(pg_server.url("foreign_db"), readonly=True)
    with pytest.raises(StoreError, match="cannot open store") as e:
        open_store(f"postgresql://khabar@/x?host={pg_server.root}/nowhere&port={pg_server.port}")
    assert "\n" not in str(e.value)
    open_store(pg_server.url("t_ro")).close()  # a writer creates the database
    ro = open_store(pg_server.url("t_ro"), readonly=True)
    with pytest.raises(StoreError, match="read-only"):
        ro.add_many([])
    ro.close()


def test_postgres_migrations_bring_an_older_schema_up_to_date(pg_server):
    import psycopg

    from khabar.store.postgres import SCHEMA_VERSION, migrate

    url = pg_server.new_db()
    open_store(url).close()  # creates the database at the current version
    assert query_one(url, "SELECT value FROM meta WHERE key = 'schema'") == str(SCHEMA_VERSION)
    old = pg_server.url("t_old")
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as con:
        con.execute("CREATE DATABASE t_old")
    with psycopg.connect(old, autocommit=True) as con:
        assert migrate(con, upto=1) == 1  # as written before events had a confidence
    assert query_one(old, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'confidence'") == 0
    s = open_store(old, readonly=True)  # a read upgrades it once
    assert query_one(old, "SELECT value FROM meta WHERE key = 'schema'") == str(SCHEMA_VERSION)
    s.close()
    s = open_store(old)
    assert ingest([str(SAMPLES)], s, workers=1).new == 5 and s.events(limit=1000, min_confidence=0.5)
    s.close()
