"""T19/T20 (testers' conversations, today 1 December 2026), items of branch h46."""
from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction

from actions import answers
from tests.actions.conftest import make_tracker
from tests.actions.test_probation_facts import run
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")


def red_light(domain) -> Conversation:
    return Conversation(domain, "bjr cb de pts pr un feu rouge", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "red_light"}, today="2026-12-01")


@pytest.mark.parametrize("text", ["et si c'était orange ?", "et s'il était encore jaune ?", "et orange alors ?"])
def test_a_colour_after_a_red_light_is_the_amber_light(domain, text):
    # T20 c15: "et si c'était orange ?" after the red light's 4 points: the amber light, no points (R4: R.412-31)
    chat = red_light(domain)
    assert "retrait de 4 points" in chat.reply
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Feu orange (jaune fixe) non respecté : aucun point"), reply
    assert "35 €" in reply and "inconnu" not in reply


@pytest.mark.parametrize("text", ["et si j'etais a velo ?", "et à vélo ?"])
def test_by_bike_after_a_red_light_costs_no_points(domain, text):
    # T20 c15: R21 example 1, no points, but the red light's fine (135 €), read against the answer just given
    reply = red_light(domain).say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "aucun point" in reply and "inconnu" not in reply
    assert "l'amende est due pour feu rouge" in reply and "135 €" in reply, reply


def test_by_bike_after_no_offence_answer_names_no_fine(domain):
    from tests.actions.test_probation_facts import told
    tracker = told(domain, "et si j'etais a velo ?", "ask_offence_points", today="2026-12-01")
    _, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "aucun point" in reply and "135 €" not in reply


@pytest.mark.parametrize("text", ["et pour ça ?", "combien de points ?", "et si c'était orange ?"])
def test_the_offence_answer_without_an_offence_asks_it(domain, text):
    # reached with the offence forgotten (a follow-up, a rule): "Quelle infraction ?" by the form, never
    # "Impossible de répondre : type d'infraction inconnu : « None »"
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=[])
    events, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Impossible" not in reply and "None" not in reply
    assert FollowupAction("offence_points_form") in events


# --- T20 c20: a 48N received long ago, the stage never done: the deadline has passed whatever the day (R15, R16) ---

def _mandatory_stage(domain, text):
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_mandatory_stage", "2026-12-01")
    tracker = make_tracker(new_slots=slots, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, "2026-12-01"), form="mandatory_stage_form")
    filled, messages = run_form(forms.ValidateMandatoryStageForm(), tracker, domain)
    return {**slots, **filled}, messages


@pytest.mark.parametrize("text, kept, deadline", [
    ("j'ai reçu la 48N en 2023, jamais fait le stage, je risque quoi ?", "2023-12-31", "30 avril 2024"),
    ("lettre 48N reçue en 2024, je n'ai pas fait le stage, qu'est-ce que je risque ?", "2024-12-31",
     "30 avril 2025"),
    ("la 48N je l'ai eue en 2025 et pas de stage, c'est grave ?", "2025-12-31", "30 avril 2026"),
])
def test_a_48n_received_by_year_long_ago_is_past_its_deadline(domain, text, kept, deadline):
    slots, messages = _mandatory_stage(domain, text)
    assert slots["letter_48n_date"] == kept and slots["requested_slot"] is None, (slots, messages)
    assert not any("besoin du jour exact" in m for m in messages)
    assert any(f"jusqu'au {deadline}" in m and "Le délai est donc dépassé" in m for m in messages), messages
    from tests.actions.conftest import parsed
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        slots=slots, intent="ask_mandatory_stage", text=text, entities=parsed(text, "2026-12-01")), domain)
    assert f"Le délai a expiré le {deadline}" in answer and "contravention de 4e classe" in answer
    assert "jusqu'à 3 ans" in answer and "jusqu'à 4 points" in answer  # R15 ex. 2; R16 ex. 3


@pytest.mark.parametrize("text", ["j'ai reçu la 48N en 2026, je dois faire le stage quand ?",
                                  "lettre 48N reçue en août 2026, c'est quoi la date limite ?"])
def test_a_period_whose_deadline_may_still_run_asks_its_day(domain, text):
    slots, messages = _mandatory_stage(domain, text)
    assert slots["letter_48n_date"] is None and slots["requested_slot"] == "letter_48n_date"
    assert any("besoin du jour exact" in m for m in messages)


C20_STORY = ("Bonjour. Permis obtenu le 1er juillet 2023, filière classique. J'ai pris 1 point pour 57 au lieu de 50 payé "
             "le 5 septembre 2023, puis le 18 novembre 2023 j'ai été arrêté sans ceinture, payé le 25 novembre 2023. "
             "J'ai reçu un recommandé. Combien de points j'ai maintenant, et est ce que j'ai encore mon permis "
             "probatoire ?")


@pytest.mark.parametrize("question", [
    "donc je suis plus en probatoire c'est ça ? et le recommandé c'était quoi, j'ai jamais fait de stage, je risque "
    "quelque chose ?",
    "et pour la ceinture, j'ai jamais fait de stage, je risque quoi ?",
])
def test_a_registered_letter_received_without_its_day_gets_both_sides_of_the_deadline(domain, question):
    # T20 c20: the seatbelt (3 points, committed in probation) brings a 48N; the user received the registered letter
    # without saying when: received on 31 July 2026 or before, its 4 months are over (R15 ex. 2); after, still due
    from tests.actions.conftest import parsed, user_said
    tracker = make_tracker(
        slots={"licence_date": "2023-07-01", "supervised_driving": False, "complementary_training": False,
               "offence_type": "seatbelt", "offence_date": "2023-11-18", "fine_payment_date": "2023-11-25"},
        intent="ask_offence_points", text=question, entities=parsed(question, "2026-12-01"),
        history=[user_said(C20_STORY, "ask_check_balance"), {"event": "action", "name": "action_answer_check_balance"},
                 {"event": "bot", "text": "Solde aujourd'hui : 12 points"}])
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Si vous l'avez reçue le 31 juillet 2026 ou avant, le délai de 4 mois est dépassé" in answer, answer
    assert "contravention de 4e classe (135 €, jusqu'à 750 €)" in answer and "jusqu'à 3 ans" in answer
    assert "Reçue après, terminez le stage dans les 4 mois" in answer


