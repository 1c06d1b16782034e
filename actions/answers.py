"""Answer actions: read the facts from the slots, ask `rules_core`, render its decision.

Every decision comes from `rules_core` and its French wording from
`rules_core.wording_fr`; these classes only translate slots into arguments. When the
engine finds the facts impossible (`InconsistentFacts`), the user gets its French
message, the offending fact is forgotten and the form asks for it again.
"""
from __future__ import annotations

import abc
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Dict, List, Optional, Text

from dateutil.relativedelta import relativedelta
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import rules_core
from actions import informational
from actions.follow_ups import VOLUNTARY_STAGE_NO_REFUND, answer_in_context, new_subject_in_context, previous_answer
from actions.forms import (
    ANSWER_INTENTS, PROBATION_YEARS_AT_MOST, ValidateProbationForm, asks_refund_steps, asks_whether_48n_comes, commission_day,
    court_stage_question,
    fine_status_said, invalidation_notified, latest_text_says, letter_48n_received, letter_48si_not_received_said,
    last_value, letter_in_question, letter_not_received, licence_may_be_probationary, letter_to_come_known,
    letters_named_in_message, no_48n_possible, offence_scale, offence_told, offences_said_since,
    paid_by_owner_without_naming,
    probation_said, question_text, reads_as_correction, relicensed, retrait_told, told_as_own_offence,
    voluntary_stage_in_context,
    which_letter_asked,
)
from actions.follow_ups import points_of_the_offence_told
from actions.forms import asks_letter_to_come, pointless_offence_named
from actions.offence_history import (ToldRetrait, date_told, invalidation_told, own_offences_points,
                                     retraits_in_message, told_retraits)
from actions.retrait_timing import asks_when_withdrawn, fine_not_paid, retrait_decision
from actions.two_part import then_other_question
from actions.what_if import is_hypothesis, restored_facts
from actions.slot_values import (
    NO_PREVIOUS_STAGE, NOT_PAID, UNKNOWN_CLASS, InvalidAnswer, PartialDate, partial_date_or_none,
)
from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.capital import probation_plan
from rules_core.dates import format_long_fr
from rules_core.wording_fr import render, render_error

# (R18: the balance of the file is the official one, but its display may lag behind a retrait already decided or a
# stage; the source page's "c'est le capital… au FNPC qui fait foi" is partly outdated, claim 26)
FNPC_CAVEAT = (
    "Ce calcul part du solde que vous m'avez indiqué : votre solde officiel est celui du Fichier national "
    "des permis de conduire (consultable sur « Mes Points Permis »), dont l'affichage peut avoir quelques semaines "
    "de retard sur un retrait ou un stage récent."
)
#: the class a retrait stands for when its offence is not told: the longest full recovery (3 years, R9)
UNKNOWN_CLASS_STANDS_FOR = "c4"
FULL_BEFORE_NOTE = (
    "Je suis parti de 12 points avant la première de ces infractions : c'est le cas d'un permis qui n'est plus "
    "probatoire et qui n'avait pas perdu d'autres points. Dites-moi la date de votre permis si elle est récente."
)
CLASS_ASSUMED_NOTE = (
    "Sans la nature de l'infraction ni le montant de son amende, j'ai compté le délai de récupération le plus "
    "long (3 ans, comme pour une contravention de 4e classe ou un délit)."
)
ESTIMATE_CAVEAT = (
    "C'est un calcul à partir de ce que vous m'avez dit : votre solde officiel est celui du Fichier national des "
    "permis de conduire, consultable gratuitement sur « Mes Points Permis » (avec FranceConnect) ; son affichage "
    "peut avoir quelques semaines de retard sur un retrait ou un stage récent."
)
NO_48N_OUT_OF_PROBATION = ("Votre permis n'étant pas probatoire, cette infraction ne vous vaudra pas de lettre 48N "
                           "ni de stage obligatoire : la 48N ne concerne que les infractions commises en période "
                           "probatoire (article R.223-4 du Code de la route).")
LICENCE_STATES_FROM_NLU = {"suspended": "suspended", "retained": "retained", "invalidated": "invalidated"}


@dataclass
class Facts:
    """The slots an answer reads, as engine values, with what had to be assumed."""

    tracker: Tracker
    notes: List[str] = field(default_factory=list)

    def slot(self, name: str) -> Any:
        return self.tracker.get_slot(name)

    def day(self, name: str, safe: str = "latest", what_fr: str = "") -> Optional[date]:
        """A date slot; for a month or a year only, the safe end, said in a note."""
        value = self.slot(name)
        if value in (None, NO_PREVIOUS_STAGE):
            return None
        try:
            partial = PartialDate.parse(value)
        except InvalidAnswer:
            return None
        chosen = partial.latest() if safe == "latest" else partial.earliest()
        if partial.precision != "day" and what_fr:
            self.notes.append(
                f"Vous avez indiqué {partial.french()} pour {what_fr} : j'ai retenu le {format_long_fr(chosen)}, "
                "la date la plus prudente. Donnez-moi le jour exact pour une réponse précise."
            )
        return chosen

    def number(self, name: str) -> Optional[int]:
        value = self.slot(name)
        return None if value is None else int(value)

    @property
    def licence_date(self) -> Optional[date]:
        obtained = self.day("licence_date", "latest")
        if obtained is None or obtained + relativedelta(years=PROBATION_YEARS_AT_MOST) < today():
            return obtained  # probation over whatever the day ("permis depuis 2010"): no note on the date kept
        return self.day("licence_date", "latest", "l'obtention du permis")

    @property
    def offence_class(self) -> str:
        """The told offence's class; unknown ("je ne sais pas" to the fine, or never told), the longest delay's
        (R9), and the answer says so."""
        klass = self.slot("offence_class")
        told = self.slot("offence_type")
        kinds = set(told) if isinstance(told, list) else {told} - {None}
        if klass is None and len(kinds) == 1:
            # "une ceinture payée le 12 décembre 2016": the class of the offence told, by the barème (T1 c11, c69)
            klass = offence_scale(kinds.pop(), self.tracker.current_slot_values()).get("offence_class")
        if klass in (None, UNKNOWN_CLASS):
            self.notes.append(CLASS_ASSUMED_NOTE)
            return UNKNOWN_CLASS_STANDS_FOR
        return klass

    @property
    def relicensed(self) -> bool:
        """A licence obtained again after an invalidation or a cancellation (R5 example 4)."""
        return relicensed(self.tracker)

    @property
    def invalidated_on(self) -> Optional[date]:
        """The day an earlier licence was invalidated, when told (R10 example 3): for a month or a year, its last
        day, not after the new licence nor today (the old licence's points stop coming back then), said in a note."""
        said = invalidation_told(self.tracker)
        if said is None:
            return None
        bounds = [d for d in (said.latest(), today(), self.licence_date if self.relicensed else None) if d]
        chosen = max(said.earliest(), min(bounds))
        if said.precision != "day":
            self.notes.append(f"Vous avez indiqué {said.french()} pour l'invalidation de votre ancien permis : j'ai "
                              f"retenu le {format_long_fr(chosen)}. Donnez-moi le jour exact pour une réponse précise.")
        return chosen

    @property
    def aac(self) -> bool:
        """AAC shortens a first licence's probation only, never one obtained again (R5, R.211-5)."""
        return bool(self.slot("supervised_driving")) and not self.relicensed

    @property
    def previous_stage(self) -> Optional[date]:
        return self.day("previous_stage_date", "latest")

    def stages_done(self, today_: date) -> List[date]:
        """The first days of the stages the user says they did, over by `today_` (their points count in the balance,
        R12). For a month only, its last two days: the points came no earlier, said in a note."""
        done = []
        for value in stage_dates_told(self.tracker):
            try:
                partial = PartialDate.parse(value)
            except InvalidAnswer:
                continue
            first = partial.earliest() if partial.precision == "day" else partial.latest() - timedelta(days=1)
            if partial.precision != "day" and first + timedelta(days=2) <= today_:
                self.notes.append(
                    f"Vous avez indiqué {partial.french()} pour le stage : j'ai compté ses points à partir du "
                    f"{format_long_fr(first + timedelta(days=2))}, la date la plus prudente.")
            if first + timedelta(days=2) <= today_ and not any(abs((first - d).days) <= 1 for d in done):
                done.append(first)
        return sorted(done)

    def ceiling_on(self, day: date) -> Optional[int]:
        """The licence's ceiling on `day` (R1, R5, R7), when the licence date is known.

        An offence told during probation froze it on the day it was committed (R7: no increment after it, so a stage
        tops up to that ceiling only, R12). Without that day exactly (a month, the payment, a 48N received, "j'ai
        perdu des points"), the lowest ceiling the facts allow is counted, the safe one, and a note says which and
        what an offence committed later would give. The balance bounds it: a ceiling is never below the balance,
        nor below the balance before the retrait."""
        licence = self.licence_date
        if licence is None or licence > day:
            return None
        window = self._first_offence_window(licence, day)
        candidates = self._frozen_ceilings(licence, day, window or (licence, day))
        unfrozen = _ceiling_with(licence, self.aac, day, None, self.relicensed)
        need = self._ceiling_at_least(bool(window))
        viable = [(start, ceiling) for start, ceiling in candidates if ceiling >= need] or candidates[-1:]
        if window is None:
            # no offence told: the ceiling of the day (R5, R12 example 3); a balance below it tells of a retrait,
            # and a lower frozen ceiling is said when the offence may have come earlier (R7)
            lower = [(start, ceiling) for start, ceiling in viable if ceiling < unfrozen]
            if need and lower:
                before = next(start for start, ceiling in candidates if ceiling > lower[0][1])
                self.notes.append(
                    f"Votre solde de {need} points est sous votre plafond de {unfrozen} points : des points vous ont "
                    f"été retirés. Si l'infraction a été commise avant le {format_long_fr(before)}, votre plafond est "
                    f"resté à {lower[0][1]} points, car la première infraction en période probatoire arrête les "
                    "majorations (article L.223-1 du Code de la route) : dites-moi sa date pour un calcul exact.")
            return unfrozen
        start, ceiling = viable[0]
        later = [(s, c) for s, c in viable if c > ceiling]
        if later:
            since = "" if start == candidates[0][0] else f"à partir du {format_long_fr(start)} et "
            self.notes.append(
                f"Sans la date exacte de l'infraction, j'ai compté le plafond de {ceiling} points, celui d'une "
                f"infraction commise {since}avant le {format_long_fr(later[0][0])} : la première infraction en période "
                "probatoire arrête les majorations (article L.223-1 du Code de la route). Commise à partir du "
                f"{format_long_fr(later[0][0])}, elle laisse un plafond de {later[0][1]} points"
                + (" ou plus" if len(later) > 1 else "") + " : dites-moi sa date pour un calcul exact.")
        return ceiling

    def _first_offence_window(self, licence: date, day: date) -> Optional[tuple]:
        """The days the first offence told since the licence may have been committed on, up to `day` (R7): the
        offence of the slots (its day, month or payment), a 48N (sent for an offence of probation, before its
        receipt, R15), the retraits told with their dates. None when no offence is told."""
        slots = self.tracker.slots
        windows = []
        if slots.get("probation_offence") is not False:
            committed = partial_date_or_none(slots.get("offence_date"))
            paid = self.day("fine_payment_date", "latest")
            if slots.get("last_offence_points") or slots.get("probation_offence") or committed or paid:
                windows.append((committed.earliest() if committed else licence,
                                committed.latest() if committed else paid or day))
        if slots.get("letter_48n_date"):
            windows.append((licence, self.day("letter_48n_date", "latest")))
        windows += [(retrait.committed or licence, retrait.realite) for retrait in told_retraits(self.tracker)]
        windows = [(max(lo, licence), min(hi, day)) for lo, hi in windows if hi >= licence and lo <= day]
        if not windows:
            return None
        return min(lo for lo, _ in windows), min(hi for _, hi in windows)

    def _frozen_ceilings(self, licence: date, day: date, window: tuple) -> List[tuple]:
        """(first day, ceiling on `day`) for an offence committed from that first day on, within the window: one
        row per ceiling, the lowest first (R5, R7)."""
        lo, hi = window
        plan = probation_plan(licence_date=licence, aac=self.aac, relicensed=self.relicensed)
        starts = [lo] + ([step for step, _, _ in plan.steps if lo < step <= hi] if plan is not None else [])
        rows: List[tuple] = []
        for start in starts:
            ceiling = _ceiling_with(licence, self.aac, day, start, self.relicensed)
            if not rows or ceiling != rows[-1][1]:
                rows.append((start, ceiling))
        return rows

    def _ceiling_at_least(self, offence_told_: bool) -> int:
        """The lowest ceiling the balance allows: the balance, plus the points of the retrait when they cannot have
        come back (2 points or more, or a 48N's 3 or more, R8) and no stage was told before the one of the question
        (which comes after the balance said). 0 without a balance."""
        balance = self.number("current_balance")
        if balance is None:
            return 0
        points = self.number("last_offence_points") or (
            rules_core.load_params().at(today()).value("letter_48n.min_points")
            if self.slot("letter_48n_date") else 0)
        earlier_stages = [v for v in stage_dates_told(self.tracker) if v != self.slot("stage_first_day")]
        if offence_told_ and points >= 2 and not earlier_stages:
            return balance + points
        return balance


