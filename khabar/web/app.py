"""The app factory: :func:`create_app` serves a store (read-only) as HTML pages and a JSON API.

Every asset ships in the package (templates, CSS, a few lines of JavaScript, the Swagger UI of
the ``fastapi-offline`` package): the pages work with no network. The guards: a strict
Content-Security-Policy (scripts from this server only, no inline handlers), size limits on the
query string and the request body, and errors answered as a JSON or HTML page, never a traceback.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store import StoreError, open_store
from ..text.tokenize import tokenize
from . import api, pages
from .common import CSP, HERE, LANGS, MAX_BODY, MAX_QUERY, error_response, wants_json
from .views import BadParam

log = logging.getLogger("khabar.web")

# Ingest hook: (raw bytes, source name) → {"new": [...ids], "duplicates": [...], "errors": [...]}. The web layer
# never runs the pipeline itself; `khabar serve --allow-ingest` passes one in.
Ingest = Callable[[bytes, str], dict]


class Stores:
    """One read-only store per worker thread (a SQLite connection is not shared across threads)."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self.local = threading.local()
        self.first = open_store(url, readonly=True)  # fails now, not at the first request
        self.local.store = self.first

    def get(self):
        s = getattr(self.local, "store", None)
        if s is None:
            s = self.local.store = open_store(self.url, readonly=True)
        return s


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals["urlencode"] = urlencode
    return Jinja2Templates(env=env)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def httperror_response(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = ["{}: {}".format(".".join(str(x) for x in e.get("loc", ())[1:]), e.get("msg", "")) for e in exc.errors()]
        return error_response(request, 400, "; ".join(parts) or "invalid request")

    @app.exception_handler(BadParam)
    async def bad_param(request: Request, exc: BadParam) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> Response:  # e.g. a malformed search query
        return error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        what = "store error" if isinstance(exc, StoreError) else "internal error"
        return error_response(request, 500, what)


def _install_guards(app: FastAPI) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        if len(request.scope.get("query_string", b"")) > MAX_QUERY:
            return error_response(request, 414, "query string too long")
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return error_response(request, 413, f"request body over {MAX_BODY} bytes")
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        q = request.query_params.get("lang")
        if q in LANGS and not wants_json(request):
            response.set_cookie("lang", q, max_age=365 * 86400, samesite="lax", httponly=True)
        return response


def create_app(db: str | None = None, *, ingest: Ingest | None = None, token: str | None = None,
               cors_origins: list[str] | None = None) -> FastAPI:
    """The web app over the store at ``db`` (opened read-only; a missing store raises StoreNotFound).

    ``ingest`` (with a non-empty ``token``) enables ``POST /api/ingest``; ``cors_origins`` enables CORS
    for those origins (off by default)."""
    if ingest is not None and not token:
        raise ValueError("ingest needs a token")
    app = FastAPI(title="khabar", version="0.1.0", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Arabic news as an evidence-linked record: articles, actors, quotes, events. "
                              "Read-only JSON API; lists are paginated with `limit` and `offset`.")
    app.state.stores = Stores(db)
    _warm()
    app.state.templates = _templates()
    app.state.ingest = ingest
    app.state.token = token
    app.state.cache = {}
    app.mount("/static/swagger", StaticFiles(directory=_swagger_dir()), name="swagger")  # before /static
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_errors(app)
    _install_guards(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"])
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _warm() -> None:
    """Load now what the first page would otherwise wait for: the analysers (snippet highlighting),
    the knowledge base (actor names), the summary's word weights and sentence ranker (story pages)."""
    from ..kb.actors import knowledge_base
    from ..stories.summary import _idf_table, default_ranker

    tokenize("الدرع الصاروخي")
    knowledge_base()
    _idf_table()
    default_ranker()


def _swagger_dir() -> str:
    """The Swagger UI files of the ``fastapi-offline`` package (a dependency; we use only its assets)."""
    import fastapi_offline

    return str(Path(fastapi_offline.__file__).parent / "static")


__all__ = ["create_app"]
