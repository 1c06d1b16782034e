"""Tester T57 (replays on 1 December 2026), items of branch h132: an exact licence date replaces an estimated one;
the person followed when the user switches; a clear "Non" to driving after a 48SI; an alcohol rate asked."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t57-c16: licence "il y a presque 2 ans", then "le 10 février 2025 exactement", an excess in April 2025 (R5)

C16 = "Bonjour, alors voilà j'ai une question un peu compliquée. J'ai eu mon permis il y a presque 2 ans"
C16_2 = ("le 10 février 2025 exactement, sans conduite accompagnée. Et en avril 2025 je me suis fait flasher, 113 "
         "retenu sur une route à 90")


def c16_told(domain):
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    chat.reply = chat.say(C16_2, "ask_offence_points", answers.ActionAnswerOffencePoints())
    return chat

C16_BARE = "en avril 2025 je me suis fait flasher, 113 retenu sur une route à 90"

@pytest.mark.parametrize("text", [
    "mais je vous ai donné la date exacte : 10/02/2025 !",
    "le 10/02/2025",
    "c'était le 10 février 2025 exactement",
    "10 février 2025 pour être précis",
])
def test_an_exact_date_replaces_the_estimated_licence(domain, text):
    # t57-c16: after "il y a presque 2 ans" (counted from 1 December 2024, "Donnez-moi la date exacte"), the exact
    # day was read as a payment's ("le paiement … ne peut pas précéder la date de l'infraction") and the estimate
    # kept: probation to 1 December 2027. R5: a licence of 10 February 2025 is probationary until 10 February 2028
    chat = opened(domain, C16, "nlu_fallback", fallback.ActionSuggestQuestions(), TODAY)
    chat.say(C16_BARE, "ask_offence_points", answers.ActionAnswerOffencePoints())
    reply = chat.followed(chat.say(text, "inform", corrections.ActionApplyCorrection()), text, "inform",
                          answers.ActionAnswerOffencePoints())
    assert chat.slots["licence_date"] == "2025-02-10", (chat.slots, reply)
    assert "1er décembre 2024" not in reply and "ne peut pas précéder" not in reply, reply
    probation = chat.say("et ma période probatoire finit quand ?", "ask_probation", answers.ActionAnswerProbation())
    assert "10 février 2028" in probation and "1er décembre 2027" not in probation, probation


@pytest.mark.parametrize("text", [
    "non!! le 10/02/2025 c'est la date où j'ai eu mon permis. l'amende je l'ai payée le 20 avril 2025",
    "10/02/2025 c'est la date de mon permis",
    "le 10/02/2025 c'est le jour où il a eu son permis",
    "la date d'obtention de mon permis c'est le 10/02/2025",
])
def test_a_date_said_as_the_licences(text):
    # t57-c16: "le 10/02/2025 c'est la date où j'ai eu mon permis" had no role ("où" ended its clause), and the
    # assistant kept the estimated licence date (R5)
    from tests.actions.conftest import parsed
    dates = {e["value"]: e.get("role") for e in parsed(text, TODAY) if e["entity"] == "date"}
    assert dates["2025-02-10"] == "licence", dates


# --- t57-c04: "c koi une lettre 48 si", then "je lai recu hier... je peux encore conduire demain ?" (R19, R20)

@pytest.mark.parametrize("text", [
    "je lai recu hier... je peux encore conduire demain pr aller au taf ou pas du tt",
    "reçue le 28 novembre, j'ai encore le droit de rouler ?",
    "je l'ai reçue le 30 novembre, je peux quand même conduire demain ?",
])
def test_may_i_drive_after_a_48si_received_starts_with_no(domain, text):
    # t57-c04: the waiting answer for a new licence, its "ne conduisez plus" in its second bullet, no clear "Non"
    chat = opened(domain, "c koi une lettre 48 si", "ask_letter", answers.ActionAnswerLetter(), TODAY)
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Non"), reply
    assert "délit" in reply, reply


# --- t57-c13: the daughter's licence (AAC), then "Et son frère, … sans AAC ?"; t57-c26: "c'est ma femme qui gère les
# papiers" about the user's own fine

C13 = ("Bonjour, ma fille a eu son permis après la conduite accompagnée le 20/09/2024, aucune infraction. Elle a combien "
       "de points maintenant ?")


def subject_after(chat, text: str, intent: str):
    from actions.third_person import subject_person
    return subject_person(chat.tracker(text, intent))


@pytest.mark.parametrize("text, noun, feminine", [
    ("Super. Et son frère, permis classique obtenu le même jour, sans AAC ?", "frère", False),
    ("et sa soeur ?", "sœur", True),
    ("Et mon fils, permis obtenu le même jour sans conduite accompagnée ?", "fils", False),
])
def test_another_person_after_the_daughter_is_not_a_correction(domain, text, noun, feminine):
    # t57-c13: "C'est noté. Pour refaire le calcul :" then "A-t-elle suivi la formation…" about the son
    chat = opened(domain, C13, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    person = subject_after(chat, text, "inform")
    assert (person.noun, person.feminine) == (noun, feminine), person
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert "C'est noté" not in reply, reply


@pytest.mark.parametrize("text", [
    "je sais pas, c'est ma femme qui gère les papiers",
    "aucune idée c'est mon père qui s'occupe des papiers",
    "c'est ma femme qui a payé, je sais pas quand",
])
def test_who_handles_the_papers_is_not_whose_licence(domain, text):
    # t57-c26: "À quelle date a-t-elle payé l'amende ?", "son permis retrouvera…" about the user's own stop
    chat = opened(domain, "jai grillé un stop en septembre, quand est ce que je recupere mes points",
                  "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert subject_after(chat, text, "dont_know") is None


def test_a_daughter_who_had_a_fine_is_still_named():
    # (not the papers: "c'est ma fille qui a eu l'amende" is her licence)
    from actions.third_person import _PERSON_S_LICENCE
    from bot.nlu.fact_parsing import fold
    assert _PERSON_S_LICENCE.search(fold("c'est ma fille qui a eu l'amende"))


# --- t57-c12: alcohol at 0,9 g/l (a délit, R4), a stage before its retrait: "l'amende pas encore payée"

def test_a_delits_retrait_to_come_is_not_an_unpaid_fine():
    from datetime import date
    from actions.answers import _story_balance_note
    note = _story_balance_note(10, 10, 6, 1, date(2027, 1, 16), True, date(2026, 12, 1), judged=True)
    assert "amende pas encore payée" not in note and "délit, pas encore définitivement jugé" in note, note
    fine = _story_balance_note(10, 10, 6, 1, date(2027, 1, 16), True, date(2026, 12, 1))
    assert "de l'amende pas encore payée" in fine, fine
