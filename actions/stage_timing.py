""""je fais le stage quand alors ?" after the answer that a stage can save a licence at 0 point or below: when to
take it (R18). Not a correction of a stage's date: a question about timing, answered from the facts already told
with the engine's own balances of a stage taken before the retrait decision and after it."""
from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker

import rules_core
from rules_core.stage import next_point_stage
from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.dates import add, format_duration_fr, format_long_fr
from rules_core.wording_fr import points_fr as _points

# "avant de payer", "avant le paiement", "avant la décision", "avant que le retrait soit enregistré" (folded)
_BEFORE_THE_RETRAIT = (r"\bavant\s+(?:de\s+|d'\s?)?(?:la\s+|le\s+|l'\s?)?(?:payer|regler|avoir paye|paiement|reglement"
                       r"|decision|retrait)\b|\bavant (?:que|qu')\s?(?:le retrait|les points|la decision|je (?:la |l')?paie)")
# "et si je fais le stage maintenant avant de payer l'amende ?": a stage before the retrait (R18; T27 c15)
PLANNED_BEFORE_THE_RETRAIT = re.compile(r"\bstage\b.*" + _BEFORE_THE_RETRAIT)

# "je paye d'abord ou je fais le stage d'abord ?", "un stage avant de payer ?", "payer tout de suite ou faire un stage
# avant ?", "le stage maintenant ou après ?": which comes first, the stage or the fine (T26 c24; not "stage quand même")
ASKS_STAGE_OR_FINE_FIRST = re.compile(r"\bstage\b.*\b(?:d'?\s?abord|avant de (?:la |le |l'?\s?)?pay\w*|maintenant ou"
                                      r"|tout de suite ou|avant ou apres|apres ou avant)\b"
                                      r"|\bpa[iy]\w*\b.*\b(?:d'?\s?abord|avant|tout de suite)\b.*\bstage\b")
# "je fais le stage quand ?", "le stage je le fais quand alors ?", "quand est-ce que je fais le stage ?"
ASKS_WHEN_THE_STAGE = re.compile(r"\bstage\b.*\bquand\b|\bquand\b.*\bstage\b|\b(?:je le fais|on le fait|le faire) quand\b"
                                 r"|" + ASKS_STAGE_OR_FINE_FIRST.pattern)
STILL_VALID = ("Dans tous les cas, le stage doit être terminé avant que la lettre 48SI vous soit notifiée : après, "
               "aucun stage ne peut plus sauver le permis (Conseil d'État, 29 septembre 2023, n° 461479).")


