"""Outside testers T23/T24 on balances and points (h52; BOT_TODAY pinned to 1 December 2026)."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- T23 c34: the 48N's stage done after the letter is the compulsory one, done: "quand peut-il refaire un stage ?"
# is R13's question (one year from that stage), not refused as "le stage précédent ne peut pas être dans le futur" --

@pytest.mark.parametrize("text", [
    "Un élève a eu son permis le 14 février 2023. Il a reçu une 48N le 20 septembre 2025, il a fait son stage les 10 "
    "et 11 janvier 2026. Il avait 4 points après le retrait. Combien a-t-il maintenant et quand peut-il refaire un "
    "stage ?",
    "j'ai reçu une lettre 48N le 2 octobre 2025, j'ai fait le stage le 20 janvier 2026, j'avais 5 points avant, "
    "quand je peux refaire un stage ?",
])
def test_the_compulsory_stage_done_counts_as_the_previous_stage(domain, text):
    tracker = told(domain, text, "ask_stage_eligibility", today="2026-12-01")
    answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert "ne peut pas être dans le futur" not in answer, answer
    assert "rendra des points qu'à partir du" in answer and " 2027 (un an de date à date après le stage du " in answer
    assert "a rendu" in answer and "solde est passé de" in answer, answer


# --- T23 c09: "j'ai perdu 6 points … le mois dernier", then "du coup il me reste 6 ?": the balance asked back is
# today's, after that loss; the stage is credited on it, the retrait not subtracted a second time (R2, R12) -------

@pytest.mark.parametrize("loss, asked", [
    ("jsuis vener jai perdu 6 points pour alcool au volant 0,6 g le mois dernier",
     "du coup il me reste 6 ? je peux faire un stage pr en recup ?"),
    ("j'ai perdu 4 points pour un feu rouge il y a 3 semaines", "donc il me reste 8, je peux faire un stage ?"),
])
def test_a_balance_asked_back_after_a_loss_is_todays(domain, loss, asked):
    from tests.actions.conftest import make_tracker, parsed
    history = [{"event": "user", "text": loss,
                "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": parsed(loss, "2026-12-01")}}]
    entities = parsed(asked, "2026-12-01")
    balance = [e["value"] for e in entities if e["entity"] == "points"][0]
    tracker = make_tracker(slots={"last_offence_points": 12 - balance, "offence_class": "c4",
                                  "previous_stage_date": "none"},
                           new_slots={"current_balance": balance}, intent="ask_stage_eligibility", text=asked,
                           entities=entities, history=history)
    answer = run(answers.ActionAnswerStageEligibility(), tracker, domain)[1]
    assert f"solde passerait de {balance} à {balance + 4} points" in answer, answer
    assert "solde final" not in answer and "pas encore enregistré" not in answer


# --- T23 c20: "ben cb jai de points. une pour 25 km/h … et un stop …": the first sentence asks the balance, the
# rest tells its retraits: the balance is answered (R1), not the points lost alone -----------------------------

@pytest.mark.parametrize("text", [
    "ben cb jai de points. une pour 25 km/h de trop le 10 janvier 2025 payée le 15 janvier, et un stop le 3 aout 2026 "
    "payé le 6 aout",
    "combien j'ai de points ? un excès de 25 km/h le 10 janvier 2025 payé le 15 janvier, et un stop le 3 août 2026 "
    "payé le 6 août",
])
def test_the_balance_asked_before_its_retraits_is_answered(domain, text):
    from actions import fallback
    tracker = told(domain, text, "nlu_fallback", slots={"licence_date": "2023-04"}, today="2026-12-01")
    events, said = run(fallback.ActionSuggestQuestions(), tracker, domain)
    assert {"event": "followup", "timestamp": None, "name": "action_answer_check_balance"} in events, (events, said)
    answer = run(answers.ActionAnswerCheckBalance(), tracker, domain)[1]
    assert "Solde aujourd'hui : 2 points" in answer, answer
    # (the end of the probation, past, said as past)
    assert "La période probatoire a pris fin le 30 avril 2026" in answer and "fin de la période (30 avril" not in answer


# --- T23 c27: "il avait tous ses points, il a payé le 2 novembre. il lui reste combien et il les recupere quand":
# two questions joined by "et" without "?": the balance is answered after the recovery (R1, R9) ---------------------

@pytest.mark.parametrize("text, balance", [
    ("il avait 12 points, il a payé le 2 novembre. il lui reste combien et il les recupere quand", "6 points"),
    ("j'avais 12 points, j'ai payé le 2 novembre. il me reste combien et je les recupere quand", "6 points"),
])
def test_two_questions_without_a_question_mark_are_both_answered(domain, text, balance):
    from actions import two_part
    from tests.actions.conftest import make_tracker, parsed, user_said
    history = [user_said("mon pere a 78 ans il a perdu des points pour un refus de priorite a un pieton, combien ?",
                         "ask_offence_points")]
    entities = parsed(text, "2026-12-01")
    told_balance = {"current_balance": e["value"] for e in entities if e["entity"] == "points"}
    tracker = make_tracker(slots={"last_offence_points": 6, "offence_class": "c4", "fine_payment_date": "2026-11-02",
                                  "last_question": "action_answer_offence_points"},
                           new_slots=told_balance, intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"), history=history)
    assert two_part.other_question(tracker, "action_answer_auto_recovery") == "ask_check_balance"
    answer = run(two_part.ActionAnswerOtherQuestion(), tracker, domain)[1]
    assert balance in answer, answer


# --- T24 c03: "t'es sûr ? c'est pas plafonné à 6 points par contrôle ?" after two offences of one check: the 6 is the
# rule asked about (R3: 8 at once), not the balance before the retrait (it got "Son solde calculé est de -2, 48SI") --

@pytest.mark.parametrize("text", [
    "t'es sûr ? c'est pas plafonné à 6 points par contrôle ?",
    "c'est pas limité à 6 points par contrôle normalement ?",
])
def test_a_number_in_a_question_about_the_cap_is_not_the_balance(domain, text):
    from tests.actions.conftest import make_tracker, parsed, user_said
    story = ("Mon client a grillé un feu rouge et pris 90 km/h au lieu de 50 en ville le même jour, lors du même "
             "contrôle, le 10 octobre 2026. Combien de points il perd ?")
    tracker = make_tracker(slots={"offence_type": "red_light", "other_offences": ["speeding"], "speed_excess": 40,
                                  "offence_date": "2026-10-10", "last_question": "action_answer_offence_points"},
                           intent="ask_offence_points", text=text, entities=parsed(text, "2026-12-01"),
                           history=[user_said(story, "ask_offence_points")])
    assert answers.pending_story_answer(tracker) is None
    assert answers.pending_loss_facts(tracker)[1] is None


# --- T23 c16: "j'ai 15 points sur mon permis c'est normal ?": the refusal (R1) answers it; no licence date asked ----

@pytest.mark.parametrize("text", ["<b>bonjour</b> j'ai 15 points sur mon permis c'est normal ?",
                                  "mon permis affiche 14 points, c'est possible ?"])
def test_an_impossible_balance_asked_alone_is_answered_by_its_refusal(domain, text):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    entities = parsed(text, "2026-12-01")
    points = [e["value"] for e in entities if e["entity"] == "points"][0]
    tracker = make_tracker(new_slots={"current_balance": points}, intent="ask_probation", form="probation_form",
                           text=text, entities=entities)
    events, said = run(forms.ValidateProbationForm(), tracker, domain)
    assert said == f"Un permis compte au plus 12 points : {points} n'est pas possible.", said
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None]
    assert run(answers.ActionAnswerProbation(), make_tracker(intent="ask_probation", text=text, entities=entities),
               domain)[1] == ""


def test_an_impossible_balance_with_another_question_goes_on(domain):
    from actions.mid_form import only_an_impossible_balance_asked
    from tests.actions.conftest import make_tracker, parsed
    text = "mon client a 15 points sur son permis, il peut faire un stage ?"
    assert not only_an_impossible_balance_asked(make_tracker(text=text, entities=parsed(text, "2026-12-01")))


# --- T23 c29: "jai 12 points, si je fais un stage jen aurai 16 ?": 12 is the maximum of any licence (R1): nothing to
# gain, without the licence's date nor the last stage asked first ------------------------------------------------

@pytest.mark.parametrize("text", ["sinon jai 12 points, si je fais un stage jen aurai 16 ?",
                                  "j'ai 12 points, un stage me fera monter à 16 ?"])
def test_a_balance_at_the_maximum_asks_nothing_before_nothing_to_gain(domain, text):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    tracker = make_tracker(new_slots={"current_balance": 12}, intent="ask_points_after_stage",
                           form="points_after_stage_form", text=text, entities=parsed(text, "2026-12-01"))
    events, said = run(forms.ValidatePointsAfterStageForm(), tracker, domain)
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None], (events, said)
    tracker = make_tracker(slots={"current_balance": 12}, intent="ask_points_after_stage", text=text,
                           entities=parsed(text, "2026-12-01"))
    answer = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)[1]
    assert answer.startswith("Aucun point à gagner : votre solde (12) est déjà au plafond de 12 points"), answer
    assert "Non, 16 points n'est pas possible" in answer, answer


# --- T24 c09: "Non, jamais. en fait il a 12 je crois, il a jamais eu d'amende" to the last stage's question, after
# "15 points" refused: the balance corrected in a word is taken with the other facts of the message, not asked next --

@pytest.mark.parametrize("text, points", [
    ("Non, jamais. en fait il a 12 je crois, il a jamais eu d'amende", 12),
    ("non jamais, en fait j'en ai 8, je n'ai jamais eu d'amende", 8),
])
def test_a_balance_corrected_with_other_facts_is_not_asked_again(domain, text, points):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed, user_said
    first = "mon client a 15 points sur son permis, il peut faire un stage ?"
    history = [user_said(first, "ask_stage_eligibility"),
               {"event": "slot", "name": "requested_slot", "value": "previous_stage_date"},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(new_slots={"previous_stage_date": "none"}, intent="deny", form="stage_eligibility_form",
                           requested_slot="previous_stage_date", text=text, entities=parsed(text, "2026-12-01"),
                           history=history)
    events, _ = run(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "current_balance", "value": points} in events, events
    assert "current_balance" not in [e.get("value") for e in events if e.get("name") == "requested_slot"]


# --- T23 c33: "flashé à 1 km/h au dessus … (vitesse retenue 81 pour 80) jai payé, je perds combien et le point revient
# quand ?": the scale tells 0 point since 2024 (R4); nothing asked, nothing to recover -------------------------------

@pytest.mark.parametrize("text", [
    "jai eu mon permis le 10/01/2026 et on m'a flashé à 1 km/h au dessus le 3 mars (vitesse retenue 81 pour 80) jai "
    "payé, je perds combien et le point revient quand ?",
    "flashé à 53 pour 50 le 2 octobre 2026, payé, je récupère mon point quand ?",
])
def test_an_excess_that_costs_no_point_asks_nothing(domain, text):
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_auto_recovery", "2026-12-01")
    tracker = make_tracker(new_slots=slots, intent="ask_auto_recovery", form="auto_recovery_form", text=text,
                           entities=parsed(text, "2026-12-01"))
    events, said = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert "Combien de points" not in said
    assert [e.get("value") for e in events if e.get("name") == "requested_slot"] == [None], (events, said)
    tracker = make_tracker(slots=slots, intent="ask_auto_recovery", text=text, entities=parsed(text, "2026-12-01"))
    answer = run(answers.ActionAnswerAutoRecovery(), tracker, domain)[1]
    assert answer.startswith("Rien à récupérer : excès de "), answer
    assert "aucun point retiré" in answer


# --- T24 c20: a 48N told before, the licence's date not known: no balance "s'il en avait 12" offered as a button (the
# probationary ceiling is not known; it offered 9, then refused 9 above the ceiling of 8) -----------------------------

def test_no_balance_from_12_offered_after_a_48n_without_the_licence_date(domain):
    from actions.ask import balance_if_full_before
    from tests.actions.conftest import make_tracker, user_said
    story = ("Un client a fait un stage volontaire en mars 2026 (les 10 et 11), et il vient de recevoir une 48N (le 20 "
             "novembre 2026) pour un excès de 35 km/h commis en juillet. Il doit refaire un stage ?")
    tracker = make_tracker(slots={"letter_48n_date": "2026-11-20", "letter_code": "48N", "offence_type": "speeding",
                                  "speed_excess": 35, "offence_date": "2026-07", "last_offence_points": 3,
                                  "offence_class": "c4", "previous_stage_date": "2026-03-10"},
                           text="le 10, je l'ai écrit : les 10 et 11 mars 2026",
                           history=[user_said(story, "ask_mandatory_stage"),
                                    {"event": "slot", "name": "letter_code", "value": "48N"},
                                    {"event": "slot", "name": "letter_48n_date", "value": "2026-11-20"}])
    assert balance_if_full_before(tracker) is None
