"""Testers T56 and T57 (replays on 1 December 2026), items of branch h129: a supposed 48SI never becomes a fact, the
stage that saves a licence at 0 (R18), an offence supposed with its speeds (R4, R9), the AAC ceiling explained (R5, R7),
a second invalidation (R20)."""
from __future__ import annotations

import pytest

from actions import answers
from actions.fallback import ActionSuggestQuestions
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t56-c26: probation year 1, 0,3 g/l (6 points) paid on 5 November: 0 point, a 48SI follows (R18, R20)

C26 = ("Bonjour, je suis secrétaire dans une auto-école. Un ancien élève a eu son permis le 10 mars 2026. Il a été "
       "contrôlé le 20 octobre 2026 avec 0,3 g/l de sang, il a payé le 5 novembre. Il me demande s'il perd son permis.")
C26_SUPPOSED_48SI = "il a trouvé un stage les 7 et 8 décembre. mais s'il reçoit la 48SI le 5 décembre, c'est fichu ?"


def _c26(domain):
    chat = opened(domain, C26, "inform", answers.ActionAnswerProbation(), TODAY, supervised_driving=False,
                  probation_offence=True, last_offence_points=6, offence_class="c4")
    assert "c'est une lettre 48SI d'invalidation qui suit, pas une lettre 48N" in chat.reply, chat.reply
    # (read as nlu_fallback by the server, whose suggestion action answers it and sets its 48SI back)
    reply = chat.say(C26_SUPPOSED_48SI, "nlu_fallback", ActionSuggestQuestions())
    assert reply.startswith("Oui, c'est trop tard"), reply
    return chat


@pytest.mark.parametrize("text", [
    "et s'il ne l'a toujours pas reçue le 8 au soir, le stage le sauve ? il aura combien ?",
    "et s'il l'a pas encore reçue le 8 au soir, il aura combien de points ?",
])
def test_a_supposed_48si_is_no_48si_of_the_story(domain, text):
    # t56-c26: the 48SI supposed for 5 December, answered and set back, was read again as received ("Impossible de
    # répondre : la réception de la lettre 48SI ne peut pas être dans le futur"), and "le 8 au soir" (the stage's last
    # day) as a stage on 8 November 2027; R18: a stage finished before the 48SI's notification saves the licence at 4
    chat = _c26(domain)
    reply = chat.say(text, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage())
    assert "dans le futur" not in reply and "2027" not in reply and "infraction" not in reply.split("\n")[0], reply
    assert "4 points" in reply and "7 décembre 2026" in reply, reply
    assert "Mieux vaut attendre la lettre 48N" not in reply, reply  # (no 48N comes after a retrait to 0: R15, R20)


