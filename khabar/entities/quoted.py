"""Names in quotation marks after a word that says what they name: «حزب "الفجر الذهبي"», «برنامج «مسارات»»,
«العلامة التجارية "هاغن داس"», «المسمى بـ"كتائب أنصار الشريعة"» (``data/quoted_name_heads.txt``).

The quotation marks bound the name, so the whole quoted name is one mention of the head's kind (ORG or MISC),
whatever the tagger made of its words («كوريا» inside «حرية كوريا» is no place of its own there). A mention
the tagger already has on exactly that span, or one that contains it, is kept as it is; so is a name after a
product or programme head that the article or the knowledge base names as something else («بنظام «طيران
الإمارات»» is the airline's system)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import NamedTuple

from ..kb.actors import KnowledgeBase, skeleton
from ..model import Mention
from ..text.textnorm import fold, normalize, normalize_same_length

_AR = "\u0621-\u064a"
_OPEN, _CLOSE = "\"«“”„", "\"»”“"
# one quoted name: no quotation mark, clause punctuation or line break (a dot only inside a word: «آي.كيو»)
_NAME = r"(?:[^\"«»“”„\n،,.:؛!?()]|\.(?=\S)){2,60}?"
# what opens speech, not a name: «وأكد الحزب "أننا لن نتراجع"»
_SPEECH_START = re.compile(fold(rf"^(?:[وف])?(?:إن|أن|ان|إنه|أنه|انه|إننا|أننا|اننا|إنها|أنها|لن|لا|لم|قد|هذا|هذه|هذان|نحن|هو|هي"
                                rf"|هم|كان|كانت|سوف|ما|من|في|على|إلى|الى|عن|كل|لقد|ليس|يجب)(?![{_AR}])"))


class QuotedName(NamedTuple):
    start: int
    end: int
    type: str  # ORG | MISC
    head: str
    head_start: int = 0
    head_end: int = 0


@functools.lru_cache(maxsize=1)
def _heads() -> dict[str, list[str]]:
    """The sections of data/quoted_name_heads.txt: ORG, MISC and NAMING forms, folded."""
    out: dict[str, list[str]] = {}
    section = ""
    for line in (resources.files("khabar") / "data" / "quoted_name_heads.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        out.setdefault(section, []).append(fold(line))
    return out


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A head noun (with the article or a proclitic, and one adjective after it) and a naming word, each
    followed by a quoted name; and the ORG heads a name may open with."""
    h = _heads()
    nouns = _alternation(h["ORG"] + h["MISC"])
    head = re.compile(
        rf"(?<![{_AR}])(?:[وفبلك]?(?P<head>{nouns})(?:\s+[{_AR}]{{2,}}(?:ي|ية|يه))?"  # not «حركة في "…"»
        rf"|(?:[وف]?(?:ب|ل)?ال|لل)(?P<dhead>{nouns})\s+ال[{_AR}]{{2,}}(?:ي|ية|يه))"  # a definite head only with its adjective
        rf"\s*(?:ب|ل)?\s*[{_OPEN}]\s*(?P<name>{_NAME})\s*[{_CLOSE}]")
    naming = re.compile(
        rf"(?<![{_AR}])(?:[وف])?(?P<head>{_alternation(h['NAMING'])})\s*(?:ب|بـ|ب\s)?\s*[{_OPEN}]\s*(?P<name>{_NAME})\s*[{_CLOSE}]")
    org_start = re.compile(rf"^(?:ال)?(?:{_alternation(h['ORG'])})(?![{_AR}])")
    return head, naming, org_start


def quoted_names(text: str) -> list[QuotedName]:
    """The quoted names of ``text`` (offsets into it), each with its type and the word that says so."""
    norm = normalize_same_length(text)
    head, naming, org_start = _patterns()
    orgs = set(_heads()["ORG"])
    out: dict[int, QuotedName] = {}
    for rx in (head, naming):
        for m in rx.finditer(norm):
            s, e = m.span("name")
            if norm[s - 1 :: -1].lstrip()[:1] == '"' and _closing(norm, norm.rindex('"', 0, s)):
                continue  # «"القوات الشعبية" سترسل … "هجوم»: the mark before the words closes a quotation
            name = norm[s:e].strip()
            if not re.search(rf"[{_AR}A-Za-z]", name) or len(name.split()) > 6 or _SPEECH_START.match(name):
                continue
            if len(name.split()) >= 3 and _said_by_head(norm, m.start(), m.end()):
                continue  # «وقال الجيش السوري "تمكنت وحداتنا من صد الهجوم".»: the head speaks
            s = s + norm[s:e].index(name[0])
            e = s + len(name)
            word = " ".join((m.group("head") or m.groupdict().get("dhead") or "").split())
            if rx is head:
                typ = "ORG" if word in orgs or word.removeprefix("ال") in orgs else "MISC"
            elif org_start.match(name):
                typ = "ORG"
            else:
                continue  # «ما يسمى "المثلث الذهبي"», «ويسمى «الرغبة القائمة …»»: a term, or a name of any kind
            hs, he = m.span("head") if m.group("head") else m.span("dhead")
            out.setdefault(s, QuotedName(s, e, typ, word, hs, he))
    return sorted(out.values())


