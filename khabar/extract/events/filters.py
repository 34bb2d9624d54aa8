"""Trigger occurrences that are no events: sports reports, words inside a name, references to an
event («ما اقترحته روسيا»), what is demanded or threatened, other senses of a trigger word (an
asylum application, looking for, an interview, pretending), charges, convictions, states (in
detention), counted nouns, anti-corruption drives, describing participles, passives that name no
agent."""

from __future__ import annotations

import functools
import re

from ...model import Sentence, Token
from ...text.textnorm import fold, word_list
from .arguments import _CLAUSE_BREAK, _addressee
from .doc import _Doc
from .forms import _AR, _core_of, _has_conj, _has_enclitic, _passive_perfect
from .lexicon import Trigger, _is_nominal
from .state import Reading
from .subject import _BY_AGENT

_PRETEND = re.compile(fold(r"\s+(?:ب|بأن|بان|بأنه|بأنها|بأنهما|بأنهم|بانه|بانها|بانهما|بانهم)(?:\s|$)|\s+بال"))
_SPORT_TERMS = re.compile(fold(
    rf"(?<![{_AR}])(?:[وفبل]|ال|وال|بال|لل)?(?:مباراة|مباريات|الدوري|دوري|المنتخب|منتخب|بطولة|البطولة|كأس|لاعب|لاعبي|لاعبين|اللاعب"
    rf"|مدرب|المدرب|نادي|النادي|الشوط|شوط|ملعب|الملعب|المونديال|مونديال|ركلة|ركلات|الهبوط|التأهل|المهاجم|الحارس|حارس"
    rf"|الدوري|هدفا|هدفين|بهدف|بهدفين|التعادل|تعادل|الجولة|المدافع|الانتقالات)(?![{_AR}])"))


def is_sports(text: str) -> bool:
    """A sports report (league tables, matches, transfers): political event coding skips it, as
    GDELT/POLECAT do — «هجوم» is an attack on goal there, «النادي» a club, «اللقاء» a match."""
    hits = _SPORT_TERMS.findall(fold(text))
    return len(hits) >= 6 and len(hits) * 60 >= len(text.split())


_MEDIA_AFTER = re.compile(fold(
    r"\s*(?:مع|ل)\s*(?:[\"«]|شبكة|قناة|صحيفة|وكالة|تلفزيون|التلفزيون|موقع|إذاعة|اذاعة|مجلة|برنامج|محطة|الصحفيين|الصحافيين|صحفيين|صحافيين)"))
_ANTI_GRAFT = re.compile(fold(r"(?<![\u0621-\u064a])(?:ضد|على|لمكافحة|مكافحة)\s+(?:ما\s+وصفته\s+ب|ما\s+وصفه\s+ب)?ال?فساد"))
_CONVICT = re.compile(fold(r"^(?:إدانة|ادانة|إدانت|ادانت|أدين|ادين|يدان|تدان)"))
_BY_CHARGE = re.compile(fold(r"\s+ب(?!ين|عد|عض)[\u0621-\u064a]{3,}"))
_WHAT_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:[وف]?لكن\s+)?ما\s*$"))
_ASYLUM = re.compile(fold(r"\s*(?:ال)?لجوء(?![\u0621-\u064a])"))
_ABOUT_AFTER = re.compile(fold(r"\s*عن(?![\u0621-\u064a])"))
_LIVING = re.compile(fold(r"\s*(?:العيش|عيش)(?![\u0621-\u064a])"))
_QUESTION = re.compile(fold(r"\s*على\s+(?:سؤال|أسئلة|اسئلة)"))
_CHARGE_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:بتهمة|بتهم|تهمة|تهم|التهمة|التهم|اتهامات|الاتهامات|باتهامات|اتهام)(?:\s+(?:الشروع|محاولة)\s+في)?\s*$"))
_STATE_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:قيد|رهن)\s*$"))
_ON_CHARGE = re.compile(fold(r"(?<![\u0621-\u064a])(?:بتهمة|بتهم)(?![\u0621-\u064a])"))
# a year is no count: «في 7 حزيران/يونيو 2017 قطعت السعودية …»
_COUNT_BEFORE = re.compile(r"(?:(?<!\d)(?!(?:19|20)\d\d\s)\d+|(?<![\u0621-\u064a])(?:ألف|الف|آلاف|الآف|مئات|عشرات))\s+$")
_COMPOUND_HEAD = re.compile(fold(rf"(?<![{_AR}])[وفب]?(?:ال)?(?:غرفة|غرف|نقطة|نقاط|حاجز|حواجز|محرك|محركات)\s+$"))
_COPULA_BEFORE = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:هو|هي|كان|كانت)\s+$"))
_BY_AFTER = re.compile(fold(rf"\s+(?:[{_AR}]+\s+)?ب[{_AR}]"))  # «طالب الحكومة بالإفراج»: the verb
_DEFINITE_NOUN_BEFORE = re.compile(fold(rf"(?<![{_AR}])ال[{_AR}]+\s+$"))
_ACCUSED_OF = re.compile(fold(
    r"(?:\s+(?:العام|الشهر|الأسبوع|الاسبوع|اليوم|أمس|امس|مرارا|سابقا|الماضي|الماضية|مؤخرا))*\s+ب(?!ين|عد|عض)[\u0621-\u064a]{2,}"))


