"""Tester T36 (replays on 1 December 2026), items of branch h81: a stage asked about in a story with retraits — a past
stage told is a fact of the history, a stage after a retrait to come starts from the balance after it, a stage dated
after the 48N's answer gets its points (R10, R11, R12, R18)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, mapped_slots, run_messages

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


class Chat(FormConversation):
    """A conversation whose answers' follow-up to the message's other question runs after them, as on the server."""

    def _answer(self, action, tracker) -> str:
        from rasa_sdk import Tracker

        from actions.two_part import ActionAnswerOtherQuestion
        from tests.actions.test_what_if import run_messages
        events, messages = run_messages(action, tracker, self.domain)
        self.events += [{"event": "action", "name": action.name()}, *({"event": "bot", "text": m} for m in messages),
                        *events]
        self.slots.update({e["name"]: e["value"] for e in events if e.get("event") == "slot"})
        if any(e.get("event") == "followup" and e.get("name") == ActionAnswerOtherQuestion.NAME for e in events):
            after = Tracker("test", dict(self.slots), tracker.latest_message, list(self.events), False, None, {},
                            action.name())
            more, said = run_messages(ActionAnswerOtherQuestion(), after, self.domain)
            self.events += [{"event": "action", "name": ActionAnswerOtherQuestion.NAME},
                            *({"event": "bot", "text": m} for m in said), *more]
            self.slots.update({e["name"]: e["value"] for e in more if e.get("event") == "slot"})
            messages += said
        self.events.append({"event": "action", "name": "action_listen"})
        return "\n".join(messages)


# --- t36-t32c17: four old offences (2017 3 pts, 2019, 2022, 2024), the 10-year rule asked, then a stage forgotten

C17 = ("Bonjour, je m'inquiète pour mon permis. J'ai plusieurs infractions : une ligne continue en 2017 (3 pts), un excès "
       "de 25 km/h en 2019, un feu rouge en 2022 et un téléphone en 2024. Je n'ai jamais récupéré. Est-ce que la règle "
       "des 10 ans me rend quelque chose ?")
C17_BALANCE = "et du coup il me reste combien de points aujourd'hui ?"
C17_STAGE = "ah mince jai oublié, j'ai fait un stage en mars 2023, les 14 et 15 mars"
C17_WITH_STAGE = "ben combien il me reste avec le stage"


def c17_chat(domain) -> "Chat":
    slots = mapped_slots(parsed(C17, TODAY), domain)
    chat = Chat(domain, C17, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    reply = chat.say(C17_BALANCE, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "a fait tomber votre solde à 0 point le 31 décembre 2024" in reply, reply
    return chat


def test_c17_the_ten_year_rule_asked_is_answered_beside_the_zero(domain):
    # "Est-ce que la règle des 10 ans me rend quelque chose ?": the 2017 points (3, 4e class) come back 10 years after,
    # on 31 December 2027 (R10), too late for a balance at 0 on 31 December 2024, whose 48SI comes first (R20)
    slots = mapped_slots(parsed(C17, TODAY), domain)
    chat = Chat(domain, C17, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), slots, today=TODAY)
    assert "a fait tomber votre solde à 0 point le 31 décembre 2024" in chat.reply, chat.reply
    assert "La règle des 10 ans ne vous sauve pas : elle ne vous rendrait les 3 points de l'infraction payée le 31 " \
           "décembre 2017 que le 31 décembre 2027" in chat.reply, chat.reply
    # (asked without the rule, the answer is the 0 alone)
    plain = C17.replace(" Est-ce que la règle des 10 ans me rend quelque chose ?", " Il me reste combien ?")
    chat = Chat(domain, plain, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                mapped_slots(parsed(plain, TODAY), domain), today=TODAY)
    assert "0 point le 31 décembre 2024" in chat.reply and "10 ans" not in chat.reply, chat.reply


def test_c17_a_stage_done_told_after_the_balance_is_counted_in_it(domain):
    # "ah mince jai oublié, j'ai fait un stage en mars 2023, les 14 et 15 mars" after the balance of four retraits: a
    # fact of that history, the balance told again with it: 12 − 3 − 2 − 4 = 3, the stage 3 → 7 on 16 March 2023,
    # then the phone: 4 today (R9, R10, R12), not "D'accord. Quelle est votre question ?"
    chat = c17_chat(domain)
    reply = chat.say(C17_STAGE, "inform", corrections.ActionApplyCorrection())
    assert "utter_what_question" not in reply and "Quelle est votre question" not in reply, reply
    assert "Solde aujourd'hui : 4 points" in reply, reply
    assert "Le stage des 14 et 15 mars 2023 vous a rendu 4 points le 16 mars 2023" in reply, reply
    assert "règle des 10 ans" in reply, reply  # (the 2017 points back at the latest on 31 December 2027, R10)
    assert chat.slots["previous_stage_date"] == "2023-03-14"  # the last stage that gave points (R13)


@pytest.mark.parametrize("told_first", [True, False])
def test_c17_the_balance_asked_with_the_stage_done_is_computed_not_asked(domain, told_first):
    # "ben combien il me reste avec le stage": the balance today with that stage, which the history gives (4), not the
    # balance, the licence's year and the stage's first day asked, nor "votre solde (12) est déjà au plafond"
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher
    chat = c17_chat(domain)
    if told_first:
        chat.say(C17_STAGE, "inform", corrections.ActionApplyCorrection())
    else:  # (as the server ran T3: the stage told, no answer)
        chat.events += [{"event": "user", "text": C17_STAGE, "parse_data": {
            "intent": {"name": "inform"}, "entities": parsed(C17_STAGE, TODAY)}},
            {"event": "action", "name": "action_apply_correction"}, {"event": "action", "name": "action_listen"}]
    tracker = chat.tracker(C17_WITH_STAGE, "ask_points_after_stage", form="points_after_stage_form")
    required = asyncio.run(forms.ValidatePointsAfterStageForm().required_slots(
        domain["forms"]["points_after_stage_form"]["required_slots"], CollectingDispatcher(), tracker, domain))
    assert required == [], required
    events = answers.ActionAnswerPointsAfterStage().run(CollectingDispatcher(), chat.tracker(
        C17_WITH_STAGE, "ask_points_after_stage"), domain)
    assert {"event": "followup", "name": "action_answer_check_balance", "timestamp": None} in events, events
    reply = chat.say(C17_WITH_STAGE, "ask_points_after_stage", answers.ActionAnswerCheckBalance())
    # (told first, the balance just given comes back in short)
    assert "olde aujourd'hui : 4 points" in reply and "4 points rendus par un stage" in reply, reply
    assert "déjà au plafond" not in reply, reply


C17_DONE = ("non le stage c'était le 14 mars 2023, je l'ai deja fait. je veux juste savoir mon solde et quand je retrouve "
            "12")


def test_c17_the_count_to_get_back_to_is_not_a_balance_corrected(domain):
    # the server's T5 (the stage's form open, its day asked, after "4 points" and "2009"): "non … quand je retrouve 12"
    # is no correction of the balance to 12 (T36 c17 then got "votre solde (12) est déjà au plafond" beside "Solde
    # aujourd'hui : 4 points")
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from tests.actions.conftest import make_tracker
    chat = c17_chat(domain)
    asked = [("Combien de points vous reste-t-il actuellement ?", "4 points", {"current_balance": 4}),
             ("À quelle date avez-vous obtenu votre permis ?", "2009", {"licence_date": "2009"})]
    chat.events += [{"event": "user", "text": C17_STAGE, "parse_data": {
        "intent": {"name": "inform"}, "entities": parsed(C17_STAGE, TODAY)}}, {"event": "action", "name": "action_listen"},
        {"event": "user", "text": C17_WITH_STAGE, "parse_data": {"intent": {"name": "ask_points_after_stage"},
                                                                  "entities": []}},
        {"event": "active_loop", "name": "points_after_stage_form"}]
    for question, said, slots in asked:
        chat.events += [{"event": "bot", "text": question}, {"event": "action", "name": "action_listen"},
                        {"event": "user", "text": said, "parse_data": {"intent": {"name": "inform"},
                                                                       "entities": parsed(said, TODAY)}},
                        *({"event": "slot", "name": k, "value": v} for k, v in slots.items())]
        chat.slots.update(slots)
    chat.events += [{"event": "bot", "text": "À quelle date commence (ou a commencé) le stage ?"},
                    {"event": "action", "name": "action_listen"}]
    chat.slots.update(previous_stage_date="2023-03-14", balance_unknown=False)
    tracker = make_tracker(slots=chat.slots, new_slots={"stage_first_day": "2023-03-14"}, text=C17_DONE,
                           entities=parsed(C17_DONE, TODAY), intent="ask_check_balance", history=chat.events,
                           form="points_after_stage_form", requested_slot="stage_first_day")
    said = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(said, tracker, domain))
    assert not [e for e in events if e.get("name") == "current_balance"], events
    assert "je corrige" not in " ".join(m.get("text") or "" for m in said.messages)


# --- t36-t33c27: a red light "fin novembre" not paid yet, 12 points, licence 2012; a stage after paying

C27 = ("jai grillé un feu rouge fin novembre, pas encore payé. jai 12 points, permis 2012. je peux faire un stage tout de "
       "suite pour anticiper ? et c combien un stage en moyenne ?")
C27_PRICE_AND_PLAN = ("et le prix du stage ? vous avez pas répondu. et si je paye demain et que je fais le stage dans 2 "
                      "mois, j'aurai combien ?")
C27_PLAN = ("et si je paye demain et que je fais le stage en fevrier, une fois le retrait enregistré, j'aurai combien ?")


def c27_chat(domain) -> FormConversation:
    slots = mapped_slots(parsed(C27, TODAY), domain)
    chat = Chat(domain, C27, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), slots,
                            today=TODAY)
    return chat


def test_c27_the_price_asked_beside_the_stage_is_answered(domain):
    # T1 "je peux faire un stage tout de suite ? et c combien un stage en moyenne ?": the price too (R11)
    chat = c27_chat(domain)
    assert chat.reply.startswith("Mieux vaut attendre que le retrait de 4 points soit enregistré"), chat.reply
    assert "Le prix est fixé librement par chaque centre agréé" in chat.reply, chat.reply


def test_c27_a_stage_after_the_payment_to_come_starts_from_the_balance_after_the_retrait(domain):
    # "si je paye demain et que je fais le stage dans 2 mois, j'aurai combien ?": 12 − 4 = 8 on the stage's first day,
    # then 8 → 12 (R2, R12, R18 example 1), not the advice to wait again
    chat = c27_chat(domain)
    reply = chat.say_in_form(C27_PRICE_AND_PLAN, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert reply.startswith("Le stage vous rendra 4 points"), reply
    assert "de 8 à 12 points" in reply, reply
    assert "Mieux vaut attendre" not in reply and "déjà au plafond" not in reply, reply
    assert "Le retrait de 4 points est déduit avant le stage : si l'amende est payée le 2 décembre 2026, il sera enregistré " \
           "d'ici là ; le stage part donc de 8 points (12 − 4)" in reply, reply
    assert "prix est fixé librement par chaque centre" in reply, reply  # (the price asked first, R11)


@pytest.mark.parametrize("plan", [
    "et si je paye demain et que je fais le stage le 15 fevrier, une fois le retrait enregistré, j'aurai combien ?",
    "si je paye l'amende demain et que je fais un stage les 8 et 9 mars, j'en aurai combien ?",
])
def test_c27_a_dated_stage_after_the_retrait_recorded_goes_from_8_to_12(domain, plan):
    chat = c27_chat(domain)
    reply = chat.say_in_form(plan, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "de 8 à 12 points" in reply and "déjà au plafond" not in reply, reply


def test_c27_a_stage_in_february_after_the_retrait_is_not_said_at_the_ceiling(domain):
    # "… le stage en février, une fois le retrait enregistré, j'aurai combien ?": 12 told before a retrait to come is
    # not the maximum for a stage after it (R18): the form asks the stage's day, not "Aucun point à gagner"
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher
    chat = c27_chat(domain)
    chat.say_in_form(C27_PRICE_AND_PLAN, "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    chat.say("combien coûte un stage de récupération de points ?", "ask_stage_info", answers.ActionAnswerStageInfo())
    tracker = chat.tracker(C27_PLAN, "ask_points_after_stage", form="points_after_stage_form")
    assert not forms.balance_at_maximum(tracker)
    said = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(said, tracker, domain))
    asked = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "requested_slot"]
    assert asked == ["stage_first_day"], events
    assert "Quel jour de février 2027 ?" in said.messages[-1]["text"]


# --- t36-t33c20: probation (10 March 2025), 1 point then 2 points: 4 of 6; no 48N due; then a dated stage

C20 = ("Bonjour. Permis obtenu le 10 mars 2025 (pas de conduite accompagnée, pas de formation complémentaire). 1 point "
       "perdu : excès commis le 2 février 2026, payé le 15 février. Puis 2 points : excès de 22 km/h commis le 12 octobre "
       "2026, payé le 20 octobre. J'ai combien et je peux faire un stage volontaire ?")
C20_48N = "ok. et je dois attendre une lettre 48N ou pas avant de faire le stage ?"
C20_DATED = "ok et si je le fais le 11 et 12 janvier 2027 j'aurai combien ?"


def c20_chat(domain) -> "Chat":
    slots = mapped_slots(parsed(C20, TODAY), domain)
    slots.update(probation_offence=True, offence_class="c4")
    chat = Chat(domain, C20, "ask_probation", answers.ActionAnswerProbation(), slots, today=TODAY)
    return chat


@pytest.mark.parametrize("dated, effect", [
    (C20_DATED, "avec effet au 13 janvier 2027"),
    ("et si je fais le stage le 20 et 21 janvier, ça me rend combien ?", "avec effet au 22 janvier 2027"),
])
def test_c20_a_dated_stage_after_the_48n_answer_gets_its_points(domain, dated, effect):
    # "je dois attendre une 48N ?" answered "Non : aucun stage n'est obligatoire", then "et si je le fais le 11 et 12
    # janvier 2027 j'aurai combien ?": the voluntary stage's points on that day, 4 → 6 (ceiling 6 in probation, R5,
    # R12), not the 48N's answer again
    chat = c20_chat(domain)
    assert chat.reply.startswith("Votre solde est aujourd'hui de 4 points sur 6"), chat.reply
    chat.say_in_form("Non, jamais", "deny", "stage_eligibility_form", forms.ValidateStageEligibilityForm(),
                     answers.ActionAnswerStageEligibility())
    no_48n = chat.say_in_form(C20_48N, "ask_mandatory_stage", "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                              answers.ActionAnswerMandatoryStage())
    assert no_48n.startswith("Non : aucun stage n'est obligatoire"), no_48n
    reply = chat.say_in_form(dated, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    assert "aucun stage n'est obligatoire" not in reply, reply
    assert f"Le stage vous rendra 2 points, {effect} : votre solde passera de 4 à 6 points" in reply, reply
