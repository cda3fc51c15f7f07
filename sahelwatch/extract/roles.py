"""Who did what to whom: an actor mention's role in its sentence (attacker, target or unknown), from the words
around it ("attaqué par X", "attack on X", "X ont ouvert le feu", "X ont été tués")."""

from __future__ import annotations

import re

_DET = (
    r"(?:the|des|les|la|le|l'|d'|de|du|un|une|a|an|deux|trois|several|plusieurs|some|many|their|its|leur|leurs"
    r"|ses|sa|son|\d+|suspected|presumed|presumes?|armed|armes|unidentified|non|identifies|elements?|members?"
    r"|membres?|fighters?|combattants?|hommes|men|individus|belonging to|linked to|affiliated (?:to|with)|loyal to"
    r"|appartenant a|lies? a|affilies? a|proches? d[eu']|issus d[eu'])"
)
_ART = r"(?:" + _DET + r"\s*){0,4}(?:[a-z-]{2,20}\s+)?(?:" + _DET + r"\s*){0,3}"

AGENT_BEFORE = re.compile(
    r"(?:\bby|\bpar|attributed to|blamed|blames|blaming|accuses|accusing|accusent|accusant"
    r"|accuse|a accuse|ont accuse|incrimine|attribue|pointed the finger at|attribuee?s? a(?:ux)?"
    r"|imputee?s? a(?:ux)?|imputent a(?:ux)?|attribuent a(?:ux)?|claimed by|revendiquee?s? par|blamed on"
    r"|de la part d[eu']|at the hands of|aux mains d[eu']|perpetree?s? par|menee?s? par|carried out by|led by"
    r"|(?:attaque|attack|assaut|offensive|incursion|embuscade|raid|massacre|operation|frappe)s?(?: [a-z]+)? (?:du"
    r"|des|de l'|d'|de)"
    r"|soupconnes? d'etre|suspected|presumed|presumes?|presumablement|allegedly)\s+" + _ART + r"$"
)
TARGET_BEFORE = re.compile(
    r"(?:against|contre|\bon|targeting|attacking|visant|ciblant|visai(?:t|ent)|ciblai(?:t|ent)|aimed at"
    r"|(?:attack|assault|raid|ambush)s? on"
    r"|embuscade (?:tendue )?(?:a|aux|au|contre)|ambushed|attacked|attaque|attaquee?s?|ont attaque|a attaque"
    r"|raided|stormed|targeted|cible|vise|pris pour cible|killing|tuant|killed|tue|ont tue|a tue|executed|execute"
    r"|executant|abattu|massacred|massacre|massacrant|kidnapping|kidnapped|enlevant|enleve|abducting|abducted"
    r"|neutralise|neutralised|neutralized|neutralisant|capturing|captured|capture|capturant|wounding|injuring"
    r"|blessant|hit|struck|frappe|bombarde|bombed|shelled|pilonne|repousse|repelled|pursued|poursuivi|traque"
    r"|chasse|disperse|dispersed|arreste|arrested|interpelle|detained|victims?|victimes?"
    r"|perte(?:s)? (?:dans les rangs)?"
    r"|losses among|the death of|la mort d[eu']|deces d[eu']|blow to|coup dur pour)\s+" + _ART + r"$"
)
ACTIVE_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,90},\s*)?(?:(?:and|et|,)\s+[\w' ()-]{2,60}?\s+)?(?:(?:ont|a|have|has|had|avaient|avait"
    r"|auraient|aurait|reportedly|allegedly|also|aussi"
    r"|then|ensuite|finally|en operation|en patrouille|en mission|on patrol|on|en|y)\s+)*"
    # how they came: "gunmen riding motorbikes stormed the post"
    r"(?:(?:on|in|aboard|a bord d[eu']|a|sur|en|riding)\s+(?:\w+\s+)?(?:motorcycles?|motorbikes?|motos?|pick-?ups?"
    r"|vehicles?|vehicules?|trucks?|camions?|boats?|pirogues?|horseback|chevaux)\s+)?"
    r"(?:attaque|attacked|attaquent|attaquant|attacking|tue|killed|killing|tuant"
    r"|ouvert le feu|opened fire|ouvrent le feu|tendu|ambushed|enleve|enlevant|abducted|kidnapped|kidnappe|launched"
    r"|lance|mene|carried out|stormed|raided|pris d'assaut|fait irruption|neutralise|neutralized|neutralised"
    r"|detruit|destroyed|incendie|burned|torched|seized|took|pris le controle|pris|s'en sont pris"
    r"|s'est empare|se sont empares|struck|hit|fired|tire|tirent|bombarde|bombed|shelled|executed|execute|abattu"
    r"|shot|massacred|massacre|egorge|took control|investi|encercle|surrounded|pille|looted|arrete|arrested"
    r"|interpelle|detained|apprehended|mene une|conducted|mounted|poursuivi|pursued|fait (?:\d+|plusieurs) (?:morts"
    r"|victimes)"
    r"|claimed|revendique|targeted|cible|vise|surgi|emerged|arrived|arrives|debarque|sont arrives|came|descended"
    r"|tuent|enlevent|abattent|executent|frappent|incendient|pillent|ciblent|visent|kill|kills"
    r"|s'est accrochee?|se sont accrochee?s|accroche|clashed|engaged|overpowered|overran|overwhelmed"
    r"|(?:a|ont) tente d'attaquer|tente d'attaquer|tried to attack|attempted to attack|ont tente|tried"
    r"|attempted)(?![\w])"
)
PASSIVE_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,40},\s*)?(?:(?:and|et|,)\s+[\w' ()-]{2,60}?\s+)?(?:ont ete|a ete|were|was|have been|has been"
    r"|had been|sont|est|avaient ete|avait ete"
    r"|se sont retrouves|got|fell|sont tombes|sont morts|died|perished|lost|ont perdu|ont peri|ont trouve)\s+"
    r"(?:\w+\s+)?(?:attaquee?s?|attacked|tuee?s?|killed|blessee?s?|wounded|injured|enlevee?s?|abducted|kidnappee?s?"
    r"|kidnapped|ciblee?s?|targeted|visee?s?|ambushed|pris(?:es)? (?:en embuscade|pour cible|en otages?|a partie)"
    r"|executee?s?|executed|massacree?s?|massacred|abattue?s?|shot|capturee?s?|captured|victimes?|victims?"
    r"|surpris|surprised|encercle|surrounded|their lives|la vie|la mort|dead|hit|touchee?s?|frappee?s?)"
)
PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:attaquee?s?|attacked|ciblee?s?|targeted|visee?s?|interceptee?s?|intercepted|ambushed|tuee?s?|killed"
    r"|morte?s?|dead|blessee?s?|wounded|injured|capturee?s?|captured|enlevee?s?|abducted"
    r"|kidnapped|kidnappee?s?|executee?s?|executed|massacree?s?|massacred|abattue?s?|neutralisee?s?|neutrali[sz]ed)"
    r"(?!\s+(?:\d|un |une |a |an |the |les |des |le |la |l'|several|plusieurs|at least|au moins|dozens|some))"
)


