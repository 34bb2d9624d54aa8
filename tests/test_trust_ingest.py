"""Issue 10 (trust), ingest side: HTML dates, truncated WARC records, deeply nested HTML."""

from __future__ import annotations

import html
import io
import time
from pathlib import Path

import pytest
from conftest import TODAY, seed_path

from khabar.ingest.html import extract, flat_text
from khabar.ingest.metadata import publication_date
from khabar.ingest.readers import RawDoc, ReadError, iter_sources
from khabar.pipeline import analyze

# ----------------------------------------------------------------------------- truncated WARC records

_PAGE = ("<html><head><title>عنوان الخبر</title></head><body>"
         + "".join(f"<p>الفقرة {i} من نص الخبر عن روسيا وحلف الناتو.</p>" for i in range(60))
         + "</body></html>").encode("utf-8")


def _write_warc(path: Path, gz: bool, n: int = 2) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for i in range(1, n + 1):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(f"https://example.org/news/{i}", "response",
                                                payload=io.BytesIO(_PAGE), http_headers=http))


def _cut(path: Path, nbytes: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - nbytes])


@pytest.mark.parametrize("cut", [10, 1500, 3000])
def test_truncated_warc_record_is_an_error_and_the_others_are_kept(tmp_path, cut):
    path = tmp_path / "crawl.warc"
    _write_warc(path, gz=False)
    _cut(path, cut)
    items = list(iter_sources([str(path)]))
    docs = [i for i in items if isinstance(i, RawDoc)]
    errs = [i for i in items if isinstance(i, ReadError)]
    assert [d.url for d in docs] == ["https://example.org/news/1"]
    assert len(docs[0].html) == len(_PAGE.decode("utf-8"))
    assert len(errs) == 1 and errs[0].source.endswith("#https://example.org/news/2")
    assert "truncated record" in errs[0].message and "Content-Length" in errs[0].message


@pytest.mark.parametrize("cut", [100, 300])
def test_truncated_gzip_warc_is_reported(tmp_path, cut):
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gz=True)
    _cut(path, cut)
    items = list(iter_sources([str(path)]))
    docs = [i for i in items if isinstance(i, RawDoc)]
    errs = [i for i in items if isinstance(i, ReadError)]
    assert [d.url for d in docs] == ["https://example.org/news/1"]
    assert len(errs) == 1 and "truncated" in errs[0].message


@pytest.mark.parametrize("gz", [False, True])
def test_complete_warc_has_no_errors(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(path, gz=gz, n=3)
    items = list(iter_sources([str(path)]))
    assert all(isinstance(i, RawDoc) for i in items) and len(items) == 3


# ----------------------------------------------------------------------------- HTML dates


def _bare_html(title: str, text: str) -> str:
    paras = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip())
    return f"<html><head><title>{html.escape(title)}</title></head><body>{paras}</body></html>"


def _analyze_html(page: str, url: str | None = None):
    raw = RawDoc(source="page.html", fmt="html", html=page, url=url)
    return analyze(raw, today=TODAY, tokens=False, entities=False).article


@pytest.mark.parametrize("key", ["000", "001", "002", "003", "004"])
def test_seed_in_bare_html_gets_the_date_of_its_text_version(seeds, key):
    text_art = seeds[key].article
    page = _bare_html(text_art.title, seed_path(key).read_text(encoding="utf-8"))
    got, want = _analyze_html(page).published, text_art.published
    assert (got.value, got.precision, got.method, got.confidence) == (
        want.value, want.precision, want.method, want.confidence)
    assert (got.earliest, got.latest) == (want.earliest, want.latest)


_LEAD = "<p>قال الامين العام لحلف شمال الاطلسي إن الحلف يريد علاقات اوثق مع روسيا في المرحلة المقبلة.</p>"


@pytest.mark.parametrize("head, url", [
    ('<meta property="article:published_time" content="2012-05-06T10:30:00+03:00">', None),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2012-05-06"}</script>', None),
    ("", "https://example.org/news/2012/05/06/nato-russia.html"),
])
def test_explicit_markup_is_metadata(head, url):
    page = f"<html><head><title>الناتو وروسيا</title>{head}</head><body>{_LEAD}</body></html>"
    p = _analyze_html(page, url).published
    assert (p.value, p.method) == ("2012-05-06", "metadata") and p.confidence > 0.9


def test_time_element_is_metadata():
    page = (f"<html><head><title>الناتو وروسيا</title></head><body><article>{_LEAD}"
            '<time datetime="2012-05-06">6 May</time></article></body></html>')
    assert extract(page).date == "2012-05-06"


