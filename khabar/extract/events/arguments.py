"""The other arguments of an event: the recipient, the addressee of a call, the possessor of a
noun trigger, and the subjects carried from elsewhere (the clause's or the sentence's subject, a
subject dropped and carried from the sentences before, the speaker of a quotation)."""

from __future__ import annotations

import re

from ...model import Mention, Quote, Sentence, Token
from ...text.textnorm import fold
from .actors import (
    _CIVIL,
    _GENERIC_CODE,
    _IN_PLACE,
    _can_act,
    _governed,
    _is_person,
    _locative,
    _nationality,
    _sector,
)
from .doc import _Doc
from .forms import _AR, _core_of, _has_enclitic, _plural_verb, _tok_core
from .state import Candidate, Reading
from .subject import _QUANT_BEFORE, _RECIP_PREP, _TIME_WORDS, _TITLE_WORDS

# Counts and the unknown-actor adjectives between a verb's subject and its object
_COUNT_WORDS = {fold(w) for w in (
    "عدد عشرات العشرات مئات المئات آلاف الآلاف اثنين اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة من"
    " مجهولون مجهولين ملثمون ملثمين").split()}


def _speaker(q: Quote) -> Mention:
    """The speaker of a quotation as an actor mention."""
    return Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)


_COND = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:إذا|اذا|إن\s+لم|ان\s+لم|لو|في\s+حال|حال)(?![{_AR}])"))  # «وإذا», «وفي حال»
_ASIDE = re.compile(fold(r"(?<![\u0621-\u064a])في\s+(?:بيان|بيانها|بيانه|تصريح|تصريحات|تصريحاته|مؤتمر\s+صحفي|تغريدة|كلمة|مقابلة)(?![\u0621-\u064a])"))
_CLAUSE_BREAK = re.compile(fold(rf"(?<![{_AR}])(?:حيث|بينما|فيما|عندما|حين|كما|لكن|ولكن|إذ|بعدما|قبل\s+أن|بعد\s+أن|وسط|في\s+ظل)(?![{_AR}])"))
_MODIFIER_BEFORE = re.compile(fold(
    rf"(?<![{_AR}])(?:ال)?(?:موالي|موالين|موالية|مواليين|مدعوم|مدعومة|مدعومين|تابع|تابعة|تابعين|مقرب|مقربة|مقربين|المرتبطين|مرتبطين|المرتبطة|مرتبطة)\s+(?:ل|من\s+|ب)?$"))


_FELLOW = re.compile(fold(r"\s*[،,]?\s*و\s*(?:دولة|جمهورية|مملكة|سلطنة|إمارة)?\s*"))
_OBJECT_PRONOUN = re.compile(r"(?:ه|ها|هم|هما|هن)$")
_PRONOUN_OBJECT_TYPES = {"ACCUSE", "ASSAULT", "COERCE", "REQUEST", "THREATEN", "SANCTION", "SUPPORT", "REJECT", "AID"}


def _pronoun_antecedent(doc: _Doc, s: Sentence, ts: int, tok: Token | None, actor: Mention | None,
                        plover: str) -> Mention | None:
    """The one a verb's object pronoun stands for («قطر التي اتهمتها», «إن إيران اتهمتها … بعد أن
    اعتقلتها»): the nearest party named before the verb in its sentence, not the actor, not a place."""
    if tok is None or plover not in _PRONOUN_OBJECT_TYPES or not _has_enclitic(tok):
        return None
    core = _tok_core(tok)
    if not _OBJECT_PRONOUN.search(core) or core.startswith("ال"):
        return None
    for m in reversed([x for x in doc.mentions if s.start <= x.start and x.end <= ts]):
        if actor is not None and (m is actor or m.entity == actor.entity):
            continue
        if m.type == "LOC" and ":" in (m.entity or "") or _locative(doc, m):
            continue
        return m
    return None


