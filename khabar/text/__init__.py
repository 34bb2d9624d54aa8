"""The Arabic text layer: search-form normalisation (``textnorm``), tokens with clitic segments,
stems, lemmas and sentences (``tokenize``), language identification (``langid``) and the Arabic date
grammar shared by publication dates and temporal expressions (``dates``). Uses only the data model."""

from .textnorm import content_id, normalize
from .tokenize import analyse_text, split_sentences

# (the function ``tokenize`` is not re-exported: it would hide the module ``khabar.text.tokenize``)
__all__ = ["analyse_text", "content_id", "normalize", "split_sentences"]
