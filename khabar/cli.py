"""The ``khabar`` command line."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import sqlite3
import sys
import time
from importlib import resources

import click

from . import __version__
from .store import DEFAULT_DB, StoreError, open_store

DB_HELP = f"SQLite file (or store URL); default $KHABAR_DB or ./{DEFAULT_DB}"


def _store(db: str | None, write: bool = False):
    """The store at ``db``; read commands (``write=False``) open it read-only and never create one."""
    try:
        return open_store(db, readonly=not write)
    except (NotImplementedError, StoreError) as e:
        raise click.ClickException(str(e)) from None


class DateBound(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real date (a bound of a --from/--to window)."""

    name = "YYYY[-MM[-DD]]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        value = str(value).strip()
        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
        try:
            if not m:
                raise ValueError
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            self.fail(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2011, 2011-07, 2011-07-04)",
                      param, ctx)
        return value


DATE = DateBound()


def _check_window(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from[: len(date_to)] > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="'--from'")


def _plover_type(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--type must be a PLOVER type the trigger lexicon codes (an unknown one would silently match nothing)."""
    if value is None:
        return None
    from .events import lexicon

    known = sorted({t.plover for trigs in lexicon()[0].values() for t in trigs})
    if value.upper() not in known:
        raise click.BadParameter(f"{value!r} is not a PLOVER type khabar codes; one of: {', '.join(known)}")
    return value.upper()


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except sqlite3.Error as e:  # a store that breaks under us: one line, not a traceback
            raise click.ClickException(f"store error: {e}") from None


def _err(msg: str) -> None:
    click.echo(f"khabar: error: {msg}", err=True)


def _quoted(text: str, kind: str, width: int) -> str:
    """A statement as printed: direct quotes inside «…», reported speech after ≈ (on one line)."""
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    if kind != "direct":
        return f"≈ {text}"
    return text if text.startswith("«") and text.endswith("»") else f"«{text.strip('«»')}»"


def _date_str(value: str | None, precision: str | None) -> str:
    if not value:
        return "—"
    return value if precision in ("day", None) else f"{value} ({precision})"


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khabar")
def main() -> None:
    """khabar (خبر): Arabic news → clean, dated, searchable articles with their entities, quotes and events."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-j", "--workers", type=int, default=None, help="worker processes (default: CPU count)")
@click.option("--batch-size", type=int, default=200, show_default=True, help="articles per committed transaction")
@click.option("--limit", type=int, default=None, help="read at most N documents")
@click.option("--no-progress", is_flag=True, help="no progress bar")
@click.option("--ner", type=click.Choice(["ensemble", "crf", "neural"]), default="ensemble", show_default=True,
              envvar="KHABAR_NER", help="NER tagger: neural+CRF ensemble (most accurate) or the CRF (about twice as fast)")
@click.option("--ref-date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="reference date of the analysis: the latest possible publication date, 'now' for open office "
                   "terms (default: today; every article records the date used)")
def ingest(paths: tuple[str, ...], db: str | None, workers: int | None, batch_size: int, limit: int | None,
           no_progress: bool, ner: str, ref_date: dt.datetime | None) -> None:
    """Ingest files, directories (recursively) or - (stdin): text dumps, HTML, JSONL(.gz), WARC, RSS/Atom."""
    store = None
    try:
        store = _store(db, write=True)
        _ingest(paths, store, workers, batch_size, limit, no_progress, ner, ref_date)
    except KeyboardInterrupt:
        where = f" ({store.count()} in {store.path})" if store is not None else ""
        _err(f"interrupted; committed articles are kept{where}")
        sys.exit(130)


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


