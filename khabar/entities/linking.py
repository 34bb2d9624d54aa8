"""Entity mentions and their canonical actors.

Mentions come from two sources, merged: the trained NER (:mod:`khabar.ner`) and the actor
knowledge base (:mod:`khabar.kb`) matched as a gazetteer. Each mention is then linked:

1. exact match of a knowledge-base form (search form, proclitics and the article tolerated);
2. spelling variants of transliterated names (غ/ج/ك, ث/س, dropped long vowels, one edit:
   راسموسن / راسمون / رسموسن, ميدفيديف / مدفيديف, روجوزين / روغوزين);
3. titles resolved by date: «الأمين العام للناتو» in a 2010 article is Rasmussen, in 2022
   Stoltenberg (the office terms in the knowledge base, the article's publication date);
4. in-document coreference: a surname after the full name, a title used again without the
   name («ممثل روسيا» after «ممثل روسيا لدى الناتو دميتري روجوزين»), «الحلف» after NATO;
5. names not in the knowledge base get ``new:TYPE:key`` ids from a spelling-tolerant key, so
   the same unknown person is one entity across articles.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..kb.actors import Actor, KnowledgeBase, knowledge_base, skeleton
from ..kb.media import media_spans
from ..kb.names import event_name_span, head_at, name_spans
from ..model import DateValue, Entity, Mention, Sentence, Span, Token
from ..text.textnorm import fold, normalize, normalize_same_length, word_list
from ..text.tokenize import vocabulary
from .docnames import (
    dotted_names,
    first_name_mentions,
    given_name_whole,
    link_name_parts,
    nationality_adjectives,
    place_parts,
    repeated_names,
    restore_name_letters,
    state_heads,
    surname_mentions,
)
from .quoted import with_quoted_names

_SEP_RE = re.compile(r"^[\s،,]*$")


_BIN = frozenset({"بن", "بنت"})


def _given_name_before_bin(toks: list[Token], i: int, rest: str) -> bool:
    """Token ``i`` is a given name, whole, before «بن/بنت»: it starts with ف, ك or ب and the corpus writes
    the whole form at least a tenth as often as the remainder («فيصل» 181 / «يصل» 1,233, «بدر», «بسام»; not
    «فخالد», «كمحمد»; و and ل are left to the other rules: they often precede a name)."""
    if i + 1 >= len(toks) or toks[i + 1].norm not in _BIN:
        return False
    return given_name_whole(toks[i].norm, rest)


def _conjoined_name(whole: str, rest: str) -> bool:
    """«وفيصل البدين» twice is still و + «فيصل»: the corpus writes the remainder more often than the whole
    (not so «وليد», 308 against 12 for «ليد»)."""
    from ..text.tokenize import vocabulary

    vocab = vocabulary()
    return whole[:1] == "و" and vocab.get(rest, 0) > vocab.get(whole, 0)


def _unseen_alone(whole: str, rest: str, min_whole: int = 3) -> bool:
    """A form the corpus (ANT, ``data/vocab.tsv.gz``) writes as a whole several times but never without
    its first letter: «والتر» (22) vs «التر» (0) is Walter, not «و» + «التر»."""
    from ..text.tokenize import vocabulary

    vocab = vocabulary()
    return vocab.get(rest, 0) == 0 and vocab.get(whole, 0) >= min_whole


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str
    source: str  # ner | gaz
    actor: str | None = None
    tok_start: int = 0  # token index range in the document token list
    tok_end: int = 0


def _core_start(tok: Token) -> int:
    """Offset where a token starts once its proclitics (و، ب، ل…) are cut off. After the
    preposition ل the article's alef is dropped («للناتو»): the name then starts at its stem."""
    segs = tok.segments
    for k, g in enumerate(segs):
        if g.kind == "proclitic":
            continue
        if g.kind == "article" and g.end - g.start == 1 and k + 1 < len(segs):
            return segs[k + 1].start
        return g.start
    return tok.start


def widen_fused_lam(text: str, toks: list[Token], mentions: list[Mention]) -> None:
    """«لليمن», «للمملكة»: where the preposition ل fused with the article (its alef dropped), the
    mention spans the whole «لل…» (docs/annotation-who-when.md: the proclitic cannot be cut off
    without restoring a letter); a conjunction before it («وللمملكة») stays outside. The resolver,
    quotes and events work with the name starting at its stem (:func:`_core_start`: they look for
    the preposition before it); the pipeline widens the final spans after them (``pipeline.SPANS``)."""
    fused: dict[int, int] = {}
    for t in toks:
        segs = t.segments
        for k in range(1, len(segs) - 1):
            if (segs[k - 1].kind == "proclitic" and segs[k].kind == "article" and segs[k].end - segs[k].start == 1
                    and text[segs[k - 1].start : segs[k - 1].end] == "ل"):
                fused[segs[k + 1].start] = segs[k - 1].start
    for m in mentions:
        s = fused.get(m.start)
        if s is not None:
            m.start, m.text = s, text[s : m.end]


def trim_descriptors(text: str, mentions: list[Mention], kb: KnowledgeBase) -> None:
    """«حركة حماس» → «حماس», «حلف الناتو» → «الناتو», «مدينة الرياض» → «الرياض»: a descriptor noun
    (``data/kb/descriptors.txt``) opening a linked mention is left out of its span when the rest is a
    form of the same actor on its own (docs/annotation-who-when.md §1). Like :func:`widen_fused_lam`,
    applied to the final spans only."""
    for m in mentions:
        words = m.text.split(maxsplit=1)
        if len(words) < 2 or not m.entity or normalize(words[0]) not in word_list("kb/descriptors.txt"):
            continue
        a = kb.actors.get(m.entity)
        if a is None or normalize(words[1]) in {normalize(w) for w in a.weak}:
            continue  # «حلف الأطلسي»: «الأطلسي» alone is as often the ocean (a weak form)
        if any(x.id == m.entity for x in kb.exact(words[1])):
            s = m.start + len(m.text) - len(words[1])
            m.start, m.text = s, text[s : m.end]


def _tok_key(tok: Token, first: bool) -> str:
    """Search form of a token for gazetteer lookup (first token: proclitics off, article kept)."""
    if not first:
        return tok.norm
    core = normalize(tok.text[_core_start(tok) - tok.start :])
    if any(g.kind == "article" for g in tok.segments) and not core.startswith("ال"):
        core = "ال" + core
    return core


def _strip_al(s: str) -> str:
    return s[2:] if s.startswith("ال") and len(s) > 4 else s


def _date_window(pub: DateValue | None) -> tuple[dt.date, dt.date] | None:
    if pub is None:
        return None
    v = pub.value
    try:
        if v and not v.startswith("X"):
            if pub.precision == "day":
                d = dt.date.fromisoformat(v[:10])
                return d, d
            y = int(v[:4])
            if pub.precision == "month" and len(v) >= 7:
                m = int(v[5:7])
                nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
                return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if pub.earliest and pub.latest:
            return dt.date.fromisoformat(pub.earliest), dt.date.fromisoformat(pub.latest)
    except ValueError:
        return None
    return None


