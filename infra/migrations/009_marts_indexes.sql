-- Indexes for the filters analysts use most: date ranges, country/admin1, event type, actor, a map window.
-- Every index slows loads (each row updates them all), so this is the smallest set that serves those filters:
-- - (event_date, event_type): date ranges, with an event type checked inside the index;
-- - (country, event_date, admin1): a country's date range is one contiguous stretch, and an admin1 filter is
--   checked inside the index on that stretch: country, country + admin1, with or without dates;
-- - actor1 and actor2 (with dates): an actor is either (`actor1 = :a or actor2 = :a` uses both);
-- - the map window: an SP-GiST index (GiST's space-partitioning sibling, a quad tree, cheaper to update) on
--   point(longitude, latitude), no PostGIS needed. Query it with
--     where point(longitude, latitude) <@ box(point(:west, :south), point(:east, :north))
--   or find the nearest incidents with `order by point(longitude, latitude) <-> point(:lon, :lat)`.
-- 004's (event_date), (country, admin1) and (event_type, sub_event_type) give way to these.
drop index if exists marts.incidents_date_idx;
drop index if exists marts.incidents_place_idx;
drop index if exists marts.incidents_type_idx;
create index if not exists incidents_date_type_idx on marts.incidents (event_date, event_type);
create index if not exists incidents_country_date_idx on marts.incidents (country, event_date, admin1);
create index if not exists incidents_actor1_date_idx on marts.incidents (actor1, event_date);
create index if not exists incidents_actor2_date_idx on marts.incidents (actor2, event_date);
create index if not exists incidents_point_idx on marts.incidents using spgist (point(longitude, latitude));

-- Fusion looks up candidate mentions by country and date.
create index if not exists report_incidents_country_date_idx
    on staging.report_incidents (country, event_date);

create index if not exists incident_sources_source_idx on marts.incident_sources (source_id, published_at);

create index if not exists daily_counts_country_idx on marts.daily_counts (country, event_date);
create index if not exists daily_actor_counts_actor_idx on marts.daily_actor_counts (actor, event_date);
create index if not exists monthly_counts_country_idx on marts.monthly_counts (country, month);
create index if not exists monthly_actor_counts_actor_idx on marts.monthly_actor_counts (actor, month);
