"""Quotations: who said what. Direct quotes («…», "…", “…”) and reported speech
(«أكد أن…», «أشار إلى أن…», «قال إن…»), each with its speaker resolved to a canonical actor
(through the entity mentions), the reporting verb, and the quoted span.

Attribution follows Arabic news syntax:

* VSO: «وقال راسموسن: "…"», «أكد الأمين العام للحلف أن …» — the speaker is the first
  actor mention after the verb, before the complementiser (إن/أن) or colon;
* SVO / apposition: «راسموسن … قال»; a title mention («الأمين العام للناتو») counts as the
  person it was linked to;
* continuation: «وأضاف: "…"», «وتابع …», «مشيرا إلى أن …», «وحسب قوله "…"» carry the
  previous speaker (within the article, across paragraphs);
* unnamed sources: «دبلوماسي روسي», «مسؤولون روس», «مصدر مطلع», «دبلوماسي في الحلف الأطلسي»
  are marked ``unnamed`` with their description and, where stated, their country/organisation;
* «نقلت صحيفة X عن Y قوله إن …»: the speaker is Y, reported by X.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field, replace
from importlib import resources

from ..entities.linking import NAME_TITLES
from ..kb.actors import knowledge_base, skeleton
from ..model import Mention, Quote, Sentence
from ..text.textnorm import fold, normalize, normalize_same_length, word_list
from ..text.tokenize import vocabulary

_AR = "\u0621-\u064a"
_OPEN_CLOSE = {"«": "»", "“": "”", "„": "“", '"': '"', "‹": "›", "{": "}"}  # {…}: the Saudi press (Okaz)
_COMP = re.compile(fold(rf"[\s،,:]*(?:ب)?(?:إن|أن|ان|إنه|أنه|انه|إنها|أنها|انها|إنهم|أنهم|انهم|إنّ|أنّ)\u0640*(?![{_AR}])"))
_COMP_ANY = re.compile(fold(rf"(?<![{_AR}])(?:ب)?(?:إن|أن|ان|إنه|أنه|انه|إنها|أنها|انها|إنهم|أنهم|انهم)\u0640*(?![{_AR}])"))
_PREP_COMP = re.compile(fold(rf"[\s،,]*(?:الى|إلى|على|عن|ب)\s*(?:أمله|امله|قلقه|أسفه|ترحيبه|استعداده)?\s*(?:في|ب)?\s*"
                              rf"(?:أن|ان|إن)(?:ه|ها|هم|هما|نا)?\u0640*(?![{_AR}])"))
_ABOUT = re.compile(fold(r"[\s،,]*عن\s+(?:أمله|امله|قلقه|أسفه|اسفه|ترحيبه|رفضه|استعداده|ثقته|تمنياته)\s+(?:في|ب)?\s*"))
_FEAR = re.compile(fold(rf"[\s،,]*عن\s+(?:مخاوف|مخاوفه|مخاوفها|خشية|خشيته|خشيتها|قلق)\s+(?:من|في)\s+(?:أن|ان)(?![{_AR}])"))
_QAWL = re.compile(fold(rf"(?<![{_AR}])(?:و)?(?:حسب|بحسب|على\s+حد|وفق)\s+(?:قوله|قولها|تعبيره|تعبيرها|ما\s+قال|ما\s+قالت)(?![{_AR}])"))
_UNNAMED = re.compile(fold(
    rf"[\s،,]*(?P<desc>(?:(?:ال)?(?:دبلوماسي|دبلوماسيون|دبلوماسيين|مسؤول|مسؤولون|مسؤولين|مصدر|مصادر|متحدث|خبير|خبراء"
    rf"|مراقبون|محللون|محلل|مراقب|شهود|شاهد|ناشطون|ناشط|سكان|مسعفون|ضابط|ضباط|عضو|أعضاء|نائب|نواب"
    rf"|صحيفة|الصحيفة|وكالة|الوكالة|القناة|الموقع|الجريدة|البيان|التقرير|المصدر|المصادر"
    rf"|والده|والدته|والدها|والدتها|شقيقه|شقيقها|زوجته|زوجها|ابنه|ابنها|أحد|احد|مقيم|مقيمة|مقيمون|سكان|شاهد\s+عيان"
    rf"|صهر|أقارب|اقارب|قريب|عائلة|أسرة|محامي|محامية|جيران|جار|مسؤولا|مصدرا|دبلوماسيا|علماء|باحثون|باحثين"
    rf"|شهود\s+عيان|مواطن|مواطنة|مواطنون|طبيب|أطباء|مسعف|صحفي|صحفيون|مراسل|مراسلة|متحدثة|ناطق|ناطقة|مسؤولو|مسؤولي)"
    rf"(?![{_AR}])(?:\s+(?:[{_AR}]+)){{0,3}}))(?=(?:\s+[{_AR}]+){{0,3}}?\s*[«“\"]?[^«“\"]{{0,25}}?[»”\"]?\s*(?:[،,:]|(?:إن|أن|ان|إنه|أنه|انه|بأن|بان|قوله|قولها)(?![{_AR}])))"
))

_TIME_WORD_TAIL = re.compile(fold(r"\s+(?:ال)?(?:اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت|احد|يوم|امس|اليوم|صباح|مساء|ظهر|ليله)(?:\s.*)?$"))
_FROM_SRC = re.compile(fold(r"(?<![\u0621-\u064a])عن\s+"))
_TO_CONTENT = re.compile(fold(r"[\s،,]*(?:الى|إلى)\s+"))
_COMP_THEN_WORDS = re.compile(fold(rf"(?<![{_AR}])(?:ب)?(?:إن|أن|ان)(?:ه|ها|هم)?\u0640*\s+[{_AR}]+[\s{_AR}]*[«“\"„]?\s*$"))
_SLOT_TO_QUOTE = re.compile(fold(rf"[\s:،,]*(?:[{_AR}]+\s*){{0,4}}[\s:،,]*[«“\"„]?\s*"))
_AND_BETWEEN_QUOTES = re.compile(r"[\s«»“”\"]*و[\s«»“”\"]*")


@dataclass(frozen=True, slots=True)
class Verb:
    lemma: str
    kind: str  # say | cont | part


class _Forms(dict[str, Verb]):
    """Verb forms; a form matched with a diacritic inside it («مشددًا», tatweel in search form) is
    looked up without it."""

    def __missing__(self, key: str) -> Verb:
        if "\u0640" not in key:
            raise KeyError(key)
        return self[key.replace("\u0640", "")]


@functools.lru_cache(maxsize=1)
def verbs() -> tuple[dict[str, Verb], re.Pattern[str]]:
    table: dict[str, Verb] = _Forms()
    text = (resources.files("khabar") / "data" / "reporting_verbs.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, kind, forms = line.split("\t")
        for f in forms.split("|"):
            table.setdefault(fold(f), Verb(lemma, kind))
    alt = "|".join("\u0640*".join(map(re.escape, f)) for f in sorted(table, key=len, reverse=True))
    rx = re.compile(rf"(?<![{_AR}])(?P<pre>[وف])?(?P<verb>{alt})(?=\u0640*(?![{_AR}]))")  # «لافتاً», «مشددًا»: tanween
    return table, rx


@dataclass(slots=True)
class _Speaker:
    entity: str | None
    start: int | None
    end: int | None
    text: str
    unnamed: bool = False
    desc: str = ""
    country: str | None = None
    gender: str | None = None  # "m" / "f": the agreement of the verb that first named this speaker
    generic: bool = False  # a generic institution («الشرطة», «النيابة العامة»): an unnamed source


def _direct_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(content start, content end) of quoted passages in text[lo:hi] with ≥ 2 words."""
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        ch = text[i]
        if ch in _OPEN_CLOSE:
            close = _OPEN_CLOSE[ch]
            j = text.find(close, i + 1, hi)
            if j > i + 1:
                inner = text[i + 1 : j]
                if len(inner.split()) >= 2:
                    s, e = i + 1, j
                    while s < e and text[s].isspace():
                        s += 1
                    while e > s and text[e - 1].isspace():
                        e -= 1
                    out.append((s, e))
                i = j + 1
                continue
        i += 1
    return out


@dataclass(slots=True)
class _Ctx:
    text: str
    norm: str
    mentions: list[Mention]
    last: _Speaker | None = None
    last_person: _Speaker | None = None
    said: list[_Speaker] = field(default_factory=list)  # the speakers so far, in text order
    quotes: list[Quote] = field(default_factory=list)
    direct: list[tuple[int, int]] = field(default_factory=list)
    used_direct: set[tuple[int, int]] = field(default_factory=set)
    alias: dict[str, Mention] = field(default_factory=dict)


def _mention_after(ctx: _Ctx, pos: int, limit: int) -> Mention | None:
    """First actor mention starting in [pos, limit) — PER/ORG first, a country as a speaker."""
    best = None
    for m in ctx.mentions:
        if pos <= m.start < limit and m.entity and m.type in ("PER", "ORG", "LOC"):
            if best is None or m.start < best.start or (m.start == best.start and m.end > best.end):
                best = m
    return best


def _mention_before(ctx: _Ctx, pos: int, lo: int) -> Mention | None:
    best = None
    for m in ctx.mentions:
        if (lo <= m.start and m.end <= pos and m.entity and m.type in ("PER", "ORG", "LOC") and _can_speak(ctx, m)
                and not _complement(ctx, m)):
            if best is None or m.end > best.end:
                best = m
    return best


def _person_before(ctx: _Ctx, pos: int, lo: int, strict: bool = True) -> Mention | None:
    """A person named as the subject before the verb, possibly with an apposition title between
    («X السفير الأمريكي لدى الناتو قد أكد»): no clause break and no other verb in between.
    ``strict=False``: just the most recent person named before ``pos``."""
    cands = [m for m in ctx.mentions if lo <= m.start and m.end <= pos and m.type == "PER" and m.entity
             and not _complement(ctx, m)]
    if not cands:
        return None
    m = max(cands, key=lambda m: m.end)
    if not strict:
        return m
    gap = ctx.norm[m.end : pos]
    if re.search(r"[.!?؟:«»\"]", gap) or verbs()[1].search(gap) or _COMP_ANY.search(gap):
        return None
    if len(gap.split()) > 8:
        return None
    return m


def _complement(ctx: _Ctx, m: Mention) -> bool:
    """«مؤيدين للرئيس», «لوكالة …»: a mention after the preposition ل is a complement, not a subject."""
    return _addressee(ctx, m) or fold(m.text).startswith("لل")


def _speaker_from_mention(ctx: _Ctx, m: Mention) -> _Speaker:
    """The speaker a mention names, with the span (and text) of the fullest name the article gives
    its entity («وقال قطان» is «أحمد بن عبدالعزيز قطان», «الوكالة» the agency introduced by its
    full name, «البنك» the bank named «مورغان ستانلي» in apposition), as a carried speaker's span
    is the mention that named it first."""
    named = ctx.alias.get(m.entity or "") or _full_name(ctx, m)
    generic = named.method.split("+")[0].split(" ")[0] == "generic"
    return _Speaker(named.entity, named.start, named.end, named.text, generic=generic)


