"""``analyze(raw) -> Analysis``: the pure per-article function every engine maps.

It touches no store, no global mutable state and no network, so it runs the same in the
CLI, in a process pool or on Dask workers. Stages, one module each: extraction
(:mod:`khabar.html`), cleaning (:mod:`khabar.clean`), metadata (:mod:`khabar.metadata`,
:mod:`khabar.dates`, :mod:`khabar.roles`), language (:mod:`khabar.langid`) and the
Arabic text layer (:mod:`khabar.tokenize`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

from .ingest import metadata as M
from .ingest.clean import clean_lines, find_agency, normalize
from .ingest.html import extract
from .ingest.readers import RawDoc
from .model import Analysis, Article, DateValue, Span
from .text import dates as D
from .text.langid import detect_language
from .text.tokenize import analyse_text


class EmptyArticle(ValueError):
    """Nothing left after cleaning (a page of chrome only, an empty record)."""


class ArticleTooLarge(ValueError):
    """An input larger than one article can be: refused at once instead of analysed for minutes."""


# Bounds on the work per article. ``analyze`` costs grow faster than the text (2-core machine:
# 25k characters of clean text 1.4 s, 50k 2.6 s, 100k 5.5 s; under load 100k 18 s, 200k 44 s,
# 500k 178 s); the longest of 31,525 ANT articles is 21k characters. Checked before each costly
# step, so a bigger input is refused in about a second.
MAX_HTML_CHARS = 5_000_000  # raw HTML (extraction of 5M characters: ~16 s)
MAX_TEXT_CHARS = 1_000_000  # page text before cleaning (cleaning 1M characters: ~3 s)
MAX_ARTICLE_CHARS = 100_000  # clean text: title and body


def _check_size(what: str, n: int, limit: int) -> None:
    if n > limit:
        raise ArticleTooLarge(f"{what} has {n:,} characters; at most {limit:,} are accepted for one article")


def _raw_hash(raw: RawDoc) -> str:
    h = hashlib.sha1()
    for part in (raw.html, raw.text, raw.title, raw.url):
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# Lone UTF-16 surrogates: a JSON «\ud83d» (half an emoji cut by a scraper), a file name in
# no UTF-8 (``os.fsdecode`` escapes its bytes so). Not text: nothing can encode them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(v: object) -> object:
    """A string with each lone surrogate replaced by U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v


def _valid_raw(raw: RawDoc) -> RawDoc:
    """The document with every string field valid Unicode, so that every later stage, the
    content hash and the store can encode it; ``raw`` itself is untouched (its hash is the
    ingest's key)."""
    changes = {f.name: _valid_text(getattr(raw, f.name)) for f in dataclasses.fields(raw) if f.name != "extra"}
    changes["extra"] = {k: _valid_text(v) for k, v in raw.extra.items()}
    return dataclasses.replace(raw, **changes)


