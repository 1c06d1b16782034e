"""Testers T41–T44 (replays on 1 December 2026), items of branch h99: a balance told before a stage done, with a retrait
after that stage, asked today."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conversation import FormConversation, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t42-c06: a stage done on 9-10 March 2026, a seatbelt (3 points) on 2 November 2026 paid on the 10th (R1, R2, R12)

C06 = ("slt jai fait un stage de recup de points en mars cette année (les 9 et 10 mars). la je viens de perdre 3 points "
       "pour la ceinture. je peux refaire un stage quand ?")
C06_COUNT = ("ok. avant le stage j'avais 7 points, le stage m'en a rendu 4, et la ceinture c'était le 2 novembre, j'ai "
             "payé le 10. j'en ai combien ?")


def c06_chat(domain) -> FormConversation:
    chat = opened(domain, C06, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "9 mars 2027" in chat.reply, chat.reply
    return chat


def test_c06_the_balance_told_before_the_stage_done_counts_the_stage_and_the_later_retrait(domain):
    # t42-c06: "avant le stage j'avais 7 points, le stage m'en a rendu 4, … la ceinture … payé le 10. j'en ai combien ?"
    # got the licence's date, the stage's day (told in turn 1), the stage before it asked, then "7 → 11 au 11 mars
    # 2026", the seatbelt never subtracted. R12: 7 + 4 = 11 on 11 March 2026; R1, R2: − 3 on 10 November 2026: 8 today
    chat = c06_chat(domain)
    tracker = chat.tracker(C06_COUNT, "ask_points_after_stage", form="points_after_stage_form")
    required = asyncio.run(forms.ValidatePointsAfterStageForm().required_slots(
        domain["forms"]["points_after_stage_form"]["required_slots"], CollectingDispatcher(), tracker, domain))
    assert required == [], required  # (no licence date, stage day nor stage before it asked)
    events = answers.ActionAnswerPointsAfterStage().run(CollectingDispatcher(), chat.tracker(
        C06_COUNT, "ask_points_after_stage"), domain)
    assert {"event": "followup", "name": "action_answer_check_balance", "timestamp": None} in events, events
    reply = chat.say(C06_COUNT, "ask_points_after_stage", answers.ActionAnswerCheckBalance())
    print(reply)
    assert reply.startswith("Solde aujourd'hui : 8 points (7 points avant le stage du 9 mars 2026) : 3 points "
                            "retirés"), reply
    assert "4 points rendus par un stage" in reply, reply
    assert "Le stage des 9 et 10 mars 2026 vous a rendu 4 points le 11 mars 2026 : votre solde est passé de 7 à 11 " \
           "points" in reply, reply
    assert "sans compter un stage" not in reply and "À quelle date" not in reply, reply


def test_c06_a_balance_told_before_the_offence_still_holds_the_stage_done_before_it(domain):
    # (the balance said without "avant le stage" stays the one just before the offence, the stage of March in it:
    # T33 c15, T32 c29; 7 − 3 = 4)
    chat = c06_chat(domain)
    told = C06_COUNT.replace("avant le stage j'avais 7 points, le stage m'en a rendu 4", "j'avais 7 points")
    reply = chat.say(told, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("Solde aujourd'hui : 4 points (7 points avant l'infraction"), reply


# --- t43-c12: 5 points, alcohol (6 points) paid on 2 November 2026, a stage done on 9-10 February 2026 (R13, R18)

C12 = ("Bonjour, je suis à 0 point je crois, j'ai perdu 6 points d'un coup (alcool 0,9 g) payé le 2 novembre 2026, "
       "j'avais 5 points. Je n'ai pas encore reçu de lettre. Est-ce que je peux encore sauver mon permis ?")
C12_STAGE = "ah mais j'ai fait un stage en février 2026 déjà, le 9 et 10. ça change quelque chose ?"


def test_c12_no_stage_gives_points_yet_so_the_retrait_is_not_said_to_come_after_one(domain):
    # t43-c12: "Le retrait de 6 points pas encore enregistré sera déduit après le stage : solde final -1", "je l'ai
    # compté une fois, après le stage", for a stage today that gives nothing (the last one on 9 February 2026, R13),
    # while the first answer took the retrait as effective on its payment, 2 November 2026 (R18: -1 now). The first
    # stage that gives points starts on 10 February 2027 at the earliest: -1 + 4 = 3 if the 48SI is not notified by
    # its end (R18)
    chat = opened(domain, C12, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "Votre solde calculé est de -1" in chat.reply, chat.reply
    reply = chat.say(C12_STAGE, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    print(reply)
    assert "9 février 2027" in reply, reply
    assert "sera déduit après le stage" not in reply and "après le stage. S'il l'est déjà" not in reply, reply
    assert "Avec un stage qui commence le 10 février 2027, le stage vous rendra 4 points, avec effet au 12 février " \
           "2027 : votre solde passera de -1 à 3 points" in reply, reply
    assert "à condition que la lettre 48SI ne vous soit pas notifiée d'ici le 11 février 2027" in reply, reply


@pytest.mark.parametrize("question", ["donc en gros mon permis est foutu ?", "c'est fichu pour mon permis ?"])
def test_c12_whether_the_licence_is_lost_is_answered_plainly(domain, question):
    # t43-c12: "donc en gros mon permis est foutu ?" got the previous answer again, word for word. R18: not yet, -1 +
    # 4 = 3 with a stage from 9 February 2027 (R13) ended before the 48SI is notified; lost if it comes first
    from actions.follow_ups import answer_in_context
    chat = opened(domain, C12, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    chat.say(C12_STAGE, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    reply = answer_in_context(chat.tracker(question, "ask_stage_eligibility"))
    assert reply is not None and reply.startswith("Pas encore, mais il ne tient qu'à un stage : votre solde calculé "
                                                  "est de -1"), reply
    assert "Un stage commencé à partir du 9 février 2027 et terminé avant cette notification le sauve (solde 3 " \
           "points) ; si la 48SI vous est notifiée avant la fin du stage, le permis est perdu" in reply, reply
    said = chat.say(question, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert said.startswith("Pas encore, mais il ne tient qu'à un stage"), said  # (the answer's action says it)
    # (the same after the answer the tester got, which gave the balance as "Votre solde calculé est de -1")
    first = opened(domain, C12, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    reply = answer_in_context(first.tracker(question, "ask_stage_eligibility"))
    assert reply is not None and reply.startswith("Pas encore, mais il ne tient qu'à un stage : votre solde calculé "
                                                  "est de -1") and "Un stage terminé avant cette notification" in reply, \
        reply


# --- t42-c28: probation since 5 January 2024, red light paid 28 October 2026, a voluntary stage on 3-4 February 2026,
# the 48N received on 25 November 2026, the compulsory stage on 20-21 January 2027 (R13, R15, R16, R17)

C28 = ("Bonjour, permis probatoire depuis le 5 janvier 2024 (classique). J'ai eu un feu rouge le 20 octobre 2026, payé le "
       "28 octobre. J'ai fait un stage volontaire le 3 et 4 février 2026 suite à une petite infraction d'1 point de 2025 "
       "(payée le 10 octobre 2025). Combien de points j'ai et qu'est-ce que je dois faire ?")
C28_48N = ("la 48N je l'ai reçue le 25 novembre. si je fais le stage obligatoire les 20 et 21 janvier, j'aurai des "
           "points ?")


def test_c28_the_compulsory_stage_within_the_year_of_the_voluntary_one_told_gives_no_points(domain):
    # t42-c28: "Ce stage peut aussi vous rendre jusqu'à 4 points", then "+4 (2 → 6)", then "Aucun point" in one turn:
    # the voluntary stage of 3 February 2026 told in the first message is the last one with points; the compulsory
    # stage of 20 January 2027 comes within the year: obligation met, fine refunded, no points (R17 example 1)
    chat = opened(domain, C28, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Votre solde est aujourd'hui de 2 points sur 6"), chat.reply
    reply = chat.say_in_form(C28_48N, "ask_mandatory_stage", "mandatory_stage_form",
                             forms.ValidateMandatoryStageForm(), answers.ActionAnswerMandatoryStage())
    print(reply)
    assert reply.startswith("Obligation remplie si vous suivez tout le stage : il se termine le 21 janvier 2027, "
                            "avant la date limite du 25 mars 2027"), reply
    assert "vous sera remboursée" in reply, reply
    assert "jusqu'à 4 points" not in reply and "4 points, avec effet" not in reply, reply
    assert "3 février 2027" in reply, reply  # (points again from a year after the voluntary stage, R13)
