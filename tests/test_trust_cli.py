"""Issue «Trust», items 8, 11 and 13: interrupts, honest event exports, and the smaller CLI defects."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import main
from khabar.model import Analysis, Article, DateValue, Entity, Event, EventMention, Quote
from khabar.store import open_store

HEADLINE = "البوعزيزي يحرق نفسه"
BODY = ("أضرم محمد البوعزيزي النار في نفسه أمام مقر الولاية. وقال الوالي: «لن نسمح بالفوضى». "
        "ولم تعتقل الشرطة أحدا.")


def _event(eid: str, mode: str, confidence: float, date: str | None, start: int, end: int) -> Event:
    return Event(id=eid, plover="PROTEST", cameo="145", goldstein=-7.0, mode=mode, actor="new:PER:مهمد بعزز",
                 recipient="TUN_GOV", actor_country="TUN", recipient_country="TUN", recipient_sector="GOV",
                 date=date, trigger="أضرم", confidence=confidence,
                 mentions=[EventMention(start=start, end=end, trigger_start=start, trigger_end=start + 4, text="أضرم")])


def _analysis(aid: str, published: DateValue | None) -> Analysis:
    text = f"{HEADLINE}\n\n{BODY}"
    b = len(HEADLINE) + 2
    q0 = text.index("«") + 1
    art = Article(id=aid, text=text, title=HEADLINE, published=published, language="ar", source_path="/x/a.txt")
    ents = [Entity("new:PER:مهمد بعزز", "محمد البوعزيزي", "PER"),
            Entity("TUN_GOV", "الولاية", "ORG", "Tunisia GOV", "TUN", "GOV")]
    events = [_event(f"{aid}-asserted", "asserted", 0.8, None, b, b + 40),
              _event(f"{aid}-negated", "negated", 0.8, None, b, b + 40),
              _event(f"{aid}-unlikely", "asserted", 0.2, None, b, b + 40)]
    quotes = [Quote(start=q0, end=text.index("»"), kind="direct", speaker=None, speaker_text="الوالي", verb="قال")]
    return Analysis(article=art, entities=ents, events=events, quotes=quotes)


@pytest.fixture()
def event_db(tmp_path: Path) -> str:
    """A real store with two articles: one dated (month precision), one whose date is unknown."""
    db = str(tmp_path / "ev.db")
    st = open_store(db)
    st.add_many([_analysis("a" * 16, DateValue("2010-12", "month", 0.9, "metadata")),
                 _analysis("b" * 16, DateValue(None, "none", 0.0, "", earliest="2010-12-01", latest="2011-01-31"))])
    st.close()
    return db


def test_gdelt_export_names_dates_and_modes(event_db: str, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    r = CliRunner().invoke(main, ["export", "-f", "gdelt", "--db", event_db, "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "exported 2 events" in r.stderr  # not "articles"; only the asserted, likely events by default
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert {row["Mode"] for row in rows} == {"asserted"} and all(float(row["Confidence"]) >= 0.4 for row in rows)
    for row in rows:
        assert row["Actor1Name"] == "محمد البوعزيزي" and row["Actor1Id"] == "new:PER:مهمد بعزز"
        assert ":" not in row["Actor1Code"] + row["Actor2Name"]
    dated, undated = sorted(rows, key=lambda row: row["GLOBALEVENTID"])
    assert (dated["SQLDATE"], dated["MonthYear"], dated["Year"], dated["DatePrecision"]) == ("", "201012", "2010", "month")
    assert dated["DateSource"] == "article"
    assert undated["DatePrecision"] == "unknown" and undated["DateWindow"] == "2010-12-01..2011-01-31"
    r = CliRunner().invoke(main, ["export", "-f", "gdelt", "--all", "--db", event_db, "-o", str(out)])
    rows = list(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert "exported 6 events" in r.stderr and {row["Mode"] for row in rows} == {"asserted", "negated"}


def test_plover_export_keeps_ids_apart_from_names(event_db: str) -> None:
    r = CliRunner().invoke(main, ["export", "-f", "plover", "--db", event_db])
    rows = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(rows) == 2 and "exported 2 events" in r.stderr
    for row in rows:
        assert row["actor"] == {"id": "new:PER:مهمد بعزز", "name": "محمد البوعزيزي", "name_ar": "محمد البوعزيزي",
                                "country": "TUN", "sector": None}
        assert row["recipient"]["name"] == "Tunisia GOV" and row["mode"] == "asserted"
    assert {(x["date"], x["date_precision"]) for x in rows} == {("2010-12", "month"), (None, "unknown")}


def test_show_prints_direct_quotes_inside_guillemets(event_db: str) -> None:
    r = CliRunner().invoke(main, ["show", "aaaa", "--db", event_db])
    line = next(x for x in r.stdout.splitlines() if x.strip().startswith("quote:"))
    assert "«»" not in line and "«لن نسمح بالفوضى»" in line
    r = CliRunner().invoke(main, ["quotes", "--db", event_db])
    assert "«»" not in r.stdout and "«لن نسمح بالفوضى»" in r.stdout


def test_help_texts() -> None:
    top = CliRunner().invoke(main, ["--help"]).output
    assert "in time" not in top and "events" in top
    assert "%%" not in CliRunner().invoke(main, ["events", "--help"]).output
    ex = " ".join(CliRunner().invoke(main, ["export", "--help"]).output.split())
    assert "one row per event: plover" in ex and "--all" in ex


def test_dyad_header_lines_up_with_its_columns() -> None:
    from khabar.cli.events import _dyad_table

    rows = [{"period": "2010", "direction": "→", "asserted": 1, "cooperative": 1, "conflictual": 0,
             "goldstein_sum": 3.5, "goldstein_mean": 3.5, "other_modes": 2},
            {"period": "2011", "direction": "←", "asserted": 12, "cooperative": 2, "conflictual": 10,
             "goldstein_sum": -31.0, "goldstein_mean": -2.58, "other_modes": 0}]
    head, *body = _dyad_table(rows, "Anders Fogh Rasmussen", "Russia")
    for line in body:
        assert len(line) == len(head)
        # every column ends where its header ends
        for h in ("asserted", "coop", "confl", "Goldstein", "mean", "other"):
            end = head.index(h) + len(h)
            assert line[end - 1] != " " and (end == len(line) or line[end] == " "), (h, head, line)


def test_eval_ner_finds_its_data_from_any_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khabar.eval.harness import default_ner_data, ner_data_candidates

    gold = tmp_path / "g.conll"
    gold.write_text("موسكو B-LOC\n. O\n\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KHABAR_ANERCORP", str(gold))
    assert default_ner_data() == gold
    r = CliRunner().invoke(main, ["eval", "ner", "--model", "crf"])
    assert r.exit_code == 0 and "micro" in r.stdout, r.output
    monkeypatch.setenv("KHABAR_ANERCORP", str(tmp_path / "missing.conll"))
    repo = Path(__file__).resolve().parent.parent
    assert repo.parent / "shared" / "eval" / "raw" / "anercorp_camel_split" / "ANERcorp_test.conll" in ner_data_candidates()
    if default_ner_data() is None:  # without the shared data: an error naming where it is looked for
        r = CliRunner().invoke(main, ["eval", "ner", "--model", "crf"])
        assert r.exit_code != 0 and "ANERcorp_test.conll" in r.output and "--data" in r.output


# ----------------------------------------------------------------------------- item 8: interrupts


def _corpus(path: Path, n: int) -> Path:
    """A JSONL corpus of n distinct records made from the seed pages."""
    from conftest import SAMPLES

    seeds = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"r{i}", "text": f"{seeds[i % len(seeds)]}\n\nرقم {i}"}, ensure_ascii=False) + "\n")
    return path


def _committed(db: str) -> int:
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _start_ingest(inp: Path, db: str):
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "khabar.cli", "ingest", str(inp), "--db", db, "-j", "2", "--batch-size", "1",
         "--no-progress", "--ner", "crf"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_committed(procs: dict, timeout: float = 90.0) -> dict[str, int]:
    import time

    t0, seen = time.monotonic(), {}
    while len(seen) < len(procs) and time.monotonic() - t0 < timeout:
        for db in procs:
            if db not in seen and _committed(db) >= 1:
                seen[db] = _committed(db)
        time.sleep(0.05)
    assert len(seen) == len(procs), "ingest never committed a batch"
    for p in procs.values():
        assert p.poll() is None, "ingest finished before the signal: the input is too small"
    return seen


def test_ctrl_c_and_kill_leave_one_line_and_the_committed_batches(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) prints one line and exits 130;
    SIGKILL of the ingest process leaves no worker behind and no BrokenPipe traceback. Both keep the
    committed batches. The two ingests run side by side to keep the test short."""
    import os
    import signal
    import time

    inp = _corpus(tmp_path / "c.jsonl", 400)
    int_db, kill_db = str(tmp_path / "int.db"), str(tmp_path / "kill.db")
    procs = {int_db: _start_ingest(inp, int_db), kill_db: _start_ingest(inp, kill_db)}
    try:
        seen = _wait_committed(procs)
        os.killpg(procs[int_db].pid, signal.SIGINT)
        os.kill(procs[kill_db].pid, signal.SIGKILL)
        out, err = procs[int_db].communicate(timeout=60)
        assert procs[int_db].returncode == 130, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("khabar: error: interrupted; committed articles are kept"), err
        kept = int(lines[0].split("(")[1].split()[0])
        assert kept == _committed(int_db) >= seen[int_db]
        _, err = procs[kill_db].communicate(timeout=60)  # EOF only once every worker has closed stderr
        assert "Traceback" not in err and "BrokenPipe" not in err, err
        for _ in range(100):
            try:
                os.killpg(procs[kill_db].pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            raise AssertionError("workers outlived the killed ingest")
        assert _committed(kill_db) >= seen[kill_db]
    finally:
        for p in procs.values():
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGKILL)
                p.communicate()


