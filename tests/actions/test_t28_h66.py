"""Tester T28 (BOT_TODAY=2026-12-01), items of branch h66.

- c24: "arrêter le 5 novembre pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre", year-1
  probation: the payment was read as a phone committed on 20 November and the alcohol as not established (balance 3,
  then -3, two 48N). Offences told as found at one check, with one day of each role, are one event: both committed on
  5 November, paid on 20 November, 6 + 3 capped at 8 (R3), 6 - 8 = -2, a 48SI and not a 48N, a stage before its
  notification leaves 2 (R18, R20).
"""
from __future__ import annotations

import pytest

from actions import answers, forms
from actions.offence_history import retraits_in_message
from tests.actions.conftest import parsed
from tests.actions.test_t13_offences import first_answer

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


@pytest.mark.parametrize("text", [
    "Bonjour, mon mari a eu son permis en mai 2026 (premier permis, pas d'AAC). Il s'est fait arrêter le 5 novembre "
    "pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre. Qu'est-ce qui va se passer ?",
    "mon mari a son permis depuis mai 2026, premier permis, pas d'AAC. contrôlé le 5 novembre : alcool 0,4 g/l et "
    "téléphone, payé le 20 novembre. il a combien de points ?",
])
def test_offences_of_one_check_share_its_days_and_their_cap(domain, text):
    assert retraits_in_message(parsed(text, TODAY), text) == []  # one event, not two retraits each with one day
    answer = first_answer(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation())
    assert "8 points retirés" in answer and "solde calculé : -2" in answer  # R3: 6 + 3 capped at 8
    assert "-2 + 4 = 2 points" in answer  # R18
    assert "lettre 48SI" in answer and "pas une lettre 48N" in answer  # R15 edge case, R20
    assert "20 novembre 2026 (3 points)" not in answer and "pas encore établie" not in answer


def test_offences_of_separate_checks_keep_their_own_days():
    # two offence days: two events, each with its day (R3 example 4), even when a check is named
    text = "contrôlé le 3 mars 2026 pour un téléphone, payé le 10 mars. puis un feu rouge le 5 mai 2026, payé le 20 mai"
    told = retraits_in_message(parsed(text, TODAY), text)
    assert [(r.offence_type, r.said_date) for r in told] == [("phone", "2026-03-10"), ("red_light", "2026-05-20")]


# --- c30: "fin juin, genre le 28" answered to "Quel jour de juin 2025 ?"; a radar detector told beside a dated loss

C30 = ("Bonjour ! Alors voilà : permis depuis 1998. En juin 2025 j'ai eu un retrait de 4 points (sens interdit), payé "
       "fin juin. J'ai fait un stage les 15 et 16 septembre 2025. Et le 28 novembre 2026 j'ai été contrôlé avec un "
       "détecteur de radar, j'ai pas encore payé. Je suis à combien et qu'est-ce qui change quand je paierai ?")


@pytest.mark.parametrize("text", ["je sais plus, fin juin, genre le 28", "le 28 juin je crois", "euh le 28 juin"])
def test_a_day_and_month_without_year_complete_the_month_awaited(text):
    from actions.slot_values import completed_date
    value = next(e["value"] for e in parsed(text, TODAY) if e["entity"] == "date")
    assert value == "2026-06-28"  # the NLU's reading: the last 28 June before today
    assert completed_date(text, value, "2025-06") == "2025-06-28"  # the June asked about ("Quel jour de juin 2025 ?")
    assert completed_date("le 28 juin 2024", "2024-06-28", "2025-06") == "2024-06-28"  # a year written keeps its own
    assert completed_date("le 3 juillet", "2026-07-03", "2025-06") == "2026-07-03"  # another month: not that one


def test_an_offence_told_away_from_the_dated_loss_is_a_retrait_of_its_own():
    told = retraits_in_message(parsed(C30, TODAY), C30)
    assert [(r.offence_type, r.points, r.said_date, r.paid_said) for r in told] == [
        ("wrong_way", 4, "2025-06", True), ("radar_detector", None, "2026-11-28", False)]


