"""A second offence told after a first one answered to the recovery form keeps its own points and class, and the
engine reads both (R8 examples 2 and 3, R9): testers T3 c26, c39, c06 and T4 m055."""
from __future__ import annotations

import asyncio
import inspect

from rasa_sdk.executor import CollectingDispatcher

from actions import answers
from actions.offence_history import retraits_in_message, told_retraits
from tests.actions.conftest import make_tracker, parsed, user_said


def _slot(name, value):
    return {"event": "slot", "name": name, "value": value}


def _answer(tracker, domain):
    dispatcher = CollectingDispatcher()
    events = answers.ActionAnswerAutoRecovery().run(dispatcher, tracker, domain)
    if inspect.iscoroutine(events):
        asyncio.run(events)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def _form_answered(points, paid, offence_class, offence_type=None, speeds=()):
    """The form's first retrait: its points (and offence) then its payment, answered one at a time."""
    history = [user_said("quand est-ce que je récupère mon point ?", "ask_auto_recovery"),
               _slot("last_offence_points", points), _slot("offence_class", offence_class)]
    if offence_type:
        history.append(_slot("offence_type", offence_type))
    history += [_slot(name, value) for name, value in speeds]
    return history + [user_said(f"payé le {paid}"), _slot("fine_payment_date", paid)]


def _then(history, text, slots):
    return make_tracker(slots=slots, history=history, text=text, entities=parsed(text))


def test_a_phone_told_after_a_one_point_offence_blocks_its_return_and_restarts_the_clock(domain):
    # T3 c26, R8 example 2: the phone (3 points, 4e class) committed within the 6 months of the point
    history = _form_answered(1, "2025-01-15", "c3", "speeding", (("speed_excess", 8), ("speed_limit", 110)))
    text = "mais j'ai eu un téléphone commis le 2 avril 2025, payé le 20 avril 2025"
    tracker = _then(history, text, {"last_offence_points": 1, "offence_class": "c3", "offence_type": "phone",
                                    "fine_payment_date": "2025-04-20", "offence_date": "2025-04-02"})
    assert [(r.points, r.said_date) for r in told_retraits(tracker)] == [(1, "2025-01-15"), (None, "2025-04-20")]
    answer = _answer(tracker, domain)
    assert "20 avril 2028" in answer
    assert "ne revient pas le 15 juillet 2025 : une autre infraction a été commise le 2 avril 2025" in answer
    assert "20 avril 2027" not in answer


def test_a_red_light_told_after_a_one_point_offence_of_the_form_other_wording(domain):
    history = _form_answered(1, "2026-03-01", "c3")
    text = "j'ai aussi grillé un feu rouge le 10 avril 2026, amende payée le 2 mai 2026"
    tracker = _then(history, text, {"last_offence_points": 1, "offence_class": "c3", "offence_type": "red_light",
                                    "fine_payment_date": "2026-05-02"})
    answer = _answer(tracker, domain)
    assert "2 mai 2029" in answer and "ne revient pas le 1er septembre 2026" in answer


def test_an_offence_committed_before_the_point_s_payment_does_not_block_it(domain):
    # T3 c39, R8 example 3 (CE 04/12/2017 n° 402423): the phone committed before the 1-point realite
    history = [user_said("bjr j'ai deux points de moins depuis septembre"), _slot("last_offence_points", 2),
               user_said("non en fait c'est un point, un excès de 6 km/h en agglo"),
               user_said("payé le trente septembre deux mille vingt six"), _slot("fine_payment_date", "2026-09-30"),
               user_said("et entre temps j'ai eu un téléphone, commis le 20 septembre, payé le 15 octobre"),
               _slot("fine_payment_date", "2026-10-15"), _slot("offence_date", "2026-09-20")]
    text = "donc le point je le récupère le 30 mars ou pas ?"
    tracker = _then(history, text, {"last_offence_points": 2, "offence_class": "c4",
                                    "fine_payment_date": "2026-10-15", "offence_date": "2026-09-20"})
    retraits = told_retraits(tracker)
    assert [(r.points, r.said_date, r.offence_type) for r in retraits] == [
        (1, "2026-09-30", "speeding"), (None, "2026-10-15", "phone")]
    answer = _answer(tracker, domain)
    assert "Le point retiré pour l'infraction payée le 30 septembre 2026 revient le 30 mars 2027" in answer
    assert "15 octobre 2029" in answer and "Sans la nature de l'infraction" not in answer


