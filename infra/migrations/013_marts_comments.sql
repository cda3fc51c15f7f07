-- The data dictionary of marts, as comments on every table, view and column: grain, units, what NULL means and
-- what each code stands for. `sahelwatch db dictionary` turns these comments into docs/warehouse.md, and
-- tests/warehouse/test_dictionary.py fails on any marts table, view or column left without one (columns that later
-- migrations add included). Written from the code that fills each column: sahelwatch/extract (one report's
-- incidents), sahelwatch/fuse (the fused incident) and migrations 004, 006, 007 and 011. Idempotent: `comment on`
-- replaces the comment.
--
-- A column that a view passes through unchanged takes the comment of the table column it shows
-- (pg_temp.sw_same_comment), so each meaning is written once; a view column that computes something has its own.

create or replace function pg_temp.sw_same_comment(source regclass, target regclass, columns text[],
                                                   prefix text default '') returns void
language plpgsql as $$
declare
    wanted text;
    found text;
begin
    foreach wanted in array columns loop
        found := col_description(source, (select attnum from pg_attribute
                                           where attrelid = source and attname = wanted and not attisdropped));
        if found is null then
            raise exception 'sahelwatch: %.% has no comment to copy to %', source, wanted, target;
        end if;
        execute format('comment on column %s.%I is %L', target, prefix || wanted, found);
    end loop;
end $$;

-- marts.incidents ---------------------------------------------------------------------------------------------
comment on column marts.incidents.incident_id is
    '16 hex characters identifying the incident, stable across re-runs: a hash of its founding mention (report id '
    'and seq), kept while any of its mentions remains. Retired ids resolve through marts.incident_aliases.';
comment on column marts.incidents.event_date is
    'The day the incident happened (not the day it was reported): among the supporting mentions with the finest '
    'time_precision, the date most give (ties: the earliest). With time_precision 2 or 3 it stands for a span.';
comment on column marts.incidents.time_precision is
    'How precisely event_date is known, ACLED''s codes: 1 = the day; 2 = a span of days up to about a week '
    '(event_date is its first day) or part of a month such as "early June" (a day inside it); 3 = only the month '
    '(event_date is its first day). The finest precision among the supporting mentions.';
comment on column marts.incidents.event_type is
    'ACLED event type: Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots or '
    'Strategic developments; from the most confident supporting mention.';
comment on column marts.incidents.sub_event_type is
    'ACLED sub-event type within event_type (e.g. Armed clash, Attack, Abduction/forced disappearance); from the '
    'same mention as event_type.';
comment on column marts.incidents.actor1 is
    'The actor that acted (attacker, protesters, the side that initiated), named the ACLED way, e.g. "Military '
    'Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims", "Unidentified Armed Group (Mali)".';
comment on column marts.incidents.actor2 is
    'The actor acted upon (target, victims, the other side), named the ACLED way; NULL when there is none (e.g. a '
    'peaceful protest without intervention).';
comment on column marts.incidents.country is
    'Country where the incident happened, named as ACLED names it (e.g. "Burkina Faso", "Ivory Coast"); see '
    'marts.countries for the codes.';
comment on column marts.incidents.admin1 is
    'First-level administrative unit (region) of the location, as the gazetteer names it; NULL when the report '
    'locates the incident only by its country.';
comment on column marts.incidents.admin2 is
    'Second-level unit (cercle, province, departement) of the location; NULL when unknown or when the incident is '
    'located at admin1 level.';
comment on column marts.incidents.location is
    'The most precise place name of the incident (town or village, else the district or region it is located '
    'by), spelled as the gazetteer does; from the best located supporting mention (the anchor). NULL when the '
    'report names no place inside the country.';
comment on column marts.incidents.latitude is
    'Latitude of location in decimal degrees (WGS 84, north positive): the town (or the district) at '
    'geo_precision 1-2, the centroid of the region at 3. NULL (with longitude) when the place has no coordinates '
    'or they fall outside the country''s bounding box; such incidents are located by their admin names only.';
comment on column marts.incidents.longitude is
    'Longitude of location in decimal degrees (WGS 84, east positive, so negative west of Greenwich); NULL exactly '
    'when latitude is.';
