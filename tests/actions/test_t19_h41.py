"""T19 (tester's conversations of 1 December 2026; BOT_TODAY pinned to 1 December 2026), items of branch h41:
closings misread, unasked questions after an answer, facts asked again."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import corrections, fallback
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import run

pytestmark = pytest.mark.usefixtures("first_of_december")

OFFENCE_ANSWER = ("Passager mineur non attaché ou enfant sans siège adapté (amende pour le conducteur) : aucun point "
                  "n'est retiré sur votre permis (article R.412-2 du Code de la route).")


def after_thanks(text: str, intent: str) -> list:
    return [{"event": "user", "text": "j'ai eu une amende de 135€ pour ceinture non attachée, c'était ma fille",
             "parse_data": {"intent": {"name": "ask_offence_points"}, "entities": []}},
            {"event": "action", "name": "action_answer_offence_points"},
            {"event": "bot", "text": OFFENCE_ANSWER},
            {"event": "slot", "name": "last_question", "value": "action_answer_offence_points"},
            {"event": "user", "text": "super merci 👍", "parse_data": {"intent": {"name": "thank"}, "entities": []}},
            {"event": "action", "name": "utter_you_are_welcome"},
            {"event": "bot", "text": "Avec plaisir ! Avez-vous une autre question sur vos points ?"}]


def responses(action, text: str, intent: str, history: list) -> list:
    from rasa_sdk.executor import CollectingDispatcher
    import asyncio, inspect
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text), history=history,
                           slots={"last_question": "action_answer_offence_points"})
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    if inspect.iscoroutine(events):
        asyncio.run(events)
    return [m.get("response") or m.get("text") for m in dispatcher.messages]


# --- item 6: closing words are a goodbye or a "you are welcome", not the menu or a request to rephrase ------------

@pytest.mark.parametrize("text", ["non c'est tout", "non merci c'est tout", "non", "non ça ira, merci",
                                  "rien d'autre, bonne journée"])
def test_no_other_question_is_a_goodbye(domain, text):
    # T19 c28: "non c'est tout" to "Avez-vous une autre question sur vos points ?" got "Quelle est votre question ?"
    said = responses(corrections.ActionApplyCorrection(), text, "deny", after_thanks(text, "deny"))
    assert said == ["utter_goodbye"], said


@pytest.mark.parametrize("text, expected", [
    ("ah ok merci, c'était une blague lol", "utter_you_are_welcome"),
    ("ok merci bcp, c'est tout pour moi", "utter_goodbye"),
    ("d'accord merci pour l'info", "utter_you_are_welcome"),
])
def test_a_thank_you_the_nlu_was_unsure_of_is_not_a_question_to_rephrase(domain, text, expected):
    # T19 c11: "ah ok merci, c'était une blague lol" after the probation answer got "Je n'ai pas bien compris votre
    # question sur votre permis probatoire"
    said = responses(fallback.ActionSuggestQuestions(), text, "nlu_fallback", after_thanks(text, "nlu_fallback")[:4])
    assert said == [expected], said


@pytest.mark.parametrize("text", ["merci mais je récupère mes points quand ?", "non, c'était en 2024"])
def test_a_question_or_a_fact_with_thanks_is_not_a_closing(domain, text):
    said = responses(fallback.ActionSuggestQuestions(), text, "nlu_fallback", after_thanks(text, "nlu_fallback"))
    assert "utter_goodbye" not in said and "utter_you_are_welcome" not in said


# --- item 1: a stage to come told with "mes points reviennent quand ?" is the points after that stage -------------

C17 = ("ok et mes points reviennent quand ? jai 5 points, suspension de 3 mois depuis le 1er novembre, stage prevu 8 "
       "et 9 decembre")


@pytest.mark.parametrize("text, day, balance", [
    (C17, "2026-12-08", 5),
    ("je récupère mes points quand ? il me reste 6 points et je fais le stage les 14 et 15 décembre", "2026-12-14", 6),
])
def test_a_stage_to_come_with_the_question_of_the_points_is_the_stage_s_points(domain, text, day, balance):
    # T19 c17: read as an automatic recovery, the fine's amount was asked, then the balance already told (5); the
    # stage's points come the day after it (R12, R14 example 3): the points-after-stage form, with its facts kept
    from actions import answers, forms
    from tests.actions.test_probation_facts import told
    tracker = told(domain, text, "ask_auto_recovery", today="2026-12-01", form="auto_recovery_form")
    required = asyncio.run(forms.ValidateAutoRecoveryForm().required_slots(
        ["last_offence_points", "offence_class", "fine_payment_date"], CollectingDispatcher(), tracker, domain))
    assert required == []  # no fine asked
    tracker = told(domain, text, "ask_auto_recovery", today="2026-12-01")
    events, said = run(answers.ActionAnswerAutoRecovery(), tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert any(e.get("event") == "followup" and e.get("name") == "points_after_stage_form" for e in events), events
    assert slots.get("stage_first_day", tracker.get_slot("stage_first_day")) == day
    assert tracker.get_slot("current_balance") == balance or slots.get("current_balance") == balance
    assert "amende" not in said


def test_a_stage_to_come_with_a_payment_told_is_still_a_recovery(domain):
    from actions import forms
    from tests.actions.test_probation_facts import told
    text = "j'ai payé l'amende le 3 mars 2026, je récupère mes points quand ? stage prévu le 14 et 15 décembre"
    tracker = told(domain, text, "ask_auto_recovery", today="2026-12-01")
    assert forms.stage_to_come_asked(tracker) is None


# --- item 5: a balance above 0 told with "je vais perdre mon permis ?" is not the card of 0 points ----------------

@pytest.mark.parametrize("text, points", [
    ("je vais perdre mon permis ?? j'ai plus que 1 point", 1),
    ("il me reste 2 points, je risque de perdre mon permis ?", 2),
])
def test_points_still_left_are_not_the_zero_points_card(domain, text, points):
    # T19 c15: "j'ai plus que 1 point" got the 0-point / invalidation text; the licence is valid and a stage now adds
    # up to 4 points (R1, R12, R14): said, then the stage's form (its answer: 1 → 5)
    from actions import answers
    from tests.actions.test_probation_facts import told
    tracker = told(domain, text, "ask_zero_points", today="2026-12-01")
    events, said = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert said.startswith(f"Non : avec {points} point"), said
    assert "4 points" in said and "48SI" in said and "rendez votre permis" not in said.lower()
    assert any(e.get("event") == "followup" and e.get("name") == "stage_eligibility_form" for e in events), events


@pytest.mark.parametrize("text", ["il me reste 2 points et je vais en perdre 4, je perds mon permis ?",
                                  "j'ai 0 point, je perds mon permis ?"])
def test_a_loss_to_zero_is_still_the_zero_points_answer(domain, text):
    from actions import answers
    from tests.actions.test_probation_facts import told
    _, said = run(answers.ActionAnswerZeroPoints(), told(domain, text, "ask_zero_points", today="2026-12-01"), domain)
    assert not said.startswith("Non : avec"), said


# --- items 3 and 4: the second question of a message is one the user asked, and only that -------------------------

C23 = ("Bonjour. J'ai fait un stage volontaire les 2 et 3 juin 2026. Je suis en permis probatoire et je viens de recevoir "
       "une 48N le 25 novembre 2026 pour un excès de 32 km/h. Le stage obligatoire va me rendre des points ?")
C26 = ("Bonjour je m'appelle Karim, j'ai 34 ans et je conduis depuis 2011 pour mon travail, je suis chauffeur livreur et "
       "je fais beaucoup de route, genre 60 000 km par an. L'année dernière j'ai eu pas mal de soucis : d'abord un excès "
       "de vitesse de 25 km/h sur nationale en février 2025 (payé le 1er mars 2025), ensuite le 14 août 2025 j'ai franchi "
       "une ligne continue en doublant un tracteur, payé le 30 août 2025. Depuis rien du tout, je fais super attention. "
       "Mon patron me demande si je vais bientôt récupérer mes points parce qu'on doit mettre à jour les dossiers "
       "d'assurance de la flotte. Alors dites-moi quand je récupère tout et combien j'ai aujourd'hui, merci d'avance et "
       "bonne journée")


@pytest.mark.parametrize("text, intent, answered", [
    # T19 c25: after "no 48N after the probation", the balance and the stage history were asked for a stage nobody
    # asked about ("si je prends une amende…" is an offence supposed, not a stage)
    ("merci, et si je prends une amende maintenant je dois faire un stage obligatoire ?", "ask_mandatory_stage",
     "action_answer_mandatory_stage"),
    # T19 c40: "quand même" is no "when": the payment date and its exact day were asked for a recovery nobody asked
    ("je peux quand meme en faire un pour recuperer mes 2 pts ? jai eu le permis en octobre 2024, jai 6 pts maintenant "
     "je crois", "ask_stage_eligibility", "action_answer_stage_eligibility"),
    # T19 c23: the 48N's answer said the compulsory stage gives no points (R17): no balance before the June stage asked
    (C23, "ask_mandatory_stage", "action_answer_mandatory_stage"),
])
def test_no_second_question_the_user_did_not_ask(domain, text, intent, answered):
    from actions.two_part import other_question
    from tests.actions.test_probation_facts import told
    tracker = told(domain, text, intent, today="2026-12-01")
    assert other_question(tracker, answered) is None


def test_the_balance_asked_in_a_story_s_last_sentence_is_answered_after_the_recovery(domain):
    # T19 c26: "dites-moi quand je récupère tout et combien j'ai aujourd'hui" (no "?"): the balance was left out
    from actions.two_part import other_question
    from tests.actions.test_probation_facts import told
    tracker = told(domain, C26, "ask_auto_recovery", today="2026-12-01")
    assert other_question(tracker, "action_answer_auto_recovery") == "ask_check_balance"


def test_driving_since_a_year_is_the_licence_s_date(domain):
    # T19 c26: "je conduis depuis 2011" gave "nous avons supposé qu'il n'est plus probatoire", twice
    from tests.actions.test_probation_facts import told
    assert told(domain, C26, "ask_auto_recovery", today="2026-12-01").get_slot("licence_date") == "2011"



# --- item 2: a correction after a recovery answered by "pas encore" answers the recovery with the fact corrected -----

def test_a_past_payment_corrected_answers_the_recovery_asked(domain):
    # T19 c33: "payé le 15 mars 2027… quand je récupère mon point ?" got "Pas encore" (R2, a payment to come); "ah non
    # pardon c'était le 15 mars 2026, et c'était 15 km/h de trop sur une route à 80" got the offence's sheet, then its
    # points and fine were asked; the recovery is answered: 1 point (3e classe, R4) back on 15 September 2026 (R8)
    from actions import corrections
    from tests.actions.test_probation_facts import mapped_slots
    first = "J'ai payé une amende le 15 mars 2027 pour un excès de vitesse, quand je récupère mon point ?"
    known = {**mapped_slots(domain, first, "ask_auto_recovery", "2026-12-01"),
             "last_question": "action_answer_retrait_timing"}
    history = [{"event": "user", "text": first, "parse_data": {"intent": {"name": "ask_auto_recovery"},
                                                               "entities": parsed(first, "2026-12-01")}},
               *({"event": "slot", "name": k, "value": v} for k, v in known.items() if k != "last_question"),
               {"event": "action", "name": "action_answer_auto_recovery"},
               {"event": "bot", "text": "Pas encore : aucun point n'est retiré tant que l'infraction n'est pas établie."},
               {"event": "slot", "name": "last_question", "value": "action_answer_retrait_timing"}]
    text = "ah non pardon c'était le 15 mars 2026, et c'était 15 km/h de trop sur une route à 80"
    tracker = make_tracker(slots=known, new_slots=mapped_slots(domain, text, "inform", "2026-12-01"), intent="inform",
                           text=text, entities=parsed(text, "2026-12-01"), history=history)
    events, said = run(corrections.ActionApplyCorrection(), tracker, domain)
    set_now = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert any(e.get("event") == "followup" and e.get("name") == "auto_recovery_form" for e in events), events
    assert set_now.get("fine_payment_date") == "2026-03-15" and set_now.get("speed_excess") == 15
    assert "Excès de 15 km/h" not in said  # (not the offence's sheet)
    # the recovery form then asks nothing: the speeds give 1 point, 3e classe (R4), and the answer follows
    from actions import answers, forms
    from tests.actions.test_forms import run as run_form
    slots = {**known, **set_now}
    opening = make_tracker(slots=slots, intent="inform", text=text, entities=parsed(text, "2026-12-01"),
                           form="auto_recovery_form", history=history)
    validated, asked = run_form(forms.ValidateAutoRecoveryForm(), opening, domain)
    assert validated.get("requested_slot") is None and validated.get("last_offence_points") == 1, validated
    answered = make_tracker(slots={**slots, **validated}, intent="inform", text=text,
                            entities=parsed(text, "2026-12-01"), history=history)
    _, said = run(answers.ActionAnswerAutoRecovery(), answered, domain)
    assert "revenu le 15 septembre 2026" in said and "15 mars 2028" in said, said
