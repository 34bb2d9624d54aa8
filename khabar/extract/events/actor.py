"""The rules that find the actor of a trigger, each ``rule(doc, reading, candidate) -> bool`` (True:
the trigger is done, no event). They run in the order of :data:`khabar.events.extract.ACTOR_RULES`:
the agent phrase of a passive attack («برصاص X»), the syntactic subject, the addressee of a call, a
possessor, the subject of the clause (participles, coordinated verbs), the speaker of a quotation,
protesters and forces of the clause, the agents of an event noun just before, a subject dropped
and carried from the sentences before."""

from __future__ import annotations

import re

from ...model import Mention
from ...text.textnorm import fold, normalize
from . import unknown as U
from .actors import _CIVIL, _armed, _can_act, _governed, _is_force, _is_person, _sector, _sentence_country
from .arguments import (
    _CALL_VERBS,
    _addressee,
    _agrees,
    _clause_subject,
    _dropped_subject,
    _first_person,
    _no_actor_in,
    _object_after,
    _possessor,
    _speaker,
)
from .dedup import _TIMED_REF, join_definite
from .doc import _Doc
from .filters import _CEASE_BEFORE, CONVICTION
from .forms import (
    _AR,
    _core_of,
    _has_conj,
    _has_enclitic,
    _inflected_verb,
    _passive_perfect,
    _plural_verb,
    _voweled_passive,
)
from .state import Candidate, Reading
from .subject import _QUANT_BEFORE, _REASON_BEFORE, _TITLE_WORDS, _adjacent_subject, _subject

_HE = re.compile(fold(rf"(?<![{_AR}])(?:أنه|انه|إنه|بأنه|بانه|أنها|انها|إنها|بأنها|بانها|أنهم|انهم|إنهم|بأنهم)\s+(?!(?:قد\s+)?(?:تم|يتم|سيتم|جرى|يجري)(?![{_AR}]))(?:(?:لا|لن|لم|قد|سوف)\s+)?(?:[{_AR}]+\s+){{0,2}}(?:أن\s+|ان\s+)?$"))
_PASSIVE_NEXT = re.compile(fold(r"\s+(?:\d+|عدد|العشرات|عشرات|المئات|مئات|اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)(?![\u0621-\u064a])"))
_STRIKE_MANNER = "جوية|جوي|مدفعي|مدفعية|صاروخي|صاروخية"  # «غارة جوية», «قصف مدفعي»: how a strike was made
_AGENT = re.compile(fold(
    r"(?<![\u0621-\u064a])(?:برصاص|بنيران|على\s+يد|على\s+أيدي|على\s+ايدي|من\s+قبل"
    # «بغارة للتحالف», «بغارات جوية للتحالف», «بقصف مدفعي للجيش»: the strike's manner may stand between
    r"|(?:بغارة|بغارات|في\s+غارة|في\s+غارات|بقصف|في\s+قصف|في\s+هجوم|بضربات|بضربة)(?:\s+(?:" + _STRIKE_MANNER + r"))?"
    r"\s+ل(?!مواقع|موقع|مقر|مقرات|منازل|منزل|مناطق|أحياء|احياء|قرى|قرية|بلدة|مدينة|تجمعات|معسكر|مراكز|مركز|مخيم|ثكنة|مستشفى|مبنى)"
    r"|(?:[\u0621-\u064a]+\s+)?(?:نفذتها|نفذها|نفذه|شنتها|شنها|شنه|تبنتها|تبناها|تبناه))\s*"))
# Harm verbs that an unvoweled text writes the same in the active and the passive («اعتقل ثلاثة
# صحفيين»): read as passive when their bare form is followed by the victims and no object
_PASSIVE_HARM = {"186", "173", "181", "180", "190", "1724"}
_VICTIM_SECTORS = {"CVL", "MED", "EDU", "HLH", "LEG", "REF", "BUS", "LAB", "GOV", "MIL", "COP", "OPP"}
_COUNT_BEFORE = re.compile(fold(rf"\s*(?:(?:\d+|[{_AR}]+)\s+(?:من\s+)?)?(?:ال)?$"))
_CLAIM_BEFORE = re.compile(fold(
    rf"(?<![{_AR}])(?:ال)?(?:مسؤولية|مسئولية|مسؤوليته|مسؤوليتها|مسؤوليتهم|مسئوليته|مسئوليتها)\s+عن\s*$"
    rf"|(?<![{_AR}])[وف]?(?:تبنى|تبنت|تبنوا|يتبنى|تتبنى|تبني)(?:\s+[{_AR}]+){{0,4}}\s+$"))
