"""HTML → article text and metadata (trafilatura + lxml_html_clean), dates from markup first.

Publication dates are read from the page's own markup before anything else: ``<meta
property="article:published_time">`` and its cousins, JSON-LD ``datePublished``, ``<time
datetime>``. Only if none is present is trafilatura's (htmldate) guess used, flagged as such.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass

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


def extract(html: str, url: str | None = None) -> Extracted:
    import trafilatura

    date = date_src = None
    canonical = None
    try:
        doc = lxml.html.fromstring(html)
        date, date_src = markup_date(doc)
        for el in doc.iter("link"):
            if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                canonical = el.get("href")
    except (ValueError, lxml.etree.ParserError):
        doc = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, deduplicate=True
        )
    if res is None:
        # Fallback: visible text of the page, cleaned of scripts/styles.
        text = ""
        if doc is not None:
            from lxml_html_clean import Cleaner

            cleaned = Cleaner(javascript=True, style=True, comments=True).clean_html(doc)
            text = "\n".join(t.strip() for t in cleaned.itertext() if t.strip())
        title = doc.findtext(".//title") if doc is not None else None
        return Extracted(title, text, date, date_src, url or canonical, None, None, None)
    d = res.as_dict() if hasattr(res, "as_dict") else dict(res)
    text = d.get("text") or ""
    title = d.get("title")
    # trafilatura repeats the title as the first line of text; the cleaner drops it by title.
    if not date and d.get("date"):
        date, date_src = d["date"], "trafilatura (htmldate guess)"
    return Extracted(
        title=title, text=text, date=date, date_source=date_src, url=url or d.get("url") or canonical,
        sitename=d.get("sitename"), author=d.get("author"), description=d.get("description"),
    )
