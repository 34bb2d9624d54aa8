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
from dataclasses import dataclass, replace
from importlib import resources

from ..model import Analysis, Event, EventMention, Mention, Quote, Sentence, Token
from ..textnorm import fold, normalize, normalize_same_length
from .confidence import confidence as event_confidence

_AR = "\u0621-\u064a"


@dataclass(frozen=True, slots=True)
class Trigger:
    plover: str
    cameo: str
    goldstein: float
    mode_hint: str  # comma-separated hints (see the header of triggers.tsv)
    context: str
    label: str
    needs: re.Pattern[str] | None

    def hint(self, name: str) -> bool:
        return name in self.mode_hint.split(",")


def _conjugate(perfect: str, imperfect: str) -> list[str]:
    """All persons of a sound verb from its 3rd-person masculine perfect and imperfect
    («هاجم/يهاجم» → هاجمت، هاجموا، هاجما، تهاجم، يهاجمون، نهاجم …). Defective verbs ending in
    a vowel (نفى، دعا) conjugate irregularly and are listed form by form instead."""
    if perfect.endswith("ى"):  # defective: «استدعى» → استدعت، استدعوا، استدعيا / «يستدعي» → يستدعون
        base = perfect[:-1]
        out = [perfect, base + "ت", base + "وا", base + "يا", base + "تا", base + "ينا"]
        stem = imperfect[1:] if imperfect[:1] in "يت" else imperfect
        root = stem[:-1] if stem.endswith("ي") else stem
        out += [p + stem for p in "يتنأ"]
        out += [p + root + x for p in "يت" for x in ("ون", "وا", "يان")]
        return out
    # A three-letter perfect's dual («قتلا») is spelt like its accusative masdar («قتلاً»): left out.
    duals = ("تا",) if len(perfect) == 3 else ("ا", "تا")
    out = [perfect + x for x in ("", "ت", *duals, "وا", "ن", "نا", "تم")]
    stem = imperfect[1:] if imperfect[:1] in "يت" else imperfect
    out += [p + stem for p in "يتنأ"]
    out += [p + stem + x for p in "يت" for x in ("ان", "ون", "وا", "ا", "ن")]
    return out


def _expand(forms: list[str]) -> list[str]:
    """Lexicon forms; ``v:PERFECT/IMPERFECT`` stands for every person of a verb."""
    out: list[str] = []
    for f in forms:
        f = f.strip()
        if f.startswith("v:") and "/" in f:
            perf, _, imperf = f[2:].partition("/")
            out += _conjugate(perf.strip(), imperf.strip())
        else:
            out.append(f)
    return list(dict.fromkeys(out))


def lexicon() -> tuple[dict[str, list[Trigger]], int]:
    """Trigger table (search form → triggers) and the longest multi-word form, in words."""
    table, longest, _ = _lexicon()
    return table, longest


def _nominal_forms() -> frozenset[str]:
    """Lexicon forms written out as nouns (not generated verb forms, not verb-looking)."""
    return _lexicon()[2]


@functools.lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, list[Trigger]], int, frozenset[str]]:
    table: dict[str, list[Trigger]] = {}
    nominal: set[str] = set()
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
            rx = re.compile(rf"^[\s،,]*(?:[^\s.]+[\s،,]+){{0,6}}?(?P<need>(?:[وبلف]|ال|بال|لل)?(?:{alts}))(?![{_AR}])")
        trig = Trigger(plover, cameo, float(gold), mode, ctx, label, rx)
        for f in forms.split("|"):
            f = fold(f.strip())
            if f and not f.startswith("v:") and " " not in f and f[:1] not in "يت" and len(f) >= 4:
                nominal.add(f)
        for f in _expand(forms.split("|")):
            key = fold(f).strip()
            if key:
                table.setdefault(key, []).append(trig)
                longest = max(longest, len(key.split()))
    return table, longest, frozenset(nominal) | _NOUN_ONLY


_NEG = {fold(w) for w in "لا لم لن ليس ليست لسنا لست عدم دون بدون".split()}
_NEG_ADJ = {fold(w) for w in "غير ما".split()}  # only right before the trigger («غير مهتم»)
_PRETEND = re.compile(fold(r"\s+(?:ب|بأن|بان|بأنه|بأنها|بأنهما|بأنهم|بانه|بانها|بانهما|بانهم)(?:\s|$)|\s+بال"))
_NOT_RULE_OUT = re.compile(fold(rf"(?<![{_AR}])(?:لا|لم|لن)\s+(?:[يتنأ]ستبعد|يستبعدون|تستبعدان)(?![{_AR}])"))
_STILL = re.compile(fold(rf"(?<![{_AR}])(?:لا|ما)\s+(?:يزال|تزال|زال|زالت|يزالون|تزالان|يزالان)(?![{_AR}])|(?<![{_AR}])لازال"))
_OFTEN = {fold(w) for w in "غالبا كثيرا قليلا نادرا طالما عادة".split()}  # «غالبا ما تستهدف»: not a negation
_FUT_AFTER = {fold(w) for w in "مخطط المخطط المرتقب المرتقبة مرتقب مرتقبة المقبل المقبلة المزمع المزمعة المقررة المقرر".split()}
_FUT = {fold(w) for w in (
    "سوف سيتم ستتم المقرر المتوقع المرتقب المزمع التحضيرات تحضيرات التحضير تحضيرا الاستعدادات استعدادات"
).split()}  # «من المقرر أن يصل», «التحضيرات لأكبر مظاهرة»  # «من المقرر أن يصل»
_PROPOSE = {fold(w) for w in (
    "اقترح اقترحت يقترح تقترح اقتراح عرض عرضت يعرض مستعد مستعدة مستعدون مهتم مهتمة مهتمون يسعى تسعى يسعون"
    " يأمل تأمل نأمل آمل أمله أملها يريد تريد نريد يرغب ترغب نرغب دعا دعت يدعو تدعو دعوة قرر تعتزم يعتزم"
    " تخطط يخطط تخطيط تنوي ينوي استعداد استعدادها استعداده يدرس تدرس يستعد تستعد أوامر أوامره أوامرها بأوامر"
    " الضروري ضرورة يجب ينبغي لابد يتعين نية نيتها نيته عزمها عزمه تعتزمان يهدف تهدف يهدفان تهدفان بهدف الهادفة الرامية"
).split()}
_DENY = re.compile(fold(rf"(?<![{_AR}])(?:نفى|نفت|ينفي|تنفي|نفوا|نافيا|نافية)(?![{_AR}])[^.؟!]*?(?<![{_AR}])(?:أن|ان)(?![{_AR}])"))
_SPECULATE = re.compile(fold(
    rf"(?<![{_AR}])[وف]?(?:يتوقع|تتوقع|يتوقعون|توقع|توقعت|توقعوا|توقعات|ترجيحات|يرجح|ترجح|رجح|رجحت|يرجحون)(?![{_AR}])"))
_AIM = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:يهدف|تهدف|يهدفان|تهدفان|يرمي|ترمي|يسعى|تسعى)(?![{_AR}])[^.:؟!،]*(?:إلى|الى)\s"))
_PLAN_TOPIC = re.compile(fold(
    rf"(?<![{_AR}])(?:ال)?(?:مفاوضات|محادثات|خطة|مقترح|مشروع|صفقة)(?![{_AR}])(?:\s+[{_AR}]+){{0,6}}?\s+(?:بشأن|حول|على|حيال)\s*$"))
_CAN = re.compile(fold(rf"(?<![{_AR}])(?:يمكن|يمكنه|يمكنها|يمكنهم|بإمكان|بامكان|باستطاعة)(?:\s+[{_AR}]+)?\s+(?:أن|ان)\s*$"))
_IF_WORDS = {"إن", "وإن", "فإن"}
_FAILED = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:فشل|فشلت|فشلوا|أخفق|أخفقت|أخفقوا|عجز|عجزت|عجزوا)(?![{_AR}])[^.:]*?(?<![{_AR}])في\s*$"))
_INSTEAD = re.compile(fold(rf"(?<![{_AR}])(?:بدلا|بدلاً|عوضا|عوضاً)\s+(?:من|عن)\s*$"))
_MAY_LEAD = re.compile(fold(rf"(?<![{_AR}])قد\s+(?:يؤدي|تؤدي|يقود|تقود|يفضي|تفضي)\s+(?:إلى|الى)(?:\s+[{_AR}]+)?\s*$"))
_POSSIBLE_AFTER = re.compile(fold(
    rf"\s+(?:[{_AR}]+\s+)?(?:محتمل|المحتمل|محتملة|المحتملة|محتملا|ممكن|الممكن|ممكنة|الممكنة|المفترض|المفترضة|مفترض|المزعوم|المزعومة|مزعوم)(?![{_AR}])"))
