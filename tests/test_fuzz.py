"""Fuzzing the readers, ``analyze`` and ingest (hypothesis).

Inputs: random bytes, random Unicode with bidi controls and lone surrogates, the seed pages
mutated (cut, spliced, repeated, bidi marks, extra line breaks) with random metadata, real
gzip / WARC / JSONL / JSON / RSS containers built from the seeds and then truncated or
damaged, over-long lines and deep HTML. Invariants:

* readers yield only :class:`RawDoc` or a one-line :class:`ReadError`, never raise;
* ``analyze`` returns an :class:`Analysis` or raises :class:`EmptyArticle` /
  :class:`ArticleTooLarge` (the documented refusals), records no stage error, every span of
  every annotation lies inside the text (and quotes its text where it carries it), and
  ``to_dict``/``from_dict`` round-trip;
* ingest into a real SQLite file stores each good document completely (every table agrees
  with its analysis), reports each bad one on one line, and stores nothing of it.

Runs derandomised with few examples so CI stays fast (≈ 10 s on two cores); set
``KHABAR_FUZZ=deep`` for a long randomised run (``KHABAR_FUZZ_EXAMPLES`` to size it).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import sqlite3
import time
import zlib
from html import escape
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, TODAY
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from khabar.engines.local import ingest
from khabar.ingest.readers import RawDoc, ReadError, iter_sources, read_bytes
from khabar.model import Analysis, Span
from khabar.pipeline import ArticleTooLarge, EmptyArticle, analyze
from khabar.store import open_store
from khabar.text.tokenize import MAX_SENTENCE_CHARS, split_sentences

_DEEP = os.environ.get("KHABAR_FUZZ") == "deep"
_SCALE = int(os.environ.get("KHABAR_FUZZ_EXAMPLES", "50" if _DEEP else "1"))
settings.register_profile(
    "khabar-fuzz",
    derandomize=not _DEEP,  # CI: the same examples every run, never a flaky red
    database=None,
    deadline=None if _DEEP else dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ = settings.get_profile("khabar-fuzz")


def examples(n: int) -> settings:
    return settings(FUZZ, max_examples=n * _SCALE)


SEEDS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
BIDI = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c"
PUNCT = " \n\t.،؛؟!«»\"'()[]-–:/0123456789٠١٢٣"

# ----------------------------------------------------------------------------- invariants

_SPAN_KEYS = (("start", "end"), ("trigger_start", "trigger_end"), ("speaker_start", "speaker_end"),
              ("verb_start", "verb_end"))


def iter_spans(obj: Any, path: str = "") -> list[tuple[str, int, int]]:
    """Every (start, end) pair anywhere in a ``to_dict`` tree, with where it was found."""
    out: list[tuple[str, int, int]] = []
    if isinstance(obj, dict):
        for a, b in _SPAN_KEYS:
            if obj.get(a) is not None or obj.get(b) is not None:
                out.append((f"{path}.{a}", obj.get(a), obj.get(b)))
        for k, v in obj.items():
            out += iter_spans(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += iter_spans(v, f"{path}[{i}]")
    return out


def check_analysis(a: Analysis) -> None:
    text = a.article.text
    assert text and "\n\n\n" not in text
    assert not a.article.extra.get("stage_errors"), a.article.extra["stage_errors"]
    d = a.to_dict()
    spans = iter_spans(d)
    assert len(spans) >= len(a.sentences)
    for where, s, e in spans:
        assert isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text), (where, s, e, len(text))
    # Typed fields, and the text an annotation carries is the text it points at.
    art = a.article
    for sp in (art.dateline_span, art.published.evidence if art.published else None):
        assert sp is None or (isinstance(sp, Span) and 0 <= sp.start <= sp.end <= len(text))
    assert art.title is None or text.startswith(art.title)
    for s in a.sentences:
        for t in s.tokens:
            assert s.start <= t.start < t.end <= s.end and t.text == text[t.start : t.end]
            assert all(t.start <= g.start <= g.end <= t.end for g in t.segments)
    for m in a.mentions:
        assert m.text == text[m.start : m.end]
    for x in a.timexes:
        assert x.text == text[x.start : x.end]
    for q in a.quotes:
        if q.speaker_start is not None and q.speaker_text:
            assert q.speaker_text == text[q.speaker_start : q.speaker_end]
    for ev in a.events:
        for m in ev.mentions:
            assert m.start <= m.trigger_start <= m.trigger_end <= m.end
            assert m.text == text[m.trigger_start : m.trigger_end]
    # Round trips: in memory, and through JSON as the store and the process pool carry it.
    assert Analysis.from_dict(d) == a
    js = json.loads(json.dumps(a.to_dict(tokens=False), ensure_ascii=False))
    assert Analysis.from_dict(js).to_dict(tokens=False) == js
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # storable: valid Unicode throughout


def analyze_ok(raw: RawDoc, today: dt.date = TODAY) -> Analysis | None:
    """``analyze`` under the invariants; None for the documented refusals."""
    try:
        a = analyze(raw, today)
    except (EmptyArticle, ArticleTooLarge):
        return None
    check_analysis(a)
    return a


def read_ok(items: list[Any]) -> list[RawDoc]:
    """Reader output under its invariants: RawDoc or a one-line ReadError, nothing else."""
    docs = []
    for it in items:
        assert isinstance(it, RawDoc | ReadError), type(it)
        if isinstance(it, ReadError):
            assert str(it).strip() and "\n" not in str(it), str(it)
        else:
            assert it.text is not None or it.html is not None  # an empty page: analyze refuses it
            docs.append(it)
    return docs


# ----------------------------------------------------------------------------- strategies

arabic = st.characters(min_codepoint=0x600, max_codepoint=0x6FF)
mixed_chars = st.one_of(arabic, arabic, st.sampled_from(list(BIDI + PUNCT)), st.characters())


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed page cut, spliced, repeated and sprinkled with bidi controls and line breaks."""
    s = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cut", "insert", "delete", "repeat", "bidi", "newlines"]))
        i = draw(st.integers(0, len(s)))
        j = draw(st.integers(i, min(len(s), i + 400)))
        if op == "cut":
            s = s[:i] if draw(st.booleans()) else s[i:]
        elif op == "insert":
            s = s[:i] + draw(st.text(mixed_chars, max_size=30)) + s[i:]
        elif op == "delete":
            s = s[:i] + s[j:]
        elif op == "repeat":
            s = s[:j] + s[i:j] + s[j:]
        elif op == "bidi":
            s = s[:i] + draw(st.text(st.sampled_from(BIDI), min_size=1, max_size=4)) + s[i:]
        else:
            s = s[:i] + "\n" * draw(st.integers(1, 4)) + s[i:]
    return s


