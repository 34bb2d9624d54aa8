"""The ``khabar`` command line.

One module per command group; importing them registers the commands on ``main``.
"""

from . import browse, evaluate, events, export, ingest, serve, stories, timeline  # noqa: F401  (registers the commands)
from .app import main

__all__ = ["main"]
