-- Mali's events of June 2025 in ACLED's columns, the deadliest first (fatalities is 0 when no source gives a figure).
select event_id_cnty, event_date, event_type, sub_event_type, actor1, actor2, admin1, location, fatalities, source
  from marts.acled_events
 where country = 'Mali' and event_date between date '2025-06-01' and date '2025-06-30'
 order by fatalities desc, event_date;
