"""Tester T51 (replays on 1 December 2026), items of branch h115: wrong numbers or law in the stage and recovery
answers."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c12: probationary licence 12/09/2023, phone paid 25/02/2024, 48N received 02/04/2024, compulsory stage
# 13-14 May 2024, a 1-point excess paid 05/12/2025; then a voluntary stage "en janvier, les 18 et 19" (R12, R15)

C12 = ("Bonjour, alors voilà je vais essayer de tout vous expliquer parce que je suis un peu perdu avec tout ça et les "
       "sites disent tous des choses différentes. J'ai eu mon permis B le 12 septembre 2023, sans conduite "
       "accompagnée, j'ai fait la filière classique avec l'auto-école de mon quartier. Au début tout allait bien, et "
       "puis le 10 février 2024 je me suis fait arrêter par la police avec le téléphone à la main (je regardais le "
       "GPS, mais bon). J'ai payé l'amende le 25 février 2024. Ensuite j'ai reçu une lettre recommandée 48N le 2 "
       "avril 2024 et j'ai fait le stage obligatoire les 13 et 14 mai 2024, on m'a remboursé l'amende d'ailleurs. "
       "Après ça plus rien pendant longtemps, et puis le 20 novembre 2025 j'ai été flashé sur une départementale à "
       "80, vitesse retenue 95. J'ai payé le 5 décembre 2025. Depuis je fais super attention, plus aucune "
       "infraction. Je voudrais savoir combien j'ai de points aujourd'hui, si je suis toujours en probatoire, et "
       "quand j'aurai enfin mes 12 points. Merci d'avance, et désolé pour le pavé !")


def c12_told(domain):
    chat = opened(domain, C12, "nlu_fallback", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    return chat


JANUARY = ("super clair merci. et si je fais un stage volontaire en janvier, les 18 et 19, ça me donne quoi ?")
PROTEST = ("euh j'ai dit le 18 et 19 janvier. et la 48N j'ai deja fait le stage obligatoire en mai 2024, je vais pas "
           "avoir une amende quand meme ??")


def test_a_new_stage_after_the_compulsory_one_done_has_no_48n_deadline(domain):
    # t51-c12: the compulsory stage of 13-14 May 2024 met the 48N (received 2 April 2024); a stage in January 2027 is
    # a voluntary one (R11): no "après la date limite du 2 août 2024 … 135 €, jusqu'à 750 €", no refund to lose (R15,
    # R16); its points, 6 → 10 (R12)
    chat = c12_told(domain)
    reply = chat.say_in_form(JANUARY, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "de 6 à 10 points" in reply, reply
    assert "date limite" not in reply and "750 €" not in reply and "pas remboursée" not in reply, reply


def test_the_compulsory_stage_said_done_met_the_obligation(domain):
    # t51-c12: "j'ai déjà fait le stage obligatoire en mai 2024, je vais pas avoir une amende ?" got "Impossible de
    # répondre : le stage précédent ne peut pas être dans le futur"; the stage of 13-14 May 2024 ended before the
    # deadline of 2 August 2024 (R15), the obligation is met; the 1-point excess of November 2025, committed after the
    # letter, is not the 48N's offence
    chat = c12_told(domain)
    chat.say_in_form(JANUARY, "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    reply = chat.say_in_form(PROTEST, "ask_mandatory_stage", "mandatory_stage_form",
                             forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    assert "Impossible" not in reply and "dans le futur" not in reply, reply
    assert "Obligation remplie : le stage s'est terminé le 14 mai 2024, avant la date limite du 2 août 2024" in reply
    assert "20 novembre 2025" not in reply and "reste obligatoire" not in reply, reply
