"""Informational answers (no computation): stage practicalities, checking the balance,
suspension, zero points. Each text follows the spec (rule in brackets) and cites its
article. They are also used inside a form, when the user asks a side question."""
from __future__ import annotations

import re
from datetime import date
from typing import Callable, Dict, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import rules_core
from actions import follow_ups
from actions.follow_ups import INSTALMENTS_NAMED, answer_in_context
from actions.slot_values import InvalidAnswer, PartialDate, nearest_stage_day
from actions.retrait_timing import retrait_decision
from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.dates import add
from rules_core.wording_fr import points_fr, render, render_error

HOW_TO_CHECK_BALANCE = (
    "Pour connaître votre solde officiel, connectez-vous gratuitement au téléservice « Mes Points Permis » "
    "du ministère de l'Intérieur (avec FranceConnect), qui a remplacé Télépoints en novembre 2023. "
    "Sans internet, vous pouvez demander votre relevé d'information intégral à la préfecture, en général par "
    "courrier (article L.225-3 du Code de la route). Le solde affiché peut avoir quelques "
    "semaines de retard sur une infraction récente ou un stage."
)

# "Je ne sais pas" to a form's question: where the fact can be found, then the question again.
# (The balance has its own answer: a conditional result, see validate_current_balance.)
# The rule in brief, said when a question arrives without any fact of the user's ("en combien de temps on
# récupère un point ?", "combien de temps dure le permis probatoire ?"): it answers a general question at
# once, and the form then asks for the facts that give the user's own dates.
RULE_IN_BRIEF = {
    "auto_recovery_form": (
        "En bref : sans nouvelle infraction, le point retiré pour une infraction à 1 point revient 6 mois après "
        "le paiement de l'amende ; tous les points reviennent 2 ans après le dernier paiement, 3 ans si l'une des "
        "infractions est de 4e ou 5e classe ou un délit ; et chaque retrait pour une contravention des 4 premières "
        "classes revient au plus tard 10 ans après (article L.223-6 du Code de la route). Pour calculer vos "
        "dates :"),
    "probation_form": (
        "En bref : le permis probatoire démarre à 6 points et dure 3 ans (2 ans après la conduite accompagnée) ; "
        "chaque année sans infraction ajoute 2 points (3 avec la conduite accompagnée), jusqu'à 12. La formation "
        "complémentaire le raccourcit (2 ans, ou 18 mois avec la conduite accompagnée). Une infraction arrête ces "
        "gains sans prolonger la période (article L.223-1 du Code de la route). Pour calculer votre solde :"),
    # the same form, opened by a question about the « A » sign ("jusqu'à quand le macaron A ?")
    "probation_form/a_sign": (
        "En bref : le disque « A » se colle à l'arrière du véhicule pendant toute la période probatoire : 3 ans, "
        "2 ans après la conduite accompagnée, moins avec la formation complémentaire (2 ans, ou 18 mois avec la "
        "conduite accompagnée) (service-public.fr, fiche F2390). Pour calculer la date de fin de la vôtre :"),
    "mandatory_stage_form": (
        "En bref : en période probatoire, une infraction qui retire 3 points ou plus entraîne une lettre 48N ; le "
        "stage est alors obligatoire dans les 4 mois qui suivent sa réception (article R.223-4 du Code de la "
        "route). Pour calculer votre date limite :"),
    "refund_48n_form": (
        "En bref : le stage obligatoire fait dans les 4 mois après la réception de la lettre 48N donne droit au "
        "remboursement de l'amende forfaitaire de l'infraction (article R.223-4 du Code de la route). Pour "
        "vérifier votre cas :"),
    "stage_eligibility_form": (
        "En bref : un stage volontaire rend jusqu'à 4 points, sans dépasser votre plafond, et un seul stage par "
        "an peut en rendre (article L.223-6 du Code de la route). Pour vérifier votre cas :"),
    "points_after_stage_form": (
        "En bref : un stage rend jusqu'à 4 points le lendemain de son 2e jour, sans dépasser votre plafond, et un "
        "seul stage par an peut en rendre (articles L.223-6 et R.223-8 du Code de la route). Pour calculer votre "
        "solde :"),
}

# "la 48N c'est pour qui ?", no letter received told: who gets it, what it asks (R15, R16, R19)
LETTER_48N_IN_GENERAL = (
    "La lettre 48N est envoyée en recommandé avec avis de réception au conducteur en période probatoire qui commet une "
    "infraction retirant à elle seule 3 points ou plus : il doit alors suivre un stage dans les 4 mois qui suivent sa "
    "réception (article R.223-4 du Code de la route).\n"
    "- Fait dans ce délai, le stage rend jusqu'à 4 points et l'amende de l'infraction est remboursée (article L.223-6 "
    "du Code de la route).\n"
    "- Si vous en recevez une, dites-moi le jour de sa réception : je calculerai votre date limite.")

WHERE_TO_FIND_FACT = {
    "licence_date": "La date figure sur votre permis, en face de la catégorie B (rubrique 10 du permis au "
                    "format carte). Une date approximative me suffit pour commencer : « mars 2024 » ou « en 2024 ».",
    "supervised_driving": "La conduite accompagnée (apprentissage anticipé de la conduite, AAC) se fait avant le "
                          "permis, dès 15 ans, avec un accompagnateur. Si vous n'en êtes pas sûr, répondez « non » : "
                          "c'est le cas le plus prudent.",
    "complementary_training": "La formation complémentaire est une formation facultative de 7 heures, suivie entre "
                              "le 6e et le 12e mois du permis ; une attestation vous a été remise à la fin. Si vous "
                              "n'en êtes pas sûr, répondez « non » : c'est le cas le plus prudent.",
    "training_date": "La date figure sur l'attestation remise à la fin de la formation ; le mois me suffit.",
    "stage_first_day": "La date figure sur votre convocation au stage. Si le stage n'est pas encore réservé, "
                       "indiquez la date envisagée.",
    "previous_stage_date": "La date figure sur l'attestation de votre dernier stage. Si vous n'avez jamais fait "
                           "de stage de récupération de points, répondez « aucun ».",
    "letter_48n_date": "C'est le jour où le courrier recommandé vous a été remis : il figure sur l'avis de "
                       "réception, ou dans le suivi en ligne de La Poste avec le numéro du recommandé.",
    "fine_payment_date": "Elle figure sur votre relevé bancaire ou sur la confirmation de paiement de l'amende. "
                         "Pour une condamnation, c'est la date à laquelle le jugement est devenu définitif.",
    "probation_offence": "Les retraits de points figurent sur le téléservice « Mes Points Permis » et sur votre "
                         "relevé d'information intégral (à demander en préfecture) ; chaque retrait a aussi fait "
                         "l'objet d'une lettre 48.",
    "offence_date": "La date de l'infraction figure sur l'avis de contravention ; le mois me suffit pour commencer.",
    "last_offence_points": "Le nombre de points retirés figure sur la lettre 48 reçue après l'infraction, et "
                           "sur le téléservice « Mes Points Permis ».",
    "offence_class": "Le montant de l'amende forfaitaire figure sur l'avis de contravention. Vous pouvez aussi "
                     "me dire l'infraction (téléphone, feu rouge, ceinture…) : j'en déduirai la classe.",
    "offence_type": "La nature de l'infraction figure sur l'avis de contravention.",
    "speed_limit": "C'est la vitesse du panneau, indiquée aussi sur l'avis de contravention. À défaut : "
                   "50 km/h en ville, 80 ou 90 km/h sur route, 110 km/h sur voie express, 130 km/h sur autoroute.",
    "speed_excess": "L'avis de contravention indique la vitesse retenue et la vitesse autorisée : donnez-moi les "
                    "deux, par exemple « 135 au lieu de 110 ».",
    "letter_code": "Le code figure en haut du courrier, près de la référence : 48, 48M, 48N, 48SI, ou 46, 46B, 46D "
                   "et 47 pour des points rendus.",
}

# the price of a stage, free (R11: each centre sets it); its usual range as the spec's source 003 gives it, said as an
# indication only ("combien environ ?", T49 c04 got no figure)
STAGE_PRICE_RANGE = "à titre indicatif, généralement entre 180 € et 330 € selon le lieu et la date"

STAGE_INFO = (
    "Le stage de sensibilisation à la sécurité routière dure 2 jours consécutifs (2 × 7 heures), en salle : "
    "il ne peut pas se faire en ligne. Il faut être présent du début à la fin, sinon pas d'attestation ni de "
    "points (articles R.223-5 et R.223-8 du Code de la route).\n"
    "- Il rend jusqu'à 4 points, dans la limite de votre plafond, le lendemain du 2e jour ; un seul stage "
    "par an rend des points (article L.223-6).\n"
    "- Le prix est fixé librement par chaque centre agréé (" + STAGE_PRICE_RANGE + ") : comparez les offres. Vous "
    "pouvez le faire dans "
    "n'importe quel département.\n"
    "- Apportez votre permis de conduire et une pièce d'identité, et la lettre 48N s'il s'agit du stage "
    "obligatoire.\n"
    "- Annulation ou report : ce sont les conditions du centre qui s'appliquent ; lisez-les avant de payer."
)

# "c'est quoi la différence entre stage volontaire et obligatoire ?", "explique moi l'obligatoire", "le stage
# obligatoire c'est quoi ?", "volontaire ou obligatoire, ça change quoi ?" (folded text): the two stages that give
# points, told apart (R11 cas 1 and 2, R15, R16); a question of the user's own, answered even while a form waits
STAGE_KINDS_ASKED = re.compile(
    r"^(?=.*\b(?:obligatoire|volontaire)s?\b)"
    r"(?=.*(?:\bdiff\w*|\bc'?\s?est\s+(?:quoi|koi)\b|\bc\s+(?:quoi|koi)\b|\bqu'?\s?est[- ]?ce\s+(?:que|qu)"
    r"|\bexpliqu\w*|\bveut dire\b|\bca change quoi\b|\bla meme chose\b|\bpareil\b|\bdistingu\w*))")
STAGE_KINDS = (
    "Deux stages rendent des points, et c'est le même stage de 2 jours : ce qui change, c'est pourquoi vous le "
    "faites (article L.223-6 du Code de la route).\n"
    "- Le stage volontaire (cas 1) : vous le faites quand vous le décidez, dès que vous avez perdu des points, "
    "permis probatoire ou non. Il rend jusqu'à 4 points sans dépasser votre plafond ; l'amende reste due.\n"
    "- Le stage obligatoire (cas 2) : en période probatoire, une infraction qui retire 3 points ou plus entraîne "
    "une lettre 48N, envoyée en recommandé ; le stage doit alors être terminé dans les 4 mois qui suivent sa "
    "réception (article R.223-4 du Code de la route). Il rend lui aussi jusqu'à 4 points, et l'amende de "
    "l'infraction vous est remboursée s'il est fait dans ce délai. Sans lui : une amende de 135 € et une suspension "
    "du permis possible jusqu'à 3 ans.\n"
    "- Un seul stage par an rend des points. Le stage proposé par le procureur ou imposé par un juge (cas 3 et 4) "
    "n'en rend pas.")


# A day of the stage missed, even for an illness: no attestation, no points, the whole stage to do again (R11:
# R.223-5, R.223-8 I); a stage that gave no point does not start the year's clock (R13 [S/U]); a 48N's 4 months run on
# (R15)
STAGE_ABSENCE_ASKED = re.compile(
    r"\bmalad\w*|\bsouffrant|\bhospitalis\w*|\bfievre\b|\bgrippe\b|\bcovid\b|\bfamille\b[^?]{0,20}\b(?:deces|urgence)"
    r"|\bdeces\b|\babsen\w*|\brate\w*\b|\bloupe\w*|\bmanqu\w* (?:un |une |le |la |l'|des |)(?:jour|journee|demi|matin|apres-midi)"
    r"|\bpas (?:pu )?(?:venir|aller|y aller|revenir|y retourner)\b|demi-journee"
    r"|\b(?:2e|2eme|2nd|deuxieme|second|seconde|dernier|derniere) (?:jour|journee)\b|\b(?:qu'?\s?|un seul |une seule )(?:un|une)?"
    r"\s?(?:jour|journee)\b|\babandon\w*|\bpartir (?:au milieu|en cours)")
# a booking not attended, or its money asked back: "je ne peux plus y aller", "je récupère mon argent ?", "je perds ce
# que j'ai payé ?" (T9 c31)
STAGE_NOT_ATTENDED_ASKED = re.compile(
    r"annul|report|changer (?:de|la) date|empech|desist|\bdecommand|\brembours\w*|\bmon argent\b"
    r"|\bperd\w* (?:ce que j'\s?ai|mon|l'argent|les) ?pay\w*"
    r"|\b(?:peux|peut|pourrai\w*|pourra|pourrons|pourrez)\s+(?:pas|plus)\s+(?:y\s+)?(?:aller|venir|me rendre"
    r"|m'\s?y rendre|y participer)\b")
# a day (or part) of the stage named: the stage missed in part
_STAGE_DAY_NAMED = re.compile(
    r"\b(?:1er|premier|premiere|2e|2eme|2nd|deuxieme|second|seconde|dernier|derniere) (?:jour|journee)\b|demi-journee"
    r"|\brate\w*\b|\bloupe\w*|\babandon\w*|\bpartir (?:au milieu|en cours)|\ben cours de stage\b"
    # "et si je tombe malade le 11, je peux finir le stage un autre jour ?" (T52 c29): the rest of it on another day
    r"|\b(?:finir|terminer|faire|rattraper|continuer)\b[^?.!]{0,25}\bun autre jour\b")
