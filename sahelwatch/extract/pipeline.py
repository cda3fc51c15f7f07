"""From a report to incidents: sentences with an event word become units, neighbouring units about the same place
and day become one incident frame, and a frame that passes the evidence test becomes an Incident.

The evidence test (precision first): an event word, a place or an actor, and a victim count, a specific date or a
concrete event (a verb, or a singular noun such as "l'attaque") in the same or adjacent sentences. Sentences that
deny, judge, commemorate, report accidents, or speak of violence in general are left out.

Demonstrations (protests and riots) are placed and dated as ACLED counts them: one incident per town and day
("à Kiffa et Rosso", "on Tuesday and Wednesday" are two each), the capital for "dans la capitale" and for the
capital's quarters, the previous demonstration's town for a sentence that names none; protests that are only
called, planned, banned, cancelled or spoken of in general make none. A head of state detained by soldiers in the
report's lead is a coup's arrest in the capital.

Casualty figures of a later sentence that fits no frame ("le commandant du camp et quatre soldats ont été emmenés",
a paragraph further down) complete the frame they follow, within FOLLOW_GAP sentences, when the sentence has no
place, day or event of its own (in a single-incident report, its own event word, place or day may be the
incident's); background sentences (an earlier attack "en mars 2019") and "another attack" lend no figures."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sahelwatch.extract.actors import ARMED_INTER, ActorMention
from sahelwatch.extract.actors import lexicon as actor_lexicon
from sahelwatch.extract.assembly import (
    Tolls,
    confidence,
    distinct_units,
    fatalities,
    place_columns,
    situation,
    tolls,
)
from sahelwatch.extract.counts import Casualty, find_casualties
from sahelwatch.extract.dates import DateMention, find_dates, stated_apart
from sahelwatch.extract.enumeration import listed_with
from sahelwatch.extract.events import CROWD, STREET, VIOLENT, Situation, Trigger, classify
from sahelwatch.extract.events import lexicon as event_lexicon
from sahelwatch.extract.evidence import UNLOCATED, Evidence, failed_rule
from sahelwatch.extract.frame import Actor, Frame, Unit
from sahelwatch.extract.joining import (
    ABSORB_DAYS,
    EVIDENCE_MAX,
    absorb_unplaced,
    merge_duplicates,
    merge_tellings,
    without_recalled,
)
from sahelwatch.extract.lexicon import one_of, words
from sahelwatch.extract.model import Incident, Report
from sahelwatch.extract.naming import Parties, acled_names
from sahelwatch.extract.places import PlaceChoice, PlaceFinder, named_as_direction, same_or_within
from sahelwatch.extract.roles import role_of
from sahelwatch.extract.sentences import Document, Sentence, split
from sahelwatch.extract.tolls import SEVERAL_PLACES, loci, total
from sahelwatch.extract.villages import ReportedPlace
from sahelwatch.text import fold_aligned

log = logging.getLogger(__name__)

MAX_AGE_DAYS = 90  # older events are background, not news
MAX_GAP = 3  # sentences between two units of one frame
FOLLOW_GAP = 6  # sentences between a frame and a follow-up casualty sentence that completes it
FOLLOW_PARAGRAPHS = 2  # ... and paragraphs
# Words and phrases: seeds/lexicons/frames.yaml (each list joined here, in the file's order, into the regexes)
_DATE_WORDS = r"(?:" + one_of(words("frames", "date_words")) + r"\s+)?"  # "said on Tuesday", "a annoncé ce lundi"
_OTHER_EVENT = re.compile(
    r"\b"
    + one_of(words("frames", "other_event", "qualifiers"))
    + r"\s+(?:\w+\s+)?"
    + one_of(words("frames", "other_event", "events"))
)
_OUTCOME_KINDS = frozenset({"kill", "abduction"})  # event words that are only the outcome of a casualty figure
_VICTIM_OUTCOMES = frozenset({"killed", "injured", "abducted"})
# the day after or before the event of the frame: what happened then is another incident
_OTHER_DAY = re.compile(
    r"\b" + one_of(words("frames", "other_day", "days")) + r"\b"
    r"(?:,? (?:de|du|d'|of) (?:l'|la |le |cette |cet |ce |the |that )?(?:\w+ )?"
    + one_of(words("frames", "other_day", "events"))
    + r"s?)?"
)
MAX_INCIDENTS = 40
PLACE_THRESHOLD = 1.5
REGION_FLOOR = 0.3  # an area below PLACE_THRESHOLD is still the region of a sentence with no town
_SETTLEMENT_CUES = frozenset({"event", "noun", "in", "near"})  # cues that make a name the place of something
_NAMING_CUES = frozenset({"event", "noun", "near"})  # ... that name a settlement as such, or near it
NO_DATE = date(2100, 1, 1)
_REPORTING = re.compile(one_of(words("frames", "reporting")) + r"\s+" + _DATE_WORDS + "$")

# a date inside a clause about a statement: "in a statement read on state television on Tuesday", "according to a
# video released by the group on Wednesday", "dans un communiqué publié mardi"
_STATEMENT = re.compile(
    r"\b"
    + one_of(words("frames", "statement"))
    + r"\b[^,.;:!?()]{0,50}\b"
    + one_of(words("frames", "date_words"))
    + r"?\s*$"
)


# "told CBS News yesterday", "said by phone on Thursday", "disclosed this on Tuesday", "a indiqué à l'AFP samedi":
# a reporting verb, who it was said to, then the date
_REPORTED_TO = re.compile(
    r"(?:\btold\s+(?:(?!that\b|the\s)[\w.'-]+\s+){0,2}?(?:the\s+(?!that\b)[\w.'-]+\s+)?"
    r"(?:(?:by|via|over the)\s+(?:tele)?phone\s+)?"
    r"|\b" + one_of(words("frames", "reported_to", "said")) + r"\s+(?:by\s+(?:tele)?phone|to\s+(?:the\s+)?"
    r"[\w.'-]+(?:\s+[\w.'-]+)?)\s+"
    r"|\b" + one_of(words("frames", "reported_to", "disclosed")) + r"\s+(?:this|it)\s+"
    r"|\b(?:a|ont)\s+" + one_of(words("frames", "reported_to", "french_said")) + r"\s+"
    r"(?:a|aux?|par)\s+(?:l'|la\s+|le\s+|les\s+)?[\w.'-]+(?:\s+[\w.'-]+)?\s+)" + _DATE_WORDS + "$"
)
# "an official on Sunday confirmed that...": the date of the statement stands before its verb
_REPORTED_AFTER = re.compile(
    r"\s+" + one_of(words("frames", "reported_after", "verbs")) + r"\b"
    # "On Wednesday evening, the Nigerien army revealed that...": a subject, then the verb and what was said
    r"|(?:\s+"
    + one_of(words("frames", "reported_after", "times_of_day"))
    + r")?,?\s+(?:[\w'-]+\s+){0,4}?"
    + one_of(words("frames", "reported_after", "verbs_that"))
    + r"\s+"
    + one_of(words("frames", "reported_after", "that"))
)
# "bodies were buried this morning", "this morning we counted 19 dead", "discovered by their relatives on May 15":
# the day the dead were found, counted or buried, not the day of the attack
_FOUND_BEFORE = re.compile(r"\b" + one_of(words("frames", "found_before")) + r"\b[^,.;:!?]{0,30}$")
_FOUND_AFTER = re.compile(r"[^,.;:!?]{0,25}?\b" + one_of(words("frames", "found_after")) + r"\b")


def _statement_dates(folded: str, lo: int, hi: int, dates: list[DateMention]) -> frozenset[int]:
    """Starts of the dates that tell when something was said, published or found, not when the event was."""
    out = set()
    for d in dates:
        before = re.sub(r"\s+", " ", folded[max(lo, d.start - 40) : d.start])
        if (
            _REPORTING.search(before)
            or _REPORTED_TO.search(before)
            or _STATEMENT.search(re.sub(r"\s+", " ", folded[max(lo, d.start - 80) : d.start]))
            or _REPORTED_AFTER.match(folded, d.end, hi)
            or _FOUND_BEFORE.search(before)
            or _FOUND_AFTER.match(folded, d.end, hi)
        ):
            out.add(d.start)
    return frozenset(out)


# what may stand between a descriptor and the group it names: "combattants de la Katiba Macina", "fighters from the
# Islamic State", "jihadistes affiliés à l'EIGS"
_DESCRIPTOR_JOIN = re.compile(
    r"\s*(?:" + one_of(words("frames", "descriptor_join")) + r"\s*)?(?:the\s+|la\s+|le\s+|l')?"
)
_STATE_TYPES = frozenset({"state forces", "external/other forces"})
# places and columns of the armed forces named as actors ("le poste de sécurité", "an army convoy")
_INSTALLATION = re.compile(r"\b" + one_of(words("frames", "installation")) + r"\b")
_ASSAULT_KINDS = frozenset({"attack", "clash", "shelling", "ied", "suicide", "grenade", "takeover"})


def _describes(prev: ActorMention, m: ActorMention, gap: str) -> bool:
    """Whether mention `prev` only describes the named actor `m` that follows it: a generic word for armed men
    ("terroristes", "assaillants") before a non-state group, soldiers before a force, or another alias of the same
    group ("Tuareg rebels of the Azawad Liberation Front")."""
    if m.kind != "named" or len(gap) > 30 or not _DESCRIPTOR_JOIN.fullmatch(gap):
        return False
    if prev.kind == "named":
        return prev.name == m.name
    if prev.kind != "generic":
        return False
    if prev.role == "unidentified":
        return m.actor_type not in _STATE_TYPES
    return prev.role in ("military", "police") and m.actor_type in _STATE_TYPES


def _merge_mentions(found: list[ActorMention], text: str, folded: str) -> list[ActorMention]:
    """Actor mentions read as wholes: "Boko Haram fighters" (the words after a name belong to it), "le groupe
    terroriste Boko Haram", "les assaillants de l'EIGS" (a descriptor and the group it names)."""
    merged: list[ActorMention] = []
    for m in found:
        if (
            merged
            and m.kind == "generic"
            and merged[-1].kind in ("named", "national")
            and 0 <= m.start - merged[-1].end <= 1
        ):
            merged[-1] = replace(merged[-1], end=m.end, surface=text[merged[-1].start : m.end])
            continue
        if merged and _describes(merged[-1], m, folded[merged[-1].end : m.start]):
            prev = merged[-1]
            merged[-1] = replace(m, start=prev.start, surface=text[prev.start : m.end])
            continue
        merged.append(m)
    return merged


