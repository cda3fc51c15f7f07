-- Syndicated copies count as sources, the ACLED way: a word-for-word copy of an article carried by another outlet
-- (dedup marks it duplicate_of the original, rule 'hash') is not extracted or fused again, but fusion lists it in
-- marts.incident_sources beside the original's mention (match_rule 'copy', copy_of the original) and counts it
-- in source_count and outlet_count of marts.incidents (sahelwatch.fuse.copies).
-- Idempotent: the column is added if missing, constraints are replaced only while they lack 'copy'.

alter table marts.incident_sources add column if not exists copy_of text;

do $$
begin
    if not exists (select 1 from pg_constraint where conrelid = 'marts.incident_sources'::regclass
                   and conname = 'incident_sources_copy_of_fkey') then
        alter table marts.incident_sources add constraint incident_sources_copy_of_fkey
            foreign key (copy_of) references staging.reports (report_id) on delete cascade;
    end if;
    if not exists (select 1 from pg_constraint where conrelid = 'marts.incident_sources'::regclass
                   and conname = 'incident_sources_match_check'
                   and pg_get_constraintdef(oid) like '%copy%') then
        alter table marts.incident_sources drop constraint if exists incident_sources_match_check;
        alter table marts.incident_sources add constraint incident_sources_match_check
            check (match_rule in ('anchor', 'distance', 'name', 'admin', 'copy') and distance_km >= 0
                   and confidence between 0 and 1 and seq >= 0);
    end if;
    if not exists (select 1 from pg_constraint where conrelid = 'marts.incident_sources'::regclass
                   and conname = 'incident_sources_copy_check') then
        alter table marts.incident_sources add constraint incident_sources_copy_check
            check ((match_rule = 'copy') = (copy_of is not null) and copy_of is distinct from report_id);
    end if;
end $$;

comment on table marts.incident_sources is
    'One row per incident and supporting report mention (report_id, seq), with the figures that source gave and '
    'how fusion matched it to the incident''s anchor mention; a word-for-word copy carried by another outlet is '
    'a row of its own (match_rule copy, copy_of the original), with the original mention''s seq and figures.';
comment on column marts.incident_sources.match_rule is
    'How fusion joined this mention to the incident''s anchor (its best located mention): "anchor" = it is the '
    'anchor; "distance" = both have coordinates at geo_precision 1-2, at most 25 km apart; "name" = both name a '
    'town and the names agree after folding case and accents (or nearly, e.g. Dioura/Diura) in the same admin1; '
    '"admin" = one is located only by its region, and admin1 (and admin2 when both give one) agree. All rules also '
    'need the same country, a compatible event type and dates within 2, 7 or 31 days by time precision. "copy" = a '
    'word-for-word copy of the report in copy_of, carried by another outlet: counted as a source, neither extracted '
    'nor matched.';
comment on column marts.incident_sources.copy_of is
    'For match_rule copy: report_id of the original article this report copies word for word (its own row in '
    'this table holds the same seq, evidence and figures). NULL for every report that was extracted itself.';
comment on column marts.incidents.source_count is
    'Distinct reports (articles) supporting the incident, word-for-word copies carried by other outlets included '
    '(marts.incident_sources rows with match_rule copy).';
comment on column marts.incidents.outlet_count is
    'Distinct outlets (source_id) supporting the incident, outlets that carried a word-for-word copy included.';
