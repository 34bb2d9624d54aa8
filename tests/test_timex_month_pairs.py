"""Months as the wire agencies write them (#15, session 12): both names side by side without a slash
(«يوليو تموز الماضي»), a month of a relative year («أبريل من العام الماضي»), a weekday or month after
«منذ يوم / خلال شهر» (a date, not a length), a season of a named year. Each test fails on the base."""

from __future__ import annotations

import datetime as dt

from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze


def _tx(body: str) -> list[tuple[str, str]]:
    a = analyze(RawDoc(source="t", fmt="text", title="عنوان خبر اقتصادي عن الأسعار والأسواق", text=body,
                       date="2015-08-06"), dt.date(2015, 8, 6))
    t = a.article.text
    return [(t[x.start : x.end], x.value) for x in a.timexes]


def test_both_month_names_side_by_side():
    assert ("30 يونيو حزيران", "2015-06-30") in _tx("وبدأ تشغيل الخدمة في 30 يونيو حزيران لفترة تجريبية.")
    assert ("سبتمبر أيلول 2009", "2009-09") in _tx("وهو أدنى مستوى منذ سبتمبر أيلول 2009 وفق البيانات.")
    assert ("في يوليو تموز الماضي", "2015-07") in _tx("وانخفضت الأسعار في يوليو تموز الماضي بنسبة كبيرة.")
    assert ("ديسمبر كانون الأول", "2015-12") in _tx("وارتفعت العقود الآجلة لتسليم ديسمبر كانون الأول 0.2 في المئة.")
    # two different months side by side are no pair
    assert not [v for _, v in _tx("وارتفعت العقود الآجلة لتسليم ديسمبر آذار 0.2 في المئة.") if v.endswith("-12")]


def test_a_month_of_a_relative_year_and_a_past_month():
    assert _tx("ظهر في مقطع مصور خلال شهر أبريل (نيسان) من العام الماضي.") == [
        ("شهر أبريل (نيسان) من العام الماضي", "2014-04")]
    assert _tx("وسيبدأ التشغيل في مارس من العام المقبل.") == [("مارس من العام المقبل", "2016-03")]
    assert _tx("قاتل في الزبداني خلال شهر يوليو (تموز) الفائت.") == [("شهر يوليو (تموز) الفائت", "2015-07")]


def test_a_date_noun_after_since_a_day_is_no_length():
    assert _tx("انقطعت الكهرباء منذ يوم الأحد الماضي.") == [("يوم الأحد الماضي", "2015-08-02")]
    assert ("خلال شهر", "P1M") in _tx("وسيعود خلال شهر من الآن.")


def test_a_season_of_a_named_year():
    assert _tx("بدأت المعركة في ربيع 2013 وامتدت إلى القلمون.") == [("ربيع 2013", "2013-SP")]
    assert ("صيف عام 2016", "2016-SU") in _tx("وتبدأ الحملة في صيف عام 2016.")


def test_a_hijri_month_after_a_preposition_of_time():
    assert _tx("ضبطها المفتشون خلال رمضان بواقع 600 كيلو.") == [("رمضان", "2015-06-18/2015-07-16")]
    assert ("رمضان", "2015-06-18/2015-07-16") in _tx("ويعود الفنان برمضان هذا العام.")
    # a man's name and zero are no months
    assert _tx("وقال محمد رمضان إن الفيلم جاهز.") == []
    assert _tx("وفاز الفريق 1-صفر على ضيفه في المباراة.") == []


def test_months_coordinated_with_a_month_found_alone():
    assert _tx("وخرج الإيرانيون إلى الشوارع في ديسمبر ويناير للاحتجاج.") == [("ديسمبر", "2014-12"), ("يناير", "2015-01")]
    assert [v for _, v in _tx("وابتعد نادال عن الملاعب بين يناير وأبريل لمعالجة إصابة.")] == ["2015-01", "2015-04"]
    assert ("شهر أبريل", "2015-04") in _tx("وأظهرت بيانات الوظائف لشهر أبريل تحسنا.")
    # «مارس» is also a verb: «من مارس الرياضة»
    assert _tx("وقال إن من مارس الرياضة استفاد.") == []
