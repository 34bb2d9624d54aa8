"""Search query syntax → a parsed query → a safe FTS5 MATCH expression, and phrase/proximity scores.

Syntax (documented in ``khabar search --help``):

- words: every word must match (by stem or by lemma): ``الدرع الصاروخي``
- ``"a phrase"``: the words in this order, next to each other
- ``AND`` (optional between terms), ``OR``, ``NOT`` / ``-term``: ``روسيا OR الناتو``,
  ``ترامب -بوتين``, ``ترامب NOT بوتين``; a query of exclusions alone lists the articles without them
- ``title:word`` / ``title:"a phrase"``: in the title only
- ``( … )`` groups

Anything else that looks like query syntax (``*``, ``body:``, an operator without operands, an
unbalanced quote or parenthesis) is an error, never silently ignored.

The MATCH expression is built only from our own analysis of the words (stems and lemmas,
double-quoted as FTS5 strings) and is passed to SQLite as a bound parameter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..text.tokenize import tokenize

FIELDS = {"title": ("title_stems", "title_lemmas")}
ALL_COLUMNS = ("title_stems body_stems", "title_lemmas body_lemmas")
OPERATORS = ("AND", "OR", "NOT")
SYNTAX_HELP = 'words, "a phrase", AND, OR, NOT, -word, title:word, ( )'

Tok = tuple[str, str]  # (stem, lemma) of one query word


class QuerySyntaxError(ValueError):
    """A query the syntax does not allow (the message says what and what is allowed)."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a quoted phrase, analysed like the index (stems and lemmas); ``field``: None or "title"."""

    text: str
    tokens: tuple[Tok, ...]
    phrase: bool = False
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Not | And | Or

_LEX = re.compile(r'\s*(?:(?P<paren>[()])|(?P<neg>-)?(?:(?P<field>[A-Za-z_]+):)?(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s()"]+)))')
_BAD_CHARS = re.compile(r"[*^~|&{}\[\]]")


def _lex(query: str) -> list[tuple[str, str, bool, str | None]]:
    """(kind, text, negated, field) items: kind is "(", ")", "op", "word" or "phrase"."""
    out: list[tuple[str, str, bool, str | None]] = []
    pos = 0
    while pos < len(query):
        if not query[pos:].strip():
            break
        if query.count('"', pos) % 2:
            raise QuerySyntaxError(f"unbalanced quote in {query!r}")
        m = _LEX.match(query, pos)
        if not m:
            raise QuerySyntaxError(f"cannot read the query at {query[pos:].strip()!r}; use {SYNTAX_HELP}")
        pos = m.end()
        field = m["field"].lower() if m["field"] else None
        if field is not None and field not in FIELDS:
            raise QuerySyntaxError(f"unknown field {m['field']!r}: (known: {', '.join(f + ':' for f in FIELDS)})")
        if m["paren"]:
            out.append((m["paren"], m["paren"], False, None))
        elif m["phrase"] is not None:
            out.append(("phrase", m["phrase"], bool(m["neg"]), field))
        elif m["word"] in OPERATORS and not m["neg"] and field is None:
            out.append(("op", m["word"], False, None))
        else:
            bad = _BAD_CHARS.search(m["word"])
            if bad:
                raise QuerySyntaxError(f"unsupported search syntax {bad.group()!r} in {m['word']!r}; use {SYNTAX_HELP}")
            out.append(("word", m["word"], bool(m["neg"]), field))
    return out


def _term(text: str, phrase: bool, field: str | None, tok=tokenize) -> Term | None:
    toks = tuple(((t.stem or t.norm).replace('"', ""), (t.lemma or t.norm).replace('"', ""))
                 for t in tok(text) if t.kind != "punct")
    toks = tuple(t for t in toks if t[0] and t[1])
    return Term(text, toks, phrase or len(toks) > 1, field) if toks else None


