"""Quote speakers are people, organisations, states or described unnamed sources: never a place
where something was said; honorific pronouns («معاليه», «سموه») stand for the article's dignitary."""

from __future__ import annotations

from khabar.ingest.readers import RawDoc
from khabar.kb.actors import knowledge_base
from khabar.pipeline import analyze


def _quotes(text: str):
    a = analyze(RawDoc(source="t", fmt="json", title="عنوان الخبر هنا للاختبار", text=text, date="2021-03-10"))
    return [(q.speaker, a.article.text[q.start : q.end], q.unnamed) for q in a.quotes]


def _kind(actor_id):
    a = knowledge_base().get(actor_id or "")
    return a.kind if a else None


def test_place_where_it_was_said_is_not_the_speaker():
    qs = _quotes("أكد وزير الخارجية الروسي سيرغي لافروف أن موسكو تريد الحوار مع جيرانها.\n"
                 "وقال في كلمة أمام الطلاب في جاكرتا إن بلاده لن تقبل بأي شروط مسبقة للتفاوض.\n"
                 "وأضاف في مؤتمر صحفي بالقاهرة أن الاتفاق سيوقع في الشهر المقبل.")
    assert len(qs) == 3
    assert [q[0] for q in qs] == ["sergey_lavrov"] * 3
    assert all(_kind(q[0]) not in ("city", "capital", "region") for q in qs)


def test_a_state_can_still_speak():
    qs = _quotes("أعلنت روسيا أن الإصلاحات الدستورية المزمع إدخالها لن تغير شيئا في الوضع القائم.")
    assert qs and qs[0][0] == "RUS"


def test_honorific_pronoun_is_the_dignitary_not_the_addressee():
    qs = _quotes("رفع معالي وزير الخارجية عادل الجبير أحر التعازي إلى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز "
                 "في وفاة الأمير سعود الفيصل.\n"
                 "وقال معاليه إن الفقيد كان مثالا للإخلاص في خدمة دينه ووطنه طوال عقود.")
    said = [q for q in qs if q[1].startswith("الفقيد")]
    assert said and said[0][0] == "adel_al_jubeir"


def test_outlet_named_as_addressee_is_not_the_speaker():
    qs = _quotes("أكد وزير الخارجية السعودي عادل الجبير أن المملكة تدعم الحل السياسي في اليمن.\n"
                 "وقال لـ«الشرق الأوسط» إن المحادثات ستستأنف خلال الأسبوع المقبل في الكويت.")
    said = [q for q in qs if q[1].startswith("المحادثات")]
    assert said and said[0][0] == "adel_al_jubeir"


def test_newspaper_as_speaker():
    qs = _quotes("وذكرت صحيفة الرياض أن الاجتماع الوزاري سيعقد في العاصمة الأسبوع المقبل بحضور الوفود.")
    assert qs and qs[0][0] == "ALRIYADH"
