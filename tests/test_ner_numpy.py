"""The NumPy paths of the NER ensemble give the numbers of the reference paths: the CRF scored from
the model file (``crfweights``/``crfscore``) against python-crfsuite, the batched lattice against the
per-sentence recursions, the memoised document votes against the direct count."""

from __future__ import annotations

import random

import numpy as np
import pytest

from khabar.entities.crf import NER, _doc_votes, doc_attributes, token_record
from khabar.entities.crfscore import CrfScorer
from khabar.entities.crfweights import CrfWeights
from khabar.entities.ensemble import EnsembleNER
from khabar.entities.lattice import forward_backward, posteriors, viterbi
from khabar.entities.neural import NeuralNER
from khabar.entities.rowcache import RowCache

SENTS = [
    "قال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا لن تقبل توسع حلف شمال الأطلسي .".split(),
    [],
    "واجتمع وزير الخارجية الأمريكي مايك بومبيو مع نظيره الأردني أيمن الصفدي في عمان .".split(),
    "وأكد بوتين أن موسكو سترد .".split(),
    ["بوتين"],
]
TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


@pytest.fixture(scope="module")
def crf():
    return NER()


def test_weights_read_from_the_model_file_match_crfsuite_dump(crf):
    w = CrfWeights.load(crf.model_paths[0])
    info = crf.tagger.info()
    assert w.labels == crf.tagger.labels()
    col = {lab: i for i, lab in enumerate(w.labels)}
    for (attr, lab), v in list(info.state_features.items())[:2000]:
        assert abs(w.state[w.attrs[attr], col[lab]] - v) <= 1e-6  # the dump prints six decimals
    for (a, b), v in info.transitions.items():
        assert abs(w.trans[col[a], col[b]] - v) <= 1e-6


@pytest.mark.parametrize("stages", [2, 1])
def test_numpy_crf_matches_crfsuite(stages):
    crf = NER() if stages == 2 else NER(model2=None)
    scorer = CrfScorer(crf)
    s1_ref, feats = crf.features(SENTS)
    s1, post = scorer.tag_and_marginals([token_record(ws) for ws in SENTS])
    assert s1 == s1_ref
    tagger = crf.final_tagger()
    for f, p in zip(feats, post, strict=True):
        assert p.shape == (len(f), len(scorer.labels))
        if f:
            tagger.set(f)
            ref = np.array([[tagger.marginal(lab, i) for lab in scorer.labels] for i in range(len(f))])
            assert np.abs(ref - p).max() < 1e-9


def test_batched_lattice_equals_per_sentence_recursions():
    neural = NeuralNER()
    ems = neural.emissions(SENTS)
    batched = neural.marginals_all(ems)
    for em, p in zip(ems, batched, strict=True):
        if len(em):
            assert np.array_equal(neural.marginals(em), p)  # bit for bit
            assert viterbi([em], neural.w["crf.trans"], neural.w["crf.start"], neural.w["crf.end"])[0] == \
                neural.viterbi(em)
        else:
            assert p.shape == (0, len(neural.tags))
    rng = np.random.default_rng(0)
    scores = [rng.normal(size=(n, 5)) for n in (7, 0, 3, 1)]
    trans = rng.normal(size=(5, 5))
    zero = np.zeros(5)
    for a, b in zip(posteriors(scores, trans), forward_backward(scores, trans, zero, zero), strict=True):
        assert a.shape == b.shape and np.allclose(a, b, atol=1e-12)


def test_ensemble_document_tagging_is_per_sentence_consistent():
    ens = EnsembleNER()
    doc = ens.tag_document(SENTS)
    assert [len(t) for t in doc] == [len(s) for s in SENTS]
    assert ens.tag_document([SENTS[0]])[0] == ens.tag(SENTS[0])


def test_memoised_document_votes_equal_the_direct_count():
    rng = random.Random(3)
    words = [["بوتين", "قال", "موسكو", "بوتين"], ["وبوتين", "موسكو", "في", "بوتين"], ["موسكو", "بوتين"]]
    for _ in range(200):
        tags = [[rng.choice(TAGS[:5]) for _ in ws] for ws in words]
        got = doc_attributes(words, tags)
        occ_free = doc_attributes(words, tags, window=len(words))  # the windowed path counts directly
        assert [[a[-2:] if a[-1].startswith("docfrac") else a[-1:] for a in s] for s in got] == \
            [[a[-2:] if a[-1].startswith("docfrac") else a[-1:] for a in s] for s in occ_free]
    assert _doc_votes((), 0, 0, None) == ["doc=none"]


def test_row_cache_gathers_and_empties_before_a_sentence_that_does_not_fit():
    made: list[str] = []
    cache = RowCache((2,), np.float64, capacity=3)

    def rows(keys):
        return cache.gather(keys, lambda i: (made.append(keys[i]), np.array([len(keys[i]), 1.0]))[1])

    assert rows(["a", "bb", "a"]).tolist() == [[1, 1], [2, 1], [1, 1]]
    assert made == ["a", "bb"]
    assert rows(["bb"]).tolist() == [[2, 1]] and made == ["a", "bb"]  # cached
    assert rows(["ccc", "a"]).tolist() == [[3, 1], [1, 1]]  # did not fit: emptied first, both made again
    assert made == ["a", "bb", "ccc", "a"]
    assert rows(["x", "y", "z", "w"]).shape == (4, 2)  # longer than the cache: made, not kept
