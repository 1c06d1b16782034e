"""Tester T40 (replays on 1 December 2026), items of branch h91: a stage across today, a payment after probation."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms, two_part
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import FormConversation, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t40-c28: 48N received 31 July 2026 (deadline 30 November 2026), stage on 30 November – 1 December (R15, R16)

C28 = ("Salut. La 48N je l'ai reçue le 31 juillet 2026 (recommandé, j'ai signé l'AR ce jour là). Le stage que j'ai "
       "trouvé c'est le 30 novembre et 1er décembre. C'est bon ou trop tard ?")


def late_stage(domain) -> FormConversation:
    return opened(domain, C28, "ask_letter", answers.ActionAnswerLetter(), TODAY)


def test_a_stage_across_today_ends_today_not_next_year(domain):
    # t40-c28: "donc mon stage du 30 nov - 1er dec il compte ou pas ?" on 1 December 2026 got "Le stage se terminera le
    # 1er décembre 2027": the yearless first day, yesterday, was read as next year's; the stage is under way and ends
    # today, a day after the 48N's deadline of 30 November 2026: too late, no refund (R15, R16)
    chat = late_stage(domain)
    reply = chat.say_in_form("donc mon stage du 30 nov - 1er dec il compte ou pas ?", "ask_stage_eligibility",
                             "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                             answers.ActionAnswerStageEligibility())
    assert chat.slots["stage_first_day"] == "2026-11-30"
    assert "2027" not in reply, reply
    assert "terminé le 1er décembre 2026, après la date limite du 30 novembre 2026" in reply, reply
    assert "l'amende n'est pas remboursée" in reply


@pytest.mark.parametrize("words, expected", [("30 nov - 1er dec", "2026-11-30"), ("le 30 novembre", "2027-11-30"),
                                             ("les 29 et 30 novembre", "2027-11-29"),
                                             ("les 1er et 2 décembre", "2026-12-01")])
def test_a_yearless_stage_is_next_year_s_only_once_both_days_are_past(words, expected):
    from datetime import date
    from actions import slot_values
    assert slot_values.next_stage_day(expected[:4] == "2027" and expected.replace("2027", "2026") or expected, words,
                                      date(2026, 12, 1)) == expected


# --- t40-c20: probation ends 10 January 2027, a 20 km/h excess committed 2 November 2026, not paid (R5, R7)

C20 = ("salut, mon permis probatoire se termine le 10 janvier 2027 (obtenu 10/01/2024). j'ai fait un excès de 20 km/h "
       "le 2 novembre 2026, pas encore payé. si je paye maintenant, est ce que je perds mes points de fin de probatoire ?")


def unpaid_excess(domain) -> FormConversation:
    slots = {"licence_date": "2024-01-10", "offence_date": "2026-11-02", "fine_payment_date": "not_paid",
             "probation_offence": True, "last_offence_points": 2, "offence_class": "c4", "offence_type": "speeding",
             "speed_excess": 20, "probationary": True, "supervised_driving": False}
    chat = FormConversation(domain, C20, "ask_probation", answers.ActionAnswerProbation(), slots, today=TODAY)
    assert "plafond reste à 10 points jusqu'à la fin de la période probatoire" in chat.reply
    # (the message's second question, the excess's points, answered after it: the last answer)
    chat.points = chat._answer(two_part.ActionAnswerOtherQuestion(), make_tracker(
        slots=chat.slots, text=C20, entities=parsed(C20, TODAY), intent="ask_probation", history=list(chat.events)))
    return chat


def test_paying_after_the_probation_s_end_is_a_plain_no(domain):
    # t40-c20: "donc si j'attends le 11 janvier pour payer, j'aurai mes 12 points ?" after the probation's answer and
    # the excess's points got "Le 11 janvier 2027 est dans le futur": the payment to come of the offence told is a
    # hypothesis on the driver's case; its commission in probation decides, so no increment on 10 January 2027
    # whatever the payment's day: a plain "Non" (R5, R7)
    chat = unpaid_excess(domain)
    assert chat.slots["last_question"] == "action_answer_offence_points"
    text = "donc si j'attends le 11 janvier pour payer, j'aurai mes 12 points ?"
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    if not reply:  # (followed by the correction action, as the Rasa server does)
        reply = chat._answer(corrections.ActionApplyCorrection(), make_tracker(
            slots=chat.slots, text=text, entities=parsed(text, TODAY), intent="nlu_fallback", history=list(chat.events)))
    assert "dans le futur" not in reply, reply
    assert reply.startswith("Non : commise pendant la période probatoire, cette infraction arrête les majorations "
                            "annuelles quel que soit le jour du paiement : pas de majoration le 10 janvier 2027"), reply
    assert "votre solde passera de 10 points à 8 points" in reply
    assert chat.slots["fine_payment_date"] == "not_paid"  # (the payment supposed is not the user's)


def test_a_stage_too_late_for_the_48n_still_counts_as_a_voluntary_one(domain):
    # t40-c28: "non il finit le 1er décembre, c'est aujourd'hui. donc il compte pas du tout ?" after the answer that the
    # stage ends after the 48N's deadline got the « Mes Points Permis » text: it does not meet the obligation (no
    # refund), but it still gives points as a voluntary stage (R12, R13, R15, R16)
    chat = late_stage(domain)
    chat.say_in_form("donc mon stage du 30 nov - 1er dec il compte ou pas ?", "ask_stage_eligibility",
                     "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    reply = chat.say("non il finit le 1er décembre, c'est aujourd'hui. donc il compte pas du tout ?",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("En partie : fini après la date limite, il ne vaut pas stage obligatoire pour la lettre "
                            "48N, mais il compte comme un stage volontaire."), reply
    assert "- Ce stage peut aussi vous rendre jusqu'à 4 points" in reply
    assert "après la date limite du 30 novembre 2026" in reply and "l'amende n'est pas remboursée" in reply
    assert "Mes Points Permis" not in reply
