"""T31/T30 (testers' replays of 1 December 2026), items of branch h72: the article asked named first; a payment day
of an offence told is no new offence; a day told for a month."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_short_follow_ups_t5 import offence_answer

TODAY = "2026-12-01"


# --- T31 a27: "sur quel article exactement pour le stop ? pas une fiche service public, un article du code" got the
# list of the texts cited, "Service-public.fr, fiche F1685" among them, and no sentence naming the article (R4)

def stop_then_robot(domain):
    chat = offence_answer(domain, "<b>combien de points</b> pour un stop ?? 🙄", {"offence_type": "stop_sign"})
    chat.say("tu es un robot ?", "bot_challenge", fallback.ActionBotChallenge())
    return chat


@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_offences_article_asked_is_named_first_and_the_card_refused_left_out(domain, first_of_december,
                                                                                intent, action):
    chat = stop_then_robot(domain)
    reply = chat.say("sur quel article exactement pour le stop ? pas une fiche service public, un article du code",
                     intent, action)
    assert reply.startswith("C'est l'article R.415-6 du Code de la route : il réprime cette infraction (stop non "
                            "respecté), une contravention de 4e classe qui retire 4 points."), reply
    assert "ervice-public" not in reply and "F1685" not in reply
    assert "Cette réponse s'appuie sur ces textes" not in reply


@pytest.mark.parametrize("text, first, not_said", [
    ("et pour le délai de récupération des points, c'est quel article ?",
     "C'est l'article L.223-6 du Code de la route : sans nouvelle infraction avec retrait pendant 2 ans (3 ans après "
     "un délit ou une contravention de 4e ou 5e classe), le permis retrouve tous ses points", "R.415-6"),
    ("et le stage, c'est quel article ?",
     "C'est l'article L.223-6 du Code de la route : un stage de sensibilisation à la sécurité routière rend jusqu'à 4 "
     "points", "R.415-6"),
    ("c'est quel article ?", "C'est l'article R.415-6 du Code de la route : ", "Cette réponse s'appuie"),
])
def test_the_article_of_what_is_asked(domain, first_of_december, text, first, not_said):
    # the offence's article (R4), the recovery's (L.223-6: R8, R9, R10), the stage's (L.223-6, R.223-8: R12, R13)
    chat = stop_then_robot(domain)
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith(first), reply
    assert not_said not in reply


# --- T30 c30b: 4 points paid "fin juin" 2025, a stage in September 2025, a radar detector of 28 November 2026 not paid;
# the answer counts 30 June 2025 and asks the day: "je sais plus, fin juin, genre le 28" got "C'est noté, je refais le
# calcul" and "j'ai retenu le 30 juin 2025" again, the day taken for the offence's (R2, R9, R10)

from actions import corrections  # noqa: E402
from tests.actions.conftest import parsed  # noqa: E402
from tests.actions.test_t29_t30_h68 import C30  # noqa: E402
from tests.actions.test_what_if import mapped_slots as rasa_mapped_slots  # noqa: E402  (the last value, as Rasa)
from tests.actions.test_what_if import Conversation  # noqa: E402


def c30_answered(domain) -> Conversation:
    """The first answer as the probation form leaves it: the payment's month awaiting its day (Rasa's slots)."""
    slots = {**rasa_mapped_slots(parsed(C30, TODAY), domain), "fine_payment_date": None,
             "date_awaiting_precision": "fine_payment_date=2025-06"}
    chat = Conversation(domain, C30, "ask_probation", answers.ActionAnswerProbation(), slots, today=TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 12 points") and "j'ai retenu le 30 juin 2025" in chat.reply
    return chat


def test_the_day_of_the_month_awaited_answered_after_the_answer_dates_its_retrait(domain, first_of_december):
    chat = c30_answered(domain)
    reply = chat.say("je sais plus, fin juin, genre le 28", "inform", corrections.ActionApplyCorrection())
    assert chat.slots["fine_payment_date"] == "2025-06-28" and chat.slots["offence_date"] == "2026-11-28"
    assert "l'infraction payée le 28 juin 2025" in reply, reply
    assert "j'ai retenu le 30 juin 2025" not in reply and "juin 2026" not in reply


def test_at_the_maximum_nothing_is_blocked_and_nothing_comes_back_in_ten_years(domain, first_of_december):
    # the stage of September 2025 gave the 4 points back: 12 today; the detector's 6 points are what is to come
    chat = c30_answered(domain)
    reply = chat.say("je sais plus, fin juin, genre le 28", "inform", corrections.ActionApplyCorrection())
    assert "votre solde passera à 6 points" in reply
    assert "bloque la récupération totale" not in reply and "règle des 10 ans" not in reply and "2035" not in reply


# --- T30 c30b: "si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?" got an offence invented
# ("si vous commettiez le 1er décembre 2026 une infraction qui retire 12 points … invalidé"), then the same block
# again: the pending offence told, its fine supposed paid that day (R2): 12 − 6 = 6 on 10/12/2026, 12 again on
# 10/12/2029, 3 years after a 5e classe (R9)

PAYS_ON_10_DECEMBER = "si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?"


@pytest.mark.parametrize("day_told_first", [True, False])
def test_paying_the_offence_told_on_a_day_is_its_retrait_that_day_and_its_recovery(domain, first_of_december,
                                                                                   day_told_first):
    chat = c30_answered(domain)
    if day_told_first:
        chat.say("je sais plus, fin juin, genre le 28", "inform", corrections.ActionApplyCorrection())
    reply = chat.say(PAYS_ON_10_DECEMBER, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Si vous payez le 10 décembre 2026 l'amende de l'infraction du 28 novembre 2026 (détecteur "
                            "de radar), 6 points vous seront retirés ce jour-là (contravention de 5e classe) : votre "
                            "solde passera de 12 points à 6 points"), reply
    assert "votre permis retrouvera son maximum de points le 10 décembre 2029" in reply
    assert "commettiez" not in reply and "invalidé" not in reply and "règle des 10 ans" not in reply


def test_the_payment_supposed_keeps_the_facts_told(domain, first_of_december):
    chat = c30_answered(domain)
    chat.say("je sais plus, fin juin, genre le 28", "inform", corrections.ActionApplyCorrection())
    chat.say(PAYS_ON_10_DECEMBER, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    reply = chat.say("et j'ai combien de points aujourd'hui ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "12 points" in reply and "payée le 10 décembre 2026" not in reply, reply