def when_to_take_the_stage(tracker: Tracker) -> Optional[str]:
    """When a stage saves the licence whose retrait leaves 0 point or less, from the balance and the retrait told (or,
    for a young licence, its probationary ceiling before the retrait, as the answer counted it): before the decision
    it is credited on the old balance, capped, then the retrait is subtracted; after it, on the negative balance (R18).
    A fine paid recently may not be decided yet: the decision is to be watched for on « Mes Points Permis » (R2, R18
    example 1; T15 c37). None when the facts do not give such a case."""
    from actions import answers  # (answers reads the follow-ups, which read this module)
    facts, balance, retrait, _ = answers.pending_loss_facts(tracker)
    if balance and retrait and balance - retrait > 0:
        return _either_order(facts, int(balance), retrait) if ASKS_STAGE_OR_FINE_FIRST.search(
            _folded_latest(tracker)) else None
    if not balance or not retrait or balance - retrait > 0:
        return None
    paid = facts.day("fine_payment_date", "latest")
    ceiling = facts.ceiling_on(today()) if facts.licence_date is not None else None
    common = dict(balance_before=int(balance), retrait_points=retrait, today=today(),
                  ceiling=ceiling if ceiling is not None and int(balance) <= ceiling else None,
                  previous_points_stage_first_day=facts.previous_stage)
    # a fine paid recently: its retrait may not be decided yet (R2, R18 example 1)
    may_follow = paid is not None and answers.decision_may_follow_payment(facts, None)
    try:
        now = rules_core.pending_loss(**common, paid_on=paid, decision_may_follow_payment=may_follow)
    except rules_core.InconsistentFacts:
        return None
    if now.outcome != "can_be_saved":
        return None
    after = now.results["balance_with_stage"]
    earliest = now.key_dates.get("earliest_point_stage")
    not_before = (f" Un stage ne rendra pas de points avant le {format_long_fr(earliest)} (un an après votre dernier "
                  "stage, article L.223-6 du Code de la route)." if earliest and earliest > today() else "")
    # the engine's balance for a stage before the decision, when the order matters (capped, then the retrait)
    wait = next((r for r in now.reasons if r.code == "pending.wait_for_decision"), None)
    before = wait.data["before"] if wait is not None else after
    if paid is not None and (not may_follow or before >= after):
        # the fine is paid: the retrait is decided, or about to be, or its order with the stage changes nothing; the
        # stage adds its points to the negative balance
        return (f"Sans attendre : votre amende est payée, le retrait est décidé ou le sera sous peu, et un stage "
                f"terminé ensuite porte votre solde à {_points(after)}.{not_before} {STILL_VALID}")
    if before >= after and paid is None and PLANNED_BEFORE_THE_RETRAIT.search(_folded_latest(tracker)):
        return _stage_before_the_retrait(tracker, int(balance), retrait, before, after, not_before)
    if before >= after:
        return (f"Le plus tôt possible, même avant de payer l'amende : fait avant la décision de retrait, le stage est "
                f"compté sur vos {_points(int(balance))}, puis le retrait de {_points(retrait)} est déduit, et il "
                f"vous reste {_points(before)} ; fait après, il vous laisserait {_points(after)} aussi (article "
                f"L.223-6 du Code de la route).{not_before} {STILL_VALID}")
    if paid is not None:
        # paid recently, the decision may be to come: how to know it is taken, then at once (R2, R18 example 1)
        return (f"Dès que la décision de retrait est prise, et sans tarder : fait avant, le stage serait plafonné et "
                f"vous laisserait {_points(before)}, contre {_points(after)} après (article L.223-6 du Code de la "
                f"route).{not_before}\n- {DECISION_TO_WATCH} {STILL_VALID}")
    return (f"Après l'enregistrement du retrait, et sans tarder : fait avant, le stage serait plafonné et vous "
            f"laisserait {_points(before)}, contre {_points(after)} après (article L.223-6 du Code de la route)."
            f"{not_before} {STILL_VALID}")


def _folded_latest(tracker: Tracker) -> str:
    from bot.nlu.fact_parsing import fold
    return fold((tracker.latest_message or {}).get("text") or "")


def _stage_before_the_retrait(tracker: Tracker, balance: int, retrait: int, before: int, after: int,
                              not_before: str) -> str:
    """"et si je fais le stage maintenant, avant de payer l'amende ?" with a retrait to come that brings the balance to
    0 or below: a stage before the retrait is credited first on the balance of today, capped, and the retrait is
    subtracted at the payment (R18 parameters, edge case "a stage before paying the fine is allowed"); the balance then
    never reaches 0, so no 48SI comes; and the stage uses up the year (R13). With the user's figures and the day a
    point-giving stage began, when known (T27 c15 got "Pas encore : tant que l'amende n'est pas payée…")."""
    from actions.slot_values import InvalidAnswer, to_date
    view = rules_core.load_params().at(today())
    gained = before + retrait - balance
    try:
        committed = to_date(tracker.get_slot("offence_date"), safe="earliest")
    except InvalidAnswer:
        committed = None
    offence = f" de l'infraction du {format_long_fr(committed)}" if committed else ""
    year = format_duration_fr(view.value("stage.min_interval"))
    lines = [
        f"Oui, c'est possible, et c'est même le plus sûr : fait avant le paiement de l'amende, le stage est compté sur "
        f"votre solde actuel : {_points(balance)} + {_points(gained)} = {_points(balance + gained)}, le lendemain de son "
        f"2e jour. Le retrait de {_points(retrait)}{offence} n'arrive qu'ensuite, au paiement (ou à la décision de "
        f"retrait qui le suit) : il vous reste {_points(before)} (article L.223-6 du Code de la route ; Conseil d'État, "
        f"29 septembre 2023, n° 461479).",
        f"- Votre solde ne tombe ainsi jamais à 0 : aucune lettre 48SI ne suit. Fait après la décision de retrait, le "
        f"stage vous laisserait {_points(after)} aussi, mais seulement s'il est terminé avant la notification de la 48SI "
        f"qu'un solde à 0 entraîne (article L.223-1 du Code de la route).",
        f"- Ce stage compte pour l'année : le suivant ne vous rendra des points qu'au bout de {year}, de date à date "
        "depuis son premier jour (article L.223-6 du Code de la route)." + not_before]
    return "\n".join(lines)


