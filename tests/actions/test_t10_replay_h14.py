"""Tester T10's replay (t10-c02, c05, c06, c13, c16, c17): the behaviours fixed, each with wordings of our own."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_related_questions import _after

SLOTS_10_YEARS = {"fine_payment_date": "2017-03-08", "last_offence_points": 3, "offence_class": "c4",
                  "offence_type": "stop_sign"}


# --- c13: the same question asked again keeps the key date of the answer


@pytest.mark.parametrize("first, again", [
    ("la regle des 10 ans c'est quoi ? j'ai perdu 3 points pour un stop payé le 8 mars 2017 et depuis je me fais "
     "flasher tout le temps", "ok mais du coup les points du stop je les recupere quand avec les 10 ans ?"),
    ("et la règle des 10 ans ? 3 points perdus pour un stop, amende payée le 8 mars 2017, et plein d'autres excès depuis",
     "non mais concrètement c'est quand que je retrouve les 3 points du stop ?"),
])
def test_the_answer_repeated_keeps_its_key_date(domain, first_of_december, first, again):
    reply = _after(domain, answers.ActionAnswerAutoRecovery(), first, "ask_auto_recovery", SLOTS_10_YEARS, again,
                   "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "8 mars 2027" in reply, reply


# --- c02: "jamais d'infraction" / "non jamais" to the offence's points; the training's day said with it


def _probation_form(domain, text: str, intent: str, new_slots: dict, known: dict, requested: str):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed, user_said
    history = [user_said("j'ai le permis depuis le 3 juillet 2025 en conduite accompagnée, j'ai combien de points ?",
                         "ask_probation"), {"event": "active_loop", "name": "probation_form"}]
    tracker = make_tracker(slots=known, new_slots=new_slots, intent=intent, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot=requested, form="probation_form",
                           history=history)
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    return ({e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            [m.get("text") for m in dispatcher.messages])


C02_KNOWN = {"licence_date": "2025-07-03", "supervised_driving": True, "complementary_training": True,
             "training_date": "2026-02", "probation_offence": True, "offence_date": "2026-02-14"}


@pytest.mark.parametrize("text, intent", [
    ("non jamais", "deny"),
    ("aucun, en fait j'ai jamais eu d'infraction", "inform"),
    ("non aucune", "deny"),
])
def test_no_offence_after_all_to_its_points_drops_it(domain, first_of_december, text, intent):
    from tests.actions.test_probation_facts import mapped_slots
    slots, said = _probation_form(domain, text, intent, {k: v for k, v in mapped_slots(domain, text, intent).items()
                                                        if k == "probation_offence"}, C02_KNOWN, "last_offence_points")
    assert slots.get("probation_offence") is False and slots.get("offence_date", "kept") is None
    assert slots.get("requested_slot") is None, (slots, said)  # the answer next, not the points again


@pytest.mark.parametrize("text, day", [
    ("ah non pardon jai jamais eu dinfraction, le 14 fevrier 2026 c la date de la formation complementaire",
     "2026-02-14"),
    ("non non, aucune infraction. la formation complémentaire je l'ai faite le 9 février 2026", "2026-02-09"),
    ("pardon je me suis trompé, pas d'amende depuis le permis : le 20/02/2026 c'était la formation complémentaire",
     "2026-02-20"),
])
def test_the_training_day_told_while_the_offence_is_asked_corrects_both(domain, first_of_december, text, day):
    from tests.actions.test_probation_facts import mapped_slots
    new = {k: v for k, v in mapped_slots(domain, text, "inform", "2026-12-01").items()
           if k in ("probation_offence", "complementary_training")}
    assert new.get("probation_offence") is False  # (the parser reads the absence of offence)
    slots, said = _probation_form(domain, text, "inform", new, C02_KNOWN, "last_offence_points")
    assert slots.get("training_date") == day and slots.get("probation_offence") is False
    assert slots.get("offence_date", "kept") is None and slots.get("requested_slot") is None, (slots, said)


def test_a_training_month_whose_day_changes_nothing_is_not_noted(domain, first_of_december):
    from tests.actions.test_probation_facts import run
    from tests.actions.conftest import make_tracker
    known = {**C02_KNOWN, "probation_offence": False, "offence_date": None}
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(slots=known, intent="deny", text="non"), domain)
    # AAC licence 3 July 2025, training in its 6th-12th month, no offence: 12 points at 18 months (R6)
    assert "3 janvier 2027" in answer and "9 points" in answer
    assert "28 février 2026" not in answer and "jour exact" not in answer
    # a month straddling the window's start (licence + 6 months = 3 January 2026): the day matters, said
    _, answer = run(answers.ActionAnswerProbation(),
                    make_tracker(slots={**known, "training_date": "2026-01"}, intent="deny", text="non"), domain)
    assert "janvier 2026" in answer and "jour exact" in answer


# --- c05: the speed told read as the kept speed, and what the measured reading would give (R4; arrêté du 4 juin 2009)


@pytest.mark.parametrize("text, measured, limit, kept", [
    ("flashé à 57 pour 50 en ville le 2 septembre, amende payée le 20 septembre. j'avais 12. quand je recupere mon point ?",
     57, 50, 52),
    ("radar à 86 sur une route à 80, payé le 3 octobre 2026, je récupère mon point quand ?", 86, 80, 81),
    ("pris à 135 au lieu de 130 sur l'autoroute, amende réglée le 1er octobre 2026, mon point revient quand ?",
     135, 130, 128),
])
def test_a_speed_told_says_it_is_read_as_kept_and_what_measured_would_give(domain, first_of_december, text,
                                                                           measured, limit, kept):
    from tests.actions.test_probation_facts import run
    from tests.actions.conftest import make_tracker, parsed
    entities = parsed(text, "2026-12-01")
    payment = next(e["value"] for e in entities if e["entity"] == "date" and e.get("role") == "payment")
    slots = {"offence_type": "speeding", "speed_measured": measured, "speed_limit": limit,
             "last_offence_points": 1, "offence_class": "c4" if limit <= 50 else "c3", "fine_payment_date": payment}
    _, answer = run(answers.ActionAnswerAutoRecovery(),
                    make_tracker(slots=slots, intent="ask_auto_recovery", text=text, entities=entities), domain)
    assert "revient le" in answer  # the point counted, its day
    assert f"Nous avons lu {measured} km/h comme la vitesse retenue" in answer
    assert f"Si {measured} km/h est la vitesse mesurée par un radar fixe" in answer and f"{kept} km/h retenus" in answer
    assert ("aucun point retiré" in answer or "pas d'excès de vitesse" in answer) and "arrêté du 4 juin 2009" in answer


def test_points_told_by_the_user_need_no_reading_of_the_speed(domain, first_of_december):
    from tests.actions.test_probation_facts import run
    from tests.actions.conftest import make_tracker, parsed
    text = "j'ai perdu 1 point, flashé à 57 pour 50, payé le 20 septembre 2026, je le récupère quand ?"
    slots = {"offence_type": "speeding", "speed_measured": 57, "speed_limit": 50, "last_offence_points": 1,
             "offence_class": "c4", "fine_payment_date": "2026-09-20"}
    _, answer = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots=slots, intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01")), domain)
    assert "20 mars 2027" in answer and "vitesse mesurée" not in answer


# --- c06: the stage's day asked only when it changes the answer


def _stage_form(domain, text: str, slots: dict, new_slots: dict, requested: str, intent: str = "inform"):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(slots=slots, new_slots=new_slots, intent=intent, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot=requested,
                           form="points_after_stage_form")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidatePointsAfterStageForm().run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, \
        [m.get("text") or "" for m in dispatcher.messages]


@pytest.mark.parametrize("text, month", [
    ("je sais pas encore, en janvier surement", "2027-01"),
    ("en février je pense, pas encore réservé", "2027-02"),
    ("courant mars 2027", "2027-03"),
])
def test_a_stage_month_whose_day_changes_nothing_is_not_asked(domain, first_of_december, text, month):
    from tests.actions.conftest import parsed
    told = next(e["value"] for e in parsed(text, "2026-12-01") if e["entity"] == "date")
    slots, said = _stage_form(domain, text, {"current_balance": 5, "licence_date": "2001"},
                              {"stage_first_day": told}, "stage_first_day")
    # a licence out of probation: the day matters only if a stage gave points in the last year (R13), asked next
    assert not any("Quel jour" in line for line in said), said
    assert slots["requested_slot"] == "previous_stage_date" and not slots.get("reasked_slot")
    assert slots["date_awaiting_precision"] == f"stage_first_day={month}"


def test_the_stage_day_is_asked_once_a_recent_stage_makes_it_count(domain, first_of_december):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import ask
    from tests.actions.conftest import make_tracker
    known = {"current_balance": 5, "licence_date": "2001", "date_awaiting_precision": "stage_first_day=2027-01"}
    slots, said = _stage_form(domain, "oui le 20 janvier 2026", known, {"previous_stage_date": "2026-01-20"},
                              "previous_stage_date")
    # a stage on 20 January 2026: a stage in January 2027 gives points only from the 20th (R13): the day is asked
    assert slots["previous_stage_date"] == "2026-01-20" and slots["requested_slot"] == "stage_first_day"
    tracker = make_tracker(slots={**known, **slots}, requested_slot="stage_first_day", form="points_after_stage_form")
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.AskSlot_stage_first_day().run(dispatcher, tracker, {}))
    assert "Quel jour de janvier 2027 ?" in dispatcher.messages[0]["text"]


# --- c16: "combien de points j'ai ?" while the probation form asks a fact: the balance it computes, then its question


C16_KNOWN = {"licence_date": "2025-09-20", "supervised_driving": True}


@pytest.mark.parametrize("text", ["ben combien de points j'ai ??", "bon c'est quoi mon solde alors",
                                  "et du coup je suis à combien de points ?"])
def test_the_balance_asked_mid_form_is_the_one_computed(domain, first_of_december, text):
    slots, said = _probation_form(domain, text, "ask_check_balance", {}, C16_KNOWN, "complementary_training")
    assert said and said[0].startswith("C'est justement ce que je calcule"), said
    assert "Mes Points Permis" not in " ".join(said)
    assert slots.get("requested_slot") == "complementary_training"  # its question again (action_ask_…)


@pytest.mark.parametrize("text", ["comment je vois mes points ?", "je peux consulter mon solde où ?",
                                  "c'est sur quel site qu'on voit combien il reste ?"])
def test_where_to_read_the_balance_mid_form_gets_mes_points_permis(domain, first_of_december, text):
    slots, said = _probation_form(domain, text, "ask_check_balance", {}, C16_KNOWN, "complementary_training")
    assert "Mes Points Permis" in " ".join(said), said
    assert slots.get("requested_slot") == "complementary_training"


# --- c17: the AAC comes from the user's words or a question, never assumed


@pytest.mark.parametrize("licence, offence, paid", [
    ("2023-03-15", "2025-02-01", "2025-02-28"),
    ("2023-06-10", "2025-11-20", "2025-12-05"),   # after an AAC probation's end, within a standard one's
    ("2023-09-01", None, "2026-01-15"),            # the payment alone, within the 3 years
])
def test_an_offence_in_the_first_three_years_asks_the_aac(domain, first_of_december, licence, offence, paid):
    known = {"licence_date": licence, "probation_offence": True, "offence_date": offence,
             "fine_payment_date": paid, "last_offence_points": 1, "offence_class": "c3"}
    slots, said = _probation_form(domain, "le 28/02/2025 je te l'ai dit", "inform", {}, known,
                                  "fine_payment_date" if offence else "offence_date")
    assert slots.get("requested_slot") == "supervised_driving", (slots, said)


def test_an_offence_after_the_first_three_years_asks_no_aac(domain, first_of_december):
    known = {"licence_date": "2023-03-15", "probation_offence": True, "offence_date": "2026-04-02",
             "fine_payment_date": "2026-04-20", "last_offence_points": 1, "offence_class": "c3"}
    slots, _ = _probation_form(domain, "le 20 avril 2026", "inform", {}, known, "fine_payment_date")
    assert slots.get("requested_slot") is None


@pytest.mark.parametrize("licence, end, aac_end", [("2023-03-15", "15 mars 2026", "15 mars 2025"),
                                                   ("2022-07-01", "1er juillet 2025", "1er juillet 2024")])
def test_a_probation_over_either_way_says_the_aac_was_not_counted(domain, first_of_december, licence, end, aac_end):
    from tests.actions.test_probation_facts import run
    from tests.actions.conftest import make_tracker
    _, answer = run(answers.ActionAnswerProbation(),
                    make_tracker(slots={"licence_date": licence}, intent="inform", text="oups"), domain)
    assert f"terminée depuis le {end}" in answer
    assert "sans conduite accompagnée" in answer and f"elle s'est terminée le {aac_end}" in answer
    # told, nothing to say
    _, answer = run(answers.ActionAnswerProbation(), make_tracker(
        slots={"licence_date": licence, "supervised_driving": False}, intent="inform", text="oups"), domain)
    assert "sans conduite accompagnée" not in answer


@pytest.mark.parametrize("text, licence", [
    ("ah non pardon c'était le 20 septembre 2025, pas 2024", "2025-09-20"),
    ("non attends, je me suis trompé : permis le 3 octobre 2025", "2025-10-03"),
])
def test_a_correction_that_restarts_the_form_is_said_noted_once(domain, first_of_december, text, licence):
    import asyncio

    from rasa_sdk.executor import CollectingDispatcher

    from actions import forms
    from tests.actions.conftest import make_tracker, parsed, user_said
    # the form started by action_apply_correction ("C'est noté. Pour refaire le calcul :"), the licence corrected
    history = [user_said("J'ai passé mon permis le 20 septembre 2024 après la conduite accompagnée. Je suis à combien ?",
                         "ask_probation"), {"event": "slot", "name": "licence_date", "value": "2024-09-20"},
               {"event": "bot", "text": "Votre période probatoire est terminée depuis le 20 septembre 2026."}]
    tracker = make_tracker(slots={"licence_date": "2024-09-20", "supervised_driving": True},
                           new_slots={"licence_date": licence}, intent="correct", text=text,
                           entities=parsed(text, "2026-12-01"), form="probation_form", history=history)
    tracker.events.insert(len(tracker.events) - 1, {"event": "action", "name": "action_apply_correction"})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(forms.ValidateProbationForm().run(dispatcher, tracker, domain))
    assert not any("C'est noté" in (m.get("text") or "") for m in dispatcher.messages), dispatcher.messages
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}["licence_date"] == licence
