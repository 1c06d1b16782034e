"""Tester T61 (1 December 2026), items of branch m33: short follow-ups of an answer that were read as nothing
("et l orange ?" after a red light, "et si c'est mon fils de 8 ans derrière qui l'avait pas ?" after the seatbelt, "même
pas pour avoir des points d'avance ?" at 12 points, "si je rate la 2e journée…" after the stage's sheet, "il me faut
quoi comme identifiant ? j'ai pas de compte ameli" after checking the balance)."""
from __future__ import annotations

import pytest

from actions import fallback
from actions.answers import ActionAnswerCheckBalance, ActionAnswerOffencePoints, ActionAnswerStageInfo
from actions.forms import ValidateAutoRecoveryForm, ValidateOffencePointsForm
from tests.actions.conversation import Conversation, FormConversation, opened_in_form
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


@pytest.mark.parametrize("text", ["et l orange ?", "et l'orange ?", "et passer à l'orange ?", "et au orange ?",
                                  "griller l'orange ça coûte combien ?"])
def test_the_amber_light_named_without_the_word_feu(text):
    # t61-c03: "et l orange ?" after the red light's answer got a request to rephrase (no offence read)
    assert ("offence_type", "amber_light") in [(e["entity"], e["value"]) for e in parsed(text, TODAY)]


@pytest.mark.parametrize("text", ["je suis chez Orange", "mon forfait orange", "une voiture orange m'a doublé"])
def test_orange_alone_is_no_amber_light(text):
    assert "amber_light" not in [e["value"] for e in parsed(text, TODAY)]


def _seatbelt(domain):
    chat = opened_in_form(domain, "combien de points pour la ceinture", "ask_offence_points", "offence_points_form",
                          ValidateOffencePointsForm(), ActionAnswerOffencePoints(), TODAY)
    assert "retrait de 3 points" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text", ["et si c'est mon fils de 8 ans derriere qui l'avait pas ?",
                                  "et si c'est ma fille qui l'a pas mise ?", "et pour un enfant à l'arrière ?",
                                  "et si c'est le petit derrière qui était pas attaché"])
def test_a_child_without_the_belt_after_the_driver_s_seatbelt(domain, text):
    # t61-c13: the driver pays 135 € for a minor not restrained, no points (R.412-2, spec R4 seatbelt row)
    chat = _seatbelt(domain)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Je n'ai pas bien compris" not in reply, reply
    assert "aucun point" in reply and "R.412-2" in reply and "135 €" in reply, reply
    # (the driver is the user: the child is a passenger, not the licence holder; live it said "son passager mineur")
    assert "votre passager mineur" in reply and "sur votre permis" in reply, reply


@pytest.mark.parametrize("text", ["et si c'est mon passager qui l'avait pas ?", "et si c'est mon pote de 30 ans à côté ?"])
def test_an_adult_passenger_without_the_belt_after_the_driver_s_seatbelt(domain, text):
    # the adult passenger pays the fine; no points for the driver (spec R4 seatbelt row)
    chat = _seatbelt(domain)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Je n'ai pas bien compris" not in reply, reply
    assert "aucun point" in reply and "passager adulte qui paie l'amende" in reply, reply


def test_a_son_who_drove_is_still_the_licence_holder(domain):
    from actions.third_person import subject_person
    chat = _seatbelt(domain)
    tracker = chat.tracker("et si c'est mon fils qui conduisait, il l'avait pas non plus ?", "nlu_fallback")
    assert subject_person(tracker) is not None


