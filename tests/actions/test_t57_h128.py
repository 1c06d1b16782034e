"""Tester T57 (replays on 1 December 2026), items of branch h128: one offence told by its payment then by its day,
a stage's points for a licence out of probation, a stage after a hypothesis, the next stage's day alone."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t57-c30: a driving-school secretary; a pupil with an AAC licence of 30/11/2025, a 1-point excess paid 10/06/2026

C30_FIRST = ("Bonjour, je suis secrétaire dans une auto-école. Une élève a obtenu le permis B le 12 mai 2024, mais elle "
             "avait déjà le permis A1 depuis le 3 mars 2022. Est-elle encore en période probatoire, et combien de points "
             "a-t-elle ? Aucune infraction.")
C30_PUPIL = ("Merci. Autre élève : permis B le 30/11/2025 en conduite accompagnée. Elle a été flashée à 62 (vitesse "
             "retenue) en ville à 50, amende payée le 10 juin 2026. Où en est-elle aujourd'hui ?")


def c30_pupil(domain) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.say_in_form(C30_FIRST, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                     answers.ActionAnswerProbation())
    chat.read_by_form(C30_PUPIL, "ask_probation", "probation_form", forms.ValidateProbationForm())
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None
    chat.answer_after_form(C30_PUPIL, "ask_probation", answers.ActionAnswerProbation())
    return chat


def test_c30_an_offence_placed_in_the_first_year_by_its_payment_is_counted(domain):
    # t57-c30: the offence's day not asked (its payment places it in the licence's first year, R5, R7) got
    # "Impossible de répondre : infraction mal décrite"; one point withdrawn on 10 June 2026: 5/6, the point back on
    # 10 December 2026 (R8), no increment after it (R7)
    chat = c30_pupil(domain)
    assert "Impossible de répondre" not in chat.reply, chat.reply
    assert chat.reply.startswith("Son solde est aujourd'hui de 5 points sur 6 : 1 point retiré"), chat.reply
    assert "revient le 10 décembre 2026" in chat.reply
    assert "L'infraction payée le 10 juin 2026 arrête les majorations annuelles" in chat.reply
    assert "30 novembre 2027" in chat.reply


@pytest.mark.parametrize("text", [
    "L'infraction date du 28 mai 2026, 1 point retiré.",
    "Elle a commis l'infraction le 28 mai 2026, elle a perdu 1 point",
    "c'était le 28 mai 2026, l'excès",
])
def test_c30_the_day_of_the_offence_paid_is_not_a_second_offence(domain, text):
    # t57-c30: "L'infraction date du 28 mai 2026, 1 point retiré" after the excess paid on 10 June 2026 was counted as a
    # second retrait ("payée le 28 mai 2026"): 4/6 for 5/6; one offence told with its two days is one retrait (R2, R8)
    chat = c30_pupil(domain)
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "5 points sur 6 : 1 point retiré" in reply, reply
    assert "payée le 28 mai 2026" not in reply and "2 points retirés" not in reply
    assert "revient le 10 décembre 2026" in reply
    reply = chat.say("Non, il n'y a qu'une seule infraction : commise le 28 mai 2026 et payée le 10 juin 2026.",
                     "inform", corrections.ActionApplyCorrection())
    assert "4 points sur 6" not in reply and "2 points retirés" not in reply, reply


def test_c30_another_offence_told_on_a_day_before_the_payment_is_counted_apart(domain):
    # (the same words with "une autre infraction": a second retrait, as before)
    chat = c30_pupil(domain)
    reply = chat.say("Elle a aussi eu une autre infraction le 28 mai 2026, 1 point retiré", "inform",
                     corrections.ActionApplyCorrection())
    assert "2 points retirés" in reply, reply
