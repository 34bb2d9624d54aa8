"""Events v2 (issue #11): events whose actor is not named (casualty, bombing and abduction reports,
passive arrests), kidnapping coded as ASSAULT, and the learned argument model."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from khabar.eval.harness import eval_events
from khabar.extract.events import argmodel as ARG
from khabar.ingest.readers import RawDoc
from khabar.model import Event, EventMention
from khabar.pipeline import analyze


def _events(text, title="عنوان الخبر الرئيسي للاختبار"):
    a = analyze(RawDoc(source="t", fmt="json", title=title, text=text, date="2021-03-10"))
    assert "stage_errors" not in a.article.extra, a.article.extra["stage_errors"]
    return a.events


def test_casualties_with_no_killer_named_are_an_event_with_an_unknown_actor():
    ev = _events("وقتل سبعة متظاهرين يوم الثلاثاء قرب مقر محافظة البصرة في العراق.")
    hits = [e for e in ev if e.plover == "ASSAULT"]
    assert hits, ev
    e = hits[0]
    assert e.actor == "XXX" and e.actor_country is None and e.method == "unknown actor"
    assert e.recipient_country == "IRQ" and e.recipient_sector == "CVL"


def test_unidentified_gunmen_are_an_unknown_armed_actor():
    ev = _events("اختطف مسلحون مجهولون ثلاثة صحفيين في مدينة بنغازي الليبية يوم الأحد.")
    hits = [e for e in ev if e.plover == "ASSAULT"]
    assert hits and hits[0].actor == "XXX_UAF", ev
    assert hits[0].actor_country is None  # a location is not the kidnappers' country
    assert not [e for e in ev if e.plover == "COERCE"]  # abduction is ASSAULT, not COERCE


def test_no_participant_no_event():
    # a killing verb with neither an agent nor anyone named or counted: nothing to code
    assert not [e for e in _events("وقال التقرير إن القتل مستمر منذ سنوات في المنطقة.") if e.actor.startswith("XXX")]


def test_police_arrest_stays_coerce():
    ev = _events("اعتقلت الشرطة المصرية ثلاثة ناشطين في القاهرة يوم الجمعة.")
    assert any(e.plover == "COERCE" and e.actor_country == "EGY" for e in ev), ev


def _event(actor, country=None, sector=None):
    return Event(id="e1", plover="ASSAULT", cameo="186", goldstein=-10.0, mode="asserted", actor=actor,
                 recipient="IRQ_CVL", actor_country=country, actor_sector=sector, recipient_country="IRQ",
                 recipient_sector="CVL", mentions=[EventMention(0, 10, 0, 4, "قتل")])


class _A:
    def __init__(self, events):
        self.events = events


@pytest.mark.parametrize("actor, gold, ok", [
    ("XXX", "XXX", True), ("XXX_UAF", "XXX_UAF", True), ("XXX", "XXX_UAF", False), ("IRQ_COP", "XXX", False),
])
def test_gold_unknown_actor_matches_an_unknown_actor(tmp_path, monkeypatch, actor, gold, ok):
    gold_file = tmp_path / "g.tsv"
    gold_file.write_text(f"doc\tASSAULT\t{gold}\tIRQ_CVL\tasserted\tقتل\n", encoding="utf-8")
    import khabar.eval.harness as H

    monkeypatch.setattr(H, "_locate", lambda a, cue, body_only=True: (0, 4))
    country, sector = ("IRQ", "COP") if actor == "IRQ_COP" else (None, "UAF" if actor == "XXX_UAF" else None)
    sc = eval_events({"doc": _A([_event(actor, country, sector)])}, gold_file, "full")
    assert (sc.tp == 1) is ok


def test_argument_model_is_shipped_and_scores_probabilities():
    path = resources.files("khabar") / "data" / "models" / ARG.MODEL
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["labels"] == list(ARG.LABELS) and len(data["intercept"]) == 3 and data["examples"] > 500
    weights, intercept = ARG._weights()
    p = ARG._probs(weights, intercept, ["bias", "rule=actor", "side=before"])
    assert abs(sum(p) - 1) < 1e-9 and all(0 < x < 1 for x in p)
    # the rules' actor before a verb is likelier the actor than a mention governed by «على» after it
    q = ARG._probs(weights, intercept, ["bias", "side=after", "prep=على", "governed"])
    assert p[1] > q[1]


def test_the_object_of_condemnation_is_the_recipient():
    ev = _events("أدانت فرنسا إسرائيل بشدة يوم الاثنين.")
    acc = [e for e in ev if e.plover == "ACCUSE"]
    assert acc and acc[0].actor == "FRA" and acc[0].recipient == "ISR", ev