STAGE_ABSENCE = (
    "Si vous manquez tout ou partie du stage, même le 2e jour et même pour une maladie, il n'est pas validé : pas "
    "d'attestation, donc pas de points, et il faut refaire un stage complet, les 2 jours (articles R.223-5 et "
    "R.223-8 du Code de la route). Prévenez le centre au plus tôt : certains vous réinscrivent sur une autre "
    "session, selon leurs conditions. Un stage qui n'a rendu aucun point ne compte pas, en principe, dans la "
    "limite d'un stage par an (article L.223-6 ; à vérifier auprès du centre). Pour le stage obligatoire d'une "
    "lettre 48N, le délai de 4 mois continue de courir : le stage complet doit être terminé avant sa fin "
    "(article R.223-4).")

# a booking made: "g réservé", "je suis inscrite", "réservé pour le 12"
_BOOKING_TOLD = re.compile(r"\b(?:reservee?s?|inscrite?s?|bookee?)\b")
_REGISTRATION_ASKED = re.compile(r"(?<!ai )(?<!\bg )(?<!suis )(?<!deja )(?<!ete )(?:inscri|reserv)|\bbook")

# One practical question about the stage ("c'est combien ?", "en ligne ?", "je prends quoi ?") gets the
# part of STAGE_INFO that answers it, not the whole card again. Patterns read the folded message
# (lower case, no accents). Several parts asked, or none recognised: the whole card.
# "on peut le payer en plusieurs fois ?", "paiement en 3 fois possible ?" (folded; T62 c22 got the price twice, then a
# request to rephrase): the centre's terms; the Code says nothing of it
ASKS_INSTALMENTS = re.compile(INSTALMENTS_NAMED + r"|\b\d+ ?x\b|facilites? de paiement")
STAGE_INSTALMENTS = (
    "Le prix est fixé librement par chaque centre agréé (" + STAGE_PRICE_RANGE + "), comme ses modalités de "
    "paiement : le Code de la route ne dit rien d'un paiement en plusieurs fois, c'est le centre qui décide s'il "
    "l'accepte ; demandez-le-lui avant de réserver.")


STAGE_INFO_PARTS = (
    (re.compile(r"\ben ligne\b|distance|visio|internet|a la maison|depuis (?:la maison|chez)|"
                r"(?:faire|suivre|passer)\b[^.?!]{0,15}de chez (?:moi|soi)|"
                r"en vrai|presentiel|en salle"),
     "Non, le stage ne se fait pas en ligne : il a lieu en salle, dans un centre agréé, sur 2 jours consécutifs "
     "(article R.223-5 du Code de la route)."),
    (re.compile(r"\bprix\b|\bcout|\bcoute|tarif|\bcher\b|combien (?:ca|ça|pour|il faut|je (?:vais )?pay)|"
                r"\bpayer\b|combien pr\b|c'?est combien(?! (?:de |d')(?:jours|temps|heures))|combien (?:un|le) stage|"
                r"\beuros?\b|€|\bballes?\b|\bbiftons?\b|\d\s?(?:e|eur|eu)\b(?!\s*(?:jour|journee|classe|mois|semaine|fois))|\bcpf\b|compte formation|financ"),
     "Le prix est fixé librement par chaque centre agréé (" + STAGE_PRICE_RANGE + ") : comparez les offres. Le "
     "stage obligatoire après une "
     "lettre 48N coûte le même prix ; c'est l'amende de l'infraction qui vous est alors remboursée (article "
     "R.223-4 du Code de la route)."),
    (ASKS_INSTALMENTS, STAGE_INSTALMENTS),
    (re.compile(r"combien de (?:temps|jours|heures)|\bduree?\b|\bdure\b|heures?\b|horaires?|\b\d+h|arriv|retard|"
                r"partir (?:plus tot|avant)"),
     "Le stage dure 2 jours consécutifs, 7 heures par jour. Il faut être présent du début à la fin : après un "
     "retard ou une absence, même d'une demi-journée, pas d'attestation et pas de points (articles R.223-5 et "
     "R.223-8 du Code de la route)."),
    # "et si je tombe malade le 2e jour ?", "si je rate le deuxième jour ?", "je peux ne faire qu'un jour ?" (T8 c36)
    (STAGE_ABSENCE_ASKED, STAGE_ABSENCE),
    (re.compile(r"apport|\b(?:a|e|ra)m+ener|prendre avec|\bje prends quoi|papiers?\b|documents?|pieces?\b|justificatif|"
                r"\bcopie\b|original|recepisse|montrer|prendre (?:son|mon|le) permis"),
     "Apportez votre permis de conduire et une pièce d'identité, et la lettre 48N s'il s'agit du stage "
     "obligatoire. Le centre précise sur la convocation ce qu'il demande d'autre."),
    # (and a stage booked the user cannot attend: "j'ai réservé pour le 17 mais je ne peux plus y aller", T9 c31)
    (STAGE_NOT_ATTENDED_ASKED,
     "Annulation ou report : le remboursement ou le report dépend des conditions générales de vente du centre "
     "(délai pour prévenir, frais éventuels) ; relisez-les et prévenez le centre au plus vite, par écrit. Un stage "
     "annulé ne vous fait perdre aucun point : il ne vous en rend simplement pas. S'il s'agit du stage obligatoire "
     "après une lettre 48N, un autre stage doit être terminé dans les 4 mois qui suivent sa réception (article "
     "R.223-4 du Code de la route)."),
    (re.compile(r"\bou (?:faire|trouver|passer|ca se)|departement|\bville\b|pres de (?:chez|moi)|adresse|"
                r"\bvers\b|\b(?:sur|a) (?:paris|lyon|marseille|bordeaux|lille|nantes|toulouse)|belgique|etranger|"
                r"\btrouver\b|liste des (?:centres|stages)|centres? agree?s?|\bya des stages|\bi?l y a des stages"),
     "Vous pouvez faire le stage dans n'importe quel centre agréé par une préfecture, dans le département de "
     "votre choix (en France) ; les dates et les adresses sont sur les sites des centres. Vérifiez le numéro "
     "d'agrément préfectoral du centre avant de payer."),
    # (not one already made: "j'ai réservé un stage", "g réservé", "je suis inscrit au stage du 17")
    (_REGISTRATION_ASKED,
     "Inscrivez-vous directement auprès d'un centre agréé par une préfecture, sur son site ou par téléphone : "
     "il vous envoie une convocation. Pour le stage obligatoire, joignez la lettre 48N ; un stage ne rend des "
     "points que si vous n'en avez pas fait un depuis un an (article L.223-6 du Code de la route)."),
    (re.compile(r"contenu|programme|examen|\btest\b|\bnote\b|se passe|deroul|psycholog|qu'est-ce qu'on fait|"
                r"on y fait"),
     "Le stage est animé par un expert en sécurité routière (BAFM) et un psychologue : échanges en groupe sur "
     "les risques de la conduite, sans examen ni note. Seule la présence complète compte (article R.223-8 du "
     "Code de la route)."),
)


# "je parle d'annuler, pas de m'inscrire": the part the message sets aside is not asked (T9 c31)
# (after a comma, "et" or "mais" only: "on peut pas le reporter ?" asks it)
_SET_ASIDE = re.compile(r"(?:[,;]|\bet|\bmais)\s*(?:pas|non|plutot que|au lieu)\s+(?:(?:de|du|des|pour|sur)\s+|d'\s?)?"
                        r"(?:l'\s?|la\s+|le\s+|les\s+|m'\s?|me\s+|s'\s?|se\s+)?\w+")


def card_part(message: str, parts: tuple, card: str, card_given: bool = False) -> str:
    """The one part of a card that answers this message; the whole card when several or none do. Once the card was
    given (`card_given`), a message asking several of its parts gets those parts, each in turn ("ok mais en gros
    c'est 200 balles ? et on peut le faire en visio ?" after the card: the price and the place, T9 c15 lost the
    price), not the card again. A part the message sets aside is not asked ("je parle d'annuler, pas de m'inscrire")."""
    folded = _SET_ASIDE.sub(" ", fold(message or ""))
    found = [text for pattern, text in parts if pattern.search(folded)]
    if len(found) > 1 and card_given:
        # (in the order the message asks them)
        asked = sorted((pattern.search(folded).start(), text) for pattern, text in parts if pattern.search(folded))
        return "\n".join([asked[0][1], *(f"- {text}" for _, text in asked[1:])])
    return found[0] if len(found) == 1 else card


# "les 2 jours du stage doivent être consécutifs ?", "on peut le faire sur deux week-ends ?", "un samedi et le samedi
# d'après ?" (T6 n034): the two days follow each other (R11, R.223-5). Asked that way, it answers the duration too.
_ASKS_CONSECUTIVE_DAYS = re.compile(
    r"consecuti|d'affilee|a la suite\b(?! d)|\bd'une traite\b|\bjours? separe|\ben deux fois\b|"
    r"\b(?:deux|2|plusieurs) (?:week-?ends?|samedis|dimanches|semaines)\b|\b(?:samedi|dimanche|lundi|vendredi)\b"
    r"[^?]{0,40}\b(?:d'apres|suivant|prochain)\b|\bjours? (?:differents|espaces|separes|non consecutifs)\b"
    r"|\bpas (?:forcement )?(?:a la suite|d'affilee|consecutifs?)\b|\bsepar\w*\b[^?]{0,20}\b(?:jours|journees)\b"
    r"|\bun jour\b[^?]{0,40}\bl'autre\b|\bse suivre\b")
# "le stage le samedi dimanche ça existe ?", "on peut le faire un week-end ?", "je travaille la semaine, le week-end ?" (folded): a
# stage held on a Saturday and the Sunday after (two consecutive days, R11: R.223-5); not two week-ends (above)
_ASKS_WEEKEND = re.compile(r"\bweek-?\s?ends?\b|\bwe\b|\bsamedi\b[^?.!]{0,12}\bdimanche\b"
                           r"|\b(?:le|les|un|des) (?:samedis?|dimanches?)\b")
STAGE_ON_A_WEEKEND = (
    "Oui, c'est possible : un samedi et le dimanche qui suit sont 2 jours consécutifs, comme le stage l'exige "
    "(2 × 7 heures, article R.223-5 du Code de la route). Des centres agréés proposent des sessions le week-end ; "
    "les dates dépendent de chaque centre, consultez leurs calendriers.")
STAGE_CONSECUTIVE_DAYS = (
    "Oui : le stage se fait sur 2 jours consécutifs, 7 heures par jour ; les deux jours ne peuvent pas être "
    "séparés (sur deux week-ends, par exemple). Il faut être présent du début à la fin des deux jours, sinon pas "
    "d'attestation ni de points (articles R.223-5 et R.223-8 du Code de la route).")


def stage_info_for(message: str, card_given: bool = False) -> str:
    """The part of the stage card that answers this message, or the whole card (see `card_part`)."""
    folded = fold(message or "")
    if ASKS_INSTALMENTS.search(folded):
        return STAGE_INSTALMENTS  # (its words name the price too: "le payer en plusieurs fois ?")
    if _ASKS_CONSECUTIVE_DAYS.search(folded):
        return STAGE_CONSECUTIVE_DAYS
    if _ASKS_WEEKEND.search(folded) and not (_BOOKING_TOLD.search(folded) or STAGE_NOT_ATTENDED_ASKED.search(folded)
                                             or STAGE_ABSENCE_ASKED.search(folded)):
        # "et le stage le samedi dimanche ça existe ?" (T49 c04: the card again, "je n'ai pas d'autre réponse"), with
        # the other parts the message asks ("on peut le faire un week-end ? c'est combien ?")
        folded_asked = _SET_ASIDE.sub(" ", folded)
        others = sorted((pattern.search(folded_asked).start(), text) for pattern, text in STAGE_INFO_PARTS
                        if pattern.search(folded_asked))
        return "\n".join([STAGE_ON_A_WEEKEND, *(f"- {text}" for _, text in others)])
    if STAGE_ABSENCE_ASKED.search(folded) and STAGE_NOT_ATTENDED_ASKED.search(folded):
        # ill, and asking for the money back: a day of the stage named is a stage missed in part (R11: all again),
        # none a booking not attended, the centre's terms (T8 c36, T9 c31); with the other parts asked alongside
        # ("combien coûte un stage et comment annuler si je peux pas venir": the price too, T23 c24)
        missed = STAGE_ABSENCE if _STAGE_DAY_NAMED.search(folded) else next(
            text for pattern, text in STAGE_INFO_PARTS if pattern is STAGE_NOT_ATTENDED_ASKED)
        return _with_the_other_parts_asked(message, missed)
    if STAGE_NOT_ATTENDED_ASKED.search(folded) and _BOOKING_TOLD.search(folded):
        # "j'ai réservé un stage pour le 12 mais je ne peux pas y aller, je peux annuler ?": a booking to cancel is
        # not a registration asked (T11 c20 got the whole card)
        return card_part(message, tuple(part for part in STAGE_INFO_PARTS if part[0] is not _REGISTRATION_ASKED),
                         STAGE_INFO, card_given)
    return card_part(message, STAGE_INFO_PARTS, STAGE_INFO, card_given)


# R15: the 48N's stage not done in its 4 months
MISSED_48N_STAGE = ("sans stage terminé dans les 4 mois qui suivent la réception de la lettre 48N, vous commettez une "
                    "contravention de 4e classe (amende de 135 €, jusqu'à 750 €) et votre permis peut être suspendu "
                    "jusqu'à 3 ans ; l'amende de l'infraction n'est alors pas remboursée (article R.223-4 du Code de la "
                    "route).")