# a verb with an auxiliary, not a noun: "les FAMa ont attaqué des terroristes" (the terrorists are the target)
VERB_BEFORE = re.compile(
    r"\b(?:ont|a|avai(?:t|ent)|aurai(?:t|ent)|sont|est|qui|ils|elles|have|has|had)\s+(?:\w+\s+)?"
    r"(?:attaque|frappe|massacre|cible|vise|bombarde|pilonne|attacked|struck|targeted|bombed|shelled)"
    r"\s+(?!par\b|by\b)" + _ART + r"$"
)
# a bare passive participle closed by a preposition or punctuation: "30 terrorists killed in the strike",
# "militants neutralised during the operation" (an active verb has an object: "gunmen killed 12 villagers")
PASSIVE_PARTICIPLE = re.compile(
    r"^\s*(?:attacked|targeted|ambushed|killed|wounded|injured|captured|abducted|kidnapped|executed|massacred"
    r"|shot dead|neutrali[sz]ed|arrested|detained)\s*(?:[,.;:)]|$|(?:in|during|by|near|when|while|after|and"
    r"|following|inside|outside|as)\b)"
)
# the attack noun names its author when no determiner stands between: "attaque terroriste du JNIM",
# "frappes aériennes FAMa", "attaques jihadistes"
NOUN_BEFORE = re.compile(
    r"(?:^|\b(?:une?|les?|la|l'|des|d'une?|cette|ces|leurs?|ses|sa|son|of|the|by|after|in|par|apres|lors d[eu']"
    r"|dans|de|du|aux?|d'|nouvelles?|autres?)\s*(?:[a-z-]+\s+)?)"
    r"(?:(?:attaques?|assauts?|embuscades?|incursions?|offensives?|exactions|massacres?|represailles|operations?"
    r"|raids?(?: aeriens?)?|frappes?(?: aeriennes?| de drones?| par drones?)?|bombardements?(?: aeriens?)?"
    r"|attentats?)(?: (?:terroristes?|jihadistes?|djihadistes?|meurtrieres?|simultanees|coordonnees|complexes?"
    r"|sanglantes?|armees?))?(?: (?:du|de la|de l'|des|d'))?) $"
)
# ... and in English before it: "Boko Haram attacks", "a jihadist ambush", "JNIM's raid"
NOUN_AFTER = re.compile(
    r"^(?:'s|-linked|-led|-affiliated|-claimed)?\s+"
    r"(?:(?:suicide|bomb|gun|rocket|mortar|drone|deadly|twin|coordinated|simultaneous|complex)\s+)?"
    r"(?:attacks?|ambush(?:es)?|assaults?|raids?|offensive|incursions?|strikes?|airstrikes?|bombings?|massacres?)\b"
)
# who is accused: "the army and its Russian allies are accused", "les jihadistes sont soupçonnés"
BLAMED_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,60},\s*)?(?:(?:and|et)\s+[\w' ()-]{2,60}?\s+)?(?:were|was|are|is|have been|has been|had been"
    r"|ont ete|a ete|sont|est|seraient|serait)\s+(?:\w+\s+)?(?:blamed|accused|suspected|held responsible"
    r"|accusee?s?|soupconnee?s?|tenue?s? pour responsables?|pointee?s? du doigt|mise?s? en cause|incriminee?s?)\b"
)
# the attack fell on it: "la patrouille, escortée par des gendarmes, est tombée dans une embuscade", "came under
# fire"
HIT_AFTER = re.compile(
    r"^\s*(?:(?:convoy|convoi|patrol|patrouille|base|camp|post|poste|position|vehicle|vehicule)s?\s+)?"
    r"(?:(?:escortee?s?|escorted|accompagnee?s?|accompanied) (?:par|by) [\w' ()-]{2,40}?\s+)?"
    r"(?:(?:est|sont|a|ont|was|were|has|have|had)\s+)?(?:tombee?s? dans (?:une|l'|un guet-apens)|fell into an? ambush"
    r"|came under (?:heavy )?(?:fire|attack|gunfire)|essuye (?:des tirs|une attaque|des coups de feu))"
)
# the defenders who repelled an attack are its target: "une attaque ... a été repoussée par la milice"
DEFENDER_BEFORE = re.compile(
    r"(?:repoussee?s?|repelled|repulsed|mise?s? en deroute|fought off)(?:,? [^,.;]{0,40},?)? (?:par|by)\s+"
    r"[^,.;]{0,40}$"
)


# the subject of "repelled"/"repoussé" defended itself: it is the target of the attack
DEFENDER_AFTER = re.compile(
    r"^\s*(?:(?:and|et|,)\s+[\w' ()-]{2,80}?\s+)?(?:(?:ont|a|have|has|had|avaient|avait|also|aussi)\s+)*"
    r"(?:repousse|repelled|repulsed|fought off|foiled|dejoue|resiste|resisted|held off|riposte|responded)"
)


# who tells, not who takes part: "a affirmé le FLA", "according to the army", "the ministry said"
SOURCE_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*)?(?:(?:has|have|had|a|ont)\s+)?(?:said|says|told|announced|reported|stated"
    r"|indicated|affirme|indique|annonce|declare|precise|rapporte|dans un communique|in a statement|fait savoir"
    r"|a affirme|a indique|a annonce|a declare|a precise|a rapporte|ont affirme|ont indique|ont annonce"
    r"|blames|accuses|attributes|has blamed|have blamed|a accuse|ont accuse|a attribue|ont attribue|impute)\b"
)
SOURCE_BEFORE = re.compile(
    r"(?:selon|d'apres|according to|a affirme|a indique|a annonce|a declare|a precise|ont affirme|ont indique"
    r"|said|says|told|announced)\s+(?:le |la |les |l'|the |des |un |une )?$"
)
# support, not agency: "appuyées par des VDP", "backed by Russian mercenaries"
SUPPORT_BEFORE = re.compile(
    r"(?:appuyee?s?|soutenue?s?|accompagnee?s?|aidee?s?|escortee?s?|backed|supported|accompanied|escorted|aided"
    r"|assisted)\s+(?:par|by)\s+"
    + _ART
    + r"$|(?:avec l'appui d[eu']|with the support of|alongside|aux cotes d[eu'])\s+"
    + _ART
    + r"$"
)


