"""Who (#15, session 13): a bare «المملكة» when the article names no kingdom — the kingdom whose places it
names, else the outlet's own country (the Saudi press writes «المملكة» for Saudi Arabia); and the outlet in
a Saudi byline («عبدالله البرقاوي- سبق- الرياض:»). Made-up texts; each test fails on the base (e6c45e3)."""

from __future__ import annotations

import datetime as dt

from khabar.ingest.readers import RawDoc
from khabar.kb.media import media_spans, outlet_country
from khabar.pipeline import analyze


def _locs(body: str, outlet: str | None = None) -> list[tuple[str, str | None]]:
    a = analyze(RawDoc(source="t", fmt="text", text="خبر محلي عن المشاريع\n\n" + body, outlet=outlet), dt.date(2015, 8, 1))
    return [(m.text, m.entity) for m in a.mentions if m.type == "LOC"]


def test_a_bare_kingdom_is_the_kingdom_whose_places_the_article_names():
    got = _locs("افتتح أمير منطقة عسير مشروعا جديدا في أبها. ويعد المشروع الأكبر من نوعه في المملكة.")
    assert ("المملكة", "SAU") in got


def test_the_home_kingdom_unless_another_kingdoms_places_are_named_more():
    body = "وصل ولي العهد إلى لندن في زيارة رسمية. وأكد أن المملكة حريصة على تعزيز العلاقات."
    assert ("المملكة", "SAU") in _locs(body, outlet="sabq")


def test_else_the_outlets_own_country():
    body = "أبرم الرئيس العام للأرصاد عقدا لتوسيع برنامج التفتيش البيئي في المملكة بقيمة 30 مليون ريال."
    assert ("المملكة", "SAU") in _locs(body, outlet="alweeam")
    assert all(t != "المملكة" for t, _ in _locs(body))  # no outlet, no place: nothing to say which kingdom
    assert outlet_country("alwatan") == "SAU" and outlet_country("no_such_outlet") is None


def test_the_outlet_in_a_saudi_byline():
    text = "عبدالله البرقاوي- سبق- الرياض: أكدت مصادر مطلعة أن الوزارة ستعلن القرار."
    assert [(text[m.start : m.end], m.actor) for m in media_spans(text)] == [("سبق", "SABQ")]
    assert [(t[m.start : m.end], m.actor) for t in ["نايف عبدالله – عين اليوم\nشهد مقر النادي إقبالا"]
            for m in media_spans(t)] == [("عين اليوم", "AIN_ALYOUM")]
    # a place after the dash is where the writer is, not an outlet; a one-word name ending a line is a match
    assert media_spans("أم خالد - الرياض\n\nهذا ملخص الأسئلة الواردة في رسالتك.") == []
    assert media_spans("مباراة الاتحاد - الجزيرة\nانتهت المباراة بالتعادل.") == []


def test_a_frequent_foreign_surname_after_the_full_name():
    for body, full, last in (
            ("اختفى الصحفي السعودي جمال خاشقجي في إسطنبول. وقالت مصادر تركية إن خاشقجي دخل المبنى ولم يخرج، "
             "فيما تواصل الشرطة التحقيق بشأن خاشقجي.", "جمال خاشقجي", "خاشقجي"),
            ("سجل اللاعب الألماني توني كروس هدفا رائعا. وأكد المدرب أن كروس قدم مباراة كبيرة.", "توني كروس", "كروس")):
        a = analyze(RawDoc(source="t", fmt="text", text="خبر\n\n" + body), dt.date(2018, 10, 10))
        per = [(m.text, m.entity) for m in a.mentions if m.type == "PER"]
        assert per[0][0] == full and per[1:] == [(last, per[0][1])] * (len(per) - 1) and len(per) > 1
    # a verb or an accusative the tagger took for a surname is no mention of the person («شيخ يدعى», «نائبًا»)
    from khabar.entities.docnames import _inflected_word

    assert _inflected_word("يدعي") and _inflected_word("نايبا") and not _inflected_word("خاشقجي")


def test_a_persons_name_goes_on_after_a_hyphen():
    a = analyze(RawDoc(source="t", fmt="text", text="خبر\n\nقتل كيم جونغ-نام في مطار كولالمبور. وزار مون جيه-إن "
                       "بيونغيانغ، وتحدث عن التنافس بين ميسي-رونالدو."), dt.date(2018, 10, 10))
    per = [m.text for m in a.mentions if m.type == "PER"]
    assert "كيم جونغ-نام" in per and "مون جيه-إن" in per
    assert "ميسي-رونالدو" not in per  # two names, each its own
    a = analyze(RawDoc(source="t", fmt="text", text="خبر\n\nالتقى الرئيس ماكرون-في تصريح للصحفيين-بالوزير."),
                dt.date(2018, 10, 10))
    assert [m.text for m in a.mentions if m.type == "PER"] == ["ماكرون"]  # an aside after the dash
