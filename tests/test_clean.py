from __future__ import annotations

from khabar.ingest.clean import clean_lines, dedupe

BODY = ("وجه صاحب السمو الملكي الأمير بتنفيذ المشروع الكبير في المنطقة الشرقية خلال العام المقبل بتكلفة "
        "كبيرة، وذلك بعد دراسة استمرت عامين.")


def test_chrome_glued_to_text_is_cut_not_the_text():
    c = clean_lines("عنوان الخبر الرئيسي هنا\nشارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك " + BODY)
    assert c.paragraphs == [BODY]
    assert "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك" in c.removed


def test_long_line_starting_like_chrome_is_kept():
    line = "تابعوا التطورات على الحدود حيث قال مسؤولون إن القوات انسحبت من ثلاث قرى بعد اشتباكات عنيفة استمرت يومين."
    c = clean_lines("عنوان الخبر الرئيسي هنا\n" + line + "\nتابعوا RT على")
    assert c.paragraphs == [line] and c.removed == ["تابعوا RT على"]


def test_short_formula_may_recur_but_long_paragraph_not():
    short = "كما جرى استعراض مستجدات الأوضاع الإقليمية."
    kept, dropped = dedupe([BODY, short, "فقرة أخرى مختلفة تماما عن غيرها من الفقرات في هذا الخبر.", short, BODY])
    assert kept.count(short) == 2 and kept.count(BODY) == 1 and dropped == [BODY]


def test_footer_block_and_labels():
    text = "\n".join(["أخبار", "عنوان الخبر الرئيسي هنا", BODY, BODY.replace("عامين", "ثلاثة أعوام"),
                  "اقرأ أيضا:", "عنوان خبر آخر", "عنوان خبر ثالث", "الأكثر قراءة", "عاجل"])
    c = clean_lines(text)
    assert c.title == "عنوان الخبر الرئيسي هنا"
    assert len(c.paragraphs) == 1  # the second body paragraph is a near-duplicate of the first
    assert {"أخبار", "اقرأ أيضا:", "عنوان خبر آخر", "عاجل"} <= set(c.removed)


def test_header_lines_become_metadata():
    c = clean_lines("عنوان الخبر الرئيسي هنا\n١٢ كانون الثاني ٢٠٢٢ ١٦:٥٣\nالقاهرة ـ أ ش أ\n" + BODY + "\nالمصدر: رويترز")
    kinds = [(h.kind, h.text) for h in c.header]
    assert ("date", "١٢ كانون الثاني ٢٠٢٢ ١٦:٥٣") in kinds
    assert ("dateline", "القاهرة ـ أ ش أ") in kinds
    assert ("credit", "المصدر: رويترز") in kinds
    assert c.paragraphs == [BODY]
