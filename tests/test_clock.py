"""An analysis is a pure function of its input and an explicit reference date.

CI runs the whole suite a second time with the clock faked years away (``.ci/run``,
libfaketime); these tests pin down the pieces that used to read the wall clock.
"""

from __future__ import annotations

import datetime as dt
import os

from conftest import SAMPLES, TODAY

from khabar.engines.local import ingest
from khabar.ingest.readers import iter_sources
from khabar.kb.roles import office_constraints
from khabar.pipeline import analyze
from khabar.store import open_store


def test_faked_clock_is_active_when_ci_asks_for_it():
    year = os.environ.get("KHABAR_EXPECT_YEAR")
    if year:  # set by .ci/run next to faketime: proves the second run really has another clock
        assert dt.date.today().year == int(year)


def test_reference_date_is_recorded_and_drives_the_analysis():
    doc = next(d for d in iter_sources([str(SAMPLES)]) if os.path.basename(d.source).startswith("002"))
    a = analyze(doc, ref_date=TODAY)
    assert a.article.ref_date == TODAY.isoformat()
    b = analyze(doc, ref_date=TODAY)
    assert a.to_dict() == b.to_dict()
    early = analyze(doc, ref_date=dt.date(2011, 6, 1))
    assert early.article.ref_date == "2011-06-01"


def test_open_office_terms_do_not_print_the_reference_date():
    text = "قال وزير الخارجية الروسي سيرغي لافروف إن"
    for ref in (dt.date(2026, 11, 23), dt.date(2041, 3, 7)):
        notes = [c.note for c in office_constraints(text, ref)]
        assert notes and all(ref.isoformat() not in n for n in notes), notes
        assert any("2004-03-09..)" in n for n in notes), notes


def test_ingest_uses_one_explicit_reference_date(tmp_path):
    s = open_store(str(tmp_path / "k.db"))
    try:
        ingest([str(SAMPLES)], s, workers=1, ref_date=dt.date(2030, 1, 2))
        ids = [d.article.id for d in (analyze(x, ref_date=TODAY) for x in iter_sources([str(SAMPLES)]))]
        for aid in ids:
            got = s.get(aid)
            assert got is not None and got.article.ref_date == "2030-01-02"
    finally:
        s.close()
