"""Confidence of an extracted event: the probability that its type and its dyad (the actor's and the
recipient's identity or country; an unknown actor or recipient accepted as unknown) are right, from
how it was found. A logistic model over a few readable signals (a verbal or nominal
trigger, a recipient found, the actor from the knowledge base / an unnamed group / an unknown name,
how the actor was found — syntax, a speaker, carried from another clause or sentence, unnamed
protesters —, inside a quotation, a non-asserted mode, a material event). Its weights
(``data/events/confidence.json``) are fitted by ``scripts/calibrate_events.py`` on the
hand-annotated gold articles; the script reports its cross-validated quality."""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources

from ...model import Event

_GENERIC = re.compile(r"^[A-Z]{3}_[A-Z]{3}$")
_CARRIED = ("clause", "earlier sentence", "event noun", "possessor", "addressee")
_IMPLICIT = ("unnamed protesters", "country's people")
_MATERIAL = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION", "RETREAT", "AID"}

FEATURES = ("bias", "nominal", "recipient", "actor_generic", "actor_unknown", "by_speaker", "carried",
            "implicit", "agent_phrase", "in_quote", "not_asserted", "material", "actor_xxx", "recipient_xxx")


def features(e: Event) -> list[float]:
    how = e.method.split(" (")[0]
    return [
        1.0,
        float("nominal" in e.method),
        float(e.recipient is not None),
        float(bool(_GENERIC.match(e.actor))),
        float(e.actor.startswith("new:")),
        float(how == "speaker"),
        float(how in _CARRIED),
        float(how in _IMPLICIT),
        float(how == "agent phrase"),
        float(e.quote_kind is not None),
        float(e.mode != "asserted"),
        float(e.plover in _MATERIAL),
        float(e.actor.startswith("XXX")),  # an unnamed actor of unknown identity («XXX», «XXX_UAF»)
        float((e.recipient or "").startswith("XXX")),
    ]


@functools.lru_cache(maxsize=1)
def _weights() -> list[float] | None:
    try:
        d = json.loads((resources.files("khabar") / "data" / "events" / "confidence.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return [float(d["weights"].get(f, 0.0)) for f in FEATURES]  # a signal the fitted model lacks weighs nothing


def confidence(e: Event) -> float:
    w = _weights()
    if w is None:
        return 0.5
    z = sum(a * b for a, b in zip(w, features(e), strict=True))
    return round(1.0 / (1.0 + math.exp(-z)), 3)
