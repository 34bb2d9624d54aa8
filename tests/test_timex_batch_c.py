"""Constructions found on who/when batch C (issue #15), each tested on a sentence made up for the
test (values follow docs/annotation-who-when.md). The anchor is a fixed publication date."""

from __future__ import annotations

from khabar.extract.timex import find_timexes
from khabar.model import DateValue


def tx(text: str, pub: str | None = "2015-08-07") -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, DateValue(pub, "day") if pub else None)}


def test_a_final_tanween_belongs_to_the_word():
    got = tx("وصل الوفد مؤخراً إلى جدة ويغادر غداً، كما قال سابقاً")
    assert got == {"مؤخراً": "PAST_REF", "غداً": "2015-08-08", "سابقاً": "PAST_REF"}


def test_numeric_hijri_date_with_a_hyphen_and_an_en_dash():
    got = {t.text: (t.value, t.hijri) for t in find_timexes("يبدأ التسجيل يوم 7 – 3 - 1437هـ في الجامعة",
                                                            DateValue("2015-08-07", "day"))}
    assert got["7 – 3 - 1437هـ"] == ("2015-12-18", "1437-03-07")
