"""The stand-off data model.

An :class:`Article` owns the cleaned text; every annotation (sentence, token, title,
dateline, date evidence, and later mentions, entities, quotes and events) is a
character-offset span ``[start, end)`` into ``Article.text``. Anything can therefore be
highlighted and cited without copying text around. All classes serialise to plain JSON
(``to_dict`` / ``from_dict``) so an :class:`Analysis` can cross process boundaries
(multiprocessing, Dask) and be stored.
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass, field
from typing import Any


def env_int(name: str, default: int) -> int:
    """A whole-number setting from the environment (``KHABAR_…``); a value that is not one, or is
    negative, is reported on stderr and the default used (a typo in a setting never stops a command)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = -1
    if value < 0:
        logging.getLogger("khabar").warning("%s=%r is not a whole number ≥ 0; using %d", name, raw, default)
        return default
    return value

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Span:
    start: int
    end: int

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]


@dataclass(slots=True)
class Segment:
    """A clitic or stem inside a token: ``kind`` is proclitic/article/stem/enclitic."""

    start: int
    end: int
    kind: str


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    norm: str
    kind: str = "word"  # word | number | latin | punct
    stem: str = ""
    lemma: str = ""
    segments: list[Segment] = field(default_factory=list)

    @property
    def base(self) -> Segment | None:
        """The stem segment (the token without its clitics)."""
        for s in self.segments:
            if s.kind == "stem":
                return s
        return None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int = 0
    tokens: list[Token] = field(default_factory=list)


@dataclass(slots=True)
class DateValue:
    """A (possibly partial) calendar date with the evidence behind it.

    ``value`` is ISO-8601 truncated to ``precision`` (``2010-11-03``, ``2010-11``, ``2010``)
    or TIMEX3-style with unknown parts as ``X`` (``XXXX-02-02``). ``candidates`` lists the
    full dates still compatible with the evidence when the date is not unique.
    """

    value: str | None
    precision: str  # day | month | year | none
    confidence: float = 0.0
    method: str = ""  # metadata | header | lead | text-range | ...
    evidence: Span | None = None
    time: str | None = None  # HH:MM when given
    candidates: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    earliest: str | None = None
    latest: str | None = None

    @property
    def year_known(self) -> bool:
        return bool(self.value) and not self.value.startswith("X")


@dataclass(slots=True)
class Credit:
    """A wire agency or source credit found in the text (kept as metadata, removed from body)."""

    kind: str  # agency | source | author
    name: str
    code: str
    raw: str


@dataclass(slots=True)
class Mention:
    """A span naming an entity. ``entity`` is a canonical actor id (knowledge base) or a
    ``new:TYPE:key`` id for names not in the knowledge base (clustered across articles by a
    spelling-tolerant key). ``method`` says how it was found and linked."""

    start: int
    end: int
    text: str
    type: str  # PER | ORG | LOC | MISC
    entity: str | None = None
    method: str = ""  # ner | gazetteer | title | coref … + link method
    confidence: float = 0.0


@dataclass(slots=True)
class Quote:
    """A statement: [start, end) is what was said (the quotation's content), ``kind`` direct or
    indirect; ``speaker`` a canonical actor id (or None for an unnamed source), with the span
    of the speaker's mention; ``verb`` the reporting verb's lemma and span; ``carried`` when the
    speaker was carried from an earlier statement («وأضاف …»)."""

    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_text: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str = ""
    verb_start: int | None = None
    verb_end: int | None = None
    unnamed: bool = False
    source: str | None = None
    source_country: str | None = None
    carried: bool = False


@dataclass(slots=True)
class Timex:
    """A temporal expression: ISO ``value`` (possibly partial ``XXXX-11-19``, a range ``a/b``,
    a duration ``P2Y`` or PAST_REF/PRESENT_REF/FUTURE_REF), anchored on the publication date.
    A Hijri date keeps its Gregorian value in ``value`` (a Hijri month or year: the range of
    Gregorian days it covers) and the Hijri one in ``hijri``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    precision: str
    kind: str
    anchored: bool = False
    notes: list[str] = field(default_factory=list)
    hijri: str | None = None  # the Hijri (Umm al-Qura) date when the text states one: 1436-10-30, 1436-10, 1436


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
    method: str = ""  # how the actor was found: syntax, agent phrase, speaker, earlier sentence, …


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    en: str | None = None
    country: str | None = None
    sector: str | None = None
    kb: bool = False


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    source_path: str | None = None
    url: str | None = None
    outlet: str | None = None
    outlet_name: str | None = None
    agencies: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    dateline: str | None = None
    dateline_span: Span | None = None
    published: DateValue | None = None
    ref_date: str | None = None  # the reference date the analysis used (ISO), see pipeline.analyze
    language: str | None = None
    language_score: float = 0.0
    category: str | None = None
    author: str | None = None
    standfirst: str | None = None
    raw_sha1: str | None = None
    removed_lines: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)



@dataclass(slots=True)
class Analysis:
    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s.tokens]

    def to_dict(self, tokens: bool = True) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if not tokens:
            for s in d["sentences"]:
                s.pop("tokens", None)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Analysis:
        a = dict(d["article"])
        a["credits"] = [Credit(**c) for c in a.get("credits") or []]
        if a.get("dateline_span"):
            a["dateline_span"] = Span(**a["dateline_span"])
        if a.get("published"):
            p = dict(a["published"])
            if p.get("evidence"):
                p["evidence"] = Span(**p["evidence"])
            a["published"] = DateValue(**p)
        art = Article(**a)
        sents = []
        for s in d.get("sentences") or []:
            toks = [
                Token(**{**t, "segments": [Segment(**g) for g in t.get("segments") or []]})
                for t in s.get("tokens") or []
            ]
            sents.append(Sentence(start=s["start"], end=s["end"], paragraph=s.get("paragraph", 0), tokens=toks))
        return cls(
            article=art, sentences=sents,
            mentions=[Mention(**m) for m in d.get("mentions") or []],
            entities=[Entity(**e) for e in d.get("entities") or []],
            quotes=[Quote(**q) for q in d.get("quotes") or []],
            timexes=[Timex(**t) for t in d.get("timexes") or []],
            events=[Event(**{**e, "mentions": [EventMention(**m) for m in e.get("mentions") or []]})
                    for e in d.get("events") or []],
            schema=d.get("schema", SCHEMA_VERSION),
        )
