-- raw.reports: one row per fetched article URL, as the crawler saw it. Append-only: a re-crawl of a URL already
-- stored changes nothing, so re-running a day is safe. interval_start/interval_end name the crawl's data interval,
-- the partition that the later steps read.
create table if not exists raw.reports (
    report_id        text primary key,
    source_id        text not null,
    source_country   text,
    url              text not null unique,
    final_url        text,
    feed_url         text,
    title            text,
    feed_title       text,
    feed_summary     text,
    feed_published   text,
    page_published   text,
    author           text,
    language_hint    text,
    text             text,
    html_gz          bytea,
    http_status      integer,
    content_type     text,
    fetched_at       timestamptz not null,
    interval_start   timestamptz not null,
    interval_end     timestamptz not null,
    check (interval_end > interval_start)
);
create index if not exists reports_interval_idx on raw.reports (interval_start, interval_end);
create index if not exists reports_source_idx on raw.reports (source_id);

-- raw.source_runs: one row per source and crawl interval: what the crawl saw, so silent sources show up.
create table if not exists raw.source_runs (
    source_id       text not null,
    interval_start  timestamptz not null,
    interval_end    timestamptz not null,
    items_seen      integer not null default 0 check (items_seen >= 0),
    items_stored    integer not null default 0 check (items_stored >= 0),
    errors          integer not null default 0 check (errors >= 0),
    error_kinds     jsonb not null default '{}'::jsonb,
    status          text not null check (status in ('ok', 'partial', 'failed')),
    message         text,
    primary key (source_id, interval_start)
);
