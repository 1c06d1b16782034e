"""Tester T50 (replays on 1 December 2026), items of branch h114: balances built from facts told over several turns."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t50-c20: two offences, each told by its month, then its payment and its points (R1, R2, R4, R9)

C20 = ("Bonjour, alors voilà je vous explique toute mon histoire parce que je n'y comprends plus rien avec tous ces "
       "courriers. J'ai mon permis depuis 1985, je n'avais jamais rien eu jusqu'à l'année dernière, toujours 12 points, "
       "j'étais très fier. Et puis en février 2025, en revenant de chez ma fille à Lyon, je me suis fait flasher sur la "
       "nationale, 25 km/h au-dessus, j'ai payé l'amende le 3 mars 2025 et j'ai perdu 2 points. Bon. Ensuite cet été, "
       "fin août 2026, je me suis fait arrêter par les gendarmes avec le téléphone à la main, je sais c'est bête, je "
       "répondais à ma femme. J'ai payé le 2 septembre 2026, 3 points de moins. Ma femme dit que je vais tout récupérer "
       "en mars 2028 parce que ça fait 3 ans après le premier, mon fils dit que c'est plus tard. Qui a raison ? Et il "
       "me reste combien aujourd'hui ?")


def test_an_offence_told_with_its_day_then_its_payment_is_one_retrait(domain):
    # t50-c20: "2 points … 10 points retirés": each offence counted at its month and again at its payment; R2: the
    # retrait is the payment's, 12 − 2 − 3 = 7, all back 3 years after the phone's payment (R9)
    chat = opened(domain, C20, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 7 points"), chat.reply
    assert "5 points retirés" in chat.reply and "2 septembre 2029" in chat.reply
    assert "payée en août 2026" not in chat.reply and "28 février 2025" not in chat.reply
    chat.say("2 points ?? mais non, il y a eu seulement 2 infractions, 2 points et 3 points, ça fait 5 en tout !",
             "ask_offence_points", answers.ActionAnswerOffencePoints())
    reply = chat.say("il me reste combien de points alors ? 7 ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert reply.startswith("Solde aujourd'hui : 7 points"), reply


@pytest.mark.parametrize("text, expected", [
    (C20, [(2, "2025-03-03", "speeding", "2025-02"), (3, "2026-09-02", "phone", "2026-08")]),
    ("En janvier 2026 j'ai grillé un feu rouge. J'ai payé le 10 février 2026 et j'ai perdu 4 points. Puis en mai 2026 "
     "contrôle sans ceinture. Payé le 2 juin 2026, 3 points de moins. Combien il me reste ?",
     [(4, "2026-02-10", "red_light", "2026-01"), (3, "2026-06-02", "seatbelt", "2026-05")]),
])
def test_the_payment_told_after_an_offences_day_is_that_offences(text, expected):
    from actions.offence_history import retraits_in_message
    told = retraits_in_message(parsed(text, TODAY), text)
    assert [(r.points, r.said_date, r.offence_type, r.committed_date) for r in told] == expected, told



# --- t50-c19: probation, a 2-point retrait then a stage, then a 48N for a 32 km/h excess (R7, R12, R15)

C19 = ("Bonjour, jeune permis (obtenu en septembre 2024). J'avais fait un stage volontaire les 12 et 13 mai 2026 après "
       "avoir perdu 2 points. Là j'ai reçu une 48N le 10 novembre pour un excès de 32 km/h. Je dois vraiment refaire un "
       "stage ? Et il me rendra des points ?")


def test_the_retrait_of_a_48n_received_counts_in_the_balance(domain):
    # t50-c19: "6 points sur 6" (the 2 points of March 2025, the stage's 2 back), the 48N's 3 points forgotten; a 48N
    # follows a retrait of 3 points or more recorded before it (R15): 6 − 3 = 3 of 6 (R7)
    chat = opened(domain, C19, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    reply = chat.say("ok merci. et il me reste combien de points là ? les 2 points c'était en mars 2025",
                     "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("Votre solde est aujourd'hui de 3 points sur 6"), reply
    assert "retrait de 3 points pour lequel vous avez reçu la lettre 48N" in reply
    assert "12 points le 31 mars 2028" not in reply
    chat.say("tu oublies l'excès de 32 km/h de la 48N non ?", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    reply = chat.say("donc au final j'ai 3 points ?", "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert "3 points sur 6" in reply, reply


# --- t50-c11: a brother's licence of 15 June 2024, then "il a fait la formation post permis en mars 2025" (R5, R6)

C11 = ("Bonjour ! J'ai eu mon permis le 15/06/2024 après la conduite accompagnée, jamais eu d'amende. Je suis toujours en "
       "probatoire ? J'ai combien de points ?")


def test_the_date_told_with_the_training_is_the_trainings(domain):
    # t50-c11: "mars 2025" became the licence's date: "8 points, probatoire jusqu'au 31 mars 2028"; R6: a training
    # in the 9th month ends the probation 2 years after the licence, on 15 June 2026: 12 points
    from actions import corrections
    chat = opened(domain, C11, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    chat.say("cool ! et mon frère qui l'a eu le même jour mais sans la conduite accompagnée, lui il est à combien ?",
             "ask_probation", answers.ActionAnswerProbation())
    reply = chat.say("ah attends il me dit qu'il a fait la formation post permis en mars 2025, ça change quelque "
                     "chose ?", "nlu_fallback", corrections.ActionApplyCorrection())
    assert chat.slots["licence_date"] == "2024-06-15" and chat.slots["training_date"] == "2025-03", chat.slots
    assert "solde est aujourd'hui de 12 points" in reply and "terminée depuis le 15 juin 2026" in reply, reply
    assert "2028" not in reply


def test_the_licence_and_the_training_corrected_in_one_message(domain):
    # (the user's correction of t50-c11: "son permis c'est le 15/06/2024 comme moi, c'est la formation qui est en mars
    # 2025" got "Cette date est antérieure à l'obtention du permis"; each date is the fact it is told with)
    from actions import corrections
    chat = opened(domain, C11, "ask_probation", answers.ActionAnswerProbation(), TODAY)
    chat.slots.update({"licence_date": "2025-03", "supervised_driving": False, "complementary_training": True,
                       "training_date": "2025-03"})
    reply = chat.say("non non son permis c'est le 15/06/2024 comme moi, c'est la formation qui est en mars 2025",
                     "inform", corrections.ActionApplyCorrection())
    assert chat.slots["licence_date"] == "2024-06-15" and chat.slots["training_date"] == "2025-03", (chat.slots, reply)
    assert "antérieure" not in reply and "12 points" in reply, reply


# --- t50-c05: "ben 4 du coup, 6 moins 2" to the balance asked (R1)

@pytest.mark.parametrize("text, balance", [
    ("ben 4 du coup, 6 moins 2", 4),
    ("6 moins 2", 4),
    ("12 - 3 = 9", 9),
    ("il lui en reste 8", 8),
])
def test_the_balance_worked_out_by_the_user_is_its_result(domain, text, balance):
    # t50-c05: the form took the sum's last number, 2, for the balance ("de 2 à 6"); the result said is the balance
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    from actions import forms
    from tests.actions.conftest import make_tracker
    entities = parsed(text, TODAY)
    # (the form's mapping, as the Rasa server fills it: the message's last number, "2" of "6 moins 2")
    said = [e["value"] for e in entities if e.get("entity") in ("number", "points")]
    tracker = make_tracker(slots={"licence_date": "2026-06-01", "last_offence_points": 2,
                                  "previous_stage_date": "none", "requested_slot": "current_balance"},
                           new_slots={"current_balance": said[-1]}, text=text, entities=entities,
                           intent="inform", requested_slot="current_balance", form="stage_eligibility_form")
    events = asyncio.run(forms.ValidateStageEligibilityForm().run(CollectingDispatcher(), tracker, domain))
    assert {"event": "slot", "name": "current_balance", "value": balance} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events], events


# --- t50-c28: "le site affiche 7, j'ai payé une amende de 4 points il y a 10 jours, ça s'affiche pas ?" (R1, R2, R18)

def test_the_files_balance_said_without_a_recent_retrait_is_the_one_before_it(domain):
    # t50-c28: "donc je vais tomber à 3 points ?" got "8 points (12 avant)" and a gap "from a retrait I do not know":
    # the user said the file does not show that retrait yet, so 7 is the balance before it: 7 − 4 = 3
    chat = opened(domain, "bonjour comment je peux savoir combien il me reste de points ? c'est payant ?",
                  "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    chat.say("le site m'affiche 7 points mais j'ai payé une amende de 4 points il y a 10 jours, c'est normal que ça "
             "s'affiche pas ?", "ask_retrait_timing", answers.ActionAnswerRetraitTiming())
    reply = chat.say("donc je vais tomber a 3 points ? ça craint non ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert reply.startswith("Solde aujourd'hui : 3 points (7 points avant"), reply
    assert "mon calcul en donne" not in reply and "12 points avant" not in reply
