"""Last stop's leftovers (h51; BOT_TODAY pinned to 1 December 2026), each with 2–3 wordings of its family."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import run
from tests.actions.test_t20_h46 import _mandatory_stage

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- 1. a 48N received in a month whose 4 months have ended even from its last day: no day asked (R15) ------------

@pytest.mark.parametrize("text, kept, deadline", [
    ("j'ai reçu la lettre 48N en juin 2026, je n'ai pas fait le stage, je risque quoi ?", "2026-06-30",
     "30 octobre 2026"),
    ("lettre 48N reçue en juillet 2026, pas de stage, c'est grave ?", "2026-07-31", "30 novembre 2026"),
    ("la 48N je l'ai eue en mars 2025 et jamais fait le stage, je risque quoi ?", "2025-03-31", "31 juillet 2025"),
])
def test_a_48n_month_past_its_deadline_whatever_the_day_is_not_asked(domain, text, kept, deadline):
    slots, messages = _mandatory_stage(domain, text)
    assert slots["letter_48n_date"] == kept and slots["requested_slot"] is None, (slots, messages)
    assert not any("besoin du jour exact" in m for m in messages)
    assert any(f"jusqu'au {deadline}" in m and "Le délai est donc dépassé" in m for m in messages), messages
    _, answer = run(answers.ActionAnswerMandatoryStage(), make_tracker(
        slots=slots, intent="ask_mandatory_stage", text=text, entities=parsed(text, "2026-12-01")), domain)
    assert f"Le délai a expiré le {deadline}" in answer, answer


# --- 6. a stage asked about ("ça passe ?", "c'est bon ?", "je peux le faire ?") or found on offer is the one to take,
# not the last one done: its day without a month is the next one (R13) ----------------------------------------------

@pytest.mark.parametrize("text", [
    "j'ai trouvé un stage le 5 et 6, ça passe ?",
    "j'ai vu un stage le 5, c'est bon ?",
    "un stage le 5 et 6, je peux le faire ?",
])
def test_a_stage_asked_about_is_the_one_to_take(domain, text):
    from actions import forms
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_stage_eligibility", "2026-12-01")
    assert slots.get("previous_stage_date")  # (the question's stage date fills it, the form's validation decides)
    tracker = make_tracker(new_slots=slots, intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, "2026-12-01"), form="stage_eligibility_form",
                           slots={"licence_date": "2012", "current_balance": 8})
    filled, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert filled.get("stage_first_day") == "2026-12-05", (filled, messages)
    assert filled.get("previous_stage_date") is None and filled["requested_slot"] == "previous_stage_date"


# --- 3. a stage to come, known to the day, is said in the future; one done stays in the present (R12) ---------------

@pytest.mark.parametrize("first_day, expected", [
    ("2026-12-14", "Le stage vous rendra 4 points, avec effet au 16 décembre 2026 : votre solde passera de 6 à 10 "
                   "points"),
    ("2027-01-09", "Le stage vous rendra 4 points, avec effet au 11 janvier 2027 : votre solde passera de 6 à 10 "
                   "points"),
    ("2026-11-20", "Le stage vous rend 4 points, avec effet au 22 novembre 2026 : votre solde passe de 6 à 10 points"),
])
def test_a_stage_to_come_is_said_in_the_future(domain, first_day, expected):
    text = "j'aurai combien de points ?"
    tracker = make_tracker(slots={"licence_date": "2015", "current_balance": 6, "previous_stage_date": "none",
                                  "stage_first_day": first_day}, intent="ask_points_after_stage", text=text,
                           entities=parsed(text, "2026-12-01"))
    _, answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert answer.startswith(expected), answer


# --- 5. the recovery asked with facts that give the balance: the points today first, then the dates (README: the
# computed result first; R1, R9) ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, balance", [
    ("permis depuis 2010, j'avais 12 points, perdu 3 points pour un téléphone payé le 5 mars 2026, quand je "
     "récupère mes points ?", "Solde aujourd'hui : 9 points"),
    ("permis depuis 2010, j'avais 12 points, j'ai perdu 4 points pour un feu rouge payé le 3 mars 2026, je les "
     "récupère quand ?", "Solde aujourd'hui : 8 points"),
    ("permis obtenu en 2005, j'avais 12 points, 2 points retirés pour un excès de vitesse payé le 10 avril 2026, "
     "quand est-ce que je retrouve mes points ?", "Solde aujourd'hui : 10 points"),
])
def test_the_recovery_says_the_balance_before_the_dates(domain, text, balance):
    from tests.actions.test_probation_facts import told
    answer = run(answers.ActionAnswerAutoRecovery(), told(domain, text, "ask_auto_recovery", today="2026-12-01"),
                 domain)[1]
    assert answer.startswith(balance), answer
    assert "- Sans nouvelle infraction, votre permis retrouvera son maximum de points le" in answer, answer


# --- 2. a date told by its month is said as that month; its safe day only as the assumption it is -------------------

@pytest.mark.parametrize("text, month, day", [
    ("permis depuis 2010, j'ai perdu 4 points pour un feu rouge, payée en mai 2025, il me reste combien ?",
     "mai 2025", "31 mai 2025"),
    ("permis depuis 2012, perdu 3 points pour un téléphone, amende payée en février 2026, il me reste combien ?",
     "février 2026", "28 février 2026"),
])
def test_a_payment_month_is_said_as_a_month(domain, text, month, day):
    from tests.actions.test_probation_facts import told
    answer = run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today="2026-12-01"),
                 domain)[1]
    assert f"l'infraction payée en {month}" in answer, answer
    assert f"payée le {day}" not in answer and f"depuis le {day}" not in answer, answer
    assert f"depuis {month} (au plus tard le {day})" in answer, answer
    assert f"j'ai retenu le {day}, la date la plus prudente" in answer, answer


# --- 7. a stage told by its week ("la semaine prochaine"): counted from its Monday, which the answer says it assumed
# wherever a date it shows follows from that day (R15, R16) ------------------------------------------------------

@pytest.mark.parametrize("text, week", [
    ("si je fais le stage la semaine prochaine l'amende est remboursée ?", "la semaine prochaine"),
    ("je fais le stage la semaine prochaine, je serai remboursé ?", "la semaine prochaine"),
    ("stage prévu dans deux semaines, l'amende me sera remboursée ?", "dans deux semaines"),
])
def test_a_stage_week_says_the_day_it_assumed(domain, text, week):
    from tests.actions.test_probation_facts import told
    tracker = told(domain, text, "ask_refund_48n", slots={"letter_48n_date": "2026-09-02"}, today="2026-12-01")
    assert tracker.slots.get("stage_first_day") or "stage_first_day" in str(tracker.events), tracker.events
    answer = run(answers.ActionAnswerRefund48n(), tracker, domain)[1]
    assert f"Vous avez indiqué « {week} » pour le stage, sans son jour : j'ai compté qu'il commence le " in answer, \
        answer