def _apposed_names(norm: str, mentions: list[Mention]) -> dict[str, Mention]:
    """Descriptions given a name in apposition, «بنك الاستثمار العالمي «مورغان ستانلي»»: the
    description's entity (and that of its shorter forms, «بنك الاستثمار») → the name's mention."""
    out: dict[str, Mention] = {}
    for a, b in zip(mentions, mentions[1:], strict=False):
        if (a.type == b.type and a.type in ("PER", "ORG") and a.entity and b.entity and a.entity != b.entity
                and _APPOSED.fullmatch(norm[a.end : b.start]) and norm[b.end : b.end + 1] in ("»", "”", '"')):
            words = fold(a.text).split()
            for o in mentions:
                ow = fold(o.text).split()
                if o.type == a.type and o.entity and o.entity != b.entity and ow == words[: len(ow)] and len(ow) > 1:
                    out[o.entity] = b
            out[a.entity] = b
    return out


_APPOSED = re.compile(r"\s*[«“\"]\s*")


def _full_name(ctx: _Ctx, m: Mention) -> Mention:
    """A person's fullest name in the article; an organisation's only for a bare head noun
    («الوكالة») that no other organisation named before could stand for."""
    if m.type == "ORG":
        return _antecedent_org(ctx, m)
    same = [o for o in ctx.mentions if o.entity == m.entity and o.type == m.type]
    best = max(same, key=lambda o: (len(o.text.split()), o.start <= m.start, -o.start), default=m)
    return best if len(best.text) > len(m.text) else m


_SECTOR = re.compile(r"[A-Z]{3}_[A-Z]{3}")


def _nationality(word: str) -> bool:
    return bool(knowledge_base().nationality(word) or knowledge_base().nationality(word.removeprefix("ال")))


def _head(words: str) -> str:
    w = fold(words).split()
    return w[0].removeprefix("ال") if w else ""


def _antecedent_org(ctx: _Ctx, m: Mention) -> Mention:
    """The organisation a bare definite head noun («الوكالة», «البنك») names: the one earlier
    mention with that head, longer and of the same entity; ``m`` itself when none or several."""
    words = fold(m.text).split()
    if not 1 <= len(words) <= 2 or not words[0].startswith("ال") or (len(words) == 2 and not _nationality(words[1])):
        return m  # «الوكالة», «الوزارة الروسية»: a head noun, perhaps with a nationality
    head = _head(m.text)
    earlier = [o for o in ctx.mentions if o.type == "ORG" and o.end <= m.start and _head(o.text) == head
               and len(o.text.split()) > len(words)]
    same = [o for o in earlier if m.entity and o.entity == m.entity]
    if same:  # the entity layer already chose among them (entities/linking.py _head_coref)
        return max(same, key=lambda o: len(o.text))
    if not earlier or len({o.entity for o in earlier}) > 1:
        return m
    ent, ante = m.entity or "", earlier[0].entity or ""
    if ent != ante and not ent.startswith("new:") and not (_SECTOR.fullmatch(ent) and ante[:4] == ent[:4]):
        return m  # linked to a known actor of its own (not just the country's government)
    return max(earlier, key=lambda o: len(o.text))


_TOLD = re.compile(fold(rf"(?<![{_AR}])ل(?:وكاله\s+(?:ال)?انباء|صحيفه|جريده|قناه|موقع|مجله|اذاعه|تلفزيون|شبكه)(?![{_AR}])"))


def _relay_start(ctx: _Ctx, lo: int, hi: int) -> int | None:
    """Where «told to an outlet» starts inside a source's description: «لوكالة/لصحيفة/لقناة…», or a
    news outlet written with «ل» («لرويترز»). The outlet relays the statement; the source is the
    official before it (docs/annotation-who-when.md §2)."""
    m = _TOLD.search(ctx.norm, lo, hi)
    cut = m.start() if m else None
    kb = knowledge_base()
    for o in ctx.mentions:
        a = kb.get(o.entity) if o.entity else None
        if lo < o.start < hi and a is not None and a.sector == "MED":
            w = max(ctx.norm.rfind(" ", lo, o.start) + 1, lo)
            prev = ctx.norm.rfind(" ", lo, max(lo, w - 1)) + 1
            if ctx.norm[w] != "ل" and _MEDIA_NOUN_TOLD.fullmatch(ctx.norm, max(prev, lo), max(lo, w - 1)):
                w = max(prev, lo)  # «لوكالة فرانس برس»: the told noun before the outlet's name
            if ctx.norm[w] == "ل" and (cut is None or w < cut):
                cut = w
    return cut


_MEDIA_NOUN_TOLD = re.compile(fold("ل(?:وكاله|صحيفه|جريده|قناه|شبكه|موقع)"))


def _unnamed_after(ctx: _Ctx, pos: int, limit: int) -> _Speaker | None:
    m = _UNNAMED.match(ctx.norm, pos, min(len(ctx.norm), limit + 12))  # the lookahead sees the gate
    if not m or m.end("desc") > limit:
        return None
    desc_s, desc_e = m.start("desc"), m.end("desc")
    full_e = desc_e
    # «دبلوماسي روسي الاربعاء»: a time word is not part of the description
    tw = _TIME_WORD_TAIL.search(ctx.norm[desc_s:desc_e])
    if tw:
        desc_e = desc_s + tw.start()
    relay = _relay_start(ctx, desc_s, full_e)
    if relay is not None:  # «مسؤول أمني لرويترز»: the outlet told is no part of the source
        desc_e = full_e = min(desc_e, relay)
    desc = ctx.text[desc_s:desc_e].rstrip(" ،,")
    desc_e = desc_s + len(desc)
    country = None
    for w in fold(desc).split()[1:]:
        country = knowledge_base().nationality(w) or country
    org = _mention_after(ctx, desc_s, full_e)  # «دبلوماسي في الحلف الأطلسي» → NATO
    return _Speaker(org.entity if org and org.type == "ORG" else None, desc_s, desc_e, desc, True, desc, country)


def extract_quotes(text: str, sentences: list[Sentence], mentions: list[Mention]) -> list[Quote]:
    """The statements of an article, in text order: per sentence, the quotes introduced by a
    reporting verb, a clause attributed by «…، بحسب X», then direct quotes with no verb before
    them; a statement repeated by the article is listed once."""
    ctx = _Ctx(text, normalize_same_length(text), mentions)
    ctx.alias = _apposed_names(ctx.norm, ctx.mentions)
    ctx.direct = _paragraph_direct_spans(text)
    for sent in sentences:
        _sentence_quotes(ctx, sent.start, sent.end)
    ctx.quotes.sort(key=lambda q: q.start)
    return _with_quoted_fragments(text, drop_repeated_quotes(text, ctx.quotes))


def _with_quoted_fragments(text: str, quotes: list[Quote]) -> list[Quote]:
    """Reported speech that moves into quotation marks («أعلن أنه قرر الرد على الخطابات "في إطارها
    المناسب وفقا للوائح…"») is two statements: the indirect one, and the quoted words as a direct
    quote of the same speaker (docs/annotation-who-when.md §2). Only fragments of 3 words and more
    with reported words before them; quotation marks right after the complementiser make one
    direct statement, which the extractor reads as such already."""
    out: list[Quote] = []
    spans = {(q.start, q.end) for q in quotes}
    for q in quotes:
        out.append(q)
        if q.kind != "indirect":
            continue
        for s, e in _direct_spans(text, q.start, q.end):
            before = normalize_same_length(text[q.start : s - 1])
            if len(text[s:e].split()) < 3 or len(_COMP_ANY.sub(" ", before).split()) < 1 or (s, e) in spans:
                continue
            out.append(replace(q, start=s, end=e, kind="direct"))
            spans.add((s, e))
    return out


def _paragraph_direct_spans(text: str) -> list[tuple[int, int]]:
    """Direct quote spans per paragraph (a quote may run over several sentences)."""
    direct: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        direct += _direct_spans(text, pos, pos + len(line)) + _unclosed_span(text, pos, pos + len(line))
        pos += len(line) + 1
    return direct


_NEXT_STATEMENT = re.compile(fold(rf"[،,]\s*(?:مؤكدا|مشيرا|مضيفا|لافتا|موضحا|مبينا|مشددا|معتبرا)\u0640*(?![{_AR}])"))


