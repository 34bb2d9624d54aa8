"""Stories: the copy decision, the incremental story assignment, thread linking, and their storage."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import SAMPLES, TODAY

from khabar.cli import main
from khabar.engines.local import ingest, place_stories
from khabar.store import open_store
from khabar.store.export import export
from khabar.stories import cluster
from khabar.stories.dedup import duplicate_of
from khabar.stories.rows import article_row, load_index, signature_of
from khabar.stories.signature import Signature, body_hash, minhash, shingle_hashes, signature, words

BODY = ("قال الأمين العام لحلف شمال الأطلسي إن الحلف مهتم باستئناف التعاون مع روسيا في مجال الدرع الصاروخية "
        "وإن القمة المقبلة في لشبونة ستبحث الشراكة بين الطرفين في أفغانستان ومكافحة الإرهاب والقرصنة "
        "وأضاف أن الحلف لا يشكل تهديدا لروسيا وأن على موسكو أن تنظر إلى الدرع على أنه فرصة للتعاون")


def sig(aid: str, title: str, body: str, date: str | None = "2010-11-03", emb: np.ndarray | None = None) -> Signature:
    ws = words(body)
    sh = shingle_hashes(ws)
    return Signature(aid, body_hash(ws), minhash(sh), sh, tuple(words(title)), emb, date=date, title=title,
                     lead=f"{title}\n{body}")


def test_copies_exact_and_near_need_the_same_title():
    first = sig("a", "الناتو يريد التعاون مع روسيا", BODY)
    exact = sig("b", "الناتو يريد التعاون مع روسيا", BODY + " .")  # punctuation only: same normalised body
    assert duplicate_of(exact, [first]) == ("a", "exact", 1.0)
    reused = sig("c", "ارتفاع أسعار النفط في الأسواق", BODY)  # the body reused under another story's headline
    assert duplicate_of(reused, [first]) is None
    near = sig("d", "الناتو: نريد التعاون مع روسيا", BODY + " وختم بالقول إن الحوار مستمر")
    d = duplicate_of(near, [first])
    assert d is not None and d.kind == "copy" and 0.8 <= d.jaccard < 1
    updated = sig("e", "الناتو يريد التعاون مع روسيا", BODY + " " + " ".join(reversed(BODY.split()[:30])))
    d = duplicate_of(updated, [first])
    assert d is not None and d.kind == "update" and 0.5 <= d.jaccard < 0.8
    other = sig("f", "الناتو يريد التعاون مع روسيا", "نص آخر تماما عن موضوع مختلف لا علاقة له بالحلف " * 3)
    assert duplicate_of(other, [first]) is None


def _unit(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return (v / np.linalg.norm(v)).astype(np.float16).astype(np.float32)  # as signature() rounds it


def test_assignment_is_incremental_windowed_and_stable():
    body2 = "نص مختلف عن تحطم طائرة ركاب في مطار كاتماندو ومقتل العشرات من الركاب وأفراد الطاقم في الحادث"
    a = sig("a", "تحطم طائرة في نيبال", body2, "2018-03-12", _unit(1, 0.05))
    b = sig("b", "مقتل العشرات في تحطم طائرة", "قالت السلطات في نيبال إن التحقيق بدأ في أسباب الحادث الذي أودى "
            "بحياة عشرات الركاب", "2018-03-13", _unit(1, 0.1))
    late = dataclasses.replace(b, article_id="c", date="2018-03-20", body_hash="x",
                               shingles=np.arange(40, dtype=np.uint32), minhash=minhash(np.arange(40, dtype=np.uint32)))
    far = sig("d", "موضوع آخر", BODY, "2018-03-12", _unit(0, 1))
    index = cluster.StoryIndex()
    got = [index.assign(s) for s in (a, b, late, far)]
    assert [g.story_id for g in got] == ["a", "a", "c", "d"]  # joined within the window, not beyond it
    assert got[1].score >= index.pairs.threshold and got[0].new_story and not got[1].new_story
    assert index.assign(b).story_id == "a" and len(index.stories["a"].members) == 2  # re-ingest changes nothing
    # a writer that reloads what the store kept decides the next article as one that never stopped
    rows = [article_row(s, g) for s, g in zip((a, b, late, far), got, strict=True)]
    stories = [{"id": k, "thread_id": v.thread_id, "linked_to": v.linked_to, "link_score": v.link_score}
               for k, v in index.stories.items()]
    reloaded = load_index(rows, stories)
    nxt = sig("e", "ضحايا تحطم الطائرة في نيبال", "تفاصيل جديدة عن ضحايا الحادث " * 3, "2018-03-14", _unit(1, 0.07))
    assert reloaded.assign(nxt) == index.assign(nxt)
    assert signature_of(rows[0]).shingles.tolist() == a.shingles.tolist()


def test_the_embedding_is_computed_only_where_a_cheap_candidate_needs_it():
    vecs = {"a": _unit(1, 0.05), "b": _unit(1, 0.1), "c": _unit(0, 1)}
    calls: list[list[str]] = []

    def embed(sigs):
        calls.append([s.article_id for s in sigs])
        return np.stack([vecs[s.article_id] for s in sigs])

    a = sig("a", "تحطم طائرة ركاب في نيبال", "قالت السلطات إن طائرة ركاب تحطمت في مطار كاتماندو", "2018-03-12")
    c = sig("c", "ارتفاع أسعار النفط", "ارتفعت أسعار النفط في الأسواق العالمية اليوم", "2018-03-12")
    b = sig("b", "مقتل العشرات في تحطم طائرة ركاب في نيبال", "قالت السلطات في نيبال إن التحقيق بدأ", "2018-03-13")
    index = cluster.StoryIndex(embed=embed)
    got = [index.assign(s) for s in (a, c, b)]
    assert [g.story_id for g in got] == ["a", "c", "a"]
    assert calls == [["b", "a"]]  # a and c had no candidate; b embedded with its candidate story's original
    assert c.embedding is None and index.embedded == ["b", "a"]


def test_seeds_form_one_thread_across_twelve_years(seeds):
    index = cluster.StoryIndex()
    for k in sorted(seeds):
        index.assign(signature(seeds[k]))
    threads = {s.thread_id for s in index.stories.values()}
    assert len(index.stories) == 5 and len(threads) == 1  # five stories (years apart), one thread
    links = [s for s in index.stories.values() if s.linked_to]
    assert len(links) == 4 and all(s.link_score >= cluster.THREAD_SIM for s in links)


def test_a_story_needs_shared_actors_to_continue_a_thread(seeds):
    index = cluster.StoryIndex()
    s0 = signature(seeds["000"])
    index.assign(s0)
    alone = dataclasses.replace(signature(seeds["004"]), actors=("someone_else",))
    index.assign(alone)
    assert index.stories[alone.article_id].thread_id == alone.article_id


def test_ingest_places_articles_and_the_store_reads_them_back(new_url):
    url = new_url()
    store = open_store(url)
    ingest([str(SAMPLES)], store, workers=1, ref_date=TODAY)
    rows, stories = store.story_state()
    assert len(rows) == 5 and len({s["thread_id"] for s in stories}) == 1
    assert all(signature_of(r).terms and signature_of(r).entities for r in rows)  # kept for the likelihood
    s = store.story("5fcb")
    assert s["articles"][0]["article_id"].startswith("5fcb") and len(s["thread"]) == 5
    dated = [t["first_date"][:4] for t in s["thread"] if t["first_date"]]
    assert dated == sorted(dated) == ["2010", "2011", "2022"]
    assert store.stories(min_size=1, date_from="2011", date_to="2021")[0]["id"].startswith("833c")
    assert ingest([str(SAMPLES)], store, workers=1, ref_date=TODAY).new == 0
    assert store.story_state()[0] == rows  # re-ingest: unchanged
    store.clear_stories()
    assert len(store.unassigned()) == 5
    assert place_stories(store, workers=1) == 5 and store.story_state()[0] == rows  # the backfill decides the same
    assert {r["story_id"] for r in store.story_map().values()} == {r["story_id"] for r in rows}
    if url.startswith("postgresql://"):
        store.close()
        return
    # the commands and exports, on the SQLite store
    r = CliRunner().invoke(main, ["stories", "--db", url, "--min-size", "1", "--from", "2022"])
    assert r.exit_code == 0 and "5fcb536d2ef379f5" in r.output and "thread" in r.output
    r = CliRunner().invoke(main, ["stories", "--db", url, "--min-size", "1"])
    dates = {line.split()[0]: line.split()[1] for line in r.output.splitlines()}
    assert dates["5fcb536d2ef379f5"] == "2022-01-12" and sum(d.startswith("~") for d in dates.values()) == 2
    assert "undated" not in r.output  # the yearless seeds show the date their story gives them
    r = CliRunner().invoke(main, ["story", "5fcb", "--db", url])
    assert r.exit_code == 0 and "RT Arabic" in r.output and "thread" in r.output and "2010-11-03" in r.output
    assert CliRunner().invoke(main, ["story", "ffff", "--db", url]).exit_code != 0
    path = url + ".csv"
    export(store.iter_analyses(), "csv", path, stories=store.story_map())
    with open(path, encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert len({r["thread_id"] for r in got}) == 1 and all(r["story_id"] for r in got)
    store.close()


def test_copies_are_not_counted_twice_in_events(tmp_path, seeds):
    db = str(tmp_path / "k.db")
    store = open_store(db)
    a = seeds["000"]
    store.add(a)
    before = {e["id"]: e["articles"] for e in store.events(limit=1000)}
    store.save_stories([{"article_id": a.article.id, "story_id": "x", "seq": 1, "dup_of": "y", "dup_kind": "update"}], [])
    after = {e["id"]: e["articles"] for e in store.events(limit=1000)}
    assert before and not after  # the only article is a copy of another: its mentions are not counted


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    """The seeds ingested once into a SQLite store (the command tests read it)."""
    db = str(tmp_path_factory.mktemp("stories") / "k.db")
    store = open_store(db)
    ingest([str(SAMPLES)], store, workers=1, ref_date=TODAY)
    store.close()
    return db


def test_story_shows_its_timeline_and_cited_summary(seed_db):
    r = CliRunner().invoke(main, ["story", "3e2c", "--db", seed_db])
    assert r.exit_code == 0, r.output
    assert "timeline" in r.output and "summary" in r.output
    cited = re.findall(r"(3e2c5143746fba07)\[(\d+):(\d+)\]", r.output.split("summary")[1])
    assert cited  # each summary sentence cites its article and span
    store = open_store(seed_db)
    text = store.get("3e2c5143746fba07").article.text
    s = json.loads(CliRunner().invoke(main, ["story", "3e2c", "--db", seed_db, "--json"]).output)
    assert s["summary"] and all(text[c["start"]:c["end"]] == c["text"] for c in s["summary"])
    assert any(e["kind"] == "event" and e["date"] for e in s["timeline"])
    store.close()


def test_undated_seeds_are_dated_from_their_thread_with_evidence(seed_db):
    store = open_store(seed_db)
    thread = store.story("5fcb")["thread"]
    # seeds 002 (no date) and 003 (02-02, years 2004..2010) placed by their story-derived dates
    assert [t["first_date"] or t["story_date"] for t in thread] == [
        "2009-12", "2010-02-02", "2010-11-03", "2011-07-04", "2022-01-12"]
    assert [t["id"][:4] for t in thread] == ["5759", "10f3", "3e2c", "833c", "5fcb"]
    assert "2008-08" in thread[0]["story_date_note"] and "3e2c5143746fba07" in thread[1]["story_date_note"]
    assert all(t["story_date"] is None for t in thread if t["first_date"])  # only where the article has no date
    assert store.get(thread[1]["id"]).article.published.value == "XXXX-02-02"  # its own date is untouched
    store.close()
    r = CliRunner().invoke(main, ["show", "10f3", "--db", seed_db])
    assert "story date: 2010-02-02" in r.output and "nearest to its thread's dated article" in r.output
    r = CliRunner().invoke(main, ["story", "10f3", "--db", seed_db])
    assert "dated from its thread: 2010-02-02" in r.output and "~2009-12" in r.output


def test_copies_are_not_counted_twice_in_search_and_story_counts(tmp_path, seed_db):
    db = str(tmp_path / "copy.db")
    shutil.copy(seed_db, db)
    store = open_store(db)
    rows, _ = store.story_state()
    first = next(r for r in rows if r["article_id"].startswith("3e2c"))
    copy = next(r for r in rows if r["article_id"].startswith("833c"))
    # record 833c as a copy of 3e2c (in 3e2c's story): searches and story sizes count it once
    store.save_stories([{**copy, "story_id": first["story_id"], "dup_of": first["article_id"], "dup_kind": "copy",
                         "score": 0.9}],
                       [{"id": first["story_id"], "thread_id": first["story_id"], "first_date": "2010-11-03",
                         "last_date": "2011-07-04", "size": 2, "originals": 1, "outlets": 2}])
    assert store.copies_of([copy["article_id"]]) == {first["article_id"]: [copy["article_id"]]}
    assert not store.stories(min_size=2)  # one original and its copy: not a two-article story
    r = CliRunner().invoke(main, ["stories", "--db", db, "--min-size", "1"])
    assert "  1 art. +1 copy" in r.output
    before = CliRunner().invoke(main, ["search", "روسيا", "--db", seed_db, "--json"]).stdout.splitlines()
    hits = [json.loads(line) for line in CliRunner().invoke(main, ["search", "روسيا", "--db", db, "--json"]).stdout
            .splitlines()]
    ids = [h["id"] for h in hits]
    assert len(before) == 5 and len(ids) == 4 and sum(i in (first["article_id"], copy["article_id"]) for i in ids) == 1
    kept = next(h for h in hits if h["id"] in (first["article_id"], copy["article_id"]))
    assert set(kept["copies"]) | {kept["id"]} == {first["article_id"], copy["article_id"]}
    store.close()


def test_story_date_narrows_candidates_by_mentions_then_thread():
    from khabar.stories.dating import story_date

    thread = [("2010-11-03", "a", "a"), ("2022-01-12", "b", "b")]
    own = {"candidates": ["2008-02-02", "2009-02-02", "2010-02-02"], "mentions": []}
    d = story_date(own, thread)
    assert d.value == "2010-02-02" and "a (2010-11-03" in d.note  # nearest to a dated story of its thread
    assert story_date(own, []) is None  # nothing narrows it: no date rather than a guess
    mentioned = {"earliest": "2009-08-01", "latest": "2011-12-23", "month_days": ["12-04"], "mentions": ["2008-08"]}
    d = story_date(mentioned, thread)
    assert d.value == "2009-12" and "2008-08" in d.note  # the first candidate after the event it mentions
    assert story_date({"candidates": ["2010-02-02"]}, []).value == "2010-02-02"
