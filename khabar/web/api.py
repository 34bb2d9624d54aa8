"""The JSON API (read-only; ``POST /api/ingest`` only when the server was started with an ingest
hook and a token). Lists are paginated with ``limit`` (≤ 200) and ``offset``; every parameter goes
to the store as a bound value, never into SQL text."""

from __future__ import annotations

import csv
import dataclasses
import hmac
import io
import json
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import Response

from ..store.base import ArticleRow, Facets, SearchHit
from ..store.export import export_events
from .common import MAX_BODY, cached
from .stories import story_view
from .views import BadParam, actor_name, check_date, resolve_actor

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=200, description="page size")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="rows to skip")]
DateQ = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")]
NameQ = Annotated[str | None, Query(max_length=100, description="KB id, English alias or Arabic form")]
PLOVER_TYPES = r"^[A-Za-z_]{2,20}$"
Mode = Literal["asserted", "negated", "proposed", "hypothetical", "future"]
EVENT_FIELDS = ["id", "date", "plover", "cameo", "goldstein", "mode", "actor", "recipient", "confidence", "method",
                "mentions", "articles", "article_id", "trigger", "reported_by", "context", "location", "evidence"]


def store_of(request: Request):
    return request.app.state.stores.get()


Store = Annotated[object, Depends(store_of)]


def page(items: list, limit: int, offset: int, **extra) -> dict:
    """A page of a list read with ``limit + offset + 1`` rows: whether there is more is known exactly."""
    rows = items[offset : offset + limit]
    return {"items": rows, "limit": limit, "offset": offset, "has_more": len(items) > offset + limit, **extra}


def row_dict(r) -> dict:
    return dataclasses.asdict(r)


@router.get("/articles", summary="Articles, newest first")
def articles(store: Store, limit: Limit = 20, offset: Offset = 0, outlet: NameQ = None,
             date_from: Annotated[DateQ, Query(alias="from")] = None, date_to: Annotated[DateQ, Query(alias="to")] = None,
             actor: NameQ = None) -> dict:
    ids = resolve_actor(store, actor)
    rows = store.list(limit=limit + 1, offset=offset, outlet=outlet, date_from=date_from, date_to=date_to,
                      actors=[ids] if ids else None)
    return {"items": [row_dict(r) for r in rows[:limit]], "limit": limit, "offset": offset,
            "has_more": len(rows) > limit}


@router.get("/articles/{article_id}", summary="One article: the full stand-off analysis (spans into article.text)")
def article(store: Store, article_id: Annotated[str, Path(max_length=64)]) -> dict:
    a = store.get(article_id)
    if a is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return a.to_dict(tokens=False)


TYPE_CONFIDENCE = 0.4  # an event-type search filter counts events at least this confident


def run_search(store, q: str, limit: int, offset: int, outlet: str | None, date_from: str | None,
               date_to: str | None, actor: str | None, type_: str | None = None,
               story: str | None = None) -> tuple[list, bool]:
    """(hits of this page, whether there are more): the store ranks the first offset + limit + 1 hits.

    ``type_`` keeps articles with an event of that PLOVER type (confidence ≥ :data:`TYPE_CONFIDENCE`),
    ``story`` the articles of that story (its id, or any of its articles' ids): the store filters on
    both in SQL, before ranking. A story searched without words lists its articles, oldest first."""
    ids = resolve_actor(store, actor)
    date_from, date_to = check_date(date_from, "from"), check_date(date_to, "to")
    type_ = (type_ or "").strip().upper() or None
    if type_ and not re.fullmatch(PLOVER_TYPES, type_):
        raise BadParam(f"type: {type_!r} is not a PLOVER event type")
    story_id, members = story_members(store, story) if story else (None, None)
    facets = Facets(type_, TYPE_CONFIDENCE, story_id)
    actors = [ids] if ids else None
    if members is not None and not q.strip():  # the story's articles themselves, oldest first
        kept = {r.id for r in store.list(limit=len(members), outlet=outlet, date_from=date_from, date_to=date_to,
                                         actors=actors, facets=facets)}
        hits = [SearchHit(r, 0.0, "") for r in members.values() if r.id in kept]
        return hits[offset : offset + limit], len(hits) > offset + limit
    if not q.strip() and not ids and not type_:
        return [], False
    want = offset + limit + 1
    hits = store.search(q, limit=want, outlet=outlet, date_from=date_from, date_to=date_to, actors=actors,
                        facets=facets)
    return hits[offset : offset + limit], len(hits) > offset + limit


