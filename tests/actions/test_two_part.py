"""A message of two questions gets both answers; a story's question sentence says its question."""
from __future__ import annotations

import pytest

import asyncio

from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerRefund48n
from actions.two_part import ActionAnswerOtherQuestion, question_clauses, question_of, story_question, story_questions
from tests.actions.conftest import make_tracker, parsed

# R15 example 1 / R16 example 1: licence 2025-02-01, phone paid 2025-09-25 (3/6), 48N received 2025-11-14,
# compulsory stage 2026-01-12/13
R15_FACTS = {"licence_date": "2025-02-01", "supervised_driving": False, "letter_48n_date": "2025-11-14",
             "stage_first_day": "2026-01-12", "current_balance": 3, "previous_stage_date": "none"}


def _events_after(tracker_events, name, events, said=()):
    """The tracker's events once the action `name` ran, said the messages `said` and returned `events` (as the Rasa
    server records them)."""
    slot_events = [{"event": "slot", "name": e["name"], "value": e["value"]} for e in events if e.get("event") == "slot"]
    bot_events = [{"event": "bot", "text": m.get("text")} for m in said]
    return [*tracker_events, {"event": "action", "name": name}, *bot_events, *slot_events]


def two_answers(text, intent, slots, first_action, domain):
    first = CollectingDispatcher()
    tracker = make_tracker(slots=slots, intent=intent, text=text, entities=parsed(text))
    events = first_action().run(first, tracker, domain)
    assert FollowupAction("action_other_question") in events
    history = _events_after(tracker.events, first_action().name(), events, first.messages)
    after = make_tracker(slots={**slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}},
                         intent=intent, text=text, entities=parsed(text))
    after.events = history
    second = CollectingDispatcher()
    more = asyncio.run(ActionAnswerOtherQuestion().run(second, after, domain))
    return [m["text"] for m in first.messages], [m.get("text") for m in second.messages], more


def test_the_question_clauses_of_a_message_in_order():
    assert question_clauses("le stage me rend des points ? et l'amende est remboursée ?") == [
        "le stage me rend des points ?", "et l'amende est remboursée ?"]
    assert question_clauses("j'ai fait le stage le 12 et 13 janvier 2026, ca me fait combien et on me rembourse ?") \
        == ["j'ai fait le stage le 12 et 13 janvier 2026, ca me fait combien", "on me rembourse ?"]
    assert question_clauses("Combien de points il me reste et quand je récupère le point perdu ?") == [
        "Combien de points il me reste", "quand je récupère le point perdu ?"]
    assert question_clauses("permis en 2019. J'ai payé le 3 mars.") == []


def test_each_clause_is_read_as_the_question_its_words_ask():
    message = "Est-ce qu'il m'a rendu des points ? Et l'amende est remboursée ? (stage obligatoire)"
    assert question_of("Est-ce qu'il m'a rendu des points ?", message) == "ask_points_after_stage"
    assert question_of("Et l'amende est remboursée ?", message) == "ask_refund_48n"
    assert question_of("ca me fait combien", "le stage le 12, ca me fait combien") == "ask_points_after_stage"
    assert question_of("il va perdre combien de points ?") == "ask_offence_points"
    assert question_of("Combien de points il me reste") == "ask_check_balance"
    assert question_of("quand je récupère le point perdu ?") == "ask_auto_recovery"
    assert question_of("c'est grave docteur ?") is None
    assert question_of("et il coûte combien ?", "le stage me rend des points ? et il coûte combien ?") is None


@pytest.mark.parametrize("clause", ["Si il fait le stage il aura combien ?", "si je le fais je passe à combien ?",
                                    "et elle en aura combien après ?"])
def test_the_points_a_stage_will_leave_asked_in_any_person_are_the_stage_s_question(clause):
    # (the stage told in the story before: "mon fils est en probatoire, il a perdu 1 point, il fera le stage en mai")
    story = "Mon fils est en permis probatoire, il a perdu 1 point, il fera un stage en mai. " + clause
    assert question_of(clause, story) == "ask_points_after_stage"