#: the answers after which a stage's timing against a retrait told is asked (as in follow_ups.FOLLOW_UPS)
_RETRAIT_ANSWERS = ("action_answer_zero_points", "action_answer_check_balance", "action_answer_offence_points")


def stage_or_fine_first(tracker: Tracker) -> Optional[str]:
    """"oui mais elle a que 2 points !! elle doit faire un stage avant de payer ??" after the answer on an offence not
    paid yet that leaves points, however long the message (a fact said again with it): both orders, with their numbers
    (R12, R18; tester T26 c24 got the stage's points alone, without the retrait). None otherwise (at 0 or below, the
    follow-up's answer: when the stage saves the licence)."""
    from actions import answers
    from actions.follow_ups import previous_answer
    if previous_answer(tracker) not in _RETRAIT_ANSWERS or \
            not ASKS_STAGE_OR_FINE_FIRST.search(_folded_latest(tracker)):
        return None
    facts, balance, retrait, _ = answers.pending_loss_facts(tracker)
    return _either_order(facts, int(balance), retrait) if balance and retrait and balance - retrait > 0 else None


def _either_order(facts, balance: int, retrait: int) -> Optional[str]:
    """"je paye d'abord ou je fais le stage d'abord ?" with a retrait to come that leaves points (2 points, 1 to lose):
    the licence stays valid either way (R1, R18); each order with its numbers: a stage before the retrait is credited
    on the balance of the day, capped at the ceiling, and the retrait subtracted afterwards; after it, the stage is
    added to what the retrait left (R12, R18 parameters, example 1). None when the fine is paid (the retrait is decided
    or about to be: no order to choose) or the stage gives no points yet (R13)."""
    if facts.day("fine_payment_date", "latest") is not None:
        return None
    view = rules_core.load_params().at(today())
    gain = view.value("stage.max_gain")
    ceiling = (facts.ceiling_on(today()) if facts.licence_date is not None else None) or view.value("capital.max")
    if balance > ceiling:
        return None
    start = today()
    if facts.previous_stage is not None:
        start = max(start, next_point_stage(facts.previous_stage, view)[0])
    # (R11, R12: two consecutive days, the points the day after the last one)
    effective = add(add(start, view.value("stage.length")), view.value("stage.effect_offset"))
    after = balance - retrait
    stage_first, pay_first = min(ceiling, balance + gain) - retrait, min(ceiling, after + gain)
    lines = [f"Les deux ordres sont possibles : après le retrait de {_points(retrait)}, il reste {_points(after)} et le "
             "permis reste valide (article L.223-1 du Code de la route).",
             f"- Stage d'abord : il est compté sur vos {_points(balance)}, soit {_points(min(ceiling, balance + gain))}"
             f"{' (plafond de ' + _points(ceiling) + ')' if balance + gain > ceiling else ''} le lendemain de son "
             f"dernier jour ; le retrait vient ensuite, une fois l'amende payée et la décision de retrait prise : "
             f"{min(ceiling, balance + gain)} − {retrait} = {_points(stage_first)} (articles L.223-6 et R.223-8 du Code "
             "de la route).",
             # (R2, R18: the retrait counts from the ministry's decision, recorded some weeks after the payment; a stage
             # between the two is a "stage first", T50 c06 said "le jour du paiement" then "attendez l'enregistrement")
             f"- Amende d'abord : le retrait compte une fois décidé et enregistré (« Mes Points Permis », lettre 48), "
             f"souvent quelques semaines après le paiement : {balance} − {retrait} = {_points(after)} ; un stage fait "
             f"après cet enregistrement rend ses points : {after} + {min(gain, ceiling - after)} = {_points(pay_first)} "
             "(article L.223-6 du Code de la route ; Conseil d'État, 29 septembre 2023, n° 461479). Un stage fait entre "
             "le paiement et cet enregistrement compte comme un stage fait d'abord."]
    if stage_first == pay_first:
        lines.append(f"- Dans les deux cas, le solde final est de {_points(pay_first)}.")
    else:
        better = "le stage d'abord" if stage_first > pay_first else "l'amende d'abord"
        lines.append(f"- Mieux vaut {better} : {_points(max(stage_first, pay_first))} au lieu de "
                     f"{_points(min(stage_first, pay_first))}.")
    lines.append(f"- Un stage qui commence le {format_long_fr(start)} vous rend ses points le "
                 f"{format_long_fr(effective)}" + (" : pas avant, un an après votre dernier stage (article L.223-6 du "
                                                  "Code de la route)." if start > today() else "."))
    if after <= gain:
        lines.append(f"- Entre le retrait et le stage, le solde n'est plus que de {_points(after)} : une nouvelle "
                     "infraction qui en retire autant ou plus ferait perdre le permis (article L.223-1 du Code de la "
                     "route).")
    return "\n".join(lines)


