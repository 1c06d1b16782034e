"""Outside tester T20's 48N findings (c24, c12), items of branch h44 (BOT_TODAY pinned to 1 December 2026).

c24: a 48N received on 2 August 2026 has its deadline on 2 December 2026, tomorrow: the first answer says how near it is
(only a stage ending by then counts, R15) once, not the deadline twice in two answers; "j'ai trouvé un stage les 3 et 4
décembre, ça passe ?" is answered at once (no: it ends after the deadline, R15, R16), without the balance nor the
licence's date, which change only its points; the question insisted on is answered, not "Je n'ai pas compris"."""
from __future__ import annotations

import pytest

from actions import answers, fallback, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_forms import run as run_validation
from tests.actions.test_probation_facts import mapped_slots, run, told

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C24_FIRST = ("aide moi stp jai recu une lettre 48N le 2 aout 2026 pour un excès de 35 et j'ai rien fait, c'est grave ??")
C24_ANSWER = ("Vous devez terminer le stage obligatoire au plus tard le 2 décembre 2026 (4 mois après la réception de la "
              "lettre 48N le 2 août 2026) (article R.223-4 du Code de la route).")
KNOWN = {"letter_48n_date": "2026-08-02", "offence_type": "speeding", "speed_excess": 35,
         "last_question": "action_answer_mandatory_stage"}


def after_the_deadline_answer():
    """The conversation after the first answer of c24, as the tracker holds it."""
    return [user_said(C24_FIRST, "ask_letter"), {"event": "slot", "name": "letter_code", "value": "48N"},
            {"event": "slot", "name": "letter_48n_date", "value": "2026-08-02"},
            {"event": "action", "name": "action_answer_mandatory_stage"}, {"event": "bot", "text": C24_ANSWER},
            {"event": "slot", "name": "letter_code", "value": None},
            {"event": "slot", "name": "last_question", "value": "action_answer_mandatory_stage"}]


def test_the_letter_and_its_risk_asked_together_get_one_answer_with_the_urgency(domain):
    tracker = told(domain, C24_FIRST, "ask_letter", today=TODAY)
    events, answer = run(answers.ActionAnswerLetter(), tracker, domain)
    # (the letter's answer said the deadline too, before the compulsory stage's)
    assert answer.startswith(C24_ANSWER) and "La lettre 48N (recommandée" not in answer, answer
    assert "Attention, la date limite est demain : seul un stage terminé au plus tard le 2 décembre 2026 compte" \
        in answer
    assert "commencer aujourd'hui au plus tard" in answer
    assert "contravention de 4e classe (135 €" in answer and "ne sera pas remboursée" in answer
    assert {"event": "followup", "name": "action_other_question", "timestamp": None} not in events


def test_the_letter_alone_says_how_near_its_deadline_is(domain):
    text = "j'ai reçu une lettre 48N le 2 aout 2026, ça veut dire quoi ?"
    _, answer = run(answers.ActionAnswerLetter(), told(domain, text, "ask_letter", today=TODAY), domain)
    assert "soit au plus tard le 2 décembre 2026" in answer and "la date limite est demain" in answer, answer


@pytest.mark.parametrize("text, intent, form, validator, action", [
    ("j'ai trouvé un stage les 3 et 4 decembre, ca passe ?", "ask_points_after_stage", "points_after_stage_form",
     forms.ValidatePointsAfterStageForm, answers.ActionAnswerPointsAfterStage),
])
def test_a_stage_after_the_deadline_asked_in_time_is_answered_at_once(domain, text, intent, form, validator, action):
    entities = parsed(text, TODAY)
    history = after_the_deadline_answer()
    new = mapped_slots(domain, text, intent, TODAY)
    assert new.get("stage_first_day") == "2026-12-03"
    tracker = make_tracker(slots=KNOWN, new_slots=new, intent=intent, text=text, entities=entities, form=form,
                           history=history)
    slots, messages = run_validation(validator(), tracker, domain)
    assert slots.get("requested_slot") is None and not messages, (slots, messages)  # no balance, no licence date
    tracker = make_tracker(slots={**KNOWN, **new}, intent=intent, text=text, entities=entities, history=history)
    _, answer = run(action(), tracker, domain)
    assert answer.startswith("Non : le stage se terminera le 4 décembre 2026, après la date limite du 2 décembre 2026"), \
        answer
    assert "135 €" in answer and "l'amende n'est pas remboursée" in answer and "suspension possible" in answer
    assert "vous rendre jusqu'à 4 points" in answer  # (R16 example 3: its points still credited)
    assert "Combien de points" not in answer


