"""Word lists that keep the mention scanner from mistaking prose for places.

Thousands of Sahel villages share a spelling with a French or English word
("Pour", "Est", "Bon"), a first name ("Moussa", "Ali") or a surname ("Diallo",
"Traoré").  Such names are only accepted with a cue right before them ("à",
"village de", "région de"); common words are never taken on their own.
All lists hold lookup keys (see text.key): lower case, no accents.
"""

from __future__ import annotations

from sahelwatch.text import key


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words.replace("\n", ",").split(",") if w.strip())


def _by_alias(names: dict[str, str]) -> dict[str, str]:
    """{name: "alias, alias"} as the lookup the scanner needs: each alias's key to its name."""
    return {key(alias): name for name, aliases in names.items() for alias in aliases.split(", ")}


#: French and English words that are also the name of some village or area.
#: A surface whose key is here is never a mention unless an admin cue precedes it
#: (only for ADMIN_WORDS) - see CUE_ONLY_ADMIN.
COMMON_WORDS = _keys(
    """
    a, à, au, aux, avec, ce, ces, cet, cette, dans, de, des, du, elle, elles, en, entre, et, eux, il, ils,
    je, la, le, les, leur, leurs, lui, ma, mais, me, mes, moi, mon, ne, ni, nos, notre, nous, on, or, ou,
    où, par, pas, pour, qu, que, qui, sa, sans, se, ses, si, son, sous, sur, ta, te, tes, toi, ton, tu,
    un, une, vos, votre, vous, y, ça, car, donc, puis, lors, selon, depuis, après, avant, pendant, vers,
    chez, contre, malgré, parmi, sauf, outre, dès, via, voici, voilà, ainsi, alors, aussi, bien, déjà,
    encore, enfin, ici, jamais, là, loin, mieux, moins, plus, près, peu, quand, comme, comment, tant,
    tard, tôt, tout, toute, tous, toutes, très, trop, oui, non, autre, autres, même, mêmes, chaque,
    plusieurs, certains, certaines, aucun, aucune, tel, telle, lequel, dont, quel, quelle, soit, été, être,
    avoir, ont, sont, est, était, fait, faire, dit, dire, va, vont, bon, bonne, beau, belle, grand, grande,
    petit, petite, gros, haut, bas, long, nouveau, nouvelle, vieux, ancien, premier, première, dernier,
    nord, sud, est, ouest, centre, centrale, central, nord est, nord ouest, sud est, sud ouest,
    lundi, mardi, mercredi, jeudi, vendredi, samedi, dimanche, janvier, février, mars, avril, mai, juin,
    juillet, août, septembre, octobre, novembre, décembre,
    armée, forces, force, etat, état, gouvernement, président, presidente, ministre, général, colonel,
    capitaine, commandant, lieutenant, sergent, monsieur, madame, dieu, allah, islam, nations, unies,
    union, conseil, front, mouvement, groupe, alliance, police, gendarmerie, garde, douane, douanes,
    radio, télévision, agence, presse, journal, info, infos, actualité, actualités, région, cercle,
    commune, village, ville, province, département, préfecture, localité, camp, base, poste, route,
    marché, mosquée, église, école, hôpital, pont, puits, fleuve, lac, mare, forêt, mine, site, zone,
    frontière, paix, guerre, attaque, embuscade, explosion, victime, victimes, mort, morts, blessés,
    sahel, sahara, afrique, africa, cascades, plateau, boucle, hauts, bassins, delta, lac,
    the, of, and, in, on, at, to, for, from, by, with, as, an, is, it, its, this, that, these, those,
    he, she, they, we, you, his, her, their, our, but, or, not, no, yes, so, if, then, than, there, here,
    when, where, who, what, which, while, after, before, during, since, until, near, over, under,
    about, into, onto, upon, all, any, some, many, more, most, other, such, only, also, just, new, old,
    north, south, east, west, central, centre, center, northern, southern, eastern, western,
    monday, tuesday, wednesday, thursday, friday, saturday, sunday, january, february, march, april,
    may, june, july, august, september, october, november, december,
    army, forces, force, state, government, president, minister, general, police, soldiers, troops,
    attack, ambush, village, town, city, region, province, district, camp, base, road, market, border,
    river, lake, well, mine, news, press, report, reports, reuters, afp, associated,
    barkhane, serval, sabre, takuba, minusma, wagner, africa corps, ecowas, cedeao, jnim, eigs, isgs, aes,
    la paix, time, same, day, were, side, made, give, thing, win, going, task, table, hello, beta, dim, don,
    allé, balle, bête, fille, fin, fou, foule, gare, jeu, mal, mari, masse, messe, monde, salle, tâche, tête, vue,
    plateaux, maritime, littoral
    """
)

