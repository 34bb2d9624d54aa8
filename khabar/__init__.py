"""khabar (خبر): Arabic news → evidence-linked event data.

The public API::

    import khabar
    a = khabar.analyze(raw_doc, ref_date)   # pure: RawDoc → Analysis (stand-off annotations)
    p = khabar.Pipeline.default()           # the components analyze runs; build your own list
    store = khabar.open_store("khabar.db")  # the store interface (SQLite by default)

The layers live in subpackages (docs/architecture.md): text, kb, ingest, entities, extract,
store, engines, eval, cli.
"""

import os as _os

# The neural tagger multiplies small matrices per token; BLAS threads only contend with the
# ingest worker processes (one per core). Set before NumPy is first imported; override freely.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

_API = {
    "analyze": ("khabar.pipeline", "analyze"),
    "Pipeline": ("khabar.pipeline", "Pipeline"),
    "Component": ("khabar.pipeline", "Component"),
    "open_store": ("khabar.store", "open_store"),
    "Analysis": ("khabar.model", "Analysis"),
    "Article": ("khabar.model", "Article"),
    "RawDoc": ("khabar.ingest.readers", "RawDoc"),
    "iter_sources": ("khabar.ingest.readers", "iter_sources"),
}
__all__ = sorted(_API)


def __getattr__(name: str):
    """The API is imported on first use, so that ``import khabar`` stays light."""
    if name in _API:
        import importlib

        mod, attr = _API[name]
        return getattr(importlib.import_module(mod), attr)
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
