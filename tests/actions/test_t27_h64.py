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


def _stage_question_after_the_last_stage(domain, text: str, known: str = "2026-02-02"):
    """The stage-eligibility form opened by `text`, the last stage (`known`) told before; its slots and messages."""
    entities = parsed(text, DAY)
    history = [{"event": "user", "text": "oui, j'ai fait un stage", "parse_data": {"intent": {"name": "inform"}}},
               {"event": "slot", "name": "previous_stage_date", "value": known},
               {"event": "action", "name": "action_answer_stage_eligibility"},
               {"event": "slot", "name": "last_question", "value": "action_answer_stage_eligibility"}]
    new = {"previous_stage_date": next(e["value"] for e in entities if e["entity"] == "date")}
    tracker = make_tracker(slots={"previous_stage_date": known, "last_question": "action_answer_stage_eligibility"},
                           new_slots=new, text=text, entities=entities, intent="ask_stage_eligibility",
                           form="stage_eligibility_form", history=history)
    return run_form(forms.ValidateStageEligibilityForm(), tracker, domain)


def test_c21_a_stage_imagined_in_the_conditional_keeps_the_last_one_and_is_answered(domain, first_of_december):
    # T27 c21: last stage 2-3 February 2026; "et un stage en septembre 2026 ça m'aurait rendu des points ?" replaced
    # it ("à partir du 15 septembre 2027"), then the day of February was asked again and no answer came. Any day of
    # September 2026 is within the year after 2 February 2026: no point (R13), the last stage kept
    text = "et un stage en septembre 2026 ça m'aurait rendu des points ?"
    slots, messages = _stage_question_after_the_last_stage(domain, text)
    assert slots["previous_stage_date"] == "2026-02-02" and slots["stage_first_day"] == "2026-09"
    assert slots.get("requested_slot") is None and messages == []
    chat = Conversation(domain, text, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "2026-02-02", "stage_first_day": "2026-09"}, today=DAY)
    assert chat.reply.startswith("Aucun point : le stage précédent ayant rapporté des points date du 2 février 2026, "
                                 "un nouveau stage n'en donne qu'à partir du 2 février 2027")


def test_a_stage_imagined_in_a_month_the_year_ends_in_asks_its_day(domain, first_of_december):
    # R13: after 2 February 2026, a stage in February 2027 gives points from the 2nd: its day decides
    slots, messages = _stage_question_after_the_last_stage(
        domain, "et un stage en novembre 2026 ça m'aurait rendu des points ?", known="2025-11-10")
    assert slots["previous_stage_date"] == "2025-11-10" and slots["stage_first_day"] is None
    assert slots["date_awaiting_precision"] == "stage_first_day=2026-11"
    assert "le jour compte (un nouveau stage ne donne des points qu'à partir du 10 novembre 2026)" in messages[0]


def test_a_stage_really_done_later_is_still_the_last_one(domain, first_of_december):
    # (no conditional: "j'en ai fait un en septembre 2026" is the last stage told, as before)
    slots, _ = _stage_question_after_the_last_stage(domain, "j'en ai fait un autre le 15 septembre 2026")
    assert slots["previous_stage_date"] == "2026-09-15"


def test_c21_the_month_of_the_known_stage_keeps_its_day(domain, first_of_december):
    # T27 c21 T4: "le stage de septembre que j'ai fait, il m'a rendu des points ou pas vu que j'en avais fait un en
    # février ?" got "Quel jour de février 2026 ?", the 2nd known: February 2026 is the stage of 2 February 2026
    text = "non je veux dire : le stage de septembre que j'ai fait, il m'a rendu des points ou pas vu que j'en avais " \
           "fait un en février ?"
    entities = parsed(text, DAY)
    history = [{"event": "user", "text": "oui le 2 et 3 février 2026", "parse_data": {"intent": {"name": "inform"}}},
               {"event": "slot", "name": "previous_stage_date", "value": "2026-02-02"}]
    tracker = make_tracker(slots={"previous_stage_date": "2026-02-02"}, new_slots={"previous_stage_date": "2026-02"},
                           text=text, entities=entities, intent="ask_stage_eligibility", form="stage_eligibility_form",
                           history=history)
    slots, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2026-02-02"
    assert not any("Quel jour" in (m or "") for m in messages)


def test_two_stages_within_a_year_the_earlier_is_the_last_that_gave_points(domain, first_of_december):
    # R13: "j'ai fait un stage le 2 février 2026 et un autre le 15 septembre 2026": the second gave no point, the
    # year counts from the first, the second is the stage asked about
    text = "j'ai fait un stage le 2 février 2026 et un autre le 15 septembre 2026, il m'a rendu des points ?"
    entities = parsed(text, DAY)
    tracker = make_tracker(new_slots={"previous_stage_date": ["2026-02-02", "2026-09-15"]}, text=text,
                           entities=entities, intent="ask_stage_eligibility", form="stage_eligibility_form")
    slots, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == "2026-02-02" and slots["stage_first_day"] == "2026-09-15"

