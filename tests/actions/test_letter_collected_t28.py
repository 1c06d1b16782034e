"""T28 c29 (BOT_TODAY=2026-12-01): "le facteur a laissé un avis de passage le 31 octobre et j'ai signé l'accusé de
réception à la poste le 3 novembre" corrected a 48N received on 31 October: the bot kept 31 October, calling the letter
"non retiré". R15: received on the day the acknowledgement was signed (first presentation only for a letter not
collected): the stage is due by 3 March 2027."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def test_the_day_the_acknowledgement_was_signed_is_the_receipt(domain):
    chat = Conversation(domain, "J'ai reçu une 48N le 31 octobre 2026. c'est quoi la date limite pour le stage ? (je "
                                "suis en probatoire, j'ai 3 points sur 8)", "ask_mandatory_stage",
                        answers.ActionAnswerMandatoryStage(), {"letter_code": "48N", "letter_48n_date": "2026-10-31"},
                        today=TODAY)
    assert "au plus tard le 28 février 2027" in chat.reply
    reply = chat.say("ah non correction : le facteur a laissé un avis de passage le 31 octobre et j'ai signé l'accusé "
                     "de réception à la poste le 3 novembre. ça change la date ?", "inform",
                     corrections.ActionApplyCorrection())
    assert "au plus tard le 3 mars 2027" in reply, reply
    assert "non retiré" not in reply


@pytest.mark.parametrize("text", ["j'ai eu un avis de passage le 31 octobre pour la 48N, pas encore récupérée",
                                  "avis de passage pour la 48N, je ne suis pas allé la chercher"])
def test_a_letter_not_collected_is_still_presented(text):
    assert {"entity": "letter_received", "value": "presented"}.items() <= next(
        e for e in parsed(text, TODAY) if e["entity"] == "letter_received").items()