def _attribution_unit(s: Sentence, actors: list[Actor]) -> Unit | None:
    """A sentence that only says who did it ("JNIM claimed the attack") completes the unit before it: its armed
    actors, as attackers or sources."""
    actors = [a for a in actors if a.inter != 7]
    if not actors:
        return None
    for a in actors:
        a.role = "attacker" if a.role == "attacker" else "source"
    return Unit(s, [], [], [], actors, None, None, False, False, False, [], False, support=True)


def _pick_place(choices: list[PlaceChoice]) -> tuple[PlaceChoice | None, PlaceChoice | None]:
    """(town, region) among a sentence's scored place choices, best first: the first town above PLACE_THRESHOLD,
    else the best area above it, else any area that is not named in passing and scores at least REGION_FLOOR."""
    place = None
    region = None
    for choice in choices:
        if choice.score < PLACE_THRESHOLD:
            break
        if choice.place.kind == "town":
            place = choice
            break
        if region is None:
            region = choice
    if place is None:
        for choice in choices:
            if choice.place.kind in ("admin1", "admin2") and choice.cue != "neg" and choice.score >= REGION_FLOOR:
                region = region or choice
                break
    return place, region


# a date after "depuis", "since", "until": a duration's bound, not the day of the event ("détenu depuis lundi",
# "en service depuis mars 2019")
_SINCE = re.compile(one_of(words("frames", "since")) + r"\s+(?:le\s+|la\s+|the\s+|ce\s+|this\s+)?$")
_AFTER_CROWD = re.compile(
    r"(?:"
    + one_of(words("frames", "after_crowd", "french"))
    + " "
    + one_of(words("frames", "after_crowd", "french_links"))
    + r"|"
    + one_of(words("frames", "after_crowd", "english"))
    + " "
    + one_of(words("frames", "after_crowd", "english_determiners"))
    + r"?)(?!avoir |having )"
    r"(?:[\w-]+ )?$"
)
# a head of state or government, or a minister: detained by soldiers, that is a coup's arrest (Strategic
# developments), not a kidnapping
_LEADER = re.compile(
    r"\b(?:"
    + words("frames", "leader", "president")[0]
    + "(?! "
    + one_of(words("frames", "leader", "of"))
    + r" (?:\w+ )?"
    + one_of(words("frames", "leader", "bodies"))
    + ")|"
    + "|".join(words("frames", "leader", "titles"))
    + r")\b"
)
LEAD_SENTENCES = 4  # a coup's arrest told in the first sentences is the report's news (dated by publication)
_EXPLICIT_DATES = frozenset({"dmy", "mdy", "num", "iso", "drange", "mrange", "part", "month"})
# a movement named after a day ("le collectif du 12 mai"): no date
_NAMED_AFTER_DATE = re.compile(one_of(words("frames", "named_after_date")) + r"\s+(?:du|of|de)\s+$")
_COORDINATED_CAPITAL = re.compile(
    r"\W*"
    + one_of(words("frames", "coordinated_capital", "conjunctions"))
    + r"\W*(?:"
    + one_of(words("frames", "coordinated_capital", "prepositions"))
    + r"\W+)?(?:(?:the|la)\W+)?$"
)


def _other_days(dates: list[DateMention], folded: str, reporting: frozenset[int]) -> list[DateMention]:
    """Days listed with a crowd's first day ("on Tuesday and Wednesday", "samedi et dimanche"): one incident
    per day. The first day is the unit's own; the others are returned."""
    days = sorted(
        [d for d in dates if d.specific and d.precision == 1 and d.start not in reporting], key=lambda d: d.start
    )
    out: list[DateMention] = []
    for a, b in zip(days, days[1:]):
        if b.value != a.value and re.fullmatch(
            r"\s*(?:,|et|and|puis|then)\s*(?:(?:le|on)\s+)?", folded[a.end : b.start]
        ):
            out.append(b)
    return out


def _published(report: Report) -> date | None:
    value = report.published_at
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _dominant_country(doc: Document, hint: str | None) -> str | None:
    # a country named as an origin or destination ("a convoy bound for Niger") is not where things happen
    counts = Counter(c for i, c in actor_lexicon().countries_in(doc.folded) if not named_as_direction(doc.folded, i))
    if hint and hint in actor_lexicon().countries:
        counts[hint] += 2
    return counts.most_common(1)[0][0] if counts else None


