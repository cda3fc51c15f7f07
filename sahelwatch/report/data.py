"""What a report shows, read from the warehouse: the incidents of the trailing 30 days with every source, and each
outlet's crawl history. Read-only, and from marts alone (all an analyst login may read); everything is relative to
the report's interval, never to the clock."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, overload

import psycopg
from psycopg.rows import class_row

from sahelwatch.incident_columns import IncidentFacts
from sahelwatch.interval import Interval
from sahelwatch.text import distinct_names

RUN_WINDOW = "run"  # the first view: what the run of the report's interval reported, whatever the event dates
WINDOW_DAYS = (("day", "Day", 1), ("7d", "7 days", 7), ("30d", "30 days", 30))


@dataclass(frozen=True)
class Window:
    """Event dates from `first` to `last`, both included."""

    key: str
    label: str
    first: date
    last: date

    @property
    def by_run(self) -> bool:
        """The run's view: its incidents are those reported in the interval, not those of these event dates."""
        return self.key == RUN_WINDOW

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    @property
    def title(self) -> str:
        """ "2 June 2025", or "4 May – 2 June 2025"; the run's view: "reported 2 June 2025"."""
        if self.by_run:
            return (
                f"reported {day_text(self.last)}"
                if self.first == self.last
                else f"reported {day_text(self.first, year=self.first.year != self.last.year)} – {day_text(self.last)}"
            )
        if self.first == self.last:
            return day_text(self.last)
        return f"{day_text(self.first, year=self.first.year != self.last.year)} – {day_text(self.last)}"


def day_text(day: date, year: bool = True, short: bool = False) -> str:
    """ "2 June 2025" (no leading zero, whatever the platform's strftime does)."""
    month = f"{day:%b}" if short else f"{day:%B}"
    return f"{day.day} {month} {day.year}" if year else f"{day.day} {month}"


def windows_for(interval: Interval) -> tuple[Window, ...]:
    """The run's news (incidents reported by the reports crawled in the interval), then the day (every UTC day the
    interval touches), the trailing 7 days and the trailing 30 days, by event date."""
    last = (interval.end.astimezone(UTC) - timedelta(microseconds=1)).date()
    first_day = interval.start.astimezone(UTC).date()
    windows = [Window(RUN_WINDOW, "This run", first_day, last)]
    for key, label, days in WINDOW_DAYS:
        first = first_day if key == "day" else min(first_day, last - timedelta(days=days - 1))
        windows.append(Window(key, label, first, last))
    return tuple(windows)


@dataclass(frozen=True)
class SourceLink:
    """One supporting report of an incident."""

    source_id: str
    url: str
    published_at: datetime | None
    evidence: str


@dataclass
class _IncidentKey:
    """Which incident, and of which day: MartsIncident's first fields."""

    incident_id: str
    event_date: date


@dataclass
class MartsIncident(IncidentFacts, _IncidentKey):
    """A row of marts.incidents as the report shows it (not extraction's sahelwatch.extract.model.Incident)."""

    source_count: int
    evidence: str
    confidence: float
    new: bool = False  # a supporting report was crawled in the report's interval
    sources: list[SourceLink] = field(default_factory=list)

    @property
    def place(self) -> str:
        """ "Dioura, Segou, Mali": the most precise name first, without repeats."""
        return ", ".join(distinct_names((self.location, self.admin2, self.admin1, self.country)))

    @property
    def severity(self) -> tuple[Any, ...]:
        """Sort key, most severe first: fatalities (unknown last), then sources, then latest."""
        return (
            -(self.fatalities if self.fatalities is not None else -1),
            -self.source_count,
            -self.event_date.toordinal(),
            self.incident_id,
        )


@dataclass(frozen=True)
class SourceRuns:
    """One outlet's crawl history up to the end of the report's interval."""

    source_id: str
    first_run_at: datetime
    last_run_at: datetime
    last_status: str
    last_message: str | None
    last_success_end: datetime | None  # end of the latest interval crawled with status ok or partial
    last_items_end: datetime | None  # end of the latest interval that stored new articles
    failures_since_success: int


@dataclass
class ReportData:
    interval: Interval
    windows: tuple[Window, ...]
    incidents: list[MartsIncident]  # the widest window's, by event date, and every one the run reported
    source_runs: list[SourceRuns]

    def window(self, key: str) -> Window:
        return next(w for w in self.windows if w.key == key)

    def incidents_in(self, window: Window) -> list[MartsIncident]:
        if window.by_run:
            return [i for i in self.incidents if i.new]
        return [i for i in self.incidents if i.event_date in window]

    @property
    def date_windows(self) -> tuple[Window, ...]:
        """The views by event date (day, 7 and 30 days), without the run's."""
        return tuple(w for w in self.windows if not w.by_run)


_INCIDENTS = """
select i.incident_id, i.event_date, i.event_type, i.sub_event_type, i.actor1, i.actor2, i.country, i.admin1,
       i.admin2, i.location, i.latitude, i.longitude, i.geo_precision, i.fatalities, i.fatalities_low,
       i.fatalities_high, i.injured, i.abducted, i.source_count, i.evidence, i.confidence,
       exists (select 1 from marts.incident_sources s join marts.supporting_reports r using (report_id)
                where s.incident_id = i.incident_id
                  and r.interval_start >= %(start)s and r.interval_start < %(end)s) as new
  from marts.incidents i
 where i.event_date between %(first)s and %(last)s
    or exists (select 1 from marts.incident_sources s join marts.supporting_reports r using (report_id)
                where s.incident_id = i.incident_id
                  and r.interval_start >= %(start)s and r.interval_start < %(end)s)
 order by i.event_date, i.incident_id
"""

