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
89 days before DAY), so no two incidents can look like one to fusion and the number of distinct incidents (the
manifest's `incidents`) is what fusion must find; up to 3,390 (past that, new incident reports follow one up).
Everything else is ordinary news (politics, economy, harvests, health, schools, sport) written from a lexicon of a
few hundred nouns, verbs and adjectives and invented people, so that unrelated stories share about as few 3-word
shingles as real news does (see benchmarks/README.md, "End to end").

All articles are published within one UTC day (DAY), so that one pipeline interval holds them all: that is what the
daily run does, and a 100,000-report day is the stress case. Pages look like news pages (menus, related links,
inline style and script, 10-30 KB). Files hold the ``{base}`` placeholder that ReplicaServer(root=...) fills in.
Generation is seeded: the same (reports, outlets, seed) always writes the same bytes.

    python -m sahelwatch.tools.replica.large --reports 10000 --out /tmp/replica  # serve /tmp/replica/site
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

import yaml

from sahelwatch.distance import haversine_km
from sahelwatch.resources import SEEDS_DIR
from sahelwatch.text import key

DAY = date(2025, 6, 2)  # a Monday: "dimanche"/"Sunday" is the day before, "samedi"/"Saturday" two days before
COPY_SHARE = 0.2  # share of reports that republish another outlet's story
INCIDENT_SHARE = 0.36  # share of original reports that describe an incident
NEW_EVENT_SHARE = 0.06  # share of original incident reports that tell of a new incident (the others follow one up)
SITE_SPACING_KM = 30  # incident sites are this far apart: more than fusion's 25 km, so no two sites' mentions link
# Days before DAY, by slot (one incident per site and slot): the last three days, then every third day back to the
# 90 days that extraction takes for news (older dates are background); slots are more than fusion's two-day window
# apart. With today's gazetteer: 113 sites x 30 slots = 3,390 incidents at most.
EVENT_DAYS = ((0, 1, 1, 2), *((days,) for days in range(5, 90, 3)))
MONTHS = dict(enumerate(zip(("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                             "octobre", "novembre", "décembre"),
                            ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December")), start=1))
COUNTRIES = ("Mali", "Burkina Faso", "Niger")
ADJECTIVES = {"Mali": ("malienne", "Malian"), "Burkina Faso": ("burkinabè", "Burkinabe"),
              "Niger": ("nigérienne", "Nigerien")}


@dataclass(frozen=True)
class Town:
    """A gazetteer town where the replica places incidents."""

    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    country: str
    language: str  # fr | en
    kind: str  # rss | atom
    weight: float  # relative number of articles a day

    @property
    def feed_path(self) -> str:
        return f"{self.id}/feed/index.xml" if self.kind == "rss" else f"{self.id}/atom.xml"

    @property
    def feed_url(self) -> str:
        return "{base}/" + (f"{self.id}/feed/" if self.kind == "rss" else self.feed_path)

    def registry_entry(self, articles: int) -> dict[str, Any]:
        """The source entry (seeds/sources.yaml format) with the settings a fast loopback target allows."""
        return {"id": self.id, "name": self.name, "country": self.country, "language": self.language,
                "kind": self.kind, "url": self.feed_url, "homepage": f"{{base}}/{self.id}/",
                "delay": 0, "autothrottle": False, "concurrency": 16, "max_items": max(1, articles), "timeout": 60}


@dataclass(frozen=True)
class Event:
    """An incident in the world; one or more outlets report it."""

    number: int
    place: Town
    kind: str  # civilians | ambush | ied | kidnap
    actor: int  # index into the actor phrases
    days_before: int  # 0 to 89 days before DAY (see EVENT_DAYS)
    killed: int
    injured: int


@dataclass(frozen=True)
class Article:
    outlet: Outlet
    number: int
    title: str
    paragraphs: tuple[str, ...]
    published: datetime
    event: Event | None = None  # the incident it reports, if any
    copy_of: str | None = None  # the path of the article it republishes

    @property
    def path(self) -> str:
        return f"{self.outlet.id}/{DAY:%Y/%m/%d}/article-{self.number}.html"


@dataclass
class Replica:
    """What was generated: the articles (without their pages) and the outlets."""

    outlets: list[Outlet]
    articles: list[Article] = field(default_factory=list)
    bytes_written: int = 0

    def counts(self) -> dict[str, Any]:
        per_outlet = Counter(a.outlet.id for a in self.articles)
        return {"reports": len(self.articles), "outlets": len(self.outlets),
                "copies": sum(a.copy_of is not None for a in self.articles),
                "incident_reports": sum(a.event is not None for a in self.articles),
                "incidents": len({a.event.number for a in self.articles if a.event is not None}),
                "languages": dict(Counter(a.outlet.language for a in self.articles)),
                "largest_outlet": max(per_outlet.values(), default=0), "bytes": self.bytes_written}

    def registry(self) -> list[dict[str, Any]]:
        per_outlet = Counter(a.outlet.id for a in self.articles)
        return [o.registry_entry(per_outlet[o.id]) for o in self.outlets if per_outlet[o.id]]


# --- words ------------------------------------------------------------------------------------------------------

FIRST = ("Amadou", "Moussa", "Issa", "Aminata", "Fatoumata", "Boubacar", "Ousmane", "Mariam", "Ibrahim", "Adama",
         "Souleymane", "Hamidou", "Salif", "Kadiatou", "Oumar", "Awa", "Seydou", "Rokia", "Abdoulaye", "Halima",
         "Mahamadou", "Zeinab", "Idrissa", "Djeneba", "Yacouba", "Ramatou", "Lassina", "Hadiza", "Tiémoko", "Safiatou")
LAST = ("Traoré", "Diallo", "Coulibaly", "Keïta", "Ouédraogo", "Sawadogo", "Maïga", "Touré", "Cissé", "Sanogo",
        "Kaboré", "Zongo", "Issoufou", "Abdou", "Garba", "Diarra", "Konaté", "Sidibé", "Compaoré", "Yaméogo",
        "Hama", "Moumouni", "Dicko", "Bâ", "Sangaré", "Kouyaté", "Tamboura", "Nikiema", "Ilboudo", "Mahaman")

# Ordinary news is written from a lexicon rather than from stock phrases: sentence patterns join noun phrases
# (article, noun, adjective, complement), verbs, prepositional phrases and the story's own people and towns, so that
# nearly every run of three words is drawn afresh. With a few dozen stock phrases instead, unrelated stories shared
# a tenth of their 3-word shingles (estimated Jaccard 0.10 at the median) where real unrelated news shares almost
# none, and dedup's LSH compared a growing share of all pairs. The words avoid violence: ordinary stories report no
# incident, which the tests check through extraction.
TOPICS = {"fr": ("Économie", "Société", "Politique", "Agriculture", "Santé", "Éducation", "Sport", "Culture"),
          "en": ("Economy", "Society", "Politics", "Farming", "Health", "Education", "Sport", "Culture")}
NOUNS_FR = {
    "m": tuple("projet programme marché barrage budget forage chantier centre atelier financement partenariat comité "
               "rapport bilan plan fonds contrat accord dispositif réseau service abattoir entrepôt magasin "
               "moulin jardin verger périmètre puits lycée collège dispensaire laboratoire stade terrain pont quai "
               "parc cheptel élevage commerce artisanat tourisme carburant engrais crédit microcrédit salaire "
               "recrutement concours examen baccalauréat calendrier recensement cadastre lotissement logement "
               "quartier canton secteur conseil syndicat festival concert tournoi championnat club orchestre "
               "musée livre journal débat forum séminaire sommet congrès scrutin mandat décret règlement statut "
               "tarif déficit excédent impôt emprunt investissement apprentissage diplôme manuel vaccin médicament "
               "traitement dépistage abonnement guichet registre recours litige transfert versement paiement "
               "prêt".split()),
    "f": tuple("route piste école coopérative usine centrale clinique maternité pharmacie cantine bibliothèque "
               "mairie préfecture direction agence association fédération union mutuelle banque caisse boutique "
               "filière récolte production campagne saison semence culture irrigation digue mare vallée plaine "
               "forêt réserve commune gare station ligne réforme politique stratégie enquête étude évaluation "
               "mission visite tournée réunion rencontre cérémonie conférence session assemblée élection "
               "candidature loi mesure subvention taxe dette facture baisse pénurie demande offre exportation "
               "importation vente foire exposition compétition équipe formation bourse rentrée classe université "
               "faculté recherche vaccination consultation électricité énergie connexion antenne radio télévision "
               "presse plateforme application pépinière laiterie tannerie fromagerie boulangerie menuiserie couture "
               "broderie teinture".split())}
ADJECTIVES_FR = tuple(tuple(word.split("/")) if "/" in word else (word, word) for word in (
    "régional/régionale communal/communale national/nationale local/locale rural/rurale agricole public/publique "
    "important/importante prioritaire annuel/annuelle provisoire définitif/définitive ambitieux/ambitieuse "
    "coûteux/coûteuse modeste attendu/attendue contesté/contestée promis/promise inachevé/inachevée vétuste moderne "
    "solaire pastoral/pastorale scolaire sanitaire hydraulique commercial/commerciale financier/financière technique "
    "administratif/administrative culturel/culturelle sportif/sportive intercommunal/intercommunale pilote "
    "décentralisé/décentralisée municipal/municipale conjoint/conjointe exceptionnel/exceptionnelle "
    "principal/principale privé/privée gratuit/gratuite partiel/partielle durable fragile saisonnier/saisonnière "
    "mensuel/mensuelle populaire numérique collectif/collective familial/familiale urgent/urgente "
    "transfrontalier/transfrontalière").split())
VERBS_FR = tuple(f"a {verb}" for verb in (
    "financé inauguré présenté lancé relancé suspendu reporté validé rejeté contesté défendu critiqué salué évalué "
    "examiné réhabilité agrandi rénové équipé livré signé prolongé annulé approuvé adopté voté soutenu réclamé "
    "dénoncé visité accueilli organisé préparé planifié clôturé ouvert fermé réorganisé modernisé étendu doublé "
    "réduit augmenté gelé débloqué annoncé promis confirmé démenti expliqué détaillé chiffré audité contrôlé "
    "inspecté recensé distribué remis offert vendu acheté loué négocié renégocié repoussé accéléré freiné "
    "encouragé récompensé célébré commémoré présidé parrainé sollicité obtenu remporté perdu gagné").split())
AGENTS_FR = ("le ministre", "la ministre", "le gouverneur", "le maire", "le préfet", "le directeur", "la directrice",
             "le président", "la présidente", "le représentant", "la représentante", "le coordinateur",
             "la coordinatrice", "le porte-parole", "le chef", "la cheffe", "le délégué", "la déléguée",
             "le conseiller", "la conseillère", "le trésorier", "la trésorière", "le responsable", "la responsable",
             "le promoteur", "la promotrice", "l'entraîneur", "l'ingénieur", "l'inspecteur", "l'inspectrice",
             "l'économiste", "le député", "la députée", "le recteur", "le doyen", "le proviseur", "le commissaire",
             "le médecin-chef", "la sage-femme", "le comptable", "l'animatrice", "l'animateur",
             "le secrétaire général", "la secrétaire générale", "le premier adjoint")
PHRASES_FR = {
    "say": ("a déclaré", "a affirmé", "a expliqué", "a regretté", "a souligné", "a estimé", "a martelé", "a confié",
            "a rappelé", "a assuré", "a reconnu", "a prévenu", "a insisté", "a ironisé", "a résumé", "a nuancé"),
    "opener": ("{weekday},", "À {town},", "Selon {person},", "Dans la région de {admin1},", "Depuis {month},",
               "Comme chaque année,", "Au lendemain {gen},", "En attendant {np},", "Faute {gen},",
               "Pour la {ordinal} fois,", "Au cours {gen},", "Dès {month},", "Contrairement {to},",
               "D'ici {month},", "Sur proposition {gen},", "À la demande {gen},", "Il y a {number} ans,",
               "En marge {gen},", "Grâce {to},", "Avant {np},"),
    "pp": ("à {town}", "dans la commune de {town}", "pour {np}", "avec {np}", "malgré {np}", "après {np}",
           "avant {np}", "depuis {month}", "en {month}", "{weekday}", "cette semaine", "au profit {gen}",
           "pour un montant de {number} millions de francs CFA", "sur {number} kilomètres",
           "au bénéfice de {number} ménages", "en présence de {person}", "devant {number} participants",
           "à hauteur de {number} %", "sous la supervision {gen}", "en partenariat avec {np}",
           "aux côtés {gen}", "en lien avec {np}", "faute {gen}", "au détriment {gen}", "à la place {gen}",
           "près {gen}", "jusqu'en {month}", "pour la {ordinal} année consécutive", "en moins de {number} jours",
           "au grand soulagement {gen}", "sans {np}", "contre {np}", "selon {np}", "vers {np}", "sur {np}",
           "sous {np}", "entre {np} et {np}", "par {np}", "dès {month}", "hors {np}", "autour {gen}", "au sein {gen}",
           "à travers {np}", "envers {np}", "auprès {gen}", "parmi {np}", "hormis {np}", "dans {np}",
           "loin {gen}", "face {to}"),
    "counted": ("élèves", "ménages", "producteurs", "éleveurs", "agents", "enseignants", "femmes", "jeunes",
                "candidats", "hectares", "familles", "apprentis", "infirmiers", "commerçants", "exposants",
                "supporters", "artisans", "pêcheurs", "retraités", "bénévoles", "étudiants", "patients"),
    "counting": ("sont concernés par", "ont bénéficié {gen}", "attendent", "ont participé {to}", "réclament",
                 "profiteront {gen}", "dépendent {gen}", "ont manqué", "ont rejoint", "ont découvert"),
    "ordinal": ("deuxième", "troisième", "quatrième", "cinquième", "dixième"),
    "weekday": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"),
    "month": ("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
}
NOUNS_EN = tuple(
    "project programme market dam budget borehole worksite centre workshop funding partnership committee report "
    "review plan fund contract agreement scheme network service hospital abattoir warehouse shop mill garden "
    "orchard well school college clinic laboratory stadium pitch bridge wharf park herd livestock trade craft "
    "tourism fuel fertiliser credit wage hiring exam calendar census registry housing district hamlet council union "
    "festival concert tournament league club orchestra museum book newspaper debate forum seminar summit congress "
    "ballot mandate decree rule statute tariff deficit surplus tax loan investment apprenticeship diploma textbook "
    "vaccine medicine treatment screening subscription counter appeal transfer payment road track cooperative "
    "factory plant maternity pharmacy canteen library town-hall office agency association federation bank "
    "sector harvest crop season seed irrigation dyke pond valley plain forest reserve station line reform policy "
    "strategy survey study assessment mission visit tour meeting ceremony conference session assembly election "
    "bill measure subsidy levy debt invoice shortage demand export import sale fair exhibition competition team "
    "training grant term classroom university faculty research consultation electricity energy connection "
    "antenna radio television press platform app nursery dairy tannery bakery carpentry tailoring dyeing".split())
ADJECTIVES_EN = tuple(
    "regional municipal national local rural farming public major priority annual provisional final ambitious "
    "costly modest long-awaited disputed promised unfinished dilapidated modern solar pastoral school health water "
    "commercial financial technical administrative cultural sporting joint pilot decentralised exceptional main "
    "private free partial sustainable fragile seasonal monthly popular digital collective family urgent "
    "cross-border new second larger smaller weekly".split())
VERBS_EN = tuple(
    "funded opened presented launched relaunched suspended postponed approved rejected disputed defended criticised "
    "welcomed assessed examined repaired extended refurbished equipped delivered signed prolonged cancelled endorsed "
    "adopted passed backed demanded denounced visited hosted organised prepared planned closed reorganised "
    "modernised widened doubled cut raised froze released announced promised confirmed denied explained detailed "
    "costed audited checked inspected counted distributed awarded offered sold bought rented negotiated "
    "renegotiated delayed accelerated slowed encouraged rewarded celebrated commemorated chaired sponsored sought "
    "obtained won lost".split())
AGENTS_EN = ("minister", "governor", "mayor", "prefect", "director", "chair", "representative", "coordinator",
             "spokesperson", "head", "delegate", "adviser", "treasurer", "officer", "promoter", "coach", "engineer",
             "inspector", "economist", "member of parliament", "rector", "dean", "headteacher", "commissioner",
             "chief medical officer", "midwife", "accountant", "organiser", "secretary general", "deputy mayor")
PHRASES_EN = {
    "say": ("said", "stated", "explained", "regretted", "stressed", "argued", "insisted", "confided", "recalled",
            "assured reporters", "admitted", "warned", "added", "joked", "summed up", "cautioned"),
    "opener": ("On {weekday},", "In {town},", "According to {person},", "In {admin1} region,", "Since {month},",
               "As every year,", "The day after {np},", "Pending {np},", "For lack of {np},",
               "For the {ordinal} time,", "During {np},", "From {month},", "Unlike {np},", "By {month},",
               "At the request of {np},", "{number} years ago,", "On the sidelines of {np},", "Thanks to {np},",
               "Before {np},", "Despite {np},"),
    "pp": ("in {town}", "in the municipality of {town}", "for {np}", "with {np}", "despite {np}", "after {np}",
           "before {np}", "since {month}", "in {month}", "on {weekday}", "this week", "for the benefit of {np}",
           "at a cost of {number} million CFA francs", "over {number} kilometres", "for {number} households",
           "in the presence of {person}", "before {number} participants", "up to {number} percent",
           "under the supervision of {np}", "in partnership with {np}", "alongside {np}", "in connection with {np}",
           "for want of {np}", "at the expense of {np}", "instead of {np}", "near {np}", "until {month}",
           "for the {ordinal} year running", "in under {number} days", "to the relief of {np}", "without {np}",
           "against {np}", "through {np}", "towards {np}", "on {np}", "under {np}", "between {np} and {np}",
           "by {np}", "from {month}", "beyond {np}", "around {np}", "within {np}", "across {np}", "to {np}",
           "among {np}", "except {np}", "inside {np}", "far from {np}", "facing {np}"),
    "counted": ("pupils", "households", "growers", "herders", "staff", "teachers", "women", "young people",
                "candidates", "hectares", "families", "apprentices", "nurses", "traders", "exhibitors", "supporters",
                "artisans", "fishermen", "pensioners", "volunteers", "students", "patients"),
    "counting": ("are affected by", "have benefited from", "are waiting for", "took part in", "are demanding",
                 "will gain from", "depend on", "missed", "joined", "discovered"),
    "ordinal": ("second", "third", "fourth", "fifth", "tenth"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    "month": ("July", "August", "September", "October", "November", "December"),
}

# Incident phrases: actor (fr, en), then per kind the lead sentences. {when} resolves against DAY.
ACTORS = (("des hommes armés non identifiés", "unidentified gunmen"),
          ("des éléments du JNIM", "JNIM fighters"),
          ("des combattants de l'État islamique au Sahel", "Islamic State Sahel fighters"),
          ("des individus armés circulant à moto", "armed men on motorbikes"),
          ("des terroristes", "militants"))
WHEN = {0: (("lundi matin", "on Monday morning"), ("dans la matinée de lundi", "early on Monday")),
        1: (("dimanche", "on Sunday"), ("dimanche 1er juin", "on Sunday, 1 June"), ("hier", "yesterday")),
        2: (("samedi", "on Saturday"), ("samedi soir", "on Saturday evening"), ("samedi 31 mai", "on 31 May"))}


def when(days_before: int) -> tuple[tuple[str, str], ...]:
    """Ways to say the incident's day in (French, English): weekdays for the last days, the date before."""
    if days_before in WHEN:
        return WHEN[days_before]
    day = DAY - timedelta(days=days_before)
    number = "1er" if day.day == 1 else str(day.day)
    return ((f"le {number} {MONTHS[day.month][0]}", f"on {day.day} {MONTHS[day.month][1]}"),)
LEADS = {
    "civilians": (
        ("{killed} civils ont été tués {when} par {actor} à {place}, dans la région de {admin1}, selon {witness}.",
         "{actor_cap} killed {killed} civilians in {place}, {admin1} region, {when}, {witness} said."),
        ("{actor_cap} ont attaqué {when} le village de {place} ({admin1}), tuant {killed} civils et blessant "
         "{injured} autres, a appris notre rédaction auprès de {witness}.",
         "{actor_cap} attacked the village of {place} in {admin1} region {when}, killing {killed} civilians and "
         "wounding {injured}, according to {witness}.")),
    "ambush": (
        ("Un convoi de l'armée {adj_fr} est tombé dans une embuscade tendue par {actor} {when} près de {place}, dans "
         "la région de {admin1}. {killed} soldats ont été tués et {injured} blessés, selon {witness}.",
         "A {adj_en} army convoy was ambushed by {actor} near {place} in {admin1} region {when}. {killed} soldiers "
         "were killed and {injured} wounded, {witness} said."),
        ("{actor_cap} ont attaqué {when} le poste militaire de {place}, dans la région de {admin1}. Le bilan fait "
         "état de {killed} soldats tués, selon {witness}.",
         "{actor_cap} attacked the army post in {place}, {admin1} region, {when}, killing {killed} soldiers, "
         "according to {witness}.")),
    "ied": (
        ("Au moins {killed} personnes ont été tuées {when} dans l'explosion d'un engin explosif improvisé au passage "
         "d'un minibus près de {place}, dans la région de {admin1}, selon {witness}.",
         "At least {killed} people were killed {when} when a roadside bomb hit a minibus near {place} in {admin1} "
         "region, {witness} said."),),
    "kidnap": (
        ("{injured} commerçants ont été enlevés {when} par {actor} sur la route de {place}, dans la région de "
         "{admin1}, selon {witness}.",
         "{actor_cap} kidnapped {injured} traders on the road to {place} in {admin1} region {when}, {witness} "
         "said."),),
}
WITNESSES = (("des sources locales", "local sources"), ("un élu de la localité", "a local official"),
             ("une source sécuritaire", "a security source"), ("des habitants joints par téléphone",
                                                               "residents reached by telephone"))
AFTERMATH = (
    ("Les assaillants sont repartis en direction de la frontière en emportant du bétail.",
     "The attackers left towards the border, taking livestock with them."),
    ("Des renforts ont été dépêchés sur les lieux et un ratissage est en cours.",
     "Reinforcements were sent to the area and a search operation is under way."),
    ("Les blessés ont été évacués vers le centre de santé le plus proche.",
     "The wounded were taken to the nearest health centre."),
    ("Aucune revendication n'avait été enregistrée en fin de journée.", "No group had claimed the attack by evening."),
    ("Plusieurs familles ont quitté la localité pour se réfugier au chef-lieu.",
     "Several families have fled the area for the regional capital."))
# How a follow-up (an incident already reported elsewhere) may open: a witness before the facts. Without it, every
# report of one incident would start with the same 40 words, which real outlets' leads do not.
OPENINGS = (("« Nous avons tout perdu », témoigne {person}, {role} à {place}, joint par téléphone.",
             "\"We have lost everything,\" says {person}, a {role_en} in {place}, reached by telephone."),
            ("{person}, {role} à {place}, n'a pas fermé l'œil depuis {n} nuits.",
             "{person}, a {role_en} in {place}, has not slept for {n} nights."),
            ("Le téléphone de {person}, {role} à {place}, sonne sans arrêt depuis que la nouvelle est tombée.",
             "The phone of {person}, a {role_en} in {place}, has not stopped ringing since the news broke."),
            ("À {place}, où {person} est {role} depuis {n} ans, la peur a gagné toutes les familles.",
             "In {place}, where {person} has been a {role_en} for {n} years, every family is afraid."),
            ("Les boutiques sont restées fermées à {place} et {person}, {role}, attend des nouvelles de ses proches.",
             "Shops stayed shut in {place}, and {person}, a {role_en}, is waiting for news of relatives."))
ROLES = (("enseignant", "teacher"), ("commerçante", "trader"), ("infirmier", "nurse"),
         ("chef de village", "village chief"),
         ("conseillère municipale", "councillor"), ("imam", "imam"), ("éleveur", "herder"), ("étudiante", "student"),
         ("chauffeur de taxi-brousse", "bush-taxi driver"), ("tailleur", "tailor"))
CREDITS = (("(Agence Sahel Presse) –", "(Sahel Press Agency) -"), ("Avec l'agence Liptako Info –", "Liptako Info -"))
BOILERPLATE = (("Suivez {outlet} sur WhatsApp pour ne rien manquer de l'actualité.",
                "Follow {outlet} on WhatsApp for all the news."),
               ("Cet article a été publié initialement par notre partenaire.",
                "This story first appeared on a partner site."),
               ("Vous avez une information à partager ? Écrivez à la rédaction de {outlet}.",
                "Got a story? Write to the {outlet} newsroom."))
NUMBER_WORDS_FR = ("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze")
NUMBER_WORDS_EN = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
OUTLET_WORDS = (("Le Réveil", "L'Écho", "La Voix", "Le Messager", "Le Flambeau", "L'Observateur", "La Sentinelle",
                 "Le Griot", "L'Horizon", "Le Pays Profond"),
                ("Sahel Daily", "Courier", "Post", "Herald", "Monitor", "Dispatch", "Tribune", "Gazette"))


@lru_cache(maxsize=1)
def places() -> tuple[Town, ...]:
    """Towns of the gazetteer that extraction can place without doubt: the three countries, a known region, an
    administrative seat (not a capital, which extraction reads as its region) or 1,000 inhabitants, a name that no
    other town bears, however spelled (two villages of one name are resolved by context, which is not what this
    replica is for), and not also one of our surnames."""
    with open(SEEDS_DIR / "gazetteer" / "places.tsv", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row["kind"] == "town"]
    names = Counter(key(row["name"]) for row in rows)
    chosen = [Town(row["name"], row["country"], row["admin1"], float(row["latitude"]), float(row["longitude"]),
                    int(row["population"] or 0)) for row in rows
              if row["country"] in COUNTRIES and row["admin1"] and names[key(row["name"])] == 1
              and row["feature_code"] != "PPLC"
              and (int(row["population"] or 0) >= 1000 or row["feature_code"] in ("PPLA", "PPLA2", "PPLA3"))
              and row["name"] not in LAST and "Department" not in row["name"]]
    return tuple(sorted(chosen, key=lambda p: (p.country, p.name)))


def distance_km(a: Town, b: Town) -> float:
    """How far apart two replica towns are, by the one haversine fusion uses."""
    return haversine_km((a.latitude, a.longitude), (b.latitude, b.longitude))


@lru_cache(maxsize=1)
def sites() -> tuple[Town, ...]:
    """The towns where incidents happen: the largest first, each SITE_SPACING_KM from all others, so that two
    generated incidents never look like one to fusion and its result can be checked against the generator's."""
    chosen: list[Town] = []
    for place in sorted(places(), key=lambda p: (-p.population, p.name)):
        if all(distance_km(place, other) >= SITE_SPACING_KM for other in chosen):
            chosen.append(place)
    return tuple(chosen)


# --- prose ------------------------------------------------------------------------------------------------------

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

    def _fill(self, template: str, language: str, cast: _Cast) -> str:
        """Fill the placeholders of a phrase, each with a fresh draw."""
        phrases = PHRASES_FR if language == "fr" else PHRASES_EN
        np = (lambda: self._np_fr(cast)) if language == "fr" else (lambda: self._np_en(cast))
        values = {"np": np, "gen": lambda: self._np_fr(cast, "de"), "to": lambda: self._np_fr(cast, "à"),
                  "person": lambda: self._who(cast), "town": lambda: self._where(cast).name,
                  "admin1": lambda: self._where(cast).admin1, "number": lambda: str(self.rng.randint(2, 950)),
                  **{key: (lambda key=key: self.rng.choice(phrases[key])) for key in ("ordinal", "weekday", "month")}}
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
            text = (f"« {self._fill(quote, language, cast)} », {rng.choice(phrases['say'])} {{person}}."
                    if language == "fr" else
                    f"\"{self._fill(quote, language, cast)},\" {{person}} {rng.choice(phrases['say'])}.")
        elif shape < 0.32:
            text = f"{{number}} {rng.choice(phrases['counted'])} {rng.choice(phrases['counting'])} {{np}} {pps}"
        else:
            opener = rng.choice(phrases["opener"]) + " " if shape < 0.55 else ""
            text = f"{opener}{self._subject(language, cast)} {rng.choice(verbs)} {{np}} {pps}"
        text = self._fill(text.strip().rstrip(",") + ("" if text.endswith(".") else "."), language, cast)
        start = next(i for i, char in enumerate(text) if char.isalnum())
        return text[:start] + text[start].upper() + text[start + 1:]

    def paragraph(self, language: str, cast: _Cast) -> str:
        return " ".join(self.sentence(language, cast) for _ in range(self.rng.randint(1, 4)))

    def story(self, language: str, country: str) -> tuple[str, list[str]]:
        """An ordinary news story: title and 4-9 paragraphs about one cast of people and towns."""
        cast = self.cast(country)
        paragraphs = [self.paragraph(language, cast) for _ in range(self.rng.randint(4, 9))]
        title = paragraphs[0].split(".")[0].strip("«» \"")
        return (title if len(title) < 110 else title[:107].rsplit(" ", 1)[0] + " ..."), paragraphs

    def incident(self, event: Event, language: str, follow_up: bool) -> tuple[str, list[str]]:
        """An incident report: a lead that states the facts (after a witness's words in most follow-ups) and their
        aftermath, then background."""
        side = 0 if language == "fr" else 1
        pick = self.rng.choice
        actor = ACTORS[event.actor][side]
        numbers = NUMBER_WORDS_FR if side == 0 else NUMBER_WORDS_EN
        killed = numbers[event.killed - 2] if event.killed <= 12 and self.rng.random() < 0.5 else str(event.killed)
        values = {"actor": actor, "actor_cap": actor[0].upper() + actor[1:], "place": event.place.name,
                  "admin1": event.place.admin1, "when": pick(when(event.days_before))[side],
                  "witness": pick(WITNESSES)[side], "killed": killed, "injured": str(event.injured),
                  "adj_fr": ADJECTIVES[event.place.country][0], "adj_en": ADJECTIVES[event.place.country][1]}
        lead = pick(LEADS[event.kind])[side].format(**values)
        lead = lead[0].upper() + lead[1:]
        if follow_up and self.rng.random() < 0.8:
            role = pick(ROLES)
            lead = pick(OPENINGS)[side].format(person=self.person(), role=role[0], role_en=role[1],
                                               place=event.place.name, n=self.rng.randint(2, 30)) + " " + lead
        # The aftermath stays next to the facts it follows: an ordinary sentence naming another town and a day right
        # after "the attackers left with the cattle" reads as a second incident (looting) there, to extraction as
        # to a reader.
        cast = self.cast(event.place.country)
        paragraphs = [f"{lead} {pick(AFTERMATH)[side]}"]
        paragraphs += [self.paragraph(language, cast) for _ in range(self.rng.randint(3, 6))]
        return _incident_title(event, language, killed), paragraphs


def _incident_title(event: Event, language: str, killed: str) -> str:
    place = event.place.name
    if language == "fr":
        return {"civilians": f"{place} : {killed} civils tués dans une attaque",
                "ambush": f"{event.place.admin1} : des soldats tués près de {place}",
                "ied": f"{place} : un engin explosif fait {killed} morts",
                "kidnap": f"{place} : des commerçants enlevés"}[event.kind]
    return {"civilians": f"{killed} civilians killed in attack on {place}",
            "ambush": f"Soldiers killed in ambush near {place}",
            "ied": f"Roadside bomb kills {killed} near {place}",
            "kidnap": f"Traders kidnapped near {place}"}[event.kind]


# --- the day's articles -----------------------------------------------------------------------------------------

def make_outlets(count: int, rng: random.Random) -> list[Outlet]:
    """`count` outlets: two in three French-speaking, spread over the three countries, a few large and many small
    (weights fall off as rank^-0.7), one in four serving Atom instead of RSS."""
    outlets = []
    for number in range(count):
        language = "en" if number % 3 == 2 else "fr"
        country = COUNTRIES[number % len(COUNTRIES)]
        words = OUTLET_WORDS[0 if language == "fr" else 1]
        name = f"{words[number % len(words)]} {'du' if language == 'fr' else 'of'} {rng.choice(places()).name}"
        outlets.append(Outlet(id=f"outlet-{number:02d}", name=name, country=country, language=language,
                              kind="atom" if number % 4 == 3 else "rss", weight=1 / (number + 1) ** 0.7))
    return outlets


class _Day:
    """Draws the day's articles one after the other, remembering what can be copied and which incidents exist."""

    def __init__(self, outlets: list[Outlet], rng: random.Random) -> None:
        self.outlets = outlets
        self.rng = rng
        self.writer = Writer(rng)
        self.originals: dict[str, list[Article]] = {"fr": [], "en": []}
        self.events: list[Event] = []
        self.slots = [(site, days) for site in sites() for days in EVENT_DAYS]  # one incident each
        rng.shuffle(self.slots)

    def article(self, number: int, outlet: Outlet, published: datetime) -> Article:
        wires = [a for a in self.originals[outlet.language][-400:] if a.outlet.id != outlet.id]
        if wires and self.rng.random() < COPY_SHARE:
            return self._copy(number, outlet, published, self.rng.choice(wires))
        if self.rng.random() < INCIDENT_SHARE:
            event, follow_up = self._event()
            title, paragraphs = self.writer.incident(event, outlet.language, follow_up)
        else:
            event = None
            title, paragraphs = self.writer.story(outlet.language, outlet.country)
        article = Article(outlet, number, title, tuple(paragraphs), published, event=event)
        self.originals[outlet.language].append(article)
        return article

    def _event(self) -> tuple[Event, bool]:
        """A new incident at a free site and time, or (when none is left, or by chance) one already reported; and
        whether it is the latter (a follow-up)."""
        if self.events and (not self.slots or self.rng.random() >= NEW_EVENT_SHARE):
            return self.rng.choice(self.events[-200:]), True
        site, days = self.slots.pop()
        event = Event(len(self.events), site, self.rng.choice(tuple(LEADS)),
                      self.rng.randrange(len(ACTORS)), self.rng.choice(days), self.rng.randint(2, 40),
                      self.rng.randint(2, 12))
        self.events.append(event)
        return event, False

    def _copy(self, number: int, outlet: Outlet, published: datetime, wire: Article) -> Article:
        """The wire story under the outlet's own title, credit line and boilerplate; one in three loses its last
        paragraph (cut to fit)."""
        side = 0 if outlet.language == "fr" else 1
        paragraphs = list(wire.paragraphs)
        if len(paragraphs) > 4 and self.rng.random() < 1 / 3:
            paragraphs.pop()
        paragraphs[0] = f"{self.rng.choice(CREDITS)[side]} {paragraphs[0]}"
        paragraphs.append(self.rng.choice(BOILERPLATE)[side].format(outlet=outlet.name))
        label = ("À la une", "Actualité", "Dépêche") if side == 0 else ("Top story", "News", "Wire")
        title = f"{self.rng.choice(label)} | {wire.title}" if self.rng.random() < 0.5 else f"{wire.title} ({label[2]})"
        published = max(published, wire.published + timedelta(seconds=60))  # copies follow their original
        return Article(outlet, number, title, tuple(paragraphs), published, event=wire.event, copy_of=wire.path)


def draw_articles(outlets: list[Outlet], reports: int, rng: random.Random) -> list[Article]:
    """The day's `reports` articles in publication order, each outlet's share following its weight."""
    day = _Day(outlets, rng)
    weights = [o.weight for o in outlets]
    start = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC)
    articles = []
    for number in range(reports):
        outlet = rng.choices(outlets, weights)[0]
        published = start + timedelta(seconds=int(number * 86_000 / max(reports, 1)) + rng.randrange(300))
        articles.append(day.article(number, outlet, published))
    return articles


# --- pages and feeds --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Chrome:
    """What an outlet's pages share: menus, style and script (the weight of a real page around its article)."""

    head: str
    header: str
    footer: str


@lru_cache(maxsize=None)
def _chrome(outlet: Outlet) -> _Chrome:
    rng = random.Random(outlet.id)
    rules = rng.randint(60, 200)
    style = "".join(f".{outlet.id[-2:]}-c{n}{{margin:{n % 17}px;padding:{n % 7}px;color:#{(n * 37) % 4096:03x}}}"
                    for n in range(rules))
    script = "".join(f"window.tag{n}={{slot:'{outlet.id}-{n}',lazy:{str(n % 2 == 0).lower()},size:[{n},250]}};"
                     for n in range(rng.randint(40, 160)))
    menu = "".join(f'<li class="menu-item"><a href="{{base}}/{outlet.id}/rubrique/{escape(t.lower())}/">{escape(t)}'
                   f"</a></li>" for t in TOPICS[outlet.language] * rng.randint(2, 5))
    head = (f'<meta name="viewport" content="width=device-width"><style>{style}</style>'
            f"<script>{script}</script>")
    header = (f'<header class="site-header"><p class="site-title"><a href="{{base}}/{outlet.id}/">'
              f'{escape(outlet.name)}</a></p><nav><ul class="menu">{menu}</ul></nav></header>')
    footer = (f'<footer><ul class="footer-menu">{menu}</ul><p>© 2025 {escape(outlet.name)} – site fictif, '
              "articles inventés</p></footer>")
    return _Chrome(head, header, footer)


def article_page(article: Article, related: list[Article]) -> str:
    """The article's HTML page, with `{base}` wherever an absolute URL is needed."""
    outlet = article.outlet
    chrome = _chrome(outlet)
    title = escape(article.title)
    stamp = article.published.isoformat()
    body = "".join(f"<p>{escape(p)}</p>\n" for p in article.paragraphs)
    links = "".join(f'<li><a href="{{base}}/{r.path}">{escape(r.title)}</a></li>' for r in related)
    heading = "À lire aussi" if outlet.language == "fr" else "Read more"
    return (f'<!DOCTYPE html>\n<html lang="{outlet.language}"><head><meta charset="utf-8">'
            f"<title>{title} – {escape(outlet.name)}</title>"
            f'<meta property="og:title" content="{escape(article.title, quote=True)}">'
            f'<meta property="article:published_time" content="{stamp}">'
            f'<link rel="canonical" href="{{base}}/{article.path}">{chrome.head}</head>\n'
            f'<body class="single">{chrome.header}<main><article class="post">'
            f'<h1 class="entry-title">{title}</h1><div class="entry-meta"><time datetime="{stamp}">'
            f"{article.published:%d/%m/%Y %H:%M}</time></div>\n<div class=\"entry-content\">\n{body}</div>"
            f'<div class="share"><a href="#">Facebook</a> <a href="#">WhatsApp</a> <a href="#">X</a></div>'
            f'</article><aside class="related"><h2>{heading}</h2><ul>{links}</ul></aside></main>'
            f"{chrome.footer}</body></html>\n")


def feed_document(outlet: Outlet, articles: list[Article]) -> str:
    """The outlet's feed (RSS 2.0 or Atom) listing `articles`, newest first."""
    ordered = sorted(articles, key=lambda a: a.published, reverse=True)
    home = f"{{base}}/{outlet.id}/"
    if outlet.kind == "atom":
        entries = "".join(
            f"<entry><title>{escape(a.title)}</title><link href=\"{{base}}/{a.path}\"/><id>{{base}}/{a.path}</id>"
            f"<published>{a.published.isoformat()}</published><updated>{a.published.isoformat()}</updated>"
            f"<summary>{escape(a.paragraphs[0][:200])}</summary></entry>\n" for a in ordered)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{escape(outlet.name)}</title><link href=\"{home}\"/><id>{home}</id>"
                f"<updated>{ordered[0].published.isoformat() if ordered else '2025-06-02T00:00:00+00:00'}</updated>\n"
                f"{entries}</feed>\n")
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{{base}}/{a.path}</link><guid>{{base}}/{a.path}</guid>"
        f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S +0000}</pubDate>"
        f"<description>{escape(a.paragraphs[0][:200])}</description></item>\n" for a in ordered)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(outlet.name)}</title><link>{home}</link><description>{escape(outlet.name)}</description>"
            f"<language>{outlet.language}</language>\n{items}</channel></rss>\n")


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def write_site(site: Path, replica: Replica, rng: random.Random) -> None:
    """Every article page, each outlet's feed and home page, under `site` (the ReplicaServer root)."""
    by_outlet: dict[str, list[Article]] = {}
    for article in replica.articles:
        by_outlet.setdefault(article.outlet.id, []).append(article)
    for articles in by_outlet.values():
        for position, article in enumerate(articles):
            related = [articles[(position + step) % len(articles)] for step in rng.sample(range(1, 60), 10)]
            replica.bytes_written += _write(site / article.path, article_page(article, related))
    for outlet in replica.outlets:
        articles = by_outlet.get(outlet.id, [])
        replica.bytes_written += _write(site / outlet.feed_path, feed_document(outlet, articles))
        home = "".join(f'<li><a href="{{base}}/{a.path}">{escape(a.title)}</a></li>' for a in articles[-50:])
        replica.bytes_written += _write(site / outlet.id / "index.html",
                                        f"<!DOCTYPE html><html><body><ul>{home}</ul></body></html>\n")


def generate(out: Path, reports: int, outlets: int = 40, seed: int = 2025) -> Replica:
    """Write the replica under `out`: `site/` (serve it with ReplicaServer(root=out / "site")), `sources.yaml`
    (registry entries with `{base}`, for sahelwatch.replica.server.replica_sources) and `manifest.json` (counts).

    With outlets=1 this is a single outlet's site and feed (no copies: there is nobody to copy from)."""
    rng = random.Random(seed)
    replica = Replica(make_outlets(outlets, rng))
    replica.articles = draw_articles(replica.outlets, reports, rng)
    write_site(out / "site", replica, rng)
    (out / "sources.yaml").write_text(yaml.safe_dump({"sources": replica.registry()}, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"seed": seed, "day": DAY.isoformat(), **replica.counts()},
                                                  indent=2), encoding="utf-8")
    return replica


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sahelwatch.tools.replica.large",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--outlets", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    replica = generate(args.out, args.reports, args.outlets, args.seed)
    counts = replica.counts()
    print(f"wrote {counts['reports']} reports of {DAY} over {counts['outlets']} outlets to {args.out / 'site'} "
          f"({counts['bytes'] / 1e6:.0f} MB, {time.perf_counter() - started:.1f} s)")
    print(f"  copies {counts['copies']}, incident reports {counts['incident_reports']} "
          f"({counts['incidents']} incidents), languages {counts['languages']}")
    print(f"  registry: {args.out / 'sources.yaml'} (fill {{base}} with replica_sources(base_url, registry=...))")
    print(f"  serve: ReplicaServer(root={args.out / 'site'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
