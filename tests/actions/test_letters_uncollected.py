"""A registered letter presented and not collected counts as notified from its first presentation (CE 17/04/2025
n° 492072, spec §0.2): a 48SI makes the licence invalid, beyond any stage (R14, R18, R20); a 48N's 4 months run from
that presentation (R15 [I]). Testers T4 m089 and T3 c38."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_probation_facts import run, told


@pytest.mark.parametrize("text, intent", [
    ("Je n'ai pas récupéré la lettre recommandée 48SI à la poste, mon permis est toujours valable ?",
     "ask_zero_points"),
    ("j'ai eu un avis de passage pour la 48SI mais je suis pas allé la chercher, je peux encore conduire ?",
     "ask_letter"),
    ("la lettre 48SI est restée à la poste, je l'ai pas reçue, je peux faire un stage pour sauver mon permis ?",
     "ask_stage_eligibility"),
    ("recommandé 48SI non réclamé, je peux rouler ?", "ask_suspension"),
])
def test_a_48si_not_collected_is_notified_and_no_stage_saves_the_licence(domain, first_of_december, text, intent):
    action = {"ask_zero_points": answers.ActionAnswerZeroPoints, "ask_letter": answers.ActionAnswerLetter,
              "ask_stage_eligibility": answers.ActionAnswerStageEligibility,
              "ask_suspension": answers.ActionAnswerSuspension}[intent]()
    _, said = run(action, told(domain, text, intent), domain)
    assert said.startswith("Non : un recommandé présenté par La Poste et non retiré vaut notification")
    assert "n'est plus valable" in said and "n° 492072" in said
    assert "un stage ne rend plus de points et ne peut plus sauver le permis" in said
    assert "peut encore sauver" not in said and "reste valable" not in said


def test_a_48si_not_yet_come_still_leaves_the_licence_valid(domain, first_of_december):
    # the opposite case, unchanged: not presented at all, so not notified (R18)
    _, said = run(answers.ActionAnswerLetter(), told(domain, "pas encore reçu de lettre 48SI, c'est grave ?",
                                                      "ask_letter"), domain)
    assert "reste valable" in said and "non retiré vaut notification" not in said


@pytest.mark.parametrize("text, intent", [
    ("J'ai pas été chercher le recommandé à la poste, c'était une 48N. Le facteur est passé le 5 octobre 2026. "
     "ça compte comment pour les 4 mois ?", "ask_mandatory_stage"),
    ("avis de passage pour ma 48N le 5 octobre 2026, je ne l'ai pas retirée, j'ai jusqu'à quand pour le stage ?",
     "ask_mandatory_stage"),
    ("48N laissée à la poste, avis de passage du 5 octobre 2026, c'est quoi mon délai ?", "ask_letter"),
])
def test_a_48n_not_collected_counts_from_its_first_presentation(domain, first_of_december, text, intent):
    # (the form fills the letter's date from the message: the day of the presentation)
    action = answers.ActionAnswerMandatoryStage() if intent == "ask_mandatory_stage" else answers.ActionAnswerLetter()
    slots = {"letter_48n_date": "2026-10-05", "letter_code": "48N"}
    _, said = run(action, told(domain, text, intent, slots=slots), domain)
    assert "première présentation" in said and "selon notre lecture" in said
    assert "5 février 2027" in said


@pytest.mark.parametrize("text", [
    "Jeune conducteur, deux amendes séparées cette année, une de 1 point et une de 2 points. Est-ce que je vais avoir "
    "un stage obligatoire ?",
    "permis probatoire, j'ai perdu 2 points en mars et 1 point en juin, je dois faire le stage obligatoire ?",
    "en probatoire : -1 point puis -2 points, stage obligatoire ou pas ?",
])
def test_retraits_each_below_3_points_bring_no_48n_and_no_date_is_asked(domain, first_of_december, text):
    # T4 m042, R15 edge case: 1 + 2 points on separate tickets → no 48N; a voluntary stage is possible
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    from tests.actions.test_probation_facts import mapped_slots
    slots = {k: (v[-1] if isinstance(v, list) else v) for k, v in mapped_slots(domain, text, "ask_mandatory_stage").items()}
    activation = make_tracker(new_slots=slots, text=text, entities=parsed(text), intent="ask_mandatory_stage",
                              form="mandatory_stage_form")
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(CollectingDispatcher(), activation, domain))
    filled = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert filled.get("requested_slot") is None and filled.get("letter_48n_date") is None
    answering = make_tracker(slots={**slots, **filled}, text=text, entities=parsed(text), intent="ask_mandatory_stage")
    _, said = run(answers.ActionAnswerMandatoryStage(), answering, domain)
    assert said.startswith("Non : aucun stage n'est obligatoire") and "stage volontaire reste possible" in said


def test_no_48n_received_to_the_date_question_ends_the_loop(domain, first_of_december):
    # T4 m042: "j'ai pas reçu de lettre 48N" to "Quelle est la date de réception de la lettre 48N ?" was not understood
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker, parsed
    text = "j'ai pas reçu de lettre 48N"
    tracker = make_tracker(text=text, entities=parsed(text), intent="inform", requested_slot="letter_48n_date",
                           form="mandatory_stage_form")
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(CollectingDispatcher(), tracker, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("requested_slot") is None
    _, said = run(answers.ActionAnswerMandatoryStage(), told(domain, text, "inform"), domain)
    assert said.startswith("Sans lettre 48N, aucun stage n'est obligatoire pour l'instant")


@pytest.mark.parametrize("text", [
    "J'ai reçu une lettre 48 m'informant d'un retrait de 4 points, est ce que je peux les récupérer par un stage ?",
    "lettre 48 reçue, -3 points, un stage me les rend ?",
    "j'ai eu une 48M, je peux faire un stage pour récupérer des points ?",
])
def test_a_retrait_letter_with_a_stage_question_goes_on_to_the_stage(domain, first_of_december, text):
    # T4 m025: the letter's line only; R12–R14: a voluntary stage gives up to 4 points, the stage's form follows
    events, said = run(answers.ActionAnswerLetter(), told(domain, text, "ask_letter"), domain)
    assert said.startswith("La lettre 48")
    assert any(e.get("name") == "stage_eligibility_form" for e in events)


@pytest.mark.parametrize("text", ["j'avais payé 90 euros", "je l'ai réglée, 90 €", "payée 90 € en minorée"])
def test_the_amount_paid_told_after_the_refund_answer_is_what_is_refunded(domain, first_of_december, text):
    # T3 c04, R16 example 1: a fine paid at the minorée rate, 90 €, is refunded when the stage is done in time; the
    # refund is L.223-6's (« se substitue à l'amende »), not R.223-4's
    from actions import corrections
    from tests.actions.conftest import make_tracker, parsed
    slots = {"letter_48n_date": "2026-10-20", "last_question": "action_answer_refund_48n"}
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="inform")
    _, said = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert said.startswith("L'amende que vous avez payée (90 €) vous est remboursée") and "20 février 2027" in said
    assert said.split("\n")[0].endswith("(article L.223-6 du Code de la route).")


@pytest.mark.parametrize("text", ["je dois quand même faire le stage ?", "il reste obligatoire alors ?",
                                  "donc je suis toujours obligé de le faire ?"])
def test_the_48n_stage_stays_compulsory_after_a_voluntary_stage(domain, first_of_december, text):
    # T3 c22, R17 example 1: the 48N (received 14 November 2026) stage stays compulsory, by 14 March 2027
    from actions import corrections
    from tests.actions.conftest import make_tracker, parsed
    slots = {"letter_48n_date": "2026-11-14", "previous_stage_date": "2026-06-02",
             "last_question": "action_answer_mandatory_stage"}
    history = [{"event": "action", "name": "action_answer_mandatory_stage"},
               {"event": "slot", "name": "last_question", "value": "action_answer_mandatory_stage"}]
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text), intent="inform", history=history)
    _, said = run(corrections.ActionApplyCorrection(), tracker, domain)
    assert said.startswith("Oui : le stage de la lettre 48N reste obligatoire") and "14 mars 2027" in said
