"""Table-driven tests of bot.nlu.fact_parsing (today pinned to 2026-11-23)."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import Fact, extract_facts

TODAY = date(2026, 11, 23)


def facts(text: str):
    return extract_facts(text, TODAY)


def triples(text: str):
    return {(f.entity, f.value, f.role) for f in facts(text)}


OFFENCE = "offence_type"
DRIVER, PASSENGER, CHILD = (OFFENCE, "seatbelt"), (OFFENCE, "seatbelt_adult_passenger"), (OFFENCE, "child_restraint")

# (message, facts that must be present as (entity, value, role), entities or (entity, value) that must be absent)
CASES = [
    # --- dates: numeric, day first
    ("j'ai eu mon permis le 12/03/2023", [("date", "2023-03-12", "licence")], ["number", "points"]),
    ("12-03-23", [("date", "2023-03-12", None)], ["number"]),
    ("le 12.03.2023", [("date", "2023-03-12", None)], ["number"]),
    ("2023-03-12", [("date", "2023-03-12", None)], ["number"]),
    ("le 5/1/2024", [("date", "2024-01-05", None)], ["number"]),
    ("03/2023", [("date", "2023-03", None)], ["number"]),
    ("le 12/03", [("date", "2026-03-12", None)], ["number"]),
    ("le 31/02/2023", [("invalid_date", "31/02/2023", None)], ["date", "number", "points"]),
    # a full stop ending the sentence is not part of the date
    ("reçu le 25/11/2026. et maintenant ?", [("date", "2026-11-25", None)], ["number"]),
    ("le 12/03.", [("date", "2026-03-12", None)], ["number"]),
    ("2023-03-12.", [("date", "2023-03-12", None)], ["number"]),
    ("en 03/2023.", [("date", "2023-03", None)], ["number"]),
    ("les 30 et 31/12/2025.", [("date", "2025-12-30", None)], ["number"]),
    ("il me reste 7/12.", [("points", 7, "balance")], ["date", "number"]),
    ("le 12.03.2023.5", [], ["date"]),
    # --- dates: words, precision
    ("mars 2023", [("date", "2023-03", None)], ["number"]),
    ("en 2023", [("date", "2023", None)], ["number"]),
    ("le 1er février 2022", [("date", "2022-02-01", None)], ["number"]),
    ("le 1er fevrier 2022", [("date", "2022-02-01", None)], ["number"]),
    ("le 12 sept 2023", [("date", "2023-09-12", None)], ["number"]),
    ("le douze mars deux mille vingt-trois", [("date", "2023-03-12", None)], ["number"]),
    # --- dates: relative to today
    ("hier", [("date", "2026-11-22", None)], []),
    ("avant-hier", [("date", "2026-11-21", None)], []),
    ("il y a deux ans", [("date", "2024-11-23", None)], ["number"]),
    ("il y a 2 ans", [("date", "2024-11-23", None)], ["number"]),
    ("il y a 3 semaines", [("date", "2026-11-02", None)], ["number"]),
    ("il y a un an et demi", [("date", "2025-05-23", None)], ["number"]),
    ("depuis 18 mois", [("date", "2025-05-23", None)], ["number"]),
    ("le mois dernier", [("date", "2026-10", None)], []),
    ("l'année dernière", [("date", "2025", None)], []),
    ("l'annee derniere", [("date", "2025", None)], []),
    ("lundi dernier", [("date", "2026-11-16", None)], []),
    # --- year-less dates: the most recent one not in the future
    ("en mars", [("date", "2026-03", None)], []),
    ("en novembre", [("date", "2026-11", None)], []),
    ("le 3 janvier", [("date", "2026-01-03", None)], ["number"]),
    ("le 12", [("date", "2026-11-12", None)], ["number"]),
    # --- future dates are kept as they are
    ("le 12/03/2027", [("date", "2027-03-12", None)], []),
    ("demain", [("date", "2026-11-24", None)], []),
    # --- date roles
    ("permis obtenu en juin 2021", [("date", "2021-06", "licence")], []),
    ("j'ai le permis depuis 18 mois", [("date", "2025-05-23", "licence")], []),
    ("jeune permis depuis mars 2025", [("date", "2025-03", "licence")], []),
    ("ça fait 3 ans que j'ai le permis", [("date", "2023-11-23", "licence")], []),
    ("jai eu mon permi en 2020", [("date", "2020", "licence")], []),
    ("j'ai fait un stage de récupération de points en mars 2023", [("date", "2023-03", "stage")], []),
    ("dernier stage en 2022", [("date", "2022", "stage")], []),
    ("stage effectué le 4 avril 2024", [("date", "2024-04-04", "stage")], []),
    ("j'ai reçu la lettre 48N le 3 mars", [("date", "2026-03-03", "letter_48n"), ("letter_code", "48N", None)], ["number"]),
    ("lettre reçue le 3/11/2026", [("date", "2026-11-03", "letter_48n")], []),
    ("j'ai payé l'amende le 5 octobre", [("date", "2026-10-05", "payment")], []),
    ("amende réglée le 02/09/2026", [("date", "2026-09-02", "payment")], []),
    ("flashé le 2 novembre", [("date", "2026-11-02", "offence")], []),
    ("infraction commise le 12.03.2025", [("date", "2025-03-12", "offence")], []),
    ("le 12/03/2023", [("date", "2023-03-12", None)], []),
    ("permis obtenu le 3 mars 2020 et stage fait le 5 mai 2023",
     [("date", "2020-03-03", "licence"), ("date", "2023-05-05", "stage")], []),
    # the end of probation is not the day a letter came (tester T1 c61)
    ("Mon permis probatoire s'est terminé le 1er octobre 2026 mais je viens de recevoir une 48N",
     [("date", "2026-10-01", "probation_end")], [("date", "2026-10-01", "letter_48n"), ("date", "2026-10-01", None)]),
    ("fin de ma période probatoire le 10 mars 2026, 48N reçue le 3 novembre",
     [("date", "2026-03-10", "probation_end"), ("date", "2026-11-03", "letter_48n")], []),
    ("je suis plus probatoire depuis le 2 mai 2026", [("date", "2026-05-02", "probation_end")],
     [("date", "2026-05-02", "licence")]),
    # typos of a phone typed story (tester T1 c59)
    ("permi obtenu le 2 fevrier 2026 en conduite acompagné. ja iperdu 3 point pour telefone",
     [("date", "2026-02-02", "licence"), ("supervised_driving", True, None), ("offence_type", "phone", None),
      ("points", 3, "lost")], []),
    # the day the retrait took effect (R2, R18; tester T1 c49)
    ("payé le 20 octobre 2026, sur Mes Points Permis le retrait a été enregistré le 15 novembre 2026",
     [("date", "2026-10-20", "payment"), ("date", "2026-11-15", "retrait_decision")], []),
    ("retrait de 4 points décidé le 2 avril 2026", [("date", "2026-04-02", "retrait_decision")], []),
    # a loss denied is no count (tester T2, R14 ex. 2: "jamais perdu un point" became a pending retrait of 1)
    ("permis depuis 10 ans, jamais perdu un point, j'ai 12.", [("points", 12, "balance")], [("points", 1)]),
    ("je n'ai pas perdu de points", [], ["points"]),
    # a short aside in brackets does not cut the date from its cue (tester T2, R18 ex. 1: taken for a stage's)
    ("je viens de payer une amende feu rouge (4 points) le 25 novembre 2026",
     [("date", "2026-11-25", "offence")], [("date", "2026-11-25", None), ("date", "2026-11-25", "stage")]),
    # --- points
    # the balance before a stage told in the past tense (tester T1 c01)
    ("stage le 14 et 15 novembre, il me restait 5 points, j'en ai combien ?", [("points", 5, "balance")], []),
    # points that came back are not a retrait: the yearly increment of a probationary licence, a stage (T1 c86, c77)
    ("j'ai eu mes 2 points en juin 2024", [("points", 2, "gained")], [("points", 2, None), ("points", 2, "lost")]),
    ("le stage m'a rendu 4 points", [("points", 4, "gained")], []),
    ("j'ai récupéré 3 points l'an dernier", [("points", 3, "gained")], []),
    ("j'ai eu 2 points en plus", [("points", 2, "gained")], []),
    ("j'ai eu 2 points de retirés", [("points", 2, "lost")], []),
    ("on m'a enlevé 3 points, j'en ai récupéré 1 point", [("points", 3, "lost"), ("points", 1, "gained")], []),
    ("il me reste 7 points", [("points", 7, "balance")], ["number"]),
    # T4 m008, m012: where the driver stands, said with "avec" or "je suis à" and no unit
    ("Combien de points rend un stage pour un jeune conducteur avec 2 points ?", [("points", 2, "balance")], []),
    ("Si je fais un stage je récupère 4 points même si je suis à 11 ?", [("points", 11, "balance"),
                                                                         ("points", 4, "gained")], ["number"]),
    ("je suis a 9, un stage ca me fait combien ?", [("points", 9, "balance")], ["number"]),
    ("je suis à 130 sur l'autoroute", [("number", 130, None)], ["points"]),
    ("je suis à 2 ans de permis", [], ["points"]),
    ("flashé avec 2 points retirés", [("points", 2, "lost")], [("points", 2, "balance")]),
    ("il me reste sept points", [("points", 7, "balance")], ["number"]),
    ("j'ai 5 points", [("points", 5, "balance")], ["number"]),
    ("J'AI 4 POINTS", [("points", 4, "balance")], []),
    ("solde de 8", [("points", 8, "balance")], ["number"]),
    ("je suis à 3 points", [("points", 3, "balance")], []),
    ("je suis a 3 pts", [("points", 3, "balance")], []),
    ("7 pts", [("points", 7, "balance")], ["number"]),
    ("7/12", [("points", 7, "balance")], ["date", "number"]),
    # a probationary ceiling (R5): "5/8" is a balance once said as one; alone, it stays a date
    ("j'ai 5/8", [("points", 5, "balance")], ["date", "number"]),
    ("je suis a 3/6 en probatoire", [("points", 3, "balance")], ["date", "number"]),
    ("5/8", [("date", "2026-08-05", None)], ["points"]),
    ("le 5/8 j'ai perdu 3 points", [("date", "2026-08-05", None), ("points", 3, "lost")], []),
    ("il me reste 1 point", [("points", 1, "balance")], []),
    # "filière classique": without AAC (R5)
    ("en filière classique", [("supervised_driving", False, None)], []),
    ("formation traditionnelle, pas de formation complémentaire", [("supervised_driving", False, None)], []),
    # a day without its year right after a dated one of the same story follows it
    ("flashé le 10 août 2025 (payé le 20 août)", [("date", "2025-08-10", "offence"), ("date", "2025-08-20", "payment")],
     []),
    ("infraction le 28 décembre 2024, payée le 5 janvier", [("date", "2025-01-05", "payment")], []),
    ("permis obtenu le 3 mars 2020, flashé le 5 avril", [("date", "2020-03-03", "licence")], [("date", "2020-04-05")]),
    ("non c'est le premier", [("previous_stage", False, None)], ["date"]),
    ("c'est le premier stage", [("previous_stage", False, None)], ["date"]),
    ("le premier", [("date", "2026-11-01", None)], ["previous_stage"]),
    # a balance of 0 however it is said (R20), and what the téléservice shows
    ("je n'ai plus aucun point", [("points", 0, "balance")], []),
    ("il me reste zero point", [("points", 0, "balance")], []),
    ("je suis à zéro", [("points", 0, "balance")], []),
    ("je vois 0 point sur le site", [("points", 0, "balance")], []),
    ("le site affiche 8 points", [("points", 8, "balance")], []),
    ("je n'ai perdu aucun point", [], ["points"]),
    ("j'ai plus de points que toi", [], ["points"]),
    ("j'avais 12 points, j'ai perdu 3 points en mars", [("points", 12, "balance"), ("points", 3, "lost")], []),
    # the balance before a loss, said in the past (testers, item 2)
    ("il me restait 10 points, j'ai perdu 2 points en juin", [("points", 10, "balance"), ("points", 2, "lost")], []),
    ("il ne me restait que 4 points", [("points", 4, "balance")], []),
    # no offence since the licence (R5, R7): only the absence is read, never a plan or a recent period
    ("jamais eu d'infraction", [("offence_since_licence", False, None)], []),
    ("aucune amende depuis mon permis", [("offence_since_licence", False, None)], []),
    ("j'ai pas perdu de points, combien j'en ai ?", [("offence_since_licence", False, None)], []),
    ("je n'ai pas d'infraction depuis 2 ans", [], ["offence_since_licence"]),
    # a question about a plan in the next clause leaves the absence told (h37: "Avez-vous commis une infraction ?"
    # was asked after "sans infraction, je peux faire un stage ?")
    ("permis depuis juin 2023 sans infraction, je peux faire un stage ?", [("offence_since_licence", False, None)], []),
    ("jamais eu d'amende, je peux faire un stage ?", [("offence_since_licence", False, None)], []),
    ("aucune infraction, si je fais un stage j'aurai combien ?", [("offence_since_licence", False, None)], []),
    ("si je n'ai aucune infraction, je récupère quand ?", [], ["offence_since_licence"]),
    # the value after "pas" is the one corrected away ("le 3 juillet 2024 pas 2025", "3 points pas 4")
    ("j'ai eu le permis le 3 juillet 2024 pas 2025", [("date", "2024-07-03", "licence")], [("date", "2025")]),
    ("non c'était 3 points en juin pas 4", [("points", 3, None)], ["number"]),
    ("attends non c'etait le 12 octobre pas le 2", [("date", "2026-10-12", None)], [("date", "2026-11-02")]),
    ("à 135 au lieu de 110", [("speed_limit", 110, None)], []),
    ("c'est une lettre 48 tout court, pas 48N", [("letter_code", "48", None)], [("letter_code", "48N")]),
    ("c'est une 48M pas une 48N", [("letter_code", "48M", None)], [("letter_code", "48N")]),
    ("si je n'ai pas d'amende d'ici là", [], ["offence_since_licence"]),
    ("j'ai eu une infraction en mars", [], ["offence_since_licence"]),
    ("j'étais à 8 points avant le stage", [("points", 8, "balance")], []),
    ("j'ai 15 points", [("points", 15, "balance")], []),
    ("j'ai perdu 3 points", [("points", 3, "lost")], ["number", ("points", 3, "balance")]),
    ("J'ai perdu un point", [("points", 1, "lost")], []),
    ("retrait de 4 points", [("points", 4, "lost")], []),
    ("-2 points", [("points", 2, "lost")], ["number"]),
    # a minus count in brackets after an offence is its loss (h37)
    ("un excès de vitesse (-1) et un téléphone (-3)", [("points", 1, "lost"), ("points", 3, "lost")], ["number"]),
    ("mon solde (-1)", [], [("points", 1, "lost")]),
    ("2 points en moins", [("points", 2, "lost")], []),
    ("on m'a retiré 6 pts", [("points", 6, "lost")], []),
    ("il me reste 7 points et j'en ai perdu 3", [("points", 7, "balance"), ("points", 3, "lost")], []),
    ("une infraction à 4 points", [("points", 4, None)], ["number"]),
    # counts listed after a loss are losses; not what is left or what came back
    ("perdu 3 points en mars 2025 pour vitesse et 1 point en octobre 2026 pour un feu orange",
     [("points", 3, "lost"), ("points", 1, "lost")], [("points", 1, None), ("points", 1, "balance"), "number"]),
    ("j'ai perdu 4 points en mars, 2 points en avril et un point en mai",
     [("points", 4, "lost"), ("points", 2, "lost"), ("points", 1, "lost")], [("points", 2, None), ("points", 1, None)]),
    ("retrait de 4 points le 3 mars et de 2 points le 5 avril", [("points", 4, "lost"), ("points", 2, "lost")], []),
    ("j'ai perdu 3 points et il me reste 1 point", [("points", 3, "lost"), ("points", 1, "balance")],
     [("points", 1, "lost")]),
    ("j'ai perdu 3 points et j'ai 9 points", [("points", 9, "balance")], [("points", 9, "lost")]),
    ("perdu 3 points et récupéré 4 points", [("points", 3, "lost")], [("points", 4, "lost")]),
    ("j'ai perdu 3 points. 12 points au départ", [("points", 3, "lost")], [("points", 12, "lost")]),
    ("j'ai 12 points", [("points", 12, "balance")], [("points", 12, "lost")]),
    ("il me reste 1 point", [("points", 1, "balance")], [("points", 1, "lost")]),
    # --- bare numbers
    ("7", [("number", 7, None)], ["points"]),
    ("sept", [("number", 7, None)], ["date"]),
    ("j'en ai 8", [("number", 8, None)], []),
    ("huit", [("number", 8, None)], []),
    ("j'ai un excès de vitesse", [("offence_type", "speeding", None)], ["number"]),
    ("à 14h30 j'ai été contrôlé", [], ["number", "date"]),
    ("j'ai payé 135 euros", [], ["number"]),
    # --- speeds
    ("25 km/h au-dessus", [("speed_excess", 25, None)], ["number"]),
    ("excès de 25", [("speed_excess", 25, None)], ["number"]),
    ("+25", [("speed_excess", 25, None)], ["number"]),
    ("un excès de vingt-cinq km/h", [("speed_excess", 25, None)], ["number"]),
    ("flashé à 135 au lieu de 110",
     [("speed_excess", 25, None), ("speed_measured", 135, None), ("speed_limit", 110, None)], ["number"]),
    ("135 sur une route limitée à 110", [("speed_excess", 25, None), ("speed_limit", 110, None)], ["number"]),
    ("à 58 en ville (50)", [("speed_excess", 8, None), ("speed_measured", 58, None), ("speed_limit", 50, None)], ["number"]),
    ("flashé à 95 km/h sur une route à 80", [("speed_excess", 15, None)], ["number"]),
    ("route limitée à 80", [("speed_limit", 80, None)], ["number"]),
    # the road says the limit when it leaves no doubt (autoroute 130, en ville 50); a nationale does not
    ("et sur autoroute à 134 ?", [("speed_excess", 4, None), ("speed_measured", 134, None), ("speed_limit", 130, None)],
     ["number"]),
    ("et en ville a 65 ?", [("speed_excess", 15, None), ("speed_limit", 50, None)], ["number"]),
    ("excès de 15 km/h sur autoroute", [("speed_excess", 15, None), ("speed_limit", 130, None)], []),
    ("sur autoroute limitée à 110 j'étais à 125", [("speed_excess", 15, None), ("speed_limit", 110, None)], ["number"]),
    ("j'ai pris l'autoroute pendant 2 ans", [], ["speed_limit"]),
    ("sur l'autoroute j'avais 12 points", [("points", 12, "balance")], ["speed_limit"]),
    ("à 95 sur une nationale", [], ["speed_limit", "speed_excess"]),
    # "il me restait 5 points" before a stage: the balance the stage starts from (R12, R14 example 3)
    ("il me restait 5 points, j'ai fait un stage les 12 et 13 mars 2026", [("points", 5, "balance")], []),
    ("il ne me restait que 2 points", [("points", 2, "balance")], []),
    # the letter "est arrivée", "m'est arrivée", "a été signée": its receipt's date (R15)
    ("La 48N est arrivée le 14 novembre 2025", [("date", "2025-11-14", "letter_48n")], []),
    ("la lettre 48N m'est arrivée le 14 novembre 2025", [("date", "2025-11-14", "letter_48n")], []),
    # the next stage named without the word, in a message about stages, is a stage's date (R13 example 2)
    ("dernier stage le 01/12/2025, j'en refais un le 30/11/2026", [("date", "2025-12-01", "stage"),
                                                                    ("date", "2026-11-30", "stage")], []),
    ("j'ai fait un stage le 1er décembre 2025 et je commence le prochain le 30 novembre 2026",
     [("date", "2026-11-30", "stage")], []),
    ("stage fait les 1er et 2 décembre 2025, un autre les 30 novembre et 1er décembre 2026 ça compte ?",
     [("date", "2026-11-30", "stage")], []),
    ("stage le 3 mars 2025, j'ai eu un autre PV le 5 avril 2026", [("date", "2025-03-03", "stage")],
     [("date", "2026-04-05", "stage")]),
    ("j'en refais un le 30/11/2026", [], [("date", "2026-11-30", "stage")]),  # no stage named: not said to be one
    # the limit said of the road decides the class of a small excess (R4: 3e above 50 km/h, 4e at 50 or less)
    ("excès de 10 km/h sur route à 80", [("speed_excess", 10, None), ("speed_limit", 80, None)], ["number"]),
    ("flashé 12 km/h au-dessus sur une 80", [("speed_excess", 12, None), ("speed_limit", 80, None)], ["number"]),
    ("j'ai fait 12 de trop sur une 80", [("speed_excess", 12, None), ("speed_limit", 80, None)], ["number"]),
    ("pris à 95 sur une 80", [("speed_excess", 15, None), ("speed_limit", 80, None)], ["number"]),
    ("excès de 7 km/h dans une 30", [("speed_excess", 7, None), ("speed_limit", 30, None)], ["number"]),
    ("excès de 12 km/h sur une nationale à 80", [("speed_limit", 80, None)], ["number"]),
    ("8 km/h de trop, limitée à 110", [("speed_excess", 8, None), ("speed_limit", 110, None)], ["number"]),
    ("flashé sur la 4 voies à 110, 9 km/h de trop", [("speed_excess", 9, None), ("speed_limit", 110, None)], []),
    # ... never a balance out of a ceiling ("8 points sur 12")
    ("j'ai 8 points sur une 12", [("points", 8, "balance")], ["speed_limit"]),
    ("il me reste 8 points sur la 10", [("points", 8, "balance")], ["speed_limit"]),
    ("j'ai recu une 48N le 10 novembre 2026, le stage du 12 mars est il trop tard ?",
     [("date", "2026-11-10", "letter_48n"), ("date", "2027-03-12", "stage")], []),  # after the letter: March to come
    # an excess said without naming it is a speeding, one of the offences of the message (R3)
    ("125 sur une route à 90, téléphone, pas de ceinture", [("offence_type", "speeding", None), ("speed_excess", 35, None),
                                                           ("offence_type", "phone", None)], []),
    # --- letter codes: never the number 48
    ("48N", [("letter_code", "48N", None)], ["number", "points"]),
    ("48 n", [("letter_code", "48N", None)], ["number"]),
    ("j'ai reçu une 48n", [("letter_code", "48N", None)], ["number"]),
    ("lettre 48 N", [("letter_code", "48N", None)], ["number"]),
    ("48si", [("letter_code", "48SI", None)], ["number"]),
    ("48-SI", [("letter_code", "48SI", None)], ["number"]),
    ("lettre 48 SI reçue", [("letter_code", "48SI", None), ("licence_status", "invalidated", None)], ["number"]),
    ("référence 48M", [("letter_code", "48M", None)], ["number"]),
    ("lettre 48", [("letter_code", "48", None)], ["number"]),
    ("quarante-huit N", [("letter_code", "48N", None)], ["number"]),
    # R19: the letters that give points back (46, 46B, 46D) and the stage's (47)
    ("c quoi la lettre 47 ? et la 46D ?", [("letter_code", "47", None), ("letter_code", "46D", None)], ["number"]),
    ("lettre 46 d", [("letter_code", "46D", None)], ["number"]),
    ("j'ai reçu une 46B", [("letter_code", "46B", None)], ["number"]),
    ("courrier 46-D reçu", [("letter_code", "46D", None)], ["number"]),
    ("la lettre 47 et la 46 c'est quoi", [("letter_code", "47", None), ("letter_code", "46", None)], ["number"]),
    ("lettres 46 ou 47 ?", [("letter_code", "46", None), ("letter_code", "47", None)], ["number"]),
    # ... but a bare 46 or 47 is a speed or a number
    ("flashé à 47 sur une route à 30", [("speed_measured", 47, None)], ["letter_code"]),
    ("limité à 50, j'étais à 46 d'après le radar", [], ["letter_code"]),
    # --- offences (accents, SMS, typos)
    ("tel au volant", [("offence_type", "phone", None)], []),
    ("j'étais au téléphone", [("offence_type", "phone", None)], []),
    ("portable", [("offence_type", "phone", None)], []),
    ("kit main libre", [("offence_type", "phone", None)], []),
    ("j'ai grillé un feu", [("offence_type", "red_light", None)], []),
    ("j'ai cramé le feu rouge", [("offence_type", "red_light", None)], []),
    ("pas mis la ceinture", [("offence_type", "seatbelt", None)], []),
    # seatbelt: the driver's own (3 points) versus a passenger's or a child's (R4, R21: no points for the driver)
    ("j'avais pas ma ceinture", [(OFFENCE, "seatbelt", None)], [PASSENGER, CHILD]),
    ("pas de ceinture", [(OFFENCE, "seatbelt", None)], [PASSENGER, CHILD]),
    ("contrôlé sans ceinture", [(OFFENCE, "seatbelt", None)], [PASSENGER, CHILD]),
    ("mon passager n'avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("mon passager avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("passager arriere pas attaché", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("ma passagère n'était pas attachée", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("les passagers arrière n'avaient pas leur ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("j'avais un passager qui n'avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("pas de ceinture pour mon passager", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("mon pote à l'arrière avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("mon fils n'était pas attaché", [(OFFENCE, "child_restraint", None)], [DRIVER, PASSENGER]),
    ("le petit n'était pas attaché", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("mes enfants pas attachés", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("enfant sans siège auto", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("pas de rehausseur", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("mon bébé sans siège", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("ma fille n'avait pas de siège auto", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("j'avais pas attaché mon fils", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    # ... but the driver's own seatbelt wins when the driver says it was theirs, or in another clause
    ("avec mon fils j'avais pas ma ceinture", [(OFFENCE, "seatbelt", None)], [CHILD]),
    ("avec mon fils je n'avais pas de ceinture", [(OFFENCE, "seatbelt", None)], [CHILD]),
    ("je n'étais pas attaché avec mon fils", [(OFFENCE, "seatbelt", None)], [CHILD]),
    ("j'avais pas ma ceinture et mon passager non plus", [(OFFENCE, "seatbelt", None)], [PASSENGER]),
    ("mon passager et moi n'avions pas de ceinture", [(OFFENCE, "seatbelt", None)], [PASSENGER]),
    # R21 example 3: brackets, and a passenger described at length, stay the passenger's offence
    ("mon passager (adulte) avait pas sa ceinture, c'est moi qui perds les points ?",
     [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER, CHILD]),
    ("mon passager « adulte » pas attaché", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    # T4 m078: "ceinture" just before the passenger is the passenger's belt, not the driver's too
    ("ceinture passager adulte pas attachée, je perds des points en tant que conducteur ?",
     [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER, CHILD]),
    ("la ceinture de mon passager n'était pas mise", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("ceinture pas mise, et un passager adulte pas attaché", [(OFFENCE, "seatbelt", None),
                                                             (OFFENCE, "seatbelt_adult_passenger", None)], [CHILD]),
    ("le passager de devant (il a 30 ans) avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)],
     [DRIVER, CHILD]),
    ("ma copine à côté avait pas mis sa ceinture, je perds des points ?",
     [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    ("mon pote derriere avait pas sa ceinture", [(OFFENCE, "seatbelt_adult_passenger", None)], [DRIVER]),
    # a passenger under 18 is the driver's to buckle up (R.412-2): the driver's fine, still no points
    ("mon passager de 16 ans n'avait pas sa ceinture", [(OFFENCE, "child_restraint", None)], [DRIVER, PASSENGER]),
    ("un passager (mineur) sans ceinture", [(OFFENCE, "child_restraint", None)], [DRIVER, PASSENGER]),
    ("mon fils de 15 ans était pas attaché à l'arrière", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("ma fille qui a 8 ans n'avait pas mis sa ceinture", [(OFFENCE, "child_restraint", None)], [DRIVER]),
    ("j'ai mon permis depuis 12 ans, mon passager avait pas sa ceinture",
     [(OFFENCE, "seatbelt_adult_passenger", None)], [CHILD]),
    # R11: a stage the prosecutor proposes or a judge imposes (cases 3 and 4), and its date
    ("le procureur me propose un stage à la place des poursuites", [("stage_kind", "alternative", None)],
     [("stage_kind", "sentence")]),
    ("stage ordonné par le juge le 15/03/2026 (peine complémentaire), puis stage volontaire les 20 et 21 avril 2026",
     [("stage_kind", "sentence", None), ("date", "2026-03-15", "court_stage"), ("date", "2026-04-20", "stage")],
     []),
    ("composition pénale avec un stage, je récupère des points ?", [("stage_kind", "composition", None)], []),
    ("j'ai fait un stage le 3 mars 2026 dans le cadre d'une alternative aux poursuites",
     [("stage_kind", "alternative", None), ("date", "2026-03-03", "court_stage")], []),
    ("j'ai fait un stage volontaire le 20 avril 2026 après celui imposé par le juge en mars",
     [("date", "2026-04-20", "stage"), ("date", "2026-03", "court_stage"), ("stage_kind", "sentence", None)], []),
    # no stage of a court: a composition pénale alone withdraws points (R2), a 48N's obligation is the 48N's
    ("composition pénale exécutée le 3 mars 2026 pour alcool, combien de points ?", [], ["stage_kind"]),
    ("j'ai eu une 48N, obligation de faire un stage", [("letter_code", "48N", None)], ["stage_kind"]),
    ("le tribunal m'a condamné à 3 mois de suspension, je peux faire un stage pour récupérer ?", [],
     ["stage_kind"]),
    ("alcoolémie", [("offence_type", "alcohol", None)], []),
    ("alcolemie", [("offence_type", "alcohol", None)], []),
    ("j'avais bu", [("offence_type", "alcohol", None)], []),
    ("positif au cannabis", [("offence_type", "drugs", None)], []),
    ("controle stups positif", [("offence_type", "drugs", None)], []),
    ("positif au cannabis et à l'alcool", [("offence_type", "alcohol_and_drugs", None)],
     [("offence_type", "drugs"), ("offence_type", "alcohol")]),
    ("excès de vitesse", [("offence_type", "speeding", None)], []),
    # a "grand excès" without figures is the category's first excess, 50 km/h (R4): its points and class
    ("grand exces de vitesse c'est combien de points", [("speed_excess", 50, None)], []),
    ("grand excès à 145 au lieu de 90", [("speed_excess", 55, None)], [("speed_excess", 50)]),
    ("EXCES DE VITESSE", [("offence_type", "speeding", None)], []),
    ("flashé par un radar", [("offence_type", "speeding", None)], []),
    ("flashé au feu rouge", [("offence_type", "red_light", None)], [("offence_type", "speeding")]),
    ("pas marqué le stop", [("offence_type", "stop_sign", None)], []),
    ("et un stop ?", [("offence_type", "stop_sign", None)], []),
    ("grillé un STOP", [("offence_type", "stop_sign", None)], []),
    # a bare "stop" is the command that drops the question, not the road sign
    ("stop", [], [("offence_type", "stop_sign")]),
    # a count without unit that ends the clause after "j'avais" is the balance (tester Z2: "avant j'avais 12" was
    # read as an excess of 12 km/h)
    ("avant j'avais 12", [("points", 12, "balance")], []),
    # a date between its offence and "payé le …" is the offence's (tester Z2: both were read as payments)
    ("Feu rouge le 3 février 2025 payé le 20 février 2025", [("date", "2025-02-03", "offence"),
                                                             ("date", "2025-02-20", "payment")], []),
    ("ah si je crois que j'en avais 9", [("points", 9, "balance")], []),
    ("j'avais 25 ans", [], ["points"]),
    ("j'ai jamais perdu de point, j'ai 12. ça sert à quelque chose que je fasse un stage ?",
     [("points", 12, "balance")], []),  # tester Z1, R14 example 2
    ("j'ai 2 questions", [], ["points"]),
    ("ok stop, les questions ça suffit", [], [("offence_type", "stop_sign")]),
    ("bon ça suffit, stop", [], [("offence_type", "stop_sign")]),
    ("stop pas marqué, combien de points ?", [("offence_type", "stop_sign", None)], []),
    ("stop ?", [("offence_type", "stop_sign", None)], []),
    ("feu rouge payé le 2 septembre 2026 et stop payé le 15 octobre 2026",
     [("offence_type", "stop_sign", None), ("offence_type", "red_light", None)], []),
    # a light or a stop sign named as where the driver was: the place of another offence (T6 n022)
    ("téléphone en main à l'arrêt au feu rouge", [("offence_type", "phone", None)], [("offence_type", "red_light")]),
    ("arrêté au feu rouge avec le portable à la main", [("offence_type", "phone", None)],
     [("offence_type", "red_light")]),
    ("au stop, j'avais pas ma ceinture", [DRIVER + (None,)], [("offence_type", "stop_sign")]),
    ("en attendant au feu rouge, j'ai regardé mon portable", [("offence_type", "phone", None)],
     [("offence_type", "red_light")]),
    # … but the offence when a verb of it comes first, or when it is the only offence told
    ("je me suis pas arrêté au feu rouge et j'avais le téléphone",
     [("offence_type", "red_light", None), ("offence_type", "phone", None)], []),
    ("flashé au feu rouge", [("offence_type", "red_light", None)], []),
    ("je me suis pas arrêté au stop", [("offence_type", "stop_sign", None)], []),
    ("refus de priorité", [("offence_type", "priority", None)], []),
    # parking: only the dangerous one costs points (R4, R.417-9); the others are told apart for their fine
    ("stationnement sur trottoir ca enleve des points ?", [("offence_type", "very_obstructive_parking", None)], []),
    ("garé sur le passage piéton", [("offence_type", "very_obstructive_parking", None)],
     [("offence_type", "pedestrian_priority")]),
    ("garé en double file", [("offence_type", "obstructive_parking", None)], []),
    ("j'ai eu un pv de stationnement", [("offence_type", "parking", None)], []),
    ("garée dans un virage", [("offence_type", "dangerous_parking", None)], [("offence_type", "parking")]),
    ("pas mis le clignotant", [("offence_type", "no_indicator", None)], []),
    ("sans casque", [("offence_type", "helmet", None)], []),
    ("sens interdit", [("offence_type", "wrong_way", None)], []),
    ("détecteur de radar", [("offence_type", "radar_detector", None)], [("offence_type", "speeding")]),
    ("ligne continue", [("offence_type", "solid_line_crossing", None)], []),
    ("distance de sécurité", [("offence_type", "following_distance", None)], []),
    ("dépassement dangereux", [("offence_type", "dangerous_overtaking", None)], []),
    ("refus de priorité à un piéton", [("offence_type", "pedestrian_priority", None)], [("offence_type", "priority")]),
    ("ivresse manifeste", [("offence_type", "alcohol_delit", None)], []),
    # --- booleans
    ("avec la conduite accompagnée", [("supervised_driving", True, None)], []),
    ("sans conduite accompagnée", [("supervised_driving", False, None)], []),
    ("pas fait la conduite accompagnée", [("supervised_driving", False, None)], []),
    ("pas d'AAC", [("supervised_driving", False, None)], []),
    ("j'ai fait l'AAC", [("supervised_driving", True, None)], []),
    ("apprentissage anticipé de la conduite", [("supervised_driving", True, None)], []),
    ("conduite supervisee", [("supervised_driving", True, None)], []),
    ("j'ai fait la formation complémentaire", [("complementary_training", True, None)], []),
    ("pas de formation complementaire", [("complementary_training", False, None)], []),
    ("sans conduite accompagnée ni formation", [("supervised_driving", False, None),
                                                 ("complementary_training", False, None)], []),
    ("une formation de 7 heures", [], ["complementary_training"]),
    ("je suis en permis probatoire", [("probationary", True, None)], []),
    # R21: on a bicycle or a scooter, the offence costs no point: only the way of travelling is kept
    ("arrêté à vélo en grillant un feu rouge", [("offence_type", "cycling", None)], [("offence_type", "red_light")]),
    ("feu rouge en trottinette", [("offence_type", "e_scooter", None)], [("offence_type", "red_light")]),
    ("non j'ai pas encore reçu de 48SI", [("letter_received", False, None), ("letter_code", "48SI", None)], []),
    ("la lettre n'est toujours pas arrivée", [("letter_received", False, None)], []),
    ("toujours rien reçu", [("letter_received", False, None)], []),
    ("rien reçu de la préfecture pour l'instant", [("letter_received", False, None)], []),
    ("j'ai reçu une 48N hier", [("letter_received", True, None)], []),
    # R18: a 48SI said not received is feared, not notified: the licence is not invalidated (tester, R18 ex. 2 and 3)
    ("pas reçu de 48SI", [("letter_received", False, None), ("letter_code", "48SI", None)], ["licence_status"]),
    ("je n'ai pas encore eu la lettre 48SI", [("letter_received", False, None), ("letter_code", "48SI", None)],
     ["licence_status"]),
    ("toujours pas eu de 48SI, le stage peut me sauver ?", [("letter_received", False, None)], ["licence_status"]),
    ("toujours pas de lettre 48SI", [("letter_received", False, None), ("letter_code", "48SI", None)],
     ["licence_status"]),
    ("j'ai eu la 48SI le 3 mai", [("letter_received", True, None), ("licence_status", "invalidated", None)], []),
    ("j'ai eu un excès de vitesse", [], ["letter_received"]),
    # an offence taken back in the same message; "2 + 1" is a sum, not an excess (tester T3 c40)
    ("j'avais pas mis mon clignotant... non attendez, c'était juste les gants à moto", [("offence_type", "gloves", None)],
     [("offence_type", "no_indicator")]),
    ("feu rouge, non pardon, un stop", [("offence_type", "stop_sign", None)], [("offence_type", "red_light")]),
    ("excès de 22 km/h et gants, donc 2 + 1 points", [("speed_excess", 22, None)], [("speed_excess", 1)]),
    # the stage's days after "le stage c'est", "aura lieu", "commence" (tester T5 c48); without a tense, the nearer
    # such day: January 2027 and March 2027 on 23 November 2026, not the ones gone (tester T9 c25)
    ("le stage c'est les 12 et 13 janvier", [("date", "2027-01-12", "stage")], []),
    ("mon stage aura lieu le 20 décembre", [("date", "2026-12-20", "stage")], []),
    ("le stage commence le 3 mars", [("date", "2027-03-03", "stage")], []),
    # the speed of an excess taken back goes with it; "en fait non", "ah non" and a denied offence take back too
    # (tester T5 c40)
    ("j'ai été flashé à 22 km/h au-dessus… non attendez, c'était juste les gants", [("offence_type", "gloves", None)],
     [("speed_excess", 22)]),
    ("flashé à 30 km/h au dessus, en fait non c'était pas un excès, c'était le téléphone",
     [("offence_type", "phone", None)], [("speed_excess", 30), ("offence_type", "speeding")]),
    ("excès de 20 km/h ah non c'était le téléphone au volant", [("offence_type", "phone", None)],
     [("speed_excess", 20), ("offence_type", "speeding")]),
    ("flashé à 130 au lieu de 110, non je me suis trompé, c'était un feu rouge", [("offence_type", "red_light", None)],
     [("speed_measured", 130), ("speed_limit", 110)]),
    ("excès de 20 km/h, non c'était le 4 mars, et aussi le téléphone", [("speed_excess", 20, None),
                                                                          ("offence_type", "phone", None)], []),
    ("j'ai eu un excès de vitesse de 25 et je téléphonais", [("speed_excess", 25, None), ("offence_type", "phone", None)],
     []),
    ("flashé à +25 sur une route à 80", [("speed_excess", 25, None)], []),
    # "pas de formation" told with the AAC's answer is the complementary training (tester T3 c59, R6)
    ("pas de conduite accompagnée, pas de formation", [("complementary_training", False, None)], []),
    ("non pas AAC, pas de formation", [("complementary_training", False, None)], []),
    ("j'ai pas fait la formation", [("complementary_training", False, None)], []),
    ("pas de formation de stage", [], ["complementary_training"]),
    ("J'avais mes 10 points.", [("points", 10, "balance")], []),
    # R4: failing to give way to a pedestrian is 6 points, not a priority's 4 (tester T3 c59)
    ("j'ai pas respecté la priorité d'un piéton le 3 novembre 2026", [("offence_type", "pedestrian_priority", None)],
     [("offence_type", "priority")]),
    ("pas respecté la priorité des piétons au passage", [("offence_type", "pedestrian_priority", None)],
     [("offence_type", "priority")]),
    # the balance asked about, not told: "quand j'ai 12 pts ?", "j'aurai 12 points" (tester T3 c10)
    ("quand j'ai 12 pts ?", [], [("points", 12, "balance")]),
    ("quand est-ce que j'aurai 12 points ?", [], [("points", 12, "balance")]),
    ("je serai à 12 points quand ?", [], [("points", 12, "balance")]),
    ("il me reste 8 points, quand je vais avoir 12 points ?", [("points", 8, "balance")], [("points", 12, "balance")]),
    ("quand j'avais 12 points j'ai perdu 3", [("points", 12, "balance")], []),
    # driving since a date is having the licence since then (tester T19 c26); not the hours of a drive
    ("je m'appelle Karim et je conduis depuis 2011 pour mon travail", [("date", "2011", "licence")], []),
    ("il roule depuis mars 2020, il a combien ?", [("date", "2020-03", "licence")], []),
    ("je conduis depuis 3 heures", [], [("date", "2026-11-23", "licence")]),
    # ... but a balance told after the question's own sentence is told: "quand ? jai 5 points" (tester T19 c17)
    ("ok et mes points reviennent quand ? jai 5 points, stage prevu 8 et 9 decembre", [("points", 5, "balance")], []),
    ("je les récupère quand ? j'ai 7 points", [("points", 7, "balance")], []),
    # a greeting before "permis le …" (tester T3 c10)
    ("slt permis le 5 mars 2025, formation post permis le 10 octobre 2025", [("date", "2025-03-05", "licence")],
     [("date", "2025-10-10", "licence")]),
    ("bonjour permis 12/03/2024 j'ai combien", [("date", "2024-03-12", "licence")], []),
    # §0.2, R18 (CE 17/04/2025): a registered letter presented and not collected is notified, not "not received"
    ("Je n'ai pas récupéré la lettre recommandée 48SI à la poste", [("letter_received", "presented", None)],
     [("letter_received", False)]),
    ("j'ai eu un avis de passage pour la 48N", [("letter_received", "presented", None)], []),
    ("le recommandé 48SI est resté à la poste, je l'ai pas reçu", [("letter_received", "presented", None)],
     [("letter_received", False)]),
    ("48SI non réclamée, retournée à l'expéditeur", [("letter_received", "presented", None)], []),
    ("je ne suis pas allée retirer la lettre 48N", [("letter_received", "presented", None)], []),
    ("j'ai reçu la lettre 48 mais j'ai pas récupéré mes points", [], [("letter_received", "presented")]),
    ("si je vais pas chercher la lettre 48SI je peux conduire ?", [], [("letter_received", "presented")]),
    ("jeune conducteur, tel au volant", [("probationary", True, None), ("offence_type", "phone", None)], []),
    ("je ne suis plus en periode probatoire", [], [("probationary", True)]),
    # --- licence status
    ("mon permis est suspendu", [("licence_status", "suspended", None)], []),
    ("suspension de permis", [("licence_status", "suspended", None)], []),
    ("rétention de permis", [("licence_status", "retained", None)], []),
    ("permis retenu", [("licence_status", "retained", None)], []),
    ("mon permis est invalidé", [("licence_status", "invalidated", None)], []),
    ("permis annulé", [("licence_status", "cancelled", None)], []),
    ("mon permis n'est pas suspendu", [], ["licence_status"]),
    # --- combined facts
    ("permis depuis mars 2024, sans conduite accompagnée, il me reste 5 points",
     [("date", "2024-03", "licence"), ("supervised_driving", False, None), ("points", 5, "balance")], ["number"]),
    ("tel au volant et pas de ceinture, -3 pts",
     [("offence_type", "phone", None), ("offence_type", "seatbelt", None), ("points", 3, "lost")], []),
    ("flashé le 12/03/2023 à 135 au lieu de 110, j'ai perdu 2 points",
     [("date", "2023-03-12", "offence"), ("speed_excess", 25, None), ("points", 2, "lost")], ["number"]),
    ("Bonjour 😀 j'ai eu mon permis il y a 2 ans 🚗 avec l'AAC",
     [("date", "2024-11-23", "licence"), ("supervised_driving", True, None)], ["number"]),
    ("j'ai 8 points et mon permis date de 2018", [("date", "2018", "licence"), ("points", 8, "balance")], []),
    ("mon permis datant de mars 2019", [("date", "2019-03", "licence")], ["number"]),
    # --- fines: the amount in euros (its class is rules_core's), the class when named
    ("135 €", [("amount", 135, None)], ["number", "date"]),
    ("cent trente-cinq euros", [("amount", 135, None)], ["number"]),
    ("j'ai payé 68,50 euros", [("amount", 68.5, None)], ["number"]),
    ("une amende de 90 balles", [("amount", 90, None)], ["number"]),
    ("contravention de quatrième classe", [("offence_class", "c4", None)], ["number"]),
    ("3e classe", [("offence_class", "c3", None)], ["number", "date"]),
    ("classe 2", [("offence_class", "c2", None)], ["number"]),
    ("c'est un délit", [("offence_class", "delit", None)], []),
    ("délit de fuite", [("offence_class", "delit", None), ("offence_type", "hit_and_run", None)], []),
    ("le 3 mars 2026 j'ai payé 135 €", [("date", "2026-03-03", "payment"), ("amount", 135, None)], ["number"]),
    ("il me reste 5 points", [("points", 5, "balance")], ["amount", "offence_class"]),
    # --- nothing to find
    ("bonjour", [], ["date", "number", "points"]),
    ("<b>merci</b>", [], ["date", "number"]),
]


def _absent(found, item) -> bool:
    if isinstance(item, str):
        return all(f.entity != item for f in found)
    entity, value, *role = item
    return all(not (f.entity == entity and f.value == value and (not role or f.role == role[0])) for f in found)


@pytest.mark.parametrize("text,expected,absent", CASES, ids=[c[0][:50] for c in CASES])
def test_facts(text, expected, absent):
    found = facts(text)
    got = {(f.entity, f.value, f.role) for f in found}
    for item in expected:
        assert item in got, f"{item} missing from {sorted(map(str, got))}"
    for item in absent:
        assert _absent(found, item), f"{item} should be absent from {sorted(map(str, got))}"


def test_spans_point_into_the_original_text():
    text = "il me reste sept points, permis obtenu le douze mars deux mille vingt-trois"
    for fact in facts(text):
        assert text[fact.start:fact.end] == fact.text
    points = [f for f in facts(text) if f.entity == "points"]
    assert points and points[0].text == "sept points"


def test_never_12_points_from_a_date():
    for text in ("12/03/2023", "le 12/03/2023", "j'ai eu 12/03/2023", "12-03-23"):
        found = facts(text)
        assert not any(f.entity in ("points", "number") for f in found), found


def test_fact_is_frozen():
    fact = facts("7")[0]
    assert isinstance(fact, Fact)
    with pytest.raises(Exception):
        fact.value = 8  # type: ignore[misc]


def test_empty_and_odd_inputs():
    assert extract_facts("", TODAY) == []
    assert extract_facts("   ", TODAY) == []
    assert extract_facts(None, TODAY) == []  # type: ignore[arg-type]
    long_text = ("il me reste 7 points. " * 250)[:5000]
    found = extract_facts(long_text, TODAY)
    assert found and all(long_text[f.start:f.end] == f.text for f in found)


def test_today_is_injected():
    assert ("date", "2019-12-31", None) in {(f.entity, f.value, f.role) for f in extract_facts("hier", date(2020, 1, 1))}
    assert ("date", "2018-06-15", None) in {
        (f.entity, f.value, f.role) for f in extract_facts("il y a deux ans", date(2020, 6, 15))}


def test_lexicon_keys_are_rules_engine_offences():
    import json

    from bot.nlu.fact_parsing import LEXICON_PATH, PARAMETERS_PATH

    if not PARAMETERS_PATH.exists():
        pytest.skip("rules_core/parameters.json not there yet")
    offences = set(json.loads(PARAMETERS_PATH.read_text(encoding="utf-8"))["offences"])
    lexicon = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))["offences"]
    assert set(lexicon) <= offences
    assert all(isinstance(x, str) and x.strip("~ ") for v in lexicon.values() for x in v)


@pytest.mark.parametrize("text, level", [
    ("et si ça avait été 0,9 ?", 0.9), ("et à 1,2 g/l ?", 1.2), ("et si j'avais soufflé 0,45 mg ?", 0.9),
    ("et à 0.3", 0.3), ("le 12/03 ?", None), ("et à 0,9 ou 1,1 ?", None), ("et à 7,5 ?", None),
])
def test_the_alcohol_level_of_a_short_follow_up(text, level):
    # "et si ça avait été 0,9 ?" after an alcohol answer: a level in g/l of blood, a breath level converted (R4)
    from bot.nlu.fact_parsing import blood_alcohol_level
    assert blood_alcohol_level(text, TODAY) == level
