"""Each Arabic date form, and resolution of incomplete dates from evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.ingest.metadata import publication_date
from khabar.kb.roles import intersect, office_constraints
from khabar.text.dates import Evidence, find_dates, find_numeric_pair, find_weekdays, parse_iso, resolve

TODAY = dt.date(2026, 11, 23)


def one(text):
    ds = find_dates(text)
    assert len(ds) == 1, [d.text for d in ds]
    return ds[0]


@pytest.mark.parametrize(
    "text, month, day, year",
    [
        ("في 3 نوفمبر 2010 قال", 11, 3, 2010),  # Egyptian/Gulf
        ("12 كانون الثاني 2022 16:53", 1, 12, 2022),  # Levantine/Iraqi
        ("يوم 5 حزيران 2019", 6, 5, 2019),
        ("في 14 آب 2008", 8, 14, 2008),
        ("الخميس 7 يوليوز 2016", 7, 7, 2016),  # Moroccan
        ("الأحد 20 دجنبر 2020", 12, 20, 2020),
        ("في 9 جوان 2021", 6, 9, 2021),  # Algerian/Tunisian
        ("يوم 1 أوت 2019", 8, 1, 2019),
        ("يوم 3 فيفري 2015", 2, 3, 2015),
        ("يوم 19 يونيه 2012", 6, 19, 2012),  # Egyptian spelling
        ("3 نوفمبر/تشرين الثاني 2010", 11, 3, 2010),  # dual forms
        ("4 كانون الاول/ديسمبر 2009", 12, 4, 2009),
        ("4 تشرين الثاني / نوفمبر 2010", 11, 4, 2010),
        ("٣ نوفمبر ٢٠١٠", 11, 3, 2010),  # Arabic-Indic digits
        ("في الرابع من كانون الاول/ديسمبر 2009", 12, 4, 2009),  # ordinal day
        ("الحادي والعشرين من مارس 2011", 3, 21, 2011),
        ("بتاريخ 03/11/2010", 11, 3, 2010),  # numeric with year
        ("2010-11-03T10:00:00", 11, 3, 2010),
        ("١٥/٠٣/٢٠١٨", 3, 15, 2018),
    ],
)
def test_date_forms(text, month, day, year):
    d = one(text)
    assert d.readings[0] == (month, day)
    assert d.year == year


def test_weekday_and_time_captured():
    d = one("الجمعة 5 يونيه 2015 الساعة 10:30")
    assert d.weekday == 4 and d.time == "10:30"


def test_month_year_and_disagreeing_dual_form():
    d = one("في اب/اغسطس 2008")
    assert d.readings == [(8, 0)] and d.year == 2008 and d.precision == "month"
    assert all(d.precision == "month" for d in find_dates("3 مايو/حزيران 2010"))


def test_no_false_dates():
    assert find_dates("قتل 3 اشخاص في مارس الماضي") == []
    assert find_dates("القرار 1973 لمجلس الأمن") == []
    assert find_dates("اتصل على 12/45/2020") == []


def test_numeric_pair_has_both_orders():
    p = find_numeric_pair("07/04 11:07")
    assert p.readings == [(4, 7), (7, 4)] and p.time == "11:07"
    assert find_numeric_pair("25/04 09:00").readings == [(4, 25)]
    assert find_numeric_pair("هذا ليس تاريخا") is None


def test_weekday_mentions():
    ws = find_weekdays("اجتمعوا الاثنين، ويلتقون يوم الخميس")
    assert [w for _, _, w in ws] == [0, 3]


def test_weekday_resolves_missing_year_within_office_term():
    expr = one("يوم الاربعاء 3 نوفمبر/تشرين الثاني")
    ev = Evidence(ranges=[(dt.date(2009, 8, 1), dt.date(2014, 9, 30))], today=TODAY)
    v = resolve(expr, ev, "lead", 0.8)
    assert v.value == "2010-11-03" and v.precision == "day"
    # Without office terms the weekday alone leaves several years: reported, not guessed.
    v2 = resolve(expr, Evidence(today=TODAY), "lead", 0.8)
    assert v2.value == "XXXX-11-03" and v2.precision == "month-day"
    assert "2010-11-03" in v2.candidates and "2021-11-03" in v2.candidates
    assert all(dt.date.fromisoformat(c).weekday() == 2 for c in v2.candidates)


def test_stated_weekday_mismatch_is_noted_not_forced():
    expr = one("الخميس 3 نوفمبر 2010")  # 3 Nov 2010 was a Wednesday
    v = resolve(expr, Evidence(today=TODAY), "header", 0.95)
    assert v.value == "2010-11-03"
    assert any("does not match" in n for n in v.notes)


def test_numeric_pair_order_resolved_by_lead_weekday():
    text = "عنوان\n\nيبحث ممثلو روسيا وحلف الناتو الاثنين في مدينة سوتشي مع الرئيس الروسي دميتري ميدفيديف"
    from khabar.ingest.clean import Cleaned, HeaderLine

    cleaned = Cleaned(title="عنوان", paragraphs=[], header=[HeaderLine("date", "07/04 11:07")])
    v = publication_date(text, cleaned, body_start=7, today=TODAY)
    # Medvedev as president: 2008-05-07..2012-05-07; Mondays among 7 April / 4 July: 2011-07-04.
    assert v.value == "2011-07-04" and v.time == "11:07"


def test_metadata_dates():
    assert parse_iso("2018-03-05T10:00:00+03:00").value == "2018-03-05"
    assert parse_iso("Thu, 11 Oct 2012 04:04:00 +0400").value == "2012-10-11"
    assert parse_iso("2018").precision == "year"
    assert parse_iso("not a date at all") is None


def test_office_constraints_need_title_next_to_name():
    cs = office_constraints("التقى الرئيس ديمتري مدفيديف ورئيس الوزراء فلاديمير بوتين", TODAY)
    got = {(c.person, c.role) for c in cs}
    assert ("dmitry_medvedev", "RUS_PRES") in got and ("vladimir_putin", "RUS_PM") in got
    assert ("dmitry_medvedev", "RUS_PM") not in got
    former = office_constraints("مادلين اولبرايت وزيرة خارجية الولايات المتحدة الامريكية السابقة", TODAY)
    assert former and former[0].intervals[0][0] == dt.date(2001, 1, 20)
    ranges, notes = intersect(office_constraints(
        "قال الأمين العام للناتو ينس ستولتنبرغ. وقال الأمين العام لحلف الناتو أندرس فوغ راسموسن", TODAY))
    assert ranges and any("ignored" in n for n in notes)  # conflicting evidence is dropped, not forced


def test_crawl_date_bounds_and_prefers_recent():
    from khabar.ingest.readers import RawDoc
    from khabar.pipeline import analyze

    def pub(text):
        raw = RawDoc(source="x", fmt="json", title="عنوان الخبر هنا الآن", text=text, date="2015-08-01",
                     extra={"date_is_extraction_date": True})
        return analyze(raw, today=TODAY).article.published

    recent = pub("أعلن الوزير يوم الجمعة 24 يوليو أن الاتفاق سيوقع قريبا في الرياض بحضور الوفود.")
    assert recent.value == "2015-07-24" and recent.confidence < 0.6
    assert any("crawl" in n for n in recent.notes)
    old = pub("أعلن الوزير يوم الاربعاء 3 نوفمبر أن الاتفاق سيوقع قريبا في الرياض بحضور الوفود.")
    assert old.value == "XXXX-11-03"  # latest Wednesday 3 Nov before the crawl is 2010: too old to assume
    assert max(old.candidates) <= "2015-08-01"


def _tx(text, pub):
    from khabar.extract.timex import find_timexes
    from khabar.model import DateValue

    return {t.text: t.value for t in find_timexes(text, DateValue(pub, "day"))}


def test_yearless_day_is_past_unless_announced():
    # issue #11: protests of «20 حزيران/يونيو» in an article of 2018-02-15 happened in 2017
    assert _tx("خرج آلاف المحتجين في 20 حزيران/يونيو إلى الشوارع", "2018-02-15")["20 حزيران/يونيو"] == "2017-06-20"
    assert _tx("ستقام المسيرة في 20 يونيو في العاصمة", "2018-02-15")["20 يونيو"] == "2018-06-20"  # future verb
    assert _tx("من المقرر أن يعقد المؤتمر في 3 مارس", "2018-02-15")["3 مارس"] == "2018-03-03"
    assert _tx("وكان قد زار البلاد في 3 مارس الماضي", "2018-02-15")["3 مارس"] == "2017-03-03"
    # a day a few weeks ahead, without a cue: the nearest (a year back would carry its year)
    assert _tx("يبدأ المعرض 5 مارس في الرياض", "2018-02-15")["5 مارس"] == "2018-03-05"


def test_since_the_start_of_a_month_is_before_publication():
    assert _tx("ارتفعت الأسعار منذ بداية يناير", "2018-11-20")["بداية يناير"] == "2018-01"
    assert _tx("ارتفعت الأسعار منذ بداية يناير", "2018-01-10")["بداية يناير"] == "2018-01"
    assert _tx("ارتفعت الأسعار منذ بداية ديسمبر", "2018-01-10")["بداية ديسمبر"] == "2017-12"


@pytest.mark.parametrize(
    "text, value",
    [
        ("يوم السبت بعد المقبل", "2024-03-16"),  # the Saturday after next
        ("يوم السبت المقبل", "2024-03-09"),
        ("الأربعاء المقبل", "2024-03-13"),  # the article's own weekday: a week ahead
        ("الجمعة المقبلة", "2024-03-08"),
        ("السبت الماضي", "2024-03-02"),
        ("الخميس قبل الماضي", "2024-02-22"),
        ("الاثنين", "2024-03-04"),  # bare: the nearest, past-leaning
    ],
)
def test_relative_weekdays(text, value):
    assert _tx(text, "2024-03-06") == {text: value}  # a Wednesday