def _ingest(paths: tuple[str, ...], store, workers: int | None, batch_size: int, limit: int | None,
            no_progress: bool, ner: str, ref_date: dt.datetime | None = None) -> None:
    from .ingest import ingest as run
    from .ingest import input_files

    os.environ["KHABAR_NER"] = ner  # read by every worker's pipeline
    sizes = input_files(paths) if not limit else None  # with --limit the total would lie
    bar = IngestBar(sum(sizes.values()) if sizes is not None else None, disable=no_progress or None)
    t0 = time.perf_counter()
    try:
        rep = run(paths, store, workers=workers, batch_size=batch_size, limit=limit,
                  on_error=lambda m: bar.write(f"khabar: error: {m}"), progress=bar.done, status=bar.status,
                  on_bytes=bar.at if bar.bytes else None, ref_date=ref_date.date() if ref_date else None)
    finally:
        bar.close()
    secs = time.perf_counter() - t0
    click.echo(f"{rep.summary()} in {secs:.1f}s ({rep.read / secs if secs else 0:.1f} docs/s) → {store.path}"
               f" ({store.count()} articles)", err=True)
    store.close()
    if rep.failed:
        sys.exit(1)


@main.command(name="list")
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--outlet", default=None)
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--json", "as_json", is_flag=True)
def list_(db: str | None, limit: int, offset: int, outlet: str | None, date_from: str | None,
          date_to: str | None, as_json: bool) -> None:
    """List stored articles, newest first."""
    _check_window(date_from, date_to)
    store = _store(db)
    rows = store.list(limit=limit, offset=offset, outlet=outlet, date_from=date_from, date_to=date_to)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r.__dict__ if hasattr(r, "__dict__") else _asdict(r), ensure_ascii=False))
        return
    for r in rows:
        click.echo(f"{r.id}  {_listed_date(r):<24} {(r.outlet or '—'):<14} {r.title or ''}")
    uncertain = sum(1 for r in rows if _listed_date(r).endswith(("?", "(guess)")))
    legend = f"; uncertain dates ({uncertain}) marked ? or (guess), see khabar show ID" if uncertain else ""
    click.echo(f"({len(rows)} of {store.count()} articles{legend})", err=True)


LOW_DATE_CONFIDENCE = 0.5


def _listed_date(r) -> str:
    """The date column of ``khabar list``: low-confidence dates are marked, guesses say so."""
    s = _date_str(r.published, r.precision)
    if r.published and r.date_confidence is not None and r.date_confidence < LOW_DATE_CONFIDENCE:
        s += " (guess)" if r.date_method == "guess" else " ?"
    return s


def _asdict(obj) -> dict:
    import dataclasses

    return dataclasses.asdict(obj)