def story_members(store, story: str) -> tuple[str, dict[str, ArticleRow]]:
    """A story's id (given its id or one of its articles' ids) and its articles as rows, oldest first."""
    s = store.story(story.strip()[:64])
    if s is None:
        raise BadParam(f"unknown story {story!r}")
    arts = sorted(s["articles"], key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"]))
    return s["id"], {r["article_id"]: ArticleRow(r["article_id"], r["title"], r["outlet"], r["outlet_name"],
                                                 r["published"], r["precision"], None, [], None, r["url"], None)
                      for r in arts}


@router.get("/search", summary="Full-text search (stems + lemmas; quoted phrases, OR, -word, title:)")
def search(store: Store, q: Annotated[str, Query(max_length=500)] = "", limit: Limit = 20, offset: Offset = 0,
           outlet: NameQ = None, date_from: Annotated[DateQ, Query(alias="from")] = None,
           date_to: Annotated[DateQ, Query(alias="to")] = None, actor: NameQ = None,
           type: Annotated[str | None, Query(pattern=PLOVER_TYPES, description="PLOVER event type in the article")] = None,  # noqa: A002
           story: Annotated[str | None, Query(max_length=64, description="story id (or an article's id)")] = None) -> dict:
    hits, more = run_search(store, q, limit, offset, outlet, date_from, date_to, actor, type, story)
    return {"items": [{"article": row_dict(h.row), "score": h.score, "snippet": h.snippet} for h in hits],
            "limit": limit, "offset": offset, "has_more": more}


@router.get("/actors", summary="Top actors by number of articles naming them")
def actors(request: Request, store: Store, limit: Limit = 30, offset: Offset = 0,
           type: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query()] = None) -> dict:  # noqa: A002
    top = cached(request, store, f"api_top_entities:{type}:{offset + limit + 1}",
                 lambda: store.top_entities(limit=offset + limit + 1, type_=type))
    return page(top, limit, offset)


@router.get("/actors/{actor_id}", summary="One actor: names, spelling variants, roles, top dyads")
def actor(store: Store, actor_id: str, lang: Literal["ar", "en"] = "ar") -> dict:
    from .views import counterpart_dyads, roles_of

    e = store.entity_summary(actor_id, limit=0)
    if e is None:
        raise HTTPException(404, f"no actor {actor_id!r}")
    return {"id": e["id"], "name": e["name"], "en": e["en"], "type": e["type"], "display": actor_name(e["id"], lang),
            "variants": e["variants"], "articles": e["n_articles"], "roles": roles_of(e["id"], lang),
            "top_dyads": counterpart_dyads(store, e["id"], lang)}


def event_rows(store, actor: str | None, recipient: str | None, type_: str | None, mode: str | None,
               date_from: str | None, date_to: str | None, min_confidence: float, limit: int) -> list[dict]:
    return store.events(actors=resolve_actor(store, actor), recipients=resolve_actor(store, recipient),
                        plover=type_, mode=mode, date_from=check_date(date_from, "from"),
                        date_to=check_date(date_to, "to"), limit=limit, min_confidence=min_confidence)


def events_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EVENT_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "evidence": " ".join((r.get("evidence") or "").split())})
    return buf.getvalue()


def events_plover(store, rows: list[dict]) -> str:
    """PLOVER JSONL (as ``khabar export -f plover``) of these events, from their articles' analyses."""
    wanted = {r["id"] for r in rows}
    analyses = [a for a in (store.get(aid) for aid in dict.fromkeys(r["article_id"] for r in rows)) if a]
    buf = io.StringIO()
    export_events(analyses, "plover", buf, include_all=True)
    keep = [line for line in buf.getvalue().splitlines() if json.loads(line)["id"] in wanted]
    return "".join(line + "\n" for line in keep)


