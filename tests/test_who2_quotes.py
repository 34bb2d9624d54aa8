"""Who v2 (issue #15): reported speech after a colon, «إنّ» with a shadda, «وصف … بأنها», quoted
fragments inside reported speech, and organisations speaking through their bare head («الاتحاد»)."""

from __future__ import annotations

from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze


def _quotes(text):
    a = analyze(RawDoc(source="t", fmt="json", title="عنوان الخبر هنا للاختبار", text=text, date="2015-08-02"))
    return [(q.speaker_text, q.kind, a.article.text[q.start : q.end]) for q in a.quotes]


def test_complementiser_after_a_colon_and_with_a_shadda():
    got = _quotes("وقال مدير إدارة الطوارئ سعيد الزهراني: إنه تم البدء بالفعل في التجهيز المبكر لموسم الحج.")
    assert [(s, k) for s, k, _ in got] == [("سعيد الزهراني", "indirect")]
    assert got[0][2].startswith("تم البدء")
    got = _quotes("قال المرصد السوري لحقوق الإنسان اليوم (الأحد)، إنّ نحو ألف سوري بدأوا اعتصاما في المدينة.")
    assert got and got[0][0] == "المرصد السوري لحقوق الإنسان" and got[0][2].startswith("نحو ألف")


def test_quoted_fragment_inside_reported_speech_is_a_second_statement():
    got = _quotes("انتقد الاتحاد المصري لكرة القدم خطابات المحامي. وأعلن الاتحاد أنه قرر الرد على الخطابات "
                  "\"في إطارها المناسب وفقا للوائح الاتحاد الدولي\".")
    kinds = [(s, k) for s, k, _ in got]
    # «الاتحاد» is the federation named in full before it (its speaker span is that name)
    full = "الاتحاد المصري لكرة القدم"
    assert (full, "indirect") in kinds and (full, "direct") in kinds
    direct = next(t for s, k, t in got if k == "direct")
    assert direct.startswith("في إطارها")


def test_describing_verb_with_a_quoted_judgement():
    got = _quotes("ووصف أحمد مجاهد عضو مجلس الإدارة الخطابات بأنها \"لم تكن لائقة على الإطلاق\".")
    assert got and got[0][0] == "أحمد مجاهد" and got[0][2].startswith("لم تكن لائقة")
