-- What each source said about the incidents of one day, and how fusion matched it (match_rule, distance_km).
select incident_id, location, fatalities, source_id, published_at, source_location, source_fatalities,
       match_rule, distance_km, url
  from marts.incidents_with_sources
 where event_date = date '2025-06-01'
 order by incident_id, published_at;