# "et si je le fais pas le stage ? je risque quoi", "la sanction si je fais pas le stage obligatoire", "si je fais pas
# le stage dans les 4 mois il se passe quoi ?" (folded; tester T61 c06 asked it three times)
_STAGE_NOT_DONE = re.compile(r"\b(?:si|sans)\b[^.?!]{0,25}\b(?:fai[st]?|faire|suis|suit|suivre|passe|passer|va|vais)\s+"
                             r"(?:pas|jamais)\b[^.?!]{0,15}\bstage\b|\bsans\s+(?:faire\s+|suivre\s+)?(?:le|ce|mon|son)\s+"
                             r"stage\b|\bpas\s+(?:faire|fait|suivi|suivre)\s+(?:le|ce|mon|son)\s+stage\b")
_RISK_ASKED = re.compile(r"\brisqu\w*|\bsanction\w*|\bse passe(?:ra)?\s+quoi\b|\bqu'?\s?est[- ]ce qu'?\s?il se passe"
                         r"|\bquoi comme (?:amende|sanction)\b|\bamende\b|\bpuni\w*")
_COMPULSORY_STAGE = re.compile(r"\b48\s?n\b|\bstage obligatoire\b")


def missed_48n_stage_answer(tracker: Tracker) -> Optional[str]:
    """"je risque quoi si je ne fais pas le stage 48N ?", read under any intent, the 48N named in the message or in the
    answer just given: a 4th-class contravention (135 €, up to 750 €), a suspension of up to 3 years, no refund (R15,
    R.223-4). None when the message asks no such thing, or no 48N is in question."""
    folded = fold((tracker.latest_message or {}).get("text") or "")
    if not (_STAGE_NOT_DONE.search(folded) and _RISK_ASKED.search(folded)):
        return None
    if not any(event.get("event") == "bot" for event in tracker.events) or any(
            e.get("entity") == "date" for e in (tracker.latest_message or {}).get("entities") or []):
        return None  # (a story told with it, "48N reçue en juin 2026, pas fait le stage, je risque quoi ?": its deadline)
    if not _COMPULSORY_STAGE.search(folded):
        users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
        said = " ".join(event.get("text") or "" for event in (tracker.events[:users[-1]] if users else [])
                        if event.get("event") == "bot")
        if not _COMPULSORY_STAGE.search(fold(said)):
            return None
    return MISSED_48N_STAGE[0].upper() + MISSED_48N_STAGE[1:]


_STAGE_NAMED = re.compile(r"\bstages?\b")
_DAY_MISSED = re.compile(r"\brate\w*|\bloupe\w*|\bmanqu\w*|\babsen\w*|\bmalad\w*|\bsouffrant|\bhospitalis\w*"
                         r"|\babandon\w*|\bpas (?:pu )?(?:venir|aller|y aller|revenir|y retourner)\b"
                         r"|\bpartir (?:au milieu|en cours)"
                         # "si je pars plus tôt le 2e jour", "si j'arrive en retard le 2ème jour" (T61 c23's family)
                         r"|\b(?:pars|part|partir|partais|quitte\w*) (?:plus tot|avant la fin)\b|\ben retard\b")
_DAY_NAMED = re.compile(r"\b(?:jour|journee|demi-journee|matin|apres-midi)s?\b")


def stage_day_missed_answer(tracker: Tracker) -> Optional[str]:
    """"et si je rate la 2e journée parce que malade, ça compte quand même ?" (the stage named, or a day of it just
    after an answer about the stage), read under any intent: the stage missed in part is not validated, no points, a
    48N's delay runs on (R11: R.223-5, R.223-8; R15); None when the message asks no such thing. (Tester T34 c26 got
    the probation's questions, AAC then the training, twice.)"""
    text = (tracker.latest_message or {}).get("text") or ""
    folded = fold(text)
    # (a day named: "j'ai raté un stop, un stage me rend combien ?" is no stage missed; and missed: "je suis dedans,
    # c'est le 2e jour" is no absence)
    if not (_DAY_MISSED.search(folded) and _STAGE_DAY_NAMED.search(folded) and _DAY_NAMED.search(folded)):
        return None
    if not _STAGE_NAMED.search(folded):
        users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
        last_bot = next((event.get("text") or "" for event in reversed(tracker.events[:users[-1]] if users else [])
                         if event.get("event") == "bot"), "")
        if not _STAGE_NAMED.search(fold(last_bot)):
            return None
    part = stage_info_for(text)
    # (a day missed in words no part of the card names, "si j'arrive en retard le 2e jour": the part on a day missed)
    return STAGE_ABSENCE if part == STAGE_INFO else part


def _with_the_other_parts_asked(message: str, missed: str) -> str:
    """The part on a stage missed or cancelled (`missed`), with the card's other parts the message asks, in the order
    it asks them."""
    folded = _SET_ASIDE.sub(" ", fold(message or ""))
    excluded = (STAGE_ABSENCE_ASKED, STAGE_NOT_ATTENDED_ASKED, _REGISTRATION_ASKED)
    where = min(found.start() for found in (STAGE_ABSENCE_ASKED.search(folded), STAGE_NOT_ATTENDED_ASKED.search(folded))
                if found)
    asked = sorted([(where, missed)] + [(pattern.search(folded).start(), text) for pattern, text in STAGE_INFO_PARTS
                                        if pattern not in excluded and pattern.search(folded)])
    return "\n".join([asked[0][1], *(f"- {text}" for _, text in asked[1:])])


def card_given(tracker: Tracker, card: str) -> bool:
    """Whether the assistant already gave this card in the conversation."""
    from actions.third_person import said_of_the_subject  # (the third person reads no answer)
    # (said of someone else's licence, the card was sent in the third person: "Il pourra obtenir…", T36 t32c27)
    firsts = {card.splitlines()[0], said_of_the_subject(tracker, card.splitlines()[0])}
    return any(event.get("event") == "bot" and any(first in (event.get("text") or "") for first in firsts)
               for event in tracker.events)


SUSPENSION_STAGE = (
    "Un permis suspendu ou retenu n'est pas invalidé : vous pouvez en principe suivre un stage pendant la "
    "suspension, et il vous rend jusqu'à 4 points (article L.223-6 du Code de la route ; pratique courante, "
    "à vérifier auprès du centre). Le stage ne raccourcit pas la suspension : vous ne pouvez pas conduire "
    "avant la fin de celle-ci. En revanche, une fois la lettre 48SI (invalidation) reçue, un stage ne rend "
    "plus de points."
)
# The spec (R12) covers the stage during a suspension only; the other parts are the Code de la route's
# (L.224-1, L.224-2, L.224-16), as drivers ask them ("retention du permis c'est combien de temps ?").
SUSPENSION_RETENTION = (
    "Lors d'un contrôle (alcool, stupéfiants, excès de 40 km/h ou plus…), les forces de l'ordre peuvent retenir "
    "votre permis sur-le-champ, pour 72 heures (120 heures quand une analyse de sang est nécessaire) (article "
    "L.224-1 du Code de la route). Pendant ce délai, le préfet peut prononcer une suspension provisoire, de 6 mois "
    "au plus, ou 1 an pour l'alcool, les stupéfiants ou un accident corporel (article L.224-2) ; sans décision "
    "dans ce délai, le permis vous est rendu. Les points, eux, ne sont retirés qu'une fois l'infraction établie."
)
SUSPENSION_DRIVING_RULE = (
    "Tant que la suspension ou la rétention dure, vous ne pouvez pas conduire. Conduire malgré une "
    "suspension est un délit, qui retire 6 points (article L.224-16 du Code de la route)."
)
# the answer to "je peux conduire ?" (in the whole card, the rule alone: its "Non" would answer no question)
SUSPENSION_NO_DRIVING = "Non : t" + SUSPENSION_DRIVING_RULE[1:]
# "suspendu 2 mois, je perds des points en plus ?" (T4 m127): the measure itself costs no point
SUSPENSION_NO_POINTS = (
    "Non : la suspension (ou la rétention) ne retire, elle-même, aucun point. Seuls les points de l'infraction "
    "qui l'a causée sont retirés, une fois cette infraction établie : amende payée, amende forfaitaire majorée ou "
    "condamnation définitive (article L.223-1 du Code de la route)."
)
SUSPENSION_VS_INVALIDATION = (
    "Une suspension interdit de conduire pendant une durée fixée (par le préfet ou par un juge), puis le permis "
    "vous est rendu, avec ses points. L'invalidation, elle, vient d'un solde à 0 point, notifié par la lettre "
    "48SI : le permis n'est plus valable et il faut le repasser, au plus tôt 6 mois après l'avoir rendu (articles "
    "L.223-1 et L.223-5 du Code de la route). L'annulation est prononcée par un juge."
)
# the card said when no part is recognised: the stage and the driving, not the 72-hour retention of a roadside check,
# which only its own words ask (T24 c13, c19: appended to a stage question and to "il prend combien ?")
SUSPENSION_INFO = "\n- ".join((SUSPENSION_STAGE, SUSPENSION_DRIVING_RULE))
# "il s'est fait choper avec le permis suspendu, il prend combien ?": the délit of driving while suspended (L.224-16)
SUSPENDED_DRIVING_PENALTY = (
    "Conduire malgré une suspension du permis est un délit : retrait de 6 points, jusqu'à 2 ans d'emprisonnement et "
    "4 500 € d'amende, et le tribunal peut ajouter une nouvelle suspension ou l'annulation du permis (article "
    "L.224-16 du Code de la route). Les points sont retirés une fois la condamnation définitive.")
# "je peux conduire demain ?", "j'ai le droit de rouler pendant ?" (folded text)
MAY_I_DRIVE = re.compile(r"(?:peux|peut|puis|pourrai\w*|droit de|autorise\w*)(?:[- ]je)?[^.?!]{0,20}\b(?:conduire|rouler)\b"
                         r"|conduire (?:pendant|quand meme|avec|malgre)|rouler (?:pendant|quand meme|avec)")
SUSPENSION_INFO_PARTS = (
    # (what the user did while suspended and what it costs: before the stage and the points' parts)
    (re.compile(r"(?:chop|arret|control|flash|pris|conduit|conduis|roul|attrap)\w*[^?!]{0,60}\b(?:permis\s+)?"
                r"(?:suspendu|suspension)\b[^?]*\b(?:combien|risqu\w*|prend\w*|perd\w*|encour\w*)\b"
                r"|\bconduite (?:pendant|malgre|avec) (?:une |la |sa |ma )?(?:suspension|permis suspendu)"),
     SUSPENDED_DRIVING_PENALTY),
    # ("il peut le faire pendant sa suspension ?" after the stage's card: the stage, T24 c13)
    (re.compile(r"\bstages?\b|recup\w* (?:des |mes )?points|points? (?:rendus?|reviennent)"
                r"|\b(?:le|la|en) (?:faire|suivre|passer)\b[^.?!]{0,30}\bpendant\b"), SUSPENSION_STAGE),
    # (not "je vais perdre combien de points ?": the offence's points, answered by its own question)
    (re.compile(r"^(?!.*\bstage)(?:.*(?:\bperd\w*|retir\w*|enlev\w*|\bcout\w*)[^.?!]{0,25}\bpoints?\b[^.?!]{0,15}"
                r"\b(?:en plus|aussi|de plus|egalement|en outre)\b|.*\bpoints? (?:en plus|de plus|supplementaires?)"
                r"|.*(?:cout|retir|enlev|perd)\w*[^.?!]{0,20}\bpoints?\b[^.?!]{0,10}\b(?:la|une|ma) (?:suspension|retention)"
                # "est-ce que je perds aussi des points ?", "on va aussi m'enlever des points ?" (T21 c27 got the card,
                # the stage during a suspension first): the word "aussi" before the points
                r"|.*(?:\b(?:aussi|en plus|egalement|de plus)\b[^.?!]{0,20}(?:\bperd\w*|retir\w*|enlev\w*)"
                r"|(?:\bperd\w*|retir\w*|enlev\w*) (?:\w+ )?(?:aussi|en plus|egalement|de plus)\b)[^.?!]{0,15}\bpoints?\b)"),
     SUSPENSION_NO_POINTS),
    (MAY_I_DRIVE, SUSPENSION_NO_DRIVING),
    (re.compile(r"retenu|retention|garde (?:a vue|le permis|mon permis)|sur place|72 ?h|combien de temps"
                r"|\bduree?\b|se passe comment|comment ca se passe|\bpris (?:le|mon) permis"),
     SUSPENSION_RETENTION),
    # ("la différence entre rétention et suspension" is the retention's part, which tells both; tester T1 c33)
    (re.compile(r"^(?!.*reten).*(?:differen|pareil|meme chose|\bvs\b)|invalid|annul"), SUSPENSION_VS_INVALIDATION),
)


