"""What is carried while a sentence's triggers are read (:class:`Reading`) and what is known about
one trigger occurrence as its actor is looked for (:class:`Candidate`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Event, Mention, Quote, Sentence, Token
from .lexicon import Trigger


@dataclass(eq=False)
class Reading:
    """The state of one sentence's reading, updated trigger by trigger."""

    s: Sentence
    tok_at: dict[int, Token] = field(default_factory=dict)
    last_end: int = -100  # end of the last trigger that got an actor, and that actor
    last_actor: str | None = None
    sent_actor: Mention | None = None  # the actor of the sentence's last event
    last_nominal_end: int = -1000  # the last nominal trigger with an actor: (end, actor, type)
    last_nominal: tuple[int, Mention, str] | None = None
    last_event: Event | None = None
    prev_request_end: int | None = None  # end of a demand or threat just read: what follows is demanded


@dataclass(eq=False)
class Candidate:
    """One trigger occurrence and the arguments found for it so far."""

    ts: int
    te: int
    trig: Trigger
    tok: Token | None
    q: Quote | None
    nominal: bool
    actor: Mention | None = None
    conj: Mention | None = None  # a recipient found with the actor («روسيا والناتو», victims)
    how: str = ""  # how the actor was found (Event.method)
    called: Mention | None = None  # the addressee of a call before a noun trigger
    from_noun: bool = False  # the actor carried from an event noun just before