class AnswerAction(Action, abc.ABC):
    """Ask the engine, render its decision, handle impossible facts."""

    #: the form that collects this question's facts (asked again on impossible facts)
    form: Optional[str] = None
    #: engine argument name -> slot, to forget the right fact on InconsistentFacts
    field_slots: Dict[str, str] = {}
    #: slots describing this question only, forgotten once answered
    question_slots: tuple = ()
    uses_declared_balance = False
    #: the user's retrait that brings their balance to 0 or below answers first (R18, R20): see pending_story_answer
    pending_story_first = False

    @abc.abstractmethod
    def decide(self, facts: Facts, today: date):
        """The engine's decision for these facts."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        in_context = answer_in_context(tracker)
        if in_context:  # "et l'amende ?" just after an offence: its fine, not this question's computation
            dispatcher.utter_message(text=in_context)
            return restored_facts(tracker)  # (a hypothesis's facts are not the user's)
        court = informational.court_stage_answer(tracker) if court_stage_question(tracker, self.form) else None
        if court is not None:  # cases 3 and 4: no points, not counted for the year (R11, R13)
            dispatcher.utter_message(text=court)
            return [SlotSet("last_question", self.name())]
        pending = pending_story_answer(tracker) if self.pending_story_first else None
        if pending:  # "il me reste 3 points, retrait de 4, stage fait le 20 avril, pas reçu de 48SI" (R18 example 2)
            dispatcher.utter_message(text=pending)
            return [SlotSet("last_question", self.name())]
        facts = Facts(tracker)
        try:
            decision = self.decide(facts, today())
        except rules_core.InconsistentFacts as error:
            return self._impossible_facts(error, dispatcher, tracker)
        lines = [render(decision)]
        lines.extend(dict.fromkeys(facts.notes))
        if self.uses_declared_balance and tracker.get_slot("current_balance") is not None:
            lines.append(FNPC_CAVEAT)
        dispatcher.utter_message(text="\n\n".join(lines))
        return ([SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name())]
                + self.facts_learnt(decision, tracker)
                # "…me rend des points ? et l'amende est remboursée ?": the other question next
                + then_other_question(tracker, self.name()))

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """Facts of the user's own case that the decision established, kept for the next questions."""
        return []

    def _impossible_facts(self, error, dispatcher, tracker) -> List[EventType]:
        dispatcher.utter_message(text=render_error(error))
        slot = self.field_slots.get(error.field)
        if slot is None or self.form is None or self._already_ran_since_user(tracker):
            # asked again once only: when the form fills the fact again from the same message, no loop
            dispatcher.utter_message(text="Reprenons : pouvez-vous vérifier les informations données ?")
            return []
        return [SlotSet(slot, None), FollowupAction(self.form)]


    def _already_ran_since_user(self, tracker: Tracker) -> bool:
        for event in reversed(tracker.events):
            if event.get("event") == "user":
                return False
            if event.get("event") == "action" and event.get("name") == self.name():
                return True
        return False


