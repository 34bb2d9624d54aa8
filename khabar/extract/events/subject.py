"""The syntactic subject of a trigger: relative clauses, a subject right before the verb (SVO,
conjoined subjects), the VSO subject after it, the agent after a noun trigger (nationality
adjective, «بين X و Y», genitive, «من قبل X»), else an earlier subject of the sentence."""

from __future__ import annotations

import re

from ...model import Mention, Quote, Sentence, Token
from ...text.textnorm import fold
from .actors import (
    _CIVIL,
    _armed,
    _can_act,
    _gov_org,
    _governed,
    _is_force,
    _locative,
    _main_dyad,
    _nationality,
)
from .doc import _Doc
from .forms import _AR, _core_of, _has_conj, _has_enclitic, _plural_verb, _tok_base
from .lexicon import lexicon

_RECIP_PREP = re.compile(fold(rf"(?<![{_AR}])(?:مع|على|إلى|الى|ضد|تجاه|حيال|بين|عن|عند|حدود|قرب|باتجاه|صوب)(?![{_AR}])"))
_SIDES = re.compile(fold(rf"(?<![{_AR}])(?:ال)?(?:طرفين|طرفان|جانبين|جانبان|بلدين|بلدان|دولتين|دولتان|الطرفين|الجانبين)(?![{_AR}])"))
_STOP_AFTER = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|لم|لن|أن|ان|إن|التي|الذي|كي|لكي|حتى)(?![{_AR}])"))
_AGENT_GENITIVE = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "PROTEST", "CONCEDE"}
_TITLE_WORDS = {fold(w) for w in (
    "رئيس الرئيس وزير الوزير وزيرة الوزراء الحكومة الخارجية الدفاع الداخلية الملك العاهل الأمير الأمين العام"
    " نائب المتحدث الناطق باسم زعيم الزعيم قائد رئيسة"
).split()}
_STATE_NOUNS = {fold(w) for w in "دولة حكومة جمهورية مملكة سلطنة إمارة".split()}
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "REJECT", "THREATEN", "PROTEST"}
_QUANT_BEFORE = re.compile(fold(
    r"(?:\d+|عدد|العشرات|عشرات|المئات|مئات|آلاف|الآلاف|ألف|اثنين|اثنان|فردين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)"
    r"\s*(?:من\s+)?(?:(?:أفراد|عناصر|أعضاء|جنود|رجال|مقاتلي|مسلحي|منتسبي|ضباط|عنصرا|مسلحا|جنديا)\s+)?(?:من\s+)?$"))
_ADJACENT_OK = {fold(w) for w in "قد لقد فقد وقد".split()}
# Verbs whose subject witnesses, suffers, repels or judges an attack rather than making it
# («شهدت بلجيكا هجمات», «تعرضت السفارة لهجوم», «تصدت الدفاعات لهجوم», «اعتبرت بريطانيا الهجمات»).
_EXPERIENCER_VERBS = (
    "شهد|شهدت|تشهد|يشهد|شهدها|تعرض|تعرضت|يتعرض|تتعرض|تعرضها|تعرضه|تعرضهم|عاش|عاشت|تعيش|تصدى|تصدت|يتصدى|تتصدى|التصدي"
    "|صد|صدت|أحبط|أحبطت|يحبط|تحبط|اعتبر|اعتبرت|يعتبر|تعتبر|وصف|وصفت|يصف|تصف"
    "|تلقى|تلقت|يتلقى|تتلقى|تلقوا|حصل|حصلت|يحصل|تحصل|نفى|نفت|ينفي|تنفي"
)
_EXPERIENCER = re.compile(fold(rf"(?<![{_AR}])(?:[وفل])?(?:{_EXPERIENCER_VERBS})(?![{_AR}])"))  # between subject and trigger
_EXPERIENCER_END = re.compile(fold(rf"(?<![{_AR}])(?:[وف])?(?:{_EXPERIENCER_VERBS})\s*$"))  # right before the subject
_COMP_ONLY = re.compile(fold(rf"(?<![{_AR}])(?:[وفل]?(?:أن|ان|إن)|بأن|بان)(?![{_AR}])"))