def _unclosed_span(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A quotation opened with «“ that the paragraph never closes («قال «إن هذا الإنجاز …،
    مؤكدا أن …»): it runs to the next participle that starts another statement, else to the end
    of the paragraph; at least five words."""
    for op, cl in (("«", "»"), ("“", "”")):
        i = text.rfind(op, lo, hi)
        if i < 0 or text.find(cl, i, hi) >= 0 or text.count(op, lo, hi) != text.count(cl, lo, hi) + 1:
            continue
        nxt = _NEXT_STATEMENT.search(normalize_same_length(text[i:hi]))
        e = i + nxt.start() if nxt else hi
        while e > i + 1 and text[e - 1] in " .،,":
            e -= 1
        if len(text[i + 1 : e].split()) >= 5:
            return [(i + 1, e)]
    return []


def _sentence_quotes(ctx: _Ctx, s0: int, s1: int) -> None:
    """The quotes of the sentence text[s0:s1], appended to ``ctx.quotes``."""
    inside = [d for d in ctx.direct if s0 <= d[0] - 1 and d[1] <= s1 + 1] or [
        d for d in ctx.direct if d[0] < s1 and s0 < d[1] and d not in ctx.used_direct
    ]
    _, verb_rx = verbs()
    hits = [*verb_rx.finditer(ctx.norm, s0, s1), *_object_verb_rx().finditer(ctx.norm, s0, s1)]
    for vm in sorted(hits, key=lambda m: m.start()):
        _verb_quote(ctx, vm, s0, s1)
    _according_quote(ctx, s0, s1)
    _according_then_quote(ctx, s0, s1)
    _verbless_direct_quotes(ctx, inside, s0, s1)


def _quote(sp: _Speaker, start: int, end: int, kind: str, verb: str, verb_start: int | None = None,
           verb_end: int | None = None, carried: bool = False) -> Quote:
    """A quote of ``sp`` over [start, end). A generic institution («النيابة العامة», «مسؤولون أميركيون», «الشرطة»: no
    name of its own, unlike «وزارة الصحة السعودية») is an unnamed source, as the guidelines count «السلطات الأمريكية»."""
    unnamed = sp.unnamed or sp.generic
    return Quote(start=start, end=end, kind=kind, speaker=sp.entity, speaker_text=sp.text, speaker_start=sp.start,
                 speaker_end=sp.end, verb=verb, verb_start=verb_start, verb_end=verb_end, unnamed=unnamed,
                 source=sp.desc or (sp.text if unnamed and not sp.unnamed else None), source_country=sp.country,
                 carried=carried)



@dataclass(slots=True)
class _VerbHit:
    """A reporting verb in the sentence [s0, s1): its match, entry and span, and ``gate``, where
    its speaker slot ends."""

    vm: re.Match[str]
    v: Verb
    vs: int
    ve: int
    s0: int
    s1: int
    gate: int


def _verb_hit(ctx: _Ctx, vm: re.Match[str], s0: int, s1: int) -> _VerbHit | None:
    """The verb match as a reporting verb with its slot, or None where it reports nothing."""
    table, _ = verbs()
    norm = ctx.norm
    v = table[vm.group("verb")]
    vs, ve = vm.start("verb"), vm.end()
    if any(a <= vs < b for a, b in ctx.used_direct) or any(q.start <= vs < q.end for q in ctx.quotes):
        return None  # a verb inside a quotation is part of what was said
    if (v.kind == "cont" or vm.group("verb") == "بين") and not (vm.group("pre") or _clause_start(norm, s0, vs)):
        return None  # «رادار تابع للدرع»: تابع as an adjective, not "he went on"
    gate = _first_gate(norm, ve, s1)
    while (named := _quoted_name_at(ctx, gate, s1)) is not None:
        gate = _first_gate(norm, named, s1)  # «ونقلت «بلومبيرغ» عن …»: a name in quotation marks
    if fold(v.lemma) in _POINTING:  # «أشار (X) إلى حديث ترامب …»: what follows إلى is what was said
        to = _TO_GATE.search(norm, ve, gate)
        if to:
            gate = to.start()
    if fold(v.lemma) in _QUOTED_ONLY and norm[gate : gate + 1] not in (":", "«", "“", '"'):
        return None  # «وعلقت الحكومة العمل بالاتفاق بعد أن …»: "suspended", unless a quotation follows
    if fold(v.lemma) in POSITION_VERBS and (pn := _position_after_prep().search(norm, ve, gate)):
        gate = pn.start()  # «أعرب فيه عن استنكاره للاعتداء على قوات …»: what follows the noun is what was said
    nxt = next((m for m in verbs()[1].finditer(norm, ve, gate)
                if m.group("pre") and fold(table[m.group("verb")].lemma) == _ACCUSE), None)
    if nxt is not None:  # «شددت على عدم تورطها واتهمت بريطانيا بـ"…"»: the accused is no subject of the first
        gate = nxt.start()
    return _VerbHit(vm, v, vs, ve, s0, s1, gate)


_OBJECT_VERBS = frozenset(fold(w) for w in ("وصف", "اتهم", "اعتبر"))  # «ووصفه بأنه "…"», «واتهمه بأنه»


@functools.lru_cache(maxsize=1)
def _object_verb_rx() -> re.Pattern[str]:
    """The perfect forms of _OBJECT_VERBS with an object pronoun («ووصفه», «واتهمها»): reporting verbs too."""
    table, _ = verbs()
    forms = [f for f, v in table.items() if fold(v.lemma) in _OBJECT_VERBS and not f.startswith(("ي", "ت"))]
    alt = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    return re.compile(rf"(?<![{_AR}])(?P<pre>[وف])?(?P<verb>{alt})(?:ه|ها|هم|هما)(?=\u0640*(?![{_AR}]))")


_QUOTED_ONLY = frozenset(fold(w) for w in ("علق", "زاد"))  # verbs that report only before a colon or a quotation


def _quoted_name_at(ctx: _Ctx, pos: int, end: int) -> int | None:
    """Where a quotation mark at ``pos`` that only encloses a person or organisation mention
    («بلومبيرغ», «مورغان ستانلي») closes, or None."""
    close = _OPEN_CLOSE.get(ctx.norm[pos : pos + 1]) if pos < end else None
    j = ctx.norm.find(close, pos + 1, end) if close else -1
    if j < 0 or len(ctx.norm[pos + 1 : j].split()) > 4:
        return None
    inner = ctx.norm[pos + 1 : j].strip()
    for m in ctx.mentions:
        if m.type in ("PER", "ORG") and m.entity and ctx.norm[m.start : m.end].strip() == inner:
            return j + 1
    return None


def _verb_quote(ctx: _Ctx, vm: re.Match[str], s0: int, s1: int) -> None:
    """The quote a reporting verb introduces: 1. who speaks, 2. what was said."""
    hit = _verb_hit(ctx, vm, s0, s1)
    if hit is None:
        return
    found = _attribute(ctx, hit)
    if found is None:
        return
    speaker, carried, after = found
    if not carried and speaker.gender is None:
        speaker.gender = _verb_gender(hit)
    as_said = _AS_SAID.search(ctx.norm, max(s0, hit.vs - 16), hit.vs)
    if as_said and not vm.group("pre"):
        _as_said_quote(ctx, hit, as_said.start(), speaker, carried)
        return
    _quote_after_verb(ctx, hit, speaker, carried, after)


_PRO_DROP = re.compile(rf"\s*(?:في|خلال|عبر|على|أثناء|اثناء|لدى|عند|بعد)\s+(?:[{_AR}]+\s+)?[{_AR}]+(?:ه|ها)(?![{_AR}])")


def _set_last(ctx: _Ctx, speaker: _Speaker) -> None:
    """``speaker`` said the latest statement."""
    ctx.last = speaker
    if not ctx.said or ctx.said[-1] is not speaker:
        ctx.said.append(speaker)


def _verb_gender(hit: _VerbHit) -> str | None:
    """"m" or "f" for a verb form in the singular («قال/يقول/مؤكدا» → m, «قالت/تقول/مؤكدة» → f);
    None for duals, plurals and what the form does not show."""
    f, lemma = hit.vm.group("verb").replace("\u0640", ""), fold(hit.v.lemma)
    if f.startswith("بقول"):  # «بقوله / بقولها / بقولهم»: the pronoun's gender
        return {"بقوله": "m", "بقولها": "f"}.get(f)
    if hit.v.kind == "part":
        return None if f.endswith(("ين", "ون")) else "f" if f.endswith(("ه", "ة")) else "m"
    if f == lemma or (f.startswith("ي") and not f.endswith(("ون", "ان", "وا"))):
        return "m"
    if f in (lemma + "ت", lemma[:-1] + "ت") or (f.startswith("ت") and not f.endswith(("ان", "ون"))
                                                and not lemma.startswith("ت")):
        return "f"
    return None


def _carried(ctx: _Ctx, gender: str | None) -> _Speaker | None:
    """The speaker a verb with no subject of its own goes on with: the previous speaker, unless the
    verb's gender says otherwise («وقال الموقع إن …» then «وقالت "…"»), then the latest speaker of
    that gender; the previous speaker when there is none."""
    last = ctx.last
    if last is None or gender is None or last.gender in (None, gender):
        return last
    return next((sp for sp in reversed(ctx.said) if sp.gender == gender), last)


def _pro_drop_subject(ctx: _Ctx, hit: _VerbHit) -> _Speaker | None:
    """«وقال في كلمته خلال استقباله …»: the verb's subject is the pronoun of «كلمته» (no person is
    named in the slot): the previous speaker, else the person the text was about."""
    if not _PRO_DROP.match(ctx.text, hit.ve, hit.gate):
        return None
    if any(hit.ve <= m.start < hit.gate and m.type == "PER" for m in ctx.mentions):
        return None
    if ctx.last is not None:
        return _carried(ctx, _verb_gender(hit))
    per = _person_before(ctx, hit.vs, max(0, hit.s0 - 600), strict=False)
    return _speaker_from_mention(ctx, per) if per is not None else None


def _attribute(ctx: _Ctx, hit: _VerbHit) -> tuple[_Speaker, bool, int] | None:
    """(speaker, carried, where what was said may start) for the verb, or None."""
    v, ve, gate = hit.v, hit.ve, hit.gate
    hon = _HONORIFIC.match(ctx.norm, ve, gate)
    if hon and (dign := _dignitary(ctx, hon.group("hon"), hit.vs)):
        return dign, False, gate  # «وقال معاليه …»: the dignitary the article is about
    if v.kind != "part" and (dropped := _pro_drop_subject(ctx, hit)):
        return dropped, True, gate
    if v.kind != "part":
        found = _speaker_in_slot(ctx, hit)
        if found is None and ctx.last_person and _DEF_PERSON.match(ctx.norm, ve, gate):
            found = ctx.last_person, True  # «وكشفت الوزيرة الفرنسية أن …»
        if found is not None:
            return found[0], found[1], gate
    after = gate if gate - ve <= 40 else ve
    if v.kind == "say":
        sv = _SVO_UNNAMED.search(ctx.norm, max(hit.s0, hit.vs - 45), hit.vs)
        if sv:  # «لكن مسؤولا بارزا في الشرطة قال إن …»
            d0, d1 = sv.start("desc"), sv.end("desc")
            return _Speaker(None, d0, d1, ctx.text[d0:d1], True, ctx.text[d0:d1], None), False, after
    found = _speaker_before_verb(ctx, hit)
    return None if found is None else (found[0], found[1], after)


def _slot_candidates(ctx: _Ctx, hit: _VerbHit) -> tuple[_Speaker | None, Mention | None]:
    """The unnamed source and the actor mention in the verb's slot (after «عن» for «نقل»)."""
    ve, gate = hit.ve, hit.gate
    un = _unnamed_after(ctx, ve, gate)
    m = _subject_in_slot(ctx, ve, gate)
    if un and m is not None and m.start == un.start and _antecedent_org(ctx, m) is not m:
        un = None  # «وأوضحت الوكالة» after «وكالة الرئاسة العامة …»: the agency named before
    if m is not None and m.type == "PER" and (not (un and un.start is not None and m.start < (un.end or 0))
                                              or _definite_before(ctx, un.start, m.start)):
        un = None  # «المتحدث باسم وزارة الدفاع … أبو بكر ديالو»: the named person speaks; so does
        # «النائب محمد الردايده» (a definite title in apposition; but «صهر رنيم», a head without the
        # article, takes the name as its complement)
    if hit.v.lemma == "نقل":  # «نقلت صحيفة X عن Y قوله …»: Y is the speaker
        src = _FROM_SRC.search(ctx.norm, ve, gate)
        if src:
            un2 = _unnamed_after(ctx, src.end() - 1, gate)
            m2 = _subject_in_slot(ctx, src.end(), gate)
            if m2 is None and un2 is None:  # «عن مذكرة بحثية لبنك الاستثمار»: the bank's note
                m2 = _author_of_document(ctx, src.end(), gate)
            if un2 and (m2 is None or m2.type != "PER"):
                un, m = un2, None
            elif m2 is not None:
                un, m = None, m2
            elif m is not None and m.start < src.start() and _INTERVIEW.match(ctx.norm, src.end()):
                m = None  # «ونقلت صحيفة "آس" عن حوار للنجم البرازيلي»: the paper only relays what someone said
                # to it; the source is found otherwise. A source it cannot name («عن تقرير لم ينشر», «عن
                # مصادر استخباراتية») leaves the paper as the speaker.
    return un, m


_INTERVIEW = re.compile(fold(r"\s*(?:حوار|مقابلة|مقابله|حديث|تصريحات|تصريح)(?![\u0621-\u064a])"))


def _definite_before(ctx: _Ctx, a: int | None, b: int) -> bool:
    """Every word from ``a`` to the name at ``b`` carries the article («النائب الأول»): a definite noun
    before a name is in apposition with it, whereas a construct-state head («صهر», «شقيق») has none."""
    words = ctx.norm[a or 0 : b].split()
    return bool(words) and all(w.removeprefix("و").startswith("ال") for w in words)


