"""Tester T15 (main 92d145c, BOT_TODAY=2026-12-01): short follow-ups the NLU read as a stage question, and got the
stage's sheet (or a stage form's questions), though they ask about the offence just answered.

- c20: after a passenger's seatbelt (no points for the driver, R21), "et moi si j'oublie la mienne ?" asks the driver's
  own seatbelt: 3 points, 4th class, 135 € (R4, R.412-1).
- c34: after a company car's fine paid without naming the driver (no points, R21 example 2), "et si on désigne le
  salarié, il perd combien ?" asks the offence's points once the driver is named (L.121-6): 105 km/h for 90, 15 over,
  1 point, 3rd class, 68 € (R4, R.413-14), with the limit told, not asked again.
"""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import answers, forms
from tests.actions.test_answers import run
from tests.actions.conftest import parsed
from tests.actions.test_t13_offences import TODAY, Conversation
from tests.actions.test_what_if import mapped_slots

pytestmark = pytest.mark.usefixtures("first_of_december")


def _said(chat: Conversation, action, text: str, intent: str):
    """The follow-up `text` read as `intent` and run through `action`: (its events, what it said)."""
    return run(action, chat.tracker(text, intent), chat.domain)


def offence_answered(domain, text: str) -> Conversation:
    """A conversation opened by an offence's question, its facts in the slots as the form leaves them."""
    return Conversation(domain, text, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(text, TODAY), domain))


def passenger_seatbelt(domain) -> Conversation:
    chat = offence_answered(domain, "ma passagere avait pas mis sa ceinture, c'est moi qui perd les points ?")
    assert "aucun point n'est retiré" in chat.reply
    return chat


@pytest.mark.parametrize("text", [
    "ok merci et moi si j'oublie la mienne ?",  # t15-c20
    "et si c'est moi qui ne la mets pas ?",
    "et moi le conducteur ?",
    "et si moi je l'oublie ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_info", answers.ActionAnswerStageInfo()),  # (the NLU's reading of the tester's)
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_the_driver_asking_after_a_passenger_s_seatbelt_gets_their_own_points(domain, text, intent, action):
    chat = passenger_seatbelt(domain)
    _, said = _said(chat, action, text, intent)
    assert said.startswith("Si c'est vous, le conducteur, qui ne portez pas votre ceinture :"), said
    assert "Conducteur sans ceinture de sécurité : retrait de 3 points (contravention de 4e classe)" in said
    assert "135 €" in said and "stage" not in said


def test_a_child_passenger_then_the_driver_themself(domain):
    chat = passenger_seatbelt(domain)
    chat.say("et si c'est mon fils de 10 ans qui est pas attaché a l'arriere ?", "ask_offence_points",
             answers.ActionAnswerOffencePoints())
    _, said = _said(chat, answers.ActionAnswerStageInfo(), "et moi si j'oublie la mienne ?", "ask_stage_info")
    assert "retrait de 3 points" in said and "135 €" in said


def test_a_passenger_follow_up_about_someone_else_is_not_the_driver_s(domain):
    chat = passenger_seatbelt(domain)
    _, said = _said(chat, answers.ActionAnswerOffencePoints(), "et si c'est ma fille de 12 ans ?", "ask_offence_points")
    assert "Si c'est vous, le conducteur" not in said


COMPANY_CAR = ("Bonjour, je suis gérante d'une petite boîte, une de nos voitures de société a été flashée à 105 sur une "
               "route à 90 (vitesse retenue). Si la société paie sans désigner le salarié, quelqu'un perd des points ?")


@pytest.mark.parametrize("text", [
    "et si on désigne le salarié, il perd combien ?",  # t15-c34
    "et s'il est désigné, il perd combien de points ?",
    "et si on donne son nom, ça lui coûte quoi ?",
])
@pytest.mark.parametrize("intent, action", [
    ("ask_stage_info", answers.ActionAnswerStageInfo()),  # (the NLU's reading of the tester's)
    ("ask_offence_points", answers.ActionAnswerOffencePoints()),
])
def test_the_driver_named_after_a_company_s_fine_gets_the_offence_s_points_with_the_limit_told(
        domain, text, intent, action):
    chat = offence_answered(domain, COMPANY_CAR)
    assert "sans désigner le conducteur : aucun point n'est retiré" in chat.reply
    _, said = _said(chat, action, text, intent)
    assert said.startswith("Si l'entreprise désigne le salarié qui conduisait, l'avis de contravention lui est adressé "
                           "et c'est lui qui perd les points, le jour où l'amende est payée (article L.121-6"), said
    assert "Excès de 15 km/h (105 km/h retenus pour 90 km/h autorisés) : retrait de 1 point (contravention de 3e " \
           "classe)" in said
    assert "68 €" in said and "sous réserve de : la limite" not in said and "stage" not in said


# --- c13: a balance question read as the points after a stage; then, its questions asked, the stage said not asked

STOP_PAID = "j'ai payé une amende pour un stop le 28/02/2026, je recup mes points quand ?"
STOP_SLOTS = {"fine_payment_date": "2026-02-28", "last_offence_points": 4, "offence_class": "c4",
              "offence_type": "stop_sign"}


def stop_recovery(domain) -> Conversation:
    chat = Conversation(domain, STOP_PAID, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), dict(STOP_SLOTS))
    assert "28 février 2029" in chat.reply
    return chat


