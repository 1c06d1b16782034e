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