_DOCUMENT = re.compile(fold(
    rf"(?:مذكرة|مذكره|بيان|تقرير|دراسة|رسالة|وثيقة|تصريحات|تصريح|تغريدة|مقابلة|حوار)(?:\s+[{_AR}]+)?\s+(?:ل|لل)?$"
))


def _author_of_document(ctx: _Ctx, a: int, b: int) -> Mention | None:
    """The person or organisation whose note, statement or report is cited after «نقل … عن»."""
    for m in ctx.mentions:
        if a <= m.start < b and m.type in ("PER", "ORG") and m.entity:
            return m if _DOCUMENT.match(ctx.norm, a, m.start) else None
    return None


@functools.lru_cache(maxsize=1)
def _group_heads() -> re.Pattern[str]:
    text = (resources.files("khabar") / "data" / "unnamed_heads.txt").read_text(encoding="utf-8")
    words = [fold(w.strip()) for w in text.splitlines() if w.strip() and not w.startswith("#")]
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![{_AR}])(?:[وف])?(?:{alt})(?![{_AR}])")


def _group_source(ctx: _Ctx, a: int, m: Mention) -> _Speaker | None:
    """An unnamed source whose head is a group or a share of one, with ``m`` in its complement
    («وقال عدد من مؤيدي الأسد», «ناشطين من المعارضة السورية», «السلطات الأمريكية»): the head
    at most three words before ``m`` (or ``m`` starting with it), after ``a``."""
    end = m.start + len(m.text.split()[0]) if m.text.split() else m.end
    for g in _group_heads().finditer(ctx.norm, a, end):
        if len(ctx.norm[g.end() : m.start].split()) <= 3 and not re.search(r"[.،,:؟!]", ctx.norm[g.end() : m.start]):
            s = g.start() + (1 if ctx.norm[g.start()] in "وف" and g.group().lstrip("وف") != g.group() else 0)
            desc = ctx.text[s : m.end]
            ent = m.entity if m.type == "ORG" else None
            return _Speaker(ent, s, m.end, desc, True, desc, knowledge_base().nationality(fold(desc).split()[-1]))
    return None


def _apposed_person(ctx: _Ctx, un: _Speaker, gate: int) -> Mention | None:
    """«أكد نائب خادم الحرمين الشريفين الأمير محمد بن نايف أن …»: a description of office followed,
    in apposition (at most a title between), by a person's name is that person."""
    end = un.end or 0
    per = min((m for m in ctx.mentions if end <= m.start < gate and m.type == "PER" and m.entity),
              key=lambda m: m.start, default=None)
    gap = ctx.norm[end : per.start].strip(" \t،,") if per is not None else ""
    if per is None or (gap and normalize(gap) not in NAME_TITLES):  # at most a title between («الأمير»)
        return None
    return per


_ACCUSE = fold("اتهم")


def _accuser(ctx: _Ctx, hit: _VerbHit) -> Mention | None:
    """«اتهم X Y بأن …»: the accuser, not the accused — the subject before the verb («وكان ترامب اتهم …
    المكسيك بأنها»), else the first actor after it («واتهمت وزارة الخارجية ترامب بأنه»), whatever its type."""
    before = _mention_before(ctx, hit.vs, hit.s0)
    if before is not None and _only_subject_between(ctx.norm, before.end, hit.vs):
        return before
    inslot = [m for m in ctx.mentions if hit.ve <= m.start and m.end <= hit.gate + 1 and m.entity
              and not _addressee(ctx, m) and _can_speak(ctx, m)]
    if len({m.entity for m in inslot}) == 1 and hit.vm.group("pre") and hit.vs > hit.s0 + 1:
        shared = _sentence_subject(ctx, hit.s0, hit.vs)  # «وكانت روسيا شددت … واتهمت بريطانيا بـ"…"»
        if shared is not None and shared.entity != inslot[0].entity:
            return shared
    return min(inslot, key=lambda m: (m.start, -m.end), default=None)


def _sentence_subject(ctx: _Ctx, s0: int, vs: int) -> Mention | None:
    """The actor a sentence opens with (SVO), or that follows its first verb (VSO, «وكانت روسيا …»),
    that a verb coordinated later in the sentence shares — when nothing but words separates them."""
    starts = {s0 + len(ctx.norm[s0:vs]) - len(ctx.norm[s0:vs].lstrip())}
    if (at := _first_verb_end(ctx, s0, vs)) is not None:
        starts.add(at)
    return _actor_at(ctx, starts, vs, lambda m: _can_speak(ctx, m))


def _speaker_in_slot(ctx: _Ctx, hit: _VerbHit) -> tuple[_Speaker, bool] | None:
    """(speaker, carried) named between the verb and the gate (VSO), or None."""
    if fold(hit.v.lemma) == _ACCUSE:
        acc = _accuser(ctx, hit)
        return (_speaker_from_mention(ctx, acc), False) if acc is not None else None
    if (addressed := _addressee_of_appeal(ctx, hit)) is not None:
        return addressed, True
    un, m = _slot_candidates(ctx, hit)
    if un and (per := _apposed_person(ctx, un, hit.gate)) is not None:
        return _speaker_from_mention(ctx, per), False
    if un and (m is None or m.start >= un.start):
        return _unnamed_or_anaphor(ctx, un)
    if m is not None and m.type != "PER" and _PERSON_OF.search(ctx.norm, max(hit.ve, m.start - 25), m.start):
        return _spokesperson(ctx, hit.ve, m)
    if m is not None and (grp := _group_source(ctx, hit.ve, m)):
        return grp, False
    if m is not None and m.type != "PER" and _TITLE_HEAD.match(ctx.norm, hit.ve, m.start):
        return _titled_person(ctx, hit, m), False
    if m is not None:
        return _speaker_from_mention(ctx, m), False
    return None


_APPEALS = frozenset(fold(w) for w in ("دعا", "طالب", "حث", "ناشد"))
_FEMININE_WORD = re.compile(fold(rf"[{_AR}]{{2,}}(?:ة|ه|ية)(?![{_AR}])"))


def _addressee_of_appeal(ctx: _Ctx, hit: _VerbHit) -> _Speaker | None:
    """«ودعت رئيس باراغواي إلى التراجع …»: after a verb of appeal, a title that does not agree with the
    verb in gender (and no feminine word after it before the gate) is the one appealed to: the verb's
    subject is dropped, and the previous speaker of the verb's gender goes on."""
    if fold(hit.v.lemma) not in _APPEALS or ctx.last is None:
        return None
    gender, t = _verb_gender(hit), _TITLE_HEAD.match(ctx.norm, hit.ve, hit.gate)
    if gender is None or t is None:
        return None
    title = t.group().strip()
    if ("f" if title.endswith(("ة", "ه")) else "m") == gender:
        return None
    if gender == "f" and _FEMININE_WORD.search(ctx.norm, t.end(), hit.gate):
        return None  # «دعت رئيس الوزراء البريطانية …»: a woman under the masculine title
    if not any(sp.gender == gender for sp in ctx.said):
        return None  # nobody of the verb's gender has spoken: no dropped subject to go on with
    return _carried(ctx, gender)


_TITLE_WORDS = ("أمين|امين|رئيس|رئيسة|مدير|مديرة|وزير|وزيرة|سفير|سفيرة|محافظ|قائد|نائب|عضو|ممثل|ممثلة|مبعوث"
                "|مستشار|مستشارة|عميد|مفوض|مفوضة|منسق|منسقة|أستاذ|استاذ|مؤسس|رئيس\\s+تحرير")
_TITLE_HEAD = re.compile(fold(rf"\s*(?:ال)?(?:{_TITLE_WORDS})(?![{_AR}])"))
_NAME_WORD = re.compile(rf"[{_AR}]{{2,}}")


def _titled_person(ctx: _Ctx, hit: _VerbHit, m: Mention) -> _Speaker:
    """«ورأى أمين القسم … في المتحف البريطاني نيل سبنسر أن …»: the speaker is the person holding
    the title, not the organisation in its complement: the name after it when one follows (one to
    three rare words before the gate), else the office holder as an unnamed source of ``m``."""
    tail = ctx.text[m.end : hit.gate]
    words = tail.split()
    name_ok = (1 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(normalize_same_length(w)) for w in words)
               and not any(fold(w).startswith("ال") for w in words)
               and vocabulary().get(fold(words[-1]), 0) < 150 and not re.search(r"[،,.:]", tail))
    if name_ok:
        s = m.end + len(tail) - len(tail.lstrip())
        e = s + len(tail.strip())
        return _Speaker(f"new:PER:{skeleton(ctx.text[s:e])}", s, e, ctx.text[s:e])
    s = hit.ve + len(ctx.text[hit.ve : m.start]) - len(ctx.text[hit.ve : m.start].lstrip())
    desc = ctx.text[s : m.end]
    return _Speaker(m.entity if m.type == "ORG" else None, s, m.end, desc, True, desc, None)


def _unnamed_or_anaphor(ctx: _Ctx, un: _Speaker) -> tuple[_Speaker, bool]:
    """An unnamed source, or the earlier speaker a definite description refers back to."""
    head = fold(un.desc).split()[0].removeprefix("ال")
    definite = un.desc.startswith("ال")
    last = ctx.last
    if definite and last and last.unnamed and fold(last.desc).split()[0].removeprefix("ال") == head:
        return last, True  # «الدبلوماسي» after «دبلوماسي روسي»
    if definite and _PERSON_NOUN.match(fold(un.desc)) and ctx.last_person:
        return ctx.last_person, True  # «الوزيرة الفرنسية» after «فلورانس بارلي»
    if definite and last and last.unnamed:
        return last, True
    return un, False


def _spokesperson(ctx: _Ctx, ve: int, m: Mention) -> tuple[_Speaker, bool]:
    """«ممثل الحلف», «المتحدث باسم الخارجية»: a person speaking for the organisation ``m``."""
    last = ctx.last
    if last and not last.unnamed and last.entity and last.entity in _persons():
        return last, True
    speaker = _Speaker(None, m.start, m.end, ctx.norm[max(ve, m.start - 25) : m.end].strip(), True,
                       ctx.text[ve:m.end].strip(), None)
    speaker.entity = m.entity
    return speaker, False


