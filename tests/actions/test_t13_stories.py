"""Outside tester T13 (BOT_TODAY=2026-12-01): stories whose facts answer a question (c01, c09), stages asked about as
hypotheses (c03, c30), a letter asked about in general (c14), a licence to hand back on a day to come (c15), and a
support desk's client with her balance (c28). R6, R12, R13, R19, R20."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_answers import run
from tests.actions.test_stage_balance_first_day import DAY, Chat, mapped
from tests.actions.test_t10_stage_questions import form_step


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def eligibility(chat: Chat, text: str, intent: str = "ask_stage_eligibility") -> str:
    """The stage eligibility form's validation of `text`, then its answer."""
    form_step(chat, text, intent)
    return chat.say(text, intent, answers.ActionAnswerStageEligibility(), {
        name: value for name, value in chat.slots.items() if value is not None})


# --- T13 c30: two stages done told in one message: the later is the last one, the one the year counts from (R13)

@pytest.mark.parametrize("text", [
    "jai fait un stage en mars 2024 et un autre en avril 2025, la il me reste 6 points, je peux en faire un 3eme ?",
    "j'ai fait un stage en mars 2024 puis un autre en avril 2025. Il me reste 6 points, je peux en refaire un ?",
    "premier stage en mars 2024, deuxième stage en avril 2025, il me reste 6 points, un nouveau stage me rendrait des "
    "points ?",
])
def test_of_two_stages_done_the_later_is_the_last_one(domain, text):
    chat = Chat(domain)
    reply = eligibility(chat, text)
    assert chat.slots["previous_stage_date"] == "2025-04-30", chat.slots
    assert chat.slots.get("stage_first_day") in (None, "2025-04-30"), chat.slots
    assert "mars 2024" not in reply, reply
    assert "votre solde passerait de 6 à 10 points" in reply, reply


@pytest.mark.parametrize("asked", ["cool et je peux le faire quand je veux alors ? meme demain ?",
                                   "et si je le fais demain ?", "ok donc demain c'est bon ?"])
def test_a_stage_tomorrow_after_two_stages_done_gives_its_points(domain, asked):
    # the last stage (April 2025) is more than a year old (R13): a stage on 2–3 December gives 4 points from the 4th
    # (R12), nothing counted from a stage "done" on 2 December 2026
    chat = Chat(domain)
    eligibility(chat, "jai fait un stage en mars 2024 et un autre en avril 2025, la il me reste 6 points, je peux en "
                      "faire un 3eme ?")
    reply = eligibility(chat, asked)
    assert "4 décembre 2026" in reply and "de 6 à 10 points" in reply, reply
    assert "2027" not in reply and "1er décembre 2026" not in reply and "3 décembre 2026 :" not in reply, reply


# --- T13 c03: "et si je le fais le 10 janvier 2027 ?" after "je peux en refaire un quand ?" is the stage asked about

@pytest.mark.parametrize("asked", ["ok et si je le fais le 10 janvier 2027 ca marche pas du tout ?",
                                   "et si je le fais le 10 janvier 2027 ?",
                                   "et si je fais le prochain le 10 janvier 2027, j'ai des points ?"])
def test_a_stage_planned_in_a_hypothesis_before_the_year_is_up_gives_nothing(domain, asked):
    chat = Chat(domain)
    first = eligibility(chat, "mon dernier stage c'etait les 15 et 16 janvier 2026, je peux en refaire un quand ?")
    assert "15 janvier 2027" in first
    reply = eligibility(chat, asked)
    assert "Aucun point" in reply and "15 janvier 2027" in reply, reply
    assert "2028" not in reply, reply
    assert chat.slots["previous_stage_date"] == "2026-01-15"


def test_the_dates_of_a_stage_carry_no_ceiling_caveat(domain):
    # T13 c03: "sous réserve de : le plafond de votre permis" where the ceiling changes nothing (R13 dates only)
    chat = Chat(domain)
    first = eligibility(chat, "mon dernier stage c'etait les 15 et 16 janvier 2026, je peux en refaire un quand ?")
    then = eligibility(chat, "et si je le fais le 10 janvier 2027 ?")
    assert "plafond" not in first and "plafond" not in then, (first, then)


# --- T13 c28: a support desk's client, her balance told in the third person, and no centre's "1 an et 1 jour" asked

C28 = ("Bonjour, je suis conseillère dans une auto-école. Une cliente a 5 points, elle a fait un stage volontaire le 8 "
       "et 9 octobre 2025. Elle veut en refaire un en décembre 2026, elle récupère ses 4 points ?")


@pytest.mark.parametrize("text", [
    C28,
    "ma fille a 5 points, elle a fait un stage le 8 et 9 octobre 2025, elle peut en refaire un en décembre 2026 ?",
    "Un client a 5 points. Son dernier stage était le 8 octobre 2025. S'il en fait un en décembre 2026, il récupère "
    "combien ?",
])
def test_the_clients_balance_told_in_the_third_person_is_counted(domain, text):
    chat = Chat(domain)
    reply = eligibility(chat, text)
    assert chat.slots.get("current_balance") == 5, chat.slots
    assert "de 5 à 9 points" in reply, reply
    assert "solde de points" not in reply, reply


def test_a_story_of_a_driving_school_asks_no_centres_year_count(domain):
    from actions.stage_timing import year_between_stages
    chat = Chat(domain)
    eligibility(chat, C28)
    tracker = make_tracker(slots=chat.slots, history=list(chat.events), intent="ask_stage_eligibility", text=C28,
                           entities=parsed(C28, DAY))
    assert year_between_stages(tracker) is None


def test_the_centres_year_count_does_not_judge_the_last_stage_itself(domain):
    from actions.stage_timing import year_between_stages
    chat = Chat(domain)
    eligibility(chat, "mon dernier stage c'était le 8 et 9 octobre 2025, je peux en refaire un ?")
    text = "le centre me dit 1 an et 1 jour après celui du 8 octobre 2025, donc le 8 octobre 2026 c'était trop tôt ?"
    tracker = make_tracker(slots=chat.slots, history=list(chat.events), intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, DAY))
    said = year_between_stages(tracker)
    assert said is not None and "Un stage qui commence le 8 octobre 2026 : le premier jour possible" in said, said
    assert "8 octobre 2025 : trop tôt" not in said, said
