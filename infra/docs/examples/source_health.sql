-- Sources that are silent or failing: no successful crawl for two days or more, or failing at their last crawl.
select source_id, last_run_at, last_status, last_message, last_success_at, days_since_success, runs_failed
  from marts.source_health
 where last_status <> 'ok' or days_since_success >= 2 or last_success_at is null
 order by days_since_success desc nulls first, source_id;