class _Extractor:
    def __init__(self, report: Report, gazetteer: Any) -> None:
        self.report = report
        self.pub = _published(report)
        self.ref = self.pub or NO_DATE
        self.doc = split(report.text or "", report.title or "")
        self.events = event_lexicon()
        self.actors = actor_lexicon()
        self.country_ctx = _dominant_country(self.doc, report.country_hint)
        self.places = PlaceFinder(
            gazetteer, self.doc.text, self.doc.folded, report.country_hint or self.country_ctx, self.doc.dateline_end
        )
        self.loose: list[Unit] = []  # support units that completed no frame
        self.dropped: list[dict[str, Any]] = []  # frames the evidence test dropped, with the rule they failed
        self.merged: list[Frame] = []  # leads without a place that joined the frame after them
        self.perpetrator: ActorMention | None = None  # the group the report holds responsible, if only one

    def note_perpetrator(self, units: list[Unit]) -> None:
        """The named armed group that the report holds responsible - in its title or in sentences that attribute
        or claim attacks - when one group clearly dominates: a report that puts a raid down to Boko Haram and then
        tells of herders shot in a second village, with no author named, gives that incident to Boko Haram too.
        Background sentences do not count, nor does the author of one attack among others in a round-up."""
        votes: Counter[str] = Counter()
        first: dict[str, ActorMention] = {}
        for u in units:
            if u.background or self.stale(u):
                continue
            claim = bool(self.events.attribution.search(self.doc.folded, u.sentence.start, u.sentence.end))
            if not (u.support or u.sentence.title or claim):
                continue  # a group that carried out one attack of a round-up is not the author of the others
            for a in u.actors:
                m = a.mention
                if (
                    a.role != "attacker"
                    or m.kind not in ("named", "national")
                    or not m.name
                    or a.inter not in ARMED_INTER
                ):
                    continue
                votes[m.name] += 1
                first.setdefault(m.name, m)
        # the army accused together with its partners ("the army and its Russian allies are accused"): the army
        ranked = sorted(votes.items(), key=lambda kv: (-kv[1], self.actors.inter(first[kv[0]].actor_type) != 1))
        if ranked and (
            len(ranked) == 1
            or ranked[0][1] > ranked[1][1]
            or (
                self.actors.inter(first[ranked[0][0]].actor_type) == 1
                and self.actors.state_side(ranked[1][0], self.actors.inter(first[ranked[1][0]].actor_type))
                and (len(ranked) == 2 or ranked[1][1] > ranked[2][1])
            )
        ):
            self.perpetrator = first[ranked[0][0]]

    def stale(self, u: Unit) -> bool:
        """A unit dated (not by a statement) long before publication: background ("en mars 2019")."""
        if any((self.ref - d.value).days > MAX_AGE_DAYS for d in u.dates if d.start not in u.reporting):
            return True
        if u.background and self.ref != NO_DATE:
            # a bare year ("En 2021, une attaque ... avait coûté la vie à 69 personnes") in a background sentence
            years = [
                int(y)
                for y in re.findall(
                    r"(?<![\w.,/-])((?:19|20)\d\d)(?![\w/-])", self.doc.folded[u.sentence.start : u.sentence.end]
                )
            ]
            return any(y < self.ref.year for y in years)
        return False

    # -- units -------------------------------------------------------------------------------------

    def unit(self, s: Sentence) -> Unit | None:
        """The sentence as a unit (event words, figures, dates, actors, place), or None when it tells no incident:
        in the dateline, suppressed, nothing at all, violence in general, or a tally over many attacks."""
        text, folded = self.doc.text, self.doc.folded
        lo, hi = s.start, s.end
        if hi <= self.doc.dateline_end:
            return None
        lo = max(lo, self.doc.dateline_end)
        triggers = self.events.find(text, folded, lo, hi)
        if self.events.suppressed(folded, lo, hi):
            return None
        triggers, topics = self._told_triggers(triggers, lo, hi)
        casualties = self._casualties(s, lo, hi, topics)
        attribution = not triggers and not casualties and bool(self.events.attribution.search(folded, lo, hi))
        quiet = not triggers and not casualties and bool(self.events.no_casualties.search(folded, lo, hi))
        if not triggers and not casualties and not attribution and not quiet:
            return None
        dates = self._dates(lo, hi)
        specific = any(d.specific for d in dates)
        firm = any(not c.vague and c.outcome in _VICTIM_OUTCOMES for c in casualties)
        if (
            not specific
            and not firm
            and self.events.soft_suppressed(folded, lo, hi, any(t.kind in CROWD and t.concrete for t in triggers))
        ):
            return None
        reporting = self._reporting(lo, hi, dates, triggers)
        if self.events.statistic.search(folded, lo, hi) and not any(
            d.specific and d.precision == 1 and d.start not in reporting for d in dates
        ):
            return None  # a tally over many attacks or months, not an incident
        found = self.actors.find(text, folded, lo, hi)
        actors = self._actors(s, _merge_mentions(found, text, folded), casualties, triggers)
        if attribution:
            return _attribution_unit(s, actors)
        # a demonstration, an arrest, a base handed over: placed and dated like a demonstration
        crowd_like = any(t.kind in STREET for t in triggers) or bool(
            triggers and not any(t.kind in VIOLENT for t in triggers)
        )
        choices, place, region, also = self._sentence_places(lo, hi, triggers, found, crowd_like)
        other_days: tuple = ()
        if crowd_like:
            other_days = tuple(_other_days(dates, folded, reporting))
            if other_days:
                dates = [d for d in dates if all(d.start != o.start for o in other_days)]
        countries = [c for i, c in self.actors.countries_in(folded, lo, hi) if not named_as_direction(folded, i)]
        bare_killed = any(t.kind == "kill" for t in triggers)
        return Unit(
            s,
            triggers,
            dates,
            casualties,
            actors,
            place,
            region,
            bool(self.events.background.search(folded, lo, hi)),
            bool(self.events.same_day.search(folded, lo, hi)),
            bool(self.events.intervention.search(folded, lo, hi)),
            countries,
            bare_killed,
            reporting,
            support=not triggers,
            summary=bool(self.events.summary.search(folded, lo, hi)),
            no_casualties=bool(self.events.no_casualties.search(folded, lo, hi)),
            also=also,
            shared=bool(also),
            loci=loci(text, folded, lo, hi, casualties, choices),
            other_days=other_days,
            leader=any(t.kind in ("arrest", "abduction") for t in triggers) and bool(_LEADER.search(folded, lo, hi)),
        )

    def _sentence_places(
        self, lo: int, hi: int, triggers: list[Trigger], found: list[ActorMention], crowd_like: bool
    ) -> tuple[list[PlaceChoice], PlaceChoice | None, PlaceChoice | None, tuple]:
        """(scored place choices, town, region, the other towns of a list with the town) of a sentence."""
        folded = self.doc.folded
        street = any(t.kind in STREET for t in triggers)
        # a demonstration's place is the one nearest its own words ("des marches à Kiffa et Rosso pour un
        # militant arrêté à Kiffa")
        spans = [(t.start, t.end) for t in triggers if t.kind in STREET or not street]
        # a place name inside an actor's name ("Boko" of Boko Haram, "Tama" of Wakit Tama) is not a place
        named = [(m.start, m.end) for m in found]
        choices = [
            c
            for c in self.places.candidates(lo, hi, spans, crowd=street)
            if not any(a0 <= c.start and c.end <= a1 for a0, a1 in named)
        ]
        place, region = _pick_place(choices)
        also: tuple = ()
        if place is not None:
            place = self._disambiguate(place, lo, hi)
            also = listed_with(place, choices, folded, crowd=crowd_like)
        if crowd_like:
            place, also = self._crowd_places(place, also, lo, hi)
        return choices, place, region, also

    def _told_triggers(self, triggers: list[Trigger], lo: int, hi: int) -> tuple[list[Trigger], list[Trigger]]:
        """(the event words of what the sentence tells, the violence a protest is about). A demonstration only
        recalled ("after the protests"), called, planned, banned or spoken of in general is not told."""
        folded = self.doc.folded
        topics: list[Trigger] = []
        if any(t.kind in CROWD for t in triggers):
            # "le lendemain des marches", "after the protests": a demonstration recalled, not told
            triggers = [
                t
                for t in triggers
                if t.kind not in CROWD
                or not _AFTER_CROWD.search(re.sub(r"\s+", " ", folded[max(lo, t.start - 40) : t.start]))
            ]
        if any(t.kind in CROWD for t in triggers):
            if self.events.crowd_words_void(folded, lo, hi):
                # a call to protest, a planned, banned or cancelled march, protests in general
                triggers = [t for t in triggers if t.kind not in CROWD]
            elif any(t.kind == "protest" for t in triggers):
                # "protest against the kidnapping": the kidnapping is what the protest is about
                topics = [
                    t
                    for t in triggers
                    if t.kind not in STREET and t.kind in VIOLENT and self.events.is_topic(folded, t.start, lo)
                ]
                triggers = [t for t in triggers if t not in topics]
        return triggers, topics

    def _casualties(self, s: Sentence, lo: int, hi: int, topics: list[Trigger]) -> list[Casualty]:
        """The sentence's figures, without the dead a protest is about."""
        text, folded = self.doc.text, self.doc.folded
        casualties = find_casualties(text, folded, lo, hi)
        if any(c.additional for c in casualties) and s.index > 0:
            # "N others" adds to the sentence before only when that one counts the same outcome ("30 killed.
            # Another 40 have been injured": other than the dead, not more wounded)
            prev = self.doc.sentences[s.index - 1]
            said = {c.outcome for c in find_casualties(text, folded, prev.start, prev.end)}
            casualties = [
                c if not c.additional or c.outcome in said else replace(c, additional=False) for c in casualties
            ]
        if topics:
            # "to protest the killing of two traders": those dead are the protest's cause, not its toll
            casualties = [
                c
                for c in casualties
                if not any(
                    t.start - 25 <= c.start < t.end + 80
                    and not re.search(r"[.;]", folded[min(c.start, t.end) : max(c.start, t.end)])
                    for t in topics
                )
            ]
        return casualties

    def _dates(self, lo: int, hi: int) -> list[DateMention]:
        """The sentence's dates, but a movement's name ("le collectif du 12 mai"); without a publication date, only
        full dates with a year."""
        folded = self.doc.folded
        dates = [
            d
            for d in find_dates(self.doc.text, self.ref, folded, lo, hi)
            if not _NAMED_AFTER_DATE.search(folded[max(lo, d.start - 30) : d.start])
        ]
        if self.pub is None:
            dates = [d for d in dates if d.kind in ("dmy", "mdy", "num", "iso") and re.search(r"\d{4}", d.surface)]
        return dates

    def _reporting(self, lo: int, hi: int, dates: list[DateMention], triggers: list[Trigger]) -> frozenset[int]:
        """Starts of the dates that are not the event's: a statement's or a finding's day, a duration's bound, and
        in a demonstration's sentence a day word inside a quote."""
        folded = self.doc.folded
        reporting = _statement_dates(folded, lo, hi, dates) | frozenset(
            d.start for d in dates if _SINCE.search(folded[max(lo, d.start - 20) : d.start])
        )
        if any(t.kind in CROWD for t in triggers):
            # "« Hier, nous étions là »": a day word in a quote is the speaker's day, not the report's
            reporting = reporting | frozenset(
                d.start for d in dates if d.kind not in _EXPLICIT_DATES and folded.count('"', lo, d.start) % 2 == 1
            )
        return reporting

    def _actors(
        self, s: Sentence, merged: list[ActorMention], casualties: list[Casualty], triggers: list[Trigger]
    ) -> list[Actor]:
        """The sentence's actors with their roles (attacker, target, other)."""
        folded = self.doc.folded
        lo, hi = max(s.start, self.doc.dateline_end), s.end
        actors: list[Actor] = []
        for m in merged:
            victim_like = m.role in ("military", "police", "civilians")
            role = role_of(folded, m.start, m.end, lo, hi, victim_like)
            if role == "other":
                for c in casualties:
                    if c.end <= m.start <= c.end + 30 and not re.search(r"[,;.]", folded[c.end : m.start]):
                        role = "target"
            if actors and "(" in folded[max(lo, m.start - 2) : m.start] and m.start - actors[-1].mention.end <= 3:
                role = actors[-1].role  # "le Front de libération de l'Azawad (FLA)"
            if (
                role in ("other", "attacker")
                and _INSTALLATION.search(folded, m.start, m.end)
                and any(t.kind in _ASSAULT_KINDS for t in triggers)
            ):
                role = "target"  # a camp, a post or a convoy does not attack: it is attacked
            inter = self.actors.inter(m.actor_type)
            actors.append(Actor(m, role, None, inter, s.index))
        return actors

    def _crowd_places(
        self, place: PlaceChoice | None, also: tuple, lo: int, hi: int
    ) -> tuple[PlaceChoice | None, tuple]:
        """A demonstration's, an arrest's or a handover's places: "in the capital", "à Kiffa et Rosso", "in the
        capital and in Rosso"; a quarter of the capital is the capital."""
        capital = self.places.capital_choice(
            lo, hi, self.report.country_hint or self.country_ctx, self.actors.countries_in
        )
        if capital is not None:
            if place is None:
                place = capital
            elif (
                capital.place.country == place.place.country
                and not same_or_within(capital, place)
                and _COORDINATED_CAPITAL.match(
                    self.doc.folded[min(capital.end, place.end) : max(capital.start, place.start)]
                )
            ):
                also = also + (capital,)  # "in the capital and in Rosso"
        if place is not None:
            place = self._city(place)
            also = tuple(self._city(p) for p in also if not same_or_within(self._city(p), place))
        return place, also

    def _city(self, choice: PlaceChoice) -> PlaceChoice:
        """A quarter of a capital district (Yantala in Niamey, Lafiabougou in Bamako) is the capital: one
        demonstration in the city, not one per street."""
        p = choice.place
        if p.kind != "town":
            return choice
        capital = self.places.capital(p.country)
        if capital is None or fold_aligned(p.name) == fold_aligned(capital.name):
            return choice
        if fold_aligned(p.admin1 or "") != fold_aligned(capital.name):
            # "le quartier de Lafiabougou" in a report about Bamako: the quarter, not the village of that name
            quarter = any(
                c.kind == "town"
                and c.country == p.country
                and fold_aligned(c.admin1 or "") == fold_aligned(capital.name)
                for c in choice.alternatives
            )
            if not (quarter and fold_aligned(capital.name) in self.doc.folded):
                return choice
        return PlaceChoice(capital, choice.surface, choice.start, choice.end, choice.cue, choice.score)

    def _disambiguate(self, choice: PlaceChoice, lo: int, hi: int) -> PlaceChoice:
        """Prefer the homonym that lies in a region named in the same sentence."""
        names = set(self.places.admin_context(lo, hi))
        if not names or not choice.alternatives:
            return choice
        if (choice.place.country, fold_aligned(choice.place.admin1 or "")) in names:
            return choice
        for alt in choice.alternatives:
            if alt.kind == "town" and (alt.country, fold_aligned(alt.admin1 or "")) in names:
                return PlaceChoice(
                    alt, choice.surface, choice.start, choice.end, choice.cue, choice.score, choice.alternatives
                )
        return choice

    # -- frames ------------------------------------------------------------------------------------

    def _joinable(self, frame: Frame, u: Unit) -> bool:
        last = frame.last
        gap = u.index - last.index
        if self.stale(u) and not any(self.stale(x) for x in frame.units):
            return False  # an earlier event at the same place ("en mars 2019") is background
        if _OTHER_EVENT.search(self.doc.folded, u.sentence.start, u.sentence.end):
            return False  # "dans un autre incident", "in a separate attack"
        said = self.doc.folded[u.sentence.start : u.sentence.end]
        other_day = _OTHER_DAY.search(said)
        if other_day is not None:
            # "le lendemain, un ratissage de l'armée", "à la veille de cette attaque, ... ont enlevé deux commerçants":
            # another event; "dès le lendemain de l'attaque, les habitants ont fui" only looks back at this one
            lo, hi = u.sentence.start + other_day.start(), u.sentence.start + other_day.end()
            if any(not (lo <= t.start < hi) for t in u.triggers):
                return False
        u_place = u.place
        if u_place is not None and frame.place is not None:
            if not same_or_within(u_place, frame.place):
                return False
            if self._other_day(frame, u):
                return False
            return gap <= 12 and not (u.background and gap > 1)
        if (
            u_place is not None
            and frame.place is None
            and frame.region is not None
            and not same_or_within(u_place, frame.region)
        ):
            return False
        if stated_apart(u.best_date(reporting=False), frame.date):
            return False
        if u_place is None and u.region is not None and frame.place is not None:
            if not same_or_within(u.region, frame.place):
                return False
        if gap > MAX_GAP:
            return False
        if u.sentence.paragraph > last.sentence.paragraph + 1:
            return False
        if u.sentence.paragraph != last.sentence.paragraph and gap > 1:
            return False
        return True

    @staticmethod
    def _other_day(frame: Frame, u: Unit) -> bool:
        """A demonstration on another day than the frame's, at the same place: another incident (one incident per
        place and day)."""
        if not (u.street or any(x.street for x in frame.units)):
            return False
        return stated_apart(u.best_date(reporting=False), frame.date, to_the_day=True)

    def _crowd_frame(self, frames: list[Frame], u: Unit) -> Frame | None:
        """The demonstration that a crowd sentence without a place or day of its own goes on telling ("Les
        jeunes ont lancé des cailloux" after a sentence about an arrest)."""
        if not u.street or u.place is not None or u.region is not None:
            return None
        own = u.best_date(reporting=False)
        if own is not None and own.specific:
            return None
        for f in reversed(frames[-4:]):
            if (
                any(x.street for x in f.units)
                and f.place is not None
                and u.index - f.last.index <= 4
                and u.sentence.paragraph - f.last.sentence.paragraph <= 2
            ):
                return f
        return None

    def _siblings(self, frames: list[Frame], u: Unit, home: Frame) -> None:
        """A sentence that lists several towns or days: one frame per town and per day. Each town's frame knows
        the actors that `home`, the frame of the listing sentence, names ("JNIM fighters ... then attacked A, B
        and C")."""
        context = [a for x in home.units if x is not u for a in x.actors]
        for p in u.also:
            copy = replace(u, place=p, also=(), other_days=(), shared=True, actors=[*u.actors, *context])
            target = next(
                (
                    f
                    for f in frames
                    if f.place is not None and same_or_within(p, f.place) and not self._other_day(f, copy)
                ),
                None,
            )
            if target is None:
                target = Frame()
                frames.append(target)
            self._add(target, copy)
        for d in u.other_days:
            copy = replace(u, dates=[d], also=(), other_days=())
            target = Frame()
            frames.append(target)
            self._add(target, copy)

    def _add(self, frame: Frame, u: Unit) -> None:
        frame.units.append(u)
        if u.place is not None:
            if frame.place is None or (frame.place.place.kind != "town" and u.place.place.kind == "town"):
                frame.place = u.place
        if u.region is not None and frame.region is None:
            frame.region = u.region
        d = u.best_date(reporting=False)
        if d is not None and u.background and d.kind not in _EXPLICIT_DATES and any(x.street for x in frame.units):
            d = None  # "le militant avait été interpellé la veille au soir": a demonstration is not dated by its recaps
        if d is not None and (frame.date is None or (d.specific and not frame.date.specific)):
            frame.date = d
        if d is None and frame.statement_date is None:
            frame.statement_date = u.best_date()

    def frames(self, units: list[Unit]) -> list[Frame]:
        frames: list[Frame] = []
        current: Frame | None = None
        previous_date: DateMention | None = None
        for u in units:
            if u.support:
                if (
                    current is not None
                    and u.index - current.last.index <= 2
                    and u.sentence.paragraph <= current.last.sentence.paragraph + 1
                    and u.place is None
                    and not (self.stale(u) and not any(self.stale(x) for x in current.units))
                ):
                    self._add(current, u)
                else:
                    self.loose.append(u)
                continue
            crowd = self._crowd_frame(frames, u)
            if crowd is not None and (
                current is None or not any(x.street for x in current.units) or not self._joinable(current, u)
            ):
                self._add(crowd, u)
                continue
            if current is not None and self._joinable(current, u):
                self._add(current, u)
                self._siblings(frames, u, current)
                continue
            # a later mention of an earlier frame's place, close by: join it there
            joined: Frame | None = None
            spot = u.place or u.region
            if spot is not None:
                for f in reversed(frames[-6:]):
                    if (
                        f.place is not None
                        and same_or_within(spot, f.place)
                        and u.index - f.last.index <= 12
                        and not u.background
                        and (u.place is not None or not u.dates)
                        and not self._other_day(f, u)
                        and not (self.stale(u) and not any(self.stale(x) for x in f.units))
                    ):
                        self._add(f, u)
                        joined = f
                        break
            if joined is not None:
                self._siblings(frames, u, joined)
                continue
            if current is not None:
                previous_date = current.date
            current = Frame()
            self._add(current, u)
            if u.same_day and previous_date is not None and not any(d.specific for d in u.dates):
                shift = _day_shift(self.doc.folded[u.sentence.start : u.sentence.end])
                current.date = DateMention(
                    previous_date.start,
                    previous_date.end,
                    previous_date.surface,
                    min(previous_date.value + timedelta(days=shift), self.ref),
                    previous_date.precision,
                    previous_date.specific,
                    "same_day",
                )
            frames.append(current)
            self._siblings(frames, u, current)
        return frames

    # -- follow-up casualty sentences ----------------------------------------------------------------

    def _follow_up(self, u: Unit, f: Frame, single: bool) -> bool:
        """Whether the casualty figures of `u` (a unit of no valid frame) complete frame `f`: a later sentence
        about the same event, close by, with no place, day or event of its own (in a report about one incident,
        an event word and the incident's own place or day are allowed)."""
        if not any(c.outcome in ("killed", "injured", "abducted") for c in u.casualties):
            return False
        if u.background or u.summary or self.stale(u) or u.sentence.title:
            return False
        first = min(x.index for x in f.units)
        last = max(x.index for x in f.units if not x.sentence.title)
        if (
            u.index <= first
            or u.index - last > FOLLOW_GAP
            or u.sentence.paragraph - f.last.sentence.paragraph > FOLLOW_PARAGRAPHS
        ):
            return False
        lo, hi = u.sentence.start, u.sentence.end
        if _OTHER_EVENT.search(self.doc.folded, lo, hi):
            return False
        own_date = u.best_date(reporting=False)
        if (
            own_date is not None
            and own_date.specific
            and (not single or f.date is None or own_date.value != f.date.value)
        ):
            return False
        if u.place is not None and not (single and f.place is not None and same_or_within(u.place, f.place)):
            return False
        area = f.place or f.region
        if (
            u.place is None
            and u.region is not None
            and not (single and area is not None and same_or_within(u.region, area))
        ):
            return False
        if not single and any(t.kind not in _OUTCOME_KINDS for t in u.triggers):
            return False
        return True

    def complete(self, frames: list[Frame], rest: list[Unit]) -> None:
        """Casualty figures of later sentences that are left out of every frame ("le commandant du camp et quatre
        soldats ont été emmenés") complete the frame they follow; figures only, so the event stays the frame's."""
        for u in sorted(rest, key=lambda x: x.index):
            single = len(frames) == 1
            before = [f for f in frames if min(x.index for x in f.units) < u.index]
            if not before:
                continue
            f = max(before, key=lambda f: max(x.index for x in f.units if x.index < u.index))
            if not self._follow_up(u, f, single):
                continue
            figures = [c for c in u.casualties if c.outcome in ("killed", "injured", "abducted")]
            f.units.append(
                Unit(
                    u.sentence,
                    [],
                    [],
                    figures,
                    [],
                    None,
                    None,
                    False,
                    False,
                    False,
                    [],
                    False,
                    support=True,
                    loci=u.loci,
                )
            )

    def merge_lead(self, frames: list[Frame], built: list[Frame], summaries: list[Unit]) -> list[Frame]:
        """A lead with figures but no place ("Three gendarmes were killed and one wounded overnight near the capital")
        before the first frame that has a place, close by and not of another day, is that frame's opening: its
        figures and words join it instead of making an incident without a place. Not when the lead sums up several
        places ("in two villages") or a summary sentence stands before the frame (the lead is then about it)."""
        placed = [f for f in frames if f.place is not None or f.region is not None]
        if not placed:
            return frames
        target = min(placed, key=lambda f: min(u.index for u in f.units))
        first = min(u.index for u in target.units)
        # valid or not (a lead without a place may lack the evidence of its own)
        leads = [f for f in built if f.place is None and f.region is None and max(u.index for u in f.units) < first]
        out = list(frames)
        for f in leads:
            last = max(u.index for u in f.units)
            if (
                first - last > FOLLOW_GAP
                or target.units[0].sentence.paragraph - f.last.sentence.paragraph > FOLLOW_PARAGRAPHS + 1
            ):
                continue
            if not any(c.outcome in ("killed", "injured", "abducted") for u in f.units for c in u.casualties):
                continue
            if any(u.background or self.stale(u) for u in f.units):
                continue
            if any(u.index < first for u in summaries) or any(
                SEVERAL_PLACES.search(self.doc.folded, u.sentence.start, u.sentence.end) for u in f.units
            ):
                continue
            a, b = f.date, target.date
            if stated_apart(a, b):
                continue
            target.units[:0] = f.units
            if target.date is None or (not target.date.specific and a is not None and a.specific):
                target.date = a
            if any(f is g for g in out):
                out.remove(f)
            self.merged.append(f)
        return out

    # -- validation and assembly ---------------------------------------------------------------------

    def evidence(self, f: Frame) -> Evidence:
        triggers = [t for u in f.units for t in u.triggers]
        casualties = [c for u in f.units for c in u.casualties]
        specific = (
            f.date is not None
            and f.date.specific
            and not any(
                f.date.start in u.reporting for u in f.units if u.sentence.start <= f.date.start < u.sentence.end
            )
        )
        if not specific and f.date is None and any(u.street for u in f.units):
            specific = self._context_date(f) is not None
        return Evidence(
            kinds=frozenset(t.kind for t in triggers),
            place=f.place is not None or f.region is not None,
            town=f.place is not None,
            # an attribution sentence ("revendiqué par ...") completes an incident; it does not make one
            actor=any(a.inter != 7 or a.role == "target" for u in f.units if not u.support for a in u.actors),
            named=any(a.mention.kind in ("named", "national") for u in f.units for a in u.actors),
            count=any(c.outcome in _VICTIM_OUTCOMES for c in casualties),
            firm_count=any(not c.vague and c.outcome in _VICTIM_OUTCOMES for c in casualties),
            arrest_count=any(c.outcome == "arrested" for c in casualties),
            specific=specific or self._coup_arrest(f),
            concrete=any(t.concrete for t in triggers),
            violent_concrete=any(t.concrete for t in triggers if t.kind in VIOLENT),
            background=all(u.background for u in f.units),
        )

    def valid(self, f: Frame) -> bool:
        """Whether the frame tells an incident; the rule a dropped frame failed is kept in `self.dropped`."""
        rule = failed_rule(self.evidence(f))
        if rule is not None:
            area = f.place or f.region
            self.dropped.append(
                {"sentences": [u.index for u in f.units], "rule": rule, "place": area.surface if area else None}
            )
        return rule is None

    def located(self, pairs: list[tuple[Frame, Incident]]) -> list[Incident]:
        """The incidents placed in a town or a region; the others are kept in `self.dropped` as unlocated. They
        are dropped last, after they have told which day the report's news is (`without_recalled`)."""
        for f, _ in pairs:
            if f.place is None and f.region is None:
                self.dropped.append({"sentences": [u.index for u in f.units], "rule": UNLOCATED, "place": None})
        return [inc for f, inc in pairs if f.place is not None or f.region is not None]

    def refine_regions(self, frames: list[Frame]) -> list[Frame]:
        """The article as a whole, for places: an incident told with its region only ("in the Tillabéri region"), or
        with no place at all, happened in the settlement that the report names inside that region (or country)
        with a place cue, in any sentence ("the camp lies in the village of X", four paragraphs down), when it
        names exactly one such settlement that no other incident holds, in no sentence dated to another day.
        Without a region the cue must name a settlement ("the village of X", "attack on X", "near X"), not only
        "in X". A village located by its country alone takes the region the report names for that country."""
        vague = [f for f in frames if f.place is None]
        countrywide = [
            (f, f.place)
            for f in frames
            if isinstance(f.place, PlaceChoice)
            and isinstance(f.place.place, ReportedPlace)
            and f.place.place.basis == "country"
        ]
        if not vague and not countrywide:
            return frames
        named = self._named_places()
        held = {f.place.key for f in frames if f.place is not None}
        for f in vague:
            day = f.date.value if f.date is not None and f.date.specific else None
            country = self._country(f)
            inside = {
                c.key: c
                for c, days in named
                if c.place.kind == "town"
                and c.cue in _SETTLEMENT_CUES
                and c.key not in held
                and (
                    same_or_within(f.region, c)
                    if f.region is not None
                    else c.cue in _NAMING_CUES and country in (None, c.place.country)
                )
                and not (day and any(abs((d - day).days) > ABSORB_DAYS for d in days))
            }
            if len(inside) == 1:
                f.place = next(iter(inside.values()))
        for f, choice in countrywide:
            region = self._report_region(choice.place.country, named)
            if region is not None:
                p = choice.place
                f.place = replace(
                    choice,
                    place=replace(
                        p,
                        admin1=region.name,
                        latitude=region.latitude,
                        longitude=region.longitude,
                        admin1_new=region.admin1_new,
                        basis="region",
                        anchor=region,
                    ),
                )
        return frames

    def _named_places(self) -> list[tuple[PlaceChoice, list[date]]]:
        """Every place the report names outside its dateline, with the days its sentence gives."""
        named: list[tuple[PlaceChoice, list[date]]] = []
        for s in self.doc.sentences:
            if s.end <= self.doc.dateline_end:
                continue
            choices = [c for c in self.places.candidates(s.start, s.end, []) if c.cue != "neg"]
            if choices:
                days = [
                    d.value for d in find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end) if d.specific
                ]
                named.extend((c, days) for c in choices)
        return named

    @staticmethod
    def _report_region(country: str, named: list[tuple[PlaceChoice, list[date]]]) -> Any:
        """The region (admin1) that the report names for `country`, itself or through its places, when one holds
        two thirds of the mentions; it must be named as a region at least once."""
        counts: Counter = Counter()
        areas: dict[str, Any] = {}
        for c, _days in named:
            p = c.place
            if p.country != country or isinstance(p, ReportedPlace):
                continue
            region = p.name if p.kind == "admin1" else p.admin1
            if region:
                counts[region] += 1
            if p.kind == "admin1":
                areas.setdefault(p.name, p)
        if not counts:
            return None
        region, count = counts.most_common(1)[0]
        if count * 3 < sum(counts.values()) * 2:
            return None
        return areas.get(region)

    def _country(self, f: Frame) -> str | None:
        if f.place is not None:
            return f.place.place.country
        if f.region is not None:
            return f.region.place.country
        # a foreign force (French aircraft, American drones) acts in the country of the report, not in its own:
        # only countries whose places the gazetteer holds can be an incident's
        national = Counter(
            a.mention.country
            for u in f.units
            for a in u.actors
            if a.mention.country and self._covered(a.mention.country)
        )
        if national:
            return national.most_common(1)[0][0]
        named = Counter(c for u in f.units for c in u.countries if self._covered(c))
        if named:
            return named.most_common(1)[0][0]
        return self.report.country_hint or self.country_ctx

    def _covered(self, country: str) -> bool:
        """Whether the gazetteer holds the country's places (without a gazetteer, every country is)."""
        gazetteer = self.places.gazetteer
        return gazetteer is None or gazetteer.country(country) is not None

    def _context_date(self, f: Frame) -> DateMention | None:
        """A date in one of the two sentences before a unit of the frame, in the same paragraph ("Jeudi soir,
        la tension est montée à Gao. Des jeunes sont sortis dans les rues ...")."""
        for u in f.units:
            first = u.sentence
            for s in reversed(self.doc.sentences[max(0, first.index - 2) : first.index]):
                if s.paragraph == first.paragraph and not s.title:
                    found = [
                        x
                        for x in find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end)
                        if x.specific
                        and not _SINCE.search(self.doc.folded[max(s.start, x.start - 20) : x.start])
                        and not _REPORTING.search(
                            re.sub(r"\s+", " ", self.doc.folded[max(s.start, x.start - 40) : x.start])
                        )
                    ]
                    if found:
                        return found[-1]
        return None

    def inherit_places(self, frames: list[Frame]) -> list[Frame]:
        """Places for frames that name none. A president detained by soldiers in the report's lead: the capital.
        A demonstration told without its town happened where the report's previous demonstration did: on
        another day of its own ("la marche de la veille a fait deux morts"), it is another incident there;
        without a day of its own, it goes on telling that demonstration. With no demonstration before, it
        happened in the town the report is about (when it has its own day, or the title names the town).
        Last, a demonstration's town named again without a day is merged into the demonstration there."""
        out: list[Frame] = []
        for f in frames:
            if f.place is None and f.region is None and self._coup_arrest(f):
                # a president detained by soldiers: in the capital, where the government sits
                capital = self.places.capital(self._country(f) or self.report.country_hint or self.country_ctx)
                if capital is not None:
                    u = next(x for x in f.units if x.leader)
                    f.place = PlaceChoice(capital, capital.name, u.sentence.start, u.sentence.start, "in", 3.0)
            if (
                f.place is not None
                or (f.region is not None and f.region.cue != "none")
                or not any(u.street for u in f.units)
            ):
                out.append(f)
                continue
            first = min(u.index for u in f.units)
            before = [
                g
                for g in out
                if g.place is not None
                and g.place.place.kind == "town"
                and any(u.street for u in g.units)
                and min(u.index for u in g.units) < first
                and first - max(u.index for u in g.units if u.index < first) <= 10
            ]
            own = [
                d
                for u in f.units
                if not u.background
                for d in [u.best_date(reporting=False)]
                if d is not None and d.specific
            ]
            day = own[0] if own else (self._context_date(f) if f.date is None else None)
            if before:
                donor = max(before, key=lambda g: max(u.index for u in g.units if u.index < first))
                if day is not None and not (
                    donor.date is not None and donor.date.specific and day.value == donor.date.value
                ):
                    f.place = donor.place
                    f.date = day
                    out.append(f)
                else:
                    self._merge(donor, f)
                continue
            town = self._report_town()
            if (
                town is not None
                and (day is not None or f.region is not None or self._in_title(town))
                and (f.region is None or town.place.country == f.region.place.country)
            ):
                f.place = town
            out.append(f)
        # a demonstration's town named again without a day ("les manifestants rassemblés devant le gouvernorat de
        # Gao") goes on telling the demonstration there
        kept: list[Frame] = []
        for f in out:
            if (
                f.place is not None
                and f.date is None
                and any(u.street for u in f.units)
                and self._context_date(f) is None
            ):
                first = min(u.index for u in f.units)
                earlier = next(
                    (
                        g
                        for g in reversed(kept)
                        if g.place is not None
                        and g.date is not None
                        and any(u.street for u in g.units)
                        and same_or_within(f.place, g.place)
                        and min(u.index for u in g.units) < first
                        and first - max(u.index for u in g.units) <= 12
                    ),
                    None,
                )
                if earlier is not None:
                    self._merge(earlier, f)
                    continue
            kept.append(f)
        return kept

    def _merge(self, into: Frame, f: Frame) -> None:
        """Frame `f` goes on telling `into`: its sentences join it."""
        for u in f.units:
            self._add(into, u)
        into.units.sort(key=lambda u: u.index)

    def _coup_arrest(self, f: Frame) -> bool:
        """A head of state or minister detained, told in the report's first sentences (the news itself)."""
        leaders = [u for u in f.units if u.leader and not u.background]
        body = [s.index for s in self.doc.sentences if not s.title]
        return bool(leaders and body) and min(u.index for u in leaders) - body[0] < LEAD_SENTENCES

    def _in_title(self, choice: PlaceChoice) -> bool:
        """The report's title names this place ("Marche pour la paix à Dori")."""
        return any(s.title and s.start <= choice.start < s.end for s in self.doc.sentences) or any(
            s.title and fold_aligned(choice.place.name) in self.doc.folded[s.start : s.end] for s in self.doc.sentences
        )

    def _report_town(self) -> PlaceChoice | None:
        """The town a report names most (the title counts twice; "la capitale" counts for the capital)."""
        if hasattr(self, "_town"):
            return self._town
        # weights, not counts: a title counts twice and the report's own country adds a half
        counts: defaultdict[tuple, float] = defaultdict(float)
        first: dict[tuple, PlaceChoice] = {}
        for s in self.doc.sentences[:40]:
            if s.end <= self.doc.dateline_end:
                continue
            for c in self.places.candidates(s.start, s.end, [], crowd=True):
                if c.place.kind != "town" or c.cue in ("neg", "admin") or c.score < 1.0:
                    continue
                # the report's country first ("la plateforme Wakit Tama" in a report about Chad is no Malian town)
                counts[c.key] += (2 if s.title else 1) + (0.5 if c.place.country == self.country_ctx else 0)
                first.setdefault(c.key, c)
            cap = self.places.capital_choice(
                s.start, s.end, self.report.country_hint or self.country_ctx, self.actors.countries_in
            )
            if cap is not None:
                counts[cap.key] += 1
                first.setdefault(cap.key, cap)
        self._town: PlaceChoice | None = first[max(counts, key=counts.__getitem__)] if counts else None
        return self._town

    def _event_date(self, f: Frame) -> tuple[date, int, bool, str | None] | None:
        d = f.date
        if d is None:
            d = self._context_date(f)
        d = d or f.statement_date
        if d is not None:
            return d.value, d.precision, d.specific, d.surface
        if self.pub is None:
            return None
        return self.pub, 2, False, None

    # -- days of frames that give none ---------------------------------------------------------------

    def frame_dates(self, frames: list[Frame], units: list[Unit]) -> None:
        """A frame without a day of its own (or only "aujourd'hui", "depuis mercredi") takes, in this order: the day
        of the frame before when it says "le même jour"/"la veille"/"le lendemain"; a day in a sentence next to
        it that is no unit of its own ("the tragedy occurred on Thursday"); the heading of its section ("SAMEDI 20
        MAI 2017"); the report's first event day (the lead's)."""
        self.unit_at = {u.index for u in units}
        lead = self._lead_date(units)
        statements = [d.value for u in units for d in u.dates if d.start in u.reporting]
        if lead is not None and statements and lead.value > min(statements):
            lead = None  # what the report says happened is not after what it says was said about it
        previous: Frame | None = None
        for f in frames:
            said = f.date is not None and any(
                f.date.start in u.reporting for u in f.units if u.sentence.start <= f.date.start < u.sentence.end
            )
            if _undated(f.date) or said:
                d = self._same_day_date(f, previous)
                if d is None:
                    found = self._near_date(f) or self._section_date(f) or lead
                    # a day borrowed from elsewhere dates the frame but is no evidence that it is an incident,
                    # unless the frame named a day of its own that only is not specific ("aujourd'hui")
                    d = found and DateMention(
                        found.start,
                        found.end,
                        found.surface,
                        found.value,
                        found.precision,
                        f.date is not None and not said,
                        "borrowed",
                    )
                stated = f.date if said else f.statement_date
                if d is not None and stated is not None and d.value > stated.value:
                    d = None  # an event is not after the statement that reports it ("said on Saturday")
                if d is not None:
                    f.date = d
            if f.date is not None:
                previous = f

    def _same_day_date(self, f: Frame, previous: Frame | None) -> DateMention | None:
        if previous is None or previous.date is None:
            return None
        u = next((u for u in f.units if u.same_day and not any(d.specific for d in u.dates)), None)
        if u is None:
            return None
        p = previous.date
        shift = _day_shift(self.doc.folded[u.sentence.start : u.sentence.end])
        return DateMention(
            p.start,
            p.end,
            p.surface,
            min(p.value + timedelta(days=shift), self.ref),
            p.precision,
            p.specific,
            "same_day",
        )

    def _near_date(self, f: Frame) -> DateMention | None:
        sentences = self.doc.sentences
        # a date in one of the two sentences before a unit of the frame, in the same paragraph
        for u in f.units:
            first = u.sentence
            for s in reversed(sentences[max(0, first.index - 2) : first.index]):
                if s.paragraph == first.paragraph and not s.title:
                    found = find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end)
                    said = _statement_dates(self.doc.folded, s.start, s.end, found)
                    found = [x for x in found if x.specific and x.start not in said]
                    if found:
                        return found[-1]
        # a sentence next to a unit that is no unit itself (no event word the lexicon knows), same or next paragraph
        own = {u.index for u in f.units}
        best: tuple[int, DateMention] | None = None
        for u in f.units:
            if u.sentence.title:
                continue
            for s in sentences[max(0, u.index - 2) : u.index + 3]:
                if s.index in own or s.index in self.unit_at or s.title or abs(s.paragraph - u.sentence.paragraph) > 1:
                    continue
                found = find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end)
                if found and _date_line(self.doc.text[s.start : s.end], found[0]):
                    continue  # a byline or a heading, see _section_date
                said = _statement_dates(self.doc.folded, s.start, s.end, found)
                found = [x for x in found if x.specific and x.start not in said]
                if found and (best is None or abs(s.index - u.index) < best[0]):
                    best = (abs(s.index - u.index), found[0])
        return best[1] if best else None

    def _section_date(self, f: Frame) -> DateMention | None:
        """The nearest heading before the frame that is a date and nothing else ("SAMEDI 20 MAI 2017")."""
        first = min(u.index for u in f.units)
        for s in reversed(self.doc.sentences[:first]):
            if s.title:
                continue
            found = find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end)
            # a date line on the publication day is the byline, not a heading
            if (
                found
                and found[0].specific
                and _date_line(self.doc.text[s.start : s.end], found[0])
                and found[0].value < self.ref
            ):
                return found[0]
        return None

    def _lead_date(self, units: list[Unit]) -> DateMention | None:
        """The report's first day of an event: the first unit's own specific day (not a background sentence, a
        statement's day, "the same day", another attack, a photo caption), else a day in the title."""
        for u in sorted(units, key=lambda x: x.index):
            folded = self.doc.folded[u.sentence.start : u.sentence.end]
            if u.background or u.same_day or self.stale(u) or _OTHER_EVENT.search(folded) or _CAPTION.search(folded):
                continue
            d = u.best_date(reporting=False)
            if d is not None and d.specific and d.precision == 1 and (self.ref - d.value).days <= MAX_AGE_DAYS:
                return d
        for s in self.doc.sentences:
            if s.title:
                found = [
                    x
                    for x in find_dates(self.doc.text, self.ref, self.doc.folded, s.start, s.end)
                    if x.specific and x.precision == 1
                ]
                if found:
                    return found[0]
        return None

    def incident(self, f: Frame) -> Incident | None:
        """The frame as one row, or None: no country, no day, an event older than MAX_AGE_DAYS, or no actor1."""
        country = self._country(f)
        if country is None:
            return None
        when = self._event_date(f)
        if when is None:
            return None
        event_day, time_precision, specific, date_text = when
        if self.pub is not None and (self.pub - event_day).days > MAX_AGE_DAYS:
            return None
        kinds = frozenset(t.kind for u in f.units for t in u.triggers)
        actors = [a for u in f.units for a in u.actors]
        for a in actors:
            a.name = self.actors.canonical(a.mention, country, event_day)
        t = tolls(f, distinct_units(f))
        actor1, actor2 = _pick_actors(actors)
        actor1 = self._blamed(actors, actor1, kinds, t, country, event_day)
        event_type, sub_type, deciding = classify(self._situation(f, kinds, actor1, actor2, t))
        parties = Parties(
            event_type=event_type,
            sub_type=sub_type,
            actors=actors,
            actor1=actor1,
            actor2=actor2,
            country=country,
            killed_groups=t.killed_groups,
            abducted_groups=t.abducted_groups,
            intervention=any(u.intervention for u in f.units),
        )
        name1, name2 = acled_names(self.actors, parties)
        if not name1:
            return None
        place = f.place or f.region
        fat_best, fat_low, fat_high = fatalities(t.killed, any(u.bare_killed for u in f.units), event_type)
        named_actor = any(a.role == "attacker" for a in actors) or (actor1 is not None)
        score = confidence(
            place,
            specific,
            named_actor,
            bool(t.casualties),
            concrete=any(tr.concrete for u in f.units for tr in u.triggers),
            background=any(u.background for u in f.units),
        )
        return Incident(
            report_id=str(self.report.id),
            event_date=event_day.isoformat(),
            time_precision=int(time_precision),
            event_type=event_type,
            sub_event_type=sub_type,
            actor1=name1,
            actor2=name2,
            country=country,
            **place_columns(place.place if place else None),
            geo_precision=place.geo_precision if place else 3,
            fatalities=fat_best,
            fatalities_low=fat_low,
            fatalities_high=fat_high,
            injured=t.injured[0] if t.injured else None,
            abducted=t.abducted[0] if t.abducted else None,
            evidence=_evidence(f, self.doc.prefix_len),
            confidence=score,
            extra=self._extra(f, place, t, actors, deciding, name1, name2, date_text),
        )

    def _blamed(
        self, actors: list[Actor], actor1: Actor | None, kinds: frozenset[str], t: Tolls, country: str, event_day: date
    ) -> Actor | None:
        """actor1, or the group the report blames for its attacks when this incident's attackers are unnamed. The
        army blamed for killings of civilians is blamed only for incidents with civilian victims."""
        perp = self.perpetrator
        if (
            perp is not None
            and self.actors.state_side(perp.name, self.actors.inter(perp.actor_type))
            and not (
                (t.killed_groups | t.abducted_groups) & {"civilians"}
                and not t.killed_groups & {"military", "attackers"}
                and not any(a.role == "target" and a.inter in ARMED_INTER for a in actors)
            )
        ):
            return actor1
        if (
            perp is not None
            and kinds & (_ASSAULT_KINDS | {"kill", "abduction"})
            and "airstrike" not in kinds
            and (
                actor1 is None
                or (
                    actor1.mention.kind == "generic"
                    and actor1.mention.role == "unidentified"
                    and actor1.role != "attacker"
                )
            )
            and not any(a.role == "target" and a.mention.name == perp.name for a in actors)
        ):
            return Actor(
                perp,
                "attacker",
                self.actors.canonical(perp, country, event_day),
                self.actors.inter(perp.actor_type),
                -1,
            )
        return actor1

    def _situation(
        self, f: Frame, kinds: frozenset[str], actor1: Actor | None, actor2: Actor | None, t: Tolls
    ) -> Situation:
        """The facts the event type is decided on, with the two that are searched in the report's text: contact
        between the sides, and a demonstration said to be peaceful."""
        folded = self.doc.folded
        contact = any(
            self.events.contact.search(folded, u.sentence.start, u.sentence.end) for u in f.units if u.triggers
        )
        peaceful = any(
            self.events.peaceful.search(folded, u.sentence.start, u.sentence.end)
            for u in f.units
            if not u.background and u.crowd
        )
        return situation(f, kinds, actor1, actor2, t, contact=contact, peaceful=peaceful)

    def _extra(
        self,
        f: Frame,
        place: PlaceChoice | None,
        t: Tolls,
        actors: list[Actor],
        deciding: str,
        name1: str,
        name2: str | None,
        date_text: str | None,
    ) -> dict[str, Any]:
        """The row's `extra`: how it was decided (triggers, deciding kind, sentences, figures), the place as the
        report spells it and as the gazetteer knows it, shared tolls, vague figures and other actors."""
        p = place.place if place else None
        extra: dict[str, Any] = {
            "triggers": sorted({tr.surface for u in f.units for tr in u.triggers})[:12],
            "deciding_kind": deciding,
            "inter1": self.actors.inter(self.actors.type_of(name1) or "political militia"),
            "inter2": self.actors.inter(self.actors.type_of(name2) or "civilians") if name2 else None,
            "date_text": date_text,
            "place_text": place.surface if place else None,
            "place_cue": place.cue if place else None,
            "admin1_new": getattr(p, "admin1_new", None) if p else None,
            "geonameid": getattr(p, "geonameid", None) if p else None,
            # the gazetteer's own name of the place (a spelling variant's match; None for a village it does not
            # hold, which the place named with it locates: "place_anchor")
            "gazetteer_name": _gazetteer_name(p),
            "sentences": [u.index for u in f.units],
            "casualties": [
                {
                    "outcome": c.outcome,
                    "group": c.group,
                    "best": c.best,
                    "low": c.low,
                    "high": c.high,
                    "text": c.surface,
                }
                for c in t.casualties
            ][:20],
        }
        if isinstance(p, ReportedPlace):
            extra["place_basis"] = p.basis
            if p.anchor is not None:
                extra["place_anchor"] = p.anchor.name
        shared = [u for u in f.units if u.shared]
        if shared:
            extra["shared_with"] = sorted(
                {
                    o.surface
                    for u in shared
                    for o in (u.place, *u.also)
                    if o is not None and o.surface != extra["place_text"]
                }
            )
            extra["shared_toll"] = {
                outcome: total([u.casualties for u in shared], outcome) for outcome in ("killed", "injured", "abducted")
            }
        if t.arrested:
            extra["arrested"] = t.arrested[0]
        if any(c.vague for c in t.casualties):
            extra["vague"] = sorted({c.surface for c in t.casualties if c.vague})
        assoc = sorted({a.name for a in actors if a.name and a.name not in (name1, name2) and a.inter != 7})
        if assoc:
            extra["other_actors"] = assoc[:6]
        return extra


