"""Testers T41–T43 (replays on 1 December 2026), items of branch h94: the 48N, its 4-month deadline, the stages to
come or done (R13–R17)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.conversation import mapped_slots, opened, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t42-c05: probationary pupil, stop on 12 November 2026 paid on the 20th; "si elle reçoit la 48N le 15 décembre"

C05_FACTS = dict(licence_date="2025-06-03", supervised_driving=False, offence_date="2026-11-12",
                 fine_payment_date="2026-11-20", offence_type="stop_sign", last_offence_points=4, offence_class="c4",
                 probation_offence=True)
C05 = "si elle reçoit la 48N le 15 décembre elle a jusqu'à quand pour faire le stage ? et elle récupère combien ?"


@pytest.mark.parametrize("text", [
    C05,
    "si je reçois la 48N le 15 décembre, j'ai jusqu'à quand ?",
])
def test_a_48n_supposed_on_a_day_to_come_is_the_next_one(text):
    # t42-c05: "elle a jusqu'à quand" read as a verb of the past ("a jusqu…"), so the 48N supposed on 15 December
    # was put on 15 December 2025, and the deadline "expired on 15 April 2026" (R15: 15 April 2027)
    dates = [e for e in parsed(text, TODAY) if e["entity"] == "date"]
    assert [(e["value"], e.get("role")) for e in dates] == [("2026-12-15", "letter_48n")]


def test_the_deadline_of_a_48n_to_come(domain):
    chat = opened(domain, C05, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY, **C05_FACTS)
    assert "15 avril 2027" in chat.reply, chat.reply
    assert "expiré" not in chat.reply and "2026" not in chat.reply.split("15 avril")[0][-5:]


# --- t42-c20: 48N received yesterday, a voluntary stage on 16–17 June 2026, the compulsory one "sûrement mi-janvier"

def in_form(domain, slots, text, intent, form, validator, requested=None, history=(), mapped=None):
    """The form's validation of a message (the slots Rasa maps, or `mapped` for a form's own requested slot), then
    the slots and events after it."""
    entities = parsed(text, TODAY)
    new = {**mapped_slots(entities, domain, intent), **(mapped or {})}
    tracker = make_tracker(slots=slots, new_slots=new, text=text, entities=entities, intent=intent, form=form,
                           requested_slot=requested, history=list(history))
    events, messages = run_messages(validator, tracker, domain)
    set_ = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return {**tracker.slots, **set_}, tracker.events + [{"event": "bot", "text": m} for m in messages] + [
        e for e in events if e.get("event") == "slot"]


def answered(domain, slots, history, text, intent, action):
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, TODAY), intent=intent, history=history)
    events, messages = run_messages(action, tracker, domain)
    slots = {**slots, "requested_slot": None, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    return "\n".join(messages), slots, tracker.events + [{"event": "bot", "text": m} for m in messages] + events


C20_1 = ("Bonjour j'ai reçu ma lettre 48N hier. Permis obtenu il y a 2 ans et demi. J'avais déjà fait un stage volontaire "
         "en juin cette année (les 16-17 juin) pour une autre infraction de 2 points. Le stage obligatoire va me rendre "
         "des points ? Et on me rembourse l'amende ?")
C20_2 = ("le stage de juin c'était les 16 et 17 juin 2026, je vous l'ai dit. le stage obligatoire je sais pas encore, "
         "sûrement mi-janvier")
C20_3 = "NON le stage d'avant c'était le 16 et 17 JUIN 2026. le prochain ce sera vers le 15 janvier 2027. il me rend des points ou pas ?"


@pytest.mark.parametrize("text, expected", [
    (C20_2, [("2026-06-16", "stage"), ("2027-01", None)]),
    (C20_3, [("2026-06-16", "stage"), ("2027-01-15", "stage")]),
    ("le stage c'était le 3 mars", [("2026-03-03", "stage")]),
])
def test_a_stage_named_by_its_month_or_rank_and_a_day_not_known_yet(text, expected):
    # t42-c20: "le stage de juin c'était les 16 et 17 juin" had no role; "je sais pas encore, sûrement mi-janvier" (the
    # compulsory stage to come) was January 2026
    assert [(e["value"], e.get("role")) for e in parsed(text, TODAY) if e["entity"] == "date"] == expected


def test_the_last_stage_told_to_the_day_replaces_its_month_end(domain):
    # t42-c20: R17: the compulsory stage in mid-January 2027 gives no points (next from 16 June 2027), the fine is
    # refunded, deadline 30 March 2027. The bot took "mi-janvier" for the last stage (31 January 2026) and kept it.
    slots, events = in_form(domain, {}, C20_1, "ask_refund_48n", "refund_48n_form", forms.ValidateRefund48nForm())
    assert slots["previous_stage_date"] == "2026-06-30" and slots["requested_slot"] == "stage_first_day"
    slots, events = in_form(domain, slots, C20_2, "nlu_fallback", "refund_48n_form", forms.ValidateRefund48nForm(),
                            requested="stage_first_day", history=events, mapped={"stage_first_day": "2027-01"})
    assert slots["previous_stage_date"] == "2026-06-16"
    reply, slots, events = answered(domain, slots, events, C20_2, "nlu_fallback", answers.ActionAnswerRefund48n())
    assert "dernier stage avec points date du 16 juin 2026" in reply and "pas avant le 16 juin 2027" in reply, reply
    assert "30 mars 2027" in reply and "janvier 2026" not in reply
    slots, events = in_form(domain, slots, C20_3, "ask_stage_eligibility", "stage_eligibility_form",
                            forms.ValidateStageEligibilityForm(), history=events)
    assert (slots["previous_stage_date"], slots["stage_first_day"]) == ("2026-06-16", "2027-01-15")
    reply, _, _ = answered(domain, slots, events, C20_3, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "Ce stage ne rend pas de points" in reply and "16 juin 2027" in reply, reply
    assert "remboursée" in reply and "janvier 2026" not in reply


# --- t41-c35: 48N received 14 October 2026, a voluntary stage on 2–3 June 2026; the compulsory one "en juin 2027 ?"

C35_1 = ("Bonjour ! Ma fille a eu une 48N en octobre (reçue le 14/10/2026) mais elle avait déjà fait un stage volontaire "
         "le 2 et 3 juin 2026. Elle doit quand même faire le stage obligatoire ?")
C35_3 = "je parle du stage obligatoire : elle peut le faire en juin 2027 pour avoir les points ?"


def test_a_compulsory_stage_in_a_month_past_the_deadline_is_a_plain_no(domain):
    # t41-c35: R15, R17 example 2: waiting for June (points again from 2 June 2027) is not allowed, the deadline (14
    # February 2027) comes first; the bot waited for the day of June and said the deadline's block again, no "non"
    slots, events = in_form(domain, {}, C35_1, "ask_mandatory_stage", "mandatory_stage_form",
                            forms.ValidateMandatoryStageForm())
    reply, slots, events = answered(domain, slots, events, C35_1, "ask_mandatory_stage",
                                    answers.ActionAnswerMandatoryStage())
    assert "pas avant le 2 juin 2027" in reply and "14 février 2027" in reply
    slots, events = in_form(domain, slots, C35_3, "ask_mandatory_stage", "mandatory_stage_form",
                            forms.ValidateMandatoryStageForm(), history=events)
    assert slots["date_awaiting_precision"] == "stage_first_day=2027-06"
    reply, _, _ = answered(domain, slots, events, C35_3, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Non : le stage se terminera"), reply
    assert "après la date limite du 14 février 2027" in reply and "l'amende n'est pas remboursée" in reply
    assert "juin 2027 pour le stage : quel que soit le jour" in reply


# --- t41-c26: "j'ai jamais fait de stage" and a lettre 48 received last month (R13, R14)

C26_2 = "ok. jai recu une 48 le mois dernier, il me reste 8 points et j'ai jamais fait de stage, je peux en faire un ?"


@pytest.mark.parametrize("text, never", [
    (C26_2, True),
    ("elle a jamais fait de stage, elle peut en faire un ?", True),
    ("si je n'ai pas fait de stage, je peux en faire un ?", False),
])
def test_no_stage_ever_told_before_a_plan(text, never):
    # t41-c26: the plan after it ("je peux en faire un ?") hid the fact: no previous_stage read
    assert any(e["entity"] == "previous_stage" and e["value"] is False for e in parsed(text, TODAY)) is never


def test_a_letters_month_is_not_taken_for_a_stage_never_done(domain):
    # t41-c26: the letter's month was asked to the day as the last stage's, then "pas de points avant le 5 novembre
    # 2027" (R13 misapplied); never a stage: 8 → 12 now (R12, R14)
    slots, events = in_form(domain, {"letter_code": "48"}, C26_2, "ask_stage_eligibility", "stage_eligibility_form",
                            forms.ValidateStageEligibilityForm())
    assert slots["previous_stage_date"] == "none" and slots["requested_slot"] is None
    reply, _, _ = answered(domain, slots, events, C26_2, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert "dès maintenant" in reply and "de 8 à 12 points" in reply, reply
    assert "2027" not in reply


# --- t42-c17: probation, seatbelt 2 March 2025 paid on the 10th, a voluntary stage on 14–15 April 2025 (8/8 today)

C17_1 = ("coucou 🙂 ma fille a eu son permis le 28 février 2024, elle a pas fait de conduite accompagnée. elle a eu une "
         "amende pour ceinture le 2 mars 2025 (payée le 10 mars 2025). elle a fait un stage volontaire le 14 et 15 avril "
         "2025. combien de points maintenant ?")
C17_2 = "ah ok. et si elle refait un stage en mars 2026 ça lui sert à quelque chose ?"


def test_another_stage_supposed_is_not_the_last_one_done(domain):
    # t42-c17: "si elle refait un stage en mars 2026" became the last stage done (its day asked, then "points only from
    # 10 March 2027" and "wait for the 48N" about an offence of 2025). R13: the stage supposed is the one asked about,
    # the last one stays 14 April 2025, so no points before 14 April 2026
    slots, events = in_form(domain, {}, C17_1, "ask_probation", "probation_form", forms.ValidateProbationForm())
    reply, slots, events = answered(domain, slots, events, C17_1, "ask_probation", answers.ActionAnswerProbation())
    assert reply.startswith("Son solde est aujourd'hui de 8 points sur 8")
    slots, events = in_form(domain, slots, C17_2, "ask_stage_eligibility", "stage_eligibility_form",
                            forms.ValidateStageEligibilityForm(), history=events)
    assert (slots["previous_stage_date"], slots["stage_first_day"]) == ("2025-04-14", "2026-03")
    assert slots["requested_slot"] is None
    reply, _, _ = answered(domain, slots, events, C17_2, "ask_stage_eligibility", answers.ActionAnswerStageEligibility())
    assert reply.startswith("Aucun point") and "14 avril 2025" in reply and "14 avril 2026" in reply, reply
    assert "attendez la lettre 48N" not in reply.lower() and "2027" not in reply


# --- t43-c06: probation, stop on 10 November 2026 not paid, the 48N's date asked, "elle l'a pas encore reçue"

def test_a_48n_not_received_yet_is_not_asked_again(domain):
    # t43-c06: after "D'accord, la lettre 48N n'est pas encore arrivée …", "À quelle date a-t-elle reçu la lettre 48N ?"
    # again (a loop); R15: no deadline runs before the receipt, the answer comes without the date
    slots = dict(licence_date="2025-02-03", supervised_driving=False, offence_date="2026-11-10",
                 fine_payment_date="not_paid", probation_offence=True, last_offence_points=4, offence_class="c4",
                 offence_type="stop_sign", last_question="action_answer_probation")
    asked = "mais elle va payer l'amende du stop demain, donc elle sera à 4, non ?"
    slots, events = in_form(domain, slots, asked, "ask_refund_48n", "refund_48n_form", forms.ValidateRefund48nForm())
    assert slots["requested_slot"] == "letter_48n_date"
    not_yet = "elle l'a pas encore reçue, l'amende est même pas encore payée"
    slots, events = in_form(domain, slots, not_yet, "deny", "refund_48n_form", forms.ValidateRefund48nForm(),
                            requested="letter_48n_date", history=events)
    assert slots["requested_slot"] is None
    reply, _, _ = answered(domain, slots, events, not_yet, "deny", answers.ActionAnswerRefund48n())
    assert "À quelle date" not in reply and "recouvrement est arrêté" in reply, reply
