"""The form's question for each slot, asked once per turn.

A validator that refuses an answer often re-asks itself, more precisely than the form would
("Quel jour de janvier 2026 ?" after "en janvier"); it then sets `reasked_slot`. Rasa's form asks
the next slot anyway, through `action_ask_<slot>` when the domain has one: these actions say the
domain's `utter_ask_<slot>` only when the validator has not already asked, so the user never gets
two questions at once.
"""
from __future__ import annotations

import abc
from datetime import date
from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import reasked_marker
from actions.slot_values import InvalidAnswer, PartialDate, stage_date
from actions.third_person import said_of_the_subject, subject_person
from bot.reference_date import today

# The slots the forms ask for, each with its `utter_ask_<slot>` in domain.yml.
ASKED_SLOTS = (
    "licence_date", "supervised_driving", "complementary_training", "training_date", "current_balance",
    "stage_first_day", "previous_stage_date", "letter_48n_date", "fine_payment_date", "probation_offence",
    "offence_date", "last_offence_points", "offence_class", "offence_type", "speed_limit", "speed_excess",
    "letter_code",
)


class AskSlot(Action, abc.ABC):
    """action_ask_<slot>: the form's question, unless the validator already re-asked it this turn."""

    slot: Text = ""

    @abc.abstractmethod
    def name(self) -> Text:
        """action_ask_<slot>."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        if tracker.get_slot("reasked_slot") != reasked_marker(self.slot, tracker):
            self.ask(dispatcher, tracker, domain)
        return [SlotSet("reasked_slot", None)]

    def ask(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> None:
        """Say the question: the case's own wording, or the domain's; of the person the conversation is about."""
        own = self.question_of_the_case(tracker)
        if own is None and subject_person(tracker) is not None:
            own = _domain_question(domain, self.slot)
        if own is not None:
            # "mon fils a eu son permis en mars 2025…": the questions are about him, as the answers are
            dispatcher.utter_message(**{**own, "text": said_of_the_subject(tracker, own.get("text"))})
        else:
            dispatcher.utter_message(response=f"utter_ask_{self.slot}")

    def question_of_the_case(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        """The question in other words where the facts already told change it; None: the domain's."""
        return None


def _domain_question(domain: Dict[str, Any], slot: str) -> Optional[Dict[str, Any]]:
    """The domain's question for the slot (its first wording, with its buttons); None when the domain has none."""
    variants = ((domain or {}).get("responses") or {}).get(f"utter_ask_{slot}") or []
    first = variants[0] if variants else None
    return {key: first[key] for key in ("text", "buttons") if first.get(key)} if first and first.get("text") else None


def _stage_told(tracker: Tracker) -> Optional[date]:
    """The first day of the stage the question is about, when told."""
    try:
        return PartialDate.parse(tracker.get_slot("stage_first_day")).earliest()
    except InvalidAnswer:  # (not told: None)
        return None


