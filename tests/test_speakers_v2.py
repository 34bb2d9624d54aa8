"""Quote speakers, v2: within-article name coreference (a surname, a name whose first letter the
tokenizer took for a proclitic), organisations named by apposition or by a bare head noun, the
author of a cited note, and «مشيرا إلى أنه …». Synthetic sentences, not gold articles."""

from __future__ import annotations

from khabar.extract.quotes import extract_quotes
from khabar.ingest.readers import RawDoc
from khabar.model import Mention
from khabar.pipeline import analyze


def _quotes(text: str):
    a = analyze(RawDoc(source="t", fmt="json", title="عنوان الخبر هنا للاختبار", text=text, date="2021-03-10"))
    return [(q.speaker, q.speaker_text, a.article.text[q.start : q.end], q.unnamed) for q in a.quotes]


def _doc(text: str):
    """The article text the pipeline makes of ``text`` (paragraphs get a blank line), and its sentences."""
    a = analyze(RawDoc(source="t", fmt="json", text=text))
    return a.article.text, a.sentences


def _m(text: str, part: str, typ: str, entity: str, nth: int = 0) -> Mention:
    s = -1
    for _ in range(nth + 1):
        s = text.index(part, s + 1)
    return Mention(s, s + len(part), part, typ, entity)


def test_clitic_letter_of_a_name_is_put_back_and_linked_to_the_full_name():
    text = ("وصل المهندس جورج باير إلى المدينة مساء أمس لتفقد المشروع.\n"
            "وقال باير إن العمل سينتهي قبل نهاية العام الجاري بحسب الخطة.")
    text, sents = _doc(text)
    qs = analyze(RawDoc(source="t", fmt="json", text=text)).quotes  # the entity layer repairs «اير»
    assert qs and qs[0].speaker_text == "جورج باير" == text[qs[0].speaker_start : qs[0].speaker_end]


def test_surname_not_read_as_a_name_is_the_person_named_before():
    text = ("استقبل السفير أحمد بن سالم قطنيري وفد الطلاب في مقر السفارة أمس.\n"
            "وقال قطنيري إن الطلاب يمثلون بلادهم أفضل تمثيل في كل المحافل الدولية.")
    text, sents = _doc(text)
    ms = [_m(text, "أحمد بن سالم قطنيري", "PER", "new:PER:قطنيري"), _m(text, "قطنيري", "PER", "new:PER:قطنيري", 1)]
    qs = extract_quotes(text, sents, ms)
    assert qs and qs[0].speaker == "new:PER:قطنيري" and "قطنيري" in qs[0].speaker_text


def test_bare_head_noun_is_the_organisation_named_in_full_not_an_unnamed_source():
    text = ("بدأت هيئة الخدمات البلدية بمحافظة الساحل استقبال طلبات التوظيف أمس.\n"
            "وأوضحت الهيئة أن النتائج ستصل إلى المتقدمين عبر رسائل نصية قصيرة.")
    text, sents = _doc(text)
    ms = [_m(text, "هيئة الخدمات البلدية", "ORG", "new:ORG:هيئة"), _m(text, "الهيئة", "ORG", "new:ORG:هيئة")]
    qs = extract_quotes(text, sents, ms)
    assert qs and qs[0].speaker == "new:ORG:هيئة" and not qs[0].unnamed
    assert qs[0].speaker_text == "هيئة الخدمات البلدية"


def test_description_with_a_quoted_name_and_the_author_of_a_cited_note():
    text = ("قال صندوق التحوط الدولي «غرينفيلد كابيتال» إن أسعار النحاس قد ترتفع خلال العام الحالي.\n"
            "ونقلت «الوكالة الاقتصادية» عن مذكرة بحثية لصندوق التحوط، أن الطلب الصيني سيبقى قويا هذا العام.\n"
            "وأضاف الصندوق أن المخزونات تراجعت إلى أدنى مستوياتها منذ سنوات.")
    text, sents = _doc(text)
    ms = [_m(text, "صندوق التحوط الدولي", "ORG", "new:ORG:desc"), _m(text, "غرينفيلد كابيتال", "ORG", "new:ORG:gc"),
          _m(text, "الوكالة الاقتصادية", "ORG", "new:ORG:agency"), _m(text, "صندوق التحوط", "ORG", "new:ORG:short", 1),
          _m(text, "الصندوق", "ORG", "new:ORG:desc")]
    qs = extract_quotes(text, sents, ms)
    assert [q.speaker for q in qs] == ["new:ORG:gc"] * 3
    assert qs[1].verb == "نقل" and text[qs[1].start :].startswith("الطلب الصيني")


def test_pointing_to_a_complementiser_with_a_pronoun():
    qs = _quotes("وبين مدير الإدارة الدكتور خالد العتيبي أن الاجتماع ناقش الترتيبات، "
                 "مشيرا إلى أنه تمت مناقشة عدة مواضيع في الاجتماع الدوري للجنة.")
    said = [q for q in qs if q[2].startswith("تمت مناقشة")]
    assert said and said[0][0] == qs[0][0]


