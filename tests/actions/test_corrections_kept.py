"""A correction replaces only the fact it corrects, and the last answer is given again with it (tester W item 2)."""
from __future__ import annotations

import pytest

from actions import corrections
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run

C38_STORY = ("Mon permis date du 8 juillet 2024, pas d'AAC ni de formation. Le 14 février 2026 j'ai grillé un feu "
             "rouge, payé le 1er mars 2026, et j'ai fait le stage obligatoire les 5 et 6 mai 2026 après la 48N. "
             "Combien de points j'ai aujourd'hui ?")
C38_SLOTS = {"licence_date": "2024-07-08", "supervised_driving": False, "complementary_training": False,
             "fine_payment_date": "2026-03-01", "offence_date": "2026-02-14", "probation_offence": True,
             "last_offence_points": 4, "offence_class": "c4", "offence_type": "red_light", "letter_code": "48N",
             "last_question": "action_answer_probation"}


def test_another_offence_corrected_after_the_probation_answer_keeps_its_dates_and_the_stage(domain):
    # C38: 8/8 with the stage of 5-6 May 2026 (R7, R12); "c'était un stop, pas un feu rouge" (4 points too) changes
    # neither the balance nor the stage, and the answer is given again rather than the stop's description
    text = "non pardon c'était un stop, pas un feu rouge"
    tracker = make_tracker(slots=C38_SLOTS, new_slots={"offence_type": "red_light"}, intent="nlu_fallback",
                           text=text, entities=parsed(text),
                           history=[user_said(C38_STORY, "ask_probation"),
                                    {"event": "slot", "name": "offence_type", "value": "red_light"},
                                    {"event": "action", "name": "action_answer_probation"},
                                    {"event": "slot", "name": "last_question", "value": "action_answer_probation"}])
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert {"event": "slot", "name": "offence_type", "value": "stop_sign", "timestamp": None} in events
    assert answer.startswith("C'est noté, je refais le calcul.")
    assert "Votre solde est aujourd'hui de 8 points sur 8" in answer and "stage des 5 et 6 mai 2026" in answer
    assert "retrouvera 12 points le 1er mars 2029" in answer
    assert "Stop non respecté" not in answer


C21_STORY = ("j'ai pas marqué un stop le 2 novembre 2026, j'ai payé le 20 novembre. j'avais 12 points, combien il m'en "
             "reste ?")


def _after_the_balance(text: str, new_slots: dict, earlier=()):
    return make_tracker(slots={"fine_payment_date": "2026-11-20", "offence_type": "stop_sign",
                               "last_question": "action_answer_check_balance"},
                        new_slots=new_slots, intent="inform", text=text, entities=parsed(text),
                        history=[user_said(C21_STORY, "nlu_fallback"),
                                 {"event": "action", "name": "action_answer_check_balance"},
                                 {"event": "slot", "name": "last_question", "value": "action_answer_check_balance"},
                                 *earlier])


def test_a_balance_before_corrected_after_the_balance_answer_gives_it_again(domain):
    # C21b: stop (4 points, R4) paid 20 November 2026 from 12, then "ah non j'avais 10 points avant en fait": 6 (R1)
    tracker = _after_the_balance("ah non j'avais 10 points avant en fait", {"current_balance": 10})
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("C'est noté, je refais le calcul.")
    # (the stop named by its day told, 2 November, since h92 read a day said without a role before its payment as
    # the offence's; its 3 years still run from the payment)
    assert "Solde aujourd'hui : 6 points" in answer and "10 points avant l'infraction du 2 novembre 2026" in answer
    assert "20 novembre 2029" in answer
    assert "Quelle est votre question" not in answer


def test_the_licence_date_given_after_the_balance_answer_gives_it_again_without_the_assumption(domain):
    # "permis depuis 2001": not probationary, as the answer had assumed; its caveat goes (R5)
    tracker = _after_the_balance("permis depuis 2001", {"licence_date": "2001"})
    _, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert answer.startswith("C'est noté, je refais le calcul.")
    assert "Solde aujourd'hui : 8 points" in answer and "20 novembre 2029" in answer
    assert "nous avons supposé" not in answer


C34_STORY = ("Il me reste 2 points sur mon permis, je l'ai depuis 2015. J'ai une amende pour un feu rouge du 20 novembre "
             "2026 que je n'ai pas encore payée. Je n'ai jamais fait de stage. Qu'est-ce que je dois faire pour ne pas "
             "perdre mon permis ?")


