"""Probation with the complementary training told in the opening message, and a 48N date that cannot be one
(tester T3 c10, R5, R6, R15)."""
from __future__ import annotations

import pytest

from actions import forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run
from tests.actions.test_probation_facts import mapped_slots


@pytest.mark.parametrize("text", [
    "slt permis le 5 mars 2025, j'ai fait la formation post permis le 10 octobre 2025. pas d'infraction. "
    "quand j'ai 12 pts ?",
    "bonjour, permis le 5 mars 2025, formation complémentaire le 10 octobre 2025, quand est-ce que j'aurai 12 points ?",
    "Salut permis 05/03/2025 et formation post-permis faite le 10/10/2025, je serai à 12 points quand ?",
])
def test_the_licence_and_the_training_of_the_opening_message_are_not_asked_again(domain, text):
    slots = mapped_slots(domain, text, "ask_probation")
    assert slots.get("licence_date") == "2025-03-05"
    assert "current_balance" not in slots  # "quand j'ai 12 pts ?" asks when, it tells no balance
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text), new_slots=slots)
    filled, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert filled.get("training_date") == "2025-10-10"
    assert filled["requested_slot"] == "supervised_driving"


@pytest.mark.parametrize("answer", ["2025-03-05", "2025-02-01"])
def test_a_48n_received_on_or_before_the_licence_day_is_refused(domain, answer):
    # T3 c10: the licence's date given again to "À quelle date avez-vous reçu la lettre 48N ?" must not give a breached
    # 48N deadline ("Le délai a expiré le 5 juillet 2025") to a driver who never had one (R15)
    tracker = make_tracker(slots={"licence_date": "2025-03-05"}, new_slots={"letter_48n_date": answer},
                           requested_slot="letter_48n_date", form="mandatory_stage_form")
    filled, messages = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert filled["letter_48n_date"] is None
    assert any("5 mars 2025" in m and "aucun stage n'est obligatoire" in m for m in messages)


def test_a_48n_received_after_the_licence_is_kept(domain):
    tracker = make_tracker(slots={"licence_date": "2025-03-05"}, new_slots={"letter_48n_date": "2025-11-14"},
                           requested_slot="letter_48n_date", form="mandatory_stage_form")
    filled, _ = run(forms.ValidateMandatoryStageForm(), tracker, domain)
    assert filled["letter_48n_date"] == "2025-11-14"


@pytest.mark.parametrize("text, intent", [
    ("et je serai à 12 quand du coup ?", "ask_points_after_stage"),
    ("et j'aurai 12 points quand alors ?", "ask_auto_recovery"),
])
def test_a_number_refused_as_the_fine_while_another_question_is_asked_is_not_kept(domain, text, intent):
    # T3 c09: "12" mapped to the fine's amount, refused, but kept by Rasa when the validation returned nothing; the form
    # then asked a training date the user had said not done, and the answer leaked "la classe « 12 » est inconnue"
    slots = {"licence_date": "2025-01-20", "supervised_driving": True, "complementary_training": False,
             "fine_payment_date": "2026-07-15", "offence_date": "2026-07-04", "last_offence_points": 1,
             "probation_offence": True}
    tracker = make_tracker(slots=slots, new_slots={"offence_class": 12}, text=text, entities=parsed(text),
                           intent=intent, requested_slot="offence_class", form="probation_form")
    filled, _ = run(forms.ValidateProbationForm(), tracker, domain)
    assert filled == {"offence_class": None, "requested_slot": "offence_class"}


@pytest.mark.parametrize("text", [
    "Bonjour, permis obtenu le 1er juillet 2024, j'ai pas respecté la priorité d'un piéton le 3 novembre 2026, j'ai "
    "payé le 10 novembre. J'avais mes 10 points.",
    "permis obtenu le 1er juillet 2024, refus de priorité à un piéton le 3 novembre 2026, amende payée le 10 novembre, "
    "il me restait 10 points avant",
])
def test_a_pedestrian_priority_in_probation_costs_6_points(domain, first_of_december, text):
    # T3 c59, R4 (R.415-11: 6 points), R7: 10 − 6 = 4, the ceiling frozen at 10; a 48N follows (R15)
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer, told
    slots = {"supervised_driving": False, "complementary_training": False, "probation_offence": True}
    # the form reads the offence's points and class (R4), then the answer computes
    filled, _ = run(forms.ValidateProbationForm(), told(domain, text, "ask_probation", slots=slots), domain)
    assert filled.get("last_offence_points") == 6 and filled.get("requested_slot") is None, filled
    tracker = told(domain, text, "ask_probation", slots={**slots, **filled})
    _, said = run_answer(answers.ActionAnswerProbation(), tracker, domain)
    assert "4 points" in said and "6 points" in said, said


