from __future__ import annotations

from khabar.text.textnorm import fold_digits, normalize, normalize_same_length, strip_diacritics
from khabar.text.tokenize import lemma, segment_word, split_sentences, stem, tokenize


def test_normalize_search_form():
    assert normalize("أإآٱا") == "ااااا"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("الســـلام") == "السلام"
    assert normalize("٢٠١٠ و۲۰۱۰") == "2010 و2010"
    assert fold_digits("١٢/٠٤") == "12/04"
    assert strip_diacritics("كَتَبَ") == "كتب"
    # Presentation forms (ﻻ) are folded too.
    assert normalize("\ufefb") == "لا"


def test_same_length_normalisation_keeps_offsets():
    s = "قالَ الرئيسُ إنّ ٣ وزراء"
    n = normalize_same_length(s)
    assert len(n) == len(s)
    assert n[s.index("٣")] == "3"


def _segs(word):
    return [(word[s:e], k) for s, e, k in segment_word(word)]


def test_clitic_segmentation():
    assert _segs("والصواريخ") == [("و", "proclitic"), ("ال", "article"), ("صواريخ", "stem")]
    assert _segs("لروسيا") == [("ل", "proclitic"), ("روسيا", "stem")]
    assert _segs("للناتو") == [("ل", "proclitic"), ("ل", "article"), ("ناتو", "stem")]
    assert _segs("وسيتطرق")[:2] == [("و", "proclitic"), ("س", "proclitic")]
    assert _segs("موقفها") == [("موقف", "stem"), ("ها", "enclitic")]
    # Names and words that merely start with a clitic letter stay whole.
    for w in ("لافروف", "بروكسل", "فلاديمير", "كابول", "الذي", "لكن"):
        assert _segs(w) == [(w, "stem")], w


def test_tokens_keep_offsets_and_segments():
    text = "وقال راسموسن: «سنتمكن من التوصل الى اتفاق» في ١٩ نوفمبر 2010، أي بنسبة 10.5%."
    toks = tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.text
    kinds = {t.text: t.kind for t in toks}
    assert kinds["١٩"] == "number" and kinds["10.5%"] == "number" and kinds["«"] == "punct"
    wa = next(t for t in toks if t.text == "وقال")
    assert [text[g.start : g.end] for g in wa.segments] == ["و", "قال"]


def test_diacritics_inside_words_keep_segments_contiguous():
    w = "وَالصَّوَارِيخُ"
    segs = segment_word(w)
    assert segs[0][0] == 0 and segs[-1][1] == len(w)
    assert all(a[1] == b[0] for a, b in zip(segs, segs[1:], strict=False))


def test_stems_and_lemmas_fold_variants():
    assert stem("الصاروخية") == stem("الصاروخي") == "صاروخ"
    assert lemma("صواريخ") == lemma("صاروخ") == "صاروخ"


def test_sentence_splitting():
    text = "قال د. محمد إن النمو بلغ 10.2 في المئة، وأضاف: \"نحن هنا.\" ثم غادر. وفي عام 2010. بدأ شيء\nسطر ثان؟ نعم"
    sents = [text[s.start : s.end] for s in split_sentences(text)]
    assert sents == [
        'قال د. محمد إن النمو بلغ 10.2 في المئة، وأضاف: "نحن هنا."',
        "ثم غادر.",
        "وفي عام 2010.",
        "بدأ شيء",
        "سطر ثان؟",
        "نعم",
    ]
    paras = [s.paragraph for s in split_sentences(text)]
    assert paras == [0, 0, 0, 0, 1, 1]


def test_future_sin_and_taa_marbuta_are_not_clitics():
    from khabar.text.tokenize import tokenize

    def segs(w):
        t = tokenize(w)[0]
        return [(g.kind, t.text[g.start - t.start : g.end - t.start]) for g in t.segments]

    assert segs("سعيد") == [("stem", "سعيد")]  # a name, not «س» + «عيد»
    assert segs("سيبحث")[0] == ("proclitic", "س")  # the future prefix before an imperfect verb
    assert segs("تظاهرة") == [("stem", "تظاهرة")]  # a taa marbuta is no pronoun «ه»
    assert segs("موقفه")[-1] == ("enclitic", "ه")
