"""One event per (type, actor, recipient, date, mode) in an article, with all its mentions (GDELT's
event ↔ mentions). A trigger without an actor of its own may be one more mention of an event
already reported: «هذه الهجمات», «الهجوم», the means of an attack just reported («بضربات
جوية»), the reason of a protest («احتجاجا على»), a withdrawal already coded as a rejection."""

from __future__ import annotations

import hashlib
import re

from ...model import Event, Mention, Token
from ...text.textnorm import fold, normalize
from . import unknown as U
from .actors import _armed, _as_state, _code_parts, _nationality
from .arguments import _object_nationality
from .doc import _Doc, _mention
from .forms import _AR, _core_of, _has_conj, _has_enclitic
from .state import Candidate, Reading

_TIMED_REF = re.compile(fold(rf"(?<![{_AR}])(?:خلال|أثناء|اثناء|قبل|بعد|عقب|إثر|اثر|منذ|في|إبان)\s*$"))
_DEMONSTRATIVE = re.compile(fold(rf"(?<![{_AR}])(?:هذه|هذا|تلك|ذلك|هذين|هاتين|هؤلاء)\s*$"))


def _definite(doc: _Doc, tok: Token | None, te: int) -> bool:
    """A definite event noun — with the article, a pronoun, or a definite genitive after it
    («الهجوم», «اعتقاله», «اعتقال موكله») — refers to an event already known."""
    if tok is None:
        return False
    if _core_of(tok).startswith("ال") or _has_enclitic(tok):
        return True
    nxt = [w.strip(".،,:؛!؟\"«»()") for w in doc.text[te : te + 20].split()]  # display text: ة is no «ه»
    # «اعتقال موكله»: a genitive with a pronoun (not «عشرات هجمات الطائرات»: a new set of events)
    return bool(nxt) and re.search(r"(?:ه|ها|هم|هما)$", nxt[0]) is not None and _nationality(normalize(nxt[0])) is None
_IN_PROTEST = re.compile(fold(r"(?:و)?احتجاج(?:ا|اً)$"))
_MEANS = re.compile(fold(r"(?:ب|في\s)"))
_FROM_AFTER = re.compile(fold(r"\s*(?:[^\s]+\s+){0,3}?(?:من|عن)\s"))


def _one_more(doc: _Doc, st: Reading, c: Candidate, e: Event) -> bool:
    """Add the trigger as one more mention of ``e``; the trigger is done."""
    e.mentions.append(_mention(doc, st.s, c.ts, c.te))
    return True


