"""The event pipeline: per sentence, find the triggers; per trigger, leave out what is no event,
find the actor (the ordered :data:`ACTOR_RULES`), recode the type by who acts, find the recipient,
the modality, the date, and record the event — one per (type, actor, recipient, date, mode) —
with its confidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from ...model import Analysis, Event, Mention, Quote, Sentence
from ...text.textnorm import fold
from ..quotes import DENY, POSITION_VERBS
from . import actor as A
from . import argmodel as ARG
from . import dedup as D
from . import unknown as U
from .actors import _CIVIL, _as_state, _can_act, _code_parts, _is_force, _is_person, _locative, _sector
from .arguments import (
    _FELLOW,
    _counterpart,
    _human_object,
    _object_nationality,
    _pronoun_antecedent,
    _recipient,
    _sentence_subject,
)
from .attributes import _context, _date_for, _location
from .confidence import confidence as event_confidence
from .doc import _Doc, _in_quote, _mention
from .filters import (
    CONVICTION,
    _demanded,
    _describing_participle,
    _not_reported_act,
    _other_sense,
    _part_of_name,
    _reference,
    _unnamed_accuser,
    conviction,
    is_sports,
)
from .forms import _has_conj, _has_enclitic, _passive_perfect, _voweled_passive
from .lexicon import Trigger, _find_triggers, _is_nominal
from .modality import _future_timex, _modality
from .state import Candidate, Reading
from .subject import _RECIPROCAL

Rule = Callable[[_Doc, Reading, Candidate], bool]

# The order matters: each rule sees what the ones before found (and a join ends the trigger).
ACTOR_RULES: tuple[Rule, ...] = (
    A.claimed_by, A.subjected_to, A.agent_phrase, A.syntax_subject, A.passive_patient, A.convicted,
    A.possessed_force, A.attitude_object, A.called_upon, A.possessor, A.noun_agent, A.participle_clause, A.coordinated_verb,
    A.speaker_pronoun, A.call_addressee, A.direct_speaker, A.first_person_speaker, A.protest_not_by_force,
    A.clash_forces, A.protesters, D.join_demonstrative, A.event_noun_agents, A.impersonal_speaker,
    A.coordinated_clause, A.dropped_subject, D.join_protest_reason, D.join_protest_demand, D.join_means,
    D.join_circumstance, D.join_definite, D.join_retreat,
)


def extract_events(a: Analysis) -> list[Event]:
    """The events of an analysed article (none for a sports report)."""
    if is_sports((a.article.title or "") + "\n" + a.article.text):
        return []
    doc = _Doc(a)
    for s in a.sentences:
        if s.tokens:
            _read_sentence(doc, s)
    D.merge_sentence_attacks(doc)
    D.fold_title_events(doc)
    return list(doc.events.values())


def _read_sentence(doc: _Doc, s: Sentence) -> None:
    doc.subject_memory.append(_sentence_subject(doc, s))
    st = Reading(s, {t.start: t for t in s.tokens})
    triggers, doc.consumed = _find_triggers(s, doc.text)
    doc.trigger_starts = [t[0] for t in triggers]
    doc.trigger_types = {t[0]: t[2].plover for t in triggers}
    for ts, te, trig in triggers:
        c = _candidate(doc, st, ts, te, trig)
        if c is None or any(rule(doc, st, c) for rule in ACTOR_RULES):
            continue
        if c.actor is None:
            _unknown_actor(doc, st, c)
        if c.actor is not None and c.actor.entity:
            _code_event(doc, st, c)


def _unknown_actor(doc: _Doc, st: Reading, c: Candidate) -> None:
    """An attack or arrest whose actor no rule found: coded with an unknown actor when the text
    names or counts its victims («اعتقال الناشط X», «مقتل 12 شخصا»); no event otherwise."""
    if c.trig.plover not in ("ASSAULT", "COERCE"):
        return
    counted = U.victims(doc, st, c)
    passive = _voweled_passive(c.tok) or _passive_perfect(c.tok)  # «قُتل», «اختُطف», «اعتُقل»
    if counted is None and (c.nominal or passive):
        counted = U.one_victim(doc, st, c)  # «اختُطف صحفي فرنسي»
    if not (c.nominal or passive or counted):
        return  # an active verb whose subject was not recognised («احتجاجات تجتاح البلاد»): no guess
    named = _recipient(doc, st.s, c.ts, c.te, None, False)
    victim = named if named is not None and named.type != "LOC" else counted
    if counted is not None and victim is not counted and counted.start < victim.start:
        victim = counted  # «وقتل 18 شخصا … الحكومة»: the victims counted right after the trigger
    if victim is None and c.trig.plover == "COERCE":
        victim = U.governed_human(doc, st, c)  # «تنفيذ حكم القتل بالجاني»
    if victim is None and named is not None and named.type == "LOC":
        victim = U.people_of(doc, c, named)  # «قصف على مدينة دوما»: the people of the place attacked
    if victim is None and c.nominal and c.trig.plover == "ASSAULT":
        if D.join_definite(doc, st, c):
            return  # «الهجوم»: the attack already reported
        victim = U.lethal_unnamed(doc, st, c)  # «الهجوم الكيميائي في دوما», «بعد الانفجار»
    if victim is not None:
        c.actor, c.conj, c.how = U.unknown_actor(doc, st, c), victim, U.UNKNOWN_METHOD


def _candidate(doc: _Doc, st: Reading, ts: int, te: int, trig: Trigger) -> Candidate | None:
    """The trigger occurrence to find an actor for, or None when it is no event."""
    s, tok = st.s, st.tok_at.get(ts)
    if _part_of_name(doc, ts, te) or _reference(doc, s, ts, tok):
        return None
    if _demanded(doc, st, ts, tok):
        st.prev_request_end = None
        return None
    st.prev_request_end = te if trig.plover in ("REQUEST", "THREATEN") else None  # «تهديدات بالقتل»: the threatened act
    if conviction(doc, s, te, trig, tok):
        st.prev_request_end = te  # «أدين بالقتل»: what follows is the charge, not another event
        return Candidate(ts, te, CONVICTION, tok, _in_quote(doc, ts), _is_nominal(tok, doc))
    if _other_sense(doc, ts, te, trig, tok) or _not_reported_act(doc, s, ts, te, trig, tok):
        return None
    nominal = _is_nominal(tok, doc)
    if nominal and _describing_participle(doc, s, ts, tok):
        return None
    if not nominal and _has_conj(tok) and _has_enclitic(tok) and ts - st.last_nominal_end <= 40:
        nominal = True  # «إدانة دولة الكويت ورفضها …»: a masdar coordinated with a masdar
    if not nominal and _unnamed_accuser(doc, s, te, trig, tok):
        return None
    return Candidate(ts, te, trig, tok, _stance_free(_in_quote(doc, ts), ts), nominal)


# the verbs whose reported stance starts at its noun (extract/quotes.py), a denial excepted: what «نفى» reports is denied
_STANCE_VERBS = frozenset(v for v in POSITION_VERBS if v not in (DENY, fold("نافيا")))


def _stance_free(q: Quote | None, ts: int) -> Quote | None:
    """The quote a trigger is in, unless the trigger opens a reported stance: «أعرب عن استنكاره للاعتداء», «أبدى
    أسفه لقرار …» start at the stance's noun, the speaker's own act, coded as outside the quote (what a «قال إنه
    اعتقل» reports stays inside)."""
    stance = q is not None and q.kind == "indirect" and q.start == ts and fold(q.verb or "") in _STANCE_VERBS
    return None if stance else q


def _recode(doc: _Doc, st: Reading, c: Candidate, actor: Mention) -> bool:
    """Recode the trigger by who acts; False when that actor makes it no event."""
    kb, trig = doc.kb, c.trig
    assert actor.entity
    if trig.hint("verbal") and _is_person(kb, actor.entity) and (kb.get(actor.entity) is not None or (
        (recipient_hint := _recipient(doc, st.s, c.ts, c.te, actor)) is not None and not _is_force(recipient_hint))):
        # (a politician in the knowledge base «attacking» anyone is criticising: «هاجم الأسد مشاركة قوات …»)
        # «أردوغان يهاجم وزير خارجية الإمارات»: a politician attacking someone is criticism
        c.trig = trig = replace(trig, plover="ACCUSE", cameo="111", goldstein=-2.0)
    if trig.hint("civil") and _sector(kb, actor.entity) not in _CIVIL:
        return False  # «قطع العلاقات»/«تجمع المهنيين»: road blocks and gatherings are protests only by civilians
    if trig.hint("armed") and _sector(kb, actor.entity) not in _CIVIL | {"MIL", "REB", "COP"}:
        return False  # «الجولان التي تحتلها إسرائيل», «احتل المركز الأول»: a state of affairs, a ranking
    if trig.hint("riot") and _sector(kb, actor.entity) in _CIVIL:
        c.trig = replace(trig, plover="PROTEST", cameo="145", goldstein=-7.5)
    elif trig.plover == "ASSAULT" and _CLASH.search(doc.norm, c.ts, c.te) and _PROTESTERS.search(actor.text):
        # «اشتبك متظاهرون مع قوات الشرطة»: protesters clashing with the police are protesting (riot);
        # the police's own acts are coded where they act
        c.trig = replace(trig, plover="PROTEST", cameo="145", goldstein=-7.5)
    return True


_CLASH = re.compile(fold(r"شتبك|شتباك|مواجه|اصطدم|اصطدام"))
_PROTESTERS = re.compile(fold(r"متظاهر|محتج|معتصم|مضرب"))


_OBJECT_AGENT_TYPES = {"ACCUSE", "REJECT", "PROTEST", "THREATEN", "SANCTION"}


def _recipient_of(doc: _Doc, st: Reading, c: Candidate, actor: Mention) -> Mention | None:
    recipient = c.conj or _recipient(doc, st.s, c.ts, c.te, actor, c.trig.plover in _RECIPROCAL)
    if recipient is None and not c.nominal:
        recipient = _pronoun_antecedent(doc, st.s, c.ts, c.tok, actor, c.trig.plover)
    if recipient is None and not c.conj and c.trig.plover in ("ASSAULT", "COERCE"):
        # «ضبط 4 أشخاص», «قتلت القوات 12 مدنيا»: the people counted or named by role right after the act
        victim = U.victims(doc, st, c) or U.one_victim(doc, st, c)
        recipient = victim if victim is not None and victim.start >= c.te else None
    if not c.conj and (cp := _counterpart(doc, st, c)) is not None and (recipient is None or cp.start < recipient.start):
        recipient = cp  # «لقاء مع نظيره الألماني على هامش اجتماع لحلف …»: the German minister
    if not c.conj and c.trig.plover in _OBJECT_AGENT_TYPES:
        agent = _object_nationality(doc, st, c, actor)
        if agent is not None and (recipient is None or recipient.type == "LOC" and agent.start < recipient.start):
            recipient = agent  # «شجب الغارات الإسرائيلية على قطاع غزة»: whose raids are condemned
    if recipient is not None and not c.conj and c.trig.plover == "PROTEST" and not (
            _CLASH.search(doc.norm, c.ts, c.te) or A._AGAINST.search(doc.norm, max(st.s.start, recipient.start - 40),
                                                                      recipient.start)):
        recipient = None  # «مظاهرة فرقتها قوات الأمن»: a protest's target is whom it is against (or clashes with)
    if recipient is not None and recipient.entity == actor.entity:
        recipient = None
    return recipient


def _mode_of(doc: _Doc, st: Reading, c: Candidate, actor: Mention) -> str:
    mode = _modality(doc, st.s, c.ts, c.te, c.trig, st.tok_at.get(c.ts))
    if c.called is not None and actor is c.called and mode == "asserted":
        mode = "proposed"  # called for, not (yet) done
    if mode == "asserted" and _future_timex(doc.a, c.ts):
        mode = "future"  # «يعقد المجلس غدا الثلاثاء اجتماعا»: dated after publication
    return mode


def _code_event(doc: _Doc, st: Reading, c: Candidate) -> None:
    """Code a trigger whose actor is found: its type, recipient, mode and date; then record it as a
    new event or one more mention of an event already found."""
    actor = c.actor = U.unidentified(doc, c.actor) if c.actor is not None else None
    assert actor is not None and actor.entity
    if c.nominal:
        st.last_nominal_end = c.te
        st.last_nominal = (c.te, actor, c.trig.plover)
    if not _recode(doc, st, c, actor):
        return
    st.sent_actor = actor
    if D.join_continuation(doc, st, c):
        return
    st.last_end, st.last_actor = c.te, actor.entity
    actor, recipient = ARG.assign(doc, st, c, actor, _recipient_of(doc, st, c, actor))
    if c.trig.hint("human") and not _human_object(doc, doc.kb, c.tok, c.te, actor, recipient):
        return  # «أوقفت الحكومة المشروع»: halting a project is no arrest
    mode = _mode_of(doc, st, c, actor)
    date = _date_for(doc.a, st.s)
    fellows = _fellows(doc, st, c, actor)
    if recipient is not None and any(f.entity == recipient.entity for f in fellows):
        recipient = None  # «أدانت فرنسا وألمانيا الهجوم»: Germany condemns with France, not France Germany
    recipients = [recipient, *(_fellows(doc, st, c, recipient) if recipient is not None else [])]
    main = None
    for who in [actor, *fellows]:  # one event per actor and per recipient named together
        for whom in recipients:
            if whom is None or who.entity != whom.entity:
                _record(doc, st, c, who, whom, mode, date)
        main = main or st.last_event  # the actor's own event is what the next triggers see
    st.last_event = main


def _fellows(doc: _Doc, st: Reading, c: Candidate, actor: Mention) -> list[Mention]:
    """«اتهمت سوريا وروسيا إسرائيل», «قطعت السعودية والبحرين ومصر العلاقات مع قطر»: the parties
    conjoined with the actor act with it, one event each (not for acts done with each other)."""
    if c.conj is not None or c.trig.plover in _RECIPROCAL or actor.method in ("unknown", "victims"):
        return []
    out: list[Mention] = []
    end = actor.end
    for m in doc.mentions:
        if m.start < end or m is actor:
            continue
        if m.start >= st.s.end or not _FELLOW.fullmatch(doc.norm[end : m.start]):
            break
        if m.entity == actor.entity or not m.entity or (
                not _can_act(doc, m, False) or _locative(doc, m)):
            break
        out.append(m)
        end = m.end
    return out


def _record(doc: _Doc, st: Reading, c: Candidate, actor: Mention, recipient: Mention | None, mode: str,
            date: str | None) -> None:
    kb, trig, s = doc.kb, c.trig, st.s
    # A capital acting stands for its state («واشنطن تدرس فرض عقوبات على موسكو»: USA → RUS)
    actor = _as_state(kb, actor)
    recipient = _as_state(kb, recipient) if recipient is not None else None
    if recipient is not None and recipient.entity == actor.entity:
        recipient = None
    assert actor.entity
    a_cty, a_sec = _code_parts(kb, actor.entity)
    r_cty, r_sec = _code_parts(kb, recipient.entity) if recipient is not None and recipient.entity else (None, None)
    if a_cty == U.UNKNOWN:
        a_cty = None  # «XXX_UAF»: unidentified, of no country
    if a_cty is None:  # an official missing from the knowledge base, coded by the office named with them
        a_cty, a_sec = doc.offices.get(actor.entity, (None, None))
    if r_cty is None and recipient is not None:
        r_cty, r_sec = doc.offices.get(recipient.entity or "", (None, None))
    eid = D.event_id(doc, st, c, actor.entity, recipient, date, mode)
    em = _mention(doc, s, c.ts, c.te)
    if eid in doc.events:
        doc.events[eid].mentions.append(em)
        st.last_event = doc.events[eid]
        return
    q = c.q
    e = doc.events[eid] = Event(
        id=eid, plover=trig.plover, cameo=trig.cameo, goldstein=trig.goldstein, mode=mode,
        actor=actor.entity, recipient=recipient.entity if recipient else None,
        actor_country=a_cty, actor_sector=a_sec, recipient_country=r_cty, recipient_sector=r_sec,
        date=date, location=_location(doc, s), context=_context(doc, s, trig), trigger=doc.text[c.ts : c.te],
        reported_by=(q.speaker or q.source) if q else None, quote_kind=q.kind if q else None,
        mentions=[em], method=c.how + (" (nominal)" if c.nominal else ""),
    )
    e.confidence = event_confidence(e)
    st.last_event = e