def test_refund_then_the_points_of_the_same_compulsory_stage(domain):
    # R15 example 1 and R16 example 1: refunded (stage before 14 March 2026), and 3 + 4 capped at 6 on 2026-01-14
    text = "le stage obligatoire me rend des points ? et l'amende est remboursée ?"
    first, second, more = two_answers(text, "ask_refund_48n", R15_FACTS, ActionAnswerRefund48n, domain)
    assert "remboursée" in first[0] and "14 mars 2026" in first[0]
    assert "28 janvier 2026" in first[0]  # the request: 15 days after the stage (R16)
    assert len(second) == 1 and "6 points" in second[0] and "14 janvier 2026" in second[0]
    assert not any(isinstance(e, dict) and e.get("name") == "action_other_question" for e in more)


def test_a_late_stage_refused_then_its_points_asked_for_what_is_missing(domain):
    # R16 example 3: stage 2026-03-20/21 after the deadline of 2026-03-14 -> no refund; the points question next:
    # the balance is not known, so its form asks for it
    text = ("48N reçue le 14 novembre 2025, j'ai fait le stage le 20 et 21 mars 2026. Je serai remboursé de "
            "l'amende ? Et j'ai eu des points ?")
    slots = {"letter_48n_date": "2025-11-14", "stage_first_day": "2026-03-20"}
    first, second, more = two_answers(text, "ask_refund_48n", slots, ActionAnswerRefund48n, domain)
    assert first[0].startswith("Pas de remboursement") and "14 mars 2026" in first[0]
    assert second == [] and more == [FollowupAction("points_after_stage_form")]


def test_a_message_of_one_question_has_no_second_answer(domain):
    text = "le stage obligatoire fait dans les temps, l'amende est remboursée ?"
    tracker = make_tracker(slots=R15_FACTS, intent="ask_refund_48n", text=text, entities=parsed(text))
    events = ActionAnswerRefund48n().run(CollectingDispatcher(), tracker, domain)
    assert FollowupAction("action_other_question") not in events


def test_the_questions_of_a_story_are_the_clauses_of_its_question_sentence():
    son = ("bonjour mon fils a eu son permis en janvier 2026 et il s'est fait arreter avec le telephone a la main la "
           "semaine derniere, il va perdre combien de points ?")
    assert story_questions(son) == ["il va perdre combien de points ?"]
    assert story_questions(C2_AAC_30_ZONE) == ["Combien de points il me reste", "quand je récupère le point perdu ?"]
    assert story_questions("combien il me reste ?") == []


# Tester W item 3: a story, then a clear question, read unsure by the NLU (nlu_fallback)
C2_AAC_30_ZONE = ("Bonjour, j'ai eu mon permis le 10 juin 2025 après avoir fait la conduite accompagnée. Le 3 septembre "
                  "2026 j'ai été flashé en ville, zone 30, vitesse retenue 47. J'ai payé l'amende le 20 septembre "
                  "2026. Combien de points il me reste et quand je récupère le point perdu ?")
C3_SON_PHONE = ("bonjour mon fils a eu son permis en janvier 2026 et il s'est fait arreter avec le telephone a la main "
                "la semaine derniere, il va perdre combien de points ?")
C19_DAUGHTER_PEDESTRIAN = (
    "Bonsoir, je vous écris pour ma fille. Elle a eu son permis il y a 6 mois, sans conduite accompagnée. Hier elle "
    "n'a pas laissé passer un piéton sur un passage clouté et les gendarmes l'ont arrêtée. Elle est paniquée, elle a "
    "peur de perdre son permis. Est-ce qu'elle perd tout ?")


def unsure(domain, text):
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "nlu_fallback")
    tracker = make_tracker(new_slots=slots, intent="nlu_fallback", text=text, entities=parsed(text))
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.4},
                                                {"name": "ask_probation", "confidence": 0.36}]
    return tracker


