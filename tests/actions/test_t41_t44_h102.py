"""Testers T42–T43 (replays on 1 December 2026), items of branch h102: the 10 years' question (R10) over a story of
several offences told with their years only, and a day told loosely for a month the bot approximated."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t42-c04: a 2-point speeding paid in March 2017, then a seatbelt, a phone and a red light told by their years

C04 = ("Bonsoir. Situation compliquée : permis depuis 2009. En 2017 j'ai pris 2 pts pour vitesse (payé en mars 2017), "
       "puis depuis j'ai eu plein de trucs, ceinture en 2019, tel en 2021, feu rouge en 2024. Est ce que les points de "
       "2017 reviennent avec la règle des 10 ans ?")


def test_every_offence_of_the_story_is_read_with_its_year():
    # t42-c04: "pour vitesse" (a weak cue) lost to the other offences named, "tel en 2021" was not the phone, and
    # "En 2017" beside "payé en mars 2017" made two payments for one loss: nothing paired
    from actions.offence_history import retraits_in_message
    told = retraits_in_message(parsed(C04, TODAY), C04)
    assert [(r.offence_type, r.said_date, r.points) for r in told] == [
        ("speeding", "2017-03", 2), ("seatbelt", "2019", None), ("phone", "2021", None), ("red_light", "2024", None)]


@pytest.mark.parametrize("text, offence", [
    ("j'ai perdu 2 points pour vitesse en 2019 et 3 pour un stop en 2022", "speeding"),
    ("ceinture en 2019, tel en 2021", "phone"),
    ("un stop en mars, le tel le 3 avril", "phone"),
])
def test_offences_named_in_a_list_of_years(text, offence):
    kinds = {e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"}
    assert offence in kinds, kinds


@pytest.mark.parametrize("text", ["un tel excès en 2021 ?", "à tel point que en 2020 j'ai arrêté"])
def test_tel_as_a_word_is_not_the_phone(text):
    assert "phone" not in {e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"}


def test_a_year_told_again_by_its_payment_is_not_a_second_payment():
    dates = {(e["value"], e.get("role")) for e in parsed(C04, TODAY) if e["entity"] == "date"}
    assert ("2017-03", "payment") in dates and ("2017", "payment") not in dates, dates


def test_the_ten_years_question_over_a_story_answered_first(domain):
    # t42-c04: "Solde aujourd'hui : 12 points … 2 points revenus", the three later offences ignored, the speeding
    # called a red light; the 10 years' day (R10) only at turn 4. Now all four counted (the scale's points for those
    # told without them, R4; the years at their last day, said), the question answered first: March 2017 + 10 years,
    # its last day as the payment's day is not told; and the 0 those retraits reach (R1, R20)
    chat = opened(domain, C04, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert chat.reply.startswith("Pas encore : les 2 points retirés en mars 2017 reviendront le 31 mars 2027 par la "
                                 "règle des 10 ans"), chat.reply
    assert "le 31 mars 2017, le dernier jour de mars 2017, faute du jour exact" in chat.reply
    assert "seulement si votre permis n'est pas invalidé d'ici là" in chat.reply
    assert "feu rouge (fixe ou clignotant) non respecté » retire 4 points" not in chat.reply
    assert "Solde aujourd'hui : 12 points" not in chat.reply
    assert "3 points pour « conducteur sans ceinture de sécurité »" in chat.reply
    assert "3 points pour « téléphone tenu en main" in chat.reply


# --- t43-c08: after the 10 years' answer, a day told loosely for the month the bot took "environ"

C08 = ("Bonjour, j'ai 3 questions. J'ai perdu 6 points pour alcool (0,6 g) payé en avril 2016, puis 3 points ceinture "
       "payé en mai 2017, puis 2 points vitesse en 2019, puis encore un téléphone il y a un an et demi. Est ce que les "
       "points de 2016 sont revenus avec la règle des 10 ans ?")


@pytest.mark.parametrize("text", ["je sais pas le jour, disons le 10", "mettons le 10", "vers le 10", "le 10 je crois"])
def test_a_day_told_loosely_completes_the_month_taken(domain, text):
    # t43-c08: "j'ai compté à partir du 1er juin 2025 environ … Donnez-moi la date exacte", then "je sais pas le jour,
    # disons le 10": read as dont_know it kept the day taken, as inform it gave the whole answer again with 1 June
    # 2025 (the 10th read as 10 November 2026). The phone's 10 June 2025: the maximum back 3 years later (R9)
    from actions import corrections
    chat = opened(domain, C08, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "j'ai compté à partir du 1er juin 2025 environ" in chat.reply, chat.reply
    assert "retrouvera son maximum de points le 1er juin 2028" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "retrouvera son maximum de points le 10 juin 2028" in reply, reply
    assert "1er juin 2025 environ" not in reply


def test_a_day_told_loosely_read_as_dont_know(domain):
    from tests.actions.conversation import run
    chat = opened(domain, C08, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    tracker = chat.tracker("je sais pas le jour, disons le 10", "dont_know")
    events, said = run(answers.ActionDontKnow(), tracker, domain)
    assert any(e.get("event") == "followup" and e.get("name") == "action_apply_correction" for e in events), events
    assert "je garde" not in said


def test_the_day_of_the_month_then_told_gives_the_ten_years_day(domain):
    # t42-c04, "le 15 je crois" after the answer that took March 2017's last day: 15 March 2027 (R10)
    from actions import corrections
    chat = opened(domain, C04, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("le 15 je crois", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Pas encore : les 2 points retirés le 15 mars 2017 reviendront le 15 mars 2027 par la règle "
                            "des 10 ans"), reply
