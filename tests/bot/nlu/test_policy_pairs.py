"""PolicyPairIntent: the labelling policy settles ask_offence_points / inform and out_of_scope / a stage question
between the classifier's two likeliest intents (bot/nlu/policy_pairs.py)."""
from __future__ import annotations

import asyncio
from datetime import date

import pytest

pytest.importorskip("rasa")

from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from bot.nlu.fact_parsing import extract_facts  # noqa: E402
from bot.nlu.policy_pairs import (  # noqa: E402
    PolicyPairIntent, about_insurance, balance_asked_or_told, licence_past_its_probation, offence_points_or_fact,
    settled_by_policy, stage_of_something_else)

TODAY = date(2026, 12, 1)


def facts_of(text):
    return [fact.entity for fact in extract_facts(text, TODAY)]


@pytest.mark.parametrize("text", [
    "dépassement par la droite pts",  # the offence with "points" typed as a query
    "grillé un feu rouge hier, ça fait combien ?",
    "téléphone au volant, qu'est-ce que je risque",
    "et à 100 au lieu de 90 ?",  # a follow-up about another case
    "sans ceinture, c'est quoi le retrait",
])
def test_an_offence_named_with_a_question_asks_its_points(text):
    assert offence_points_or_fact(text, facts_of(text)) == "ask_offence_points"


@pytest.mark.parametrize("text", ["portable à la main au volant", "non-respect d'un stop", "sans ceinture",
                                  "à 100 au lieu de 90"])
def test_an_offence_named_alone_is_a_fact_given(text):
    assert offence_points_or_fact(text, facts_of(text)) == "inform"


@pytest.mark.parametrize("text", ["combien de points il me reste ?", "le 12 mars 2024"])
def test_without_an_offence_named_the_rule_says_nothing(text):
    assert offence_points_or_fact(text, facts_of(text)) is None


@pytest.mark.parametrize("text", ["stage de voile pour ados", "stage de yoga à Lyon, c'est combien ?",
                                  "je cherche des stages d'escalade cet été"])
def test_a_stage_of_something_else_than_driving(text):
    assert stage_of_something_else(text)


@pytest.mark.parametrize("text", [
    "stage de récupération de points à Lyon", "stage de sensibilisation en ligne ?", "stage de 2 jours obligatoire ?",
    "mon stage de la semaine prochaine compte ?", "stage de ski, ça me rend des points ?",  # a word of the licence
    "stage de 9h à 17h ?", "combien coûte un stage ?",
])
def test_the_licence_s_stages_are_not_another_stage(text):
    assert not stage_of_something_else(text)


@pytest.mark.parametrize("text", [
    "et pour l'assurance, elle va augmenter si je perds des points ?",  # tester T11 c22: read as an offence's points
    "mon assureur va savoir que j'ai perdu 4 points ?", "malus après un retrait de points",
])
def test_a_question_about_one_s_car_insurance_is_out_of_scope(text):
    assert about_insurance(text)
    assert settled_by_policy(text, facts_of(text), "ask_offence_points", "out_of_scope") == "out_of_scope"


@pytest.mark.parametrize("text", [
    "défaut d'assurance ça fait perdre des points ?", "rouler sans assurance combien de points",
    "conduire pas assuré je risque quoi", "si jme fais flasher la 2eme annee, je perds le bonus de 2 points ?",
])
def test_driving_uninsured_or_a_probation_s_bonus_is_not_about_insurance(text):
    assert not about_insurance(text)


def ranked(*pairs):
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_the_policy_only_settles_between_the_two_likeliest_intents():
    text = "feu orange grillé points"
    assert settled_by_policy(text, facts_of(text), "inform", "ask_offence_points") == "ask_offence_points"
    assert settled_by_policy(text, facts_of(text), "inform", "ask_retrait_timing") is None
    assert settled_by_policy("stage de voile pour ados", [], "ask_stage_info", "out_of_scope") == "out_of_scope"
    assert settled_by_policy("stage de voile pour ados", [], "out_of_scope", "ask_stage_info") is None


def test_the_intent_of_the_policy_comes_first_with_the_first_one_s_confidence():
    text = "feu orange grillé points"
    entities = [{"entity": name, "value": None} for name in facts_of(text)]
    ranking = ranked(("inform", 0.52), ("ask_offence_points", 0.31), ("ask_retrait_timing", 0.1))
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": entities})
    PolicyPairIntent().process([message])
    assert message.get("intent") == {"name": "ask_offence_points", "confidence": 0.52}
    assert [(e["name"], e["confidence"]) for e in message.get("intent_ranking")] == [
        ("ask_offence_points", 0.52), ("inform", 0.31), ("ask_retrait_timing", 0.1)]


@pytest.mark.parametrize("text,ranking", [
    ("feu orange grillé", ranked(("inform", 0.52), ("ask_offence_points", 0.31))),  # the policy agrees
    ("feu orange grillé points", ranked(("ask_retrait_timing", 0.52), ("ask_offence_points", 0.31))),  # another pair
    ("il me reste 4 points", ranked(("inform", 0.52), ("ask_offence_points", 0.31))),  # no offence named
])
def test_other_rankings_are_left_to_the_classifier(text, ranking):
    entities = [{"entity": name, "value": None} for name in facts_of(text)]
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": entities})
    PolicyPairIntent().process([message])
    assert message.get("intent") == ranking[0] and message.get("intent_ranking") == ranking