class Resolver:
    def __init__(self, kb: KnowledgeBase | None = None, ner=None) -> None:
        self.kb = kb or knowledge_base()
        self._ner = ner
        self._gaz: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
        self._known_forms: set[str] = set()  # the forms the gazetteer looks for
        self._towns: dict[str, str] = {}  # smaller cities: named only in an article about their country
        for a in self.kb.actors.values():
            if a.kind == "city" and a.population < 1_000_000:
                self._add_town(a)
                continue
            for f in a.forms:
                nf = normalize(f).split()
                toks = tuple(_strip_al(t) if i == 0 else t for i, t in enumerate(nf))
                if len(toks) == 1 and a.type == "LOC" and a.kind != "country" and _common_noun(toks[0], nf[0] != toks[0]):
                    continue  # «مدينة» (city) is not Medina, «العين» (eye) not Al Ain
                if toks:
                    self._gaz.setdefault(toks[0], []).append((toks, a.id, nf[0] != toks[0]))
                    self._known_forms.add(" ".join(nf))
        for lst in self._gaz.values():
            # longest form first; a name shared by a state and its own capital («الكويت», «تونس»,
            # «الجزائر») is the state unless a longer form («مدينة الكويت») says otherwise — but
            # «عمان» (Amman, Jordan / Oman) is not such a pair
            items = list(lst)  # (a list being sorted reads as empty)

            def key(x: tuple[tuple[str, ...], str, bool], items=items) -> tuple[int, bool]:
                a = self.kb.actors[x[1]]
                twin = a.kind == "country" and any(
                    y[0] == x[0] and self.kb.actors[y[1]].kind == "capital" and self.kb.actors[y[1]].country == a.country
                    for y in items)
                return (-len(x[0]), not twin)
            lst.sort(key=key)
        # forms of two words or more also by their first two words (generated ministries give «وزارة» thousands)
        self._gaz2: dict[tuple[str, str], list[tuple[tuple[str, ...], str, bool]]] = {}
        for first, lst in self._gaz.items():
            for x in lst:
                if len(x[0]) > 1:
                    self._gaz2.setdefault((first, x[0][1]), []).append(x)
            self._gaz[first] = [x for x in lst if len(x[0]) == 1]
        self._title_rx = self._compile_titles()
        self._latin = _latin_names(self.kb)
        self._state_forms = {a.id: a.forms for a in self.kb.actors.values() if a.kind == "country"}

    def _add_town(self, a: Actor) -> None:
        """A city of 100,000 people or more, by its single-word forms that are no common word
        («مدينة»; «الخبر», whose bare «خبر» the corpus writes often, is "the news")."""
        if a.population < _TOWN_POPULATION:
            return
        for f in a.forms:
            nf = normalize(f)
            if " " not in nf and not (_bare_word(nf) if nf.startswith("ال") else _common_noun(nf, False)):
                self._towns[nf] = a.id if self._towns.get(nf, a.id) == a.id else ""

    def _towns_of_countries(self, text: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
        """Smaller cities (``_towns``) of the countries the article names (by a country or one of its
        places), where no mention is: «الطائف» in an article about Saudi Arabia."""
        countries = {self.kb.actors[m.entity].country for m in mentions
                     if m.type == "LOC" and m.entity in self.kb.actors} - {""}
        if not countries:
            return []
        taken = [(m.start, m.end) for m in mentions]
        out: list[Mention] = []
        for t in toks:
            aid = self._towns.get(_tok_key(t, True)) if t.kind == "word" else None
            if aid and self.kb.actors[aid].country in countries and not any(a < t.end and t.start < b for a, b in taken):
                s = _core_start(t)
                out.append(Mention(s, t.end, text[s : t.end], "LOC", aid, "gazetteer+country", 0.8))
        return out

    @property
    def ner(self):
        if self._ner is None:
            from .ensemble import default_ner

            self._ner = default_ner()
        return self._ner

    def _compile_titles(self) -> list[tuple[str, re.Pattern[str], tuple[str, ...]]]:
        """Per role with titles: its id, the pattern of its titles, and the titles' first words (a text
        holding none of them cannot match the pattern)."""
        out = []
        for rid, role in self.kb.roles.items():
            if not role.titles:
                continue
            base = {normalize(t) for t in role.titles}
            # «للأمين العام» = ل + الأمين العام (the article's alef drops after the preposition ل)
            alts = sorted(base | {"ل" + t[1:] for t in base if t.startswith("ال")}, key=len, reverse=True)
            alt = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
            heads = tuple(sorted({a.split(" ", 1)[0] for a in alts}))
            out.append((rid, re.compile(rf"(?<![\u0621-\u064a])(?P<pre>[وفب]|ل(?!ل))?(?P<title>{alt})(?![\u0621-\u064a])"),
                        heads))
        return out

    # ------------------------------------------------------------------ detection
    def _gazetteer(self, toks: list[Token]) -> list[_Cand]:
        out: list[_Cand] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind == "latin" and t.text in self._latin:  # «CNN», «BBC»: an organisation's own name
                aid = self._latin[t.text]
                out.append(_Cand(t.start, t.end, self.kb.actors[aid].type, "gaz", aid, i, i + 1))
            if t.kind != "word":
                i += 1
                continue
            key = _tok_key(t, True)
            first = _strip_al(key)
            start = _core_start(t)
            best = None
            # «بان كي مون», «وبحر إيجه»: a name of several words whose first letter looks like a proclitic
            for g in (g for g in t.segments if g.kind == "proclitic" and g.start < start):
                whole = normalize(t.text[g.start - t.start :])
                if (best := self._match_at(toks, i, _strip_al(whole), whole.startswith("ال"), longer_only=True)):
                    start = g.start
                    break
            best = best or self._match_at(toks, i, first, key.startswith("ال"))
            if best and i and self.kb.actors[best[1]].sector == "GOV" and _tok_key(toks[i - 1], True) in _NOT_A_MINISTRY_AFTER:
                best = None  # «وزير الداخلية الفرنسية», «السياسة الخارجية التركية»: a title or a policy, not the ministry
            if best:
                n, aid, had_al = best
                a = self.kb.actors[aid]
                single = n == 1
                core = normalize(t.text[start - t.start :])
                weak = single and (
                    a.kind == "person"
                    or core in {normalize(w) for w in a.weak}
                    or (a.kind != "country" and _common_noun(first, had_al))
                )
                out.append(_Cand(start, toks[i + n - 1].end, a.type, "gaz-weak" if weak else "gaz", aid, i, i + n))
                i += n
            else:
                i += 1
        return out

    def _match_at(self, toks: list[Token], i: int, first: str, tok_has_al: bool, longer_only: bool = False
                  ) -> tuple[int, str, bool] | None:
        """(words, actor, form has the article) of the longest gazetteer form starting at token ``i`` whose
        first word is ``first`` (``longer_only``: forms of two words or more only)."""
        longer = self._gaz2.get((first, toks[i + 1].norm), ()) if i + 1 < len(toks) else ()
        for form, aid, had_al in (*longer, *(() if longer_only else self._gaz.get(first, ()))):
            n = len(form)
            if i + n > len(toks) or (had_al and not tok_has_al and n == 1):
                continue  # «المدينة» is a name, «مدينة» a noun
            if n == 1 and tok_has_al and not had_al and self.kb.actors[aid].kind in ("country", "capital", "city"):
                continue  # «مالي» is Mali, «المالي» financial
            if all(toks[i + k].norm == form[k] for k in range(1, n)):
                return n, aid, had_al
        return None

    def _ner_spans(self, sentences: list[Sentence], offsets: list[int]) -> list[_Cand]:
        from .crf import bio_to_spans

        words = [[t.text for t in s.tokens] for s in sentences]
        tags = self.ner.tag_document(words)
        whole = self._whole_names([t for s in sentences for t in s.tokens])
        out: list[_Cand] = []
        for s, off, ts in zip(sentences, offsets, tags, strict=True):
            for sp in bio_to_spans(ts):
                a, b = s.tokens[sp.start], s.tokens[sp.end - 1]
                start = a.start if off + sp.start in whole else _core_start(a)
                out.append(_Cand(start, b.end, sp.type, "ner", None, off + sp.start, off + sp.end))
        return out

    def _whole_names(self, toks: list[Token]) -> set[int]:
        """Indexes of tokens whose first letter looks like a proclitic but belongs to the name. Never
        when the article uses the remainder alone («الخاص بآبل» … «آبل»); else when the whole form is a
        known name, or the remainder is none and the token follows a preposition (a second one cannot
        follow: «قريبا من باغا» is Baga, not «ب» + «اغا») or the article repeats the whole form
        («فيصل» … «فيصل», never «يصل»); or the corpus never writes the remainder alone but the whole form
        several times («والتر», not «و» + «التر»)."""
        counts: dict[str, int] = {}
        for t in toks:
            counts[t.norm] = counts.get(t.norm, 0) + 1
        out: set[int] = set()
        for i, t in enumerate(toks):
            segs = t.segments
            if t.kind != "word" or len(segs) < 2 or segs[0].kind != "proclitic":
                continue
            rest = normalize(t.text[segs[1].start - t.start :])
            if segs[1].kind != "stem" or len(segs) != 2:
                fused = segs[1].kind == "article" and segs[1].end - segs[1].start == 1  # «لليمن»: ل + (ا)ل
                if not fused and not counts.get(rest) and _unseen_alone(t.norm, rest):
                    out.add(i)
                continue
            if _given_name_before_bin(toks, i, rest):
                out.add(i)  # «فيصل بن منير»: a name before «بن» (even where the article also writes «يصل»)
                continue
            if counts.get(rest):
                continue  # the article uses the remainder alone: «الخاص بآبل» … «آبل» is ب + Apple, not Babylon
            if self._known_from(toks, i, t.norm):  # also «فرانس برس»: not ف + «رانس برس»
                out.add(i)
            elif self._known_from(toks, i, rest):  # «لوكالة الأنباء الفرنسية»: ل + the agency
                continue
            elif (i and toks[i - 1].norm in _PREPOSITIONS and t.norm[:1] in "بلك") or (
                    counts[t.norm] >= 2 and not _conjoined_name(t.norm, rest)):
                out.add(i)
            elif _unseen_alone(t.norm, rest):
                out.add(i)
        return out

    def _known_from(self, toks: list[Token], i: int, first: str, most: int = 4) -> bool:
        """Is ``first`` (token ``i``'s form, whole or without its proclitic) a KB name alone or with
        the tokens after it?"""
        form = first
        for k in range(i + 1, min(len(toks), i + most) + 1):
            if form in self.kb.form_index:
                return True
            if k < len(toks):
                form = f"{form} {toks[k].norm}"
        return False

    # ------------------------------------------------------------------ linking
    def _link_span(self, text: str, type_: str) -> tuple[Actor | None, float, str]:
        want = {"PER": ("person",), "ORG": ("org",), "LOC": ("country", "capital", "city", "region"),
                "MISC": ("org", "country")}.get(type_, ())
        cands = [a for a in self.kb.exact(text) if a.kind in want]
        states = {a.country for a in cands if a.kind == "country"}
        if any(a.kind == "capital" and a.country in states for a in cands):  # «الكويت»: the state
            cands.sort(key=lambda a: a.kind != "country")
        words = normalize(text).split()
        if type_ == "LOC" and len(words) == 1 and _common_noun(_strip_al(words[0]), words[0].startswith("ال")):
            # the tagger marked a word that is also a common noun as a place: states and capitals
            # only («الرياض» is Riyadh; «العين» stays an eye)
            cands = [a for a in cands if a.kind in ("country", "capital")]
        if cands:
            return cands[0], 1.0, "exact"
        if type_ in ("PER", "ORG", "LOC"):
            fz = [(a, sc) for a, sc in self.kb.fuzzy(text) if a.kind in want]
            if fz and (len(fz) == 1 or fz[0][1] > fz[1][1]):
                return fz[0][0], fz[0][1], "variant"
        if type_ == "PER" and " " in text.strip():
            last = text.split()[-1]
            fz = [(a, sc) for a, sc in [(a, 1.0) for a in self.kb.exact(last)] + self.kb.fuzzy(last) if a.kind == "person"]
            ids = {a.id for a, _ in fz}
            if len(ids) == 1:
                # The KB knows the surname; the first name must not contradict a KB full form.
                a = fz[0][0]
                firsts = {skeleton(f.split()[0]) for f in a.forms if len(f.split()) > 1}
                if not firsts or skeleton(text.split()[0]) in firsts:
                    return a, 0.7, "surname"
        return None, 0.0, ""

    def resolve(self, text: str, sentences: list[Sentence], published: DateValue | None,
                desk: Span | None = None, home: str | None = None) -> tuple[list[Mention], list[Entity]]:
        """``desk``: the opening dateline («دبي، الإمارات (CNN)—»), whose places say where the
        desk is, not where the story happens; ``home``: the outlet's country."""
        toks = [t for s in sentences for t in s.tokens]
        offsets = _sentence_offsets(sentences)
        ner_c = self._ner_spans(sentences, offsets) if toks else []
        gaz_c = self._gazetteer(toks)
        cands = self._merge_candidates(text, ner_c, gaz_c)
        clubs = _club_spans(text, cands)
        if clubs:  # «باريس سان جيرمان» is a club, not Paris and a person
            cands = _with_clubs(cands, clubs)
        mentions = _with_media(text, self._candidate_mentions(text, cands, clubs))
        mentions = with_quoted_names(text, mentions, self.kb)  # «حزب "الفجر الذهبي"», «برنامج «مسارات»»
        mentions = _disambiguate(text, mentions, self.kb)  # «سلطنة عمان» Oman, «العاصمة الأردنية عمان» Amman
        self._surname_alias_as_first_name(text, mentions)  # «هادي البحرة» is not President Hadi
        mentions = sorted(mentions + self._towns_of_countries(text, toks, mentions), key=lambda m: (m.start, -m.end))
        mentions = dotted_names(text, self._with_head_names(text, _person_spans_trimmed(text, toks, mentions)))
        _event_names(text, mentions)  # «بطولة كأس العالم 2018» → «كأس العالم 2018»
        self._orgs_without_roles(text, mentions)  # «محافظ مؤسسة النقد العربي السعودي» → the agency
        mentions = _conjoined_people(text, mentions)  # «ماكيل اوين وسواريز» → two people
        self._relink(restore_name_letters(text, toks, mentions, self._known_forms), mentions)
        place_parts(text, mentions)  # «مصر القديمة»: Ancient Egypt, not Egypt
        self._link_kb_surnames(mentions)
        mentions = sorted(mentions + first_name_mentions(text, toks, mentions), key=lambda m: (m.start, -m.end))
        _link_unknown_names(mentions)
        link_name_parts(text, mentions)  # «ديفيد باير» … «باير», «فلورانس بارلي» … «فلورانس»
        mentions = repeated_names(text, mentions)  # «كمبردج أناليتيكا» wherever the article repeats it
        mentions += surname_mentions(text, toks, mentions)  # «وقال قطان» the tagger missed
        mentions += state_heads(text, mentions, self._state_forms, home)  # «المملكة» after «المملكة العربية السعودية»
        mentions = nationality_adjectives(text, mentions, self.kb.nationality)  # «القوات السورية»: Syrian
        mentions = self._titles_over_unknown(mentions, self._titles(text, mentions, published))
        _honorifics_before_names(text, mentions)  # «خادم الحرمين الشريفين الملك سلمان»: only the name is one
        mentions = self._without_common_surnames(mentions)
        mentions += self._org_coref(text, toks, mentions)  # «ميليشيات الحوثي … الميليشيات»: the Houthis
        mentions += _head_coref(text, mentions)  # «الاتحاد المصري لكرة القدم … وهدد الاتحاد»
        mentions += self._generic_with_names(text, sentences, mentions, desk)
        mentions.sort(key=lambda m: (m.start, -m.end))
        uniq = _unique_spans(mentions)
        return uniq, self._entities(uniq, self._office_codes(text, uniq))

    @staticmethod
    def _titles_over_unknown(mentions: list[Mention], titles: list[Mention]) -> list[Mention]:
        """A title that the tagger took as an unknown name of the same span («خادم الحرمين الشريفين» as a
        person or organisation of its own): the title's holder, still a name (the guidelines tag it PER)."""
        unknown = {(m.start, m.end): m for m in mentions if (m.entity or "").startswith("new:")}
        gone: set[int] = set()
        for t in titles:
            m = unknown.pop((t.start, t.end), None)
            if m is not None:
                gone.add(id(m))
                t.method = "ner+" + t.method
        return [m for m in mentions if id(m) not in gone] + titles

    def _merge_candidates(self, text: str, ner_c: list[_Cand], gaz_c: list[_Cand]) -> list[_Cand]:
        """Merge: gazetteer spans win over overlapping NER spans, weak gazetteer spans need NER
        support. Sorted by start."""
        cands: list[_Cand] = []
        ner_by_tok: dict[int, _Cand] = {}
        for c in ner_c:
            for i in range(c.tok_start, c.tok_end):
                ner_by_tok[i] = c
        used_ner: set[int] = set()
        named_people: set[str] = set()  # people already named in full: their surname alone is them
        for g in gaz_c:
            overl = {id(ner_by_tok[i]) for i in range(g.tok_start, g.tok_end) if i in ner_by_tok}
            if _weak_unsupported(text, g, ner_c, overl, named_people):
                continue
            if g.source == "gaz" and self.kb.actors[g.actor or ""].kind == "person":
                named_people.add(g.actor or "")
            g.source = "gazetteer"
            a = self.kb.actors.get(g.actor or "")
            town = a is not None and g.tok_end - g.tok_start == 1 and a.kind in ("city", "region")
            cands.append(_extended_by_ner(g, ner_c, overl, town))
            used_ner |= overl
        for c in ner_c:
            if id(c) not in used_ner:
                cands.append(c)
        cands.sort(key=lambda c: c.start)
        return cands

    def _without_common_surnames(self, mentions: list[Mention]) -> list[Mention]:
        """A known person's one-word form that unlabeled text shows to be a common noun («المعلم», the
        teacher, is also Walid al-Muallem), in an article that never names the person in full: the noun."""
        full = {m.entity for m in mentions if m.type == "PER" and (len(m.text.split()) > 1 or "title" in m.method)}
        out = []
        for m in mentions:
            a = self.kb.actors.get(m.entity or "") if m.type == "PER" else None
            form = normalize(m.text)
            if (a is not None and a.kind == "person" and m.entity not in full and " " not in form and "title" not in m.method
                    and form.startswith("ال") and _common_noun(_strip_al(form), True)):
                continue
            out.append(m)
        return out

    def _candidate_mentions(self, text: str, cands: list[_Cand], clubs: dict[tuple[int, int], str]) -> list[Mention]:
        """The mentions of the merged candidates, each linked where it can be (in order)."""
        mentions: list[Mention] = []
        for c in cands:
            m = self._candidate_mention(text, c, clubs)
            if m is not None:
                mentions.append(m)
        return mentions

    def _candidate_mention(self, text: str, c: _Cand, clubs: dict[tuple[int, int], str]) -> Mention | None:
        """One candidate as a mention: a club, a gazetteer actor, or an NER span linked to the
        knowledge base (or not); ``None`` for what is no name."""
        surface = text[c.start : c.end]
        if len(normalize(surface).replace(" ", "")) < 3 and not c.actor:
            return None  # «مو», «أ»: too short to be a name we can identify
        if c.source == "club":
            return Mention(c.start, c.end, surface, "ORG", f"new:ORG:{skeleton(clubs[c.start, c.end])}", "club", 0.8)
        if not c.actor and is_not_actor(surface):
            return None  # a currency or a unit the tagger took for a name
        if c.actor:
            a = self.kb.actors[c.actor]
            return Mention(c.start, c.end, surface, a.type, a.id, "gazetteer", 0.95)
        a, conf, how = self._link_span(surface, c.type)
        if a:
            return Mention(c.start, c.end, surface, a.type if c.type != "MISC" else "MISC", a.id,
                           f"ner+{how}", round(0.9 * conf, 3))
        return Mention(c.start, c.end, surface, c.type, None, "ner", 0.6)

    def _with_head_names(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Organisation and event names on a head noun (kb/names.py: «منتخب البرازيل», «كأس العالم»,
        «الاتحاد المصري لكرة القدم») in place of the mentions inside them (no nesting), except a
        known place inside an event's name, which the events layer reads; a name that crosses a
        mention's edge, or lies inside one, is left out."""
        named = [m for m in mentions if not m.method.startswith("media")]
        media = [m for m in mentions if m.method.startswith("media")]
        out = list(mentions)
        places = frozenset(m.start for m in named if m.type == "LOC")
        for ns in name_spans(text, [(m.start, m.end) for m in named], places):
            if any(m.start < ns.end and ns.start < m.end for m in media):
                continue  # «وكالة رويترز للأنباء» is the outlet
            inside = [m for m in out if ns.start <= m.start and m.end <= ns.end]
            if any(m.start < ns.end and ns.start < m.end and m not in inside for m in out):
                continue
            head_end = text.find(" ", ns.start, ns.end)
            known = [m for m in inside if m.entity in self.kb.actors]
            if ns.type != "LOC" and any(
                    m.start < head_end and (m.type == "ORG" or (m.end == ns.end and m.start > ns.start)) for m in known):
                continue  # «جماعة الإخوان المسلمين المصرية», «للاتحاد السوفيتي»: the known name stays
            same = next((m for m in inside if (m.start, m.end) == (ns.start, ns.end)), None)
            if same is not None:  # the tagger or the knowledge base has this very name
                if same.type != ns.type and (not same.entity or same.entity.startswith("new:")):
                    same.type, same.entity = ns.type, f"new:{ns.type}:{skeleton(same.text)}"  # «شركة لوكهيد مارتن»
                continue
            surface = text[ns.start : ns.end]
            a, conf, how = self._link_span(surface, ns.type)
            if ns.type == "MISC":  # «قمة لشبونة», «مونديال روسيا»: the known place stays too (where it happens)
                inside = [m for m in inside if not (m.type == "LOC" and m.entity and m.entity in self.kb.actors)]
            out = [m for m in out if m not in inside]
            ent = a.id if a and how == "exact" else f"new:{ns.type}:{_name_key(surface)}"
            if ent.startswith("new:") and ns.type == "ORG":  # «حركة حماس الفلسطينية»: Hamas
                ent = next((m.entity for m in known if m.type == "ORG"), ent) or ent
            out.append(Mention(ns.start, ns.end, surface, ns.type, ent, f"pattern:{ns.head}", 0.75))
        return sorted(out, key=lambda m: (m.start, -m.end))

    def _relink(self, changed: set[int], mentions: list[Mention]) -> None:
        """Look up again the links of mentions whose span changed (a tagger or pattern span only)."""
        for m in mentions:
            if id(m) in changed and not m.method.startswith(("gazetteer", "club", "media")):
                a, conf, how = self._link_span(m.text, m.type)
                m.entity = a.id if a and a.type == m.type else None

    def _surname_alias_as_first_name(self, text: str, mentions: list[Mention]) -> None:
        """A known person's one-word alias that is his surname («هادي» for «عبد ربه منصور هادي»), written
        before a family name the news corpus hardly knows («هادي البحرة»), is someone else's first name: the
        mention takes the family name and leaves the known person."""
        vocab = vocabulary()
        starts = {m.start for m in mentions}
        for m in mentions:
            a = self.kb.actors.get(m.entity or "")
            if m.type != "PER" or a is None or " " in m.text.strip() or not _surname_alias(a.forms, m.text):
                continue
            nxt = re.match(r"\s+(ال[\u0621-\u064a]{3,})(?![\u0621-\u064a])", text[m.end : m.end + 30])
            if nxt is None or m.end + nxt.start(1) in starts or vocab.get(normalize(nxt.group(1)), 0) >= _RARE_FAMILY_AFTER_ALIAS:
                continue
            m.end = m.end + nxt.end(1)
            m.text = text[m.start : m.end]
            m.entity, m.method = f"new:PER:{_name_key(m.text)}", "gazetteer+family-name"

    def _orgs_without_roles(self, text: str, mentions: list[Mention]) -> None:
        """An organisation the tagger read with the role before it («محافظ مؤسسة النقد العربي السعودي»): the
        role is no part of the name (its holder is a person); the rest is the organisation, linked anew."""
        roles = word_list("apposed_roles.txt")
        for m in mentions:
            words = m.text.split()
            if m.type != "ORG" or len(words) < 3 or normalize(words[0]).removeprefix("و") not in roles:
                continue
            cut = m.text.index(words[1], len(words[0]))
            a, _, how = self._link_span(m.text[cut:], "ORG")
            if not (a is not None and how == "exact") and head_at(normalize_same_length(words[1])) is None:
                continue  # «مستشار الأمن القومي الأمريكي»: a role whose rest names no organisation
            m.start, m.text = m.start + cut, m.text[cut:]
            m.entity = a.id if a is not None and how == "exact" else f"new:ORG:{_name_key(m.text)}"

    def _link_kb_surnames(self, mentions: list[Mention]) -> None:
        """A surname after a KB person's full name in the same article: «محمود عباس» … «عباس»."""
        kb_surnames: dict[str, str] = {}
        for m in mentions:
            words = m.text.split()
            if m.entity and m.type == "PER" and m.entity in self.kb.actors and len(words) > 1 and (
                    normalize(words[-2]) not in _PATRONYM):  # «محمد بن سلمان»: «سلمان» is his father, not him
                kb_surnames.setdefault(skeleton(words[-1]), m.entity)
        for m in mentions:
            if m.type == "PER" and not m.entity and " " not in m.text.strip():
                hit = kb_surnames.get(skeleton(m.text))
                if hit:
                    m.entity, m.method = hit, "ner+coref-surname"

    def _titles(self, text: str, mentions: list[Mention], published: DateValue | None) -> list[Mention]:
        """Titles not attached to a name: by date (office terms) or by earlier apposition."""
        norm = normalize_same_length(text)
        window = _date_window(published)
        person_spans = [(m.start, m.end, m.entity) for m in mentions if m.type == "PER"]
        out: list[Mention] = []
        # Titles contain organisation/place names («الأمين العام لحلف الناتو»): those nested
        # mentions stay; only a person mention blocks a title.
        taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions if m.type == "PER"]
        unknown = {(m.start, m.end) for m in mentions if (m.entity or "").startswith("new:")}  # a title the NER took
        # Titles seen in apposition with a linked person: later bare uses refer to them, also
        # shortened («ممثل روسيا» after «ممثل روسيا لدى الناتو دميتري روجوزين»).
        appos: dict[str, str] = {}
        short_titles: dict[str, str] = {}
        for rid, rx, heads in self._title_rx:
            if not any(h in norm for h in heads):
                continue
            for tm in rx.finditer(norm):
                s, e = tm.start("title"), tm.end()
                if tm.group("title").startswith("لل"):  # «للأمين»: the mention starts after ل
                    s += 1
                if (s, e) not in unknown and any(a < e and s < b for a, b in taken):
                    continue
                attached = None
                for a, b, ent in person_spans:
                    if (b <= s and _SEP_RE.match(norm[b:s])) or (e <= a and _SEP_RE.match(norm[e:a])):
                        attached = ent
                        break
                if attached:
                    appos[rid] = attached or ""
                    words = tm.group("title").split()
                    if len(words) >= 3 and attached:
                        short_titles.setdefault(" ".join(words[:2]), attached)
                    continue
                who = None
                how = ""
                if rid in appos and appos[rid]:
                    who, how = appos[rid], "title+coref"
                elif window:
                    h = self.kb.sole_holder(rid, *window)
                    if h:
                        who, how = h.id, "title+date"
                if who:
                    out.append(Mention(s, e, text[s:e], "PER", who, how, 0.8 if how == "title+date" else 0.7))
                    taken.append((s, e))
        first_use = {m.entity: m.start for m in mentions if m.type == "PER" and m.entity}
        for phrase, who in short_titles.items():
            pat = re.escape(phrase).replace(r"\ ", r"\s+")
            rx = re.compile(r"(?<![\u0621-\u064a])(?:[وفبل])?(" + pat + r")(?![\u0621-\u064a])")
            for tm in rx.finditer(norm):
                s, e = tm.start(1), tm.end(1)
                if s <= first_use.get(who, -1) or any(a < e and s < b for a, b in taken):
                    continue
                if any((b <= s and _SEP_RE.match(norm[b:s])) or (e <= a and _SEP_RE.match(norm[e:a]))
                       for a, b, _ in person_spans):
                    continue  # followed or preceded by a name: not an anaphor
                out.append(Mention(s, e, text[s:e], "PER", who, "title+coref", 0.65))
                taken.append((s, e))
        return out

    def _generic_with_names(self, text: str, sentences: list[Sentence], mentions: list[Mention],
                            desk: Span | None = None) -> list[Mention]:
        """The unnamed actors (:meth:`_generic`), read as if the head-noun names unknown to the
        knowledge base were not there; a head-noun name that the generic reading codes from its
        start («وزارة الصحة الفلسطينية»: PSE_GOV) takes that code, and generic actors inside a
        name are dropped."""
        unknown = [m for m in mentions if m.method.startswith("pattern:") and (m.entity or "").startswith("new:")]
        gen = self._generic(text, sentences, [m for m in mentions if m not in unknown], desk)
        out = []
        for g in gen:
            p = next((m for m in unknown if m.start <= g.start < m.end or g.start <= m.start < g.end), None)
            if p is None:
                out.append(g)
            elif g.start == p.start and re.fullmatch(r"[A-Z]{3}_[A-Z]{3}", g.entity or ""):
                p.entity = g.entity
        return out

    def _generic(self, text: str, sentences: list[Sentence], mentions: list[Mention], desk: Span | None = None
                 ) -> list[Mention]:
        """Unnamed actors as GDELT codes them: country + type («الشرطة الإيرانية» → IRN_COP,
        «محتجين» in Tehran → IRN_CVL, «آلاف الفلسطينيين» → PSE_CVL). Only when the country can
        be told: an adjective after the noun, the same kind of actor named with its country
        earlier, a place or a free nationality word in the sentence, the article's main country."""
        # The dateline («أتلانتا، الولايات المتحدة (CNN)») names the desk, not where things happen.
        countries = [m for m in mentions if m.type == "LOC" and m.entity and self.kb.get(m.entity)
                     and not (desk is not None and desk.start <= m.start < desk.end)]
        sc = _GenericScene(text, normalize_same_length(text), [(m.start, m.end) for m in mentions], countries)
        found = self._generic_nouns(sc)
        adj_spans = [(s, e) for s, e, _, iso in found if iso]
        sc.default, sc.free_nats = self._main_country(sc, adj_spans)
        out = self._generic_actors(sc, sentences, mentions, found)
        out += _generic_heads(sc, out)
        out += self._nationality_subjects(sc)
        out += self._counted_nationals(sc)
        return out

    def _generic_nouns(self, sc: _GenericScene) -> list[tuple[int, int, str, str | None]]:
        """Pass 1: the generic nouns not inside a mention nor after a title head, each as (start,
        end with its nationality adjective, sector, country or ``None``)."""
        nouns = _generic_lexicon()
        found: list[tuple[int, int, str, str | None]] = []
        for mt in nouns.finditer(sc.norm):
            s, e = mt.start("n"), mt.end("n")
            if any(a < e and s < b for a, b in sc.taken):
                continue
            prev = sc.norm[max(0, s - 12) : s].split()
            if prev and (prev[-1] in _TITLE_HEADS or _PROCLITIC_HEAD.sub("", prev[-1]) in _TITLE_HEADS):
                continue  # «وزير الخارجية الروسي»: a title, not the ministry
            iso, e = self._noun_country(sc, e)
            found.append((s, e, nouns_sector(mt.group("n")), iso))
        return found

    def _noun_country(self, sc: _GenericScene, e: int) -> tuple[str | None, int]:
        """Country of a generic noun ending at ``e`` from what follows it, and the end extended
        over a nationality adjective: «الشرطة الإيرانية», «محتجون من كوريا الجنوبية»."""
        adj = _ADJ_AFTER.match(sc.norm[e : e + 30])
        if adj and (iso := self.kb.adjective_nationality(adj.group(0).strip())):
            return iso, e + adj.end()
        if (frm := _FROM_AFTER.match(sc.norm[e : e + 8])) is not None:
            state = next((m for m in sc.countries if m.start == e + frm.end()
                          and self.kb.actors[m.entity].kind == "country"), None)
            if state is not None:
                return self.kb.actors[state.entity].country, e  # «محتجون من كوريا الجنوبية»
        return None, e

    def _main_country(self, sc: _GenericScene, adj_spans: list[tuple[int, int]]
                      ) -> tuple[str | None, list[tuple[int, str]]]:
        """The article's main country (the most counted of its places and its nationality
        words), and the free nationality words (not an adjective of a noun, not in a mention)."""
        cnt: dict[str, int] = {}
        for m in sc.countries:
            c = self.kb.actors[m.entity].country
            if c and c != "IGO":
                cnt[c] = cnt.get(c, 0) + 1
        free_nats: list[tuple[int, str]] = []
        for w in _WORD4.finditer(sc.norm):
            iso = self.kb.nationality(w.group(0))
            if iso:
                cnt[iso] = cnt.get(iso, 0) + 1
                if not any(a <= w.start() < b for a, b in adj_spans + sc.taken):
                    free_nats.append((w.start(), iso))
        default = max(cnt, key=lambda k: cnt[k]) if cnt else None
        return default, free_nats

    def _generic_actors(self, sc: _GenericScene, sentences: list[Sentence], mentions: list[Mention],
                        found: list[tuple[int, int, str, str | None]]) -> list[Mention]:
        """Pass 2: the nouns found as mentions: members of a named armed group are that group,
        the others get a country (those whose country cannot be told are left out)."""
        out: list[Mention] = []
        seen_sector: dict[str, str] = {}  # «الشرطة الهندية» … «الشرطة»: the same country later
        groups = {m.start: m for m in mentions if m.entity and (a := self.kb.get(m.entity)) is not None
                  and a.kind == "org" and a.sector in ("REB", "MIL")}
        bodies = {m.start: m for m in mentions if m.entity and (a := self.kb.get(m.entity)) is not None
                  and a.kind == "org" and a.country == "IGO"}
        for s, e, sector, iso in found:
            part_of = _PART_OF_AFTER.match(sc.norm[e : e + 6])
            if part_of and not part_of.group(0).strip() and iso is not None and _DEFINITE_NOUN.match(sc.norm, s):
                # «واتهم الجيش اليمني الحوثيين»: a definite noun with its own nationality takes no genitive; the
                # group after it is the verb's object («المتمردين الحوثيين», side by side, are the same group)
                part_of = None
            grp = groups.get(e + part_of.end()) if part_of and sector in ("REB", "MIL") else None
            if grp is None and sector == "GOV" and (within := _IN_BODY_AFTER.match(sc.norm[e : e + 8])):
                grp = bodies.get(e + within.end())  # «المسؤولون في الحلف», «مسؤولين من الاتحاد الأوروبي»
            if grp is not None:
                # «مسلحين من تنظيم القاعدة», «مسلحي داعش»: members of a named armed group are that group
                out.append(Mention(s, e, sc.text[s:e], "ORG", grp.entity, "generic", 0.6))
                sc.taken.append((s, e))
                continue
            sent = next((x for x in sentences if x.start <= s < x.end), None)
            if iso is not None:
                seen_sector[sector] = iso
            iso = self._actor_country(sc, s, iso or seen_sector.get(sector), sent)
            if iso == "IGO":
                continue
            iso = iso or "XXX"  # «الشرطة» in a text that names no country: an actor of unknown country
            out.append(Mention(s, e, sc.text[s:e], "ORG", f"{iso}_{sector}", "generic", 0.6))
            sc.taken.append((s, e))
        return out

    def _actor_country(self, sc: _GenericScene, s: int, iso: str | None, sent: Sentence | None) -> str | None:
        """Country of an unnamed actor at ``s``: ``iso`` when known, else a place in its
        sentence, the article's main country, the nearest free nationality word in the sentence."""
        if iso is None and sent is not None:
            # a place in the sentence: a city or region, or a state named as a place («في
            # إيران»); a state acting in the sentence («عقوبات تفرضها الولايات المتحدة») is not it
            local = [m for m in sc.countries if sent.start <= m.start < sent.end and (
                self.kb.actors[m.entity].kind != "country" or _LOCATIVE_BEFORE.search(sc.norm, max(0, m.start - 14), m.start))]
            if local:
                iso = self.kb.actors[local[0].entity].country or None
        iso = iso or sc.default
        if iso is None and sent is not None:  # «مصادر طبية فلسطينية … المحتجين»
            near = sorted((abs(p - s), i) for p, i in sc.free_nats if sent.start <= p < sent.end)
            if near:
                iso = near[0][1]
        return iso or sc.default

    def _nationality_subjects(self, sc: _GenericScene) -> list[Mention]:
        """«وقال الفلسطينيون»: a plural nationality as the subject after a verb is its civilians."""
        out: list[Mention] = []
        for mt in _VERB_NATIONALITY.finditer(sc.norm):
            v = mt.group("v").removeprefix("و").removeprefix("ف")
            s, e = mt.start("n"), mt.end("n")
            verbish = (v[:1] in "يت" and len(v) >= 4) or v.endswith(("وا", "ت")) or v in _BEFORE_SUBJECT or (
                len(v) >= 6 and v.endswith(("ها", "هم")))  # «خطوة انتقدها الفلسطينيون»: a verb with its object
            iso = self.kb.nationality(mt.group("n")) if verbish else None
            if iso and not any(a < e and s < b for a, b in sc.taken):
                out.append(Mention(s, e, sc.text[s:e], "ORG", f"{iso}_CVL", "generic", 0.5))
                sc.taken.append((s, e))
        return out

    def _counted_nationals(self, sc: _GenericScene) -> list[Mention]:
        """«آلاف الفلسطينيين», «مئات العراقيين», «دعوته للعراقيين»: a counted nationality, or one
        governed by a preposition, is a group of civilians (after a noun it is an adjective)."""
        out: list[Mention] = []
        norm = sc.norm
        for mt in list(_counted().finditer(norm)) + list(_governed_nationality().finditer(norm)):
            s, e = mt.start("n"), mt.end("n")
            n = mt.group("n")
            iso = self.kb.nationality(n) or self.kb.nationality("ال" + n) or (
                self.kb.nationality(n[:-1]) if n.endswith("يا") else None)
            if iso and not any(a < e and s < b for a, b in sc.taken):
                out.append(Mention(s, e, sc.text[s:e], "ORG", f"{iso}_CVL", "generic", 0.5))
                sc.taken.append((s, e))
        return out

    def _org_coref(self, text: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
        """Short anaphoric forms («الحلف», «التنظيم») after an organisation that has them: the
        most recently named organisation with that form is meant («تنظيم داعش … التنظيم»)."""
        out: list[Mention] = []
        named = sorted((m.start, m.entity) for m in mentions
                       if m.entity and m.entity in self.kb.actors and self.kb.actors[m.entity].coref)
        if not named:
            return out
        forms: dict[str, set[str]] = {}
        for _, aid in named:
            for f in self.kb.actors[aid].coref:
                forms.setdefault(normalize(f), set()).add(aid)
        taken = [(m.start, m.end) for m in mentions]
        words = [t for t in toks if t.kind == "word"]
        for i, t in enumerate(words):
            core = normalize(t.text[_core_start(t) - t.start :])
            end = t.end
            aids = None
            if i + 1 < len(words):  # two-word forms first: «المجموعة الإرهابية»
                aids = forms.get(core + " " + words[i + 1].norm)
                end = words[i + 1].end if aids else end
            if aids is None and i + 1 < len(words) and words[i + 1].norm.startswith("ال") and words[i + 1].start - t.end <= 1:
                continue  # «الحزب الحاكم», «الحركة الإسلامية»: a definite adjective makes another name
            aids = aids or forms.get(core)
            if not aids or any(a < end and t.start < b for a, b in taken):
                continue  # «الحلف الأطلسي» is a name, not an anaphor
            before = [aid for pos, aid in named if pos < t.start and aid in aids]
            if before:
                out.append(Mention(_core_start(t), end, text[_core_start(t) : end], "ORG", before[-1], "coref", 0.7))
                taken.append((t.start, end))
        return out

    def _office_codes(self, text: str, mentions: list[Mention]) -> dict[str, tuple[str, str]]:
        """Country and sector of people missing from the knowledge base, from the office written
        next to their name: «وزير الداخلية الفرنسي، جيرار كولومب» → FRA GOV, «قائد الجيش
        الباكستاني» → PAK MIL, «رئيس مجلس النواب العراقي سليم الجبوري» → IRQ LEG."""
        norm = normalize_same_length(text)
        out: dict[str, tuple[str, str]] = {}
        for m in mentions:
            if m.type != "PER" or not (m.entity or "").startswith("new:PER:") or m.entity in out:
                continue
            before = norm[max(0, m.start - 60) : m.start]
            cut = max(before.rfind("."), before.rfind(":"), before.rfind("\n"))
            office = before[cut + 1 :] if _SEP_TAIL.search(before) else ""
            after = _SEP_HEAD.match(norm, m.end)
            if not office.strip() and after:
                office = norm[after.end() : after.end() + 60].split("،")[0]
            words = [w.strip("،,\"«»()") for w in office.split()]
            bare = [w if w in _OFFICE_SECTOR or w[:1] not in "وفلب" else w[1:] for w in words]  # «ووزير», «بالسفير»
            head = next((i for i, w in enumerate(bare) if w in _OFFICE_SECTOR), None)
            if head is None:
                continue
            sector = _OFFICE_SECTOR[bare[head]]
            rest = " ".join(words[head:])
            if re.search(r"(?:الجيش|الاركان|القوات|العسكري|الحرس)", rest):
                sector = "MIL"
            elif re.search(r"(?:البرلمان|النواب|الشورى|الشعب|الكونغرس|الكنيست)", rest) and sector == "GOV":
                sector = "LEG"
            iso = next((self.kb.nationality(w) for w in words[head:] if self.kb.nationality(w)), None)
            if iso is None:
                for x in mentions:
                    a = self.kb.get(x.entity or "")
                    if a is not None and a.kind in ("country", "capital") and m.start - 60 <= x.start < m.start + 60 and (
                        x.end <= m.start or x.start >= m.end) and x.start >= m.start - len(office) - 2:
                        iso = a.country
                        break
            if iso and iso != "IGO":
                out[m.entity or ""] = (iso, sector)
        return out

    def _entities(self, mentions: list[Mention], offices: dict[str, tuple[str, str]] | None = None) -> list[Entity]:
        ents: dict[str, Entity] = {}
        for m in mentions:
            if not m.entity or m.entity in ents:
                continue
            a = self.kb.actors.get(m.entity)
            if a:
                ents[a.id] = Entity(a.id, a.name_ar, a.type, a.en, a.country or None, a.sector or None, True)
            elif m.method == "generic" or (m.method.startswith("pattern:") and re.fullmatch(r"[A-Z]{3}_[A-Z]{3}", m.entity)):
                iso, _, sector = m.entity.partition("_")
                c = self.kb.get(iso)
                where = c.en if c else ("unknown country" if iso == "XXX" else iso)
                ents[m.entity] = Entity(m.entity, m.text, "ORG", f"{where} {sector}", None if iso == "XXX" else iso,
                                        sector, False)
            else:
                iso, sector = (offices or {}).get(m.entity, (None, None))
                ents[m.entity] = Entity(m.entity, m.text, m.type, None, iso, sector, False)
        return list(ents.values())


_GENERIC_SECTORS: dict[str, str] = {}
_PREPOSITIONS = {normalize(w) for w in "في من عن إلى الى على حتى منذ قرب نحو لدى عند بين".split()}
_PATRONYM = {normalize(w) for w in "بن ابن بنت أبو ابو آل ال".split()}
_BEFORE_SUBJECT = {normalize(w) for w in "قال قالت أن إن ان التي الذي حيث فيما بينما كما وقد فقد قد".split()}
_DEMONSTRATIVE_BEFORE = re.compile(r"(?<![\u0621-\u064a])(?:هذا|هذه|ذلك|تلك|هذين|هاتين)\s*$")
# Office words and the sector of whoever holds them (refined to MIL/LEG by the words after)
_OFFICE_SECTOR = {normalize(w): sec for ws, sec in (
    ("وزير وزيرة الوزير الوزيرة رئيس الرئيس رئيسة نائب مساعد سفير السفير سفيرة مندوب المندوب مندوبة محافظ المحافظ حاكم"
     " المتحدث متحدث الناطق ناطق مستشار المستشار الملك الأمير ولي", "GOV"),
    ("قائد القائد الجنرال اللواء العميد العقيد الفريق المشير", "MIL"),
    ("القاضي قاضي المدعي", "JUD"),
    ("النائب النائبة البرلماني", "LEG"),
    ("زعيم الزعيم", "PTY"),
) for w in ws.split()}
_SEP_TAIL = re.compile(r"[\u0621-\u064a]\s*[،,]?\s*$")
_SEP_HEAD = re.compile(r"\s*[،,]\s*")
_LOCATIVE_BEFORE = re.compile(
    r"(?:(?<![\u0621-\u064a])(?:في|داخل|أنحاء|انحاء|مدن|شوارع|عموم)\s+|(?<![\u0621-\u064a])[وف]?ب)$")
_TITLE_HEADS = {normalize(w) for w in "وزير وزيرة نائب مساعد ناطق متحدث مسؤول مدير رئيس قائد عناصر".split()}


@functools.lru_cache(maxsize=1)
def _governed_nationality() -> re.Pattern[str]:
    """«إلى العراقيين», «بالفلسطينيين», «للعراقيين» (ل + ال spelt لل)."""
    preps = "|".join(normalize(w) for w in "إلى على ضد مع بين عن من".split())
    return re.compile(
        rf"(?:(?<![\u0621-\u064a])[وف]?(?:{preps})\s+|(?<![\u0621-\u064a])[وف]?ب(?=ال)|(?<![\u0621-\u064a])[وف]?لل)"
        rf"(?P<n>(?:ال)?[\u0621-\u064a]{{3,}}يين)(?![\u0621-\u064a])"
    )


@functools.lru_cache(maxsize=1)
def _counted() -> re.Pattern[str]:
    q = "|".join(normalize(w) for w in "آلاف الآلاف مئات المئات عشرات العشرات ملايين عدد".split())
    # «آلاف الفلسطينيين», «40 فلسطينيا» (a count of eleven and more takes the accusative singular)
    return re.compile(rf"(?<![\u0621-\u064a])(?:{q}|(?<!\d)\d+)\s+(?:من\s+)?(?P<n>(?:ال)?[\u0621-\u064a]{{3,}}(?:يين|يون|يا))(?![\u0621-\u064a])")


@functools.lru_cache(maxsize=1)
def _generic_lexicon() -> re.Pattern[str]:
    from importlib import resources as _r

    forms: list[str] = []
    for line in (_r.files("khabar") / "data" / "kb" / "generic_actors.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words, sector, _label = line.split("\t")
        for w in words.split("|"):
            _GENERIC_SECTORS[normalize(w)] = sector
            forms.append(normalize(w))
    alt = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))
    rx = re.compile(rf"(?<![\u0621-\u064a])(?:[وفب]|لل|ل)?(?P<n>{alt})(?![\u0621-\u064a])")
    return rx


def nouns_sector(noun: str) -> str:
    return _GENERIC_SECTORS.get(re.sub(r"\s+", " ", noun), "CVL")


def _common_noun(core: str, name_has_article: bool) -> bool:
    """A form that unlabeled text shows to be a common noun/adjective: it takes pronoun
    suffixes, or the article when the name itself has none («مدينة» is "city" far more often
    than Medina; «الناتو» always has its article, so that says nothing)."""
    from .crf import lexical_profile

    al, suf, _ = lexical_profile(core)
    if suf in ("mid", "hi", "all"):
        return True
    if name_has_article:  # a name with the article: the bare word must be rare («الناتو», «القاهرة»)
        return al in ("0", "lo", "mid")
    return al in ("mid", "hi", "all")


def _kb_data_lines(name: str) -> list[list[str]]:
    from importlib import resources as _r

    text = (_r.files("khabar") / "data" / "kb" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _not_actor_forms() -> frozenset[str]:
    return frozenset(normalize(f) for forms, _kind in _kb_data_lines("not_actors.tsv") for f in forms.split("|"))


@functools.lru_cache(maxsize=1)
def _divine_forms() -> frozenset[str]:
    return frozenset(normalize(f) for forms, kind in _kb_data_lines("not_actors.tsv") if kind == "divine"
                     for f in forms.split("|"))


def is_not_actor(surface: str) -> bool:
    """A currency or a unit («الدولار», «دولارا», «الجنيه الإسترليني», «برميل») or a divine name
    («الله», «الرحمن»): never an entity."""
    words = normalize(surface).split()
    if not words or len(words) > 2:
        return False
    w = _strip_al(words[0])
    forms = _not_actor_forms()
    head = w in forms or any(w.endswith(x) and w[: -len(x)] in forms for x in ("ا", "ات", "ان", "ين"))
    if words[0] in _divine_forms():
        return True  # «الله الحرام» of «بيت الله الحرام»: an idiom, whatever follows
    if not head:
        return False
    return len(words) == 1 or _strip_al(words[1]) in forms or knowledge_base().nationality(words[1]) is not None


@functools.lru_cache(maxsize=1)
def _context_clubs() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """(clubs named by a common word, sports words, words after which such a name is the common noun)."""
    lists: dict[str, list[str]] = {"club_ctx": [], "sport": [], "not_after": []}
    for kind, forms in _kb_data_lines("sports_clubs.tsv"):
        if kind in lists:
            lists[kind] += [normalize(f) for f in forms.split("|")]
    names = "|".join(sorted(lists["club_ctx"], key=len, reverse=True))
    sport = "|".join(sorted(lists["sport"], key=len, reverse=True))
    return (re.compile(rf"(?<![\u0621-\u064a])(?:[وفب]|لل)?(?P<n>{names})(?![\u0621-\u064a])"),
            re.compile(rf"(?<![\u0621-\u064a])(?:[وفبل]|لل)?(?:{sport})(?![\u0621-\u064a])"),
            frozenset(lists["not_after"]))


def _context_club_spans(norm: str) -> dict[tuple[int, int], str]:
    """«الهلال», «النصر» …: clubs in a sentence that speaks of matches, players or a league."""
    names, sport, not_after = _context_clubs()
    out: dict[tuple[int, int], str] = {}
    for m in names.finditer(norm):
        s, e = m.span("n")
        lo = max(norm.rfind(".", 0, s), norm.rfind("\n", 0, s)) + 1
        hi = min((x for x in (norm.find(".", e), norm.find("\n", e)) if x >= 0), default=len(norm))
        after = norm[e : e + 20].split()
        before = norm[max(0, m.start() - 20) : m.start()].split()
        if ((after and after[0].startswith("ال")) or (before and before[-1].startswith("ال"))
                or any(w.lstrip("وفبل") in not_after for w in before[-2:])):
            continue  # «الهلال الأحمر», «البنك الأهلي»; «حقق (الفريق) النصر»
        if sport.search(norm, lo, hi):
            out[(s, e)] = m.group("n")
    return out


@functools.lru_cache(maxsize=1)
def _club_prefixes() -> re.Pattern[str]:
    """The club words of ``sports_clubs.tsv`` (kind ``prefix``) as the last word before a place."""
    words = [normalize(f) for kind, forms in _kb_data_lines("sports_clubs.tsv") if kind == "prefix" for f in forms.split("|")]
    alt = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\u0621-\u064a])(?:[وفبل])?(?P<p>{alt})[ \t]+$")


