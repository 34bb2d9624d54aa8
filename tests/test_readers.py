"""Every reader, every encoding, broken input."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from conftest import seed_path

from khabar.ingest.encoding import DecodeError, decode_bytes
from khabar.ingest.readers import RawDoc, ReadError, iter_sources, read_bytes
from khabar.pipeline import analyze

SEED = seed_path("000").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "enc, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-bom"), ("utf-16", "utf-16-le-bom"), ("utf-16-le", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32-le-bom"), ("cp1256", "cp1256"), ("iso8859-6", "iso8859-6")],
)
def test_encodings_roundtrip(enc, expected):
    text, got = decode_bytes(SEED.encode(enc))
    assert text == SEED
    assert got == expected


def test_cp1256_with_letters_outside_iso8859_6():
    s = "قالت الوزيرة إن «الاتفاق» سيُوقَّع في ٢٠٢٢ — گ پ"  # cp1256 has Persian letters and shadda/damma
    data = s.encode("cp1256", errors="ignore")
    text, enc = decode_bytes(data)
    assert enc == "cp1256" and text == data.decode("cp1256")


@pytest.mark.parametrize(
    "data, reason",
    [(b"%PDF-1.7\n...", "binary"), (b"\x89PNG\r\n\x1a\n....", "binary"), (bytes(range(256)) * 20, "binary|undecodable"),
     (b"\x00\x01\x02\x03" * 500, "binary")],
    ids=["pdf", "png", "all-bytes", "nul-bytes"],
)
def test_binary_and_undecodable_are_refused(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_huge_document_refused():
    with pytest.raises(DecodeError, match="too large"):
        decode_bytes(b"a" * (50 * 1024 * 1024 + 1))


def _docs(items):
    return [i for i in items if isinstance(i, RawDoc)], [i for i in items if isinstance(i, ReadError)]


def test_text_reader_and_cp1256_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(SEED.encode("cp1256"))
    docs, errs = _docs(list(iter_sources([str(tmp_path / "a.txt")])))
    assert not errs and docs[0].fmt == "text" and docs[0].encoding == "cp1256"
    assert analyze(docs[0]).article.title.startswith("الأمين العام للناتو")


HTML = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="windows-1256">
<title>الأمين العام للناتو: نحن مهتمون بالتعاون | RT Arabic</title>
<meta property="article:published_time" content="2010-11-03T14:20:00+03:00">
<meta property="og:site_name" content="RT Arabic"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
<article><h1>الأمين العام للناتو: نحن مهتمون بالتعاون</h1>
<p>أعلن أندرس فوغ راسموسن الأمين العام لحلف الناتو يوم الاربعاء، انه سلم للجانب الروسي اقتراحات محددة حول التعاون في مجال الدفاع المضاد للصواريخ في أوروبا.</p>
<p>وقال راسموسن في مؤتمر صحفي بموسكو إن الحلف مهتم باستئناف التعاون مع روسيا في مجال الدرع الصاروخية، وإن القرار قد يتخذ خلال قمة لشبونة.</p>
<p>وأضاف أن الطرفين قد أجريا في السابق تدريبات مشتركة في مجال الدرع الصاروخية لمسرح العمليات الحربية، معربا عن أمله في توسيعها.</p>
</article><footer>جميع الحقوق محفوظة © 2010</footer></body></html>"""


