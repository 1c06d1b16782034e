"""T11 follow-ups of an answer about the driver's own story: an offence to come that costs no point (c07), an
earlier offence told after the answer (c10), the commission date of a later offence (c39)."""
from __future__ import annotations

import pytest

from actions.follow_ups import answer_in_context
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_recovery_follow_ups import _run as _answer

TODAY = "2026-12-01"


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def _after_recovery_answer(story, slots):
    return [user_said(story, "ask_auto_recovery"), *[_slot(k, v) for k, v in slots.items()],
            {"event": "action", "name": "action_answer_auto_recovery"},
            _slot("last_question", "action_answer_auto_recovery")]


ONE_POINT = {"last_offence_points": 1, "fine_payment_date": "2026-08-31", "offence_type": "speeding",
             "speed_excess": 8, "speed_limit": 130}
ONE_POINT_STORY = ("jai perdu 1 point pour un exces de vitesse de 8 km/h sur autoroute, amende payée le 31 aout 2026. "
                   "je le recupere quand ?")


@pytest.mark.parametrize("text", [
    "et si je prends un flash de 3 km/h en janvier ca bloque ?",
    "un exces de 3 km/h en janvier 2027, est ce que ca m'empeche de recuperer mon point ?",
    "et si je me fais flasher pour 4 km/h en février, je perds mon point ?",
    "un petit excès de 2 km/h le mois prochain, ça bloque mon point ?",
])
def test_an_offence_to_come_that_costs_no_point_blocks_nothing(first_of_december, text):
    tracker = make_tracker(slots=ONE_POINT, history=_after_recovery_answer(ONE_POINT_STORY, ONE_POINT), text=text,
                           entities=parsed(text, TODAY), intent="ask_auto_recovery")
    reply = answer_in_context(tracker)
    assert reply, text
    assert "aucun point ne vous serait retiré" in reply and "repartirait" not in reply, reply
    assert "reviendrait quand même le 28 février 2027" in reply, reply


TURN_SIGNAL = {"last_offence_points": 3, "fine_payment_date": "2026-02-05", "offence_type": "turn_signal"}
TURN_SIGNAL_STORY = ("j'ai perdu 3 points pour un clignotant oublié, payé le 5 février 2026, rien d'autre depuis 10 ans. "
                     "Je retrouve mes 12 points quand ?")