_NEXT_DAY = re.compile("|".join(words("frames", "next_day")))
_DAY_BEFORE = re.compile("|".join(words("frames", "day_before")))
_CAPTION = re.compile(r"\b" + one_of(words("frames", "caption")) + r"\b")


def _day_shift(folded_sentence: str) -> int:
    """+1 for "le lendemain", "the next day"; -1 for "la veille", "the day before"; 0 for "le même jour"."""
    if _NEXT_DAY.search(folded_sentence):
        return 1
    if _DAY_BEFORE.search(folded_sentence):
        return -1
    return 0


def _gazetteer_name(p: Any) -> str | None:
    """The gazetteer's name of an incident's place: its own, a spelling variant's match, None for a village the
    gazetteer does not hold."""
    if p is None:
        return None
    if isinstance(p, ReportedPlace):
        return p.matched.name if p.matched is not None else None
    return p.name


def _date_line(sentence: str, d: DateMention) -> bool:
    """A line that is a date and nothing else ("SAMEDI 20 MAI 2017", "March 22, 2024")."""
    body = sentence.strip(" \t\n.:-–—[]()")
    return 0 < len(body) <= 40 and len(d.surface.strip(" .")) >= len(body) - 2


def _undated(d: DateMention | None) -> bool:
    """No day of the frame's own: none at all, or one that is not specific ("aujourd'hui" that may mean
    "nowadays", "depuis mercredi"), but not a vague span ("within the same week", "last month")."""
    return d is None or (not d.specific and d.kind not in ("vague", "relm", "relw", "month", "part", "borrowed"))


