"""Evaluation against hand-annotated gold files (``khabar eval quotes|dates``).

Gold files are TSV (see ``data/gold/*.tsv``): each item names its article (by file-name
prefix), a *cue* (a string that must lie inside the predicted span; ``#n`` for its n-th
occurrence in the article body) and the expected speaker / value. A prediction matches a gold
item when its span contains the cue's occurrence and the attribute agrees. Precision is over
predictions in the evaluated articles, recall over gold items.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..model import Analysis

GOLD_DIR = resources.files("khabar") / "data" / "gold"

# Gold articles are analysed with this reference date, never the clock, so that a score is the same
# on every day (the latest gold article is from 2022; this is the date the figures were first fixed).
REF_DATE = dt.date(2026, 11, 23)

# ANERcorp (CAMeL split) is not shipped: it lives in the project's shared data folder, a sibling of the
# repository (``<repo>/../shared/eval/raw/…``), or wherever $KHABAR_ANERCORP points.
ANERCORP_TEST = Path("shared") / "eval" / "raw" / "anercorp_camel_split" / "ANERcorp_test.conll"


def ner_data_candidates() -> list[Path]:
    """Where ``khabar eval ner`` looks for its default data, in order: $KHABAR_ANERCORP, then the shared
    folder next to the repository that holds this package, then next to / under the working directory."""
    import os

    env = os.environ.get("KHABAR_ANERCORP")
    repo = Path(str(resources.files("khabar"))).resolve().parent
    cands = [Path(env)] if env else []
    cands += [repo.parent / ANERCORP_TEST, repo / ANERCORP_TEST, Path.cwd().parent / ANERCORP_TEST, Path.cwd() / ANERCORP_TEST]
    return list(dict.fromkeys(cands))


def default_ner_data() -> Path | None:
    """The first existing :func:`ner_data_candidates` file, or None."""
    return next((p for p in ner_data_candidates() if p.is_file()), None)


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong_attr: int = 0  # span found but speaker/value wrong
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_gold(path: str | Path) -> list[list[str]]:
    rows = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


_NO_EVENT = re.compile(r"^#\s*([A-Za-z]+-[\w.~-]+):.*\bno events?\b", re.I)


def gold_docs(path: str | Path) -> set[str]:
    """The articles an event gold file covers: those of its rows and those it says have no event
    (a comment «# <doc id>: <why>; no event»), whose spurious events count too."""
    ids = {r[0] for r in read_gold(path)}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        m = _NO_EVENT.match(line)
        if m:
            ids.add(m.group(1))
    return ids


def _locate(a: Analysis, cue: str, body_only: bool = True) -> tuple[int, int] | None:
    head, sep, nth = cue.rpartition("#")  # "cue#2": the second occurrence; a '#' in the text (a hashtag) stays
    cue, n = (head, int(nth)) if sep and nth.isdigit() else (cue, 1)
    body = len(a.article.title) if a.article.title and body_only else 0
    # a space in the cue and a no-break space in the text (or the reverse) are the same gap, and so
    # is a run of them («1436هـ<NBSP> إلى»): the annotator copied the page, the cleaner may have
    # collapsed it
    pattern = "[ \u00a0]+".join(re.escape(part) for part in re.split("[ \u00a0]+", cue))
    found = [m for m in re.finditer(pattern, a.article.text) if m.start() >= body]
    if len(found) < n:
        return None
    return found[n - 1].start(), found[n - 1].end()


def gold_names(name: str, key: str) -> bool:
    """Does a gold key name this analysed article: the same id, or a seed file's prefix («000» names
    «000_04af….txt»)? «snn-2015-08-01-44» does not name «snn-2015-08-01-440»."""
    return name == key or (name.startswith(key) and not name[len(key)].isalnum())


def _by_seed(analyses: dict[str, Analysis], key: str) -> Analysis | None:
    for name, a in analyses.items():
        if gold_names(name, key):
            return a
    return None


def _span_eval(
    analyses: dict[str, Analysis], gold: list[list[str]], items: Callable[[Analysis], list],
    covers: Callable[[object, tuple[int, int]], bool], agrees: Callable[[Analysis, object, list[str]], bool],
    show_gold: Callable[[list[str]], str], show_item: Callable[[Analysis, object], str],
    cue_col: int,
) -> Score:
    """Shared matcher: each gold row's cue is located in its article, the first unmatched
    prediction covering it is paired with it, and the pair counts as a hit when ``agrees``."""
    sc = Score()
    matched: set[tuple[str, int]] = set()
    keys = {g[0] for g in gold}
    for row in gold:
        key, cue = row[0], row[cue_col]
        a = _by_seed(analyses, key)
        loc = _locate(a, cue) if a else None
        if a is None or loc is None:
            sc.fn += 1
            sc.misses.append(f"{key} {cue} (cue not found in text)")
            continue
        hit = next(((i, x) for i, x in enumerate(items(a)) if covers(x, loc) and (key, i) not in matched), None)
        if hit is None:
            sc.fn += 1
            sc.misses.append(f"{key} {show_gold(row)}")
            continue
        i, x = hit
        matched.add((key, i))
        if agrees(a, x, row):
            sc.tp += 1
        else:
            sc.fn += 1
            sc.fp += 1
            sc.wrong_attr += 1
            sc.misses.append(f"{key} {show_gold(row)}  → predicted {show_item(a, x)}")
    for name, a in analyses.items():
        key = next((k for k in keys if gold_names(name, k)), None)
        if key is None:
            continue
        for i, x in enumerate(items(a)):
            if (key, i) not in matched:
                sc.fp += 1
                sc.spurious.append(f"{key} {show_item(a, x)}")
    return sc


_WRITER = "الكاتب"  # a gold row's name for the article's own writer: no name to match


def eval_quotes(analyses: dict[str, Analysis], gold_path: str | Path | None = None) -> Score:
    """Gold rows: seed, speaker (actor id or "unnamed"), kind, cue inside the quoted span, and
    optionally the speaker's name as written in the text (matched against the speaker mention when
    the id is not one of the knowledge base's). A name written in the gold also matches any spelling
    the article gives the predicted speaker elsewhere («بنيتيز» for the «رافايل بينيتيز» khabar
    linked it to): the same person, as khabar resolved it. A row matches by any name the rows of the same speaker
    id in the article write (the same id is the same person; «الكاتب», the writer, is no name)."""
    from ..kb.actors import knowledge_base
    from ..model import Quote
    from ..text.textnorm import normalize

    kb = knowledge_base()

    def spellings(a: Analysis, q: Quote) -> list[str]:
        """How the article writes the predicted speaker elsewhere: its named mentions, surnames
        included (not generic nouns or definite references such as «الحكومة», «الوزارة», which fit
        anyone); a gold name must lie within one of them."""
        if not q.speaker or q.unnamed:
            return []
        return [normalize(a.article.text[m.start : m.end]) for m in a.mentions
                if m.entity == q.speaker and m.method.split("+")[0].split(" ")[0] not in ("generic", "coref")]

    def agrees(a: Analysis, q: Quote, row: list[str]) -> bool:
        speaker = canonical_code(row[1])
        if speaker == "unnamed":
            return bool(q.unnamed)
        if speaker.startswith("text:"):  # a person not in the knowledge base, named in the text
            g = normalize(speaker[5:])
            return not q.unnamed and (g in normalize(q.speaker_text or "") or any(g in p for p in spellings(a, q)))
        if q.speaker == speaker and not (q.unnamed and not q.speaker):
            return True
        if kb.get(speaker) is not None and q.speaker and kb.get(q.speaker) is not None:
            return False  # two different known actors
        # the speaker's name as the text writes it, here or in another row of the same speaker in the article
        # («ديفد إجنيشاس» once, then «الكاتب» or nothing: the same id, the same person)
        names = written.get((row[0], speaker), set()) if q.speaker_text and not q.unnamed else set()
        for name in names:
            g, p = normalize(name), normalize(q.speaker_text or "")
            if g and ((len(p) >= 3 and (g in p or p in g)) or any(g in x for x in spellings(a, q))):
                return True
        return False

    gold = read_gold(gold_path or GOLD_DIR / "quotes_seeds.tsv")
    written: dict[tuple[str, str], set[str]] = {}
    for r in gold:
        if len(r) > 4 and r[4] not in ("-", _WRITER):
            written.setdefault((r[0], canonical_code(r[1])), set()).add(r[4])
    return _span_eval(
        analyses, gold, lambda a: a.quotes,
        lambda q, loc: q.start <= loc[0] + 1 and loc[1] <= q.end + 1, agrees,
        lambda r: f"[{r[1]}] {r[3]}",
        lambda a, q: f"[{q.speaker or 'unnamed'}] {a.article.text[q.start:q.end][:60]}", cue_col=3,
    )


def eval_timex(analyses: dict[str, Analysis], gold_path: str | Path | None = None) -> Score:
    """Gold rows: seed, the expression's text (cue), its normalised value (a Hijri date is written
    after the Gregorian value, «2015-08-14 H1436-10-29»: the Gregorian value is compared)."""
    return _span_eval(
        analyses, read_gold(gold_path or GOLD_DIR / "timex_seeds.tsv"), lambda a: a.timexes,
        lambda t, loc: t.start < loc[1] and loc[0] < t.end, lambda _a, t, row: t.value == row[2].split(" ")[0],
        lambda r: f"«{r[1]}» = {r[2]}", lambda a, t: f"«{t.text}» = {t.value}", cue_col=1,
    )


def _same_actor(got: str, country: str | None, sector: str | None, gold: str) -> bool:
    """Same actor id, or the same CAMEO-style country+sector code («IDF» is ISR_MIL)."""
    return got == gold or (bool(country and sector) and f"{country}_{sector}" == gold)


def canonical_code(code: str) -> str:
    """A gold actor/speaker code in the knowledge base's ids: annotators write an English name or
    alias in snake case («ISIS», «russian_ministry_of_foreign_affairs»), the KB has one id per actor
    (ISIL, RUS_MFA). Country+sector codes, '*', '-', XXX and names the KB does not know stay as written."""
    if code in ("*", "-") or re.fullmatch(r"[A-Z]{3}(_[A-Z]{3})?", code) or code.startswith("text:"):
        return code
    from ..kb.actors import knowledge_base

    kb = knowledge_base()
    if kb.get(code):
        return code
    for q in (code.lower(), code.replace("_", " ").lower()):
        ids = list(dict.fromkeys(kb.en_index.get(q, [])))
        if len(ids) == 1:
            return ids[0]
    return code


def _gold_country(code: str) -> str:
    """The country of a gold actor code (SAU_GOV → SAU, RUS → RUS); an organisation id stays itself;
    XXX (unknown) accepts any actor."""
    head = code.split("_")[0]
    return head if re.fullmatch(r"[A-Z]{3}", head) else code


def _same_country(got: str | None, country: str | None, gold: str) -> bool:
    if gold == "*":
        return True
    if gold == "-":
        return got is None
    gc = _gold_country(gold)
    return gc == "XXX" or got == gold or (country or got) == gc


EVENT_LEVELS = ("type", "dyad", "full")


def _event_agrees(e, plover: str, actor: str, recipient: str, mode: str, level: str) -> bool:
    if e.plover != plover:
        return False
    if level == "type":
        return True
    if level == "dyad":
        return (_same_country(e.actor, e.actor_country, actor)
                and _same_country(e.recipient, e.recipient_country, recipient))
    return _same_actor(e.actor, e.actor_country, e.actor_sector, actor) and e.mode == mode and (
        recipient == "*" or _same_actor(e.recipient or "-", e.recipient_country, e.recipient_sector, recipient))


def eval_events(analyses: dict[str, Analysis], gold_path: str | Path | None = None, level: str = "full") -> Score:
    """Gold rows: seed, PLOVER type, actor, recipient ('-' if none), mode, trigger cue. A
    predicted event matches when one of its mentions' trigger overlaps the cue and, by ``level``:
    ``full``: type, actor, recipient and mode agree (recipient '*' in gold accepts any);
    ``dyad``: type and the countries of actor and recipient (an organisation by its id; gold XXX,
    an unknown actor, accepts any); ``type``: the PLOVER type alone."""
    gold = read_gold(gold_path or GOLD_DIR / "events_seeds.tsv")
    sc = Score()
    used: set[tuple[str, str]] = set()
    seeds = gold_docs(gold_path or GOLD_DIR / "events_seeds.tsv")
    for key, plover, actor, recipient, mode, cue in gold:
        actor, recipient = canonical_code(actor), canonical_code(recipient)
        a = _by_seed(analyses, key)
        loc = _locate(a, cue, body_only=False) if a else None
        if a is None or loc is None:
            sc.fn += 1
            sc.misses.append(f"{key} {cue} (cue not found)")
            continue
        cands = [e for e in a.events if any(m.trigger_start < loc[1] and loc[0] < m.trigger_end for m in e.mentions)
                 and e.plover == plover and (key, e.id) not in used]
        ok = [e for e in cands if _event_agrees(e, plover, actor, recipient, mode, level)]
        if ok:
            sc.tp += 1
            used.add((key, ok[0].id))
        else:
            sc.fn += 1
            got = "; ".join(f"{e.plover} {e.actor}→{e.recipient} {e.mode}" for e in cands) or "nothing"
            sc.misses.append(f"{key} «{cue}» {plover} {actor}→{recipient} {mode}  (got {got})")
            if cands:
                sc.wrong_attr += 1
    for name, a in analyses.items():
        key = next((k for k in seeds if gold_names(name, k)), None)
        if key is None:
            continue
        for e in a.events:
            if (key, e.id) not in used:
                sc.fp += 1
                sc.spurious.append(f"{key} {e.plover} {e.actor}→{e.recipient} {e.mode} «{e.trigger}»")
    return sc


ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@dataclass(slots=True)
class EntityScore:
    """Mentions (exact span + type) per type and micro-averaged; linking accuracy on gold rows with a link."""

    by_type: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in ENTITY_TYPES})
    gold_links: int = 0
    linked_right: int = 0
    we_linked: int = 0  # gold links whose span we found and linked to a knowledge-base actor
    link_misses: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Score:
        s = Score()
        for t in self.by_type.values():
            s.tp, s.fp, s.fn = s.tp + t.tp, s.fp + t.fp, s.fn + t.fn
            s.misses += t.misses
            s.spurious += t.spurious
        return s


