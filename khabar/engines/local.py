"""Ingest engine: read → analyse (in worker processes) → store in committed batches.

Raw documents already ingested from the same bytes are skipped before analysis; articles
whose cleaned text is already stored (same content id) are counted as duplicates. Each batch
is one transaction, so an interrupted ingest keeps every batch committed before it.
Errors (unreadable files, empty pages) are reported one line each and never stop the batch.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import functools
import itertools
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest.readers import RawDoc, ReadError, iter_sources, raw_hash
from ..model import Analysis
from ..pipeline import analyze
from ..store import IndexFields, Store, index_fields
from ..stories.digest import fill
from ..stories.rows import StoryWriter
from ..stories.signature import Signature, signature


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


Result = tuple[str, str, Analysis | None, IndexFields | None, Signature | None]


def _work(raw: RawDoc, ref_date: dt.date | None = None, stories: bool = True) -> Result:
    """Analyse one document (and, with ``stories``, compute its story signature without the lead
    embedding: the writing process embeds only the articles whose story decision needs it)."""
    try:
        a = analyze(raw, ref_date)
        fields = index_fields(a)
    except Exception as e:  # one bad document must not stop the batch
        return ("error", f"{raw.source}: {type(e).__name__}: {e}", None, None, None)
    sig = None
    if stories:
        try:
            sig = signature(a, embed=False)
        except Exception:  # noqa: BLE001 - the article is kept; `khabar stories --rebuild` places it later
            sig = None
    for s in a.sentences:
        s.tokens = []  # tokens are recomputed on demand; not shipped back or stored
    return ("ok", raw.source, a, fields, sig)


def _exit_with_parent(parent: int) -> None:
    """End this worker when the ingest process dies (SIGKILL, OOM): never live on as an orphan writing
    BrokenPipe tracebacks into a pipe nobody reads."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGTERM) != 0:  # PR_SET_PDEATHSIG (Linux): SIGTERM ends the process silently
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(0)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(0)