def test_a_library_guess_is_not_metadata():
    page = (f"<html><head><title>الناتو وروسيا</title></head><body><article>{_LEAD}"
            '<p class="date">May 6, 2012</p></article></body></html>')
    ex = extract(page)
    assert ex.date is None and ex.date_guess == "2012-05-06"
    p = _analyze_html(page).published
    assert (p.value, p.method) == ("2012-05-06", "guess") and p.confidence <= 0.2
    assert any("not stated in markup" in n for n in p.notes)


def test_a_guess_yields_to_the_evidence():
    text = seed_path("002").read_text(encoding="utf-8")  # no date; office terms give 2009-08..2011-12
    ev_text = "\n".join(ln for ln in text.splitlines() if ln.strip())
    outside = publication_date(ev_text, None, 0, today=TODAY, guess="2008-01-01")
    assert outside.value is None and (outside.earliest, outside.latest) == ("2009-08-01", "2011-12-23")
    inside = publication_date(ev_text, None, 0, today=TODAY, guess="2010-06-15")
    assert (inside.value, inside.method, inside.confidence) == ("2010-06-15", "guess", 0.2)
    year_only = publication_date(ev_text, None, 0, today=TODAY, guess="2011-01-01")
    assert (year_only.value, year_only.precision) == ("2011", "year")
    lead = publication_date("عنوان\n\nموسكو: قال الوزير الاربعاء 3 نوفمبر 2010 إن المحادثات مستمرة.", None, 7,
                            today=TODAY, guess="2010-06-15")
    assert (lead.value, lead.method) == ("2010-11-03", "lead")


def test_list_marks_low_confidence_dates(tmp_path, seeds):
    from click.testing import CliRunner

    from khabar.cli import main
    from khabar.store import open_store

    db = str(tmp_path / "k.db")
    page = ("<html><head><title>الناتو وروسيا</title></head><body><article>"
            f'{_LEAD}<p class="date">May 6, 2012</p></article></body></html>')
    guess = analyze(RawDoc(source="page.html", fmt="html", html=page), today=TODAY, entities=False)
    guessed = guess.article
    store = open_store(db)
    store.add_many([seeds["000"], seeds["003"], guess])
    store.close()
    r = CliRunner().invoke(main, ["list", "--db", db], catch_exceptions=False)
    assert r.exit_code == 0
    lines = {ln.split()[0]: ln for ln in r.stdout.splitlines()}
    assert "?" not in lines[seeds["000"].article.id] and "guess" not in lines[seeds["000"].article.id]
    assert "XXXX-02-02 (month-day) ?" in lines[seeds["003"].article.id]
    assert "2012-05-06 (guess)" in lines[guessed.id]
    assert "uncertain dates (2)" in r.stderr


# ----------------------------------------------------------------------------- deeply nested HTML

_DEEP_BODY = "قال الأمين العام لحلف شمال الأطلسي إن الحلف يريد علاقات أوثق مع روسيا في المرحلة المقبلة."


def _nested(depth: int) -> str:
    head = "<html><head><title>الناتو وروسيا</title></head><body>"
    first = "<p>موسكو: بدأت اليوم في العاصمة الروسية محادثات بين ممثلي روسيا وحلف الناتو حول الدفاع الصاروخي.</p>"
    return head + first + "<div>" * depth + f"<p>{_DEEP_BODY}</p>" + "</div>" * depth + "</body></html>"


@pytest.mark.parametrize("depth, method", [(1000, "trafilatura"), (100_000, "flat text (nesting too deep)")])
def test_deeply_nested_html_keeps_its_body(depth, method):
    t0 = time.process_time()
    ex = extract(_nested(depth))
    assert time.process_time() - t0 < 3
    assert ex.method == method and ex.title == "الناتو وروسيا"
    assert _DEEP_BODY in ex.text and "بدأت اليوم" in ex.text


def test_deeply_nested_page_is_analysed_whole():
    art = _analyze_html(_nested(100_000))
    assert _DEEP_BODY in art.text and art.language == "ar"


def test_flat_text_skips_scripts_styles_and_comments():
    title, text = flat_text("<html><head><title>A &amp; B</title><style>p{}</style></head><body><!-- x -->"
                            "<script>var a = '<p>no</p>';</script><div>one <b>two</b></div><p>three&nbsp;four"
                            "<script>unclosed")
    assert title == "A & B" and text == "one two\nthree four"


def test_extraction_does_not_depend_on_pages_seen_before():
    page = _bare_html("عنوان", seed_path("000").read_text(encoding="utf-8"))
    assert len({extract(page).text for _ in range(5)}) == 1
