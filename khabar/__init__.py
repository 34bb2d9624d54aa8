"""khabar (خبر): Arabic news → evidence-linked event data."""

import os as _os

# The neural tagger multiplies small matrices per token; BLAS threads only contend with the
# ingest worker processes (one per core). Set before NumPy is first imported; override freely.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
