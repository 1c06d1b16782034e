"""Tester reports T34/T35 (BOT_TODAY=2026-12-01), helper h80: follow-up questions answered with the wrong subject."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import parsed
from tests.actions.test_t32_h77 import C27, rasa_mapped_slots
from tests.actions.test_what_if import Conversation

TODAY = "2026-12-01"


# --- T34 c27: "il rend son permis demain": a relative's licence handed back, the new licence 6 months after (R20) ---

def c27_after_the_hand_back_deadline(domain, monkeypatch) -> Conversation:
    from tests.actions import test_what_if
    monkeypatch.setattr(test_what_if, "mapped_slots", rasa_mapped_slots)
    chat = Conversation(domain, C27, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        rasa_mapped_slots(parsed(C27, TODAY), domain), today=TODAY)
    reply = chat.say("c'est sûr meme si c'est moi qui ai signé et pas lui ? et il doit le rendre avant quelle date "
                     "exactement ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert "au plus tard le 30 novembre 2026" in reply, reply
    return chat


@pytest.mark.parametrize("text, intent, action", [
    ("pas encore, il le rend demain. il pourra repasser le permis quand ?", "ask_zero_points",
     answers.ActionAnswerZeroPoints()),
    ("il rend son permis demain 2 décembre. il pourra avoir un nouveau permis a partir de quand ?",
     "ask_stage_eligibility", answers.ActionAnswerStageEligibility()),
])
def test_a_relatives_hand_back_told_gives_the_new_licences_day(domain, first_of_december, monkeypatch, text, intent,
                                                                action):
    # T34 c27: "il le rend demain, il pourra repasser le permis quand ?" (and its rephrasing) got "un stage ne peut
    # plus le sauver" twice: "il rend" was not read as the hand-back (only "je le rends"), so no day to count from
    chat = c27_after_the_hand_back_deadline(domain, monkeypatch)
    assert [e.get("role") for e in parsed(text, TODAY) if e["entity"] == "date"][0] == "handed_back"
    reply = chat.say(text, intent, action)
    assert "2 juin 2027" in reply, reply
    assert "Aucun point" not in reply and "ne peut plus le sauver" not in reply, reply


# --- T34 c26: "et si je rate la 2eme journée ?" after the stage's answer: the stage's rule, not the probation form --

C26_ONLINE = "stage en ligne possible ?"
C26_MISSED = ("dacc. et si je rate la 2eme journée parce que malade, ça compte quand meme ? j'ai une 48N a faire avant "
              "le 15 decembre")
C26_AGAIN = "non mais c'est pas la question. si je loupe le 2e jour du stage il est validé ou pas ?"


def c26_history(domain):
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from tests.actions.conftest import make_tracker
    tracker = make_tracker(intent="ask_stage_info", text=C26_ONLINE, entities=parsed(C26_ONLINE, TODAY))
    dispatcher = CollectingDispatcher()
    asyncio.run(answers.ActionAnswerStageInfo().run(dispatcher, tracker, domain)) if asyncio.iscoroutinefunction(
        answers.ActionAnswerStageInfo().run) else answers.ActionAnswerStageInfo().run(dispatcher, tracker, domain)
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "en ligne" in said, said
    return tracker.events[:-1] + [{"event": "bot", "text": said}, {"event": "action", "name": "action_listen"}]


def test_a_day_of_the_stage_missed_read_as_probation_is_the_stages_rule(domain, first_of_december):
    # T34 c26: the message read as ask_probation opened the probation form: "AAC ?", then the training's question
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    history = c26_history(domain)
    entities = parsed(C26_MISSED, TODAY)
    tracker = make_tracker(new_slots=rasa_mapped_slots(entities, domain), intent="ask_probation", text=C26_MISSED,
                           entities=entities, form="probation_form", history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": None} in events or any(
        e.get("name") == "requested_slot" and e.get("value") is None for e in events), events
    tracker = make_tracker(slots=rasa_mapped_slots(entities, domain), intent="ask_probation", text=C26_MISSED,
                           entities=entities, history=history)
    _, reply = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "il n'est pas validé" in reply and "pas de points" in reply and "48N" in reply, reply
    assert "conduite accompagnée" not in reply and "formation complémentaire" not in reply


def test_a_day_of_the_stage_missed_asked_while_a_fact_is_asked_is_answered(domain, first_of_december):
    # T34 c26: "non mais c'est pas la question. si je loupe le 2e jour du stage il est validé ou pas ?" while the AAC
    # was asked: its "non" was taken for the AAC, then the training was asked
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker
    history = c26_history(domain) + [{"event": "user", "text": C26_MISSED, "parse_data": {
        "intent": {"name": "ask_probation"}, "entities": parsed(C26_MISSED, TODAY)}},
        {"event": "bot", "text": "Avez-vous appris à conduire en conduite accompagnée (AAC) ?"}]
    tracker = make_tracker(new_slots={"supervised_driving": False}, intent="ask_stage_info", text=C26_AGAIN,
                           entities=parsed(C26_AGAIN, TODAY), requested_slot="supervised_driving",
                           form="probation_form", history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "il n'est pas validé" in said, said
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("supervised_driving") is None and slots.get("requested_slot") == "supervised_driving", events


# --- T35 c14: "disons 60 dans une zone à 50" after "et s'il se fait flasher le 5 décembre ?": that excess's speeds -

def test_the_speeds_given_after_an_excess_to_come_refine_it(domain, first_of_december):
    # T35 c14: the speeds asked for the exact count, once given, dropped the hypothesis: the first answer again
    # ("revient le 8 décembre"); 60 for 50 is 1 point (4e class, R4), committed on 5 December: the point of 8 June
    # does not come back on 8 December (R8)
    slots = {"fine_payment_date": "2026-06-08", "last_offence_points": 1, "offence_class": "c3",
             "offence_type": "speeding"}
    chat = Conversation(domain, "mon mari a perdu 1 point pour un excès de vitesse, il a payé le 8 juin. est-ce qu'il "
                                "l'a récupéré ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots,
                        today=TODAY)
    reply = chat.say("et s'il se fait flasher le 5 décembre, il le perd ce point ?", "ask_retrait_timing",
                     answers.ActionAnswerRetraitTiming())
    assert "Sans la limite ni la vitesse" in reply, reply
    reply = chat.say("je sais pas moi, disons 60 dans une zone à 50", "inform", corrections.ActionApplyCorrection())
    assert "ne reviendrait pas le 8 décembre 2026" in reply, reply
    assert "5 décembre 2026" in reply and "Sans la limite ni la vitesse" not in reply, reply
    assert "revient le 8 décembre 2026, s'il" not in reply
    assert chat.slots.get("speed_limit") != 50  # (a hypothesis: not the offence told)


# --- T34 c18: "et s'il paye l'amende seulement en janvier, après ses 3 ans ?" after an excess supposed today -------

C18 = ("bonjour, mon fils a eu son permis le 2 décembre 2023, conduite normale pas accompagnée. il a pas eu "
       "d'infraction jusqu'à maintenant. il va avoir ses 12 points demain ? et si il se fait flasher aujourd'hui ?")


def test_pas_accompagnee_tells_the_licence_was_not_learnt_with_aac():
    # T34 c18: "conduite normale pas accompagnée" and the form asked "A-t-il appris à conduire en conduite
    # accompagnée (AAC) ?" (R5)
    assert {e["value"] for e in parsed(C18, TODAY) if e["entity"] == "supervised_driving"} == {False}


def test_the_payment_day_of_an_offence_supposed_moves_its_retrait(domain, first_of_december):
    # T34 c18: the payment in January of the excess supposed today got "S'il suit la formation complémentaire
    # maintenant…": the same excess, committed today in probation (no increment, R7), its 2 points withdrawn on the
    # payment day (R2), after the probation's end on 2 December 2026
    from actions import fallback
    slots = {"licence_date": "2023-12-02", "supervised_driving": False, "complementary_training": False,
             "probation_offence": False}
    chat = Conversation(domain, "il va avoir ses 12 points demain ?", "ask_probation", answers.ActionAnswerProbation(),
                        slots, today=TODAY)
    assert "2 décembre 2026" in chat.reply, chat.reply
    reply = chat.say("et s'il se fait flasher aujourd'hui a 130 sur l'autoroute a 110 ? il perd ses 12 de demain ?",
                     "nlu_fallback", fallback.ActionSuggestQuestions())
    assert "passerait de 10 points à 8 points" in reply, reply
    reply = chat.say("et s'il paye l'amende seulement en janvier, apres ses 3 ans ? ca change ?", "inform",
                     corrections.ActionApplyCorrection())
    assert "formation complémentaire" not in reply, reply
    assert "1er janvier 2027" in reply and "8 points" in reply, reply


# --- T35 c05: "et si je l'avais fait le 28 et 29 octobre, avant même que le retrait soit enregistré ?" (R18) ------

@pytest.mark.parametrize("text, intent", [
    ("et si je l'avais fait le 28 et 29 octobre, avant meme que le retrait du feu rouge soit enregistré ?",
     "ask_retrait_timing"),
    ("et si je l'avais fait le 28 et 29 octobre ?", "ask_zero_points"),
])
def test_a_stage_supposed_by_its_pronoun_and_dates_before_the_48si(domain, text, intent):
    # T35 c05: after "Oui : un stage terminé avant la notification … aurait sauvé votre permis", the same stage on 28-29
    # October (before the retrait was even recorded) got the card on when points are withdrawn
    from tests.actions.test_stage_balance_first_day import Chat
    from tests.actions.test_t33_h75 import C05
    chat = Chat(domain)
    chat.say(C05, "ask_letter", answers.ActionAnswerLetter())
    chat.say("je l'ai rendu à la préfecture le 15 novembre. Je peux repasser le permis quand ?", "ask_zero_points",
             answers.ActionAnswerZeroPoints())
    reply = chat.say("et si j'avais fait le stage avant de recevoir la 48SI, ça aurait sauvé mon permis ?",
                     "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Oui"), reply
    action = answers.ActionAnswerRetraitTiming() if intent == "ask_retrait_timing" else answers.ActionAnswerZeroPoints()
    reply = chat.say(text, intent, action)
    assert reply.startswith("Oui"), reply
    assert "28 et 29 octobre 2026" in reply and "2 points" in reply, reply
    assert "ne sont retirés ni le jour de l'infraction" not in reply
