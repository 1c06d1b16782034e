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


PARTNER = ("bonjour je voudrais savoir pour mon compagnon, il a pris 6 points pour alcool (0,9 g) il y a 2 ans à peu "
           "près. il avait 12. il a 8 points aujourd'hui d'après le site. on comprend pas pourquoi il a pas récupéré")


def partner_s_delit(domain):
    from tests.actions.test_what_if import Conversation
    # T22 c22 turn 1: a 6-point délit (R4), 8 points today on the site (Rasa's mapping kept the last balance, 8)
    slots = {"current_balance": 8, "last_offence_points": 6, "offence_type": "alcohol_delit",
             "offence_date": "2024-12-01"}
    return Conversation(domain, PARTNER, "nlu_fallback", answers.ActionAnswerOffencePoints(), slots,
                        today="2026-12-01")


def after(chat, action, domain):
    """`action` run in the same turn as the last one (a follow-up action), on the events so far."""
    from rasa_sdk import Tracker
    events = [e for e in chat.events if not (e.get("event") == "action" and e.get("name") == "action_listen")]
    last_user = next(e for e in reversed(events) if e.get("event") == "user")
    tracker = Tracker(sender_id="test", slots=dict(chat.slots), latest_message={
        "text": last_user["text"], "intent": last_user["parse_data"]["intent"],
        "entities": last_user["parse_data"]["entities"]}, events=events, paused=False, followup_action=None,
        active_loop={}, latest_action_name="action_dont_know")
    return chat._answer(action, tracker)


def test_a_count_said_again_as_today_s_balance_is_not_the_offence_s_points(domain, first_of_december):
    # T22 c22 turn 2: "non non, 8 c'est MAINTENANT, apres le retrait…" took 8 for the offence's points (then "Solde
    # aujourd'hui : 4 points … 8 points retirés"): 8 is today's balance (R1), the délit's 6 points stay (R4)
    from actions import corrections
    chat = partner_s_delit(domain)
    reply = chat.say("non non, 8 c'est MAINTENANT, apres le retrait. la condamnation c'etait en novembre 2024 je crois. "
                     "pourquoi il est pas revenu a 12 ?", "nlu_fallback", corrections.ActionApplyCorrection())
    assert chat.slots.get("last_offence_points") == 6 and chat.slots.get("current_balance") == 8
    assert "Quel jour de novembre 2024" in reply


def test_no_idea_of_the_day_after_a_correction_takes_the_safe_day_and_answers(domain, first_of_december):
    # T22 c22 turn 3: "aucune idée du jour" to "Quel jour de novembre 2024 ?" got "D'accord. Quelle est votre
    # question ?": the last day of the month is taken for the conviction (the points come back no sooner) and the
    # recovery answered: a délit, 3 years, 30 November 2027; no 10-year rule (R9, R10)
    from actions import corrections
    chat = partner_s_delit(domain)
    chat.say("non non, 8 c'est MAINTENANT, apres le retrait. la condamnation c'etait en novembre 2024 je crois. "
             "pourquoi il est pas revenu a 12 ?", "nlu_fallback", corrections.ActionApplyCorrection())
    said = chat.say("aucune idée du jour", "dont_know", answers.ActionDontKnow())
    assert "Quelle est votre question" not in said and "30 novembre 2024" in said
    assert chat.slots.get("fine_payment_date") == "2024-11-30"
    reply = after(chat, corrections.ActionApplyCorrection(), domain)
    assert "30 novembre 2027" in reply and "3 ans" in reply
    assert "8 points retirés" not in reply and "Solde aujourd'hui : 4 points" not in reply
    assert "Solde aujourd'hui : 8 points, celui que vous avez indiqué" in reply and "ses points ne reviendront" in said


C25_PROBATION = {"licence_date": "2024-05-15", "supervised_driving": False, "probationary": True,
                 "probation_offence": True, "offence_date": "2026-11-30", "last_offence_points": 7,
                 "offence_class": "c4"}


def test_the_training_is_not_asked_of_a_licence_said_probationary_past_the_shortened_probation(domain,
                                                                                               first_of_december):
    # T22 c25: "j'ai un permis probatoire depuis le 15 mai 2024" (no AAC): a training kept would have ended the
    # probation on 15 May 2026 (R6), so on 1 December 2026 it changes nothing: not asked
    text = "pas de conduite accompagnée"
    tracker = make_tracker(slots=C25_PROBATION, intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           form="probation_form", requested_slot="supervised_driving")
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] != "complementary_training"
    assert not any("formation complémentaire" in (m or "") for m in messages)
    # (not said probationary: the training may have ended the probation, it is asked)
    tracker = make_tracker(slots={**C25_PROBATION, "probationary": None}, intent="inform", text=text,
                           entities=parsed(text, "2026-12-01"), form="probation_form",
                           requested_slot="supervised_driving")
    slots, _ = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] == "complementary_training"


