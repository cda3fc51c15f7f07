-- Fusion model: what marts.incidents and marts.incident_sources keep beyond 004, the list of reports that an
-- editor removed from fusion, ids that fusion retired, and the checks that keep analysts' numbers honest.
-- Idempotent: columns use `add column if not exists`, constraints are added NOT VALID once (guarded) and then
-- validated, so re-running the file changes nothing.

-- A helper for this session only (pg_temp): add a check or foreign key once, NOT VALID so that adding it never
-- waits on a full scan under lock, then validate it (a no-op when it is already valid).
create or replace function pg_temp.sw_add_constraint(tbl regclass, name text, definition text) returns void
language plpgsql as $$
begin
    if not exists (select 1 from pg_constraint where conrelid = tbl and conname = name) then
        execute format('alter table %s add constraint %I %s not valid', tbl, name, definition);
    end if;
    execute format('alter table %s validate constraint %I', tbl, name);
end $$;

-- Coordinates must fall inside the bounding box (with about 0.1 degree of margin) of the country the row names:
-- Mali, Burkina Faso, Niger, Mauritania and their neighbours. Another country only has to fall inside the region
-- (West and North Africa, the Sahara, Lake Chad); (0, 0), the usual sign of a missing value, never passes.
-- Rows without coordinates (admin-level precision) pass: they are located by their admin names.
create or replace function marts.in_country_bbox(country text, lat double precision, lon double precision)
returns boolean language sql immutable parallel safe as $$
    select case
        when lat is null or lon is null then true
        when lat = 0 and lon = 0 then false
        else case country
            when 'Mali'           then lat between 10.0 and 25.1 and lon between -12.4 and 4.4
            when 'Burkina Faso'   then lat between  9.3 and 15.2 and lon between  -5.6 and 2.5
            when 'Niger'          then lat between 11.6 and 23.6 and lon between   0.1 and 16.1
            when 'Mauritania'     then lat between 14.6 and 27.4 and lon between -17.2 and -4.7
            when 'Senegal'        then lat between 12.2 and 16.8 and lon between -17.6 and -11.3
            when 'Guinea'         then lat between  7.1 and 12.8 and lon between -15.4 and -7.5
            when 'Ivory Coast'    then lat between  4.3 and 10.8 and lon between  -8.7 and -2.4
            when 'Côte d''Ivoire' then lat between  4.3 and 10.8 and lon between  -8.7 and -2.4
            when 'Ghana'          then lat between  4.6 and 11.2 and lon between  -3.3 and 1.3
            when 'Togo'           then lat between  6.0 and 11.2 and lon between  -0.2 and 1.9
            when 'Benin'          then lat between  6.1 and 12.5 and lon between   0.7 and 3.9
            when 'Nigeria'        then lat between  4.2 and 14.0 and lon between   2.6 and 14.7
            when 'Chad'           then lat between  7.4 and 23.5 and lon between  13.4 and 24.1
            when 'Algeria'        then lat between 18.9 and 37.2 and lon between  -8.7 and 12.0
            when 'Libya'          then lat between 19.4 and 33.3 and lon between   9.3 and 25.2
            when 'Western Sahara' then lat between 20.7 and 27.7 and lon between -17.2 and -8.6
            when 'Morocco'        then lat between 20.7 and 36.0 and lon between -17.2 and -1.0
            when 'Gambia'         then lat between 13.0 and 13.9 and lon between -16.9 and -13.7
            when 'Guinea-Bissau'  then lat between 10.8 and 12.7 and lon between -16.8 and -13.6
            when 'Cameroon'       then lat between  1.6 and 13.1 and lon between   8.4 and 16.2
            else lat between -5.0 and 38.0 and lon between -26.0 and 25.5
        end
    end
$$;
comment on function marts.in_country_bbox(text, double precision, double precision) is
    'True when (lat, lon) is inside the bounding box of the named country (Sahel countries and neighbours), or '
    'inside the region for other countries; true for missing coordinates. Used by check constraints and by fusion.';

-- marts.incidents: one row per real-world incident (grain restated here, see 004).
alter table marts.incidents
    add column if not exists outlet_count integer,
    add column if not exists inter1 smallint,
    add column if not exists inter2 smallint;
update marts.incidents i
   set outlet_count = greatest(1, (select count(distinct s.source_id) from marts.incident_sources s
                                    where s.incident_id = i.incident_id))
 where outlet_count is null;
alter table marts.incidents alter column outlet_count set not null;

select pg_temp.sw_add_constraint('marts.incidents', 'incidents_outlet_count_check',
    'check (outlet_count between 1 and source_count)');
select pg_temp.sw_add_constraint('marts.incidents', 'incidents_inter_check',
    'check (inter1 between 1 and 8 and (inter2 is null or inter2 between 1 and 8))');
select pg_temp.sw_add_constraint('marts.incidents', 'incidents_event_type_check',
    'check (event_type in (''Battles'', ''Explosions/Remote violence'', ''Violence against civilians'','
    ' ''Protests'', ''Riots'', ''Strategic developments''))');
select pg_temp.sw_add_constraint('marts.incidents', 'incidents_coordinates_check',
    'check ((latitude is null) = (longitude is null) and marts.in_country_bbox(country, latitude, longitude))');
