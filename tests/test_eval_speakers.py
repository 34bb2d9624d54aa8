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


HARIRI = ("قال رئيس الوزراء اللبناني سعد الحريري إن الحكومة ستجتمع الأسبوع المقبل لبحث الموازنة.\n"
          "وقالت النائبة بهية الحريري إنها ستشارك في الجلسة.\n"
          "وأضاف الحريري أن الموازنة ستقر قبل نهاية الشهر.\n")


def test_a_surname_the_predicted_speaker_shares_is_not_enough(tmp_path):
    a = analyze(RawDoc(source="t", fmt="json", title="لبنان: الموازنة", text=HARIRI, date="2018-05-10", doc_id="snn-test-2"),
                dt.date(2026, 11, 23))
    q = next(q for q in a.quotes if "الحكومة ستجتمع" in a.article.text[q.start : q.end])
    assert q.speaker == "saad_hariri", q.speaker
    assert any(a.article.text[m.start : m.end] == "الحريري" for m in a.mentions if m.entity == "saad_hariri")
    gold = tmp_path / "q.tsv"  # a gold row naming the other Hariri for Saad's words: the prediction is wrong
    gold.write_text("snn-test-2\tbahia_hariri\tindirect\tالحكومة ستجتمع الأسبوع\tبهية الحريري\n", encoding="utf-8")
    sc = eval_quotes({"snn-test-2": a}, gold)
    assert sc.tp == 0, sc.misses  # his «الحريري» lies inside her name, but that does not make him her


def test_a_row_without_the_name_takes_the_name_other_rows_of_that_speaker_write(tmp_path):
    a, _ = _score(tmp_path, "rafael_benitez", "بنيتيز")
    gold = tmp_path / "q2.tsv"  # the same speaker id twice in the article: once named, once «-»
    gold.write_text("snn-test-1\trafa_benitez_coach\tindirect\tالمدافع سيرخيو راموس سيبقى\tرافايل بينيتيز\n"
                    "snn-test-1\trafa_benitez_coach\tdirect\tالأمر بسيط جدا، راموس\t-\n", encoding="utf-8")
    assert eval_quotes({"snn-test-1": a}, gold).tp == 2
    gold.write_text("snn-test-1\tsomeone_else\tdirect\tالأمر بسيط جدا، راموس\t-\n", encoding="utf-8")
    assert eval_quotes({"snn-test-1": a}, gold).tp == 0  # no name anywhere for that id: no match