def _recipient(doc: _Doc, s: Sentence, ts: int, te: int, actor: Mention | None, reciprocal: bool = True) -> Mention | None:
    start = te
    if actor is not None and actor.start >= te:
        start = actor.end
    window_end = min(s.end, start + 90)
    for m in doc.mentions:
        if not reciprocal and m.start >= start and _FELLOW.fullmatch(doc.norm[start : m.start]):
            start = m.end  # «قدمت الإمارات والكويت والسعودية إلى الأردن»: fellow actors, not the recipient
            continue
        if start <= m.start < window_end and m is not actor and m.entity != (actor.entity if actor else None):
            if ":" in (m.entity or "") and _locative(doc, m):
                continue  # «في موسكو»: a place, not a recipient
            if _IN_PLACE.search(doc.norm[max(0, m.start - 6) : m.start]) or doc.text[max(0, m.start - 1) : m.start] == "ب":
                continue  # «القمة … في سنغافورة», «بطهران»: where, not with whom
            gap = doc.norm[start : m.start]
            if re.search(r"[.؟?!]", gap) or _CLAUSE_BREAK.search(gap):
                break  # «… حيث تشتبه أنقرة»: another clause, another party
            if _MODIFIER_BEFORE.search(doc.norm, max(0, m.start - 16), m.start):
                continue  # «مواقع للمتمردين الموالين لإيران»: who backs the target, not the target
            words = [w.strip("،,؛") for w in _ASIDE.sub(" ", gap).split()]
            content = [w for w in words if w and w not in _TITLE_WORDS and w not in _TIME_WORDS and not _nationality(w)
                       and w not in _COUNT_WORDS and not w.isdigit()  # «مسلحون مجهولون ثلاثة من رجال الشرطة»
                       and not (w.startswith("ال") and w.endswith(("يه", "ي")))]  # «الحقوقية», «الأمريكي»
            if _RECIP_PREP.search(gap) or len(content) <= 2 or (_COND.search(gap) and len(gap.split()) <= 5) or (
                doc.text[m.start - 1 : m.start] == "ل"
            ):
                if ":" in (m.entity or "") and m.entity and not _governed(doc, m):
                    continue  # a city that is not governed by مع/على/ل is a place, not a party
                return m
    return None


def _no_actor_in(doc: _Doc, s: Sentence, q: Quote, ts: int) -> bool:
    """No one who could act is named in the quotation before the trigger."""
    lo, hi = max(s.start, q.start), min(s.end, q.end, ts)
    return not any(lo <= m.start < hi and _can_act(doc, m, False) for m in doc.mentions)


_CALL_VERBS = {"دعا", "داعيا", "طالب", "ناشد", "حث"}
_FIRST = {fold(w) for w in "نحن انا أنا اننا إننا إنني انني".split()}


def _first_person(doc: _Doc, tok: Token | None, ts: int) -> bool:
    if tok is not None and _tok_core(tok)[:1] == "ن" and len(_tok_core(tok)) >= 4:
        return True
    prev = doc.norm[max(0, ts - 12) : ts].split()
    return bool(prev) and prev[-1] in _FIRST


_CALL_WORD = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:دعا|دعت|دعوا|دعونا|ندعو|أدعو|يدعو|تدعو|دعوة|دعوته|دعوتها|دعوتهم|ناشد|ناشدت|يناشد|حث|حثت|يحث)(?![{_AR}])"))


def _addressee(doc: _Doc, s: Sentence, ts: int) -> Mention | None:
    """The party a call/appeal before a noun trigger is addressed to: the first actor after the
    call word and before the trigger, with no clause boundary between them."""
    calls = list(_CALL_WORD.finditer(doc.norm, max(s.start, ts - 60), ts))
    if not calls:
        return None
    c = calls[-1]
    if re.search(r"[.:؟!]", doc.norm[c.end() : ts]):
        return None
    for m in doc.mentions:
        if c.end() <= m.start and m.end <= ts and _can_act(doc, m, False):
            return m
    return None


def _object_after(doc: _Doc, s: Sentence, te: int) -> Mention | None:
    after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 12)]
    return after[0] if after and _can_act(doc, after[0], False) else None


