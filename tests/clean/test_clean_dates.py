"""Publication dates in the forms news sites print them."""

from __future__ import annotations

import datetime as dt

import pytest

from maildigest.clean.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2019-11-19", dt.date(2019, 11, 19)),
        ("2019-11-19T08:30:00Z", dt.date(2019, 11, 19)),
        ("[2024-02-29] Leap day headline", dt.date(2024, 2, 29)),
        ("2021/03/04", dt.date(2021, 3, 4)),
        ("Nov. 18, 2019", dt.date(2019, 11, 18)),
        ("Sept 9, 2022 4:05 PM ET", dt.date(2022, 9, 9)),
        ("Tuesday, 19 November 2019, 12:42 AM", dt.date(2019, 11, 19)),
        ("the 3rd of March 2020", dt.date(2020, 3, 3)),
        ("11/19/2019", dt.date(2019, 11, 19)),
        ("19/11/2019", dt.date(2019, 11, 19)),
        ("19.11.2019", dt.date(2019, 11, 19)),
        ("19-Nov-2019", dt.date(2019, 11, 19)),
        ("19-11-2019", dt.date(2019, 11, 19)),
        ("11-19-2019", dt.date(2019, 11, 19)),
        ("2019年11月19日", dt.date(2019, 11, 19)),
        ("2019년 11월 19일", dt.date(2019, 11, 19)),
    ],
)
def test_forms(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text", ["2019-02-30", "31/31/2019", "13-13-2019", "version 2.26 of the app", "", None]
)
def test_no_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_all_dates_left_to_right() -> None:
    days = [d for d, _ in find_dates("Published: June 13, 2014 | Updated: 2014-06-14")]
    assert days == [dt.date(2014, 6, 13), dt.date(2014, 6, 14)]
