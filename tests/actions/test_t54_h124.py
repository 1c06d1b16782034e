"""Tester T54 (replays on 1 December 2026), items of branch h124: a speeding's road corrected among two offences
told (its class, so its recovery delay), a licence's exact day given with a hypothesis, a stage's days "les 18 et 19
janvier"."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t54-c17: a 2nd-class indicator (paid 10/04/2025) and a 10 km/h excess on a 110 road (paid 01/09/2025), then the
# excess corrected to one in town: limit ≤ 50 km/h, the 4e classe (R4), N = 3 years (R9), 12 on 1 September 2028

C17 = ("permis depuis 2005, 12 pts jusqu'a l'an dernier. 1) oubli de clignotant le 3 avril 2025, payé le 10 avril 2025. "
       "2) 10 km/h de trop sur voie rapide a 110 le 15 aout 2025, payé le 1er septembre. rien d'autre. cb de points "
       "aujourd'hui et qd je reviens à 12 ?")


def _c17(domain):
    chat = opened_in_form(domain, C17, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), today=TODAY)
    assert "retrouvera son maximum de points le 1er septembre 2027" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("correction", [
    "ah non je me suis trompé, l'exces c'etait en ville : 60 retenu au lieu de 50. meme date",
    "non pardon, l'excès c'était en ville, pas sur voie rapide",
    "en fait c'était 60 pour 50, en ville",
    "erreur de ma part : 60 au lieu de 50 en agglo",
    "attendez, l'excès c'était sur une route à 50",
])
def test_speeding_road_corrected_among_two_offences_reclasses_it(domain, correction):
    # t54-c17: the correction of the excess's road was not applied (the limit read, the excess unchanged): the answer
    # kept "3e classe" and 12 on 1 September 2027, while the offence's card said 4e classe (R4, R9)
    chat = _c17(domain)
    reply = chat.say(correction, "inform", corrections.ActionApplyCorrection())
    assert "retrouvera son maximum de points le 1er septembre 2028" in reply, reply
    assert "1 point pour « excès de vitesse » (contravention de 4e classe)" in reply, reply
    assert "3e classe" not in reply, reply


# --- t54-c23: an AAC licence held "depuis 18 mois" (counted from about 1 June 2025), then its exact day told in the
# message of a hypothesis: the hypothesis answered on that day (R5: probation to 3 June 2027), the day kept after it

C23 = "jeune permis en AAC depuis 18 mois, jamais flashé, g cb de pts ?"


@pytest.mark.parametrize("told", [
    "en vrai c le 3 juin 2025. et si je perds 1 pt en fevrier ?",
    "c'était le 3 juin 2025 en fait. et si je prends 1 point en février ?",
    "3 juin 2025 exactement. et si je perds un point en février ?",
])
def test_licence_day_told_with_a_hypothesis_is_taken(domain, told):
    # t54-c23: the exact day given in the same message as a hypothesis was ignored ("j'ai compté à partir du 1er juin
    # 2025 environ … Donnez-moi la date exacte"), and the next hypothesis went back to 1 June (R5)
    from actions import fallback
    chat = opened_in_form(domain, C23, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), today=TODAY)
    assert "1er juin 2025 environ" in chat.reply, chat.reply
    reply = chat.say(told, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "plafond resterait à 9 points jusqu'à la fin de la période probatoire, le 3 juin 2027" in reply, reply
    assert "1er juin 2025 environ" not in reply and "1er juin 2027" not in reply, reply
    assert chat.slots.get("licence_date") == "2025-06-03", chat.slots
    again = chat.say("ok. et du coup si je perds 1 pt en mars ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "le 3 juin 2027" in again and "1er juin" not in again, again


# --- t54-c12: probation ended, 6 points (a phone in 2024, its 48N stage in May 2024, a 1-point excess paid 5/12/2025),
# then a voluntary stage "en janvier, les 18 et 19": that stage (R12), not one on 1 January

C12 = ("Bonjour, alors voilà je vais essayer de tout vous expliquer parce que je suis un peu perdu avec tout ça et les "
       "sites disent tous des choses différentes. J'ai eu mon permis B le 12 septembre 2023, sans conduite accompagnée, "
       "j'ai fait la filière classique avec l'auto-école de mon quartier. Au début tout allait bien, et puis le 10 "
       "février 2024 je me suis fait arrêter par la police avec le téléphone à la main (je regardais le GPS, mais bon). "
       "J'ai payé l'amende le 25 février 2024. Ensuite j'ai reçu une lettre recommandée 48N le 2 avril 2024 et j'ai fait "
       "le stage obligatoire les 13 et 14 mai 2024, on m'a remboursé l'amende d'ailleurs. Après ça plus rien pendant "
       "longtemps, et puis le 20 novembre 2025 j'ai été flashé sur une départementale à 80, vitesse retenue 95. J'ai "
       "payé le 5 décembre 2025. Depuis je fais super attention, plus aucune infraction. Je voudrais savoir combien "
       "j'ai de points aujourd'hui, si je suis toujours en probatoire, et quand j'aurai enfin mes 12 points. Merci "
       "d'avance, et désolé pour le pavé !")


@pytest.mark.parametrize("asked", [
    "super clair merci. et si je fais un stage volontaire en janvier, les 18 et 19, ça me donne quoi ?",
    "et si je fais un stage en janvier, les 18 et 19 ?",
    "et un stage en janvier les 18-19, ça me donne quoi ?",
])
def test_stage_days_said_after_their_month(domain, asked):
    # t54-c12: "en janvier, les 18 et 19" was read as January alone: "un stage commençant le 1er janvier 2027", its
    # points on 3 January (R12: the day after its 2nd day, 20 January)
    from tests.actions.conversation import opened
    chat = opened(domain, C12, "ask_check_balance", answers.ActionAnswerCheckBalance(), today=TODAY)
    reply = chat.say_in_form(asked, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "avec effet au 20 janvier 2027 : votre solde passera de 6 à 10 points" in reply, reply
    assert "1er janvier 2027" not in reply and "exactement" not in reply, reply