class ActionAnswerProbation(AnswerAction):
    form = "probation_form"
    field_slots = {"licence_date": "licence_date", "training_date": "training_date",
                   "offence.commission": "offence_date",
                   "realite": "fine_payment_date", "points": "last_offence_points"}

    def name(self) -> Text:
        return "action_answer_probation"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        retraits = told_retraits(tracker)
        if retraits and (len(retraits) > 1 or not licence_may_be_probationary(tracker)) and not is_hypothesis(tracker):
            # "permis depuis 2008, perdu 3 points en mars et 1 en octobre, il me reste cb ?": not a probation
            # question, the balance of the retraits told; in probation, with several retraits told ("deux excès, le
            # premier payé le 1er juin, le second le 1er août"), the form holds one: the balance of them all (R7, R8)
            computed = balance_answer(tracker)
            if computed:
                dispatcher.utter_message(text=computed)
                return [SlotSet("last_question", "action_answer_check_balance")]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        training = facts.day("training_date", "latest", "la formation complémentaire") \
            if facts.slot("complementary_training") and not facts.relicensed else None
        offences = []
        if facts.slot("probation_offence"):
            # R7: the earliest possible day of the offence is the safe one (it freezes the ceiling sooner)
            offences.append({
                "commission": facts.day("offence_date", "earliest", "la date de l'infraction"),
                "realite": facts.day("fine_payment_date", "latest", "le paiement de l'amende"),
                "points": facts.number("last_offence_points"), "offence_class": facts.offence_class,
            })
            facts.notes.append("J'ai compté l'infraction que vous m'avez indiquée ; s'il y en a eu d'autres, "
                               "votre solde est plus bas.")
        licence = facts.licence_date
        return rules_core.probation_status(
            licence_date=licence, today=today, aac=facts.aac, training_date=training, offences=offences,
            no_offence=facts.slot("probation_offence") is False, relicensed=facts.relicensed,
            # a stage done gives its points within the ceiling, frozen by the offence (R7, R12)
            stages=[first for first in facts.stages_done(today) if licence is None or first >= licence],
        )

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """The balance computed for a licence without any offence is the user's: "et si je fais un stage
        maintenant ?" is not asked it again (R5, R12)."""
        balance = decision.results.get("balance")
        if tracker.get_slot("probation_offence") is False and balance and tracker.get_slot("current_balance") is None:
            return [SlotSet("current_balance", balance)]
        return []


def stage_days(facts: Facts) -> tuple:
    """First and last day of the stage: two consecutive days (R.223-5)."""
    first = facts.day("stage_first_day", "earliest")
    return first, first + timedelta(days=1)


class ActionAnswerPointsAfterStage(AnswerAction):
    form = "points_after_stage_form"
    field_slots = {
        "balance": "current_balance", "first_day": "stage_first_day", "last_day": "stage_first_day",
        "previous_points_stage_first_day": "previous_stage_date", "licence_date": "licence_date",
        "ceiling": "licence_date",
    }
    uses_declared_balance = True
    pending_story_first = True

    def name(self) -> Text:
        return "action_answer_points_after_stage"

    def decide(self, facts: Facts, today: date):
        first, last = stage_days(facts)
        ceiling = facts.ceiling_on(last + timedelta(days=1))
        balance = facts.number("current_balance")
        # "48SI notifiée le 12/05/2026, stage le 20/05": a stage after the notification gives nothing (R14 ex. 1)
        state: Dict[str, Any] = {}
        if invalidation_notified(facts.tracker):
            letter = facts.slot("letter_code") or last_value(facts.tracker, "letter_code")
            state = {"licence_state": "invalidated",
                     "invalidation_notified_on": facts.day("letter_48n_date", "earliest") if letter == "48SI" else None}
        elif LICENCE_STATES_FROM_NLU.get(facts.slot("licence_status")) in ("suspended", "retained"):
            # "permis suspendu 2 mois, stage les 12 et 13 mars": the stage still gives its points, said (R12, R14 ex. 3)
            state = {"licence_state": LICENCE_STATES_FROM_NLU[facts.slot("licence_status")]}
        if balance is None:
            # "je ne connais pas mon solde": what the stage gives at most, from when, and the next stage (T1 c46, c48)
            facts.notes.append("Dites-moi votre solde dès que vous le connaissez : je vous donnerai votre total.")
        return rules_core.stage_points(
            balance=balance, first_day=first, last_day=last, today=today, ceiling=ceiling,
            previous_points_stage_first_day=facts.previous_stage, **state,
        )


class ActionAnswerStageEligibility(AnswerAction):
    form = "stage_eligibility_form"
    field_slots = {"previous_points_stage_first_day": "previous_stage_date", "balance": "current_balance",
                   "ceiling": "licence_date", "planned_points_stage_first_day": "stage_first_day"}
    uses_declared_balance = True
    pending_story_first = True

    def name(self) -> Text:
        return "action_answer_stage_eligibility"

    def decide(self, facts: Facts, today: date):
        if letter_48n_received(facts.tracker):
            # "stage volontaire en septembre, là je reçois une 48N, je dois refaire un stage ?": yes, within 4 months;
            # within the year it gives no points, the fine is still refunded (R15, R17)
            return rules_core.mandatory_stage_48n(
                received_on=facts.day("letter_48n_date", "earliest"), today=today,
                previous_points_stage_first_day=facts.previous_stage, licence_date=facts.licence_date, aac=facts.aac)
        balance, pending = facts.number("current_balance"), pending_retrait(facts, today)
        booked = facts.day("stage_first_day", "earliest")
        if balance is not None and pending and not probation_said(facts.tracker):
            # "j'ai 10 points, je viens de payer 4 points, stage tout de suite ou j'attends ?": a stage now (or the one
            # booked), then the retrait (R18 example 1: better wait)
            first = booked if booked is not None and booked >= today else today
            return rules_core.stage_points(balance=balance, first_day=first, last_day=first + timedelta(days=1),
                                           today=today, ceiling=facts.ceiling_on(first),
                                           previous_points_stage_first_day=facts.previous_stage,
                                           pending_retrait_points=pending)
        # the stage of the last question ("combien j'aurai après mon stage du 15 janvier ?"), done or booked,
        # is the one the next stage counts from (R13): "et je pourrai en refaire un quand ?"
        stage, previous = facts.day("stage_first_day", "earliest"), facts.previous_stage
        # a stage to come, or one booked that has just begun ("j'ai réservé un stage les 30 novembre et 1er
        # décembre, ça va me rendre des points ?"): that stage, on its own day
        booked_after_previous = stage is not None and previous is not None and stage > previous and \
            latest_text_says(facts.tracker, _STAGE_BOOKED)
        planned = stage if stage is not None and (stage >= today or booked_after_previous) else None
        # (in the question, not only the latest message: "je ferai un stage le 29 février 2028, à partir de quand je
        # pourrai en refaire un ?" then "8" to the balance asks the date of the next one, R13 example 3)
        question = _question_event(facts.tracker)
        asks_next = previous_answer(facts.tracker) == "action_answer_points_after_stage" or \
            bool(_ASKS_NEXT_STAGE.search(fold(question.get("text") or "")))
        told_now = stage is not None and any(
            e.get("entity") == "date" and e.get("value") == facts.slot("stage_first_day")
            for e in (question.get("parse_data") or {}).get("entities", []))
        if told_now and previous is not None and stage > previous:
            # "mon dernier stage c'était le 1er décembre 2025, je peux en refaire un aujourd'hui ?": the stage told with
            # the last one is the one asked about, not the one the next counts from (tester T2, R13 ex. 1)
            asks_next = False
        if previous is not None and stage is not None and stage > previous and \
                (told_now or (planned is not None and not asks_next)):
            # R13 example 2: the stage asked about ("j'en refais un le 30/11/2026, ça marche ?", "je commence le
            # prochain le 30 novembre"), done, under way or booked, begun before the year since the last one is up
            # gives no points, whatever the balance
            early = rules_core.stage_eligibility(today=today, previous_points_stage_first_day=previous,
                                                 stage_first_day=stage)
            if early.outcome == "no_points_too_early":
                return early
        if planned is not None and not asks_next:
            # "et si je le fais demain, ça marche ?": that stage, on its own day (R12, R13)
            balance = facts.number("current_balance")
            if balance is not None:
                return rules_core.stage_points(balance=balance, first_day=planned, last_day=planned + timedelta(days=1),
                                               today=today, ceiling=facts.ceiling_on(planned + timedelta(days=2)),
                                               previous_points_stage_first_day=previous)
            return rules_core.stage_eligibility(today=planned, previous_points_stage_first_day=previous,
                                                ceiling=facts.ceiling_on(planned))
        if stage is not None and stage < today and (previous is None or stage > previous) and \
                rules_core.stage_eligibility(today=stage, previous_points_stage_first_day=previous).results[
                    "gives_points_now"]:
            previous = stage  # a later stage that gave points (a year after the one before, R13)
        return rules_core.stage_eligibility(
            today=today, previous_points_stage_first_day=previous, planned_points_stage_first_day=planned,
            licence_state="invalidated" if invalidation_notified(facts.tracker) else
            LICENCE_STATES_FROM_NLU.get(facts.slot("licence_status"), "valid"),
            # the balance told is today's: after the booked stage it will have changed
            balance=None if planned else facts.number("current_balance"), ceiling=facts.ceiling_on(today),
            awaiting_48n=awaits_48n(facts, today),
        )