_SOURCES = """
select incident_id, source_id, url, published_at, evidence
  from marts.incident_sources
 where incident_id = any(%(ids)s)
 order by incident_id, published_at nulls last, url, seq
"""

_SOURCE_RUNS = """
with runs as (
    select source_id, interval_start, interval_end, status, message, items_stored
      from marts.source_runs
     where interval_start < %(end)s
), last_run as (
    select distinct on (source_id) source_id, interval_start as last_run_at, status as last_status,
           message as last_message
      from runs
     order by source_id, interval_start desc
), totals as (
    select source_id, min(interval_start) as first_run_at,
           max(interval_end) filter (where status in ('ok', 'partial')) as last_success_end,
           max(interval_end) filter (where items_stored > 0) as last_items_end
      from runs
     group by source_id
)
select t.source_id, t.first_run_at, l.last_run_at, l.last_status, l.last_message, t.last_success_end,
       t.last_items_end,
       (select count(*) from runs f
         where f.source_id = t.source_id and f.status = 'failed'
           and f.interval_end > coalesce(t.last_success_end, '-infinity'::timestamptz))::integer
           as failures_since_success
  from totals t
  join last_run l using (source_id)
 order by t.source_id
"""


def load_report_data(conn: psycopg.Connection, interval: Interval) -> ReportData:
    windows = windows_for(interval)
    widest = max(windows, key=lambda w: w.last - w.first)
    params = {"start": interval.start, "end": interval.end, "first": widest.first, "last": widest.last}
    with conn.cursor(row_factory=class_row(MartsIncident)) as cursor:
        incidents = cursor.execute(_INCIDENTS, params).fetchall()
    by_id = {i.incident_id: i for i in incidents}
    if by_id:
        seen: set[tuple[str, str]] = set()
        for incident_id, source_id, url, published_at, evidence in conn.execute(
            _SOURCES, {"ids": list(by_id)}
        ).fetchall():
            if (incident_id, url) not in seen:  # one link per article, even when it mentions the incident twice
                seen.add((incident_id, url))
                by_id[incident_id].sources.append(SourceLink(source_id, url, published_at, evidence))
    with conn.cursor(row_factory=class_row(SourceRuns)) as cursor:
        runs = cursor.execute(_SOURCE_RUNS, {"end": interval.end}).fetchall()
    return ReportData(interval, windows, incidents, runs)


# -- silent sources ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SilentSource:
    source_id: str
    reason: str
    days_without_success: int | None  # None: never succeeded
    days_without_items: int | None  # None: never stored an article
    runs: SourceRuns


@overload
def _utc(moment: datetime) -> datetime: ...
@overload
def _utc(moment: None) -> None: ...
@overload
def _utc(moment: datetime | None) -> datetime | None: ...
def _utc(moment: datetime | None) -> datetime | None:
    """Timestamps compared here must all be aware: a naive one (a session without a time zone, a hand-built
    interval) is taken as UTC, the warehouse's convention."""
    if moment is None:
        return None
    if moment.utcoffset() is None:
        return datetime(*moment.timetuple()[:6], moment.microsecond, tzinfo=UTC)
    return datetime.fromtimestamp(moment.timestamp(), tz=UTC)


def _runs_in_utc(run: SourceRuns) -> SourceRuns:
    return replace(
        run,
        first_run_at=_utc(run.first_run_at),
        last_run_at=_utc(run.last_run_at),
        last_success_end=_utc(run.last_success_end),
        last_items_end=_utc(run.last_items_end),
    )


def _days_since(moment: datetime | None, as_of: datetime) -> int | None:
    return None if moment is None else max(0, (as_of - moment) // timedelta(days=1))


def silent_sources(
    runs: list[SourceRuns], as_of: datetime, days: int = 3, followed_within: int = 7
) -> list[SilentSource]:
    """Outlets that went silent by `as_of`: no successful crawl (status ok or partial) or no new article for at
    least `days` days. Only outlets crawled in the `followed_within` days before `as_of` count (a disabled outlet
    drops out), and only once they have been followed for `days` days (a new outlet is not judged on one bad day),
    as in sahelwatch.checks.stale_sources. Never-successful outlets come first, then the longest silences."""
    if days < 1:
        raise ValueError("days must be at least 1")
    as_of = _utc(as_of)
    found = []
    for run in (_runs_in_utc(run) for run in runs):
        if run.last_run_at < as_of - timedelta(days=followed_within):
            continue
        if run.first_run_at > as_of - timedelta(days=days):
            continue
        no_success = _days_since(run.last_success_end, as_of)
        no_items = _days_since(run.last_items_end, as_of)
        failing = no_success is None or no_success >= days
        quiet = no_items is None or no_items >= days
        if not (failing or quiet):
            continue
        if failing:
            reason = "no successful crawl yet" if no_success is None else f"no successful crawl for {no_success} days"
        else:
            reason = (
                "crawls succeed but no article was ever stored"
                if no_items is None
                else f"crawls succeed but no new article for {no_items} days"
            )
        found.append(SilentSource(run.source_id, reason, no_success, no_items, run))

    def order(source: SilentSource) -> tuple[Any, ...]:
        never = source.days_without_success is None
        silence = max(d for d in (source.days_without_success, source.days_without_items, 0) if d is not None)
        return (
            not never,
            source.days_without_success is not None and source.days_without_success < days,
            -silence,
            source.source_id,
        )

    return sorted(found, key=order)
