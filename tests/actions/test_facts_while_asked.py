"""Facts typed while a form waits for another answer (testers T5, BOT_TODAY=2026-12-01): kept as what they are,
never read as the answer to the question asked, and the question asked again."""
from __future__ import annotations

import pytest

from actions import forms
from actions.slot_values import NOT_PAID
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run

AAC_ASKED = dict(requested_slot="supervised_driving", form="points_after_stage_form",
                 slots={"licence_date": "2025-03-15", "current_balance": 5, "offence_type": "speeding"})


# --- T5 c35: "pas payée encore" (the fine) to the AAC question is no "non" -------------------------------------

@pytest.mark.parametrize("text", ["pas payée encore", "l'amende n'est pas encore réglée", "elle est toujours pas payée"])
def test_the_fine_not_paid_to_the_aac_question_is_kept_not_a_no(domain, first_of_december, text):
    # the NLU reads these as deny, whose mapping fills the yes/no slot with False
    tracker = make_tracker(new_slots={"supervised_driving": False}, intent="deny", text=text,
                           entities=parsed(text, "2026-12-01"), **AAC_ASKED)
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["supervised_driving"] is None and slots["requested_slot"] == "supervised_driving"
    assert slots["fine_payment_date"] == NOT_PAID
    assert messages == [forms.NOT_PAID_YET_REPLY]


@pytest.mark.parametrize("text,slot,said", [
    ("je l'ai payée le 3 novembre", "fine_payment_date", "paiement de l'amende le 3 novembre 2026"),
    ("l'infraction c'était le 12 octobre", "offence_date", "infraction le 12 octobre 2026"),
])
def test_a_date_of_another_event_read_as_yes_no_is_noted_and_the_question_asked_again(domain, first_of_december,
                                                                                        text, slot, said):
    entities = parsed(text, "2026-12-01")
    value = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(new_slots={"supervised_driving": True, slot: value}, intent="affirm", text=text,
                           entities=entities, **AAC_ASKED)
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["supervised_driving"] is None and slots["requested_slot"] == "supervised_driving"
    assert slots[slot] == value
    assert messages == [f"C'est noté : {said}."]


def test_a_balance_read_as_no_to_the_training_question_is_the_balance(domain, first_of_december):
    text = "il m'en reste pas beaucoup, 4 points"
    tracker = make_tracker(new_slots={"complementary_training": False, "current_balance": 4}, intent="deny", text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="complementary_training",
                           form="probation_form", slots={"licence_date": "2025-03-15", "supervised_driving": False})
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["complementary_training"] is None and slots["requested_slot"] == "complementary_training"
    assert slots["current_balance"] == 4


@pytest.mark.parametrize("text,intent,value", [
    ("non", "deny", False), ("pas du tout", "deny", False), ("non, et l'amende n'est pas payée", "deny", False),
    ("je crois pas", "deny", False), ("pas de conduite accompagnée", "deny", False), ("oui", "affirm", True),
])
def test_answers_to_the_aac_question_stay_answers(domain, first_of_december, text, intent, value):
    tracker = make_tracker(new_slots={"supervised_driving": value}, intent=intent, text=text,
                           entities=parsed(text, "2026-12-01"), **AAC_ASKED)
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["supervised_driving"] is value


def test_the_fine_not_paid_to_the_last_stage_question_is_no_first_stage(domain, first_of_december):
    text = "je l'ai pas encore payée"
    tracker = make_tracker(new_slots={"previous_stage_date": "none"}, intent="deny", text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="previous_stage_date",
                           form="stage_eligibility_form", slots={"current_balance": 8})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] is None and slots["requested_slot"] == "previous_stage_date"
    assert messages == [forms.NOT_PAID_YET_REPLY]


# --- T5 c48: a stage's days told in a conversation about a stage fill the stage's facts ---------------------------

STAGE_DAYS = [("le stage c'est les 12 et 13 janvier", "2027-01-12", "14 janvier 2027"),
              ("mon stage aura lieu le 20 décembre", "2026-12-20", "22 décembre 2026"),
              ("le stage commence le 8 janvier", "2027-01-08", "10 janvier 2027")]


