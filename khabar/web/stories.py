"""What the story pages and API show, shaped from the store's story reads (no web framework here).

A story (``Store.story``) is its row, its articles (outlet, date, the copy each is) and the stories
of its thread. Its **timeline** and **summary** are computed here from the analyses of its original
articles (copies add nothing) with the pure functions of :mod:`khabar.stories.timeline` and
:mod:`khabar.stories.summary`; every entry and sentence keeps its article id and ``[start, end)``
span, which becomes a link ``/article/ID?span=S-E#cite`` (the article page marks that span). The
summary kept by the store when the story was placed (:mod:`khabar.stories.digest`) is shown instead
of computing it when its key says it was computed from the same articles; the web never writes one.

The home page's thread is the thread with the most articles in the story tables; a store without
stories (written before them) has none, and the home page falls back to the dyad thread.
"""

from __future__ import annotations

from collections import Counter

from ..model import Analysis
from ..stories import timeline as tl
from ..stories.digest import MAX_READ, SENTENCES, date_order, reading_order, stored
from ..stories.digest import dated as _dated
from ..stories.summary import Cited, summarize
from .views import actor_name

THREAD_STORIES = 100  # stories of a thread shown with their articles


def cite_href(article_id: str, start: int | None, end: int | None) -> str:
    """The link to a span of an article: the article page marks it and scrolls to it."""
    if start is None or end is None:
        return f"/article/{article_id}"
    return f"/article/{article_id}?span={start}-{end}#cite"


def date_span(first: str | None, last: str | None, derived: str | None = None) -> str:
    """«first … last»; a story no article dates shows the date derived from its story as «~date»."""
    if not first and not last:
        return f"~{derived}" if derived else "—"
    if first == last or not last:
        return first or "—"
    return f"{first or '?'} … {last}"


# ---------------------------------------------------------------------- analyses → timeline rows
def _event_rows(a: Analysis) -> list[dict]:
    """The events of an analysis as the store's event rows (what ``timeline.build`` takes)."""
    art = a.article
    rows = []
    for ev in a.events:
        m = ev.mentions[0] if ev.mentions else None
        rows.append({"id": ev.id, "plover": ev.plover, "cameo": ev.cameo, "goldstein": ev.goldstein, "mode": ev.mode,
                     "actor": ev.actor, "recipient": ev.recipient, "date": ev.date, "confidence": ev.confidence,
                     "trigger": ev.trigger, "reported_by": ev.reported_by, "articles": 1, "article_id": art.id,
                     "evidence": art.text[m.start:m.end] if m else ev.context, "start": m.start if m else None,
                     "end": m.end if m else None, "title": art.title})
    return rows


def _quote_rows(a: Analysis) -> list[dict]:
    art = a.article
    pub = art.published.value if art.published else None
    return [{"article_id": art.id, "text": art.text[q.start:q.end], "start": q.start, "end": q.end,
             "speaker": q.speaker, "speaker_text": q.speaker_text, "kind": q.kind, "published": pub,
             "title": art.title} for q in a.quotes]


def timeline_view(analyses: list[Analysis], lang: str, min_confidence: float = 0.4) -> dict:
    """The story's timeline: dated events (with their key quote) and the quotes no event took, each
    source linked to its span; grouped by day, the undated apart."""
    events = [r for a in analyses for r in _event_rows(a) if (r["confidence"] or 0) >= min_confidence]
    quotes = [r for a in analyses for r in _quote_rows(a)]
    t = tl.build(events, quotes, by="day", speakers=())  # quotes only as key quotes of events
    return {"periods": [{"label": p.label, "entries": [_entry(e, lang) for e in p.entries]} for p in t.periods],
            "undated": [_entry(e, lang) for e in t.undated], "n": len(t.entries)}


def _entry(e: tl.Entry, lang: str) -> dict:
    q = e.quote
    return {"date": e.date, "precision": e.precision, "kind": e.kind, "plover": e.plover, "mode": e.mode,
            "actor": e.actor, "actor_name": actor_name(e.actor, lang) if e.actor else "—",
            "recipient": e.recipient, "recipient_name": actor_name(e.recipient, lang) if e.recipient else "—",
            "confidence": e.confidence, "trigger": e.trigger, "goldstein": e.goldstein,
            "sources": [{"article_id": s.article_id, "snippet": s.snippet, "start": s.start, "end": s.end,
                         "href": cite_href(s.article_id, s.start, s.end)} for s in e.sources],
            "quote": None if q is None else {
                "text": q.text, "speaker": q.speaker, "kind": q.kind,
                "who": actor_name(q.speaker, lang, q.speaker_text) if q.speaker else q.speaker_text or "—",
                "article_id": q.source.article_id, "start": q.source.start, "end": q.source.end,
                "href": cite_href(q.source.article_id, q.source.start, q.source.end)}}


def summary_view(analyses: list[Analysis], n: int = SENTENCES, cited: list[Cited] | None = None) -> list[dict]:
    """The multi-document summary: sentences across the story's articles, each cited by its span
    (``cited``: the summary kept by the store, else it is computed from ``analyses``)."""
    return [{"article_id": c.article_id, "start": c.start, "end": c.end, "text": " ".join(c.text.split()),
             "published": c.published, "href": cite_href(c.article_id, c.start, c.end)}
            for c in (summarize(analyses, n=n) if cited is None else cited)]


