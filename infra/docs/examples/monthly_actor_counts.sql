-- The actors involved in most incidents per month (an incident counts once for each of its actors).
select month, actor, sum(incidents) as incidents, sum(fatalities) as fatalities
  from marts.monthly_actor_counts
 group by month, actor
 order by month, incidents desc, actor;