C02_FIRST = ("Bonjour, mon fils a eu son permis en conduite accompagnée le 15 juin 2024. Il vient de recevoir une lettre "
             "48N après un téléphone au volant. Que doit-il faire ?")
C02_STAGE_DONE = "et si il a déjà fait un stage volontaire en mars ?"


def _c02(domain) -> Conversation:
    chat = Conversation(domain, C02_FIRST, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                        {**mapped_slots(parsed(C02_FIRST, DAY), domain), "letter_48n_date": "2026-11-03"}, today=DAY)
    assert "au plus tard le 3 mars 2027" in chat.reply
    return chat


def test_c02_a_stage_already_done_in_march_is_last_march_s_and_the_obligation_stays(domain, first_of_december):
    # T27 c02: "et si il a déjà fait un stage volontaire en mars ?" after the 48N's deadline (3 March 2027) got "Si le
    # stage commence le 31 mars 2027… l'obligation n'est pas remplie à temps". "déjà fait": March 2026, before the 48N;
    # its last day is the prudent one (points again from 31 March 2027 at the earliest): the compulsory stage gives
    # no point, stays due by 3 March 2027, and the fine is refunded (R13, R17)
    chat = _c02(domain)
    reply = chat.say(C02_STAGE_DONE, "inform", corrections.ActionApplyCorrection())
    assert "2027, alors" not in reply and "n'est pas remplie" not in reply
    assert "je compte le 31 mars 2026, le jour le plus prudent" in reply
    assert "le stage obligatoire ne rendra pas de points (pas avant le 31 mars 2027), mais il reste obligatoire avant " \
           "le 3 mars 2027 et l'amende sera remboursée" in reply
    assert chat.slots["previous_stage_date"] == "2026-03-31"


def test_c02_read_with_too_little_confidence_the_stage_done_is_a_fact_for_the_last_question(domain,
                                                                                          first_of_december):
    from tests.actions.test_what_if import run
    chat = _c02(domain)
    events, reply = run(fallback.ActionSuggestQuestions(), chat.tracker(C02_STAGE_DONE, "nlu_fallback"), domain)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ["action_apply_correction"]
    assert "2027" not in reply


def test_a_fact_of_the_past_told_with_if_and_deja_is_no_hypothesis(first_of_december):
    from actions.what_if import states_a_hypothesis
    assert not states_a_hypothesis(C02_STAGE_DONE)
    assert states_a_hypothesis("et si il fait un stage volontaire en mars ?")


def test_c13_a_licence_held_for_about_twenty_years_is_taken_with_its_margin(domain, first_of_december):
    # T27 c13: "ça fait longtemps, une vingtaine d'années" to the licence's date got "Je n'ai pas compris votre
    # réponse"; about 1 December 2006, give or take 5 years: long out of probation whichever (R5), not asked again
    text = "ça fait longtemps, une vingtaine d'années"
    entities = parsed(text, DAY)
    assert [e["value"] for e in entities if e["entity"] == "date"] == ["2006-12-01"]  # (no date was read)
    tracker = make_tracker(slots={"current_balance": None, "balance_unknown": True}, new_slots={"licence_date": "2006-12-01"},
                           text=text, entities=entities, requested_slot="licence_date", form="points_after_stage_form")
    slots, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots["licence_date"] == "2006-12-01" and slots.get("requested_slot") != "licence_date"
    assert not any("pas compris" in (m or "") for m in messages)
    chat = Conversation(domain, text, "inform", answers.ActionAnswerPointsAfterStage(),
                        {"licence_date": "2006-12-01", "current_balance": 5, "stage_first_day": "2026-11-23",
                         "previous_stage_date": "none"}, today=DAY)
    assert "de 5 à 9 points" in chat.reply  # (12 points whichever year of 2001–2011: the day is not asked, R5, R12)


def test_a_number_said_roughly_has_a_quarter_of_it_as_margin():
    from dateutil.relativedelta import relativedelta

    from actions.slot_values import rough_margin
    assert rough_margin("une vingtaine d'années") == relativedelta(years=5)
    assert rough_margin("depuis une dizaine de mois") == relativedelta(months=2)
    assert rough_margin("il y a 2 ans") == relativedelta(months=6)  # (as before)


def test_c02_read_as_the_48n_s_question_the_stage_done_before_the_letter_is_the_last_one(domain, first_of_december):
    # (read as ask_mandatory_stage, Rasa maps the stage's month to the stage of the question: before the 48N's
    # receipt, it is the last stage, its month's last day the prudent one, R13, R17)
    chat = _c02(domain)
    tracker = make_tracker(slots=chat.slots, new_slots={"stage_first_day": "2026-03"}, text=C02_STAGE_DONE,
                           entities=parsed(C02_STAGE_DONE, DAY), intent="ask_mandatory_stage", history=list(chat.events),
                           form="mandatory_stage_form")
    slots, messages = run_form(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["stage_first_day"] is None and slots["previous_stage_date"] == "2026-03-31"
    assert "je compte le 31 mars 2026, le jour le plus prudent" in messages[0]
