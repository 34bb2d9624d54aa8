"""Hijri (Umm al-Qura) dates: patterns, conversion, resolution against the publication date,
the publication date from Hijri datelines, and the Hijri value kept beside the Gregorian one."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.extract.timex import find_timexes
from khabar.model import Analysis, Article, DateValue, Timex
from khabar.text.dates import find_dates, find_hijri, gregorian_to_hijri, hijri_to_gregorian, hijri_year_for

PUB = DateValue("2015-08-10", "day")  # 25 Shawwal 1436


def timexes(text: str, pub: DateValue | None = PUB) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.value, t.hijri) for t in find_timexes(text, pub)}


def test_converter_round_trip():
    assert hijri_to_gregorian(1436, 10, 30) == dt.date(2015, 8, 15)
    assert gregorian_to_hijri(dt.date(2015, 8, 10)) == (1436, 10, 25)
    assert hijri_to_gregorian(1436, 13, 1) is None and hijri_to_gregorian(1200, 1, 1) is None  # invalid, outside tables


@pytest.mark.parametrize(
    "text, value, hijri",
    [
        ("صدر القرار بتاريخ 30/10/1436هـ في الرياض", "2015-08-15", "1436-10-30"),  # d/m/y with the marker
        ("صدر القرار بتاريخ 1436/10/30 هـ في الرياض", "2015-08-15", "1436-10-30"),  # y/m/d
        ("صدر القرار بتاريخ ٣٠/١٠/١٤٣٦هـ في الرياض", "2015-08-15", "1436-10-30"),  # Arabic-Indic digits
        ("وقع في 12 - 4 - 1435 هـ", "2014-02-12", "1435-04-12"),
        ("عقد الاجتماع يوم الخميس 25 شوال 1436 هـ", "2015-08-10", "1436-10-25"),
        ("افتتح المعرض في 3 رجب 1430 للهجرة", "2009-06-26", "1430-07-03"),
    ],
)
def test_full_hijri_dates(text, value, hijri):
    got = [t for t in find_timexes(text, PUB) if t.hijri]
    assert len(got) == 1 and (got[0].value, got[0].hijri) == (value, hijri) and got[0].kind == "absolute"


def test_day_and_month_relative_to_publication():
    got = timexes("تنتهي المهلة في 30 شوال الجاري، وتبدأ الدراسة في 12 من شهر ذي القعدة المقبل، "
                  "بعد أن انتهت في 17 رمضان الماضي.")
    assert got["30 شوال الجاري"] == ("2015-08-15", "1436-10-30")
    assert got["12 من شهر ذي القعدة المقبل"] == ("2015-08-27", "1436-11-12")
    assert got["17 رمضان الماضي"] == ("2015-07-04", "1436-09-17")
    # «المقبل» of a month already past this year is next year's
    assert timexes("يبدأ في 10 رمضان المقبل")["10 رمضان المقبل"] == ("2016-06-15", "1437-09-10")


def test_parts_of_months_and_first_day():
    got = timexes("ستبدأ الحملة غرة ذي القعدة، وتوقفت منذ منتصف رمضان.")
    assert got["غرة ذي القعدة"] == ("2015-08-16", "1436-11-01")  # غرة: the first day
    assert got["منتصف رمضان"] == ("2015-06-18/2015-07-16", "1436-09")  # a part: the month's days
    assert timexes("حتى أواخر شهر رمضان المنصرم")["أواخر شهر رمضان المنصرم"][1] == "1436-09"


def test_yearless_hijri_day_past_or_announced():
    # no cue: a past day; a future verb: the next one
    assert timexes("احتفل السكان في 5 محرم بالمناسبة")["5 محرم"] == ("2014-10-29", "1436-01-05")
    assert timexes("ستقام الاحتفالات في 5 محرم")["5 محرم"] == ("2015-10-18", "1437-01-05")


def test_hijri_day_ranges():
    got = timexes("يقام المهرجان في الفترة من 10 إلى 12 شوال 1436هـ، وأقيم يومي 3 و4 رمضان")
    assert got["في الفترة من 10 إلى 12 شوال 1436هـ"] == ("2015-07-26/2015-07-28", "1436-10-10/1436-10-12")
    assert got["يومي 3 و4 رمضان"] == ("2015-06-20/2015-06-21", "1436-09-03/1436-09-04")


def test_hijri_years_and_months():
    got = timexes("أنجزت 247 فعالية في عام 1435 هـ، وارتفعت مبيعات رمضان 1436هـ، وميزانية العام 1436/1437هـ.")
    assert got["عام 1435 هـ"] == ("2013-11-04/2014-10-24", "1435")
    assert got["رمضان 1436هـ"] == ("2015-06-18/2015-07-16", "1436-09")
    assert got["العام 1436/1437هـ"] == ("2014-10-25/2016-10-01", "1436/1437")


def test_no_false_hijri_dates():
    for text in ("وصل الرئيس رمضان قاديروف إلى الرياض", "التقى رجب طيب أردوغان 3 وزراء",
                 "بلغ العدد 1436 شخصا", "ارتفع المؤشر 1436 نقطة", "القرار 2254 لعام 2015",
                 "سقطت غرناطة عام 1492 بعد حصار"):  # «عام 1492» without هـ is Gregorian
        assert not [t for t in find_timexes(text, PUB) if t.hijri], text
    assert hijri_year_for(10, None, dt.date(2015, 8, 10)) is None


def test_without_anchor_hijri_kept_unresolved():
    got = timexes("في 30 شوال الجاري", None)
    assert got["30 شوال الجاري"] == ("XXXX-XX-XX", "XXXX-10-30")


def test_find_dates_converts_full_hijri_dates_for_the_publication_date():
    ds = find_dates("الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م")
    assert [(d.readings, d.year, d.hijri) for d in ds] == [([(8, 10)], 2015, "1436-10-25"), ([(8, 10)], 2015, None)]
    assert [h.kind for h in find_hijri("غرة رمضان ومنتصف شعبان")] == ["hijri-day-month", "hijri-part"]


def _pub(text: str) -> DateValue:
    from khabar.ingest.readers import RawDoc
    from khabar.pipeline import analyze

    raw = RawDoc(source="x", fmt="json", title="عنوان الخبر هنا الآن", text=text, date="2015-08-12",
                 extra={"date_is_extraction_date": True})  # a crawl date, as in SaudiNewsNet
    return analyze(raw, ref_date=dt.date(2026, 11, 23)).article.published


def test_publication_date_from_hijri_dateline():
    v = _pub("الرياض 20 شوال 1436 هـ واس\nناشدت الحكومة المواطنين الالتزام بالتعليمات الصادرة عن الوزارة.")
    assert v.value == "2015-08-05" and any("1436-10-20" in n for n in v.notes)
    v = _pub("صدر القرار بتاريخ 20/10/1436هـ عن وزارة الداخلية بالرياض وأبلغ للجهات المعنية.")
    assert v.value == "2015-08-05" and v.method == "lead"


def test_publication_date_from_yearless_hijri_day_with_crawl_date():
    v = _pub("عقد المجلس اجتماعه يوم السبت 23 شوال الجاري في مقره بالرياض برئاسة الأمير.")
    assert v.value == "2015-08-08" and v.confidence < 0.75 and any("crawl date" in n for n in v.notes)
    # «المقبل» is ahead of the publication day, «الماضي» an earlier event: neither is taken
    assert _pub("يعقد المجلس اجتماعه يوم 3 ذي القعدة المقبل في مقره بالرياض برئاسة الأمير.").value != "2015-08-18"
    assert _pub("كشفت الوزارة أن المطلوب الذي قتل في 17 رمضان الماضي كان يخطط لهجمات.").value != "2015-07-04"


def test_hijri_field_round_trips_and_old_records_load():
    t = Timex(0, 5, "x", "DATE", "2015-08-15", "day", "absolute", hijri="1436-10-30")
    a = Analysis(article=Article(id="a", text="x"), timexes=[t])
    b = Analysis.from_dict(a.to_dict())
    assert b.timexes[0].hijri == "1436-10-30"
    d = a.to_dict()
    del d["timexes"][0]["hijri"]  # a record stored before the field existed
    assert Analysis.from_dict(d).timexes[0].hijri is None


def test_show_prints_the_hijri_date_and_the_store_keeps_it(tmp_path):
    import json

    from click.testing import CliRunner

    from khabar.cli import main

    src = tmp_path / "a.jsonl"
    rec = {"id": "h1", "title": "افتتاح معرض الكتاب في الرياض", "date": "2015-08-12", "date_is_extraction_date": True,
           "text": "الرياض 25 شوال 1436 هـ واس\nافتتح وزير الثقافة معرض الكتاب في 25 شوال 1436 هـ بحضور عدد من الناشرين."}
    src.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "k.db")
    run = CliRunner().invoke
    assert run(main, ["ingest", str(src), "--db", db, "--no-progress", "-j", "1"], catch_exceptions=False).exit_code == 0
    art_id = run(main, ["list", "--db", db]).stdout.split()[0]
    out = run(main, ["show", art_id, "--db", db]).stdout
    assert "published: 2015-08-10" in out and "= 2015-08-10 (Hijri 1436-10-25)" in out
    d = json.loads(run(main, ["show", art_id, "--db", db, "--json"]).stdout)
    assert {t["hijri"] for t in d["timexes"]} == {"1436-10-25"}