def test_a_group_or_a_share_of_one_is_an_unnamed_source():
    text = ("وقال عدد من أنصار المرشح خالد منصور، إن الشرطة منعتهم من دخول الساحة الرئيسية للمدينة.\n"
            "غير أن ناشطين من حزب الأمل يقولون، إن الانتخابات جرت في أجواء هادئة في معظم الدوائر.")
    text, sents = _doc(text)
    ms = [_m(text, "خالد منصور", "PER", "new:PER:خالد"), _m(text, "حزب الأمل", "ORG", "new:ORG:امل")]
    qs = extract_quotes(text, sents, ms)
    assert [q.unnamed for q in qs] == [True, True]
    assert qs[1].speaker == "new:ORG:امل"  # the organisation they belong to is kept


def test_long_svo_subject_is_the_actor_that_opens_the_clause():
    text = ("وتعددت الروايات عن الحادث، لكن مرصد الحقوق المدنية ومؤيدين للرئيس خالد منصور على مواقع التواصل قالوا، "
            "إن الحريق بدأ في الطابق الأول من المبنى القديم.")
    text, sents = _doc(text)
    ms = [_m(text, "مرصد الحقوق المدنية", "ORG", "new:ORG:مرصد"), _m(text, "للرئيس خالد منصور", "PER", "new:PER:خالد")]
    qs = extract_quotes(text, sents, ms)
    assert qs and qs[0].speaker == "new:ORG:مرصد" and not qs[0].unnamed


def test_reported_speech_moving_into_quotation_marks_is_two_statements():
    text = "وأفادت وزارة الخارجية الروسية في بيان أن موسكو \"ترفض بشدة هذا القرار غير المبرر على الإطلاق\"."
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "وزارة الخارجية الروسية", "ORG", "RUS_MFA")])
    got = sorted((q.kind, text[q.start : q.start + 5].strip()) for q in qs)
    assert got == [("direct", "ترفض"), ("indirect", "موسكو")]


def test_according_to_a_source_then_fa_inna():
    text = ("وبحسب الصحافة المحلية فإن الحكومة تستعد لإعلان تعديل وزاري واسع خلال الأيام المقبلة.\n"
            "ووفقا لمركز الرصد الزلزالي فإن الهزة بلغت قوتها خمس درجات على مقياس ريختر.")
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "مركز الرصد الزلزالي", "ORG", "new:ORG:رصد")])
    assert [(q.unnamed, q.speaker, text[q.start : q.start + 7]) for q in qs] == [
        (True, None, "الحكومة"), (False, "new:ORG:رصد", "الهزة ب")]


def test_fear_that_after_a_participle():
    text = ("وقالت الخارجية الروسية إن القرار لا أساس له، معبرة عن مخاوف من أن يضر هذا القرار بالعلاقات بين البلدين.")
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "الخارجية الروسية", "ORG", "RUS_MFA")])
    assert [text[q.start : q.start + 6] for q in qs] == ["القرار", "يضر هذ"]


def test_head_noun_with_a_nationality_is_the_ministry_named_before():
    text = ("وأفادت وزارة الخارجية الروسية في بيان أن موسكو ترفض هذا القرار رفضا قاطعا.\n"
            "وتابعت الوزارة الروسية أن الرد سيكون مماثلا ومتناسبا مع حجم الخطوة.")
    text, sents = _doc(text)
    ms = [_m(text, "وزارة الخارجية الروسية", "ORG", "RUS_MFA"), _m(text, "الوزارة الروسية", "ORG", "RUS_GOV")]
    qs = extract_quotes(text, sents, ms)
    assert [q.speaker for q in qs] == ["RUS_MFA", "RUS_MFA"]


def test_title_holder_with_an_unrecognised_name_is_the_speaker_not_the_organisation():
    text = ("ورأى مدير قسم المخطوطات في المكتبة الوطنية جيرالد فونتيني أن المعرض يجمع بين القديم والحديث.\n"
            "وقال رئيس لجنة التحكيم في المكتبة الوطنية إن النتائج ستعلن في نهاية الأسبوع المقبل.")
    text, sents = _doc(text)
    ms = [_m(text, "المكتبة الوطنية", "ORG", "new:ORG:مكتبة"), _m(text, "المكتبة الوطنية", "ORG", "new:ORG:مكتبة", 1)]
    qs = extract_quotes(text, sents, ms)
    assert [(q.speaker_text, q.unnamed) for q in qs][0] == ("جيرالد فونتيني", False)
    assert qs[0].speaker and qs[0].speaker.startswith("new:PER:")
    assert qs[1].unnamed and qs[1].speaker == "new:ORG:مكتبة"  # an office holder given by role only


