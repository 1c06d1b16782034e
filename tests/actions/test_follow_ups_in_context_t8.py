"""Free-form follow-ups after an answer get an answer in context, not the generic menu (tester T8 c16, c33;
BOT_TODAY=2026-12-01): facts told for the last answer's question ("tu peux pas me le calculer ? j'ai eu 12 puis un feu
rouge payé en mai 2025" after how to check the balance, "si je le rends demain" after a 48SI) get that question
answered again with them (actions.corrections); a follow-up nothing answers gets a request to rephrase that names
the topic of the last answer and offers it first."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_what_if import Conversation, mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")


def said_on_the_first(chat: Conversation, text: str, intent: str, action):
    """The follow-up read on 1 December 2026 (the testers' day), through `action`: (its events, what it said)."""
    entities = parsed(text, "2026-12-01")
    tracker = make_tracker(slots=chat.slots, new_slots=mapped_slots(entities, chat.domain), text=text,
                           entities=entities, intent=intent, history=list(chat.events))
    return run(action, tracker, chat.domain)


def check_balance(domain) -> Conversation:
    chat = Conversation(domain, "Connaître mon solde de points", "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        {})
    assert "Mes Points Permis" in chat.reply
    return chat


@pytest.mark.parametrize("text, balance, paid", [
    # (a payment told by its month is said by its month, h51: not "payée le 31 mai 2025")
    ("ok mais toi tu peux pas me le calculer ? jai eu 12 puis un feu rouge payé en mai 2025", 8, "en mai 2025"),
    ("tu peux le calculer toi ? j'avais 12 et j'ai perdu 3 points pour le téléphone, payé le 3 mars 2025", 9, "le "),
    ("et toi tu sais faire le calcul ? j'avais 12 points, un stop grillé payé le 10 janvier 2026", 8, "le "),
])
def test_facts_told_after_how_to_check_the_balance_get_that_balance_computed(domain, text, balance, paid):
    chat = check_balance(domain)
    events, said = said_on_the_first(chat, text, "nlu_fallback", fallback.ActionSuggestQuestions())
    # (it was "J'ai noté les informations de votre message, mais pas votre question.")
    assert events == [{"event": "followup", "name": "action_apply_correction", "timestamp": None}] and not said
    _, said = said_on_the_first(chat, text, "nlu_fallback", corrections.ActionApplyCorrection())
    assert said.startswith(f"Solde aujourd'hui : {balance} points (12 points avant l'infraction payée {paid}"), said
    assert "je refais le calcul" not in said and "jour exact" not in said.split("\n")[0]


def letter_48si(domain) -> Conversation:
    chat = Conversation(domain, "Bonjour jai recu une lettre 48SI il y a 3 semaines mais je lai pas ouverte tout de "
                                "suite", "ask_letter", answers.ActionAnswerLetter(), {"letter_code": "48SI"})
    assert "48SI" in chat.reply and "6 mois après la remise du permis" in chat.reply
    return chat


@pytest.mark.parametrize("text, new_licence", [
    ("et les 6 mois ils commencent quand du coup si je le rends demain ?", "2 juin 2027"),
    ("je le ramène à la préfecture le 5 décembre, je pourrai repasser quand ?", "5 juin 2027"),
    ("ok et si je rends mon permis le 10 décembre, le nouveau c'est pour quand ?", "10 juin 2027"),
])
def test_the_day_the_licence_is_handed_back_after_a_48si_gives_the_new_licence_s_day(domain, text, new_licence):
    chat = letter_48si(domain)
    events, said = said_on_the_first(chat, text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert events == [{"event": "followup", "name": "action_apply_correction", "timestamp": None}] and not said
    _, said = said_on_the_first(chat, text, "nlu_fallback", corrections.ActionApplyCorrection())
    assert said.startswith(f"Vous pourrez obtenir un nouveau permis à partir du {new_licence}, 6 mois après la "
                           "remise"), said
    assert "L.223-5" in said


@pytest.mark.parametrize("text", ["ok et pour le reste ?", "et le truc dont vous parlez ça marche comment ?",
                                  "hein ?? c'est à dire pour moi concrètement"])
def test_a_follow_up_nothing_answers_gets_a_rephrase_request_on_the_last_topic(domain, text):
    chat = Conversation(domain, "amende de 135 € payée le 2 avril 2024 pour un feu rouge, je récupère quand ?",
                        "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"last_offence_points": 4, "offence_class": "c4", "fine_payment_date": "2024-04-02"})
    tracker = chat.tracker(text, "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.4},
                                                {"name": "ask_stage_info", "confidence": 0.3}]
    dispatcher = fallback.CollectingDispatcher()
    assert fallback.ActionSuggestQuestions().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["text"].startswith("Je n'ai pas bien compris votre question sur la récupération de vos points. "
                                      "Pouvez-vous la reformuler"), message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/ask_auto_recovery", "/ask_stage_info", "/help"]


@pytest.mark.parametrize("text, shown", [("donc pk le site me dit 15 ?", "15"),
                                         ("mais l'appli affiche 14 points, c'est normal ?", "14"),
                                         ("ça marque 16 sur mes points permis", "16")])
def test_a_balance_above_twelve_shown_somewhere_is_said_impossible(domain, text, shown):
    # T10 c18: after the licence's answer, "donc pk le site me dit 15 ?" got the rephrase request (R1, L.225-3)
    from actions import follow_ups
    tracker = make_tracker(slots={"licence_date": "2010", "last_question": "action_answer_probation"}, text=text,
                           entities=parsed(text), intent="nlu_fallback",
                           history=[user_said("j'ai 15 points sur mon permis c normal ?", "ask_probation"),
                                    {"event": "action", "name": "action_answer_probation"},
                                    {"event": "bot", "text": "Votre période probatoire est terminée depuis 2013."}])
    reply = follow_ups.answer_in_context(tracker)
    assert reply and reply.startswith("Un permis compte au plus 12 points") and f"un solde de {shown} points" in reply


@pytest.mark.parametrize("text", ["le site dit 15 jours pour envoyer", "l'amende affichée c'est 90 €",
                                  "je compte le faire les 20 et 21 février, ça va ?", "le site affiche le 20 mars"])
def test_other_figures_shown_are_not_a_balance(domain, text):
    from actions import follow_ups
    tracker = make_tracker(slots={"last_question": "action_answer_probation"}, text=text, entities=parsed(text),
                           intent="nlu_fallback",
                           history=[{"event": "action", "name": "action_answer_probation"},
                                    {"event": "bot", "text": "Votre période probatoire est terminée depuis 2013."}])
    reply = follow_ups.answer_in_context(tracker) or ""
    assert not reply.startswith("Un permis compte au plus 12 points")