_ODD_DATES = ["2010-13-45", "0000-00-00", "9999-12-31", "0001-01-01", "2010-02-30", "2010-11-03T25:99:00Z",
              "99999-01-01", "2010", "2010-11", "Wed, 03 Nov 2010 10:00:00 +0000", "١٤٣٢-٠٥-٠١", "yesterday", ""]
odd_date = st.one_of(st.none(), st.sampled_from(_ODD_DATES), st.text(max_size=25),
                     st.dates(min_value=dt.date(1, 1, 1)).map(str))
any_day = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _html_page(text: str, title: str = "t") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n"))
    return f"<html><head><title>{escape(title)}</title></head><body><article>{body}</article></body></html>"


def _warc_record(body: bytes, uri: str, ctype: str = "text/html; charset=utf-8") -> bytes:
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2010-11-04T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-{zlib.crc32(uri.encode()):012d}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def container(kind: str, text: str) -> tuple[str, bytes]:
    """A real file of ``kind`` holding ``text`` (and a second document where the format allows)."""
    two = text[: len(text) // 2] or "نص"
    if kind == "txt":
        return "a.txt", text.encode("utf-8")
    if kind == "txt.gz":
        return "a.txt.gz", gzip.compress(text.encode("utf-8"), mtime=0)
    if kind == "html":
        return "a.html", _html_page(text).encode("utf-8")
    if kind in ("warc", "warc.gz"):
        recs = [_warc_record(_html_page(t).encode("utf-8"), f"http://x.test/{i}") for i, t in enumerate((text, two))]
        if kind == "warc":
            return "a.warc", b"".join(recs)
        return "a.warc.gz", b"".join(gzip.compress(r, mtime=0) for r in recs)
    recs = [{"id": "1", "title": text[:40], "text": text, "date": "2010-11-03"}, {"id": "2", "text": two}]
    if kind in ("jsonl", "jsonl.gz"):
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode("utf-8")
        return ("a.jsonl", data) if kind == "jsonl" else ("a.jsonl.gz", gzip.compress(data, mtime=0))
    if kind == "json":
        return "a.json", json.dumps(recs, ensure_ascii=False).encode("utf-8")
    assert kind == "rss"
    items = "".join(f"<item><title>x</title><description>{escape(t)}</description></item>" for t in (text, two))
    return "a.rss", f'<?xml version="1.0"?><rss><channel><title>c</title>{items}</channel></rss>'.encode()


CONTAINERS = ["txt", "txt.gz", "html", "warc", "warc.gz", "jsonl", "jsonl.gz", "json", "rss"]


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    op = draw(st.sampled_from(["none", "truncate", "truncate", "flip", "insert"]))
    if op == "truncate" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if op == "flip" and data:
        i = draw(st.integers(0, len(data) - 1))
        return data[:i] + bytes([data[i] ^ draw(st.integers(1, 255))]) + data[i + 1 :]
    if op == "insert":
        i = draw(st.integers(0, len(data)))
        return data[:i] + draw(st.binary(max_size=16)) + data[i:]
    return data


# ----------------------------------------------------------------------------- analyze


@examples(60)
@given(st.text(mixed_chars, max_size=300), st.sampled_from(["text", "json", "html"]))
def test_analyze_random_unicode(s, fmt):
    raw = RawDoc(source="fuzz", fmt=fmt, html=_html_page(s) if fmt == "html" else None,
                 text=None if fmt == "html" else s)
    analyze_ok(raw)


@examples(12)
@given(mutated_seed(), odd_date, odd_date, st.one_of(st.none(), st.text(mixed_chars, max_size=60)),
       st.sampled_from([None, "https://arabic.rt.com/news/57333/", "not a url", "http://"]), any_day, st.booleans())
def test_analyze_mutated_seeds_with_odd_metadata(text, date, crawl, title, url, today, extraction_date):
    extra: dict[str, Any] = {"crawl_date": crawl} if crawl is not None else {}
    if extraction_date:
        extra["date_is_extraction_date"] = True
    raw = RawDoc(source="fuzz", fmt="json", text=text, date=date, title=title, url=url, abstract=title,
                 author=title, outlet=title, extra=extra)
    analyze_ok(raw, today=today)


def test_lone_surrogates_and_undecodable_file_names_are_made_valid():
    """A JSON «\\ud83d» (half an emoji) or a file name in no UTF-8 used to raise
    UnicodeEncodeError (content hash, store): now U+FFFD, same offsets, nothing lost."""
    raw = RawDoc(source="dir/b\udcff.txt", fmt="json", text=SEEDS[1].replace("، ", "\ud83d، ", 1),
                 title="\udc00" + SEEDS[1].split("\n")[0], extra={"crawl_date": "2020-01-01\udc80"})
    a = analyze_ok(raw)
    assert a is not None and "\ufffd" in a.article.text
    assert a.article.source_path == "dir/b\ufffd.txt"
    assert len(a.article.text) > 0.9 * len(SEEDS[1])


# ----------------------------------------------------------------------------- readers


@examples(40)
@given(st.binary(max_size=3000), st.sampled_from(["", ".txt", ".html", ".json", ".rss", ".warc"]))
def test_read_bytes_random(data, ext):
    for doc in read_ok(list(read_bytes(data, "fuzz", ext))):
        analyze_ok(doc)


def _damaged_container_roundtrip(tmp_path_factory: Any, kind: str, text: str, data: st.DataObject) -> None:
    name, raw = container(kind, text)
    raw = data.draw(damaged(raw))
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(raw)
    docs = read_ok(list(iter_sources([str(path)])))
    for doc in docs[:1]:  # one analysis per file keeps the run short
        analyze_ok(doc)


@examples(20)
@given(st.sampled_from([k for k in CONTAINERS if "warc" not in k]),
       st.one_of(mutated_seed(), st.text(mixed_chars, max_size=200)), st.data())
def test_damaged_containers(tmp_path_factory, kind, text, data):
    _damaged_container_roundtrip(tmp_path_factory, kind, text, data)


@settings(FUZZ, max_examples=8 * _SCALE, phases=[Phase.generate])
@given(st.sampled_from(["warc", "warc.gz"]), st.one_of(mutated_seed(), st.text(mixed_chars, max_size=200)),
       st.data())
def test_damaged_warc(tmp_path_factory, kind, text, data):
    _damaged_container_roundtrip(tmp_path_factory, kind, text, data)


def test_warc_response_without_target_uri_is_a_read_error():
    body = b"<html><body><p>x</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    rec = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(http) + http + b"\r\n\r\n"
    read_ok(list(read_bytes(rec, "fuzz.warc")))


def test_warc_garbage_after_a_record_is_a_one_line_error():
    rec = _warc_record(b"<html><body><p>x</p></body></html>", "http://x.test/a") + "ó\nfoo\r\n\r\n".encode()
    docs = read_ok(list(read_bytes(rec, "fuzz.warc")))
    assert len(docs) == 1


def test_html_with_a_control_character_in_a_tag():
    analyze_ok(RawDoc(source="fuzz", fmt="html", html="<html><head><title>t</\x0btitle></head></html>"))


# ----------------------------------------------------------------------------- huge and deep


def test_huge_line_is_cut_into_bounded_sentences():
    """A 100 kB line without a sentence end was one sentence: the event stage is quadratic in
    sentence length (33 s for that line). Now no sentence exceeds MAX_SENTENCE_CHARS, cuts
    fall at clause breaks or spaces, and the pieces cover the line."""
    words = re.sub(r"[.؟!]", "", SEEDS[0]).split()
    line = " ".join(words * 8)
    assert len(line) > 3 * MAX_SENTENCE_CHARS
    sents = split_sentences(line)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sents)
    assert all(line[s.end - 1] == "،" or line[s.end].isspace() for s in sents[:-1])
    assert sents[0].start == 0 and sents[-1].end == len(line)
    assert all(not line[a.end : b.start].strip() for a, b in zip(sents, sents[1:], strict=False))  # nothing lost
    assert split_sentences("ب" * 7000)[0].end == MAX_SENTENCE_CHARS  # no space at all: a hard cut
    a = analyze_ok(RawDoc(source="fuzz", fmt="text", text=line[:9000]))
    assert a is not None and max(s.end - s.start for s in a.sentences) <= MAX_SENTENCE_CHARS