@functools.lru_cache(maxsize=1)
def _clubs() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """(club names, cue words before a club's name, normalised form → canonical name)."""
    canon: dict[str, str] = {}
    cues: list[str] = []
    for kind, forms in _kb_data_lines("sports_clubs.tsv"):
        fs = [normalize(f) for f in forms.split("|")]
        if kind == "cue":
            cues += fs
        for f in fs if kind == "club" else []:
            canon[f] = fs[0]

    def alt(xs: list[str]) -> str:
        return "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(set(xs), key=len, reverse=True))

    names = re.compile(rf"(?<![\u0621-\u064a])(?:[وفبل]|لل)?(?P<n>{alt(list(canon))})(?![\u0621-\u064a])")
    cue = re.compile(rf"(?<![\u0621-\u064a])(?:{alt(cues)})\s+$")
    return names, cue, canon


def _club_spans(text: str, cands: list[_Cand]) -> dict[tuple[int, int], str]:
    """Spans of sports clubs → canonical name: listed names, names after a cue («نادي الهلال»), and the
    last word of a multi-word club named earlier in the article used alone («جيرمان»)."""
    names, cue, canon = _clubs()
    norm = normalize_same_length(text)
    out: dict[tuple[int, int], str] = {}
    for m in names.finditer(norm):
        out[m.span("n")] = canon[re.sub(r"\s+", " ", m.group("n"))]
    for span, name in _context_club_spans(norm).items():
        out.setdefault(span, name)
    for c in cands:
        if c.type in ("PER", "ORG", "LOC", "MISC") and cue.search(norm[max(0, c.start - 12) : c.start]):
            out.setdefault((c.start, c.end), normalize(text[c.start : c.end]))
    last = {full.split()[-1]: full for full in out.values() if " " in full and len(full.split()[-1]) >= 4}
    prefix = _club_prefixes()
    for c in cands:  # «دينامو موسكو», «سبورتينغ لشبونة»: a club word before a city (the city alone stays one)
        if c.type == "LOC" and (p := prefix.search(norm, max(0, c.start - 16), c.start)):
            out.setdefault((p.start("p"), c.end), " ".join(normalize(text[p.start("p") : c.end]).split()))
    first = min((a for a, _ in out), default=len(text))
    for c in cands:
        if c.start > first and not any(a <= c.start < b for a, b in out):
            full = last.get(_strip_al(normalize(text[c.start : c.end])))
            if full:
                out[(c.start, c.end)] = full
    return out


