"""Outside tester T13 (BOT_TODAY=2026-12-01): stories whose facts answer a question (c01, c09), stages asked about as
hypotheses (c03, c30), a letter asked about in general (c14), a licence to hand back on a day to come (c15), and a
support desk's client with her balance (c28). R6, R12, R13, R19, R20."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_stage_balance_first_day import DAY, Chat, mapped
from tests.actions.test_t10_stage_questions import form_step


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def eligibility(chat: Chat, text: str, intent: str = "ask_stage_eligibility") -> str:
    """The stage eligibility form's validation of `text`, then its answer."""
    form_step(chat, text, intent)
    return chat.say(text, intent, answers.ActionAnswerStageEligibility(), {
        name: value for name, value in chat.slots.items() if value is not None})


# --- T13 c30: two stages done told in one message: the later is the last one, the one the year counts from (R13)

@pytest.mark.parametrize("text", [
    "jai fait un stage en mars 2024 et un autre en avril 2025, la il me reste 6 points, je peux en faire un 3eme ?",
    "j'ai fait un stage en mars 2024 puis un autre en avril 2025. Il me reste 6 points, je peux en refaire un ?",
    "premier stage en mars 2024, deuxième stage en avril 2025, il me reste 6 points, un nouveau stage me rendrait des "
    "points ?",
])
def test_of_two_stages_done_the_later_is_the_last_one(domain, text):
    chat = Chat(domain)
    reply = eligibility(chat, text)
    assert chat.slots["previous_stage_date"] == "2025-04-30", chat.slots
    assert chat.slots.get("stage_first_day") in (None, "2025-04-30"), chat.slots
    assert "mars 2024" not in reply, reply
    assert "votre solde passerait de 6 à 10 points" in reply, reply


@pytest.mark.parametrize("asked", ["cool et je peux le faire quand je veux alors ? meme demain ?",
                                   "et si je le fais demain ?", "ok donc demain c'est bon ?"])
def test_a_stage_tomorrow_after_two_stages_done_gives_its_points(domain, asked):
    # the last stage (April 2025) is more than a year old (R13): a stage on 2–3 December gives 4 points from the 4th
    # (R12), nothing counted from a stage "done" on 2 December 2026
    chat = Chat(domain)
    eligibility(chat, "jai fait un stage en mars 2024 et un autre en avril 2025, la il me reste 6 points, je peux en "
                      "faire un 3eme ?")
    reply = eligibility(chat, asked)
    assert "4 décembre 2026" in reply and "de 6 à 10 points" in reply, reply
    assert "2027" not in reply and "1er décembre 2026" not in reply and "3 décembre 2026 :" not in reply, reply


# --- T13 c03: "et si je le fais le 10 janvier 2027 ?" after "je peux en refaire un quand ?" is the stage asked about

@pytest.mark.parametrize("asked", ["ok et si je le fais le 10 janvier 2027 ca marche pas du tout ?",
                                   "et si je le fais le 10 janvier 2027 ?",
                                   "et si je fais le prochain le 10 janvier 2027, j'ai des points ?"])
def test_a_stage_planned_in_a_hypothesis_before_the_year_is_up_gives_nothing(domain, asked):
    chat = Chat(domain)
    first = eligibility(chat, "mon dernier stage c'etait les 15 et 16 janvier 2026, je peux en refaire un quand ?")
    assert "15 janvier 2027" in first
    reply = eligibility(chat, asked)
    assert "Aucun point" in reply and "15 janvier 2027" in reply, reply
    assert "2028" not in reply, reply
    assert chat.slots["previous_stage_date"] == "2026-01-15"


def test_the_dates_of_a_stage_carry_no_ceiling_caveat(domain):
    # T13 c03: "sous réserve de : le plafond de votre permis" where the ceiling changes nothing (R13 dates only)
    chat = Chat(domain)
    first = eligibility(chat, "mon dernier stage c'etait les 15 et 16 janvier 2026, je peux en refaire un quand ?")
    then = eligibility(chat, "et si je le fais le 10 janvier 2027 ?")
    assert "plafond" not in first and "plafond" not in then, (first, then)


# --- T13 c28: a support desk's client, her balance told in the third person, and no centre's "1 an et 1 jour" asked

C28 = ("Bonjour, je suis conseillère dans une auto-école. Une cliente a 5 points, elle a fait un stage volontaire le 8 "
       "et 9 octobre 2025. Elle veut en refaire un en décembre 2026, elle récupère ses 4 points ?")


@pytest.mark.parametrize("text", [
    C28,
    "ma fille a 5 points, elle a fait un stage le 8 et 9 octobre 2025, elle peut en refaire un en décembre 2026 ?",
    "Un client a 5 points. Son dernier stage était le 8 octobre 2025. S'il en fait un en décembre 2026, il récupère "
    "combien ?",
])
def test_the_clients_balance_told_in_the_third_person_is_counted(domain, text):
    chat = Chat(domain)
    reply = eligibility(chat, text)
    assert chat.slots.get("current_balance") == 5, chat.slots
    assert "de 5 à 9 points" in reply, reply
    assert "solde de points" not in reply, reply
    # (a month alone: the day counted is said)
    assert "Vous avez indiqué décembre 2026 pour le stage : j'ai retenu le 1er décembre 2026" in reply, reply