def _part_of_name(doc: _Doc, ts: int, te: int) -> bool:
    """«حزب الدعوة», «مجلس التعاون»: part of a name (a lone event word the tagger took for a name is not)."""
    return any(m.start <= ts and te <= m.end and m.type in ("ORG", "LOC", "PER") and m.method != "generic"
               and not (m.method == "ner" and (m.start, m.end) == (ts, te)) for m in doc.mentions)


def _reference(doc: _Doc, s: Sentence, ts: int, tok: Token | None) -> bool:
    """«ما اقترحته روسيا» ("what Russia proposed"): a reference to an event, not a new one."""
    return _has_enclitic(tok) and _WHAT_BEFORE.search(doc.norm[max(s.start, ts - 10) : ts]) is not None


_CEASE_BEFORE = re.compile(fold(r"(?:التوقف|الكف|وقف|يتوقف|تتوقف|يكف|تكف)\s+عن\s*[\"«]?\s*$"))


def _demanded(doc: _Doc, st: Reading, ts: int, tok: Token | None) -> bool:
    """«للمطالبة باستقالة رئيس الوزراء», «أن يطلب الملك من رئيس الوزراء الاستقالة»: what is
    demanded (or threatened) right after a demand has not happened."""
    prev = st.prev_request_end
    if prev is not None and _CEASE_BEFORE.search(doc.norm, max(prev, ts - 16), ts):
        return False  # «دعا روسيا إلى التوقف عن حشد قواتها»: what must stop is going on
    return prev is not None and 0 <= ts - prev <= 60 and (
        ts - prev <= 3 or (_is_nominal(tok, doc) and _addressee(doc, st.s, ts) is None and not re.search(
            r"[.،,:؛]", doc.norm[prev:ts]) and not _CLAUSE_BREAK.search(doc.norm[prev:ts])))


def _other_sense(doc: _Doc, ts: int, te: int, trig: Trigger, tok: Token | None) -> bool:
    """The trigger word in another sense, told by the words after it."""
    return bool(
        (trig.plover == "REQUEST" and _ASYLUM.match(doc.norm[te : te + 8]))  # «لم يتقدموا بطلب لجوء»: asylum
        or (trig.plover == "CONSULT" and _LIVING.match(doc.norm[te : te + 8]))  # «لقمة العيش»: a living, not a summit
        # «يبحث عن دعم», «محرك البحث», «فريق البحث», «يبحث في كيفية …»: search and research; talks have a
        # partner («تبحث مع», «يبحثان», «اجتماع لبحث»)
        or (trig.plover == "CONSULT" and "بحث" in _core_of(tok) and not _talks_partner(doc, ts, te, tok))
        # «استأنفت القوات الحكومية قصف المدينة»: the shelling is the event
        or (trig.hint("resume") and any(
            te < t <= te + 40 and doc.trigger_types.get(t) not in (None, "COOPERATE") for t in doc.trigger_starts))
        or (trig.cameo == "138" and _QUESTION.match(doc.norm[te : te + 20]))  # «وردا على سؤال حول ما إذا …»
        or (trig.plover == "CONSULT" and _MEDIA_AFTER.match(doc.norm, te))  # «في لقاء مع شبكة إيه بي سي»: an interview
        # «تظاهرا بأنهما من عمال السباكة»: pretended to be
        or (trig.plover == "PROTEST" and _PRETEND.match(doc.norm, te) and "ظاهر" in _core_of(tok))
        or (trig.cameo == "111" and "صف" in _core_of(tok) and _praised(doc, te))  # «وصفها بالطيبة»: praise
        # «رفضت الحكومة التعليق», «لم يرد على طلب للتعليق», «رفض الكشف عن اسمه»: no comment, no event
        or (trig.plover in ("REQUEST", "REJECT") and _no_comment(doc, te))
    )