@functools.lru_cache(maxsize=1)
def _say_forms() -> frozenset[str]:
    """The reporting verbs' forms (data/reporting_verbs.tsv), in search form."""
    text = (resources.files("khabar") / "data" / "reporting_verbs.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(normalize_same_length(f) for r in rows if len(r) == 3 for f in r[2].split("|"))


def _said_by_head(norm: str, start: int, end: int) -> bool:
    """The match at ``start``-``end`` is a reporting verb's subject and its words: a reporting verb right
    before the head and the quotation closing the sentence («وقال الحزب الديمقراطي "سنواصل النضال".»),
    where a name goes on («وقال حزب "الفجر الذهبي" إن …»). Only asked of three words or more: a short one is a
    name («وفقا لما ذكر موقع "سبورت 360".»)."""
    before = norm[max(0, start - 20) : start].split()
    if not before or before[-1].removeprefix("و").removeprefix("ف") not in _say_forms():
        return False
    after = norm[end : end + 3].lstrip(" ")
    return after == "" or after[0] in ".\n!?؟"


def _adjective_alone(name: str) -> bool:
    """A quoted word that is one relative adjective is a scare quote, not a name: «تنظيم "إرهابي"»,
    «منظومة صاروخية "طوربيدية"», «النظام الانتخابي "القوي"»."""
    words = name.split()
    return len(words) == 1 and len(words[0]) >= 4 and re.fullmatch(rf"[{_AR}]+(?:ي|ية|يه|يين|يون)", words[0]) is not None


def _head_named(mentions: list[Mention], q: QuotedName) -> bool:
    """A name found already covers the head and more («الحزب الديمقراطي», «الاتحاد الأوروبي»): the quoted
    words after it are what it says or a topic («الاتحاد الأوروبي "بريكست"»), not its name."""
    return any(m.start <= q.head_start and m.end > q.head_end and m.end <= q.start for m in mentions)


def _named_as_org(text: str, key: str) -> bool:
    """The article names ``key`` (normalised) after an organisation head elsewhere («شركة طيران الإمارات»)."""
    org = _alternation(_heads()["ORG"])
    rx = re.compile(rf"(?<![{_AR}])(?:[وفبل]|لل|ال)?(?:{org})\s+[«“\"]?\s*{re.escape(key)}(?![{_AR}])")
    return rx.search(normalize_same_length(text)) is not None


def _closing(norm: str, at: int) -> bool:
    """The ASCII quotation mark at ``at`` closes one: an odd number of them precede it in its line."""
    line = norm.rfind("\n", 0, at) + 1
    return norm.count('"', line, at) % 2 == 1


def with_quoted_names(text: str, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """``mentions`` with the quoted names added; the mentions a quoted name overlaps give way, unless one
    covers the whole name (kept, as the tagger or the knowledge base read it)."""
    spans = quoted_names(text)
    if not spans:
        return mentions
    typed = [(normalize(m.text), m.type) for m in mentions]  # how the tagger reads names elsewhere
    out = list(mentions)
    for q in spans:
        if any(m.start <= q.start and q.end <= m.end for m in out) or _head_named(mentions, q):
            continue
        key = normalize(text[q.start : q.end])
        if _adjective_alone(key) and not kb.exact(key):
            continue
        if q.type == "MISC" and (any(t != "MISC" and (n == key or n.endswith(" " + key)) for n, t in typed)
                                 or any(a.type != "MISC" for a in kb.exact(key)) or _named_as_org(text, key)):
            continue  # «بنظام «طيران الإمارات»»: the owner of the system, a company named so elsewhere
        out = [m for m in out if not (m.start < q.end and q.start < m.end)]
        surface = text[q.start : q.end]
        known = [a for a in kb.exact(surface) or kb.exact(f"{text[q.head_start:q.head_end]} {surface}") if a.type == q.type]
        entity = known[0].id if known else f"new:{q.type}:{skeleton(surface) or normalize(surface)}"
        out.append(Mention(q.start, q.end, surface, q.type, entity, f"quoted:{q.head}", 0.8))
    return sorted(out, key=lambda m: (m.start, -m.end))
