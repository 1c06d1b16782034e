"""Questions typed while a form waits for a fact: answered as questions, then the form asks again (tester W item 7)."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run
from actions.mid_form import HELD_HYPOTHESIS

TRAINING_FORM = dict(requested_slot="complementary_training", form="probation_form",
                     slots={"licence_date": "2025-03-15", "supervised_driving": False})


@pytest.mark.parametrize("text", ["c'est sûr ?", "vous êtes sûr ?", "t'es sur ?", "c sur ?", "sûr ?"])
def test_how_sure_to_a_yes_no_question_is_not_a_yes(domain, text):
    # the NLU reads "c'est sûr ?" as affirm, whose mapping fills the yes/no slot: it must not (W item 7, C1)
    tracker = make_tracker(new_slots={"complementary_training": True}, intent="affirm", text=text,
                           entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots == {"complementary_training": None, "requested_slot": "complementary_training"}
    assert messages[0].startswith("C'est à vous de me le dire : la réponse dépend de votre situation.")
    assert "raccourcit la période probatoire" in messages[0] and "L.223-1" in messages[0]


@pytest.mark.parametrize("text,intent", [("pourquoi ?", "ask_letter"), ("pk ?", "nlu_fallback"),
                                         ("pourquoi vous me demandez ça ?", "nlu_fallback"),
                                         ("ça sert à quoi ?", "ask_stage_info")])
def test_why_while_a_form_waits_says_what_the_fact_is_for(domain, text, intent):
    # "pourquoi ?" read as a letter's question opened the letter form (W item 6, C26)
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text),
                           requested_slot="previous_stage_date", form="stage_eligibility_form",
                           slots={"current_balance": 10})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots == {"previous_stage_date": None, "requested_slot": "previous_stage_date"}
    assert messages == ["Je vous pose cette question parce qu'un seul stage par an peut rendre des points : il faut "
                        "un an de date à date depuis le dernier (article L.223-6 du Code de la route)."]


def test_a_question_the_form_cannot_read_is_promised_an_answer_not_misunderstood(domain):
    text = "et je passe a 12 quand ?"
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots == {"complementary_training": None, "requested_slot": "complementary_training"}
    assert messages == ["Je réponds à votre question juste après : il me faut d'abord cette information pour le calcul."]
    assert "Je n'ai pas compris" not in messages[0]


@pytest.mark.parametrize("text,intent,new_slots", [
    ("non", "deny", {"complementary_training": False}),
    ("oui", "affirm", {"complementary_training": True}),
])
def test_answers_are_still_answers(domain, text, intent, new_slots):
    tracker = make_tracker(new_slots=new_slots, intent=intent, text=text, entities=parsed(text), **TRAINING_FORM)
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["complementary_training"] is new_slots["complementary_training"]
    assert slots["requested_slot"] != "complementary_training"


def test_a_number_asked_is_an_answer_even_with_a_question_mark(domain):
    # "8 ?" to the balance question is the balance, not a question about 8 points
    tracker = make_tracker(new_slots={"current_balance": 8}, intent="inform", text="8 ?", entities=parsed("8 ?"),
                           requested_slot="current_balance", form="stage_eligibility_form",
                           slots={"previous_stage_date": "none"})
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["current_balance"] == 8


def test_how_sure_after_an_answer_without_an_article_names_its_sources():
    # "c'est sûr ?" after the 48M answer (an administrative practice, no article): not "Quelle est votre question ?"
    from actions.follow_ups import answer_in_context
    answer = ("La lettre 48M est un avertissement envoyé quand le solde tombe à 6 points ou moins : elle vous invite "
              "à faire un stage, sans obligation (pratique administrative de la lettre 48M ; à vérifier).")
    tracker = make_tracker(intent="affirm", text="c'est sûr ?",
                           history=[{"event": "action", "name": "action_answer_letter"}, {"event": "bot", "text": answer}])
    assert answer_in_context(tracker).startswith("Ce résultat applique les sources citées dans ma réponse, à partir "
                                                 "des informations que vous m'avez données.")


# --- hypotheses typed while a form waits (testers, item 1): held, never a correction, answered after the answer

def _form_turn(text: str, intent: str, new_slots: dict, slots: dict, form: str, requested: str, history=None):
    return make_tracker(slots=slots, new_slots=new_slots, intent=intent, text=text, entities=parsed(text),
                        requested_slot=requested, form=form, history=history)


@pytest.mark.parametrize("text", ["et si j'avais 4 points ?", "si jamais j'en ai 4 ?", "imaginons que j'aie 4 points",
                                  "et si il me restait 4 points ?"])
def test_a_balance_hypothesis_while_a_form_waits_keeps_the_balance_told(domain, text):
    # 8 points told, "Avez-vous déjà fait un stage ?" asked: the balance stays 8, the question is asked again
    history = [{"event": "slot", "name": "current_balance", "value": 8}]
    tracker = _form_turn(text, "inform", {"current_balance": 4}, {"current_balance": 8},
                         "points_after_stage_form", "previous_stage_date", history)
    slots, messages = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["current_balance"] == 8 and slots["requested_slot"] == "previous_stage_date"
    assert messages == [HELD_HYPOTHESIS] and not any("je corrige" in m for m in messages)


@pytest.mark.parametrize("text", ["et si je fais le stage en janvier ?", "et si je le fais en janvier ?",
                                  "si jamais je fais le stage le 12 janvier ?"])
def test_a_stage_hypothesis_while_the_48n_date_is_asked_is_no_date_of_the_letter(domain, text):
    # C18: the stage's month was taken, its day asked, and "le 12 janvier" then became the 48N's receipt
    entities = parsed(text)
    stage = [e["value"] for e in entities if e["entity"] == "date"]
    tracker = _form_turn(text, "ask_refund_48n", {"stage_first_day": stage[0]}, {}, "refund_48n_form",
                         "letter_48n_date")
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["stage_first_day"] is None and slots["letter_48n_date"] is None
    assert slots["requested_slot"] == "letter_48n_date" and slots.get("date_awaiting_precision") is None
    assert messages == [HELD_HYPOTHESIS]


def test_a_hypothesis_on_the_planned_stage_asked_answers_it(domain):
    # "Quel jour commence le stage ?" — "et si je le fais le 12 janvier ?": the stage asked about is a plan, this
    # is its day (nothing told is overwritten)
    text = "et si je le fais le 12 janvier ?"
    tracker = _form_turn(text, "inform", {"stage_first_day": "2027-01-12"}, {"letter_48n_date": "2026-11-12"},
                         "refund_48n_form", "stage_first_day")
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["stage_first_day"] == "2027-01-12" and HELD_HYPOTHESIS not in messages


@pytest.mark.parametrize("text", ["ah si c'était le 3", "si, c'était le 3", "et si je sais pas ?", "le 12 janvier"])
def test_si_as_yes_and_not_knowing_are_no_hypotheses(text):
    from actions.what_if import states_a_hypothesis
    assert not states_a_hypothesis(text)


def _held_then_answered(domain, hypothesis: str, intent: str, new_slots: dict):
    """48N asked; the hypothesis; "le 12 novembre"; "le 15 décembre": the refund answer, then the hypothesis's."""
    from actions import answers, two_part
    from tests.actions.conftest import user_said
    from tests.actions.test_answers import run as run_action
    first = "j'ai reçu une lettre 48N, est-ce que mon amende sera remboursée si je fais le stage ?"
    held = user_said(hypothesis, intent)
    events = [user_said(first, "ask_refund_48n"), {"event": "action", "name": "refund_48n_form"},
              {"event": "slot", "name": "requested_slot", "value": "letter_48n_date"}, held,
              *({"event": "slot", "name": k, "value": v} for k, v in new_slots.items()),
              {"event": "action", "name": "refund_48n_form"}, {"event": "bot", "text": HELD_HYPOTHESIS},
              user_said("le 12 novembre"), {"event": "slot", "name": "letter_48n_date", "value": "2026-11-12"},
              user_said("le 15 décembre"), {"event": "slot", "name": "stage_first_day", "value": "2026-12-15"},
              {"event": "action", "name": "refund_48n_form"}]
    slots = {"letter_48n_date": "2026-11-12", "stage_first_day": "2026-12-15", "letter_code": "48N"}
    tracker = make_tracker(slots=slots, text="le 15 décembre", entities=parsed("le 15 décembre"), history=events[:-3])
    tracker.events[:] = events
    answer_events, answer = run_action(answers.ActionAnswerRefund48n(), tracker, domain)
    assert {"event": "followup", "name": "action_other_question", "timestamp": None} in answer_events
    tracker.events.extend([{"event": "action", "name": "action_answer_refund_48n"}, {"event": "bot", "text": answer},
                           *answer_events])
    _, reply = run_action(two_part.ActionAnswerOtherQuestion(), tracker, domain)
    return answer, reply


