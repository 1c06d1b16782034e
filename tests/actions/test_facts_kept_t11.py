"""Facts already given are used, not lost nor asked again; no dead end on impossible facts. Outside tester T11
(BOT_TODAY=2026-12-01)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed, slots_filled_by_rasa
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
    from actions.what_if import is_hypothesis
    assert not is_hypothesis(chat.tracker(text, "inform"))  # (a fact told, not "et à 54 retenu ?")
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "Excès de 54 km/h" not in reply and "délit" not in reply, reply
    assert "Excès de 4 km/h (54 km/h retenus pour 50 km/h autorisés) : aucun point retiré" in reply, reply


# --- c21: a stage during a suspension answered, then "j'ai 4 points, permis depuis 2010. si je le fais le 8 et 9
# décembre j'en aurai combien ?": two days in a row are the stage's (R.223-5), not asked again

@pytest.mark.parametrize("text, first_day", [
    ("j'ai 4 points, permis depuis 2010. si je le fais le 8 et 9 decembre j'en aurai combien ?", "2026-12-08"),
    ("il me reste 4 points, je le passe les 14 et 15 décembre, j'en aurai combien ?", "2026-12-14"),
    ("4 points, je le fais les 10-11 décembre, il m'en restera combien ?", "2026-12-10"),
])
def test_two_days_in_a_row_in_a_stage_question_are_the_stage_s(domain, text, first_day):
    entities = parsed(text, "2026-12-01")
    # (the stage named by its pronoun, its day right after: the parser gives the first day the stage's role, T39 c04)
    assert [e.get("role") for e in entities if e["entity"] == "date" and e["value"] == first_day] == ["stage"]
    tracker = make_tracker(slots={"licence_status": "suspended"},
                           new_slots={**slots_filled_by_rasa(entities, domain, "ask_points_after_stage"),
                                      "current_balance": 4},
                           intent="ask_points_after_stage", text=text, entities=entities,
                           form="points_after_stage_form")
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(CollectingDispatcher(), tracker, domain))
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_.get("stage_first_day") == first_day and set_.get("requested_slot") != "stage_first_day", events


def test_a_single_day_without_a_role_is_not_taken_for_the_stage(domain):
    text = "j'ai 4 points, et le 8 décembre j'en aurai combien ?"
    tracker = make_tracker(new_slots={"current_balance": 4}, intent="ask_points_after_stage", text=text,
                           entities=parsed(text, "2026-12-01"), form="points_after_stage_form")
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(CollectingDispatcher(), tracker, domain))
    assert not any(e.get("name") == "stage_first_day" for e in events), events


# --- c25: "stop, annule" worked; then "re, en fait j'ai 7 points, permis 2018, stage prévu le 5 et 6 janvier 2027":
# a stage to come with its facts, no question before: the points after that stage (it said "Quelle est votre
# question ?", then asked the stage's day again)

@pytest.mark.parametrize("text, first_day", [
    ("re, en fait j'ai 7 points, permis 2018, stage prevu le 5 et 6 janvier 2027", "2027-01-05"),
    ("bon, j'ai 7 points, permis depuis 2018, et mon stage est prévu les 12 et 13 janvier 2027", "2027-01-12"),
    ("7 points, permis 2018, stage réservé le 20 décembre", "2026-12-20"),
])
def test_facts_with_a_stage_to_come_after_a_cancel_lead_to_the_stage_s_points(domain, text, first_day):
    from actions import corrections
    cancelled = [{"event": "user", "text": "stop, annule, je reviendrai plus tard",
                  "parse_data": {"intent": {"name": "stop"}, "entities": []}},
                 {"event": "action", "name": "action_deactivate_loop"}, {"event": "active_loop", "name": None},
                 {"event": "action", "name": "utter_cancelled"}, {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"current_balance": 7, "licence_date": "2018", "previous_stage_date": "none"},
                           intent="inform", text=text, entities=parsed(text, "2026-12-01"), history=cancelled)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Quelle est votre question" not in said, said
    assert {"event": "slot", "timestamp": None, "name": "stage_first_day", "value": first_day} in events, events
    assert "Le stage vous rendra 4 points" in said and "de 7 à 11 points" in said, said


# --- c29: "flashé à 142 sur une route à 90, le 10 novembre 2026" answered (délit, 6 points), then "j'avais 12
# points, et j'ai payé le 25 novembre. je retrouve mes points quand ?": the offence told on a past day is the user's;
# its points, class and day are kept (they were asked again, and the offence was named by its payment's day)

@pytest.mark.parametrize("told", [
    "flashé à 142 sur une route à 90, le 10 novembre 2026. je risque quoi niveau points ?",
    "flashée à 142 au lieu de 90 le 10 novembre, combien de points ?",
    "contrôlé à 142 sur une route limitée à 90 le 10/11/2026, ça fait combien ?",
])
def test_an_offence_told_on_a_past_day_keeps_its_points_class_and_day_for_the_recovery(domain, told):
    chat = Chat(domain)
    chat.say(told, "ask_offence_points", answers.ActionAnswerOffencePoints(),
             {"offence_type": "speeding", "speed_measured": 142, "speed_limit": 90})
    assert (chat.slots.get("last_offence_points"), chat.slots.get("offence_class"), chat.slots.get("offence_date")) \
        == (6, "delit", "2026-11-10"), chat.slots
    answer = chat.say("non c'est bien 142 retenu sur l'avis. j'avais 12 points, et j'ai payé le 25 novembre. je "
                      "retrouve mes points quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                      {"current_balance": 12, "fine_payment_date": "2026-11-25", "licence_date": "2010"})
    assert "le 25 novembre 2029" in answer and "avant l'infraction du 10 novembre 2026" in answer, answer
    assert "infraction du 25 novembre" not in answer, answer


def test_a_general_question_with_a_participle_and_no_day_is_not_the_user_s_offence(domain):
    chat = Chat(domain)
    chat.say("flashé à 142 sur une route à 90, combien de points ?", "ask_offence_points",
             answers.ActionAnswerOffencePoints(), {"offence_type": "speeding", "speed_measured": 142, "speed_limit": 90})
    assert chat.slots.get("last_offence_points") is None and chat.slots.get("offence_date") is None, chat.slots


# --- c23: "j'ai payé mon amende le 31 février 2026, 3 points, quand je les récupère": the impossible day said at
# once, the 3 points kept (they were asked again, and the date ignored)

@pytest.mark.parametrize("text, points", [
    ("j'ai payé mon amende le 31 février 2026, 3 points, quand je les recupere", 3),
    ("réglé le 30 février 2026, 2 points, ils reviennent quand ?", 2),
    ("3 points, payé le 31 avril 2026, ils reviennent quand ?", 3),
])
def test_a_recovery_question_keeps_its_points_and_says_its_impossible_day_at_once(domain, text, points):
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"),
                           form="auto_recovery_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert set_.get("last_offence_points") == points and set_.get("requested_slot") != "last_offence_points", events
    assert any("n'existe pas" in (m.get("text") or "") for m in dispatcher.messages), dispatcher.messages


# --- c30: drugs and alcohol (9 points, délit, law 2025-622), "j'avais 10 points", then "je suis convoqué au tribunal
# en janvier, les points sont déjà enlevés ?": not yet, and the balance stays 10 until the conviction is final (R2)

@pytest.mark.parametrize("text", [
    "le controle c'etait le 5 octobre mais je suis convoqué au tribunal en janvier, les points sont deja enleves ?",
    "j'ai une audience au tribunal le 15 janvier, mes points sont déjà retirés ?",
    "je passe au tribunal en janvier, on m'a déjà enlevé les points ?",
])
def test_a_conviction_to_come_keeps_the_balance_told_until_it_is_final(domain, text):
    from actions import corrections
    chat = Chat(domain)
    chat.say("controle positif cannabis + 0,6 g d'alcool le 5 octobre 2026 combien de points", "ask_offence_points",
             answers.ActionAnswerOffencePoints(), {"offence_type": "alcohol_and_drugs", "offence_date": "2026-10-05"})
    chat.say("et j'avais 10 points", "inform", corrections.ActionApplyCorrection(), {"current_balance": 10})
    answer = chat.say(text, "ask_retrait_timing", answers.ActionAnswerRetraitTiming())
    assert "Votre solde reste donc de 10 points jusqu'à ce que la condamnation soit définitive ; il passera alors à " \
           "1 point" in answer, answer