def _question_event(tracker: Tracker) -> Dict[str, Any]:
    """The user message that asked the question: the latest one, or, when it answers a question of the form ("8"),
    the one before that it answers (as ``question_text``)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and \
                ((event.get("parse_data") or {}).get("intent") or {}).get("name") not in ANSWER_INTENTS:
            return event
    return {"text": (tracker.latest_message or {}).get("text"),
            "parse_data": {"entities": (tracker.latest_message or {}).get("entities", [])}}


# "et je pourrai en refaire un quand ?", "le prochain ?": the stage after the one booked (R13)
_STAGE_BOOKED = re.compile(r"\b(?:reserve\w*|inscrit\w*|prevu\w*|booke\w*|programme\w*|va me rendre|vais faire"
                           r"|je fais)\b")
_ASKS_NEXT_STAGE = re.compile(r"\brefaire\b|\bprochain\b|\bsuivant\b|\bun autre\b|\bencore un\b|\bun deuxieme\b|\bre-?faire\b")
#: a retrait paid this recently may not be recorded yet (the decision comes weeks or months after, R2, R18)
RECENT_PAYMENT_DAYS = 60


# "pas encore enregistré", "toujours pas retiré", "pas encore décompté sur Mes Points Permis": the retrait is to come
_NOT_RECORDED_YET = re.compile(
    r"\b(?:pas|toujours pas|jamais)\s+(?:encore\s+)?(?:ete\s+)?(?:enregistr|retir|decompt|dedui|pris en compte"
    r"|mis a jour|a jour|apparu|visible)\w*")


# "je viens de payer une amende pour un feu rouge", "je viens de me prendre un stop", "je me suis pris un flash"
_JUST_GOT_A_FINE = re.compile(r"\b(?:viens|vient|venons)\s+de\s+(?:payer|regler|recevoir|me\s+prendre|prendre|me\s+"
                              r"manger|ramasser)\b|\bje\s+me\s+suis\s+(?:pris|mange|ramasse)\b")


def _own_offence_in_conversation(tracker: Tracker) -> bool:
    """An offence told as the user's in any of their messages ("j'ai 10 points, je viens de payer un feu rouge", then
    "je fais un stage la semaine prochaine ou j'attends ?")."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return told_as_own_offence(tracker) or any(told_as_own_offence(_AsLatest(event)) for event in users) or any(
        _JUST_GOT_A_FINE.search(fold(event.get("text") or "")) for event in users)


@dataclass
class _AsLatest:
    """A past user message read as the latest one (the message helpers read ``latest_message``)."""

    event: dict

    @property
    def latest_message(self) -> dict:
        return {"text": self.event.get("text"), "entities": (self.event.get("parse_data") or {}).get("entities", [])}


def pending_retrait(facts: Facts, today_: date) -> int:
    """The points of the user's offence paid recently (or not yet, or said not recorded yet): its retrait may still be
    to come, and a stage before it is credited on the old balance, capped, then the retrait is subtracted (R18
    example 1). The offence may have been told in an earlier message."""
    if not _own_offence_in_conversation(facts.tracker) and not facts.slot("last_offence_points") and \
            not fine_not_paid(facts.tracker):
        # ("amende pour téléphone… je fais le stage avant ou après avoir payé ?": the user's fine, not paid yet)
        return 0
    paid = facts.day("fine_payment_date", "latest")
    not_recorded = any(_NOT_RECORDED_YET.search(fold(event.get("text") or "")) for event in facts.tracker.events
                       if event.get("event") == "user")
    if paid is not None and (today_ - paid).days > RECENT_PAYMENT_DAYS and not not_recorded:
        return 0
    return _retrait_told(facts, today_) or 0


# "je fais le stage maintenant ou j'attends ?", "le stage avant ou après avoir payé ?": when to take a stage
_ASKS_STAGE_TIMING = re.compile(
    r"\bstage\b.*\b(?:j'?\s?attends|attendre|on attend|avant ou apres|apres ou avant|maintenant ou|tout de suite ou"
    r"|d'abord|avant (?:de (?:la |le )?payer|que|le retrait|l'enregistrement)|apres (?:avoir paye|le retrait|"
    r"l'enregistrement))"
    r"|\b(?:attendre|j'?\s?attends|avant ou apres|apres ou avant)\b.*\bstage\b")


def stage_timing_with_pending_retrait(tracker: Tracker) -> bool:
    """"j'ai 10 points, je viens de payer 4 points, je fais le stage maintenant ou j'attends ?", whatever the NLU
    read: a stage question with a retrait still to be recorded that leaves points (R18 example 1). (At 0 or
    below, the pending loss answers: which stage saves the licence.)"""
    if not latest_text_says(tracker, _ASKS_STAGE_TIMING):
        return False
    facts = Facts(tracker)
    balance, pending = facts.number("current_balance"), pending_retrait(facts, today())
    return balance is not None and pending > 0 and balance - pending > 0


def awaits_48n(facts: Facts, today_: date) -> bool:
    """A retrait of 3 points or more told in probation, no 48N received yet: wait for it (R14, R15)."""
    if facts.slot("letter_48n_date") or not probation_said(facts.tracker):
        return False
    retrait = _retrait_told(facts, today_)
    return bool(retrait) and retrait >= rules_core.load_params().at(today_).value("letter_48n.min_points")


class ActionAnswerMandatoryStage(AnswerAction):
    form = "mandatory_stage_form"
    field_slots = {"received_on": "letter_48n_date", "stage_first_day": "stage_first_day",
                   "stage_last_day": "stage_first_day", "licence_date": "licence_date"}

    def name(self) -> Text:
        return "action_answer_mandatory_stage"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if court_stage_question(tracker, self.form):
            return super().run(dispatcher, tracker, domain)  # a judge's or prosecutor's stage: what it is (R11)
        if voluntary_stage_in_context(tracker):
            # "et si je le fais demain ça marche ?" after the voluntary stage's answer: that answer, with the new date
            previous = ActionAnswerPointsAfterStage if previous_answer(tracker) == "action_answer_points_after_stage" \
                else ActionAnswerStageEligibility
            return previous().run(dispatcher, tracker, domain)
        if (asks_whether_48n_comes(tracker) or (tracker.get_slot("letter_48n_date") is None
                                                and tracker.get_slot("offence_type"))) \
                and not letter_to_come_known(tracker):
            # "tel au volant en probatoire, je vais recevoir une 48N ?" (or the offence given when asked): the
            # offence's points say it (R15). With the balance, "quelle lettre ?" is the letter it brings (R19).
            return ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
        pending = pending_story_answer(tracker)
        if pending:
            # "il me reste 3 points, retrait de 4, stage les 20 et 21 avril, pas reçu de 48SI, je dois faire un stage
            # obligatoire ?": no 48N but a 48SI, and whether a stage saves (or saved) the licence (R18, R20)
            dispatcher.utter_message(text=pending)
            return [SlotSet("last_question", self.name())]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        letter = letter_in_question(facts.tracker)
        if letter not in (None, "48N"):
            # "j'ai reçu une 48M, je suis obligé de faire un stage ?": no (R19), that letter says what it is; a 48SI
            # said not received is not notified (R18)
            return rules_core.letter_meaning(letter=letter, today=today,
                                             not_yet_received=letter_not_received(facts.tracker))
        expected = expected_letter_decision(facts, today)
        if expected is not None:
            # "j'avais 8 points, je viens d'en perdre 3, quelle lettre ? obligé de faire un stage ?": the retrait's
            # letter (a 48M at 5 points, R19), not a 48N deadline
            return expected
        if facts.slot("letter_48n_date") is None and facts.licence_date is not None:
            # no letter, a licence past probation: no compulsory stage for an offence committed now (R15)
            return rules_core.stage_obligation(licence_date=facts.licence_date, today=today, aac=facts.aac)
        first, last = stage_days(facts) if facts.slot("stage_first_day") else (None, None)
        received, previous = facts.day("letter_48n_date", "earliest"), facts.previous_stage
        if first is not None and received is not None and first < received and previous is None:
            # "stage volontaire les 6 et 7 juillet, 48N reçue le 12 novembre": that stage is the last one with points,
            # the compulsory one is still to do and gives none within the year (R17)
            previous, first, last = first, None, None
        return rules_core.mandatory_stage_48n(
            received_on=received, today=today, stage_first_day=first, stage_last_day=last,
            previous_points_stage_first_day=previous, licence_date=facts.licence_date, aac=facts.aac,
            fine_status=fine_status_said(facts.tracker),  # not paid: its recovery stopped, nothing refunded (R16 ex. 2)
        )