#: how to know the retrait is decided: the file shows it; no deadline binds the ministry (R2; CE 22/10/2014)
DECISION_TO_WATCH = ("Pour savoir si la décision est prise, consultez « Mes Points Permis » : le retrait y apparaît "
                     "une fois décidé et enregistré au Fichier national des permis de conduire, souvent quelques "
                     "semaines après le paiement de l'amende ; aucun délai n'est imposé au ministère (Conseil d'État, "
                     "22 octobre 2014, n° 364635).")


# "le centre dit 1 an et 1 jour", "donc le centre a tort ?", "un an pile ou un an et un jour ?", "aujourd'hui ou demain
# c'est pareil ?" with a point-giving stage told: how the year between two stages is counted (R13; T9 c33)
_ASKS_ONE_YEAR_COUNT = re.compile(
    r"\b(?:1|un) an et (?:1|un) jour\b|\b(?:1|un) an (?:pile|jour pour jour|tout juste)\b|\bde date a date\b"
    # (in one sentence: "je suis conseillère dans une auto-école. … Elle veut en refaire un" is no centre's word, T13 c28)
    r"|\b(?:centre|organisateur|auto[- ]?ecole|site)\b[^.!?]*\b(?:tort|raison|tromp\w*|dit|exige\w*|demande\w*|veut"
    r"|refuse\w*)\b"
    r"|\b(?:c'?\s?est|c|ca|sa) (?:pareil|la meme chose|egal)\b|\bmeme chose\b|\bla difference\b"
    r"|\b(?:attendre|aller|commencer|partir)\b.*\bou\b.*\b(?:le \d+(?:er)?|aujourd'?\s?hui|demain)\b")
_STAGE_ANSWERS = ("action_answer_stage_eligibility", "action_answer_points_after_stage")


def year_between_stages(tracker: Tracker) -> Optional[str]:
    """The year between two point-giving stages, counted de date à date from the first day of the last one (R13,
    service-public's convention), and the day after as the prudent date many centres require; the days the message
    names measured against both. None unless it asks that after a stage answer whose last stage's day is known."""
    from actions.follow_ups import day_to_come, previous_answer  # (the follow-ups read this module)
    from actions.slot_values import InvalidAnswer, PartialDate
    from bot.nlu.fact_parsing import fold
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not _ASKS_ONE_YEAR_COUNT.search(text) or previous_answer(tracker) not in _STAGE_ANSWERS:
        return None
    try:
        previous = PartialDate.parse(str(tracker.get_slot("previous_stage_date")))
    except InvalidAnswer:
        return None  # ("none", or no stage told)
    if previous.precision != "day":
        return None
    first = previous.earliest()
    earliest, prudent = next_point_stage(first, rules_core.load_params().at(today()))[:2]
    lines = [f"Le délai d'un an entre deux stages qui rendent des points se compte de date à date, du premier jour du "
             f"stage précédent (le {format_long_fr(first)}) au premier jour du suivant : un stage qui commence le "
             f"{format_long_fr(earliest)} vous rend des points (article L.223-6 du Code de la route ; service-public.fr, "
             "fiche F14208).",
             f"- Beaucoup de centres demandent « 1 an et 1 jour » par prudence : un stage qui commence le "
             f"{format_long_fr(prudent)} évite tout refus. Le centre n'a pas tort de le conseiller, mais ce n'est pas "
             "la règle."]
    asked = sorted({day_to_come(PartialDate.parse(str(entity["value"])).earliest(), message.get("text") or "", entity)
                    for entity in message.get("entities", []) if entity.get("entity") == "date"
                    and _day_precise(entity.get("value"))})
    for day in asked:
        if day == first:
            continue  # the last stage itself, told with the question, is no stage to begin (T13 c28)
        verdict = ("trop tôt : le stage ne vous rendrait aucun point" if day < earliest else
                   "le premier jour possible (de date à date), le stage vous rend des points" if day == earliest else
                   "sans risque, même pour les centres qui demandent 1 an et 1 jour")
        lines.append(f"- Un stage qui commence le {format_long_fr(day)} : {verdict}.")
    return "\n".join(lines)


