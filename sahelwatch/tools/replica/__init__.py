"""A large invented replica: N news reports of one day over M outlets, for benchmarks of the whole pipeline.

The hand-written replica (sahelwatch/replica/site/) has a dozen pages; measuring the pipeline at scale needs
thousands, with the properties that make each stage work: French and English outlets of Mali, Burkina Faso and
Niger, each with its own feed (RSS 2.0 or Atom) listing its articles of the day; a share of syndicated copies (a
wire story republished by other outlets under another title, with their own credit line and boilerplate, sometimes
cut), which dedup must catch; and a share of incident reports (an attack, ambush, explosive device or kidnapping at
a town of the project's gazetteer, by a named actor, on a stated day, with casualty figures), most of them following
up an incident that other outlets reported in their own words, which extraction and fusion must find and merge. One
original incident report in 17 tells of a new incident, so the number of incidents grows with the day: about one per
20 incident reports (copies included), one per 55 reports. Incidents happen at towns more than fusion's 25 km apart,
on days more than its two-day window apart (one slot a town in the last three days, then one every third day back to
89 days before DAY, within extraction's 90 days of news; model.py derives both from fusion's and extraction's
constants), so no two incidents can look like one to fusion and the number of distinct incidents (the manifest's
`incidents`) is what fusion must find; up to 3,360 with today's gazetteer (past that, new incident reports follow
one up). Everything else is ordinary news (politics, economy, harvests, health, schools, sport) written from a
lexicon of a few hundred nouns, verbs and adjectives and invented people, so that unrelated stories share about as
few 3-word shingles as real news does (see benchmarks/README.md, "End to end").

All articles are published within one UTC day (DAY), so that one pipeline interval holds them all: that is what the
daily run does, and a 100,000-report day is the stress case. Pages look like news pages (menus, related links,
inline style and script, 10-30 KB). Files hold the ``{base}`` placeholder that ReplicaServer(root=...) fills in.
Generation is seeded: the same (reports, outlets, seed) always writes the same bytes.

One job a module: words (the lexicon, in news.yaml and incidents.yaml), model (the day, shares, incident slots and
records), towns (incident sites), writer (the prose), day (outlets and the day's articles), pages (HTML pages and
feeds) and generate (generate() and the command line).

    python -m sahelwatch.tools.replica.generate --reports 10000 --out /tmp/replica  # serve /tmp/replica/site
"""