def test_a_stage_finished_before_the_48si_received_saves_the_licence(domain):
    # t56-c26: "s'il finit son stage du 7-8 décembre AVANT d'avoir reçu la 48SI" got "Aucun point : la lettre 48SI
    # d'invalidation a été notifiée"; R18 example 3: saved at 4 points
    chat = _c26(domain)
    reply = chat.say("je reformule : s'il finit son stage du 7-8 décembre AVANT d'avoir reçu la 48SI, il garde son "
                     "permis avec combien de points ?", "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "a été notifiée" not in reply and not reply.startswith("Aucun point"), reply
    assert "un stage terminé avant cette notification le sauve (solde 4 points)" in reply, reply
    assert "Son stage du 7 décembre 2026 au 8 décembre 2026 sauve le permis" in reply, reply


@pytest.mark.parametrize("text", [
    "s'il finit son stage du 7-8 décembre AVANT d'avoir reçu la 48SI, il garde son permis ?",
    "et si le stage est fini avant que la 48SI soit notifiée ?",
    "s'il termine le stage avant qu'il ait reçu la 48SI ?",
    "s'il a fini son stage avant d'avoir reçu la lettre 48SI ?",
])
def test_what_comes_before_the_48si_is_no_48si_received(text):
    facts = parsed(text, TODAY)
    assert {"entity": "letter_received", "value": True} not in [
        {"entity": f["entity"], "value": f["value"]} for f in facts], facts
    assert not any(f["entity"] == "licence_status" for f in facts), facts


@pytest.mark.parametrize("text, value", [
    ("j'ai reçu la 48SI avant le stage", True),
    ("j'ai reçu la 48SI avant-hier", True),
])
def test_a_48si_received_before_something_stays_received(text, value):
    facts = parsed(text, TODAY)
    assert any(f["entity"] == "letter_received" and f["value"] is value for f in facts), facts
    assert any(f["entity"] == "licence_status" and f["value"] == "invalidated" for f in facts), facts


def test_a_stage_whose_end_is_supposed_is_to_come():
    # "s'il finit son stage du 7-8 décembre": this December, not December 2025 (its "avant d'avoir reçu" no past)
    facts = parsed("je reformule : s'il finit son stage du 7-8 décembre AVANT d'avoir reçu la 48SI, il garde son "
                   "permis avec combien de points ?", TODAY)
    assert {"entity": "date", "value": "2026-12-07", "role": "stage"} in [
        {k: f.get(k) for k in ("entity", "value", "role")} for f in facts], facts


# --- t56-c20: licence 20/01/2025, complementary training 10/09/2025, no offence: probation to 20 January 2027 (R6)

C20 = ("Bonjour ! J'ai obtenu mon permis le 20/01/2025 (filière classique) et j'ai fait la formation complémentaire "
       "post-permis le 10/09/2025. Aucune infraction. Combien de points j'ai et quand est-ce que je sors de la période "
       "probatoire ?")
C20_SUPPOSED = ("trop bien. et si je me fais flasher le 5 janvier, genre 15 km/h de trop sur l'autoroute à 110, et que je "
                "paye direct ?")


def _c20(domain):
    chat = opened(domain, C20, "ask_probation", answers.ActionAnswerProbation(), TODAY, probation_offence=False,
                  supervised_driving=False, complementary_training=True, training_date="2025-09-10",
                  licence_date="2025-01-20")
    assert "probatoire jusqu'au 20 janvier 2027" in chat.reply, chat.reply
    reply = chat.say(C20_SUPPOSED, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "retrait de 1 point (contravention de 3e classe)" in reply, reply
    return chat


@pytest.mark.parametrize("text", [
    "donc je serais toujours libéré de la période probatoire le 20 janvier 2027 avec ma formation ?",
    "du coup je sortirais quand même du probatoire le 20 janvier 2027 ?",
])
def test_the_end_of_probation_asked_in_the_world_of_the_offence_supposed(domain, text):
    # t56-c20: "donc je serais toujours libéré… le 20 janvier 2027 ?" got the offence's card again, which said the
    # probation "n'est ni prolongée ni recommencée"; R6: the offence in probation loses the training's reduction
    chat = _c20(domain)
    reply = chat.say(text, "ask_probation", answers.ActionAnswerProbation())
    assert reply.startswith("Non : vous perdriez la réduction liée à la formation complémentaire : la période "
                            "probatoire se terminerait le 20 janvier 2028 au lieu du 20 janvier 2027"), reply
    assert "de 8 points à 7 points" in reply and "le 5 janvier 2029" in reply, reply


def test_the_excess_supposed_again_keeps_its_speeds(domain):
    # t56-c20: "je parle du cas où j'ai l'excès de vitesse le 5 janvier 2027" forgot the 110 and the 15 km/h told
    # with the hypothesis: "Sans la limite ni la vitesse… contravention de 4e classe", 12 on 5 January 2030; R4: an
    # excess under 20 km/h on a road above 50 km/h is a 3rd class (1 point), R9: 2 years, 12 on 5 January 2029
    chat = _c20(domain)
    chat.say("donc je serais toujours libéré de la période probatoire le 20 janvier 2027 avec ma formation ?",
             "ask_probation", answers.ActionAnswerProbation())
    reply = chat.say("je parle du cas où j'ai l'excès de vitesse le 5 janvier 2027. est ce que je perds l'avantage de "
                     "la formation ?", "ask_probation", answers.ActionAnswerProbation())
    assert reply.startswith("Oui :"), reply
    assert "contravention de 3e classe" in reply and "4e classe" not in reply, reply
    assert "le 5 janvier 2029 au lieu du 20 janvier 2027" in reply and "2030" not in reply, reply
    assert "la période probatoire se terminerait le 20 janvier 2028 au lieu du 20 janvier 2027" in reply, reply
    assert "Sans la limite ni la vitesse" not in reply, reply


# --- t57-c19: a son's AAC licence in its first year, 0,3 g/l (6 points), fine not paid, 6 points: 0 then a 48SI

C19 = ("bonsoir, c'est pour mon fils. il a son permis depuis 8 mois et il s'est fait contrôler samedi avec 0,3 g "
       "d'alcool")


@pytest.mark.parametrize("text", [
    "et s'il fait le stage tout de suite, genre la semaine prochaine, avant même de payer l'amende ? ça le sauve ?",
    "et s'il fait un stage le 7 décembre, avant de payer, il aura combien ?",
])
def test_a_stage_before_the_retrait_to_zero_does_not_save_the_licence(domain, text):
    # t57-c19: "Aucun point à gagner : son solde (6) est déjà au plafond" and "Mieux vaut attendre la lettre 48N", though
    # no 48N comes after a retrait to 0 (a 48SI does: R15 edge case, R20); R18: a stage before the retrait is capped
    # at 6, then the retrait leaves 0; after the retrait's decision and before the 48SI it saves the licence at 4
    chat = opened(domain, C19, "inform", answers.ActionAnswerProbation(), TODAY, supervised_driving=True,
                  probation_offence=True, last_offence_points=6, offence_class="c4", fine_payment_date="not_paid",
                  current_balance=6, balance_unknown=False)
    assert "pas une lettre 48N" in chat.reply, chat.reply
    reply = chat.say(text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "48N" not in reply, reply
    assert "Mieux vaut attendre que le retrait de 6 points soit enregistré avant de faire le stage : il passerait " \
           "alors de 0 à 4 points, au lieu de finir à 0 point avec un stage fait avant" in reply, reply
    assert "le stage doit alors être terminé avant la notification de la lettre 48SI" in reply, reply


# --- t56-c02: a son's AAC licence of 15 June 2025: ceiling 9 (6 + 3 after its first year, R5)

def test_why_the_ceiling_says_how_it_came_to_be(domain):
    # t56-c02: "pourquoi 9 et pas 10 ?" got only "sans dépasser son plafond de 9 points"; R5: with the AAC, 6 points
    # and 3 more a year without offence (9 after the first year)
    chat = opened(domain, "Bonjour, je vous écris pour mon fils. Il a eu son permis le 15 juin 2025, il avait fait la "
                          "conduite accompagnée.", "ask_probation", answers.ActionAnswerProbation(), TODAY,
                  supervised_driving=True, probation_offence=False)
    chat.say("et si il fait un stage les 11 et 12 janvier, il aura combien de points après ?", "ask_points_after_stage",
             answers.ActionAnswerPointsAfterStage())
    reply = chat.say("pourquoi 9 et pas 10 ?", "ask_why", answers.ActionAnswerPointsAfterStage())
    assert "plafond de 9 points" in reply, reply
    assert "Avec la conduite accompagnée (AAC), la période probatoire dure 2 ans et chaque année sans infraction " \
           "rapporte 3 points" in reply, reply
