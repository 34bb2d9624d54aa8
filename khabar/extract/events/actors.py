"""What a mention can be in an event, from the knowledge base and the words around it: governed
by a preposition or a place, able to act, a state, an armed group, a force; its country and sector."""

from __future__ import annotations

import re

from ...kb.actors import knowledge_base
from ...model import Mention, Sentence
from ...text.textnorm import fold
from .doc import _Doc
from .forms import _AR
from .lexicon import _PREPS


def _governed(doc: _Doc, m: Mention, depth: int = 0) -> bool:
    """Is the mention the object of a preposition («الى موسكو», «لروسيا», «مع الناتو»), or
    conjoined to one («بين الهند وباكستان»)?"""
    tok = doc.text[max(0, m.start - 1) : m.start]
    if tok in ("ب", "ل", "ك") and m.start >= 1:
        return True
    before = doc.norm[max(0, m.start - 20) : m.start].split()
    if before and len(before[-1]) > 3 and before[-1][0] in "وف" and before[-1][1:] in _PREPS:
        before[-1] = before[-1][1:]  # «وشمالي العراق», «وفي موسكو»
    if bool(before) and before[-1] in _PREPS:
        # «عناصر من قوات الأمن»: a part of the group acts, the group is not governed
        return not (before[-1] == "من" and len(before) >= 2 and re.sub(r"^[وف]", "", before[-2]) in _PARTITIVE)
    if tok == "و" and depth < 3:
        prev = [x for x in doc.mentions if x.end <= m.start - 1 and re.fullmatch(r"\s*", doc.norm[x.end : m.start - 1])]
        return bool(prev) and _governed(doc, prev[-1], depth + 1)
    return False


def _locative(doc: _Doc, m: Mention, depth: int = 0) -> bool:
    """«في موسكو», «بموسكو», «الى فلاديفوستوك», and the conjunct in «في موسكو وبروكسل»."""
    if doc.text[max(0, m.start - 1) : m.start] == "ب":
        return True
    before = doc.norm[max(0, m.start - 8) : m.start].split()
    if before and before[-1] in _LOC_PREPS:
        return True
    if doc.text[max(0, m.start - 1) : m.start] == "و" and depth < 3:
        prev = [x for x in doc.mentions if x.end <= m.start - 1 and re.fullmatch(r"\s*", doc.text[x.end : m.start - 1])]
        return bool(prev) and _locative(doc, prev[-1], depth + 1)
    return False


_IN_PLACE = re.compile(fold(rf"(?<![{_AR}])[وب]?(?:في|داخل|جنوب|شمال|شرق|غرب|جنوبي|شمالي|شرقي|غربي)\s*$"))
_LOC_PREPS = {fold(w) for w in (
    "في من عبر حول داخل الى إلى نحو قرب جنوب شمال شرق غرب وسط جنوبي شمالي شرقي غربي أنحاء انحاء"
).split()}
_PARTITIVE = {fold(w) for w in "عناصر أفراد أعضاء مجموعة عدد جنود مسلحين مسلحون مقاتلين".split()}


def _can_act(doc: _Doc, m: Mention, nominal: bool) -> bool:
    """Organisations, people, states and generic actors act; a capital only as a subject standing
    for its government; other places (cities, regions, unknown places) never."""
    if m.type != "LOC":
        return True
    a = knowledge_base().get(m.entity or "")
    if a is None:
        return False
    if a.kind == "capital":
        return not nominal
    return a.kind == "country"


def _nationality(word: str) -> str | None:
    return knowledge_base().nationality(word)


def _armed(m: Mention) -> bool:
    """An armed group or military force (KB sector REB/MIL, or an unnamed ISO_MIL/ISO_REB)."""
    ent = m.entity or ""
    if ent.endswith(("_MIL", "_REB")):
        return True
    a = knowledge_base().get(ent)
    return a is not None and a.kind == "org" and (a.sector in ("MIL", "REB") or a.subsector == "MIL")


def _gov_org(m: Mention) -> bool:
    """A government named as an organisation («النظام السوري», «الحكومة السورية»), not a state's name."""
    a = knowledge_base().get(m.entity or "")
    return (a is not None and a.kind == "org" and a.sector == "GOV") or (m.entity or "").endswith("_GOV")


def _is_force(m: Mention) -> bool:
    """Police, army, government (generic or in the knowledge base): agents of coercion."""
    ent = m.entity or ""
    if ent.endswith(("_COP", "_MIL", "_GOV")):
        return True
    a = knowledge_base().get(ent)
    return a is not None and a.kind == "org" and (a.sector in ("MIL", "GOV") or a.subsector == "MIL")


def _main_dyad(doc: _Doc) -> tuple[Mention, Mention] | None:
    """The two actors an article is about, for «الطرفين / الجانبين» (the two sides)."""
    counts: dict[str, list[Mention]] = {}
    for m in doc.mentions:
        if m.type in ("ORG", "LOC") and ":" not in (m.entity or ""):
            counts.setdefault(m.entity or "", []).append(m)
    top = sorted(counts.values(), key=len, reverse=True)[:2]
    if len(top) == 2 and len(top[1]) >= 2:
        return top[0][0], top[1][0]
    return None


def _as_state(kb, m: Mention) -> Mention:
    a = kb.get(m.entity) if m.entity else None
    if a is not None and a.kind == "capital" and a.country:
        return Mention(m.start, m.end, m.text, "LOC", a.country, m.method, m.confidence)
    return m


_CIVIL = {"CVL", "OPP", "EDU", "LAB"}
_GENERIC_CODE = re.compile(r"^([A-Z]{3})_([A-Z]{3})$")


def _code_parts(kb, entity: str) -> tuple[str | None, str | None]:
    """(country, sector) of an actor: from the knowledge base, or from a generic code (IRN_COP)."""
    a = kb.get(entity)
    if a is not None:
        return a.country or None, a.sector or None
    m = _GENERIC_CODE.match(entity)
    return (m.group(1), m.group(2)) if m else (None, None)


def _is_person(kb, entity: str) -> bool:
    a = kb.get(entity)
    return (a is not None and a.kind == "person") or entity.startswith("new:PER:")


def _sector(kb, entity: str) -> str | None:
    return _code_parts(kb, entity)[1]


def _sentence_country(doc: _Doc, s: Sentence) -> str | None:
    """The country a sentence is set in: a place named in it, else the article's main country."""
    kb = knowledge_base()
    for m in doc.mentions:
        if s.start <= m.start < s.end and m.type == "LOC" and m.entity:
            a = kb.get(m.entity)
            if a is not None and a.country and a.country != "IGO" and (a.kind != "country" or _locative(doc, m)):
                return a.country  # a city, or a state named as a place («في إيران»), not a state acting
    return doc.main_country
