"""Testers T53 and T54 (replays of T50 and T51 on 1 December 2026), items of branch h126: a past month's day read a
year ahead, a letter supposed to come, a year of loss read as a stage's, a balance told before an offence, the AAC
question asked where it changes nothing."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t53-c12: "ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?" (R15, R16) -------

C12 = ("jai fini mon stage obligatoire (48N) samedi, comment je fais pour me faire rembourser l'amende ? faut envoyer "
       "quoi et a qui")


def test_a_letter_received_early_in_a_past_month_is_this_years(domain):
    # t53-c12: "Le 4 septembre 2027 est dans le futur" (the "ça passe ?" after the day looked ahead): the 48N was
    # received on 4 September 2026, the deadline 4 January 2027, the stage of 28 November within it (R15, R16)
    chat = opened(domain, C12, "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY)
    reply = chat.say("ok. ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?",
                     "ask_refund_48n", answers.ActionAnswerRefund48n())
    assert chat.slots.get("letter_48n_date") == "2026-09-04", chat.slots
    assert "dans le futur" not in reply and "2027 est" not in reply, reply
    assert "4 janvier 2027" in reply, reply


@pytest.mark.parametrize("text, day, role", [
    ("ok. ma 48N je l'avais reçue debut septembre, le 4 je crois, ça passe pour les 4 mois ?", "2026-09-04",
     "letter_48n"),
    ("48N reçue en septembre, le 4, ça passe ?", "2026-09-04", "letter_48n"),
    ("j'ai payé l'amende début mars, le 3 je crois, ça passe ?", "2026-03-03", "payment"),
    # a plan keeps looking ahead
    ("je vais payer début janvier, le 4, ça passe ?", "2027-01-04", "payment"),
])
def test_the_part_said_first_gives_the_tense_of_a_date_said_in_pieces(text, day, role):
    dates = [(e["value"], e.get("role")) for e in parsed(text, TODAY) if e["entity"] == "date"]
    assert dates == [(day, role)], dates


# --- t53-c23: a cousin at -1 after 9 points, a stage possible from 9 March 2027, "et si la 48SI arrive avant mars ?" --

C23 = ("mon cousin s'est fait contrôler en octobre 2026 positif au cannabis ET à l'alcool (0,9 g/l). il va perdre "
       "combien de points ?")


def c23_chat(domain):
    chat = opened(domain, C23, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    chat.say("aie. il avait 8 points avant. il perd son permis du coup ?", "nlu_fallback",
             answers.ActionAnswerZeroPoints())
    chat.say("problème : il a déjà fait un stage en mars 2026 (le 9 et 10). il peut en refaire un ?",
             "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    return chat


@pytest.mark.parametrize("text", [
    "et si la lettre 48SI arrive avant mars ?",  # T53 c23
    "et s'il reçoit la 48SI en février ?",
    "et si la 48SI arrive fin janvier ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_letter", answers.ActionAnswerLetter()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
])
def test_a_48si_supposed_in_a_month_to_come_is_a_hypothesis(domain, text, intent, action):
    # t53-c23: "Impossible de répondre : la réception de la lettre ne peut pas être dans le futur" (twice), then
    # "vérifiez les informations": a letter supposed to come before March is a hypothesis; a stage gives points only
    # from 9 March 2027 and must end before the 48SI's notification, otherwise the licence is lost (R13, R18)
    chat = c23_chat(domain)
    reply = chat.say(text, intent, action)
    assert "dans le futur" not in reply and "vérifier les informations" not in reply, reply
    assert "9 mars 2027" in reply and "si la 48SI arrive avant, le permis est perdu" in reply, reply
    # the supposed letter is not the user's: no 48SI received, the licence not invalidated
    assert chat.slots.get("letter_48n_date") is None and chat.slots.get("licence_status") != "invalidated", chat.slots


@pytest.mark.parametrize("text", ["et si la 48SI arrive avant mars ?", "et si je reçois la 48SI en février ?"])
def test_a_48si_supposed_in_a_month_without_a_loss_told_gets_what_it_means(domain, text):
    # the letter's card, not "ne peut pas être dans le futur", and no receipt kept (R18, R19)
    chat = opened(domain, "c'est quoi la lettre 48SI ?", "ask_letter", answers.ActionAnswerLetter(), TODAY)
    reply = chat.say(text, "ask_letter", answers.ActionAnswerLetter())
    assert "dans le futur" not in reply and "48SI" in reply, reply
    assert chat.slots.get("letter_48n_date") is None, chat.slots


# --- leftovers: a loss told with its year ("perdu 4 points en 2019"), whose every day gives past dates (R2, R9, R10)

@pytest.mark.parametrize("text, year, back", [
    ("j'ai perdu 4 points en 2019", "2019", "31 décembre 2022"),
    ("j'ai perdu 4 points en 2019, je les ai récupérés ?", "2019", "31 décembre 2022"),
    ("j'ai perdu 4 points en 2017, je dois faire une démarche pour les récupérer ?", "2017", "31 décembre 2020"),
])
def test_a_loss_told_with_its_year_is_the_payment_s_and_its_day_is_not_asked(domain, text, year, back):
    # the payment's day was asked (and 2017 was read as a stage's day), although 3 years (4 points: 4th class, R4,
    # R9) from any day of that year end in the past: the latest day counted and said, the points back
    from actions import forms
    from tests.actions.conversation import form_opened
    chat = form_opened(domain, text, "ask_auto_recovery", "auto_recovery_form", forms.ValidateAutoRecoveryForm(),
                       today=TODAY)
    assert chat.slots.get("fine_payment_date") == year, chat.slots
    assert chat.next_asked("auto_recovery_form", forms.ValidateAutoRecoveryForm()) is None, chat.slots
    assert f"je compte le 31 décembre {year}, le jour le plus tardif possible" in chat.form_said, chat.form_said
    reply = chat.answer_after_form(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert f"retrouvé son maximum de points le {back}" in reply, reply
    assert "stage" not in reply, reply
    if "démarche" in text:
        assert "C'est automatique : vous n'avez aucune demande ni démarche à faire" in reply, reply


# --- t54-c26: probationary since 10 March 2026, 0,3 g/l on 20 October 2026 (6 points), paid 5 November (R5, R7, R18)

C26 = ("Bonjour, je suis secrétaire dans une auto-école. Un ancien élève a eu son permis le 10 mars 2026. Il a été "
       "contrôlé le 20 octobre 2026 avec 0,3 g/l de sang, il a payé le 5 novembre. Il me demande s'il perd son permis.")


@pytest.mark.parametrize("text", [
    C26,
    "permis obtenu le 10 mars 2026, j'ai perdu 3 points pour un téléphone au volant le 20 octobre 2026, payé le 25 "
    "octobre. il me reste combien ?",
])
def test_the_aac_is_not_asked_when_an_offence_of_the_first_year_froze_the_ceiling(domain, text):
    # t54-c26: "A-t-il appris à conduire en conduite accompagnée ?", asked again after "je ne sais pas": in the first
    # year the ceiling is 6 with or without AAC, and the offence froze it (R5, R7); only the probation's end differs,
    # which the answer says both ways
    from actions import forms
    from tests.actions.conversation import form_opened
    chat = form_opened(domain, text, "ask_probation", "probation_form", forms.ValidateProbationForm(), today=TODAY)
    assert chat.next_asked("probation_form", forms.ValidateProbationForm()) is None, chat.slots
    reply = chat.answer_after_form(text, "ask_probation", answers.ActionAnswerProbation())
    assert "sur 6" in reply, reply
    assert "sans conduite accompagnée, qui se termine le 10 mars 2029" in reply, reply
    assert "après une conduite accompagnée (AAC), elle se termine le 10 mars 2028" in reply, reply
