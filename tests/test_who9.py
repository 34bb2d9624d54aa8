"""Who/when, session 16 (issue #15): the review of batch H's constructions (speech or a scare quote after an
organisation head is no name; a paper relays an unnamed source; the lead date is vetoed only by what the
article shows to be past) and the next general constructions (a surname over a place of the same spelling,
a university named after a place, an institution's kind adjective, no ministry directorate after «الصحة»)."""

from __future__ import annotations

import datetime as dt

from khabar.entities.linking import Resolver
from khabar.eval.harness import eval_quotes
from khabar.ingest.readers import RawDoc
from khabar.model import Analysis, Mention
from khabar.pipeline import analyze

REF = dt.date(2026, 11, 23)


def _a(text: str, date: str | None = "2018-05-01") -> Analysis:
    return analyze(RawDoc(source="x", fmt="json", title="عنوان الخبر هنا", text=text, doc_id="t", date=date), REF)


def _plain(text: str) -> Analysis:
    return analyze(RawDoc(source="x", fmt="text", text="عنوان الخبر هنا\n" + text), REF)


def _mentions(a: Analysis) -> dict[str, tuple[str, str | None]]:
    return {a.article.text[m.start : m.end]: (m.type, m.entity) for m in a.mentions}


def _speakers(a: Analysis) -> list[str | None]:
    return [q.speaker_text for q in a.quotes]


# -- quoted names: what is not one
def test_speech_in_quotation_marks_after_a_named_organisation_stays_its_speech():
    a = _a('وقال الجيش السوري "تمكنت وحداتنا من صد الهجوم".')
    assert "تمكنت وحداتنا من صد الهجوم" not in _mentions(a)
    assert [q.speaker for q in a.quotes] == ["SYR_ARMY"]
    b = _a('وقال الحزب الديمقراطي "سنواصل النضال حتى النهاية".')
    assert "سنواصل النضال حتى النهاية" not in _mentions(b) and _speakers(b) == ["الحزب الديمقراطي"]


def test_a_scare_quoted_adjective_or_a_topic_after_a_name_is_no_name():
    got = _mentions(_a('وصنفت الحكومة تنظيم "إرهابي" جديد، وناقش الاتحاد الأوروبي "بريكست" أمس، وقالت حركة في "بيانها" إنها مستمرة.'))
    assert "إرهابي" not in got and "بريكست" not in got and "بيانها" not in got
    assert got["الاتحاد الأوروبي"] == ("ORG", "EU")


def test_a_quoted_name_after_a_reporting_verb_that_goes_on_is_still_a_name():
    a = _a('وقال حزب "الفجر الذهبي" إن الانتخابات مزورة.')
    assert _mentions(a)["الفجر الذهبي"][0] == "ORG" and _speakers(a) == ["الفجر الذهبي"]


# -- relays
def test_a_paper_relaying_a_source_it_cannot_name_stays_the_speaker():
    a = _a('قال وزير الخارجية عادل الجبير إن المملكة لن تتراجع.\nونقلت صحيفة "الحياة" عن تقرير لم ينشر أن الاجتماع تأجل.')
    assert [q.speaker for q in a.quotes] == ["adel_al_jubeir", "ALHAYAT"]


# -- the lead date
def test_a_future_event_with_a_year_does_not_veto_the_lead_date_without_a_crawl_date():
    a = _plain("الرياض 15 نوفمبر 2015 - أعلن الاتحاد أن البطولة ستنطلق في 10 يناير 2016.\nوقال المدير إن الاستعدادات جارية.")
    assert a.article.published.value == "2015-11-15"


def test_a_weekday_the_lead_gives_to_something_ahead_is_not_the_report_day():
    for lead in ("أعلنت الوزارة في 15 نوفمبر 2015 أن الاجتماع سيعقد الثلاثاء المقبل.",
                 "أعلنت الوزارة في 15 نوفمبر 2015 أن الرحلات تبدأ فجر الغد الثلاثاء."):
        assert _plain(lead + "\nوقال المدير إن الاستعدادات جارية.").article.published.value == "2015-11-15", lead
    # the report's own weekday, not this date's (11 November 2004 was a Thursday): a recalled event
    recalled = _plain("أعلنت النيابة الثلاثاء أن الرئيس توفي في 11 نوفمبر 2004 متأثرا بمرضه.\nوقال المدير إن التحقيق مستمر.")
    assert recalled.article.published.value != "2004-11-11"