@main.command()
@click.argument("article_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="the full stand-off analysis as JSON")
@click.option("--tokens", is_flag=True, help="with --json: include tokens (recomputed)")
def show(article_id: str, db: str | None, as_json: bool, tokens: bool) -> None:
    """Show an article's metadata and clean text (ID may be a unique prefix)."""
    store = _store(db)
    a = store.get(article_id)
    if a is None:
        raise click.ClickException(f"no article with id {article_id!r}")
    if as_json:
        if tokens:
            from .tokenize import analyse_text

            a.sentences = analyse_text(a.article.text)
        click.echo(json.dumps(a.to_dict(tokens=tokens), ensure_ascii=False, indent=2))
        return
    art = a.article
    p = art.published
    lines = [
        ("id", art.id), ("title", art.title), ("outlet", f"{art.outlet_name or '—'} [{art.outlet or '—'}]"
         + (f" via {art.extra.get('outlet_evidence')}" if art.extra.get("outlet_evidence") else "")),
        ("url", art.url), ("agencies", ", ".join(art.agencies) or None), ("dateline", art.dateline),
    ]
    if p:
        d = _date_str(p.value, p.precision) + (f" {p.time}" if p.time else "")
        d += f"  confidence {p.confidence:.2f}, {p.method or 'no evidence'}"
        lines.append(("published", d))
        if p.evidence:
            lines.append(("  evidence", f"«{art.text[p.evidence.start:p.evidence.end]}» @{p.evidence.start}"))
        if p.earliest and p.latest:
            lines.append(("  window", f"{p.earliest} .. {p.latest}"))
        if p.candidates:
            lines.append(("  candidates", ", ".join(p.candidates)))
        for n in p.notes:
            lines.append(("  note", n))
    for c in art.credits:
        lines.append(("credit", f"{c.kind}: {c.name}" + (f" [{c.code}]" if c.code else "")))
    lines += [("language", f"{art.language} ({art.language_score:.2f})"), ("source", art.source_path),
              ("sentences", str(len(a.sentences)))]
    if art.standfirst:
        lines.append(("standfirst", art.standfirst))
    for err in art.extra.get("stage_errors", []):
        lines.append(("warning", f"layer failed and was skipped: {err}"))
    if a.mentions:
        counts: dict[str, int] = {}
        for m in a.mentions:
            if m.entity:
                counts[m.entity] = counts.get(m.entity, 0) + 1
        names = {e.id: (e.en or e.name) for e in a.entities}
        top = sorted(counts.items(), key=lambda kv: -kv[1])
        lines.append(("entities", " · ".join(f"{names.get(k, k)} ×{v}" for k, v in top[:25])))
    for k, v in lines:
        if v:
            click.echo(f"{k:>12}: {v}")
    names = {e.id: (e.en or e.name) for e in a.entities}
    for q in a.quotes:
        who = q.source if q.unnamed and q.source else names.get(q.speaker or "", q.speaker_text)
        click.echo(f"{'quote':>12}: {who} [{q.verb}] {_quoted(art.text[q.start:q.end], q.kind, 140)}")
    for t in a.timexes:
        click.echo(f"{'time':>12}: «{t.text}» = {t.value}")
    for e in a.events:
        rep = f" (reported by {names.get(e.reported_by or '', e.reported_by)})" if e.reported_by else ""
        click.echo(f"{'event':>12}: {e.plover} {e.mode} {names.get(e.actor, e.actor)} → "
                   f"{names.get(e.recipient or '', e.recipient or '—')} [{e.cameo}, {e.goldstein:+.1f}] «{e.trigger}»{rep}")
    click.echo("")
    click.echo(art.text)


def _actor_ids(store, names: tuple[str, ...]) -> list[list[str]]:
    """Each --actor NAME → the entity ids it may denote (KB id / English alias / Arabic form /
    a stored entity name); an unknown name is an error, not an empty result."""
    from .kb import knowledge_base

    out = []
    for name in names:
        ids = [a.id for a in knowledge_base().find(name)] or store.find_entities(name)
        if not ids:
            raise click.ClickException(f"unknown actor {name!r} (try `khabar entities`)")
        out.append(ids)
    return out


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=20, show_default=True)
@click.option("--outlet", default=None)
@click.option("--actor", "actors", multiple=True, help="only articles mentioning this actor (repeatable): NATO, RUS, Lavrov, الناتو…")
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--json", "as_json", is_flag=True)
def search(query: tuple[str, ...], db: str | None, limit: int, outlet: str | None, actors: tuple[str, ...],
           date_from: str | None, date_to: str | None, as_json: bool) -> None:
    """Full-text search over stems + lemmas («الدرع الصاروخي» finds «الدرع الصاروخية»).

    \b
    QUERY syntax:
      الدرع الصاروخي          every word (AND is implied; may be written)
      "مجلس روسيا الناتو"     a phrase: these words, in this order
      روسيا OR الناتو          either
      ترامب -بوتين            without a word (also: ترامب NOT بوتين)
      NOT ترامب               only exclusions: the articles without it, newest first
      title:الناتو            in the title (also title:"…")
      (روسيا OR موسكو) الناتو  grouping
    Any other syntax (*, body:, a dangling AND/OR/NOT, an unbalanced quote) is an error.
    Hits holding the query as a phrase, then with its words close together, rank first.
    """
    _check_window(date_from, date_to)
    typo = next((w for w in query if w.startswith("--")), None)  # -word excludes a word; --word is no option
    if typo:
        raise click.UsageError(f"no such option: {typo}")
    store = _store(db)
    q = " ".join(query)
    if not q.strip() and not actors:
        raise click.UsageError("give a QUERY or at least one --actor")
    t0 = time.perf_counter()
    try:
        hits = store.search(q, limit=limit, outlet=outlet, date_from=date_from, date_to=date_to,
                            actors=_actor_ids(store, actors))
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    ms = (time.perf_counter() - t0) * 1000
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    for h in hits:
        r = h.row
        if as_json:
            click.echo(json.dumps({"id": r.id, "score": round(h.score, 4), "title": r.title, "outlet": r.outlet,
                                   "published": r.published, "precision": r.precision, "snippet": h.snippet},
                                  ensure_ascii=False))
            continue
        click.echo(f"{r.id}  {h.score:6.2f}  {_date_str(r.published, r.precision):<22} {(r.outlet or '—'):<12} {r.title or ''}")
        snip = h.snippet
        if color:
            snip = _bold_words(snip, q)
        click.echo(f"    {snip}")
    click.echo(f"{len(hits)} hits in {ms:.1f} ms", err=True)