def form_run(chat: Conversation, validator, text: str, intent: str, requested=None):
    tracker = chat.tracker(text, intent, form=validator.form_name())
    if requested:
        tracker.slots["requested_slot"] = requested
        tracker.events.insert(-1, {"event": "slot", "name": "requested_slot", "value": requested})
    return asyncio.run(validator.run(CollectingDispatcher(), tracker, chat.domain))


@pytest.mark.parametrize("text", [
    "et j'avais 8 points avant, j'en ai combien maintenant ?",  # t15-c13
    "j'avais 8 points avant ce stop, il m'en reste combien ?",
    "donc avec mes 8 points d'avant, combien il me reste ?",
])
def test_a_balance_asked_after_a_recovery_is_computed_not_the_stage_s_questions(domain, text):
    chat = stop_recovery(domain)
    # read as the points after a stage (0.57), the form opens: it asks nothing, the answer replies in context
    tracker = chat.tracker(text, "ask_points_after_stage", form="points_after_stage_form")
    asked = asyncio.run(forms.ValidatePointsAfterStageForm().next_requested_slot(CollectingDispatcher(), tracker, domain))
    assert asked == {"event": "slot", "name": "requested_slot", "value": None, "timestamp": None}
    _, said = _said(chat, answers.ActionAnswerPointsAfterStage(), text, "ask_points_after_stage")
    assert "4 points" in said and "8 points" in said and "stage vous rend" not in said, said


@pytest.mark.parametrize("text", [
    "quel stage ?? j'ai pas parlé de stage. j'avais 8 points avant le stop, il m'en reste combien",  # t15-c13
    "je parle pas de stage ! je veux savoir combien il me reste, j'avais 8 points",
    "je veux pas faire de stage, j'avais 8 points, j'en ai combien ?",
])
@pytest.mark.parametrize("intent", ["ask_points_after_stage", "ask_check_balance"])
def test_a_stage_said_not_asked_while_its_day_is_asked_ends_its_questions_with_the_balance(domain, text, intent):
    chat = stop_recovery(domain)
    chat.slots.update({"licence_date": "2015", "current_balance": 8})
    events = form_run(chat, forms.ValidatePointsAfterStageForm(), text, intent, requested="stage_first_day")
    assert events == [{"event": "slot", "name": "requested_slot", "value": None, "timestamp": None}]
    _, said = _said(chat, answers.ActionAnswerPointsAfterStage(), text, intent)
    assert said.startswith("Pardon, je vous ai mal compris : je laisse le stage de côté. Voici votre solde.")
    assert "Solde aujourd'hui : 4 points (8 points avant l'infraction" in said, said


@pytest.mark.parametrize("text", [
    "et avec un stage il m'en reste combien ?",  # a stage named: its question
    "je passe à combien après ?",
])
def test_a_stage_s_question_stays_one(domain, text):
    chat = stop_recovery(domain)
    chat.slots.update({"current_balance": 8})
    from actions.follow_ups import balance_asked_without_a_stage
    assert balance_asked_without_a_stage(chat.tracker(text, "ask_points_after_stage")) is None


# --- c24: "un stage ça va plus vite ?" at 9 points: yes, 12 the day after the stage, instead of the full recovery's day

TURN_SIGNAL = ("bjr, amende pour pas avoir mis le clignotant, payée le 1er fevrier 2026, 3 points en moins. c la seule "
               "infraction que j'ai jamais eu. je les recupere quand ?")


def turn_signal_recovery(domain) -> Conversation:
    return Conversation(domain, TURN_SIGNAL, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        {"fine_payment_date": "2026-02-01", "last_offence_points": 3, "offence_class": "c2",
                         "offence_type": "no_indicator"})


