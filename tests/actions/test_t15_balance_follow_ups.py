"""Outside tester T15 (BOT_TODAY=2026-12-01): follow-ups of a balance or an offence's answer, kept in its facts."""
from __future__ import annotations

import pytest

from actions import fallback
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run

# --- c37: probation year 1 (ceiling 6), 0.3 g/l (6 points, R4) paid 20 November 2026, no balance told: 0 point; a stage
# started after the retrait decision and ended before the 48SI saves the licence with 4 points; started before the
# decision, it is capped at 6 then the 6 points are withdrawn: 0 (R18 example 3, parameters)
C37_STORY = ("mon permis date du 15 mars 2026 (pas d'aac). j'ai ete controle a 0,3 g/l le 8 novembre, amende payee le "
             "20 novembre. je vais perdre mon permis ???")
C37_SLOTS = {"licence_date": "2026-03-15", "supervised_driving": False, "offence_type": "alcohol",
             "offence_date": "2026-11-08", "fine_payment_date": "2026-11-20",
             "last_question": "action_answer_zero_points"}


def _after_c37_answer(text: str):
    return make_tracker(
        slots=C37_SLOTS, intent="nlu_fallback", text=text, entities=parsed(text, "2026-12-01"),
        history=[user_said(C37_STORY, "ask_zero_points"), {"event": "action", "name": "action_answer_zero_points"},
                 {"event": "bot", "text": "Votre solde calculé est de 0, mais le permis reste valide jusqu'à la "
                                          "notification de la lettre 48SI : un stage terminé avant cette notification "
                                          "le sauve (solde 4 points) (article L.223-6 du Code de la route)."}])


@pytest.mark.parametrize("text", [
    "comment je sais quand la decision est prise ? je fais le stage quand alors",
    "quand est ce que je dois faire le stage pour sauver mon permis ?",
    "je le fais quand mon stage du coup ?",
])
def test_when_to_take_the_stage_with_the_probationary_balance_counted(first_of_december, domain, text):
    # the balance before the retrait was never told: the answer counted the probationary ceiling (6); the timing
    # question reads it the same way, and says how to know the decision is taken (R2: « Mes Points Permis »)
    _, answer = run(fallback.ActionSuggestQuestions(), _after_c37_answer(text), domain)
    assert answer.startswith("Dès que la décision de retrait est prise, et sans tarder : fait avant, le stage serait "
                             "plafonné et vous laisserait 0 point, contre 4 points après")
    assert "consultez « Mes Points Permis »" in answer and "n° 364635" in answer
    assert "avant que la lettre 48SI vous soit notifiée" in answer
    assert "pas bien compris" not in answer


def test_how_to_know_the_decision_is_taken(first_of_december, domain):
    text = "comment je sais quand la décision est prise ?"
    _, answer = run(fallback.ActionSuggestQuestions(), _after_c37_answer(text), domain)
    assert answer.startswith("Aucun délai n'est fixé par la loi : la décision de retrait est enregistrée au Fichier "
                             "national des permis de conduire")
    assert "Surveillez « Mes Points Permis »" in answer and "Dès qu'il y apparaît, vous pouvez faire le stage" in answer


# --- c29: licence January 2025 (no AAC), 48N received 15 October 2026, stage 5-6 November 2026, "j'avais 3 points sur
# 8 avant": the 48N's offence may have been committed in the 1st year (ceiling 6) or the 2nd (8); the ceiling the user
# states settles it: 3 + 4 = 7 on a ceiling of 8, not +3 to 6 (R5, R7, R12)
C29_QUESTION = "et le stage m'a rendu combien de points ? j'avais 3 points sur 8 avant"