def test_what_the_check_will_leave_asked_without_a_stage_is_the_balance_not_a_stage_s_question(domain,
                                                                                              first_of_december):
    # T22 c25, last turn: "et après le controle d'hier, quand j'aurai payé, il me restera combien ?" (read as the
    # points after a stage) asked "Combien de points vous reste-t-il actuellement ?": 10 (the 3rd year's ceiling,
    # no earlier offence, R5) − 7 = 3 once the fine is paid (R2, R3)
    from actions.answers import ActionAnswerCheckBalance, ActionAnswerPointsAfterStage
    from tests.actions.test_t22_h47 import probationary_check
    chat = probationary_check(domain)
    chat.slots.update(C25_PROBATION)
    text = "et après le controle d'hier, quand j'aurai payé, il me restera combien ?"
    tracker = chat.tracker(text, "ask_points_after_stage", form="points_after_stage_form")
    slots, messages = run_form(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert slots.get("requested_slot") is None and not messages
    events, said = run(ActionAnswerPointsAfterStage(), chat.tracker(text, "ask_points_after_stage"), domain)
    assert any(e.get("event") == "followup" and e.get("name") == "action_answer_check_balance" for e in events)
    events, said = run(ActionAnswerCheckBalance(), chat.tracker(text, "ask_points_after_stage"), domain)
    if any(e.get("event") == "followup" and e.get("name") == "probation_form" for e in events):
        # (the probation's form, which reads "quand j'aurai payé" as a fine not paid yet, R2, and asks nothing more)
        slots, messages = run_form(forms.ValidateProbationForm(), chat.tracker(text, "ask_points_after_stage",
                                                                               form="probation_form"), domain)
        assert slots.get("requested_slot") is None and slots.get("fine_payment_date") == "not_paid"
        chat.slots.update({k: v for k, v in slots.items() if k != "requested_slot"})
        said = chat.say(text, "ask_points_after_stage", answers.ActionAnswerProbation())
    assert "passera à 3 points" in said and "Combien de points" not in said and "48SI" not in said


STAGE_BEFORE_PAYING = ("Bonjour, j'ai eu une amende pour excès de vitesse : 143 km/h retenu sur autoroute limitée à 130, "
                       "le 10 novembre 2026. Je ne l'ai pas encore payée. J'ai 12 points. Est-ce que je perds un point "
                       "si je paie maintenant, et est-ce que je peux faire un stage avant de payer pour éviter de perdre "
                       "le point ?")
C23_KNOWN = {"current_balance": 12, "last_offence_points": 1, "offence_type": "speeding", "speed_limit": 130,
             "speed_excess": 13, "offence_date": "2026-11-10", "balance_unknown": False}


def test_whether_a_point_is_lost_is_the_offence_s_question_beside_the_stage_s(first_of_december):
    # T22 c23: "Est-ce que je perds un point si je paie maintenant, et est-ce que je peux faire un stage …" got the
    # stage's answer only: the first clause asks the offence's points (R4: 13 km/h over on a 130 road, 1 point, 3rd
    # class, 68 €; its point back 6 months after the payment, R8), answered as the message's other question
    from actions import two_part
    clauses = two_part.question_clauses(STAGE_BEFORE_PAYING)
    assert any(two_part.question_of(clause, STAGE_BEFORE_PAYING) == "ask_offence_points" for clause in clauses)
    assert two_part.question_of("est-ce que je peux faire un stage avant de payer pour éviter de perdre le point ?",
                                STAGE_BEFORE_PAYING) != "ask_offence_points"


def test_a_fine_said_not_paid_earlier_is_not_asked_its_payment_and_its_point_comes_back_alone(domain,
                                                                                               first_of_december):
    # T22 c23 turn 2: "un stage pour 1 point ca vaut le coup ? il revient pas tout seul le point ?" was asked "À quelle
    # date avez-vous payé l'amende ?" after "Je ne l'ai pas encore payée": nothing is withdrawn yet (R2), and the point
    # will come back alone 6 months after the payment without a new offence (R8)
    history = [{"event": "user", "text": STAGE_BEFORE_PAYING, "parse_data": {
        "intent": {"name": "ask_stage_eligibility"}, "entities": parsed(STAGE_BEFORE_PAYING, "2026-12-01")}},
        *({"event": "slot", "name": k, "value": v} for k, v in C23_KNOWN.items()),
        {"event": "bot", "text": "Avez-vous déjà fait un stage qui vous a rendu des points ? Si oui, à quelle date a-t-il "
                                 "commencé ?"}]
    text = "un stage pour 1 point ca vaut le coup ? il revient pas tout seul le point ?"
    entities = parsed(text, "2026-12-01")
    tracker = make_tracker(slots=C23_KNOWN, intent="ask_auto_recovery", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain), form="auto_recovery_form", history=history)
    slots, messages = run_form(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots.get("requested_slot") is None and slots.get("fine_payment_date") == "not_paid"
    known = {**C23_KNOWN, **{k: v for k, v in slots.items() if k != "requested_slot"}}
    _, said = run(answers.ActionAnswerAutoRecovery(), make_tracker(
        slots=known, intent="ask_auto_recovery", text=text, entities=entities, history=history), domain)
    assert "À quelle date" not in said and "aucun point n'est retiré" in said
    assert "ce point reviendra seul 6 mois après ce jour" in said