def download(store, rows: list[dict], fmt: str) -> Response:
    if fmt == "csv":
        return Response(events_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    return Response(events_plover(store, rows), media_type="application/x-ndjson; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="events.plover.jsonl"'})


@router.get("/events", summary="Coded events (PLOVER/CAMEO) with evidence; format=csv or plover to download")
def events(store: Store, actor: NameQ = None, recipient: NameQ = None,
           type: Annotated[str | None, Query(pattern=PLOVER_TYPES)] = None, mode: Mode | None = None,  # noqa: A002
           date_from: Annotated[DateQ, Query(alias="from")] = None, date_to: Annotated[DateQ, Query(alias="to")] = None,
           min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.4, limit: Limit = 50, offset: Offset = 0,
           format: Literal["json", "csv", "plover"] = "json"):  # noqa: A002
    if format != "json":  # a download: up to 5000 events from offset
        rows = event_rows(store, actor, recipient, type, mode, date_from, date_to, min_confidence, offset + 5000)
        return download(store, rows[offset:], format)
    rows = event_rows(store, actor, recipient, type, mode, date_from, date_to, min_confidence, offset + limit + 1)
    return page(rows, limit, offset)


@router.get("/dyad", summary="Cooperation ↔ conflict per period between two actors, both directions")
def dyad(store: Store, a: Annotated[str, Query(max_length=100)], b: Annotated[str, Query(max_length=100)],
         by: Literal["day", "month", "year"] = "month", min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.4) -> dict:
    a_ids, b_ids = resolve_actor(store, a), resolve_actor(store, b)
    return {"a": a_ids, "b": b_ids, "by": by, "rows": store.dyad(a_ids, b_ids, by=by, min_confidence=min_confidence)}


@router.get("/dyads", summary="Pairs of actors with the most events between them")
def dyads(store: Store, limit: Limit = 10, actor: NameQ = None,
          min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.4) -> dict:
    ids = resolve_actor(store, actor)
    return {"items": store.top_dyads(limit=limit, actors=ids, min_confidence=min_confidence), "limit": limit}


@router.get("/quotes", summary="Who said what, newest first")
def quotes(store: Store, actor: NameQ = None, limit: Limit = 20, offset: Offset = 0,
           date_from: Annotated[DateQ, Query(alias="from")] = None, date_to: Annotated[DateQ, Query(alias="to")] = None,
           unnamed: bool | None = None) -> dict:
    rows = store.quotes(speakers=resolve_actor(store, actor), limit=offset + limit + 1, date_from=date_from,
                        date_to=date_to, unnamed=unnamed)
    return page(rows, limit, offset)


def story_rows(store, date_from: str | None, date_to: str | None, actor: str | None, outlet: str | None,
               min_size: int, limit: int) -> list[dict]:
    """Stories, newest first: an article of each mentions ``actor`` / is from ``outlet``."""
    ids = resolve_actor(store, actor)
    return store.stories(date_from=date_from, date_to=date_to, actors=ids, outlet=outlet, min_size=min_size,
                         limit=limit)


@router.get("/stories", summary="Same-story clusters across outlets, latest first")
def stories(store: Store, limit: Limit = 20, offset: Offset = 0,
            date_from: Annotated[DateQ, Query(alias="from", description="stories still running then")] = None,
            date_to: Annotated[DateQ, Query(alias="to", description="stories begun by then")] = None,
            actor: NameQ = None, outlet: NameQ = None,
            min_size: Annotated[int, Query(ge=1, le=1000, description="articles, copies included")] = 1) -> dict:
    rows = story_rows(store, date_from, date_to, actor, outlet, min_size, offset + limit + 1)
    return page(rows, limit, offset)


@router.get("/stories/{story_id}", summary="One story: its articles and copies, thread, timeline and summary")
def story(request: Request, store: Store, story_id: Annotated[str, Path(max_length=64)],
          lang: Literal["ar", "en"] = "ar", articles_limit: Limit = 200, articles_offset: Offset = 0) -> dict:
    v = cached(request, store, f"story:{story_id}:{lang}", lambda: story_view(store, story_id, lang))
    if v is None:
        raise HTTPException(404, f"no story with id {story_id!r} (or the prefix is ambiguous)")
    s = v["story"]
    arts = s["articles"]
    return {**{k: s[k] for k in s if k not in ("articles", "thread")}, "title": v["title"],
            "articles": page(arts, articles_limit, articles_offset), "thread": s["thread"],
            "timeline": v["timeline"], "summary": v["summary"]}


@router.post("/ingest", summary="Analyse and store one raw document (only with `khabar serve --allow-ingest`)")
async def ingest(request: Request, authorization: Annotated[str | None, Header()] = None,
                 name: Annotated[str, Query(max_length=200, description="source name, e.g. page.html")] = "upload.txt"):
    hook, token = request.app.state.ingest, request.app.state.token
    if hook is None:
        raise HTTPException(404, "ingest is disabled (khabar serve --allow-ingest --token …)")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is required (Authorization: Bearer TOKEN)")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise HTTPException(413, f"request body over {MAX_BODY} bytes")
    if not body:
        raise BadParam("empty body")
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(hook, bytes(body), name)


__all__ = ["router", "run_search", "event_rows", "download", "page", "story_members", "story_rows"]
