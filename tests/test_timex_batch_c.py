"""Constructions found on who/when batch C (issue #15), each tested on a sentence made up for the
test (values follow docs/annotation-who-when.md). The anchor is a fixed publication date."""

from __future__ import annotations

from khabar.extract.timex import find_timexes
from khabar.model import DateValue


def tx(text: str, pub: str | None = "2015-08-07") -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, DateValue(pub, "day") if pub else None)}


def test_a_final_tanween_belongs_to_the_word():
    got = tx("وصل الوفد مؤخراً إلى جدة ويغادر غداً، كما قال سابقاً")
    assert got == {"مؤخراً": "PAST_REF", "غداً": "2015-08-08", "سابقاً": "PAST_REF"}


def test_numeric_hijri_date_with_a_hyphen_and_an_en_dash():
    got = {t.text: (t.value, t.hijri) for t in find_timexes("يبدأ التسجيل يوم 7 – 3 - 1437هـ في الجامعة",
                                                            DateValue("2015-08-07", "day"))}
    assert got["7 – 3 - 1437هـ"] == ("2015-12-18", "1437-03-07")


def test_two_dated_days_joined_by_ila_are_one_range():
    got = {t.text: (t.value, t.hijri) for t in find_timexes("تفتح البوابة من 2 – 1 - 1437هـ إلى 9- 1 - 1437هـ، للتسجيل",
                                                            DateValue("2015-08-07", "day"))}
    assert got == {"2 – 1 - 1437هـ إلى 9- 1 - 1437هـ": ("2015-10-15/2015-10-22", "1437-01-02/1437-01-09")}
    assert tx("يقام المعرض من 1 سبتمبر 2016 حتى 5 سبتمبر 2016 في جدة")["1 سبتمبر 2016 حتى 5 سبتمبر 2016"] == "2016-09-01/2016-09-05"


def test_a_weekday_equated_with_a_date_takes_its_value():
    # the weekday lies ahead of the anchor although nothing but the date says so
    got = tx("تستقبل اللجنة الطلبات حتى نهاية دوام يوم الأربعاء الموافق 19 أغسطس 2015 في مقرها")
    assert got == {"يوم الأربعاء": "2015-08-19", "19 أغسطس 2015": "2015-08-19"}
    got = tx("ويبدأ الدوام يوم الأحد المقبل الموافق 1- 11 - 1436هـ")
    assert got == {"يوم الأحد المقبل": "2015-08-16", "1- 11 - 1436هـ": "2015-08-16"}


def test_vague_references_from_the_word_list():
    got = tx("كانت المدينة قديماً مركزا للتجارة، وقد عاد الوزير تواً من الرياض.")
    assert got == {"قديماً": "PAST_REF", "تواً": "PAST_REF"}
    got = tx("ويعمل المصنع في الوقت الحاضر بنصف طاقته، وسيتوسع خلال الفترة المقبلة")
    assert got["في الوقت الحاضر"] == "PRESENT_REF" and got["الفترة المقبلة"] == "FUTURE_REF"


def test_then_takes_the_last_date_of_its_sentence_else_it_is_past():
    got = tx("استقال المدير في مارس 2013، وكانت الخسائر آنذاك كبيرة.")
    assert got["آنذاك"] == "2013-03"
    got = tx("عقدت الجمعية اجتماعها العام الماضي. وقال المدير حينها إن الشركة بخير.")
    assert got["حينها"] == "PAST_REF"  # the year is in another sentence: it is not sure to be the one meant


def test_a_count_from_the_last_named_year():
    got = tx("افتتح المصنع عام 2005.\nوبعدها بثلاثة أعوام، أغلق بسبب الأزمة التي ضربت السوق حينها.")
    assert got["بعدها بثلاثة أعوام"] == "2008" and got["حينها"] == "2008"
    got = tx("وصل الوفد في 3 أغسطس 2015، وقبلها بيومين وصل السفير")
    assert got["قبلها بيومين"] == "2015-08-01"
    assert "بعد ذلك بقليل" not in tx("وبعد ذلك بقليل غادر الوفد")  # no count: not tagged


def test_counted_durations_after_a_word_of_extent():
    got = tx("طرحت الحكومة سندات لأجل سبع سنوات، وأغلقت الطريق لمدة ثلاثة أيام، ونقل السجين لمدة عامين")
    assert got["سبع سنوات"] == "P7Y" and got["ثلاثة أيام"] == "P3D" and got["عامين"] == "P2Y"
    got = tx("سجل النفط أكبر مكسب في خمسة أسابيع، وأعلى سعر للمرة الأولى في ثلاث سنوات")
    assert got["خمسة أسابيع"] == "P5W" and got["ثلاث سنوات"] == "P3Y"
    assert tx("عاد العمال بعد أكثر من ثلاثة أشهر من الإضراب")["بعد أكثر من ثلاثة أشهر"] == "P3M"


