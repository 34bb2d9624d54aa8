"""The per-article pipeline: ``analyze(raw, ref_date) -> Analysis``, run as a list of components.

``analyze`` is pure: it touches no store, no global mutable state, no network and no clock
(only ``ref_date``, which the article records), so any engine can map it (a local process pool,
Dask workers). A :class:`Pipeline` is an ordered list of :class:`Component`; each has a name,
what it needs and what it adds to the :class:`Doc` it works on, and ``__call__(doc)``.

The default components, layer by layer (docs/architecture.md):

=========  ===================================  ============================================
extract    :mod:`khabar.ingest.html`            HTML → text, title, explicit date markup
clean      :mod:`khabar.ingest.clean`           chrome removed (kept aside), header lines
article    :mod:`khabar.text.textnorm`          the clean text every span points into; its id
metadata   :mod:`khabar.ingest.metadata`        URL, credits, dateline, agencies, outlet
pubdate    :mod:`khabar.ingest.metadata`        publication date with precision and evidence
language   :mod:`khabar.text.langid`
text       :mod:`khabar.text.tokenize`          sentences, tokens, clitics, stems, lemmas
entities   :mod:`khabar.entities`               mentions linked to canonical actors
quotes     :mod:`khabar.extract.quotes`         statements with speakers
timexes    :mod:`khabar.extract.timex`          temporal expressions
events     :mod:`khabar.extract.events`         PLOVER/CAMEO events with modality
=========  ===================================  ============================================

Without extraction, cleaning and the text layer there is no article: their errors are the
document's error (:class:`EmptyArticle`, :class:`ArticleTooLarge`, or what went wrong). A later
component that fails is contained: the error is recorded in ``article.extra["stage_errors"]``
and the other layers are kept. When the entity layer ran before it, ``timexes`` leaves people's
names of two words or more out («محمد رمضان», «رجب طيب أردوغان» hold no month).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .ingest import metadata as M
from .ingest.clean import Cleaned, clean_lines
from .ingest.html import extract
from .ingest.readers import RawDoc, raw_hash
from .model import Analysis, Article
from .text import dates as D
from .text.langid import detect_language
from .text.textnorm import content_id
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


# ----------------------------------------------------------------------------- the working state


@dataclass(slots=True)
class Doc:
    """One document on its way through the pipeline: the raw input, what the early components
    found before there is an article, and the :class:`Analysis` the later ones fill."""

    raw: RawDoc
    ref_date: dt.date
    raw_sha1: str = ""
    latest: dt.date | None = None  # the latest possible publication date: ref_date or the crawl date
    text: str = ""
    title: str | None = None
    url: str | None = None
    meta_date: str | None = None
    date_note: str | None = None
    date_guess: str | None = None
    sitename: str | None = None
    author: str | None = None
    crawled: bool = False
    crawl_day: dt.date | None = None  # the crawl date when it could be read (a weak publication date)
    cleaned: Cleaned | None = None
    body_start: int = 0
    analysis: Analysis | None = None

    @property
    def article(self) -> Article:
        assert self.analysis is not None, "no article before the 'article' component"
        return self.analysis.article


@dataclass(frozen=True, slots=True)
class Component:
    """A named step: ``run(doc)`` reads ``needs`` and adds ``adds`` (names of what a later component
    may rely on). A ``contained`` component's failure is recorded on the article instead of failing
    the document."""

    name: str
    run: Callable[[Doc], None]
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()
    contained: bool = False

    def __call__(self, doc: Doc) -> None:
        self.run(doc)


# ----------------------------------------------------------------------------- components


def _extract(doc: Doc) -> None:
    raw = doc.raw
    doc.title, doc.text, doc.url, doc.meta_date, doc.author = raw.title, raw.text or "", raw.url, raw.date, raw.author
    if raw.html is not None:
        _check_size("HTML", len(raw.html), MAX_HTML_CHARS)
        ex = extract(raw.html, url=raw.url)
        doc.text = ex.text
        doc.title = doc.title or ex.title
        doc.url = doc.url or ex.url
        if not doc.meta_date and ex.date:
            doc.meta_date, doc.date_note = ex.date, ex.date_source
        doc.date_guess = ex.date_guess
        doc.sitename = ex.sitename
        doc.author = doc.author or ex.author
    _crawl_bound(doc)


def _crawl_bound(doc: Doc) -> None:
    """A crawl date is not a publication date, but nothing was published after it."""
    extra = doc.raw.extra
    crawl = doc.meta_date if extra.get("date_is_extraction_date") else extra.get("crawl_date")
    if extra.get("date_is_extraction_date"):
        doc.meta_date = None
    doc.latest = doc.ref_date
    doc.crawled = bool(crawl)
    if crawl:
        cd = D.parse_iso(str(crawl))
        if cd and cd.value and cd.precision == "day":
            doc.latest = doc.crawl_day = min(doc.ref_date, dt.date.fromisoformat(cd.value))
            doc.date_note = f"crawled {cd.value}: used as the latest possible date"


def _clean(doc: Doc) -> None:
    _check_size("page text", len(doc.text), MAX_TEXT_CHARS)
    title = " ".join(doc.title.split()) if doc.title else None
    doc.cleaned = clean_lines(doc.text, title=title)
    if not doc.cleaned.paragraphs and not doc.cleaned.title:
        raise EmptyArticle("no article text after cleaning")


def _article(doc: Doc) -> None:
    cleaned, raw = doc.cleaned, doc.raw
    assert cleaned is not None
    head = (cleaned.title + "\n\n") if cleaned.title else ""
    text = head + "\n".join(cleaned.paragraphs)
    doc.body_start = len(head)
    _check_size("clean text", len(text), MAX_ARTICLE_CHARS)
    art = Article(
        id=content_id(text), text=text, title=cleaned.title, source_path=raw.source, url=doc.url,
        ref_date=doc.ref_date.isoformat(), category=raw.category, author=doc.author,
        standfirst=M.standfirst(raw.abstract, text[doc.body_start:]), raw_sha1=doc.raw_sha1,
        removed_lines=cleaned.removed + [h.text for h in cleaned.header] + cleaned.duplicates,
    )
    doc.analysis = Analysis(article=art)


def _metadata(doc: Doc) -> None:
    cleaned, raw, art = doc.cleaned, doc.raw, doc.article
    assert cleaned is not None
    art.url = art.url or M.url_from_chrome(cleaned.removed)
    art.credits = M.credits_from([h.text for h in cleaned.header if h.kind == "credit"], cleaned.removed)
    art.dateline, art.dateline_span, art.agencies = M.dateline_and_agencies(cleaned, doc.body_start, art.credits)
    art.outlet, art.outlet_name, how = M.find_outlet(raw.outlet, art.url, cleaned.removed, doc.sitename, art.credits)
    art.extra = {k: v for k, v in {"doc_id": raw.doc_id, "outlet_evidence": how, "encoding": raw.encoding,
                                   "format": raw.fmt, **raw.extra}.items() if v is not None}


def _pubdate(doc: Doc) -> None:
    art = doc.article
    art.published = M.publication_date(art.text, doc.cleaned, doc.body_start, doc.meta_date, doc.latest,
                                       crawled=doc.crawled, guess=doc.date_guess, crawl_day=doc.crawl_day)
    if doc.date_note:
        art.published.notes.append(doc.date_note)


def _language(doc: Doc) -> None:
    art = doc.article
    art.language, art.language_score = detect_language(art.text[doc.body_start:] or art.text)


def _text(doc: Doc, analyse: bool = True) -> None:
    a = doc.analysis
    assert a is not None
    a.sentences = analyse_text(a.article.text, analyse=analyse)


def _entities(doc: Doc) -> None:
    from .entities import resolve_entities
    from .kb.media import outlet_country

    a = doc.analysis
    assert a is not None
    a.mentions, a.entities = resolve_entities(a.article.text, a.sentences, a.article.published, a.article.dateline_span,
                                              outlet_country(a.article.outlet))


def _quotes(doc: Doc) -> None:
    from .extract.quotes import extract_quotes

    a = doc.analysis
    assert a is not None
    a.quotes = extract_quotes(a.article.text, a.sentences, a.mentions)


def _timexes(doc: Doc) -> None:
    from .extract.timex import find_timexes

    a = doc.analysis
    assert a is not None
    # people's names of two words or more, after the entity layer when it ran (a lone «رمضان» tagged a person
    # is more often the month), and one-word names of a person the article names in full
    people = [(m.start, m.end) for m in a.mentions or ()
              if m.type == "PER" and (" " in m.text.strip() or "coref" in m.method)]  # «تيريزا ماي» … «ماي»
    a.timexes = find_timexes(a.article.text, a.article.published, start=doc.body_start, names=people)


def _events(doc: Doc) -> None:
    from .extract.events import extract_events

    a = doc.analysis
    assert a is not None
    a.events = extract_events(a)


def _spans(doc: Doc) -> None:
    """The mentions' final spans, as the guidelines write them (after the layers that read the
    mentions as the resolver found them)."""
    from .entities.linking import trim_descriptors, widen_fused_lam
    from .kb.actors import knowledge_base

    a = doc.analysis
    assert a is not None
    widen_fused_lam(a.article.text, [t for s in a.sentences for t in s.tokens], a.mentions)
    trim_descriptors(a.article.text, a.mentions, knowledge_base())


EXTRACT = Component("extract", _extract, ("raw",), ("text", "title", "url", "meta_date", "latest"))
CLEAN = Component("clean", _clean, ("text",), ("cleaned",))
ARTICLE = Component("article", _article, ("cleaned",), ("article",))
METADATA = Component("metadata", _metadata, ("article", "cleaned"), ("outlet", "agencies", "dateline"))
PUBDATE = Component("pubdate", _pubdate, ("article", "cleaned", "latest"), ("published",))
LANGUAGE = Component("language", _language, ("article",), ("language",))
TEXT = Component("text", _text, ("article",), ("sentences", "tokens"))
SENTENCES = Component("text", functools.partial(_text, analyse=False), ("article",), ("sentences",))
ENTITIES = Component("entities", _entities, ("tokens", "published", "dateline", "outlet"), ("mentions", "entities"), True)
QUOTES = Component("quotes", _quotes, ("tokens", "mentions"), ("quotes",), True)
TIMEXES = Component("timexes", _timexes, ("tokens", "published"), ("timexes",), True)
EVENTS = Component("events", _events, ("tokens", "mentions", "quotes", "timexes"), ("events",), True)
SPANS = Component("spans", _spans, ("tokens", "mentions", "quotes", "events"), ("final_spans",), True)


# ----------------------------------------------------------------------------- the pipeline


class Pipeline:
    """An ordered list of components. Building one checks that every component's needs are added
    by a component before it, so a custom pipeline fails when it is built, not on the first page."""

    def __init__(self, components: Sequence[Component]) -> None:
        have = {"raw"}
        for c in components:
            missing = [n for n in c.needs if n not in have]
            if missing:
                raise ValueError(f"component {c.name!r} needs {', '.join(missing)}, which no component before it adds")
            have.update(c.adds)
        self.components = tuple(components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    @classmethod
    def default(cls, tokens: bool = True, entities: bool = True) -> Pipeline:
        """Everything (the default), or the foundation without tokens' analyses or entity layers."""
        return _default(tokens, entities)

    def run(self, raw: RawDoc, ref_date: dt.date | None = None) -> Analysis:
        """Analyse one raw document; ``ref_date`` defaults to the current date (recorded)."""
        doc = Doc(raw=_valid_raw(raw), ref_date=ref_date or dt.date.today(), raw_sha1=raw_hash(raw))
        for c in self.components:
            if not c.contained:
                c(doc)
                continue
            try:
                c(doc)
            except Exception as e:  # noqa: BLE001 - reported on the article, never silent
                doc.article.extra.setdefault("stage_errors", []).append(f"{c.name}: {type(e).__name__}: {e}")
        if doc.analysis is None:
            raise ValueError(f"pipeline {self.names} made no article (it needs the 'article' component)")
        return doc.analysis


@functools.lru_cache(maxsize=4)
def _default(tokens: bool, entities: bool) -> Pipeline:
    parts = [EXTRACT, CLEAN, ARTICLE, METADATA, PUBDATE, LANGUAGE, TEXT if tokens else SENTENCES]
    if tokens and entities:
        parts += [ENTITIES, QUOTES, TIMEXES, EVENTS, SPANS]
    elif tokens:
        parts += [TIMEXES]
    return Pipeline(parts)


def analyze(raw: RawDoc, ref_date: dt.date | None = None, tokens: bool = True, entities: bool = True,
            *, today: dt.date | None = None) -> Analysis:
    """Analyse one raw document into a stand-off :class:`Analysis` with the default pipeline.

    ``ref_date`` is the reference date of the analysis: the latest date a publication date can
    take, and what "the present" means for open office terms. The result depends on the clock
    only through it; it is recorded as ``Article.ref_date``. ``None`` means the current date
    (``today`` is an older name for the same argument).
    """
    return Pipeline.default(tokens, entities).run(raw, ref_date or today)


__all__ = ["ARTICLE", "ArticleTooLarge", "Component", "Doc", "EmptyArticle", "Pipeline", "analyze"]
