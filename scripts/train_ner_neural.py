"""Train the neural NER (char-CNN + word2vec BiLSTM-CRF) → khabar/data/models/ner-neural.npz.

Training-time dependencies: ``pip install -e '.[train]'`` (torch CPU, gensim). Inference is
NumPy only (``khabar/ner_neural.py``).

1. Word embeddings: word2vec skip-gram over unlabeled ANT text (citation licence) plus the
   ANERcorp *train* words, on the same proclitic-stripped normalised forms the tagger looks up.
2. Tagger: ANERcorp *train* only. The last 10% of its sentences are a development tail used to
   pick the epoch; the test split is never read here. With ``--full`` the model is then
   retrained on the whole train split for the chosen number of epochs.

    python scripts/train_ner_neural.py ../shared/eval/raw/anercorp_camel_split/ANERcorp_train.conll \
        --ant ../shared/eval/raw/ant_multisource/articles.jsonl.gz --layers 2 --hidden 150 \
        --word-dropout 0.2 --lr 1e-3 --epochs 20 --full

(the shipped model: dev F1 0.765 at epoch 13 of the dev run, then 13 epochs on all of train).

Then measure: ``khabar eval ner --model neural`` (ANERcorp test).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from khabar.entities.crf import evaluate, read_conll  # noqa: E402
from khabar.entities.neural import DISCRETE, MAX_CHARS, NEURAL_PATH, STACK_SIZE, token_inputs  # noqa: E402
from khabar.text.tokenize import cluster_key  # noqa: E402

WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+|[A-Za-z]+|\d+|[^\s\w]")
TAGS = ["O", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-PER", "I-PER", "B-MISC", "I-MISC"]


# ----------------------------------------------------------------------------- embeddings
def ant_sentences(path: str):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            for part in (d.get("title"), d.get("abstract"), d.get("text")):
                for para in (part or "").split("\n"):
                    toks = [cluster_key(w) for w in WORD.findall(para)]
                    if len(toks) > 2:
                        yield toks


def word_vectors(ant: str, train_words: list[list[str]], dim: int, cache: Path):
    from gensim.models import Word2Vec

    if cache.exists():
        return Word2Vec.load(str(cache)).wv
    t0 = time.time()
    sents = list(ant_sentences(ant)) + [[cluster_key(w) for w in ws] for ws in train_words]
    print(f"word2vec: {len(sents)} paragraphs, {sum(map(len, sents))} tokens", flush=True)
    m = Word2Vec(sents, vector_size=dim, window=5, min_count=3, sg=1, negative=10, epochs=5, workers=2, seed=1)
    m.save(str(cache))
    print(f"word2vec done in {time.time() - t0:.0f}s, {len(m.wv)} forms", flush=True)
    return m.wv


# ----------------------------------------------------------------------------- model
class Tagger(nn.Module):
    def __init__(self, emb: np.ndarray, n_chars: int, hidden: int, layers: int, n_tags: int, freeze: bool = False,
                 stacked: bool = False):
        super().__init__()
        self.word_emb = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=freeze, padding_idx=0)
        self.char_emb = nn.Embedding(n_chars, 32, padding_idx=0)
        self.char_cnn = nn.Conv1d(32, 64, 3, padding=1)
        sizes = list(DISCRETE.values()) + ([STACK_SIZE] if stacked else [])
        self.disc = nn.ModuleList([nn.Embedding(n, 8, padding_idx=0) for n in sizes])
        d_in = emb.shape[1] + 64 + 8 * len(sizes)
        self.lstm = nn.LSTM(d_in, hidden, num_layers=layers, bidirectional=True, batch_first=True,
                            dropout=0.3 if layers > 1 else 0.0)
        self.drop = nn.Dropout(0.5)
        self.out = nn.Linear(2 * hidden, n_tags)
        self.trans = nn.Parameter(torch.zeros(n_tags, n_tags))
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def emissions(self, w, c, d):
        b, t, length = c.shape
        ce = self.char_emb(c.view(b * t, length)).transpose(1, 2)  # (BT, 32, L)
        cv = torch.relu(self.char_cnn(ce))
        cv = cv.masked_fill((c.view(b * t, length) == 0).unsqueeze(1), 0).max(dim=2).values.view(b, t, -1)
        parts = [self.word_emb(w), cv] + [e(d[:, :, j]) for j, e in enumerate(self.disc)]
        x = self.drop(torch.cat(parts, dim=2))
        h, _ = self.lstm(x)
        return self.out(self.drop(h))

    def nll(self, em, y, mask):
        # log partition by the forward algorithm
        alpha = self.start + em[:, 0]
        for t in range(1, em.shape[1]):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
        log_z = torch.logsumexp(alpha + self.end, dim=1)
        # gold path score
        bidx = torch.arange(em.shape[0])
        s = self.start[y[:, 0]] + em[bidx, 0, y[:, 0]]
        for t in range(1, em.shape[1]):
            step = self.trans[y[:, t - 1], y[:, t]] + em[bidx, t, y[:, t]]
            s = s + step * mask[:, t]
        last = y[bidx, mask.sum(1) - 1]
        s = s + self.end[last]
        return (log_z - s).mean()

    def decode(self, em, mask):
        out = []
        for i in range(em.shape[0]):
            n = int(mask[i].sum())
            e = em[i, :n]
            score = self.start + e[0]
            back = []
            for t in range(1, n):
                cand = score.unsqueeze(1) + self.trans
                v, bp = cand.max(dim=0)
                back.append(bp)
                score = v + e[t]
            score = score + self.end
            best = [int(score.argmax())]
            for bp in reversed(back):
                best.append(int(bp[best[-1]]))
            out.append(best[::-1])
        return out


# ----------------------------------------------------------------------------- data
def encode(sents, wvocab, cvocab, crf_tags=None):
    out = []
    for k, (words, tags) in enumerate(sents):
        keys, norms, disc = token_inputs(words, crf_tags[k] if crf_tags is not None else None)
        out.append((
            [wvocab.get(k, 1) for k in keys],
            [[cvocab.get(ch, 1) for ch in n[:MAX_CHARS]] or [1] for n in norms],
            disc,
            [TAGS.index(t) if t in TAGS else 0 for t in tags],
        ))
    return out


def batchify(items, word_dropout: float = 0.0):
    b = len(items)
    t = max(len(x[0]) for x in items)
    length = max(len(c) for x in items for c in x[1])
    w = torch.zeros(b, t, dtype=torch.long)
    c = torch.zeros(b, t, length, dtype=torch.long)
    d = torch.zeros(b, t, len(items[0][2][0]), dtype=torch.long)
    y = torch.zeros(b, t, dtype=torch.long)
    mask = torch.zeros(b, t, dtype=torch.bool)
    for i, (wi, ci, di, yi) in enumerate(items):
        n = len(wi)
        ws = torch.tensor(wi)
        if word_dropout:
            ws = torch.where(torch.rand(n) < word_dropout, torch.ones_like(ws), ws)
        w[i, :n] = ws
        for j, cc in enumerate(ci):
            c[i, j, : len(cc)] = torch.tensor(cc)
        d[i, :n] = torch.tensor(di)
        y[i, :n] = torch.tensor(yi)
        mask[i, :n] = True
    return w, c, d, y, mask


def predict(model, data, bs: int = 64):
    model.eval()
    out = []
    with torch.no_grad():
        for k in range(0, len(data), bs):
            part = data[k : k + bs]
            w, c, d, _, mask = batchify(part)
            em = model.emissions(w, c, d)
            out += [[TAGS[j] for j in p] for p in model.decode(em, mask)]
    return out


def train(train_data, dev, emb, n_chars, args, epochs: int):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    model = Tagger(emb, n_chars, args.hidden, args.layers, len(TAGS), args.freeze_emb, args.stack_crf)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=args.lr)
    best = (-1.0, 0, None)
    for ep in range(1, epochs + 1):
        t0 = time.time()
        model.train()
        order = sorted(range(len(train_data)), key=lambda i: (len(train_data[i][0]) + random.random() * 8))
        batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
        random.shuffle(batches)
        tot = 0.0
        for bi in batches:
            w, c, d, y, mask = batchify([train_data[i] for i in bi], args.word_dropout)
            loss = model.nll(model.emissions(w, c, d), y, mask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            tot += float(loss.detach())
        msg = f"epoch {ep}: loss {tot / len(batches):.3f} ({time.time() - t0:.0f}s)"
        if dev:
            f1 = evaluate([[TAGS[j] for j in x[3]] for x in dev], predict(model, dev))["micro"]["f1"]
            msg += f" dev F1 {f1:.4f}"
            if f1 > best[0]:
                best = (f1, ep, {k: v.detach().clone() for k, v in model.state_dict().items()})
        print(msg, flush=True)
    if dev and best[2] is not None:
        model.load_state_dict(best[2])
    return model, best[0], best[1]


def crf_stage1(sents, n_dev: int, full: bool):
    """Stage-1 CRF tags for stacking: jackknifed (5 folds) over the training part, and from a CRF
    trained on the whole training part for the dev tail. Same features and settings as
    scripts/train_ner.py, so the shipped CRF plays the same role at tagging time."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from train_ner import stage1_jackknife, tag_all
    from train_ner import train as crf_train

    from khabar.entities.crf import sentence_features

    part = sents if full else sents[:-n_dev]
    words = [w for w, _ in part]
    tags = [t for _, t in part]
    tmp = tempfile.mkdtemp()
    feats = [sentence_features(w) for w in words]
    t0 = time.time()
    jack = stage1_jackknife(words, feats, tags, tmp)
    print(f"CRF jackknife on {len(part)} sentences ({time.time() - t0:.0f}s)", flush=True)
    if full:
        return jack, None
    crf_train(list(zip(feats, tags, strict=True)), f"{tmp}/all.crfsuite")
    dev_tags = tag_all(f"{tmp}/all.crfsuite", [sentence_features(w) for w, _ in sents[-n_dev:]])
    return jack, dev_tags


