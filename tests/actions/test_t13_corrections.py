"""T13's corrections (BOT_TODAY=2026-12-01): "C'est noté, je corrige." only for a real change of a known fact (c11,
c16, c28, c30); a balance asked back is confirmed from the retraits told, not taken as the balance (c11); a year
corrected moves the story's dates (c21); a probationary ceiling read for a stage (c32); a balance corrected in
colloquial words (c25). Each with 2–3 wordings of our own."""
from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions import conftest
from tests.actions.conftest import make_tracker
from tests.actions.test_what_if import mapped_slots, run

pytestmark = pytest.mark.usefixtures("first_of_december")
DAY = "2026-12-01"


def parsed(text: str) -> List[dict]:
    return conftest.parsed(text, DAY)


def user(text: str, intent: str = "inform") -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}, "entities": parsed(text)}}


def validate(form, domain, slots: Dict[str, Any], history: List[dict], text: str, intent: str,
             requested: Optional[str] = None, **mapped: Any):
    """A form's validation of the latest message, as the action server runs it (`mapped`: slots the server's
    conditional mappings fill besides): (slots set, what it says)."""
    entities = parsed(text)
    tracker = make_tracker(slots=slots, new_slots={**mapped_slots(entities, domain), **mapped}, text=text,
                           entities=entities,
                           intent=intent, history=history, form=form.form_name(), requested_slot=requested)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(form.run(dispatcher, tracker, domain))
    return ({e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            [m.get("text") or "" for m in dispatcher.messages])


# --- c11: phone and no seatbelt at one check, "j'avais 12"; then "donc il me reste 6 points ? je vais recevoir une
# lettre ?": yes, 6 once established (R1, R2, R3), and the letter that balance brings (R19: 48M at 6 or below [U])

CHECK = ("Bonjour. Hier soir controle de police : telephone a la main ET pas de ceinture. Je perds combien de points "
         "au total ? j'avais 12")


def after_the_offence_answer() -> (Dict[str, Any], List[dict]):
    """The slots and events after the offences' answer, as the conversation left them (that answer forgets its
    offences; the balance told stays)."""
    slots = {"current_balance": 12, "balance_unknown": False, "offence_date": "2026-11-30",
             "offence_type": None, "other_offences": None, "last_question": "action_answer_offence_points"}
    history = [user(CHECK, "ask_offence_points"),
               *({"event": "slot", "name": k, "value": v} for k, v in
                 {"current_balance": 12, "offence_date": "2026-11-30", "offence_type": "phone",
                  "other_offences": ["seatbelt"]}.items()),
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "Téléphone tenu en main, oreillette ou casque : 3 points ; conducteur sans "
                                        "ceinture de sécurité : 3 points. Les retraits s'additionnent : 6 points au "
                                        "total (article L.223-2 du Code de la route)."},
               {"event": "slot", "name": "offence_type", "value": None},
               {"event": "slot", "name": "other_offences", "value": None},
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
               {"event": "action", "name": "action_listen"}]
    return slots, history


ASKED_BACK = ["donc il me reste 6 points ? je vais recevoir une lettre ?",
              "il m'en reste 6 du coup ? je vais recevoir un courrier ?",
              "donc je suis à 6, c'est ça ? je vais recevoir quelle lettre ?"]


@pytest.mark.parametrize("text", ASKED_BACK)
def test_a_balance_asked_back_is_no_correction_and_the_story_gives_the_letter(domain, text):
    slots, history = after_the_offence_answer()
    set_, said = validate(forms.ValidateLetterForm(), domain, slots, history, text, "ask_letter")
    assert "C'est noté, je corrige." not in said
    assert set_.get("current_balance") in (None, 12)  # the balance the retraits are counted from stays
    assert set_.get("requested_slot") is None  # no "Quelle infraction ?": the offences of the answer are known

    entities = parsed(text)
    tracker = make_tracker(slots=slots, new_slots={"current_balance": 6}, text=text, entities=entities,
                           intent="ask_letter", history=history)
    events, reply = run(answers.ActionAnswerLetter(), tracker, domain)
    assert reply.startswith("Oui : il vous restera 6 points."), reply
    assert "votre solde passe de 12 points à 6 points" in reply  # 3 + 3 at one check (R3), once the fine is paid
    assert "lettre 48M" in reply and "sans obligation" in reply  # R19 (practice, to check)
    assert "48SI" not in reply.split("annulerait")[0] and "0 point" not in reply


