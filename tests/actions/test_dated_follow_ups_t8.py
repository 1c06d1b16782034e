"""A follow-up question that names a day is a question about the last answer, not a new fact (tester T8 c01, c02,
c15, c18; BOT_TODAY=2026-12-01): "et au 15 janvier j'en aurai combien ?" is answered from the last computation,
"le 20 avril c'est la date où je récupère tout ?" from the full recovery's day the conversation gave (L.223-6), "ok je
le fais le 14 décembre alors, j'aurai 12 quand ?" after a stage's answer is that stage on that day (actions.what_if's
stage moved); none of them fills a slot, while "non, c'était le 3 avril 2024" still corrects."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.test_what_if import Conversation, run

pytestmark = pytest.mark.usefixtures("first_of_december")


def stage_done(domain) -> Conversation:
    # T8 c01: stage of 14–15 October 2026, 7 points before, no stage before it: 11 points from 16 October (R12)
    chat = Conversation(domain, "bonjour jai fait un stage de recup de points le 14 et 15 octobre, javais 7 points, jen "
                                "ai combien maintenant ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                        {"licence_date": "2009", "stage_first_day": "2026-10-14", "current_balance": 7,
                         "previous_stage_date": "none"})
    assert "votre solde passe de 7 à 11 points" in chat.reply
    return chat


def stage_possible(domain) -> Conversation:
    # T8 c02: 8 points, no stage before: a voluntary stage gives 4 points (R12, R13)
    chat = Conversation(domain, "salut, est ce que je peux faire un stage ? jai perdu 4 pts pour un feu rouge en "
                                "septembre", "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "none", "current_balance": 8})
    assert "Il vous rendrait 4 points" in chat.reply
    return chat


def full_recovery(domain) -> Conversation:
    # T8 c15: 6 points for alcohol (a 4e-class contravention), fine paid 2 April 2024: all back on 2 April 2027 (R9)
    chat = Conversation(domain, "apres combien de temps je recupere tous mes points ? jai perdu 6 points pour alcool "
                                "(0,6) en mars 2024, amende payée le 2 avril 2024, et rien depuis", "ask_auto_recovery",
                        answers.ActionAnswerAutoRecovery(),
                        {"last_offence_points": 6, "offence_type": "alcohol", "offence_class": "c4",
                         "offence_date": "2024-03", "fine_payment_date": "2024-04-02"})
    assert "retrouvera son maximum de points le 2 avril 2027" in chat.reply
    return chat


FALLBACK = ("nlu_fallback", fallback.ActionSuggestQuestions())


@pytest.mark.parametrize("text, intent, action", [
    ("et au 15 janvier j'en aurai combien ?", "ask_points_after_stage", answers.ActionAnswerPointsAfterStage()),
    ("le 15 janvier il m'en restera combien ?", *FALLBACK),
    ("j'aurai combien de points le 15 janvier ?", "ask_check_balance", answers.ActionAnswerCheckBalance()),
])
def test_a_balance_asked_on_a_later_day_comes_from_the_last_computation(domain, text, intent, action):
    chat = stage_done(domain)
    kept = dict(chat.slots)
    reply = chat.say(text, intent, action)
    # (it was "Impossible de répondre : le stage précédent doit avoir eu lieu avant celui-ci.")
    assert reply == ("Au 15 janvier 2027, votre solde sera de 11 points, d'après le calcul ci-dessus et sans nouvelle "
                     "infraction (article L.223-6 du Code de la route).")
    assert {slot: chat.slots.get(slot) for slot in kept} == kept


def test_the_form_opened_by_such_a_question_takes_its_day_for_no_stage(domain):
    chat = stage_done(domain)
    tracker = chat.tracker("et au 15 janvier j'en aurai combien ?", "ask_points_after_stage",
                           form="points_after_stage_form")
    events, said = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert not [e for e in events if e.get("name") == "stage_first_day" and e.get("value")], events
    assert {"event": "slot", "name": "requested_slot", "value": None, "timestamp": None} in events and not said


@pytest.mark.parametrize("text, intent, action, lead", [
    ("le 2 avril c'est la date où je récupère tout ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
     "Oui, c'est bien le 2 avril 2027 : "),
    ("donc le 2 avril j'aurai tous mes points ?", *FALLBACK, "Oui, c'est bien le 2 avril 2027 : "),
    ("en mars je serai revenu à 12 tout seul non ?", *FALLBACK, "Non, pas encore en mars 2027 : "),
    ("en juin 2027 j'aurai récupéré tous mes points ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
     "Oui, en juin 2027 vous aurez retrouvé tous vos points : "),
])
def test_a_day_asked_for_the_full_recovery_is_checked_against_the_day_computed(domain, text, intent, action, lead):
    chat = full_recovery(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith(lead) and "2 avril 2027" in reply and "L.223-6" in reply, reply
    assert chat.slots["fine_payment_date"] == "2024-04-02" and chat.slots["offence_date"] == "2024-03"


def test_a_day_said_without_its_year_is_the_one_the_answer_gave(domain):
    # T8 c18: all back on 20 April 2029; "le 20 avril" is that day, not 20 April 2027
    chat = Conversation(domain, "jugement definitif le 20 avril 2026 pour un excès de 52 km/h, je récupère quand ?",
                        "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"last_offence_points": 6, "offence_class": "delit", "fine_payment_date": "2026-04-20"})
    assert "le 20 avril 2029" in chat.reply
    events, said = run(forms.ValidateAutoRecoveryForm(), chat.tracker(
        "le 20 avril c'est la date où je récupère tout ?", "ask_auto_recovery", form="auto_recovery_form"), domain)
    assert not said and not [e for e in events if e.get("name") in ("fine_payment_date", "offence_date")
                             and e.get("value")], events
    reply = chat.say("le 20 avril c'est la date où je récupère tout ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Oui, c'est bien le 20 avril 2029 : ")
    assert chat.slots["fine_payment_date"] == "2026-04-20"


@pytest.mark.parametrize("text", ["oui mais en avril je reviens a 12 tout seul non ? donc ca sert a rien ?",
                                  "le stage ça vaut le coup si j'ai mes 12 points en avril ?"])
def test_after_the_stage_s_answer_the_full_recovery_and_what_the_stage_does_before_it(domain, text):
    # T8 c15: the recovery's answer (2 April 2027), then a stage in January (6 → 10 points on 3 January 2027)
    chat = full_recovery(domain)
    chat.slots.update({"current_balance": 6, "stage_first_day": "2027-01-01", "previous_stage_date": "none",
                       "licence_date": "2010"})
    assert "votre solde passera de 6 à 10 points" in chat.say("6 points", "inform", answers.ActionAnswerPointsAfterStage())
    reply = chat.say(text, *FALLBACK)
    assert reply.startswith("Oui, en avril 2027, précisément le 2 avril 2027 : "), reply
    assert "Le stage vous fait passer de 6 à 10 points dès le 3 janvier 2027" in reply and "ne change pas" in reply


def test_a_day_of_the_answer_confirmed(domain):
    chat = full_recovery(domain)
    reply = chat.say("donc le 2 avril c'est bon ?", *FALLBACK)
    assert reply.startswith("Oui, c'est bien le 2 avril 2027 : sans nouvelle infraction, votre permis retrouvera")


@pytest.mark.parametrize("text, intent, action", [
    ("ok je le fais le 14 decembre alors, jaurai 12 quand ?", *FALLBACK),
    ("je vais le faire le 14 décembre, j'aurai combien ?", "ask_points_after_stage",
     answers.ActionAnswerPointsAfterStage()),
    ("donc le 14 décembre c'est bon ?", *FALLBACK),
])
def test_a_stage_planned_on_a_day_after_a_stage_s_answer_is_that_stage(domain, text, intent, action):
    chat = stage_possible(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Si le stage commence le 14 décembre 2026, alors :"), reply
    assert "votre solde passera de 8 à 12 points" in reply and "avec effet au 16 décembre 2026" in reply
    assert chat.slots.get("stage_first_day") is None and chat.slots["current_balance"] == 8


@pytest.mark.parametrize("text", ["donc le 3 mars c'est bon ?", "et le 3 mars ça passe ?"])
def test_a_day_asked_for_another_stage_is_checked_against_the_year(domain, text):
    reply = stage_done(domain).say(text, *FALLBACK)
    assert reply.startswith("Si le stage commence le 3 mars 2027, alors :\nAucun point"), reply
    assert "14 octobre 2027" in reply


@pytest.mark.parametrize("text", ["non, c'était le 3 avril 2024", "en fait je l'ai payée le 3 avril 2024"])
def test_a_plain_correction_still_corrects(domain, text):
    from actions.follow_ups import day_asked_about_the_answer
    chat = full_recovery(domain)
    assert day_asked_about_the_answer(chat.tracker(text, "inform")) is None
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert chat.slots["fine_payment_date"] == "2024-04-03"
    assert "retrouvera son maximum de points le 3 avril 2027" in reply


@pytest.mark.parametrize("text, intent, action", [
    ("et si je fais un stage en janvier ca sert a quelque chose ou jattend avril ?", "ask_stage_eligibility",
     answers.ActionAnswerStageEligibility()),
    ("un stage en février ça vaut le coup ou j'attends ?", *FALLBACK),
    ("et faire un stage maintenant c'est utile ou pas ?", "ask_points_after_stage",
     answers.ActionAnswerPointsAfterStage()),
])
def test_whether_a_stage_is_worth_it_before_the_full_recovery(domain, text, intent, action):
    # T8 c15: its month ("avril") was taken for the day of a stage done before, whose exact day was asked
    chat = full_recovery(domain)
    form = "stage_eligibility_form" if intent == "ask_stage_eligibility" else "points_after_stage_form"
    events, said = run(forms.ValidateStageEligibilityForm() if intent == "ask_stage_eligibility" else
                       forms.ValidatePointsAfterStageForm(), chat.tracker(text, intent, form=form), domain)
    assert not said and not [e for e in events if e.get("name") in ("previous_stage_date", "stage_first_day")
                             and e.get("value")], events
    reply = chat.say(text, intent, action)
    assert reply.startswith("Sans nouvelle infraction, votre permis retrouvera tous ses points le 2 avril 2027 sans "
                            "rien faire, et un stage ne change pas cette date.\n- Un stage fait avant le 2 avril 2027 "
                            "vous rendrait jusqu'à 4 points plus tôt"), reply
    assert "jusqu'à 4 points plus tôt" in reply and "L.223-6" in reply
    assert chat.slots.get("previous_stage_date") is None and chat.slots.get("stage_first_day") is None