def analyze(raw: RawDoc, ref_date: dt.date | None = None, tokens: bool = True, entities: bool = True,
            *, today: dt.date | None = None) -> Analysis:
    """Analyse one raw document into a stand-off :class:`Analysis`.

    ``ref_date`` is the reference date of the analysis: the latest date a publication date can
    take, and what "the present" means for open office terms. The result depends on the clock
    only through it; it is recorded as ``Article.ref_date``. ``None`` means the current date
    (``today`` is an older name for the same argument).
    """
    ref_date = ref_date or today or dt.date.today()
    today = ref_date
    raw_sha1 = _raw_hash(raw)
    raw = _valid_raw(raw)
    title = raw.title
    text = raw.text or ""
    url = raw.url
    meta_date = raw.date
    date_note = None
    date_guess = None
    sitename = None
    author = raw.author
    if raw.html is not None:
        _check_size("HTML", len(raw.html), MAX_HTML_CHARS)
        ex = extract(raw.html, url=raw.url)
        text = ex.text
        title = title or ex.title
        url = url or ex.url
        if not meta_date and ex.date:
            meta_date, date_note = ex.date, ex.date_source
        date_guess = ex.date_guess
        sitename = ex.sitename
        author = author or ex.author
    # A crawl date is not a publication date, but nothing was published after it.
    crawl = meta_date if raw.extra.get("date_is_extraction_date") else raw.extra.get("crawl_date")
    if raw.extra.get("date_is_extraction_date"):
        meta_date = None
    if crawl:
        crawl = str(crawl)
        cd = D.parse_iso(crawl)
        if cd and cd.value and cd.precision == "day":
            bound = dt.date.fromisoformat(cd.value)
            today = min(today, bound)
            date_note = f"crawled {cd.value}: used as the latest possible date"
    _check_size("page text", len(text), MAX_TEXT_CHARS)
    cleaned = clean_lines(text, title=_one_line(title) if title else None)
    if not cleaned.paragraphs and not cleaned.title:
        raise EmptyArticle("no article text after cleaning")
    title = cleaned.title
    head = (title + "\n\n") if title else ""
    body = "\n".join(cleaned.paragraphs)
    clean_text = head + body
    body_start = len(head)
    _check_size("clean text", len(clean_text), MAX_ARTICLE_CHARS)

    # --- URL, outlet, agencies, credits, dateline
    if not url:
        for ln in cleaned.removed:
            m = M.URL_RE.search(ln)
            if m:
                url = m.group(0)
                break
    credits = M.credits_from([h.text for h in cleaned.header if h.kind == "credit"], cleaned.removed)
    agencies: list[str] = []
    dateline = None
    dateline_span = None
    for h in cleaned.header:
        if h.kind == "dateline":
            city, codes = M.dateline_line(h.text)
            agencies += codes
            dateline = dateline or city
    offset = body_start
    for para in cleaned.paragraphs[:2]:  # the first paragraph may be a standfirst
        dl = M.find_dateline(para)
        if dl:
            city, span, codes = dl
            dateline = dateline or city
            dateline_span = Span(offset + span.start, offset + span.end)
            agencies += codes
            agencies += M.agencies_in_lead(para)
            break
        offset += len(para) + 1
    if cleaned.paragraphs:
        agencies += M.agencies_in_lead(cleaned.paragraphs[0])
    agencies += [c.code for c in credits if c.kind == "agency"]
    agencies = list(dict.fromkeys(a for a in agencies if a))

    outlet = M.outlet_from_code(raw.outlet) or M.outlet_from_url(url)
    how = "metadata" if outlet else None
    if outlet is None:
        outlet = M.outlet_from_lines(cleaned.removed + ([sitename] if sitename else []))
        how = "site chrome" if outlet else None
    if outlet is None:
        for c in credits:
            if c.kind == "source" and c.code:
                outlet = M.outlet_from_code(c.code)
                how = "credit line"
                break
    outlet_code = outlet.code if outlet else (raw.outlet or None)
    outlet_name = outlet.name_en if outlet else (sitename or raw.outlet)

    # --- publication date
    published: DateValue = M.publication_date(clean_text, cleaned, body_start, meta_date, today,
                                              crawled=bool(crawl), guess=date_guess)
    if date_note:
        published.notes.append(date_note)

    lang, score = detect_language(body or clean_text)
    art = Article(
        id=Article.content_id(clean_text),
        text=clean_text,
        title=title,
        source_path=raw.source,
        url=url,
        outlet=outlet_code,
        outlet_name=outlet_name,
        agencies=agencies,
        credits=credits,
        dateline=dateline,
        dateline_span=dateline_span,
        published=published,
        ref_date=ref_date.isoformat(),
        language=lang,
        language_score=score,
        category=raw.category,
        author=author,
        standfirst=_standfirst(raw.abstract, body),
        raw_sha1=raw_sha1,
        removed_lines=cleaned.removed + [h.text for h in cleaned.header] + cleaned.duplicates,
        extra={k: v for k, v in {"doc_id": raw.doc_id, "outlet_evidence": how, "encoding": raw.encoding,
                                 "format": raw.fmt, **raw.extra}.items() if v is not None},
    )
    sentences = analyse_text(clean_text, analyse=tokens)
    analysis = Analysis(article=art, sentences=sentences)
    # Later layers are contained: a failure in one keeps the article and the other layers,
    # and is recorded on the article instead of losing it.
    stages = []
    if entities and tokens:
        stages.append(("entities", _entities_stage))
        stages.append(("quotes", _quotes_stage))
    if tokens:
        stages.append(("timexes", _timex_stage))
    if entities and tokens:
        stages.append(("events", _events_stage))
    for name, fn in stages:
        try:
            fn(analysis, body_start)
        except Exception as e:  # noqa: BLE001 - reported on the article, never silent
            art.extra.setdefault("stage_errors", []).append(f"{name}: {type(e).__name__}: {e}")
    return analysis


def _entities_stage(a: Analysis, body_start: int) -> None:
    from .entities.linking import resolve_entities

    a.mentions, a.entities = resolve_entities(a.article.text, a.sentences, a.article.published, a.article.dateline_span)


def _quotes_stage(a: Analysis, body_start: int) -> None:
    from .extract.quotes import extract_quotes

    a.quotes = extract_quotes(a.article.text, a.sentences, a.mentions)


def _timex_stage(a: Analysis, body_start: int) -> None:
    from .extract.timex import find_timexes

    a.timexes = find_timexes(a.article.text, a.article.published, start=body_start)


def _events_stage(a: Analysis, body_start: int) -> None:
    from .extract.events import extract_events

    a.events = extract_events(a)


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _standfirst(abstract: str | None, body: str) -> str | None:
    """Keep a feed abstract only when it is not just the opening of the body."""
    if not abstract:
        return None
    a = " ".join(normalize(re.sub(r"<[^>]+>", " ", abstract)).split())
    b = " ".join(normalize(body[: len(abstract) + 200]).split())
    if not a or b.startswith(a[: max(20, len(a) - 5)]) or a in " ".join(normalize(body).split()):
        return None
    return " ".join(abstract.split())


__all__ = ["analyze", "ArticleTooLarge", "EmptyArticle", "find_agency"]
