"""Tester T62 (a fresh tester on integ33 d0f644c, today 1 December 2026), items of branch h145: dates misread or lost
in a stage's conversation: a day answering "Quel jour de <mois> ?" is that month's day, even said with "je te l'ai
dit" or "mettons", and never a balance (c05, c25); ..."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker
from tests.actions.conversation import FormConversation

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

DAY_ASKED = "Le jour exact compte pour un stage (janvier 2027 ne suffit pas). Quel jour de janvier 2027 ? Par exemple : le 12."


def _january_stage_day_asked(domain):
    chat = FormConversation.before_first_message(domain, TODAY)
    chat.read_by_form("Bonjour ! Combien de points je récupère si je fais un stage en janvier ?",
                      "ask_points_after_stage", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      question=DAY_ASKED, asks="stage_first_day")
    assert chat.slots.get("date_awaiting_precision") == "stage_first_day=2027-01", chat.slots
    return chat


@pytest.mark.parametrize("text, intent, read", [
    ("j'en sais rien je t'ai dit ! mettons le 20", "dont_know", "2026-11-20"),
    ("mettons le 20", "inform", "2026-11-20"),
    ("disons le 20", "inform", "2026-11-20"),
    ("le 20, je te l'ai dit", "inform", "2026-11-20"),
    ("je sais pas, on va dire le 20", "dont_know", "2026-11-20"),
])
def test_a_day_answering_the_day_of_the_month_asked(domain, text, intent, read):
    # t62-c25: "mettons le 20" to "Quel jour de janvier 2027 ?" became a stage of 20-21 November 2026 "qui vous a
    # rendu" points, in the past; t62-c05: "le 14, je te l'ai dit" to "Quel jour de décembre 2026 ?", 14 November:
    # the 20th of the month asked, a stage to come (effect 22 January 2027, R12)
    chat = _january_stage_day_asked(domain)
    chat.read_by_form(text, intent, "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                      requested="stage_first_day", stage_first_day=read)
    assert chat.slots.get("stage_first_day") == "2027-01-20", (chat.form_said, chat.slots)


@pytest.mark.parametrize("text", [
    "j'en sais rien je t'ai dit ! mettons le 20",
    "je te dis le 20",
    "je t'ai dit le 15 !",
])
def test_a_day_said_is_no_balance_above_the_maximum(text):
    # t62-c25: "mettons le 20" answered "un solde de 20 points n'est pas possible"
    from actions.follow_ups import balance_shown_above_maximum
    assert balance_shown_above_maximum(make_tracker(text=text)) is None


def test_a_balance_shown_above_the_maximum_still_answered():
    from actions.follow_ups import balance_shown_above_maximum
    assert "15 points n'est pas possible" in balance_shown_above_maximum(make_tracker(text="donc pk le site me dit 15 ?"))


# --- t62-c05: last stage 9-10 December 2025, "je peux en refaire un ce mois-ci ?", then "donc si je le fais les 14 et
# 15 décembre ça marche ?" and "j'ai 7 points en ce moment, je serai a combien apres ?"

C05 = ("Bonjour, j'ai fait un stage de récupération de points les 9 et 10 décembre 2025. Est-ce que je peux en refaire "
       "un ce mois-ci ?")


def _december_stage_told(domain):
    from actions import answers
    from tests.actions.conversation import opened
    return opened(domain, C05, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY,
                  stage_first_day="2026-12", previous_stage_date="2025-12-09")


@pytest.mark.parametrize("text, day, effect", [
    ("donc si je le fais les 14 et 15 décembre ça marche ?", "2026-12-14", "16 décembre 2026"),
    ("et si je le fais le 20 décembre, c'est bon ?", "2026-12-20", "22 décembre 2026"),
    ("ok, et si je m'inscris pour les 17 et 18 décembre ?", "2026-12-17", "19 décembre 2026"),
])
def test_the_day_supposed_in_the_month_told_is_the_stage_planned(domain, text, day, effect):
    # t62-c05: the day of the month told for the stage to come was answered as a hypothesis and set back ("je garde vos
    # informations telles quelles"): "je serai à combien après ?" then asked "Quel jour de décembre 2026 ?", and "le
    # 14, je te l'ai dit" became 14 November ("Aucun point"); it is the plan made precise: 7 → 11 on the day after
    # the stage's second day (R12, R13: a year date to date after 9 December 2025)
    from actions import answers
    chat = _december_stage_told(domain)
    reply = chat.say(text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "C'est une hypothèse" not in reply, reply
    assert chat.slots.get("stage_first_day") == day, chat.slots
    validator = forms.ValidatePointsAfterStageForm()
    chat.read_by_form("j'ai 7 points en ce moment, je serai a combien apres ?", "ask_points_after_stage",
                      "points_after_stage_form", validator)
    assert chat.next_asked("points_after_stage_form", validator) == "licence_date"
    chat.read_by_form("en 2009", "inform", "points_after_stage_form", validator, requested="licence_date",
                      licence_date="2009")
    assert chat.next_asked("points_after_stage_form", validator) is None
    reply = chat.answer_after_form("en 2009", "inform", answers.ActionAnswerPointsAfterStage())
    assert f"avec effet au {effect} : votre solde passera de 7 à 11 points" in reply, reply


def test_a_day_outside_the_month_told_stays_a_hypothesis(domain):
    from actions import answers
    chat = _december_stage_told(domain)
    chat.say("et si je le fais le 12 janvier plutôt ?", "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert chat.slots.get("stage_first_day") == "2026-12", chat.slots


# --- t62-c20: "J'ai fait le stage obligatoire (48N) la semaine dernière, comment je me fais rembourser l'amende ?",
# then "le stage c'était mardi 24 et mercredi 25 novembre"

@pytest.mark.parametrize("text, day", [
    ("le stage c'était mardi 24 et mercredi 25 novembre", "2026-11-24"),
    ("le stage c'était le mardi 24 et le mercredi 25 novembre", "2026-11-24"),
    ("mon stage était lundi 23 et mardi 24 novembre", "2026-11-23"),
    ("je l'ai fait jeudi 19 et vendredi 20 novembre", "2026-11-19"),
])
def test_the_days_of_a_stage_named_with_their_weekdays(text, day):
    # t62-c20: "mardi" was read as today (Tuesday 1 December 2026), the stage "prévu, qui se termine le 2 décembre", the
    # request's 15 days counted to 17 December instead of 10 December (R16)
    from tests.actions.conftest import parsed
    dates = [(e.get("value"), e.get("role")) for e in parsed(text, TODAY) if e.get("entity") == "date"]
    assert [value for value, _ in dates] == [day], dates
    assert "stage" not in text or dates[0][1] == "stage", dates


def test_the_refund_of_a_stage_done_on_its_days(domain):
    from actions import answers
    from tests.actions.conversation import opened
    chat = opened(domain, "J'ai fait le stage obligatoire (48N) la semaine dernière, comment je me fais rembourser "
                  "l'amende ?", "ask_refund_48n", answers.ActionAnswerRefund48n(), TODAY)
    chat.read_by_form("le stage c'était mardi 24 et mercredi 25 novembre", "inform", "refund_48n_form",
                      forms.ValidateRefund48nForm(), stage_first_day="2026-11-24")
    assert chat.slots.get("stage_first_day") == "2026-11-24", chat.slots
    chat.read_by_form("le 10 octobre 2026", "inform", "refund_48n_form", forms.ValidateRefund48nForm(),
                      requested="letter_48n_date", letter_48n_date="2026-10-10")
    reply = chat.answer_after_form("le 10 octobre 2026", "inform", answers.ActionAnswerRefund48n())
    assert "2 décembre" not in reply and "17 décembre" not in reply, reply
    assert "10 décembre 2026" in reply, reply


# --- t62-c28: "ma copine a eu son permis le 10/10/2023 … amende payée le 15 mars 2024", a stage supposed on 8-9
# December, then "ah attends je me suis trompée, elle l'a eu le 10/10/2022 pas 2023"

C28 = ("ma copine a eu son permis le 10/10/2023 (sans conduite accompagnée). Elle a pris 2 points pour un excès de 25 "
       "km/h, amende payée le 15 mars 2024. Elle a combien de points maintenant ?")


@pytest.mark.parametrize("text", [
    "ah attends je me suis trompée, elle l'a eu le 10/10/2022 pas 2023",
    "pardon c'était le 10 octobre 2022, pas 2023",
    "non elle l'a eu le 10/10/2022 et non 2023",
])
def test_the_year_replaced_names_the_date_it_corrects(domain, text):
    # t62-c28: read as a stage's day ("Ce stage (10 octobre 2022) serait antérieur à l'obtention de son permis"): the
    # licence's day with another year; the balance again from it (ceiling 8 in March 2024: 6 points, R5, R7)
    from actions import answers, corrections
    chat = opened_c28(domain)
    chat.say("et si elle fait un stage les 8 et 9 décembre, elle monte à combien ?", "ask_points_after_stage",
             answers.ActionAnswerPointsAfterStage())
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "Ce stage" not in reply and "antérieur" not in reply, reply
    assert chat.slots.get("licence_date") == "2022-10-10", chat.slots
    assert chat.slots.get("stage_first_day") != "2022-10-10", chat.slots


def opened_c28(domain):
    from actions import answers
    from tests.actions.conversation import opened
    return opened(domain, C28, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)


def test_the_day_not_known_yet_is_not_asked_again_before_the_last_stage(domain):
    # t62-c25: "stage en janvier", "je sais pas encore, pas réservé", "Je ne sais pas" (balance), "2015" (licence):
    # "Quel jour de janvier 2027 ?" asked again, a loop; the last stage first, the month may then be enough (R12, R13)
    validator = forms.ValidatePointsAfterStageForm()
    chat = _january_stage_day_asked(domain)
    chat.read_by_form("je sais pas encore, pas réservé", "dont_know", "points_after_stage_form", validator,
                      requested="stage_first_day")
    chat.read_by_form("Je ne sais pas", "dont_know", "points_after_stage_form", validator, requested="current_balance",
                      balance_unknown=True)
    chat.read_by_form("2015", "inform", "points_after_stage_form", validator, requested="licence_date",
                      licence_date="2015")
    assert chat.next_asked("points_after_stage_form", validator) == "previous_stage_date", chat.slots