def _init_worker(parent: int) -> None:
    """Pool initializer: Ctrl-C reaches the whole process group, but only the parent handles it (it
    stops the pool and keeps the committed batches); workers die with their parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored inside the block (main thread only): workers forked here inherit it, and a
    second Ctrl-C does not break the commit of the batch in hand."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


_WARM_UP = RawDoc(source="<warm-up>", fmt="text", text=(
    "روسيا والناتو\n\nقال وزير الخارجية الروسي سيرغي لافروف في موسكو يوم الاثنين 3 نوفمبر 2010 إن "
    "«الحلف يهدد أمن روسيا»، وأضاف أن الطرفين اتفقا على استئناف الحوار."))


def _warm_up() -> None:
    """Load every model once (in the parent, before workers fork and share it); a failure here is left
    for the documents themselves to report."""
    with contextlib.suppress(Exception):
        analyze(_WARM_UP)


def _analysed(docs: Iterable[RawDoc], workers: int, ref_date: dt.date,
              status: Callable[[str], None] | None = None, stories: bool = True) -> Iterator[Result]:
    # ``stories`` passed only when off: ``_work(raw, ref_date)`` stays the per-document call
    work = functools.partial(_work, ref_date=ref_date, **({} if stories else {"stories": False}))
    it = iter(docs)
    first = next(it, None)
    if first is None:
        return
    if status:
        status("loading models…")
    _warm_up()
    if status:
        status("")
    it = itertools.chain([first], it)
    if workers <= 1:
        for d in it:
            yield work(d)
        return
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with _sigint_ignored():
        pool = ctx.Pool(workers, initializer=_init_worker, initargs=(os.getpid(),))
    with pool:
        yield from pool.imap(work, it, chunksize=2)  # documents take ≥ 50 ms: small chunks cost nothing, keep progress live


def input_files(paths: Iterable[str]) -> dict[str, int] | None:
    """Size of every input file, by the path its documents' sources start with (directories walked as
    the readers walk them); None when the size is not known in advance (stdin)."""
    sizes: dict[str, int] = {}
    for p in paths:
        if p == "-":
            return None
        for f in _walk(Path(p)):
            with contextlib.suppress(OSError):
                sizes[str(f)] = f.stat().st_size
    return sizes


def _walk(path: Path) -> Iterator[Path]:
    """The files a path stands for, as :func:`khabar.readers.iter_sources` walks them."""
    if not path.is_dir():
        yield path
        return
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(names):
            if not f.startswith("."):
                yield Path(root) / f


class InputMeter:
    """How many bytes of the input have been read: the files finished plus the read position in the
    file being read (from /proc/self/fdinfo where there is one; otherwise files count when done)."""

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.total = sum(sizes.values())
        self.done = 0
        self.current: str | None = None
        self._fd: int | None = None

    def file_of(self, source: str) -> str | None:
        if source in self.sizes:
            return source
        i = source.find("#")
        while i >= 0:
            if source[:i] in self.sizes:
                return source[:i]
            i = source.find("#", i + 1)
        return None

    def _open_position(self, path: str) -> int | None:
        fd_dir = "/proc/self/fd"
        real = os.path.realpath(path)
        fds = ([self._fd] if self._fd is not None else []) + [int(x) for x in _listdir(fd_dir)]
        for fd in fds:
            try:
                if os.readlink(f"{fd_dir}/{fd}") != real:
                    continue
                with open(f"/proc/self/fdinfo/{fd}", encoding="ascii") as fh:
                    pos = int(fh.readline().split()[1])
            except (OSError, ValueError, IndexError):
                continue
            self._fd = fd
            return pos
        return None

    def position(self, source: str) -> int:
        """Bytes read once the document with this source has been read."""
        path = self.file_of(source)
        if path is None:
            return self.done
        if path != self.current:
            if self.current is not None:
                self.done += self.sizes[self.current]
            self.current, self._fd = path, None
        size = self.sizes[path]
        pos = self._open_position(path)  # None: read whole and closed already
        return self.done + (size if pos is None else min(pos, size))


def _listdir(path: str) -> list[str]:
    try:
        return [x for x in os.listdir(path) if x.isdigit()]
    except OSError:
        return []


@dataclass
class _Run:
    """The state of one ingest run: its report, the batch being filled, the progress callbacks."""

    store: Store
    batch_size: int
    on_error: Callable[[str], None] | None
    progress: Callable[[int], None] | None
    on_bytes: Callable[[int], None] | None
    meter: InputMeter | None
    rep: IngestReport = field(default_factory=IngestReport)
    pending: collections.deque[int] = field(default_factory=collections.deque)  # read positions being analysed
    batch: list[Analysis] = field(default_factory=list)
    fields: list[IndexFields | None] = field(default_factory=list)
    sigs: list[Signature | None] = field(default_factory=list)
    stories: StoryWriter | None = None  # None: no story assignment in this run

    def report_error(self, msg: str) -> None:
        self.rep.errors.append(msg)
        if self.on_error:
            self.on_error(msg)

    def skipped(self, source: str) -> None:
        if self.progress:
            self.progress(1)
        if self.meter and self.on_bytes and not self.pending:
            self.on_bytes(self.meter.position(source))

    def fresh_docs(self, paths: list[str], limit: int | None) -> Iterator[RawDoc]:
        """The documents to analyse: read errors reported, documents stored from the same bytes skipped."""
        items: Iterable = iter_sources(paths)
        if limit:
            items = itertools.islice(items, limit)
        for item in items:
            self.rep.read += 1
            if isinstance(item, ReadError):
                self.report_error(str(item))
                self.skipped(item.source)
                continue
            if self.store.known_raw(raw_hash(item)):
                self.rep.unchanged += 1
                self.skipped(item.source)
                continue
            if self.meter:
                self.pending.append(self.meter.position(item.source))
            yield item

    def take(self, result: Result) -> None:
        status_, src, a, f, sig = result
        if self.progress:
            self.progress(1)
        if self.pending and self.on_bytes:
            self.on_bytes(self.pending.popleft())
        if status_ == "error" or a is None:
            self.report_error(src)
            return
        self.batch.append(a)
        self.fields.append(f)
        self.sigs.append(sig)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Store the batch in one transaction."""
        if self.batch:
            added = self.store.add_many(self.batch, self.fields)
            for new in added:
                if new:
                    self.rep.new += 1
                else:
                    self.rep.duplicates += 1
            if self.stories is not None:  # in input order, in this one process: independent of worker timing
                self.stories.add([s for s, new in zip(self.sigs, added, strict=True) if new and s is not None])
            self.batch.clear()
            self.fields.clear()
            self.sigs.clear()


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
    stories: bool = True,
) -> IngestReport:
    """Ingest the documents under ``paths`` into ``store``. ``progress(n)`` counts finished documents,
    ``on_bytes(b)`` reports how many bytes of :func:`input_files` are done (when their sizes are known),
    ``status(msg)`` says what is going on before the first document (loading models). ``ref_date`` is
    the reference date of every analysis of this run (default: the current date, read once); each
    stored article records it. ``stories``: place each new article in a story (khabar.stories)."""
    ref_date, workers, paths, run = _start(paths, store, workers, batch_size, on_error, progress, on_bytes, ref_date,
                                           stories)

    def body() -> None:
        for result in _analysed(run.fresh_docs(paths, limit), workers, ref_date, status, stories):
            run.take(result)

    return _drive(run, body, on_bytes)


