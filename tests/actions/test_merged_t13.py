"""Where the branches of this stop met: a yes/no question's notes grouped in one part (h20's filter, h24's grouping),
an offence list read as a yes/no question, offences told since read as a question about the other fines (h21, h24)."""
import pytest

from actions.follow_ups import _ASKS_OTHER_OFFENCES
from actions.what_if import FULL_BEFORE, HYPOTHESIS_NOTE
from actions.yes_no import asks_yes_or_no, without_notes_of_no_bearing
from bot.nlu.fact_parsing import fold
from tests.actions.conftest import make_tracker


@pytest.mark.parametrize("text, yes_or_no", [
    ("et si je me fais arrêter au téléphone, sans ceinture et à 35 km/h de trop ?", False),
    ("et si on m'arrete avec tel, ceinture pas mise, 35 au dessus ?", False),
    ("si je perds 2 points en janvier, je perds mon point ?", True),
    ("et si je prends un flash de 3 km/h en janvier, ça bloque ?", True),
])
def test_a_list_after_a_comma_is_no_main_clause(text, yes_or_no):
    assert asks_yes_or_no(text) is yes_or_no


def test_notes_grouped_one_per_line_lose_only_those_of_no_bearing():
    # (T12 c07's filter met T13 c04's grouping: the whole group went, the hypothesis note with it)
    tracker = make_tracker(text="et si je prends un flash de 3 km/h en janvier, ça bloque ?")
    unknown_class = "Sans la classe de l'infraction, j'ai compté 3 ans."
    text = "Non : rien ne bloque.\n\n" + "\n".join([FULL_BEFORE, unknown_class, HYPOTHESIS_NOTE])
    kept = without_notes_of_no_bearing(tracker, text)
    assert FULL_BEFORE not in kept
    assert unknown_class in kept and HYPOTHESIS_NOTE in kept and kept.startswith("Non : rien ne bloque.")


def test_a_group_of_notes_all_of_no_bearing_goes_whole():
    tracker = make_tracker(text="si je perds 2 points en janvier, je perds mon point ?")
    assert without_notes_of_no_bearing(tracker, "Oui.\n\n" + FULL_BEFORE) == "Oui."


@pytest.mark.parametrize("text, asks", [
    ("plein d'excès depuis", False),  # offences told: a fact (h21)
    ("j'ai eu plusieurs excès de vitesse depuis", False),
    ("et 2 amendes depuis", False),
    ("et les autres petites amendes ?", True),  # T13 c06 (h24)
    ("et les amendes d'après ?", True),
    ("mes autres pv ?", True),
])
def test_offences_told_since_are_no_question_about_the_other_fines(text, asks):
    assert bool(_ASKS_OTHER_OFFENCES.search(fold(text))) is asks


@pytest.mark.parametrize("text", [
    "ok. si le stop etait payé le 20 mars 2023 et rien depuis, j'ai 12 points aujourd'hui ?",  # T14 c21
    "j'ai combien de points maintenant ?",
    "et à ce jour il me reste combien ?",
])
def test_today_said_with_the_balance_is_no_licence_date(domain, text):
    # the moment of the question: it became the licence's day (1 December 2026), and the 2023 stop "antérieure à
    # l'obtention du permis" (tester T14 c21); the licence's date is asked instead
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, entities=parsed(text),
                           slots={"offence_type": "stop_sign", "fine_payment_date": "2023-03-20"})
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots.get("licence_date") is None and slots["requested_slot"] == "licence_date"



@pytest.mark.parametrize("text", ["j'en ai pas recu, c'etait juste pour savoir", "non c'est par curiosité",
                                  "je me renseigne seulement"])
def test_just_asking_after_an_answer_is_acknowledged(domain, text):
    # tester T14 c14: "Je n'ai pas bien compris votre question sur votre lettre… reformuler"
    from rasa_sdk.executor import CollectingDispatcher
    from actions import fallback
    tracker = make_tracker(intent="nlu_fallback", text=text, slots={"last_question": "action_answer_letter"})
    dispatcher = CollectingDispatcher()
    fallback.ActionSuggestQuestions().run(dispatcher, tracker, domain)
    messages = [m.get("text") for m in dispatcher.messages]
    assert messages == ["Entendu ! N'hésitez pas si vous avez une autre question."]


def test_a_question_said_as_curiosity_is_still_answered_as_a_question(domain):
    from rasa_sdk.executor import CollectingDispatcher
    from actions import fallback
    tracker = make_tracker(intent="nlu_fallback", text="juste pour savoir, la 48SI c'est quoi ?")
    dispatcher = CollectingDispatcher()
    fallback.ActionSuggestQuestions().run(dispatcher, tracker, domain)
    messages = [m.get("text") or "" for m in dispatcher.messages]
    assert "Entendu" not in " ".join(messages)


@pytest.mark.parametrize("text, year", [
    ("non. je l'ai depuis 2008 le permis", None),  # T14 c21: the licence's year, not the stop's
    ("non, permis en 2008", None),
    ("non pardon c'était en 2023", (2023, None)),
    ("ah non c'était en 2023 pas 2025", (2023, 2025)),
])
def test_a_year_said_with_the_licence_corrects_no_offence(text, year):
    from actions.offence_history import year_corrected
    from tests.actions.conftest import parsed
    assert year_corrected({"text": text, "parse_data": {"entities": parsed(text)}}) == year
