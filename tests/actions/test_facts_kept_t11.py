"""Facts already given are used, not lost nor asked again; no dead end on impossible facts. Outside tester T11
(BOT_TODAY=2026-12-01)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


# --- c31: the offences of one check answered (8 points, capped, R3), then "j'avais 12 points, j'ai payé hier, stage
# le 15 et 16 décembre, j'aurai combien ?": the payment's day is not the day of a balance asked about (it became a
# what-if "Au 30 novembre 2026" with the stage day as a future offence: "Impossible de répondre"); the retrait just
# paid may not be recorded by the stage: a stage first is capped at 12 and the final balance is 4, better wait (R18
# example 1)

ONE_CHECK_OFFENCES = [
    "Lors d'un même contrôle : téléphone, pas de ceinture et 35 km/h de trop. Combien de points en tout ?",
    "arrêté hier au même contrôle pour téléphone au volant, ceinture pas mise et 35 km/h de trop, ça fait combien ?",
]
STAGE_AFTER_PAYMENT = [
    ("j'avais 12 points, j'ai payé hier. je fais un stage le 15 et 16 decembre, j'aurai combien ?", "2026-12-15"),
    ("j'ai réglé l'amende avant-hier, j'avais 12 points. stage les 10 et 11 décembre, il me restera combien ?",
     "2026-12-10"),
    ("avant j'avais 12 pts, payé hier, je m'inscris au stage du 14 décembre, j'en aurai combien après ?",
     "2026-12-14"),
]


@pytest.mark.parametrize("offences", ONE_CHECK_OFFENCES)
@pytest.mark.parametrize("text, first_day", STAGE_AFTER_PAYMENT)
def test_a_stage_after_the_offences_just_paid_counts_their_retrait_and_says_to_wait(domain, offences, text,
                                                                                      first_day):
    chat = Chat(domain)
    chat.say(offences, "ask_offence_points", answers.ActionAnswerOffencePoints(),  # (as the form fills them)
             {"offence_type": "speeding", "speed_excess": 35, "other_offences": ["phone", "seatbelt"]})
    answer = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                      {"previous_stage_date": "none", "licence_date": "2005", "stage_first_day": first_day,
                       "current_balance": 12})
    assert "Impossible de répondre" not in answer and "Au 30 novembre" not in answer, answer
    assert "Mieux vaut attendre que le retrait de 8 points soit enregistré" in answer, answer
    assert "solde final 4 points" in answer and "de 4 à 8 points" in answer, answer


# --- c37: a voluntary stage on 2 June 2026, then a 48N received on 10 November 2026: "Je dois refaire un stage ? Il
# me rendra des points ?". The 48N's answer says the compulsory stage gives no points (not before 2 June 2027, R17):
# the second question is answered, no form opened on the stage of June taken for the one asked about (it ended in
# "le stage précédent doit avoir eu lieu avant celui-ci" and a loop on the previous stage's question)

STAGE_THEN_48N = [
    "J'ai fait un stage volontaire les 2 et 3 juin 2026 après avoir perdu 2 points. Là j'ai reçu une 48N le 10 "
    "novembre 2026 pour un téléphone. Je dois refaire un stage ? Il me rendra des points ?",
    "stage volontaire fait les 2 et 3 juin 2026. J'ai reçu une lettre 48N le 10 novembre 2026. Je suis obligé d'en "
    "refaire un ? Et ça me redonnera des points ?",
]


@pytest.mark.parametrize("text", STAGE_THEN_48N)
def test_the_48n_answer_that_says_no_points_answers_the_points_question_too(domain, text):
    chat = Chat(domain)
    answer = chat.say(text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                      {"previous_stage_date": "2026-06-02", "letter_48n_date": "2026-11-10", "letter_code": "48N"})
    assert "ne rendra pas de points (pas avant le 2 juin 2027)" in answer, answer
    assert not any(e.get("event") == "followup" for e in chat.events), chat.events


def test_a_48n_after_a_stage_over_a_year_ago_still_opens_the_points_question(domain):
    # (the compulsory stage gives points: how many is the other question, asked as before)
    chat = Chat(domain)
    chat.say("J'ai fait un stage volontaire les 2 et 3 juin 2025. Là j'ai reçu une 48N le 10 novembre 2026. Je dois "
             "refaire un stage ? Il me rendra des points ?", "ask_stage_eligibility",
             answers.ActionAnswerStageEligibility(),
             {"previous_stage_date": "2025-06-02", "letter_48n_date": "2026-11-10", "letter_code": "48N"})
    assert {"event": "followup", "timestamp": None, "name": "action_other_question"} in chat.events, chat.events


@pytest.mark.parametrize("text", ["2 juin 2026", "le 2 juin 2026 je vous dis", "c'était le 2/06/2026"])
def test_the_day_of_the_stage_asked_about_given_again_as_the_last_one_is_kept_and_no_loop(domain, text):
    # the stage told as done was taken for the one asked about: the same day given again as the last stage is that
    # stage; the stage asked about is the one to ask (it looped on "Avant ce stage, en aviez-vous déjà fait un…")
    tracker = make_tracker(slots={"licence_date": "2024-09", "stage_first_day": "2026-06-02", "current_balance": 5},
                           intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           requested_slot="previous_stage_date", form="points_after_stage_form",
                           new_slots={"previous_stage_date": "2026-06-02"},
                           history=[{"event": "slot", "name": "stage_first_day", "value": "2026-06-02"}])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_.get("previous_stage_date") == "2026-06-02" and set_.get("stage_first_day") is None, events
    assert set_.get("requested_slot") != "previous_stage_date", events
    assert "2 juin 2026" in dispatcher.messages[0]["text"], dispatcher.messages


# --- c38: "54 pour 50" answered (4 km/h, no point), then "c un radar mobile, 54 c ce qui est écrit sur l'avis comme
# vitesse retenue": 54 is the retained speed, not an excess of 54 km/h (it became a délit, 6 points)

@pytest.mark.parametrize("text", [
    "c un radar mobile, 54 c ce qui est ecrit sur l'avis comme vitesse retenue",
    "radar mobile, 54 km/h c'est la vitesse retenue sur l'avis",
    "non, 54 correspond à la vitesse retenue",
    "la vitesse retenue c'est 54",
])
def test_the_retained_speed_said_after_the_answer_is_a_speed_not_an_excess(domain, text):
    from actions import corrections
    from tests.actions.test_t7_facts_read import Chat as Told
    chat = Told(domain, "flashe a 54 pour 50 c combien de points", "ask_offence_points",
                answers.ActionAnswerOffencePoints())
    assert "Excès de 4 km/h" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "Excès de 54 km/h" not in reply and "délit" not in reply, reply
    assert "Excès de 4 km/h (54 km/h retenus pour 50 km/h autorisés) : aucun point retiré" in reply, reply
