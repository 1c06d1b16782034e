"""A story whose retrait brings the balance to 0 or below, with the 48SI not received: every route the NLU may pick
says the same (R18 examples 2 and 3, R19 example 4, R15, R20), in users' wordings (outside tester, 2026-12)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import mapped_slots

ROUTES = {
    "offence": (answers.ActionAnswerOffencePoints, "ask_offence_points"),
    "balance": (answers.ActionAnswerCheckBalance, "ask_check_balance"),
    "zero": (answers.ActionAnswerZeroPoints, "ask_zero_points"),
    "mandatory": (answers.ActionAnswerMandatoryStage, "ask_mandatory_stage"),
    "letter": (answers.ActionAnswerLetter, "ask_letter"),
    "eligibility": (answers.ActionAnswerStageEligibility, "ask_stage_eligibility"),
    "after_stage": (answers.ActionAnswerPointsAfterStage, "ask_points_after_stage"),
}


def told(domain, text: str, intent: str):
    """The tracker Rasa builds from one message outside a form: a text slot keeps the last of several values."""
    lists = {name for name, slot in domain["slots"].items() if slot.get("type") == "list"}
    slots = {name: value[-1] if isinstance(value, list) and name not in lists else value
             for name, value in mapped_slots(domain, text, intent).items()}
    return make_tracker(new_slots=slots, intent=intent, text=text, entities=parsed(text))


def answer_of(domain, route: str, text: str) -> str:
    action, intent = ROUTES[route]
    _, answer = run(action(), told(domain, text, intent), domain)
    return answer


# --- R18 example 2: balance 3, a 4-point retrait decided 2 April 2026, stage 20-21 April, no 48SI → -1 + 4 = 3

R18_EX2 = [
    "il me reste 3 points, retrait de 4 points décidé le 2 avril 2026, j'ai fait un stage les 20 et 21 avril 2026, "
    "pas reçu de 48SI",
    "j'avais 3 points, on m'a retiré 4 points le 2 avril, stage fait les 20 et 21 avril, je n'ai pas encore eu la "
    "lettre 48SI, mon permis est sauvé ?",
    "g 3 pts, -4 pts retirés en avril, stage les 20 et 21 avril 2026, toujours pas eu de 48SI",
]


@pytest.mark.parametrize("route", ["balance", "zero", "mandatory", "letter", "eligibility", "after_stage"])
@pytest.mark.parametrize("text", R18_EX2)
def test_r18_example_2_the_stage_saved_the_licence_on_every_route(domain, route, text):
    answer = answer_of(domain, route, text)
    headline = answer.split("\n")[0]
    assert "a sauvé votre permis" in headline and "3 points" in headline and "22 avril 2026" in headline, answer
    assert "-1 + 4" in headline
    # the 48SI was said not received: never "notifiée", never the invalidation's duties (R18)
    assert "a été notifiée" not in answer and "vous notifie l'invalidation" not in answer
    assert "remettre à la préfecture" not in answer and "obtenu à nouveau" not in answer


# --- R18 example 3: probation year 1 at 6, alcohol 0.3 g/l (6 points) decided 10 May 2026, stage 20-21 May → 4

R18_EX3 = [
    "permis obtenu le 10 janvier 2026, j'avais 6 points, contrôlé à 0,3 g d'alcool, retrait de 6 points décidé le "
    "10 mai 2026, j'ai fait un stage les 20 et 21 mai 2026, je n'ai pas encore eu la lettre 48SI",
    "jeune permis depuis janvier 2026, 6 points, alcool 0,3 g/l, retrait de 6 points le 10 mai, stage les 20 et 21 "
    "mai, pas reçu de 48SI, je suis à combien ?",
]


@pytest.mark.parametrize("route", ["offence", "balance", "zero", "mandatory", "letter", "eligibility", "after_stage"])
@pytest.mark.parametrize("text", R18_EX3)
def test_r18_example_3_the_stage_saved_the_probationary_licence_on_every_route(domain, route, text):
    answer = answer_of(domain, route, text)
    headline = answer.split("\n")[0]
    assert "sauvé votre permis" in headline and "4 points" in headline, answer
    assert "a été notifiée" not in answer and "obtenu à nouveau" not in answer
    # the retrait reached 0: a 48SI was its letter, not a 48N (R15 edge case, R20), even saved by the stage
    assert "entraîne une lettre 48N" not in answer and "lettre 48N, puis un stage obligatoire" not in answer


# --- R19 example 4: probationary, 2 points left, phone (3): -1; a 48SI, not a 48N, in the offence's detail too

R19_EX4 = [
    "probatoire, il me reste 2 points, je viens de me faire arrêter au téléphone",
    "jeune conducteur, plus que 2 pts et je me suis fait choper avec le tel au volant hier, je vais recevoir une 48N ?",
    "en probatoire j'ai 2 points et je viens de me faire arrêter avec le portable, ça donne quoi ?",
]


@pytest.mark.parametrize("route", ["offence", "mandatory"])
@pytest.mark.parametrize("text", R19_EX4)
def test_r19_example_4_the_offence_detail_says_48si_not_48n(domain, route, text):
    answer = answer_of(domain, route, text)
    assert answer.startswith("Votre solde calculé est de -1"), answer
    assert "Téléphone tenu en main" in answer and "retrait de 3 points" in answer
    assert "ce retrait de 3 points le fait tomber à 0 point (solde calculé : -1)" in answer
    assert "lettre 48SI d'invalidation qui suivra, pas une lettre 48N" in answer
    assert "entraîne une lettre 48N" not in answer and "Attention : si votre solde" not in answer


@pytest.mark.parametrize("text", R19_EX4[:2])
def test_r19_example_4_the_balance_route_says_the_pending_loss(domain, text):
    # the retrait is not recorded yet (R2): not "a fait tomber … le 30 novembre", the pending loss as elsewhere
    answer = answer_of(domain, "balance", text)
    assert answer.startswith("Votre solde calculé est de -1"), answer
    assert "a fait tomber" not in answer


def test_a_balance_told_after_an_old_payment_is_not_taken_for_a_pending_loss(domain):
    # paid in 2024, 48N received, 3 points left: those 3 are after the retrait; no -0 pending loss (R2, R15)
    text = ("permis 01/03/2024, téléphone au volant le 10/09/2024 payé le 25/09/2024, j'ai reçu la 48N, il me reste "
            "3 points, je dois faire le stage obligatoire ?")
    answer = answer_of(domain, "mandatory", text)
    assert "Votre solde calculé" not in answer and "sauvé" not in answer and "48SI" not in answer


# --- R18 example 1 in informal wordings: balance 10, a 4-point fine paid and not recorded yet: a stage now gives 12
# then 8; after the record 6 + 4 = 10: better wait (asked "ask_stage_eligibility" by the NLU; the form has asked the
# last stage, and moved a stage to come, "la semaine prochaine", to the stage of the question)

WAIT_ADVICE = ("Mieux vaut attendre que le retrait de 4 points soit enregistré avant de faire le stage : vous passeriez "
               "alors de 6 à 10 points, au lieu de finir à 8 points")


@pytest.mark.parametrize("text, slots", [
    ("j'ai 10 points, je viens de payer une amende de 4 points, je fais un stage la semaine prochaine ou j'attends ?",
     {"current_balance": 10, "last_offence_points": 4, "stage_first_day": "2026-11-30"}),
    ("10 points, feu rouge payé hier, vaut mieux faire le stage maintenant ou attendre ?",
     {"current_balance": 10, "offence_type": "red_light", "fine_payment_date": "2026-11-22"}),
    ("jai 10 pts, je viens de me prendre un feu rouge (payé), stage direct ou j'attends un peu ?",
     {"current_balance": 10, "offence_type": "red_light"}),
])
def test_r18_example_1_informal_timing_question_in_one_message(domain, text, slots):
    tracker = make_tracker(slots={**slots, "previous_stage_date": "none"}, intent="ask_stage_eligibility", text=text,
                           entities=parsed(text))
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith(WAIT_ADVICE), answer
    assert "de 10 à 12 points" in answer and "solde final 8 points" in answer


@pytest.mark.parametrize("story, slots", [
    # the fine told first, its points from the barème (R4): the question comes in the next message
    ("j'ai 10 points, je viens de payer une amende pour un feu rouge", {"current_balance": 10,
                                                                         "offence_type": "red_light"}),
    # paid in February, but said not recorded yet: still to come whatever the payment's age (R2, R18)
    ("j'ai 10 points, j'ai payé une amende de 4 points le 1er février 2026 mais le retrait n'est pas encore "
     "enregistré", {"current_balance": 10, "last_offence_points": 4, "fine_payment_date": "2026-02-01"}),
])
@pytest.mark.parametrize("question", ["je fais un stage la semaine prochaine ou j'attends ?",
                                      "vaut mieux faire le stage maintenant ou attendre ?"])
def test_r18_example_1_informal_timing_question_after_the_story(domain, story, slots, question):
    from tests.actions.conftest import user_said
    tracker = make_tracker(slots={**slots, "previous_stage_date": "none"}, intent="ask_stage_eligibility",
                           text=question, entities=parsed(question), history=[user_said(story, "inform")])
    _, answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert answer.startswith(WAIT_ADVICE), answer


def test_the_timing_question_read_as_zero_points_goes_to_the_stage_question_after_the_story(domain):
    from tests.actions.conftest import user_said
    story, question = "j'ai 10 points, je viens de payer une amende pour un feu rouge", "stage direct ou j'attends ?"
    tracker = make_tracker(slots={"current_balance": 10, "offence_type": "red_light"}, intent="ask_zero_points",
                           text=question, entities=parsed(question), history=[user_said(story, "inform")])
    events, _ = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert {"event": "followup", "name": "stage_eligibility_form", "timestamp": None} in events


# --- R15: the 48N line only for a licence known (or said) to be in probation

@pytest.mark.parametrize("text", [
    "j'ai 12 points, je me suis fait flasher à 165 sur l'autoroute, ça fait combien de points ?",
    "conducteur depuis 20 ans, téléphone au volant, combien de points ?",
    "permis depuis 2008, j'ai grillé un feu rouge, combien je perds ?",
])
@pytest.mark.parametrize("route", ["offence", "mandatory"])
def test_no_48n_line_for_a_driver_not_known_to_be_in_probation(domain, route, text):
    answer = answer_of(domain, route, text)
    assert "retrait de 3 points" in answer or "retrait de 4 points" in answer or "lettre 48, simple information" \
        in answer, answer
    assert "entraîne une lettre 48N" not in answer and "En période probatoire" not in answer


@pytest.mark.parametrize("text, said", [
    ("permis depuis 2008, j'ai grillé un feu rouge, je vais recevoir une 48N ?",
     "Votre période probatoire s'est terminée le 31 décembre 2011 : une infraction ne peut plus vous valoir de "
     "lettre 48N"),
    ("je suis pas en probatoire, excès de 35 sur autoroute, je vais avoir une 48N ?",
     "Votre permis n'étant pas probatoire, cette infraction ne vous vaudra pas de lettre 48N"),
])
def test_an_experienced_driver_asking_for_a_48n_is_told_no(domain, text, said):
    answer = answer_of(domain, "offence", text)
    assert said in answer and "entraîne une lettre 48N" not in answer


@pytest.mark.parametrize("text", ["jeune permis, téléphone au volant, combien de points ?",
                                  "en probatoire, flashé à +35 sur l'autoroute, ça me coûte quoi ?"])
def test_the_48n_line_stays_for_a_driver_said_in_probation(domain, text):
    answer = answer_of(domain, "offence", text)
    assert "En période probatoire, une infraction qui retire 3 points ou plus, comme celle-ci, entraîne une lettre " \
           "48N" in answer, answer


def test_the_48n_asked_then_the_offence_given_states_the_condition(domain):
    # "je vais recevoir une 48N ?", the form asks the offence, "téléphone au volant": probation not known, the 48N
    # was asked: its condition is the answer (R15)
    from tests.actions.conftest import user_said
    question = "je vais recevoir une 48N ?"
    tracker = make_tracker(slots={"offence_type": "phone"}, intent="inform", text="téléphone au volant",
                           entities=parsed("téléphone au volant"), history=[user_said(question, "ask_mandatory_stage")])
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "retrait de 3 points" in answer and "En période probatoire, une infraction qui retire 3 points ou plus, " \
                                              "comme celle-ci, entraîne une lettre 48N" in answer


def test_the_day_the_retrait_was_recorded_is_its_decision_not_the_payment(domain):
    # tester T1 c49: "le retrait a été enregistré le 15 novembre 2026" was told, and the answer said "Sans la date de
    # la décision de retrait, nous prenons celle du paiement"
    from actions import answers
    from tests.actions.test_probation_facts import told
    text = ("J'avais 3 points sur mon permis (je conduis depuis 2008). Le 2 octobre j'ai grillé un feu rouge, j'ai payé "
            "l'amende le 20 octobre 2026. Sur Mes Points Permis je vois que le retrait a été enregistré le 15 novembre "
            "2026. Je n'ai reçu aucune lettre recommandée. Est ce que je peux encore sauver mon permis avec un stage ?")
    answer = answers.pending_loss_answer(told(domain, text, "ask_stage_eligibility"))
    assert "solde calculé est de -1" in answer and "le sauve (solde 3 points)" in answer
    assert "Sans la date de la décision de retrait" not in answer