def test_a_passenger_after_another_offence_is_not_read_as_a_belt(domain):
    chat = opened_in_form(domain, "combien de points pour un feu rouge", "ask_offence_points", "offence_points_form",
                          ValidateOffencePointsForm(), ActionAnswerOffencePoints(), TODAY)
    reply = chat.say("et si c'est mon fils qui conduisait ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "ceinture" not in reply, reply


@pytest.mark.parametrize("text", ["meme pas pour avoir des points d'avance ?", "je peux pas mettre des points de côté ?",
                                  "on peut stocker des points en réserve ?"])
def test_points_in_advance_are_no_more_than_the_maximum(domain, text):
    # t61-c16: after "aucun point à gagner : votre solde (12) est déjà au plafond", a request to rephrase (R1 example 3)
    chat = Conversation(domain, "un stage ça coûte combien ?", "ask_stage_info", ActionAnswerStageInfo(), {}, TODAY)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Non"), reply
    assert "12 points" in reply and "L.223-1" in reply, reply
    assert "un chiffre plus élevé vu quelque part" not in reply, reply


@pytest.mark.parametrize("text", ["si je rate la 2e journee a cause d'un rdv medical, j'ai quand meme les points ?",
                                  "et si je pars plus tot le deuxieme jour ?", "si je loupe une demi journée ça compte ?",
                                  "et si j'arrive en retard le 2ème jour ?"])
def test_missing_part_of_the_stage_after_its_sheet(domain, text):
    # t61-c23: a request to rephrase; R.223-8 I: attendance must be complete, else no attestation, no points
    chat = Conversation(domain, "et si je dois annuler mon stage la veille je suis remboursé ?", "ask_stage_info",
                        ActionAnswerStageInfo(), {}, TODAY)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Je n'ai pas bien compris" not in reply, reply
    assert "pas de points" in reply and "R.223-8" in reply and "attestation" in reply, reply
    assert "Le prix est fixé librement" not in reply, reply  # (the part asked, not the whole card)


@pytest.mark.parametrize("text", ["il me faut quoi comme identifiant ? j'ai pas de compte ameli",
                                  "je me connecte avec quoi ?", "j'ai pas de compte impots"])
def test_the_login_asked_after_checking_the_balance(domain, text):
    # t61-c05: the stage's sheet, off topic
    chat = Conversation(domain, "comment je vois mon solde de points en ligne", "ask_check_balance",
                        ActionAnswerCheckBalance(), {}, TODAY)
    reply = chat.say(text, "ask_stage_info", ActionAnswerStageInfo())
    assert "FranceConnect" in reply and "ameli.fr" in reply, reply
    assert "2 jours consécutifs" not in reply, reply


def _adult_passenger(domain):
    chat = opened_in_form(domain, "mon passager avait pas sa ceinture, je perds des points moi ?", "ask_offence_points",
                          "offence_points_form", ValidateOffencePointsForm(), ActionAnswerOffencePoints(), TODAY)
    assert "Passager adulte sans ceinture" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text", ["et si c'est mon fils de 10 ans ?", "et pour un enfant ?", "et si c'est ma fille de 6 ans ?"])
def test_a_child_after_an_adult_passenger_s_seatbelt(domain, text):
    # t62-c24: "et si c'est mon fils de 10 ans ?" after the adult passenger's answer asked the son's licence date (read
    # as his probation), twice; a minor not restrained: the driver pays 135 €, no points (R.412-2, spec R4)
    chat = _adult_passenger(domain)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "R.412-2" in reply and "votre passager mineur" in reply and "sur votre permis" in reply, reply
    assert "obtenu son permis" not in reply, reply


def test_a_child_after_an_adult_passenger_s_seatbelt_read_as_a_probation_question(domain):
    from actions.answers import ActionAnswerProbation
    from actions.forms import ValidateProbationForm
    chat = _adult_passenger(domain)
    reply = chat.say_in_form("et si c'est mon fils de 10 ans ?", "ask_probation", "probation_form",
                             ValidateProbationForm(), ActionAnswerProbation())
    assert "R.412-2" in reply and "votre passager mineur" in reply, reply
    assert "obtenu son permis" not in reply, reply


def test_a_child_of_10_is_no_licence_holder():
    from actions.third_person import subject_person
    from tests.actions.conftest import make_tracker
    assert subject_person(make_tracker(text="et si c'est mon fils de 10 ans ?", intent="ask_probation")) is None
    assert subject_person(make_tracker(text="mon fils de 19 ans a eu son permis en mars", intent="ask_probation")) \
        is not None


@pytest.mark.parametrize("text", ["et le stage on peut le payer en plusieurs fois ?",
                                  "paiement en 3 fois possible ou pas ?", "on peut échelonner le paiement du stage ?"])
def test_paying_the_stage_in_instalments_is_the_centre_s_call(domain, text):
    # t62-c22: the price again, then a request to rephrase; the Code says nothing of instalments
    chat = Conversation(domain, "combien coute un stage ?", "ask_stage_info", ActionAnswerStageInfo(), {}, TODAY)
    reply = chat.say(text, "ask_stage_info", ActionAnswerStageInfo())
    assert "paiement en plusieurs fois, c'est le centre qui décide" in reply, reply


def test_paying_in_instalments_asked_again_after_the_price(domain):
    chat = Conversation(domain, "et le stage on peut le payer en plusieurs fois ?", "ask_stage_info",
                        ActionAnswerStageInfo(), {}, TODAY)
    reply = chat.say("vous répondez pas à ma question, paiement en 3 fois possible ou pas ?", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert "paiement en plusieurs fois, c'est le centre qui décide" in reply, reply


C26 = ("Bonjour, j'ai fait un stage les 30 novembre et 1er décembre 2025. Je peux en refaire un le 30 novembre 2026 et "
       "1er décembre 2026 ? Ah et au fait, c'est quoi la différence entre la lettre 48 et 48M ?")


def test_a_stage_to_redo_named_by_en_is_the_message_s_other_question(domain):
    # t63-c26: the letters 48 and 48M answered, the stage's question dropped ("Je peux en refaire un le 30 novembre
    # 2026 ?"); then "et pour ma première question, le stage ?" got the stage's card. One year date to date from
    # 30 November 2025: points from 30 November 2026 (R13)
    from actions.answers import ActionAnswerLetter
    from actions.two_part import ActionAnswerOtherQuestion, other_question
    from tests.actions.test_t33_h75 import then
    from tests.actions.conversation import opened
    chat = opened(domain, C26, "ask_letter", ActionAnswerLetter(), TODAY)
    assert "lettre 48M" in chat.reply, chat.reply
    assert any(e.get("event") == "followup" and e.get("name") == ActionAnswerOtherQuestion.NAME for e in chat.events), \
        chat.events
    stage = then(chat, ActionAnswerOtherQuestion())
    if not stage:  # (handed to the stage's form: it has what it needs, and its answer follows)
        from actions.answers import ActionAnswerStageEligibility
        from actions.forms import ValidateStageEligibilityForm
        assert chat.events[-2] == {"event": "followup", "timestamp": None, "name": "stage_eligibility_form"}, chat.events
        chat.read_by_form(C26, "ask_letter", "stage_eligibility_form", ValidateStageEligibilityForm())
        assert chat.next_asked("stage_eligibility_form", ValidateStageEligibilityForm()) is None, chat.slots
        stage = chat.answer_after_form(C26, "ask_letter", ActionAnswerStageEligibility())
    assert "30 novembre 2026" in stage, stage
    assert "Aucun point" not in stage, stage


@pytest.mark.parametrize("clause", ["Je peux en refaire un le 30 novembre 2026 ?", "on peut en faire un autre en janvier ?",
                                    "puis-je en repasser un cette année ?"])
def test_a_stage_named_by_en_asks_the_stage_s_eligibility(clause):
    from actions.two_part import question_of
    assert question_of(clause, "j'ai fait un stage en mars 2025. " + clause) == "ask_stage_eligibility"


# --- t64-c30: "au fait ça rend combien de points un stage ?" while the recovery form asked the payment's day: the
# stage's form took over (the balance, the licence, the stages asked), "revenons à ma question…" kept it, the recovery
# date came at the third asking

PAYMENT_ASKED = ("À quelle date avez-vous payé l'amende (ou la condamnation est-elle devenue définitive) ? C'est de là que "
                 "part le délai.")


def _recovery_form_asking_the_payment(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("bonjour je voudrais savoir quand je recupere mes points", "ask_auto_recovery",
                      "auto_recovery_form", ValidateAutoRecoveryForm(), question="Combien de points…",
                      asks="last_offence_points")
    chat.read_by_form("3 points, téléphone au volant", "inform", "auto_recovery_form", ValidateAutoRecoveryForm(),
                      requested="last_offence_points", question=PAYMENT_ASKED, asks="fine_payment_date",
                      last_offence_points=3)
    return chat


@pytest.mark.parametrize("text", ["au fait ça rend combien de points un stage ?",
                                  "un stage ça redonne combien de points ?", "combien de points rend un stage ?"])
@pytest.mark.parametrize("intent", ["ask_points_after_stage", "ask_stage_info", "ask_stage_eligibility"])
def test_a_stage_s_points_asked_in_general_in_the_recovery_form(domain, text, intent):
    chat = _recovery_form_asking_the_payment(domain)
    tracker = make_tracker(slots=chat.slots, intent=intent, text=text, entities=parsed(text, TODAY),
                           requested_slot="fine_payment_date", form="auto_recovery_form", history=list(chat.events))
    filled, messages = run_form(ValidateAutoRecoveryForm(), tracker, domain)
    said = "\n".join(m or "" for m in messages)
    assert "Un stage rend jusqu'à 4 points" in said and "R.223-8" in said, said
    assert filled["requested_slot"] == "fine_payment_date", filled


@pytest.mark.parametrize("text", ["si je fais un stage ça me rend combien ?", "combien de points me rendra mon stage ?"])
def test_the_user_s_own_stage_is_not_a_general_question(text):
    from actions.informational import stage_points_asked_in_general
    assert not stage_points_asked_in_general(text)
