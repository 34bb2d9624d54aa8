"""`khabar ingest` and `khabar demo`: run an engine (local process pool, or Dask) over files and store the results."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sys
import time
from importlib import resources

import click

from ..store import DEFAULT_DB
from .app import main
from .common import DB_HELP, _date_str, _name, _store


class IngestBar:
    """The ingest progress bar: bytes of input with total and ETA when the input files' sizes are known
    (documents counted alongside), else a document count; says what it is doing before the first document."""

    def __init__(self, total_bytes: int | None, disable: bool | None, file=None) -> None:
        from tqdm import tqdm

        self.docs = 0
        self.bytes = total_bytes is not None and total_bytes > 0
        kw = dict(total=total_bytes, unit="B", unit_scale=True, unit_divisor=1024) if self.bytes else dict(unit=" doc")
        self.bar = tqdm(disable=disable, file=file or sys.stderr, dynamic_ncols=True, **kw)

    def status(self, msg: str) -> None:
        self.bar.set_description_str(msg)

    def done(self, n: int) -> None:
        self.docs += n
        if self.bytes:
            self.bar.set_postfix_str(f"{self.docs} docs", refresh=False)
        else:
            self.bar.update(n)

    def at(self, position: int) -> None:
        if position > self.bar.n:
            self.bar.update(position - self.bar.n)

    def write(self, msg: str) -> None:
        self.bar.write(msg, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def _demo_next(db: str, article_id: str | None) -> list[str]:
    """Commands to try on the demo's store, exactly as they are to be typed."""
    opt = f"--db {shlex.quote(db)}"
    lines = [f"khabar list {opt}"]
    if article_id:
        lines.append(f"khabar show {article_id} {opt}")
    return lines + [f"khabar search الدرع الصاروخي {opt}", f"khabar quotes --actor Lavrov {opt}",
                    f"khabar events --actor NATO --recipient RUS {opt}", f"khabar dyad NATO RUS {opt}"]


def _ingest(paths: tuple[str, ...], store, workers: int | None, batch_size: int, limit: int | None,
            no_progress: bool, ner: str, ref_date: dt.datetime | None = None, engine: str = "local",
            scheduler: str | None = None) -> None:
    from ..engines.local import ingest as run
    from ..engines.local import input_files

    extra = {}
    if engine == "dask":
        from ..engines.dask import ingest as run

        extra = {"scheduler": scheduler}

    os.environ["KHABAR_NER"] = ner  # read by every worker's pipeline
    sizes = input_files(paths) if not limit else None  # with --limit the total would lie
    bar = IngestBar(sum(sizes.values()) if sizes is not None else None, disable=no_progress or None)
    t0 = time.perf_counter()
    try:
        rep = run(paths, store, workers=workers, batch_size=batch_size, limit=limit,
                  on_error=lambda m: bar.write(f"khabar: error: {m}"), progress=bar.done, status=bar.status,
                  on_bytes=bar.at if bar.bytes else None, ref_date=ref_date.date() if ref_date else None, **extra)
    finally:
        bar.close()
    secs = time.perf_counter() - t0
    click.echo(f"{rep.summary()} in {secs:.1f}s ({rep.read / secs if secs else 0:.1f} docs/s) → {store.path}"
               f" ({store.count()} articles)", err=True)
    store.close()
    if rep.failed:
        sys.exit(1)


def _engine_errors() -> tuple[type[Exception], ...]:
    """Errors an engine reports in one line (Dask missing, scheduler unreachable)."""
    from ..engines.dask import DaskUnavailable

    return (DaskUnavailable,)