def test_long_digit_run_is_linear():
    """«\\d+\\s+…» restarted at every digit of a run: 50,000 digits took 20 s in analyze."""
    from khabar.entities.linking import _counted

    t = time.process_time()
    assert _counted().search("1" * 30000) is None
    assert time.process_time() - t < 1.0
    a = analyze_ok(RawDoc(source="fuzz", fmt="text", text="الرقم " + "7" * 6000))
    assert a is not None


def test_deep_html_gives_the_text_of_the_shallow_page():
    body = max(SEEDS[0].split("\n"), key=len)

    def page(depth: int) -> RawDoc:
        html = ("<html><head><title>عنوان</title></head><body>" + "<div>" * depth + f"<p>{escape(body)}</p>"
                + "</div>" * depth + "</body></html>")
        return RawDoc(source="fuzz", fmt="html", html=html)

    shallow = analyze_ok(page(3))
    assert shallow is not None and body[:60] in shallow.article.text
    for depth in (300, 100_000):  # lxml's tree stops at depth 255
        deep = analyze_ok(page(depth))
        assert deep is not None and deep.article.text == shallow.article.text, depth


# ----------------------------------------------------------------------------- ingest


def _table_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "articles_fts", "sources", "mentions", "quotes", "events", "event_mentions",
                      "entities")}