# -- names
def test_a_surname_spelled_like_a_place_is_the_person_the_article_names_in_full():
    got = _a("قال ياسر عرفات إن الوضع صعب. وأضاف عرفات أن السلام ممكن.")
    per = got.mentions[-1]
    assert (got.article.text[per.start : per.end], per.type) == ("عرفات", "PER")
    assert per.entity == got.mentions[0].entity and len(got.quotes) == 2
    place = _mentions(_a("قال ياسر عرفات إن الوضع صعب. ووقف الحجاج في عرفات أمس."))
    assert place["عرفات"][0] == "LOC"


def test_a_university_named_after_a_place_keeps_its_head_and_a_kind_adjective_ends_a_name():
    got = _mentions(_a("قال باحثون في جامعة واشنطن إن الدواء فعال، ونقل الطفل إلى مجمع فلسطين الطبي في رام الله."))
    assert got["جامعة واشنطن"][0] == "ORG" and "واشنطن" not in got
    assert got["مجمع فلسطين الطبي"][0] == "ORG" and "فلسطين" not in got


def test_a_minister_of_health_named_after_his_ministry_is_a_person():
    a = _a("وقال وزير الصحة جواد عواد إن المستشفى جاهز.")
    assert _mentions(a).get("جواد عواد", ("",))[0] == "PER" and "الصحة جواد عواد" not in _mentions(a)


# -- the speaker scorer
def test_a_row_without_a_name_takes_the_names_its_speaker_ids_other_rows_write(tmp_path):
    a = _a("قال الكاتب الصحفي إن الحكومة باقية. وقالت بهية الحريري إن النواب سيجتمعون.")
    gold = tmp_path / "g.tsv"
    rows = ["t\tnew:PER:x\tindirect\tالنواب سيجتمعون\t-", "t\tnew:PER:x\tindirect\tغير موجود\tالكاتب"]
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert eval_quotes({"t": a}, gold).tp == 0  # an id that writes no name but «الكاتب» vouches for nobody
    rows.append("t\tnew:PER:x\tindirect\tغير موجود أيضا\tبهية الحريري")
    gold.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert eval_quotes({"t": a}, gold).tp == 1  # the row without a name: the name its id's other row writes


def test_a_known_persons_surname_alias_before_an_unknown_family_name_is_someone_elses_first_name():
    # the tagger's reading in a real article (SaudiNewsNet, batch H): «هادي» alone, linked by the gazetteer
    text = "قال عضو الائتلاف هادي البحرة إن الحل سياسي، وقال الرئيس هادي الاثنين إن الحرب انتهت."
    i, j = text.index("هادي"), text.rindex("هادي")
    ms = [Mention(i, i + 4, "هادي", "PER", "abdrabbuh_mansur_hadi", "gazetteer", 0.9),
          Mention(j, j + 4, "هادي", "PER", "abdrabbuh_mansur_hadi", "gazetteer", 0.9)]
    Resolver()._surname_alias_as_first_name(text, ms)
    assert (ms[0].text, ms[0].entity.startswith("new:PER:")) == ("هادي البحرة", True)
    assert (ms[1].text, ms[1].entity) == ("هادي", "abdrabbuh_mansur_hadi")  # «الاثنين»: a common word


def test_a_title_in_apposition_ends_an_organisations_name():
    got = _mentions(_a("وقال عضو الهيئة السياسية الرئيس السابق للائتلاف هادي البحرة إن الحل سياسي."))
    assert not any("الرئيس" in k for k in got)


def test_a_person_the_tagger_misses_is_found_by_a_first_name_and_a_rare_family_name_in_apposition_with_a_role():
    a = _a("كشف المتحدث الرسمي بوزارة العمل، تيسير المفرج، عن عجز المنشآت. وقال المفرج: إن الوزارة لن تتهاون.")
    got = _mentions(a)
    assert got["تيسير المفرج"][0] == "PER" and got["المفرج"][1] == got["تيسير المفرج"][1]
    assert _speakers(a)[-1] == "تيسير المفرج"
    b = _mentions(_a("ونقلت الوكالة عن سعيد الطاير الرئيس التنفيذي لهيئة كهرباء ومياه دبي، أن المشروع كبير."))
    assert b["سعيد الطاير"][0] == "PER"
    # a first name that is a common word, with no role beside it, is left alone
    assert not any(k.startswith(("بيت", "خلف")) for k in _mentions(_a("وهنا يكمن بيت القصيد، وظل خلف القضبان سنوات.")))


