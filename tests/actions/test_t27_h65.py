"""T27 (outside tester, ordinary drivers with personal computations), items of branch h65."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, fallback, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_what_if import Conversation, mapped_slots

C31_FIRST = ("Bonsoir, mon passager ne portait pas sa ceinture, les gendarmes m'ont arrêté. Je vais perdre des "
             "points ?")


def test_c31_a_child_placed_in_the_car_is_a_passenger_not_the_licence_holder(domain, first_of_december):
    # T27 c31: 'mon fils de 12 ans à l'arrière' read as 'mon fils a…' (whose licence it is): the driver's own answer
    # said 'aucun point n'est retiré sur son permis', 's'il la paie'
    chat = Conversation(domain, C31_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C31_FIRST, "2026-12-01"), domain), today="2026-12-01")
    reply = chat.say("et si c'était mon fils de 12 ans à l'arrière qui était pas attaché ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert "sur votre permis" in reply and "si vous la payez" in reply
    assert "son permis" not in reply and "s'il la paie" not in reply


C15_FIRST = ("Bonjour, je suis à 4 points sur mon permis (permis depuis 2002). Je viens de me faire arrêter pour un stop "
             "non respecté hier. Est-ce que je risque de perdre mon permis ?")


@pytest.mark.parametrize("intent, action", [
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
    ("ask_stage_eligibility", answers.ActionAnswerStageEligibility()),
    ("ask_points_after_stage", answers.ActionAnswerPointsAfterStage()),
])
def test_c15_a_stage_before_paying_is_counted_on_the_balance_of_today(domain, first_of_december, intent, action):
    # T27 c15: 'et si je fais le stage maintenant avant de payer l'amende ?' got 'Pas encore : tant que l'amende n'est
    # pas payée…'; R18: a stage before the retrait is credited on the old balance (4 + 4 = 8), the retrait subtracted
    # at the payment (8 - 4 = 4): the balance never reaches 0, no 48SI; and the stage uses up the year (R13)
    chat = Conversation(domain, C15_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(C15_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "solde calculé est de 0" in chat.reply
    reply = chat.say("et si je fais le stage maintenant avant de payer l'amende ?", intent, action)
    assert not reply.startswith("Pas encore")
    assert reply.startswith("Oui, c'est possible")
    assert "4 points + 4 points = 8 points" in reply and "il vous reste 4 points" in reply
    assert "l'infraction du 30 novembre 2026" in reply and "aucune lettre 48SI" in reply
    assert "qu'au bout de 1 an, de date à date depuis son premier jour" in reply


def test_c06_at_zero_without_the_48si_gets_the_steps(domain, first_of_december):
    # T27 c06: 'jai pas encore recu la lettre mais je pense que je suis a 0, je fais quoi' after the 48SI's card got
    # 'je n'ai pas d'autre réponse que celle-ci' and the card again; the steps: check the balance, a stage ended before
    # the 48SI's notification (0 + 4, R18), what the 48SI notified means (R20)
    chat = Conversation(domain, "c koi une 48si", "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed("c koi une 48si", "2026-12-01"), domain), today="2026-12-01")
    assert chat.reply.startswith("À 0 point, votre permis perd sa validité")
    reply = chat.say("jai pas encore recu la lettre mais je pense que je suis a 0, je fais quoi", "ask_zero_points",
                     answers.ActionAnswerZeroPoints())
    assert "pas d'autre réponse" not in reply
    assert reply.startswith("Votre permis reste valable tant que la lettre 48SI ne vous a pas été notifiée")
    assert "1. Vérifiez votre solde sur « Mes Points Permis »" in reply
    assert "(0 + 4 = 4 points)" in reply and "pas inférieur à -3" in reply
    assert "dans les 10 jours" in reply and "6 mois" in reply


C07_FIRST = ("Bonsoir. J'ai reçu ce matin une lettre recommandée 48SI, je suis à 0 point. Je suis commercial et j'ai "
             "besoin de mon permis pour travailler. Est-ce que je peux encore faire un stage pour récupérer des points ?")


@pytest.mark.parametrize("intent, action", [
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
    ("nlu_fallback", fallback.ActionSuggestQuestions()),
])
def test_c07_a_doubt_of_the_invalidation_gets_the_rule_and_the_day(domain, first_of_december, intent, action):
    # T27 c07: 'c'est sûr ? j'ai lu sur internet qu'on pouvait sauver son permis avec un solde négatif' got the answer
    # again word for word; R18: a negative balance is saved only by a stage ended before the 48SI's notification
    chat = Conversation(domain, C07_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(C07_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert chat.reply.startswith("Aucun point : la lettre 48SI d'invalidation a été notifiée")
    reply = chat.say("c'est sûr ? j'ai lu sur internet qu'on pouvait sauver son permis avec un solde négatif", intent,
                     action)
    assert reply.startswith("Oui, c'est sûr") and "avant la notification de la 48SI" in reply
    assert "n° 461479" in reply and "n° 492072" in reply and "article L.223-1" in reply
    assert "notifiée le 1er décembre 2026" in reply


def test_c33_why_not_now_gets_the_days_of_the_answer(domain, first_of_december):
    # T27 c33: 'ok et pourquoi pas maintenant ?' got the rule of one stage a year without the user's days (R13)
    first = ("Bonjour, j'ai eu mon permis en 2008 et j'ai fait un stage volontaire le 5 et 6 décembre 2025. Je peux en "
             "refaire un maintenant ?")
    slots = {**mapped_slots(parsed(first, "2026-12-01"), domain), "had_previous_stage": True,
             "previous_stage_date": "2025-12-05"}  # (as the stage's form sets them)
    chat = Conversation(domain, first, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), slots,
                        today="2026-12-01")
    assert "à partir du 5 décembre 2026" in chat.reply
    reply = chat.say("ok et pourquoi pas maintenant ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Parce qu'aujourd'hui, 1er décembre 2026, c'est avant le 5 décembre 2026 :")
    assert "après le stage du 5 décembre 2025" in reply and "un seul stage par an" in reply


C10_SLOTS = {"licence_date": "2023-09-12", "supervised_driving": False, "complementary_training": False,
             "probation_offence": True, "offence_date": "2026-08-31", "offence_type": "red_light",
             "last_offence_points": 4, "offence_class": "c4"}


def test_c10_paid_the_day_after_the_offence_is_that_day(domain, first_of_december):
    # T27 c10: 'je l'ai payée direct le lendemain' to the payment's question got 'Je n'ai pas compris votre réponse'
    text = "je l'ai payée direct le lendemain"
    tracker = make_tracker(slots=C10_SLOTS, text=text, entities=parsed(text, "2026-12-01"),
                           requested_slot="fine_payment_date", form="probation_form")
    slots, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2026-09-01"
    assert "Je n'ai pas compris votre réponse." not in messages


def test_c10_why_no_increment_in_september_gets_r7_with_the_days(domain, first_of_december):
    # T27 c10: 'et pourquoi j'ai pas eu mes 2 points en septembre ?' got 'je n'ai pas d'autre réponse' and the balance
    # again; R7: the offence of 31 August 2026, in probation, cancelled the increment of 12 September 2026
    slots = {**C10_SLOTS, "fine_payment_date": "2026-09-01"}
    chat = Conversation(domain, "j'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation(), slots,
                        today="2026-12-01")
    # (h60: said in the past once the probation is over)
    assert "a arrêté les majorations annuelles : le plafond est resté à 10 points" in chat.reply
    reply = chat.say("et pourquoi j'ai pas eu mes 2 points en septembre ?", "ask_probation",
                     answers.ActionAnswerProbation())
    assert "pas d'autre réponse" not in reply
    assert reply.startswith("Parce que votre infraction du 31 août 2026 a été commise pendant la période probatoire, "
                            "avant le 12 septembre 2026")
    assert "les 2 points de ce jour-là ne vous ont pas été ajoutés" in reply and "resté à 10 points" in reply
    assert "Depuis la fin de la période probatoire, le 12 septembre 2026, votre plafond est de 12 points" in reply
    assert "1er septembre 2029" in reply


def test_c16_what_the_pending_question_means_then_the_question_again(domain, first_of_december):
    # T27 c16: 'c koi ça ?' to the training's question (read as ask_stage_info) got the training explained, then the
    # whole practical card of the stage; the question's notion only, then the question again (R6)
    slots = {"licence_date": "2026-01-05", "current_balance": 6, "supervised_driving": False}
    text = "c koi ça ?"
    tracker = make_tracker(slots=slots, text=text, entities=parsed(text, "2026-12-01"), intent="ask_stage_info",
                           requested_slot="complementary_training", form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert len(messages) == 1 and messages[0].startswith("La formation complémentaire post-permis est une formation")
    assert set_by_form.get("requested_slot") == "complementary_training"
    assert set_by_form.get("complementary_training") is None


def test_c16_what_a_date_question_means_is_what_it_is_for(domain, first_of_december):
    # the same for a question whose notion needs no definition: what the fact decides (R2, R8, R9)
    text = "c'est quoi ça ?"
    tracker = make_tracker(slots=C10_SLOTS, text=text, entities=parsed(text, "2026-12-01"), intent="ask_stage_info",
                           requested_slot="fine_payment_date", form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert messages == ["Je vous pose cette question parce que les points sont retirés au paiement de l'amende, et "
                        "les délais de récupération partent de cette date (article L.223-6 du Code de la route)."]
    assert set_by_form.get("requested_slot") == "fine_payment_date"


C34_FIRST = ("Bonjour, ma fille a son permis depuis le 8 juillet 2024 (conduite accompagnée). Elle a eu un excès de "
             "vitesse de 25 km/h, amende payée le 3 mars 2025. Combien de points a-t-elle ?")
C34_SON = "et mon fils ? il a eu son permis le 1er mars 2025 sans conduite accompagnée, et aucune infraction"


def test_c34_another_child_is_a_new_licence_not_a_correction(domain, first_of_december):
    # T27 c34: 'et mon fils ? …' after the daughter's answer got 'C'est noté, je corrige.', 'A-t-elle suivi…' and kept
    # the daughter's offence; the son's facts are asked afresh, none of hers kept
    from actions.third_person import subject_person
    slots = {**mapped_slots(parsed(C34_FIRST, "2026-12-01"), domain), "probation_offence": True,
             "last_offence_points": 2, "offence_class": "c4", "offence_date": "2025-02"}
    chat = Conversation(domain, C34_FIRST, "ask_probation", answers.ActionAnswerProbation(), slots, today="2026-12-01")
    assert "Solde aujourd'hui : 4 points" in chat.reply
    tracker = chat.tracker(C34_SON, "ask_probation", form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert "C'est noté, je corrige." not in messages
    assert set_by_form["requested_slot"] == "complementary_training"
    for slot in ("offence_date", "last_offence_points", "offence_class", "fine_payment_date", "offence_type"):
        assert set_by_form.get(slot, "kept") is None, slot
    assert subject_person(tracker).noun == "fils" and not subject_person(tracker).feminine


def test_c34_the_same_child_again_keeps_her_facts(domain, first_of_december):
    # (the same person named again is no other licence: her facts stay)
    slots = {**mapped_slots(parsed(C34_FIRST, "2026-12-01"), domain), "probation_offence": True,
             "last_offence_points": 2, "offence_class": "c4", "offence_date": "2025-02"}
    chat = Conversation(domain, C34_FIRST, "ask_probation", answers.ActionAnswerProbation(), slots, today="2026-12-01")
    tracker = chat.tracker("et ma fille, elle peut faire un stage ?", "ask_stage_eligibility",
                           form="stage_eligibility_form")
    set_by_form, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert set_by_form.get("offence_date", "kept") == "kept" and set_by_form.get("licence_date", "kept") == "kept"


def test_c34_the_offence_day_is_not_asked_when_its_payment_places_it_in_the_first_year(domain, first_of_december):
    # T27 c34: licence 8 July 2024, fine paid 3 March 2025: the offence came before, in the first year whatever its
    # day; 'À quelle date l'infraction a-t-elle été commise ?' changed nothing (R5, R7)
    entities = parsed(C34_FIRST, "2026-12-01")
    tracker = make_tracker(new_slots=mapped_slots(entities, domain), text=C34_FIRST, entities=entities,
                           intent="ask_probation", form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert set_by_form.get("requested_slot") != "offence_date"
    chat = Conversation(domain, C34_FIRST, "ask_probation", answers.ActionAnswerProbation(),
                        {**mapped_slots(entities, domain), **{k: v for k, v in set_by_form.items()
                                                             if k != "requested_slot"}}, today="2026-12-01")
    assert "Solde aujourd'hui : 4 points" in chat.reply and "3 mars 2028" in chat.reply


C32 = ("Bonjour, alors voilà je vous explique ma situation parce que je suis un peu perdue et je ne comprends rien aux "
       "courriers que je reçois. J'ai eu mon permis il y a longtemps, en 1995, et je n'avais jamais eu de souci jusqu'à "
       "l'année dernière. En mars 2025 j'ai été flashée à 78 sur une route à 70 (j'ai payé 45 euros tout de suite, le "
       "20 mars 2025), ensuite en juin 2025 je me suis fait arrêter parce que je téléphonais au volant (j'ai payé le 2 "
       "juillet 2025), et là le mois dernier, le 12 novembre 2026, j'ai grillé un stop, j'ai payé l'amende le 18 "
       "novembre 2026. Mon mari dit que je vais perdre mon permis, ma fille dit que non. Je voudrais savoir combien il "
       "me reste de points aujourd'hui et quand je les récupérerai, et si je dois faire un stage. Merci infiniment pour "
       "votre aide, bonne journée.")


def test_c32_a_question_asked_as_a_sentence_is_read_before_the_thanks(domain, first_of_december):
    # T27 c32: the long story without '?' got the total of the points lost (its offences told), not the balance, and
    # 'si je dois faire un stage' was never answered: the sentence 'Je voudrais savoir …' asks them
    from actions.two_part import other_question, story_question, story_questions
    assert story_question(C32) == "ask_check_balance"
    assert [clause.rstrip(" ?") for clause in story_questions(C32)] == [
        "combien il me reste de points aujourd'hui", "quand je les recupererai", "si je dois faire un stage"]
    entities = parsed(C32, "2026-12-01")
    tracker = make_tracker(new_slots=mapped_slots(entities, domain), text=C32, entities=entities, intent="nlu_fallback")
    events = fallback.ActionSuggestQuestions().run(CollectingDispatcher(), tracker, domain)
    assert [e.get("name") for e in events if e.get("event") == "followup"] in (
        [forms.FORM_OF_QUESTION.get("ask_check_balance") or "action_answer_check_balance"],)
    assert other_question(tracker, "action_answer_check_balance") == "ask_mandatory_stage"


def test_c32_the_stage_question_after_the_balance_says_no_stage_is_compulsory(domain, first_of_december):
    # T27 c32: 'et si je dois faire un stage' after the balance of three offences got the offences' points again; no
    # 48N, the licence counted out of probation: no compulsory stage (R15), what a voluntary one gives (R12)
    from rasa_sdk import Tracker
    from actions.two_part import ActionAnswerOtherQuestion
    chat = Conversation(domain, C32, "nlu_fallback", answers.ActionAnswerCheckBalance(),
                        mapped_slots(parsed(C32, "2026-12-01"), domain), today="2026-12-01")
    assert chat.reply.startswith("Solde aujourd'hui : 4 points")
    tracker = Tracker("test", dict(chat.slots), {"text": C32, "intent": {"name": "nlu_fallback"},
                                                  "entities": parsed(C32, "2026-12-01")},
                      list(chat.events), False, None, {}, "action_answer_check_balance")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerOtherQuestion().run(dispatcher, tracker, domain))
    reply = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert reply.startswith("Non : sans lettre 48N, aucun stage n'est obligatoire")
    assert "Avec votre solde de 4 points, un stage volontaire vous en rendrait 4" in reply and "(8 points)" in reply
    assert "Excès de vitesse de 8 km/h" not in reply