def _link_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", " ", name.strip().lower())


def _entity_names(a: Analysis) -> dict[str, set[str]]:
    """Entity id → the keys it answers to: the id itself and its English name."""
    return {e.id: {_link_key(e.id), *([_link_key(e.en)] if e.en else [])} for e in a.entities}


# Mentions that are not names by the guidelines (docs/annotation-who-when.md, "Not entities"): the
# linker's unnamed actors («الحكومة», «السلطات», «المعارضة السورية»: method ``generic``), bare
# anaphoric heads («التنظيم» after «تنظيم داعش»: ``coref``) and office titles standing for their
# holder («ولي العهد السعودي»: ``title+date``, ``title+coref``). They are what the events layer
# needs; the named-only score leaves them out of the predictions.
UNNAMED_METHODS = ("generic", "coref", "title+")


def is_named_mention(m) -> bool:
    """A mention found as a name (tagger, gazetteer, club, outlet), not a role or generic noun."""
    return not any(m.method == u or (u.endswith("+") and m.method.startswith(u)) for u in UNNAMED_METHODS)


def _score_entity_doc(sc: EntityScore, key: str, a: Analysis, rows: list[list[str]], named_only: bool = False
                      ) -> None:
    body = len(a.article.title) if a.article.title else 0
    preds = {(m.start, m.end, m.type): m for m in a.mentions if m.start >= body and m.type in ENTITY_TYPES
             and (not named_only or is_named_mention(m))}
    by_span = {(m.start, m.end): m for m in preds.values()}
    names = _entity_names(a)
    for _, typ, surface, link, *_ in rows:
        s = sc.by_type.setdefault(typ, Score())
        loc = _locate(a, surface)
        m = preds.pop((*loc, typ), None) if loc else None
        if m is not None:
            s.tp += 1
        else:
            s.fn += 1
            why = "" if loc else " (not found in text)"
            s.misses.append(f"{key} {typ} «{surface}»{why}")
        if link == "-":
            continue
        sc.gold_links += 1
        got = by_span.get(loc) if loc else None
        if got is not None and got.entity and not got.entity.startswith("new:"):
            sc.we_linked += 1
            if _link_key(link) in names.get(got.entity, {_link_key(got.entity)}):
                sc.linked_right += 1
                continue
        sc.link_misses.append(f"{key} «{surface}» → {link}  (got {got.entity if got else 'no mention'})")
    for (_, _, typ), m in sorted(preds.items()):
        sc.by_type.setdefault(typ, Score()).fp += 1
        sc.by_type[typ].spurious.append(f"{key} {typ} «{m.text}»")


