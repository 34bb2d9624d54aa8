"""The HTML pages: home, search, article, actor, thread, dyad, events, actors, and /docs (the
OpenAPI UI from the package's own Swagger assets).

The home page is a list of sections (:data:`HOME_SECTIONS`), each a function of (store, lang)
returning its template and data, or None to be left out: a stories section slots in first when
the stories layer lands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from .api import NameQ, Store, download, event_rows, run_search, story_rows
from .charts import dyad_chart
from .common import cached, lang_of, render
from .stories import all_stories, article_story, date_span, story_view, threads_of
from .stories import thread_view as story_thread_view
from .views import (
    actor_name,
    article_view,
    check_date,
    counterpart_dyads,
    resolve_actor,
    roles_of,
    snippet_pieces,
    thread_view,
)

router = APIRouter(include_in_schema=False)
PAGE = 20
Text = Annotated[str | None, Query(max_length=100)]


def story_thread_section(request: Request, store, lang: str) -> dict | None:
    """The thread with the most articles in the story tables (the seeds' NATO–Russia thread after
    ``khabar demo``): its stories oldest first, its articles, and the chart of its main pair of actors.
    None when the store has no stories: the dyad thread stands in."""
    threads = cached(request, store, "threads", lambda: threads_of(all_stories(store)))
    if not threads:
        return None
    tid = threads[0]["thread_id"]
    t = cached(request, store, f"story_thread:{tid}:{lang}", lambda: story_thread_view(store, tid, lang))
    if t is None:
        return None
    chart = None
    if t["pair"]:
        a, b = t["pair"]["a"], t["pair"]["b"]
        chart = dyad_chart(cached(request, store, f"dyad_year:{a}:{b}",
                                  lambda: store.dyad([a], [b], by="year", min_confidence=0.4)))
    return {"template": "_story_thread.html", "t": t, "chart": chart}


def thread_section(request: Request, store, lang: str) -> dict | None:
    """The dyad with the most events (NATO–Russia in the demo store): chart and articles naming both."""
    top = cached(request, store, "top_dyads", lambda: store.top_dyads(limit=1, min_confidence=0.4))
    if not top:
        return None
    a, b = top[0]["a"], top[0]["b"]
    rows = store.dyad([a], [b], by="year", min_confidence=0.4)
    thread = cached(request, store, f"thread:{a}:{b}", lambda: thread_view(store, [a], [b], limit=50))
    return {"template": "_thread.html", "a": a, "b": b, "a_name": actor_name(a, lang), "b_name": actor_name(b, lang),
            "chart": dyad_chart(rows), "thread": thread}


def latest_section(request: Request, store, lang: str) -> dict | None:
    return {"template": "_latest.html", "rows": cached(request, store, "latest", lambda: store.list(limit=12))}


def actors_section(request: Request, store, lang: str) -> dict | None:
    top = cached(request, store, "top_entities", lambda: store.top_entities(limit=16))
    return {"template": "_actors.html",
            "actors": [{**e, "display": actor_name(e["entity_id"], lang, e["name"])} for e in top]}


def top_thread_section(request: Request, store, lang: str) -> dict | None:
    """The story thread with the most articles; without stories, the dyad with the most events."""
    return story_thread_section(request, store, lang) or thread_section(request, store, lang)


HOME_SECTIONS: list[Callable[[Request, object, str], dict | None]] = [top_thread_section, latest_section,
                                                                      actors_section]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Store):
    lang = lang_of(request)
    sections = [s for s in (f(request, store, lang) for f in HOME_SECTIONS) if s]
    return render(request, "home.html", sections=sections, total=store.count())


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, store: Store, q: Annotated[str, Query(max_length=500)] = "",
           date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
           date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
           outlet: Text = None, actor: Text = None, type: Annotated[str | None, Query(max_length=20)] = None,  # noqa: A002
           story: Annotated[str | None, Query(max_length=64)] = None, page: Annotated[int, Query(ge=1, le=500)] = 1):
    hits, more = run_search(store, q, PAGE, (page - 1) * PAGE, outlet or None, date_from or None, date_to or None,
                            actor or None, type or None, story or None)
    results = [{"row": h.row, "score": h.score, "snippet": snippet_pieces(h.snippet, q)} for h in hits]
    return render(request, "search.html", q=q, results=results, page=page, more=more,
                  searched=bool(q.strip() or actor or type or story))


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, store: Store, article_id: str,
            span: Annotated[str | None, Query(max_length=24, pattern=r"^\d{1,9}-\d{1,9}$")] = None):
    a = store.get(article_id[:64])
    if a is None:
        raise HTTPException(404, f"no article with id {article_id[:64]!r}")
    cite = tuple(int(x) for x in span.split("-")) if span else None
    return render(request, "article.html", **article_view(a, lang_of(request), cite),
                  story=article_story(store, a.article.id))


@router.get("/actor/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, store: Store, actor_id: str):
    lang = lang_of(request)
    e = store.entity_summary(actor_id[:200], limit=30)
    if e is None:
        raise HTTPException(404, f"no actor {actor_id[:200]!r}")
    eid = e["id"]
    return render(request, "actor.html", e=e, eid=eid, display=actor_name(eid, lang, e["name"]),
                  roles=roles_of(eid, lang), quotes=store.quotes(speakers=[eid], limit=20),
                  as_actor=store.events(actors=[eid], limit=20), as_recipient=store.events(recipients=[eid], limit=20),
                  dyads=counterpart_dyads(store, eid, lang), articles=e["articles"], n_articles=e["n_articles"],
                  name=lambda x: actor_name(x, lang))


def _pair(store, a: str, b: str) -> tuple[list[str], list[str]]:
    a_ids, b_ids = resolve_actor(store, a), resolve_actor(store, b)
    if not a_ids or not b_ids:
        raise HTTPException(400, "give two actors: a=…&b=…")
    return a_ids, b_ids


@router.get("/dyad", response_class=HTMLResponse)
def dyad(request: Request, store: Store, a: Annotated[str, Query(max_length=100)],
         b: Annotated[str, Query(max_length=100)], by: Literal["day", "month", "year"] = "year",
         min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.4):
    lang = lang_of(request)
    a_ids, b_ids = _pair(store, a, b)
    rows = store.dyad(a_ids, b_ids, by=by, min_confidence=min_confidence)
    n = 7 if by == "month" else 4 if by == "year" else 10
    evs = [{**e, "direction": "→"} for e in store.events(actors=a_ids, recipients=b_ids, limit=300,
                                                          min_confidence=min_confidence)]
    evs += [{**e, "direction": "←"} for e in store.events(actors=b_ids, recipients=a_ids, limit=300,
                                                           min_confidence=min_confidence)]
    periods: dict[str, list[dict]] = {}
    for e in sorted(evs, key=lambda e: (e["date"] or "", e["id"])):
        if e["date"]:
            periods.setdefault(e["date"][:n], []).append(e)
    return render(request, "dyad.html", a=a, b=b, a_name=actor_name(a_ids[0], lang), b_name=actor_name(b_ids[0], lang),
                  by=by, rows=rows, chart=dyad_chart(rows), periods=periods, name=lambda x: actor_name(x, lang))


@router.get("/thread", response_class=HTMLResponse)
def thread(request: Request, store: Store, a: Annotated[str, Query(max_length=100)],
           b: Annotated[str, Query(max_length=100)]):
    lang = lang_of(request)
    a_ids, b_ids = _pair(store, a, b)
    rows = store.dyad(a_ids, b_ids, by="year", min_confidence=0.4)
    return render(request, "thread.html", a=a, b=b, a_name=actor_name(a_ids[0], lang),
                  b_name=actor_name(b_ids[0], lang), thread=thread_view(store, a_ids, b_ids), chart=dyad_chart(rows))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, store: Store, actor: NameQ = None, outlet: Text = None,
            date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
            date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
            min_size: Annotated[int, Query(ge=1, le=1000)] = 1, page: Annotated[int, Query(ge=1, le=500)] = 1):
    rows = story_rows(store, check_date(date_from, "from"), check_date(date_to, "to"), actor or None, outlet or None,
                      min_size, page * PAGE + 1)
    more = len(rows) > page * PAGE
    return render(request, "stories.html", rows=[{**r, "dates": date_span(r["first_date"], r["last_date"],
                                                                                  r.get("story_date"))}
                                                 for r in rows[(page - 1) * PAGE : page * PAGE]],
                  page=page, more=more, min_size=min_size)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, store: Store, story_id: str):
    lang = lang_of(request)  # computed once per store size: summary and timeline read up to 40 analyses
    v = cached(request, store, f"story:{story_id[:64]}:{lang}", lambda: story_view(store, story_id, lang))
    if v is None:
        raise HTTPException(404, f"no story with id {story_id[:64]!r}")
    return render(request, "story.html", **v)


@router.get("/thread/{thread_id}", response_class=HTMLResponse)
def story_thread(request: Request, store: Store, thread_id: str):
    lang = lang_of(request)
    t = story_thread_view(store, thread_id, lang)
    if t is None:
        raise HTTPException(404, f"no thread with id {thread_id[:64]!r}")
    chart = None
    if t["pair"]:
        chart = dyad_chart(store.dyad([t["pair"]["a"]], [t["pair"]["b"]], by="year", min_confidence=0.4))
    return render(request, "story_thread.html", t=t, chart=chart)


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: Store, actor: NameQ = None, recipient: NameQ = None,
           type: Annotated[str | None, Query(max_length=20)] = None,  # noqa: A002
           mode: Annotated[str | None, Query(max_length=20)] = None,
           date_from: Annotated[str | None, Query(alias="from", max_length=10)] = None,
           date_to: Annotated[str | None, Query(alias="to", max_length=10)] = None,
           min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.4, page: Annotated[int, Query(ge=1, le=500)] = 1,
           format: Literal["html", "csv", "plover"] = "html") -> Response:  # noqa: A002
    lang = lang_of(request)
    args = (store, actor or None, recipient or None, (type or "").upper() or None, mode or None,
            check_date(date_from, "from"), check_date(date_to, "to"), min_confidence)
    if format != "html":
        return download(store, event_rows(*args, 5000), format)
    rows = event_rows(*args, page * PAGE + 1)
    more = len(rows) > page * PAGE
    return render(request, "events.html", rows=rows[(page - 1) * PAGE : page * PAGE], page=page, more=more,
                  name=lambda x: actor_name(x, lang), min_confidence=min_confidence,
                  modes=["asserted", "negated", "proposed", "hypothetical", "future"])


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, store: Store, type: Annotated[str | None, Query(pattern="^(PER|ORG|LOC|MISC)?$")] = None):  # noqa: A002
    lang = lang_of(request)
    top = cached(request, store, f"top_entities:{type}", lambda: store.top_entities(limit=100, type_=type or None))
    return render(request, "actors.html",
                  actors=[{**e, "display": actor_name(e["entity_id"], lang, e["name"])} for e in top])


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    return render(request, "docs.html")


__all__ = ["HOME_SECTIONS", "router"]
