"""Neural NER: a character-CNN + word-embedding BiLSTM-CRF, run with NumPy only.

Trained by ``scripts/train_ner_neural.py`` (PyTorch, a training-time dependency only) on
ANERcorp *train*; the word embeddings are word2vec vectors learned from unlabeled ANT text.
The shipped artefact ``data/models/ner-neural.npz`` holds every weight and the vocabularies,
so tagging needs nothing but NumPy and runs offline.

Inputs per token (``token_inputs``): the proclitic-stripped normalised form (word embedding;
unknown forms share one vector), the normalised word's characters (CNN: prefixes, suffixes,
clitics), and a few discrete signals shared with the CRF — gazetteer tag, «ال»/proclitic,
how the form behaves in unlabeled text (``lexical_profile``), and the trigger class of the
previous word. Output: IOB2 tags, decoded by Viterbi over learned transitions.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import numpy as np

from ..text.textnorm import WORD_CACHE_SIZE
from .crf import (
    LOC_TRIGGERS,
    ORG_TRIGGERS,
    PER_TRIGGERS,
    TokenRecord,
    lexical_profile,
    token_record,
)
from .lattice import forward_backward
from .rowcache import RowCache

NEURAL_PATH = Path(str(resources.files("khabar") / "data" / "models" / "ner-neural.npz"))
MAX_CHARS = 20

# Discrete feature vocabularies (fixed: index 0 is "none/padding").
GAZ = ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER", "B-MISC", "I-MISC"]
BUCKET = ["na", "0", "lo", "mid", "hi", "all"]
SHAPES = ["ar", "num", "Aa", "a", "punct", "mix"]
TRIG = ["none", "PER", "ORG", "LOC"]
DISCRETE = {  # name → vocabulary size (+1 for padding)
    "gaz": len(GAZ) + 1, "shape": len(SHAPES) + 1, "al": 3, "pro": 3, "lal": len(BUCKET) + 1,
    "lsuf": len(BUCKET) + 1, "lfq": 9, "trig": len(TRIG) + 1,
}
# Stacking: the feature CRF's (stage-1) tag for the token, when the model was trained with it.
CRF_TAGS = ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER", "B-MISC", "I-MISC"]
STACK_SIZE = len(CRF_TAGS) + 1


def _trigger(prev_base: str) -> str:
    pc = prev_base[2:] if prev_base.startswith("ال") else prev_base
    for name, trig in (("PER", PER_TRIGGERS), ("ORG", ORG_TRIGGERS), ("LOC", LOC_TRIGGERS)):
        if prev_base in trig or pc in trig:
            return name
    return "none"


def _word_disc(n: str, b: str, s: str) -> list[int]:
    """The discrete ids a word has on its own: shape, «ال», proclitic, lexical profile (DISCRETE's
    shape … lfq)."""
    if s == "ar":
        core = b[2:] if b.startswith("ال") and len(b) > 3 else b
        pal, psuf, pfq = lexical_profile(core)
        al = 2 if b.startswith("ال") else 1
        pro = 2 if len(b) < len(n) else 1
    else:
        pal = psuf = "na"
        pfq = "0"
        al = pro = 1
    return [SHAPES.index(s) + 1, al, pro, BUCKET.index(pal) + 1, BUCKET.index(psuf) + 1, min(int(pfq), 7) + 1]


def _context_disc(rec: TokenRecord, i: int) -> tuple[int, int]:
    """The discrete ids that depend on the sentence: gazetteer tag and the previous word's trigger class."""
    g = rec.gaz[i]
    trig = _trigger(rec.bases[i - 1]) if i > 0 else "none"
    return GAZ.index(g) + 1 if g in GAZ else 1, TRIG.index(trig) + 1