def _start(paths: Iterable[str], store: Store, workers: int | None, batch_size: int,
           on_error: Callable[[str], None] | None, progress: Callable[[int], None] | None,
           on_bytes: Callable[[int], None] | None, ref_date: dt.date | None, stories: bool = True,
           ) -> tuple[dt.date, int, list[str], _Run]:
    """What every engine does first: the run's reference date (default: today, read once) and worker
    count (default: the CPU count), the input paths made absolute, the batch state."""
    ref_date = ref_date or dt.date.today()
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))
    # Sources are stored as absolute paths: an ingest from another directory must not make them ambiguous.
    paths = [p if p == "-" else os.path.abspath(p) for p in paths]
    sizes = input_files(paths) if on_bytes else None
    run = _Run(store, batch_size, on_error, progress, on_bytes, InputMeter(sizes) if sizes is not None else None,
               stories=StoryWriter(store) if stories else None)
    return ref_date, workers, paths, run


def _drive(run: _Run, body: Callable[[], None], on_bytes: Callable[[int], None] | None) -> IngestReport:
    """Run ``body`` (which hands results to ``run.take``), committing the last batch even on Ctrl-C."""
    try:
        body()
    except KeyboardInterrupt:
        with _sigint_ignored():  # keep what was analysed; a second Ctrl-C does not break this commit
            run.flush()
        raise
    finally:
        run.flush()
    if run.meter and on_bytes:
        on_bytes(run.meter.total)
    return run.rep


def _signature_of(a: Analysis) -> Signature | None:
    try:
        return signature(a, embed=False)
    except Exception:  # noqa: BLE001 - an article whose signature fails stays without a story
        return None


def place_stories(store: Store, rebuild: bool = False, workers: int | None = None, batch_size: int = 200,
                  progress: Callable[[int], None] | None = None, summaries: bool = True) -> int:
    """Backfill: place the stored articles that have no story yet (a store written before stories,
    or by ``ingest(stories=False)``) in storage order; ``rebuild`` forgets every story first. The
    signatures are computed over a process pool, the decisions here in order. With ``summaries``,
    the story summaries missing or stale are computed at the end (once per story, not after each
    batch as an ingest does: :func:`khabar.stories.digest.fill`). Returns how many articles were placed."""
    if rebuild:
        store.clear_stories()
    writer = StoryWriter(store, summaries=False)
    placed = 0
    # read one by one (not a cursor held open across the writes), in storage order
    analyses = (a for a in map(store.get, store.unassigned()) if a is not None)
    workers = workers if workers is not None else max(1, (os.cpu_count() or 1))
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with contextlib.ExitStack() as stack:
        mapper = map if workers <= 1 else stack.enter_context(ctx.Pool(workers)).imap
        batch: list[Signature] = []
        for sig in mapper(_signature_of, analyses):
            if progress:
                progress(1)
            if sig is not None:
                batch.append(sig)
            if len(batch) >= batch_size:
                placed += len(writer.add(batch))
                batch = []
        if batch:  # nothing left to place: the writer's index is not even loaded
            placed += len(writer.add(batch))
    if summaries:
        fill(store)
    return placed