_NAME_TYPES = ("PER", "ORG", "LOC", "MISC")
_TOWN_POPULATION = 100_000


def _bare_word(form: str) -> bool:
    """A form with the article whose bare word the news corpus writes at least a quarter as often
    (and 20 times or more): a common word with the article, not a name («الخبر», «العين»)."""
    from ..text.tokenize import vocabulary

    vocab = vocabulary()
    bare = vocab.get(form[2:], 0)
    return bare >= 20 and bare * 4 >= vocab.get(form, 0)


def _latin_names(kb: KnowledgeBase) -> dict[str, str]:
    """Organisations' own Latin-script names as written in Arabic text («CNN», «BBC», «NATO»): the
    English name or an English alias of one word, in capitals or capitalised, shared by no other
    organisation."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for a in kb.actors.values():
        if a.type != "ORG":
            continue
        for n in {a.en, *getattr(a, "aliases_en", ())}:
            if n and " " not in n and len(n) >= 3 and n[0].isupper() and n.isascii():
                if n in out and out[n] != a.id:
                    clash.add(n)
                out.setdefault(n, a.id)
    return {k: v for k, v in out.items() if k not in clash}


def _sentence_offsets(sentences: list[Sentence]) -> list[int]:
    """Index of each sentence's first token in the document token list."""
    offsets, k = [], 0
    for s in sentences:
        offsets.append(k)
        k += len(s.tokens)
    return offsets


