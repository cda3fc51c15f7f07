-- Weekly incidents and deaths per country (the daily counts added up).
select date_trunc('week', event_date)::date as week, country, sum(incidents) as incidents,
       sum(fatalities) as fatalities
  from marts.daily_counts
 group by 1, country
 order by 1, country;
