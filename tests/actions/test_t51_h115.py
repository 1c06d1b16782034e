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


# --- t51-c04: a 1-point excess paid 15/07/2026 (12 points before), then a red light committed 10/10/2026, not paid
# yet (R4: 4 points; R8: the pending red light blocks the 6-month return if it leads to a retrait)

C04_OPEN = "Bonjour, question sur la règle des 6 mois pour récupérer 1 point"
C04_EXCESS = ("j'ai perdu 1 point pour un petit exces en ville (56 retenu pour 50), amende payée le 15 juillet 2026. "
              "J'avais 12 points.")
C04_RED = "ah mais j'ai oublié, j'ai grillé un feu rouge le 10 octobre, l'amende est pas encore payée. ça change quoi ?"
C04_AGAIN = ("je reprends: exces 1 point payé le 15/07/2026, puis feu rouge commis le 10/10/2026 pas encore payé. est ce "
             "que le point de l'exces revient quand meme le 15 janvier 2027 ?")


def c04_told(domain):
    from tests.actions.conftest import user_said
    from tests.actions.conversation import FormConversation
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today = domain, TODAY
    chat.slots = {"requested_slot": "last_offence_points"}
    chat.events = [user_said(C04_OPEN, "ask_auto_recovery"), {"event": "active_loop", "name": "auto_recovery_form"},
                   {"event": "bot", "text": "Combien de points votre dernière infraction vous a-t-elle retirés ?"},
                   {"event": "slot", "name": "requested_slot", "value": "last_offence_points"},
                   {"event": "action", "name": "action_listen"}]
    reply = chat.say_in_form(C04_EXCESS, "inform", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 11 points"), reply
    chat.say_in_form(C04_RED, "nlu_fallback", "offence_points_form", forms.ValidateOffencePointsForm(),
                     answers.ActionAnswerOffencePoints())
    return chat


def test_a_red_light_added_later_costs_its_4_points_pending(domain):
    # t51-c04: "je reprends: exces 1 point payé le 15/07/2026, puis feu rouge commis le 10/10/2026 pas encore payé.
    # est ce que le point de l'exces revient quand meme le 15 janvier 2027 ?" gave the red light 1 point (→ 10): the
    # bare "exces" was not read, the "1 point" went to the red light, and the day asked about became a third offence.
    # R4: red light 4 points; R2: not withdrawn before it is established; R8: it blocks the point if it leads to a
    # retrait. 11 today, 7 once established
    chat = c04_told(domain)
    reply = chat.say_in_form(C04_AGAIN, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                             answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 11 points"), reply
    assert "Ensuite, 4 points seront retirés et votre solde passera à 7 points" in reply, reply
    assert "ne revient pas le 15 janvier 2027 : une autre infraction a été commise le 10 octobre 2026" in reply
    # the user's protest then does not swap the numbers (T51 c04 got 4 points for the 1-point excess, balance 8)
    from actions.corrections import ActionApplyCorrection
    reply = chat.say("1 point pour un feu rouge ?? vous m'avez dit 4 tout a l'heure", "nlu_fallback",
                     ActionApplyCorrection())
    assert "Solde aujourd'hui : 8 points" not in reply and "4 points retirés pour l'infraction payée" not in reply, reply
    assert "11 points" in reply, reply


@pytest.mark.parametrize("text", ["exces 1 point payé le 15/07/2026, puis feu rouge commis le 10/10/2026",
                                  "exces 2 pts en juillet et feu rouge en octobre"])
def test_a_bare_excess_with_its_points_is_a_speeding(text):
    # t51-c04: the bare "exces" (a weak word) was dropped beside the red light named
    from tests.actions.conftest import parsed
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"] == ["speeding", "red_light"]


def test_a_day_asked_for_a_point_to_come_back_is_no_offence():
    # t51-c04: "… est ce que le point de l'exces revient quand meme le 15 janvier 2027 ?": the question's day
    from actions.offence_history import retraits_in_message
    from tests.actions.conftest import parsed
    told = retraits_in_message(parsed(C04_AGAIN, TODAY), C04_AGAIN)
    assert [r.said_date for r in told] == ["2026-07-15", "2026-10-10"], told
    assert told[0].points == 1 and told[0].offence_type == "speeding" and told[1].offence_type == "red_light"


# --- t51-c22: 5 points, stage 10-11 June 2024 (→ 9), red light paid 3 February 2025 (−4 → 5), a second stage 9-10
# June 2025, one day before the year (R13 example 2: 0 points), a third stage planned on 14 December 2026 (R12, R13)

C22 = [("Bonjour, je voudrais savoir si je peux encore faire un stage. Je vous raconte : j'avais 5 points et j'ai fait "
        "un stage les 10 et 11 juin 2024.", "ask_points_after_stage"),
       ("en 2001", "inform"),
       ("non. mais après ce stage j'ai grillé un feu rouge, payé le 3 février 2025, et j'ai refait un stage les 9 et 10 "
        "juin 2025", "inform"),
       ("Non, jamais", "deny")]
C22_THIRD = ("ensuite feu rouge payé le 3 fevrier 2025 (-4) et 2eme stage les 9 et 10 juin 2025. et là je voudrais en "
             "faire un 3eme le 14 decembre 2026. j'aurai combien ?")


def c22_told(domain):
    from tests.actions.conftest import user_said
    from tests.actions.conversation import Conversation
    chat = Conversation.__new__(Conversation)
    chat.domain, chat.today = domain, TODAY
    chat.slots = {"current_balance": 9, "previous_stage_date": "2024-06-10", "licence_date": "2001",
                  "fine_payment_date": "2025-02-03", "offence_type": "red_light", "balance_unknown": False,
                  "last_question": "action_answer_points_after_stage"}
    chat.events = []
    for text, intent in C22:
        chat.events += [user_said(text, intent), {"event": "action", "name": "action_listen"}]
    chat.events += [{"event": "bot", "text": "Le stage vous rend 4 points, avec effet au 12 juin 2024 : votre solde "
                                             "passe de 5 à 9 points (article L.223-6 du Code de la route)."},
                    *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                    {"event": "action", "name": "action_listen"}]
    return chat


def test_the_balance_walks_the_story_told_after_a_stage_answered(domain):
    # t51-c22: after "de 5 à 9 points" for the first stage, "feu rouge payé le 3 février 2025 (-4) et 2e stage les 9 et
    # 10 juin 2025 … un 3e le 14 décembre 2026, j'aurai combien ?" got "de 9 à 12": the 9 was the answer's, before the
    # red light; the June 2025 stage began one day before the year (R13 example 2), 0 points. 5 → 9 (R12)
    from actions.corrections import ActionApplyCorrection
    chat = c22_told(domain)
    reply = chat.say(C22_THIRD, "nlu_fallback", ActionApplyCorrection())
    assert "votre solde passera de 5 à 9 points" in reply, reply
    assert "16 décembre 2026" in reply and "de 9 à 12" not in reply


# --- t51-c28: phone + seatbelt + 35 km/h at one check on 12 September 2026 (9, capped at 8, R3), 12 points before,
# all paid on 30 September; a stage on 14-15 December (R12; §0.2: the payment stands for the undated decision)

C28 = ("Le 12 septembre 2026 je me suis fait arrêter : téléphone à la main, pas de ceinture, et 35 km/h au-dessus de la "
       "limite, tout pendant le même contrôle. J'avais 12 points. J'en perds combien ?")
C28_ANSWER = ("Excès de vitesse de 35 km/h : 3 points ; téléphone tenu en main, oreillette ou casque : 3 points ; "
              "conducteur sans ceinture de sécurité : 3 points. Les retraits s'additionnent (9) mais sont plafonnés à 8 "
              "points pour des infractions commises en même temps (article L.223-2 du Code de la route).")
C28_LEFT = ("Avec 12 points avant l'infraction, il vous restera 4 points une fois le retrait fait : le jour où "
            "l'infraction est établie (amende payée ou condamnation définitive), pas avant (article L.223-1 du Code de "
            "la route).")
C28_STAGE = "j'ai tout payé le 30 septembre. et si je fais un stage les 14 et 15 décembre ?"


def test_a_stage_long_after_the_payment_starts_from_the_balance_left(domain):
    # t51-c28: "j'ai tout payé le 30 septembre. et si je fais un stage les 14 et 15 décembre ?" got "Mieux vaut
    # attendre que le retrait de 8 points soit enregistré … solde final 4": the decision's day unknown, the payment's
    # stands for it (§0.2, R2), 75 days before the stage; the stage gives 4 → 8 (R12)
    from actions.fallback import ActionSuggestQuestions
    from tests.actions.conftest import user_said
    from tests.actions.conversation import Conversation
    chat = Conversation.__new__(Conversation)
    chat.domain, chat.today = domain, TODAY
    chat.slots = {"current_balance": 12, "offence_date": "2026-09-12", "balance_unknown": False,
                  "last_question": "action_answer_offence_points", "last_offence_points": 8, "offence_class": "c4"}
    chat.events = [user_said(C28, "ask_offence_points"), {"event": "action", "name": "action_answer_offence_points"},
                   {"event": "bot", "text": C28_ANSWER}, {"event": "bot", "text": C28_LEFT},
                   *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                   {"event": "action", "name": "action_listen"}]
    reply = chat.say(C28_STAGE, "nlu_fallback", ActionSuggestQuestions())
    assert "de 4 à 8 points" in reply, reply
    assert "Mieux vaut attendre" not in reply and "solde final 4" not in reply and "Si vous payez" not in reply


# --- t51-c09: 5 points, licence of 2015, asked for the last stage that gave points: "oui en février 2026 mais c'était
# un stage que le juge m'avait imposé, est ce que ça compte ?" (R11 cas 4: no points, no one-year clock, R13 ex. 4)

def test_a_stage_the_judge_imposed_is_not_the_last_stage_with_points(domain):
    # t51-c09 got "Quel jour de février 2026 ?", then counted that stage (on 9 November 2026) as the one that gave
    # points: "Aucun point … à partir du 9 novembre 2027"
    from tests.actions.conftest import user_said
    from tests.actions.conversation import FormConversation
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today = domain, TODAY
    chat.slots = {"current_balance": 5, "licence_date": "2015", "balance_unknown": False,
                  "requested_slot": "previous_stage_date"}
    chat.events = [user_said("Mes points après un stage", "ask_points_after_stage"),
                   {"event": "active_loop", "name": "points_after_stage_form"},
                   user_said("il m'en reste 5 je crois. permis depuis 2015", "inform"),
                   *({"event": "slot", "name": k, "value": v} for k, v in chat.slots.items()),
                   {"event": "bot", "text": "Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à quelle "
                                            "date a-t-il commencé ?"},
                   {"event": "action", "name": "action_listen"}]
    reply = chat.say_in_form("oui en fevrier 2026 mais c'était un stage que le juge m'avait imposé, est ce que ça "
                             "compte ?", "ask_stage_eligibility", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "Quel jour" not in chat.form_said + reply
    assert "imposé par le juge" in reply and "ne rend pas de points" in reply, reply
    assert "ne compte pas pour la règle d'un seul stage par an" in reply
    assert chat.slots.get("previous_stage_date") in (None, "none"), chat.slots


@pytest.mark.parametrize("text", ["un stage que le juge m'avait imposé", "le stage que le tribunal m'a ordonné"])
def test_a_stage_said_imposed_by_a_judge_is_a_court_stage(text):
    from tests.actions.conftest import parsed
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "stage_kind"] == ["sentence"]
