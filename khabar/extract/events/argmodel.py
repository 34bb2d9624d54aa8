"""Argument assignment by a learned model: for one coded trigger, every candidate participant of
its sentence (the actor mentions, the rules' actor and recipient) is scored ACTOR / RECIPIENT /
NONE by a multinomial logistic model over features that need no parser — order and distance,
clause, quotation and sentence boundaries, the preposition or case cue before the mention, verb
agreement and passive marks, the mention's type and sector, counted victims, and the present
rules' votes. The weights (``data/models/event-args.json``) are trained by
``scripts/train_event_args.py`` on the gold events, cross-validated by article; reading them
needs nothing beyond the standard library."""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources

from ...model import Mention
from ...text.textnorm import fold
from .actors import _as_state, _can_act, _code_parts, _governed, _locative
from .arguments import _agrees
from .doc import _Doc, _in_quote
from .forms import _AR, _plural_verb, _voweled_passive
from .state import Candidate, Reading
from .subject import _QUANT_BEFORE

LABELS = ("NONE", "ACTOR", "RECIPIENT")
MODEL = "event-args.json"
_MAX_CANDIDATES = 12
_PREP = re.compile(fold(rf"(?<![{_AR}])(ضد|على|تجاه|إزاء|مع|من|في|إلى|الى|عن|بين|لدى|باسم|برصاص|بنيران|يد|عبر|حول|بحق)\s+(?:[{_AR}]+\s+)?$"))
_CLITIC_PREP = re.compile(r"(?:^|\s)[وف]?([بلك])$")
_BREAK = re.compile(fold(rf"[.:؛;؟!]|(?<![{_AR}])(?:حيث|بينما|فيما|عندما|حين|لكن|ولكن|إذ|بعدما|وسط|الذي|التي|الذين)(?![{_AR}])"))
_REPORT = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:قال|قالت|أعلن|أعلنت|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت|أوضح|أوضحت|أضاف|أضافت|نقلت|بحسب|وفقا)(?![{_AR}])"))
_NATION = re.compile(fold(rf"(?<![{_AR}])(?:ال)?[{_AR}]{{3,}}(?:يين|يون|ية|ي)(?![{_AR}])"))


@functools.lru_cache(maxsize=1)
def _weights() -> tuple[dict[str, list[float]], list[float]] | None:
    path = resources.files("khabar") / "data" / "models" / MODEL
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["weights"], data["intercept"]


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _position(doc: _Doc, c: Candidate, m: Mention, lo: int) -> list[str]:
    """Order, distance and what lies between the trigger and the mention."""
    after = m.start >= c.te
    gap = doc.norm[c.te : m.start] if after else doc.norm[m.end : c.ts]
    words = len(gap.split())
    lo_b, hi_b = (c.te, m.start) if after else (m.end, c.ts)
    between = sum(1 for x in doc.mentions if lo_b <= x.start < hi_b)
    f = [f"side={'after' if after else 'before'}", f"dist={_bucket(words)}", f"between={_bucket(between)}",
         f"side_type={'after' if after else 'before'}|{c.trig.plover}"]
    if m.start < lo:
        f.append("outside_sentence")
    if _BREAK.search(gap):
        f.append("break_between")
    if "،" in gap or "," in gap:
        f.append("comma_between")
    if _REPORT.search(gap):
        f.append("report_verb_between")
    if _in_quote(doc, m.start) is not _in_quote(doc, c.ts):
        f.append("quote_boundary")
    if words == 0:
        f.append(f"adjacent={'after' if after else 'before'}")
    return f


def _context(doc: _Doc, c: Candidate, m: Mention) -> list[str]:
    """The preposition or case cue before the mention, counted victims, nationality adjectives."""
    before = doc.norm[max(0, m.start - 24) : m.start]
    f = []
    p = _PREP.search(before)
    if p:
        f.append(f"prep={p.group(1)}")
        f.append(f"prep_type={p.group(1)}|{c.trig.plover}")
    cl = _CLITIC_PREP.search(doc.text[max(0, m.start - 2) : m.start])
    if cl:
        f.append(f"clitic={cl.group(1)}")
    if _governed(doc, m):
        f.append("governed")
    if ":" in (m.entity or "") and _locative(doc, m):
        f.append("locative")
    if _QUANT_BEFORE.search(doc.norm, max(0, m.start - 16), m.start):
        f.append("counted")
        f.append(f"counted_type={c.trig.plover}")
    if _NATION.match(doc.norm, m.end) and doc.norm[m.end : m.end + 1] == " ":
        f.append("adjective_after")
    return f