def _adjacent_subject(doc: _Doc, s: Sentence, ts: int, tok: Token | None) -> bool:
    """An actor right before the verb («قوات الأمن قتلت 3 متطرفين»): active voice."""
    if _has_conj(tok):
        return False
    before = [m for m in doc.mentions if s.start <= m.start and m.end <= ts and not _governed(doc, m)]
    if not before:
        return False
    m = before[-1]
    return all(w in _ADJACENT_OK for w in doc.norm[m.end : ts].split()) and _can_act(doc, m, False) and (
        not re.search(r"[،,.:]", doc.norm[m.end : ts])
    )


_REL_BEFORE = re.compile(fold(rf"(?<![{_AR}])[و]?(?:التي|الذي|الذين|اللذين|اللتين|ما)\s*$"))
_REL_AGENT = re.compile(fold(rf"\s*(?:[{_AR}]+\s+){{0,2}}?(?:التي|الذي|اللذين|اللتين)\s+(?:[وف]?(?:قد|كان|كانت)\s+)?[{_AR}]{{2,}}(?:ها|ه|هما|هم)(?![{_AR}])"))
# «عقوبات تفرضها الولايات المتحدة», «هجمات يشنها التنظيم»: a verb with a resumptive pronoun right
# after an indefinite noun trigger is its relative clause; the verb's subject is the agent
_REL_AGENT_BARE = re.compile(fold(rf"\s*(?:[يت][{_AR}]{{2,}}|[{_AR}]{{2,}}ت)(?:ها|ه|هما|هم)(?![{_AR}])"))
_TIME_WORDS = {fold(w) for w in (
    "اليوم أمس غدا الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الليلة صباح مساء"
).split()}
_COMP_WORDS = {fold(w) for w in "إن ان أن بأن لأن وإن فإن".split()}
_PARTICLES = {fold(w) for w in (
    "لا لم لن قد لقد وقد ما إن ان أن إنه انه أنه كما ثم حيث بينما فيما عندما حين إذ إذا اذا لكن لكنه ولكن"
    " بل أو او و ف التي الذي الذين هي هو هم هن نحن أيضا ايضا كذلك اليوم أمس الآن حاليا سوف ولا ولم ولن"
).split()}


def _relative_subject(doc: _Doc, s: Sentence, ts: int, tok: Token | None) -> bool:
    """An imperfect verb right after an indefinite common noun is its relative clause
    («محاولة تستهدف»): the noun, not a named actor elsewhere, is the subject. So is any verb
    right after an indefinite event noun («في غارة استهدفت مقرا لقيادات الحوثي»)."""
    prev_trig = [t for t in doc.trigger_starts if t < ts and not re.search(r"\S\s+\S", doc.norm[t:ts].strip())]
    if prev_trig and not _has_conj(tok) and not doc.norm[prev_trig[-1] : prev_trig[-1] + 2] == "ال" and (
            re.fullmatch(r"[\u0621-\u064a]+\s+", doc.norm[prev_trig[-1] : ts])):
        return True
    c = _core_of(tok)
    if c[:1] == "س" and len(c) >= 5:
        c = c[1:]  # «سيبحث»
    if _has_conj(tok) or not (c[:1] in "يت" and len(c) >= 4):
        return False
    prev = doc.norm[max(s.start, ts - 20) : ts].split()
    if not prev or re.search(r"[،,.:\"«»]", doc.norm[ts - 2 : ts]):
        return False
    w = prev[-1]
    if w in _PARTICLES or w in _TIME_WORDS or not re.fullmatch(rf"[{_AR}]{{3,}}", w):
        return False
    if w.startswith("ال") and not (len(prev) >= 2 and prev[-2] in _COMP_WORDS):
        return False  # «إن الاجتماع سيبحث»: only a definite noun opening a clause is surely the subject
    if any(m.start <= ts - 1 - len(w) < m.end or m.start < ts <= m.end + 1 for m in doc.mentions):
        return False  # «روسيا تستهدف»: a named subject
    return _nationality(w) is None


_RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE", "ASSAULT"}
_TARGETING = {fold(w) for w in "استهداف مهاجمة قتل اعتقال احتجاز ملاحقة محاصرة استهدافها استهدافه".split()}  # genitive = target