def _speaker_before_verb(ctx: _Ctx, hit: _VerbHit) -> tuple[_Speaker, bool] | None:
    """(speaker, carried) when the slot names nobody: the subject before the verb (SVO), a
    generic subject, or the previous speaker; None when the statement is not attributable."""
    v, vs, s0 = hit.v, hit.vs, hit.s0
    if hit.gate - hit.ve > 40 and v.kind != "part":
        return None  # a long slot with no actor: not a statement we can attribute
    if v.kind == "say" and (asked := _asked_before(ctx, s0, vs)):
        return _speaker_from_mention(ctx, asked), False  # «وعندما سئل بنس عما إذا …، قال: "…"»: Pence
    if v.kind == "say" and ctx.last and _topic_before(ctx, s0, vs):
        return _carried(ctx, _verb_gender(hit)), True  # «وعن راموس قال "…"»: Ramos is the topic; the speaker goes on
    if (v.kind == "say" and hit.vm.group("pre") == "و" and not hit.vm.group("verb").startswith(("ي", "ت"))
            and (subj := _opening_subject(ctx, s0, vs)) and not _new_clause(ctx, subj.end, vs)):
        return _speaker_from_mention(ctx, subj), False  # «ورفض المعيبد الإفصاح عن بديل الربيش وقال»: المعيبد
    before = _mention_before(ctx, vs, s0)
    per = _person_before(ctx, vs, max(s0, vs - 90))
    if v.kind == "say" and per is not None:
        return _group_source(ctx, max(s0, per.start - 40), per) or _speaker_from_mention(ctx, per), False
    if v.kind == "say" and before and _only_subject_between(ctx.norm, before.end, vs):
        return _group_source(ctx, max(s0, before.start - 40), before) or _speaker_from_mention(ctx, before), False
    if v.kind == "say" and (subj := _clause_subject(ctx, s0, vs)):
        return _speaker_from_mention(ctx, subj), False  # «لكن المرصد السوري ومؤيدين للرئيس … قالوا»
    if v.kind == "say" and hit.vm.group("verb").startswith(("ي", "ت")):
        return None  # «ويذكر أن…» / «يذكر أن»: the outlet's own remark
    if v.kind != "part" and (gen := _generic_subject(ctx, s0, vs)):
        return gen, False  # «غير ان الصحيفة اكدت …»
    if v.lemma == "بقوله" and (per := _person_before(ctx, vs, max(s0, vs - 200), strict=False)):
        return _speaker_from_mention(ctx, per), False  # «الهجوم الذي شنه … ترامب … بقوله إنها …»: his saying
    if v.kind == "say" and hit.vm.group("pre") == "و" and (subj := _opening_subject(ctx, s0, vs)):
        return _speaker_from_mention(ctx, subj), False  # «وبدأ الحرس الثوري … في انتقاد الاتفاق وقال إنه …»
    if v.kind == "say" and ctx.last and (subj := _new_subject_since(ctx, s0)):
        return _speaker_from_mention(ctx, subj), True  # «… وتلقى بالمر تهديدات … . وقال إنه …»
    if ctx.last:
        return _carried(ctx, _verb_gender(hit)), True
    if v.kind == "cont" and (per := _person_before(ctx, vs, max(0, s0 - 400), strict=False)):
        # «وأشادت المحققة X … . وأضافت "…"»: the person the text was about goes on
        return _speaker_from_mention(ctx, per), True
    if (v.kind == "say" and hit.vm.group("pre") and not ctx.norm[s0 : hit.vm.start()].strip()
            and not hit.vm.group("verb").startswith(("ي", "ت")) and _EMPTY_SLOT.fullmatch(ctx.norm, hit.ve, hit.gate)
            and (subj := _previous_subject(ctx, s0, _verb_gender(hit)))):
        return _speaker_from_mention(ctx, subj), True  # «أعلنت وزارة الداخلية … . وأوضحت أن …»: the ministry
    return None


# «تلقى X اتصالا من Y»: what follows the call is the caller's
_RECEIVED = re.compile(fold(r"\s*[وف]?(?:تلقى|تلقت|يتلقى|تتلقى)(?![\u0621-\u064a])"))
# one title with its nisba adjectives before a person's name («الملك», «الرئيس الفرنسي», «وزير الخارجية الأمريكي»);
# not two titles («الوزير الرئيس ترامب»: the minister met the president)
_ONE_TITLE = re.compile(fold(rf"\s*(?:ال)?(?:ملك|ملكة|أمير|أميرة|شيخ|{_TITLE_WORDS})(?:\s+ال[{_AR}]+(?:ي|ية))*\s*"))


# a slot with no subject in it: nothing, or a prepositional phrase («وأكد خلال اللقاء أن …»; in «وقال بعد أن تحدث …»
# the complementiser is the preposition's, and the phrase is empty)
_EMPTY_SLOT = re.compile(fold(r"[\s،,:]*(?:(?:في|خلال|عبر|أثناء|اثناء|لدى|عند|بعد|أمام|امام)\s+[^\s.«»\"][^.«»\"]*)?"))


def _previous_subject(ctx: _Ctx, s0: int, gender: str | None) -> Mention | None:
    """The actor the sentence before ``s0`` opens with, verb first and the actor right after it («أعلنت
    وزارة الداخلية القبض …», «التقى ترامب بالصحفيين …»): the pronoun subject of a reporting verb that opens
    the next sentence and names nobody. Not when a word stands between the verb and the actor («زار الوزير
    إيران»: the minister, untagged, is the subject), nor from the text's first line (a headline). An
    organisation must agree with the verb's gender («وأوضحت» → «وزارة …», «وقال» → «الجيش …»)."""
    end = len(ctx.norm[:s0].rstrip(" \n.!?؟"))
    prev = max(ctx.norm.rfind(c, 0, end) for c in ".\n!?؟") + 1
    at = _first_verb_end(ctx, prev, end) if prev > 0 else None
    if at is None or _RECEIVED.match(ctx.norm, prev):
        return None
    first = prev + len(ctx.norm[prev:at]) - len(ctx.norm[prev:at].lstrip())  # where the first word starts
    if any(m.start == first for m in ctx.mentions):
        return None  # «ترامب يلتقي بوتين»: a name first is no verb
    m = next((m for m in ctx.mentions if at <= m.start < end and m.entity and _can_speak(ctx, m)
              and (m.start == at or (m.type == "PER" and _ONE_TITLE.fullmatch(ctx.norm, at, m.start)))), None)
    if m is None or (m.type == "ORG" and gender is not None
                     and ("f" if _FEMININE_WORD.match(ctx.norm, m.start) else "m") != gender):
        return None
    return m


# a clause of its own, with its own subject, between a sentence's opening subject and a coordinated verb
# («وكان نتنياهو دان عمل الشرطة، لكن مندلبليت أشاد بعملها، وقال إن …»: Mandelblit said it; «…، ثم خرج الرئيس
# التركي … وقال», «…، ورد مراسلها … وقال»): a contrast, «ثم» or a comma
_CONTRAST = re.compile(fold(rf"(?<![{_AR}])(?:و?لكن|بينما|فيما|في\s+حين|غير\s+أن|إلا\s+أن|الا\s+ان|ثم)(?![{_AR}])"))


def _speaker_named(ctx: _Ctx, a: int, b: int, can_speak: bool = False) -> bool:
    """Is a person or organisation (``can_speak``: one that can speak) named in [a, b)?"""
    return any(a <= m.start < b and m.entity and m.type in ("PER", "ORG") and (not can_speak or _can_speak(ctx, m))
               for m in ctx.mentions)


def _new_clause(ctx: _Ctx, a: int, vs: int) -> bool:
    """Between an opening subject (ending at ``a``) and a coordinated verb at ``vs``: a contrast or «ثم», or
    a clause after the last comma that names a speaker of its own («…، ورد مراسلها جيم أكوستا وقال»; but in
    «وأدانت الخارجية التركية قرار البرلمان الهولندي، وقالت» the ministry still speaks)."""
    if _CONTRAST.search(ctx.norm, a, vs):
        return True
    tail = max(ctx.norm.rfind("،", a, vs), ctx.norm.rfind(",", a, vs))
    return tail >= 0 and _speaker_named(ctx, tail + 1, vs, can_speak=True)


_ASKED = re.compile(fold(rf"(?<![{_AR}])و?(?:عندما|حين|حينما|لدى|لما|بعدما)\s+(?:سئل|سئلت|سؤال)\s+"))


def _asked_before(ctx: _Ctx, s0: int, vs: int) -> Mention | None:
    """The one asked, in a clause before the verb that says who answered: «وعندما سئل بنس عن …، قال»."""
    last = None
    for m in _ASKED.finditer(ctx.norm, s0, vs):
        last = m
    if last is None or verbs()[1].search(ctx.norm, last.end(), vs):
        return None  # another reporting verb comes between: the question is not this verb's
    asked = next((x for x in ctx.mentions if x.start == last.end() and x.type in ("PER", "ORG") and x.entity), None)
    tail = max(ctx.norm.rfind("،", last.end(), vs), ctx.norm.rfind(",", last.end(), vs), last.end())
    if asked is None or _CONTRAST.search(ctx.norm, asked.end, vs) or _speaker_named(ctx, tail, vs):
        return None  # «… رفض التعليق، غير أن ترامب قال»: someone else answers
    return asked


_TOPIC = re.compile(fold(r"\s*(?:(?:أما|اما)\s+)?و?(?:عن|حول|بشأن|بخصوص)\s+[^.:«»\"]*$"))


def _topic_before(ctx: _Ctx, s0: int, vs: int) -> bool:
    """Does the clause before the verb at ``vs`` open with the topic it speaks about («وعن X قال»,
    «وعن غياب عدد من الأعضاء، في مقدمتهم X، وY قال»)? The names there are what is spoken of, not who
    speaks. The clause starts after the last comma, or earlier after a quotation or the sentence start
    when no reporting verb comes between."""
    norm = ctx.norm
    strong = max(norm.rfind("\"", s0, vs), norm.rfind("»", s0, vs), norm.rfind("“", s0, vs), s0 - 1) + 1
    commas = [i + 1 for i in (norm.rfind("،", strong, vs), norm.rfind(",", strong, vs)) if i >= 0]
    for b in sorted({strong, *commas}, reverse=True):
        if _TOPIC.match(norm, b, vs) and not verbs()[1].search(norm, b, vs):
            end = _TOPIC_END.search(norm, b, vs)  # «وبشأن الاتفاق فإن روحاني قال», «وعن الاتفاق، روحاني قال»
            return end is None or not _speaker_named(ctx, end.end(), vs)
    return False


# where a fronted topic ends: «فإن», or a comma that no «و» continues (a list of the topic's names goes on)
_TOPIC_END = re.compile(fold(rf"(?<![{_AR}])(?:فإن|فان)(?![{_AR}])|[،,](?!\s*و)"))


_CONNECTOR = re.compile(fold(rf"\s*(?:(?:لكن|ولكن|غير\s+أن|غير\s+ان|إلا\s+أن|الا\s+ان|بينما|فيما|كما|و)(?![{_AR}])\s*)*"))


def _clause_subject(ctx: _Ctx, s0: int, vs: int) -> Mention | None:
    """The actor that opens the clause of an SVO statement, however long its subject
    («لكن المرصد السوري ومؤيدين للرئيس السوري على وسائل التواصل قالوا»): the first mention
    after the clause boundary and its connectors, with no clause break or verb up to the verb."""
    norm = ctx.norm
    b = max(norm.rfind("،", s0, vs), norm.rfind(",", s0, vs), s0 - 1) + 1
    c = _CONNECTOR.match(norm, b, vs)
    start = c.end() if c else b
    first = min((m for m in ctx.mentions if start <= m.start < vs and m.entity and _can_speak(ctx, m)),
                key=lambda m: m.start, default=None)
    if first is None or first.start > start + 1:
        return None
    gap = norm[first.end : vs]
    if re.search(r"[.!?؟:«»\"]", gap) or verbs()[1].search(gap) or len(gap.split()) > 10:
        return None
    return first


