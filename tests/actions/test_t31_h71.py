"""Tester report T31 (BOT_TODAY=2026-12-01), helper h71: a fact told again that the answer had already counted, the
two questions of one message, the balance and the full recovery said once after several offences of one check."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")

TODAY = "2026-12-01"

# --- T31 b18: a parent, the son in probation, 0,3 g/l on 14 November, the fine not paid yet ---------------------------

B18_FIRST = ("Mon fils de 19 ans a eu son permis le 2 février 2025, il s'est fait contrôler avec 0,3 g d'alcool dans le "
             "sang le 14 novembre. Il va perdre son permis ?")


def son_at_0_3(domain) -> Conversation:
    return Conversation(domain, B18_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(B18_FIRST, TODAY), domain), today=TODAY)


def test_b18_the_probation_retrait_says_when_the_points_go_and_what_the_48n_stage_gives(domain):
    chat = son_at_0_3(domain)
    reply = chat.reply
    assert reply.startswith("Non : d'après ce que vous m'avez dit, il lui reste 2 points (8 − 6)"), reply
    # R2: nothing is withdrawn before the fine is paid (or the conviction final)
    assert "Ces 6 points ne seront retirés de son permis qu'une fois l'infraction établie" in reply, reply
    # R12, R15: the 48N's stage gives 4 points back, 2 + 4 = 6 (under the ceiling of 8)
    assert "qui rend des points (ici 4 : 2 + 4 = 6 points) et fait rembourser l'amende" in reply, reply


def test_b18_the_offence_day_confirmed_is_said_counted_not_the_answer_again(domain):
    chat = son_at_0_3(domain)
    first = chat.reply
    reply = chat.say("c'était le 14 novembre 2026, il y a 2 semaines", "inform", corrections.ActionApplyCorrection())
    # before: the whole first answer again, word for word (the AAC caveat, "Sans autre retrait…")
    assert reply.startswith("C'est bien ce que j'ai compté : "), reply
    assert "14 novembre 2026" in reply.splitlines()[0]
    assert "conduite accompagnée" not in reply and "Sans autre retrait" not in reply, reply
    assert len(reply) < len(first) / 2, reply
    # the next question still answered with the facts kept
    reply = chat.say("mais il avait 8 points depuis février 2026, il a eu aucune infraction avant. donc il lui reste 2 "
                     "points non ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "il lui reste 2 points (8 − 6)" in reply, reply


# --- T31 a28: AAC licence, a voluntary stage and the fine's refund asked in one message -------------------------------

A28_FIRST = ("Bonjour, je suis jeune conducteur, permis le 20 avril 2025 (AAC). j'ai perdu 2 points pour un excès de 22 "
             "km/h le 3 mai 2026 payé le 10 mai. Je peux faire un stage volontaire ? Et ça me rembourse l'amende ?")


def refund_answered(domain):
    """The refund's answer (the first question the NLU read), then the message's other question, as Rasa runs them
    (action_answer_refund_48n, its FollowupAction action_other_question)."""
    from rasa_sdk import Tracker

    from actions import two_part
    from tests.actions.test_what_if import run
    slots = {**mapped_slots(parsed(A28_FIRST, TODAY), domain), "supervised_driving": True, "probationary": True}
    chat = Conversation(domain, A28_FIRST, "ask_refund_48n", answers.ActionAnswerRefund48n(), slots, today=TODAY)
    assert chat.reply.startswith("Non : seul le stage obligatoire suivi après une lettre 48N"), chat.reply
    events = [e for e in chat.events if e != {"event": "action", "name": "action_listen"}]
    tracker = Tracker(sender_id="test", slots=dict(chat.slots), latest_message={
        "text": A28_FIRST, "intent": {"name": "ask_refund_48n"}, "entities": parsed(A28_FIRST, TODAY)},
        events=events, paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    other_events, other = run(two_part.ActionAnswerOtherQuestion(), tracker, domain)
    chat.events += [{"event": "action", "name": "action_other_question"}, {"event": "bot", "text": other},
                    *other_events]
    chat.slots.update({e["name"]: e["value"] for e in other_events if e.get("event") == "slot"})
    return chat, other, other_events


def test_a28_the_second_question_of_the_message_is_answered_before_its_fact_is_asked(domain):
    _, other, events = refund_answered(domain)
    # before: nothing said, the stage's form asked the previous stage (never "oui, vous pouvez faire un stage")
    assert other.startswith("Oui, vous pouvez faire un stage volontaire dès maintenant, si vous n'en avez fait aucun "
                            "qui vous a rendu des points depuis moins d'un an"), other
    assert "votre solde passerait de 7 à 9 points" in other, other
    # the previous stage is then asked once, by the form
    assert {"event": "followup", "timestamp": None, "name": "stage_eligibility_form"} in events


def test_a28_the_question_asked_again_instead_of_the_previous_stage_gets_its_answer(domain):
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    chat, _, _ = refund_answered(domain)
    chat.events += [{"event": "action", "name": "stage_eligibility_form"},
                    {"event": "bot", "text": "Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à "
                                             "quelle date a-t-il commencé ?"},
                    {"event": "slot", "name": "requested_slot", "value": "previous_stage_date"}]
    text = "ok mais le stage je peux le faire et j'aurai combien ?"
    tracker = make_tracker(slots=chat.slots, text=text, entities=parsed(text, TODAY), intent="nlu_fallback",
                           requested_slot="previous_stage_date", form="stage_eligibility_form",
                           history=list(chat.events))
    slots, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    reply = "\n".join(messages)
    # before: "Je réponds à votre question juste après : il me faut d'abord cette information pour le calcul."
    assert "juste après" not in reply, reply
    assert reply.startswith("Comme indiqué ci-dessus : oui, vous pouvez faire un stage volontaire"), reply
    assert "votre solde passerait de 7 à 9 points" in reply and reply.endswith("Pour en être sûr :"), reply
    assert slots["requested_slot"] == "previous_stage_date"


# --- T31 a08: three offences at one check, the fine paid, "il me reste combien ?" ---------------------------------------

A08_FIRST = ("Salut, jai 12 pts. Le 28 octobre 2026 on m'a arrêté : telephone en main + pas de ceinture + 45 km/h au "
             "dessus (limite 80, 125 retenu). J'ai payé les amendes le 5 novembre. Il me reste combien ?")


def three_offences_answered(domain):
    """The offences' points (the intent the NLU read), then the message's other question, the balance, as Rasa runs
    them (the offence_points_form set offence_type to the speed, the others in other_offences)."""
    from rasa_sdk import Tracker

    from actions import two_part
    from tests.actions.test_what_if import run
    slots = {**mapped_slots(parsed(A08_FIRST, TODAY), domain), "offence_type": "speeding",
             "other_offences": ["phone", "seatbelt"], "balance_unknown": False}
    chat = Conversation(domain, A08_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today=TODAY)
    events = [e for e in chat.events if e != {"event": "action", "name": "action_listen"}]
    tracker = Tracker(sender_id="test", slots=dict(chat.slots), latest_message={
        "text": A08_FIRST, "intent": {"name": "ask_offence_points"}, "entities": parsed(A08_FIRST, TODAY)},
        events=events, paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")
    _, other = run(two_part.ActionAnswerOtherQuestion(), tracker, domain)
    return chat.reply, other


def test_a08_the_balance_is_said_once_in_the_turn_with_the_day_of_the_full_recovery(domain):
    first, other = three_offences_answered(domain)
    assert "plafonnés à 8 points" in first, first
    assert "il vous reste 4 points : le retrait a été fait le 5 novembre 2026" in first, first
    # before: the balance's answer said it again, "votre solde est passé de 12 points à 4 points"
    assert "12 points à 4 points" not in other and "il vous reste" not in other, other
    assert other.startswith("Avec un solde de 4 points, vous recevrez en général une lettre 48M"), other
    # R9: 3 years from the payment (4e class), the day said, not "3 ans" alone
    assert "votre permis retrouvera son maximum de points le 5 novembre 2029" in other, other


def test_a08_the_balance_asked_after_the_answer_gives_the_day_of_the_full_recovery(domain):
    slots = {"current_balance": 12, "fine_payment_date": "2026-11-05", "offence_date": "2026-10-28",
             "last_offence_points": 7, "offence_class": "c4", "last_question": "action_answer_offence_points"}
    chat = Conversation(domain, "donc il me reste combien du coup ?", "ask_check_balance",
                        answers.ActionAnswerCheckBalance(), slots, today=TODAY)
    assert "votre solde est passé de 12 points à 5 points" in chat.reply, chat.reply
    assert "votre permis retrouvera son maximum de points le 5 novembre 2029" in chat.reply, chat.reply


def test_b18_points_said_lost_get_no_word_of_a_retrait_to_come(domain):
    # (the R2 line is for a fine not paid: a payment told, the retrait is made)
    text = ("Mon fils a son permis depuis le 2 février 2025, contrôlé à 0,3 g le 14 novembre, amende payée le 20 "
            "novembre, il va perdre son permis ?")
    chat = Conversation(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(text, TODAY), domain), today=TODAY)
    assert "il lui reste 2 points (8 − 6)" in chat.reply and "(ici 4 : 2 + 4 = 6 points)" in chat.reply, chat.reply
    assert "ne seront retirés" not in chat.reply, chat.reply


def test_a28_the_previous_stage_asked_twice_unanswered_is_not_asked_a_third_time(domain):
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_what_if import run
    chat, _, _ = refund_answered(domain)
    question = "Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à quelle date a-t-il commencé ?"
    history = [*chat.events, {"event": "action", "name": "stage_eligibility_form"}, {"event": "bot", "text": question},
               {"event": "user", "text": "ok mais le stage je peux le faire et j'aurai combien ?",
                "parse_data": {"intent": {"name": "nlu_fallback"}, "entities": []}},
               {"event": "bot", "text": "Comme indiqué ci-dessus : …"}, {"event": "bot", "text": question},
               {"event": "user", "text": "Mes points après un stage",
                "parse_data": {"intent": {"name": "ask_points_after_stage"}, "entities": []}},
               {"event": "bot", "text": "À quelle date commence (ou a commencé) le stage ?"}]
    slots = {**chat.slots, "current_balance": 7}
    text = "le 14 decembre"
    tracker = make_tracker(slots=slots, new_slots={"stage_first_day": "2026-12-14"}, text=text,
                           entities=parsed(text, TODAY), intent="inform", requested_slot="stage_first_day",
                           form="points_after_stage_form", history=history)
    set_by_form, _ = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    # before: "Avant ce stage, en aviez-vous déjà fait un qui vous a rendu des points ?", a 3rd time
    assert set_by_form["requested_slot"] is None, set_by_form
    tracker.slots.update(set_by_form)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le stage vous rendra 2 points, avec effet au 16 décembre 2026 : votre solde passera de 7 "
                             "à 9 points"), answer
    assert "Vous ne m'avez pas dit si vous aviez déjà fait un stage : j'ai compté qu'aucun ne vous a rendu de points " \
           "depuis moins d'un an." in answer, answer