_FUT_PASSIVE = re.compile(fold(rf"(?<![{_AR}])(?:سيتم|ستتم|سوف)(?![{_AR}])[^.:؟!]*$"))
_COND = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|إن\s+لم|ان\s+لم|لو|في\s+حال|حال)(?![{_AR}])"))
_REJECT_MASDAR = {fold(w) for w in "رفض رفضت يرفض ترفض".split()}
_RECIP_PREP = re.compile(fold(rf"(?<![{_AR}])(?:مع|على|إلى|الى|ضد|تجاه|حيال|بين|عن|عند|حدود|قرب|باتجاه|صوب)(?![{_AR}])"))


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
    " تنازلات الإفراج مطالبة تحشيد مهاجمة التفاوض التعاون الاتفاق توقيف تفريق هجومان هجومين غارتان غارتين ضربتان ضربتين"
).split()}
# Nouns spelt like a trigger verb once the article is off: «التزمت الحذر» (caution), not «حذر» (warned)
_NOT_EVENT_NOUNS = {fold(w) for w in "حذر نشيد".split()}
_AL_VERBS = {fold(w) for w in "التقى التقت التقيا التقوا التقتا التزم التزمت التحق التحقت التمس".split()}  # verbs, not «ال» nouns
_EVENT_HEADS = {fold(w) for w in "حادثة حادث جريمة عملية واقعة محاولة حملة عمليات".split()}
_VERB_CUES = {fold(w) for w in "قد لقد كما ثم وقد فقد".split()}


def _is_nominal(t: Token | None, doc: _Doc | None = None) -> bool:
    """A masdar/noun trigger («اجتماع», «رفض انضمام») rather than a verb («رفض», «اتفقا»)."""
    if t is None:
        return False
    core = _tok_core(t)
    if core in _AL_VERBS:
        return False
    if core.startswith("ال") or core in _NOUN_ONLY or core.endswith("ات") or t.text.endswith("ة") or (
            _has_enclitic(t) and _tok_base(t) in _NOUN_ONLY):  # «اعتقاله», «زيارته»
        return True
    base = _tok_base(t)
    if (len(base) >= 5 and base[0] == "ا" and base[-2] == "ا") or (len(base) == 5 and base[0] == "ت" and base[-2] == "ي"):
        return True  # masdar patterns: «استهداف», «اعتقال», «انسحاب»; «توقيف», «تفجير» (the verbs lack the long vowel)
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
        if prev and re.sub(r"^[وفبل]", "", prev[-1]) in _EVENT_HEADS:
            return True  # «حادثة حرق متعمد», «محاولة اغتيال»
    return False


def _has_enclitic(t: Token | None) -> bool:
    """A third-person pronoun suffix («يقصفها», «وتأييده»); «ي» is left out: «قتلى» (the dead)
    is not «قتل» + «my»."""
    return t is not None and any(
        g.kind == "enclitic" and t.text[g.start - t.start : g.end - t.start] not in ("ي", "ى", "ني") for g in t.segments)


def _has_future_prefix(t: Token) -> bool:
    return any(g.kind == "proclitic" and t.text[g.start - t.start : g.end - t.start] == "س" for g in t.segments)


def _find_triggers(s: Sentence, text: str) -> tuple[list[tuple[int, int, Trigger]], dict[int, tuple[int, int]]]:
    """The sentence's triggers as (start, end, trigger), and for each trigger start the span of
    the words it required («فرقت المتظاهرين», «رفعت السلطات حظر التجول»)."""
    table, longest = lexicon()
    toks = [t for t in s.tokens if t.kind == "word"]
    required: dict[int, tuple[int, int]] = {}
    out: list[tuple[int, int, Trigger]] = []
    i = 0
    while i < len(toks):
        hit = None
        for n in range(min(longest, len(toks) - i), 0, -1):
            key = " ".join([_tok_core(toks[i])] + [toks[i + k].norm for k in range(1, n)])
            cands = table.get(key) or table.get(toks[i].norm if n == 1 else "", [])
            if not cands and n == 1 and key[:1] in ("و", "ف") and len(key) >= 5 and not toks[i].segments[0].kind == "proclitic":
                cands = table.get(key[1:], [])  # «وأوقفوه»: a rare form the segmenter left whole
            if not cands and n == 1 and key.endswith("ا") and len(key) >= 5 and key[:-1] in _nominal_forms():
                cands = table.get(key[:-1], [])  # «اجتماعاً», «هجوماً»: the accusative of a noun trigger
            if not cands and n == 1:
                base = _tok_base(toks[i])
                core = _tok_core(toks[i])
                if core.startswith("ال") and len(core) > 4:  # «والمواجهات», «الاحتجاجات»: a noun
                    base = core[2:]
                    cands = [] if base in _NOT_EVENT_NOUNS else table.get(base, [])
                elif core.startswith("ل") and any(g.kind == "article" for g in toks[i].segments) and len(core) > 4:
                    # «للمطالبة», «للاحتجاج»: a demand or protest as purpose; «للتعاون», «للمباحثات»
                    # ("for cooperation/talks") name no event
                    cands = [t for t in table.get(core[1:], []) if t.plover in ("REQUEST", "PROTEST", "SANCTION")]  # «للعقوبات الفرنسية»
                elif base.endswith("ات") or base in _NOUN_ONLY:  # «غاراتها», «مقترحاتها»
                    cands = table.get(base, [])
                elif _has_enclitic(toks[i]) and not base.startswith("ن"):  # «يقصفها», «اقترحه», «وتأييده», «دعوته» (ة spelt ت)
                    cands = table.get(base, []) or (table.get(fold(base[:-1] + "ة"), []) if base.endswith("ت") else [])
            for trig in sorted(cands, key=lambda t: t.needs is None):  # lines with required words first
                consumed = toks[i + n - 1].end
                need_start = consumed
                if trig.needs is not None:
                    rest = fold(text[toks[i + n - 1].end : s.end])
                    need = trig.needs.match(rest)
                    if not need:
                        continue
                    need_start = consumed + need.start("need")
                    consumed += need.end()
                hit = (i, i + n, trig, consumed)
                required[toks[i].start] = (need_start, consumed)
                break
            if hit:
                break
        if hit:
            # «رفع الحصار»: the words a trigger required belong to it — «الحصار» is no siege
            # there; a trigger of the same type inside them («شنت … غارات») is kept (one event)
            if not (out and toks[hit[0]].start < out[-1][3] and out[-1][2].plover != hit[2].plover):
                out.append(hit)
            i = hit[1]
        else:
            i += 1
    return [(toks[a].start, toks[b - 1].end, trig) for a, b, trig, _ in out], required


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
        desk = a.article.dateline_span
        self.mentions: list[Mention] = []
        for m in ments:
            if any(o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in ments):
                continue
            if desk is not None and desk.start <= m.start < desk.end:
                continue  # «دبي، الإمارات العربية المتحدة (CNN)-- فرضت …»: the desk is no actor
            self.mentions.append(m)
        self.quotes = a.quotes
        self.trigger_starts: list[int] = []  # trigger positions of the sentence being read
        self.trigger_types: dict[int, str] = {}  # and their PLOVER types
        # trigger start → span of the words it required («فرقت المتظاهرين», «رفعت السلطات حظر التجول»)
        self.consumed: dict[int, tuple[int, int]] = {}
        from ..kb import knowledge_base

        kb = knowledge_base()
        cnt: dict[str, int] = {}  # (dateline mentions left out above: the desk is not the story's country)
        for m in self.mentions:
            x = kb.get(m.entity) if m.type == "LOC" and m.entity else None
            if x is not None and x.country and x.country != "IGO":
                cnt[x.country] = cnt.get(x.country, 0) + 1
        self.main_country = max(cnt, key=lambda k: cnt[k]) if cnt else None


def _in_quote(doc: _Doc, pos: int) -> Quote | None:
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return q
    return None


_SIDES = re.compile(fold(rf"(?<![{_AR}])(?:ال)?(?:طرفين|طرفان|جانبين|جانبان|بلدين|بلدان|دولتين|دولتان|الطرفين|الجانبين)(?![{_AR}])"))
_STOP_AFTER = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|لم|لن|أن|ان|إن|التي|الذي|كي|لكي|حتى)(?![{_AR}])"))


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
_PREPS = {fold(w) for w in (
    "في الى إلى من على عن مع ضد تجاه حيال لدى عند بين نحو عبر حول بقيادة بزعامة برئاسة خلال أثناء اثناء عقب إثر اثر جراء إبان"
    " شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"
).split()}


def _can_act(doc: _Doc, m: Mention, nominal: bool) -> bool:
    """Organisations, people, states and generic actors act; a capital only as a subject standing
    for its government; other places (cities, regions, unknown places) never."""
    if m.type != "LOC":
        return True
    from ..kb import knowledge_base

    a = knowledge_base().get(m.entity or "")
    if a is None:
        return False
    if a.kind == "capital":
        return not nominal
    return a.kind == "country"


def _nationality(word: str) -> str | None:
    from ..kb import knowledge_base

    return knowledge_base().nationality(word)


def _armed(m: Mention) -> bool:
    """An armed group or military force (KB sector REB/MIL, or an unnamed ISO_MIL/ISO_REB)."""
    ent = m.entity or ""
    if ent.endswith(("_MIL", "_REB")):
        return True
    from ..kb import knowledge_base

    a = knowledge_base().get(ent)
    return a is not None and a.kind == "org" and (a.sector in ("MIL", "REB") or a.subsector == "MIL")


