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
from dataclasses import dataclass, field
from importlib import resources

from .model import Analysis, Mention, Quote, Sentence, Token
from .textnorm import fold, normalize

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


@dataclass(slots=True)
class EventMention:
    start: int  # sentence span (evidence)
    end: int
    trigger_start: int
    trigger_end: int
    text: str


@dataclass(slots=True)
class Event:
    id: str
    plover: str
    cameo: str
    goldstein: float
    mode: str  # asserted | negated | proposed | hypothetical | future
    actor: str
    recipient: str | None
    actor_country: str | None = None
    actor_sector: str | None = None
    recipient_country: str | None = None
    recipient_sector: str | None = None
    date: str | None = None
    location: str | None = None
    context: str = ""
    trigger: str = ""
    reported_by: str | None = None
    quote_kind: str | None = None
    mentions: list[EventMention] = field(default_factory=list)
    confidence: float = 0.0


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
            rx = re.compile(rf"^\s*(?:[وبلف])?(?:{alts})(?![{_AR}])")
        trig = Trigger(plover, cameo, float(gold), mode, ctx, label, rx)
        for f in forms.split("|"):
            key = fold(f).strip()
            if key:
                table.setdefault(key, []).append(trig)
                longest = max(longest, len(key.split()))
    return table, longest


_NEG = {fold(w) for w in "لا لم لن ليس ليست لسنا لست عدم غير دون بدون ما".split()}
_FUT = {fold(w) for w in "سوف سيتم ستتم".split()}
_PROPOSE = {fold(w) for w in (
    "اقترح اقترحت يقترح تقترح اقتراح عرض عرضت يعرض مستعد مستعدة مستعدون مهتم مهتمة مهتمون يسعى تسعى يسعون"
    " يأمل تأمل نأمل آمل أمله أملها يريد تريد نريد يرغب ترغب نرغب دعا دعت يدعو تدعو دعوة قرر تعتزم يعتزم"
).split()}
_COND = re.compile(fold(rf"(?<![{_AR}])(?:إذا|اذا|إن\s+لم|ان\s+لم|لو|في\s+حال|حال)(?![{_AR}])"))
_REJECT_MASDAR = {fold(w) for w in "رفض رفضت يرفض ترفض".split()}
_RECIP_PREP = re.compile(fold(rf"(?<![{_AR}])(?:مع|على|إلى|الى|ضد|تجاه|حيال|بين|عن)(?![{_AR}])"))


def _tok_core(t: Token) -> str:
    """Search form of a token without conjunction/preposition proclitics (keeps the article)."""
    for g in t.segments:
        if g.kind != "proclitic":
            return normalize(t.text[g.start - t.start :])
    return t.norm


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
        self.norm = fold(self.text)  # one char per char for Arabic letters (diacritics aside)
        from .textnorm import normalize_same_length

        self.norm = normalize_same_length(self.text)
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


def _subject(doc: _Doc, s: Sentence, ts: int, te: int) -> Mention | None:
    """The actor of a trigger: VSO subject right after it, else an SVO subject before it."""
    after = [m for m in doc.mentions if te <= m.start < min(s.end, te + 60)]
    if after:
        m = after[0]
        gap = doc.norm[te : m.start]
        if len(gap.split()) <= 3 and not _RECIP_PREP.search(gap) and not re.search(r"[،,.:]", gap):
            return m
    before = [m for m in doc.mentions if s.start <= m.start and m.end <= ts]
    if before:
        m = before[-1]
        gap = doc.norm[m.end : ts]
        if len(gap.split()) <= 6 and not re.search(r"[.:؟?!]", gap):
            # «روسيا والناتو يبحثان»: the first conjunct is the actor
            conj = [x for x in before if x.end <= m.start and re.fullmatch(r"\s*و?\s*", doc.norm[x.end : m.start] + "")]
            if re.fullmatch(r"\s*", doc.norm[m.end : ts]) is None and conj:
                pass
            prev = [x for x in before if x is not m and re.fullmatch(r"\s*", doc.norm[x.end : m.start].replace("و", "", 1))]
            if prev:
                return prev[-1]
            return m
    return None


def _recipient(doc: _Doc, s: Sentence, ts: int, te: int, actor: Mention | None) -> Mention | None:
    # «روسيا والناتو يبحثان»: the second conjunct
    if actor is not None and actor.end <= ts:
        for m in doc.mentions:
            if m.start >= actor.end and m.end <= ts and re.fullmatch(r"\s*و\s*", doc.norm[actor.end : m.start]):
                return m
    start = te
    if actor is not None and actor.start >= te:
        start = actor.end
    window_end = min(s.end, start + 90)
    for m in doc.mentions:
        if start <= m.start < window_end and m is not actor and m.entity != (actor.entity if actor else None):
            gap = doc.norm[start : m.start]
            if re.search(r"[.؟?!]", gap):
                break
            if _RECIP_PREP.search(gap) or len(gap.split()) <= 2:
                return m
    # a proclitic ل on the mention itself: «لروسيا»
    return None


def _modality(doc: _Doc, s: Sentence, ts: int, te: int, trig: Trigger, tok: Token | None) -> str:
    prev = doc.norm[max(s.start, ts - 40) : ts].split()[-4:]
    prev_close = prev[-2:]
    if any(w in _NEG for w in prev_close) or any(w in _REJECT_MASDAR for w in prev[-1:]):
        return "negated"
    clause_start = max(doc.norm.rfind("،", s.start, ts), doc.norm.rfind(",", s.start, ts), s.start)
    if _COND.search(doc.norm, clause_start, min(s.end, te + 60)) and trig.plover != "THREATEN":
        return "hypothetical"
    if trig.plover == "THREATEN" and trig.cameo == "138":
        return "hypothetical"
    if trig.mode_hint == "proposed" or any(w in _PROPOSE for w in prev):
        return "proposed"
    if (tok is not None and _has_future_prefix(tok)) or any(w in _FUT for w in prev_close):
        return "future"
    return "asserted"


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
        for ts, te, trig in _find_triggers(s, doc.text):
            q = _in_quote(doc, ts)
            actor = _subject(doc, s, ts, te)
            if actor is None and q is not None and q.speaker:
                # «نحن مستعدون…» inside a statement: the speaker acts (or their organisation)
                actor = Mention(q.speaker_start or q.start, q.speaker_end or q.start, q.speaker_text, "PER", q.speaker)
            if actor is None or not actor.entity:
                continue
            recipient = _recipient(doc, s, ts, te, actor)
            if recipient is not None and recipient.entity == actor.entity:
                recipient = None
            mode = _modality(doc, s, ts, te, trig, tok_at.get(ts))
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
                date=date, location=_location(doc, s), context=trig.context, trigger=doc.text[ts:te],
                reported_by=(q.speaker or q.source) if q else None, quote_kind=q.kind if q else None,
                mentions=[em], confidence=0.7 if recipient else 0.6,
            )
    return list(events.values())