class _Parser:
    def __init__(self, items: list[tuple[str, str, bool, str | None]], tok=tokenize) -> None:
        self.items = items
        self.tok = tok
        self.i = 0

    def peek(self) -> tuple[str, str, bool, str | None] | None:
        return self.items[self.i] if self.i < len(self.items) else None

    def parse(self) -> Node | None:
        node = self.or_expr()
        if self.peek() is not None:
            raise QuerySyntaxError("unbalanced ')'")
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (p := self.peek()) and p[:2] == ("op", "OR"):
            self.i += 1
            parts.append(self.and_expr())
        if len(parts) > 1 and any(x is None for x in parts):
            raise QuerySyntaxError("OR needs a term on each side")
        return parts[0] if len(parts) == 1 else Or(tuple(p for p in parts if p is not None))

    def and_expr(self) -> Node | None:
        parts: list[Node] = []
        while (p := self.peek()) and p[0] != ")" and p[:2] != ("op", "OR"):
            if p[:2] == ("op", "AND"):
                self.i += 1
                if not parts or self.peek() is None or self.peek()[0] in (")", "op") and self.peek()[1] != "NOT":
                    raise QuerySyntaxError("AND needs a term on each side")
                continue
            node = self.unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Node | None:
        kind, text, neg, field = self.items[self.i]
        self.i += 1
        if kind == "op":  # only NOT reaches here
            if self.peek() is None or self.peek()[0] in (")", "op"):
                raise QuerySyntaxError("NOT needs a term after it")
            child = self.unary()
            return Not(child) if child is not None else None
        if kind == ")":
            raise QuerySyntaxError("unbalanced ')'")
        if kind == "(":
            node = self.or_expr()
            if self.peek() is None or self.peek()[0] != ")":
                raise QuerySyntaxError("unbalanced '('")
            self.i += 1
            return node
        term = _term(text, kind == "phrase", field, self.tok)
        if term is None:
            return None
        return Not(term) if neg else term


def parse_query(query: str, tok=tokenize) -> Node | None:
    """The query's syntax tree (None when it holds no searchable word); ``tok``: how words are
    analysed (:func:`~khabar.text.tokenize.tokenize` or a store's lookup of the same)."""
    return _Parser(_lex(query), tok).parse()


# ---------------------------------------------------------------------- FTS5 translation

