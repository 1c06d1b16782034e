"""T28 c18 (BOT_TODAY=2026-12-01): "Combien il lui en reste et il les récupère quand ?" got the recovery's answer, which
gives today's balance, then the balance's answer repeating "Solde aujourd'hui : 6 points" as a message of its own. A
balance already given in the turn is said once; a different figure, or a conditional balance, still is."""
from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.reminders import without_lines_said_this_turn
from tests.actions.conftest import make_tracker

SAID = ("Solde aujourd'hui : 6 points (12 points avant l'infraction du 15 janvier 2026) : 6 points retirés, 0 point "
        "revenu (article L.223-1 du Code de la route).\n- Sans nouvelle infraction, son permis retrouvera son maximum "
        "de points le 20 mai 2029.")


def _said(text: str) -> str:
    """`text` as the balance's answer sends it after the recovery's answer in the same turn."""
    tracker = make_tracker(text="Combien il lui en reste et il les récupère quand ?", intent="ask_check_balance")
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(text=SAID)
    return without_lines_said_this_turn(tracker, text, dispatcher)


def test_the_same_balance_again_in_the_turn_is_not_repeated():
    again = ("Solde aujourd'hui : 6 points (12 points avant l'infraction payée le 20 mai 2026) : 6 points retirés, 0 "
             "point revenu, sans compter un stage éventuel (article L.223-1 du Code de la route).")
    assert _said(again) == ""


def test_its_other_lines_stay_without_the_balance():
    again = ("Solde aujourd'hui : 6 points (12 points avant l'infraction payée le 20 mai 2026).\n"
             "- Avec 6 points, un stage volontaire peut vous rendre jusqu'à 4 points.")
    assert _said(again) == \
        "Avec 6 points, un stage volontaire peut vous rendre jusqu'à 4 points."


def test_another_figure_or_a_conditional_balance_is_said():
    for other in ("Solde aujourd'hui : 4 points (12 points avant…).",
                  "Solde aujourd'hui : 6 points, si vous aviez 12 points avant l'infraction (article L.223-1)."):
        assert _said(other) == other
