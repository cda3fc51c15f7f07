-- What analysts query: reference codes, daily counts kept up to date by fusion, and views over marts.incidents.
-- Views read the tables with their owner's rights, so marts.source_health can show raw.source_runs to analysts
-- who cannot read raw. Idempotent (create ... if not exists, create or replace).

-- marts.countries: one row per country that sahelwatch codes, with ACLED's numeric iso code, ISO alpha-3 (the
-- prefix of event_id_cnty) and ACLED's region. A view over constants, so it cannot drift or be emptied.
create or replace view marts.countries (country, iso, iso3, region) as
values
    ('Mali', 466, 'MLI', 'Western Africa'),
    ('Burkina Faso', 854, 'BFA', 'Western Africa'),
    ('Niger', 562, 'NER', 'Western Africa'),
    ('Mauritania', 478, 'MRT', 'Western Africa'),
    ('Senegal', 686, 'SEN', 'Western Africa'),
    ('Guinea', 324, 'GIN', 'Western Africa'),
    ('Ivory Coast', 384, 'CIV', 'Western Africa'),
    ('Côte d''Ivoire', 384, 'CIV', 'Western Africa'),
    ('Ghana', 288, 'GHA', 'Western Africa'),
    ('Togo', 768, 'TGO', 'Western Africa'),
    ('Benin', 204, 'BEN', 'Western Africa'),
    ('Nigeria', 566, 'NGA', 'Western Africa'),
    ('Gambia', 270, 'GMB', 'Western Africa'),
    ('Guinea-Bissau', 624, 'GNB', 'Western Africa'),
    ('Sierra Leone', 694, 'SLE', 'Western Africa'),
    ('Liberia', 430, 'LBR', 'Western Africa'),
    ('Chad', 148, 'TCD', 'Middle Africa'),
    ('Cameroon', 120, 'CMR', 'Middle Africa'),
    ('Algeria', 12, 'DZA', 'Northern Africa'),
    ('Libya', 434, 'LBY', 'Northern Africa'),
    ('Morocco', 504, 'MAR', 'Northern Africa'),
    ('Western Sahara', 732, 'ESH', 'Northern Africa');
comment on view marts.countries is 'One row per country name: ACLED numeric iso, ISO alpha-3 and ACLED region.';

-- Counts for dashboards, kept in tables so that any period and any region answer at once. Fusion rebuilds the
-- rows of the days (and their months) whose incidents it changed, in its own transaction (marts.refresh_counts),
-- so the counts never disagree with marts.incidents. Sums leave unknown figures out: fatalities adds the incidents
-- that have a best estimate; fatalities_low and fatalities_high add each incident's bound, else its best estimate.

-- marts.daily_counts: one row per event_date x country x admin1 x event_type with incidents.
create table if not exists marts.daily_counts (
    event_date       date not null,
    country          text not null,
    admin1           text,
    event_type       text not null,
    incidents        integer not null check (incidents >= 1),
    fatalities       bigint not null check (fatalities >= 0),
    fatalities_low   bigint not null check (fatalities_low >= 0),
    fatalities_high  bigint not null check (fatalities_high >= 0),
    injured          bigint not null check (injured >= 0),
    abducted         bigint not null check (abducted >= 0),
    sources          bigint not null check (sources >= incidents),
    constraint daily_counts_key unique nulls not distinct (event_date, country, admin1, event_type)
);
comment on table marts.daily_counts is
    'One row per event_date x country x admin1 x event_type with incidents: incidents, fatalities (best, low, '
    'high), injured, abducted, supporting reports. Unknown figures are left out of the sums.';

-- marts.monthly_counts: the same, one row per month (its first day) x country x admin1 x event_type.
create table if not exists marts.monthly_counts (
    month            date not null check (extract(day from month) = 1),
    country          text not null,
    admin1           text,
    event_type       text not null,
    incidents        integer not null check (incidents >= 1),
    fatalities       bigint not null check (fatalities >= 0),
    fatalities_low   bigint not null check (fatalities_low >= 0),
    fatalities_high  bigint not null check (fatalities_high >= 0),
    injured          bigint not null check (injured >= 0),
    abducted         bigint not null check (abducted >= 0),
    sources          bigint not null check (sources >= incidents),
    constraint monthly_counts_key unique nulls not distinct (month, country, admin1, event_type)
);
comment on table marts.monthly_counts is
    'One row per month (first day) x country x admin1 x event_type with incidents; the daily counts added up.';

-- marts.daily_actor_counts / marts.monthly_actor_counts: one row per day (month) x country x admin1 x event_type x
-- actor involved. An incident counts once for each distinct actor it involves (actor1, actor2): adding rows of
-- different actors together counts incidents twice.
create table if not exists marts.daily_actor_counts (
    event_date   date not null,
    country      text not null,
    admin1       text,
    event_type   text not null,
    actor        text not null,
    incidents    integer not null check (incidents >= 1),
    fatalities   bigint not null check (fatalities >= 0),
    constraint daily_actor_counts_key unique nulls not distinct (event_date, country, admin1, event_type, actor)
);
comment on table marts.daily_actor_counts is
    'One row per event_date x country x admin1 x event_type x actor involved (actor1 or actor2). An incident '
    'counts once per actor: do not add rows of different actors together.';
