"""The CLI end to end on real files: ingest, list, show, search, export, demo, errors."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from click.testing import CliRunner
from conftest import SAMPLES

from khabar.cli import main


def run(*args, input=None):
    r = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    return r


def test_ingest_list_show_search_export(tmp_path):
    db = str(tmp_path / "k.db")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.pdf").write_bytes(b"%PDF-1.4 ...")
    r = run("ingest", str(SAMPLES), str(bad), "--db", db, "--no-progress", "-j", "1")
    assert r.exit_code == 1  # one file failed: the exit code says so
    assert "x.pdf" in r.stderr and "binary" in r.stderr
    assert "6 read, 5 new" in r.stderr

    r = run("list", "--db", db)
    assert r.exit_code == 0
    lines = r.stdout.strip().splitlines()
    assert len(lines) == 5 and lines[0].split()[1] == "2022-01-12"

    art_id = next(ln.split()[0] for ln in lines if "2011-07-04" in ln)
    r = run("show", art_id[:6], "--db", db)
    assert r.exit_code == 0
    assert "published: 2011-07-04 11:07" in r.stdout and "MENA" in r.stdout and "موسكو" in r.stdout
    assert "يبحث ممثلو روسيا" in r.stdout
    r = run("show", art_id, "--db", db, "--json", "--tokens")
    d = json.loads(r.stdout)
    assert d["article"]["id"] == art_id and d["sentences"][0]["tokens"]

    r = run("search", "الدرع", "الصاروخي", "--db", db, "--json")
    hits = [json.loads(x) for x in r.stdout.splitlines()]
    assert hits and "درع" in hits[0]["snippet"]
    r = run("search", "راسموسن", "--db", db, "--from", "2011-01-01", "--to", "2011-12-31")
    assert r.stdout.count("\n") == 2 and "2011-07-04" in r.stdout  # one hit + snippet line

    r = run("export", "--db", db, "-f", "jsonl")
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 5 and all("sentences" in x for x in rows)
    r = run("export", "--db", db, "-f", "csv")
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == 5
    out = tmp_path / "a.parquet"
    r = run("export", "--db", db, "-f", "parquet", "-o", str(out))
    assert r.exit_code == 0
    t = pq.read_table(out)
    assert t.num_rows == 5 and "published" in t.column_names


def test_stdin_ingest(tmp_path):
    db = str(tmp_path / "s.db")
    data = next(SAMPLES.glob("004_*")).read_bytes()
    r = CliRunner().invoke(main, ["ingest", "-", "--db", db, "--no-progress"], input=data)
    assert r.exit_code == 0, r.output
    r = run("list", "--db", db)
    assert "2022-01-12" in r.stdout


def test_show_unknown_id(tmp_path):
    from khabar.store import open_store

    open_store(str(tmp_path / "e.db")).close()  # an empty store (reads refuse a missing one)
    r = CliRunner().invoke(main, ["show", "deadbeef", "--db", str(tmp_path / "e.db")])
    assert r.exit_code != 0 and "no article" in r.output


def test_demo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("demo")
    assert r.exit_code == 0
    assert "5 new" in r.stdout and "2010-11-03" in r.stdout and "2011-07-04" in r.stdout
    assert "الدرع الصاروخي" in r.stdout


def test_entities_entity_and_actor_search(tmp_path):
    db = str(tmp_path / "e.db")
    assert run("ingest", str(SAMPLES), "--db", db, "--no-progress", "-j", "1").exit_code == 0
    r = run("entities", "--db", db, "-n", "5")
    top = [ln.split()[5] for ln in r.stdout.splitlines()]
    assert top[:2] == ["RUS", "NATO"] or top[:2] == ["NATO", "RUS"]  # in all five articles
    r = run("entities", "--db", db, "--type", "PER", "--json")
    people = [json.loads(x)["entity_id"] for x in r.stdout.splitlines()]
    assert people[0] == "anders_fogh_rasmussen"
    r = run("entity", "Rasmussen", "--db", db)
    assert r.exit_code == 0
    assert "Secretary General of NATO" in r.stdout and "2009-08-01" in r.stdout
    assert "راسمون" in r.stdout and "راسموسن" in r.stdout  # variants seen in the articles
    assert r.stdout.count("    ") >= 3  # lists the articles
    # --actor with English aliases, alone or with a query
    r = run("search", "--actor", "NATO", "--actor", "Lavrov", "--db", db, "--json")
    ids = {json.loads(x)["id"] for x in r.stdout.splitlines()}
    assert len(ids) == 3  # seeds 000, 002, 004 name Lavrov
    r = run("search", "الدرع", "--actor", "Medvedev", "--db", db, "--json")
    assert {json.loads(x)["published"] for x in r.stdout.splitlines()} == {"2010-11-03", "2011-07-04"}
    r = CliRunner().invoke(main, ["search", "--actor", "Nobody Atall", "--db", db])
    assert r.exit_code != 0 and "unknown actor" in r.output


def test_search_by_event_type_and_story(tmp_path):
    from khabar.store import open_store

    db = str(tmp_path / "t.db")
    assert run("ingest", str(SAMPLES), "--db", db, "--no-progress", "-j", "1").exit_code == 0
    s = open_store(db, readonly=True)
    ids = [r.id for r in s.list(limit=10)]
    having = {t: s.with_event_type(ids, t, 0.4) for t in {e["plover"] for e in s.events(limit=1000)}}
    typ, want = min(having.items(), key=lambda kv: (not kv[1], len(kv[1]), kv[0]))  # some seeds, not all
    one = ids[0]
    story = s.story(one)
    s.close()
    r = run("search", "--type", typ.lower(), "--db", db, "--json")
    assert {json.loads(x)["id"] for x in r.stdout.splitlines()} == want and 0 < len(want) < 5
    r = run("search", "روسيا", "--story", one[:6], "--db", db, "--json")
    assert {json.loads(x)["id"] for x in r.stdout.splitlines()} <= {a["article_id"] for a in story["articles"]}
    assert r.stdout.strip()
    bad = CliRunner().invoke(main, ["search", "--type", "NOPE", "--db", db])
    assert bad.exit_code != 0 and "PLOVER" in bad.output
    bad = CliRunner().invoke(main, ["search", "روسيا", "--story", "ffff", "--db", db])
    assert bad.exit_code != 0 and "no story" in bad.output


def test_eval_ner_on_a_small_gold_file(tmp_path):
    gold = tmp_path / "g.conll"
    gold.write_text("قال O\nالرئيس O\nالروسي O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n. O\n\n",
                    encoding="utf-8")
    for model in ("ensemble", "neural", "crf"):
        r = run("eval", "ner", "--data", str(gold), "--model", model)
        assert r.exit_code == 0
        assert "PER" in r.stdout and "micro" in r.stdout and "tokens/s" in r.stdout and model in r.stdout
        micro = next(line for line in r.stdout.splitlines() if line.startswith("micro"))
        assert float(micro.split()[3]) == 1.0, (model, r.stdout)


def test_ingest_with_the_crf_tagger(tmp_path, monkeypatch):
    from khabar.entities.ensemble import default_ner

    monkeypatch.delenv("KHABAR_NER", raising=False)
    default_ner.cache_clear()
    db = str(tmp_path / "k.db")
    r = run("ingest", "-j", "1", "--no-progress", "--ner", "crf", "--db", db, str(SAMPLES))
    assert r.exit_code == 0, r.output
    try:
        from khabar.entities.crf import NER

        assert isinstance(default_ner(), NER)  # the pipeline ran with the CRF
        r = run("events", "--actor", "NATO", "--db", db)
        assert r.exit_code == 0 and "NATO" in r.output
    finally:
        default_ner.cache_clear()
        monkeypatch.delenv("KHABAR_NER", raising=False)

