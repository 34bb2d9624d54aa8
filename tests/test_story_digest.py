"""Story summaries kept by the store (khabar.stories.digest): computed after each batch of placements
for the stories it touched, equal to the summary the story page computes, recomputed when a story
gains an article, filled for an older store by `khabar stories --backfill`, shown by the web only
when their key matches the story's articles (the web never writes one), and the PostgreSQL
migration that adds their table. On both backends where a store is involved."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
from pathlib import Path

import numpy as np
from click.testing import CliRunner
from conftest import query_one
from fastapi.testclient import TestClient

from khabar.cli import main
from khabar.store import open_store
from khabar.stories import digest
from khabar.stories.digest import summarise  # the function itself (a test counts the calls of digest's)
from khabar.stories.rows import StoryWriter
from khabar.stories.signature import signature
from khabar.web import create_app
from khabar.web.stories import summary_view

STORY = "3e2c5143746fba07"  # seed 000 (2010-11-03): the story the others join here


def _sig(a, date: str = "2010-11-03"):
    """The seed's signature with a fixed embedding and date: the seeds placed here join one story
    (their own dates span twelve years) without loading the embedding model."""
    v = np.zeros(8, dtype=np.float32)
    v[0] = 1.0
    return dataclasses.replace(signature(a, embed=False), embedding=v, date=date)


def _store_with(url: str, seeds: dict, keys: tuple[str, ...] = ("000", "001", "004", "003")):
    s = open_store(url)
    for k in keys:
        s.add(seeds[k])
    return s


def _computed(store, story_id: str) -> tuple[list[str], list]:
    """The story's reading order and its summary computed from the analyses, as the web does."""
    ids = digest.reading_order(store.story(story_id)["articles"])
    return ids, summarise([store.get(i) for i in ids])


def test_a_batch_keeps_the_summaries_of_the_stories_it_touched_and_a_grown_story_gets_a_fresh_one(
        new_url, seeds, monkeypatch):
    store = _store_with(new_url(), seeds)
    calls: list[int] = []
    real = digest.summarise
    monkeypatch.setattr(digest, "summarise", lambda analyses: calls.append(len(analyses)) or real(analyses))
    w = StoryWriter(store)
    w.add([_sig(seeds["000"])])
    assert store.story(STORY)["originals"] == 1 and store.summary_keys([STORY]) == {} and calls == []
    w.add([_sig(seeds["001"]), _sig(seeds["004"])])  # both join it in one batch: summarised once
    assert calls == [3]
    ids, want = _computed(store, STORY)
    assert ids == [seeds[k].article.id for k in ("000", "001", "004")]  # oldest first
    assert len({c.article_id for c in want}) > 1  # a multi-document summary
    assert digest.stored(store, STORY, ids) == want
    row = store.story_summary(STORY)
    assert row["key"] == digest.summary_key(ids)
    w.add([_sig(seeds["003"])])  # the story gains an (undated) article: read last, a new key
    ids2, want2 = _computed(store, STORY)
    assert ids2 == [*ids, seeds["003"].article.id] and calls == [3, 4]
    assert store.story_summary(STORY)["key"] == digest.summary_key(ids2) != row["key"]
    assert digest.stored(store, STORY, ids2) == want2
    assert digest.stored(store, STORY, ids) is None  # what the old articles would read is stale now
    assert digest.refresh(store, [STORY, STORY]) == 0 and calls == [3, 4]  # up to date: not computed again
    store.close()


def _placed(url: str, seeds: dict, summaries: bool = True) -> None:
    store = _store_with(url, seeds, ("000", "001", "004"))
    w = StoryWriter(store, summaries=summaries)
    for k in ("000", "001", "004"):
        w.add([_sig(seeds[k])])
    store.close()


def _story(url: str) -> tuple[dict, str]:
    with TestClient(create_app(url)) as c:
        api = c.get(f"/api/stories/{STORY}")
        page = c.get(f"/story/{STORY}")
        assert api.status_code == page.status_code == 200
        return api.json(), page.text