def test_a_story_read_unsure_gets_the_question_of_its_question_clause(domain):
    from actions.fallback import ActionSuggestQuestions
    assert story_question(C3_SON_PHONE) == "ask_offence_points"
    assert story_question(C2_AAC_30_ZONE) == "ask_check_balance"
    assert story_question(C19_DAUGHTER_PEDESTRIAN) == "ask_zero_points"
    for text, then in ((C3_SON_PHONE, "offence_points_form"), (C2_AAC_30_ZONE, "action_answer_check_balance"),
                       (C19_DAUGHTER_PEDESTRIAN, "action_answer_zero_points")):
        dispatcher = CollectingDispatcher()
        assert ActionSuggestQuestions().run(dispatcher, unsure(domain, text), domain) == [FollowupAction(then)]
        assert dispatcher.messages == []  # no "J'ai noté les informations… mais pas votre question"


def test_the_stories_questions_are_answered_with_their_facts(domain):
    from actions.answers import ActionAnswerCheckBalance, ActionAnswerOffencePoints, ActionAnswerProbation, \
        ActionAnswerZeroPoints
    from tests.actions.test_probation_facts import run
    # C2: a probationary licence: the balance is the probation question, whose form asks what is missing (R5)
    c2 = unsure(domain, C2_AAC_30_ZONE)
    assert run(ActionAnswerCheckBalance(), c2, domain)[0] == [FollowupAction("probation_form")]
    # ... then, told no training and the offence in probation: AAC licence of 10 June 2025, 9 points on 10 June 2026
    # (R5), 47 km/h kept in a 30 zone = 1 point paid 20 September 2026 (R4): 8 of 9, the point back on 20 March
    # 2027 (R8), 12 on 20 September 2029 (R9)
    c2.slots.update(complementary_training=False, probation_offence=True, last_offence_points=1, offence_class="c4")
    _, text = run(ActionAnswerProbation(), c2, domain)
    assert text.startswith("Votre solde est aujourd'hui de 8 points sur 9")
    assert "revient le 20 mars 2027" in text and "12 points le 20 septembre 2029" in text
    # C3: the son's phone held in hand: 3 points, and a 48N in probation (R4, R15)
    _, text = run(ActionAnswerOffencePoints(), unsure(domain, C3_SON_PHONE), domain)
    assert "retrait de 3 points" in text and "48N" in text
    # C19: licence of 6 months (6 points), pedestrian not given way (6 points, R4): the balance falls to 0, the licence
    # stays valid until the 48SI and a stage before it saves it (R18, R20)
    _, text = run(ActionAnswerZeroPoints(), unsure(domain, C19_DAUGHTER_PEDESTRIAN), domain)
    # (said of the daughter, as every answer about another's licence: T15 c12)
    assert text.startswith("Son solde calculé est de 0") and "48SI" in text and "6 points" in text


# Tester W item 10 (C5): "faut envoyer la demande quand ?" after a refund answer, or while its form asks the stage
def test_when_to_send_the_refund_request_after_the_refund_answer(domain):
    # R16: 48N received 31 October 2026, stage 20-21 November 2026 (in time): the request within 15 days of the stage,
    # by 6 December 2026
    slots = {"letter_48n_date": "2026-10-31", "stage_first_day": "2026-11-20"}
    tracker = make_tracker(slots=slots, intent="ask_refund_48n", text="je serai remboursé ?")
    first = CollectingDispatcher()
    ActionAnswerRefund48n().run(first, tracker, domain)
    [answer] = [m["text"] for m in first.messages]
    assert "au plus tard le 6 décembre 2026" in answer
    history = [*tracker.events, {"event": "action", "name": "action_answer_refund_48n"},
               {"event": "bot", "text": answer},
               {"event": "slot", "name": "last_question", "value": "action_answer_refund_48n"}]
    text = "faut envoyer la demande quand ?"
    then = make_tracker(slots=slots, intent="ask_refund_48n", text=text, history=history)
    dispatcher = CollectingDispatcher()
    ActionAnswerRefund48n().run(dispatcher, then, domain)
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith("Envoyez la demande rapidement, au plus tard le 6 décembre 2026")
    assert "stage obligatoire doit être terminé" not in reply  # not the stage's deadline