def join_demonstrative(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«يريد من وراء هذه الهجمات»: the attacks already reported."""
    if c.nominal and _DEMONSTRATIVE.search(doc.norm, max(st.s.start, c.ts - 8), c.ts):
        same = [e for e in doc.events.values() if e.plover == c.trig.plover]
        if same:
            return _one_more(doc, st, c, same[-1])
    return False


def join_protest_reason(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«تظاهر آلاف … احتجاجا على خطة للحكومة»: why they protested."""
    last = st.last_event
    if c.trig.plover == "PROTEST" and last is not None and last.plover == "PROTEST" and (
            _IN_PROTEST.match(_core_of(c.tok))) and not re.search(r"[.:]", doc.norm[st.last_end : c.ts]):
        if last.recipient is None and (against := _object_nationality(doc, st, c, None)) is not None:
            _set_recipient(doc, last, against)  # «احتجاجا على الحصار الإسرائيلي»: whom the protest is against
        return _one_more(doc, st, c, last)
    return False


def _set_recipient(doc: _Doc, e: Event, m: Mention) -> None:
    """Give an event found without a recipient the one a later mention names."""
    assert m.entity
    cty, sec = _code_parts(doc.kb, m.entity)
    _change(doc, e, recipient=m.entity, recipient_country=cty or m.entity, recipient_sector=sec)


def _key_id(plover: str, actor: str, recipient: str | None, date: str | None, mode: str) -> str:
    """An event's id: a hash of (type, actor, recipient, date, mode), the same in every article."""
    key = "|".join([plover, actor, recipient or "", date or "", mode])
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def _change(doc: _Doc, e: Event, **fields: str | None) -> bool:
    """Change a recorded event's actor or recipient (and what goes with them); its id follows its
    key. False, and nothing changed, when another event of the article already has the new key."""
    actor, recipient = fields.get("actor", e.actor), fields.get("recipient", e.recipient)
    eid = _key_id(e.plover, actor or "", recipient, e.date, e.mode)
    if eid != e.id and eid in doc.events:
        return False
    doc.events.pop(e.id, None)
    for k, v in fields.items():
        setattr(e, k, v)
    e.id = eid
    doc.events[eid] = e
    return True


def join_protest_demand(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«وتظاهر المئات … مطالبين باستقالة نتنياهو», «للمطالبة بالإفراج عن …»: what the protesters demand
    is part of their protest (PLOVER), not a request of its own."""
    last = st.last_event
    if c.trig.plover == "REQUEST" and last is not None and last.plover == "PROTEST" and (
            c.trig.hint("hal") or _DEMANDING.match(_core_of(c.tok))) and not re.search(r"[.:]", doc.norm[st.last_end : c.ts]):
        return _one_more(doc, st, c, last)
    return False


_DEMANDING = re.compile(fold(r"^(?:ل|لل)?(?:ال)?(?:مطالب|مطالبين|مطالبة|مطالبات|مطالبا|مطالبتهم|مطالبتها|مطالبين)"))


def join_means(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«مقتل 26 مسلحا بضربات جوية»: the means of the attack just reported."""
    last, ts = st.last_event, c.ts
    if c.actor is None and c.nominal and last is not None and last.plover == c.trig.plover and (
            0 <= ts - st.last_end <= 30 and not re.search(r"[.،,:؛]", doc.norm[st.last_end : ts])
            and _MEANS.match(doc.norm[ts - (3 if doc.norm[ts - 3 : ts] == "في " else 0) : ts + 1])):
        return _one_more(doc, st, c, last)
    return False


_CIRCUMSTANCE = re.compile(fold(r"(?:^|\s)(?:[وف]?(?:في|خلال|جراء|إثر|اثر|اثناء|أثناء)\s+|[وف]?ب)$"))
_UNKNOWN_ACTORS = ("XXX", "XXX_UAF")


def join_circumstance(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«قتل جندي أمريكي … في هجوم بقذائف الهاون», «قتل 30 قرويا في هجمات نفذتها طالبان»: the attack
    in which the victims just reported fell is the same event; its named agent, if any, becomes the
    actor of an event whose actor was unknown."""
    last = st.last_event
    if not (c.nominal and last is not None and last.plover == c.trig.plover == "ASSAULT" and c.tok is not None):
        return False
    lead = doc.norm[max(st.s.start, c.ts - 10) : c.ts] + _proclitic_text(c.tok)
    if not _CIRCUMSTANCE.search(lead):
        return False
    actor = U.unidentified(doc, c.actor) if c.actor is not None else None
    if actor is not None and actor.entity and actor.entity not in (last.recipient, last.actor) and (
            last.actor in _UNKNOWN_ACTORS and actor.entity not in _UNKNOWN_ACTORS):
        _rekey(doc, last, actor)
    return _one_more(doc, st, c, last)


def _proclitic_text(tok: Token) -> str:
    return "".join(tok.text[g.start - tok.start : g.end - tok.start] for g in tok.segments if g.kind == "proclitic")


def _rekey(doc: _Doc, e: Event, actor: Mention) -> None:
    """Give an event found with an unknown actor its named agent."""
    assert actor.entity
    cty, sec = _code_parts(doc.kb, _as_state(doc.kb, actor).entity or actor.entity)
    _change(doc, e, actor=actor.entity, actor_country=cty, actor_sector=sec, method="agent of the attack")


def join_definite(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«الهجوم», «اعتقال موكله» with no agent named: the event already reported."""
    if c.actor is None and c.nominal and _definite(doc, c.tok, c.te):
        same = [e for e in doc.events.values() if e.plover == c.trig.plover]
        if same:
            return _one_more(doc, st, c, same[-1])
    return False


def join_retreat(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """A withdrawal by a state already coded as its rejection («انسحاب الولايات المتحدة من الاتفاق»)."""
    actor = c.actor
    if actor is not None and actor.entity and c.trig.plover == "RETREAT" and c.nominal and not _armed(actor) and (
            not _FROM_AFTER.match(doc.norm[c.te : c.te + 40])):
        cty = _code_parts(doc.kb, _as_state(doc.kb, actor).entity or "")[0] or actor.entity
        same = [e for e in doc.events.values() if e.plover == "REJECT" and "نسحاب" in e.trigger and (
            e.actor_country == cty or e.actor == actor.entity)]
        if same:
            return _one_more(doc, st, c, same[-1])
    return False


def join_continuation(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """A trigger right after another with the same actor is the same event: «مهتم باستئناف التعاون»,
    «دعا الى توسيع التعاون» (one event, coded by its head); «شن داعش هجمات مباغتة استهدفت مركز
    المحافظة» (one more mention of the same event)."""
    assert c.actor is not None
    if c.ts - st.last_end <= 25 and c.actor.entity == st.last_actor and not _has_conj(c.tok) and not c.from_noun:
        if st.last_event is not None and st.last_event.plover == c.trig.plover:
            st.last_event.mentions.append(_mention(doc, st.s, c.ts, c.te))
        return True
    return False


def event_id(doc: _Doc, st: Reading, c: Candidate, actor: str, recipient: Mention | None, date: str | None, mode: str) -> str:
    """The id of the event a trigger codes: that of an event already found when it is the same
    event, else a hash of (type, actor, recipient, date, mode)."""
    trig = c.trig
    eid = _key_id(trig.plover, actor, recipient.entity if recipient else None, date, mode)
    if eid not in doc.events and recipient is None and c.nominal and _definite(doc, c.tok, c.te):
        # «خلال القمة» after «التحضير لقمة روسيا-الناتو»: the summit already reported
        # (an unmarked mention takes the earlier event's mode; a marked one must agree)
        # «خلال القمة», «بعد الاجتماع»: a time or place reference, whatever the clause's mode
        timed = _TIMED_REF.search(doc.norm, max(st.s.start, c.ts - 8), c.ts) is not None
        same = [e for e in doc.events.values() if (e.plover, e.actor) == (trig.plover, actor)
                and (timed or mode in ("asserted", e.mode))]
        if same:
            eid = same[-1].id
    if eid not in doc.events and recipient is None:
        # «ما اقترحته روسيا» after «اقترحت روسيا على الناتو»: a later mention that leaves the
        # recipient out is the same event
        same = [e for e in doc.events.values() if (e.plover, e.actor, e.date, e.mode) == (trig.plover, actor, date, mode)]
        if same:
            eid = same[0].id
    return eid


def _compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b or a.startswith("XXX") or b.startswith("XXX"):
        return True
    return a.split("_")[0] == b.split("_")[0] and len(a.split("_")[0]) == 3


def merge_sentence_attacks(doc: _Doc) -> None:
    """«قتل 12 شخصا وأصيب 30 في انفجار سيارة مفخخة استهدف سوقا»: the casualties, the blast and the
    strike reported in one sentence with no actor of their own are one attack — an attack of the
    same sentence whose victims agree (the one with a named actor when there is one)."""
    by_sentence: dict[int, list[Event]] = {}
    for e in doc.events.values():
        if e.plover == "ASSAULT" and e.mentions:
            by_sentence.setdefault(e.mentions[0].start, []).append(e)
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        for e in sorted(group, key=lambda x: x.actor not in _UNKNOWN_ACTORS):  # unknown actors first
            if e.actor not in _UNKNOWN_ACTORS or e.id not in doc.events:
                continue
            into = [o for o in group if o is not e and o.id in doc.events and _compatible(o.recipient, e.recipient)]
            if not into:
                continue
            target = next((o for o in into if o.actor not in _UNKNOWN_ACTORS), into[0])
            del doc.events[e.id]
            target.mentions.extend(e.mentions)
            if target.recipient is None and e.recipient is not None:  # its id follows its key
                _change(doc, target, recipient=e.recipient, recipient_country=e.recipient_country,
                        recipient_sector=e.recipient_sector)


def fold_title_events(doc: _Doc) -> None:
    """A headline restates the story the body tells («الدوحة تتهم الإمارات …» over «اتهمت قطر
    الإمارات …»): an event only the title carries is one more mention of the body's event of the same
    type whose parties agree with it — one shared (a known actor or recipient, or unknown attackers of
    compatible victims) and none in conflict — the one sharing the most; a headline's plain present
    («ترمب يستضيف نتنياهو قريباً») may restate a future or proposed event, a marked mode must be the
    body's. With no such event in the body it stays an event of its own. Mentions stay in text order."""
    body = len(doc.a.article.title or "")
    for e in list(doc.events.values()):
        if not body or any(m.trigger_start >= body for m in e.mentions):
            continue
        scored = [(_agreement(o, e), o) for o in doc.events.values() if o is not e and o.plover == e.plover
                  and e.mode in ("asserted", o.mode) and any(m.trigger_start >= body for m in o.mentions)]
        best = max((x for x in scored if x[0] > 0), key=lambda x: x[0], default=None)
        if best is not None:
            del doc.events[e.id]
            best[1].mentions = sorted(best[1].mentions + e.mentions, key=lambda m: m.trigger_start)


def _party(x: str | None, country: str | None) -> str | None:
    """A party as compared between headline and body: its country (or id); None when unknown."""
    return None if x is None or x.startswith("XXX") else (country or x)


def _agreement(a: Event, b: Event) -> int:
    """How many parties two events share (0 when one conflicts): the same actor counts 2, the same
    recipient 1; unknown attackers of compatible victims count 1."""
    pairs = ((_party(a.actor, a.actor_country), _party(b.actor, b.actor_country), 2),
             (_party(a.recipient, a.recipient_country), _party(b.recipient, b.recipient_country), 1))
    if any(x is not None and y is not None and x != y for x, y, _ in pairs):
        return 0
    shared = sum(w for x, y, w in pairs if x is not None and x == y)
    if not shared and a.actor in _UNKNOWN_ACTORS and b.actor in _UNKNOWN_ACTORS and _compatible(a.recipient, b.recipient):
        shared = 1  # an unknown attacker of the same victims
    return shared
