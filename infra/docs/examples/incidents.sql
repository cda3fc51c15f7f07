-- Incidents of a week by region with their reconciled tolls; NULL fatalities means no source gives a figure.
select event_date, country, admin1, location, event_type, actor1, actor2, fatalities, fatalities_low,
       fatalities_high, source_count, outlet_count, confidence
  from marts.incidents
 where event_date between date '2025-05-27' and date '2025-06-02'
 order by event_date, country, admin1;
