-- staging.reports: one row per raw report after cleaning and deduplication. Unusable reports keep a row with the
-- reason, so nothing disappears silently; only usable, canonical reports go on to extraction.
create table if not exists staging.reports (
    report_id        text primary key references raw.reports (report_id) on delete cascade,
    source_id        text not null,
    source_country   text,
    url              text not null,
    canonical_url    text not null,
    title            text not null default '',
    text             text not null default '',
    language         text,
    published_at     timestamptz,
    date_source      text check (date_source in ('page', 'feed', 'url')),
    usable           boolean not null,
    unusable_reason  text,
    content_hash     text not null,
    duplicate_of     text references staging.reports (report_id) on delete set null deferrable initially deferred,
    cluster_id       text not null,
    interval_start   timestamptz not null,
    check (usable or unusable_reason is not null),
    check (duplicate_of is null or duplicate_of <> report_id)
);
create index if not exists staging_reports_interval_idx on staging.reports (interval_start);
create index if not exists staging_reports_hash_idx on staging.reports (content_hash);
create index if not exists staging_reports_canonical_idx on staging.reports (canonical_url);

-- staging.report_incidents: one row per incident mention in a report (seq numbers them within the report).
create table if not exists staging.report_incidents (
    report_id        text not null references staging.reports (report_id) on delete cascade,
    seq              integer not null check (seq >= 0),
    event_date       date not null,
    time_precision   smallint not null check (time_precision between 1 and 3),
    event_type       text not null,
    sub_event_type   text not null,
    actor1           text not null,
    actor2           text,
    country          text not null,
    admin1           text,
    admin2           text,
    location         text,
    latitude         double precision check (latitude between -90 and 90),
    longitude        double precision check (longitude between -180 and 180),
    geo_precision    smallint not null check (geo_precision between 1 and 3),
    fatalities       integer check (fatalities >= 0),
    fatalities_low   integer check (fatalities_low >= 0),
    fatalities_high  integer check (fatalities_high >= 0),
    injured          integer check (injured >= 0),
    abducted         integer check (abducted >= 0),
    evidence         text not null,
    confidence       real not null check (confidence between 0 and 1),
    extra            jsonb not null default '{}'::jsonb,
    primary key (report_id, seq)
);
