"""`khabar timeline`: the dated events and key quotes of an actor, or of two actors (a dyad)."""

from __future__ import annotations

import dataclasses
import json

import click

from .app import main
from .common import DATE, DB_HELP, _actor_ids, _check_window, _name, _store


def _locate(store, rows: list[dict]) -> None:
    """Add the evidence sentence's span (``start``/``end`` into the article text) and the article title
    to each event row (the store returns the sentence's text)."""
    cache: dict[str, object] = {}
    for r in rows:
        aid = r.get("article_id")
        if not aid:
            continue
        if aid not in cache:
            cache[aid] = store.get(aid)
        a = cache[aid]
        if a is None:
            continue
        r["title"] = a.article.title
        i = a.article.text.find(r.get("evidence") or "\0")
        if i >= 0:
            r["start"], r["end"] = i, i + len(r["evidence"])


def _what(e) -> str:
    if e.kind == "quote":
        return f"{_name(e.actor)} said"
    rec = f" → {_name(e.recipient)}" if e.recipient else ""
    mode = "" if e.mode == "asserted" else f" ({e.mode})"
    return f"{e.plover}{mode}  {_name(e.actor)}{rec}  «{e.trigger}»"


def _cite(src, width: int | None) -> str:
    """«article-id[start:end]: evidence» (the evidence cut to ``width``; None: the citation alone)."""
    span = f"[{src.start}:{src.end}]" if src.start is not None else ""
    if width is None:
        return f"{src.article_id}{span}"
    return f"{src.article_id}{span}: {_cut(src.snippet, width)}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_periods(tl, width: int, indent: str = "") -> None:
    """A timeline's entries under their period labels, then the undated ones."""
    for label, entries in [*((p.label, p.entries) for p in tl.periods), *([("undated", tl.undated)] if tl.undated else [])]:
        click.echo(f"{indent}{label}")
        for e in entries:
            _print_entry(e, width)


def _print_entry(e, width: int) -> None:
    date = e.date if e.precision == "day" or not e.date else f"{e.date} ({e.precision})"
    more = f"  ×{e.reports} articles" if e.reports > 1 else ""
    click.echo(f"  {date or '—':<18} {_what(e)}{more}")
    if e.kind == "quote" and e.quote is not None:
        who = e.quote.speaker_text or _name(e.quote.speaker)
        click.echo(f"      “{_cut(e.quote.text, width)}” — {who}")
        click.echo(f"      {', '.join(_cite(s, None) for s in e.sources)}")
        return
    for s in e.sources:
        click.echo(f"      {_cite(s, width)}")
    if e.kind == "event" and e.quote is not None:
        who = e.quote.speaker_text or _name(e.quote.speaker)
        click.echo(f"      key quote ({who}): “{_cut(e.quote.text, width)}”  {e.quote.source.article_id}"
                   f"[{e.quote.source.start}:{e.quote.source.end}]")


@main.command()
@click.option("--actor", "actors", multiple=True, required=True,
              help="an actor (its timeline) or, given twice, two actors (their dyad, both directions): NATO, RUS, Lavrov…")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive)")
@click.option("--by", type=click.Choice(["day", "month", "year"]), default="day", show_default=True,
              help="group the entries by")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.4, show_default=True,
              help="keep events at least this likely to be right (as `khabar events`)")
@click.option("-n", "--limit", type=int, default=200, show_default=True, help="events (and quotes) read at most")
@click.option("--width", type=int, default=160, show_default=True, help="characters of evidence shown")
@click.option("--json", "as_json", is_flag=True, help="the entries as JSON lines")
def timeline(actors: tuple[str, ...], db: str | None, date_from: str | None, date_to: str | None, by: str,
             min_confidence: float, limit: int, width: int, as_json: bool) -> None:
    """Dated events and key quotes of one actor, or of two (the dyad, both ways), each with its evidence."""
    from ..stories.timeline import build

    if len(actors) > 2:
        raise click.BadParameter("give one actor (its timeline) or two (their dyad)", param_hint="'--actor'")
    _check_window(date_from, date_to)
    store = _store(db)
    ids = _actor_ids(store, actors)
    window = {"date_from": date_from, "date_to": date_to, "limit": limit, "min_confidence": min_confidence}
    if len(ids) == 1:
        rows = store.events(actors=ids[0], **window)
        rows += [r for r in store.events(recipients=ids[0], **window) if r["actor"] not in ids[0]]
        speakers = set(ids[0])
    else:
        rows = store.events(actors=ids[0], recipients=ids[1], **window)
        rows += store.events(actors=ids[1], recipients=ids[0], **window)
        speakers = set()  # a dyad's quotes are those its events are reported with
    _locate(store, rows)
    said = set(speakers) | {r["reported_by"] for r in rows if r.get("reported_by")}
    quotes = store.quotes(speakers=sorted(said), limit=limit, date_from=date_from, date_to=date_to) if said else []
    tl = build(rows, quotes, by=by, speakers=speakers)
    if as_json:
        for e in tl.entries:
            click.echo(json.dumps(dataclasses.asdict(e), ensure_ascii=False))
        return
    title = " ↔ ".join(_name(i[0]) for i in ids)
    click.echo(f"timeline: {title}")
    print_periods(tl, width)
    n = len(tl.entries)
    click.echo(f"{n} entries ({sum(e.kind == 'event' for e in tl.entries)} events)" if n else
               "no events or quotes for these actors", err=True)
