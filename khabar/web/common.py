"""What the pages and the API share: the message catalogue, the language of a request, limits,
rendering a template and answering an error (JSON under /api, an HTML page elsewhere)."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

HERE = Path(str(resources.files("khabar") / "web"))
MESSAGES: dict[str, dict[str, str]] = json.loads((HERE / "messages.json").read_text(encoding="utf-8"))
LANGS = ("ar", "en")
MAX_QUERY = 4096  # bytes of query string
MAX_BODY = 2 * 1024 * 1024  # bytes of request body (POST /api/ingest)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")

def lang_of(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    c = request.cookies.get("lang")
    return c if c in LANGS else "ar"


def render(request: Request, template: str, status: int = 200, **ctx) -> HTMLResponse:
    lang = lang_of(request)
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    other = "en" if lang == "ar" else "ar"
    switch = request.url.path + "?" + urlencode({**params, "lang": other})
    return request.app.state.templates.TemplateResponse(
        request, template, {"m": MESSAGES[lang], "lang": lang, "switch": switch, "params": params, **ctx},
        status_code=status)


CACHE_SIZE = 512


def cached(request: Request, store, key: str, compute: Callable[[], object]) -> object:
    """A read computed once per store size (the store only grows while we serve it): the aggregates
    over every mention (top actors, top dyads) cost as much as the store is large."""
    cache = request.app.state.cache
    n = store.count()
    hit = cache.get(key)
    if hit is None or hit[0] != n:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        hit = cache[key] = (n, compute())
    return hit[1]


def wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def error_response(request: Request, status: int, detail: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": detail, "status": status}, status_code=status)
    m = MESSAGES[lang_of(request)]
    title = m["not_found"] if status == 404 else m["bad_request"] if status < 500 else m["error"]
    return render(request, "error.html", status=status, title=title, detail=detail, code=status)



__all__ = ["CACHE_SIZE", "cached", "CSP", "HERE", "LANGS", "MAX_BODY", "MAX_QUERY", "MESSAGES", "error_response", "lang_of", "render"]
