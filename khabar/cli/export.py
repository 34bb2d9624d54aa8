"""`khabar export`: articles (JSONL, CSV, Parquet) and events (PLOVER, GDELT-style)."""

from __future__ import annotations

import click

from .app import main
from .common import DB_HELP, _store


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
    from ..store.export import export

    store = _store(db)
    try:
        n = export(store.iter_analyses(), fmt, output, tokens=tokens, include_all=include_all,
                   stories=store.story_map())
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    what = "events" if fmt in ("plover", "gdelt") else "articles"
    click.echo(f"exported {n} {what}" + (f" → {output}" if output else ""), err=True)
