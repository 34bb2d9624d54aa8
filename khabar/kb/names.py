"""Names built on a head noun: organisations («وزارة الصحة», «الاتحاد المصري لكرة القدم», «منتخب
البرازيل») and events, competitions and awards («كأس العالم», «مونديال روسيا», «قمة الأطلسي»).

A head from ``data/kb/name_heads.tsv`` followed by its complement, up to a boundary:
- the construct head (no article) takes a complement: a name already found there («مونديال روسيا»,
  «شرطة ماركو ايلاند») or a definite noun («وزارة الصحة»); a national team («منتخب») also a bare
  name the tagger missed («منتخب صربيا»);
- a definite head («الحزب», «المتحف») is a name only with a definite adjective after it
  («الحزب الجمهوري»), or on its own for the few heads that name one thing («المونديال»);
- then definite adjectives and genitives («الرقمية», «الأميركية»), prepositional complements
  («لكرة القدم», «للعلوم والتقنية», «لشؤون المسجد النبوي») and conjoined definite nouns
  («والثقافة والإعلام»), at most ``MAX_WORDS`` words; a time word («اليوم», «الأحد», «الماضي»), a
  relative pronoun, punctuation or any other word ends the name.

The span leaves out the proclitics و ف ب ك ل; the fused «لل» stays (the guideline's rule). Pure
text: the resolver (entities/linking.py) decides how the spans meet the tagger's mentions.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import NamedTuple

from ..text.textnorm import WORD_CACHE_SIZE, normalize_same_length

MAX_WORDS = 8
_WORD = re.compile(r"[\u0621-\u064a\u0640]+|[A-Za-z][A-Za-z.]*|\S")
# Words that end a name: time words, relative pronouns and demonstratives, titles before a
# person's name («لجنة الحج التنفيذية الدكتور …»).
_STOP = frozenset("""
اليوم امس غدا الان الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه السبت الماضي الماضيه الحالي الحاليه الجاري
الجاريه المقبل المقبله القادم القادمه الاخير الاخيره الاول الاولي الذي التي الذين اللذين اللتين اللواتي
هذا هذه ذلك تلك هؤلاء الجديد الجديده نفسه نفسها ذاته ذاتها الدكتور الدكتوره الامير الاميره الرئيس الملك الشيخ المهندس
السفير اللواء العميد العقيد المشير الامام القاضي المستشار الاستاذ السيد السيده
الصباح المساء الليل العام الشهر الاسبوع السنه الموسم اللاعب اللاعبين الكثير البعض الجميع الكل المقرر المقرره
المقام المقامه المنتظر المنتظره المرتقب المرتقبه المزمع المزمعه
""".split())
# Complements after which a head is a common noun: «حركة المرور» is traffic, not a movement.
_COMMON_AFTER = {"حركه": frozenset("المرور السير الملاحه النزوح التجاره الاحتجاج السيارات الطيران الشاحنات الاسواق "
                                   "الاسهم البيع الشراء".split())}
_FUNCTION = frozenset("له لها لهم لهن لنا لي لك لكم لدي لدى لم لن لكن لان لانه لانها لا لما لقد ليس ليست".split())


class NameSpan(NamedTuple):
    start: int
    end: int
    type: str  # ORG | MISC
    head: str


@functools.lru_cache(maxsize=1)
def heads() -> dict[str, tuple[str, str, bool]]:
    """Head (search form) → (type, definite: yes | alone | no | place, descriptor)."""
    out: dict[str, tuple[str, str, bool]] = {}
    text = (resources.files("khabar") / "data" / "kb" / "name_heads.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            head, typ, definite, descriptor = line.split("\t")[:4]
            # in the text's search form (hamza on a seat folded: «مؤسسة» is matched as «موسسه»)
            out[normalize_same_length(head)] = (typ, definite, descriptor == "descriptor")
    return out


def _words(norm: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().replace("\u0640", "")) for m in _WORD.finditer(norm)]


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _head_at(w: str) -> tuple[int, str, bool] | None:
    """(offset of the name in the word, head, definite) when the word is a head with proclitics."""
    hs = heads()
    for pre in ("", "و", "ف", "ب", "ك", "ل", "وب", "فب", "ول", "فل", "وك"):
        if not w.startswith(pre):
            continue
        rest = w[len(pre):]
        if rest in hs and pre[-1:] != "ل":
            return len(pre), rest, False
        if rest.startswith("ال") and rest[2:] in hs and pre[-1:] != "ل":
            return len(pre), rest[2:], True
        if pre.endswith("ل") and rest.startswith("ل") and rest[1:] in hs:  # «للاتحاد»: «لل» stays
            return len(pre) - 1, rest[1:], True
        if pre.endswith("ل") and rest in hs:  # «لوزارة»
            return len(pre), rest, False
    return None


def _definite(w: str) -> bool:
    return w.startswith("ال") and len(w) >= 4 and w not in _STOP


def _complement(words: list[tuple[int, int, str]], i: int, mention_end: dict[int, int], cont: bool = False
                ) -> int:
    """Index after the complement chain that starts at word ``i`` (``i`` when there is none);
    ``cont``: the chain continues a name (a prepositional complement may come first)."""
    j, n = i, 0
    while j < len(words) and n < MAX_WORDS:
        s, _, w = words[j]
        if s in mention_end and j == i and not cont:  # a name right after the head: the whole of it
            while j < len(words) and words[j][0] < mention_end[s]:
                j, n = j + 1, n + 1
            if not w.startswith("ال"):  # after a bare name only a prepositional complement
                cont = False          # («مونديال روسيا», «شرطة ماركو ايلاند» + object: not taken)
                while j < len(words) and words[j][2].startswith("لل") and len(words[j][2]) >= 5 and n < MAX_WORDS:
                    j, n = j + 1, n + 1
                return j
            continue
        if s in mention_end:  # a name further on is not part of this one
            break
        if w.startswith("و") and _head_at(w) is not None:
            break  # «… والمونديال»: another name begins
        if _definite(w) or (w.startswith("وال") and _definite(w[1:]) and (j > i or cont)):
            j, n = j + 1, n + 1
        elif w.startswith("لل") and len(w) >= 5 and (j > i or cont) and ("ال" + w[2:]) not in _STOP:
            j, n = j + 1, n + 1
        elif (w.startswith("ل") and (j > i or cont) and len(w) >= 4 and w not in _FUNCTION and j + 1 < len(words)
              and _definite(words[j + 1][2])):  # «لكرة القدم», «لشؤون المسجد»
            j, n = j + 2, n + 2
        else:
            break
    return j


def name_spans(text: str, mentions: list[tuple[int, int]]) -> list[NameSpan]:
    """Head-noun names in ``text``; ``mentions``: the (start, end) of names found already, which a
    complement takes whole."""
    norm = normalize_same_length(text)
    words = _words(norm)
    mention_end = {s: e for s, e in mentions}
    out: list[NameSpan] = []
    i = 0
    while i < len(words):
        h = _head_at(words[i][2])
        if h is None:
            i += 1
            continue
        off, head, definite = h
        typ, how, descriptor = heads()[head]
        if words[i][0] + off in mention_end or words[i][0] in mention_end:  # «الاتحاد المصري» + «لكرة القدم»
            end = mention_end.get(words[i][0] + off, mention_end.get(words[i][0]))
            k = next((x for x in range(i, len(words)) if words[x][0] >= end), len(words))
            j = _complement(words, k, mention_end, cont=True)
            if j > k:
                out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
            i = max(j, i + 1)
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if how == "place":  # «صحة الطائف»: the head names a directorate only before a name found already
            if nxt and nxt[0] in mention_end:
                j = next((x for x in range(i + 1, len(words)) if words[x][0] >= mention_end[nxt[0]]), len(words))
                out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
            i += 1
            continue
        if descriptor and not definite and nxt and nxt[0] in mention_end and not nxt[2].startswith("ال"):
            # «شركة لوكهيد مارتن», «جامعة كاوست»: the name stands on its own, the descriptor is left out
            ends = [x for x in range(i + 1, len(words)) if words[x][1] <= mention_end[nxt[0]]]
            out.append(NameSpan(nxt[0], mention_end[nxt[0]], typ, head))
            i = ends[-1] + 1 if ends else i + 1
            continue
        j = _complement(words, i + 1, mention_end)
        if j > i + 1 and words[i + 1][2] in _COMMON_AFTER.get(head, ()):
            j = i + 1
        if j == i + 1 and not definite and head == "منتخب" and i + 1 < len(words):
            w = words[i + 1][2]
            if re.fullmatch(r"[\u0621-\u064a]{3,}", w) and not w.endswith(("ه", "ها", "هم")) and w not in _STOP:
                j = i + 2  # «منتخب صربيا»: the bare name of a country
        if j == i + 1 and not (definite and how == "alone"):
            i += 1
            continue
        if definite and how == "no":
            i = j
            continue
        out.append(NameSpan(words[i][0] + off, words[j - 1][1], typ, head))
        i = j
    return out
