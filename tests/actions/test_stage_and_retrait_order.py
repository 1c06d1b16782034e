"""A stage done and a retrait whose date is not known: the order is not assumed (a stage before the retrait cannot
save the licence from it, one after it does), both are said; the balance "Mes Points Permis" shows, or the offence's
date after the stage, settles it; "oui ou non ?" gets a yes or a no on the facts (R2, R12, R13, R18). Outside tester
T8 c24 (BOT_TODAY=2026-12-01): 4 points, a 6-point retrait for a pedestrian in October, a stage on 8-9 June 2026,
Mes Points Permis at 0: the stage did not save it, the next stage gives points from 8 June 2027."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.test_stage_balance_first_day import Chat
from tests.actions.test_stage_before_later_retrait import zero_points


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


STORIES = [
    "j'avais 4 points et j'ai pris 6 pour un refus de priorité à un piéton, pas reçu de 48SI, c'est rattrapable ?",
    "javais 4 points et jai pris 6 pour un refus de priorité a un pieton, ca fait -2, donc cest rattrapable ? pas de "
    "lettre 48SI pour l'instant",
]
STAGES = ["c'est sûr ? parce que j'ai déjà fait un stage en juin, le 8 et 9 juin 2026",
          "j'ai fait un stage les 8 et 9 juin 2026 déjà"]


def told(domain, story: str, stage: str, first: str = "") -> Chat:
    chat = Chat(domain)
    if first:
        zero_points(chat, first)
    zero_points(chat, story, last_offence_points=6, offence_class="c4")
    return chat


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_and_a_retrait_of_unknown_date_give_both_orders(domain, story, stage):
    chat = told(domain, story, stage)
    reply = zero_points(chat, stage)
    assert reply.startswith("Tout dépend de la date de la décision de retrait par rapport à votre stage des 8 et 9 "
                            "juin 2026"), reply
    assert "ce stage a sauvé votre permis : votre solde est de 2 points depuis le 10 juin 2026 (-2 + 4)" in reply
    assert "votre solde calculé est de -2, et un nouveau stage ne rendra des points qu'à partir du 8 juin 2027" in reply
    assert "Dites-moi la date du paiement de l'amende" in reply
    assert "Votre stage des 8 et 9 juin 2026 a sauvé votre permis" not in reply


@pytest.mark.parametrize("first", [
    "mon solde est a 0 sur mes points permis mais jai pas recu de lettre 48SI. je peux encore faire un stage ?",
    "Mes Points Permis affiche 0 point, pas encore de 48SI, un stage est possible ?",
    "sur le site ça marque zéro point, je n'ai pas reçu de 48SI, que faire ?",
])
def test_mes_points_permis_at_0_says_the_retrait_came_after_the_stage(domain, first):
    # T8 c24: the 0 shown months after the June stage is the recorded balance; had the stage followed the retrait, the
    # file would show 2 (R12, R18)
    chat = told(domain, STORIES[1], STAGES[0], first=first)
    reply = zero_points(chat, STAGES[0])
    assert reply.startswith("« Mes Points Permis » affiche 0 point : si votre stage des 8 et 9 juin 2026 avait suivi "
                            "la décision de retrait"), reply
    assert "Votre stage des 8 et 9 juin 2026 a eu lieu avant ce retrait" in reply
    assert "Un nouveau stage ne rendra des points qu'à partir du 8 juin 2027" in reply
    assert "a sauvé votre permis" not in reply


@pytest.mark.parametrize("correction", [
    "mais non le pieton cest en octobre, apres le stage de juin. mes points permis affiche 0",
    "non, le piéton c'était le 15 octobre 2026, bien après le stage",
    "mais le piéton c'était en octobre 2026, après le stage",
])
def test_the_offence_dated_after_the_stage_settles_the_order(domain, correction):
    chat = told(domain, STORIES[0], STAGES[0])
    zero_points(chat, STAGES[0])
    reply = chat.say(correction, "inform", corrections.ActionApplyCorrection())
    assert chat.slots["offence_date"] in ("2026-10", "2026-10-15"), chat.slots
    assert "Votre stage des 8 et 9 juin 2026 a eu lieu avant ce retrait" in reply, reply
    assert "à partir du 8 juin 2027" in reply and "Quel jour" not in reply and "Amende forfaitaire" not in reply


@pytest.mark.parametrize("question", [
    "je peux faire un stage pour sauver mon permis oui ou non ?",
    "réponds-moi par oui ou par non : un stage peut encore sauver mon permis ?",
    "un stage peut me sauver ou pas ?",
])
def test_yes_or_no_is_answered_first(domain, question):
    chat = told(domain, STORIES[0], STAGES[0])
    zero_points(chat, STAGES[0])
    chat.say("mais non le pieton cest en octobre, apres le stage de juin. mes points permis affiche 0", "inform",
             corrections.ActionApplyCorrection())
    reply = zero_points(chat, question)
    assert reply.startswith("Non, pas avant le 8 juin 2027 : un stage ne vous rendra des points qu'à partir de cette "
                            "date, et il ne sauvera le permis que si la lettre 48SI ne vous a pas été notifiée avant sa "
                            "fin."), reply


@pytest.mark.parametrize("question", ["je peux encore le sauver, oui ou non ?", "un stage peut me sauver ou pas ?"])
def test_yes_when_a_stage_now_saves_it(domain, question):
    # 2 points, a 3-point phone fine paid 30 November 2026, no stage: -1 + 4 = 3 if the stage ends before the 48SI
    chat = Chat(domain)
    zero_points(chat, "il me reste 2 points et j'ai payé hier une amende de téléphone au volant (3 points), pas de 48SI",
                fine_payment_date="2026-11-30", last_offence_points=3)
    reply = zero_points(chat, question)
    assert reply.startswith("Oui, à condition que le stage se termine avant la notification de la lettre 48SI"), reply


@pytest.mark.parametrize("question", ["je peux le sauver oui ou non ?", "un stage peut me sauver ou pas ?"])
def test_yes_or_no_when_the_order_is_unknown(domain, question):
    chat = told(domain, STORIES[0], STAGES[0])
    zero_points(chat, STAGES[0])
    reply = zero_points(chat, question)
    assert reply.startswith("Cela dépend de la date du retrait : s'il a été décidé avant votre stage, ce stage vous a "
                            "déjà sauvé ; s'il a été décidé après, pas avant le 8 juin 2027"), reply


@pytest.mark.parametrize("doubt", ["c'est sûr ? j'ai déjà fait un stage les 8 et 9 juin 2026",
                                   "vous êtes sûr ? j'ai fait un stage le 8 et 9 juin 2026"])
def test_a_doubt_with_a_stage_told_is_answered_with_that_stage(domain, doubt):
    # not "Ce résultat applique…" nor "Quelle est votre question ?": the stage told is counted (R18)
    chat = Chat(domain)
    chat.say(STORIES[0], "ask_offence_points", answers.ActionAnswerOffencePoints(),
             {"last_offence_points": 6, "offence_class": "c4"})
    reply = chat.say(doubt, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Tout dépend de la date de la décision de retrait par rapport à votre stage des 8 et 9 "
                            "juin 2026"), reply
    # then the payment date settles it, and "ou pas ?" read as what a stage is gets the no
    reply = chat.say("l'amende je l'ai payée le 20 octobre", "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Votre stage des 8 et 9 juin 2026 a eu lieu avant ce retrait"), reply
    reply = chat.say("un stage peut me sauver ou pas ?", "ask_stage_info", answers.ActionAnswerStageInfo())
    assert reply.startswith("Non, pas avant le 8 juin 2027"), reply