def test_the_stage_hypothesis_held_is_answered_after_the_refund_answer(domain):
    # 48N received 12 November 2026: deadline 12 March 2027 (R15); a stage in January (counted on the 31st, the
    # safe day for a deadline) ends on 1 February 2027, in time: refunded (R16); the real stage (15 December) stays
    answer, reply = _held_then_answered(domain, "et si je fais le stage en janvier ?", "ask_refund_48n",
                                        {"stage_first_day": "2027-01"})
    assert "se termine le 16 décembre 2026" in answer and "12 mars 2027" in answer
    assert reply.startswith("Pour votre hypothèse (« et si je fais le stage en janvier ? ») :")
    assert "Si le stage commence le 31 janvier 2027" in reply and "se termine le 1er février 2027" in reply
    assert "12 mars 2027" in reply and "L.223-6" in reply  # R16: the refund is L.223-6 al. 4's (T3 c04)


def test_a_hypothesis_answered_once_only(domain):
    from actions import two_part
    from tests.actions.test_answers import run as run_action
    answer, reply = _held_then_answered(domain, "et si je le fais le 20 janvier ?", "inform", {})
    assert "Si le stage commence le 20 janvier 2027" in reply
    tracker = make_tracker(text="merci", history=[{"event": "bot", "text": HELD_HYPOTHESIS},
                                                  {"event": "action", "name": "action_answer_refund_48n"},
                                                  {"event": "action", "name": "action_other_question"}])
    assert run_action(two_part.ActionAnswerOtherQuestion(), tracker, domain)[1] == ""