def _gov_org(m: Mention) -> bool:
    """A government named as an organisation («النظام السوري», «الحكومة السورية»), not a state's name."""
    from ..kb import knowledge_base

    a = knowledge_base().get(m.entity or "")
    return (a is not None and a.kind == "org" and a.sector == "GOV") or (m.entity or "").endswith("_GOV")


def _is_force(m: Mention) -> bool:
    """Police, army, government (generic or in the knowledge base): agents of coercion."""
    ent = m.entity or ""
    if ent.endswith(("_COP", "_MIL", "_GOV")):
        return True
    from ..kb import knowledge_base

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


_HE = re.compile(fold(rf"(?<![{_AR}])(?:أنه|انه|إنه|بأنه|بانه|أنها|انها|إنها|بأنها|بانها|أنهم|انهم|إنهم|بأنهم)\s+(?!(?:قد\s+)?(?:تم|يتم|سيتم|جرى|يجري)(?![{_AR}]))(?:(?:لا|لن|لم|قد|سوف)\s+)?(?:[{_AR}]+\s+){{0,2}}(?:أن\s+|ان\s+)?$"))
_PASSIVE_NEXT = re.compile(fold(r"\s+(?:\d+|عدد|العشرات|عشرات|المئات|مئات|اثنان|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)(?![\u0621-\u064a])"))
_AGENT = re.compile(fold(r"(?<![\u0621-\u064a])(?:برصاص|بنيران|على\s+يد|بغارة\s+ل|بغارات\s+ل|في\s+غارة\s+ل|بقصف\s+ل|في\s+هجوم\s+ل)\s*"))
_AGENT_GENITIVE = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "PROTEST", "CONCEDE"}
_TITLE_WORDS = {fold(w) for w in (
    "رئيس الرئيس وزير الوزير وزيرة الوزراء الحكومة الخارجية الدفاع الداخلية الملك العاهل الأمير الأمين العام"
    " نائب المتحدث الناطق باسم زعيم الزعيم قائد رئيسة"
).split()}
_STATE_NOUNS = {fold(w) for w in "دولة حكومة جمهورية مملكة سلطنة إمارة".split()}
_HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "REJECT", "THREATEN", "PROTEST"}


_STRIKES_NEAR = re.compile(fold(rf"(?<![{_AR}])(?:بضربات|بضربة|بغارات|بغارة|بقصف|في\s+ضربات|في\s+غارات|في\s+غارة|في\s+قصف)(?![{_AR}])"))
_QUANT_BEFORE = re.compile(fold(
    r"(?:\d+|عدد|العشرات|عشرات|المئات|مئات|آلاف|الآلاف|ألف|اثنين|اثنان|فردين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة)"
    r"\s*(?:من\s+)?(?:(?:أفراد|عناصر|أعضاء|جنود|رجال|مقاتلي|مسلحي|منتسبي|ضباط|عنصرا|مسلحا|جنديا)\s+)?(?:من\s+)?$"))
# After a transitive killing verb, a preposition or adverb instead of an object: the passive
# «قُتلوا خلال الاشتباكات», «قتلا أيضا».
_NO_OBJECT = re.compile(fold(r"\s*(?:[.،,]|$|(?:في|خلال|أيضا|جراء|إثر|اثر|بعد|أمس|اليوم|ليل|ليلة|مساء|صباح|فجر|برصاص|بنيران|بغارة|بغارات|بقصف|على\s+يد)(?![\u0621-\u064a]))"))
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


def _core_of(tok: Token | None) -> str:
    return _tok_core(tok) if tok is not None else ""


def _plural_verb(tok: Token | None) -> bool:
    """A verb that carries a plural subject pronoun («أطلقوا», «يشنون», «احتلوا»)."""
    c = _core_of(tok)
    bare = re.sub(r"(?:ها|هما|هم|ه)$", "", c) if len(c) >= 5 else c  # «أوقفوه», «يشنونها»
    return len(c) >= 4 and (c.endswith("وا") or (c[:1] in "يت" and bare.endswith("ون")) or (bare != c and bare.endswith("و")))


def _inflected_verb(tok: Token | None) -> bool:
    """Marked as a verb by its inflection, not a bare form a noun could share («وطالب» student)."""
    c = _core_of(tok)
    return len(c) >= 4 and (c.endswith(("وا", "ت", "تا")) or c[:1] in "يتن")


def _voweled_passive(tok: Token | None) -> bool:
    """«قُتل», «أُصيب»: a damma on the first letter marks the passive."""
    if tok is None:
        return False
    core = tok.text
    for g in tok.segments:
        if g.kind != "proclitic":
            core = tok.text[g.start - tok.start :]
            break
    return len(core) > 1 and core[1] == "\u064f"


def _passive_perfect(tok: Token | None) -> bool:
    """A voweled passive perfect: «قُتل», «أُعلن», «اتُّهمت» (a damma on one of the first letters;
    imperfects «يُرسل» are left out — their damma may be active)."""
    if tok is None:
        return False
    core = tok.text
    for g in tok.segments:
        if g.kind != "proclitic":
            core = tok.text[g.start - tok.start :]
            break
    if not core or core[0] in "يتن":
        return False
    return "\u064f" in core[1:5]


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
_AGAINST = re.compile(fold(rf"(?<![{_AR}])(?:ضد|على|أمام|امام|تجاه|إزاء)(?![{_AR}])[^.،:]{{0,30}}$|(?<![{_AR}])ل\S*$"))
_TARGETING = {fold(w) for w in "استهداف مهاجمة قتل اعتقال احتجاز ملاحقة محاصرة استهدافها استهدافه".split()}  # genitive = target
_REPORTERS = {"NGO", "MED", "CVL", "OPP", "EDU", "LAB"}  # who report events more than they act in their statements
_PUBLIC = {normalize(w) for w in "مواطنين مواطنون سكان مدنيين مدنيون أهالي اهالي".split()}  # the public, called upon


def _conjuncts(doc: _Doc, before: list[Mention], m: Mention) -> list[Mention]:
    """«الإمارات والكويت والسعودية»: the chain of conjoined actors ending with ``m``, first first."""
    chain = [m]
    while True:
        prev = [x for x in before if x.end <= chain[0].start and re.fullmatch(r"\s*[،,]?\s*و\s*", doc.norm[x.end : chain[0].start])]
        if not prev:
            return chain
        chain.insert(0, prev[-1])


def _has_conj(tok: Token | None) -> bool:
    """The verb opens a coordinated clause («وأطلقوا», «فضربوا»)."""
    if tok is None:
        return False
    return any(g.kind == "proclitic" and tok.text[g.start - tok.start : g.end - tok.start] in ("و", "ف")
               for g in tok.segments)


