"""Tester T36 (replays on 1 December 2026), items of branch h82: follow-up questions misread after a right answer."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import Conversation, FormConversation, mapped_slots, opened, run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t36-t32c27: the wife signed the 48SI's registered letter on 20 November; when can he retake the licence? (R20)

C27 = ("Bonjour. Mon mari a eu une lettre 48SI le 20 novembre mais il était en déplacement, c'est moi qui ai signé "
       "l'accusé de réception. Il a fait un stage du 23 au 24 novembre, réservé avant. Est-ce que ça peut sauver son "
       "permis ? Il avait 2 points avant la dernière infraction (un feu rouge).")
C27_SIGNED = ("c'est sûr meme si c'est moi qui ai signé et pas lui ? et il doit le rendre avant quelle date "
              "exactement ?")


def c27_chat(domain) -> FormConversation:
    chat = opened(domain, C27, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
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
    chat = opened(domain, C27_OWN, "ask_zero_points", answers.ActionAnswerZeroPoints(), TODAY)
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


# --- t36-t33c05: 2 points, red light paid, 48SI received on 10 November 2026; "et si j'avais fait le stage avant ?"

C05 = ("Bonjour. J'avais 2 points sur mon permis (permis depuis 2012). J'ai grillé un feu rouge en septembre, payé. "
       "J'ai reçu la lettre 48SI le 10 novembre 2026. Entre-temps j'ai fait un stage les 20 et 21 novembre. Mes points "
       "vont être recrédités ?")
C05_TURNS = [
    ("je l'ai rendu à la préfecture le 15 novembre. Je peux repasser le permis quand ? Je dois repasser la conduite "
     "aussi ou juste le code ?", "ask_zero_points"),
    ("et si j'avais fait le stage avant de recevoir la 48SI, ça aurait sauvé mon permis ?", "ask_zero_points"),
    ("ok et concretement si j'avais fait un stage le 28 et 29 octobre, donc avant la 48SI, j'aurais gardé mon permis ?",
     "ask_zero_points")]
C05_BEFORE_RETRAIT = ("et si je l'avais fait le 28 et 29 octobre, avant meme que le retrait du feu rouge soit "
                      "enregistré ?")


def c05_chat(domain) -> FormConversation:
    chat = FormConversation(domain, C05, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                            mapped_slots(parsed(C05, TODAY), domain), today=TODAY)
    for text, intent in C05_TURNS:
        reply = chat.say(text, intent, answers.ActionAnswerZeroPoints())
    assert reply.startswith("Oui : un stage les 28 et 29 octobre 2026") and "-2 + 4 = 2 points" in reply, reply
    return chat


@pytest.mark.parametrize("text, intent", [
    (C05_BEFORE_RETRAIT, "ask_retrait_timing"),
    ("et si je l'avais fait le 28 et 29 octobre, avant meme que le retrait du feu rouge soit enregistré ?",
     "ask_zero_points"),
    ("et avant le retrait des points, si j'avais fait le stage le 28 et 29 octobre ?", "nlu_fallback")])
def test_c05_a_stage_supposed_before_the_retrait_is_credited_on_the_balance_before_it(domain, text, intent):
    # "et si je l'avais fait le 28 et 29 octobre, avant même que le retrait du feu rouge soit enregistré ?" got "je
    # n'ai pas d'autre réponse que celle-ci" and -2 + 4 = 2: credited on the balance before the retrait, 2 + 4 = 6,
    # then the retrait subtracted, 6 - 4 = 2: saved as well (R18)
    from actions import fallback
    chat = c05_chat(domain)
    action = {"ask_retrait_timing": answers.ActionAnswerRetraitTiming(), "ask_zero_points":
              answers.ActionAnswerZeroPoints(), "nlu_fallback": fallback.ActionSuggestQuestions()}[intent]
    reply = chat.say(text, intent, action)
    print(reply)
    assert "pas d'autre réponse" not in reply, reply
    assert reply.startswith("Oui : fait avant même que le retrait soit enregistré"), reply
    assert "2 + 4 = 6 points" in reply and "6 − 4 = 2 points" in reply, reply


def test_a_stage_supposed_before_the_retrait_is_capped_first(domain):
    # 9 points, alcohol and drugs together (9 points): 0, 48SI. Before the retrait: 9 + 4 capped at 12, 12 - 9 = 3;
    # after it: 0 + 4 = 4 (R12, R18)
    from tests.actions.test_what_if import Conversation
    slots = {"licence_date": "2010", "current_balance": 9, "last_offence_points": 9, "offence_type": "alcohol_and_drugs",
             "letter_48n_date": "2026-11-10", "letter_code": "48SI", "licence_status": "invalidated"}
    text = "et si j'avais fait un stage le 28 et 29 octobre, avant que le retrait soit enregistré, j'aurais gardé mon permis ?"
    reply = Conversation(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots).reply
    print(reply)
    assert "9 + 4, plafonné à 12 points" in reply and "12 − 9 = 3 points" in reply, reply
    assert "Fait après l'enregistrement du retrait, il aurait donné 0 + 4 = 4." in reply, reply


# --- t36-t33c11: alcohol and cannabis on 5 September 2026, composition pénale executed on 2 November: 9 points

C11_DOUBT = ("vous êtes sûr ? on m'a dit qu'on pouvait pas perdre plus de 6 points d'un coup, 8 max. c'est quel article "
             "les 9 points ?")


@pytest.mark.parametrize("text, intent", [(C11_DOUBT, "ask_offence_points"), (C11_DOUBT, "nlu_fallback"),
                                          ("9 points ?? c'est pas 8 points maximum d'un coup ?", "ask_offence_points")])
def test_c11_nine_points_doubted_against_the_cap_gets_yes_and_the_exception(domain, text, intent):
    # "vous êtes sûr ? … pas plus de 6 points d'un coup, 8 max. c'est quel article les 9 points ?" got a bare list of
    # sources: yes, 9 by exception to the 8-point cap of one event (L.223-2), drugs with alcohol, offence from 11 July
    # 2025 (loi 2025-622, article L.235-1) (R3)
    from actions import fallback
    from tests.actions.test_t33_h73 import c11_chat
    chat = c11_chat(domain)
    chat.__class__ = FormConversation
    if intent == "nlu_fallback":
        reply = chat.say(text, intent, fallback.ActionSuggestQuestions())
    else:
        reply = chat.say_in_form(text, intent, "offence_points_form", forms.ValidateOffencePointsForm(),
                                 answers.ActionAnswerOffencePoints())
    print(reply)
    assert reply.startswith("Oui"), reply
    assert "9 points" in reply and "plafonné à 8 points (article L.223-2" in reply, reply
    assert "11 juillet 2025" in reply and "loi n° 2025-622" in reply, reply
    if "article" in text:
        assert "Les textes : pour les 9 points, loi n° 2025-622 du 9 juillet 2025 (article L.235-1" in reply, reply


def test_c11_the_retrait_of_a_composition_penale_is_its_execution_not_a_payment(domain):
    # T1 "le retrait a été fait le 2 novembre 2026, jour du paiement de l'amende" for a composition pénale: a délit's
    # points go the day the composition is executed (or the conviction is final) (R9)
    from tests.actions.test_t33_h73 import c11_chat
    reply = c11_chat(domain).reply
    assert "jour du paiement de l'amende" not in reply, reply
    assert "le retrait a été fait le 2 novembre 2026, jour de l'exécution de la composition pénale" in reply, reply


@pytest.mark.parametrize("told, said", [
    ("condamnation devenue définitive le 2 novembre 2026", "jour où la condamnation est devenue définitive"),
    ("amende payée le 2 novembre 2026", "jour du paiement de l'amende")])
def test_the_day_of_the_retrait_is_said_by_the_event_told(domain, told, said):
    text = (f"Contrôlé positif au cannabis le 5 septembre 2026, {told}. Permis depuis 2010, j'avais 12 points. Je "
            "perds combien ?")
    slots = {"licence_date": "2010", "current_balance": 12, "fine_payment_date": "2026-11-02",
             "offence_date": "2026-09-05", "offence_type": "drugs", "balance_unknown": False}
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    _, reply = run(answers.ActionAnswerOffencePoints(), make_tracker(
        new_slots=slots, text=text, entities=parsed(text, TODAY), intent="ask_offence_points"), domain)
    print(reply)
    assert f"il vous reste 6 points : le retrait a été fait le 2 novembre 2026, {said}" in reply, reply


@pytest.mark.parametrize("text", ["donc je fais quoi ?", "donc je vais perdre mon permis ?", "alors je le fais quand ?"])
def test_c06_other_follow_ups_are_not_a_booking(text):
    from actions.stage_timing import _ASKS_TO_BOOK
    from bot.nlu.fact_parsing import fold
    assert not _ASKS_TO_BOOK.search(fold(text))
