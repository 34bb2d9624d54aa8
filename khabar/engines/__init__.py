"""Engines map :func:`khabar.analyze` over many documents and write the results to a store:
``local`` runs a process pool on this machine, in committed batches."""

from .local import IngestReport, ingest

__all__ = ["IngestReport", "ingest"]
