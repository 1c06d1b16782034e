"""T16 (h32): facts read over several turns. c08: a licence's date said to the stage's question ("je l'ai eu en
septembre 2025") is the licence's; the balance the retraits told give is counted when the user does not know theirs;
AAC is not asked when the ceiling is the same either way (R5, R7, R12, R14)."""
import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed

TODAY = "2026-12-01"


def said(text, intent="inform"):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": parsed(text, TODAY)}}


def run_form(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, \
        "\n".join(m.get("text") or "" for m in dispatcher.messages)


def run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    events = asyncio.run(result) if asyncio.iscoroutine(result) else result
    return events, "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


ASKED = "ok et si je suis en permis probatoire je peux en faire un ?"


@pytest.mark.parametrize("text, licence", [
    ("je l'ai eu en septembre 2025, j'ai perdu 2 points pour un exces de vitesse en aout", "2025-09"),  # T16 c08
    ("je l'ai obtenu le 3 mars 2025", "2025-03-03"),
    ("on l'a eu en juin 2024 je crois", "2024-06"),
])
def test_a_licence_date_said_to_the_stage_question_is_the_licences(domain, first_of_december, text, licence):
    # "Avez-vous déjà fait un stage… ? Si oui, à quelle date ?" answered "je l'ai eu en septembre 2025": one obtains a
    # licence, one does a stage; it was read as the last stage's (30 septembre 2025)
    entities = parsed(text, TODAY)
    bare = next(e["value"] for e in entities if e["entity"] == "date" and not e.get("role"))
    tracker = make_tracker(slots={"probationary": True}, new_slots={"previous_stage_date": bare}, text=text,
                           entities=entities, requested_slot="previous_stage_date", form="stage_eligibility_form",
                           history=[said(ASKED, "ask_stage_eligibility")])
    slots, words = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("licence_date") == licence
    assert slots.get("previous_stage_date") is None and "dernier stage" not in words


def test_a_stage_date_said_to_the_stage_question_stays_the_stages(domain, first_of_december):
    text = "je l'ai fait en mars 2025"
    tracker = make_tracker(slots={"probationary": True}, new_slots={"previous_stage_date": "2025-03"}, text=text,
                           entities=parsed(text, TODAY), requested_slot="previous_stage_date",
                           form="stage_eligibility_form", history=[said(ASKED, "ask_stage_eligibility")])
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") == "2025-03-31" and "licence_date" not in slots


# the story of T16 c08: licence in September 2025, 2 points lost for an excess in August 2026 (year 1: increments
# stopped, ceiling 6 with or without AAC, R5, R7)
STORY = {"probationary": True, "licence_date": "2025-09", "offence_date": "2026-08", "last_offence_points": 2,
         "offence_type": "speeding", "previous_stage_date": "none"}


@pytest.mark.parametrize("licence, offence", [("2025-09", "2026-08"), ("2025-03-10", "2025-12-20"),
                                              ("2025-01", "2025-06-15")])
def test_aac_is_not_asked_when_an_offence_of_the_first_year_froze_the_ceiling(domain, first_of_december, licence,
                                                                               offence):
    tracker = make_tracker(slots={**STORY, "licence_date": licence, "offence_date": offence}, text="x")
    assert forms.ceiling_same_with_or_without_aac(tracker)
    assert "supervised_driving" not in forms.probation_ceiling_slots(tracker)


def test_aac_is_asked_when_it_changes_the_ceiling(domain, first_of_december):
    # an offence in year 2: the first increment (+2, or +3 with AAC) already came (R5)
    tracker = make_tracker(slots={**STORY, "licence_date": "2024-09-10", "offence_date": "2026-08"}, text="x")
    assert not forms.ceiling_same_with_or_without_aac(tracker)
    assert "supervised_driving" in forms.probation_ceiling_slots(tracker)


@pytest.mark.parametrize("text", ["je sais pas", "aucune idée", "je ne sais pas trop"])
def test_an_unknown_balance_is_the_one_the_retraits_told_give(domain, first_of_december, text):
    # "je sais pas" to the balance (6 − 2 = 4 offered): 4 counted, the stage gives +2 → 6 (R12, R14); it answered
    # "sous réserve de votre solde, plafond supposé 12"
    history = [said(ASKED, "ask_stage_eligibility"),
               said("je l'ai eu en septembre 2025, j'ai perdu 2 points pour un exces de vitesse en aout"),
               said("non c'est mon permis que j'ai eu en septembre 2025, j'ai jamais fait de stage", "deny")]
    tracker = make_tracker(slots=STORY, new_slots={"current_balance": "unknown"}, intent="dont_know", text=text,
                           requested_slot="current_balance", form="stage_eligibility_form", history=history)
    slots, words = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("current_balance") == 4 and "je compte 4 points" in words
    assert slots.get("requested_slot") is None  # (AAC not asked: 6 either way)
    _, answer = run(answers.ActionAnswerStageEligibility(),
                    make_tracker(slots={**STORY, "current_balance": 4}, history=history), domain)
    assert "de 4 à 6 points" in answer and "supposé 12" not in answer


# --- c23: three offences at one check, the user's guess of the loss ("9 points ??") and their balance ("j'en ai 10") --

@pytest.mark.parametrize("text", [
    "controle de police hier : 35 km/h de trop + telephone a la main + pas de ceinture. ils vont m'enlever 9 points ?? "
    "j'en ai 10",  # T16 c23
    "arrêté hier : 35 km/h de trop, téléphone à la main et pas de ceinture, je vais perdre 9 points ? j'ai 10 points",
    "contrôle hier, excès de 35 km/h + téléphone + ceinture : on va me retirer 9 points ? il me reste 10 points",
])
def test_simultaneous_offences_withdraw_the_capped_total_not_the_guess(domain, first_of_december, text):
    # R3: 3 + 3 + 3 = 9, capped at 8 for one check; the guess "9 points ??" is a question, not a retrait told
    entities = parsed(text, TODAY)
    slots = {"offence_type": "speeding", "speed_excess": 35, "other_offences": ["phone", "seatbelt"],
             "offence_date": "2026-11-30"}
    tracker = make_tracker(new_slots={**slots, "current_balance": 10, "last_offence_points": 9},
                           intent="ask_offence_points", text=text, entities=entities)
    events, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    learnt = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert learnt.get("last_offence_points") == 8 and learnt.get("offence_class") == "c4"
    assert "plafonnés à 8 points" in answer and "il vous restera 2 points" in answer
    # then "combien il me reste après ce contrôle ?": 10 → 2 once established (not paid yet: R2), not 9 withdrawn
    asked = "je veux savoir combien il me reste apres ce controle"
    history = [said(text, "ask_offence_points"),
               *[{"event": "slot", "name": k, "value": v} for k, v in {**slots, "current_balance": 10}.items()],
               {"event": "slot", "name": "last_offence_points", "value": 8},
               {"event": "slot", "name": "offence_class", "value": "c4"}]
    after = make_tracker(slots={"current_balance": 10, "offence_date": "2026-11-30", "last_offence_points": 8,
                                "offence_class": "c4", "last_question": "action_answer_offence_points"},
                         intent="ask_check_balance", text=asked, entities=parsed(asked, TODAY), history=history)
    _, balance = run(answers.ActionAnswerCheckBalance(), after, domain)
    assert "de 10 points à 2 points" in balance and "9 points retirés" not in balance


@pytest.mark.parametrize("text", [
    "donc il me restera 2 points ? je risque l'invalidation si je reprends un truc ?",  # T16 c23
    "il me restera donc 2 points ? et si je reprends une amende je perds mon permis ?",
    "ça me laissera 2 points c'est ça ? je risque l'annulation ?",
])
def test_the_balance_after_the_check_asked_back_is_confirmed_with_the_risk(domain, first_of_december, text):
    # "Oui : 2 points" once established (R2, R3), and what a new retrait would do from 2 (R18, R20); it was taken for a
    # balance of 2 before the retrait (-6 or -7), or got the card of 0 points
    first = ("controle de police hier : 35 km/h de trop + telephone a la main + pas de ceinture. ils vont m'enlever 9 "
             "points ?? j'en ai 10")
    slots = {"current_balance": 10, "offence_date": "2026-11-30", "last_offence_points": 8, "offence_class": "c4",
             "last_question": "action_answer_offence_points"}
    history = [said(first, "ask_offence_points"), *[{"event": "slot", "name": k, "value": v} for k, v in slots.items()]]
    tracker = make_tracker(slots=slots, intent="ask_zero_points", text=text, entities=parsed(text, TODAY),
                           history=history)
    events, _ = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert [e.get("name") for e in events] == ["action_answer_check_balance"]
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert answer.startswith("Oui : il vous restera 2 points.")
    assert "de 10 points à 2 points" in answer and "annulerait votre permis" in answer


# --- c22: "donc ça fait combien de points en moins ? j'avais 12" right after the offence's answer -----------------------

@pytest.mark.parametrize("text", [
    "donc ca fait combien de points en moins ? j'avais 12",  # T16 c22
    "et du coup j'en perds combien ? j'avais 12 points",
    "j'avais 12 points avant, il m'en reste combien ?",
])
def test_the_offence_just_answered_is_not_asked_again(domain, first_of_december, text):
    # 145 km/h on a 90 road on 12 November 2025, paid 1 December 2025: 6 points (5e class then, R4), 12 − 6 = 6, full
    # recovery 1 December 2028 (R3, R9); it asked "Quelle infraction ?"
    told = ("Je me suis fait arrêter à 145 sur une route à 90 le 12 novembre 2025, j'ai payé le 1er décembre 2025. "
            "Combien de points et quand je les récupère ?")
    slots = {"fine_payment_date": "2025-12-01", "offence_date": "2025-11-12", "last_offence_points": 6,
             "offence_class": "c5", "last_question": "action_answer_offence_points"}
    history = [said(told, "ask_auto_recovery"),
               *[{"event": "slot", "name": k, "value": v} for k, v in {
                   **slots, "offence_type": "speeding", "speed_measured": 145, "speed_limit": 90}.items()],
               *[{"event": "slot", "name": k, "value": None} for k in ("offence_type", "speed_measured", "speed_limit")]]
    tracker = make_tracker(slots=slots, new_slots={"current_balance": 12}, intent="ask_offence_points", text=text,
                           entities=parsed(text, TODAY), history=history, form="offence_points_form")
    assert forms.offence_answered_asked_again(tracker)
    assert asyncio.run(forms.ValidateOffencePointsForm().required_slots(
        ["offence_type", "speed_limit", "speed_excess"], CollectingDispatcher(), tracker, domain)) == []
    events, _ = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert [e.get("name") for e in events] == ["action_answer_check_balance"]
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert "6 points" in answer and "1er décembre 2028" in answer and "Quelle infraction" not in answer
