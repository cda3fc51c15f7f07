-- Incidents within 50 km of a point (here Mopti, 14.49 N, 4.19 W), with their distance, the nearest first.
select incident_id, event_date, location, event_type, fatalities,
       round(marts.distance_km(14.49, -4.19, latitude, longitude)::numeric, 1) as km
  from marts.incidents_within_km(14.49, -4.19, 50)
 order by km;
