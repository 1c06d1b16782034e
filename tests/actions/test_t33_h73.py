"""Tester T33 (BOT_TODAY=2026-12-01), items of branch h73: balances just computed or stated, dropped or misread."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import run

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


def rasa_slots(domain, text: str, intent: str):
    """The slots Rasa 3.6 fills from an opening message: the last value of each entity mapped."""
    from tests.actions.test_probation_facts import mapped_slots
    return {k: v[-1] if isinstance(v, list) and k != "offence_type" else v
            for k, v in mapped_slots(domain, text, intent, TODAY).items()}


def validated(validator, tracker, domain):
    """A form's validation run as the server runs it: its messages and the slots it sets."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(validator.run(dispatcher, tracker, domain))
    return ({e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            "\n".join(m.get("text") or "" for m in dispatcher.messages))


# --- c20: probation, 1 point committed before the first anniversary, then 2 points; "je peux faire un stage ?"

C20 = ("Bonjour. Permis obtenu le 10 mars 2025 (pas de conduite accompagnée, pas de formation complémentaire). 1 point "
       "perdu : excès commis le 2 février 2026, payé le 15 février. Puis 2 points : excès de 22 km/h commis le 12 "
       "octobre 2026, payé le 20 octobre. J'ai combien et je peux faire un stage volontaire ?")


def test_the_stage_form_starts_from_the_balance_of_all_the_retraits_told(domain):
    # T33 c20: the answer said 4 of 6 (R5, R7, R8), then the stage form, in the same reply, "votre solde est
    # aujourd'hui de 7 points" (the slots keep the last offence's day with the first one's point: 8 − 1), then
    # "Impossible de répondre : 7 dépasse le plafond de 6" twice; expected 4 → 6 (R12, R14)
    slots = rasa_slots(domain, C20, "ask_probation")
    history = [{"event": "user", "text": C20, "parse_data": {"intent": {"name": "ask_probation"},
                                                             "entities": parsed(C20, TODAY)}}]
    first = run(answers.ActionAnswerProbation(), make_tracker(slots=slots, text=C20, entities=parsed(C20, TODAY),
                                                              intent="ask_probation"), domain)[1]
    assert "4 points sur 6" in first
    tracker = make_tracker(slots={**slots, "probation_offence": True, "offence_class": "c4"}, text=C20,
                           entities=parsed(C20, TODAY), intent="ask_probation", form="stage_eligibility_form",
                           history=history[:0])
    set_now, said = validated(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert "7 points" not in said and set_now.get("current_balance") in (None, 4), (set_now, said)
    assert forms.probation_balance(tracker) == 4
    known = {**slots, "probation_offence": True, "offence_class": "c4", "current_balance": 4,
             "previous_stage_date": "none"}
    reply = run(answers.ActionAnswerStageEligibility(), make_tracker(
        slots=known, text="Non, jamais", intent="deny", history=history), domain)[1]
    assert "dépasse le plafond" not in reply and "7 points" not in reply, reply
    assert "de 4 à 6 points" in reply, reply


# --- c11: alcohol and cannabis, 9 points, composition pénale executed on 2 November 2026, "j'avais 12 points"

C11 = ("Bonjour, j'ai été contrôlé le 5 septembre 2026 positif au cannabis et en plus à l'alcool (0,7 g/l). Composition "
       "pénale exécutée le 2 novembre 2026. Permis depuis 2010, j'avais 12 points. Je perds combien ?")


def c11_chat(domain):
    from tests.actions.test_what_if import Conversation
    slots = {"licence_date": "2010", "current_balance": 12, "fine_payment_date": "2026-11-02",
             "offence_date": "2026-09-05", "offence_type": "alcohol_and_drugs", "balance_unknown": False}
    # (as the server runs it: the slots set from the message, after it)
    chat = Conversation.__new__(Conversation)
    chat.domain, chat.today, chat.slots = domain, TODAY, dict(slots)
    chat.events = [{"event": "user", "text": C11, "parse_data": {"intent": {"name": "ask_offence_points"},
                                                                 "entities": parsed(C11, TODAY)}}] + [
        {"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    chat.reply = chat._answer(answers.ActionAnswerOffencePoints(), make_tracker(
        new_slots=slots, text=C11, entities=parsed(C11, TODAY), intent="ask_offence_points"))
    assert "Avec 12 points avant l'infraction, il vous reste 3 points" in chat.reply
    return chat


def test_the_balance_said_back_from_the_answer_is_not_withdrawn_again(domain):
    # T33 c11: "vous venez de me dire qu'il me reste 3 points" (the answer's own figure) got "Le solde tombe à 0 point
    # (solde calculé : -6) : une lettre 48SI d'invalidation suivra … -6 + 4 = -2": the 9 points withdrawn again from
    # the 3 (R1, R2, R3, R18)
    chat = c11_chat(domain)
    reply = chat.say("comment ça 12 ?? vous venez de me dire qu'il me reste 3 points", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert chat.slots["current_balance"] == 3
    assert "solde calculé" not in reply and "48SI d'invalidation suivra" not in reply and "-6 + 4" not in reply, reply
    assert "de 12 points à 3 points" in reply, reply


# --- c17: "je viens de perdre 3 points (téléphone, payé le 15 novembre 2026), il m'en reste 7"

C17 = ("J'ai fait un stage en mars 2026. Là je viens de perdre 3 points (téléphone au volant, payé le 15 novembre 2026), "
       "il m'en reste 7. Je peux refaire un stage ?")


def test_the_balance_left_by_the_loss_told_is_not_before_a_retrait_to_come(domain):
    # T33 c17: "il m'en reste 7", told with the loss, got "Le retrait de 3 points pas encore enregistré sera déduit après
    # le stage : solde final 4" (and 7 → 11 in the next message): the 7 counts that retrait already (R2, R12, R18)
    history = [{"event": "user", "text": C17, "parse_data": {"intent": {"name": "ask_stage_eligibility"},
                                                             "entities": parsed(C17, TODAY)}},
               {"event": "slot", "name": "current_balance", "value": 7},
               {"event": "slot", "name": "fine_payment_date", "value": "2026-11-15"},
               {"event": "slot", "name": "last_offence_points", "value": 3},
               {"event": "slot", "name": "offence_type", "value": "phone"},
               {"event": "bot", "text": "J'ai besoin du jour exact (mars 2026 ne suffit pas ici, le délai se compte au "
                                        "jour près). Quel jour de mars 2026 ? Par exemple : le 12."}]
    slots = {"current_balance": 7, "previous_stage_date": "2026-03-23", "fine_payment_date": "2026-11-15",
             "last_offence_points": 3, "offence_type": "phone", "balance_unknown": False}
    tracker = make_tracker(slots=slots, text="le 23 mars", entities=parsed("le 23 mars", TODAY), history=history)
    assert answers.pending_retrait(answers.Facts(tracker), answers.today()) == 0
    reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "23 mars 2027" in reply  # R13: one stage a year, date to date
    assert "pas encore enregistré" not in reply and "solde final 4" not in reply, reply


@pytest.mark.parametrize("text, left", [
    ("J'avais 10 points, je viens de perdre 3 points, il m'en reste combien ?", False),
    ("je viens de perdre 3 points mais c'est pas encore enregistré, il me reste 7", False),
    ("j'ai perdu 4 points le mois dernier, il me reste 8 points", True),
])
def test_what_a_loss_left_is_read_only_when_said_so(text, left):
    from actions.answers import _balance_left_by_the_loss_told
    tracker = make_tracker(slots={"current_balance": 7 if "7" in text else 8 if "8 points" in text else 10},
                           text=text, entities=parsed(text, TODAY))
    assert _balance_left_by_the_loss_told(tracker) is left


# --- c15: "J'avais 10 points", a stop paid on 25 November not recorded yet, a stage on 8-9 December; last stage 16 March

C15 = ("J'avais 10 points. J'ai payé une amende pour un stop grillé (4 points) le 25 novembre, c'est pas encore "
       "enregistré sur Mes Points Permis. Si je fais un stage la semaine prochaine, les 8 et 9 décembre, j'aurai combien ?")


def test_the_balance_before_the_offence_counts_the_stage_done_before_it(domain):
    # T33 c15: the stage gives nothing before 16 March 2027 (R13), yet "solde final 8 points" and "12 points ce
    # jour-là": the 10 said before the stop counts the stage of March 2026 already; 10 − 4 = 6 (R12, R18)
    said = [(C15, "ask_stage_eligibility"), ("en 2009", "inform"), ("oui en mars 2026, le 16 et 17 mars", "inform")]
    history = []
    for text, intent in said[:-1]:
        history.append({"event": "user", "text": text, "parse_data": {"intent": {"name": intent},
                                                                      "entities": parsed(text, TODAY)}})
    history += [{"event": "slot", "name": "current_balance", "value": 10},
                {"event": "slot", "name": "offence_date", "value": "2026-11-25"}]
    slots = {"current_balance": 10, "stage_first_day": "2026-12-08", "offence_date": "2026-11-25",
             "offence_type": "stop_sign", "balance_unknown": False, "licence_date": "2009",
             "previous_stage_date": "2026-03-16"}
    text = said[-1][0]
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, TODAY), history=history)
    reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "16 mars 2027" in reply  # R13
    assert "solde final 8" not in reply and "12 points ce jour-là" not in reply, reply
    assert "solde final 6 points" in reply, reply


# --- c19: three offences at one check, 9 capped at 8, "j'avais 12": 4 left; then the stage of 14-15 December

C19 = ("contrôlé le 14 juillet 2026 : 115 retenu sur une route à 80, au téléphone et sans ceinture. tout payé le 30 "
       "juillet. j'avais 12. combien il me reste ??")


def test_the_stage_after_the_balance_answered_starts_from_it(domain):
    # T33 c19 (and c11, c07): "il vous reste 4 points : le retrait a été fait le 30 juillet 2026", then "et pour le
    # stage du 14-15 décembre, j'aurai combien ?" got "Aucun point à gagner : votre solde (12) est déjà au plafond":
    # the stage starts from the 4 the answer computed: 4 → 8 (R1, R3, R12)
    from tests.actions.test_what_if import Conversation
    slots = {"current_balance": 12, "fine_payment_date": "2026-07-30", "offence_date": "2026-07-14",
             "balance_unknown": False}  # (as the server kept them)
    chat = Conversation.__new__(Conversation)
    chat.domain, chat.today, chat.slots = domain, TODAY, dict(slots)
    chat.events = [{"event": "user", "text": C19, "parse_data": {"intent": {"name": "ask_check_balance"},
                                                                 "entities": parsed(C19, TODAY)}}] + [
        {"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    chat.reply = chat._answer(answers.ActionAnswerCheckBalance(), make_tracker(
        new_slots=slots, text=C19, entities=parsed(C19, TODAY), intent="ask_check_balance"))
    assert "il vous reste 4 points" in chat.reply or "de 12 points à 4 points" in chat.reply, chat.reply
    text = "et pour le stage du 14-15 décembre, j'aurai combien ?"
    tracker = chat.tracker(text, "ask_stage_eligibility")
    tracker.slots.update({"stage_first_day": "2026-12-14", "previous_stage_date": "none"})
    reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "déjà au plafond" not in reply, reply
    assert "de 4 à 8 points" in reply, reply


def test_a_voluntary_stage_after_the_court_one_starts_from_the_balance_answered(domain):
    # T33 c11: after "il vous reste 3 points", "et le stage que j'ai fait pour la composition pénale, il me rend des
    # points ? et si j'en fais un volontaire la semaine prochaine ?" got "votre solde (12) est déjà au plafond": 3 → 7
    chat = c11_chat(domain)
    text = ("et le stage que j'ai fait pour la composition pénale, il me rend des points ? et si j'en fais un "
            "volontaire la semaine prochaine ?")
    tracker = chat.tracker(text, "ask_stage_eligibility")
    tracker.slots.update({"stage_first_day": "2026-12-07", "previous_stage_date": None})
    reply = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "cas 3) ne rend pas de points" in reply  # R11
    assert "déjà au plafond" not in reply and "de 3 à 7 points" in reply, reply