@pytest.mark.parametrize("text, value", [("le 12 janvier", "2026-01-12"), ("le 12", "2026-11-12"),
                                         ("12/01", "2026-01-12")])
def test_the_day_asked_for_the_stage_s_month_is_the_stage_s_not_the_letter_s(domain, text, value):
    # C18: "je fais le stage en janvier" to the 48N question, "Quel jour de janvier 2027 ?", then "le 12 janvier":
    # the stage starts on 12 January 2027; the letter's question stays to answer
    history = [{"event": "user", "text": "je fais le stage en janvier"}]
    tracker = _form_turn(text, "inform", {"letter_48n_date": value},
                         {"date_awaiting_precision": "stage_first_day=2027-01", "reasked_slot": "stage_first_day#1"},
                         "refund_48n_form", "letter_48n_date", history)
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["stage_first_day"] == "2027-01-12" and slots["letter_48n_date"] is None
    assert slots["requested_slot"] == "letter_48n_date" and messages == ["C'est noté : stage le 12 janvier 2027."]


def test_a_day_of_that_month_answered_to_a_later_question_is_that_question_s(domain):
    # the stage's day was asked two turns ago, the letter's question since: "le 12 janvier" is the letter's
    history = [{"event": "user", "text": "je fais le stage en janvier"}, {"event": "user", "text": "je sais pas"}]
    tracker = _form_turn("le 12 janvier", "inform", {"letter_48n_date": "2026-01-12"},
                         {"date_awaiting_precision": "stage_first_day=2027-01", "reasked_slot": "stage_first_day#1"},
                         "refund_48n_form", "letter_48n_date", history)
    slots, _ = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-01-12" and slots.get("stage_first_day") is None