def _pick_actors(actors: list[Actor]) -> tuple[Actor | None, Actor | None]:
    """actor1: the attacker (named before generic), else an armed actor that is not a target; actor2: the
    target, else another armed actor."""

    def rank(a: Actor) -> tuple[int, int]:
        return (0 if a.mention.kind in ("named", "national") else 1, a.mention.start)

    lex = actor_lexicon()

    def state(a: Actor | None) -> bool:
        return a is not None and lex.state_side(a.name, a.inter)

    def friendly(a: Actor) -> bool:
        """State forces, their allies, and foreign forces (peacekeepers, Barkhane): the side jihadists attack."""
        return state(a) or a.inter == 8

    attackers = sorted(
        [a for a in actors if a.role == "attacker" and a.inter != 7 and a.name],
        key=lambda a: (0 if a.inter == 1 else 1, *rank(a)),
    )
    targets = [a for a in actors if a.role == "target" and a.name]
    others = [a for a in actors if a.role == "other" and a.name]  # "source" actors (who said it) are left out
    actor1 = attackers[0] if attackers else None
    if actor1 is not None and actor1.mention.kind == "generic" and actor1.mention.role == "unidentified":
        # "des terroristes ont attaqué ... Boko Haram": the unnamed attackers are most likely the named group the
        # report also mentions (not as a target)
        target_names = {a.name for a in targets}
        named = sorted(
            [
                a
                for a in others
                if a.mention.kind == "named" and a.inter in (2, 3, 4) and not state(a) and a.name not in target_names
            ],
            key=rank,
        )
        if named:
            actor1 = named[0]
    if actor1 is None:
        target_names = {a.name for a in targets}
        pool = sorted([a for a in others if a.inter in ARMED_INTER and a.name not in target_names], key=rank)
        if any(friendly(a) for a in targets):
            # the army, its auxiliaries or its partners were hit: none of them is the unnamed attacker
            pool = [a for a in pool if not friendly(a)]
        actor1 = pool[0] if pool else None
    actor2 = None
    side1 = state(actor1) if actor1 is not None else None
    cands = sorted(
        [a for a in targets if not actor1 or a.name != actor1.name],
        key=lambda a: ((state(a) == side1) if side1 is not None else False, 0 if a.inter == 1 else 1, *rank(a)),
    )
    if cands:
        # a specific target (soldiers, civilians) before a place-like generic one
        actor2 = cands[0]
    else:
        state1 = state(actor1)
        # an ally of actor1 (the army's partners, pro-government militias) is not its opponent, and neither are
        # the unnamed "assaillants" of a report about a named group's attack
        pool = sorted(
            [
                a
                for a in others
                if a.inter in ARMED_INTER
                and (not actor1 or a.name != actor1.name)
                and not (state1 and state(a))
                and not (
                    actor1 is not None
                    and not state1
                    and a.mention.kind == "generic"
                    and a.mention.role == "unidentified"
                )
            ],
            key=lambda a: (state(a) == state1, *rank(a)),
        )
        actor2 = pool[0] if pool else None
    return actor1, actor2


