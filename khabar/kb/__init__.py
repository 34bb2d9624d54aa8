"""What khabar knows before it reads: canonical actors with their Arabic forms, transliteration
skeletons and office terms (``actors``, data in ``data/kb/*.toml``), and the date windows implied by
a person named with a title (``roles``). Both the ingest layer (publication dates) and the entity
layer (linking) use it."""

from .actors import Actor, KnowledgeBase, knowledge_base, skeleton
from .roles import intersect, office_constraints

__all__ = ["Actor", "KnowledgeBase", "intersect", "knowledge_base", "office_constraints", "skeleton"]
