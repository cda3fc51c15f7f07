"""The large invented replica for benchmarks (see large.py): a fixture generator, not part of the runtime replica
(sahelwatch.replica)."""