class AskSlot_current_balance(AskSlot):
    slot = "current_balance"

    def name(self) -> Text:
        return "action_ask_current_balance"

    def question_of_the_case(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        # "j'ai fait un stage le 14 et 15 novembre, j'en ai combien ?": "actuellement" would be after the stage,
        # and the answer adds the stage to it (tester T1 c01)
        first = _stage_told(tracker)
        if tracker.active_loop_name == "points_after_stage_form" and first is not None and first <= today():
            return {"text": "Combien de points aviez-vous juste avant ce stage ? (si vous ne savez pas, dites « je ne "
                            "sais pas »)", "buttons": [{"title": "Je ne sais pas", "payload": "/dont_know"}]}
        proposed = balance_if_full_before(tracker)
        if proposed is None:
            return None
        computed, before = proposed
        # the retraits told give a balance if the licence had its ceiling before them (12, or a probationary
        # licence's ceiling on the day of its first offence, R5, R7): offered, not assumed
        return {"text": f"Combien de points vous reste-t-il actuellement ? D'après les retraits que vous m'avez "
                        f"indiqués, ce serait {computed} point{'s' if computed > 1 else ''} si vous en aviez {before} "
                        "et aucun autre retrait. (si vous ne savez pas, dites « je ne sais pas »)",
                "buttons": [{"title": f"{computed} point{'s' if computed > 1 else ''}", "payload": str(computed)},
                            {"title": "Je ne sais pas", "payload": "/dont_know"}]}


def balance_if_full_before(tracker: Tracker) -> Optional[Tuple[int, str]]:
    """The balance today of the retraits told, and what it starts from, as said: 12 points before them (R1, R8–R10),
    or, for a licence that may be probationary, its ceiling on the day of the first offence (6 at the start, then 8,
    10 or 9 on its anniversaries, R5; T7 c13, c40). None without dated retraits, when the story does not give one,
    or when the licence is said probationary but its date is not known (its ceiling then unknown: not 12)."""
    from actions import answers
    from actions.forms import letter_48n_received, probation_said
    import rules_core
    facts = answers.Facts(tracker)
    if facts.licence_date is None and (probation_said(tracker) or letter_48n_received(tracker)):
        # (a 48N told in an earlier message says a probationary licence too, R15: "9 points s'il en avait 12" offered
        # as a button, then refused as above its ceiling of 8 once the licence's date came; tester T24 c20)
        return None
    try:
        decision = answers.history_decision(facts, today(), assume_full_before=True)
    except rules_core.InconsistentFacts:
        return None
    balance = decision.results.get("balance") if decision is not None else None
    if not isinstance(balance, int) or not 0 < balance < 12:
        return None
    first = decision.key_dates.get("first_offence") if decision.question == "probation" else None
    which = "la première infraction" if len(decision.facts.get("offences") or []) > 1 else "l'infraction"
    if first is None:
        # a probation over today: the recovery's balance still starts from the ceiling of the day of the first offence
        # (T20 c17: "7 points si elle en avait 12 avant" for 9 - 2, R5, R7)
        start = next((r.data.get("start") for r in decision.reasons if r.code == "recovery.balance_today"), None)
        if isinstance(start, int) and start < 12:
            return balance, f"{start} avant {which} (le plafond de votre permis probatoire à cette date)"
        return balance, "12 avant"
    ceiling = answers.ceiling_with(facts.licence_date, facts.aac, first, None, facts.relicensed)
    return balance, f"{ceiling} avant {which} (le plafond de votre permis probatoire à cette date)"


class AskSlot_previous_stage_date(AskSlot):
    slot = "previous_stage_date"

    def name(self) -> Text:
        return "action_ask_previous_stage_date"

    def question_of_the_case(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        # the stage just told is not the one asked about: the one before it (tester T1 c01, c02, c46, c48)
        if _stage_told(tracker) is None:
            return None
        return {"text": "Avant ce stage, en aviez-vous déjà fait un qui vous a rendu des points ? Si oui, à quelle "
                        "date a-t-il commencé ?", "buttons": [{"title": "Non, jamais", "payload": "/deny"}]}


class AskSlot_stage_first_day(AskSlot):
    slot = "stage_first_day"

    def name(self) -> Text:
        return "action_ask_stage_first_day"

    def question_of_the_case(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        # "en janvier" told before, its day not asked while it changed nothing (forms._day_asked_only_if_needed): now
        # that it counts, the day of that month (a bare "le 12" then completes it)
        awaiting = tracker.get_slot("date_awaiting_precision") or ""
        if not awaiting.startswith(f"{self.slot}="):
            return None
        try:
            stage_date(awaiting.split("=", 1)[1], today(), None)
        except InvalidAnswer as refused:
            return {"text": refused.message_fr} if refused.awaiting is not None else None
        return None


# One class per slot: the action server registers actions by class.
class AskSlot_licence_date(AskSlot):
    slot = "licence_date"

    def name(self) -> Text:
        return "action_ask_licence_date"

    def question_of_the_case(self, tracker: Tracker) -> Optional[Dict[str, Any]]:
        # "bah combien j'aurai après mon stage !" to the licence's question of the stage form: the answer in both
        # cases and why the date matters, then the question again, not the same words only (R5, R12; T55 c16)
        balance = tracker.get_slot("current_balance")
        if tracker.active_loop_name != "points_after_stage_form" or not isinstance(balance, int) or \
                isinstance(balance, bool) or not _asked_last_turn(tracker, "À quelle date avez-vous obtenu votre permis"):
            return None
        import rules_core
        view = rules_core.load_params().at(today())
        gain, maximum = view.value("stage.max_gain"), view.value("capital.max")
        after = min(balance + gain, maximum)
        return {"text": f"Si votre permis n'est plus probatoire (plus de 3 ans, ou 2 ans après une conduite "
                        f"accompagnée), le stage vous fera passer de {balance} à {after} points ({balance} + "
                        f"{after - balance}). S'il est encore probatoire, le total ne peut pas dépasser son plafond "
                        "(6 points la 1re année, puis 8 et 10, ou 9 avec la conduite accompagnée ; moins après une "
                        "infraction) : c'est pour cela que la date compte (article L.223-6 du Code de la route). "
                        "À quelle date avez-vous obtenu votre permis ? (par exemple : 12/03/2024, ou « mars 2024 »)"}


def _asked_last_turn(tracker: Tracker, question: str) -> bool:
    """Whether the assistant's last turn, before the latest message, asked `question`."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            return question in (event.get("text") or "")
    return False


for _slot in (s for s in ASKED_SLOTS if f"AskSlot_{s}" not in globals()):
    globals()[f"AskSlot_{_slot}"] = type(f"AskSlot_{_slot}", (AskSlot,), {
        "slot": _slot, "name": lambda self: f"action_ask_{self.slot}", "__module__": __name__})


def ask_the_form_question(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any],
                          slot: str) -> None:
    """The form's question for `slot`, said as its `action_ask_<slot>` says it (in the case's words, of the person the
    conversation is about), for an action that asks it outside the form (answers.Answer, a fact found missing)."""
    asker = globals().get(f"AskSlot_{slot}")
    if asker is None:  # (a slot no form asks: the domain's question, if any)
        dispatcher.utter_message(response=f"utter_ask_{slot}")
        return
    asker().ask(dispatcher, tracker, domain)
