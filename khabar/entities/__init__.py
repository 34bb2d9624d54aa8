"""Who is named: NER taggers (``crf``: the two-stage feature CRF, ``neural``: the BiLSTM-CRF run with
NumPy, ``ensemble``: both combined and the tagger the pipeline uses) and linking of mentions to
canonical actors of the knowledge base, with coreference and unnamed generic actors (``linking``)."""

from .linking import Resolver, resolve_entities

__all__ = ["Resolver", "resolve_entities"]
