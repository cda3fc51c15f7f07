"""The boundary build: seeds/boundaries from Natural Earth and the gazetteer (see build.py; the report reads the
result with sahelwatch.report.boundaries)."""