def _subject(doc: _Doc, s: Sentence, ts: int, te: int, nominal: bool, plover: str = "",
             tok: Token | None = None, q: Quote | None = None, riot: bool = False, objgen: bool = False
             ) -> tuple[Mention | None, Mention | None]:
    """(actor, recipient-from-conjunction) of a trigger: a conjoined SVO subject («روسيا والناتو
    يبحثان»), «الطرفين» (the article's main dyad), a subject right before the verb («كانت قوات
    الأمن قد قتلت المهاجم»: the noun after the verb is then its object), the VSO subject after a
    verb, the genitive after a noun («زيارة راسموسن»), «بين X و Y», else an SVO subject before it."""
    lo = max(s.start, q.start) if q is not None else s.start  # the reporter is not the agent of what is reported
    before = [m for m in doc.mentions if lo <= m.start and m.end <= ts and not _governed(doc, m)]
    # «شهدت بلجيكا هجمات», «تعرضت السفارة لهجوم»: the place or the target, not the agent
    before = [m for m in before if not _EXPERIENCER.search(doc.norm, m.end, ts)
              and not _EXPERIENCER_END.search(doc.norm[max(s.start, m.start - 12) : m.start])]
    # another event word between a subject and a noun trigger takes that subject («أحبطت محاولة لشن هجوم»)
    if nominal:
        before = [m for m in before if not any(m.end <= t < ts for t in doc.trigger_starts)]
    if not nominal and _relative_subject(doc, s, ts, tok):
        return None, None  # «أي محاولة تستهدف أمن المغرب»: the verb's subject is the noun before it
    rel_pron = None if nominal or _has_conj(tok) else _REL_BEFORE.search(doc.norm, max(s.start, ts - 12), ts)
    if rel_pron:
        # A verb right after a relative pronoun: its subject is the antecedent («المتظاهرين الذين
        # اقتحموا») or follows the verb («الجدول الذي اقترحه بولتون»), never an earlier actor
        # («الأخطار التي تهددهم»: the threats).
        ante = [m for m in doc.mentions if m.end <= rel_pron.start() and re.fullmatch(r"[\s،,]*", doc.norm[m.end : rel_pron.start()])]
        resumptive = _has_enclitic(tok) or re.search(fold(r"(?:ها|هما|هم|ه)$"), _core_of(tok)) is not None
        if ante and _can_act(doc, ante[-1], False) and not resumptive:
            return ante[-1], None
        after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 40)]
        true_rel = rel_pron.group(0).strip().lstrip("و") not in ("ما",)
        if after and (resumptive or not true_rel) and len(doc.norm[te : after[0].start].split()) <= 3 and not _RECIP_PREP.search(doc.norm[te : after[0].start]) \
                and _can_act(doc, after[0], False):
            return after[0], (ante[-1] if resumptive and ante else None)
        return None, None
    if nominal:
        rel = _REL_AGENT.match(doc.norm, te, min(s.end, te + 40)) or (
            None if _core_of(tok).startswith("ال") else _REL_AGENT_BARE.match(doc.norm, te, min(s.end, te + 20)))
        if rel:
            agent = [m for m in doc.mentions if rel.end() <= m.start < rel.end() + 25 and _can_act(doc, m, False)]
            gap = doc.norm[rel.end() : agent[0].start] if agent else ""
            if agent and len(gap.split()) <= 3 and not re.search(r"[،,.:]", gap):
                return agent[0], None  # «القمة التي عقدها ترامب مع …», «الغارات التي شنها التحالف»
    if not nominal and before and not _has_conj(tok):
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
    gap_side = _SIDES.search(doc.norm, max(s.start, ts - 25), ts)
    if gap_side and not nominal:
        dy = _main_dyad(doc)
        if dy:
            return dy
    if not nominal:
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
        if after:
            m = after[0]
            gap = doc.norm[te : m.start]
            commas_ok = len(gap.split()) <= 4 and not re.search(r"[.:]", gap)  # «فرضها الرئيس الأمريكي، دونالد ترامب»
            partitive = plover in _HOSTILE and re.search(fold(r"(?<![\u0621-\u064a])من\s*$"), gap) and not (
                riot and (m.entity or "").endswith("_CVL"))  # «رشق عدد من الفلسطينيين السياج»: they threw
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
        if between and re.search(r"\d\s+بين\s+$", doc.norm[te : te + between.end()]):
            between = None  # «اختطاف 4392 بين المدنيين والسياسيين»: among them, the victims
        after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 50)]
        if between and len(after) >= 2 and not _locative(doc, after[1]):
            return after[0], after[1]
        if between and after and _can_act(doc, after[0], True) and not _locative(doc, after[0]):
            return after[0], None  # «الاشتباكات بين قوات الأمن وأعضاء جماعة …»
        if after and plover == "ASSAULT" and re.fullmatch(r"\s*(?:[\u0621-\u064a]+\s+)?لل?", doc.text[te : after[0].start]) and (
                _can_act(doc, after[0], False)):
            return after[0], None  # «بعد هجوم للحوثيين», «غارة للتحالف»: by them
        if after and plover == "ASSAULT" and not doc.norm[te : after[0].start].strip() and (
                _armed(after[0]) or _gov_org(after[0])) and (
                _tok_base(tok).removeprefix("ال") not in _TARGETING or re.match(r"\s+ل", doc.text[after[0].end : after[0].end + 3])):
            # («استهداف ميليشيات الحوثي للسعودية»: with the object after «ل», the genitive is the agent)
            return after[0], None  # «هجوم تنظيم الدولة», «غارات التحالف»: an armed group's attack («قصف سوريا»: the target)
        if after and plover in ("SUPPORT", "AID") and re.fullmatch(fold(r"\s*من\s*"), doc.norm[te : after[0].start]) and _can_act(doc, after[0], True):
            return after[0], None  # «بدعم من التحالف العربي»: the supporter
        if after and plover == "PROTEST" and not doc.norm[te : after[0].start].strip() and (
                (after[0].entity or "").endswith(tuple("_" + c for c in _CIVIL))):
            return after[0], None  # «اعتصام متظاهري البصرة», «احتجاجات المعلمين»: the protesters
        if after and plover in ("ASSAULT", "COERCE") and _is_force(after[0]) and not doc.norm[te : after[0].start].strip() and (
                plover == "COERCE" or _tok_base(tok).removeprefix("ال") not in _TARGETING
                or re.match(r"\s+ل", doc.text[after[0].end : after[0].end + 3])):  # forces arrest; they are targeted
            return after[0], None  # «احتجاز الشرطة أعضاء …»: a security force after the noun is the agent
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
    if plover in _HOSTILE and plover != "PROTEST" and nominal and not riot:
        # «المدنيين … من هجمات», «توقيف الناشطين والطلاب خلال قمع …»: victims (protesters protest)
        before = [m for m in before if not (m.entity or "").endswith(tuple("_" + c for c in _CIVIL))]
    if nominal and plover in ("ASSAULT", "COERCE") and re.search(
            fold(rf"(?<![{_AR}])(?:مع|على|عن|إزاء|ازاء|حيال)\s*$"), doc.norm[max(s.start, ts - 6) : ts]):
        before = []  # «تفاعل ترامب مع الهجوم», «لديها الدليل على الهجوم»: what they speak of, not what they did
    if nominal and tok is not None and doc.text[tok.start : tok.start + 1] == "ب" and any(
            max(s.start, ts - 80) <= t < ts and doc.trigger_types.get(t) in _STATEMENTS for t in doc.trigger_starts):
        before = []  # «وندد الساسة الألمان … بالهجمات»: what they denounced, not what they did
    if nominal and (_REASON_BEFORE.search(doc.norm, max(s.start, ts - 14), ts) or _INQUIRY_BEFORE.search(doc.norm, max(s.start, ts - 24), ts)):
        before = []  # «اعتقلته السلطات على خلفية اتهامات …»: the clause's subject did not make them
    if plover == "ASSAULT":  # «7 فلسطينيين قتلوا»: counted people are the victims
        before = [m for m in before if not _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 16), m.start)]
    if before:
        m = before[-1]
        gap = doc.norm[m.end : ts]
        # a capital right after a verb is that verb's subject («أعلنت باريس تجميد أصول»): the state
        verb_before = re.search(fold(rf"(?<![{_AR}])[وف]?(?:[يت][{_AR}]{{2,}}|[{_AR}]{{2,}}ت)\s+$"),
                                doc.norm[max(s.start, m.start - 14) : m.start]) is not None
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
        resumed = re.search(fold(rf"(?<![{_AR}])قد\s*$"), doc.norm[max(s.start, ts - 6) : ts]) is not None
        gap_text = _TIME_ASIDE.sub(" ", doc.norm[first.end : ts])  # «أعلن الجيش التركي، الثلاثاء، عن …»
        if len(lead) <= 2 and not _COMP_RX.search(doc.norm, first.end, ts) and _can_act(doc, first, False) and (
                resumed or not re.search(r"[،,]", gap_text)):
            nxt = [x for x in before if x is not first and re.fullmatch(r"\s*و\s*", doc.norm[first.end : x.start])]
            return first, (nxt[0] if nxt else None)
    if not nominal:  # a bare form read as a verb may be a masdar: «تبادل قذائف بين الهند وباكستان»
        between = re.match(fold(r"\s*(?:[\w\u0621-\u064a]+\s+){0,3}?بين\s+"), doc.norm[te : min(s.end, te + 40)])
        after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 50)]
        if between and len(after) >= 2 and all(_can_act(doc, m, True) for m in after[:2]):
            return after[0], after[1]
    return None, None


_INQUIRY_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:ال)?(?:تحقيق|تحقيقات|تحقيقاتهم|تحقيقاتها|تحقيقه|تحقيقها)\s+(?:في|حول|بشأن)\s*$"))
_REASON_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:على\s+خلفية|بسبب|بتهمة|بتهم|جراء|بدعوى|بشأن)\s*$"))
_TIME_ASIDE = re.compile(fold(
    r"[،,]\s*(?:اليوم|أمس|امس|غدا|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)(?:\s+(?:الماضي|المقبل|الماضية))?\s*[،,]"))
_KANA_BEFORE = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:كان|كانت|كانوا)\s+$"))
_COMP_RX = re.compile(fold(rf"(?<![{_AR}])(?:أن|ان|إن|إنه|أنه|انه)(?![{_AR}])|[.:؟!]"))


_ASIDE = re.compile(fold(r"(?<![\u0621-\u064a])في\s+(?:بيان|بيانها|بيانه|تصريح|تصريحات|تصريحاته|مؤتمر\s+صحفي|تغريدة|كلمة|مقابلة)(?![\u0621-\u064a])"))
_CLAUSE_BREAK = re.compile(fold(rf"(?<![{_AR}])(?:حيث|بينما|فيما|عندما|حين|كما|لكن|ولكن|إذ|بعدما|قبل\s+أن|بعد\s+أن|وسط|في\s+ظل)(?![{_AR}])"))
# a new clause with its own subject after the verb («… الحوثيين، فيما حذرت وكالات الإغاثة»)
_NEW_CLAUSE = re.compile(fold(rf"(?<![{_AR}])(?:فيما|بينما|حيث|لكن|ولكن|إذ|اذ)(?![{_AR}])"))
_MODIFIER_BEFORE = re.compile(fold(
    rf"(?<![{_AR}])(?:ال)?(?:موالي|موالين|موالية|مواليين|مدعوم|مدعومة|مدعومين|تابع|تابعة|تابعين|مقرب|مقربة|مقربين|المرتبطين|مرتبطين|المرتبطة|مرتبطة)\s+(?:ل|من\s+|ب)?$"))


