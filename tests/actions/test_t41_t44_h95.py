"""Testers T41–T43 (replays on 1 December 2026), items of branch h95: the licence's date told by a pronoun or as the
exact day asked, the probation's +2 and the user's balance, the increment an offence of the 3rd year stops, why the
complementary training no longer shortens the probation (R5, R6, R7, R18)."""
from __future__ import annotations

import pytest

from actions import answers, corrections, forms
from tests.actions.conversation import FormConversation, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t41-c13: alcohol 0.6, then a young driver at 0.3 g/l, "elle l'a eu le 10 janvier 2026" (R3, R5, R18)

def test_licence_told_by_a_pronoun_after_the_licence_named(domain):
    # t41-c13: "elle l'a eu le 10 janvier 2026" (le permis, named in the message before) was read as the offence's
    # day: "Solde aujourd'hui : 6 points (12 points avant l'infraction du 10 janvier 2026)", not probationary. R5: a
    # licence of 10 January 2026 is in its first year (6 points); 0,3 g/l costs 6 points (R4) → 0, a 48SI unless a
    # stage is done first (R18)
    chat = opened(domain, "alcool 0.6 g combien de points", "ask_offence_points",
                  answers.ActionAnswerOffencePoints(), TODAY)
    chat.say_in_form("et pour un jeune permis ? ma copine a 0,3 g elle a eu son permis en janvier", "ask_probation",
                     "probation_form", forms.ValidateProbationForm(), answers.ActionAnswerProbation())
    reply = chat.say("elle l'a eu le 10 janvier 2026, elle avait 6 points", "inform",
                     corrections.ActionApplyCorrection())
    assert chat.slots.get("licence_date") == "2026-01-10", (chat.slots, reply)
    assert "infraction du 10 janvier 2026" not in reply and "12 points avant" not in reply, reply
    assert "plus probatoire" not in reply, reply


def test_licence_by_pronoun_needs_the_licence_in_context():
    # the pronoun stands for the licence only when the licence was the last thing named, or its date asked: not "la
    # lettre, je l'ai eu le 3 novembre", nor a date to come
    from tests.actions.conftest import make_tracker, parsed
    def tracker(before: str, text: str):
        history = [{"event": "user", "text": before, "parse_data": {"intent": {"name": "inform"}, "entities": []}},
                   {"event": "bot", "text": "D'accord."}]
        return make_tracker(slots={}, text=text, entities=parsed(text, TODAY), intent="inform", history=history)
    assert forms.licence_told_by_pronoun(tracker("elle a eu son permis en janvier", "elle l'a eu le 10 janvier 2026")) \
        == "2026-01-10"
    assert forms.licence_told_by_pronoun(tracker("j'ai eu le permis puis une lettre 48N", "je l'ai eu le 3 novembre")) \
        is None
    assert forms.licence_told_by_pronoun(tracker("combien de points pour un feu rouge ?", "je l'ai eu le 3 mars 2025")) \
        is None


# --- t41-c06: probation since March 2024, phone last month; "c'était le 12 mars 2024" to the exact day asked (R5)

C06 = ("Je suis en permis probatoire depuis mars 2024 et je me suis fait arrêter au téléphone le mois dernier, j'ai payé "
       "l'amende direct. Est-ce que je vais devoir faire un stage obligatoire ?")


