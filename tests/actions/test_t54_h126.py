"""Testers T53 and T54 (replays of T50 and T51 on 1 December 2026), items of branch h126: a past month's day read a
year ahead, a letter supposed to come, a year of loss read as a stage's, a balance told before an offence, the AAC
question asked where it changes nothing."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t53-c12: "ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?" (R15, R16) -------

C12 = ("jai fini mon stage obligatoire (48N) samedi, comment je fais pour me faire rembourser l'amende ? faut envoyer "
       "quoi et a qui")


def test_a_letter_received_early_in_a_past_month_is_this_years(domain):
    # t53-c12: "Le 4 septembre 2027 est dans le futur" (the "ça passe ?" after the day looked ahead): the 48N was
    # received on 4 September 2026, the deadline 4 January 2027, the stage of 28 November within it (R15, R16)
    chat = opened(domain, C12, "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY)
    reply = chat.say("ok. ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?",
                     "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert chat.slots.get("letter_48n_date") == "2026-09-04", chat.slots
    assert "dans le futur" not in reply and "2027 est" not in reply, reply
    assert "4 janvier 2027" in reply, reply


@pytest.mark.parametrize("text, day, role", [
    ("ok. ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?", "2026-09-04",
     "letter_48n"),
    ("48N reçue en septembre, le 4, ça passe ?", "2026-09-04", "letter_48n"),
    ("j'ai payé l'amende début mars, le 3 je crois, ça passe ?", "2026-03-03", "payment"),
    # a plan keeps looking ahead
    ("je vais payer début janvier, le 4, ça passe ?", "2027-01-04", "payment"),
])
def test_the_part_said_first_gives_the_tense_of_a_date_said_in_pieces(text, day, role):
    dates = [(e["value"], e.get("role")) for e in parsed(text, TODAY) if e["entity"] == "date"]
    assert dates == [(day, role)], dates