def _evidence(f: Frame, prefix_len: int) -> str:
    """The frame's sentences in text order, verbatim (a title that is not part of the text is left out unless it
    is all there is)."""
    parts: list[str] = []
    size = 0
    units = sorted(f.units, key=lambda u: u.index)
    if any(u.sentence.start >= prefix_len for u in units):
        units = [u for u in units if u.sentence.start >= prefix_len]
    for u in units:
        text = u.sentence.text.strip()
        if text in parts:
            continue
        if size + len(text) > EVIDENCE_MAX and parts:
            break
        parts.append(text[:EVIDENCE_MAX])
        size += len(text) + 1
    return " ".join(parts)


def extract(report: Report, gazetteer: Any, dropped: list[dict[str, Any]] | None = None) -> list[Incident]:
    """The report's incidents; the frames the evidence test dropped (with the rule each failed) are added to
    `dropped` when a list is given, and listed in every incident's `extra["dropped"]`."""
    ex = _Extractor(report, gazetteer)
    body: list[Unit] = []
    titles: list[Unit] = []
    summaries: list[Unit] = []
    for s in ex.doc.sentences:
        u = ex.unit(s)
        if u is None:
            continue
        if s.title:
            titles.append(u)
        elif u.summary and not u.support:
            summaries.append(u)
        else:
            body.append(u)
    ex.note_perpetrator(body + titles + summaries)
    built = ex.inherit_places(ex.frames(body))
    ex.frame_dates(built, body + titles)
    frames = ex.merge_lead([f for f in built if ex.valid(f)], built, summaries)
    if frames:
        # a background frame (an earlier attack) lends none of its figures
        rest = [
            u
            for f in built
            if not any(f is g for g in frames + ex.merged) and not any(ex.stale(x) or x.background for x in f.units)
            for u in f.units
        ] + ex.loose
        ex.complete(frames, rest)
    if not frames and summaries:
        frames = [f for f in ex.frames(summaries) if ex.valid(f)]
    if titles:
        if frames:
            for t in titles:
                target = None
                for f in frames:
                    if t.place is not None and f.place is not None and same_or_within(t.place, f.place):
                        target = f
                        break
                if target is None and t.place is None and len(frames) == 1:
                    target = frames[0]
                if target is not None:
                    target.units.insert(0, t)
        else:
            frames = [f for f in ex.frames(titles) if ex.valid(f)]
    frames = ex.refine_regions(absorb_unplaced(frames))
    built_incidents = [(f, inc) for f in frames[:MAX_INCIDENTS] if (inc := ex.incident(f)) is not None]
    news = {id(inc) for inc in without_recalled([inc for _, inc in built_incidents])}
    incidents = ex.located([(f, inc) for f, inc in built_incidents if id(inc) in news])
    if dropped is not None:
        dropped.extend(ex.dropped)
    for inc in incidents:
        if ex.dropped:
            inc.extra["dropped"] = ex.dropped[:MAX_INCIDENTS]
    return merge_tellings(merge_duplicates(incidents))
