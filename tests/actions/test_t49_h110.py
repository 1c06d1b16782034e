"""Tester T49 (replay of T48 on 1 December 2026), the items of helper h110: c17 (a stage before the judgment saves the
licence too, R18), c05 (the licence's month told in the first message, R5, R7, R15), c19 (a payment's year that is
enough, R9), c29 (the stage's days told at the first message, R12)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

C17_FIRST = ("Bonjour, je suis suspendu 3 mois depuis le 15 novembre (alcool 0,9 g). Est-ce que je peux faire un stage "
             "pendant la suspension pour récupérer des points ? Il me reste 6 points je crois.")


def test_c17_a_stage_done_before_the_judgment_saves_the_licence_too(domain):
    # 6 points, a 6-point délit not yet judged: the retrait comes once the conviction is final (R2); a stage done now
    # is credited first (6 → 10) and the retrait taken afterwards (4): said with the stage after the decision (R18)
    c = opened(domain, C17_FIRST, "ask_suspension", answers.ActionAnswerSuspension(), today=TODAY)
    reply = c.say("en fait j'avais 6 points avant l'alcool. pas encore jugé, audience en janvier", "inform",
                  corrections.ActionApplyCorrection())
    assert "Le solde tombe à 0 point" in reply
    assert "Un stage fait dès maintenant, tant que l'infraction n'est pas établie" in reply, reply
    assert "solde de 10 points" in reply and "solde final 4 points" in reply
    assert "Un seul stage par an rend des points" in reply


C05_FIRST = ("Bonjour, mon fils de 19 ans a son permis depuis mars 2025, il s'est fait contrôler à 0,3 g/l d'alcool dans "
             "le sang samedi dernier. Il va perdre combien de points et est-ce qu'il garde son permis ?")


def test_c05_the_licence_s_month_of_the_first_message_gives_the_ceiling_of_its_2nd_year(domain):
    # licence in March 2025, offence on 28 November 2026: 2nd year, ceiling 8 (R5); 8 − 6 = 2 once established, a 48N
    # (R15), and no "toujours le cas en première année" warning of a 48SI (R20)
    c = opened(domain, C05_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(), today=TODAY)
    assert "retrait de 6 points" in c.reply and "lettre 48N" in c.reply
    assert "première année" not in c.reply, c.reply
    assert "plafond du permis probatoire ce jour-là : 8 points" in c.reply
    assert "Il lui restera 2 points une fois le retrait fait" in c.reply


def test_c05_in_the_first_year_the_48si_is_said(domain):
    # the same offence for a licence of June 2026: 6 points at most in the 1st year, the retrait takes them all (R3, R20)
    c = opened(domain, C05_FIRST.replace("mars 2025", "juin 2026"), "ask_offence_points",
               answers.ActionAnswerOffencePoints(), today=TODAY)
    assert "le fait tomber à 0 point" in c.reply and "lettre 48SI" in c.reply, c.reply
    assert "Il lui restera" not in c.reply


C19_FIRST = ("Bonjour, mon père a 72 ans et a perdu 4 points pour un cédez-le-passage en 2019. Depuis il n'a rien eu. "
             "Est-ce qu'il a récupéré ses points ?")


def test_c19_a_payment_s_year_enough_is_kept_with_its_latest_day_said(domain):
    # paid "en 2019": 3 years (4th class, R9) from any day of 2019 end by 31 December 2022, past: the day is not asked,
    # the latest day counted and said so (issue: "answer with the safe date and say so")
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed, user_said
    text = "aucune idée, il a payé assez vite je crois, en 2019 en tout cas"
    known = {"last_offence_points": 4, "offence_date": "2019"}
    history = [user_said(C19_FIRST, "ask_auto_recovery"), {"event": "active_loop", "name": "auto_recovery_form"},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items()),
               {"event": "slot", "name": "requested_slot", "value": "fine_payment_date"}]
    tracker = make_tracker(slots=known, new_slots={"fine_payment_date": "2019"}, intent="inform", text=text,
                           entities=parsed(text, TODAY), form="auto_recovery_form", requested_slot="fine_payment_date",
                           history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    said = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert slots.get("fine_payment_date") == "2019", (slots, said)
    assert "besoin du jour exact" not in said and "je compte le 31 décembre 2019, le jour le plus tardif possible" in said
    dispatcher = CollectingDispatcher()
    answers.ActionAnswerAutoRecovery().run(dispatcher, make_tracker(
        slots={**known, "fine_payment_date": "2019"}, intent="inform", text=text, history=history), domain)
    assert "31 décembre 2022" in "\n".join(m.get("text") or "" for m in dispatcher.messages)


def test_c19_a_payment_s_month_whose_day_changes_the_answer_is_still_asked(domain):
    # paid in November 2023 (3 years): back on a day of November 2026 or after today, 1 December... the day counts
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed, user_said
    story = "j'ai perdu 4 points pour un feu rouge en novembre 2023, je les ai récupérés ?"
    text = "en décembre 2023"
    known = {"last_offence_points": 4, "offence_date": "2023-11"}
    history = [user_said(story, "ask_auto_recovery"), {"event": "active_loop", "name": "auto_recovery_form"},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items()),
               {"event": "slot", "name": "requested_slot", "value": "fine_payment_date"}]
    tracker = make_tracker(slots=known, new_slots={"fine_payment_date": "2023-12"}, intent="inform", text=text,
                           entities=parsed(text, TODAY), form="auto_recovery_form", requested_slot="fine_payment_date",
                           history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateAutoRecoveryForm().run(dispatcher, tracker, domain))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots.get("fine_payment_date") is None, slots


C29_FIRST = ("Bonjour, je voulais savoir : mon stage est prévu les 10 et 11 décembre, je dois apporter quoi ? Et si je "
             "suis malade le 2e jour je perds tout ?")


def _points_after_stage_validated(domain, first: str):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    text = "ok. j'ai 8 points, permis depuis 2010, pas de stage avant. j'aurai combien après et à partir de quand ?"
    history = [{"event": "user", "text": first, "parse_data": {"intent": {"name": "ask_stage_info"},
                                                               "entities": parsed(first, TODAY)}},
               {"event": "action", "name": "action_answer_stage_info"}, {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(new_slots={"current_balance": 8, "licence_date": "2010", "previous_stage_date": False},
                           intent="ask_points_after_stage", text=text, entities=parsed(text, TODAY),
                           form="points_after_stage_form", history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_c29_the_stage_days_of_the_first_message_are_not_asked_again(domain):
    # "les 10 et 11 décembre" on 1 December 2026: the stage of 10-11 December 2026, its points on the 12th (R12)
    assert _points_after_stage_validated(domain, C29_FIRST).get("stage_first_day") == "2026-12-10"


def test_c29_a_stage_told_done_earlier_is_not_the_stage_asked(domain):
    done = "j'ai fait un stage les 10 et 11 décembre l'an dernier, je dois garder l'attestation ?"
    assert _points_after_stage_validated(domain, done).get("stage_first_day") is None
