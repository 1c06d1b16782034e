"""Earlier helpers' leftovers (h34; BOT_TODAY pinned to 1 December 2026), each with 2–3 wordings of its family."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


def balance_answer(domain, text):
    return run(answers.ActionAnswerCheckBalance(), told(domain, text, "ask_check_balance", today="2026-12-01"),
               domain)[1]


# --- h27: a red light told "3 points" where the scale says 4 (R4, R.412-30): the scale's 4 are counted and said,
# unless the figure was read on the letter or in the national file, which prevails with a caveat ---------------------

@pytest.mark.parametrize("text", [
    "permis depuis 2019, retrait 3 points feu rouge, il me reste combien ?",
    "permis depuis 2015, j'ai perdu 3 points pour un feu rouge, il me reste combien ?",
    "j'ai mon permis depuis 2010, on m'a retiré 3 points pour avoir grillé un feu rouge, j'ai combien ?",
])
def test_a_red_light_told_at_3_points_counts_the_scales_4_and_says_so(domain, text):
    answer = balance_answer(domain, text)
    assert "il vous reste 8 points (12 − 4)" in answer, answer
    assert "retire 4 points au barème, pas 3 (article R.412-30 du Code de la route)" in answer


@pytest.mark.parametrize("text", [
    "permis depuis 2015, la lettre indique un retrait de 3 points pour un feu rouge, il me reste combien ?",
    "permis depuis 2015, perdu 3 points pour un feu rouge d'après mon relevé, il me reste combien ?",
])
def test_a_figure_read_on_the_letter_prevails_with_a_caveat(domain, text):
    answer = balance_answer(domain, text)
    assert "il vous reste 9 points (12 − 3)" in answer, answer
    assert "retire 4 points, pas 3" in answer and "vérifié auprès de la préfecture" in answer


def test_points_that_agree_with_the_scale_are_said_without_a_word(domain):
    answer = balance_answer(domain, "permis depuis 2010, perdu 3 points pour un téléphone, il me reste combien ?")
    assert "il vous reste 9 points (12 − 3)" in answer and "barème" not in answer


# --- h27: "ces retraits" written for one retrait ------------------------------------------------------------------

@pytest.mark.parametrize("text, since", [
    ("permis depuis 2010, perdu 3 points pour un téléphone, il me reste combien ?", "depuis ce retrait "),
    ("permis depuis 2015, un retrait de 4 points, combien il me reste ?", "depuis ce retrait "),
    ("permis depuis 2012, c'est écrit 9 points retirés au total, il me reste combien ?", "depuis ces retraits "),
])
def test_the_retrait_agrees_in_number(domain, text, since):
    assert since in balance_answer(domain, text)


# --- h28: a speed the radar showed ("le radar a marqué 112") is the speed measured: the margin is deducted and said
# (R4 edge case; arrêté du 4 juin 2009), not read as the speed kept with the other reading as a note ---------------

@pytest.mark.parametrize("text, kept, points", [
    ("le radar a marqué 112", 106, "retrait de 2 points"),
    ("le radar indiquait 97 km/h", 92, "retrait de 1 point"),
    ("vitesse mesurée : 112", 106, "retrait de 2 points"),
])
def test_a_speed_shown_by_the_radar_has_the_margin_deducted(domain, text, kept, points):
    slots = {"offence_type": "speeding", "speed_limit": 80}
    tracker = told(domain, text, "inform", slots=slots, today="2026-12-01")
    answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)[1]
    measured = 112 if "112" in text else 97
    assert answer.startswith(f"Excès de {kept - 80} km/h ({kept} km/h retenus pour 80 km/h autorisés) : {points}"), \
        answer
    assert f"Le radar a mesuré {measured} km/h : après déduction de sa marge" in answer
    assert "comme la vitesse retenue" not in answer and "Si " not in answer


def test_a_speed_kept_told_as_such_stays_the_speed_kept(domain):
    tracker = told(domain, "vitesse retenue 112 pour 80", "inform", slots={"offence_type": "speeding"},
                   today="2026-12-01")
    answer = run(answers.ActionAnswerOffencePoints(), tracker, domain)[1]
    assert answer.startswith("Excès de 32 km/h (112 km/h retenus pour 80 km/h autorisés)"), answer
    assert "Le radar a mesuré" not in answer


# --- T14 c27 (h26): the compulsory stage asked with the facts known: what does not depend on the balance first (within
# 4 months of the 48N, up to 4 points within the ceiling, the fine refunded: R12, R15, R16), then the balance asked --

@pytest.mark.parametrize("text", [
    "ah et si il fait le stage obligatoire, il remonte a combien ?",
    "et avec le stage de la 48N j'aurai combien ?",
    "si elle fait le stage imposé, elle aura combien de points ?",
])
def test_the_compulsory_stage_says_what_does_not_depend_on_the_balance_before_asking_it(domain, text):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(intent="ask_points_after_stage", form="points_after_stage_form", text=text,
                           entities=parsed(text, "2026-12-01"),
                           slots={"licence_date": "2025-09", "aac": False, "post_permit_training": False,
                                  "offence_type": "red_light", "offence_date": "2026-11-23"})
    events, said = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "current_balance"} in events
    assert said.startswith("En bref : le stage obligatoire se fait dans les 4 mois qui suivent la réception de la "
                           "lettre 48N"), said
    assert "jusqu'à 4 points" in said and "l'amende forfaitaire de l'infraction est remboursée" in said


# --- h29: "c'est pas plafonné à 8 ?" alone asks R3's cap of 8 for offences at one check, not the probation --------

@pytest.mark.parametrize("text", ["c'est pas plafonné à 8 ?", "c'est plafonné à 8 points non ?",
                                  "il y a pas un plafond de 8 points ?"])
def test_the_cap_of_8_asked_alone_is_r3s_cap(domain, text):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, entities=parsed(text, "2026-12-01"))
    events, said = run(forms.ValidateProbationForm(), tracker, domain)
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None] and not said
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text, "2026-12-01"))
    answer = run(answers.ActionAnswerProbation(), tracker, domain)[1]
    assert answer.startswith("Oui : quand plusieurs infractions sont commises en même temps, constatées lors d'un "
                             "même contrôle, leurs retraits s'additionnent mais le total est plafonné à 8 points "
                             "(article L.223-2 du Code de la route)."), answer
    assert "9 points pour une infraction commise depuis le 11 juillet 2025" in answer
    assert "probatoire" not in answer


def test_the_probation_ceiling_of_8_stays_the_probations(domain):
    from actions.follow_ups import cap_asked_alone
    from tests.actions.conftest import make_tracker, parsed
    text = "en 2e année de probatoire c'est plafonné à 8 ?"
    assert cap_asked_alone(make_tracker(intent="ask_probation", text=text, entities=parsed(text, "2026-12-01"))) is None


# --- h29 (T16 c31): a red light told for the points' question ("c'était un feu rouge en mars, payé direct"): the
# recovery answer says the scale's 4 points it counted (R4, R.412-30) ---------------------------------------------

@pytest.mark.parametrize("told_offence, offence, points, says", [
    ("c'etait un feu rouge en mars, paye direct", "red_light", 4,
     "J'ai compté les 4 points que l'infraction « feu rouge (fixe ou clignotant) non respecté » retire au barème "
     "(contravention de 4e classe, article R.412-30 du Code de la route)."),
    ("un stop en mars, payé tout de suite", "stop_sign", 4, "« stop non respecté » retire au barème"),
    ("le téléphone au volant, en mars", "phone", 3, "J'ai compté les 3 points que l'infraction « téléphone tenu"),
])
def test_the_scales_points_counted_for_an_offence_told_are_said(domain, told_offence, offence, points, says):
    from tests.actions.conftest import make_tracker, parsed
    text = "mars 2026 je vous dis, le jour meme, je sais plus le jour exact"
    history = [{"event": "user", "text": "quand est ce que je recupere mes points",
                "parse_data": {"intent": {"name": "ask_auto_recovery"}, "entities": []}},
               {"event": "user", "text": told_offence,
                "parse_data": {"intent": {"name": "inform"}, "entities": parsed(told_offence, "2026-12-01")}}]
    tracker = make_tracker(slots={"offence_type": offence, "last_offence_points": points, "offence_class": "c4",
                                  "fine_payment_date": "2026-03-31"},
                           intent="inform", text=text, entities=parsed(text, "2026-12-01"), history=history)
    answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)[1]
    assert "31 mars 2029" in answer and says in answer, answer


def test_points_told_by_the_user_are_not_said_again(domain):
    from tests.actions.conftest import make_tracker, parsed
    text = "j'ai perdu 4 points pour un feu rouge, payé le 31 mars 2026, je les récupère quand ?"
    tracker = make_tracker(slots={"offence_type": "red_light", "last_offence_points": 4, "offence_class": "c4",
                                  "fine_payment_date": "2026-03-31"},
                           intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"))
    assert "retire au barème" not in run(answers.ActionAnswerAutoRecovery(), tracker, domain)[1]


# --- T15 c05 (h30): an earlier invalidation's hand-back told after this one's: the answer reads it as the earlier
# loss, and the slot of the hand-back is set back to this licence's day (R20) -------------------------------------

@pytest.mark.parametrize("earlier", [
    "ah et j'avais deja eu une invalidation en 2023, j'avais rendu le permis le 3 mars 2023. ca change quelque chose ?",
    "ma première invalidation c'était en 2023, permis rendu le 3 mars 2023, ça compte ?",
    "j'ai aussi eu une invalidation avant, je l'avais rendu le 3 mars 2023",
])
def test_an_earlier_hand_back_leaves_this_licences_hand_back_in_its_slot(domain, earlier):
    from actions import corrections
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_probation_facts import mapped_slots
    from tests.actions.test_t15_law_answers import C05_FIRST, C05_SLOTS, _said
    history = [_said(C05_FIRST, "ask_zero_points"), {"event": "bot", "text": "Vous pourrez obtenir un nouveau permis "
                                                                             "à partir du 10 mai 2027…"}]
    tracker = make_tracker(slots=C05_SLOTS, new_slots=mapped_slots(domain, earlier, "inform", "2026-12-01"),
                           intent="inform", text=earlier, entities=parsed(earlier, "2026-12-01"), history=history)
    events, answer = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert "à partir du 10 novembre 2027, un an après la remise du permis le 10 novembre 2026" in answer
    set_to = [e["value"] for e in events if e.get("event") == "slot" and e.get("name") == "licence_handed_back_date"]
    assert set_to and set_to[-1] == "2026-11-10", events
    # the same told as a question of its own: the answer action sets it back too
    tracker = make_tracker(slots=C05_SLOTS, new_slots={"licence_handed_back_date": "2023-03-03"},
                           intent="ask_zero_points", text=earlier, entities=parsed(earlier, "2026-12-01"),
                           history=history)
    events, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "licence_handed_back_date", "value": "2026-11-10"} in events
    assert "10 novembre 2027" in answer


# --- T14 c32 (h26): "ça change rien ?" after a stage's answer, the licence in probation: its ceiling, frozen by the
# first offence of the probation (R7), which the stage never passes (R12), not the same answer again ---------------

C32_SLOTS = {"licence_date": "2024-06", "supervised_driving": False, "post_permit_training": False,
             "current_balance": 5, "last_offence_points": 1, "offence_class": "c3", "offence_date": "2025-02",
             "fine_payment_date": "2025-02-15", "previous_stage": False, "last_question": "action_answer_stage_eligibility"}


@pytest.mark.parametrize("text", ["mais j'ai le permis que depuis juin 2024 ca change rien ?", "ça change rien ?",
                                  "et le fait que je sois en probatoire ça change pas ?"])
def test_whether_the_probation_changes_the_stage_says_its_frozen_ceiling(domain, text):
    from actions import fallback
    from tests.actions.conftest import make_tracker, parsed
    history = [{"event": "action", "name": "action_answer_stage_eligibility"},
               {"event": "bot", "text": "Un stage volontaire peut vous rendre des points dès maintenant…"}]
    tracker = make_tracker(slots=C32_SLOTS, intent="nlu_fallback", text=text, entities=parsed(text, "2026-12-01"),
                           history=history)
    answer = run(fallback.ActionSuggestQuestions(), tracker, domain)[1]
    # licence June 2024, first offence February 2025 (1st year): 6 until the end of the probation; 10 without it (R5)
    assert answer.startswith("Si : votre permis est encore probatoire, et l'infraction commise pendant la période "
                             "probatoire a arrêté les majorations annuelles : votre plafond reste à 6 points"), answer
    assert "au lieu de 10 points sans elle" in answer


# --- h27: "c'est trop tard pour la formation ?", "et si je la fais ?" while the form asks about the post-permis
# training (the NLU reads a stage question): its window for this licence, the 6th to the 12th month (R6), then the
# question again -------------------------------------------------------------------------------------------------

TRAINING_ASKED = "Avez-vous suivi la formation complémentaire post-permis (7 heures, entre le 6e et le 12e mois du permis) ?"


def _training_asked_mid_form(domain, licence, text, intent):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    history = [{"event": "user", "text": "j'ai combien de points ?", "parse_data": {"intent": {"name": "ask_probation"},
                                                                                   "entities": []}},
               {"event": "active_loop", "name": "probation_form"}, {"event": "bot", "text": TRAINING_ASKED}]
    tracker = make_tracker(slots={"licence_date": licence, "supervised_driving": False}, intent=intent, text=text,
                           entities=parsed(text, "2026-12-01"), requested_slot="complementary_training",
                           form="probation_form", history=history)
    return run(forms.ValidateProbationForm(), tracker, domain)


@pytest.mark.parametrize("text, intent, opening", [
    ("c'est trop tard pour la formation ?", "ask_stage_info", "Non, il n'est pas trop tard : "),
    ("et si je la fais ?", "ask_mandatory_stage", "Vous pouvez encore la suivre : "),
    ("je peux encore la faire ?", "ask_stage_eligibility", "Vous pouvez encore la suivre : "),
])
def test_the_training_asked_back_mid_form_gets_its_window(domain, text, intent, opening):
    events, said = _training_asked_mid_form(domain, "2026-03-31", text, intent)
    assert said.startswith(opening + "la formation complémentaire se suit entre le 6e et le 12e mois du permis, soit "
                           "pour votre permis, du 30 septembre 2026 au 31 mars 2027"), said
    assert {"event": "slot", "timestamp": None, "name": "requested_slot", "value": "complementary_training"} in events
    assert "stage" not in said


def test_the_training_window_over_is_said_so(domain):
    _, said = _training_asked_mid_form(domain, "2025-06-15", "c'est trop tard pour la formation ?", "ask_stage_info")
    assert said.startswith("Oui, c'est trop tard : ") and "du 15 décembre 2025 au 15 juin 2026" in said, said
