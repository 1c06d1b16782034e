"""The one place with French sentences: ``render(decision) -> str``.

Result first, then the reasons in one or two sentences each, with the legal reference
(« article L.223-6 du Code de la route ») and the certainty wording of spec §0.1:
[I] → « selon notre lecture », [U] → « à vérifier ». Dates in long French form, numbers in digits.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Dict, Mapping

from .dates import format_duration_fr, format_long_fr
from .errors import InconsistentFacts
from .model import _RANK, Decision, Reason

CLASS_FR = {"c1": "contravention de 1re classe", "c2": "contravention de 2e classe",
            "c3": "contravention de 3e classe", "c4": "contravention de 4e classe",
            "c5": "contravention de 5e classe", "delit": "délit", None: "sans classe"}
EXAMS_FR = {"code_only": "le code seulement", "code_and_driving": "le code et l'épreuve de conduite"}
DOCUMENTS_FR = {
    "refund_form": "le formulaire de demande de remboursement remis en fin de stage",
    "letter_48n_copy": "une copie de la lettre 48N",
    "attestation_copy": "une copie de l'attestation de stage",
    "fine_notice_or_payment_proof": "l'avis de contravention original ou la preuve du paiement",
    "bank_details": "un relevé d'identité bancaire (RIB)",
    "recovery_stop_form": "le formulaire remis en fin de stage, qui sert aussi à demander l'arrêt du recouvrement",
    "fine_notice": "l'avis de contravention ou l'avis d'amende majorée",
}
#: the documents of a refund, when the answer does not list those of the user's case (R16)
REFUND_LIST = ("refund_form", "letter_48n_copy", "attestation_copy", "fine_notice_or_payment_proof", "bank_details")
MISSING_FR = {
    "ceiling": "le plafond de votre permis (nous avons supposé 12 points)",
    "handed_back_on": "la date à laquelle vous avez rendu votre permis",
    "licence_date_for_exams": "la date d'obtention du permis, dont dépendent les examens à repasser",
    "balance": "votre solde de points",
    "licence_date": "la date d'obtention du permis (nous avons supposé qu'il n'est plus probatoire)",
    "licence_day": "la date d'obtention du permis (nous avons compté l'année de permis probatoire indiquée)",
    "offences.realite": "la date de paiement ou de condamnation de chaque infraction",
    "offences.commission": "la date à laquelle chaque infraction a été commise",
    "probationary": "si votre permis est probatoire",
    "largest_offence_points": "les points de l'infraction la plus lourde",
    "received_on": "la date de réception de la lettre",
    "retrait_decided_on": "la date de la décision de retrait",
    "amount_paid": "le montant exact du remboursement, qui est celui que vous avez payé",
    "speed_limit_kmh": "la limite de vitesse, dont dépendent la classe et l'amende",
    "code_registration_on": "la date de votre inscription à l'examen du code",
}
QUALIFIER = {"I": "selon notre lecture", "U": "à vérifier"}


def _payment_supposed(d: Dict[str, Any]) -> str:
    """R2: the fine of an offence told, not paid yet, supposed paid on a day: its points go that day."""
    told = (f"Si vous payez le {d['realite']} l'amende de l'infraction du {d['commission']}"
            + (f" ({d['label']})" if d.get("label") else "") + ", ")
    if not d["points"]:
        return told + "aucun point ne vous sera retiré."
    withdrawn = (f"{_points(d['points'])} vous " + ("sera retiré" if d["points"] == 1 else "seront retirés")
                 + f" ce jour-là ({CLASS_FR[d['offence_class']]})")
    if d["balance"] is not None and d["previous"] is not None:
        return told + withdrawn + f" : votre solde passera de {_points(d['previous'])} à {_points(d['balance'])}."
    return told + withdrawn + "."


def _that_day(d: Dict[str, Any]) -> str:
    """The day a hypothetical offence's points would go (R2): the offence's own day when the fine is paid that day,
    else the payment's."""
    return "ce jour-là" if d["realite"] == d["commission"] else f"le {d['realite']}"


#: R3: the answer to "combien de points au plus en une seule fois ?", and to a count asked about, by the outcome
_MOST_AT_ONCE = {
    "rule": lambda d: f"En une seule fois, on peut perdre au plus {_points(d['most'])}",
    "one_offence": lambda d: f"Oui : une seule infraction peut retirer jusqu'à {_points(d['one'])}",
    "together": lambda d: (f"Oui, mais seulement pour plusieurs infractions commises en même temps : leur retrait est "
                           f"plafonné à {_points(d['cap'])}"),
    "alcohol_and_drugs": lambda d: (f"Oui, dans un seul cas : la conduite après usage de stupéfiants avec de l'alcool, "
                                    f"qui retire {_points(d['special'])} ; sinon, c'est {_points(d['cap'])} au plus"),
    "impossible": lambda d: (f"Non : on ne peut pas perdre {_points(d['asked'])} en une seule fois, "
                             f"{_points(d['most'])} au plus"),
}


def _within_deadline(d: dict) -> str:
    """", avant la date limite du …", or, a stage ending on the deadline itself, that day still counts (R15: the
    stage's last day must be ≤ the deadline; tester T23 c22 read "se termine le 28 février, avant la date limite du
    28 février")."""
    if d["last_day"] == d["deadline"]:
        return ", le jour même de la date limite : c'est encore dans le délai"
    return f", avant la date limite du {d['deadline']}"


def points_fr(n: Any) -> str:
    """French agreement: singular below 2 (« 0 point », « 1 point », « -1 point »), plural from 2 (the actions' answers
    say their counts with it too)."""
    n = int(n)
    return f"{n} point" if abs(n) < 2 else f"{n} points"


_points = points_fr  # (the short name of this module's templates)


def _each_offence(each: Any) -> str:
    """« Téléphone tenu en main : 3 points ; excès de vitesse de 35 km/h : 3 points » (R3)."""
    text = " ; ".join(f"{label}{f' de {excess} km/h' if excess else ''} : {_points(points)}"
                      for label, excess, points in each)
    return text[:1].upper() + text[1:]


def _zero(balance: Any) -> str:
    """A computed balance at 0 or below: « 0 point », or « 0 point (solde calculé : -2) » (R1, R18)."""
    return "0 point" if int(balance) == 0 else f"0 point (solde calculé : {balance})"


#: the event that established the offence (R2, spec §0.2)
ESTABLISHED_BY_FR = {
    "payment": "le jour du paiement de l'amende",
    "titre_executoire": "le jour de l'émission du titre exécutoire de l'amende forfaitaire majorée",
    "composition_penale": "le jour de l'exécution de la composition pénale",
    "conviction_final": "le jour où la condamnation est devenue définitive",
}
# the same events, to come (R2 example 4: a payment planned)
ESTABLISHED_BY_PLANNED_FR = {
    "payment": "le jour où vous paierez l'amende",
    "titre_executoire": "le jour de l'émission du titre exécutoire de l'amende forfaitaire majorée",
    "composition_penale": "le jour de l'exécution de la composition pénale",
    "conviction_final": "le jour où la condamnation deviendra définitive",
}


def _class_reason(d: Dict[str, Any]) -> str:
    """« contravention de 4e classe », « contravention de 3e classe ; 3 ans si une autre infraction… » (R9: the 2-year
    delay holds only if no serious offence counts since the licence or the last full recovery, L.223-6 al. 2)."""
    if d["class_delay"] == d["serious_delay"]:
        return CLASS_FR[d["offence_class"]]
    return (f"{CLASS_FR[d['offence_class']]} ; {d['serious_delay']} si une autre infraction, contravention de 4e ou "
            "5e classe ou délit, vous a retiré des points depuis l'obtention du permis ou depuis le dernier retour "
            "au maximum de points")


def _full_recovery_for_class(d: Dict[str, Any]) -> str:
    """R9: the full recovery's day for the offence's class, « le 3 octobre 2029 (3 ans, contravention de 4e classe) »."""
    return f"le {d['full_on']} ({d['class_delay']}, {_class_reason(d)})."


def _these_points(points: Any, *, future: bool = False) -> str:
    """« les 4 points de cette infraction sont retirés », « le point … sera retiré », « les points … sont retirés »
    (R2): the subject and its verb, agreed, in lower case."""
    verb = ("sera" if future else "est") if points and int(points) == 1 else ("seront" if future else "sont")
    if points and int(points) == 1:
        return f"le point de cette infraction {verb} retiré"
    return f"les {_points(points) if points else 'points'} de cette infraction {verb} retirés"


def _licence_day(d: dict) -> str:
    """"le 3 mars 2012", or "en 2012" when only its year was told."""
    return f"en {d['licence_year']}" if d.get("licence_year") else f"le {d['licence']}"


def _two_days(days: Any) -> str:
    """A stage's two consecutive days: « des 14 et 15 avril 2025 », « des 30 novembre et 1er décembre 2026 »."""
    first, last = days
    if (first.year, first.month) == (last.year, last.month):
        return f"des {'1er' if first.day == 1 else first.day} et {format_long_fr(last)}"
    if first.year == last.year:
        return f"des {format_long_fr(first).rsplit(' ', 1)[0]} et {format_long_fr(last)}"
    return f"des {format_long_fr(first)} et {format_long_fr(last)}"


def year_fr(n: Any) -> str:
    """A year of probation as an ordinal: « 1re », « 2e »."""
    return "1re" if int(n) == 1 else f"{int(n)}e"


def _frozen_years(earlier: Any) -> str:
    """« 6 points (infraction commise en 1re année) ou 8 points (en 2e année) » (R7)."""
    parts = [f"{_points(ceiling)} ({'infraction commise en ' if not i else 'en '}{year_fr(i + 1)} année)"
             for i, ceiling in enumerate(earlier)]
    return " ou ".join(parts)


def _euros(n: Any) -> str:
    """1500 → « 1 500 € »."""
    return f"{int(n):,} €".replace(",", " ")


def _first_offence(d: Dict[str, Any]) -> str:
    """The first offence of a balance, by its day, or by its payment when its day is not known."""
    return f"l'infraction du {d['commission']}" if d.get("commission") else f"l'infraction payée le {d['paid']}"


def _committed_on(d: Dict[str, Any]) -> str:
    """When an offence was committed: « le 2 août 2026 », or « en août 2026 » when only its month is told."""
    said = str(d["commission"])
    return f"en {said.split(' ', 1)[1]}" if d.get("commission_month") else f"le {said}"


def _fmt(value: Any) -> Any:
    if isinstance(value, date):
        return format_long_fr(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, Mapping) and set(value) <= {"years", "months", "days"}:
        return format_duration_fr(value)
    return value


T = Callable[[Dict[str, Any]], str]

def _pending_judged(d: Mapping[str, Any]) -> str:
    """R2: offences a court judges (no fixed fine), not established before their conviction is final."""
    if d["count"] == 1:
        return f"l'infraction du {d['commission']} ne retire rien tant que sa condamnation n'est pas définitive"
    return (f"les infractions pas encore jugées (la première du {d['commission']}) ne retirent rien tant que leur "
            "condamnation n'est pas définitive")


