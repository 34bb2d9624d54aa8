"""The actor knowledge base: files load, ids are unique, terms are sane, variants resolve."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.kb.actors import edit1, knowledge_base, skeleton


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


def test_files_load_and_are_sane(kb):
    assert len([a for a in kb.actors.values() if a.kind == "country"]) >= 190
    assert len([a for a in kb.actors.values() if a.kind == "capital"]) >= 150
    people = [a for a in kb.actors.values() if a.kind == "person"]
    assert len(people) >= 120
    for p in people:
        assert p.forms, p.id
        for t in p.terms:
            assert t.start <= t.end, (p.id, t)
            assert t.role in kb.roles, (p.id, t.role)
    for r in kb.roles.values():
        assert r.titles or r.adjacent, r.id


def test_world_states_and_capitals_in_arabic(kb):
    for iso, form in [("RUS", "روسيا"), ("USA", "الولايات المتحدة"), ("EGY", "مصر"), ("UKR", "أوكرانيا"),
                      ("DNK", "الدنمارك"), ("OMN", "عمان")]:
        assert iso in [a.id for a in kb.exact(form)], form
    assert kb.exact("موسكو")[0].id == "RUS:Moscow" and kb.exact("موسكو")[0].kind == "capital"
    assert kb.exact("كييف")[0].country == "UKR"


@pytest.mark.parametrize("form", ["الناتو", "حلف الناتو", "حلف شمال الأطلسي", "الحلف الأطلسي", "حلف الأطلسي"])
def test_nato_forms(kb, form):
    assert kb.exact(form)[0].id == "NATO"


@pytest.mark.parametrize(
    "variant, actor",
    [("راسمون", "anders_fogh_rasmussen"), ("راسموسين", "anders_fogh_rasmussen"), ("مدفيديف", "dmitry_medvedev"),
     ("ميدفيديف", "dmitry_medvedev"), ("روغوزين", "dmitry_rogozin"), ("روجوزين", "dmitry_rogozin"),
     ("ستولتنبيرغ", "jens_stoltenberg"), ("لافروف", "sergey_lavrov"), ("أولبرايت", "madeleine_albright")],
)
def test_spelling_variants(kb, variant, actor):
    got = [a.id for a in kb.exact(variant)] or [a.id for a, _ in kb.fuzzy(variant)]
    assert got and got[0] == actor


def test_skeleton_and_edit_distance():
    assert skeleton("روغوزين") == skeleton("روجوزين")
    assert skeleton("ميدفيديف") == skeleton("مدفيديف")
    assert edit1(skeleton("راسموسن"), skeleton("راسمون"))
    assert not edit1(skeleton("راسموسن"), skeleton("روجوزين"))


def test_role_holders_by_date(kb):
    assert kb.holder("NATO_SG", dt.date(2010, 11, 3)).id == "anders_fogh_rasmussen"
    assert kb.holder("NATO_SG", dt.date(2022, 1, 12)).id == "jens_stoltenberg"
    assert kb.holder("RUS_PRES", dt.date(2011, 7, 4)).id == "dmitry_medvedev"
    assert kb.holder("RUS_PRES", dt.date(2015, 1, 1)).id == "vladimir_putin"
    # A window that spans two terms has no sole holder.
    assert kb.sole_holder("NATO_SG", dt.date(2014, 1, 1), dt.date(2015, 1, 1)) is None
    # Generated country offices carry Arabic titles.
    assert "رئيس الوزراء العراقي" in kb.roles["IRQ_PM"].titles
    assert kb.holder("IRQ_PM", dt.date(2016, 5, 1)).id == "haider_al_abadi"


def test_find_by_english_and_arabic(kb):
    assert [a.id for a in kb.find("NATO")] == ["NATO"]
    assert kb.find("north atlantic treaty organization")[0].id == "NATO"
    assert kb.find("Russia")[0].id == "RUS"
    assert kb.find("Lavrov")[0].id == "sergey_lavrov"
    assert kb.find("الحلف الأطلسي")[0].id == "NATO"
