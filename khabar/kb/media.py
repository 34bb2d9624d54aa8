"""News media named in a text: «صحيفة الرياض», «قناة العربية», «لـ"الشرق الأوسط"», «(الجزيرة)».

Outlet names are often places or common words (Riyadh, the Middle East, «معا» "together"), so a
name is read as an outlet only in a media construction: after a media noun («صحيفة», «قناة»,
«وكالة» …), in quotation marks after «لـ», «بحسب», «نقلا عن» or a reporting verb, or alone in
parentheses. Names that can only be the outlet («رويترز», «فرانس برس») are ordinary knowledge-base
forms and need no cue.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..text.textnorm import fold, normalize, normalize_same_length
from .actors import knowledge_base, skeleton

_AR = "\u0621-\u064a"
# The media noun says which kind of outlet a shared name is: «صحيفة الجزيرة» / «قناة الجزيرة».
_CUE_KIND = {fold(k): v for k, v in {
    "صحيفة": "paper", "جريدة": "paper", "مجلة": "paper", "قناة": "channel", "فضائية": "channel", "شبكة": "channel",
    "تلفزيون": "channel", "إذاعة": "channel", "راديو": "channel", "وكالة": "agency",
}.items()}
_SAID = ("ذكرت|قالت|أفادت|أوردت|نشرت|أضافت|كشفت|نقلت|أكدت|بثت|أعلنت|أشارت|تابعت|صرح|صرحت|قال|أضاف|أكد|أوضح"
         "|حسب|بحسب|وفق|وفقا\\s+ل|نقلا\\s+عن|عن")


class MediaSpan(NamedTuple):
    start: int
    end: int
    actor: str
    cue: str  # the construction that made it an outlet: a media noun, "quoted", "parentheses" or "credit"


# The two forms of an agency's dateline credit (``ingest/metadata.py`` finds the dateline with them): the agency, a
# dash, the desk's city (one to three words) and a colon; or a dated line that ends with the year and the agency.
DESK_CITY = r"[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,2}"
YEAR_BEFORE_CREDIT = r"(?:19|20|13|14)[0-9]{2}[ \t]*(?:م|هـ|ه)?[ \t]+"


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(forms, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[list[re.Pattern[str]], dict[str, list[str]]]:
    kb = knowledge_base()
    names: dict[str, list[str]] = {}
    for a in kb.actors.values():
        if a.sector == "MED":
            for f in [*a.forms, *a.cue]:
                ids = names.setdefault(fold(f), [])
                if a.id not in ids:
                    ids.append(a.id)
    name = rf"(?P<name>{_alternation(list(names))})(?![{_AR}\w])"
    nouns = "|".join(_CUE_KIND)
    after_noun = re.compile(rf"(?<![{_AR}])(?:[وفبل])?(?P<noun>{nouns})\s*[«“”\"]?\s*{name}")
    quoted = re.compile(rf"(?:(?<![{_AR}])(?:{fold(_SAID)})\s*|(?<![{_AR}])[وف]?لـ*\s*)[«“”\"]\s*{name}\s*[»”“\"]")  # ” opens as often as “ in Gulf sites
    paren = re.compile(rf"\(\s*{name}\s*\)")
    # A news agency credited at the edge of a dateline: «واس- الرياض:», «الرياض 25 شوال 1436 هـ … 2015 م واس»:
    agency = [f for f, ids in names.items() if any(kb.actors[i].subsector == "agency" for i in ids)]
    aname = rf"(?P<name>{_alternation(agency)})(?![{_AR}\w])"
    # (an agency form that is also a place or a word, «قنا», «معا», needs the year right before it)
    credit_first = re.compile(rf"(?:^|\n)[ \t]*{aname}[ \t]*[ـ\-–—][ \t]*{DESK_CITY}[ \t]*:")
    credit_last = re.compile(rf"(?:^|\n)[^\n]{{0,80}}?{YEAR_BEFORE_CREDIT}{aname}[ \t]*(?=\n|$)")
    # the byline of the Saudi press: the writer, a dash, the outlet, then a dash and the desk's city or the line's end:
    # «عبدالله البرقاوي- سبق- الرياض:», «نايف عبدالله – عين اليوم»
    byline = re.compile(rf"(?:^|\n)[ \t\u200e\u200f\u202a-\u202e]*[{_AR}]+(?:[ \t]+[{_AR}]+){{0,3}}[ \t]*[ـ\-–—][ \t]*{name}"
                        rf"[ \t]*(?:[ـ\-–—][ \t]*{DESK_CITY}[ \t]*:|(?=\n|$))")
    return [after_noun, quoted, paren, credit_first, credit_last, byline], names


@functools.lru_cache(maxsize=256)
def outlet_country(code: str | None) -> str | None:
    """The country of the outlet with this code (``Article.outlet``: «alriyadh», «aawsat»), when the knowledge
    base has it: the media actor of that id, or of that id with a country suffix («alwatan» → ALWATAN_SA)."""
    if not code:
        return None
    kb, key = knowledge_base(), code.upper()
    a = kb.actors.get(key) or next((x for x in kb.actors.values() if x.sector == "MED" and x.id.startswith(key + "_")), None)
    return a.country or None if a is not None else None


# An outlet the knowledge base lacks, after a media noun, by the foreign word its name is built on: «صحيفة كوريان
# تايمز», «موقع ديلي ديسباتش», «قناة فوكس نيوز», «وكالة أسوشيتد برس».
_UNKNOWN_OUTLET = re.compile(fold(
    rf"(?<![{_AR}])(?:[وفبل])?(?:صحيفة|جريدة|مجلة|موقع|قناة|شبكة|وكالة(?:\s+(?:أنباء|الأنباء))?)\s*[«“”\"]?\s*"
    rf"(?P<name>(?:(?!ال)[{_AR}]+\s+){{0,2}}(?:تايمز|بوست|نيوز|جورنال|تلغراف|هيرالد|تريبيون|ديسباتش|إكسبرس|ميرور|غازيت|كرونيكل"
    rf"|إيكونوميست|برس|توداي)|(?:ديلي|صنداي)\s+[{_AR}]+)(?![{_AR}])"))


def media_spans(text: str) -> list[MediaSpan]:
    """The outlets named in a media construction, with the outlet each name stands for (a name
    shared by several outlets: the one whose kind the media noun says, else the first listed)."""
    norm = normalize_same_length(text)
    patterns, names = _patterns()
    paren, credits, byline = patterns[2], patterns[3:], patterns[5]
    kb = knowledge_base()
    out: dict[int, MediaSpan] = {}
    for rx in patterns:
        for m in rx.finditer(norm):
            s, e = m.span("name")
            if s in out:
                continue
            ids = names[" ".join(norm[s:e].split())]
            if rx is byline and (any(kb.actors[i].type == "LOC" for i in kb.form_index.get(normalize(text[s:e]), []))
                                 or (" " not in norm[s:e].strip() and ":" not in m.group(0))):
                continue  # «أم خالد - الرياض»: a reader's letter from the city; «الاتحاد - الجزيرة»: a match
            noun = m.groupdict().get("noun")
            kind = _CUE_KIND.get(noun or "")
            aid = next((i for i in ids if kb.actors[i].subsector == kind), ids[0])
            cue = "parentheses" if rx is paren else "credit" if rx in credits else "quoted"
            out[s] = MediaSpan(s, e, aid, noun or cue)
    for m in _UNKNOWN_OUTLET.finditer(norm):
        s, e = m.span("name")
        if not any(o.start < e and s < o.end for o in out.values()):
            known = [i for i in kb.form_index.get(normalize(text[s:e]), []) if kb.actors[i].sector == "MED"]
            out[s] = MediaSpan(s, e, known[0] if known else f"new:ORG:{skeleton(text[s:e])}", "outlet word")
    return sorted(out.values())