def test_a_story_of_a_driving_school_asks_no_centres_year_count(domain):
    from actions.stage_timing import year_between_stages
    chat = Chat(domain)
    eligibility(chat, C28)
    tracker = make_tracker(slots=chat.slots, history=list(chat.events), intent="ask_stage_eligibility", text=C28,
                           entities=parsed(C28, DAY))
    assert year_between_stages(tracker) is None


def test_the_centres_year_count_does_not_judge_the_last_stage_itself(domain):
    from actions.stage_timing import year_between_stages
    chat = Chat(domain)
    eligibility(chat, "mon dernier stage c'était le 8 et 9 octobre 2025, je peux en refaire un ?")
    text = "le centre me dit 1 an et 1 jour après celui du 8 octobre 2025, donc le 8 octobre 2026 c'était trop tôt ?"
    tracker = make_tracker(slots=chat.slots, history=list(chat.events), intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, DAY))
    said = year_between_stages(tracker)
    assert said is not None and "Un stage qui commence le 8 octobre 2026 : le premier jour possible" in said, said
    assert "8 octobre 2025 : trop tôt" not in said, said


# --- T13 c15: the day the licence will be handed back, told without its year, is the next such day (R20 example 1)

C15_SLOTS = {"letter_code": "48SI", "letter_48n_date": "2026-11-29", "licence_date": "2012",
             "licence_status": "invalidated", "last_question": "action_answer_zero_points"}


def after_hand_back_planned_question(domain, text: str, intent: str = "inform"):
    history = [{"event": "slot", "name": name, "value": value} for name, value in C15_SLOTS.items()]
    history += [{"event": "user", "text": "pas encore", "parse_data": {"intent": {"name": "deny"}, "entities": []}},
                {"event": "action", "name": "action_apply_correction"},
                {"event": "bot", "text": "Vous pourrez obtenir un nouveau permis 6 mois après…\n\n"
                                         + answers.HAND_BACK_PLANNED_QUESTION},
                {"event": "action", "name": "action_listen"}]
    return make_tracker(slots=C15_SLOTS, new_slots=mapped(domain, text, intent), history=history,
                        intent=intent, text=text, entities=parsed(text, DAY))


@pytest.mark.parametrize("text", ["le 5 decembre", "le 5 décembre", "je le rendrai le 5/12"])
def test_a_hand_back_to_come_told_without_its_year_is_the_next_one(domain, text):
    events, reply = run(corrections.ActionApplyCorrection(), after_hand_back_planned_question(domain, text), domain)
    assert "Impossible" not in reply, reply
    assert "5 juin 2027" in reply and "5 septembre 2027" in reply, reply
    assert {"event": "slot", "timestamp": None, "name": "licence_handed_back_date", "value": "2026-12-05"} in events


def test_then_when_the_licence_may_be_taken_again(domain):
    tracker = after_hand_back_planned_question(domain, "le 5 decembre")
    events, _ = run(corrections.ActionApplyCorrection(), tracker, domain)
    slots = {**C15_SLOTS, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    text = "donc je pourrai repasser le permis a partir de quand ?"
    tracker = make_tracker(slots=slots, intent="ask_zero_points", text=text, entities=parsed(text, DAY))
    _, reply = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert "5 juin 2027" in reply and "Impossible" not in reply, reply


# --- T13 c01: a stage done and the balance before it, told with no question: the balance after that stage (R12)

@pytest.mark.parametrize("text", [
    "jai fait un stage de recup la semaine derniere, le 24 et 25 novembre, javais 7 points avant",
    "j'avais 7 points et j'ai fait mon stage les 24 et 25 novembre",
    "stage fait le 24 et 25 novembre 2026, il me restait 7 points avant le stage",
])
def test_a_stage_done_and_the_balance_before_it_get_the_balance_after(domain, text):
    chat = Chat(domain)
    tracker = make_tracker(new_slots=mapped(domain, text, "inform"), intent="inform", text=text,
                           entities=parsed(text, DAY))
    events, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "Quelle est votre question" not in reply, reply
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("stage_first_day") == "2026-11-24" and slots.get("current_balance", 7) == 7, events
    assert {"event": "followup", "timestamp": None, "name": "points_after_stage_form"} in events, events


@pytest.mark.parametrize("story", [
    "jai fait un stage de recup la semaine derniere, le 24 et 25 novembre, javais 7 points",
    "j'ai 7 points, stage fait les 24 et 25 novembre",
])
@pytest.mark.parametrize("asked", ["bah combien jai de points maintenant", "j'en ai combien du coup ?"])
def test_the_balance_asked_after_a_story_of_a_stage_left_unanswered_is_computed(domain, story, asked):
    history = [{"event": "user", "text": story, "parse_data": {"intent": {"name": "inform"},
                                                                "entities": parsed(story, DAY)}},
               {"event": "action", "name": "action_apply_correction"},
               {"event": "bot", "text": "C'est noté. Quelle est votre question ?"},
               {"event": "slot", "name": "current_balance", "value": 7},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"current_balance": 7}, history=history, intent="ask_check_balance", text=asked,
                           entities=parsed(asked, DAY))
    events, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert "Mes Points Permis" not in reply, reply
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("stage_first_day") == "2026-11-24", events
    assert {"event": "followup", "timestamp": None, "name": "points_after_stage_form"} in events, events