create table if not exists marts.monthly_actor_counts (
    month        date not null check (extract(day from month) = 1),
    country      text not null,
    admin1       text,
    event_type   text not null,
    actor        text not null,
    incidents    integer not null check (incidents >= 1),
    fatalities   bigint not null check (fatalities >= 0),
    constraint monthly_actor_counts_key unique nulls not distinct (month, country, admin1, event_type, actor)
);
comment on table marts.monthly_actor_counts is
    'One row per month x country x admin1 x event_type x actor involved; an incident counts once per actor.';

-- Rebuild the counts of the given days and of their months from marts.incidents (everything when `days` is
-- null). Dynamic SQL is planned at each call, so a few days use the date indexes and a full rebuild scans.
create or replace function marts.refresh_counts(days date[]) returns void language plpgsql as $$
declare
    months date[] := array(select distinct date_trunc('month', d)::date from unnest(days) as d);
    first_day date := (select min(m) from unnest(months) m);
    after_last date := (select max(m) + interval '1 month' from unnest(months) m);
    on_days text := case when days is null then 'true' else 'event_date = any($1)' end;
    in_months text := case when days is null then 'true'
        else 'event_date >= $3 and event_date < $4 and date_trunc(''month'', event_date)::date = any($2)' end;
    on_months text := case when days is null then 'true' else 'month = any($2)' end;
begin
    execute 'delete from marts.daily_counts where ' || on_days using days, months, first_day, after_last;
    execute 'delete from marts.daily_actor_counts where ' || on_days using days, months, first_day, after_last;
    execute 'delete from marts.monthly_counts where ' || on_months using days, months, first_day, after_last;
    execute 'delete from marts.monthly_actor_counts where ' || on_months using days, months, first_day, after_last;
    execute 'insert into marts.daily_counts (event_date, country, admin1, event_type, incidents, fatalities,'
         || ' fatalities_low, fatalities_high, injured, abducted, sources)'
         || ' select event_date, country, admin1, event_type, count(*), coalesce(sum(fatalities), 0),'
         || ' coalesce(sum(coalesce(fatalities_low, fatalities)), 0),'
         || ' coalesce(sum(coalesce(fatalities_high, fatalities)), 0),'
         || ' coalesce(sum(injured), 0), coalesce(sum(abducted), 0), sum(source_count)'
         || ' from marts.incidents where ' || on_days
         || ' group by event_date, country, admin1, event_type' using days, months, first_day, after_last;
    execute 'insert into marts.daily_actor_counts (event_date, country, admin1, event_type, actor, incidents,'
         || ' fatalities)'
         || ' select event_date, country, admin1, event_type, a.actor, count(*), coalesce(sum(fatalities), 0)'
         || ' from marts.incidents cross join lateral (select distinct x.actor'
         || ' from unnest(array[actor1, actor2]) as x(actor) where x.actor is not null) a'
         || ' where ' || on_days
         || ' group by event_date, country, admin1, event_type, a.actor' using days, months, first_day, after_last;
    execute 'insert into marts.monthly_counts (month, country, admin1, event_type, incidents, fatalities,'
         || ' fatalities_low, fatalities_high, injured, abducted, sources)'
         || ' select date_trunc(''month'', event_date)::date, country, admin1, event_type, sum(incidents),'
         || ' sum(fatalities), sum(fatalities_low), sum(fatalities_high), sum(injured), sum(abducted), sum(sources)'
         || ' from marts.daily_counts where ' || in_months
         || ' group by 1, country, admin1, event_type' using days, months, first_day, after_last;
    execute 'insert into marts.monthly_actor_counts (month, country, admin1, event_type, actor, incidents,'
         || ' fatalities)'
         || ' select date_trunc(''month'', event_date)::date, country, admin1, event_type, actor, sum(incidents),'
         || ' sum(fatalities) from marts.daily_actor_counts where ' || in_months
         || ' group by 1, country, admin1, event_type, actor' using days, months, first_day, after_last;
end $$;
revoke execute on function marts.refresh_counts(date[]) from public;

