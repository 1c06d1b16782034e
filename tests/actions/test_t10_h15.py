"""Tester T10 (BOT_TODAY=2026-12-01): a refused fact the form did not ask, the letter to come after a story, answers
about someone else's licence (items of helper h15)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run as run_action
from tests.actions.test_forms import run as run_validation
from tests.actions.test_probation_facts import mapped_slots


# --- item 4: a balance above 12 told when the form opens is refused without its own question (T10 c18) ----------

@pytest.mark.parametrize("text, form, validation", [
    ("j'ai 15 points sur mon permis c normal ?", "probation_form", forms.ValidateProbationForm),
    ("il me reste 14 points, je suis en probatoire depuis quand ?", "probation_form", forms.ValidateProbationForm),
    ("mon solde est de 13 points, je peux faire un stage ?", "stage_eligibility_form",
     forms.ValidateStageEligibilityForm),
])
def test_a_balance_above_the_maximum_told_unasked_is_refused_without_a_second_question(domain, text, form, validation):
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text),
                           new_slots={"current_balance": int("".join(c for c in text if c.isdigit())[:2])}, form=form)
    slots, messages = run_validation(validation(), tracker, domain)
    assert slots["current_balance"] is None
    refusal = [m for m in messages if m and "au plus 12 points" in m]
    assert refusal and "n'est pas possible." in refusal[0] and "?" not in refusal[0], messages


def test_a_balance_above_the_maximum_given_to_the_balance_question_is_asked_again(domain):
    tracker = make_tracker(intent="inform", text="15", entities=parsed("15"), new_slots={"current_balance": 15},
                           requested_slot="current_balance", form="points_after_stage_form")
    _, messages = run_validation(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert any("15 n'est pas possible. Combien de points vous reste-t-il ?" in (m or "") for m in messages), messages


def test_without_its_question():
    assert forms.without_its_question("Un permis compte au plus 12 points : 15 n'est pas possible. Combien de points "
                                      "vous reste-t-il ?") == "Un permis compte au plus 12 points : 15 n'est pas possible."
    assert forms.without_its_question("Combien de points vous reste-t-il ?") == "Combien de points vous reste-t-il ?"


# --- item 5: "Comme indiqué" repeats the answer's key content, not its first line only (T11 c39) ----------------

RECOVERY_ANSWER = (
    "Sans nouvelle infraction, votre permis retrouvera son maximum de points le 15 avril 2029. Le délai court depuis "
    "le 15 avril 2026 (article L.223-6 du Code de la route).\n"
    "- Le point retiré pour l'infraction payée le 20 janvier 2026 revient le 20 juillet 2026 (article L.223-6 du Code "
    "de la route).\n"
    "- L'infraction a relancé le délai de récupération totale (article L.223-6 du Code de la route).\n"
    "- Solde aujourd'hui : 8 points (12 points avant l'infraction du 1er janvier 2026) (article L.223-1 du Code de la "
    "route).\n"
    "Réponse sous réserve de : la date à laquelle chaque infraction a été commise.")


@pytest.mark.parametrize("again", ["et du coup je récupère mes points quand ?",
                                   "donc mes points reviennent quand exactement ?",
                                   "je récupère quand mes points alors ?"])
def test_a_reminder_repeats_the_result_and_the_dated_lines(again):
    from actions.reminders import reminder_of
    first = "je récupère mes points quand ?"
    tracker = make_tracker(intent="ask_auto_recovery", text=again, history=[
        user_said(first, "ask_auto_recovery"), {"event": "bot", "text": RECOVERY_ANSWER}])
    short = reminder_of(tracker, RECOVERY_ANSWER)
    assert short.startswith("Comme indiqué : sans nouvelle infraction, votre permis retrouvera son maximum de points "
                            "le 15 avril 2029")
    assert "revient le 20 juillet 2026 (article L.223-6" in short and "Solde aujourd'hui : 8 points" in short
    assert "relancé" not in short and "sous réserve" not in short and "je referai le calcul" in short


# --- item 1: an answer about someone else's licence is said of that person throughout (T10 c20, c28) -----------

def test_the_object_vous_before_an_infinitive_is_the_person():
    from actions.third_person import Person, about_the_person
    daughter, son = Person("fille", True), Person("fils", False)
    assert about_the_person("Un stage volontaire peut vous rendre des points dès maintenant.", daughter) == \
        "Un stage volontaire peut lui rendre des points dès maintenant."
    assert about_the_person("une infraction ne peut plus vous valoir de lettre 48N ni de stage obligatoire", son) == \
        "une infraction ne peut plus lui valoir de lettre 48N ni de stage obligatoire"
    assert about_the_person("Cet excès va vous coûter 3 points.", son) == "Cet excès va lui coûter 3 points."


def test_the_user_is_still_asked_to_rephrase_their_own_question():
    from actions.third_person import Person, about_the_person
    text = "Pardon, j'ai mal compris votre question. Pouvez-vous la reformuler en une phrase ?"
    assert about_the_person(text, Person("fille", True)) == text


@pytest.mark.parametrize("story", [
    "Bonjour, ma fille a eu son permis en avril 2026 après conduite accompagnée, elle a perdu 2 points (+25 km/h) "
    "payé le 2 novembre. Elle peut faire un stage volontaire ?",
    "mon fils a son permis depuis le 10 avril 2026 avec la conduite accompagnée, il a perdu 2 points payés le 2 "
    "novembre, il peut faire un stage ?",
])
def test_a_stage_for_a_child_is_said_of_the_child(domain, first_of_december, story):
    slots = {**mapped_slots(domain, story, "ask_stage_eligibility", "2026-12-01"), "current_balance": 4,
             "previous_stage_date": "none"}
    tracker = make_tracker(intent="deny", text="non jamais", slots=slots,
                           history=[user_said(story, "ask_stage_eligibility")])
    _, said = run_action(answers.ActionAnswerStageEligibility(), tracker, domain)
    assert "peut lui rendre des points" in said and "vous rendre" not in said, said


def test_a_follow_up_on_a_child_s_ceiling_is_said_of_the_child(domain, first_of_december):
    from actions.corrections import ActionApplyCorrection
    story = ("Bonjour, ma fille a eu son permis le 10 avril 2026 après conduite accompagnée, elle a perdu 2 points "
             "(+25 km/h) payé le 2 novembre. Elle peut faire un stage volontaire ?")
    slots = {**mapped_slots(domain, story, "ask_stage_eligibility", "2026-12-01"), "current_balance": 4,
             "previous_stage_date": "none", "last_question": "action_answer_stage_eligibility",
             "last_offence_points": 2}
    history = [user_said(story, "ask_stage_eligibility"), {"event": "action", "name": "action_answer_stage_eligibility"},
               {"event": "bot", "text": "Un stage volontaire peut lui rendre des points dès maintenant."}]
    text = "et en avril 2027 elle passera bien a 9 ?"
    tracker = make_tracker(intent="inform", text=text, entities=parsed(text, "2026-12-01"), slots=slots,
                           history=history)
    _, said = run_action(ActionApplyCorrection(), tracker, domain)
    assert "son solde sera" in said and "votre solde" not in said, said


def test_a_letter_s_answer_for_a_son_past_probation_is_said_of_him(domain, first_of_december):
    story = ("bonjour mon fils a grillé un feu rouge, il a le permis depuis le 8 janvier 2024 avec conduite "
             "accompagnée. Il a payé l'amende le 12 novembre 2026, l'infraction date du 30 octobre 2026.")
    text = "il va recevoir une 48N ?"
    slots = {**mapped_slots(domain, story, "ask_letter", "2026-12-01"), "letter_code": "48N"}
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text, "2026-12-01"), slots=slots,
                           history=[user_said(story, "ask_offence_points")])
    _, said = run_action(answers.ActionAnswerLetter(), tracker, domain)
    assert "48N" in said and "vous valoir" not in said and " vous " not in said.split("(article")[0], said


# --- item 2: which letter will come, told after a story, is answered from the user's situation (T10 c12; R19) ----

@pytest.mark.parametrize("text, letter_line, balance_line", [
    ("Bonjour, permis obtenu le 17/03/2026. J'ai été arrêté avec le téléphone en main le 2 octobre, j'ai payé 90 "
     "euros le 10 octobre. Je vais recevoir quoi comme courrier ?", "lettre 48N", "de 6 points à 3 points"),
    ("Permis depuis le 5 février 2026, grillé un feu rouge le 3 novembre, amende payée. Ils vont m'envoyer quoi ?",
     "lettre 48N", "de 6 points à 2 points"),
    ("permis depuis 2010, j'avais 12 points, grillé un feu rouge payé le 20 novembre. je vais avoir une lettre ?",
     "lettre 48, simple information", "de 12 points à 8 points"),
])
def test_the_letter_to_come_after_a_story_is_the_one_the_retrait_brings(domain, first_of_december, text,
                                                                         letter_line, balance_line):
    slots = mapped_slots(domain, text, "ask_letter", "2026-12-01")
    tracker = make_tracker(intent="ask_letter", text=text, entities=parsed(text, "2026-12-01"), new_slots=slots,
                           form="letter_form")
    found, _ = run_validation(forms.ValidateLetterForm(), tracker, domain)
    assert not found.get("requested_slot")  # not "Quelle lettre avez-vous reçue ?"
    _, said = run_action(answers.ActionAnswerLetter(), make_tracker(
        intent="ask_letter", text=text, entities=parsed(text, "2026-12-01"), slots=slots), domain)
    assert letter_line in said and balance_line in said, said
    assert "sous réserve de : les points de l'infraction la plus lourde" not in said


def test_a_reminder_does_not_repeat_the_dated_line_its_result_line_carries():
    # the result line without a date of its own carries the answer's first dated line (T10 c13); the dated lines
    # after it are not that line again (merging h14's and h15's reminders gave it twice)
    from actions.reminders import key_content
    answer = ("Sans nouvelle infraction, votre permis retrouvera son maximum de points (article L.223-6 du Code de la "
              "route).\n- Les 3 points reviennent le 8 mars 2027 (article L.223-6 du Code de la route).\n"
              "- Solde le 1er juin 2027 : 9 points (article L.223-1 du Code de la route).")
    short = key_content(answer)
    assert short.count("8 mars 2027") == 1 and "1er juin 2027" in short
