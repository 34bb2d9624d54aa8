"""From raw bytes to a clean article: readers for every input format (``readers``) with encoding
detection (``encoding``), HTML extraction (``html``), boilerplate removal (``clean``) and metadata:
outlet, wire agencies, dateline and the publication date (``metadata``)."""

from .readers import RawDoc, ReadError, iter_sources, raw_hash, read_bytes

__all__ = ["RawDoc", "ReadError", "iter_sources", "raw_hash", "read_bytes"]