comment on column marts.incidents.geo_precision is
    'How precisely the place is known, ACLED''s codes: 1 = the town or village itself; 2 = near a town ("near X", '
    '"on the road to X") or only its district (cercle, province): coordinates of that town or district; 3 = only '
    'the region (admin1): coordinates of its centroid. From the anchor mention, the most precise one.';
comment on column marts.incidents.evidence is
    'The sentences of the most confident supporting report that state the incident, verbatim and in text order '
    '(at most about 1,500 characters). Every source''s own evidence is in marts.incident_sources.';
comment on column marts.incidents.confidence is
    'How complete the best supporting mention is, from 0.05 to 0.95 (the highest among the mentions): a rule score '
    'of extraction, 0.25 plus points for a precise place (up to 0.2), a specific date (0.15), a named actor '
    '(0.12), a casualty figure (0.12) and a concrete event word (0.08), minus 0.1 for background sentences. A '
    'ranking aid, not a probability.';
comment on column marts.incidents.fatalities is
    'Best fatality estimate, reconciled across sources the ACLED way: the lowest best estimate that any source '
    'gives (null when no source gives one). NULL = no figure: killings are reported but no source counts them. 0 '
    '= the lowest figure is none: a source tells the incident and names no killing (extraction writes 0 then). '
    'marts.acled_events writes 0 for NULL, as ACLED does. Each source''s own figures are in marts.incident_sources.';
comment on column marts.incidents.fatalities_low is
    'Lowest figure any source gives (its low bound, else its best estimate); never above fatalities. NULL = no '
    'figure.';
comment on column marts.incidents.fatalities_high is
    'Highest figure any source gives (its high bound, else its best estimate); never below fatalities. NULL = no '
    'figure.';
comment on column marts.incidents.injured is
    'Highest injured count any source gives (each source may have seen part of the victims). NULL = no source '
    'gives a figure (none reported, or not counted); not the same as 0.';
comment on column marts.incidents.abducted is
    'Highest abducted (kidnapped, taken hostage) count any source gives. NULL = no source gives a figure.';
comment on column marts.incidents.source_count is
    'Distinct reports (articles) supporting the incident, at least 1.';
comment on column marts.incidents.outlet_count is
    'Distinct outlets (source_id) supporting the incident, between 1 and source_count.';
comment on column marts.incidents.inter1 is
    'ACLED actor type code of actor1: 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, '
    '5 rioters, 6 protesters, 7 civilians, 8 external/other forces. NULL when the type is unknown.';
comment on column marts.incidents.inter2 is
    'ACLED actor type code of actor2 (same codes as inter1); NULL when there is no actor2 or its type is unknown.';

-- marts.incident_sources --------------------------------------------------------------------------------------
comment on column marts.incident_sources.incident_id is 'The incident (marts.incidents) this mention supports.';
comment on column marts.incident_sources.report_id is
    'The supporting report: 20 hex characters (a hash of its URL), the id of the article in raw and staging.';
comment on column marts.incident_sources.seq is
    'Number of the mention within its report, from 0: a report that tells several incidents has one mention each.';
comment on column marts.incident_sources.source_id is
    'The outlet that published the report: its id in the source registry (seeds/sources.yaml); marts.outlets '
    'gives its name.';
comment on column marts.incident_sources.source_country is
    'The country the outlet covers, from the source registry: a country name, or "Regional" for an outlet '
    'covering the whole region. NULL for reports loaded without it. Drives source_scale in marts.acled_events.';
comment on column marts.incident_sources.url is 'Where the report can be read: its URL.';
comment on column marts.incident_sources.published_at is
    'When the outlet published the report (UTC); NULL when the article gives no date.';
comment on column marts.incident_sources.evidence is
    'The sentences of this report that state the incident, verbatim and in text order (at most about 1,500 '
    'characters).';
comment on column marts.incident_sources.event_date is
    'The event date this report gives (its own time precision may be coarser than the incident''s).';
comment on column marts.incident_sources.location is
    'The place this report names, as the gazetteer spells it; NULL when it names none inside the country.';
comment on column marts.incident_sources.fatalities is
    'Deaths this report gives (its best estimate). NULL = it reports killings without a figure; 0 = it names no '
    'killing.';
comment on column marts.incident_sources.fatalities_low is
    'Low bound of this report''s death toll (its best estimate when it gives one number); NULL = no figure.';
comment on column marts.incident_sources.fatalities_high is
    'High bound of this report''s death toll (its best estimate when it gives one number); NULL = no figure.';
