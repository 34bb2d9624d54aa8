"""Ingest engine: read → analyse (in worker processes) → store in committed batches.

Raw documents already ingested from the same bytes are skipped before analysis; articles
whose cleaned text is already stored (same content id) are counted as duplicates. Each batch
is one transaction, so an interrupted ingest keeps every batch committed before it.
Errors (unreadable files, empty pages) are reported one line each and never stop the batch.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .model import Analysis
from .pipeline import _raw_hash, analyze
from .readers import RawDoc, ReadError, iter_sources
from .store import IndexFields, Store, index_fields


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    new: int = 0
    duplicates: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    def summary(self) -> str:
        return (f"{self.read} read, {self.new} new, {self.duplicates} duplicate, "
                f"{self.unchanged} already ingested, {self.failed} failed")


Result = tuple[str, str, Analysis | None, IndexFields | None]


def _work(raw: RawDoc, ref_date: dt.date | None = None) -> Result:
    try:
        a = analyze(raw, ref_date)
        fields = index_fields(a)
        for s in a.sentences:
            s.tokens = []  # tokens are recomputed on demand; not shipped back or stored
        return ("ok", raw.source, a, fields)
    except Exception as e:  # one bad document must not stop the batch
        return ("error", f"{raw.source}: {type(e).__name__}: {e}", None, None)


def _analysed(docs: Iterable[RawDoc], workers: int, ref_date: dt.date) -> Iterator[Result]:
    work = functools.partial(_work, ref_date=ref_date)
    if workers <= 1:
        for d in docs:
            yield work(d)
        return
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(workers) as pool:
        yield from pool.imap(work, docs, chunksize=8)


def ingest(
    paths: Iterable[str],
    store: Store,
    workers: int | None = None,
    batch_size: int = 200,
    on_error: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
    limit: int | None = None,
    ref_date: dt.date | None = None,
) -> IngestReport:
    """``ref_date``: the reference date of every analysis of this run (default: the current
    date, read once); each stored article records it."""
    rep = IngestReport()
    ref_date = ref_date or dt.date.today()
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))

    def report_error(msg: str) -> None:
        rep.errors.append(msg)
        if on_error:
            on_error(msg)

    def fresh_docs() -> Iterator[RawDoc]:
        items: Iterable = iter_sources(paths)
        if limit:
            items = itertools.islice(items, limit)
        for item in items:
            rep.read += 1
            if isinstance(item, ReadError):
                report_error(str(item))
                if progress:
                    progress(1)
                continue
            if store.known_raw(_raw_hash(item)):
                rep.unchanged += 1
                if progress:
                    progress(1)
                continue
            yield item

    batch: list[Analysis] = []
    fields: list[IndexFields | None] = []

    def flush() -> None:
        if batch:
            for new in store.add_many(batch, fields):
                if new:
                    rep.new += 1
                else:
                    rep.duplicates += 1
            batch.clear()
            fields.clear()

    try:
        for status, src, a, f in _analysed(fresh_docs(), workers, ref_date):
            if progress:
                progress(1)
            if status == "error" or a is None:
                report_error(src)
                continue
            batch.append(a)
            fields.append(f)
            if len(batch) >= batch_size:
                flush()
    finally:
        flush()
    return rep