def test_when_to_send_the_refund_request_before_the_stage_is_told(domain):
    # C5: 48N received 31 October 2026, the refund form asks the stage's day; "faut envoyer la demande quand ?": no
    # need of that day, the request goes within 15 days of the stage (R16)
    from actions.forms import ValidateRefund48nForm
    text = "faut envoyer la demande quand ?"
    tracker = make_tracker(slots={"letter_48n_date": "2026-10-31"}, intent="ask_refund_48n", text=text,
                           form="refund_48n_form", requested_slot="stage_first_day")
    required = asyncio.run(ValidateRefund48nForm().required_slots(
        ["letter_48n_date", "stage_first_day"], CollectingDispatcher(), tracker, domain))
    assert required == []
    dispatcher = CollectingDispatcher()
    ActionAnswerRefund48n().run(dispatcher, tracker, domain)
    [answer] = [m["text"] for m in dispatcher.messages]
    # spec R16: the 15 days are service-public's guidance [U], not R.223-8 (whose 15 days bind the organiser)
    assert "Envoyez la demande dans les 15 jours qui suivent la fin du stage (service-public.fr, fiche F14208 ; " \
           "à vérifier)" in answer
    assert "R.223-8" not in answer


def test_the_second_question_waits_for_the_facts_the_first_one_asked(domain):
    # R11 example 3 (tester X): "le stage obligatoire me rend des points ? et l'amende ?" -> the 48N's date asked for
    # the first question; once it is given and the first answered, the refund question comes (R16)
    text = "je suis jeune conducteur et j'ai recu une lettre 48N. le stage obligatoire me rend des points ? et l'amende ?"
    assert question_of("et l'amende ?", text) == "ask_refund_48n"
    history = [{"event": "user", "text": text,
                "parse_data": {"intent": {"name": "ask_mandatory_stage"}, "entities": parsed(text)}},
               {"event": "action", "name": "mandatory_stage_form"}]
    tracker = make_tracker(slots={"letter_48n_date": "2026-11-10"}, intent="inform", text="le 10 novembre 2026",
                           entities=parsed("le 10 novembre 2026"), history=history)
    from actions.two_part import other_question
    assert other_question(tracker, "action_answer_mandatory_stage") == "ask_points_after_stage"
    # a new question of its own since: nothing left of the earlier message
    later = make_tracker(intent="ask_auto_recovery", text="je récupère mes points quand ?", history=history)
    assert other_question(later, "action_answer_auto_recovery") is None


def test_the_other_question_is_answered_once_and_never_hands_the_turn_back(domain):
    # tester Z1 (R5 ex. 1): "J'ai combien de points aujourd'hui et quand j'aurai 12 ?" from a probationary driver:
    # the balance is the probation answer again, which handed the turn back to the other question: 10 answers
    from actions.two_part import then_other_question
    text = ("Bonjour, permis B obtenu le 10 mars 2024, filière classique, jamais eu d'infraction. J'ai combien de "
            "points aujourd'hui et quand j'aurai 12 ?")
    slots = {"licence_date": "2024-03-10", "supervised_driving": False, "training_done": False,
             "had_offence": False}
    asking = {"event": "user", "text": text, "parse_data": {"intent": {"name": "ask_probation"}, "entities": parsed(text)}}
    answered = [asking, {"event": "action", "name": "action_answer_probation"}]
    tracker = make_tracker(slots=slots, text="non", intent="deny", history=answered)
    events = asyncio.run(ActionAnswerOtherQuestion().run(CollectingDispatcher(), tracker, domain))
    assert FollowupAction("action_other_question") not in events
    # the probation answer already given is not given again
    from actions.answers import ActionAnswerProbation
    first = CollectingDispatcher()
    ActionAnswerProbation().run(first, tracker, domain)
    given = make_tracker(slots=slots, text="non", intent="deny",
                         history=answered + [{"event": "bot", "text": m["text"]} for m in first.messages])
    again = CollectingDispatcher()
    asyncio.run(ActionAnswerOtherQuestion().run(again, given, domain))
    assert first.messages and not [m for m in again.messages if m in first.messages]
    after_other = make_tracker(slots=slots, text="non", intent="deny",
                               history=answered + [{"event": "action", "name": "action_other_question"}])
    assert then_other_question(after_other, "action_answer_probation") == []


