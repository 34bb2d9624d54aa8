"""Search analyses query words and snippet texts by looking them up in the store's word-form table
(real SQLite file and real PostgreSQL server): hits, order, scores and snippets are those of the
full analysis."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

from conftest import SAMPLES, TODAY, query_one

from khabar.engines.local import ingest
from khabar.store import open_store

ANT = Path("/work/shared/eval/raw/ant_multisource/articles.jsonl.gz")
QUERIES = [
    "الدرع الصاروخي", "روسيا", "الناتو", '"الدرع الصاروخي"', "روسيا OR الناتو", "ترامب -بوتين",
    "روسيا NOT الناتو", "title:روسيا", 'title:"الدرع الصاروخي"', "(روسيا OR أمريكا) الصواريخ",
    "الفيلم", "السينما العربية", "الرئيس", "الحكومة الجديدة", "الانتخابات", "كلمةلاتوجدأبدا",
]


def test_lookup_search_equals_full_analysis(new_url, tmp_path):
    paths = [str(SAMPLES)]
    if ANT.is_file():  # a few dozen more articles where the shared corpus is at hand
        with gzip.open(ANT, "rt", encoding="utf-8") as f:
            (tmp_path / "ant.jsonl").write_text("".join(itertools.islice(f, 30)), encoding="utf-8")
        paths.append(str(tmp_path / "ant.jsonl"))
    url = new_url()
    s = open_store(url)
    assert ingest(paths, s, workers=1, ref_date=TODAY).failed == 0
    s.close()
    assert query_one(url, "SELECT count(*) FROM word_forms") > 500
    fast, full = open_store(url, readonly=True), open_store(url, readonly=True)
    full.use_forms = False
    found = 0
    for q in QUERIES:
        got = [(h.row.id, h.score, h.snippet, h.highlights) for h in fast.search(q, limit=20)]
        want = [(h.row.id, h.score, h.snippet, h.highlights) for h in full.search(q, limit=20)]
        assert got == want, q
        found += bool(got)
    assert found >= 10
    lookup = fast._lookup()
    assert lookup is not None and {"الدرع", "الصاروخي", "روسيا"} <= set(lookup.known)
    fast.close()
    full.close()
