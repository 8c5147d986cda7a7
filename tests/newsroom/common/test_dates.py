from datetime import UTC, datetime

import pytest

from newsroom.common.dates import format_header_date, format_publish_time


def test_publish_time_matches_the_seed_format_in_gmt7():
    moment = datetime(2012, 8, 27, 9, 29, tzinfo=UTC)  # 16:29 in Lai Châu
    assert format_publish_time(moment) == "Thứ hai, 27/08/2012 - 16:29"


def test_header_date_matches_the_seed_format():
    moment = datetime(2024, 4, 24, 16, 4, tzinfo=UTC)
    assert format_header_date(moment) == "Thứ tư, 24/04/2024, 23:04 [GMT+7]"


def test_dates_cross_midnight_into_the_next_vietnamese_day():
    moment = datetime(2024, 4, 27, 18, 30, tzinfo=UTC)  # Sunday 01:30 in Vietnam
    assert format_publish_time(moment) == "Chủ nhật, 28/04/2024 - 01:30"


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (22, "Thứ hai"),
        (23, "Thứ ba"),
        (24, "Thứ tư"),
        (25, "Thứ năm"),
        (26, "Thứ sáu"),
        (27, "Thứ bảy"),
        (28, "Chủ nhật"),
    ],
)
def test_every_weekday_has_its_vietnamese_name(day, name):
    assert format_publish_time(datetime(2024, 4, day, 5, 0, tzinfo=UTC)).startswith(name + ",")