def _bold_words(snippet: str, query: str) -> str:
    """The query's own (not excluded) words in bold, longest first."""
    from .store.query import compile_query

    words = {w for t in compile_query(query).terms for w in t.text.split()}
    for word in sorted(words, key=len, reverse=True):
        snippet = snippet.replace(word, click.style(word, bold=True))
    return snippet


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=30, show_default=True)
@click.option("--type", "type_", type=click.Choice(["PER", "ORG", "LOC", "MISC"], case_sensitive=False))
@click.option("--json", "as_json", is_flag=True)
def entities(db: str | None, limit: int, type_: str | None, as_json: bool) -> None:
    """Top actors by the number of articles that mention them."""
    store = _store(db)
    rows = store.top_entities(limit=limit, type_=type_)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        label = r["name"] or r["entity_id"]
        en = f" ({r['en']})" if r.get("en") else ""
        kb = "" if r.get("kb") else "  [not in KB]"
        click.echo(f"{r['docs']:>6} art {r['n']:>7} men  {r['type'] or '?':<4} {r['entity_id']:<28} {label}{en}{kb}")


@main.command()
@click.argument("name", nargs=-1, required=True)
@click.option("--db", default=None, help=DB_HELP)
@click.option("-n", "--limit", type=int, default=20, show_default=True, help="articles to list")
def entity(name: tuple[str, ...], db: str | None, limit: int) -> None:
    """An actor: canonical identity, roles, spelling variants seen, articles (NAME: id, English or Arabic)."""
    from .kb import knowledge_base

    store = _store(db)
    q = " ".join(name)
    kb = knowledge_base()
    ids = [a.id for a in kb.find(q)] or store.find_entities(q)
    if not ids:
        raise click.ClickException(f"unknown actor {q!r}")
    for eid in ids[:3]:
        a = kb.get(eid)
        stored = store.entity(eid)
        click.echo(f"{eid}: {a.en if a else (stored or {}).get('name')}")
        if a:
            click.echo(f"  type {a.type} ({a.kind})  country {a.country or '—'}  sector {a.sector or '—'}")
            click.echo(f"  Arabic forms: {' ، '.join(a.forms[:12])}")
            if a.aliases_en:
                click.echo(f"  English aliases: {', '.join(a.aliases_en)}")
            for t in a.terms:
                role = kb.roles[t.role].en if t.role in kb.roles else t.role
                end = "present" if t.end.year >= 2099 else t.end.isoformat()
                click.echo(f"  role: {role}  {t.start.isoformat()} .. {end}")
        if stored:
            click.echo("  seen as: " + " ، ".join(f"{v['text']} ×{v['n']}" for v in stored["variants"][:15]))
            arts = stored["articles"]
            click.echo(f"  in {len(arts)} articles:")
            for r in arts[:limit]:
                click.echo(f"    {r.id}  {_date_str(r.published, r.precision):<22} {r.title or ''}")
        else:
            click.echo("  (not mentioned in this store)")


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--actor", "actors", multiple=True, help="speaker (repeatable): Lavrov, NATO, راسموسن…")
@click.option("--unnamed", is_flag=True, help="only statements by unnamed sources («دبلوماسي روسي»)")
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes(db: str | None, actors: tuple[str, ...], unnamed: bool, date_from: str | None, date_to: str | None,
           limit: int, as_json: bool) -> None:
    """Who said what: direct and reported statements with their speakers."""
    _check_window(date_from, date_to)
    store = _store(db)
    speakers = [i for ids in _actor_ids(store, actors) for i in ids] if actors else None
    rows = store.quotes(speakers=speakers, limit=limit, date_from=date_from, date_to=date_to,
                        unnamed=True if unnamed else None)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        who = r["speaker_en"] or r["speaker_name"] or r["speaker"] or "—"
        if r["unnamed"]:
            who = f"{r['source'] or r['speaker_text']} (unnamed{', ' + r['source_country'] if r['source_country'] else ''})"
        click.echo(f"{r['article_id'][:10]}  {_date_str(r['published'], r['precision']):<14} {who} [{r['verb']}] "
                   f"{_quoted(r['text'], r['kind'], 160)}")
    click.echo(f"{len(rows)} statements", err=True)


