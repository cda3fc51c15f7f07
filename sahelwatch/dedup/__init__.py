"""Deduplication of staging.reports: every report keeps its row; copies point to their cluster's canonical report.

exact (same canonical URL or words) and near-duplicates (shingles -> signature -> index -> similarity) feed
cluster, which applies the canonical rule; store reads and writes the warehouse; stage is dedup_interval, the step
the DAG and the CLI run.
"""