def test_an_event_name_takes_its_year_and_leaves_the_descriptor_tournament_out():
    got = _mentions(_a("وتأهل المنتخب إلى بطولة كأس العالم 2018 في روسيا، وفاز ببطولة الدوري الإسباني."))
    assert got["كأس العالم 2018"][0] == "MISC" and not any(k.startswith("بطولة") for k in got)
    assert "الدوري الإسباني" in got  # «بطولة» is dropped only before a name of two words or more


def test_a_surname_that_is_a_month_name_is_the_person_unless_a_date_is_written():
    a = _a("قالت رئيسة الوزراء البريطانية تيريزا ماي إن الخطة جيدة. وأضافت ماي أن الحكومة موحدة في 15 ماي 2018.")
    may = [m for m in a.mentions if a.article.text[m.start : m.end] == "ماي"]
    assert len(may) == 1 and (may[0].type, may[0].entity) == ("PER", "theresa_may")
    assert not any(t.start <= may[0].start < t.end for t in a.timexes)


def test_a_role_before_an_organisation_is_no_part_of_its_name():
    got = _mentions(_a("وقالت مؤسسة النقد العربي السعودي إن القرار جاء بعد الاستماع إلى محافظ مؤسسة النقد العربي السعودي."))
    assert got["مؤسسة النقد العربي السعودي"] == ("ORG", "SAMA") and not any(k.startswith("محافظ") for k in got)


def test_an_honorific_followed_by_the_name_is_a_title_and_people_joined_by_wa_are_two():
    a = _a("بحث خادم الحرمين الشريفين الملك سلمان بن عبد العزيز مع الوزير المستجدات. وأكد خادم الحرمين الشريفين أهمية التعاون.",
           date="2016-05-01")
    hon = [m for m in a.mentions if m.text == "خادم الحرمين الشريفين"]
    assert [m.method.startswith("title+") for m in hon] == [True, False] and {m.entity for m in hon} == {"king_salman"}
    b = _a("وسجل لويس سواريز هدفين، وقبله روبي فاولر وماكيل اوين وسواريز.")
    people = [b.article.text[m.start : m.end] for m in b.mentions if m.type == "PER"]
    assert "ماكيل اوين" in people and people.count("سواريز") == 1


def test_speech_after_a_colon_without_quotation_marks_is_direct_and_a_participle_is_no_spokesman():
    a = _a("وقال إنييستا في تصريحات لشبكة راديو ماركا الإذاعية خلال تواجده في روسيا مع المنتخب: أسمع منذ 30 عاما أنني "
           "أصبحت عجوزا. وأضاف متحدثا عن المونديال: أعتقد أن الوضع صعب للغاية.")
    got = [(q.kind, a.article.text[q.start : q.start + 8], q.unnamed) for q in a.quotes]
    assert got == [("direct", "أسمع منذ", False), ("direct", "أعتقد أن", False)]
    assert all(q.speaker == a.quotes[0].speaker for q in a.quotes)


def test_a_stated_feeling_or_stance_is_reported_speech_and_an_announcement_of_a_fact_is_not():
    a = _a("وأعلنت جبهة النصرة موافقتها على تسليم النقاط للجيش. وأعرب المدير عن تفاؤله بمستقبل الشركة. "
           "ولم تعلن أي جهة مسؤوليتها عن الهجوم.")
    got = [a.article.text[q.start : q.start + 6] for q in a.quotes]
    assert got == ["موافقت", "تفاؤله"]


def test_a_stated_regret_is_both_a_reported_stance_and_the_speakers_accuse_event():
    a = _a("أبدى الرئيس العراقي فؤاد معصوم أسفه، الأربعاء، لقرار نظيره الأميركي دونالد ترامب الانسحاب من الاتفاق النووي.")
    assert [a.article.text[q.start : q.start + 4] for q in a.quotes] == ["أسفه"]
    acc = [e for e in a.events if e.plover == "ACCUSE"]
    assert acc and acc[0].actor_country == "IRQ" and acc[0].recipient == "donald_trump"


def test_a_weekday_marked_ahead_by_the_word_after_it_is_not_the_report_day():
    a = _plain("أعلنت الوزارة في 15 نوفمبر 2015 أن الاجتماع الثلاثاء المقبل.\nوقال المدير إن الاستعدادات جارية.")
    assert a.article.published.value == "2015-11-15"
