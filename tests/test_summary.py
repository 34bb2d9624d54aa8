"""Extractive summaries (khabar.stories.summary) and their evaluation (khabar.eval.summary, `khabar eval summary`)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from khabar.cli import main
from khabar.eval.summary import (
    analyse_record,
    body_sentences,
    lead1,
    oracle1,
    rouge,
    rouge_l,
    rouge_n,
    rouge_tokens,
    split_of,
)
from khabar.ingest.readers import iter_sources
from khabar.model import Analysis
from khabar.stories.summary import (
    FEATURES,
    Ranker,
    Weights,
    cosine,
    default_ranker,
    ranker_inputs,
    ranker_rows,
    readable,
    score_units,
    sentence_features,
    summarize,
    units,
)


# ---------------------------------------------------------------------- ROUGE
def test_rouge_tokens_are_arabic_words_in_search_form():
    assert rouge_tokens("أعلنت الحكومة، اليوم: «إلى اللقاء» 2018.") == ["اعلنت", "الحكومه", "اليوم", "الي", "اللقاء", "2018"]
    a, b = "قال الأمين العام إن الحلف مستعد", "قال الامين العام ان الحلف مستعد"
    assert rouge(a, b) == (1.0, 1.0, 1.0)  # hamza alefs folded


def test_rouge_n_and_l_by_hand():
    ref, hyp = "a b c d".split(), "a b x d e".split()
    # unigrams: overlap 3, P 3/5, R 3/4
    assert rouge_n(ref, hyp, 1) == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    # bigrams: ab overlaps, P 1/4, R 1/3
    assert rouge_n(ref, hyp, 2) == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    # LCS a b d = 3
    assert rouge_l(ref, hyp) == pytest.approx(rouge_n(ref, hyp, 1))
    assert rouge_l("a b c".split(), "c b a".split()) == pytest.approx(1 / 3)
    assert rouge_n([], hyp, 1) == 0.0 and rouge_l(ref, []) == 0.0
    assert rouge_n("a a b".split(), "a a a".split(), 1) == pytest.approx(2 / 3)  # clipped counts


def test_split_is_fixed_and_about_half():
    ids = [f"BB-x-{i}" for i in range(400)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    assert 150 < splits.count("dev") < 250 and set(splits) == {"dev", "test"}


# ---------------------------------------------------------------------- the summariser
@pytest.fixture(scope="module")
def story(seeds) -> list[Analysis]:
    return [seeds[k] for k in sorted(seeds)]


def test_readable_sentences():
    ok = "قال الأمين العام لحلف الناتو إن الحلف مستعد لمناقشة خطوات متبادلة مع روسيا."
    assert readable(ok, 12)
    assert not readable("«نحن مستعدون للحوار مع روسيا في أي وقت تريده موسكو»", 10)  # a bare quotation
    assert not readable("اقرأ أيضا: الناتو وروسيا يتفقان على استئناف الحوار", 8)
    assert not readable("وقال الأمين العام للحلف في مؤتمر صحفي في بروكسل:", 9)
    assert not readable("الناتو يرحب.", 2)
    assert not readable(ok, 120)


def test_single_article_summary_is_a_cited_body_sentence(story):
    for a in story:
        (s,) = summarize([a], n=1)
        assert s.article_id == a.article.id
        assert a.article.text[s.start : s.end] == s.text
        assert (s.start, s.end) in body_sentences(a)  # a whole sentence of the body, never the title
        assert s.position == next(u.position for u in units(a) if u.start == s.start)


def test_story_summary_spans_outlets_cites_and_is_chronological(story):
    out = summarize(story, n=5)
    assert len(out) == 5
    by_id = {a.article.id: a for a in story}
    assert len({s.article_id for s in out}) >= 3  # salience from several articles, not one
    for s in out:
        assert (s.start, s.end) in body_sentences(by_id[s.article_id])
        assert by_id[s.article_id].article.text[s.start : s.end] == s.text
    dates = [(s.published or "9999") for s in out]
    assert dates == sorted(dates)
    for s, t in zip(out, out[1:], strict=False):
        if s.article_id == t.article_id:
            assert s.start < t.start


def test_redundant_sentences_are_left_out(story):
    """An article reported twice (another outlet's copy): its sentences are not chosen twice."""
    a = story[4]
    copy = dataclasses.replace(a, article=dataclasses.replace(a.article, id="copy-of-" + a.article.id))
    out = summarize([a, copy], n=4)
    texts = [s.text for s in out]
    assert len(texts) == len(set(texts)) == 4
    vec = {u.start: u.vec for u in units(a)}
    for i, s in enumerate(out):
        for t in out[i + 1 :]:
            assert cosine(vec[s.start], vec[t.start]) <= 0.5


def test_centrality_across_articles_prefers_what_others_report(story):
    """In a story the centrality of a sentence is its best match in the *other* articles: a sentence
    repeated by a copy of its article is maximally central."""
    a = story[0]
    copy = dataclasses.replace(a, article=dataclasses.replace(a.article, id="copy"))
    assert all(u.parts["centrality"] == pytest.approx(1.0) for u in score_units([a, copy]))
    cands = score_units([a, copy, story[3]])

    def mean(doc: int) -> float:
        cs = [u.parts["centrality"] for u in cands if u.doc == doc]
        return sum(cs) / len(cs)

    assert mean(0) > 0.5 > mean(2)


def test_weights_decide(story):
    a = story[1]
    lead = summarize([a], n=1, weights=Weights(position=10, title=0, centrality=0, actors=0, events=0, length=0),
                     ranker=None)
    assert lead[0].position == 0
    other = summarize([a], n=1, weights=Weights(position=0, title=0, centrality=1, actors=0, events=0, length=0),
                      ranker=None)
    best = max(score_units([a], Weights(position=0, title=0, centrality=1, actors=0, events=0, length=0)),
               key=lambda u: u.score)
    assert other[0].start == best.start


# ---------------------------------------------------------------------- the learned ranker
def _stump(feature: str, threshold: float, low: float, high: float, **kw) -> Ranker:
    """A one-split ranker: ``low`` when the feature is <= threshold, else ``high``."""
    tree = {"f": [ranker_inputs().index(feature), -1, -1], "t": [threshold, 0, 0], "l": [1, -1, -1],
            "r": [2, -1, -1], "v": [0.0, low, high]}
    return Ranker({"features": ranker_inputs(), "trees": [tree], **kw})


def test_sentence_features_one_row_per_candidate(story):
    a = story[2]
    cands, rows = sentence_features(a)
    assert [u.start for u in cands] == [u.start for u in units(a)]
    assert all(len(r) == len(FEATURES) for r in rows)
    f = [dict(zip(FEATURES, r, strict=True)) for r in rows]
    assert [x["cand_rank"] for x in f] == list(range(len(rows)))
    assert f[0]["lead_sim"] == pytest.approx(1.0) and f[0]["hand_gap"] <= 0
    assert all(0 <= x["title_stems_r"] <= 1 and 0 <= x["quote_share"] <= 1 for x in f)
    expanded = ranker_rows(rows)
    assert len(expanded[1]) == len(ranker_inputs()) and expanded[1][len(FEATURES):2 * len(FEATURES)] == rows[0]
    assert sentence_features(a)[1] == rows  # deterministic


def test_ranker_trees_and_lead_margin(story):
    a = story[1]
    # a later sentence predicted better by 0.5: chosen unless the lead's margin is larger
    later = _stump("cand_rank", 0.5, 0.0, 0.5)
    assert later.predict(ranker_rows([[0.0] * len(FEATURES)])) == [0.0]
    assert summarize([a], n=1, ranker=later)[0].position > 0
    assert summarize([a], n=1, ranker=_stump("cand_rank", 0.5, 0.0, 0.5, margin=0.6))[0].position == 0
    # far sentences lose ``far``: the chosen one is among the first ``near`` + 1 candidates
    deep = _stump("cand_rank", 2.5, 0.0, 0.5, near=2, far=1.0)
    assert summarize([a], n=1, ranker=deep)[0].position <= units(a)[2].position
    with pytest.raises(ValueError):
        Ranker({"features": ["no-such-feature"], "trees": []})


def test_shipped_ranker(story):
    r = default_ranker()
    assert r is not None and set(r.columns) <= set(range(len(ranker_inputs())))
    assert r.meta["script"] == "scripts/train_summary.py" and r.margin >= 0 and len(r.trees) > 10
    for a in story:
        cands, rows = sentence_features(a)
        pred = r.predict(ranker_rows(rows))
        assert all(-1 < p < 3 for p in pred)  # ROUGE-1 + ROUGE-2 F1 is in [0, 2]
    # the learned summary of a story: one sentence from each of several outlets, cited, as the hand one
    out = summarize(story, n=3)
    assert len({s.article_id for s in out}) == 3


# ---------------------------------------------------------------------- `khabar eval summary`
def _records() -> list[dict]:
    """Two seed pages as standfirst records, each with its own lead sentence as the «standfirst»."""
    out = []
    for doc in list(iter_sources([str(SAMPLES)]))[3:5]:
        rec = {"id": doc.source.rsplit("/", 1)[-1][:3], "title": doc.title, "text": doc.text, "date": "2022-01-31",
               "summary": "x"}
        a = Analysis.from_dict(analyse_record(rec))
        rec["summary"] = lead1(a)
        out.append(rec)
    return out


def test_eval_summary_cli(tmp_path):
    recs = _records()
    data = tmp_path / "standfirsts.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    cache = tmp_path / "cache.jsonl"
    for split in ("dev", "test"):
        want = [r for r in recs if split_of(r["id"]) == split]
        args = ["eval", "summary", "--data", str(data), "--split", split, "--cache", str(cache)]
        r = CliRunner().invoke(main, args, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        assert f"{len(want)} scored" in r.output
        rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in r.output.splitlines()[2:]}
        if want:
            assert rows["lead-1"] == rows["oracle-1"] == [100.0, 100.0, 100.0]
            assert all(0 < x <= 100 for x in rows["khabar"] + rows["hand"])
    assert len(cache.read_text(encoding="utf-8").splitlines()) == len(recs)  # analysed once, then read back
    bad = CliRunner().invoke(main, ["eval", "summary", "--data", str(tmp_path / "none.jsonl")])
    assert bad.exit_code != 0 and "no such file" in bad.output


def test_oracle_is_the_best_sentence(story):
    a = story[2]
    ref = "اجتماع مجلس روسيا والناتو في سوتشي"
    best = oracle1(a, ref)
    assert all(rouge(ref, best)[0] >= rouge(ref, a.article.text[s:e])[0] for s, e in body_sentences(a))


def test_nothing_to_summarise(story):
    assert summarize([]) == []
    a = story[0]
    title_only = dataclasses.replace(a, sentences=[s for s in a.sentences if s.end <= len(a.article.title or "")])
    assert summarize([title_only]) == []
    assert len(summarize([a], n=2)) == 2