#: Admin names that are ordinary words: accepted only right after an admin cue
#: ("région de l'Est", "région du Sahel", "Nord region").
CUE_ONLY_ADMIN = _keys(
    "est, nord, centre, sud, ouest, sud ouest, sahel, cascades, plateau central, lac, plateau, plateaux, centrale, "
    "maritime, littoral"
)

#: First names and surnames common in the Sahel that are also village names.
PERSON_NAMES = _keys(
    """
    abdoulaye, abdou, aboubacar, adama, ahmed, ali, aliou, alassane, amadou, aminata, assimi, awa,
    bakary, boubacar, cheick, cheikh, djibril, drissa, fatoumata, hamidou, hamadou, hassan, hassane,
    ibrahim, ibrahima, idrissa, issa, issiaka, lassina, mahamadou, mamadou, mariam, modibo, mohamed,
    mohammed, moussa, omar, oumar, ousmane, salif, sekou, seydou, sidi, souleymane, yacouba, youssouf,
    zakaria, karim, abdel, abdoul, hama, hamma, oumarou, bachir, bilal, sadio, iyad, ibrahim, mahamat,
    boureima, harouna, hamadoun, allaye, bocar, daouda, fousseyni, mory, nouhoum, siaka, tiémoko, mahmoud,
    ag, ould, ben, bin, ibn, el, al,
    ba, bah, bamba, barry, camara, cissé, cisse, coulibaly, dembélé, diakité, diallo, diarra, dicko,
    doumbia, fofana, goïta, goita, kanté, keïta, keita, koné, kone, konaté, maïga, maiga, sangaré,
    sanogo, sidibé, sissoko, sow, tall, touré, toure, traoré, traore, kaboré, kabore, ouédraogo,
    ouedraogo, sawadogo, compaoré, compaore, damiba, zerbo, zongo, sankara, bazoum, tiani, tchiani,
    issoufou, mahamane, ghazouani, ould ghazouani, kane, sy, ndiaye, diop, sall, wade, macron,
    diabaté, sylla, konaré, konare, tounkara, guindo, dolo
    """
)

#: Words right before a name that announce an administrative area, and the kind they announce.
ADMIN_CUES: dict[str, str] = {
    "region": "admin1",
    "région": "admin1",
    "regions": "admin1",
    "wilaya": "admin1",
    "district": "admin1",
    "province": "admin2",
    "cercle": "admin2",
    "département": "admin2",
    "departement": "admin2",
    "department": "admin2",
    "moughataa": "admin2",
    "préfecture": "admin2",
    # Nigeria: "Borno State", "l'État de Borno", "Konduga LGA", "Abadam Local Government Area"
    "state": "admin1",
    "état": "admin1",
    "lga": "admin2",
    "local": "admin2",
}
ADMIN_CUES = {key(k): v for k, v in ADMIN_CUES.items()}

#: Words right before a name that announce a settlement.
PLACE_CUES = _keys(
    """
    à, a, au, aux, village, villages, localité, localite, commune, ville, hameau, campement, bourgade,
    secteur, quartier, près, pres, vers, entre, in, at, near, outside, around, chef-lieu, camp, base, poste
    """
)

#: Words that, right before "Niger", "Sénégal" and co., mean a river or an agency, not a country.
#: "lac Tchad"/"Lake Chad" is the lake shared by four countries, "Niger State" a Nigerian state.
NOT_COUNTRY_CUES = _keys(
    "fleuve, river, delta, intérieur, boucle, bend, office, vallée, valley, bassin, basin, lac, lake, state"
)

#: Words that make a nearby country name a border/neighbour reference rather than the location.
BORDER_CUES = _keys(
    "frontière, frontieres, frontières, frontalière, frontalier, frontaliers, border, borders, bordering, "
    "voisin, voisine, voisins, neighbouring, neighboring, neighbour, neighbor, limitrophe, confins, confines"
)