def _name(eid: str | None) -> str:
    from .kb import knowledge_base

    if not eid:
        return "—"
    a = knowledge_base().get(eid)
    return a.en if a else eid.split(":")[-1]


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--actor", "actors", multiple=True, help="source actor (repeatable): NATO, RUS, Lavrov, الناتو…")
@click.option("--recipient", "recipients", multiple=True, help="target actor (repeatable)")
@click.option("--type", "plover", default=None, callback=_plover_type,
              help="PLOVER event type: AGREE, CONSULT, THREATEN, REJECT, MOBILIZE…")
@click.option("--mode", type=click.Choice(["asserted", "negated", "proposed", "hypothetical", "future"]), default=None)
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.4, show_default=True,
              help="keep events at least this likely to be right (estimated from how they were found; events below 0.4 were "
                   "mostly wrong in hand audits; 0.7 ≈ 80% precision on the gold; 0 shows everything)")
@click.option("-n", "--limit", type=int, default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def events(db: str | None, actors: tuple[str, ...], recipients: tuple[str, ...], plover: str | None, mode: str | None,
           date_from: str | None, date_to: str | None, min_confidence: float, limit: int, as_json: bool) -> None:
    """Who did what to whom: PLOVER/CAMEO-coded events with modality and evidence."""
    _check_window(date_from, date_to)
    store = _store(db)
    acts = [i for ids in _actor_ids(store, actors) for i in ids] if actors else None
    recs = [i for ids in _actor_ids(store, recipients) for i in ids] if recipients else None
    rows = store.events(actors=acts, recipients=recs, plover=plover, mode=mode, date_from=date_from,
                        date_to=date_to, limit=limit, min_confidence=min_confidence)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        rep = f" (reported by {_name(r['reported_by'])})" if r.get("reported_by") else ""
        click.echo(f"{r['date'] or '—':<11} {r['plover']:<10} {r['cameo']:<5} {r['goldstein']:>5.1f} {r['mode']:<12} "
                   f"{_name(r['actor'])} → {_name(r['recipient'])}  [{r['context']}] «{r['trigger']}»{rep} ×{r['mentions']}"
                   f"  p={r['confidence'] if r.get('confidence') is not None else '?'}")
        click.echo(f"    {r['article_id']}: {r['evidence'][:150]}")
    click.echo(f"{len(rows)} events", err=True)


@main.command()
@click.argument("actor_a")
@click.argument("actor_b")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--by", type=click.Choice(["day", "month", "year"]), default="month", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.4, show_default=True,
              help="count only events at least this likely to be right (0 counts everything)")
@click.option("--json", "as_json", is_flag=True)
def dyad(actor_a: str, actor_b: str, db: str | None, by: str, min_confidence: float, as_json: bool) -> None:
    """Cooperation ↔ conflict between two actors over time (Goldstein scale; asserted events only)."""
    store = _store(db)
    (a_ids,), (b_ids,) = _actor_ids(store, (actor_a,)), _actor_ids(store, (actor_b,))
    rows = store.dyad(a_ids, b_ids, by=by, min_confidence=min_confidence)
    a, b = _name(a_ids[0]), _name(b_ids[0])
    if as_json:
        for r in rows:
            click.echo(json.dumps({**r, "a": a_ids[0], "b": b_ids[0]}, ensure_ascii=False))
        return
    for line in _dyad_table(rows, a, b):
        click.echo(line)
    if not rows:
        click.echo("no dated events between these actors", err=True)


