"""Who, batch H constructions (issue #15), each on made-up sentences: names in quotation marks after a word
that says what they name, first names the segmenter must not split, generic institutions as unnamed sources,
a paper that only relays, and a lead date the article itself shows to be a recalled event."""

from __future__ import annotations

import datetime as dt

from khabar.entities.quoted import quoted_names
from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze
from khabar.text.tokenize import segment_word

REF = dt.date(2026, 11, 23)


def _a(text: str, date: str = "2018-05-01", **extra):
    return analyze(RawDoc(source="x", fmt="json", title="عنوان الخبر هنا", text=text, doc_id="t", date=date,
                          extra=extra), REF)


def _mentions(a):
    return {a.article.text[m.start : m.end]: (m.type, m.entity) for m in a.mentions}


# -- names in quotation marks
def test_quoted_name_after_an_organisation_head_is_one_organisation():
    a = _a('واتهم حزب "حرية كوريا" المعارض حكومة مون بإساءة استغلال السلطة.')
    got = _mentions(a)
    assert got["حرية كوريا"][0] == "ORG" and "كوريا" not in got  # no place inside the party's name
    assert got["حرية كوريا"][1].startswith("new:ORG:")


def test_quoted_name_after_a_programme_head_is_misc_and_a_dotted_name_stays_whole():
    names = {("برنامج", "مسارات"), ("شركه", "أجريجيت آي.كيو")}
    t = 'وشارك الطلاب في برنامج «مسارات» للناشئة، وقالت الشركة الكندية "أجريجيت آي.كيو" إنها طورت برنامجا.'
    got = {(q.head, t[q.start : q.end]): q.type for q in quoted_names(t)}
    assert set(got) == names and got[("برنامج", "مسارات")] == "MISC" and got[("شركه", "أجريجيت آي.كيو")] == "ORG"


def test_speech_after_a_definite_head_is_no_name():
    assert quoted_names('وأكد الحزب "أننا لن نتراجع عن مواقفنا".') == []
    assert quoted_names('وقال الحزب الحاكم "إن الانتخابات ستجري في موعدها".') == []


def test_a_closing_mark_does_not_open_a_name():
    t = 'وأعلنت الوكالة أن "القوات الشعبية" سترسل لدعم عفرين في مواجهة "هجوم النظام".'
    assert [t[q.start : q.end] for q in quoted_names(t)] == []


def test_naming_word_takes_only_an_organisation_name():
    t = 'ينتمي إلى التنظيم المسمى بـ"كتائب أنصار الشريعة"، في منطقة تعرف باسم «المثلث الذهبي».'
    assert [(t[q.start : q.end], q.type) for q in quoted_names(t)] == [("كتائب أنصار الشريعة", "ORG")]


def test_a_product_head_before_a_company_the_article_names_is_no_product():
    a = _a('وقالت شركة طيران الإمارات إن المسافرين يستفيدون من الأميال بنظام «طيران الإمارات» الجديد.')
    assert all(m.type != "MISC" for m in a.mentions if a.article.text[m.start : m.end] == "طيران الإمارات")


# -- first names
def test_a_first_name_keeps_its_first_letter():
    assert segment_word("فيصل")[0][2] != "proclitic"
    assert segment_word("وفيصل")[0][2] == "proclitic" and segment_word("وفيصل")[1][2] != "proclitic"
    assert segment_word("بأن")[0][2] == "proclitic"  # «بأن» and «فإن» are still ب + أن, ف + إن
    assert segment_word("فإن")[0][2] == "proclitic"


def test_a_person_named_faisal_is_named_whole():
    a = _a("وقال اللاعب فيصل الغامدي إن الفريق جاهز للمباراة المقبلة.")
    assert _mentions(a).get("فيصل الغامدي", ("",))[0] == "PER"


# -- speakers
def test_a_generic_institution_is_an_unnamed_source_a_named_ministry_is_not():
    a = _a("وأعلنت النيابة العامة أن القضية أغلقت نهائيا. وقالت وزارة الصحة السعودية إن الحالات تسع فقط.")
    by = {a.article.text[q.start : q.start + 6]: q for q in a.quotes}
    generic, ministry = by["القضية"], by["الحالا"]
    assert generic.unnamed and generic.speaker and generic.source == "النيابة العامة"
    assert not ministry.unnamed and ministry.speaker == "SAU_MOH"


def test_a_paper_that_relays_an_interview_is_not_its_speaker():
    a = _a('أكد النجم البرازيلي، نيمار دا سيلفا، أنه اللاعب الأفضل في العالم هذا الموسم.\n'
           'ونقلت صحيفة "آس" الإسبانية عن حوار تليفزيوني للنجم البرازيلي قال فيه: "إنه رقم واحد في العالم اليوم".')
    q = next(q for q in a.quotes if "رقم واحد" in a.article.text[q.start : q.end])
    neymar = next(m.entity for m in a.mentions if a.article.text[m.start : m.end] == "نيمار دا سيلفا")
    assert q.speaker == neymar


# -- the publication date
ARAFAT = ("أعلنت النيابة العامة الثلاثاء أن لا وجه حق للدعوى، وتوفي الزعيم في الحادي عشر من نوفمبر 2004 عن 75 عاما.\n"
          "وكلف ثلاثة قضاة القيام بالتحقيق منذ أغسطس 2012، وقال المحامون في مارس الماضي إنهم سيستأنفون.")


def test_a_lead_date_the_article_shows_to_be_past_is_not_the_publication_day():
    a = _a(ARAFAT, "2015-07-21", date_is_extraction_date=True)
    p = a.article.published
    assert (p.value, p.method) == ("2015-07-21", "crawl")
    assert {t.text: t.value for t in a.timexes}["في مارس الماضي"] == "2015-03"


def test_a_lead_date_on_the_leads_weekday_is_still_the_publication_day():
    a = _a("أعلن الوزير يوم الجمعة 24 يوليو أن الاتفاق سيوقع قريبا، بعد مفاوضات بدأت في مارس 2014.", "2015-08-01",
           date_is_extraction_date=True)
    assert (a.article.published.value, a.article.published.method) == ("2015-07-24", "lead")
