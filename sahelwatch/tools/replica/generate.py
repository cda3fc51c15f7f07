"""A large invented replica: N news reports of one day over M outlets, for benchmarks of the whole pipeline.

What it holds and why: see the package's docstring (sahelwatch/tools/replica/__init__.py).

    python -m sahelwatch.tools.replica.generate --reports 10000 --out /tmp/replica  # serve /tmp/replica/site
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import yaml

from sahelwatch.tools.replica.day import draw_articles, make_outlets
from sahelwatch.tools.replica.model import DAY, Replica
from sahelwatch.tools.replica.pages import write_site


def generate(out: Path, reports: int, outlets: int = 40, seed: int = 2025) -> Replica:
    """Write the replica under `out`: `site/` (serve it with ReplicaServer(root=out / "site")), `sources.yaml`
    (registry entries with `{base}`, for sahelwatch.replica.server.replica_sources) and `manifest.json` (counts).

    With outlets=1 this is a single outlet's site and feed (no copies: there is nobody to copy from)."""
    rng = random.Random(seed)
    replica = Replica(make_outlets(outlets, rng))
    replica.articles = draw_articles(replica.outlets, reports, rng)
    write_site(out / "site", replica, rng)
    (out / "sources.yaml").write_text(
        yaml.safe_dump({"sources": replica.registry()}, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    (out / "manifest.json").write_text(
        json.dumps({"seed": seed, "day": DAY.isoformat(), **replica.counts()}, indent=2), encoding="utf-8"
    )
    return replica


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sahelwatch.tools.replica.generate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    replica = generate(args.out, args.reports, args.outlets, args.seed)
    counts = replica.counts()
    print(
        f"wrote {counts['reports']} reports of {DAY} over {counts['outlets']} outlets to {args.out / 'site'} "
        f"({counts['bytes'] / 1e6:.0f} MB, {time.perf_counter() - started:.1f} s)"
    )
    print(
        f"  copies {counts['copies']}, incident reports {counts['incident_reports']} "
        f"({counts['incidents']} incidents), languages {counts['languages']}"
    )
    print(f"  registry: {args.out / 'sources.yaml'} (fill {{base}} with replica_sources(base_url, registry=...))")
    print(f"  serve: ReplicaServer(root={args.out / 'site'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
