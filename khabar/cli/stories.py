"""Stories: `stories` (list, or --rebuild/--backfill the story tables and the kept summaries) and
`story ID` (its articles by outlet with their copies, its timeline and summary, its thread)."""

from __future__ import annotations

import dataclasses
import json

import click

from .app import main
from .common import DATE, DB_HELP, _actor_ids, _check_window, _date_str, _store


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--from", "date_from", type=DATE, default=None, help="YYYY[-MM[-DD]]: stories still running then")
@click.option("--to", "date_to", type=DATE, default=None, help="YYYY[-MM[-DD]] (inclusive): stories begun by then")
@click.option("--actor", "actors", multiple=True, help="an article of the story mentions this actor (repeatable)")
@click.option("--outlet", default=None, help="an article of the story is from this outlet")
@click.option("--min-size", type=int, default=2, show_default=True, help="original articles in the story (copies not counted)")
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--rebuild", is_flag=True, help="forget every story and place all stored articles again, in order")
@click.option("--backfill", is_flag=True, help="place the stored articles that have no story yet, then compute the "
              "story summaries the store lacks or keeps stale (stories of 2+ originals)")
@click.option("-j", "--workers", type=int, default=None, help="processes computing signatures (--rebuild/--backfill)")
def stories(db: str | None, date_from: str | None, date_to: str | None, actors: tuple[str, ...], outlet: str | None,
            min_size: int, limit: int, as_json: bool, rebuild: bool, backfill: bool, workers: int | None) -> None:
    """Same-story clusters across outlets, latest first (a story's id is its first article's id)."""
    if rebuild or backfill:
        from ..engines.local import place_stories
        from ..stories.digest import fill

        store = _store(db, write=True)
        n = place_stories(store, rebuild=rebuild, workers=workers, summaries=False)
        click.echo(f"{n} articles placed in stories", err=True)
        k = fill(store)
        click.echo(f"{k} story summaries computed", err=True)
        return
    _check_window(date_from, date_to)
    store = _store(db)
    ids = [i for group in _actor_ids(store, actors) for i in group] if actors else None
    if actors and not ids:
        raise click.ClickException(f"no entity named {', '.join(actors)!r}")
    rows = store.stories(date_from=date_from, date_to=date_to, actors=ids, outlet=outlet, min_size=min_size,
                         limit=limit)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
            continue
        span = f"{r['first_date'] or '?'}..{r['last_date'] or '?'}" if r["first_date"] != r["last_date"] \
            else (r["first_date"] or (f"~{r['story_date']}" if r.get("story_date") else "undated"))
        thread = "" if r["thread_id"] == r["id"] else f"  thread {r['thread_id']}"
        copies = r["size"] - r["originals"]
        more = f" +{copies} {'copy' if copies == 1 else 'copies'}" if copies else ""
        click.echo(f"{r['id']}  {span:<22} {r['originals']:>3} art.{more} {r['outlets']} outlets  {r['title'] or ''}{thread}")
    if not rows and not as_json:
        singles = min_size > 1 and store.stories(date_from=date_from, date_to=date_to, actors=ids, outlet=outlet,
                                                 min_size=1, limit=1)
        hint = (f" of {min_size}+ original articles (`--min-size 1` lists the single-article ones)" if singles
                else " (ingest articles, or `khabar stories --backfill`)" if not store.count() else "")
        click.echo("no stories" + hint)


def _originals(store, s: dict) -> list:
    """The analyses of the story's original articles (copies say nothing their original does not)."""
    return [a for a in (store.get(r["article_id"]) for r in s["articles"] if not r["dup_of"]) if a is not None]


def _story_summary(store, s: dict, sentences: int) -> list:
    """The summary the story page shows: the one kept when the story was placed, if it was computed from
    the articles the story has now (in reading order), else computed from them here."""
    from ..stories.digest import SENTENCES, reading_order, stored
    from ..stories.view import story_summary

    ids = reading_order(s["articles"])
    kept = stored(store, s["id"], ids) if sentences == SENTENCES else None
    return kept if kept is not None else story_summary([a for a in map(store.get, ids) if a is not None], n=sentences)


def _print_summary(summary: list, width: int) -> None:
    if not summary:
        return
    click.echo("\n  summary")
    for c in summary:
        text = " ".join(c.text.split())
        click.echo(f"    {text if len(text) <= width else text[:width - 1] + '…'}  {c.article_id}[{c.start}:{c.end}]")


def _print_timeline(tl, width: int) -> None:
    from .timeline import print_periods

    if not tl.entries:
        return
    click.echo("\n  timeline")
    print_periods(tl, width, indent="  ")


@main.command()
@click.argument("story_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True)
@click.option("--sentences", type=int, default=3, show_default=True, help="sentences in the summary")
@click.option("--width", type=int, default=160, show_default=True, help="characters of evidence shown")
def story(story_id: str, db: str | None, as_json: bool, sentences: int, width: int) -> None:
    """A story (ID: the story's or any of its articles' id, or a unique prefix): its articles grouped
    by outlet with their dates and the copies among them, its timeline (dated events and key quotes)
    and summary (sentences across its articles, each cited article-id[start:end]), then its thread."""
    from ..stories.view import story_timeline

    store = _store(db)
    s = store.story(story_id)
    if s is None:
        raise click.ClickException(f"no story with id {story_id!r} (or the prefix is ambiguous)")
    originals = _originals(store, s)
    dates = {a["article_id"]: a["story_date"] for a in s["articles"] if a.get("story_date")}
    tl, summary = story_timeline(originals, dates=dates), _story_summary(store, s, sentences)
    if as_json:
        s["timeline"] = [dataclasses.asdict(e) for e in tl.entries]
        s["summary"] = [dataclasses.asdict(c) for c in summary]
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    click.echo(f"story {s['id']}: {s['size']} articles ({s['originals']} originals), {s['outlets']} outlets, "
               f"{s['first_date'] or '?'} .. {s['last_date'] or '?'}")
    outlet = object()
    for a in s["articles"]:
        if a["outlet"] != outlet:
            outlet = a["outlet"]
            click.echo(f"\n  {a['outlet_name'] or a['outlet'] or 'unknown outlet'}")
        copy = f"  [{a['dup_kind']} of {a['dup_of']}" + (f", Jaccard {a['score']:.2f}]" if a["score"] else "]") \
            if a["dup_of"] else ""
        click.echo(f"    {_date_str(a['published'], a['precision']):<12} {a['article_id']}  {a['title'] or ''}{copy}")
        if a.get("story_date"):
            click.echo(f"      dated from its thread: {a['story_date']} — {a['story_date_note']}")
    _print_timeline(tl, width)
    _print_summary(summary, width)
    if len(s["thread"]) > 1:
        click.echo(f"\n  thread {s['thread_id']} ({len(s['thread'])} stories in date order; ~: dated from the thread)")
        for t in s["thread"]:
            mark = "▶" if t["id"] == s["id"] else " "
            link = f"  ← {t['linked_to']} ({t['link_score']:.2f})" if t["linked_to"] else ""
            date = t["first_date"] or (f"~{t['story_date']}" if t.get("story_date") else "undated")
            click.echo(f"  {mark} {date:<11} {t['id']}  {t['title'] or ''}{link}")