select pg_temp.sw_add_constraint('marts.incidents', 'incidents_fatality_range_check',
    'check ((fatalities_low is null or fatalities is null or fatalities_low <= fatalities)'
    ' and (fatalities_high is null or fatalities is null or fatalities <= fatalities_high)'
    ' and (fatalities_low is null or fatalities_high is null or fatalities_low <= fatalities_high))');
select pg_temp.sw_add_constraint('marts.incidents', 'incidents_dates_check',
    'check (event_date >= date ''1997-01-01'' and first_reported_at <= last_reported_at'
    ' and event_date <= (last_reported_at at time zone ''UTC'')::date + 1)');

comment on table marts.incidents is
    'One row per real-world incident, fused from every report mention that describes it (sahelwatch.fuse). '
    'incident_id is stable: an incident keeps its id while any of its mentions remains; a new incident takes a '
    'hash of its founding mention (earliest crawl interval, then earliest publication, report id, seq).';
comment on column marts.incidents.source_count is 'Distinct reports (articles) supporting the incident.';
comment on column marts.incidents.outlet_count is 'Distinct outlets (source_id) supporting the incident.';
comment on column marts.incidents.fatalities is
    'Best fatality estimate, reconciled across sources the ACLED way: the lowest best estimate that any source '
    'gives (null when no source gives one). Each source''s own figures are in marts.incident_sources.';
comment on column marts.incidents.fatalities_low is
    'Lowest figure any source gives (its low bound, else its best estimate); never above fatalities.';
comment on column marts.incidents.fatalities_high is
    'Highest figure any source gives (its high bound, else its best estimate); never below fatalities.';
comment on column marts.incidents.injured is
    'Highest injured count any source gives (each source may have seen part of the victims).';
comment on column marts.incidents.abducted is 'Highest abducted count any source gives.';
comment on column marts.incidents.first_reported_at is
    'Earliest publication time among supporting reports (fetch time when a report has no date).';
comment on column marts.incidents.last_reported_at is 'Latest publication time among supporting reports.';
comment on column marts.incidents.inter1 is 'ACLED actor type code of actor1 (1 state forces ... 8 external forces).';
comment on column marts.incidents.inter2 is 'ACLED actor type code of actor2.';

-- marts.incident_sources: one row per incident and supporting report mention: what that source said.
alter table marts.incident_sources
    add column if not exists source_country  text,
    add column if not exists event_date      date,
    add column if not exists location        text,
    add column if not exists fatalities      integer,
    add column if not exists fatalities_low  integer,
    add column if not exists fatalities_high integer,
    add column if not exists injured         integer,
    add column if not exists abducted        integer,
    add column if not exists confidence      real,
    add column if not exists match_rule      text,
    add column if not exists distance_km     real;
select pg_temp.sw_add_constraint('marts.incident_sources', 'incident_sources_counts_check',
    'check (fatalities >= 0 and fatalities_low >= 0 and fatalities_high >= 0 and injured >= 0 and abducted >= 0)');
select pg_temp.sw_add_constraint('marts.incident_sources', 'incident_sources_match_check',
    'check (match_rule in (''anchor'', ''distance'', ''name'', ''admin'') and distance_km >= 0'
    ' and confidence between 0 and 1 and seq >= 0)');
comment on table marts.incident_sources is
    'One row per incident and supporting report mention (report_id, seq), with the figures that source gave and '
    'how fusion matched it to the incident''s anchor mention (match_rule: anchor, distance, name or admin).';

-- staging.report_exclusions: one row per report that an editor removed from fusion (retracted by its outlet, a
-- duplicate that dedup missed, not about a real incident). Fusion ignores the report's mentions; the incidents it
-- supported are recomputed (sahelwatch.fuse.stage.exclude_report does both at once).
create table if not exists staging.report_exclusions (
    report_id    text primary key references staging.reports (report_id) on delete cascade,
    reason       text not null check (reason in ('retracted', 'duplicate', 'not_an_incident', 'erroneous')),
    note         text,
    excluded_by  text not null default current_user,
    excluded_at  timestamptz not null default now()
);
comment on table staging.report_exclusions is
    'One row per report removed from fusion by an editor, with the reason; delete the row (or call '
    'sahelwatch.fuse.stage.restore_report) to bring the report back.';

-- marts.incident_aliases: one row per retired incident id, pointing at the incident that took over its mentions
-- (two incidents that a new report showed to be one). Ids that analysts stored keep resolving.
create table if not exists marts.incident_aliases (
    alias_id     text primary key,
    incident_id  text not null references marts.incidents (incident_id) on delete cascade,
    check (alias_id <> incident_id)
);
create index if not exists incident_aliases_incident_idx on marts.incident_aliases (incident_id);
comment on table marts.incident_aliases is
    'One row per retired incident id and the incident that now holds its mentions.';

-- Grain of the earlier layers, kept in the catalogue for analysts (\dt+).
comment on table raw.reports is 'One row per fetched article URL, as crawled; append-only.';
comment on table raw.source_runs is 'One row per source and crawl interval: what the crawl saw.';
comment on table staging.reports is 'One row per raw report after cleaning and deduplication, usable or not.';
comment on table staging.report_incidents is 'One row per incident mention in a report (report_id, seq).';
