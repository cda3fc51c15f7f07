"""Exports of marts.incidents in the formats analysts already use: ACLED-compatible CSV, GeoJSON, Parquet.

Every format has the same rows (marts.acled_events, one per incident) and the same columns: ACLED's, in ACLED's
order, then sahelwatch's own (sahelwatch.export.query.COLUMNS).
"""
