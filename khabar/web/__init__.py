"""The web app and JSON API over a store (read-only): ``create_app(db)``, served by ``khabar serve``.

Beside the CLI, this layer reads the store only (model, text, kb, store): it never runs the pipeline;
``khabar serve --allow-ingest`` hands it an ingest function."""

from .app import create_app

__all__ = ["create_app"]