def test_a_message_without_a_ranking_is_left_alone():
    message = Message(data={"text": "stage de voile"})
    PolicyPairIntent().process([message])
    assert message.get("intent") is None


def test_in_a_rasa_pipeline_the_parsed_offence_and_the_points_word_give_the_question(tiny_nlu_agent):
    examples = {"inform": ["feu rouge", "téléphone au volant", "pas de ceinture", "le 3 mars", "7 points",
                           "il me reste 5 points"],
                "ask_offence_points": ["combien de points pour un feu rouge ?", "je perds combien pour le téléphone",
                                       "ceinture ça enlève combien ?"]}
    pipeline = ["WhitespaceTokenizer", {"name": "CountVectorsFeaturizer"}, "bot.nlu.french_facts.FrenchFactsExtractor",
                {"name": "bot.nlu.linear_intent_classifier.LinearIntentClassifier", "C": 30}]
    text = "feu rouge points"
    words_only = asyncio.run(tiny_nlu_agent(pipeline, examples).parse_message(text))
    assert words_only["intent"]["name"] == "inform"
    parsed = asyncio.run(tiny_nlu_agent([*pipeline, "bot.nlu.policy_pairs.PolicyPairIntent"],
                                        examples).parse_message(text))
    assert parsed["intent"] == {"name": "ask_offence_points", "confidence": words_only["intent"]["confidence"]}


# n12, 2026-12-04: a balance told or asked (inform / ask_check_balance), a licence past its probation
# (ask_check_balance / ask_probation), a stage of something else ranked third.
@pytest.mark.parametrize("text", ["il me reste quatre points", "mon solde est de 10 points", "le site affiche 9 points"])
def test_a_balance_told_without_a_question_is_a_fact_given(text):
    assert balance_asked_or_told(text, facts_of(text)) == "inform"
    assert settled_by_policy(text, facts_of(text), "ask_check_balance", "inform") == "inform"


@pytest.mark.parametrize("text", ["donc il me reste 6 ?", "je suis à 3 points c bien ça",
                                  "retiré 6 points en 2023 et 1 point en 2026, calculez mon solde svp",
                                  "perdu 4 pts pour un feu rouge en janvier, il m'en reste cb"])
def test_a_balance_with_a_question_asks_it(text):
    assert balance_asked_or_told(text, facts_of(text)) == "ask_check_balance"
    assert settled_by_policy(text, facts_of(text), "inform", "ask_check_balance") == "ask_check_balance"


def test_without_points_named_the_balance_rule_says_nothing():
    assert balance_asked_or_told("Mes Points Permis affiche rien", []) is None
    assert settled_by_policy("c'est ce que tu m'as dit tout à l'heure", [], "inform", "ask_check_balance") is None


@pytest.mark.parametrize("text", [
    "permis depuis 2005, deux amendes cette année de 1 point, combien j'ai ?",
    "j'ai 20 ans de permis, flashé 2 fois cette année (1 pt en mars, 2 pts en juillet), combien de points j'ai ?",
    "permis depuis plus de cinq ans, perdu 3 points, il me reste combien ?",
])
def test_a_licence_held_longer_than_a_probation_asks_the_ordinary_balance(text):
    assert licence_past_its_probation(text, TODAY)
    assert settled_by_policy(text, facts_of(text), "ask_probation", "ask_check_balance") == "ask_check_balance"


@pytest.mark.parametrize("text", [
    "permis depuis 2024, perdu 2 points, combien j'ai ?", "permis depuis 2 ans, il me reste combien ?",
    "permis probatoire depuis 2019 (j'ai raté un examen), combien de points ?",  # a word of a young licence
    "jeune conducteur, 4 ans de permis moto, combien de points en voiture ?",
])
def test_a_young_or_recent_licence_is_left_to_the_classifier(text):
    assert not licence_past_its_probation(text, TODAY)


def test_a_stage_of_something_else_ranked_third_is_out_of_scope():
    text = "stage de ski pour les enfants pendant les vacances"
    assert settled_by_policy(text, [], "inform", "ask_stage_info", "out_of_scope") == "out_of_scope"
    assert settled_by_policy("stage de récupération pendant les vacances", [], "inform", "ask_stage_info",
                             "out_of_scope") is None
    ranking = ranked(("inform", 0.39), ("ask_stage_info", 0.3), ("out_of_scope", 0.2), ("greet", 0.01))
    message = Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})
    PolicyPairIntent().process([message])
    assert message.get("intent") == {"name": "out_of_scope", "confidence": 0.39}
    unlikely = ranked(("inform", 0.6), ("ask_stage_info", 0.38), ("out_of_scope", 0.02))
    message = Message(data={"text": text, "intent": unlikely[0], "intent_ranking": unlikely})
    PolicyPairIntent().process([message])
    assert message.get("intent") == unlikely[0]