@pytest.mark.parametrize("text, reply_starts", [
    ("j'avais 12 points, je perds 6, il m'en reste 6 c'est ca ?", "Oui : il vous restera 6 points."),
    ("au départ j'avais 12, j'en perds 6, donc il me reste 6 ?", "Oui : il vous restera 6 points."),
    ("j'avais 12 points, j'en perds 6, il m'en reste 5 non ?", "Non : il vous restera 6 points, pas 5."),
])
def test_the_sum_asked_back_is_checked_not_counted_twice(domain, text, reply_starts):
    # T13 c11: read as a zero-points question, the 6 asked became the balance and the 6 lost were taken off again:
    # "tombe à 0 point" and a 48SI
    slots, history = after_the_offence_answer()
    entities = parsed(text)
    new = mapped_slots(entities, domain)
    new["current_balance"] = [e["value"] for e in entities if e.get("role") == "balance"][-1]  # (Rasa: the last)
    tracker = make_tracker(slots=slots, new_slots=new, text=text, entities=entities, intent="ask_zero_points",
                           history=history)
    events, reply = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert {"event": "slot", "name": "current_balance", "value": 12, "timestamp": None} in events
    assert any(e.get("name") == "action_answer_check_balance" for e in events if e.get("event") == "followup")
    tracker.slots["current_balance"] = 12
    _, reply = run(answers.ActionAnswerCheckBalance(), tracker, domain)
    assert reply.startswith(reply_starts), reply
    assert "votre solde passe de 12 points à 6 points" in reply and "48SI d'invalidation suivra" not in reply


def test_a_balance_asked_back_with_none_known_is_still_kept():
    # T7 c27's "donc jsuis a 12 là ?" after a recovery told without a balance: the only balance there is
    text = "donc jsuis a 12 la ?"
    tracker = make_tracker(slots={}, new_slots={"current_balance": 12}, text=text, entities=parsed(text),
                           history=[user("excès de 15 km/h payé le 12 mars 2026, je récupère quand ?")])
    assert forms.balance_told_besides_asked(tracker) is None


# --- c16, c28, c30: no "je corrige" for a balance before the retraits told, a date made precise, a day asked about

def test_the_balance_before_the_retrait_told_is_no_correction_of_todays(domain):
    # c16: "il me reste 0 point…", then "javais 2 points et j'ai grillé un feu rouge, amende payée le 20 novembre"
    first = "il me reste 0 point mais jai pas encore recu de lettre, je peux faire un stage pour sauver mon permis ?"
    history = [user(first, "ask_zero_points"), {"event": "slot", "name": "current_balance", "value": 0},
               {"event": "action", "name": "action_answer_zero_points"}, {"event": "bot", "text": "À 0 point, …"},
               {"event": "action", "name": "action_listen"}]
    for text in ["javais 2 points et j'ai grillé un feu rouge, amende payée le 20 novembre",
                 "avant j'avais 3 points, j'ai pris un stop payé le 25 novembre"]:
        _, said = validate(forms.ValidateOffencePointsForm(), domain, {"current_balance": 0}, history, text,
                           "ask_offence_points")
        assert "C'est noté, je corrige." not in said, text


@pytest.mark.parametrize("text", ["Elle a 5 points pour info. Combien elle aura apres un stage les 14-15 decembre 2026 ?",
                                  "et avec un stage le 14 et 15 décembre 2026, elle aura combien ?"])
