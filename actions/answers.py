"""Answer actions: read the facts from the slots, ask `rules_core`, render its decision.

Every decision comes from `rules_core` and its French wording from
`rules_core.wording_fr`; these classes only translate slots into arguments. When the
engine finds the facts impossible (`InconsistentFacts`), the user gets its French
message, the offending fact is forgotten and the form asks for it again.
"""
from __future__ import annotations

import abc
import dataclasses
import asyncio
import functools
import inspect
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Callable, Dict, List, Optional, Text, Tuple

from dateutil.relativedelta import relativedelta
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import rules_core
from actions import informational, slot_values
from actions.follow_ups import (
    ASKS_EXAMS_DURING_WAIT, ASKS_STAGE_DEADLINE, ASKS_SUSPENSION_END, ASKS_TO_DRIVE_AGAIN, ASKS_TOO_LATE,
    VOLUNTARY_STAGE_NO_REFUND,
    answer_in_context, balance_once_withdrawn, new_subject_in_context, previous_answer, when_driving_again,
)
from actions.forms import (alcohol_level_scale,
    ANSWER_INTENTS, PROBATION_YEARS_AT_MOST, STAGE_BEFORE_LETTER, ValidateProbationForm, asks_alcohol_limit, asks_whether_48n_comes_after_retraits, asks_refund_steps, asks_whether_48n_comes, commission_day, previous_stage_left_unanswered,
    court_stage_question, impossible_date_reask,
    fine_status_said, majoree_paid_said, invalidation_notified, invalidation_supposed_on, latest_text_says, letter_48n_received, letter_48si_not_received_said,
    last_value, letter_in_question, letter_not_received, letter_uncollected, licence_may_be_probationary,
    letter_to_come_known, letter_named_in_message, letters_named_in_message, message_values, no_48n_possible,
    offence_scale, offence_told, offences_said_since, offences_since_said_before, owner_liability_kind, company_side_asks, paid_by_owner_without_naming,
    planned_stages_in, probation_said, question_text, reads_as_correction, relicensed, retrait_told,
    offence_answered_asked_again, retraits_told_without_48n, slots_set_by_latest_message, stage_day_not_needed,
    told_as_own_offence, voluntary_stage_said, PASSENGER_BELTS, check_without_the_drivers_belt,
    stage_before_the_letter_asked, voluntary_before_letter_day, voluntary_stage_in_context,
    which_letter_asked, balance_told_besides_asked, balances_asked_back, refund_deadline_asked,
    told_retraits_in_latest_message, stage_in_time_asked, stage_days_told, last_value_before_message,
    stage_day_told_in_time_asked,
)
from actions.forms import (DATE_SLOTS, FORM_OF_QUESTION, letter_48n_receipt_answered,
                           aac_probation_over_before_the_offences, offence_year_told_by_the_payment,
                           speeding_count_corrected_note)
from actions.licence_to_come import licence_to_come_answer, new_category_answer, new_licence_today_answer
from actions.follow_ups import (LICENCE_LOST_ASKED, figure_doubted, hand_back_by_asked, invalidation_doubted, probation_restart_asked, training_reduction_asked,
                                probation_increment_asked,
                                zero_balance_steps)
from actions.follow_ups import (court_asked_after_offence, fine_never_paid_asked_with_an_offence,
                                fine_without_licence_told, offence_asked_back,
                                offence_told_decision,
                                points_of_the_offence_told, sources_asked,
                                retrait_beyond_a_cap_doubted)
from actions.forms import (OFFENCE_DAY_ASKED, ValidatePointsAfterStageForm, asks_letter_to_come, letters_offered_as_a_choice,
                           LETTER_MEANING_ASKED,
                           balance_left_asked_without_stage, balance_with_the_stage_done_asked,
                           class_by_road, conversation_letter, letter_receipt_told,
                           designation_answer,
                           letter_48n_asked_in_general, offence_day_said, offence_of_the_story,
                           pointless_offence_named, pointless_offence_points, pointless_offence_remembered,
                           speed_not_known,
                           speeding_scale_without_speed, stage_to_come_asked,
                           value_before_message)
from actions.offence_history import (BALANCE_BEFORE, ONE_CHECK, offences_by_check, ToldRetrait, balance_before_the_offences, date_told,
                                     echoed_count, invalidation_told, own_offences_points,
                                     retraits_in_message, told_retraits)
from actions.invalidation_law import invalidation_law_answer
from actions.mid_form import answered_by_its_form, cancels_the_question, goodbye_said_since_the_message, says_goodbye, \
    only_where_to_check_asked, topic_ended
from actions.letter_48n_due import letter_48n_due_answer
from actions.reminders import dates_something, reminding, unsent_this_turn
from actions.stage_timing import PLANNED_BEFORE_THE_RETRAIT
from actions.third_person import said_of_the_subject, speaking_of_the_subject
from actions.retrait_timing import asks_when_withdrawn, fine_not_paid, payment_planned, retrait_decision
from actions.two_part import answering_the_other_question, other_question, then_other_question
from actions.yes_no import of_no_bearing, verdict_first
from actions.what_if import (ALCOHOL_LEVEL, BALANCE_STATED_TODAY, LEFT_ONCE_MADE, speed_readings, balance_after_the_hypothesis_answer, stage_after_the_hypothesis_answer, HYPOTHETICAL_STAGE, OUT_OF_TOWN_LIMIT, hypothetical_message, is_hypothesis,
                             restored_facts, supposed_facts_restored)
from actions.slot_values import (
    CORRECTION, NO_PREVIOUS_STAGE, NOT_PAID, UNKNOWN_CLASS, InvalidAnswer, PartialDate, of_season, partial_date_or_none, past_date, rough_days,
    rough_margin, season_said, the_season, this_week_ahead, words_of_date,
)
from bot.nlu.fact_parsing import (OUT_OF_TOWN_ROAD, blood_alcohol_level, fold, full_balance_said, negative_balance_told,
                                  radar_speed, says_retained_speed)
from bot.reference_date import today
from rules_core.capital import probation_plan
from rules_core.offences import CLASS_ORDER, OFFENCE_TYPES
from rules_core.dates import MONTHS_FR, add, format_duration_fr, format_long_fr
from rules_core.stage import next_point_stage
from rules_core.wording_fr import CLASS_FR, TEMPLATES, render, render_error, render_reason, year_fr
from rules_core.wording_fr import points_fr as _points_fr

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
LAST_OFFENCE_ONLY = ("J'ai compté à partir de votre dernière infraction seulement ; une infraction commise depuis "
                     "repousse ces dates.")
# (how an answer was counted: none of them turns a yes/no answer, actions.yes_no)
of_no_bearing(FULL_BEFORE_NOTE, LAST_OFFENCE_ONLY, FNPC_CAVEAT)
CLASS_ASSUMED_NOTE = (
    "Sans la nature de l'infraction ni le montant de son amende, j'ai compté le délai de récupération le plus "
    "long (3 ans, comme pour une contravention de 4e classe ou un délit)."
)
SINGLE_POINT_EXCESS_CLASS_NOTE = (
    "Sans la vitesse limite, j'ai compté le délai le plus long pour retrouver tous les points : 3 ans (contravention "
    "de 4e classe, excès de moins de 20 km/h là où la vitesse est limitée à 50 km/h ou moins) ; ce serait 2 ans au-delà "
    "de 50 km/h (3e classe). Le retour du point, 6 mois après le paiement, n'en dépend pas."
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
    #: the notes that say the day counted for a date known to the month or the year, with that date (ISO)
    precision_notes: List[Tuple[str, str]] = field(default_factory=list)
    #: what the answer must say before the engine's result ("La lettre 48N n'est pas encore reçue : …")
    leads: List[str] = field(default_factory=list)
    #: a yes/no question the decision answers: its first line led by "Oui : " or "Non : " (None: no verdict)
    verdict: Optional[bool] = None
    #: the safe last day counted for a date told by its month only ("payée en mai 2025": 31 May 2025), and that month
    month_stand_ins: Dict[date, PartialDate] = field(default_factory=dict)
    #: the offences said "since", undated, are counted in a balance said just before the last retrait told (T38 c21)
    since_in_the_balance: bool = False

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
        season = season_said(self.tracker.events, value)
        if season is not None:
            # "au printemps 2022": the season's last day (20 June) or first, not the end of March (T20 c26)
            name, first, last = season
            chosen = min(last if safe == "latest" else first, today())
            if what_fr:
                self.say_precision(value, chosen, what_fr)
            return chosen
        chosen = partial.latest() if safe == "latest" else partial.earliest()
        if what_fr:
            self.say_precision(value, chosen, what_fr)
        return chosen

    def stand_in(self, value: Any, chosen: Optional[date]) -> None:
        """A day counted for a date known to the month, which changes nothing the answer says: the answer names
        the month ("payée en janvier 2016"), with no note on the day."""
        partial = partial_date_or_none(value) if isinstance(value, str) else None
        if partial is not None and chosen is not None and partial.precision == "month" and \
                season_said(self.tracker.events, value) is None:
            self.month_stand_ins[chosen] = partial

    def say_precision(self, value: str, chosen: date, what_fr: str, of_a_slot: bool = True) -> None:
        """A note when the date `value` (ISO) is not known to the day, `chosen` standing for it: a month or a year
        ("mai 2026": its safe end), or a day counted back from today by a rounded duration ("il y a huit mois")."""
        partial = partial_date_or_none(value)
        season = season_said(self.tracker.events, value)
        if partial is not None and season is None and partial.precision == "month" and chosen == partial.latest():
            self.month_stand_ins[chosen] = partial
        if partial is not None and season is not None:
            # "au printemps 2022": the season said back, not its first month (T22 c26 got "mars 2022")
            name, first, _ = season
            self.notes.append(f"Vous avez indiqué {the_season(name)} {partial.year} pour {what_fr} : j'ai retenu le "
                              f"{format_long_fr(chosen)}, {'le début' if chosen == first else 'la fin'} "
                              f"{of_season(name)}, la date la plus prudente. Donnez-moi le jour exact pour une "
                              "réponse précise.")
        elif partial is not None and partial.precision != "day":
            self.notes.append(
                f"Vous avez indiqué {partial.french()} pour {what_fr} : j'ai retenu le {format_long_fr(chosen)}, "
                "la date la plus prudente. Donnez-moi le jour exact pour une réponse précise."
            )
            if of_a_slot:  # (a retrait told decides its own: _day_changes_the_answer)
                self.precision_notes.append((self.notes[-1], value))
        rough = rough_days(self.tracker.events).get(value)
        if rough:  # "il y a huit mois": a day counted back from today, which people round
            # ("une vingtaine d'années": some years either side, T27 c13)
            near = "à quelques années près" if (rough_margin(rough) or relativedelta()).years else \
                "à quelques jours près"
            self.notes.append(
                f"Vous avez indiqué « {rough.strip()} » pour {what_fr} : j'ai compté à partir du "
                f"{format_long_fr(chosen)} environ ; les dates qui en découlent sont donc approximatives (vers le "
                f"{format_long_fr(chosen)}, {near}). Donnez-moi la date exacte pour une réponse précise.")

    def said_by_month(self, text: str) -> str:
        """The rendered answer with a date told by its month said as that month: "l'infraction payée en mai 2025",
        not "payée le 31 mai 2025", a day the user never gave; where a delay runs from it, the day counted is named as
        the assumption it is ("depuis mai 2025 (au plus tard le 31 mai 2025)"); the note says why that day."""
        for day, partial in self.month_stand_ins.items():
            said, month = format_long_fr(day), partial.french()
            text = text.replace(f"payée le {said}", f"payée en {month}")
            text = text.replace(f"depuis le {said}", f"depuis {month} (au plus tard le {said})")
        return text

    def number(self, name: str) -> Optional[int]:
        value = self.slot(name)
        if name == "current_balance" and value is not None and getattr(self, "_full_read", None) is not None:
            return None  # (reading the ceiling a full balance stands for: the balance does not bound it)
        if name == "current_balance" and value is not None:
            corrected = negative_balance_said_since(self.tracker)
            if corrected is not None:
                return corrected
        if name == "current_balance" and value is not None and full_balance_told(self.tracker, value):
            full = self._full_balance_in_probation(int(value))
            if full is not None:
                return full
        return None if value is None else int(value)

    def _full_balance_in_probation(self, value: int) -> Optional[int]:
        """"il avait tous ses points", "j'étais au max" (read 12) on a probationary licence: the ceiling of that time,
        6, 8 or 10 (R1, R5; before an offence, its day's, frozen after it, R7), said. None when it is 12."""
        past = re.search(r"\b(?:avai[st]|etai[st])\b", fold(latest_text_with_balance(self.tracker, value)))
        day = (self.day("offence_date", "earliest") if past else None) or today()
        self._full_read = True
        try:
            ceiling = self.ceiling_on(day)
        finally:
            self._full_read = None
        if ceiling is None or ceiling >= value:
            return None
        when = "à ce moment-là" if past else "aujourd'hui"
        note = (f"« Tous vos points », en période probatoire, c'est le plafond de votre permis {when} : "
                f"{ceiling} points, pas {value} (article L.223-1 du Code de la route).")
        if note not in self.notes:
            self.notes.append(note)
        return ceiling

    @property
    def licence_date(self) -> Optional[date]:
        obtained = self.day("licence_date", "latest")
        if obtained is None or obtained + relativedelta(years=PROBATION_YEARS_AT_MOST) < today() or \
                aac_probation_over_before_the_offences(obtained, self.tracker):
            # probation over whatever the day ("permis depuis 2010", "en 2023 avec la conduite accompagnée" and an
            # offence of 2026, T41 c27): no note on the date kept
            return obtained
        return self.day("licence_date", "latest", "l'obtention du permis")

    @property
    def offence_class(self) -> str:
        """The told offence's class; unknown ("je ne sais pas" to the fine, or never told), the longest delay's
        (R9), and the answer says so."""
        klass = self.slot("offence_class")
        told = self.slot("offence_type")
        kinds = set(told) if isinstance(told, list) else {told} - {None}
        if len(kinds) == 1 and self.slot("speed_limit") is None and klass in (None, "c3") \
                and OUT_OF_TOWN_ROAD.search(fold(question_text(self.tracker))):
            # "10 km/h de trop sur une nationale, payé le 3 mars": the road out of town gives the 3e classe (R4), the
            # form's or the barème's; said, since the limit was not
            slots = self.tracker.current_slot_values()
            by_road = offence_scale(next(iter(kinds)), slots, out_of_town=True).get("offence_class")
            if by_road != offence_scale(next(iter(kinds)), slots).get("offence_class") and klass in (None, by_road):
                klass = by_road
                if OUT_OF_TOWN_LIMIT not in self.notes:
                    self.notes.append(OUT_OF_TOWN_LIMIT)
        single_excess = kinds == {"speeding"} and self.number("last_offence_points") == 1
        limit = self.slot("speed_limit")
        if klass is None and kinds == {"speeding"} and self.number("last_offence_points") and \
                isinstance(limit, (int, float)) and not isinstance(limit, bool):
            # "1 point pour un excès en ville" (the limit 50 read from the town), "1 point sur une route à 80": the
            # points and the limit give the class without the excess (R4: under 20 km/h, the 4e classe at 50 km/h or
            # less, the 3e above), as the form sets it (forms: speeding_class_of_points); not asked nor assumed
            try:
                klass = rules_core.speeding_class_of_points(
                    points=int(self.number("last_offence_points")), speed_limit_kmh=int(limit), today=today(),
                    commission=commission_day(self.tracker.current_slot_values()) or today())
            except rules_core.InconsistentFacts:
                klass = None
        if klass is None and len(kinds) == 1:
            # "une ceinture payée le 12 décembre 2016": the class of the offence told, by the barème (T1 c11, c69)
            klass = offence_scale(kinds.pop(), self.tracker.current_slot_values()).get("offence_class")
        if klass is None and single_excess:
            # an excess of 1 point, its limit not told (the fine not asked, forms.single_point_return_asked): the 4e
            # classe of a limit of 50 km/h or less, the longest delay, said with the other (R4, R9; T35 c14)
            if SINGLE_POINT_EXCESS_CLASS_NOTE not in self.notes:
                self.notes.append(SINGLE_POINT_EXCESS_CLASS_NOTE)
            return UNKNOWN_CLASS_STANDS_FOR
        points = self.number("last_offence_points")
        if klass in (None, UNKNOWN_CLASS) and not kinds and points and not isinstance(points, bool):
            # "une amende de 4 points", its offence not named: 2 or 4 points are always the 4th class (R4), so the
            # 3 years of R9, not "2 ans, ou 3 ans si …" nor the longest delay assumed (T55 c28)
            from actions.retrait_timing import class_of_its_points
            klass = class_of_its_points(int(points), commission_day(self.tracker.current_slot_values()),
                                        today()) or klass
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

    #: the AAC counted instead of the one told (None: the one told), to compare the ceilings it gives
    _aac_counted: Optional[bool] = None

    @property
    def aac(self) -> bool:
        """AAC shortens a first licence's probation only, never one obtained again (R5, R.211-5)."""
        if self._aac_counted is not None:
            return self._aac_counted
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
        """The licence's ceiling on `day` (R1, R5, R7), when the licence date is known. The AAC not told, when it
        would give another ceiling ("permis depuis mars 2025", "je vais recevoir quoi comme courrier ?"): the ceiling
        without it, and a note that says the other one and asks (R5: +3 a year instead of +2)."""
        ceiling = self._ceiling_on(day)
        if ceiling is None or self.slot("supervised_driving") is not None or self.relicensed or \
                self.licence_date is None:
            return ceiling
        notes, self.notes = self.notes, []
        self._aac_counted = True
        try:
            with_aac = self._ceiling_on(day)
        finally:
            self.notes, self._aac_counted = notes, None
        if with_aac is not None and with_aac != ceiling:
            note = AAC_NOT_TOLD.format(ceiling=ceiling, with_aac=with_aac)
            if note not in self.notes:
                self.notes.append(note)
        return ceiling

    def _ceiling_on(self, day: date) -> Optional[int]:
        """The licence's ceiling on `day` (R1, R5, R7), when the licence date is known, with the AAC counted.

        An offence told during probation froze it on the day it was committed (R7: no increment after it, so a stage
        tops up to that ceiling only, R12). Without that day exactly (a month, the payment, a 48N received, "j'ai
        perdu des points"), the lowest ceiling the facts allow is counted, the safe one, and a note says which and
        what an offence committed later would give. The balance bounds it: a ceiling is never below the balance,
        nor below the balance before the retrait."""
        licence = self.licence_date
        if licence is None:
            return self._ceiling_of_the_year_told(day)
        if licence > day:
            return None
        window = self._first_offence_window(licence, day)
        candidates = self._frozen_ceilings(licence, day, window or (licence, day))
        unfrozen = ceiling_with(licence, self.aac, day, None, self.relicensed)
        need = self._ceiling_at_least(bool(window))
        viable = [(start, ceiling) for start, ceiling in candidates if ceiling >= need] or candidates[-1:]
        told = ceiling_told(self.tracker)
        if told is not None and told in {ceiling for _, ceiling in viable} | {unfrozen}:
            # "j'avais 3 points sur 8": the ceiling the user reads on their licence, one the facts allow (R5, R7; T15
            # c29: a 48N's offence of the 2nd year left 8, not the 6 the safe count gave)
            return told
        if told is not None and self._ceiling_told_not_possible(told) not in self.notes:
            self.notes.append(self._ceiling_told_not_possible(told))
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
                    "majorations (article L.223-1 du Code de la route) : " + OFFENCE_DAY_ASKED)
            return unfrozen
        start, ceiling = viable[0]
        later = [(s, c) for s, c in viable if c > ceiling]
        placed = getattr(self, "_placed_by_the_payment", None)
        if placed is not None:
            earlier = self._frozen_ceilings(licence, day, (licence, window[1]))
            if earlier[0][1] < ceiling:
                self.notes.append(self._offence_placed_by_the_payment(
                    placed, ceiling, earlier[0][1], since=start if candidates[0][1] < ceiling else None))
        if later:
            since = "" if start == candidates[0][0] else f"à partir du {format_long_fr(start)} et "
            self.notes.append(
                f"Sans la date exacte de l'infraction, j'ai compté le plafond de {ceiling} points, celui d'une "
                f"infraction commise {since}avant le {format_long_fr(later[0][0])} : la première infraction en période "
                "probatoire arrête les majorations (article L.223-1 du Code de la route). Commise à partir du "
                f"{format_long_fr(later[0][0])}, elle laisse un plafond de {later[0][1]} points"
                + (" ou plus" if len(later) > 1 else "") + " : " + OFFENCE_DAY_ASKED)
        return ceiling

    @staticmethod
    def _offence_placed_by_the_payment(placed: date, ceiling: int, earlier: int, since: Optional[date] = None) -> str:
        """The note of an offence placed in its year of probation by its fine's payment (`_committed_before_the_payment`).
        `since`: the first day of the ceiling counted when it comes after the earliest day placed (an anniversary
        between them): the ceiling is said as that day's, not as the earliest day's (T26 c07: an offence of 17 November
        2025 said to leave 10 points, when the anniversary of 31 December 2025 had not yet raised the ceiling to 10)."""
        delay = rules_core.dates.format_duration_fr(rules_core.load_params().at(placed).value("retrait.unpaid_possible"))
        if since is not None:
            return (f"Sans la date de l'infraction, je l'ai placée d'après le paiement de l'amende : elle a été commise "
                    f"au plus tôt le {format_long_fr(placed)} (l'amende forfaitaire se paie dans les {delay}). J'ai "
                    f"compté un plafond de {ceiling} points, celui d'une infraction commise à partir du "
                    f"{format_long_fr(since)} ; commise avant, le plafond serait plus bas (jusqu'à {earlier} points), "
                    "car la première infraction en période probatoire arrête les majorations (article L.223-1 du Code "
                    "de la route) : " + OFFENCE_DAY_ASKED)
        return (f"Sans la date de l'infraction, je l'ai placée d'après le paiement de l'amende : commise au plus tôt le "
                f"{format_long_fr(placed)} (l'amende forfaitaire se paie dans les {delay}), elle laisse un plafond de "
                f"{ceiling} points, car la première infraction en période probatoire arrête les majorations (article "
                f"L.223-1 du Code de la route). Commise plus tôt, le plafond serait de {earlier} points : "
                + OFFENCE_DAY_ASKED)

    def _ceiling_told_not_possible(self, told: int) -> str:
        return (f"Vous m'avez indiqué un plafond de {told} points : ce n'est pas celui que donnent la date de votre "
                "permis et ses infractions, et j'ai compté le plafond qu'elles donnent (article L.223-1 du Code de la "
                "route). Vérifiez la date d'obtention du permis, ou votre solde sur « Mes Points Permis ».")

    def _ceiling_of_the_year_told(self, day: date) -> Optional[int]:
        """Without the licence's date, the ceiling of the year of probation the user said ("2e année de probatoire"),
        taken as the year they were in on `day` (R5, R12 example 3), said in a note with what an offence of an earlier
        year left when the balance tells of a retrait (R7). None when no year was said."""
        year = self.number("probation_year")
        if not year:
            return self._ceiling_of_a_48m(day)
        decision = rules_core.probation_year_ceiling(year=year, today=day, aac=self.aac, relicensed=self.relicensed)
        ceiling = decision.results["ceiling"]
        balance = self.number("current_balance")
        retrait_told = (balance is not None and balance < ceiling) or any(
            self.slot(name) for name in ("last_offence_points", "offence_type", "letter_48n_date"))
        said = [render_reason(r) for r in decision.reasons
                if r.code != "probation.year_ceiling_frozen" or retrait_told]
        self.notes.append(f"Sans la date de votre permis, j'ai compté que vous étiez en {year_fr(year)} année le "
                          f"{format_long_fr(day)}. " + " ".join(said)
                          + " Donnez-moi la date d'obtention de votre permis pour un calcul exact.")
        return ceiling

    def _ceiling_of_a_48m(self, day: date) -> Optional[int]:
        """Without the licence's date, a lettre 48M received: it is sent to a licence out of probation (R19, practice
        [U]), whose ceiling is the maximum, said in a note (T35 c29). None when no 48M was received."""
        from actions.forms import letter_48m_received  # (forms reads this module)
        if not letter_48m_received(self.tracker) or self.slot("probationary") is True:
            return None  # (a licence said probationary: its ceiling is its year's, whatever the letter's name)
        maximum = rules_core.load_params().at(day).value("capital.max")
        note = (f"La lettre 48M est envoyée pour un permis qui n'est plus probatoire : j'ai compté son plafond de "
                f"{maximum} points (pratique administrative de la lettre 48M ; à vérifier).")
        if note not in self.notes:
            self.notes.append(note)
        return maximum

    def _first_offence_window(self, licence: date, day: date) -> Optional[tuple]:
        """The days the first offence told since the licence may have been committed on, up to `day` (R7): the
        offence of the slots (its day, month or payment), a 48N (sent for an offence of probation, before its
        receipt, R15), the retraits told with their dates. None when no offence is told."""
        slots = self.tracker.slots
        windows = []  # (first day, last day, whether the first day was placed by the payment)
        if slots.get("probation_offence") is not False:
            committed = partial_date_or_none(slots.get("offence_date"))
            paid = self.day("fine_payment_date", "latest")
            placed = None if committed else self._committed_before_the_payment(slots.get("fine_payment_date"))
            if slots.get("last_offence_points") or slots.get("probation_offence") or committed or paid:
                windows.append((committed.earliest() if committed else placed or licence,
                                committed.latest() if committed else paid or day, placed is not None))
        if slots.get("letter_48n_date") and not windows:
            # (the offence of the slots, when told, is the one the 48N was sent for: its window is the offence's)
            windows.append((licence, self.day("letter_48n_date", "latest"), False))
        committed = partial_date_or_none(slots.get("offence_date"))
        for retrait in told_retraits(self.tracker):
            if committed is not None and committed.precision == "day" and retrait.offence_type is not None \
                    and retrait.offence_type == slots.get("offence_type") and committed.earliest() <= retrait.realite \
                    and slots.get("probation_offence") is not False:
                # the offence of the slots, its day told since ("l'été dernier", then "c'était le 14 juillet 2026" to
                # the day asked): its window is the day told, not the month first read (R7; T24 c06 kept June); also
                # when the retrait was told without the day it was committed ("contrôlé à 0,3 g le 14 novembre" read
                # as a day to come, then "c'était le 14 novembre 2026": T27 c18 kept the ceiling of the licence's
                # first year, 6, for an offence of its second, 8)
                continue
            placed = None if retrait.committed or not retrait.paid_said else \
                self._committed_before_the_payment(retrait.said_date)
            windows.append((retrait.committed or placed or licence, retrait.realite, placed is not None))
        windows = [(max(lo, licence), min(hi, day), placed) for lo, hi, placed in windows
                   if hi >= licence and lo <= day]
        if not windows:
            return None
        first = min(lo for lo, _, _ in windows)
        self._placed_by_the_payment = first if any(placed and lo == first for lo, _, placed in windows) and \
            first > licence and not any(not placed and lo == first for lo, _, placed in windows) else None
        return first, min(hi for _, hi, _ in windows)

    @staticmethod
    def _committed_before_the_payment(paid_on: Any) -> Optional[date]:
        """The first day the offence may have been committed on when only its fine's payment is dated: the payment's
        first possible day less the delay of the amende forfaitaire (45 days, art. 529-1 CPP; after it the fine is
        majorée): "un téléphone payé en juillet 2026" was committed from mid-May 2026 on, which places it in its year
        of probation (R5, R7; tester T21 c10 got the 1st year's ceiling). An assumption, said by `_ceiling_on` when it
        changes the ceiling. None without a payment's day or month."""
        paid = partial_date_or_none(paid_on)
        if paid is None or paid.precision == "year":
            return None
        first = paid.earliest()
        return rules_core.dates.subtract(first, rules_core.load_params().at(first).value("retrait.unpaid_possible"))

    def _frozen_ceilings(self, licence: date, day: date, window: tuple) -> List[tuple]:
        """(first day, ceiling on `day`) for an offence committed from that first day on, within the window: one
        row per ceiling, the lowest first (R5, R7)."""
        lo, hi = window
        plan = probation_plan(licence_date=licence, aac=self.aac, relicensed=self.relicensed)
        starts = [lo] + ([step for step, _, _ in plan.steps if lo < step <= hi] if plan is not None else [])
        rows: List[tuple] = []
        for start in starts:
            ceiling = ceiling_with(licence, self.aac, day, start, self.relicensed)
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


# The days an answer refuses when told in the future, and how its question names them (`ActionAnswerOffencePoints`)
FUTURE_DAYS_REFUSED = (("offence_date", "la date de l'infraction"),
                       ("fine_payment_date", "la date du paiement de l'amende"))


def future_day_answered_again(tracker: Tracker, value: Any) -> Optional[Tuple[str, str]]:
    """(slot, day) when the assistant's last turn refused a day told in the future and asked it again ("Le 15 janvier
    2027 est dans le futur (nous sommes le 1er décembre 2026). Quelle est la date du paiement de l'amende ? En
    attendant, voici le barème…"), the slot still unknown, and `value` (the latest message's one date without a role)
    a past day: "oups non 15 janvier 2026 pardon" answers it (T54 c10: the payment asked a third time, and the answer
    spoke of a retrait still to come 11 months after it, R2). None otherwise."""
    from actions.follow_ups import _last_turn_texts
    said = "\n".join(_last_turn_texts(tracker))
    if "est dans le futur (nous sommes le" not in said:
        return None
    day = slot_values.partial_date_or_none(value)
    if day is None or day.earliest() > today():
        return None
    return next(((slot, value) for slot, what_fr in FUTURE_DAYS_REFUSED
                 if f"Quelle est {what_fr} ?" in said and tracker.get_slot(slot) is None), None)


def day_told_in_context(tracker: Tracker) -> List[EventType]:
    """The date of the latest message that the conversation says whose it is, learnt before the answer: the exact day
    of a date the assistant took at the month and asked the day of ("c'était le 12 mars 2024. il me reste combien ?"
    after "j'ai retenu le 31 mars 2024 … Donnez-moi le jour exact": tester T41 c06 kept the 31st and a probation
    ending on 31 March 2027, R5), or the licence's told by a pronoun ("je l'ai eu le 3 avril 2026", the licence just
    named or asked; T43 c25 asked its date again). [] when no such date is told, or the slot has it already."""
    from actions.forms import exact_day_answered, licence_told_by_pronoun
    dates = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
             if e.get("entity") == "date" and not e.get("role")]
    if len(dates) != 1:
        return []
    slot, value = exact_day_answered(tracker, dates[0]) or future_day_answered_again(tracker, dates[0]) or (
        "licence_date", licence_told_by_pronoun(tracker))
    if not value or slot not in DATE_SLOTS or tracker.get_slot(slot) == value:
        return []
    tracker.slots[slot] = value
    return [SlotSet(slot, value)]


def balance_asked_back_kept(tracker: Tracker) -> List[EventType]:
    """A balance asked back ("j'avais 12 points, je perds 6, il m'en reste 6 c'est ça ?") is the user's own sum, to
    confirm: the balance known (or told besides) stays the one the retraits are counted from, not the figure asked,
    which would count them twice (T13 c11: "tombe à 0 point" and a 48SI). Set back here, before any answer reads it;
    the forms do it in their validation (forms.balance_told_besides_asked)."""
    kept = balance_told_besides_asked(tracker)
    if kept is None or tracker.get_slot("current_balance") == kept:
        return []
    tracker.slots["current_balance"] = kept
    return [SlotSet("current_balance", kept)]


def first_category_kept(tracker: Tracker) -> List[EventType]:
    """The licence's days of two categories told in one message ("permis B le 1er décembre 2024, le permis A1 depuis
    le 15 juin 2022"): the slot, which Rasa fills with one of them, holds the first licence's, from which the
    probation runs whatever its category (R5, R.223-1; T32 c32 counted it from the B). Set back here, before any
    answer reads it; not when the slot holds a day told since."""
    current = tracker.get_slot("licence_date")
    for event in reversed([e for e in tracker.events if e.get("event") == "user"]):
        message = {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []}
        days = [e.get("value") for e in message["entities"] if e.get("entity") == "date" and e.get("role") == "licence"]
        if not days:
            continue
        first = slot_values.first_category_licence(message)
        if first is None or current == first or current not in days:
            return []
        tracker.slots["licence_date"] = first
        return [SlotSet("licence_date", first)]
    return []


def _first_category_note(tracker: Tracker, licence: Optional[date]) -> Optional[str]:
    """The days of two categories' licences told: the probation counted from the first, and the article that says so
    (R5; R.223-1: "le permis de conduire … obtenu pour la première fois, quelle qu'en soit la catégorie"; T32 c32's
    "quel article ?" got L.223-1 alone). None when no such days were told, or the licence counted is another."""
    if licence is None:
        return None
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        first = slot_values.first_category_licence(
            {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []})
        if first is not None and slot_values.to_date(first, safe="earliest") == licence:
            return (f"J'ai compté la période probatoire depuis le premier permis, obtenu le {format_long_fr(licence)} : "
                    "elle court depuis la première catégorie obtenue, quelle qu'elle soit, et une catégorie obtenue "
                    "ensuite ne la fait pas recommencer (article R.223-1 du Code de la route).")
    return None


# "je suis toujours en probatoire ?", "donc je suis plus en probatoire ?", "ma période probatoire est finie ?" (folded)
# (asked: not "Sa période probatoire est finie, il doit quand même faire le stage ?", T9 c35)
# ("je suis encore en permis probatoire ou pas ?", "il est encore en permis probatoire du coup ?", and asked indirectly,
# without its question mark: "non je demande si sa periode probatoire est finie ou pas"; tester T61 c29, c02)
_ASKS_IF_IN_PROBATION = re.compile(
    r"\b(?:suis|est|es|etes|sommes)\b[\s-]*(?:je|il|elle|tu|vous|on)?\s*(?:toujours|encore|plus|pas)?\s*(?:en\s+)?"
    r"(?:(?:periode|permis)\s+)?probatoire\b[^,.;!?]{0,20}\?"
    r"|\bprobatoire\b[^,.;!?]{0,10}\b(?:fini\w*|termin\w*)\b[^,.;!?]{0,15}\?"
    r"|\b(?:demande|savoir|dire)\s+si\b[^,.;!?]{0,30}\bprobatoire\b[^,.;!?]{0,30}$")


def probation_over_answer(tracker: Tracker) -> Optional[str]:
    """"Je suis toujours en probatoire ?" of a licence whose probation is over: since when, counted from the first
    category obtained, which a later one does not restart (R5, R.223-1; tester T38 c26, A1 of 10 September 2021 and B
    of 2024, never got it). The 3 years are counted: over then, it is over with an AAC's 2 years too. None when the
    message asks no such thing, or the probation may still run."""
    text = fold(question_text(tracker))  # (or the question the latest message answers the form's question of)
    # (the latest message's own words too, read as a "non" that answers nothing: "non je demande si sa periode
    # probatoire est finie ou pas", T61 c02)
    latest = fold((tracker.latest_message or {}).get("text") or "")
    licence_told = tracker.get_slot("licence_date")
    if not (_ASKS_IF_IN_PROBATION.search(text) or _ASKS_IF_IN_PROBATION.search(latest)) or licence_told is None or licence_may_be_probationary(tracker) or \
            probation_restart_asked(tracker):
        return None
    facts = Facts(tracker)
    licence = facts.licence_date
    try:
        decision = rules_core.probation_status(licence_date=licence, today=today(), aac=facts.aac,
                                               relicensed=facts.relicensed, licence_year_only=_licence_year_only(facts))
    except rules_core.InconsistentFacts:
        return None
    over = next((r for r in decision.reasons if r.code in ("probation.ended", "probation.before_probation_existed")),
                None)
    if over is None:
        return None
    first = _first_category_note(tracker, licence)
    return " ".join(line for line in (render_reason(over), first) if line)


def question_cancelled(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The question given up within a message that ended its form ("…Annulez, en fait je vais attendre"): the reply of
    "annuler" alone (utter_cancelled, data/rules/forms.yml), no computation (T19 c37); what the message asks besides, in
    context, answered instead ("non pas de calcul, je veux juste savoir pourquoi on m'a dit 1 an", T28 c17). Given up
    with a goodbye ("laisse tomber, merci au revoir"): the goodbye, once, and nothing asked after it (T49 c30)."""
    if says_goodbye(tracker):
        if not goodbye_said_since_the_message(tracker):
            dispatcher.utter_message(response="utter_goodbye")
        return []
    ended = topic_ended(tracker)
    if ended:  # "non c'est pour ma culture générale merci", "ça me suffit merci": said so, nothing asked (T58 c06, c02)
        dispatcher.utter_message(text=ended)
        return []
    in_context = answer_in_context(tracker)
    if in_context:
        dispatcher.utter_message(text=in_context)
        return []
    dispatcher.utter_message(response="utter_cancelled")
    carried = informational.side_question_answer((tracker.latest_message or {}).get("text"),
                                                 (tracker.latest_message or {}).get("entities"))
    if carried:
        # "on arrête le calcul, explique-moi juste ce que c'est le plafond": the question the cancel carries, answered
        # after it (tester T58 c25)
        dispatcher.utter_message(text=carried)
    return []


def question_interrupted_by_the_message(tracker: Tracker, side_form: str) -> Optional[str]:
    """The slot another question's form was asking when the latest message, a question on the side with facts of its
    own ("attendez avant, c'est quoi la différence entre une lettre 48 et une 48M ? j'ai reçu une 48M" while the
    stage's form asked the balance), left it for `side_form`: that form active when the message came, none since.
    None otherwise."""
    events = tracker.events
    users = [n for n, event in enumerate(events) if event.get("event") == "user"]
    if not users or (tracker.active_loop or {}).get("name") not in (None, side_form):
        return None
    start = users[-1]
    for earlier in reversed(users[:-1]):  # (the same message logged again before any reply: read from the first)
        if events[earlier].get("text") != events[start].get("text") or \
                any(event.get("event") == "bot" for event in events[earlier:start]):
            break
        start = earlier
    loop = next((event.get("name") for event in reversed(events[:start]) if event.get("event") == "active_loop"),
                None)
    if loop in (None, side_form) or loop not in FORM_OF_QUESTION.values():
        return None
    asked = next((event.get("value") for event in reversed(events[:start])
                  if event.get("event") == "slot" and event.get("name") == "requested_slot"), None)
    return asked if asked and tracker.get_slot(asked) is None else None


def side_question_reasked(dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any], side: str,
                          events: List[EventType]) -> None:
    """After the answer `side` (a letter's meaning, an offence's points) to a question on the side that left another
    question's form (`question_interrupted_by_the_message`): that form's question asked again, as the form asks it
    when the side question tells no fact (tester T57 c25, h131's leftover: the stage's balance was not asked again;
    a number of points then told resumes it, corrections.slot_left_for_a_side_question). Nothing when the answer
    said nothing, asked a question of its own, or handed over to another action."""
    from actions.corrections import SIDE_ANSWERS  # (corrections reads this module)
    said = [m.get("text") or m.get("response") or "" for m in getattr(dispatcher, "messages", [])]
    if side not in SIDE_ANSWERS or not said or said[-1].rstrip().endswith("?") or any(
            isinstance(e, dict) and e.get("event") == "followup" for e in events):
        return
    asked = question_interrupted_by_the_message(tracker, SIDE_ANSWERS[side])
    if asked:
        from actions.ask import ask_the_form_question  # (ask reads this module)
        ask_the_form_question(dispatcher, tracker, domain, asked)


def _run_keeping_the_balance(own, speaking: bool):
    """A question's own `run`, after the balance asked back is set back (`balance_asked_back_kept`); with `speaking`, it speaks
    of the person whose licence it is."""
    def dispatcher_of(dispatcher, tracker):
        return speaking_of_the_subject(dispatcher, tracker) if speaking else dispatcher
    if asyncio.iscoroutinefunction(own):
        async def run(self, dispatcher, tracker, domain):
            if cancels_the_question(tracker):
                return question_cancelled(dispatcher, tracker)
            if answered_by_its_form(tracker):
                return []  # (its form said the answer: an impossible balance asked about, R1; one below 0, R18)
            kept = balance_asked_back_kept(tracker) + this_hand_back_kept(tracker) + first_category_kept(tracker)
            return kept + list(await own(self, dispatcher_of(dispatcher, tracker), tracker, domain))
    else:
        def run(self, dispatcher, tracker, domain):
            if cancels_the_question(tracker):
                return question_cancelled(dispatcher, tracker)
            if answered_by_its_form(tracker):
                return []  # (its form said the answer: an impossible balance asked about, R1; one below 0, R18)
            kept = balance_asked_back_kept(tracker) + this_hand_back_kept(tracker) + first_category_kept(tracker)
            events = kept + list(own(self, dispatcher_of(dispatcher, tracker), tracker, domain))
            side_question_reasked(dispatcher, tracker, domain, self.name(), events)
            return events
    return functools.wraps(own)(run)


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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A question's own `run`, whatever it says before the common one (the probation's balance of the retraits
        told, the refund's "no refund for a voluntary stage"…), speaks of the person whose licence it is ("ma fille a
        son permis depuis…": "son solde", not "votre solde"; T9 c10, c40)."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("run")
        if own is None:
            return
        cls.run = _run_keeping_the_balance(own, speaking=True)

    @abc.abstractmethod
    def decide(self, facts: Facts, today: date):
        """The engine's decision for these facts."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if cancels_the_question(tracker):
            return question_cancelled(dispatcher, tracker)
        if answered_by_its_form(tracker):
            return []  # (its form said the answer: an impossible balance asked about, R1; one below 0, R18)
        events = day_told_in_context(tracker) + balance_asked_back_kept(tracker) + \
            self._answer(dispatcher, tracker, domain)
        if self.name() == "action_answer_offence_points":
            # an offence supposed ("et si je me fais flasher le 5 janvier ?") answered by its card: its facts are not
            # the user's, whatever path replied (T54 c20)
            set_back = {e.get("name") for e in events if isinstance(e, dict) and e.get("event") == "slot"}
            events += [e for e in supposed_facts_restored(tracker) if e.get("name") not in set_back]
        return events

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        asking = dispatcher  # (a question asked is no answer to remind of)
        dispatcher = reminding(dispatcher, tracker)  # the same question again: "Comme indiqué : …" (c15, c17)
        waiting = waiting_for_48si_answer(tracker)
        if waiting:  # "et si j'attends la lettre 48SI ?" with a loss to 0 or below: too late then (R14, R18)
            dispatcher.utter_message(text=waiting)
            return [SlotSet("last_question", self.name())]
        saved = stage_saved_licence_first(tracker)
        if saved:  # a stage ended before the 48SI's notification: the licence saved (R18 example 2; T26 c26)
            dispatcher.utter_message(text=saved)
            return [SlotSet("last_question", self.name())]
        supposed_before = stage_supposed_before_48si_answer(tracker)
        if supposed_before:  # "et si je l'avais fait le 28 et 29 octobre ?" after a 48SI: R18 (T35 c05)
            dispatcher.utter_message(text=supposed_before)
            return restored_facts(tracker) + [SlotSet("last_question", self.name())]
        missed = informational.stage_day_missed_answer(tracker)
        if missed:  # "et si je rate la 2e journée du stage ?" read as another question: the stage's rule (R11, R15)
            dispatcher.utter_message(text=missed)
            return [SlotSet("last_question", "action_answer_stage_info")]
        back = licence_back_after_invalidation_answer(tracker)
        if back:
            # "il rend son permis demain 2 décembre, il pourra avoir un nouveau permis à partir de quand ?" after a
            # 48SI, whatever the question's intent: the 6 months from the hand-back and the exams (R20), not the
            # stage's "Aucun point" (tester T34 c27 got it twice)
            dispatcher.utter_message(text=back)
            return [SlotSet("last_question", "action_answer_zero_points")]
        supposed = pending_story_answer(tracker) if self.pending_story_first and \
            invalidation_supposed_on(tracker) is not None else None
        if supposed:  # "et si la 48SI lui est présentée le 10 décembre, stage les 14-15 ?": the pending loss (R18)
            dispatcher.utter_message(text=supposed)
            return restored_facts(tracker) + [SlotSet("last_question", self.name())]
        # (the second question of a message is that question, not a follow-up of the answer to its first one)
        in_context = answer_in_context(tracker) if not answering_the_other_question(tracker) else None
        if in_context:  # "et l'amende ?" just after an offence: its fine, not this question's computation
            dispatcher.utter_message(text=in_context)
            # (a hypothesis's facts are not the user's; the answer followed stays the one the next follow-up reads)
            # "si je fais le stage en janvier je remonte à combien ? et le remboursement je le demande comment": the
            # message's other question next (R16; tester T49 c02 had to ask it again)
            return restored_facts(tracker) + still_following(tracker) + then_other_question(tracker, self.name())
        said = (tracker.latest_message or {}).get("text")
        if informational.am_licence_only(said):
            # "elle a juste le permis AM (BSR), elle perd des points ?": no points on that licence, nothing to compute
            # (tester T11 c15 got the probation's questions)
            dispatcher.utter_message(text=informational.outside_the_points_system(said))
            return [SlotSet("last_question", self.name())]
        impossible = impossible_date_reask(tracker)
        if impossible and impossible not in (m.get("text") for m in dispatcher.messages):
            # "…payé le 31/02/2025" in the question: said and asked again, the answer given without it (once, when a
            # correction said it before running this answer)
            dispatcher.utter_message(text=impossible)
        court = informational.court_stage_answer(tracker) if court_stage_question(tracker, self.form) else None
        if court is not None:  # cases 3 and 4: no points, not counted for the year (R11, R13)
            dispatcher.utter_message(text=court)
            return [SlotSet("last_question", self.name())]
        uncollected = uncollected_48si_answer(tracker)
        if uncollected:  # "je n'ai pas récupéré la 48SI à la poste, je peux faire un stage ?": too late (R18)
            dispatcher.utter_message(text=uncollected)
            return [SlotSet("last_question", self.name())]
        most = informational.most_points_at_once_answer(tracker, today())
        if most:  # "on peut perdre combien de points maximum en une seule fois ?" (R3; T19 c29)
            dispatcher.utter_message(text=most)
            return [SlotSet("last_question", self.name())]
        if asks_alcohol_limit(tracker):  # "taux d'alcool autorisé en permis probatoire" (R4; T4 m068)
            decision = rules_core.alcohol_limits(today=today(), probationary=probation_said(tracker))
            dispatcher.utter_message(text=render(decision))
            return [SlotSet("last_question", self.name())]
        pending = pending_story_answer(tracker) if self.pending_story_first else None
        if pending:  # "il me reste 3 points, retrait de 4, stage fait le 20 avril, pas reçu de 48SI" (R18 example 2)
            dispatcher.utter_message(text=pending)
            return [SlotSet("last_question", self.name())]
        facts = Facts(tracker)
        try:
            decision = self.decide(facts, today())
        except rules_core.InconsistentFacts as error:
            return self._impossible_facts(error, dispatcher, tracker, asking, domain)
        self._day_notes_that_change_nothing(facts, tracker)
        rendered = facts.said_by_month(render(decision))
        week_note = _stage_week_assumed(tracker, rendered)
        if week_note and week_note not in facts.notes:
            # (the answer shows a day that follows from the week's Monday, "d'ici le 8 décembre, dernier jour du stage":
            # that day is assumed and said so; the stage's note that none was assumed would contradict it, T28 c14)
            facts.notes[:] = [note for note in facts.notes if NO_DAY_ASSUMED not in note]
            facts.notes.insert(0, week_note)
        if "previous_stage_date" in self.field_slots.values() and tracker.get_slot("previous_stage_date") is None \
                and previous_stage_left_unanswered(tracker):
            # the previous stage asked twice and never answered, not asked a 3rd time: the answer says what it assumed
            # (R13; tester T31 a28)
            facts.notes.insert(0, PREVIOUS_STAGE_ASSUMED)
        lines = [*facts.leads, rendered if facts.verdict is None else verdict_first(rendered, facts.verdict)]
        # (a note the answer before it in this turn said already is not said twice: T20 c08)
        lines.extend(unsent_this_turn(tracker, facts.notes))
        results = getattr(decision, "results", None)
        worry = low_balance_worry(tracker, results.get("balance") if isinstance(results, dict) else None)
        if worry:  # "ça craint non ?" at 3 points: the risk and the stage (R12, R20; T55 c28)
            lines.append(worry)
        if self.uses_declared_balance and tracker.get_slot("current_balance") is not None and \
                other_question(tracker, self.name()) != "ask_check_balance":
            # (where to read the official balance is the message's other question: its answer says it, once a turn)
            # ("le solde que vous m'avez indiqué" only for one the user told; one the assistant computed from the
            # facts told is a calculation: T49 c15 read "que vous m'avez indiqué" for a balance never said)
            lines.append(FNPC_CAVEAT if balance_told_by_the_user(tracker) else ESTIMATE_CAVEAT)
        dispatcher.utter_message(text="\n\n".join(lines))
        return ([SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name())]
                + self.facts_learnt(decision, tracker)
                # "…me rend des points ? et l'amende est remboursée ?": the other question next
                + then_other_question(tracker, self.name()))

    def _day_notes_that_change_nothing(self, facts: Facts, tracker: Tracker) -> None:
        """"payé en mars 2017" for an offence the 10-year rule leaves out, "en janvier 2016" for points back already:
        the note "j'ai retenu le 31 mars 2017, la date la plus prudente. Donnez-moi le jour exact" is dropped when any
        day of that month gives the same answer (`day_of_the_month_counts`; tester T35 c06). It stays when the day
        changes a number or a date still to come."""
        if len(told_retraits(tracker)) > 1:
            return  # (the retraits told decide each their day's note: _day_changes_the_answer)
        values = [value for _, value in facts.precision_notes] + [
            tracker.get_slot(slot) for slot in self.field_slots.values() if slot in DATE_SLOTS]
        for value in dict.fromkeys(v for v in values if isinstance(v, str)):
            slot = next((name for name in DATE_SLOTS if tracker.get_slot(name) == value), None)
            first, last = month_range_of(slot, value) if slot else (None, None)
            verdict = day_of_the_month_counts(self, tracker, slot, first, last) if first is not None else "unknown"
            if verdict == "moving" and slot == "stage_first_day":
                # "un stage en janvier": the same points whatever its day, the dates follow the day counted, said so
                # rather than "avec effet au 3 janvier 2027" as if the day were known (T35 c12, c21)
                facts.notes[:] = [note for note in facts.notes if (note, value) not in facts.precision_notes]
                month = PartialDate.parse(value).french()
                facts.notes.insert(0, f"Vous avez indiqué {month} pour le stage : j'ai retenu le "
                                      f"{format_long_fr(first)} ; quel que soit son jour, il vous rend les mêmes "
                                      "points, et les dates données suivent ce jour (les points comptent le lendemain "
                                      "du dernier jour du stage). Donnez-moi le jour exact pour des dates précises.")
                continue
            if verdict != "same":
                continue
            facts.notes[:] = [note for note in facts.notes if (note, value) not in facts.precision_notes]
            for chosen in (last, PartialDate.parse(value).latest()):
                facts.stand_in(value, chosen)  # ("payée en janvier 2016", not a day the user never gave)

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """Facts of the user's own case that the decision established, kept for the next questions."""
        return []

    def _impossible_facts(self, error, dispatcher, tracker, asking, domain) -> List[EventType]:
        slot = self.field_slots.get(error.field)
        if slot is not None and self.form is not None and tracker.get_slot(slot) is None:
            # a fact missing, not a wrong one (reached by a follow-up or a rule with the offence forgotten once
            # answered): the form asks it ("Quelle infraction ?" and its buttons), not "type d'infraction inconnu :
            # « None »" (T19/T20); asked here when the form already ended without it this turn (no loop), as the form
            # asks it ("Combien de points lui reste-t-il ?" for a client's licence, T26)
            if self._already_ran_since_user(tracker):
                from actions.ask import ask_the_form_question  # (ask reads this module)
                ask_the_form_question(asking, tracker, domain, slot)
                return []
            return [FollowupAction(self.form)]
        if error.code == OFFENCE_NOT_DESCRIBED and self.form is not None and \
                not self._already_ran_since_user(tracker) and tracker.get_slot("last_offence_points") is None:
            # an offence whose points are not known yet ("le feu rouge je l'ai payé le 10 décembre 2016" corrected
            # before the form read its points on the scale): a fact missing, which the form fills or asks in French,
            # the day just told kept; not the engine's "Impossible de répondre : infraction mal décrite …" (T37 c10)
            return [FollowupAction(self.form)]
        told = {e.get("entity") for e in (tracker.latest_message or {}).get("entities") or []}
        if slot in self.question_slots and slot not in told and told & set(self.question_slots) and \
                self.form is not None and not self._already_ran_since_user(tracker):
            # a fact of an offence told before ("je roule à 60…" of an earlier question) against the offence the
            # message describes ("et pour un excès de 55 km/h payé en 2018 ?"): the earlier one forgotten without a
            # word, the message's offence read (tester T55 c15 got "Impossible de répondre…" before its card)
            return [SlotSet(slot, None), FollowupAction(self.form)]
        dispatcher.utter_message(text=render_error(error))
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


#: the engine's code for an offence given without its points, class or day (rules_core.model)
OFFENCE_NOT_DESCRIBED = "offence.invalid"


def still_following(tracker: Tracker) -> List[EventType]:
    """An answer action that replied to a follow-up in context ("et si je conteste ?" read as the refund question)
    is not the answer the conversation follows: `last_question` keeps the one before it, so that the next follow-up
    ("et si je paie pas du tout ?", T5 c60) is read with it."""
    followed = previous_answer(tracker)
    return [SlotSet("last_question", followed)] if followed else []


def _probations_without_and_with_aac(licence: date, training: Optional[date]):
    """The probation plans of the licence without and with the AAC (R5), or None when the facts cannot all be true."""
    try:
        return (probation_plan(licence_date=licence, aac=False, training_date=training),
                probation_plan(licence_date=licence, aac=True, training_date=training))
    except rules_core.InconsistentFacts:
        return None


def _aac_not_counted(facts: Facts, today: date, licence: Optional[date], training: Optional[date],
                     offences: list) -> Optional[str]:
    """A licence over its probation either way, the AAC not told nor asked ("permis le 15 mars 2023"): the answer
    counts the 3 years of a probation without it, and says so with the end the AAC gives (2 years, R5), which the user
    did not say (T10 c17). None when the AAC is known, or both ends are the same day."""
    if facts.slot("supervised_driving") is not None or facts.relicensed or licence is None or offences or \
            getattr(partial_date_or_none(facts.slot("licence_date")), "precision", "") not in ("day", "month"):
        return None
    ends = _probations_without_and_with_aac(licence, training)
    if ends is None:
        return None
    without, with_aac = ends
    if without is None or with_aac is None or without.end > today or without.end == with_aac.end:
        return None
    return (f"J'ai compté une période probatoire sans conduite accompagnée, terminée le {format_long_fr(without.end)} ; "
            f"après une conduite accompagnée (AAC), elle s'est terminée le {format_long_fr(with_aac.end)}. Dans les "
            "deux cas, le plafond de votre permis est aujourd'hui de 12 points (article L.223-1 du Code de la route).")


def _aac_not_asked_in_probation(facts: Facts, today: date, licence: Optional[date], training: Optional[date],
                                offences: list) -> Optional[str]:
    """A probation still running whose ceiling an offence froze the same with or without AAC (R5, R7: 6 in the first
    year), the AAC not asked (forms.ceiling_same_with_or_without_aac): the answer counts the end without it, and says
    the end the AAC gives (2 years, R5). None when the AAC is known, or both ends are the same day."""
    from actions.forms import ceiling_same_with_or_without_aac  # (forms reads this module)
    if facts.slot("supervised_driving") is not None or facts.relicensed or licence is None or not offences or \
            not ceiling_same_with_or_without_aac(facts.tracker):
        return None
    ends = _probations_without_and_with_aac(licence, training)
    if ends is None:
        return None
    without, with_aac = ends
    if without is None or with_aac is None or without.end <= today or without.end == with_aac.end:
        return None
    return (f"J'ai compté une période probatoire sans conduite accompagnée, qui se termine le "
            f"{format_long_fr(without.end)} ; après une conduite accompagnée (AAC), elle se termine le "
            f"{format_long_fr(with_aac.end)}. Le plafond et le solde sont les mêmes dans les deux cas (article L.223-1 "
            "du Code de la route).")


def _told_apart(decision, other) -> bool:
    """Whether the decision `other()` computes (the same facts with another day) gives another answer than `decision`:
    its outcome, figures, dates or reasons; or the engine refuses it."""
    try:
        computed = other()
    except rules_core.InconsistentFacts:
        return True
    return (decision.outcome, dict(decision.results), dict(decision.key_dates), decision.reasons) != \
        (computed.outcome, dict(computed.results), dict(computed.key_dates), computed.reasons)


# a date as the answers write it: "1er janvier 2026", "31 mars 2017" (rules_core.dates.format_long_fr)
# ("les 31 janvier et 1er février 2027": the two days of a stage, one date that follows the day told)
_LONG_DATE_FR = re.compile(r"\b(?:(?:1er|\d{1,2})(?: (?:" + "|".join(MONTHS_FR) + r"))? et )?(1er|\d{1,2}) ("
                           + "|".join(MONTHS_FR) + r") (\d{4})\b")
#: how far a date that follows the day told may drift from it (a delay in months ending at a shorter month's end)
_DRIFT_DAYS = 3
#: a computation made to compare two days of a month: it does not compare again (no note, no recursion)
_comparing: List[bool] = []


def _dates_in(text: str) -> List[Tuple[Tuple[int, int], date]]:
    return [(match.span(), date(int(match.group(3)), MONTHS_FR.index(match.group(2)) + 1,
                                1 if match.group(1) == "1er" else int(match.group(1))))
            for match in _LONG_DATE_FR.finditer(text)]


def compared_answers(first_text: str, last_text: str, shift: int) -> str:
    """What two answers computed with the first and the last possible day of a date known to the month (or a part of
    it) tell apart, as the user reads them: "same" when they say the same numbers and the same dates, a date already
    "past" when they differ only by dates past whichever the day ("revenus le 18 janvier 2026" or "le 31 janvier
    2026": back already, but the day shown is the one counted); "moving" when they differ only by dates that follow
    the day told (`shift` days apart, as that day); "differs" otherwise (a number, an outcome, a date past in one and
    to come in the other)."""
    first_dates, last_dates = _dates_in(first_text), _dates_in(last_text)
    if len(first_dates) != len(last_dates):
        return "differs"
    verdict, pieces = "same", [[], []]
    starts = [0, 0]
    for (span_a, a), (span_b, b) in zip(first_dates, last_dates):
        if a == b:
            token = format_long_fr(a)
        elif a <= today() and b <= today():
            token = "<passée>"
            verdict = "past" if verdict == "same" else verdict
        elif a > today() and b > today() and abs((b - a).days - shift) <= _DRIFT_DAYS:
            token, verdict = "<suivant le jour>", "moving"
        else:
            return "differs"
        for side, (text, span) in enumerate(((first_text, span_a), (last_text, span_b))):
            pieces[side].append(text[starts[side]:span[0]] + token)
            starts[side] = span[1]
    masked = ["".join(pieces[0]) + first_text[starts[0]:], "".join(pieces[1]) + last_text[starts[1]:]]
    return verdict if masked[0] == masked[1] else "differs"


def _paid_in_the_month(text: str, day: Optional[date]) -> str:
    """The answer with "payée le <day>" said as its month, as the answer says a day counted for a month
    (Facts.said_by_month): the day itself is not what the user reads."""
    if day is None:
        return text
    return text.replace(f"payée le {format_long_fr(day)}", f"payée en {MONTHS_FR[day.month - 1]} {day.year}")


def month_range_of(slot: str, value: Any) -> Tuple[Optional[date], Optional[date]]:
    """The first and the last day a date slot known to the month or the year (ISO `value`) may stand for: a past fact
    not after today; (None, None) for a date known to the day or not read."""
    partial = partial_date_or_none(value) if isinstance(value, str) else None
    if partial is None or partial.precision == "day":
        return None, None
    first, last = partial.earliest(), partial.latest()
    if slot != "stage_first_day" and first <= today():
        last = min(last, today())  # (a fact of the past: not a day to come)
    return first, last


def day_of_the_month_counts(action: "AnswerAction", tracker: Tracker, slot: str, first: date, last: date) -> str:
    """Whether the day of a date slot known only to the month (or a year, or "début décembre") changes the answer the
    user reads: `action`'s answer computed with `first` and with `last`, the range's ends, compared
    (`compared_answers`). "unknown" when the engine refuses either (a fact still missing) or a comparison is
    already under way (the comparison makes no note and no question)."""
    if _comparing or first == last:
        return "unknown" if _comparing else "same"
    texts = []
    _comparing.append(True)
    try:
        for day in (first, last):
            probe = tracker.copy()
            probe.slots[slot] = day.isoformat()
            facts = Facts(probe)
            try:
                texts.append(_paid_in_the_month(facts.said_by_month(render(action.decide(facts, today()))), day))
            except (rules_core.InconsistentFacts, InvalidAnswer, ValueError, TypeError, KeyError, AttributeError):
                return "unknown"
        if texts[0] == texts[1]:
            # (the same words whatever the day: the answer must read that slot for it to say so, not the retraits
            # told in the messages; without the slot it says something else, or cannot answer)
            probe = tracker.copy()
            probe.slots[slot] = None
            facts = Facts(probe)
            try:
                if _paid_in_the_month(facts.said_by_month(render(action.decide(facts, today()))), None) == texts[0]:
                    return "unknown"
            except Exception:  # (any refusal without it: the slot is read)
                pass
    finally:
        _comparing.pop()
    return compared_answers(texts[0], texts[1], (last - first).days)


class ActionAnswerProbation(AnswerAction):
    form = "probation_form"
    field_slots = {"licence_date": "licence_date", "training_date": "training_date",
                   "offence.commission": "offence_date",
                   "realite": "fine_payment_date", "points": "last_offence_points"}

    def name(self) -> Text:
        return "action_answer_probation"

    @staticmethod
    def answered_by_the_balance(tracker: Tracker) -> bool:
        """Whether the question is the balance of the retraits told rather than a probation's: several told, or one
        told of a licence out of probation ("permis depuis 2008, perdu 3 points en mars et 1 en octobre")."""
        retraits = retraits_of_this_licence(tracker)
        return bool(retraits) and (len(retraits) > 1 or not licence_may_be_probationary(tracker))

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if letter_48n_receipt_answered(tracker):
            # "je l'ai eu le 20 novembre, j'ai jusqu'à quand ?" after what a 48N is: its stage's deadline (R15), the
            # NLU's probation question notwithstanding (tester T58 c05 was asked the AAC)
            return learn_letter_receipt(tracker) + ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        category = new_category_answer(tracker)
        if category:
            # "je passe le permis moto A2, j'ai le B depuis 2015, je repars en probatoire avec 6 pts ?": a category
            # added to a licence held is no new licence (R5, R1; T48 c28 got 6 points, then a retrait invented)
            dispatcher.utter_message(text=category)
            return [SlotSet("last_question", self.name())]
        to_come = licence_to_come_answer(tracker) or new_licence_today_answer(tracker)
        if to_come:
            # "quand j'aurai le permis je commence avec combien ?": a new licence's points, no date to ask (R5; T28 c25);
            # "un élève qui vient de réussir son permis aujourd'hui", another licence known: today's (T50 c27)
            dispatcher.utter_message(text=to_come)
            return [SlotSet("last_question", self.name())]
        back = licence_back_after_invalidation_answer(tracker)
        if back:
            # "j'ai rendu le permis le 25 novembre, j'ai le permis depuis 2010, je peux le ravoir quand ?" after a
            # 48SI: the 6 months from the hand-back and the exams (R20), not the end of a probation long over (T23 c10)
            dispatcher.utter_message(text=back)
            return [SlotSet("last_question", "action_answer_zero_points")]
        after = balance_after_the_hypothesis_answer(tracker)
        if after:
            # "j'aurais combien de points après ?" after a hypothesis on an offence: the balance after it (T21 c21)
            dispatcher.utter_message(text=after)
            return [SlotSet("last_question", self.name())]
        doubted = answer_in_context(tracker) if figure_doubted(tracker) or probation_restart_asked(tracker) or \
            training_reduction_asked(tracker) or probation_increment_asked(tracker) else None
        if doubted:
            # ("le probatoire repart à zéro c'est vrai ?": no, R7, CE Bizet; T36 c07; "pourquoi sa formation
            # complémentaire ne réduit plus la période probatoire ?": R6, T42 c12)
            # "Vous êtes sûr ? il devait avoir 10 points non ?" after the balance answer: yes or no to that figure
            # first, not the same answer again (tester T31 a04)
            dispatcher.utter_message(text=doubted)
            return still_following(tracker)
        due = letter_48n_due_answer(tracker)
        if due:
            # "il a pas reçu de lettre 48N, c'est normal ?", "il a le permis depuis 1970 ! c'est normal cette 48N ?":
            # whether the offence brings one (R15), not the balance again (tester T38 c02, c27)
            dispatcher.utter_message(text=due)
            return still_following(tracker)
        over = probation_over_answer(tracker) if self.answered_by_the_balance(tracker) and \
            not is_hypothesis(tracker) else None
        if over:
            # "Je suis toujours en probatoire ?" with a retrait told, a licence out of probation: that first, then the
            # balance, once (tester T38 c26 got the balance alone, then "je n'ai pas d'autre réponse")
            computed = balance_answer(tracker)
            result = computed.splitlines()[0] if computed else None
            said = result is not None and any(result in (event.get("text") or "") for event in tracker.events
                                              if event.get("event") == "bot")
            dispatcher.utter_message(text=over if not computed or said else f"{over}\n\n{computed}")
            return [SlotSet("last_question", "action_answer_check_balance")]
        if self.answered_by_the_balance(tracker) and not is_hypothesis(tracker):
            # "permis depuis 2008, perdu 3 points en mars et 1 en octobre, il me reste cb ?": not a probation
            # question, the balance of the retraits told; in probation, with several retraits told ("deux excès, le
            # premier payé le 1er juin, le second le 1er août"), the form holds one: the balance of them all (R7, R8)
            computed = balance_answer(tracker)
            if computed:
                # (the same question again at once: "Comme indiqué : …", as the other answers; T26 c10 got its five
                # messages word for word after "je répète : il a encore son permis ?")
                reminding(dispatcher, tracker).utter_message(text=computed)
                # (the message's other question next: "…il doit quand même faire le stage ?", T9 c35)
                return [SlotSet("last_question", "action_answer_check_balance"),
                        *then_other_question(tracker, "action_answer_check_balance")]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        training = facts.day("training_date", "latest") \
            if facts.slot("complementary_training") and not facts.relicensed else None
        offences = []
        if facts.slot("probation_offence"):
            # R7: the earliest possible day of the offence is the safe one (it freezes the ceiling sooner)
            committed = facts.day("offence_date", "earliest", "la date de l'infraction")
            paid = facts.day("fine_payment_date", "latest", "le paiement de l'amende")
            by_the_payment = committed is None and paid is not None and offence_year_told_by_the_payment(facts.tracker)
            offences.append({
                # (its day not asked, the payment placing it in the licence's first year, R2, R7: the offence is
                # named by its payment, as the recovery's answer does; T57 c30 got "Impossible de répondre :
                # infraction mal décrite")
                "commission": paid if by_the_payment else committed, "realite": paid,
                "points": facts.number("last_offence_points"), "offence_class": facts.offence_class,
                **({"commission_known": False, "payment_told": True} if by_the_payment else {}),
            })
            facts.notes.append("J'ai compté l'infraction que vous m'avez indiquée ; s'il y en a eu d'autres, "
                               "votre solde est plus bas.")
            read_as_kept = speed_read_as_kept(facts.tracker, offences[0]["commission"] or offences[0]["realite"])
            if read_as_kept and other_question(facts.tracker, self.name()) != "ask_offence_points":
                # "flashé à 135 sur autoroute à 110": the points counted read 135 as the speed kept after the radar's
                # margin; what 135 measured would give (128 kept, 1 point) is said, as the recovery's answer does
                # (R4 edge case; tester T25 c28 got 2 points without a word on the speed taken)
                facts.notes.append(read_as_kept)
        licence = facts.licence_date
        # a stage done gives its points within the ceiling, frozen by the offence (R7, R12)
        stages = [first for first in facts.stages_done(today) if licence is None or first >= licence]
        decision = self._status(facts, today, licence, training, offences, stages)
        stated = stated_probation_balance(facts.tracker) if offences else None
        if stated is not None:
            # the balance the user stated ("il avait 4 points après le retrait", "il me reste 4 points"): the walk
            # continues from it, not from the ceiling less the retrait (R5, R7; T25 c34 said 10 for 8)
            try:
                decision = self._status(facts, today, licence, training, offences, stages, stated)
            except rules_core.InconsistentFacts:
                pass  # (above the ceiling that day: the balance of another time, the walk from the ceiling stays)
        told = partial_date_or_none(facts.slot("training_date"))
        if training is not None and told is not None and told.precision != "day" and \
                _told_apart(decision, lambda: self._status(facts, today, licence, told.earliest(), offences, stages)):
            # "en février 2026": its safe end, said only when another day of that month changes the answer (a day in
            # the 6th-12th month window or not, an offence before or after it, R6); asked for when it matters
            facts.say_precision(facts.slot("training_date"), training, "la formation complémentaire")
        told_licence = partial_date_or_none(facts.slot("licence_date"))
        if licence is not None and getattr(told_licence, "precision", "") == "month" and \
                any(r.code == "probation.ended" for r in decision.reasons):
            # "non c'était en mars 2023 le permis": its end is said to the day ("terminée depuis le 31 mars 2026"),
            # which rests on the month's last day counted: said, as for a probation still running (T19 c08)
            facts.say_precision(facts.slot("licence_date"), licence, "l'obtention du permis")
        aac_note = _aac_not_counted(facts, today, licence, training, offences) or \
            _aac_not_asked_in_probation(facts, today, licence, training, offences)
        if aac_note:
            facts.notes.append(aac_note)
        first = _first_category_note(facts.tracker, licence)
        if first:
            facts.notes.append(first)
        told, ceiling = facts.number("current_balance"), decision.results.get("ceiling")
        self._balance_asked_first(facts, decision)
        # (told: not the balance a previous answer computed and kept, 10 for a probation counted without the training,
        # then "et si elle l'avait faite ?": "Son solde de 10 points est possible" beside its 12; T61 c14)
        if not offences and isinstance(told, int) and isinstance(ceiling, int) and 0 < told < ceiling and \
                not balance_learnt_from_an_answer(facts.tracker):
            # "j'ai 15 points c normal ?", refused, then "9": the balance told against the ceiling computed (R1, R5);
            # the answer came back word for word without it (T12 c24)
            facts.notes.append(f"Votre solde de {told} point{'s' if told > 1 else ''} est possible : il est sous ce "
                               f"plafond de {ceiling} points. Les points retirés reviennent avec le temps sans nouvelle "
                               "infraction, ou par un stage (article L.223-6 du Code de la route).")
        return decision

    @staticmethod
    def _balance_asked_first(facts: Facts, decision) -> None:
        """"j'ai eu mon permis le 15/03/2024, combien j'ai de points ?": the count asked, first, when the card gives only
        the ceiling and nothing was said of offences: the balance is that ceiling if no point was lost (R1, R5), and
        the offences are asked (T27 c22 got the ceiling and the end of probation, "12 points" only when asked again)."""
        from actions.follow_ups import NO_POINT_LOST, OFFENCES_ASKED, _ASKS_BALANCE, _offences_not_told
        balance, ceiling = decision.results.get("balance"), decision.results.get("ceiling")
        if not isinstance(balance, int) or balance != ceiling or facts.slot("current_balance") is not None or \
                not _ASKS_BALANCE.search(fold(question_text(facts.tracker))) or \
                not _offences_not_told(facts.tracker) or "solde" in render(decision):
            return
        facts.leads.append(f"{NO_POINT_LOST[0].upper()}{NO_POINT_LOST[1:]}, votre solde est aujourd'hui de {balance} "
                           "points, le plafond de votre permis (article L.223-1 du Code de la route).")
        facts.notes.append(OFFENCES_ASKED)

    @staticmethod
    def _status(facts: Facts, today: date, licence: Optional[date], training: Optional[date], offences: list,
                stages: List[date], stated: Optional[Tuple[int, bool]] = None):
        if licence is None:
            # (a case computed again without the licence's date, by a hypothesis after an answer that needed none:
            # "j'ai 15 points ?" then "et si j'ai un excès de vitesse le 15/03/2027 ?"; tester T58 c23 got "je n'ai pas
            # réussi à traiter ce message"): the date is missing, the form asks it
            raise rules_core.InconsistentFacts("licence.missing", "licence_date",
                                               "Il me faut la date d'obtention du permis.")
        return rules_core.probation_status(
            stated_balance=stated[0] if stated else None, stated_after_retrait=bool(stated and stated[1]),
            licence_date=licence, today=today, aac=facts.aac, training_date=training, offences=offences,
            no_offence=facts.slot("probation_offence") is False, relicensed=facts.relicensed, stages=stages,
            # "quand est-ce que j'ai eu mes points en plus ?": the increments granted, by date (R5; T3 c45)
            past_increments=latest_text_says(facts.tracker, _ASKS_PAST_INCREMENTS),
            # "permis depuis 2012": its probation ended in 2015 at the latest, not on a made-up 31 December
            licence_year_only=_licence_year_only(facts),
            # a training after today is a hypothesis's ("et si je la fais en mars 2027 ?"): the form takes only a past
            # one as a fact (R6; T9 c29)
            training_planned=training is not None and training >= today,
            letter_48n_received=letter_48n_day(facts),
            # "81 pour 80" told (0 point since 2024, R4): not "Sans infraction depuis votre permis"; an offence
            # without retrait stops no yearly increase (R7)
            offence_without_retrait=not offences and pointless_offence_remembered(facts.tracker.slots, facts.tracker),
        )

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """The balance computed for a licence without any offence is the user's: "et si je fais un stage
        maintenant ?" is not asked it again (R5, R12)."""
        balance = decision.results.get("balance")
        if tracker.get_slot("probation_offence") is False and balance and tracker.get_slot("current_balance") is None:
            return [SlotSet("current_balance", balance)]
        return []


def latest_text_with_balance(tracker: Tracker, value: Any) -> str:
    """The text of the latest user message that told the balance `value` (an entity points/balance), "" if none."""
    for event in reversed(tracker.events):
        entities = (event.get("parse_data") or {}).get("entities") or [] if event.get("event") == "user" else []
        if any(e.get("entity") == "points" and e.get("role") == "balance" and e.get("value") == value
               for e in entities):
            return event.get("text") or ""
    return ""


def full_balance_told(tracker: Tracker, value: Any) -> bool:
    """The balance `value` was told as "tous ses points" / "au max" rather than as a number."""
    text = latest_text_with_balance(tracker, value)
    return bool(text) and full_balance_said(text) and not re.search(r"\b(?:12|douze)\b", fold(text))


# "après le retrait", "il lui restait 4 points", "il avait 4 points après" (folded): a balance of the time after the
# retrait, not of today
_AFTER_THE_RETRAIT = re.compile(r"\bapres\b|\brestai(?:t|ent)\b|\bavai[st]\b")


def stated_probation_balance(tracker: Tracker) -> Optional[Tuple[int, bool]]:
    """The current balance the user stated, and whether it was the one just after the retrait ("il avait 4 points
    après le retrait") rather than today's ("il me reste 4 points"): read from the message that told it. None when
    unknown, or told as the balance before the offences ("j'avais 12 points avant", BALANCE_BEFORE)."""
    value = tracker.get_slot("current_balance")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 1:
        return None
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities") or []
        if not any(e.get("entity") == "points" and e.get("role") == "balance" and e.get("value") == value
                   for e in entities):
            continue
        folded = fold(event.get("text") or "")
        after = bool(re.search(r"\bapres\b", folded))
        if not after and (re.search(r"\bavant\b|\bau (?:depart|debut)\b", folded) or (
                BALANCE_BEFORE.search(folded) and not re.search(r"\brestai(?:t|ent)\b", folded))):
            return None  # ("il me restait 10 points avant", "j'avais 12 points": the balance before the offences)
        # (a stage told with it, "il me reste 5 points. J'ai fait un stage les 21 et 22 septembre": the balance the
        # retrait left, which the stage then tops up, R12)
        return int(value), bool(_AFTER_THE_RETRAIT.search(folded) or re.search(r"\bstages?\b", folded))
    return int(value), False  # (answered to "Combien de points vous reste-t-il actuellement ?")


def _without_no(sentence: str) -> str:
    """A reason that opens with "Non : " (the answer to another question), without it."""
    return sentence[6].upper() + sentence[7:] if sentence.startswith("Non : ") else sentence


# "le stage volontaire", named: the question is then on that stage (the compulsory one's points after it, T7 c40)
_NAMES_THE_VOLUNTARY = re.compile(r"\bvolontaire\b")


# "quand est-ce que j'ai eu mes points en plus ?", "j'ai gagné mes 2 points quand ?", "mes points de la 1re année,
# je les ai eus quand ?" (folded text)
_ASKS_PAST_INCREMENTS = re.compile(
    r"\b(?:quand|quelle date|a quelle date)\b[^?]{0,40}\b(?:eu|eus|gagne|obtenu|recu|ajoute|credite)s?\b[^?]{0,25}"
    r"\bpoints?\b|\b(?:eu|eus|gagne|obtenu|recu)s?\b[^?]{0,30}\bpoints?\b[^?]{0,20}\bquand\b"
    r"|\bles? (?:ai|a) eus?\b[^?]{0,10}\bquand\b")


def effect_without_a_day(decision, to_come: bool = True):
    """The stage's decision with its credit said from "le lendemain du dernier jour du stage" (R12, R.223-8), not from
    a day the user never gave, and in the future for a stage still to come (T18)."""
    return replace(decision, reasons=tuple(
        replace(r, data={**r.data, "to_come": to_come, "effect_fr": "le lendemain du dernier jour du stage"})
        if r.code == "stage.credited" else r for r in decision.reasons))


# "la semaine prochaine", "cette semaine", "dans deux semaines" (folded): a week, not a day
_A_WEEK_SAID = re.compile(r"\bsemaines?\b")


def stage_day_said_roughly(tracker: Tracker) -> Optional[str]:
    """The words that gave the stage's first day when they name no day ("la semaine prochaine", "dans 3 semaines"), as
    said; None for a day said ("le 14 décembre", "demain") or no stage day."""
    value = tracker.get_slot("stage_first_day")
    if not isinstance(value, str):
        return None
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        message = {"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities") or []}
        said = words_of_date(message, value)
        if said:
            return said.strip() if _A_WEEK_SAID.search(fold(said)) or rough_margin(said) else None
    return None


#: the stage's note when its day, told by its week only, is not assumed (ActionAnswerPointsAfterStage.decide)
NO_DAY_ASSUMED = "je n'en ai supposé aucun"


def _stage_week_assumed(tracker: Tracker, rendered: str) -> Optional[str]:
    """A stage told by its week only ("la semaine prochaine", read from that week's Monday) whose answer shows a date
    that follows from that Monday (its end, a deadline after it): the day assumed, said as such, since the user never
    gave it (R12, R15, R16). None when the answer shows none (the stage's own answer says its days apart)."""
    roughly = stage_day_said_roughly(tracker)
    first = partial_date_or_none(tracker.get_slot("stage_first_day"))
    if not roughly or first is None or first.precision != "day" or not _A_WEEK_SAID.search(fold(roughly)):
        return None
    shown = [day for day in (first.earliest(), first.earliest() + timedelta(days=1))
             if format_long_fr(day) in rendered]
    if not shown:
        return None
    return (f"Vous avez indiqué « {roughly} » pour le stage, sans son jour : j'ai compté qu'il commence le "
            f"{format_long_fr(first.earliest())}, le premier jour de cette semaine. Les dates qui en découlent changent "
            "avec ses vrais jours : donnez-les-moi pour une réponse exacte.")


def stage_days(facts: Facts) -> tuple:
    """First and last day of the stage: two consecutive days (R.223-5); the day said as the one it ended ("j'ai fini
    mon stage samedi", "il s'est terminé le 28/11") is its last one, the first the day before."""
    first = facts.day("stage_first_day", "earliest")
    if first is not None and stage_day_said_as_its_end(facts.tracker, facts.slot("stage_first_day")):
        return first - timedelta(days=1), first
    return first, first + timedelta(days=1)


# the verb of a stage's end before its one day: "j'ai fini mon stage (48N) samedi", "le stage s'est terminé le 28/11"
# (folded text, up to the date)
_STAGE_ENDED_BEFORE = re.compile(r"\b(?:fini|finit|termine|terminee|acheve|achevee)\b[^.;!?]{0,45}$")


def stage_day_said_as_its_end(tracker: Tracker, value: Any) -> bool:
    """The latest message giving the stage's day `value` said it as the day the stage ended, one day named (tester T50
    c12: "fini samedi" was read as the first of the two days, the refund's request a day late)."""
    if not value:
        return False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        for entity in (event.get("parse_data") or {}).get("entities", []):
            if entity.get("entity") != "date" or entity.get("role") not in (None, "stage") or "start" not in entity \
                    or str(entity.get("value"))[:10] != str(value)[:10]:
                continue
            before = fold(text[max(0, entity["start"] - 80):entity["start"]])
            return "stage" in before and not slot_values.stage_days_said(text[entity["start"]:entity["end"]]) \
                and bool(_STAGE_ENDED_BEFORE.search(before))
    return False


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

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if only_where_to_check_asked(tracker):
            # "je peux vérifier où ?" read as a stage's question: where to read the official balance (R19; T50 c07)
            informational.answer_check_balance(dispatcher, tracker)
            return [SlotSet("last_question", "action_answer_check_balance")]
        if stage_in_time_asked(tracker):
            # "j'ai trouvé un stage les 3 et 4 décembre, ça passe ?" after a 48N: whether it ends by the deadline, not
            # its points (R15, R16; tester T20 c24)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        if balance_with_the_stage_done_asked(tracker):
            # "ben combien il me reste avec le stage" after a stage done told in the history of retraits: the balance
            # today, that stage counted (R1, R12; T36 c17 was asked the balance, the licence's date, the stage's day)
            return [FollowupAction("action_answer_check_balance")]
        supposed = stage_after_the_hypothesis_answer(tracker)
        if supposed:
            # "et avec le stage obligatoire derrière, je remonte à 8 ou à 10 ?" after a red light supposed: the stage
            # after that offence, not today's balance at its ceiling (R7, R12; T57 c28)
            dispatcher.utter_message(text=supposed)
            return [SlotSet("last_question", self.name())]
        if balance_left_asked_without_stage(tracker) and not answer_in_context(tracker):
            # "quand j'aurai payé, il me restera combien ?" after the user's offence, no stage named: the balance it
            # leaves (R1, R2; tester T22 c25 was asked the balance), unless the last answer gives it in context
            return [FollowupAction("action_answer_check_balance")]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        decision = self._decide(facts, today)
        above_maximum_note(facts, today)  # ("j'ai 12 points, si je fais un stage j'en aurai 16 ?", T23 c29)
        roughly = stage_day_said_roughly(facts.tracker)
        credited = next((r for r in decision.reasons if r.code == "stage.credited"), None)
        if roughly and credited is not None:
            # "je fais un stage la semaine prochaine": no day was given, none is invented ("avec effet au 9 décembre"
            # counted from that week's Monday); the points count from the day after its last day (R12, R.223-8), said
            # so, in the future for a stage to come (T18)
            first, _ = stage_days(facts)
            decision = effect_without_a_day(decision, to_come=first >= today)
            facts.notes.insert(0, f"Vous avez indiqué « {roughly} » pour le stage, sans son jour : {NO_DAY_ASSUMED}. "
                                  "Les points comptent le lendemain de son dernier jour ; donnez-moi ses dates si vous "
                                  "voulez la date exacte.")
        full = full_gain_of_a_48m(facts, decision)
        if full:
            facts.notes.insert(0, full)
        return decision

    def _decide(self, facts: Facts, today: date):
        if facts.slot("stage_first_day") is None:
            # the day not known yet, and it would change nothing (forms.stage_day_not_needed): what a stage gives
            # from today's balance, up to the ceiling (R1, R12, R13)
            if stage_day_not_needed(facts.tracker):
                facts.notes.append("Le jour du stage ne change rien à ce calcul : votre permis n'est plus probatoire "
                                   "et aucun stage ne vous a rendu de points depuis un an.")
            return rules_core.stage_eligibility(
                today=today, previous_points_stage_first_day=facts.previous_stage,
                balance=balance_without_retrait_to_come(facts, today, today), ceiling=facts.ceiling_on(today),
                licence_state=LICENCE_STATES_FROM_NLU.get(facts.slot("licence_status"), "valid"))
        first, last = stage_days(facts)
        ceiling = facts.ceiling_on(last + timedelta(days=1))
        # the balance the stage is credited on, and the retrait still to be recorded then, subtracted after it (R18)
        balance, pending = balance_on_stage_first_day(facts, first, today)
        refund_note(facts, today)
        if letter_48n_received(facts.tracker) and first >= facts.day("letter_48n_date", "earliest") and \
                not compulsory_stage_done_before(facts, first):
            # the stage after a 48N: whether it ends in time, for the obligation and the refund (R15, R16; T3 c56)
            lines = render(rules_core.mandatory_stage_48n(
                received_on=facts.day("letter_48n_date", "earliest"), today=today, stage_first_day=first,
                stage_last_day=last, fine_status=fine_status_said(facts.tracker))).splitlines()
            lines = [lines[0]] + [line for line in lines[1:] if "rembours" in line]
            receipt_day = receipt_day_changes_the_answer(facts.tracker, last, today)
            if receipt_day:
                facts.leads.append(receipt_day)
            facts.notes.append(f"Pour la lettre 48N : {lines[0][0].lower()}{lines[0][1:]}" +
                               "".join(f"\n{line}" for line in lines[1:]))
        # "48SI notifiée le 12/05/2026, stage le 20/05": a stage after the notification gives nothing (R14 ex. 1)
        state: Dict[str, Any] = {}
        if invalidation_notified(facts.tracker):
            letter = facts.slot("letter_code") or last_value(facts.tracker, "letter_code")
            state = {"licence_state": "invalidated",
                     "invalidation_notified_on": facts.day("letter_48n_date", "earliest") if letter == "48SI" else None}
        elif LICENCE_STATES_FROM_NLU.get(facts.slot("licence_status")) in ("suspended", "retained"):
            # "permis suspendu 2 mois, stage les 12 et 13 mars": the stage still gives its points, said (R12, R14 ex. 3)
            state = {"licence_state": LICENCE_STATES_FROM_NLU[facts.slot("licence_status")]}
        if balance is None and pending == 0 and not state:
            balance = balance_left_by_the_48n_retrait(facts, first, ceiling, today)
        if balance is None:
            # "je ne connais pas mon solde": what the stage gives at most, from when, and the next stage (T1 c46, c48)
            facts.notes.append("Dites-moi votre solde dès que vous le connaissez : je vous donnerai votre total.")
        elif ceiling is None and not facts.relicensed:
            # the licence's date not known ("je ne sais pas", twice): no probation assumed (the tester got a ceiling
            # of 6), what a probationary ceiling would change said when it would (R5, R12, R14 example 3)
            view = rules_core.load_params().at(today)
            initial, maximum = view.value("probation.initial_points"), view.value("capital.max")
            if balance + view.value("stage.max_gain") > initial:
                facts.notes.append(
                    f"Sans la date de votre permis, j'ai compté le plafond de {maximum} points d'un permis qui n'est "
                    f"plus probatoire. Un permis probatoire a un plafond plus bas ({initial} points la première "
                    "année) : le stage pourrait alors vous rendre moins. Dites-moi la date de votre permis pour un "
                    "calcul exact.")
        decision = rules_core.stage_points(
            balance=balance, first_day=first, last_day=last, today=today, ceiling=ceiling,
            previous_points_stage_first_day=facts.previous_stage, pending_retrait_points=pending,
            pending_retrait_maybe_counted=retrait_maybe_counted(facts, pending), **state,
        )
        if not pending and not state:
            after_probation_note(facts, decision, today)
        return decision

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """A stage done that credited points on the balance told: the balance after it is the user's now, and it is
        the last stage that gave points (R12, R13). "j'avais 7 points, stage les 14 et 15 octobre" then "et si j'en
        refais un en mars ?": the next stage counts from 14 October and starts from 11 points, not 7 (tester T7 c01);
        the stage is no longer the one asked about, so it is not counted twice."""
        first = decision.facts.get("first_day")
        if decision.outcome != "credited" or decision.facts.get("pending_retrait_points") or first is None or \
                decision.key_dates.get("effective_date") is None or decision.key_dates["effective_date"] > today() or \
                decision.facts.get("balance") != tracker.get_slot("current_balance"):
            return []
        return [SlotSet("current_balance", decision.results["balance_after"]),
                SlotSet("previous_stage_date", first.isoformat()), SlotSet("stage_first_day", None)]


def balance_left_by_the_48n_retrait(facts: Facts, first_day: date, ceiling: Optional[int], today_: date
                                    ) -> Optional[int]:
    """The balance unknown, the 48N's stage asked about: when the 48N's offence (its points known, no more than a stage
    gives back) is the only retrait told since a probationary licence, the balance before the stage is the frozen
    ceiling less those points, whatever day the offence was committed on (R5, R7: the first offence in probation stops
    the increments; R8: no point back for 2 points or more in probation), and the stage brings the licence back to its
    ceiling either way (R12): the total is said, with why and what it assumes (tester T20 c12 got "votre total dépend
    de votre solde" after four questions). None otherwise."""
    tracker = facts.tracker
    if ceiling is None or facts.licence_date is None or not letter_48n_received(tracker) or \
            first_day < facts.day("letter_48n_date", "earliest") or facts.previous_stage is not None or \
            len(told_retraits(tracker)) > 1 or stage_dates_told(tracker) and \
            any(value != facts.slot("stage_first_day") for value in stage_dates_told(tracker)):
        return None
    probationary, _ = probation_on(facts, first_day)
    if not probationary:
        return None
    offence = facts.slot("offence_type")
    points = facts.number("last_offence_points") or (
        offence_scale(offence, tracker.current_slot_values(),
                      alcohol=alcohol_level_scale(tracker, offence, tracker.current_slot_values())).get("last_offence_points")
        if isinstance(offence, str) else None)
    view = rules_core.load_params().at(today_)
    if not points or points < view.value("letter_48n.min_points") or points > view.value("stage.max_gain") or \
            points >= ceiling:
        return None
    facts.notes.append(
        f"Sans votre solde, j'ai compté que l'infraction de la lettre 48N ({_points_fr(points)}) est le seul retrait "
        f"depuis l'obtention de votre permis : votre solde est alors de {ceiling - points} points sur {ceiling}. Quel "
        f"que soit le jour de cette infraction, le stage vous rend les {_points_fr(points)} retirés et vous ramène à "
        "votre plafond, car la première infraction en période probatoire arrête les majorations (articles L.223-1 et "
        "L.223-6 du Code de la route). Un autre retrait depuis votre permis changerait ce total.")
    return ceiling - points


#: how soon the end of probation must come for a stage to be worth waiting for (R7, R13: one stage a year)
PROBATION_END_WAIT_DAYS = 365


def after_probation_note(facts: Facts, decision, today_: date) -> None:
    """A stage capped by the probationary ceiling, the probation ending within the year: a stage begun from its end,
    when the ceiling is 12, would give more; said with what it would give, since only one stage a year gives points
    (R5, R7 edge case: "a stage right after the end can add up to 4", R12, R13; tester T10 c39: 7/9, a stage in
    January gave 2 points, one from 21 February 2027 gives 4). Nothing when it would give no more."""
    first, gain = decision.facts.get("first_day"), decision.results.get("points_credited")
    ceiling = decision.facts.get("ceiling")
    maximum = rules_core.load_params().at(today_).value("capital.max")
    if decision.outcome not in ("credited", "no_points_at_ceiling") or first is None or gain is None or \
            ceiling is None or ceiling >= maximum:
        return
    probationary, end = probation_on(facts, first)
    if not probationary or end is None or end <= first or (end - first).days > PROBATION_END_WAIT_DAYS:
        return
    letter_48n = rules_core.load_params().at(today_).value("letter_48n.min_points")
    if letter_48n_received(facts.tracker) or awaits_48n(facts, today_) or \
            any(offence["points"] >= letter_48n for offence in offence_told(facts.tracker.slots)):
        return  # a 48N's stage is due within 4 months of it: no waiting for the end of probation (R15)
    counted = Facts(facts.tracker)  # (its notes are the later stage's, not this answer's)
    balance, pending = balance_on_stage_first_day(counted, end, today_)
    if balance is None or pending:
        return
    later = rules_core.stage_points(balance=balance, first_day=end, last_day=end + timedelta(days=1), today=today_,
                                    ceiling=facts.ceiling_on(end + timedelta(days=2)),
                                    previous_points_stage_first_day=facts.previous_stage)
    more = later.results.get("points_credited")
    if later.outcome != "credited" or not more or more <= gain:
        return
    facts.notes.append(
        f"Votre période probatoire se termine le {format_long_fr(end)} : votre plafond passe alors à {maximum} points. "
        f"Un stage commencé à partir de cette date vous rendrait {more} points "
        + (f"au lieu de {gain}" if gain else "alors que celui-ci ne vous en rend aucun") + " (votre solde "
        f"passerait de {balance} à {later.results['balance_after']} points). Comme un seul stage par an rend des "
        "points, mieux vaut attendre cette date (articles L.223-1 et L.223-6 du Code de la route).")


def compulsory_stage_done_before(facts: Facts, first: date) -> bool:
    """A stage told done on or after the 48N's receipt and before the stage asked about ("48N reçue le 2 avril 2024,
    stage obligatoire les 13 et 14 mai 2024", then "et un stage en janvier ?"): that one was the compulsory stage; the
    stage asked about is another, voluntary one, with no deadline, fine or refund of its own (R11, R15, R16; tester T51
    c12 got "après la date limite du 2 août 2024 … 135 €, jusqu'à 750 €" for a January 2027 stage)."""
    received = facts.day("letter_48n_date", "earliest")
    if received is None:
        return False
    for value in stage_dates_told(facts.tracker):
        told = partial_date_or_none(value)
        if told is not None and received <= told.earliest() and told.latest() < first:
            return True
    return False


def _compulsory_stage_done(facts: Facts) -> bool:
    """The stage done ("il a fait son stage les 10 et 11 janvier 2026") on or after the 48N's receipt: that was the
    compulsory stage, done; "quand peut-il refaire un stage ?" is then the next stage's question (R13), not the 48N's
    (R15), whose engine takes a previous stage as one before the letter (T23 c34 got "le stage précédent ne peut pas
    être dans le futur", three times)."""
    previous, received = facts.previous_stage, facts.day("letter_48n_date", "earliest")
    return previous is not None and received is not None and previous >= received and \
        facts.slot("stage_first_day") is None


# "je peux en faire un la semaine prochaine ?", "cette semaine ?" (folded): a week asked, read as its Monday
_A_WEEK_ASKED = re.compile(r"\b(?:la )?semaine (?:prochaine|d'?\s?apres|suivante)\b|\bcette semaine\b")


def _allowed_days_of_the_week_asked(facts: Facts, decision, previous: Optional[date], today: date) -> Optional[str]:
    """"je peux en faire un la semaine prochaine ?" when a stage gives points again from a day of that week: the week
    read as its Monday is too early, but the days from that one are not (R13, date à date; tester T36 c19 got "Aucun
    point" for the week of 7-13 December, points from the 10th). None otherwise."""
    planned = partial_date_or_none(facts.slot("stage_first_day"))
    if decision.outcome != "no_points_too_early" or previous is None or planned is None or \
            planned.precision != "day" or not _A_WEEK_ASKED.search(fold(question_text(facts.tracker))):
        return None
    monday = planned.earliest()
    sunday = monday + timedelta(days=6)
    earliest, prudent = next_point_stage(previous, rules_core.load_params().at(today))[:2]
    if monday.weekday() != 0 or not monday < earliest <= sunday:
        return None
    return (f"Dans la semaine du {format_long_fr(monday)} au {format_long_fr(sunday)}, un stage qui commence le "
            f"{format_long_fr(earliest)} ou après vous rendra des points (date prudente : le {format_long_fr(prudent)}) ; "
            "commencé avant, aucun (article L.223-6 du Code de la route).")


def single_point_back_without_stage(facts: Facts, today_: date, decision) -> Optional[str]:
    """The single points of the retraits told that come back by themselves after their 6 months, still to come (R8):
    said next to a stage's answer, and when the stage would give no more than they do, that it only brings them
    forward ("j'ai 11 points, ça vaut le coup de faire un stage ?" 5 months after paying a 1-point excess; tester
    T51 c27 was offered the stage's 1 point without the point's own return a month later). None otherwise."""
    offences = [o for o in (_offence_of(r, facts, today_) for r in told_retraits(facts.tracker)) if o]
    if not offences:
        return None
    try:
        recovery = rules_core.automatic_recovery(offences=offences, today=today_)
    except rules_core.InconsistentFacts:
        return None
    coming = [r for r in recovery.reasons if r.code == "recovery.single_point" and r.data["date"] > today_]
    if not coming:
        return None
    said = " ; ".join(f"le point retiré pour l'infraction payée le {format_long_fr(r.data['realite'])} revient de "
                      f"lui-même le {format_long_fr(r.data['date'])}" for r in coming)
    balance, results = facts.number("current_balance"), (decision.results or {}) if decision is not None else {}
    # (what a stage would give now: up to its maximum, to the ceiling, R12)
    ceiling = facts.ceiling_on(today_) or rules_core.load_params().at(today_).value("capital.max")  # (assumed, R1)
    credited = min(results["max_gain"], ceiling - balance) if results.get("gives_points_now") and \
        balance is not None and results.get("max_gain") else None
    brought_forward = " : un stage ne ferait qu'avancer ce retour" if credited and credited <= len(coming) else ""
    return (f"Sans stage, {said}, si vous ne commettez pas d'autre infraction avec retrait d'ici là (article L.223-6 "
            f"du Code de la route){brought_forward}.")


class ActionAnswerStageEligibility(AnswerAction):
    form = "stage_eligibility_form"
    field_slots = {"previous_points_stage_first_day": "previous_stage_date", "balance": "current_balance",
                   "ceiling": "licence_date", "planned_points_stage_first_day": "stage_first_day"}
    uses_declared_balance = True
    pending_story_first = True

    def name(self) -> Text:
        return "action_answer_stage_eligibility"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if only_where_to_check_asked(tracker):
            # "je peux vérifier où ?" read as a stage's question: where to read the official balance (R19; T50 c07)
            informational.answer_check_balance(dispatcher, tracker)
            return [SlotSet("last_question", "action_answer_check_balance")]
        if stage_in_time_asked(tracker):
            # "ce stage des 3 et 4 décembre, je peux le faire, ça passe ?" after a 48N: its deadline answers (R15, R16)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        told = stage_days_told(tracker)
        if previous_answer(tracker) == self.name() and told and told != tracker.get_slot("stage_first_day") and not any(
                e.get("entity") == "date" and e.get("role") == "stage" for e in (tracker.latest_message or {}).get(
                    "entities") or []):
            # "ya une place demain 2 et 3 décembre, c'est bon ou c'est trop tôt d'un jour ?" after this answer: the
            # stage's two days (R.223-5) are the stage asked about, its answer again with them (tester T32 c06 got "je
            # n'ai pas d'autre réponse", then another subject; handed to the correction action after the form had
            # run in the same turn, it said nothing, T34 c06)
            tracker.slots["stage_first_day"] = told
            return [SlotSet("stage_first_day", told)] + super().run(dispatcher, tracker, domain)
        at_zero = balance_at_zero_before_the_48n(tracker)
        if at_zero:
            # "…48N le 2 décembre 2024 mais il n'a pas fait le stage… il peut faire un stage pour sauver son permis ?"
            # when the retraits told took the balance to 0 before that 48N: the 48SI follows, not the 48N's deadline,
            # and only a stage ended before its notification saves the licence (R18, R20), as the balance answer said
            # (tester T26 c10 got the 48N's expired deadline after that answer, then the same answer again)
            reminding(dispatcher, tracker).utter_message(text=at_zero)
            return [SlotSet("last_question", "action_answer_check_balance")]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        decision = self._decide(facts, today)
        above_maximum_note(facts, today)
        coming_back = single_point_back_without_stage(facts, today, decision)
        if coming_back:
            facts.notes.insert(0, coming_back)
        balance, previous = facts.number("current_balance"), facts.previous_stage
        week = _allowed_days_of_the_week_asked(facts, decision, previous, today)
        if week:
            facts.notes.insert(0, week)
        established = balance
        if balance is not None and _compulsory_stage_done(facts) and previous + timedelta(days=2) <= today and \
                BALANCE_BEFORE.search(fold(question_text(facts.tracker))):
            # "il avait 4 points après le retrait" and the 48N's stage done since: that stage's points count (R12)
            done = rules_core.stage_points(balance=balance, first_day=previous, last_day=previous + timedelta(days=1),
                                           today=today, ceiling=facts.ceiling_on(previous + timedelta(days=2)))
            if done.outcome == "credited":
                after = done.results["balance_after"]
                facts.notes.insert(0, f"Le stage du {format_long_fr(previous)} vous a rendu "
                                      f"{done.results['points_credited']} points le "
                                      f"{format_long_fr(done.key_dates['effective_date'])} : votre solde est passé de "
                                      f"{balance} à {after} points, sans autre retrait depuis (article L.223-6 du Code "
                                      f"de la route).")
                balance = after
        asked = facts.day("stage_first_day", "earliest")
        if decision.outcome in ("no_points_too_early", "points_from") and balance is not None and previous is not None \
                and not (asked is not None and asked < today):
            # (not for a stage done asked about, "le stage de juin 2025 il m'a bien rendu des points ?": what it gave is
            # the question, not a stage to begin today; T54 c22)
            # "si je le fais le 1er décembre ça passe ?" then "il me reste 8 points": no for that day, and what the
            # first stage that gives points again would give (R12, R13; T3 c03)
            _, prudent = next_point_stage(previous, rules_core.load_params().at(today))[:2]
            first = max(prudent, today)
            if balance == established:
                # from the balance the conversation established on that day, as the stage's own answer counts it: "Solde
                # aujourd'hui : 6 points" after a délit, 12 told before it (tester T34 c19 got "votre solde (12) est
                # déjà au plafond" for the stage of 11 December next to "6 points aujourd'hui"; R1, R2, R12)
                balance, pending = balance_on_stage_first_day(Facts(facts.tracker), first, today)
                balance = established if balance is None else balance
                below = balance_computed_below_zero(facts.tracker)
                if below is not None and below < balance and below <= balance - pending:
                    # "Son solde calculé est de -1 … un stage terminé avant cette notification le sauve" (8 told, 9
                    # withdrawn): a stage months away starts from -1, as that answer counted it, the retrait first (R18)
                    balance = below
            later = rules_core.stage_points(balance=balance, first_day=first, last_day=first + timedelta(days=1),
                                            today=today, ceiling=facts.ceiling_on(first + timedelta(days=2)),
                                            previous_points_stage_first_day=previous)
            if later.outcome in ("credited", "no_points_at_ceiling"):
                line, *others = render(later).splitlines()
                # (from a balance at 0 or below, the condition that stage saves the licence on: the 48SI not notified by
                # its end, R18; T43 c12)
                saved = [other[2:] for other in others if other.startswith("- Le permis serait sauvé")]
                facts.notes.append(f"Avec un stage qui commence le {format_long_fr(first)}, {line[0].lower()}{line[1:]}"
                                   + "".join(f" {other}" for other in saved))
        return decision

    def _decide(self, facts: Facts, today: date):
        if letter_48n_received(facts.tracker) and not _compulsory_stage_done(facts):
            # "stage volontaire en septembre, là je reçois une 48N, je dois refaire un stage ?": yes, within 4 months;
            # within the year it gives no points, the fine is still refunded (R15, R17)
            # "le stage que j'ai trouvé c'est le 26 et 27 février, ça passe ?": whether that stage ends in time (R15, R16)
            first, last = stage_days(facts) if facts.slot("stage_first_day") else (None, None)
            received = facts.day("letter_48n_date", "earliest")
            if first is not None and received is not None and first < received:
                first, last = None, None  # a stage before the letter is not the compulsory one (R17)
            return rules_core.mandatory_stage_48n(
                received_on=received, today=today, stage_first_day=first,
                stage_last_day=last, previous_points_stage_first_day=facts.previous_stage,
                licence_date=facts.licence_date, aac=facts.aac, fine_status=fine_status_said(facts.tracker))
        second_stage_note(facts, today)
        booked = facts.day("stage_first_day", "earliest")
        first = booked if booked is not None and booked >= today else today
        counted = Facts(facts.tracker)  # (its notes said only with the stage's points below)
        balance, pending = balance_on_stage_first_day(counted, first, today)
        # (no stage booked and none gives points before a year from the last one: not a stage today, then the retrait
        # "pas encore enregistré … déduit après le stage", which the answers before took as effective on its payment;
        # the first stage that gives points is counted by decide(), T43 c12; R13, R18)
        too_early = booked is None and facts.previous_stage is not None and \
            next_point_stage(facts.previous_stage, rules_core.load_params().at(today))[0] > today
        if balance is not None and pending and not too_early:
            # "j'ai 10 points, je viens de payer 4 points, stage tout de suite ou j'attends ?": a stage now (or the one
            # booked), then the retrait (R18 example 1: better wait)
            facts.notes.extend(counted.notes)
            decision = rules_core.stage_points(balance=balance, first_day=first, last_day=first + timedelta(days=1),
                                               today=today, ceiling=facts.ceiling_on(first),
                                               previous_points_stage_first_day=facts.previous_stage,
                                               pending_retrait_points=pending)
            # (a stage on no day told: counted from today, its effect is not "au 3 décembre", a day never given; T18)
            return decision if booked is not None else effect_without_a_day(decision)
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
        question_text_ = question.get("text") or ""
        told_now = stage is not None and any(
            e.get("entity") == "date" and facts.slot("stage_first_day") in (
                e.get("value"), this_week_ahead(e.get("value"), question_text_[e.get("start", 0):e.get("end", 0)], today))
            for e in (question.get("parse_data") or {}).get("entities", []))
        hypothetical = (facts.tracker.latest_message or {}).get(HYPOTHETICAL_STAGE)
        if hypothetical is not None and hypothetical == facts.slot("stage_first_day"):
            # "ok et si je le fais le 10 janvier 2027 ?" after "je peux en refaire un quand ?": the stage the
            # hypothesis plans is the one asked about, not a booked one the next would count from (R13; T13 c03)
            told_now = stage is not None
        if told_now and previous is not None and stage > previous:
            # "mon dernier stage c'était le 1er décembre 2025, je peux en refaire un aujourd'hui ?": the stage told with
            # the last one is the one asked about, not the one the next counts from (tester T2, R13 ex. 1)
            asks_next = False
            if planned is None and stage <= today <= stage + timedelta(days=1):
                # "stage fait le 30/11/2025, je peux en refaire un qui commence le 30/11/2026 ?" on 1 December 2026:
                # the stage asked about is under way, not the last one the next counts from (T61 c26 got "pas avant
                # le 30 novembre 2027"; R13: a year date to date, 30 November 2026, cautious date the 1st)
                planned = stage
        if previous is not None and stage is not None and stage > previous and \
                (told_now or (planned is not None and not asks_next)):
            # R13 example 2: the stage asked about ("j'en refais un le 30/11/2026, ça marche ?", "je commence le
            # prochain le 30 novembre"), done, under way or booked, begun before the year since the last one is up
            # gives no points, whatever the balance
            # (with the balance: at 0 or below, that stage saves nothing, said; T10 c30)
            early = rules_core.stage_eligibility(today=today, previous_points_stage_first_day=previous,
                                                 stage_first_day=stage, ceiling=facts.ceiling_on(today),
                                                 balance=balance_without_retrait_to_come(facts, today, today))
            if early.outcome == "no_points_too_early":
                return early
        if planned is not None and not asks_next:
            # "et si je le fais demain, ça marche ?": that stage, on its own day (R12, R13); "en décembre 2026": its
            # first day counted, said (T13 c28 got "avec effet au 3 décembre 2026" without it)
            facts.say_precision(facts.slot("stage_first_day"), planned, "le stage")
            balance = balance_without_retrait_to_come(facts, planned, today)
            if balance is not None:
                return rules_core.stage_points(balance=balance, first_day=planned, last_day=planned + timedelta(days=1),
                                               today=today, ceiling=facts.ceiling_on(planned + timedelta(days=2)),
                                               previous_points_stage_first_day=previous)
            return rules_core.stage_eligibility(today=planned, previous_points_stage_first_day=previous,
                                                ceiling=facts.ceiling_on(planned), said_on=today)
        if stage is not None and stage < today and (previous is None or stage > previous) and \
                rules_core.stage_eligibility(today=stage, previous_points_stage_first_day=previous).results[
                    "gives_points_now"]:
            previous = stage  # a later stage that gave points (a year after the one before, R13)
        return rules_core.stage_eligibility(
            today=today, previous_points_stage_first_day=previous, planned_points_stage_first_day=planned,
            licence_state="invalidated" if invalidation_notified(facts.tracker) else
            LICENCE_STATES_FROM_NLU.get(facts.slot("licence_status"), "valid"),
            # the balance told is today's: after the booked stage it will have changed
            balance=None if planned else balance_without_retrait_to_come(facts, today, today),
            ceiling=facts.ceiling_on(today),
            awaiting_48n=awaits_48n(facts, today),
        )


# "j'avais 8 points avant le retrait", "avant de perdre 3 points": the balance said is the one before the retrait
# (not "je fais le stage avant ou après avoir payé ?")
# (in any person: "il avait 6 points, il a perdu 3 points pour vitesse", T11 c03)
_BALANCE_BEFORE_RETRAIT = re.compile(r"\b(?:j'?\s?avais|j'?\s?etais a|(?:il|elle|on|tu) avai[st]|vous aviez"
                                     r"|(?:il|elle|on) etait a|tu etais a|vous etiez a)\b|\bavant (?:le |mon |ce |cette |l'|la |de )?"
                                     r"(?:retrait|perdre|infraction|amende|flash|pv|contravention)")


# "…mes points et mon argent ?", "l'amende est remboursée ?", "et l'amende je la récupère ?": the question also asks
# about the fine. The fine told as a fact ("j'ai payé l'amende de 135 €, je récupère combien de points ?") asks
# nothing: the money must be what is recovered or refunded.
_MONEY = r"(?:l'\s?|mon |mes |les |la |de l'\s?)?(?:argent|amende|sous|\d+\s*(?:€|euros?)|\d{2,3}\b(?!\s*(?:points?|pts?)))"
_ASKS_MONEY = re.compile(
    r"\brembours\w*|\bmon argent\b|\bmes sous\b"
    # "je récupère aussi l'amende ?", "le stage me rend les 135 € ?"
    r"|\b(?:recup\w*|rend\w*)\s+(?:aussi\s+|egalement\s+|meme\s+)?" + _MONEY +
    # "l'amende je la récupère ?", "l'amende de 135 on me la rend ?", "l'argent revient ?"
    r"|\b(?:amende|argent)\b(?:\s+(?:de\s+)?\d+\s*(?:€|euros?)?)?,?\s+(?:je\s+|on\s+|tu\s+)?(?:me\s+|m'\s?)?"
    r"(?:la\s+|le\s+|l'\s?)?(?:recup\w*|rend\w*|revient|reviendra)\b")


COMPULSORY_STAGE_REFUND = (
    "Le stage obligatoire remplace aussi l'amende : s'il est terminé dans les 4 mois qui suivent la réception de la "
    "lettre 48N, l'amende payée est remboursée, ou son recouvrement arrêté si elle n'est pas encore payée (article "
    "L.223-6 du Code de la route). La demande de remboursement est à envoyer rapidement, au plus tard dans les 15 jours "
    "suivant le stage.")


STAGE_BEFORE_THE_48N = (
    "Attention : la lettre 48N n'est pas encore arrivée. Un stage suivi avant sa réception serait un stage volontaire : "
    "il ne remplirait probablement pas l'obligation et ne ferait pas rembourser l'amende ; le stage obligatoire, à "
    "suivre quand même dans les 4 mois après la lettre, ne rendrait alors aucun point s'il commence moins d'un an après "
    "(articles R.223-4 et L.223-6 du Code de la route). Mieux vaut attendre la lettre 48N pour faire le stage.")


def refund_note(facts: Facts, today_: date) -> None:
    """"est-ce que je récupère mes points et mon argent si je fais le stage ?" without a 48N: only the compulsory stage
    after a 48N, within 4 months, refunds the fine; a retrait of 3 points or more in probation brings that letter
    (R15, R16, R17; T4 m032)."""
    question = _question_event(facts.tracker)
    if letter_48n_received(facts.tracker):
        return
    if not _ASKS_MONEY.search(fold(question.get("text") or "")):
        if awaits_48n(facts, today_) and _NAMES_THE_COMPULSORY.search(fold(question_text(facts.tracker))):
            # "s'il fait le stage obligatoire, il remonte à combien ?": the points, and the fine it replaces (R16;
            # T14 c27)
            facts.notes.append(COMPULSORY_STAGE_REFUND)
        elif awaits_48n(facts, today_) and (facts.day("stage_first_day", "earliest") or date.min) >= today_:
            # "et si elle paye demain et qu'elle fait le stage en janvier, elle remonte à combien ?" in probation, the
            # 48N still to come: a stage before it is a voluntary one, which uses up the year (R14 edge, R17; T43 c06
            # got the points without a word on the letter)
            facts.notes.append(STAGE_BEFORE_THE_48N)
        return
    retrait = _retrait_told(facts, today_) or 0
    if probation_said(facts.tracker) and retrait >= rules_core.load_params().at(today_).value("letter_48n.min_points"):
        facts.notes.append(
            f"Pour l'amende : un retrait de {retrait} points en permis probatoire vous vaudra une lettre 48N. Seul le "
            "stage obligatoire suivi après sa réception et terminé dans les 4 mois fait rembourser l'amende (articles "
            "R.223-4 et L.223-6 du Code de la route) : attendez cette lettre pour faire le stage. Un stage fait "
            "avant serait un stage volontaire, sans remboursement, et ne dispenserait pas du stage obligatoire.")
    else:
        facts.notes.append(VOLUNTARY_STAGE_NO_REFUND)


def retrait_said_after_the_balance(facts: Facts) -> Optional[int]:
    """The points of the one undated retrait said after the balance told ("j'avais 8 points avant le retrait de 3",
    "il avait 6 points, il a perdu 3 points"): that balance was the one before it. None otherwise."""
    balance = facts.number("current_balance")
    for event in reversed(facts.tracker.events):
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        said = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "balance"]
        if not said:
            continue
        lost = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "lost"]
        dated = any(e.get("entity") == "date" and e.get("role") in ("payment", "offence") for e in entities)
        if balance is not None and said[0] == balance and len(lost) == 1 and not dated and \
                _BALANCE_BEFORE_RETRAIT.search(fold(event.get("text") or "")) and 0 < int(lost[0]) <= balance:
            return int(lost[0])
        return None
    return None


# an answer's balance after the retrait it made, from the balance told before it (folded): "avec 12 points avant
# l'infraction, il vous reste 4 points : le retrait a ete fait", "votre solde est passe de 12 points a 4 points"
_BALANCE_LEFT_ANSWERED = re.compile(r"\bavec (\d+) points avant (?:l'infraction|ces infractions), il vous reste (\d+) points? : le retrait a "
                                    r"ete fait\b|\bvotre solde est passe de (\d+) points a (\d+) points?\b")


def _figure_answered_since_the_balance_told(tracker: Tracker, read: Callable[[str], Optional[int]]) -> Optional[int]:
    """The first figure `read` finds in the assistant's messages (folded), the latest first, when no user message
    before the latest told another balance since (that balance is the one then)."""
    latest, told = True, set()
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if not latest:
                told |= {e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                         if e.get("entity") == "points" and e.get("role") in (None, "balance")}
            latest = False
        elif event.get("event") == "bot":
            found = read(fold(event.get("text") or ""))
            if found is not None:
                # (a balance told since that answer, another figure: that one; the same, said back: "au fait j'ai reçu
                # une lettre 48M avec 4 points" after "il vous restera 4 points", T54 c28)
                return found if told <= {found} else None
    return None


def balance_answered_after_the_retrait(tracker: Tracker) -> Optional[int]:
    """The balance an answer said the user's retrait left, made already, when the balance known is still the one told
    before that retrait and no user message told another since: the balance a stage asked about next starts from
    (R1, R2, R12). None otherwise."""
    balance = tracker.get_slot("current_balance")
    if not isinstance(balance, int) or isinstance(balance, bool):
        return None

    paid = partial_date_or_none(tracker.get_slot("fine_payment_date"))
    made = paid is not None and paid.latest() <= today()

    def left_of_the_balance(text: str) -> Optional[int]:
        for found in _BALANCE_LEFT_ANSWERED.finditer(text):
            before, left = int(found.group(1) or found.group(3)), int(found.group(2) or found.group(4))
            if before == balance and 0 < left < before:
                return left
        # "il vous restera 4 points une fois le retrait fait", then the fine told paid on a past day: the retrait is
        # made (R2; T54 c28: "j'ai tout payé le 30 septembre", then "déjà au plafond" from the 12 told before it)
        for found in LEFT_ONCE_MADE.finditer(text) if made else ():
            before, left = int(found.group(1)), int(found.group(2))
            if before == balance and 0 < left < before:
                return left
        return None
    return _figure_answered_since_the_balance_told(tracker, left_of_the_balance)


# the balance at 0 or below the zero-points answer computed from the balance told (folded): "son solde calcule est de -1,
# mais le permis reste valide"
_BALANCE_NOT_ABOVE_ZERO_ANSWERED = re.compile(r"^(?:son|votre) solde calcule est de (-\d+|0)\b")


def balance_computed_below_zero(tracker: Tracker) -> Optional[int]:
    """The balance at 0 or below an answer computed from the balance told ("Son solde calculé est de -1, mais le permis
    reste valide jusqu'à la notification de la lettre 48SI"), when no user message told another balance since. None
    otherwise."""
    def below_zero(text: str) -> Optional[int]:
        found = _BALANCE_NOT_ABOVE_ZERO_ANSWERED.search(text)
        return int(found.group(1)) if found else None
    return _figure_answered_since_the_balance_told(tracker, below_zero)


# the balance of today an answer established, its retraits made (folded, in the answer's first line): "Solde
# aujourd'hui : 6 points", "il vous reste 3 points", "votre solde est aujourd'hui de 4 points", "votre solde est passé
# de 12 points à 3 points" (not "passerait", "passera": a hypothesis or a stage to come)
_BALANCE_ESTABLISHED = re.compile(
    r"\b(?:solde aujourd'hui :|il (?:vous|lui) reste|solde est aujourd'hui de|solde est de) (\d+) points?\b"
    r"|\b(?:votre|son) solde est passe de \d+ points a (\d+) points?\b")


def _balance_an_answer_established(event: dict) -> Optional[int]:
    """The balance of today a bot message established (_BALANCE_ESTABLISHED), not in a hypothesis's answer ("Si vous
    faites un stage …"); None for any other event."""
    if event.get("event") != "bot":
        return None
    text = fold(event.get("text") or "")
    found = None if text.startswith("si ") else next(
        (m for line in text.splitlines() if not line.startswith("si ") for m in _BALANCE_ESTABLISHED.finditer(line)),
        None)
    return int(found.group(1) or found.group(2)) if found else None


def balance_established(tracker: Tracker) -> Optional[int]:
    """The balance of today the conversation established: the one the last answer that computed it said, its retraits
    made, unless the user told a balance since (the one the slot holds), a retrait still to come was told, or a stage
    done after the retraits was told since. The stage's balance starts from it, before any balance told before those
    retraits or assumed (12) (R1, R2, R12; testers T34 c19, T35 c07, c11 got "votre solde (12) est déjà au plafond"
    right after "Solde aujourd'hui : 6 points"). balance_answered_after_the_retrait is the case of a balance told before
    the retrait. None otherwise."""
    answered = balance_answered_after_the_retrait(tracker)
    if answered is not None:
        return answered
    from actions.offence_history import told_retraits  # (offence_history reads this module)
    retraits = told_retraits(tracker)
    if any(not r.established for r in retraits):
        return None  # (a retrait to come: the answer's balance does not count it; pending_retrait does)
    first_retrait = min((r.realite for r in retraits), default=None)
    slot = tracker.get_slot("current_balance")
    established, stage_counted = None, set()
    events = list(tracker.events)
    for index, event in enumerate(events):
        answered = _balance_an_answer_established(event)
        if answered is not None:
            # (the last stage the answer's turn knew, its slots set after its messages)
            turn_end = next((i for i in range(index, len(events)) if events[i].get("event") == "user"), len(events))
            established, stage_counted = answered, {
                str(e.get("value"))[:10] for e in events[:turn_end]
                if e.get("event") == "slot" and e.get("name") == "previous_stage_date" and e.get("value")} | {
                str(x.get("value"))[:10] for e in events[:index] if e.get("event") == "user"
                for x in (e.get("parse_data") or {}).get("entities", [])
                if x.get("entity") == "date" and x.get("role") == "stage" and x.get("value")}
        elif event.get("event") == "slot" and event.get("name") == "previous_stage_date":
            if established is None or str(event.get("value"))[:10] in stage_counted:
                continue  # (the stage the answer counted, set again by a later form: T46 c17 lost its 8/8)
            try:
                stage = date.fromisoformat(str(event.get("value"))[:10])
            except ValueError:
                continue
            if stage + timedelta(days=2) <= today() and (first_retrait is None or stage >= first_retrait):
                established = None  # (a stage done after the retraits, told since: the balance counts it again)
        elif event.get("event") == "user" and established is not None:
            entities = (event.get("parse_data") or {}).get("entities", [])
            if any(e.get("entity") == "points" and e.get("role") in (None, "balance") and e.get("value") == slot
                   and e.get("value") != established for e in entities):
                established = None  # ("en fait il me reste 7 points": the balance told since)
    return established


def balance_after_the_retrait_said(facts: Facts) -> Optional[int]:
    """The balance now: "j'avais 8 points avant le retrait de 3" said the balance before that retrait, so 5 (T3 c56);
    the balance known otherwise. (Dated retraits are counted by the balance history, history_decision.)"""
    balance = facts.number("current_balance")
    lost = retrait_said_after_the_balance(facts)
    if lost is None:
        return balance
    facts.notes.append(f"J'ai compté votre solde après le retrait de {lost} points : "
                       f"{balance - lost} points ({balance} avant le retrait).")
    return balance - lost


# "le stage obligatoire", "le stage de la 48N" named in the stage's question (folded text)
_NAMES_THE_COMPULSORY = re.compile(r"\bobligatoire\b|\b48 ?n\b")


def _voluntary_or_before_the_letter(asked: str) -> bool:
    """"il n'a pas encore reçu la 48N, il peut faire un stage volontaire tout de suite ?", "un stage avant la 48N ?"
    (folded question): the 48N named as the story, the stage asked about a voluntary one, before the letter (T16 c11)."""
    return bool(_NAMES_THE_VOLUNTARY.search(asked) or STAGE_BEFORE_LETTER.search(asked))


def balance_on_stage_first_day(facts: Facts, first_day: date, today_: date) -> Tuple[Optional[int], int]:
    """The balance a stage beginning on `first_day` is credited on, and the points of the user's retraits not recorded
    by then, subtracted after the stage: (balance, pending) (R1, R2, R12, R18 example 1). The stage's answer and its
    what-ifs (actions/what_if.py) read it here only, so a retrait is counted once, before the stage or after it.

    - A story that tells the balance with its retraits ("j'avais 12 points, un excès de 25 km/h payé le 3 novembre,
      puis un feu rouge payé le 15 septembre"): the balance told is the one before them; each retrait told is counted
      once, from its réalité, with the recoveries due by `first_day` (history_decision), unless it is not recorded
      by then (`_recorded_by`), when it is subtracted after the stage (T5 c36, c59; T6 n050).
    - Otherwise the balance told is today's ("il me reste 10 points"), or the one before an undated retrait said
      ("j'avais 8 points avant le retrait de 3"); a retrait paid recently, not paid or said not recorded is still to
      come (pending_retrait).
    In probation the 48N's stage is said by its own answer; no retrait to come is counted here (as before).
    None for the balance when it is not known."""
    # (nor a 48N when the retrait takes the balance to 0: a 48SI follows, and a stage before the retrait is capped,
    # then the retrait leaves 0, R18, R20; tester T57 c19 got "Aucun point à gagner : son solde (6) est déjà au plafond")
    counted = not probation_said(facts.tracker) or retrait_leaves_no_point(facts.tracker, today_)
    answered = balance_answered_after_the_retrait(facts.tracker)
    if answered is not None:
        # "Avec 12 points avant l'infraction, il vous reste 4 points : le retrait a été fait le 30 juillet 2026", then
        # "et pour le stage du 14-15 décembre, j'aurai combien ?": the stage starts from the balance that answer
        # computed, its retrait made (R1, R2, R12; tester T33 c19 got "votre solde (12) est déjà au plafond")
        return answered, 0
    told = _balance_said_with_retraits(facts.tracker)
    balance = facts.number("current_balance")
    asked = fold(question_text(facts.tracker))
    if not counted and balance is not None and awaits_48n(facts, today_) and _NAMES_THE_COMPULSORY.search(asked) \
            and not _voluntary_or_before_the_letter(asked) and facts.day("fine_payment_date", "latest") is None:
        # "s'il fait le stage obligatoire, il remonte à combien ?": the 48N's stage follows the letter, which notifies
        # the retrait: that retrait is recorded before the stage, whatever its day (R12, R15, R18; T14 c27 got "déjà au
        # plafond" from the balance before the retrait). Only a fine not paid: a balance known after a payment counts
        # its retrait already (T16 c11: 4 of 8 after a red light paid, "de 0 à 4 points", the retrait taken twice)
        pending = pending_retrait(facts, today_)
        if pending:
            return balance - pending, 0
    retraits = told_retraits(facts.tracker)
    if counted and told is not None and retraits and not _balance_said_now(facts.tracker) and \
            _balance_of_the_story(facts, balance, told, today_):
        try:
            story = history_decision(facts, first_day, assume_full_before=False, not_recorded_on=first_day,
                                     stages_done_by=min(today_, first_day))
        except rules_core.InconsistentFacts:  # (a retrait told after a stage done: the balance said is read as before)
            story = None
        # (the computed balance, below 0 when the retraits pass the one told: a stage then saves the licence only
        # from -3, R18 example 4; T10 c25 got "2 - 9 → 0, + 4 = 4, sauvé")
        walked = story.results.get("computed_balance", story.results.get("balance")) \
            if story is not None and story.question == "recovery" else None
        if walked is not None:
            offences = story.facts.get("offences") or []
            pending = sum(o.get("points") or 0 for o in offences if o.get("realite") is None)
            unpaid = any(not r.established for r in retraits)
            # (the balance told as read: "tous ses points" is the probation's ceiling then, 10 and not 12, T31 a04b)
            read = balance if balance is not None and facts.tracker.get_slot("current_balance") == told else told
            # (a délit's retrait waits for its conviction, not a fine's payment: "0,9 g/l", T57 c12)
            from actions.retrait_timing import offence_class_told
            judged = unpaid and offence_class_told(facts.tracker, today()) == "delit"
            facts.notes.append(_story_balance_note(read, walked, pending, len(offences), first_day, unpaid,
                                                   today_, judged=judged))
            return walked, min(pending, rules_core.load_params().at(today_).value("capital.max"))
    # "j'ai 10 points, une amende de 4 points pas encore payée, si je fais le stage après, je serai à combien ?":
    # the retrait still to come is counted, after the stage or before it (R18 example 1), never forgotten
    to_come = counted and balance is not None and first_day + timedelta(days=1) >= today_
    pending = pending_retrait(facts, today_) if to_come else 0
    if pending and _balance_computed_from_the_retraits(facts, today_) and all(
            _recorded_by(r, r is retraits[-1], first_day, facts) for r in retraits):
        # "5 points", the balance the answer computed from the retraits told (and offered on the button), which counts
        # them, all recorded by the stage's first day: nothing left to subtract after the stage (R1, R2; T32 c13 got
        # "de 5 à 9 … solde final 6", the phone's 3 points paid on 2 November subtracted twice for a stage in January)
        pending = 0
    if pending and _recorded_before_the_stage(facts, first_day):
        # "j'ai 12 points, feu rouge pas encore payé", then "si je paye demain et que je fais le stage en février, une fois
        # le retrait enregistré ?": the retrait is made before the stage, which starts from the balance after it, 8 → 12
        # (R2, R18 example 1: wait for the record; T36 c27 got "Mieux vaut attendre", then "déjà au plafond")
        paid = facts.day("fine_payment_date", "latest")
        payment = "si l'amende est payée" if paid > today_ else "l'amende payée"
        note = (f"Le retrait de {_points_fr(pending)} est déduit avant le stage : {payment} le "
                f"{format_long_fr(paid)}, il {'sera' if first_day > today_ else 'est'} enregistré d'ici là ; le stage "
                f"part donc de {_points_fr(balance - pending)} ({balance} − {pending}) (article L.223-1 du Code de la "
                "route).")
        if note not in facts.notes:
            facts.notes.append(note)
        return balance - pending, 0
    if pending:
        # ("j'avais 8 points avant le retrait de 3", not recorded yet: 8 on the stage's first day, 3 after it)
        return balance, pending
    established = balance_established(facts.tracker)
    # (the balance the conversation established, the retraits counted, before the balance told before them or the
    # ceiling assumed: "Solde aujourd'hui : 6 points" after the probation, then "et si je fais un stage maintenant ?",
    # tester T35 c07 got "votre solde (12) est déjà au plafond"; R1, R2, R12)
    balance = balance_after_the_retrait_said(facts) if established is None else established
    if established is not None and facts.number("current_balance") is None:
        assumed = assumption_of_the_balance_answered(facts.tracker, established)
        if assumed:
            # (the balance of that answer, with the assumption it was computed under: T36 c13, 12 before the red light)
            facts.notes.append(f"J'ai compté les {established} points de votre solde calculé plus haut, {assumed}.")
    return (None if balance is None else balance + recovered_by(facts, first_day, today_)), 0


# the balance answer's first line: "Solde aujourd'hui : 5 points", and the assumption it was computed under, if any
# (", si vous aviez 12 points avant l'infraction du 10 octobre 2026 et aucun autre retrait depuis", "s'il avait …")
_BALANCE_ANSWERED_UNDER = re.compile(r"^(?:- )?Solde aujourd'hui : (\d+) points?\b(?:,? (s(?:i |')(?:vous|il|elle) "
                                     r"(?:aviez|avait) [^:\n]*?))?(?: :|\.|$)", re.MULTILINE)


def assumption_of_the_balance_answered(tracker: Tracker, balance: int) -> Optional[str]:
    """The assumption under which the last answer that gave `balance` as today's computed it ("si vous aviez 12 points
    avant l'infraction du 10 octobre 2026 et aucun autre retrait depuis"); None when it assumed nothing or gave none."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            for found in _BALANCE_ANSWERED_UNDER.finditer(event.get("text") or ""):
                if int(found.group(1)) == balance:
                    return found.group(2)
    return None


def recovered_by(facts: Facts, first_day: date, today_: date) -> int:
    """The points a probationary licence whose facts are all known gains on its own between today and a stage's first
    day (R5 increments, R7, R8: the point of a 1-point offence back 6 months after its payment), counted in the balance
    the stage is credited on, and said in a note (tester T7 c29: 8 points today, the point back on 20 December, a stage
    in March 2027 starts from 9, not 8). 0 when nothing comes back by then or the facts do not tell."""
    licence = facts.licence_date
    if licence is None or first_day <= today_ or not licence_may_be_probationary(facts.tracker):
        return 0
    offences = offence_told(facts.tracker.slots)
    if not offences and facts.slot("probation_offence") is not False:
        return 0
    stages = [day for day in Facts(facts.tracker).stages_done(today_) if day >= licence]
    balances = []
    for day in (today_, first_day):
        try:
            status = rules_core.probation_status(licence_date=licence, today=day, aac=facts.aac,
                                                 relicensed=facts.relicensed, offences=offences,
                                                 no_offence=not offences, stages=stages)
        except rules_core.InconsistentFacts:
            return 0
        balances.append(status)
    gained = (balances[1].results.get("balance") or 0) - (balances[0].results.get("balance") or 0)
    if gained <= 0:
        return 0
    facts.notes.append(
        f"D'ici le {format_long_fr(first_day)}, votre permis regagne {gained} point{'s' if gained > 1 else ''} de "
        f"lui-même, sans nouvelle infraction : j'ai compté {balances[1].results['balance']} points au début du stage "
        + ("(article L.223-6 du Code de la route)." if offences else "(article L.223-1 du Code de la route)."))
    return gained


def _points_said_by_the_user(tracker: Tracker, points: int) -> bool:
    """Whether a message of the user says that count of points (an entity `points` of that value)."""
    return any(e.get("entity") == "points" and e.get("value") == points
               for event in tracker.events if event.get("event") == "user"
               for e in (event.get("parse_data") or {}).get("entities") or [])


def _balance_of_the_story(facts: Facts, balance: Optional[int], told: int, today_: date) -> bool:
    """Whether the balance slot is the story's: the one told before its retraits, or the one computed from them for
    today ("D'après les retraits que vous m'avez indiqués, votre solde est aujourd'hui de 8 points"), not another one
    told since ("en fait il me reste 7 points")."""
    if balance in (None, told) or facts.tracker.get_slot("current_balance") == told:
        # (the slot told with the retraits, read by Facts.number as the ceiling of a probationary licence: "il avait
        # tous ses points" is 10 in the third year; tester T31 a04b: "de 10 à 12" after "4 points" once the probation
        # was named in a turn between, the 6 points paid on 22 September forgotten)
        return True
    if balance is not None and not _points_said_by_the_user(facts.tracker, balance):
        # "j'avais 5 points et j'ai fait un stage les 10 et 11 juin 2024" (→ 9, the answer's), then "ensuite feu rouge
        # payé le 3 février 2025 (-4) et 2e stage les 9 et 10 juin 2025": the 9 is the answer's balance after the
        # first stage, not one the user read since; the story walks from the 5 told (R12, R13; T51 c22 got "de 9 à 12")
        return True
    try:
        now = history_decision(Facts(facts.tracker), today_, assume_full_before=False)
    except rules_core.InconsistentFacts:
        return False
    return now is not None and now.question == "recovery" and now.results.get("balance") == balance


def balance_without_retrait_to_come(facts: Facts, day: date, today_: date) -> Optional[int]:
    """The balance on `day` for an answer that does not count a retrait still to come (balance_on_stage_first_day's,
    the retrait to come aside): "j'avais 12 points" before the retraits told is not the balance then (T6 n050). Its
    note is said when it is not the balance told."""
    counted = Facts(facts.tracker)
    balance, _ = balance_on_stage_first_day(counted, day, today_)
    if balance != facts.number("current_balance"):
        facts.notes.extend(counted.notes)
    return balance


def _story_balance_note(told: int, walked: int, pending: int, retraits: int, first_day: date, unpaid: bool,
                        today_: date, judged: bool = False) -> str:
    """What the balance of the stage's answer is, when the user told the one before their retraits (T5 c59)."""
    before = "vos infractions" if retraits > 1 else "votre infraction"
    note = f"J'ai compté les {told} points que vous aviez avant {before}"
    counted = f"{walked} point{'s' if abs(walked) > 1 else ''}"  # ("0 point", T32 c29)
    if walked != told and first_day <= today_:
        note += f", moins les retraits déjà enregistrés : {counted} aujourd'hui"
    elif walked != told:
        note += f", moins les retraits enregistrés d'ici le {format_long_fr(first_day)} : {counted} ce jour-là"
    points = f"{pending} point{'s' if pending > 1 else ''}"
    if pending and unpaid:
        # (a délit's, `judged`: once its conviction is final, R2; not "l'amende pas encore payée", T57 c12)
        unsettled = "du délit, pas encore définitivement jugé," if judged else "de l'amende pas encore payée"
        note += (f". Le retrait de {points} {unsettled} viendra plus tard : je l'ai compté une fois, après le stage")
    elif pending:
        note += (f". Le retrait de {points} ne sera sans doute pas encore enregistré le {format_long_fr(first_day)} : "
                 "je l'ai compté une fois, après le stage. S'il l'est déjà (voyez « Mes Points Permis »), le stage "
                 f"part de {walked - pending} points")
    return note + "."


def _recorded_by(retrait: ToldRetrait, latest: bool, day: date, facts: Facts) -> bool:
    """Whether a told retrait is recorded by `day` (its decision taken, R2, R18): its letter received, or established
    more than RECENT_PAYMENT_DAYS before `day` and, for the `latest` one told, not said "pas encore enregistré". No
    deadline binds the ministry (R2): an estimate, and the answer says which retrait it counts after the stage."""
    if _retrait_letter_received(facts.tracker):
        return True
    if retrait.established and retrait.realite <= today() and (
            recorded_balance_said(facts.tracker) is not None or _recorded_said(facts.tracker)):
        # "d'après Mes Points Permis il est à 0 depuis le 20 novembre", "le retrait est déjà enregistré sur le site":
        # the balance read on the file counts the retraits made by then (R1: the FNPC prevails; T32 c29 counted the
        # retrait of 4 points told with it after the stage, "de 8 à 12")
        return True
    not_recorded = latest and any(_NOT_RECORDED_YET.search(fold(event.get("text") or ""))
                                  for event in facts.tracker.events if event.get("event") == "user")
    return retrait.established and not not_recorded and (day - retrait.realite).days > RECENT_PAYMENT_DAYS


# "une fois le retrait enregistré", "après l'enregistrement du retrait", "quand les points seront retirés" (folded)
_STAGE_AFTER_THE_RECORD = re.compile(
    r"\b(?:une fois|apres|quand|lorsque|des que)\s+(?:que\s+)?(?:le |les |mon |mes |l'\s?)?(?:retrait|points?)\s+"
    r"(?:sera\s+|seront\s+|est\s+|sont\s+|a ete\s+|ont ete\s+)?(?:enregistr|retir|decompt|dedui|enlev)\w*"
    r"|\bapres\s+(?:l'\s?)?enregistrement\b")


def _recorded_before_the_stage(facts: Facts, first_day: date) -> bool:
    """Whether the user's retrait still to come today is recorded by the stage's first day: its fine paid (or to be
    paid, "si je paye demain") before that day, and the stage said to follow the record ("une fois le retrait
    enregistré") or starting more than RECENT_PAYMENT_DAYS after the payment, no message saying it unrecorded
    (R2, R18 example 1: a retrait is recorded some weeks after the payment; no deadline binds the ministry)."""
    paid = facts.day("fine_payment_date", "latest")
    if paid is None or paid >= first_day:
        return False
    asked = fold(question_text(facts.tracker))
    if _STAGE_AFTER_THE_RECORD.search(asked):
        return True
    # ("j'ai payé le 1er février mais le retrait n'est pas encore enregistré": still to come, whatever the stage's day)
    return (first_day - paid).days > RECENT_PAYMENT_DAYS and not any(
        _NOT_RECORDED_YET.search(fold(event.get("text") or "")) for event in facts.tracker.events
        if event.get("event") == "user")


_REACHED = re.compile(r"\b(?:aurai[st]?|aurions|auriez|aura|monter|passer|arriver|remonter)\s+(?:a\s+)?$")


def above_maximum_note(facts: Facts, today_: date) -> None:
    """"et 14 points c'est possible avec un stage ?": no, 12 is the maximum of any licence (R1; T3 c23)."""
    maximum = rules_core.load_params().at(today_).value("capital.max")
    message = facts.tracker.latest_message or {}
    text = fold(message.get("text") or "")
    # (or a bare number the stage would bring the balance to: "j'en aurai 16 ?", "ça me fait monter à 16 ?")
    asked = [e.get("value") for e in message.get("entities", [])
             if (e.get("entity") == "points" and e.get("role") in (None, "balance")
                 or e.get("entity") == "number" and _REACHED.search(text[:e.get("start") or 0]))
             and isinstance(e.get("value"), (int, float)) and e.get("value") > maximum]
    if asked:
        facts.notes.insert(0, f"Non, {int(asked[0])} points n'est pas possible : un permis compte au plus {maximum} "
                              f"points, et aucun stage ne le fait dépasser (article L.223-1 du Code de la route).")


def second_stage_note(facts: Facts, today_: date) -> None:
    """"et si j'en fais un le 10 décembre 2026 puis un autre en juin 2027 ?": the first one is the stage answered, the
    second one gives points only a year after it (R13, T3 c49); said as a note."""
    told = (planned_stages_in({"text": event.get("text"), "entities": (event.get("parse_data") or {}).get("entities", [])})
            for event in reversed(facts.tracker.events) if event.get("event") == "user")
    pair = next((pair for pair in told if pair), [])
    first = facts.day("stage_first_day", "earliest")
    if len(pair) != 2 or first is None or first.isoformat() != pair[0]:
        return
    second = PartialDate.parse(pair[1])
    earliest, prudent = next_point_stage(first, rules_core.load_params().at(today_))[:2]
    when = f"le {second.french()}" if second.precision == "day" else f"en {second.french()}"
    since = (f"à partir du {format_long_fr(earliest)}, un an de date à date après celui du {format_long_fr(first)} "
             f"(date prudente : {format_long_fr(prudent)}) (article L.223-6 du Code de la route)")
    if second.latest() < earliest:
        facts.notes.append(f"Le second stage, {when}, ne vous rendrait aucun point : un nouveau stage n'en donne "
                           f"qu'{since}.")
    elif second.earliest() >= prudent:
        facts.notes.append(f"Le second stage, {when}, pourrait lui aussi vous rendre des points : un nouveau stage en "
                           f"donne {since}.")
    else:
        facts.notes.append(f"Pour le second stage, {when}, tout dépend du jour : un nouveau stage ne rend des points "
                           f"qu'{since}.")


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
# "le retrait est déjà enregistré", "c'est déjà retiré sur le site", "déjà décompté": the retrait is made (R2)
_RECORDED_ALREADY = re.compile(r"\bdeja\s+(?:ete\s+)?(?:enregistr|retir|decompt|dedui|pris en compte)\w*")


def _recorded_said(tracker: Tracker) -> bool:
    """A user message says the retrait already recorded, and none says it not recorded yet."""
    texts = [fold(event.get("text") or "") for event in tracker.events if event.get("event") == "user"]
    return any(_RECORDED_ALREADY.search(text) for text in texts) and \
        not any(_NOT_RECORDED_YET.search(text) for text in texts)


_NOT_RECORDED_YET = re.compile(
    r"\b(?:pas|toujours pas|jamais)\s+(?:encore\s+)?(?:ete\s+)?(?:enregistr|retir|decompt|dedui|pris en compte"
    r"|mis a jour|a jour|apparu|visible)\w*")


# "je viens de payer une amende pour un feu rouge", "je viens de me prendre un stop", "je me suis pris un flash"
_JUST_GOT_A_FINE = re.compile(r"\b(?:viens|vient|venons)\s+de\s+(?:payer|regler|recevoir|me\s+prendre|prendre|me\s+"
                              r"manger|ramasser)\b|\bje\s+me\s+suis\s+(?:pris|mange|ramasse)\b")


def own_offence_in_conversation(tracker: Tracker) -> bool:
    """An offence told as the user's in any of their messages ("j'ai 10 points, je viens de payer un feu rouge", then
    "je fais un stage la semaine prochaine ou j'attends ?")."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    return told_as_own_offence(tracker) or any(told_as_own_offence(_AsLatest(event)) for event in users) or any(
        _JUST_GOT_A_FINE.search(fold(event.get("text") or "")) for event in users)


def _told_as_own_when_asked(tracker: Tracker) -> bool:
    """The message that asked this question, before the form's questions that followed it, told the offence as the
    user's ("elle vient de se faire flasher (1 pt) hier", then the limit and the excess asked): its points are the
    user's retrait, which later questions read (R18: pay or stage first; tester T26 c24), not only when the last reply
    tells it."""
    users = _user_messages_since_the_last_answer(tracker)
    return len(users) > 1 and told_as_own_offence(_AsLatest(users[-1]))


def _user_messages_since_the_last_answer(tracker: Tracker) -> List[dict]:
    """The user's messages since the last answer action ran, latest first."""
    users = []
    for event in reversed(tracker.events):
        if event.get("event") == "action" and (event.get("name") or "").startswith("action_answer_"):
            break
        if event.get("event") == "user":
            users.append(event)
    return users


def _own_retrait_completed(tracker: Tracker, points: Any) -> bool:
    """The messages since the last answer tell, as facts (not a question), what the scale needed of the user's own
    retrait told before: "1 point pour un petit excès, payé le 3 juin", its recovery answered, then "c'était sur
    l'autoroute à 130" and "11 km/h de trop" to the form's question. The offence answered is that retrait, its points
    the same: its class is the one the recovery counts (R4, R9: 3e classe, 2 years; tester T58 c08 kept 3 years and
    "Sans la vitesse limite"), not a question in general ("et pour 30 km/h de trop ?")."""
    users = _user_messages_since_the_last_answer(tracker)
    if not users or any(((event.get("parse_data") or {}).get("intent") or {}).get("name") not in ANSWER_INTENTS
                        for event in users):
        return False
    offence = tracker.get_slot("offence_type")
    own = [r for r in told_retraits(tracker, before_latest=True) if r.offence_type == offence]
    return isinstance(offence, str) and len(own) == 1 and not own[0].speeds and own[0].offence_class is None \
        and own[0].points in (None, points)


@dataclass
class _AsLatest:
    """A past user message read as the latest one (the message helpers read ``latest_message``)."""

    event: dict

    @property
    def latest_message(self) -> dict:
        return {"text": self.event.get("text"), "entities": (self.event.get("parse_data") or {}).get("entities", [])}


# "reçu la lettre 48", "j'ai eu une 48M": a letter that tells a retrait already decided (R19), not one to come
_LETTER_TO_COME = re.compile(r"\b(?:vais|va|allez|vas|devrais|devrait|attend\w*|recevrai\w*|pas (?:encore )?(?:recu|eu))\b")


def _retrait_letter_received(tracker: Tracker) -> bool:
    """A letter 48 or 48M received, which tells a retrait recorded (R19), and no offence told in a later message: "j'ai
    reçu une lettre 48M, il me reste 5 points", then "sachant que j'ai grillé un stop hier (pas encore payé)" is a
    retrait the letter cannot have told, still to come (R2, R18; T33 c29 dropped it: 5 → 9)."""
    received = False
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        if received and any(e.get("entity") == "offence_type" for e in entities):
            received = False
        if _LETTER_TO_COME.search(fold(event.get("text") or "")):
            continue
        if any(e.get("entity") == "letter_code" and str(e.get("value")).upper().replace(" ", "") in ("48", "48M")
               for e in entities):
            received = True
    return received


def pending_retrait(facts: Facts, today_: date) -> int:
    """The points of the user's offence paid recently (or not yet, or said not recorded yet): its retrait may still be
    to come, and a stage before it is credited on the old balance, capped, then the retrait is subtracted (R18
    example 1). The offence may have been told in an earlier message."""
    to_come = any(_RETRAIT_TO_COME.search(fold(event.get("text") or "")) for event in facts.tracker.events
                  if event.get("event") == "user")
    if not own_offence_in_conversation(facts.tracker) and not facts.slot("last_offence_points") and \
            not fine_not_paid(facts.tracker) and not to_come:
        # ("amende pour téléphone… je fais le stage avant ou après avoir payé ?": the user's fine, not paid yet)
        return 0
    if _retrait_letter_received(facts.tracker):
        # "j'ai reçu la lettre 48, retrait de 4 points": the letter tells a retrait already recorded (R19; T6 r025)
        return 0
    if balance_echoed_from_an_answer(facts.tracker):
        return 0  # "vous venez de me dire qu'il me reste 3 points": the balance after the retrait, said back (R2)
    if _balance_left_by_the_loss_told(facts.tracker):
        return 0
    if (facts.tracker.latest_message or {}).get(BALANCE_STATED_TODAY) and not to_come and \
            not fine_not_paid(facts.tracker):
        # "et si je le fais le 22 février, sachant que j'ai 8 points aujourd'hui" after "je viens de reperdre 2 points
        # (payé le 10 novembre)": today's balance counts that retrait already (R2, R12; T61 c04 said "8 − 2 → 10")
        return 0
    if _balance_told_after_the_loss(facts.tracker):
        # "j'ai perdu 6 points le mois dernier", then "du coup il me reste 6 ?": the balance asked back is the one after
        # that loss, today's; it counts the retrait already (R2; T23 c09 got "de 6 à 10 … solde final 4")
        return 0
    paid = facts.day("fine_payment_date", "latest")
    not_recorded = to_come or any(_NOT_RECORDED_YET.search(fold(event.get("text") or ""))
                                  for event in facts.tracker.events if event.get("event") == "user")
    if paid is not None and (today_ - paid).days > RECENT_PAYMENT_DAYS and not not_recorded:
        return 0
    from actions.forms import _own_payment_refused
    if paid is None and not not_recorded and isinstance(facts.slot("offence_type"), str) and \
            _own_payment_refused(facts.tracker, facts.slot("offence_type")):
        # "une amende pour stop que j'ai payée le 12 mars 2027", refused as in the future: paid, on a day not known;
        # no retrait still to come built on the day refused (tester T59 c22: "solde final 8 points")
        return 0
    if paid is None and not not_recorded and not fine_not_paid(facts.tracker):
        # "j'ai perdu 4 pts pour un feu rouge en septembre": a loss told as done, months ago, is recorded by now; the
        # balance told since counts it, and a stage is credited after it (R2, R18; T7 c02: it was subtracted twice)
        told = told_retraits(facts.tracker)
        if told and told[-1].lost_said and _recorded_by(told[-1], True, today_, facts):
            return 0
        if retrait_said_after_the_balance(facts) is not None and any(
                _LOSS_TOLD_DONE.search(fold(event.get("text") or "")) for event in facts.tracker.events
                if event.get("event") == "user"):
            # "j'avais 8 points, j'ai perdu 3 points pour un feu rouge": the balance before a loss told as done, with
            # nothing said of its payment or recording: counted before the stage (5 + 4), not as a retrait to come
            # (unlike "j'avais 8 points avant le retrait de 3", T5 c36)
            return 0
    story = balance_before_the_offences(facts.tracker)
    if story is not None and len(story[1]) > 1 and story[0] == facts.slot("current_balance"):
        # "j'avais 12 points, puis un excès de vitesse (-1) et un téléphone (-3)": every offence told after the balance
        # before them, added (R3 example 4), not the last one's points alone
        return sum(points for _, points in story[1])
    # (the offences of one check answered before, "téléphone, pas de ceinture et 35 km/h de trop", then "j'avais 12
    # points, j'ai payé hier, stage le 15 décembre": their points, capped, R3 example 1; T11 c31)
    return _retrait_told(facts, today_) or own_offences_points(facts.tracker) or 0


def _balance_left_by_the_loss_told(tracker: Tracker) -> bool:
    """The balance known is the one a message says is left after the loss it tells as done ("je viens de perdre 3
    points (téléphone, payé le 15 novembre), il m'en reste 7"): it counts that retrait already, which is not one to
    come after a stage (R2, R18; tester T33 c17 got "Le retrait de 3 points pas encore enregistré sera déduit après le
    stage : solde final 4"). Not when the message says the retrait is not recorded yet."""
    balance = tracker.get_slot("current_balance")
    if not isinstance(balance, int) or isinstance(balance, bool):
        return False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        folded = fold(event.get("text") or "")
        left = [int(found.group(1)) for found in _LEFT_AFTER_THE_LOSS.finditer(folded)]
        if left:
            return left[-1] == balance and bool(_LOSS_TOLD_DONE.search(folded) or _LOSS_JUST_TOLD.search(folded)) \
                and not _NOT_RECORDED_YET.search(folded) and not BALANCE_BEFORE.search(folded)
    return False


# "il m'en reste 7", "il me reste plus que 4 points", "il lui reste 2" (folded): what a loss left
_LEFT_AFTER_THE_LOSS = re.compile(r"\b(?:me|m'?\s?en|lui|lui en) reste\s+(?:encore\s+|plus que\s+|que\s+)?"
                                  r"(\d+)\b(?!\s*(?:jours?|mois|ans?|semaines?)\b)")
# "je viens de perdre 3 points", "il vient de se faire retirer 4 points"
_LOSS_JUST_TOLD = re.compile(r"\b(?:viens|vient)\s+(?:de|d')\s?(?:perdre|(?:me|se) faire (?:retirer|enlever))\b")


def _balance_computed_from_the_retraits(facts: Facts, today_: date) -> bool:
    """The balance slot is the one computed today from the retraits told, all established (paid, judged): the
    balance after them, which counts their retraits (R1, R2)."""
    balance = facts.number("current_balance")
    retraits = told_retraits(facts.tracker)
    if balance is None or not retraits or not all(r.established and r.realite <= today_ for r in retraits):
        return False
    try:
        now = history_decision(Facts(facts.tracker), today_, assume_full_before=True)
    except rules_core.InconsistentFacts:
        return False
    results = now.results if now is not None and now.question == "recovery" else {}
    return results.get("balance") == balance and (results.get("computed_balance", balance) == balance) and \
        balance < rules_core.load_params().at(today_).value("capital.max")


def _balance_told_after_the_loss(tracker: Tracker) -> bool:
    """The balance told in the present ("il me reste 6 ?", "j'ai 6 points") in a message after the one that told a
    loss as done ("j'ai perdu 6 points pour alcool le mois dernier"): the balance after that loss (R2)."""
    balance_told = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        folded = fold(event.get("text") or "")
        entities = (event.get("parse_data") or {}).get("entities", [])
        if not balance_told:
            if any(e.get("entity") == "points" and e.get("role") == "balance" for e in entities):
                if not _BALANCE_NOW.search(folded) or BALANCE_BEFORE.search(folded) or _LOSS_TOLD_DONE.search(folded):
                    return False
                balance_told = True
            continue
        if _LOSS_TOLD_DONE.search(folded):
            return True
    return False


def retrait_maybe_counted(facts: Facts, pending: int) -> bool:
    """Whether the balance told may already count the retrait taken as still to come: an offence told with neither
    its payment (or judgment) nor words saying it is not paid, not recorded or just committed, and a balance told as
    today's ("j'ai 5 points d'après Mes Points Permis"). Both cases are then said (R2; T15 c09 got "solde final 3"
    only, the 6 points of a délit assumed not withdrawn)."""
    if not pending or facts.day("fine_payment_date", "latest") is not None or fine_not_paid(facts.tracker):
        return False
    said = [fold(event.get("text") or "") for event in facts.tracker.events if event.get("event") == "user"]
    if any(_RETRAIT_TO_COME.search(text) or _NOT_RECORDED_YET.search(text) or _JUST_GOT_A_FINE.search(text)
           or BALANCE_BEFORE.search(text) for text in said):
        return False
    return facts.slot("current_balance") is not None


# "j'ai perdu 3 points", "on m'a retiré 3 points", "il a perdu 3 points": a loss told as done
# "je viens de (re)perdre 2 points", "j'ai reperdu 2 points" (T61 c04: the balance told after it counted the loss twice)
_LOSS_TOLD_DONE = re.compile(r"\b(?:j'?\s?ai|il a|elle a|on m'?\s?a|on lui a|m'?\s?a|vous avez|tu as)\s+"
                             r"(?:(?:deja|encore|bien)\s+)?(?:re)?(?:perdu|retire|enleve)\b"
                             r"|\b(?:je|il|elle)\s+vien[st]?\s+de\s+(?:re)?perdre\b")


# "les 6 points sautent après le jugement", "les points qui vont tomber", "je passe au tribunal en janvier": the
# retrait of the user's offence is still to come, after its conviction or payment (R2, R18 example 1; T7 c25)
_RETRAIT_TO_COME = re.compile(
    r"\bpoints?\b[^.?!]{0,30}\b(?:vont|va|doivent|devraient|vais)\s+(?:me\s+)?(?:etre\s+)?(?:sauter|tomber|partir|"
    r"retires?|enleves?|sucres?)\b"
    r"|\bpoints?\b[^.?!]{0,30}\b(?:sautent|tombent|partent|seront\s+(?:retires|enleves))\b[^.?!]{0,20}\bapres\b"
    r"|\b(?:apres|avant|en attente (?:du|de mon|de ma))\s+(?:le |mon |ma |l'\s?)?(?:jugement|proces|audience|"
    r"convocation au tribunal|passage au tribunal|comparution)\b"
    r"|\bpas encore (?:ete )?(?:juge|condamne|passe au tribunal)\b")


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
    return bool(retrait) and retrait >= rules_core.load_params().at(today_).value("letter_48n.min_points") and \
        not retrait_leaves_no_point(facts.tracker, today_)


def retrait_leaves_no_point(tracker: Tracker, today_: date) -> bool:
    """The retraits told take the balance to 0 or below: a 48SI follows, not a 48N (R15 edge case, R18, R20), so no
    48N is to be waited for (testers T56 c26, T57 c19 got "Mieux vaut attendre la lettre 48N pour faire le stage")."""
    try:
        decision = history_decision(Facts(tracker), today_, assume_full_before=True)
    except rules_core.InconsistentFacts:
        return False
    return decision is not None and any(r.code == "balance.zero" and r.data.get("instead_of_48n")
                                        for r in decision.reasons)


def balance_at_ceiling_before_the_retrait(tracker: Tracker, first_day: date) -> Optional[int]:
    """The balance on a planned stage's first day when it is the licence's ceiling, the user's offence not paid yet, so
    not recorded: the stage is then credited nothing (R18 example 1). The balance told, else, with the licence's date known and
    no retrait told as established, the ceiling itself (as the probation's answer counts it). None otherwise."""
    if first_day < today():
        return None
    facts = Facts(tracker)  # (its notes are not this answer's)
    # (the fine not paid yet: its retrait surely not recorded on that day; a fine paid lately may be, T7 c40)
    if not fine_not_paid(tracker) or not pending_retrait(facts, today()) or facts.licence_date is None:
        return None
    ceiling = facts.ceiling_on(first_day)
    balance = facts.number("current_balance")
    if balance is None and not any(retrait.established for retrait in told_retraits(tracker)):
        balance = ceiling
    return balance if ceiling is not None and balance is not None and balance >= ceiling else None


#: a 48N the user says they never received, after an answer that says the retrait brings one (R15, R2)
LETTER_48N_NEVER_RECEIVED = (
    "Vous n'avez pas reçu de lettre 48N : le délai de 4 mois du stage obligatoire ne court qu'à partir de sa "
    "réception (ou de sa première présentation, si le recommandé est resté à la poste) : tant qu'elle n'est pas "
    "arrivée, aucun délai ne court (article R.223-4 du Code de la route). Les points, eux, sont retirés "
    "dès que l'infraction est établie (amende payée), sans attendre la lettre : « Mes Points Permis » montre le "
    "retrait et votre solde.")


class ActionAnswerMandatoryStage(AnswerAction):
    form = "mandatory_stage_form"
    field_slots = {"received_on": "letter_48n_date", "stage_first_day": "stage_first_day",
                   "stage_last_day": "stage_first_day", "licence_date": "licence_date"}

    def name(self) -> Text:
        return "action_answer_mandatory_stage"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if stage_saved_licence_first(tracker):  # a 48SI after the stage: no 48N deadline, the licence saved (R18)
            return AnswerAction.run(self, dispatcher, tracker, domain)
        if court_stage_question(tracker, self.form):
            return super().run(dispatcher, tracker, domain)  # a judge's or prosecutor's stage: what it is (R11)
        if letter_48n_asked_in_general(tracker):
            # "et la 48N c'est pour qui ?": who gets it and what it asks, not the day of a receipt never told (R15,
            # R16, R19; T13 c14)
            dispatcher.utter_message(text=informational.LETTER_48N_IN_GENERAL)
            return [SlotSet("letter_code", None), SlotSet("last_question", "action_answer_letter")]
        voluntary = voluntary_before_letter_day(tracker)
        if voluntary is not None:
            # "et si je fais quand même le volontaire maintenant, le stage obligatoire de la 48N après il me redonnera
            # des points ?": not within the year; the obligation and the refund stay (R14, R16, R17; T7 c40)
            decision = rules_core.voluntary_before_48n(
                voluntary_first_day=voluntary, today=today(),
                balance_at_ceiling=balance_at_ceiling_before_the_retrait(tracker, voluntary))
            if stage_before_the_letter_asked(tracker) and not latest_text_says(tracker, _NAMES_THE_VOLUNTARY):
                # "et si je fais le stage avant d'avoir la lettre ?": wait for it, first (R14; tester T11 c13)
                first = [r for r in decision.reasons if r.code == "48n.wait_for_letter"]
                rest = [r for r in decision.reasons if r.code != "48n.wait_for_letter"]
                text = "\n".join([render_reason(reason) for reason in first[:1]]
                                  + [f"- {_without_no(render_reason(reason))}" for reason in rest]) if first \
                    else render(decision)
            else:
                text = render(decision)
            dispatcher.utter_message(text=text)
            return [SlotSet("last_question", self.name())]
        if voluntary_stage_in_context(tracker):
            # "et si je le fais demain ça marche ?" after the voluntary stage's answer: that answer, with the new date
            previous = ActionAnswerPointsAfterStage if previous_answer(tracker) == "action_answer_points_after_stage" \
                else ActionAnswerStageEligibility
            return previous().run(dispatcher, tracker, domain)
        several = tracker.get_slot("letter_48n_date") is None and len(retraits_told_without_48n(tracker)) > 1
        # ("1 point perdu … puis 2 points : excès de 22 km/h …", then "je dois attendre une lettre 48N ?": each retrait
        # of the story, not the last offence's alone, says whether one comes, R15; T35 c20)
        if not several and (asks_whether_48n_comes(tracker) or (tracker.get_slot("letter_48n_date") is None
                                                and tracker.get_slot("offence_type")
                                                # (not a story's offence, told before, for a licence past probation:
                                                # "avec 5 points, je dois faire un stage obligatoirement ?", T8 c26)
                                                and (offence_may_be_of_probation(tracker)
                                                     or "offence_type" in slots_set_by_latest_message(tracker)))) \
                and not letter_to_come_known(tracker):
            # "tel au volant en probatoire, je vais recevoir une 48N ?" (or the offence given when asked): the
            # offence's points say it (R15). With the balance, "quelle lettre ?" is the letter it brings (R19).
            events = ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
            if letter_not_received(tracker) and any("lettre 48N" in (message.get("text") or "")
                                                    for message in dispatcher.messages):
                # "… j'ai jamais reçu de lettre": no deadline runs before the 48N comes (R15; t61-c20 got the card
                # alone, the letter never received left unanswered)
                dispatcher.utter_message(text=LETTER_48N_NEVER_RECEIVED)
            return events
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
                                             not_yet_received=letter_not_received(facts.tracker),
                                             presented_not_collected=letter_uncollected(facts.tracker),
                                             asks_obligation=True,
                                             asks_if_not_done=latest_text_says(facts.tracker, ASKS_IF_NOT_DONE),
                                             probation_possible=_48n_possible_instead(facts.tracker))
        expected = expected_letter_decision(facts, today)
        if expected is not None:
            # "j'avais 8 points, je viens d'en perdre 3, quelle lettre ? obligé de faire un stage ?": the retrait's
            # letter (a 48M at 5 points, R19), not a 48N deadline
            return expected
        if facts.slot("letter_48n_date") is None and facts.licence_date is not None \
                and not offence_may_be_of_probation(facts.tracker):
            # "permis depuis 2011 … avec 5 points, je dois faire un stage obligatoirement ?": a licence out of
            # probation, no compulsory stage (R15), whatever the retraits told (T8 c26: the 48N of probation was said)
            return rules_core.stage_obligation(licence_date=facts.licence_date, today=today, aac=facts.aac,
                                               # the offence told, committed after it: a lettre 48 (R19; T9 c20)
                                               offence_on=offence_day_told_on(facts.tracker))
        retraits = retraits_told_without_48n(facts.tracker) if facts.slot("letter_48n_date") is None else []
        if retraits:
            # "deux amendes, une de 1 point et une de 2 points, stage obligatoire ?": no single one reaches 3 (R15)
            return rules_core.obligation_from_retraits(
                retraits=retraits, today=today, same_check=bool(latest_text_says(facts.tracker, _AT_ONCE)),
                letter_not_received=letter_not_received(facts.tracker))
        if facts.slot("letter_48n_date") is None and letter_not_received(facts.tracker) and facts.licence_date is None:
            # "je n'ai pas reçu de lettre 48N": no deadline runs before it (R15)
            return rules_core.obligation_from_retraits(retraits=[], today=today, letter_not_received=True)
        if facts.slot("letter_48n_date") is None and facts.licence_date is not None:
            # no letter, a licence past probation: no compulsory stage for an offence committed now (R15)
            return rules_core.stage_obligation(licence_date=facts.licence_date, today=today, aac=facts.aac)
        first, last = stage_days(facts) if facts.slot("stage_first_day") else (None, None)
        # (a month only: its first day, the shortest delay, said in a note)
        received = facts.day("letter_48n_date", "earliest", "la réception de la lettre 48N")
        previous = facts.previous_stage
        if previous is None and facts.slot("previous_stage_date") is None:
            # "j'ai fait un stage volontaire le 3 et 4 février 2026" told in an earlier message: the last stage with
            # points, which this form does not ask (R13, R17; tester T42 c28 got "Ce stage peut aussi vous rendre
            # jusqu'à 4 points", then "Aucun point" in the same turn)
            from actions.forms import stage_told_done_before  # (forms reads this module)
            told = partial_date_or_none(stage_told_done_before(facts.tracker))
            previous = told.latest() if told is not None else None
        if first is None and received is not None:
            month_day = stage_month_past_the_deadline(facts, received, previous)
            if month_day is not None:
                # "elle peut le faire en juin 2027 pour avoir les points ?", the deadline in February: no, whatever the
                # day (R15, R17 example 2; T41 c35 got the deadline's block again, without the "non")
                first, last = month_day, month_day + timedelta(days=1)
                facts.verdict = latest_text_says(facts.tracker, ASKS_TOO_LATE)
        today = letter_to_come_on(facts, received, today)
        if first is None and received is not None and previous is not None and received <= previous <= today:
            # "48N reçue le 2 avril 2024 … j'ai déjà fait le stage obligatoire en mai 2024, je vais pas avoir une
            # amende ?": the stage done since the letter is the compulsory one, whether it ended in time (R15, R16),
            # not an earlier stage with points (T51 c12 got "le stage précédent ne peut pas être dans le futur")
            first, previous = compulsory_stage_first_day(facts, previous), None
            last = first + timedelta(days=1)
        offence_on = offence_day_told_on(facts.tracker, or_paid=True)
        if offence_on is not None and received is not None and offence_on > received:
            offence_on = None  # (an offence committed after the letter's receipt is not the one it notifies, R15)
        if first is not None and received is not None and first < received and previous is None:
            # "stage volontaire les 6 et 7 juillet, 48N reçue le 12 novembre": that stage is the last one with points,
            # the compulsory one is still to do and gives none within the year (R17)
            previous, first, last = first, None, None
        decision = rules_core.mandatory_stage_48n(
            received_on=received, today=today, stage_first_day=first, stage_last_day=last,
            previous_points_stage_first_day=previous, licence_date=facts.licence_date, aac=facts.aac,
            # the offence of a probation over since: the stage is still compulsory, said first (R15; T9 c35)
            offence_commission=offence_on,
            fine_status=fine_status_said(facts.tracker),  # not paid: its recovery stopped, nothing refunded (R16 ex. 2)
            # "pas été chercher le recommandé, le facteur est passé le 5 octobre": 4 months from then (R15 [I])
            presented_not_collected=letter_uncollected(facts.tracker),
        )
        receipt_day = receipt_day_changes_the_answer(facts.tracker, last, today)
        if receipt_day:
            facts.leads.append(receipt_day)
        elif first is not None and decision.outcome == "stage_late" and stage_in_time_asked(facts.tracker):
            # "stage les 3 et 4 décembre, ça passe ?": no, first (R15, R16; tester T20 c24); ("Obligation remplie"
            # says the yes); "c'est trop tard ?": yes, it is (tester T32 c12 got "Non : … après la date limite")
            facts.verdict = latest_text_says(facts.tracker, ASKS_TOO_LATE)
        # the stage told: its points, when the facts give the balance before it, instead of "jusqu'à 4 points" (R15
        # example 1)
        if first is None:
            return decision
        credited = with_stage_credit(decision, facts.tracker, today, replacing=("48n.points_possible",))
        if credited is decision and last < today:
            # a stage over: what it "may give" is not said in the future (its points are in the balance, R12)
            credited = replace(decision, reasons=tuple(r for r in decision.reasons if r.code != "48n.points_possible"))
        return credited


def compulsory_stage_first_day(facts: Facts, done: date) -> date:
    """The first day of the stage done after the 48N, `done` its latest possible day: its day when told in the
    conversation ("les 13 et 14 mai 2024", then "en mai 2024"), else the day before `done` (a month told: its last two
    days, the prudent ones for the deadline, R15)."""
    for value in stage_dates_told(facts.tracker):
        told = partial_date_or_none(value)
        if told is not None and told.precision == "day" and told.earliest().replace(day=1) == done.replace(day=1):
            return told.earliest()
    return done - timedelta(days=1) if done.day > 1 else done


def stage_month_past_the_deadline(facts: Facts, received: date, previous: Optional[date]) -> Optional[date]:
    """R15, R17 — the compulsory stage told by its month only, waiting for its day ("elle peut le faire en juin 2027
    ?"), a month that starts after the 48N's deadline: every day of it is too late, so the answer does not wait for the
    day. The day counted: the first of that month that may give points (R13, after the last stage), said in a note;
    None otherwise."""
    slot, _, month = (facts.slot("date_awaiting_precision") or "").partition("=")
    told = partial_date_or_none(month) if slot == "stage_first_day" else None
    if told is None or told.precision != "month":
        return None
    deadline = add(received, rules_core.load_params().at(received).value("letter_48n.deadline"))
    if told.earliest() <= deadline:
        return None
    day = told.earliest()
    if previous is not None:
        earliest = next_point_stage(previous, rules_core.load_params().at(previous))[0]
        day = min(max(day, earliest), told.latest() - timedelta(days=1))
    facts.notes.append(f"Vous avez indiqué {told.french()} pour le stage : quel que soit le jour, c'est après la date "
                       f"limite du {format_long_fr(deadline)}. J'ai compté un stage commençant le {format_long_fr(day)}.")
    return day


def letter_48n_receipt_days(tracker: Tracker) -> Optional[Tuple[date, date]]:
    """The first and last days the 48N may have been received on, when told by its part of the month only ("fin
    octobre": the form counts the 21st, the safe day for its deadline, slot_values.END_OF_THE_MONTH_FROM_DAY, up to
    the 31st); None when its day was told."""
    value = tracker.get_slot("letter_48n_date")
    partial = partial_date_or_none(value)
    if partial is None or partial.precision != "day" or \
            partial.earliest().day != slot_values.END_OF_THE_MONTH_FROM_DAY:
        return None
    said = slot_values.part_of_month_said(tracker.events, str(value)[:7])
    if said is None or said[0] != "fin":
        return None
    return partial.earliest(), min(said[1], today())


def receipt_day_changes_the_answer(tracker: Tracker, stage_last_day: Optional[date], today_: date) -> Optional[str]:
    """R15, R16 — a 48N received "fin octobre": the deadline counted is the earliest day's (the safe one), but when
    the days of that end of the month put the stage's last day (or, without a stage, today) on both sides of the
    deadline, the answer depends on the day: both sides are said, with the first day of receipt that makes it in time
    (tester T25 c22: "fin octobre", stage 27-28 February 2027, got a plain "too late" from the 21 October counted).
    None when every possible day gives the same answer."""
    days = letter_48n_receipt_days(tracker)
    if days is None:
        return None
    first, last = days
    delay = rules_core.load_params().at(first).value("letter_48n.deadline")
    target = stage_last_day or today_
    if not add(first, delay) < target <= add(last, delay):
        return None
    day = first
    while add(day, delay) < target:
        day += timedelta(days=1)
    month = PartialDate.parse(first.isoformat()[:7]).french()
    duration = format_duration_fr(delay)
    if stage_last_day is not None:
        sides = (f"reçue le {format_long_fr(day)} ou après, le stage, qui se termine le {format_long_fr(target)}, "
                 f"est dans les {duration} : l'obligation est remplie et l'amende est remboursée ; reçue avant le "
                 f"{format_long_fr(day)}, il se termine après la date limite : l'obligation n'est pas remplie à temps "
                 "et l'amende n'est pas remboursée")
    else:
        sides = (f"reçue le {format_long_fr(day)} ou après, le délai de {duration} court encore (date limite au "
                 f"{format_long_fr(add(day, delay))} au plus tôt) ; reçue avant le {format_long_fr(day)}, il est déjà "
                 "dépassé")
    return (f"Cela dépend du jour où vous avez reçu la lettre 48N, que vous situez fin {month} : {sides} (article "
            "R.223-4 du Code de la route). Vérifiez ce jour sur l'avis de réception du recommandé ; le calcul qui suit "
            f"compte le {format_long_fr(first)}, le jour le plus prudent.")


def offence_day_told_on(tracker: Tracker, or_paid: bool = False) -> Optional[date]:
    """The day of the offence told, None when not told; `or_paid`: else its payment's (it was committed on that day or
    before: enough to say it fell within a period that ended later)."""
    told = tracker.get_slot("offence_date") or (or_paid and tracker.get_slot("fine_payment_date") not in (None, NOT_PAID)
                                                and (tracker.get_slot("offence_type")
                                                     or tracker.get_slot("last_offence_points")))
    return commission_day(tracker.slots) if told else None


def _48n_possible_instead(tracker: Tracker) -> bool:
    """"j'ai plus que 5 points, je suis obligé de faire un stage ?" after what a 48M is: the letter of the question
    is the one explained, not one said received, and the licence may be probationary: a retrait of 3 points or more
    would bring a 48N, whose stage is compulsory (R15; T17 c15). A 48M said received ("j'ai reçu une 48M, je suis
    obligé ?") is a warning sent outside probation (R19): no 48N to mention."""
    return licence_may_be_probationary(tracker) and not letter_named_in_message(tracker)


def offence_may_be_of_probation(tracker: Tracker) -> bool:
    """Whether the licence may be probationary today or may have been on the day of the offence told (R15: a 48N
    follows an offence committed in probation even when the probation has ended since)."""
    if licence_may_be_probationary(tracker):
        return True
    probationary, _ = probation_on(Facts(tracker), commission_day(tracker.slots))
    return probationary is not False


def letter_to_come_on(facts: Facts, received: Optional[date], today_: date) -> date:
    """A 48N announced for a day to come ("je vais recevoir la lettre 48N le 10 décembre"): a plan, not an impossible
    date. The deadline is the one that will follow its receipt (4 months, R15), computed as on that day and said to
    come; `today_` otherwise."""
    if received is None or received <= today_:
        return today_
    facts.leads.append(f"La lettre 48N n'est pas encore reçue : le délai du stage partira du jour de sa réception. "
                       f"Si elle vous parvient le {format_long_fr(received)}, voici ce qui s'appliquera :")
    return received


_SAYS_PAID = re.compile(r"\b(?:paye|payee|regle|reglee|verse|debite)\b")


def amount_paid_said(tracker: Tracker) -> Optional[float]:
    """"j'avais payé 90 euros": the amount of the fine paid, told in a message of the conversation (R16: refunded)."""
    for event in reversed(tracker.events):
        if event.get("event") != "user" or not _SAYS_PAID.search(fold(event.get("text") or "")):
            continue
        amounts = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                   if e.get("entity") == "amount" and isinstance(e.get("value"), (int, float))]
        if amounts:
            return float(amounts[0])
    return None


class ActionAnswerRefund48n(AnswerAction):
    form = "refund_48n_form"
    field_slots = {"received_on": "letter_48n_date", "stage_first_day": "stage_first_day",
                   "stage_last_day": "stage_first_day"}

    def name(self) -> Text:
        return "action_answer_refund_48n"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if (no_48n_possible(tracker) or voluntary_stage_said(tracker)) and not answer_in_context(tracker):
            # "le stage me rembourse l'amende ?" with a licence of 2008: only the 48N stage does (R16)
            dispatcher.utter_message(text=VOLUNTARY_STAGE_NO_REFUND)
            # (then the message's other question: "Je peux faire un stage volontaire ? Et ça me rembourse l'amende ?",
            # T30 c28 got the refund's half only)
            return [SlotSet("last_question", self.name()), *then_other_question(tracker, self.name())]
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        if facts.slot("letter_48n_date") is not None and facts.slot("stage_first_day") is None \
                and not asks_refund_steps(facts.tracker):
            # "et je serai remboursé ?" after the 48N's date was told, no compulsory stage yet: refunded if it is
            # done in time, whose deadline the letter's date gives, even when it gives no points (R15–R17)
            fine_status = fine_status_said(facts.tracker)
            received = facts.day("letter_48n_date", "earliest", "la réception de la lettre 48N")
            due = rules_core.mandatory_stage_48n(
                received_on=received, today=letter_to_come_on(facts, received, today),
                previous_points_stage_first_day=facts.previous_stage, licence_date=facts.licence_date, aac=facts.aac,
                fine_status=fine_status)
            procedure = rules_core.refund_procedure(today=today, fine_status=fine_status,
                                                    amount_paid=amount_paid_said(facts.tracker))
            if refund_deadline_asked(facts.tracker) and due.reasons and due.reasons[0].code == "48n.stage_due":
                # "j'ai jusqu'à quand ?": the date limite first, then what it brings (R15, R16)
                return replace(due, reasons=(due.reasons[0], procedure.reasons[0], *due.reasons[1:]))
            return replace(due, reasons=(procedure.reasons[0], *due.reasons))
        if facts.slot("letter_48n_date") is None or facts.slot("stage_first_day") is None:
            # "je dois envoyer quoi et à qui ?" (R16); a fine not paid: its recovery stopped, nothing refunded (ex. 2);
            # the stage's days told ("stage 48N les 23 et 24 novembre, avant quelle date ?"): the request's day (ex. 1)
            return rules_core.refund_procedure(
                today=today, fine_status=fine_status_said(facts.tracker), amount_paid=amount_paid_said(facts.tracker),
                stage_last_day=stage_days(facts)[1] if facts.slot("stage_first_day") is not None else None)
        first, last = stage_days(facts)
        received = facts.day("letter_48n_date", "earliest", "la réception de la lettre 48N")
        if first < received:
            # "stage volontaire les 11 et 12 mai, 48N reçue le 28 octobre, l'amende sera remboursée ?": that stage is
            # the last one with points; the compulsory one is still to do, and its refund stands (R15, R17)
            return rules_core.mandatory_stage_48n(
                received_on=received, today=today, previous_points_stage_first_day=facts.previous_stage or first,
                licence_date=facts.licence_date, aac=facts.aac, fine_status=fine_status_said(facts.tracker))
        refund = rules_core.fine_refund_48n(
            received_on=facts.day("letter_48n_date", "earliest"), stage_first_day=first, stage_last_day=last,
            today=today,
            # "jamais payée, passée en majorée (375 €)": nothing to refund, the stage stops its recovery (R16 ex 2)
            fine_status=fine_status_said(facts.tracker) or "paid",
            # "j'ai payé l'amende majorée, 375 €": paid, refunded, in principle not its majoration (R16 [S/U])
            majoration_paid=majoree_paid_said(facts.tracker),
        )
        if asks_refund_steps(facts.tracker):
            # "je dois envoyer quoi et à qui ?": the refund's steps, not the stage's points again (tester T16 c02)
            return refund
        # the stage's points with its refund, when the facts told give the balance before it (R15 example 1)
        credited = with_stage_credit(refund, facts.tracker, today)
        if credited is refund:
            credited = _stage_points_asked_with_refund(refund, facts, first, last, today)
        return credited


def _stage_points_asked_with_refund(refund, facts: Facts, first: date, last: date, today_: date):
    """"je serai remboursé de l'amende et j'aurai combien ? j'étais à 3 points sur 8" during the 48N stage: with the
    refund, the stage's points on the balance and the ceiling told (R12: 3 + 4 = 7 out of 8, the day after its last
    day; tester T28 c10 got the refund and the deadline alone). The refund alone when neither is told."""
    balance, ceiling = facts.number("current_balance"), ceiling_told(facts.tracker)
    if balance is None or ceiling is None or not latest_text_says(facts.tracker, ASKS_WHAT_IS_LEFT):
        return refund
    try:
        points = rules_core.stage_points(balance=int(balance), first_day=first, last_day=last, today=today_,
                                         ceiling=ceiling, case=2, previous_points_stage_first_day=facts.previous_stage)
    except rules_core.InconsistentFacts:
        return refund
    first_reason, *others = refund.reasons
    return replace(refund, reasons=(first_reason, points.reasons[0], *others))


class ActionAnswerAutoRecovery(AnswerAction):
    form = "auto_recovery_form"
    field_slots = {"offences": "fine_payment_date", "realite": "fine_payment_date",
                   "points": "last_offence_points", "licence_date": "licence_date"}

    def name(self) -> Text:
        return "action_answer_auto_recovery"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if stage_to_come_asked(tracker):
            # "mes points reviennent quand ? j'ai 5 points, suspension…, stage prévu les 8 et 9 décembre": the points
            # after that stage (R12, R14 example 3), not the fine of an automatic recovery (tester T19 c17)
            story = stage_of_the_story(dispatcher, tracker, domain, suspended=bool(message_values(
                tracker, "licence_status")))
            if story is not None:
                return story
        pointless = pointless_offence_named(tracker)
        if pointless and len(told_retraits(tracker)) <= 1:
            # "c'était un feu orange je crois": no point withdrawn, none to recover (R4; tester T3 c29)
            said = render(pointless_offence_points(tracker))
            dispatcher.utter_message(text=f"Rien à récupérer : {said[:1].lower()}{said[1:]}")
            return [SlotSet("last_question", self.name())]
        if len(told_retraits(tracker)) <= 1 and (
                asks_when_withdrawn(tracker) or tracker.get_slot("fine_payment_date") == NOT_PAID
                or payment_planned(tracker, today())):
            # "on perd les points le jour de l'infraction ou quand on paye ?", a fine not paid yet, or paid on a day to
            # come ("je vais la payer le 10 décembre"): no clock runs before the offence is established (R2 example 4)
            return ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        decision = self._decide(facts, today)
        note = point_back_letter_reconciled(facts.tracker, decision)
        if note:
            facts.notes.append(note)
        from actions.follow_ups import _ASKS_IF_AUTOMATIC, RECOVERY_IS_AUTOMATIC  # (follow_ups reads this module)
        if latest_text_says(facts.tracker, _ASKS_IF_AUTOMATIC) and RECOVERY_IS_AUTOMATIC not in facts.notes:
            # "j'ai perdu 4 points en 2017, je dois faire une démarche pour les récupérer ?": none (L.223-6, R9, R10)
            facts.notes.append(RECOVERY_IS_AUTOMATIC)
        return decision

    def _decide(self, facts: Facts, today: date):
        if paid_by_owner_without_naming(facts.tracker):
            # "mon employeur a payé l'amende du radar, je récupère mes points quand ?": none were withdrawn (R21)
            return rules_core.offence_points(offence=owner_liability_kind(facts.tracker),
                                             company_asks=company_side_asks(facts.tracker),
                                             commission=commission_day(facts.tracker.slots), today=today)
        if len(told_retraits(facts.tracker)) > 1:  # "perdu 3 points en mars 2025 et 1 en octobre 2026"
            decision = history_decision(facts, today, assume_full_before=False)
            if decision is not None and decision.outcome != "invalidation_ahead" and facts.licence_date is None and \
                    _balance_said_with_retraits(facts.tracker) is None:
                # retraits that take even 12 points, the most a licence holds, to 0 or below: the balance is 0 and a
                # 48SI follows, said first, not only the dates of the returns (R1, R18, R20; T32 c17 gave the full
                # recovery on 31 December 2027 for 3 + 2 + 4 + 3 points without saying the computed balance is 0)
                from_full = Facts(facts.tracker)
                full = history_decision(from_full, today, assume_full_before=True)
                if full is not None and full.outcome == "invalidation_ahead":
                    ten_years = ten_year_rule_asked_note(facts, decision)
                    decision = full
                    facts.notes[:] = ([ten_years] if ten_years else []) + from_full.notes
            if decision is not None:
                verdict = ten_year_question_verdict(facts.tracker, decision) or \
                    ten_year_question_before_zero(facts, decision, today)
                if verdict:  # "est-ce que les points de 2016 sont revenus avec la règle des 10 ans ?": yes or no first
                    facts.leads.append(verdict)
                if _balance_said_with_retraits(facts.tracker) is not None:
                    # the balance today, from the one told before the retraits (T1 c56): an estimate
                    facts.notes.append(ESTIMATE_CAVEAT)
                return balance_first(decision)
        paid = facts.day("fine_payment_date", "latest")
        facts.notes.append(LAST_OFFENCE_ONLY)
        # the day it was committed, when told; else the payment stands for it, and the answer names it so
        committed = partial_date_or_none(facts.slot("offence_date"))
        committed = committed.earliest() if committed and paid and committed.earliest() <= paid else None
        offences_since = offences_said_since(facts.tracker)
        unlike_scale = points_said_unlike_scale(facts.tracker, committed or paid)
        if unlike_scale:
            facts.notes.append(unlike_scale)
        read_as_kept = speed_read_as_kept(facts.tracker, committed or paid)
        if read_as_kept and other_question(facts.tracker, self.name()) != "ask_offence_points":
            # (the message's other question, the offence's points, is answered next with how its speed was read:
            # the radar's margin is said there, by the points, not twice in the turn; h38)
            facts.notes.append(read_as_kept)
        from_the_scale = points_of_the_scale_untold(facts.tracker, committed or paid)
        if from_the_scale:
            facts.notes.append(from_the_scale)
        offence = {"commission": committed or paid, "realite": paid, "points": facts.number("last_offence_points"),
                   "offence_class": facts.offence_class, "commission_known": committed is not None,
                   # (the day of the payment slot is the payment, R2: the offence is named by it, T19 c08)
                   "payment_told": committed is None and paid is not None}
        before = _balance_said_with_retraits(facts.tracker)
        told_today = todays_balance_told(facts.tracker)
        if before is not None and told_today is not None and offence["points"] and \
                told_today != before - offence["points"]:
            # "il avait 12 … il a 8 points aujourd'hui d'après le site" after a 6-point délit: today's balance is the
            # one told, not 12 − 6 computed against it (T22 c22 got "Solde aujourd'hui : 4 points"); the file decides
            facts.notes.append(
                f"Solde aujourd'hui : {_points_fr(told_today)}, celui que vous avez indiqué ; {_points_fr(before)} "
                f"avant l'infraction moins {_points_fr(offence['points'])} en donneraient {_points_fr(before - offence['points'])} : "
                "le solde du Fichier national des permis de conduire (« Mes Points Permis ») fait foi (article L.223-1 "
                "du Code de la route).")
            before = None
        later = offence_committed_after(facts.tracker, paid, today) if committed is None and paid else None
        if later is not None:
            # "payé début juin … et fin novembre je me suis refait flasher, 88 retenu pour 80": an offence committed
            # after that payment, not yet paid, blocks the single point within its 6 months (R8) and the full recovery
            # (R9 edge case); its points are not withdrawn yet (R2). T33 c08 got "12 points, revenu le 1er décembre"
            facts.notes.remove(LAST_OFFENCE_ONLY)
        decision = rules_core.automatic_recovery(
            offences=[offence] + ([later] if later else []), today=today, licence_date=facts.licence_date,
            aac=facts.aac,
            relicensed=facts.relicensed, offences_since=offences_since,
            since_before_last=offences_since and offences_since_said_before(facts.tracker, committed or paid),
            invalidated_on=facts.invalidated_on,  # R10 example 3: the old licence's points never come back
            # "j'avais 12" told with the offence: at 12 before, its point coming back makes the licence full (R1, R8)
            balance_before=before if before == rules_core.load_params().at(today).value("capital.max") else None,
        )
        excluded = [r for r in decision.reasons if r.code == "recovery.ten_year_excluded"]
        if len(excluded) == 1 and _ten_year_return_asked(facts.tracker) and \
                not any(r.code == "recovery.ten_year" for r in decision.reasons):
            # "Je récupère ces 6 points avec la règle des 10 ans ?" of a grand excès (5e classe) or a délit: "Non" first,
            # the line that decides it moved up (R10; T49 c27 said it second, the "non" implicit)
            facts.verdict = False
            decision = replace(decision, reasons=(excluded[0], *(r for r in decision.reasons if r is not excluded[0])))
        if decision.outcome == "invalidated" or offences_since:
            # nothing of the old licence comes back, or offences since (the 10-year rule, which no later offence
            # pushes back, T1 c12): no date to push back
            facts.notes.remove(LAST_OFFENCE_ONLY)
        return balance_first(probation_48n_said(facts, decision, offence, today))


def full_gain_of_a_48m(facts: Facts, decision) -> Optional[str]:
    """The balance not known but a lettre 48M received: that letter is sent when the balance falls to 6 points or
    less (R19), so a stage under a ceiling of 12 gives its full 4 points (R12: 6 + 4 = 10 at most); said instead of
    leaving the total to the balance (tester T56 c07 got "votre total dépend de votre solde avant le stage"). None
    otherwise."""
    from actions.forms import letter_48m_received  # (forms reads this module)
    up_to = next((r for r in decision.reasons if r.code == "stage.credited_up_to"), None)
    if up_to is None or not letter_48m_received(facts.tracker):
        return None
    view = rules_core.load_params().at(today())
    gain, ceiling, low = view.value("stage.max_gain"), up_to.data.get("ceiling"), 6
    if not isinstance(ceiling, int) or low + gain > ceiling:
        return None
    return (f"Votre lettre 48M signale un solde de {low} points ou moins : ce stage vous rendra donc bien "
            f"{_points_fr(gain)}, sans buter sur le plafond de {_points_fr(ceiling)} ({low} + {gain} = {low + gain} "
            "au plus) (articles L.223-6 et R.223-8 du Code de la route). Votre total sera votre solde actuel + "
            f"{gain}.")


# R15: the 48N of the offence awaited, its receipt not told: asked, since its 4 months run from it
LETTER_48N_RECEIPT_ASKED = ("Avez-vous reçu cette lettre 48N ? Si oui, dites-moi à quelle date : les {delay} du stage "
                            "obligatoire partent de sa réception, et je vous dirai jusqu'à quand le faire.")


def probation_48n_said(facts: Facts, decision, offence: Dict[str, Any], today_: date):
    """The recovery of one offence of 3 points or more committed in probation (the licence date told, "permis vers
    l'été 2024, ça change quelque chose ?"): its 48N and compulsory stage said with the recovery, from the probation's
    own line (R15), and whether it came asked when its receipt is not told; the AAC not told, when it changes the
    ceiling counted, said (R5). Tester T55 c21 got the balance and the dates only, the 48N when asked next. The
    decision unchanged otherwise (a probation over: the recovery says a recent offence's 48N itself)."""
    licence = facts.licence_date
    if licence is None or not offence.get("points") or not offence.get("commission") or \
            any(r.code == "probation.letter_48n_due" for r in decision.reasons) or \
            not licence_may_be_probationary(facts.tracker) or offence["commission"] < licence:
        return decision
    try:
        status = rules_core.probation_status(
            licence_date=licence, today=today_, aac=facts.aac, relicensed=facts.relicensed,
            training_date=facts.day("training_date", "latest"), offences=[offence],
            stages=[first for first in facts.stages_done(today_) if first >= licence],
            letter_48n_received=letter_48n_day(facts))
    except rules_core.InconsistentFacts:
        return decision
    due = tuple(r for r in status.reasons if r.code == "probation.letter_48n_due")
    if not due:
        return decision
    facts.ceiling_on(offence["commission"])  # (the AAC not told: the ceiling counted said, and the other one)
    if letter_48n_day(facts) is None and not letter_48n_received(facts.tracker) and \
            facts.slot("letter_48n_date") is None and not letter_not_received(facts.tracker):
        months = rules_core.load_params().at(today_).value("letter_48n.deadline")["months"]
        facts.notes.append(LETTER_48N_RECEIPT_ASKED.format(delay=f"{months} mois"))
    return replace(decision, reasons=decision.reasons + due)


# "la règle des 10 ans me rend quelque chose ?", "et avec la règle des dix ans ?" (folded)
_ASKS_TEN_YEAR_RULE = re.compile(r"\b(?:10|dix) ans\b")


# whether points came back: "sont revenus", "ils reviennent", "récupérés", "rendus" (folded)
_ASKS_POINTS_BACK = re.compile(r"\b(?:revenu\w*|revien\w*|reviendr\w*|recuper\w*|rendu\w*)\b")


def _ten_year_return_asked(tracker: Tracker) -> bool:
    """Whether the question's sentence asks if points come back by the 10-year rule ("je récupère ces 6 points avec la
    règle des 10 ans ?")."""
    return any(_ASKS_TEN_YEAR_RULE.search(part) and _ASKS_POINTS_BACK.search(part)
               for part in re.split(r"[.?!]+", fold(question_text(tracker))))


def ten_year_question_verdict(tracker: Tracker, recovery) -> Optional[str]:
    """"est-ce que les points de 2016 sont revenus avec la règle des 10 ans ?" after retraits told with their dates:
    yes or no for the points of that year first, and by which rule: the full recovery that came before the 10 years
    (R9), the 10 years' rule itself (R10), or neither yet (tester T43 c08 got the chain of recoveries, the answer only
    implicit, the 10 years never named). None when the question's sentence asks no such thing, names no year of a
    retrait told, or the recovery says nothing of those points."""
    sentence = next((part for part in re.split(r"[.?!]+", fold(question_text(tracker)))
                     if _ASKS_TEN_YEAR_RULE.search(part) and _ASKS_POINTS_BACK.search(part)), "")
    years = set(re.findall(r"\b(?:19|20)\d\d\b", sentence))
    asked = [r for r in told_retraits(tracker) if r.said_date and str(r.said_date)[:4] in years]
    if len(years) != 1 or not asked or recovery is None:
        return None
    try:
        said = [PartialDate.parse(str(r.said_date)) for r in asked]
    except InvalidAnswer:
        return None
    points = sum(r.points for r in asked) if all(isinstance(r.points, int) for r in asked) else None
    what = ("le point retiré" if points == 1 else f"les {_points_fr(points)} retirés" if points else "les points retirés")
    when = said[0].french() if len(said) == 1 else next(iter(years))
    what = f"{what} {'le' if said[0].day and len(said) == 1 else 'en'} {when}"
    plural = points != 1
    latest = max(p.latest() for p in said)
    ten = latest + relativedelta(**rules_core.load_params().at(latest).value("recovery.ten_year.delay"))
    for reason in recovery.reasons:
        data = reason.data
        if reason.code == "recovery.full_past_cycle" and data["realite"] >= latest:
            return (f"Oui : {what} {'sont revenus' if plural else 'est revenu'} au plus tard le "
                    f"{format_long_fr(data['date'])}, quand votre permis a retrouvé son maximum de points, "
                    f"avant même les 10 ans ({format_long_fr(ten) if said[0].day else _month_year_fr(ten)}) : la règle "
                    "des 10 ans n'avait plus rien à leur rendre (article L.223-6 du Code de la route).")
        if reason.code == "recovery.ten_year" and latest - relativedelta(years=1) < data["realite"] <= latest:
            back = format_long_fr(data["date"])
            return (f"Oui : {what} {'sont revenus' if plural else 'est revenu'} le {back} par la règle des 10 ans "
                    "(article L.223-6 du Code de la route)." if data.get("past") else
                    f"Pas encore : {what} {'reviendront' if plural else 'reviendra'} le {back} par la règle des 10 "
                    "ans, si votre permis n'est pas invalidé d'ici là (article L.223-6 du Code de la route).")
        if reason.code == "recovery.ten_year_excluded" and latest - relativedelta(years=1) < data["realite"] <= latest:
            return (f"Non : la règle des 10 ans ne rend pas {what} : elle ne vaut que pour les contraventions des 4 "
                    "premières classes ; ils reviennent seulement quand votre permis retrouve son maximum de points "
                    "(article L.223-6 du Code de la route).")
    return None


def ten_year_question_before_zero(facts: Facts, recovery, today_: date) -> Optional[str]:
    """"Est ce que les points de 2017 reviennent avec la règle des 10 ans ?" when the retraits told after them take the
    balance to 0: the plain answer first, the day those points would come back by that rule (R10: 10 years after the
    payment, at the safe day of a month or a year told without its day, said so) and its condition, the licence not
    invalidated by then, which the 0 computed below threatens (R1, R20). Tester T42 c04 got the balance of the first
    offence alone; then no answer to the question at all. None when the question asks no such thing, the balance does
    not reach 0, or those points are not of the rule's classes."""
    if recovery is None or recovery.outcome != "invalidation_ahead":
        return None
    sentence = next((part for part in re.split(r"[.?!]+", fold(question_text(facts.tracker)))
                     if _ASKS_TEN_YEAR_RULE.search(part) and _ASKS_POINTS_BACK.search(part)), "")
    years = set(re.findall(r"\b(?:19|20)\d\d\b", sentence))
    asked = [r for r in told_retraits(facts.tracker) if r.said_date and str(r.said_date)[:4] in years]
    if len(years) != 1 or len(asked) != 1:
        return None
    offence = _offence_of(asked[0], facts, today_)
    try:
        said = PartialDate.parse(str(asked[0].said_date))
    except InvalidAnswer:
        return None
    if offence is None or not offence.get("points"):
        return None
    view = rules_core.load_params().at(said.latest())
    if offence.get("offence_class") not in view.value("recovery.ten_year.classes"):
        return None
    ten = said.latest() + relativedelta(**view.value("recovery.ten_year.delay"))
    if ten <= today_:
        return None
    points = offence["points"]
    what = "le point retiré" if points == 1 else f"les {_points_fr(points)} retirés"
    when = f"le {said.french()}" if said.day else f"en {said.french()}"
    safe = "" if said.day else (f" (le {format_long_fr(said.latest())}, le dernier jour de {said.french()}, faute du "
                                "jour exact)")
    return (f"Pas encore : {what} {when} {'reviendront' if points != 1 else 'reviendra'} le {format_long_fr(ten)} par "
            f"la règle des 10 ans, qui court depuis le paiement{safe}, même avec d'autres infractions entre-temps, mais "
            "seulement si votre permis n'est pas invalidé d'ici là ; or, d'après mon calcul avec les retraits que vous "
            "m'avez indiqués (leurs points et leurs dates tels que je les ai comptés ci-dessous), votre solde serait "
            "tombé à 0 : vérifiez-le sur « Mes Points Permis » (article L.223-6 du Code de la route).")


def _month_year_fr(day: date) -> str:
    return PartialDate.parse(day.isoformat()[:7]).french()


def ten_year_rule_asked_note(facts: Facts, recovery) -> Optional[str]:
    """"Est-ce que la règle des 10 ans me rend quelque chose ?" with retraits that take the licence to 0: what that rule
    gives back and when, which comes too late to keep the licence from its invalidation (R10, R20), said beside the
    answer on the 0 (T36 c17: the question was left unanswered). None when the question does not ask it or the rule
    gives nothing still to come."""
    if not _ASKS_TEN_YEAR_RULE.search(fold(question_text(facts.tracker))) or recovery is None:
        return None
    to_come = [r for r in recovery.reasons if r.code == "recovery.ten_year" and not r.data.get("past")]
    if not to_come:
        return None
    backs = [f"{'le' if r.data['points'] == 1 else 'les'} {_points_fr(r.data['points'])} de l'infraction payée le "
             f"{format_long_fr(r.data['realite'])} que le {format_long_fr(r.data['date'])}" for r in to_come]
    return ("La règle des 10 ans ne vous sauve pas : elle ne vous rendrait " + ", ".join(backs) + ", et seulement si "
            "le permis n'a pas été invalidé d'ici là ; à 0 point, c'est une lettre 48SI qui suit, et après elle ces "
            "points ne reviennent plus (article L.223-6 du Code de la route).")


def offence_committed_after(tracker: Tracker, paid: date, day: date) -> Optional[Dict[str, Any]]:
    """The offence the user told as committed after the fine paid on ``paid`` ("payé début juin. Et fin novembre je
    me suis refait flasher, 88 retenu pour 80", "j'ai commis un 2e excès de vitesse le 27 novembre 2026 (1 point)"), not
    paid: its day (the latest the month or year said allows, not after today), points and class, the points being
    those said with it or the scale's for the offence or the speeds told after its day (R4), as a pending offence
    (``realite`` None, R2). The last one told wins; None when no such day is told, or its points are not known."""
    found = None
    for event in tracker.events:
        if event.get("event") != "user" or hypothetical_message(event):
            continue
        text = event.get("text") or ""
        entities = (event.get("parse_data") or {}).get("entities") or []
        for entity in entities:
            if entity.get("entity") != "date" or entity.get("role") not in (None, "offence"):
                continue
            said = partial_date_or_none(entity.get("value"))
            if said is None or said.earliest() <= paid or said.earliest() > day or \
                    not _ANOTHER_OFFENCE_TOLD.search(fold(_sentence_around(text, _start(entity)))):
                continue  # (a day after the payment told of that offence is a slip or a guess, not another: T22 c22)
            near = [e for e in entities if e is not entity and abs(_start(e) - _start(entity)) <= 60
                    and not SENTENCE_END_OR_STOP.search(text[min(_start(e), _start(entity)):max(_start(e), _start(entity))])]
            points = next((e.get("value") for e in near if e.get("entity") == "points"
                           and e.get("role") in (None, "lost") and isinstance(e.get("value"), int)), None)
            kind = next((e.get("value") for e in near if e.get("entity") == "offence_type"), None)
            speeds = {name: next((e.get("value") for e in near if e.get("entity") == entity_name
                                  and _start(e) > _start(entity)), None)
                      for entity_name, name in (("speed_limit", "speed_limit_kmh"), ("speed_excess", "excess_kmh"))}
            if kind is None and speeds["excess_kmh"] is not None:
                kind = "speeding"
            commission = min(said.latest(), day)
            try:
                scale = rules_core.offence_points(offence=kind, commission=commission, today=day,
                                                  **{k: v for k, v in speeds.items() if v is not None}) if kind else None
            except rules_core.InconsistentFacts:
                scale = None
            klass = scale.results.get("offence_class") if scale is not None else None
            points = points if points is not None else (scale.results.get("points") if scale is not None else None)
            if points and klass is None and kind == "speeding":
                # ("un 2e excès de vitesse le 27 novembre (1 point)": the class its points fix, else the longer delay of
                # the 4th class, which only a later full recovery reads, R9)
                klass = rules_core.speeding_class_of_points(
                    points=int(points), commission=commission, today=day,
                    speed_limit_kmh=speeds["speed_limit_kmh"]) or "c4"
            if points and klass:
                found = {"commission": commission, "realite": None, "points": int(points), "offence_class": klass}
    return found


def _start(entity: Dict[str, Any]) -> int:
    return entity.get("start") or 0


def _sentence_around(text: str, position: int) -> str:
    ends = [m.end() for m in SENTENCE_END_OR_STOP.finditer(text) if m.end() <= position]
    after = SENTENCE_END_OR_STOP.search(text, position)
    return text[(ends[-1] if ends else 0):(after.start() if after else len(text))]


#: another offence told ("je me suis refait flasher", "un 2e excès", "une nouvelle infraction", "encore"; folded)
_ANOTHER_OFFENCE_TOLD = re.compile(
    r"\bre-?(?:prend\w*|pris|fai[st]\b|flash\w*|grille\w*|arrete\w*|control\w*)|\bencore\b|\bde nouveau\b"
    r"|\ba nouveau\b|\b(?:autres?|nouvel(?:le)?s?|nouveaux?|deuxieme|second(?:e)?|2e|2eme)\s+(?:petite?s?\s+)?"
    r"(?:exces|infractions?|amendes?|pv|contraventions?|flash\w*|retraits?|controles?)\b")


#: what parts two facts of one message told apart: a sentence's end, or a question
SENTENCE_END_OR_STOP = re.compile(r"[!?;\n]|\.(?!\d)")


def balance_first(decision):
    """The recovery's decision with the balance of today, when the facts give it, as its first line: the computed
    figure first, then the dates the points come back (README: the result first; R1, R8, R9)."""
    today_line = [r for r in decision.reasons if r.code == "recovery.balance_today"]
    if not today_line or decision.reasons[0] is today_line[0]:
        return decision
    return replace(decision, reasons=tuple(today_line + [r for r in decision.reasons if r is not today_line[0]]))


def points_of_the_scale_untold(tracker: Tracker, commission: Optional[date]) -> Optional[str]:
    """"c'était un feu rouge en mars, payé direct" to the points' question: the points counted are the scale's, never
    told by the user; the answer says them, with the offence's class and article ("Feu rouge … : retrait de 4 points
    (contravention de 4e classe) (article R.412-30 du Code de la route).", R4; h29's leftover: never said). None when
    the user told the points, or for an excess of speed (speed_read_as_kept says how its speeds were read)."""
    points, offence = tracker.get_slot("last_offence_points"), tracker.get_slot("offence_type")
    if points is None or not isinstance(offence, str) or offence == "speeding":
        return None
    if any(e.get("entity") == "points" for event in tracker.events if event.get("event") == "user"
           for e in (event.get("parse_data") or {}).get("entities") or []):
        return None
    try:
        scale = rules_core.offence_points(offence=offence, commission=commission or today(), today=today())
    except rules_core.InconsistentFacts:
        return None
    if scale.results.get("points") != int(float(points)):
        return None
    klass, article = scale.results.get("offence_class"), scale.results.get("article")
    details = [CLASS_FR[klass]] if klass in CLASS_FR else []
    details += [f"article {article} du Code de la route"] if article else []
    return (f"J'ai compté les {points:g} points que l'infraction « {scale.results.get('label_fr')} » retire au barème"
            + (f" ({', '.join(details)})" if details else "") + ".")


def points_said_unlike_scale(tracker: Tracker, commission: Optional[date]) -> Optional[str]:
    """"j'ai perdu 3 points pour un stop": the scale says 4 (R4). The answer counts the points the user said (their
    record may hold another offence) and says the scale's, so that they check it; None when they agree, or when the
    offence's points depend on speeds not known."""
    said, offence = tracker.get_slot("last_offence_points"), tracker.get_slot("offence_type")
    if said is None or offence in (None, "speeding") or isinstance(offence, list):
        return None
    if own_offences_points(tracker) == int(float(said)):
        return None  # (the points of several offences told together, the slot keeping one of them; T17 c08)
    try:
        scale = rules_core.offence_points(offence=offence, commission=commission or today(), today=today())
    except rules_core.InconsistentFacts:
        return None
    points = scale.results.get("points")
    if not points or int(float(said)) == points:
        return None
    label = str(scale.results.get("label_fr") or "")
    klass = scale.results.get("offence_class")
    article = scale.results.get("article")
    return (f"Attention : au barème, l'infraction « {label} » retire {points} points"
            + (f" ({CLASS_FR[klass]})" if klass in CLASS_FR else "")
            + f", pas {int(float(said))} : vérifiez ce retrait sur votre relevé (« Mes Points Permis »). J'ai compté "
            f"les {int(float(said))} points que vous m'avez indiqués"
            + (f" (article {article} du Code de la route)." if article else "."))


# "46D" told by the user (folded text), the letter that tells one point given back (R8, R19)
_POINT_BACK_LETTER = re.compile(r"\b46\s?d\b")
POINT_BACK_LETTER_RECONCILED = (
    "Vous m'avez dit avoir reçu une lettre 46D, qui annonce ce point revenu : le fichier a pu le rendre avant "
    "d'enregistrer le retrait de l'infraction suivante. Ce retour n'est pas dû si elle a été commise dans les 6 mois "
    "(article L.223-6 du Code de la route) ; votre relevé sur « Mes Points Permis » fait foi, vérifiez-le.")


def point_back_letter_reconciled(tracker: Tracker, decision) -> Optional[str]:
    """A single point the answer says does not come back, another offence committed within its 6 months (R8 example
    2), while the user told a lettre 46D, which says the point came back: both said, and where the file is read (the
    file may have given it back before the later retrait was recorded; tester T36 c31). None otherwise."""
    if decision is None or not any(r.code == "recovery.single_point_blocked" for r in decision.reasons):
        return None
    told = any(event.get("event") == "user" and (
        _POINT_BACK_LETTER.search(fold(event.get("text") or "")) or any(
            e.get("entity") == "letter_code" and str(e.get("value")).upper() == "46D"
            for e in (event.get("parse_data") or {}).get("entities", []))) for event in tracker.events)
    return POINT_BACK_LETTER_RECONCILED if told else None


def speed_told_as_measured(tracker: Tracker) -> bool:
    """Whether the speed known (slot speed_measured) was told as the one the radar measured ("le radar a marqué 112",
    "vitesse mesurée : 97"), in the latest message that told it: the margin is then deducted (R4 edge case; arrêté du
    4 juin 2009), not offered as another reading (h28's leftover)."""
    speed = tracker.get_slot("speed_measured")
    if speed is None:
        return False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        values = {e.get("value") for e in (event.get("parse_data") or {}).get("entities") or []
                  if e.get("entity") == "speed_measured"}
        text = event.get("text") or ""
        if speed in values or radar_speed(text) is not None or says_retained_speed(text):
            return radar_speed(text) == speed and not says_retained_speed(text)
    return False


def speed_read_as_kept(tracker: Tracker, commission: Optional[date]) -> Optional[str]:
    """"flashé à 57 pour 50, je récupère mon point quand ?": the points counted are those of the speed told read as the
    speed kept after the radar margin (the avis's). When the same figure read as the speed the radar measured gives
    other points (57 measured → 52 kept, 2 km/h over: none since 2024), the answer says which speed it took and what
    the other reading gives (R4 edge case; arrêté du 4 juin 2009 on cinémomètres; T10 c05). None when the user told
    the points withdrawn, or when both readings give the same points."""
    measured, limit = tracker.get_slot("speed_measured"), tracker.get_slot("speed_limit")
    if tracker.get_slot("offence_type") != "speeding" or measured is None or limit is None or \
            speed_told_as_measured(tracker) or any(
            e.get("entity") == "points" and e.get("role") == "lost" for event in tracker.events
            if event.get("event") == "user" for e in (event.get("parse_data") or {}).get("entities", [])):
        return None
    try:
        scale = rules_core.offence_points(offence="speeding", commission=commission or today(), today=today(),
                                          speed_limit_kmh=int(limit), recorded_speed_kmh=int(measured))
    except (rules_core.InconsistentFacts, TypeError, ValueError):
        return None
    return speed_readings(scale)


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


def _offences_of_separate_checks(facts: Facts, speeds: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The offences of the latest message found at different checks of one day ("le matin téléphone + pas de
    ceinture. L'après-midi feu rouge grillé, autre contrôle"), each with its check (R3: capped at 8 within one
    check, the checks added), the speeds told going to the speeding; [] when the message tells one check."""
    message = facts.tracker.latest_message or {}
    groups = offences_by_check(message.get("entities") or [], message.get("text") or "")
    if len(groups) < 2:
        return []
    day = commission_day(facts.tracker.slots) or today()
    return [{"offence": entity.get("value"), "commission": day, "check": number,
             **({k: v for k, v in speeds.items() if v is not None} if entity.get("value") == "speeding" else {})}
            for number, group in enumerate(groups) for entity in group if entity.get("value") in OFFENCE_TYPES]


# "en même temps", "au même contrôle", "à la fois", "tel + ceinture": offences committed together (R3), even asked
# in general
_AT_ONCE = re.compile(r"\ben meme temps\b|\bcontrol\w*\b|\ba la fois\b|\bensemble\b|\bcumul\w*\b|\ble meme jour\b"
                      r"|\+")


def alcohol_level_told(tracker: Tracker) -> Optional[float]:
    """The blood alcohol level (g/l) of the alcohol offence told last, when it was named by its level ("contrôlé à
    0,3 g/l", "soufflé 0,15 mg/l"): it decides whether there is an offence at all (R4: 0,5 g/l, 0,2 g/l in probation,
    R.234-1) and whether it is a délit (0,8 g/l, L.234-1). None when that offence was named otherwise."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        named = [e for e in (event.get("parse_data") or {}).get("entities") or []
                 if e.get("entity") == "offence_type" and e.get("value") in ("alcohol", "alcohol_delit")]
        if named:
            levels = [blood_alcohol_level(text[e.get("start") or 0:e.get("end") or 0], today()) for e in named]
            return next((level for level in levels if level is not None), None)
    return None


#: a traffic light's colour said alone ("et si c'était orange ?", "et s'il était encore jaune ?")
_LIGHT_COLOUR = {"amber_light": re.compile(r"\b(?:orange|jaune)s?\b"), "red_light": re.compile(r"\brouges?\b")}


def light_colour_against_the_last_light(tracker: Tracker) -> Optional[str]:
    """The light offence a colour said alone names, read against the light the last answer gave the points of ("et
    si c'était orange ?" after a red light: the amber light, R4); None when the message names an offence itself, or
    the last answer was not a light's."""
    if tracker.get_slot("offence_type") or previous_answer(tracker) != "action_answer_offence_points":
        return None
    if last_value_before_message("offence_type", tracker) not in _LIGHT_COLOUR:
        return None
    text = fold((tracker.latest_message or {}).get("text") or "")
    named = [light for light, colour in _LIGHT_COLOUR.items() if colour.search(text)]
    return named[0] if len(named) == 1 else None


def learnt_offence_corrected(tracker: Tracker) -> bool:
    """"ah attendez je relis l'avis, c'est 128 retenu pas 118" after the points of the user's own offence (118 on an
    80 road, 3 points learnt from the scale): the latest message corrects that offence (same offence, a speed or the
    offence's facts said again as a correction), so the points and class the scale gives now replace those learnt
    from the first answer (R4). Not when the user said the points withdrawn (their count stays), nor for another
    offence asked about ("et pour un feu rouge ?")."""
    if tracker.get_slot("last_offence_points") is not None and check_without_the_drivers_belt(tracker) is not None:
        # "la ceinture c'était mon passager, pas moi" after the offences of one check: their retrait without it (T28 c08)
        return True
    if tracker.get_slot("last_offence_points") is None or previous_answer(tracker) != "action_answer_offence_points" \
            or not latest_text_says(tracker, CORRECTION):
        return False
    offence = tracker.get_slot("offence_type")
    if offence is None or offence != last_value_before_message("offence_type", tracker):
        return False
    said = slots_set_by_latest_message(tracker)
    if not any(said.get(slot) is not None and said.get(slot) != last_value_before_message(slot, tracker)
               for slot in ("speed_measured", "speed_excess", "speed_limit")):
        return False
    return not any(e.get("entity") == "points" and e.get("role") == "lost" for event in tracker.events
                   if event.get("event") == "user" for e in (event.get("parse_data") or {}).get("entities", []))


def _offence_day_to_come(tracker: Tracker, slot: str = "offence_date",
                         what_fr: str = "la date de l'infraction") -> Optional[str]:
    """The objection to the offence's day (or its payment's, `slot`) the latest message told in the future, as a fact
    (not "et si je me fais flasher le 10 février ?", a hypothesis the what-if answers): the form's
    (slot_values.past_date); None otherwise."""
    message = tracker.latest_message or {}
    value = tracker.get_slot(slot)
    if not value or not any(e.get("entity") == "date" and e.get("value") == value
                            for e in message.get("entities") or []) or is_hypothesis(tracker) \
            or hypothetical_message(message):
        return None
    try:
        past_date(value, today(), what_fr, need_day=False)
    except InvalidAnswer as error:
        return str(error) if str(error).startswith("Le ") and "dans le futur" in str(error) else None
    return None


def story_offence_redated(tracker: Tracker) -> bool:
    """The latest message corrects ("non", "pardon", "je me suis trompé") the dates of an offence of the story told
    before, an answer having counted that story: the offences told are the same kinds, their dates changed."""
    if not latest_text_says(tracker, CORRECTION) or tracker.get_slot("last_question") is None:
        return False
    before, now = told_retraits(tracker, before_latest=True), told_retraits(tracker)
    named = set(message_values(tracker, "offence_type"))
    return bool(named) and len(before) > 1 and before != now and \
        named <= {r.offence_type for r in before} and \
        sorted(r.offence_type or "" for r in before) == sorted(r.offence_type or "" for r in now)


def own_points_corrected(tracker: Tracker) -> bool:
    """The latest message corrects ("non", "en fait", "pardon") the points of the user's one offence an answer counted
    ("non c'est 3 points pas 1 !! c'était un clignotant, 3 points" after a balance computed with 1): the story counted
    again with them (R1), not that offence's card (tester T42 c15 got the card twice, its balance never corrected).
    Not when the message names another offence than the one told, nor after several retraits told."""
    if not latest_text_says(tracker, CORRECTION) or tracker.get_slot("last_question") is None:
        return False
    before = last_value_before_message("last_offence_points", tracker)
    said = {e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
            if e.get("entity") == "points" and e.get("role") in (None, "lost")}
    if before is None or len(said) != 1 or before in said or len(told_retraits(tracker, before_latest=True)) > 1:
        return False
    named = set(message_values(tracker, "offence_type"))
    return named <= {last_value_before_message("offence_type", tracker),
                     *(r.offence_type for r in told_retraits(tracker, before_latest=True))}


class ActionAnswerOffencePoints(AnswerAction):
    form = "offence_points_form"
    field_slots = {"offence": "offence_type", "offences": "offence_type", "speed_limit_kmh": "speed_limit",
                   "recorded_speed_kmh": "speed_measured", "excess_kmh": "speed_excess"}
    question_slots = ("offence_type", "speed_limit", "speed_excess", "speed_measured", "other_offences")

    def name(self) -> Text:
        return "action_answer_offence_points"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        designation = designation_answer(tracker)
        if designation:
            # "flashé à 100 au lieu de 90, c'est la voiture de ma boîte, je dois désigner ?": the question asked is the
            # designation (L.121-6, R21 example 2), not the excess's points alone (T18)
            dispatcher.utter_message(text=designation)
            return [SlotSet("last_question", self.name())]
        message = tracker.latest_message or {}
        if informational.phone_on_a_holder_asked(message.get("text"), message.get("entities")):
            # "téléphone sur un support, ça compte ?" read as this question: a holder used as a GPS is not the hand-held
            # phone (R4: R.412-6-1, R.412-6-2), not the form asking the offence and answering 3 points
            dispatcher.utter_message(text=informational.PHONE_ON_A_HOLDER)
            return [SlotSet("last_question", self.name())]
        if informational.hands_free_kit_asked(message.get("text"), message.get("entities"),
                                              phone_in_context=tracker.get_slot("offence_type") == "phone"):
            # "et si c'est juste le kit mains libres bluetooth ?" after the phone's card: not R.412-6-1's offence when
            # nothing is held nor worn at the ear (R4; T58 c09 got the phone's card again)
            dispatcher.utter_message(text=informational.HANDS_FREE_KIT)
            return [SlotSet("last_question", self.name())]
        # ("vous êtes sûr ? pas plus de 6 points d'un coup, 8 max. quel article les 9 points ?": yes, the exception, R3)
        sources = retrait_beyond_a_cap_doubted(tracker) or sources_asked(tracker)
        if sources:
            # "sur quel article exactement pour le stop ? pas une fiche service public" after its answer: the texts
            # that answer cited, not the card again (T28 c27)
            dispatcher.utter_message(text=sources)
            return [SlotSet("last_question", self.name())]
        once_withdrawn = balance_once_withdrawn(tracker)
        if once_withdrawn:
            # "et le stop d'hier (4 points) ? je finis à combien une fois qu'il est retiré ?" after a stage's answer
            # that counted it: the final balance given (R12, R18; T33 c29 got the stop's card)
            dispatcher.utter_message(text=once_withdrawn)
            return [SlotSet("last_question", "action_answer_points_after_stage")]
        if asks_when_withdrawn(tracker) and not answer_in_context(tracker):
            # "PV pour un stop, pas encore payé, mes points sont déjà retirés ?": when, with its points (R2)
            return ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
        if offence_answered_asked_again(tracker):
            # "donc ça fait combien de points en moins ? j'avais 12": the balance after the offence just answered
            return [FollowupAction("action_answer_check_balance")]
        if story_balance_asked(tracker):
            # "ok mais là maintenant j'ai combien de points ?? j'avais 12 avant le téléphone" after the phone and the
            # belt told: the balance of both (R1), not the phone's card and 12 − 3 (tester T37 c19 got 9, not 6)
            return [FollowupAction("action_answer_check_balance")]
        if own_points_corrected(tracker):
            # "non c'est 3 points pas 1 !!" after a balance counted with 1: counted again with 3 (R1, R15; T42 c15)
            return [FollowupAction("action_apply_correction")]
        if story_offence_redated(tracker):
            # "ah non pardon, le feu rouge c'était en février, payé le 3 mars, pas en août" after the balance of the
            # story: that story counted again with the offence moved (R1, R9), not the red light's card (T33 c01)
            return [FollowupAction("action_apply_correction")]
        for slot, what_fr in FUTURE_DAYS_REFUSED:
            future = _offence_day_to_come(tracker, slot, what_fr)
            if future is not None and slot == "fine_payment_date":
                from actions.retrait_timing import payment_planned_said
                if payment_planned_said((tracker.latest_message or {}).get("text")):
                    future = None  # "je compte la régler le 20": a payment planned, not a day told wrong (R2 ex. 4)
            if future is not None:
                # "flashé le 12/01/2027" said on 1 December 2026, not as a hypothesis: no offence committed yet has its
                # points; the date is flagged as the form flags it, and the scale answered as of today (T24 c15);
                # so is "elle a eu un téléphone au volant, amende payée le 15 janvier 2027" (T51 c10)
                dispatcher.utter_message(text=f"{future} En attendant, voici le barème qui s'applique aujourd'hui.")
                tracker.slots[slot] = None
                return [SlotSet(slot, None), *super().run(dispatcher, tracker, domain)]
        if speed_not_known(tracker, asked=False):
            # "je ne sais pas", "laissez tomber la vitesse" to the form's speed question: the scale, band by band (R4),
            # not the same question again (T25's replay of T23 c34)
            dispatcher.utter_message(text=speeding_scale_without_speed(commission_day(tracker.slots)))
            return [SlotSet("last_question", self.name())]
        light = light_colour_against_the_last_light(tracker)
        if light:
            # "et si c'était orange ?" right after a red light's points: the amber light, read against that answer
            # (R4: R.412-31, no points), not "Quelle infraction ?" nor an unknown offence (T20 c15)
            tracker.slots["offence_type"] = light
        belt = check_without_the_drivers_belt(tracker)
        if belt is not None:
            # "ah non pardon, la ceinture c'était mon passager (adulte), pas moi" after the offences of one check: the
            # passenger's belt costs the driver nothing (R21), then the check's retrait without it (R3; T28 c08)
            passenger = next(v for v in message_values(tracker, "offence_type") if v in PASSENGER_BELTS)
            said = render(rules_core.offence_points(offence=passenger, commission=commission_day(tracker.slots)
                                                    or today(), today=today())).split("\n")[0]
            dispatcher.utter_message(text=f"C'est noté : la ceinture n'était pas la vôtre. {said}\nJe refais le "
                                          "compte du contrôle sans elle :")
        pending = pending_story_answer_for_this_offence(tracker)
        if pending:
            # "probatoire, il me reste 2 points, arrêté au téléphone": the balance falls to 0 or below; a 48SI
            # follows unless a stage is completed before it is notified (R18, R19 example 4), first
            dispatcher.utter_message(text=pending)
        events = super().run(dispatcher, tracker, domain)
        said = "\n".join(m.get("text") or "" for m in getattr(dispatcher, "messages", []))
        never_paid = fine_never_paid_asked_with_an_offence(tracker, "aucun point n'est retiré" in said)
        if never_paid and never_paid not in said:
            # "et pour un feu orange ? et si je paie pas ?": the offence's card, then its other half (R2 example 2)
            dispatcher.utter_message(text=said_of_the_subject(tracker, never_paid))
        return events

    def facts_learnt(self, decision, tracker: Tracker) -> List[EventType]:
        """"j'ai eu un stop grillé, payé le 3 mars" is the user's offence, not a question in general: its
        points and class answer the recovery questions that follow ("je récupère mes points quand ?")."""
        points, klass = decision.results.get("points"), decision.results.get("offence_class")
        several = [o.get("offence_class") for o in decision.results.get("offences") or []]
        if tracker.get_slot("other_offences") and several and all(several):
            # "35 km/h de trop + téléphone + pas de ceinture": one event, the total capped at 8 (R3), the heaviest
            # class setting the recovery's delay (R9); not the user's guess of it ("ils vont m'enlever 9 points ??",
            # T16 c23 then counted 9)
            klass = max(several, key=lambda c: CLASS_ORDER.index(c) if c in CLASS_ORDER else -1)
        elif tracker.get_slot("other_offences"):
            return []
        corrected = learnt_offence_corrected(tracker)
        if not (told_as_own_offence(tracker) or corrected or _told_as_own_when_asked(tracker)
                or _own_retrait_completed(tracker, points)) or not points or klass is None:
            return []
        learnt = {"last_offence_points": points, "offence_class": klass,
                  # (and its day: "flashé à 142 … le 10 novembre 2026", then "payé le 25 novembre": the offence is
                  # the one of 10 November, not "l'infraction du 25 novembre", T11 c29)
                  "offence_date": offence_day_said(tracker.latest_message or {})}
        # the points the message guessed ("ils vont m'enlever 9 points ??") give way to the law's count
        guessed = "last_offence_points" in slots_set_by_latest_message(tracker)
        return [SlotSet(slot, value) for slot, value in learnt.items()
                if value is not None and (tracker.get_slot(slot) is None
                                          or (slot == "last_offence_points" and guessed
                                              and tracker.get_slot(slot) != value)
                                          # (the scale's points and class of the offence as corrected replace those
                                          # of the offence as first told: T22 c08 kept 3 points for 118 after 128)
                                          or (corrected and slot in ("last_offence_points", "offence_class")
                                              and tracker.get_slot(slot) != value))]

    def decide(self, facts: Facts, today: date):
        if paid_by_owner_without_naming(facts.tracker):
            # "la voiture de société flashée, mon employeur a payé sans dire que c'était moi": no points (R21)
            return rules_core.offence_points(offence=owner_liability_kind(facts.tracker),
                                             company_asks=company_side_asks(facts.tracker),
                                             commission=commission_day(facts.tracker.slots), today=today)
        recorded = facts.number("speed_measured")
        excess = facts.number("speed_excess") if recorded is None else None
        commission = commission_day(facts.tracker.slots)
        probationary, probation_end = probation_on(facts, commission)
        speeds = {"speed_limit_kmh": facts.number("speed_limit"), "recorded_speed_kmh": recorded, "excess_kmh": excess}
        own_speeds = dict(speeds)
        if recorded is not None and facts.number("speed_limit") is not None and speed_told_as_measured(facts.tracker):
            # "le radar a marqué 112" on a road at 80: the margin deducted, 106 kept, and said (R4; h28)
            own_speeds.update(recorded_speed_kmh=None, measured_speed_kmh=recorded)
        separate = _retraits_of_separate_checks(facts.tracker) or _offences_of_separate_checks(facts, speeds)
        if separate:
            # "un feu rouge le 5 janvier et le lendemain un stop, deux PV : combien en tout ?": each its points, added
            # without the cap of one check (R3 example 4; tester T2: only the stop was counted)
            decision = rules_core.separate_offences(offences=separate, today=today)
            _what_is_left(facts, decision.results.get("points"))
            return decision
        others = facts.slot("other_offences") or []
        if others and (told_as_own_offence(facts.tracker) or latest_text_says(facts.tracker, _AT_ONCE)
                       or latest_text_says(facts.tracker, ONE_CHECK)
                       or check_without_the_drivers_belt(facts.tracker) is not None):
            # several offences at one check (R3; "arrêté avec le tel, sans ceinture et à 35 de trop": one check)
            decision = rules_core.simultaneous_offences(
                offences=[{"offence": facts.slot("offence_type"), **speeds}, *others], commission=commission,
                today=today, probationary=probationary)
            _what_is_left(facts, decision.results.get("points"))
            _left_under_the_probation_ceiling(facts, decision.results.get("points"), commission, probationary)
            return decision
        # "combien pour un refus de priorité à un piéton, et un dépassement par la droite ?": each asked in general,
        # not committed together: each its own points, no cap of simultaneous offences (tester T1 c64)
        facts.notes.extend(render(rules_core.offence_points(offence=other, commission=commission, today=today,
                                                            probationary=probationary)) for other in others)
        said_first = pending_story_answer_for_this_offence(facts.tracker)
        decision = rules_core.offence_points(
            offence=facts.slot("offence_type"), commission=commission, today=today, **own_speeds,
            probationary=probationary,
            # "et si ça avait été 0,9 ?": the level of a hypothesis decides contravention or délit (R4; what_if)
            blood_alcohol_g_l=facts.slot(ALCOHOL_LEVEL) if facts.slot(ALCOHOL_LEVEL) is not None else
            alcohol_level_told(facts.tracker),
            # the user's offence that brings their balance to 0 or below: a 48SI, not a 48N (R19 example 4), as the
            # pending loss said first, with the stage that saves the licence: not said twice (T14 c16)
            balance_before=balance_before_pending_loss(facts.tracker) if said_first else None,
            saving_said=bool(said_first),
            # "je vais recevoir une 48N ?" then "téléphone au volant": its condition, probation not known (R15)
            asked_48n=bool(_NAMES_48N.search(fold(question_text(facts.tracker)))),
            # "plus en probatoire" since, the offence committed before: its 48N follows all the same (R15; T3 c25)
            probation_end=probation_end,
            # the formation complémentaire done: an offence before its shortened end loses the reduction (R6; T51 c20)
            training_ends=training_reduction_ends(facts) if probationary else None,
            # "permis depuis mars 2025", in its 2nd year: no first year's warning (R5, R7; T49 c05)
            ceiling=probation_ceiling_on(facts, probationary is True, commission),
        )
        # ("et si j'étais à vélo ?" right after a red light's answer: that offence's fine; T20 c15)
        answered = last_value_before_message("offence_type", facts.tracker) \
            if previous_answer(facts.tracker) == "action_answer_offence_points" else None
        fine = fine_without_licence_told(facts.tracker, against=answered) if any(
            r.code == "offence.outside_licence" for r in decision.reasons) else None
        if fine:
            # "et à vélo si je grille un feu rouge ?": no points, but the red light's fine (R21 example 1; T19 c32)
            facts.notes.append(fine)
        points = decision.results.get("points")
        total = _total_of_the_offences_asked(facts, points, others, commission, probationary, today)
        if total:
            # "un PV pour stationnement dangereux et un autre pour l'enfant pas attaché : combien de points en tout ?":
            # the total asked, at once, not only each offence's points (R3, R4; T49 c26 got it a turn later)
            facts.notes.append(total)
        if probationary is False and asks_whether_48n_comes(facts.tracker):
            # "permis depuis 2008, grillé un feu rouge, je vais recevoir une 48N ?": no, the 48N is for a licence in
            # probation only (R15)
            licence = facts.licence_date
            facts.notes.append(render(rules_core.stage_obligation(licence_date=licence, today=today, aac=facts.aac))
                               if licence is not None else NO_48N_OUT_OF_PROBATION)
        if points and latest_text_says(facts.tracker, ASKS_WHAT_IS_LEFT) and facts.number("current_balance") is None:
            # "flashé à +25, il me reste combien de points ?": the balance before is not known; what is left if
            # the licence was full (R1: 12, 6 at the start of a probation), and where to read the real one
            capital = rules_core.load_params().at(today)
            full, initial = capital.value("capital.max"), capital.value("probation.initial_points")
            at_start = f", {max(0, initial - points)} au début d'un permis probatoire" if probationary and initial else ""
            facts.notes.append(
                f"Il vous en reste ce que vous aviez moins {points} : par exemple {max(0, full - points)} si votre "
                f"permis avait ses {full} points{at_start}. Dites-moi votre solde avant l'infraction pour le calcul "
                f"exact. {informational.HOW_TO_CHECK_BALANCE}")
        _what_is_left(facts, points)
        # the licence's date known, no balance told: what the retrait leaves from the ceiling of the day (T49 c05)
        _left_under_the_probation_ceiling(facts, points, commission, probationary)
        if decision.results.get("by_limit") and facts.number("speed_limit") is None and \
                OUT_OF_TOWN_ROAD.search(fold(question_text(facts.tracker))):
            # "10 km/h de trop sur une nationale": out of town, the limit is above 50 km/h (R.413-2), so the class is
            # the 3e of the two the answer gives (R4)
            facts.notes.append(OUT_OF_TOWN_LIMIT)
        received = _48n_received_without_its_day(facts, decision, today)
        if received:
            facts.notes.append(received)
        return decision


# "combien de points en tout ?", "ça fait combien au total ?": the total of the offences told asked (folded text)
_TOTAL_ASKED = re.compile(r"\b(?:en tout|au total|total|cumul\w*|additionn\w*)\b")


def _total_of_the_offences_asked(facts: Facts, points: Optional[int], others: List[Any], commission: date,
                                 probationary: Optional[bool], today: date) -> Optional[str]:
    """The total asked of several offences each answered on its own (not known to be of one check): their points
    added (R4), and the cap of 8 points when found at one check, which is said when it would change the total (R3,
    L.223-2). None when no total is asked, or one offence's points are not known (an excess without its speeds)."""
    if not others or points is None or not latest_text_says(facts.tracker, _TOTAL_ASKED):
        return None
    each = [points]
    for other in others:
        found = rules_core.offence_points(offence=other, commission=commission, today=today,
                                          probationary=probationary).results.get("points")
        if found is None:
            return None
        each.append(int(found))
    total = sum(each)
    cap = rules_core.load_params().at(today).value("retrait.simultaneous_cap")
    detail = " + ".join(str(p) for p in each)
    if total <= cap:
        return (f"Au total : {_points_fr(total)} ({detail}), que les infractions aient été constatées au même contrôle "
                f"ou non (article L.223-2 du Code de la route).")
    return (f"Au total : {_points_fr(total)} ({detail}) si les infractions ont été constatées lors de contrôles "
            f"différents ; au même contrôle, le retrait est plafonné à {_points_fr(cap)} (article L.223-2 du Code de "
            f"la route).")


#: the reasons of an offence's answer that announce a 48N to come (R15)
_48N_ANNOUNCED = ("offence.triggers_48n", "offence.48n_after_probation")


def _letter_said_received(tracker: Tracker) -> bool:
    """The user said the 48N or a registered letter received ("j'ai reçu un recommandé", "j'ai reçu la 48N"), no other
    letter named (not "j'ai reçu un courrier", which may be the fine's notice)."""
    for event in tracker.events:
        entities = (event.get("parse_data") or {}).get("entities") or [] if event.get("event") == "user" else []
        codes = {str(e.get("value")).upper().replace(" ", "") for e in entities if e.get("entity") == "letter_code"}
        registered = codes == {"48N"} or (not codes and "recommande" in fold(event.get("text") or ""))
        if registered and any(e.get("entity") == "letter_received" and e.get("value") is True for e in entities):
            return True
    return False


def _48n_received_without_its_day(facts: Facts, decision, today_: date) -> Optional[str]:
    """R15, R16 — the offence's answer announces a 48N ("La lettre 48N suit donc…") to a user who said the registered
    letter received, without its day ("j'ai reçu un recommandé", the stage never done): whether its 4 months have
    passed depends on that day, so the answer says both sides, with the last day of receipt whose deadline is gone
    (T20 c20 got only "le stage reste obligatoire dans les 4 mois", as if the letter were still to come). None when
    the day is known (the 48N's own answer), or the deadline cannot have passed yet."""
    if not any(r.code in _48N_ANNOUNCED for r in decision.reasons) or facts.slot("letter_48n_date") is not None \
            or not _letter_said_received(facts.tracker):
        return None
    view = rules_core.load_params().at(today_)
    delay = view.value("letter_48n.deadline")
    last_passed = today_ - relativedelta(**delay)
    while add(last_passed, delay) >= today_:  # (month ends clamp: the last receipt whose deadline is before today)
        last_passed -= timedelta(days=1)
    committed = decision.facts.get("commission")
    if committed is not None and committed > last_passed:
        return None
    fine, suspension = view.value("fines.c4_scale"), view.value("letter_48n.max_suspension")
    return (f"Vous dites avoir reçu la lettre recommandée : pour cette infraction, c'est la lettre 48N. Si vous l'avez "
            f"reçue le {format_long_fr(last_passed)} ou avant, le délai de {format_duration_fr(delay)} est dépassé : "
            f"ne pas avoir suivi le stage est une contravention de 4e classe ({fine['forfait']} €, jusqu'à "
            f"{fine['maximum']} €), avec une suspension possible du permis jusqu'à {format_duration_fr(suspension)}, "
            "et l'amende de l'infraction n'est pas remboursée ; un stage fait maintenant peut encore vous rendre des "
            "points (un stage par an au plus) (article R.223-4 du Code de la route). Reçue après, terminez le stage dans les "
            f"{format_duration_fr(delay)} qui suivent sa réception. Dites-moi le jour de réception (sur l'avis de "
            "réception) pour la date exacte.")


def _day_established_fr(facts: Facts) -> str:
    """"jour du paiement de l'amende", or the event the user named with that day ("composition pénale exécutée le 2
    novembre": "jour de l'exécution de la composition pénale"); for a délit whose event is not named, the events that
    establish one (R2, R9: a délit is established by its conviction or its composition pénale, or the payment of an
    amende forfaitaire délictuelle; T36 t33c11 got "jour du paiement de l'amende" for a composition pénale)."""
    from actions.retrait_timing import established_by_told, offence_class_told
    from rules_core.wording_fr import ESTABLISHED_BY_FR
    by = established_by_told(facts.tracker)
    if by == "judgment":
        return "jour de la condamnation"
    if by not in (None, "payment"):
        return "jour" + ESTABLISHED_BY_FR[by][len("le jour"):]
    if by is None and offence_class_told(facts.tracker, today()) == "delit":
        return ("jour où le délit a été établi (paiement de l'amende forfaitaire délictuelle, exécution de la "
                "composition pénale ou condamnation devenue définitive)")
    return "jour du paiement de l'amende"


def _what_is_left(facts: Facts, points: Optional[int]) -> None:
    """"il avait 10 points avant", "combien il lui reste ?" with the offence's answer: the balance once its points are
    withdrawn (R1, R2: from the day the offence is established, not before), in a note (T15 c17). Only when the balance
    is told with the question or what is left is asked, and it leaves at least 1 point (0 or below: the pending loss's
    answer, R18)."""
    balance = facts.number("current_balance")
    if not points or balance is None or balance - points < 1 or not (
            latest_text_says(facts.tracker, ASKS_WHAT_IS_LEFT)
            or "current_balance" in slots_set_by_latest_message(facts.tracker)
            # (the offences of the check counted again without the passenger's belt: what is left changes, T28 c08)
            or check_without_the_drivers_belt(facts.tracker) is not None) or \
            _balance_today_after_one_before(facts.tracker):
        return  # (a balance said as today's is after the retraits told with it, not before: T22 c22)
    done = retrait_established_on(facts, today())
    days = _payment_days_of_the_retraits_told(facts.tracker) if done is not None else []
    if len(days) > 1:
        # several offences told, each paid on its day: each retrait was made on its own payment (R2; T58 c24 got
        # "le retrait a été fait le 1er juillet 2026" alone, the payment of 2 March forgotten)
        when = ", le ".join(format_long_fr(day) for day in days[:-1]) + f" et le {format_long_fr(days[-1])}"
        facts.notes.append(
            f"Avec {balance} points avant ces infractions, il vous reste {_points_fr(balance - points)} : le retrait a été "
            f"fait en {len(days)} fois, le {when}, jours du paiement des amendes (article L.223-1 du Code de la route).")
        return
    if done is not None:
        # the fine paid: the retrait is made, the balance it left is today's (R2)
        facts.notes.append(
            f"Avec {balance} points avant l'infraction, il vous reste {_points_fr(balance - points)} : le retrait a été "
            f"fait le {format_long_fr(done)}, {_day_established_fr(facts)} (article L.223-1 du Code de la route).")
        return
    facts.notes.append(
        f"Avec {balance} points avant l'infraction, il vous restera {_points_fr(balance - points)} une fois le retrait "
        "fait : le jour où l'infraction est établie (amende payée ou condamnation définitive), pas avant (article "
        "L.223-1 du Code de la route).")


def _left_under_the_probation_ceiling(facts: Facts, points: Optional[int], day: Optional[date],
                                      probationary: Optional[bool]) -> None:
    """"permis probatoire depuis le 15 mai 2024 … téléphone ET pas de ceinture ET 40 au lieu de 30, je vais perdre
    combien ?": with no balance told nor other retrait, the balance before is the probation's ceiling that day (R5,
    R7: 10 in the 3rd year), and what is left once the retrait is made (R1, R2), in a note (tester T20 c25 got only the
    7 points and a warning for a first year). Nothing when the retrait leaves 0 or less (the pending loss's answer,
    R18) or the balance is known."""
    if not points or probationary is not True or day is None or facts.number("current_balance") is not None or \
            offences_said_since(facts.tracker):
        return
    if any(r.committed_date != day.isoformat() for r in told_retraits(facts.tracker)):
        return  # (an offence of another day told: the balance before is not the ceiling; the one answered is this)
    said = len(facts.notes)
    ceiling = facts.ceiling_on(day)
    if ceiling is None or ceiling - points < 1:
        return
    facts.notes.insert(said, BALANCE_BEFORE_IS_THE_CEILING.format(balance=ceiling) + (
        f" Il vous restera {_points_fr(ceiling - points)} une fois le retrait fait : le jour où l'infraction est établie "
        "(amende payée ou condamnation définitive), pas avant (article L.223-1 du Code de la route)."))


def training_reduction_ends(facts: Facts) -> Optional[Tuple[date, date]]:
    """The end of the probation the formation complémentaire shortened, and its normal end, when the user said the
    training was done in its window and no offence has cancelled it yet (R6); None otherwise."""
    training = facts.day("training_date", "latest") if facts.slot("complementary_training") else None
    if facts.licence_date is None or training is None or facts.relicensed:
        return None
    plan = probation_plan(licence_date=facts.licence_date, aac=facts.aac, training_date=training)
    return (plan.reduced_end, plan.normal_end) if plan is not None and plan.reduction == "kept" else None


def probation_on(facts: Facts, day: Optional[date]) -> tuple:
    """Whether the licence was probationary on ``day`` (an offence's commission: R15 reads that day, not today), and
    the end of that probation. Without the licence's date, as the user said it (None: not known)."""
    said = probation_said(facts.tracker)
    if facts.licence_date is None or day is None:
        return said, None
    # (an offence cancels the training's reduction, R6: the full probation is the one the offence falls in)
    plan = probation_plan(licence_date=facts.licence_date, aac=facts.aac, relicensed=facts.relicensed)
    if plan is None:
        return said, None
    return plan.is_probationary_on(day), plan.end


_NAMES_48N = re.compile(r"\b48\s?n\b")


# "il me reste combien de points ?", "j'aurai combien ?", "ça me laisse combien ?" (folded text)
# (and of someone else's licence: "combien il lui reste", T15 c17)
ASKS_WHAT_IS_LEFT = re.compile(r"\b(?:il (?:me|m'en|lui|lui en) reste|(?:me|lui) restera|(?:m'|lui )en restera|j'aurai"
                                r"|ca (?:me|lui) laisse|il m'en reste)"
                                r"\b[^.?!]{0,20}\bcombien|\bcombien\b[^.?!]{0,30}\b(?:(?:il )?(?:me|m'en|lui|lui en) reste"
                                r"|(?:m'|lui )en restera|(?:me|lui) restera|j'aurai|reste-t-il)\b"
                                # ("il me reste quoi ?", T33 c18)
                                r"|\bil (?:me|m'en|lui|lui en) reste quoi\b")


class ActionAnswerRetraitTiming(AnswerAction):
    """R2: when the points are withdrawn (the offence established, not committed), for the user's case."""

    field_slots = {"established_on": "fine_payment_date", "commission": "offence_date", "points": "last_offence_points"}

    def name(self) -> Text:
        return "action_answer_retrait_timing"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        from actions.follow_ups import point_back_day_asked
        if point_back_day_asked(tracker) is not None:
            # "mon point du 15 janvier, je l'ai toujours ?" after "… revient le 15 janvier 2027": the recovery of the
            # case told, its day not a payment (R8, R9; T54 c04)
            return ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def decide(self, facts: Facts, today: date):
        if paid_by_owner_without_naming(facts.tracker):
            # "ma boîte a payé le PV du radar, les points sont retirés quand ?": never, for anyone (R21, L.121-6)
            return rules_core.offence_points(offence=owner_liability_kind(facts.tracker),
                                             company_asks=company_side_asks(facts.tracker),
                                             commission=commission_day(facts.tracker.slots), today=today)
        decision, notes = retrait_decision(facts.tracker, today)
        facts.notes.extend(notes)
        if decision.outcome in ("not_yet", "contested") and notes:
            facts.notes.append(FNPC_CAVEAT)  # the balance told, after the retrait (R18)
        return decision


# "combien de temps pour recevoir la lettre 48 après avoir payé ?", "la 48 arrive quand ?" (T1 c80)
_WHEN_DOES_IT_COME = re.compile(
    r"\b(?:combien de temps|quand|delai|au bout de combien)\b[^?.!]{0,60}\b(?:recevoir|recoit|recois|recoive|arrive\w*|"
    r"envoi\w*|envoy\w*)\b|\b(?:recevoir|arrive\w*|envoy\w*)\b[^?.!]{0,30}\b(?:quand|combien de temps|delai)\b")


# "je peux les récupérer par un stage ?", "un stage me les rend ?", "faire un stage pour récupérer" (folded text)
_ASKS_STAGE_FOR_POINTS = re.compile(r"\bstages?\b[^.?!]{0,40}\b(?:recup\w*|rend\w*|redonn\w*|regagn\w*|points?)\b"
                                    r"|\b(?:recup\w*|rend\w*|regagn\w*)\b[^.?!]{0,40}\bstages?\b")


# "sinon ça fait quoi ?", "et si je le fais pas ?", "je risque quoi ?" (folded text): what follows without a stage
ASKS_IF_NOT_DONE = re.compile(
    r"\bsinon\b|\bsi (?:je|on) (?:ne |n')?(?:le |la |l'|en |y )?(?:fais|fait|suis|passe)\s*(?:pas|rien|aucun)\b"
    r"|\b(?:je |qu'?est[- ]ce que je |on )risque\b|\brisque quoi\b|\b(?:ca|il) (?:fait|se passe) quoi\b|\bsanctions?\b")
# "je suis obligé de faire le stage ?", "je dois faire un stage ?", or what follows without it: the obligation a letter
# brings (R15, R19)
ASKS_IF_OBLIGED = re.compile(
    r"\boblig\w*|\bforce\w*\b|\b(?:dois|doit|faut|devrai\w*)[- ](?:je |il |t-il |quand meme |vraiment |absolument )?"
    r"(?:le |la |en |un |y )?(?:faire|suivre|passer)\b|" + ASKS_IF_NOT_DONE.pattern)


# "ça veut dire quoi", "ça signifie quoi", "c'est quoi": a meaning asked
_MEANING_ASKED = re.compile(r"\bveut dire\b|\bsignifi\w*|\bc'?\s?est quoi\b|\bsens\b")
# what a letter's question names: a letter, a mail, its reference
_LETTER_WORDS = re.compile(r"\blettres?\b|\bcourriers?\b|\brecommande\w*|\benveloppes?\b|\bavis\b|\bref\w*\b"
                           r"|\b4[678]\s?[a-z]{0,2}\b|\bministere\b|\bprefecture\b|\bcode\b")
# an emoji, a pictogram or the words for them: never a letter
_PICTOGRAM = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff]|\bemoj\w*|\bsmiley\w*|\bemotic\w*|\bicone\w*|\bpictogramme\w*")


def asks_the_meaning_of_no_letter(tracker: Tracker) -> bool:
    """Whether the latest message asks what an emoji or a pictogram means, naming no letter nor mail."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    return bool(_MEANING_ASKED.search(text) and _PICTOGRAM.search(text) and not _LETTER_WORDS.search(text)
                and not letters_named_in_message(tracker))


NO_LETTER_REPLY = ("D'accord : vous n'avez reçu aucune lettre. C'est normal tant qu'aucun retrait de points n'a été "
                   "enregistré : une lettre (la 48, ou la 48N en période probatoire pour un retrait de 3 points ou plus) "
                   "n'est envoyée qu'après la décision de retrait (article R.223-3 du Code de la route).")


def no_letter_received_said(tracker: Tracker) -> bool:
    """Whether the latest message says no letter was received (the parser's `letter_received` False: "aucune lettre !",
    "j'ai rien reçu"), naming none: the letter's question is not asked (T54 c06 asked it three times)."""
    return letter_not_received(tracker) and not letters_named_in_message(tracker)


class ActionAnswerLetter(AnswerAction):
    form = "letter_form"
    field_slots = {"letter": "letter_code", "received_on": "letter_48n_date"}
    question_slots = ("letter_code",)

    def name(self) -> Text:
        return "action_answer_letter"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if asks_the_meaning_of_no_letter(tracker):
            # "un emoji 👍 ça veut dire quoi ?": the meaning of something that is no letter, not the letter's question
            # with its 8 buttons (T24 c05)
            from actions.fallback import ActionOutOfScope  # (fallback reads the answers)
            return [SlotSet("letter_code", None)] + ActionOutOfScope().run(dispatcher, tracker, domain)
        if tracker.get_slot("letter_code") is None and no_letter_received_said(tracker) and \
                not answer_in_context(tracker):
            # "j'ai pas de lettre, c'est juste si jamais demain je prends 20 de trop": none received, nothing to ask
            # (T54 c06 got "Quelle lettre avez-vous reçue ?" three times, "aucune lettre !" included; R2, R19)
            dispatcher.utter_message(text=NO_LETTER_REPLY)
            return [SlotSet("last_question", self.name())]
        if letters_offered_as_a_choice(tracker) and asks_letter_to_come(tracker):
            # "il va recevoir quelle lettre, une 48N ou une 48SI ?": the answer led by the one that comes (t59-c19)
            return learn_letter_receipt(tracker) + _the_letter_chosen(
                dispatcher, letters_named_in_message(tracker), lambda said: self._answer_letter(said, tracker, domain))
        return learn_letter_receipt(tracker) + self._answer_letter(dispatcher, tracker, domain)

    def _answer_letter(self, dispatcher, tracker, domain) -> List[EventType]:
        saved = stage_saved_licence_first(tracker)
        if saved:  # "la 48SI est arrivée le 2 novembre, après le stage": the licence saved, not the card (R18; T26 c26)
            dispatcher.utter_message(text=saved)
            return [SlotSet("letter_code", None), SlotSet("last_question", self.name())]
        waiting = waiting_for_48si_answer(tracker)
        if waiting:  # "et si j'attends la lettre 48SI ?" with a loss to 0 or below: too late then (R14, R18)
            dispatcher.utter_message(text=waiting)
            return [SlotSet("letter_code", None), SlotSet("last_question", self.name())]
        named = letters_named_in_message(tracker)
        # ("il va recevoir quelle lettre, une 48N ou une 48SI ?": the one his retrait brings, not both meanings; t59-c19)
        choice = letters_offered_as_a_choice(tracker) and asks_letter_to_come(tracker)
        if len(named) > 1 and set(named) <= set(rules_core.LETTERS) and not choice and not answer_in_context(tracker):
            # "c quoi la lettre 47 ? et la 46D ?": each letter named, in order (R19)
            dispatcher.utter_message(text="\n\n".join(
                render(rules_core.letter_meaning(letter=letter, today=today())) for letter in named))
            # (then the message's other question: "Je peux en refaire un le 30 novembre 2026 ? Ah et au fait, c'est
            # quoi la différence entre la lettre 48 et 48M ?", T63 c26 dropped the stage's)
            return [SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name()),
                                                                            *then_other_question(tracker, self.name())]
        # ("il a pas encore de 48N, il va en recevoir une ?" after his stop in probation: the 48N named, not received,
        # is the one the offence brings, not a letter to explain; T11 c40)
        if (tracker.get_slot("letter_code") is None or choice or letter_in_question(tracker) == "48N" and
                tracker.get_slot("letter_48n_date") is None and letter_not_received(tracker)) and \
                (asks_letter_to_come(tracker) or letter_not_received(tracker)) and \
                not letter_to_come_known(tracker) and offence_of_the_story(tracker):
            tracker.slots["offence_type"] = offence_of_the_story(tracker)
            # "mon fils va recevoir une lettre ?" with its offence, the balance unknown: the offence's points, which
            # say whether a 48N follows in probation (R15, R19), as for "je vais recevoir une 48N ?"
            return ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
        if asks_whether_48n_comes_after_retraits(tracker):
            # "jeune permis, j'ai pris 2 points pour un excès de 25, je vais recevoir une 48N ?" read as the letter's
            # question: whether it comes, from the offence or the retraits told (R15; tester T5 c66: what a 48N is
            # was said, not whether this one comes)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        named_one = letter_named_in_message(tracker)
        if named_one in ("48", "48M") and latest_text_says(tracker, _ASKS_STAGE_FOR_POINTS) \
                and not answer_in_context(tracker):
            # "j'ai reçu une lettre 48 (retrait de 4 points), je peux les récupérer par un stage ?": the letter in a
            # line, then the stage's own question (R12–R14; tester T4 m025)
            dispatcher.utter_message(text=render(rules_core.letter_meaning(letter=named_one, today=today())))
            return [SlotSet("letter_code", None), SlotSet("last_question", self.name()),
                    FollowupAction("stage_eligibility_form")]
        if (tracker.get_slot("letter_code") or letter_in_question(tracker)) == "48N" and \
                tracker.get_slot("letter_48n_date") is not None and not letter_not_received(tracker) and \
                other_question(tracker, self.name()) == "ask_mandatory_stage":
            # "j'ai reçu une 48N le 2 août, j'ai rien fait, c'est grave ??": the compulsory stage's answer (its deadline,
            # how near it is, what missing it costs) says what the letter's would, once (R15; tester T20 c24 got the
            # deadline twice, in two answers)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        computed = None
        supposed = invalidation_supposed_on(tracker) is not None
        if tracker.get_slot("letter_code") == "48SI" and supposed and supposed_48si_answer(tracker):
            # "et si la 48SI arrive avant mars ?" after a loss to 0 or below: supposed, not received, and its facts not
            # kept as the user's (R18; T53 c23 got "la réception de la lettre ne peut pas être dans le futur")
            dispatcher.utter_message(text=supposed_48si_answer(tracker))
            return [SlotSet(slot, None) for slot in self.question_slots] + restored_facts(tracker) + [
                SlotSet("last_question", self.name())]
        if tracker.get_slot("letter_code") == "48SI":
            # "48SI reçue, permis rendu le 8 avril" (R20), or "il me reste 1 point, j'en perds 2, pas reçu de 48SI":
            # the balance, and whether a stage saves (or saved) the licence (R18)
            computed = invalidation_answer(tracker) or (
                pending_loss_answer(tracker) if letter_48si_not_received_said(tracker) else None)
        if computed is None and conversation_letter(tracker) == "48SI" and tracker.get_slot("letter_48n_date") and \
                letter_named_in_message(tracker) is None and not letter_48si_not_received_said(tracker) and \
                _TELLS_BEYOND_THE_RECEIPT.search(fold((tracker.latest_message or {}).get("text") or "")):
            # "bjr 48 si", then "reçu le 28/11, permis depuis 2019, je l'ai pas encore rendu" (the letter not named
            # again, its card said): the day to hand it back, the wait from then, the exams by the licence's age
            # (R19, R20; tester T23 c30 got the card again)
            computed = invalidation_pending_hand_back_answer(tracker, ask=False)
        if computed is None:
            # (a letter supposed to come, the loss unknown: what it means, its day not kept as a receipt)
            return list(super().run(dispatcher, tracker, domain)) + (restored_facts(tracker) if supposed else [])
        dispatcher.utter_message(text=computed)  # "48SI reçue, permis rendu le 8 avril, je repasse quand ?"
        return [SlotSet(slot, None) for slot in self.question_slots] + [SlotSet("last_question", self.name())]

    def decide(self, facts: Facts, today: date):
        # (the letter of the question: told, or the one just explained, "je dois faire un truc ?" after it; T17 c34)
        letter = facts.slot("letter_code") or letter_in_question(facts.tracker)
        if letter is None or letters_offered_as_a_choice(facts.tracker) and asks_letter_to_come(facts.tracker):
            expected = expected_letter_decision(facts, today)
            if expected is not None:
                return expected  # "quelle lettre je vais recevoir ?" after a retrait (R19)
        # ("et si la 48SI arrive en février ?" without the loss's facts: a letter supposed to come, not received on
        # a day in the future; what it means is said; T53 c23 got "ne peut pas être dans le futur")
        not_yet = letter_not_received(facts.tracker) or invalidation_supposed_on(facts.tracker) is not None
        # (the date slot is named after the 48N; "reçue le…" of a 48SI gives its 10-day deadline as well)
        received = facts.day("letter_48n_date", "earliest") if letter in ("48N", "48SI") and not not_yet else None
        decision = rules_core.letter_meaning(letter=letter, today=today, received_on=received, not_yet_received=not_yet,
                                         asks_when_it_comes=latest_text_says(facts.tracker, _WHEN_DOES_IT_COME),
                                         presented_not_collected=letter_uncollected(facts.tracker),
                                         # "j'ai reçu une 48M, je dois faire un stage ?": no, and what follows (R19)
                                         asks_obligation=latest_text_says(facts.tracker, ASKS_IF_OBLIGED),
                                         asks_if_not_done=latest_text_says(facts.tracker, ASKS_IF_NOT_DONE),
                                         probation_possible=_48n_possible_instead(facts.tracker))
        if decision.missing == ("received_on",) and latest_text_says(facts.tracker, LETTER_MEANING_ASKED):
            # "c koi une lettre 48 si": what it is, asked, not an answer reserved on a day of receipt nobody told
            # (t59-c04 ended with "Réponse sous réserve de : la date de réception de la lettre"); the day invited
            facts.notes.append(LETTER_DAY_INVITED)
            return dataclasses.replace(decision, missing=())
        return decision


#: after what a 48N or a 48SI is, its day of receipt not told: the deadline it would give (R15, R20)
LETTER_DAY_INVITED = "Si vous l'avez reçue, dites-moi quel jour : je vous donnerai votre date limite."


def _the_letter_chosen(dispatcher, offered: List[str], answer) -> List[EventType]:
    """The `answer` (a function of a dispatcher) to "il va recevoir quelle lettre, une 48N ou une 48SI ?", led by the
    one of the letters offered that it names, the other ruled out (R15, R19, R20; t59-c19 got both letters'
    meanings)."""
    collected = CollectingDispatcher()
    events = list(answer(collected))
    texts = [m.get("text") or "" for m in collected.messages]
    said = "\n".join(texts)
    named = [letter for letter in offered if re.search(r"\b" + letter + r"\b", said)]
    lead = None
    if len(named) == 1:
        others = " ni ".join(f"une lettre {letter}" for letter in offered if letter != named[0])
        lead = f"Ce sera une lettre {named[0]}, pas {others}."
    for n, message in enumerate(collected.messages):
        if n == 0 and lead and message.get("text"):
            message = {**message, "text": f"{lead}\n{message['text']}"}
        dispatcher.utter_message(**{k: v for k, v in message.items() if k in ("text", "buttons", "response")})
    return events


class InformationalAction(Action, abc.ABC):
    """An answer with no computation (see `actions.informational`)."""

    answer = staticmethod(informational.answer_help)
    #: its own `run` computes from the facts of a licence: said of the person whose licence it is (T15 c12)
    speaks_of_the_subject = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A question's own `run` reads the balance known, not one asked back (`balance_asked_back_kept`)."""
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("run")
        if own is None:
            return

        cls.run = _run_keeping_the_balance(own, speaking=cls.speaks_of_the_subject)

    @abc.abstractmethod
    def name(self) -> Text:
        """action_answer_<topic>."""

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        return balance_asked_back_kept(tracker) + list(self._answer(dispatcher, tracker, domain))

    def _answer(self, dispatcher, tracker, domain) -> List[EventType]:
        # the same question again: "Comme indiqué : …" (c15, c17)
        dispatcher = reminding(dispatcher, tracker, recompute=False)
        moved = stage_day_told_in_time_asked(tracker)
        if moved:
            # "et si le centre annule et me le reporte au 12 et 13 ?" after the 48N's deadline, read as a stage question
            # (its cancellation): that stage against the deadline (R15, R16; T37 c15 got the centre's conditions)
            return [SlotSet("stage_first_day", moved), FollowupAction("action_answer_mandatory_stage")]
        if stage_in_time_asked(tracker):
            # "donc c bon je suis dans les temps ?" after the stage told with a 48N, read as a stage question: that
            # stage against the deadline (R15; T37/T39 c04 got the stage's information sheet)
            return ActionAnswerMandatoryStage().run(dispatcher, tracker, domain)
        if new_subject_in_context(tracker):  # "et pour le portable ?" read as a stage question
            return [FollowupAction("action_apply_correction")]
        missed = informational.stage_day_missed_answer(tracker)
        if missed:
            # "et si je tombe malade le 11, je peux finir le stage un autre jour ?" after a stage's computation: a day
            # of the stage missed (R11), not another stage supposed on the 11th, as a follow-up would read it (T52 c29)
            dispatcher.utter_message(text=missed)
            return [SlotSet("last_question", "action_answer_stage_info")]
        in_context = answer_in_context(tracker)
        if in_context:  # "donc je fais quoi ?" after an answer (read as a request for help)
            # (computed on the licence told, "et s'il fait un stage en janvier ?" read as a stage question: said of
            # the person whose licence it is, as the answer it follows; T22 c02 got "Si vous faites un stage")
            dispatcher.utter_message(text=said_of_the_subject(tracker, in_context))
            return restored_facts(tracker) + still_following(tracker)
        uncollected = uncollected_48si_answer(tracker)
        if uncollected:  # "48SI pas récupérée à la poste, je peux conduire ?": no, it is notified (R18, R20)
            dispatcher.utter_message(text=uncollected)
            return []
        beside = informational.outside_the_points_system((tracker.latest_message or {}).get("text"))
        if beside:  # "mon permis marocain est valable en France ?" read as a stage question (T6 n047): where to look
            dispatcher.utter_message(text=beside)
            return []
        pending = pending_story_answer(tracker) if latest_text_says(tracker, _ASKS_TO_SAVE) else None
        if pending:
            # "un stage peut me sauver ou pas ?" read as what a stage is, after a loss to 0 or below told: whether a
            # stage saves this licence (R13, R18; tester T8 c24)
            dispatcher.utter_message(text=pending)
            return [SlotSet("last_question", "action_answer_zero_points")]
        self.answer(dispatcher, tracker)
        return []


# "un stage peut me sauver ?", "c'est rattrapable ?" (folded text)
_ASKS_TO_SAVE = re.compile(r"\bsauv(?:er|e|es|ez|ent|era|erait)\b|\brattrap\w*")


class ActionDontKnow(Action):
    """"je ne sais pas" outside a form: after an answer that asked the balance before the offence, where to read it;
    otherwise, what the question is."""

    def name(self) -> Text:
        return "action_dont_know"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        last_said = next((e.get("text") or "" for e in reversed(tracker.events) if e.get("event") == "bot"), "")
        day = self._day_not_known(last_said, speaking_of_the_subject(dispatcher, tracker), tracker)
        if day is not None:
            return day
        if told_retraits(tracker) != told_retraits(tracker, before_latest=True):
            # "je sais pas le jour, disons le 10" after "j'ai compté à partir du 1er juin 2025 environ … Donnez-moi la
            # date exacte": a day all the same, which dates that retrait; the answer again with it (T43 c08 kept the
            # safe day taken)
            return [FollowupAction("action_apply_correction")]
        kept = self._safe_day_kept(tracker)
        if kept:
            dispatcher.utter_message(text=kept)
        elif "votre solde" in last_said:
            dispatcher.utter_message(text=f"Pas de souci. {informational.HOW_TO_CHECK_BALANCE}")
        else:
            dispatcher.utter_message(response="utter_what_question")
        return []

    @staticmethod
    def _safe_day_kept(tracker: Tracker) -> Optional[str]:
        """"aucune idée, c'était pendant les vacances" after an answer that took a safe day for a date told without
        its day and asked for the exact day ("je compte à partir du 22 septembre 2026 … Donnez-moi le jour exact"):
        that day is kept and the answer stands (T29 c09 got "D'accord. Quelle est votre question ?"). None when the
        assistant's last turn asked no exact day."""
        from actions.follow_ups import _last_turn_texts
        for text in _last_turn_texts(tracker):
            kept = _SAFE_DAY_TAKEN.search(text) if _EXACT_DAY_ASKED in text else None
            if kept:
                return (f"Pas de souci : je garde le {kept.group(1)}, la date la plus prudente, et la réponse "
                        "ci-dessus reste valable. Si vous retrouvez le jour exact, donnez-le-moi : je referai le calcul.")
        return None

    @staticmethod
    def _day_not_known(last_said: str, dispatcher, tracker) -> Optional[List[EventType]]:
        """"aucune idée du jour" to "Quel jour de novembre 2024 ?" asked after an answer (a month told in a
        correction): the safe day of that month for its fact, said as such (the last day for a payment: the points come
        back no sooner, R8–R10; the 1st for a 48N's receipt, R15); the correction's action then answers the question
        with it (`corrections.ActionApplyCorrection`; T22 c22 got "D'accord. Quelle est votre question ?", the story
        dropped). None when no day is awaited."""
        from actions.forms import SAFE_END_OF_MONTH, FactsValidation
        slot, _, month = (tracker.get_slot("date_awaiting_precision") or "").partition("=")
        if slot not in SAFE_END_OF_MONTH or not month or DAY_ASKED_AFTER_AN_ANSWER not in last_said:
            return None
        safe = FactsValidation._day_unknown(None, slot, dispatcher, tracker)
        if not safe:
            return None
        return [SlotSet(slot, safe), SlotSet("date_awaiting_precision", None),
                FollowupAction("action_apply_correction")]


#: the notes that took a safe day for a date told without its day, and asked for the exact one (forms, say_precision)
_EXACT_DAY_ASKED = "Donnez-moi le jour exact"
_SAFE_DAY_TAKEN = re.compile(r"(?:je compte à partir du|j'ai retenu le) (\d{1,2}(?:er)? \w+ \d{4})")

#: how the day of a month is asked ("Quel jour de novembre 2024 ?", "Quel jour d'août 2026 ?", slot_values._which_day)
DAY_ASKED_AFTER_AN_ANSWER = "Quel jour d"
#: the question a date of the month awaited answers, when the last answer does not read it
QUESTION_OF_A_DAY = {"fine_payment_date": "action_answer_auto_recovery",
                     "letter_48n_date": "action_answer_mandatory_stage",
                     "previous_stage_date": "action_answer_stage_eligibility"}


class ActionHelp(InformationalAction):
    answer = staticmethod(informational.answer_help)

    def name(self) -> Text:
        return "action_help"


def uncollected_48si_answer(tracker: Tracker) -> Optional[str]:
    """"je n'ai pas récupéré la lettre recommandée 48SI à la poste, mon permis est toujours valable ?": no, a
    registered letter presented and not collected is notified (CE 17/04/2025 n° 492072, spec §0.2): the licence is
    invalid and no stage can save it any more (R14, R18, R20). Said by the latest message only; None otherwise, or
    when the licence has been handed back (the invalidation's own answer, R20)."""
    if not any(value == "presented" for value in message_values(tracker, "letter_received")) \
            or tracker.get_slot("licence_handed_back_date"):
        return None
    letter = letter_named_in_message(tracker) or last_value(tracker, "letter_code")
    if str(letter or "").upper() != "48SI":
        return None
    facts = Facts(tracker)
    try:
        decision = rules_core.letter_meaning(letter="48SI", today=today(), presented_not_collected=True,
                                             received_on=facts.day("letter_48n_date", "earliest"))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return render(decision)


# beyond the 48SI's receipt, what the card does not use: the licence's age, the hand-back, the exams (R20)
_TELLS_BEYOND_THE_RECEIPT = re.compile(r"\bpermis (?:depuis|obtenu|eu)\b|\brend\w*|\brepass\w*|\bcode\b"
                                       r"|\bconduite\b|\bexamens?\b")


# "je peux le ravoir quand ?", "quand est-ce que je peux récupérer mon permis ?", "je repasse quand ?" (folded text)
_ASKS_LICENCE_BACK = re.compile(r"\b(?:ravoir|recuper\w*|recup|retrouver|repasser|reprendre)\b[^.?!]{0,15}"
                                r"\b(?:mon|le|son)\s+permis\b|\b(?:le|l')\s?(?:ravoir|recuperer|recup|retrouver|repasser)\b"
                                # "il le récupère quand ?", "je le récupérerai quand ?", "quand est-ce qu'il pourra en
                                # avoir un nouveau ?" (t59-c29 got the points' recovery form)
                                r"|\b(?:le|l')\s?(?:recupere\w*|retrouve\w*|recupe|ravoi\w*)\b[^.!]*\bquand\b"
                                r"|\bquand\b[^.!]*\b(?:le|l')\s?(?:recupere\w*|retrouve\w*|ravoi\w*)\b"
                                r"|\ben\s+(?:avoir|obtenir|refaire|repasser|ravoir|recuperer)\s+un\s+(?:nouveau|autre)\b"
                                r"|\bnouveau permis\b")
# "il a perdu tous ses points", "plus aucun point", "solde à 0", "permis invalidé" (folded text): the total loss whose
# hand-back starts the wait for a new licence (R20)
_TOTAL_LOSS_TOLD = re.compile(r"\b(?:perd\w*|retir\w*|enlev\w*)\s+(?:tous\s+(?:ses|mes|les|leurs|vos)\s+points"
                              r"|tout(?:es)?\s+(?:ses|mes|les)\s+points)\b|\bplus\s+(?:aucun|un seul)\s+points?\b"
                              r"|\b(?:a|solde (?:a|de)|tombe a)\s+(?:0|zero)\s*(?:points?|pts?)?\b|\binvalid\w*|\b48\s?si\b"
                              r"|\bperte totale\b")


def total_loss_told(tracker: Tracker) -> bool:
    """A message of the conversation tells the licence's total loss of points or its invalidation (R20)."""
    return any(_TOTAL_LOSS_TOLD.search(fold(event.get("text") or "")) for event in tracker.events
               if event.get("event") == "user")


def licence_back_asked_after_invalidation(tracker: Tracker) -> bool:
    """The latest message asks when the licence comes back, its hand-back told after a 48SI or a total loss: the
    invalidation's answer (R20), no points' recovery to compute."""
    handed_back = tracker.get_slot("licence_handed_back_date") or _handed_back_days(
        (tracker.latest_message or {}).get("entities") or [])
    return bool(handed_back) and latest_text_says(tracker, _ASKS_LICENCE_BACK) and (
        invalidation_notified(tracker) or conversation_letter(tracker) == "48SI" or total_loss_told(tracker))


def licence_back_after_invalidation_answer(tracker: Tracker) -> Optional[str]:
    """When the licence may be had back, asked once it was handed back after a 48SI (its day known): the invalidation's
    answer (6 months from the hand-back, 1 year if repeated within 5 years; the exams by the licence's age, R20);
    None when the question or the invalidation is not that."""
    if not tracker.get_slot("licence_handed_back_date") or not licence_back_asked_after_invalidation(tracker):
        return None
    return invalidation_answer(tracker)


def driving_without_a_valid_licence_told(tracker: Tracker) -> bool:
    """The latest message names driving while the licence is suspended or invalidated as the offence (L.224-16), and
    asks nothing of a stage."""
    return any(e.get("entity") == "offence_type" and e.get("value") in ("driving_while_suspended",
                                                                          "driving_while_invalidated")
               for e in (tracker.latest_message or {}).get("entities", [])) and \
        not latest_text_says(tracker, re.compile(r"\bstages?\b")) and \
        not latest_text_says(tracker, informational.MAY_I_DRIVE)  # ("je peux conduire pendant ?": its "Non")


def learn_letter_receipt(tracker: Tracker) -> List[EventType]:
    """The letter's receipt told without naming the letter again ("reçu le 28/11" after "48 si"): kept in its slot
    for this answer and the next ones (R15, R19, R20)."""
    told = letter_receipt_told(tracker)
    if told is None:
        return []
    tracker.slots["letter_48n_date"] = told
    return [SlotSet("letter_48n_date", told)]


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
    said = _handed_back_days((tracker.latest_message or {}).get("entities", []))
    if len(said) > 1:
        handed_back = said[-1]
    # (the two days told in an earlier message stay known: "et je dois repasser la conduite ?" after it, T5 c64)
    told = [(fold(event.get("text") or ""), _handed_back_days((event.get("parse_data") or {}).get("entities", [])))
            for event in tracker.events if event.get("event") == "user"]
    previous = next((days[-2] for _, days in reversed(told) if len(days) > 1), None)
    # "j'avais déjà eu une invalidation en 2023, j'avais rendu le permis le 3 mars 2023", told after this one's day:
    # the earlier invalidation's hand-back, not a correction of this one's (R20; T15 c05 got the wait from 2023)
    earlier = [days[-1] for text, days in told if len(days) == 1 and _EARLIER_INVALIDATION.search(text)]
    this_one = [days[-1] for text, days in told if days and not _EARLIER_INVALIDATION.search(text)]
    if earlier and this_one and earlier[-1] < this_one[-1]:
        previous, handed_back = earlier[-1], this_one[-1]
    try:
        decision = rules_core.invalidation_waiting(handed_back_on=handed_back, today=today(),
                                                   licence_date=facts.day("licence_date", "earliest"),
                                                   licence_year_only=_licence_year_only(facts),
                                                   previous_handed_back_on=previous if previous and previous < handed_back
                                                   else None,
                                                   invalidation_notified_on=_invalidated_on(facts),
                                                   code_registration_on=code_registration_told(tracker),
                                                   repeat_said=any(_REPEAT_WITHIN_5_YEARS.search(fold(event.get("text")
                                                                                                       or ""))
                                                                   for event in tracker.events
                                                                   if event.get("event") == "user"))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    # the exams depend on the licence's age (R20 example 3): asked when unknown, after the answer
    asked = [LICENCE_DATE_FOR_EXAMS_QUESTION] if "licence_date_for_exams" in decision.missing else []
    rendered = render(decision)
    exams = _exams_asked_answer(tracker, decision)
    if exams and any(rendered.splitlines()[0] in (event.get("text") or "") for event in tracker.events
                     if event.get("event") == "bot"):
        return exams  # ("donc je dois repasser la conduite aussi ?" after the answer: that, not the answer again)
    return "\n\n".join([rendered, *dict.fromkeys(facts.notes), *asked])  # (the exams' line in it)


# "je me suis pas encore inscrit au code", "pas inscrit à l'examen du code" (folded text)
_NOT_REGISTERED_FOR_THE_CODE = re.compile(r"\b(?:pas|jamais|toujours pas)\s+(?:encore\s+)?(?:ete\s+)?inscri\w*\b"
                                          r"[^.?!]{0,30}\bcode\b")
# "je dois repasser la conduite aussi ?", "il faut repasser le code ?", "quels examens je dois repasser ?" (folded)
_ASKS_THE_EXAMS = re.compile(r"\b(?:repass\w*|examens?|epreuves?)\b[^?]*\?|\b(?:conduite|code)\b[^?]*\baussi\b")


def code_registration_told(tracker: Tracker) -> Optional[date]:
    """The day of the registration for the code the engine counts (R20): "je ne suis pas encore inscrit au code" says
    none was made, so the earliest it can be is today; once the 9 months after the hand-back are over, code and
    driving test (tester T38 c30 got "si vous vous êtes inscrit…", even to "je dois repasser la conduite ?"). None when
    nothing is said of it."""
    for event in reversed(tracker.events):
        if event.get("event") == "user" and _NOT_REGISTERED_FOR_THE_CODE.search(fold(event.get("text") or "")):
            return today()
    return None


def _exams_asked_answer(tracker: Tracker, decision) -> Optional[str]:
    """"donc je dois repasser la conduite aussi ?" after a 48SI: yes or no, with the exams' line of the answer (R20).
    None when the message asks no such thing or the exams are not known."""
    exams = decision.results.get("exams")
    if exams not in ("code_only", "code_and_driving") or not latest_text_says(tracker, _ASKS_THE_EXAMS):
        return None
    line = next((render_reason(r) for r in decision.reasons if r.code.startswith("invalidation.exams_")), None)
    if line is None:
        return None
    asks_driving = latest_text_says(tracker, re.compile(r"\bconduite\b|\bpratique\b"))
    if not asks_driving:
        return line
    return f"{'Oui' if exams == 'code_and_driving' else 'Non'} : {line[:1].lower()}{line[1:]}"


# "j'avais déjà eu une invalidation", "ma première invalidation", "la fois d'avant", "une autre invalidation en 2023"
# (folded text): a message about an earlier total loss than the one answered
_EARLIER_INVALIDATION = re.compile(
    r"\bdeja (?:eu |ete |subi |connu )?(?:une |un )?(?:invalid\w*|perte totale|retrait de permis)"
    r"|\b(?:premiere|precedente|derniere|autre|ancienne) (?:invalidation|perte totale)"
    r"|\b(?:invalidation|perte totale) (?:precedente|d'avant|d'?\s?avant)\b|\bla (?:premiere|derniere) fois\b"
    r"|\bla fois (?:d'?\s?avant|precedente)\b|\baussi (?:eu )?(?:une )?invalid\w*")


def this_hand_back_kept(tracker: Tracker) -> List[EventType]:
    """"j'avais déjà eu une invalidation, j'avais rendu le permis le 3 mars 2023" after this licence's hand-back day:
    the day told is the earlier loss's (invalidation_answer reads it so), and the slot of the hand-back, which the
    message filled with it, is set back to this licence's day as told before (R20; T15 c05, h30's leftover)."""
    message = tracker.latest_message or {}
    latest = _handed_back_days(message.get("entities") or [])
    if len(latest) > 1:
        # "il l'a rendu le 14 novembre, c'était déjà arrivé (permis rendu en mars 2023)": the slot took the message's
        # last day; this licence's is the latest one, the earlier one only decides the 1-year wait (R20; t59-c29)
        current = max((e.get("value") for e in message.get("entities") or []
                       if e.get("entity") == "date" and e.get("role") == "handed_back" and _partial_day(e.get("value"))),
                      key=_partial_day)
        if tracker.get_slot("licence_handed_back_date") == current:
            return []
        tracker.slots["licence_handed_back_date"] = current
        return [SlotSet("licence_handed_back_date", current)]
    if len(latest) != 1 or not _EARLIER_INVALIDATION.search(fold(message.get("text") or "")):
        return []
    users = [event for event in tracker.events if event.get("event") == "user"][:-1]
    # (of a message that told both, "rendu le 15 juin 2026, la 1ère fois en mars 2022", this one is the latest day:
    # T32 c10 got the earlier one back in the slot)
    told = [max((e.get("value") for e in (event.get("parse_data") or {}).get("entities") or []
                 if e.get("entity") == "date" and e.get("role") == "handed_back" and _partial_day(e.get("value"))),
                key=_partial_day, default=None)
            for event in users if not _EARLIER_INVALIDATION.search(fold(event.get("text") or ""))]
    told = [value for value in told if value is not None]
    if not told or (_partial_day(told[-1]) or latest[0]) <= latest[0] or \
            tracker.get_slot("licence_handed_back_date") == told[-1]:
        return []
    tracker.slots["licence_handed_back_date"] = told[-1]
    return [SlotSet("licence_handed_back_date", told[-1])]


def _handed_back_days(entities: List[dict]) -> List[date]:
    """The days a message tells a licence was handed back, in order."""
    return sorted({day for day in (_partial_day(e.get("value")) for e in entities
                                   if e.get("entity") == "date" and e.get("role") == "handed_back") if day is not None})


# "invalidé pour la 2e fois en 3 ans", "deuxième invalidation en moins de 5 ans": the previous total loss within the
# 5 years of R20, its day not told (T6 r095)
_REPEAT_WITHIN_5_YEARS = re.compile(
    r"\b(?:2e|2eme|deuxieme|seconde?|2nde?) (?:fois|invalidation|perte)\b.*\b(?:en|depuis|dans les|sur) (?:moins de )?"
    r"(?:[1-5]|un|deux|trois|quatre|cinq) ans\b|\b(?:2e|2eme|deuxieme|seconde?|2nde?) (?:fois|invalidation|perte)\b.*"
    r"\bmoins de (?:5|cinq) ans\b|\bdeux (?:fois|invalidations) en (?:[1-5]|un|deux|trois|quatre|cinq) ans\b")


#: asked after a 48SI when the day the licence was handed back is not known: the 6 months run from it (R20)
HANDED_BACK_QUESTION = ("À quelle date avez-vous rendu votre permis à la préfecture ? (par exemple : 8 avril 2026, ou "
                        "« pas encore »)")
#: asked after "pas encore" to that question
HAND_BACK_PLANNED_QUESTION = "Quel jour allez-vous le rendre ? Je vous donnerai la date à partir de laquelle vous pourrez " \
                             "obtenir un nouveau permis."
#: asked after the invalidation's answer when the licence's date is not known: the exams depend on it (R20)
LICENCE_DATE_FOR_EXAMS_QUESTION = ("Depuis quand aviez-vous votre permis ? Les examens à repasser en dépendent (par "
                                   "exemple : 12/03/2021, ou « en 2015 »).")


def _invalidated_on(facts: "Facts") -> Optional[date]:
    """The day the licence lost its validity: the 48SI's receipt, else the invalidation's day told ("invalidé le 1er
    mai 2026"; for a month, its first day, the licence then the youngest, R20 example 3); None when neither is."""
    if conversation_letter(facts.tracker) == "48SI" and facts.slot("letter_48n_date"):
        return facts.day("letter_48n_date", "earliest")
    said = invalidation_told(facts.tracker)
    return None if said is None else min(said.earliest(), today())


def invalidation_told_without_hand_back(tracker: Tracker) -> bool:
    """The user's licence is invalidated (48SI received, "mon permis a été invalidé le 1er mai"), not an earlier
    licence's invalidation before a new one (R5 example 4), and the day it was handed back is not known."""
    if tracker.get_slot("licence_handed_back_date") or new_licence_after_invalidation(tracker):
        return False
    if invalidation_notified(tracker):
        return True
    invalidated = invalidation_told(tracker)
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    return invalidated is not None and (licence is None or licence.earliest() <= invalidated.latest())


def _waiting_without_hand_back(facts: "Facts"):
    """R20 before the day the licence was handed back is known: the exams from the licence's date, the wait said
    from the hand-back."""
    return rules_core.invalidation_waiting(today=today(), licence_date=facts.day("licence_date", "earliest"),
                                           licence_year_only=_licence_year_only(facts),
                                           invalidation_notified_on=_invalidated_on(facts))


def _licence_year_only(facts: "Facts") -> bool:
    """The licence's date was told by its year alone ("permis depuis 2012": not "obtenu le 1er janvier 2012")."""
    return getattr(partial_date_or_none(facts.slot("licence_date")), "precision", "") == "year"


def hand_back_not_yet_answer(tracker: Tracker) -> Optional[str]:
    """"pas encore" to the question of the day the licence was handed back: by when to hand it back, and that the
    wait runs from that day (R19, R20)."""
    facts = Facts(tracker)
    try:
        decision = _waiting_without_hand_back(facts)
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    lines = [render_reason(r) for r in decision.reasons
             if r.code in ("invalidation.hand_back_by", "invalidation.wait_from_hand_back")]
    return " ".join(lines) + "\n\n" + HAND_BACK_PLANNED_QUESTION


def invalidation_pending_hand_back_answer(tracker: Tracker, ask: bool = True) -> Optional[str]:
    """After a 48SI, before the day the licence was handed back is known: the exams from the licence's date, the
    10 days to hand it back, the new licence (probationary, 6 points), and the question of that day, whose answer
    gives the date of the new licence (R20). None when the licence is not said invalidated."""
    if not invalidation_told_without_hand_back(tracker):
        return None
    facts = Facts(tracker)
    try:
        decision = _waiting_without_hand_back(facts)
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    return "\n\n".join([render(decision), *dict.fromkeys(facts.notes), *([HANDED_BACK_QUESTION] if ask else [])])


# "je l'ai pas encore rendu", "pas encore rendu à la préfecture", "je vais le rendre": the licence still to hand back
_NOT_HANDED_BACK_YET = re.compile(r"\bpas (?:encore )?(?:ete )?rendue?\b|\bje (?:le |l'?\s?)?(?:rends|rendrai|vais le rendre)\b")


# the card's line of the exams to take again (R20): "le code suffit …", "code et conduite", "il faut repasser le code"
_EXAMS_LINE = re.compile(r"\ble code suffit\b|\bcode et conduite\b|\bil faut repasser\b")


def _pending_hand_back_once(tracker: Tracker, exams: bool = False) -> Optional[str]:
    """invalidation_pending_hand_back_answer, said once: asked again ("je l'ai reçu le 28 novembre je vous dis. jai
    jusqu'a quand pour le rendre ? et je dois repasser la conduite ?"), its result and its dated lines only (the day to
    hand it back by, the exams from the licence's date), not its general paragraphs a second time; and the day it
    was handed back is not asked of a user who said it is not yet (R20; tester T25 c30 got the 6 paragraphs again,
    then "À quelle date avez-vous rendu votre permis ? (… ou « pas encore »)" after "je l'ai pas encore rendu").
    With `exams` (the licence asked again), the line of the exams is kept too (T36 t32c27)."""
    card = invalidation_pending_hand_back_answer(tracker, ask=False)
    if card is None:
        return None
    if informational.card_given(tracker, card):
        first_line, *lines = card.splitlines()
        card = "\n".join([first_line, *(line for line in lines if line.startswith("- ") and (
            dates_something(line) or exams and _EXAMS_LINE.search(line)))])
    not_yet = any(event.get("event") == "user" and _NOT_HANDED_BACK_YET.search(fold(event.get("text") or ""))
                  for event in tracker.events)
    return card + "\n\n" + (HAND_BACK_PLANNED_QUESTION if not_yet else HANDED_BACK_QUESTION)


# "il peut repasser le permis quand ?", "je pourrai le repasser à partir de quand ?", "on repasse le code quand ?" (folded
# text): when the licence may be had again, or its exams taken, after an invalidation (R20)
_ASKS_LICENCE_AGAIN = re.compile(_ASKS_LICENCE_BACK.pattern + r"|\brepass\w*\s+(?:le |l'\s?|son |mon |les |ses |mes )?"
                                 r"(?:code|examens?|conduite|epreuves?)\b|\b(?:re)?conduire (?:a nouveau|de nouveau)\b"
                                 # "je repasse tout ? quand ?", "il faut tout repasser ?" (T55 c18)
                                 r"|\brepass\w*\s+tout\b|\btout\s+repass\w*")


def licence_again_after_invalidation(tracker: Tracker) -> bool:
    """"et du coup ? je repasse tout ? quand ?" once the 48SI is notified: the way back to a licence (the wait, the
    exams by the licence's age, the medical check; R20), whatever answer came before (tester T55 c18 got a request to
    rephrase after the answer that no stage gives points after a 48SI)."""
    return latest_text_says(tracker, _ASKS_LICENCE_AGAIN) and invalidation_notified(tracker)


def licence_back_before_hand_back(tracker: Tracker) -> Optional[str]:
    """When the licence may be had again, asked after a 48SI received while the day it was handed back is not known
    (the latest message may say it is not yet): the wait of 6 months (1 year if repeated within 5 years) from that
    day, to hand it back now, the exams by the licence's age, then the day it is (to be) handed back asked (R20).
    None when the question or the invalidation is not that."""
    if not latest_text_says(tracker, _ASKS_LICENCE_AGAIN) or not invalidation_notified(tracker):
        return None
    return _pending_hand_back_once(tracker, exams=True)


#: the licence obtained again, done: "j'ai repassé mon permis", "je l'ai repassé", "nouveau permis obtenu" (not "je
#: pourrai repasser quand ?", asked after a 48SI)
_LICENCE_AGAIN = re.compile(r"\b(?:j'?\s?ai|a|avons|avez|l'?\s?ai|l'?\s?a)\s+(?:re-?passe|reobtenu|re-?eu)\b"
                            r"|\bnouveau permis\b|\bpermis\s+(?:re-?passe|reobtenu)\b")


def retraits_of_this_licence(tracker: Tracker) -> list:
    """The retraits told (told_retraits), without those of an earlier licence: paid before a new licence obtained after
    an invalidation, whose points are gone with it (R10 example 3, R5 example 4). "stop payé en 2016, invalidé en 2019,
    nouveau permis le 15 septembre 2020, zéro infraction depuis. j'ai 12 ?" is the new licence's balance (T51 c29 got
    the old licence's invalidation paragraph, twice)."""
    retraits = told_retraits(tracker)
    if not retraits or not new_licence_after_invalidation(tracker):
        return retraits
    licence = partial_date_or_none(tracker.get_slot("licence_date"))
    return [r for r in retraits if r.realite >= licence.earliest()]


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


def ceiling_with(licence: date, aac: bool, day: date, commission: Optional[date], relicensed: bool = False) -> int:
    """The ceiling on `day` of a licence whose first offence was committed on `commission` (None: none) (R5, R7)."""
    offences = () if commission is None else (rules_core.Offence(commission=commission, points=1, offence_class="c4"),)
    plan = probation_plan(licence_date=licence, aac=aac, offences=offences, relicensed=relicensed)
    return plan.ceiling_on(day) if plan is not None else rules_core.load_params().at(day).value("capital.max")


def _partial_day(value: Any) -> Optional[date]:
    partial = partial_date_or_none(value)
    return partial.latest() if partial else None


def _retrait_told(facts: Facts, today_: date) -> Optional[int]:
    """The points of the retrait the user told: said ("je vais perdre 4 points"), or its offence's (R4)."""
    retrait = retrait_told(facts.tracker, today_)
    told = facts.tracker.get_slot("last_offence_points")
    if isinstance(told, (int, float)) and not isinstance(told, bool) and retrait and retrait < told:
        # (the scale's points counted instead of a count told that cannot be, `retrait_told`: said; T61 c11)
        speeds = next((dict(r.speeds) for r in reversed(told_retraits(facts.tracker)) if r.points == told), {})
        note = speeding_count_corrected_note(int(told), retrait, speeds.get("excess_kmh"))
        if note not in facts.notes:
            facts.notes.append(note)
    return retrait


# "3 points sur 8", "j'ai 4/8", "mon plafond est de 8 points": the probationary ceiling the user states (R5: 6, 8, 10 or,
# with AAC, 9; not "sur 12", the maximum of every licence, R1), folded text
_CEILING_TOLD = re.compile(r"\b\d{1,2}\s*(?:points?|pts?)?\s*(?:sur|/)\s*(6|8|9|10)\b"
                           r"(?!\s*(?:km|ans?\b|mois|jours?|€|euros?|g\b)|\s*[/.\-]\s*\d)"
                           r"|\bplafond\s+(?:est\s+)?(?:de\s+|a\s+|:\s*)?(6|8|9|10)\b")


def ceiling_told(tracker: Tracker) -> Optional[int]:
    """The probationary ceiling the user last stated ("j'avais 3 points sur 8"): a fact the ceiling's count uses when
    the licence's facts allow it (R5, R7, R12); None when never stated."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            said = fold(event.get("text") or "")
            found = next((m for m in _CEILING_TOLD.finditer(said) if not _cap_of_the_rule_asked(said, m)), None)
            if found:
                return int(found.group(1) or found.group(2))
    return None


# "le plafond de 8 points c'est quel article ?", "c'est bien plafonné à 8 ?": the cap of one check's retraits (R3)
# asked about, the rule's, not the licence's ceiling the user states ("mon plafond est de 8")
_THE_RULES_CEILING = re.compile(r"\b(?:le|du|au|ce)\s+plafond\s*$")


def _cap_of_the_rule_asked(said: str, found: "re.Match[str]") -> bool:
    """The ceiling named by the article of a rule ("le plafond de 8") in a sentence that asks a question."""
    if found.group(2) is None:
        return False
    start = max(said.rfind(mark, 0, found.start()) for mark in ".!?") + 1
    end = min([i for i in (said.find(mark, found.end()) for mark in ".!?") if i >= 0] or [len(said)])
    return _THE_RULES_CEILING.search(said[start:found.start()] + "plafond") is not None and \
        "?" in said[found.end():end + 1]


# R5: the AAC not told, when it changes the probationary ceiling counted
AAC_NOT_TOLD = ("J'ai compté un permis probatoire sans conduite accompagnée, avec un plafond de {ceiling} points ; après "
                "une conduite accompagnée (AAC), chaque année sans infraction rapporte 3 points au lieu de 2 et le "
                "plafond serait de {with_aac} points (article L.223-1 du Code de la route). Si vous avez appris à "
                "conduire en conduite accompagnée, dites-le-moi : je refais le calcul.")

BALANCE_BEFORE_IS_THE_CEILING = ("Sans autre retrait depuis l'obtention du permis, le solde avant cette infraction est le "
                                 "plafond du permis probatoire ce jour-là : {balance} points.")


def expected_letter_decision(facts: Facts, today_: date):
    """"j'ai 12 points, je viens d'en perdre 3, quelle lettre je vais recevoir ? je dois faire un stage ?": the letter
    the retrait brings, the balance after it and whether a stage is compulsory (R19 example 1, R15). None when
    that is not asked or the balance or the retrait is not known."""
    if which_letter_asked(facts.tracker) and len(told_retraits(facts.tracker)) > 1:
        several = letters_of_the_retraits_told(facts, today_)
        if several is not None:
            return several
    retrait = _retrait_told(facts, today_)
    if not which_letter_asked(facts.tracker) or not retrait or balance_echoed_from_an_answer(facts.tracker):
        return None  # (a balance said back from an answer is after the retrait: not withdrawn again, T33 c11)
    balance = facts.number("current_balance")
    if balance is None:
        # a young licence, no balance told: its probationary ceiling on the offence's day, with no other retrait (R5)
        said = len(facts.notes)
        balance = facts.ceiling_on(commission_day(facts.tracker.slots))
        if balance is None:
            return None
        # (before what the ceiling's notes say of it: the AAC not told, the offence's day)
        facts.notes.insert(said, BALANCE_BEFORE_IS_THE_CEILING.format(balance=balance))
    # one offence told (its points, or its scale's): it is the heaviest, the 48N's trigger (R15)
    single = facts.tracker.get_slot("offence_type") and own_offences_points(facts.tracker) is None
    probationary = bool(probation_on(facts, commission_day(facts.tracker.slots))[0])
    decision = rules_core.expected_letter(balance_before=balance, points_withdrawn=retrait,
                                          today=today_, probationary=probationary,
                                          largest_offence_points=retrait if single else None,
                                          established_on=retrait_established_on(facts, today_),
                                          ceiling=probation_ceiling_on(facts, probationary, today_),
                                          not_established=fine_not_paid(facts.tracker))
    confirmed = balance_asked_back_answer(facts.tracker, decision.results.get("balance_after"),
                                          done=decision.facts.get("established_on") is not None)
    if confirmed:
        facts.leads.append(confirmed)
    return decision


def letters_of_the_retraits_told(facts: Facts, today_: date):
    """"feu rouge le 10 octobre et téléphone le 25 octobre, payés le 2 novembre", the balance answered, then "quelle
    lettre je vais recevoir ?": a lettre 48 for each retrait, and the letter the balance they leave brings (a 48M at
    6 points or below, R19; a 48N in probation after one of 3 points or more, R15; the 48SI at 0, R20), from the
    balance computed from them (T34 c13 got "Quelle lettre avez-vous reçue ?"). None when it cannot be computed."""
    retraits = told_retraits(facts.tracker)
    offences = [_offence_of(r, facts, today_) for r in retraits]
    if None in offences:
        return None
    notes = list(facts.notes)
    try:
        history = history_decision(facts, today_, assume_full_before=True)
    except rules_core.InconsistentFacts:
        history = None
    facts.notes[:] = notes  # (the computation's notes are the balance answer's, said before)
    balance = history.results.get("balance") if history is not None and history.question == "recovery" else None
    total = sum(o["points"] for o in offences)
    maximum = rules_core.load_params().at(today_).value("capital.max")
    if not isinstance(balance, int) or not 0 < balance + total <= maximum:
        return None
    facts.leads.append(f"Chacun de vos {len(offences)} retraits vous est notifié par une lettre 48, simple "
                       "information (article R.223-3 du Code de la route).")
    commission = min(o["commission"] for o in offences)
    return rules_core.expected_letter(balance_before=balance + total, points_withdrawn=total, today=today_,
                                      probationary=bool(probation_on(facts, commission)[0]),
                                      largest_offence_points=max(o["points"] for o in offences),
                                      established_on=max((o["realite"] for o in offences if o["realite"]),
                                                         default=None))


def balance_asked_back_answer(tracker: Tracker, balance_after: Optional[int], done: bool = False) -> Optional[str]:
    """"Oui." or "Non." to the balance the user asked back ("donc il me reste 6 points ?"), from the balance after the
    retrait told, which the answer then computes (R1, R2; T13 c11); None when no balance is asked back. ``done``: the
    offence is established (the fine paid, R2), the retrait made: the answer's first line says that balance,
    today's ("votre solde est passé de … à …"), not said twice."""
    asked = balances_asked_back(tracker)
    if not asked or not isinstance(balance_after, int):
        return None
    shown = max(balance_after, 0)
    if done:
        # (the answer's first line says the balance the retrait left, in the past: not said twice)
        return "Oui." if asked[-1] == shown else f"Non, pas {_points_fr(asked[-1])}."
    if asked[-1] == shown:
        return f"Oui : il vous restera {_points_fr(shown)}."
    return f"Non : il vous restera {_points_fr(shown)}, pas {asked[-1]}."


def probation_ceiling_on(facts: Facts, probationary: bool, day: date) -> Optional[int]:
    """The licence's probationary ceiling on `day`: the one a stage done today tops up to (R12), for `expected_letter`
    to say whether a stage before the retrait decision saves a licence the retrait takes to 0 (R18); the one of an
    offence's day, for its answer's warnings (R5, R7). None out of probation (the maximum) or when not known; the notes
    its computation writes are the answer's own, not repeated here."""
    if not probationary or day is None:
        return None
    notes = list(facts.notes)
    try:
        return facts.ceiling_on(day)
    finally:
        facts.notes[:] = notes


def _payment_days_of_the_retraits_told(tracker: Tracker) -> List[date]:
    """The days of payment of the retraits told, oldest first, when each was told paid on a day not after today
    ([] otherwise: a retrait not paid, or not dated to the day)."""
    from actions.offence_history import told_retraits
    days = []
    for retrait in told_retraits(tracker):
        day = partial_date_or_none(retrait.said_date)
        if not retrait.paid_said or not retrait.established or day is None or day.precision != "day" or \
                day.earliest() > today():
            return []
        days.append(day.earliest())
    return sorted(set(days))


def retrait_established_on(facts: Facts, today_: date) -> Optional[date]:
    """The day the user's offence was established by the payment of its fine (R2), told to the day and not after
    today: its retrait is done, and the balance it left is today's, said in the present. None when the payment is not
    told to the day, not made, or to come (R2 example 4: nothing withdrawn yet)."""
    paid = partial_date_or_none(facts.slot("fine_payment_date"))
    if paid is None or paid.precision != "day" or paid.earliest() > today_:
        return None
    return paid.earliest()


def balance_before_pending_loss(tracker: Tracker) -> Optional[int]:
    """The balance before the user's retrait when that retrait brings it to 0 or below (R18, R19 example 4, R20):
    told, or the probationary ceiling of the day for a young licence with no other retrait. None otherwise."""
    _, balance, retrait, _ = pending_loss_facts(tracker)
    return int(balance) if balance and retrait and int(balance) - retrait <= 0 else None


# "plafonné à 6", "un plafond de 6", "limité à 6", "maximum 6", "au plus 6": a number the rule is asked about
_RULE_NUMBER_BEFORE = re.compile(r"(?:plafonn\w*|plafond|limit\w*|max\w*|au plus|pas plus de)\s*(?:[àa]|de|d')?\s*$")


def _number_of_a_rule_asked(tracker: Tracker, value: Any) -> bool:
    """Whether the role-less number of points `value` of the latest message follows words of a rule's limit."""
    message = tracker.latest_message or {}
    text = (message.get("text") or "").lower()
    return any(e.get("entity") == "points" and not e.get("role") and e.get("value") == value
               and _RULE_NUMBER_BEFORE.search(text[max(0, (e.get("start") or 0) - 30):e.get("start") or 0])
               for e in message.get("entities", []))


def pending_loss_facts(tracker: Tracker) -> tuple:
    """(facts, balance before the retrait, the retrait's points, the caveat on where that balance comes from)."""
    facts = Facts(tracker)
    balance = facts.number("current_balance")
    if balance is not None and balance <= 0 and (_balance_said_with_retraits(tracker) or 0) > 0:
        # "j'avais 4 points et j'ai pris 6", then "Mes Points Permis affiche 0": the 0 is the balance after that
        # retrait; the one before it is the balance the loss is computed from (R18; tester T7 c24)
        balance = _balance_said_with_retraits(tracker)
    if balance is None:  # "probatoire, 2 points, arrêté au téléphone": a number of points without a role
        # (not a count thrown back at the answer: "pourquoi 6 points ?? il était à 0,3", the retrait's 6 questioned,
        # was read as a balance of 6, "solde 0, lettre 48SI"; tester T32 c07)
        message = tracker.latest_message or {}
        balance = next((e.get("value") for e in message.get("entities", [])
                        if e.get("entity") == "points" and not e.get("role")
                        and not echoed_count(message.get("text") or "", e)), None)
        if balance is not None and _number_of_a_rule_asked(tracker, balance):
            # "c'est pas plafonné à 6 points par contrôle ?": a number in a question about the rule (R3), not the
            # balance (tester T24 c03 got "Son solde calculé est de -2 … 48SI")
            balance = None
        if balance is not None and int(balance) in _points_of_offences_named(tracker):
            # "les gants à moto, 1 point": the offence's own points, not the balance (tester T3 c40: a 48SI was
            # announced for a driver at 8 points)
            balance = None
    retrait = _retrait_told(facts, today())
    caveat = FNPC_CAVEAT
    if balance is None and retrait and facts.licence_date is not None and licence_may_be_probationary(tracker):
        # "ma fille a eu son permis en avril, contrôlée à 0,3 g, elle va perdre son permis ?": without another
        # retrait, the balance before this one is the probationary ceiling of the day (R5)
        balance = facts.ceiling_on(commission_day(tracker.slots))
        caveat = ESTIMATE_CAVEAT
        if balance is not None:
            facts.notes.append(BALANCE_BEFORE_IS_THE_CEILING.format(balance=balance))
    return facts, balance, retrait, caveat


# "et si j'attends la lettre 48SI ?", "je peux attendre la 48SI pour faire le stage ?"
_WAITS_FOR_48SI = re.compile(r"\b(?:attend\w*|patient\w*)\b.*\b48 ?si\b|\b(?:apres|une fois|quand j'?\s?aurai recu) (?:la |ma )?"
                             r"(?:lettre )?48 ?si\b|\b48 ?si\b.*\b(?:attend\w*|d'abord)\b")


def waiting_for_48si_answer(tracker: Tracker) -> Optional[str]:
    """"et si j'attends la lettre 48SI ?" with a retrait that brings the balance to 0 or below: too late then, the
    48SI notified invalidates the licence and no stage saves it; a stage ended before saves it (R14 ex. 1, R18;
    T3 c30). None when the message is not that question or no such loss is known."""
    if not latest_text_says(tracker, _WAITS_FOR_48SI) or invalidation_notified(tracker):
        return None  # (a 48SI already notified: the invalidation answers)
    facts, balance, retrait, _ = pending_loss_facts(tracker)
    if balance is None or not retrait or balance - retrait > 0:
        return None
    saved = rules_core.stage_points(balance=balance - retrait, first_day=today(), last_day=today() + timedelta(days=1),
                                    today=today(), ceiling=facts.ceiling_on(today()),
                                    previous_points_stage_first_day=facts.previous_stage)
    after = saved.results.get("balance_after")
    rescue = (f"Un stage terminé avant cette notification, lui, sauve le permis : votre solde calculé de "
              f"{balance - retrait} passerait à {after} points (article L.223-6 du Code de la route ; Conseil d'État, "
              f"29 septembre 2023, n° 461479)." if saved.outcome == "credited" and after and after > 0 else
              "Seul un stage terminé avant cette notification pourrait sauver le permis (article L.223-6 du Code de la "
              "route).")
    return ("Non, n'attendez pas la lettre 48SI : dès qu'elle vous est notifiée (ou présentée en recommandé sans être "
            "retirée), votre permis perd sa validité et un stage ne peut plus le sauver ni vous rendre de points "
            f"(article L.223-1 du Code de la route).\n- {rescue}")


def _points_of_offences_named(tracker: Tracker) -> set:
    """The points each offence named in the latest message costs by the barème (R4), those that need no speed."""
    found = set()
    for offence in {e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                    if e.get("entity") == "offence_type"}:
        try:
            found.add(rules_core.offence_points(offence=offence, commission=today(), today=today()).results["points"])
        except (rules_core.InconsistentFacts, KeyError, ValueError):
            continue
    return found


# "mon solde est à 0 sur Mes Points Permis", "Mes Points Permis affiche 0", "le site marque zéro point", "sur
# télépoints j'ai 0": the balance the national file shows (folded text; the count in group 1, 2 or 3)
_FILE = r"(?:mes points permis|tele\s?points|le fichier|le fnpc|le site|l'appli\w*|l'application)"
_RECORDED_BALANCE = re.compile(
    r"\b(?:affiche\w*|indique\w*|marque\w*|montre\w*|dit)\s+(?:que\s+|qu'\s?)?(?:j'ai\s+|je suis a\s+)?(\d{1,2}|zero)\b"
    r"(?!\s*(?:[/.,]\s?\d|€|euros?|km))"
    r"|\b(\d{1,2}|zero)\s*(?:points?|pts?)?\s+(?:sur|dans|d'apres|selon|a)\s+" + _FILE +
    r"|\b(?:sur|dans|d'apres|selon)\s+" + _FILE + r"\W+(?:\w+\s+){0,3}?(?:j'ai|je suis a|c'est|il y a|ca fait"
    # (someone else's: "d'après Mes Points Permis il est à 0", T32 c29)
    r"|(?:il|elle) (?:est|etait) a|(?:il|elle) a)\s+(\d{1,2}|zero)\b")


def recorded_balance_said(tracker: Tracker) -> Optional[int]:
    """The balance the user last said the national file shows ("Mes Points Permis affiche 0"): the recorded balance,
    which an answer reads as such (R18, R19: the file is the official balance, a few weeks late at most); None when
    never said."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        m = _RECORDED_BALANCE.search(fold(event.get("text") or ""))
        if m:
            said = next(group for group in m.groups() if group)
            return 0 if said == "zero" else int(said)
    return None


def supposed_48si_answer(tracker: Tracker) -> Optional[str]:
    """"et si la 48SI arrive le 4 décembre, avant le stage ?" after an answer: a 48SI supposed on a day to come is a
    hypothesis, not a receipt in the future; the pending loss is computed with it (R18 with CE 17/04/2025 n° 492072:
    notified that day, a stage ending on or after it saves nothing), whatever the NLU read the message as (tester
    T20 c13 got "la réception de la lettre ne peut pas être dans le futur", twice). None without such a day, without
    an answer before it, or without a loss that brings the balance to 0 or below."""
    if invalidation_supposed_on(tracker) is None or not tracker.get_slot("last_question"):
        return None
    return pending_loss_answer(tracker)


# "donc il lui reste 2 points non ?", "alors il me reste 8 points c'est ça ?": what the retrait leaves, a figure asked
# back (the figure itself is no balance told: the parser leaves it)
_ASKS_WHAT_IS_LEFT = re.compile(r"\b(?:donc|alors|du coup)\b[^.;!?]*\b(?:il|elle|me|m'en|lui|vous|te|leur|en)\s+rest\w*"
                                r"\s+(?:\w+\s+)?\d{1,2}\b[^?]*\?")


def _what_the_48n_stage_gives(facts: "Facts", left: int) -> str:
    """What the 48N's stage adds to the balance the retrait leaves (R12: 4 points at most, under the ceiling, which an
    offence in probation freezes, R7; R13: not within a year of another stage), as " (ici 4 : 2 + 4 = 6 points)";
    "" when it cannot be computed (no ceiling known, a stage that gives none)."""
    ceiling = facts.ceiling_on(today()) if facts.licence_date is not None else None
    first = today() + timedelta(days=1)
    try:
        stage = rules_core.stage_points(balance=left, first_day=first, last_day=first + timedelta(days=1), today=today(),
                                        ceiling=ceiling, previous_points_stage_first_day=facts.previous_stage)
    except rules_core.InconsistentFacts:
        return ""
    gain, after = stage.results.get("points_credited"), stage.results.get("balance_after")
    if ceiling is None or stage.outcome != "credited" or not gain or after is None:
        return ""
    capped = ", votre plafond" if after == ceiling else ""
    return f" (ici {gain} : {left} + {gain} = {_points_fr(after)}{capped})"


def _points_left_after_the_retrait(facts: "Facts", balance: int, retrait: int, caveat: Optional[str],
                                   lead: str = "Non : d") -> str:
    """Not invalidated: the balance the retrait leaves, above 0 (R1, R20), and the 48N a retrait of 3 points or more
    brings when the offence was committed in probation (R15)."""
    left = balance - retrait
    lines = [f"{lead}'après ce que vous m'avez dit, il vous reste {left} point{'s' if left > 1 else ''} ({balance} − "
             f"{retrait}), et votre permis reste valable ; il n'est invalidé qu'à 0 point, quand la lettre 48SI vous est "
             "notifiée (article L.223-1 du Code de la route)."]
    paid = partial_date_or_none(facts.slot("fine_payment_date"))
    if (paid is None or paid.earliest() > today()) and date_told(facts.tracker, "retrait_decision") is None and \
            not any(told.lost_said or told.paid_said for told in told_retraits(facts.tracker)):
        # the fine not paid yet (nor a conviction told, nor the points said lost): nothing is withdrawn before the
        # offence is established (R2; T31 b18 never heard it)
        lines.append(f"- Ces {_points_fr(retrait)} ne seront retirés de votre permis qu'une fois l'infraction établie "
                     f"(amende payée ou condamnation devenue définitive) : c'est ce jour-là que votre solde passera à "
                     f"{_points_fr(left)} (article L.223-1 du Code de la route).")
    probationary, _ = probation_on(facts, commission_day(facts.tracker.slots))
    view = rules_core.load_params().at(today())
    minimum_48n = view.value("letter_48n.min_points")
    if probationary and retrait >= minimum_48n:
        lines.append(f"- Après un retrait de {minimum_48n} points ou plus en période probatoire vient une lettre 48N : "
                     f"un stage obligatoire à suivre dans les {format_duration_fr(view.value('letter_48n.deadline'))} "
                     f"qui suivent sa réception, qui rend des points{_what_the_48n_stage_gives(facts, left)} et fait "
                     "rembourser l'amende (article R.223-4 du Code de la route).")
    return "\n".join([*lines, *dict.fromkeys(facts.notes), *([caveat] if caveat else [])])


def pending_loss_answer(tracker: Tracker, leaving_points: bool = False) -> Optional[str]:
    """"il me reste 2 points, je vais perdre 4 points pour un stop, un stage peut me sauver ?": the balance
    after the retrait and whether a stage completed before the 48SI saves the licence (R18, R20). None when
    the balance or the retrait is not known, or the retrait leaves points (unless the message asks whether the
    licence is lost, or `leaving_points`: a fact corrected after such an answer, whose outcome it may change)."""
    facts, balance, retrait, caveat = pending_loss_facts(tracker)
    asks_what_is_left = latest_text_says(tracker, _ASKS_WHAT_IS_LEFT)
    if balance and retrait and int(balance) - retrait > 0 and (leaving_points or asks_what_is_left or
            latest_text_says(tracker, _SPEAKS_OF_ZERO) or latest_text_says(tracker, _LOSES_THE_LICENCE)):
        # "combien de points il a maintenant, et est-ce que son permis est annulé ?" when the facts leave points: no,
        # and how many (R1, R20; T24 c06 got the card of 0 points for a probationary 9 - 6 = 3); so is "il va perdre
        # son permis ?" (T27 c18: the card of 0 points for a probationary 8 - 6 = 2), and "il avait 8 points […]
        # donc il lui reste 2 points non ?" (T29 c18): what the retrait leaves, without a "Non" to the figure asked
        losing = latest_text_says(tracker, _SPEAKS_OF_ZERO) or latest_text_says(tracker, _LOSES_THE_LICENCE)
        return _points_left_after_the_retrait(facts, int(balance), retrait, caveat,
                                              lead="Non : d" if losing or not asks_what_is_left else "D")
    if not balance or not retrait or int(balance) - retrait > 0:
        return None
    notified = facts.day("letter_48n_date", "earliest") if invalidation_notified(tracker) else None
    if invalidation_notified(tracker) and notified is None:
        return None  # a 48SI received, its day unknown: whether a stage came before it cannot be said (R18)
    # the stage of the question, else the last one told in a message ("j'ai fait un stage les 20 et 21 avril"):
    # done, it may have saved the licence (R18 example 2)
    stage = facts.day("stage_first_day", "earliest") or _last_stage_said(tracker)
    decided = date_told(tracker, "retrait_decision")
    if decided is not None and stage is not None and decided.precision != "day" and \
            decided.earliest() <= stage <= decided.latest():
        decided = None  # "retiré en avril", a stage on 20 April: which came first is not known from it (R18)
    # the ceiling a stage before the decision is capped at: a probationary one (T10 c07: 6, so such a stage is wasted)
    ceiling = facts.ceiling_on(stage or today()) if facts.licence_date is not None else None
    try:
        decision = rules_core.pending_loss(
            balance_before=int(balance), retrait_points=retrait, today=today(),
            ceiling=ceiling if ceiling is not None and int(balance) <= ceiling else None,
            paid_on=facts.day("fine_payment_date", "latest"), stage_first_day=stage,
            # "sur Mes Points Permis, le retrait a été enregistré le 15 novembre" (tester T1 c49)
            retrait_decided_on=decided.latest() if decided else None,
            previous_points_stage_first_day=facts.previous_stage if facts.previous_stage != stage else None,
            invalidation_notified_on=notified, no_invalidation_notified=letter_48si_not_received_said(tracker),
            # "Mes Points Permis affiche 0"; "le piéton c'est en octobre, après le stage de juin" (tester T8 c24)
            recorded_balance=recorded_balance_said(tracker),
            committed_on=facts.day("offence_date", "earliest"), retrait_before_stage=retrait_told_before_stage(tracker),
            decision_may_follow_payment=decision_may_follow_payment(facts, stage),
            invalidation_supposed_on=invalidation_supposed_on(tracker), not_established=fine_not_paid(tracker))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    supposed_lost = decision.reasons[0].code == "pending.invalidated_supposed"
    lead = yes_or_no_of_saving(decision) if latest_text_says(tracker, _YES_OR_NO) and not supposed_lost else None
    plain = loss_without_stage(decision) if lead is None and latest_text_says(tracker, _LOSES_THE_LICENCE) else None
    # the 48SI supposed notified before the stage ends: what follows the invalidation (R20), from the hand-back
    after = [render(rules_core.invalidation_waiting(
        today=today(), licence_date=facts.day("licence_date", "earliest"),
        licence_year_only=_licence_year_only(facts)))] if supposed_lost else []
    parts = [render(decision), *([plain] if plain else []), *after, *dict.fromkeys(facts.notes), caveat]
    if supposed_lost and parts[0].startswith("Non : ") and latest_text_says(tracker, LICENCE_LOST_ASKED):
        # "s'il reçoit la 48SI le 5 décembre, c'est fichu ?": yes, too late (its "Non" answers "le stage compte ?";
        # T51 c26)
        parts[0] = "Oui, c'est trop tard : " + parts[0][len("Non : "):]
    if plain and _last_bot_text(tracker).startswith(parts[0]):
        # the same computation just sent, asked again ("ben est-ce que je vais perdre mon permis ?"): the plain yes
        # first (tester T16 c18 got the same reply twice)
        parts = [plain, parts[0], *parts[2:]]
    return "\n\n".join([*([lead] if lead else []), *parts])




def _last_bot_text(tracker: Tracker) -> str:
    return next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"), "")


def decision_may_follow_payment(facts: Facts, stage: Optional[date]) -> bool:
    """The retrait's decision, estimated at the payment, may still be to come when the stage (or, without one, today)
    begins: paid less than RECENT_PAYMENT_DAYS before, its letter not received, no balance read on « Mes Points
    Permis » (R2, R18 example 1: a stage before the decision is capped, then the retrait subtracted; T10 c07)."""
    paid = facts.day("fine_payment_date", "latest")
    start = stage or today()
    return paid is not None and paid <= start and (start - paid).days <= RECENT_PAYMENT_DAYS and \
        not _retrait_letter_received(facts.tracker) and recorded_balance_said(facts.tracker) is None


# "4 pts retirés en avril, stage les 20 et 21 avril", "on m'a retiré 4 points, puis j'ai fait un stage": the retrait
# told as made, then the stage, in one message (folded text)
_WITHDRAWN_THEN_STAGE = re.compile(r"\b(?:retire|enleve)s?\b|\bretraits?\s+de\s+\d+")


def retrait_told_before_stage(tracker: Tracker) -> bool:
    """The message that tells the stage done tells before it the retrait as already made (R18: the stage then followed
    it); not a retrait to come ("je vais perdre 4 points")."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        stages = [e for e in entities if e.get("entity") == "date" and e.get("role") == "stage" and "start" in e]
        if stages:
            text = fold(event.get("text") or "")
            return bool(_WITHDRAWN_THEN_STAGE.search(text[:stages[0]["start"]]))
    return False


# "je peux le sauver, oui ou non ?", "réponds par oui ou par non", "un stage peut me sauver ou pas ?" (folded text)
_YES_OR_NO = re.compile(r"\boui ou (?:non|pas)\b|\bpar oui ou par non\b|\bou (?:pas|non)\s*[?!.]*\s*$")


# "est-ce que je vais perdre mon permis ?", "je vais être à 0 ?", "mon permis va sauter ?", "et sans stage ?", "si je
# fais rien ?" (folded text; tester T16 c18)
_LOSES_THE_LICENCE = re.compile(
    r"\b(?:perdre|perds|perdrai|perdrais|perdu)\s+(?:mon|son|le|ton|votre|sont)?\s*permis\b"
    r"|\bpermis\s+(?:va\s+|vas\s+|risque\s+de\s+)?(?:sauter|saute|sautera|etre\s+(?:invalide|annule|suspendu))\b"
    r"|\b(?:etre|serai|serais|tomber|tombe|tomberai|retrouver|passer)\s+a\s+(?:0|zero)\b"
    r"|\bsans\s+(?:faire\s+(?:de|un|le)\s+)?stage\b|\bsi\s+je\s+(?:ne\s+)?(?:fais|fait)\s+(?:rien|pas\s+de\s+stage)\b")


def loss_without_stage(decision) -> Optional[str]:
    """The plain yes to "je vais perdre mon permis ?" when the retrait brings the balance to 0 or below: without a
    stage, the 48SI invalidates the licence once notified (R18, R20: L.223-1, L.223-5), and what a stage done after the
    retrait's decision and before the 48SI leaves (R18). None when no loss is ahead or the 48SI is already notified."""
    after = decision.results.get("balance_after_retrait")
    if decision.outcome not in ("can_be_saved", "cannot_be_saved") or after is None or after > 0:
        return None
    solde = "à 0" + (f" (solde calculé de {after})" if after < 0 else "")
    text = (f"Oui, sans stage : une fois le retrait décidé, votre solde sera {solde}, et votre permis sera invalidé dès "
            "que la lettre 48SI vous sera notifiée ; vous devrez le rendre à la préfecture et attendre au moins 6 mois "
            "avant d'en obtenir un nouveau (articles L.223-1 et L.223-5 du Code de la route).")
    if decision.outcome == "cannot_be_saved":
        return text + " Même un stage ne suffirait pas à le sauver."
    with_stage = decision.results.get("balance_with_stage")
    return (text + f" Pour l'éviter : un stage fait après la décision de retrait et terminé avant la notification de "
            f"la 48SI vous laisserait {with_stage} point{'s' if with_stage > 1 else ''}.")


def yes_or_no_of_saving(decision) -> Optional[str]:
    """The yes or no to "je peux sauver mon permis, oui ou non ?", from the pending loss computed (R13, R18, R20): on
    the condition that decides it (the 48SI not notified before the stage ends, the date of the retrait)."""
    earliest = decision.key_dates.get("earliest_point_stage")
    if decision.outcome in ("invalidated", "cannot_be_saved"):
        return "Non."
    if decision.outcome == "not_zero":
        return "Il n'y a rien à sauver : votre permis garde des points."
    if decision.results.get("saved_by_stage"):
        return "Oui, et c'est déjà fait : votre stage l'a sauvé."
    if decision.outcome == "stage_order_unknown":
        return ("Cela dépend de la date du retrait : s'il a été décidé avant votre stage, ce stage vous a déjà sauvé ; "
                if decision.results["balance_with_stage"] >= 1 else "Cela dépend de la date du retrait : ") + \
            f"s'il a été décidé après, pas avant le {format_long_fr(earliest)}, et seulement si la lettre 48SI ne vous " \
            "a pas été notifiée avant la fin de ce nouveau stage."
    if earliest is not None and earliest > decision.today:
        return f"Non, pas avant le {format_long_fr(earliest)} : un stage ne vous rendra des points qu'à partir de " \
               "cette date, et il ne sauvera le permis que si la lettre 48SI ne vous a pas été notifiée avant sa fin."
    return "Oui, à condition que le stage se termine avant la notification de la lettre 48SI : faites-le au plus vite."


def balance_learnt_from_an_answer(tracker: Tracker) -> bool:
    """Whether the balance known is one an answer computed and kept (`facts_learnt`: a licence without offence), not
    one the user told: its last setting follows an answer action, not a user message or a form."""
    events = tracker.events
    last = max((n for n, event in enumerate(events) if event.get("event") == "slot"
                and event.get("name") == "current_balance"), default=None)
    if last is None or tracker.get_slot("current_balance") is None:
        return False
    before = next((event for event in reversed(events[:last]) if event.get("event") in ("user", "action")), {})
    return before.get("event") == "action" and str(before.get("name")).startswith("action_answer_")


# an answer's balance of today, once the retraits it counted are made: "il vous reste 3 points", "Solde aujourd'hui :
# 6 points", "votre solde est aujourd'hui de 4 points" (folded; not "il vous restera", a retrait still to come)
_TODAYS_BALANCE_ANSWERED = re.compile(
    r"\b(?:il (?:vous|lui) reste|solde aujourd'hui :|solde est aujourd'hui de|solde est de) (\d+) points?\b")


def balance_echoed_from_an_answer(tracker: Tracker) -> bool:
    """The balance known is one an answer gave as today's, after the retraits it counted ("il vous reste 3 points : le
    retrait a été fait le 2 novembre"), said back by the user since ("vous venez de me dire qu'il me reste 3 points"):
    that balance counts those retraits already; it is no balance before a retrait to come (R1, R2, R18; tester T33 c11
    got "solde calculé : -6, une lettre 48SI suivra", the 9 points withdrawn a second time from the 3)."""
    balance = tracker.get_slot("current_balance")
    if not isinstance(balance, int) or isinstance(balance, bool):
        return False
    answered = False
    for event in tracker.events:
        if event.get("event") == "bot":
            answered = answered or any(int(found.group(1)) == balance for found in
                                       _TODAYS_BALANCE_ANSWERED.finditer(fold(event.get("text") or "")))
        elif event.get("event") == "user" and answered:
            if any(e.get("entity") == "points" and e.get("value") == balance and e.get("role") in (None, "balance")
                   for e in (event.get("parse_data") or {}).get("entities", [])):
                return True
    return False


def _balance_known_before(tracker: Tracker, balance: int) -> Optional[int]:
    """The last balance known in the conversation before it became `balance` (None if it never was another)."""
    before, value = None, None
    for event in tracker.events:
        if event.get("event") == "slot" and event.get("name") == "current_balance" and event.get("value") is not None \
                and event.get("value") != value:
            before, value = value, event.get("value")
    return before if value == balance and isinstance(before, int) and not isinstance(before, bool) else None


def balance_told_before_establishment(tracker: Tracker) -> bool:
    """The balance the user told ("il me reste que 4 points", after "flashé à 145 hier soir") while their offence is
    not paid nor judged: nothing is withdrawn before that (R2), so it is the balance before the retrait to come, not
    the one after it (tester T17 c16: 12 assumed in its place)."""
    balance = tracker.get_slot("current_balance")
    if not isinstance(balance, int) or balance_learnt_from_an_answer(tracker) or \
            tracker.get_slot("fine_payment_date") is not None or _retrait_letter_received(tracker):
        return False
    try:
        committed = date.fromisoformat(str(tracker.get_slot("offence_date")))
    except ValueError:
        return False
    users = [fold(event.get("text") or "") for event in tracker.events if event.get("event") == "user"]
    lost = any(e.get("entity") == "points" and e.get("role") == "lost"
               for event in tracker.events if event.get("event") == "user"
               for e in (event.get("parse_data") or {}).get("entities", []))
    # an offence of the last days (its fine not paid yet), a balance not read on the file (which may count a retrait
    # since), no balance said as the one before, and no loss told as done
    return 0 <= (today() - committed).days <= RECENT_OFFENCE_DAYS and not lost and not any(
        _READ_ON_THE_FILE.search(text) or BALANCE_BEFORE.search(text) or _LOSS_TOLD_DONE.search(text) for text in users)


#: the days after an offence when its fine is usually not paid yet (the 45 days of the amende forfaitaire, R2)
RECENT_OFFENCE_DAYS = 45
_READ_ON_THE_FILE = re.compile(r"\bpoints permis\b|\bsite\b|\bappli\w*|\baffich\w*|\breleve\b|\bfichier\b|\btelepoints\b")


def pending_story_answer_for_this_offence(tracker: Tracker) -> Optional[str]:
    """`pending_story_answer` before an offence's points, unless it was said already and the latest message names an
    offence of its own ("autre question, un pote flashé à 145 sur une route à 90…" after a brother's loss to -1: that
    excess's points, not the brother's paragraph again first; T54 c19)."""
    pending = pending_story_answer(tracker)
    if not pending or not slots_set_by_latest_message(tracker).get("offence_type"):
        return pending
    # (as said to the user or of the person the conversation is about: "Son solde calculé est de -1")
    first = {pending.splitlines()[0], said_of_the_subject(tracker, pending).splitlines()[0]}
    if any(line in (event.get("text") or "") for line in first for event in tracker.events
           if event.get("event") == "bot"):
        return None
    return pending


def pending_story_answer(tracker: Tracker, leaving_points: bool = False) -> Optional[str]:
    """The user's own retrait, told with the balance before it, brings that balance to 0 or below: the pending loss
    answers whatever the question was read as (offence, balance, compulsory stage, stage), so every route says the
    same (R18 examples 2 to 4, R19 example 4, R20). The retrait is the user's and the balance told is the one before
    it: told with "pas (encore) reçu de 48SI", or told as theirs in the message ("je viens de me faire arrêter") and
    not paid long ago (a balance told after an old payment is the one left after it, R2). Not after a 48N received
    (its deadline answers, R15) nor once a 48SI is received (R14, R18 example 5: the answer of that letter). With
    `leaving_points`, a retrait that leaves points answers too: not lost, and how many are left (R1, R20)."""
    if letter_48n_received(tracker) or invalidation_notified(tracker):
        return None
    # (the story may have been told before, with no balance since: "ma fille… contrôlée à 0,3 g, payé le 25 novembre",
    # then "elle peut faire un stage le 3 et 4 décembre ?" is answered from it, the balance before it the probationary
    # ceiling, not asked; T10 c07. A balance told later is the one after the retrait, not the one before it.)
    own = told_as_own_offence(tracker) or ((tracker.get_slot("current_balance") is None
                                            or balance_told_before_establishment(tracker))
                                           and own_offence_in_conversation(tracker))
    if letter_48si_not_received_said(tracker) or (own and pending_retrait(Facts(tracker), today())):
        return pending_loss_answer(tracker, leaving_points)
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


# "elle avait -2 points d'après le calcul", "mon solde calculé est de -3", "je suis à -1 point": a computed balance
# below 0 told (folded text; "il a pris -2 points" is a loss, not a balance)
def negative_balance_said(tracker: Tracker) -> Optional[int]:
    """The computed balance below 0 the user's latest message telling one gives ("elle avait -2 points"), else None
    (R18: the retrait is subtracted first, the stage's points added to what is left)."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            told = negative_balance_told(event.get("text"))
            if told is not None:
                return told
    return None


def negative_balance_said_since(tracker: Tracker) -> Optional[int]:
    """A computed balance below 0 told in a message after the one that gave the balance slot its value ("j'ai 0 point",
    then "non en fait je suis à -2 d'après mon calcul"): that balance, which the parser gives no count for (R1 edge
    case: it only matters for R18, -2 + 4 = 2; tester T28 c14 got "0 + 4 = 4"). None otherwise."""
    # (the message that gave the slot its value: a form setting the same value again later is not a new one)
    slot_at, told_at, told, user_at, value = -1, -1, None, -1, None
    for n, event in enumerate(tracker.events):
        if event.get("event") == "slot" and event.get("name") == "current_balance" and event.get("value") is not None:
            if event.get("value") != value:
                slot_at, value = user_at, event.get("value")
        elif event.get("event") == "user":
            user_at = n
            said = negative_balance_told(event.get("text"))
            if said is not None:
                told_at, told = n, said
    return told if told_at > slot_at >= 0 else None


def stage_before_48si_answer(tracker: Tracker) -> Optional[str]:
    """A 48SI received on a known day, a stage told that ended before it, and the computed balance told ("-2 points",
    or 0): the stage counted and saved the licence when that balance + 4 ≥ 1 (R18 example 2; CE 29/09/2023
    n° 461479); CE 17/04/2025 refuses only a stage ending once the 48SI is notified. None otherwise."""
    if not invalidation_notified(tracker):
        return None
    facts = Facts(tracker)
    notified, stage = facts.day("letter_48n_date", "earliest"), _last_stage_said(tracker)
    balance = negative_balance_said(tracker)
    if balance is None and tracker.get_slot("current_balance") in (0, 0.0) and \
            not isinstance(tracker.get_slot("current_balance"), bool):
        balance = 0
    if notified is None or stage is None or balance is None:
        return None
    try:
        decision = rules_core.pending_loss(balance_after=balance, stage_first_day=stage,
                                           invalidation_notified_on=notified, today=today())
    except rules_core.InconsistentFacts:
        return None  # (a stage to come, a date after today: the other answers say what is wrong)
    if decision.outcome == "invalidated":
        return None  # the 48SI came first: the answer of a stage too late (R18 example 5)
    return render(decision)


# the latest message speaks of the 48SI, the stage or a balance below 0 (folded text)
_TELLS_48SI_OR_STAGE = re.compile(r"\b48\s?si\b|\bstage\b|(?:-|\u2212|moins\s)\s?\d{1,2}\s*(?:points?|pts?)\b")


def stage_saved_licence_first(tracker: Tracker) -> Optional[str]:
    """Whatever the intent the message is read as (the probation's, the letter's, the compulsory stage's...): a 48SI
    received, a stage told that ended before its notification and the computed balance told get the stage's answer
    first, the licence saved when that balance + 4 >= 1 (R18 example 2), never the 48SI's card telling to hand the
    licence back (tester T26 c26). Only when the latest message speaks of them; None otherwise."""
    if not latest_text_says(tracker, _TELLS_48SI_OR_STAGE):
        return None
    return stage_before_48si_answer(tracker)


# "et si j'avais fait le stage avant de recevoir la 48SI ?", "si j'avais fait un stage le 28 octobre, donc avant la
# 48SI, j'aurais gardé mon permis ?": a stage supposed in the past, before the letter's notification (folded text)
_STAGE_SUPPOSED_IN_THE_PAST = re.compile(r"\bsi\b[^?]{0,40}\b(?:j'?\s?avais|il avait|elle avait|on avait|vous aviez)\b"
                                         r"[^?]{0,30}\bstage\b|\bstage\b[^?]{0,60}\b(?:j'?\s?aurais|il aurait|elle "
                                         r"aurait|on aurait|aurai[st]\s+(?:marche|sauve|garde|suffi|compte))\b")
_BEFORE_THE_LETTER = re.compile(r"\bavant\b[^?.]{0,30}(?:\b48\s?si\b|\blettre\b|\brecevoir\b|\breception\b|\bnotifi)")
# "et si je l'avais fait le 28 et 29 octobre ?" just after an answer on the stage: the stage, named by its pronoun
_IT_SUPPOSED_DONE = re.compile(r"\bsi\b[^?]{0,20}\b(?:je|j|il|elle|on|vous)\s+l'?\s?(?:avais|avait|aviez)\s+"
                               r"(?:fait|suivi|passe|faite|suivie)\b")
# "avant même que le retrait soit enregistré": before the retrait, so before the 48SI that follows it (R18)
_BEFORE_THE_RETRAIT = re.compile(r"\bavant\b[^?.]{0,30}\bretrait\b")


def _stage_supposed_in_the_past(tracker: Tracker) -> bool:
    """The latest message supposes a stage done in the past: named ("si j'avais fait le stage…"), or by its pronoun
    just after an answer about the stage ("et si je l'avais fait le 28 et 29 octobre ?", T35 c05)."""
    if latest_text_says(tracker, _STAGE_SUPPOSED_IN_THE_PAST):
        return True
    if not latest_text_says(tracker, _IT_SUPPOSED_DONE):
        return False
    users = [n for n, event in enumerate(tracker.events) if event.get("event") == "user"]
    last_bot = next((event.get("text") or "" for event in reversed(tracker.events[:users[-1]] if users else [])
                     if event.get("event") == "bot"), "")
    return bool(re.search(r"\bstages?\b", last_bot))


def stage_supposed_before_48si_answer(tracker: Tracker) -> Optional[str]:
    """A 48SI notified, and the question supposes a stage done before that notification ("et si j'avais fait le stage
    avant de recevoir la 48SI ?"): a counterfactual about the past, answered by R18 (the retrait subtracted first,
    the stage's 4 points added, the licence saved when the result is 1 point or more, CE 29/09/2023 n° 461479), not
    by the stage done after it. None when the computed balance is unknown."""
    if not invalidation_notified(tracker) or not _stage_supposed_in_the_past(tracker):
        return None
    notified = Facts(tracker).day("letter_48n_date", "earliest")
    # (before the letter said, or before the retrait that the letter follows, or dated before its notification)
    dated_before = notified is not None and any(
        day is not None and day.precision == "day" and day.earliest() + relativedelta(days=1) < notified
        for day in (partial_date_or_none(v) for v in message_values(tracker, "date")))
    if not (latest_text_says(tracker, _BEFORE_THE_LETTER) or latest_text_says(tracker, _BEFORE_THE_RETRAIT)
            or dated_before):
        return None
    balance = negative_balance_said(tracker)
    before = points = None
    if balance is None:
        before, points = tracker.get_slot("current_balance"), tracker.get_slot("last_offence_points")
        if points is None and tracker.get_slot("offence_type"):
            points = offence_scale(tracker.get_slot("offence_type"), tracker.slots).get("last_offence_points")
        if isinstance(before, bool) or not isinstance(before, (int, float)) or not isinstance(points, (int, float)):
            return None
        balance = int(before) - int(points)
    if notified is None or balance > 0:
        return None
    told = [day for day in (partial_date_or_none(v) for v in message_values(tracker, "date"))
            if day is not None and day.precision == "day" and day.earliest() + relativedelta(days=1) < notified]
    stage = told[0].earliest() if told else notified - relativedelta(days=3)
    try:
        decision = rules_core.pending_loss(balance_after=balance, stage_first_day=stage,
                                           invalidation_notified_on=notified, today=today())
    except rules_core.InconsistentFacts:
        return None
    after = decision.results.get("balance_after_stage")
    if after is None:
        return None
    notified_fr = format_long_fr(notified)
    when = (f"un stage les {'1er' if stage.day == 1 else stage.day} et {format_long_fr(stage + relativedelta(days=1))}"
            f", terminé avant la notification de la lettre 48SI (le {notified_fr}),") if told else \
        f"un stage terminé avant la notification de la lettre 48SI (le {notified_fr})"
    if before is not None and latest_text_says(tracker, _BEFORE_THE_RETRAIT):
        return _stage_before_the_retrait_supposed(tracker, int(before), int(points), stage, when, after)
    if decision.results.get("stage_saves"):
        head = (f"Oui : {when} aurait sauvé votre permis. Le retrait vous laissait à {balance} points ; le stage vous "
                f"en aurait rendu 4 : {balance} + 4 = {after} points, et le permis restait valide")
    else:
        head = (f"Non : même {when} ne l'aurait pas sauvé. Le retrait vous laissait à {balance} points ; avec les 4 "
                f"points du stage : {balance} + 4 = {after}, toujours pas au moins 1 point")
    return (f"{head} (article L.223-6 du Code de la route ; Conseil d'État, 29 septembre 2023, n° 461479).\n"
            "- C'est une hypothèse : une fois la 48SI notifiée, un stage ne rend plus de points (Conseil d'État, 17 "
            "avril 2025, n° 492072).")


def _stage_before_the_retrait_supposed(tracker: Tracker, before: int, points: int, stage: date, when: str,
                                       after_the_retrait: int) -> str:
    """"et si je l'avais fait avant même que le retrait soit enregistré ?" after a 48SI: a stage before the retrait's
    decision is credited on the balance before it, capped at the ceiling, then the retrait is subtracted (R18, CE
    29/09/2023 n° 461479; T36 t33c05 got "je n'ai pas d'autre réponse" and the reckoning after the decision)."""
    facts = Facts(tracker)
    view = rules_core.load_params().at(stage)
    gain = view.value("stage.max_gain")
    ceiling = (facts.ceiling_on(stage) if facts.licence_date is not None else None) or view.value("capital.max")
    credited = min(ceiling, before + gain)
    final = credited - points
    counted = f"{before} + {gain} = {_points_fr(credited)}" if before + gain <= ceiling else \
        f"{before} + {gain}, plafonné à {_points_fr(credited)}"
    head = ("Oui" if final >= 1 else "Non") + f" : fait avant même que le retrait soit enregistré, {when} " + (
        "aurait aussi sauvé votre permis" if final >= 1 else "ne l'aurait pas sauvé")
    lines = [f"{head}. Il aurait été compté sur votre solde d'avant le retrait : {counted} ; le retrait de "
             f"{_points_fr(points)} aurait ensuite été déduit : {credited} − {points} = "
             + (f"{_points_fr(final)}, et le permis restait valide" if final >= 1 else f"{final}, pas au moins 1 point")
             + " (article L.223-6 du Code de la route ; Conseil d'État, 29 septembre 2023, n° 461479)."]
    if final != after_the_retrait:
        lines.append(f"- Fait après l'enregistrement du retrait, il aurait donné {after_the_retrait - gain} + {gain} = "
                     f"{after_the_retrait}.")
    lines.append("- C'est une hypothèse : une fois la 48SI notifiée, un stage ne rend plus de points (Conseil d'État, "
                 "17 avril 2025, n° 492072).")
    return "\n".join(lines)


def _stage_ended_before_48si(tracker: Tracker) -> bool:
    """A stage told whose last day is before the 48SI's notification day told (R18: it may have saved the licence)."""
    notified, stage = Facts(tracker).day("letter_48n_date", "earliest"), _last_stage_said(tracker)
    return notified is not None and stage is not None and stage + relativedelta(days=1) < notified


def too_late_for_a_stage(tracker: Tracker) -> Optional[str]:
    """A 48SI received and a stage asked about: too late, no stage gives points any more (R14 example 1, R18); not
    when the stage told ended before the 48SI was notified (R18: it counts, CE 29/09/2023 n° 461479)."""
    if not invalidation_notified(tracker) or not latest_text_says(tracker, _ASKS_SAVING_STAGE) or \
            _stage_ended_before_48si(tracker):
        return None
    return render(rules_core.stage_eligibility(today=today(), licence_state="invalidated"))


# "se termine quand", "fin du probatoire", "jusqu'à quand je suis en probatoire" (folded text)
_ASKS_PROBATION_END = re.compile(r"\bprobatoire\b[^?]{0,40}\b(?:se termine|termine|fini\w*|fin)\b"
                                 r"|\b(?:fin|jusqu'?\s?a quand)\b[^?]{0,30}\bprobatoire\b")
# what a zero-points question speaks of: "0 point", "plus de points", "invalidé", "48SI", "solde nul", "perdu mon permis"
_SPEAKS_OF_ZERO = re.compile(r"\b0\s*(?:point|pt)|\bzero\b|(?<!avoir )(?<!gagner )(?<!recuperer )\bplus (?:de|aucun) points?\b|\binvalid\w*|\b48\s?si\b"
                             r"|\bsolde (?:nul|negatif)|\bperdu (?:mon|son|le) permis\b|\bannul\w*")


def points_still_left(tracker: Tracker) -> Optional[str]:
    """The licence still has points (the balance the message tells is above 0) and the message tells no retrait, letter or offence
    that would take it to 0: it is not lost; a voluntary stage now can add up to 4 points (R1, R12, R14). None
    otherwise: the answers of a loss to come or of 0 points apply."""
    balance = slots_set_by_latest_message(tracker).get("current_balance")  # (told with the question)
    if isinstance(balance, bool) or not isinstance(balance, (int, float)) or balance <= 0 or \
            latest_text_says(tracker, _SPEAKS_OF_ZERO) or told_retraits_in_latest_message(tracker) or \
            tracker.get_slot("letter_code") or any(
                entity.get("entity") in ("offence_type", "speed_excess", "letter_code") or entity.get("role") == "lost"
                for entity in (tracker.latest_message or {}).get("entities") or []):
        return None
    points = int(balance)
    if latest_text_says(tracker, _ASKS_IF_NOTHING_DONE):
        return _nothing_done_with_points_left(points)
    return (f"Non : avec {points} point{'s' if points > 1 else ''}, votre permis reste valable ; il n'est invalidé qu'à "
            "0 point, quand la lettre 48SI vous est notifiée (article L.223-1 du Code de la route). Un stage volontaire "
            "peut vous rendre jusqu'à 4 points, sans dépasser votre plafond (article L.223-6 du Code de la route).")


# what happens if nothing is done: "si je fais rien il se passe quoi", "et si je ne fais rien ?", "sans rien faire ?",
# "si je laisse courir" (folded)
_ASKS_IF_NOTHING_DONE = re.compile(r"\bsi (?:je|j'|on|il|elle)\s?(?:ne |n')?(?:fais|fait|faisais|faisait) rien\b"
                                   r"|\bsans rien faire\b"
                                   r"|\bsi (?:je|on|il|elle) (?:laisse|laissais) (?:courir|tomber|faire)\b"
                                   r"|\bsi (?:je|on|il|elle) (?:ne )?(?:bouge|bougeais) pas\b")


def _nothing_done_with_points_left(points: int) -> str:
    """"si je fais rien il se passe quoi" with a balance above 0 and no 48N: nothing is due, the licence stays valid
    (R1, R20), and the points come back with time, as the law's delays give them (R8, R9, R10), a stage being only an
    option (R12; tester T44 c17 got "Non : …", the answer to another question)."""
    from actions.follow_ups import _duration_fr  # (the one wording of a parameter's duration)
    view = rules_core.load_params().at(today())
    full, serious = _duration_fr(view.value("recovery.full.delay")), _duration_fr(view.value("recovery.full.delay_serious"))
    single, ten = _duration_fr(view.value("recovery.single_point.delay")), _duration_fr(view.value("recovery.ten_year.delay"))
    gain = view.value("stage.max_gain")
    return (f"Rien d'obligatoire : avec {_points_fr(points)}, votre permis reste valable, sans amende ni démarche à faire "
            "; il n'est invalidé qu'à 0 point, quand la lettre 48SI vous est notifiée (article L.223-1 du Code de la "
            "route).\n"
            f"- Vos points reviennent avec le temps : sans nouvelle infraction, votre permis retrouve son maximum {full} "
            f"après le paiement de la dernière amende ({serious} après un délit ou une contravention de 4e ou 5e classe) "
            "(article L.223-6 du Code de la route).\n"
            f"- Un point retiré pour une infraction à 1 point revient après {single}, et les points des contraventions des "
            f"4 premières classes reviennent au plus tard après {ten}, même avec d'autres infractions entre-temps "
            "(article L.223-6 du Code de la route).\n"
            f"- Un stage volontaire reste facultatif : il peut vous rendre jusqu'à {_points_fr(gain)} sans attendre, sans "
            "dépasser votre plafond, une marge utile avant une nouvelle infraction (article L.223-6 du Code de la route).\n"
            "- Dites-moi vos infractions et leurs dates de paiement : je calcule le jour où vos points reviennent.")


def balance_told_above_zero(tracker: Tracker) -> bool:
    """The retraits told with their dates give a balance today above 0, and the message does not speak of 0 points: the
    licence is not heading for invalidation, whatever the question's words ("il peut encore sauver son permis ?")."""
    if latest_text_says(tracker, _SPEAKS_OF_ZERO) or not told_retraits(tracker):
        return False
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except rules_core.InconsistentFacts:
        return False
    results = decision.results if decision is not None else {}
    balance = results.get("computed_balance", results.get("balance"))
    return isinstance(balance, int) and not isinstance(balance, bool) and balance > 0 \
        and not results.get("invalidation_ahead")


def alcohol_under_the_level_answer(tracker: Tracker) -> Optional[str]:
    """"j'ai eu 0,3 g/l… j'avais 10 points, mon permis est-il invalidé ?" when the level told is under the level of that
    day's licence: no offence, no point withdrawn, the balance told kept (R4, R.234-1: 0,5 g/l, 0,2 g/l only in
    probation); the probation's end said when it is why (tester T61 c29 got "il vous reste 4 points (10 − 6)" for a
    probation ended 7 months before). None for another offence, a level not told or one that costs points."""
    offence = tracker.get_slot("offence_type")
    alcohol = alcohol_level_scale(tracker, offence, tracker.slots)
    if not alcohol or alcohol.get("probationary") is None:
        return None
    commission = commission_day(tracker.slots)
    try:
        decision = rules_core.offence_points(offence=offence, commission=commission, today=today(), **alcohol)
    except rules_core.InconsistentFacts:
        return None
    if decision.results.get("points") != 0 or not decision.reasons:
        return None
    said = render_reason(decision.reasons[0])
    lines = [f"Non : {said[:1].lower()}{said[1:]}"]
    _, end = probation_on(Facts(tracker), commission)
    if not alcohol["probationary"] and end is not None and commission is not None and end <= commission:
        lines.append(f"Votre période probatoire était terminée depuis le {format_long_fr(end)} : le "
                     f"{format_long_fr(commission)}, le seuil plus bas de la période probatoire (ou de l'apprentissage) ne "
                     "s'appliquait donc plus à vous (article R.234-1 du Code de la route).")
    balance = Facts(tracker).number("current_balance")
    kept = f"vous gardez vos {_points_fr(int(balance))}, et " if balance and int(balance) > 0 else ""
    lines.append(f"Ce contrôle ne vous retire donc aucun point : {kept}votre permis reste valable (article L.223-1 "
                 "du Code de la route).")
    return "\n".join(lines)


class ActionAnswerZeroPoints(InformationalAction):
    answer = staticmethod(informational.answer_zero_points)
    # ("mon client avait 3 points, retrait de 6…": "son solde calculé est de -3", not "votre solde"; T15 c12)
    speaks_of_the_subject = True

    def name(self) -> Text:
        return "action_answer_zero_points"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        return learn_letter_receipt(tracker) + self._answer_zero_points(dispatcher, tracker, domain)

    def _answer_zero_points(self, dispatcher, tracker, domain) -> List[EventType]:
        law = invalidation_law_answer(tracker)
        if law:
            # "j'ai conduit alors que mon permis était invalidé, je risque quoi ?": the délit of L.224-16; "je peux
            # faire la conduite accompagnée ?" after an invalidation: no, R.211-5 (R5, R20; tester T15 c38, c40), not
            # the invalidation's waiting answer again
            dispatcher.utter_message(text=law)
            return [SlotSet("last_question", self.name())]
        under = alcohol_under_the_level_answer(tracker)
        if under:  # 0,3 g/l after the probation: no offence at all (R4; T61 c29 got 6 points taken)
            dispatcher.utter_message(text=under)
            return [SlotSet("last_question", self.name())]
        to_lose = informational.points_to_lose_answer(tracker)
        if to_lose:  # "je peux en perdre combien avant l'invalidation ?": all but one (R1, R3; T32 c23)
            dispatcher.utter_message(text=to_lose)
            return [SlotSet("last_question", self.name())]
        supposed = stage_supposed_before_48si_answer(tracker) or supposed_48si_answer(tracker) or \
            invalidation_doubted(tracker) or hand_back_by_asked(tracker)
        if supposed:
            # "et si la 48SI arrive le 4 décembre, avant le stage ?": supposed, not received (R18; T20 c13); "c'est sûr ?
            # j'ai lu qu'on pouvait sauver son permis avec un solde négatif" after a 48SI notified: only before it (R18,
            # T27 c07 got the same answer again)
            dispatcher.utter_message(text=supposed)
            return restored_facts(tracker) + still_following(tracker)
        in_context = answer_in_context(tracker) if any(
            latest_text_says(tracker, asks) for asks in (ASKS_TO_DRIVE_AGAIN, ASKS_EXAMS_DURING_WAIT, ASKS_STAGE_DEADLINE,
                                                         PLANNED_BEFORE_THE_RETRAIT)
        ) else court_asked_after_offence(tracker)
        if in_context:
            # "je pourrai reconduire le 10 ?" after a suspension or an invalidation: the day (T7 c38); "je peux passer le
            # code pendant l'attente ?": yes (R20; T13 c37); "y a une date limite pour le stage ?": the 48SI (T13 c16);
            # "et je vais passer au tribunal ?" after an offence answer: whether it is a délit (T13 c12), not what 0
            # points does
            dispatcher.utter_message(text=in_context)
            return restored_facts(tracker) + still_following(tracker)
        uncollected = uncollected_48si_answer(tracker)
        if uncollected:  # "je n'ai pas récupéré la lettre recommandée 48SI, mon permis est valable ?" (T4 m089)
            dispatcher.utter_message(text=uncollected)
            return []
        if stage_timing_with_pending_retrait(tracker):
            return [FollowupAction("stage_eligibility_form")]  # a stage's timing, far from zero (R18 example 1)
        if latest_text_says(tracker, _ASKS_PROBATION_END) and not latest_text_says(tracker, _SPEAKS_OF_ZERO):
            # "mon permis probatoire se termine quand si je l'ai eu le 5 mai 2024 ?" read as a zero-points question:
            # the probation's answer (R5; tester T4 m067), nothing here is about 0 points
            return [FollowupAction("probation_form")]
        asked_back = balances_asked_back(tracker)
        if asked_back and (not latest_text_says(tracker, _SPEAKS_OF_ZERO) or min(asked_back) > 0) and \
                balance_after_offence_answer(tracker):
            # (and "il me restera 2 points ? je risque l'invalidation si je reprends un truc ?": that balance, whose
            # answer says what a new retrait would do from it, R18, R20; T16 c23 got the card of 0 points)
            # "j'avais 12 points, je perds 6, il m'en reste 6 c'est ça ?" read as a zero-points question: the balance
            # after the retrait told, confirmed or not, and its letter (R1, R2, R19; T13 c11 got "tombe à 0 point")
            return [FollowupAction("action_answer_check_balance")]
        if new_licence_after_invalidation(tracker):
            # "j'ai repassé mon permis en octobre 2026 après une invalidation, j'ai combien de points ?": the new
            # licence's balance, probationary from 6 points (R5 example 4, R20), not the invalidation's rules
            return [FollowupAction("action_answer_check_balance")]
        learnt: List[EventType] = []
        handed_back = hand_back_day_answered(tracker)
        if handed_back:  # "le 5 décembre. et je pourrai repasser que le code ?" to the day it is handed back (R20)
            tracker.slots["licence_handed_back_date"] = handed_back
            learnt.append(SlotSet("licence_handed_back_date", handed_back))
        saved = stage_before_48si_answer(tracker)
        if saved:
            # "48SI reçue le 2 novembre, stage les 28 et 29 octobre, elle avait -2 points : elle garde son permis ?":
            # the stage ended before the notification and saved it, -2 + 4 = 2 (R18; tester T24 c26 got "Aucun
            # point", and was told to hand the licence back)
            dispatcher.utter_message(text=saved)
            return learnt + [SlotSet("last_question", self.name())]
        too_late = too_late_for_a_stage(tracker)
        back = None if too_late else licence_back_before_hand_back(tracker)
        if back:
            # "il l'a pas encore rendu. il peut repasser le permis quand du coup ?" after the 48SI's answer: 6 months
            # from the day it is handed back, so hand it back now, and the exams (R20), not the 48SI's "un stage ne
            # peut plus le sauver" again from the balance and the retrait told (T36 t32c27 got it twice)
            dispatcher.utter_message(text=back)
            return learnt + [SlotSet("last_question", self.name())]
        invalidated = waiting_for_48si_answer(tracker) or invalidation_answer(tracker)
        computed = invalidated or pending_loss_answer(tracker)
        if too_late:
            # "et un stage pour sauver mon permis c'est possible encore ?" once the 48SI is received: no, said first,
            # then the dates that follow: the hand-back, the 6 months (R14 example 1, R18 example 5, R20; T7 c07);
            # the 48SI notified, its hand-back's day rather than the loss that led to it (T32 c27 never got that day)
            first, *rest = too_late.splitlines()
            then = invalidated or invalidation_pending_hand_back_answer(tracker, ask=False) or computed or \
                "\n".join(rest)
            if informational.card_given(tracker, then):
                # given before: its result and its dated lines only, not its general bullets again (T11 c06 got the
                # 6 bullets word for word)
                first_line, *lines = then.splitlines()
                then = "\n".join([first_line, *(line for line in lines if dates_something(line))])
            computed = "\n\n".join([f"{first} Un stage ne peut donc plus sauver votre permis.", then])
        computed = computed or _pending_hand_back_once(tracker)
        left = points_still_left(tracker) if computed is None else None
        if left:
            # "je vais perdre mon permis ?? j'ai plus que 1 point": not lost, and a stage now adds up to 4 points (R1,
            # R12, R14); the stage's form asks what its answer needs (tester T19 c15 got the card of 0 points)
            dispatcher.utter_message(text=left)
            return learnt + [SlotSet("last_question", self.name()), FollowupAction("stage_eligibility_form")]
        if computed is None and balance_told_above_zero(tracker):
            # "permis le 30/11/2023, 0,3 g/l le 14/09/2026, payé le 22/09, il avait tous ses points. Il lui reste quoi ?
            # Il peut encore sauver son permis ?": the balance the facts give (4), its 48N, not the card of 0 points
            # (R5, R7, R15; tester T28 c04)
            return learnt + [FollowupAction("action_answer_check_balance")]
        computed = computed or zero_balance_steps(tracker)  # "pas encore reçu la lettre, je suis à 0, je fais quoi"
        if computed is None:
            return learnt + super().run(dispatcher, tracker, domain)
        dispatcher.utter_message(text=computed)
        # (the next bare date answers the question of this answer: the hand-back's day, or the licence's)
        return learnt + [SlotSet("last_question", self.name())]


def hand_back_day_answered(tracker: Tracker) -> Optional[str]:
    """The day the latest message gives in answer to the question of the day the licence was (or will be) handed back,
    when another question comes with it ("le 5 décembre. et je pourrai repasser que le code ?", read as that question,
    not as the answer): the day told (ISO), the next such day when the licence is still to be handed back and the year
    was not written. None otherwise (R20; tester T7 c07)."""
    from actions.corrections import last_bot_question  # (corrections reads this module)
    asked = last_bot_question(tracker)
    # (known before this message: the day this message tells fills the slot already)
    if asked not in (HANDED_BACK_QUESTION, HAND_BACK_PLANNED_QUESTION) or \
            value_before_message("licence_handed_back_date", tracker):
        return None
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    days = [e for e in message.get("entities", []) if e.get("entity") == "date" and e.get("role") in (None, "handed_back")
            and getattr(partial_date_or_none(e.get("value")), "precision", "") == "day"]
    if len(days) != 1:
        return None
    day = partial_date_or_none(days[0]["value"]).earliest()
    said = text[days[0].get("start", 0):days[0].get("end", 0)]
    if asked == HAND_BACK_PLANNED_QUESTION and day < today() and str(day.year) not in said:
        day = day + relativedelta(years=1)  # "le 5 décembre" said of a hand-back to come: the next 5 December
    return day.isoformat()


def _scale_of(retrait: ToldRetrait, facts: Facts, today_: date) -> dict:
    """The offence's scale on its day (R4), from what was told with it: its speeds, its alcohol level (read with the
    probation of that day: 0,2 g/l in probation, 0,5 g/l otherwise, R.234-1; a délit from 0,8 g/l, L.234-1), and for
    an excess under 20 km/h on a road out of town said without its limit, the class above 50 km/h (R.413-2). {} for
    an offence whose points need more (a speeding without its speeds)."""
    if not retrait.offence_type:
        told = facts.slot("offence_type")
        if isinstance(told, str) and len(told_retraits(facts.tracker)) == 1:
            # "143 km/h retenu sur autoroute limitée à 130 … je perds un point ?": the one retrait told by its points is
            # the offence of the question, whose speeds are in the slots (13 km/h: 1 point, 3e classe, R4); not the
            # longest delay assumed (tester T20 c23 got "Sans la nature de l'infraction… 3 ans")
            scale = offence_scale(told, facts.tracker.current_slot_values())
            return {"points": scale["last_offence_points"], "offence_class": scale["offence_class"]} if scale else {}
        return {}
    level = {}
    if retrait.alcohol_g_l is not None:
        level = {"blood_alcohol_g_l": retrait.alcohol_g_l,
                 "probationary": probation_on(facts, retrait.committed or retrait.realite)[0]}
    try:
        decision = rules_core.offence_points(offence=retrait.offence_type, commission=retrait.realite, today=today_,
                                             **dict(retrait.speeds), **level)
    except rules_core.InconsistentFacts:  # a speeding without its speeds: its points are still to ask
        return _speeding_class_of_its_points(retrait, today_)
    scale = decision.results
    if level and not scale.get("points"):
        # "contrôlé à 0,3 g/l": below the level, no offence; said, since the story told it as one (R4, R.234-1)
        said = " ".join(render_reason(r) for r in decision.reasons if r.code.startswith("alcohol."))
        if said not in facts.notes:
            facts.notes.append(said)
    klass = class_by_road(scale, retrait.out_of_town)
    if klass != scale.get("offence_class"):
        # "10 km/h de trop sur une nationale": above 50 km/h whatever its limit, the 3e classe (R4)
        if OUT_OF_TOWN_LIMIT not in facts.notes:
            facts.notes.append(OUT_OF_TOWN_LIMIT)
        scale = {**scale, "offence_class": klass}
    return scale


def _speeding_class_of_its_points(retrait: ToldRetrait, today_: date) -> dict:
    """"1 point pour un excès de vitesse en ville en avril 2025" (the limit 50 read from the town), "1 point sur une
    route à 80": a speeding told by its points and its road's limit, without its excess; the points and the limit give
    its class (R4: under 20 km/h, the 4e classe at 50 km/h or less, the 3e above; from 20 km/h, the 4e whatever the
    limit), not assumed nor asked (T49 c23). {} when they do not (no limit for a 1-point excess)."""
    limit = dict(retrait.speeds).get("speed_limit_kmh")
    if retrait.offence_type != "speeding" or not retrait.points:
        return {}
    try:
        klass = rules_core.speeding_class_of_points(points=retrait.points, commission=retrait.realite, today=today_,
                                                    speed_limit_kmh=limit)
    except rules_core.InconsistentFacts:
        return {}
    return {"offence_class": klass} if klass else {}


def _costs_no_point(retrait: ToldRetrait, facts: Facts, today_: date) -> bool:
    """A retrait told by its offence alone, whose scale withdraws no point on that day (an amber light; alcohol below
    the contravention's level, R4)."""
    if retrait.points is not None or not retrait.offence_type:
        return False
    return _scale_of(retrait, facts, today_).get("points") == 0


def _offence_of(retrait: ToldRetrait, facts: Facts, today_: date) -> Optional[dict]:
    """A told retrait as the engine takes it: its class, and its points when only the offence is told, from the
    offence's scale on that day (R4). None for an offence whose points need more (a speeding without its speeds).
    A class not known stands for the longest delay's (R9): `class_assumed_note` says whether the answer says so."""
    scale = _scale_of(retrait, facts, today_)
    points = retrait.points or scale.get("points")
    if _points_above_the_speeds_scale(retrait, scale):
        # "une amende … de 4 points (flashé à 145 sur autoroute à 110)": 35 km/h over withdraw 3 points, even read as
        # the retained speed (the most, R4); the count the user was told gives way to the scale, and the answer says
        # so (`_scale_points_counted`; T61 c11 kept 4 and said the balance fell to 0)
        points = scale["points"]
    if not points:
        return None
    if scale.get("offence_class") is None and retrait.offence_class in rules_core.OFFENCE_CLASSES:
        scale = {**scale, "offence_class": retrait.offence_class}  # answered to the form ("68 €": 3e classe)
    return {"commission": retrait.committed or retrait.realite,
            # not established yet (fine not paid): its points are to come, no clock runs (R2 example 4)
            "realite": retrait.realite if retrait.established else None, "points": points,
            # judged by a court (no fixed fine): to come with its conviction become final (R2)
            "judged": bool(scale.get("judged")),
            "offence_class": scale.get("offence_class") or UNKNOWN_CLASS_STANDS_FOR,
            # told by its payment only (or a month: "en juin 2026 contrôle au téléphone"): named by its payment, and a
            # 6-month block resting on it is conditional (R8)
            "commission_known": retrait.committed is not None and len(retrait.committed_date or "") == 10,
            # ("un autre flash en août": its month told, blocking for sure a point whose 6 months hold all of it, R8)
            "commission_month": retrait.committed is not None and len(retrait.committed_date or "") == 7
            and retrait.committed_season_first is None,  # (a season is no month: its block is said as conditional)
            # its one day told is its payment ("payé le 2 mars 2026"), not a day of loss ("perdu 3 points le 10 mars"):
            # the offence is named by that payment (R2, T20 c10)
            "payment_told": retrait.paid_said and retrait.committed is None,
            "point_back_told": points == 1 and _point_back_told(retrait, facts.tracker)}


# "1 point en 2025 qui est revenu après 6 mois", "un point perdu en 2025, récupéré depuis"
# (folded, "récupéré" is "récupère": the participle is read after its auxiliary, "je l'ai récupéré", "il est revenu")
_POINT_BACK = re.compile(r"\b(?:revenue?|(?:ai|a|est|ete|deja|l'ai|l'a)\s+(?:deja\s+|bien\s+)?(?:recuperee?|rendue?|"
                         r"retrouvee?|regagnee?))\b")


def _point_back_told(retrait: ToldRetrait, tracker: Tracker) -> bool:
    """Whether the user told that this 1-point retrait's point came back (R8): a message giving its date and saying
    so, not asking it ("il revient quand ?")."""
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        entities = (event.get("parse_data") or {}).get("entities", [])
        folded = fold(event.get("text") or "")
        if any(e.get("entity") == "date" and e.get("value") == retrait.said_date for e in entities) and any(
                not _POINT_BACK_ASKED_AFTER.match(folded, m.end())
                and not _POINT_BACK_ASKED_BEFORE.search(folded[:m.start()]) for m in _POINT_BACK.finditer(folded)):
            return True
    return False


# "c'est revenu quand exactement ?", "il est revenu ou pas ?", "est-ce qu'il est revenu" (folded): the return asked
# about, not told (T34 c31 took "c'est revenu quand ?" for a point said back, and let a later offence not block it)
_POINT_BACK_ASKED_AFTER = re.compile(r"\s*(?:quand\b|\?|ou pas\b|ou non\b|(?:exactement|deja|bien)\s*\?)")
_POINT_BACK_ASKED_BEFORE = re.compile(r"\b(?:quand|est[- ]ce qu\w*|est[- ]il|savoir si)\b[^,.;:!?]*$")


#: the classes that make the full recovery's delay 3 years whatever the other retraits' (R9)
_THREE_YEAR_CLASSES = ("c4", "c5", "delit")


def class_assumed_note(retraits: List[ToldRetrait], facts: Facts, today_: date) -> Optional[str]:
    """Whether the answer says that a retrait's class, not known, was taken as the longest delay's (R9): when that
    class is the one of the last retrait, the one the full recovery's delay runs from and the answer names, or when an
    earlier one's class is not known; never when a retrait of a known class already makes the delay 3 years (R9: any
    délit, 4e or 5e class counted does, whichever retrait it is). Not beside
    a last retrait whose class is known ("2 points pour un excès de 22 km/h payé le 15 août", 4e classe, R4; T8 c37):
    the earlier retrait's class changes nothing then."""
    classes = [_scale_of(r, facts, today_).get("offence_class")
               or (r.offence_class if r.offence_class in rules_core.OFFENCE_CLASSES else None) for r in retraits]
    if None not in classes:
        return None
    if any(klass in _THREE_YEAR_CLASSES for klass in classes):
        # a retrait of a known 4e/5e class or délit already makes the delay 3 years, whatever the unknown class (R9):
        # "feu rouge le 20 janvier et 2 points le 5 mai" needs no "j'ai compté le délai le plus long" hedge
        return None
    last = max(range(len(retraits)), key=lambda n: retraits[n].realite)
    if classes[last] is None:
        # (an excess of 1 point, its limit not told: the 4e classe of a limit of 50 km/h or less, said with the other;
        # T35 c14)
        single_excess = retraits[last].offence_type == "speeding" and (
            retraits[last].points or facts.number("last_offence_points")) == 1
        return SINGLE_POINT_EXCESS_CLASS_NOTE if single_excess else CLASS_ASSUMED_NOTE
    # an earlier retrait's class not known makes the delay 3 years, and the answer names it a 4e classe: that one is
    # named, the last one's class being known (T12 c10: "Sans la nature de l'infraction…" beside "(contravention de 4e
    # classe)" read as a contradiction)
    unknown = [retraits[n] for n, klass in enumerate(classes) if klass is None]
    said = partial_date_or_none(unknown[0].said_date)
    paid = (f"le {format_long_fr(unknown[0].realite)}" if said is None or said.precision == "day"
            else f"en {said.french()}")
    return (f"Sans la nature de l'infraction payée {paid} ni le montant de son amende, je l'ai comptée comme une "
            f"{CLASS_FR[UNKNOWN_CLASS_STANDS_FOR]}, celle du délai de récupération le plus long (3 ans).")




# "j'ai 9 points", "il me reste 9 points", "je suis à 9": the balance now (not "j'avais 12 avant")
_BALANCE_NOW = re.compile(r"\b(?:j'?\s?ai|il me reste|me reste|je suis a|j'?\s?en ai|solde (?:est )?de)\s+(?:encore\s+)?"
                          r"\d+\s*(?:points?|pts?)\b|\b\d+\s*(?:points?|pts?)\s+(?:actuellement|aujourd'?\s?hui|"
                          r"en ce moment|restants?)\b"
                          # "il me reste 5, si je fais un stage ?" (T13 c32): the count alone, ending its clause
                          r"|\b(?:il me reste|il m'?\s?en reste|j'?\s?en ai)\s+(?:encore\s+)?\d+\s*(?=[,.;!?]|$)")


# a count with "aujourd'hui", "maintenant", "actuellement" next to it is today's, whatever count the message says
# before the offences ("il avait 12. il a 8 points aujourd'hui d'après le site": T22 c22 got "Avec 8 points avant
# l'infraction, il lui restera 2 points")
# (and "8 c'est MAINTENANT, après le retrait", the count said again as today's, after the retrait: T22 c22)
BALANCE_TODAY = re.compile(r"\b\d+\s*(?:points?|pts?)?\s+(?:actuellement|aujourd'?\s?hui|maintenant|en ce moment)\b"
                           r"|\b\d+\s*(?:points?|pts?)?,?\s+(?:c'?\s?est\s+)?(?:(?:actuellement|aujourd'?\s?hui|maintenant"
                           r"|en ce moment)\W+)?apres (?:le|les|son|ses|mon|mes) retraits?\b"
                           r"|\b\d+\s*(?:points?|pts?)?,?\s+c'?\s?est\s+(?:actuellement|aujourd'?\s?hui|maintenant"
                           r"|en ce moment)\b"
                           r"|\b(?:actuellement|aujourd'?\s?hui|maintenant|en ce moment)\W+(?:il|elle|j'?)\s?"
                           r"(?:a|ai|en a|en ai|est a|suis a)\s+\d+")


def balance_told_by_the_user(tracker: Tracker) -> bool:
    """Whether the balance the slot holds was set from a user message (Rasa's mapping, right after it), not computed
    by the assistant and set by an action (a form's "D'après ce que vous m'avez dit, votre solde est aujourd'hui de
    3 points"). When no slot event says it, it is taken as told."""
    after_user = False
    told: Optional[bool] = None
    for event in tracker.events:
        kind = event.get("event")
        if kind == "user":
            after_user = True
        elif kind == "action":
            after_user = False
        elif kind == "slot" and event.get("name") == "current_balance" and event.get("value") is not None:
            told = after_user
    return True if told is None else told


def _balance_said_now(tracker: Tracker) -> bool:
    """The balance said with the retraits is said in the present ("J'ai 9 points, …"), not as the one before them."""
    for event in reversed(tracker.events):
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        if any(e.get("entity") == "points" and e.get("role") == "balance" for e in entities) and (
                any(e.get("entity") == "points" and e.get("role") in (None, "lost") for e in entities)
                or retraits_in_message(entities)):
            folded = fold(event.get("text") or "")
            return bool(_BALANCE_NOW.search(folded)) and not BALANCE_BEFORE.search(folded)
    return False


def todays_balance_told(tracker: Tracker) -> Optional[int]:
    """The balance a user message says is today's ("il a 8 points aujourd'hui", "8 c'est maintenant, après le
    retrait"), when it is the balance known (R1); None otherwise."""
    balance = tracker.get_slot("current_balance")
    if not isinstance(balance, (int, float)) or isinstance(balance, bool):
        return None
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        for found in BALANCE_TODAY.finditer(fold(event.get("text") or "")):
            count = re.search(r"\d+", found.group(0))
            if count is not None and int(count.group(0)) == int(balance):
                return int(balance)
    return None


def _balance_today_after_one_before(tracker: Tracker) -> bool:
    """The latest message says a balance before the offences and another as today's ("il avait 12. il a 8 points
    aujourd'hui"): the balance kept is today's, after the retraits told."""
    folded = fold((tracker.latest_message or {}).get("text") or "")
    return bool(BALANCE_TODAY.search(folded)) and bool(BALANCE_BEFORE.search(folded))


def _balance_said_with_retraits(tracker: Tracker) -> Optional[int]:
    """"j'avais 12 points, j'en ai perdu 3 en mars…": the balance said in a message that tells retraits."""
    said = _balance_said_event(tracker)
    return said[0] if said is not None else None


def _retraits_after_the_balance_said(tracker: Tracker, retraits: List[ToldRetrait]) -> List[ToldRetrait]:
    """The retraits told that the balance said does not count yet: all of them, unless that balance was said, after
    an answer on them, in a later message naming one of the later offences told ("j'étais à 5 points avant le
    téléphone de juin", "5 points en mai, puis le téléphone payé le 1er juin", after a stop of 2016): the retraits
    before that offence are in the balance said (R1), so the walk starts at it, not at the first one (tester T38 c21
    got the 10-year answer again, twice, instead of 5 − 3 = 2)."""
    said = _balance_said_event(tracker)
    if said is None or len(retraits) < 2:
        return retraits
    _, event = said
    users = [e for e in tracker.events if e.get("event") == "user"]
    if not users or event is users[0]:
        return retraits  # (a story told in one message: its balance is the one before them all)
    entities = (event.get("parse_data") or {}).get("entities", [])
    named = {e.get("value") for e in entities if e.get("entity") == "offence_type"}
    dated = {e.get("value") for e in entities if e.get("entity") == "date"}
    first = next((n for n, retrait in enumerate(retraits) if retrait.offence_type in named), None)
    if not first or any(retrait.said_date in dated for retrait in retraits[:first]):
        return retraits
    return retraits[first:]


# "avant le stage j'avais 7 points", "j'avais 7 points avant ce stage" (folded text): a balance said before a stage done
_BEFORE_THE_STAGE = re.compile(r"\bavant (?:le|ce|mon|son|leur|notre|votre) (?:dernier )?stage\b")


def _balance_said_before_the_stage(tracker: Tracker) -> bool:
    """The balance said with the retraits (`_balance_said_event`) is said as the one before the stage done ("avant le
    stage j'avais 7 points"), not before the offences."""
    said = _balance_said_event(tracker)
    return said is not None and bool(_BEFORE_THE_STAGE.search(fold(said[1].get("text") or "")))


def _balance_said_event(tracker: Tracker) -> Optional[Tuple[int, dict]]:
    """The balance said with retraits (`_balance_said_with_retraits`) and the user event that said it."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        entities = (event.get("parse_data") or {}).get("entities", []) if event.get("event") == "user" else []
        if entities and not retraits_in_message(entities) and _says_back_an_answered_balance(events, index):
            # "mais vous m'avez dit juste avant que j'avais 6 points ??": the balance of today an answer established,
            # said back, which counts the retraits; not the one before them (tester T35 c07: 6 − 2, "4 points (6
            # points avant l'infraction)"; R1, R2)
            continue
        # (or a correction of that balance: "ah non j'avais 10 points avant en fait", W C21b)
        # (or said as the one before, in a message of its own: "j'avais 12", "il me restait 10 points avant", T3 c43)
        if any(e.get("entity") == "points" and e.get("role") in (None, "lost") for e in entities) \
                or retraits_in_message(entities) or BALANCE_BEFORE.search(fold(event.get("text") or "")):
            # (not "Mes Points Permis affiche 0", told with the offence's month: the balance after the retraits, T8 c24)
            # (nor "Sur Mes Points Permis il y a marqué 4 points" told after the retraits: the file's balance, which
            # counts the retraits recorded, R1; T32 c25 got "solde calculé -4 … 48SI" from 4 taken as the one before)
            shown = _RECORDED_BALANCE.search(fold(event.get("text") or ""))
            on_file = next((int(g) for g in shown.groups() if g and g.isdigit()), None) if shown else None
            if on_file is not None and retraits_in_message(entities, event.get("text") or "") and \
                    _NOT_SHOWN_YET.search(fold(event.get("text") or "")):
                # "le site m'affiche 7 points mais j'ai payé une amende de 4 points il y a 10 jours, c'est normal que ça
                # s'affiche pas ?": the file's balance before that retrait, which it does not show yet (R2, R18: the
                # display lags), 7 − 4 = 3 (tester T50 c28 got 12 − 4 = 8 and a gap "from a retrait I do not know")
                on_file = None
            said = [e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") == "balance"
                    and int(e.get("value")) > 0 and int(e.get("value")) != on_file]
            if said:
                return int(said[0]), event
    return None


# a retrait the national file does not show yet, as the user says it (folded): "ça s'affiche pas", "pas encore retiré",
# "le site n'est pas à jour", "il n'apparaît toujours pas"
_NOT_SHOWN_YET = re.compile(r"\b(?:s'?affiche\w*|apparai\w*|figure\w*) (?:toujours |encore )?pas\b"
                            r"|\bpas (?:encore |toujours )?(?:a jour|mis a jour|pris en compte|affiche\w*|enregistre\w*"
                            r"|retire\w*|deduit\w*|enleve\w*|apparu\w*)\b|\bpas encore\b")


def _says_back_an_answered_balance(events: List[dict], index: int) -> bool:
    """Whether the user message events[index] tells, as its balance, only the one an answer established before it
    (_balance_an_answer_established), with no points lost."""
    entities = (events[index].get("parse_data") or {}).get("entities", [])
    said = {e.get("value") for e in entities if e.get("entity") == "points" and e.get("role") in (None, "balance")}
    if not said or any(e.get("entity") == "points" and e.get("role") == "lost" for e in entities):
        return False
    answered = {_balance_an_answer_established(event) for event in events[:index]}
    return said <= answered


def stage_dates_said(tracker: Tracker) -> List[str]:
    """The stage dates of the user's messages (ISO, maybe a month only), in order; a message that corrects ("non,
    le stage c'était le 20 avril") replaces the last one said before."""
    said: List[str] = []
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        dates = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                 if e.get("entity") == "date" and e.get("role") == "stage" and isinstance(e.get("value"), str)
                 and not _STAGE_DENIED.search(fold(text[:e.get("start", 0)]))]
        if dates and _ONE_STAGE_ONLY.search(fold(text)):
            # "un seul stage en tout le 8-9 juillet 2024": the stages told before were that one (R12)
            said = []
        elif said and len(dates) == 1 and reads_as_correction(text):
            said.pop()
        said.extend(dates)
    # "en juillet 2024 j'ai fait un stage (8-9 juillet)": the month and its day are one stage, the day kept (T40 c29
    # counted a second stage on 30-31 July)
    return [d for n, d in enumerate(said) if len(d) == 10 or not any(
        len(other) == 10 and other.startswith(d + "-") for other in said)
        and d not in said[:n]]


# "qu'un seul stage", "un seul stage en tout", "un stage en tout": the user counts their stages
_ONE_STAGE_ONLY = re.compile(r"\b(?:qu'?un|un) seul stage\b|\bun (?:seul )?stage en tout\b")
# "aucun stage en 2026 ni le 30 juillet", "pas le 30 juillet": a date denied just before it
_STAGE_DENIED = re.compile(r"(?:\bni|\bpas|\baucun stage)(?: (?:en|le|les|du|au|de|l'))?\s*$")


def stage_dates_told(tracker: Tracker) -> List[str]:
    """The stages the user told (ISO dates, maybe a month only): those of their messages, then the stage slots (the
    last stage that gave points, the stage of the question)."""
    told = stage_dates_said(tracker)
    for slot in ("previous_stage_date", "stage_first_day"):
        value = tracker.get_slot(slot)
        if isinstance(value, str) and value != NO_PREVIOUS_STAGE and value not in told:
            told.append(value)
    return told


def history_decision(facts: Facts, today_: date, *, assume_full_before: bool, not_recorded_on: Optional[date] = None,
                     stages_done_by: Optional[date] = None):
    """The recovery (with the balance today) of the retraits told with their dates (R1, R8–R10), or the
    probation status when the licence may be probationary (R5, R7). None when no dated retrait is told.
    `not_recorded_on`: the retraits not recorded by that day are counted as to come, not withdrawn yet (R18);
    `stages_done_by`: the stages counted are those done by that day (not a stage still planned, `today_` later)."""
    # (an offence told that costs no point, "feu orange payé le 3 mars" (35 €, R4), withdraws nothing: not a retrait)
    retraits = [r for r in told_retraits(facts.tracker) if not _costs_no_point(r, facts, today_)]
    if not retraits:
        return None
    of_the_48n = retrait_of_the_48n(facts, retraits, today_)
    if of_the_48n is not None:
        retraits = sorted([*retraits, of_the_48n], key=lambda r: r.realite)
    counted = _retraits_after_the_balance_said(facts.tracker, retraits)
    # (the offences said "since", undated, came before the last one told: in a balance said just before it)
    facts.since_in_the_balance = counted is not retraits and counted[-1] is retraits[-1] and len(counted) == 1
    retraits = counted
    offences = [_offence_of(r, facts, today_) for r in retraits]
    if None in offences:
        return None
    assumed = class_assumed_note(retraits, facts, today_)
    if assumed:
        facts.notes.append(assumed)
    if not_recorded_on is not None:
        offences = [o if _recorded_by(r, r is retraits[-1], not_recorded_on, facts) else {**o, "realite": None}
                    for r, o in zip(retraits, offences)]
    scale_note = _scale_points_counted(retraits, offences, facts, today_)
    if scale_note and scale_note not in facts.notes and (
            not scale_note.startswith(SCALE_COUNTED_LEAD) or not _said_in_the_conversation(facts.tracker, scale_note)
            or _offence_said_forgotten(facts.tracker)):
        # (once: the same scale counted for the same offences is not said again in each answer, t60-c17 had it 3
        # times; again when the user says an offence was left out: "vous avez oublié le téléphone !", T42 c14)
        facts.notes.append(scale_note)
    for readings in _speeds_told_read_as_kept(retraits, today_):
        if readings not in facts.notes:
            facts.notes.append(readings)
    before = len(facts.notes)
    decision = _history_decided(facts, today_, retraits, offences, assume_full_before, stages_done_by)
    # (the computation's own notes said after the dates' precision, as before)
    own_notes = facts.notes[before:]
    del facts.notes[before:]
    for n, retrait in enumerate(retraits):
        # "perdu 3 points en mai": the last day of May counted, and said (not shown as exact) when the first day of
        # the month would change the answer; "un téléphone en mars et un feu rouge en juin": March's day changes
        # nothing the answer says (the 3 years run from June's), so its day is neither asked nor mentioned (T18)
        if not _day_changes_the_answer(decision, facts, today_, retraits, offences, n, assume_full_before,
                                       stages_done_by):
            facts.stand_in(retrait.said_date, retrait.realite)  # ("payée en janvier 2016", no day said)
            continue
        counted = offences[n]["points"] if _points_above_the_speeds_scale(retrait, _scale_of(retrait, facts, today_)) \
            else retrait.points  # (the scale's, when the count told could not be: T61 c11)
        facts.say_precision(retrait.said_date, retrait.realite, "le retrait de " + (
            f"{counted} point{'s' if counted > 1 else ''}" if counted else "points"),
            of_a_slot=False)
    facts.notes.extend(own_notes)
    shown = recorded_balance_said(facts.tracker) if not_recorded_on is None and today_ == today() else None
    computed = decision.results.get("balance") if decision is not None and decision.question == "recovery" else None
    if shown is not None and isinstance(computed, int) and shown != computed and \
            _balance_said_with_retraits(facts.tracker) is None:
        # "Sur Mes Points Permis il y a marqué 4 points. C'est cohérent ?": the file's balance beside the one computed
        # (R1: the national file prevails; T32 c25 was never told why they differ)
        facts.notes.append(file_and_computed_balances(shown, computed))
    return decision


def retrait_of_the_48n(facts: Facts, retraits: List[ToldRetrait], today_: date) -> Optional[ToldRetrait]:
    """A lettre 48N received while none of the retraits told before its receipt withdrew 3 points or more: the retrait
    it was sent for (R15: a 48N follows a retrait of 3 points or more in probation, recorded before the letter), the
    offence told with the letter (its scale's points, R4), else the least a 48N tells, dated the day the letter was
    received, the latest it can have been recorded on; a note says so. None otherwise (tester T50 c19: "6 points sur
    6" with the 2 points of March 2025 alone, the 48N's 3 points for 32 km/h forgotten, 3 sur 6 expected, R7)."""
    received = partial_date_or_none(facts.slot("letter_48n_date")) if letter_48n_received(facts.tracker) else None
    if received is None or received.latest() > today_:
        return None
    least = rules_core.load_params().at(today_).value("letter_48n.min_points")
    for retrait in retraits:
        offence = _offence_of(retrait, facts, today_)
        if offence is None or (offence["points"] >= least and retrait.realite <= received.latest()):
            return None  # (that retrait is the 48N's, or one whose points are not known)
    kind, known = None, {}
    for event in reversed(facts.tracker.events):
        entities = (event.get("parse_data") or {}).get("entities") or [] if event.get("event") == "user" else []
        if any(e.get("entity") == "letter_code" and e.get("value") == "48N" for e in entities):
            kinds = {e.get("value") for e in entities if e.get("entity") == "offence_type"}
            kind = kinds.pop() if len(kinds) == 1 else None
            known = {e["entity"]: e.get("value") for e in entities
                     if e.get("entity") in ("speed_limit", "speed_measured", "speed_excess")}
            break
    points = offence_scale(kind, known).get("last_offence_points") if kind else None
    if not points or points < least:
        kind, points = None, least
    from actions.offence_history import SPEED_ARGUMENTS
    speeds = tuple((SPEED_ARGUMENTS[name], int(known[name])) for name in ("speed_excess", "speed_limit")
                   if name in known and known[name] is not None and "speed_measured" not in known)
    said = received.latest()
    note = (f"J'ai compté le retrait de {points} points pour lequel vous avez reçu la lettre 48N, au "
            f"{format_long_fr(said)}, jour de sa réception : il a été enregistré avant, à une date que vous ne m'avez "
            "pas indiquée. Donnez-moi la date du paiement de l'amende pour un calcul exact (article R.223-4 du Code de "
            "la route).")
    if note not in facts.notes:
        facts.notes.append(note)
    return ToldRetrait(points=points, said_date=said.isoformat(), offence_type=kind, speeds=speeds if kind else (),
                       paid_said=False, lost_said=False)


def file_and_computed_balances(shown: int, computed: int) -> str:
    """The balance read on the national file beside the one computed from the retraits told: the file prevails, and
    where the gap may come from (R1, R19)."""
    return (f"« Mes Points Permis » affiche {shown} point{'s' if shown > 1 else ''}, mon calcul en donne {computed} : "
            "c'est le solde du Fichier national des permis de conduire qui fait foi. L'écart vient d'un retrait que je "
            "ne connais pas, de points retirés autres que ceux du barème, ou d'un point revenu pas encore affiché ; "
            "votre relevé d'information intégral (demandé à la préfecture) détaille chaque retrait "
            "(article L.225-3 du Code de la route).")


# "pourquoi le site affiche 4 et pas 5 ?", "c'est qui qui a raison ?", "c'est cohérent ?" (folded text)
_ASKS_WHY_THE_FILE_DIFFERS = re.compile(r"\bpourquoi\b|\bqui (?:qui )?a raison\b|\bcoherent\b|\bnormal\b|\bdifference\b"
                                        r"|\becart\b")


def file_balance_doubted(tracker: Tracker) -> Optional[str]:
    """"pourquoi le site affiche 4 et pas 5 ? c'est qui qui a raison ?" after a balance computed from the retraits
    told: the file prevails, and why both may differ (R1; tester T32 c25 got "Je n'ai pas bien compris"). None when
    the latest message reads no balance on the file, asks nothing of it, or the computed balance is the same."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    shown = _RECORDED_BALANCE.search(text)
    if shown is None or not _ASKS_WHY_THE_FILE_DIFFERS.search(text) or not told_retraits(tracker, before_latest=True) \
            or told_retraits_in_latest_message(tracker):
        return None  # (a story told with the file's balance gets its answer, which says it: history_decision)
    said = next(group for group in shown.groups() if group)
    shown_points = 0 if said == "zero" else int(said)
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except rules_core.InconsistentFacts:
        return None
    computed = decision.results.get("balance") if decision is not None and decision.question == "recovery" else None
    if not isinstance(computed, int) or computed == shown_points:
        return None
    return file_and_computed_balances(shown_points, computed)


# "moi je pense que j'en ai 8", "moi j'ai compté 8", "d'après mes calculs 8" (folded text): the user's own count
_OWN_COUNT = re.compile(r"\bmoi\b[^.?!]{0,30}?\b(?:pense|crois|compte|calcule|trouve|dis|ai|suis a|en ai)\b[^.?!]{0,15}?"
                        r"\b(\d{1,2})\b(?!\s*(?:[/.,]\s?\d|€|euros?|km))"
                        r"|\b(?:mon calcul|mes calculs|j'ai compte|jai compte|d'apres moi|selon moi)\b[^.?!]{0,20}?"
                        r"\b(\d{1,2})\b(?!\s*(?:[/.,]\s?\d|€|euros?|km))")


def own_count_against_the_file(tracker: Tracker) -> Optional[str]:
    """"sur le site ça marque 10 mais moi je pense que j'en ai 8, qui a raison ?", "le site officiel dit 10, moi j'ai
    compté 8": the file's balance prevails, and where the gap may come from (R1, R19); the user's count is theirs, not a
    computation of the assistant (tester T37 c32 got a request to rephrase, then "Quelle est votre question ?", then how
    to check the balance). None when the message does not say both figures, or they are the same."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    shown, own = _RECORDED_BALANCE.search(text), _OWN_COUNT.search(text)
    if shown is None or own is None:
        return None
    said = next(group for group in shown.groups() if group)
    shown_points, own_points = 0 if said == "zero" else int(said), int(next(g for g in own.groups() if g))
    if shown_points == own_points:
        return None
    return (f"« Mes Points Permis » affiche {_points_fr(shown_points)}, vous en comptez {own_points} : c'est le solde du "
            "Fichier national des permis de conduire qui fait foi (article L.223-1 du Code de la route). L'écart vient "
            + ("souvent d'un retrait pas encore enregistré (l'affichage peut avoir quelques semaines de retard sur une "
               "infraction récente), ou d'un retrait différent du barème"
               if own_points < shown_points else
               "souvent d'un point revenu que vous n'avez pas compté (après 6 mois, 2 ou 3 ans sans nouvelle infraction, "
               "ou un stage), ou d'un retrait différent du barème")
            + " ; votre relevé d'information intégral, demandé à la préfecture, détaille chaque retrait (article L.225-3 "
            "du Code de la route). Dites-moi vos infractions et leurs dates si vous voulez que je refasse le calcul.")


def _speeds_told_read_as_kept(retraits: List[ToldRetrait], today_: date) -> List[str]:
    """"flashée à 89 sur une route à 80 l'hiver dernier et un stop au printemps": each speeding of the story counted
    from the figure told read as the speed kept after the radar's margin (the avis's), when the same figure read as
    the speed the radar measured gives other points (89 measured → 84 kept, 4 km/h over: none since 2024): which speed
    was taken and what the other reading gives (R4 edge case; arrêté du 4 juin 2009), as speed_read_as_kept says it of
    the one offence of the slots. Not for a retrait told with its points (the user's count stays)."""
    said = []
    for retrait in retraits:
        speeds = dict(retrait.speeds)
        limit, figure = speeds.get("speed_limit_kmh"), retrait.speed_told
        if retrait.offence_type != "speeding" or retrait.points is not None or figure is None or limit is None \
                or speeds.get("excess_kmh", figure - limit) != figure - limit:
            continue
        try:
            scale = rules_core.offence_points(offence="speeding", commission=retrait.realite, today=today_,
                                              speed_limit_kmh=int(limit), recorded_speed_kmh=int(figure))
        except (rules_core.InconsistentFacts, TypeError, ValueError):
            continue
        readings = speed_readings(scale)
        if readings:
            said.append(readings)
    return said


def _points_above_the_speeds_scale(retrait: ToldRetrait, scale: dict) -> bool:
    """A speeding told with its points and its speeds, the points more than the scale gives for those speeds read as
    the retained speed's (R4: the radar's margin only lowers the excess, never raises it): a count that cannot be."""
    return retrait.offence_type == "speeding" and bool(retrait.points) and bool(retrait.speeds) and \
        isinstance(scale.get("points"), int) and 0 < scale["points"] < retrait.points


def _said_in_the_conversation(tracker: Optional[Tracker], text: str) -> bool:
    """Whether the assistant already said that text in one of its messages of this conversation."""
    return tracker is not None and any(text in (event.get("text") or "") for event in tracker.events
                                       if event.get("event") == "bot")


SCALE_COUNTED_LEAD = "Vous ne m'avez pas indiqué les points retirés"
# "vous avez oublié le téléphone", "il manque le feu rouge", "vous n'avez pas compté le stop" (folded text)
_OFFENCE_FORGOTTEN = re.compile(r"\b(?:oubli\w*|manqu\w*|pas (?:compte|pris en compte|pris)|omis)\b")


def _offence_said_forgotten(tracker: Optional[Tracker]) -> bool:
    """The latest message names an offence and says it was left out of the count."""
    message = (tracker.latest_message or {}) if tracker is not None else {}
    return any(e.get("entity") == "offence_type" for e in message.get("entities", [])) and \
        bool(_OFFENCE_FORGOTTEN.search(fold(message.get("text") or "")))


def _scale_points_counted(retraits: List[ToldRetrait], offences: List[dict], facts: Facts, today_: date) -> str:
    """"un téléphone en mars et un feu rouge en juin": the points of the offences told without them are the scale's
    (R4); the answer says which ("J'ai compté les points du barème : 3 points pour « téléphone … » …"). "" when every
    retrait was told with its points. A speeding told with more points than its speeds can withdraw: the scale's
    counted, and said."""
    counted = []
    for retrait, offence in zip(retraits, offences):
        scale = _scale_of(retrait, facts, today_) if retrait.points else {}
        if _points_above_the_speeds_scale(retrait, scale):
            return speeding_count_corrected_note(retrait.points, scale["points"], dict(retrait.speeds).get("excess_kmh"))
        if retrait.points:
            continue
        scale = _scale_of(retrait, facts, today_)
        label = scale.get("label_fr") or ""
        klass = CLASS_FR.get(offence.get("offence_class")) if scale.get("offence_class") else None
        counted.append(f"{offence['points']} point{'s' if offence['points'] > 1 else ''} pour « {label} »"
                       + (f" ({klass})" if klass else ""))
    if not counted:
        return ""
    listed = counted[0] if len(counted) == 1 else ", ".join(counted[:-1]) + " et " + counted[-1]
    return (f"{SCALE_COUNTED_LEAD} : j'ai compté ceux du barème, {listed}. Si votre relevé "
            "(« Mes Points Permis ») en indique d'autres, dites-les-moi.")


def _day_changes_the_answer(decision, facts: Facts, today_: date, retraits: List[ToldRetrait], offences: List[dict],
                            n: int, assume_full_before: bool, stages_done_by: Optional[date]) -> bool:
    """Whether the retrait `n`, told by its month or year only (its last day counted, the safe date), would give
    another answer on its first day: the key dates and results compared (the issue's rule: ask for the day, or say
    the safe date, only when the day changes the answer), or whether the answer shows the day counted. True for a day counted back from a rounded duration ("il y
    a huit mois"), whose note is said as before, and when the answer cannot be computed."""
    retrait = retraits[n]
    partial = PartialDate.parse(retrait.said_date)
    if partial.precision == "day" or decision is None:
        return True
    if format_long_fr(retrait.realite) in render(decision).replace(f"payée le {format_long_fr(retrait.realite)}", ""):
        return True  # ("12 points avant l'infraction du 31 mai 2026": the day counted is shown, so it is said)
    earliest = replace(retrait, said_date=partial.earliest().isoformat())
    offence = _offence_of(earliest, facts, today_)
    if offence is None:
        return True
    # (its days only: a retrait not recorded yet stays so, history_decision's `not_recorded_on`)
    moved = {**offences[n], "commission": offence["commission"],
             "realite": offence["realite"] if offences[n].get("realite") is not None else None}
    notes = list(facts.notes)  # (the notes of the other computation are not the answer's)
    try:
        other = _history_decided(facts, today_, [*retraits[:n], earliest, *retraits[n + 1:]],
                                 [*offences[:n], moved, *offences[n + 1:]], assume_full_before, stages_done_by)
    except rules_core.InconsistentFacts:
        return True
    finally:
        facts.notes[:] = notes
    if other is None or other.outcome != decision.outcome:
        return True
    # (what the user reads: the same numbers and dates, a date past whatever the day counting as the same, "revenus
    # le 18 janvier 2026" or "le 31 janvier 2026" by the 10-year rule; T35 c06)
    return compared_answers(_paid_in_the_month(render(other), partial.earliest()),
                            _paid_in_the_month(render(decision), retrait.realite),
                            (retrait.realite - partial.earliest()).days if retrait.realite else 0) != "same"


def letter_48n_day(facts: Facts) -> Optional[date]:
    """The day the 48N was received, when told to the day: the balance's line on that 48N then says its own deadline,
    running, met or missed (R15, R16), not the general rule's refund (tester T25 c17). None for a month only, whose
    days may fall on both sides of the deadline."""
    value = facts.slot("letter_48n_date")
    partial = partial_date_or_none(value) if letter_48n_received(facts.tracker) else None
    if partial is None or partial.precision != "day" or letter_48n_receipt_days(facts.tracker) is not None:
        return None  # ("fin octobre": its 21st is counted, not told; receipt_day_changes_the_answer says both sides)
    return partial.earliest()


def _without_told_days(results: Any) -> Any:
    """A decision's results without the days of the offences as given to the engine (their commission and réalité,
    echoed back): what it computed from them."""
    if isinstance(results, dict):
        return {k: _without_told_days(v) for k, v in results.items() if k not in ("commission", "realite")}
    if isinstance(results, (list, tuple)):
        return [_without_told_days(v) for v in results]
    return results


def _history_decided(facts: Facts, today_: date, retraits: List[ToldRetrait], offences: List[dict],
                     assume_full_before: bool, stages_done_by: Optional[date]):
    """history_decision's computation, from the retraits told and the offences the engine takes."""
    licence = facts.licence_date
    # the stages the user did count in the balance, capped at the ceiling of their day (R12, R13, R18)
    stages = [first for first in facts.stages_done(stages_done_by or today_) if licence is None or first >= licence]
    if licence is not None and licence_may_be_probationary(facts.tracker):
        decision = rules_core.probation_status(licence_date=licence, today=today_, aac=facts.aac,
                                               relicensed=facts.relicensed,
                                               training_date=facts.day("training_date", "latest"),
                                               offences=[o for o in offences if o["commission"] >= licence],
                                               stages=stages, letter_48n_received=letter_48n_day(facts))
        # "J'avais 6 points" before an offence committed once the ceiling was 8: the calculation starts from 8, and
        # says why (R5; tester T41 c29 replaced the 6 by 8 without a word)
        committed = [o["commission"] for o in offences if o.get("commission") is not None and o["commission"] >= licence]
        from actions.follow_ups import stated_balance_below_the_ceiling
        plan = probation_plan(licence_date=licence, aac=facts.aac, relicensed=facts.relicensed,
                              training_date=facts.day("training_date", "latest")) if committed else None
        note = stated_balance_below_the_ceiling(facts.tracker, plan.ceiling_on(min(committed)),
                                                sum(o.get("points") or 0 for o in offences)) \
            if plan is not None and plan.is_probationary_on(min(committed)) else None
        if note and note not in facts.notes:
            facts.notes.append(note)
        return decision
    start = _balance_said_with_retraits(facts.tracker)
    before_stage = None
    if start is not None and _full_said_above_the_ceiling(facts, licence, offences, start):
        start = None  # (the engine starts from the ceiling of the first offence's day)
    if start is not None and _balance_said_now(facts.tracker):
        # "J'ai 9 points, j'ai fait un stage en mars 2026, je viens de perdre 3 points hier": a balance said in the
        # present already counts the stages done; only the retraits told may still be to come (R12, R18; T3 c36)
        stages = [first for first in stages if first >= today_]
    elif start is not None:
        # "J'avais 10 points. J'ai payé une amende pour un stop grillé le 25 novembre", the last stage on 16 March 2026:
        # the balance just before the first offence told counts the stages done before it; they are not added again
        # (R12; tester T33 c15 got "12 points ce jour-là", then "solde final 8" for a stage that gives none: 10 − 4 = 6)
        days = [o.get("commission") or o.get("realite") for o in offences]
        first_offence = min((d for d in days if d is not None), default=None)
        if first_offence is not None:
            earlier = [first for first in stages if first < first_offence]
            # "avant le stage j'avais 7 points, le stage m'en a rendu 4, et la ceinture c'était le 2 novembre": the
            # balance said is the one before the last stage done before the offences, which counts from it (7 + 4 − 3
            # = 8, R1, R12; tester T42 c06 got 7 − 3 = 4, the stage left out)
            if earlier and _balance_said_before_the_stage(facts.tracker):
                before_stage = max(earlier)
            stages = [first for first in stages if first >= (before_stage or first_offence)]
    if start is None and balance_told_before_establishment(facts.tracker) and \
            all(offence.get("realite") is None for offence in offences):
        # "il me reste que 4 points" told after "flashé à 145 hier soir": no retrait yet, the balance before it (R2)
        start = facts.number("current_balance")
    if start is None and licence is None and assume_full_before:
        start = 12
        facts.notes.append(FULL_BEFORE_NOTE)
    return rules_core.automatic_recovery(offences=offences, today=today_, licence_date=licence, aac=facts.aac,
                                         training_date=facts.day("training_date", "latest"),
                                         balance_before=start,
                                         offences_since=offences_said_since(facts.tracker)
                                         and not _offences_since_listed(offences)
                                         and not facts.since_in_the_balance,
                                         stages=stages, relicensed=facts.relicensed,
                                         invalidated_on=facts.invalidated_on, balance_before_stage=before_stage)


def _full_said_above_the_ceiling(facts: Facts, licence: Optional[date], offences: List[dict], start: int) -> bool:
    """The balance before the offences said as full ("il avait tous ses points", read as 12) of a licence whose first
    offence told was committed during its probation, when the ceiling was lower (R5, R7): that full balance is the
    ceiling of that day, not 12 (tester T28 c04 got "le solde avant la première infraction doit être compris entre 1
    et 10 points")."""
    committed = [o["commission"] for o in offences if o.get("commission") is not None]
    if licence is None or not committed or start != rules_core.load_params().at(min(committed)).value("capital.max"):
        return False
    plan = probation_plan(licence_date=licence, aac=facts.aac, relicensed=facts.relicensed,
                                     training_date=facts.day("training_date", "latest"))
    return plan is not None and plan.is_probationary_on(min(committed)) and plan.ceiling_on(min(committed)) < start


def _offences_since_listed(offences: List[dict]) -> bool:
    """The offences "since" told one by one with their days ("depuis elle a pris des petites amendes régulièrement :
    1 point en 2018, 1 point en 2020, 2 points en 2022…"): at least two retraits dated after the first one. The engine
    counts them (R8, R9, R10) instead of supposing that none of the 6-month or 2/3-year delays could run (T26 c21)."""
    days = [o.get("commission") or o.get("realite") for o in offences]
    days = [d for d in days if d is not None]
    return len(days) >= 3 and sum(1 for d in days if d > min(days)) >= 2


def stage_credit_told(tracker: Tracker, today_: date) -> Optional[rules_core.Reason]:
    """What the stage of the question gave, or will give if it is followed in full, when the facts told compute the
    balance before it (R12; R15 example 1: the 48N stage of 12-13 January 2026 gives 3 points, 6 out of 6, on 14
    January): its line in the balance of the retraits told, or of the probation's offence known from the slots, counted
    up to the day it takes effect. None when the balance before it is not known."""
    facts = Facts(tracker)  # (its notes belong to that balance, not to the answer that borrows one line)
    first = facts.day("stage_first_day", "earliest")
    if first is None:
        return None
    _, last = stage_days(facts)
    when = max(today_, last + timedelta(days=1))
    try:
        decision = history_decision(facts, when, assume_full_before=False)
        licence = facts.licence_date
        offences = offence_told(tracker.slots)
        if decision is None and licence is not None and offences and licence_may_be_probationary(tracker):
            # the offence asked by the probation form ("le 10 septembre 2025" to its date): the same balance (R7)
            decision = rules_core.probation_status(licence_date=licence, today=when, aac=facts.aac,
                                                   relicensed=facts.relicensed, offences=offences,
                                                   stages=[day for day in facts.stages_done(when) if day >= licence])
    except rules_core.InconsistentFacts:
        return None
    if decision is None or (decision.question == "recovery" and decision.facts.get("balance_before") is None
                            and decision.facts.get("licence_date") is None):
        return None  # (without the licence nor a balance before the retraits, no balance to add the stage to)
    credit = next((r for r in decision.reasons if r.code.startswith("balance.stage_") and r.data["days"][0] == first),
                  None)
    if credit is None or "past" not in credit.data:
        # (a stage still to come that would give nothing is said by the answer's own reasons: R13, R17)
        return credit if credit is not None and last < today_ else None
    # (counted up to the day it takes effect: a stage still to come "vous rendra", said from today)
    return replace(credit, data={**credit.data, "past": credit.data["date"] <= today_})


def with_stage_credit(decision, tracker: Tracker, today_: date, replacing: tuple = ()):
    """The decision with the stage's credit told after its headline, in place of the reasons `replacing` that say
    what a stage may give in general."""
    credit = stage_credit_told(tracker, today_)
    if credit is None:
        return decision
    first, *others = decision.reasons
    return replace(decision, reasons=(first, credit, *(r for r in others if r.code not in replacing)))


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
    worry = low_balance_worry(tracker, decision.results.get("balance"))
    return "\n\n".join([facts.said_by_month(render(decision)), *dict.fromkeys(facts.notes),
                         *([worry] if worry else []), ESTIMATE_CAVEAT])


# "ça craint non ?", "c'est grave ?", "je suis mal barré ?", "j'ai peur de perdre mon permis" (folded)
_WORRY_SAID = re.compile(r"\bcraint\w*|\bc'?\s?est (?:grave|chaud|dangereux)\b|\bmal barre\w*|\binquiet\w*|\bpeur\b"
                         r"|\bflipp\w*|\bje risque\b")


def low_balance_worry(tracker: Tracker, balance: Any) -> Optional[str]:
    """"ça craint non ?" at a low balance computed (6 points or less): what the risk is, and what a stage gives
    (R18, R20: at 0 the licence is invalidated; R12: a stage gives up to 4 points, one a year). Tester T55 c28 got
    "Solde aujourd'hui : 3 points" and nothing of the worry. None when no worry is said or the balance is higher."""
    if not isinstance(balance, int) or isinstance(balance, bool) or not 0 < balance <= 6 or \
            not _WORRY_SAID.search(fold((tracker.latest_message or {}).get("text") or "")):
        return None
    gain = rules_core.load_params().at(today()).value("stage.max_gain")
    return (f"Avec {_points_fr(balance)}, la marge est faible : une infraction qui retire {_points_fr(balance)} ou "
            "plus ferait tomber votre solde à 0, et le permis serait invalidé (lettre 48SI) (article L.223-1 du Code "
            f"de la route). Un stage de sensibilisation vous rendrait jusqu'à {_points_fr(gain)}, sans dépasser votre "
            "plafond, un seul par an (article L.223-6 du Code de la route) : c'est le moyen de remonter vite.")


def balance_at_zero_before_the_48n(tracker: Tracker) -> Optional[str]:
    """The balance answer (`balance_answer`) when a 48N is told received but the retraits told took the balance to 0
    or below before it, so that a 48SI follows instead (R18, R20: "pas une lettre 48N"); None otherwise."""
    if not letter_48n_received(tracker) or invalidation_notified(tracker):
        return None
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except rules_core.InconsistentFacts:
        return None
    if decision is None or not any(r.code == "balance.zero" and r.data.get("past") and r.data.get("instead_of_48n")
                                   for r in decision.reasons):
        return None
    return balance_answer(tracker)


def balance_after_offence_answer(tracker: Tracker) -> Optional[str]:
    """"j'avais 12 points" … "il m'en reste combien ?" after the user's offence: the balance after its retrait, and
    the letter it brings (R1, R19). None when the balance before or the offence's points are not known."""
    facts = Facts(tracker)
    points, balance = facts.number("last_offence_points"), facts.number("current_balance")
    told = [e for e in (tracker.latest_message or {}).get("entities", [])
            if e.get("entity") == "points" and e.get("role") in (None, "lost")]
    if balance and not told and own_offences_points(tracker):
        # "feu rouge + téléphone au même moment…, j'avais 12 pts": the offences of that one check, capped (R3), not
        # the points of the last one named (tester T17 c08: 3 points, the phone's, and no word of the red light)
        points = own_offences_points(tracker)
    story = balance_before_the_offences(tracker)
    largest = None
    if balance and story is not None and len(story[1]) > 1 and story[0] == balance and \
            (not told or sorted(e.get("value") for e in told) == sorted(lost for _, lost in story[1])):
        # "j'avais 12 points, puis un excès de vitesse (-1) et un téléphone (-3)": every offence told after the
        # balance before them, added (R1, R3 example 4), not the last one's points alone (12 − 3 said 9)
        points, largest = sum(lost for _, lost in story[1]), max(lost for _, lost in story[1])
    if not points and balance:
        # "arrêté hier soir, téléphone et pas de ceinture" then "il me restait 10 points avant": the offences of
        # that one check, capped (R3 example 1); of separate checks, added (R3 example 4)
        points = own_offences_points(tracker)
    if not points and balance and tracker.get_slot("offence_type"):
        # "j'avais 12 points. Feu rouge le 3 septembre payé le 10 septembre. Il me reste combien ?": the barème's
        # points of the offence told (R4)
        # (an alcohol level told read with the probation of its day: 0,3 g/l out of probation costs none, T42 c09)
        points = offence_scale(tracker.get_slot("offence_type"), tracker.slots, alcohol=alcohol_level_scale(
            tracker, tracker.get_slot("offence_type"), tracker.slots)).get("last_offence_points")
    if not points or not balance:
        return None
    if balance_echoed_from_an_answer(tracker):
        # "vous venez de me dire qu'il me reste 3 points": the balance the answer left after the retrait, said back;
        # the answer starts again from the balance before it, not from the 3 (3 − 9: "solde calculé -6, 48SI", T33 c11)
        before = _balance_known_before(tracker, balance)
        if before is None or before - min(points, before) != balance:
            return None
        balance = before
    try:
        # (the probation of the offence's day, not today's: R15; tester T31 a04, an offence of the third year paid
        # before the probation ended on 30 November 2026 got "une lettre 48M" instead of the 48N)
        probationary = bool(probation_on(facts, commission_day(tracker.slots))[0])
        decision = rules_core.expected_letter(balance_before=balance, points_withdrawn=points, today=today(),
                                              probationary=probationary,
                                              established_on=retrait_established_on(facts, today()),
                                              largest_offence_points=largest,
                                              ceiling=probation_ceiling_on(facts, probationary, today()),
                                              not_established=fine_not_paid(tracker))
    except rules_core.InconsistentFacts as error:
        return render_error(error)
    confirmed = balance_asked_back_answer(tracker, decision.results.get("balance_after"),
                                          done=decision.facts.get("established_on") is not None)
    still_valid = _still_valid_after_the_retrait(tracker, decision.results.get("balance_after"))
    if still_valid:
        confirmed = f"{confirmed}\n{still_valid}" if confirmed else still_valid
    full = _full_recovery_after_the_retrait(facts, points, decision.facts.get("established_on"),
                                            decision.results.get("balance_after"))
    return "\n\n".join([*([confirmed] if confirmed else []), render(decision) + (f"\n- {full}" if full else ""),
                         FNPC_CAVEAT])


# folded text: "je peux continuer à bosser ?", "je peux encore conduire ?", "mon permis reste valable ?": may the user
# go on driving once the retrait is made
_ASKS_KEEP_DRIVING = re.compile(r"\b(?:droit de|peux|peut|puis-je|pourrai|pourrais)\s+(?:encore\s+|quand meme\s+|toujours\s+)?"
                                r"(?:continuer a\s+)?(?:conduire|rouler|bosser|travailler|garder (?:mon|le) permis)\b"
                                r"|\bpermis (?:est|reste|sera|restera)\s+(?:encore\s+|toujours\s+)?valid|\bpermis "
                                r"(?:est|reste|sera|restera)\s+(?:encore\s+|toujours\s+)?valable")


def _still_valid_after_the_retrait(tracker: Tracker, balance_after: Optional[int]) -> Optional[str]:
    """"j'avais 10 points, il m'en restera combien ? je peux continuer à bosser ?": yes, a licence with points left
    stays valid (R1, R20: only the 48SI at 0 invalidates it), a suspension being another measure (T50 c30 left it
    unanswered). None when not asked or the balance falls to 0 (the 48SI's answer)."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    if not balance_after or balance_after <= 0 or not _ASKS_KEEP_DRIVING.search(text):
        return None
    return (f"Oui : avec {balance_after} point{'s' if balance_after > 1 else ''}, votre permis reste valide et vous "
            "pouvez continuer à conduire ; seul un solde à 0 point l'invalide, à la notification de la lettre 48SI "
            "(article L.223-1 du Code de la route). Une suspension du permis décidée par le préfet ou par un juge est "
            "une autre mesure, que ce calcul de points ne couvre pas.")


def _full_recovery_after_the_retrait(facts: Facts, points: int, established: Optional[date],
                                     balance_after: Optional[int]) -> Optional[str]:
    """"Sans nouvelle infraction, votre permis retrouvera son maximum de points le 5 novembre 2029. …" with the
    balance a retrait made left (R9: 2 or 3 years from the day the offence was established, by the class of the
    fine; R7: not before the end of a probation), the date, not the delay alone (tester T31 a08 got only "3 ans").
    None when the retrait is not made, leaves nothing (R20) or the offence's class is unknown."""
    if established is None or not balance_after or balance_after <= 0 or facts.offence_class is None:
        return None
    committed = commission_day(facts.tracker.slots)
    offence = {"commission": min(committed, established), "realite": established, "points": points,
               "offence_class": facts.offence_class}
    try:
        decision = rules_core.automatic_recovery(offences=[offence], today=today(), licence_date=facts.licence_date,
                                                 aac=facts.aac, relicensed=facts.relicensed,
                                                 invalidated_on=facts.invalidated_on)
    except (rules_core.InconsistentFacts, InvalidAnswer):
        return None
    full = next((reason for reason in decision.reasons if reason.code == "recovery.full"), None)
    return render_reason(full) if full is not None else None


# "1ère année", "première année de permis", "en 2e année", "année 2" (folded text): the year of probation said
_PROBATION_YEAR = re.compile(r"\b(?:(1|2|3)\s*(?:ere|re|er|e|eme|nde?)?|(premiere|deuxieme|seconde|troisieme))\s+annee\b"
                             r"|\bannee\s+(1|2|3)\b")
_YEAR_WORDS = {"premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3}


def balance_in_probation_year_answer(tracker: Tracker) -> Optional[str]:
    """"il me reste combien du coup ?" after the offence answered on a probationary licence in a year said ("et si je
    suis en permis probatoire ? 1ère année"): the ceiling of that year (6, then + 2 a year, R5) less the offence's
    points (R4), said as an estimate (no other retrait counted), with the 48N a retrait of 3 or more brings (R15)
    (tester T17 c13 got where to read the official balance only). None otherwise."""
    from actions.what_if import PROBATION_INTRO
    users, year, answered = 0, None, False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                found = _PROBATION_YEAR.search(fold(event.get("text") or ""))
                if found:
                    said = next(group for group in found.groups() if group)
                    year = _YEAR_WORDS.get(said) or int(said)
                break
        elif users == 1 and event.get("event") == "bot" and PROBATION_INTRO in (event.get("text") or ""):
            answered = True
    points = tracker.get_slot("last_offence_points") or _points_of_the_offence(tracker)
    if not answered or year is None or not points:
        return None
    view = rules_core.load_params().at(today())
    ceiling = view.value("probation.initial_points") + (year - 1) * view.value("probation.increment")
    left = int(ceiling) - int(points)
    lines = [f"En {year}{'re' if year == 1 else 'e'} année de permis probatoire, sans autre retrait avant, votre "
             f"plafond est de {ceiling} points : après cette infraction, votre solde serait de {ceiling} − {points} = "
             f"{max(left, 0)} point{'s' if max(left, 0) > 1 else ''} (articles L.223-1 et R.223-1 du Code de la route)."]
    if left <= 0:
        lines.append("- Votre solde tomberait à 0 : une lettre 48SI d'invalidation suivrait, sauf stage fait avant sa "
                     "notification (article L.223-1 du Code de la route).")
    elif points >= view.value("letter_48n.min_points"):
        lines.append(f"- Un retrait de {points} points en période probatoire entraîne une lettre 48N : le stage est "
                     "alors obligatoire dans les 4 mois qui suivent sa réception (article R.223-4 du Code de la route).")
    return "\n".join(lines) + "\n\n" + FNPC_CAVEAT


def _points_of_the_offence(tracker: Tracker) -> Optional[int]:
    """The scale's points of the offence in the slot, else of the one the user told last: the offence answer of a
    question in general ("combien de points pour un stop grillé ?") leaves no offence in the slot (T18's replay of
    T17 c13)."""
    offence = tracker.get_slot("offence_type")
    if offence:
        return offence_scale(offence, tracker.slots,
                             alcohol=alcohol_level_scale(tracker, offence, tracker.slots)).get("last_offence_points")
    decision = offence_told_decision(tracker)
    return decision.results.get("points") if decision is not None else None


def balance_computed_answer(tracker: Tracker) -> Optional[str]:
    """The balance computed from what the user told, None when it tells too little: one retrait told, the user's, still
    to be recorded and bringing the balance to 0 or below, the pending loss (R2: not withdrawn yet; R18, R20), as the
    other routes say; several retraits, their history (R8–R10); one, the balance after it (R1)."""
    pending = pending_story_answer(tracker) if len(told_retraits(tracker)) <= 1 else None
    if pending:
        return pending
    history = balance_answer(tracker)
    if history:
        confirmed = history_balance_asked_back(tracker)
        return "\n\n".join([confirmed, history]) if confirmed else history
    return balance_after_offence_answer(tracker) or balance_in_probation_year_answer(tracker)


def story_balance_asked(tracker: Tracker) -> bool:
    """The latest message asks today's balance ("j'ai combien de points ?") once several retraits were told, and the
    offences it names are among them ("… j'avais 12 avant le téléphone"): the balance of the story answers (R1), not
    the card of the offence named. False for a new offence told, or a balance to come ("j'aurai combien après ?")."""
    from actions.follow_ups import _ASKS_BALANCE
    # ("cb il me reste ?": "cb" for "combien")
    if not _ASKS_BALANCE.search(re.sub(r"\bcb\b", "combien", fold((tracker.latest_message or {}).get("text") or ""))):
        return False
    told = told_retraits(tracker)
    named = set(message_values(tracker, "offence_type"))
    # (the retraits told before, or all told with the question: "feu rouge en 2019 (payé), ceinture en 2021 payée …
    # cb il me reste ?", tester T40 c05 got the sum of their points, 8, not the balance)
    before = told_retraits(tracker, before_latest=True)
    # (or the same offences, one of them dated anew: "la ceinture c'était le 12 avril 2024. et j'ai combien de points
    # là", tester T44 c19 got the recovery again, the balance only when asked twice)
    redated = sorted(map(str, (r.offence_type for r in told))) == sorted(map(str, (r.offence_type for r in before)))
    return len(told) > 1 and (told == before or not before or redated) and named <= {r.offence_type for r in told}


def history_balance_asked_back(tracker: Tracker) -> Optional[str]:
    """"du coup j'ai 7 points ?" after the offences told one after another: "Oui." or "Non." to the balance the user
    asked back, from the balance today of the retraits told (R1, R8–R10), before that answer (tester T37 c31 got "Non,
    pas 7 points" from the last offence's points alone). None when no balance is asked back, fewer than two retraits
    are told (one alone: balance_after_offence_answer confirms it), or none is computed."""
    asked = balances_asked_back(tracker)
    if not asked or len(told_retraits(tracker)) < 2:
        return None
    try:
        decision = history_decision(Facts(tracker), today(), assume_full_before=True)
    except rules_core.InconsistentFacts:
        return None
    balance = decision.results.get("balance") if decision is not None and decision.question == "recovery" else None
    if not isinstance(balance, int) or isinstance(balance, bool):
        return None
    shown = max(balance, 0)
    if asked[-1] == shown:
        return f"Oui : il vous reste {_points_fr(shown)}."
    return f"Non : il vous reste {_points_fr(shown)}, pas {asked[-1]}."


class ActionAnswerCheckBalance(InformationalAction):
    answer = staticmethod(informational.answer_check_balance)

    def name(self) -> Text:
        return "action_answer_check_balance"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        # ("c'était le 12 mars 2024. il me reste combien ?" to the licence's exact day asked: counted from that day)
        learnt = day_told_in_context(tracker)
        events = self._balance(dispatcher, tracker, domain)
        if inspect.isawaitable(events):
            events = await events
        return learnt + list(events)

    async def _balance(self, dispatcher, tracker, domain) -> List[EventType]:
        asked_back = offence_asked_back(tracker)
        if asked_back:
            # "et le feu rouge alors ? ça compte pas ?" after a balance told before the offences: that offence, in the
            # story (R1, R4), not the balance of the red light alone on the 12 said before them
            dispatcher.utter_message(text=asked_back)
            return restored_facts(tracker) + still_following(tracker)
        from actions.what_if import stage_and_offence_answer
        supposed = stage_and_offence_answer(tracker)
        if supposed:
            # "et si je fais un stage le 14 et 15 décembre, puis que je me refais flasher à +10 en février, je serai à
            # combien en mars ?": a hypothesis, its excess none of the user's retraits (R12, R4; T43 c19)
            dispatcher.utter_message(text=supposed)
            return restored_facts(tracker) + still_following(tracker)
        if told_retraits(tracker) and not retraits_of_this_licence(tracker):
            # "stop payé en 2016, invalidé en 2019, nouveau permis le 15 septembre 2020, aucune infraction depuis. il me
            # reste combien ?": the retraits told are the old licence's, gone with it (R10 example 3); the new
            # licence's balance is its probation's (R5 example 4, R7; T51 c29 got the invalidation paragraph twice),
            # then why the old licence's points do not count, unless said already
            events = ActionAnswerProbation().run(dispatcher, tracker, domain)
            if inspect.isawaitable(events):
                events = await events
            old = balance_answer(tracker)
            if old and not any(old.splitlines()[0] in (event.get("text") or "") for event in tracker.events
                               if event.get("event") == "bot"):
                dispatcher.utter_message(text=old.replace(f"\n\n{ESTIMATE_CAVEAT}", ""))
            return list(events)
        computed = balance_computed_answer(tracker)
        if computed is not None:
            # the same question again: "Comme indiqué : …" (c15, c17)
            reminding(dispatcher, tracker).utter_message(text=computed)
            # "…stage les 12 et 13 janvier 2026. L'amende est remboursée ? et j'ai combien de points ?": the other
            # question next (R16; it was left unanswered)
            return [SlotSet("last_question", self.name()), *then_other_question(tracker, self.name())]
        stage = None if told_retraits(tracker) else stage_of_the_story(
            dispatcher, tracker, domain, suspended=LICENCE_STATES_FROM_NLU.get(tracker.get_slot("licence_status"))
            in ("suspended", "retained"))
        if stage is None and not told_retraits(tracker):
            story = _unanswered_story(tracker)
            # "j'ai fait un stage les 24 et 25 novembre, j'avais 7 points" answered "Quelle est votre question ?", then
            # "bah combien j'ai de points maintenant": what that stage gave (R12; T13 c01 got how to check the balance)
            stage = stage_of_the_story(dispatcher, tracker, domain, message=story) if story else None
        if stage is not None:
            # "il me reste 5 points, j'ai fait un stage les 12 et 13 mars, j'ai combien ?": what that stage gave (R12)
            return stage
        if probation_said(tracker):
            # "j'ai eu mon permis l'été dernier, combien j'ai de points ?": the probation question (R5); its form
            # asks what it still needs, or the answer comes at once when everything is known
            required = await ValidateProbationForm().required_slots(
                domain["forms"]["probation_form"]["required_slots"], dispatcher, tracker, domain)
            if any(tracker.get_slot(slot) is None for slot in required):
                return [FollowupAction("probation_form")]
            return ActionAnswerProbation().run(dispatcher, tracker, domain)
        message = tracker.latest_message or {}
        lost = informational.balance_after_points_lost(
            message.get("text"), probation_said(tracker),
            [e.get("value") for e in message.get("entities") or [] if e.get("entity") == "offence_type"])
        if lost is not None:
            # "c'est écrit 9 points retirés au total, il me reste combien ?": the maximum minus them (T11 c17)
            reminding(dispatcher, tracker).utter_message(text=lost)
            return [SlotSet("last_question", self.name())]
        return super().run(dispatcher, tracker, domain)


class ActionAnswerStageInfo(InformationalAction):
    answer = staticmethod(informational.answer_stage_info)

    def name(self) -> Text:
        return "action_answer_stage_info"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        days = stage_days_told(tracker)
        followed = previous_answer(tracker)
        if days and followed in ("action_answer_stage_eligibility", "action_answer_points_after_stage") and \
                "?" in ((tracker.latest_message or {}).get("text") or "") and slot_values.stage_to_take_said(
                    fold((tracker.latest_message or {}).get("text") or "")):
            # "g trouvé une place le 2 et 3 décembre c moins cher, ça passe ?" after the day a stage gives points again:
            # that stage's two days asked about (R.223-5), the stage answer again with them (R12, R13), not the prices
            # (T54 c05)
            tracker.slots["stage_first_day"] = days
            dispatcher.utter_message(text=f"Pour un stage qui commence le {format_long_fr(date.fromisoformat(days))} :")
            again = ActionAnswerStageEligibility if followed == "action_answer_stage_eligibility" else \
                ActionAnswerPointsAfterStage
            return [SlotSet("stage_first_day", days)] + list(again().run(dispatcher, tracker, domain))
        return super().run(dispatcher, tracker, domain)


class ActionAnswerSuspension(InformationalAction):
    answer = staticmethod(informational.answer_suspension)

    def name(self) -> Text:
        return "action_answer_suspension"

    def run(self, dispatcher, tracker, domain) -> List[EventType]:
        if driving_without_a_valid_licence_told(tracker):
            # "combien de points perd un pote qui conduit pendant une suspension ?": the délit of L.224-16, 6 points
            # (R4, R20), not the stage during a suspension (tester T24 c19 got that card, then "Quelle infraction ?");
            # then what the court may add, which the offence's answer leaves to "le tribunal" (L.224-16)
            events = ActionAnswerOffencePoints().run(dispatcher, tracker, domain)
            dispatcher.utter_message(text=informational.SUSPENDED_DRIVING_PENALTY)
            return events
        asks_end = latest_text_says(tracker, ASKS_SUSPENSION_END) or (
            latest_text_says(tracker, ASKS_TO_DRIVE_AGAIN)
            and (not latest_text_says(tracker, informational.MAY_I_DRIVE) or latest_text_says(tracker, _ASKS_WHEN)))
        ended = when_driving_again(tracker) if asks_end else None
        if ended:
            # "… j'aurai 9 points le 16 ? et la suspension finit quand ?" (its other question, after the stage's
            # answer): the day it ends from its start and length told, or what sets it (the préfet's order or the
            # judgment); not the stage again (T17 c17). "suspendu 3 mois le 15 septembre, quand est-ce que je peux
            # reconduire ?" asks the same day at once: the day first (start + length, spec §0.3), not the card whose
            # retention part answers nothing asked (T18); "je peux conduire pendant ?" keeps the card's "Non"
            reminding(dispatcher, tracker).utter_message(text=ended)
            return [SlotSet("last_question", self.name())]
        stage = None if latest_text_says(tracker, informational.MAY_I_DRIVE) else \
            stage_of_the_story(dispatcher, tracker, domain, suspended=True)
        if stage is not None:
            # "suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars": what that stage gives, from the
            # day after it (R12, R14 example 3), asked by the stage's form (the licence's date sets the ceiling)
            return stage
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


# "quand", "à partir de quel jour", "dès quelle date": a day asked, not a yes or no (folded text)
_ASKS_WHEN = re.compile(r"\bquand\b|\ba partir de\b|\bdes quel\w*|\bquel(?:le)? (?:jour|date)\b")
# "retenu", "rétention": a retention, else a suspension (folded text)
_RETENTION = re.compile(r"\bretenue?\b|\bretention\b")


def _unanswered_story(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The user message before the latest one (its parse data), when the latest tells no fact and nothing was
    answered since the conversation began: the story a question without facts ("combien j'ai maintenant ?") is about."""
    if (tracker.latest_message or {}).get("entities") or tracker.get_slot("last_question"):
        return None
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2 or hypothetical_message(users[-2]):
        return None
    return users[-2].get("parse_data") or None


def stage_of_the_story(dispatcher, tracker: Tracker, domain, suspended: bool = False,
                       message: Optional[Dict[str, Any]] = None) -> Optional[List[EventType]]:
    """A message, read as another question (a suspension's, the balance's), that tells a stage's days and the balance
    before it: the stage's facts kept (its day, the balance, and with `suspended` the licence suspended or retained)
    and the points-after-stage form opened, which asks what it still needs (R12, R14 example 3). None when no stage
    day is told, or (but for a suspension's question) no balance. `message`: the message of the story (its
    entities), when not the latest one."""
    message = message or tracker.latest_message or {}
    entities = message.get("entities", [])
    days = [e.get("value") for e in entities if e.get("entity") == "date" and e.get("role") == "stage"]
    balance = next((e.get("value") for e in entities
                    if e.get("entity") == "points" and e.get("role") in ("balance", None)), None)
    if not days or not (suspended or balance is not None):
        return None
    started = date_told(tracker, "suspension") if suspended else None
    first = partial_date_or_none(days[0])
    if started is not None and first is not None and first.latest() < started.earliest():
        # "suspendu depuis le 15 octobre 2026 … il a déjà fait un stage les 9 et 10 février 2026, ça bloque ?": a
        # stage done before the suspension is not the one during it, but the last that gave points, from which the
        # next one waits a year (R13; tester T28 c06 got "5 → 9 le 11 février 2026", then "9 → 12")
        return [SlotSet("previous_stage_date", first.iso()), FollowupAction("stage_eligibility_form")]
    validator = ValidatePointsAfterStageForm()
    found = validator.validate_stage_first_day(days[0], dispatcher, tracker, domain)
    if balance is not None and tracker.get_slot("current_balance") is None:
        found.update(validator.validate_current_balance(balance, dispatcher, tracker, domain))
    if suspended and tracker.get_slot("licence_status") is None:
        found["licence_status"] = "retained" if latest_text_says(tracker, _RETENTION) else "suspended"
    return [SlotSet(slot, value) for slot, value in found.items()] + [FollowupAction("points_after_stage_form")]


def recent_stage_told(tracker: Tracker) -> Optional[str]:
    """The first day (ISO) of a stage the latest message tells as done within the last month ("j'ai fait un stage la
    semaine dernière"): the month the file takes to record its points (R.223-8), when what it gave is what one asks
    about; None otherwise."""
    days = [partial_date_or_none(e.get("value")) for e in (tracker.latest_message or {}).get("entities") or []
            if e.get("entity") == "date" and e.get("role") == "stage"]
    first = days[0] if days and days[0] is not None and days[0].precision == "day" else None
    now = today()
    return first.iso() if first is not None and now - relativedelta(months=1) <= first.earliest() <= now else None


#: said by an answer computed without the previous stage, asked twice and left unanswered (R13)
PREVIOUS_STAGE_ASSUMED = ("Vous ne m'avez pas dit si vous aviez déjà fait un stage : j'ai compté qu'aucun ne vous a "
                          "rendu de points depuis moins d'un an. Si c'est le cas, donnez-moi la date de son premier "
                          "jour et je referai le calcul : un seul stage par an rend des points (article L.223-6 du Code "
                          "de la route).")


#: what the previous stage changes, said when the answer is given before it is known (R13)
ONE_STAGE_A_YEAR_ASKED = "Pour en être sûr :"


async def answer_without_a_previous_stage(tracker: Tracker, domain: Dict[Text, Any], form: Optional[str]) -> \
        Optional[str]:
    """"Je peux faire un stage volontaire ?" while `form` waits only for the previous stage: the answer now, on the
    assumption said first that no stage gave points in the past year (R13: the one fact it still needs changes only
    that), rather than "je réponds juste après" and the question again (tester T31 a28 got the stage's history asked
    three times, never the "oui"). None when another fact is missing, or no answer reads that form."""
    answer = next((cls for cls in AnswerAction.__subclasses__() if getattr(cls, "form", None) == form), None)
    from actions.forms import FactsValidation, probation_balance
    validation = next((cls for cls in FactsValidation.__subclasses__() if cls().form_name() == form), None)
    if answer is None or validation is None:
        return None
    scratch = tracker.copy()
    scratch.slots["previous_stage_date"] = NO_PREVIOUS_STAGE
    if scratch.slots.get("current_balance") is None:
        scratch.slots["current_balance"] = probation_balance(scratch)  # (as the form computes it, R5)
    if (await validation().next_requested_slot(CollectingDispatcher(), scratch, domain))["value"] is not None:
        return None
    said = CollectingDispatcher()
    answer().run(said, scratch, domain)
    text = "\n".join(message.get("text") or "" for message in said.messages).strip()
    if not text:
        return None
    if answer is ActionAnswerStageEligibility:
        try:
            outcome = answer().decide(Facts(scratch), today()).outcome
        except (rules_core.InconsistentFacts, InvalidAnswer):
            outcome = None
        if outcome == "points_now":
            rest = text.split("\n", 1)[1:]
            return "\n".join(["Oui, vous pouvez faire un stage volontaire dès maintenant, si vous n'en avez fait aucun "
                              "qui vous a rendu des points depuis moins d'un an : un seul stage par an en rend "
                              "(article L.223-6 du Code de la route).", *rest])
    return (f"Si vous n'avez fait aucun stage qui vous a rendu des points depuis moins d'un an : "
            f"{text[0].lower()}{text[1:]}")
