"""Tester T58 (1 December 2026), items of branch h137: the why of a stage ended before the 48SI, and whether it may be
taken now, after the answer that a stage saves a licence at 0 point or below (R13, R18)."""
from __future__ import annotations

import pytest

from actions import fallback
from actions.answers import (ActionAnswerLetter, ActionAnswerMandatoryStage, ActionAnswerStageEligibility,
                             ActionAnswerZeroPoints)
from actions.forms import ValidateLetterForm, ValidateMandatoryStageForm, ValidateStageEligibilityForm
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

SAVED_BY_A_STAGE = ("Il me reste 1 point et je viens de payer une amende pour ligne continue franchie (3 pts). J'ai rien "
                    "reçu pour l'instant. je suis foutu ?")
FORMS = {"ask_mandatory_stage": ("mandatory_stage_form", ValidateMandatoryStageForm, ActionAnswerMandatoryStage),
         "ask_letter": ("letter_form", ValidateLetterForm, ActionAnswerLetter),
         "ask_stage_eligibility": ("stage_eligibility_form", ValidateStageEligibilityForm,
                                   ActionAnswerStageEligibility)}


def _saved_by_a_stage(domain) -> FormConversation:
    chat = FormConversation.before_first_message(domain, TODAY)
    reply = chat.say(SAVED_BY_A_STAGE, "ask_zero_points", ActionAnswerZeroPoints())
    assert "reste valide jusqu'à la notification de la lettre 48SI" in reply and "solde 2 points" in reply, reply
    return chat


def _asked(chat: FormConversation, text: str, intent: str) -> str:
    """The reply to `text` read as `intent` (as the NLU reads it), through its form when it opens one."""
    if intent not in FORMS:
        return chat.say(text, intent, fallback.ActionSuggestQuestions())
    form, validator, action = FORMS[intent]
    chat.read_by_form(text, intent, form, validator())
    assert chat.slots.get("requested_slot") is None, (chat.form_said, chat.slots.get("requested_slot"))
    return chat.form_said + chat.answer_after_form(text, intent, action())


@pytest.mark.parametrize("text, intent", [
    ("pourquoi le stage doit etre fini avant la lettre ? et je peux le faire dès maintenant ?", "ask_mandatory_stage"),
    ("pourquoi il faut que le stage soit terminé avant la 48SI ? je peux m'inscrire maintenant ?", "nlu_fallback"),
])
def test_why_before_the_48si_and_whether_now(domain, text, intent):
    # t58-c27: after "1 point + ligne continue" (-2, saved by a stage ended before the 48SI, R18), the question got the
    # card of the "ligne continue" again; the why (valid until the 48SI's notification; after it, the points refused,
    # R14, R18) and now (R13)
    chat = _saved_by_a_stage(domain)
    reply = _asked(chat, text, intent)
    assert "Franchissement d'une ligne continue" not in reply, reply
    assert "reste valide tant que la lettre 48SI ne vous a pas été notifiée" in reply, reply
    assert "préfet doit refuser les points" in reply and "-2" in reply and "2 points" in reply, reply
    assert "Le plus tôt possible" in reply or "Sans attendre" in reply, reply
    assert "depuis moins d'un an" in reply, reply


@pytest.mark.parametrize("text, intent", [
    ("pk faut le finir avant de recevoir la lettre", "ask_letter"),
    ("et si je le fais après la lettre ça marche plus ?", "ask_mandatory_stage"),
    ("pourquoi avant la 48SI ?", "nlu_fallback"),
])
def test_why_before_the_48si(domain, text, intent):
    chat = _saved_by_a_stage(domain)
    reply = _asked(chat, text, intent)
    assert "reste valide tant que la lettre 48SI ne vous a pas été notifiée" in reply, reply
    assert "préfet doit refuser les points" in reply, reply


