"""Readers: turn files, directories and streams into :class:`RawDoc` records.

Supported: raw text dumps, HTML pages, JSONL / JSONL.gz / JSON (corpus records with fields
``id, title, text, source, date, url, abstract, category, author``), WARC / WARC.gz (HTML
responses), RSS / Atom feeds, gzip-compressed versions of these, directories (recursively)
and stdin (``-``). Bytes are decoded by :mod:`khabar.encoding`; binary, undecodable, huge or
broken input yields a :class:`ReadError` naming the file (and record), and reading goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .encoding import MAX_DOC_BYTES, DecodeError, decode_bytes, sniff_binary


@dataclass(slots=True)
class RawDoc:
    source: str
    fmt: str  # text | html | json | warc | feed
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    outlet: str | None = None
    category: str | None = None
    author: str | None = None
    abstract: str | None = None
    doc_id: str | None = None
    encoding: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ReadError:
    source: str
    message: str

    def __post_init__(self) -> None:
        # One line, whatever a library put in its message: errors are printed one per line.
        self.message = " ".join(str(self.message).split())

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = RawDoc | ReadError


def raw_hash(raw: RawDoc) -> str:
    """Hash of a document's bytes as read (HTML, text, title, URL): ingest skips documents it has
    already analysed from the same bytes before analysing them."""
    h = hashlib.sha1()
    for part in (raw.html, raw.text, raw.title, raw.url):
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()

TEXT_EXT = {".txt", ".text", ".md", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
JSON_EXT = {".jsonl", ".ndjson", ".json"}
FEED_EXT = {".rss", ".atom", ".xml", ".rdf"}
WARC_EXT = {".warc", ".arc"}
MAX_JSONL_LINE = 20 * 1024 * 1024


def _strip_gz(name: str) -> tuple[str, bool]:
    low = name.lower()
    if low.endswith(".gz"):
        return low[:-3], True
    return low, False


def iter_sources(paths: Iterable[str]) -> Iterator[Item]:
    """Documents from every path (files, directories recursively, ``-`` for stdin)."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(data, "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.startswith("."):
                        continue
                    yield from read_path(Path(root) / f)
        elif path.exists():
            yield from read_path(path)
        else:
            yield ReadError(p, "no such file or directory")


def read_path(path: Path) -> Iterator[Item]:
    name, gz = _strip_gz(path.name)
    ext = os.path.splitext(name)[1]
    src = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield ReadError(src, f"cannot read: {e.strerror or e}")
        return
    # Streaming formats first (any size).
    if ext in JSON_EXT and ext != ".json":
        yield from read_jsonl(path, gz)
        return
    if ext in WARC_EXT:
        yield from read_warc(path)
        return
    if size > MAX_DOC_BYTES * (1 if not gz else 0.2):
        yield ReadError(src, f"file too large for a single document ({size / 1e6:.0f} MB)")
        return
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except OSError as e:
        yield ReadError(src, f"cannot read: {e.strerror or e}")
        return
    if gz:
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as e:
            yield ReadError(src, f"broken gzip data: {e}")
            return
    yield from read_bytes(data, src, ext)


