""""et demain ?" after an answer: a follow-up on a later day, not a goodbye (tester W item 7, C14b)."""
from __future__ import annotations

from actions.follow_ups import answer_in_context
from tests.actions.conftest import make_tracker, parsed

PROBATION_OVER = (
    "Sans infraction depuis votre permis, votre solde est aujourd'hui de 12 points (article L.223-1 du Code de la route).\n"
    "- Votre période probatoire est terminée depuis le 1er novembre 2026 : le plafond de votre permis est de 12 points "
    "(article L.223-1 du Code de la route).")
PROBATION_ON = (
    "Votre solde est aujourd'hui de 8 points sur 8 : 4 points retirés, 4 points rendus par un stage (article L.223-1 "
    "du Code de la route).\n"
    "- Votre permis est probatoire jusqu'au 8 juillet 2027. Votre plafond est aujourd'hui de 8 points (article "
    "L.223-1 du Code de la route).\n"
    "- Sans nouvelle infraction, votre permis retrouvera 12 points le 1er mars 2029, et pas avant la fin de la "
    "période probatoire (8 juillet 2027) (article L.223-6 du Code de la route ; selon notre lecture).")


def after(answer: str, text: str):
    return make_tracker(slots={"last_question": "action_answer_probation"}, text=text, entities=parsed(text),
                        intent="inform", history=[{"event": "action", "name": "action_answer_probation"},
                                 {"event": "bot", "text": answer}])


def test_tomorrow_after_an_answer_with_nothing_to_come_changes_nothing():
    # today is pinned to 23 November 2026: tomorrow is the 24th
    reply = answer_in_context(after(PROBATION_OVER, "et demain ?"))
    assert reply == ("Le 24 novembre 2026, rien ne change par rapport à ma réponse, tant qu'aucune nouvelle "
                     "infraction n'est commise : aucune de ses échéances ne tombe d'ici là.")


def test_a_later_day_lists_the_dates_of_the_answer_that_come_before_it():
    reply = answer_in_context(after(PROBATION_ON, "et en 2030 ?"))
    assert reply.startswith("Le 1er janvier 2030, sans nouvelle infraction, ma réponse change à ces dates")
    assert "retrouvera 12 points le 1er mars 2029" in reply and "probatoire jusqu'au 8 juillet 2027" in reply


def test_a_day_before_the_next_date_names_it():
    reply = answer_in_context(after(PROBATION_ON, "et dans un mois ?"))
    assert "rien ne change" in reply and "La prochaine date qu'elle donne est le 8 juillet 2027." in reply


def test_a_past_day_or_a_day_with_other_facts_is_not_this_follow_up():
    assert answer_in_context(after(PROBATION_ON, "et hier ?")) is None
    assert answer_in_context(after(PROBATION_ON, "et le 3 mars 2027 le stage ?")) != answer_in_context(
        after(PROBATION_ON, "et le 3 mars 2027 ?"))