@pytest.mark.parametrize("text, intent", [
    ("je répète : est-ce que je peux faire le stage tout de suite, avant d'avoir reçu quoi que ce soit ?",
     "ask_stage_eligibility"),
    ("je peux le faire dès maintenant ?", "ask_stage_eligibility"),
])
def test_whether_the_stage_may_be_taken_now(domain, text, intent):
    # (the steps of a balance at 0 asked the balance again: "Donnez-moi votre solde avant le dernier retrait")
    chat = _saved_by_a_stage(domain)
    reply = _asked(chat, text, intent)
    assert "Donnez-moi votre solde" not in reply, reply
    assert "Le plus tôt possible" in reply or "Sans attendre" in reply, reply
    assert "2 points" in reply and "depuis moins d'un an" in reply, reply


# --- t58-c20: "j'ai 7 points, si je fais un stage en janvier j'en aurai combien ?" (11 on 17 January 2027, R12), then
# "et si d'ici là je reperds 1 point, genre un petit excès payé le 20 décembre, j'aurai combien après le stage ?" got
# "je n'ai pas d'autre réponse que celle-ci : … de 7 à 11 points": the retrait supposed before the stage planned (6 on
# the payment, R2), then the stage (10 on 17 January 2027, R12)

def _stage_in_january(domain):
    from actions.answers import ActionAnswerPointsAfterStage
    from tests.actions.conversation import opened
    chat = opened(domain, "j'ai 7 points, si je fais un stage en janvier j'en aurai combien ?", "ask_points_after_stage",
                  ActionAnswerPointsAfterStage(), TODAY, stage_first_day="2027-01-15", licence_date="2015",
                  previous_stage_date="none", current_balance=7)
    assert "17 janvier 2027" in chat.reply and "de 7 à 11 points" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text, lost_on, after_the_retrait, after_the_stage", [
    ("et si d'ici là je reperds 1 point, genre un petit excès payé le 20 décembre, j'aurai combien après le stage ?",
     "20 décembre 2026", 6, 10),
    ("et si je perds 2 points le 10 janvier avant le stage ?", "10 janvier 2027", 5, 9),
    ("et si entre temps je perds encore 3 points le 5 janvier, j'en aurai combien après mon stage ?", "5 janvier 2027",
     4, 8),
])
def test_a_retrait_supposed_before_the_stage_planned(domain, text, lost_on, after_the_retrait, after_the_stage):
    from actions.answers import ActionAnswerPointsAfterStage
    from actions.forms import ValidatePointsAfterStageForm
    chat = _stage_in_january(domain)
    chat.read_by_form(text, "ask_points_after_stage", "points_after_stage_form", ValidatePointsAfterStageForm())
    assert chat.slots.get("requested_slot") is None, chat.form_said
    reply = chat.answer_after_form(text, "ask_points_after_stage", ActionAnswerPointsAfterStage())
    assert "pas d'autre réponse" not in reply, reply
    assert f"de 7 points à {after_the_retrait} points" in reply and lost_on in reply, reply
    assert "stage des 15 et 16 janvier 2027" in reply, reply
    assert f"de {after_the_retrait} à {after_the_stage} points" in reply, reply


# --- t58-c09: "telephone au volant combien de points" (3 points, R.412-6-1), then "et si c'est juste le kit mains libres
# bluetooth ?" got the phone's card again, and "je parle du kit integré a la voiture, sans rien dans l'oreille" got
# "Quelle est votre question ?": R.412-6-1 punishes the phone held in hand and a device worn at the ear (R4)

def _phone_card(domain):
    from actions.answers import ActionAnswerOffencePoints
    from actions.forms import ValidateOffencePointsForm
    from tests.actions.conversation import opened_in_form
    chat = opened_in_form(domain, "telephone au volant combien de points", "ask_offence_points", "offence_points_form",
                          ValidateOffencePointsForm(), ActionAnswerOffencePoints(), TODAY)
    assert "R.412-6-1" in chat.reply and "3 points" in chat.reply, chat.reply
    return chat