def test_a_second_answer_whose_every_line_the_first_gave_is_not_said_again(domain):
    # T1 c56: "il me reste combien et quand je récupère tout ?" with the balance before told: the recovery answer
    # gives the balance line too; the balance answer is the same lines in another order, it was sent a second time
    text = ("j'ai perdu 1 point pour un exces de 7 km/h sur autoroute paye le 15 janvier 2026, puis le 2 avril 2026 je "
            "me suis fait choper au telephone (paye le 20 avril). il me reste combien et quand je recupere tout ? "
            "j'avais 12 avant")
    from actions.answers import ActionAnswerAutoRecovery
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_auto_recovery")
    first, second, _ = two_answers(text, "ask_auto_recovery", slots, ActionAnswerAutoRecovery, domain)
    assert "8 points" in first[0] and "20 avril 2029" in first[0]
    assert second == []


def test_the_probation_answer_covers_the_balance_and_the_day_of_12_points():
    # T1 c16, c77: "j'ai combien de points maintenant et quand j'aurai 12 ?" of a probationary driver: the probation
    # answer gives both; the balance answer came after it, a second time (once with another count)
    from actions.two_part import ANSWER_COVERS
    assert {"ask_check_balance", "ask_auto_recovery"} <= set(ANSWER_COVERS["action_answer_probation"])


def test_may_i_drive_after_a_retention_is_answered_after_the_points(domain):
    # T1 c84: "permis retenu hier soir pour alcool 0,9 g, je peux conduire demain ? je vais perdre combien de points ?"
    # got the 6 points only; whether one may drive is answered too (no: retention, then suspension; L.224-16)
    from actions.answers import ActionAnswerOffencePoints
    from tests.actions.test_probation_facts import mapped_slots
    text = ("je me suis fait retenir le permis hier soir pour alcool 0,9 g, je peux conduire pour aller au boulot "
            "demain ? je vais perdre combien de points ?")
    slots = mapped_slots(domain, text, "ask_offence_points")
    first, second, _ = two_answers(text, "ask_offence_points", slots, ActionAnswerOffencePoints, domain)
    assert "6 points" in first[0]
    assert len(second) == 1 and second[0].startswith("Non : tant que la suspension ou la rétention dure")
    assert "L.224-16" in second[0]


def test_may_i_drive_is_a_suspension_question_only_when_a_retention_or_suspension_is_said():
    assert question_of("je peux conduire demain ?", "permis suspendu, je peux conduire demain ?") == "ask_suspension"
    assert question_of("je peux rouler quand même ?", "on m'a retiré mon permis, je peux rouler quand même ?") \
        == "ask_suspension"
    assert question_of("je peux conduire en Espagne ?", "jeune permis, je peux conduire en Espagne ?") is None


