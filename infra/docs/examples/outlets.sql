-- Incidents per outlet, named: how much each outlet contributes.
select o.name, o.country, o.language, count(distinct s.incident_id) as incidents
  from marts.outlets o
  left join marts.incident_sources s using (source_id)
 group by o.name, o.country, o.language
 order by incidents desc, o.name;