def test_exact_licence_day_given_to_the_balance_question(domain):
    # t41-c06: the answer took 31 March 2024 for "mars 2024" and asked the exact day; "c'était le 12 mars 2024. il me
    # reste combien du coup ?" kept the 31st: "probatoire jusqu'au 31 mars 2027". R5: 3 years from 12 March 2024
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.events, chat.slots = domain, TODAY, [], {}
    first = chat.say_in_form(C06, "ask_mandatory_stage", "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    assert "j'ai retenu le 31 mars 2024" in first, first
    reply = chat.say("c'était le 12 mars 2024. il me reste combien du coup ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert chat.slots["licence_date"] == "2024-03-12"
    assert "probatoire jusqu'au 12 mars 2027" in reply, reply
    assert "31 mars 2027" not in reply and "j'ai retenu le 31 mars 2024" not in reply, reply


# --- t42-c12: AAC licence 10 January 2025, training September 2025, 1 point on 3 March 2026 (R6, R7)

C12 = ("Bjr je suis secrétaire dans une auto-école. Un ancien élève, permis AAC obtenu le 10 janvier 2025, a perdu 1 "
       "point (vitesse en ville 55 pour 50) le 3 mars 2026, payé le 10 mars. Il a fait la formation complémentaire en "
       "septembre 2025. Il en est où ?")


def test_why_the_training_no_longer_shortens_the_probation(domain):
    # t42-c12: "pourquoi sa formation complémentaire ne réduit plus la période probatoire ?" got "je n'ai pas d'autre
    # réponse", then "je vous ai déjà donné cette réponse". R6: the offence of 3 March 2026, before the reduced end
    # (10 July 2026, 18 months with the AAC), cancels the reduction: the probation ends on 10 January 2027 (2 years)
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.events, chat.slots = domain, TODAY, [], {}
    first = chat.say_in_form(C12, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert first.startswith("Solde aujourd'hui : 9 points"), first
    for question in ("et la formation complémentaire qu'il a faite, elle sert à rien du coup ? pourquoi la fin de "
                     "probatoire c'est janvier 2027 ?",
                     "Pourquoi sa formation complémentaire ne réduit plus la période probatoire ?"):
        reply = chat.say_in_form(question, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                                 answers.ActionAnswerProbation())
        assert "La réduction liée à la formation complémentaire est perdue, à cause de l'infraction du 3 mars 2026" \
            in reply, reply
        assert "se serait terminée le 10 juillet 2026" in reply and "se termine le 10 janvier 2027" in reply, reply
        assert "pas d'autre réponse" not in reply and "déjà donné" not in reply, reply


# --- t41-c29: licence 3 February 2025, red light 20 October 2026 paid 25 October, "J'avais 6 points" (R5, R7)

C29 = ("Bonjour, j'ai le permis depuis le 3 février 2025, j'ai grillé un feu rouge le 20 octobre et j'ai payé l'amende "
       "le 25 octobre. J'avais 6 points. Il me reste quoi et je dois faire quoi ?")


def test_the_users_balance_below_the_probation_ceiling_is_explained(domain):
    # t41-c29: "4 points sur 8", the user's 6 replaced by 8 without a word; "pourquoi sur 8 ?" then got the red
    # light's card and "il vous reste 2 points". R5: +2 on 3 February 2026 (6 → 8), no offence before; R7: the red
    # light stops the increments, the ceiling stays 8 until 3 February 2028
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.events, chat.slots = domain, TODAY, [], {}
    first = chat.say(C29, "inform", corrections.ActionApplyCorrection())
    assert first.startswith("Votre solde est aujourd'hui de 4 points sur 8"), first
    assert "Vous m'avez dit 6 points avant l'infraction" in first and "déjà monté à 8 points" in first, first
    assert "il vous resterait 2 points" in first, first
    reply = chat.say_in_form("pourquoi sur 8 ? moi j'avais 6 points avant le feu rouge", "ask_offence_points",
                             "offence_points_form", forms.ValidateOffencePointsForm(),
                             answers.ActionAnswerOffencePoints())
    assert reply.startswith("Parce que votre permis probatoire a gagné des points"), reply
    assert "le 3 février 2026, de 6 à 8 points" in reply, reply
    assert "le plafond reste à 8 points jusqu'à la fin de la période probatoire, le 3 février 2028" in reply, reply
    assert "Feu rouge (fixe ou clignotant) non respecté : retrait" not in reply, reply


# --- t43-c09: licence 1 September 2023, 1-point excess committed 28 July 2026 paid 15 August (R5, R7 point 1)

C09 = ("Bonjour, j'ai eu mon permis le 1er septembre 2023. J'ai eu un excès de vitesse (1 point) payé le 15 août 2026. "
       "Est-ce que je vais avoir mes 2 points au 1er septembre ?")


def test_the_increment_asked_is_refused_after_an_offence_of_the_third_year(domain):
    # t43-c09: "je demandais si j'aurai les +2 de la période probatoire au 1er septembre" got "je n'ai pas d'autre
    # réponse". R7 point 1: the excess of 28 July 2026 (3rd year) stops the increment of 1 September 2026, the
    # probation's end: the ceiling stayed 10, then 12 once the probation is over, the balance not jumping to it
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.events, chat.slots = domain, TODAY, [], {}
    chat.say_in_form(C09, "ask_probation", "probation_form", forms.ValidateProbationForm(),
                     answers.ActionAnswerProbation())
    chat.slots.update({"supervised_driving": False, "complementary_training": False, "offence_date": "2026-07-28",
                       "speed_limit": 80, "last_offence_points": 1, "offence_class": "c3", "requested_slot": None})
    chat.say_in_form("35 € ou 68 €", "inform", "probation_form", forms.ValidateProbationForm(),
                     answers.ActionAnswerProbation())
    reply = chat.say_in_form("non mais je demandais si j'aurai les +2 de la période probatoire au 1er septembre",
                             "ask_probation", "probation_form", forms.ValidateProbationForm(),
                             answers.ActionAnswerProbation())
    assert reply.startswith("Non : votre infraction du 28 juillet 2026 a été commise pendant la période probatoire, "
                            "avant le 1er septembre 2026"), reply
    assert "les 2 points de ce jour-là ne vous ont pas été ajoutés" in reply and "resté à 10 points" in reply, reply
    assert "Depuis la fin de la période probatoire, le 1er septembre 2026, votre plafond est de 12 points" in reply
    assert "pas d'autre réponse" not in reply, reply


# --- t43-c25: 58 for 50 in probation "depuis 8 mois", then "je l'ai eu le 3 avril 2026. et si je fais un stage ?"

C25 = ("Bonjour, j'ai reçu un avis de contravention pour excès de vitesse : 58 retenu pour 50. Je suis en permis "
       "probatoire depuis 8 mois. Combien je perds et est-ce que j'aurai une 48N ?")


def test_licence_day_told_with_a_stage_question_after_the_approximation(domain):
    # t43-c25: the answer counted the licence from "vers le 1er avril 2026" and asked its exact day; "je l'ai eu le 3
    # avril 2026. et si je fais un stage volontaire après ?" got the suggestions' buttons, and the stage's answer then
    # said "vers le 1er avril 2026" again. Now the licence's day is kept and the stage's question asked (R5, R12)
    from actions import fallback
    from tests.actions.conversation import run_messages
    chat = FormConversation.__new__(FormConversation)
    chat.domain, chat.today, chat.events, chat.slots = domain, TODAY, [], {}
    first = chat.say_in_form(C25, "ask_mandatory_stage", "mandatory_stage_form", forms.ValidateMandatoryStageForm(),
                             answers.ActionAnswerMandatoryStage())
    assert "vers le 1er avril 2026" in first, first
    tracker = chat.tracker("je l'ai eu le 3 avril 2026. et si je fais un stage volontaire après ?", "nlu_fallback")
    events, messages = run_messages(fallback.ActionSuggestQuestions(), tracker, domain)
    assert {"event": "slot", "timestamp": None, "name": "licence_date", "value": "2026-04-03"} in events, events
    assert any(e.get("event") == "followup" and e.get("name") == "points_after_stage_form" for e in events), events
    assert not any("Pouvez-vous la reformuler" in m for m in messages), messages