def test_a_hypothesis_without_facts_while_a_form_waits_is_a_question_not_held(domain):
    # "et si je le fais pas ?" tells no fact: the form's question is answered first, as for any question
    tracker = _form_turn("et si je le fais pas ?", "nlu_fallback", {}, {"letter_48n_date": "2026-11-12"},
                         "refund_48n_form", "stage_first_day")
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert HELD_HYPOTHESIS not in messages and slots["requested_slot"] == "stage_first_day"


@pytest.mark.parametrize("day_said, day", [("le 12 janvier", "12 janvier 2027"), ("le 12", "12 janvier 2027"),
                                           ("12/01", "12 janvier 2027")])
def test_the_day_said_right_after_a_held_hypothesis_is_the_hypothesis_s(domain, day_said, day):
    # C18 as played: "et si je fais le stage en janvier ?" (held), then "le 12 janvier" while the 48N date is asked
    # again: the hypothesis's stage day, never a receipt in the past; the letter's question stays
    from tests.actions.conftest import user_said
    hypothesis = "et si je fais le stage en janvier ?"
    history = [user_said("j'ai reçu une 48N, je serai remboursé ?", "ask_refund_48n"), user_said(hypothesis, "ask_refund_48n"),
               {"event": "action", "name": "refund_48n_form"}, {"event": "bot", "text": HELD_HYPOTHESIS}]
    found = [e["value"] for e in parsed(day_said) if e["entity"] == "date"]
    tracker = _form_turn(day_said, "inform", {"letter_48n_date": found[0]}, {}, "refund_48n_form", "letter_48n_date",
                         history)
    slots, messages = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["letter_48n_date"] is None and slots["requested_slot"] == "letter_48n_date"
    assert messages == [f"C'est noté pour votre hypothèse : le {day}. D'abord, votre situation réelle :"]


def test_a_receipt_said_after_a_held_hypothesis_is_the_receipt(domain):
    from tests.actions.conftest import user_said
    history = [user_said("et si je fais le stage en janvier ?", "ask_refund_48n"),
               {"event": "bot", "text": HELD_HYPOTHESIS}]
    text = "je l'ai reçue le 12 novembre"
    tracker = _form_turn(text, "inform", {"letter_48n_date": "2026-11-12"}, {}, "refund_48n_form", "letter_48n_date",
                         history)
    slots, _ = run(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-11-12"


def test_the_hypothesis_made_precise_is_answered_on_its_day(domain):
    # 48N received 12 November 2026 (deadline 12 March 2027, R15); the hypothesis: a stage from 12 January 2027,
    # ending on the 13th, in time: refunded (R16)
    from actions import answers, two_part
    from tests.actions.conftest import user_said
    from tests.actions.test_answers import run as run_action
    refined = "C'est noté pour votre hypothèse : le 12 janvier 2027. D'abord, votre situation réelle :"
    events = [user_said("j'ai reçu une 48N, je serai remboursé ?", "ask_refund_48n"),
              user_said("et si je fais le stage en janvier ?", "ask_refund_48n"), {"event": "bot", "text": HELD_HYPOTHESIS},
              user_said("le 12 janvier"), {"event": "bot", "text": refined},
              user_said("le 12 novembre"), {"event": "slot", "name": "letter_48n_date", "value": "2026-11-12"},
              user_said("le 15 décembre"), {"event": "slot", "name": "stage_first_day", "value": "2026-12-15"}]
    tracker = make_tracker(slots={"letter_48n_date": "2026-11-12", "stage_first_day": "2026-12-15"},
                           text="le 15 décembre", entities=parsed("le 15 décembre"))
    tracker.events[:] = events
    answer_events, answer = run_action(answers.ActionAnswerRefund48n(), tracker, domain)
    tracker.events.extend([{"event": "action", "name": "action_answer_refund_48n"}, {"event": "bot", "text": answer},
                           *answer_events])
    _, reply = run_action(two_part.ActionAnswerOtherQuestion(), tracker, domain)
    assert reply.count("Pour votre hypothèse") == 1
    assert "Si le stage commence le 12 janvier 2027" in reply and "se termine le 13 janvier 2027" in reply
    assert "12 mars 2027" in reply
