-- Source health is never computed from a crawl dated in the future. A run recorded for a day after today (possible
-- before `sahelwatch run`, `report` and the DAG refused such days, see sahelwatch/interval.py) made its source look
-- fresh: last success in 2030, days_since_success negative, a silent outlet hidden for years. Both health views
-- now read raw.source_runs_to_date, the crawls whose interval has begun. The rows themselves are kept (raw is
-- append-only). Idempotent: every statement can run again.

create or replace view raw.source_runs_to_date as
select * from raw.source_runs where interval_start <= now();
comment on view raw.source_runs_to_date is
    'raw.source_runs without crawls of intervals that have not begun yet: what source health is computed from.';

-- marts.source_health (007), reading the crawls to date.
create or replace view marts.source_health as
with last_run as (
    select distinct on (source_id) source_id, interval_start, status, items_seen, items_stored, errors,
           error_kinds, message
      from raw.source_runs_to_date
     order by source_id, interval_start desc
), totals as (
    select source_id, count(*) as runs,
           count(*) filter (where status = 'ok') as runs_ok,
           count(*) filter (where status = 'partial') as runs_partial,
           count(*) filter (where status = 'failed') as runs_failed,
           max(interval_start) filter (where status = 'ok') as last_success_at,
           max(interval_start) filter (where items_stored > 0) as last_items_at,
           sum(items_seen) as items_seen, sum(items_stored) as items_stored, sum(errors) as errors
      from raw.source_runs_to_date
     group by source_id
)
select t.source_id, l.interval_start as last_run_at, l.status as last_status, l.items_seen as last_items_seen,
       l.items_stored as last_items_stored, l.errors as last_errors, l.error_kinds as last_error_kinds,
       l.message as last_message, t.last_success_at, t.last_items_at,
       current_date - (t.last_success_at at time zone 'UTC')::date as days_since_success,
       t.runs, t.runs_ok, t.runs_partial, t.runs_failed, t.items_seen, t.items_stored, t.errors
  from totals t
  join last_run l using (source_id);
comment on view marts.source_health is
    'One row per source: last crawl (status, items, errors), last successful crawl, days since, and totals.';

-- raw.source_health (010), reading the crawls to date.
create or replace view raw.source_health as
with runs as (
    select r.*, max(r.interval_start) over (partition by r.source_id) as last_run_at
      from raw.source_runs_to_date r
), last_run as (
    select distinct on (source_id) source_id, interval_start as last_run_at, status as last_status,
           message as last_message, items_seen as last_items_seen, items_stored as last_items_new,
           errors as last_errors, error_kinds as last_error_kinds
      from raw.source_runs_to_date
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
       (select count(*) from raw.source_runs_to_date f
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