def eval_entities(analyses: dict[str, Analysis], gold_path: str | Path, named_only: bool = False) -> EntityScore:
    """Gold rows: doc id, type (PER|ORG|LOC|MISC), surface (exact text in the body; ``#n`` = its n-th
    occurrence), English canonical link or '-'. A mention counts when its span and type are exact;
    a link is right when the predicted mention's entity has the gold name as KB id or English name
    (case-insensitive; spaces, underscores and hyphens alike). Precision is over predicted mentions
    in the bodies of the gold's articles; an article missing from ``analyses`` counts its rows as misses.
    ``named_only``: predictions are only the named mentions (:func:`is_named_mention`), since the
    guidelines do not count roles, generic institutions and anaphoric heads as entities."""
    sc = EntityScore()
    per_doc: dict[str, list[list[str]]] = {}
    for row in read_gold(gold_path):
        if len(row) < 4 or row[1] not in ENTITY_TYPES:
            raise ValueError(f"bad entity gold row (want doc, PER|ORG|LOC|MISC, surface, link): {row!r}")
        per_doc.setdefault(row[0], []).append(row)
    for key, rows in per_doc.items():
        a = _by_seed(analyses, key)
        if a is None:
            for _, typ, surface, link, *_ in rows:
                sc.by_type[typ].fn += 1
                sc.by_type[typ].misses.append(f"{key} {typ} «{surface}» (article not analysed)")
                sc.gold_links += link != "-"
            continue
        _score_entity_doc(sc, key, a, rows, named_only)
    return sc
