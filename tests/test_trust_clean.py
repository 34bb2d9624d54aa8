"""Issue 10, items 4, 10 and 12: big pages are bounded, news about cookies is kept, a
reworded standfirst and repeated quotes are listed once."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from conftest import TODAY, seed_path

from khabar.engines.local import ingest
from khabar.ingest.clean import clean_lines, dedupe, restates
from khabar.ingest.readers import RawDoc
from khabar.pipeline import MAX_ARTICLE_CHARS, ArticleTooLarge, analyze
from khabar.store import open_store

TITLE = "محكمة بلجيكية تأمر فيسبوك بوقف تعقب المستخدمين"


def _paragraph(i: int) -> str:
    """A distinct news-like paragraph (numbers make every word 3-gram differ)."""
    return (f"وقال المتحدث في البيان رقم {i} إن اللجنة {i * 7} عقدت اجتماعها في القاعة {i * 13} "
            f"لبحث الملف {i * 17} مع الوفد {i * 19} قبل الموعد {i * 23}.")


# --- item 4: big pages


def test_dedupe_is_linear_and_keeps_its_rule():
    paras = [_paragraph(i) for i in range(1, 6001)]  # ~0.9M characters; quadratic took minutes
    t0 = time.process_time()
    kept, dropped = dedupe(paras + [paras[10]])
    assert time.process_time() - t0 < 3
    assert len(kept) == 6000 and dropped == [paras[10]]
    # A teaser whose 3-grams all come back later is dropped for the later, fuller copy.
    teaser = _paragraph(1)
    kept, dropped = dedupe([teaser, "فقرة أخرى مختلفة تماما عن غيرها.", teaser + " وأضاف أن الاجتماع سيستأنف غدا."])
    assert dropped == [teaser] and len(kept) == 2


def test_analyze_refuses_an_oversized_article_quickly():
    text = TITLE + "\n" + "\n".join(_paragraph(i) for i in range(1200))  # ~180k characters
    assert len(text) > MAX_ARTICLE_CHARS
    t0 = time.process_time()
    with pytest.raises(ArticleTooLarge, match="at most 100,000"):
        analyze(RawDoc(source="big.txt", fmt="txt", text=text), today=TODAY)
    assert time.process_time() - t0 < 5
    assert issubclass(ArticleTooLarge, ValueError)
    # Far above the bound, the page is refused before cleaning.
    with pytest.raises(ArticleTooLarge, match="page text"):
        analyze(RawDoc(source="huge.txt", fmt="txt", text="كلمة " * 2_000_000), today=TODAY)


def test_ingest_reports_the_oversized_page_in_one_line_and_goes_on(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("كلمة عربية " * 300_000, encoding="utf-8")  # 3.3M characters
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_path("001").read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(str(tmp_path / "k.db"))
    t0 = time.process_time()
    rep = ingest([str(big), str(seed)], store, workers=1)
    assert time.process_time() - t0 < 30
    assert (rep.read, rep.new, rep.failed) == (2, 1, 1)
    [err] = rep.errors
    assert "\n" not in err and "big.txt: ArticleTooLarge: page text has 3,300,000 characters" in err
    assert store.count() == 1
    store.close()


# --- item 10: boilerplate decisions weigh length, position and structure

# Real ANT body paragraphs (BB-technology-2-20180218, SK-technology-447-20180418,
# BB-technology-306-20180706) that the old filter dropped for naming cookies / privacy policy.
COOKIE_NEWS = [
    "وقالت الهيئة المسؤولة عن مراقبة الخصوصية في بلجيكا إن موقع التواصل الاجتماعي أخل بشروط الخصوصية من "
    "خلال وضع شفرة للتعقب تعرف باسم ملفات تعريف الارتباط (الكوكيز) وهي ملفات تظهر في مواقع طرف ثالث.",
    "وقال ريتشارد آلان ، نائب رئيس السياسة العامة في أوروبا بفيسبوك \"ملفات تعريف الارتباط (الكوكيز) ووحدات "
    "التصوير الرقمي (البيكسيل) التي نستخدمها هي تكنولوجيات معيارية في الإنترنت، وتسمح لمئات الآلاف من "
    "الأعمال بالنمو والوصول إلى المستخدمين في الاتحاد الأوروبي\".",
    "فعندما يزور المستخدم الموقع، يجمع \"فيسبوك\" من متصفح الإنترنت بيانات مثل عنوان البروتوكول و\"الكوكيز\"، "
    "ويمكّن المعلنين من الظهور على صفحة الويب.",
    "وإذا كانت قراءة سياسة الخصوصية مرة واحدة لا تكفي، فإن أمازون تحث المستخدمين على الإطلاع عليها ومراجعتها "
    "مرة ثانية، مؤكدة أن \"أعمالنا تتعرض لتغييرات باستمرار بما فيها إخطارات الخصوصية أيضا. لذا ينصح بتكرار "
    "زيارة موقعنا بانتظام للإطلاع على هذه التغييرات.\"",
]
BODY = ("وأمرت المحكمة الشركة بوقف جمع البيانات عن المستخدمين البلجيكيين تحت طائلة غرامة يومية قدرها "
        "250 ألف يورو، وقالت إن الشركة لم تبلغ المستخدمين بما تجمعه من بيانات.")
SEED_003_NOTICE = ("هذا الموقع يستخدم ملفات تعريف الارتباط .بامكانك قراءة شروط الاستخدام لتفعيل هذه الخاصية "
                   "اضغط هنا")
NOTICES = [
    SEED_003_NOTICE,
    "نستخدم ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك على موقعنا. بمواصلة التصفح فإنك توافق على ذلك.",
    "سياسة الخصوصية",
    "اطلع على سياسة الخصوصية وشروط الاستخدام الخاصة بالشبكة",  # short, below the body: page edge
]


def test_news_paragraphs_about_cookies_are_kept_and_notices_removed():
    page = [TITLE, NOTICES[1], COOKIE_NEWS[0], BODY, *COOKIE_NEWS[1:], NOTICES[0], NOTICES[2], NOTICES[3]]
    c = clean_lines("\n".join(page))
    assert c.title == TITLE
    assert c.paragraphs == [COOKIE_NEWS[0], BODY, *COOKIE_NEWS[1:]]
    assert set(NOTICES) <= set(c.removed)


def test_short_privacy_line_inside_the_body_is_kept_but_not_at_the_edge():
    line = "وعدلت الشركات الثلاث سياسة الخصوصية لديها خلال الأسبوع الماضي بشكل كامل"
    inside = clean_lines("\n".join([TITLE, BODY, line, COOKIE_NEWS[0]]))
    assert line in inside.paragraphs
    # The same words as the last line of the page, with no report structure: a footer link.
    edge = clean_lines("\n".join([TITLE, BODY, COOKIE_NEWS[0], line]))
    assert line in edge.removed


def test_seed_003_cookie_notice_still_removed(seeds):
    a = seeds["003"].article
    assert "ملفات تعريف الارتباط" not in a.text
    assert SEED_003_NOTICE in a.removed_lines


# --- item 12: reworded standfirst and repeated statements


def test_reworded_standfirst_is_a_repeat_of_the_lead(seeds):
    text = seed_path("003").read_text(encoding="utf-8")
    lines = [" ".join(ln.split()) for ln in text.splitlines()]
    standfirst = next(ln for ln in lines if ln.startswith("صرح جيمس اباتوري"))
    lead = next(ln for ln in lines if ln.startswith("صرح ممثل حلف الناتو"))
    assert restates(standfirst, lead)
    a = seeds["003"].article
    assert standfirst not in a.text and lead in a.text and standfirst in a.removed_lines
    # Not a repeat: a one-line summary followed by a longer, different paragraph.
    assert not restates(_paragraph(1), _paragraph(1) + " " + BODY + " " + COOKIE_NEWS[0])


def test_seed_003_lists_each_statement_once(seeds):
    a = seeds["003"]
    said = [(q.speaker, a.article.text[q.start : q.end].strip(' "')) for q in a.quotes]
    assert len(said) == len(set(said))
    assert sum("يرغب السكرتير العام للناتو" in s for _, s in said) == 1


def test_same_quote_in_two_paragraphs_is_listed_once():
    quote = "نريد علاقات أفضل مع روسيا في مجال مكافحة الإرهاب"
    text = "\n".join([
        "الناتو يدعو إلى علاقات أفضل مع موسكو",
        f"قال الأمين العام لحلف الناتو ينس ستولتنبرغ يوم الاثنين في بروكسل: \"{quote}\".",
        "وجاءت التصريحات خلال مؤتمر صحفي عقده في مقر الحلف بعد اجتماع لوزراء الدفاع استمر يومين.",
        f"وكان ستولتنبرغ قد قال في مقابلة مع صحيفة ألمانية: \"{quote}\".",
    ])
    a = analyze(RawDoc(source="q.txt", fmt="txt", text=text), today=dt.date(2018, 2, 14))
    said = [a.article.text[q.start : q.end] for q in a.quotes]
    assert sum(quote in s for s in said) == 1, said