def _c29_tracker(question: str = C29_QUESTION, licence: str = "2025-01"):
    known = {"letter_48n_date": "2026-10-15", "letter_code": "48N", "stage_first_day": "2026-11-05",
             "current_balance": 3, "licence_date": licence, "supervised_driving": False, "previous_stage_date": "none"}
    return make_tracker(slots=known, intent="deny", text="Non, jamais", form="points_after_stage_form",
                 history=[user_said("bonjour jai fait mon stage obligatoire (48N) les 5 et 6 novembre 2026. c'est trop "
                                    "tard pour demander le remboursement de l'amende ?", "ask_refund_48n"),
                          user_said("le 15 octobre 2026"), {"event": "action", "name": "action_answer_refund_48n"},
                          user_said(question, "ask_points_after_stage"), user_said("janvier 2025"), user_said("Non")])


@pytest.mark.parametrize("question", [C29_QUESTION, "combien de points m'a rendu le stage ? j'étais à 3/8",
                                      "le stage m'a rendu combien ? j'avais 3 points, mon plafond est de 8 points"])
def test_the_ceiling_the_user_states_is_counted(first_of_december, domain, question):
    from actions import answers
    _, answer = run(answers.ActionAnswerPointsAfterStage(), _c29_tracker(question), domain)
    assert answer.startswith("Le stage vous rend 4 points, avec effet au 7 novembre 2026 : votre solde passe de 3 à 7 "
                             "points")
    assert "plafond de 6 points" not in answer


def test_a_ceiling_stated_that_the_licence_cannot_have_is_said_and_not_counted(first_of_december, domain):
    # licence January 2025: its ceiling is 6 or 8 in November 2026, never 10 (R5)
    from actions import answers
    _, answer = run(answers.ActionAnswerPointsAfterStage(),
                    _c29_tracker("et le stage m'a rendu combien ? j'avais 3 points sur 10"), domain)
    assert "votre solde passe de 3 à 6 points" in answer
    assert "Vous m'avez indiqué un plafond de 10 points : ce n'est pas celui que donnent la date de votre permis" in answer


# --- c12: a lawyer's client at 3 points, a retrait of 6 points decided on 5 November 2026, no 48SI yet: -3 + 4 = 1, a
# stage before the 48SI saves the licence (R18 example 2); the client's case stays in the third person, and the
# balance told is not asked again for the stage of 14-15 December
C12_STORY = ("Je suis avocat. Mon client avait 3 points, il a eu un retrait de 6 points (alcool 0,6 g/l) décidé le 5 "
             "novembre 2026. Il n'a pas reçu de 48SI pour l'instant. Un stage peut-il le sauver ?")


def test_a_clients_pending_loss_is_said_of_the_client(first_of_december, domain):
    from actions import answers
    tracker = make_tracker(new_slots={"current_balance": 3, "letter_code": "48SI", "letter_received": False,
                                      "offence_type": "alcohol"},
                           intent="ask_zero_points", text=C12_STORY, entities=parsed(C12_STORY, "2026-12-01"))
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert answer.startswith("Son solde calculé est de -3, mais le permis reste valide jusqu'à la notification de la "
                             "lettre 48SI")
    assert "votre solde" not in answer.lower() and "sous réserve de : la date de la décision" not in answer


@pytest.mark.parametrize("text", [
    "La lettre 48SI vous notifie l'invalidation du permis : vous ne pouvez plus conduire et devez le remettre à la "
    "préfecture dans les 10 jours",
])
def test_a_verb_after_et_follows_its_subject_into_the_third_person(text):
    from actions.third_person import Person, about_the_person
    said = about_the_person(text, Person("client", False))
    assert said == ("La lettre 48SI lui notifie l'invalidation du permis : il ne peut plus conduire et doit le remettre "
                    "à la préfecture dans les 10 jours")


# --- c17: a client with 10 points, drugs with alcohol (9 points, délit, L.235-1 since 11 July 2025) on 14 September
# 2026, "et en plus il avait pas sa ceinture au même contrôle, ça fait 12 points en tout ?": the belt is added to the
# offence told before, at the same check; with the 9-point délit the engine keeps 9 and flags it (R3 [U]); 10 - 9 = 1
C17_STORY = ("Bonsoir, mon client a été contrôlé positif au cannabis ET à l'alcool (0,7 g/l) le 14 septembre 2026. Il "
             "perd combien de points ?")
