"""Publication dates as sources write them, turned into ``(value, precision)``.

Accepted: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ISO datetimes (``2022-03-15T10:00:00+01:00``) and
RFC 2822 dates as RSS feeds write them (``Tue, 15 Mar 2022 10:00:00 +0100``). A datetime keeps
the calendar day as the source wrote it: converting to UTC could move an article to the day
before, and the chronicle dates events by the publication's own day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from email.utils import parsedate_tz


class DateError(ValueError):
    """The value is not a date kroniek can use."""


class ImpossibleDate(DateError):
    """Shaped like a date but not a real one (2020-02-31, 2020-13)."""


class UnknownDateForm(DateError):
    """Not in any accepted form."""


@dataclass(frozen=True, slots=True)
class PublicationDate:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD, matching precision
    precision: str  # year | month | day


_ISO = re.compile(
    r"(?P<y>\d{4})"
    r"(?:-(?P<m>\d{1,2})"
    r"(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?"
    r")?)?"
)


def _check(year: int, month: int | None, day: int | None) -> PublicationDate:
    if month is None:
        return PublicationDate(f"{year:04d}", "year")
    if not 1 <= month <= 12:
        raise ImpossibleDate(f"month {month}")
    if day is None:
        return PublicationDate(f"{year:04d}-{month:02d}", "month")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ImpossibleDate(f"day {day}")
    return PublicationDate(f"{year:04d}-{month:02d}-{day:02d}", "day")


def parse_date(value: str | int) -> PublicationDate:
    """Parse a source's publication date; raises ImpossibleDate or UnknownDateForm."""
    text = str(value).strip()
    match = _ISO.fullmatch(text)
    if match:
        hour, minute, second = (int(match[g]) if match[g] else 0 for g in ("H", "M", "S"))
        if hour > 23 or minute > 59 or second > 60:
            raise ImpossibleDate(f"time {hour}:{minute:02d}")
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
        return _check(int(match["y"]), month, day)
    parts = parsedate_tz(text)
    if parts is not None:
        year, month, day = parts[0], parts[1], parts[2]
        if year < 100:  # two-digit years in old feeds, as RFC 2822 section 4.3 says
            year += 2000 if year < 50 else 1900
        return _check(year, month, day)
    raise UnknownDateForm(text)
