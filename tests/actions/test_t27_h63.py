"""T27 (outside tester, conversations of 1 December 2026), items of branch h63: the probationary ceiling of the
offence's day, the 10-year rule with offences told since, answers to the points asked, the refused fact asked again."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

TODAY = "2026-12-01"
PHONE_2016 = {"last_offence_points": 3, "offence_class": "c4"}  # the phone's scale, filled by the form (R4)


def phone_of_2016(domain, text: str) -> Conversation:
    slots = {**mapped_slots(parsed(text, TODAY), domain), **PHONE_2016}
    return Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)


TEN_YEARS = "Les 3 points retirés pour l'infraction payée le 12 mai 2016 sont revenus le 12 mai 2026 par la règle des 10 ans"


@pytest.mark.parametrize("since", [
    "puis d'autres infractions à peu près tous les deux ans depuis",
    "puis un PV tous les 2 ou 3 ans",
    "puis d'autres infractions en 2018, 2020, 2022 et 2024",
])
def test_offences_told_every_few_years_since_leave_the_ten_year_rule(domain, since):
    # T27 c30: "Votre permis a retrouvé son maximum de points le 12 mai 2019" although offences followed every two
    # years; the 2 or 3 years without offence never ran, the 10-year rule gives the 4e-class points back (R9, R10)
    chat = phone_of_2016(domain, f"J'ai eu des amendes pour téléphone en 2016 (payée le 12 mai 2016), {since}. Est-ce "
                                 "que les points de 2016 me sont rendus un jour ?")
    assert "12 mai 2019" not in chat.reply
    assert TEN_YEARS in chat.reply


@pytest.mark.parametrize("intent, action", [
    ("inform", corrections.ActionApplyCorrection()),
    ("ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
])
@pytest.mark.parametrize("listed", [
    "non mais j'ai eu d'autres infractions entre temps, en 2018, 2020, 2022 et 2024, donc pas de récupération des 3 "
    "ans. Je parle de la règle des 10 ans",
    "j'ai eu plusieurs PV entre-temps",
    "mais j'ai eu d'autres amendes en 2019 et 2023",
])
def test_offences_listed_after_the_answer_are_counted(domain, intent, action, listed):
    # T27 c30: the years listed after the answer got the same full recovery of 2019 again (R10 example 1)
    chat = phone_of_2016(domain, "Amende pour téléphone payée le 12 mai 2016. Est-ce que les points de 2016 me sont "
                                 "rendus un jour ?")
    assert "retrouvé son maximum de points le 12 mai 2019" in chat.reply  # (nothing said of later offences)
    reply = chat.say(listed, intent, action)
    assert "retrouvé son maximum de points le 12 mai 2019" not in reply
    assert TEN_YEARS in reply


# --- T27 c18: licence 2 February 2025, 0,3 g/l on 14 November 2026: the ceiling of that day is 8 (R5, R7)

C18 = ("Mon fils de 19 ans a eu son permis le 2 février 2025, il s'est fait contrôler avec 0,3 g d'alcool dans le sang "
       "le 14 novembre. Il va perdre son permis ?")


def test_an_offence_of_the_second_year_leaves_points_and_a_48n(domain):
    # T27 c18: "le 14 novembre" of a check told in the past was read as 14 November 2027, so the offence's day was
    # not known, the first year's ceiling (6) was counted, and the card of 0 points answered; 8 − 6 = 2 (R5, R7,
    # R15: a retrait of 3 points or more in probation brings a 48N)
    slots = mapped_slots(parsed(C18, TODAY), domain)
    assert slots.get("offence_date") == "2026-11-14"
    chat = Conversation(domain, C18, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)
    assert chat.reply.startswith("Non : d'après ce que vous m'avez dit, il lui reste 2 points (8 − 6)")
    assert "lettre 48N" in chat.reply and "4 mois" in chat.reply
    assert "plafond de 6 points" not in chat.reply and "solde calculé est de 0" not in chat.reply


def test_the_day_of_the_offence_told_again_sets_the_ceiling(domain, monkeypatch):
    # T27 c18's second turn: the check's day first read as a day to come (14 November 2027, no day of the offence
    # known), then "c'était le 14 novembre 2026": that day's ceiling, 8, not the safe 6 of a day unknown (R5, R7)
    from tests.actions import conversation
    misread = [{**e, "value": "2027-11-14", "role": None} if e.get("value") == "2026-11-14" else e
               for e in parsed(C18, TODAY)]
    monkeypatch.setattr(conversation, "parsed", lambda text, today=TODAY: misread if text == C18 else parsed(text, today))
    slots = mapped_slots(misread, domain)
    chat = Conversation(domain, C18, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)
    assert "plafond de 6 points, celui d'une infraction commise avant le 2 février 2026" in chat.reply
    reply = chat.say("c'était le 14 novembre 2026, il y a 2 semaines", "inform", corrections.ActionApplyCorrection())
    assert chat.slots.get("offence_date") == "2026-11-14"
    assert "il lui reste 2 points (8 − 6)" in reply
    assert "plafond de 6 points" not in reply and "solde calculé est de 0" not in reply


# --- T27 c09: the points of the offence told, "un", "1 point", "l'été dernier"

def recovery_form_answer(domain, text: str, requested: str, new_slots: dict, slots: dict):
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), requested_slot=requested,
                           form="auto_recovery_form", new_slots=new_slots, slots=slots)
    return run_form(forms.ValidateAutoRecoveryForm(), tracker, domain)


@pytest.mark.parametrize("text", [
    "bonjour, quand est ce que je recupere mon point ? jai eu un exces de vitesse de 1 point",
    "un excès de vitesse à 1 point, je le récupère quand ?",
])
def test_the_points_of_the_offence_told_with_it_are_not_asked(domain, text):
    # T27 c09: "un excès de vitesse de 1 point" had no role: "Combien de points … retirés ?" was asked (R8)
    assert mapped_slots(parsed(text, TODAY), domain).get("last_offence_points") == 1


@pytest.mark.parametrize("text", ["un", "une seule", "juste un"])
def test_one_said_in_words_answers_the_points_asked(domain, text):
    # T27 c09: "un" to "Combien de points … retirés ?" got "Je n'ai pas compris votre réponse."
    numbers = [e["value"] for e in parsed(text, TODAY) if e["entity"] == "number"]
    assert numbers == [1]
    slots, messages = recovery_form_answer(domain, text, "last_offence_points", {"last_offence_points": 1},
                                           {"offence_type": "speeding"})
    assert slots["last_offence_points"] == 1 and messages == []


def test_one_point_answered_to_the_points_asked_is_no_balance_refused(domain):
    # T27 c09: "1 point" was taken as the retrait, then the balance set back to none was "validated": "Indiquez un
    # nombre de points, de 0 à 12 : par exemple 7."
    slots, messages = recovery_form_answer(domain, "1 point", "last_offence_points",
                                           {"last_offence_points": 1, "current_balance": 1}, {"offence_type": "speeding"})
    assert slots["last_offence_points"] == 1 and slots.get("current_balance") is None
    assert messages == []


@pytest.mark.parametrize("text, season, safe, day", [
    ("l'été dernier", "l'été 2026", "22 septembre 2026, la fin de l'été", "2026-09-22"),
    ("au printemps", "le printemps 2026", "20 juin 2026, la fin du printemps", "2026-06-20"),
])
def test_a_payment_told_by_its_season_counts_from_its_safe_end_at_once(domain, text, season, safe, day):
    # T27 c09: "l'été dernier" got "Quel jour de juin 2026 ?", a month the user never said; the season's safe end is
    # taken and said (R8: the point comes back no sooner), not a day of its first month asked
    month = [e["value"] for e in parsed(text, TODAY) if e["entity"] == "date"][0]
    slots, messages = recovery_form_answer(domain, text, "fine_payment_date", {"fine_payment_date": month},
                                           {"offence_type": "speeding", "last_offence_points": 1, "offence_class": "c3"})
    assert slots["fine_payment_date"] == day
    assert messages == [f"Vous avez indiqué {season} : sans le jour exact, je compte à partir du {safe}, la date la "
                        "plus prudente : vos points ne reviendront pas plus tôt. Donnez-moi le jour exact si vous le "
                        "retrouvez."]
    assert "juin 2026 ne suffit pas" not in " ".join(messages)


# --- T27 c22, c23: the balance asked is said; the balance refused is asked again first

def test_the_balance_asked_of_a_probation_over_is_said_first(domain):
    # T27 c22: "combien j'ai de points ?" got the ceiling and the end of probation; "12 points" only when asked again
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run as run_action
    history = [{"event": "user", "text": "j'ai eu mon permis le 15/03/2027, combien j'ai de points ?",
                "parse_data": {"intent": {"name": "ask_probation"}, "entities": []}},
               {"event": "user", "text": "pardon, le 15/03/2024", "parse_data": {"intent": {"name": "inform"},
                                                                               "entities": []}}]
    tracker = make_tracker(intent="affirm", text="Oui", slots={"licence_date": "2024-03-15", "supervised_driving": True},
                           history=history)
    _, reply = run_action(answers.ActionAnswerProbation(), tracker, domain)
    assert reply.startswith("Si vous n'avez perdu aucun point depuis l'obtention du permis, votre solde est aujourd'hui "
                            "de 12 points")
    assert "Avez-vous eu une infraction qui vous a retiré des points ?" in reply
    assert "terminée depuis le 15 mars 2026" in reply  # (the probation's answer still follows, R5)


def test_the_probation_asked_without_the_count_is_not_given_the_balance(domain):
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run as run_action
    history = [{"event": "user", "text": "mon permis probatoire se termine quand ?",
                "parse_data": {"intent": {"name": "ask_probation"}, "entities": []}}]
    tracker = make_tracker(intent="inform", text="le 15/03/2024", slots={"licence_date": "2024-03-15",
                                                                       "supervised_driving": True}, history=history)
    _, reply = run_action(answers.ActionAnswerProbation(), tracker, domain)
    assert "votre solde est aujourd'hui" not in reply


def test_a_balance_refused_is_asked_again_before_another_fact(domain):
    # T27 c23: "j'ai 15 points sur mon permis, je peux faire un stage ?": refused (R1), then the last stage was asked
    # before the balance
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import run as run_form
    text = "j'ai 15 points sur mon permis, je peux faire un stage ?"
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text, TODAY),
                           form="stage_eligibility_form", new_slots={"current_balance": 15})
    slots, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert messages == ["Un permis compte au plus 12 points : 15 n'est pas possible."]
    assert slots["current_balance"] is None and slots["requested_slot"] == "current_balance"
