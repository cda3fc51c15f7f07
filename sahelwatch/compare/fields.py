"""Field parsers shared by the readers: each returns the value or raises BadField with a reason a person can act on
(the row is then listed as unreadable, never dropped silently)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sahelwatch.compare.layouts import Row
from sahelwatch.daybounds import DayOutOfRange, check_day

# ISO first (API layout, UCDP, the `acled` package), then the classic layout's "01 June 2025" and its variants.
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


class BadField(ValueError):
    """A field that cannot be read; the message names the column and the value."""


def day(name: str, text: str) -> date:
    value = text.strip()
    if value[:4].isdigit() and len(value) > len("2025-06-01"):  # "2025-06-01 00:00:00" from spreadsheets
        value = value[: len("2025-06-01")]
    for form in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, form).date()
        except ValueError:
            continue
        try:  # one row dated 9999-12-31 would stretch the compared period over the whole warehouse
            check_day(parsed, name)
        except DayOutOfRange as exc:
            raise BadField(str(exc)) from None
        return parsed
    raise BadField(f"{name} {text!r} is not a date (expected e.g. 2025-06-01 or 01 June 2025)")


def whole(name: str, text: str, default: int | None = None, minimum: int = 0) -> int | None:
    """A whole number at least `minimum` ("12", "12.0"); blank gives `default`."""
    value = text.strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        raise BadField(f"{name} {text!r} is not a number") from None
    if not number.is_integer() or number < minimum:
        raise BadField(f"{name} {text!r} is not a whole number of {minimum} or more")
    return int(number)


def coordinate(name: str, text: str, limit: float) -> float | None:
    """Degrees within ±limit; blank gives None (the event is then located by its admin names only)."""
    value = text.strip()
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise BadField(f"{name} {text!r} is not a number of degrees") from None
    if not -limit <= number <= limit:
        raise BadField(f"{name} {text!r} is outside ±{limit:g} degrees")
    return number


def point_and_country(row: Row) -> tuple[float | None, float | None, str]:
    """latitude, longitude (both or neither) and the country, which both datasets require of every row."""
    latitude = coordinate("latitude", row.get("latitude"), 90)
    longitude = coordinate("longitude", row.get("longitude"), 180)
    if (latitude is None) != (longitude is None):
        raise BadField("latitude and longitude must both be given or both be blank")
    country = row.get("country")
    if not country:
        raise BadField("country is blank")
    return latitude, longitude, country


def moment(name: str, text: str) -> datetime | None:
    """ACLED's timestamp: Unix seconds (its exports) or an ISO date-time (the `acled` package's); blank is None."""
    value = text.strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(float(value)), UTC)
    except (ValueError, OverflowError, OSError):
        pass
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadField(f"{name} {text!r} is neither Unix seconds nor an ISO date-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def text_or_none(text: str) -> str | None:
    return text.strip() or None


def texts(row: Row, **columns: str) -> dict[str, str | None]:
    """Event fields that are free text, each read from the row's column of the dataset's own name
    (`actor1="side_a"`); blank is None."""
    return {name: text_or_none(row.get(column)) for name, column in columns.items()}
