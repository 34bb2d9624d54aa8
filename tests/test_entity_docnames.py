"""Names within one article, in the entity layer (khabar/entities/docnames.py): proclitic letters
of names, last and first names linked to the person named in full, repeats of a name. Synthetic
sentences, not gold articles."""

from __future__ import annotations

from khabar.entities.docnames import (
    link_name_parts,
    nationality_adjectives,
    repeated_names,
    restore_name_letters,
    surname_mentions,
)
from khabar.ingest.readers import RawDoc
from khabar.model import Mention
from khabar.pipeline import analyze
from khabar.text.tokenize import tokenize


def _m(text: str, part: str, typ: str, entity: str | None, nth: int = 0, method: str = "ner") -> Mention:
    s = -1
    for _ in range(nth + 1):
        s = text.index(part, s + 1)
    return Mention(s, s + len(part), part, typ, entity, method)


def _mentions(text: str) -> list[tuple[str, str, str | None]]:
    a = analyze(RawDoc(source="t", fmt="json", text=text))
    return [(m.text, m.type, m.entity) for m in a.mentions]


def test_clitic_letter_of_a_last_name_is_put_back():
    text = "وصل المهندس جورج باير إلى الموقع أمس. وقال باير إن العمل سينتهي قريبا."
    ms = [_m(text, "جورج باير", "PER", "new:PER:a"), _m(text, "اير", "PER", None, 1)]
    changed = restore_name_letters(text, tokenize(text), ms, set())
    assert ms[1].text == "باير" and id(ms[1]) in changed
    link_name_parts(text, ms)
    assert ms[1].entity == "new:PER:a"


def test_a_name_the_article_always_writes_with_its_first_letter_keeps_it():
    text = "التقى والتر كمبل بالوفد، ثم قال والتر كمبل إن الزيارة كانت ناجحة."
    ms = [_m(text, "التر كمبل", "PER", None), _m(text, "التر كمبل", "PER", None, 1)]
    restore_name_letters(text, tokenize(text), ms, set())
    assert [m.text for m in ms] == ["والتر كمبل", "والتر كمبل"]


def test_a_known_place_after_a_conjunction_stays_cut():
    text = "سافر الوفد إلى باريس ولندن، ثم عاد الوفد من باريس ولندن أمس."
    ms = [_m(text, "لندن", "LOC", "GBR:London"), _m(text, "لندن", "LOC", "GBR:London", 1)]
    restore_name_letters(text, tokenize(text), ms, {"لندن"})
    assert [m.text for m in ms] == ["لندن", "لندن"]


def test_a_conjunction_left_on_a_name_is_cut_when_the_article_writes_it_alone():
    text = "قصفت الطائرات بلدة كحيل أمس، وسيطرت القوات على نوى وكحيل صباح اليوم."
    ms = [_m(text, "كحيل", "LOC", None), _m(text, "وكحيل", "LOC", None)]
    restore_name_letters(text, tokenize(text), ms, set())
    assert [m.text for m in ms] == ["كحيل", "كحيل"]


def test_a_conjunction_on_the_second_name_of_a_list_is_cut():
    text = "سيطرت القوات على بلدات نوى وكحيل صباح اليوم."
    ms = [_m(text, "نوى", "LOC", None), _m(text, "وكحيل", "LOC", None)]
    restore_name_letters(text, tokenize(text), ms, set())
    assert [m.text for m in ms] == ["نوى", "كحيل"]


def test_first_name_alone_is_the_person_named_in_full():
    text = "قالت الوزيرة فلورين باتيسا إن الخطة جاهزة. وتحدثت فلورين في مؤتمر صحفي."
    ms = [_m(text, "فلورين باتيسا", "PER", "new:PER:b"), _m(text, "فلورين", "PER", "new:PER:c", 1)]
    link_name_parts(text, ms)
    assert [m.entity for m in ms] == ["new:PER:b", "new:PER:b"]


