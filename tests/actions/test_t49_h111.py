"""Tester T49 (replays on 1 December 2026), items of branch h111: each question of a message answered once."""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions import answers, forms
from actions.two_part import ActionAnswerOtherQuestion
from tests.actions.conftest import parsed
from tests.actions.conversation import Conversation, opened, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def handed_over(chat: Conversation, text: str, intent: str) -> Tracker:
    """The tracker `action_other_question` gets when the answer to `text` handed the turn to it (its followup event
    last, the same user message latest), as the Rasa server sends it."""
    events = chat.events[:-1] if chat.events[-1].get("name") == "action_listen" else list(chat.events)
    return Tracker(sender_id="test", slots=dict(chat.slots), events=events, paused=False, followup_action=None,
                   latest_message={"text": text, "intent": {"name": intent}, "entities": parsed(text, TODAY)},
                   active_loop={}, latest_action_name="action_listen")


# --- t49-c02: probation, phone on 3 September paid at once, 48N received 20/11/2026; "si je fais le stage en janvier je
# remonte à combien ? et le remboursement je le demande comment" (R12, R15, R16)

C02 = ("Bonjour, je suis jeune conducteur, j'ai eu mon permis le 15 juin 2025 (pas de conduite accompagnée). Le 3 "
       "septembre dernier je me suis fait arrêter avec le téléphone à la main, j'ai payé l'amende tout de suite et là "
       "j'ai reçu une lettre recommandée 48N le 20/11/2026. Qu'est-ce que je dois faire et avant quand ?")
C02_TWO = "si je fais le stage en janvier je remonte a combien ? et le remboursement je le demande comment"