# A licence cancelled by a judge ("le juge a annulé mon permis, je le repasse quand ?"): a sentence for a délit, not a
# zero balance (ask_suspension, data/nlu/suspension.yml). The spec is silent; the law: Code pénal 131-6 5° (5 years at
# most before applying again) and 221-8 (10 years, involuntary homicide), Code de la route L.224-14 (medical and
# psychotechnical examination), R.224-20 (the exams again, as after an invalidation: spec R20), L.223-1 (probationary
# licence). Helper n9, third blind NLU set.
JUDICIAL_CANCELLATION = (
    "L'annulation du permis par un juge est une peine, prononcée pour un délit (alcool ou stupéfiants au volant, "
    "blessures ou homicide involontaires, délit de fuite…) : elle ne dépend pas de votre solde de points, et un stage "
    "ne l'efface pas. Le jugement fixe la durée pendant laquelle vous ne pouvez pas demander un nouveau permis : 5 ans "
    "au plus en général (article 131-6 du Code pénal), jusqu'à 10 ans pour un homicide involontaire (article 221-8). "
    "Ensuite, il faut être reconnu apte après un examen médical et psychotechnique, à vos frais (article L.224-14 du "
    "Code de la route), puis repasser le code, et aussi la conduite si vous aviez le permis depuis moins de 3 ans ou "
    "si l'annulation a duré un an ou plus (article R.224-20), comme après une invalidation. Le nouveau permis est "
    "probatoire, avec 6 points (article L.223-1). Conduire pendant l'annulation est un délit (article L.224-16)."
)
_JUDGE = r"(?:juges?|tribunal|tribunaux|justice|judiciaire|jugement|condamn\w*|correctionnel\w*|procureur|audience)"
JUDICIAL_CANCELLATION_TOLD = re.compile(r"\bannul\w*\b[^.?!]{0,60}\b" + _JUDGE + r"\b|\b" + _JUDGE
                                        + r"\b[^.?!]{0,60}\bannul\w*|\bannule\w* d'office\b")
_COMPARED = re.compile(r"differen|pareil|meme chose|\bvs\b|\bou (?:une |l')?(?:invalidation|suspension)\b")


def suspension_info_for(message: str) -> str:
    """The part of the suspension card that answers this message, or the whole card; a cancellation by a judge gets
    its own answer, unless the message compares it with a suspension or an invalidation (the card's part that does)."""
    folded = fold(message or "")
    if JUDICIAL_CANCELLATION_TOLD.search(folded) and not _COMPARED.search(folded):
        return JUDICIAL_CANCELLATION
    return card_part(message, SUSPENSION_INFO_PARTS, SUSPENSION_INFO)

ZERO_POINTS_INFO = (
    "À 0 point, votre permis perd sa validité, mais seulement quand la lettre 48SI vous est notifiée "
    "(article L.223-1 du Code de la route). Avant cette notification, un stage terminé après la décision de "
    "retrait peut encore sauver le permis, si le solde calculé n'est pas inférieur à -3 "
    "(Conseil d'État, 29 septembre 2023, n° 461479).\n"
    "- Après la 48SI : rendez votre permis à la préfecture dans les 10 jours. Vous ne pourrez repasser le "
    "permis que 6 mois après l'avoir rendu (1 an si c'est la deuxième perte totale en 5 ans), après un "
    "examen médical et psychotechnique (article L.223-5).\n"
    "- Permis de moins de 3 ans : code et conduite à repasser. Permis de 3 ans ou plus : le code seul, si "
    "vous vous inscrivez dans les 9 mois et que l'invalidation a duré moins d'un an.\n"
    "- Le nouveau permis est probatoire, avec 6 points. Conduire malgré l'invalidation est un délit."
)


# "le disque A", "macaron A", "c'est quoi le A ?": the sign of a probationary driver (folded text)
A_SIGN = re.compile(r"\b(?:disques?|macarons?|signes?|autocollants?|stickers?|logos?|lettre)\s+(?:«\s*)?\"?a\b"
                    r"|\b(?:quoi|c'est) le \"?a\b\"?\s*(?:\?|$)|\ble (?:«\s*|\")?a(?:\s*»|\")? (?:rouge|derriere|a l'arriere)")


# A general question ("la règle des 10 ans c quoi", "le compteur repart à zéro ?") gets the rule it asks about, not
# the form's whole rule in brief (T4 m021, m047, m050, m052, m054, m061, m062, m065). Per form, the first part whose
# pattern the folded message matches; the form's own brief otherwise.
_NOT_FOLLOWED = r"(?:sans|pas (?:de|fait|eu|suivi)(?: la| l')?|jamais (?:fait|eu|suivi)(?: la| l')?)"
# the compulsory stage's answer that does not depend on the balance (R12, R15, R16): said before the balance is asked,
# even when the conversation's facts are known (T14 c27)
COMPULSORY_STAGE_IN_BRIEF = (
    "En bref : le stage obligatoire se fait dans les 4 mois qui suivent la réception de la lettre 48N ; il rend "
    "jusqu'à 4 points le lendemain de son 2e jour, sans dépasser le plafond du permis, et l'amende forfaitaire de "
    "l'infraction est remboursée (articles L.223-6 et R.223-4 du Code de la route). Pour calculer le solde :")
RULE_IN_BRIEF_PARTS = {
    "auto_recovery_form": (
        (re.compile(r"\b(?:10|dix) ans\b"),
         "En bref, la règle des 10 ans : les points retirés pour une contravention des 4 premières classes "
         "reviennent 10 ans après le jour où l'infraction a été établie (paiement de l'amende, par exemple), même si "
         "d'autres infractions ont été commises depuis. Elle ne joue ni pour les contraventions de 5e classe ni pour "
         "les délits (excès de 50 km/h ou plus, alcool au-delà de 0,8 g/l…), ni après une invalidation (article "
         "L.223-6 du Code de la route). Pour calculer vos dates :"),
        (re.compile(r"repart\w* a zero|remet\w* a zero|recommenc\w*|\bcompteurs?\b|reinitialis\w*|remis a zero"
                    r"|\b(?:re)?pren\w* une (?:autre |nouvelle )?(?:amende|infraction|prune|contravention)"
                    r"|\bnouvelle (?:amende|infraction|contravention)"),
         "En bref : une nouvelle infraction commise avant le retour de vos points fait repartir le délai de 2 ans (3 "
         "ans pour une contravention de 4e ou 5e classe ou un délit) à compter du jour où elle est établie (son "
         "paiement, par exemple) ; et le point d'une infraction à 1 point ne revient pas après 6 mois si une autre "
         "infraction est commise pendant ces 6 mois (article L.223-6 du Code de la route). Pour calculer vos "
         "dates :"),
        (re.compile(r"(?:demarr|commenc|\bpart\b|partent|\bcour[rt]\w*|\bcompt)\w*[^?]*\b(?:infraction|paiement|pai\w*"
                    r"|pay\w*|flash\w*|amende|jugement|condamnation)\b|\b(?:infraction|flash) ou (?:du |de la |au |a la )?"
                    r"(?:paiement|pai\w*|pay\w*)"),
         "En bref : les délais de récupération partent du jour où l'infraction est établie (paiement de l'amende, "
         "titre exécutoire de l'amende majorée, ou condamnation devenue définitive), pas du jour de l'infraction : "
         "6 mois pour le point d'une infraction à 1 point, 2 ans pour retrouver tous vos points, 3 ans si l'une des "
         "infractions est une contravention de 4e ou 5e classe ou un délit (article L.223-6 du Code de la route). "
         "Pour calculer vos dates :"),
        (re.compile(r"\b(?:2|deux|3|trois) ans\b"),
         "En bref : tous les points reviennent 2 ans après le jour où la dernière infraction est établie (son "
         "paiement, par exemple), mais 3 ans si l'une des infractions est une contravention de 4e ou 5e classe ou "
         "un délit : c'est le cas du téléphone, de la ceinture, du feu rouge, du stop et des excès de vitesse de 20 "
         "km/h ou plus. C'est la classe de l'infraction qui compte, pas le nombre de points retirés (article "
         "L.223-6 du Code de la route). Pour calculer vos dates :"),
    ),
    "probation_form": (
        (A_SIGN, RULE_IN_BRIEF["probation_form/a_sign"]),
        (re.compile(r"^(?!.*" + _NOT_FOLLOWED + r" (?:formation|fpp))(?=.*\b(?:formation (?:complementaire|post[- ]?permis)"
                    r"|fpp)\b)"),
         "En bref : la formation complémentaire (7 heures, entre le 6e et le 12e mois du permis) raccourcit la période "
         "probatoire si aucune infraction n'est commise ensuite : 2 ans au lieu de 3, ou 18 mois au lieu de 2 ans "
         "après la conduite accompagnée ; le permis a alors 12 points à la fin de cette période. Une infraction fait "
         "perdre cet avantage (article R.223-1 du Code de la route). Pour calculer votre solde :"),
        (re.compile(r"^(?!.*" + _NOT_FOLLOWED + r" (?:conduite accompagnee|aac))(?=.*\b(?:aac|conduite accompagnee"
                    r"|apprentissage anticipe)\b)"),
         "En bref : après la conduite accompagnée, le permis probatoire dure 2 ans : 6 points au départ, puis 3 de "
         "plus à chaque date anniversaire sans infraction, soit 9 au bout d'un an et 12 au bout de 2 ans (article "
         "R.223-1 du Code de la route). Pour calculer votre solde :"),
        (re.compile(r"\b(?:max|maximum|plafond)\b|\b(?:1re|1ere|premiere|2e|2eme|deuxieme|3e|3eme|troisieme) annee\b"
                    r"|\bpar an\b|\bchaque annee\b"),
         "En bref : sans infraction, un permis probatoire a au plus 6 points la 1re année, 8 la 2e, 10 la 3e, puis "
         "12 à la fin de la période (après la conduite accompagnée : 6, puis 9, puis 12 au bout de 2 ans). Une "
         "infraction bloque ce plafond jusqu'à la fin de la période (articles L.223-1 et R.223-1 du Code de la "
         "route). Pour calculer votre solde :"),
    ),
    "points_after_stage_form": (
        # T14 c27: "et si il fait le stage obligatoire, il remonte à combien ?": what does not depend on the balance
        # first (R15, R16, R12), then the balance asked for the figure
        (re.compile(r"\bstage (?:obligatoire|impose|de la 48 ?n|48 ?n|de la lettre 48 ?n)\b"), COMPULSORY_STAGE_IN_BRIEF),
        # T4 m009: "après un stage les points sont crédités quand ?"
        (re.compile(r"\b(?:credit\w*|ajout\w*|enregistr\w*|apparai\w*|visible\w*|comptabilis\w*|pris en compte)\b"
                    r"|\bquand\b.*\b(?:recupere|rendus|reviennent|arrivent|je les ai)\b"),
         "En bref : les points du stage sont acquis le lendemain de son 2e jour, dans la limite de votre plafond. "
         "L'organisateur transmet ensuite l'attestation au préfet, les points sont enregistrés au fichier dans le "
         "mois, et une lettre 47 vous le confirme ; « Mes Points Permis » peut les afficher avec quelques semaines "
         "de retard (article R.223-8 du Code de la route). Pour calculer votre solde :"),
    ),
    "mandatory_stage_form": (
        # T4 m037: "si je fais pas le stage obligatoire il se passe quoi ?"
        (re.compile(r"\b(?:fai\w*|sui\w*|passe\w*|va\w*)\s+pas\b|\bsinon\b|\brate\w*|\blou?pe\w*|\bhors delai\b"
                    r"|\ben retard\b|\boubli\w*|\btrop tard\b|\brisqu\w*|\bsanction\w*|\bobligatoire vraiment\b"),
         f"En bref : {MISSED_48N_STAGE} Pour calculer votre date limite :"),
    ),
    "stage_eligibility_form": (
        (re.compile(r"\bjeunes? (?:conducteur|permis)|\bprobatoire\b|\bja\b|\bans? de permis\b|\bnouveau permis\b"
                    r"|\bpermis (?:recent|tout neuf)\b|\banciennete\b"),
         "En bref : aucune ancienneté de permis n'est exigée : un conducteur en permis probatoire peut aussi faire un "
         "stage volontaire dès qu'il a perdu des points. Le stage rend jusqu'à 4 points sans dépasser le plafond de "
         "l'année, et un seul stage par an peut en rendre. Après un retrait de 3 points ou plus en probatoire, "
         "attendez plutôt la lettre 48N : le stage obligatoire fait aussi rembourser l'amende (article L.223-6 du "
         "Code de la route). Pour vérifier votre cas :"),
    ),
}


# "c'est quoi…", "c quoi…", "qu'est-ce que…", "ça sert à quoi ?", "explique-moi…" (folded text)
ASKS_WHAT_IT_IS = re.compile(r"\bc'?\s?est\s+(?:quoi|koi)\b|\bc\s+(?:quoi|koi)\b|\bqu'?\s?est[- ]?ce\s+(?:que|qu)"
                             r"|\bsert\s+a\s+(?:quoi|koi)\b|\bexpliqu\w*")
# the closing phrase of a rule in brief, before the form's question ("Pour calculer votre solde :")
_LEAD_TO_THE_FORM = re.compile(r"\s*Pour (?:calculer|vérifier) [^:.]*:$")


def rule_in_brief(form: str, message: Optional[str]) -> Optional[str]:
    """The rule in brief said when the form opens: the part the question is about, or the two parts a question of
    what things are names ("c'est quoi la conduite accompagnée et la formation post-permis ?": both, the closing
    phrase once)."""
    folded = fold(message or "")
    parts = [text for pattern, text in RULE_IN_BRIEF_PARTS.get(form, ()) if pattern.search(folded)]
    parts = parts[:2] if ASKS_WHAT_IT_IS.search(folded) else parts[:1]
    if not parts:
        return RULE_IN_BRIEF.get(form)
    return " ".join([_LEAD_TO_THE_FORM.sub("", text) for text in parts[:-1]] + [parts[-1]])


HELP_TEXT = (
    "Je peux calculer, pour votre situation :\n"
    "- vos points après un stage de récupération ;\n"
    "- si un stage vous rendra des points, et à partir de quand ;\n"
    "- la date à laquelle vos points reviennent automatiquement ;\n"
    "- votre plafond et vos points en permis probatoire ;\n"
    "- le stage obligatoire après une lettre 48N et le remboursement de l'amende ;\n"
    "- les points retirés pour une infraction, et à quelle date ils le sont.\n"
    "Je vous explique aussi les lettres 48, 48M, 48N, 48SI, 46 et 47. Posez votre question !"
)