def _dyad_table(rows: list[dict], a: str, b: str) -> list[str]:
    """The dyad rows as a table whose header sits over its columns (the direction column is as wide as
    its longest «A→B»)."""
    dw = max(len("direction"), len(f"{a}→{b}"), len(f"{b}→{a}"))
    cols = [("asserted", 8), ("coop", 5), ("confl", 6), ("Σ Goldstein", 12), ("mean", 6), ("other", 6)]
    out = [f"{'period':<10} {'direction':<{dw}} " + " ".join(f"{h:>{w}}" for h, w in cols)]
    for r in rows:
        d = f"{a}→{b}" if r["direction"] == "→" else f"{b}→{a}"
        mean = f"{r['goldstein_mean']:.2f}" if r["goldstein_mean"] is not None else "—"
        vals = [r["asserted"], r["cooperative"], r["conflictual"], f"{r['goldstein_sum']:.1f}", mean, r["other_modes"]]
        out.append(f"{r['period']:<10} {d:<{dw}} " + " ".join(f"{v:>{w}}" for v, (_, w) in zip(vals, cols, strict=True)))
    return out


@main.group(name="eval")
def eval_() -> None:
    """Measure components on gold data."""


@eval_.command(name="ner")
@click.option("--data", default=None, help="CoNLL file (token TAG per line); default: ANERcorp_test.conll from "
              "$KHABAR_ANERCORP or shared/eval/raw/anercorp_camel_split/ next to the khabar repository")
@click.option("--model", "model_kind", type=click.Choice(["ensemble", "neural", "crf"]), default=None,
              help="ensemble (the pipeline's tagger when the neural model is shipped): neural + CRF posteriors; "
                   "neural: the BiLSTM-CRF alone; crf: the two-stage feature CRF alone")
@click.option("--sentence-only", is_flag=True, help="no document-level consistency (CRF: stage 1 only)")
@click.option("--window", type=int, default=15, show_default=True, help="sentences standing in for a document")
def eval_ner(data: str | None, model_kind: str | None, sentence_only: bool, window: int) -> None:
    """Entity-level P/R/F1 per type (exact span and type, seqeval-style) of a shipped NER model."""
    from .evaluate import default_ner_data, ner_data_candidates
    from .ner import MODEL_DIR, NER, evaluate, read_conll

    if model_kind is None:
        model_kind = "ensemble" if (MODEL_DIR / "ner-neural.npz").exists() else "crf"

    if data is None:
        found = default_ner_data()
        if found is None:
            raise click.ClickException("ANERcorp test data not found; looked for "
                                       + ", ".join(map(str, ner_data_candidates())) + " (give --data FILE)")
        data = str(found)
    if not os.path.exists(data):
        raise click.ClickException(f"no such file: {data}")
    sents = read_conll(data)
    words = [w for w, _ in sents]
    t0 = time.perf_counter()
    if model_kind in ("neural", "ensemble"):
        from .ner_neural import EnsembleNER, NeuralNER

        nn = NeuralNER()
        if model_kind == "ensemble":
            pred = EnsembleNER(nn, NER(model2=None) if sentence_only else NER()).tag_document(words, window=window)
        else:
            pred = nn.tag_sentences(words) if sentence_only else nn.tag_document(words, window=window)
    else:
        ner = NER(model2=None) if sentence_only else NER()
        pred = ner.tag_document(words, window=window)
    dt = time.perf_counter() - t0
    scores = evaluate([t for _, t in sents], pred)
    click.echo(f"{'type':<6} {'precision':>9} {'recall':>7} {'F1':>7} {'support':>8}")
    for typ, s in scores.items():
        click.echo(f"{typ:<6} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} {int(s['support']):>8}")
    ntok = sum(len(w) for w in words)
    click.echo(f"{model_kind}: {len(sents)} sentences, {ntok} tokens in {dt:.1f}s ({ntok / dt:,.0f} tokens/s)")


def _analyse_dir(docs: str | None, gold: str | None = None) -> dict:
    """Analyse the evaluated articles: the embedded seeds, or files/corpora given with --docs
    (records of a JSONL corpus are keyed by their id; only those named in the gold file are analysed)."""
    from pathlib import Path as _P

    from .evaluate import REF_DATE, read_gold
    from .pipeline import analyze
    from .readers import RawDoc, iter_sources

    wanted = {r[0] for r in read_gold(gold)} if gold else None
    samples = resources.files("khabar") / "data" / "samples"
    with resources.as_file(samples) as default:
        out = {}
        for d in iter_sources([docs or str(default)]):
            if not isinstance(d, RawDoc):
                continue
            key = d.doc_id or _P(d.source.split("#")[0]).name
            if wanted is not None and not any(key.startswith(w) for w in wanted):
                continue
            out[key] = analyze(d, REF_DATE)
        return out


