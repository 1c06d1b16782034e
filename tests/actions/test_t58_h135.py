"""Testers T58 and T59 (1 December 2026), items of branch h135: an exact day told after an estimate replaces it; the
offence's exact day kept over a season; the 48N letter's day not taken for the licence's; a payment "il y a 10 jours"
and a balance told kept."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t59-c16: "J'ai eu mon permis il y a presque 2 ans" (no answer yet), then "le 10 février 2025 exactement, …" (R5)

C16 = "Bonjour, alors voilà j'ai une question un peu compliquée. J'ai eu mon permis il y a presque 2 ans"


@pytest.mark.parametrize("text", [
    "le 10 février 2025 exactement, sans conduite accompagnée. Et en avril 2025 je me suis fait flasher, 113 retenu "
    "sur une route à 90",
    "le 10/02/2025 pour être précis. En avril 2025 je me suis fait flasher, 113 retenu sur une route à 90",
    "exactement le 10 février 2025. Et en avril 2025 j'ai été flashé à 113 retenu sur une route à 90",
    "c'était le 10 février 2025. en avril 2025 flashé à 113 retenu sur une route à 90",
])
def test_the_exact_licence_day_told_after_its_estimate_replaces_it(domain, text):
    # t59-c16: the exact day, told in the message after "il y a presque 2 ans" before any answer, had no role and was
    # dropped: "j'ai compté à partir du 1er décembre 2024 environ … Donnez-moi la date exacte", probation to 1 December
    # 2027. R5: a licence of 10 February 2025 (no AAC) is probationary until 10 February 2028
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert chat.slots["licence_date"] == "2025-02-10", (chat.slots, reply)
    assert "1er décembre 2024" not in reply and "Donnez-moi la date exacte" not in reply, reply
    probation = chat.say("et ma période probatoire finit quand ?", "ask_probation", answers.ActionAnswerProbation())
    assert "10 février 2028" in probation and "1er décembre 2027" not in probation, probation


def test_an_exact_day_told_later_replaces_the_estimate_too(domain):
    # the same after an answer which counted from the estimate, the assistant's last turn about something else: the
    # day said "exactement" is the estimated fact's
    chat = opened(domain, "j'ai mon permis depuis presque 2 ans, je suis encore en probatoire ?", "ask_probation",
                  answers.ActionAnswerProbation(), TODAY)
    assert chat.slots["licence_date"] == "2024-12-01", chat.slots
    chat.say("c'est quoi une lettre 48N ?", "ask_letter", answers.ActionAnswerLetter())
    reply = chat.say("au fait mon permis c'est le 10 février 2025 exactement, je finis quand ma probatoire ?",
                     "ask_probation", answers.ActionAnswerProbation())
    assert chat.slots["licence_date"] == "2025-02-10", (chat.slots, reply)
    assert "10 février 2028" in reply and "1er décembre 2027" not in reply, reply


def test_a_day_told_with_an_offence_stays_the_offences(domain):
    # not the licence's: "le 10 février 2025 je me suis fait flasher" after "permis il y a presque 2 ans" is the
    # offence's day
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    chat.say("le 10 février 2025 je me suis fait flasher, 113 retenu sur une route à 90", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    assert chat.slots["licence_date"] == "2024-12-01", chat.slots