_NOT_A_VERB = frozenset(fold(w) for w in (
    "في", "من", "على", "إلى", "الى", "عن", "مع", "بعد", "قبل", "خلال", "منذ", "أما", "اما", "لكن", "كما", "حيث",
    "وفي", "ومن", "وعلى", "وإلى", "والى", "وعن", "ومع", "وبعد", "وقبل", "وخلال", "ومنذ", "وأما", "واما", "ولكن",
    "وحسب", "وبحسب", "ووفقا", "وفقا", "حسب", "بحسب", "عند", "وعند", "لدى", "ولدى", "أن", "ان", "وأن", "إن", "وإن"))


def _first_verb_end(ctx: _Ctx, s0: int, vs: int, reporting: bool = True) -> int | None:
    """Where the word after the sentence's first word starts, when that first word can be a verb (no
    preposition or particle; ``reporting=False``: no reporting verb either), else None."""
    first = re.match(rf"\s*([{_AR}]+)\s+", ctx.norm[s0:vs])
    if not first or fold(first.group(1)) in _NOT_A_VERB or (not reporting and verbs()[1].fullmatch(first.group(1))):
        return None
    return s0 + first.end()


def _actor_at(ctx: _Ctx, starts: set[int], vs: int, ok) -> Mention | None:
    """The first mention starting at one of ``starts`` that ``ok`` accepts, when nothing but words separates
    it from the verb at ``vs``."""
    subj = min((m for m in ctx.mentions if m.start in starts and m.entity and ok(m)), key=lambda m: m.start, default=None)
    if subj is None or re.search(r"[.!?؟:«»\"]", ctx.norm[subj.end : vs]):
        return None
    return subj


def _opening_subject(ctx: _Ctx, s0: int, vs: int) -> Mention | None:
    """The subject a clause opens with, verb first, that a coordinated reporting verb shares: in
    «وبدأ الحرس الثوري الإيراني … في انتقاد الاتفاق وقال إنه …» the one who said is the guard.
    The sentence's first word is taken as its verb when it is no preposition or particle and the
    actor that can speak follows it directly."""
    at = _first_verb_end(ctx, s0, vs, reporting=False)
    return None if at is None else _actor_at(ctx, {at}, vs, lambda m: m.type in ("PER", "ORG"))


def _new_subject_since(ctx: _Ctx, s0: int) -> Mention | None:
    """The person the sentence before ``s0`` is about, when it opens with a verb and that person
    («وتلقى بالمر تهديدات …») and is not the last speaker: «وقال إنه …» then refers to them."""
    norm, last = ctx.norm, ctx.last
    end = len(norm[:s0].rstrip(" \n.!?؟"))
    prev = max(norm.rfind(".", 0, end), norm.rfind("\n", 0, end)) + 1
    if last is None or not ctx.quotes or ctx.quotes[-1].end > prev:
        return None
    first = re.match(rf"\s*[وف]?[{_AR}]+\s+", norm[prev:s0])
    if not first:
        return None
    subj = next((m for m in ctx.mentions if m.start == prev + first.end() and m.type == "PER" and m.entity), None)
    if subj is None or subj.entity == last.entity or verbs()[1].match(norm, prev + len(first.group()) - len(first.group().lstrip())):
        return None
    return subj


def _as_said_quote(ctx: _Ctx, hit: _VerbHit, qe: int, speaker: _Speaker, carried: bool) -> None:
    """«وأسفر التفجير عن …، بحسب ما أكد محافظ كركوك»: the clause before is the statement."""
    qs = hit.s0
    while qe > qs and ctx.text[qe - 1] in " ،,":
        qe -= 1
    already = any(q.start >= hit.s0 and q.end <= qe + 2 for q in ctx.quotes)
    if qe - qs >= 8 and speaker is not None and not carried and not already:
        ctx.quotes.append(_quote(speaker, qs, qe, "indirect", hit.v.lemma, hit.vs, hit.ve))
        _set_last(ctx, speaker)


def _quote_after_verb(ctx: _Ctx, hit: _VerbHit, speaker: _Speaker, carried: bool, after: int) -> None:
    """What was said after the verb's slot (a direct quote or reported speech), if anything."""
    q = _position_noun_clause(ctx, hit, speaker)  # before a complementiser further on: a later verb's
    if q is None and fold(hit.v.lemma) in _POSITION_ONLY:
        return  # «عبر» reports a position noun only («وعبر عن تعازيه»), else it is "crossed" or "via"
    if q is None:
        q = _content_after(ctx, after, hit.s1, ctx.direct, ctx.used_direct, pointing=fold(hit.v.lemma) in _POINTING)
    if q is None:
        q = _colon_speech(ctx, hit)
    if q is None:
        return
    qs, qe, kind = q
    ctx.quotes.append(_quote(speaker, qs, qe, kind, hit.v.lemma, hit.vs, hit.ve, carried))
    _set_last(ctx, speaker)
    if not speaker.unnamed and speaker.entity and (speaker.entity in _persons() or speaker.entity.startswith("new:PER")):
        ctx.last_person = speaker


def _colon_speech(ctx: _Ctx, hit: _VerbHit) -> tuple[int, int, str] | None:
    """Direct speech after a colon without quotation marks, to the sentence's end («وقال إنييستا … في تصريحات
    لشبكة راديو ماركا: أسمع منذ 30 عاما أنني …», «وتابع قائلا: كان موقفا معقدا …»): the colon ends the
    speaker's slot, and what follows it (three words or more) is what was said."""
    norm = ctx.norm
    if norm[hit.gate : hit.gate + 1] != ":" or hit.v.kind not in ("say", "cont"):
        return None
    start = hit.gate + 1 + (len(norm[hit.gate + 1 :]) - len(norm[hit.gate + 1 :].lstrip()))
    if start >= hit.s1 or norm[start] in "«“\"„" or any(a <= start < b for a, b in ctx.used_direct):
        return None  # a quotation in marks is read as one; a colon at the sentence's end opens nothing here
    end = hit.s1
    while end > start and norm[end - 1] in " .،,؛:\n":
        end -= 1
    if len(norm[start:end].split()) < 3 or any(q.start < end and start < q.end for q in ctx.quotes):
        return None
    return start, end, "direct"


DENY = fold("نفى")
_ANNOUNCE = fold("أعلن")
_NEGATED = re.compile(fold(rf"(?<![{_AR}])(?:لا|لن|لم|ما)\s+$"))
_POSITION_ONLY = frozenset(fold(w) for w in ("عبر",))
POSITION_VERBS = {fold(w) for w in ("أكد", "مؤكدا", "شدد", "مشددا", "أعرب", "معربا", "جدد", "أبدى", "مبديا", "نفى", "نافيا", "عبر",
                                       "معبرا", "أعلن", "معلنا")}  # «أعلن موافقته»: a stated position (not «أعلن مقتل …»)


@functools.lru_cache(maxsize=1)
def _position_alt() -> str:
    """The position nouns of data/position_nouns.txt as one regex alternation (search form), each with its
    pronoun suffixes; a noun ending in ta marbuta takes them on «ت» («موافقة» → «موافقتها»)."""
    nouns = sorted(word_list("position_nouns.txt", "fold") | word_list("fact_nouns.txt", "fold"), key=len, reverse=True)
    bare = "|".join(re.escape(w) for w in nouns)
    before_suffix = "|".join(re.escape(w[:-1] + "ت") for w in nouns if w.endswith(fold("ة")))
    return rf"(?:{bare})(?:ه|ها|هم|هما)?|(?:{before_suffix})(?:ه|ها|هم|هما)"


@functools.lru_cache(maxsize=1)
def _position_nouns() -> re.Pattern[str]:
    alt = _position_alt()
    return re.compile(rf"[\s،,\u0640]*(?:(?:فيه|فيها|خلاله|خلالها)\s+)?(?:(?:على|عن)\s+)?"
                      rf"(?P<noun>(?:ال)?(?:{alt}))\u0640*(?![{_AR}])")


@functools.lru_cache(maxsize=1)
def _position_after_prep() -> re.Pattern[str]:
    """A position noun after «عن/على» anywhere: where a position verb's speaker slot ends."""
    alt = _position_alt()
    return re.compile(rf"(?<![{_AR}])(?:على|عن)\s+(?:ال)?(?:{alt})\u0640*(?![{_AR}])")


def _fact_noun(noun: str) -> bool:
    """A noun of data/fact_nouns.txt (with the article or a pronoun): a fact asserted or denied, no stance."""
    w = noun.removeprefix("ال")
    facts = word_list("fact_nouns.txt", "fold")
    return w in facts or any(w.startswith(f) and w[len(f) :] in ("ه", "ها", "هم", "هما") for f in facts)


def _position_noun_clause(ctx: _Ctx, hit: _VerbHit, speaker: _Speaker) -> tuple[int, int, str] | None:
    """«وأكد تانال ضرورة إعادة فتح التحقيقات», «مؤكداً أهمية تكامل الخدمات»: a verbal noun stating
    a position, right after the verb or its named speaker, starts a reported statement."""
    if fold(hit.v.lemma) not in POSITION_VERBS:
        return None
    if fold(hit.v.lemma) == DENY and _NEGATED.search(ctx.norm, max(0, hit.vs - 6), hit.vs):
        return None  # «هذا لا ينفي قلق الأردن»: "does not rule out", no denial by anyone
    pos = hit.ve
    subj = [m.end for m in ctx.mentions if hit.ve <= m.start <= hit.ve + 3]
    if subj and not speaker.unnamed:
        pos = max(subj)  # the subject right after the verb
    # right after the verb or its subject, after a subject with its title («وأكد الرئيس الروسي فلاديمير بوتين
    # ضرورة …»), or at the gate («وأعرب الوزير عن قلقه»: the slot ends at the noun)
    ends = [pos] + sorted(m.end for m in ctx.mentions if hit.ve < m.start and m.end <= min(hit.gate, hit.ve + 60)
                          and m.type == "PER" and not speaker.unnamed) + [hit.gate]
    m = next((x for p in ends if (x := _position_nouns().match(ctx.norm, p, hit.s1))), None)
    if not m:
        return None
    if fold(hit.v.lemma) == _ANNOUNCE and (_NEGATED.search(ctx.norm, max(0, hit.vs - 6), hit.vs)
                                          or _fact_noun(m.group("noun"))):
        return None  # «لم تعلن أي جهة مسؤوليتها», «أعلن عن وجود الوباء»: no stated position
    if any(m.end() <= d[0] <= m.end() + 15 for d in ctx.direct):
        return None  # «أعرب عن رفض "المبالغة …"»: the quoted words are the statement
    return _reported_clause(ctx, m.start("noun"), hit.s1)  # «شدد على ضرورة …»: the preposition is the verb's


_ACCORDING_FRONT = re.compile(fold(
    rf"(?<![{_AR}])و?(?:بحسب|حسب|وفقا\u0640?\s*ل|طبقا\u0640?\s*ل)\s*(?P<src>[{_AR}][^.؟!،,:«»\"]{{1,60}}?)\s*[،,]?\s*"
    rf"ف(?:إن|ان|إنه|انه|إنها|انها)\u0640*(?![{_AR}])"
))


