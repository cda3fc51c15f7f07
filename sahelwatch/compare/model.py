"""An event of either side, reduced to what matching and the summary compare, and a row that could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sahelwatch.text import distinct_names

#: Event's fields that are named as marts.incidents names its columns (and as the CSVs name theirs).
FACTS = (
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
)


@dataclass(frozen=True)
class Event:
    """One incident of the warehouse (`side` "ours") or one event of the outside dataset ("theirs").

    Dates are a span, `first` to `last` (the same day for ACLED and for our incidents; UCDP's date_start and
    date_end); `time_precision` and `geo_precision` use ACLED's codes (1 the day / the town itself, 2 a span of
    days / near a town or its district, 3 the month / the region only). `reported_at` is when the side had the
    event: our first_reported_at, the outside row's timestamp (None when the dataset has none)."""

    side: str
    event_id: str
    first: date
    last: date
    time_precision: int
    event_type: str
    actor1: str | None
    actor2: str | None
    country: str
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    reported_at: datetime | None = None
    row: int | None = None  # line of the outside file (header = line 1)

    @property
    def point(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def place(self) -> str:
        """ "Dioura, Tenenkou, Mopti, Mali": the most precise name first, without repeats."""
        return ", ".join(distinct_names((self.location, self.admin2, self.admin1, self.country)))


@dataclass(frozen=True)
class RowError:
    """A row of the outside file that could not be read: its line number, why, and the raw text (shortened)."""

    line: int
    reason: str
    text: str


@dataclass(frozen=True)
class OutsideFile:
    """What was read from an outside export: its dataset ("ACLED" or "UCDP"), layout, events and unreadable rows."""

    dataset: str
    layout: str
    events: tuple[Event, ...]
    errors: tuple[RowError, ...]
    rows: int  # data rows in the file, read or not