def test_a_fathers_name_is_not_the_person():
    text = "استقبل محمد بن سلمان الوفد، وكان سلمان قد أرسل برقية."
    ms = [_m(text, "محمد بن سلمان", "PER", "new:PER:m"), _m(text, "سلمان", "PER", "new:PER:s", 1)]
    link_name_parts(text, ms)
    assert ms[1].entity == "new:PER:s"


def test_surname_the_tagger_missed_is_a_mention_of_the_person():
    text = "استقبل السفير أحمد بن سالم قطنيري الوفد. وقال قطنيري إن الطلاب يمثلون بلادهم."
    ms = [_m(text, "أحمد بن سالم قطنيري", "PER", "new:PER:q")]
    got = surname_mentions(text, tokenize(text), ms)
    assert [(m.text, m.entity) for m in got] == [("قطنيري", "new:PER:q")]


def test_a_repeated_name_is_the_same_name_with_one_type():
    text = ("عملت شركة فيرنديل تكنولوجيز في الحملة. وقالت فيرنديل تكنولوجيز إنها لم تخالف القانون، "
            "وأكدت تكنولوجيز ذلك. وتعاقدت فيرنديل تكنولوجيز مع الحزب.")
    ms = [_m(text, "فيرنديل تكنولوجيز", "ORG", "new:ORG:f"), _m(text, "تكنولوجيز", "ORG", "new:ORG:t", 1),
          _m(text, "فيرنديل تكنولوجيز", "PER", "new:PER:f", 2)]
    got = repeated_names(text, ms)
    assert [(m.text, m.type) for m in got] == [("فيرنديل تكنولوجيز", "ORG")] * 3  # the partial span is the name
    assert got[1].start == text.index("فيرنديل تكنولوجيز", ms[0].end)


def test_pipeline_reads_the_surname_after_the_full_name():
    got = _mentions("وصل المهندس جورج باير إلى الموقع مساء أمس.\n\nوقال باير إن العمل سينتهي قبل نهاية العام.")
    pers = [(t, e) for t, typ, e in got if typ == "PER"]
    assert [t for t, _ in pers] == ["جورج باير", "باير"] and pers[0][1] == pers[1][1]


def test_bare_kingdom_is_the_state_the_article_names():
    got = _mentions("أعلنت السعودية أمس عن خطة جديدة للطاقة. وقال الوزير إن المملكة ستزيد إنتاجها، "
                    "وإن المملكة المتحدة وافقت على الخطة. وأكد أن في المملكة فرصا كبيرة.")
    assert [(t, e) for t, typ, e in got if typ == "LOC"] == [
        ("السعودية", "SAU"), ("المملكة", "SAU"), ("المملكة المتحدة", "GBR"), ("المملكة", "SAU")]


def test_bare_head_with_no_state_named_is_no_mention():
    got = _mentions("وقال الوزير إن المملكة ستزيد إنتاجها من النفط خلال العام المقبل.")
    assert all(t != "المملكة" for t, _, _ in got)


def test_divine_names_are_no_entities():
    got = _mentions("ويستقبل ضيوف الرحمن الكرام في بيت الله الحرام، وقال عبدالله الشهري إن الخدمات جاهزة.")
    assert all("الله" not in t.split() and "الرحمن" not in t for t, _, _ in got)


def test_outlet_in_right_quotes_after_li_is_the_outlet():
    got = _mentions("وأوضح لـ”الوئام ” المتحدث الرسمي أن العمل مستمر في الموقع.")
    assert ("الوئام", "ORG", "ALWEEAM") in got


def test_a_name_that_goes_on_after_a_dot_is_one_name():
    got = _mentions("قالت شركة فيرنديل إس.كيو إنها لم تخالف القانون، وأكدت فيرنديل إس.كيو ذلك مساء أمس.")
    assert [t for t, typ, _ in got if typ == "ORG"] == ["فيرنديل إس.كيو", "فيرنديل إس.كيو"]


