"""Engines map :func:`khabar.analyze` over many documents and write the results to a store:
``local`` runs a process pool on this machine, in committed batches; ``dask`` runs the same work on
a Dask cluster (a LocalCluster, or a scheduler's address), Dask imported only when it runs."""

from .dask import DaskUnavailable
from .dask import ingest as dask_ingest
from .local import IngestReport, ingest

__all__ = ["DaskUnavailable", "IngestReport", "dask_ingest", "ingest"]