def _weak_unsupported(text: str, g: _Cand, ner_c: list[_Cand], overl: set[int], named_people: set[str]) -> bool:
    """A weak gazetteer span (a form that is also a common word) to drop: after a demonstrative,
    or not marked by the NER as exactly this span (unless it is the surname of someone named)."""
    if g.source == "gaz-weak" and _DEMONSTRATIVE_BEFORE.search(normalize_same_length(text[max(0, g.start - 8) : g.start])):
        return True  # «بموقف هذا المعلم»: a demonstrative makes it a common noun, not «المعلم» the minister
    if g.source == "gaz-weak" and not any(
        c.tok_start == g.tok_start and c.tok_end == g.tok_end for c in ner_c if id(c) in overl
    ) and not (g.actor in named_people and not overl):
        return True  # a common word: only when the NER marks exactly this span as a name
    return False


def _extended_by_ner(g: _Cand, ner_c: list[_Cand], overl: set[int], town: bool = False) -> _Cand:
    """An NER span that extends the gazetteer span (a longer name) is kept instead (the last
    such span); otherwise the gazetteer span. ``town``: the gazetteer span is one word naming a
    place below a state, which a longer person name may end with («ياسر عرفات», «مارلين هيوستن»)."""
    out = g
    for c in ner_c:
        if id(c) in overl and c.tok_start <= g.tok_start and c.tok_end >= g.tok_end and (
            c.tok_end - c.tok_start > g.tok_end - g.tok_start and (c.type == g.type or (town and c.type == "PER"))
        ):
            out = _Cand(c.start, c.end, c.type, "ner", None, c.tok_start, c.tok_end)
    return out


