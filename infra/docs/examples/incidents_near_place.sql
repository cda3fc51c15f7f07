-- Incidents within 50 km of a place named in the warehouse (here Dioura), in June 2025, with ACLED's columns.
select a.event_id_cnty, a.event_date, a.location, a.event_type, a.fatalities, a.source
  from marts.incidents_near_place('Dioura', 50) i
  join marts.acled_events a using (incident_id)
 where i.event_date between date '2025-06-01' and date '2025-06-30'
 order by a.event_date;
