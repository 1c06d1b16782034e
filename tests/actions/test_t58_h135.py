"""Testers T58 and T59 (1 December 2026), items of branch h135: an exact day told after an estimate replaces it; the
offence's exact day kept over a season; the 48N letter's day not taken for the licence's; a payment "il y a 10 jours"
and a balance told kept."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t59-c16: "J'ai eu mon permis il y a presque 2 ans" (no answer yet), then "le 10 février 2025 exactement, …" (R5)

C16 = "Bonjour, alors voilà j'ai une question un peu compliquée. J'ai eu mon permis il y a presque 2 ans"


@pytest.mark.parametrize("text", [
    "le 10 février 2025 exactement, sans conduite accompagnée. Et en avril 2025 je me suis fait flasher, 113 retenu "
    "sur une route à 90",
    "le 10/02/2025 pour être précis. En avril 2025 je me suis fait flasher, 113 retenu sur une route à 90",
    "exactement le 10 février 2025. Et en avril 2025 j'ai été flashé à 113 retenu sur une route à 90",
    "c'était le 10 février 2025. en avril 2025 flashé à 113 retenu sur une route à 90",
])
def test_the_exact_licence_day_told_after_its_estimate_replaces_it(domain, text):
    # t59-c16: the exact day, told in the message after "il y a presque 2 ans" before any answer, had no role and was
    # dropped: "j'ai compté à partir du 1er décembre 2024 environ … Donnez-moi la date exacte", probation to 1 December
    # 2027. R5: a licence of 10 February 2025 (no AAC) is probationary until 10 February 2028
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert chat.slots["licence_date"] == "2025-02-10", (chat.slots, reply)
    assert "1er décembre 2024" not in reply and "Donnez-moi la date exacte" not in reply, reply
    probation = chat.say("et ma période probatoire finit quand ?", "ask_probation", answers.ActionAnswerProbation())
    assert "10 février 2028" in probation and "1er décembre 2027" not in probation, probation


def test_an_exact_day_told_later_replaces_the_estimate_too(domain):
    # the same after an answer which counted from the estimate, the assistant's last turn about something else: the
    # day said "exactement" is the estimated fact's
    chat = opened(domain, "j'ai mon permis depuis presque 2 ans, je suis encore en probatoire ?", "ask_probation",
                  answers.ActionAnswerProbation(), TODAY)
    assert chat.slots["licence_date"] == "2024-12-01", chat.slots
    chat.say("c'est quoi une lettre 48N ?", "ask_letter", answers.ActionAnswerLetter())
    reply = chat.say("au fait mon permis c'est le 10 février 2025 exactement, je finis quand ma probatoire ?",
                     "ask_probation", answers.ActionAnswerProbation())
    assert chat.slots["licence_date"] == "2025-02-10", (chat.slots, reply)
    assert "10 février 2028" in reply and "1er décembre 2027" not in reply, reply


def test_a_day_told_with_an_offence_stays_the_offences(domain):
    # not the licence's: "le 10 février 2025 je me suis fait flasher" after "permis il y a presque 2 ans" is the
    # offence's day
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    chat.say("le 10 février 2025 je me suis fait flasher, 113 retenu sur une route à 90", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    assert chat.slots["licence_date"] == "2024-12-01", chat.slots


# --- t58-c18: "ma fille a eu son permis en juillet 2024", then "flasher cet été à 38 au dessus…, c'était le 12 août
# 2026": the summer taken (21 June), the exact day dropped, even when told again (R5, R7)

C18 = "salut, ma fille a eu son permis en juillet 2024 (pas de conduite accompagnée)"


def c18_opened(domain):
    from actions import corrections
    return opened(domain, C18, "inform", corrections.ActionApplyCorrection(), TODAY)


@pytest.mark.parametrize("text", [
    "elle s'est fait flasher cet été à 38 au dessus dans une zone à 50, c'était le 12 août 2026",
    "elle s'est fait flasher cet été, le 12 août 2026, à 38 au dessus dans une zone à 50",
    "elle s'est fait flasher en août à 38 au dessus dans une zone à 50, c'était le 12 août 2026",
])
def test_the_offences_exact_day_told_with_its_season_is_kept(domain, text):
    # the day told with the season (or month) is the offence's: 12 August 2026, after the 2nd anniversary of a licence
    # of July 2024 (R5: ceiling 10 then, R7: frozen at 10), not the summer's first day (21 June, ceiling 8)
    chat = c18_opened(domain)
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert chat.slots["offence_date"] == "2026-08-12", (chat.slots, reply)
    assert "21 juin" not in reply and "1er août" not in reply, reply


def test_the_offences_exact_day_told_again_replaces_the_season(domain):
    # t58-c18: "mais je t'ai donné la date exacte, le 12 août 2026 !" after "Vous avez indiqué l'été 2026 pour la date
    # de l'infraction : j'ai retenu le 21 juin 2026 … Donnez-moi le jour exact": the day of that season, not a month's
    from actions import corrections
    chat = c18_opened(domain)
    text = "elle s'est fait flasher cet été à 38 au dessus dans une zone à 50"
    chat.followed(chat.say(text, "inform", corrections.ActionApplyCorrection()), text, "inform",
                  answers.ActionAnswerOffencePoints())
    # (as the server's mapping of the "offence" date and the probation form fill them)
    chat.slots.update({"offence_date": chat.slots.get("offence_date") or "2026-06", "probation_offence": True})
    first = chat.say("elle a payé le 25 août. du coup elle a combien de points la ?", "ask_probation",
                     answers.ActionAnswerProbation())
    assert "5 points sur 8" in first and "Donnez-moi le jour exact" in first, (chat.slots, first)
    text = "mais je t'ai donné la date exacte, le 12 août 2026 ! et elle a eu son permis le 8 juillet 2024"
    reply = chat.followed(chat.say(text, "inform", corrections.ActionApplyCorrection()), text, "inform",
                          answers.ActionAnswerProbation())
    assert chat.slots["offence_date"] == "2026-08-12", (chat.slots, reply)
    assert "7 points sur 10" in reply and "21 juin" not in reply and "avant le 8 juillet 2026" not in reply, reply


# --- t58-c05: "jai recu une lettre 48 n c koi", then "je l'ai eu le 20 novembre, j'ai jusqu'a quand ?" (read as a
# probation question): the licence's date, the AAC asked, "cette date est antérieure à l'obtention du permis" (R15)

@pytest.mark.parametrize("text", [
    "je l'ai eu le 20 novembre, j'ai jusqu'a quand ?",
    "reçue le 20 novembre, j'ai jusqu'a quand ?",
    "je l'ai reçue le 20/11, c'est quoi ma date limite ?",
    "on l'a eue le 20 novembre. jusqu'à quand pour le stage ?",
])
def test_the_48n_received_by_pronoun_gives_its_deadline(domain, text):
    from actions.forms import ValidateProbationForm
    from tests.actions.conversation import FormConversation
    chat = opened(domain, "jai recu une lettre 48 n c koi", "ask_letter", answers.ActionAnswerLetter(), TODAY)
    assert isinstance(chat, FormConversation)
    chat.read_by_form(text, "ask_probation", "probation_form", ValidateProbationForm())
    assert chat.slots.get("licence_date") is None, chat.slots
    assert chat.slots.get("letter_48n_date") == "2026-11-20", chat.slots
    assert chat.slots.get("requested_slot") is None, chat.slots  # (the form asks nothing: no AAC question)
    reply = chat.answer_after_form(text, "ask_probation", answers.ActionAnswerProbation())
    assert "20 mars 2027" in reply and "conduite accompagnée" not in reply, reply


# --- t59-c05: "Le site affiche 10 points mais j'ai payé une amende pour excès de vitesse il y a 10 jours" (the day
# read as the offence's), then "donc 9 ? et je le recupere quand ce point": the payment's day asked again (R8)

@pytest.mark.parametrize("text, day", [
    ("Le site affiche 10 points mais j'ai payé une amende pour excès de vitesse il y a 10 jours, c'est normal ?",
     "2026-11-21"),
    ("j'ai payé l'amende pour l'excès de vitesse il y a 3 semaines", "2026-11-10"),
    ("j'ai réglé l'amende du feu rouge il y a 2 mois", "2026-10-01"),
])
def test_a_fine_paid_for_an_offence_some_time_ago_is_the_payments_day(domain, text, day):
    # the offence named as the reason of the payment ("une amende pour excès de vitesse"), the day a duration from
    # today: the payment's day, from which the point comes back (R8, L.223-6), as "… le 10 novembre" already was
    from tests.actions.conftest import parsed
    from tests.actions.conversation import mapped_slots
    dates = [e for e in parsed(text, TODAY) if e["entity"] == "date"]
    assert [(e["value"], e.get("role")) for e in dates] == [(day, "payment")], dates
    assert mapped_slots(dates, domain, "ask_retrait_timing").get("fine_payment_date") == day


def test_an_offence_flashed_some_time_ago_stays_the_offences():
    from tests.actions.conftest import parsed
    dates = [e for e in parsed("flashé pour excès de vitesse il y a 10 jours", TODAY) if e["entity"] == "date"]
    assert [e.get("role") for e in dates] == ["offence"], dates
