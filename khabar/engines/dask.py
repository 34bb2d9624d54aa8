"""Dask engine: the local engine's contract (:func:`khabar.engines.local.ingest`) with the analyses run
on a Dask cluster: a :class:`distributed.LocalCluster` of worker processes started for the run, or an
existing scheduler (``scheduler="tcp://host:8786"``).

The input is streamed: documents are read in this process, sent in chunks, with a bounded number of
chunks in flight; results are taken back in input order (the order the local engine stores them in,
so the same duplicate wins) and committed in batches through the store here, in the client process.
Raw documents already ingested are skipped before they are sent; every analysis gets the same
explicit ``ref_date``. Dask is imported only when this engine runs (the ``dask`` extra).
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..ingest.readers import RawDoc
from ..pipeline import analyze
from ..store import Store
from .local import _WARM_UP, IngestReport, Result, _drive, _sigint_ignored, _start, _work

CHUNK = 4  # documents per task: each takes ≥ 50 ms, so the scheduler's few ms per task are noise
IN_FLIGHT = 4  # chunks in flight per worker thread: enough to keep every worker busy, never the whole input
CONNECT_TIMEOUT = "10s"  # to reach a scheduler given by address


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached (the message is one line)."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise DaskUnavailable("the dask engine needs dask[distributed]: pip install 'khabar[dask]'") from e
    return distributed


def _analyse_chunk(docs: list[RawDoc], ref_date: dt.date, stories: bool = True) -> list[Result]:
    """Runs on a worker: the local engine's per-document work, story signature included (errors
    contained, one per document)."""
    return [_work(d, ref_date, stories) for d in docs]


def _warm_worker(ner: str) -> str | None:
    """Runs once on each worker, before any document: the client's NER choice, every model loaded.
    Returns an error message when the worker already holds another NER model (a shared scheduler)."""
    from ..entities.ensemble import default_ner

    have = os.environ.get("KHABAR_NER", "ensemble").strip().lower()
    if default_ner.cache_info().currsize and have != ner:
        return f"a worker has the {have!r} NER loaded, this ingest asks for {ner!r}: restart the workers"
    os.environ["KHABAR_NER"] = ner
    with contextlib.suppress(Exception):  # a failure here is left for the documents to report
        analyze(_WARM_UP)
    return None


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers`` processes (one
    thread each) started here and closed on the way out, Ctrl-C included."""
    distributed = _distributed()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
        with client:
            yield client
        return
    cluster = client = None
    try:
        # The workers start with Ctrl-C ignored (the disposition survives spawn, a handler would not): only
        # this process handles it, keeps the committed batches and closes the cluster, without a traceback
        # from every worker. A Ctrl-C in the few seconds the workers take to start is not seen.
        with _sigint_ignored():
            cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
        yield client
    finally:
        with _sigint_ignored():  # a second Ctrl-C does not break the shutdown
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()


def _warm_up(client: Any) -> None:
    """Load the models once on every worker, in its task thread (not its event loop)."""
    ner = os.environ.get("KHABAR_NER", "ensemble").strip().lower()
    futures = [client.submit(_warm_worker, ner, workers=[w], allow_other_workers=False, pure=False)
               for w in client.scheduler_info()["workers"]]
    for fut in futures:  # one by one: an interrupted gather leaves "exception never retrieved" noise
        if msg := fut.result():
            raise DaskUnavailable(msg)


def _threads(client: Any) -> int:
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))


def _results(fut: Any, docs: list[RawDoc]) -> list[Result]:
    """A chunk's results; a chunk lost with its worker (killed, out of memory) is one error per document."""
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - reported per document, never stops the ingest
        return [("error", f"{d.source}: {type(e).__name__}: {e}", None, None, None) for d in docs]


def _analysed(docs: Iterable[RawDoc], client: Any, ref_date: dt.date, stories: bool = True) -> Iterator[Result]:
    """Results in input order, with at most ``IN_FLIGHT`` chunks per worker thread submitted ahead."""
    limit = max(2, IN_FLIGHT * _threads(client))
    window: collections.deque[tuple[list[RawDoc], Any]] = collections.deque()
    it = iter(docs)
    try:
        while chunk := list(itertools.islice(it, CHUNK)):
            window.append((chunk, client.submit(_analyse_chunk, chunk, ref_date, stories, pure=False)))
            if len(window) >= limit:
                yield from _results(window[0][1], window.popleft()[0])
        while window:
            yield from _results(window[0][1], window.popleft()[0])
    finally:
        if window:
            with contextlib.suppress(Exception):
                client.cancel([f for _, f in window])


def ingest(
    paths: Iterable[str],
    store: Store,
    workers: int | None = None,
    batch_size: int = 200,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    limit: int | None = None,
    status: Callable[[str], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
    ref_date: dt.date | None = None,
    scheduler: str | None = None,
    stories: bool = True,
) -> IngestReport:
    """:func:`khabar.engines.local.ingest` on Dask: ``scheduler`` is the address of a running scheduler,
    or None for a LocalCluster of ``workers`` processes (default: the CPU count) for this run only.
    Raises :class:`DaskUnavailable` (one line) when Dask is missing or the scheduler unreachable."""
    _distributed()
    ref_date, workers, paths, run = _start(paths, store, workers, batch_size, on_error, progress, on_bytes, ref_date,
                                           stories)
    docs = run.fresh_docs(paths, limit)
    first = next(docs, None)

    def body() -> None:
        if first is not None:
            if status:
                status("starting workers, loading models…")
            with _client(scheduler, workers) as client:
                _warm_up(client)
                if status:
                    status("")
                for result in _analysed(itertools.chain([first], docs), client, ref_date, stories):
                    run.take(result)

    return _drive(run, body, on_bytes)
