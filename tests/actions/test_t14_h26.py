"""T14 (outside tester, BOT_TODAY=2026-12-01), items still partly right: c05, c38 (a form asks only what changes the
answer), c16, c27, c32, c04."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, user_said
from tests.actions.test_forms import run


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The tester's reference date."""


# --- c05, c38: "et si je fais un stage ?", 9 points, licence of 2015: the stage's day was asked, then said to change
# nothing. Out of probation, no stage in the last year, no retrait to come: the day is not asked (R1, R12, R13)

@pytest.mark.parametrize("licence, question", [
    ("2015", "et si je fais un stage ?"),
    ("2019", "un stage me rendrait combien de points ?"),
    ("2008-04-12", "si je fais un stage de récupération j'aurai combien ?"),
])
def test_the_stage_day_is_not_asked_when_it_changes_nothing(domain, licence, question):
    history = [user_said(question, "ask_points_after_stage")]
    tracker = make_tracker(slots={"current_balance": 9}, new_slots={"licence_date": licence}, history=history,
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "previous_stage_date"
    tracker = make_tracker(slots={"current_balance": 9, "licence_date": licence}, history=history,
                           new_slots={"previous_stage_date": "none"}, requested_slot="previous_stage_date",
                           form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] is None  # the form is done: the answer comes without the day


def test_the_day_of_one_s_own_stage_is_asked_its_points_date_is_the_answer(domain):
    # "combien de points j'aurai après mon stage ?": the day its points count (R12) is part of the answer
    history = [user_said("combien de points j'aurai après mon stage ?", "ask_points_after_stage")]
    tracker = make_tracker(slots={"current_balance": 9}, new_slots={"licence_date": "2015"}, history=history,
                           requested_slot="licence_date", form="points_after_stage_form")
    slots, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["requested_slot"] == "stage_first_day"


@pytest.mark.parametrize("slots, new", [
    # a stage 7 months ago: the day says whether a year has passed (R13)
    ({"current_balance": 9, "licence_date": "2015"}, {"previous_stage_date": "2026-05-04"}),
    # a probationary licence: the ceiling on the day of the stage (R5, R12)
    ({"current_balance": 4, "licence_date": "2025-03-10", "supervised_driving": False},
     {"previous_stage_date": "none"}),
    # a 48N received: the 4 months of the obligation and the refund (R15, R16)
    ({"current_balance": 3, "licence_date": "2015"},
     {"previous_stage_date": "none", "letter_code": "48N", "letter_48n_date": "2026-11-20"}),
])
def test_the_stage_day_is_asked_when_it_changes_the_answer(domain, slots, new):
    tracker = make_tracker(slots=slots, new_slots=new, requested_slot="previous_stage_date",
                           form="points_after_stage_form")
    asked, _ = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert asked["requested_slot"] == "stage_first_day"


# --- c16: 2 points, a red light paid (4): -2. The stage that saves the licence (R18) and the retrait effective at the
# ministry's decision (CE 29/09/2023) were each said two or three times in one reply: each fact once

@pytest.mark.parametrize("text", [
    "javais 2 points et j'ai grillé un feu rouge, amende payée le 20 novembre",
    "il me restait 2 points, j'ai brûlé un stop, j'ai payé l'amende le 20 novembre",
    "2 points sur mon permis et un feu rouge payé le 20/11, ça donne quoi ?",
])
def test_a_pending_loss_told_with_its_offence_says_each_fact_once(domain, text):
    from tests.actions.test_stage_balance_first_day import Chat
    reply = Chat(domain).say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "solde calculé est de -2" in reply and "pas une lettre 48N" in reply, reply
    assert reply.count("le sauve") == 1 and reply.count("prend effet") == 1, reply


# --- c27: a son's licence of September 2025, a red light last week not paid yet. In probation the 2/3-year recovery
# does not apply before the end of probation (R7): the pending offence's line says when the 12 points come for this
# case, not "une infraction commise n'est pas encore établie … bloque la récupération totale"

@pytest.mark.parametrize("text, known", [
    ("Bonjour, mon fils a eu son permis en septembre 2025 (sans conduite accompagnée). Il vient de griller un feu "
     "rouge la semaine derniere. Il va perdre combien et il lui restera combien ?",
     {"complementary_training": False, "fine_payment_date": "not_paid", "offence_date": "2026-11-23",
      "probation_offence": True, "last_offence_points": 4, "offence_class": "c4"}),
    ("permis depuis le 30 septembre 2025, pas de conduite accompagnée, feu rouge grillé le 23 novembre, amende pas "
     "encore payée : il me reste combien ?",
     {"complementary_training": False, "fine_payment_date": "not_paid", "offence_date": "2026-11-23",
      "probation_offence": True, "last_offence_points": 4, "offence_class": "c4"}),
])
def test_a_pending_offence_in_probation_says_when_the_12_points_come(domain, text, known):
    from tests.actions.test_stage_balance_first_day import Chat
    reply = Chat(domain).say(text, "ask_probation", answers.ActionAnswerProbation(), known)
    assert "4 points seront retirés" in reply, reply
    assert "bloque la récupération totale" not in reply
    assert "retrouvera 12 points 3 ans après le jour où l'infraction du 23 novembre 2026 sera établie, et pas avant " \
           "la fin de la période probatoire (30 septembre 2028)" in reply


# --- c04: 1 point paid 31 May 2026, back on 30 November 2026 (R8): the licence is full. "et si j'ai un autre excès
# demain ?": 12 → 11, the point back 6 months later; "au lieu du 31 mai 2028" compared with a full recovery the full
# licence no longer waits for (R1, R8, R9)

@pytest.mark.parametrize("what_if, day, intent", [
    ("et si j'ai un autre excès demain ?", "2 décembre 2026", "nlu_fallback"),
    # (an offence "avant" a day is placed the day before it: h30, T15 c26)
    ("si je me refais flasher avant mai 2028 ca change quoi pour mes points", "30 avril 2028", "inform"),
    ("et si je me refais flasher à 10 km/h de trop le 15 mars ?", "15 mars 2027", "nlu_fallback"),
])
def test_a_full_licence_s_what_if_compares_with_no_full_recovery_date(domain, what_if, day, intent):
    from actions import corrections, fallback
    from tests.actions.test_what_if import Conversation
    chat = Conversation(domain, "bonjour, flashé a 8km/h de trop sur autoroute (130), amende payee le 31 mai 2026. je "
                                "recupere le point quand ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-05-31", "last_offence_points": 1, "offence_class": "c3",
                         "offence_type": "speeding", "speed_limit": 130, "speed_excess": 8}, today="2026-12-01")
    assert "revenu le 30 novembre 2026" in chat.reply
    reply = chat.say(what_if, intent, fallback.ActionSuggestQuestions() if intent == "nlu_fallback" else
                     corrections.ActionApplyCorrection())
    assert reply.startswith(f"Si vous commettiez le {day} une infraction"), reply
    assert "de 12 points à 11 points" in reply and "Le point de cette infraction reviendrait" in reply
    # (its point back gives the 12 points again: no 2-year delay restarted is said, T16 c04)
    assert "au lieu du" not in reply and "retrouverait alors ses 12 points" in reply and "repartirait" not in reply


