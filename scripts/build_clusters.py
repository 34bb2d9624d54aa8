"""Learn word clusters from the unlabeled ANT corpus → khabar/data/clusters.tsv.gz.

Distributional clusters are the classic semi-supervised feature for sequence labelling
(Brown/word2vec clusters in CRF NER). Here: proclitic-stripped, normalised word forms; a
±2-word co-occurrence matrix over the 40k most frequent forms; positive PMI; a 160-dimension
truncated SVD; then k-means at three granularities (64, 256, 1024 clusters), so the CRF can
back off from fine to coarse. Only ANT (citation licence) is read; no test data.

    python scripts/build_clusters.py ../shared/eval/raw/ant_multisource/articles.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.text.tokenize import cluster_key  # noqa: E402

WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|[A-Za-z]+|\d+")
VOCAB = 40000
KS = (64, 256, 1024)


def docs(path: str):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            for part in (d.get("title"), d.get("abstract"), d.get("text")):
                if part:
                    for para in part.split("\n"):
                        yield [cluster_key(w) for w in WORD.findall(para)]


def main(src: str, out: str = "khabar/data/clusters.tsv.gz") -> None:
    t0 = time.time()
    paras = list(docs(src))
    counts = Counter(w for p in paras for w in p)
    vocab = [w for w, _ in counts.most_common(VOCAB)]
    index = {w: i for i, w in enumerate(vocab)}
    print(f"{sum(counts.values())} tokens, {len(counts)} forms; vocab {len(vocab)} ({time.time() - t0:.0f}s)")
    rows, cols, vals = [], [], []
    for p in paras:
        ids = np.array([index.get(w, -1) for w in p], dtype=np.int64)
        for off, weight in ((1, 1.0), (2, 0.5)):
            if len(ids) <= off:
                continue
            a, b = ids[:-off], ids[off:]
            ok = (a >= 0) & (b >= 0)
            rows += [a[ok], b[ok]]
            cols += [b[ok], a[ok]]
            vals += [np.full(ok.sum() * 2, weight, dtype=np.float32)]
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    v = np.concatenate(vals)
    m = sparse.coo_matrix((v, (r, c)), shape=(len(vocab), len(vocab))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    rs = np.asarray(m.sum(axis=1)).ravel()
    cs = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    m = m.tocoo()
    pmi = np.log((m.data * total) / (rs[m.row] * cs[m.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    print(f"PPMI nnz {ppmi.nnz} ({time.time() - t0:.0f}s)")
    emb = TruncatedSVD(n_components=160, random_state=0).fit_transform(ppmi)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    if len(sys.argv) > 2:  # research: keep the vectors too
        np.save(sys.argv[2], emb.astype(np.float32))
        Path(sys.argv[2] + ".vocab").write_text("\n".join(vocab), encoding="utf-8")
    labels = []
    for k in KS:
        km = MiniBatchKMeans(n_clusters=k, random_state=0, batch_size=4096, n_init=3).fit(emb)
        labels.append(km.labels_)
        print(f"k={k} ({time.time() - t0:.0f}s)")
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# form\t" + "\t".join(f"c{k}" for k in KS) + "  (scripts/build_clusters.py over ANT)\n")
        for i, w in enumerate(vocab):
            fh.write(w + "\t" + "\t".join(str(lab[i]) for lab in labels) + "\n")
    print(f"→ {out} ({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main(*sys.argv[1:2] or ["../shared/eval/raw/ant_multisource/articles.jsonl.gz"])
