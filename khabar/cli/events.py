"""`khabar events` and `khabar dyad`: coded events and cooperation/conflict between two actors."""

from __future__ import annotations

import json

import click

from .app import main
from .common import DATE, DB_HELP, _actor_ids, _check_window, _name, _store


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


def _plover_type(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--type must be a PLOVER type the trigger lexicon codes (an unknown one would silently match nothing)."""
    if value is None:
        return None
    from ..extract.events import lexicon

    known = sorted({t.plover for trigs in lexicon()[0].values() for t in trigs})
    if value.upper() not in known:
        raise click.BadParameter(f"{value!r} is not a PLOVER type khabar codes; one of: {', '.join(known)}")
    return value.upper()


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