def test_a_day_that_makes_a_month_precise_is_no_correction(domain, text):
    # c28: a stage "en décembre 2026", then its days (R12)
    slots = {"previous_stage_date": "2025-10-08", "stage_first_day": "2026-12",
             "last_question": "action_answer_stage_eligibility"}
    history = [user("Une cliente a fait un stage le 8 et 9 octobre 2025, elle veut en refaire un en décembre 2026",
                    "ask_stage_eligibility"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items()),
               {"event": "action", "name": "action_listen"}]
    set_, said = validate(forms.ValidatePointsAfterStageForm(), domain, slots, history, text, "ask_points_after_stage",
                          stage_first_day="2026-12-14")
    assert "C'est noté, je corrige." not in said
    assert set_.get("stage_first_day") == "2026-12-14"


@pytest.mark.parametrize("text", ["cool et je peux le faire quand je veux alors ? meme demain ?",
                                  "et je peux le commencer demain ?"])
def test_another_day_asked_about_for_the_stage_is_no_correction(domain, text):
    slots = {"previous_stage_date": "2025-04-30", "stage_first_day": "2026-12-14", "current_balance": 6,
             "last_question": "action_answer_stage_eligibility"}
    history = [user("j'ai fait un stage en avril 2025, il me reste 6 points, je peux en faire un le 14 décembre ?",
                    "ask_stage_eligibility"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items()),
               {"event": "action", "name": "action_listen"}]
    _, said = validate(forms.ValidateStageEligibilityForm(), domain, slots, history, text, "ask_stage_eligibility")
    assert "C'est noté, je corrige." not in said


def test_a_balance_really_changed_is_still_said_corrected(domain):
    # the e2e's "en fait il me reste 5 points" while the stage's day is asked: a real change of a known fact
    slots = {"current_balance": 10, "licence_date": "2010", "previous_stage_date": "none"}
    history = [user("j'ai 10 points, permis 2010, si je fais un stage j'aurai combien ?", "ask_points_after_stage"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items()),
               {"event": "action", "name": "action_listen"}]
    _, said = validate(forms.ValidatePointsAfterStageForm(), domain, slots, history, "en fait il me reste 5 points",
                       "inform", requested="stage_first_day")
    assert "C'est noté, je corrige." in said


# --- c25: "j'ai 15 points" refused (R1: 12 at most), then "bon en vrai j'en ai 12": that balance, read

def after_15_points_refused():
    first = "j'ai 15 points sur mon permis, je peux faire un stage pour en avoir plus ?"
    history = [user(first, "ask_stage_eligibility"), {"event": "slot", "name": "current_balance", "value": 15},
               {"event": "action", "name": "stage_eligibility_form"},
               {"event": "slot", "name": "current_balance", "value": None},
               {"event": "bot", "text": "Un permis compte au plus 12 points : 15 n'est pas possible."},
               {"event": "slot", "name": "requested_slot", "value": "previous_stage_date"},
               {"event": "action", "name": "action_listen"}]
    return {"current_balance": None}, history


@pytest.mark.parametrize("text", ["bon en vrai j'en ai 12", "ok j'en ai 12 en fait", "plutôt 12", "non 12 en fait"])
def test_a_balance_corrected_in_colloquial_words_is_read(domain, text):
    slots, history = after_15_points_refused()
    set_, said = validate(forms.ValidateStageEligibilityForm(), domain, slots, history, text, "inform",
                          requested="previous_stage_date")
    assert set_.get("current_balance") == 12, (set_, said)
    assert not any("pas compris" in m for m in said)


@pytest.mark.parametrize("text", ["bon en vrai j'en ai 12", "ok j'en ai 12 en fait", "plutôt 12"])
def test_a_count_alone_without_a_balance_said_before_is_not_taken(domain, text):
    # (the word that corrects needs a balance told before it: a count alone otherwise says nothing of what it counts)
    history = [user("je peux refaire un stage ?", "ask_stage_eligibility"),
               {"event": "slot", "name": "requested_slot", "value": "previous_stage_date"},
               {"event": "action", "name": "action_listen"}]
    set_, _ = validate(forms.ValidateStageEligibilityForm(), domain, {}, history, text, "inform",
                       requested="previous_stage_date")
    assert set_.get("current_balance") is None


# --- c21: a stop on 10/03/2025 paid 20/03/2025, then "non c'était en 2023": both dates move to 2023, one offence;
# 4e class, 3 years from the payment (R9): back to 12 since 20 March 2026

