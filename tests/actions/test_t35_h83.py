"""Tester T35 (replays on 1 December 2026), items of branch h83: a date known to the month where the form asks the day.
When every day of the month gives the same answer (the same numbers and dates, or dates that only follow the day), the
day is not asked and the note on the day counted is not said (the issue: "ask for the day, or answer with the safe date
and say so, only when the day changes the answer")."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import mapped_slots, opened, run, run_messages


def run(validator, tracker, domain):
    events, messages = run_messages(validator, tracker, domain)
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- the comparison itself: what two answers computed with the first and the last day of the month tell apart

def test_answers_alike_but_for_a_date_past_either_way_are_not_the_same_day():
    first = "Les 3 points sont revenus le 1er janvier 2026 (article L.223-6 du Code de la route)."
    last = "Les 3 points sont revenus le 31 janvier 2026 (article L.223-6 du Code de la route)."
    assert answers.compared_answers(first, last, 30) == "past"
    assert answers.compared_answers("Non concernée.", "Non concernée.", 30) == "same"


def test_dates_that_follow_the_day_told_are_moving_and_a_number_differs():
    first = "Le stage des 1er et 2 janvier 2027 vous rendra 4 points, avec effet au 3 janvier 2027."
    last = "Le stage des 31 janvier et 1er février 2027 vous rendra 4 points, avec effet au 2 février 2027."
    assert answers.compared_answers(first, last, 30) == "moving"
    assert answers.compared_answers(first, last.replace("4 points", "2 points"), 30) == "differs"
    # a date to come in one and past in the other: the day changes the answer
    assert answers.compared_answers("revient le 1er décembre 2026.", "revient le 10 décembre 2026.", 9) == "differs"


# --- t35-c21: licence of 15 October 2023 (probation over), 48N received; "je pense le faire en janvier": the day of
# January was asked although any day gives 4 points and the same balance (R12)

C21 = ("Bonjour, permis obtenu le 15 octobre 2023. Téléphone au volant le 20 septembre 2026, payé le 1er octobre. Mon "
       "probatoire est fini depuis le 15 octobre. Je viens de recevoir une 48N le 25 novembre. Je suis plus en "
       "probatoire, je dois vraiment faire le stage ??")
C21_STAGE = "ok. et j'ai combien de points là, et après le stage ? je pense le faire en janvier"


def test_c21_a_stage_in_january_is_not_asked_its_day_when_any_day_gives_the_same_points(domain):
    known = {"licence_date": "2023-10-15", "fine_payment_date": "2026-10-01", "offence_date": "2026-09-20",
             "last_offence_points": 3, "offence_type": "phone", "letter_48n_date": "2026-11-25",
             "supervised_driving": False, "current_balance": 7}
    tracker = make_tracker(slots=known, new_slots={"stage_first_day": "2027-01"}, text=C21_STAGE,
                           entities=parsed(C21_STAGE, TODAY), intent="ask_points_after_stage",
                           form="points_after_stage_form")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    print(slots, messages)
    assert not any("Quel jour de janvier 2027" in (m or "") for m in messages), messages
    # the last stage asked first: one in the last year would make the day count (R13)
    assert slots["requested_slot"] == "previous_stage_date", slots
    assert slots["date_awaiting_precision"] == "stage_first_day=2027-01"
    # "Non, jamais": any day of January gives 7 → 11 (R12); the month is the stage's, its day not asked
    history = list(tracker.events) + [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    answered = make_tracker(slots={**known, **slots}, new_slots={"previous_stage_date": False}, text="Non, jamais",
                            intent="deny", requested_slot="previous_stage_date", form="points_after_stage_form",
                            history=history)
    after, messages = run(forms.ValidatePointsAfterStageForm(), answered, domain)
    print(after, messages)
    assert after["stage_first_day"] == "2027-01" and after["requested_slot"] is None, after
    assert not any("Quel jour" in (m or "") for m in messages), messages
    reply = "\n".join(run_messages(answers.ActionAnswerPointsAfterStage(), make_tracker(
        slots={**known, **slots, **after}, text="Non, jamais", intent="deny", history=history), domain)[1])
    print(reply)
    assert "de 7 à 11 points" in reply, reply
    assert "Vous avez indiqué janvier 2027 pour le stage : j'ai retenu le 1er janvier 2027 ; quel que soit son jour, " \
        "il vous rend les mêmes points" in reply, reply


def test_c21_a_stage_month_is_still_asked_its_day_for_a_licence_that_may_be_probationary(domain):
    # (an anniversary of a probationary licence in that month may raise the ceiling, R5: the day asked, as before)
    text = "stage en janvier, j'ai 8 points, ça me fait combien ?"
    tracker = make_tracker(intent="ask_points_after_stage", form="points_after_stage_form", text=text,
                           new_slots={"stage_first_day": "2027-01", "current_balance": 8})
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "stage_first_day"


# --- t35-c06: "l'excès de 55 km/h que j'ai eu en 2017 (payé en mars 2017)": a 5e-class offence the 10-year rule leaves
# out (R10); any day of March 2017 gives the same answer: no "j'ai retenu le 31 mars 2017 … Donnez-moi le jour exact"

C06 = ("Question sur la règle des 10 ans : j'ai perdu 3 points pour le téléphone début 2016 (payé le 18 janvier 2016), "
       "et depuis j'ai eu des petites infractions presque chaque année, la dernière en mars 2026. Est-ce que ces 3 "
       "points de 2016 me reviennent ?")
C06_2017 = ("super. et l'excès de 55 km/h que j'ai eu en 2017 (payé en mars 2017), les points reviennent pareil en mars "
            "2027 ?")


def test_c06_a_month_that_changes_nothing_the_answer_says_gets_no_note_on_its_day(domain):
    chat = opened(domain, C06, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "revenus le 18 janvier 2026" in chat.reply, chat.reply
    reply = chat.say(C06_2017, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "n'est pas concernée par la règle des 10 ans" in reply, reply  # R10: a 5e class
    assert "j'ai retenu le 31 mars 2017" not in reply, reply
    assert "payée le 31 mars 2017" not in reply


# --- t35-c12: "ok et avec un stage en janvier jarrive a combien ? jen ai jamais fait" (licence of 2015, 7 points): the
# day of January asked although any day gives 7 → 11 (R12), then "avez-vous déjà fait un stage ?" although the user
# had just said never (the apostrophe left out of "jen ai")

C12_STAGE = "ok et avec un stage en janvier jarrive a combien ? jen ai jamais fait"


def test_c12_never_a_stage_is_read_without_its_apostrophe(domain):
    entities = parsed(C12_STAGE, TODAY)
    assert {"entity": "previous_stage", "value": False} in [
        {"entity": e["entity"], "value": e["value"]} for e in entities], entities
    assert mapped_slots(entities, domain, "ask_points_after_stage").get("previous_stage_date") is False


def test_c12_a_stage_in_january_is_neither_asked_its_day_nor_the_previous_stage(domain):
    known = {"licence_date": "2015", "fine_payment_date": "2026-10-20", "offence_date": "2026-10-10",
             "last_offence_points": 4, "offence_type": "speeding", "offence_class": "c4", "current_balance": 7}
    entities = parsed(C12_STAGE, TODAY)
    tracker = make_tracker(slots=known, new_slots=mapped_slots(entities, domain, "ask_points_after_stage"),
                           text=C12_STAGE, entities=entities, intent="ask_points_after_stage",
                           form="points_after_stage_form")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    print(slots, messages)
    assert not any("Quel jour de janvier 2027" in (m or "") for m in messages), messages
    assert slots.get("requested_slot") is None, slots
    assert slots["previous_stage_date"] == "none"


# --- t36-t33c09: "Le dernier c'était début décembre 2025": the 1st of December was counted, the least prudent day
# (R13: if the last stage began any later day of early December, a stage this week gives no point); the prudent end of
# "début", the 10th, is counted and said

def test_t36_c09_the_last_stage_early_in_a_month_counts_the_prudent_end_of_that_part(domain):
    text = "Je peux refaire un stage de récupération de points cette semaine ? Le dernier c'était début décembre 2025."
    tracker = make_tracker(new_slots={"previous_stage_date": "2025-12"}, text=text, entities=parsed(text, TODAY),
                           intent="ask_stage_eligibility", form="stage_eligibility_form")
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    said = "\n".join(m or "" for m in messages)
    assert slots["previous_stage_date"] == "2025-12-10", (slots, said)
    assert "début décembre 2025 : je compte le 10 décembre 2025" in said and "la date la plus prudente" in said, said