def _according_then_quote(ctx: _Ctx, s0: int, s1: int) -> None:
    """«وبحسب الصحافة اليونانية فإن أثينا …», «ووفقا للوزارة فإن …»: what follows فإن is the
    statement of the source named before it (an actor, else an unnamed description)."""
    acc = _ACCORDING_FRONT.search(ctx.norm, s0, s1)
    if not acc or any(q.start <= acc.end() < q.end for q in ctx.quotes):
        return
    src_s, src_e = acc.span("src")
    m = min((m for m in ctx.mentions if src_s <= m.start and m.end <= src_e + 1 and m.entity and _can_speak(ctx, m)),
            key=lambda m: m.start, default=None)  # «وفقا لمركز …»: this ل is the source's
    desc = ctx.text[src_s:src_e]
    sp = (_group_source(ctx, src_s, m) or _speaker_from_mention(ctx, m) if m is not None
          else _Speaker(None, src_s, src_e, desc, True, desc, None))
    qs, qe = acc.end(), s1
    while qs < qe and ctx.text[qs] in " ،,":
        qs += 1
    while qe > qs and ctx.text[qe - 1] in " ،,.":
        qe -= 1
    if qe - qs >= 12:
        ctx.quotes.append(_quote(sp, qs, qe, "indirect", "حسب"))
        _set_last(ctx, sp)


def _according_quote(ctx: _Ctx, s0: int, s1: int) -> None:
    """«…، وفقاً للعديد من شهود العيان», «…، بحسب مصادر مطلعة»: the clause before is the statement."""
    norm = ctx.norm
    acc = _ACCORDING.search(norm, s0, s1)
    if not acc or any(q.start < acc.start() and q.end > s0 for q in ctx.quotes):
        return
    qs, qe = s0, acc.start()
    src_s, src_e = acc.start("src"), acc.end("src")
    if norm[src_s : src_s + 1] == "ل" and norm[src_s - 1 : src_s] == "ل":
        src_s += 1  # «للعديد من …» → «عديد من …»
    while src_e > src_s and ctx.text[src_e - 1] in " .،,":
        src_e -= 1
    m = _subject_in_slot(ctx, src_s, src_e)
    if qe - qs >= 12 and src_e > src_s:
        sp = (_speaker_from_mention(ctx, m) if m is not None else
              _Speaker(None, src_s, src_e, ctx.text[src_s:src_e], True, ctx.text[src_s:src_e], None))
        ctx.quotes.append(_quote(sp, qs, qe, "indirect", "حسب"))
        _set_last(ctx, sp)


def _verbless_direct_quotes(ctx: _Ctx, inside: list[tuple[int, int]], s0: int, s1: int) -> None:
    """Direct quotes with no verb before them in the sentence: «وحسب قوله "…"», «"…"، قال X»."""
    for d in inside:
        if d in ctx.used_direct or any(q.start <= d[0] and d[1] <= q.end for q in ctx.quotes):
            continue
        if _is_name_in_quotes(ctx.norm, d):
            continue
        if _continues_previous(ctx, d):
            continue
        sp = _verbless_speaker(ctx, d, s0, s1)
        if sp is None:
            continue
        ctx.used_direct.add(d)
        ctx.quotes.append(_quote(sp, d[0], d[1], "direct", "قول", carried=any(sp is x for x in ctx.said)))
        _set_last(ctx, sp)


def _continues_previous(ctx: _Ctx, d: tuple[int, int]) -> bool:
    """«داعيا روسيا إلى "…" و"…"»: a direct quote joined by «و» to the previous one goes on with
    the same speaker (the quote is added)."""
    prev = ctx.quotes[-1] if ctx.quotes else None
    if not (prev and prev.kind == "direct" and 0 <= d[0] - prev.end <= 5
            and _AND_BETWEEN_QUOTES.fullmatch(ctx.norm[prev.end : d[0]])):
        return False
    ctx.used_direct.add(d)
    ctx.quotes.append(dataclasses.replace(prev, start=d[0], end=d[1], kind="direct", carried=True))
    return True


def _verbless_speaker(ctx: _Ctx, d: tuple[int, int], s0: int, s1: int) -> _Speaker | None:
    """The speaker of a direct quote with no verb before it: named by a «قال X» right after it,
    or the previous speaker after «حسب قوله»; None otherwise."""
    table, verb_rx = verbs()
    norm = ctx.norm
    q_m = _QAWL.search(norm, max(s0, d[0] - 30), d[0])
    tail_verb = verb_rx.match(norm, d[1] + 1 + len(norm[d[1] + 1 :]) - len(norm[d[1] + 1 :].lstrip(" ،,")))
    tail = _subject_in_slot(ctx, tail_verb.end(), min(s1, tail_verb.end() + 60)) if tail_verb else None
    if tail_verb and tail and table[tail_verb.group("verb")].kind == "say":
        return _speaker_from_mention(ctx, tail)
    if q_m and ctx.last:  # «حسب قولها»: the latest speaker of her gender
        return _carried(ctx, "f" if q_m.group().endswith(("ها", "قالت")) else "m")
    return None


def _said_key(text: str, q: Quote) -> str:
    """The quote's words in search form, space-padded so containment respects word edges."""
    return " " + " ".join(re.findall(rf"[\w{_AR}]+", normalize_same_length(text[q.start : q.end]).lower())) + " "


def _speaker_key(q: Quote) -> str:
    if q.speaker:
        return q.speaker
    return "unnamed:" + " ".join(normalize_same_length(q.source or q.speaker_text or "").split())


def drop_repeated_quotes(text: str, quotes: list[Quote]) -> list[Quote]:
    """One statement is listed once: a quote whose speaker and words equal, or are contained in,
    another quote of the article (a standfirst repeating the lead, a direct quote inside the
    reported sentence that carries it) is dropped; the longer one is kept."""
    keys = [(_speaker_key(q), _said_key(text, q)) for q in quotes]
    order = sorted(range(len(quotes)), key=lambda i: (-len(keys[i][1]), quotes[i].start))
    kept: dict[str, list[str]] = {}
    out: set[int] = set()
    for i in order:
        who, said = keys[i]
        if said.strip() and any(said in longer for longer in kept.get(who, [])):
            continue
        kept.setdefault(who, []).append(said)
        out.add(i)
    return [q for i, q in enumerate(quotes) if i in out]


_NAME_BEFORE_QUOTE = re.compile(fold(
    r"(?<![\u0621-\u064a])[وف]?(?:صحيفة|جريدة|مجلة|وكالة|قناة|موقع|كتاب|برنامج|عملية|فيلم|شبكة|حملة|مبادرة|منتدى|مؤتمر|سياسة|شعار"
    r"|راديو|إذاعة|اذاعة|تلفزيون|ل|لـ|لوكالة|لصحيفة|لقناة)\s*[«“\"„]?\s*$"
))
_AFTER_NAME = re.compile(fold(r"\s*[»”\"]?\s*[،,]?\s*(?:(?:أن|ان|إن|بأن|بان)(?![\u0621-\u064a])|:|[«“\"])"))


_PERSON_OF = re.compile(fold(
    rf"(?<![{_AR}])(?:ممثل|ممثلة|ممثلو|المتحدث|المتحدثة|الناطق|الناطقة|سفير|سفيرة|مندوب|مندوبة|مسؤول|مسؤولة|مسؤولو"
    rf"|مصدر|مصادر|رئيس|رئيسة|وزير|وزيرة|الأمين العام|أمين عام|قائد|نائب|عضو|أعضاء|خبراء|خبير)"
    rf"(?:\s+باسم)?\s*(?:ل|في|لدى)?\s*$"
))


@functools.lru_cache(maxsize=1)
def _persons() -> frozenset[str]:
    from ..kb.actors import knowledge_base

    return frozenset(a.id for a in knowledge_base().actors.values() if a.kind == "person")


def _is_name_in_quotes(norm: str, d: tuple[int, int]) -> bool:
    """«صحيفة "روسيسكايا غازيتا"», «لـ"رويترز":», «مصدر عسكري "فرانس برس"، أن …»: a quoted
    title or name, not a statement."""
    if _NAME_BEFORE_QUOTE.search(norm, max(0, d[0] - 20), d[0]):
        return True
    return len(norm[d[0] : d[1]].split()) <= 3 and bool(_AFTER_NAME.match(norm, d[1]))


_GENERIC = re.compile(fold(
    rf"(?<![{_AR}])(?P<desc>(?:ال)(?:صحيفة|جريدة|وكالة|قناة|موقع|مجلة|حكومة|وزارة|رئاسة|خارجية|شرطة|جيش|بيان|تقرير|منظمة|مصادر|مصدر))"
    rf"(?:\s+[{_AR}]+)?\s*$"
))


def _generic_subject(ctx: _Ctx, s0: int, vs: int) -> _Speaker | None:
    """A definite generic subject right before the verb («الصحيفة», «الوزارة»): an unnamed source."""
    m = _GENERIC.search(ctx.norm, max(s0, vs - 30), vs)
    if not m:
        return None
    return _Speaker(None, m.start("desc"), m.end("desc"), ctx.text[m.start("desc") : m.end("desc")], True,
                    ctx.text[m.start("desc") : m.end("desc")], None)


def _clause_start(norm: str, s0: int, pos: int) -> bool:
    before = norm[s0:pos].rstrip()
    return not before or before.endswith(("،", ",", ":", ".")) or before.endswith((fold("كما"), fold("قد")))


def _subject_in_slot(ctx: _Ctx, a: int, b: int) -> Mention | None:
    """The speaker named between the verb and the gate: a person first (titles contain
    organisation names: «الأمين العام لحلف الناتو ينس ستولتنبرغ»), then an organisation, then a
    place (a state or capital speaking: «أعلنت روسيا أن»)."""
    inslot = [m for m in ctx.mentions if a <= m.start and m.end <= b + 1 and m.entity and not _addressee(ctx, m)
              and _can_speak(ctx, m)]
    for typ in ("PER", "ORG", "LOC"):
        ms = [m for m in inslot if m.type == typ]
        if ms:
            return min(ms, key=lambda m: (m.start, -m.end))
    return None


_TO = re.compile(fold(rf"(?<![{_AR}])(?:ل|لوكالة|لصحيفة|لقناة|لموقع|لتلفزيون|لإذاعة|لشبكة|لمجلة|لجريدة)\u0640*\s*[«“\"]?\s*$"))


_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:أمام|امام)\s*$"))


def _addressee(ctx: _Ctx, m: Mention) -> bool:
    """«وأضاف لوكالة فرانس برس», «قال للصحفيين», «في كلمة أمام الطلاب»: the one spoken to is not the speaker."""
    if ctx.text[max(0, m.start - 1) : m.start] == "ل":
        return True
    return bool(_TO.search(ctx.norm, max(0, m.start - 12), m.start) or _BEFORE.search(ctx.norm, max(0, m.start - 8), m.start))