def test_a_stage_ending_by_the_deadline_asked_in_time_is_a_yes(domain):
    text = "et un stage les 1er et 2 decembre, ca passe ?"
    entities = parsed(text, TODAY)
    new = mapped_slots(domain, text, "ask_points_after_stage", TODAY)
    tracker = make_tracker(slots={**KNOWN, **new}, intent="ask_points_after_stage", text=text, entities=entities,
                           history=after_the_deadline_answer())
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Obligation remplie si vous suivez tout le stage : il se termine le 2 décembre 2026"), \
        answer


def test_the_question_insisted_on_mid_form_is_answered_not_misunderstood(domain):
    # the form had asked the balance ("je ne sais pas"), then the licence's date
    text = "mais je m'en fiche des points, je veux savoir si le stage du 3 decembre est dans les temps !!"
    slots = {**KNOWN, "stage_first_day": "2026-12-03", "balance_unknown": True}
    history = after_the_deadline_answer() + [
        user_said("j'ai trouvé un stage les 3 et 4 decembre, ca passe ?", "ask_points_after_stage"),
        {"event": "active_loop", "name": "points_after_stage_form"}]
    tracker = make_tracker(slots=slots, intent="nlu_fallback", text=text, entities=parsed(text, TODAY),
                           form="points_after_stage_form", requested_slot="licence_date", history=history)
    result, messages = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert result.get("requested_slot") is None, result
    assert not any("pas compris" in (m or "") for m in messages), messages
    _, answer = run(answers.ActionAnswerPointsAfterStage(), make_tracker(
        slots=slots, intent="nlu_fallback", text=text, entities=parsed(text, TODAY), history=history), domain)
    assert answer.startswith("Non : le stage se terminera le 4 décembre 2026"), answer


def test_the_question_insisted_on_after_the_answer_is_answered_not_rephrased(domain):
    text = "mais je m'en fiche des points, je veux savoir si le stage du 3 decembre est dans les temps !!"
    tracker = make_tracker(slots={**KNOWN, "stage_first_day": "2026-12-03"}, intent="nlu_fallback", text=text,
                           entities=parsed(text, TODAY), history=after_the_deadline_answer())
    _, answer = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "Non : le stage se terminera le 4 décembre 2026" in answer, answer
    assert "reformuler" not in answer


# --- c12: the 48N's stage, the balance unknown: its only retrait known, the total is the ceiling either way (R5, R7,
# R12) -------------------------------------------------------------------------------------------------------------

C12_FIRST = ("Bonjour, j'ai reçu une lettre 48N le 20 octobre 2026. J'ai le permis depuis le 4 avril 2025. C'était pour "
             "un refus de priorité. Je dois faire le stage avant quand ? Et on me rembourse l'amende ?")


def test_the_c12_deadline_and_refund_are_answered_at_once(domain):
    from tests.actions.test_t18_h38 import refund_form
    tracker, (slots, messages) = refund_form(domain, C12_FIRST)
    assert slots.get("requested_slot") is None and not messages, (slots, messages)
    _, answer = run(answers.ActionAnswerRefund48n(), told(domain, C12_FIRST, "ask_refund_48n", today=TODAY), domain)
    assert answer.startswith("Vous devez terminer le stage obligatoire au plus tard le 20 février 2027"), answer
    assert "remboursée" in answer


def test_not_booked_yet_to_the_stage_s_day_gets_the_deadline(domain):
    from tests.actions.test_t18_h38 import refund_form
    first = "j'ai reçu une lettre 48N le 20 octobre 2026, on me rembourse l'amende ?"
    history = [user_said(first, "ask_refund_48n"), {"event": "slot", "name": "letter_48n_date", "value": "2026-10-20"},
               {"event": "active_loop", "name": "refund_48n_form"}]
    _, (slots, messages) = refund_form(
        domain, "j'ai pas encore réservé, c'est justement pour savoir jusqu'à quand j'ai le droit",
        slots={"letter_48n_date": "2026-10-20", "letter_code": "48N"}, requested="stage_first_day", history=history)
    assert slots.get("requested_slot") is None, slots
    assert not any("pas compris" in (m or "") for m in messages), messages