comment on column marts.incident_sources.injured is 'Injured this report gives; NULL = no figure.';
comment on column marts.incident_sources.abducted is 'Abducted this report gives; NULL = no figure.';
comment on column marts.incident_sources.confidence is
    'Extraction''s confidence in this mention, 0.05 to 0.95 (the rule score described on marts.incidents.confidence).';
comment on column marts.incident_sources.match_rule is
    'How fusion joined this mention to the incident''s anchor (its best located mention): "anchor" = it is the '
    'anchor; "distance" = both have coordinates at geo_precision 1-2, at most 25 km apart; "name" = both name a '
    'town and the names agree after folding case and accents (or nearly, e.g. Dioura/Diura) in the same admin1; '
    '"admin" = one is located only by its region, and admin1 (and admin2 when both give one) agree. All rules also '
    'need the same country, a compatible event type and dates within 2, 7 or 31 days by time precision.';
comment on column marts.incident_sources.distance_km is
    'Kilometres between this mention''s coordinates and the anchor''s (haversine, mean Earth radius 6371.0088 km, '
    'rounded to metres) when match_rule is "distance"; NULL for the other rules.';

-- marts.incident_aliases --------------------------------------------------------------------------------------
comment on column marts.incident_aliases.alias_id is
    'A retired incident id: it was an incident of its own until a later report showed it to be part of another.';
comment on column marts.incident_aliases.incident_id is 'The incident (marts.incidents) that now holds its mentions.';

-- marts.daily_counts and marts.monthly_counts ----------------------------------------------------------------
comment on column marts.daily_counts.event_date is 'The day (marts.incidents.event_date) counted.';
comment on column marts.daily_counts.country is 'Country of the incidents counted.';
comment on column marts.daily_counts.admin1 is 'Admin1 of the incidents counted; NULL groups those without one.';
comment on column marts.daily_counts.event_type is 'ACLED event type of the incidents counted.';
comment on column marts.daily_counts.incidents is
    'Number of incidents (rows of marts.incidents) in the group, at least 1.';
comment on column marts.daily_counts.fatalities is
    'Sum of the best fatality estimates of the group''s incidents; incidents with no figure (NULL) add nothing, so '
    '0 can also mean "no figure".';
comment on column marts.daily_counts.fatalities_low is
    'Sum of each incident''s fatalities_low (else its best estimate); incidents with no figure add nothing.';
comment on column marts.daily_counts.fatalities_high is
    'Sum of each incident''s fatalities_high (else its best estimate); incidents with no figure add nothing.';
comment on column marts.daily_counts.injured is
    'Sum of the injured counts given; incidents with no figure add nothing.';
comment on column marts.daily_counts.abducted is
    'Sum of the abducted counts given; incidents with no figure add nothing.';
comment on column marts.daily_counts.sources is
    'Sum of source_count: supporting reports (a report supporting two incidents of the group counts twice).';
comment on column marts.monthly_counts.month is 'The first day of the month counted.';
select pg_temp.sw_same_comment('marts.daily_counts', 'marts.monthly_counts',
    array['country', 'admin1', 'event_type', 'incidents', 'fatalities', 'fatalities_low', 'fatalities_high',
          'injured', 'abducted', 'sources']);

-- marts.daily_actor_counts and marts.monthly_actor_counts ----------------------------------------------------
select pg_temp.sw_same_comment('marts.daily_counts', 'marts.daily_actor_counts',
    array['event_date', 'country', 'admin1', 'event_type']);
comment on column marts.daily_actor_counts.actor is
    'An actor involved, as actor1 or actor2 of marts.incidents (ACLED name).';
comment on column marts.daily_actor_counts.incidents is
    'Incidents of the group that involve the actor, at least 1; adding rows of different actors counts an '
    'incident with two actors twice.';
comment on column marts.daily_actor_counts.fatalities is
    'Sum of the best fatality estimates of those incidents; incidents with no figure add nothing.';
comment on column marts.monthly_actor_counts.month is 'The first day of the month counted.';
select pg_temp.sw_same_comment('marts.daily_actor_counts', 'marts.monthly_actor_counts',
    array['country', 'admin1', 'event_type', 'actor', 'incidents', 'fatalities']);

