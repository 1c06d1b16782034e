"""T34/T35 (testers' replays of 1 December 2026), items of branch h79."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import Conversation, FormConversation, mapped_slots, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t34-c31: 1 point paid 28 May, class answered "35 € ou 68 €"; then a 1-point flash in August, 68 €, paid 10 Sept

C31 = ("ah ok. j'avais eu 1 point en moins pour un petit exces, payé le 28 mai. j'avais 11 apres. donc la je suis a "
       "12 ? c'est revenu quand exactement ?")
C31_LATER = ("ah mais attendez j'ai oublié, j'ai eu un autre flash en aout, 1 point aussi, 68 euros, payé le 10 "
             "septembre. ça change ?")


def test_an_offence_told_with_its_month_and_payment_blocks_the_earlier_point(domain):
    # t34-c31: "Le point … payé le 28 mai 2026 est revenu le 28 novembre 2026", 11 points, 12 on 10 March 2027, and
    # "Sans … le montant de son amende": committed in August, inside the 6 months of the May point, the second offence
    # keeps that point from coming back (R8 example 2); 68 € is a 3rd class, 2 years from the last payment (R9)
    slots = {**mapped_slots(parsed(C31, TODAY), domain), "offence_class": "c3"}  # ("35 € ou 68 €" to the form)
    chat = Conversation(domain, C31, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert "est revenu le 28 novembre 2026" in chat.reply
    reply = chat.say(C31_LATER, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Solde aujourd'hui : 10 points"), reply
    assert "ne revient pas le 28 novembre 2026 : une autre infraction a été commise en août 2026" in reply
    assert "revient le 10 mars 2027" in reply
    assert "retrouvera son maximum de points le 10 septembre 2028" in reply
    assert "montant de son amende" not in reply and "1er août" not in reply and " si l'infraction" not in reply


# --- t35-c09: "Je peux refaire un stage … cette semaine ? Le dernier c'était début décembre 2025." (R13)

C09 = "Je peux refaire un stage de récupération de points cette semaine ? Le dernier c'était début décembre 2025."


def test_the_last_stage_told_as_le_dernier_is_the_one_done(domain):
    # t35-c09: "à partir du 30 novembre 2027 (un an … après le stage du 30 novembre 2026)": "cette semaine", the stage
    # asked about, was taken for the last one done, and "début décembre 2025" dropped; "le dernier" is that stage:
    # 10 December 2025, the prudent end of its part of the month, said (T36 t33c09), points again from 10 December 2026
    # (R13)
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    entities = parsed(C09, TODAY)
    assert [e.get("role") for e in entities if e["entity"] == "date"] == ["stage", "stage"]
    chat = FormConversation(domain, "bonjour", "greet", answers.ActionAnswerStageEligibility(), {}, today=TODAY)
    tracker = chat.tracker(C09, "ask_stage_eligibility", form="stage_eligibility_form")
    dispatcher = CollectingDispatcher()
    import asyncio
    asyncio.run(forms.ValidateStageEligibilityForm().run(dispatcher, tracker, domain))
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "Vous avez indiqué début décembre 2025 : je compte le 10 décembre 2025" in said, said
    reply = chat.say_in_form(C09, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    # (T36 t33c09: the 1st was the least prudent day of "début décembre"; its last day, the 10th, is counted, R13:
    # no stage this week)
    assert chat.slots["previous_stage_date"] == "2025-12-10"
    assert "2027" not in reply and "30 novembre 2026" not in reply, reply
    assert "Un stage ne vous rendra des points qu'à partir du 10 décembre 2026" in reply, reply


# --- t35-c20: probation, 1 point then 2 points (an excess of 22 km/h), "je dois attendre une lettre 48N ou pas ?" (R15)

C20 = ("Bonjour. Permis obtenu le 10 mars 2025 (pas de conduite accompagnée, pas de formation complémentaire). 1 point "
       "perdu : excès commis le 2 février 2026, payé le 15 février. Puis 2 points : excès de 22 km/h commis le 12 "
       "octobre 2026, payé le 20 octobre. J'ai combien et je peux faire un stage volontaire ?")


def test_no_48n_is_awaited_after_retraits_of_one_and_two_points_told_with_their_offences(domain):
    # t35-c20: "À quelle date avez-vous reçu la lettre 48N ?", then "le délai … ne courra qu'à partir de sa réception"
    # beside "cette infraction (2 points) n'entraîne pas de lettre 48N": the story's retraits, 1 and 2 points, told with
    # their offences, each below 3: no 48N comes, nothing to ask (R15)
    from actions import forms
    chat = opened(domain, C20, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Votre solde est aujourd'hui de 4 points sur 6")
    reply = chat.say_in_form("ok. je dois attendre une lettre 48N ou pas ?", "ask_mandatory_stage",
                             "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    assert chat.slots.get("requested_slot") is None
    assert reply.startswith("Non : aucun stage n'est obligatoire."), reply
    assert "vos retraits (1 point et 2 points) sont chacun en dessous" in reply
    assert "réception" not in reply


# --- t34-c13: red light and phone paid on 2 November, the balance answered, then "quelle lettre je vais recevoir ?"

C13 = ("bjr jai grillé un feu rouge le 10 octobre et téléphone le 25 octobre, les 2 payés le 2 novembre. jai le permis "
       "depuis 2012. il me reste combien et quand je recupere")


def test_the_letters_to_come_of_the_retraits_told(domain):
    # t34-c13: "Quelle lettre avez-vous reçue ?", then "Je n'ai pas bien compris": a lettre 48 for each retrait, and
    # with 5 points left a 48M (R19), from the retraits told (4 + 3 from 12)
    from actions import forms
    chat = opened(domain, C13, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 5 points")
    reply = chat.say_in_form("ok. et vous m'avez pas dit quelle lettre je vais recevoir ?", "ask_letter",
                             "letter_form", forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    assert chat.slots.get("requested_slot") is None
    assert reply.startswith("Chacun de vos 2 retraits vous est notifié par une lettre 48"), reply
    assert "votre solde est passé de 12 points à 5 points" in reply
    assert "Avec un solde de 5 points, vous recevrez en général une lettre 48M" in reply
    assert "Quelle lettre" not in reply and "Téléphone tenu en main" not in reply