_STRIKES_NEAR = re.compile(fold(rf"(?<![{_AR}])(?:بضربات|بضربة|بغارات|بغارة|بقصف|في\s+ضربات|في\s+غارات|في\s+غارة|في\s+قصف)(?![{_AR}])"))
# After a transitive killing verb, a preposition or adverb instead of an object: the passive
# «قُتلوا خلال الاشتباكات», «قتلا أيضا».
_NO_OBJECT = re.compile(fold(r"\s*(?:[.،,]|$|(?:في|خلال|أيضا|جراء|إثر|اثر|بعد|أمس|اليوم|ليل|ليلة|مساء|صباح|فجر|برصاص|بنيران|بغارة|بغارات|بقصف|على\s+يد)(?![\u0621-\u064a]))"))
_NO_OBJECT_OR_CLAUSE = re.compile(_NO_OBJECT.pattern.replace(r"\s*(?:", r"\s*(?:بجروح|آخرون|آخران|اخرون|اخران)?\s*(?:\s*و[\u0621-\u064a]{3,}|", 1))
_AGAINST = re.compile(fold(rf"(?<![{_AR}])(?:ضد|على|أمام|امام|تجاه|إزاء)(?![{_AR}])[^.،:]{{0,30}}$|(?<![{_AR}])ل\S*$"))
_REPORTERS = {"NGO", "MED", "CVL", "OPP", "EDU", "LAB"}  # who report events more than they act in their statements
_PUBLIC = {normalize(w) for w in "مواطنين مواطنون سكان مدنيين مدنيون أهالي اهالي".split()}  # the public, called upon
_IMPERSONAL = re.compile(fold(rf"(?<![{_AR}])(?:تم|يتم|سيتم|جرى|يجري)(?![{_AR}])[^.:؟!]*$"))
# What the agents of an event noun can be said to do in a clause after it: protests denounce and
# demand (they do not «sweep» — «احتجاجات تجتاح البلاد»); attacks target and kill.
_WHAT_EVENTS_DO = {
    "PROTEST": ("ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST"),
    "ASSAULT": ("ASSAULT", "COERCE"),
}
_COORD_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:كما|ثم)\s*$"))
_SPOKESMAN_OF = re.compile(fold(r"باسم\s*$"))


