"""Events: actor → action → recipient, coded in PLOVER and CAMEO, with modality and evidence.

Per sentence: a trigger from the shipped Arabic lexicon (``data/events/triggers.tsv``) is
found (verbs with their clitics, nominal forms, multi-word patterns such as «فرض عقوبات»);
its actor and recipient are taken from the entity mentions around it (VSO subject after the
verb, SVO subject before it, conjoined subjects «روسيا والناتو يبحثان», recipients after
مع/على/إلى/ل/ضد, «بين X و Y»); inside a quotation the speaker stands in for first-person
subjects. Modality: negated (لا/لم/لن/ليس/عدم, «رفض تقديم»), hypothetical (إذا/إن لم/لو),
proposed (اقترح، عرض، مستعد، مهتم، يسعى، يأمل), future (سـ، سوف) or asserted; events inside a
statement are ``reported`` by its speaker. An event needs a trigger *and* an actor.
Events with the same type, actor, recipient, date and mode in one article are one event with
several mentions (GDELT's event ↔ mentions).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources

from .model import Analysis, Event, EventMention, Mention, Quote, Sentence, Token
from .textnorm import fold, normalize, normalize_same_length

_AR = "\u0621-\u064a"


@dataclass(frozen=True, slots=True)
class Trigger:
    plover: str
    cameo: str
    goldstein: float
    mode_hint: str
    context: str
    label: str
    needs: re.Pattern[str] | None


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, list[Trigger]], int]:
    table: dict[str, list[Trigger]] = {}
    longest = 1
    text = (resources.files("khabar") / "data" / "events" / "triggers.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        forms, plover, cameo, gold, mode, ctx, label = (cols + [""] * 7)[:7]
        forms, _, needs = forms.partition("+")
        rx = None
        if needs:
            alts = "|".join(re.escape(fold(n)).replace(r"\ ", r"\s+") for n in needs.split("|"))
            rx = re.compile(rf"^[\s،,]*(?:[^\s.]+[\s،,]+){{0,6}}?(?:[وبلف]|ال|بال|لل)?(?:{alts})(?![{_AR}])")
        trig = Trigger(plover, cameo, float(gold), mode, ctx, label, rx)
        for f in forms.split("|"):
            key = fold(f).strip()
            if key:
                table.setdefault(key, []).append(trig)
                longest = max(longest, len(key.split()))
    return table, longest


_NEG = {fold(w) for w in "لا لم لن ليس ليست لسنا لست عدم دون بدون".split()}
_NEG_ADJ = {fold(w) for w in "غير ما".split()}  # only right before the trigger («غير مهتم»)
_FUT = {fold(w) for w in "سوف سيتم ستتم".split()}
_PROPOSE = {fold(w) for w in (
    "اقترح اقترحت يقترح تقترح اقتراح عرض عرضت يعرض مستعد مستعدة مستعدون مهتم مهتمة مهتمون يسعى تسعى يسعون"
    " يأمل تأمل نأمل آمل أمله أملها يريد تريد نريد يرغب ترغب نرغب دعا دعت يدعو تدعو دعوة قرر تعتزم يعتزم"
    " تخطط يخطط تخطيط تنوي ينوي استعداد استعدادها استعداده يدرس تدرس يستعد تستعد"
).split()}
_DENY = re.compile(fold(rf"(?<![{_AR}])(?:نفى|نفت|ينفي|تنفي|نفوا|نافيا|نافية)(?![{_AR}])[^.؟!]*?(?<![{_AR}])(?:أن|ان)(?![{_AR}])"))
_COND = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|إن\s+لم|ان\s+لم|لو|في\s+حال|حال)(?![{_AR}])"))
_REJECT_MASDAR = {fold(w) for w in "رفض رفضت يرفض ترفض".split()}
_RECIP_PREP = re.compile(fold(rf"(?<![{_AR}])(?:مع|على|إلى|الى|ضد|تجاه|حيال|بين|عن|عند|حدود|قرب)(?![{_AR}])"))


_RELATIVE = re.compile(fold(rf"(?<![{_AR}])(?:التي|الذي|الذين|اللذين|اللتين|ما|مما|عما)$"))


def _tok_base(t: Token) -> str:
    """Search form without proclitics and pronoun suffixes: «وغاراتها» → «غارات»."""
    segs = [g for g in t.segments if g.kind in ("article", "stem")]
    if not segs:
        return t.norm
    return normalize(t.text[segs[0].start - t.start : segs[-1].end - t.start])


def _tok_core(t: Token) -> str:
    """Search form of a token without conjunction/preposition proclitics (keeps the article)."""
    for g in t.segments:
        if g.kind != "proclitic":
            return normalize(t.text[g.start - t.start :])
    return t.norm


_NOUN_ONLY = {fold(w) for w in (
    "اتفاق اتفاقية استئناف لقاء اجتماع قمة مباحثات محادثات مشاورات مفاوضات مناقشة زيارة ترحيب تأييد تحذير تهديد"
    " هجوم هجمات غارة غارات اعتقال احتجاز احتجاج احتجاجات تظاهرة مظاهرة مظاهرات حشود مساعدات مساعدة دعوة اتهام اتهامات"
    " إدانة عقوبات مناورات مناورة انسحاب هدنة تفجير انفجار اغتيال اشتباك اشتباكات توقيع مقترح مقترحات اقتراح اقتراحات"
    " تنازلات الإفراج مطالبة تحشيد مهاجمة التفاوض التعاون الاتفاق"
).split()}
_VERB_CUES = {fold(w) for w in "قد لقد كما ثم وقد فقد".split()}


def _is_nominal(t: Token | None, doc: _Doc | None = None) -> bool:
    """A masdar/noun trigger («اجتماع», «رفض انضمام») rather than a verb («رفض», «اتفقا»)."""
    if t is None:
        return False
    core = _tok_core(t)
    if core.startswith("ال") or core in _NOUN_ONLY or core.endswith(("ات", "ه")):
        return True
    if core[:1] in "يتن" and len(core) >= 4:  # imperfect verb
        return False
    if any(g.kind == "proclitic" and t.text[g.start - t.start : g.end - t.start] in ("ب", "ل", "ك") for g in t.segments):
        return True  # «بتأييد», «لمناقشة»
    if doc is not None:
        prev = doc.norm[max(0, t.start - 12) : t.start].split()
        if prev and prev[-1] in _PREPS:
            return True  # «في رفض …»
        if prev and prev[-1] in _VERB_CUES:
            return False
    return False


def _has_future_prefix(t: Token) -> bool:
    return any(g.kind == "proclitic" and t.text[g.start - t.start : g.end - t.start] == "س" for g in t.segments)


def _find_triggers(s: Sentence, text: str) -> list[tuple[int, int, Trigger]]:
    """(first token index, last token index + 1, trigger) in a sentence."""
    table, longest = lexicon()
    toks = [t for t in s.tokens if t.kind == "word"]
    out: list[tuple[int, int, Trigger]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = " ".join([_tok_core(toks[i])] + [toks[i + k].norm for k in range(1, n)])
            cands = table.get(key) or table.get(toks[i].norm if n == 1 else "", [])
            if not cands and n == 1:
                base = _tok_base(toks[i])
                if base.endswith("ات") or base in _NOUN_ONLY:  # «غاراتها», «مقترحاتها»
                    cands = table.get(base, [])
            for trig in cands:
                if trig.needs is not None:
                    rest = fold(text[toks[i + n - 1].end : s.end])
                    if not trig.needs.match(rest):
                        continue
                hit = (i, i + n, trig)
                break
            if hit:
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return [(toks[a].start, toks[b - 1].end, trig) for a, b, trig in out]


def _actors(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.entity and m.type in ("PER", "ORG", "LOC")]


class _Doc:
    def __init__(self, a: Analysis) -> None:
        self.a = a
        self.text = a.article.text
        self.norm = normalize_same_length(self.text)  # same offsets as the display text
        ments = sorted(_actors(a.mentions), key=lambda m: (m.start, -m.end))
        # Outermost mentions only: «مجلس روسيا-الناتو» is the actor, not «روسيا» inside it,
        # but a person's title mention («الأمين العام للناتو») wins over the «الناتو» inside it.
        self.mentions: list[Mention] = []
        for m in ments:
            if any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in ments):
                continue
            self.mentions.append(m)
        self.quotes = a.quotes


def _in_quote(doc: _Doc, pos: int) -> Quote | None:
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return q
    return None


_SIDES = re.compile(fold(rf"(?<![{_AR}])(?:ال)?(?:طرفين|طرفان|جانبين|جانبان|بلدين|بلدان|دولتين|دولتان|الطرفين|الجانبين)(?![{_AR}])"))
_STOP_AFTER = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|لم|لن|أن|ان|إن|التي|الذي|كي|لكي|حتى)(?![{_AR}])"))


def _governed(doc: _Doc, m: Mention) -> bool:
    """Is the mention the object of a preposition («الى موسكو», «لروسيا», «مع الناتو»)?"""
    tok = doc.text[max(0, m.start - 1) : m.start]
    if tok in ("ب", "ل", "ك") and m.start >= 1:
        return True
    before = doc.norm[max(0, m.start - 8) : m.start].split()
    return bool(before) and before[-1] in _PREPS


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


_LOC_PREPS = {fold(w) for w in "في من عبر حول داخل الى إلى نحو قرب".split()}


_PREPS = {fold(w) for w in "في الى إلى من على عن مع ضد تجاه حيال لدى عند بين نحو عبر حول".split()}


def _can_act(doc: _Doc, m: Mention, nominal: bool) -> bool:
    """Organisations, people, states and generic actors act; a capital only as a subject standing
    for its government; other places (cities, regions, unknown places) never."""
    if m.type != "LOC":
        return True
    from .kb import knowledge_base

    a = knowledge_base().get(m.entity or "")
    if a is None:
        return False
    if a.kind == "capital":
        return not nominal
    return a.kind == "country"


def _nationality(word: str) -> str | None:
    from .kb import knowledge_base

    return knowledge_base().nationality(word)


def _is_force(m: Mention) -> bool:
    """Police, army, government (generic or in the knowledge base): agents of coercion."""
    ent = m.entity or ""
    if ent.endswith(("_COP", "_MIL", "_GOV")):
        return True
    from .kb import knowledge_base

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


_HE = re.compile(fold(rf"(?<![{_AR}])(?:أنه|انه|إنه|بأنه|بانه)\s+(?:(?:لا|لن|لم|قد|سوف)\s+)?(?:[{_AR}]+\s+){{0,2}}(?:أن\s+|ان\s+)?$"))
_PASSIVE_NEXT = re.compile(fold(r"\s+(?:\d+|عدد|العشرات|عشرات|المئات|مئات|اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)(?![\u0621-\u064a])"))
_AGENT = re.compile(fold(r"(?<![\u0621-\u064a])(?:برصاص|بنيران|على\s+يد|بغارة\s+ل|بغارات\s+ل|في\s+غارة\s+ل|بقصف\s+ل|في\s+هجوم\s+ل)\s*"))
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "REJECT", "THREATEN", "PROTEST"}


def _subject(doc: _Doc, s: Sentence, ts: int, te: int, nominal: bool, plover: str = ""
             ) -> tuple[Mention | None, Mention | None]:
    """(actor, recipient-from-conjunction) of a trigger: a conjoined SVO subject («روسيا والناتو
    يبحثان»), «الطرفين» (the article's main dyad), the VSO subject after a verb, the genitive
    after a noun («زيارة راسموسن»), «بين X و Y», else an SVO subject before it."""
    before = [m for m in doc.mentions if s.start <= m.start and m.end <= ts and not _governed(doc, m)]
    gap_side = _SIDES.search(doc.norm, max(s.start, ts - 25), ts)
    if gap_side and not nominal:
        dy = _main_dyad(doc)
        if dy:
            return dy
    if not nominal:
        after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 60)]
        if after:
            m = after[0]
            gap = doc.norm[te : m.start]
            commas_ok = len(gap.split()) <= 4 and not re.search(r"[.:]", gap)  # «فرضها الرئيس الأمريكي، دونالد ترامب»
            partitive = plover in _HOSTILE and re.search(fold(r"(?<![\u0621-\u064a])من\s*$"), gap)
            if len(gap.split()) <= 4 and not _RECIP_PREP.search(gap) and not _STOP_AFTER.search(gap) and (
                commas_ok or not re.search(r"[،,.:]", gap)
            ) and not _governed(doc, m) and _can_act(doc, m, False) and not partitive:
                return m, None
    else:
        adj = re.match(r"\s*([\u0621-\u064a]+)", doc.norm[te : te + 25])
        if adj:
            iso = _nationality(adj.group(1))
            if iso:  # «قصف إسرائيلي», «غارات أمريكية»: the state is the actor
                return Mention(te + adj.start(1), te + adj.end(1), doc.text[te + adj.start(1) : te + adj.end(1)],
                               "LOC", iso, "adjective", 0.6), None
        between = re.match(fold(r"\s*(?:[\w\u0621-\u064a]+\s+){0,3}?بين\s+"), doc.norm[te : min(s.end, te + 40)])
        after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 50)]
        if between and len(after) >= 2:
            return after[0], after[1]
        if between and after and _can_act(doc, after[0], True) and not _locative(doc, after[0]):
            return after[0], None  # «الاشتباكات بين قوات الأمن وأعضاء جماعة …»
        if after and plover in _HOSTILE and _is_force(after[0]) and not doc.norm[te : after[0].start].strip():
            return after[0], None  # «احتجاز الشرطة أعضاء …»: a security force after the noun is the agent
        if after and plover not in _HOSTILE:
            m = after[0]
            gap = doc.norm[te : m.start]
            if (not gap.strip() or doc.text[te : m.start].strip() == "ل") and _can_act(doc, m, True):
                return m, None  # «زيارة راسموسن», «زيارة لأمين عام…», «دعوة الحلف» («مهاجمة ليبيا»: the target)
    if plover in _HOSTILE and nominal:
        before = [m for m in before if not (m.entity or "").endswith("_CVL")]  # «المدنيين … من هجمات»: victims
    if before:
        m = before[-1]
        gap = doc.norm[m.end : ts]
        if len(gap.split()) <= 5 and not re.search(r"[.:؟?!]", gap) and _can_act(doc, m, nominal):
            prev = [x for x in before if x is not m and re.fullmatch(r"\s*و\s*", doc.norm[x.end : m.start])]
            if prev:
                return prev[-1], m
            return m, None
        # The sentence's own subject at its start («وكان راسموسن الذي وصل … قد التقى …»)
        first = before[0]
        lead = doc.norm[s.start : first.start].split()
        if len(lead) <= 2 and not _COMP_RX.search(doc.norm, first.end, ts) and _can_act(doc, first, False):
            nxt = [x for x in before if x is not first and re.fullmatch(r"\s*و\s*", doc.norm[first.end : x.start])]
            return first, (nxt[0] if nxt else None)
    return None, None


_COMP_RX = re.compile(fold(rf"(?<![{_AR}])(?:أن|ان|إن|إنه|أنه|انه)(?![{_AR}])|[.:؟!]"))


def _recipient(doc: _Doc, s: Sentence, ts: int, te: int, actor: Mention | None) -> Mention | None:
    start = te
    if actor is not None and actor.start >= te:
        start = actor.end
    window_end = min(s.end, start + 90)
    for m in doc.mentions:
        if start <= m.start < window_end and m is not actor and m.entity != (actor.entity if actor else None):
            if ":" in (m.entity or "") and _locative(doc, m):
                continue  # «في موسكو»: a place, not a recipient
            gap = doc.norm[start : m.start]
            if re.search(r"[.؟?!]", gap):
                break
            if _RECIP_PREP.search(gap) or len(gap.split()) <= 2 or (_COND.search(gap) and len(gap.split()) <= 5) or (
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


def _modality(doc: _Doc, s: Sentence, ts: int, te: int, trig: Trigger, tok: Token | None) -> str:
    prev = doc.norm[max(s.start, ts - 40) : ts].split()[-4:]
    prev_close = prev[-3:]
    wide = doc.norm[max(s.start, ts - 70) : ts]
    if _DENY.search(wide):
        return "negated"  # «نفى … أن تكون غارات التحالف قد استهدفت …»
    if any(w in _NEG for w in prev_close) or (prev and prev[-1] in _NEG_ADJ) or (
        trig.plover != "REJECT" and any(w in _REJECT_MASDAR for w in prev[-3:])
    ):
        return "negated"
    clause_start = max(doc.norm.rfind("،", s.start, ts), doc.norm.rfind(",", s.start, ts), s.start)
    if _COND.search(doc.norm, clause_start, s.end) and (trig.plover != "THREATEN" or trig.cameo != "138"):
        return "hypothetical"
    if trig.plover == "THREATEN" and trig.cameo == "138":
        return "hypothetical"
    if trig.mode_hint == "proposed" or any(w in _PROPOSE for w in prev):
        return "proposed"
    if (tok is not None and _has_future_prefix(tok)) or any(w in _FUT for w in prev_close):
        return "future"
    return "asserted"


_CONTEXT = [
    ("military", fold("عسكري|عسكرية|العسكري|العسكرية|الدفاع|الدرع|صاروخ|صواريخ|الصاروخية|قوات|القوات|جيش|الجيش|أسلحة|الأسلحة|سلاح|نووي|النووية|الحرب|مناورات|رادار|حربي")),
    ("economic", fold("اقتصاد|اقتصادي|الاقتصادية|تجارة|تجاري|التجارية|نفط|النفط|غاز|الغاز|استثمار|عقوبات اقتصادية|الرسوم|جمركية|مالي|المالية")),
    ("humanitarian", fold("إنساني|إنسانية|الإنسانية|لاجئين|اللاجئين|مساعدات|إغاثة|الإغاثة|المدنيين")),
    ("legal", fold("محكمة|المحكمة|قضائي|القضاء|قانون|القانون|اعتقال|سجن")),
]


def _context(doc: _Doc, s: Sentence, trig: Trigger) -> str:
    window = doc.norm[s.start : s.end]
    for name, words in _CONTEXT:
        if re.search(rf"(?<![{_AR}])(?:[وبلف]|لل|ال)?(?:{words})(?![{_AR}])", window):
            return name
    return trig.context


def _as_state(kb, m: Mention) -> Mention:
    a = kb.get(m.entity) if m.entity else None
    if a is not None and a.kind == "capital" and a.country:
        return Mention(m.start, m.end, m.text, "LOC", a.country, m.method, m.confidence)
    return m


def _date_for(a: Analysis, s: Sentence) -> str | None:
    for t in a.timexes:
        if s.start <= t.start < s.end and t.precision == "day" and t.value[:1].isdigit():
            return t.value.split("/")[0][:10]
    p = a.article.published
    if p and p.value and not p.value.startswith("X"):
        return p.value
    return None


def _location(doc: _Doc, s: Sentence) -> str | None:
    for m in doc.mentions:
        if s.start <= m.start < s.end and m.type == "LOC" and ":" in (m.entity or ""):
            before = doc.norm[max(s.start, m.start - 4) : m.start]
            if re.search(fold(r"(?:في|ب)\s*$"), before) or doc.text[m.start - 1 : m.start] == "ب":
                return m.entity
    return None


def extract_events(a: Analysis) -> list[Event]:
    from .kb import knowledge_base

    kb = knowledge_base()
    doc = _Doc(a)
    events: dict[str, Event] = {}
    for s in a.sentences:
        if not s.tokens:
            continue
        tok_at = {t.start: t for t in s.tokens}
        last_end, last_actor = -100, None
        for ts, te, trig in _find_triggers(s, doc.text):
            q = _in_quote(doc, ts)
            tok = tok_at.get(ts)
            nominal = _is_nominal(tok, doc)
            if trig.plover == "ASSAULT" and not nominal and _PASSIVE_NEXT.match(doc.norm, te):
                # «قتل 16 من مسلحي الميليشيات»: passive; the victims follow, the killer only «برصاص X»
                agent = _AGENT.search(doc.norm, te, s.end)
                by = [m for m in doc.mentions if agent and agent.end() <= m.start < agent.end() + 30]
                victims = [m for m in doc.mentions if te <= m.start < (agent.start() if agent else s.end)]
                if not by:
                    continue
                actor, conj = by[0], (victims[0] if victims else None)
                recipient = conj
            else:
                actor = conj = None
            if actor is None:
                actor, conj = _subject(doc, s, ts, te, nominal, trig.plover)
            if q is not None and q.speaker and not nominal and _HE.search(doc.norm, max(s.start, q.start - 8), ts):
                # «أكد أنه لا يريد أن يهدد الناتو»: «أنه» is the speaker; a name after the verb is its object
                obj = actor if actor is not None and actor.start >= te else None
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
                conj = obj
            if q is not None and q.verb in _CALL_VERBS and q.verb_end is not None:
                # «داعيا روسيا إلى "التوقف عن حشد قواتها"»: the one called upon is the actor
                called = [m for m in doc.mentions if q.verb_end <= m.start < q.start and m.entity]
                if called and (actor is None or actor.start >= q.start and nominal):
                    actor = called[0]
            if actor is None and q is not None and q.speaker and q.kind == "direct" and _no_actor_in(doc, s, q, ts):
                # direct speech with no other actor named: the speaker («"أعلن اليوم عن فرض عقوبات…"»)
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
            if actor is None and q is not None and q.speaker and not nominal and _first_person(doc, tok, ts):
                # «نحن نرحب…», «نريد…» inside a statement: the speaker acts
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
            if actor is None or not actor.entity:
                continue
            if ts - last_end <= 25 and actor.entity == last_actor:
                continue  # «مهتم باستئناف التعاون», «دعا الى توسيع التعاون»: one event, coded by its head
            last_end, last_actor = te, actor.entity
            recipient = conj or _recipient(doc, s, ts, te, actor)
            if recipient is not None and recipient.entity == actor.entity:
                recipient = None
            mode = _modality(doc, s, ts, te, trig, tok_at.get(ts))
            # A capital acting stands for its state («واشنطن تدرس فرض عقوبات على موسكو»: USA → RUS)
            actor = _as_state(kb, actor)
            recipient = _as_state(kb, recipient) if recipient is not None else None
            if recipient is not None and recipient.entity == actor.entity:
                recipient = None
            act = kb.get(actor.entity)
            rec = kb.get(recipient.entity) if recipient is not None and recipient.entity else None
            date = _date_for(a, s)
            key = "|".join([trig.plover, actor.entity, recipient.entity if recipient else "", date or "", mode])
            eid = hashlib.sha1(key.encode()).hexdigest()[:12]
            em = EventMention(s.start, s.end, ts, te, doc.text[ts:te])
            if eid in events:
                events[eid].mentions.append(em)
                continue
            events[eid] = Event(
                id=eid, plover=trig.plover, cameo=trig.cameo, goldstein=trig.goldstein, mode=mode,
                actor=actor.entity, recipient=recipient.entity if recipient else None,
                actor_country=(act.country if act else None) or None, actor_sector=(act.sector if act else None) or None,
                recipient_country=(rec.country if rec else None) or None, recipient_sector=(rec.sector if rec else None) or None,
                date=date, location=_location(doc, s), context=_context(doc, s, trig), trigger=doc.text[ts:te],
                reported_by=(q.speaker or q.source) if q else None, quote_kind=q.kind if q else None,
                mentions=[em], confidence=0.7 if recipient else 0.6,
            )
    return list(events.values())
