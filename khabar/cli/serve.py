"""`khabar serve`: the web app and JSON API over a store (read-only unless --allow-ingest)."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from ..store import StoreError, open_store
from .app import main
from .common import DB_HELP


def _ingest_hook(db: str | None):
    """POST /api/ingest's worker: read the bytes, analyse each document, store it (one writer at a time)."""
    from ..ingest.readers import ReadError, read_bytes
    from ..pipeline import analyze
    from ..store import index_fields

    writer = open_store(db)  # creates the store when there is none yet
    lock = threading.Lock()

    def ingest(data: bytes, name: str) -> dict:
        out: dict[str, list] = {"new": [], "duplicates": [], "errors": []}
        for item in read_bytes(data, name, ext=Path(name).suffix.lower()):
            if isinstance(item, ReadError):
                out["errors"].append(str(item))
                continue
            try:
                a = analyze(item)
            except Exception as e:  # one bad document: an error in the answer, not a crash
                out["errors"].append(f"{item.source}: {type(e).__name__}: {e}")
                continue
            with lock:
                added = writer.add_many([a], [index_fields(a)])[0]
            out["new" if added else "duplicates"].append(a.article.id)
        return out

    return ingest


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="enable POST /api/ingest (needs --token)")
@click.option("--token", envvar="KHABAR_TOKEN", default=None,
              help="bearer token POST /api/ingest requires (or $KHABAR_TOKEN)")
@click.option("--cors", "cors", multiple=True, help="allow cross-origin GETs from this origin (repeatable; off by default)")
def serve(db: str | None, host: str, port: int, allow_ingest: bool, token: str | None, cors: tuple[str, ...]) -> None:
    """Serve the store as web pages (Arabic, with an English switch) and a JSON API (OpenAPI at /docs)."""
    import uvicorn

    from ..web import create_app

    hook = None
    if allow_ingest:
        if not token or len(token) < 8:
            raise click.UsageError("--allow-ingest needs --token (8 characters or more) or $KHABAR_TOKEN")
        hook = _ingest_hook(db)
    try:
        app = create_app(db, ingest=hook, token=token if allow_ingest else None, cors_origins=list(cors) or None)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"khabar: serving {db or 'the default store'} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5,
                h11_max_incomplete_event_size=16 * 1024)