TEMPLATES: Dict[str, T] = {
    # R5–R7 probation
    "probation.balance_clean": lambda d: (f"Sans infraction depuis votre permis, votre solde est aujourd'hui de "
                                          f"{_points(d['balance'])}."),
    # R4 with R7: an offence told that withdrew no point ("81 pour 80" since 2024) is no "infraction ayant donné lieu à
    # retrait": not "Sans infraction depuis votre permis", and the yearly increases go on
    "probation.balance_offence_without_retrait": lambda d: (
        f"Aucune infraction ne vous a retiré de points depuis votre permis : votre solde est aujourd'hui de "
        f"{_points(d['balance'])}. "
        + ("Une infraction sans retrait de points n'arrête pas les majorations annuelles de la période probatoire."
           if d["probationary"] else "Une infraction sans retrait de points ne change pas votre solde.")),
    "probation.status": lambda d: (f"Votre permis est probatoire jusqu'au {d['end']}. Votre plafond est "
                                   f"aujourd'hui de {_points(d['ceiling'])}."),
    # the licence's year only ("permis depuis 2012"): the year of the end, at the latest its end, not a day
    "probation.ended": lambda d: (f"Votre période probatoire est terminée depuis "
                                  + (f"{d['end_year']} (au plus tard fin {d['end_year']})" if d.get("end_year")
                                     else f"le {d['end']}")
                                  + f" : le plafond de votre permis est de {_points(d['ceiling'])}."),
    "probation.before_probation_existed": lambda d: ("Votre permis a été obtenu avant l'existence du permis "
                                                     f"probatoire : son plafond est de {_points(d['ceiling'])}."),
    "probation.past_increments": lambda d: (
        (f"Votre permis a démarré à {_points(d['initial'])} le {d['licence_date']}, puis a gagné ses points le "
         + ", puis le ".join(f"{_fmt(step['date'])} ({_points(step['ceiling'])})" for step in d["steps"]) + ".")
        if d["steps"] else
        (f"Votre permis a démarré à {_points(d['initial'])} le {d['licence_date']} et n'a encore gagné aucun point "
         "(le premier gain vient au 1er anniversaire du permis, sans infraction).")),
    "probation.year_ceiling": lambda d: (
        f"En {year_fr(d['year'])} année de permis probatoire"
        + ("" if d["year"] == 1 else ", avec la conduite accompagnée (AAC)" if d["aac"] else
           ", sans conduite accompagnée")
        + f", le plafond est de {_points(d['ceiling'])} : 6 points au départ, puis "
        + ("3" if d["aac"] else "2") + " de plus à chaque anniversaire du permis sans infraction."),
    "probation.year_ceiling_over": lambda d: (
        f"En {year_fr(d['year'])} année de permis, la période probatoire ({d['duration']}"
        + (" avec la conduite accompagnée" if d["aac"] else "") + f") est terminée : le plafond est de "
        f"{_points(d['ceiling'])}."),
    "probation.year_ceiling_frozen": lambda d: (
        "Si une infraction avec retrait de points a été commise avant votre "
        f"{year_fr(d['year'])} année, le plafond est resté à {_frozen_years(d['earlier'])} : la première infraction "
        "en période probatoire arrête les majorations."),
    "probation.relicensed": lambda d: ("Un permis obtenu à nouveau après une invalidation ou une annulation est "
                                       "probatoire : il démarre à 6 points, sans conduite accompagnée possible."),
    "probation.aac": lambda d: ("Avec la conduite accompagnée (AAC), la période probatoire dure 2 ans et chaque "
                                "année sans infraction rapporte 3 points."),
    "probation.training_kept": lambda d: (
        "Avec la formation complémentaire suivie entre le 6e et le 12e mois du permis (du "
        f"{d['window_from']} au {d['window_to']}) et sans infraction, la période probatoire se terminera le {d['end']}."
        if d.get("planned") else
        f"Grâce à la formation complémentaire suivie dans les délais et sans infraction, la période probatoire se "
        f"termine le {d['end']}."),
    "probation.training_open": lambda d: (
        "Vous pouvez encore suivre la formation complémentaire (7 heures dans une auto-école labellisée) : elle se "
        f"fait entre le 6e et le 12e mois du permis, soit du {d['window_from']} au {d['window_to']}. Suivie d'ici le "
        f"{d['window_to']}, et sans infraction ensuite, elle réduirait votre période probatoire à "
        f"{d['reduced']} : elle se terminerait le {d['reduced_end']} au lieu du {d['end']}, et "
        f"votre permis aurait alors {_points(d['maximum'])}."),
    "probation.training_lost": lambda d: ("Une infraction avec retrait de points (ou une mesure de suspension) fait "
                                          "perdre la réduction liée à la formation complémentaire : la période "
                                          f"probatoire se termine le {d['end']}."),
    "probation.training_outside_window": lambda d: (
        "La formation complémentaire doit être suivie entre le 6e et le 12e mois du permis (du "
        f"{d['window_from']} au {d['window_to']}), un délai déjà passé : elle ne réduirait pas la période "
        f"probatoire, qui se terminera toujours le {d['end']}." if d.get("over") else
        "La formation complémentaire doit être suivie entre le 6e et le 12e mois du permis (du "
        f"{d['window_from']} au {d['window_to']}) : à cette date, elle ne réduirait pas la période probatoire, qui "
        f"se terminerait le {d['end']}." if d.get("planned") else
        "La formation complémentaire n'a pas été suivie entre le 6e et le 12e mois du permis : elle ne réduit pas la "
        "période probatoire."),
    "probation.training_not_available": lambda d: ("La formation complémentaire n'existait pas encore à cette "
                                                   "date : elle ne réduit pas la période probatoire."),
    "probation.training_relicensed": lambda d: ("La réduction par la formation complémentaire vise un premier "
                                                "permis : nous la considérons comme impossible après une "
                                                "invalidation."),
    "probation.next_increment": lambda d: (f"Sans infraction d'ici là, vous gagnerez {_points(d['points'])} le "
                                           f"{d['date']} (plafond de {_points(d['ceiling'])})."),
    "probation.next_step_end": lambda d: (f"Sans infraction d'ici là, votre permis passera à "
                                          f"{_points(d['ceiling'])} le {d['date']}, fin de la période probatoire."),
    "probation.full_at_end": lambda d: (f"À la fin de la période probatoire, le {d['date']}, votre permis aura "
                                        f"{_points(d['ceiling'])} si vous ne commettez pas d'infraction."),
    # (a probation over is said in the past: "le plafond reste à 10 points" beside "terminée depuis le 14 février
    # 2026 : le plafond est de 12 points" contradicted it, T25 c34)
    "probation.increments_stopped": lambda d: ((f"L'infraction payée le {d['paid']}" if d.get("paid") else
                                                f"L'infraction commise le {d['commission']}")
                                               + (f" a arrêté les majorations annuelles : le plafond est resté à "
                                                  f"{_points(d['ceiling'])} jusqu'à la fin de la période probatoire, "
                                                  f"le {d['end']}." if d.get("ended") else
                                                  " arrête les majorations annuelles : le plafond reste à "
                                                  f"{_points(d['ceiling'])} jusqu'à la fin de la période "
                                                  "probatoire.")),
    "probation.no_extension": lambda d: ("La période probatoire n'a été ni prolongée ni recommencée." if d.get("ended")
                                         else "La période probatoire n'est ni prolongée ni recommencée : elle se "
                                         f"termine toujours le {d['end']}."),
    "probation.offence_on_anniversary": lambda d: (f"L'infraction a été commise le jour anniversaire ({d['date']}) : "
                                                   "nous considérons que la majoration de ce jour reste acquise."),
    "probation.recorded_after_anniversary": lambda d: (f"L'infraction a été commise avant le {d['date']} mais "
                                                       "enregistrée après : en principe, la majoration n'est pas "
                                                       "due ; la pratique du fichier n'est pas connue."),
    "probation.pending_balance": lambda d: (
        f"Votre solde est aujourd'hui de {_points(d['balance'])} : "
        + (f"l'infraction du {d['commission']} ne retire rien tant qu'elle n'est pas établie" if d["count"] == 1 else
           f"les infractions pas encore établies (la première du {d['commission']}) ne retirent rien tant qu'elles "
           "ne le sont pas")
        + (" (condamnation devenue définitive ou composition pénale exécutée). Ensuite, " if d.get("judged") else
           " (amende payée, titre exécutoire ou condamnation définitive). Ensuite, ")
        + (f"{_points(d['points'])} sera retiré" if d["points"] == 1 else f"{_points(d['points'])} seront retirés")
        + f" et votre solde passera à {_points(d['balance_after'])}."),
    "probation.offence_pending": lambda d: (f"L'infraction du {d['commission']} n'est pas encore établie : elle ne "
                                            "compte que si elle aboutit à un retrait de points."),
    "probation.balance_with_offences": lambda d: (
        f"Votre solde est aujourd'hui de {_points(d['balance'])} sur {d['ceiling']} : "
        + ((f"{_points(d['stated'])} après le retrait, comme vous me l'avez indiqué" if d.get("stated_after_retrait")
            else f"le solde de {_points(d['stated'])} que vous m'avez indiqué")
           + (f", {_points(d['withdrawn'])} retiré{'s' if d['withdrawn'] > 1 else ''} depuis" if d['withdrawn']
              else "")
           if d.get("stated") is not None else
           f"{_points(d['withdrawn'])} retiré{'s' if d['withdrawn'] > 1 else ''}" if d['withdrawn']
           else "aucun point retiré pour l'instant (le retrait prend effet à la décision)")
        + (f", {_points(d['returned'])} revenu{'s' if d['returned'] > 1 else ''} depuis"
           if d['returned'] else "")
        + (f", {_points(d['credited'])} rendu{'s' if d.get('credited', 0) > 1 else ''} par un stage"
           if d.get("credited") else "")
        + ("." if d.get("stages_told") else ", sans compter un stage éventuel.")),
    "probation.letter_48n_due": lambda d: (
        ("L'infraction " + (f"du {d['commission']} " if d.get("commission") else
                            f"payée le {d['paid']} " if d.get("paid") else "de votre lettre 48N ")
         if d.get("commission") or d.get("paid") or d.get("received") else "Une infraction ")
        + f"({_points(d['points'])}) a été commise en période probatoire : "
        f"un retrait de {_points(d['threshold'])} ou plus entraîne une lettre 48N, puis un stage obligatoire à "
        f"suivre dans les {d['deadline']} après sa réception"
        + ({None: " ; fait dans ce délai, ce stage ", "running":
            f". Votre lettre 48N, reçue le {d.get('received')}, vous laisse jusqu'au {d.get('last_day')} pour "
            "terminer ce stage ; fait dans ce délai, il "}[d.get("state")]
           + (f"ne rend aucun point (votre dernier stage avec points date du {d['previous']} et un seul stage par an "
              f"en rend : pas avant le {d['earliest']}), mais il reste obligatoire et l'amende est remboursée."
              if not d.get("points_possible") else
              f"ne rend des points que s'il commence à partir du {d['earliest']} (un an après votre dernier stage "
              f"avec points, du {d['previous']}) ; l'amende est remboursée.")
           if d.get("earliest") and d.get("state") in (None, "running") else
           {None: " ; fait dans ce délai, ce stage rend des points et l'amende est remboursée.",
            "running": f". Votre lettre 48N, reçue le {d.get('received')}, vous laisse jusqu'au {d.get('last_day')} "
                       "pour terminer ce stage ; fait dans ce délai, il rend des points et l'amende est remboursée.",
           "met": f". Votre lettre 48N a été reçue le {d.get('received')} et le stage commencé le {d.get('stage')} "
                  f"s'est terminé dans ce délai (au plus tard le {d.get('last_day')}) : l'obligation est remplie et "
                  "l'amende est remboursée.",
           "missed": f". Votre lettre 48N, reçue le {d.get('received')}, laissait jusqu'au {d.get('last_day')} : ce "
                     "délai est dépassé, l'amende n'est donc pas remboursée, et ne pas avoir suivi le stage expose à "
                     "une contravention de 4e classe et à une suspension possible du permis ; un stage peut encore "
                     "rendre des points."}[d.get("state")])),
    "probation.full_after_end": lambda d: (f"Sans nouvelle infraction, votre permis retrouvera 12 points le "
                                           f"{d['date']}, et pas avant la fin de la période probatoire "
                                           f"({d['end']})."),
    # R20, R18: a computed balance reaching 0
    "balance.zero": lambda d: (
        (f"Le retrait pour l'infraction du {d['commission']} a fait tomber votre solde à {_zero(d['balance'])} le "
         f"{d['date']}" if d["past"] else
         f"Le retrait pour l'infraction du {d['commission']} fera tomber votre solde à {_zero(d['balance'])} le "
         f"{d['date']}" if d["date"] else
         f"Si l'infraction du {d['commission']} aboutit à un retrait, votre solde tombera à {_zero(d['balance'])}")
        + " (sans compter un stage éventuel) : le permis perd alors sa validité et c'est une lettre 48SI "
        "d'invalidation qui suit"
        + (", pas une lettre 48N." if d["instead_of_48n"] else ".")
        + " Tant que la 48SI ne vous a pas été notifiée, le permis reste valable."),
    "balance.zero_saving_stage": lambda d: (
        "Seule issue : un stage de récupération de points suivi après la décision de retrait et terminé avant la "
        f"notification de la 48SI sauve le permis ({d['balance']} + {d['points']} = {_points(d['new_balance'])}). "
        "Une fois la 48SI notifiée, même par un recommandé non retiré, il est trop tard."),
    "balance.zero_cannot_be_saved": lambda d: (
        f"Même un stage ne suffirait pas ({d['balance']} + {d['points']} = {_points(d['new_balance'])}) : le "
        "permis sera invalidé dès la notification de la lettre 48SI."),
    # R12, R13, R18: the stages the driver did, counted in the balance
    "balance.stage_credited": lambda d: (
        f"Le stage {_two_days(d['days'])} "
        + ("vous a rendu" if d["past"] else "vous rendra") + f" {_points(d['points'])} le {d['date']} : votre solde "
        + ("est passé" if d["past"] else "passera") + f" de {d['balance']} à {_points(d['new_balance'])}"
        + (f", car un stage ne fait pas dépasser le plafond du permis ({_points(d['ceiling'])} ce jour-là)."
           if d["capped"] else ".")),
    "balance.stage_saved": lambda d: (
        f"Le stage {_two_days(d['days'])}, suivi après le retrait et avant toute lettre 48SI, a "
        f"sauvé votre permis : {d['balance']} + {d['points']} = {_points(d['new_balance'])} le {d['date']}."),
    "balance.stage_cannot_save": lambda d: (
        f"Le stage {_two_days(d['days'])} ne suffit pas à sauver le permis "
        f"({d['balance']} + {d['max_gain']} = {_points(d['balance'] + d['max_gain'])})."),
    "balance.stage_at_ceiling": lambda d: (
        f"Le stage {_two_days(d['days'])} ne vous a rendu aucun point : votre solde était déjà à "
        f"son plafond ({_points(d['ceiling'])})."),
    "balance.stage_too_early": lambda d: (
        f"Le stage {_two_days(d['days'])} n'a rendu aucun point : il a commencé moins d'un an "
        f"après celui du {d['previous']}, et un seul stage par an rend des points (le suivant à partir du "
        f"{d['earliest']})."),
    # R8–R10 recovery
    "recovery.balance_today": lambda d: (
        f"Solde aujourd'hui : {_points(d['balance'])}"
        + (f", si vous aviez {_points(d['start'])} avant {_first_offence(d)} et aucun autre retrait "
           "depuis" if not d["stated"] else f" ({_points(d['start'])} avant " + (
               f"le stage du {d['stage_before']})" if d.get("stage_before") else f"{_first_offence(d)})"))
        + f" : {_points(d['withdrawn'])} retiré{'s' if d['withdrawn'] > 1 else ''}, "
        + f"{_points(d['returned'])} revenu{'s' if d['returned'] > 1 else ''}"
        + (f", {_points(d['credited'])} rendu{'s' if d.get('credited', 0) > 1 else ''} par un stage"
           if d.get("credited") else "")
        + ("." if d.get("stages_told") else ", sans compter un stage éventuel.")),
    # What a hypothetical offence would change (R1, R6–R9, R15, R20): conditional, never a fact
    "what_if.offence": lambda d: _payment_supposed(d) if d.get("told") else (
        f"Si vous commettiez le {d['commission']} "
        + (f"ces infractions en même temps, qui retirent {_points(d['points'])} au total (la plus grave : "
           f"{CLASS_FR[d['offence_class']]})" if d.get("several") else
           "une infraction " + (f"({d['label']}) " if d.get("label") else "")
           + (f"qui retire {_points(d['points'])} ({CLASS_FR[d['offence_class']]})" if d["points"] else
              "qui ne retire aucun point"))
        + (", avec l'amende payée le jour même" if d["realite"] == d["commission"] else
           f", avec l'amende payée le {d['realite']}")
        + (", alors aucun point ne vous serait retiré." if not d["points"] else
           f", alors votre solde passerait de {_points(d['previous'])} à {_points(d['balance'])} {_that_day(d)}."
           if d["balance"] is not None and d["previous"] is not None else
           f", alors votre solde passerait à {_points(d['balance'])} {_that_day(d)}." if d["balance"] is not None else
           f", alors {_points(d['points'])} vous seraient retirés {_that_day(d)}." if d["points"] > 1 else
           f", alors 1 point vous serait retiré {_that_day(d)}.")),
    "what_if.invalidation": lambda d: (
        "Votre solde tomberait alors à 0 : le permis serait invalidé une fois la lettre 48SI notifiée. "
        + (f"Un stage terminé après le retrait et avant cette notification le sauverait, avec "
           f"{_points(d['with_stage'])}." if d["with_stage"] is not None and d["with_stage"] >= 1 else
           "Même un stage ne pourrait plus le sauver.")),
    "what_if.single_point_lost": lambda d: (f"Le point retiré pour l'infraction payée le {d['realite']} ne "
                                            f"reviendrait pas le {d['date']} : une infraction commise le "
                                            f"{d['commission']}, avant cette date, empêche son retour."),
    "what_if.full_recovery": lambda d: (
        (f"Le délai de récupération totale partira de ce paiement : sans nouvelle infraction, votre permis retrouvera "
         f"son maximum de points le {d['date']}" if d.get("told") else
         f"Le délai de récupération totale repartirait du {d['realite']} : sans autre infraction, votre permis "
         f"retrouverait son maximum de points le {d['date']}")
        + (f" au lieu du {d['before']}" if d["before"] and d["before"] != d["date"] else "")
        + (", fin de la période probatoire." if d["at_end"] else ".")),
    "what_if.nothing_stopped": lambda d: (
        "Une infraction qui ne retire aucun point n'interrompt aucun délai de récupération"
        + "".join(f" : le point retiré pour l'infraction payée le {_fmt(realite)} reviendrait quand même le "
                  f"{_fmt(back)}" for back, realite in d["returns"][:1])
        + "".join(f", puis celui de l'infraction payée le {_fmt(realite)} le {_fmt(back)}"
                  for back, realite in d["returns"][1:])
        + (f" ; sans autre infraction avec retrait, votre permis retrouverait son maximum de points le {d['full']}, "
           "comme prévu." if d["full"] else ".")),
    "what_if.single_point_back": lambda d: (f"Le point de cette infraction reviendrait le {d['date']}, si aucune "
                                            "autre infraction avec retrait n'est commise d'ici là"
                                            + (f" : votre permis retrouverait alors ses {d['full']} points."
                                               if d.get("full") else ".")),
    "what_if.training_lost": lambda d: ("Vous perdriez la réduction liée à la formation complémentaire : la période "
                                        f"probatoire se terminerait le {d['end']} au lieu du {d['before']}."),
    "what_if.increments_lost": lambda d: (
        (f"Cette infraction arrêterait les majorations annuelles : pas de majoration le {d['date']}, et votre plafond "
         f"resterait à {_points(d['ceiling'])} jusqu'à la fin de la période probatoire, le {d['end']}.")
        if not d.get("told") else
        # (an offence told, committed in probation: its commission stops them, whatever the day its fine is paid)
        (f"Commise pendant la période probatoire, cette infraction arrête les majorations annuelles quel que soit le "
         f"jour du paiement : pas de majoration le {d['date']}, et votre plafond reste à {_points(d['ceiling'])} "
         f"jusqu'à la fin de la période probatoire, le {d['end']}.")),
    "what_if.recorded_after_anniversary": lambda d: (
        f"Commise avant le {d['date']} mais payée le {d['realite']}, l'infraction empêcherait en principe cette "
        "majoration, le texte retenant la date où elle est commise ; la pratique du fichier n'est pas connue : "
        "vérifiez le solde sur « Mes Points Permis »."),
    "what_if.letter_48n": lambda d: (f"En période probatoire, ce retrait de {_points(d['points'])} entraînerait une "
                                     f"lettre 48N : un stage obligatoire à suivre dans les {d['deadline']} après sa "
                                     "réception (l'amende est alors remboursée)."),
    "recovery.nothing_to_recover": lambda d: "Aucune infraction avec retrait de points : rien à récupérer.",
    "recovery.full_by_single_returns": lambda d: (
        # (a return already past: the licence is at its maximum since, T28 c23 read "retrouvera … le 20 août 2024")
        (f"Vous aviez {_points(d['maximum'])} avant cette infraction : votre permis a retrouvé son maximum le "
         f"{d['date']}, avec le retour de ce point." if d["count"] == 1 else
         f"Vous aviez {_points(d['maximum'])} avant ces infractions : votre permis a retrouvé son maximum le "
         f"{d['date']}, avec le retour du dernier de ces points.") if d.get("past") else
        f"Vous aviez {_points(d['maximum'])} avant cette infraction : votre permis retrouvera son maximum le "
        f"{d['date']}, avec le retour de ce point, si vous ne commettez pas d'autre infraction avec retrait d'ici là."
        if d["count"] == 1 else
        f"Vous aviez {_points(d['maximum'])} avant ces infractions : votre permis retrouvera son maximum le "
        f"{d['date']}, avec le retour du dernier de ces points, si vous ne commettez pas d'autre infraction avec "
        "retrait d'ici là."),
    "recovery.full": lambda d: (
        (f"Votre permis a retrouvé son maximum de points le {d['date']}." if d["past"] else
         (("Si ce point était le seul qui vous a été retiré" if d.get("count", 1) == 1 else
           "Si ces points étaient les seuls qui vous ont été retirés")
          + ", votre permis est alors au maximum ; sinon, sans nouvelle infraction, il retrouvera son maximum de "
          f"points le {d['date']}." if d.get("other_losses") else
          f"Sans nouvelle infraction, votre permis retrouvera son maximum de points le {d['date']}."))
        + f" Le délai court depuis le {d['realite']}, date du paiement ou de la condamnation"
        + (", et il est de 3 ans à cause d'un délit ou d'une contravention de 4e ou 5e classe." if d["serious"]
           else ".")),
    "recovery.not_established": lambda d: (
        ((f"Le point de l'infraction du {d['commission']} n'est pas encore retiré : il le sera" if d["points"] == 1
          else f"Les {_points(d['points'])} de l'infraction du {d['commission']} ne sont pas encore retirés : ils le "
          "seront") if d["count"] == 1
         else f"Les {_points(d['points'])} de vos infractions (la première du {d['commission']}) ne sont pas encore "
         "retirés : ils le seront")
        + (" le jour où la condamnation du tribunal sera devenue définitive (ou la composition pénale exécutée), "
           "pas le jour de l'infraction ni celui du jugement." if d.get("judged") else
           " le jour où l'infraction sera établie (amende payée, titre exécutoire de l'amende majorée ou "
           "condamnation définitive), pas le jour de l'infraction.")
        + " Les délais de récupération partiront de ce jour : "
        "sans nouvelle infraction, "
        + (f"le point reviendra {d['single_delay']} après." if d["single"] else
           f"tous vos points reviendront {d['delay']} après.")),
    "recovery.pending_balance": lambda d: (
        f"Votre solde reste aujourd'hui de {_points(d['balance'])}"
        + (f" (si vous aviez {_points(d['start'])} avant l'infraction du {d['commission']} et aucun autre retrait)"
           if d.get("start") is not None else "")
        + " : "
        + (_pending_judged(d) if d.get("judged") else
           f"l'infraction du {d['commission']} ne retire rien tant qu'elle n'est pas établie" if d["count"] == 1 else
           f"les infractions pas encore établies (la première du {d['commission']}) ne retirent rien tant qu'elles "
           "ne le sont pas")
        + ". Ensuite, "
        + (f"{_points(d['points'])} sera retiré" if d["points"] == 1 else f"{_points(d['points'])} seront retirés")
        + f" et votre solde passera à {_points(d['balance_after'])}."),
    "recovery.full_blocked_pending": lambda d: (
        "Une infraction commise n'est pas encore établie : tant qu'elle est en cours, elle bloque la récupération "
        "totale des points." if not d.get("end") else
        # R7 point 4 with the offence to be established: the later of the end of probation and its establishment + delay
        f"Sans nouvelle infraction, votre permis retrouvera 12 points {d['delay']} après le jour où "
        + (f"l'infraction du {d['commission']} sera établie" if d["count"] == 1 else
           "la dernière de vos infractions en cours sera établie")
        + f", et pas avant la fin de la période probatoire ({d['end']})."),
    "recovery.pending_offence": lambda d: (f"L'infraction du {d['commission']} n'a pas encore de date de paiement "
                                           "ou de condamnation : ses délais ne courent pas encore."),
    "recovery.probation_rule": lambda d: (
        # (a period already over, T23 c20: "elle intervient après la fin de la période (30 avril 2026)" read as to come)
        (f"La période probatoire a pris fin le {d['end']} ; pendant cette période, la récupération totale ne "
         "s'appliquait pas : "
         + (f"vos 12 points sont revenus à sa fin, le {d['date']}." if d["at_end"] else
            f"elle intervient après cette fin, le {d['date']}.")) if d.get("ended") else
        ("Pendant la période probatoire, la récupération totale ne s'applique pas : "
         + (f"vos 12 points reviennent à la fin de la période, le {d['date']}." if d["at_end"] else
            f"elle intervient après la fin de la période ({d['end']}), le {d['date']}."))),
    "recovery.not_yet_withdrawn": lambda d: (f"Les {_points(d['points'])} ne sont pas encore retirés : le retrait "
                                             f"prendra effet le {d['date']} (décision du ministère ou, à défaut, "
                                             "date du paiement)."),
    "recovery.full_past_cycle": lambda d: (
        f"Sans nouvelle infraction commise dans les {d['delay']} qui ont suivi le {d['realite']}, votre permis a "
        f"retrouvé son maximum de points le {d['date']}."),
    "recovery.at_maximum": lambda d: (
        f"Votre permis est aujourd'hui à son maximum de {_points(d['maximum'])} : le délai de récupération "
        f"totale, qui court jusqu'au {d['date']}, n'a plus de point à vous rendre."),
    "recovery.reset": lambda d: ((f"L'infraction commise le {d['commission']}" if d["commission"] else
                                  f"L'infraction payée le {d['realite']}")
                                 + " a relancé le délai de récupération totale."),
    "recovery.single_point": lambda d: (
        f"Le point retiré pour l'infraction payée le {d['realite']} est revenu le {d['date']}." if d.get("past") else
        f"Le point retiré pour l'infraction payée le {d['realite']} revient le {d['date']}, si vous ne commettez "
        "pas d'autre infraction avec retrait d'ici là."),
    "recovery.single_point_blocked": lambda d: (
        (f"Le point retiré pour l'infraction payée le {d['realite']} ne revient pas le {d['date']} si l'infraction "
         f"payée le {d['paid']} a été commise après le {d['realite']} ; commise avant, elle ne "
         f"bloque pas ce point, qui revient alors le {d['date']}.") if d.get("paid") else
        (f"Le point retiré pour l'infraction payée le {d['realite']} ne revient pas le {d['date']} : une autre "
         f"infraction a été commise {_committed_on(d)}"
         + (" ; elle n'est pas encore établie et ne bloque ce point que si elle aboutit à un retrait."
            if d.get("pending") else "."))),
    "recovery.restored_offence_counts": lambda d: (f"L'infraction payée le {d['realite']} "
                                                   f"({CLASS_FR[d['offence_class']]}) compte encore pour ce délai de "
                                                   f"3 ans, même si son point "
                                                   + ("est revenu" if d.get("past") else "revient")
                                                   + f" le {d['date']}."),
    "recovery.invalidated": lambda d: (f"Votre permis a été invalidé le {d['date']} : les points de l'ancien permis "
                                       "qui n'étaient pas encore revenus à cette date ne vous sont plus rendus, ni "
                                       "par la règle des 10 ans ni par les autres délais. Le nouveau permis démarre "
                                       "à 6 points, en période probatoire."),
    "recovery.ten_year_invalidated": lambda d: (
        ("Le point retiré" if d["points"] == 1 else f"Les {d['points']} points retirés")
        + f" pour l'infraction payée le {d['realite']} "
        + ("ne revient pas" if d["points"] == 1 else "ne reviennent pas")
        + f" le {d['date']} par la règle des 10 ans : le permis a été invalidé le {d['invalidated_on']}."),
    "recovery.ten_year": lambda d: (("Le point retiré" if d["points"] == 1 else f"Les {d['points']} points retirés")
                                    + f" pour l'infraction payée le {d['realite']} "
                                    + ("est revenu" if d["points"] == 1 else "sont revenus")
                                    + f" le {d['date']} par la règle des 10 ans"
                                    + (", si votre permis n'a pas été invalidé entre-temps." if d.get(
                                        "unless_invalidated") else ".") if d.get("past") else
                                    ("Au plus tard, le point retiré" if d["points"] == 1 else
                                     f"Au plus tard, les {d['points']} points retirés")
                                    + f" pour l'infraction payée le {d['realite']} "
                                    + ("revient" if d["points"] == 1 else "reviennent")
                                    + f" le {d['date']} (règle des 10 ans)"
                                    + (", si votre permis n'a jamais été invalidé (solde à 0) d'ici là." if d.get(
                                        "unless_invalidated") else ".")),
    "recovery.offences_since": lambda d: (
        "Avec des infractions commises régulièrement depuis, le délai de 2 ou 3 ans sans nouvelle infraction n'a "
        "jamais pu s'écouler : la récupération totale ne viendra que 2 ou 3 ans après le paiement de la dernière. "
        "La règle des 10 ans rend tout de même les points des contraventions des 4 premières classes, même avec "
        "d'autres infractions entre-temps."),
    # (a délit is not paid but judged, or its amende forfaitaire délictuelle paid: established, R2; T36 c19 read
    # "L'infraction payée le 15 mai 2026 (délit)" for a conviction become final that day)
    "recovery.ten_year_excluded": lambda d: ("L'infraction " + ("établie" if d["offence_class"] == "delit" else "payée")
                                             + f" le {d['realite']} ({CLASS_FR[d['offence_class']]}) n'est pas "
                                             "concernée par la règle des 10 ans."),
    # R3, R4, R21 offences
    "offence.points": lambda d: (f"{str(d['label'])[0].upper()}{str(d['label'])[1:]} : retrait de "
                                 f"{_points(d['points'])} ({CLASS_FR[d['offence_class']]})."),
    "offence.no_points": lambda d: (f"{str(d['label'])[0].upper()}{str(d['label'])[1:]} : aucun point n'est retiré "
                                    + ("à personne : si la société ne désigne pas le conducteur, personne ne perd "
                                       "de points, ni le salarié qui conduisait ni le dirigeant ; elle paie en plus "
                                       "l'amende pour non-désignation." if d.get("company_asks") else
                                       "sur votre permis.")),
    "offence.speeding": lambda d: (f"Excès de {d['excess']} km/h"
                                   + (f" ({d['speed']} km/h retenus pour {d['limit']} km/h autorisés)"
                                      if d['speed'] is not None else "")
                                   + " : " + (f"retrait de {_points(d['points'])}" if d['points'] else
                                              "aucun point retiré")
                                   + (f" ({CLASS_FR[d['offence_class']]})" if d['offence_class'] else "") + "."),
    "speeding.class_depends_on_limit": lambda d: (
        f"La classe et l'amende dépendent de la limite : {CLASS_FR[d['above_offence_class']]} (amende forfaitaire "
        f"de {d['above_fine_eur']} €) si elle dépasse {d['urban_limit']} km/h, "
        f"{CLASS_FR[d['at_or_below_offence_class']]} ({d['at_or_below_fine_eur']} €) si elle est de "
        f"{d['urban_limit']} km/h ou moins."),
    "speeding.kept_speed": lambda d: (
        (f"Nous avons lu {d['speed']} km/h comme la vitesse retenue" if d['speed'] is not None else
         "Le dépassement est compté à partir de la vitesse retenue")
        + " : celle de l'avis de contravention, après déduction de la marge du radar."),
    "speeding.margin_applied": lambda d: (
        f"Le radar a mesuré {d['measured']} km/h : après déduction de sa marge de {d['margin']}, la vitesse retenue "
        f"est de {d['kept']} km/h" + (" (arrondi au km/h inférieur)" if d['rounded_down'] else "")
        + ", et c'est elle qui compte pour le dépassement."),
    "speeding.if_measured": lambda d: (
        f"Si {d['speed']} km/h est la vitesse mesurée par un radar fixe, la marge de {d['margin']} donne "
        f"{d['kept']} km/h retenus" + (" (arrondi au km/h inférieur)" if d['rounded_down'] else "") + " : "
        + ((f"excès de {d['excess']} km/h, " + (f"retrait de {_points(d['points'])}" if d['points'] else
                                                 "aucun point retiré"))
           if d['excess'] else "pas d'excès de vitesse") + "."),
    "speeding.no_point": lambda d: (f"Depuis le 1er janvier 2024, un excès de moins de {d['threshold']} km/h ne "
                                    "retire plus de point ; l'amende reste due."),
    "speeding.old_scale": lambda d: (f"L'infraction a été commise avant le {d['since']} : l'ancien barème "
                                     f"s'applique, et un excès de moins de {d['threshold']} km/h retirait encore "
                                     f"{_points(d['points'])}."),
    "speeding.serious": lambda d: (f"Un excès de {d['excess']} km/h est un grand excès de vitesse "
                                   f"({CLASS_FR[d['offence_class']]}"
                                   + (f" depuis le {d['since']}" if d['offence_class'] == "delit" else "")
                                   + (f" à la date de l'infraction ; il n'est un délit que pour un excès commis "
                                      f"depuis le {d['delit_since']}" if d.get('delit_since') else "") + ")."),
    "speeding.retention": lambda d: ("En cas d'interception, le permis est retenu immédiatement et une suspension "
                                     "peut suivre."),
    "alcohol.delit_level": lambda d: (f"À {d['level']} g/l de sang, l'alcool au volant est un délit."),
    "alcohol.below_threshold": lambda d: (f"À {d['level']} g/l de sang, le seuil de {d['threshold']} g/l n'est pas "
                                          "atteint : pas d'infraction d'alcoolémie ni de retrait de points."),
    "alcohol.probation_level": lambda d: (f"En période probatoire, le seuil est de {d['threshold']} g/l de sang, et "
                                          f"non {d['general']} g/l : à {d['level']} g/l, c'est déjà une contravention."),
    "alcohol.depends_on_probation": lambda d: ("Le seuil est de 0,2 g/l en période probatoire ou d'apprentissage, "
                                               "et de 0,5 g/l sinon."),
    # (not the headline again, "Stupéfiants et alcool réunis : retrait de 9 points", T11 c30: since when it applies)
    "alcohol_drugs.nine_points": lambda d: (f"Ce retrait de {_points(d['points'])} vaut pour une infraction commise "
                                            f"depuis le 11 juillet 2025 ; avant, les mêmes faits coûtaient {_points(d['before'])}."),
    "alcohol_drugs.before_2025": lambda d: (f"Avant le 11 juillet 2025, stupéfiants et alcool réunis coûtaient "
                                            f"{_points(d['points'])}."),
    "offence.passenger": lambda d: ("C'est le passager adulte qui paie l'amende lui-même : le conducteur ne perd aucun "
                                    "point. Pour un passager de moins de 18 ans, c'est le conducteur qui paie l'amende (article "
                                    "R.412-2), toujours sans retrait de points."),
    "offence.outside_licence": lambda d: ("Les infractions commises à vélo, en trottinette, à pied, ou payées par le "
                                          "titulaire de la carte grise sans désigner le conducteur ne retirent pas "
                                          "de points."),
    # "c'est la voiture de ma boîte, je dois désigner ?" (L.121-6; T18)
    "offence.designation_asked": lambda d: (
        "Oui, le conducteur doit être désigné, mais c'est à l'entreprise de le faire : son représentant légal donne "
        f"l'identité de la personne qui conduisait dans les {d['delay']} qui suivent l'avis de contravention (s'il "
        "conduisait lui-même, il se désigne). Seul le conducteur désigné perd les points de l'infraction, le jour où "
        "l'amende est payée ; l'entreprise, elle, n'en perd aucun."),
    "offence.non_designation_fine": lambda d: (
        "Si l'entreprise paie l'amende sans désigner le conducteur, personne ne perd de points, mais elle doit en plus "
        f"l'amende pour non-désignation, une {CLASS_FR[d['offence_class']]} : {_euros(d['forfait'])} d'amende "
        f"forfaitaire ({_euros(d['reduced'])} si elle est payée dans les 15 jours, {_euros(d['increased'])} majorée), "
        f"jusqu'à {_euros(d['maximum'])} devant le juge."),
    "offence.company_must_designate": lambda d: (
        f"Mais l'entreprise doit désigner le conducteur dans les {d['delay']} qui suivent l'avis de contravention : "
        f"si elle paie sans le faire, elle doit aussi l'amende pour non-désignation, une {CLASS_FR[d['offence_class']]} "
        f"dont le maximum est multiplié par {d['multiplier']} pour une personne morale (jusqu'à "
        f"{_euros(d['maximum'])}) ; son amende forfaitaire est de {_euros(d['forfait'])} ({_euros(d['reduced'])} si "
        f"elle est payée dans les 15 jours, {_euros(d['increased'])} majorée). "
        + ("Si elle désigne le salarié qui conduisait, l'avis lui est adressé et c'est lui qui perd les points de "
           "l'infraction, le jour où l'amende est payée." if d.get("company_asks") else
           "Si elle vous désigne, l'avis vous est adressé et vous perdez les points de l'infraction le jour où "
           "l'amende est payée.")),
    "offence.fine": lambda d: (("Amende forfaitaire délictuelle" if d["offence_class"] == "delit" else
                                "Amende forfaitaire") + f" : {d['amount']} €"
                               + (f" ; {d['reduced']} € (amende minorée) si "
                                  + ("le passager la paie" if d.get("payer") == "passenger" else "vous la payez")
                                  + " dans les 15 jours, quand "
                                  "l'avis le prévoit." if d.get("reduced") else ".")),
    "offence.court": lambda d: (f"Pour un {CLASS_FR[d['offence_class']]}, le montant de l'amende est fixé par le "
                                "tribunal ou par une amende forfaitaire délictuelle quand elle existe."),
    "offence.court_c5": lambda d: ("Cette contravention de 5e classe n'est pas réglée par une amende forfaitaire : "
                                   "elle est jugée par le tribunal de police, qui fixe l'amende (jusqu'à "
                                   f"{_euros(d['maximum'])})."),
    "offence.recovery_delay": lambda d: (
        "Sans nouvelle infraction, "
        + (f"le point retiré revient {d['single_delay']} après le paiement de l'amende ; " if d.get("single_delay")
           else "")
        + f"le délai de récupération totale est de {d['delay']}"
        + (", et la règle des 10 ans s'applique." if d['ten_year'] else " ; la règle des 10 ans ne s'applique pas.")),
    "offence.recovery_in_probation": lambda d: (
        "En période probatoire, la récupération totale après 2 ou 3 ans ne joue pas pendant la période : sans "
        "nouvelle infraction, le permis retrouve 12 points à la fin de la période probatoire, ou "
        + " ou ".join(f"{years} ans" for years in d["delays"]) + " après le paiement de l'amende si c'est plus tard"
        + (" ; le point retiré revient 6 mois après le paiement." if d["single_point"] else ".")),
    "offence.increments_stop_in_probation": lambda d: (
        "Commise en période probatoire, elle arrête aussi les points gagnés chaque année : le plafond reste celui du "
        "jour de l'infraction jusqu'à la fin de la période probatoire, qui n'est ni prolongée ni recommencée."),
    "offence.training_reduction_lost": lambda d: (
        "Commise en période probatoire, elle arrête aussi les points gagnés chaque année, et elle fait perdre la "
        f"réduction due à la formation complémentaire : la période probatoire se terminerait le {d['normal_end']} au "
        f"lieu du {d['reduced_end']}, et le plafond resterait celui du jour de l'infraction jusque-là."),
    "offence.recovery_delay_by_class": lambda d: (
        "Sans nouvelle infraction, le délai de récupération totale est de "
        + " et de ".join(f"{format_duration_fr(c['delay'])} pour une {CLASS_FR[c['offence_class']]}"
                         for c in d['by_class'])
        + (" ; la règle des 10 ans s'applique." if d['ten_year'] else
           " ; la règle des 10 ans ne s'applique pas toujours.")),
    "offence.triggers_48n": lambda d: (f"En période probatoire, une infraction qui retire {_points(d['threshold'])} ou "
                                       "plus, " + ("comme l'une de celles-ci" if d['several'] else "comme celle-ci")
                                       + ", entraîne une lettre 48N et un stage obligatoire dans les "
                                       f"{d['deadline']} suivant sa réception."),
    "offence.may_reach_zero": lambda d: (
        (f"Attention : si un retrait antérieur a laissé votre solde à {_points(d['points'])} ou moins, "
         if d.get("after_others") else
         f"Attention : si votre solde est de {_points(d['points'])} ou moins (c'est toujours le cas en première "
         f"année de permis probatoire, qui démarre à {_points(d['initial'])}), ")
        + "ce retrait le fait tomber à 0 point : "
        "c'est alors une lettre 48SI d'invalidation qui suit, pas une lettre 48N, et seul un stage terminé avant "
        "sa notification peut sauver le permis."),
    "offence.brings_48si": lambda d: (
        f"Avec votre solde de {_points(d['balance'])}, ce retrait de {_points(d['points'])} le fait tomber à "
        f"{_zero(d['balance_after'])} : c'est une lettre 48SI d'invalidation qui suivra, pas une lettre 48N."
        + ("" if d.get("saving_said") else
           " Le permis reste valable tant qu'elle ne vous a pas été notifiée ; un stage suivi après la décision de "
           "retrait et terminé avant cette notification "
           + (f"le sauve ({d['balance_after']} + {d['gain']} = {_points(d['saved'])})." if d["saved"] >= 1 else
              f"ne suffirait pas ({d['balance_after']} + {d['gain']} = {_points(d['saved'])})."))),
    "retrait.most_at_once": lambda d: _MOST_AT_ONCE[d["outcome"]](d) + ".",
    "retrait.one_offence": lambda d: (f"Une infraction seule retire au plus {_points(d['one'])} : "
                                      f"{_points(d['delit'])} pour un délit, de 1 à {_points(d['one'])} pour une "
                                      "contravention, selon le texte qui la prévoit."),
    "retrait.simultaneous_cap": lambda d: (f"Plusieurs infractions commises en même temps (au même contrôle) "
                                           f"s'additionnent, mais le retrait est plafonné à {_points(d['cap'])}."),
    "retrait.alcohol_and_drugs": lambda d: (f"Exception : la conduite après usage de stupéfiants avec de l'alcool "
                                            f"retire {_points(d['points'])}, pour une infraction commise depuis le "
                                            f"{d['since']}."),
    "retrait.separate_events": lambda d: ("Des infractions commises à des dates différentes ne sont pas plafonnées "
                                          "ensemble : chacune retire ses propres points."),
    "alcohol.limit": lambda d: (
        ("En permis probatoire, le taux d'alcool autorisé est " if d["probationary"] else
         "Le taux d'alcool autorisé est ")
        + f"inférieur à {d['limit']} g/l de sang ({d['breath']} mg/l d'air expiré)"
        + (" : en pratique, aucun verre. " if d["probationary"] else ". ")
        + f"Au-delà : contravention de 4e classe ({d['fine']} €, {_points(d['points'])}) ; à partir de "
        f"{d['delit']} g/l ({d['delit_breath']} mg/l d'air), c'est un délit "
        f"({_points(d['delit_points'])}, jugé par le tribunal)."),
    "alcohol.limit_probation": lambda d: (f"En permis probatoire (ou en apprentissage), la limite est plus basse : "
                                          f"{d['limit']} g/l de sang ({d['breath']} mg/l "
                                          "d'air expiré)."),
    "alcohol.first_year": lambda d: (f"En 1re année de permis probatoire, les {_points(d['points'])} retirés font "
                                     "tomber le solde à 0 : seul un stage terminé avant la lettre 48SI peut alors "
                                     "sauver le permis."),
    "offence.48n_after_probation": lambda d: (
        f"Votre période probatoire s'est terminée le {d['probation_end']}, mais l'infraction a été commise pendant, "
        f"le {d['commission']} : c'est cette date qui compte. La lettre 48N suit donc, même reçue après la fin de "
        "la période probatoire, et le stage reste obligatoire dans les 4 mois qui suivent sa réception."),
    "offence.no_48n": lambda d: (f"En période probatoire, cette infraction ({_points(d['points'])}) n'entraîne pas "
                                 f"de lettre 48N : il faut un retrait de {_points(d['threshold'])} ou plus en une "
                                 "seule infraction."),
    "separate.added": lambda d: (f"{_each_offence(d['each'])}. Constatées à des dates différentes, ces infractions "
                                 f"s'additionnent sans plafond : {_points(d['total'])} au total (le plafond de 8 points "
                                 "ne vaut que pour des infractions constatées en même temps)."),
    "separate.checks_added": lambda d: (
        f"{_each_offence(d['each'])}. Constatées à des contrôles différents, même le même jour, ces infractions "
        f"s'additionnent : {_points(d['total'])} au total"
        + (f" (celles d'un même contrôle plafonnées à {_points(d['cap'])})" if d["capped"] else "")
        + f" ; le plafond de {_points(d['cap'])} ne vaut que pour des infractions constatées au même contrôle."),
    "simultaneous.added": lambda d: (f"{_each_offence(d['each'])}. Les retraits s'additionnent : "
                                     f"{_points(d['points'])} au total."),
    "simultaneous.capped": lambda d: (f"{_each_offence(d['each'])}. Les retraits s'additionnent ({d['total']}) "
                                      f"mais sont plafonnés à {_points(d['points'])} pour des infractions "
                                      "commises en même temps."),
    "simultaneous.nine_points": lambda d: (f"{_each_offence(d['each'])}. Avec le délit stupéfiants et alcool "
                                           f"réunis, nous retenons {_points(d['points'])} au total."),
    "simultaneous.no_48n": lambda d: ("Aucune infraction prise seule n'atteint 3 points : pas de lettre 48N, même si "
                                      "le total l'atteint."),
    # R11–R14, R18 stages
    # (a stage still to come, "je fais un stage la semaine prochaine": said in the future, T18)
    "stage.credited": lambda d: (f"Le stage vous {'rendra' if d.get('to_come') else 'rend'} {_points(d['points'])}, "
                                 f"avec effet {d.get('effect_fr') or 'au ' + d['date']} : votre solde "
                                 f"{'passera' if d.get('to_come') else 'passe'} de {d['balance']} à "
                                 f"{_points(d['new_balance'])}."),
    "stage.credited_up_to": lambda d: (
        f"Le stage {_two_days(d['days'])} vous {'a rendu' if d['past'] else 'rendra'} jusqu'à {_points(d['points'])}, "
        f"avec effet au {d['date']}, sans dépasser votre plafond de {_points(d['ceiling'])} : votre total dépend de "
        "votre solde avant le stage."),
    "stage.next_point_stage": lambda d: (f"Le prochain stage qui vous rendra des points pourra commencer le "
                                         f"{d['earliest']} (un an après celui-ci ; date prudente : {d['prudent']})."),
    "stage.capped": lambda d: (f"Vous récupérez {_points(d['points'])} et non {d['max_gain']} car votre permis ne "
                               f"peut pas dépasser son plafond de {_points(d['ceiling'])}."),
    "stage.at_ceiling": lambda d: (
        f"Fait avant l'enregistrement du retrait, le stage ne vous rendrait aucun point : votre solde sans ce retrait "
        f"({d['balance']}) est déjà au plafond de {_points(d['ceiling'])}." if d.get("before_retrait") else
        f"Aucun point à gagner : votre solde ({d['balance']}) est déjà au plafond de {_points(d['ceiling'])}."),
    "stage.case_no_points": lambda d: (f"Un stage du cas {d['case']} (alternative aux poursuites, composition "
                                       "pénale ou peine) ne rend pas de points et ne compte pas pour le délai d'un an."),
    "stage.licence_invalidated": lambda d: ("Aucun point : la lettre 48SI d'invalidation a été notifiée, le permis "
                                            "n'est plus valide et le préfet doit refuser les points du stage."),
    "stage.too_early": lambda d: (f"Aucun point : le stage précédent ayant rapporté des points date du "
                                  f"{d['previous']}, un nouveau stage n'en donne qu'à partir du {d['earliest']} "
                                  f"(date à date ; date prudente : {d['prudent']})."),
    "stage.obligation_met_without_points": lambda d: ("Le stage reste valable pour l'obligation de la lettre 48N et "
                                                      "pour le remboursement de l'amende."),
    "stage.cannot_save": lambda d: (f"Le stage ne suffit pas : {d['balance']} + {d['points']} = {d['new_balance']}, "
                                    "le permis reste à 0 point et sera invalidé."),
    "stage.saved": lambda d: (
        (f"Le permis est sauvé : le retrait compte d'abord, puis le stage s'ajoute "
         f"({d['balance']} + {_points(d['new_balance'] - d['balance'])} = "
         f"{_points(d['new_balance'])}), car la lettre 48SI n'a pas été notifiée avant le stage.") if not d.get("until")
        else (f"Le permis serait sauvé : le retrait compte d'abord, puis le stage s'ajoute "
              f"({d['balance']} + {_points(d['new_balance'] - d['balance'])} = {_points(d['new_balance'])}), à "
              f"condition que la lettre 48SI ne vous soit pas notifiée d'ici le {d['until']}, dernier jour du stage "
              "(une lettre présentée, même non retirée, est notifiée ce jour-là) : notifiée avant, le permis serait "
              "perdu.")),
    "stage.saves_from": lambda d: (
        ("Ce stage ne sauverait donc pas votre permis : votre solde resterait à " + _zero(d["balance"]) + ". "
         if d["asked"] else f"Un stage fait avant le {d['earliest']} ne rendrait aucun point et ne sauverait pas "
         "votre permis. ")
        + f"Seul un stage commencé à partir du {d['earliest']} et terminé avant la notification de la lettre 48SI le "
        f"sauverait ({d['balance']} + {_points(d['points'])} = {_points(d['new_balance'])}) ; si la lettre 48SI vous "
        "est notifiée avant, le permis est perdu."),
    "stage.zero_balance": lambda d: (
        ("Après ce retrait, votre solde tombera à " if d["pending"] else "Votre solde reste à ") + _zero(d["balance"])
        + " : une lettre 48SI d'invalidation suivra ; le permis reste valable tant qu'elle ne vous a pas été "
        "notifiée."
        + (f" Un stage ne rendra de nouveau des points qu'à partir du {d['next_stage']}." if d["next_stage"] else "")),
    "stage.prudent_margin": lambda d: (f"Le stage tombe exactement le {d['earliest']} : c'est permis (de date à "
                                       f"date), mais beaucoup d'organisateurs exigent le {d['prudent']}."),
    "stage.wait_for_retrait": lambda d: (
        f"Mieux vaut attendre que le retrait de {_points(d['points'])} soit enregistré avant de faire le stage : "
        f"vous passeriez alors de {d['recorded']} à {_points(d['waiting'])}, au lieu de finir à "
        f"{_points(d['balance_after'])} avec un stage fait avant, plafonné puis suivi du retrait"
        + (" ; le stage doit alors être terminé avant la notification de la lettre 48SI." if d["recorded"] <= 0
           else ".")),
    "stage.single_point_back_alone": lambda d: (
        f"Sans stage, ce point reviendra de lui-même {d['delay']} après le paiement de l'amende (ou "
        "la condamnation), si vous ne commettez pas d'autre infraction avec retrait d'ici là"
        + (" : un stage ne vous rendrait que ce que le temps vous rendra." if d["only_that"] else ".")),
    # (T15 c09: "j'ai 5 points sur Mes Points Permis" after a délit told: the 5 may count its 6 points or not, R2)
    "stage.retrait_maybe_counted": lambda d: (
        f"Ce calcul suppose que vos {d['balance']} points comptent déjà le retrait de {_points(d['points'])} : le "
        f"stage vous mène alors à {_points(d['counted'])}. Si ce retrait n'est pas encore enregistré (les points "
        "ne sont retirés qu'une fois l'amende payée ou la condamnation devenue définitive), "
        f"il sera déduit après le stage : solde final {_points(d['balance_after'])}."
        + (" Attendre son enregistrement avant le stage ne changerait rien ici." if d["same_if_waiting"] else "")
        + " Votre relevé sur « Mes Points Permis » ou la lettre 48 reçue vous dira s'il y figure."),
    "stage.before_retrait": lambda d: (f"Le retrait de {_points(d['points'])} pas encore enregistré sera déduit après "
                                       f"le stage : solde final {_points(d['balance_after'])}."
                                       + (" Attendre son enregistrement avant le stage ne changerait rien ici."
                                          if d["same_if_waiting"] else "")
                                       + (f" Sans le stage, ce retrait ferait tomber votre solde à "
                                          f"{_points(d['without'])} : oui, un stage terminé avant la notification "
                                          "d'une lettre 48SI sauve votre permis."
                                          if d["without"] <= 0 < d["balance_after"] else "")),
    # R12 edge case, R14 example 3 [U]: commonly stated, no official text read
    "stage.during_suspension": lambda d: ("Un stage suivi pendant une suspension ou une rétention du permis rend ses "
                                          "points, car le permis est suspendu mais pas invalidé : c'est ce qui est "
                                          "communément admis, sans texte officiel qui le dise expressément. La "
                                          "suspension, elle, n'est pas raccourcie."),
    "stage.admin_chain": lambda d: ("L'organisateur transmet l'attestation au préfet sous 15 jours, les points sont "
                                    "enregistrés dans le mois, puis vous recevez une lettre 47."),
    "stage.eligible_now": lambda d: "Un stage volontaire peut vous rendre des points dès maintenant.",
    # (said before the day the year ends, of a stage to come on or after it: the year "sera écoulé", T23 c12)
    "stage.eligible_now_after_previous": lambda d: (
        f"Un stage peut de nouveau vous rendre des points : le délai d'un an depuis le {d['previous']} est écoulé "
        f"depuis le {d['earliest']}." if d.get("elapsed", True) else
        f"Ce stage pourra de nouveau vous rendre des points : le délai d'un an depuis le {d['previous']} sera "
        f"écoulé le {d['earliest']}."),
    "stage.eligible_from": lambda d: (f"Un stage ne vous rendra des points qu'à partir du {d['earliest']} (un an de "
                                      f"date à date après le stage du {d['previous']}) ; date prudente : "
                                      f"{d['prudent']}."),
    "stage.expected_gain": lambda d: (f"Il vous rendrait {_points(d['points'])} (plafond {d['ceiling']})"
                                      + (f" : votre solde passerait de {d['balance']} à {_points(d['balance'] + d['points'])}."
                                         if d["points"] > 0 else ".")),
    "stage.needs_retrait": lambda d: ("Le stage n'est utile que si vous avez perdu des points (retrait enregistré "
                                      "ou décidé)."),
    "stage.nothing_to_gain": lambda d: (f"Aucun point à gagner : votre solde ({d['balance']}) est déjà au plafond "
                                        f"de {_points(d['ceiling'])}."),
    # (what a voluntary stage before it costs: the year's stage, so the compulsory one gives nothing, R14, R17; T15 c11)
    "stage.wait_for_48n": lambda d: ("Après un retrait de 3 points ou plus en période probatoire, attendez la "
                                     "lettre 48N : le stage suivi ensuite (cas 2) compte pour l'obligation et "
                                     "permet le remboursement de l'amende. Un stage volontaire fait avant elle "
                                     "rendrait bien des points, mais il compterait comme le stage de l'année : le "
                                     "stage obligatoire, toujours dû dans les 4 mois qui suivent la 48N, ne rendrait "
                                     "alors aucun point."),
    "stage.cases": lambda d: ("Seuls le stage volontaire (cas 1) et le stage obligatoire après une lettre 48N "
                              "(cas 2) rendent des points."),
    "court_stage.alternative": lambda d: ("Le stage proposé par le procureur à la place des poursuites (alternative "
                                          f"aux poursuites, cas {d['case']}) ne vous rend aucun point, et l'infraction "
                                          "ne vous en retire aucun une fois le stage accompli."),
    "court_stage.composition": lambda d: ("Le stage suivi dans le cadre d'une composition pénale proposée par le "
                                          f"procureur (cas {d['case']}) ne rend pas de points."),
    "court_stage.prosecutor": lambda d: ("Le stage proposé par le procureur (alternative aux poursuites ou composition "
                                         f"pénale, cas {d['case']}) ne vous rend aucun point."),
    "court_stage.sentence": lambda d: ("Le stage imposé par le juge (peine complémentaire ou obligation d'un sursis, "
                                       f"cas {d['case']}) ne rend pas de points."),
    "court_stage.no_retrait": lambda d: (("S'il s'agit d'une alternative aux poursuites : une fois" if d.get("either")
                                          else "Une fois") + " le stage accompli, les poursuites sont abandonnées "
                                         "(classement sans suite) et l'infraction ne vous retire aucun point ; si vous "
                                         "ne le suivez pas, les poursuites peuvent reprendre."),
    "court_stage.composition_retrait": lambda d: (("S'il s'agit d'une composition pénale : elle retire" if d.get("either")
                                                   else "La composition pénale, elle, retire")
                                                  + " les points de l'infraction le jour où elle est exécutée."),
    "court_stage.no_interval": lambda d: ("Ce stage ne compte pas pour la règle d'un seul stage par an : un stage "
                                          f"volontaire reste possible et peut vous rendre jusqu'à {_points(d['points'])}, "
                                          "dans la limite de votre plafond."),
    "court_stage.voluntary_points": lambda d: (
        f"Votre stage volontaire " + (f"commencé le {d['first_day']} a donc pu vous rendre" if d["past"] else
                                      f"qui commence le {d['first_day']} pourra donc vous rendre")
        + f" jusqu'à {_points(d['points'])}, dans la limite de votre plafond, avec effet au {d['effective']}."),
    "court_stage.voluntary_too_early": lambda d: (
        f"Votre stage volontaire commencé le {d['first_day']} ne rend pourtant pas de points : le dernier stage ayant "
        f"rapporté des points date du {d['previous']}, un nouveau stage n'en donne qu'à partir du {d['earliest']}."),
    # R15–R17 48N
    "48n.stage_due": lambda d: (f"Vous devez terminer le stage obligatoire au plus tard le {d['deadline']} "
                                f"(4 mois après la réception de la lettre 48N le {d['received']})."),
    "48n.deadline_close": lambda d: (
        ("Attention, la date limite est aujourd'hui" if d["days_left"] == 0 else
         "Attention, la date limite est demain" if d["days_left"] == 1 else
         f"Attention, il ne reste que {d['days_left']} jours")
        + f" : seul un stage terminé au plus tard le {d['deadline']} compte, même réservé avant. Le stage dure deux "
        "jours consécutifs : "
        + ("il fallait donc le commencer hier au plus tard." if d["start_days_left"] < 0 else
           "il doit donc commencer aujourd'hui au plus tard." if d["start_days_left"] == 0 else
           f"il doit donc commencer au plus tard le {d['latest_first_day']}.")),
    "48n.none_below_threshold": lambda d: (
        "Non : aucun stage n'est obligatoire. La lettre 48N ne suit qu'une infraction qui retire à elle seule "
        f"{_points(d['threshold'])} ou plus en période probatoire ; "
        # (one retrait: it is below, said so, not "each of them"; T5 c66)
        + (f"votre retrait ({_points(d['retraits'][0])}) ne l'atteint pas." if len(d["retraits"]) == 1 else
           "vos retraits (" + " et ".join(_points(p) for p in d["retraits"]) + ") sont chacun en dessous, "
           + (f"même si leur total ({_points(d['total'])}) l'atteint." if d["total"] >= d["threshold"] else
              f"et leur total ({_points(d['total'])}) ne l'atteint pas non plus."))
        + (" Cela vaut aussi pour des infractions relevées au même contrôle." if d["same_check"] else "")),
    "48n.voluntary_possible": lambda d: (f"Un stage volontaire reste possible : il peut vous rendre jusqu'à "
                                         f"{_points(d['points'])}, dans la limite de votre plafond, sans remboursement "
                                         "d'amende."),
    "48n.awaiting": lambda d: (f"Une infraction qui retire {_points(d['points'])} en période probatoire entraîne une "
                               f"lettre 48N (à partir de {_points(d['threshold'])}) : le stage devient obligatoire "
                               f"dans les {d['delay']} qui suivent sa réception."),
    "48n.no_letter_yet": lambda d: ("Sans lettre 48N, aucun stage n'est obligatoire pour l'instant. Elle ne suit "
                                    f"qu'une infraction qui retire à elle seule {_points(d['threshold'])} ou plus en "
                                    f"période probatoire, et le délai de {d['delay']} court depuis sa réception (ou "
                                    "la première présentation du recommandé, s'il n'a pas été retiré)."),
    "48n.not_received_yet": lambda d: (f"Tant que la lettre 48N ne vous est pas parvenue, le délai de {d['delay']} ne "
                                       "court pas encore ; gardez la date de sa réception (ou de l'avis de passage "
                                       "s'il s'agit d'un recommandé non retiré)."),
    "48n.probation_until": lambda d: (f"Votre permis est probatoire jusqu'au {d['probation_end']} : d'ici là, une "
                                      f"infraction qui retire {_points(d['threshold'])} ou plus entraîne une lettre "
                                      f"48N et un stage obligatoire dans les {d['delay']} qui suivent sa réception."),
    "48n.probation_over": lambda d: (("Votre période probatoire s'est terminée le " + str(d["probation_end"])
                                      if d["probation_end"] else "Votre permis n'est pas probatoire")
                                     + " : une infraction ne peut plus vous valoir de lettre 48N ni de stage "
                                     "obligatoire ; un stage volontaire reste possible pour récupérer des points."),
    "48n.still_after_probation": lambda d: (
        f"Oui, le stage reste obligatoire : l'infraction du {d['commission']} a été commise pendant la période "
        f"probatoire, terminée le {d['probation_end']} ; c'est le jour de l'infraction qui compte, pas celui de la "
        "lettre 48N."),
    "48n.offence_after_probation": lambda d: (
        f"Non : l'infraction du {d['commission']} a été commise après la fin de la période probatoire (le "
        f"{d['probation_end']}) : une infraction ne peut plus vous valoir de lettre 48N ni de stage obligatoire. Le "
        "retrait de points est annoncé par "
        "une lettre 48, une simple information (ou une 48M si le solde devient bas), sans obligation ; un stage "
        "volontaire reste possible pour récupérer des points."),
    "48n.letter_after_probation": lambda d: ("Seule exception : une lettre 48N reçue maintenant pour une infraction "
                                             "commise pendant la période probatoire ; le stage reste alors "
                                             f"obligatoire dans les {d['delay']}."),
    "48n.if_missed": lambda d: (f"Sans stage terminé le {d['deadline']} : contravention de 4e classe ({d['fine']} €, "
                                f"jusqu'à {d['maximum']} €), suspension possible du permis jusqu'à "
                                f"{d['suspension']}, et " + ("le recouvrement de l'amende de l'infraction ne sera pas "
                                "arrêté." if d.get("unpaid") else "l'amende de l'infraction ne sera pas remboursée.")),
    "48n.deadline_missed": lambda d: (f"Le délai a expiré le {d['deadline']} : ne pas suivre le stage est une "
                                      f"contravention de 4e classe ({d['fine']} €, jusqu'à {d['maximum']} €), avec "
                                      f"une suspension possible du permis jusqu'à {d['suspension']} ; "
                                      + ("le recouvrement de l'amende initiale ne sera pas arrêté." if d.get("unpaid")
                                         else "l'amende initiale ne sera pas remboursée.")),
    "48n.late_stage_points": lambda d: (f"Un stage fait maintenant ne rattrape pas ce retard et "
                                        + ("n'arrête pas le recouvrement de l'amende" if d.get("unpaid")
                                           else "ne rembourse pas l'amende")
                                        + f", mais il peut encore vous rendre jusqu'à {_points(d['points'])}, dans "
                                        "la limite de votre plafond et d'un stage par an."),
    "48n.obligation_met": lambda d: (f"Obligation remplie : le stage s'est terminé le {d['last_day']}"
                                     f"{_within_deadline(d)}." if d.get("past", True) else
                                     f"Obligation remplie si vous suivez tout le stage : il se termine le "
                                     f"{d['last_day']}{_within_deadline(d)}."),
    "48n.refund_due": lambda d: ("L'amende n'ayant pas été payée, il n'y a rien à rembourser : son recouvrement "
                                 "sera arrêté." if d.get("unpaid") else
                                 "L'amende de l'infraction vous sera remboursée (ou son recouvrement arrêté, si "
                                 "elle n'a pas été payée)."),
    "48n.stage_late": lambda d: (("Le stage s'est terminé" if d.get("past", True) else "Le stage se terminera")
                                 + f" le {d['last_day']}, après la date limite du "
                                 f"{d['deadline']} : l'obligation n'est pas remplie à temps ({d['fine']} €, "
                                 f"jusqu'à {d['maximum']} €, et suspension possible), et "
                                 + ("le recouvrement de l'amende n'est pas arrêté." if d.get("unpaid") else
                                    "l'amende n'est pas remboursée.")),
    "48n.stage_before_letter": lambda d: (f"Un stage suivi avant de recevoir la lettre 48N ({d['received']}) ne "
                                          "remplit probablement pas l'obligation : un stage reste à faire avant le "
                                          f"{d['deadline']}."),
    "48n.recent_stage": lambda d: (
        f"Votre dernier stage avec points date du {d['previous']} : "
        + ("le stage obligatoire pourra rendre des points s'il commence à partir du " f"{d['earliest']}."
           if d["points_possible"] else
           f"le stage obligatoire ne rendra pas de points (pas avant le {d['earliest']})"
           + ("." if d.get("deadline_passed") else
              f", mais il reste obligatoire avant le {d['deadline']} et l'amende sera remboursée."))),
    "48n.no_points_recent_stage": lambda d: (f"Ce stage ne rend pas de points : moins d'un an après celui du "
                                             f"{d['previous']} (points possibles à partir du {d['earliest']})."),
    "48n.points_possible": lambda d: "Ce stage peut aussi vous rendre jusqu'à 4 points, dans la limite du plafond.",
    "48n.voluntary_first_no_points": lambda d: (
        ("Non : votre stage volontaire du " if d["past"] else "Non : un stage volontaire commencé le ")
        + f"{d['voluntary']} " + ("vous a rendu" if d["past"] else "vous rendrait") + " des points, et un "
        "seul stage par an en rend. Le stage obligatoire de la lettre 48N, à faire dans les "
        f"{d['delay']} qui suivent sa réception, ne vous rendrait donc aucun point s'il commence avant le "
        f"{d['earliest']} (un an de date à date après le stage volontaire) : ce serait le cas sauf si la lettre arrive "
        "très tard."),
    "48n.voluntary_capped_no_points": lambda d: (
        f"Non : un stage volontaire commencé le {d['voluntary']} ne vous rendrait aucun point : votre solde "
        f"({_points(d['balance'])}) est déjà à votre plafond tant que le retrait de l'infraction n'est pas enregistré, "
        "et ce retrait viendrait ensuite. Ne rendant rien, il ne compterait pas dans la limite d'un stage par an : le "
        "stage obligatoire de la lettre 48N pourrait encore vous rendre des points."),
    "48n.voluntary_not_the_obligation": lambda d: (
        "Le stage volontaire ne remplace pas le stage obligatoire : après la lettre 48N, il faudra quand même en "
        f"suivre un dans les {d['delay']}, sous peine d'amende et de suspension possible."),
    "48n.refund_still_due": lambda d: ("Ce stage obligatoire fait dans le délai vous fera tout de même rembourser "
                                       "l'amende, même sans points."),
    "48n.wait_for_letter": lambda d: (f"Mieux vaut attendre la lettre 48N : un seul stage, le stage obligatoire, vous "
                                      f"rendra alors jusqu'à {_points(d['points'])} (dans la limite de votre plafond) "
                                      "et fera rembourser l'amende."),
    # R16 refund
    "refund.paid": lambda d: (
        (f"Oui : si vous suivez tout le stage prévu, qui se termine le {d['last_day']}{_within_deadline(d)}, "
         "l'amende payée vous sera remboursée"
         + (f" ({d['amount']} €)." if d['amount'] is not None else "."))
        if d.get("planned") else
        (("L'amende payée vous est remboursée" + (f" ({d['amount']} €)" if d['amount'] is not None else ""))
         + (f", car le stage s'est terminé le {d['last_day']}{_within_deadline(d)}." if d.get("last_day") ==
            d["deadline"] else f", car le stage a été fait avant le {d['deadline']}."))),
    "refund.unpaid": lambda d: ("Il n'y a rien à vous rembourser, puisque l'amende n'a pas été payée : le stage "
                                "fait dans les délais " + ("arrêtera" if d.get("planned") else "arrête")
                                + " son recouvrement" + (", même une fois l'amende majorée." if d["majoree"] else ".")),
    "refund.majoration": lambda d: (
        "Les textes ne disent pas ce que devient la majoration elle-même." if d.get("unpaid") else
        "La majoration elle-même n'est en principe pas remboursée."
        + ("" if d.get("forfait") is None else
           (f" Sur les {d['majoree']} € payés" if d.get("said") else
            f" Pour une contravention de 4e classe (amende majorée de {d['majoree']} €)")
           + f", seule l'amende forfaitaire de {d['forfait']} € vous serait remboursée, pas les "
           f"{d['majoree'] - d['forfait']} € de majoration.")),
    "refund.late_stage": lambda d: (
        (f"Pas de remboursement avec ce stage : il se terminerait le {d['last_day']}, après la date limite du "
         f"{d['deadline']}. Choisissez un stage qui se termine au plus tard ce jour-là.") if d.get("planned") else
        (f"Pas de remboursement : le stage s'est terminé le {d['last_day']}, après la date limite du "
         f"{d['deadline']}.")),
    "refund.procedure": lambda d: (
        "L'amende n'ayant pas été payée, il n'y a rien à vous rembourser : si le stage obligatoire est terminé dans "
        f"les {d['deadline']} qui suivent la réception de la lettre 48N, son recouvrement est arrêté, même une fois "
        "l'amende majorée." if d.get("unpaid") else
        (f"L'amende que vous avez payée ({d['amount']} €) vous est remboursée" if d.get("amount") is not None else
         "L'amende de l'infraction est remboursée")
        + f" si le stage obligatoire est terminé dans les {d['deadline']} qui suivent la réception de la lettre 48N"
        + ("." if d.get("amount") is not None else " (non payée, son recouvrement est arrêté).")),
    "refund.request_within": lambda d: (("Envoyez la demande d'arrêt du recouvrement" if d.get("unpaid") else
                                         "Envoyez la demande") + f" dans les {d['delay']} qui suivent la fin du "
                                        "stage."),
    "refund.documents": lambda d: ("Envoyez au comptable public (Trésor) du lieu de l'infraction : "
                                   + ", ".join(DOCUMENTS_FR[key] for key in d.get("documents", REFUND_LIST))
                                   + "."),
    "refund.radar_rennes": lambda d: ("Pour une infraction relevée par radar, la Trésorerie du contrôle automatisé, "
                                      "à Rennes, est souvent indiquée."),
    "refund.request_delay": lambda d: (("Après le stage, envoyez" if d.get("planned") else "Envoyez")
                                       + (" la demande d'arrêt du recouvrement" if d.get("unpaid") else " la demande")
                                       + f" rapidement, au plus tard le {d['request_by']} (15 jours après le stage)."),
    "refund.request_late": lambda d: (f"Le délai de 15 jours indiqué pour la demande a expiré le "
                                      f"{d['request_by']}, mais aucun texte ne prévoit "
                                      + ("de conséquence à ce retard" if d.get("unpaid") else
                                         "la perte du remboursement") + " : envoyez-la sans attendre."),
    # R19 letters
    "letter.no_deadline": lambda d: (
        "Aucun délai n'est fixé au ministère pour vous l'envoyer : elle arrive quand la décision de retrait est "
        "enregistrée, souvent quelques semaines ou quelques mois après le paiement. Le retrait compte dès cette "
        "décision, même avant la lettre : « Mes Points Permis » vous montre votre solde sans attendre le courrier."),
    "letter.no_obligation": lambda d: (
        f"Aucune obligation : la lettre {d['letter']} ne vous oblige pas à faire un stage. Sans stage, il ne se passe "
        "rien : ni amende ni suspension, et vos points reviennent avec le temps si vous ne commettez pas de nouvelle "
        "infraction. "
        f"Un stage volontaire peut vous rendre jusqu'à {_points(d['points'])}, un par an au plus"
        + (" ; avec un solde aussi bas, il vous éloigne de l'invalidation du permis à 0 point (lettre 48SI)."
           if d["letter"] == "48M" else ".")).rstrip(),
    "letter.48N_in_probation": lambda d: (
        f"En revanche, en permis probatoire, une infraction qui retire {_points(d['threshold'])} ou plus d'un coup "
        f"entraîne une lettre 48N : le stage devient alors obligatoire dans les {d['delay']} qui suivent sa "
        "réception."),
    "letter.only_48n_compulsory": lambda d: (
        f"Seule la lettre 48N, en période probatoire, rend le stage obligatoire : sans stage dans les {d['delay']} "
        f"après sa réception, c'est une contravention de 4e classe ({d['fine']} €, jusqu'à {d['maximum']} €), avec une "
        f"suspension possible du permis jusqu'à {d['suspension']}."),
    "letter.48": lambda d: ("La lettre 48 vous informe d'un retrait de points. Aucune démarche n'est obligatoire ; "
                            "le délai de recours court à partir d'elle."),
    "letter.48M": lambda d: (f"La lettre 48M est un avertissement envoyé quand le solde tombe à {d['threshold']} "
                             "points ou moins : elle vous invite à faire un stage, sans obligation."),
    "letter.48N": lambda d: ("La lettre 48N (recommandée avec avis de réception) vous oblige, en période probatoire, "
                             "à suivre un stage dans les 4 mois après sa réception"
                             + (f", soit au plus tard le {d['deadline']}." if d["deadline"] else ".")),
    "letter.48N_uncollected": lambda d: (
        "Un recommandé présenté par La Poste et non retiré compte comme reçu : le délai de 4 mois court depuis sa "
        "première présentation (la date de l'avis de passage)"
        + (f", le {d['presented']}, jusqu'au {d['deadline']}." if d["presented"] else ", pas depuis le jour où vous "
           "iriez le chercher.")),
    "letter.48N_refund": lambda d: "Fait dans ce délai, le stage rend jusqu'à 4 points et l'amende est remboursée.",
    "letter.48SI_not_yet": lambda d: (
        "Tant que la lettre 48SI ne vous a pas été notifiée, votre permis reste valable et vous pouvez conduire. "
        "Un stage terminé avant sa notification peut encore le sauver si votre solde, retraits déduits, est d'au "
        f"moins {1 - d['points']} points : le stage en ajoute {d['points']}. Une fois la 48SI notifiée (même par "
        "un recommandé non retiré), il est trop tard."),
    "letter.48SI_uncollected": lambda d: (
        "Non : un recommandé présenté par La Poste et non retiré vaut notification. La lettre 48SI vous est donc "
        "opposable depuis sa première présentation (la date de l'avis de passage"
        + (f", le {d['presented']}" if d["presented"] else "")
        + ") : votre permis n'est plus valable et vous ne pouvez plus conduire, même sans être allé chercher la "
        "lettre."),
    "letter.48SI": lambda d: (("La lettre 48SI vous notifie l'invalidation du permis : vous ne pouvez plus conduire "
                               f"et deviez le remettre à la préfecture au plus tard le {d['deadline']}, 10 jours après "
                               "sa réception. Ce délai est passé, mais vous devez toujours le rendre : faites-le sans "
                               "attendre, car le délai avant un nouveau permis ne court qu'à partir de cette remise "
                               "(le refus est puni de 2 ans de prison et 4 500 € d'amende).") if d.get("passed") else
                              ("La lettre 48SI vous notifie l'invalidation du permis : vous ne pouvez plus conduire "
                               "et devez le remettre à la préfecture dans les 10 jours"
                               + (f", soit au plus tard le {d['deadline']}" if d["deadline"] else "")
                               + " (le refus est puni de 2 ans de prison et 4 500 € d'amende).")),
    "letter.48SI_no_stage": lambda d: ("Une fois la 48SI notifiée, un stage ne rend plus de points et ne peut plus "
                                       "sauver le permis."),
    "letter.48SI_next": lambda d: ("Un nouveau permis peut être demandé 6 mois après la remise du permis (1 an en cas "
                                   "de nouvelle invalidation dans les 5 ans)."),
    "letter.46": lambda d: ("La lettre 46 vous informe que votre permis a retrouvé tous ses points, après 2 ou 3 ans "
                            "sans nouvelle infraction."),
    "letter.46B": lambda d: "La lettre 46B vous informe de points rendus au titre de la règle des 10 ans.",
    "letter.46D": lambda d: "La lettre 46D vous informe qu'un point vous est rendu 6 mois après son retrait.",
    "letter.47": lambda d: ("La lettre 47 vous informe des points rendus par un stage (jusqu'à 4), avec effet au "
                            "lendemain de son dernier jour."),
    "expected.balance_after": lambda d: (
        ("Une fois ces infractions établies" if d.get("several") else "Une fois l'infraction établie")
        + f" (amende payée, titre exécutoire de l'amende majorée ou condamnation définitive), {_points(d['points'])} "
        f"{'est retiré' if d['points'] == 1 else 'sont retirés'} : votre solde passe de {_points(d['before'])} à {_points(d['balance'])}."),
    "expected.balance_after_done": lambda d: (
        f"{_points(d['points'])} {'vous a été retiré' if d['points'] == 1 else 'vous ont été retirés'} le {d['date']}, "
        f"jour où l'infraction a été établie (amende payée ou condamnation définitive) : votre solde est passé de "
        f"{_points(d['before'])} à {_points(d['balance'])}."),
    "expected.zero_risk": lambda d: (
        f"Avec {_points(d['balance'])}, une nouvelle infraction qui en retire autant ou plus annulerait votre permis "
        f"(lettre 48SI) : un stage volontaire (un par an) peut vous rendre jusqu'à {_points(d['points'])}."),
    "expected.stage_after_record": lambda d: (
        f"Pour un stage, attendez que le retrait de {_points(d['points'])} soit enregistré : fait après, il ajoute "
        f"ses points au solde restant ({d['balance']} + {d['waiting'] - d['balance']} = {d['waiting']}) ; fait avant, "
        f"il serait plafonné à {d['maximum']} puis le retrait vous laisserait {_points(d['first'])}."),
    "expected.48": lambda d: f"Vous recevrez une lettre 48, simple information, avec un solde de {_points(d['balance'])}.",
    "expected.no_obligation": lambda d: (f"Aucun stage n'est obligatoire : seule la lettre 48N, après une infraction "
                                         f"de {_points(d['threshold'])} ou plus en période probatoire, en impose un. "
                                         f"Un stage volontaire peut vous rendre jusqu'à {_points(d['points'])}."),
    "expected.48M": lambda d: (f"Avec un solde de {_points(d['balance'])}, vous recevrez en général une lettre 48M "
                               "qui invite à faire un stage, sans obligation."),
    "expected.48N": lambda d: (f"Une infraction de {_points(d['points'])} en période probatoire entraîne une "
                               "lettre 48N, envoyée en lettre recommandée avec avis de réception : stage obligatoire "
                               "dans les 4 mois après sa réception."),
    "expected.48SI": lambda d: (
        f"Rien n'est encore retiré : le solde tombera à {_zero(d['balance'])} une fois l'infraction établie, puis une "
        "lettre 48SI d'invalidation suivra ; le permis reste valide tant qu'elle n'est pas notifiée."
        if d.get("to_come") else
        f"Le solde tombe à {_zero(d['balance'])} : une lettre 48SI d'invalidation suivra, mais le permis reste valide "
        "tant qu'elle n'est pas notifiée."),
    "expected.48SI_stage_saves": lambda d: (
        "Ces points ne sont retirés qu'une fois l'infraction établie (l'amende payée ou la condamnation définitive) : "
        "un stage commencé après la décision de retrait et terminé avant la notification de la 48SI ajoute "
        f"{_points(d['points'])} au solde calculé et sauve le permis, avec un solde de {_points(d['after_stage'])}."),
    "expected.48SI_stage_before_saves": lambda d: (
        "Un stage fait dès maintenant, tant que l'infraction n'est pas établie (amende non payée, condamnation pas "
        f"encore définitive), sauve aussi le permis : ses {_points(d['gain'])} s'ajoutent d'abord (solde de "
        f"{_points(d['after_gain'])}), puis le retrait de {_points(d['withdrawn'])} est déduit, solde final "
        f"{_points(d['final'])}, sans dépendre du jour où arrivera la lettre 48SI. Un seul stage par an rend "
        "des points : celui-ci ou celui d'après la décision de retrait, pas les deux."),
    "expected.48SI_stage_before_too_little": lambda d: (
        "Un stage fait dès maintenant, avant que l'infraction soit établie, ne suffirait pas : votre plafond de "
        f"{_points(d['ceiling'])} ne lui laisse rendre "
        + (f"que {_points(d['gain'])}" if d["gain"] else "aucun point") + ", et le retrait de "
        f"{_points(d['withdrawn'])} déduit ensuite laisserait {_zero(d['final'])}. Le stage qui sauve le permis est "
        "celui fait après la décision de retrait, avant la notification de la 48SI."),
    "expected.48SI_stage_too_little": lambda d: (
        f"Même un stage terminé avant la notification de la 48SI ne suffirait pas : {d['balance']} + {d['points']} = "
        f"{d['after_stage']}, et il faut au moins 1 point pour garder le permis."),
    # R2 when the points are withdrawn
    "retrait.withdrawn_on": lambda d: (
        f"{_these_points(d['points']).capitalize()} de plein droit à la date du {d['date']}, "
        f"{ESTABLISHED_BY_FR[d['by']]} : c'est ce jour-là que l'infraction est établie, pas le jour où elle a été "
        "commise" + (f", le {d['commission']}." if d["commission"] else ".")),
    "retrait.conviction_becomes_final": lambda d: (
        f"La condamnation du {d['judgment']} ne devient définitive que lorsque plus aucun appel n'est possible : "
        f"le délai d'appel de {d['appeal_delay']} après le jugement se termine le {d['last_day']}, la condamnation "
        f"est donc définitive le {d['date']} si personne n'a fait appel (pour un jugement rendu en votre absence, "
        "le délai ne court qu'à partir de sa signification)."),
    # (the opening "Pas encore : " answers "mes points sont retirés ?"; `plain`: not to "et si je paye demain ?")
    "retrait.planned": lambda d: (
        ("Aucun" if d.get("plain") else "Pas encore : aucun") + " point n'est retiré tant que l'infraction n'est pas "
        "établie. "
        f"{_these_points(d['points'], future=True).capitalize()} le {d['date']}, {ESTABLISHED_BY_PLANNED_FR[d['by']]}, "
        "et non le jour où elle a été commise" + (f", le {d['commission']}." if d["commission"] else ".")),
    "retrait.clock_from": lambda d: (
        f"Les délais de récupération automatique {'partiront' if d.get('future') else 'partent'} de ce même jour, "
        f"le {d['date']} : sans nouvelle infraction, "
        + (f"ce point {'reviendra' if d.get('future') else 'revient'} le {d['single']} ({d['single_delay']})."
           if d["points"] == 1 else
           ("" if d["points"] else f"le point d'une infraction à 1 point {'reviendra' if d.get('future') else 'revient'}"
                                   f" le {d['single']} ({d['single_delay']}), et ")
           + f"tous les points {'reviendront' if d.get('future') else 'reviennent'} "
           + (_full_recovery_for_class(d) if d.get("offence_class") else
              f"le {d['full']} ({d['full_delay']}), ou le {d['serious']} ({d['serious_delay']}) si l'infraction est "
              "une contravention de 4e ou 5e classe ou un délit."))),
    "retrait.probation_ceiling_frozen": lambda d: (
        "En période probatoire, cette infraction arrête les majorations : votre plafond reste celui du jour où elle a "
        f"été commise, sans les {_points(d['increment'])} des anniversaires suivants (3 avec la conduite "
        "accompagnée), et la fin de la période probatoire ne change pas."),
    "retrait.probation_48n_rule": lambda d: (
        f"Si l'infraction retire {_points(d['threshold'])} ou plus, une lettre 48N suivra, avec un stage obligatoire "
        f"dans les {d['deadline']} suivant sa réception ; en dessous, pas de 48N."),
    "retrait.recorded_later": lambda d: (
        "Le ministère enregistre ensuite la décision de retrait au Fichier national des permis de conduire, souvent "
        "quelques semaines ou quelques mois plus tard (aucun délai ne lui est imposé) : le retrait compte dès cette "
        "décision, même avant la lettre 48 qui vous en informe, et « Mes Points Permis » peut l'afficher avec "
        "retard."),
    # (`said`: "l'amende n'est pas encore payée, donc aucun point n'est encore retiré" was just said, not again)
    "retrait.not_yet": lambda d: (
        ("" if d.get("said") else "Pas encore : tant que l'amende n'est pas payée, aucun point n'est retiré"
         + (f", même si l'infraction date du {d['commission']}" if d["commission"] else "") + ". ")
        + f"{_these_points(d['points'], future=True).capitalize()} "
        "le jour du paiement ; sans paiement ni contestation, le jour de l'émission du titre exécutoire de "
        "l'amende forfaitaire majorée."),
    "retrait.payment_admits": lambda d: ("Payer l'amende vaut reconnaissance de l'infraction : elle ne peut plus "
                                         "être contestée ensuite."),
    "retrait.clock_not_started": lambda d: (
        "Les délais de récupération automatique ne courent pas encore : ils partiront du jour où l'infraction sera "
        "établie (paiement, titre exécutoire de l'amende majorée ou condamnation définitive)"
        # (R8: the point of a 1-point offence comes back alone, T22 c23 never heard it)
        + (f" ; sans nouvelle infraction, ce point reviendra seul {d['single_delay']} après ce jour"
           if d.get("points") == 1 else "")
        + ((", et " if d.get("points") == 1 else " ; sans nouvelle infraction, ")
           + f"tous les points reviendront {d['class_delay']} après ce jour ({_class_reason(d)})"
           if d.get("offence_class") else "")
        + "."),
    "retrait.contested": lambda d: (
        "Tant que l'infraction est contestée, aucun point n'est retiré. Si vous êtes finalement condamné, "
        + _these_points(d["points"], future=True)
        + " le jour où la condamnation deviendra définitive, quand plus aucun recours ne sera possible ; si vous "
        "êtes relaxé ou si les poursuites sont abandonnées, aucun point n'est retiré."),
    "retrait.rule": lambda d: (
        (("Le point de cette infraction n'est retiré" if d["points"] == 1 else
          f"Les {_points(d['points'])} de cette infraction ne sont retirés") if d["points"] else
         "Les points ne sont retirés")
        + " ni le jour de l'infraction, ni à la remise de l'avis de contravention. "
        + ("Il l'est" if d["points"] == 1 else "Ils le sont")
        + " de plein droit le jour où l'infraction est établie, par le premier de ces événements : le paiement de "
        "l'amende forfaitaire (ou minorée), l'émission du titre exécutoire de l'amende forfaitaire majorée (amende "
        "non payée), l'exécution d'une composition pénale, ou la condamnation devenue définitive."),
    "retrait.contest_holds": lambda d: (
        "Tant que vous contestez l'infraction, aucun point n'est retiré ; payer l'amende vaut au contraire "
        "reconnaissance de l'infraction, qui ne peut plus être contestée ensuite."),
    "retrait.clock_from_realite": lambda d: (
        f"Les délais de récupération automatique partent de ce même jour, pas de celui de l'infraction : sans "
        "nouvelle infraction, "
        + ("" if d.get("points") and d["points"] != 1 else
           f"1 point revient après {d['single_delay']} pour une infraction à 1 point, et ")
        + (f"tous les points reviennent {d['class_delay']} après ({_class_reason(d)})." if d.get("offence_class") else
           f"tous les points après {d['full_delay']} ({d['serious_delay']} pour une contravention de 4e ou 5e "
           "classe ou un délit).")),
    # R18, R20 zero points
    "pending.not_zero": lambda d: f"Après ce retrait, il vous reste {_points(d['balance'])} : le permis reste valide.",
    "pending.invalidated": lambda d: (f"La lettre 48SI a été notifiée le {d['notified']} : le permis est invalidé "
                                      "et un stage ne peut plus le sauver."),
    "pending.can_be_saved": lambda d: (
        ("Rien n'est encore retiré : une fois l'infraction établie (l'amende payée ou la condamnation définitive), "
         f"votre solde calculé sera de {d['balance']}, et le permis restera valide jusqu'à la notification de la lettre "
         if d.get("to_come") else
         f"Votre solde calculé est de {d['balance']}, mais le permis reste valide jusqu'à la notification de la lettre ")
        + (f"48SI : un stage terminé avant cette notification le sauve (solde {_points(d['new_balance'])})."
           if not d.get("later") and not d.get("blocked") else
           f"48SI : seul un stage commencé à partir du {d['blocked']} et terminé avant cette notification le "
           f"sauverait (solde {_points(d['new_balance'])})." if d.get("blocked") else
           f"48SI. Un nouveau stage ne rendra des points qu'à partir du {d['later']}, un an après votre dernier stage : "
           "un stage fait avant ne rendrait aucun point et ne sauverait pas le permis. Commencé à partir de cette date "
           f"et terminé avant la notification de la 48SI, il le sauverait (solde {_points(d['new_balance'])}) ; si la "
           "48SI arrive avant, le permis est perdu.")),
    "pending.invalidated_supposed": lambda d: (
        f"Non : une lettre 48SI présentée le {d['notified']} est notifiée ce jour-là, même si le recommandé n'est pas "
        f"retiré. Le stage {_two_days(d['days'])} se terminerait après : le préfet refuserait ses points, et le permis, "
        f"à un solde calculé de {d['balance']}, serait invalidé."),
    "pending.stage_before_supposed": lambda d: (
        f"Une lettre 48SI présentée le {d['notified']} serait notifiée ce jour-là, même si le recommandé n'est pas "
        "retiré : pour sauver le permis, le stage doit être terminé avant."),
    "pending.cannot_be_saved": lambda d: (f"Votre solde calculé est de {d['balance']} : même avec un stage "
                                          f"({d['new_balance']}), le permis ne peut pas être sauvé."),
    "pending.stage_interval": lambda d: (f"Attention : un stage ne rendra des points qu'à partir du {d['earliest']}, "
                                         "et seulement si la lettre 48SI n'est pas notifiée d'ici là."),
    "pending.wait_for_decision": lambda d: (
        "Attention à l'ordre : le stage ne sauve le permis que s'il commence après la décision de retrait, quand les "
        f"{d['points']} points sont effectivement retirés (visible sur « Mes Points Permis »). Fait avant, il serait "
        f"compté sur le solde d'avant le retrait, plafonné à {_points(d['capped'])}, puis le retrait déduit : solde "
        f"final {_points(d['before']) if d['before'] >= 1 else _zero(d['before'])}"
        + (" ; le stage serait perdu et le permis ne serait pas sauvé" if d["before"] < 1 else "")
        + f". Commencé après la décision, il porterait votre solde à {_points(d['after'])}."),
    "pending.decision_estimated": lambda d: (
        (f"Rien n'est retiré avant le paiement : si vous payez l'amende le {d['paid']} comme prévu, le retrait "
         "prendra effet ce jour-là ou un peu plus tard, à la décision du ministère.") if d.get("planned") else
        ("Sans la date de la décision de retrait, nous prenons celle du paiement "
         f"({d['paid']}) : cette décision est prise ce jour-là ou un peu plus tard.")),
    "pending.saved_by_stage": lambda d: (
        f"Votre stage {_two_days(d['days'])} a sauvé votre permis"
        + (" : la lettre 48SI ne vous a pas été notifiée avant sa fin" if d["sure"] else
           f", à condition que la lettre 48SI ne vous ait pas été notifiée avant le {d['last_day']}")
        + f". Votre solde est de {_points(d['new_balance'])} depuis le {d['effective']} ({d['balance']} + "
        f"{d['points']})."),
    "pending.stage_order_unknown": lambda d: (
        f"Tout dépend de la date de la décision de retrait par rapport à votre stage {_two_days(d['days'])}, que je ne "
        "connais pas :\n"
        + (f"- si le retrait a été décidé avant le {d['first_day']}, ce stage a sauvé votre permis : votre solde est de "
           f"{_points(d['new_balance'])} depuis le {d['effective']} ({d['balance']} + {d['new_balance'] - d['balance']})"
           + ("" if d["sure"] else f", si la lettre 48SI ne vous a pas été notifiée avant le {d['last_day']}")
           + " ;\n" if d["saves"] else
           f"- si le retrait a été décidé avant le {d['first_day']}, ce stage ne pouvait pas sauver votre permis : "
           f"votre solde resterait à {_zero(d['new_balance'])} ;\n")
        + f"- s'il a été décidé après (amende payée après le stage), les points du stage sont déjà comptés dans votre "
        f"solde de {_points(d['balance_before'])} d'avant le retrait : votre solde calculé est de {d['balance']}, et "
        f"un nouveau stage ne rendra des points qu'à partir du {d['earliest']}, un an après celui-ci ; il ne sauverait "
        "le permis que s'il se termine avant la notification de la lettre 48SI."),
    "pending.retrait_date_asked": lambda d: ("Dites-moi la date du paiement de l'amende (ou celle du retrait, sur « Mes "
                                             "Points Permis ») pour trancher."),
    "pending.recorded_without_stage": lambda d: (
        f"« Mes Points Permis » affiche {_points(max(d['recorded'], 0))} : si votre stage {_two_days(d['days'])} avait "
        f"suivi la décision de retrait, ses points y seraient enregistrés depuis longtemps (solde "
        f"{_points(d['new_balance'])}). Le retrait a donc été décidé après ce stage, ou le stage n'a pas été "
        "crédité."),
    "pending.planned_stage": lambda d: (
        f"Votre stage du {d['first_day']} au {d['last_day']} sauve le permis si la lettre 48SI ne vous est pas "
        f"notifiée d'ici le {d['last_day']}"
        + (f" et si le retrait a été décidé avant le {d['decided_before']}" if d.get("decided_before") else "")
        + f" : votre solde passera à {_points(d['new_balance'])} le {d['effective']}."),
    "pending.stage_before_retrait": lambda d: (
        f"Votre stage {_two_days(d['days'])} a eu lieu avant ce retrait : ses points sont déjà comptés dans votre solde "
        f"de {_points(d['balance_before'])} d'avant le retrait, et un stage ne protège pas contre un retrait qui vient "
        f"après lui : les {d['points']} points sont déduits de ce solde."),
    "pending.planned_stage_fails": lambda d: (
        f"Votre stage du {d['first_day']} au {d['last_day']} ne sauve pas le permis : votre solde resterait à "
        f"{_zero(d['new_balance'])}"
        + {"too_early": ", car il a lieu moins d'un an après votre dernier stage.",
           "before_decision": ", car il a lieu avant la décision de retrait : il serait plafonné, puis le retrait "
                              "déduit.",
           "too_low": "."}[d["why"]]),
    "pending.still_valid": lambda d: ("Le retrait prend effet à la date de la décision du ministère, même avant "
                                      "d'être notifié."),
    "invalidation.wait": lambda d: ((f"Vous pouvez obtenir un nouveau permis depuis le {d['date']}" if d["past"] else
                                     f"Vous pourrez obtenir un nouveau permis à partir du {d['date']}")
                                    + (f", 6 mois après la remise de votre permis prévue le {d['handed_back']}."
                                       if d.get("planned") else
                                       f", 6 mois après la remise du permis le {d['handed_back']}.")),
    "invalidation.hand_back_by": lambda d: (
        (f"Le permis devait être rendu à la préfecture au plus tard le {d['date']}, 10 jours après la réception de la "
         f"lettre 48SI le {d['received']} : rendez-le sans attendre, car ne pas le restituer est un délit (2 ans "
         "d'emprisonnement et 4 500 € d'amende), et le délai pour un nouveau permis ne court qu'à partir de sa remise. "
         "Ne conduisez plus.") if d.get("past") else
        ("Le délai ne court qu'à partir du jour où vous rendez réellement votre permis à la préfecture : rendez-le "
         + (f"au plus tard le {d['date']}, 10 jours après la réception de la lettre 48SI le {d['received']}, "
            if d["date"] else "dans les 10 jours qui suivent la réception de la lettre 48SI, ")
         + "et ne conduisez plus.")),
    # (the previous hand-back named: "le délai d'un an court de la remise de CE permis", T15 c05 got the earlier one's)
    "invalidation.repeat_wait": lambda d: (
        "Nouvelle invalidation moins de 5 ans après la précédente"
        + (f" (permis rendu le {d['previous']})" if d.get("previous") else "")
        + " : le délai est d'un an au lieu de 6 mois. "
        + (f"Vous pouvez obtenir un nouveau permis depuis le {d['date']}" if d["past"] else
           f"Vous pourrez obtenir un nouveau permis à partir du {d['date']}")
        + (f", un an après la remise de votre permis prévue le {d['handed_back']}." if d.get("planned") else
           f", un an après la remise du permis le {d['handed_back']}.")),
    "invalidation.wait_from_hand_back": lambda d: (
        f"Vous pourrez obtenir un nouveau permis {d['delay']} après le jour où vous rendez votre permis à la préfecture"
        + (" (nouvelle invalidation moins de 5 ans après la précédente)." if d["repeat"] else
           f" ({d['repeat_delay']} si c'est la deuxième perte totale de points en 5 ans).")),
    "invalidation.exams_young": lambda d: (
        (f"Votre permis, obtenu {_licence_day(d)}, avait moins de 3 ans " if d.get("licence") else
         "Permis détenu depuis moins de 3 ans ")
        + (f"à l'invalidation (le {d['reference']}) : " if d.get("reference") else ": ")
        + "il faut repasser le code et l'épreuve de conduite."),
    "invalidation.exams_long": lambda d: (
        "L'invalidation dure au moins un an"
        + (", et le permis obtenu de nouveau après la précédente invalidation avait forcément moins de 3 ans"
           if d.get("relicensed_from") else "")
        + " : il faut repasser le code et l'épreuve de conduite."),
    "invalidation.exams_registration_late": lambda d: (f"Sans inscription au code au plus tard le {d['register_by']}, "
                                                       "il faut repasser le code et l'épreuve de conduite."),
    "invalidation.exams_code_only": lambda d: (
        (f"Votre permis, obtenu {_licence_day(d)}, avait au moins 3 ans" if d.get("licence") else
         "Permis détenu depuis au moins 3 ans")
        + (f" à l'invalidation (le {d['reference']})" if d.get("reference") else "")
        + " et c'est une invalidation de moins d'un an : le code suffit si vous vous inscrivez à l'examen "
        + (f"au plus tard le {d['register_by']}, {d.get('registration') or '9 mois'} après la remise du permis"
           if d["register_by"] else f"dans les {d['registration']} qui suivent la remise du permis")
        + " ; sinon, il faut repasser le code et l'épreuve de conduite."),
    "invalidation.exams_registration_unknown": lambda d: (
        f"Si vous vous êtes inscrit à l'examen du code au plus tard le {d['register_by']}, le code suffit (permis "
        "détenu depuis au moins 3 ans, invalidation de moins d'un an) ; sinon, il faut repasser le code et "
        "l'épreuve de conduite."),
    "invalidation.exams_unknown": lambda d: (
        "Si votre permis avait au moins 3 ans, le code suffit en vous inscrivant "
        + (f"au plus tard le {d['register_by']}" if d["register_by"] else
           f"dans les {d['registration']} qui suivent la remise du permis")
        + " ; sinon, code et conduite."),
    "invalidation.medical": lambda d: ("Un examen médical et psychotechnique est obligatoire, à vos frais ; les "
                                       "examens peuvent être passés pendant le délai d'attente."),
    "invalidation.new_probation": lambda d: "Le nouveau permis est probatoire : 6 points pendant 3 ans.",
    "invalidation.no_driving": lambda d: ("Conduire malgré l'invalidation est un délit : jusqu'à 2 ans "
                                          "d'emprisonnement, 4 500 € d'amende et un retrait de 6 points."),
}

