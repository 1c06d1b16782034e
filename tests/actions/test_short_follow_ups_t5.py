"""Short follow-ups the outside testers of T5 saw misread (BOT_TODAY=2026-12-01), each rebuilt with 2–3 wordings:
the follow-up is read with the answer it follows (actions/follow_ups.py, actions/what_if.py)."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import Conversation, run

pytestmark = pytest.mark.usefixtures("first_of_december")


def offence_answer(domain, text: str, slots) -> Conversation:
    return Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots)


# --- 1. T5 c21: "c'est un délit ou pas ?" after an offence (read as bot_challenge) --------------------------------

@pytest.mark.parametrize("text", ["c'est un délit ou pas ?", "c un délit ou pas", "et c'est pénal ?"])
def test_delit_or_not_after_an_alcohol_contravention(domain, text):
    chat = offence_answer(domain, "contrôlé à 0,6 g/l, je perds combien de points ?", {"offence_type": "alcohol"})
    reply = chat.say(text, "bot_challenge", fallback.ActionBotChallenge())
    assert reply.startswith("Non : c'est une contravention de 4e classe, pas un délit (article R.234-1 du Code de la "
                            "route).")
    assert "à partir de 0.8 g/l" in reply or "à partir de 0,8 g/l" in reply  # where the délit starts (L.234-1)


@pytest.mark.parametrize("text", ["c'est un délit ou pas ?", "c'est une contravention ?", "je vais passer au tribunal ?"])
def test_delit_or_not_after_a_grand_exces(domain, text):
    chat = offence_answer(domain, "combien de points pour un excès de 55 km/h ?",
                          {"offence_type": "speeding", "speed_excess": 55})
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Oui : c'est un délit, pas une contravention (article L.413-1 du Code de la route).")
    assert "300 €" in reply and ").)" not in reply
    assert "à partir de 50 km/h au-dessus de la limite (article L.413-1" in reply  # since 29/12/2025 (R4)


def test_a_bot_challenge_with_no_answer_before_is_still_answered_as_such(domain):
    events, reply = run(fallback.ActionBotChallenge(), make_tracker(text="t'es un robot ou pas ?",
                                                                    intent="bot_challenge"), domain)
    assert reply == "utter_iamabot" and events == []


# --- 2. T5 c33: "ok et combien l'amende ?" after a cyclist's answer (no points) -----------------------------------

@pytest.mark.parametrize("told, fine", [
    ("j'ai grillé un feu rouge à vélo, je perds des points ?", "135 €"),  # R21 example 1
    ("arrêté à vélo avec le téléphone tenu en main, combien de points ?", "135 €"),
])
@pytest.mark.parametrize("text, intent", [("ok et combien l'amende ?", "ask_refund_48n"),
                                          ("et l'amende c'est combien alors ?", "ask_refund_48n"),
                                          ("ça coûte combien du coup ?", "ask_stage_info")])
def test_the_fine_of_a_cyclist_offence(domain, told, fine, text, intent):
    chat = offence_answer(domain, told, {"offence_type": "cycling"})
    assert "aucun point" in chat.reply
    reply = chat.say(text, intent, answers.ActionAnswerOffencePoints())
    assert reply.startswith("À vélo, vous ne perdez pas de points, mais l'amende est due") and fine in reply
    assert "48N" not in reply


def test_a_cyclist_offence_not_named_asks_which(domain):
    chat = offence_answer(domain, "verbalisé à vélo, je perds des points ?", {"offence_type": "cycling"})
    reply = chat.say("et l'amende ?", "ask_refund_48n", answers.ActionAnswerOffencePoints())
    assert reply.startswith("À vélo, l'amende due est celle de l'infraction commise")


# --- 3. T5 c34: "et elle doit payer quoi en plus ?" after the company car (R21 example 2, L.121-6) ---------------

COMPANY = ("flashé avec ma voiture de société à 15 km/h de trop sur route à 90, mon patron a payé l'amende sans me "
           "désigner, je perds des points ?")


@pytest.mark.parametrize("text, intent", [("et elle doit payer quoi en plus ?", "ask_stage_info"),
                                          ("et l'entreprise paie combien ?", "out_of_scope"),
                                          ("la société risque quoi alors ?", "nlu_fallback")])
def test_the_company_owes_the_non_designation_fine(domain, text, intent):
    chat = offence_answer(domain, COMPANY, {"offence_type": "company_owner_liability"})
    assert "aucun point" in chat.reply
    action = {"ask_stage_info": answers.ActionAnswerStageInfo(), "out_of_scope": fallback.ActionOutOfScope(),
              "nlu_fallback": fallback.ActionSuggestQuestions()}[intent]
    reply = chat.say(text, intent, action)
    assert reply.startswith("En plus de l'amende de l'infraction elle-même, l'entreprise qui ne désigne pas le "
                            "conducteur doit l'amende pour non-désignation.\n- L'entreprise doit désigner")
    # L.121-6: a 4th-class contravention; a legal person's amounts are five times a person's (CPP 530-3, CP 131-41)
    assert "son amende forfaitaire est de 675 € (450 €" in reply and "1 875 € majorée" in reply and "3 750 €" in reply
    assert "L.121-6" in reply and "Pas encore" not in reply


# --- 4. T5 c32: "et moi si je l'ai pas ?" after an answer on a friend with the AAC ---------------------------------

@pytest.mark.parametrize("text", ["et moi si je l'ai pas ?", "et moi si je l'ai pas faite ?", "et moi sans ?"])
def test_the_same_probation_without_the_aac(domain, text):
    chat = Conversation(domain, "mon pote a eu son permis le 10 janvier 2025 avec la conduite accompagnée, il a "
                                "combien de points ?", "ask_probation", answers.ActionAnswerProbation(),
                        {"licence_date": "2025-01-10", "supervised_driving": True, "complementary_training": False,
                         "had_offence": False})
    assert "9 points" in chat.reply and "10 janvier 2027" in chat.reply
    reply = chat.say(text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Sans la conduite accompagnée (AAC)")
    # R5: 3 years, +2 a year: 8 points on 1 December 2026, 12 on 10 January 2028
    assert "8 points" in reply and "10 janvier 2028" in reply
    assert chat.slots["supervised_driving"] is True  # the facts told stay


def test_another_thing_not_done_is_not_the_aac_turned_off(domain):
    from actions import what_if
    chat = Conversation(domain, "permis le 10 janvier 2025 avec la conduite accompagnée, j'ai combien de points ?",
                        "ask_probation", answers.ActionAnswerProbation(),
                        {"licence_date": "2025-01-10", "supervised_driving": True, "complementary_training": False,
                         "had_offence": False})
    assert what_if.what_if_answer(chat.tracker("et si je l'ai pas payée ?", "ask_retrait_timing")) is None


# --- 5. T5 c14: "et si ça avait été 0,9 ?" after an alcohol answer ------------------------------------------------

@pytest.mark.parametrize("text, intent", [("et si ça avait été 0,9 ?", "ask_offence_points"),
                                          ("et à 0,9 g/l ?", "nlu_fallback"),
                                          ("et si j'avais eu 0,9 ?", "nlu_fallback")])
def test_the_same_alcohol_offence_at_another_level(domain, text, intent):
    chat = offence_answer(domain, "contrôlé à 0,6 g/l, je perds combien de points ?", {"offence_type": "alcohol"})
    assert "contravention de 4e classe" in chat.reply
    action = {"ask_offence_points": answers.ActionAnswerOffencePoints(),
              "nlu_fallback": fallback.ActionSuggestQuestions()}[intent]
    reply = chat.say(text, intent, action)
    assert reply.startswith("Avec 0,9 g/l d'alcool dans le sang, alors :")
    assert "retrait de 6 points (délit)" in reply and "L.234-1" in reply and "Quelle infraction" not in reply
    # nothing of the hypothesis is kept: neither its offence nor its level
    assert chat.slots.get("offence_type") != "alcohol_delit" and "blood_alcohol_g_l" not in chat.slots


def test_a_level_below_the_limit_is_no_offence(domain):
    chat = offence_answer(domain, "contrôlé à 0,6 g/l, je perds combien de points ?", {"offence_type": "alcohol"})
    reply = chat.say("et si ça avait été 0,3 ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Avec 0,3 g/l d'alcool dans le sang, alors :") and "6 points" not in reply.split("\n")[1]


# --- 6. T5 c22: "je dois quand même faire le stage ?" after a balance answer ---------------------------------------

def balance_answer(domain, text: str, slots) -> Conversation:
    return Conversation(domain, text, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots)


@pytest.mark.parametrize("text", ["je dois quand même faire le stage ?", "le stage reste obligatoire ?",
                                  "je suis obligé de le faire quand même ?"])
def test_still_compulsory_without_a_48n_is_a_voluntary_stage(domain, text):
    chat = balance_answer(domain, "comment je sais combien il me reste de points ?", {})
    reply = chat.say(text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Non : sans lettre 48N, aucun stage n'est obligatoire.") and "R.223-4" in reply


@pytest.mark.parametrize("text", ["je dois quand même faire le stage ?", "le stage reste obligatoire ?"])
def test_still_compulsory_with_a_48n_told_without_its_date(domain, text):
    chat = balance_answer(domain, "j'ai reçu une 48N, comment je vois mon solde ?", {})
    reply = chat.say(text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Oui : après une lettre 48N, le stage est obligatoire") and "4 mois" in reply


# --- 7. T5 c57: documents and delay of the refund request after a refund answer (R16) -----------------------------

def refund_answer(domain) -> Conversation:
    return Conversation(domain, "j'ai reçu la 48N le 10 septembre 2026, j'ai fait le stage les 20 et 21 novembre "
                                "2026, je serai remboursé de l'amende ?", "ask_refund_48n",
                        answers.ActionAnswerRefund48n(),
                        {"letter_48n_date": "2026-09-10", "stage_first_day": "2026-11-20"})


@pytest.mark.parametrize("text, intent", [("Quels documents je dois envoyer ?", "ask_stage_info"),
                                          ("il faut envoyer quels papiers ?", "ask_stage_info"),
                                          ("je dois joindre quoi ?", "ask_refund_48n")])
def test_the_documents_of_the_refund_request(domain, text, intent):
    chat = refund_answer(domain)
    assert "remboursée" in chat.reply
    action = {"ask_stage_info": answers.ActionAnswerStageInfo(), "ask_refund_48n": answers.ActionAnswerRefund48n()}
    reply = chat.say(text, intent, action[intent])
    assert reply.startswith("Pour la demande de remboursement de l'amende :\n- Envoyez au comptable public (Trésor)")
    assert "RIB" in reply and "15 jours après le stage" in reply
    assert "permis de conduire et une pièce d'identité" not in reply


@pytest.mark.parametrize("text", ["Et j'ai un délai ?", "j'ai combien de temps ?", "c'est quoi la date limite ?"])
def test_the_delay_of_the_refund_request_not_the_stage_s(domain, text):
    chat = refund_answer(domain)
    chat.say("Quels documents je dois envoyer ?", "ask_stage_info", answers.ActionAnswerStageInfo())
    reply = chat.say(text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Envoyez la demande rapidement, au plus tard le 6 décembre 2026 (15 jours après le stage)")
    assert "10 janvier 2027" not in reply


@pytest.mark.parametrize("text", ["je peux encore faire un stage ?", "je peux toujours faire un stage cette année ?"])
def test_a_stage_still_possible_is_not_an_obligation_asked(domain, text):
    from actions import follow_ups
    chat = balance_answer(domain, "comment je sais combien il me reste de points ?", {})
    tracker = chat.tracker(text, "ask_stage_eligibility")
    assert not (follow_ups.answer_in_context(tracker) or "").startswith("Non : sans lettre 48N")