# «لم يسفر القصف عن إصابات», «ولم يؤد الانفجار … إلى سقوط قتلى», «دون وقوع إصابات», «لا إصابات»,
# «لم ترد تقارير عن وقوع إصابات»: no casualties. Only casualty nouns read this way: the attack noun of
# the same sentence («لم يسفر الهجوم …») still is the attack.
_RESULT_VERB = r"(?:ينتج|ينجم|يسفر|تسفر|يؤد|يؤدي|تؤد|تؤدي|يخلف|تخلف|يوقع|توقع)"
_NO_CASUALTIES = re.compile(fold(
    rf"(?<![{_AR}])(?:لم|ولم|دون|بدون|لا|ولا)\s+(?:أن\s+)?{_RESULT_VERB}(?:\s+[^\s،,.:؛]+){{0,7}}?"
    rf"(?:\s+(?:عن|إلى|الى|أي|أية|وقوع|سقوط|حدوث))*\s*$"
    rf"|(?<![{_AR}])(?:لم|ولم|دون|بدون|لا|ولا)(?:\s+(?:ترد|يرد|تسجل|يسجل|تسجيل|يتم|التبليغ|توجد|تقارير|معلومات|أنباء|عن|وقوع"
    rf"|سقوط|حدوث|أي|أية|حالات|بعد)){{0,6}}\s*$"))
_CASUALTY = re.compile(fold(r"(?:[وب]?ال)?(?:إصابة|إصابات|اصابة|اصابات)$"))
_DENOUNCING = re.compile(fold("تنديد|استنكار"))  # «تنديدها بالهجوم»: the pronoun denounces
# commenting, not suspending: «رفض التعليق», «أي تعليق على», «طلب للتعليق», «الإدلاء بتصريح» — the
# noun ends its clause or is followed by what is commented on (not «تعليق المفاوضات», «التعليق الفوري
# للغارات», «التعليقات المسيئة»)
_NO_COMMENT = re.compile(fold(
    rf"(?<![{_AR}])(?:(?:أي|بأي)\s+)?(?:ال|لل|ل|ب)?(?:تعليق|تعقيب)(?=\s*$|\s+(?:على|عليه|عليها|عليهم|حول|بشأن)(?![{_AR}]))"
    rf"|(?<![{_AR}])(?:ال)?إدلاء\s+ب(?:أي\s+)?(?:تعليق|تصريح)(?:ات)?(?![{_AR}])"
    rf"|(?<![{_AR}])(?:ال)?كشف\s+عن\s+(?:اسمه|اسمها|هويته|هويتها)(?![{_AR}])"))
_COMMENT_ASKED = re.compile(fold(r"\s+(?:ال|لل)(?:تعليق|تعقيب)(?![\u0621-\u064a])"))  # «طلب التعقيب الذي …»


def _no_comment(doc: _Doc, te: int) -> bool:
    """What is declined or asked for is a comment, within the next few words of the clause («رفضت
    الحكومة الإسرائيلية التعليق», «لم ترد على طلب التعقيب», «رفض الكشف عن اسمه»)."""
    if _COMMENT_ASKED.match(doc.norm, te):
        return True  # «لم ترد على طلب التعقيب الذي تقدم به …»
    clause = re.split(r"[،,.:؛]", doc.norm[te : te + 90], maxsplit=1)[0]
    m = _NO_COMMENT.search(clause)
    return m is not None and len(clause[: m.start()].split()) <= 7