@pytest.mark.parametrize("aac, ceiling, before", [(False, 6, 2), (True, 6, 2)])
def test_the_total_after_the_48n_stage_is_the_ceiling_whatever_the_balance(domain, aac, ceiling, before):
    from actions.slot_values import NO_PREVIOUS_STAGE
    text = "Non, jamais"
    slots = {"licence_date": "2025-04-04", "supervised_driving": aac, "offence_type": "priority",
             "letter_48n_date": "2026-10-20", "letter_code": "48N", "stage_first_day": "2027-01-15",
             "balance_unknown": True, "previous_stage_date": NO_PREVIOUS_STAGE}
    history = [user_said(C12_FIRST, "ask_refund_48n"), {"event": "slot", "name": "letter_code", "value": "48N"},
               user_said("ok merci. et apres le stage j'aurai combien de points ?", "ask_points_after_stage")]
    tracker = make_tracker(slots=slots, intent="deny", text=text, entities=parsed(text, TODAY), history=history)
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert f"votre solde passera de {before} à {ceiling} points" in answer, answer
    assert "dépend de votre solde" not in answer and "Dites-moi votre solde" not in answer
    assert "le seul retrait" in answer and "vous ramène à votre plafond" in answer


def test_not_booked_yet_after_the_deadline_s_answer_gets_the_deadline_not_a_rephrase(domain):
    text = "j'ai pas encore réservé, c'est justement pour savoir jusqu'à quand j'ai le droit"
    answer_text = ("Vous devez terminer le stage obligatoire au plus tard le 20 février 2027 (4 mois après la réception "
                   "de la lettre 48N le 20 octobre 2026) (article R.223-4 du Code de la route).")
    history = [user_said(C12_FIRST, "ask_refund_48n"), {"event": "slot", "name": "letter_code", "value": "48N"},
               {"event": "action", "name": "action_answer_refund_48n"}, {"event": "bot", "text": answer_text}]
    tracker = make_tracker(slots={"letter_48n_date": "2026-10-20", "last_question": "action_answer_refund_48n"},
                           intent="nlu_fallback", text=text, entities=parsed(text, TODAY), history=history)
    _, answer = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert "La date limite est le 20 février 2027" in answer, answer
    assert "reformuler" not in answer


def test_the_balance_is_not_asked_for_the_48n_stage_of_its_only_retrait(domain):
    text = "ok merci. et apres le stage j'aurai combien de points ?"
    slots = {"licence_date": "2025-04-04", "offence_type": "priority", "letter_48n_date": "2026-10-20",
             "last_question": "action_answer_refund_48n"}
    history = [user_said(C12_FIRST, "ask_refund_48n"), {"event": "slot", "name": "letter_code", "value": "48N"}]
    tracker = make_tracker(slots=slots, intent="ask_points_after_stage", text=text, entities=parsed(text, TODAY),
                           form="points_after_stage_form", history=history)
    result, _ = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert result.get("requested_slot") not in (None, "current_balance"), result


def test_the_balance_is_asked_when_an_earlier_stage_was_told(domain):
    text = "ok merci. et apres le stage j'aurai combien de points ?"
    slots = {"licence_date": "2025-04-04", "offence_type": "priority", "letter_48n_date": "2026-10-20",
             "previous_stage_date": "2025-12-01"}
    history = [user_said(C12_FIRST, "ask_refund_48n"), {"event": "slot", "name": "letter_code", "value": "48N"}]
    tracker = make_tracker(slots=slots, intent="ask_points_after_stage", text=text, entities=parsed(text, TODAY),
                           form="points_after_stage_form", history=history)
    result, _ = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert result.get("requested_slot") == "current_balance", result


def test_a_stage_after_the_deadline_asked_too_late_is_a_yes(domain):
    # tester T32 c12: "c'est trop tard ? il a quand même des points avec ?" got "Non : le stage se terminera … après la
    # date limite", a "no" to "too late?" when it is (R15, R16)
    text = "et un stage les 3 et 4 decembre, c'est trop tard ? il a quand meme des points avec ?"
    new = mapped_slots(domain, text, "ask_points_after_stage", TODAY)
    tracker = make_tracker(slots={**KNOWN, **new}, intent="ask_points_after_stage", text=text,
                           entities=parsed(text, TODAY), history=after_the_deadline_answer())
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Oui : le stage se terminera le 4 décembre 2026, après la date limite du 2 décembre 2026"), \
        answer
    assert "vous rendre jusqu'à 4 points" in answer  # (its points still credited, R16 example 3)
