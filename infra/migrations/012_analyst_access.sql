-- What the analyst commands (`sahelwatch report`, `export`, `sources --health`, `review list`) need from raw and
-- staging, exposed in marts, so that a login in the sahelwatch_analyst group (marts only, see 008) runs all of
-- them. Views read with their owner's rights (as marts.source_health in 007 does), and only the columns below
-- leave raw and staging: no article text, no HTML. Idempotent: create or replace, comments, grants.

-- marts.source_runs: one row per source and crawl interval, as raw.source_runs records it. The report's "silent
-- sources" are computed from it.
create or replace view marts.source_runs as
select source_id, interval_start, interval_end, status, message, items_seen, items_stored, errors, error_kinds
  from raw.source_runs;
comment on view marts.source_runs is
    'One row per source x crawl interval: how the crawl went (status, items, errors). Read by the situation '
    'report for silent sources.';
comment on column marts.source_runs.source_id is 'The outlet, as the id of seeds/sources.yaml (e.g. studiotamani).';
comment on column marts.source_runs.interval_start is
    'Start of the crawled interval (UTC, included); with source_id, the key of the row.';
comment on column marts.source_runs.interval_end is 'End of the crawled interval (UTC, excluded).';
comment on column marts.source_runs.status is
    'ok: crawled without error; partial: crawled, some articles failed; failed: nothing could be crawled; '
    'disabled: the source cannot be crawled as configured (see message).';
comment on column marts.source_runs.message is 'What went wrong, in one line; NULL when nothing did.';
comment on column marts.source_runs.items_seen is
    'Entries of the listing inside the interval and past the source''s filters (fetched, known or over the cap).';
comment on column marts.source_runs.items_stored is
    'Articles fetched and stored by this crawl (new to the source); 0 for a quiet or failed crawl.';
comment on column marts.source_runs.errors is 'Errors met by this crawl (count; 0 when none).';
comment on column marts.source_runs.error_kinds is
    'Errors by kind, as a JSON object of counts (e.g. {"dns": 1, "http_503": 2}); {} when none.';

-- marts.supporting_reports: one row per report (article) that supports at least one incident of
-- marts.incident_sources: when it was crawled, so "new today" can be told from "known since last week".
create or replace view marts.supporting_reports as
select s.report_id, s.source_id, s.url, s.published_at, r.fetched_at, s.interval_start, r.interval_end
  from staging.reports s
  join raw.reports r using (report_id)
 where exists (select 1 from marts.incident_sources m where m.report_id = s.report_id);
comment on view marts.supporting_reports is
    'One row per report (article) that supports at least one incident: its outlet, address, publication time and '
    'the crawl that fetched it. Join to marts.incident_sources on report_id.';
comment on column marts.supporting_reports.report_id is
    'The report, as in marts.incident_sources.report_id (a stable hash of its URL); the key of the row.';
comment on column marts.supporting_reports.source_id is 'The outlet that published it (id of seeds/sources.yaml).';
comment on column marts.supporting_reports.url is 'The article''s address as the feed gave it.';
comment on column marts.supporting_reports.published_at is
    'Publication time (UTC) read from the page, the feed or the URL; NULL when none of them gave one.';
comment on column marts.supporting_reports.fetched_at is 'When sahelwatch fetched the article (UTC).';
comment on column marts.supporting_reports.interval_start is
    'Start (UTC, included) of the crawl interval that fetched the article: a report is new in the interval that '
    'starts here.';
comment on column marts.supporting_reports.interval_end is 'End (UTC, excluded) of that crawl interval.';

-- marts.report_exclusions: one row per report that an editor took out of fusion (`sahelwatch review exclude`).
-- Analysts see what was excluded and why; only the writer role changes it (`review exclude` / `review restore`).
create or replace view marts.report_exclusions as
select e.report_id, s.source_id, s.url, e.reason, e.note, e.excluded_by, e.excluded_at
  from staging.report_exclusions e
  join staging.reports s using (report_id);
comment on view marts.report_exclusions is
    'One row per report taken out of fusion by an editor, with the reason: its mentions support no incident until '
    'it is restored. Changed only by `sahelwatch review exclude|restore` (sahelwatch_writer).';
comment on column marts.report_exclusions.report_id is
    'The excluded report (as in marts.incident_sources.report_id); the key of the row.';
comment on column marts.report_exclusions.source_id is 'The outlet that published it (id of seeds/sources.yaml).';
comment on column marts.report_exclusions.url is 'The article''s address as the feed gave it.';
comment on column marts.report_exclusions.reason is
    'Why: retracted (withdrawn by its outlet), duplicate (a copy dedup missed), not_an_incident, erroneous.';
comment on column marts.report_exclusions.note is 'The editor''s free text (e.g. where the retraction is); NULL: none.';
comment on column marts.report_exclusions.excluded_by is 'The database login that excluded it.';
comment on column marts.report_exclusions.excluded_at is 'When it was excluded (UTC).';

-- marts.source_health, as in 007 (same columns, same meaning), then what `sahelwatch sources --health` shows from
-- raw.source_health: success there is a crawl with status ok or partial, and the 7-day figures count back from the
-- source's own last crawl, so they mean the same over replayed days.
create or replace view marts.source_health as
with last_run as (
    select distinct on (source_id) source_id, interval_start, status, items_seen, items_stored, errors,
           error_kinds, message
      from raw.source_runs
     order by source_id, interval_start desc
), totals as (
    select source_id, count(*) as runs,
           count(*) filter (where status = 'ok') as runs_ok,
           count(*) filter (where status = 'partial') as runs_partial,
           count(*) filter (where status = 'failed') as runs_failed,
           max(interval_start) filter (where status = 'ok') as last_success_at,
           max(interval_start) filter (where items_stored > 0) as last_items_at,
           sum(items_seen) as items_seen, sum(items_stored) as items_stored, sum(errors) as errors
      from raw.source_runs
     group by source_id
)
select t.source_id, l.interval_start as last_run_at, l.status as last_status, l.items_seen as last_items_seen,
       l.items_stored as last_items_stored, l.errors as last_errors, l.error_kinds as last_error_kinds,
       l.message as last_message, t.last_success_at, t.last_items_at,
       current_date - (t.last_success_at at time zone 'UTC')::date as days_since_success,
       t.runs, t.runs_ok, t.runs_partial, t.runs_failed, t.items_seen, t.items_stored, t.errors,
       h.last_success_at as last_ok_or_partial_at, h.consecutive_failures, h.items_new_7d, h.errors_7d
  from totals t
  join last_run l using (source_id)
  join raw.source_health h using (source_id);
comment on column marts.source_health.last_ok_or_partial_at is
    'Start (UTC) of the latest crawl with status ok or partial (what `sahelwatch sources --health` calls its last '
    'success); NULL: no such crawl yet.';
comment on column marts.source_health.consecutive_failures is
    'Failed crawls since last_ok_or_partial_at (all of them when there is none); 0 when the last crawl worked.';
comment on column marts.source_health.items_new_7d is
    'Articles stored by the crawls of the 7 days up to the source''s last crawl (not up to today).';
comment on column marts.source_health.errors_7d is
    'Errors met by the crawls of the 7 days up to the source''s last crawl (not up to today).';

-- The analyst group reads the new views. 008's default privileges already cover views created by the role that
-- ran 008; this also covers a migration run by another owner. Skipped, as in 008, when the roles are missing.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'sahelwatch_analyst') then
        grant select on marts.source_runs, marts.supporting_reports, marts.report_exclusions, marts.source_health
            to sahelwatch_analyst;
    end if;
end $$;
