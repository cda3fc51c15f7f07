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

-- marts.source_crawl_health: what `sahelwatch sources --health` shows, from raw.source_health (010). Beside
-- marts.source_health (007, lifetime totals, success = status ok), it counts a partial crawl as a success, as the
-- pipeline's checks and the report's silent sources do, and its 7-day figures count back from the source's own
-- last crawl, so they mean the same over replayed days.
create or replace view marts.source_crawl_health as
select source_id, last_run_at, last_status, last_message, last_error_kinds, last_success_at, consecutive_failures,
       items_new, items_new_7d, errors_7d
  from raw.source_health;
comment on view marts.source_crawl_health is
    'One row per crawled source: its last crawl, its last success (status ok or partial), failed crawls since, '
    'and the articles and errors of the 7 days up to its last crawl. What `sahelwatch sources --health` shows.';
comment on column marts.source_crawl_health.source_id is
    'The outlet, as the id of seeds/sources.yaml; the key of the row.';
comment on column marts.source_crawl_health.last_run_at is 'Start (UTC) of the interval of its latest crawl.';
comment on column marts.source_crawl_health.last_status is
    'Status of that crawl: ok, partial, failed or disabled (see marts.source_runs.status).';
comment on column marts.source_crawl_health.last_message is
    'What went wrong in that crawl, in one line; NULL when nothing did.';
comment on column marts.source_crawl_health.last_error_kinds is
    'Errors of that crawl by kind, as a JSON object of counts; {} when none.';
comment on column marts.source_crawl_health.last_success_at is
    'Start (UTC) of the interval of the latest crawl with status ok or partial; NULL: never succeeded.';
comment on column marts.source_crawl_health.consecutive_failures is
    'Failed crawls since last_success_at (all of them when it is NULL); 0 when the latest crawl worked.';
comment on column marts.source_crawl_health.items_new is 'Articles stored by all its crawls (count).';
comment on column marts.source_crawl_health.items_new_7d is
    'Articles stored by the crawls of the 7 days up to its latest crawl (not up to today).';
comment on column marts.source_crawl_health.errors_7d is
    'Errors met by the crawls of the 7 days up to its latest crawl (not up to today).';

-- Both groups read the new views. 008's default privileges already cover views created by the role that ran 008;
-- this also covers a migration run by another owner. Skipped, as in 008, when the roles are missing.
do $$
begin
    if exists (select 1 from pg_roles where rolname = 'sahelwatch_analyst')
       and exists (select 1 from pg_roles where rolname = 'sahelwatch_writer') then
        grant select on marts.source_runs, marts.supporting_reports, marts.report_exclusions,
                        marts.source_crawl_health to sahelwatch_analyst, sahelwatch_writer;
    end if;
end $$;
