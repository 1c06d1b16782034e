"""Tester T62 (a fresh tester on integ33 d0f644c, today 1 December 2026), items of branch h146: offences added "en
même temps" to the one just answered count with it (c15); ..."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import opened_in_form

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t62-c15: "et si je me fais flasher a 140 sur autoroute (130) ?" (1 point), then "et si en même temps j'avais le
# téléphone à la main et pas de ceinture ?": 1 + 3 + 3 = 7 at one check (R3, under the cap of 8), not the 6 of the two

C15 = "et si je me fais flasher a 140 sur autoroute (130), je perds combien ?"


def _c15_opened(domain):
    return opened_in_form(domain, C15, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                          answers.ActionAnswerOffencePoints(), TODAY)


def _said(chat, text):
    return chat.say_in_form(text, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                            answers.ActionAnswerOffencePoints())


@pytest.mark.parametrize("text", [
    "et si en même temps j'avais le telephone a la main et pas de ceinture, les gendarmes m'arretent ?",
    "et si au même contrôle j'avais aussi le téléphone à la main et pas de ceinture ?",
    "et si à la fois j'ai le tel en main et pas la ceinture, ça fait combien ?",
])
def test_offences_added_at_the_same_check_count_with_the_one_answered(domain, text):
    chat = _c15_opened(domain)
    assert "retrait de 1 point" in chat.reply
    reply = _said(chat, text)
    assert "7 points au total" in reply and "6 points au total" not in reply, reply
    assert chat.slots.get("requested_slot") is None


@pytest.mark.parametrize("second", [
    "et si en même temps j'avais le telephone a la main et pas de ceinture ?",
    "et si j'avais le telephone a la main et pas de ceinture ?",
])
def test_the_total_asked_with_the_excess_added_is_given_without_its_speeds_asked_again(domain, second):
    # t62-c15: "et avec l'excès de vitesse en plus ça fait combien en tout ?" asked the limit and the excess again
    # (both told in the first message) and never gave the total
    chat = _c15_opened(domain)
    _said(chat, second)
    reply = _said(chat, "et avec l'excès de vitesse en plus ça fait combien en tout ?")
    assert chat.slots.get("requested_slot") is None, chat.form_said
    assert "7 points" in reply and "autorisée" not in chat.form_said, reply


# --- t62-c02: "c quoi ce truc de formation complementaire ? jen ai jamais entendu parler" to the training's question
# was read as a yes (the notion's name), the date asked; then "Non", "je l'ai jamais suivie !!" refused in a loop

def _probation_form_read(domain, text, intent, requested, slots, new_slots=None):
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_forms import run
    tracker = make_tracker(new_slots=new_slots or {}, intent=intent, text=text, entities=parsed(text, TODAY),
                           requested_slot=requested, form="probation_form", slots=slots)
    return run(forms.ValidateProbationForm(), tracker, domain)


@pytest.mark.parametrize("text", [
    "c quoi ce truc de formation complementaire ? jen ai jamais entendu parler",
    "c'est quoi la formation complémentaire ?",
    "la formation complémentaire, connais pas, c'est quoi ?",
])
@pytest.mark.parametrize("intent", ["inform", "ask_probation", "nlu_fallback"])
def test_the_training_asked_about_by_its_name_is_no_yes(domain, text, intent):
    slots, messages = _probation_form_read(domain, text, intent, "complementary_training",
                                           {"licence_date": "2024-06-14", "supervised_driving": False},
                                           {"complementary_training": True})
    assert messages and messages[0].startswith("La formation complémentaire post-permis est une formation facultative")
    assert slots.get("complementary_training") is None and slots.get("requested_slot") == "complementary_training"


@pytest.mark.parametrize("text, intent", [
    ("Non", "deny"),
    ("mais non je l'ai pas faite, je demandais juste ce que c'était", "deny"),
    ("mais non je l'ai pas faite, je demandais juste ce que c'était", "inform"),
    ("je l'ai jamais suivie !!", "inform"),
    ("non", "nlu_fallback"),
])
def test_a_no_to_the_trainings_date_takes_the_yes_back(domain, text, intent):
    slots, messages = _probation_form_read(domain, text, intent, "training_date",
                                           {"licence_date": "2024-06-14", "supervised_driving": False,
                                            "complementary_training": True})
    assert "Je n'ai pas compris votre réponse." not in messages, messages
    assert slots.get("complementary_training") is False and slots.get("requested_slot") != "training_date", slots


def test_a_day_not_remembered_is_no_no_to_the_training(domain):
    slots, messages = _probation_form_read(domain, "non je sais plus la date exacte", "inform", "training_date",
                                           {"licence_date": "2024-06-14", "supervised_driving": False,
                                            "complementary_training": True})
    assert slots.get("complementary_training") is not False


# --- t62-c12: "un ami m'a dit qu'on peut avoir 14 points en faisant pas d'infractions pendant longtemps, c vrai ?":
# "14 n'est pas possible", then "Quelle infraction ?" for no reason, in a loop; no licence carries more than 12 (R1),
# that is the whole answer

@pytest.mark.parametrize("text", [
    "ok dommage. et un ami m'a dit qu'on peut avoir 14 points en faisant pas d'infractions pendant longtemps, c vrai ?",
    "on m'a dit qu'après 10 ans sans infraction on peut monter à 15 points, c'est vrai ?",
    "est-ce qu'on peut avoir plus de 12 points si on ne fait aucune infraction ?",
])
@pytest.mark.parametrize("intent, form, validator, action", [
    ("ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(), answers.ActionAnswerOffencePoints()),
    ("ask_probation", "probation_form", forms.ValidateProbationForm(), answers.ActionAnswerProbation()),
])
def test_more_than_twelve_points_asked_is_answered_and_nothing_asked(domain, text, intent, form, validator, action):
    from tests.actions.conversation import form_opened
    chat = form_opened(domain, text, intent, form, validator, TODAY)
    assert chat.form_said.startswith("Non : un permis compte au plus 12 points"), chat.form_said
    assert "ni le temps sans infraction" in chat.form_said
    assert chat.slots.get("requested_slot") is None and chat.slots.get("current_balance") is None
    assert chat.answer_after_form(text, intent, action) == ""  # (said by the form, not twice)


# --- t62-c29: "48si c koi", then "non non je l'ai pas reçue, c'était pour savoir. merci": a thanks that closes, not
# "D'accord. Quelle est votre question ?" with a menu

@pytest.mark.parametrize("text", [
    "non non je l'ai pas reçue, c'était pour savoir. merci",
    "non je l'ai pas reçue, merci",
    "nan pas reçue, c'était juste pour savoir merci",
])
@pytest.mark.parametrize("intent", ["deny", "correct"])
def test_a_no_with_thanks_after_a_letter_explained_closes(domain, text, intent):
    from actions import corrections
    from tests.actions.conversation import opened
    chat = opened(domain, "48si c koi", "ask_letter", answers.ActionAnswerLetter(), TODAY)
    reply = chat.say(text, intent, corrections.ActionApplyCorrection())
    assert "utter_what_question" not in reply and reply == "utter_you_are_welcome", reply
