"""Build tools and fixture generators: run by hand (to rebuild a seed under seeds/) or by the benchmarks and tests
(to write a large invented replica). The pipeline never imports them, so that what runs daily does not carry the
code, the build-only dependencies or the word lists that only a rebuild or a benchmark needs;
tests/tools/test_boundary.py keeps it that way.

- gazetteer: seeds/gazetteer from the GeoNames dumps (``python -m sahelwatch.tools.gazetteer.build``)
- boundaries: seeds/boundaries from Natural Earth and the gazetteer (``python -m sahelwatch.tools.boundaries.build``)
- replica: the large invented replica for benchmarks (``python -m sahelwatch.tools.replica.generate``)
"""