STOP = "Bonjour, j'ai grillé un stop le 10 mars 2025, payé l'amende le 20 mars 2025. Quand je recupere mes points ?"
STOP_SLOTS = {"fine_payment_date": "2025-03-20", "offence_date": "2025-03-10", "offence_type": "stop_sign",
              "last_offence_points": 4, "offence_class": "c4"}


@pytest.mark.parametrize("text", ["ah non pardon c'était en 2023 pas 2025, le stop et le paiement",
                                  "non c'était en 2023", "pardon, 2023 et pas 2025"])
def test_a_year_corrected_moves_the_offence_and_its_payment(domain, text):
    from actions import corrections
    from actions.offence_history import told_retraits
    from tests.actions.test_t7_facts_read import Chat
    chat = Chat(domain, STOP, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), dict(STOP_SLOTS))
    assert "20 mars 2028" in chat.reply
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("C'est noté, je refais le calcul."), reply
    assert "Votre permis a retrouvé son maximum de points le 20 mars 2026" in reply, reply
    assert "2025" not in reply and "2028" not in reply
    assert chat.slots["offence_date"] == "2023-03-10" and chat.slots["fine_payment_date"] == "2023-03-20"
    # told again with its days: still one offence, in 2023 (T13 c21 counted a 2025 stop beside it)
    again = "jai dit 2023 ! stop le 10 mars 2023 payé le 20 mars 2023"
    reply = chat.say(again, "inform", corrections.ActionApplyCorrection())
    assert "2025" not in reply and "a retrouvé son maximum de points le 20 mars 2026" in reply, reply
    tracker = chat.tracker("ok", "inform")
    assert [(r.said_date, r.committed_date) for r in told_retraits(tracker)] == [("2023-03-20", "2023-03-10")]


# --- c32: licence June 2024, 1 point lost in February 2025 (paid), "il me reste 5, si je fais un stage ?": the
# licence is read; an offence in the first year freezes the ceiling at 6 (R5, R7); the 5 told is kept and the 6 the
# facts give is said beside it, with why (R8: a single point comes back 6 months after the payment)

@pytest.mark.parametrize("text", [
    "permis en juin 2024 jai perdu 1 point en fevrier 2025 (paye le 15 fev), il me reste 5, si je fais un stage ?",
    "bonjour permis en juin 2024, perdu 1 point en février 2025, il me reste 5 points, un stage me rend combien ?",
])
def test_the_licence_opening_the_message_is_read(text):
    assert ("date", "licence", "2024-06") in [(e["entity"], e.get("role"), e["value"]) for e in parsed(text)]


def test_the_balance_told_now_is_kept_and_the_computed_one_said_beside_it(domain):
    text = "permis en juin 2024 jai perdu 1 point en fevrier 2025 (paye le 15 fev 2025), il me reste 5, si je fais un stage ?"
    slots = {"licence_date": "2024-06", "supervised_driving": False, "current_balance": 5, "last_offence_points": 1,
             "offence_date": "2025-02", "fine_payment_date": "2025-02-15", "previous_stage_date": "none",
             "balance_unknown": False}
    history = [user(text, "ask_stage_eligibility"),
               *({"event": "slot", "name": k, "value": v} for k, v in slots.items()),
               {"event": "action", "name": "action_listen"}]
    set_, said = validate(forms.ValidateStageEligibilityForm(), domain, slots, history, "non", "deny",
                          requested="supervised_driving")
    assert set_.get("current_balance") in (None, 5), set_
    note = next((m for m in said if m.startswith("Vous m'indiquez 5 points")), None)
    assert note is not None, said
    assert "serait plutôt de 6 points" in note and "6 mois après le paiement" in note and "L.223-6" in note
    tracker = make_tracker(slots={**slots, "requested_slot": None}, text="non", entities=[], intent="deny",
                           history=history)
    _, reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)
    # the ceiling stays 6: the offence of February 2025 came in the first year of probation (R7)
    assert "plafond 12" not in reply and "supposé 12" not in reply, reply
    assert "de 5 à 6 points" in reply or "1 point" in reply, reply