def test_decades():
    got = tx("عقدان ونصف لم يتغير فيهما شيء؛ عقد ونصف مضى على الاتفاق، وتراجعت الزراعة خلال ثلاثة عقود")
    assert got["عقدان ونصف"] == "P25Y" and got["عقد ونصف"] == "P15Y" and got["خلال ثلاثة عقود"] == "P30Y"
    assert tx("تغيرت المدينة منذ عقدين")["منذ عقدين"] == "1995"
    assert tx("وبعد عقد الاجتماع غادر الوفد") == {}  # «عقد» here is the holding of the meeting


def test_a_period_a_market_report_closes():
    got = tx("وينهي النفط الأسبوع مرتفعا، بينما أنهت الأسهم تعاملات الشهر على تراجع", "2018-04-27")
    assert list(got.items()) == [("الأسبوع", "2018-W17"), ("الشهر", "2018-04")]


def test_a_night_across_two_weekdays():
    assert tx("وقصفت الطائرات ليلة الجمعة-السبت مواقع عدة", "2018-05-27") == {"ليلة الجمعة-السبت": "2018-05-25/2018-05-26"}
    assert tx("واندلع الحريق ليل الاثنين إلى الثلاثاء", "2018-05-30") == {"ليل الاثنين إلى الثلاثاء": "2018-05-28/2018-05-29"}


def test_a_contract_month_is_the_next_one():
    got = tx("وصعدت عقود النفط تسليم مارس 2 بالمئة، وعقود الذهب تسليم ديسمبر 1 بالمئة", "2018-10-20")
    assert got == {"مارس": "2019-03", "ديسمبر": "2018-12"}


def test_an_ordinal_day_in_the_nominative():
    got = tx("وعقد الاجتماع الثالث والعشرون من شهر مايو 2014م في الرياض، ويليه آخر في الثلاثون من أبريل 2015")
    assert got["الثالث والعشرون من شهر مايو 2014م"] == "2014-05-23" and got["الثلاثون من أبريل 2015"] == "2015-04-30"


def test_a_day_range_written_with_a_dash():
    assert tx("زار الوفد المملكة خلال الفترة 7-9 مارس 2014م")["7-9 مارس 2014"] == "2014-03-07/2014-03-09"
    assert tx("تقام الدورة 12 – 15 أكتوبر المقبل")["12 – 15 أكتوبر"] == "2015-10-12/2015-10-15"


def test_a_yearly_day_has_no_year():
    assert tx("ويحتفل العالم بهذا اليوم في الخامس من يونيو من كل عام")["الخامس من يونيو"] == "XXXX-06-05"
    assert tx("ويحتفل السكان بالعيد في 14 فبراير سنوياً")["14 فبراير"] == "XXXX-02-14"


def test_a_hijri_month_named_as_a_month():
    got = {t.text: (t.value, t.hijri) for t in find_timexes(
        "وزار المعتمرون المسجد خلال شهر شوال، واستعدت الجهات لشهر رمضان الكريم.", DateValue("2015-08-09", "day"))}
    # the anchor falls in Shawwal 1436; without a future verb, Ramadan is the one just past
    assert got["شهر شوال"] == ("2015-07-17/2015-08-15", "1436-10")
    assert got["لشهر رمضان الكريم"] == ("2015-06-18/2015-07-16", "1436-09")
    assert tx("وقال رمضان إن الفريق جاهز") == {}  # a man's name
    assert tx("ويصوم المسلمون شهر رمضان من كل عام") == {}  # an undated season


def test_a_named_day_is_not_today():
    got = tx("واحتفلت المدارس باليوم العالمي للمعلم، وخصصت لهذا اليوم العالمي برامج عدة")
    assert got == {}
    assert tx("وفي اليوم الأول من المؤتمر ناقش الحضور الخطة") == {}


def test_a_bare_weekday_is_the_last_one_unless_it_is_the_next_day_or_the_future():
    # anchor Friday 2015-07-24
    assert tx("وانتقد الرئيس قرارا صدر يوم الاثنين عن المجلس", "2015-07-24")["يوم الاثنين"] == "2015-07-20"
    assert tx("ومن المقرر أن تنطلق البطولة يوم الاثنين", "2015-07-24")["يوم الاثنين"] == "2015-07-27"
    assert tx("ويبث الحفل يوم السبت على الهواء", "2015-07-24")["يوم السبت"] == "2015-07-25"


def test_school_years():
    got = tx("استعدت المدارس للعام الدراسي الجديد بعد أن حقق الطلاب في العام الدراسي الماضي نتائج جيدة", "2015-08-10")
    assert got["للعام الدراسي الجديد"] == "2015/2016" and got["في العام الدراسي الماضي"] == "2014/2015"
    assert tx("تراجع الغياب خلال السنة الدراسية الحالية", "2016-02-01")["خلال السنة الدراسية الحالية"] == "2015/2016"


def test_a_half_after_a_count():
    got = tx("هبط الذهب إلى أدنى مستوى في ست سنوات ونصف، بعد أن حكم البلاد لمدة أربعة عقود ونصف")
    assert got["ست سنوات ونصف"] == "P6Y6M" and got["لمدة أربعة عقود ونصف"] == "P45Y"


def test_on_time_is_not_then():
    assert tx("حرص على أداء الصلاة في وقتها") == {}