@pytest.mark.parametrize("text", [
    "et si j'ai eu 1 point en ville en 2025 qui est revenu apres 6 mois ?",
    "non je parle d'un point perdu en ville en mars 2025 (payé le 1er mars 2025), pas d'une nouvelle infraction",
    "et si j'ai perdu 1 point pour un excès de 10 km/h en ville, payé le 1er mars 2025 ?",
])
def test_an_earlier_offence_told_after_the_answer_is_a_fact_of_the_story(domain, first_of_december, text):
    from actions import answers
    from actions.what_if import states_a_hypothesis
    assert not states_a_hypothesis(text)
    tracker = make_tracker(slots=TURN_SIGNAL, history=_after_recovery_answer(TURN_SIGNAL_STORY, TURN_SIGNAL),
                           text=text, entities=parsed(text, TODAY), intent="ask_auto_recovery")
    reply = _answer(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "commettiez" not in reply and "hypothèse" not in reply, reply
    assert "5 février 2029" in reply, reply  # R9 example 3: a 4th-class offence since the last full recovery


@pytest.mark.parametrize("text", ["et si je me fais reprendre en janvier 2027 ?", "et si j'avais eu 1 point en 2025 ?"])
def test_an_offence_to_come_or_a_counterfactual_stays_a_hypothesis(text):
    from actions.what_if import states_a_hypothesis
    assert states_a_hypothesis(text)


def test_the_earlier_offence_dated_again_replaces_the_one_of_its_year(domain, first_of_december):
    # T11 c10: "et si j'ai eu 1 point en ville en 2025…", then "non je parle d'un point perdu en mars 2025 (payé le 1er
    # mars 2025)": one retrait of 1 point paid 01/03/2025 (back 01/09/2025, R8), the delay 3 years (R9 example 3)
    from actions import answers
    first = "et si j'ai eu 1 point en ville en 2025 qui est revenu apres 6 mois ?"
    text = "non je parle d'un point perdu en mars 2025 (payé le 1er mars 2025), pas d'une nouvelle infraction"
    history = _after_recovery_answer(TURN_SIGNAL_STORY, TURN_SIGNAL) + [user_said(first, "ask_auto_recovery")]
    tracker = make_tracker(slots=TURN_SIGNAL, history=history, text=text, entities=parsed(text, TODAY),
                           intent="ask_auto_recovery")
    reply = _answer(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "5 février 2029" in reply and "31 décembre 2025" not in reply and "commettiez" not in reply, reply


# --- T11 c39, c07: the same question again is reminded with the line that answers it --------------------------

PHONE_ANSWER = (
    "Sans nouvelle infraction, votre permis retrouvera son maximum de points le 15 avril 2029. Le délai court depuis "
    "le 15 avril 2026, date du paiement ou de la condamnation (article L.223-6 du Code de la route).\n"
    "- Le point retiré pour l'infraction payée le 20 janvier 2026 ne revient pas le 20 juillet 2026 : une autre "
    "infraction a été commise le 2 avril 2026 (article L.223-6 du Code de la route).\n"
    "- Solde aujourd'hui : 8 points (12 points avant l'infraction payée le 20 janvier 2026) : 4 points retirés, 0 point "
    "revenu, sans compter un stage éventuel (article L.223-1 du Code de la route).")


@pytest.mark.parametrize("text", [
    "je vous ai dit, le telephone c'était le 2 avril 2026. donc mon point de janvier il revient ou pas ?",
    "ok et mon point de janvier 2026 alors, il revient en juillet ou pas ??",
    "le point de l'excès de janvier, il revient en juillet ?",
])
def test_a_question_asked_again_is_reminded_with_the_line_that_answers_it(text):
    from actions.reminders import reminded_lines
    tracker = make_tracker(text=text, intent="ask_auto_recovery")
    reminded = reminded_lines(PHONE_ANSWER, tracker)
    assert reminded.startswith("sans nouvelle infraction") and "ne revient pas le 20 juillet 2026" in reminded


def test_a_question_asked_again_on_the_result_gets_the_result_only():
    from actions.reminders import reminded_lines
    tracker = make_tracker(text="et je retrouve mes 12 points quand ?", intent="ask_auto_recovery")
    assert reminded_lines(PHONE_ANSWER, tracker) == ("sans nouvelle infraction, votre permis retrouvera son maximum "
                                                     "de points le 15 avril 2029. Le délai court depuis le 15 avril "
                                                     "2026, date du paiement ou de la condamnation (article L.223-6 du "
                                                     "Code de la route).")


# --- T11 c34: "et s'il le fait le 1er mars ?" after the 48N's deadline is the stage on that day ---------------

@pytest.mark.parametrize("text", ["et s'il le fait le 1er mars ?", "et s'il fait le stage les 1er et 2 mars ?",
                                  "et si elle le fait le 1er mars ?"])
def test_a_stage_day_planned_of_someone_else_after_the_deadline(first_of_december, text):
    slots = {"letter_48n_date": "2026-10-31"}
    history = [user_said("mon fils a reçu sa 48N le 31 octobre 2026, il a jusqu'à quand pour faire le stage ?",
                         "ask_mandatory_stage"), _slot("letter_48n_date", "2026-10-31"),
               {"event": "action", "name": "action_answer_mandatory_stage"},
               _slot("last_question", "action_answer_mandatory_stage")]
    tracker = make_tracker(slots=slots, history=history, text=text, entities=parsed(text, TODAY), intent="inform")
    reply = answer_in_context(tracker)
    assert reply and "1er mars 2027" in reply and "après la date limite du 28 février 2027" in reply, reply
    assert "juillet 2026" not in reply and "pas remboursée" in reply, reply


def test_a_letter_asked_again_is_reminded_with_the_letters_line():
    from actions.reminders import reminded_lines
    answer = ("Stop non respecté : retrait de 4 points (contravention de 4e classe) (service-public.fr, fiche F1685).\n"
              "- Amende forfaitaire : 135 € ; 90 € (amende minorée) si vous la payez dans les 15 jours, quand l'avis le "
              "prévoit (service-public.fr, fiche F1685).\n"
              "- En période probatoire, une infraction qui retire 3 points ou plus, comme celle-ci, entraîne une lettre "
              "48N et un stage obligatoire dans les 4 mois suivant sa réception (article R.223-4 du Code de la route).")
    text = "oups le 12 novembre. c'est l'avis de contravention, il a pas encore de 48N. il va en recevoir une ?"
    reminded = reminded_lines(answer, make_tracker(text=text))
    assert reminded.startswith("stop non respecté") and reminded.endswith("(article R.223-4 du Code de la route).")