def token_inputs(words: list[str], crf_tags: list[str] | None = None, rec: TokenRecord | None = None
                 ) -> tuple[list[str], list[str], list[list[int]]]:
    """Per token: embedding key, character string, discrete feature ids (order of DISCRETE, then
    the CRF's tag when ``crf_tags`` is given). ``rec``: the sentence's shared token record."""
    rec = rec or token_record(words)
    disc: list[list[int]] = []
    for i, (n, b, s) in enumerate(zip(rec.norms, rec.bases, rec.shapes, strict=True)):
        g, trig = _context_disc(rec, i)
        disc.append([g, *_word_disc(n, b, s), trig])
    if crf_tags is not None:
        for d, t in zip(disc, crf_tags, strict=True):
            d.append(_crf_tag_id(t))
    return rec.ckeys, rec.norms, disc


def _crf_tag_id(t: str) -> int:
    t = t.replace("PERS", "PER")
    return CRF_TAGS.index(t) + 1 if t in CRF_TAGS else 1


def _batches(sentences: list[list[str]], size: int) -> list[list[int]]:
    """Indices of the non-empty sentences in batches of similar length: the LSTM runs over the
    longest sentence of a batch, so one 400-token run-on sentence must not pad twenty short ones."""
    idx = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
    out: list[list[int]] = []
    cur: list[int] = []
    total = 0
    for i in idx:
        n = len(sentences[i])
        if cur and (len(cur) >= size or n * (len(cur) + 1) > 1.3 * (total + n) + 8):
            out.append(cur)
            cur, total = [], 0
        cur.append(i)
        total += n
    if cur:
        out.append(cur)
    return out