def _day_precise(value) -> bool:
    from actions.slot_values import InvalidAnswer, PartialDate
    try:
        return PartialDate.parse(str(value)).precision == "day"
    except InvalidAnswer:
        return False


# "donc je m'inscris à celui du 2-3 ou pas ??", "je le réserve alors ?", "j'y vais ou pas ?", "je le fais ou non ?",
# "je peux m'y inscrire du coup ?" after a stage answer: whether to book that stage, yes or no (folded text)
_BOOKS_THE_STAGE = (r"\b(?:je|j'?|on)\s*(?:m'?\s?|me\s+)?(?:y\s+|le\s+|la\s+|l'\s?)?(?:inscri\w*|reserve\w*|prends|prend"
                    r"|fais|booke?|valide)\b"
                    r"|\b(?:peux|dois|peut|faut)\s+(?:m'?\s?|me\s+)?(?:y\s+|le\s+|la\s+|l'\s?)?(?:inscrire|reserver|prendre"
                    r"|faire|aller|booker)\b|\bj'?\s?y vais\b")
_YES_OR_NO_ASKED = (r"\bou (?:pas|non)\b|\boui ou non\b|\balors\b|\bdonc\b|\bdu coup\b|\bcelui\b|\bcelle\b"
                    r"|\bce stage\b|\bcette place\b|\bcelui-(?:la|ci)\b")
# (not a count, nor a hypothesis, "et si je le fais le 10 janvier ça marche ?", answered by its own computation)
_ASKS_TO_BOOK = re.compile(rf"^(?=.*(?:{_BOOKS_THE_STAGE}))(?=.*(?:{_YES_OR_NO_ASKED}))"
                           r"(?!.*\b(?:combien|quand|cb|si|s'?\s?il|s'?\s?ils|quoi|comment|pourquoi|perdre|perd\w*)\b)")
# the result line of a stage answer: "Le stage vous rendra 4 points, avec effet au 4 décembre 2026 : …", "Avec un stage
# qui commence le 3 décembre 2026, le stage vous rendra …", "Aucun point à gagner : …"
_STAGE_RESULT = re.compile(r"^(?:Avec un stage [^,\n]*, )?(?P<line>[Ll]e stage (?:vous|lui) rendr\w+ [^\n]*|Aucun point[^\n]*)",
                           re.MULTILINE)


def stage_booking_asked(tracker: Tracker) -> Optional[str]:
    """"donc je m'inscris à celui du 2-3 ou pas ??" after a stage answer: yes or no for the stage the conversation
    dates (this message's first day, else the one of the answer), measured against the year since the last
    point-giving stage, de date à date (R13), with the prudent day many organisers require, and the result the
    answer gave (R12). None unless that is asked after a stage answer with a stage's first day known (T36 t32c06 got
    how to read the balance on « Mes Points Permis »)."""
    from actions.follow_ups import day_to_come, previous_answer  # (the follow-ups read this module)
    from actions.slot_values import InvalidAnswer, PartialDate
    message = tracker.latest_message or {}
    text = fold(message.get("text") or "")
    if not _ASKS_TO_BOOK.search(text) or previous_answer(tracker) not in _STAGE_ANSWERS:
        return None
    said = sorted({day_to_come(PartialDate.parse(str(entity["value"])).earliest(), message.get("text") or "", entity)
                   for entity in message.get("entities", []) if entity.get("entity") == "date"
                   and _day_precise(entity.get("value"))})
    day = said[0] if said else (PartialDate.parse(str(tracker.get_slot("stage_first_day"))).earliest()
                                if _day_precise(tracker.get_slot("stage_first_day")) else None)
    if day is None:
        return None
    answered = next((event.get("text") or "" for event in reversed(tracker.events) if event.get("event") == "bot"
                     and _STAGE_RESULT.search(event.get("text") or "")), "")
    found = _STAGE_RESULT.search(answered)
    result = found.group("line") if found else None
    if result and not said and result.startswith("Aucun point"):
        return f"Non : ce stage ne vous rendrait aucun point. {result}"
    try:
        previous = PartialDate.parse(str(tracker.get_slot("previous_stage_date")))
    except InvalidAnswer:
        previous = None  # ("none": no stage before)
    the_stage = f"un stage qui commence le {format_long_fr(day)}"
    result_line = f"\n- {result}" if result and not said else ""
    if previous is None or previous.precision != "day":
        if not result or result.startswith("Aucun point"):
            return None  # (nothing the conversation computed to say yes to)
        return f"Oui : {the_stage} vous rend des points.{result_line}"
    earliest, prudent = next_point_stage(previous.earliest(), rules_core.load_params().at(today()))[:2]
    if day < earliest:
        return (f"Non : {the_stage} est trop tôt, moins d'un an après votre dernier stage (le "
                f"{format_long_fr(previous.earliest())}) : il ne vous rendrait aucun point. Inscrivez-vous à un stage "
                f"qui commence à partir du {format_long_fr(earliest)}, et plutôt à partir du {format_long_fr(prudent)} "
                "(article L.223-6 du Code de la route ; service-public.fr, fiche F14208).")
    if day == earliest:
        return (f"Oui, vous pouvez vous y inscrire : {the_stage}, un an jour pour jour après votre dernier stage, vous "
                "rend des points (le délai se compte de date à date) (article L.223-6 du Code de la route ; "
                f"service-public.fr, fiche F14208).{result_line}\n- Avant de payer, faites confirmer par "
                f"l'organisateur qu'il l'accepte : beaucoup exigent un stage qui commence le {format_long_fr(prudent)} "
                "(« 1 an et 1 jour »). S'il refuse, choisissez un stage qui commence à partir de ce jour-là.")
    return (f"Oui : {the_stage}, plus d'un an après votre dernier stage (le {format_long_fr(previous.earliest())}), "
            f"vous rend des points, sans risque de refus (article L.223-6 du Code de la route).{result_line}")


