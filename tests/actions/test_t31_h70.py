"""Tester T31 (replays of T28 on 1 December 2026), items of branch h70: follow-ups after a right first answer."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, mapped_slots, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t31-a04 (= t28-c04): licence 30 November 2023, 0,3 g/l on 14 September 2026 paid on 22 September (R4, R5, R7)

A04 = ("Bonjour, je suis secrétaire dans une auto-école. Un de nos élèves, permis obtenu le 30 novembre 2023 (filière "
       "classique, pas d'AAC), a été contrôlé à 0,3 g/l de sang le 14 septembre 2026, il a payé l'amende le 22 "
       "septembre 2026. Il avait tous ses points. Il lui reste quoi ? Il peut encore sauver son permis ?")
A04_DOUBT = ("Vous êtes sûr ? il a son permis depuis 3 ans presque, il devait avoir 10 points non ? sur quel article vous "
             "vous basez ?")


def secretary(domain) -> FormConversation:
    chat = opened(domain, A04, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 4 points, s'il avait 10 points avant l'infraction")
    return chat


def doubted(domain) -> FormConversation:
    chat = secretary(domain)
    chat.doubt = chat.say_in_form(A04_DOUBT, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                                  answers.ActionAnswerProbation())
    return chat


def test_a_figure_doubted_gets_yes_or_no_before_the_sources(domain):
    # t31-a04: "Vous êtes sûr ? … il devait avoir 10 points non ? sur quel article vous vous basez ?" got the list of
    # the articles only; the doubt is answered first, with the figures of the answer (R5: 10, the ceiling of the
    # third year of probation; R7: 10 − 6 = 4), then the texts asked
    chat = doubted(domain)
    assert chat.doubt.startswith("Oui : il avait 10 points avant l'infraction du 14 septembre 2026, le plafond de son "
                                 "permis probatoire ce jour-là"), chat.doubt
    assert "6 points retirés : il lui en reste 4 (10 − 6)." in chat.doubt
    assert "Cette réponse s'appuie sur ces textes :\n- Article L.223-1 du Code de la route" in chat.doubt
    assert "Solde aujourd'hui" not in chat.doubt


def test_a_figure_doubted_that_the_answer_did_not_count_gets_no(domain):
    chat = secretary(domain)
    reply = chat.say("vous êtes sûr ? il avait 12 points non ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Non : d'après ce que vous m'avez dit, il avait 10 points avant l'infraction du 14 "
                            "septembre 2026, le plafond de son permis probatoire ce jour-là"), reply
    assert "il lui en reste 4 (10 − 6)" in reply


@pytest.mark.parametrize("text", ["vous êtes sûr ? un stage lui rend 4 points non ?",
                                  "c'est sûr qu'il perd 6 points pour 0,3 g/l ?"])
def test_points_of_another_fact_doubted_are_not_the_balance_s(text):
    from actions.follow_ups import figure_doubted
    from tests.actions.conftest import make_tracker
    history = [{"event": "user", "text": A04, "parse_data": {"intent": {"name": "ask_check_balance"}, "entities": []}},
               {"event": "bot", "text": "Solde aujourd'hui : 4 points, s'il avait 10 points avant l'infraction du 14 "
                                        "septembre 2026 et aucun autre retrait depuis : 6 points retirés, 0 point "
                                        "revenu (article L.223-1 du Code de la route)."}]
    assert figure_doubted(make_tracker(text=text, history=history)) is None
    assert figure_doubted(make_tracker(text="vous êtes sûr ? il devait avoir 10 points non ?", history=history)) \
        .startswith("Oui : il avait 10 points avant l'infraction du 14 septembre 2026 ; 6 points retirés")


def test_a_licence_day_said_again_roughly_stays_that_day(domain):
    # t31-a04: "il a son permis depuis 3 ans presque" (1 December 2023, give or take months) after "permis obtenu le
    # 30 novembre 2023" erased the day told: the form refused the rough day and asked it, so the next answers forgot
    # the probation (R5, R7)
    chat = doubted(domain)
    assert chat.slots["licence_date"] == "2023-11-30"


def test_the_licence_date_given_again_after_a_doubt_stays_the_licence_date(domain):
    # t31-a04 scripted: "je vous l'ai donné : 30/11/2023" then became the payment's day: "6 points lui ont été retirés
    # le 30 novembre 2023 … de 12 points à 6 points", with a 48M (R5, R7, R15)
    chat = doubted(domain)
    reply = chat.say("je vous l'ai donné : 30/11/2023", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["licence_date"] == "2023-11-30" and chat.slots["fine_payment_date"] == "2026-09-22"
    assert "retirés le 30 novembre 2023" not in reply and "48M" not in reply


def test_the_compulsory_stage_after_a_doubt_starts_from_the_balance_computed(domain):
    # t31-a04b: "s'il fait le stage obligatoire en janvier, il remonte à combien ?" got "Aucun point à gagner : son
    # solde (12) est déjà au plafond", "0,3 g/l : pas d'infraction" and "sans la date de son permis"; 4 + 4 = 8 (R12,
    # R15; the 0,2 g/l threshold of the probation, R4)
    chat = doubted(domain)
    reply = chat.say("ok. et s'il fait le stage obligatoire en janvier, il remonte à combien ?", "ask_points_after_stage",
                     answers.ActionAnswerPointsAfterStage())
    assert "son solde passera de 4 à 8 points" in reply, reply
    assert "déjà au plafond" not in reply and "pas d'infraction" not in reply and "Sans la date de son permis" not in reply
    assert "les 12 points" not in reply and "J'ai compté les 10 points" in reply  # "tous ses points": 10 then (R5)


# --- t31-a24 (= t28-c24): husband, licence "mai 2026", alcohol 0,4 g/l and phone at one check on 5 November 2026,
# paid on 20 November: 6 − 8 = -2 (R3), a stage before the 48SI's notification saves the licence at 2 points (R18)

A24 = ("Bonjour, mon mari a eu son permis en mai 2026 (premier permis, pas d'AAC). Il s'est fait arrêter le 5 novembre "
       "pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre. Qu'est-ce qui va se passer ?")


def husband(domain) -> FormConversation:
    from tests.actions.conftest import make_tracker
    told = mapped_slots(parsed(A24, TODAY), domain)
    tracker = make_tracker(new_slots=told, intent="ask_probation", text=A24, entities=parsed(A24, TODAY),
                           form="probation_form")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    slots = {**told, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    chat = FormConversation(domain, A24, "ask_probation", answers.ActionAnswerProbation(), slots, today=TODAY)
    assert "solde calculé : -2" in chat.reply and "Donnez-moi le jour exact" in chat.reply
    return chat


def test_the_day_asked_with_a_stage_question_is_the_licence_s_day(domain):
    # t31-a24b: "le 12 mai 2026. et s'il fait un stage maintenant, il garde son permis ?" to "Vous avez indiqué mai 2026
    # … j'ai retenu le 31 mai 2026 … Donnez-moi le jour exact": the day became a stage done on 12 May 2026 ("un stage
    # ne rendra des points qu'à partir du 12 mai 2027", R13) and the licence's day was asked again
    chat = husband(domain)
    reply = chat.say_in_form("le 12 mai 2026. et s'il fait un stage maintenant, il garde son permis ?",
                             "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                             answers.ActionAnswerStageEligibility())
    assert chat.slots["licence_date"] == "2026-05-12" and chat.slots.get("previous_stage_date") is None
    assert "12 mai 2027" not in reply and "Donnez-moi le jour exact" not in reply
    assert "un stage terminé avant cette notification le sauve (solde 2 points)" in reply, reply


def test_the_balance_computed_below_zero_is_not_asked_before_a_stage(domain):
    # t31-a24c: the day alone, then "et s'il fait un stage maintenant, il garde son permis ?" (read as a stage's
    # points) asked "Combien de points avait-il juste avant ce stage ?", a balance the answers had computed (-2)
    chat = husband(domain)
    chat.say("le 12 mai 2026", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["licence_date"] == "2026-05-12"
    tracker = chat.tracker("et s'il fait un stage maintenant, il garde son permis ?", "nlu_fallback",
                           form="points_after_stage_form")
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(CollectingDispatcher(), tracker, domain))
    requested = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "requested_slot"]
    assert "current_balance" not in requested, events


def test_the_letter_of_an_offence_of_the_probation_ended_since_is_the_48n(domain):
    # "il va recevoir quelle lettre ?" after the balance (10 − 6 = 4): the offence of 14 September 2026 was committed
    # in probation (ended 30 November 2026): a 48N and its compulsory stage, not a 48M (R15, R19); the letter's
    # answer read the probation of today
    chat = secretary(domain)
    chat.say("il avait 10 points avant, il lui en reste combien ?", "ask_check_balance",
             answers.ActionAnswerCheckBalance())
    reply = chat.say("il va recevoir quelle lettre ?", "ask_letter", answers.ActionAnswerLetter())
    assert "48M" not in reply and "48N" in reply, reply
