"""The article as the event rules read it: its normalised text, the actor mentions (outermost
ones, not the dateline), quotations, the triggers of the sentence being read, and the events
found so far."""

from __future__ import annotations

from ...kb.actors import knowledge_base
from ...model import Analysis, Event, EventMention, Mention, Quote, Sentence
from ...text.textnorm import normalize_same_length


def _actors(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.entity and m.type in ("PER", "ORG", "LOC")]


class _Doc:
    """One article being read, sentence by sentence."""

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
        kb = knowledge_base()
        cnt: dict[str, int] = {}  # (dateline mentions left out above: the desk is not the story's country)
        for m in self.mentions:
            x = kb.get(m.entity) if m.type == "LOC" and m.entity else None
            if x is not None and x.country and x.country != "IGO":
                cnt[x.country] = cnt.get(x.country, 0) + 1
        self.main_country = max(cnt, key=lambda k: cnt[k]) if cnt else None
        self.kb = kb
        # officials missing from the knowledge base, coded by the office named with them
        self.offices = {e.id: (e.country, e.sector) for e in a.entities if not e.kb and e.country and e.sector}
        self.events: dict[str, Event] = {}  # the events found so far, by id
        self.subject_memory: list[Mention | None] = []  # each earlier sentence's subject, for dropped subjects


def _in_quote(doc: _Doc, pos: int) -> Quote | None:
    for q in doc.quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _mention(doc: _Doc, s: Sentence, ts: int, te: int) -> EventMention:
    return EventMention(s.start, s.end, ts, te, doc.text[ts:te])
