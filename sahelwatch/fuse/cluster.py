"""Group matching mentions into incidents and give every incident a stable id. Pure: no database.

Grouping is greedy and deterministic, so the result depends only on the set of mentions, never on the order in
which days were processed: mentions are taken in anchor order (best located first, see merge.Mention.anchor_order);
each joins the incident whose *anchor* (first mention) it matches best, or founds a new incident. Matching the
anchor, not any member, keeps incidents from chaining: a mention 20 km east of an attack and one 20 km west of it
join the attack, but do not make two villages 40 km apart one place. A mention never joins an incident that
already holds a mention of the same report. "Best" is: same event type first, then the fewest days apart, then
distance before name before admin-area matches, then the nearest, then the incident whose anchor came first.

Ids (assign_ids) are stable: an incident keeps the id that most of its mentions had before, so an incident keeps
its id when a new report (even one published earlier) joins it or when one of its reports is removed. Only an
incident that none of its mentions knew gets a new id, the hash of its founding mention (earliest crawl interval,
then earliest publication, report id, seq): a day processed alone or inside a backfill founds the same ids.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta

from sahelwatch.fuse.match import DISTANCE_KM, Link, link, window_days
from sahelwatch.fuse.merge import Mention, incident_id

Key = tuple[str, int]
Links = dict[Key, dict[Key, Link]]
_RULE_RANK = {"distance": 0, "name": 1, "admin": 2}


def mention_link(a: Mention, b: Mention) -> Link | None:
    if a.report_id == b.report_id:
        return None
    return link(
        a.event_type, a.event_date, a.time_precision, a.place, b.event_type, b.event_date, b.time_precision, b.place
    )


class _Bucket:
    """The mentions of one country, day and time precision, indexed the way places can match: points by grid cell
    (a cell is wider than DISTANCE_KM everywhere in the region, so a point's matches lie in the 3 x 3 cells around
    it), the others by admin1."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Mention]] = defaultdict(list)
        self.points_by_admin1: dict[str | None, list[Mention]] = defaultdict(list)
        self.others_by_admin1: dict[str | None, list[Mention]] = defaultdict(list)
        self.everything: list[Mention] = []

    def add(self, mention: Mention) -> None:
        place = mention.place
        self.everything.append(mention)
        if place.point is not None:
            self.cells[_cell(place.point)].append(mention)
            self.points_by_admin1[place.admin1].append(mention)
        else:
            self.others_by_admin1[place.admin1].append(mention)

    def candidates(self, mention: Mention) -> Iterator[Mention]:
        place = mention.place
        if place.admin1 is None:  # nothing to block on: names may match anything that names a town
            yield from self.everything
            return
        if place.point is not None:
            row, column = _cell(place.point)
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    yield from self.cells.get((row + dr, column + dc), ())
        else:
            yield from self.points_by_admin1.get(place.admin1, ())
            yield from self.points_by_admin1.get(None, ())
        yield from self.others_by_admin1.get(place.admin1, ())
        yield from self.others_by_admin1.get(None, ())


# a cell spans more than DISTANCE_KM of longitude everywhere up to 38 degrees north (the region's northern edge)
_CELL_DEGREES = DISTANCE_KM / (111.2 * math.cos(math.radians(38)))


def _cell(point: tuple[float, float]) -> tuple[int, int]:
    return (math.floor(point[0] / _CELL_DEGREES), math.floor(point[1] / _CELL_DEGREES))


def find_links(left: Iterable[Mention], right: Iterable[Mention]) -> Iterator[tuple[Mention, Mention, Link]]:
    """Every matching pair (a from left, b from right), looked up by country, date window and place block rather
    than by comparing all pairs."""
    index: dict[tuple[str, date, int], _Bucket] = defaultdict(_Bucket)
    for b in right:
        index[(b.country, b.event_date, b.time_precision)].add(b)
    precisions = sorted({precision for _, _, precision in index})
    for a in left:
        for precision in precisions:
            span = window_days(a.time_precision, precision)
            for offset in range(-span, span + 1):
                bucket = index.get((a.country, a.event_date + timedelta(days=offset), precision))
                if bucket is None:
                    continue
                for b in bucket.candidates(a):
                    if b.key != a.key and (found := mention_link(a, b)) is not None:
                        yield a, b, found


