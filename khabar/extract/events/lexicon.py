"""The trigger lexicon (``data/events/triggers.tsv``): Arabic event words and patterns → PLOVER
type, CAMEO code and Goldstein score; verbs written once as ``v:PERFECT/IMPERFECT`` stand for all
their persons. Finding the triggers of a sentence (with their clitics, nominal forms and the words
a pattern requires), and telling a nominal trigger (masdar) from a verb."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

from ...model import Sentence, Token
from ...text.textnorm import fold
from . import forms
from .doc import _Doc
from .forms import _AR, _has_enclitic, _kept_letter, _tok_base, _tok_core


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


def _listed(word: str) -> frozenset[str]:
    return frozenset(t.plover for t in lexicon()[0].get(word, ()))


forms.LISTED = _listed  # «بحث» is a listed word, not ب + «حث» (forms.py cannot import this module)


@functools.lru_cache(maxsize=1)
def _multiword_heads() -> frozenset[str]:
    """The first words of the multi-word lexicon forms: a token that is none of them starts no
    multi-word trigger."""
    return frozenset(k.split(" ", 1)[0] for k in lexicon()[0] if " " in k)


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
            # the required word may carry a pronoun («إطلاق سراحه», «فرض عقوباتها»)
            rx = re.compile(rf"^[\s،,]*(?:[^\s.]+[\s،,]+){{0,6}}?(?P<need>(?:[وبلف]|ال|بال|لل)?(?:{alts}))"
                            rf"(?:ه|ها|هم|هما|هن|نا)?(?![{_AR}])")
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
    if len(core) >= 4 and core.endswith("ا") and (core[:-1] in _NOUN_ONLY or "\u064b" in t.text):
        return True  # «هجوما», «اجتماعاً»: the accusative of a noun trigger (not the dual verb «اتفقا»)
    procs = [g for g in t.segments if g.kind == "proclitic"]
    if _kept_letter(t):
        procs = procs[:-1]  # «بحث»: the «ب» is the stem's
    if any(t.text[g.start - t.start : g.end - t.start] in ("ب", "ل", "ك") for g in procs):
        return True  # «بتأييد», «لمناقشة», «لبحث»
    if doc is not None:
        prev = doc.norm[max(0, t.start - 12) : t.start].split()
        if prev and prev[-1] in _PREPS:
            return True  # «في رفض …»
        if prev and prev[-1] in _VERB_CUES:
            return False
        if prev and re.sub(r"^[وفبل]", "", prev[-1]) in _EVENT_HEADS:
            return True  # «حادثة حرق متعمد», «محاولة اغتيال»
    return False


def _future_on_verb(tok: Token | None) -> bool:
    """«سيعتصمون»: a future prefix the segmenter left on a verb of the lexicon (not «سيطرت», «ستة»)."""
    if tok is None:
        return False
    return _future_stem(_tok_core(tok)) is not None


def _future_stem(word: str) -> str | None:
    """The verb of the lexicon under a future prefix left on it («سيعتصمون» → «يعتصمون»), or None."""
    if len(word) >= 5 and word[0] == "س" and word[1] in "يتن" and word[1:] in lexicon()[0]:
        return word[1:]
    return None


def _find_triggers(s: Sentence, text: str) -> tuple[list[tuple[int, int, Trigger]], dict[int, tuple[int, int]]]:
    """The sentence's triggers as (start, end, trigger), and for each trigger start the span of
    the words it required («فرقت المتظاهرين», «رفعت السلطات حظر التجول»)."""
    table, longest = lexicon()
    toks = [t for t in s.tokens if t.kind == "word"]
    required: dict[int, tuple[int, int]] = {}
    out: list[tuple[int, int, Trigger]] = []
    cores = [_tok_core(t) for t in toks]
    heads = _multiword_heads() if "" not in table else None
    i = 0
    while i < len(toks):
        hit = None
        widest = min(longest, len(toks) - i)
        if heads is not None and cores[i].split(" ", 1)[0] not in heads:
            widest = 1  # no multi-word form starts with this word (and table.get("") finds nothing)
        for n in range(widest, 0, -1):
            key = " ".join([cores[i]] + [toks[i + k].norm for k in range(1, n)])
            cands = table.get(key) or table.get(toks[i].norm if n == 1 else "", [])
            if not cands and n == 1 and key[:1] in ("و", "ف") and len(key) >= 5 and not toks[i].segments[0].kind == "proclitic":
                cands = table.get(key[1:], [])  # «وأوقفوه»: a rare form the segmenter left whole
            if not cands and n == 1 and (stem := _future_stem(key)) is not None:
                cands = table[stem]  # «سيعتصمون»: a future prefix the segmenter left on a verb
            if not cands and n == 1 and key.endswith("ا") and len(key) >= 5 and key[:-1] in _nominal_forms():
                cands = table.get(key[:-1], [])  # «اجتماعاً», «هجوماً»: the accusative of a noun trigger
            if not cands and n == 1:
                base = _tok_base(toks[i])
                core = cores[i]
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


_PREPS = {fold(w) for w in (
    "في الى إلى من على عن مع ضد تجاه حيال لدى عند بين نحو عبر حول بقيادة بزعامة برئاسة خلال أثناء اثناء عقب إثر اثر جراء إبان"
    " شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي"
).split()}
