"""T27 (outside tester, ordinary drivers with their own computations, today = 1 December 2026), items of branch h64."""
from __future__ import annotations

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_what_if import Conversation, mapped_slots

DAY = "2026-12-01"


def test_c35_an_amount_corrected_is_the_fine_s_class_not_a_speed(domain, first_of_december):
    # T27 c35: 1 point paid on 10 June 2026, "68" to the fine's amount; then "c'était 135 € en fait, c'était en ville"
    # got "Excès de 85 km/h (135 km/h retenus pour 50 km/h autorisés) : retrait de 6 points (délit)". The point still
    # comes back after 6 months (R8), the full recovery now takes 3 years, a 4e class (R9)
    text = "jai perdu 1 pt pour un exces de vitesse payé le 10 juin 2026, il revient quand ?"
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {**mapped_slots(parsed(text, DAY), domain), "offence_class": "c3"}, today=DAY)
    assert "10 juin 2028" in chat.reply
    reply = chat.say("ah non attends je me suis trompé c'était 135 € en fait, c'était en ville", "inform",
                     corrections.ActionApplyCorrection())
    assert "Excès de" not in reply and "km/h" not in reply and "6 points" not in reply
    assert "revient le 10 décembre 2026" in reply and "10 juin 2029" in reply
    assert chat.slots["offence_class"] == "c4" and chat.slots.get("speed_measured") is None


def test_c27_a_town_at_50_flashed_at_54_is_no_point_and_its_fine(domain, first_of_december):
    # T27 c27: after 84 on a road at 80, "et dans une ville à 50 si je suis flashé à 54 ?" got "Impossible de répondre :
    # la vitesse retenue doit être supérieure à la limite" (the limit of 80 kept); R4: an excess under 5 km/h, 0 point,
    # 4e class at 50 km/h (135 €), and with the radar's margin of 5 km/h, 49 km/h kept: no excess at all
    text = "flashé à 84 sur une route à 80, je perds un point ?"
    for intent, action in (("nlu_fallback", fallback.ActionSuggestQuestions()),
                           ("ask_offence_points", answers.ActionAnswerOffencePoints())):
        chat = Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                            mapped_slots(parsed(text, DAY), domain), today=DAY)
        assert "aucun point retiré (contravention de 3e classe)" in chat.reply
        reply = chat.say("et dans une ville à 50 si je suis flashé à 54 ?", intent, action)
        assert "Impossible" not in reply and "Si vous commettiez" not in reply
        assert "Excès de 4 km/h (54 km/h retenus pour 50 km/h autorisés) : aucun point retiré (contravention de 4e " \
               "classe)" in reply
        assert "135 €" in reply and "49 km/h retenus : pas d'excès de vitesse" in reply


def test_c03_a_day_of_the_week_said_with_the_day_is_no_date(domain, first_of_december):
    # T27 c03: "le 20, c'était un vendredi samedi je crois" to "Quel jour de janvier 2026 ?" became a stage of Saturday
    # 28 November 2026 (next one from 28 November 2027); the 20th of January 2026 was told: next from 20 January 2027
    question = "Bonjour je suis chauffeur routier, il me reste 5 points. je peux faire un stage ? mon dernier stage " \
               "c'etait en janvier 2026"
    entities = parsed(question, DAY)
    opening = make_tracker(intent="ask_stage_eligibility", text=question, entities=entities,
                           new_slots={"current_balance": 5, "previous_stage_date": "2026-01"},
                           form="stage_eligibility_form")
    after, _ = run_form(forms.ValidateStageEligibilityForm(), opening, domain)
    assert after.get("date_awaiting_precision") == "previous_stage_date=2026-01"
    history = list(opening.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()]
    answer = "le 20, c'était un vendredi samedi je crois"
    entities = parsed(answer, DAY)
    assert [e["value"] for e in entities if e["entity"] == "date"] == ["2026-11-20"]
    # (the form's slot takes the message's date, as Rasa maps the requested slot)
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-11-20"}, text=answer, entities=entities,
                           history=history, requested_slot="previous_stage_date", form="stage_eligibility_form",
                           slots={"current_balance": 5, **after})
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2026-01-20"

