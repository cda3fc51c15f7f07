"""Fictional Sahel news outlets served on 127.0.0.1, so the demo and the tests crawl without the internet.

Use `sahelwatch.replica.server.ReplicaServer` and `replica_sources`; this module imports nothing so that
`python -m sahelwatch.replica.server` runs without a double-import warning.
"""