def assert_stored_completely(db: sqlite3.Connection, text: str) -> Analysis:
    """The article with this text is stored, and every table holds exactly what its stored
    analysis says (no article without its index row, mentions, quotes or events)."""
    row = db.execute("SELECT rid, id, analysis FROM articles WHERE text = ?", (text,)).fetchone()
    assert row is not None, text[:80]
    rid, article_id, payload = row
    a = Analysis.from_dict(json.loads(payload))
    assert a.article.id == article_id and a.article.text == text
    check_analysis(a)

    def n(sql: str) -> int:
        return db.execute(sql, (rid,)).fetchone()[0]

    assert n("SELECT count(*) FROM articles_fts WHERE rowid = ?") == 1
    assert n("SELECT count(*) FROM mentions WHERE rid = ?") == sum(1 for m in a.mentions if m.entity)
    assert n("SELECT count(*) FROM quotes WHERE rid = ?") == len(a.quotes)
    assert n("SELECT count(*) FROM event_mentions WHERE rid = ?") == sum(len(e.mentions) for e in a.events)
    assert db.execute("SELECT count(*) FROM sources WHERE article_id = ?", (article_id,)).fetchone()[0] >= 1
    for e in a.events:
        assert db.execute("SELECT 1 FROM events WHERE id = ?", (e.id,)).fetchone()
    for e in a.entities:
        assert db.execute("SELECT 1 FROM entities WHERE id = ?", (e.id,)).fetchone()
    return a