def test_no_letter_said_received_keeps_the_48n_to_come(domain):
    from tests.actions.conftest import parsed
    question = "et pour la ceinture, je risque quoi ?"
    tracker = make_tracker(
        slots={"licence_date": "2023-07-01", "supervised_driving": False, "complementary_training": False,
               "offence_type": "seatbelt", "offence_date": "2023-11-18", "fine_payment_date": "2023-11-25"},
        intent="ask_offence_points", text=question, entities=parsed(question, "2026-12-01"))
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Si vous l'avez reçue" not in answer and "lettre 48N" in answer


# --- T19 c37: a cancel inside the message that opens (or answers) a form ends it, whatever else it says ---------------

@pytest.mark.parametrize("text, intent, form, validation, answer", [
    ("bonjour, je voudrais faire un stage pour récupérer des points, j'ai 9 points. Annulez, en fait je vais attendre",
     "ask_points_after_stage", "points_after_stage_form", "ValidatePointsAfterStageForm",
     "ActionAnswerPointsAfterStage"),
    ("permis depuis 2010, j'ai 8 points, je peux refaire un stage ? bon laissez tomber, c'est bon",
     "ask_stage_eligibility", "stage_eligibility_form", "ValidateStageEligibilityForm", "ActionAnswerStageEligibility"),
    ("j'ai eu une 48N... non stop, oubliez ça", "ask_mandatory_stage", "mandatory_stage_form",
     "ValidateMandatoryStageForm", "ActionAnswerMandatoryStage"),
])
def test_a_cancel_in_the_message_ends_the_form_with_the_cancels_reply(domain, text, intent, form, validation, answer):
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, intent, "2026-12-01")
    tracker = make_tracker(new_slots=slots, intent=intent, text=text, entities=parsed(text, "2026-12-01"), form=form)
    filled, messages = run_form(getattr(forms, validation)(), tracker, domain)
    assert filled.get("requested_slot", "absent") is None and messages == [], (filled, messages)
    events, reply = run(getattr(answers, answer)(), make_tracker(
        slots={**slots, **filled}, intent=intent, text=text, entities=parsed(text, "2026-12-01")), domain)
    assert reply == "utter_cancelled" and events == []


@pytest.mark.parametrize("text", [
    "laisse tomber mars", "stop grillé, combien de points ?", "je peux annuler le stage ?",
    "laissez tomber, et pour un feu rouge c'est combien ?", "j'ai oublié ma ceinture, c'est combien ?",
])
def test_no_cancel_read_in_a_question_or_a_fact(text):
    from actions.mid_form import cancels_the_question
    assert not cancels_the_question(make_tracker(text=text))


# --- T20 c29: a side question mid-form was promised "juste après" and never answered: answered at once --------------

@pytest.mark.parametrize("text", ["attendez avant, le stage c'est en presentiel obligatoire ?",
                                  "au fait le stage on peut le faire en ligne ?"])
@pytest.mark.parametrize("intent", ["inform", "nlu_fallback", "deny"])
def test_a_side_question_mid_form_is_answered_not_promised(domain, text, intent):
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run as run_form
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, "2026-12-01"), requested_slot="licence_date",
                           form="points_after_stage_form", slots={"current_balance": 6})
    filled, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert not any("juste après" in (m or "") for m in messages), messages
    assert any("présentiel" in (m or "") or "en ligne" in (m or "") for m in messages), messages
    assert filled["requested_slot"] == "licence_date" and filled.get("licence_date") is None


def test_a_question_the_computation_answers_is_still_held(domain):
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run as run_form
    text = "et je passe à 12 quand ?"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           requested_slot="licence_date", form="points_after_stage_form", slots={"current_balance": 6})
    _, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert any("juste après" in (m or "") for m in messages), messages


def test_the_offence_asked_once_more_in_a_turn_is_asked_without_a_loop(domain):
    # the form ended again without the offence (a hypothesis it leaves to the answer): the question itself, no loop
    tracker = make_tracker(intent="ask_offence_points", text="et si c'était ça ?", entities=[])
    tracker.events += [{"event": "action", "name": "action_answer_offence_points"},
                       {"event": "action", "name": "offence_points_form"}]
    events, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert reply == "utter_ask_offence_type" and events == []


def test_a_mail_received_that_may_be_the_fines_notice_is_not_taken_for_the_48n(domain):
    from tests.actions.conftest import parsed, user_said
    question = "et pour la ceinture, je risque quoi ?"
    tracker = make_tracker(
        slots={"licence_date": "2023-07-01", "supervised_driving": False, "complementary_training": False,
               "offence_type": "seatbelt", "offence_date": "2023-11-18", "fine_payment_date": "2023-11-25"},
        intent="ask_offence_points", text=question, entities=parsed(question, "2026-12-01"),
        history=[user_said("sans ceinture le 18 novembre 2023, j'ai reçu un courrier, payé le 25 novembre 2023",
                           "ask_offence_points")])
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "Si vous l'avez reçue" not in answer and "lettre 48N" in answer