@pytest.mark.parametrize("text,day,credited", STAGE_DAYS)
def test_the_stage_days_after_the_eligibility_answer_answer_with_that_stage(domain, first_of_december, text, day,
                                                                          credited):
    # was "D'accord. Quelle est votre question ?": the stage's days are the stage asked about, and the answer follows
    from actions import corrections
    from tests.actions.test_answers import run as run_action
    tracker = make_tracker(slots={"current_balance": 4, "previous_stage_date": "none",
                                  "last_question": "action_answer_stage_eligibility"},
                           intent="inform", text=text, entities=parsed(text, "2026-12-01"))
    events, answer = run_action(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "stage_first_day", "value": day} in events
    assert f"avec effet au {credited} : votre solde passera de 4 à 8 points" in answer
    assert "Quelle est votre question" not in answer


@pytest.mark.parametrize("text,day,credited", STAGE_DAYS)
def test_the_stage_days_told_while_the_balance_is_asked_are_kept(domain, first_of_december, text, day, credited):
    # was "Je n'ai pas compris votre réponse." and the stage's days lost
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           requested_slot="current_balance", form="points_after_stage_form")
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["stage_first_day"] == day and slots["requested_slot"] == "current_balance"
    assert messages[0].startswith("C'est noté pour le stage : ") and "Je n'ai pas compris" not in " ".join(messages)


# --- T5 c66: "je vais recevoir une 48N ?" with a 2-point retrait in probation: no, said (R15) -------------------

@pytest.mark.parametrize("text,slots", [
    ("je suis en permis probatoire, j'ai grillé... non, j'ai pris 2 points pour un excès de 25 km/h, je vais "
     "recevoir une 48N ?", {"offence_type": "speeding", "speed_excess": 25}),
    ("jeune permis, j'ai pris 2 points pour un excès de 25, est-ce que je vais avoir une 48N ?",
     {"offence_type": "speeding", "speed_excess": 25}),
    ("en probatoire, j'ai perdu 2 points, je vais recevoir une 48N ?", {}),
])
def test_whether_a_48n_comes_after_2_points_in_probation_is_answered_as_the_letter_s_question(domain,
                                                                                             first_of_december,
                                                                                             text, slots):
    # read as the letter's question (ask_letter), it said what a 48N is, not whether this one comes
    from actions import answers
    from tests.actions.test_answers import run as run_action
    tracker = make_tracker(slots={"letter_code": "48N", **slots}, intent="ask_letter", text=text,
                           entities=parsed(text, "2026-12-01"))
    _, answer = run_action(answers.ActionAnswerLetter(), tracker, domain)
    assert "vous oblige" not in answer
    assert ("n'entraîne pas de lettre 48N : il faut un retrait de 3 points ou plus" in answer
            or answer.startswith("Non : aucun stage n'est obligatoire. La lettre 48N ne suit qu'une infraction qui "
                                 "retire à elle seule 3 points ou plus"))


# --- T5 c70: "donc jeudi j'aurai 7 points ?" after a computed balance: yes or no from that computation ------------

def _after_the_recovery_answer(domain):
    """1 point paid 3 June 2026, 12 points before (as the answer assumes): 11 today, 12 on 3 December 2026 (R8)."""
    from actions import answers
    from tests.actions.conftest import user_said
    from tests.actions.test_answers import run as run_action
    slots = {"last_offence_points": 1, "offence_class": "c3", "fine_payment_date": "2026-06-03",
             "licence_date": "2015-01-01"}
    history = [user_said("j'ai perdu 1 point, payé le 3 juin, je récupère quand ?", "ask_auto_recovery"),
               *({"event": "slot", "name": name, "value": value} for name, value in slots.items())]
    _, answer = run_action(answers.ActionAnswerAutoRecovery(),
                           make_tracker(slots=slots, history=history, text="je récupère quand ?",
                                        intent="ask_auto_recovery"), domain)
    assert "revient le 3 décembre 2026" in answer and "Solde aujourd'hui : 11 points" in answer
    history += [{"event": "action", "name": "action_answer_auto_recovery"}, {"event": "bot", "text": answer}]
    return {**slots, "last_question": "action_answer_auto_recovery"}, history


