"""T20 (tester's conversations of 1 December 2026), items of branch h42: dates, corrections and offence histories."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import refused_month, run
from tests.actions.test_what_if import Conversation


@pytest.mark.parametrize("answer, chosen", [
    ("le 23 je crois, ou le 24", "2026-03-24"),
    ("le 23 ou le 24", "2026-03-24"),
    ("23 ou 24", "2026-03-24"),
    ("le 24 ou le 23 peut-être", "2026-03-24"),
])
def test_two_days_answering_the_day_of_a_month_are_of_that_month_and_the_safe_one_is_taken(
        domain, first_of_december, answer, chosen):
    # T20 c18: "le 23 je crois, ou le 24" to "Quel jour de mars 2026 ?" was read as 24 NOVEMBER 2026 (the NLU's last
    # 23rd/24th before today); it is a day of March 2026, and of two days the later one for the last stage (R13: the
    # next stage gives points no sooner), said as such
    slots, history = refused_month("previous_stage_date", "2026-03", "stage_eligibility_form",
                                   forms.ValidateStageEligibilityForm, domain, text="j'ai fait un stage en mars 2026")
    tracker = make_tracker(new_slots={"previous_stage_date": "2026-11-24"}, text=answer,
                           requested_slot="previous_stage_date", form="stage_eligibility_form", history=history,
                           slots=slots)
    slots, messages = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots["previous_stage_date"] == chosen
    assert any("Entre le 23 et le 24 mars 2026, je compte le 24 mars 2026" in m and "24 mars 2026" in m and "prudente" in m for m in messages), messages


def test_two_days_for_the_letter_take_the_earlier(domain, first_of_december):
    # the 48N's receipt: the earlier day gives the shorter 4 months (R15)
    slots, history = refused_month("letter_48n_date", "2026-09", "mandatory_stage_form",
                                   forms.ValidateMandatoryStageForm, domain, text="reçue en septembre 2026")
    tracker = make_tracker(new_slots={"letter_48n_date": "2026-11-13"}, text="le 12 ou le 13",
                           requested_slot="letter_48n_date", form="mandatory_stage_form", history=history, slots=slots)
    slots, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert slots["letter_48n_date"] == "2026-09-12"


def test_a_month_then_its_day_in_a_correction_is_that_day_not_the_month_asked_again(domain, first_of_december):
    # T20 c18: "non le stage c'était en mars 2026 pas en novembre ! le 24 mars 2026" got "Quel jour de mars 2026 ?":
    # the month leads to the day said with it; the last stage is 24 March 2026, the next one from 24 March 2027 (R13)
    chat = Conversation(domain, "le 23 je crois, ou le 24", "inform", answers.ActionAnswerStageEligibility(),
                        {"previous_stage_date": "2026-11-24", "current_balance": 5}, today="2026-12-01")
    reply = chat.say("non le stage c'était en mars 2026 pas en novembre ! le 24 mars 2026", "inform",
                     corrections.ActionApplyCorrection())
    assert "Quel jour" not in reply
    assert "à partir du 24 mars 2027" in reply and chat.slots["previous_stage_date"] == "2026-03-24"


C26_STORY = (
    "Bonjour alors je vais essayer d'etre clair mais c'est le bazar dans ma tete. Donc j'ai passé mon permis en 2019 je "
    "sais plus trop le mois, en tout cas ça fait plus de 3 ans. En 2022 j'ai perdu des points, je sais plus combien, "
    "pour un stop je crois. Ensuite rien pendant longtemps, et puis là le 6 octobre 2026 je me suis fait arrêter pour "
    "un dépassement dangereux, amende payée le 20 octobre. Mon beau-frère m'a dit que ça relançait tout et que j'allais "
    "jamais revoir mes points de 2022. Moi je veux juste savoir combien j'ai et quand ça revient. Je ne sais pas quand "
    "j'ai payé l'amende de 2022, peut-être au printemps. Voilà merci beaucoup et bonne journée")


def test_two_offences_four_years_apart_keep_their_own_dates(first_of_december):
    # T20 c26: the stop of 2022 (paid in spring 2022) and the overtaking of 6 October 2026 (paid on 20 October) are two
    # retraits, each with its dates; the 2022 payment was given to the 2026 offence, and the history was lost
    from actions.offence_history import retraits_in_message
    told = retraits_in_message(parsed(C26_STORY, "2026-12-01"), C26_STORY)
    assert [(r.offence_type, r.said_date, r.committed_date) for r in told] == [
        ("stop_sign", "2022-03", None), ("dangerous_overtaking", "2026-10-20", "2026-10-06")]


@pytest.mark.parametrize("intent, action", [
    ("ask_auto_recovery", answers.ActionAnswerAutoRecovery()),
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_the_balance_of_two_offences_years_apart_counts_each_on_its_day(domain, first_of_december, intent, action):
    # T20 c26: "Solde aujourd'hui : 12 points" with both offences on 31 March 2022; the stop's points came back in 2025
    # (R9: 3 years, no offence since), the overtaking's 3 points (R4) leave 9, all back on 20 October 2029 (R9)
    slots = {"licence_date": "2019", "fine_payment_date": "2022-03", "offence_date": "2026-10-06",
             "offence_type": "dangerous_overtaking"}  # as Rasa fills them: the last value of each entity
    chat = Conversation(domain, C26_STORY, intent, action, slots, today="2026-12-01")
    reply = chat.say("Quand est-ce que je récupère mes points ?", "ask_auto_recovery",
                     answers.ActionAnswerAutoRecovery())
    both = chat.reply + reply  # (the recovery asked again after it is answered: "Comme indiqué : …")
    assert "20 octobre 2029" in reply and "Solde aujourd'hui : 9 points" in both
    assert "Solde aujourd'hui : 12 points" not in both


C08_STORY = ("Bonjour, mon fils a eu son permis en aout 2024 (pas de conduite accompagnée). Il s'est fait flasher à 118 "
             "au lieu de 80 le 3 octobre dernier, ils lui ont retiré son permis sur place je crois. Il a pas encore payé. "
             "Il va perdre combien de points et il va recevoir quoi comme lettre ?")


@pytest.mark.parametrize("correction", [
    "ah attendez je relis l'avis, c'est 128 retenu pas 118. ça change quoi ?",
    "je me suis trompé, c'est 128 km/h retenus. ça change quoi ?",
])
def test_a_speed_corrected_replaces_the_fact_and_gives_the_new_balance_and_letter(domain, first_of_december, correction):
    # T20 c08: the notice read again ("128 retenu pas 118") was answered as a what-if ("C'est une hypothèse : je garde
    # … sans celle-ci") and the balance asked with the letter never came; 48 km/h over is 4 points (R4), from the
    # ceiling of 10 of a licence of August 2024 (R5): 6 left, and a 48N (R15)
    slots = {"licence_date": "2024-08", "supervised_driving": False, "offence_date": "2026-10-03",
             "offence_type": "speeding", "speed_limit": 80, "speed_excess": 38, "speed_measured": 118,
             "fine_payment_date": "not_paid"}
    chat = Conversation(domain, C08_STORY, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today="2026-12-01")
    reply = chat.say(correction, "inform", corrections.ActionApplyCorrection())
    assert "hypothèse" not in reply
    assert "retrait de 4 points" in reply and "de 10 points à 6 points" in reply and "48N" in reply


def test_a_speed_asked_about_is_still_a_what_if(domain, first_of_december):
    slots = {"offence_type": "speeding", "speed_limit": 80, "speed_measured": 118}
    chat = Conversation(domain, "flashé à 118 au lieu de 80, combien de points ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), slots, today="2026-12-01")
    reply = chat.say("et à 128 retenu ?", "inform", corrections.ActionApplyCorrection())
    assert "hypothèse" in reply and "retrait de 4 points" in reply


def test_a_year_correcting_a_future_licence_date_keeps_its_day_and_month(domain, first_of_december):
    # T20 c05: "j'ai eu mon permis le 12 juin 2027" refused as to come, then "oups 2025 pardon": 12 June 2025, not
    # "En quel mois de 2025 l'avez-vous obtenu ?"
    first = "j'ai eu mon permis le 12 juin 2027, combien j'ai de points"
    tracker = make_tracker(intent="ask_probation", text=first, entities=parsed(first, "2026-12-01"),
                           new_slots={"licence_date": "2027-06-12"}, requested_slot="licence_date",
                           form="probation_form")
    after, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert after["licence_date"] is None and "dans le futur" in messages[0]
    history = list(tracker.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()] + [
        {"event": "bot", "text": message} for message in messages] + [
        {"event": "bot", "text": "À quelle date avez-vous obtenu votre permis ?"}]
    text = "oups 2025 pardon. et j'ai 15 points c'est ça ?"
    tracker = make_tracker(text=text, entities=parsed(text, "2026-12-01"), history=history, slots=after,
                           new_slots={"licence_date": "2025", "current_balance": 15}, requested_slot="licence_date",
                           form="probation_form")
    slots, messages = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["licence_date"] == "2025-06-12"
    assert not any("quel mois" in m for m in messages)


@pytest.mark.parametrize("answer", ["il sait plus, vers le milieu du mois je pense", "mi-mois"])
def test_the_middle_of_the_month_is_its_fifteenth_said_as_rough(domain, first_of_december, answer):
    # T20 c02: "vers le milieu du mois" to "Quel jour de septembre 2025 ?" got "Je n'ai pas compris votre réponse."
    known = {"last_offence_points": 4, "offence_class": "c4"}
    slots, history = refused_month("fine_payment_date", "2025-09", "auto_recovery_form", forms.ValidateAutoRecoveryForm,
                                   domain, text="il a payé l'amende en septembre 2025", slots=known)
    assert not parsed(answer, "2026-12-01")  # no date read: the form's own reading of the message
    tracker = make_tracker(text=answer, intent="dont_know" if "sait plus" in answer else "inform",
                           requested_slot="fine_payment_date", form="auto_recovery_form", history=history, slots=slots)
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2025-09-15"
    assert any("Je compte le 15 septembre 2025, le milieu du mois" in m for m in messages), messages


C25_CHECK = ("Bonjour, j'ai un permis probatoire depuis le 15 mai 2024. Hier soir j'ai été contrôlé : téléphone en main "
             "ET pas de ceinture ET 40 au lieu de 30. Je vais perdre combien ? j'ai peur de perdre mon permis")


def test_offences_at_one_check_of_a_young_licence_say_what_is_left_under_its_ceiling(domain, first_of_december):
    # T20 c25: 1 + 3 + 3 = 7 points at one check (R3, under the cap of 8), in the 3rd year of a probation begun on
    # 15 May 2024: a ceiling of 10 with no offence before (R5), 3 points left (R1); the licence date was not used
    slots = {"licence_date": "2024-05-15", "offence_date": "2026-11-30", "offence_type": "speeding", "speed_limit": 30,
             "speed_excess": 10, "speed_measured": 40, "probationary": True, "other_offences": ["phone", "seatbelt"]}
    chat = Conversation(domain, C25_CHECK, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today="2026-12-01")
    assert "7 points au total" in chat.reply
    assert "plafond du permis probatoire ce jour-là : 10 points. Il vous restera 3 points" in chat.reply


def test_the_ceiling_is_not_counted_when_the_balance_is_told(domain, first_of_december):
    slots = {"licence_date": "2024-05-15", "offence_date": "2026-11-30", "offence_type": "speeding", "speed_limit": 30,
             "speed_excess": 10, "speed_measured": 40, "probationary": True, "other_offences": ["phone", "seatbelt"],
             "current_balance": 9}
    chat = Conversation(domain, C25_CHECK + ", j'ai 9 points", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), slots, today="2026-12-01")
    assert "plafond du permis probatoire ce jour-là" not in chat.reply


def test_a_son_writing_for_his_mother_gets_an_answer_about_her(first_of_december):
    # T20 c10: "je vous écris de la part de ma mère … Elle a le permis depuis 1985": the answer speaks of her licence
    # ("son permis"), as for "pour ma mère" (c02, c27 did switch)
    from actions.third_person import subject_person
    text = ("Bonjour je vous écris de la part de ma mère qui n'est pas à l'aise avec internet. Elle a le permis depuis "
            "1985. Elle a combien maintenant ?")
    person = subject_person(make_tracker(text=text))
    assert person is not None and person.noun == "mère" and person.feminine


def test_no_offence_before_the_ones_told_keeps_them_for_the_probation_balance(domain, first_of_december):
    # T20 c25, turn 2: "j'avais jamais eu d'infraction avant. donc il me restera combien ?" after the check's 7 points
    # were answered got "Sans infraction depuis votre permis, … 10 points": no offence BEFORE these, which freeze the
    # ceiling at 10 (R7) and leave 3 (R1), with a 48N (R15)
    text = "j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée"
    known = {"licence_date": "2024-05-15", "offence_date": "2026-11-30", "probationary": True,
             "last_offence_points": 7, "offence_class": "c4", "supervised_driving": False,
             "complementary_training": False}
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text, "2026-12-01"), slots=known,
                           new_slots={"probation_offence": False}, requested_slot="probation_offence",
                           form="probation_form")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["probation_offence"] is True and slots.get("last_offence_points", 7) == 7
    chat = Conversation(domain, text, "ask_probation", answers.ActionAnswerProbation(),
                        {**known, "probation_offence": True}, today="2026-12-01")
    assert "votre solde passera à 3 points" in chat.reply and "48N" in chat.reply
    assert "Sans infraction depuis votre permis" not in chat.reply


def test_never_an_offence_with_none_told_is_still_none(domain, first_of_december):
    text = "non jamais eu d'infraction avant"
    tracker = make_tracker(intent="deny", text=text, slots={"licence_date": "2024-05-15"},
                           new_slots={"probation_offence": False}, requested_slot="probation_offence",
                           form="probation_form")
    slots, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert slots["probation_offence"] is False


def test_a_payment_in_spring_counts_from_the_end_of_spring(domain, first_of_december):
    # T20 c26: "au printemps 2022" became 31 March 2022, called "la plus prudente", though spring runs to 20 June
    # (the safe day for a payment is the latest: the points come back no sooner, R9)
    text = "feu rouge, amende payée au printemps 2022, je récupère mes points quand ?"
    chat = Conversation(domain, text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2022-03", "last_offence_points": 4, "offence_class": "c4",
                         "licence_date": "2010"}, today="2026-12-01")
    assert "20 juin 2025" in chat.reply and "31 mars 2025" not in chat.reply


def test_a_season_answering_the_payment_day_takes_its_safe_end(domain, first_of_december):
    # T20 c26: "je sais pas je vous ai dit, au printemps 2022 peut etre" to the payment's date (2022 known)
    known = {"last_offence_points": 4, "offence_class": "c4"}
    tracker = make_tracker(new_slots={"fine_payment_date": "2022"}, text="en 2022", requested_slot="fine_payment_date",
                           form="auto_recovery_form", slots=known)
    after, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    history = list(tracker.events) + [{"event": "slot", "name": k, "value": v} for k, v in after.items()]
    answer = "je sais pas je vous ai dit, au printemps 2022 peut etre"
    tracker = make_tracker(new_slots={"fine_payment_date": "2022-03"}, text=answer, entities=parsed(answer, "2026-12-01"),
                           requested_slot="fine_payment_date", form="auto_recovery_form", history=history,
                           slots={**known, **after})
    slots, messages = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2022-06-20"
    assert any("20 juin 2022, la fin du printemps, la date la plus prudente" in m for m in messages), messages