def export(model, wvocab_list, cvocab_list, path: Path) -> None:
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    arrays = {k: v.astype(np.float16) for k, v in sd.items() if k not in ("trans", "start", "end")}
    arrays["crf.trans"] = sd["trans"].astype(np.float32)
    arrays["crf.start"] = sd["start"].astype(np.float32)
    arrays["crf.end"] = sd["end"].astype(np.float32)
    arrays["vocab_words"] = np.array(wvocab_list)
    arrays["vocab_chars"] = np.array(cvocab_list)
    arrays["tags"] = np.array(TAGS)
    np.savez_compressed(path, **arrays)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("--ant", default="../shared/eval/raw/ant_multisource/articles.jsonl.gz")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--vocab", type=int, default=40000)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--word-dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--freeze-emb", action="store_true", help="keep the word2vec vectors fixed")
    ap.add_argument("--stack-crf", action="store_true",
                    help="feed the feature CRF's stage-1 tag as an input (jackknifed on train)")
    ap.add_argument("--full", action="store_true", help="retrain on all of train for the best dev epoch count")
    ap.add_argument("--full-epochs", type=int, default=0,
                    help="skip the dev run: train on all of train for this many epochs (chosen on dev before)")
    ap.add_argument("--dev-f1", type=float, default=0.0, help="dev F1 of that earlier run, recorded in the metadata")
    ap.add_argument("--out", default=str(NEURAL_PATH))
    ap.add_argument("--cache", default="/tmp/khabar-w2v.model")
    args = ap.parse_args()
    torch.set_num_threads(2)

    sents = read_conll(args.train)
    wv = word_vectors(args.ant, [w for w, _ in sents], args.dim, Path(args.cache))
    train_keys = Counter(cluster_key(w) for ws, _ in sents for w in ws)
    words = [k for k in wv.index_to_key[: args.vocab]]
    seen = set(words)
    words += [k for k in train_keys if k not in seen and train_keys[k] >= 2]
    wvocab_list = ["<pad>", "<unk>"] + words
    wvocab = {w: i for i, w in enumerate(wvocab_list)}
    rng = np.random.default_rng(0)
    emb = np.zeros((len(wvocab_list), args.dim), np.float32)
    for w, i in wvocab.items():
        if i >= 2:
            emb[i] = wv[w] if w in wv.key_to_index else rng.normal(0, 0.1, args.dim)
    emb[2:] /= np.linalg.norm(emb[2:], axis=1, keepdims=True).mean() / 1.0
    chars = Counter(ch for ws, _ in sents for w in ws for ch in token_inputs([w])[1][0])
    cvocab_list = ["<pad>", "<unk>"] + sorted(ch for ch, n in chars.items() if n >= 2)
    cvocab = {c: i for i, c in enumerate(cvocab_list)}
    print(f"{len(sents)} sentences; word vocab {len(wvocab_list)}; chars {len(cvocab_list)}", flush=True)

    n_dev = len(sents) // 10
    crf_all = crf_dev = None
    if args.stack_crf:
        crf_all, crf_dev = crf_stage1(sents, n_dev, full=bool(args.full_epochs))
    if args.full_epochs:
        data = encode(sents, wvocab, cvocab, crf_all)
        tr, dev = data, []
    else:
        tr = encode(sents[:-n_dev], wvocab, cvocab, crf_all)
        dev = encode(sents[-n_dev:], wvocab, cvocab, crf_dev)
        data = tr + dev
    if args.full_epochs:  # the epoch count was chosen on the dev tail by an earlier run
        f1, ep = args.dev_f1, args.full_epochs
        model, _, _ = train(data, [], emb, len(cvocab_list), args, ep)
        args.full = True
    else:
        model, f1, ep = train(tr, dev, emb, len(cvocab_list), args, args.epochs)
        print(f"best dev F1 {f1:.4f} at epoch {ep}", flush=True)
    if args.full and not args.full_epochs:
        model, _, _ = train(data, [], emb, len(cvocab_list), args, ep)
    export(model, wvocab_list, cvocab_list, Path(args.out))
    meta = Path(args.out).with_suffix(".json")
    meta.write_text(json.dumps({**{k: v for k, v in vars(args).items() if k not in ("out", "cache")},
                                "dev_f1": round(f1, 4), "best_epoch": ep}, indent=1) + "\n")


if __name__ == "__main__":
    main()