_ACCORDING = re.compile(fold(
    rf"[،,]\s*(?:وذلك\s+)?(?:وفقا\u0640?|طبقا\u0640?|بحسب|حسب|نقلا\u0640?\s+عن)\s+(?:لما\s+|ما\s+)?(?:ل(?=ل))?"
    rf"(?P<src>(?:ل|لل)?[{_AR}][^.؟!،,]{{2,60}})[.؟!]?\s*$"
))
_AS_SAID = re.compile(fold(rf"(?<![{_AR}])(?:بحسب|حسب|وفق|وفقا\s+ل|على)\s+ما\s*$"))
_DEF_PERSON = re.compile(fold(
    rf"\s*(?:ال)(?:دبلوماسي|مسؤول|مسؤولة|متحدث|متحدثة|وزير|وزيرة|سفير|سفيرة|رئيس|رئيسة|مبعوث|ممثل|محافظ|قائد|مدير|مديرة"
    rf"|نائب|أمين|امين|محققة|محقق|ضابط|خبير|خبيرة|زعيم)(?![{_AR}])"
))
_SVO_UNNAMED = re.compile(fold(
    rf"(?<![{_AR}])(?P<desc>(?:مسؤول|مسؤولا|مسؤولة|مصدر|مصدرا|دبلوماسي|دبلوماسيا|متحدث|متحدثا|شاهد|شاهدا|مسؤولين|مسؤولون)"
    rf"(?:\s+[{_AR}]+){{0,4}})\s*$"
))
_POINTING = {fold(w) for w in ("أشار", "لفت", "تطرق")}
_TO_GATE = re.compile(fold(rf"(?<![{_AR}])(?:الى|إلى)(?![{_AR}])"))
_PERSON_NOUN = re.compile(fold(
    rf"(?:ال)?(?:دبلوماسي|مسؤول|متحدث|متحدثة|وزير|وزيرة|سفير|سفيرة|رئيس|رئيسة|مبعوث|ممثل|محافظ|قائد|مدير|نائب|أمين|امين)(?![{_AR}])"
))


def _first_gate(norm: str, pos: int, end: int) -> int:
    """Where the speaker slot ends: a colon, a quote mark, or a complementiser (إن/أن/إلى أن).
    Quote marks around a name («صحيفة "إزفستيا"») do not end it."""
    best = end
    i = pos
    while True:
        m = _GATE_MARK.search(norm, i, end)
        if not m:
            break
        if m.group(0) != ":":
            close = norm.find(m.group(0) if m.group(0) == '"' else _OPEN_CLOSE.get(m.group(0), '"'), m.end(), end)
            if close > 0 and _is_name_in_quotes(norm, (m.end(), close)):
                i = close + 1
                continue
        best = m.start()
        break
    for rx in (_COMP_ANY, _PREP_GATE):
        m = rx.search(norm, pos, end)
        if m and m.start() < best:
            best = m.start()
    return best


_GATE_MARK = re.compile(r"[:«“\"]")
_PREP_GATE = re.compile(fold(rf"(?<![{_AR}])(?:الى|إلى|عن|على)\s+(?:أن|ان)"))


def _only_subject_between(norm: str, a: int, b: int) -> bool:
    gap = norm[a:b]
    return len(gap.split()) <= 3 and not re.search(r"[.!?؟]", gap)


def _content_after(ctx: _Ctx, pos: int, end: int, direct: list[tuple[int, int]], used: set[tuple[int, int]],
                   pointing: bool = False) -> tuple[int, int, str] | None:
    norm = ctx.norm
    # A direct quote right after the speaker slot (colon or quote mark within 40 chars)
    for d in direct:
        if d in used or d[1] < pos or d[0] > end + 1:
            continue
        if _is_name_in_quotes(norm, d) and pos <= d[0] <= pos + 3:
            pos = d[1] + 1  # «في حوار مع صحيفة "روسيسكايا غازيتا" "هدفنا …"»
            continue
        if (pos <= d[0] <= pos + 60 and _SLOT_TO_QUOTE.fullmatch(norm[pos : d[0]])
                and not _COMP_THEN_WORDS.search(norm, pos, d[0])):  # «أن موسكو "احتجت …"»: reported first
            used.add(d)
            return d[0], d[1], "direct"
    m = (_COMP.match(norm, pos, end) or _PREP_COMP.match(norm, pos, end) or _ABOUT.match(norm, pos, end)
         or _FEAR.match(norm, pos, end))
    if not m and pointing:
        m = _TO_CONTENT.match(norm, pos, end)
    if not m:
        return None
    found = _reported_clause(ctx, m.end(), end)
    need = _NEED_BEFORE.search(norm, max(0, pos - 16), pos) if found and m.re is _COMP else None
    if need:  # «مشددا على ضرورة أن ينال …»: the need is what was said (docs/annotation-who-when.md §2)
        return need.start("noun"), found[1], found[2]
    return found


_NEED_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:على|الى|إلى|ب)?\s*(?P<noun>ضرورة|أهمية|اهمية|وجوب)\s*$"))


def _imperfect(form: str, table: dict[str, Verb]) -> bool:
    """«تؤكد», «يقول»: an imperfect form (its prefix is not the lemma's first letter, as in «تابعت»)."""
    return form[:1] in ("ي", "ت") and not fold(table[form].lemma).startswith(form[:1])


def _reported_clause(ctx: _Ctx, s: int, end: int) -> tuple[int, int, str] | None:
    """Reported speech from ``s``: to the end of the sentence, or up to a participle that starts
    the next statement («…، مشيرا الى أن …»)."""
    norm = ctx.norm
    while s < end and norm[s] in " ،,":
        s += 1
    e = end
    table, verb_rx = verbs()
    for vm in verb_rx.finditer(norm, s, end):
        kind = table[vm.group("verb")].kind
        before = norm[max(s, vm.start() - 3) : vm.start()]
        if (kind == "part" and vm.start() > s and norm[vm.start() - 1] in " ،,") or (
            vm.group("pre") and re.search(r"[،,]\s*$", before) and not _imperfect(vm.group("verb"), table)
        ):  # «…، وتؤكد له أن …» goes on with the reported clause's own subject
            e = vm.start()  # «…، مشيرا الى أن …», «…، وأضاف ان …»: the next statement
            break
    while e > s and ctx.text[e - 1] in " ،,.":
        e -= 1
    if e - s < 8:
        return None
    return s, e, "indirect"


# A place after a preposition is where something was said, not who said it: «وقال في كلمة … في جاكرتا».
_PLACE_PREP = re.compile(fold(
    rf"(?:(?<![{_AR}])(?:في|من|الى|إلى|على|أمام|امام|خلال|عبر|داخل|خارج|لدى|حول|قرب|مع|نحو|عن|بين|منذ|حتى|شمال|جنوب|شرق|غرب"
    rf"|شمالي|جنوبي|شرقي|غربي|وسط|مدينة|مدينه|محافظة|منطقة|ولاية|إقليم|اقليم|عاصمة|بلدة|قرية|ضواحي|أنحاء|انحاء)"
    rf"|(?<![{_AR}])[وف]?[بك])\s*$"
))


_PLATFORM_PLACE = re.compile(fold(
    rf"(?<![{_AR}])(?:على|عبر|في|من|[وف]?[بل]?(?:موقع|منصة|منصه|حساب|حسابه|حسابها|صفحة|صفحته|صفحتها|تطبيق)"
    rf"|[وف]?[بل])\s*[«\"“]?\s*$"
))


def _can_speak(ctx: _Ctx, m: Mention) -> bool:
    """Speakers are people, organisations and states: a place is one only when it is a country
    (or a capital standing for its government, «موسكو») named as the subject, not after a
    preposition («في جاكرتا», «بالرياض»); cities, regions and unknown places never speak."""
    if m.type == "ORG" and fold(m.text) in word_list("platforms.txt", "fold") and _PLATFORM_PLACE.search(ctx.norm, max(0, m.start - 24), m.start):
        return False  # «وكتب على حسابه بموقع تويتر أن …»: where it was written
    if m.type in ("PER", "ORG"):
        return True
    if m.type != "LOC" or not m.entity:
        return False
    a = knowledge_base().get(m.entity)
    if a is None or a.kind not in ("country", "capital"):
        return False
    return not _PLACE_PREP.search(ctx.norm, max(0, m.start - 14), m.start)


# Honorific pronouns and the titles that introduce the person they stand for: «معاليه» a minister
# («معالي الوزير»), «سموه» a prince, «فضيلته» a sheikh or judge, «جلالته» a king.
_HONORIFICS = {fold(k): re.compile(fold(rf"(?<![{_AR}])(?:{v})(?![{_AR}])")) for k, v in {
    "معاليه": "معالي|وزير|الوزير|رئيس|الرئيس|أمين|الأمين|محافظ|المحافظ",
    "سموه": "سمو|السمو|الأمير|أمير|ولي العهد|ولي ولي العهد",
    "فضيلته": "فضيلة|الشيخ|القاضي|المفتي|مفتي|إمام|خطيب",
    "سعادته": "سعادة|السفير|سفير|مدير|المدير|رئيس|الرئيس|محافظ|المحافظ|وكيل|اللواء|العميد",
    "دولته": "دولة|رئيس الوزراء|رئيس الحكومة",
    "فخامته": "فخامة|الرئيس|رئيس",
    "سماحته": "سماحة|المفتي|مفتي|الشيخ|السيد|المرجع",
    "جلالته": "جلالة|الملك|خادم الحرمين الشريفين|الملكة",
}.items()}
_HONORIFIC = re.compile(fold(rf"\s*(?P<hon>{'|'.join(_HONORIFICS)})(?![{_AR}])"))
_KING = re.compile(fold(rf"(?:(?<![{_AR}])(?:الملك|جلالة|خادم\s+الحرمين\s+الشريفين)\s*$)"))
# Spoken to, not speaking: «رفع … التعازي لخادم الحرمين الشريفين الملك سلمان», «بعث برقية إلى …».
_ADDRESSED = re.compile(fold(
    rf"(?:(?<![{_AR}])(?:الى|إلى|لدى)|(?<![{_AR}])ل(?=خادم|صاحب|الملك|سمو|ولي|الامير|الرئيس|فخامة|جلالة|معالي|سعادة|دولة|سماحة"
    rf"|فضيلة|الشيخ|أخيه|اخيه))[{_AR}]*(?:\s+[{_AR}]+){{0,5}}\s*$"
))


def _dignitary(ctx: _Ctx, pronoun: str, pos: int) -> _Speaker | None:
    """The person an honorific pronoun («معاليه», «سموه», «فضيلته») stands for, among the people
    named before it who are not only addressed (condolences «لخادم الحرمين الشريفين») and, but for
    «جلالته», are not the king: those introduced with a title of that rank («معالي الوزير …»)
    first; among them the last speaker, else the one named most (the first named on a tie)."""
    norm, king_ok = ctx.norm, pronoun == fold("جلالته")
    people = [m for m in ctx.mentions if m.type == "PER" and m.entity and m.end <= pos
              and not _ADDRESSED.search(norm, max(0, m.start - 60), m.start)
              and (king_ok or not (_KING.search(norm, max(0, m.start - 25), m.start) or _KING.match(norm, m.start)
                                   or _KING.search(norm, m.start, m.end)))]
    titled = [m for m in people if _HONORIFICS[pronoun].search(norm, max(0, m.start - 45, norm.rfind("\n", 0, m.start) + 1),
                                                              m.start)]  # a title on the line before is a headline
    pool = titled or people
    if not pool:
        return None
    last = ctx.last
    if last and not last.unnamed and last.entity and any(m.entity == last.entity for m in pool):
        return last
    counts: dict[str | None, int] = {}
    for m in pool:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    return _speaker_from_mention(ctx, max(pool, key=lambda m: (counts[m.entity], -m.start)))