@pytest.mark.parametrize("first", [
    "wesh g perdu mon permis (0 pts) y a 2 ans, jl'ai repassé le 20 octobre 2026. g combien de pts ?",
    "j'ai perdu mon permis en 2024 (solde nul), je l'ai repassé le 20 octobre 2026, j'ai combien de points ?",
    "plus de points en mars 2025, permis invalidé, nouveau permis obtenu le 20/10/2026 : combien de points ?",
])
def test_a_licence_obtained_again_after_an_invalidation_has_no_aac(domain, first_of_december, first):
    # T3 c47, R5 example 4: 6 points, probation until 20 October 2029, AAC impossible (R.211-5) even when asked about
    from actions import answers
    from tests.actions.conftest import user_said
    from tests.actions.test_probation_facts import run as run_answer
    slots = {**mapped_slots(domain, first, "ask_zero_points"), "complementary_training": False,
             "probation_offence": False}
    assert slots["licence_date"] == "2026-10-20"
    text = "et je peux faire la conduite accompagnée pour aller plus vite ?"
    tracker = make_tracker(slots=slots, new_slots=mapped_slots(domain, text, "ask_probation"), text=text,
                           entities=parsed(text), intent="ask_probation", history=[user_said(first, "ask_zero_points")])
    _, said = run_answer(answers.ActionAnswerProbation(), tracker, domain)
    assert "6 points" in said and "20 octobre 2029" in said and "sans conduite accompagnée possible" in said
    assert "3 points" not in said and "20 octobre 2028" not in said


@pytest.mark.parametrize("text, intent", [
    ("je vais recevoir une 48N alors ?", "ask_mandatory_stage"),
    ("Bonjour, la 48N ça s'applique si je ne suis plus en probatoire ? j'ai eu mon permis le 15/10/2023 et j'ai grillé "
     "un stop le 1er octobre 2026, payé le 20 octobre", "ask_offence_points"),
    ("stop grillé le 1er octobre 2026, mon probatoire a fini le 15 octobre, j'aurai quand même une 48N ?",
     "ask_mandatory_stage"),
])
def test_an_offence_committed_in_probation_brings_a_48n_after_its_end(domain, first_of_december, text, intent):
    # T3 c25, R15 edge case: licence 15/10/2023, probation over on 15/10/2026, stop committed 01/10/2026 → 48N
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer, told
    slots = {"licence_date": "2023-10-15", "supervised_driving": False, "complementary_training": False,
             "offence_type": "stop_sign", "offence_date": "2026-10-01", "fine_payment_date": "2026-10-20"}
    action = answers.ActionAnswerMandatoryStage() if intent == "ask_mandatory_stage" else \
        answers.ActionAnswerOffencePoints()
    _, said = run_answer(action, told(domain, text, intent, slots=slots), domain)
    assert "entraîne une lettre 48N" in said and "c'est cette date qui compte" in said, said
    assert "15 octobre 2026" in said