# an acronym or gloss in brackets right after the name: "le Front de libération de l'Azawad (FLA) a attaqué"
_ACRONYM = re.compile(r"^\s*\([^()]{1,40}\)")


def role_of(folded: str, start: int, end: int, lo: int, hi: int, victim_like: bool = False) -> str:
    """'attacker', 'target' or 'other' for the actor mention folded[start:end] in the sentence folded[lo:hi].

    `victim_like` (soldiers, civilians): a bare participle after them ("Malian soldiers killed") is passive."""
    pre = re.sub(r"\s+", " ", folded[max(lo, start - 60) : start])
    post = _ACRONYM.sub("", folded[end : min(hi, end + 80)], count=1)
    if SUPPORT_BEFORE.search(pre):
        return "other"
    if SOURCE_AFTER.match(post):
        return "source"
    if SOURCE_BEFORE.search(pre):
        # "said the army hit X": the subject of the reported clause acts; "said the army." only tells
        if PASSIVE_AFTER.match(post) or HIT_AFTER.match(post):
            return "target"
        if ACTIVE_AFTER.match(post) and not PASSIVE_PARTICIPLE.match(post):
            return "attacker"
        return "source"
    if DEFENDER_BEFORE.search(pre):
        return "target"
    if VERB_BEFORE.search(pre):
        return "target"
    if NOUN_BEFORE.search(pre) and not victim_like:
        return "attacker"
    if AGENT_BEFORE.search(pre):
        return "attacker"
    if BLAMED_AFTER.match(post):
        return "attacker"
    if DEFENDER_AFTER.match(post):
        return "target"
    if PASSIVE_AFTER.match(post) or HIT_AFTER.match(post):
        return "target"
    if not victim_like and NOUN_AFTER.match(post):
        return "attacker"
    if TARGET_BEFORE.search(pre):
        return "target"
    if victim_like and PARTICIPLE_AFTER.match(post):
        return "target"
    if PASSIVE_PARTICIPLE.match(post):
        return "target"
    if ACTIVE_AFTER.match(post):
        return "attacker"
    if PARTICIPLE_AFTER.match(post):
        return "target"
    return "other"
