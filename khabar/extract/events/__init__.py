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

Modules, each using only those listed before it:

- ``forms``: token forms (clitics, verb inflection); ``doc``: the article being read;
- ``lexicon``: the trigger lexicon and trigger finding; ``actors``: what a mention can be
  (knowledge base, prepositions); ``state``: what is carried along a sentence;
- ``subject``: the syntactic subject; ``arguments``: recipient, addressee, possessor, carried
  subjects; ``modality``; ``attributes``: date, place, context; ``filters``: what is no event;
  ``dedup``: one event per (type, actor, recipient, date, mode); ``actor``: the ordered actor
  rules; ``confidence``: the probability an event is right; ``extract``: the pipeline.
"""

from __future__ import annotations

from .extract import extract_events
from .filters import is_sports
from .lexicon import Trigger, _conjugate, lexicon

__all__ = ["Trigger", "extract_events", "is_sports", "lexicon", "_conjugate"]