def _recipient(doc: _Doc, s: Sentence, ts: int, te: int, actor: Mention | None, reciprocal: bool = True) -> Mention | None:
    start = te
    if actor is not None and actor.start >= te:
        start = actor.end
    window_end = min(s.end, start + 90)
    for m in doc.mentions:
        if not reciprocal and m.start >= start and re.fullmatch(r"\s*[،,]?\s*و\s*", doc.norm[start : m.start]):
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


def _modality(doc: _Doc, s: Sentence, ts: int, te: int, trig: Trigger, tok: Token | None) -> str:
    prev = doc.norm[max(s.start, ts - 40) : ts].split()[-4:]
    prev_close = prev[-3:]
    wide = doc.norm[max(s.start, ts - 70) : ts]
    if _DENY.search(wide):
        return "negated"  # «نفى … أن تكون غارات التحالف قد استهدفت …»
    often = len(prev) >= 2 and prev[-1] == "ما" and re.sub(r"^[وف]", "", prev[-2]) in _OFTEN
    often = often or (bool(prev) and prev[-1] == "ما" and _has_enclitic(tok))  # «ما اقترحته روسيا»: relative
    if _STILL.search(doc.norm, max(s.start, ts - 25), ts):
        prev_close = [w for w in prev_close if w not in ("لا", "ما")]  # «لا تزال مستعدة»: still, not a negation
        often = True
    if _INSTEAD.search(doc.norm, max(s.start, ts - 14), ts):
        return "negated"  # «بدلا من استهداف الصادرات»: instead of doing it
    if _FAILED.search(doc.norm, max(s.start, ts - 80), ts):
        return "negated"  # «فشل محتجون … في سد الطريق»: they failed to
    if any(w in _NEG for w in prev_close) or (prev and prev[-1] in _NEG_ADJ and not often) or (
        trig.plover != "REJECT" and any(w in _REJECT_MASDAR for w in prev[-3:])
    ):
        return "negated"
    clause_start = max(doc.norm.rfind("،", s.start, ts), doc.norm.rfind(",", s.start, ts), s.start)
    if _SPECULATE.search(doc.norm, max(clause_start, ts - 60), ts):
        return "hypothetical"  # «وتتوقع مصادر أن يطلب الملك …», «وتوقعات باستقالة الحكومة»: speculation
    cond = [m for m in _COND.finditer(doc.norm, clause_start, s.end)
            if not re.search(fold(r"(?<![\u0621-\u064a])ما\s*$"), doc.norm[max(s.start, m.start() - 4) : m.start()])]
    if cond and (trig.plover != "THREATEN" or trig.cameo != "138"):
        return "hypothetical"  # (not «ما إذا كان»: whether, an indirect question)
    shown = doc.text[max(s.start, ts - 12) : ts].split()  # «إن» and «أن» only differ in the display text
    if shown and shown[-1] in _IF_WORDS and not _is_nominal(tok, doc) and _core_of(tok)[:1] not in "يتن":
        return "hypothetical"  # «إن رفض الإرهابيون إلقاء السلاح»: if they refuse
    if _MAY_LEAD.search(doc.norm, max(clause_start, ts - 40), ts) or _POSSIBLE_AFTER.match(doc.norm, te) or (
            _CAN.search(doc.norm, max(clause_start, ts - 20), ts)):
        return "hypothetical"  # «قد يؤدي إلى اشتباك محتمل»
    if trig.plover == "THREATEN" and trig.cameo == "138":
        return "hypothetical"
    c = _core_of(tok)
    if prev and prev[-1] in ("قد", "وقد") and c[:1] in "يت" and len(c) >= 4 and not _has_conj(tok):
        return "hypothetical"  # «قد تتفقان»: may agree
    rule_out = list(_NOT_RULE_OUT.finditer(doc.norm, max(s.start, ts - 90), ts))
    if rule_out and not _COMP_ONLY.search(doc.norm[rule_out[-1].end() : ts]):
        return "hypothetical"  # «لم يستبعد … خيار قصف»: a possibility
    if c[:1] in "يتن" and tok is not None and any(
            g.kind == "proclitic" and tok.text[g.start - tok.start : g.end - tok.start] == "ل" for g in tok.segments):
        return "proposed"  # «لنبحث هذه القضية»: purpose
    if _AIM.search(doc.norm, max(clause_start, ts - 60), ts):
        return "proposed"  # «ويهدف المجلس … إلى التشاور والتنسيق»: an aim
    if _is_nominal(tok, doc) and _PLAN_TOPIC.search(doc.norm, max(s.start, ts - 40), ts):
        return "proposed"  # «المفاوضات … بشأن انسحاب المعارضة»: what talks or plans are about
    if trig.hint("proposed") or any(
            w in _PROPOSE or re.sub(r"^[وف]", "", w) in _PROPOSE or re.sub(r"(?:ته|تها|ه|ها)$", "ة", w) in _PROPOSE
            for w in prev):
        return "proposed"
    if (tok is not None and _has_future_prefix(tok)) or any(w in _FUT for w in prev_close):
        return "future"
    if _has_conj(tok) and _FUT_PASSIVE.search(doc.norm, max(clause_start, ts - 80), ts):
        return "future"  # «سيتم التحقيق … والمطالبة بمراجعة»: coordinated with what will be done
    nxt = doc.norm[te : min(s.end, te + 30)].split()[:2]
    if any(w in _FUT_AFTER for w in nxt):
        return "future"  # «اجتماع مخطط انعقاده», «القمة المرتقبة», «الزيارة المقبلة»
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


_FUTURE_TIMEX = re.compile(fold(r"غدا|غداً|المقبل|المقبلة|القادم|القادمة|بعد غد"))


def _future_timex(a: Analysis, ts: int) -> bool:
    """A time expression next to the trigger that points after the publication date and says so
    («غدا الثلاثاء», «الأسبوع المقبل»)."""
    p = a.article.published
    pub = p.value[:10] if p and p.value and p.value[:1].isdigit() else ""
    if not pub:
        return False
    for t in a.timexes:
        if abs(t.start - ts) <= 40 and t.value[:1].isdigit() and t.value[:10] > pub and _FUTURE_TIMEX.search(fold(t.text)):
            return True
    return False


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
    from ..kb import knowledge_base

    kb = knowledge_base()
    for m in doc.mentions:
        if s.start <= m.start < s.end and m.type == "LOC" and m.entity:
            a = kb.get(m.entity)
            if a is not None and a.country and a.country != "IGO" and (a.kind != "country" or _locative(doc, m)):
                return a.country  # a city, or a state named as a place («في إيران»), not a state acting
    return doc.main_country


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


_SPORT_TERMS = re.compile(fold(
    rf"(?<![{_AR}])(?:[وفبل]|ال|وال|بال|لل)?(?:مباراة|مباريات|الدوري|دوري|المنتخب|منتخب|بطولة|البطولة|كأس|لاعب|لاعبي|لاعبين|اللاعب"
    rf"|مدرب|المدرب|نادي|النادي|الشوط|شوط|ملعب|الملعب|المونديال|مونديال|ركلة|ركلات|الهبوط|التأهل|المهاجم|الحارس|حارس"
    rf"|الدوري|هدفا|هدفين|بهدف|بهدفين|التعادل|تعادل|الجولة|المدافع|الانتقالات)(?![{_AR}])"))


def is_sports(text: str) -> bool:
    """A sports report (league tables, matches, transfers): political event coding skips it, as
    GDELT/POLECAT do — «هجوم» is an attack on goal there, «النادي» a club, «اللقاء» a match."""
    hits = _SPORT_TERMS.findall(fold(text))
    return len(hits) >= 6 and len(hits) * 60 >= len(text.split())


_BY_AGENT = re.compile(fold(r"(?<![\u0621-\u064a])(?:من\s+قبل|من\s+جانب|على\s+يد)(?![\u0621-\u064a])"))
_MEDIA_AFTER = re.compile(fold(
    r"\s*(?:مع|ل)\s*(?:[\"«]|شبكة|قناة|صحيفة|وكالة|تلفزيون|التلفزيون|موقع|إذاعة|اذاعة|مجلة|برنامج|محطة|الصحفيين|الصحافيين|صحفيين|صحافيين)"))
_ANTI_GRAFT = re.compile(fold(r"(?<![\u0621-\u064a])(?:ضد|على|لمكافحة|مكافحة)\s+(?:ما\s+وصفته\s+ب|ما\s+وصفه\s+ب)?ال?فساد"))
_CONVICT = re.compile(fold(r"^(?:إدانة|ادانة|إدانت|ادانت|أدين|ادين|يدان|تدان)"))
_BY_CHARGE = re.compile(fold(r"\s+ب(?!ين|عد|عض)[\u0621-\u064a]{3,}"))
_IMPERSONAL = re.compile(fold(rf"(?<![{_AR}])(?:تم|يتم|سيتم|جرى|يجري)(?![{_AR}])[^.:؟!]*$"))
# What may follow a verb whose subject is dropped: a preposition or particle, a time word, «أن»,
# punctuation («وتوعدت بتصعيد الاعتصامات», «وأكدت أن …», «وأضاف، …»)
_SUBJECTLESS_NEXT = re.compile(fold(
    rf"^(?:[بل][{_AR}]{{3,}}|(?:في|على|عن|إلى|الى|من|مع|أن|ان|إن|بأن|بان|أنه|انه|أنها|انها|اليوم|أمس|مجددا|أيضا|ايضا"
    rf"|الأحد|الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|صباح|مساء|خلال|قبل|بعد)(?![{_AR}])|[^{_AR}])"))