def test_an_organisations_latin_name_in_arabic_text():
    got = _mentions("وقال المتحدث باسم الوزارة لـCNN إن المفاوضات ستستأنف قريبا في العاصمة.")
    assert ("CNN", "ORG", "CNN") in got


def test_a_smaller_city_of_the_country_the_article_names():
    got = _mentions("وأكد المسؤول في السعودية أن مستشفيات الطائف استقبلت الحالات أمس.")
    assert ("الطائف", "LOC", "SAU:Ta’if") in got


def test_a_smaller_city_is_not_named_in_an_article_about_another_country():
    got = _mentions("وأكد المسؤول في فرنسا أن مستشفيات الطائف استقبلت الحالات أمس.")
    assert all(t != "الطائف" for t, _, _ in got)


def test_a_city_whose_name_is_a_common_word_is_left_out():
    got = _mentions("ونشرت الصحف في السعودية الخبر صباح اليوم.")
    assert all(t != "الخبر" for t, _, _ in got)


def test_sector_and_place_name_a_directorate_but_sector_and_noun_do_not():
    got = _mentions("وأوضح مدير صحة الطائف في السعودية أن الحملة تهدف إلى حماية صحة المواطنين.")
    assert ("صحة الطائف", "ORG") in [(t, typ) for t, typ, _ in got]
    assert all("صحة المواطنين" != t for t, _, _ in got)


def test_place_heads_the_guidelines_keep_make_one_place_name():
    got = _mentions("وزار الوفد جبل آثوس في اليونان ثم مرتفعات الجولان، ودفن الضحايا في مقبرة الشهداء قرب دوار الزراعة.")
    locs = [t for t, typ, _ in got if typ == "LOC"]
    assert {"جبل آثوس", "مرتفعات الجولان", "مقبرة الشهداء", "دوار الزراعة"} <= set(locs)
    assert "الجولان" not in locs and "آثوس" not in locs


def test_holy_sites_and_a_person_whose_name_ends_with_one():
    got = _mentions("وصل الحجاج إلى عرفات ثم المشاعر المقدسة أمس. وقال ياسر عرفات إن الحل قريب.")
    assert ("عرفات", "LOC", "ARAFAT") in got and ("المشاعر المقدسة", "LOC", "HOLY_SITES_MAKKAH") in got
    assert ("ياسر عرفات", "PER") in [(t, typ) for t, typ, _ in got]
    assert [t for t, typ, _ in got if typ == "LOC"].count("عرفات") == 1


def test_a_nationality_adjective_after_its_noun_is_no_place():
    text = "قالت القوات السورية إنها تقدمت، بعد غارات جوية سورية على المدينة، ثم عاد الوفد إلى سورية."
    ms = [_m(text, "السورية", "LOC", "SYR"), _m(text, "سورية", "LOC", "SYR", 1), _m(text, "سورية", "LOC", "SYR", 2)]
    nat = {"السوريه": "SYR", "سوريه": "SYR"}.get
    kept = nationality_adjectives(text, ms, nat)
    assert [m.start for m in kept] == [ms[2].start]


def test_a_place_and_its_era_or_part_are_one_place_name():
    got = _mentions("وتعرض آثار مصر القديمة في المتحف، ثم عاد الوفد إلى مصر أمس.")
    locs = [(t, e) for t, typ, e in got if typ == "LOC"]
    assert locs[0][0] == "مصر القديمة" and locs[0][1] != "EGY" and ("مصر", "EGY") in locs


def test_business_organisations_of_the_knowledge_base():
    got = _mentions("وقالت وكالة فيتش إن الاحتياطي الفيدرالي سيرفع الفائدة، بينما ارتفع سوق أبوظبي أمس.")
    assert {("الاحتياطي الفيدرالي", "US_FED"), ("سوق أبوظبي", "ADX")} <= {(t, e) for t, _, e in got}
