"""T26 (outside testers' replay of 1 December 2026), items of branch h62: the form's questions follow the person the
conversation is about, a why-question after another sentence, ..."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, ask
from actions.third_person import subject_person
from tests.actions.conftest import make_tracker


def asked(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, tracker, domain)
    if asyncio.iscoroutine(result):
        asyncio.run(result)
    return dispatcher.messages


# --- item 1: the form's questions follow the person the conversation is about ----------------------------------

@pytest.mark.parametrize("text, feminine", [
    # T26 c04, c11: "pour un client", then the story in the third person
    ("bjr, pour un client: il a reçu une lettre 48N il y a un an et demi, il a jamais fait le stage. qu'est ce qu'il "
     "risque maintenant ?", False),
    ("Bonjour, question pour un client : il a été flashé à 142 km/h sur une nationale limitée à 90 le 15 novembre "
     "2025. Combien de points ? Et il récupère quand ?", False),
    # T26 c01: one of the school's former pupils (the plural after "un de nos")
    ("Bonjour, je suis secrétaire dans une auto-école. Un de nos anciens élèves a eu son permis le 14 mars 2024 "
     "(filière classique). Il s'est fait flasher à 97 sur une route à 80 en juin 2025.", False),
    ("c'est pas moi c'est mon élève ! et l'amende de vitesse a été payée début juillet 2025, pas le 31", False),
    # T26 c06: on behalf of her son
    ("Bonjour. Je vous écris pour le compte de mon fils qui est à l'étranger. Il a le permis depuis le 2 juin 2025, "
     "conduite accompagnée (AAC).", False),
    # T26 c10: a former pupil named by his first name
    ("Un ancien élève, Kevin, nous appelle paniqué. Il a eu son permis B le 20 avril 2023, pas de conduite "
     "accompagnée.", False),
    # T26 c12, c18: a client named by her title
    ("Mme Dupont, 12 points, a fait un excès de 12 km/h en ville (limitée à 50) le 03/03/2026, payé le 10/03/2026. "
     "Elle récupère son point quand ?", True),
    ("Bonjour, je vous contacte au sujet de ma cliente Mme Leroy qui a une question : elle a reçu hier une lettre "
     "48N.", True),
    # T26 c23, c25: the person named with a relative clause or a complement, the story told after
    ("Bonjour, je vous explique toute la situation de mon client qui est assez compliquée. Bref : il a 7 points, il "
     "a fait un stage le 2 et 3 juin 2026, il peut en faire un autre en janvier 2027 ?", False),
    ("Bonjour, un élève de l'auto-école a fait sa formation complémentaire. Permis obtenu le 10/09/2025, formation "
     "faite le 15/04/2026, aucune infraction. Quand il aura 12 points ?", False),
    # T23 c13: "ma fille, qui a obtenu…"
    ("Madame, Monsieur, je me permets de vous écrire car ma fille, qui a obtenu son permis de conduire le 12 "
     "septembre 2024 (elle n'a pas fait la conduite accompagnée), a été contrôlée le 8 octobre.", True),
])
def test_the_person_a_story_is_told_of(text, feminine):
    person = subject_person(make_tracker(text=text))
    assert person is not None and person.feminine is feminine


@pytest.mark.parametrize("text", [
    "Madame, Monsieur, j'ai eu mon permis en 2020 et il y a deux ans j'ai perdu 3 points, il me reste combien ?",
    "c'est mon père qui a payé l'amende avec sa carte, le remboursement après mon stage arrive sur son compte ?",
    "j'ai été désigné par l'entreprise comme conducteur, l'amende payée par mon patron sera remboursée à qui après "
    "mon stage 48N ?",
    "j'avais ma copine en passagère, elle a pas mis sa ceinture, combien de points ?",
    "mon fils était avec moi, il a vu le flash, je perds combien de points ?",
])
def test_the_user_s_own_licence_is_not_someone_else_s(text):
    assert subject_person(make_tracker(text=text)) is None


@pytest.mark.parametrize("text, slot, question", [
    ("Bonjour, un élève de l'auto-école a fait sa formation complémentaire. Permis obtenu le 10/09/2025, aucune "
     "infraction. Quand il aura 12 points ?", "supervised_driving",
     "A-t-il appris à conduire en conduite accompagnée (AAC) ?"),
    ("bjr, pour un client: il a reçu une lettre 48N il y a un an et demi. il lui reste 5 points et il a son permis "
     "depuis 2023, il récupère combien avec un stage ?", "previous_stage_date",
     "A-t-il déjà fait un stage qui lui a rendu des points ?"),
    ("Bonjour, question pour un client : il a été flashé à 142 km/h sur une nationale limitée à 90 le 15 novembre "
     "2025. Et il récupère quand ?", "fine_payment_date", "À quelle date a-t-il payé l'amende"),
    ("Mme Dupont a fait un excès de 12 km/h en ville. Elle récupère son point quand ?", "licence_date",
     "À quelle date a-t-elle obtenu son permis ?"),
])
def test_the_form_asks_of_the_person_the_story_is_about(domain, text, slot, question):
    messages = asked(getattr(ask, f"AskSlot_{slot}")(), make_tracker(text=text), domain)
    assert messages[0]["text"].startswith(question)
    assert "vous" not in messages[0]["text"].split("(")[0].lower()
    # the buttons come with it
    assert [b["title"] for b in messages[0].get("buttons") or []] == \
        [b["title"] for b in domain["responses"][f"utter_ask_{slot}"][0].get("buttons") or []]


def test_a_fact_found_missing_after_the_form_is_asked_of_the_person_too(domain):
    # the answer finds the payment's day missing once its form already ran this turn: it asks it as the form does
    # (not the domain's "À quelle date avez-vous payé l'amende" for a client's licence)
    text = "Un client a eu un feu rouge, il récupère ses points quand ?"
    tracker = make_tracker(slots={"offence_type": "red_light", "licence_date": "2010-01-01"}, text=text,
                           intent="ask_auto_recovery", history=[{"event": "action", "name": "action_answer_auto_recovery"}])
    tracker.events.append(tracker.events.pop(0))  # the user's message first, then the answer that ran after it
    messages = asked(answers.ActionAnswerAutoRecovery(), tracker, domain)
    assert [m["text"] for m in messages] == [
        "À quelle date a-t-il payé l'amende (ou la condamnation est-elle devenue définitive) ? C'est de là que part le "
        "délai."]


# --- item 2: a why-question after another sentence of the same message ------------------------------------------

C02_ANSWER = (
    "Un stage peut de nouveau lui rendre des points : le délai d'un an depuis le 27 novembre 2025 est écoulé depuis le "
    "27 novembre 2026 (article L.223-6 du Code de la route).\n"
    "- Il lui rendrait 4 points (plafond 12) : son solde passerait de 8 à 12 points (article L.223-6 du Code de la "
    "route).\n"
    "- Seuls le stage volontaire (cas 1) et le stage obligatoire après une lettre 48N (cas 2) rendent des points "
    "(article L.223-6 du Code de la route).\n"
    "Réponse sous réserve de : le plafond de son permis (nous avons supposé 12 points).")


@pytest.mark.parametrize("text", ["ok merci. mais pourquoi 4 ?", "d'accord. pourquoi 4 points ?",
                                  "ah bon ! et pourquoi 4 ?", "pourquoi 4 ?"])
def test_why_after_another_sentence_gives_the_reasons_of_the_answer(text):
    from tests.actions.test_follow_ups import after
    from actions import follow_ups
    reply = follow_ups.answer_in_context(after("action_answer_stage_eligibility", C02_ANSWER, text))
    assert reply is not None and reply.startswith("Voici sur quoi repose ce résultat :"), reply
    assert "Il lui rendrait 4 points (plafond 12)" in reply


def test_a_why_question_of_its_own_after_another_sentence_is_still_its_own():
    from tests.actions.test_follow_ups import after
    from actions import follow_ups
    assert follow_ups.answer_in_context(after("action_answer_stage_eligibility", C02_ANSWER,
                                              "ok merci. pourquoi je perds des points ?")) is None


def test_why_while_a_form_waits_after_another_sentence_says_what_the_fact_is_for(domain):
    from actions import forms
    from tests.actions.conftest import parsed
    from tests.actions.test_forms import run as run_form
    text = "attendez. pourquoi vous me demandez ça ?"
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text),
                           requested_slot="previous_stage_date", form="stage_eligibility_form",
                           slots={"current_balance": 10})
    slots, messages = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert slots == {"previous_stage_date": None, "requested_slot": "previous_stage_date"}
    assert messages[0].startswith("Je vous pose cette question parce qu'un seul stage par an peut rendre des points")


# --- item 4 (T25 c33): the balance to come asked about is no retrait --------------------------------------------

C33_FIRST = ("Bonjour, jai eu mon permis le 10/01/2026 et on m'a flashé à 1 km/h au dessus le 3 mars (vitesse retenue "
             "81 pour 80) jai payé, je perds combien et le point revient quand ?")
C33_AGAIN = ("je n'ai jamais perdu de point, permis le 10/01/2026, pas d'AAC. J'aurai 8 points le 10 janvier 2027 ?")


@pytest.mark.parametrize("text", [C33_AGAIN, "donc je garde mes 6 points et jaurai bien 8 points en janvier ?",
                                  "je remonte à 12 points le 3 mars 2027 ?"])
def test_a_balance_kept_or_to_come_asked_about_is_no_retrait(text):
    from actions.offence_history import retraits_in_message
    from tests.actions.conftest import parsed
    assert retraits_in_message(parsed(text), text) == []


def test_after_cancelling_the_question_asked_again_gets_its_answer_not_a_future_offence(domain, first_of_december):
    # T25 c33: "annuler", then the whole question again; the "8 points le 10 janvier 2027" asked about was counted as a
    # retrait on that day: "Impossible de répondre : la date d'une infraction ne peut pas être dans le futur", three
    # times. Licence 10 January 2026 without AAC nor training, the 1 km/h excess costs no point (R4): 6 points today,
    # 8 on 10 January 2027 (R5)
    from tests.actions.conftest import user_said
    history = [user_said(C33_FIRST, "ask_offence_points"),
               {"event": "slot", "name": "offence_type", "value": "speeding"},
               {"event": "slot", "name": "offence_date", "value": "2026-03-03"},
               user_said("donc je garde mes 6 points et jaurai bien 8 points en janvier ?", "ask_probation"),
               user_said("Non", "deny"), user_said("Non", "deny"), user_said("annuler", "stop"),
               user_said(C33_AGAIN, "ask_probation"),
               {"event": "slot", "name": "licence_date", "value": "2026-01-10"}]
    tracker = make_tracker(slots={"licence_date": "2026-01-10", "supervised_driving": False,
                                  "complementary_training": False, "probation_offence": False,
                                  "offence_date": "2026-03-03", "offence_type": "speeding"},
                           text="Non", intent="deny", history=history)
    reply = "\n".join(m["text"] or "" for m in asked(answers.ActionAnswerProbation(), tracker, domain))
    assert "dans le futur" not in reply and "Impossible" not in reply
    assert "votre solde est aujourd'hui de 6 points" in reply
    assert "vous gagnerez 2 points le 10 janvier 2027" in reply


# --- item 3 (T26 c10): a long story whose retraits took the balance to 0 before the 48N --------------------------

C10_STORY = (
    "Bonjour !! Alors voilà je suis la secrétaire de l'auto-école Pilote 2000. Un ancien élève, Kevin, nous appelle "
    "paniqué. Il a eu son permis B le 20 avril 2023, pas de conduite accompagnée. En mai 2023 il a pris une amende pour "
    "ceinture (payée), puis en octobre 2024 un excès de 35 km/h sur autoroute, amende payée en novembre 2024, il a reçu "
    "la lettre 48N le 2 décembre 2024 mais il n'a pas fait le stage. Et là le mois dernier il s'est fait arrêter avec "
    "son téléphone à la main. Il se demande s'il a encore son permis, combien il lui reste de points, et s'il peut "
    "faire un stage. Merci beaucoup !!!")
C10_SLOTS = {"licence_date": "2023-04-20", "supervised_driving": False, "letter_48n_date": "2024-12-02",
             "fine_payment_date": "2024-11", "offence_date": "2026-11", "offence_type": "phone", "speed_limit": 130,
             "speed_excess": 35, "letter_code": "48N"}


def test_a_stage_to_save_the_licence_after_a_story_at_zero_before_its_48n_is_the_48si_s(domain, first_of_december):
    # probationary licence of 20 April 2023 (6 points, R5): the seatbelt (3) then the 35 km/h excess (3, paid in
    # November 2024) take it to 0 before the 48N of 2 December 2024: a 48SI follows, not the 48N's deadline, and only
    # a stage ended before its notification saves the licence (R18, R20). T26 c10 got the 48N's expired deadline
    # ("Le délai a expiré le 2 avril 2025"), contradicting the balance answer just given.
    from tests.actions.conftest import user_said
    text = "hein ? il a jamais fait de stage, le 15/05/2023 c'est la ceinture. il a encore son permis oui ou non ?"
    history = [user_said(C10_STORY, "nlu_fallback"),
               *({"event": "slot", "name": k, "value": v} for k, v in C10_SLOTS.items()),
               user_said("la ceinture c'était le 15/05/2023. donc il peut faire un stage maintenant pour sauver son "
                         "permis ?", "ask_stage_eligibility")]
    tracker = make_tracker(slots={**C10_SLOTS, "offence_type": "seatbelt", "previous_stage_date": "none"}, text=text,
                           intent="nlu_fallback", entities=None, history=history)
    reply = "\n".join(m["text"] or "" for m in asked(answers.ActionAnswerStageEligibility(), tracker, domain))
    assert "Le délai a expiré" not in reply
    assert reply.startswith("Le retrait pour l'infraction du 1er octobre 2024 a fait tomber son solde à 0 point")
    assert "pas une lettre 48N" in reply and "sauve le permis (0 + 4 = 4 points)" in reply


def test_the_user_repeating_the_question_gets_the_reminder_not_the_whole_answer_again():
    # "je répète : il a encore son permis ?" is the user repeating, not asking to hear the answer again in full (T26
    # c10 got the same five messages word for word); "tu peux répéter ?" still gets it all
    from actions.reminders import reminder_of
    from tests.actions.conftest import user_said
    answer = ("Le retrait pour l'infraction du 1er octobre 2024 a fait tomber son solde à 0 point le 30 novembre 2024 "
              "(article L.223-1 du Code de la route).\n- Seule issue : un stage terminé avant la notification de la "
              "48SI sauve le permis (article L.223-6 du Code de la route).")
    history = [user_said("ok mais donc il a encore son permis ? combien de points il lui reste ?", "ask_check_balance"),
               {"event": "action", "name": "action_answer_check_balance"}, {"event": "bot", "text": answer},
               {"event": "action", "name": "action_listen"}]
    repeated = make_tracker(text="je répète : il a encore son permis ? combien de points il lui reste ?",
                            intent="ask_check_balance", history=history)
    assert reminder_of(repeated, answer) is not None
    again = make_tracker(text="tu peux répéter ?", intent="ask_check_balance", history=history)
    assert reminder_of(again, answer) is None


def test_the_balance_of_the_story_asked_again_at_once_is_reminded(domain, first_of_december):
    # T26 c10: "je répète : il a encore son permis ? combien de points il lui reste ?" right after that answer, read
    # as a probation question: the reminder of the balance answer, not its five messages again
    from tests.actions.conftest import user_said
    slots = {**C10_SLOTS, "probation_offence": True, "last_offence_points": 3, "offence_class": "c4",
             "complementary_training": False}
    history = [user_said(C10_STORY, "nlu_fallback"),
               *({"event": "slot", "name": k, "value": v} for k, v in C10_SLOTS.items())]
    first = make_tracker(slots=slots, text="ok mais donc il a encore son permis ? combien de points il lui reste ?",
                         intent="ask_probation", history=history)
    answer = "\n".join(m["text"] or "" for m in asked(answers.ActionAnswerProbation(), first, domain))
    assert answer.startswith("Le retrait pour l'infraction du 1er octobre 2024 a fait tomber son solde à 0 point")
    history = [e for e in first.events if e.get("event") != "user_featurization"] + [
        {"event": "action", "name": "action_answer_probation"}, {"event": "bot", "text": answer},
        {"event": "action", "name": "action_listen"}]
    again = make_tracker(slots=slots, text="je répète : il a encore son permis ? combien de points il lui reste ?",
                         intent="ask_probation", history=history)
    reply = "\n".join(m["text"] or "" for m in asked(answers.ActionAnswerProbation(), again, domain))
    assert reply.startswith("Comme indiqué : "), reply
    assert "0 point le 30 novembre 2024" in reply and len(reply) < len(answer)