def test_html_reader_dates_from_meta_first(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(HTML.encode("cp1256"))
    docs, errs = _docs(list(iter_sources([str(p)])))
    assert not errs and docs[0].fmt == "html" and docs[0].encoding == "cp1256"
    art = analyze(docs[0]).article
    assert art.title == "الأمين العام للناتو: نحن مهتمون بالتعاون"
    assert art.published.value == "2010-11-03" and art.published.method == "metadata"
    assert art.published.time == "14:20"
    assert "راسموسن" in art.text and "جميع الحقوق" not in art.text and "الرئيسية" not in art.text


def test_jsonl_and_gz_and_bad_lines(tmp_path):
    recs = [{"id": "x1", "title": "عنوان أول للخبر هنا", "text": "نص الخبر الأول عن روسيا والناتو في بروكسل.",
             "source": "bbc_arabic", "date": "2018-03-05T10:00:00+00:00", "url": "https://www.bbc.com/arabic/x1"},
            {"id": "x2", "title": "عنوان ثان للخبر هنا", "text": "نص الخبر الثاني عن الاتفاق بين الطرفين في موسكو.",
             "source": "skynews_arabia", "date": "2018-03-06"}]
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    raw = "\n".join([lines[0], "{not json", "", lines[1]]) + "\n"
    (tmp_path / "a.jsonl").write_text(raw, encoding="utf-8")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(raw)
    for name in ("a.jsonl", "b.jsonl.gz"):
        docs, errs = _docs(list(iter_sources([str(tmp_path / name)])))
        assert [d.doc_id for d in docs] == ["x1", "x2"]
        assert len(errs) == 1 and "#2" in errs[0].source and "invalid JSON" in errs[0].message
        a = analyze(docs[0]).article
        assert a.outlet == "bbc_arabic" and a.published.value == "2018-03-05" and a.title == "عنوان أول للخبر هنا"


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as g:
        for i in range(2000):
            g.write((json.dumps({"id": f"r{i}", "text": f"نص رقم {i} عن موضوع ما في مدينة ما."}, ensure_ascii=False)
                     + "\n").encode())
    data = buf.getvalue()
    (tmp_path / "t.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs, errs = _docs(list(iter_sources([str(tmp_path / "t.jsonl.gz")])))
    assert len(docs) > 100
    assert len(errs) == 1 and "broken gzip" in errs[0].message


def test_json_array(tmp_path):
    (tmp_path / "arr.json").write_text(json.dumps([{"text": "الخبر الأول هنا."}, {"text": "الخبر الثاني هنا."}],
                                                 ensure_ascii=False), encoding="utf-8")
    docs, errs = _docs(list(iter_sources([str(tmp_path / "arr.json")])))
    assert len(docs) == 2 and not errs


def test_warc_reader(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        body = HTML.replace("windows-1256", "utf-8").encode("utf-8")
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://arabic.rt.com/news/57333/", "response",
                                            payload=io.BytesIO(body), http_headers=http))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://arabic.rt.com/x.png", "response",
                                            payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
    docs, errs = _docs(list(iter_sources([str(path)])))
    assert len(docs) == 1 and not errs
    art = analyze(docs[0]).article
    assert art.url == "https://arabic.rt.com/news/57333/" and art.outlet == "rt_arabic"
    assert art.published.value == "2010-11-03"


RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>روسيا والناتو يتفقان على استئناف الحوار</title><link>https://example.org/a</link>
<pubDate>Wed, 12 Jan 2022 16:53:00 +0300</pubDate>
<description><![CDATA[<p>اتفقت روسيا وحلف الناتو على استئناف عمل البعثتين الدبلوماسيتين في موسكو وبروكسل بعد اجتماع مجلس روسيا الناتو.</p>]]></description></item>
<item><title>خبر بلا محتوى</title><link>https://example.org/b</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>الأمين العام يرحب بالاتفاق</title><link href="https://example.org/c"/><id>c</id>
<updated>2010-11-03T10:00:00Z</updated><content type="html">&lt;p&gt;رحب الأمين العام لحلف الناتو بالاتفاق مع روسيا حول الدرع الصاروخية.&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom(tmp_path):
    (tmp_path / "f.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "g.xml").write_text(ATOM, encoding="utf-8")
    docs, errs = _docs(list(iter_sources([str(tmp_path / "f.rss"), str(tmp_path / "g.xml")])))
    assert [d.url for d in docs] == ["https://example.org/a", "https://example.org/c"]
    assert len(errs) == 1 and "no content" in errs[0].message
    a = analyze(docs[0]).article
    assert a.published.value == "2022-01-12" and a.title.startswith("روسيا والناتو")
    assert "البعثتين" in a.text
    assert analyze(docs[1]).article.published.value == "2010-11-03"


def test_directory_recursive_and_errors_continue(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(SEED.encode("utf-16"))
    (tmp_path / "sub" / "broken.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text("x")
    items = list(iter_sources([str(tmp_path), str(tmp_path / "missing.txt")]))
    docs, errs = _docs(items)
    assert len(docs) == 2
    msgs = sorted(str(e) for e in errs)
    assert len(msgs) == 3
    assert any("broken.pdf" in m and "binary" in m for m in msgs)
    assert any("empty.txt" in m for m in msgs)
    assert any("missing.txt" in m and "no such file" in m for m in msgs)


def test_read_bytes_sniffs_html_and_text():
    assert next(read_bytes(HTML.encode(), "<stdin>")).fmt == "html"
    assert next(read_bytes(SEED.encode(), "<stdin>")).fmt == "text"
    assert isinstance(next(read_bytes(b"\x7fELF\x02\x01", "<stdin>")), ReadError)


def test_a_failing_layer_keeps_the_article(monkeypatch):
    import khabar.extract.timex as tx

    def boom(*a, **k):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(tx, "find_timexes", boom)
    a = analyze(RawDoc(source="x", fmt="json", title="عنوان الخبر هنا الآن", text="قال بوتين إن روسيا ستواصل الحوار مع الناتو."))
    assert a.article.text and a.mentions  # other layers are there
    assert a.timexes == [] and "timexes: OverflowError" in a.article.extra["stage_errors"][0]