# Questions next to the points system that it does not answer (T6 n047, r150): a foreign licence (its validity in
# France, its exchange), driving abroad. They get where to look, once, not the fallback nor a stage card.
_NATIONALITIES = (
    r"etrangers?|marocain|algerien|tunisien|turc|senegalais|malien|ivoirien|camerounais|congolais|guineen|"
    r"americain|canadien|anglais|britannique|suisse|belge|allemand|espagnol|italien|portugais|roumain|polonais|"
    r"ukrainien|russe|chinois|indien|bresilien|libanais|comorien|malgache|vietnamien|non europeen|europeen|hors ue|"
    r"international")
_FOREIGN_LICENCE = re.compile(
    r"\bpermis\s+(?:de\s+conduire\s+)?(?:" + _NATIONALITIES.replace("|", "e?s?|") + r"e?s?)\b"
    r"|\bechang\w*\s+(?:mon|son|un|le|de|du|ce|leur)\s+permis\b|\bechange\s+(?:de|du|d'un)\s+permis\b"
    r"|\bpermis\b[^?.!]{0,30}\bvalable\s+en\s+france\b")
_FOREIGN_LICENCE_IN_FRANCE = re.compile(r"\bechang\w*|\bvalable\b|\bvalide\b|\breconnu\w*|\ben france\b")
_COUNTRIES = (
    r"a l'etranger|hors de france|en (?:espagne|italie|allemagne|belgique|suisse|angleterre|irlande|europe|"
    r"autriche|grece|croatie|pologne|roumanie|tunisie|algerie|turquie|norvege|suede|ecosse|hollande|"
    r"republique tcheque)|au (?:maroc|portugal|royaume-uni|luxembourg|canada|senegal|japon|bresil|danemark|quebec)|"
    r"aux (?:etats-unis|usa|pays-bas|antilles)")
# another country's own points system ("combien de points sur un permis belge", "au Québec ça marche comment les
# points ?", "le permis à points en Belgique ça existe ?"): a country named, not "à l'étranger" (a French licence's
# holder abroad), with the licence or its points
_COUNTRY_NAMED = _COUNTRIES.split("|", 2)[2]  # (not "à l'étranger", "hors de France")
_NATIONALITY_NAMED = _NATIONALITIES.split("|", 1)[1].rsplit("|non europeen", 1)[0]  # (not "étranger", "européen"…)
_FOREIGN_SYSTEM = re.compile(
    r"(?=.*\b(?:points?|pts|marche|fonctionne|systeme|regles?)\b)"
    # (a country named with "mes points", "mon permis", "j'habite": a French licence's holder living there, answered)
    r"(?=.*(?:^(?!.*\b(?:mes points|mon permis|mon solde|me reste|j'habite|je vis|je reside|je demenage|je travaille)\b)"
    r".*\b(?:" + _COUNTRY_NAMED + r")\b|\bpermis\s+(?:de\s+conduire\s+)?(?:"
    + _NATIONALITY_NAMED.replace("|", "e?s?|") + r"e?s?)\b|\b(?:flensburg|saaq|penalty points)\b))")
_DRIVE = r"\b(?:conduire|conduis|conduit|rouler|roule|conduite|louer une voiture|location de voiture)\b"
_DRIVING_ABROAD = re.compile(_DRIVE + r"[^?.!]{0,40}\b(?:" + _COUNTRIES + r")\b"
                             r"|\b(?:" + _COUNTRIES + r")\b[^?.!]{0,40}" + _DRIVE)
# a foreign licence in a question of the points system ("permis étranger échangé, je suis en probatoire ?", "…la 48N
# me concerne ?"): that question is answered
_POINTS_SYSTEM_QUESTION = re.compile(r"\bprobatoire|\b48\s?[a-z]*\b|\bstages?\b|\blettre|\binvalid|\bsuspen|\bamende|"
                                     r"\binfraction|\bflash")
FOREIGN_LICENCE = (
    "Je réponds aux questions sur le permis à points français, pas sur les permis étrangers. La validité d'un permis "
    "étranger en France et son échange contre un permis français se demandent en ligne sur le site de l'ANTS "
    "(ants.gouv.fr) ; les conditions, selon le pays qui l'a délivré, sont expliquées sur service-public.fr (« Échange "
    "d'un permis de conduire étranger »). Pour vos points, je peux calculer par exemple leur récupération, ou ce "
    "que vous rend un stage.")
FOREIGN_SYSTEM = (
    "Je réponds seulement sur le permis à points français : les permis délivrés par un autre pays suivent les "
    "règles de ce pays (nombre de points, retraits, récupération), sur lesquelles je ne peux pas vous renseigner. "
    "Adressez-vous à l'administration qui a délivré le permis (au Québec, la SAAQ par exemple). Si vous conduisez "
    "avec un permis français, je peux calculer par exemple la récupération de vos points, ou ce que vous rend un "
    "stage.")
DRIVING_ABROAD = (
    "Je réponds aux questions sur le permis à points français, pas sur la conduite à l'étranger : ce sont les "
    "règles du pays où vous conduisez qui s'appliquent. Le site service-public.fr les résume (« Conduire à l'étranger avec "
    "un permis français ») ; le permis international se demande sur le site de l'ANTS (ants.gouv.fr). Pour vos "
    "points en France, je peux calculer par exemple leur récupération, ou ce que vous rend un stage.")


# The AM licence (ex-BSR: a moped of 50 cm³ or a light quadricycle, from 14): a category of the driving licence outside
# the points system. The spec is silent; secondary sources agree that an offence committed with the AM licence alone
# withdraws no point (Wikipédia « Brevet de sécurité routière », 2022: « catégorie de permis de conduire européen
# exclue du régime de permis à points » ; pagesjaunes.fr « Permis AM » ; permis-auto-ecole.com) [S/U]. Tester T11 c15
# got the probation's questions on it.
_AM_LICENCE = re.compile(r"\bpermis\s+(?:de\s+(?:conduire\s+)?)?(?:categorie\s+)?am\b|\bcategorie\s+am\b|\bbsr\b"
                         r"|\bbrevet\s+de\s+securite\s+routiere\b")
# a moped or a light quadricycle named ("scooter 50cc", "un 50 cm3", "cyclomoteur", "voiture sans permis")
_AM_VEHICLE = re.compile(r"\b(?:scooter|scoot|mob|mobylette|moto|cyclo)\s*(?:de\s+)?50\b|\b50\s*(?:cc|cm\s?3|cm³|cm)\b"
                         r"|\bcyclomoteurs?\b|\bvoiturettes?\b|\bvoitures?\s+sans\s+permis\b|\bvsp\b")
# the driver holds no licence with points besides ("elle a pas de permis B", "juste le permis AM", "que le BSR")
_ONLY_AM = re.compile(r"\b(?:pas|aucun|ni|sans)\s+(?:(?:de|le|d'un|du)\s+)?(?:autre\s+)?permis\b(?!\s+am\b)"
                      r"|\b(?:juste|seulement|uniquement|que)\s+(?:le\s+|son\s+|mon\s+|un\s+)?(?:permis\s+am|bsr)\b"
                      r"|\bpermis\s+am\s+(?:seulement|uniquement)\b")
# a licence with points held besides ("j'ai aussi le permis B", "permis A2 et BSR"), not negated
_LICENCE_WITH_POINTS = re.compile(r"(?<!pas )(?<!pas de )(?<!pas le )(?<!ni )(?<!sans )\bpermis\s+(?:a1|a2|a|b|b1|c|d|"
                                  r"moto|voiture|auto)\b")
AM_LICENCE = (
    "Avec le seul permis AM (l'ancien BSR : scooter de 50 cm³ ou voiturette), une infraction ne retire pas de "
    "points : cette catégorie du permis n'est pas soumise au permis à points, et il n'y a donc ni solde ni période "
    "probatoire à calculer. L'amende de l'infraction reste due, et un juge peut prononcer d'autres sanctions. Je "
    "calcule les points des permis qui en ont (A1, A2, A, B…) (information à vérifier sur service-public.fr, fiche "
    "F2890 « Brevet de sécurité routière (BSR), catégorie AM du permis de conduire »).")


def am_licence_only(message: Optional[str]) -> bool:
    """The message is about an offence or the points of a driver who holds the AM licence (ex-BSR) only."""
    folded = fold(message or "")
    if _LICENCE_WITH_POINTS.search(folded):
        return False
    return bool(_AM_LICENCE.search(folded) or (_AM_VEHICLE.search(folded) and _ONLY_AM.search(folded)))


# --- R3: the most points one event can cost, asked in general ---------------------------------------------------------

# "d'un coup", "en une seule fois", "pour une seule infraction", "au même contrôle", "en même temps" (folded text)
_AT_ONCE = re.compile(r"\b(?:d'?\s?un (?:seul )?coup|en un (?:seul )?coup|en une (?:seule )?fois|en meme temps|a la fois"
                      r"|(?:pour|en|avec) une (?:seule )?infraction|(?:en|a|au) un (?:seul )?control\w*"
                      r"|au meme control\w*)\b")
# "maximum", "au plus", "le plus de points", "jusqu'à combien"
_MOST = re.compile(r"\b(?:max\w*|au plus|le plus|jusqu'?\s?a combien|plafon\w*)\b")
# what is lost: "perdre", "retirer", "enlever", "en moins"
_LOSING = re.compile(r"\b(?:perd\w*|perte|retir\w*|retrait|enlev\w*|sauter|en moins|de moins|sucr\w*|cout\w*)\b")
_POINTS_WORD = re.compile(r"\b(?:points?|pts?)\b")
# the question is general: "on peut", "c'est possible", "en général", a count asked about
_IN_GENERAL = re.compile(r"\b(?:on peut|peut[- ]on|c'?\s?est possible|possible|en general|existe|combien)\b")
# the user's own offences told ("j'ai perdu 9 points d'un coup pour…"): their case, not the rule
_OWN_LOSS = re.compile(r"\b(?:j'?\s?ai|j'?\s?avais|je viens de|on m'a|ils m'ont|il m'a)\s+(?:\w+\s+)?"
                       r"(?:perdu|pris|eu|retire|enleve)\b")
_COUNT_ASKED = re.compile(r"(?:plus de\s+)?(?<![\d,.])(\d{1,2})\s*(?:points?|pts?)\b")


def most_points_at_once_asked(message: Optional[str], offences_named: bool = False
                              ) -> Optional[Dict[str, Optional[int]]]:
    """"on peut perdre combien de points maximum en une seule fois ?", "c'est possible d'avoir 9 points en moins d'un
    coup ?": the most points one event can cost, asked in general (R3, tester T19 c29 got "Quelle infraction ?" and
    the alcohol levels), with the count asked about, if any: {"asked": 9}. None when the message tells the user's own
    loss, names offences without asking the most ("téléphone et ceinture en même temps, combien ?": their own
    total), or asks nothing of the kind ("combien de points maximum sur un permis ?": the capital, R1)."""
    folded = fold(message or "")
    if not folded or _OWN_LOSS.search(folded) or not _POINTS_WORD.search(folded) or \
            (offences_named and not _MOST.search(folded)):
        return None
    at_once = _AT_ONCE.search(folded) and (_MOST.search(folded) or _IN_GENERAL.search(folded))
    if not ((at_once and (_LOSING.search(folded) or _IN_GENERAL.search(folded)))
            or (_MOST.search(folded) and _LOSING.search(folded) and _IN_GENERAL.search(folded))):
        return None
    counts = [int(m.group(1)) + (1 if m.group(0).startswith("plus de") else 0) for m in _COUNT_ASKED.finditer(folded)]
    return {"asked": counts[0] if len(counts) == 1 and counts[0] > 0 else None}  # ("plus de 6 points": 7 and more)


def most_points_at_once_answer(tracker: Tracker, day: date) -> Optional[str]:
    """The answer of `most_points_at_once_asked` for the latest message (R3; L.223-2, L.235-1), or None when it asks
    no such thing."""
    message = tracker.latest_message or {}
    named = any(e.get("entity") in ("offence_type", "speed_excess") for e in message.get("entities") or [])
    asked = most_points_at_once_asked(message.get("text"), named)
    if asked is None:
        return None
    from rules_core.wording_fr import render
    return render(rules_core.most_points_at_once(today=day, asked=asked["asked"]))
# "je peux en perdre combien avant qu'on me le retire ?", "combien de points je peux encore perdre avant l'invalidation
# ?", "il me reste combien de points à perdre ?" (folded text): how many points the licence can still lose and stay valid
_HOW_MANY_TO_LOSE = re.compile(
    r"\b(?:peux|peut|pourrai\w*|pourrait|pouvez)[- ]?(?:je|il|elle|on)?\s+(?:encore\s+)?(?:en\s+)?perdre\s+combien\b"
    r"|\b(?:combien|cb)\s+(?:de\s+(?:points?|pts?)\s+)?(?:est-ce que\s+|je\s+|j'|il\s+|elle\s+|on\s+)?"
    r"(?:peux|peut|pourrai\w*|pourrait|pouvez)(?:[- ](?:je|il|elle|on))?\s+(?:encore\s+)?(?:en\s+)?perdre\b"
    r"|\b(?:combien|cb)\s+(?:de\s+(?:points?|pts?)\s+)?(?:il\s+)?(?:me|lui|vous)\s+reste\w*\s+a\s+perdre\b"
    r"|\breste\w*\s+(?:combien|cb)\s+(?:de\s+(?:points?|pts?)\s+)?a\s+perdre\b")