def build_links(mentions: list[Mention]) -> Links:
    links: Links = defaultdict(dict)
    for a, b, found in find_links(mentions, mentions):
        links[a.key][b.key] = found
        links[b.key][a.key] = found
    return links


@dataclass
class Cluster:
    """The mentions of one incident; the anchor is the first, and every other member's link to it is kept."""

    anchor: Mention
    members: list[Mention] = field(default_factory=list)
    links: dict[Key, Link] = field(default_factory=dict)

    @property
    def founder(self) -> Mention:
        return min(self.members, key=lambda m: m.founder_order)

    def has_report(self, report_id: str) -> bool:
        return any(m.report_id == report_id for m in self.members)


def group(mentions: list[Mention], links: Mapping[Key, Mapping[Key, Link]] | None = None) -> list[Cluster]:
    """Greedy grouping in anchor order (see the module docstring); clusters come out in founder order."""
    links = build_links(mentions) if links is None else links
    clusters: list[Cluster] = []
    anchored: dict[Key, int] = {}
    for mention in sorted(mentions, key=lambda m: m.anchor_order):
        best: tuple[tuple[object, ...], int, Link] | None = None
        for other, found in links.get(mention.key, {}).items():
            index = anchored.get(other)
            if index is None or clusters[index].has_report(mention.report_id):
                continue
            score = (not found.same_type, found.days, _RULE_RANK[found.rule], found.distance_km or 0.0, index)
            if best is None or score < best[0]:
                best = (score, index, found)
        if best is None:
            anchored[mention.key] = len(clusters)
            clusters.append(Cluster(mention, [mention]))
        else:
            cluster = clusters[best[1]]
            cluster.members.append(mention)
            cluster.links[mention.key] = best[2]
    return sorted(clusters, key=lambda c: c.founder.founder_order)


def assign_ids(
    clusters: list[Cluster], previous: Mapping[Key, str], reserved: AbstractSet[str] = frozenset()
) -> list[str]:
    """One id per cluster: the previous id most of its mentions had (on a tie, the one of the previous incident
    founded first), unless a bigger share claimed it first; else a new id from its founder's key, avoiding ids in
    use (`reserved`: ids of incidents outside this computation)."""
    votes: list[tuple[int, tuple[object, ...], str, int]] = []
    for index, cluster in enumerate(clusters):
        counts: Counter[str] = Counter()
        earliest: dict[str, tuple[object, ...]] = {}
        for m in cluster.members:
            if m.key in previous:
                old = previous[m.key]
                counts[old] += 1
                earliest[old] = min(earliest.get(old, m.founder_order), m.founder_order)
        # the largest share first; on a tie, the previous incident founded first keeps its id
        votes.extend((-count, earliest[old], old, index) for old, count in counts.items())
    ids: list[str | None] = [None] * len(clusters)
    taken: set[str] = set()
    for _, _, old, index in sorted(votes):
        if ids[index] is None and old not in taken:
            ids[index] = old
            taken.add(old)
    for index, cluster in enumerate(clusters):
        if ids[index] is None:
            attempt = 0
            while (candidate := incident_id(cluster.founder, attempt)) in taken or candidate in reserved:
                attempt += 1
            ids[index] = candidate
            taken.add(candidate)
    return [value for value in ids if value is not None]


def aliases(previous: Mapping[Key, str], clusters: list[Cluster], ids: list[str]) -> dict[str, str]:
    """Previous ids that no cluster kept, each pointing at the incident that now holds most of its mentions."""
    now = {m.key: ids[index] for index, cluster in enumerate(clusters) for m in cluster.members}
    kept = set(ids)
    moved: dict[str, Counter[str]] = defaultdict(Counter)
    for key, old in previous.items():
        if old not in kept and key in now:
            moved[old][now[key]] += 1
    return {old: min(targets, key=lambda new: (-targets[new], new)) for old, targets in moved.items()}
