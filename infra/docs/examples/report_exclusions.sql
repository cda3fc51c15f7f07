-- Reports editors took out of the incidents, newest first, with the reason and the outlet.
select excluded_at, reason, source_id, url, note, excluded_by
  from marts.report_exclusions
 order by excluded_at desc;