def _conjuncts(doc: _Doc, before: list[Mention], m: Mention) -> list[Mention]:
    """«الإمارات والكويت والسعودية»: the chain of conjoined actors ending with ``m``, first first."""
    chain = [m]
    while True:
        prev = [x for x in before if x.end <= chain[0].start and re.fullmatch(r"\s*[،,]?\s*و\s*", doc.norm[x.end : chain[0].start])]
        if not prev:
            return chain
        chain.insert(0, prev[-1])


_Pair = tuple[Mention | None, Mention | None]
_BETWEEN = re.compile(fold(r"\s*(?:[\w\u0621-\u064a]+\s+){0,3}?بين\s+"))
_PRONOUN_END = re.compile(fold(r"(?:ها|هما|هم|ه)$"))
_FROM_END = re.compile(fold(r"(?<![\u0621-\u064a])من\s*$"))
_FROM_ONLY = re.compile(fold(r"\s*من\s*"))
_ABOUT_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:مع|على|عن|إزاء|ازاء|حيال)\s*$"))
_VERB_BEFORE = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:[يت][{_AR}]{{2,}}|[{_AR}]{{2,}}ت)\s+$"))
_QAD_END = re.compile(fold(rf"(?<![{_AR}])قد\s*$"))


def _subject(doc: _Doc, s: Sentence, ts: int, te: int, nominal: bool, plover: str = "",
             tok: Token | None = None, q: Quote | None = None, riot: bool = False, objgen: bool = False
             ) -> _Pair:
    """(actor, recipient-from-conjunction) of a trigger: a conjoined SVO subject («روسيا والناتو
    يبحثان»), «الطرفين» (the article's main dyad), a subject right before the verb («كانت قوات
    الأمن قد قتلت المهاجم»: the noun after the verb is then its object), the VSO subject after a
    verb, the genitive after a noun («زيارة راسموسن»), «بين X و Y», else an SVO subject before it."""
    before = _preceding(doc, s, ts, nominal, q)
    if nominal:
        found = _relative_agent(doc, s, te, tok) or _noun_agent(doc, s, ts, te, plover, tok, before, objgen)
    else:
        found = (_verb_relative(doc, s, ts, te, tok) or _preverbal(doc, s, ts, plover, tok, before)
                 or _two_sides(doc, s, ts) or _postverbal(doc, s, ts, te, plover, tok, riot))
    if found is not None:
        return found
    before = _drop_non_agents(doc, s, ts, plover, tok, before, nominal, riot)
    found = _earlier_subject(doc, s, ts, plover, before, nominal)
    if found is None and not nominal:
        found = _masdar_between(doc, s, te)
    return found or (None, None)


def _preceding(doc: _Doc, s: Sentence, ts: int, nominal: bool, q: Quote | None) -> list[Mention]:
    """The actors before the trigger that may be its subject."""
    lo = max(s.start, q.start) if q is not None else s.start  # the reporter is not the agent of what is reported
    before = [m for m in doc.mentions if lo <= m.start and m.end <= ts and not _governed(doc, m)]
    # «شهدت بلجيكا هجمات», «تعرضت السفارة لهجوم»: the place or the target, not the agent
    before = [m for m in before if not _EXPERIENCER.search(doc.norm, m.end, ts)
              and not _EXPERIENCER_END.search(doc.norm[max(s.start, m.start - 12) : m.start])]
    # another event word between a subject and a noun trigger takes that subject («أحبطت محاولة لشن هجوم»)
    if nominal:
        before = [m for m in before if not any(m.end <= t < ts for t in doc.trigger_starts)]
    return before