@pytest.mark.parametrize("text", [
    "merci, et si je fais un stage ca va plus vite ?",  # t15-c24
    "un stage ça accélère les choses ?",
    "et avec un stage je les récupère plus vite ?",
])
def test_a_stage_that_brings_the_balance_to_twelve_is_said_sooner(domain, text):
    chat = turn_signal_recovery(domain)
    assert "1er février 2028" in chat.reply
    _, said = _said(chat, answers.ActionAnswerPointsAfterStage(), text, "ask_points_after_stage")
    assert said.startswith("Oui, pour retrouver vos 12 points : avec 9 points (12 moins les 3 points de votre "
                           "infraction, si vous n'en aviez pas perdu d'autres), un stage vous rend 3 points le "
                           "lendemain de son 2e jour et vous ramène à 12 points dès ce jour-là, au lieu du 1er février "
                           "2028 sans stage."), said
    assert "L.223-6" in said


def test_a_stage_that_cannot_reach_twelve_is_said_to_give_its_points_sooner(domain):
    chat = turn_signal_recovery(domain)
    chat.slots["current_balance"] = 5
    _, said = _said(chat, answers.ActionAnswerPointsAfterStage(), "et si je fais un stage ca va plus vite ?",
                    "ask_points_after_stage")
    assert said.startswith("En partie : avec 5 points, un stage vous rend 4 points le lendemain de son 2e jour (9 "
                           "points), plus tôt ; vos 12 points reviennent le 1er février 2028 avec ou sans stage."), said


# --- c31: the payment's month said with the day not known: the safe day at once (R8–R10 count from the payment)

@pytest.mark.parametrize("text", [
    "mars 2026 je vous dis, le jour meme, je sais plus le jour exact",  # t15-c31
    "en mars, je me souviens plus du jour",
    "payé en mars 2026 mais je sais plus quel jour",
])
def test_a_payment_month_said_with_its_day_not_known_counts_from_the_safe_day_at_once(domain, text):
    chat = Conversation(domain, "c'etait un feu rouge en mars, paye direct", "inform",
                        answers.ActionAnswerAutoRecovery(), {"offence_type": "red_light"})
    dispatcher = CollectingDispatcher()
    tracker = chat.tracker(text, "inform", form="auto_recovery_form")
    found = forms.ValidateAutoRecoveryForm().validate_fine_payment_date(
        tracker.slots_to_validate().get("fine_payment_date") or "2026-03", dispatcher, tracker, domain)
    assert found["fine_payment_date"] == "2026-03-31", found
    assert dispatcher.messages[0]["text"].startswith("Sans le jour exact, je compte à partir du 31 mars 2026, la date "
                                                     "la plus prudente")


def test_a_stage_said_not_asked_after_the_balance_s_own_answer_this_turn_is_not_answered_twice(domain):
    # "je parle pas de stage ! je veux savoir combien il me reste" read as the balance's question while the stage's form
    # waited (t15-c23): the balance's action answers first, then the form ends without saying the balance again
    chat = stop_recovery(domain)
    chat.slots.update({"licence_date": "2015", "current_balance": 8})
    text = "je parle pas de stage ! je veux savoir combien il me reste"
    events = form_run(chat, forms.ValidatePointsAfterStageForm(), text, "ask_check_balance", requested="stage_first_day")
    assert events == [{"event": "slot", "name": "requested_slot", "value": None, "timestamp": None}]
    tracker = chat.tracker(text, "ask_check_balance")
    tracker.events.append({"event": "action", "name": "action_answer_check_balance"})
    _, said = run(answers.ActionAnswerPointsAfterStage(), tracker, domain)
    assert said == "Pardon, je vous ai mal compris : je laisse le stage de côté.", said


# --- c06: a probationary licence without any offence is at its ceiling every day: a stage gives nothing, whatever its day

AAC_NO_OFFENCE = {"licence_date": "2025-06-15", "supervised_driving": True, "complementary_training": False,
                  "current_balance": 9, "probation_offence": False}


@pytest.mark.parametrize("text", [
    "et si je fais un stage ca me met a 12 direct ?",  # t15-c06
    "un stage me ferait gagner combien ?",
    "avec un stage je passe à combien ?",
])
def test_a_probation_without_offence_at_its_ceiling_is_not_asked_the_stage_s_day(domain, text):
    chat = Conversation(domain, "coucou, j'ai fait la conduite accompagnée et j'ai eu mon permis le 15 juin 2025. j'ai "
                                "combien de points la ?", "ask_probation", answers.ActionAnswerProbation(),
                        dict(AAC_NO_OFFENCE))
    assert "9 points" in chat.reply and "15 juin 2027" in chat.reply
    tracker = chat.tracker(text, "ask_points_after_stage", form="points_after_stage_form")
    validator = forms.ValidatePointsAfterStageForm()
    required = asyncio.run(validator.required_slots(
        domain["forms"]["points_after_stage_form"]["required_slots"], CollectingDispatcher(), tracker, domain))
    assert "stage_first_day" not in required and "previous_stage_date" not in required
    _, said = _said(chat, answers.ActionAnswerPointsAfterStage(), text, "ask_points_after_stage")
    assert said.startswith("Aucun point à gagner : votre solde (9) est déjà au plafond de 9 points"), said