def test_c02_the_refund_asked_after_a_stage_supposed_is_answered_in_the_same_turn(domain):
    # t49-c02 turn 3: the stage of January answered (5 -> 8, refunded), "le remboursement je le demande comment"
    # ignored until asked again; R16: where and what to send, within 15 days of the stage's end
    chat = opened(domain, C02, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY)
    chat.say_in_form("le jour même, le 3 septembre", "inform", "mandatory_stage_form",
                     forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    first = chat.say(C02_TWO, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "votre solde passera de 5 à 8 points" in first, first
    assert {"event": "followup", "timestamp": None, "name": ActionAnswerOtherQuestion.NAME} in chat.events, chat.events
    _, other = run(ActionAnswerOtherQuestion(), handed_over(chat, C02_TWO, "ask_points_after_stage"), domain)
    assert "comptable public" in other and "RIB" in other and "15 jours" in other, other
    assert "Si le stage commence" not in other, other  # (not the stage's answer again)


# --- t49-c24: drugs and alcohol together on 20 November (9 points, R3); "j'ai 10 points, il me restera quoi ? c'est
# quel article ?" (R1, R2, R3)

C24 = "Bonjour,combien de points pour alcool et cannabis en meme temps ? controlé le 20 novembre"
C24_TWO = "j'ai 10 points, il me restera quoi ? c'est quel article ?"


def test_c24_the_balance_left_is_answered_with_the_texts(domain):
    # t49-c24 turn 2: only the list of the texts; "il me restera quoi ?" ignored until asked again. R2: 10 points
    # today, 1 point once the conviction is final; the 9 points are L.235-1 as amended by loi 2025-622 (R3)
    chat = opened(domain, C24, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    first = chat.say(C24_TWO, "ask_letter", answers.ActionAnswerLetter())
    assert "article L.235-1 du Code de la route" in first, first
    _, other = run(ActionAnswerOtherQuestion(), handed_over(chat, C24_TWO, "ask_letter"), domain)
    assert "votre solde passera à 1 point" in other and "10 points" in other, other


@pytest.mark.parametrize("clause", ["j'ai 10 points, il me restera quoi ?", "il m'en restera combien ?",
                                    "il lui restera quoi du coup ?"])
def test_the_balance_left_asked_in_a_clause(clause):
    from actions.two_part import question_of
    assert question_of(clause) == "ask_check_balance"


# --- t49-c18: "Bjr, g eu mon permis il y a 18 mois, c quoi mon plafond" (R5, R7)

@pytest.mark.parametrize("text", ["Bjr, g eu mon permis il y a 18 mois, c quoi mon plafond",
                                  "permis depuis mars 2025, quel est mon plafond de points ?",
                                  "c'est quoi le plafond de mon permis"])
def test_c18_the_licence_s_ceiling_asked_opens_the_probation_question(domain, text):
    # t49-c18 turn 1: nlu_fallback, "J'ai noté les informations de votre message, mais pas votre question" and a button;
    # the ceiling of a licence is the probation's answer (R5, R7), its form asking what it lacks
    from rasa_sdk.events import FollowupAction
    from actions.fallback import ActionSuggestQuestions
    from tests.actions.conftest import make_tracker
    from tests.actions.conversation import mapped_slots
    entities = parsed(text, TODAY)
    tracker = make_tracker(new_slots=mapped_slots(entities, domain, "nlu_fallback"), text=text, entities=entities,
                           intent="nlu_fallback")
    events, said = run(ActionSuggestQuestions(), tracker, domain)
    assert FollowupAction("probation_form") in events, (events, said)
    assert "pas votre question" not in said, said


# --- t49-c07: 48SI received yesterday, licence since 2009, handed back "ce vendredi"; "Donc je peux déjà m'inscrire au
# code maintenant, pendant les 6 mois ?" (R19, R20)

C07 = ("Bonjour Madame, Monsieur, je me permets de vous écrire car j'ai reçu hier une lettre 48SI m'indiquant que mon "
       "permis n'est plus valide. J'ai mon permis depuis 2009. Que dois-je faire maintenant et dans combien de temps "
       "pourrai-je conduire à nouveau ? Merci d'avance.")


def test_c07_the_code_may_be_taken_during_the_wait(domain):
    # t49-c07 turn 3: "Je n'ai pas bien compris votre question sur l'invalidation…" and four buttons, though the first
    # answer said the exams may be taken during the wait; R20: yes, only the new licence waits (4 June 2027), the code
    # alone if registered by 4 September 2027 (9 months after the hand-back of Friday 4 December 2026)
    from actions import corrections
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, C07, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    second = chat.say("Pas encore, je compte le déposer ce vendredi.", "inform", corrections.ActionApplyCorrection())
    assert "4 juin 2027" in second, second
    reply = chat.say("d'accord, merci. Donc je peux déjà m'inscrire au code maintenant, pendant les 6 mois ?",
                     "nlu_fallback", ActionSuggestQuestions())
    assert reply.startswith("Oui : les examens peuvent être passés pendant le délai d'attente"), reply
    assert "4 juin 2027" in reply and "4 septembre 2027" in reply, reply
    assert "reformuler" not in reply, reply


# --- t49-c10: a stage on 12-13 March 2026; "et si jen fais un en fevrier 2027 il se passe quoi ? ya une amende?" (R13)

def test_c10_the_fine_asked_after_a_stage_supposed_is_answered_in_the_same_turn(domain):
    # t49-c10 turn 2: "Aucun point" for a stage in February 2027, "ya une amende ?" ignored until asked again; R13: a
    # stage within the year is allowed and punished by nothing, it just gives no points
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, "slt jai fait un stage le 12 et 13 mars 2026, je peux en refaire un quand ?",
                  "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "12 mars 2027" in chat.reply, chat.reply
    reply = chat.say("et si jen fais un en fevrier 2027 il se passe quoi ? ya une amende?", "nlu_fallback",
                     ActionSuggestQuestions())
    assert "Aucun point" in reply, reply
    assert "n'est pas interdit et n'expose à aucune amende" in reply, reply
    assert reply.count("Aucun point : le stage précédent") == 1, reply
