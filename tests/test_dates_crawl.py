"""A crawled record that nothing in the page dates: the crawl date is a weak publication date
(method «crawl», low confidence), used only when nothing better exists, so that relative
expressions resolve against it (issue #15)."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from khabar.ingest.metadata import CRAWL_CONFIDENCE
from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze

REF = dt.date(2026, 11, 23)
UNDATED = "قال المتحدث أمس إن الاجتماع الذي عقد يوم الأربعاء ناقش الخطط، وسيعقد اجتماع آخر اليوم في الرياض."


def _analyse(text: str, date: str | None = "2015-08-07", **extra):
    extra = extra or {"date_is_extraction_date": True}
    raw = RawDoc(source="x", fmt="json", title="عنوان الخبر هنا الآن", text=text, date=date, extra=extra)
    return analyze(raw, ref_date=REF)


def test_crawl_date_dates_an_undated_page_weakly_and_anchors_relative_days():
    a = _analyse(UNDATED)
    p = a.article.published
    assert (p.value, p.precision, p.method, p.confidence) == ("2015-08-07", "day", "crawl", CRAWL_CONFIDENCE)
    assert p.evidence is None and any("crawl date 2015-08-07" in n and "nothing in the page" in n for n in p.notes)
    got = {t.text: t.value for t in a.timexes}
    assert got["أمس"] == "2015-08-06" and got["يوم الأربعاء"] == "2015-08-05" and got["اليوم"] == "2015-08-07"


def test_page_evidence_wins_over_the_crawl_date():
    a = _analyse("أعلن الوزير يوم الجمعة 24 يوليو أن الاتفاق سيوقع قريبا في الرياض بحضور الوفود.", "2015-08-01")
    assert a.article.published.value == "2015-07-24" and a.article.published.method == "lead"


def test_crawl_date_from_a_warc_header_and_never_after_the_reference_date():
    a = _analyse(UNDATED, None, crawl_date="2015-08-07T10:00:00Z")
    assert a.article.published.value == "2015-08-07" and a.article.published.method == "crawl"
    raw = RawDoc(source="x", fmt="json", title="عنوان الخبر هنا الآن", text=UNDATED, date="2030-01-05",
                 extra={"date_is_extraction_date": True})
    p = analyze(raw, ref_date=REF).article.published
    assert p.value == REF.isoformat() and p.method == "crawl"  # the earlier of crawl and reference dates


def test_no_crawl_date_no_candidate():
    # a record's own date field that is not a crawl date stays the metadata date
    a = _analyse(UNDATED, "2015-08-07", other=True)
    assert a.article.published.method == "metadata"
    # an unreadable crawl date gives no candidate, and relative days stay unresolved
    a = _analyse(UNDATED, None, crawl_date="not a date")
    assert a.article.published.value is None
    assert {t.text: t.value for t in a.timexes}["أمس"] == "REL-1D"


def test_list_and_show_flag_the_crawl_date(tmp_path):
    from khabar.cli import main

    src = tmp_path / "a.jsonl"
    rec = {"id": "c1", "title": "اجتماع في الرياض لمناقشة الخطط", "date": "2015-08-07", "date_is_extraction_date": True,
           "text": UNDATED}
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "k.db")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", db, "--no-progress", "-j", "1"], catch_exceptions=False).exit_code == 0
    listed = run(main, ["list", "--db", db]).stdout
    assert "2015-08-07 ?" in listed
    out = run(main, ["show", listed.split()[0], "--db", db]).stdout
    assert "published: 2015-08-07  confidence 0.30, crawl" in out