@pytest.mark.parametrize("text,reply", [
    ("donc jeudi j'aurai 12 points ?", "Oui : le 3 décembre 2026, votre solde sera de 12 points"),
    ("donc jeudi j'aurai 7 points ?", "Non : le 3 décembre 2026, votre solde sera de 12 points, pas 7"),
    ("ça veut dire que le 2 je suis à 11 ?", "Oui : le 2 décembre 2026, votre solde sera de 11 points"),
    ("du coup le 15 je serai à 8 ?", "Non : le 15 décembre 2026, votre solde sera de 12 points, pas 8"),
])
def test_a_figure_on_a_day_is_confirmed_from_the_last_computation(domain, first_of_december, text, reply):
    # read as the stage's question, it opened the stage's form, which asked its facts in a loop
    from actions import answers
    from tests.actions.test_answers import run as run_action
    slots, history = _after_the_recovery_answer(domain)
    entities = parsed(text, "2026-12-01")
    told = {"current_balance": e["value"] for e in entities if e.get("role") == "balance"}
    tracker = make_tracker(slots=slots, new_slots=told, history=history, text=text, entities=entities,
                           intent="ask_points_after_stage")
    events, answer = run_action(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith(reply) and "si vous aviez 12 points avant l'infraction payée le 3 juin 2026" in answer
    assert "L.223-6" in answer
    # the figure asked about is no balance told
    assert all(e.get("value") is None for e in events if e.get("name") == "current_balance")


def test_the_form_opened_by_a_figure_to_confirm_asks_nothing(domain, first_of_december):
    slots, history = _after_the_recovery_answer(domain)
    text = "donc jeudi j'aurai 7 points ?"
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, "2026-12-01"),
                           intent="ask_points_after_stage", form="points_after_stage_form")
    found, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert found.get("requested_slot") is None


@pytest.mark.parametrize("text,reply", [
    ("donc le 15 mars j'aurai 10 points ?", "Oui : le 15 mars 2027, votre solde sera de 10 points"),
    ("alors le 14 mars j'aurai 10 points ?", "Non : le 14 mars 2027, votre solde sera de 8 points, pas 10"),
    ("donc le 20 mars 2028 je serai à 12 ?", "Oui : le 20 mars 2028, votre solde sera de 12 points"),
])
def test_a_figure_on_a_day_after_the_probation_answer(domain, first_of_december, text, reply):
    # licence 15 March 2025, no AAC, no offence: 8 points, 10 on 15 March 2027, 12 at the end on 15 March 2028 (R5)
    from actions import answers
    from actions.follow_ups import answer_in_context
    from tests.actions.conftest import user_said
    from tests.actions.test_answers import run as run_action
    slots = {"licence_date": "2025-03-15", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}
    history = [user_said("permis depuis le 15 mars 2025, j'ai combien de points ?", "ask_probation"),
               *({"event": "slot", "name": name, "value": value} for name, value in slots.items())]
    _, answer = run_action(answers.ActionAnswerProbation(), make_tracker(slots=slots, history=history, text="x",
                                                                         intent="ask_probation"), domain)
    history += [{"event": "action", "name": "action_answer_probation"}, {"event": "bot", "text": answer}]
    tracker = make_tracker(slots={**slots, "last_question": "action_answer_probation"}, history=history, text=text,
                           entities=parsed(text, "2026-12-01"), intent="ask_probation")
    assert answer_in_context(tracker).startswith(reply)


@pytest.mark.parametrize("text,reply", [
    ("donc jeudi j'aurai 12 points ?", "Vous aurez donc 12 points le 3 décembre 2026 si vous en avez 11 aujourd'hui."),
    ("ça veut dire que le 15 je suis à 8 ?", "Vous aurez donc 8 points le 15 décembre 2026 si vous en avez 7 "
                                              "aujourd'hui."),
])
def test_a_figure_on_a_day_without_the_balance_today_says_what_it_depends_on(domain, first_of_december, text, reply):
    # the recovery answer gave no balance today (not told): the point back on 3 December 2026, for the user's own
    from actions import answers
    from actions.follow_ups import answer_in_context
    from tests.actions.conftest import user_said
    from tests.actions.test_answers import run as run_action
    slots = {"last_offence_points": 1, "offence_class": "c4", "fine_payment_date": "2026-06-03",
             "offence_type": "speeding"}
    story = "j'ai perdu 1 point pour un excès de 10 km/h en ville, amende de 135 € payée le 3 juin 2026"
    history = [user_said(story, "ask_auto_recovery"),
               *({"event": "slot", "name": name, "value": value} for name, value in slots.items())]
    _, answer = run_action(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots=slots, history=history, text=story, entities=parsed(story, "2026-12-01"), intent="ask_auto_recovery"),
        domain)
    assert "Solde aujourd'hui" not in answer
    history += [{"event": "action", "name": "action_answer_auto_recovery"}, {"event": "bot", "text": answer}]
    tracker = make_tracker(slots={**slots, "last_question": "action_answer_auto_recovery"}, history=history,
                           text=text, entities=parsed(text, "2026-12-01"), intent="ask_points_after_stage")
    said = answer_in_context(tracker)
    assert said.startswith("Cela dépend de votre solde d'aujourd'hui, que je ne connais pas") and said.endswith(reply)