def _verb_relative(doc: _Doc, s: Sentence, ts: int, te: int, tok: Token | None) -> _Pair | None:
    """A verb in a relative clause: its subject is the antecedent or follows the verb."""
    if _relative_subject(doc, s, ts, tok):
        return None, None  # «أي محاولة تستهدف أمن المغرب»: the verb's subject is the noun before it
    rel_pron = None if _has_conj(tok) else _REL_BEFORE.search(doc.norm, max(s.start, ts - 12), ts)
    if not rel_pron:
        return None
    # A verb right after a relative pronoun: its subject is the antecedent («المتظاهرين الذين
    # اقتحموا») or follows the verb («الجدول الذي اقترحه بولتون»), never an earlier actor
    # («الأخطار التي تهددهم»: the threats).
    ante = [m for m in doc.mentions if m.end <= rel_pron.start() and re.fullmatch(r"[\s،,]*", doc.norm[m.end : rel_pron.start()])]
    resumptive = _has_enclitic(tok) or _PRONOUN_END.search(_core_of(tok)) is not None
    if ante and _can_act(doc, ante[-1], False) and not resumptive:
        return ante[-1], None
    after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 40)]
    true_rel = rel_pron.group(0).strip().lstrip("و") not in ("ما",)
    if after and (resumptive or not true_rel) and len(doc.norm[te : after[0].start].split()) <= 3 and not _RECIP_PREP.search(doc.norm[te : after[0].start]) \
            and _can_act(doc, after[0], False):
        return after[0], (ante[-1] if resumptive and ante else None)
    return None, None


def _relative_agent(doc: _Doc, s: Sentence, te: int, tok: Token | None) -> _Pair | None:
    """«القمة التي عقدها ترامب مع …», «الغارات التي شنها التحالف»: the relative clause's subject."""
    rel = _REL_AGENT.match(doc.norm, te, min(s.end, te + 40)) or (
        None if _core_of(tok).startswith("ال") else _REL_AGENT_BARE.match(doc.norm, te, min(s.end, te + 20)))
    if rel:
        agent = [m for m in doc.mentions if rel.end() <= m.start < rel.end() + 25 and _can_act(doc, m, False)]
        gap = doc.norm[rel.end() : agent[0].start] if agent else ""
        if agent and len(gap.split()) <= 3 and not re.search(r"[،,.:]", gap):
            return agent[0], None
    return None


def _preverbal(doc: _Doc, s: Sentence, ts: int, plover: str, tok: Token | None, before: list[Mention]) -> _Pair | None:
    """A subject right before the verb («قوات الأمن قتلت», «روسيا والناتو يبحثان»)."""
    if not before or _has_conj(tok):
        return None
    m = before[-1]
    gap = doc.norm[m.end : ts].replace("،", " ").replace(",", " ").split()
    victims = plover == "ASSAULT" and _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 16), m.start)
    kana = _KANA_BEFORE.search(doc.norm[max(s.start, m.start - 8) : m.start]) is not None
    # «المحكمة الإسرائيلية العليا تؤيد»: an adjective may stand between the subject and the verb
    gap = [w for w in gap if not (w.startswith("ال") and len(gap) == 1)]
    if all(w in _ADJACENT_OK for w in gap) and _can_act(doc, m, False) and not victims and (
        not re.search(r"[،,.:]", doc.norm[m.end : ts]) or (kana and not re.search(r"[.:]", doc.norm[m.end : ts]))
    ):
        chain = _conjuncts(doc, before, m)
        if len(chain) == 2 and plover in _RECIPROCAL:
            return chain[0], m
        return chain[0], None
    return None


def _two_sides(doc: _Doc, s: Sentence, ts: int) -> _Pair | None:
    """«الطرفين», «الجانبين» before the verb: the article's main dyad."""
    if _SIDES.search(doc.norm, max(s.start, ts - 25), ts):
        return _main_dyad(doc)
    return None


def _postverbal(doc: _Doc, s: Sentence, ts: int, te: int, plover: str, tok: Token | None, riot: bool) -> _Pair | None:
    """The VSO subject right after the verb."""
    # «أطلقوا النار باتجاه متظاهرين»: a plural verb carries its subject; what follows is not it;
    # nor does a first-person verb («ونحن نحث روسيا»)
    core = _core_of(tok)
    # «نحث» is «يحث» in the first person; «ناشدت», «ندد» are third-person verbs that begin with «ن»
    first_person = core[:1] == "ن" and len(core) >= 3 and ("ي" + core[1:]) in lexicon()[0]
    after = [] if _plural_verb(tok) or first_person else [m for m in doc.mentions if te <= m.start < min(s.end, te + 60)]
    if after and any(te < t < after[0].start for t in doc.trigger_starts):
        after = []  # «أدان استهداف ميليشيات الحوثي للسعودية»: the name is the masdar's agent
    # «فرقت المتظاهرين», «أزالت خيام المعتصمين»: the words the trigger required hold its object
    req_start, req_end = doc.consumed.get(ts, (te, te))
    after = [m for m in after if not (req_start <= m.start < req_end) and not (
        req_end > te and m.start >= req_end and not doc.norm[req_end : m.start].strip())]
    if not after:
        return None
    m = after[0]
    gap = doc.norm[te : m.start]
    commas_ok = len(gap.split()) <= 4 and not re.search(r"[.:]", gap)  # «فرضها الرئيس الأمريكي، دونالد ترامب»
    partitive = plover in _HOSTILE and _FROM_END.search(gap) and not (
        riot and (m.entity or "").endswith("_CVL"))  # «رشق عدد من الفلسطينيين السياج»: they threw
    if len(gap.split()) <= 4 and not _RECIP_PREP.search(gap) and not _STOP_AFTER.search(gap) and (
        commas_ok or not re.search(r"[،,.:]", gap)
    ) and not _governed(doc, m) and _can_act(doc, m, False) and not partitive:
        return m, None
    return None


