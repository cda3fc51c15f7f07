-- The last week of crawls of each outlet that did not end ok: what went wrong, and how many articles it still got.
select source_id, interval_start, status, items_stored, errors, message
  from marts.source_runs
 where status <> 'ok' and interval_start >= now() - interval '7 days'
 order by interval_start desc, source_id;
