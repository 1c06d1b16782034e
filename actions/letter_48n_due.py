"""Whether the offence told brings a lettre 48N: asked of a 48N not received ("il a pas reçu de lettre 48N, c'est
normal ?", "il aurait dû la recevoir ou pas ?") or of one received by a licence it cannot concern ("il a son permis
depuis 1970 ! c'est une erreur cette 48N ?").

R15 (article R.223-4 du Code de la route): a 48N follows one infraction of 3 points or more committed during the
probation, even when the letter comes after its end; its 4 months run from its receipt, so none runs before it
comes. Any other retrait brings a lettre 48, or a 48M when the balance falls to 6 or below (R19). The engine says
whether the facts can bring a 48N (rules_core.check_48n_trigger); this module only words it (tester T38 c02, c27).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Tuple

from rasa_sdk import Tracker

import rules_core
from bot.nlu.fact_parsing import fold
from bot.reference_date import today
from rules_core.capital import probation_plan
from rules_core.dates import format_long_fr
from rules_core.letter_48n import check_48n_trigger
from rules_core.wording_fr import render

# "est-ce que je vais recevoir une 48N ?", "je la recevrai ?" (folded): a letter to come, none in hand
_ASKS_A_LETTER_TO_COME = re.compile(r"\brecevoir\b|\brecevr\w*|\b(?:vais|va|vas|allez)[- ](?:t-\w+ )?(?:\w+ )?(?:avoir|"
                                    r"etre|devoir)\b")
# "c'est normal ?", "il aurait dû la recevoir ?", "c'est une erreur ?" (folded): whether the letter is right, not
# whether one will come ("je dois attendre une lettre 48N ou pas ?", which the stage's answers say, R15)
# ("elle aurait pas dû recevoir une 48N ?", "n'aurait-il pas dû la recevoir ?": the negation said, T43 c22)
_ASKS_WHETHER_DUE = re.compile(r"\bnormal\w*|\berreur\b|\btrompe\w*"
                               r"|\bau(?:rai[st]|rait)[- ](?:t-)?(?:il |elle |je )?(?:pas |jamais )?du\b")
# "il lui reste combien ?", "j'ai combien ?" besides (folded)
_ASKS_THE_COUNT = re.compile(r"\bcombien\b|\bsolde\b")
# "quel article ... probatoire" (folded): the articles of the probation's end
_ASKS_PROBATION_ARTICLE = re.compile(r"\b(?:quel(?:le)?s?|quels?)\s+(?:article|texte|loi)s?\b[^?]*\bprobatoire\b")


def _message_says_48n(tracker: Tracker) -> bool:
    return any(e.get("entity") == "letter_code" and str(e.get("value")).upper().replace(" ", "") == "48N"
               for e in (tracker.latest_message or {}).get("entities", []))


def _48n_received_said(tracker: Tracker) -> Optional[bool]:
    """What the user last said of a letter's receipt (True, False), None when never said."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        said = [e.get("value") for e in (event.get("parse_data") or {}).get("entities", [])
                if e.get("entity") == "letter_received"]
        if said:
            return said[-1] is True or said[-1] == "presented"
    return None