_WITH_AFTER = re.compile(fold(rf"(?<![{_AR}])(?:مع|ومع|بين|وبين)(?:ه|ها|هم|هما)?(?![{_AR}])|(?<![{_AR}])ونظير(?:ه|ها|يه|اه)"))
_MEETING_BEFORE = re.compile(fold(
    rf"(?<![{_AR}])[وفبل]?(?:ال)?(?:اجتماع|اجتماعا|لقاء|لقاءات|مؤتمر|مؤتمرا|قمة|جلسة|محادثات|مباحثات|اتصال|اتصالا|زيارة)"
    rf"(?:ه|ها|هم|هما)?(?:[\s،,]+[{_AR}]+){{0,6}}[\s،,]+$"))
# «بحث مشترك», «بحث علمي», «بحث أجرته جامعة …»: a study
_STUDY_AFTER = re.compile(fold(
    rf"\s+(?:مشترك|مشتركا|علمي|علميا|أجرته|أجراه|أجروه|نشرته|نشره|أعدته|أعده|قدمته|قدمه)(?![{_AR}])"))


def _talks_partner(doc: _Doc, ts: int, te: int, tok: Token | None) -> bool:
    """Does «بحث» have someone to talk with: «مع»/«بين» in its clause, a dual or plural verb
    («يبحثان», «بحثوا»), or a meeting whose purpose it is («اجتماع … لبحث»)?"""
    core = _core_of(tok)
    if _STUDY_AFTER.match(doc.norm, te) or _ABOUT_AFTER.match(doc.norm[te : te + 5]):
        return False  # «بحث أجرته جامعة هارفارد مع …», «بحث مشترك بين …»: a study; «يبحث عن»: searching
    dual = core.endswith("بحثا") and tok is not None and tok.text[:1] in "وف" and "\u064b" not in tok.text
    if core.endswith(("ان", "وا", "ون", "تا")) or dual:
        return True  # «يبحثان», «وبحثا العلاقات»
    clause = re.split(r"[،,.:؛]", doc.norm[te : te + 80], maxsplit=1)[0]
    if _WITH_AFTER.search(clause) or _MEETING_BEFORE.search(doc.norm, max(0, ts - 60), ts) is not None:
        return True
    # «يبحث ممثلو روسيا وحلف شمال الأطلسي»: two parties joined as the subject
    ments = [m for m in doc.mentions if te <= m.start and m.end <= te + len(clause)]
    return any(re.fullmatch(r"\s*و\s*", doc.norm[a.end : b.start]) for a, b in zip(ments, ments[1:], strict=False))


def _praised(doc: _Doc, te: int) -> bool:
    """«وصفها بالطيبة», «وصف المحادثات بأنها بناءة»: an approving word among the next few."""
    praise = _praise_words()
    words = re.split(r"[،,.:؛]", doc.norm[te : te + 70], maxsplit=1)[0].split()[:8]
    at = next((i for i, w in enumerate(words) if w.startswith("ب") and len(w) > 2), None)
    if at is None:
        return False
    # the head of the description: the «ب» word, or the word after «بأنه»; after «خطوة» the adjective
    # («بأنها خطوة إيجابية»); «بأنه غير حكيم», «بأنها ليست إيجابية» have a negation for head
    head = words[at + 1 : at + 2] if _THAT.fullmatch(words[at]) else [words[at]]
    if head and head[0] in _STEP and at + 2 < len(words):
        head = [words[at + 2]]
    return any(w.startswith(pre) and w[len(pre):] in praise for w in head for pre in ("بال", "ب", "ال", ""))


_THAT = re.compile(fold(r"بأن(?:ها|ه|هم|هما)?|بكون(?:ها|ه|هم)"))
_STEP = {fold(w) for w in ("خطوة", "خطوات", "تطور", "تطورا")}


@functools.lru_cache(maxsize=1)
def _praise_words() -> frozenset[str]:
    return word_list("events/praise_words.txt", "fold")


