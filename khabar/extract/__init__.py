"""What the text says: quotations with their speakers (``quotes``), temporal expressions normalised
against the publication date (``timex``) and events coded in PLOVER/CAMEO with modality
(``events/``). Built on the tokens and the entity mentions."""

from .events import extract_events
from .quotes import extract_quotes
from .timex import find_timexes

__all__ = ["extract_events", "extract_quotes", "find_timexes"]
