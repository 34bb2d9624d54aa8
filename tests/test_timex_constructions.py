"""Constructions of issue #15: durations, quarters and halves, year ranges, coordinated days,
anaphoric years, sports seasons, centuries, bare months, vague references (values follow
docs/annotation-who-when.md). Sentences are made up for the tests."""

from __future__ import annotations

import pytest

from khabar.extract.timex import find_timexes
from khabar.model import DateValue


def tx(text: str, pub: str | None = "2015-08-07") -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, DateValue(pub, "day") if pub else None)}


@pytest.mark.parametrize(
    "text, span, value",
    [
        # durations: a hedged «منذ», extent words, «الـN … الماضية», «في عامٍ واحد»
        ("ارتفعت الفائدة للمرة الأولى منذ نحو 9 أعوام", "منذ نحو 9 أعوام", "P9Y"),
        ("الحرب المستمرة منذ أكثر من أربع سنوات", "منذ أكثر من أربع سنوات", "P4Y"),
        ("الخلاف الذي يعود إلى 27 عاما حول الاسم", "27 عاما", "P27Y"),
        ("توقف العمل لمدة 3 أيام في المصنع", "3 أيام", "P3D"),
        ("قتل 60 مدنيا خلال الـ24 ساعة الماضية", "الـ24 ساعة الماضية", "PT24H"),
        ("تمكنا في عامٍ واحد من تهريب الذهب", "في عامٍ واحد", "P1Y"),
        # quarters and halves, the year from the publication date or as stated
        ("تراجع صافي ربح الربع الثاني للعام إلى 146 مليون", "الربع الثاني للعام", "2015-Q2"),
        ("زاد حجم المناولة في النصف الأول من العام.", "في النصف الأول من العام", "2015-H1"),
        ("في الربع الأخير من العام الماضي", "في الربع الأخير من العام الماضي", "2014-Q4"),
        ("ويبدأ التشغيل في النصف الثاني من عام 2017", "في النصف الثاني من عام 2017", "2017-H2"),
        # years: ranges and pairs, older years, an anaphoric year, centuries
        ("التهريب في الفترة ما بين عامي 2012 و2013، قائلا", "في الفترة ما بين عامي 2012 و2013", "2012/2013"),
        ("من عام 2010 إلى 2014 ارتفعت الأسعار", "من عام 2010 إلى 2014", "2010/2014"),
        ("في انتخابات عامي 2010 و2014", "عامي 2010 و2014", "2010,2014"),
        ("تأسس فيها الحزب الجمهوري عام 1854، وأطلق اسمها", "عام 1854", "1854"),
        ("كانت التحويلات تتم حتى تلك السنة.", "تلك السنة", "XXXX"),
        ("الحياة اليومية خلال القرنين العشرين والحادي والعشرين.", "القرنين العشرين والحادي والعشرين", "19XX/20XX"),
        ("من أعمال القرن التاسع عشر", "القرن التاسع عشر", "18XX"),
        ("معسكر المنتخب في كأس العالم بروسيا 2018، وسط الحديث", "2018", "2018"),  # a year in an event's name
        ("عهد الرئيس (1989 - 1997) وكان", "1989 - 1997", "1989/1997"),  # a range of years (§3: ranges are A/B)
        # two days of one month: consecutive ones a range, others a list
        ("الفساد الذي كشف في 17 و25 ديسمبر (كانون الأول) 2013، معتبرا", "17 و25 ديسمبر (كانون الأول) 2013",
         "2013-12-17,2013-12-25"),
        ("القمة التي عقدت في 11 و12 تموز/يوليو في بروكسل", "11 و12 تموز/يوليو", "2015-07-11/2015-07-12"),
        # months alone: both names, «شهر», or a preposition and an unambiguous name
        ("وتظاهر الآلاف في شباط/فبراير وايار/مايو ضد الاتفاق", "شباط/فبراير", "2015-02"),
        ("وتظاهر الآلاف في شباط/فبراير وايار/مايو ضد الاتفاق", "ايار/مايو", "2015-05"),
        ("صدر الحكم في أبريل بدفع غرامة", "أبريل", "2015-04"),
        ("للمرة الأولى منذ الفترة بين آب/أغسطس وتشرين الأول/أكتوبر 2013 (12 مباراة)", "آب/أغسطس", "2013-08"),  # the span's year
        ("من نوفمبر/تشرين الثاني إلى فبراير/شباط 2014", "نوفمبر/تشرين الثاني", "2013-11"),
        ("حقق تقدما سريعا منذ عام 2003 في مجال الرياضة", "منذ عام 2003", "2003"),  # a year, not «a year ago»
        # vague references
        ("سيرفع الفائدة بوقت لاحق من العام", "بوقت لاحق", "FUTURE_REF"),
        ("وأتذكر أنني ذات مرة قرأت مقالا", "ذات مرة", "PAST_REF"),
        ("خصوصا في هذا الزمن الصعب", "في هذا الزمن", "PRESENT_REF"),
        ("وكان قد كشف من قبل كيف استخدمت الشركة البيانات", "من قبل", "PAST_REF"),
        # a relative day with its weekday in brackets, a dated Hijri span with its weekdays
        ("قال المرصد اليوم (الجمعة)، إن نحو ألف", "اليوم (الجمعة)", "2015-08-07"),
        ("على مدى يومي الاثنين والثلاثاء 18ـ19/ 10/ 1436هــ، بمقر الديوان", "يومي الاثنين والثلاثاء 18ـ19/ 10/ 1436هــ",
         "2015-08-03/2015-08-04"),
    ],
)
def test_construction(text, span, value):
    got = tx(text)
    assert got.get(span) == value, got


