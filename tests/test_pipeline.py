"""The pipeline is a list of components: built and checked up front, run in order, failures contained."""

from __future__ import annotations

import pytest
from conftest import TODAY, seed_path

import khabar
from khabar.ingest.readers import RawDoc
from khabar.pipeline import ARTICLE, CLEAN, EXTRACT, TEXT, Component, Pipeline


def _doc() -> RawDoc:
    return RawDoc(source="t.txt", fmt="text", text=seed_path("000").read_text(encoding="utf-8"))


def test_default_pipeline_is_the_documented_list():
    assert Pipeline.default().names == ["extract", "clean", "article", "metadata", "pubdate", "language", "text",
                                        "entities", "quotes", "timexes", "events", "spans"]
    assert Pipeline.default(entities=False).names[-1] == "timexes"


def test_a_component_whose_needs_nobody_adds_is_refused_when_built():
    with pytest.raises(ValueError, match="needs cleaned"):
        Pipeline([EXTRACT, ARTICLE])


def test_a_custom_pipeline_runs_its_components_only():
    a = Pipeline([EXTRACT, CLEAN, ARTICLE, TEXT]).run(_doc(), TODAY)
    assert a.sentences and not a.mentions and not a.events
    assert a.article.ref_date == TODAY.isoformat() and a.article.published is None


def test_a_failing_later_component_is_recorded_and_the_rest_kept():
    def boom(doc):
        raise RuntimeError("broken on purpose")

    comps = list(Pipeline.default().components)
    comps.insert(comps.index(next(c for c in comps if c.name == "quotes")),
                 Component("boom", boom, ("article",), (), contained=True))
    a = Pipeline(comps).run(_doc(), TODAY)
    assert a.article.extra["stage_errors"] == ["boom: RuntimeError: broken on purpose"]
    assert a.mentions and a.quotes and a.events


def test_public_api_matches_the_pipeline():
    a = khabar.analyze(_doc(), TODAY)
    b = khabar.Pipeline.default().run(_doc(), TODAY)
    assert a.to_dict() == b.to_dict()
