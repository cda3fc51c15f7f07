"""The large replica's prose: ordinary news stories and incident reports in French or English, drawn from the
lexicon (words.py) with one random source, so that the same seed always writes the same text."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sahelwatch.tools.replica.model import COUNTRIES, DAY, Event, Town
from sahelwatch.tools.replica.towns import places
from sahelwatch.tools.replica.words import (
    ACTORS,
    ADJECTIVES_EN,
    ADJECTIVES_FR,
    AFTERMATH,
    AGENTS_EN,
    AGENTS_FR,
    COUNTRY_ADJECTIVES,
    FIRST,
    LAST,
    LEADS,
    MONTHS,
    NOUNS_EN,
    NOUNS_FR,
    NUMBER_WORDS,
    OPENINGS,
    PHRASES_EN,
    PHRASES_FR,
    ROLES,
    TITLES,
    VERBS_EN,
    VERBS_FR,
    WHEN,
    WITNESSES,
    Pair,
)


def when(days_before: int) -> tuple[Pair, ...]:
    """Ways to say the incident's day in (French, English): weekdays for the last days, the date before."""
    if days_before in WHEN:
        return WHEN[days_before]
    day = DAY - timedelta(days=days_before)
    number = "1er" if day.day == 1 else str(day.day)
    return ((f"le {number} {MONTHS[day.month][0]}", f"on {day.day} {MONTHS[day.month][1]}"),)


@dataclass(frozen=True)
class _Cast:
    """Who and where a story is about: most mentions of a person or town in one story are of these."""

    country: str
    people: tuple[str, ...]
    towns: tuple[Town, ...]


