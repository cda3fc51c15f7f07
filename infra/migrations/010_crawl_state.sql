-- Crawl state and source health (sahelwatch.crawl). Idempotent: every statement can run again.

-- raw.source_runs: one row per source and crawl interval. More of what the crawl saw, so a quiet source (nothing
-- new, feed not modified) can be told from a broken one: entries listed, entries skipped by reason (known,
-- out_of_interval, undated, filtered, duplicate, over_cap), warnings by kind (repaired problems: wrong charset,
-- recovered XML, off-domain redirects), and whether the feed answered 304 Not Modified.
alter table raw.source_runs add column if not exists entries_listed integer not null default 0;
alter table raw.source_runs add column if not exists items_known integer not null default 0;
alter table raw.source_runs add column if not exists skipped_kinds jsonb not null default '{}'::jsonb;
alter table raw.source_runs add column if not exists warnings integer not null default 0;
alter table raw.source_runs add column if not exists warning_kinds jsonb not null default '{}'::jsonb;
alter table raw.source_runs add column if not exists feed_not_modified boolean not null default false;
-- 'disabled': the source could not be crawled as configured (e.g. ReliefWeb without an appname); see message.
alter table raw.source_runs drop constraint if exists source_runs_status_check;
alter table raw.source_runs add constraint source_runs_status_check
    check (status in ('ok', 'partial', 'failed', 'disabled'));
comment on column raw.source_runs.items_seen is
    'Entries of the listing inside the interval and past the source''s filters (fetched, known or over the cap).';
comment on column raw.source_runs.items_stored is
    'Articles fetched and written to the run file: new to the source (URLs stored by other intervals are skipped).';
comment on column raw.source_runs.items_known is 'Entries skipped because their URL was stored by another interval.';

-- raw.feed_state: one row per source: the newest feed response with cache validators, for conditional GET. The
-- crawl of a later interval sends If-None-Match / If-Modified-Since and, on 304, re-reads body_gz, so an entry the
-- body lists is never lost to "not modified". Only a newer interval replaces the row (a backfill of an old day
-- does not), and no timestamp is kept, so re-running an interval leaves the row as it was.
create table if not exists raw.feed_state (
    source_id       text primary key,
    interval_start  timestamptz not null,
    interval_end    timestamptz not null,
    feed_url        text not null,
    etag            text,
    last_modified   text,
    body_gz         bytea not null,
    check (etag is not null or last_modified is not null),
    check (interval_end > interval_start)
);
comment on table raw.feed_state is
    'One row per source: validators (ETag, Last-Modified) and gzipped body of the newest readable feed response.';

-- raw.source_health: one row per source that has been crawled. "Success" is a run with status ok or partial
-- (something was stored or nothing was wrong). The 7-day columns count back from the source's own last run, so
-- the view means the same whether it is read today or over replayed days.
create or replace view raw.source_health as
with runs as (
    select r.*, max(r.interval_start) over (partition by r.source_id) as last_run_at
      from raw.source_runs r
), last_run as (
    select distinct on (source_id) source_id, interval_start as last_run_at, status as last_status,
           message as last_message, items_seen as last_items_seen, items_stored as last_items_new,
           errors as last_errors, error_kinds as last_error_kinds
      from raw.source_runs
     order by source_id, interval_start desc
), kinds as (
    select source_id, family, jsonb_object_agg(kind, total order by kind) as counts
      from (select source_id, family, kind, sum(value::bigint) as total
              from runs,
                   lateral (select 'error' as family, key as kind, value from jsonb_each_text(error_kinds)
                            union all
                            select 'warning', key, value from jsonb_each_text(warning_kinds)
                            union all
                            select 'skipped', key, value from jsonb_each_text(skipped_kinds)) k
             where value ~ '^[0-9]+$'
             group by 1, 2, 3) summed
     group by 1, 2
), totals as (
    select source_id,
           count(*) as runs,
           count(*) filter (where status = 'ok') as runs_ok,
           count(*) filter (where status = 'partial') as runs_partial,
           count(*) filter (where status = 'failed') as runs_failed,
           count(*) filter (where status = 'disabled') as runs_disabled,
           count(*) filter (where feed_not_modified) as runs_not_modified,
           min(interval_start) as first_run_at,
           max(interval_start) filter (where status in ('ok', 'partial')) as last_success_at,
           max(interval_start) filter (where items_stored > 0) as last_items_at,
           sum(entries_listed) as entries_listed,
           sum(items_seen) as items_seen,
           sum(items_known) as items_known,
           sum(items_stored) as items_new,
           sum(errors) as errors,
           sum(warnings) as warnings,
           sum(items_seen) filter (where interval_start > last_run_at - interval '7 days') as items_seen_7d,
           sum(items_stored) filter (where interval_start > last_run_at - interval '7 days') as items_new_7d,
           sum(errors) filter (where interval_start > last_run_at - interval '7 days') as errors_7d
      from runs
     group by source_id
)
select t.source_id, l.last_run_at, l.last_status, l.last_message, l.last_items_seen, l.last_items_new,
       l.last_errors, l.last_error_kinds, t.last_success_at, t.last_items_at,
       (select count(*) from raw.source_runs f
         where f.source_id = t.source_id and f.status = 'failed'
           and f.interval_start > coalesce(t.last_success_at, '-infinity'::timestamptz)) as consecutive_failures,
       t.runs, t.runs_ok, t.runs_partial, t.runs_failed, t.runs_disabled, t.runs_not_modified, t.first_run_at,
       t.entries_listed, t.items_seen, t.items_known, t.items_new, t.errors, t.warnings,
       coalesce(e.counts, '{}'::jsonb) as error_kinds,
       coalesce(w.counts, '{}'::jsonb) as warning_kinds,
       coalesce(s.counts, '{}'::jsonb) as skipped_kinds,
       t.items_seen_7d, t.items_new_7d, t.errors_7d
  from totals t
  join last_run l using (source_id)
  left join kinds e on e.source_id = t.source_id and e.family = 'error'
  left join kinds w on w.source_id = t.source_id and w.family = 'warning'
  left join kinds s on s.source_id = t.source_id and s.family = 'skipped';
comment on view raw.source_health is
    'One row per crawled source: last run, last success (ok or partial), consecutive failures since, totals of '
    'entries, items seen/known/new, errors and warnings, counts by kind, and the 7 days up to its last run.';
