"""The Dask engine on a real LocalCluster (one worker process) stores exactly what the local engine
stores, reports bad inputs the same way, and keeps the committed batches when interrupted."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import pytest
from conftest import SAMPLES, TODAY

from khabar.engines import dask as dask_engine
from khabar.engines.local import ingest as local_ingest
from khabar.store import open_store

pytest.importorskip("distributed")


def _inputs(tmp_path):
    src = tmp_path / "gen.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(6):
            fh.write(json.dumps({"id": f"g{i}", "title": f"خبر رقم {i} عن الناتو وروسيا",
                                 "text": f"قال الأمين العام للناتو في بروكسل إن الاجتماع رقم {i} مع روسيا سيعقد غدا."},
                                ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "g1-again", "title": "خبر رقم 1 عن الناتو وروسيا",  # same text: a duplicate
                             "text": "قال الأمين العام للناتو في بروكسل إن الاجتماع رقم 1 مع روسيا سيعقد غدا."},
                            ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "bad"}) + "\n")  # no text: one error line
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")  # no article
    return [str(SAMPLES), str(src), str(empty)]


def _stored(store):
    return {a.article.id: a.to_dict() for a in store.iter_analyses()}


def _run(engine, paths, store, **kw):
    errors: list[str] = []
    done = []
    if engine == "dask":
        rep = dask_engine.ingest(paths, store, workers=1, batch_size=4, ref_date=TODAY, on_error=errors.append,
                                 progress=done.append, **kw)
    else:
        rep = local_ingest(paths, store, workers=1, batch_size=4, ref_date=TODAY, on_error=errors.append,
                           progress=done.append, **kw)
    return rep, errors, sum(done)


def test_dask_engine_stores_what_the_local_engine_stores(tmp_path):
    paths = _inputs(tmp_path)
    local, dask = open_store(str(tmp_path / "local.db")), open_store(str(tmp_path / "dask.db"))
    rep_l, err_l, done_l = _run("local", paths, local)
    rep_d, err_d, done_d = _run("dask", paths, dask)
    assert (rep_d.read, rep_d.new, rep_d.failed) == (rep_l.read, rep_l.new, rep_l.failed) == (14, 11, 2)
    # The repeated text is skipped as already ingested when its twin is committed before it is read (the
    # local engine with one worker), else stored as a duplicate (any engine that reads ahead): one of the two.
    assert rep_d.duplicates + rep_d.unchanged == rep_l.duplicates + rep_l.unchanged == 1
    assert err_d == err_l == rep_d.errors and len(err_d) == 2  # one line per bad input, same words
    assert done_d == done_l == 14
    assert _stored(dask) == _stored(local)
    assert {a.article.ref_date for a in dask.iter_analyses()} == {TODAY.isoformat()}
    again, _, _ = _run("dask", paths, dask)  # already ingested: skipped before any analysis
    assert (again.new, again.unchanged, again.failed) == (0, 12, 2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def scheduler(tmp_path):
    """A Dask scheduler and one worker started as separate processes, as on a cluster."""
    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    common = ["--no-dashboard"]
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), *common], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", addr, "--nworkers", "1",
                                   "--nthreads", "1", "--local-directory", str(tmp_path / "worker"), *common],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    try:
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(addr, timeout="5s") as c:
                    if c.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the Dask scheduler and worker did not come up")
            time.sleep(0.5)
        yield addr
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


def test_dask_engine_on_a_separately_started_scheduler(tmp_path, scheduler):
    paths = _inputs(tmp_path)
    local, remote = open_store(str(tmp_path / "local.db")), open_store(str(tmp_path / "remote.db"))
    rep_l, err_l, _ = _run("local", paths, local)
    rep_d, err_d, _ = _run("dask", paths, remote, scheduler=scheduler)
    assert (rep_d.read, rep_d.new, rep_d.failed) == (rep_l.read, rep_l.new, rep_l.failed)
    assert err_d == err_l and _stored(remote) == _stored(local)


def test_interrupted_dask_ingest_keeps_committed_batches(tmp_path):
    paths = _inputs(tmp_path)
    db = tmp_path / "i.db"
    s = open_store(str(db))
    seen = {"n": 0}

    def interrupt(n):
        seen["n"] += n
        if seen["n"] == 9:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        dask_engine.ingest(paths, s, workers=1, batch_size=4, ref_date=TODAY, progress=interrupt)
    kept = s.count()  # every article analysed before the interruption: the committed batches and the one in hand
    assert 0 < kept < 11
    rep, _, _ = _run("dask", paths, s)
    assert rep.new == 11 - kept and rep.unchanged >= kept and s.count() == 11


def test_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    s = open_store(str(tmp_path / "u.db"))
    with pytest.raises(dask_engine.DaskUnavailable, match="cannot reach the Dask scheduler") as e:
        dask_engine.ingest([str(SAMPLES)], s, scheduler="tcp://127.0.0.1:9", ref_date=TODAY)
    assert "\n" not in str(e.value)
