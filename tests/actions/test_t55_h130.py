"""Tester T55 (replays on 1 December 2026), items of branch h130: the compulsory stage's points after a recent
stage in the balance's line, who is right, the way back after a 48SI, the points back without a stage, a balance or
an offence's points asked back as a yes/no question."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened
from tests.actions.test_t50_h114 import C20  # (t55-c20 replays the same retiree's story, tester T50 c20)

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t55-c19: probation, a voluntary stage of May 2026, then a 48N received on 10 November 2026 (R13, R15, R17)

C19 = ("Bonjour, jeune permis (obtenu en septembre 2024). J'avais fait un stage volontaire les 12 et 13 mai 2026 après "
       "avoir perdu 2 points. Là j'ai reçu une 48N le 10 novembre pour un excès de 32 km/h. Je dois vraiment refaire un "
       "stage ? Et il me rendra des points ?")


def test_the_balance_does_not_promise_points_from_the_compulsory_stage(domain):
    # t55-c19: the balance's line on the 48N said "fait dans ce délai, il rend des points", against the first turn:
    # the stage of 12 May 2026 gave points, none from another before 12 May 2027, after the deadline of 10 March 2027
    # (R13, R17); and it called the letter's receipt "l'infraction du 10 novembre 2026"
    chat = opened(domain, C19, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "ne rendra pas de points (pas avant le 12 mai 2027)" in chat.reply
    reply = chat.say("ok merci. et il me reste combien de points là ? les 2 points c'était en mars 2025",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("Votre solde est aujourd'hui de 3 points sur 6"), reply
    assert "il rend des points" not in reply, reply
    assert "il ne rend aucun point (votre dernier stage avec points date du 12 mai 2026" in reply, reply
    assert "pas avant le 12 mai 2027), mais il reste obligatoire" in reply, reply
    assert "L'infraction du 10 novembre 2026" not in reply, reply
    assert "L'infraction de votre lettre 48N (3 points)" in reply, reply


# --- t55-c20: a retiree's two offences, "ma femme dit mars 2028, mon fils dit plus tard. Qui a raison ?" (R9)

@pytest.mark.parametrize("follow_up, lead", [
    ("donc c'est mon fils qui a raison ?", "C'est votre fils qui a raison, pas votre femme"),
    ("ma femme dit mars 2028 et mon fils dit plus tard. lequel des deux a raison ?",
     "C'est votre fils qui a raison, pas votre femme"),
    ("et mon voisin dit septembre 2029, il a raison ?", "Votre voisin a raison"),
    ("mon beau-frère m'a dit que ce serait en 2027, qui a raison ?", "Ni votre beau-frère ni votre femme n'ont raison"),
])
def test_who_is_right_is_answered(domain, follow_up, lead):
    # t55-c20: "donc c'est mon fils qui a raison ?" got "Je n'ai pas bien compris votre question sur votre solde",
    # twice; the answer's date (2 September 2029: the phone's payment, within 3 years of the first, restarts 3 years,
    # R9) is later than March 2028: the son is right
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, C20, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert "2 septembre 2029" in chat.reply, chat.reply
    reply = chat.say(follow_up, "nlu_fallback", ActionSuggestQuestions())
    assert reply.startswith(lead), reply
    assert "2 septembre 2029" in reply, reply
    assert "pas bien compris" not in reply


# --- t55-c18: a 48SI received on 20 November, the licence (of 2012) handed back on 25 November (R20)

C18 = ("bonjour. lettre 48SI recue le 20 novembre, j'ai rendu mon permis a la prefecture le 25/11. je l'avais depuis "
       "2012. je peux encore faire un stage pour sauver mes points ?")


@pytest.mark.parametrize("follow_up", [
    "et du coup ? je repasse tout ? quand ?",
    "donc il faut tout repasser ?",
    "et je peux repasser le permis quand ?",
])
def test_the_way_back_to_a_licence_after_a_48si(domain, follow_up):
    # t55-c18: after "Aucun point : la lettre 48SI d'invalidation a été notifiée…", "et du coup ? je repasse tout ?
    # quand ?" got "Je n'ai pas bien compris votre question sur le stage…"; R20: a new licence from 25 May 2027 (6
    # months after the hand-back), the code alone if registered by 25 August 2027 (licence of 3 years or more)
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, C18, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert chat.reply.startswith("Aucun point"), chat.reply
    reply = chat.say(follow_up, "nlu_fallback", ActionSuggestQuestions())
    assert "pas bien compris" not in reply, reply
    assert "25 mai 2027" in reply, reply
    assert "le code suffit" in reply, reply


# --- t55-c22: a right-of-way refusal (4 points), "et si je fais rien du tout, ils reviennent quand même ?" (R9)

C22 = "refus de priorité à droite, 4 pts en moins, amende payée le 1er juin 2025. quand est ce que je les recupere ?"


@pytest.mark.parametrize("follow_up", [
    "et si je fais rien du tout, pas de stage rien, ils reviennent quand meme ?",
    "sans rien faire je les récupère ?",
    "ils reviennent tout seuls ?",
])
def test_points_come_back_without_doing_anything(domain, follow_up):
    # t55-c22: "Sur ce point précis, je n'ai pas d'autre réponse que celle-ci…" to a yes/no question: yes, the points
    # come back by themselves, without a stage, if no new offence (R9, L.223-6)
    from actions.fallback import ActionSuggestQuestions
    chat = opened(domain, C22, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert "1er juin 2028" in chat.reply, chat.reply
    reply = chat.say(follow_up, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert reply.startswith("Oui : les points reviennent automatiquement"), reply
    assert "1er juin 2028" in reply, reply


# --- t55-c11: the brother's balance computed (12 points), then "ok donc il a 12 comme moi ?" (R1, R5, R6)

C11 = ("Bonjour ! J'ai eu mon permis le 15/06/2024 après la conduite accompagnée, jamais eu d'amende. Je suis toujours en "
       "probatoire ? J'ai combien de points ?")


@pytest.mark.parametrize("follow_up, lead", [
    ("ok donc il a 12 comme moi ?", "Oui, 12 points"),
    ("donc il a 12 points ?", "Oui, 12 points"),
    ("il a 10 alors ?", "Non, 12 points"),
])
def test_the_balance_asked_back_gets_yes_or_no(domain, follow_up, lead):
    # t55-c11: "ok donc il a 12 comme moi ?" after his balance of 12 got the card on « Mes Points Permis »
    from actions import corrections
    chat = opened(domain, C11, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    chat.say("cool ! et mon frère qui l'a eu le même jour mais sans la conduite accompagnée, lui il est à combien ?",
             "ask_probation", answers.ActionAnswerProbation())
    chat.say("ah attends il me dit qu'il a fait la formation post permis en mars 2025, ça change quelque chose ?",
             "nlu_fallback", corrections.ActionApplyCorrection())
    reply = chat.say(follow_up, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith(lead), reply
    assert "solde est aujourd'hui de 12 points" in reply and "Mes Points Permis" not in reply, reply


# --- t55-c17: the turn signal's card (3 points), then "serieux 3 points pour un clignotant ?? t'es sur ?" (R4)

@pytest.mark.parametrize("follow_up, lead", [
    ("serieux 3 points pour un clignotant ?? t'es sur ? c'est pas 1 ?", "Oui, c'est bien 3 points, pas 1 :"),
    ("3 points vraiment ?", "Oui, c'est bien 3 points :"),
])
def test_the_offence_points_doubted_get_yes(domain, follow_up, lead):
    # t55-c17: the doubt got the same card verbatim, no "oui, c'est bien 3 points"
    chat = opened(domain, "oublier son clignotant ça enlève des points ?", "ask_offence_points",
                  answers.ActionAnswerOffencePoints(), TODAY)
    assert "retrait de 3 points" in chat.reply, chat.reply
    reply = chat.say(follow_up, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith(lead), reply
    assert "retrait de 3 points (contravention de 2e classe)" in reply, reply