C17_HISTORY = [user_said(C17_STORY, "ask_offence_points"),
               {"event": "slot", "name": "offence_type", "value": "alcohol_and_drugs"},
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "Stupéfiants et alcool réunis : retrait de 9 points (délit) (loi n° 2025-622 du "
                                        "9 juillet 2025)."},
               {"event": "slot", "name": "offence_type", "value": None},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"}]


@pytest.mark.parametrize("text", [
    "il avait 10 points avant. Et en plus il avait pas sa ceinture au meme controle, ca fait 12 points en tout ?",
    "Il avait 10 points. Au même contrôle il était aussi sans ceinture, ça fait combien ?",
    "il avait 10 pts avant, et en même temps il roulait sans ceinture, ça change quoi ?",
])
def test_an_offence_added_at_the_same_check_counts_with_the_one_told_before(first_of_december, domain, text):
    from actions import answers, forms
    from tests.actions.test_forms import run as run_validation
    entities = parsed(text, "2026-12-01")
    assert (10, "balance") in [(e["value"], e.get("role")) for e in entities if e["entity"] == "points"]
    assert (12, "balance") not in [(e["value"], e.get("role")) for e in entities]  # the sum asked, no balance
    told = {"current_balance": 10, "offence_type": "seatbelt"}
    known = {"offence_date": "2026-09-14", "last_question": "action_answer_offence_points"}
    tracker = make_tracker(slots=known, new_slots=told, intent="ask_offence_points", text=text, entities=entities,
                           form="offence_points_form", history=C17_HISTORY)
    slots, messages = run_validation(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["offence_type"] == "alcohol_and_drugs" and slots["other_offences"] == ["seatbelt"]
    validated = {**told, **{k: v for k, v in slots.items() if k != "requested_slot"}}
    tracker = make_tracker(slots=known, new_slots=validated, intent="ask_offence_points", text=text,
                           entities=entities, history=C17_HISTORY)
    _, answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert answer.startswith("Stupéfiants et alcool réunis : 9 points ; conducteur sans ceinture de sécurité : 3 points. "
                             "Avec le délit stupéfiants et alcool réunis, nous retenons 9 points au total")
    assert "à vérifier" in answer
    assert "Avec 10 points avant l'infraction, il lui restera 1 point une fois le retrait fait" in answer


def test_the_total_and_what_is_left_asked_after_the_offences_of_one_check(first_of_december, domain):
    from actions import follow_ups
    text = "ma question c'est : combien de points au total pour les 2 infractions ensemble, et combien il lui reste"
    history = C17_HISTORY + [
        user_said("il avait 10 points avant. Et en plus il avait pas sa ceinture au meme controle", "ask_offence_points"),
        {"event": "action", "name": "action_answer_offence_points"},
        {"event": "bot", "text": "Stupéfiants et alcool réunis : 9 points ; conducteur sans ceinture de sécurité : 3 "
                                 "points. Avec le délit stupéfiants et alcool réunis, nous retenons 9 points au total "
                                 "(loi n° 2025-622 du 9 juillet 2025 ; à vérifier)."},
        {"event": "bot", "text": "Avec 10 points avant l'infraction, il lui restera 1 point une fois le retrait fait : le "
                                 "jour où l'infraction est établie (amende payée ou condamnation définitive), pas avant "
                                 "(article L.223-1 du Code de la route)."}]
    tracker = make_tracker(slots={"current_balance": 10, "last_question": "action_answer_offence_points"},
                           intent="ask_offence_points", text=text, entities=parsed(text, "2026-12-01"), history=history)
    answer = follow_ups.total_asked_after_offences(tracker)
    assert answer.startswith("Au total, pour ces infractions commises ensemble : stupéfiants et alcool réunis : 9 points")
    assert answer.endswith("il lui restera 1 point une fois le retrait fait : le jour où l'infraction est établie (amende "
                           "payée ou condamnation définitive), pas avant (article L.223-1 du Code de la route).")