def _gunzip(data: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as g:
        out = g.read(MAX_DOC_BYTES + 1)
    if len(out) > MAX_DOC_BYTES:
        raise OSError("decompressed data too large")
    return out


def read_bytes(data: bytes, src: str, ext: str = "") -> Iterator[Item]:
    """Sniff the format of an in-memory document and read it."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data)
        except (OSError, EOFError, zlib.error) as e:
            yield ReadError(src, f"broken gzip data: {e}")
            return
    reason = sniff_binary(data)
    if reason:
        yield ReadError(src, reason)
        return
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        yield from read_warc_stream(io.BytesIO(data), src)
        return
    try:
        text, enc = decode_bytes(data, declared=_declared_charset(data))
    except DecodeError as e:
        yield ReadError(src, str(e))
        return
    stripped = text.lstrip("\ufeff \t\r\n")
    low = stripped[:2000].lower()
    if ext in FEED_EXT or low.startswith("<?xml") and ("<rss" in low or "<feed" in low or "<rdf" in low):
        if "<rss" in low or "<feed" in low or "<rdf" in low or ext in (".rss", ".atom"):
            yield from read_feed(text, src)
            return
    if ext in HTML_EXT or low.startswith(("<!doctype html", "<html")) or re.search(r"<(html|body|article|p|div)[\s>]", low):
        yield RawDoc(source=src, fmt="html", html=text, encoding=enc)
        return
    if ext == ".json" or stripped.startswith(("{", "[")):
        yield from _read_json_text(stripped, src)
        return
    if not text.strip():
        yield ReadError(src, "empty document")
        return
    yield RawDoc(source=src, fmt="text", text=text, encoding=enc)


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET_RE.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


# ----------------------------------------------------------------------------- JSON


def record_to_doc(rec: dict[str, Any], src: str) -> Item:
    """A corpus record (ANT / SaudiNewsNet / generic) → RawDoc."""
    if not isinstance(rec, dict):
        return ReadError(src, "JSON record is not an object")
    text = rec.get("text") or rec.get("content") or rec.get("body") or rec.get("article")
    html = rec.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return ReadError(src, "record has no text")
    return RawDoc(
        source=src,
        fmt="json" if text else "html",
        text=text if isinstance(text, str) else None,
        html=html if not text and isinstance(html, str) else None,
        title=_s(rec.get("title") or rec.get("headline")),
        url=_s(rec.get("url") or rec.get("link")),
        date=_s(rec.get("date") or rec.get("published") or rec.get("pubDate") or rec.get("datePublished")),
        outlet=_s(rec.get("source") or rec.get("outlet") or rec.get("site")),
        category=_s(rec.get("category")),
        author=_s(rec.get("author")),
        abstract=_s(rec.get("abstract") or rec.get("summary") or rec.get("description")),
        doc_id=_s(rec.get("id")),
        extra={k: rec[k] for k in ("date_is_extraction_date",) if k in rec},
    )


def _s(v: Any) -> str | None:
    if v is None:
        return None
    v = str(v).strip()
    return v or None


def read_jsonl(path: Path, gz: bool) -> Iterator[Item]:
    src = str(path)
    try:
        fh = gzip.open(path, "rb") if gz else path.open("rb")
    except OSError as e:
        yield ReadError(src, f"cannot read: {e}")
        return
    n = 0
    try:
        with fh:
            while True:
                try:
                    raw = fh.readline(MAX_JSONL_LINE)
                except (OSError, EOFError, zlib.error) as e:
                    yield ReadError(src, f"broken gzip data after {n} lines: {e}")
                    return
                if not raw:
                    break
                n += 1
                rsrc = f"{src}#{n}"
                if not raw.strip():
                    continue
                if len(raw) >= MAX_JSONL_LINE and not raw.endswith(b"\n"):
                    yield ReadError(rsrc, "line too long, skipped")
                    while raw and not raw.endswith(b"\n"):
                        raw = fh.readline(MAX_JSONL_LINE)
                    continue
                try:
                    line, _ = decode_bytes(raw)
                    rec = json.loads(line)
                except (DecodeError, json.JSONDecodeError) as e:
                    yield ReadError(rsrc, f"invalid JSON line: {e}")
                    continue
                yield record_to_doc(rec, rsrc)
    except OSError as e:
        yield ReadError(src, f"read failed: {e}")


def _read_json_text(text: str, src: str) -> Iterator[Item]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        # Maybe JSON Lines without the extension.
        for i, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield record_to_doc(json.loads(line), f"{src}#{i}")
            except json.JSONDecodeError as e:
                yield ReadError(f"{src}#{i}", f"invalid JSON: {e}")
        return
    if isinstance(obj, list):
        recs = obj
    elif isinstance(obj, dict):
        recs = obj.get("articles") or obj.get("items") or [obj]
    else:
        recs = []
    for i, rec in enumerate(recs, 1):
        yield record_to_doc(rec, f"{src}#{i}" if len(recs) > 1 else src)


# ----------------------------------------------------------------------------- WARC


def read_warc(path: Path) -> Iterator[Item]:
    try:
        fh = path.open("rb")
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e}")
        return
    with fh:
        yield from read_warc_stream(fh, str(path))


def _warc_iterator(stream: Any) -> Any:
    """warcio's ArchiveIterator that remembers whether its last gzip member ended early."""
    from warcio.archiveiterator import ArchiveIterator

    class _Checked(ArchiveIterator):  # type: ignore[misc]
        gzip_truncated = False

        def close(self) -> None:
            dec = self.reader.decompressor if self.reader else None
            if dec is not None and not getattr(dec, "eof", True):
                self.gzip_truncated = True
            super().close()

    return _Checked(stream)


def _short_by(rec: Any) -> tuple[int, int] | None:
    """(bytes present, bytes declared) if the record ends before its Content-Length."""
    from warcio.limitreader import LimitReader

    raw = rec.raw_stream
    if not isinstance(raw, LimitReader):
        return None
    while raw.read(65536):
        pass
    if raw.limit <= 0:
        return None
    declared = raw._orig_limit
    return declared - raw.limit, declared


def read_warc_stream(stream: Any, src: str) -> Iterator[Item]:
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    truncated = False
    it = _warc_iterator(stream)
    try:
        for rec in it:
            if rec.rec_type not in ("response", "resource"):
                continue
            uri = rec.rec_headers.get_header("WARC-Target-URI")
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else None) or (
                rec.rec_headers.get_header("Content-Type") or ""
            )
            if rec.http_headers and rec.http_headers.get_statuscode() not in ("200", None):
                continue
            if "html" not in ctype.lower() and "text/plain" not in ctype.lower():
                continue
            n += 1
            rsrc = f"{src}#{uri or n}"
            data = rec.content_stream().read(MAX_DOC_BYTES + 1)
            if len(data) > MAX_DOC_BYTES:
                yield ReadError(rsrc, "record too large")
                continue
            short = _short_by(rec)
            truncated = short is not None
            if short:
                yield ReadError(rsrc, f"truncated record: {short[0]} of {short[1]} bytes (Content-Length)")
                continue
            m = re.search(r"charset=([\w-]+)", ctype, re.I)
            try:
                text, enc = decode_bytes(data, declared=(m.group(1) if m else None) or _declared_charset(data))
            except DecodeError as e:
                yield ReadError(rsrc, str(e))
                continue
            fmt = "html" if "html" in ctype.lower() else "text"
            yield RawDoc(
                source=rsrc, fmt=fmt, html=text if fmt == "html" else None, text=text if fmt == "text" else None,
                url=uri, encoding=enc, extra={"crawl_date": rec.rec_headers.get_header("WARC-Date")},
            )
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError,
            AttributeError, KeyError, IndexError, TypeError) as e:  # warcio fails on damaged headers with these
        yield ReadError(src, f"broken WARC after {n} records: {type(e).__name__}: {e}")
        return
    if it.gzip_truncated and not truncated:
        yield ReadError(src, f"truncated gzip data after {n} records")


# ----------------------------------------------------------------------------- feeds


def read_feed(text: str, src: str) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(text)
    if feed.bozo and not feed.entries:
        yield ReadError(src, f"broken feed: {feed.get('bozo_exception')}")
        return
    site = feed.feed.get("title") if feed.get("feed") else None
    for i, e in enumerate(feed.entries, 1):
        content = ""
        if e.get("content"):
            content = " ".join(c.get("value", "") for c in e.content)
        summary = e.get("summary", "")
        body = content or summary
        if not body.strip():
            yield ReadError(f"{src}#{i}", "feed entry has no content")
            continue
        is_html = bool(re.search(r"<[a-zA-Z][^>]*>", body))
        yield RawDoc(
            source=f"{src}#{i}",
            fmt="feed",
            html=f"<html><body><article>{body}</article></body></html>" if is_html else None,
            text=None if is_html else body,
            title=e.get("title"),
            url=e.get("link"),
            date=e.get("published") or e.get("updated"),
            author=e.get("author"),
            abstract=summary if content and summary else None,
            doc_id=e.get("id"),
            extra={"feed_title": site} if site else {},
        )