def _offences_told(tracker: Tracker) -> List[Tuple[rules_core.Offence, str]]:
    """The offences told with their points (told or the scale's, R4), as the answers count them, each with the words
    that name it ("l'infraction payée le 2 octobre 2025")."""
    from actions.answers import Facts, _offence_of  # (the answers read the follow-ups, which read this module)
    from actions.offence_history import told_retraits
    facts, found = Facts(tracker), []
    for retrait in told_retraits(tracker):
        offence = _offence_of(retrait, facts, today())
        if offence is None or not offence.get("commission"):
            continue
        named = (f"l'infraction commise le {format_long_fr(retrait.committed)}" if len(retrait.committed_date or "") == 10
                 and not retrait.paid_said else f"l'infraction payée le {format_long_fr(retrait.realite)}"
                 if retrait.established else f"l'infraction du {format_long_fr(offence['commission'])}")
        found.append((rules_core.Offence(commission=offence["commission"], points=int(offence["points"]),
                                         offence_class=offence["offence_class"]), named))
    if found:
        return found
    # not dated by a payment yet ("un excès de 40 km/h au-dessus en octobre"): the offence of the slots, its earliest
    # day (R7, R15: the commission decides) and its points, told or the scale's (R4)
    from actions.forms import offence_scale
    committed = facts.day("offence_date", "earliest") or facts.day("fine_payment_date", "latest")
    kind = tracker.get_slot("offence_type")
    scale = offence_scale(kind, tracker.slots) if kind else {}
    points = facts.number("last_offence_points") or scale.get("last_offence_points")
    if committed is None or not points:
        return []
    return [(rules_core.Offence(commission=committed, points=int(points),
                                offence_class=facts.offence_class or scale.get("offence_class") or "c4"),
             f"l'infraction du {format_long_fr(committed)}")]