# --- T13 c09: the complementary training told with the licence, "ça change quoi ?": the probation's answer (R6)

@pytest.mark.parametrize("text", [
    "permis le 10 fevrier 2025 et jai fait la formation complementaire en octobre 2025, ca change quoi pour mes points",
    "j'ai eu le permis le 10 février 2025, formation complémentaire faite en octobre 2025",
    "permis depuis le 10/02/2025, j'ai suivi la formation complémentaire en octobre 2025, ça fait quoi",
])
def test_the_training_told_asks_the_probation_and_keeps_its_month(domain, text):
    from actions import forms
    from tests.actions.test_stage_to_take import form_run
    new = mapped(domain, text, "inform")
    tracker = make_tracker(new_slots=new, intent="inform", text=text, entities=parsed(text, DAY))
    events, reply = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "Quelle est votre question" not in reply, reply
    assert {"event": "followup", "timestamp": None, "name": "probation_form"} in events, events
    form = make_tracker(new_slots=new, intent="inform", text=text, entities=parsed(text, DAY), form="probation_form")
    slots, _ = form_run(forms.ValidateProbationForm(), form, domain)
    assert slots.get("training_date") == "2025-10", slots
    assert slots.get("requested_slot") != "training_date", slots


# --- T13 c14: "et la 48N c'est pour qui ?" after what a 48M and a 48 are: no day of a receipt asked (R15, R19)

@pytest.mark.parametrize("text", ["et la 48N c'est pour qui ?", "qui reçoit une 48N ?", "la lettre 48N ça concerne qui ?"])
def test_a_general_question_on_the_48n_asks_no_receipt_day(domain, text):
    import asyncio

    from actions import forms
    tracker = make_tracker(slots={"letter_code": "48N", "last_question": "action_answer_letter"},
                           intent="ask_mandatory_stage", text=text, entities=parsed(text, DAY),
                           form="mandatory_stage_form")
    required = asyncio.run(forms.ValidateMandatoryStageForm().required_slots(
        domain["forms"]["mandatory_stage_form"]["required_slots"], None, tracker, domain))
    assert required == [], required
    events, reply = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "3 points ou plus" in reply and "4 mois" in reply and "R.223-4" in reply, reply
    assert "À quelle date" not in reply, reply


def test_a_48n_said_received_still_gets_its_deadline_asked(domain):
    import asyncio

    from actions import forms
    text = "j'ai reçu une 48N, c'est pour qui le stage ?"
    tracker = make_tracker(slots={"letter_code": "48N"}, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, DAY), form="mandatory_stage_form")
    required = asyncio.run(forms.ValidateMandatoryStageForm().required_slots(
        domain["forms"]["mandatory_stage_form"]["required_slots"], None, tracker, domain))
    assert "letter_48n_date" in required


def test_the_month_of_the_last_stage_is_elided(domain):
    # "le jour exact de avril 2025" (T13 c30): "d'avril 2025"
    from actions import forms
    from tests.actions.test_stage_to_take import form_run
    text = "jai fait un stage en mars 2024 et un autre en avril 2025, la il me reste 6 points, je peux en faire un 3eme ?"
    tracker = make_tracker(new_slots=mapped(domain, text, "ask_stage_eligibility"), intent="ask_stage_eligibility",
                           text=text, entities=parsed(text, DAY), form="stage_eligibility_form")
    _, said = form_run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "Pour votre dernier stage, je compte le 30 avril 2025 : le jour exact d'avril 2025 ne change rien ici." \
        in said, said


def test_the_stage_of_the_clients_question_is_not_asked_again_once_computed(domain):
    # T13 c28: "elle récupère ses 4 points ?" answered with the balance ("son solde passe de 5 à 9 points"): the
    # points-after-stage form did not then ask the licence's date
    from actions import two_part
    chat = Chat(domain)
    eligibility(chat, C28)
    assert two_part.other_question(chat_tracker(chat), "action_answer_stage_eligibility") is None


def chat_tracker(chat: Chat):
    """The conversation as it stands after the last answer, as the next action would see it."""
    from rasa_sdk import Tracker
    users = [e for e in chat.events if e.get("event") == "user"]
    last = users[-1]
    return Tracker(sender_id="test", slots=dict(chat.slots),
                   latest_message={"text": last.get("text"), "intent": (last.get("parse_data") or {}).get("intent"),
                                   "entities": (last.get("parse_data") or {}).get("entities", [])},
                   events=list(chat.events), paused=False, followup_action=None, active_loop={},
                   latest_action_name="action_answer_stage_eligibility")