# ---------------------------------------------------------------------- stories
def by_outlet(articles: list[dict]) -> list[dict]:
    """A story's articles grouped by outlet (the store orders them by outlet, then date)."""
    groups: dict[str, dict] = {}
    for r in articles:
        key = r.get("outlet") or ""
        g = groups.setdefault(key, {"outlet": r.get("outlet"), "name": r.get("outlet_name") or r.get("outlet") or "—",
                                    "articles": []})
        g["articles"].append(r)
    return list(groups.values())


def story_view(store, story_id: str, lang: str, with_analyses: bool = True) -> dict | None:
    """Everything the story page shows: the story row, its articles by outlet with their copies, its
    timeline and summary (from its original articles), its thread oldest first."""
    s = store.story(story_id[:64])
    if s is None:
        return None
    title = next((r["title"] for r in s["articles"] if r["article_id"] == s["id"]), None)
    ids = reading_order(s["articles"]) if with_analyses else []
    analyses = [a for a in map(store.get, ids) if a is not None]
    # the summary kept when the story was placed, if it was computed from these very articles
    kept = stored(store, s["id"], ids) if with_analyses else None
    return {"story": s, "title": title, "dates": date_span(s.get("first_date"), s.get("last_date")),
            "outlets": by_outlet(s["articles"]), "timeline": timeline_view(analyses, lang) if with_analyses else None,
            "summary": summary_view(analyses, cited=kept) if with_analyses else [], "thread": s["thread"],
            "read": len(analyses), "originals": sum(1 for r in s["articles"] if not r.get("dup_of"))}


def article_story(store, article_id: str) -> dict | None:
    """The story an article belongs to (and the article it copies, if it is a copy), for its page."""
    row = store.story_of(article_id)
    if row is None:
        return None
    s = store.story(row["story_id"])
    if s is None:
        return None
    title = next((r["title"] for r in s["articles"] if r["article_id"] == s["id"]), None)
    return {"id": s["id"], "title": title, "size": s["size"], "outlets": s["outlets"],
            "dates": date_span(s.get("first_date"), s.get("last_date")), "thread_id": s["thread_id"],
            "thread_len": len(s["thread"]), "dup_of": row.get("dup_of"), "dup_kind": row.get("dup_kind")}


def all_stories(store) -> list[dict]:
    """Every story row (size ≥ 1), for the thread aggregates; cached by the caller per store size."""
    return store.stories(min_size=1, limit=10_000_000)


def threads_of(stories: list[dict]) -> list[dict]:
    """Threads, most articles first: {thread_id, stories, articles, first_date, last_date}."""
    out: dict[str, dict] = {}
    for s in stories:
        t = out.setdefault(s["thread_id"], {"thread_id": s["thread_id"], "stories": 0, "articles": 0,
                                            "first_date": None, "last_date": None})
        t["stories"] += 1
        t["articles"] += s["size"] or 0
        if s.get("first_date") and (t["first_date"] is None or s["first_date"] < t["first_date"]):
            t["first_date"] = s["first_date"]
        if s.get("last_date") and (t["last_date"] is None or s["last_date"] > t["last_date"]):
            t["last_date"] = s["last_date"]
    return sorted(out.values(), key=lambda t: (t["articles"], t["stories"], t["last_date"] or "", t["thread_id"]),
                  reverse=True)


def thread_view(store, thread_id: str, lang: str, limit: int = THREAD_STORIES) -> dict | None:
    """A thread (``thread_id``: its id — its first story's — or the id of any story or article in it):
    its stories oldest first, each with its articles; the articles of the whole thread in date order;
    the pair of actors with the most events between them in the thread's articles."""
    head = store.story(thread_id[:64])
    if head is None:
        return None
    rows = head["thread"]
    members = store.story_articles([r["id"] for r in rows[:limit]])
    stories = [{**r, "dates": date_span(r.get("first_date"), r.get("last_date"), r.get("story_date")),
                "articles": members[r["id"]]} for r in rows[:limit]]
    articles = sorted((a for s in stories for a in s["articles"]), key=date_order)
    outlets = Counter(a.get("outlet_name") or a.get("outlet") or "—" for a in articles)
    pair = _top_pair(store, articles)
    dated = [a["published"] for a in articles if _dated(a.get("published"))]
    return {"thread_id": head["thread_id"], "stories": stories, "n_stories": len(rows), "articles": articles,
            "outlets": outlets.most_common(), "n": len(articles),
            "first": dated[0] if dated else None, "last": dated[-1] if dated else None,
            "pair": None if pair is None else {"a": pair[0], "b": pair[1], "a_name": actor_name(pair[0], lang),
                                                "b_name": actor_name(pair[1], lang)}}


def _top_pair(store, articles: list[dict], min_confidence: float = 0.4) -> tuple[str, str] | None:
    """The two actors with the most events between them (either direction) in these articles' analyses."""
    c = store.event_pairs([a["article_id"] for a in articles if not a.get("dup_of")][:MAX_READ], min_confidence)
    if not c:
        return None
    (a, b), _ = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
    return a, b


__all__ = ["MAX_READ", "all_stories", "article_story", "by_outlet", "cite_href", "date_span", "story_view", "summary_view",
           "thread_view", "threads_of", "timeline_view"]
