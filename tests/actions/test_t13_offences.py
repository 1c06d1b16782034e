"""Tester T13 (main 889a3fa, BOT_TODAY=2026-12-01): offences' points, their recovery, and what follows them.

- c13: "excès de 35 km/h + tel + ceinture au même contrôle": "tel" alone, an item of the list, is the phone; the three
  add up to 9, capped at 8 at one check (R3 example 1). The first answer counted 6; "donc au total pour les 3
  infractions je perds combien" then got "Quelle infraction ?": the total that answer gave.
- c27: "il a pas encore payé, il a reçu l'avis hier" to the payment question: the day said is the notice's, not a payment;
  the fine not paid, nothing is withdrawn yet (balance 8), 4 points when it is paid or final (R2), a 48N follows (R15);
  the offence's answer that follows ("il va perdre combien") gives its points and fine, not the same notes again.
- c12: "0,6 g/l et 75 sur une route à 50" (8 points, right), then "et je vais passer au tribunal ?" got what 0 points
  does, and "0,6 g/l c'est un délit ?" the points again: both contraventions of the 4th class, no court unless
  contested; a délit from 0,8 g/l (R4, R.234-1 / L.234-1) or 50 km/h over (L.413-1).
- c35: "je vais aller au tribunal ?" after a délit of speed (145 for 90): "Quelle est votre question ?", then not
  understood: a délit, judged by the tribunal correctionnel unless the AFD of 300 € is proposed and paid (R4).
- c26: "combien de points pour un feu rouge" (4, right), then "et ça revient quand si je paye aujourd'hui" got the
  fine, and "les points du feu rouge, je les récupère quand si je paye l'amende aujourd'hui 1er décembre" "infraction
  mal décrite": paid today, all points back on 1 December 2029 (4th class, 3 years, R9) without a new offence, and
  on 1 December 2036 at the latest (10-year rule, R10).
- c10: "flashé à 97 sur une route à 80" (1 point, right), then "et si c'était ce que le compteur affichait, 97 ?" read
  97 as a balance, and "le radar m'a flashé à 97 affiché" kept 97: a speed said as displayed or measured is the
  radar's, less its margin (5 km/h below 100 km/h, 5 % above; R4, arrêté du 4 juin 2009): 92 kept, 12 over, 1 point.
"""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_probation_facts import mapped_slots, run
from tests.actions.test_what_if import Conversation as _Conversation
from tests.actions.test_what_if import mapped_slots as slots_of_entities

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


class Conversation(_Conversation):
    """A conversation whose messages are read on the testers' day (1 December 2026: "aujourd'hui" is that day)."""

    def tracker(self, text: str, intent: str, form=None):
        entities = parsed(text, TODAY)
        return make_tracker(slots=self.slots, new_slots=slots_of_entities(entities, self.domain), text=text,
                            entities=entities, intent=intent, history=list(self.events), form=form)


