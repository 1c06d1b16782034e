"""Tester T58/T59 findings (helper h139): a third person's licence said of that person, with the gender the user
gave, in every reply; the probation's end of a licence held given on its exact day; ..."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, ask
from actions.third_person import about_the_person, subject_person
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_t26_h62 import asked

TODAY = "2026-12-01"


# --- item 1: the third person, said consistently, with the gender the user gave ------------------------------------
C30_T58 = ("Bonjour, secrétariat de l'auto-école des Tilleuls. Une de nos anciennes élèves a eu son permis en AAC le "
           "3 octobre 2025 et a fait la formation complémentaire en mai 2026.")


def test_t58_c30_one_of_our_former_pupils_is_she(domain):
    # T58 c30: "Une de nos anciennes élèves…" got "A-t-il commis une infraction…", then "s'il la paie"
    messages = asked(ask.AskSlot_probation_offence(), make_tracker(text=C30_T58, intent="ask_probation"), domain)
    assert messages[0]["text"].startswith("A-t-elle commis une infraction")
    history = [user_said(C30_T58, "ask_probation"), user_said("Non", "deny")]
    text = ("Et dans l'hypothèse où elle grillerait un feu rouge le 10 décembre, qu'est-ce que ça changerait pour "
            "elle ?")
    person = subject_person(make_tracker(text=text, history=history))
    assert person is not None and person.feminine
    said = about_the_person("90 € (amende minorée) si vous la payez dans les 15 jours", person)
    assert "si elle la paie" in said


@pytest.mark.parametrize("text, noun, feminine", [
    (C30_T58, "élève", True),
    ("l'une de nos élèves a eu son permis le 3 mai 2025, elle a combien de points ?", "élève", True),
    ("mon élève a eu son permis le 3 mai 2025, elle a combien de points ?", "élève", True),
    ("mon élève a eu son permis le 3 mai 2025, il a combien de points ?", "élève", False),
    ("un de nos anciens élèves a eu son permis le 3 mai 2025", "élève", False),
    ("mon enfant a eu son permis le 3 mai 2025, elle a combien de points ?", "enfant", True),
    ("ma fille a eu son permis le 3 mai 2025", "fille", True),
    ("mon mari a 2 points, il a été flashé", "mari", False),
    ("ma mère a perdu 3 points en mars", "mère", True),
    ("mon fils a eu son permis le 3 mai 2025", "fils", False),
    ("un ami a été flashé à 30 de trop, il perd combien ?", "ami", False),
])
def test_the_person_and_the_gender_the_user_gave(text, noun, feminine):
    person = subject_person(make_tracker(text=text))
    assert person is not None and (person.noun, person.feminine) == (noun, feminine)


def test_the_pronoun_said_later_gives_the_gender_of_a_pupil():
    # "mon élève" does not tell; "et si elle grille un feu ?" afterwards does
    history = [user_said("mon élève a eu son permis le 3 mai 2025, aucune infraction", "ask_probation")]
    person = subject_person(make_tracker(text="et si elle grille un feu rouge ?", history=history))
    assert person is not None and person.feminine


@pytest.mark.parametrize("text, expected", [
    # T58 c22: a wife for her husband, "un stage… terminé avant la notification de la 48SI vous laisserait 4 points"
    ("Pour l'éviter : un stage terminé avant la notification de la 48SI vous laisserait 4 points.",
     "la 48SI lui laisserait 4 points."),
    ("le point retiré vous revient le 10 juin 2027", "le point retiré lui revient le 10 juin 2027"),
    ("cette infraction ne vous vaudra pas de lettre 48N", "cette infraction ne lui vaudra pas de lettre 48N"),
    # T59 c29: "après avoir rendu le vôtre à la préfecture" said of a brother
    ("un nouveau permis un an après avoir rendu le vôtre à la préfecture",
     "un nouveau permis un an après avoir rendu le sien à la préfecture"),
    ("la règle ne vous concerne pas", "la règle ne le concerne pas"),
    ("cela vous oblige à un stage", "cela l'oblige à un stage"),
])
def test_what_is_said_to_the_licence_holder_is_said_of_a_man(text, expected):
    assert expected in about_the_person(text, subject_person(make_tracker(
        text="je me renseigne pour mon mari, il ne lui reste que 2 points")))


def test_t59_c30_a_category_added_said_of_the_pupil(domain):
    # T59 c30: "ne vous remet pas en période probatoire et ne vous fait pas repartir à 6 points" of a pupil
    text = ("Bonjour, je suis secrétaire dans une auto-école. Une élève a obtenu le permis B le 12 mai 2024, mais "
            "elle avait déjà le permis A1 depuis le 3 mars 2022. Est-elle encore en période probatoire, et combien de "
            "points a-t-elle ? Aucune infraction.")
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerProbation().run(dispatcher, make_tracker(text=text, intent="ask_probation",
                                                                 entities=parsed(text, TODAY)), domain)
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert said.startswith("Non : passer une nouvelle catégorie quand elle a déjà le permis ne la remet pas en "
                           "période probatoire et ne la fait pas repartir à 6 points.")
    assert "vous" not in said.lower()


# --- item 2: the end of a held licence's probation on its day, when its day is told --------------------------------
def probation_answer(domain, text):
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerProbation().run(dispatcher, make_tracker(text=text, intent="ask_probation",
                                                                 entities=parsed(text, TODAY)), domain)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


@pytest.mark.parametrize("text, said", [
    # T59 c30: "Son permis, obtenu en 2022, n'est plus probatoire depuis 2025 au plus tard" for the A1 of 3 March 2022
    ("Bonjour, je suis secrétaire dans une auto-école. Une élève a obtenu le permis B le 12 mai 2024, mais elle avait "
     "déjà le permis A1 depuis le 3 mars 2022. Est-elle encore en période probatoire ? Aucune infraction.",
     "Son permis, obtenu le 3 mars 2022, n'est plus probatoire depuis le 3 mars 2025"),
    ("j'ai le permis B depuis le 15 juin 2020 et je passe le A2, je repars à 6 points ?",
     "Votre permis, obtenu le 15 juin 2020, n'est plus probatoire depuis le 15 juin 2023"),
])
def test_the_probation_of_a_held_licence_ends_on_its_day(domain, text, said):
    answer = probation_answer(domain, text)
    assert said in answer and "au plus tard" not in answer


def test_a_year_alone_keeps_its_year(domain):
    answer = probation_answer(domain, "j'ai le permis B depuis 2015 et je passe le A2, je repars en probatoire ?")
    assert "Votre permis, obtenu en 2015, n'est plus probatoire depuis 2018 au plus tard" in answer


# --- item 3: the other half of a two-question message on an offence (h130's leftover) ------------------------------
def offence_answer(domain, text):
    from actions import forms
    from tests.actions.conversation import opened_in_form
    return opened_in_form(domain, text, "ask_offence_points", "offence_points_form", forms.ValidateOffencePointsForm(),
                          answers.ActionAnswerOffencePoints(), TODAY)


def test_t55_c17_passing_on_amber_and_the_indicator_both_answered(domain):
    # T55 c17: "passer à l'orange ça enlève des points ? et oublier son clignotant ?" got the indicator's card alone
    chat = offence_answer(domain, "Question rapide : passer à l'orange ça enlève des points ? et oublier son "
                                  "clignotant ?")
    said = "\n".join((chat.form_said, chat.reply))
    assert "Feu orange (jaune fixe) non respecté : aucun point n'est retiré" in said
    assert "Changement de direction sans clignotant : retrait de 3 points" in said


@pytest.mark.parametrize("text", ["passer au rouge ça coûte combien de points ?",
                                  "griller le rouge c'est combien de points ?",
                                  "ça fait quoi de passer à l'orange ?"])
def test_a_light_passed_said_with_the_infinitive(text):
    assert [e["value"] for e in parsed(text, TODAY) if e["entity"] == "offence_type"] in (["red_light"],
                                                                                         ["amber_light"])


def test_the_amber_light_and_if_never_paid(domain):
    # "et pour un feu orange ? et si je paie pas ?" after a red light's card: the amber light's, and what not paying
    # does (no points either way, the fine majorée), not the amber light's card alone
    from actions import forms
    chat = offence_answer(domain, "griller un feu rouge ça coûte combien de points ?")
    reply = chat.say_in_form("et pour un feu orange ? et si je paie pas ?", "ask_offence_points",
                             "offence_points_form", forms.ValidateOffencePointsForm(),
                             answers.ActionAnswerOffencePoints())
    said = "\n".join((chat.form_said, reply))
    assert "Feu orange (jaune fixe) non respecté : aucun point n'est retiré" in said
    assert "Si vous ne payez pas : cette infraction ne retire aucun point, payée ou non" in said
    assert "Ne pas payer n'évite pas le retrait" not in said


@pytest.mark.parametrize("text", ["le stop grillé c'est combien ? et si je paye jamais ?",
                                  "téléphone au volant, je perds combien ? et sans payer ?"])
def test_an_offence_and_if_never_paid(domain, text):
    chat = offence_answer(domain, text)
    said = "\n".join((chat.form_said, chat.reply))
    assert "retrait de" in said and "Ne pas payer n'évite pas le retrait" in said


# --- item 3: "disons mi janvier" for a stage after a lettre 48M: no "Quel jour ?" when no day changes the answer ---
@pytest.mark.parametrize("month_said, read", [("disons mi janvier", "2026-01"), ("vers la mi-février", "2026-02"),
                                              ("courant janvier je pense", "2026-01")])
def test_t56_c07_a_stage_month_after_a_48m_is_not_asked_its_day(domain, month_said, read):
    # T56 c07: a 48M received (out of probation, ceiling 12), the balance unknown: "disons mi janvier" got "Le jour
    # exact compte pour un stage (janvier 2027 ne suffit pas). Quel jour de janvier 2027 ?"
    from actions import forms
    from tests.actions.conversation import form_opened
    form, validator = "points_after_stage_form", forms.ValidatePointsAfterStageForm()
    chat = form_opened(domain, "j'ai reçu une lettre 48M ce matin, je peux récupérer combien avec un stage ?",
                       "ask_points_after_stage", form, validator, today=TODAY)
    chat.read_by_form("je sais pas trop", "dont_know", form, validator, requested="current_balance",
                      balance_unknown=True)
    said = chat.read_by_form(month_said, "inform", form, validator, requested="stage_first_day",
                             stage_first_day=read)
    assert "Quel jour" not in said and "Le jour exact compte" not in said
    chat.read_by_form("Non, jamais", "deny", form, validator, requested="previous_stage_date",
                      previous_stage_date="none")
    assert chat.next_asked(form, validator) is None
    reply = chat.answer_after_form("Non, jamais", "deny", answers.ActionAnswerPointsAfterStage())
    assert "quel que soit son jour, il vous rend les mêmes points" in reply
    assert "ce stage vous rendra donc bien 4 points" in reply