def test_sports_season_needs_a_sports_sentence():
    pub = "2018-05-17"
    got = tx("سجل اللاعب 44 هدفا هذا الموسم، بعد أن أنهى الموسم المنصرم مع فريقه.", pub)
    assert got["هذا الموسم"] == "2017/2018" and got["الموسم المنصرم"] == "2017/2018"
    assert tx("تعاقد النادي مع مدرب جديد قبل الموسم المقبل", "2018-10-02")["الموسم المقبل"] == "2019/2020"
    assert tx("سجل اللاعب 10 أهداف الموسم الماضي", "2018-10-02")["الموسم الماضي"] == "2017/2018"
    assert "هذا الموسم" not in tx("وصل الحجاج إلى مكة هذا الموسم بأعداد كبيرة", pub)  # «موسم الحج» is no season value


@pytest.mark.parametrize(
    "text, absent",
    [
        ("تمت العملية من قبل المستثمرين في السوق", "من قبل"),  # the agent of a passive, not "before"
        ("دون تدخل من قبل مسؤولي الجمارك", "من قبل"),
        ("علي القحطاني – عين اليوم\nاتفقت الإدارة مع المدرب", "اليوم"),  # an outlet's name
        ("وخفض سن الانتخاب إلى 18 عاما", "18 عاما"),  # an age, not a duration
        ("تقليص مدة العبور من 18 الى 11 ساعة", "11 ساعة"),  # the end of a range of counts
        ("وقال إن مايو لاعب مهم", "مايو"),  # a month name alone, without a preposition
        ("ونعمل وفقا لقرار مجلس الأمن الدولي 1973\".", "1973"),  # the number of a resolution
        ("وبلغ عدد الزوار 2018 زائرا", "2018"),  # a count
    ],
)
def test_not_a_timex(text, absent):
    assert absent not in tx(text)


def test_hedged_since_is_a_duration_but_a_plain_one_a_point():
    got = tx("بدأ المشروع منذ عامين وتوقف منذ نحو عامين")
    assert got["منذ عامين"] == "2013" and got["منذ نحو عامين"] == "P2Y"


def test_bracketed_weekday_that_is_not_the_day_stays_apart():
    got = tx("يبث الحفل الليلة (السبت) على الهواء", "2018-05-25")
    assert got["الليلة"] == "2018-05-25" and got["السبت"] == "2018-05-26"


def test_without_an_anchor_values_stay_unresolved():
    got = tx("في النصف الأول من العام وفي شباط/فبراير", None)
    assert got["في النصف الأول من العام"] == "XXXX-H1" and got["شباط/فبراير"] == "XXXX-02"
