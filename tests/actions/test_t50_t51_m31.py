"""Testers T50 and T51 (1 December 2026), items mended on branch m31b: a delay of full recovery in 3 years doubted or
asked why ("pourquoi 3 ans et pas 2 ?", "on m'a dit 2 ans pour la ceinture") is explained by the offences' class (R9)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conversation import opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t50-c04: a red light paid on 12 March 2024, licence of 1975: 8 points, 12 on 12 March 2027 (R4, R9)

C04 = ("Bonjour. Je suis retraitée, permis depuis 1975. J'ai grillé un feu rouge et j'ai payé l'amende le 12 mars 2024. "
       "Depuis, rien du tout. Quand est-ce que je retrouverai mes 12 points ?")


def c04_chat(domain):
    chat = opened_in_form(domain, C04, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    assert "retrouvera son maximum de points le 12 mars 2027" in chat.reply, chat.reply
    return chat


def test_a_doubt_of_the_three_years_is_answered_with_the_class_of_the_offence(domain):
    # t50-c04: "c'est sûr ? une amie m'a dit que c'était 2 ans" got the generic "Ce résultat applique…, il changerait
    # si…". R9: a red light is a 4th-class contravention, so 3 years (L.223-6)
    chat = c04_chat(domain)
    reply = chat.say("c'est sûr ? une amie m'a dit que c'était 2 ans", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert reply.startswith("C'est bien 3 ans ici, pas 2."), reply
    assert "Feu rouge (fixe ou clignotant) non respecté : contravention de 4e classe." in reply, reply
    assert "(article L.223-6 du Code de la route)" in reply and "le 12 mars 2027" in reply, reply


def test_why_three_years_and_not_two_is_answered(domain):
    # t50-c04: "mais pourquoi 3 ans et pas 2 ?" (read as inform) got "D'accord. Quelle est votre question ?"
    chat = c04_chat(domain)
    reply = chat.say("mais pourquoi 3 ans et pas 2 ?", "inform", corrections.ActionApplyCorrection())
    assert "Quelle est votre question" not in reply, reply
    assert reply.startswith("Voici sur quoi repose ce résultat :\n- Sans nouvelle infraction, votre permis retrouvera "
                            "son maximum de points le 12 mars 2027."), reply
    assert "Feu rouge (fixe ou clignotant) non respecté : contravention de 4e classe." in reply, reply


# --- t51-c08: a seatbelt paid 5 February 2023 and a red light paid 3 January 2026: 5 points, 12 on 3 January 2029

C08 = ("Bonjour. J'ai été verbalisé pour défaut de ceinture, j'ai payé l'amende le 5 février 2023. J'avais 12 points et "
       "mon permis date de 1998. Quand est-ce que je retrouve mes 12 points ?")
C08_RED_LIGHT = ("ah mais attendez, j'ai aussi grillé un feu rouge en décembre 2025, payé le 3 janvier 2026. Ca change le "
                 "calcul ?")


def test_two_years_read_for_the_seatbelt_is_answered_with_its_class(domain):
    # t51-c08: "t'es sûr pour les 3 ans ? j'ai lu sur un site que pour la ceinture c'était 2 ans" got "je n'ai pas
    # d'autre réponse que celle-ci" and the answer again. R9 example 1: the seatbelt is 4th class, 3 years
    chat = opened_in_form(domain, C08, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say_in_form(C08_RED_LIGHT, "ask_auto_recovery", "auto_recovery_form",
                             forms.ValidateAutoRecoveryForm(), answers.ActionAnswerAutoRecovery())
    assert "le 3 janvier 2029" in reply, reply
    reply = chat.say("t'es sûr pour les 3 ans ? j'ai lu sur un site que pour la ceinture c'était 2 ans", "nlu_fallback",
                     fallback.ActionSuggestQuestions())
    assert reply.startswith("C'est bien 3 ans ici, pas 2."), reply
    assert "je n'ai pas d'autre réponse" not in reply, reply
    assert "sans ceinture" in reply.lower() and "le 3 janvier 2029" in reply, reply


def test_a_delay_of_two_years_given_is_not_explained_as_three(domain):
    # R9 example 2: a turn-signal offence alone (2nd class) gives 2 years: the doubt of "3 ans" is no 3-year case
    text = ("j'ai oublié mon clignotant, 3 points, payé le 1er février 2026, pas d'autre infraction. quand est-ce que "
            "je retrouve mes 12 points ?")
    chat = opened_in_form(domain, text, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                          answers.ActionAnswerAutoRecovery(), TODAY)
    assert "le 1er février 2028" in chat.reply, chat.reply
    reply = chat.say("c'est pas 3 ans normalement ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert not reply.startswith("C'est bien 3 ans ici, pas 2."), reply


# --- t51-c20: licence 20/01/2025, formation complémentaire 10/09/2025: probation ends 20/01/2027 (R6 example 1)

C20 = ("Bonjour ! J'ai obtenu mon permis le 20/01/2025 (filière classique) et j'ai fait la formation complémentaire "
       "post-permis le 10/09/2025. Aucune infraction. Combien de points j'ai et quand est-ce que je sors de la période "
       "probatoire ?")
C20_WHAT_IF = ("trop bien. et si je me fais flasher le 5 janvier, genre 15 km/h de trop sur l'autoroute à 110, et que je "
               "paye direct ?")


def test_an_offence_before_the_shortened_end_is_said_to_lose_the_training_reduction(domain):
    # t51-c20: the offence's card said the probation "n'est ni prolongée ni recommencée"; R6 edge case and example 3:
    # an offence before the end the training brought loses the reduction, the probation runs to 20 January 2028
    chat = opened_in_form(domain, C20, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    assert "probatoire jusqu'au 20 janvier 2027" in chat.reply, chat.reply
    reply = chat.say(C20_WHAT_IF, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "ni prolongée ni recommencée" not in reply, reply
    assert ("fait perdre la réduction due à la formation complémentaire : la période probatoire se terminerait le "
            "20 janvier 2028 au lieu du 20 janvier 2027") in reply, reply


def test_an_offence_supposed_and_answered_by_its_card_is_not_kept(domain):
    # t54-c20: the supposed excess "le 5 janvier" stayed in the slots as an offence of 5 January 2026, and "je reviens à
    # 12 quand ?" got "Solde aujourd'hui : 6 points, si vous aviez 6 points avant l'infraction du 5 janvier 2026"
    chat = opened_in_form(domain, C20, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    chat.say(C20_WHAT_IF, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert chat.slots.get("offence_date") is None and chat.slots.get("fine_payment_date") is None, chat.slots
    assert chat.slots.get("speed_excess") is None, chat.slots


# --- t50-c10: "mon pote dit qu'il a 15 points… c possible ?", "est ce qu'on peut avoir plus de 12 points ou pas" (R1)

@pytest.mark.parametrize("text", [
    "mon pote dit qu'il a 15 points sur son permis grace a un bonus, c possible ?",
    "est ce qu'on peut avoir plus de 12 points ou pas",
    "15 points c possible ?",
    "on peut dépasser les 12 points si on fait pas d'infraction ?",
])
def test_more_than_the_maximum_asked_is_a_plain_no(domain, text):
    # t50-c10: both got "Je n'ai pas bien compris" or "J'ai noté les informations… mais pas votre question"
    from tests.actions.conversation import Conversation
    chat = Conversation(domain, text, "nlu_fallback", fallback.ActionSuggestQuestions(), {}, today=TODAY)
    assert chat.reply.startswith("Non : un permis compte au plus 12 points (article L.223-1 du Code de la route)"), \
        chat.reply


@pytest.mark.parametrize("text", [
    "il me reste 9 points, je peux faire un stage ?",
    "jai 12 points ou pas ?",
    "un excès de 15 km/h ça fait combien de points ?",
])
def test_a_balance_under_the_maximum_is_no_such_question(domain, text):
    from actions.follow_ups import above_maximum_asked
    from tests.actions.conftest import make_tracker, parsed
    assert above_maximum_asked(make_tracker(text=text, entities=parsed(text, TODAY), intent="nlu_fallback")) is None


# --- t52-c29: a stage on 10-11 December computed, then "et si je tombe malade le 11, je peux finir le stage un autre
# jour ?" (R11: full attendance, else no attestation and the whole stage again)

C29_1 = ("Bonjour, je voulais savoir : mon stage est prévu les 10 et 11 décembre, je dois apporter quoi ? Et si je suis "
         "malade le 2e jour je perds tout ?")
C29_2 = "ok. j'ai 8 points, permis depuis 2010, pas de stage avant. j'aurai combien après et à partir de quand ?"


def test_a_day_of_the_stage_missed_for_illness_is_no_other_stage_supposed(domain):
    # t52-c29: "Si vous faites un autre stage, commençant le 11 novembre 2027, alors : … 8 à 12 points"
    from tests.actions.conversation import opened
    chat = opened(domain, C29_1, "ask_stage_info", answers.ActionAnswerStageInfo(), TODAY)
    reply = chat.say_in_form(C29_2, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "avec effet au 12 décembre 2026" in reply, reply
    reply = chat.say("et si je tombe malade le 11, je peux finir le stage un autre jour ?", "ask_stage_info",
                     answers.ActionAnswerStageInfo())
    assert "autre stage, commençant" not in reply and "2027" not in reply, reply
    assert reply.startswith("Si vous manquez tout ou partie du stage, même le 2e jour et même pour une maladie, il "
                            "n'est pas validé"), reply


# --- t52-c07: a 48SI received yesterday, licence of 2009, handed back "ce vendredi" (4 December 2026): a new licence
# from 4 June 2027 (R20, L.223-5)

C07_1 = ("Bonjour Madame, Monsieur, je me permets de vous écrire car j'ai reçu hier une lettre 48SI m'indiquant que mon "
         "permis n'est plus valide. J'ai mon permis depuis 2009. Que dois-je faire maintenant et dans combien de temps "
         "pourrai-je conduire à nouveau ? Merci d'avance.")


@pytest.mark.parametrize("text", ["Donc le 4 juin 2027 je pourrai reprendre le volant directement ?",
                                  "Est-ce que je pourrai conduire dès le 4 juin 2027 ?"])
def test_driving_again_on_the_day_the_new_licence_may_be_issued(domain, text):
    # t52-c07: the first got "Je n'ai pas bien compris", the second "Non, pas le 4 juin 2027 : … au plus tôt le 4 juin
    # 2027" (a no contradicted by its own date)
    from tests.actions.conversation import opened
    chat = opened(domain, C07_1, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    reply = chat.say("Pas encore, je compte le déposer ce vendredi.", "nlu_fallback", corrections.ActionApplyCorrection())
    assert "à partir du 4 juin 2027" in reply, reply
    reply = chat.say(text, "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Oui, le 4 juin 2027 au plus tôt, mais pas automatiquement"), reply
    assert "Non, pas le 4 juin 2027" not in reply, reply


def test_driving_again_before_the_new_licence_may_be_issued_is_a_no(domain):
    from tests.actions.conversation import opened
    chat = opened(domain, C07_1, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
    chat.say("Pas encore, je compte le déposer ce vendredi.", "nlu_fallback", corrections.ActionApplyCorrection())
    reply = chat.say("je pourrai reconduire le 1er mars 2027 ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Non, pas le 1er mars 2027"), reply


# --- t54-c06: probation since 20 May 2024, a 20 km/h excess supposed tomorrow, then "j'ai pas de lettre" (R2, R15, R19)

C06_1 = ("jsuis en permis probatoire depuis le 20 mai 2024 (pas de conduite accompagnée), jamais eu d'amende. j'ai "
         "combien de points là ?")


@pytest.mark.parametrize("text, starts", [
    # (the hypothesis it restates is answered: the excess supposed tomorrow, as the answer before)
    ("j'ai pas de lettre, c'est juste si jamais demain je prends 20 de trop", "Si vous commettiez le 2 décembre 2026"),
    ("aucune lettre !", "D'accord : vous n'avez reçu aucune lettre."),
])
def test_no_letter_received_is_not_asked_which_letter(domain, text, starts):
    # t54-c06: "Quelle lettre avez-vous reçue ?" with its 8 buttons, three times, "aucune lettre !" included
    chat = opened_in_form(domain, C06_1, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    assert "10 points" in chat.reply, chat.reply
    reply = chat.say_in_form(text, "ask_letter", "letter_form", forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    assert chat.slots.get("requested_slot") is None and "Quelle lettre" not in chat.form_said + reply, chat.form_said
    assert reply.startswith(starts), reply


def test_a_letter_named_is_still_explained(domain):
    chat = opened_in_form(domain, C06_1, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                          answers.ActionAnswerProbation(), TODAY)
    reply = chat.say_in_form("j'ai pas de lettre 48N mais une 48, ça veut dire quoi ?", "ask_letter", "letter_form",
                             forms.ValidateLetterForm(), answers.ActionAnswerLetter())
    assert not reply.startswith("D'accord : vous n'avez reçu aucune lettre."), reply
