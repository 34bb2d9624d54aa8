"""A CRFsuite model's weights as NumPy arrays, read from the model file itself (the ``lCRF``/``FOMC``
format python-crfsuite writes: a header, a feature table, and two CQDB string tables for labels and
attributes), so that the ensemble can score and decode many sentences at once without a Python call
per tag and token. ``Tagger.info()`` is no substitute: it parses a text dump with six decimals.

Scores follow CRFsuite's first-order CRF: the state score of label ``y`` at a token is the sum of
the weights of its (attribute, ``y``) features; a path adds the transition weights between labels.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def _cqdb_strings(buf: bytes, off: int) -> list[str]:
    """The strings of a CQDB chunk at ``off``, by id (its backward array: id → record offset)."""
    if buf[off : off + 4] != b"CQDB":
        raise ValueError("not a CQDB chunk")
    bwd_size, bwd_offset = struct.unpack_from("<II", buf, off + 16)
    out: list[str] = []
    for i in range(bwd_size):
        (rec,) = struct.unpack_from("<I", buf, off + bwd_offset + 4 * i)
        rid, ksize = struct.unpack_from("<II", buf, off + rec)
        if rid != i:
            raise ValueError("CQDB record out of order")
        out.append(buf[off + rec + 8 : off + rec + 8 + ksize - 1].decode("utf-8"))
    return out


@dataclass(frozen=True)
class CrfWeights:
    labels: list[str]
    attrs: dict[str, int]  # attribute → row of ``state``
    state: np.ndarray  # (attributes, labels) float64
    trans: np.ndarray  # (labels, labels) float64: from → to

    @classmethod
    def load(cls, path: Path | str) -> CrfWeights:
        buf = Path(path).read_bytes()
        if buf[:4] != b"lCRF" or buf[8:12] != b"FOMC":
            raise ValueError(f"not a CRFsuite first-order model: {path}")
        _, n_labels, n_attrs, off_feat, off_labels, off_attrs = struct.unpack_from("<6I", buf, 16)
        if buf[off_feat : off_feat + 4] != b"FEAT":
            raise ValueError("no feature chunk")
        (n_feat,) = struct.unpack_from("<I", buf, off_feat + 8)
        feats = np.frombuffer(buf, _FEATURE, n_feat, off_feat + 12)
        labels = _cqdb_strings(buf, off_labels)
        attrs = _cqdb_strings(buf, off_attrs)
        if len(labels) != n_labels or len(attrs) != n_attrs:
            raise ValueError("label or attribute table does not match the header")
        state = np.zeros((n_attrs, n_labels))
        trans = np.zeros((n_labels, n_labels))
        st, tr = feats[feats["type"] == 0], feats[feats["type"] == 1]
        np.add.at(state, (st["src"], st["dst"]), st["weight"])
        np.add.at(trans, (tr["src"], tr["dst"]), tr["weight"])
        return cls(labels, {a: i for i, a in enumerate(attrs)}, state, trans)

    def vector(self, attributes: list[str] | tuple[str, ...]) -> np.ndarray:
        """Summed state weights of these attributes (each with value 1; unknown ones add nothing)."""
        rows = [i for a in attributes if (i := self.attrs.get(a)) is not None]
        if not rows:
            return np.zeros(len(self.labels))
        return self.state[rows].sum(axis=0)
