"""Storage behind one interface (``base``): :func:`open_store` returns a :class:`Store`; SQLite is
the embedded default (``sqlite``, full-text search with our own normalisation, query syntax in
``query``), PostgreSQL (``postgres``, ``postgresql://…``) for shared and large deployments;
exports of articles and events (``export``). The CLI, web app and API read the store only."""

import os

from .base import (
    DEFAULT_DB,
    ArticleRow,
    Facets,
    IndexFields,
    SearchHit,
    Store,
    StoreError,
    StoreNotFound,
    index_fields,
)
from .sqlite import SQLiteStore


def open_store(url: str | None = None, readonly: bool = False) -> Store:
    """Open (or, for writing, create) a store. ``readonly``: never create or change anything;
    a missing store raises :class:`StoreNotFound`, an unreadable one :class:`StoreError`."""
    url = url or os.environ.get("KHABAR_DB") or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    return SQLiteStore(url.removeprefix("sqlite:///").removeprefix("sqlite://"), readonly=readonly)


__all__ = ["ArticleRow", "DEFAULT_DB", "Facets", "IndexFields", "SearchHit", "Store", "StoreError", "StoreNotFound",
           "index_fields", "open_store"]