@pytest.mark.parametrize("text", [
    "Permis probatoire depuis mai 2025. Hier contrôle : excès de 22 km/h et en même temps j'avais pas mis mon "
    "clignotant... non attendez, c'était juste les gants à moto, 1 point. Donc 2 + 1. Je vais avoir une 48N ?",
    "jeune permis depuis mai 2025, contrôlé hier à moto : 22 km/h de trop et pas de gants, 1 point. je vais recevoir "
    "une 48N ?",
    "probatoire depuis mai 2025, hier excès de 22 km/h et pas de gants au même contrôle, 48N ou pas ?",
])
def test_two_small_offences_of_one_check_bring_no_48n_and_no_48si(domain, first_of_december, text):
    # T3 c40, R15 edge case [I]: 2 + 1 points at one check, each under 3 → no 48N; "1 point" is the gloves', not the
    # balance (a 48SI was announced to a driver at 8 points)
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer
    # as Rasa fills a slot from several values of an entity: the last one
    told_slots = {k: (v[-1] if isinstance(v, list) else v)
                  for k, v in mapped_slots(domain, text, "ask_mandatory_stage").items()}
    activation = make_tracker(new_slots=told_slots, text=text, entities=parsed(text), intent="ask_mandatory_stage",
                              form="mandatory_stage_form")
    events = asyncio.run(forms.ValidateMandatoryStageForm().run(CollectingDispatcher(), activation, domain))
    filled = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    tracker = make_tracker(slots={**told_slots, **filled}, text=text, entities=parsed(text),
                           intent="ask_mandatory_stage")
    _, said = run_answer(answers.ActionAnswerMandatoryStage(), tracker, domain)
    assert "2 points" in said and "1 point" in said and "3 points au total" in said
    assert "pas de lettre 48N" in said
    assert "48SI" not in said and "solde calculé est de 0" not in said


@pytest.mark.parametrize("text, intent, says", [
    ("taux d'alcool autorisé en permis probatoire", "ask_probation", "inférieur à 0,2 g/l de sang"),
    ("jeune conducteur, je peux boire combien de verres ?", "ask_offence_points", "inférieur à 0,2 g/l de sang"),
    ("c'est quoi l'alcoolémie maximale autorisée ?", "ask_offence_points", "inférieur à 0,5 g/l de sang"),
])
def test_the_alcohol_level_allowed_is_answered_without_asking_facts(domain, first_of_december, text, intent, says):
    # T4 m068, R4 (R.234-1): in probation 0.2 g/l of blood; the licence date is not asked for it
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer, told
    validation = forms.ValidateProbationForm() if intent == "ask_probation" else forms.ValidateOffencePointsForm()
    activation = make_tracker(new_slots=mapped_slots(domain, text, intent), text=text, entities=parsed(text),
                              intent=intent, form=forms.FORM_OF_QUESTION[intent])
    dispatcher = CollectingDispatcher()
    events = asyncio.run(validation.run(dispatcher, activation, domain))
    assert {e["name"]: e["value"] for e in events if e.get("event") == "slot"}.get("requested_slot") is None
    action = answers.ActionAnswerProbation() if intent == "ask_probation" else answers.ActionAnswerOffencePoints()
    _, said = run_answer(action, told(domain, text, intent), domain)
    assert says in said and "article R.234-1" in said


@pytest.mark.parametrize("text", [
    "mon permis probatoire se termine quand si je l'ai eu le 5 mai 2024 (sans AAC) ? et est-ce que je peux faire un "
    "stage pour avoir plus de points ?",
    "permis eu le 5 mai 2024, c'est quand la fin de mon probatoire ?",
    "jusqu'à quand je suis en probatoire, permis du 05/05/2024 ?",
])
def test_a_probation_end_question_read_as_zero_points_goes_to_the_probation(domain, first_of_december, text):
    # T4 m067: the zero-points card was given; R5: probation until 5 May 2027
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer, told
    events, said = run_answer(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points"), domain)
    assert said == "" and any(e.get("name") == "probation_form" for e in events)


@pytest.mark.parametrize("text", [
    "Bonjour, j'ai eu le permis le 29/02/2024, sans conduite accompagnée ni formation, jamais d'amende. Quand est ce "
    "que j'ai eu mes points en plus ?",
    "permis du 29/02/2024, pas d'infraction : j'ai gagné mes points quand ?",
    "permis le 29 février 2024, jamais d'amende, à quelle date j'ai obtenu mes 2 points de la première année ?",
])
def test_the_past_increments_are_dated(domain, first_of_december, text):
    # T3 c45, R5 example 3: 8 on 28 February 2025, 10 on 28 February 2026
    from actions import answers
    from tests.actions.test_probation_facts import run as run_answer, told
    slots = {"supervised_driving": False, "complementary_training": False, "probation_offence": False}
    _, said = run_answer(answers.ActionAnswerProbation(), told(domain, text, "ask_probation", slots=slots), domain)
    assert "28 février 2025 (8 points), puis le 28 février 2026 (10 points)" in said, said
