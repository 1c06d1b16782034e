"""Testers T55, T56 (replays on 1 December 2026), items of branch h133."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conversation import form_opened, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t56-c14: probation, 1 point in July then 2 points in November: a 48N? (R15: one infraction of 3 points or more)

C14 = ("Bonjour, jeune conducteur (permis le 1er mars 2025, filière normale). J'ai perdu 1 point le 10 juillet 2025 "
       "(excès de vitesse, payé le 20 juillet) puis 2 points le 2 novembre 2025 (payé le 15 novembre). Ça fait 3 points "
       "en tout, est-ce que je vais recevoir une 48N et devoir faire un stage obligatoire ?")


@pytest.mark.parametrize("text", [
    C14,
    "permis le 1er mars 2025. 1 point perdu le 10 juillet 2025 (payé le 20 juillet) puis 2 points le 2 novembre 2025 "
    "(payé le 15 novembre). je vais avoir une 48N ?",
    "permis le 1er mars 2025, j'ai perdu 1 point le 10 juillet 2025 payé le 20 juillet et 2 points le 2 novembre 2025 "
    "payé le 15 novembre, je devrais recevoir une lettre 48N non ?",
])
def test_no_48n_for_two_small_retraits_names_both_and_no_letter_in_hand(domain, text):
    # t56-c14: "l'infraction payée le 20 juillet 2025 a retiré 1 point, moins de 3" (the November one ignored), then
    # "Vérifiez la référence … signalez l'erreur" about a letter never received
    reply = opened(domain, text, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(), TODAY).reply
    print(reply)
    assert "a retiré 1 point, moins de 3" not in reply, reply
    assert reply.startswith("Non"), reply
    assert "1 point" in reply and "2 points" in reply and "chacun en dessous" in reply, reply
    assert "signalez l'erreur" not in reply and "Vérifiez la référence" not in reply, reply


# --- t55-c21: a 3-point seatbelt offence paid 15 March 2026, the licence 'vers l'été 2024' told next (R5, R15)

C21 = "Bonjour ! j'ai perdu 3 points pour la ceinture, amende payée le 15/03/2026. Je les récupère quand ?"


@pytest.mark.parametrize("first, then", [
    (C21, "ah et mon permis je l'ai eu vers l'été 2024, ça change quelque chose ?"),
    (C21, "j'ai eu mon permis en juillet 2024"),
    ("j'ai pris 4 points pour un stop grillé, payé le 2 octobre 2026, quand est-ce que je les récupère ?",
     "au fait je suis jeune conducteur, permis depuis le 10 janvier 2025, ça change quoi ?"),
])
def test_a_recovery_in_probation_says_the_48n_and_asks_whether_it_came(domain, first, then):
    # t55-c21: the balance and the dates in probation, no word of the 48N (R15: 3 points or more in probation, a
    # compulsory stage within 4 months of its receipt) until asked, nor whether it came; the AAC silently not counted
    chat = opened(domain, first, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say(then, "inform", answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "lettre 48N, puis un stage obligatoire à suivre dans les 4 mois après sa réception" in reply, reply
    assert "Avez-vous reçu cette lettre 48N ?" in reply, reply
    assert "sans conduite accompagnée" in reply, reply


def test_a_recovery_out_of_probation_says_no_48n(domain):
    chat = opened(domain, C21, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("j'ai mon permis depuis 2010", "inform", answers.ActionAnswerAutoRecovery())
    assert "48N" not in reply, reply


def test_a_48n_told_received_is_not_asked_again(domain):
    chat = opened(domain, C21, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    reply = chat.say("permis le 22 septembre 2024, et j'ai reçu la lettre 48N le 2 mai 2026", "inform",
                     answers.ActionAnswerAutoRecovery())
    print(reply)
    assert "Avez-vous reçu cette lettre 48N ?" not in reply, reply


# --- t55-c28: 'une amende de 4 points' paid 10 days ago, 7 points shown; 'je vais tomber à 3 ? ça craint non ?'

C28 = ("le site m'affiche 7 points mais j'ai payé une amende de 4 points il y a 10 jours, c'est normal que ça "
       "s'affiche pas ?")


@pytest.mark.parametrize("text", [
    C28,
    "j'ai payé une amende de 4 points le 21 novembre, quand est-ce que les points sont retirés ?",
    "on m'a retiré 2 points, amende payée le 21 novembre 2026, c'est retiré quand ?",
])
def test_points_of_the_4th_class_only_give_3_years(domain, text):
    # t55-c28: "le 21 novembre 2028 (2 ans), ou le 21 novembre 2029 (3 ans) si …": 2 or 4 points are always the 4th
    # class (R4), so 3 years (R9)
    reply = opened(domain, text, "ask_retrait_timing", answers.ActionAnswerRetraitTiming(), TODAY).reply
    print(reply)
    assert "21 novembre 2029 (3 ans, contravention de 4e classe)" in reply, reply
    assert "21 novembre 2028" not in reply, reply


@pytest.mark.parametrize("worry", ["donc je vais tomber a 3 points ? ça craint non ?",
                                   "donc il me reste 3 points ? c'est grave ?",
                                   "il me reste combien alors ? je suis mal barré ?"])
def test_a_low_balance_feared_gets_the_risk_and_the_stage(domain, worry):
    # t55-c28: "Solde aujourd'hui : 3 points", nothing of the worry: at 0 the licence is invalidated (R20), a stage gives up to 4 points (R12)
    chat = opened(domain, C28, "ask_retrait_timing", answers.ActionAnswerRetraitTiming(), TODAY)
    reply = chat.say(worry, "ask_check_balance", answers.ActionAnswerCheckBalance())
    print(reply)
    assert reply.startswith("Solde aujourd'hui : 3 points"), reply
    assert "Avec 3 points, la marge est faible" in reply and "stage de sensibilisation vous rendrait jusqu'à 4 points" \
        in reply, reply


# --- t56-c07: a lettre 48M received, the balance not known, a stage in January (R12, R19)

@pytest.mark.parametrize("text", [
    "j'ai reçu une lettre 48M ce matin, si je fais un stage les 15 et 16 janvier je récupère combien ?",
    "lettre 48M reçue hier, je fais un stage les 15 et 16 janvier, j'aurai combien de points après ?",
])
def test_a_48m_received_gives_the_stage_its_full_4_points(domain, text):
    # t56-c07: "vous rendra jusqu'à 4 points … votre total dépend de votre solde": a 48M is sent at 6 points or less,
    # so under the ceiling of 12 the stage gives its full 4 points (6 + 4 = 10 at most)
    form, validator = "points_after_stage_form", forms.ValidatePointsAfterStageForm()
    chat = form_opened(domain, text, "ask_points_after_stage", form, validator)
    chat.read_by_form(text, "ask_points_after_stage", form, validator,
                      question="Combien de points vous reste-t-il actuellement ?", asks="current_balance")
    chat.read_by_form("Non, jamais", "deny", form, validator, requested="previous_stage_date")
    reply = chat.answer_after_form("Non, jamais", "deny", answers.ActionAnswerPointsAfterStage())
    print(reply)
    assert "Votre lettre 48M signale un solde de 6 points ou moins : ce stage vous rendra donc bien 4 points" in reply, \
        reply


# --- t55-c16: the stage form's licence question asked again word for word when the user insists (R5, R12)

@pytest.mark.parametrize("insist", ["bah combien j'aurai apres mon stage du 17-18 decembre !",
                                    "je veux juste savoir combien j'aurai après le stage",
                                    "mais réponds, ça me fera combien ?"])
def test_the_licence_question_asked_again_gives_the_answer_in_both_cases(insist):
    # t55-c16: "il me reste 5 points" then the insistence got "À quelle date avez-vous obtenu votre permis ?" again:
    # 5 + 4 = 9 out of probation, the probation's ceiling otherwise, and why the date matters
    from rasa_sdk.executor import CollectingDispatcher
    from actions.ask import AskSlot_licence_date
    from tests.actions.conftest import make_tracker
    history = [
        {"event": "user", "text": "je fais un stage les 17 et 18 decembre, combien de points je vais avoir apres ?",
         "parse_data": {"intent": {"name": "ask_points_after_stage"}, "entities": []}},
        {"event": "bot", "text": "Combien de points vous reste-t-il actuellement ?"},
        {"event": "user", "text": "ok. il me reste 5 points maintenant",
         "parse_data": {"intent": {"name": "inform"}, "entities": []}},
        {"event": "bot", "text": "À quelle date avez-vous obtenu votre permis ? (par exemple : 12/03/2024, ou « mars "
                                 "2024 »)"}]
    tracker = make_tracker(slots={"current_balance": 5, "stage_first_day": "2026-12-17"}, text=insist,
                           intent="ask_points_after_stage", history=history, form="points_after_stage_form",
                           requested_slot="licence_date")
    dispatcher = CollectingDispatcher()
    import asyncio
    asyncio.run(AskSlot_licence_date().run(dispatcher, tracker, {}))
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    print(said)
    assert "de 5 à 9 points (5 + 4)" in said and "c'est pour cela que la date compte" in said, said
    assert said.rstrip().endswith("« mars 2024 »)"), said


def test_the_licence_question_asked_first_keeps_its_words():
    from rasa_sdk.executor import CollectingDispatcher
    from actions.ask import AskSlot_licence_date
    from tests.actions.conftest import make_tracker
    import asyncio
    history = [{"event": "bot", "text": "Combien de points vous reste-t-il actuellement ?"}]
    tracker = make_tracker(slots={"current_balance": 5, "stage_first_day": "2026-12-17"}, text="il me reste 5 points",
                           intent="inform", history=history, form="points_after_stage_form",
                           requested_slot="current_balance")
    dispatcher = CollectingDispatcher()
    asyncio.run(AskSlot_licence_date().run(dispatcher, tracker, {}))
    assert dispatcher.messages and dispatcher.messages[0].get("response") == "utter_ask_licence_date", \
        dispatcher.messages
