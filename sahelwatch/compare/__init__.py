"""`sahelwatch compare`: how the warehouse's incidents compare with an ACLED or UCDP export of the same period.

One module per job: `model` (an event of either side), `layouts` (which file layout a header is), `acled` and
`ucdp` (their rows as events), `ours` (marts.incidents as events), `rules` (when two events are the same) and
`matcher` (one-to-one pairs, best first), `summary` (counts and agreement), `writers` (CSVs) and `page` (the
offline HTML page), `run` (the whole audit, for the CLI).
"""
