"""T27 (outside tester, conversations of 1 December 2026), items of branch h63: the probationary ceiling of the
offence's day, the 10-year rule with offences told since, answers to the points asked, the refused fact asked again."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

TODAY = "2026-12-01"
PHONE_2016 = {"last_offence_points": 3, "offence_class": "c4"}  # the phone's scale, filled by the form (R4)


def phone_of_2016(domain, text: str) -> Conversation:
    slots = {**mapped_slots(parsed(text, TODAY), domain), **PHONE_2016}
    return Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)


TEN_YEARS = "Les 3 points retirés pour l'infraction payée le 12 mai 2016 sont revenus le 12 mai 2026 par la règle des 10 ans"


@pytest.mark.parametrize("since", [
    "puis d'autres infractions à peu près tous les deux ans depuis",
    "puis un PV tous les 2 ou 3 ans",
    "puis d'autres infractions en 2018, 2020, 2022 et 2024",
])
def test_offences_told_every_few_years_since_leave_the_ten_year_rule(domain, since):
    # T27 c30: "Votre permis a retrouvé son maximum de points le 12 mai 2019" although offences followed every two
    # years; the 2 or 3 years without offence never ran, the 10-year rule gives the 4e-class points back (R9, R10)
    chat = phone_of_2016(domain, f"J'ai eu des amendes pour téléphone en 2016 (payée le 12 mai 2016), {since}. Est-ce "
                                 "que les points de 2016 me sont rendus un jour ?")
    assert "12 mai 2019" not in chat.reply
    assert TEN_YEARS in chat.reply


@pytest.mark.parametrize("intent, action", [
    ("inform", corrections.ActionApplyCorrection()),
    ("ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
@pytest.mark.parametrize("listed", [
    "non mais j'ai eu d'autres infractions entre temps, en 2018, 2020, 2022 et 2024, donc pas de récupération des 3 "
    "ans. Je parle de la règle des 10 ans",
    "j'ai eu plusieurs PV entre-temps",
    "mais j'ai eu d'autres amendes en 2019 et 2023",
])
def test_offences_listed_after_the_answer_are_counted(domain, intent, action, listed):
    # T27 c30: the years listed after the answer got the same full recovery of 2019 again (R10 example 1)
    chat = phone_of_2016(domain, "Amende pour téléphone payée le 12 mai 2016. Est-ce que les points de 2016 me sont "
                                 "rendus un jour ?")
    assert "retrouvé son maximum de points le 12 mai 2019" in chat.reply  # (nothing said of later offences)
    reply = chat.say(listed, intent, action)
    assert "retrouvé son maximum de points le 12 mai 2019" not in reply
    assert TEN_YEARS in reply

