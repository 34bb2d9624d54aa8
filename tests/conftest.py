from __future__ import annotations

import datetime as dt
import glob
import os
import pwd
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

import pytest

from khabar.ingest.readers import iter_sources
from khabar.pipeline import analyze

SAMPLES = Path(str(resources.files("khabar") / "data" / "samples"))
TODAY = dt.date(2026, 11, 23)


def seed_path(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seeds():
    """The five seed pages analysed, keyed by their number ('000' … '004')."""
    out = {}
    for doc in iter_sources([str(SAMPLES)]):
        a = analyze(doc, today=TODAY)
        out[Path(doc.source).name[:3]] = a
    return out


# ---------------------------------------------------------------------- store backends
# The store tests run against each backend: a SQLite file, and a database on a throwaway
# PostgreSQL server that the session starts itself (initdb in a temp dir, unix socket there,
# stopped afterwards). Without a server (no initdb, no psycopg) the PostgreSQL cases are skipped,
# except in CI (CI=true), where they fail.

BACKENDS = ["sqlite", "postgresql"]


def _pg_unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(f"no PostgreSQL server: {reason}")


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """A running throwaway server; :meth:`new_db` gives each test a database of its own."""

    def __init__(self, root: str, port: int) -> None:
        self.root, self.port, self.n = root, port, 0

    def url(self, dbname: str) -> str:
        return f"postgresql://khabar@/{dbname}?host={self.root}&port={self.port}"

    def new_db(self) -> str:
        """The URL of a database that does not exist yet (a writer creates it)."""
        self.n += 1
        return self.url(f"t{self.n}")


@pytest.fixture(scope="session")
def pg_server():
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("psycopg is not installed (pip install -e '.[dev]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        _pg_unavailable("initdb/pg_ctl not found (apt-get install postgresql)")
    root = tempfile.mkdtemp(prefix="khabar-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the `postgres` system user
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            _pg_unavailable("running as root and there is no `postgres` user to run the server as")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(root, "data"), _free_port()
    opts = f"-c listen_addresses='' -k {root} -p {port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    steps = [[*as_user, initdb, "-D", data, "-U", "khabar", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
             [*as_user, pg_ctl, "-D", data, "-l", os.path.join(root, "log"), "-w", "-t", "60", "-o", opts, "start"]]
    for cmd in steps:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if r.returncode:
            log = Path(root, "log").read_text(errors="replace") if Path(root, "log").exists() else ""
            shutil.rmtree(root, ignore_errors=True)
            _pg_unavailable(f"{Path(cmd[len(as_user)]).name} failed: {(r.stderr or r.stdout).strip()[-400:]} {log[-400:]}")
    try:
        yield PgServer(root, port)
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def new_store_url(backend: str, request, tmp_path: Path, name: str = "k") -> str:
    """A fresh, not yet created store of ``backend`` (a SQLite path or a PostgreSQL URL)."""
    if backend == "sqlite":
        return str(tmp_path / f"{name}.db")
    return request.getfixturevalue("pg_server").new_db()


def query_one(url: str, sql: str):
    """The first value of ``sql`` read through a connection of its own (either backend)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url) as con:
            return con.execute(sql).fetchone()[0]
    con = sqlite3.connect(url)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture()
def new_url(backend, request, tmp_path):
    """Factory of fresh store locations of the test's backend: ``new_url("a")``."""
    return lambda name="k": new_store_url(backend, request, tmp_path, name)
