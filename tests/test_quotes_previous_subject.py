"""A reporting verb that opens a sentence with no subject of its own and no earlier statement to go on
from («أعلنت وزارة الداخلية … . وأوضحت أن …») speaks for the actor the sentence before opens with, right
after its verb or after one title (#15, session 13). Made-up sentences; the first test fails on the base
(e6c45e3), the second guards the review's false readings of it."""

from __future__ import annotations

import datetime as dt

from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze

LEAD = "خبر عن السياسة الدولية. "  # the text's first line is a headline: it lends no subject


def _quotes(body: str) -> list[tuple[str | None, str]]:
    a = analyze(RawDoc(source="t", fmt="text", text=LEAD + body), dt.date(2018, 6, 1))
    return [(q.speaker, a.article.text[q.start : q.end]) for q in a.quotes]


def test_the_subject_of_the_sentence_before_speaks():
    assert _quotes("التقى ترامب بالصحفيين في البيت الأبيض. وقال إن الاتفاق سيء جدا ولن نقبل به.") == [
        ("donald_trump", "الاتفاق سيء جدا ولن نقبل به")]
    assert _quotes("استقبل الملك سلمان وزير الخارجية الأمريكي في الرياض. وأكد خلال اللقاء أن العلاقات متينة بين البلدين.") == [
        ("king_salman", "العلاقات متينة بين البلدين")]
    assert _quotes('وصل الرئيس الفرنسي إيمانويل ماكرون إلى بيروت. وقال "نحن هنا لمساعدة الشعب اللبناني في محنته".') == [
        ("emmanuel_macron", "نحن هنا لمساعدة الشعب اللبناني في محنته")]


def test_not_the_object_a_later_name_or_a_headline():
    for body in ("التقى الوزير الرئيس ترامب في واشنطن. وقال إن اللقاء كان مثمرا جدا للطرفين.",  # the minister met him
                 "زار الوزير إيران الأسبوع الماضي. وقال إن الزيارة ناجحة جدا للطرفين.",  # Iran was visited
                 "ترامب يلتقي بوتين في هلسنكي. وقال إن اللقاء كان مثمرا جدا للطرفين.",  # no verb first
                 "هل التقى ترامب بوتين؟ وقال إن اللقاء كان مثمرا جدا للطرفين.",
                 "التقى ترامب بالصحفيين. وقال بعد أن تحدث الوزير إن الاتفاق سيء.",  # «بعد أن»: the preposition's
                 "أعلنت وزارة الداخلية القبض على ثلاثة متهمين. وأوضح أن المتهمين اعترفوا بجرائمهم."):  # gender
        assert _quotes(body) == [], body
    a = analyze(RawDoc(source="t", fmt="text", text="التقى ترامب بوتين في هلسنكي\n\nوقال إن اللقاء كان مثمرا جدا."),
                dt.date(2018, 6, 1))
    assert a.quotes == []  # the headline lends no subject