def test_the_day_answered_dates_the_retrait_told_by_its_month(domain):
    from actions.offence_history import told_retraits
    from tests.actions.conftest import make_tracker
    history = [{"event": "user", "text": C30, "parse_data": {"intent": {"name": "ask_auto_recovery"},
                                                              "entities": parsed(C30, TODAY)}},
               {"event": "slot", "name": "last_offence_points", "value": 4},
               {"event": "slot", "name": "offence_type", "value": "wrong_way"},
               {"event": "slot", "name": "offence_date", "value": "2026-11-28"},  # (the radar detector's day)
               {"event": "user", "text": "je sais plus, fin juin, genre le 28",
                "parse_data": {"intent": {"name": "inform"}, "entities": parsed("je sais plus, fin juin, genre le 28",
                                                                                TODAY)}},
               {"event": "slot", "name": "fine_payment_date", "value": "2025-06-28"},
               {"event": "user", "text": "135 € ou plus", "parse_data": {"intent": {"name": "inform"}, "entities": []}},
               {"event": "slot", "name": "offence_class", "value": "c4"}]
    text = "et le détecteur de radar du 28 novembre ? quand je paie, je tombe à combien ?"
    from tests.actions.test_probation_facts import mapped_slots
    tracker = make_tracker(text=text, entities=parsed(text, TODAY), intent="ask_auto_recovery", history=history,
                           slots={**mapped_slots(domain, C30, "ask_auto_recovery", TODAY), "last_offence_points": 4, "offence_type": "wrong_way", "offence_class": "c4",
                                  "fine_payment_date": "2025-06-28", "offence_date": "2026-11-28"})
    told = told_retraits(tracker)
    # one retrait of June 2025, paid on the 28th; the radar detector to come: no "payée le 28 juin 2026" (T28 c30)
    assert [(r.offence_type, r.said_date) for r in told] == [("wrong_way", "2025-06-28"),
                                                             ("radar_detector", "2026-11-28")]
    assert told[0].committed_date is None or told[0].committed_date <= "2025-06-28"
    reply = run_answer(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert "Solde aujourd'hui : 12 points" in reply and "passera à 6 points" in reply  # R4 (6), R12 (stage)
    assert "2026 (contravention de 5e classe)" not in reply and "8 points" not in reply


def run_answer(action, tracker, domain) -> str:
    from tests.actions.test_what_if import run
    return run(action, tracker, domain)[1]


# --- c04: probation over yesterday, alcohol 0,3 g/l committed in its 3rd year, "il avait tous ses points"

C04 = ("Bonjour, je suis secrétaire dans une auto-école. Un de nos élèves, permis obtenu le 30 novembre 2023 (filière "
       "classique, pas d'AAC), a été contrôlé à 0,3 g/l de sang le 14 septembre 2026, il a payé l'amende le 22 septembre "
       "2026. Il avait tous ses points. Il lui reste quoi ? Il peut encore sauver son permis ?")


def c04_tracker(domain):
    from tests.actions.conftest import make_tracker
    from tests.actions.test_probation_facts import mapped_slots
    # (Rasa keeps the last value of a non-list slot: "classique, pas d'AAC" is one False)
    slots = {k: v[-1] if isinstance(v, list) and k != "offence_type" else v
             for k, v in mapped_slots(domain, C04, "ask_zero_points", TODAY).items()}
    return make_tracker(new_slots=slots, intent="ask_zero_points", text=C04, entities=parsed(C04, TODAY))


def test_a_balance_the_facts_keep_above_zero_is_not_the_card_of_zero_points(domain):
    from tests.actions.test_what_if import run
    events, reply = run(answers.ActionAnswerZeroPoints(), c04_tracker(domain), domain)
    assert "À 0 point" not in reply
    assert {"event": "followup", "timestamp": None, "name": "action_answer_check_balance"} in events


def test_the_full_balance_of_a_probation_over_since_is_its_ceiling_then(domain):
    # R5: 30/11/2023 → 8 on 30/11/2024, 10 on 30/11/2025; 0,3 g/l in probation, 6 points (R4, R.234-1); 10 − 6 = 4;
    # its 48N is due although the probation ended on 30/11/2026 (R15 edge case); 12 on 22/09/2029 (R7, R9)
    from tests.actions.test_what_if import run
    reply = run(answers.ActionAnswerCheckBalance(), c04_tracker(domain), domain)[1]
    assert "doit être compris entre" not in reply
    # (said of the pupil: "Un de nos élèves … il a payé", h62's reading of a story told for someone)
    assert reply.startswith("Solde aujourd'hui : 4 points, s'il avait 10 points avant l'infraction"), reply
    assert "(6 points) a été commise en période probatoire" in reply and "lettre 48N" in reply
    assert "22 septembre 2029" in reply


# --- c14: "j'ai 0 point", then "non en fait je suis a -2 d'apres mon calcul, j'ai pas encore recu de 48SI"

def test_a_balance_below_zero_told_after_the_balance_is_the_one_counted(domain):
    # R18 example 2: the retrait first, then the stage: -2 + 4 = 2, not "0 + 4 = 4"
    from actions.slot_values import NO_PREVIOUS_STAGE
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    correction = ("non en fait je suis a -2 d'apres mon calcul, j'ai pas encore recu de 48SI. si je fais un stage la "
                  "semaine prochaine j'aurai combien ? j'ai jamais fait de stage")
    def user_said(text, intent):
        return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent},
                                                              "entities": parsed(text, TODAY)}}
    history = [user_said("j'ai 0 point", "ask_zero_points"),
               {"event": "slot", "name": "current_balance", "value": 0},
               {"event": "bot", "text": "À 0 point, votre permis perd sa validité…"},
               user_said(correction, "ask_points_after_stage"),
               {"event": "slot", "name": "stage_first_day", "value": "2026-12-07"},
               {"event": "slot", "name": "previous_stage_date", "value": NO_PREVIOUS_STAGE},
               {"event": "slot", "name": "current_balance", "value": 0}]  # (the form sets the slots it holds again)
    slots = {"current_balance": 0, "stage_first_day": "2026-12-07", "previous_stage_date": NO_PREVIOUS_STAGE,
             "licence_date": "2012"}
    tracker = make_tracker(slots=slots, text="2012", entities=parsed("2012", TODAY), history=history)
    reply = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)[1]
    assert "-2 + 4 points = 2 points" in reply, reply
    assert "0 + 4" not in reply and "de 0 à 4 points" not in reply
    # one note on the stage's day: the day the answer shows ("d'ici le 8 décembre") follows from the week's Monday
    assert "j'ai compté qu'il commence le 7 décembre 2026" in reply and "supposé aucun" not in reply