def test_can_i_do_a_stage_anyway_after_a_48n_question_is_answered_too(domain):
    # T1 c57: a probationary driver's 2-point excess: "je vais recevoir une 48N ? je peux faire un stage quand
    # même ?" got the 48N answer only; the stage question is asked next
    from actions.answers import ActionAnswerOffencePoints
    from tests.actions.test_probation_facts import mapped_slots
    text = ("jeune permis (obtenu 03/2025), j'ai perdu 2 points pour un exces de 25. Je vais recevoir une 48N ? je "
            "peux faire un stage quand meme ?")
    assert question_of("je peux faire un stage quand meme ?", text) == "ask_stage_eligibility"
    slots = mapped_slots(domain, text, "ask_offence_points")
    first, second, more = two_answers(text, "ask_offence_points", slots, ActionAnswerOffencePoints, domain)
    assert "2 points" in first[0]
    # (its form asks what it still needs: the previous stage, the balance)
    assert second == [] and more == [FollowupAction("stage_eligibility_form")]


def test_what_a_stage_will_leave_is_the_stage_question():
    # tester T1 c59: "si je fais le stage le 14 15 decembre jaurais combien de point ?" (a 48N story)
    message = "recu la 48N le 5 septembre. si je fais le stage le 14 15 decembre jaurais combien de point ?"
    assert story_question("permi obtenu le 2 fevrier 2026 en conduite acompagné. ja iperdu 3 point pour telefone, "
                          "payé le 10 aout 2026, " + message) == "ask_points_after_stage"
    assert question_of("combien j'aurai après le stage ?", "combien j'aurai après le stage ?") \
        == "ask_points_after_stage"


def test_the_retrait_timing_answer_covers_the_recovery_clock(domain):
    # tester T2, R2 ex. 3: "à partir de quand les points sont retirés ? et le délai de récup démarre quand ?" after a
    # conviction: the first answer gives the day the conviction is final and the clocks from it; a second answer
    # counted them from the judgment (1 September instead of 12 September)
    from actions.answers import ActionAnswerRetraitTiming
    from tests.actions.test_probation_facts import mapped_slots
    text = ("J'ai contesté une amende pour feu rouge, le tribunal de police m'a condamné le 1er septembre 2026. A partir "
            "de quand les points sont retirés ? et le délai de récup démarre quand ?")
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=mapped_slots(domain, text, "ask_retrait_timing"), intent="ask_retrait_timing",
                           text=text, entities=parsed(text))
    events = ActionAnswerRetraitTiming().run(dispatcher, tracker, domain)
    assert "12 septembre 2026" in dispatcher.messages[0]["text"]
    assert FollowupAction("action_other_question") not in events


@pytest.mark.parametrize("question", [
    "il me reste combien de points et quand est ce que je recupere tout ?",
    "Bref : combien il me reste ? et quand je récupère tous mes points ?",
])
def test_the_second_answer_does_not_say_again_the_balance_and_the_caveat_the_first_gave(domain, first_of_december,
                                                                                     question):
    # T8 c26: the recovery answer gives the balance (5, a year of 2023 taken as its 31 December, said); the balance's
    # answer after it said them again, each line and the date's caveat twice
    from actions.answers import ActionAnswerAutoRecovery
    from tests.actions.test_probation_facts import mapped_slots
    story = ("J'ai mon permis depuis 2011. En 2023 j'ai eu un flash a 64 au lieu de 50 en ville, j'ai payé direct. "
             "Ensuite je me suis fait arreter avec le telephone a la main, j'ai payé 90 euros le 20 janvier 2025. Le 3 "
             "septembre 2026 j'ai grillé un feu rouge et j'ai payé l'amende le 15 septembre 2026. " + question)
    slots = mapped_slots(domain, story, "ask_auto_recovery", today="2026-12-01")
    first, second, _ = two_answers(story, "ask_auto_recovery", slots, ActionAnswerAutoRecovery, domain)
    said_first = "\n".join(first)
    assert "Solde aujourd'hui : 5 points" in said_first and "2023" in said_first, said_first
    said_second = "\n".join(text or "" for text in second)
    assert "Solde aujourd'hui" not in said_second and "Vous avez indiqué 2023" not in said_second, said_second
