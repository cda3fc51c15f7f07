-- How far each incident is from Bamako (12.65 N, 8.00 W), in km, the nearest first.
select incident_id, location, country, round(marts.distance_km(12.65, -8.00, latitude, longitude)::numeric, 1) as km
  from marts.incidents
 where latitude is not null
 order by km;
