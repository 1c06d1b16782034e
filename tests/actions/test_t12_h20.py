"""Outside tester T12 (BOT_TODAY=2026-12-01): a stage month dropped or only hesitated on (c03), the notes of a yes/no
answer (c07), a year-only date beside a fact told (c10), « Mes Points Permis » said twice in one turn (c01), and the
person an answer speaks of (c14, c27)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def validate(form, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.run(dispatcher, tracker, domain))
    return ({e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            "\n".join(m.get("text") or "" for m in dispatcher.messages))


# --- 1. a month dropped, or only hesitated on, opens no question (c03) ------------------------------------------------

PROBATION_STAGE = {"licence_date": "2025-03-10", "supervised_driving": False, "current_balance": 3,
                   "balance_unknown": False, "date_awaiting_precision": "stage_first_day=2027-03"}


@pytest.mark.parametrize("text", ["oublie mars", "non finalement pas en mars", "je ne garde pas l'hypothèse de mars",
                                  "laisse tomber mars, je sais pas encore"])
def test_a_month_dropped_clears_its_day_s_question(domain, text):
    entities = parsed(text, TODAY)
    told = {"stage_first_day": entities[0]["value"]} if entities else {}
    tracker = make_tracker(slots=PROBATION_STAGE, new_slots=told, text=text, entities=entities, intent="inform",
                           requested_slot="stage_first_day", form="points_after_stage_form")
    slots, said = validate(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("date_awaiting_precision", "kept") is None and slots.get("stage_first_day") is None, slots
    assert "je ne retiens plus mars 2027" in said and "Quel jour de mars" not in said
    # the stage's day is then asked in general, not in March
    from actions.ask import AskSlot_stage_first_day
    after = make_tracker(slots={**PROBATION_STAGE, "date_awaiting_precision": None})
    assert AskSlot_stage_first_day().question_of_the_case(after) is None


def test_another_month_said_with_the_drop_is_the_stage_s(domain):
    text = "pas mars finalement, plutôt le 15 janvier"
    tracker = make_tracker(slots=PROBATION_STAGE, new_slots={"stage_first_day": "2026-01-15"}, text=text,
                           entities=parsed(text, TODAY), requested_slot="stage_first_day",
                           form="points_after_stage_form")
    slots, _ = validate(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("stage_first_day") == "2027-01-15" and slots.get("date_awaiting_precision", "kept") is None


def test_a_day_of_the_awaited_month_still_completes_it(domain):
    tracker = make_tracker(slots=PROBATION_STAGE, new_slots={"stage_first_day": "2026-12-12"}, text="le 12",
                           entities=parsed("le 12", TODAY), requested_slot="stage_first_day",
                           form="points_after_stage_form")
    slots, said = validate(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("stage_first_day") == "2027-03-12" and "je ne retiens plus" not in said


@pytest.mark.parametrize("text", ["il ne l'a pas encore fait, il hesite entre janvier ou mars",
                                  "pas encore, ce sera en janvier ou en mars",
                                  "il hésite entre le 12 janvier et le 5 mars"])
def test_two_months_hesitated_on_are_no_stage_date(domain, text):
    entities = parsed(text, TODAY)
    opening = "Bonjour, mon fils a reçu une lettre 48N, il doit faire un stage. Est-ce que l'amende sera remboursée ?"
    history = [user_said(opening, "ask_refund_48n"), {"event": "slot", "name": "requested_slot",
                                                      "value": "letter_48n_date"},
               user_said("le 20 octobre 2026"), {"event": "slot", "name": "letter_48n_date", "value": "2026-10-20"},
               {"event": "slot", "name": "requested_slot", "value": "stage_first_day"}]
    tracker = make_tracker(slots={"letter_48n_date": "2026-10-20", "letter_code": "48N"},
                           new_slots={"stage_first_day": entities[-1]["value"]}, text=text, entities=entities,
                           requested_slot="stage_first_day", form="refund_48n_form", history=history)
    slots, said = validate(forms.ValidateRefund48nForm(), tracker, domain)
    assert slots.get("stage_first_day") is None and not slots.get("date_awaiting_precision"), slots
    assert slots.get("requested_slot") is None  # the refund's answer comes: its deadline (R16)
    assert "pas encore choisie" in said and "Quel jour" not in said


def test_the_two_days_of_one_stage_are_no_hesitation(domain):
    text = "les 10 et 11 janvier"
    tracker = make_tracker(slots={"licence_date": "2010-01-01"}, new_slots={"stage_first_day": "2026-01-10"},
                           text=text, entities=parsed(text, TODAY), requested_slot="stage_first_day",
                           form="points_after_stage_form")
    slots, _ = validate(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("stage_first_day") == "2027-01-10"


# --- 4. « Mes Points Permis » once a turn (c01) ----------------------------------------------------------------------

STAGE_DONE = {"current_balance": 5, "stage_first_day": "2026-11-10", "licence_date": "2009",
              "previous_stage_date": "none"}


def stage_answer(domain, opening):
    history = [user_said(opening, "ask_points_after_stage")]
    tracker = make_tracker(slots=STAGE_DONE, text="Non, jamais", intent="deny", history=history)
    return run(answers.ActionAnswerPointsAfterStage(), tracker, domain)


@pytest.mark.parametrize("opening", [
    "bonjour, j'ai fait un stage de recup de points les 10 et 11 novembre 2026, j'avais 5 points. j'en ai combien "
    "maintenant ?",
    "stage fait les 10 et 11 novembre 2026, j'avais 5 points. je suis à combien du coup ?",
])
def test_the_count_asked_after_a_stage_is_the_stage_s_answer(domain, opening):
    events, said = stage_answer(domain, opening)
    assert "votre solde passe de 5 à 9 points" in said and said.count("Mes Points Permis") == 1
    assert not any(e.get("event") == "followup" for e in events)


def test_where_to_read_the_balance_asked_after_a_stage_is_said_once(domain):
    from actions.two_part import ActionAnswerOtherQuestion
    opening = ("j'ai fait un stage les 10 et 11 novembre 2026, j'avais 5 points, j'en ai combien ? et comment je "
               "vérifie mon solde sur internet ?")
    events, said = stage_answer(domain, opening)
    assert "votre solde passe de 5 à 9 points" in said and "Mes Points Permis" not in said
    assert any(e.get("name") == ActionAnswerOtherQuestion.NAME for e in events)


# --- 5. the person an answer speaks of (c14, c27) --------------------------------------------------------------------

@pytest.mark.parametrize("text", ["ma passagere avait pas sa ceinture, c moi qui perd des points ?",
                                  "mon passager n'était pas attaché, je perds des points ?"])
def test_an_adult_passenger_s_fine_is_the_passenger_s_to_pay(domain, text):
    tracker = make_tracker(slots={"offence_type": "seatbelt_adult_passenger"}, intent="ask_offence_points",
                           text=text, entities=parsed(text, TODAY))
    _, said = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "aucun point" in said and "si le passager la paie dans les 15 jours" in said
    assert "si vous la payez" not in said


def test_the_driver_s_own_fine_is_still_the_driver_s(domain):
    text = "téléphone au volant, combien de points ?"
    tracker = make_tracker(slots={"offence_type": "phone"}, intent="ask_offence_points", text=text,
                           entities=parsed(text, TODAY))
    _, said = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "si vous la payez dans les 15 jours" in said


@pytest.mark.parametrize("text", [
    "Bonjour, je travaille au support d'un centre de stages. Un client me demande s'il peut refaire un stage : son "
    "dernier stage était les 28 et 29 février 2024, puis il en a fait un autre les 3 et 4 mars 2025. Il voudrait en "
    "refaire un en décembre 2026.",
    "je suis formateur, une cliente voudrait savoir si elle peut refaire un stage, le dernier c'était les 3 et 4 mars "
    "2025",
    "mon client se demande s'il peut refaire un stage, son dernier c'était les 3 et 4 mars 2025",
])
def test_a_support_agent_s_client_is_spoken_of(domain, text):
    tracker = make_tracker(slots={"previous_stage_date": "2025-03-03"}, intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, TODAY))
    _, said = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "peut de nouveau lui rendre des points" in said, said
    assert "vous" not in said.replace("Mes Points Permis", "").lower().replace("que vous m'avez", ""), said


def test_a_relayed_saying_is_no_one_s_licence():
    from actions.third_person import subject_person
    assert subject_person(make_tracker(text="un ami m'a dit que les points reviennent en 2 ans")) is None


def test_the_user_s_answer_stays_the_user_s():
    from actions.third_person import Person, about_the_person
    said = about_the_person("Je n'ai pas compris votre réponse. La date figure sur votre convocation au stage.",
                            Person("fils", False))
    assert said == "Je n'ai pas compris votre réponse. La date figure sur sa convocation au stage."


# --- 2. a yes/no question: "Oui"/"Non" and the result first, only the notes that change it (c07) ---------------------

from tests.actions.test_follow_ups_about_the_story_t11 import (  # noqa: E402
    ONE_POINT, ONE_POINT_STORY, _after_recovery_answer)


def _hypothesis_reply(domain, text):
    tracker = make_tracker(slots=ONE_POINT, history=_after_recovery_answer(ONE_POINT_STORY, ONE_POINT), text=text,
                           entities=parsed(text, TODAY), intent="ask_auto_recovery")
    _, said = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    return said


@pytest.mark.parametrize("text", [
    "et si je prends un flash de 3 km/h en janvier ca bloque ?",
    "un exces de 3 km/h en janvier 2027, est ce que ca m'empeche de recuperer mon point ?",
    "et un petit excès de 2 km/h le mois prochain, ça bloque mon point ?",
])
def test_an_offence_without_points_blocks_nothing_said_no_first(domain, text):
    said = _hypothesis_reply(domain, text)
    assert said.startswith("Non : une infraction qui ne retire aucun point n'interrompt aucun délai"), said
    assert "reviendrait quand même le 28 février 2027" in said.split("\n")[0]
    for note in ("J'ai retenu le", "dernière infraction seulement", "Je suis parti de 12 points",
                 "J'ai compté l'infraction aujourd'hui"):
        assert note not in said, said


def test_the_fallback_s_reply_in_context_leaves_the_notes_out_too(domain):
    # (the message was read as nlu_fallback: the fallback action replied in context, with the five notes)
    from actions.fallback import ActionSuggestQuestions
    text = "et si je prends un flash de 3 km/h en janvier ca bloque ?"
    tracker = make_tracker(slots=ONE_POINT, history=_after_recovery_answer(ONE_POINT_STORY, ONE_POINT), text=text,
                           entities=parsed(text, TODAY), intent="nlu_fallback")
    _, said = run(ActionSuggestQuestions(), tracker, domain)
    assert said.startswith("Non : ") and "J'ai retenu le" not in said and "Je suis parti de 12" not in said, said


def test_the_points_lost_asked_get_yes_or_no_on_the_points(domain):
    said = _hypothesis_reply(domain, "et si je me fais flasher pour 4 km/h en février, je perds mon point ?")
    assert said.startswith("Non : si vous commettiez"), said
    said = _hypothesis_reply(domain, "et si je grille un feu rouge en janvier, ça bloque mon point ?")
    assert said.startswith("Oui : le point retiré pour l'infraction payée le 31 août 2026"), said


def test_an_open_question_keeps_its_notes(domain):
    said = _hypothesis_reply(domain, "et si je prends un flash de 3 km/h en janvier, je récupère mon point quand ?")
    assert not said.startswith(("Oui", "Non")) and "J'ai retenu le 1er janvier 2027" in said


@pytest.mark.parametrize("text, yes_no", [
    ("ça bloque ?", True), ("est-ce que je perds des points ?", True), ("c'est trop tard ou pas ?", True),
    ("je récupère quand ?", False), ("combien de points ?", False), ("en janvier ou en mars ?", False),
    ("j'ai perdu 3 points.", False), ("et si je perds 2 points en janvier ?", False),
    ("et si je grille un feu, je perds mon point ?", True),
])
def test_yes_no_questions_are_told_apart(text, yes_no):
    from actions.yes_no import asks_yes_or_no
    assert asks_yes_or_no(text) is yes_no


# --- 3. a year-only date beside a fact told: the safe date said, the fact told not doubted (c10) -----------------------

from tests.actions.test_follow_ups_about_the_story_t11 import TURN_SIGNAL, TURN_SIGNAL_STORY  # noqa: E402


@pytest.mark.parametrize("text", [
    "et si j'ai eu 1 point en ville en 2025 qui est revenu apres 6 mois ?",
    "et j'ai aussi perdu 1 point en 2025, revenu 6 mois après",
    "j'avais eu 1 point en 2025 mais je l'ai récupéré depuis",
])
def test_a_point_told_back_is_not_doubted_and_the_year_s_safe_day_is_said(domain, text):
    tracker = make_tracker(slots=TURN_SIGNAL, history=_after_recovery_answer(TURN_SIGNAL_STORY, TURN_SIGNAL),
                           text=text, entities=parsed(text, TODAY), intent="ask_auto_recovery")
    _, said = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "5 février 2029" in said  # R9 example 3: the 2025 offence still counts for 3 years [I]
    assert "ne revient pas" not in said and "est revenu le 30 juin 2026" in said, said
    assert "j'ai retenu le 31 décembre 2025, la date la plus prudente" in said
    # the class taken for the 2025 offence is named as taken, beside the line that names it
    assert answers.CLASS_ASSUMED_NOTE not in said
    assert "Sans la nature de l'infraction payée en 2025 ni le montant de son amende, je l'ai comptée comme une " \
           "contravention de 4e classe" in said


def test_a_point_asked_about_is_not_told_back(domain):
    text = "et si j'ai eu 1 point en ville en 2025, il revient quand ?"
    tracker = make_tracker(slots=TURN_SIGNAL, history=_after_recovery_answer(TURN_SIGNAL_STORY, TURN_SIGNAL),
                           text=text, entities=parsed(text, TODAY), intent="ask_auto_recovery")
    _, said = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "ne revient pas le 30 juin 2026 si" in said, said
