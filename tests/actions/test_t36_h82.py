"""Tester T36 (replays on 1 December 2026), items of branch h82: follow-up questions misread after a right answer."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.test_t31_h70 import FormConversation
from tests.actions.test_what_if import mapped_slots, parsed

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t36-t32c27: the wife signed the 48SI's registered letter on 20 November; when can he retake the licence? (R20)

C27 = ("Bonjour. Mon mari a eu une lettre 48SI le 20 novembre mais il était en déplacement, c'est moi qui ai signé "
       "l'accusé de réception. Il a fait un stage du 23 au 24 novembre, réservé avant. Est-ce que ça peut sauver son "
       "permis ? Il avait 2 points avant la dernière infraction (un feu rouge).")
C27_SIGNED = ("c'est sûr meme si c'est moi qui ai signé et pas lui ? et il doit le rendre avant quelle date "
              "exactement ?")


def c27_chat(domain) -> FormConversation:
    slots = mapped_slots(parsed(C27, TODAY), domain)
    chat = FormConversation(domain, C27, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)
    assert chat.reply.startswith("Aucun point"), chat.reply
    return chat


C27_RETAKE = ["il l'a pas encore rendu. il peut repasser le permis quand du coup ?",
              "oui ça j'ai compris. mais il pourra repasser son permis a partir de quand ?",
              "il pourra le repasser dans combien de temps ?", "et il repasse le code quand ?"]


@pytest.mark.parametrize("text", C27_RETAKE)
def test_c27_when_he_may_retake_the_licence_is_the_wait_from_the_hand_back(domain, text):
    # "il l'a pas encore rendu. il peut repasser le permis quand du coup ?", then "il pourra repasser son permis à
    # partir de quand ?" got the 48SI's "un stage ne peut plus le sauver" twice: 6 months after the day he hands it
    # back, so hand it back now; the code alone only if held 3 years and registered within 9 months (R20)
    chat = c27_chat(domain)
    chat.say_in_form(C27_SIGNED, "ask_mandatory_stage", "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                     answers.ActionAnswerMandatoryStage())
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
    print(reply)
    assert "un stage ne peut plus le sauver" not in reply, reply
    assert reply.startswith("Il pourra obtenir un nouveau permis 6 mois après le jour où il rend son permis"), reply
    assert "au plus tard le 30 novembre 2026" in reply and "il doit le rendre sans attendre" in reply, reply
    assert "le code suffit en s'inscrivant dans les 9 mois" in reply, reply
    assert "Un examen médical" not in reply  # (a general paragraph of the card given at the first answer)


def test_c27_the_first_answer_keeps_the_third_person(domain):
    # T1 mixed the wife and the husband: "6 mois après le jour où vous rendez son permis", "en vous inscrivant",
    # "rendez-le", "Ne conduisez plus": said of the husband
    reply = c27_chat(domain).reply
    assert "où il rend son permis" in reply and "il doit le rendre sans attendre" in reply, reply
    assert "Il ne doit plus conduire" in reply and "le code suffit en s'inscrivant" in reply, reply
    assert "vous rendez" not in reply and "en vous inscrivant" not in reply and "onduisez" not in reply, reply


def test_c27_the_day_to_hand_it_back_is_asked_of_him(domain):
    chat = c27_chat(domain)
    reply = chat.say(C27_RETAKE[0], "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert "Quel jour va-t-il le rendre ?" in reply, reply


C27_OWN = ("J'ai reçu la lettre 48SI le 20 novembre 2026. J'avais 2 points avant un feu rouge. J'ai fait un stage les 23 "
           "et 24 novembre, ça peut sauver mon permis ?")


@pytest.mark.parametrize("text", ["je l'ai pas encore rendu. je peux repasser le permis quand ?",
                                  "quand est-ce que je pourrai repasser mon permis ?",
                                  "on peut repasser le permis combien de temps après ?"])
def test_c27_in_the_first_person_too(domain, text):
    slots = mapped_slots(parsed(C27_OWN, TODAY), domain)
    chat = FormConversation(domain, C27_OWN, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots, today=TODAY)
    assert chat.reply.startswith("Aucun point"), chat.reply
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
    print(reply)
    assert "un stage ne peut plus le sauver" not in reply, reply
    assert reply.startswith("Vous pourrez obtenir un nouveau permis 6 mois après le jour où vous rendez votre permis")
    assert "le code suffit en vous inscrivant dans les 9 mois" in reply, reply


# --- t36-t32c06: 5 points, last stage on 2 December 2025; a stage on 2-3 December 2026 said allowed, prudent from the 3rd

C06 = "bonjour jai reçu une lettre 48M ce matin, je dois faire quoi ? c'est grave ?"
C06_WHEN = "ok. il me reste 5 je crois. dernier stage jen ai fait un le 2 decembre 2025, je peux en refaire un quand ?"
C06_PLACE = "ya une place demain 2 et 3 decembre pres de chez moi, c'est bon ou c'est trop tot d'un jour ?"


def c06_chat(domain) -> FormConversation:
    chat = FormConversation(domain, C06, "ask_letter", answers.ActionAnswerLetter(),
                            mapped_slots(parsed(C06, TODAY), domain), today=TODAY)
    chat.say_in_form(C06_WHEN, "ask_stage_eligibility", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    reply = chat.say_in_form(C06_PLACE, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    assert "Le stage tombe exactement le 2 décembre 2026 : c'est permis" in reply, reply
    return chat


def _action(intent):
    from actions import fallback
    return {"ask_check_balance": answers.ActionAnswerCheckBalance(), "ask_stage_info": answers.ActionAnswerStageInfo(),
            "nlu_fallback": fallback.ActionSuggestQuestions()}[intent]


@pytest.mark.parametrize("text, intent", [("donc je m'inscris a celui du 2-3 ou pas ??", "ask_check_balance"),
                                          ("je le réserve alors ?", "ask_stage_info"),
                                          ("du coup j'y vais ou pas ?", "nlu_fallback"),
                                          ("donc je peux m'y inscrire ou pas ?", "ask_stage_info")])
def test_c06_whether_to_book_the_stage_just_answered_gets_yes_or_no(domain, text, intent):
    # "donc je m'inscris à celui du 2-3 ou pas ??" after "c'est permis (de date à date), mais beaucoup d'organisateurs
    # exigent le 3 décembre" got how to read the balance on « Mes Points Permis »: yes, de date à date, with the
    # organiser's confirmation before paying, else from the 3rd (R13), and what the stage gives (R12)
    chat = c06_chat(domain)
    reply = chat.say(text, intent, _action(intent))
    print(reply)
    assert "Mes Points Permis" not in reply, reply
    assert reply.startswith("Oui, vous pouvez vous y inscrire : un stage qui commence le 2 décembre 2026"), reply
    assert "de 5 à 9 points" in reply and "beaucoup exigent un stage qui commence le 3 décembre 2026" in reply, reply


@pytest.mark.parametrize("text, expected", [
    ("je m'inscris à celui du 1er décembre alors ?", "Non : un stage qui commence le 1er décembre 2026 est trop tôt"),
    ("et celui du 10 décembre, je le réserve ou pas ?", "Oui : un stage qui commence le 10 décembre 2026, plus d'un an")])
def test_c06_another_stage_named_is_measured_on_its_own_day(domain, text, expected):
    chat = c06_chat(domain)
    reply = chat.say(text, "ask_stage_info", answers.ActionAnswerStageInfo())
    print(reply)
    assert reply.startswith(expected), reply
    assert "de 5 à 9 points" not in reply  # (the result of the answer was the stage of the 2nd)
