"""News media: outlets and agencies are knowledge-base actors, and their names that are also
places or common words are the outlet only in a media construction."""

from __future__ import annotations

from importlib import resources

from khabar.ingest.readers import RawDoc
from khabar.kb.actors import knowledge_base
from khabar.kb.media import media_spans
from khabar.pipeline import analyze


def _rows(name):
    text = (resources.files("khabar") / "data" / name).read_text(encoding="utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def test_every_outlet_and_agency_is_a_media_actor():
    kb = knowledge_base()
    for code, en, *_ in _rows("outlets.tsv"):
        a = kb.get(code.upper())
        assert a and a.sector == "MED" and en in (a.en, a.id) and (a.forms or a.cue), code
    for code, en, *_ in _rows("agencies.tsv"):
        a = kb.get(code)
        assert a and a.sector == "MED" and a.en == en, code


def _spans(text):
    return [(text[s.start : s.end], s.actor) for s in media_spans(text)]


def test_media_constructions():
    assert _spans("وقال لـ«الشرق الأوسط» إن") == [("الشرق الأوسط", "AAWSAT")]
    assert _spans("قال المتحدث (الجزيرة) إن") == [("الجزيرة", "ALJAZEERA")]
    assert _spans("وذكرت صحيفة الرياض أن") == [("الرياض", "ALRIYADH")]
    assert _spans("وبثت قناة العربية صورا") == [("العربية", "ALARABIYA")]
    # a name shared by outlets: the media noun says which
    assert _spans("ونقلت صحيفة الجزيرة عن") == [("الجزيرة", "ALJAZIRAH")]
    assert _spans("بحسب «الحياة»، فإن") == [("الحياة", "ALHAYAT")]
    # no media construction: the place, the word
    assert _spans("وصل الوفد إلى الرياض قادما من الشرق الأوسط") == []
    assert _spans("وقفوا معا في شبه الجزيرة العربية") == []


def _mentions(text):
    a = analyze(RawDoc(source="t", fmt="json", title="عنوان الخبر هنا للاختبار", text=text, date="2021-03-10"))
    return {(m.text, m.type, m.entity) for m in a.mentions}


def test_outlets_become_org_mentions_and_places_stay_places():
    ms = _mentions("وقال وزير الخارجية عادل الجبير لـ«الشرق الأوسط» إن الاجتماع سيعقد في الرياض.\n"
                   "وذكرت صحيفة الرياض أن الوفود وصلت، فيما نقلت وكالة رويترز عن مصدر أن الجلسة تأجلت.")
    assert ("الشرق الأوسط", "ORG", "AAWSAT") in ms
    assert ("الرياض", "ORG", "ALRIYADH") in ms
    assert ("الرياض", "LOC", "SAU:Riyadh") in ms
    assert any(e == "REUTERS" for _, _, e in ms)


def _linked(text, word):
    a = analyze(RawDoc(source="t", fmt="json", title="عنوان الخبر هنا للاختبار", text=text, date="2021-03-10"))
    return [(m.text, m.type, m.entity) for m in a.mentions if word in m.text]


def test_oman_and_amman_by_context():
    oman = _linked("وقال مسؤول إن سلطنة عمان ستستضيف القمة الخليجية، وإن عمان ترحب بالوفود بعد لقاء في مسقط.", "عمان")
    assert oman and all(e == "OMN" for _, _, e in oman)
    amman = _linked("وصل الوفد الفلسطيني إلى العاصمة الأردنية عمان، وعقد الاجتماع في عمان بحضور وزير الخارجية الأردني.",
                    "عمان")
    assert amman and all(e == "JOR:Amman" for _, _, e in amman)


def test_aljazeera_is_never_algiers():
    assert _linked("وقال مراسل الجزيرة إن القصف استمر طوال الليل.", "الجزيرة") == [("الجزيرة", "ORG", "ALJAZEERA")]
    assert _linked("شنت القوات هجوما في منطقة الجزيرة قرب الحسكة والقامشلي.", "الجزيرة") == [
        ("الجزيرة", "LOC", "SYR_JAZIRA")]
    assert ("شبه الجزيرة العربية", "LOC", "ARAB_PENINSULA") in _linked("تمتد الصحراء في شبه الجزيرة العربية.", "الجزيرة")
    assert not [e for _, _, e in _linked("وصلت الباخرة إلى الجزيرة صباحا.", "الجزيرة") if e == "DZA:Algiers"]


def test_proclitic_letter_inside_a_name_is_kept():
    baga = _linked("هاجم مسلحون السكان قريبا من باغا شمال شرقي نيجيريا، وقال مسؤول إن الجنود في باغا تصدوا للهجوم.", "اغا")
    assert baga and all(t == "باغا" for t, _, _ in baga)
    faisal = _linked("استقبل الأمير فيصل بن خالد المهنئين بالعيد. وقال الأمير فيصل إن المنطقة تشهد تنمية.", "يصل")
    assert faisal and all(t.startswith("فيصل") for t, _, _ in faisal)
    # a real proclitic is still split: «لروسيا» is ل + Russia
    assert ("روسيا", "LOC", "RUS") in _linked("وصل الوزير لروسيا أمس، وقال إن روسيا شريك مهم.", "روسيا")
