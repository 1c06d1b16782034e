"""Short follow-ups after an answer (outside tester T13, BOT_TODAY=2026-12-01): each is answered on its own point,
not with a request to rephrase nor with "Sur ce point précis, je n'ai pas d'autre réponse…" and the whole answer
again. Each behaviour is tested with wordings of our own."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def bubbles(text: str):
    """The messages the REST channel sends for one text (Rasa splits it on blank lines)."""
    return [part for part in text.strip().split("\n\n") if part.strip()]


# --- c04: another offence, not named, after a 1-point recovery answer (R8, R9)


def one_point_recovery(domain, paid: str = "2026-05-31") -> Conversation:
    return Conversation(domain, "flashé a 8km/h de trop sur autoroute (130), amende payee le 31 mai 2026. je recupere "
                                "le point quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": paid, "last_offence_points": 1, "offence_class": "c3",
                         "offence_type": "speeding", "speed_excess": 8, "speed_limit": 130}, today=TODAY)


@pytest.mark.parametrize("text", [
    "et si j'ai un autre excès demain ?",
    "et si je prends une nouvelle amende la semaine prochaine ?",
    "si jamais j'ai une autre infraction en janvier ?",
])
def test_another_offence_to_come_is_the_hypothesis_of_that_offence(domain, text):
    conversation = one_point_recovery(domain)
    reply = conversation.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "reformuler" not in reply, reply
    assert reply.startswith("Si vous commettiez le"), reply
    # R9: the full recovery restarts from the new offence's payment; its own point comes back 6 months later (R8)
    assert "repartirait" in reply and "L.223-6" in reply, reply
    # the caveats in one message after the answer, not one each (T13 c04 got five)
    assert len(bubbles(reply)) == 2, bubbles(reply)
    assert bubbles(reply)[1].endswith(what_if_note()), reply


def what_if_note() -> str:
    from actions.what_if import HYPOTHESIS_NOTE
    return HYPOTHESIS_NOTE


def test_another_offence_before_the_six_months_blocks_the_single_point(domain):
    # R8: paid on 15 October 2026, the point comes back on 15 April 2027 unless an offence is committed before
    conversation = one_point_recovery(domain, paid="2026-10-15")
    reply = conversation.say("et si j'ai un autre excès demain ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "15 avril 2027" in reply and "ne reviendrait pas" in reply, reply


@pytest.mark.parametrize("text", ["et si j'ai une autre question ?", "et si je fais un autre stage ?"])
def test_another_question_or_stage_is_no_offence_to_come(domain, text):
    conversation = one_point_recovery(domain)
    reply = conversation.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "Si vous commettiez" not in reply


# --- c19: "aide" after the help text got its first line alone


@pytest.mark.parametrize("before, again, intent", [
    ("ok. tu sers a quoi exactement", "aide", "help"),
    ("qu'est-ce que tu sais faire ?", "help", "help"),
    ("aide", "tu peux m'aider ?", "help"),
])
def test_help_asked_again_gets_the_whole_list(domain, before, again, intent):
    from actions.informational import HELP_TEXT
    from tests.actions.conftest import make_tracker, parsed, user_said
    from tests.actions.test_what_if import run
    tracker = make_tracker(intent=intent, text=again, entities=parsed(again, TODAY),
                           history=[user_said(before, "help"), {"event": "action", "name": "action_help"},
                                    {"event": "bot", "text": HELP_TEXT}])
    _, reply = run(answers.ActionHelp(), tracker, domain)
    assert reply == HELP_TEXT, reply