def _identity(doc: _Doc, c: Candidate, m: Mention) -> list[str]:
    """What the mention is: its type, sector, whether it can act, whether the verb agrees with it."""
    kb = doc.kb
    ent = m.entity or ""
    _, sector = _code_parts(kb, _as_state(kb, m).entity or "")
    a = kb.get(ent)
    kind = a.kind if a is not None else ("generic" if sector else ent.split(":")[0] if ":" in ent else "other")
    f = [f"type={m.type}", f"sector={sector}", f"kind={kind}", f"sector_type={sector}|{c.trig.plover}",
         f"kind_type={kind}|{c.trig.plover}"]
    if not _can_act(doc, m, c.nominal):
        f.append("cannot_act")
    if m.method.startswith("unknown"):
        f.append("unknown_actor")
    if not c.nominal and c.tok is not None:
        f.append(f"agrees={_agrees(kb, c.tok, m)}")
        if _plural_verb(c.tok):
            f.append("plural_verb")
        if _voweled_passive(c.tok):
            f.append(f"passive|{'after' if m.start >= c.te else 'before'}")
    return f


def _belongs(kb, m: Mention, other: Mention) -> bool:
    """One of the two is an official of the other («راسموسن» and NATO, his secretary-general's office):
    they act together, neither is the other's recipient."""
    for x, y in ((m, other), (other, m)):
        a = kb.get(x.entity or "")
        if a is not None and y.entity and any(t.role.startswith(y.entity + "_") for t in a.terms):
            return True
    return False


def features(doc: _Doc, st: Reading, c: Candidate, m: Mention, actor: Mention, recipient: Mention | None) -> list[str]:
    """The features of one (trigger, candidate) pair, the rules' votes among them."""
    f = ["bias", f"trig={c.trig.plover}", f"nominal={c.nominal}", f"how={c.how.split(' ')[0]}"]
    f += _position(doc, c, m, st.s.start) + _context(doc, c, m) + _identity(doc, c, m)
    if m is actor or (m.start, m.end) == (actor.start, actor.end):
        f += ["rule=actor", f"rule_actor_how={c.how.split(' ')[0]}", f"rule_actor_type={c.trig.plover}"]
    if recipient is not None and (m is recipient or (m.start, m.end) == (recipient.start, recipient.end)):
        f += ["rule=recipient", f"rule_recipient_type={c.trig.plover}"]
    if m.entity == actor.entity:
        f.append("same_entity_as_rule_actor")
    elif _belongs(doc.kb, m, actor):
        f.append("official_of_rule_actor")
    return f


def candidates(doc: _Doc, st: Reading, actor: Mention, recipient: Mention | None) -> list[Mention]:
    """The sentence's actor mentions nearest the trigger, and the rules' actor and recipient."""
    s = st.s
    ms = [m for m in doc.mentions if s.start <= m.start < s.end and m.entity]
    out = [actor] + ([recipient] if recipient is not None else [])
    seen = {(m.start, m.end) for m in out}
    for m in ms:
        if m.type == "LOC" and _locative(doc, m):
            continue  # «في العراق», «بالبصرة»: where it happened, not who took part
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out[:_MAX_CANDIDATES]


def _probs(weights: dict[str, list[float]], intercept: list[float], feats: list[str]) -> list[float]:
    z = list(intercept)
    for name in feats:
        w = weights.get(name)
        if w is not None:
            z = [a + b for a, b in zip(z, w, strict=True)]
    top = max(z)
    e = [math.exp(v - top) for v in z]
    total = sum(e)
    return [v / total for v in e]


def assign(doc: _Doc, st: Reading, c: Candidate, actor: Mention,
           recipient: Mention | None) -> tuple[Mention, Mention | None]:
    """The actor and recipient the model prefers: the candidate most likely the actor when the
    model is more sure of it than of the rules' actor, and the one most likely the recipient
    (the rules' when no candidate is likely enough)."""
    model = _weights()
    if TRACE is not None:
        TRACE.append((doc, st, c, actor, recipient, candidates(doc, st, actor, recipient)))
    if model is None:
        return actor, recipient
    weights, intercept = model
    cands = candidates(doc, st, actor, recipient)
    scored = [(m, _probs(weights, intercept, features(doc, st, c, m, actor, recipient))) for m in cands]
    best_actor = max(scored, key=lambda x: x[1][1])
    unknown = actor.method == "unknown"  # the rules found victims but no agent: the model does not invent one
    if not unknown and best_actor[0] is not actor and best_actor[1][1] > scored[0][1][1] + ACTOR_MARGIN and (
            best_actor[1][1] > best_actor[1][2]) and _can_act(
            doc, best_actor[0], c.nominal):
        actor = best_actor[0]
    rest = [x for x in scored if x[0] is not actor and x[0].entity != actor.entity and not _belongs(doc.kb, x[0], actor)]
    best_rec = max(rest, key=lambda x: x[1][2], default=None)
    threshold = RECIPIENT_THRESHOLD if recipient is not None else NEW_RECIPIENT_THRESHOLD
    if best_rec is not None and best_rec[1][2] >= threshold:
        return actor, best_rec[0]
    if recipient is not None and recipient.entity == actor.entity:
        return actor, None
    return actor, recipient if RECIPIENT_FALLBACK else None


ACTOR_MARGIN = 0.1
RECIPIENT_THRESHOLD = 0.1  # to replace the rules' recipient
NEW_RECIPIENT_THRESHOLD = 0.3  # to add one where the rules found none
RECIPIENT_FALLBACK = True  # keep the rules' recipient when no candidate passes
TRACE: list | None = None  # set by scripts/train_event_args.py to collect the candidates
