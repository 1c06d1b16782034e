"""Tester reports T29/T30 (BOT_TODAY=2026-12-01), helper h69: follow-ups that answered a question of the assistant or
asked a precise thing, and got a question already answered or a menu."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_again_and_figures_t7 import after
from tests.actions.test_stage_balance_first_day import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T29 c22: "non aucune, donc j'ai 12 points ?" answers the offences asked (R5) -------------------------------------

def test_no_offence_replied_to_the_question_is_not_asked_again(domain):
    from actions.follow_ups import answer_in_context
    chat = Chat(domain)
    reply = chat.say("j'ai eu mon permis le 15/03/2024 en conduite accompagnée, combien j'ai de points ?",
                     "ask_probation", answers.ActionAnswerProbation(), {"supervised_driving": True})
    assert "Avez-vous eu une infraction qui vous a retiré des points ?" in reply, reply
    reply = answer_in_context(after(chat, "non aucune, donc j'ai 12 points ?", "deny"))
    # before: "Oui, si vous n'avez perdu aucun point … Avez-vous eu une infraction qui vous a retiré des points ?"
    assert reply.startswith("Oui : aujourd'hui, votre solde est de 12 points"), reply
    assert "Avez-vous eu une infraction" not in reply and "si vous n'avez perdu aucun point" not in reply


# --- T29 c09: "aucune idée, c'était pendant les vacances" to "Donnez-moi le jour exact" keeps the safe day (R8) ------

def test_no_idea_of_the_exact_day_keeps_the_safe_day_taken(domain):
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run as run_action
    history = [
        {"event": "user", "text": "l'été dernier"},
        {"event": "bot", "text": "Vous avez indiqué l'été 2026 : sans le jour exact, je compte à partir du 22 septembre "
                                 "2026, la fin de l'été, la date la plus prudente : vos points ne reviendront pas plus "
                                 "tôt. Donnez-moi le jour exact si vous le retrouvez."},
        {"event": "bot", "text": "Le point retiré pour l'infraction payée le 22 septembre 2026 revient le 22 mars 2027, "
                                 "si vous ne commettez pas d'autre infraction avec retrait d'ici là (article L.223-6 du "
                                 "Code de la route)."},
        {"event": "bot", "text": "J'ai compté à partir de votre dernière infraction seulement ; une infraction commise "
                                 "depuis repousse ces dates."}]
    tracker = make_tracker(intent="dont_know", text="aucune idée, c'était pendant les vacances", history=history,
                           slots={"fine_payment_date": "2026-09-22", "last_offence_points": 1})
    _, reply = run_action(answers.ActionDontKnow(), tracker, domain)
    # before: "D'accord. Quelle est votre question ?" and a menu, the thread lost
    assert reply.startswith("Pas de souci : je garde le 22 septembre 2026, la date la plus prudente"), reply
    assert "Quelle est votre question" not in reply


# --- T30 c27: "sur quel article exactement ?" after a small-talk turn ("tu es un robot ?") still gets the sources (R4) --

@pytest.mark.parametrize("text, intent", [
    ("sur quel article exactement pour le stop ? pas une fiche service public, un article du code",
     "ask_offence_points"),
    ("c'est quel article ?", "nlu_fallback"),
])
def test_the_article_asked_after_a_turn_of_small_talk(domain, text, intent):
    from actions import fallback
    from tests.actions.test_short_follow_ups_t5 import offence_answer
    chat = offence_answer(domain, "<b>combien de points</b> pour un stop ?? 🙄", {"offence_type": "stop_sign"})
    chat.say("tu es un robot ?", "bot_challenge", fallback.ActionBotChallenge())
    action = answers.ActionAnswerOffencePoints() if intent == "ask_offence_points" else \
        fallback.ActionSuggestQuestions()
    reply = chat.say(text, intent, action)
    # before: the stop's card again, word for word (the robot's reply, the last text, cited nothing)
    # (h72, T31 a27: the article asked is named first, "C'est l'article R.415-6 …", no more a list of the texts)
    assert reply.startswith("C'est l'article R.415-6 du Code de la route : "), reply
    assert "Stop non respecté : retrait" not in reply


# --- T30 c24: a story told with "Qu'est-ce qui va se passer ?" asks the consequences of its offence ------------------

HUSBAND = ("Bonjour, mon mari a eu son permis en mai 2026 (premier permis, pas d'AAC). Il s'est fait arrêter le 5 "
           "novembre pour alcool 0,4 g/l et téléphone en même temps. Il a payé le 20 novembre. Qu'est-ce qui va se "
           "passer ?")


@pytest.mark.parametrize("text, form", [
    (HUSBAND, "probation_form"),
    ("J'ai mon permis depuis 2005. Je me suis fait arrêter hier pour un feu rouge, qu'est-ce qui va se passer ?",
     "offence_points_form"),
])
def test_what_happens_after_an_offence_told_is_its_question(domain, text, form):
    from actions import fallback
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_probation_facts import mapped_slots
    from tests.actions.test_what_if import run as run_action
    ranking = [{"name": "ask_offence_points", "confidence": 0.3}, {"name": "ask_zero_points", "confidence": 0.2},
               {"name": "ask_probation", "confidence": 0.2}]
    tracker = make_tracker(new_slots=mapped_slots(domain, text, "nlu_fallback", "2026-12-01"), intent="nlu_fallback",
                           text=text, entities=parsed(text, "2026-12-01"))
    tracker.latest_message["intent_ranking"] = ranking
    events, reply = run_action(fallback.ActionSuggestQuestions(), tracker, domain)
    # before: "J'ai noté les informations de votre message, mais pas votre question" and a menu
    assert "pas votre question" not in (reply or "")
    assert {"event": "followup", "name": form} in [{"event": e.get("event"), "name": e.get("name")} for e in events], \
        (events, reply)


# --- T30 c28: the voluntary stage asked with its refund; then "le stage je peux le faire et j'aurai combien ?" --------

AAC_STORY = ("Bonjour, je suis jeune conducteur, permis le 20 avril 2025 (AAC). j'ai perdu 2 points pour un excès de 22 "
             "km/h le 3 mai 2026 payé le 10 mai. Je peux faire un stage volontaire ? Et ça me rembourse l'amende ?")


def test_the_refund_of_a_voluntary_stage_then_its_other_question(domain):
    from tests.actions.test_what_if import run as run_action
    events, reply = run_action(answers.ActionAnswerRefund48n(), after(Chat(domain), AAC_STORY, "ask_refund_48n"),
                               domain)
    assert reply.startswith("Non : seul le stage obligatoire suivi après une lettre 48N"), reply
    # before: the refund's half only, the voluntary stage asked first never answered
    assert {"event": "followup", "name": "action_other_question"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in events], events


def test_another_question_by_its_words_after_an_answer_is_asked_not_a_menu(domain):
    from actions import fallback
    from tests.actions.test_what_if import run as run_action
    chat = Chat(domain)
    chat.say(AAC_STORY, "ask_refund_48n", answers.ActionAnswerRefund48n(), {"supervised_driving": True})
    tracker = after(chat, "ok mais le stage je peux le faire et j'aurai combien ?", "nlu_fallback")
    events, reply = run_action(fallback.ActionSuggestQuestions(), tracker, domain)
    # before: "Je n'ai pas bien compris votre question sur le remboursement de l'amende" and a menu
    assert "pas bien compris" not in reply
    assert {"event": "followup", "name": "points_after_stage_form"} in [
        {"event": e.get("event"), "name": e.get("name")} for e in events], (events, reply)
