-- Near-duplicate detection (sahelwatch.dedup).

-- staging.reports gains the rule that made a report a duplicate, so a reviewer can see why two reports were merged:
-- 'url' (same canonical URL), 'hash' (same words), 'near' (MinHash similarity, kept in duplicate_similarity).
alter table staging.reports
    add column if not exists duplicate_rule text check (duplicate_rule in ('url', 'hash', 'near'));
alter table staging.reports
    add column if not exists duplicate_similarity real check (duplicate_similarity between 0 and 1);
comment on column staging.reports.date_source is
    'where published_at came from: page metadata, feed, or URL; null (with published_at null) flags a report '
    'without a trustworthy date, which is never dated to the crawl';
comment on column staging.reports.duplicate_of is
    'the canonical report of this report''s cluster when this one is a copy (earliest published, then longest text, '
    'then smallest id; a report canonical in an earlier interval stays canonical); null for canonical reports';

-- staging.report_signatures: one row per usable report of staging.reports: the MinHash signatures that near-duplicate
-- detection compared, kept so that each day compares its reports with the previous days' without recomputing them.
-- `params` names the shingling and hashing that produced a row; rows of other params are recomputed, not compared.
create table if not exists staging.report_signatures (
    report_id       text primary key references staging.reports (report_id) on delete cascade,
    interval_start  timestamptz not null,
    params          text not null,
    content_hash    text not null,
    shingle_count   integer not null check (shingle_count >= 0),
    body_minhash    bytea not null,
    lead_minhash    bytea not null
);
create index if not exists report_signatures_interval_idx on staging.report_signatures (interval_start);