def first_answer(domain, text: str, intent: str, form_name: str, validator, action) -> str:
    """An opening message as the server runs it: the form's validation of the slots it fills, then the answer."""
    told = mapped_slots(domain, text, intent, TODAY)
    tracker = make_tracker(new_slots=told, intent=intent, text=text, entities=parsed(text, TODAY), form=form_name)
    events = asyncio.run(validator.run(CollectingDispatcher(), tracker, domain))
    slots = {**told, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    _, answer = run(action, make_tracker(slots=slots, intent=intent, text=text, entities=parsed(text, TODAY)), domain)
    return answer


# --- c13: "tel" as an item of a list of offences is the phone (R4, R.412-6-1); 3 + 3 + 3 capped at 8 (R3 ex. 1)

@pytest.mark.parametrize("text", [
    "excès de 35 km/h + tel + ceinture au meme controle, combien de pts ?",  # t13-c13
    "excès de 35 km/h, tel, ceinture, tout au même contrôle, ça fait combien ?",
    "ceinture et tel et 35 km/h de trop en même temps, je perds combien ?",
])
def test_tel_named_in_a_list_of_offences_at_one_check_is_the_phone(domain, text):
    assert sorted(e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type") == \
        ["phone", "seatbelt", "speeding"]
    answer = first_answer(domain, text, "ask_offence_points", "offence_points_form",
                          forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints())
    assert "téléphone tenu en main, oreillette ou casque : 3 points" in answer, answer
    assert "Les retraits s'additionnent (9) mais sont plafonnés à 8 points" in answer


@pytest.mark.parametrize("text, phones", [
    ("un tel excès, c'est combien de points ?", 0), ("tel que je vous le dis, 35 km/h de trop", 0),
    ("à tel point que j'ai eu peur", 0), ("et tel ou tel excès, ça change quoi ?", 0),
    ("et le téléphone ??? j'ai dit tel aussi", 1),  # one phone, said twice
])
def test_tel_as_a_word_of_the_sentence_is_no_phone(text, phones):
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"].count("phone") == phones


# --- c27: a fine not paid, said with the day of its notice, is no payment: the offence is not established yet, its
# 4 points are withdrawn when the fine is paid or becomes final (R2); a 48N follows in probation (R15)

SON_RED_LIGHT = {"licence_date": "2025-09", "supervised_driving": False, "complementary_training": False,
                 "probation_offence": True, "offence_type": "red_light", "offence_date": "2026-11-23",
                 "last_offence_points": 4, "offence_class": "c4"}


@pytest.mark.parametrize("text", [
    "il a pas encore payé, il a recu l'avis hier",  # t13-c27
    "pas encore payée, l'avis est arrivé le 28 novembre",
    "elle est toujours pas payée, on l'a reçue avant-hier",
])
def test_a_fine_not_paid_said_with_the_day_of_its_notice_withdraws_nothing_yet(domain, text):
    entities = parsed(text, TODAY)
    day = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(slots=SON_RED_LIGHT, new_slots={"fine_payment_date": day}, text=text, entities=entities,
                           form="probation_form", requested_slot="fine_payment_date")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("fine_payment_date") == "not_paid", slots
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots={**SON_RED_LIGHT, **slots}, text=text,
                                                                  entities=entities), domain)
    assert answer.startswith("Votre solde est aujourd'hui de 8 points : l'infraction du 23 novembre 2026 ne retire "
                             "rien tant qu'elle n'est pas établie"), answer
    assert "4 points seront retirés" in answer and "lettre 48N" in answer and "2029" not in answer


