"""Dates and UI strings come from CLDR via Babel, in Indonesian and English, never from the OS locale."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from generator.core import i18n


def test_long_dates_and_month_names() -> None:
    when = datetime(2025, 6, 13, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert i18n.long_date(when, "id") == "13 Juni 2025"
    assert i18n.long_date(when, "en") == "June 13, 2025"
    assert (i18n.month_name(2025, 8, "id"), i18n.month_name(2025, 8, "en")) == ("Agustus 2025", "August 2025")


def test_both_languages_have_every_string() -> None:
    assert set(i18n.STRINGS["id"]) == set(i18n.STRINGS["en"])
    assert i18n.STRINGS["id"]["read_source"].format(source="Reuters") == "Baca artikel selengkapnya di Reuters"


@pytest.mark.parametrize(("start", "end", "id_", "en"), [
    (date(2025, 6, 9), date(2025, 6, 15), "9–15 Juni 2025", "June 9–15, 2025"),
    (date(2025, 6, 30), date(2025, 7, 6), "30 Juni – 6 Juli 2025", "June 30 – July 6, 2025"),
    (date(2025, 12, 29), date(2026, 1, 4), "29 Desember 2025 – 4 Januari 2026", "December 29, 2025 – January 4, 2026"),
])
def test_a_weeks_dates_say_the_shared_month_and_year_once(start: date, end: date, id_: str, en: str) -> None:
    """Edition titles read "9 Juni 2025 – 15 Juni 2025"; as one says it, "9–15 Juni 2025"."""
    assert (i18n.date_range(start, end, "id"), i18n.date_range(start, end, "en")) == (id_, en)


def test_a_plural_string_in_a_template_written_before_it_had_forms_reads_as_its_other_form() -> None:
    """A site's own templates/search.html from before printed data-found="{{ t.search_found }}": it became
    "Plural(language='en', ...)", and search showed no results (search.js replaced '{n}' in undefined)."""
    assert str(i18n.STRINGS["en"]["search_found"]) == "{n} articles match “{q}”."
    assert str(i18n.STRINGS["id"]["search_found"]) == "{n} artikel cocok dengan “{q}”."
