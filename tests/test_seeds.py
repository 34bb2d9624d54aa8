"""Acceptance on the five seed pages: titles, outlets, datelines, dates, chrome, repeats."""

from __future__ import annotations

import pytest

from khabar.text.textnorm import normalize

CHROME = ["انسخ الرابط", "تابعوا RT على", "ملفات تعريف الارتباط", "التعليقات", "Comments", "اقرأ ايضا",
          "أهم أخبار مصر", "المحتوى الرئيسى", "إضغط هنا للإشتراك", "قراؤنا من مستخدمي إنستجرام", "عاجل",
          "تعليمات استخدام خدمة التعليقات", "المصدر: روسيا اليوم", "07/04 11:07", "موسكو ـ أ ش أ"]

TITLES = {
    "000": "الأمين العام للناتو: نحن مهتمون باستئناف التعاون مع روسيا في مجال الدرع الصاروخية",
    "001": "روسيا والناتو يبحثان اقامة شراكة استراتيجية ومواجهة الأخطار التي تهددهم",
    "002": "راسموسن يرحب بانطلاقة في العلاقات الروسية الاطلسية",
    "003": "حلف الناتو: نريد علاقات اوثق مع روسيا",
    "004": "أمين عام حلف الناتو: المباحثات مع روسيا صعبة وتم الاتفاق على استئناف عمل بعثة روسيا والناتو لدى بعضهما",
}


@pytest.mark.parametrize("key", sorted(TITLES))
def test_titles(seeds, key):
    art = seeds[key].article
    assert art.title == TITLES[key]
    assert art.text.startswith(art.title)


@pytest.mark.parametrize("key", sorted(TITLES))
def test_no_chrome_left(seeds, key):
    text = seeds[key].article.text
    for c in CHROME:
        assert c not in text, c
    # Section labels at the top are gone too.
    first_line = text.split("\n")[0]
    assert first_line not in ("أخبار", "مباشر", "المحتوى الرئيسى")
    assert seeds[key].article.language == "ar"


def test_outlets_agencies_datelines(seeds):
    a = {k: v.article for k, v in seeds.items()}
    assert a["000"].outlet == "rt_arabic" and a["000"].url == "https://arabic.rt.com/news/57333/"
    assert a["001"].agencies == ["MENA"] and a["001"].dateline == "موسكو"
    assert a["002"].outlet == "elaph" and a["002"].dateline == "موسكو"
    assert a["002"].dateline_span is not None
    assert a["002"].text[a["002"].dateline_span.start :].startswith("موسكو:")
    assert a["003"].outlet == "rt_arabic"
    assert a["004"].outlet == "rt_arabic"
    assert a["004"].extra["outlet_evidence"] == "credit line"
    assert [c.code for c in a["004"].credits] == ["rt_arabic"]


def test_dates(seeds):
    d = {k: v.article.published for k, v in seeds.items()}
    # Weekday + 3 November, no year: Wednesday and Rasmussen's term as NATO SG → 2010.
    assert (d["000"].value, d["000"].precision) == ("2010-11-03", "day")
    assert any("Rasmussen" in n for n in d["000"].notes)
    # «07/04 11:07»: only July 4 (month/day) is a Monday (الاثنين in the lead) within the office terms.
    assert (d["001"].value, d["001"].precision, d["001"].time) == ("2011-07-04", "day", "11:07")
    assert any("month/day" in n for n in d["001"].notes)
    # No date printed: only the window the office terms allow, no guessed day.
    assert d["002"].value is None and d["002"].precision == "none"
    assert d["002"].earliest == "2009-08-01" and d["002"].latest == "2011-12-23"
    # «يوم 2 فبراير/شباط», no year, no weekday: day and month known, year not.
    assert (d["003"].value, d["003"].precision) == ("XXXX-02-02", "month-day")
    assert "2010-02-02" in d["003"].candidates
    assert (d["004"].value, d["004"].precision, d["004"].time) == ("2022-01-12", "day", "16:53")
    assert d["004"].confidence > d["003"].confidence


def test_date_evidence_span(seeds):
    a = seeds["000"].article
    ev = a.published.evidence
    assert a.text[ev.start : ev.end] == "يوم الاربعاء 3 نوفمبر/تشرين الثاني"


def test_repeated_lead_appears_once(seeds):
    text = seeds["000"].article.text
    lead = "أعلن أندرس فوغ راسموسن الأمين العام لحلف الناتو يوم الاربعاء 3 نوفمبر/تشرين الثاني، انه سلم للجانب الروسي"
    assert text.count(lead) == 1
    key = normalize("وأكد أن الحلف مهتم باستئناف التعاون مع روسيا في مجال الدفاع المضاد للصواريخ")
    assert normalize(text).count(key) == 1
    # The body is otherwise intact: last paragraph and sub-headings kept.
    assert "الناتو لا يسعى لتوسيع نشاطه في منطقة القطب الشمالي" in text
    assert text.rstrip().endswith("وهم النرويج وكندا والدنمارك والولايات المتحدة.")


def test_spans_are_offsets_into_clean_text(seeds):
    for a in seeds.values():
        text = a.article.text
        for s in a.sentences:
            assert text[s.start : s.end].strip() == text[s.start : s.end]
            for t in s.tokens:
                assert text[t.start : t.end] == t.text
                for g in t.segments:
                    assert t.start <= g.start < g.end <= t.end
