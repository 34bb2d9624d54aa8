"""Issue 10 (trust), ingest side: HTML dates, truncated WARC records, deeply nested HTML."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from khabar.readers import RawDoc, ReadError, iter_sources

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
