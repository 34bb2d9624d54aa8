"""What `khabar story ID` shows beside a story's articles: its timeline (dated events and key quotes
of its original articles, each with its evidence) and its multi-document summary (salient sentences
across those articles, each cited ``article-id[start:end]``). Pure functions over analyses."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Analysis
from .summary import Cited, summarize
from .timeline import Timeline, build


def _published(a: Analysis, dates: dict[str, str] | None) -> str | None:
    """The article's own date, else its story-derived one (``dates``: article id → date)."""
    p = a.article.published
    if p is not None and p.value and not p.value.startswith("X"):
        return p.value
    return (dates or {}).get(a.article.id) or (p.value if p else None)


def event_rows(analyses: Sequence[Analysis], min_confidence: float = 0.4,
               dates: dict[str, str] | None = None) -> list[dict]:
    """The events of the articles as the rows :func:`~khabar.stories.timeline.build` reads (one per
    event, its first evidence sentence), dated by the event's own date, else by its article's (its
    story-derived date, ``dates``, where it has none of its own)."""
    rows = []
    for a in analyses:
        pub = _published(a, dates)
        for e in a.events:
            if e.confidence < min_confidence:
                continue
            for m in e.mentions[:1]:
                rows.append({"id": f"{a.article.id}:{e.id}:{m.start}", "article_id": a.article.id,
                             "plover": e.plover, "actor": e.actor, "recipient": e.recipient, "mode": e.mode,
                             "date": e.date or pub, "goldstein": e.goldstein, "confidence": e.confidence,
                             "trigger": e.trigger, "reported_by": e.reported_by, "evidence": m.text,
                             "start": m.start, "end": m.end, "title": a.article.title})
    return rows


def quote_rows(analyses: Sequence[Analysis], dates: dict[str, str] | None = None) -> list[dict]:
    """The named speakers' quotes of the articles, as the rows the timeline reads."""
    rows = []
    for a in analyses:
        pub = _published(a, dates)
        for q in a.quotes:
            if q.speaker is None:
                continue
            rows.append({"article_id": a.article.id, "speaker": q.speaker, "speaker_text": q.speaker_text,
                         "kind": q.kind, "text": a.article.text[q.start:q.end], "start": q.start, "end": q.end,
                         "published": pub, "title": a.article.title})
    return rows


def story_timeline(analyses: Sequence[Analysis], by: str = "day", min_confidence: float = 0.4,
                   dates: dict[str, str] | None = None) -> Timeline:
    """The timeline of a story's original articles (copies repeat what their original says): its events,
    each with the key quote it is reported with (quotes alone are the article's, not the story's)."""
    return build(event_rows(analyses, min_confidence, dates), quote_rows(analyses, dates), by=by, speakers=())


def story_summary(analyses: Sequence[Analysis], n: int = 3) -> list[Cited]:
    """The story's multi-document summary: :func:`~khabar.stories.summary.summarize` over its originals."""
    return summarize(list(analyses), n=n) if analyses else []
