"""Outside testers' findings T25 c34, T26 c01, c06, c21 and a 0-point offence in probation (h60; BOT_TODAY pinned to
1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_probation_facts import run

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- 3. a 0-point offence ("81 pour 80" since 2024, R4) is no offence with retrait: the probation answer does not say
# "Sans infraction depuis votre permis", and says the yearly increases go on (R7) ---------------------------------

@pytest.mark.parametrize("text, licence, balance", [
    ("j'ai mon permis depuis le 10 mars 2025, j'ai été flashé à 81 pour 80 en juin 2026, amende payée. combien j'ai "
     "de points ?", "2025-03-10", 8),
    ("permis le 2 février 2024, flashé à 52 pour 50 en mai 2026, j'ai combien de points ?", "2024-02-02", 10),
])
def test_a_pointless_offence_in_probation_is_not_said_no_offence(domain, text, licence, balance):
    entities = parsed(text, "2026-12-01")
    slots = {"licence_date": licence, "supervised_driving": False, "complementary_training": False,
             "probation_offence": False, "offence_type": "speeding",
             **{e["entity"]: e["value"] for e in entities if e["entity"] in ("speed_measured", "speed_limit")},
             "offence_date": next(e["value"] for e in entities if e["entity"] == "date")}
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(
        slots=slots, intent="ask_probation", text=text, entities=entities), domain)
    assert "Sans infraction depuis votre permis" not in answer, answer
    assert f"Aucune infraction ne vous a retiré de points depuis votre permis : votre solde est aujourd'hui de " \
           f"{balance} points" in answer, answer
    assert "n'arrête pas les majorations annuelles" in answer, answer


# --- 5. T26 c21: the balance walked is back at 12 (singles back, the 2022 + 3 years over before 2026): no "il
# retrouvera son maximum de points le 15 avril 2029" beside "Solde aujourd'hui : 12 points" (R1, R8, R9) ----------

def test_a_balance_back_at_the_maximum_has_no_full_date_to_come(domain):
    text = ("Ma mère (68 ans) a son permis depuis 1985. En 2016 elle a eu un téléphone (3 pts) payé le 2 mai 2016, et "
            "depuis elle a pris des petites amendes régulièrement : 1 point en 2018, 1 point en 2020, 2 points en "
            "2022, 1 point le 4 avril 2026 (payé le 15 avril 2026). Est-ce que ses 3 points de 2016 sont revenus ? "
            "Elle a combien environ ?")
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_auto_recovery", "2026-12-01")
    tracker = make_tracker(slots=slots, intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"))
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "12 points" in answer, answer
    assert "retrouvera son maximum" not in answer and "Si ce point était le seul" not in answer, answer
    assert "compte encore pour ce délai" not in answer, answer
    assert "a retrouvé son maximum de points le 31 décembre 2025" in answer, answer


# --- 1. T25 c34: "il lui restait 4 points après" answered to the retrait's question is the balance after it, not a
# retrait of 4; the probation answer walks from the balance stated (R5, R7, R12) ----------------------------------

C34_FIRST = ("Je suis secrétaire dans une auto-école. Un élève a eu son permis le 14 février 2023. Il a reçu une 48N le "
             "20 septembre 2025, il a fait son stage les 10 et 11 janvier 2026. Il avait 4 points après le retrait. "
             "Combien a-t-il maintenant et quand peut-il refaire un stage ?")
C34_SLOTS = {"licence_date": "2023-02-14", "supervised_driving": False, "complementary_training": False,
             "probation_offence": True, "offence_date": "2025-05"}


@pytest.mark.parametrize("text", [
    "je sais pas, il lui restait 4 points après",
    "aucune idée, il me reste 4 points après le retrait",
    "il avait 4 points après",
])
def test_points_left_told_for_the_retrait_are_the_balance(domain, text):
    from actions import forms
    from tests.actions.test_forms import run as run_form
    tracker = make_tracker(slots=C34_SLOTS, new_slots={"last_offence_points": 4}, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="last_offence_points",
                           form="probation_form")
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["last_offence_points"] == 6 and slots["current_balance"] == 4, (slots, messages)
    assert any("j'ai compté un retrait de 6 points" in m for m in messages), messages


def test_a_bare_count_answered_for_the_retrait_stays_its_points(domain):
    from actions import forms
    from tests.actions.test_forms import run as run_form
    text = "4 points"
    tracker = make_tracker(slots=C34_SLOTS, new_slots={"last_offence_points": 4}, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="last_offence_points",
                           form="probation_form")
    slots, _ = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["last_offence_points"] == 4 and "current_balance" not in slots


def test_the_probation_answer_walks_from_the_balance_stated_after_the_retrait(domain):
    text = "je ne sais pas, juin 2025 peut-être"
    slots = {**C34_SLOTS, "last_offence_points": 6, "offence_class": "c4", "fine_payment_date": "2025-06",
             "current_balance": 4, "stage_first_day": "2026-01-10"}
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, "2026-12-01"),
                           history=[user_said(C34_FIRST), user_said("je sais pas, il lui restait 4 points après")])
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "solde est aujourd'hui de 8 points sur 12 : 4 points après le retrait" in answer, answer
    assert "de 4 à 8 points" in answer and "de 6 à 10" not in answer, answer
    assert "le plafond reste à" not in answer, answer


def test_the_probation_answer_keeps_a_balance_stated_today(domain):
    text = "il me reste 5 points, combien j'en aurai ?"
    slots = {"licence_date": "2025-03-10", "supervised_driving": False, "complementary_training": False,
             "probation_offence": True, "offence_date": "2026-04-01", "last_offence_points": 1,
             "offence_class": "c3", "fine_payment_date": "2026-04-20", "current_balance": 5}
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, "2026-12-01"))
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "solde est aujourd'hui de 5 points sur 8 : le solde de 5 points que vous m'avez indiqué" in answer, answer


# --- 2. "il avait tous ses points" on a probationary licence: the ceiling of that time, not 12 (R1, R5) -----------

@pytest.mark.parametrize("text, ceiling", [
    ("il a tous ses points, s'il fait un stage il aura combien ?", 8),
    ("j'ai encore tous mes points, un stage me rapporterait quoi ?", 8),
])
def test_all_the_points_of_a_probationary_licence_are_its_ceiling(domain, text, ceiling):
    from actions.answers import Facts
    tracker = make_tracker(slots={"licence_date": "2025-03-10", "supervised_driving": False,
                                  "current_balance": 12}, text=text, entities=parsed(text, "2026-12-01"))
    facts = Facts(tracker)
    assert facts.number("current_balance") == ceiling
    assert any(f"c'est le plafond de votre permis aujourd'hui : {ceiling} points, pas 12" in n
               for n in facts.notes), facts.notes


def test_all_the_points_out_of_probation_stay_twelve(domain):
    from actions.answers import Facts
    text = "il avait tous ses points"
    tracker = make_tracker(slots={"licence_date": "2010-03-10", "current_balance": 12}, text=text,
                           entities=parsed(text, "2026-12-01"))
    facts = Facts(tracker)
    assert facts.number("current_balance") == 12 and not facts.notes


# --- 4. T26 c01: after the balance of two retraits, a correction that names one of them again keeps its figures
# and gives the balance again (not that offence's sheet); "il a combien de points aujourd'hui… ?" asks it ----------

C01_FIRST = ("Bonjour, je suis secrétaire dans une auto-école. Un de nos anciens élèves a eu son permis le 14 mars "
             "2024 (filière classique). Il s'est fait flasher à 97 sur une route à 80 en juin 2025, amende payée début "
             "juillet, puis téléphone au volant le 3 février 2026, payé le 20 février. Combien de points il a "
             "aujourd'hui ?")
C01_SLOTS = {"licence_date": "2024-03-14", "supervised_driving": False, "complementary_training": False,
             "last_question": "action_answer_check_balance"}


def _c01_tracker(text, **kw):
    entities = parsed(text, "2026-12-01")
    new = {e["entity"] if e["entity"] != "date" else "fine_payment_date": e["value"] for e in entities
           if e["entity"] in ("offence_type", "date")}
    first = {"event": "user", "text": C01_FIRST,
             "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(C01_FIRST, "2026-12-01")}}
    return make_tracker(slots=C01_SLOTS, new_slots=new, text=text, entities=entities,
                        history=[first, {"event": "action", "name": "action_answer_probation"}], **kw)


@pytest.mark.parametrize("text", [
    "c'est pas moi c'est mon élève ! et l'amende de vitesse a été payée début juillet 2025, pas le 31",
    "l'amende de l'excès de vitesse a été payée le 5 juillet 2025",
])
def test_a_story_s_offence_named_again_gives_the_balance_again(domain, text):
    from actions.corrections import ActionApplyCorrection
    _, answer = run(ActionApplyCorrection(), _c01_tracker(text), domain)
    assert "Excès de 17 km/h" not in answer, answer
    assert "solde est aujourd'hui de 5 points sur 8" in answer, answer


@pytest.mark.parametrize("text", [
    "ok mais du coup il a combien de points aujourd'hui mon élève, avec les 2 infractions ?",
    "et donc combien il lui reste aujourd'hui avec les deux ?",
    "elle a combien de points maintenant au final, avec tout ça ?",
])
def test_the_balance_of_someone_else_asked_after_a_story_is_answered(domain, text):
    from actions.fallback import ActionSuggestQuestions
    tracker = make_tracker(slots={**C01_SLOTS, "last_question": "action_answer_offence_points"},
                           intent="nlu_fallback", text=text, entities=parsed(text, "2026-12-01"),
                           history=[user_said(C01_FIRST)])
    events, _ = run(ActionSuggestQuestions(), tracker, domain)
    assert {"event": "followup", "name": "action_answer_check_balance"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events], events
