"""Testers T51 and T52 (replays on 1 December 2026), items of branch h122: why a point did not come back, a payment
told in months, a year of payment whose every day answers, "pourquoi ?" after a balance of two offences."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import opened, opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t51-c14: probation, 1 point (paid 20 July 2025) then 2 points (committed 2 November 2025, paid 15 November)

C14 = ("Bonjour, jeune conducteur (permis le 1er mars 2025, filière normale). J'ai perdu 1 point le 10 juillet 2025 "
       "(excès de vitesse, payé le 20 juillet) puis 2 points le 2 novembre 2025 (payé le 15 novembre). Ça fait 3 points "
       "en tout, est-ce que je vais recevoir une 48N et devoir faire un stage obligatoire ?")


def test_point_blocked_within_its_six_months_is_said_and_explained(domain):
    # t51-c14: the probation's balance never said that the July point (1 point, paid 20 July 2025) did not come back
    # on 20 January 2026, the 2-point offence being committed on 2 November 2025, within its 6 months (R8, also in
    # probation, R7.3); "pourquoi le point de juillet est pas revenu en janvier ?" got the balance again, "Comme indiqué"
    chat = opened_in_form(domain, C14, "ask_mandatory_stage", "mandatory_stage_form",
                          forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    balance = chat.say("ok et il me reste combien ? je pensais que le point de juillet revenait au bout de 6 mois",
                       "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "3 points sur 6" in balance, balance
    assert ("Le point retiré pour l'infraction payée le 20 juillet 2025 ne revient pas le 20 janvier 2026 : une autre "
            "infraction a été commise le 2 novembre 2025") in balance, balance
    why = chat.say("pourquoi le point de juillet est pas revenu en janvier ?", "ask_auto_recovery",
                   answers.ActionAnswerAutoRecovery())
    assert "Comme indiqué" not in why, why
    assert "pendant ces 6 mois" in why and "l'infraction du 2 novembre 2025 a été commise avant cette date" in why, why
    assert "serait revenu le 20 janvier 2026" in why, why


# --- t51-c27: 1 point "payé y'a 5 mois", then 11 points and whether a stage is worth it now (R8, R12)

C27 = "salut, g perdu 1 point pour un petit exces (87 retenu sur une route a 80), payé y'a 5 mois. Je le recup qd ?"


C27 = "salut, g perdu 1 point pour un petit exces (87 retenu sur une route a 80), payé y'a 5 mois. Je le recup qd ?"


@pytest.mark.parametrize("said", ["payé y'a 5 mois", "payé y a 5 mois", "payé il y a 5 mois"])
def test_payment_told_as_months_ago_with_y_a(domain, said):
    # t51-c27: "payé y'a 5 mois" was not read (only "il y a", "ya"), and the payment's date was asked; 5 months before
    # 1 December 2026 is 1 July 2026: the single point back on 1 January 2027 (R2, R8)
    from tests.actions.conversation import form_opened
    text = f"salut, g perdu 1 point pour un petit exces (87 retenu sur une route a 80), {said}. Je le recup qd ?"
    chat = form_opened(domain, text, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                       today=TODAY)
    assert chat.next_asked("auto_recovery_form", forms.ValidateAutoRecoveryForm()) is None, chat.slots
    reply = chat.answer_after_form(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "payée le 1er juillet 2026 revient le 1er janvier 2027" in reply, reply


def test_stage_at_eleven_points_says_the_point_back_by_itself(domain):
    # t51-c27: at 11 points, "ça vaut le coup de faire un stage maintenant ?" got the stage's 1 point without the
    # point's own return on 1 January 2027 (R8): the stage only brings it forward a month (R12)
    from tests.actions.conversation import form_opened
    chat = form_opened(domain, C27, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                       today=TODAY)
    chat.answer_after_form(C27, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    chat.slots["previous_stage_date"] = "none"
    reply = chat.say("j'ai 11 points là. ça vaut le coup de faire un stage maintenant ?", "ask_stage_eligibility",
                     answers.ActionAnswerStageEligibility())
    assert "de 11 à 12 points" in reply, reply
    assert ("Sans stage, le point retiré pour l'infraction payée le 1er juillet 2026 revient de lui-même le 1er "
            "janvier 2027") in reply, reply
    assert "un stage ne ferait qu'avancer ce retour" in reply, reply


# --- t52-c09: 12 points, a 25 km/h excess paid 15/03/2024, a stop committed 10/02/2026 paid 20/02/2026, "pourquoi ?"

C09 = ("Bonjour, j'avais 12 points. En mars 2024 j'ai pris un excès de vitesse de 25 km/h (payé le 15/03/2024) et cette "
       "année j'ai grillé un stop le 10/02/2026, amende payée le 20/02/2026. Combien j'ai aujourd'hui et quand je "
       "retrouve mes 12 points ?")


def test_why_after_a_restarted_delay_says_why_the_earlier_points_did_not_come_back(domain):
    # t52-c09: "pourquoi ?" copied the answer's two bullets; the 2024 excess cost 2 points (no return after 6 months,
    # R8) and would have come back with the maximum on 15 March 2027, but the stop committed on 10 February 2026,
    # before that day, restarted the delay: 12 on 20 February 2029 (R9)
    from actions import corrections
    chat = opened_in_form(domain, C09, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), today=TODAY)
    assert "6 points" in chat.reply and "20 février 2029" in chat.reply, chat.reply
    why = chat.say("pourquoi ?", "inform", corrections.ActionApplyCorrection())
    assert "L'infraction payée le 15 mars 2024 vous a retiré 2 points" in why, why
    assert "revient au bout de 6 mois" in why, why
    assert ("Ils seraient revenus le 15 mars 2027, mais l'infraction commise le 10 février 2026, avant cette date, a "
            "relancé le délai") in why, why
    assert "20 février 2029" in why, why