class ActionAnswerRefund48n(AnswerAction):
    form = "refund_48n_form"
    field_slots = {"received_on": "letter_48n_date", "stage_first_day": "stage_first_day",
                   "stage_last_day": "stage_first_day"}

    def name(self) -> Text:
        return "action_answer_refund_48n"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if no_48n_possible(tracker) and not answer_in_context(tracker):
            # "le stage me rembourse l'amende ?" with a licence of 2008: only the 48N stage does (R16)
            dispatcher.utter_message(text=VOLUNTARY_STAGE_NO_REFUND)
            return [SlotSet("last_question", self.name())]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        if facts.slot("letter_48n_date") is not None and facts.slot("stage_first_day") is None \
                and not asks_refund_steps(facts.tracker):
            # "et je serai remboursé ?" after the 48N's date was told, no compulsory stage yet: refunded if it is
            # done in time, whose deadline the letter's date gives, even when it gives no points (R15–R17)
            fine_status = fine_status_said(facts.tracker)
            due = rules_core.mandatory_stage_48n(
                received_on=facts.day("letter_48n_date", "earliest"), today=today,
                previous_points_stage_first_day=facts.previous_stage, licence_date=facts.licence_date, aac=facts.aac,
                fine_status=fine_status)
            return replace(due, reasons=(rules_core.refund_procedure(today=today, fine_status=fine_status).reasons[0],
                                         *due.reasons))
        if facts.slot("letter_48n_date") is None or facts.slot("stage_first_day") is None:
            # "je dois envoyer quoi et à qui ?" (R16); a fine not paid: its recovery stopped, nothing refunded (ex. 2)
            return rules_core.refund_procedure(today=today, fine_status=fine_status_said(facts.tracker))
        first, last = stage_days(facts)
        received = facts.day("letter_48n_date", "earliest")
        if first < received:
            # "stage volontaire les 11 et 12 mai, 48N reçue le 28 octobre, l'amende sera remboursée ?": that stage is
            # the last one with points; the compulsory one is still to do, and its refund stands (R15, R17)
            return rules_core.mandatory_stage_48n(
                received_on=received, today=today, previous_points_stage_first_day=facts.previous_stage or first,
                licence_date=facts.licence_date, aac=facts.aac, fine_status=fine_status_said(facts.tracker))
        return rules_core.fine_refund_48n(
            received_on=facts.day("letter_48n_date", "earliest"), stage_first_day=first, stage_last_day=last,
            today=today,
            # "jamais payée, passée en majorée (375 €)": nothing to refund, the stage stops its recovery (R16 ex 2)
            fine_status=fine_status_said(facts.tracker) or "paid",
        )


class ActionAnswerAutoRecovery(AnswerAction):
    form = "auto_recovery_form"
    field_slots = {"offences": "fine_payment_date", "realite": "fine_payment_date",
                   "points": "last_offence_points", "licence_date": "licence_date"}

    def name(self) -> Text:
        return "action_answer_auto_recovery"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        pointless = pointless_offence_named(tracker)
        if pointless and len(told_retraits(tracker)) <= 1:
            # "c'était un feu orange je crois": no point withdrawn, none to recover (R4; tester T3 c29)
            said = render(rules_core.offence_points(offence=pointless, commission=today(), today=today()))
            dispatcher.utter_message(text=f"Rien à récupérer : {said[:1].lower()}{said[1:]}")
            return [SlotSet("last_question", self.name())]
        if len(told_retraits(tracker)) <= 1 and (
                asks_when_withdrawn(tracker) or tracker.get_slot("fine_payment_date") == NOT_PAID):
            # "on perd les points le jour de l'infraction ou quand on paye ?", or a fine not paid yet: no clock
            # runs before the offence is established (R2)
            return ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        if len(told_retraits(facts.tracker)) > 1:  # "perdu 3 points en mars 2025 et 1 en octobre 2026"
            decision = history_decision(facts, today, assume_full_before=False)
            if decision is not None:
                if _balance_said_with_retraits(facts.tracker) is not None:
                    # the balance today, from the one told before the retraits (T1 c56): an estimate
                    facts.notes.append(ESTIMATE_CAVEAT)
                return decision
        paid = facts.day("fine_payment_date", "latest")
        last_only = ("J'ai compté à partir de votre dernière infraction seulement ; une infraction commise depuis "
                     "repousse ces dates.")
        facts.notes.append(last_only)
        # the day it was committed, when told; else the payment stands for it, and the answer names it so
        committed = partial_date_or_none(facts.slot("offence_date"))
        committed = committed.earliest() if committed and paid and committed.earliest() <= paid else None
        offences_since = offences_said_since(facts.tracker)
        offence = {"commission": committed or paid, "realite": paid, "points": facts.number("last_offence_points"),
                   "offence_class": facts.offence_class, "commission_known": committed is not None}
        decision = rules_core.automatic_recovery(
            offences=[offence], today=today, licence_date=facts.licence_date, aac=facts.aac,
            relicensed=facts.relicensed, offences_since=offences_since,
            invalidated_on=facts.invalidated_on,  # R10 example 3: the old licence's points never come back
        )
        if decision.outcome == "invalidated" or offences_since:
            # nothing of the old licence comes back, or offences since (the 10-year rule, which no later offence
            # pushes back, T1 c12): no date to push back
            facts.notes.remove(last_only)
        return decision


def _retraits_of_separate_checks(tracker: Tracker) -> List[Dict[str, Any]]:
    """The offences of the latest message (or of the one before a button pressed) told each with a day of its own and
    its kind, when there are several on different days: what each costs, added (R3); [] otherwise."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    message = users[-2] if len(users) > 1 and (users[-1].get("text") or "").startswith("/") else (
        users[-1] if users else {})
    retraits = retraits_in_message((message.get("parse_data") or {}).get("entities", []), message.get("text") or "")
    if len(retraits) < 2 or any(r.offence_type is None for r in retraits):
        return []
    days = [r.committed or r.realite for r in retraits]
    if len(set(days)) < len(days):
        return []
    return [{"offence": r.offence_type, "commission": day, **dict(r.speeds)} for r, day in zip(retraits, days)]


# "en même temps", "au même contrôle", "à la fois", "tel + ceinture": offences committed together (R3), even asked
# in general
_AT_ONCE = re.compile(r"\ben meme temps\b|\bcontrol\w*\b|\ba la fois\b|\bensemble\b|\bcumul\w*\b|\ble meme jour\b"
                      r"|\+")


class ActionAnswerOffencePoints(AnswerAction):
    form = "offence_points_form"
    field_slots = {"offence": "offence_type", "offences": "offence_type", "speed_limit_kmh": "speed_limit",
                   "recorded_speed_kmh": "speed_measured", "excess_kmh": "speed_excess"}
    question_slots = ("offence_type", "speed_limit", "speed_excess", "speed_measured", "other_offences")

    def name(self) -> Text:
        return "action_answer_offence_points"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if asks_when_withdrawn(tracker) and not answer_in_context(tracker):
            # "PV pour un stop, pas encore payé, mes points sont déjà retirés ?": when, with its points (R2)
            return ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        pending = pending_story_answer(tracker)
        if pending:
            # "probatoire, il me reste 2 points, arrêté au téléphone": the balance falls to 0 or below; a 48SI
            # follows unless a stage is completed before it is notified (R18, R19 example 4), first
            dispatcher.utter_message(text=pending)
        return super().run(dispatcher, tracker, domain)

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """"j'ai eu un stop grillé, payé le 3 mars" is the user's offence, not a question in general: its
        points and class answer the recovery questions that follow ("je récupère mes points quand ?")."""
        points, klass = decision.results.get("points"), decision.results.get("offence_class")
        if not told_as_own_offence(tracker) or not points or klass is None or tracker.get_slot("other_offences"):
            return []
        learnt = {"last_offence_points": points, "offence_class": klass}
        return [SlotSet(slot, value) for slot, value in learnt.items() if tracker.get_slot(slot) is None]

    def decide(self, facts: Facts, today: date):
        if paid_by_owner_without_naming(facts.tracker):
            # "la voiture de société flashée, mon employeur a payé sans dire que c'était moi": no points (R21)
            return rules_core.offence_points(offence="owner_liability", commission=commission_day(facts.tracker.slots),
                                             today=today)
        recorded = facts.number("speed_measured")
        excess = facts.number("speed_excess") if recorded is None else None
        probationary = probation_said(facts.tracker)
        commission = commission_day(facts.tracker.slots)
        speeds = {"speed_limit_kmh": facts.number("speed_limit"), "recorded_speed_kmh": recorded, "excess_kmh": excess}
        separate = _retraits_of_separate_checks(facts.tracker)
        if separate:
            # "un feu rouge le 5 janvier et le lendemain un stop, deux PV : combien en tout ?": each its points, added
            # without the cap of one check (R3 example 4; tester T2: only the stop was counted)
            return rules_core.separate_offences(offences=separate, today=today)
        others = facts.slot("other_offences") or []
        if others and (told_as_own_offence(facts.tracker) or latest_text_says(facts.tracker, _AT_ONCE)):
            # several offences at one check (R3)
            return rules_core.simultaneous_offences(
                offences=[{"offence": facts.slot("offence_type"), **speeds}, *others], commission=commission,
                today=today, probationary=probationary)
        # "combien pour un refus de priorité à un piéton, et un dépassement par la droite ?": each asked in general,
        # not committed together: each its own points, no cap of simultaneous offences (tester T1 c64)
        facts.notes.extend(render(rules_core.offence_points(offence=other, commission=commission, today=today,
                                                            probationary=probationary)) for other in others)
        decision = rules_core.offence_points(
            offence=facts.slot("offence_type"), commission=commission, today=today, **speeds,
            probationary=probationary,
            # the user's offence that brings their balance to 0 or below: a 48SI, not a 48N (R19 example 4), as the
            # pending loss said first
            balance_before=balance_before_pending_loss(facts.tracker) if pending_story_answer(facts.tracker) else None,
            # "je vais recevoir une 48N ?" then "téléphone au volant": its condition, probation not known (R15)
            asked_48n=bool(_NAMES_48N.search(fold(question_text(facts.tracker)))),
        )
        points = decision.results.get("points")
        if probationary is False and asks_whether_48n_comes(facts.tracker):
            # "permis depuis 2008, grillé un feu rouge, je vais recevoir une 48N ?": no, the 48N is for a licence in
            # probation only (R15)
            licence = facts.licence_date
            facts.notes.append(render(rules_core.stage_obligation(licence_date=licence, today=today, aac=facts.aac))
                               if licence is not None else NO_48N_OUT_OF_PROBATION)
        if points and latest_text_says(facts.tracker, _ASKS_WHAT_IS_LEFT) and facts.number("current_balance") is None:
            # "flashé à +25, il me reste combien de points ?": the balance before is not known; what is left if
            # the licence was full (R1: 12, 6 at the start of a probation), and where to read the real one
            capital = rules_core.load_params().at(today)
            full, initial = capital.value("capital.max"), capital.value("probation.initial_points")
            at_start = f", {max(0, initial - points)} au début d'un permis probatoire" if probationary and initial else ""
            facts.notes.append(
                f"Il vous en reste ce que vous aviez moins {points} : par exemple {max(0, full - points)} si votre "
                f"permis avait ses {full} points{at_start}. Dites-moi votre solde avant l'infraction pour le calcul "
                f"exact. {informational.HOW_TO_CHECK_BALANCE}")
        return decision


_NAMES_48N = re.compile(r"\b48\s?n\b")


# "il me reste combien de points ?", "j'aurai combien ?", "ça me laisse combien ?" (folded text)
_ASKS_WHAT_IS_LEFT = re.compile(r"\b(?:il (?:me|m'en) reste|me restera|m'en restera|j'aurai|ca me laisse|il m'en reste)"
                                r"\b[^.?!]{0,20}\bcombien|\bcombien\b[^.?!]{0,30}\b(?:(?:il )?(?:me|m'en) reste"
                                r"|m'en restera|me restera|j'aurai|reste-t-il)\b")


class ActionAnswerRetraitTiming(AnswerAction):
    """R2: when the points are withdrawn (the offence established, not committed), for the user's case."""

    field_slots = {"established_on": "fine_payment_date", "commission": "offence_date", "points": "last_offence_points"}

    def name(self) -> Text:
        return "action_answer_retrait_timing"

    def decide(self, facts: Facts, today: date):
        decision, notes = retrait_decision(facts.tracker, today)
        facts.notes.extend(notes + [FNPC_CAVEAT] if notes else [])  # the balance told, after the retrait (R18)
        return decision


