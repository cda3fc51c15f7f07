-- marts.incidents: one row per real-world incident, fused from the report incidents that describe it.
-- incident_id is derived from the fusion key, so it is stable across re-runs.
create table if not exists marts.incidents (
    incident_id        text primary key,
    event_date         date not null,
    time_precision     smallint not null check (time_precision between 1 and 3),
    event_type         text not null,
    sub_event_type     text not null,
    actor1             text not null,
    actor2             text,
    country            text not null,
    admin1             text,
    admin2             text,
    location           text,
    latitude           double precision check (latitude between -90 and 90),
    longitude          double precision check (longitude between -180 and 180),
    geo_precision      smallint not null check (geo_precision between 1 and 3),
    fatalities         integer check (fatalities >= 0),
    fatalities_low     integer check (fatalities_low >= 0),
    fatalities_high    integer check (fatalities_high >= 0),
    injured            integer check (injured >= 0),
    abducted           integer check (abducted >= 0),
    source_count       integer not null check (source_count >= 1),
    first_reported_at  timestamptz,
    last_reported_at   timestamptz,
    evidence           text not null,
    confidence         real not null check (confidence between 0 and 1)
);
create index if not exists incidents_date_idx on marts.incidents (event_date);
create index if not exists incidents_place_idx on marts.incidents (country, admin1);
create index if not exists incidents_type_idx on marts.incidents (event_type, sub_event_type);

-- marts.incident_sources: one row per incident and supporting report mention, with the evidence it gave.
create table if not exists marts.incident_sources (
    incident_id  text not null references marts.incidents (incident_id) on delete cascade,
    report_id    text not null references staging.reports (report_id) on delete cascade,
    seq          integer not null,
    source_id    text not null,
    url          text not null,
    published_at timestamptz,
    evidence     text not null,
    primary key (incident_id, report_id, seq)
);
create index if not exists incident_sources_report_idx on marts.incident_sources (report_id);
