"""Stories: `stories` (list, or --rebuild/--backfill the story tables) and `story ID` (its articles
by outlet with their copies, its thread)."""

from __future__ import annotations

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
@click.option("--min-size", type=int, default=2, show_default=True, help="articles in the story, copies included")
@click.option("-n", "--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.option("--rebuild", is_flag=True, help="forget every story and place all stored articles again, in order")
@click.option("--backfill", is_flag=True, help="place the stored articles that have no story yet")
@click.option("-j", "--workers", type=int, default=None, help="processes computing signatures (--rebuild/--backfill)")
def stories(db: str | None, date_from: str | None, date_to: str | None, actors: tuple[str, ...], outlet: str | None,
            min_size: int, limit: int, as_json: bool, rebuild: bool, backfill: bool, workers: int | None) -> None:
    """Same-story clusters across outlets, latest first (a story's id is its first article's id)."""
    if rebuild or backfill:
        from ..engines.local import place_stories

        n = place_stories(_store(db, write=True), rebuild=rebuild, workers=workers)
        click.echo(f"{n} articles placed in stories", err=True)
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
            else (r["first_date"] or "undated")
        thread = "" if r["thread_id"] == r["id"] else f"  thread {r['thread_id']}"
        click.echo(f"{r['id']}  {span:<22} {r['size']:>3} art. {r['outlets']} outlets  {r['title'] or ''}{thread}")
    if not rows and not as_json:
        click.echo("no stories" + (" (ingest articles, or `khabar stories --backfill`)" if not store.count() else ""))


@main.command()
@click.argument("story_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True)
def story(story_id: str, db: str | None, as_json: bool) -> None:
    """A story (ID: the story's or any of its articles' id, or a unique prefix): its articles grouped
    by outlet with their dates and the copies among them, then the thread it belongs to."""
    store = _store(db)
    s = store.story(story_id)
    if s is None:
        raise click.ClickException(f"no story with id {story_id!r} (or the prefix is ambiguous)")
    if as_json:
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
    # The story's timeline and summary (khabar.stories.timeline / summary) are shown here, between its
    # articles and its thread, by the commands that build them.
    if len(s["thread"]) > 1:
        click.echo(f"\n  thread {s['thread_id']} ({len(s['thread'])} stories, dated ones in date order)")
        for t in s["thread"]:
            mark = "▶" if t["id"] == s["id"] else " "
            link = f"  ← {t['linked_to']} ({t['link_score']:.2f})" if t["linked_to"] else ""
            click.echo(f"  {mark} {t['first_date'] or 'undated':<10} {t['id']}  {t['title'] or ''}{link}")
