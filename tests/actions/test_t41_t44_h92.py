"""Testers T41–T43 (replays on 1 December 2026), items of branch h92: stories of several offences told over several
sentences or turns, their dates and payments; the balance and the automatic recoveries (R1–R9)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t42-c07: a 1-point excess in the winter, a stop committed in the spring and paid in April (R8)

C07 = ("Bonjour madame, ma mère de 72 ans a eu son permis en 1975, elle a été flashée à 89 sur une route à 80 l'hiver "
       "dernier et elle a aussi eu un stop au printemps, payé en avril. elle a combien de points maintenant ?")


def test_a_stop_committed_in_the_spring_blocks_the_point_of_the_winter(domain):
    # t42-c07: "8 points … 1 point revenu … le 19 septembre 2026": the spring was read as 1 March, before the winter's
    # last day (19 March 2026, the excess's payment taken); the spring begins on 20 March, inside the 6 months: R8,
    # the point does not come back, 12 − 1 − 4 = 7
    # (the intent the model reads, ask_probation: a licence of 1975, its answer is the balance's)
    chat = opened(domain, C07, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 7 points"), chat.reply
    assert "est revenu le 19 septembre 2026" not in chat.reply


def test_the_day_of_the_stop_told_with_its_payment_blocks_the_point(domain):
    # t42-c07: "le stop c'était le 28 mars, elle a payé le 5 avril": the 28 March was not read as the day the stop was
    # committed; it is, 9 days after the excess's assumed payment (19 March): R8, no point back, 7 points
    chat = opened(domain, C07, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    reply = chat.say("pourquoi le point de la vitesse est revenu ? le stop c'était le 28 mars, elle a payé le 5 avril",
                     "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 7 points"), reply
    assert "28 mars 2026" in reply
    assert "est revenu le 19 septembre 2026" not in reply


# --- t42-c14: a phone paid on 15 January 2024, then a solid line crossed on 10 June 2024, paid 3 days later (R1, R9)

C14 = ("Bonjour. J'ai le permis depuis 20 ans. Petit historique : téléphone en janvier 2024 (payé le 15/01/2024), puis "
       "dépassement ligne continue en juin 2024 payé 3 jours après le 10 juin. Depuis rien. Aujourd'hui combien et "
       "quand je retrouve 12 ?")


def test_two_offences_told_one_after_the_other_are_both_counted(domain):
    # t42-c14: "Combien de points votre dernière infraction vous a-t-elle retirés ?", then "9 points … 3 points
    # retirés": "dépassement ligne continue" was read as two offences (an overtaking and the line) and the payment "3
    # jours après le 10 juin" was lost, so neither retrait was read; the phone (3) and the line (3): 6 points, 12 on
    # 13 June 2027 (R9: 3 years after the last payment, both 4e class)
    chat = opened(domain, C14, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "6 points" in chat.reply, chat.reply
    assert "13 juin 2027" in chat.reply
    assert "9 points" not in chat.reply



def test_the_correction_that_names_both_offences_keeps_both(domain):
    # t42-c14: "vous avez oublié le téléphone de janvier 2024 ! et le franchissement c'était le 10 juin, payé le 13
    # juin" got 9 points again, the one offence counted now called "téléphone"; both kept: 6 points, 12 on 13 June 2027
    from actions import corrections
    chat = opened(domain, C14, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("vous avez oublié le téléphone de janvier 2024 ! et le franchissement c'était le 10 juin, payé le "
                     "13 juin", "inform", corrections.ActionApplyCorrection())
    assert "Solde aujourd'hui : 6 points" in reply and "13 juin 2027" in reply, reply
    assert "franchissement d'une ligne continue" in reply and "téléphone tenu en main" in reply


@pytest.mark.parametrize("text, offence, paid", [
    ("dépassement ligne continue en juin 2024 payé 3 jours après le 10 juin", "2024-06-10", "2024-06-13"),
    ("stop le 10 juin 2026, payé 3 jours plus tard", "2026-06-10", "2026-06-13"),
    ("feu rouge le 28 février 2026, amende réglée deux jours après", "2026-02-28", "2026-03-02"),
])
def test_a_payment_told_by_its_delay_after_the_offence(text, offence, paid):
    from tests.actions.conftest import parsed
    dates = {(e["value"], e.get("role")) for e in parsed(text, TODAY) if e["entity"] == "date"}
    assert (offence, "offence") in dates and (paid, "payment") in dates, dates


@pytest.mark.parametrize("text", ["dépassement ligne continue", "dépassement de la ligne blanche"])
def test_an_overtaking_across_a_solid_line_is_one_offence(text):
    from tests.actions.conftest import parsed
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"] == ["solid_line_crossing"]


# --- t43-c18: "3 points pour une ceinture, puis 4 pour un stop, et 1 point pour un excès", then each one's day (R1, R8)

C18 = ("Bonjour, permis depuis 2005. J'ai perdu 3 points pour une ceinture, puis 4 pour un stop, et 1 point pour un "
       "excès. Je sais plus trop les dates : la ceinture c'était il y a 3 ans environ, le stop l'an dernier en mars, "
       "l'excès ce printemps. Il me reste combien ?")


def test_the_losses_told_first_and_their_days_after_are_each_offences(domain):
    # t43-c18: "il vous reste 9 points (12 − 3)": the stop's 4 points (said "4 pour un stop") and the excess's point
    # were dropped, their days told in the next sentence; 12 − 3 − 4 − 1 = 4, the excess's point back 6 months after
    # the spring (20 June 2026 at the latest → 20 December 2026), if no new offence (R8)
    chat = opened(domain, C18, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 4 points"), chat.reply
    assert "9 points" not in chat.reply
    assert "20 décembre 2026" in chat.reply



# --- t41-c11: "perdu 1 pt pour un exces de vitesse en juin", then "le 3 juillet" answered to the payment's question (R8)

C11 = "slt jai perdu 1 pt pour un exces de vitesse en juin, je le recupere quand ?"


def _paid_on_the_third_of_july(last: str):
    from tests.actions.conftest import make_tracker, parsed, user_said
    history = [user_said(C11, "ask_auto_recovery"),
               *({"event": "slot", "name": k, "value": v} for k, v in (
                   ("offence_type", "speeding"), ("last_offence_points", 1), ("offence_date", "2026-06"))),
               {"event": "bot", "text": "À quelle date avez-vous payé l'amende (ou la condamnation est-elle devenue "
                                        "définitive) ? C'est de là que part le délai."},
               user_said("le 3 juillet"), {"event": "slot", "name": "fine_payment_date", "value": "2026-07-03"},
               {"event": "bot", "text": "Le point retiré pour l'infraction payée le 3 juillet 2026 revient le 3 "
                                        "janvier 2027, si vous ne commettez pas d'autre infraction avec retrait d'ici "
                                        "là (article L.223-6 du Code de la route)."},
               user_said("ok merci c'était en ville a 50"), {"event": "slot", "name": "speed_limit", "value": 50},
               {"event": "slot", "name": "fine_payment_date", "value": None}]
    return make_tracker(slots={"offence_type": "speeding", "last_offence_points": 1, "speed_limit": 50}, text=last,
                        entities=parsed(last, TODAY), intent="inform", history=history)


def test_the_payment_answered_dates_the_offence_told_in_its_month():
    # t41-c11: four turns later "payée en juin 2026 … j'ai retenu le 30 juin … revient le 30 décembre 2026": the June
    # of the offence stood for its payment again, the 3 July answered was lost; one retrait, paid on 3 July (R2)
    from actions.offence_history import told_retraits
    told = told_retraits(_paid_on_the_third_of_july("je vous ai dit j'ai perdu 1 point, c'est tout ce que je veux "
                                                    "savoir"))
    assert [(r.points, r.said_date, r.paid_said) for r in told] == [(1, "2026-07-03", True)], told
    assert told[0].committed_date == "2026-06"


def test_the_point_comes_back_six_months_after_the_payment_answered(domain):
    from tests.actions.conversation import run
    # (t41-c11's fifth turn: "Solde aujourd'hui : 11 points (12 points avant l'infraction payée en juin 2026)")
    _, reply = run(answers.ActionAnswerCheckBalance(), _paid_on_the_third_of_july(
        "je vous ai dit j'ai perdu 1 point, c'est tout ce que je veux savoir"), domain)
    assert "3 janvier 2027" in reply, reply
    assert "30 décembre 2026" not in reply and "30 juin 2026" not in reply