def test_direct_quote_after_a_verb_ending_in_lam_is_a_statement():
    text = ("قال الكاتب سمير الحلبي إن الرواية تحكي قصة مدينة كاملة عبر القرون.\n"
            "وواصل \"نعرض الآن مخطوطات نادرة لم يرها الجمهور من قبل في أي معرض\".")
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "سمير الحلبي", "PER", "new:PER:سمر")])
    assert [(q.speaker, q.kind) for q in qs] == [("new:PER:سمر", "indirect"), ("new:PER:سمر", "direct")]


def test_participle_with_tanween_and_a_verbal_noun_stating_a_position():
    text = ("وقال مدير المستشفى الدكتور سالم العمري إن الاستعدادات اكتملت لاستقبال المرضى، "
            "مؤكداً أهمية التنسيق بين الإدارات في كل المواقع، لافتاً إلى أنه سيتم افتتاح قسم جديد قريبا.\n"
            "وأكد العمري ضرورة التزام الزوار بالتعليمات داخل المستشفى.")
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "سالم العمري", "PER", "new:PER:سلم"), _m(text, "العمري", "PER", "new:PER:سلم", 1)])
    assert [text[q.start : q.start + 8] for q in qs] == ["الاستعدا", "أهمية ال", "سيتم افت", "ضرورة ال"]
    assert {q.speaker for q in qs} == {"new:PER:سلم"}


def test_quoted_words_after_a_position_noun_stay_the_statement():
    text = "وأعرب المجلس البلدي عن رفض \"المبالغة في الطلبات التي لا يمكن تلبيتها بأي حال\"."
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "المجلس البلدي", "ORG", "new:ORG:مجلس")])
    assert [(q.kind, text[q.start : q.start + 7]) for q in qs] == [("direct", "المبالغ")]


def test_pronoun_subject_in_the_slot_and_a_quotation_never_closed():
    text = ("استقبل السفير يوسف بن خالد الرميثي أمس وفد المنتخب الوطني للسباحة في مقر السفارة.\n"
            "وقال في كلمته خلال استقباله بعثة المنتخب الوطني للسباحة «إن هذا الإنجاز يضاف إلى سجل الرياضة الوطنية، "
            "مؤكدا أن اللاعبين قادرون على المنافسة في كل البطولات.")
    text, sents = _doc(text)
    ms = [_m(text, "يوسف بن خالد الرميثي", "PER", "new:PER:يوسف"),
          _m(text, "المنتخب الوطني للسباحة", "ORG", "new:ORG:منتخب", 1)]
    qs = extract_quotes(text, sents, ms)
    assert [(q.speaker, q.kind, text[q.start : q.start + 7]) for q in qs] == [
        ("new:PER:يوسف", "direct", "إن هذا "), ("new:PER:يوسف", "indirect", "اللاعبي")]


def test_pointing_verb_with_a_description_and_an_imperfect_verb_inside_the_clause():
    text = ("وقال السفير جون ماركلي إن الاتهامات التي يوجهها الرئيس كارلوس دياز للحلفاء غير صحيحة، وتؤكد له أن الرحيل بات ضروريا.\n"
            "وأشار الدبلوماسي الأميركي إلى حديث دياز المتكرر عن استفادة الحلفاء من الولايات المتحدة.")
    text, sents = _doc(text)
    ms = [_m(text, "جون ماركلي", "PER", "new:PER:جون"), _m(text, "كارلوس دياز", "PER", "new:PER:دياز"),
          _m(text, "دياز", "PER", "new:PER:دياز", 1)]
    qs = extract_quotes(text, sents, ms)
    assert [(q.speaker, text[q.start : q.start + 9]) for q in qs] == [
        ("new:PER:جون", "الاتهامات"), ("new:PER:جون", "حديث دياز")]


def test_a_new_subject_between_quotes_is_who_says_next():
    text = ("وقال جورج هالوران إن موكله لم يرتكب أي مخالفة طوال فترة عمله.\n"
            "وتلقى روبرت كينلي تهديدات عبر وسائل التواصل الاجتماعي خلال الأسبوع الماضي. "
            "وقال إنه يشعر بالندم الشديد على ما حدث في تلك الرحلة.")
    text, sents = _doc(text)
    ms = [_m(text, "جورج هالوران", "PER", "new:PER:هالوران"), _m(text, "روبرت كينلي", "PER", "new:PER:كينلي")]
    qs = extract_quotes(text, sents, ms)
    assert [q.speaker for q in qs] == ["new:PER:هالوران", "new:PER:كينلي"]


def test_participle_with_tanween_before_the_alef():
    text = "وأكد سليم داود ضرورة فتح التحقيق من جديد، مشددًا على أن الأدلة الجديدة تغير مجرى القضية."
    text, sents = _doc(text)
    qs = extract_quotes(text, sents, [_m(text, "سليم داود", "PER", "new:PER:داود")])
    assert [(q.verb, text[q.start : q.start + 6]) for q in qs] == [("أكد", "ضرورة "), ("مشددا", "الأدلة")]
