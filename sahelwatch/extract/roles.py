"""Who did what to whom: an actor mention's role in its sentence (attacker, target or unknown), from the words
around it ("attaqué par X", "attack on X", "X ont ouvert le feu", "X ont été tués")."""

from __future__ import annotations

import re

_DET = (r"(?:the|des|les|la|le|l'|d'|de|du|un|une|a|an|deux|trois|several|plusieurs|some|many|their|its|leur|leurs"
        r"|ses|sa|son|\d+|suspected|presumed|presumes?|armed|armes|unidentified|non|identifies|elements?|members?"
        r"|membres?|fighters?|combattants?|hommes|men|individus)")
_ART = r"(?:" + _DET + r"\s*){0,4}(?:[a-z-]{2,20}\s+)?(?:" + _DET + r"\s*){0,3}"

AGENT_BEFORE = re.compile(
    r"(?:\bby|\bpar|attributed to|blamed|accused|accuse|a accuse|ont accuse|incrimine|attribue|pointed the finger at|attribuee?s? a(?:ux)?|imputee?s? a(?:ux)?|claimed by|revendiquee?s? par|blamed on"
    r"|de la part d[eu']|at the hands of|aux mains d[eu']|perpetree?s? par|menee?s? par|carried out by|led by"
    r"|(?:attaque|attack|assaut|offensive|incursion|embuscade|raid|massacre|operation|frappe)s?(?: [a-z]+)? (?:du|des|de l'|d'|de)"
    r"|soupconnes? d'etre|suspected|presumed|presumes?|presumablement|allegedly)\s+" + _ART + r"$")
TARGET_BEFORE = re.compile(
    r"(?:against|contre|\bon|targeting|visant|ciblant|aimed at|(?:attack|assault|raid|ambush)s? on"
    r"|embuscade (?:tendue )?(?:a|aux|au|contre)|ambushed|attacked|attaque|attaquee?s?|ont attaque|a attaque"
    r"|raided|stormed|targeted|cible|vise|pris pour cible|killing|tuant|killed|tue|ont tue|a tue|executed|execute"
    r"|executant|abattu|massacred|massacre|massacrant|kidnapping|kidnapped|enlevant|enleve|abducting|abducted"
    r"|neutralise|neutralised|neutralized|neutralisant|capturing|captured|capture|capturant|wounding|injuring"
    r"|blessant|hit|struck|frappe|bombarde|bombed|shelled|pilonne|repousse|repelled|pursued|poursuivi|traque"
    r"|chasse|disperse|dispersed|arreste|arrested|interpelle|detained|victims?|victimes?|perte(?:s)? (?:dans les rangs)?"
    r"|losses among|the death of|la mort d[eu']|deces d[eu']|blow to|coup dur pour)\s+" + _ART + r"$")