def points_to_lose_answer(tracker: Tracker) -> Optional[str]:
    """"je peux en perdre combien avant qu'on me le retire ?": the licence is invalidated only at 0 point, so it can lose
    all its points but one (the balance known, or the maximum), then what one event can cost (R1, R3, R14; tester T32
    c23 got "je laisse le stage de côté" and nothing else). None when the message asks no such thing."""
    if not _HOW_MANY_TO_LOSE.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    view = rules_core.load_params().at(today())
    maximum = view.value("capital.max")
    told = tracker.get_slot("current_balance")
    told = told if isinstance(told, (int, float)) and not isinstance(told, bool) else None
    known = told is not None and 0 < told <= maximum
    balance = int(told) if known else maximum
    impossible = f"Un permis compte au plus {maximum} points : {int(told)} n'est pas possible. " \
        if told is not None and told > maximum else ""
    said = f"avec {points_fr(balance)}," if known else f"avec {points_fr(balance)}, le maximum,"
    lead = (f"{impossible}Votre permis n'est invalidé qu'à 0 point, quand la lettre 48SI vous est notifiée (article "
            f"L.223-1 du Code de la route) : {said} " + (f"vous pouvez en perdre {balance - 1} et le garder." if balance > 1
                                                        else "le moindre retrait l'amènerait à 0."))
    if not known:
        lead += " Votre solde exact est sur « Mes Points Permis » (avec FranceConnect)."
    rule = render(rules_core.most_points_at_once(today=today())).splitlines()
    return "\n".join([lead] + [line for line in rule[1:] if line.startswith("- ")][:3])


# "un solde pour chaque permis ou un seul ?", "pour le permis moto ça marche pareil les points ?", "j'ai le A et le B,
# deux soldes ?" (folded text): one balance for every category (R1 edge case; tester T20 c11 got the fallback twice)
_CATEGORY_NAMED = re.compile(r"\bpermis (?:a|a1|a2|b|c|d|be|moto|voiture|auto|poids lourds?|camion)\b|\bmoto\b|\bcategories?\b")
_POINTS_NAMED = re.compile(r"\bsoldes?\b|\bpoints?\b|\bpts\b|\bcapital\b|\bcompteurs?\b")
_ONE_OR_EACH = re.compile(r"\bchaque\b|\bpareil\b|\bmeme (?:chose|solde|systeme|points|compteur|capital)\b|\bun seul\b"
                          r"|\bsepare\w*|\bdifferent\w*|\ba part\b|\bcumul\w*|\bs'?\s?additionn\w*|\bune? pour\b"
                          r"|\baussi (?:sur|pour)\b"
                          r"|\bpar (?:permis|categorie)\b|\bles deux\b|\bdeux soldes\b|\bcommun\w*|\bpartag\w*")
ONE_BALANCE_FOR_ALL_CATEGORIES = (
    "Un seul solde : les points sont ceux de votre permis de conduire, pas de chacune de ses catégories. Le même "
    "solde (12 points au plus, ou le plafond de la période probatoire) vaut pour toutes les catégories, moto (A) "
    "comme voiture (B), et une infraction commise à moto ou en voiture est retirée de ce même solde (article L.223-1 "
    "du Code de la route).\n"
    "- La période probatoire court depuis la première catégorie obtenue : une catégorie ajoutée plus tard, sur un "
    "permis qui n'est plus probatoire, ne le rend pas de nouveau probatoire (article L.223-1 du Code de la route).")
# "et si j'avais le tel sur un support, juste le gps ?" (folded text)
_PHONE_NAMED = re.compile(r"\b(?:tel|telephone|portable|smartphone|gsm|iphone)\b")
_ON_A_HOLDER = re.compile(r"\bsupport\b|\bgps\b|\bnavigation\b|\bwaze\b|\bfixe (?:au|sur|a)\b")
PHONE_ON_A_HOLDER = (
    "Un téléphone fixé sur un support et utilisé seulement comme GPS n'est pas le téléphone « tenu en main » de "
    "l'article R.412-6-1 du Code de la route : cette infraction (3 points, 135 €) suppose de le tenir en main, ou "
    "une oreillette ou un casque.\n"
    "- L'article R.412-6-2 interdit en revanche, dans le champ de vision du conducteur, un écran qui n'est pas une "
    "aide à la conduite ou à la navigation (vidéo, messages…) : 3 points et une amende de 5e classe.\n"
    "- Le prendre en main pour le manipuler en roulant redevient l'infraction du téléphone tenu en main.")


# "et si c'est juste le kit mains libres bluetooth ?", "je parle du kit intégré à la voiture, sans rien dans l'oreille",
# "en haut-parleur via carplay ?" (folded text): a hands-free set that plays through the car
_HANDS_FREE = re.compile(r"\bmains?[- ]libres?\b|\bkit\b[^?.!]{0,30}\b(?:integre|voiture|vehicule|bluetooth|autoradio"
                         r"|auto)\b|\bhaut[- ]?parleurs?\b|\bcarplay\b|\bandroid auto\b|\bsans rien dans l'?\s?oreille\b")
_EARPIECE = re.compile(r"\b(?:oreillettes?|ecouteurs?|casques?|airpods)\b")
_NO_EARPIECE = re.compile(r"\b(?:sans|pas d'?\s?|aucune?|ni)\s*(?:une?\s+|d'?\s?|les?\s+)?(?:oreillettes?|ecouteurs?|casques?"
                          r"|airpods)\b")
HANDS_FREE_KIT = (
    "Un kit mains libres qui fait passer le son par les haut-parleurs de la voiture (kit intégré, Bluetooth de "
    "l'autoradio), sans téléphone tenu en main ni rien porté à l'oreille, n'est pas visé par l'article R.412-6-1 du "
    "Code de la route : pas de retrait de points pour lui. Cet article sanctionne le téléphone tenu en main et tout "
    "dispositif susceptible d'émettre du son porté à l'oreille (3 points, 135 €).\n"
    "- Une oreillette, des écouteurs ou un casque, même Bluetooth et sans fil, restent donc l'infraction : 3 points.\n"
    "- Prendre le téléphone en main pour composer un numéro ou lire un message redevient l'infraction du téléphone "
    "tenu en main.")


def hands_free_kit_asked(message: Optional[str], entities: Optional[list] = None, phone_in_context: bool = False
                         ) -> bool:
    """"et si c'est juste le kit mains libres bluetooth ?" after the phone's card, "kit mains libres intégré à la
    voiture, ça compte ?": a hands-free set playing through the car, nothing held nor worn at the ear (R4:
    R.412-6-1), without another fact of the user's; not an earpiece named ("avec une oreillette bluetooth ?": the
    offence). `phone_in_context`: the answer before was the phone's ("je parle du kit intégré, sans rien dans
    l'oreille", T58 c09)."""
    folded = fold(message or "")
    if not _HANDS_FREE.search(folded) or any(e.get("entity") not in ("offence_type", "number") for e in entities or []):
        return False
    if _EARPIECE.search(_NO_EARPIECE.sub(" ", folded)):
        return False
    return phone_in_context or bool(_PHONE_NAMED.search(folded) or re.search(r"\bmains?[- ]libres?\b", folded))


# "c'est quoi le plafond dont tu parles ?", "qu'est-ce que c'est, ce plafond ?", "explique-moi le plafond", "le plafond ça
# veut dire quoi ?" (folded text): what the ceiling named by an answer is (R1, R5); not "mon plafond", the user's own
# licence's (the probation's computation, "le plafond de mon permis" too), nor the cap of one check's retraits ("le
# plafond de 8 points", R3)
_CEILING_NAMED = (r"(?:le|ce|du|un|cette histoire de)\s+plafond\b"
                  r"(?!\s+(?:de|du|a)\s+(?:\d|mon|ma|son|sa|ton|ta|votre|leur)\b)")
_CEILING_MEANING_ASKED = re.compile(
    r"\b(?:c'?\s?est quoi|qu'?\s?est[- ]ce que c'?\s?est|qu'?\s?est[- ]ce que|c'?\s?est koi|ca veut dire quoi|que veut dire"
    r"|expliqu\w*(?:[- ]moi)?(?:\s+(?:juste|plutot|simplement|donc))?(?:\s+ce que c'?\s?est)?|definition d[eu]|a quoi correspond)\s*,?\s*" + _CEILING_NAMED
    + r"|" + _CEILING_NAMED + r"[^?.!]{0,30}?\b(?:c'?\s?est quoi|ca veut dire quoi|ca correspond a quoi|c'?\s?est koi)\b")


# a question about taxes (folded text): "le stage est-il déductible des impôts ?", "je peux le déduire de mes impôts ?",
# "c'est déductible ?", "crédit d'impôt pour le stage ?", "avantage fiscal ?": outside the points system, which says
# nothing of them (tester T61 c27)
_TAXES_ASKED = re.compile(r"\bimpots?\b|\bfiscal\w*|\bdefiscalis\w*|\bdeductib\w*|\bdeclaration (?:de|des) revenus\b"
                          r"|\bdedui\w* (?:de|des|sur) (?:mes |ses |vos |les )?(?:impots|revenus)\b")
#: the reply to a question about taxes: the spec and the Code de la route say nothing of them, where to ask
TAXES = ("Je ne peux pas vous répondre sur ce point : la fiscalité (un stage déductible des impôts, un crédit d'impôt…) "
         "ne relève pas du Code de la route ni des règles du permis à points, que je connais. Pour le savoir, "
         "renseignez-vous sur impots.gouv.fr ou auprès de votre centre des finances publiques.")


# "au fait ça rend combien de points un stage ?", "un stage ça redonne combien de points ?" (folded): what a stage
# gives, asked in general, no fact or plan of the user's ("si je fais un stage j'aurai combien ?" is their question)
_STAGE_POINTS_IN_GENERAL = re.compile(
    r"\b(?:ca|cela|il|un stage|le stage)\s+(?:en\s+)?(?:rend|redonne|donne|rapporte|fait (?:re)?gagner)\s+combien\b"
    r"|\bcombien de (?:points|pts)\b[^?.!]{0,25}\b(?:rend|redonne|donne|rapporte)\w*\b[^?.!]{0,15}\b(?:un|le) stage\b"
    r"|\b(?:un|le) stage\b[^?.!]{0,20}\b(?:rend|redonne|donne|rapporte)\w*\s+combien\b")
_OWN_PLAN = re.compile(r"\b(?:je|j'|me|m'|mon|ma|mes|moi|nous|on)\b|\bsi\b")
STAGE_POINTS_IN_GENERAL = (
    "Un stage rend jusqu'à 4 points, le lendemain de son 2e jour, sans dépasser le plafond du permis, et un seul stage "
    "par an peut en rendre (articles L.223-6 et R.223-8 du Code de la route).")


def stage_points_asked_in_general(message: Optional[str]) -> bool:
    """"au fait ça rend combien de points un stage ?" while a form asks another question: what a stage gives, in
    general (R12, R13), not the user's own stage to compute (tester T62/T64 c30: the recovery form gave way to the
    stage's form, the recovery question lost)."""
    folded = fold(message or "")
    return bool(_STAGE_POINTS_IN_GENERAL.search(folded)) and not _OWN_PLAN.search(folded)


def taxes_asked(message: Optional[str]) -> bool:
    """Whether the message asks about taxes ("le stage est il déductible des impots ?"), which no rule of the points
    system answers (TAXES)."""
    folded = fold(message or "")
    return bool(_TAXES_ASKED.search(folded)) and bool(re.search(r"\?|\b(?:est[- ]ce|peut|peux|puis|possible)\b", folded))


def ceiling_meaning() -> str:
    """What the ceiling is: the licence's maximum, 12 (R1), lower in probation and frozen by an offence (R5, R7), which
    neither a stage nor time can pass (R12)."""
    from rules_core.params import load_params
    maximum = load_params().at(today()).value("capital.max")
    return (f"Le plafond, c'est le nombre maximal de points que votre permis peut avoir : {maximum} points "
            "(article L.223-1 du Code de la route). En permis probatoire, il est plus bas : 6 points au départ, puis 8 "
            f"après 1 an et 10 après 2 ans sans infraction, et {maximum} à la fin de la période de 3 ans (avec la "
            f"conduite accompagnée : 6, puis 9, puis {maximum} au bout de 2 ans) ; une infraction en période probatoire "
            "le bloque jusqu'à la fin de la période (article R.223-1). Ni un stage ni le temps sans infraction ne font "
            "dépasser ce plafond : un stage rend jusqu'à 4 points, moins si votre solde en est proche (article "
            "L.223-6).")


def ceiling_meaning_asked(folded: str) -> bool:
    return bool(_CEILING_MEANING_ASKED.search(folded))


def one_balance_for_all_categories_asked(folded: str) -> bool:
    """"un solde par catégorie ? moto et voiture séparés ?", "le permis A et le B, même compteur ?" (folded text): whether
    the licence's categories share one balance (R1 edge case)."""
    return bool(_CATEGORY_NAMED.search(folded) and _POINTS_NAMED.search(folded) and _ONE_OR_EACH.search(folded))


def phone_on_a_holder_asked(message: Optional[str], entities: Optional[list] = None) -> bool:
    """"téléphone sur un support, ça compte ?", "le tel fixé pour le GPS" without another fact of the user's (a speed, a
    date…: then the offence's computation answers): a phone on a holder used as a GPS (R4: R.412-6-1, R.412-6-2)."""
    folded = fold(message or "")
    if any(e.get("entity") not in ("offence_type", "number") for e in entities or []):
        return False
    return bool(_PHONE_NAMED.search(folded) and _ON_A_HOLDER.search(folded))