# "combien de temps pour recevoir la lettre 48 après avoir payé ?", "la 48 arrive quand ?" (T1 c80)
_WHEN_DOES_IT_COME = re.compile(
    r"\b(?:combien de temps|quand|delai|au bout de combien)\b[^?.!]{0,60}\b(?:recevoir|recoit|recois|recoive|arrive\w*|"
    r"envoi\w*|envoy\w*)\b|\b(?:recevoir|arrive\w*|envoy\w*)\b[^?.!]{0,30}\b(?:quand|combien de temps|delai)\b")


class ActionAnswerLetter(AnswerAction):
    form = "letter_form"
    field_slots = {"letter": "letter_code", "received_on": "letter_48n_date"}
    question_slots = ("letter_code",)

    def name(self) -> Text:
        return "action_answer_letter"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        named = letters_named_in_message(tracker)
        if len(named) > 1 and set(named) <= set(rules_core.LETTERS) and not answer_in_context(tracker):
            # "c quoi la lettre 47 ? et la 46D ?": each letter named, in order (R19)
            dispatcher.utter_message(text="\n\n".join(
                render(rules_core.letter_meaning(letter=letter, today=today())) for letter in named))
            return [SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name())]
        if tracker.get_slot("letter_code") is None and asks_letter_to_come(tracker) and \
                not letter_to_come_known(tracker) and tracker.get_slot("offence_type"):
            # "mon fils va recevoir une lettre ?" with its offence, the balance unknown: the offence's points, which
            # say whether a 48N follows in probation (R15, R19), as for "je vais recevoir une 48N ?"
            return ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
        computed = None
        if tracker.get_slot("letter_code") == "48SI":
            # "48SI reçue, permis rendu le 8 avril" (R20), or "il me reste 1 point, j'en perds 2, pas reçu de 48SI":
            # the balance, and whether a stage saves (or saved) the licence (R18)
            computed = invalidation_answer(tracker) or (
                pending_loss_answer(tracker) if letter_48si_not_received_said(tracker) else None)
        if computed is None:
            return super().run(dispatcher, tracker, domain)
        dispatcher.utter_message(text=computed)  # "48SI reçue, permis rendu le 8 avril, je repasse quand ?"
        return [SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name())]

    def decide(self, facts: Facts, today: date):
        letter = facts.slot("letter_code")
        if letter is None:
            expected = expected_letter_decision(facts, today)
            if expected is not None:
                return expected  # "quelle lettre je vais recevoir ?" after a retrait (R19)
        not_yet = letter_not_received(facts.tracker)
        # (the date slot is named after the 48N; "reçue le…" of a 48SI gives its 10-day deadline as well)
        received = facts.day("letter_48n_date", "earliest") if letter in ("48N", "48SI") and not not_yet else None
        return rules_core.letter_meaning(letter=letter, today=today, received_on=received, not_yet_received=not_yet,
                                         asks_when_it_comes=latest_text_says(facts.tracker, _WHEN_DOES_IT_COME))


class InformationalAction(Action, abc.ABC):
    """An answer with no computation (see `actions.informational`)."""

    answer = staticmethod(informational.answer_help)

    @abc.abstractmethod
    def name(self) -> Text:
        """action_answer_<topic>."""

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if new_subject_in_context(tracker):  # "et pour le portable ?" read as a stage question
            return [FollowupAction("action_apply_correction")]
        in_context = answer_in_context(tracker)
        if in_context:  # "donc je fais quoi ?" after an answer (read as a request for help)
            dispatcher.utter_message(text=in_context)
            return restored_facts(tracker)
        self.answer(dispatcher, tracker)
        return []


class ActionDontKnow(Action):
    """"je ne sais pas" outside a form: after an answer that asked the balance before the offence, where to read it;
    otherwise, what the question is."""

    def name(self) -> Text:
        return "action_dont_know"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        last_said = next((e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "bot"), "")
        if "votre solde" in last_said:
            dispatcher.utter_message(text=f"Pas de souci. {informational.HOW_TO_CHECK_BALANCE}")
        else:
            dispatcher.utter_message(response="utter_what_question")
        return []


class ActionHelp(InformationalAction):
    answer = staticmethod(informational.answer_help)

    def name(self) -> Text:
        return "action_help"


def invalidation_answer(tracker: Tracker) -> Optional[str]:
    """After a 48SI, with the day the licence was handed back: when a new licence may be obtained and
    which exams (R20), for this user. None when that day is not known."""
    facts = Facts(tracker)
    handed_back = facts.day("licence_handed_back_date", "latest", "la remise du permis")
    if handed_back is None:
        return None
    # "deuxième invalidation : rendu le 15 janvier 2026, la première fois le 8 avril 2024", in one message: the latest
    # is this one, the one before decides the 1-year wait when it was within 5 years (R20). (Told in two messages,
    # the second corrects the first: "non je l'ai rendu le 14".)
    said = sorted({day for day in (_partial_day(e.get("value")) for e in (tracker.latest_message or {}).get(
        "entities", []) if e.get("entity") == "date" and e.get("role") == "handed_back") if day is not None})
    if len(said) > 1:
        handed_back = said[-1]
    # the 48SI's receipt, when told: the licence is due within 10 days of it (R19, R20)
    received = facts.day("letter_48n_date", "earliest") if tracker.get_slot("letter_code") == "48SI" else None
    try:
        decision = rules_core.invalidation_waiting(handed_back_on=handed_back, today=today(),
                                                   licence_date=facts.day("licence_date", "earliest"),
                                                   previous_handed_back_on=said[-2] if len(said) > 1 else None,
                                                   invalidation_notified_on=received)
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return "\n\n".join([render(decision), *dict.fromkeys(facts.notes)])