# --- c16: "fin de l'année dernière" for the offence of a licence of July 2024 (probation, 3 points)

@pytest.mark.parametrize("text, value", [
    ("fin de l'année dernière", "2025-12"), ("à la fin de l'année dernière", "2025-12"),
    ("fin 2025", "2025-12"),
    ("l'année dernière", "2025"), ("en 2025", "2025"),
])
def test_the_end_or_start_of_a_year_is_its_month(text, value):
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "date"] == [value]


def test_an_offence_at_the_end_of_last_year_counts_the_first_anniversary(domain):
    # licence July 2024 (31 July, the safe day), phone (3 points) late 2025, paid 8 January 2026: the ceiling was 8
    # since 31 July 2025 (R5), 8 - 3 = 5, the 5 points the user told; a 48N follows (R15), not only the 48M
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    slots = {"licence_date": "2024-07", "supervised_driving": False, "probation_offence": True,
             "offence_type": "phone", "last_offence_points": 3, "offence_class": "c4",
             "offence_date": next(e["value"] for e in parsed("fin de l'année dernière", TODAY) if e["entity"] == "date"),
             "fine_payment_date": "2026-01-08", "complementary_training": False}
    tracker = make_tracker(slots=slots, intent="ask_probation", text="le 8", entities=[])
    reply = run(answers.ActionAnswerProbation(), tracker, domain)[1]
    assert "de 5 points sur 8" in reply, reply
    assert "1er janvier 2025" not in reply and "lettre 48N" in reply


# --- c06: a stage told as done before the suspension is the last one that gave points, not the one during it

def test_a_stage_done_before_the_suspension_is_the_previous_one(domain):
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    opening = ("Mon client a eu une suspension de 4 mois qui a commencé le 15 octobre 2026. Il a 5 points. Il peut faire "
               "un stage de recuperation pendant la suspension ? il gagnerait combien ?")
    told = "ah attendez il a deja fait un stage en fevrier 2026, les 9 et 10 fevrier. Ca bloque ? et il finit sa suspension quand ?"
    history = [{"event": "user", "text": opening, "parse_data": {"intent": {"name": "ask_suspension"},
                                                                  "entities": parsed(opening, TODAY)}},
               {"event": "slot", "name": "current_balance", "value": 5},
               {"event": "slot", "name": "licence_status", "value": "suspended"},
               {"event": "bot", "text": "Un permis suspendu ou retenu n'est pas invalidé : …"}]
    tracker = make_tracker(slots={"current_balance": 5, "licence_status": "suspended"}, intent="ask_suspension",
                           text=told, entities=parsed(told, TODAY), history=history)
    events, reply = run(answers.ActionAnswerSuspension(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("previous_stage_date") == "2026-02-09" and "stage_first_day" not in slots  # R13
    assert {"event": "followup", "timestamp": None, "name": "stage_eligibility_form"} in events
    assert "11 février 2026" not in reply
