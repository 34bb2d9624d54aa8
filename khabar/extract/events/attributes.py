"""The date, place and context (military, economic, humanitarian, legal) of an event."""

from __future__ import annotations

import re

from ...model import Analysis, Sentence
from ...text.textnorm import fold
from .doc import _Doc
from .forms import _AR
from .lexicon import Trigger

_CONTEXT = [
    ("military", fold("عسكري|عسكرية|العسكري|العسكرية|الدفاع|الدرع|صاروخ|صواريخ|الصاروخية|قوات|القوات|جيش|الجيش|أسلحة|الأسلحة|سلاح|نووي|النووية|الحرب|مناورات|رادار|حربي")),
    ("economic", fold("اقتصاد|اقتصادي|الاقتصادية|تجارة|تجاري|التجارية|نفط|النفط|غاز|الغاز|استثمار|عقوبات اقتصادية|الرسوم|جمركية|مالي|المالية")),
    ("humanitarian", fold("إنساني|إنسانية|الإنسانية|لاجئين|اللاجئين|مساعدات|إغاثة|الإغاثة|المدنيين")),
    ("legal", fold("محكمة|المحكمة|قضائي|القضاء|قانون|القانون|اعتقال|سجن")),
]


def _context(doc: _Doc, s: Sentence, trig: Trigger) -> str:
    window = doc.norm[s.start : s.end]
    for name, words in _CONTEXT:
        if re.search(rf"(?<![{_AR}])(?:[وبلف]|لل|ال)?(?:{words})(?![{_AR}])", window):
            return name
    return trig.context


def _date_for(a: Analysis, s: Sentence) -> str | None:
    for t in a.timexes:
        if s.start <= t.start < s.end and t.precision == "day" and t.value[:1].isdigit():
            return t.value.split("/")[0][:10]
    p = a.article.published
    if p and p.value and not p.value.startswith("X"):
        return p.value
    return None


_IN_OR_BI = re.compile(fold(r"(?:في|ب)\s*$"))


def _location(doc: _Doc, s: Sentence) -> str | None:
    for m in doc.mentions:
        if s.start <= m.start < s.end and m.type == "LOC" and ":" in (m.entity or ""):
            before = doc.norm[max(s.start, m.start - 4) : m.start]
            if _IN_OR_BI.search(before) or doc.text[m.start - 1 : m.start] == "ب":
                return m.entity
    return None