HEADLINE_CERTAINTY_NOTE = {"I": "Cette réponse repose en partie sur notre lecture des textes.",
                           "U": "Cette réponse contient un point à vérifier."}


def cite(reason: Reason) -> str:
    """« (article L.223-6 du Code de la route ; selon notre lecture) »."""
    best = sorted(reason.refs, key=lambda r: (_RANK[r.tag], not r.text.startswith("article")))[0]
    parts = [best.text.split(" (")[0]]
    if reason.certainty in QUALIFIER:
        parts.append(QUALIFIER[reason.certainty])
    return f" ({' ; '.join(parts)})"


def render_reason(reason: Reason) -> str:
    """One reason as one or two French sentences with its reference."""
    data = {k: _fmt(v) for k, v in reason.data.items()}
    text = TEMPLATES[reason.code](data)
    return text[:-1] + cite(reason) + "." if text.endswith(".") else text + cite(reason)


def render(decision: Decision) -> str:
    """The French answer: the result first, then the reasons, then what was assumed."""
    lines = []
    first, *others = decision.reasons
    lines.append(render_reason(first))
    lines.extend(f"- {render_reason(r)}" for r in others)
    if decision.missing:
        lines.append("Réponse sous réserve de : " + ", ".join(MISSING_FR.get(m, m) for m in decision.missing) + ".")
    return "\n".join(lines)


def render_error(error: InconsistentFacts) -> str:
    """The French message for impossible facts."""
    message = error.message_fr
    if message[1:2].islower():  # after a colon, French goes on in lower case (not « FNPC »)
        message = message[:1].lower() + message[1:]
    return f"Impossible de répondre : {message}"
