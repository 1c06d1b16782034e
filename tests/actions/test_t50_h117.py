"""Tester T50 (replays on 1 December 2026), items of branch h117."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t50-c12: a 48N stage finished "samedi" (28 November 2026), the refund asked (R15, R16) ---------------------------

C12 = ("jai fini mon stage obligatoire (48N) samedi, comment je fais pour me faire rembourser l'amende ? faut envoyer "
       "quoi et a qui")


def test_a_stage_finished_on_a_weekday_is_the_past_one_beside_a_bracketed_aside(domain):
    # t50-c12: "(48N)" cut "fini" off "samedi": the coming Saturday (5 December), the request's day 21 December; the
    # stage ended on Saturday 28 November, the request is due 15 days later, 13 December 2026 (R16 example 1)
    chat = opened(domain, C12, "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY)
    assert "13 décembre 2026" in chat.reply, chat.reply
    assert "21 décembre" not in chat.reply and "20 décembre" not in chat.reply, chat.reply


@pytest.mark.parametrize("text, day", [
    ("jai fini mon stage obligatoire (48N) samedi", "2026-11-28"),
    ("j'ai fait le stage (2 jours) samedi et dimanche", "2026-11-28"),
    ("je fais mon stage obligatoire (48N) samedi", "2026-12-05"),
    ("je vais faire le stage (48N) samedi", "2026-12-05"),
])
def test_a_short_bracketed_aside_does_not_cut_the_clause(text, day):
    dates = [e["value"] for e in parsed(text, TODAY) if e["entity"] == "date"]
    assert dates == [day], dates


# --- t50-c23: a cousin, alcohol and cannabis in October 2026 (9 points), 8 points before, a stage on 9 March 2026 --

C23 = ("mon cousin s'est fait contrôler en octobre 2026 positif au cannabis ET à l'alcool (0,9 g/l). il va perdre "
       "combien de points ?")


def test_the_next_stage_starts_from_the_balance_computed_below_zero(domain):
    # t50-c23: "Son solde calculé est de -1 … un stage terminé avant cette notification le sauve", then for the stage
    # of 10 March 2027 "son solde passera de 8 à 12 points", the 9 points forgotten; R18, R13: −1 + 4 = 3, and only if
    # the 48SI is not notified before the stage ends
    chat = opened(domain, C23, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    reply = chat.say("aie. il avait 8 points avant. il perd son permis du coup ?", "nlu_fallback",
                     answers.ActionAnswerZeroPoints())
    assert "solde calculé est de -1" in reply, reply
    reply = chat.say("problème : il a déjà fait un stage en mars 2026 (le 9 et 10). il peut en refaire un ?",
                     "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "9 mars 2027" in reply, reply
    assert "de 8 à 12" not in reply, reply
    assert "de -1 à 3 points" in reply, reply
    assert "48SI" in reply, reply


# --- t50-c15: offences "en continu … jamais 3 ans sans rien", the phone's 3 points paid 15 January 2017 (R10) -------

C15 = ("Je suis commercial, je roule 60 000 km par an et j'ai des petites infractions en continu depuis des années, "
       "jamais 3 ans sans rien. On m'a parlé d'une règle des 10 ans. Mes 3 points pour le téléphone payés le 15 "
       "janvier 2017, je les récupère quand ?")


def test_offences_told_as_never_three_years_apart_give_the_ten_year_rule_at_once(domain):
    # t50-c15: "Votre permis a retrouvé son maximum de points le 15 janvier 2020", the offences told ignored; R10: the
    # 3 points of a 4th-class contravention come back 10 years after its réalité, 15 January 2027
    # (the slots its form fills from the message: the phone, 3 points, 4th class)
    chat = opened(domain, C15, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY,
                  last_offence_points=3, offence_class="c4")
    assert "15 janvier 2027" in chat.reply, chat.reply
    assert "retrouvé son maximum de points le 15 janvier 2020" not in chat.reply, chat.reply


@pytest.mark.parametrize("text, said", [
    ("j'ai des petites infractions en continu depuis des années", True),
    ("jamais 3 ans sans rien", True),
    ("je n'ai jamais passé deux ans sans une amende", False),
    ("jamais deux ans sans une amende", True),
    ("des PV sans arrêt", True),
    ("ça fait 3 ans sans rien", False),
])
def test_offences_said_without_a_break(text, said):
    from actions.forms import _OFFENCES_SINCE
    from bot.nlu.fact_parsing import fold
    assert bool(_OFFENCES_SINCE.search(fold(text))) is said


# --- t50-c25: "début avril" answered to "Quel jour d'avril 2025 ?" (a payment of April 2025) ------------------------

@pytest.mark.parametrize("text", ["je sais plus, debut avril. mais pourquoi je suis bloqué a 6 ?", "fin avril",
                                  "en avril je crois"])
def test_a_month_without_its_year_completes_the_month_awaited(text):
    # t50-c25: "Vous avez indiqué début avril 2026 : je compte le 10 avril 2026" for the payment of April 2025: the
    # NLU reads the last April before today; the April asked about is the story's (R2, R9)
    from actions.slot_values import completed_date
    value = next(e["value"] for e in parsed(text, TODAY) if e["entity"] == "date")
    assert completed_date(text, value, "2025-04")[:7] == "2025-04", completed_date(text, value, "2025-04")
    assert completed_date("en avril 2026", "2026-04", "2025-04") == "2026-04"  # a year written keeps its own
    assert completed_date("en mai", "2026-05", "2025-04") == "2026-05"  # another month: not that one