def test_an_older_offence_told_after_does_not_replace_the_latest(domain):
    # T3 c06, R9: the latest realite governs
    history = [user_said("quand est ce que je vais retrouver mes 12 points", "ask_auto_recovery"),
               user_said("j'ai grillé un feu rouge"), _slot("offence_type", "red_light"),
               _slot("last_offence_points", 4), _slot("offence_class", "c4"),
               user_said("j'ai payé le 5 janvier 2025"), _slot("fine_payment_date", "2025-01-05")]
    text = "et j'ai eu un autre truc avant, une ceinture en 2023 payé en mai 2023"
    tracker = _then(history, text, {"offence_type": "seatbelt", "last_offence_points": 4, "offence_class": "c4",
                                    "fine_payment_date": "2023-05"})
    answer = _answer(tracker, domain)
    assert "5 janvier 2028" in answer and "31 mai 2026" not in answer


def test_a_correction_of_the_form_s_offence_is_not_a_second_one():
    history = _form_answered(4, "2026-03-03", "c4", "red_light")
    text = "non c'était un stop payé le 3 mars 2026"
    tracker = _then(history, text, {"offence_type": "stop", "fine_payment_date": "2026-03-03"})
    assert len(told_retraits(tracker)) == 1


def test_a_date_asked_about_again_names_a_retrait_told_before():
    # T4 m055: "le point de mai revient quand ?" is the May retrait, not a third date
    text = "j'ai perdu 1 point en mai et j'ai repris une amende de 3 points en juillet, le point de mai revient quand ?"
    assert [(r.points, r.said_date) for r in retraits_in_message(parsed(text), text)] == [(1, "2026-05"),
                                                                                         (3, "2026-07")]
    other = "1 point perdu en février, puis 2 points en mars, celui de février je le récupère quand ?"
    assert [r.points for r in retraits_in_message(parsed(other), other)] == [1, 2]


def test_the_point_coming_back_is_not_read_as_a_refund_of_the_fine():
    from actions.two_part import QUESTION_WORDS
    refund = dict(QUESTION_WORDS)["ask_refund_48n"]
    assert not refund.search("j'ai repris une amende de 3 points en juillet, le point de mai revient quand ?")
    assert refund.search("et l'amende elle est remboursee ?") and refund.search("l'amende me revient ?")


# --- R3 example 4: offences on different days, then one payment for both, then the balance told before (T3 c43)

def test_a_count_asked_about_is_not_a_loss_told():
    text = "Feu rouge le 5 janvier et stop le 6 janvier, 2 amendes différentes. Ça fait 8 points ou c'est plafonné ?"
    assert [(r.offence_type, r.points) for r in retraits_in_message(parsed(text), text)] == [
        ("red_light", None), ("stop_sign", None)]
    other = "un sens interdit le 2 mars et un feu rouge le 9 mars, ça fait 12 points ?"
    assert [r.points for r in retraits_in_message(parsed(other), other)] == [None, None]


def test_both_paid_the_same_day_then_the_balance_before_gives_the_sum_without_the_cap(domain):
    history = [user_said("Feu rouge le 5 janvier et stop le 6 janvier, 2 amendes différentes. Ça fait 8 points ou "
                         "c'est plafonné ?"),
               user_said("j'avais 12"), _slot("current_balance", 12),
               user_said("payées toutes les deux le 20 janvier 2026"), _slot("fine_payment_date", "2026-01-20")]
    tracker = _then(history, "il me reste combien ?", {"current_balance": 12, "fine_payment_date": "2026-01-20"})
    retraits = told_retraits(tracker)
    assert [(r.said_date, r.committed_date, r.paid_said) for r in retraits] == [
        ("2026-01-20", "2026-01-05", True), ("2026-01-20", "2026-01-06", True)]
    text = answers.balance_answer(tracker)
    assert text.startswith("Solde aujourd'hui : 4 points (12 points avant l'infraction du 5 janvier 2026)")
    assert "20 janvier 2029" in text and "Je suis parti de 12 points" not in text