ACTIVE_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,90},\s*)?(?:(?:and|et|,)\s+[\w' ()-]{2,60}?\s+)?(?:(?:ont|a|have|has|had|avaient|avait|auraient|aurait|reportedly|allegedly|also|aussi"
    r"|then|ensuite|finally|on|en|y)\s+)*(?:attaque|attacked|attaquent|attaquant|attacking|tue|killed|killing|tuant"
    r"|ouvert le feu|opened fire|ouvrent le feu|tendu|ambushed|enleve|enlevant|abducted|kidnapped|kidnappe|launched"
    r"|lance|mene|carried out|stormed|raided|pris d'assaut|fait irruption|neutralise|neutralized|neutralised"
    r"|detruit|destroyed|incendie|burned|torched|seized|took|pris le controle|pris|s'en sont pris"
    r"|s'est empare|se sont empares|struck|hit|fired|tire|tirent|bombarde|bombed|shelled|executed|execute|abattu"
    r"|shot|massacred|massacre|egorge|took control|investi|encercle|surrounded|pille|looted|arrete|arrested"
    r"|interpelle|detained|apprehended|mene une|conducted|mounted|poursuivi|pursued|fait (?:\d+|plusieurs) (?:morts|victimes)"
    r"|claimed|revendique|targeted|cible|vise|surgi|emerged|arrived|arrives|debarque|sont arrives|came|descended)")
PASSIVE_AFTER = re.compile(
    r"^\s*(?:,[^,]{0,40},\s*)?(?:(?:and|et|,)\s+[\w' ()-]{2,60}?\s+)?(?:ont ete|a ete|were|was|have been|has been|had been|sont|est|avaient ete|avait ete"
    r"|se sont retrouves|got|fell|sont tombes|sont morts|died|perished|lost|ont perdu|ont peri|ont trouve)\s+"
    r"(?:\w+\s+)?(?:attaquee?s?|attacked|tuee?s?|killed|blessee?s?|wounded|injured|enlevee?s?|abducted|kidnappee?s?"
    r"|kidnapped|ciblee?s?|targeted|visee?s?|ambushed|pris(?:es)? (?:en embuscade|pour cible|en otages?|a partie)"
    r"|executee?s?|executed|massacree?s?|massacred|abattue?s?|shot|capturee?s?|captured|victimes?|victims?"
    r"|surpris|surprised|encercle|surrounded|their lives|la vie|la mort|dead|hit|touchee?s?|frappee?s?)")
PARTICIPLE_AFTER = re.compile(
    r"^\s*(?:attaquee?s?|attacked|ciblee?s?|targeted|visee?s?|interceptee?s?|intercepted|ambushed|tuee?s?|killed|morte?s?|dead|blessee?s?|wounded|injured|capturee?s?|captured|enlevee?s?|abducted"
    r"|kidnapped|kidnappee?s?|executee?s?|executed|massacree?s?|massacred|abattue?s?|neutralisee?s?|neutrali[sz]ed)"
    r"(?!\s+(?:\d|un |une |a |an |the |les |des |le |la |l'|several|plusieurs|at least|au moins|dozens|some))")


# the subject of "repelled"/"repoussé" defended itself: it is the target of the attack
DEFENDER_AFTER = re.compile(
    r"^\s*(?:(?:and|et|,)\s+[\w' ()-]{2,80}?\s+)?(?:(?:ont|a|have|has|had|avaient|avait|also|aussi)\s+)*"
    r"(?:repousse|repelled|repulsed|fought off|foiled|dejoue|resiste|resisted|held off|riposte|responded)")


# who tells, not who takes part: "a affirmé le FLA", "according to the army", "the ministry said"
SOURCE_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*)?(?:(?:has|have|had|a|ont)\s+)?(?:said|says|told|announced|reported|stated"
    r"|indicated|affirme|indique|annonce|declare|precise|rapporte|dans un communique|in a statement|fait savoir"
    r"|a affirme|a indique|a annonce|a declare|a precise|a rapporte|ont affirme|ont indique|ont annonce)\b")
SOURCE_BEFORE = re.compile(
    r"(?:selon|d'apres|according to|a affirme|a indique|a annonce|a declare|a precise|ont affirme|ont indique"
    r"|said|says|told|announced)\s+(?:le |la |les |l'|the |des |un |une )?$")
# support, not agency: "appuyées par des VDP", "backed by Russian mercenaries"
SUPPORT_BEFORE = re.compile(
    r"(?:appuyee?s?|soutenue?s?|accompagnee?s?|aidee?s?|escortee?s?|backed|supported|accompanied|escorted|aided"
    r"|assisted)\s+(?:par|by)\s+" + _ART + r"$|(?:avec l'appui d[eu']|with the support of|alongside|aux cotes d[eu'])\s+"
    + _ART + r"$")


def role_of(folded: str, start: int, end: int, lo: int, hi: int, victim_like: bool = False) -> str:
    """'attacker', 'target' or 'other' for the actor mention folded[start:end] in the sentence folded[lo:hi].

    `victim_like` (soldiers, civilians): a bare participle after them ("Malian soldiers killed") is passive."""
    pre = re.sub(r"\s+", " ", folded[max(lo, start - 60):start])
    post = folded[end:min(hi, end + 80)]
    if SUPPORT_BEFORE.search(pre):
        return "other"
    if SOURCE_BEFORE.search(pre) or SOURCE_AFTER.match(post):
        return "source"
    if AGENT_BEFORE.search(pre):
        return "attacker"
    if DEFENDER_AFTER.match(post):
        return "target"
    if PASSIVE_AFTER.match(post):
        return "target"
    if TARGET_BEFORE.search(pre):
        return "target"
    if victim_like and PARTICIPLE_AFTER.match(post):
        return "target"
    if ACTIVE_AFTER.match(post):
        return "attacker"
    if PARTICIPLE_AFTER.match(post):
        return "target"
    return "other"