def _noun_agent(doc: _Doc, s: Sentence, ts: int, te: int, plover: str, tok: Token | None,
                before: list[Mention], objgen: bool) -> _Pair | None:
    """The agent of a noun trigger, after it: a nationality adjective, «بين X و Y», a genitive."""
    adj = re.match(r"\s*([\u0621-\u064a]+)", doc.norm[te : te + 25])
    if adj:
        iso = _nationality(adj.group(1))
        if iso:  # «قصف إسرائيلي», «غارات أمريكية»: the state is the actor
            return Mention(te + adj.start(1), te + adj.end(1), doc.text[te + adj.start(1) : te + adj.end(1)],
                           "LOC", iso, "adjective", 0.6), None
    after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 50)]
    return (_noun_between(doc, s, te, after) or _noun_genitive(doc, te, plover, tok, after)
            or _noun_named(doc, s, ts, te, plover, before, after, objgen))


def _noun_between(doc: _Doc, s: Sentence, te: int, after: list[Mention]) -> _Pair | None:
    """«الاشتباكات بين قوات الأمن وأعضاء جماعة …»: the two parties."""
    between = _BETWEEN.match(doc.norm[te : min(s.end, te + 40)])
    if between and re.search(r"\d\s+بين\s+$", doc.norm[te : te + between.end()]):
        between = None  # «اختطاف 4392 بين المدنيين والسياسيين»: among them, the victims
    if between and len(after) >= 2 and not _locative(doc, after[1]):
        return after[0], after[1]
    if between and after and _can_act(doc, after[0], True) and not _locative(doc, after[0]):
        return after[0], None  # «الاشتباكات بين قوات الأمن وأعضاء جماعة …»
    return None


def _noun_genitive(doc: _Doc, te: int, plover: str, tok: Token | None, after: list[Mention]) -> _Pair | None:
    """The actor right after a noun trigger of a given type: an armed group's attack, a force's
    arrest, the supporter «بدعم من», the protesters of a protest."""
    if not after:
        return None
    m = after[0]
    if plover == "ASSAULT" and re.fullmatch(r"\s*(?:[\u0621-\u064a]+\s+)?لل?", doc.text[te : m.start]) and (
            _can_act(doc, m, False)):
        return m, None  # «بعد هجوم للحوثيين», «غارة للتحالف»: by them
    if plover == "ASSAULT" and not doc.norm[te : m.start].strip() and (_armed(m) or _gov_org(m)) and (
            _tok_base(tok).removeprefix("ال") not in _TARGETING or re.match(r"\s+ل", doc.text[m.end : m.end + 3])):
        # («استهداف ميليشيات الحوثي للسعودية»: with the object after «ل», the genitive is the agent)
        return m, None  # «هجوم تنظيم الدولة», «غارات التحالف»: an armed group's attack («قصف سوريا»: the target)
    if plover in ("SUPPORT", "AID") and _FROM_ONLY.fullmatch(doc.norm[te : m.start]) and _can_act(doc, m, True):
        return m, None  # «بدعم من التحالف العربي»: the supporter
    if plover == "PROTEST" and not doc.norm[te : m.start].strip() and (
            (m.entity or "").endswith(tuple("_" + c for c in _CIVIL))):
        return m, None  # «اعتصام متظاهري البصرة», «احتجاجات المعلمين»: the protesters
    if plover in ("ASSAULT", "COERCE") and _is_force(m) and not doc.norm[te : m.start].strip() and (
            plover == "COERCE" or _tok_base(tok).removeprefix("ال") not in _TARGETING
            or re.match(r"\s+ل", doc.text[m.end : m.end + 3])):  # forces arrest; they are targeted
        return m, None  # «احتجاز الشرطة أعضاء …»: a security force after the noun is the agent
    return None