def _logsumexp(a: np.ndarray, axis: int) -> np.ndarray:
    m = a.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(a - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class NeuralNER:
    """NumPy inference for the BiLSTM-CRF exported by ``scripts/train_ner_neural.py``."""

    def __init__(self, path: Path | str = NEURAL_PATH) -> None:
        if not Path(path).exists():
            raise FileNotFoundError(f"neural NER model not found: {path} (run scripts/train_ner_neural.py)")
        z = np.load(path, allow_pickle=False)
        self.w = {k: z[k].astype(np.float32) for k in z.files if not k.startswith("vocab_") and k != "tags"}
        self.words = {w: i for i, w in enumerate(z["vocab_words"].tolist())}
        self.chars = {c: i for i, c in enumerate(z["vocab_chars"].tolist())}
        self.tags = z["tags"].tolist()
        self.n_layers = sum(1 for k in self.w if k.startswith("lstm.weight_ih_l") and not k.endswith("_reverse"))
        self.stacked = f"disc.{len(DISCRETE)}.weight" in self.w
        self._crf = None
        self._lstm: dict[tuple[int, bool], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._char_vec = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(self._char_vec_uncached)
        self._rows: RowCache | None = None  # input rows by word (made on first use)

    # -- token representations
    def _char_vec_uncached(self, chars: str) -> np.ndarray:
        ids = [self.chars.get(c, 1) for c in chars[:MAX_CHARS]] or [1]
        e = self.w["char_emb.weight"][ids]  # (L, C)
        conv_w = self.w["char_cnn.weight"]  # (F, C, K)
        k = conv_w.shape[2]
        pad = k // 2
        e = np.concatenate([np.zeros((pad, e.shape[1]), np.float32), e, np.zeros((pad, e.shape[1]), np.float32)])
        windows = e[np.arange(len(ids))[:, None] + np.arange(k)]  # (L, K, C): row i is e[i : i + k]
        out = np.einsum("lkc,fck->lf", windows, conv_w) + self.w["char_cnn.bias"]
        return np.maximum(out, 0).max(axis=0)

    def _crf_tags(self, words: list[str]) -> list[str]:
        """The feature CRF's stage-1 tags, for a model trained stacked on them."""
        if self._crf is None:
            from .crf import NER

            self._crf = NER(model2=None)
        return self._crf.features([words])[0][0]

    def _embed(self, words: list[str], crf_tags: list[str] | None = None, rec: TokenRecord | None = None
               ) -> np.ndarray:
        """The LSTM input of each token: word vector, character CNN, discrete embeddings (DISCRETE order,
        then the CRF tag when stacked), as ``token_inputs`` defines them. What a word has on its own
        is looked up once per word; the gazetteer, trigger and CRF slots are filled per sentence."""
        if self.stacked and crf_tags is None:
            crf_tags = self._crf_tags(words)
        rec = rec or token_record(words)
        if self._rows is None:
            self._rows = RowCache((self._slots[-1].stop,), np.float32)
        x = self._rows.gather(rec.words, lambda i: self._word_row(rec, i))
        ctx = np.array([_context_disc(rec, i) for i in range(len(words))], dtype=np.int64)
        x[:, self._slots[0]] = self.w["disc.0.weight"][ctx[:, 0]]
        x[:, self._slots[7]] = self.w["disc.7.weight"][ctx[:, 1]]
        if self.stacked and crf_tags is not None:
            ids = np.array([_crf_tag_id(t) for t in crf_tags], dtype=np.int64)
            x[:, self._slots[len(DISCRETE)]] = self.w[f"disc.{len(DISCRETE)}.weight"][ids]
        return x

    @functools.cached_property
    def _slots(self) -> list[slice]:
        """Columns of each discrete embedding in the LSTM input."""
        at = self.w["word_emb.weight"].shape[1] + self.w["char_cnn.weight"].shape[0]
        out = []
        for j in range(len(DISCRETE) + int(self.stacked)):
            width = self.w[f"disc.{j}.weight"].shape[1]
            out.append(slice(at, at + width))
            at += width
        return out

    def _word_row(self, rec: TokenRecord, i: int) -> np.ndarray:
        """Token ``i``'s input row with its word-only parts filled (the gazetteer, trigger and CRF slots
        zero)."""
        disc = _word_disc(rec.norms[i], rec.bases[i], rec.shapes[i])
        parts = [self.w["word_emb.weight"][self.words.get(rec.ckeys[i], 1)], self._char_vec(rec.norms[i])]
        parts.append(np.zeros(self._slots[0].stop - self._slots[0].start, np.float32))
        parts += [self.w[f"disc.{j}.weight"][d] for j, d in enumerate(disc, start=1)]
        parts.append(np.zeros(self._slots[-1].stop - self._slots[7].start, np.float32))
        return np.concatenate(parts)

    # -- BiLSTM over packed sentences (time-major, longest first: the rows alive at step t are a prefix)
    def _lstm_weights(self, layer: int, reverse: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Input and recurrent weights pre-transposed, gates reordered (i, f, o, g), bias summed, and the
        i, f, o columns halved: σ(x) = (1 + tanh(x/2)) / 2, and halving is exact in binary floating point,
        so one tanh over all four gates gives tanh(x/2) for three and tanh(x) for the cell input, with
        the very numbers of ``0.5 * x``. Cached per direction."""
        key = (layer, reverse)
        if key not in self._lstm:
            sfx = f"_l{layer}" + ("_reverse" if reverse else "")
            wi, wh = self.w["lstm.weight_ih" + sfx], self.w["lstm.weight_hh" + sfx]
            b = self.w["lstm.bias_ih" + sfx] + self.w["lstm.bias_hh" + sfx]
            hid = wh.shape[1]
            order = np.r_[0 : 2 * hid, 3 * hid : 4 * hid, 2 * hid : 3 * hid]
            half = np.where(np.arange(4 * hid) < 3 * hid, np.float32(0.5), np.float32(1.0))
            self._lstm[key] = (np.ascontiguousarray(wi[order].T * half), np.ascontiguousarray(wh[order].T * half),
                               b[order] * half)
        return self._lstm[key]

    def _lstm_dir(self, xs: np.ndarray, ks: list[int], offs: list[int], layer: int, reverse: bool) -> np.ndarray:
        """One direction over packed input ``xs`` (row ``offs[t] + r`` is sentence ``r`` at step ``t``;
        ``ks[t]`` sentences are alive at step t). A sentence starts from a zero state, so in reverse it
        joins the batch, zeroed, at its last token. Each step works in preallocated buffers."""
        wi, wh, b = self._lstm_weights(layer, reverse)
        hid = wh.shape[0]
        h3 = 3 * hid
        xi = xs @ wi + b  # (N, 4H)
        h = np.zeros((ks[0], hid), np.float32)
        c = np.zeros((ks[0], hid), np.float32)
        g = np.empty((ks[0], 4 * hid), np.float32)
        tmp = np.empty((ks[0], hid), np.float32)
        out = np.empty((len(xs), hid), np.float32)
        steps = range(len(ks) - 1, -1, -1) if reverse else range(len(ks))
        for t in steps:
            k, o = ks[t], offs[t]
            gk, ck, hk, tk = g[:k], c[:k], h[:k], tmp[:k]
            np.matmul(hk, wh, out=gk)
            np.add(xi[o : o + k], gk, out=gk)
            np.tanh(gk, out=gk)
            s = gk[:, :h3]
            np.add(s, 1.0, out=s)
            np.multiply(s, 0.5, out=s)  # σ of the i, f, o gates
            np.multiply(gk[:, hid : 2 * hid], ck, out=ck)
            np.multiply(gk[:, :hid], gk[:, h3:], out=tk)
            np.add(ck, tk, out=ck)
            np.tanh(ck, out=tk)
            np.multiply(gk[:, 2 * hid : h3], tk, out=hk)
            out[o : o + k] = hk
        return out

    def _emissions_packed(self, embs: list[np.ndarray]) -> list[np.ndarray]:
        """Emission scores for sentences already sorted longest first (all non-empty)."""
        lengths = [len(e) for e in embs]
        starts = np.cumsum([0] + lengths[:-1])
        ks = [sum(1 for n in lengths if n > t) for t in range(lengths[0])]
        offs = np.cumsum([0] + ks[:-1]).tolist()
        idx = np.concatenate([starts[:k] + t for t, k in enumerate(ks)])
        x = np.concatenate(embs)[idx]
        for layer in range(self.n_layers):
            x = np.concatenate([self._lstm_dir(x, ks, offs, layer, False), self._lstm_dir(x, ks, offs, layer, True)],
                               axis=1)
        scores = x @ self.w["out.weight"].T + self.w["out.bias"]
        return [scores[np.asarray(offs[:n]) + r] for r, n in enumerate(lengths)]

    def emissions(self, sentences: list[list[str]], crf_tags: list[list[str]] | None = None,
                  max_tokens: int = 4096, records: list[TokenRecord] | None = None) -> list[np.ndarray]:
        """Emission scores per sentence (empty sentences get an empty array). All sentences run in one
        packed batch, longest first, in chunks of about ``max_tokens`` tokens (bounded memory).
        ``records``: the sentences' token records, when the caller has them already."""
        out = [np.zeros((0, len(self.tags)), np.float32) for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        while order:
            part, total = [], 0
            while order and (not part or total + len(sentences[order[0]]) <= max_tokens):
                total += len(sentences[order[0]])
                part.append(order.pop(0))
            embs = [self._embed(sentences[i], crf_tags[i] if crf_tags is not None else None,
                                records[i] if records is not None else None) for i in part]
            for i, em in zip(part, self._emissions_packed(embs), strict=True):
                out[i] = em
        return out

    def marginals(self, em: np.ndarray) -> np.ndarray:
        """Per-token tag posteriors (forward-backward over emissions and transitions)."""
        trans, start, end = self.w["crf.trans"], self.w["crf.start"], self.w["crf.end"]
        n = len(em)
        alpha = np.zeros_like(em)
        beta = np.zeros_like(em)
        alpha[0] = start + em[0]
        for t in range(1, n):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + trans, 0) + em[t]
        beta[-1] = end
        for t in range(n - 2, -1, -1):
            beta[t] = _logsumexp(trans + (em[t + 1] + beta[t + 1])[None, :], 1)
        log_z = _logsumexp(alpha[-1] + end, 0)
        return np.exp(alpha + beta - log_z)

    def marginals_all(self, ems: list[np.ndarray]) -> list[np.ndarray]:
        """``marginals`` of every sentence at once (the same numbers, one pass over time steps)."""
        return forward_backward(ems, self.w["crf.trans"], self.w["crf.start"], self.w["crf.end"])

    def viterbi(self, em: np.ndarray) -> list[int]:
        trans = self.w["crf.trans"]  # (from, to)
        score = self.w["crf.start"] + em[0]
        back = []
        for t in range(1, len(em)):
            cand = score[:, None] + trans
            back.append(cand.argmax(axis=0))
            score = cand.max(axis=0) + em[t]
        score = score + self.w["crf.end"]
        best = [int(score.argmax())]
        for bp in reversed(back):
            best.append(int(bp[best[-1]]))
        return best[::-1]

    def tag_document(self, sentences: list[list[str]], window: int | None = None, batch: int = 64
                     ) -> list[list[str]]:
        """IOB2 tags per sentence of one document, made consistent across the document."""
        return propagate_labels(sentences, self.tag_sentences(sentences, batch), window)

    def tag_sentences(self, sentences: list[list[str]], batch: int = 64) -> list[list[str]]:
        """IOB2 tags per sentence (``batch`` is kept for callers; the LSTM batches by tokens)."""
        return [[self.tags[j] for j in self.viterbi(em)] if len(em) else [] for em in self.emissions(sentences)]

    def tag(self, words: list[str]) -> list[str]:
        return self.tag_sentences([words])[0]


def propagate_labels(sentences: list[list[str]], tags: list[list[str]], window: int | None = None
                     ) -> list[list[str]]:
    """One sense per document: a name tagged somewhere in the document («راسموسن» PER) is tagged
    wherever else it occurs untagged, with the type it has most often (longest names first).
    ``window`` (sentences) stands in for the document in corpora without article boundaries."""
    from .crf import _core, bio_to_spans

    cores = [[_core(w) for w in ws] for ws in sentences]
    spans = [[(tuple(cores[j][sp.start : sp.end]), sp.type) for sp in bio_to_spans(tags[j])] for j in range(len(tags))]
    out = [list(t) for t in tags]
    n = len(sentences)
    doc_names: list[tuple[tuple[str, ...], str]] | None = None
    for i in range(n):
        if window is None:
            if doc_names is None:
                doc_names = _ranked_names(spans)
            names = doc_names
        else:
            names = _ranked_names(spans[max(0, i - window) : min(n, i + window + 1)])
        _tag_names(cores[i], out[i], names)
    return out


def _ranked_names(spans: list[list[tuple[tuple[str, ...], str]]]) -> list[tuple[tuple[str, ...], str]]:
    """(name, its most frequent type) for the names of these sentences, longest first (ties in order of
    first occurrence); names shorter than three letters are left out."""
    from collections import Counter

    lex: dict[tuple[str, ...], Counter[str]] = {}
    for sp in spans:
        for key, typ in sp:
            lex.setdefault(key, Counter())[typ] += 1
    ranked = sorted(lex.items(), key=lambda kv: -len(kv[0]))
    return [(key, cnt.most_common(1)[0][0]) for key, cnt in ranked if sum(len(k) for k in key) >= 3]


def _tag_names(cores: list[str], out: list[str], names: list[tuple[tuple[str, ...], str]]) -> None:
    """Tag each untagged occurrence of the names in one sentence (in place, names in order)."""
    at: dict[str, list[int]] = {}
    for k, c in enumerate(cores):
        at.setdefault(c, []).append(k)
    for key, typ in names:
        size = len(key)
        for k in at.get(key[0], ()):
            if k + size <= len(cores) and tuple(cores[k : k + size]) == key and all(t == "O" for t in out[k : k + size]):
                out[k] = "B-" + typ
                for x in range(k + 1, k + size):
                    out[x] = "I-" + typ