-- marts.incidents_with_sources --------------------------------------------------------------------------------
select pg_temp.sw_same_comment('marts.incidents', 'marts.incidents_with_sources',
    array['incident_id', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'actor2',
          'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude', 'geo_precision', 'fatalities',
          'fatalities_low', 'fatalities_high', 'injured', 'abducted', 'source_count', 'outlet_count',
          'first_reported_at', 'last_reported_at', 'confidence']);
select pg_temp.sw_same_comment('marts.incident_sources', 'marts.incidents_with_sources',
    array['report_id', 'seq', 'source_id', 'source_country', 'url', 'published_at', 'evidence', 'match_rule',
          'distance_km']);
select pg_temp.sw_same_comment('marts.incident_sources', 'marts.incidents_with_sources',
    array['event_date', 'location', 'fatalities', 'fatalities_low', 'fatalities_high', 'injured', 'abducted',
          'confidence'], 'source_');

-- marts.countries ---------------------------------------------------------------------------------------------
comment on column marts.countries.country is
    'Country name as the warehouse spells it (ACLED''s; "Ivory Coast" and "Côte d''Ivoire" both listed).';
comment on column marts.countries.iso is 'ACLED''s numeric country code (ISO 3166-1 numeric, e.g. 466 for Mali).';
comment on column marts.countries.iso3 is
    'ISO 3166-1 alpha-3 code (e.g. MLI), the prefix of marts.acled_events.event_id_cnty.';
comment on column marts.countries.region is 'ACLED region (Western Africa, Middle Africa, Northern Africa).';

-- marts.outlets -----------------------------------------------------------------------------------------------
comment on column marts.outlets.source_id is 'The outlet''s id in the source registry, as in every source_id column.';
comment on column marts.outlets.name is
    'The outlet''s name (e.g. "Studio Tamani"), as ACLED''s source column gives it.';
comment on column marts.outlets.country is
    'The country the outlet covers, or "Regional" for an outlet covering the region; NULL when the registry gives '
    'none.';
comment on column marts.outlets.language is
    'Language of the outlet''s articles (ISO 639-1, e.g. fr, en); NULL when not given.';
comment on column marts.outlets.kind is
    'How the outlet is read (the registry''s kind): rss, atom or rdf (feeds), news_sitemap, api (a JSON API such '
    'as ReliefWeb) or search_feed (a news-search feed).';
comment on column marts.outlets.homepage is 'The outlet''s website; NULL when the registry gives none.';

-- marts.source_health -----------------------------------------------------------------------------------------
comment on column marts.source_health.source_id is 'The outlet (see marts.outlets).';
comment on column marts.source_health.last_run_at is 'Start (UTC) of the latest crawl interval of the source.';
comment on column marts.source_health.last_status is
    'Status of the latest crawl: ok; partial (some errors, articles still stored); failed (nothing could be read); '
    'disabled (the source cannot be crawled as configured, see last_message).';
comment on column marts.source_health.last_items_seen is
    'Entries of the latest crawl inside its interval and past the source''s filters.';
comment on column marts.source_health.last_items_stored is 'Articles the latest crawl fetched and stored as new.';
comment on column marts.source_health.last_errors is 'Errors of the latest crawl.';
comment on column marts.source_health.last_error_kinds is
    'Errors of the latest crawl by kind, as a JSON object {kind: count}; {} when none.';
comment on column marts.source_health.last_message is 'The latest crawl''s message (why it failed); NULL when none.';
comment on column marts.source_health.last_success_at is
    'Start of the latest interval whose crawl was ok; NULL when the source never had one.';
comment on column marts.source_health.last_items_at is
    'Start of the latest interval that stored at least one article; NULL when none ever did.';
comment on column marts.source_health.days_since_success is
    'Days from last_success_at to today (UTC dates); NULL when the source never had a successful crawl.';
comment on column marts.source_health.runs is 'Crawls recorded for the source (one per interval).';
comment on column marts.source_health.runs_ok is 'Crawls with status ok.';
comment on column marts.source_health.runs_partial is 'Crawls with status partial.';
comment on column marts.source_health.runs_failed is 'Crawls with status failed.';
comment on column marts.source_health.items_seen is 'Entries seen over all crawls.';
comment on column marts.source_health.items_stored is 'Articles stored over all crawls.';
comment on column marts.source_health.errors is 'Errors over all crawls.';