def _noun_named(doc: _Doc, s: Sentence, ts: int, te: int, plover: str, before: list[Mention],
                after: list[Mention], objgen: bool) -> _Pair | None:
    """The agent named after a noun trigger: «من قبل X», the genitive of a statement («رفض روسيا»)
    or of a non-hostile act («زيارة راسموسن»)."""
    if objgen and _DRAW.search(doc.norm, max(s.start, ts - 10), ts):
        return None, None  # «ترامب أثار انتقادات»: he drew the criticism; the critics are not named here
    by = _BY_AGENT.search(doc.norm, te, min(s.end, te + 40))
    if by is not None:
        agents = [m for m in doc.mentions if by.end() <= m.start < by.end() + 12 and _can_act(doc, m, False)]
        if agents:
            target = before[-1] if before and plover in _HOSTILE else None
            return agents[0], target  # «أثارت خطة الحكومة انتقادات … من قبل مفوضية الأمم المتحدة»
    if after and plover in _AGENT_GENITIVE and not objgen:
        m = after[0]
        gap = doc.norm[te : m.start].split()
        titled = m.type == "PER" and len(gap) <= 4 and all(w in _TITLE_WORDS or _nationality(w) for w in gap)
        if (all(w in _STATE_NOUNS for w in gap) or titled) and (_can_act(doc, m, True) or _can_act(doc, m, False)) and (
                not _locative(doc, m)):
            return m, None  # «إدانة دولة الكويت», «رفض روسيا», «تحذير واشنطن»: the genitive speaks
    if after and plover not in _HOSTILE:
        m = after[0]
        gap = doc.norm[te : m.start]
        dyad = re.match(r"\s*[-–و]", doc.norm[m.end : m.end + 3]) is not None
        lam = doc.text[te : m.start].strip() == "ل" and plover == "CONSULT"  # «زيارة لأمين عام»; «الدعم لـX»: X receives
        if (not gap.strip() or lam) and _can_act(doc, m, True) and (
            m.type != "LOC" or dyad or plover != "CONSULT"  # «مفاوضات الكويت»: where the talks are held
        ):
            return m, None  # «زيارة راسموسن», «زيارة لأمين عام…», «دعوة الحلف» («مهاجمة ليبيا»: the target)
    return None


def _drop_non_agents(doc: _Doc, s: Sentence, ts: int, plover: str, tok: Token | None, before: list[Mention],
                     nominal: bool, riot: bool) -> list[Mention]:
    """Leave out the actors before the trigger that are its victims or only speak of it."""
    if plover in _HOSTILE and plover != "PROTEST" and nominal and not riot:
        # «المدنيين … من هجمات», «توقيف الناشطين والطلاب خلال قمع …»: victims (protesters protest)
        before = [m for m in before if not (m.entity or "").endswith(tuple("_" + c for c in _CIVIL))]
    if nominal and plover in ("ASSAULT", "COERCE") and _ABOUT_BEFORE.search(doc.norm[max(s.start, ts - 6) : ts]):
        before = []  # «تفاعل ترامب مع الهجوم», «لديها الدليل على الهجوم»: what they speak of, not what they did
    if nominal and tok is not None and doc.text[tok.start : tok.start + 1] == "ب" and any(
            max(s.start, ts - 80) <= t < ts and doc.trigger_types.get(t) in _STATEMENTS for t in doc.trigger_starts):
        before = []  # «وندد الساسة الألمان … بالهجمات»: what they denounced, not what they did
    if nominal and (_REASON_BEFORE.search(doc.norm, max(s.start, ts - 14), ts) or _INQUIRY_BEFORE.search(doc.norm, max(s.start, ts - 24), ts)):
        before = []  # «اعتقلته السلطات على خلفية اتهامات …»: the clause's subject did not make them
    if plover == "ASSAULT":  # «7 فلسطينيين قتلوا»: counted people are the victims
        before = [m for m in before if not _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 16), m.start)]
    return before


