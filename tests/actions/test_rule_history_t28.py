"""T28 c17 (BOT_TODAY=2026-12-01): "Quel article dit qu'on récupère un point au bout de 6 mois ? vous êtes sûr que c'est
pas 1 an ?" opened the recovery form; "non pas de calcul, je veux juste savoir pourquoi on m'a dit 1 an" got "Je n'ai pas
compris votre réponse" and the same question; after "stop", "avant c'était 1 an pour récupérer un point ?" opened the
form again. R8: 6 months since 2011 (loi n° 2011-267), 1 year before."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_probation_facts import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"
HISTORY = ("Non : depuis 2011 (loi n° 2011-267 du 14 mars 2011, dite LOPPSI 2), le point retiré pour une infraction qui "
           "n'a coûté qu'1 point revient 6 mois après le paiement de l'amende")


def _turn(domain, text, requested=None, history=()):
    """The recovery form's turn on `text`, then its answer action when the form ends, as Rasa runs them."""
    events = list(history) + ([{"event": "slot", "name": "requested_slot", "value": requested}] if requested else [])
    tracker = make_tracker(new_slots=mapped_slots(domain, text, "ask_auto_recovery", TODAY), intent="ask_auto_recovery",
                           text=text, entities=parsed(text, TODAY), form="auto_recovery_form", history=events)
    if requested:
        tracker.slots["requested_slot"] = requested
    filled, messages = run_form(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert filled.get("requested_slot") is None, (filled, messages)
    tracker.slots.update(filled)
    _, reply = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    return reply


@pytest.mark.parametrize("text", [
    "Quel article dit qu'on récupère un point au bout de 6 mois ? vous êtes sûr que c'est pas 1 an ?",
    "on m'a dit qu'un point revenait au bout d'un an, c'est faux ?",
])
def test_a_year_doubted_of_the_single_points_return_gets_its_history(domain, text):
    reply = _turn(domain, text)
    assert reply.startswith(HISTORY)
    assert "Avant 2011, ce délai était de 1 an" in reply and "article L.223-6 du Code de la route" in reply


def test_a_year_remembered_is_confirmed_for_before_2011(domain):
    """T30 c17: "avant c'était 1 an pour récupérer un point ?" got "Non : …" and then "Avant 2011, ce délai était de
    1 an": the lead contradicted the body. A memory of the old rule is right: "Oui, avant 2011" (R8). (This test's
    former case asserted the "Non :" lead, i.e. the bug.)"""
    reply = _turn(domain, "avant c'était 1 an pour récupérer un point ?")
    assert reply.startswith("Oui, avant 2011 : ce délai était de 1 an. Depuis 2011 (loi n° 2011-267 du 14 mars 2011, "
                            "dite LOPPSI 2), le point retiré pour une infraction qui n'a coûté qu'1 point revient 6 mois "
                            "après le paiement de l'amende"), reply
    assert "Non" not in reply and "article L.223-6 du Code de la route" in reply


def test_no_calculation_wanted_mid_form_answers_the_question_it_asks(domain):
    asked = [{"event": "user", "text": "Quel article dit qu'on récupère un point au bout de 6 mois ?"},
             {"event": "bot", "text": "En bref : sans nouvelle infraction, le point retiré pour une infraction à 1 point "
                                      "revient 6 mois après le paiement de l'amende (article L.223-6 du Code de la route)."},
             {"event": "bot", "text": "Combien de points votre dernière infraction vous a-t-elle retirés ?"}]
    reply = _turn(domain, "non pas de calcul, je veux juste savoir pourquoi on m'a dit 1 an",
                  requested="last_offence_points", history=asked)
    # the reason asked (T30 c17: "Non :" and the whole paragraph again, then "C'est la réponse que je viens de vous
    # donner"): the rule before 2011, then the one in force (R8)
    assert reply.startswith("Parce qu'avant 2011, ce délai était de 1 an : on vous a sans doute donné la règle d'avant "
                            "la loi n° 2011-267 du 14 mars 2011. Depuis 2011 (loi n° 2011-267 du 14 mars 2011, dite "
                            "LOPPSI 2), le point retiré pour une infraction qui n'a coûté qu'1 point revient 6 mois"), reply


def test_why_a_year_after_the_history_is_not_the_same_paragraph_again():
    """T30 c17 as played: the history answered, then "non pas de calcul, je veux juste savoir pourquoi on m'a dit 1 an"
    got the same paragraph and "C'est la réponse que je viens de vous donner"."""
    from actions.follow_ups import answer_in_context
    from actions.rule_history import single_point_delay_history
    first = "Quel article dit qu'on récupère un point au bout de 6 mois ? vous êtes sûr que c'est pas 1 an ?"
    said = single_point_delay_history(make_tracker(text=first, intent="ask_auto_recovery"))
    history = [{"event": "user", "text": first}, {"event": "bot", "text": said}]
    reply = answer_in_context(make_tracker(text="non pas de calcul, je veux juste savoir pourquoi on m'a dit 1 an",
                                           intent="deny", history=history))
    assert reply.startswith("Parce qu'avant 2011") and said not in reply
    assert "C'est la réponse que je viens de vous donner" not in reply


@pytest.mark.parametrize("text", ["j'ai eu une amende il y a un an, je récupère mon point quand ?",
                                  "permis depuis 1 an, j'ai perdu un point, il revient quand ?"])
def test_a_year_of_a_date_is_no_doubt(domain, text):
    from actions.rule_history import single_point_delay_history
    assert single_point_delay_history(make_tracker(text=text, intent="ask_auto_recovery")) is None