#: A country named as where people or goods come from or go to ("a convoy bound for Niger", "des hommes armés venus
#: du Burkina Faso", "repartis vers le Mali"): it does not say where the event happened. A regular expression that
#: must match the folded text right before the country's name.
DIRECTION_BEFORE = (
    r"(?:\bbound for|\bhead(?:ing|ed|s)? (?:to|for|towards?|into)|\ben route (?:to|for|from)"
    r"|\bon (?:its|their|his|her|the) way (?:to|from|into)|\bdestined for|\btravell?(?:ing|ed|s)? (?:to|from|into)"
    r"|\bgoing (?:to|into)|\bcross(?:ed|ing|es)? (?:over )?(?:from|into)|\b(?:coming|came|comes) (?:in )?from"
    r"|\breturn(?:ing|ed|s)? (?:to|from)|\bfle(?:d|eing|es) (?:to|into|from|across)|\bfrom|\bexported to"
    r"|\bvenue?s? d[eu']|\ben provenance d[eu']|\ba destination d[eu']|\ben direction d[eu']|\bvers"
    r"|\ben partance pour|\bse rend(?:ait|aient|ant|ent)? (?:au|aux|en|a)|\bde retour d[eu']"
    r"|\boriginaires? d[eu']|\bdepuis|\bfui(?:r|ent|ant)? (?:vers|au|aux|en)|\brefugie(?:e|s|es)? (?:au|aux|en)"
    r"|\brepartis? (?:vers|au|aux|en)|\bregagne[rs]? (?:le|la|l')?|\bexpulses? vers)"
    r"\s+(?:(?:the|le|la|l'|les|du|de|neighbou?ring|voisin|voisine)\s*)*$"
)

#: Words right before a name that make it part of an organisation's name ("Katiba Macina").
ORG_CUES = _keys(
    "katiba, brigade, bataillon, battalion, opération, operation, radio, front, groupe, mouvement, ansar, "
    "ansarul, ansaroul, libération, liberation, salut"
)

#: Words right after a name that make it part of an organisation's name ("Boko Haram", "Macina Liberation Front").
ORG_AFTER = _keys("haram, liberation, libération, brigade, battalion, katiba, matin, info, infos, news, times, tribune")

#: Countries outside the gazetteer that news name next to Sahel places: recognised so
#: that "Kouré (Cameroun)" is not resolved to a Malian village.  key -> English name.
#: Nigeria, Chad, Togo and Benin are in the gazetteer (see sahelwatch/tools/gazetteer/neighbours.py), not here.
FOREIGN_COUNTRIES = _by_alias(
    {
        "Algeria": "Algeria, Algérie",
        "Libya": "Libya, Libye",
        "Senegal": "Senegal, Sénégal",
        "Guinea": "Guinea, Guinée, Guinée Conakry, Guinée-Conakry",
        "Guinea-Bissau": "Guinea-Bissau, Guinée-Bissau",
        "Côte d'Ivoire": "Côte d'Ivoire, Cote d'Ivoire, Ivory Coast",
        "Ghana": "Ghana",
        "Morocco": "Morocco, Maroc",
        "Western Sahara": "Western Sahara, Sahara occidental",
        "Tunisia": "Tunisia, Tunisie",
        "Egypt": "Egypt, Égypte, Egypte",
        "Sudan": "Sudan, Soudan",
        "Cameroon": "Cameroon, Cameroun",
        "Central African Republic": "Central African Republic, Centrafrique",
        "Gambia": "Gambia, Gambie",
        "Sierra Leone": "Sierra Leone",
        "Liberia": "Liberia",
        "France": "France",
        "Russia": "Russia, Russie",
        "Turkey": "Turkey, Turquie",
        "United States": "United States, États-Unis, Etats-Unis, USA",
        "China": "China, Chine",
        "Ukraine": "Ukraine",
        "Germany": "Germany, Allemagne",
        "Qatar": "Qatar",
        "Saudi Arabia": "Saudi Arabia, Arabie saoudite",
        "Iran": "Iran",
    }
)

#: Adjectives naming a country of the gazetteer: weak context evidence ("l'armée malienne").
DEMONYMS = _by_alias(
    {
        "Mali": "malien, malienne, maliens, maliennes, Malian, Malians",
        "Burkina Faso": "burkinabè, burkinabé, burkinabe, burkinabès, Burkinabe, Burkinabè",
        "Niger": "nigérien, nigérienne, nigériens, nigériennes, nigerien, Nigerien, Nigeriens",
        "Mauritania": "mauritanien, mauritanienne, mauritaniens, mauritaniennes, Mauritanian, Mauritanians",
        "Nigeria": "nigérian, nigériane, nigérians, nigérianes, nigerian, Nigerian, Nigerians",
        "Chad": "tchadien, tchadienne, tchadiens, tchadiennes, Chadian, Chadians",
        "Togo": "togolais, togolaise, togolaises, Togolese",
        "Benin": "béninois, béninoise, béninoises, beninois, Beninese",
    }
)
