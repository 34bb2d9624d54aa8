"""Events (issue #11, session 14): an event noun's agent said after it, the lexicon's verbs in every person and
required words with a pronoun, and gold articles said to have no event counting in the evaluation."""

from __future__ import annotations

import datetime as dt

from khabar.eval.harness import eval_events, gold_docs
from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze


def _events(text: str, title: str = "عنوان الخبر الرئيسي للاختبار"):
    a = analyze(RawDoc(source="t", fmt="json", title=title, text=text, date="2018-05-01"), dt.date(2018, 5, 2))
    assert "stage_errors" not in a.article.extra, a.article.extra["stage_errors"]
    return a


def _found(a, plover: str) -> list[tuple[str, str | None]]:
    return [(e.actor, e.recipient) for e in a.events if e.plover == plover]


def test_the_person_after_a_visit_is_its_agent_not_the_place_or_the_one_criticised():
    a = _events("ووقع الجانبان الاتفاق على هامش زيارة الرئيس المصري عبد الفتاح السيسي للصين.")
    assert ("abdel_fattah_el_sisi", "CHN") in _found(a, "CONSULT")
    a = _events("ووصل وزير الخارجية الفرنسي إلى طهران في زيارة إيران هي الأولى منذ سنوات.")
    assert all(act != "IRN" for act, _ in _found(a, "CONSULT")), a.events
    a = _events("وجدد الوزير رفضه انتقاد الحكومة المصرية في البرلمان.")
    assert all(act != "EGY_GOV" for act, _ in _found(a, "ACCUSE")), a.events


def test_a_nationality_adjective_after_an_attack_noun_is_its_agent():
    assert ("ISR", "HAMAS") in _found(_events("قصف إسرائيلي يقتل عنصرين من حماس في غزة."), "ASSAULT")
    assert any(act == "USA" for act, _ in _found(_events("وأدانت الحكومة الغارات الجوية الأمريكية على القرية."),
                                                  "ASSAULT"))


def test_the_victim_of_a_killing_noun_is_not_its_agent():
    a = _events("وأعلنت الشرطة مقتل فلسطيني في المدينة يوم الأحد.")
    assert all(act != "PSE" for act, _ in _found(a, "ASSAULT")), a.events


def test_lexicon_verbs_in_every_person_and_required_words_with_a_pronoun():
    assert ("QAT", "USA") in _found(_events("وتطلب قطر من الولايات المتحدة المساعدة في التحقيق."), "REQUEST")
    assert _found(_events("وأنقذت البحرية الإيطالية 32 لاجئا قبالة السواحل الليبية."), "AID")
    a = _events("وأغلقت السلطات الإسرائيلية مكاتب قناة الجزيرة في القدس.")
    assert any(rec == "ALJAZEERA" for _, rec in _found(a, "COERCE")), a.events
    for routine in ("وأعلنت مصر إغلاق قناة السويس أمام السفن ليوم واحد.", "وأغلقت السلطات مكاتب الاقتراع في المساء."):
        assert not _found(_events(routine), "COERCE"), routine
    assert not _found(_events("وأنقذ اللاعب فريقه برشلونة من الهزيمة في الدقيقة الأخيرة."), "AID")
    from khabar.extract.events.lexicon import _find_triggers

    a = _events("وقالت الأسرة إن السلطات أطلقت سراحه يوم الأحد بعد احتجازه أسبوعا.")
    trig = [t.plover for s in a.sentences for _, _, t in _find_triggers(s, a.article.text)[0]]
    assert "RETREAT" in trig  # «أطلقت سراحه»: the required word with its pronoun


def test_articles_said_to_have_no_event_count_their_spurious_events(tmp_path):
    text = "قصف إسرائيلي يقتل عنصرين من حماس في غزة."
    gold = tmp_path / "events.tsv"
    gold.write_text("# doc-1: a report with nothing to code (made up for the test); no event\n", encoding="utf-8")
    assert gold_docs(gold) == {"doc-1"}
    a = _events(text)
    assert a.events
    sc = eval_events({"doc-1": a}, gold, "type")
    assert sc.fp == len(a.events) and sc.tp == 0 and sc.fn == 0


def test_negation_and_condition_with_a_conjunction_and_a_condition_in_a_later_clause():
    modes = {e.plover: e.mode for e in _events("ولم تعتقل الشرطة التركية أحدا من المتظاهرين في إسطنبول.").events}
    assert modes.get("COERCE") == "negated"
    modes = {e.plover: e.mode for e in _events("وإذا هاجمت إيران القوات الأمريكية في سوريا فسترد واشنطن بقوة.").events}
    assert modes.get("ASSAULT") == "hypothetical"
    a = _events("وأدانت فرنسا الهجوم على المدنيين في دوما، وإذا ثبت استخدام السلاح الكيماوي فسترد باريس.")
    assert any(e.plover == "ACCUSE" and e.mode == "asserted" for e in a.events), a.events  # a later clause's «وإذا»


def test_counted_people_named_by_their_role_are_the_recipients_with_their_sector():
    a = _events("واعتقلت الشرطة التركية 20 صحفيا في إسطنبول أمس.")
    assert ("TUR_COP", "TUR_MED") in _found(a, "COERCE"), a.events
    a = _events("وأصيب خمسة مسعفين في القصف على مدينة دوما في سوريا.")
    assert any(rec == "SYR_HLH" for _, rec in _found(a, "ASSAULT")), a.events