# ----------------------------------------------------------------------------- item 13: progress, source_path


def test_ingest_says_it_loads_models_reports_bytes_and_stores_absolute_paths(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import SAMPLES

    from khabar.engines.local import ingest, input_files

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:2]:
        (docs / p.name).write_bytes(p.read_bytes())
    monkeypatch.chdir(tmp_path)
    log: list[tuple[str, object]] = []
    st = open_store(str(tmp_path / "k.db"))
    rep = ingest(["docs"], st, workers=1, status=lambda m: log.append(("status", m)),
                 progress=lambda n: log.append(("docs", n)), on_bytes=lambda b: log.append(("bytes", b)))
    assert rep.new == 2
    assert log[0] == ("status", "loading models…") and log.index(("status", "loading models…")) < log.index(("docs", 1))
    positions = [v for k, v in log if k == "bytes"]
    total = sum(input_files([str(docs)]).values())
    assert positions == sorted(positions) and positions[-1] == total and positions[0] < total
    paths = {st.get(r.id).article.source_path for r in st.list()}
    assert paths == {str(docs / p.name) for p in sorted(SAMPLES.glob("*.txt"))[:2]}
    st.close()


def test_input_meter_follows_the_read_position_inside_a_big_file(tmp_path: Path) -> None:
    import gzip
    import random

    from khabar.engines.local import InputMeter, input_files
    from khabar.ingest.readers import iter_sources

    rnd = random.Random(7)
    words = "قال الوزير إن الحكومة ستعقد اجتماعا في العاصمة يوم الأحد لبحث الأزمة مع الوفد الزائر".split()
    recs = "".join(json.dumps({"id": i, "text": " ".join(rnd.choices(words, k=60)) + f" {rnd.random()}"},
                              ensure_ascii=False) + "\n" for i in range(800))
    for path in (tmp_path / "big.jsonl", tmp_path / "big.jsonl.gz"):
        path.write_bytes(gzip.compress(recs.encode()) if path.suffix == ".gz" else recs.encode())
        meter = InputMeter(input_files([str(path)]))
        pos = [meter.position(d.source) for d in iter_sources([str(path)])]
        assert pos == sorted(pos) and pos[-1] <= meter.total
        assert 0.2 * meter.total < pos[len(pos) // 2] < 0.8 * meter.total, (path.name, pos[len(pos) // 2], meter.total)


def test_ingest_bar_shows_a_total_and_what_it_is_doing() -> None:
    import io

    from khabar.cli.ingest import IngestBar

    buf = io.StringIO()
    bar = IngestBar(4096, disable=False, file=buf)
    bar.bar.mininterval = 0
    bar.status("loading models…")
    bar.bar.refresh()
    assert "loading models…" in buf.getvalue() and "4.00k" in buf.getvalue()
    bar.status("")
    bar.done(1)
    bar.at(2048)
    bar.bar.refresh()
    assert "2.00k/4.00k" in buf.getvalue() and "1 docs" in buf.getvalue()
    bar.close()


# ----------------------------------------------------------------------------- item 13: entities


def _mentions(text: str) -> list[tuple[str, str, str | None]]:
    from khabar.ingest.readers import RawDoc
    from khabar.pipeline import analyze

    a = analyze(RawDoc(source="t", fmt="text", text="خبر\n\n" + text))
    return [(m.text, m.type, m.entity) for m in a.mentions]


def test_currencies_and_units_are_not_actors() -> None:
    from khabar.entities.linking import is_not_actor

    got = _mentions("ارتفع سعر النفط إلى 80 دولارا للبرميل، وتراجع الدولار الأمريكي أمام اليورو، "
                    "فيما بلغت قيمة الصفقة مليار دولار وفق وزارة المالية الروسية.")
    assert not [m for m in got if "دولار" in m[0] or "يورو" in m[0]], got
    assert all(is_not_actor(w) for w in ("الدولار", "دولارات", "الجنيه الإسترليني", "برميل", "الروبل الروسي"))
    assert not any(is_not_actor(w) for w in ("الناتو", "دولة", "يوسف", "الروبل يخسر كثيرا"))


def test_a_football_club_is_an_organisation() -> None:
    got = _mentions("فاز فريق باريس سان جيرمان على ريال مدريد بثلاثة أهداف، وقال مدرب جيرمان إن الفوز مستحق. "
                    "ووقع اللاعب مع نادي برشلونة.")
    clubs = {(t, ty, e) for t, ty, e in got if ty == "ORG"}
    psg = "new:ORG:برس سن كرمن"
    assert ("باريس سان جيرمان", "ORG", psg) in clubs and ("جيرمان", "ORG", psg) in clubs, got
    assert ("ريال مدريد", "ORG", "new:ORG:رل مدرد") in clubs and ("برشلونة", "ORG", "new:ORG:برشلنه") in clubs, got
    assert not [m for m in got if m[1] in ("PER", "LOC") and m[0] in ("جيرمان", "باريس", "مدريد")], got


def test_short_names_need_more_than_one_skeleton_edit() -> None:
    from khabar.kb.actors import knowledge_base

    kb = knowledge_base()
    fogh = "anders_fogh_rasmussen"
    assert fogh not in {a.id for a, _ in kb.fuzzy("روثمان")}  # Rothman
    assert "KREMLIN" not in {a.id for a, _ in kb.fuzzy("جيرمان")}
    for variant in ("راسمون", "رسموسن"):  # real spelling variants still link
        assert fogh in {a.id for a, _ in kb.fuzzy(variant)}, variant
    got = _mentions("قال المحلل الأمريكي ديفيد روثمان إن واشنطن ستفرض عقوبات. وأضاف روثمان أن القرار نهائي.")
    assert [e for t, _, e in got if "روثمان" in t] == ["new:PER:دفد رسمن"] * 2, got
