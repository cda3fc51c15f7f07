-- Outlets failing now: at least one failed crawl since their last success, worst first.
select source_id, last_status, consecutive_failures, last_success_at, last_message
  from marts.source_crawl_health
 where consecutive_failures > 0
 order by consecutive_failures desc, source_id;
