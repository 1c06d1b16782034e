"""T22 (replay tester, conversations of 1 December 2026), items of branch h49: the points of an offence corrected,
a balance said as today's, a day not known after a correction, a probation's balance and a 1-point offence not paid."""
from __future__ import annotations

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_what_if import mapped_slots, run

SON_FLASHED = ("Bonjour, mon fils a eu son permis en aout 2024 (pas de conduite accompagnée). Il s'est fait flasher à "
               "118 au lieu de 80 le 3 octobre dernier, ils lui ont retiré son permis sur place je crois. Il a pas "
               "encore payé. Il va perdre combien de points et il va recevoir quoi comme lettre ?")


def son_flashed_history() -> list:
    # T22 c08 turn 1 as the server logged it: the letter's answer, then the offence's points (3 for 38 km/h over on an
    # 80 road, learnt from the scale, R4) by the other question's action
    told = {"licence_date": "2024-08", "supervised_driving": False, "offence_date": "2026-10-03",
            "offence_type": "speeding", "speed_limit": 80, "speed_excess": 38, "speed_measured": 118}
    return [{"event": "user", "text": SON_FLASHED, "parse_data": {"intent": {"name": "ask_letter"},
                                                                  "entities": parsed(SON_FLASHED, "2026-12-01")}},
            *({"event": "slot", "name": k, "value": v} for k, v in told.items()),
            {"event": "action", "name": "action_answer_letter"},
            {"event": "slot", "name": "last_question", "value": "action_answer_letter"},
            {"event": "action", "name": "action_other_question"},
            *({"event": "slot", "name": k, "value": None} for k in ("offence_type", "speed_limit", "speed_excess",
                                                                      "speed_measured")),
            {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
            {"event": "slot", "name": "last_offence_points", "value": 3},
            {"event": "slot", "name": "offence_class", "value": "c4"},
            {"event": "action", "name": "action_listen"}]


def test_the_points_of_a_speed_corrected_replace_those_of_the_speed_first_told(domain, first_of_december):
    # T22 c08: "ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?" got 4 points (48 km/h over),
    # but "donc il lui restera combien de points au final ?" then counted the 3 points of 118: 10 → 7, not 10 → 6
    known = {"licence_date": "2024-08", "supervised_driving": False, "offence_date": "2026-10-03",
             "last_question": "action_answer_offence_points", "last_offence_points": 3, "offence_class": "c4"}
    text = "ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?"
    entities = parsed(text, "2026-12-01")
    history = son_flashed_history()
    tracker = make_tracker(slots=known, intent="ask_offence_points", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain), form="offence_points_form", history=history)
    filled, _ = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert filled.get("speed_measured") == 128 and filled.get("offence_type") == "speeding"
    slots = {**known, **{k: v for k, v in filled.items() if k != "requested_slot"}}
    events = tracker.events + [{"event": "action", "name": "offence_points_form"},
                               *({"event": "slot", "name": k, "value": v} for k, v in filled.items())]
    answered = make_tracker(slots=slots, intent="ask_offence_points", text=text, entities=entities, history=events[:-1])
    answered.events[:] = events
    learnt, reply = run(answers.ActionAnswerOffencePoints(), answered, domain)
    assert "retrait de 4 points" in reply
    learnt = {e["name"]: e["value"] for e in learnt if e.get("event") == "slot"}
    assert learnt.get("last_offence_points") == 4
    # and the balance asked next: 10 (the probation's 3rd year ceiling, R5) − 4 = 6 once the fine is paid (R2)
    slots.update({k: v for k, v in learnt.items()})
    then = "donc il lui restera combien de points au final ?"
    _, balance = run(answers.ActionAnswerCheckBalance(), make_tracker(
        slots=slots, intent="ask_check_balance", text=then, entities=parsed(then, "2026-12-01"),
        history=events + [{"event": "action", "name": "action_answer_offence_points"}]), domain)
    assert "4 points seront retirés" in balance and "passera à 6 points" in balance
    assert "7 points" not in balance


def test_another_offence_asked_after_the_user_s_own_does_not_replace_its_points(domain, first_of_december):
    known = {"licence_date": "2024-08", "offence_date": "2026-10-03", "last_question": "action_answer_offence_points",
             "last_offence_points": 3, "offence_class": "c4", "offence_type": "speeding", "speed_limit": 80,
             "speed_measured": 150}
    text = "et à 150 au lieu de 80 ça ferait combien ?"
    tracker = make_tracker(slots=known, intent="ask_offence_points", text=text, entities=parsed(text, "2026-12-01"),
                           history=son_flashed_history())
    assert answers.learnt_offence_corrected(tracker) is False