def stage_too_early_after(first_day, previous_first_day) -> Optional[str]:
    """"Le stage des 9 et 10 juin 2025 n'a rendu aucun point : il a commencé moins d'un an après celui du 10 juin
    2024 …": a stage done that began within the year after an earlier point-giving stage gave none, said with the
    engine's wording (R13 ex. 2; its two consecutive days, R.223-5); None when it began a year or more after it."""
    from rules_core.reasoning import reason
    from rules_core.wording_fr import render_reason
    view = rules_core.load_params().at(first_day)
    earliest = next_point_stage(previous_first_day, view)[0]
    if first_day >= earliest:
        return None
    return render_reason(reason("balance.stage_too_early", "R13", params=(view.get("stage.min_interval"),),
                                refs=("SP-F14208",), days=(first_day, add(first_day, {"days": 1})),
                                previous=previous_first_day, earliest=earliest))


# "j'ai refait un stage", "2eme stage les 9 et 10 juin", "un autre stage en mars": a stage told as another one done
# after the last (folded text), not the last one corrected ("non, le dernier c'était le 15 juin")
ANOTHER_STAGE_TOLD = re.compile(r"\b(?:re-?fai\w*|re-?pass\w*|re-?suivi)\b[^.?!]{0,20}\bstage\b"
                                r"|\b(?:nouveau|autre|deuxieme|second|troisieme|[23]\s?(?:e|eme|nd))\s+stage\b")


def stage_told_within_the_year(told: str, known: str) -> Optional[str]:
    """The note on a stage done told as another one (`told`, its first day) after the last point-giving stage known
    (`known`) when it began within the year after it: it gave no points and the year still counts from the known
    one (R13 ex. 2: "prev = the last stage that actually credited points"); None otherwise."""
    from actions.slot_values import InvalidAnswer, PartialDate
    try:
        told_day, known_day = PartialDate.parse(str(told)), PartialDate.parse(str(known))
    except InvalidAnswer:
        return None  # ("none": no stage known)
    if told_day.precision != "day" or known_day.precision != "day" or \
            not known_day.earliest() < told_day.earliest() <= today():
        return None
    return stage_too_early_after(told_day.earliest(), known_day.earliest())

# "le stage de juin 2025 il m'a bien rendu des points ?", "j'ai récupéré des points avec le 2e stage ?": whether a
# stage done gave points, asked (folded text)
ASKS_WHAT_A_STAGE_GAVE = re.compile(r"\b(?:rendu|donne|redonne|rapporte|credite|recupere|gagne)\w*\b[^.?!]{0,30}"
                                    r"\bpoints?\b[^.!]*\?|\bpoints?\b[^.?!]{0,30}\b(?:rendu|donne|redonne|rapporte"
                                    r"|credite|recupere|gagne)\w*[^.!]*\?")
