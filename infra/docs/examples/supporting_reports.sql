-- How long after publication each outlet's supporting articles were crawled (hours, median per outlet).
select source_id,
       count(*) as reports,
       percentile_cont(0.5) within group (
           order by extract(epoch from fetched_at - published_at) / 3600) as median_hours_to_crawl
  from marts.supporting_reports
 where published_at is not null
 group by source_id
 order by reports desc;
