"""Timelines (khabar.stories.timeline) over a real store of the seeds, and `khabar timeline`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from khabar.cli import main
from khabar.store import open_store
from khabar.stories.timeline import (
    attach_quotes,
    build,
    date_and_precision,
    event_entries,
    quote_entries,
)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """The five seeds ingested as `khabar demo` does, with a fixed reference date (never the clock)."""
    path = str(tmp_path_factory.mktemp("tl") / "seeds.db")
    r = run("ingest", str(SAMPLES), "--db", path, "--no-progress", "-j", "1", "--ref-date", "2026-11-23")
    assert r.exit_code == 0, r.output
    return path


def _row(id_, plover="CONSULT", actor="RUS", recipient="NATO", mode="asserted", date="2010-11-19", art="a1",
         evidence="روسيا والناتو يعقدان قمة في لشبونة.", **kw):
    return {"id": id_, "plover": plover, "actor": actor, "recipient": recipient, "mode": mode, "date": date,
            "article_id": art, "evidence": evidence, "articles": 1, "confidence": 0.6, "trigger": "قمة", **kw}


def _quote(art, text, speaker="sergey_lavrov", published="2010-11-19", start=10, kind="direct"):
    return {"article_id": art, "text": text, "speaker": speaker, "speaker_text": "لافروف", "published": published,
            "start": start, "end": start + len(text), "kind": kind, "title": "t"}


# ---------------------------------------------------------------------- pure functions
def test_date_and_precision():
    assert date_and_precision("2011-07-04") == ("2011-07-04", "day")
    assert date_and_precision("2011-07-04T10:00") == ("2011-07-04", "day")
    assert date_and_precision("2011-07") == ("2011-07", "month")
    assert date_and_precision("2011") == ("2011", "year")
    for undated in (None, "", "XXXX-02-02", "PAST_REF", "P2Y"):
        assert date_and_precision(undated) == (None, "none")


def test_the_same_event_from_several_articles_is_one_entry():
    rows = [_row("e1", art="a1"), _row("e2", art="a2", evidence="قمة روسيا-الناتو في لشبونة."),
            _row("e3", recipient=None, art="a3", evidence="قمة لشبونة."),  # joins the one naming NATO
            _row("e4", mode="proposed", art="a1"),  # another mode: another entry
            _row("e5", date="2010-11-20", art="a1")]  # another day: another entry
    es = event_entries(rows)
    assert len(es) == 3
    (main,) = [e for e in es if e.mode == "asserted" and e.date == "2010-11-19"]
    assert [s.article_id for s in main.sources] == ["a1", "a2", "a3"] and main.reports == 3
    assert main.ids == ["e1", "e2", "e3"] and main.recipient == "NATO"


def test_an_event_without_recipient_stays_apart_when_ambiguous():
    rows = [_row("e1"), _row("e2", recipient="USA"), _row("e3", recipient=None)]
    es = event_entries(rows)
    assert len(es) == 3 and {e.recipient for e in es} == {"NATO", "USA", None}


def test_quotes_dedupe_and_attach_as_key_quotes():
    ev = "قال لافروف إن روسيا مستعدة للتعاون مع الحلف في أفغانستان."
    rows = [_row("e1", actor="RUS", evidence=ev, start=100, end=100 + len(ev))]
    inside = _quote("a1", "روسيا مستعدة للتعاون مع الحلف في أفغانستان", start=113)
    other = _quote("a1", "نريد شراكة حقيقية", start=400, speaker="sergey_lavrov")
    elsewhere = _quote("a9", "روسيا مستعدة للتعاون مع الحلف في أفغانستان", start=5)  # the same words elsewhere
    qs = quote_entries([inside, other, elsewhere])
    assert len(qs) == 2 and qs[0].reports == 2 and [s.article_id for s in qs[0].sources] == ["a1", "a9"]
    es = event_entries(rows)
    rest = attach_quotes(es, qs)
    assert es[0].quote is not None and es[0].quote.text == inside["text"]  # inside the evidence beats the speaker's other
    assert [q.quote.text for q in rest] == ["نريد شراكة حقيقية"]


def test_build_orders_groups_and_lists_undated_apart():
    rows = [_row("e1", date="2022-01-12"), _row("e2", date="2010-11-03", plover="AGREE"),
            _row("e3", date="2010-11-19"), _row("e4", date=None, plover="SUPPORT"),
            _row("e5", date="XXXX-12-04", plover="COOPERATE")]
    quotes = [_quote("a7", "كلام", published="2010-11-25", speaker="RUS"), _quote("a8", "غير مؤرخ", published=None)]
    tl = build(rows, quotes, by="month", speakers={"RUS"})
    assert [p.label for p in tl.periods] == ["2010-11", "2022-01"]
    assert [e.date for e in tl.periods[0].entries] == ["2010-11-03", "2010-11-19", "2010-11-25"]
    assert tl.periods[0].entries[-1].kind == "quote"
    assert {e.plover for e in tl.undated} == {"SUPPORT", "COOPERATE"}  # the quote of another speaker is not kept
    assert [p.label for p in build(rows, by="day").periods] == ["2010-11-03", "2010-11-19", "2022-01-12"]


# ---------------------------------------------------------------------- over the store
def test_timeline_of_the_seed_dyad(db):
    store = open_store(db, readonly=True)
    rows = store.events(actors=["NATO"], recipients=["RUS"], min_confidence=0.3) + \
        store.events(actors=["RUS"], recipients=["NATO"], min_confidence=0.3)
    quotes = store.quotes(limit=500)
    tl = build(rows, quotes, speakers=set())
    dated = [e.date for p in tl.periods for e in p.entries]
    assert dated == sorted(dated) and "2010-11-19" in dated and "2022-01-12" in dated
    assert all(e.kind == "event" and {e.actor, e.recipient} == {"NATO", "RUS"} for e in tl.entries)
    assert len(tl.entries) <= len(rows)
    for e in tl.entries:
        for s in e.sources:
            a = store.get(s.article_id)
            assert a is not None and " ".join(s.snippet.split()) in " ".join(a.article.text.split())
    assert any(e.quote is not None for e in tl.entries)
    store.close()


def test_cli_timeline_dyad(db):
    r = run("timeline", "--actor", "NATO", "--actor", "RUS", "--db", db)
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("timeline: NATO ↔ Russia")
    assert out.index("2010-11-03") < out.index("2011-07-04") < out.index("2022-01-12") < out.index("undated")
    assert "key quote" in out and "CONSULT" in out
    assert "5fcb536d2ef379f5[" in out  # cited by article id and span
    lines = run("timeline", "--actor", "NATO", "--actor", "RUS", "--db", db, "--json", "--from", "2011",
                "--to", "2011").stdout.splitlines()
    entries = [json.loads(x) for x in lines]
    assert entries and all(e["date"].startswith("2011") for e in entries)
    assert all(s["article_id"] and s["snippet"] for e in entries for s in e["sources"])


def test_cli_timeline_one_actor_has_its_quotes(db):
    r = run("timeline", "--actor", "Lavrov", "--db", db, "--by", "month")
    assert r.exit_code == 0, r.output
    assert "Sergey Lavrov said" in r.stdout and "2022-01" in r.stdout


def test_cli_timeline_errors(db):
    r = CliRunner().invoke(main, ["timeline", "--actor", "Nowhere-Land", "--db", db])
    assert r.exit_code != 0 and "unknown actor" in r.output
    r = CliRunner().invoke(main, ["timeline", "--actor", "NATO", "--actor", "RUS", "--actor", "USA", "--db", db])
    assert r.exit_code != 0 and "one actor" in r.output
    r = CliRunner().invoke(main, ["timeline", "--actor", "NATO", "--db", db, "--from", "2022", "--to", "2010"])
    assert r.exit_code != 0