def _with_clubs(cands: list[_Cand], clubs: dict[tuple[int, int], str]) -> list[_Cand]:
    """Candidates with sports clubs in place of what overlaps them, sorted by start."""
    cands = [c for c in cands if not any(a < c.end and c.start < b for a, b in clubs)]
    cands += [_Cand(a, b, "ORG", "club") for a, b in clubs]
    cands.sort(key=lambda c: c.start)
    return cands


def _with_media(text: str, mentions: list[Mention]) -> list[Mention]:
    """Outlets named in a media construction («لـ"الشرق الأوسط"», «(الجزيرة)», «صحيفة الرياض») are
    the outlet, whatever the tagger or the gazetteer took the name for (the Middle East, Algiers,
    Riyadh): the mentions they overlap give way."""
    spans = media_spans(text)
    if not spans:
        return mentions
    out = [m for m in mentions if not any(m.start < s.end and s.start < m.end for s in spans)]
    out += [Mention(s.start, s.end, text[s.start : s.end], "ORG", s.actor, f"media:{s.cue}", 0.9) for s in spans]
    return sorted(out, key=lambda m: (m.start, -m.end))


class _Reading(NamedTuple):
    actor: str
    before: frozenset[str]
    after: frozenset[str]
    words: re.Pattern[str] | None  # article cue words
    isos: frozenset[str]  # article cue countries (of the other places named)


