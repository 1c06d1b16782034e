"""T25 / T26 (outside testers' conversations, replayed with today = 1 December 2026), items of branch h61: the 48N's
line of the balance after its deadline, ..."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import run

pytestmark = pytest.mark.usefixtures("first_of_december")

C17_STORY = ("Bonjour. Permis obtenu le 2 février 2026. Téléphone au volant le 15 mai, amende payée le 20 mai. Reçu "
             "la 48N le 1er juillet. Je n'ai pas encore fait le stage. Je risque quoi ?")
C17_SLOTS = {"licence_date": "2026-02-02", "letter_48n_date": "2026-07-01", "fine_payment_date": "2026-05-20",
             "offence_date": "2026-05-15", "offence_type": "phone", "letter_code": "48N",
             "last_question": "action_answer_mandatory_stage"}


def test_the_balance_after_a_missed_48n_deadline_does_not_promise_the_refund(domain):
    # T25 c17: the 48N received on 1 July 2026 left until 1 November 2026 (R15); no stage: the balance's line on it
    # said "ce stage rend des points et l'amende est remboursée", against the answer before it (R16: no refund)
    question = "et là j'ai combien de points exactement ?"
    tracker = make_tracker(slots=C17_SLOTS, intent="ask_check_balance", text=question, entities=parsed(question, "2026-12-01"),
                           history=[user_said(C17_STORY, "ask_mandatory_stage") | {"parse_data": {
                                        "intent": {"name": "ask_mandatory_stage"}, "entities": parsed(C17_STORY, "2026-12-01")}},
                                    *({"event": "slot", "name": k, "value": v} for k, v in C17_SLOTS.items()),
                                    {"event": "action", "name": "action_answer_mandatory_stage"}])
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert "3 points sur 6" in answer
    assert "l'amende est remboursée" not in answer
    assert "jusqu'au 1er novembre 2026 : ce délai est dépassé, l'amende n'est donc pas remboursée" in answer


C28_STORY = ("Salut ! jai eu mon permis il y a deux ans et demi. La semaine dernière je me suis fait flasher a 135 sur "
             "autoroute limitee a 110 et jai deja payé. Ca fait quoi pour moi ?")
C28_SLOTS = {"licence_date": "2024-06-01", "offence_date": "2026-11-23", "offence_type": "speeding", "speed_excess": 25,
             "speed_limit": 110, "speed_measured": 135, "supervised_driving": False, "complementary_training": False,
             "fine_payment_date": "2026-11-25", "last_offence_points": 2, "offence_class": "c4",
             "probation_offence": True}


def test_the_probation_answer_says_which_speed_it_counted(domain):
    # T25 c28: "flashé à 135 sur autoroute à 110" counted 135 as the speed kept (25 km/h, 2 points) without saying so;
    # R4 edge case: the engine counts the speed kept after the radar margin (5 % above 100 km/h): 135 measured would be
    # 128 kept, 18 km/h, 1 point
    answer_to = "je sais plus exactement, je lai payé direct en ligne, genre le 25 novembre"
    tracker = make_tracker(slots=C28_SLOTS, intent="inform", text=answer_to, entities=parsed(answer_to, "2026-12-01"),
                           history=[user_said(C28_STORY, "ask_offence_points") | {"parse_data": {
                               "intent": {"name": "ask_offence_points"}, "entities": parsed(C28_STORY, "2026-12-01")}},
                               *({"event": "slot", "name": k, "value": v} for k, v in C28_SLOTS.items())])
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "8 points sur 10" in answer
    assert "Nous avons lu 135 km/h comme la vitesse retenue" in answer
    assert "128 km/h retenus" in answer and "excès de 18 km/h, retrait de 1 point" in answer


def test_an_offence_placed_by_its_payment_before_an_anniversary_is_not_said_to_leave_the_later_ceiling(domain):
    # T26 c07 (its 2nd turn, the offence's day unknown): licence 31 December 2023 (standard), a 25 km/h excess paid
    # in January 2026, so committed from 17 November 2025 on (45 days, CPP 529-1). The note said "commise au plus tôt
    # le 17 novembre 2025 …, elle laisse un plafond de 10 points": committed before the 2nd anniversary (31 December
    # 2025) it leaves 8 (R5, R7); the 10 counted is the ceiling of an offence committed from 31 December 2025 on
    from tests.actions.test_t21_h48 import Chat
    slots = {"licence_date": "2023", "fine_payment_date": "2026-01", "last_offence_points": 2, "offence_type": "speeding",
             "speed_excess": 25, "stage_first_day": "2026-12-07", "previous_stage_date": "none", "current_balance": 8}
    reply = Chat(domain, "et si elle fait un stage la semaine prochaine elle remonte à 12 ?", "ask_points_after_stage",
                 answers.ActionAnswerPointsAfterStage(), slots).reply
    assert "se paie dans les 45 jours), elle laisse un plafond de 10 points" not in reply, reply
    assert "celui d'une infraction commise à partir du 31 décembre 2025" in reply, reply


C30_SLOTS = {"letter_code": "48SI", "letter_48n_date": "2026-11-28", "licence_date": "2019"}
C30_TURN_2 = ("Vous pourrez obtenir un nouveau permis 6 mois après le jour où vous rendez votre permis à la préfecture "
              "(1 an si c'est la deuxième perte totale de points en 5 ans) (article L.223-5 du Code de la route).\n- Le "
              "délai ne court qu'à partir du jour où vous rendez réellement votre permis à la préfecture : rendez-le au "
              "plus tard le 8 décembre 2026, 10 jours après la réception de la lettre 48SI le 28 novembre 2026, et ne "
              "conduisez plus (service-public.fr, fiche F1704).")


def test_the_48si_card_asked_again_gives_its_dated_lines_once_and_not_the_hand_back_day_said_not_yet(domain):
    # T25 c30: "bjr 48 si", "recu le 28/11, permis depuis 2019, … je lai pas encore rendu" (the card, R19, R20), then
    # "je l'ai reçu le 28 novembre je vous dis. jai jusqu'a quand pour le rendre ? et je dois repasser la conduite ?"
    # got the same 6 paragraphs again and "À quelle date avez-vous rendu votre permis ? (… ou « pas encore »)"
    history = [user_said("bjr 48 si", "ask_letter"), {"event": "bot", "text": "La lettre 48SI vous notifie …"},
               user_said("recu le 28/11, permis depuis 2019, cest la premiere fois. je lai pas encore rendu", "inform"),
               *({"event": "slot", "name": k, "value": v} for k, v in C30_SLOTS.items()),
               {"event": "bot", "text": C30_TURN_2}]
    question = "je l'ai reçu le 28 novembre je vous dis. jai jusqu'a quand pour le rendre ? et je dois repasser la conduite ?"
    tracker = make_tracker(slots=C30_SLOTS, intent="ask_zero_points", text=question,
                           entities=parsed(question, "2026-12-01"), history=history)
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert answer.count("rendez-le au plus tard le 8 décembre 2026") == 1, answer
    assert "le code suffit si vous vous inscrivez à l'examen dans les 9 mois" in answer  # (its day: 28 November)
    assert "Un examen médical et psychotechnique" not in answer  # (a general paragraph, said in the turn before)
    assert "Le nouveau permis est probatoire" not in answer
    assert answers.HANDED_BACK_QUESTION not in answer and answers.HAND_BACK_PLANNED_QUESTION in answer


@pytest.mark.parametrize("stage, in_time_from", [("2027-02-27", "28 octobre 2026"), ("2027-02-24", "25 octobre 2026")])
def test_a_48n_received_at_the_end_of_a_month_answers_both_sides_when_the_day_changes_it(domain, stage, in_time_from):
    # T25 c22: 48N received "fin octobre" (counted from 21 October 2026, deadline 21 February 2027; 31 October gives 28
    # February, R15, spec §0.3); a stage of 27-28 February 2027 got a plain "after the deadline": it is in time for a
    # letter received on 28 October or after, late before (R15, R16)
    told = "euh je sais plus trop, fin octobre je crois"
    slots = {"letter_48n_date": "2026-10-21", "letter_code": "48N", "stage_first_day": stage}
    question = "si je fais le stage ca passe ?"
    tracker = make_tracker(slots=slots, intent="ask_mandatory_stage", text=question,
                           entities=parsed(question, "2026-12-01"),
                           history=[user_said("stage obligatoire", "ask_mandatory_stage"),
                                    user_said(told, "inform") | {"parse_data": {"intent": {"name": "inform"},
                                                                                "entities": parsed(told, "2026-12-01")}},
                                    *({"event": "slot", "name": k, "value": v} for k, v in slots.items())])
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert answer.startswith("Cela dépend du jour où vous avez reçu la lettre 48N, que vous situez fin octobre 2026 : "
                             f"reçue le {in_time_from} ou après"), answer
    assert f"reçue avant le {in_time_from}, il se termine après la date limite" in answer


def test_a_48n_received_at_the_end_of_a_month_is_not_conditional_when_every_day_gives_the_same_answer(domain):
    told = "fin octobre je crois"
    slots = {"letter_48n_date": "2026-10-21", "letter_code": "48N", "stage_first_day": "2027-01-10"}
    question = "si je fais le stage ca passe ?"
    tracker = make_tracker(slots=slots, intent="ask_mandatory_stage", text=question,
                           entities=parsed(question, "2026-12-01"),
                           history=[user_said(told, "inform") | {"parse_data": {"intent": {"name": "inform"},
                                                                                "entities": parsed(told, "2026-12-01")}},
                                    *({"event": "slot", "name": k, "value": v} for k, v in slots.items())])
    _, answer = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "Cela dépend du jour" not in answer