@pytest.mark.parametrize("text, intent", [
    ("et si c'est juste le kit mains libres bluetooth ?", "ask_offence_points"),
    ("kit mains libres intégré à la voiture ça compte ?", "ask_offence_points"),
    ("je parle du kit integré a la voiture, sans rien dans l'oreille", "inform"),
    ("et en haut-parleur avec carplay, sans oreillette ?", "nlu_fallback"),
])
def test_a_hands_free_kit_through_the_car_is_not_the_phone_offence(domain, text, intent):
    from actions.answers import ActionAnswerOffencePoints
    from actions.corrections import ActionApplyCorrection
    from actions.forms import ValidateOffencePointsForm
    chat = _phone_card(domain)
    if intent == "ask_offence_points":
        reply = chat.say_in_form(text, intent, "offence_points_form", ValidateOffencePointsForm(),
                                 ActionAnswerOffencePoints())
    else:
        reply = chat.say(text, intent, ActionApplyCorrection() if intent == "inform" else
                         fallback.ActionSuggestQuestions())
    assert "n'est pas visé par l'article R.412-6-1" in reply, reply
    assert "porté à l'oreille" in reply and "Quelle est votre question" not in reply, reply


@pytest.mark.parametrize("text", ["et avec une oreillette bluetooth ?", "et avec des écouteurs sans fil ?"])
def test_an_earpiece_stays_the_phone_offence(domain, text):
    from actions.answers import ActionAnswerOffencePoints
    from actions.forms import ValidateOffencePointsForm
    chat = _phone_card(domain)
    reply = chat.say_in_form(text, "ask_offence_points", "offence_points_form", ValidateOffencePointsForm(),
                             ActionAnswerOffencePoints())
    assert "n'est pas visé" not in reply and "3 points" in reply, reply


# --- t58-c24: a long story of two offences paid on 2 March and 1 July 2026, 12 points before them: "le retrait a été
# fait le 1er juillet 2026" forgot the first payment; each retrait is made on its own payment (R2)

LONG_STORY = (
    "Bonjour, alors voilà je vous écris parce que je suis un peu perdu avec tout ça et mon beau-frère me dit des choses "
    "différentes de ce que dit ma collègue, donc je préfère demander. J'ai mon permis B depuis mai 2010, je roule beaucoup "
    "pour le travail (je suis commercial, environ 40 000 km par an), et jusqu'ici j'ai toujours été assez tranquille. Mais "
    "cette année ça s'est enchaîné : d'abord en février j'ai été contrôlé sans ceinture sur un parking de supermarché (oui "
    "je sais, c'est bête, je venais de démarrer), j'ai payé tout de suite, le 2 mars 2026. Ensuite j'ai reçu un avis pour "
    "un excès de vitesse de 22 km/h sur une départementale limitée à 80, l'infraction date du 18 juin 2026 et j'ai payé le "
    "1er juillet 2026. Ma collègue dit que je vais tout récupérer dans deux ans, mon beau-frère dit trois, et moi je "
    "voudrais surtout savoir combien il me reste de points aujourd'hui, sachant que j'avais bien 12 points au début de "
    "l'année, et quand je serai de nouveau à 12 si je fais attention. Merci d'avance pour votre aide, et désolé pour le "
    "roman !")


@pytest.mark.parametrize("intent", ["ask_offence_points"])
def test_each_retrait_of_a_story_is_made_on_its_payment(domain, intent):
    from actions.answers import ActionAnswerAutoRecovery, ActionAnswerOffencePoints
    from actions.forms import ValidateAutoRecoveryForm, ValidateOffencePointsForm
    from tests.actions.conversation import opened_in_form
    form, validator, action = {
        "ask_offence_points": ("offence_points_form", ValidateOffencePointsForm, ActionAnswerOffencePoints),
        "ask_auto_recovery": ("auto_recovery_form", ValidateAutoRecoveryForm, ActionAnswerAutoRecovery)}[intent]
    chat = opened_in_form(domain, LONG_STORY, intent, form, validator(), action(), TODAY)
    reply = chat.form_said + chat.reply
    assert "il vous reste 7 points" in reply, reply
    assert "le retrait a été fait le 1er juillet 2026, jour" not in reply, reply
    assert "le 2 mars 2026 et le 1er juillet 2026, jours du paiement des amendes" in reply, reply