#: the licence obtained again, done: "j'ai repassé mon permis", "je l'ai repassé", "nouveau permis obtenu" (not "je
#: pourrai repasser quand ?", asked after a 48SI)
_LICENCE_AGAIN = re.compile(r"\b(?:j'?\s?ai|a|avons|avez|l'?\s?ai|l'?\s?a)\s+(?:re-?passe|reobtenu|re-?eu)\b"
                            r"|\bnouveau permis\b|\bpermis\s+(?:re-?passe|reobtenu)\b")


def new_licence_after_invalidation(tracker: Tracker) -> bool:
    """The licence of the conversation is a new one, obtained after an invalidation or a cancellation (R5 example 4):
    said obtained again, or dated after the invalidation told."""
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    if not relicensed(tracker) or licence is None:
        return False
    invalidated = invalidation_told(tracker) or partial_date_or_none(tracker.get_slot("licence_handed_back_date"))
    if invalidated is not None:
        return licence.latest() > invalidated.latest()
    return any(_LICENCE_AGAIN.search(fold(event.get("text") or "")) for event in tracker.events
               if event.get("event") == "user")


def _ceiling_with(licence: date, aac: bool, day: date, commission: Optional[date], relicensed: bool = False) -> int:
    """The ceiling on `day` of a licence whose first offence was committed on `commission` (None: none) (R5, R7)."""
    offences = () if commission is None else (rules_core.Offence(commission=commission, points=1, offence_class="c4"),)
    plan = probation_plan(licence_date=licence, aac=aac, offences=offences, relicensed=relicensed)
    return plan.ceiling_on(day) if plan is not None else rules_core.load_params().at(day).value("capital.max")


def _partial_day(value: Any) -> Optional[date]:
    partial = partial_date_or_none(value)
    return partial.latest() if partial else None


def _retrait_told(facts: Facts, today_: date) -> Optional[int]:
    """The points of the retrait the user told: said ("je vais perdre 4 points"), or its offence's (R4)."""
    return retrait_told(facts.tracker, today_)


def expected_letter_decision(facts: Facts, today_: date):
    """"j'ai 12 points, je viens d'en perdre 3, quelle lettre je vais recevoir ? je dois faire un stage ?": the letter
    the retrait brings, the balance after it and whether a stage is compulsory (R19 example 1, R15). None when
    that is not asked or the balance or the retrait is not known."""
    retrait = _retrait_told(facts, today_)
    if not which_letter_asked(facts.tracker) or not retrait:
        return None
    return rules_core.expected_letter(balance_before=facts.number("current_balance"), points_withdrawn=retrait,
                                      today=today_, probationary=bool(probation_said(facts.tracker)))


def balance_before_pending_loss(tracker: Tracker) -> Optional[int]:
    """The balance before the user's retrait when that retrait brings it to 0 or below (R18, R19 example 4, R20):
    told, or the probationary ceiling of the day for a young licence with no other retrait. None otherwise."""
    _, balance, retrait, _ = _pending_loss_facts(tracker)
    return int(balance) if balance and retrait and int(balance) - retrait <= 0 else None


def _pending_loss_facts(tracker: Tracker) -> tuple:
    """(facts, balance before the retrait, the retrait's points, the caveat on where that balance comes from)."""
    facts = Facts(tracker)
    balance = facts.number("current_balance")
    if balance is None:  # "j'étais à 2 points": a number of points without a role, with the offence told
        balance = next((e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                        if e.get("entity") == "points" and not e.get("role")), None)
    retrait = _retrait_told(facts, today())
    caveat = FNPC_CAVEAT
    if balance is None and retrait and facts.licence_date is not None and licence_may_be_probationary(tracker):
        # "ma fille a eu son permis en avril, contrôlée à 0,3 g, elle va perdre son permis ?": without another
        # retrait, the balance before this one is the probationary ceiling of the day (R5)
        balance = facts.ceiling_on(commission_day(tracker.slots))
        caveat = ESTIMATE_CAVEAT
        if balance is not None:
            facts.notes.append(f"Sans autre retrait depuis l'obtention du permis, le solde avant cette infraction est "
                               f"le plafond du permis probatoire ce jour-là : {balance} points.")
    return facts, balance, retrait, caveat


def pending_loss_answer(tracker: Tracker) -> Optional[str]:
    """"il me reste 2 points, je vais perdre 4 points pour un stop, un stage peut me sauver ?": the balance
    after the retrait and whether a stage completed before the 48SI saves the licence (R18, R20). None when
    the balance or the retrait is not known, or the retrait leaves points."""
    facts, balance, retrait, caveat = _pending_loss_facts(tracker)
    if not balance or not retrait or int(balance) - retrait > 0:
        return None
    notified = facts.day("letter_48n_date", "earliest") if invalidation_notified(tracker) else None
    if invalidation_notified(tracker) and notified is None:
        return None  # a 48SI received, its day unknown: whether a stage came before it cannot be said (R18)
    # the stage of the question, else the last one told in a message ("j'ai fait un stage les 20 et 21 avril"):
    # done, it may have saved the licence (R18 example 2)
    stage = facts.day("stage_first_day", "earliest") or _last_stage_said(tracker)
    decided = date_told(tracker, "retrait_decision")
    try:
        decision = rules_core.pending_loss(
            balance_before=int(balance), retrait_points=retrait, today=today(),
            paid_on=facts.day("fine_payment_date", "latest"), stage_first_day=stage,
            # "sur Mes Points Permis, le retrait a été enregistré le 15 novembre" (tester T1 c49)
            retrait_decided_on=decided.latest() if decided else None,
            previous_points_stage_first_day=facts.previous_stage if facts.previous_stage != stage else None,
            invalidation_notified_on=notified, no_invalidation_notified=letter_48si_not_received_said(tracker))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return "\n\n".join([render(decision), *dict.fromkeys(facts.notes), caveat])


def pending_story_answer(tracker: Tracker) -> Optional[str]:
    """The user's own retrait, told with the balance before it, brings that balance to 0 or below: the pending loss
    answers whatever the question was read as (offence, balance, compulsory stage, stage), so every route says the
    same (R18 examples 2 to 4, R19 example 4, R20). The retrait is the user's and the balance told is the one before
    it: told with "pas (encore) reçu de 48SI", or told as theirs in the message ("je viens de me faire arrêter") and
    not paid long ago (a balance told after an old payment is the one left after it, R2). Not after a 48N received
    (its deadline answers, R15) nor once a 48SI is received (R14, R18 example 5: the answer of that letter)."""
    if letter_48n_received(tracker) or invalidation_notified(tracker):
        return None
    if letter_48si_not_received_said(tracker) or (told_as_own_offence(tracker)
                                                   and pending_retrait(Facts(tracker), today())):
        return pending_loss_answer(tracker)
    return None


def _last_stage_said(tracker: Tracker) -> Optional[date]:
    """The first day of the last stage told in the messages (day known), done or to come."""
    for value in reversed(stage_dates_said(tracker)):
        try:
            partial = PartialDate.parse(value)
        except InvalidAnswer:
            continue
        if partial.precision == "day":
            return partial.earliest()
    return None


# "48SI reçue, je peux faire un stage pour sauver mon permis ?"
_ASKS_SAVING_STAGE = re.compile(r"\bstage\b|\bsauver\b|\brattraper\b")


def too_late_for_a_stage(tracker: Tracker) -> Optional[str]:
    """A 48SI received and a stage asked about: too late, no stage gives points any more (R14 example 1, R18)."""
    if not invalidation_notified(tracker) or not latest_text_says(tracker, _ASKS_SAVING_STAGE):
        return None
    return render(rules_core.stage_eligibility(today=today(), licence_state="invalidated"))


class ActionAnswerZeroPoints(InformationalAction):
    answer = staticmethod(informational.answer_zero_points)

    def name(self) -> Text:
        return "action_answer_zero_points"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if stage_timing_with_pending_retrait(tracker):
            return [FollowupAction("stage_eligibility_form")]  # a stage's timing, far from zero (R18 example 1)
        if new_licence_after_invalidation(tracker):
            # "j'ai repassé mon permis en octobre 2026 après une invalidation, j'ai combien de points ?": the new
            # licence's balance, probationary from 6 points (R5 example 4, R20), not the invalidation's rules
            return [FollowupAction("action_answer_check_balance")]
        computed = invalidation_answer(tracker) or pending_loss_answer(tracker) or too_late_for_a_stage(tracker)
        if computed is None:
            return super().run(dispatcher, tracker, domain)
        dispatcher.utter_message(text=computed)
        return []