def letter_48n_due_answer(tracker: Tracker) -> Optional[str]:
    """"la 48N, il aurait dû la recevoir ?", "pas reçu de 48N, c'est normal ?", "il a le permis depuis 1970, c'est une
    erreur cette 48N ?": whether the offence told brings a 48N (R15), and what follows: no letter yet, no deadline
    yet; a letter that cannot be a 48N, another letter to check (R19). With the balance when asked besides, and the
    articles of the probation's end when asked. None when the message asks no such thing about a 48N, or no licence
    date or offence is known."""
    text = fold((tracker.latest_message or {}).get("text") or "")
    received = _48n_received_said(tracker)
    if not _message_says_48n(tracker) or not _ASKS_WHETHER_DUE.search(text):
        return None
    from actions.answers import Facts  # (the answers read the follow-ups, which read this module)
    facts = Facts(tracker)
    licence = facts.licence_date
    offences = _offences_told(tracker)
    if licence is None or not offences:
        return None
    due, refused, under = None, None, []
    for offence, named in offences:
        try:
            check_48n_trigger(licence_date=licence, offence=offence, aac=facts.aac, relicensed=facts.relicensed)
        except rules_core.InconsistentFacts as error:
            refused = refused or (error, offence, named)
            if error.code != "letter_48n.without_probation":
                under.append((offence, named))
            continue
        except ValueError:
            continue
        due = (offence, named)
    view = rules_core.load_params().at(today())
    threshold, delay = view.value("letter_48n.min_points"), view.value("letter_48n.deadline")
    months = delay["months"]
    plan = probation_plan(licence_date=licence, aac=facts.aac, relicensed=facts.relicensed)
    end = plan.end if plan is not None else None
    if due is not None:
        offence, named = due
        when = (f"pendant la période probatoire, terminée le {format_long_fr(end)}" if end is not None and end <= today()
                else "pendant la période probatoire")
        lines = [f"Oui, une lettre 48N doit être envoyée : {named} a retiré {offence.points} points et a été commise "
                 f"{when} ; la lettre suit même si elle arrive après la fin de cette période (article R.223-4 du Code "
                 "de la route)."]
        if received is not False and received is not None:
            return None  # (received: its deadline is the mandatory stage's answer)
        lines.append(f"Tant qu'elle n'est pas arrivée, le délai de {months} mois pour faire le stage obligatoire ne "
                     "court pas : il part du jour de sa réception (date de l'accusé de réception, ou de la première "
                     "présentation si le recommandé n'est pas retiré). Le retrait des points, lui, vaut même sans cette "
                     "lettre (Conseil d'État, 31 mai 2013, n° 366865).")
    elif refused is not None:
        error, offence, named = refused
        if error.code == "letter_48n.without_probation":
            why = ("son permis, obtenu avant l'existence du permis probatoire, n'a jamais été probatoire" if end is None
                   else f"sa période probatoire était terminée (le {format_long_fr(end)}) quand {named} a été commise"
                   if end <= offence.commission else f"son permis n'était pas probatoire quand {named} a été commise")
        elif len(under) > 1 and len(under) == len(offences):
            # "1 point en juillet puis 2 points en novembre, ça fait 3, une 48N ?": each retrait is below the
            # threshold, and they do not add up (R15: one infraction of 3 points or more; T56 c14 named July's only)
            total = sum(o.points for o, _ in under)
            told = ", ".join(f"{n} : {o.points} point{'s' if o.points > 1 else ''}" for o, n in under)
            why = (f"vos retraits ({told}) sont chacun en dessous, "
                   + (f"même si leur total ({total} points) l'atteint" if total >= threshold else
                      f"et leur total ({total} points) ne l'atteint pas non plus"))
        else:
            why = f"{named} a retiré {offence.points} point{'s' if offence.points > 1 else ''}, moins de {threshold}"
        if received is None and _ASKS_A_LETTER_TO_COME.search(text):
            # "est-ce que je vais recevoir une 48N ?": no letter in hand, so no reference to check nor error to
            # report (T56 c14), only which letter will come (R15, R19)
            lines = [f"Non, pas de lettre 48N : elle ne suit qu'une infraction d'au moins {threshold} points commise "
                     f"pendant la période probatoire (article R.223-4 du Code de la route), et {why}. "
                     + ("Ces retraits sont notifiés" if len(offences) > 1 else "Ce retrait est notifié") +
                     " par une lettre 48 (simple information), ou 48M si le solde tombe à 6 points ou moins (un "
                     "avertissement qui invite à un stage, sans obligation) : aucun stage n'est obligatoire."]
        elif received is False:
            lines = [f"C'est normal : une lettre 48N ne suit qu'une infraction d'au moins {threshold} points commise "
                     f"pendant la période probatoire (article R.223-4 du Code de la route), et {why}. "
                     + ("Ces retraits sont notifiés" if len(offences) > 1 else "Ce retrait est notifié") +
                     " par une lettre 48, une simple information, sans stage obligatoire."]
        else:
            lines = [f"Ce ne devrait pas être une 48N : elle ne suit qu'une infraction d'au moins {threshold} points "
                     f"commise pendant la période probatoire (article R.223-4 du Code de la route), et {why}. Ce retrait "
                     "est notifié par une lettre 48 (simple information), ou 48M si le solde tombe à 6 points ou moins "
                     "(un avertissement qui invite à un stage, sans obligation). Vérifiez la référence imprimée en haut "
                     "du courrier ; si c'est bien une 48N, signalez l'erreur à la préfecture, votre relevé d'information "
                     "intégral à l'appui (article L.225-3 du Code de la route)."]
    else:
        return None
    if _ASKS_PROBATION_ARTICLE.search(text):
        lines.append("La durée de la période probatoire (3 ans, 2 ans après un apprentissage anticipé de la conduite) "
                     "est fixée par l'article L.223-1 du Code de la route et précisée par l'article R.223-1.")
    if _ASKS_THE_COUNT.search(text):
        from actions.answers import Facts, balance_answer
        balance = balance_answer(tracker)
        paid = Facts(tracker).day("fine_payment_date", "latest")
        if not balance and paid is not None and len(offences) == 1:
            # the offence of the slots, paid ("payée le 28 octobre 2026"): the balance after its retrait, from the
            # balance told or the maximum before it (R1, R9), as the recovery's answer words it
            offence = offences[0][0]
            told = Facts(tracker).number("current_balance")
            try:
                decision = rules_core.automatic_recovery(
                    offences=[{"commission": offence.commission, "points": offence.points, "realite": paid,
                               "offence_class": offence.offence_class}],
                    today=today(), licence_date=licence, balance_before=told or view.value("capital.max"))
            except rules_core.InconsistentFacts:
                decision = None
            if decision is not None:  # (today's balance first, as the balance's answer says it)
                first = tuple(r for r in decision.reasons if r.code == "recovery.balance_today")
                balance = render(replace(decision, reasons=first + tuple(r for r in decision.reasons
                                                                         if r not in first)))
                if told is None:
                    balance += (f"\nJ'ai compté {view.value('capital.max')} points avant cette infraction, sans autre "
                                "retrait : s'il y en a eu d'autres, le solde est plus bas.")
        if balance:
            lines.append(balance)
    return "\n\n".join(lines)