@functools.lru_cache(maxsize=1)
def _ambiguous() -> dict[str, list[_Reading]]:
    """data/kb/ambiguous_names.tsv: name (search form) → its readings and their cues."""
    out: dict[str, list[_Reading]] = {}
    for name, actor, before, after, article in _kb_data_lines("ambiguous_names.tsv"):
        cues = [c for c in article.split("|") if c]
        words = [normalize(c) for c in cues if not (c.isascii() and c.isupper())]
        rx = (re.compile(rf"(?<![\u0621-\u064a])[وبلف]?(?:{'|'.join(map(re.escape, words))})(?![\u0621-\u064a])")
              if words else None)
        out.setdefault(normalize(name), []).append(_Reading(
            actor, frozenset(normalize(w) for w in before.split("|") if w),
            frozenset(normalize(w) for w in after.split("|") if w), rx,
            frozenset(c for c in cues if c.isascii() and c.isupper())))
    return out


def _reading_score(r: _Reading, norm: str, start: int, end: int, isos: set[str]) -> int:
    before = norm[max(0, start - 40) : start].split()[-3:]
    after = norm[end : end + 30].split()[:1]
    near = any(w in r.before for w in before) + any(w in r.after for w in after)
    article = len({m.group(0) for m in r.words.finditer(norm)}) if r.words else 0
    return 3 * near + article + len(r.isos & isos)


