"""NER taggers: the shipped neural model (NumPy inference), the CRF and their ensemble."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.entities.crf import NER, bio_to_spans, evaluate
from khabar.entities.ensemble import EnsembleNER, default_ner
from khabar.entities.neural import NeuralNER, _batches, propagate_labels

SENTS = [
    "قال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا لن تقبل توسع حلف شمال الأطلسي .".split(),
    "واجتمع وزير الخارجية الأمريكي مايك بومبيو مع نظيره الأردني أيمن الصفدي في عمان .".split(),
]


@pytest.fixture(scope="module")
def neural():
    return NeuralNER()


def _types(words, tags):
    return {(" ".join(words[s.start : s.end]), s.type) for s in bio_to_spans(tags)}


def test_neural_tags_people_and_places(neural):
    tags = neural.tag_sentences(SENTS)
    got = _types(SENTS[0], tags[0]) | _types(SENTS[1], tags[1])
    assert ("فلاديمير بوتين", "PER") in got
    assert ("موسكو", "LOC") in got
    assert ("مايك بومبيو", "PER") in got


def test_marginals_are_distributions_and_agree_with_viterbi(neural):
    em = neural.emissions([SENTS[0]])[0]
    p = neural.marginals(em)
    assert p.shape == (len(SENTS[0]), len(neural.tags))
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-4)
    best = neural.viterbi(em)
    # on a confident sentence the Viterbi path and the per-token argmax agree almost everywhere
    assert sum(int(a == b) for a, b in zip(best, p.argmax(axis=1), strict=True)) >= len(best) - 2


def test_batches_keep_similar_lengths_together():
    sents = [["w"] * 400] + [["w"] * 10 for _ in range(20)] + [[]]
    parts = _batches(sents, 64)
    assert sorted(i for p in parts for i in p) == list(range(21))  # the empty sentence is skipped
    assert [0] in parts  # the run-on sentence does not pad the short ones


def test_propagate_labels_one_sense_per_document():
    words = [["وصل", "راسموسن", "إلى", "موسكو"], ["وقال", "راسموسن", "إن"]]
    tags = [["O", "B-PER", "O", "B-LOC"], ["O", "O", "O"]]
    out = propagate_labels(words, tags)
    assert out[1] == ["O", "B-PER", "O"]
    assert propagate_labels(words, tags, window=0)[1] == ["O", "O", "O"]  # outside the window


def test_ensemble_is_at_least_as_good_as_each_tagger_here(neural):
    gold = [
        ["O", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "O", "B-LOC", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"],
        ["O", "O", "O", "O", "B-PER", "I-PER", "O", "O", "O", "B-PER", "I-PER", "O", "B-LOC", "O"],
    ]
    ens = EnsembleNER(neural, NER()).tag_document(SENTS)
    f_ens = evaluate(gold, ens)["micro"]["f1"]
    assert f_ens >= 0.8, ens
    assert all(len(t) == len(w) for t, w in zip(ens, SENTS, strict=True))


def test_tagger_choice(monkeypatch):
    default_ner.cache_clear()
    monkeypatch.setenv("KHABAR_NER", "crf")
    assert isinstance(default_ner(), NER)
    default_ner.cache_clear()
    monkeypatch.setenv("KHABAR_NER", "bogus")
    with pytest.raises(ValueError):
        default_ner()
    default_ner.cache_clear()
    monkeypatch.delenv("KHABAR_NER")
    assert isinstance(default_ner(), EnsembleNER)
    default_ner.cache_clear()