-- marts.incidents_with_sources: one row per incident and supporting mention: the fused incident next to what
-- each source said and where to read it.
create or replace view marts.incidents_with_sources as
select i.incident_id, i.event_date, i.time_precision, i.event_type, i.sub_event_type, i.actor1, i.actor2,
       i.country, i.admin1, i.admin2, i.location, i.latitude, i.longitude, i.geo_precision,
       i.fatalities, i.fatalities_low, i.fatalities_high, i.injured, i.abducted, i.source_count, i.outlet_count,
       i.first_reported_at, i.last_reported_at, i.confidence,
       s.report_id, s.seq, s.source_id, s.source_country, s.url, s.published_at, s.evidence,
       s.event_date as source_event_date, s.location as source_location, s.fatalities as source_fatalities,
       s.fatalities_low as source_fatalities_low, s.fatalities_high as source_fatalities_high,
       s.injured as source_injured, s.abducted as source_abducted, s.confidence as source_confidence,
       s.match_rule, s.distance_km
  from marts.incidents i
  join marts.incident_sources s using (incident_id);
comment on view marts.incidents_with_sources is
    'One row per incident x supporting report mention: the fused incident and what that source reported.';

-- marts.acled_events: one row per incident in ACLED's column names and order, then sahelwatch's own columns.
-- event_id_cnty is the ISO alpha-3 code followed by incident_id; fatalities is 0 when no source gives a figure
-- (ACLED's convention; fatalities_low/high stay empty then); timestamp is last_reported_at in Unix seconds;
-- source lists the outlets (source ids) and source_scale compares each outlet's country with the incident's.
create or replace view marts.acled_events as
select coalesce(c.iso3, 'XXX') || i.incident_id as event_id_cnty,
       i.event_date,
       extract(year from i.event_date)::integer as year,
       i.time_precision::integer as time_precision,
       case when i.event_type in ('Battles', 'Explosions/Remote violence', 'Violence against civilians')
                 then 'Political violence'
            when i.event_type in ('Protests', 'Riots') then 'Demonstrations'
            else 'Strategic developments' end as disorder_type,
       i.event_type, i.sub_event_type,
       i.actor1, null::text as assoc_actor_1, i.inter1::integer as inter1,
       i.actor2, null::text as assoc_actor_2, i.inter2::integer as inter2,
       case when i.inter1 is null then null
            when i.inter2 is null then i.inter1 * 10
            else least(i.inter1, i.inter2) * 10 + greatest(i.inter1, i.inter2) end::integer as interaction,
       case when i.event_type = 'Violence against civilians'
                 or (i.event_type in ('Battles', 'Explosions/Remote violence') and i.actor2 like 'Civilians%')
            then 'Civilian targeting' end as civilian_targeting,
       c.iso, c.region, i.country, i.admin1, i.admin2, null::text as admin3, i.location,
       i.latitude, i.longitude, i.geo_precision::integer as geo_precision,
       s.sources as source, s.source_scale,
       concat('On ', to_char(i.event_date, 'FMDD FMMonth YYYY'), ', ', i.event_type, ' (', i.sub_event_type, ') at ',
              coalesce(i.location, i.admin2, i.admin1, i.country),
              case when i.admin1 is not null and i.location is distinct from i.admin1 then ', ' || i.admin1 end,
              ': ', i.actor1, coalesce(' vs ' || i.actor2, ''), '. Reported by ', i.source_count,
              case when i.source_count = 1 then ' source. ' else ' sources. ' end, 'Evidence: "', i.evidence, '"')
           as notes,
       coalesce(i.fatalities, 0) as fatalities,
       null::text as tags,
       extract(epoch from i.last_reported_at)::bigint as "timestamp",
       i.fatalities_low, i.fatalities_high, i.injured, i.abducted, i.source_count, s.source_urls, i.confidence,
       i.incident_id
  from marts.incidents i
  left join marts.countries c on c.country = i.country
  cross join lateral (
      select string_agg(distinct x.source_id, '; ' order by x.source_id) as sources,
             array_agg(x.url order by x.published_at nulls last, x.url) as source_urls,
             nullif(concat_ws('-',
                 case when bool_or(x.source_country = i.country) then 'National' end,
                 case when bool_or(x.source_country is distinct from i.country
                                   and x.source_country is distinct from 'International') then 'Regional' end,
                 case when bool_or(x.source_country = 'International') then 'International' end), '') as source_scale
        from (select distinct on (url) source_id, source_country, url, published_at
                from marts.incident_sources where incident_id = i.incident_id
               order by url, published_at) x
  ) s;
comment on view marts.acled_events is
    'One row per incident with ACLED''s columns (event_id_cnty ... timestamp), then fatalities_low, '
    'fatalities_high, injured, abducted, source_count, source_urls, confidence and incident_id. What '
    '`sahelwatch export` writes.';

-- marts.source_health: one row per source: its latest crawl, its latest success, and its totals, so a silent or
-- failing outlet shows up. days_since_success counts from today.
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
       t.runs, t.runs_ok, t.runs_partial, t.runs_failed, t.items_seen, t.items_stored, t.errors
  from totals t
  join last_run l using (source_id);
comment on view marts.source_health is
    'One row per source: last crawl (status, items, errors), last successful crawl, days since, and totals.';
