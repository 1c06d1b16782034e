"""Tester T17 (BOT_TODAY=2026-12-01): figures and dates the user gives or corrects, fixed by helper h35."""
from __future__ import annotations

import asyncio
import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, forms
from tests.actions.conftest import make_tracker, parsed, user_said

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def _slots_set(events) -> dict:
    return {e.get("name"): e.get("value") for e in events if isinstance(e, dict) and e.get("event") == "slot"}


def _texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


# -- c30: a day said alone corrects the refused date within its month ----------------------------------------------

@pytest.mark.parametrize("opening, text, expected", [
    ("j'ai payé mon amende pour exces de vitesse (+25 km/h) le 31 septembre 2026, quand je recupere mes 2 points ?",
     "le 30 alors", "2026-09-30"),
    ("amende réglée le 31/06/2026, 3 points, je les récupère quand ?", "pardon le 30", "2026-06-30"),
    ("payé le 30 février 2025, je récupère mon point quand ?", "ah non le 28", "2025-02-28"),
])
def test_a_bare_day_correcting_a_refused_date_keeps_its_month_and_year(domain, opening, text, expected):
    # T17 c30: "le 30 alors" after "Le 31/09/2026 n'existe pas" was read as 30 novembre 2026 (the last 30th), and the
    # recovery counted from it; it is 30 septembre 2026 (R9: 3 years from that payment)
    history = [user_said(opening, "ask_auto_recovery"),
               {"event": "bot", "text": "Le 31/09/2026 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    entities = parsed(text, TODAY)
    tracker = make_tracker(slots={"last_offence_points": 2}, form="auto_recovery_form",
                           requested_slot="fine_payment_date", intent="inform", text=text, entities=entities,
                           new_slots={"fine_payment_date": entities[0]["value"]}, history=history)
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(CollectingDispatcher(), tracker, domain))
    assert _slots_set(events).get("fine_payment_date") == expected, events


def test_a_bare_day_correcting_a_refused_date_after_an_answer_keeps_its_month(domain):
    told = "j'ai perdu 1 point pour un excès de 8 km/h, payé le 31/09/2026"
    text = "le 30 plutôt"
    history = [{"event": "slot", "name": "licence_date", "value": "2015-06-01"},
               user_said(told, "inform"),
               {"event": "bot", "text": "Le 31/09/2026 n'existe pas : vérifiez le jour et le mois."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={"licence_date": "2015-06-01", "last_offence_points": 1,
                                  "last_question": "action_answer_auto_recovery"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    events = asyncio.run(corrections.ActionApplyCorrection().run(CollectingDispatcher(), tracker, domain))
    assert _slots_set(events).get("fine_payment_date") == "2026-09-30", events


def test_a_full_date_correcting_a_refused_one_is_kept_as_said(domain):
    text = "pardon le 28 août 2026"
    history = [user_said("payé le 31/09/2026, 3 points, je récupère quand ?", "ask_auto_recovery"),
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    assert forms.date_correcting_impossible_one(tracker) == ("fine_payment_date", "2026-08-28")


# -- c19: a licence date corrected with its year, and the balance an answer had computed from the old one -----------

_PROBATION_FACTS = {"licence_date": "2024-06", "supervised_driving": False, "complementary_training": False,
                    "probation_offence": False}


def _after_probation_answer(opening: str) -> list:
    return [user_said(opening, "ask_probation"),
            {"event": "action", "name": "probation_form"},
            *({"event": "slot", "name": k, "value": v} for k, v in _PROBATION_FACTS.items()),
            {"event": "action", "name": "action_answer_probation"},
            {"event": "bot", "text": "Sans infraction depuis votre permis, votre solde est aujourd'hui de 10 points."},
            {"event": "slot", "name": "current_balance", "value": 10},
            {"event": "slot", "name": "last_question", "value": "action_answer_probation"},
            {"event": "action", "name": "action_listen"}]


@pytest.mark.parametrize("text", [
    "ah non pardon c'etait en juin 2023, le 6 juin",
    "pardon, le 6 juin 2023 en fait",
    "non c'était le 06/06/2023",
])
def test_a_licence_date_corrected_with_another_year_is_that_date_and_its_balance(domain, text):
    # T17 c19: "c'était en juin 2023, le 6 juin" after "juin 2024" kept 2024 (taken for the day of the month known);
    # probation over on 6 juin 2026 (R5): 12 points, and no "Votre solde de 10 points est possible" (10 was computed)
    history = _after_probation_answer("jai combien de points si jai eu mon permis en juin 2024 sans infraction ?")
    tracker = make_tracker(slots={**_PROBATION_FACTS, "current_balance": 10,
                                  "last_question": "action_answer_probation"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert _slots_set(events).get("licence_date") == "2023-06-06", events
    assert "12 points" in said and "6 juin 2026" in said, said
    assert "10 points est possible" not in said and "6 juin 2027" not in said, said


def test_a_day_without_its_year_still_completes_the_month_known(domain):
    # "le 6 juin exactement" (read as 6 juin 2026, the last one) after "juin 2025": 6 juin 2025, the day of that month
    text = "le 6 juin exactement"
    history = _after_probation_answer("permis en juin 2025, jamais d'infraction, j'ai combien ?")
    tracker = make_tracker(slots={**_PROBATION_FACTS, "licence_date": "2025-06", "current_balance": 8,
                                  "last_question": "action_answer_probation"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    events = asyncio.run(corrections.ActionApplyCorrection().run(CollectingDispatcher(), tracker, domain))
    assert _slots_set(events).get("licence_date") == "2025-06-06", events


# -- c16: a balance told after an offence not yet established is the balance before its retrait ---------------------

_SPEEDING = {"offence_date": "2026-11-30", "last_offence_points": 6, "offence_class": "delit",
             "offence_type": "speeding"}


def _after_speeding_answer() -> list:
    first = "flashé a 145 sur une nationale a 90 hier soir 😱 c grave ?"
    return [{"event": "user", "text": first,
             "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": parsed(first, TODAY)}},
            {"event": "action", "name": "action_answer_offence_points"},
            *({"event": "slot", "name": k, "value": v} for k, v in _SPEEDING.items()),
            {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
            {"event": "action", "name": "action_listen"}]


@pytest.mark.parametrize("text", [
    "c'est la vitesse retenue sur l'avis. probleme il me reste que 4 points (permis depuis 2011). je fais quoi ?",
    "j'ai plus que 4 points sur mon permis, je fais quoi ?",
    "il me reste 4 pts seulement",
])
@pytest.mark.parametrize("action", ["check_balance", "correction"])
def test_a_balance_told_after_an_offence_not_established_is_the_one_before_its_retrait(domain, text, action):
    # T17 c16: "il me reste que 4 points" after a 6-point délit of yesterday → "votre solde reste 12… passera à 6";
    # nothing is withdrawn before the offence is established (R2): 4 − 6 = −2, a stage after the retrait's decision and
    # before the 48SI's notification saves the licence with 2 points (R18)
    told = {"current_balance": 4, **({"licence_date": "2011"} if "2011" in text else {})}
    tracker = make_tracker(slots={**_SPEEDING, "last_question": "action_answer_offence_points"}, new_slots=told,
                           intent="nlu_fallback", text=text, entities=parsed(text, TODAY),
                           history=_after_speeding_answer())
    dispatcher = CollectingDispatcher()
    run = answers.ActionAnswerCheckBalance() if action == "check_balance" else corrections.ActionApplyCorrection()
    asyncio.run(run.run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert "-2" in said and "2 points" in said and "48SI" in said, said
    assert "12 points" not in said, said


def test_a_balance_told_after_the_payment_is_not_the_one_before(domain):
    # a balance told once the fine is paid counts its retrait: not taken for the one before it
    tracker = make_tracker(slots={**_SPEEDING, "fine_payment_date": "2026-11-30", "current_balance": 4})
    assert not answers.balance_told_before_establishment(tracker)


# -- c31: "C'est noté, je refais le calcul." said once ---------------------------------------------------------------

@pytest.mark.parametrize("text", ["non attends c'etait en 2023 pas 2024", "pardon c'était en 2023, pas 2024",
                                  "ah non 2023 pas 2024"])
def test_the_recalculation_is_announced_once(domain, text):
    # T17 c31: the year of the offence and its payment moved, then the balance answered again: the notice came twice
    first = "slt, j'ai grillé un stop, amende payée le 14 fevrier 2024. j'avais 12 points. j'ai combien aujourd'hui ?"
    known = {"offence_type": "stop_sign", "fine_payment_date": "2024-02-14", "current_balance": 12,
             "last_offence_points": 4, "offence_class": "4"}
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_check_balance"}, "entities": parsed(first, TODAY)}},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items()),
               {"event": "action", "name": "action_answer_check_balance"},
               {"event": "slot", "name": "last_question", "value": "action_answer_check_balance"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={**known, "last_question": "action_answer_check_balance"}, intent="nlu_fallback",
                           text=text, entities=parsed(text, TODAY), history=history)
    dispatcher = CollectingDispatcher()
    asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert said.count("je refais le calcul") == 1, said
    assert "14 février 2023" in said and "12 points" in said, said


# -- c04: a balance above 12 shown on the site, said while a form waits --------------------------------------------

@pytest.mark.parametrize("text, year, shown", [
    ("2019 je crois. mais sur le site ca m'affiche 15 je vous jure", "2019", "15"),
    ("en 2015. pourtant l'appli me montre 14 points", "2015", "14"),
    ("2018, mais le site indique 16 !", "2018", "16"),
])
def test_a_balance_above_the_maximum_shown_on_the_site_is_said_impossible_mid_form(domain, text, year, shown):
    # T17 c04: "j'ai 15 points c normal ??" refused, then the licence's date with "sur le site ça m'affiche 15": passed
    # over; 15 is impossible (R1: 12 at most), the official balance is on « Mes Points Permis »
    history = [user_said("j'ai 15 points c normal ??", "ask_probation"),
               {"event": "bot", "text": "Un permis compte au plus 12 points : 15 n'est pas possible."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(form="probation_form", requested_slot="licence_date", intent="inform", text=text,
                           entities=parsed(text, TODAY), new_slots={"licence_date": year}, history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert f"{shown} points n'est pas possible" in said and "Mes Points Permis" in said, said
    assert _slots_set(events).get("licence_date") == year, events


# -- c08: two offences of one check, with the offence's day and the payment's, and the balance before --------------

@pytest.mark.parametrize("text, first, points", [
    ("feu rouge + telephone au meme moment le 3 fevrier 2026 payé le 20 fevrier, j'avais 12 pts. il m'en reste combien",
     "red_light", 3),
    ("contrôlé le 3 février 2026 : feu rouge et téléphone en main, amende payée le 20 février. j'avais 12 points, "
     "il m'en reste combien ?", "red_light", 3),
    ("le 5 mars 2026 les gendarmes m'ont arrêté, pas de ceinture et téléphone, payé le 12 mars. j'avais 12 points, "
     "combien maintenant ?", "seatbelt", 3),
])
def test_the_offences_of_one_check_are_all_withdrawn_from_the_balance_told(domain, text, first, points):
    # T17 c08: "feu rouge + téléphone au même moment" gave "3 points, il vous reste 9" (the phone's alone): the offence's
    # day and its payment's are no two checks; 4 + 3 = 7 (red light), 3 + 3 = 6 (belt), under the cap of 8 (R3)
    expected = {"red_light": 7, "seatbelt": 6}[first]
    slots = {"offence_type": "phone", "current_balance": 12, "last_offence_points": points}
    tracker = make_tracker(new_slots=slots, intent="ask_check_balance", text=text, entities=parsed(text, TODAY))
    dispatcher = CollectingDispatcher()
    asyncio.run(answers.ActionAnswerCheckBalance().run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert re.search(f"{expected} points (?:sont )?retirés", said) and f"{12 - expected} points" in said, said
    assert "9 points" not in said, said


# -- c32: the recovery after three offences of one check: their points and class not asked again --------------------

@pytest.mark.parametrize("first, text", [
    ("arreté le 5 aout 2026 : 125 sur une route a 90 (vitesse retenue), telephone en main et pas de ceinture. tout payé "
     "le 12 aout. permis depuis 2005, j'avais 12. il me reste quoi ?",
     "jai deja payé le 12 aout je te dis. je les recupere quand mes points ?"),
    ("contrôlé le 5 août 2026, téléphone en main et pas de ceinture en même temps, payé le 12 août, j'avais 12",
     "je récupère mes points quand ?"),
    ("les gendarmes m'ont arrêté le 5 août 2026 : 125 au lieu de 90 et le téléphone, amende payée le 12 août",
     "et je les récupère quand ?"),
])
def test_the_recovery_after_offences_of_one_check_asks_not_their_points(domain, first, text):
    # T17 c32: after "retrait plafonné à 8 points" (R3), "je les récupère quand ?" asked "Combien de points…" then the
    # fine's amount; their points (capped) and the most serious class (4th: 3 years, R9) are known
    known = {"fine_payment_date": "2026-08-12", "offence_date": "2026-08-05", "current_balance": 12}
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": parsed(first, TODAY)}},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items()),
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={**known, "last_question": "action_answer_offence_points"}, intent="ask_auto_recovery",
                           text=text, entities=parsed(text, TODAY), history=history, form="auto_recovery_form")
    tracker.latest_action_name = "action_listen"
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    slots = _slots_set(events)
    expected = 8 if "ceinture" in first and "125" in first else 6
    assert slots.get("last_offence_points") == expected, events
    assert slots.get("offence_class") == "c4", events


@pytest.mark.parametrize("text", ["2023 !! pas 2024", "en 2023 je vous dis", "non 2023"])
def test_a_year_insisted_on_keeps_the_date_of_that_year_known(domain, text):
    # T17 c19: after "c'était en juin 2023, le 6 juin" was taken, "2023 !! pas 2024" asked "En quel mois de 2023 ?"
    known = {**_PROBATION_FACTS, "licence_date": "2023-06-06", "current_balance": 12}
    history = _after_probation_answer("jai combien de points si jai eu mon permis en juin 2024 sans infraction ?")
    tracker = make_tracker(slots={**known, "last_question": "action_answer_probation"},
                           intent="inform", text=text, entities=parsed(text, TODAY), history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    said = _texts(dispatcher)
    assert _slots_set(events).get("licence_date") in (None, "2023-06-06"), events
    assert "En quel mois" not in said and "12 points" in said, said


@pytest.mark.parametrize("first, kept, text, expected", [
    ("feu rouge + telephone au meme moment le 3 fevrier 2026 payé le 20 fevrier, j'avais 12 pts. il m'en reste combien",
     "phone", "ok et je les recupere quand ?", 7),
    ("arrêté le 3 février 2026, pas de ceinture et téléphone en main en même temps, payé le 20 février, j'avais 12",
     "seatbelt", "et je retrouve mes 12 points quand ?", 6),
    ("contrôlé le 3 février 2026 : feu rouge et pas de ceinture au même contrôle, amende réglée le 20 février",
     "red_light", "je les récupère quand du coup ?", 7),
])
def test_the_recovery_after_offences_of_one_check_counts_them_all_not_the_one_kept(domain, first, kept, text,
                                                                                     expected):
    # T18's replay of T17 c08: the balance answer gave 12 - 7 = 5, then "je les récupère quand ?" counted the phone
    # alone ("9 points, 3 points retirés"): the offence slot keeps one of the offences told together (the last one
    # read), and the recovery's form took its points. The offences of one check are all counted, capped (R3).
    known = {"fine_payment_date": "2026-02-20", "offence_date": "2026-02-03", "current_balance": 12,
             "offence_type": kept}
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_check_balance"}, "entities": parsed(first, TODAY)}},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items()),
               {"event": "action", "name": "action_answer_check_balance"},
               {"event": "slot", "name": "last_question", "value": "action_answer_check_balance"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={**known, "last_question": "action_answer_check_balance"},
                           intent="ask_auto_recovery", text=text, entities=parsed(text, TODAY), history=history,
                           form="auto_recovery_form")
    tracker.latest_action_name = "action_listen"
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(CollectingDispatcher(), tracker, domain))
    slots = _slots_set(events)
    assert slots.get("last_offence_points") == expected, events
    assert slots.get("offence_class") == "c4", events


def test_the_recovery_answer_after_offences_of_one_check_says_their_balance_without_a_scale_warning(domain):
    # T18's replay of T17 c08, the answer: 12 - 7 = 5, and no "au barème, le téléphone retire 3 points, pas 7" (the
    # 7 are the red light's and the phone's, not points the user said)
    first = ("feu rouge + telephone au meme moment le 3 fevrier 2026 payé le 20 fevrier, j'avais 12 pts. "
             "il m'en reste combien")
    text = "ok et je les recupere quand ?"
    known = {"fine_payment_date": "2026-02-20", "offence_date": "2026-02-03", "current_balance": 12,
             "offence_type": "phone", "last_offence_points": 7, "offence_class": "c4"}
    history = [{"event": "user", "text": first,
                "parse_data": {"intent": {"name": "ask_check_balance"}, "entities": parsed(first, TODAY)}},
               {"event": "action", "name": "action_answer_check_balance"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots={**known, "last_question": "action_answer_check_balance"},
                           intent="ask_auto_recovery", text=text, entities=parsed(text, TODAY), history=history)
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
    said = _texts(dispatcher)
    assert "20 février 2029" in said and "Solde aujourd'hui : 5 points" in said and "7 points retirés" in said, said
    assert "au barème" not in said, said