def _bad_and_good_inputs(d: Path) -> tuple[list[str], int]:
    """A directory of good seeds mixed with bad files; the bad names, and how many good documents."""
    for i, s in enumerate(SEEDS[:3]):
        (d / f"good{i}.txt").write_text(s, encoding="utf-8")
    # A file name in no UTF-8: its analysis used to make the store raise mid-batch (all lost).
    (Path(os.fsdecode(bytes(d))) / os.fsdecode(b"good\xff.txt")).write_text(SEEDS[3], encoding="utf-8")
    (d / "chrome.txt").write_text("شارك\nتابعنا على تويتر\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (d / "broken.txt.gz").write_bytes(gzip.compress(SEEDS[4].encode("utf-8"), mtime=0)[:-30])
    lines = [json.dumps({"id": "j1", "text": SEEDS[4]}, ensure_ascii=False), '{"id": "j2", "text": "نص', "",
             '{"id": "j3", "text": "\\ud83d ' + SEEDS[0][:400].replace('"', "").replace("\n", "\\n") + '"}']
    (d / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["chrome.txt", "binary.txt", "broken.txt.gz", "records.jsonl#2"], 6


def test_ingest_commits_good_documents_whole_and_reports_bad_ones(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    bad, n_good = _bad_and_good_inputs(src)
    store = open_store(str(tmp_path / "k.db"))
    try:
        rep = ingest([str(src)], store, workers=1, batch_size=100)  # all in one batch
        assert rep.new == n_good and rep.failed == len(bad), rep.errors
        for name in bad:
            assert sum(name in e for e in rep.errors) == 1, (name, rep.errors)
        assert all("\n" not in e for e in rep.errors)
        stored = list(store.iter_analyses())
        assert len(stored) == store.count() == n_good
        assert not any(name.split("#")[0] in (a.article.source_path or "") for a in stored for name in bad[:3])
        for doc in iter_sources([str(src)]):
            if isinstance(doc, RawDoc) and "chrome" not in doc.source:
                assert_stored_completely(store.db, analyze(doc, today=TODAY).article.text)
        counts = _table_counts(store.db)
        assert counts["articles"] == counts["articles_fts"] == n_good
    finally:
        store.close()


def test_failed_batch_leaves_no_trace(tmp_path):
    """A batch is one transaction: when one article of it cannot be stored, nothing of the
    batch is (no article without its mentions, no FTS row without its article)."""
    store = open_store(str(tmp_path / "k.db"))
    try:
        good = [analyze(d, today=TODAY) for d in iter_sources([str(SAMPLES)])][:2]
        store.add(good[0])
        before = _table_counts(store.db)
        broken = Analysis.from_dict(good[1].to_dict())
        broken.article.id = "f" * 16
        broken.article.text = "\ud800" + broken.article.text[1:]  # cannot be encoded by SQLite
        with pytest.raises(UnicodeEncodeError):
            store.add_many([good[1], broken])
        assert _table_counts(store.db) == before
        assert store.add(good[1])
        assert_stored_completely(store.db, good[1].article.text)
    finally:
        store.close()
