"""Dates and UI strings come from CLDR via Babel, in Indonesian and English, never from the OS locale."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.core import i18n


def test_long_dates_and_month_names() -> None:
    when = datetime(2025, 6, 13, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert i18n.long_date(when, "id") == "13 Juni 2025"
    assert i18n.long_date(when, "en") == "June 13, 2025"
    assert (i18n.month_name(2025, 8, "id"), i18n.month_name(2025, 8, "en")) == ("Agustus 2025", "August 2025")


def test_both_languages_have_every_string() -> None:
    assert set(i18n.STRINGS["id"]) == set(i18n.STRINGS["en"])
    assert i18n.STRINGS["id"]["read_source"].format(source="Reuters") == "Baca artikel selengkapnya di Reuters"
