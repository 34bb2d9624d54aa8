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
    # two different months side by side are no pair: the first stands alone
    assert _tx("وارتفعت العقود الآجلة لتسليم ديسمبر آذار 0.2 في المئة.") == [("ديسمبر", "2015-12")]


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


def test_a_plural_relative_word_after_coordinated_months_points_ahead():
    assert _tx("وتطرح السندات في يونيو أو يوليو المقبلين.") == [("يونيو", "2016-06"), ("يوليو", "2016-07")]


def test_review_near_misses_of_the_month_pairs():
    # «مارس» after a date is the verb: the date stays without it
    assert _tx("ومنذ 25 يناير مارس الجيش ضغوطا كبيرة.") == [("25 يناير", "2015-01-25")]
    assert _tx("وفي أواخر يونيو مارس الوزير صلاحياته.") == [("أواخر يونيو", "2015-06")]
    # a counted length before a weekday stays a length
    assert ("قبل أسبوع", "2015-07-30") in _tx("وكان قد غادر قبل أسبوع الأحد الماضي.")
    assert _tx("وسيصل خلال يومين إلى القاهرة.") == [("خلال يومين", "P2D")]
    # coordinated months follow each other in time, and a year after the last one holds for both
    assert [v for _, v in _tx("ستجري الانتخابات بين يوليو وديسمبر.")] == ["2016-07", "2016-12"]
    assert [v for _, v in _tx("وكان ذلك في نوفمبر وديسمبر 2013 بحسب التقرير.")] == ["2013-11", "2013-12"]


def test_people_named_like_months_hold_no_date():
    assert _tx("أشاد المدرب برمضان صبحي بعد المباراة.") == []
    assert _tx("اتصل الملك هاتفيا برجب طيب أردوغان.") == []
    assert _tx("لا يسمح للمرأة بالسفر إلا بمحرم.") == []


def test_a_relative_word_after_coordinated_months_places_the_last_one():
    assert [v for _, v in _tx("ودمرت المباني بين سبتمبر (ايلول) ويناير (كانون الثاني) الماضيين.")] == ["2014-09", "2015-01"]


def test_a_list_of_months_names_months_of_one_year():
    assert [v for _, v in _tx("وبلغت النسبة 68 في المائة في أيار (مايو) ونيسان (أبريل) مقارنة بالعام الماضي.")][:2] == [
        "2015-05", "2015-04"]
    assert _tx("وكان ذلك في مارس وأبريل 2012 في باريس.") == [("مارس", "2012-03"), ("أبريل 2012", "2012-04")]
