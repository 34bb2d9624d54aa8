"""The speaker scorer (``khabar eval quotes``): a name the gold writes matches the predicted speaker
when the article spells that speaker so anywhere, not only at the quotation; a different person does
not match. Made-up article and gold rows."""

from __future__ import annotations

import datetime as dt

from khabar.eval.harness import eval_quotes
from khabar.ingest.readers import RawDoc
from khabar.pipeline import analyze

TEXT = ("قال مدرب ريال مدريد رافايل بينيتيز إن المدافع سيرخيو راموس سيبقى في الفريق.\n"
        "وأضاف بنيتيز: \"الأمر بسيط جدا، راموس لاعب فريقنا وهو عنصر أساسي بالنسبة لنا\".\n")


def _score(tmp_path, speaker: str, written: str):
    a = analyze(RawDoc(source="t", fmt="json", title="بينيتيز: راموس باق", text=TEXT, date="2015-07-23",
                       doc_id="snn-test-1"), dt.date(2026, 11, 23))
    gold = tmp_path / "q.tsv"
    gold.write_text(f"snn-test-1\t{speaker}\tdirect\tالأمر بسيط جدا، راموس\t{written}\n", encoding="utf-8")
    return a, eval_quotes({"snn-test-1": a}, gold)


def test_the_articles_other_spelling_of_the_speaker_matches(tmp_path):
    a, sc = _score(tmp_path, "rafael_benitez", "بنيتيز")  # the spelling of the second sentence
    q = next(q for q in a.quotes if "الأمر بسيط" in a.article.text[q.start : q.end])
    assert q.speaker and q.speaker.startswith("new:PER"), q.speaker  # not in the knowledge base
    assert sc.tp == 1, sc.misses


def test_another_person_does_not_match(tmp_path):
    _, sc = _score(tmp_path, "sergio_ramos", "سيرخيو راموس")
    assert sc.tp == 0, sc.misses