def _disambiguate(text: str, mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """Names shared by several actors («عمان»: Oman or Amman; «الجزيرة»: the Arabian Peninsula, the
    Jazira of Syria or the channel) read by their context: cue words next to the name, cue words
    elsewhere in the article and the countries of its other places (data/kb/ambiguous_names.tsv).
    A bare name no mention covers becomes one when a cue stands right next to it."""
    table = _ambiguous()
    norm = normalize_same_length(text)
    found = [(m.start(1), m.end(1), k) for k in table for m in re.finditer(
        rf"(?<![\u0621-\u064a])(?:[وبلف]|لل)?({re.escape(k)})(?![\u0621-\u064a])", norm)]
    if not found:
        return mentions
    isos = {kb.actors[m.entity].country for m in mentions if m.entity in kb.actors and m.type == "LOC"
            and normalize(m.text) not in table} - {""}
    by_span = {(m.start, m.end): m for m in mentions}
    out = list(mentions)
    for s, e, key in found:
        m = by_span.get((s, e))
        if m is not None and m.method.startswith("media"):
            continue
        scored = sorted(((_reading_score(r, norm, s, e, isos), i) for i, r in enumerate(table[key])), reverse=True)
        best, i = scored[0]
        if best == 0 or (len(scored) > 1 and scored[1][0] == best):
            continue  # no cue, or a tie: left as it was
        a = kb.actors[table[key][i].actor]
        if m is None and (best < 3 or any(x.start < e and s < x.end for x in mentions)):
            continue
        if m is None:
            out.append(Mention(s, e, text[s:e], a.type, a.id, "context", 0.8))
        elif m.entity != a.id:
            m.entity, m.type, m.method = a.id, a.type, f"{m.method}+context"
    return sorted(out, key=lambda m: (m.start, -m.end))


# the word before a government actor's form (proclitics off) that makes it a title or a topic, not the ministry
_NOT_A_MINISTRY_AFTER = frozenset(normalize(w) for w in (
    "وزير", "وزيرة", "وزراء", "السياسة", "الشؤون", "الساحة", "الجبهة", "الأوضاع", "الأزمة", "الأمور", "القضايا",
    "المسائل", "الأسواق", "السوق"))


_RARE_FAMILY_AFTER_ALIAS = 50  # corpus count under which a definite word after a known surname alias is a family name


def _surname_alias(forms: list[str], form: str) -> bool:
    """``form`` (one word) is the last word of one of the person's longer forms: a surname used alone."""
    key = normalize(form)
    return any(len(f.split()) > 1 and normalize(f.split()[-1]) == key for f in forms)


def _honorifics_before_names(text: str, mentions: list[Mention]) -> None:
    """An honorific standing for a person («خادم الحرمين الشريفين») directly followed by that person's name,
    with at most a title between («… الملك سلمان بن عبد العزيز»): the name is the mention the guidelines
    count; the honorific stays for the events layer, as a title (not a name)."""
    for m in mentions:
        if m.type != "PER" or "title" not in m.method or m.method.startswith("title+"):
            continue
        nxt = next((o for o in mentions if o.type == "PER" and o.entity == m.entity and m.end <= o.start <= m.end + 12
                    and "title" not in o.method), None)
        if nxt is not None and len(normalize(text[m.end : nxt.start]).split()) <= 1:
            m.method = "title+apposed"


def _conjoined_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """A person span the tagger ran over «و» into the next name («ماكيل اوين وسواريز»): two people, when the
    article also writes the second name alone (or it is a known name)."""
    alone = {normalize(m.text) for m in mentions if m.type == "PER"}
    alone |= {normalize(m.text.split()[-1]) for m in mentions if m.type == "PER" and len(m.text.split()) >= 2}
    out: list[Mention] = []
    for m in mentions:
        words = m.text.split()
        k = next((i for i in range(1, len(words)) if words[i].startswith("و") and len(words[i]) >= 4
                  and normalize(words[i][1:]) in alone), None) if m.type == "PER" and len(words) >= 3 else None
        if k is None:
            out.append(m)
            continue
        cut = m.text.index(words[k], len(" ".join(words[:k])))
        first = text[m.start : m.start + cut].rstrip()
        kept = m.entity if m.entity and not m.entity.startswith("new:") else None  # a known person: the first
        out.append(Mention(m.start, m.start + len(first), first, "PER", kept, m.method, m.confidence))
        out.append(Mention(m.start + cut + 1, m.end, text[m.start + cut + 1 : m.end], "PER", None, m.method, m.confidence))
    return out


def _event_names(text: str, mentions: list[Mention]) -> None:
    """Event names (MISC) as the guidelines draw them, in place: the year after the name is part of it, a
    «بطولة» before another event head is not (kb/names.py); the entity key follows the new span."""
    taken = {(m.start, m.end) for m in mentions}
    norm = normalize_same_length(text) if any(m.type == "MISC" for m in mentions) else ""
    for m in mentions:
        if m.type != "MISC":
            continue
        s, e = event_name_span(norm, m.start, m.end)
        if (s, e) != (m.start, m.end) and (s, e) not in taken:
            m.start, m.end, m.text = s, e, text[s:e]
            if not m.entity or m.entity.startswith("new:"):
                m.entity = f"new:MISC:{_name_key(m.text)}"


def _name_key(surface: str) -> str:
    """The skeleton an unknown name's id is built on; a fused «لل» is «ل» + «ال» («للبنك السعودي» is
    «البنك السعودي»)."""
    return skeleton("ال" + surface[2:] if surface.startswith("لل") else surface)


def _link_unknown_names(mentions: list[Mention]) -> None:
    """Entity ids for names not in the KB, with in-document coreference: «جيمس اباتوري» …
    «اباتوري», also a surname seen before its full name."""
    unknown_full: dict[str, str] = {}  # surname key → entity id of an earlier full name
    for m in mentions:
        if m.entity or m.type not in _NAME_TYPES:
            continue
        words = normalize(m.text).split()
        key = _name_key(m.text)
        if m.type == "PER" and _surname_words(words) and key in unknown_full:
            m.entity, m.method = unknown_full[key], "ner+coref-surname"
            continue
        m.entity = f"new:{m.type}:{key or normalize(m.text)}"
        if m.type == "PER":
            for tail in _surnames_of(words):
                unknown_full.setdefault(skeleton(" ".join(tail)), m.entity)
    # A surname seen before its full name: relink to the full name's entity.
    for m in mentions:
        if m.entity and m.entity.startswith("new:PER:") and _surname_words(normalize(m.text).split()):
            full = unknown_full.get(m.entity[8:])
            if full and full != m.entity:
                m.entity, m.method = full, "ner+coref-surname"


# Particles that start a family name of several words: «آل عمرو», «أبو الغيط», «ولد الشيخ», «دي ميستورا».
_FAMILY_PARTICLES = frozenset(normalize(w) for w in ("آل", "أبو", "أبي", "أبا", "بو", "ولد", "دي", "دو", "فان", "فون"))


def _surname_words(words: list[str]) -> bool:
    """A name that can be a person's surname alone: one word, or a family name starting with a particle."""
    return len(words) == 1 or (len(words) in (2, 3) and words[0] in _FAMILY_PARTICLES)


def _surnames_of(words: list[str]) -> list[list[str]]:
    """The surnames a full name of several words gives: its last word, and a family name starting with a
    particle after the first name («محمد بن عبد الله آل عمرو» → «عمرو», «آل عمرو»)."""
    if len(words) < 2:
        return []
    out = [words[-1:]]
    out += [words[i:] for i in range(1, len(words) - 1) if words[i] in _FAMILY_PARTICLES and len(words) - i <= 3]
    return out


NAME_TITLES = frozenset(normalize(w) for w in (
    "الأمير", "الأميرة", "الرئيس", "الملك", "الملكة", "الشيخ", "الشيخة", "الدكتور", "الدكتورة", "د.", "المهندس",
    "السفير", "معالي", "سمو", "فخامة", "جلالة", "السيد", "السيدة", "اللواء", "العميد", "العقيد", "الفريق",
    "المشير", "الإمام", "القاضي", "المستشار", "الأستاذ", "البابا", "النائب"))


def _person_spans_trimmed(text: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Person spans as the guidelines draw them: a title before the name is not part of it
    («الأمير محمد بن سلمان» → «محمد بن سلمان»), and a span ends before a word carrying an enclitic
    pronoun after a preposition («محمد صلاح بنيله جائزتي» → «محمد صلاح»)."""
    by_start = {t.start: t for t in toks}
    by_core = {_core_start(t): t for t in toks}
    for m in mentions:
        if m.type != "PER":
            continue
        words = list(re.finditer(r"\S+", text[m.start : m.end]))
        k = 0
        while k < len(words) - 1 and normalize(words[k].group()) in NAME_TITLES:
            k += 1
        cut = len(words)
        for j in range(max(k, 1), len(words)):
            t = by_start.get(m.start + words[j].start()) or by_core.get(m.start + words[j].start())
            if t is not None and j > k and _preposition_pronoun(text, t):
                cut = j
                break
        if k == 0 and cut == len(words):
            continue
        s, e = m.start + words[k].start(), m.start + words[cut - 1].end()
        m.start, m.end, m.text = s, e, text[s:e]
    return mentions


def _head_coref(text: str, mentions: list[Mention]) -> list[Mention]:
    """The bare definite head of an organisation named on it earlier in the article («الاتحاد المصري
    لكرة القدم … قال الاتحاد في بيانه», «المتحف البريطاني … المتحف») is that organisation, the
    latest one named with that head; not when a definite adjective makes it another name
    («الاتحاد الدولي») nor inside a mention. Method ``coref``: an anaphor, not a name."""
    norm = normalize_same_length(text)
    named = [(m.start, m.method.split(":", 1)[1], m.entity, _oblique(norm, m.start)) for m in mentions
             if m.method.startswith("pattern:") and m.type == "ORG" and m.entity]
    if not named:
        return []
    heads = {h for _, h, _, _ in named}
    for m in mentions:  # the same heads in names the knowledge base linked («الاتحاد المصري لكرة القدم»)
        w = normalize(m.text).split()
        if m.type == "ORG" and m.entity and len(w) >= 2 and not m.method.startswith(("pattern:", "coref")):
            h = w[0][2:] if w[0].startswith("ال") else w[0]
            if h in heads:
                named.append((m.start, h, m.entity, _oblique(norm, m.start)))
    named.sort(key=lambda x: x[0])
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for head in heads:
        rx = re.compile(rf"(?<![\u0621-\u064a])(?:[وفب]|وب|فب)?(ال{re.escape(head)})(?![\u0621-\u064a])")
        for hm in rx.finditer(norm):
            s, e = hm.start(1), hm.end(1)
            before = [(ent, obl) for pos, h, ent, obl in named if h == head and pos < s]
            if not before or any(a < e and s < b for a, b in taken) or _DEFINITE_AFTER.match(norm[e : e + 8]):
                continue
            # the latest named outside a prepositional phrase: «أعلنت وزارة الخدمة المدنية … بوزارة
            # التعليم … وأوضحت الوزارة» is the first ministry (a subject is the likelier antecedent)
            ent = next((x for x, obl in reversed(before) if not obl), before[-1][0])
            out.append(Mention(s, e, text[s:e], "ORG", ent, "coref", 0.6))
            taken.append((s, e))
    return out


_PREP_BEFORE = re.compile(fold(r"(?:^|\s)(?:في|من|على|إلى|الى|عن|مع|لدى|عند|حول|ضد|بين)\s*$"))  # search form


def _oblique(norm: str, start: int) -> bool:
    """A name inside a prepositional phrase: a preposition clitic on its first word («بوزارة»,
    «لوزارة», «للوزارة») or a preposition before it («في وزارة»)."""
    if start and norm[start - 1] in "بلك":  # a mention starts after its proclitics
        return True
    return bool(_PREP_BEFORE.search(norm[max(0, start - 8) : start]))


def _preposition_pronoun(text: str, t: Token) -> bool:
    """«بنيله», «لفوزه»: a preposition, a noun and a pronoun — a phrase, never part of a name
    (a bare و + enclitic-looking ending is: «كريستوفر وايلي»)."""
    kinds = [sg.kind for sg in t.segments]
    pre = "".join(text[sg.start : sg.end] for sg in t.segments if sg.kind == "proclitic")
    return "enclitic" in kinds and any(c in pre for c in "بلك")


def _unique_spans(mentions: list[Mention]) -> list[Mention]:
    """Drop exact duplicates (same span found twice): the first of each span is kept."""
    seen: set[tuple[int, int]] = set()
    uniq = []
    for m in mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        uniq.append(m)
    return uniq


# Patterns of `Resolver._generic`: a proclitic on a title head, a nationality adjective after a
# noun, «من» after it, a word of four letters and more, a definite word after a bare head, a
# plural nationality after a verb.
_PROCLITIC_HEAD = re.compile(r"^[وفلب]")
_ADJ_AFTER = re.compile(r"\s+(?:ال)?([\u0621-\u064a]+)")
_FROM_AFTER = re.compile(r"\s+من\s+")
_PART_OF_AFTER = re.compile(r"\s+(?:من\s+)?")
_DEFINITE_NOUN = re.compile(r"(?:[وفب]|لل)?ال")  # a noun with the article (after a proclitic)
_IN_BODY_AFTER = re.compile(r"\s+(?:في|من|ب)\s*")
_WORD4 = re.compile(r"[\u0621-\u064a]{4,}")
_DEFINITE_AFTER = re.compile(r"\s+ال(?!(?:[ىي]|ذي|تي|لذين|لتي|لاتي|لواتي|ا)(?![\u0621-\u064a]))")  # not «الى», «الذي»
_VERB_NATIONALITY = re.compile(r"(?<![\u0621-\u064a])(?P<v>[\u0621-\u064a]+)\s+(?P<n>ال[\u0621-\u064a]{3,}يون)(?![\u0621-\u064a])")


@dataclass(slots=True)
class _GenericScene:
    """What `Resolver._generic` works over: the text and its same-length normal form, the spans
    already taken (grows as mentions are added), the article's places (the dateline's left out),
    its main country and its free nationality words (start, country)."""
    text: str
    norm: str
    taken: list[tuple[int, int]]
    countries: list[Mention]
    default: str | None = None
    free_nats: list[tuple[int, str]] = field(default_factory=list)


def _generic_heads(sc: _GenericScene, out: list[Mention]) -> list[Mention]:
    """«اللجان التنسيقية … وأوضحت اللجان»: the bare head of an unnamed actor named before
    is the same actor (unless a definite adjective makes it another: «اللجان الانتخابية»)."""
    heads: dict[str, Mention] = {}
    for m in out:
        words = normalize(m.text).split()
        if len(words) >= 2 and words[0].startswith("ال") and len(words[0]) >= 5:
            heads.setdefault(words[0], m)
    found: list[Mention] = []
    for head, first in heads.items():
        for mt in re.finditer(rf"(?<![\u0621-\u064a])(?:[وفب])?({re.escape(head)})(?![\u0621-\u064a])", sc.norm):
            s, e = mt.start(1), mt.end(1)
            if s <= first.start or any(a < e and s < b for a, b in sc.taken) or _DEFINITE_AFTER.match(sc.norm[e : e + 8]):
                continue
            found.append(Mention(s, e, sc.text[s:e], "ORG", first.entity, "generic", 0.5))
            sc.taken.append((s, e))
    return found


_default: Resolver | None = None


def resolve_entities(text: str, sentences: list[Sentence], published: DateValue | None, desk: Span | None = None,
                     home: str | None = None) -> tuple[list[Mention], list[Entity]]:
    global _default
    if _default is None:
        _default = Resolver()
    return _default.resolve(text, sentences, published, desk, home)