def test_one_payment_for_both_other_wording():
    history = [user_said("un sens interdit le 2 mars 2026 et un feu rouge le 9 mars 2026")]
    tracker = _then(history, "je les ai payés tous les 2 le 20 mars 2026", {})
    assert [r.said_date for r in told_retraits(tracker)] == ["2026-03-20", "2026-03-20"]


# --- R2 with R3: the offences of one check, then the balance before them (T3 c13)

def test_the_balance_before_the_offences_of_one_check_gives_the_balance_once_paid(domain):
    from actions import corrections
    history = [user_said("Je me suis fait arrêter hier soir, téléphone à la main et pas de ceinture, plus la ligne "
                         "continue franchie. ça fait combien de points en tout ?", "ask_offence_points"),
               user_said("je suis pas en probatoire, permis depuis 2012", "ask_probation")]
    text = "et il me restait 10 points avant"
    tracker = make_tracker(slots={"licence_date": "2012", "probationary": False,
                                  "last_question": "action_answer_probation"},
                           new_slots={"current_balance": 10}, history=history, text=text, entities=parsed(text))
    dispatcher = CollectingDispatcher()
    asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    answer = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "8 points sont retirés : votre solde passe de 10 points à 2 points" in answer
    assert "annulerait votre permis (lettre 48SI)" in answer


def test_the_balance_before_offences_told_by_the_police_check_other_wording(domain):
    from actions import corrections
    history = [user_said("contrôlé par les gendarmes ce matin : pas de ceinture et téléphone, combien je perds ?",
                         "ask_offence_points")]
    text = "avant j'en avais 9"
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points"},
                           new_slots={"current_balance": 9}, history=history, text=text, entities=parsed(text))
    dispatcher = CollectingDispatcher()
    asyncio.run(corrections.ActionApplyCorrection().run(dispatcher, tracker, domain))
    answer = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "6 points sont retirés : votre solde passe de 9 points à 3 points" in answer


def test_falling_to_how_many_asks_the_balance_just_computed():
    from actions.follow_ups import _ASKS_BALANCE
    for text in ("donc je tombe a combien ?", "ca me fait descendre a combien", "je passe a combien du coup ?"):
        assert _ASKS_BALANCE.search(text), text


# --- T4 m006: two offences of separate checks told in one story, the retrait is both (R3 example 4)

def test_two_offences_flashed_separately_add_up():
    from actions.offence_history import own_offences_points
    text = ("Alors voilà, je me suis fait flasher deux fois cette année, une fois à 130 au lieu de 110 (vitesse "
            "retenue) et une fois au feu rouge. J'ai payé les deux amendes. J'avais mes 12 points avant, j'ai le permis "
            "depuis 20 ans. Je m'inscris à un stage pour janvier, est-ce que je vais retrouver tous mes points ?")
    assert own_offences_points(make_tracker(text=text, entities=parsed(text))) == 6  # 2 (20 km/h) + 4
    other = "j'ai eu 2 amendes cet été : un stop grillé et un téléphone au volant, il me reste combien sur 12 ?"
    assert own_offences_points(make_tracker(text=other, entities=parsed(other))) == 7
    together = "contrôlé hier : téléphone, ceinture et ligne continue"
    assert own_offences_points(make_tracker(text=together, entities=parsed(together))) == 8
    unclear = "combien pour un feu rouge et un stop ?"
    assert own_offences_points(make_tracker(text=unclear, entities=parsed(unclear))) is None


def test_the_stage_after_two_offences_paid_counts_both(domain):
    from actions.forms import retrait_told
    from datetime import date
    text = ("flashé deux fois cette année, une fois à 130 au lieu de 110 et une fois au feu rouge, j'avais 12 points, "
            "un stage en janvier me rendra tout ?")
    tracker = make_tracker(slots={"offence_type": "red_light", "speed_limit": 110, "speed_excess": 20},
                           text=text, entities=parsed(text))
    assert retrait_told(tracker, date(2026, 11, 23)) == 6
