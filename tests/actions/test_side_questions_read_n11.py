"""Side questions that the NLU now reads with confidence (n11, 2026-12-04: data/nlu examples added for the outside
testers' wordings): their intent's action answers them as the fallback did, not with that intent's usual answer.

- "j'ai un solde par catégorie ? moto et voiture séparés ?" read as ask_check_balance: one balance for all the
  licence's categories (R1, article L.223-1), not where to read the balance;
- "téléphone sur un support, ça compte ?" read as ask_offence_points: a phone on a holder used as a GPS is not the
  hand-held phone (R4, articles R.412-6-1 and R.412-6-2), not the offence form's 3 points."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run


def _reply(action, intent: str, text: str, domain) -> tuple:
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, "2026-12-01"))
    return run(action, tracker, domain)


@pytest.mark.parametrize("text", [
    "j'ai un solde par catégorie ? moto et voiture séparés ?",
    "les points du permis moto et du permis B c'est le même compteur ?",
    "on a 12 points par categorie de permis ou 12 en tout ?",
    "un compteur de points pour la moto et un pour la voiture ?",
    "si je perds des points en moto ça enlève aussi sur mon permis voiture ?",
])
def test_one_balance_for_every_category_read_as_the_balance_question(domain, text):
    events, reply = _reply(answers.ActionAnswerCheckBalance(), "ask_check_balance", text, domain)
    assert reply.startswith("Un seul solde : les points sont ceux de votre permis de conduire"), reply
    assert "Mes Points Permis" not in reply


def test_where_to_read_the_balance_is_still_the_route(domain):
    events, reply = _reply(answers.ActionAnswerCheckBalance(), "ask_check_balance",
                           "comment je peux voir combien il me reste de points ?", domain)
    assert "Mes Points Permis" in reply and "Un seul solde" not in reply


@pytest.mark.parametrize("text", [
    "téléphone sur un support, ça compte ?",
    "mon tel était fixé sur le support pour le gps, j'ai perdu des points quand même ?",
])
def test_a_phone_on_a_holder_read_as_the_offence_question(domain, text):
    events, reply = _reply(answers.ActionAnswerOffencePoints(), "ask_offence_points", text, domain)
    assert reply.startswith("Un téléphone fixé sur un support et utilisé seulement comme GPS n'est pas le téléphone "
                            "« tenu en main »"), reply
    assert "R.412-6-2" in reply
    assert not any(e.get("event") == "followup" for e in events)


def test_the_hand_held_phone_still_gets_its_points(domain):
    events, reply = _reply(answers.ActionAnswerOffencePoints(), "ask_offence_points",
                           "téléphone tenu en main, combien de points ?", domain)
    assert "support" not in reply
