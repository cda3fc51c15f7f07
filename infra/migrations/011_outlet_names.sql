-- raw.sources: the outlets of the source registry (seeds/sources.yaml) as the pipeline last crawled them, so the
-- warehouse can name an outlet ("Studio Tamani") where it otherwise holds only its stable id ("studio-tamani").
-- Written by the load step with the day's reports; no timestamp, so re-running a day leaves it as it was.
create table if not exists raw.sources (
    source_id  text primary key,
    name       text not null,
    country    text,
    language   text,
    kind       text not null,
    homepage   text
);
comment on table raw.sources is 'One row per outlet of the source registry: its name, country, language and feed kind.';

-- marts.acled_events, as in 007, except that source lists the outlets by name, as ACLED's source column does
-- (the id when an outlet has no registry row, e.g. reports loaded before this table existed).
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
      select string_agg(distinct x.outlet, '; ' order by x.outlet) as sources,
             array_agg(x.url order by x.published_at nulls last, x.url) as source_urls,
             nullif(concat_ws('-',
                 case when bool_or(x.source_country = i.country) then 'National' end,
                 case when bool_or(x.source_country is distinct from i.country
                                   and x.source_country is distinct from 'International') then 'Regional' end,
                 case when bool_or(x.source_country = 'International') then 'International' end), '') as source_scale
        from (select distinct on (m.url) coalesce(o.name, m.source_id) as outlet, m.source_country, m.url,
                     m.published_at
                from marts.incident_sources m
                left join raw.sources o using (source_id)
               where m.incident_id = i.incident_id
               order by m.url, m.published_at) x
  ) s;

-- marts.outlets: the same outlets for analysts (who read marts only), to name the source_id of any marts table.
create or replace view marts.outlets as
select source_id, name, country, language, kind, homepage from raw.sources;
comment on view marts.outlets is 'One row per outlet of the source registry, for naming the source_id of other views.';
