"""The same-story likelihood (khabar.stories.pairs): features, model, the story decision that reads it, storage."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze
from khabar.stories import cluster
from khabar.stories.pairs import TERM_CHARS, TOP_TERMS, article_terms, default_model
from khabar.stories.rows import article_row, signature_of
from khabar.stories.signature import Signature, body_hash, minhash, shingle_hashes, signature, words

REF = dt.date(2018, 8, 20)
TITLE = "انهيار جسر في مدينة جنوى الإيطالية"
BODY = ("أعلنت الحكومة الإيطالية حالة الطوارئ في مدينة جنوى بعد انهيار جسر موراندي الذي أودى بحياة 39 شخصا. "
        "وقال وزير النقل دانيلو تونينيلي إن الحكومة ستسحب الامتياز من الشركة المشغلة للطريق السريع. ")


def _analysis(title: str, body: str, key: str = "x"):
    return analyze(RawDoc(source=key, fmt="json", text=body, title=title, doc_id=key, date="2018-08-15"), REF)


def test_terms_and_entities_come_from_the_title_and_the_body_start_only():
    far = "وفي شأن آخر زار الرئيس الفرنسي إيمانويل ماكرون مدينة مرسيليا. "
    a = _analysis(TITLE, BODY + "ثم " * (TERM_CHARS // 3) + far)
    terms, ents = article_terms(a)
    assert 0 < len(terms) <= TOP_TERMS
    assert abs(sum(v * v for v in terms.values()) - 1) < 0.05  # a unit vector (rounded, maybe cut)
    assert not any("مرسيل" in k or "ماكرون" in k for k in terms)  # beyond the cut
    names = {m.entity: m.text for m in a.mentions if m.entity}
    assert any("جنوى" in names.get(e, "") for e in ents)
    assert not any("ماكرون" in names.get(e, "") for e in ents)


def test_the_model_prefers_shared_words_and_names_at_the_same_embedding_similarity():
    m = default_model()
    base = m.likelihood([0.86, 0.86, 0.86], [0.05, 0.40, None], [0.0, 0.30, None])
    assert base[1] > m.threshold > base[0]  # the same cosine: shared terms and names decide
    assert base[2] == pytest.approx(m.likelihood([0.86], [None], [None])[0])  # no terms: embedding alone
    e5_only = m.likelihood([0.88, 0.90, 0.92], [None] * 3, [None] * 3)
    assert e5_only[0] < e5_only[1] < e5_only[2]
    assert e5_only[1] == pytest.approx(m.threshold, abs=1e-3)  # the old decision's cosine, the same confidence


def _unit(x: float) -> np.ndarray:
    v = np.array([x, np.sqrt(1 - x * x)] + [0.0] * 6, dtype=np.float32)
    return v / np.linalg.norm(v)


def _sig(aid: str, title: str, body: str, emb: np.ndarray, terms, ents) -> Signature:
    ws = words(body)
    sh = shingle_hashes(ws)
    return Signature(aid, body_hash(ws), minhash(sh), sh, tuple(words(title)), emb, date="2018-08-15",
                     title=title, lead=f"{title}\n{body}", terms=terms, entities=ents)


def test_the_story_decision_reads_terms_and_entities():
    a = _sig("a", TITLE, BODY, _unit(1.0), {"جسر": 0.7, "جنو": 0.7}, ("LOC:جنوى", "ITA"))
    body_b = "قالت الحكومة الإيطالية إن حصيلة انهيار جسر موراندي في مدينة جنوى ارتفعت وإن البحث مستمر عن مفقودين"
    cos = 0.86  # below the embedding-only decision's 0.90
    same = _sig("b", "ارتفاع حصيلة ضحايا جسر جنوى", body_b, _unit(cos), {"جسر": 0.6, "جنو": 0.6, "حصيل": 0.5},
                ("LOC:جنوى", "ITA"))
    other = dataclasses.replace(same, article_id="c", terms={"مباراة": 1.0}, entities=("ESP",))
    bare = dataclasses.replace(same, article_id="d", terms=None, entities=None)
    for s, joins in ((same, True), (other, False), (bare, False)):
        index = cluster.StoryIndex()
        index.assign(a)
        got = index.assign(s)
        assert (got.story_id == "a") is joins, s.article_id


def test_terms_and_entities_are_kept_with_the_story_row(tmp_path):
    sig = signature(_analysis(TITLE, BODY), embed=False)
    assert sig.terms and sig.entities
    a = cluster.Assignment(sig.article_id, sig.article_id, 1, new_story=True)
    back = signature_of(article_row(sig, a))
    assert back.terms == sig.terms and back.entities == sig.entities
    old = article_row(sig, a) | {"pair_terms": None}  # a row stored before they were kept
    assert signature_of(old).terms is None and signature_of(old).entities is None


def test_a_sqlite_store_written_before_pair_terms_gains_the_column(tmp_path):
    import sqlite3

    from conftest import SAMPLES, TODAY

    from khabar.engines.local import ingest
    from khabar.store import open_store

    db = tmp_path / "old.db"
    open_store(str(db)).close()
    with sqlite3.connect(db) as con:
        con.execute("ALTER TABLE story_articles DROP COLUMN pair_terms")  # as a store of session 13 had it
    store = open_store(str(db))
    ingest([str(SAMPLES)], store, workers=1, ref_date=TODAY)
    rows, _ = store.story_state()
    assert len(rows) == 5 and all(signature_of(r).terms for r in rows)


def test_the_index_keeps_terms_packed_and_scores_them_as_the_dicts():
    from khabar.stories.pairs import cosine, packed, packed_cosine

    a, b = {"جسر": 0.6, "جنو": 0.6, "حصيل": 0.5}, {"جسر": 0.7, "جنو": 0.7, "مباراة": 0.1}
    assert packed_cosine(packed(a), packed(b)) == pytest.approx(cosine(a, b), abs=1e-6)
    assert packed_cosine(packed(a), packed({})) == 0.0
    s = _sig("a", TITLE, BODY, _unit(1.0), a, ("LOC:جنوى",))
    index = cluster.StoryIndex()
    index.assign(s)
    assert s.terms == a  # the caller's signature (its row is written after) keeps its dict
    assert index.sigs["a"].terms is None and "a" in index.term_vecs


def test_eval_similarity_says_what_is_wrong_with_its_input(tmp_path):
    from click.testing import CliRunner

    from khabar.cli import main

    run = CliRunner().invoke
    r = run(main, ["eval", "similarity", "--pairs", str(tmp_path / "missing.jsonl")])
    assert r.exit_code == 1 and "no such file" in r.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    r = run(main, ["eval", "similarity", "--scorer", "e5", "--pairs", str(bad)])
    assert r.exit_code == 1 and "not SemEval pair records" in r.output and "Traceback" not in r.output
    r = run(main, ["eval", "similarity", "--lead", "150", "--pairs", str(bad)])
    assert r.exit_code == 2 and "--lead applies to --scorer e5" in r.output
