"""T19 (tester's conversations of 1 December 2026), items of branch h40: offences (c17, c21, c29, c30, c32)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_what_if import Conversation, mapped_slots
from tests.actions.test_what_if import run as run_action

DEC_1 = "2026-12-01"


def form_turn(domain, action, form, text, intent="inform", slots=None, requested=None):
    entities = parsed(text, DEC_1)
    tracker = make_tracker(slots=slots, intent=intent, text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain), form=form, requested_slot=requested)
    return run_form(action, tracker, domain)


def test_a_balance_told_after_a_question_of_another_sentence_is_no_retrait(domain, first_of_december):
    # T19 c17: "mes points reviennent quand ? jai 5 points": the "quand" of the sentence before does not make the 5 a
    # balance asked about; read as a bare count, it became a retrait of 5 points, and the excess of 45 km/h told next
    # could not give its 4 points (R4: 40 to < 50 km/h over, 4 points)
    text = ("ok et mes points reviennent quand ? jai 5 points, suspension de 3 mois depuis le 1er novembre, "
            "stage prevu 8 et 9 decembre")
    first, _ = form_turn(domain, forms.ValidateAutoRecoveryForm(), "auto_recovery_form", text, "ask_auto_recovery")
    assert first.get("current_balance") == 5 and first.get("last_offence_points") is None
    known = {**mapped_slots(parsed(text, DEC_1), domain), **{k: v for k, v in first.items() if k != "requested_slot"}}
    second, _ = form_turn(domain, forms.ValidateAutoRecoveryForm(), "auto_recovery_form",
                          "je sais pas, c'etait un exces de 45 km/h je crois, je parlais des points du stage",
                          slots=known, requested=first["requested_slot"])
    assert second["last_offence_points"] == 4 and second["offence_class"] == "c4"


def test_a_flashing_red_light_after_an_amber_one_is_the_red_light_alone(domain, first_of_december):
    # T19 c30: "rouge clignotant" was the turn signal (3 points); after "non je parle du FEU ROUGE clignotant, au passage
    # a niveau par exemple" the turn signal and a level crossing came back beside the red light: one offence (R4)
    chat = Conversation(domain, "feu orange grillé, je perds des points ?", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "amber_light"}, today=DEC_1)
    assert "aucun point" in chat.reply and "35 €" in chat.reply
    reply = chat.say("et si c'est rouge clignotant ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points")
    assert "clignotant :" not in reply and "135 €" in reply
    reply = chat.say("non je parle du FEU ROUGE clignotant, au passage a niveau par exemple", "inform",
                     corrections.ActionApplyCorrection())
    assert reply.count("retrait de") == 1 and "Feu rouge (fixe ou clignotant) non respecté : retrait de 4 points" in reply
    assert "Changement de direction" not in reply and "passage à niveau" not in reply


def alcohol_at_0_6(domain) -> Conversation:
    return Conversation(domain, "alcool au volant 0,6 g combien de points", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "alcohol"}, today=DEC_1)


@pytest.mark.parametrize("text", [
    "et si je suis jeune permis avec 0,3 g ?",  # T19 c21
    "et en permis probatoire avec 0,3 g/l ?",
    "et si je suis JA à 0,3 ?",
    "et pour un jeune conducteur à 0,3 ?",
])
def test_an_alcohol_level_asked_for_a_probationary_licence_uses_its_threshold(domain, first_of_december, text):
    # R4, R.234-1: 0,2 g/l in probation; 0,3 g/l is the 4e-class contravention, 6 points, and the 48N (R15) — not "pas
    # d'infraction" under the 0,5 g/l of other drivers "sous réserve de : si votre permis est probatoire"
    chat = alcohol_at_0_6(domain)
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("En permis probatoire, avec 0,3 g/l d'alcool dans le sang, alors :") or \
        "en permis probatoire avec" in text  # (the level with the offence's name: the question asked afresh)
    assert "retrait de 6 points" in reply and "48N" in reply
    assert "n'est pas atteint" not in reply and "sous réserve" not in reply
    if reply.startswith("En permis probatoire"):
        assert chat.slots.get("probationary") is not True  # a hypothesis: the facts kept are the user's own


def test_an_alcohol_level_without_the_probation_keeps_the_threshold_of_other_drivers(domain, first_of_december):
    chat = alcohol_at_0_6(domain)
    reply = chat.say("et avec 0,3 g ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Avec 0,3 g/l d'alcool dans le sang, alors :") and "n'est pas atteint" in reply


def test_points_at_once_asked_in_general_in_a_message_read_as_no_question(domain, first_of_december):
    # T19 c29: "J'ai noté les informations de votre message, mais pas votre question" → the rule of R3: 9 points at once
    # only for drugs with alcohol (L.235-1, loi 2025-622), 8 for offences committed together, 6 for one offence
    text = "Bonjour, c'est possible d'avoir 9 points en moins d'un coup ? mon pote dit que oui"
    entities = parsed(text, DEC_1)
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain))
    events, said = run_action(fallback.ActionSuggestQuestions(), tracker, domain)
    assert said.startswith("Oui, dans un seul cas : la conduite après usage de stupéfiants avec de l'alcool, qui retire "
                           "9 points ; sinon, c'est 8 points au plus")
    assert "plafonné à 8 points" in said and "6 points pour un délit" in said and "11 juillet 2025" in said
    assert "pas votre question" not in said


@pytest.mark.parametrize("text", [
    "on peut perdre combien de points maximum en une seule fois ?",  # T19 c29
    "combien de points on peut perdre en une fois ?",
    "on perd combien de points au maximum ?",
])
def test_points_at_once_asked_in_general_is_answered_without_asking_the_offence(domain, first_of_december, text):
    # T19 c29 got "Quelle infraction ?": the question is the rule (R3), no offence to ask
    entities = parsed(text, DEC_1)
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain), form="offence_points_form")
    slots, messages = run_form(forms.ValidateOffencePointsForm(), tracker, domain)
    assert slots["requested_slot"] is None and not messages
    tracker = make_tracker(intent="ask_offence_points", text=text, entities=entities,
                           new_slots=mapped_slots(entities, domain))
    _, said = run_action(answers.ActionAnswerOffencePoints(), tracker, domain)
    assert said.startswith("En une seule fois, on peut perdre au plus 9 points")
    assert "plafonné à 8 points" in said and "loi n° 2025-622" in said


@pytest.mark.parametrize("text", [
    "alcool et cannabis en même temps, ça fait combien de points ?",
    "téléphone et ceinture en même temps, combien de points ?",
    "combien de points maximum sur un permis ?",
    "j'ai perdu 6 points d'un coup, je fais quoi ?",
])
def test_offences_named_or_the_capital_asked_are_not_the_rule_of_the_most_at_once(text):
    from actions.informational import most_points_at_once_asked
    named = any(e["entity"] == "offence_type" for e in parsed(text, DEC_1))
    assert most_points_at_once_asked(text, named) is None


def test_a_red_light_on_a_bicycle_costs_no_point_but_its_fine(domain, first_of_december):
    # T19 c32: "et à vélo si je grille un feu rouge ?" got "Si vous commettiez le 1er décembre 2026 une infraction…
    # nous avons supposé qu'il n'est plus probatoire"; "et l'amende c'est combien à vélo ?" never got the 135 € (R21
    # example 1: a cyclist's red light, 135 €, 0 points on the car licence; R4: R.412-30, 4e class)
    text = "j'ai été flashé en trottinette électrique a 35 km/h, ca me retire des points sur mon permis voiture ?"
    chat = Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(text, DEC_1), domain), today=DEC_1)
    assert "aucun point" in chat.reply
    reply = chat.say("et à vélo si je grille un feu rouge ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert reply.startswith("Infraction à vélo : aucun point n'est retiré sur votre permis")
    assert "commettiez" not in reply and "supposé" not in reply and "C'est une hypothèse" not in reply
    assert "À vélo, vous ne perdez pas de points, mais l'amende est due pour feu rouge" in reply and "135 €" in reply
    reply = chat.say("et l'amende c'est combien à vélo ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "135 €" in reply and "feu rouge" in reply and "Non plus" not in reply


def alcohol_at_0_3_reserved(domain) -> Conversation:
    chat = alcohol_at_0_6(domain)
    reply = chat.say("et avec 0,3 g ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "Réponse sous réserve de : si votre permis est probatoire." in reply
    return chat


@pytest.mark.parametrize("intent, action", [
    ("inform", corrections.ActionApplyCorrection()),
    ("ask_probation", answers.ActionAnswerProbation()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_the_probation_told_after_an_answer_reserved_on_it_gives_that_answer_again(domain, first_of_december, intent,
                                                                                   action):
    # T19 c21: "mais je t'ai dit jeune permis ! j'ai eu le permis en 2025" after "pas d'infraction … sous réserve de :
    # si votre permis est probatoire" got the probation's questions (the month, the AAC, the training, the offence's
    # day) and never the answer: 0,3 g/l on a probationary licence is the contravention, 6 points (R4, R.234-1)
    chat = alcohol_at_0_3_reserved(domain)
    reply = chat.say("mais je suis jeune permis ! j'ai eu le permis en 2025", intent, action)
    assert reply.startswith("En permis probatoire, avec 0,3 g/l d'alcool dans le sang :")
    assert "retrait de 6 points" in reply and "le mois compte" not in reply


def test_the_probation_form_opened_by_that_fact_asks_nothing(domain, first_of_december):
    chat = alcohol_at_0_3_reserved(domain)
    tracker = chat.tracker("mais je suis jeune permis ! j'ai eu le permis en 2025", "ask_probation",
                           form="probation_form")
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["requested_slot"] is None and messages == []


@pytest.mark.parametrize("intent, action", [
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("inform", corrections.ActionApplyCorrection()),
])
def test_the_level_asked_again_as_a_plain_question_keeps_the_probation_of_the_hypothesis(domain, first_of_december,
                                                                                        intent, action):
    # T19 c21: "c'est juste une question, j'ai pas eu d'infraction. je perds des points ou pas a 0,3 ?" got the
    # probation form's next question; ask_offence_points would have said "type d'infraction inconnu"
    chat = alcohol_at_0_6(domain)
    chat.say("et si je suis jeune permis avec 0,3 g ?", "ask_offence_points", answers.ActionAnswerOffencePoints())
    reply = chat.say("c'est juste une question, j'ai pas eu d'infraction. je perds des points ou pas a 0,3 ?", intent,
                     action)
    assert reply.startswith("En permis probatoire, avec 0,3 g/l d'alcool dans le sang, alors :")
    assert "retrait de 6 points" in reply and "Impossible" not in reply