def _report(name: str, sc, verbose: bool) -> None:
    click.echo(f"{name}: precision {sc.precision:.3f}  recall {sc.recall:.3f}  F1 {sc.f1:.3f}"
               f"  (tp {sc.tp}, fp {sc.fp}, fn {sc.fn}; {sc.wrong_attr} found with the wrong attribute)")
    if verbose:
        for m in sc.misses:
            click.echo(f"  missed: {m}")
        for m in sc.spurious:
            click.echo(f"  spurious: {m}")


@eval_.command(name="quotes")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True, help="list misses and spurious quotes")
def eval_quotes_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Quotation extraction: span + speaker precision/recall on a hand-annotated gold file."""
    from .evaluate import eval_quotes

    _report("quotes", eval_quotes(_analyse_dir(docs, gold), gold), verbose)


@eval_.command(name="dates")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True, help="list misses and spurious expressions")
def eval_dates_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Temporal expressions: span + normalised value precision/recall on a gold file."""
    from .evaluate import eval_timex

    _report("dates", eval_timex(_analyse_dir(docs, gold), gold), verbose)


@eval_.command(name="events")
@click.option("--gold", default=None, help="gold TSV (default: the shipped seed annotation)")
@click.option("--docs", default=None, help="directory of the annotated articles (default: the embedded seeds)")
@click.option("-v", "--verbose", is_flag=True)
def eval_events_cmd(gold: str | None, docs: str | None, verbose: bool) -> None:
    """Event extraction: type + actor + recipient + mode at the trigger, precision/recall."""
    from .evaluate import eval_events

    _report("events", eval_events(_analyse_dir(docs, gold), gold), verbose)


@main.command(name="export")
@click.option("--db", default=None, help=DB_HELP)
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "plover", "gdelt"]), default="jsonl",
              show_default=True, help="one row per article: jsonl/csv/parquet; one row per event: plover (JSONL) or "
              "gdelt (TSV)")
@click.option("-o", "--output", default=None, help="file (default: stdout; required for parquet)")
@click.option("--tokens", is_flag=True, help="jsonl: include tokens with clitic segments, stems and lemmas")
@click.option("--all", "include_all", is_flag=True,
              help="plover/gdelt: also negated, proposed, hypothetical and future events and those below confidence 0.4 "
                   "(default: asserted events only; mode and confidence are columns)")
def export_(db: str | None, fmt: str, output: str | None, tokens: bool, include_all: bool) -> None:
    """Export the store: its articles (jsonl, csv, parquet) or its events (plover, gdelt)."""
    from .export import export

    store = _store(db)
    try:
        n = export(store.iter_analyses(), fmt, output, tokens=tokens, include_all=include_all)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    what = "events" if fmt in ("plover", "gdelt") else "articles"
    click.echo(f"exported {n} {what}" + (f" → {output}" if output else ""), err=True)


@main.command()
@click.option("--db", default="khabar-demo.db", show_default=True, help="store for the demo")
def demo(db: str) -> None:
    """Ingest the embedded sample pages (five Arabic NATO–Russia articles, 2009–2022) and show results."""
    from .ingest import ingest as run

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
    click.echo("\nnext (the demo's store is " + db + "; `khabar ingest` fills ./" + DEFAULT_DB + "):")
    for line in _demo_next(db, newest[0].id[:8] if newest else None):
        click.echo(f"  {line}")


def _demo_next(db: str, article_id: str | None) -> list[str]:
    """Commands to try on the demo's store, exactly as they are to be typed."""
    opt = f"--db {shlex.quote(db)}"
    lines = [f"khabar list {opt}"]
    if article_id:
        lines.append(f"khabar show {article_id} {opt}")
    return lines + [f"khabar search الدرع الصاروخي {opt}", f"khabar quotes --actor Lavrov {opt}",
                    f"khabar events --actor NATO --recipient RUS {opt}", f"khabar dyad NATO RUS {opt}"]


if __name__ == "__main__":  # pragma: no cover
    main()