def test_a_probation_with_an_offence_is_still_asked_the_stage_s_day(domain):
    chat = Conversation(domain, "permis le 15 juin 2025 en conduite accompagnée", "ask_probation",
                        answers.ActionAnswerProbation(), {**AAC_NO_OFFENCE, "probation_offence": True,
                                                          "current_balance": 6})
    tracker = chat.tracker("et si je fais un stage ?", "ask_points_after_stage", form="points_after_stage_form")
    required = asyncio.run(forms.ValidatePointsAfterStageForm().required_slots(
        domain["forms"]["points_after_stage_form"]["required_slots"], CollectingDispatcher(), tracker, domain))
    assert "stage_first_day" in required


# --- c22: "Combien de points et quand je les récupère ?" after an offence told: both questions, the points too

@pytest.mark.parametrize("text", [
    "Je me suis fait arrêter à 145 sur une route à 90 le 12 novembre 2025, j'ai payé le 1er décembre 2025. Combien de "
    "points et quand je les récupère ?",  # t15-c22
    "feu rouge grillé le 3 octobre, payé le 10. ça fait combien de points et je les récupère quand ?",
    "flashé à 128 sur une route à 110, payé le 2 novembre. je perds combien de points et quand est-ce qu'ils reviennent ?",
])
def test_a_bare_count_of_points_after_an_offence_told_is_the_offence_s_question(text):
    from actions.two_part import question_clauses, question_of
    assert [question_of(clause, text) for clause in question_clauses(text)] == \
        ["ask_offence_points", "ask_auto_recovery"]


def test_a_bare_count_of_points_without_an_offence_is_not_read_as_one():
    from actions.two_part import question_of
    text = "j'ai payé le 3 mars, combien de points et quand je les récupère ?"
    assert question_of("combien de points", text) is None


# --- c35: "ce n'est pas plafonné à 8 ?" after offences of different days: no, the cap is for one check only (R3)

SEPARATE_DAYS = ("j'ai grillé un feu rouge le 5 janvier 2026 et le lendemain un stop, j'ai payé les deux le 20 janvier. "
                 "j'avais 12 points, il m'en reste combien ?")


@pytest.mark.parametrize("story, opening", [
    (SEPARATE_DAYS, "Non : le plafond de 8 points ne vaut que pour des infractions commises en même temps"),  # t15-c35
    ("feu rouge le 3 mars et stop le 10 avril, payés tous les deux, j'avais 12 points, il me reste combien ?",
     "Non : le plafond de 8 points"),
    ("contrôlé hier : téléphone, ceinture et 35 km/h de trop, j'avais 12 points, il me reste combien ?",
     "Oui : le plafond de 8 points"),
])
def test_the_cap_asked_after_several_offences_says_whether_it_applies_to_them(domain, story, opening):
    chat = Conversation(domain, story, "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        mapped_slots(parsed(story, TODAY), domain))
    # (read as an offence's question: "plafonné" is one of its words, actions.two_part)
    _, said = _said(chat, answers.ActionAnswerOffencePoints(), "c'est pas plafonné a 8 max normalement ?",
                    "ask_offence_points")
    assert said.startswith(opening), said
    assert "article L.223-2 du Code de la route" in said and "Stop non respecté" not in said


def test_the_cap_asked_with_a_stage_s_question_is_answered_after_the_stage_not_an_offence_s_block(domain):
    from actions.two_part import ActionAnswerOtherQuestion
    chat = Conversation(domain, SEPARATE_DAYS, "ask_check_balance", answers.ActionAnswerCheckBalance(),
                        mapped_slots(parsed(SEPARATE_DAYS, TODAY), domain))
    chat.say("c'est pas plafonné a 8 max normalement ? et un stage ca me remonte a combien", "ask_points_after_stage",
             answers.ActionAnswerPointsAfterStage())
    _, said = run(ActionAnswerOtherQuestion(), chat.tracker("Non, jamais", "deny"), domain)
    assert said.startswith("Non : le plafond de 8 points ne vaut que pour des infractions commises en même temps"), said