# the last turn said the 48N is due and not yet come (`letter_48n_due_answer`, the mandatory stage's "not received")
_48N_AWAITED_SAID = re.compile(r"une lettre 48N doit être envoyée|Tant qu'elle n'est pas arrivée, le délai de"
                               r"|la lettre 48N ne (?:vous|lui) est pas parvenue")


def letter_48n_awaited_steps(tracker: Tracker) -> Optional[str]:
    """"il l'a jamais reçue justement, il doit faire quoi alors ?" right after the answer that a 48N is due and not
    yet come: what to do while it does not come, not that answer again (tester T43 c02 got "En résumé : oui, une
    lettre 48N doit être envoyée…"). Nothing compulsory before it: its 4 months run from its receipt, or from the
    registered letter's first presentation (R15; CE 17/04/2025); the retrait is recorded first and no delay binds the
    ministry (R2; CE 22/10/2014); wait for it rather than a voluntary stage, which would use up the year and probably
    not meet the obligation (R14 edge case [S/U]); the compulsory stage in time gives points and refunds the fine
    (R12, R16); no letter ever, the retrait still stands (CE 31/05/2013). None otherwise."""
    from actions.follow_ups import _ASKS_WHAT_TO_DO, _last_turn_texts  # (follow_ups reads this module)
    text = fold((tracker.latest_message or {}).get("text") or "")
    received = [e.get("value") for e in (tracker.latest_message or {}).get("entities", [])
                if e.get("entity") == "letter_received"]
    if True in received or "presented" in received or _48n_received_said(tracker) is True \
            or not (_ASKS_WHAT_TO_DO.search(text) or re.search(r"\b(?:que|quoi)\s+faire\b", text)) \
            or not _48N_AWAITED_SAID.search("\n".join(_last_turn_texts(tracker))):
        return None
    view = rules_core.load_params().at(today())
    months = view.value("letter_48n.deadline")["months"]
    gain = view.value("stage.max_gain")
    offences = _offences_told(tracker)
    withdrawn = (f"le retrait de {offences[-1][0].points} points" if offences else "le retrait")
    return "\n".join([
        f"Tant que la lettre 48N n'est pas arrivée, vous n'avez rien d'obligatoire à faire : le délai de {months} mois "
        "pour le stage obligatoire ne part que de sa réception (article R.223-4 du Code de la route). Concrètement :",
        f"1. Vérifier sur « Mes Points Permis » (gratuit, avec FranceConnect) que {withdrawn} y figure : la lettre suit "
        "l'enregistrement du retrait, parfois des semaines ou des mois après le paiement, et aucun délai n'est imposé "
        "pour l'envoyer (Conseil d'État, 22 octobre 2014, n° 364635).",
        "2. Surveiller le courrier : un recommandé présenté mais non retiré compte comme reçu dès sa première "
        "présentation (Conseil d'État, 17 avril 2025, n° 492072) : en cas d'avis de passage, aller le chercher à la "
        "poste, et noter la date de réception.",
        f"3. Attendre la lettre plutôt que faire un stage volontaire : fait avant la lettre, il utiliserait le stage de "
        "l'année qui rend des points et ne remplirait probablement pas l'obligation (à vérifier). Le stage obligatoire "
        f"fait dans les {months} mois vous rend jusqu'à {gain} points, dans la limite de votre plafond, et fait "
        "rembourser l'amende (article L.223-6 du Code de la route).",
        "Si la lettre n'arrive jamais, le retrait reste valable (Conseil d'État, 31 mai 2013, n° 366865), mais aucun "
        "délai de stage obligatoire ne court."])