def _quote(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _term_fts(t: Term) -> str:
    cs, cl = FIELDS[t.field] if t.field else ALL_COLUMNS
    if t.phrase:
        return (f"({{{cs}}} : {_quote(' '.join(s for s, _ in t.tokens))}"
                f" OR {{{cl}}} : {_quote(' '.join(lm for _, lm in t.tokens))})")
    (s, lm), = t.tokens
    return f"({{{cs}}} : {_quote(s)} OR {{{cl}}} : {_quote(lm)})"


_BARE_NOT = "NOT/-word must follow a term to exclude from (e.g. روسيا -ترامب), or stand alone"


@dataclass(frozen=True, slots=True)
class _Syntax:
    """How a full-text engine writes a term and the boolean operators."""

    term: Callable[[Term], str]
    or_: str
    and_: str
    and_not: str  # between what must match and the group excluded


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    path = Path(__file__).resolve().parents[1] / "data" / "stopwords_query.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _optional(node: Node) -> bool:
    """A bare function word («في», «من») among other words: not required to match (nearly every
    article has it; requiring it costs a scan of its whole posting list and changes nothing)."""
    from ..text.textnorm import normalize

    return isinstance(node, Term) and not node.phrase and node.field is None and normalize(node.text) in _stopwords()


def _translate(node: Node, syn: _Syntax) -> str:
    """The engine's expression for a node that finds something (a bare NOT is handled by the caller)."""
    if isinstance(node, Term):
        return syn.term(node)
    if isinstance(node, Not):
        raise QuerySyntaxError(_BARE_NOT)
    if isinstance(node, Or):
        return "(" + syn.or_.join(_translate(c, syn) for c in node.children) + ")"
    pos = [c for c in node.children if not isinstance(c, Not)]
    neg = [c.child for c in node.children if isinstance(c, Not)]
    if not pos:
        raise QuerySyntaxError(_BARE_NOT)
    pos = [c for c in pos if not _optional(c)] or pos
    expr = "(" + syn.and_.join(_translate(c, syn) for c in pos) + ")"
    if neg:
        expr += syn.and_not + "(" + syn.or_.join(_translate(c, syn) for c in neg) + ")"
    return "(" + expr + ")"


@dataclass(frozen=True, slots=True)
class Compiled:
    match: str | None  # FTS5 expression the articles must match (None: all articles)
    exclude: str | None  # FTS5 expression the articles must not match (a query of exclusions only)
    terms: tuple[Term, ...]  # the positive terms, in query order (ranking and snippets)


def compile_query(query: str, tok=tokenize) -> Compiled:
    """The query as an FTS5 expression (SQLite)."""
    return _compile(query, _FTS5, tok)


def _compile(query: str, syn: _Syntax, tok=tokenize) -> Compiled:
    node = parse_query(query, tok)
    if node is None:
        return Compiled(None, None, ())
    negs: list[Node] = []
    if isinstance(node, Not):
        negs = [node.child]
    elif isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
        negs = [c.child for c in node.children]  # type: ignore[union-attr]
    if negs:
        return Compiled(None, "(" + syn.or_.join(_translate(n, syn) for n in negs) + ")", ())
    return Compiled(_translate(node, syn), None, tuple(_positive_terms(node)))


# ---------------------------------------------------------------------- PostgreSQL tsquery translation
# The PostgreSQL store keeps one tsvector per article with weights A title stems, B title lemmas,
# C body stems, D body lemmas: a stem is looked up among stems, a lemma among lemmas, title: keeps
# A/B. Every word is a quoted tsquery lexeme (our own analysis), passed as a bound parameter.

def _tsq_quote(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_term(t: Term) -> str:
    ws, wl = ("A", "B") if t.field else ("AC", "BD")
    if t.phrase:
        stems = " <-> ".join(f"{_tsq_quote(s)}:{ws}" for s, _ in t.tokens)
        lemmas = " <-> ".join(f"{_tsq_quote(lm)}:{wl}" for _, lm in t.tokens)
        return f"(({stems}) | ({lemmas}))"
    (s, lm), = t.tokens
    return f"({_tsq_quote(s)}:{ws} | {_tsq_quote(lm)}:{wl})"


_FTS5 = _Syntax(_term_fts, " OR ", " AND ", " NOT ")
_TSQUERY = _Syntax(tsquery_term, " | ", " & ", " & !")


def compile_tsquery(query: str, tok=tokenize) -> Compiled:
    """As :func:`compile_query`, with PostgreSQL tsquery expressions instead of FTS5 ones."""
    return _compile(query, _TSQUERY, tok)


def _positive_terms(node: Node) -> list[Term]:
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [t for c in node.children for t in _positive_terms(c)]


# ---------------------------------------------------------------------- phrase / proximity

def proximity(stems: list[str], lemmas: list[str], seq: list[Tok]) -> tuple[bool, float]:
    """Does the query's word sequence occur as a phrase in this token stream, and how close do
    its words come (1.0: side by side; less with every word between them and every word missing)?"""
    n = len(seq)
    if n < 2:
        return False, 0.0
    by_stem: dict[str, set[int]] = {}
    by_lemma: dict[str, set[int]] = {}
    for j, (s, lm) in enumerate(seq):
        by_stem.setdefault(s, set()).add(j)
        by_lemma.setdefault(lm, set()).add(j)
    hits: list[tuple[int, set[int]]] = []
    for i, s in enumerate(stems):
        js = by_stem.get(s)
        jl = by_lemma.get(lemmas[i]) if i < len(lemmas) else None
        if js or jl:
            hits.append((i, (js | jl) if (js and jl) else (js or jl)))
    if not hits:
        return False, 0.0
    at = dict(hits)
    phrase = any(all(j in at.get(i + j, ()) for j in range(n)) for i, js in hits if 0 in js)
    present = {j for _, js in hits for j in js}
    return phrase, len(present) / n / (1 + _min_gap(hits, present))


def _min_gap(hits: list[tuple[int, set[int]]], present: set[int]) -> int:
    """Fewest other words inside a window holding every query word that occurs (sliding window)."""
    need = len(present)
    count: dict[int, int] = {}
    best = None
    lo = 0
    for i, js in hits:
        for j in js:
            count[j] = count.get(j, 0) + 1
        while len(count) == need:
            span = i - hits[lo][0] + 1
            best = span if best is None or span < best else best
            for j in hits[lo][1]:
                count[j] -= 1
                if not count[j]:
                    del count[j]
            lo += 1
    return max(0, (best or need) - need)