def _clause_subject(doc: _Doc, s: Sentence, ts: int) -> Mention | None:
    """Subject of the sentence's earlier clause: the first actor before the trigger that is not
    the object of a preposition, not a counted group of victims and not a mere place."""
    for m in doc.mentions:
        if s.start <= m.start and m.end <= ts and not _governed(doc, m) and _can_act(doc, m, False) and (
            not _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 16), m.start)
        ):
            return m
    return None


# What may follow a verb whose subject is dropped: a preposition or particle, a time word, «أن»,
# punctuation («وتوعدت بتصعيد الاعتصامات», «وأكدت أن …», «وأضاف، …»)
_SUBJECTLESS_NEXT = re.compile(fold(
    rf"^(?:[بل][{_AR}]{{3,}}|(?:في|على|عن|إلى|الى|من|مع|أن|ان|إن|بأن|بان|أنه|انه|أنها|انها|اليوم|أمس|مجددا|أيضا|ايضا"
    rf"|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|صباح|مساء|خلال|قبل|بعد)(?![{_AR}])|[^{_AR}])"))
_SUBORDINATE = re.compile(fold(rf"(?<![{_AR}])(?:حين|عندما|حينما|بعدما|لما|كلما|إذ|اذ|وقد|فقد|ثم|كما|(?:بعد|قبل|منذ)\s+(?:أن|ان))\s*$"))
_HUMAN_OBJ = re.compile(fold(
    r"\s*(?:(?:أكثر|اكثر|أقل|اقل|نحو|حوالي|قرابة|زهاء|ما\s+لا\s+يقل)\s+(?:من\s+|عن\s+)?)?(?:ال)?(?:\d+|عدد|عشرات|مئات|اثنين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|شخص|أشخاص|شقيق|رجل|امرأة|نساء"
    r"|شاب|شبان|مواطن|متهم|مشتبه|ناشط|نشطاء|صحفي|صحافي|مدع|مدعي|مسؤول|عناصر|أعضاء|عضو|قيادي|زعيم|طالب|طلاب|لاجئ"
    r"|مهاجر|سائق|جندي|جنود|ضابط|معارض|محتج|متظاهر|إرهابي|ارهابي|مسلح|انتحاري)"))


def _human_object(doc: _Doc, kb, tok: Token | None, te: int, actor: Mention, recipient: Mention | None) -> bool:
    """Is the object of an arrest verb a person: a pronoun («أوقفوه»), a person or group of people,
    or a noun for people right after the verb (or after its VSO subject)?"""
    if _has_enclitic(tok):
        return True
    if recipient is not None and recipient.entity and (
        recipient.type == "PER" or _is_person(kb, recipient.entity) or _sector(kb, recipient.entity) in _CIVIL | {"REB"}
    ):
        return True
    return bool(_HUMAN_OBJ.match(doc.norm, te) or (actor.start >= te and _HUMAN_OBJ.match(doc.norm, actor.end)))


def _possessor(doc: _Doc, kb, s: Sentence, ts: int, tok: Token | None) -> Mention | None:
    if tok is None:
        return None
    pron = next((tok.text[g.start - tok.start : g.end - tok.start] for g in tok.segments if g.kind == "enclitic"), "")
    for m in reversed([m for m in doc.mentions if s.start <= m.start and m.end <= ts and _can_act(doc, m, False)]):
        ent = m.entity or ""
        person = _is_person(kb, ent)
        a = kb.get(ent)
        fem = (a is not None and a.kind in ("country", "capital")) or m.type == "LOC"
        if pron == "ها" and not person:
            return m
        if pron == "ه" and (person or (m.type == "ORG" and not fem)):
            return m
        if pron in ("هم", "هما") and not person:
            return m
        if ts - m.end > 60:
            break
    return None


def _sentence_subject(doc: _Doc, s: Sentence) -> Mention | None:
    """The actor a sentence is about: an ungoverned actor among its first words («وأوضحت اللجان
    في بيان …», «قال بشار الجعفري …»)."""
    head = doc.norm[s.start : s.end].split()[:5]
    limit = s.start + sum(len(w) + 1 for w in head)
    for m in doc.mentions:
        if s.start <= m.start < limit and not _governed(doc, m) and _can_act(doc, m, False):
            return m
    return None