# --- c27, then "ah et si il fait le stage obligatoire, il remonte à combien ?": 8 points today, 4 after the retrait
# of the red light. The 48N's stage follows the letter that notifies the retrait: 4 + 4 = 8 (the frozen ceiling, R7,
# R12), and the fine is refunded (R16); it said "déjà au plafond de 8 points" from the balance before the retrait

C27_SLOTS = {"licence_date": "2025-09", "supervised_driving": False, "complementary_training": False,
             "fine_payment_date": "not_paid", "offence_date": "2026-11-23", "probation_offence": True,
             "last_offence_points": 4, "offence_class": "c4"}


@pytest.mark.parametrize("question", [
    "ah et si il fait le stage obligatoire, il remonte a combien ?",
    "et avec le stage de la 48N il aura combien ?",
    "s'il fait le stage obligatoire il récupère combien de points ?",
])
def test_the_compulsory_stage_is_credited_after_the_retrait_it_follows(domain, question):
    from tests.actions.test_stage_balance_first_day import Chat
    chat = Chat(domain)
    chat.slots.update(C27_SLOTS)
    reply = chat.say(question, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(),
                     {"current_balance": 8, "stage_first_day": "2027-01-11", "previous_stage_date": "none"})
    assert "déjà au plafond" not in reply, reply
    assert "de 4 à 8 points" in reply and "l'amende payée est remboursée" in reply, reply


# --- T16 c11 (replay of T15 c11): a son's licence of 4 March 2025, a red light of 5 October 2026 paid on 20 October:
# 4 of 8 today, the retrait counted (R7). "il n'a pas encore reçu la 48N, il peut faire un stage volontaire tout de
# suite ?" got "son solde passerait de 0 à 4 points", "le permis est sauvé : 0 + 4": the retrait taken off twice, the
# voluntary stage read as the compulsory one. The stage starts from 4: 4 + 4 = 8, the ceiling (R12)

C11_SLOTS = {"licence_date": "2025-03-04", "supervised_driving": False, "complementary_training": False,
             "fine_payment_date": "2026-10-20", "offence_date": "2026-10-05", "probation_offence": True,
             "last_offence_points": 4, "offence_class": "c4", "offence_type": "red_light", "current_balance": 4}


@pytest.mark.parametrize("question", [
    "il n'a pas encore recu la 48N. il peut faire un stage volontaire tout de suite pour pas perdre de temps ?",
    "il peut faire un stage avant la 48N ?",
    "un stage volontaire maintenant, avant de recevoir la lettre 48N, c'est possible ?",
])
def test_a_voluntary_stage_before_the_48n_starts_from_the_balance_that_counts_the_paid_retrait(domain, question):
    from tests.actions.test_stage_balance_first_day import Chat
    chat = Chat(domain)
    chat.slots.update(C11_SLOTS)
    reply = chat.say(question, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                     {"previous_stage_date": "none"})
    assert "de 0 à 4" not in reply and "0 + 4" not in reply, reply
    assert "de 4 à 8 points" in reply, reply