def test_when_to_take_the_stage_after_it_can_save_the_licence_is_a_timing_question_not_a_correction(domain):
    # C34: 2 points, red light (4 points, R4) not paid: -2, a stage before the 48SI saves the licence (R18). "je fais le
    # stage quand alors ?" (read as the stage question) asks when: before paying, it counts on the 2 points, then
    # the retrait leaves 2; after the decision, -2 + 4 = 2 as well, but only before the 48SI is notified
    from actions import answers, forms
    from tests.actions.test_forms import run as run_validation
    text = "je fais le stage quand alors ?"
    tracker = make_tracker(
        slots={"licence_date": "2015", "current_balance": 2, "previous_stage_date": False,
               "offence_date": "2026-11-20", "offence_type": "red_light"},
        new_slots={"previous_stage_date": "none"}, intent="ask_points_after_stage", text=text, entities=parsed(text),
        requested_slot=None, form="points_after_stage_form",
        history=[user_said(C34_STORY, "ask_zero_points"),
                 {"event": "slot", "name": "previous_stage_date", "value": False},
                 {"event": "action", "name": "action_answer_zero_points"},
                 {"event": "bot", "text": "Votre solde calculé est de -2, mais le permis reste valide jusqu'à la "
                                          "notification de la lettre 48SI : un stage terminé avant cette "
                                          "notification le sauve (solde 2 points)."}])
    slots, messages = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] is None and messages == []  # no "C'est noté, je corrige", no stage date asked
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith("Le plus tôt possible, même avant de payer l'amende : fait avant la décision de retrait, "
                             "le stage est compté sur vos 2 points, puis le retrait de 4 points est déduit, et il vous "
                             "reste 2 points ; fait après, il vous laisserait 2 points aussi")
    assert "avant que la lettre 48SI vous soit notifiée" in answer


def test_the_refund_asked_after_the_48n_is_told_needs_no_stage_date(domain):
    # C31: licence 3 March 2025, voluntary stage 2-3 June 2026, 48N received 15 November 2026: "et je serai
    # remboursé ?" is answered from these facts: refunded if the compulsory stage ends by 15 March 2027, even though it
    # gives no points before 2 June 2027 (R15, R16, R17)
    from actions import answers, forms
    from tests.actions.test_forms import run as run_validation
    text = "et je serai remboursé ?"
    known = {"licence_date": "2025-03-03", "previous_stage_date": "2026-06-02", "letter_48n_date": "2026-11-15",
             "letter_code": "48N", "last_question": "action_answer_stage_eligibility"}
    tracker = make_tracker(slots=known, intent="ask_refund_48n", text=text, entities=parsed(text),
                           form="refund_48n_form",
                           history=[{"event": "slot", "name": name, "value": value} for name, value in known.items()]
                           + [{"event": "action", "name": "action_answer_stage_eligibility"}])
    slots, messages = run_validation(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots["requested_slot"] is None and messages == []
    _, answer = run(answers.ActionAnswerRefund48n(), tracker, domain)
    assert answer.startswith("L'amende de l'infraction est remboursée si le stage obligatoire est terminé dans les "
                             "4 mois qui suivent la réception de la lettre 48N")
    assert "au plus tard le 15 mars 2027" in answer and "l'amende sera remboursée" in answer
    assert "pas avant le 2 juin 2027" in answer


def test_when_12_after_the_corrected_probation_answer_is_its_line_and_the_stage_still_counts(domain):
    # C38 then "et j'aurai 12 quand ?" (read as the stage question): the date the answer gave, not a balance of 4
    # that forgets the stage (R12) nor the stage's date asked again
    from actions import forms
    from actions.follow_ups import answer_in_context
    from tests.actions.test_forms import run as run_validation
    text = "et j'aurai 12 quand ?"
    answer_given = ("Votre solde est aujourd'hui de 8 points sur 8 : 4 points retirés, 4 points rendus par un stage "
                    "(article L.223-1 du Code de la route).\n- Sans nouvelle infraction, votre permis retrouvera 12 "
                    "points le 1er mars 2029, et pas avant la fin de la période probatoire (8 juillet 2027) (article "
                    "L.223-6 du Code de la route ; selon notre lecture).")
    history = [user_said(C38_STORY, "ask_probation"), {"event": "action", "name": "action_answer_probation"},
               {"event": "bot", "text": answer_given}]
    tracker = make_tracker(slots={**C38_SLOTS, "offence_type": "stop_sign"}, intent="ask_points_after_stage",
                           text=text, entities=parsed(text), form="points_after_stage_form", history=history)
    slots, messages = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] is None and messages == []
    assert "retrouvera 12 points le 1er mars 2029" in answer_in_context(tracker)
    # and the balance a form computes from the story counts its stage: 8, not 4
    assert forms.probation_balance(make_tracker(slots=C38_SLOTS, history=history)) == 8


@pytest.mark.parametrize("text", ["ah non pardon c'était le 20 septembre 2025, pas 2024",
                                  "non en fait c'est 2025 le permis"])
def test_a_correction_that_needs_more_facts_asks_them_for_the_same_question(domain, text):
    # tester T9 c16: a licence of 2024 (AAC) is out of probation; corrected to 2025 it is in it, and the probation
    # question needs the training and the offences: the form asks them, not "Quelle est votre question ?" (R5, R6)
    tracker = make_tracker(slots={"last_question": "action_answer_probation", "licence_date": "2024-09-20",
                                  "supervised_driving": True},
                           new_slots={"licence_date": "2025-09-20"}, text=text, entities=parsed(text), intent="inform")
    events, said = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "Quelle est votre question" not in said
    assert {"event": "followup", "timestamp": None, "name": "probation_form"} in events, events