def agent_phrase(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«قتل 16 من مسلحي الميليشيات»: passive; the victims follow, the killer only «برصاص X»."""
    s, ts, te, trig, tok, nominal = st.s, c.ts, c.te, c.trig, c.tok, c.nominal
    if c.actor is not None:
        return False  # claimed («تبنت حركة الشباب الانفجار»)
    bare_victim = _bare_passive_victim(doc, st, c)
    if not (bare_victim is not None or trig.plover == "ASSAULT" and (
        (not nominal and (_voweled_passive(tok) or (trig.cameo == "186" and _NO_OBJECT.match(doc.norm, te))))
        or (not nominal and trig.cameo == "186" and _PASSIVE_NEXT.match(doc.norm, te)
            and not _adjacent_subject(doc, s, ts, tok))
        or trig.hint("agent")
    )):
        return False
    agent = _AGENT.search(doc.norm, te, s.end)
    by = [m for m in doc.mentions if agent and agent.end() <= m.start < agent.end() + 14]
    victims = [m for m in doc.mentions if te <= m.start < (agent.start() if agent else s.end)]
    if not by:
        by_force = _clause_subject(doc, s, ts) if trig.hint("agent") else None
        if by_force is not None and (_armed(by_force) or (by_force.entity or "").endswith("_COP")) and _STRIKES_NEAR.search(
                doc.norm, te, min(s.end, te + 40)):
            by = [by_force]  # «أعلن الجيش التركي عن مقتل 26 مسلحا بضربات جوية»
    if not by:
        if U.accident(doc, st):
            return True  # «إصابة ثلاثة أشخاص في حادث سير»: no attack
        victim = next((m for m in victims if m.type != "LOC"), None) or U.victims(doc, st, c)
        if victim is None and nominal:
            if join_definite(doc, st, c):
                return True  # «الانفجار»: the blast already reported
            victim = U.lethal_unnamed(doc, st, c)  # «بعد الانفجار الذي وقع في السوق»: unnamed victims
        if victim is None:
            return True  # no one named, no one counted: no participant
        c.actor, c.conj, c.how = U.unknown_actor(doc, st, c), victim, U.UNKNOWN_METHOD
        return False
    c.actor, c.conj = by[0], (victims[0] if victims else bare_victim or U.victims(doc, st, c))
    c.how = "agent phrase"
    return False


def _bare_passive_victim(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """The victims after a bare harm verb read as passive («اعتقل ثلاثة صحفيين في طهران», «قتل جندي
    أمريكي وأصيب اثنان»): an unnamed group (a country and a role) right after the verb — perhaps
    counted — with no object after it; None when the verb is inflected or the reading is active."""
    tok = c.tok
    if c.nominal or tok is None or c.trig.cameo not in _PASSIVE_HARM or _inflected_verb(tok) or _plural_verb(tok):
        return None
    if _adjacent_subject(doc, st.s, c.ts, tok):
        return None
    m = next((x for x in doc.mentions if c.te < x.start <= c.te + 30 and x.start < st.s.end), None)
    if m is None and _PASSIVE_NEXT.match(doc.norm, c.te):
        m = U.victims(doc, st, c)  # «أعدم ثلاثة رجال»: counted people of the sentence's country
        if m is not None and m.start <= c.te + 30:
            return m
        return None
    if m is None or m.method != "generic" or not _COUNT_BEFORE.fullmatch(doc.norm, c.te, m.start):
        return None
    if (m.entity or "").rpartition("_")[2] not in _VICTIM_SECTORS or not _NO_OBJECT_OR_CLAUSE.match(doc.norm, m.end):
        return None
    return m


_SUBJECTED = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:تعرض|تعرضت|تعرضوا|يتعرض|تتعرض|يتعرضون|تعرضه|تعرضها)(?![{_AR}])"))
_FROM_AGENT = re.compile(fold(rf"^(?:\s+[{_AR}]+){{0,2}}?\s+(?:من\s+(?:قبل\s+)?|على\s+يد\s+)"))


def subjected_to(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«تعرضت قطر لانتقادات عدة من جماعات حقوق الإنسان»: the one criticised is the subject of «تعرض»,
    the critic follows «من» (unnamed when none is)."""
    if c.trig.plover != "ACCUSE" or c.actor is not None:
        return False
    verb = next(reversed(list(_SUBJECTED.finditer(doc.norm, max(st.s.start, c.ts - 30), c.ts))), None)
    if verb is None:
        return False
    target = next((m for m in doc.mentions if verb.end() <= m.start and m.end <= c.ts), None) or _clause_subject(
        doc, st.s, verb.start())
    if target is None:
        return False
    frm = _FROM_AGENT.match(doc.norm[c.te : min(st.s.end, c.te + 40)])
    critic = next((m for m in doc.mentions if frm and c.te + frm.end() <= m.start <= c.te + frm.end() + 2), None)
    c.actor = critic or Mention(c.ts, c.te, doc.text[c.ts : c.te], "ORG", U.UNKNOWN, "unknown", 0.5)
    c.conj, c.how = target, "subjected to"
    return False


def claimed_by(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«أعلن تنظيم داعش مسؤوليته عن الهجوم», «تبنت حركة الشباب الانفجار»: who claims the attack did it."""
    if c.trig.plover != "ASSAULT" or not c.nominal:
        return False
    claim = _CLAIM_BEFORE.search(doc.norm, max(st.s.start, c.ts - 50), c.ts)
    if claim is None:
        return False
    before = [m for m in doc.mentions if st.s.start <= m.start and m.end <= c.ts and not _governed(doc, m)
              and _can_act(doc, m, False) and m.start >= claim.start() - 40]
    if before:
        c.actor, c.how = before[-1] if before[-1].start >= claim.start() else before[0], "claim"
    return False


def syntax_subject(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """The subject found by :func:`khabar.events.subject._subject`."""
    trig = c.trig
    if c.actor is None and not trig.hint("hal"):
        c.actor, c.conj = _subject(doc, st.s, c.ts, c.te, c.nominal, trig.plover, c.tok, c.q, trig.hint("riot"),
                                   trig.hint("objgen"))
        c.how = "syntax"
        if c.actor is not None and not c.nominal and trig.cameo == "020" and c.actor.start >= c.te and (
                c.actor.entity or "").endswith("_CVL") and normalize(c.actor.text).removeprefix("ال") in _PUBLIC:
            # «كما دعت المواطنين إلى التعاون»: the citizens are called upon; the caller is elsewhere
            c.conj, c.actor = c.actor, None
    return False


_ATTITUDES = {"ACCUSE", "SUPPORT", "REJECT"}


def attitude_object(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«أدانت فرنسا الهجوم الكيميائي», «رحب بالاتفاق»: an event noun right after a condemnation,
    welcome or rejection is the object of that attitude, not an act of the one who voices it."""
    last = st.last_event
    if c.nominal and c.actor is not None and last is not None and last.plover in _ATTITUDES and (
            c.actor.entity == last.actor and 0 <= c.ts - st.last_end <= 25 and c.trig.plover != last.plover):
        c.actor = None
    return False


_POSSESSED_FORCE = re.compile(fold(
    rf"(?<![{_AR}])[وف]?(?:مقاتل|عناصر|جنود|قوات|مسلح|أنصار|انصار|أتباع|اتباع|مؤيد|رجال|أفراد|افراد)(?:ي|و)?(?:ه|ها|هم)(?![{_AR}])"))


def passive_patient(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«واعتُقلت ثلاث نساء»: after a voweled passive the noun that follows is the one who suffers it."""
    if c.nominal or c.actor is None or c.trig.plover not in ("ASSAULT", "COERCE") or c.actor.start < c.te:
        return False
    if _voweled_passive(c.tok) or _passive_perfect(c.tok):
        c.conj, c.actor, c.how = c.actor, U.unknown_actor(doc, st, c), U.UNKNOWN_METHOD
    return False


def convicted(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«وأدين الجندي بالقتل»: the subject of a passive conviction is the one convicted, by a court
    the sentence does not name."""
    if c.trig is not CONVICTION or c.actor is None or c.nominal:
        return False
    if _core_of(c.tok).removeprefix("و").startswith(("ادين", "أدين", "يدان", "تدان")):
        court = Mention(c.ts, c.te, doc.text[c.ts : c.te], "ORG", "XXX_JUD", "unknown", 0.5)
        c.conj, c.actor, c.how = c.actor, court, U.UNKNOWN_METHOD
    return False


def possessed_force(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«قال تنظيم داعش إن مقاتليه هاجموا …», «وأرسل الجيش عناصره»: the fighters of the party named
    before act for it — the nearest party before the verb in the sentence that can act."""
    if c.nominal:
        return False
    s = st.s
    near = _POSSESSED_FORCE.search(doc.norm, max(s.start, c.ts - 16), c.ts)
    if near is not None and doc.norm[near.end() : c.ts].strip():
        near = None  # not right before the verb
    if near is None and c.actor is None:
        near = _POSSESSED_FORCE.match(doc.norm, c.te + 1, min(s.end, c.te + 20))
    if near is None:
        return False
    before = [m for m in doc.mentions if s.start <= m.start and m.end <= near.start() and _can_act(doc, m, False)
              and not _governed(doc, m)]
    if before:
        c.actor, c.how = before[-1], "possessor"
    return False


def called_upon(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«جدد دعوته الى العراقيين للقيام بتظاهرة»: those called upon would act."""
    c.called = _addressee(doc, st.s, c.ts) if c.nominal else None
    if c.called is not None and (c.actor is None or c.actor.start < c.called.start):
        c.actor, c.conj = c.called, None
        c.how = "addressee"
    return False


def possessor(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«ورفضها», «وتأييده», «جدد دعوته»: the possessor — the nearest actor before it that fits the
    pronoun («على إيران وقف تهديدها»), else the actor of the clause."""
    if c.actor is None and c.nominal and _has_enclitic(c.tok) and c.trig.plover not in ("ASSAULT", "COERCE"):
        c.actor = _possessor(doc, doc.kb, st.s, c.ts, c.tok) or st.sent_actor or _clause_subject(doc, st.s, c.ts)
        c.how = "possessor"
    return False


# Event nouns whose genitive or nationality adjective is what is done to, not who does it («مقتل فلسطيني»,
# «اعتقال الصحفي»): the noun-agent rule leaves them alone.
_PATIENT_NOUNS = re.compile(fold(
    r"(?:مقتل|قتل|اغتيال|اعتقال|احتجاز|اختطاف|خطف|إصابة|اصابة|وفاة|توقيف|إعدام|اعدام|ترحيل|طرد|إجلاء|اجلاء|"
    r"إنقاذ|انقاذ|استهداف|تسميم|محاكمة|سجن|حبس|إحالة|احالة|الإفراج|الافراج)"))
# Types whose event noun takes a person as its agent in the genitive («زيارة الرئيس المصري X», «اجتماع وزير
# الخارجية X»). Other nouns' genitive is as often what is acted on («انتقاد الحكومة», «دعم المعارضة», «قصف حماس»,
# «عقوبات إيران»), and a place after «زيارة» is where the visit goes: only a nationality adjective tells their agent.
_GENITIVE_AGENT_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
_BETWEEN_AGENT = re.compile(fold(r"[\s\u00a0]*(?:(?:ال)?(?:" + _STRIKE_MANNER + r"|عسكري|عسكرية|رسمية|رسمي|"
                                 r"مشترك|مشتركة|عاجل|عاجلة|أخرى|جديدة|جديد)[\s\u00a0]+)?$"))


def noun_agent(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """An event noun's agent said right after it: a person in the genitive of a meeting or a visit
    («زيارة الرئيس المصري عبد الفتاح السيسي للصين») or a nationality adjective («قصف إسرائيلي»,
    «الغارات الأمريكية»). Not for nouns whose genitive is the one the act is done to («مقتل فلسطيني»)."""
    core = _core_of(c.tok)
    if c.actor is not None or _has_enclitic(c.tok) or _PATIENT_NOUNS.search(core):
        return False
    s = st.s
    genitive = c.nominal and c.trig.plover in _GENITIVE_AGENT_TYPES
    nxt = [m for m in doc.mentions if c.te < m.start <= c.te + 40 and m.end <= s.end] if genitive else []
    if nxt:
        m = min(nxt, key=lambda x: x.start)
        gap = doc.norm[c.te : m.start].split()
        if m.type == "PER" and len(gap) <= 3 and all(w in _TITLE_WORDS or doc.kb.nationality(w) for w in gap):
            if not _governed(doc, m):  # «زيارة الرئيس المصري عبد الفتاح السيسي للصين»
                c.actor, c.how = m, "noun agent"
            return False
    if not c.nominal and len(core) > 3:  # a verb («قصف» alone may be its noun)
        return False
    words = list(re.finditer(rf"[{_AR}]+", doc.norm[c.te : min(s.end, c.te + 30)]))[:2]
    if len(words) > 1 and _BETWEEN_AGENT.fullmatch(doc.norm[c.te : c.te + words[1].start()]):
        words = words[1:]  # «غارة جوية أمريكية»
    elif words and doc.norm[c.te : c.te + words[0].start()].strip():
        words = []  # punctuation or a digit first
    if words:
        word = words[0].group()
        iso = doc.kb.nationality(word)
        if iso and word.startswith("ال") == core.startswith("ال"):  # «قصف إسرائيلي», «الغارات الأمريكية»
            s0, e0 = c.te + words[0].start(), c.te + words[0].end()
            c.actor, c.how = Mention(s0, e0, doc.text[s0:e0], "LOC", iso, "nationality", 0.5), "noun agent"
    return False


def participle_clause(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«… قطع علاقاته مع إيران، متهما طهران …»: the participle's subject is the clause's."""
    if c.actor is None and c.trig.hint("hal"):
        c.actor = st.sent_actor or _clause_subject(doc, st.s, c.ts)
        c.conj = c.conj or _object_after(doc, st.s, c.te)
        c.how = "clause"
    return False


def coordinated_verb(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«… وضعت القوات الإسرائيلية دباباتها … وأطلقوا النار»: the coordinated verb shares the
    subject of the clause before it."""
    if c.actor is None and not c.nominal and _has_conj(c.tok) and _inflected_verb(c.tok):
        c.actor = st.sent_actor or _clause_subject(doc, st.s, c.ts)
        c.how = "clause"
    return False


def speaker_pronoun(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«أكد أنه لا يريد أن يهدد الناتو»: «أنه» is the speaker; a name after the verb is its object."""
    q = c.q
    if q is not None and q.speaker and not c.nominal and _HE.search(doc.norm, max(st.s.start, q.start - 8), c.ts):
        obj = c.actor if c.actor is not None and c.actor.start >= c.te else None
        c.actor = _speaker(q)
        c.how = "speaker"
        c.conj = obj
    return False


def call_addressee(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«داعيا روسيا إلى "التوقف عن حشد قواتها"»: the one called upon is the actor."""
    q = c.q
    if q is not None and q.verb in _CALL_VERBS and q.verb_end is not None:
        called = [m for m in doc.mentions if q.verb_end <= m.start < q.start and m.entity]
        c.called = None  # (the addressee of a call word no longer makes the event proposed)
        if called and (c.actor is None or c.actor.start >= q.start and c.nominal):
            c.actor = called[0]
            c.how = "addressee"
    elif c.nominal and _CEASE_BEFORE.search(doc.norm, max(st.s.start, c.ts - 16), c.ts):
        # «دعا الحلف روسيا إلى التوقف عن حشد قواتها»: the one asked to stop is doing it
        last = st.last_event
        asked = last.recipient if last is not None and last.plover == "REQUEST" else None
        called_m = next((m for m in doc.mentions if st.s.start <= m.start < c.ts and m.entity == asked), None) if asked else None
        if called_m is not None:
            c.actor, c.how, c.called = called_m, "addressee", None
    return False


def direct_speaker(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """Direct speech with no other actor named: the speaker («"أعلن اليوم عن فرض عقوبات…"»);
    a monitor, a newspaper or a crowd reporting attacks is not the attacker."""
    q, s, ts = c.q, st.s, c.ts
    if c.actor is None and q is not None and q.speaker and q.kind == "direct" and _no_actor_in(doc, s, q, ts) and not (
            c.nominal and (_TIMED_REF.search(doc.norm, max(s.start, ts - 8), ts)
                           or _REASON_BEFORE.search(doc.norm, max(s.start, ts - 14), ts)
                           or c.trig.plover in ("ASSAULT", "COERCE"))) and (
            _sector(doc.kb, q.speaker) not in _REPORTERS):
        c.actor = _speaker(q)
        c.how = "speaker"
    return False


def first_person_speaker(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«نحن نرحب…», «نريد…» inside a statement: the speaker acts."""
    q = c.q
    if c.actor is None and q is not None and q.speaker and not c.nominal and _first_person(doc, c.tok, c.ts):
        c.actor = _speaker(q)
        c.how = "speaker"
    return False


def protest_not_by_force(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«واجهت السلطات تلك الاحتجاجات»: the authorities face protests, they don't hold them."""
    if c.actor is not None and c.trig.plover == "PROTEST" and (
            _is_force(c.actor) or (c.nominal and _is_person(doc.kb, c.actor.entity))):
        c.actor = None
    return False


def clash_forces(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«تراجعت قوات الأمن … عندما سقط 50 مصابا في اشتباكات عنيفة»: the forces of the clause clash;
    «بدأت الشرطة عملية لإخلاء الموقع، لكن ذلك أسفر عن اشتباكات مع المحتجين»: the clause's force."""
    s, ts = st.s, c.ts
    if c.actor is None and c.nominal and c.trig.hint("clash") and st.sent_actor is None:
        forces = [m for m in doc.mentions if s.start <= m.start < ts and not _governed(doc, m) and (
            _armed(m) or (m.entity or "").endswith("_COP"))
            and not _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 24), m.start)  # the dead, not the agents
            and not _SPOKESMAN_OF.search(doc.norm[max(s.start, m.start - 8) : m.start])]  # a spokesman's force
        if forces:
            c.how = "clause"
            c.actor = forces[0]
    if c.actor is None and c.nominal and c.trig.hint("clash") and st.sent_actor is not None and _is_force(st.sent_actor):
        c.how = "clause"
        c.actor = st.sent_actor
    return False


def protesters(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """Who protests: a country's people («احتجاجات الأردن»), the protesters of the clause («قطع
    متظاهرون عراقيون الطريق … لتصعيد التظاهرات»), else unnamed civilians of the sentence's country
    («تظاهرات عارمة في كازرون»)."""
    trig, kb = c.trig, doc.kb
    if c.actor is not None and trig.plover == "PROTEST" and not trig.hint("civil") and c.actor.type == "LOC" and (
        kb.get(c.actor.entity or "") is not None
    ):
        iso = kb.get(c.actor.entity).country  # «احتجاجات الأردن», «تظاهرات إيران»: the country's people
        actor = c.actor
        c.actor = Mention(actor.start, actor.end, actor.text, "ORG", f"{iso}_CVL", "implicit", 0.5) if iso else None
        c.how = "country's people"
    if c.actor is None and trig.plover == "PROTEST" and st.sent_actor is not None and _sector(kb, st.sent_actor.entity or "") in _CIVIL:
        c.how = "clause"
        c.actor = st.sent_actor
    if c.actor is None and trig.plover == "PROTEST" and not trig.hint("civil"):
        # «احتجاجات الأحواز المستمرة», «الإضراب»: a protest noun names its protesters, if only as unknown people
        iso = _sentence_country(doc, st.s) or (U.UNKNOWN if c.nominal else None)
        if iso:
            c.actor = Mention(c.ts, c.te, doc.text[c.ts : c.te], "ORG", f"{iso}_CVL", "implicit", 0.4)
            c.how = "unnamed protesters"
    return False


def event_noun_agents(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«احتجاجات واسعة تجتاح البلاد تندد بالسياسات», «هجمات مباغتة استهدفت مركز المحافظة»: a verb
    after an event noun describes what the event's agents did."""
    last = st.last_nominal
    if c.actor is None and not c.nominal and last is not None and 0 <= c.ts - last[0] <= 45 and (
            not re.search(r"[.،,:؛]", doc.norm[last[0] : c.ts])) and _agrees(doc.kb, c.tok, last[1]) and (
            c.trig.plover in _WHAT_EVENTS_DO.get(last[2], ())):
        c.actor = last[1]
        c.how = "event noun"
        c.from_noun = True
    return False


def impersonal_speaker(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«أعلن الوزير أنه تم إفشال محاولة … وتوقيف شقيقين»: the announcing authority acted."""
    q = c.q
    if c.actor is None and c.nominal and q is not None and q.speaker and _IMPERSONAL.search(
            doc.norm[max(q.start, st.s.start, c.ts - 80) : c.ts]):
        c.actor = _speaker(q)
        c.how = "speaker"
    return False


def coordinated_clause(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """«أزالت قوات الأمن خيام المعتصمين، كما فرقت المتظاهرين»: the clause's actor."""
    if c.actor is None and not c.nominal and st.sent_actor is not None and _COORD_BEFORE.search(
            doc.norm, max(st.s.start, c.ts - 8), c.ts) and _agrees(doc.kb, c.tok, st.sent_actor):
        c.how = "clause"
        c.actor = st.sent_actor
    return False


def dropped_subject(doc: _Doc, st: Reading, c: Candidate) -> bool:
    """A verb that names no subject outside a quotation: carried from before."""
    if c.actor is None and not c.nominal and c.q is None:
        c.actor = _dropped_subject(doc, doc.kb, st.s, c.ts, c.tok, doc.subject_memory)
        c.how = "earlier sentence"
    return False
