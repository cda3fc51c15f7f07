-- Incidents per ACLED region and country, with the ISO codes.
select c.region, c.country, c.iso3, count(i.incident_id) as incidents
  from marts.countries c
  left join marts.incidents i on i.country = c.country
 group by c.region, c.country, c.iso3
 order by incidents desc, c.country;
