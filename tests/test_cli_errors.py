"""A store that breaks in the middle of a command gives one line, whatever the backend."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from click.testing import CliRunner
from conftest import SAMPLES, TODAY

from khabar.cli import main
from khabar.engines.local import ingest
from khabar.store import open_store
from khabar.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("err") / "k.db")
    s = open_store(path)
    ingest([str(SAMPLES)], s, workers=1, ref_date=TODAY)
    s.close()
    return path


@pytest.mark.parametrize("error", [sqlite3.OperationalError("disk I/O error"),
                                   psycopg.OperationalError("server closed the connection\nunexpectedly")])
def test_store_errors_mid_command_are_one_line(db, monkeypatch, error):
    def broken(self, *a, **k):
        raise error

    monkeypatch.setattr(SQLiteStore, "list", broken)
    r = CliRunner().invoke(main, ["list", "--db", db])
    assert r.exit_code == 1
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: store error:"), r.output
    assert "Traceback" not in r.output


def test_other_errors_are_not_disguised_as_store_errors(db, monkeypatch):
    def bug(self, *a, **k):
        raise KeyError("a bug")

    monkeypatch.setattr(SQLiteStore, "list", bug)
    r = CliRunner().invoke(main, ["list", "--db", db])
    assert isinstance(r.exception, KeyError)


@pytest.mark.parametrize("args", [["entities", "--gold", "/no/such/gold.tsv", "--docs", "x"],
                                  ["quotes", "--gold", "/no/such/gold.tsv"], ["dates", "--docs", "/no/such/dir"]])
def test_eval_with_a_missing_gold_or_docs_path_is_one_line(args):
    r = CliRunner().invoke(main, ["eval", *args])
    assert r.exit_code == 1 and "no such file or directory: /no/such/" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