def _files(url: str) -> str:
    """A digest of the SQLite store's data (the file and its WAL), to see that nothing wrote to it."""
    wal = Path(url + "-wal")
    return hashlib.sha1(Path(url).read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


def test_the_web_shows_a_kept_summary_only_under_its_key_and_never_writes(new_url, seeds):
    url = new_url()
    _placed(url, seeds)
    store = open_store(url)
    ids, want = _computed(store, STORY)
    computed = summary_view([], cited=want)
    kept, page = _story(url)
    assert kept["summary"] == computed
    store.save_summaries([{"story_id": STORY, "key": "x", "summary": "[]"}])  # a key no article set gives
    fresh, fresh_page = _story(url)
    assert fresh["summary"] == computed and fresh_page == page  # the page is the same, computed or kept
    # a kept summary under the right key is what the page shows (so it is read, not recomputed) ...
    bogus = [{**dataclasses.asdict(want[0]), "text": "جملة محفوظة"}]
    store.save_summaries([{"story_id": STORY, "key": digest.summary_key(ids), "summary": json.dumps(bogus)}])
    assert [c["text"] for c in _story(url)[0]["summary"]] == ["جملة محفوظة"]
    # ... and one computed before the story gained its 2022 article is never shown
    store.save_summaries([{"story_id": STORY, "key": digest.summary_key(ids[:2]), "summary": json.dumps(bogus)}])
    before = store.story_summary(STORY)
    store.close()
    files = _files(url) if not url.startswith("postgresql://") else None
    stale, stale_page = _story(url)
    assert stale["summary"] == computed and stale_page == page
    store = open_store(url, readonly=True)
    assert store.story_summary(STORY) == before  # the web did not write the fresh one back
    store.close()
    if files is not None:
        assert _files(url) == files
    else:
        assert query_one(url, "SELECT count(*) FROM story_summaries") == 1


def test_backfill_computes_the_missing_and_stale_summaries(tmp_path, seeds):
    db = str(tmp_path / "k.db")
    _placed(db, seeds, summaries=False)  # placed before summaries were kept
    store = open_store(db)
    assert store.summary_keys([STORY]) == {}
    r = CliRunner().invoke(main, ["stories", "--backfill", "--db", db])
    assert r.exit_code == 0, r.output
    assert "0 articles placed in stories" in r.output and "1 story summaries computed" in r.output
    ids, want = _computed(store, STORY)
    assert digest.stored(store, STORY, ids) == want
    r = CliRunner().invoke(main, ["stories", "--backfill", "--db", db])
    assert "0 story summaries computed" in r.output  # nothing missing or stale
    store.save_summaries([{"story_id": STORY, "key": digest.summary_key(ids[:2]), "summary": "[]"}])
    assert digest.fill(store) == 1 and digest.stored(store, STORY, ids) == want
    store.clear_stories()
    assert store.story_summary(STORY) is None
    store.close()


def test_a_sqlite_store_written_before_kept_summaries_is_read_as_it_is(tmp_path, seeds):
    db = str(tmp_path / "old.db")
    _placed(db, seeds)
    con = sqlite3.connect(db)
    con.execute("DROP TABLE story_summaries")
    con.commit()
    con.close()
    ro = open_store(db, readonly=True)  # not upgraded for this: its summaries are computed by the reader
    assert ro.story_summary(STORY) is None and ro.summary_keys([STORY]) == {}
    ids, want = _computed(ro, STORY)
    ro.close()
    assert _story(db)[0]["summary"] == summary_view([], cited=want)
    rw = open_store(db)  # a writer adds the table
    assert digest.fill(rw) == 1 and digest.stored(rw, STORY, ids) == want
    rw.close()


def test_store_reads_an_article_by_its_id_or_a_unique_prefix(tmp_path, seeds):
    store = _store_with(str(tmp_path / "k.db"), seeds)
    aid = seeds["000"].article.id
    assert store.get(aid).article.id == aid and store.get(f" {aid[:6].upper()} ").article.id == aid
    assert store.resolve_id(aid[:4]) == aid and store.resolve_id("ffff") is None and store.get("zz" * 8) is None
    store.close()


def test_postgres_migration_adds_the_summary_table_to_a_version_7_store(pg_server, seeds):
    import psycopg

    from khabar.store.postgres import SCHEMA_VERSION, migrate

    url = pg_server.new_db()
    name = url.split("/")[3].split("?")[0]
    with psycopg.connect(pg_server.url("postgres"), autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(url, autocommit=True) as con:
        assert migrate(con, upto=7) == 7  # the schema before kept summaries
    assert query_one(url, "SELECT to_regclass('story_summaries') IS NULL") is True
    store = _store_with(url, seeds, ("000", "001"))  # a writer upgrades it
    assert query_one(url, "SELECT value FROM meta WHERE key = 'schema'") == str(SCHEMA_VERSION)
    assert query_one(url, "SELECT to_regclass('events_actor_listing') IS NOT NULL") is True  # migration 9
    w = StoryWriter(store)
    w.add([_sig(seeds["000"]), _sig(seeds["001"])])
    ids, want = _computed(store, STORY)
    assert digest.stored(store, STORY, ids) == want and len(ids) == 2
    store.close()


def test_one_original_stories_are_not_kept(tmp_path, seeds):
    store = _store_with(str(tmp_path / "k.db"), seeds, ("000", "001"))
    StoryWriter(store).add([_sig(seeds["000"]), _sig(seeds["001"], date="2022-01-12")])  # two stories
    assert len(store.stories(min_size=1)) == 2 and store.summary_keys([STORY]) == {}
    assert digest.fill(store) == 0 and digest.fill(store, min_originals=1) == 2
    store.close()


def test_the_cli_story_shows_the_kept_summary_under_its_key(new_url, seeds):
    url = new_url()
    _placed(url, seeds)
    store = open_store(url)
    ids, want = _computed(store, STORY)
    bogus = [{**dataclasses.asdict(want[0]), "text": "جملة محفوظة"}]
    store.save_summaries([{"story_id": STORY, "key": digest.summary_key(ids), "summary": json.dumps(bogus)}])
    store.close()
    got = json.loads(CliRunner().invoke(main, ["story", STORY, "--db", url, "--json"]).output)
    assert [c["text"] for c in got["summary"]] == ["جملة محفوظة"]  # read, not recomputed
    got = json.loads(CliRunner().invoke(main, ["story", STORY, "--db", url, "--json", "--sentences", "2"]).output)
    texts = [c["text"] for c in got["summary"]]  # another length than the kept one: computed here
    assert 1 <= len(texts) <= 2 and "جملة محفوظة" not in texts
    store = open_store(url)
    store.save_summaries([{"story_id": STORY, "key": digest.summary_key(ids[:1]), "summary": json.dumps(bogus)}])
    store.close()
    got = json.loads(CliRunner().invoke(main, ["story", STORY, "--db", url, "--json"]).output)
    assert [c["text"] for c in got["summary"]] == [c.text for c in want]  # a stale one is not shown