def _earlier_subject(doc: _Doc, s: Sentence, ts: int, plover: str, before: list[Mention], nominal: bool) -> _Pair | None:
    """An SVO subject a few words before the trigger, else the sentence's own subject at its start."""
    if not before:
        return None
    m = before[-1]
    gap = doc.norm[m.end : ts]
    # a capital right after a verb is that verb's subject («أعلنت باريس تجميد أصول»): the state
    verb_before = _VERB_BEFORE.search(doc.norm[max(s.start, m.start - 14) : m.start]) is not None
    if len(gap.split()) <= 5 and not re.search(r"[.:؟?!]", gap) and not _NEW_CLAUSE.search(gap) and (
            _can_act(doc, m, nominal) or (verb_before and _can_act(doc, m, False))) and (
        not _COMP_ONLY.search(gap)  # «ذكر محمد حسين أن 6 أشخاص قتلوا»: the subject is after «أن»
    ):
        chain = _conjuncts(doc, before, m)
        if len(chain) == 2 and plover in _RECIPROCAL:
            return chain[0], m
        return chain[0], None
    # The sentence's own subject at its start («وكان راسموسن الذي وصل … قد التقى …»)
    first = before[0]
    lead = doc.norm[s.start : first.start].split()
    resumed = _QAD_END.search(doc.norm[max(s.start, ts - 6) : ts]) is not None
    gap_text = _TIME_ASIDE.sub(" ", doc.norm[first.end : ts])  # «أعلن الجيش التركي، الثلاثاء، عن …»
    if len(lead) <= 2 and not _COMP_RX.search(doc.norm, first.end, ts) and _can_act(doc, first, False) and (
            resumed or not re.search(r"[،,]", gap_text)):
        nxt = [x for x in before if x is not first and re.fullmatch(r"\s*و\s*", doc.norm[first.end : x.start])]
        return first, (nxt[0] if nxt else None)
    return None


def _masdar_between(doc: _Doc, s: Sentence, te: int) -> _Pair | None:
    """A bare form read as a verb may be a masdar: «تبادل قذائف بين الهند وباكستان»."""
    between = _BETWEEN.match(doc.norm[te : min(s.end, te + 40)])
    after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 50)]
    if between and len(after) >= 2 and all(_can_act(doc, m, True) for m in after[:2]):
        return after[0], after[1]
    return None


_INQUIRY_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:ال)?(?:تحقيق|تحقيقات|تحقيقاتهم|تحقيقاتها|تحقيقه|تحقيقها)\s+(?:في|حول|بشأن)\s*$"))
_REASON_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:على\s+خلفية|بسبب|بتهمة|بتهم|جراء|بدعوى|بشأن)\s*$"))
_TIME_ASIDE = re.compile(fold(
    r"[،,]\s*(?:اليوم|أمس|امس|غدا|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?:\s+(?:الماضي|المقبل|الماضية))?\s*[،,]"))
_KANA_BEFORE = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:كان|كانت|كانوا)\s+$"))
_COMP_RX = re.compile(fold(rf"(?<![{_AR}])(?:أن|ان|إن|إنه|أنه|انه)(?![{_AR}])|[.:؟!]"))
# a new clause with its own subject after the verb («… الحوثيين، فيما حذرت وكالات الإغاثة»)
_NEW_CLAUSE = re.compile(fold(rf"(?<![{_AR}])(?:فيما|بينما|حيث|لكن|ولكن|إذ|اذ)(?![{_AR}])"))
_BY_AGENT = re.compile(fold(r"(?<![\u0621-\u064a])(?:من\s+قبل|من\s+جانب|على\s+يد)(?![\u0621-\u064a])"))
# «ترامب أثار انتقادات»: who draws criticism or faces it is not the critic
_DRAW = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:أثار|أثارت|يثير|تثير|أثارا|واجه|واجهت|يواجه|تواجه|تعرض|تعرضت|يتعرض|تتعرض)\s*$"))
_STATEMENTS = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "AGREE"}