def _agrees(kb, tok: Token | None, m: Mention) -> bool:
    """Does a verb's person marking fit the actor: a feminine verb («وأكدت», «تطالب») is not a
    man's, a plural one («وأوقفوه») is a group's, a masculine singular one is not a state's."""
    c = re.sub(r"(?:ه|ها|هم|هما)$", "", _core_of(tok))
    ent = m.entity or ""
    person = _is_person(kb, ent)
    group = bool(_GENERIC_CODE.match(ent)) or (m.type == "ORG" and not person)
    if _plural_verb(tok):
        return group
    if c.endswith("ت") or c[:1] == "ت":
        return not person
    a = kb.get(ent)
    return not (a is not None and a.kind == "country")


def _dropped_subject(doc: _Doc, kb, s: Sentence, ts: int, tok: Token | None,
                     memory: list[Mention | None]) -> Mention | None:
    """The subject of a verb that names none. Right after «حين/عندما/ثم …»: the nearest agreeing
    actor before it in the sentence («… السيسي، حين أدان استهداف …»). At the head of a sentence
    («وتوعدت بتصعيد الاعتصامات»): the subject of one of the two sentences before."""
    if tok is None:
        return None
    if _SUBORDINATE.search(doc.norm, max(s.start, ts - 10), ts):
        before = [m for m in doc.mentions if s.start <= m.start and m.end <= ts and not _governed(doc, m)
                  and _can_act(doc, m, False) and _agrees(kb, tok, m)]
        if before:
            return before[-1]
    if len(doc.norm[s.start : ts].split()) > 1:
        return None
    nxt = doc.norm[tok.end : min(s.end, tok.end + 30)].split()[:1]
    if nxt and not _plural_verb(tok) and not _SUBJECTLESS_NEXT.match(nxt[0]):
        return None  # «حذر خبراء من …»: a subject follows the verb, just not a known actor
    for m in reversed(memory[-3:-1]):
        if m is not None:
            return m if _agrees(kb, tok, m) else None
    return None


def _object_nationality(doc: _Doc, st: Reading, c: Candidate, actor: Mention | None) -> Mention | None:
    """The agent of the act a verb is about, told by a nationality adjective on its object
    («أدان الغارات الإسرائيلية», «احتجاجا على الحصار الإسرائيلي»): that country."""
    start = actor.end if actor is not None and actor.start >= c.te else c.te
    words = list(re.finditer(r"\S+", doc.norm[start : min(st.s.end, start + 45)]))[:4]
    for i, w in enumerate(words[1:], 1):
        if any(m.start < start + w.end() and start + w.start() < m.end for m in doc.mentions):
            return None  # a party is named first
        if re.search(r"[.،,:؛]", words[i - 1].group()):
            return None
        iso = doc.kb.nationality(w.group().strip(".،,:؛\"»«"))
        if iso and w.group().startswith(("ال", "وال")):
            s0, e0 = start + w.start(), start + w.end()
            return Mention(s0, e0, doc.text[s0:e0], "LOC", iso, "nationality", 0.5)
    return None


_COUNTERPART = re.compile(fold(rf"(?<![{_AR}])(?:مع\s+|ب|و)?نظير(?:ه|ها|يه|ته|تها|يها|هم)\s+(?P<adj>(?:ال)?[{_AR}]+)"))


def _counterpart(doc: _Doc, st: Reading, c: Candidate) -> Mention | None:
    """«التقى … نظيره الألماني»: a minister's counterpart of a nationality is that state's government."""
    m = _COUNTERPART.search(doc.norm, c.te, min(st.s.end, c.te + 40))
    if m is None or re.search(r"[.،,:؛]", doc.norm[c.te : m.start()]):
        return None
    iso = doc.kb.nationality(m.group("adj"))
    if not iso:
        return None
    return Mention(m.start(), m.end(), doc.text[m.start() : m.end()], "ORG", f"{iso}_GOV", "counterpart", 0.6)