def _not_reported_act(doc: _Doc, s: Sentence, ts: int, te: int, trig: Trigger, tok: Token | None) -> bool:
    """A charge, a conviction, a state, a counted noun or an anti-corruption drive, not an act."""
    return bool(
        _CHARGE_BEFORE.search(doc.norm[max(s.start, ts - 24) : ts])  # «بتهمة الشروع في القتل»: a charge
        or _STATE_BEFORE.search(doc.norm[max(s.start, ts - 8) : ts])  # «قيد الاعتقال»: in detention
        # «أدانت محكمة … رجلا بتهمة …»: a conviction
        or (trig.plover == "ACCUSE" and _CONVICT.match(fold(_core_of(tok)))
            and _ON_CHARGE.search(doc.norm[te : min(s.end, te + 50)]))
        # «لم ينتج عن الحادث إصابات», «دون وقوع إصابات», «لا إصابات»: no casualties, no attack told
        or (trig.plover == "ASSAULT" and _CASUALTY.match(fold(_core_of(tok))) is not None
            and _NO_CASUALTIES.search(doc.norm[max(s.start, ts - 80) : ts]) is not None)
        # «غرفة عمليات عسكرية»: a place named after the act; «هو طالب ميكانيكا»: a student
        or (_is_nominal(tok, doc) and _COMPOUND_HEAD.search(doc.norm[max(s.start, ts - 14) : ts]) is not None)
        or (trig.plover == "REQUEST" and _core_of(tok) in ("طالب", "طالبا", "طالبه") and not _BY_AFTER.match(doc.norm, te)
            and _COPULA_BEFORE.search(doc.norm[max(s.start, ts - 10) : ts]) is not None)
        # «12 ألف طالب»: a counted noun (students), not the verb «طالب»
        or (_COUNT_BEFORE.search(doc.norm[max(s.start, ts - 8) : ts]) and not _is_nominal(tok, doc))
        # «الحملة التي شنتها السلطات ضد الفساد»: an anti-corruption drive, not an attack
        or (trig.plover in ("ASSAULT", "COERCE") and _ANTI_GRAFT.search(doc.norm, max(s.start, ts - 60), min(s.end, te + 60)))
        # «بعد إدانته بتعذيب متظاهرين», «أدين بالفساد»: a court's conviction, not a condemnation;
        # «لاتهامه بارتكاب …»: the one accused, by no one named (but «تنديدها بالهجوم»: her condemnation)
        or (trig.plover == "ACCUSE" and _BY_CHARGE.match(doc.norm, te) and (
            _CONVICT.match(fold(_core_of(tok))) or (_has_enclitic(tok) and _is_nominal(tok, doc)
                                                    and not _DENOUNCING.search(fold(_core_of(tok))))))
    )


def _describing_participle(doc: _Doc, s: Sentence, ts: int, tok: Token | None) -> bool:
    """«الغوطة الشرقية المحاصرة»: a participle describing a noun, not an event (a nominal trigger)."""
    return _core_of(tok).startswith("الم") and not _has_conj(tok) and _DEFINITE_NOUN_BEFORE.search(
        doc.norm[max(s.start, ts - 25) : ts]) is not None


def _unnamed_accuser(doc: _Doc, s: Sentence, te: int, trig: Trigger, tok: Token | None) -> bool:
    """A passive verb that names no agent: «قد اتهمت بشن هجوم», «واتُّهمت إيران مرارا بتزويد …»."""
    if trig.cameo == "112" and not _has_enclitic(tok) and _ACCUSED_OF.match(doc.norm[te : te + 40]):  # «اتهمتها بـ»: active
        return True
    # (a passive attack or arrest names its victim: «اعتُقل ناشط» is coded with an unknown actor)
    return trig.plover not in ("ASSAULT", "COERCE") and _passive_perfect(tok) and not _BY_AGENT.search(
        doc.norm, te, min(s.end, te + 60))


# What a court's conviction is coded as (the trigger «أدان» read as a judicial act)
CONVICTION = Trigger("COERCE", "173", -5.0, "", "legal", "convict (a court)", None)


def conviction(doc: _Doc, s: Sentence, te: int, trig: Trigger, tok: Token | None) -> bool:
    """«أدانت محكمة … رجلا بتهمة …», «وأدين الجندي بالقتل», «بعد إدانتهم بهجوم»: a court's conviction
    (a judicial act, COERCE), not a condemnation."""
    core = fold(_core_of(tok))
    if trig.plover != "ACCUSE" or not _CONVICT.match(core):
        return False
    if core.startswith(("ادين", "يدان", "تدان")) and _BY_CHARGE.search(doc.norm, te, min(s.end, te + 40)):
        return True  # the passive «أدين الجندي بالقتل»: convicted of
    return bool(_ON_CHARGE.search(doc.norm[te : min(s.end, te + 50)]) or _BY_CHARGE.match(doc.norm, te))
