"""T22 (replay tester, conversations of 1 December 2026), items of branch h47: the balance asked after the offences of
one check, a warning taken for an invalidation, ..."""
from __future__ import annotations

import pytest

from actions import answers, corrections, invalidation_law
from tests.actions.test_what_if import Conversation

CHECK = ("Bonjour, j'ai un permis probatoire depuis le 15 mai 2024. Hier soir j'ai été contrôlé : téléphone en main ET "
         "pas de ceinture ET 40 au lieu de 30. Je vais perdre combien ? j'ai peur de perdre mon permis")


def probationary_check(domain) -> Conversation:
    # T22 c25: year 3 of probation (ceiling 10), phone + seatbelt + 10 km/h over in a 30 at one check: 7 points (R3,
    # R4), 10 → 3 and a 48N (R5, R15); the answer warns of a 48SI "si votre solde est de 7 points ou moins"
    slots = {"licence_date": "2024-05-15", "offence_date": "2026-11-30", "offence_type": "speeding",
             "speed_limit": 30, "speed_excess": 10, "speed_measured": 40, "probationary": True,
             "other_offences": ["phone", "seatbelt"]}
    return Conversation(domain, CHECK, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today="2026-12-01")


def test_a_warning_on_a_balance_not_known_is_not_the_licence_lost(domain, first_of_december):
    # T22 c25: "et après le contrôle d'hier, quand j'aurai payé, il me restera combien ?" got "Votre permis restera
    # valable jusqu'à la notification de la lettre 48SI" and the invalidation's exams: 3 points remain (R15, R18)
    chat = probationary_check(domain)
    assert "si votre solde est de 7 points ou moins" in chat.reply and "Il vous restera 3 points" in chat.reply
    for text in ("et après le controle d'hier, quand j'aurai payé, il me restera combien ?", "et après ?",
                 "c'est quoi la suite ?"):
        tracker = chat.tracker(text, "ask_points_after_stage")
        assert invalidation_law.invalidation_law_answer(tracker) is None, text


def test_the_balance_asked_after_the_check_s_offences_is_answered(domain, first_of_december):
    # T22 c25 turn 2: "j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée"
    # (read as facts) got "C'est noté. Quelle est votre question ?": the probation's balance is asked, with the
    # check's offences as the probation's offence (R7, R15)
    chat = probationary_check(domain)
    reply = chat.say("j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée",
                     "nlu_fallback", corrections.ActionApplyCorrection())
    assert "Quelle est votre question" not in reply
    assert chat.slots.get("probation_offence") is True and chat.slots.get("offence_type") == "speeding"


STAGE_BEFORE_PAYING = ("Bonjour, j'ai eu une amende pour excès de vitesse : 143 km/h retenu sur autoroute limitée à 130, "
                       "le 10 novembre 2026. Je ne l'ai pas encore payée. J'ai 12 points. Est-ce que je perds un point "
                       "si je paie maintenant, et est-ce que je peux faire un stage avant de payer pour éviter de perdre "
                       "le point ?")


def test_the_day_told_with_the_offence_is_not_a_previous_stage(domain, first_of_december):
    # T22 c23: "le stage précédent ayant rapporté des points date du 10 novembre 2026": that day is the offence's,
    # told in its sentence (R2, R13)
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_what_if import mapped_slots
    entities = parsed(STAGE_BEFORE_PAYING, "2026-12-01")
    tracker = make_tracker(intent="ask_stage_eligibility", text=STAGE_BEFORE_PAYING, entities=entities,
                           new_slots=mapped_slots(entities, domain), form="stage_eligibility_form")
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots.get("previous_stage_date") is None and slots.get("offence_date") == "2026-11-10"


@pytest.mark.parametrize("text, offence_day", [
    (STAGE_BEFORE_PAYING, True),
    ("excès de vitesse, et mon dernier stage c'était le 10 novembre 2026, je peux en refaire un ?", False),
    ("grillé un feu rouge. J'ai fait un stage le 10 novembre 2026, je peux en refaire un ?", False),
])
def test_a_day_is_the_offence_s_in_its_sentence_only_without_a_stage(text, offence_day, first_of_december):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(intent="ask_stage_eligibility", text=text, entities=parsed(text, "2026-12-01"))
    assert forms.offence_day_in_its_sentence(tracker, "2026-11-10") is offence_day


def test_a_speed_corrected_after_the_offence_s_points_keeps_the_offence(domain, first_of_december):
    # T22 c08: "ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?" after the points of 118 on an
    # 80 road (that answer forgets its offence) opened the offence's form, which asked "Quelle infraction ?": the
    # offence comes back with the speed corrected (R4: 48 km/h over, 4 points)
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_what_if import mapped_slots
    told = {"offence_type": "speeding", "speed_limit": 80, "speed_excess": 38, "speed_measured": 118}
    history = [{"event": "user", "text": "flashé à 118 au lieu de 80", "parse_data": {
                   "intent": {"name": "ask_offence_points"}, "entities": []}},
               *({"event": "slot", "name": k, "value": v} for k, v in told.items()),
               {"event": "action", "name": "action_answer_offence_points"},
               *({"event": "slot", "name": k, "value": None} for k in told),
               {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"}]
    text = "ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?"
    entities = parsed(text, "2026-12-01")
    tracker = make_tracker(slots={"last_question": "action_answer_offence_points", "licence_date": "2024-08"},
                           intent="ask_offence_points", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain), form="offence_points_form", history=history)
    slots, messages = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots.get("offence_type") == "speeding" and slots.get("speed_limit") == 80
    assert slots.get("speed_measured") == 128 and slots["requested_slot"] is None
    assert not any("Quelle infraction" in (m or "") for m in messages)


def test_a_balance_said_as_today_s_is_not_the_one_before_the_offence(domain, first_of_december):
    # T22 c22: "il avait 12. il a 8 points aujourd'hui d'après le site" after a 6-point délit: 8 is today's balance,
    # the retrait already made (R1), not "Avec 8 points avant l'infraction, il lui restera 2 points"
    from tests.actions.conftest import parsed
    from tests.actions.test_what_if import mapped_slots
    text = ("bonjour je voudrais savoir pour mon compagnon, il a pris 6 points pour alcool (0,9 g) il y a 2 ans à peu "
            "près. il avait 12. il a 8 points aujourd'hui d'après le site. on comprend pas pourquoi il a pas récupéré")
    from tests.actions.conftest import make_tracker
    from tests.actions.test_what_if import run
    entities = parsed(text, "2026-12-01")
    # (Rasa's mapping keeps the last count with the balance's role, as the live run did: 8)
    slots = {**mapped_slots(entities, domain), "offence_date": "2024-12-01", "current_balance": 8}
    tracker = make_tracker(new_slots=slots, intent="nlu_fallback", text=text, entities=entities)
    _, reply = run(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert "retrait de 6 points" in reply
    assert "points avant l'infraction" not in reply and "restera 2 points" not in reply
