"""Outside testers T19/T20 (today 1 December 2026), helper h45: how the dates told are named in the answers."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run


# --- item 1: the payment date is not "l'infraction du …" (R1, R2) ------------------------------------------------

def test_the_balance_names_an_offence_told_by_its_payment_by_that_payment():
    # T20 c10: 12 km/h in town (1 point) paid 2 March 2026, phone committed 15 July paid 1 August 2026: 8 points
    # today; the first offence's day is not known, the day told is its payment (R2), said so
    text = ("Elle a eu un excès de vitesse de 12 km/h en ville (limitée à 50) payé le 2 mars 2026, et ensuite elle a "
            "téléphoné au volant le 15 juillet 2026, amende payée le 1er août 2026. Elle avait tous ses points "
            "avant. Elle a combien maintenant ?")
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text),
                           slots={"licence_date": "1985"})
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "Solde aujourd'hui : 8 points" in answer, answer
    assert "12 points avant l'infraction payée le 2 mars 2026" in answer, answer
    assert "l'infraction du 2 mars 2026" not in answer


def test_the_recovery_names_the_offence_by_the_payment_date_asked():
    # T19 c08: 1 point, the fine paid 10 October 2026 (the form's payment date), the offence's day not told: the
    # point comes back on 10 April 2027 (R8) and the balance's start is the offence paid that day
    slots = {"last_offence_points": 1, "offence_class": "c3", "fine_payment_date": "2026-10-10",
             "licence_date": "2023-03-15", "supervised_driving": False}
    text = "et du coup mon point je le recupere quand ? jai payé lamende le 10 octobre 2026"
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="ask_auto_recovery",
                           history=[user_said(text, "ask_auto_recovery")])
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "revient le 10 avril 2027" in answer, answer
    assert "avant l'infraction payée le 10 octobre 2026" in answer, answer
    assert "l'infraction du 10 octobre 2026" not in answer


def test_a_day_the_points_were_lost_keeps_naming_the_offence_by_it():
    # "perdu 3 points le 10 mars 2025": the day told is the loss, not a payment; its wording stays (R1)
    text = "j'avais 12 points, j'ai perdu 3 points le 10 mars 2025 et 1 point le 2 octobre 2026, il m'en reste combien ?"
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "(12 points avant l'infraction du 10 mars 2025)" in answer, answer


# --- item 2: "fin juillet" is the month's last day, "début" its 1st, "mi-" its 15th, said ------------------------

def _validated(domain, text: str, new_slots: dict, requested: str):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    tracker = make_tracker(slots={"last_offence_points": 2, "offence_class": "c4", "licence_date": "2024-10-15",
                                  "supervised_driving": False},
                           new_slots=new_slots, form="auto_recovery_form", requested_slot=requested, text=text,
                           entities=parsed(text))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_an_offence_at_the_end_of_a_month_counts_its_last_day_and_says_so(domain):
    # T19 c40: "payé en aout 2026, infraction fin juillet": the offence on 31 July 2026, not the 1st (then named
    # "l'infraction du 1er juillet 2026"); the day counted is said
    text = "payé le 3 aout 2026, infraction fin juillet"
    slots, said = _validated(domain, text, {"fine_payment_date": "2026-08-03", "offence_date": "2026-07"},
                             "fine_payment_date")
    assert slots["offence_date"] == "2026-07-31", slots
    assert "Vous avez indiqué fin juillet 2026 : je compte le 31 juillet 2026." in said, said
    answered = make_tracker(slots={"last_offence_points": 2, "offence_class": "c4", "licence_date": "2024-10-15",
                                   "supervised_driving": False, "fine_payment_date": "2026-08-03",
                                   "offence_date": slots["offence_date"]}, intent="inform")
    _, answer = run(answers.ActionAnswerAutoRecovery(), answered, domain)
    assert "1er juillet" not in answer, answer


@pytest.mark.parametrize("text, month, day, said", [
    # (the prudent end of "début" for a payment, its 10th: the points do not come back earlier; T36 t33c09, h83)
    ("payée début mars 2025", "2025-03", "2025-03-10", "début mars 2025 : je compte le 10 mars 2025"),
    ("payée mi-juin 2026", "2026-06", "2026-06-15", "mi-juin 2026 : je compte le 15 juin 2026"),
    ("payée fin février 2024", "2024-02", "2024-02-29", "fin février 2024 : je compte le 29 février 2024"),
])
def test_a_payment_said_by_its_part_of_the_month_counts_that_day(domain, text, month, day, said):
    slots, told = _validated(domain, text, {"fine_payment_date": month}, "fine_payment_date")
    assert slots["fine_payment_date"] == day, (slots, told)
    assert said in told, told


# --- item 4: a note shared by two answers of one turn is said once ------------------------------------------------

def test_a_note_said_by_the_answer_before_in_the_same_turn_is_not_said_again():
    # T20 c08: the letter's answer, then the offence's, each said "Vous avez indiqué août 2024 pour l'obtention du
    # permis : …" in reply to one message; the second answer leaves it to the first
    note = ("Vous avez indiqué mars 2024 pour l'obtention du permis : j'ai retenu le 31 mars 2024, la date la plus "
            "prudente. Donnez-moi le jour exact pour une réponse précise.")
    slots = {"licence_date": "2024-03", "supervised_driving": False, "complementary_training": False}
    _, alone = run(answers.ActionAnswerProbation(), make_tracker(slots=slots))
    assert note in alone, alone
    earlier = [user_said("permis en mars 2024, je suis encore probatoire ?", "ask_probation"),
               {"event": "action", "name": "action_answer_letter"},
               {"event": "bot", "text": f"Une réponse avant celle-ci.\n\n{note}"}]
    tracker = make_tracker(slots=slots, history=earlier[1:], text=earlier[0]["text"], intent="ask_probation")
    # (the user's message first, then the answer before this one: make_tracker puts the message last)
    tracker.events[:] = [tracker.events[-2], *earlier[1:], tracker.events[-1]]
    _, second = run(answers.ActionAnswerProbation(), tracker)
    assert note not in second and "31 mars 2027" in second, second


# --- item 3: an ended probation known by the licence's month says the day and the AAC it counted --------------------

def test_an_ended_probation_of_a_licence_known_by_its_month_says_what_it_assumed():
    # T19 c08: "non c'etait en mars 2023 le permis pas 2025", AAC not told: "terminée depuis le 31 mars 2026" rested on
    # the month's last day and on no AAC (2 years with it: 31 March 2025), silently; both are said (R5)
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots={"licence_date": "2023-03"}))
    assert "terminée depuis le 31 mars 2026" in answer, answer
    assert "Vous avez indiqué mars 2023 pour l'obtention du permis : j'ai retenu le 31 mars 2023" in answer, answer
    assert "après une conduite accompagnée (AAC), elle s'est terminée le 31 mars 2025" in answer, answer
    # (told to the day and with its AAC, nothing to say)
    _, exact = run(answers.ActionAnswerProbation(),
                   make_tracker(slots={"licence_date": "2023-03-15", "supervised_driving": False}))
    assert "Vous avez indiqué" not in exact and "conduite accompagnée" not in exact, exact