# --- T5 c40: an offence taken back in the same message: the corrected one only ------------------------------------

@pytest.mark.parametrize("text,offence,points", [
    ("j'ai été flashé à 22 km/h au-dessus… non attendez, c'était juste les gants, je perds combien ?", "gloves", 1),
    ("à moto, flashé à 30 km/h au dessus, en fait non c'était pas un excès, c'était le téléphone", "phone", 3),
    ("excès de 20 km/h ah non c'était le téléphone au volant, combien de points ?", "phone", 3),
])
def test_an_offence_taken_back_in_the_message_leaves_the_corrected_one_only(domain, first_of_december, text, offence,
                                                                            points):
    # the excess taken back was kept with the gloves: both, or a 22 km/h excess asked about a glove
    from actions import answers
    from tests.actions.test_answers import run as run_action
    entities = parsed(text, "2026-12-01")
    assert {e["entity"] for e in entities} == {"offence_type"} and [e["value"] for e in entities] == [offence]
    tracker = make_tracker(new_slots={"offence_type": offence}, intent="ask_offence_points", text=text,
                           entities=entities, form="offence_points_form")
    found, _ = run(forms.ValidateOffencePointsForm(), tracker, domain)
    assert found.get("requested_slot") is None and "speed_excess" not in found
    _, answer = run_action(answers.ActionAnswerOffencePoints(), make_tracker(
        slots={"offence_type": offence}, intent="ask_offence_points", text=text, entities=entities), domain)
    assert f"retrait de {points} point" in answer and "km/h" not in answer


def test_the_48n_question_typed_while_the_aac_is_asked_starts_its_own_form(domain, first_of_december):
    # the probation form waited for the AAC; "je vais recevoir une 48N ?" starts the compulsory stage's form, which
    # took the AAC question left pending for its own and said "En bref … Pour calculer votre date limite :" (T5 c66)
    from tests.actions.conftest import user_said
    story = "permis depuis janvier 2025, j'ai perdu 2 points le 3 novembre, il me reste combien ?"
    text = "je vais recevoir une 48N ?"
    history = [user_said(story, "ask_probation"), {"event": "active_loop", "name": "probation_form"},
               {"event": "slot", "name": "requested_slot", "value": "supervised_driving"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"licence_date": "2025-01"}, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="supervised_driving",
                           form="mandatory_stage_form", history=history)
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots.get("requested_slot") is None
    assert not any("Pour calculer votre date limite" in (m or "") for m in messages)


@pytest.mark.parametrize("text,reply", [
    # tester T12 c29: "6 du coup non ?" after the recovery answer got that answer again
    ("11 du coup non ?", "Oui : aujourd'hui, votre solde est de 11 points"),
    ("donc 11 points ?", "Oui : aujourd'hui, votre solde est de 11 points"),
    ("9 c'est bien ça ?", "Non : aujourd'hui, votre solde est de 11 points"),
])
def test_a_figure_alone_asked_back_is_confirmed_for_today(domain, first_of_december, text, reply):
    from actions.follow_ups import answer_in_context
    slots, history = _after_the_recovery_answer(domain)
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, "2026-12-01"),
                           intent="inform")
    assert (answer_in_context(tracker) or "").startswith(reply), answer_in_context(tracker)


@pytest.mark.parametrize("text", ["et 3 points pour un stop ?", "le 15 ?", "11 pour un feu rouge ?"])
def test_other_short_questions_with_a_figure_are_not_a_balance_to_confirm(domain, first_of_december, text):
    from actions.follow_ups import asks_to_confirm_a_figure
    slots, history = _after_the_recovery_answer(domain)
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, "2026-12-01"),
                           intent="inform")
    assert asks_to_confirm_a_figure(tracker) is None
