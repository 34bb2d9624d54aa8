"""HTML → article text and metadata (trafilatura + lxml_html_clean), dates from markup only.

A publication date is metadata only when the page states it in markup: ``<meta
property="article:published_time">`` and its cousins, JSON-LD ``datePublished``, ``<time
datetime>``, or a date in the URL path. trafilatura's date (htmldate, without its free-text
search) is kept apart as :attr:`Extracted.date_guess`: a weak candidate that the article's own
evidence overrides (:func:`khabar.metadata.publication_date`).

Pages nested deeper than libxml2's default limit (255 levels) are parsed again with its
higher limit; deeper still, the text is taken by a flat tag-stripping pass, never truncated.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import re
import warnings
from dataclasses import dataclass
from urllib.parse import urlparse

import lxml.etree
import lxml.html

_META_DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish_date", "publication_date", "dc.date.issued", "dcterms.created", "dc.date", "date", "sailthru.date",
    "parsely-pub-date", "article.published", "published_time", "cxenseparse:recs:publishtime",
)


@dataclass(slots=True)
class Extracted:
    title: str | None
    text: str
    date: str | None
    date_source: str | None
    url: str | None
    sitename: str | None
    author: str | None
    description: str | None
    date_guess: str | None = None  # htmldate's guess when the markup states no date
    method: str = "trafilatura"  # trafilatura | visible text | flat text (nesting too deep)


# htmldate without its free-text search; the latest date it may return is fixed so that the
# result does not depend on the wall clock (dates after the reference day are refused later).
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2099-12-31"}
_URL_DAY_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)")
_URL_MONTH_RE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")


def url_date(url: str | None) -> str | None:
    """A date in the URL path: ``/2010/11/03/`` or ``2010-11-03`` → day, ``/2010/11/`` → month."""
    if not url:
        return None
    try:
        path = urlparse(url).path
    except ValueError:
        return None
    m = _URL_DAY_RE.search(path)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            return None
    m = _URL_MONTH_RE.search(path)
    return f"{m.group(1)}-{m.group(2)}" if m else None

def markup_date(doc: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in _META_DATE_KEYS and el.get("content"):
            return el.get("content").strip(), f"meta {key}"
    for el in doc.iter("script"):
        if (el.get("type") or "").lower() == "application/ld+json" and el.text:
            try:
                data = json.loads(el.text)
            except ValueError:
                continue
            for item in data if isinstance(data, list) else [data, *(data.get("@graph", []) if isinstance(data, dict) else [])]:
                if isinstance(item, dict) and item.get("datePublished"):
                    return str(item["datePublished"]), "json-ld datePublished"
    for el in doc.iter("time"):
        if el.get("datetime"):
            return el.get("datetime").strip(), "<time datetime>"
    return None, None


def _parse(html: str) -> tuple[lxml.html.HtmlElement | None, str]:
    """The page's tree and how deep it may be: ``ok`` (default limit), ``deep`` (within
    libxml2's huge limit) or ``too deep`` (the tree is truncated)."""
    doc = None
    for huge, status in ((False, "ok"), (True, "deep")):
        parser = lxml.html.HTMLParser(huge_tree=huge)
        try:
            doc = lxml.html.fromstring(html, parser=parser)
        except (ValueError, lxml.etree.ParserError):
            return None, "ok"
        if not any(e.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in e.message for e in parser.error_log):
            return doc, status
    return doc, "too deep"


_INVISIBLE_RE = re.compile(r"<!--.*?(?:-->|\Z)|<(script|style|noscript|title)\b[^>]*>.*?(?:</\1\s*>|\Z)",
                           re.S | re.I)
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|ul|ol|dl|dd|dt|h[1-6]|tr|td|th|table|article|section|header|footer|aside|nav|main|"
    r"blockquote|pre|figure|figcaption|form|hr|address|body|html)\b[^>]*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_TITLE_RE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)


def flat_text(html: str) -> tuple[str | None, str]:
    """(title, visible text) by stripping tags, one line per block element: no tree, no depth limit."""
    m = _TITLE_RE.search(html)
    title = " ".join(htmllib.unescape(_TAG_RE.sub("", m.group(1))).split()) if m else None
    body = _BLOCK_TAG_RE.sub("\n", _INVISIBLE_RE.sub(" ", html))
    lines = (" ".join(htmllib.unescape(ln).split()) for ln in _TAG_RE.sub("", body).split("\n"))
    return title or None, "\n".join(ln for ln in lines if ln)


def _markup(doc: lxml.html.HtmlElement | None, url: str | None) -> tuple[str | None, str | None, str | None]:
    """(date, its source, canonical URL) from the page's own markup and URL."""
    date = date_src = canonical = None
    if doc is not None:
        date, date_src = markup_date(doc)
        for el in doc.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                canonical = el.get("href")
    if not date:
        for u in (url, canonical):
            date = url_date(u)
            if date:
                date_src = "date in the URL"
                break
    return date, date_src, canonical


# Characters XML (and so lxml) refuses: C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def extract(html: str, url: str | None = None) -> Extracted:
    import trafilatura

    html = _NOT_XML.sub(" ", html)
    doc, depth = _parse(html)
    date, date_src, canonical = _markup(doc, url)
    if depth == "too deep":
        title, text = flat_text(html)
        return Extracted(title, text, date, date_src, url or canonical, None, None, None,
                         method="flat text (nesting too deep)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = trafilatura.bare_extraction(
            doc if depth == "deep" else html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, deduplicate=False, date_extraction_params=dict(_DATE_PARAMS),
        )
    if res is None:
        # Fallback: visible text of the page, cleaned of scripts/styles.
        text = ""
        if doc is not None:
            from lxml_html_clean import Cleaner

            cleaned = Cleaner(javascript=True, style=True, comments=True).clean_html(doc)
            text = "\n".join(t.strip() for t in cleaned.itertext() if t.strip())
        title = doc.findtext(".//title") if doc is not None else None
        return Extracted(title, text, date, date_src, url or canonical, None, None, None, method="visible text")
    d = res.as_dict() if hasattr(res, "as_dict") else dict(res)
    # trafilatura repeats the title as the first line of text; the cleaner drops it by title.
    return Extracted(
        title=d.get("title"), text=d.get("text") or "", date=date, date_source=date_src,
        url=url or d.get("url") or canonical, sitename=d.get("sitename"), author=d.get("author"),
        description=d.get("description"), date_guess=None if date else d.get("date"),
    )
