"""The conversation after an answer, as the outside tester T7 saw it (BOT_TODAY=2026-12-01): short follow-ups get a
short reply to what they ask, the forms' questions speak of the person the answers speak of, and a few answers say
only what is asked. Each case is rebuilt with 2–3 wordings (actions/follow_ups.py, what_if.py, ask.py)."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, ask, corrections, fallback, forms
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_what_if import Conversation

pytestmark = pytest.mark.usefixtures("first_of_december")


def asked(action, tracker, domain) -> str:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, domain))
    return "\n".join(m.get("text") or m.get("response") or "" for m in dispatcher.messages)


# --- 6. the form's questions follow the person the conversation is about ----------------------------------------

@pytest.mark.parametrize("text, pronoun", [
    ("mon fils a eu son permis en mars 2025, il a combien de points ?", "il"),
    ("ma fille a eu son permis l'an dernier, elle a combien de points ?", "elle"),
    ("le permis de mon fils date de mars 2025, combien il lui reste ?", "il"),
    ("une amie a eu son permis en mars 2025, elle a combien de points ?", "elle"),
])
def test_the_form_asks_about_the_person_the_story_is_about(domain, text, pronoun):
    tracker = make_tracker(text=text, intent="ask_probation", entities=parsed(text), form="probation_form")
    said = asked(ask.AskSlot_supervised_driving(), tracker, domain)
    assert said == f"A-t-{pronoun} appris à conduire en conduite accompagnée (AAC) ?"
    said = asked(ask.AskSlot_probation_offence(), tracker, domain)
    assert said == (f"A-t-{pronoun} commis une infraction qui lui a retiré des points depuis l'obtention de son "
                    "permis ?")
    said = asked(ask.AskSlot_current_balance(), tracker, domain)
    assert said.startswith("Combien de points lui reste-t-il actuellement ?")
    assert "(si vous ne savez pas" in said  # the user is still the one who answers


def test_the_person_s_questions_keep_their_buttons(domain):
    text = "ma fille a perdu 3 points, elle les récupère quand ?"
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.AskSlot_offence_class().run(dispatcher, make_tracker(text=text, entities=parsed(text),
                                                                         form="auto_recovery_form"), domain))
    assert dispatcher.messages[0]["buttons"] and dispatcher.messages[0]["text"] == \
        "Quel était le montant de l'amende forfaitaire ?"
    # a later question of the same form, after an answer to it
    history = [user_said(text, "ask_auto_recovery")]
    said = asked(ask.AskSlot_fine_payment_date(), make_tracker(text="135 €", entities=parsed("135 €"),
                                                               history=history, form="auto_recovery_form"), domain)
    assert said.startswith("À quelle date a-t-elle payé l'amende")


def test_the_user_s_own_questions_are_the_domain_s(domain):
    text = "j'ai eu mon permis en mars 2025, j'ai combien de points ?"
    dispatcher = CollectingDispatcher()
    asyncio.run(ask.AskSlot_supervised_driving().run(dispatcher, make_tracker(text=text, entities=parsed(text),
                                                                              form="probation_form"), domain))
    assert dispatcher.messages[0]["response"] == "utter_ask_supervised_driving"


@pytest.mark.parametrize("opening, pronoun", [("mon fils a eu son permis, il a combien de points ?", "il"),
                                              ("ma fille a son permis depuis 2023, elle a combien de points ?", "elle")])
def test_the_form_s_reask_speaks_of_the_person_too(domain, opening, pronoun):
    tracker = make_tracker(text="en 2023", entities=parsed("en 2023", "2026-12-01"), new_slots={"licence_date": "2023"},
                           requested_slot="licence_date", form="probation_form",
                           history=[user_said(opening, "ask_probation")])
    said = asked(forms.ValidateProbationForm(), tracker, domain)
    assert said.startswith(f"En 2023, son permis peut encore être probatoire : le mois compte. En quel mois de 2023 "
                           f"l'a-t-{pronoun} obtenu ?")


def test_a_passenger_child_is_no_licence_holder():
    from actions.third_person import subject_person
    assert subject_person(make_tracker(text="un enfant n'est pas attaché, ça fait combien de points ?")) is None
    assert subject_person(make_tracker(text="un ami m'a dit que les points reviennent en 2 ans")) is None


# --- 5. the refund of the fine is said when the question asks it, not when the fine is a fact of the story -------

STAGE_KNOWN = {"current_balance": 6, "licence_date": "2010-01-01", "stage_first_day": "2026-12-10",
               "previous_stage_date": "none"}


def stage_answer(domain, opening: str) -> str:
    from tests.actions.test_what_if import run
    history = [user_said(opening, "ask_points_after_stage")] + [
        {"event": "slot", "name": k, "value": v} for k, v in STAGE_KNOWN.items()]
    _, said = run(answers.ActionAnswerPointsAfterStage(),
                  make_tracker(slots=STAGE_KNOWN, text="non jamais", intent="deny", history=history), domain)
    return said


@pytest.mark.parametrize("opening, asked", [
    # the fine told as a fact of the story: no note
    ("j'ai payé l'amende de 135 € le 3 novembre, si je fais un stage le 10 décembre je récupère combien de points ?",
     False),
    ("amende payée, le stage du 10 décembre me rend combien de points ?", False),
    ("j'ai perdu 3 points et payé 90 euros, je les récupère avec un stage le 10 décembre ?", False),
    # the money asked back with the points: R16, R17, only the 48N's stage refunds the fine
    ("si je fais un stage le 10 décembre, je récupère mes points et mon argent ?", True),
    ("stage le 10 décembre : ça me rend aussi les 135 euros ?", True),
    ("et l'amende de 135 je la récupère avec le stage du 10 décembre ?", True),
])
def test_the_refund_note_only_when_the_money_is_asked(domain, opening, asked):
    said = stage_answer(domain, opening)
    assert "votre solde passera de 6 à 10 points" in said
    assert ("Un stage volontaire rend des points, pas l'amende." in said) is asked
    assert asked or "rembours" not in said


# --- 4. a route nationale is above 50 km/h: an excess under 20 km/h there is a 3e-class contravention -------------

TRAINED = {"licence_date": "2025-01-20", "supervised_driving": False, "complementary_training": True,
           "training_date": "2025-09-10", "probation_offence": False}


@pytest.mark.parametrize("text", [
    "et si je me prend un exces de 10 km/h sur nationale en decembre ?",  # T7 c34
    "et si je me fais flasher à 12 de trop sur une départementale demain ?",
    "et si je prends un excès de 8 km/h hors agglomération ?",
])
def test_an_excess_on_a_road_out_of_town_is_counted_above_50(domain, text):
    chat = Conversation(domain, "jai fait la formation complementaire, permis le 20 janvier 2025, ca change quoi ?",
                        "ask_probation", answers.ActionAnswerProbation(), TRAINED)
    assert "20 janvier 2027" in chat.reply
    reply = chat.say(text, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert "qui retire 1 point (contravention de 3e classe)" in reply  # R4: limit above 50 km/h
    assert "limite de 50 km/h ou moins" not in reply
    assert "la limite est de 80 km/h" in reply and "article R.413-2" in reply


def test_an_excess_without_the_road_still_counts_the_longest_delay(domain):
    chat = Conversation(domain, "jai fait la formation complementaire, permis le 20 janvier 2025, ca change quoi ?",
                        "ask_probation", answers.ActionAnswerProbation(), TRAINED)
    reply = chat.say("et si je me prends un excès de 10 km/h en décembre ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert "(contravention de 4e classe)" in reply and "limite de 50 km/h ou moins" in reply


# --- 3. without FranceConnect: the other routes (the relevé intégral, L.225-3; service-public F34791) -------------

def balance_checked(domain) -> Conversation:
    return Conversation(domain, "comment je peux voir mon nombre de points ?", "ask_check_balance",
                        answers.ActionAnswerCheckBalance(), {})


@pytest.mark.parametrize("text", [
    "jai pas france connect et je suis pas doué avec internet, autre solution ?",  # T7 c28
    "j'ai pas internet, je fais comment ?",
    "y a une autre solution que le site ?",
])
def test_without_franceconnect_the_other_routes(domain, text):
    chat = balance_checked(domain)
    assert "Mes Points Permis" in chat.reply
    reply = chat.say(text, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply != chat.reply and "relevé d'information intégral" in reply
    assert "par courrier" in reply and "recommandé avec avis de réception" in reply
    assert "article L.225-3" in reply and "F34791 ; à vérifier" in reply


@pytest.mark.parametrize("text", ["le releve integral je le demande ou ?", "et le relevé d'information intégral ?",
                                  "comment j'ai le RII ?"])
def test_where_to_ask_the_releve_integral(domain, text):
    chat = balance_checked(domain)
    reply = chat.say(text, "ask_check_balance", answers.ActionAnswerCheckBalance())
    assert reply.startswith("Vous avez droit au relevé d'information intégral")
    assert "à la préfecture, en général par courrier" in reply


@pytest.mark.parametrize("text", ["j'ai pas FranceConnect, comment je connais mes points ?",
                                  "je peux savoir mes points sans internet ?"])
def test_without_franceconnect_asked_first(domain, text):
    _, reply = __import__("tests.actions.test_what_if", fromlist=["run"]).run(
        answers.ActionAnswerCheckBalance(), make_tracker(text=text, intent="ask_check_balance", entities=parsed(text)),
        domain)
    assert reply.startswith("FranceConnect s'ouvre avec un compte") and "relevé d'information intégral" in reply


# --- 1. short follow-ups after an answer: what to do next, how sure, not the question asked ----------------------

def late_48si(domain) -> Conversation:
    # T7 c33: a 48SI received 3 weeks ago (10 November 2026): the 10 days ended on 20 November (R19, R20)
    return Conversation(domain, "Bonjour jai recu une lettre 48SI il y a 3 semaines mais je lai pas ouverte tout de "
                                "suite", "ask_letter", answers.ActionAnswerLetter(),
                        {"letter_code": "48SI", "letter_received": True, "licence_status": "invalidated",
                         "letter_48n_date": "2026-11-10"})


def test_a_48si_whose_ten_days_are_over_says_so(domain):
    reply = late_48si(domain).reply
    assert "au plus tard le 20 novembre 2026" in reply and "Ce délai est passé, mais vous devez toujours le rendre" \
        in reply
    assert "devez le remettre à la préfecture dans les 10 jours, soit" not in reply


@pytest.mark.parametrize("text, intent, action", [
    ("mais le 20 novembre cest passé ! je fais quoi la ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("je fais quoi alors ?", "help", answers.ActionHelp()),
    ("du coup je fais comment ?", "help", answers.ActionHelp()),
])
def test_what_to_do_after_a_late_48si(domain, text, intent, action):
    chat = late_48si(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("En résumé : la lettre 48SI") and "faites-le sans attendre" in reply
    assert reply.count("\n") == 0  # one line, not the whole answer again


REFUND_OPENING = ("jai pas payé mon amende du coup elle est majorée a 375 et la jai recu la 48N, si je fais le stage "
                  "on me rembourse quoi ?")
REFUND_SLOTS = {"letter_code": "48N", "letter_48n_date": "2026-11-02", "stage_first_day": "2027-01-14"}


def refund_answer(domain) -> Conversation:
    return Conversation(domain, REFUND_OPENING, "ask_refund_48n", answers.ActionAnswerRefund48n(), REFUND_SLOTS)


@pytest.mark.parametrize("text, intent, action", [
    ("je fais quoi alors ?", "help", answers.ActionHelp()),
    ("ok et concrètement je dois faire quoi ?", "ask_stage_info", answers.ActionAnswerStageInfo()),
])
def test_what_to_do_after_an_answer_whose_result_is_no_instruction(domain, text, intent, action):
    chat = refund_answer(domain)
    assert chat.reply.startswith("Il n'y a rien à vous rembourser")
    reply = chat.say(text, intent, action)
    assert reply.startswith("Concrètement :\n- Envoyez au comptable public (Trésor)")
    assert "au plus tard le 30 janvier 2027" in reply and "Il n'y a rien à vous rembourser" not in reply


@pytest.mark.parametrize("text, intent, action", [
    ("donc je paye rien du tout, ni les 375 ? cest sur ?", "nlu_fallback", fallback.ActionSuggestQuestions()),  # c31
    ("ok donc le recouvrement s'arrête, c'est sûr ?", "affirm", corrections.ActionApplyCorrection()),
    ("vous êtes sûr de vous ?", "affirm", corrections.ActionApplyCorrection()),
])
def test_how_sure_at_the_end_of_a_paraphrase(domain, text, intent, action):
    chat = refund_answer(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Ce résultat applique l'article L.223-6 du Code de la route")
    assert "Il n'y a rien à vous rembourser" not in reply


@pytest.mark.parametrize("text, intent, action", [
    ("c'est pas ma question", "deny", corrections.ActionApplyCorrection()),
    ("vous avez pas répondu", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("tu réponds pas à ma question", "help", answers.ActionHelp()),
    ("ce n'est pas ce que j'ai demandé", "deny", corrections.ActionApplyCorrection()),
    ("vous ne m'avez pas répondu", "help", answers.ActionHelp()),
])
def test_not_the_question_asked_gets_an_apology_and_keeps_the_facts(domain, text, intent, action):
    chat = refund_answer(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("Pardon, j'ai mal compris votre question. Pouvez-vous la reformuler")
    assert "lettre reçue le 2 novembre 2026" in reply and "stage le 14 janvier 2027" in reply
    assert "lettre 48N" in reply and "inutile de le répéter" in reply
    assert chat.slots.get("letter_48n_date") == "2026-11-02"  # kept


# --- 2. "je pourrai reconduire le 10 ?" after a suspension, an invalidation or a balance at 0 ---------------------

def suspended_stage(domain, opening: str, **slots) -> Conversation:
    known = {"licence_status": "suspended", "current_balance": 5, "stage_first_day": "2026-12-08",
             "licence_date": "2010", "previous_stage_date": "none", **slots}
    return Conversation(domain, opening, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), known)


@pytest.mark.parametrize("text, intent, action", [
    ("et je pourrai reconduire le 10 du coup ?", "nlu_fallback", fallback.ActionSuggestQuestions()),  # T7 c38
    ("je pourrai reconduire le 10 ?", "ask_zero_points", answers.ActionAnswerZeroPoints()),
    ("donc je peux conduire le 10 décembre ?", "ask_suspension", answers.ActionAnswerSuspension()),
])
def test_driving_again_after_a_stage_during_a_suspension_of_unknown_start(domain, text, intent, action):
    chat = suspended_stage(domain, "je suis suspendu 2 mois (suspension du prefet), j'ai 5 points, je fais le stage "
                                   "les 8 et 9 decembre, jaurai combien ?")
    assert "avec effet au 10 décembre 2026" in chat.reply
    reply = chat.say(text, intent, action)
    assert reply.startswith("Seulement si votre suspension est terminée ce jour-là. Le stage vous rend vos points le "
                            "10 décembre 2026, mais il ne raccourcit pas la suspension.")
    assert "article L.224-16" in reply and "ma réponse change" not in reply


@pytest.mark.parametrize("text, intent, action, lead", [
    ("je pourrai reconduire le 10 ?", "ask_zero_points", answers.ActionAnswerZeroPoints(),
     "Non, pas le 10 décembre 2026 : vous pourrez reconduire à partir du 15 décembre 2026"),
    ("et le 16 décembre je peux rouler ?", "nlu_fallback", fallback.ActionSuggestQuestions(),
     "Oui, le 16 décembre 2026 la suspension sera terminée : vous pourrez reconduire à partir du 15 décembre 2026"),
    ("je peux conduire quand ?", "ask_zero_points", answers.ActionAnswerZeroPoints(),
     "Vous pourrez reconduire à partir du 15 décembre 2026"),
])
def test_driving_again_at_the_end_of_the_suspension_told(domain, text, intent, action, lead):
    opening = "suspendu 2 mois depuis le 15 octobre, j'ai 5 points, stage les 8 et 9 décembre, j'aurai combien ?"
    chat = suspended_stage(domain, opening)
    reply = chat.say(text, intent, action)
    assert reply.startswith(lead) and "à la fin de la suspension de 2 mois" in reply  # 15/10 + 2 months


def test_driving_again_after_an_invalidation_is_the_new_licence(domain):
    known = {"letter_code": "48SI", "letter_48n_date": "2026-11-10", "licence_status": "invalidated",
             "licence_handed_back_date": "2026-12-02"}
    chat = Conversation(domain, "et les 6 mois ils commencent quand du coup si je le rends demain ?",
                        "ask_zero_points", answers.ActionAnswerZeroPoints(), known)
    assert "à partir du 2 juin 2027" in chat.reply
    for text, lead in (("je pourrai reconduire le 10 ?", "Non, pas le 10 décembre 2026 : après l'invalidation"),
                       ("je pourrai conduire quand ?", "Après l'invalidation")):
        reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
        assert reply.startswith(lead)
        assert "vous ne pourrez conduire qu'avec un nouveau permis, que vous pourrez obtenir au plus tôt le 2 juin " \
               "2027" in reply and "article L.223-5" in reply


@pytest.mark.parametrize("text", ["je peux encore conduire le 10 ?", "et je peux rouler en attendant ?"])
def test_driving_at_zero_points_before_the_48si(domain, text):
    opening = "mon solde est a 0 sur mes points permis mais jai pas recu de lettre 48SI. je peux encore faire un stage ?"
    chat = Conversation(domain, opening, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        {"letter_code": "48SI", "letter_received": False})
    reply = chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints())
    assert reply.startswith("Oui, ") and "tant que la lettre 48SI ne vous a pas été notifiée" in reply


@pytest.mark.parametrize("text", ["mon avocat a pas répondu", "j'ai pas répondu à la lettre", "la préfecture répond pas"])
def test_someone_else_not_answering_is_no_complaint_about_the_answer(text):
    from actions.follow_ups import _NOT_MY_QUESTION
    from bot.nlu.fact_parsing import fold
    assert not _NOT_MY_QUESTION.search(fold(text))


@pytest.mark.parametrize("text", ["excès de 10 km/h sur une nationale, combien de points ?",
                                  "flashé à 12 km/h de trop sur une départementale, je perds quoi ?",
                                  "combien pour 8 km/h au-dessus hors agglomération ?"])
def test_an_excess_asked_on_a_road_out_of_town_says_which_class(domain, text):
    from tests.actions.test_what_if import run
    entities = parsed(text, "2026-12-01")
    excess = next(e["value"] for e in entities if e["entity"] == "speed_excess")
    _, said = run(answers.ActionAnswerOffencePoints(),
                  make_tracker(slots={"offence_type": "speeding", "speed_excess": excess}, text=text,
                               intent="ask_offence_points", entities=entities), domain)
    assert said.startswith(f"Excès de {excess} km/h : retrait de 1 point")
    assert "la limite est de 80 km/h" in said and "contravention de 3e classe, récupérée en 2 ans" in said
