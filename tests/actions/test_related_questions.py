"""A question on the same topic that is not the same question gets its own answer, not "Comme indiqué : …" nor the last
answer summed up (T8 c14, c22, c36): the repeat is for the same question asked again with the same facts."""
from __future__ import annotations

import pytest

from actions import answers, reminders
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run

TODAY = "2026-12-01"


def _after(domain, action, first: str, intent: str, slots: dict, follow_up: str, follow_intent: str,
           follow_action, follow_slots: dict = None) -> str:
    """The first question answered by `action`, then the follow-up answered by `follow_action`: its reply."""
    events, answer = run(action, make_tracker(intent=intent, text=first, entities=parsed(first, TODAY), slots=slots),
                         domain)
    history = [user_said(first, intent), *[{"event": "slot", "name": k, "value": v} for k, v in slots.items()],
               {"event": "action", "name": action.name()}, {"event": "bot", "text": answer},
               *[e for e in events if e.get("event") == "slot"]]
    kept = {**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}, **(follow_slots or {})}
    tracker = make_tracker(intent=follow_intent, text=follow_up, entities=parsed(follow_up, TODAY), slots=kept,
                           history=history)
    return run(follow_action, tracker, domain)[1]


@pytest.mark.parametrize("follow_up", [
    "jen ai recu une hier, je suis obligé de faire le stage ? sinon ca fait quoi",
    "et si je fais pas le stage je risque quoi ?",
    "donc je dois le faire ce stage ou pas ? sinon il se passe quoi ?",
])
def test_whether_the_48m_stage_is_compulsory_after_what_a_48m_is(domain, first_of_december, follow_up):
    reply = _after(domain, answers.ActionAnswerLetter(), "cest quoi la lettre 48M ?", "ask_letter",
                   {"letter_code": "48M"}, follow_up, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Aucune obligation : la lettre 48M ne vous oblige pas à faire un stage")
    assert "il ne se passe rien" in reply and "Comme indiqué" not in reply
    # what only a 48N brings without the stage (R15, R.223-4)
    assert "Seule la lettre 48N" in reply and "135 €" in reply and "3 ans" in reply and "R.223-4" in reply


@pytest.mark.parametrize("follow_up", [
    "et si je tombe malade le 2eme jour ?",
    "si je rate le deuxième jour je dois tout refaire ?",
    "et si je suis absent la dernière journée pour maladie ?",
])
def test_missing_a_day_of_the_stage_after_the_stage_card(domain, first_of_december, follow_up):
    reply = _after(domain, answers.ActionAnswerStageInfo(), "on peut faire le stage en ligne ? et ca coute combien en gros",
                   "ask_stage_info", {}, follow_up, "ask_stage_info", answers.ActionAnswerStageInfo())
    # R11: complete attendance (R.223-8), two consecutive days (R.223-5): no attestation, the whole stage again
    assert reply.startswith("Si vous manquez tout ou partie du stage")
    assert "refaire un stage complet" in reply and "R.223-5" in reply and "Comme indiqué" not in reply


@pytest.mark.parametrize("follow_up", [
    "il me reste 4 points dessus. je dois faire quoi ?",
    "j'ai plus que 4 points, je fais quoi ?",
])
def test_a_balance_told_with_what_to_do_after_a_48_is_answered_with_it(domain, first_of_december, follow_up):
    reply = _after(domain, answers.ActionAnswerLetter(), "Bonjour, j'ai reçu une lettre 48, c'est grave ?", "ask_letter",
                   {"letter_code": "48"}, follow_up, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                   {"current_balance": 4})
    assert not reply.startswith("En résumé") and "Comme indiqué" not in reply
    assert "stage" in reply and "4 points" in reply


def _reminder(first: str, again: str, text: str) -> str:
    tracker = make_tracker(intent="ask_stage_info", text=again, history=[user_said(first, "ask_stage_info"),
                                                                         {"event": "bot", "text": text}])
    return reminders.reminder_of(tracker, text, recompute=False)


def test_the_same_question_again_is_reminded_a_different_one_is_not_told_it_was_answered():
    card = "Le stage est animé par un expert en sécurité routière (BAFM) et un psychologue : sans examen ni note."
    assert _reminder("c'est quoi le programme du stage ?", "le programme du stage c'est quoi ?", card) \
        .startswith("Comme indiqué : le stage est animé")
    other = _reminder("c'est quoi le programme du stage ?", "et on mange sur place le midi ?", card)
    assert not other.startswith("Comme indiqué") and other.startswith("Sur ce point précis")
    assert "le stage est animé" in other and "reformuler" in other


@pytest.mark.parametrize("before, after, same", [
    ("le stage dure combien de temps ?", "ça dure combien d'heures le stage ?", True),
    ("flashé à 30 km/h de trop, combien de points ?", "je reformule : 30 km/h au-dessus, c'est combien de points ?",
     True),
    ("cest quoi la lettre 48M ?", "jen ai recu une hier, je suis obligé de faire le stage ? sinon ca fait quoi", False),
    ("on peut faire le stage en ligne ? et ca coute combien en gros", "et si je tombe malade le 2eme jour ?", False),
])
def test_asks_the_same(before, after, same):
    tracker = make_tracker(text=after, history=[user_said(before)])
    assert reminders.asks_the_same(tracker) is same