# What the agents of an event noun can be said to do in a clause after it: protests denounce and
# demand (they do not «sweep» — «احتجاجات تجتاح البلاد»); attacks target and kill.
_DRAW = re.compile(fold(rf"(?<![{_AR}])[وف]?(?:أثار|أثارت|يثير|تثير|أثارا|واجه|واجهت|يواجه|تواجه|تعرض|تعرضت|يتعرض|تتعرض)\s*$"))
_STATEMENTS = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "AGREE"}
_WHAT_EVENTS_DO = {
    "PROTEST": ("ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST"),
    "ASSAULT": ("ASSAULT", "COERCE"),
}
_TIMED_REF = re.compile(fold(rf"(?<![{_AR}])(?:خلال|أثناء|اثناء|قبل|بعد|عقب|إثر|اثر|منذ|في|إبان)\s*$"))
_DEMONSTRATIVE = re.compile(fold(rf"(?<![{_AR}])(?:هذه|هذا|تلك|ذلك|هذين|هاتين|هؤلاء)\s*$"))
_COORD_BEFORE = re.compile(fold(rf"(?<![{_AR}])(?:كما|ثم)\s*$"))
_SUBORDINATE = re.compile(fold(rf"(?<![{_AR}])(?:حين|عندما|حينما|بعدما|لما|كلما|إذ|اذ|وقد|فقد|ثم|كما)\s*$"))
_HUMAN_OBJ = re.compile(fold(
    r"\s*(?:ال)?(?:\d+|عدد|عشرات|مئات|اثنين|ثلاثة|أربعة|خمسة|ستة|سبعة|ثمانية|تسعة|عشرة|شخص|أشخاص|شقيق|رجل|امرأة|نساء"
    r"|شاب|شبان|مواطن|متهم|مشتبه|ناشط|نشطاء|صحفي|صحافي|مدع|مدعي|مسؤول|عناصر|أعضاء|عضو|قيادي|زعيم|طالب|طلاب|لاجئ"
    r"|مهاجر|سائق|جندي|جنود|ضابط|معارض|محتج|متظاهر|إرهابي|ارهابي|مسلح|انتحاري)"))


def _mention(doc: _Doc, s: Sentence, ts: int, te: int) -> EventMention:
    return EventMention(s.start, s.end, ts, te, doc.text[ts:te])


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


def _definite(doc: _Doc, tok: Token | None, te: int) -> bool:
    """A definite event noun — with the article, a pronoun, or a definite genitive after it
    («الهجوم», «اعتقاله», «اعتقال موكله») — refers to an event already known."""
    if tok is None:
        return False
    if _core_of(tok).startswith("ال") or _has_enclitic(tok):
        return True
    nxt = [w.strip(".،,:؛!؟\"«»()") for w in doc.text[te : te + 20].split()]  # display text: ة is no «ه»
    # «اعتقال موكله»: a genitive with a pronoun (not «عشرات هجمات الطائرات»: a new set of events)
    return bool(nxt) and re.search(r"(?:ه|ها|هم|هما)$", nxt[0]) is not None and _nationality(normalize(nxt[0])) is None


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


