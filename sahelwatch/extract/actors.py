"""Actor mentions (named groups, national forces, generic words such as "soldats" or "gunmen") and their ACLED
canonical names, from seeds/lexicons/actors.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sahelwatch.extract.lexicon import load
from sahelwatch.extract.text import alternation, fold_pattern
from sahelwatch.text import fold_aligned

ROLE_TYPES = {
    "military": "state forces",
    "police": "state forces",
    "civilians": "civilians",
    "unidentified": "political militia",
    "protesters": "protesters",
    "rioters": "rioters",
}
ARMED_INTER = {1, 2, 3, 4, 8}


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    surface: str
    kind: str  # "named", "national" or "generic"
    role: str | None  # military, police, civilians, unidentified (national and generic)
    name: str | None  # canonical name for named and national actors
    country: str | None  # for national actors
    actor_type: str


@dataclass(frozen=True)
class _Entry:
    regex: re.Pattern[str]
    kind: str
    role: str | None
    name: str | None
    country: str | None
    actor_type: str
    spec: dict[str, Any] | None = None


class ActorLexicon:
    def __init__(self) -> None:
        lex = load("actors")
        self.types: dict[str, int] = {k: int(v) for k, v in lex["types"].items()}
        self.countries: dict[str, dict[str, Any]] = lex["countries"]
        entries: list[_Entry] = []
        patterns: list[str] = []
        case_patterns: list[str] = []
        self.case_entries: dict[str, _Entry] = {}
        for item in lex.get("named", []):
            for alias in item.get("aliases", []):
                entries.append(
                    _Entry(
                        re.compile(fold_pattern(alias) + r"\Z"), "named", None, item["name"], None, item["type"], item
                    )
                )
                patterns.append(alias)
            for alias in item.get("case_sensitive", []) or []:
                case_patterns.append(re.escape(alias))
                self.case_entries[alias] = _Entry(
                    re.compile(re.escape(alias)), "named", None, item["name"], None, item["type"], item
                )
        for country, info in self.countries.items():
            for role, templates in lex.get("national_templates", {}).items():
                for template in templates:
                    for adj in info.get("adjectives", []):
                        alias = template.replace("{adj}", adj)
                        entries.append(
                            _Entry(
                                re.compile(fold_pattern(alias) + r"\Z"),
                                "national",
                                role,
                                info[role],
                                country,
                                ROLE_TYPES[role],
                            )
                        )
                        patterns.append(alias)
        for role, aliases in lex.get("generic", {}).items():
            for alias in aliases:
                entries.append(
                    _Entry(re.compile(fold_pattern(alias) + r"\Z"), "generic", role, None, None, ROLE_TYPES[role])
                )
                patterns.append(alias)
        # order for identification: national before named before generic, longer first
        rank = {"national": 0, "named": 1, "generic": 2}
        self.entries = sorted(entries, key=lambda e: (rank[e.kind], -len(e.regex.pattern)))
        self.regex = re.compile(r"(?<![\w])" + alternation(patterns) + r"(?![\w'])")
        self.case_regex = (
            re.compile(r"(?<![\w])(?:" + "|".join(sorted(case_patterns, key=len, reverse=True)) + r")(?![\w])")
            if case_patterns
            else None
        )
        self._cache: dict[str, _Entry | None] = {}
        self.allied: set[str] = set()
        for item in lex.get("named", []):
            if item.get("state_allied"):
                self.allied.add(item["name"])
                for key in ("after", "before"):
                    if item.get(key):
                        self.allied.add(item[key]["name"])
        names: list[str] = []
        self.country_of_name: dict[str, str] = {}
        for country, info in self.countries.items():
            for name in info.get("names", []) + info.get("adjectives", []):
                self.country_of_name[fold_aligned(name)] = country
                names.append(name)
        self.country_regex = re.compile(r"(?<![\w])" + alternation(names) + r"(?![\w])")

    def _identify(self, matched: str) -> _Entry | None:
        key = re.sub(r"\s+", " ", matched)
        if key in self._cache:
            return self._cache[key]
        found = None
        for entry in self.entries:
            if entry.regex.match(key):
                found = entry
                break
        self._cache[key] = found
        return found

    def find(self, text: str, folded: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        end = len(folded) if end is None else end
        out: list[ActorMention] = []
        taken: list[tuple[int, int]] = []
        if self.case_regex is not None:
            for m in self.case_regex.finditer(text, start, end):
                entry = self.case_entries[m.group(0)]
                out.append(
                    ActorMention(m.start(), m.end(), m.group(0), "named", None, entry.name, None, entry.actor_type)
                )
                taken.append(m.span())
        for m in self.regex.finditer(folded, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            known = self._identify(m.group(0))
            if known is None:
                continue
            out.append(
                ActorMention(
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                    known.kind,
                    known.role,
                    known.name,
                    known.country,
                    known.actor_type,
                )
            )
        out.sort(key=lambda a: a.start)
        return out

    def countries_in(self, folded: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
        """(offset, country) for each country name or nationality adjective in folded[start:end]."""
        end = len(folded) if end is None else end
        return [
            (m.start(), self.country_of_name[re.sub(r"\s+", " ", m.group(0))])
            for m in self.country_regex.finditer(folded, start, end)
        ]

    def canonical(self, mention: ActorMention, country: str | None, when: date | None) -> str | None:
        """The ACLED name of a mention in an incident of `country` on `when`."""
        if mention.kind in ("named", "national"):
            name = mention.name
            spec = None
            if mention.kind == "named":
                for entry in self.entries:
                    if entry.kind == "named" and entry.name == name:
                        spec = entry.spec
                        break
            if spec and when is not None:
                surface = fold_aligned(mention.surface)
                for key, later in (("after", True), ("before", False)):
                    rule = spec.get(key)
                    if not rule:
                        continue
                    pivot = date.fromisoformat(str(rule["date"]))
                    if (when >= pivot) if later else (when < pivot):
                        unless = rule.get("unless_alias")
                        if unless and (re.search(fold_pattern(unless), surface) or re.search(unless, mention.surface)):
                            continue
                        name = rule["name"]
            return name
        if country is None or country not in self.countries:
            return None
        return self.countries[country].get(mention.role or "")

    def role_name(self, country: str | None, role: str) -> str | None:
        if country is None or country not in self.countries:
            return None
        return self.countries[country].get(role)

    def state_side(self, name: str | None, inter: int) -> bool:
        """True for state forces and the forces allied with them."""
        return inter == 1 or (name in self.allied)

    def inter(self, actor_type: str) -> int:
        return self.types.get(actor_type, 3)

    def type_of(self, name: str | None) -> str | None:
        """Actor type of a canonical name."""
        if not name:
            return None
        for info in self.countries.values():
            for role in ("military", "police", "civilians", "unidentified", "protesters", "rioters"):
                if info.get(role) == name:
                    return ROLE_TYPES[role]
        for entry in self.entries:
            if entry.name == name:
                return entry.actor_type
        for item in load("actors").get("named", []):
            for key in ("after", "before"):
                if (item.get(key) or {}).get("name") == name:
                    return item["type"]
        return None


@lru_cache(maxsize=1)
def lexicon() -> ActorLexicon:
    return ActorLexicon()


def find_actors(text: str, folded: str | None = None, start: int = 0, end: int | None = None) -> list[ActorMention]:
    return lexicon().find(text, fold_aligned(text) if folded is None else folded, start, end)