def _offence_of(retrait: ToldRetrait, facts: Facts, today_: date) -> Optional[dict]:
    """A told retrait as the engine takes it: its class, and its points when only the offence is told, from the
    offence's scale on that day (R4). None for an offence whose points need more (a speeding without its speeds)."""
    scale = {}
    if retrait.offence_type:
        try:
            scale = rules_core.offence_points(offence=retrait.offence_type, commission=retrait.realite,
                                              today=today_, **dict(retrait.speeds)).results
        except rules_core.InconsistentFacts:  # a speeding without its speeds
            scale = {}
    points = retrait.points or scale.get("points")
    if not points:
        return None
    if scale.get("offence_class") is None and retrait.offence_class in rules_core.OFFENCE_CLASSES:
        scale = {**scale, "offence_class": retrait.offence_class}  # answered to the form ("68 €": 3e classe)
    if scale.get("offence_class") is None:
        facts.notes.append(CLASS_ASSUMED_NOTE)
    return {"commission": retrait.committed or retrait.realite,
            # not established yet (fine not paid): its points are to come, no clock runs (R2 example 4)
            "realite": retrait.realite if retrait.established else None, "points": points,
            "offence_class": scale.get("offence_class") or UNKNOWN_CLASS_STANDS_FOR,
            # told by its payment only (or a month: "en juin 2026 contrôle au téléphone"): named by its payment, and a
            # 6-month block resting on it is conditional (R8)
            "commission_known": retrait.committed is not None and len(retrait.committed_date or "") == 10}


BALANCE_BEFORE = re.compile(r"\bavais\b|\brestait\b|\bavant\b|\bau depart\b|\bau debut\b")


def _balance_said_with_retraits(tracker: Tracker) -> Optional[int]:
    """"j'avais 12 points, j'en ai perdu 3 en mars…": the balance said in a message that tells retraits."""
    for event in reversed(tracker.events):
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        # (or a correction of that balance: "ah non j'avais 10 points avant en fait", W C21b)
        # (or said as the one before, in a message of its own: "j'avais 12", "il me restait 10 points avant", T3 c43)
        if any(e.get("entity") == "points" and e.get("role") in (None, "lost") for e in entities) \
                or retraits_in_message(entities) or BALANCE_BEFORE.search(fold(event.get("text") or "")):
            said = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "balance"]
            if said:
                return int(said[0])
    return None


def stage_dates_said(tracker: Tracker) -> List[str]:
    """The stage dates of the user's messages (ISO, maybe a month only), in order; a message that corrects ("non,
    le stage c'était le 20 avril") replaces the last one said before."""
    said: List[str] = []
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        dates = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                 if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str)]
        if said and len(dates) == 1 and reads_as_correction(event.get("text")):
            said.pop()
        said.extend(dates)
    return said


def stage_dates_told(tracker: Tracker) -> List[str]:
    """The stages the user told (ISO dates, maybe a month only): those of their messages, then the stage slots (the
    last stage that gave points, the stage of the question)."""
    told = stage_dates_said(tracker)
    for slot in ("previous_stage_date", "stage_first_day"):
        value = tracker.get_slot(slot)
        if isinstance(value, str) and value != NO_PREVIOUS_STAGE and value not in told:
            told.append(value)
    return told


def history_decision(facts: Facts, today_: date, *, assume_full_before: bool):
    """The recovery (with the balance today) of the retraits told with their dates (R1, R8–R10), or the
    probation status when the licence may be probationary (R5, R7). None when no dated retrait is told."""
    retraits = told_retraits(facts.tracker)
    if not retraits:
        return None
    offences = [_offence_of(r, facts, today_) for r in retraits]
    if None in offences:
        return None
    licence = facts.licence_date
    # the stages the user did count in the balance, capped at the ceiling of their day (R12, R13, R18)
    stages = [first for first in facts.stages_done(today_) if licence is None or first >= licence]
    if licence is not None and licence_may_be_probationary(facts.tracker):
        return rules_core.probation_status(licence_date=licence, today=today_, aac=facts.aac,
                                           relicensed=facts.relicensed,
                                           training_date=facts.day("training_date", "latest"),
                                           offences=[o for o in offences if o["commission"] >= licence],
                                           stages=stages)
    start = _balance_said_with_retraits(facts.tracker)
    if start is None and licence is None and assume_full_before:
        start = 12
        facts.notes.append(FULL_BEFORE_NOTE)
    return rules_core.automatic_recovery(offences=offences, today=today_, licence_date=licence, aac=facts.aac,
                                         training_date=facts.day("training_date", "latest"),
                                         balance_before=start, offences_since=offences_said_since(facts.tracker),
                                         stages=stages, relicensed=facts.relicensed,
                                         invalidated_on=facts.invalidated_on)


def balance_answer(tracker: Tracker) -> Optional[str]:
    """"j'ai perdu 3 points en mars 2025 et 1 en octobre 2026, combien il me reste ?": the balance today first,
    then when the points come back. None when no dated retrait is told."""
    facts = Facts(tracker)
    try:
        decision = history_decision(facts, today(), assume_full_before=True)
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    if decision is None:
        return None
    first = [r for r in decision.reasons if r.code == "recovery.balance_today"]
    if first:  # then what each stage told gave (R12, R18); one that saved the licence comes first of all
        stages = [r for r in decision.reasons if r.code.startswith("balance.stage_")]
        saved = [r for r in stages if r.code == "balance.stage_saved"]
        first = saved + first + [r for r in stages if r not in saved]
    decision = replace(decision, reasons=tuple(first + [r for r in decision.reasons if r not in first]))
    return "\n\n".join([render(decision), *dict.fromkeys(facts.notes), ESTIMATE_CAVEAT])


def balance_after_offence_answer(tracker: Tracker) -> Optional[str]:
    """"j'avais 12 points" … "il m'en reste combien ?" after the user's offence: the balance after its retrait, and
    the letter it brings (R1, R19). None when the balance before or the offence's points are not known."""
    facts = Facts(tracker)
    points, balance = facts.number("last_offence_points"), facts.number("current_balance")
    if not points and balance:
        # "arrêté hier soir, téléphone et pas de ceinture" then "il me restait 10 points avant": the offences of
        # that one check, capped (R3 example 1); of separate checks, added (R3 example 4)
        points = own_offences_points(tracker)
    if not points and balance and tracker.get_slot("offence_type"):
        # "j'avais 12 points. Feu rouge le 3 septembre payé le 10 septembre. Il me reste combien ?": the barème's
        # points of the offence told (R4)
        points = offence_scale(tracker.get_slot("offence_type"), tracker.slots).get("last_offence_points")
    if not points or not balance:
        return None
    try:
        decision = rules_core.expected_letter(balance_before=balance, points_withdrawn=points, today=today(),
                                              probationary=bool(probation_said(tracker)))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return "\n\n".join([render(decision), FNPC_CAVEAT])


class ActionAnswerCheckBalance(InformationalAction):
    answer = staticmethod(informational.answer_check_balance)

    def name(self) -> Text:
        return "action_answer_check_balance"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        # one retrait told, the user's, still to be recorded and bringing the balance to 0 or below: the pending loss
        # (R2: not withdrawn yet; R18, R20), as the other routes say; several retraits: their history (R8–R10)
        pending = pending_story_answer(tracker) if len(told_retraits(tracker)) <= 1 else None
        computed = pending or balance_answer(tracker) or balance_after_offence_answer(tracker)
        if computed is not None:
            dispatcher.utter_message(text=computed)
            return [SlotSet("last_question", self.name())]
        if probation_said(tracker):
            # "j'ai eu mon permis l'été dernier, combien j'ai de points ?": the probation question (R5); its form
            # asks what it still needs, or the answer comes at once when everything is known
            required = await ValidateProbationForm().required_slots(
                domain["forms"]["probation_form"]["required_slots"], dispatcher, tracker, domain)
            if any(tracker.get_slot(slot) is None for slot in required):
                return [FollowupAction("probation_form")]
            return ActionAnswerProbation().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)


class ActionAnswerStageInfo(InformationalAction):
    answer = staticmethod(informational.answer_stage_info)

    def name(self) -> Text:
        return "action_answer_stage_info"


class ActionAnswerSuspension(InformationalAction):
    answer = staticmethod(informational.answer_suspension)

    def name(self) -> Text:
        return "action_answer_suspension"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        events = super().run(dispatcher, tracker, domain)
        told = {e.get("entity") for e in (tracker.latest_message or {}).get("entities", [])}
        if dispatcher.messages and told & {"offence_type", "speed_excess", "speed_measured"} and \
                not answer_in_context(tracker):
            # "retenu sur le bord de la route, j'étais à 135 au lieu de 90": the retention, then what the excess
            # costs (45 km/h: 4 points, 4e classe, R4; tester T3 c20)
            points = points_of_the_offence_told(tracker)
            if points:
                dispatcher.utter_message(text=points)
        return events