def extract_events(a: Analysis) -> list[Event]:
    from ..kb import knowledge_base

    kb = knowledge_base()
    if is_sports((a.article.title or "") + "\n" + a.article.text):
        return []
    doc = _Doc(a)
    offices = {e.id: (e.country, e.sector) for e in a.entities if not e.kb and e.country and e.sector}
    events: dict[str, Event] = {}
    subject_memory: list[Mention | None] = []  # each earlier sentence's subject, for dropped subjects
    for s in a.sentences:
        if not s.tokens:
            continue
        subject_memory.append(_sentence_subject(doc, s))
        tok_at = {t.start: t for t in s.tokens}
        last_end, last_actor = -100, None
        sent_actor: Mention | None = None
        last_nominal_end = -1000
        last_nominal: tuple[int, Mention, str] | None = None
        last_event: Event | None = None
        prev_request_end: int | None = None
        triggers, doc.consumed = _find_triggers(s, doc.text)
        doc.trigger_starts = [t[0] for t in triggers]
        doc.trigger_types = {t[0]: t[2].plover for t in triggers}
        for ts, te, trig in triggers:
            if any(m.start <= ts and te <= m.end and m.type in ("ORG", "LOC", "PER") and m.method != "generic"
                   and not (m.method == "ner" and (m.start, m.end) == (ts, te)) for m in doc.mentions):
                continue  # «حزب الدعوة», «مجلس التعاون»: part of a name (a lone event word the tagger took for a name is not)
            if _has_enclitic(tok_at.get(ts)) and re.search(fold(rf"(?<![{_AR}])(?:[وف]?لكن\s+)?ما\s*$"), doc.norm[max(s.start, ts - 10) : ts]):
                continue  # «ما اقترحته روسيا» ("what Russia proposed"): a reference to an event, not a new one
            if prev_request_end is not None and 0 <= ts - prev_request_end <= 60 and (
                    ts - prev_request_end <= 3 or (_is_nominal(tok_at.get(ts), doc) and _addressee(doc, s, ts) is None and not re.search(
                        r"[.،,:؛]", doc.norm[prev_request_end:ts]) and not _CLAUSE_BREAK.search(doc.norm[prev_request_end:ts]))):
                prev_request_end = None
                # «للمطالبة باستقالة رئيس الوزراء», «أن يطلب الملك من رئيس الوزراء الاستقالة»:
                # what is demanded has not happened
                continue
            prev_request_end = te if trig.plover in ("REQUEST", "THREATEN") else None  # «تهديدات بالقتل»: the threatened act
            if trig.plover == "REQUEST" and re.match(fold(r"\s*(?:ال)?لجوء(?![\u0621-\u064a])"), doc.norm[te : te + 8]):
                continue  # «لم يتقدموا بطلب لجوء»: an asylum application
            if trig.plover == "CONSULT" and trig.cameo == "040" and re.match(fold(r"\s*عن(?![\u0621-\u064a])"), doc.norm[te : te + 5]) and (
                    "بحث" in _core_of(tok_at.get(ts))):
                continue  # «يبحث عن دعم»: looking for support, not talks
            if trig.plover == "CONSULT" and re.match(fold(r"\s*(?:العيش|عيش)(?![\u0621-\u064a])"), doc.norm[te : te + 8]):
                continue  # «لقمة العيش»: a living (bread), not a summit
            if trig.hint("resume") and any(
                    te < t <= te + 40 and doc.trigger_types.get(t) not in (None, "COOPERATE") for t in doc.trigger_starts):
                continue  # «استأنفت القوات الحكومية قصف المدينة»: the shelling is the event
            if trig.cameo == "138" and re.match(fold(r"\s*على\s+(?:سؤال|أسئلة|اسئلة)"), doc.norm[te : te + 20]):
                continue  # «وردا على سؤال حول ما إذا …»: answering a question
            if trig.plover == "CONSULT" and _MEDIA_AFTER.match(doc.norm, te):
                continue  # «في لقاء مع شبكة إيه بي سي»: an interview, not a meeting
            q = _in_quote(doc, ts)
            tok = tok_at.get(ts)
            from_noun = False
            if trig.plover == "PROTEST" and _PRETEND.match(doc.norm, te) and "ظاهر" in _core_of(tok):
                continue  # «تظاهرا بأنهما من عمال السباكة»: pretended to be
            if re.search(fold(rf"(?<![{_AR}])(?:بتهمة|بتهم|تهمة|تهم|التهمة|التهم)(?:\s+(?:الشروع|محاولة)\s+في)?\s*$"), doc.norm[max(s.start, ts - 24) : ts]):
                continue  # «بتهمة الشروع في القتل»: a charge, not a reported act
            if re.search(fold(rf"(?<![{_AR}])(?:قيد|رهن)\s*$"), doc.norm[max(s.start, ts - 8) : ts]):
                continue  # «قيد الاعتقال»: a state (in detention), not an event
            if trig.plover == "ACCUSE" and _CONVICT.match(fold(_core_of(tok))) and re.search(
                    fold(r"(?<![\u0621-\u064a])(?:بتهمة|بتهم)(?![\u0621-\u064a])"), doc.norm[te : min(s.end, te + 50)]):
                continue  # «أدانت محكمة … رجلا بتهمة …»: a conviction
            if re.search(r"(?:\d|(?<![\u0621-\u064a])(?:ألف|الف|آلاف|الآف|مئات|عشرات))\s+$", doc.norm[max(s.start, ts - 8) : ts]) and (
                    not _is_nominal(tok_at.get(ts), doc)):
                continue  # «12 ألف طالب»: a counted noun (students), not the verb «طالب»
            if trig.plover in ("ASSAULT", "COERCE") and _ANTI_GRAFT.search(doc.norm, max(s.start, ts - 60), min(s.end, te + 60)):
                continue  # «الحملة التي شنتها السلطات ضد الفساد»: an anti-corruption drive, not an attack
            if trig.plover == "ACCUSE" and _BY_CHARGE.match(doc.norm, te) and (
                    _CONVICT.match(fold(_core_of(tok))) or (_has_enclitic(tok) and _is_nominal(tok, doc))):
                # «بعد إدانته بتعذيب متظاهرين», «أدين بالفساد»: a court's conviction, not a
                # condemnation; «لاتهامه بارتكاب …»: the one accused, by no one named
                continue  # «بعد إدانته بتعذيب متظاهرين», «أدين بالفساد»: a court's conviction, not a condemnation
            nominal = _is_nominal(tok, doc)
            if nominal and _core_of(tok).startswith("الم") and not _has_conj(tok) and re.search(
                    fold(rf"(?<![{_AR}])ال[{_AR}]+\s+$"), doc.norm[max(s.start, ts - 25) : ts]):
                continue  # «الغوطة الشرقية المحاصرة»: a participle describing a noun, not an event
            if not nominal and _has_conj(tok) and _has_enclitic(tok) and ts - last_nominal_end <= 40:
                nominal = True  # «إدانة دولة الكويت ورفضها …»: a masdar coordinated with a masdar
            if not nominal and trig.cameo == "112" and re.match(fold(
                    r"(?:\s+(?:العام|الشهر|الأسبوع|الاسبوع|اليوم|أمس|امس|مرارا|سابقا|الماضي|الماضية|مؤخرا))*\s+ب(?!ين|عد|عض)[\u0621-\u064a]{2,}"),
                    doc.norm[te : te + 40]):
                continue  # «قد اتهمت بشن هجوم»: accused (passive), the accuser is not named
            if not nominal and trig.plover != "ASSAULT" and _passive_perfect(tok) and not _BY_AGENT.search(
                    doc.norm, te, min(s.end, te + 60)):
                continue  # «واتُّهمت إيران مرارا بتزويد …»: the accuser is not named
            if trig.plover == "ASSAULT" and (
                (not nominal and (_voweled_passive(tok) or (trig.cameo == "186" and _NO_OBJECT.match(doc.norm, te))))
                or (not nominal and trig.cameo == "186" and _PASSIVE_NEXT.match(doc.norm, te)
                    and not _adjacent_subject(doc, s, ts, tok))
                or trig.hint("agent")
            ):
                # «قتل 16 من مسلحي الميليشيات»: passive; the victims follow, the killer only «برصاص X»
                agent = _AGENT.search(doc.norm, te, s.end)
                by = [m for m in doc.mentions if agent and agent.end() <= m.start < agent.end() + 14]
                victims = [m for m in doc.mentions if te <= m.start < (agent.start() if agent else s.end)]
                if not by:
                    by_force = _clause_subject(doc, s, ts) if trig.hint("agent") else None
                    if by_force is not None and (_armed(by_force) or (by_force.entity or "").endswith("_COP")) and _STRIKES_NEAR.search(
                            doc.norm, te, min(s.end, te + 40)):
                        by = [by_force]  # «أعلن الجيش التركي عن مقتل 26 مسلحا بضربات جوية»
                if not by:
                    continue
                actor, conj = by[0], (victims[0] if victims else None)
                how = "agent phrase"
                recipient = conj
            else:
                actor = conj = None
                how = ""
            if actor is None and not trig.hint("hal"):
                actor, conj = _subject(doc, s, ts, te, nominal, trig.plover, tok, q, trig.hint("riot"), trig.hint("objgen"))
                how = "syntax"
                if actor is not None and not nominal and trig.cameo == "020" and actor.start >= te and (
                        actor.entity or "").endswith("_CVL") and normalize(actor.text).removeprefix("ال") in _PUBLIC:
                    # «كما دعت المواطنين إلى التعاون»: the citizens are called upon; the caller is elsewhere
                    conj, actor = actor, None
            called = _addressee(doc, s, ts) if nominal else None
            if called is not None and (actor is None or actor.start < called.start):
                # «جدد دعوته الى العراقيين للقيام بتظاهرة»: those called upon would act
                actor, conj = called, None
                how = "addressee"
            if actor is None and nominal and _has_enclitic(tok) and trig.plover not in ("ASSAULT", "COERCE"):
                # «ورفضها», «وتأييده», «جدد دعوته»: the possessor — the nearest actor before it that
                # fits the pronoun («على إيران وقف تهديدها»), else the actor of the clause
                actor = _possessor(doc, kb, s, ts, tok) or sent_actor or _clause_subject(doc, s, ts)
                how = "possessor"
            if actor is None and trig.hint("hal"):
                # «… قطع علاقاته مع إيران، متهما طهران …»: the participle's subject is the clause's
                actor = sent_actor or _clause_subject(doc, s, ts)
                conj = conj or _object_after(doc, s, te)
                how = "clause"
            if actor is None and not nominal and _has_conj(tok) and _inflected_verb(tok):
                # «… وضعت القوات الإسرائيلية دباباتها … وأطلقوا النار»: the coordinated verb
                # shares the subject of the clause before it
                actor = sent_actor or _clause_subject(doc, s, ts)
                how = "clause"
            if q is not None and q.speaker and not nominal and _HE.search(doc.norm, max(s.start, q.start - 8), ts):
                # «أكد أنه لا يريد أن يهدد الناتو»: «أنه» is the speaker; a name after the verb is its object
                obj = actor if actor is not None and actor.start >= te else None
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
                how = "speaker"
                conj = obj
            if q is not None and q.verb in _CALL_VERBS and q.verb_end is not None:
                # «داعيا روسيا إلى "التوقف عن حشد قواتها"»: the one called upon is the actor
                called = [m for m in doc.mentions if q.verb_end <= m.start < q.start and m.entity]
                if called and (actor is None or actor.start >= q.start and nominal):
                    actor = called[0]
                    how = "addressee"
            if actor is None and q is not None and q.speaker and q.kind == "direct" and _no_actor_in(doc, s, q, ts) and not (
                    nominal and (_TIMED_REF.search(doc.norm, max(s.start, ts - 8), ts)
                                 or _REASON_BEFORE.search(doc.norm, max(s.start, ts - 14), ts)
                                 or trig.plover in ("ASSAULT", "COERCE"))) and (
                    _sector(kb, q.speaker) not in _REPORTERS):
                # (a monitor, a newspaper or a crowd reporting attacks is not the attacker)
                # direct speech with no other actor named: the speaker («"أعلن اليوم عن فرض عقوبات…"»)
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
                how = "speaker"
            if actor is None and q is not None and q.speaker and not nominal and _first_person(doc, tok, ts):
                # «نحن نرحب…», «نريد…» inside a statement: the speaker acts
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
                how = "speaker"
            if actor is not None and trig.plover == "PROTEST" and (_is_force(actor) or (nominal and _is_person(kb, actor.entity))):
                actor = None  # «واجهت السلطات تلك الاحتجاجات»: the authorities face protests, they don't hold them
            if actor is None and nominal and trig.hint("clash") and sent_actor is None:
                forces = [m for m in doc.mentions if s.start <= m.start < ts and not _governed(doc, m) and (
                    _armed(m) or (m.entity or "").endswith("_COP"))
                    and not _QUANT_BEFORE.search(doc.norm, max(s.start, m.start - 24), m.start)  # the dead, not the agents
                    and not re.search(fold(r"باسم\s*$"), doc.norm[max(s.start, m.start - 8) : m.start])]  # a spokesman's force
                if forces:
                    how = "clause"
                    actor = forces[0]  # «تراجعت قوات الأمن … عندما سقط 50 مصابا في اشتباكات عنيفة»
            if actor is None and nominal and trig.hint("clash") and sent_actor is not None and _is_force(sent_actor):
                how = "clause"
                actor = sent_actor  # «بدأت الشرطة عملية لإخلاء الموقع، لكن ذلك أسفر عن اشتباكات مع المحتجين»
            if actor is not None and trig.plover == "PROTEST" and not trig.hint("civil") and actor.type == "LOC" and (
                kb.get(actor.entity or "") is not None
            ):
                iso = kb.get(actor.entity).country  # «احتجاجات الأردن», «تظاهرات إيران»: the country's people
                actor = Mention(actor.start, actor.end, actor.text, "ORG", f"{iso}_CVL", "implicit", 0.5) if iso else None
                how = "country's people"
            if actor is None and trig.plover == "PROTEST" and sent_actor is not None and _sector(kb, sent_actor.entity or "") in _CIVIL:
                how = "clause"
                actor = sent_actor  # «قطع متظاهرون عراقيون الطريق … لتصعيد التظاهرات»: the same protesters
            if actor is None and trig.plover == "PROTEST" and not trig.hint("civil"):
                # «تظاهرات عارمة في كازرون»: protests with no named organiser are civilians'
                iso = _sentence_country(doc, s)
                if iso:
                    actor = Mention(ts, te, doc.text[ts:te], "ORG", f"{iso}_CVL", "implicit", 0.4)
                    how = "unnamed protesters"
            if nominal and _DEMONSTRATIVE.search(doc.norm, max(s.start, ts - 8), ts):
                same = [e for e in events.values() if e.plover == trig.plover]
                if same:  # «يريد من وراء هذه الهجمات»: the attacks already reported
                    same[-1].mentions.append(_mention(doc, s, ts, te))
                    continue
            if actor is None and not nominal and last_nominal is not None and 0 <= ts - last_nominal[0] <= 45 and (
                    not re.search(r"[.،,:؛]", doc.norm[last_nominal[0] : ts])) and _agrees(kb, tok, last_nominal[1]) and (
                    trig.plover in _WHAT_EVENTS_DO.get(last_nominal[2], ())):
                # «احتجاجات واسعة تجتاح البلاد تندد بالسياسات», «هجمات مباغتة استهدفت مركز المحافظة»:
                # a verb after an event noun describes what the event's agents did
                actor = last_nominal[1]
                how = "event noun"
                from_noun = True
            if actor is None and nominal and q is not None and q.speaker and _IMPERSONAL.search(
                    doc.norm[max(q.start, s.start, ts - 80) : ts]):
                # «أعلن الوزير أنه تم إفشال محاولة … وتوقيف شقيقين»: the announcing authority acted
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
                how = "speaker"
            if actor is None and not nominal and sent_actor is not None and _COORD_BEFORE.search(
                    doc.norm, max(s.start, ts - 8), ts) and _agrees(kb, tok, sent_actor):
                how = "clause"
                actor = sent_actor  # «أزالت قوات الأمن خيام المعتصمين، كما فرقت المتظاهرين»
            if actor is None and not nominal and q is None:
                actor = _dropped_subject(doc, kb, s, ts, tok, subject_memory)
                how = "earlier sentence"
            if trig.plover == "PROTEST" and not nominal and last_event is not None and last_event.plover == "PROTEST" and (
                    re.match(fold(r"(?:و)?احتجاج(?:ا|اً)$"), _core_of(tok))) and not re.search(r"[.:]", doc.norm[last_end:ts]):
                last_event.mentions.append(_mention(doc, s, ts, te))
                continue  # «تظاهر آلاف … احتجاجا على خطة للحكومة»: why they protested
            if actor is None and nominal and last_event is not None and last_event.plover == trig.plover and (
                    0 <= ts - last_end <= 30 and not re.search(r"[.،,:؛]", doc.norm[last_end:ts])
                    and re.match(fold(r"(?:ب|في\s)"), doc.norm[ts - (3 if doc.norm[ts - 3 : ts] == "في " else 0) : ts + 1])):
                # «مقتل 26 مسلحا بضربات جوية»: the means of the attack just reported
                last_event.mentions.append(_mention(doc, s, ts, te))
                continue
            if actor is None and nominal and _definite(doc, tok, te):
                # «الهجوم», «اعتقال موكله» with no agent named: the event already reported
                same = [e for e in events.values() if e.plover == trig.plover]
                if same:
                    same[-1].mentions.append(_mention(doc, s, ts, te))
                    continue
            if actor is not None and actor.entity and trig.plover == "RETREAT" and nominal and not _armed(actor) and not re.match(
                    fold(r"\s*(?:[^\s]+\s+){0,3}?(?:من|عن)\s"), doc.norm[te : te + 40]):
                cty = _code_parts(kb, _as_state(kb, actor).entity or "")[0] or actor.entity
                same = [e for e in events.values() if e.plover == "REJECT" and "نسحاب" in e.trigger and (
                    e.actor_country == cty or e.actor == actor.entity)]
                if same:
                    same[-1].mentions.append(_mention(doc, s, ts, te))
                    continue
            if actor is None or not actor.entity:
                continue
            if nominal:
                last_nominal_end = te
                last_nominal = (te, actor, trig.plover)
            if trig.hint("verbal") and _is_person(kb, actor.entity) and (kb.get(actor.entity) is not None or (
                (recipient_hint := _recipient(doc, s, ts, te, actor)) is not None and not _is_force(recipient_hint))):
                # (a politician in the knowledge base «attacking» anyone is criticising: «هاجم الأسد مشاركة قوات …»)
                # «أردوغان يهاجم وزير خارجية الإمارات»: a politician attacking someone is criticism
                trig = replace(trig, plover="ACCUSE", cameo="111", goldstein=-2.0)
            if trig.hint("civil") and _sector(kb, actor.entity) not in _CIVIL:
                continue  # «قطع العلاقات»/«تجمع المهنيين»: road blocks and gatherings are protests only by civilians
            if trig.hint("armed") and _sector(kb, actor.entity) not in _CIVIL | {"MIL", "REB", "COP"}:
                continue  # «الجولان التي تحتلها إسرائيل», «احتل المركز الأول»: a state of affairs, a ranking
            if trig.hint("riot") and _sector(kb, actor.entity) in _CIVIL:
                trig = replace(trig, plover="PROTEST", cameo="145", goldstein=-7.5)
            sent_actor = actor
            if ts - last_end <= 25 and actor.entity == last_actor and not _has_conj(tok) and not from_noun:
                # «مهتم باستئناف التعاون», «دعا الى توسيع التعاون»: one event, coded by its head;
                # «شن داعش هجمات مباغتة استهدفت مركز المحافظة»: one more mention of the same event
                if last_event is not None and last_event.plover == trig.plover:
                    last_event.mentions.append(_mention(doc, s, ts, te))
                continue
            last_end, last_actor = te, actor.entity
            recipient = conj or _recipient(doc, s, ts, te, actor, trig.plover in _RECIPROCAL)
            if recipient is not None and not conj and trig.plover == "PROTEST" and not _AGAINST.search(
                    doc.norm, max(s.start, recipient.start - 40), recipient.start):
                recipient = None  # «مظاهرة فرقتها قوات الأمن»: a protest's target is whom it is against
            if recipient is not None and recipient.entity == actor.entity:
                recipient = None
            if trig.hint("human") and not _human_object(doc, kb, tok, te, actor, recipient):
                continue  # «أوقفت الحكومة المشروع»: halting a project is no arrest
            mode = _modality(doc, s, ts, te, trig, tok_at.get(ts))
            if called is not None and actor is called and mode == "asserted":
                mode = "proposed"  # called for, not (yet) done
            date = _date_for(a, s)
            if mode == "asserted" and _future_timex(a, ts):
                mode = "future"  # «يعقد المجلس غدا الثلاثاء اجتماعا»: dated after publication
            # A capital acting stands for its state («واشنطن تدرس فرض عقوبات على موسكو»: USA → RUS)
            actor = _as_state(kb, actor)
            recipient = _as_state(kb, recipient) if recipient is not None else None
            if recipient is not None and recipient.entity == actor.entity:
                recipient = None
            a_cty, a_sec = _code_parts(kb, actor.entity)
            r_cty, r_sec = _code_parts(kb, recipient.entity) if recipient is not None and recipient.entity else (None, None)
            if a_cty is None:  # an official missing from the knowledge base, coded by the office named with them
                a_cty, a_sec = offices.get(actor.entity, (None, None))
            if r_cty is None and recipient is not None:
                r_cty, r_sec = offices.get(recipient.entity or "", (None, None))
            key = "|".join([trig.plover, actor.entity, recipient.entity if recipient else "", date or "", mode])
            eid = hashlib.sha1(key.encode()).hexdigest()[:12]
            em = _mention(doc, s, ts, te)
            if eid not in events and recipient is None and nominal and _definite(doc, tok, te):
                # «خلال القمة» after «التحضير لقمة روسيا-الناتو»: the summit already reported
                # (an unmarked mention takes the earlier event's mode; a marked one must agree)
                # «خلال القمة», «بعد الاجتماع»: a time or place reference, whatever the clause's mode
                timed = _TIMED_REF.search(doc.norm, max(s.start, ts - 8), ts) is not None
                same = [e for e in events.values() if (e.plover, e.actor) == (trig.plover, actor.entity)
                        and (timed or mode in ("asserted", e.mode))]
                if same:
                    eid = same[-1].id
            if eid not in events and recipient is None:
                # «ما اقترحته روسيا» after «اقترحت روسيا على الناتو»: a later mention that leaves the
                # recipient out is the same event
                same = [e for e in events.values() if (e.plover, e.actor, e.date, e.mode) == (trig.plover, actor.entity, date, mode)]
                if same:
                    eid = same[0].id
            if eid in events:
                events[eid].mentions.append(em)
                last_event = events[eid]
                continue
            events[eid] = Event(
                id=eid, plover=trig.plover, cameo=trig.cameo, goldstein=trig.goldstein, mode=mode,
                actor=actor.entity, recipient=recipient.entity if recipient else None,
                actor_country=a_cty, actor_sector=a_sec, recipient_country=r_cty, recipient_sector=r_sec,
                date=date, location=_location(doc, s), context=_context(doc, s, trig), trigger=doc.text[ts:te],
                reported_by=(q.speaker or q.source) if q else None, quote_kind=q.kind if q else None,
                mentions=[em], method=how + (" (nominal)" if nominal else ""),
            )
            events[eid].confidence = event_confidence(events[eid])
            last_event = events[eid]
    return list(events.values())