class Writer:
    """Sentences in one language from the lexicon; one per generation, sharing its random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.towns = {country: [p for p in places() if p.country == country] for country in COUNTRIES}

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def cast(self, country: str) -> _Cast:
        return _Cast(country, tuple(self.person() for _ in range(3)), tuple(self.rng.sample(self.towns[country], 2)))

    def _who(self, cast: _Cast) -> str:
        return self.rng.choice(cast.people) if self.rng.random() < 0.7 else self.person()

    def _where(self, cast: _Cast) -> Town:
        return self.rng.choice(cast.towns if self.rng.random() < 0.7 else self.towns[cast.country])

    def _np_fr(self, cast: _Cast, case: str = "", complement: bool = True) -> str:
        """A French noun phrase (article, noun, adjective, complement), as subject or object (case ""), after "de"
        (case "de": du, de la, d'un ...) or after "à" (au, à la ...)."""
        rng = self.rng
        gender = rng.choice("mf")
        noun = rng.choice(NOUNS_FR[gender])
        vowel = noun[0] in "aâeéèêiîoôu"
        if rng.random() < 0.6:
            article = {"m": "le", "f": "la"}[gender] if not vowel else "l'"
            article = {("de", "le"): "du", ("à", "le"): "au"}.get((case, article), f"{case} {article}".strip())
        else:
            article = {"m": "un", "f": "une"}[gender]
            article = {"de": f"d'{article}", "à": f"à {article}"}.get(case, article)
        phrase = article + ("" if article.endswith("'") else " ") + noun
        if rng.random() < 0.6:
            phrase += " " + rng.choice(ADJECTIVES_FR)[gender == "f"]
        if complement and rng.random() < 0.35:
            phrase += f" de {self._where(cast).name}" if rng.random() < 0.4 else " " + self._np_fr(cast, "de", False)
        return phrase

    def _np_en(self, cast: _Cast, complement: bool = True) -> str:
        rng = self.rng
        words = [rng.choice(ADJECTIVES_EN)] if rng.random() < 0.6 else []
        words.append(rng.choice(NOUNS_EN))
        article = rng.choice(("the", "the", "a", "this", "its", "their"))
        if article == "a" and words[0][0] in "aeiou":
            article = "an"
        phrase = " ".join((article, *words))
        if complement and rng.random() < 0.35:
            phrase += f" in {self._where(cast).name}" if rng.random() < 0.4 else " of " + self._np_en(cast, False)
        return phrase

    def _subject(self, language: str, cast: _Cast) -> str:
        rng = self.rng
        if language == "fr":
            agent = rng.choice(AGENTS_FR)
            office = f"de {self._where(cast).name}" if rng.random() < 0.3 else self._np_fr(cast, "de", False)
        else:
            agent = f"the {rng.choice(AGENTS_EN)}"
            office = f"of {self._where(cast).name}" if rng.random() < 0.3 else "of " + self._np_en(cast, False)
        shape = rng.random()
        if shape < 0.4:
            return f"{self._who(cast)}, {agent} {office},"
        if shape < 0.8:
            return f"{agent} {office}"
        return self._who(cast)

    def _drawer(self, words: tuple[str, ...]) -> Callable[[], str]:
        return lambda: self.rng.choice(words)

    def _fill(self, template: str, language: str, cast: _Cast) -> str:
        """Fill the placeholders of a phrase, each with a fresh draw."""
        phrases = PHRASES_FR if language == "fr" else PHRASES_EN
        np: Callable[[], str] = (lambda: self._np_fr(cast)) if language == "fr" else (lambda: self._np_en(cast))
        values: dict[str, Callable[[], str]] = {
            "np": np,
            "gen": lambda: self._np_fr(cast, "de"),
            "to": lambda: self._np_fr(cast, "à"),
            "person": lambda: self._who(cast),
            "town": lambda: self._where(cast).name,
            "admin1": lambda: self._where(cast).admin1,
            "number": lambda: str(self.rng.randint(2, 950)),
            **{key: self._drawer(phrases[key]) for key in ("ordinal", "weekday", "month")},
        }
        parts = template.split("{")
        out = [parts[0]]
        for part in parts[1:]:
            key, rest = part.split("}", 1)
            out.append(values[key]() + rest)
        return "".join(out)

    def sentence(self, language: str, cast: _Cast) -> str:
        """One sentence in one of four shapes: a statement (with an opener or not), a quote, a count."""
        rng = self.rng
        phrases = PHRASES_FR if language == "fr" else PHRASES_EN
        verbs = VERBS_FR if language == "fr" else VERBS_EN
        pps = " ".join(rng.choice(phrases["pp"]) for _ in range(rng.choices((0, 1, 2), (9, 9, 2))[0]))
        shape = rng.random()
        if shape < 0.2:
            quote = f"{{np}} {rng.choice(verbs)} {{np}} {pps}".strip()
            text = (
                f"« {self._fill(quote, language, cast)} », {rng.choice(phrases['say'])} {{person}}."
                if language == "fr"
                else f'"{self._fill(quote, language, cast)}," {{person}} {rng.choice(phrases["say"])}.'
            )
        elif shape < 0.32:
            text = f"{{number}} {rng.choice(phrases['counted'])} {rng.choice(phrases['counting'])} {{np}} {pps}"
        else:
            opener = rng.choice(phrases["opener"]) + " " if shape < 0.55 else ""
            text = f"{opener}{self._subject(language, cast)} {rng.choice(verbs)} {{np}} {pps}"
        text = self._fill(text.strip().rstrip(",") + ("" if text.endswith(".") else "."), language, cast)
        start = next(i for i, char in enumerate(text) if char.isalnum())
        return text[:start] + text[start].upper() + text[start + 1 :]

    def paragraph(self, language: str, cast: _Cast) -> str:
        return " ".join(self.sentence(language, cast) for _ in range(self.rng.randint(1, 4)))

    def story(self, language: str, country: str) -> tuple[str, list[str]]:
        """An ordinary news story: title and 4-9 paragraphs about one cast of people and towns."""
        cast = self.cast(country)
        paragraphs = [self.paragraph(language, cast) for _ in range(self.rng.randint(4, 9))]
        title = paragraphs[0].split(".")[0].strip('«» "')
        return (title if len(title) < 110 else title[:107].rsplit(" ", 1)[0] + " ..."), paragraphs

    def incident(self, event: Event, language: str, follow_up: bool) -> tuple[str, list[str]]:
        """An incident report: a lead that states the facts (after a witness's words in most follow-ups) and their
        aftermath, then background."""
        side = 0 if language == "fr" else 1
        pick = self.rng.choice
        actor = ACTORS[event.actor][side]
        spelled = event.killed in NUMBER_WORDS and self.rng.random() < 0.5
        killed = NUMBER_WORDS[event.killed][side] if spelled else str(event.killed)
        values = {
            "actor": actor,
            "actor_cap": actor[0].upper() + actor[1:],
            "place": event.place.name,
            "admin1": event.place.admin1,
            "when": pick(when(event.days_before))[side],
            "witness": pick(WITNESSES)[side],
            "killed": killed,
            "injured": str(event.injured),
            "adj_fr": COUNTRY_ADJECTIVES[event.place.country][0],
            "adj_en": COUNTRY_ADJECTIVES[event.place.country][1],
        }
        lead = pick(LEADS[event.kind])[side].format(**values)
        lead = lead[0].upper() + lead[1:]
        if follow_up and self.rng.random() < 0.8:
            role = pick(ROLES)
            lead = (
                pick(OPENINGS)[side].format(
                    person=self.person(),
                    role=role[0],
                    role_en=role[1],
                    place=event.place.name,
                    n=self.rng.randint(2, 30),
                )
                + " "
                + lead
            )
        # The aftermath stays next to the facts it follows (see incidents.yaml, "aftermath").
        cast = self.cast(event.place.country)
        paragraphs = [f"{lead} {pick(AFTERMATH)[side]}"]
        paragraphs += [self.paragraph(language, cast) for _ in range(self.rng.randint(3, 6))]
        title = TITLES[event.kind][side].format(place=event.place.name, admin1=event.place.admin1, killed=killed)
        return title, paragraphs