def test_a_payment_to_come_said_with_not_paid_keeps_its_day(domain):
    text = "pas encore payée, je vais la payer le 10 décembre"
    entities = parsed(text, TODAY)
    day = next(e["value"] for e in entities if e["entity"] == "date")
    tracker = make_tracker(slots=SON_RED_LIGHT, new_slots={"fine_payment_date": day}, text=text, entities=entities,
                           form="probation_form", requested_slot="fine_payment_date")
    events = asyncio.run(forms.ValidateProbationForm().run(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("fine_payment_date") == \
        "2026-12-10"


# --- c12 / c35: court asked after an offence answer: délit or contravention (R4)

ALCOHOL_AND_SPEED = "controlé a 0,6 g/l dans le sang et en plus a 75 sur une route a 50, ca fait combien de points"


def alcohol_and_speed(domain) -> Conversation:
    chat = Conversation(domain, ALCOHOL_AND_SPEED, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 50, "speed_excess": 25, "speed_measured": 75,
                         "other_offences": ["alcohol"]})
    assert "Les retraits s'additionnent : 8 points au total" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text, intent, action", [
    ("et je vais passer au tribunal ?", "ask_zero_points", answers.ActionAnswerZeroPoints()),  # t13-c12
    ("non je demande si avec 0,6 g/l c'est un délit et si je passe devant le juge", "nlu_fallback",
     fallback.ActionSuggestQuestions()),  # t13-c12
    ("c'est un délit ça ? je risque des poursuites ?", "inform", corrections.ActionApplyCorrection()),
])
def test_court_asked_after_offences_of_one_check_says_both_are_contraventions(domain, text, intent, action):
    chat = alcohol_and_speed(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Non : aucune de ces infractions n'est un délit"), reply
    assert "Alcool au volant (contravention) : contravention de 4e classe (article R.234-1" in reply
    assert "Excès de vitesse de 25 km/h : contravention de 4e classe (article R.413-14" in reply
    assert "à partir de 0,8 g/l" in reply and "50 km/h au-dessus de la limite" in reply
    assert "48SI" not in reply and "retrait de 6 points" not in reply


def test_court_asked_twice_after_offences_of_one_check(domain):
    chat = alcohol_and_speed(domain)
    chat.say("et je vais passer au tribunal ?", "ask_zero_points", answers.ActionAnswerZeroPoints())
    reply = chat.say("non je demande si avec 0,6 g/l c'est un délit et si je passe devant le juge", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert reply.startswith("Non : aucune de ces infractions n'est un délit"), reply


SPEED_DELIT = "flashé a 145 sur une nationale a 90 le mois dernier, c grave ?"


@pytest.mark.parametrize("text", [
    "merci c'est bien la vitesse de l'avis. je vais aller au tribunal ?",  # t13-c35
    "est ce que c'est un délit donc tribunal ou juste une amende ?",  # t13-c35
    "ok c'est bien ce qui est écrit sur l'avis. est-ce que je vais être convoqué devant un juge ?",
])
def test_court_asked_after_a_speeding_delit_says_how_it_is_handled(domain, text):
    chat = Conversation(domain, SPEED_DELIT, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 90, "speed_measured": 145, "speed_excess": 55})
    assert "(délit)" in chat.reply
    first = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert first.startswith("Oui : c'est un délit, pas une contravention (article L.413-1"), first
    assert "tribunal correctionnel" in first and "300 €" in first
    again = chat.say("donc tribunal ou pas ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert again.startswith("Oui : c'est un délit"), again


# --- c26: when the points of an offence asked in general come back, paid on the day said (R9, R10)

RED_LIGHT = "<b>combien</b> de points pour un feu rouge 😅😅"


@pytest.mark.parametrize("text, intent, action", [
    ("et ca revient quand si je paye aujourd'hui", "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("les points du feu rouge, je les recupere quand si je paye l'amende aujourd'hui 1er decembre",
     "ask_auto_recovery", answers.ActionAnswerAutoRecovery()),  # t13-c26
    ("je les retrouve quand si je règle l'amende maintenant ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_points_of_an_offence_asked_in_general_come_back_from_the_payment_said(domain, text, intent, action):
    chat = Conversation(domain, RED_LIGHT, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "red_light"})
    assert "retrait de 4 points (contravention de 4e classe)" in chat.reply
    reply = chat.say(text, intent, action)
    assert reply.startswith("Si l'amende est payée aujourd'hui : sans nouvelle infraction, votre permis retrouvera "
                            "son maximum de points le 1er décembre 2029"), reply
    assert "au plus tard le 1er décembre 2036, 10 ans après le paiement" in reply
    assert "Impossible" not in reply and "Amende forfaitaire" not in reply


def test_a_one_point_offence_paid_on_a_day_to_come_gives_its_point_back_6_months_later(domain):
    chat = Conversation(domain, "combien de points pour 12 km/h de trop sur une route à 110 ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "speeding", "speed_excess": 12,
                                                              "speed_limit": 110})
    reply = chat.say("et il revient quand si je paye le 15 décembre ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Si l'amende est payée le 15 décembre 2026 : le point retiré"), reply
    assert "15 juin 2027" in reply and "15 décembre 2028" in reply  # R8: 6 months; R9: 2 years (3rd class)
    assert "15 décembre 2036" in reply  # R10


def test_a_delit_paid_today_has_no_ten_year_return(domain):
    chat = Conversation(domain, SPEED_DELIT, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 90, "speed_measured": 145, "speed_excess": 55})
    reply = chat.say("et les points reviennent quand si je paye aujourd'hui ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    assert "1er décembre 2029" in reply and "au plus tard" not in reply, reply  # R10: not for a délit


# --- c10: a speed said as the radar's (measured, displayed) after a speeding answer: less the margin (R4)

FLASHED_97 = "flashé a 97 sur une route a 80 combien de points je perds"


def flashed_at_97(domain) -> Conversation:
    chat = Conversation(domain, FLASHED_97, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 80, "speed_measured": 97, "speed_excess": 17})
    assert "Excès de 17 km/h (97 km/h retenus pour 80 km/h autorisés) : retrait de 1 point" in chat.reply
    return chat


@pytest.mark.parametrize("text, intent, action", [
    ("et si c'etait ce que le compteur affichait, 97 ?", "ask_check_balance",
     answers.ActionAnswerCheckBalance()),  # t13-c10
    ("non je parle de la vitesse, le radar m'a flashé a 97 affiché", "inform",
     corrections.ActionApplyCorrection()),  # t13-c10
    ("97 c'est la vitesse mesurée, pas celle retenue", "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_a_speed_said_as_measured_after_a_speeding_answer_is_less_the_radar_margin(domain, text, intent, action):
    reply = flashed_at_97(domain).say(text, intent, action)
    assert reply.startswith("Si 97 km/h est la vitesse mesurée par le radar (celle qu'il affiche), la vitesse retenue "
                            "est de 92 km/h, après déduction de la marge de 5 km/h"), reply
    assert "Excès de 12 km/h (92 km/h retenus pour 80 km/h autorisés) : retrait de 1 point" in reply
    assert "solde" not in reply


def test_a_speed_measured_from_100_km_h_loses_5_percent(domain):
    chat = Conversation(domain, "flashé à 132 sur autoroute à 110, combien de points ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 110, "speed_measured": 132, "speed_excess": 22})
    reply = chat.say("et si 132 c'est ce que le radar a mesuré ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "la vitesse retenue est de 125 km/h, après déduction de la marge de 5 %" in reply, reply
    assert "Excès de 15 km/h (125 km/h retenus pour 110 km/h autorisés) : retrait de 1 point" in reply


def test_the_offence_asked_with_the_balance_does_not_explain_again_what_the_balance_answer_applied(domain):
    # t13-c27: "Il va perdre combien et il lui restera combien ?": the probation answer tells the 48N, the frozen
    # ceiling and the recovery of the case; the offence's answer then says its points and fine, not its general notes
    from tests.actions.test_two_part import two_answers
    text = ("Bonjour, mon fils a eu son permis en septembre 2025 (sans conduite accompagnée). Il vient de griller un "
            "feu rouge la semaine derniere. Il va perdre combien et il lui restera combien ?")
    first, second, _ = two_answers(text, "ask_probation", {**SON_RED_LIGHT, "fine_payment_date": "not_paid"},
                                   answers.ActionAnswerProbation, domain)
    assert "lettre 48N" in "\n".join(first)
    offence = "\n".join(t for t in second if t)
    assert "Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points (contravention de 4e classe)" in offence
    assert "Amende forfaitaire : 135 €" in offence
    assert "48N" not in offence and "période probatoire" not in offence, offence


@pytest.mark.parametrize("text, intent, action", [
    ("donc au total pour les 3 infractions au meme controle je perds combien", "ask_offence_points",
     answers.ActionAnswerOffencePoints()),  # t13-c13
    ("ça fait combien en tout alors ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_total_asked_again_after_offences_of_one_check_is_that_answer_s(domain, text, intent, action):
    opening = "excès de 35 km/h + tel + ceinture au meme controle, combien de pts ?"
    chat = Conversation(domain, opening, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_excess": 35, "other_offences": ["phone", "seatbelt"]})
    assert "plafonnés à 8 points" in chat.reply
    chat.say("et le telephone ??? jai dit tel aussi", "ask_offence_points", answers.ActionAnswerOffencePoints())
    reply = chat.say(text, intent, action)
    assert reply.startswith("Au total, pour ces infractions commises ensemble : excès de vitesse de 35 km/h : 3 points"), \
        reply
    assert "plafonnés à 8 points" in reply