def side_question_answer(message: Optional[str], entities: Optional[list] = None) -> Optional[str]:
    """The answer to a question beside the computations that the NLU did not recognise: one balance for all the
    licence's categories (R1), a phone on a holder used as a GPS (R4: R.412-6-1, R.412-6-2), a practical question
    about the stage ("le stage en présentiel c'est obligatoire ?": its part of the stage's card, R11). None for any
    other message, or one that tells facts (its entities): those are the computations' (tester T20 c11, c16, c29)."""
    folded = fold(message or "")
    # (the phone named is read as its offence: no fact of the user's)
    if not folded or any(e.get("entity") not in ("offence_type", "number") for e in entities or []):
        return None
    if one_balance_for_all_categories_asked(folded):
        return ONE_BALANCE_FOR_ALL_CATEGORIES
    if phone_on_a_holder_asked(message, entities):
        return PHONE_ON_A_HOLDER
    if taxes_asked(message):
        # "attendez, avant : le stage est il déductible des impots ?": no rule of the points system says it; said so,
        # and where to ask (tester T61 c27: ignored twice)
        return TAXES
    if ceiling_meaning_asked(folded):
        # "attends, c'est quoi le plafond dont tu parles ?" while the stage's form asks the balance: answered now, not
        # promised "juste après" and never said (tester T58 c25)
        return ceiling_meaning()
    if re.search(r"\bstages?\b", folded):
        parts = [text for pattern, text in STAGE_INFO_PARTS if pattern.search(folded)]
        if len(parts) == 1:
            return parts[0]
    return None


def outside_the_points_system(message: Optional[str]) -> Optional[str]:
    """Where to look, for a question next to the points system that the assistant does not answer (a foreign
    licence, driving abroad), or the answer for the AM licence, which has no points; None for any other message."""
    folded = fold(message or "")
    if am_licence_only(message):
        return AM_LICENCE
    if _POINTS_SYSTEM_QUESTION.search(folded):
        return None
    if _FOREIGN_SYSTEM.search(folded) and not _FOREIGN_LICENCE_IN_FRANCE.search(folded) and not _DRIVING_ABROAD.search(folded):
        return FOREIGN_SYSTEM
    if _FOREIGN_LICENCE.search(folded):
        return FOREIGN_LICENCE
    if _DRIVING_ABROAD.search(folded):
        return DRIVING_ABROAD
    return None