-- marts.acled_events ------------------------------------------------------------------------------------------
comment on view marts.acled_events is
    'One row per incident with ACLED''s columns in ACLED''s order (event_id_cnty ... timestamp), then '
    'fatalities_low, fatalities_high, injured, abducted, source_count, source_urls, confidence and incident_id. '
    'What `sahelwatch export` writes. Unlike marts.incidents, fatalities is 0 when no source gives a figure.';
comment on column marts.acled_events.event_id_cnty is
    'ACLED-style event id: the country''s ISO alpha-3 code (XXX when unknown) followed by incident_id.';
comment on column marts.acled_events.year is 'Year of event_date.';
comment on column marts.acled_events.disorder_type is
    'ACLED disorder type from event_type: Political violence (Battles, Explosions/Remote violence, Violence '
    'against civilians), Demonstrations (Protests, Riots) or Strategic developments.';
comment on column marts.acled_events.assoc_actor_1 is
    'ACLED''s associated actors of actor1: not coded by sahelwatch, always NULL.';
comment on column marts.acled_events.assoc_actor_2 is
    'ACLED''s associated actors of actor2: not coded by sahelwatch, always NULL.';
comment on column marts.acled_events.interaction is
    'ACLED interaction code from inter1 and inter2: the smaller code times 10 plus the larger (e.g. 17 = state '
    'forces vs civilians), inter1 times 10 when there is no actor2; NULL when inter1 is.';
comment on column marts.acled_events.civilian_targeting is
    '"Civilian targeting" when civilians were the target (Violence against civilians, or a battle or explosion '
    'whose actor2 is civilians); NULL otherwise.';
comment on column marts.acled_events.iso is
    'ACLED''s numeric country code (marts.countries.iso); NULL for a country not listed there.';
comment on column marts.acled_events.region is 'ACLED region of the country (marts.countries.region).';
comment on column marts.acled_events.admin3 is 'ACLED''s third admin level: not coded by sahelwatch, always NULL.';
comment on column marts.acled_events.source is
    'The outlets that reported the incident, by name (their id when the registry has no row), "; "-separated.';
comment on column marts.acled_events.source_scale is
    'ACLED source scale from the outlets'' countries: National (an outlet of the incident''s country), Regional '
    '(an outlet of another country or of the region), International, or a combination such as National-Regional.';
comment on column marts.acled_events.notes is
    'A one-line summary in ACLED''s manner: date, type, place, actors, number of sources, and the evidence quoted.';
comment on column marts.acled_events.fatalities is
    'Best fatality estimate (marts.incidents.fatalities) with ACLED''s convention: 0 when no source gives a figure, '
    'so here 0 means "none reported or no figure"; fatalities_low and fatalities_high stay NULL then.';
comment on column marts.acled_events.tags is 'ACLED''s tags: not coded by sahelwatch, always NULL.';
comment on column marts.acled_events."timestamp" is
    'last_reported_at in Unix seconds (ACLED''s timestamp: when the row last changed); NULL when unknown.';
comment on column marts.acled_events.source_urls is
    'The URLs of the supporting reports, one per distinct URL, oldest publication first.';
comment on column marts.acled_events.time_precision is
    'ACLED time precision code (marts.incidents.time_precision): 1 the day, 2 a span up to a week or part of a '
    'month, 3 the month only.';
comment on column marts.acled_events.geo_precision is
    'ACLED geo precision code (marts.incidents.geo_precision): 1 the town itself, 2 near a town or its district, '
    '3 the region only (coordinates of its centroid).';
comment on column marts.acled_events.inter1 is 'ACLED actor type code of actor1 (marts.incidents.inter1).';
comment on column marts.acled_events.inter2 is 'ACLED actor type code of actor2 (marts.incidents.inter2).';
select pg_temp.sw_same_comment('marts.incidents', 'marts.acled_events',
    array['event_date', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'country', 'admin1', 'admin2',
          'location', 'latitude', 'longitude', 'fatalities_low', 'fatalities_high', 'injured', 'abducted',
          'source_count', 'confidence', 'incident_id']);

-- marts functions that earlier migrations made without a comment ---------------------------------------------
comment on function marts.refresh_counts(date[]) is
    'Rebuilds the daily and monthly (actor) counts of the given days and their months from marts.incidents (all '
    'of them when days is null). Fusion calls it in its own transaction; only the writer role may.';
