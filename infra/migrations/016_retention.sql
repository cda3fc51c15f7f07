-- Retention (sahelwatch.retention): after the window (SAHELWATCH_RETENTION_RAW_HTML_DAYS, 90 days by default) the
-- raw page of a report is dropped, the row, its text and its hashes stay, so dedup, provenance and re-extraction
-- still work. html_pruned_at tells a dropped page from one never stored, for the data-quality checks and for a
-- re-run of an old day, which says that its pages are gone.
-- Idempotent: the column is added if missing; its comment is set to the same text.

alter table raw.reports add column if not exists html_pruned_at timestamptz;

comment on column raw.reports.html_pruned_at is
    'When retention dropped this report''s raw HTML (html_gz is then null; text and hashes are kept); null while the page is stored.';