def answer_help(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(text=HELP_TEXT)


def answer_greet(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(text="Bonjour !")


def court_stage_kind(tracker: Tracker) -> Optional[str]:
    """The stage the latest message says the prosecutor proposed or a judge imposed (R11 cases 3 and 4):
    ``alternative``, ``composition``, ``prosecutor`` (one of these two, not said which) or ``sentence``; None when it
    names none."""
    kinds = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "stage_kind"]
    for kind in ("prosecutor", "composition", "alternative", "sentence"):  # the most specific first
        if kind in kinds:
            return kind
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if len(text) <= follow_ups.FOLLOW_UP_MAX_CHARS and _COURT_STAGE_ANSWERED.search(follow_ups.last_bot_text(tracker)) \
            and not any(e.get("entity") in follow_ups.NEW_SUBJECT_ENTITIES for e in message.get("entities", [])):
        # "et si c'est une composition pénale ?" just after a court stage's answer: that stage, of the kind it names,
        # though it names no stage (T9 c36)
        return next((kind for pattern, kind in COURT_STAGE_KINDS_NAMED if pattern.search(text)), None)
    return None


# (the answers of court_stage_answer: "(alternative aux poursuites, cas 3)", "(cas 4)")
_COURT_STAGE_ANSWERED = re.compile(r"\bcas [34]\)")
# a court stage's kind named alone, the most specific first (bot.nlu.fact_parsing's stage_kind, without a stage word)
COURT_STAGE_KINDS_NAMED = (
    (re.compile(r"\bcomposition penale\b"), "composition"),
    (re.compile(r"\balternatives? aux poursuites\b|\bclasse\w* sans suite\b|\ba la place des poursuites\b"),
     "alternative"),
    (re.compile(r"\b(?:juge|tribunal|peines? complementaires?|sursis)\b"), "sentence"),
)


def _message_day(tracker: Tracker, role: str) -> Optional[date]:
    """The first day of the latest message's date with this role; a stage's day said without its year is the nearest
    one, ahead as well as behind ("stage volontaire le 14 décembre" on 1 December 2026 is in 13 days, not a year ago;
    slot_values.nearest_stage_day)."""
    message = tracker.latest_message or {}
    for entity in message.get("entities", []):
        if entity.get("entity") == "date" and entity.get("role") == role:
            value = entity.get("value")
            if role == "stage" and "start" in entity:
                text = message.get("text") or ""
                value = nearest_stage_day(value, text[entity["start"]:entity["end"]], text, today())
            try:
                return PartialDate.parse(value).earliest()
            except InvalidAnswer:
                return None
    return None


def court_stage_answer(tracker: Tracker) -> Optional[str]:
    """"le procureur me propose un stage à la place des poursuites", "stage ordonné par le juge le 15/03, puis stage
    volontaire les 20 et 21 avril": what that stage gives (no points, not counted for the year) and, for a
    voluntary stage told with it, whether that one gives points (R11, R13 example 4, R21). None when the latest
    message names no such stage."""
    kind = court_stage_kind(tracker)
    if kind is None:
        return None
    voluntary = _message_day(tracker, "stage")
    try:
        previous = PartialDate.parse(tracker.get_slot("previous_stage_date")).latest() \
            if tracker.get_slot("previous_stage_date") not in (None, "none") else None
    except InvalidAnswer:
        previous = None
    if previous is not None and (voluntary is None or previous >= voluntary):
        previous = None  # the voluntary stage itself, read as the previous one ("et celui-là compte ?")
    balance, ceiling, notes = _balance_before_voluntary_stage(tracker, voluntary)
    try:
        decision = rules_core.court_stage(kind=kind, today=today(), voluntary_stage_first_day=voluntary,
                                          previous_points_stage_first_day=previous, balance=balance, ceiling=ceiling)
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return "\n\n".join([render(decision), *dict.fromkeys(notes)])


def _balance_before_voluntary_stage(tracker: Tracker, voluntary: Optional[date]) -> tuple:
    """The balance told before the voluntary stage ("j'avais 6 points"), and the licence's ceiling the day it takes
    effect when the facts give it (R12, R5, R7), with the notes of what was assumed: (None, None, []) without a
    voluntary stage or a balance."""
    balance = tracker.get_slot("current_balance")
    if balance is None:
        # "j'ai fait un stage volontaire les 20 et 21 avril 2026 avec 6 points": the points told with the stages
        balance = next((e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                        if e.get("entity") == "points" and e.get("role") in (None, "balance")), None)
    if voluntary is None or not isinstance(balance, (int, float)) or isinstance(balance, bool):
        return None, None, []
    from actions.answers import Facts, balance_established  # (actions.answers reads this module)
    # (the balance the conversation established, after the retrait, not the one told before it: T33 c11 got "votre
    # solde (12) est déjà au plafond" after "il vous reste 3 points", T35 c11 after a doubt naming other points, R12)
    established = balance_established(tracker)
    balance = balance if established is None else established
    facts = Facts(tracker)
    view = rules_core.load_params().at(voluntary)  # two consecutive days, in effect the day after (R.223-5, R.223-8)
    effective = add(add(voluntary, view.value("stage.length")), view.value("stage.effect_offset"))
    return int(balance), facts.ceiling_on(effective), facts.notes


def answer_stage_info(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    # "et ça coûte combien ?" after an offence is about its fine, not the stage's price
    text = answer_in_context(tracker) or court_stage_answer(tracker) or \
        stage_info_for((tracker.latest_message or {}).get("text"), card_given(tracker, STAGE_INFO))
    dispatcher.utter_message(text=text)


# "j'ai pas FranceConnect, comment je vois mes points ?", "le relevé intégral je le demande où ?": the route asked
# "le site telepoints il marche encore ?": no, replaced (R19; T12 c18 got the whole route again)
_ASKS_TELEPOINTS = re.compile(r"\btele-?\s?points?\b")
TELEPOINTS_REPLACED = (
    "Non : Télépoints n'existe plus. Il a été remplacé en novembre 2023 par le téléservice gratuit « Mes Points "
    "Permis » du ministère de l'Intérieur, avec FranceConnect (arrêté du 13 novembre 2023). Méfiez-vous des sites qui "
    "portent encore ce nom et font payer la consultation.")
# "des sites me demandent 30 euros pour voir mon solde, c'est normal ?" (T22 c21 got the route again): the official
# service is free, the paying sites are private go-betweens (R19; arrêté du 13 novembre 2023; L.225-3)
_ASKS_PAYING_SITES = re.compile(
    r"\bsites?\b[^.?!]{0,60}(?:\b\d+ ?(?:euros?|eur|balles)\b|\d ?€|\bpayant|\bpayer\b|\bpaye[rz]?\b|\bfactur|\barnaqu)"
    r"|(?:\b\d+ ?(?:euros?|eur|balles)\b|\d ?€)[^.?!]{0,40}\b(?:solde|points?|releve)\b|\barnaqu\w*|\bescroqu\w*")
PAYING_SITES = (
    "Non, vous n'avez rien à payer : la consultation de votre solde sur « Mes Points Permis », le téléservice officiel "
    "du ministère de l'Intérieur (avec FranceConnect), est gratuite (arrêté du 13 novembre 2023). Les sites qui font "
    "payer ne sont pas officiels : ce sont des intermédiaires privés, qui ne donnent rien de plus que ce téléservice. "
    "Sans internet, demandez votre relevé d'information intégral à la préfecture (article L.225-3 du Code de la "
    "route).")
CHECK_BALANCE_PARTS = ((_ASKS_TELEPOINTS, TELEPOINTS_REPLACED),
                       (_ASKS_PAYING_SITES, PAYING_SITES),
                       (follow_ups.ASKS_RELEVE_INTEGRAL, follow_ups.RELEVE_INTEGRAL),
                       (follow_ups.ASKS_WITHOUT_ONLINE, follow_ups.BALANCE_WITHOUT_FRANCECONNECT))


def answer_check_balance(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    message = (tracker.latest_message or {}).get("text")
    folded = fold(message or "")
    # (the first route asked: "pas de FranceConnect, le relevé intégral c'est possible ?" asks the relevé)
    if one_balance_for_all_categories_asked(folded):
        # "j'ai un solde par catégorie ? moto et voiture séparés ?" read as this question: one balance for all (R1), not
        # where to read it
        dispatcher.utter_message(text=ONE_BALANCE_FOR_ALL_CATEGORIES)
        return
    route = next((text for pattern, text in CHECK_BALANCE_PARTS if pattern.search(folded)), HOW_TO_CHECK_BALANCE)
    if route == HOW_TO_CHECK_BALANCE and _SEVERAL_OFFENCES_TOLD.search(folded):
        # "j'ai le permis depuis 2010 et j'ai eu plusieurs amendes, je voudrais savoir où j'en suis": the offences are
        # there to be told, and the balance computed from them (R8, R9; T54 c01 got "Quelle est votre question ?")
        route = f"{route}\n\n{estimate_offer(tracker)}"
    dispatcher.utter_message(text=follow_ups.cannot_look_up_first(folded, route))


# "j'ai eu plusieurs amendes", "deux PV cette année", "pas mal d'excès" (folded text): offences the user can list
_SEVERAL_OFFENCES_TOLD = re.compile(r"(?:\b|(?<='))" + follow_ups.SEVERAL + r"\s*(?:\w+\s+){0,2}?"
                                    + follow_ups.OFFENCE_WORDS + r"\b")


def estimate_offer(tracker: Tracker) -> str:
    """The offer to compute the balance from the offences told, about the offence the message dates when it dates one
    ("un truc en 2024")."""
    years = [str(e.get("value"))[:4] for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "date" and isinstance(e.get("value"), str) and e.get("role") != "licence"]
    asked = (f"pour l'infraction de {years[0]}, de quoi il s'agissait (ou combien de points elle vous a retirés) et à "
             "quelle date l'amende a été payée" if years else
             "vos infractions (ce que c'était, ou les points retirés) et la date de paiement de chaque amende")
    return f"Je peux aussi l'estimer : dites-moi {asked}."


# "c'est écrit 9 points retirés au total, il me reste combien ?", "on m'a enlevé 4 points en tout": the points lost,
# not one offence's (T11 c17)
_POINTS_LOST_IN_TOTAL = re.compile(
    r"\b(\d{1,2}) (?:points?|pts?) (?:(?:m'?\s?ont ete |ont ete |m'?\s?a ete )?(?:retire|perdu|enleve)s?"
    r"|de (?:retire|perdu|enleve)s?)\b"
    r"|\b(?:perdu|retire|enleve)s? (?:(?:au total|en tout) )?(\d{1,2}) (?:points?|pts?)\b"
    # the noun: "retrait 3 points feu rouge", "un retrait de 4 points" (helper h21)
    r"|\bretraits? (?:de )?(\d{1,2}) (?:points?|pts?)\b")


# "la lettre indique 3 points", "c'est écrit 3 points sur le relevé", "Mes Points Permis affiche un retrait de 3":
# the figure comes from the national file, which prevails over the scale (R4, R19)
_FIGURE_FROM_THE_FILE = re.compile(
    r"\b(?:lettre|courrier|releve|48\s?[a-z]?|mes points permis|fnpc|fichier|avis|notification|site)\b[^.?!]{0,40}"
    r"\b(?:indiqu|marqu|affich|di[st]\b|ecrit|mentionn|not)\w*"
    r"|\b(?:ecrit|marque|indique|note|affiche)s?\b[^.?!]{0,30}\b(?:lettre|courrier|releve|mes points permis|fnpc|fichier|site)\b"
    r"|\b(?:d'apres|selon|sur) (?:la |le |l'|mon |ma )?(?:lettre|courrier|releve|mes points permis|fnpc|fichier|site)\b")
# several retraits added ("9 points retirés au total", "mes retraits", "en tout"): no one offence's scale applies
_SEVERAL_RETRAITS = re.compile(r"\b(?:au total|en tout|retraits|cumul\w*|plusieurs|additionn\w*)\b")


def scale_points_instead(lost: int, offences, day: date, folded: str):
    """A retrait told with its one offence whose scale gives other points ("retrait 3 points feu rouge": R4 says 4):
    (points to count, line saying so). The scale's points, said plainly ("Un feu rouge coûte 4 points, pas 3"), unless
    the user read the figure on a letter or in the national file, which then prevails with a caveat. None when the
    figures agree, when several offences or a total are told, or for an excess of speed (its points need the speeds)."""
    named = {o for o in offences or () if isinstance(o, str)}
    if len(named) != 1 or "speeding" in named or _SEVERAL_RETRAITS.search(folded):
        return None
    try:
        scale = rules_core.offence_points(offence=named.pop(), commission=day, today=day)
    except rules_core.InconsistentFacts:
        return None
    points, label, article = scale.results.get("points"), scale.results.get("label_fr"), scale.results.get("article")
    if not points or points == lost:
        return None
    cited = f" (article {article} du Code de la route)" if article else ""
    if _FIGURE_FROM_THE_FILE.search(folded):
        return lost, (f"Au barème, l'infraction « {label} » retire {points} points, pas {lost}{cited} : j'ai compté "
                      f"les {lost} points que vous avez lus sur votre lettre ou votre relevé, car c'est le Fichier "
                      "national des permis de conduire qui fait foi ; s'il s'agit bien de cette infraction, l'écart "
                      "mérite d'être vérifié auprès de la préfecture.")
    return points, (f"L'infraction « {label} » retire {points} points au barème, pas {lost}{cited} : j'ai compté "
                    f"{points} points. Si votre lettre ou « Mes Points Permis » indique {lost} points, c'est ce chiffre "
                    "qui compte : dites-le-moi.")


def balance_after_points_lost(message: str, probationary: Optional[bool], offences=()) -> Optional[str]:
    """The balance left after the points lost told ("9 points retirés au total"), when no date tells when: the
    maximum minus them, if none came back since (R1, R8–R10); `probationary` False when the licence's date says it
    is no longer probationary, None when unknown (the 12 points then hold only outside the probation, R5).
    `offences`: the offences the message names; one whose scale gives other points is counted at the scale's
    (scale_points_instead, R4)."""
    folded = fold(message or "")
    found = _POINTS_LOST_IN_TOTAL.search(folded)
    if found is None:
        return None
    lost = int(next(group for group in found.groups() if group))
    maximum = rules_core.load_params().at(today()).value("capital.max")
    if not 0 < lost:
        return None
    instead = scale_points_instead(lost, offences, today(), folded)
    if instead:
        lost = instead[0]
    left = maximum - lost
    condition = "Votre permis n'étant plus probatoire" if probationary is False else \
        "Si votre permis n'est plus probatoire"
    # "9 points retirés au total": several retraits; "retrait 3 points feu rouge": one (h27: "ces retraits" for it)
    since = "ces retraits" if _SEVERAL_RETRAITS.search(folded) else "ce retrait"
    if left <= 0:
        result = (f"{condition}, {maximum} − {lost} : il ne vous resterait plus aucun point. Votre permis reste "
                  "valable jusqu'à ce que la lettre 48SI vous soit notifiée, et un stage terminé avant elle ajoute "
                  "4 points au solde calculé (articles L.223-1 et L.223-6 du Code de la route).")
    else:
        result = (f"{condition}, il vous reste {left} point{'s' if left > 1 else ''} ({maximum} − {lost}), si aucun "
                  f"point n'est revenu depuis {since} (article L.223-1 du Code de la route).")
    if instead:
        result += " " + instead[1]
    if probationary is None:
        result += (" En permis probatoire, le calcul part de votre plafond du moment (6 points au départ, puis plus "
                   "chaque année sans infraction, article L.223-1).")
    return (result + " Votre solde officiel est celui de « Mes Points Permis » (avec FranceConnect) ou du relevé "
            "intégral (article L.225-3 du Code de la route).")


def answer_suspension(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(text=suspension_info_for((tracker.latest_message or {}).get("text")))


def answer_zero_points(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(text=zero_points_info_for((tracker.latest_message or {}).get("text")))


# The part of the zero-points card a precise question asks (T4 m095–m098); the whole card otherwise (R18, R20).
ZERO_POINTS_SECOND_TIME = (
    "Pour une deuxième perte totale des points en moins de 5 ans, vous ne pourrez obtenir un nouveau permis qu'un an "
    "après avoir rendu le vôtre à la préfecture, au lieu de 6 mois (article L.223-5 du Code de la route). "
    "L'invalidation durant alors au moins un an, le code et la conduite sont à repasser ; les examens peuvent être "
    "passés pendant ce délai, après l'examen médical et psychotechnique, à vos frais. Le nouveau permis est "
    "probatoire, avec 6 points."
)
ZERO_POINTS_MEDICAL = (
    "Après une invalidation, un examen médical et psychotechnique est obligatoire avant de repasser le permis, à "
    "vos frais (environ 36 € la visite chez un médecin agréé, 50 € devant la commission médicale : montants à "
    "vérifier) ; il peut être fait pendant le délai d'attente de 6 mois (article L.223-5 du Code de la route)."
)
ZERO_POINTS_STILL_VALID = (
    "Oui : à 0 point, votre permis reste valable tant que la lettre 48SI (invalidation) ne vous a pas été "
    "notifiée, et vous pouvez conduire (article L.223-1 du Code de la route). Faites au plus vite un stage : "
    "terminé avant cette notification, il ajoute 4 points à votre solde et sauve votre permis (Conseil d'État, 29 "
    "septembre 2023, n° 461479). Une lettre recommandée présentée mais non retirée compte comme notifiée."
)


def _negative_balance(message: str) -> Optional[str]:
    """"solde négatif -2, je peux sauver mon permis ?": the stage's 4 points on that balance (R18: B + 4 ≥ 1)."""
    found = re.search(r"(?:-|−|\bmoins\s+)\s?(\d{1,2})\b", message)
    if found is None or not re.search(r"negati|\bsolde\b|\bpoints?\b|\bpts?\b|sauv", message):
        return None
    return stage_on_a_negative_balance(-int(found.group(1)), yes_or_no=True)


def stage_on_a_negative_balance(balance: int, yes_or_no: bool) -> str:
    """What a stage does to a computed balance below 0 (R18: saved if it ends before the 48SI's notification and
    B + 4 ≥ 1, that is B ≥ −3); with `yes_or_no`, led by the answer to "je peux sauver mon permis ?"."""
    below = -balance
    if below > 3:
        return (f"{'Non : avec' if yes_or_no else 'Avec'} un solde calculé de -{below}, un stage ne vous ramènerait "
                f"qu'à {4 - below} point{'s' if abs(4 - below) > 1 else ''} : il ne peut sauver le permis que si le "
                "solde n'est pas inférieur à -3 (Conseil d'État, 29 septembre 2023, n° 461479). La lettre 48SI suivra.")
    lead = "Oui, si" if yes_or_no else f"Avec un solde calculé de -{below}, votre permis peut encore être sauvé si"
    return (f"{lead} le stage est terminé avant que la lettre 48SI vous soit notifiée : il ajoute 4 points au solde "
            f"calculé, soit -{below} + 4 = {4 - below} point{'s' if 4 - below > 1 else ''}, et votre permis est sauvé "
            "(Conseil d'État, 29 septembre 2023, n° 461479). Faites-le au plus vite.")


ZERO_POINTS_UNNAMED_LETTER_NOT_COLLECTED = (
    "Attention : si ce recommandé est la lettre 48SI, il compte comme notifié dès qu'il vous a été présenté, même "
    "sans l'avoir retiré : votre permis n'est alors plus valable, et un stage ne peut plus le sauver ni vous rendre "
    "de points (Conseil d'État, 17 avril 2025, n° 492072). S'il s'agit d'une autre lettre (48 ou 48M), le permis "
    "reste valable jusqu'à la notification de la 48SI, et un stage terminé avant elle ajoute 4 points à votre solde "
    "(Conseil d'État, 29 septembre 2023, n° 461479). Retirez vite le courrier pour savoir lequel c'est."
)

ZERO_POINTS_PARTS = (
    # "zéro point, avis de passage pour un recommandé, pas encore retiré, je peux faire un stage ?" (T6 n030)
    (re.compile(r"^(?!.*\b48\s?(?:si|n|m)?\b)(?=.*\b(?:recommande|avis de passage|la poste|facteur)\b)"
                r"(?=.*\b(?:pas (?:encore )?(?:retire|recupere|ete chercher|alle chercher)|non (?:retire|reclame))\b)"),
     ZERO_POINTS_UNNAMED_LETTER_NOT_COLLECTED),
    (re.compile(r"\b(?:2e|2eme|deuxieme|seconde?) (?:fois|invalidation|perte)|\bre-?invalid\w*|\bdeja (?:ete )?invalide"
                r"|\bdeux invalidations\b|\bencore (?:une fois )?invalide"), ZERO_POINTS_SECOND_TIME),
    (re.compile(r"\bmedic\w*|\bpsycho\w*|\bvisite\b|\bmedecin\b|\bcommission\b"), ZERO_POINTS_MEDICAL),
    # (not a letter "pas récupérée", "pas retirée" at the post office: presented, it is notified)
    (re.compile(r"^(?!.*\b(?:recuper\w*|retir\w*|cherch\w*|avis de passage|la poste)\b)"
                r"(?=.*\bpas (?:encore )?(?:recu|eu)\b)(?=.*(?:" + MAY_I_DRIVE.pattern + r"|\bvalable\b|\bvalide\b))"),
     ZERO_POINTS_STILL_VALID),
)


# "j'ai perdu mon permis dans le train", "on m'a volé mon permis": the card, not the points (T4 m148)
LOST_CARD = re.compile(r"\b(?:fait voler|vole|voler|piquer|pique|derobe)\s+(?:mon|le|son|ma carte de|la carte de)\s+permis\b"
                       r"|\b(?:perdu|egare|oublie)\s+(?:mon|le|son|ma carte de|la carte de)\s+permis(?: de conduire)?\b"
                       r"(?=\s+(?:dans|au|a la|a l'|en|chez|quelque part|sur|pendant|hier|ce)\b|\s*$|\s*[,.?!])"
                       r"(?!.*\bpoints?\b)|\b(?:carte|papier|titre)(?: rose)? (?:de |du )?permis (?:perdu|vole|egare)"
                       r"|\bpermis (?:vole|egare)\b|\bvol de (?:mon |mon |son )?permis\b")
LOST_CARD_ANSWER = (
    "Si c'est la carte de votre permis que vous avez perdue ou qu'on vous a volée, vos points ne changent pas : "
    "déclarez la perte en ligne sur le site de l'ANTS (le vol, au commissariat ou à la gendarmerie), puis demandez "
    "un nouveau titre sur ants.gouv.fr ; le récépissé vous permet de conduire en attendant. Si vous parliez d'un "
    "permis perdu faute de points, dites-le-moi : je vous explique l'invalidation."
)


def zero_points_info_for(message: Optional[str]) -> str:
    """The part of the zero-points card this message asks, or the whole card."""
    folded = fold(message or "")
    if LOST_CARD.search(folded):
        return LOST_CARD_ANSWER
    negative = _negative_balance(folded)
    if negative:
        return negative
    return next((text for pattern, text in ZERO_POINTS_PARTS if pattern.search(folded)), ZERO_POINTS_INFO)


def answer_retrait_timing(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """"au fait, les points sont retirés quand ?" in the middle of a form: R2 for the user's case."""
    try:
        decision, notes = retrait_decision(tracker, today())
    except rules_core.InconsistentFacts as error:
        dispatcher.utter_message(text=render_error(error))
        return
    dispatcher.utter_message(text="\n\n".join([render(decision), *notes]))


def answer_thanks(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(text="Avec plaisir !")


def answer_bot_challenge(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    dispatcher.utter_message(response="utter_iamabot")


def answer_out_of_scope(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    from actions.forms import designation_answer  # (forms reads this module)
    dispatcher.utter_message(text=designation_answer(tracker)
                             or outside_the_points_system((tracker.latest_message or {}).get("text"))
                             or "Je ne peux pas vous aider sur ce sujet, je réponds seulement sur le permis à points français.")


# Side questions answered in the middle of a form, after which the form asks again.
INFORMATIONAL_ANSWERS: Dict[str, Callable[[CollectingDispatcher, Tracker], None]] = {
    "ask_stage_info": answer_stage_info,
    "ask_check_balance": answer_check_balance,
    "ask_suspension": answer_suspension,
    "ask_zero_points": answer_zero_points,
    "ask_retrait_timing": answer_retrait_timing,
    "thank": answer_thanks,
    "help": answer_help,
    "greet": answer_greet,
    "bot_challenge": answer_bot_challenge,
    "out_of_scope": answer_out_of_scope,
}
