"""The gazetteer build: seeds/gazetteer from the GeoNames dumps (see build.py; the runtime reads the result with
sahelwatch.places)."""