def _err(msg: str) -> None:
    click.echo(f"khabar: error: {msg}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-j", "--workers", type=int, default=None,
              help="worker processes (default: CPU count); with --engine dask, the LocalCluster's workers")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: a process pool on this machine; dask: a Dask cluster (needs khabar[dask])")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="with --engine dask: a running Dask scheduler (tcp://host:8786); default: a LocalCluster")
@click.option("--batch-size", type=int, default=200, show_default=True, help="articles per committed transaction")
@click.option("--limit", type=int, default=None, help="read at most N documents")
@click.option("--no-progress", is_flag=True, help="no progress bar")
@click.option("--ner", type=click.Choice(["ensemble", "crf", "neural"]), default="ensemble", show_default=True,
              envvar="KHABAR_NER", help="NER tagger: neural+CRF ensemble (most accurate) or the CRF (about twice as fast)")
@click.option("--ref-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="reference date of the analysis: the latest possible publication date, 'now' for open office "
                   "terms (default: today; every article records the date used)")
def ingest(paths: tuple[str, ...], db: str | None, workers: int | None, engine: str, scheduler: str | None,
           batch_size: int, limit: int | None, no_progress: bool, ner: str, ref_date: dt.datetime | None) -> None:
    """Ingest files, directories (recursively) or - (stdin): text dumps, HTML, JSONL(.gz), WARC, RSS/Atom."""
    if scheduler and engine != "dask":
        _err("--scheduler needs --engine dask")
        sys.exit(2)
    store = None
    try:
        store = _store(db, write=True)
        _ingest(paths, store, workers, batch_size, limit, no_progress, ner, ref_date, engine, scheduler)
    except _engine_errors() as e:
        _err(str(e))
        sys.exit(2)
    except KeyboardInterrupt:
        where = f" ({store.count()} in {store.path})" if store is not None else ""
        _err(f"interrupted; committed articles are kept{where}")
        sys.exit(130)


@main.command()
@click.option("--db", default="khabar-demo.db", show_default=True, help="store for the demo")
def demo(db: str) -> None:
    """Ingest the embedded sample pages (five Arabic NATO–Russia articles, 2009–2022) and show results."""
    from ..engines.local import ingest as run

    samples = resources.files("khabar") / "data" / "samples"
    with resources.as_file(samples) as path:
        store = _store(db, write=True)
        rep = run([str(path)], store, workers=1)
        click.echo(f"ingest: {rep.summary()} → {store.path}\n")
        for r in store.list(limit=20):
            a = store.get(r.id)
            assert a is not None
            art = a.article
            p = art.published
            click.echo(f"{r.id}  {art.title}")
            click.echo(f"    outlet: {art.outlet_name or '—'}   agencies: {', '.join(art.agencies) or '—'}"
                       f"   dateline: {art.dateline or '—'}   language: {art.language}")
            if p:
                extra = f" (window {p.earliest}..{p.latest})" if p.earliest and not p.value else ""
                click.echo(f"    published: {_date_str(p.value, p.precision)}{' ' + p.time if p.time else ''}"
                           f"  [{p.method or 'no evidence'}, confidence {p.confidence:.2f}]{extra}")
        click.echo("\nsearch «الدرع الصاروخي»:")
        for h in store.search("الدرع الصاروخي", limit=3):
            click.echo(f"  {h.row.id}  {h.score:.2f}  {h.snippet[:140]}")
        click.echo("\ntop actors:")
        for r in store.top_entities(limit=6):
            click.echo(f"  {r['docs']} articles  {r['en'] or r['name']}")
        click.echo("\nwho said what (Lavrov):")
        for r in store.quotes(speakers=["sergey_lavrov"], limit=3):
            click.echo(f"  {r['published'] or '—'}  {r['text'][:110]}")
        click.echo("\nevents NATO ↔ Russia:")
        rows = store.events(actors=["NATO", "RUS"], recipients=["NATO", "RUS"], limit=8)
        for r in rows:
            click.echo(f"  {r['date'] or '—':<10} {r['plover']:<9} {r['mode']:<12} {_name(r['actor'])} → {_name(r['recipient'])}"
                       f"  «{r['trigger']}»")
        newest = store.list(limit=1)
        store.close()
    click.echo(f"\nin a web browser (http://127.0.0.1:8000/, the NATO–Russia thread first; Ctrl-C stops it):\n"
               f"  khabar serve --db {shlex.quote(db)}")
    click.echo("\nnext (the demo's store is " + db + "; `khabar ingest` fills ./" + DEFAULT_DB + "):")
    for line in _demo_next(db, newest[0].id[:8] if newest else None):
        click.echo(f"  {line}")
