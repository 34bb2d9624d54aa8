"""What every command shares: opening the store, one-line errors, date formatting, option help."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import sys

import click

from ..store import DEFAULT_DB, StoreError, open_store

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


class _Main(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as e:  # a store that breaks under us: one line, not a traceback
            if isinstance(e, sqlite3.Error | StoreError) or _is_postgres_error(e):
                raise click.ClickException(f"store error: {' '.join(str(e).split())}") from None
            raise


def _is_postgres_error(e: BaseException) -> bool:
    """A PostgreSQL driver error (the server went away, a lock timed out); psycopg is only
    imported when a postgresql:// store is used."""
    psycopg = sys.modules.get("psycopg")
    return psycopg is not None and isinstance(e, psycopg.Error)


def _date_str(value: str | None, precision: str | None) -> str:
    if not value:
        return "—"
    return value if precision in ("day", None) else f"{value} ({precision})"


def _actor_ids(store, names: tuple[str, ...]) -> list[list[str]]:
    """Each --actor NAME → the entity ids it may denote (KB id / English alias / Arabic form /
    a stored entity name); an unknown name is an error, not an empty result."""
    from ..kb.actors import knowledge_base

    out = []
    for name in names:
        ids = [a.id for a in knowledge_base().find(name)] or store.find_entities(name)
        if not ids:
            raise click.ClickException(f"unknown actor {name!r} (try `khabar entities`)")
        out.append(ids)
    return out


def _name(eid: str | None) -> str:
    from ..kb.actors import knowledge_base

    if not eid:
        return "—"
    a = knowledge_base().get(eid)
    return a.en if a else eid.split(":")[-1]
