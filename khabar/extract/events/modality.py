"""Modality of an event: negated (لا/لم/لن/ليس/عدم, «رفض تقديم», «بدلا من», «فشل في»),
hypothetical (إذا/إن لم/لو, speculation, «قد يؤدي إلى», «لم يستبعد»), proposed (اقترح، عرض،
مستعد، يسعى، يأمل, an aim, a plan's topic), future (سـ، سوف, «المرتقبة», a date after publication)
or asserted."""

from __future__ import annotations

import functools
import re

from ...model import Analysis, Sentence, Token
from ...text.textnorm import fold, word_list
from .arguments import _COND
from .doc import _Doc
from .forms import _AR, _core_of, _has_conj, _has_enclitic, _has_future_prefix
from .lexicon import Trigger, _future_on_verb, _is_nominal
from .subject import _COMP_ONLY

_NEG = {fold(w) for w in "لا لم لن ليس ليست لسنا لست عدم دون بدون".split()}
_NEG_ADJ = {fold(w) for w in "غير ما".split()}  # only right before the trigger («غير مهتم»)
_NOT_RULE_OUT = re.compile(fold(rf"(?<![{_AR}])(?:لا|لم|لن)\s+(?:[يتنأ]ستبعد|يستبعدون|تستبعدان)(?![{_AR}])"))
_STILL = re.compile(fold(rf"(?<![{_AR}])(?:لا|ما)\s+(?:يزال|تزال|زال|زالت|يزالون|تزالان|يزالان)(?![{_AR}])|(?<![{_AR}])لازال"))
_OFTEN = {fold(w) for w in "غالبا كثيرا قليلا نادرا طالما عادة".split()}  # «غالبا ما تستهدف»: not a negation
_FUT_AFTER = {fold(w) for w in "مخطط المخطط المرتقب المرتقبة مرتقب مرتقبة المقبل المقبلة المزمع المزمعة المقررة المقرر".split()}
_FUT = {fold(w) for w in (
    "سوف سيتم ستتم المقرر المتوقع المرتقب المزمع التحضيرات تحضيرات التحضير تحضيرا الاستعدادات استعدادات"
    " ستقام سيقام ستعقد سيعقد ستنظم سينظم ستجرى سيجرى ستنطلق سينطلق"
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
# «من المقرر أن …», «ستقام … مسيرة» further back in the clause than the words next to the trigger
_FUT_CLAUSE = re.compile(fold(
    rf"(?<![{_AR}])(?:[وف]?من\s+المقرر|[وف]?(?:ستقام|سيقام|ستعقد|سيعقد|ستنظم|سينظم|ستجرى|سيجرى|ستنطلق|سينطلق))(?![{_AR}])"))
_FUT_PASSIVE = re.compile(fold(rf"(?<![{_AR}])(?:سيتم|ستتم|سوف)(?![{_AR}])[^.:؟!]*$"))
_REJECT_MASDAR = {fold(w) for w in "رفض رفضت يرفض ترفض".split()}


_MA_END = re.compile(fold(r"(?<![\u0621-\u064a])ما\s*$"))  # «ما إذا كان»: whether


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
    if any(w in _NEG or (w[:1] in "وف" and w[1:] in _NEG) for w in prev_close) or (  # «ولم», «فلن»
            prev and prev[-1] in _NEG_ADJ and not often) or (
        trig.plover != "REJECT" and any(w in _REJECT_MASDAR for w in prev[-3:])
    ):
        return "negated"
    clause_start = max(doc.norm.rfind("،", s.start, ts), doc.norm.rfind(",", s.start, ts), s.start)
    if _SPECULATE.search(doc.norm, max(clause_start, ts - 60), ts):
        return "hypothetical"  # «وتتوقع مصادر أن يطلب الملك …», «وتوقعات باستقالة الحكومة»: speculation
    ends = [i for i in (doc.norm.find("،", te, s.end), doc.norm.find(",", te, s.end)) if i >= 0]
    clause_end = min(ends) if ends else s.end
    # a condition after a later comma is this event's when it follows bare («ستضطر …، إذا لم يرد الغرب»), not
    # when a conjunction opens a new clause with it («… دعم الأسد، وإذا ما احتاج ترامب …»)
    cond = [m for m in _COND.finditer(doc.norm, clause_start, s.end)
            if not _MA_END.search(doc.norm[max(s.start, m.start() - 4) : m.start()])
            and (m.start() < clause_end or doc.norm[m.start()] not in "وف")]
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
    if (tok is not None and (_has_future_prefix(tok) or _future_on_verb(tok))) or any(w in _FUT for w in prev_close):
        return "future"
    if _is_nominal(tok, doc) and _after_future_verb(s, ts, tok):
        return "future"  # «ستقدم مساعدات», «ستحاول مهاجمة»: the act a future verb governs
    if _FUT_CLAUSE.search(doc.norm, max(clause_start, ts - 60), ts):
        return "future"  # «ومن المقرر أن تنطلق غدا المسيرة»
    if _has_conj(tok) and _FUT_PASSIVE.search(doc.norm, max(clause_start, ts - 80), ts):
        return "future"  # «سيتم التحقيق … والمطالبة بمراجعة»: coordinated with what will be done
    nxt = doc.norm[te : min(s.end, te + 30)].split()[:2]
    if any(w in _FUT_AFTER for w in nxt):
        return "future"  # «اجتماع مخطط انعقاده», «القمة المرتقبة», «الزيارة المقبلة»
    return "asserted"


def _after_future_verb(s: Sentence, ts: int, tok: Token | None) -> bool:
    """Is the noun at ``ts`` the object of a verb with the future prefix right before it: an
    indefinite one («ستقدم مساعدات»), or any after a verb whose object is the act itself
    («وستستأنف العقوبات», «ستحاول مهاجمة»)? Not a definite noun that is the verb's subject
    («وستؤدي الغارات … إلى»), not «ستين» (a numeral the segmenter splits)."""
    verb = next((t for t in reversed(s.tokens) if t.end <= ts), None)
    if verb is None or verb.kind == "punct" or ts - verb.end > 1 or not _has_future_prefix(verb):
        return False
    core = _core_of(verb)
    if len(core) < 4 or core[:1] not in "يتنأا":
        return False
    return not _core_of(tok).startswith("ال") or fold(core[1:]) in _light_verbs()


@functools.lru_cache(maxsize=1)
def _light_verbs() -> frozenset[str]:
    return word_list("events/light_verbs.txt", "fold")


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
