"""Tester T9: informational follow-ups answered with the user's dates, facts given not asked again, a third person's
answer in the third person throughout."""
from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions import follow_ups
from actions.answers import ActionAnswerRefund48n
from tests.actions.conftest import make_tracker, parsed, user_said


def _run(action, tracker, domain):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, domain)
    return [m.get("text") for m in dispatcher.messages if m.get("text")], events


def _after(tracker, action_name, texts):
    """The tracker's events once `action_name` answered with `texts`."""
    return [*tracker.events, {"event": "action", "name": action_name},
            *({"event": "bot", "text": text} for text in texts),
            {"event": "slot", "name": "last_question", "value": action_name},
            {"event": "action", "name": "action_listen"}]


# T9 c37: stage 48N on 23-24 November 2026, the letter's date not told: the request's day is 9 December 2026 (R16
# example 1: 15 days after the stage's last day), not "dans les 15 jours" alone
C37_FIRST = ("mon fils a fait son stage 48N les 23 et 24 novembre. il doit envoyer la demande de remboursement avant "
             "quelle date ? et a qui ?")


def _c37_answer(first_of_december, domain):
    slots = {"stage_first_day": "2026-11-23", "letter_code": "48N"}
    tracker = make_tracker(slots=slots, intent="ask_refund_48n", text=C37_FIRST, entities=parsed(C37_FIRST, "2026-12-01"))
    texts, _ = _run(ActionAnswerRefund48n(), tracker, domain)
    return slots, tracker, texts


def test_the_refund_request_day_from_the_stage_told(first_of_december, domain):
    _, _, texts = _c37_answer(first_of_december, domain)
    answer = "\n".join(texts)
    assert "Envoyez la demande rapidement, au plus tard le 9 décembre 2026 (15 jours après le stage)" in answer
    assert "Envoyez au comptable public (Trésor) du lieu de l'infraction" in answer


@pytest.mark.parametrize("text, lead, late", [
    ("donc si il l'envoie le 10 decembre c trop tard ?", "Oui", True),  # T9 c37
    ("et le 12 décembre ça passe encore ?", "Non", True),
    ("si je l'envoie le 8 décembre je suis dans les temps ?", "Oui", False),
    ("le 9 décembre c'est trop tard ?", "Non", False),  # the last day is in time
    ("je peux l'envoyer le 15 ?", "Non", True),
])
def test_a_day_against_the_refund_request_day(first_of_december, domain, text, lead, late):
    slots, tracker, texts = _c37_answer(first_of_december, domain)
    then = make_tracker(slots={**slots, "last_question": "action_answer_refund_48n"}, intent="nlu_fallback", text=text,
                        entities=parsed(text, "2026-12-01"), history=_after(tracker, "action_answer_refund_48n", texts))
    reply = follow_ups.answer_in_context(then)
    assert reply.startswith(f"{lead} : le ")
    assert "au plus tard le 9 décembre 2026, 15 jours après la fin du stage" in reply
    assert ("aucun texte ne prévoit" in reply.lower()) == late  # spec R16: 15 days not a forfeiture [U]


def test_no_day_compared_when_the_answer_gave_no_request_day(first_of_december, domain):
    # the stage not told: "dans les 15 jours qui suivent la fin du stage", no day to measure against
    tracker = make_tracker(slots={"letter_code": "48N"}, intent="ask_refund_48n", text="je dois envoyer quoi et à qui ?")
    texts, _ = _run(ActionAnswerRefund48n(), tracker, domain)
    text = "le 10 décembre c'est trop tard ?"
    then = make_tracker(slots={"last_question": "action_answer_refund_48n"}, intent="nlu_fallback", text=text,
                        entities=parsed(text, "2026-12-01"), history=_after(tracker, "action_answer_refund_48n", texts))
    assert not (follow_ups.answer_in_context(then) or "").startswith(("Oui", "Non"))


# T9 c33: last stage 1-2 December 2025, today 1 December 2026; "le centre dit 1 an et 1 jour": allowed today, date à
# date; 2 December is the prudent date (R13 example 1)
C33_FIRST = ("Mon dernier stage c'était les 1er et 2 décembre 2025. Je peux en refaire un aujourd'hui ? le centre me "
             "dit 1 an et 1 jour")
C33_SLOTS = {"stage_first_day": "2026-12-01", "previous_stage_date": "2025-12-01"}


def _c33_answer(domain):
    from actions.answers import ActionAnswerStageEligibility
    tracker = make_tracker(slots=C33_SLOTS, intent="ask_stage_eligibility", text=C33_FIRST,
                           entities=parsed(C33_FIRST, "2026-12-01"))
    texts, _ = _run(ActionAnswerStageEligibility(), tracker, domain)
    return tracker, texts


def test_the_anniversary_day_says_the_centres_margin(first_of_december, domain):
    _, texts = _c33_answer(domain)
    answer = "\n".join(texts)
    assert "c'est permis (de date à date), mais beaucoup d'organisateurs exigent le 2 décembre 2026" in answer


@pytest.mark.parametrize("text, verdicts", [
    ("donc le centre a tort ? je commence un stage demain 2 decembre, ou aujourd'hui, c pareil ?",  # T9 c33
     ["le 1er décembre 2026 : le premier jour possible", "le 2 décembre 2026 : sans risque"]),
    ("il faut 1 an et 1 jour ou un an pile ?", []),
    ("je dois attendre le 2 ou je peux y aller le 1er ?",
     ["le 1er décembre 2026 : le premier jour possible", "le 2 décembre 2026 : sans risque"]),
    ("donc le centre se trompe ? il dit le 2 décembre", ["le 2 décembre 2026 : sans risque"]),
])
def test_how_the_year_between_stages_is_counted(first_of_december, domain, text, verdicts):
    from actions import informational
    tracker, texts = _c33_answer(domain)
    then = make_tracker(slots={**C33_SLOTS, "last_question": "action_answer_stage_eligibility"}, intent="ask_stage_info",
                        text=text, entities=parsed(text, "2026-12-01"),
                        history=_after(tracker, "action_answer_stage_eligibility", texts))
    dispatcher = CollectingDispatcher()
    informational.answer_stage_info(dispatcher, then)
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith("Le délai d'un an entre deux stages qui rendent des points se compte de date à date, du "
                            "premier jour du stage précédent (le 1er décembre 2025)")
    assert "un stage qui commence le 1er décembre 2026 vous rend des points" in reply
    assert "« 1 an et 1 jour » par prudence : un stage qui commence le 2 décembre 2026" in reply
    for verdict in verdicts:
        assert f"Un stage qui commence {verdict}" in reply


def test_a_stage_too_early_is_said_so(first_of_december, domain):
    tracker, texts = _c33_answer(domain)
    text = "et le 30 novembre ou le 1er décembre, c'est pareil ?"
    then = make_tracker(slots={**C33_SLOTS, "last_question": "action_answer_stage_eligibility"}, intent="ask_stage_info",
                        text=text, entities=parsed(text, "2026-12-01"),
                        history=_after(tracker, "action_answer_stage_eligibility", texts))
    reply = follow_ups.answer_in_context(then)
    assert "Un stage qui commence le 30 novembre 2027 : trop tôt" not in reply  # (not read as next year's)


# T9 c31: a stage booked the user cannot attend: the centre's cancellation terms (and the 48N's 4 months), not how to
# register; "non je parle d'annuler, pas de m'inscrire" after the card: that part
@pytest.mark.parametrize("text", [
    "Bonjour, j'ai réservé un stage pour le 17 décembre mais je ne peux plus y aller. Je suis remboursé ?",  # T9 c31
    "je suis inscrit au stage du 12 mais je serai malade, je récupère mon argent ?",
    "finalement je pourrai pas y aller au stage, je perds ce que j'ai payé ?",
])
def test_a_booked_stage_not_attended_gets_the_cancellation_terms(text):
    from actions.informational import answer_stage_info
    dispatcher = CollectingDispatcher()
    answer_stage_info(dispatcher, make_tracker(text=text, intent="ask_stage_info", entities=parsed(text, "2026-12-01")))
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith("Annulation ou report : le remboursement ou le report dépend des conditions générales de "
                            "vente du centre")
    assert "dans les 4 mois qui suivent sa réception (article R.223-4 du Code de la route)" in reply
    assert "Inscrivez-vous" not in reply


@pytest.mark.parametrize("text, starts", [
    ("non je parle d'annuler, pas de m'inscrire", "Annulation ou report"),  # T9 c31
    ("je voulais dire le prix, pas l'inscription", "Le prix est fixé librement"),
    ("ma question c'est comment on s'inscrit", "Inscrivez-vous directement"),
])
def test_the_part_of_the_stage_card_named_after_it(text, starts):
    from actions.corrections import ActionApplyCorrection
    import asyncio
    first = "j'ai réservé un stage pour le 17 décembre, je peux plus y aller"
    history = [user_said(first, "ask_stage_info"), {"event": "action", "name": "action_answer_stage_info"},
               {"event": "bot", "text": "Inscrivez-vous directement auprès d'un centre agréé par une préfecture."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(text=text, intent="deny", entities=parsed(text, "2026-12-01"), history=history)
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionApplyCorrection().run(dispatcher, tracker, {}))
    [reply] = [m["text"] for m in dispatcher.messages]
    assert reply.startswith(starts)


# T9 c29: licence 31 August 2026, no AAC, no training, no offence; "et si je fais la formation complémentaire en mars
# 2027 ?": a training to come, in its window (28 February to 31 August 2027): probation to 31 August 2028 (R6)
@pytest.mark.parametrize("text, intent", [
    ("et si je fais la formation complementaire en mars 2027 ca change quoi", "ask_probation"),  # T9 c29
    ("et si je suis la formation post-permis en avril 2027 ?", "inform"),
    ("si je passe la formation complémentaire le 15 juin 2027, je finis quand ?", "ask_probation"),
])
def test_a_training_to_come_in_a_hypothesis(first_of_december, domain, text, intent):
    from actions import answers, corrections
    from tests.actions.test_what_if import Conversation, run
    talk = Conversation(domain, "slt permis eu le 31 aout 2026, jaurai 8 pts quand ?", "ask_probation",
                        answers.ActionAnswerProbation(),
                        {"licence_date": "2026-08-31", "supervised_driving": False, "complementary_training": False,
                         "probation_offence": False})
    assert "probatoire jusqu'au 31 août 2029" in talk.reply
    action = answers.ActionAnswerProbation() if intent == "ask_probation" else corrections.ActionApplyCorrection()
    events, reply = run(action, talk.tracker(text, intent), domain)
    assert "ne peut pas être dans le futur" not in reply
    assert "Avec la formation complémentaire suivie entre le 6e et le 12e mois du permis (du 28 février 2027 au 31 " \
           "août 2027) et sans infraction, la période probatoire se terminera le 31 août 2028" in reply
    assert reply.startswith("Si vous suivez la formation complémentaire")


# T9 c36: after the answer on the stage the prosecutor proposed instead of prosecution, "et si c'est une composition
# pénale ?": that stage's answer: no points, and the composition pénale, once executed, withdraws the offence's points
# (R2 edge case, R11 case 3)
C36_FIRST = "le procureur ma proposé un stage a la place des poursuites, est ce que ca me redonne des points ??"


@pytest.mark.parametrize("text, intent, says", [
    ("et si cest une composition penale ?", "nlu_fallback",  # T9 c36
     ["composition pénale proposée par le procureur (cas 3) ne rend pas de points",
      "La composition pénale, elle, retire les points de l'infraction le jour où elle est exécutée"]),
    ("et dans le cadre d'une composition pénale ?", "ask_stage_info",
     ["composition pénale proposée par le procureur (cas 3) ne rend pas de points"]),
    ("et si c'est le juge qui l'impose ?", "nlu_fallback", ["Le stage imposé par le juge"]),
])
def test_a_court_stage_of_another_kind_after_its_answer(first_of_december, domain, text, intent, says):
    from actions import informational
    from actions.fallback import ActionSuggestQuestions
    import asyncio
    first = make_tracker(text=C36_FIRST, intent="ask_points_after_stage", entities=parsed(C36_FIRST, "2026-12-01"))
    court = informational.court_stage_answer(first)
    assert court.startswith("Le stage proposé par le procureur à la place des poursuites")
    history = [*first.events, {"event": "action", "name": "action_answer_points_after_stage"},
               {"event": "bot", "text": court},
               {"event": "slot", "name": "last_question", "value": "action_answer_stage_eligibility"},
               {"event": "action", "name": "action_listen"}]
    then = make_tracker(slots={"last_question": "action_answer_stage_eligibility"}, text=text, intent=intent,
                        entities=parsed(text, "2026-12-01"), history=history)
    dispatcher = CollectingDispatcher()
    if intent == "nlu_fallback":
        events = ActionSuggestQuestions().run(dispatcher, then, domain)
        if asyncio.iscoroutine(events):
            asyncio.run(events)
    else:
        informational.answer_stage_info(dispatcher, then)
    reply = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    for said in says:
        assert said in reply


# T9 c26: the training's day told next to it, in a story with other dates: not asked again (R6)
@pytest.mark.parametrize("text", [
    "salut alors voila ma situation c un peu long. j'ai eu le permis le 20 janvier 2025 (pas de conduite accompagnee), "
    "j'ai fait la formation complementaire le 10 septembre 2025. en janvier 2026 j'etais a 8. et la le 1er mars 2026 je "
    "me suis fait flasher a +9 sur une route a 110, j'ai payé le 15 mars. du coup je suis a combien et je finis ma "
    "periode probatoire quand ?",  # T9 c26
    "permis le 20 janvier 2025, formation post-permis le 10 septembre 2025, flashé le 1er mars 2026 (+9 sur une route à "
    "110), payé le 15 mars 2026. je finis ma période probatoire quand ?",
    "Permis depuis le 20/01/2025, le 10/09/2025 j'ai suivi la formation complémentaire, puis en mars 2026 un excès de "
    "9 km/h payé le 15/03/2026 : fin du probatoire quand ?",
])
def test_the_training_day_told_in_a_story_is_not_asked_again(domain, text):
    from actions import forms
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_probation_facts import mapped_slots
    slots = mapped_slots(domain, text, "ask_probation")
    tracker = make_tracker(intent="ask_probation", text=text, entities=parsed(text), new_slots=slots)
    filled, _ = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert filled.get("training_date") == "2025-09-10"
    assert filled.get("requested_slot") != "training_date"


# T9 c10, c30: the earlier stage told by its pronoun, with the stage asked about: kept, not asked again (R13)
@pytest.mark.parametrize("text, slots, previous", [
    ("elle peut faire un stage en janvier pour remonter ? elle n'en a jamais fait",  # T9 c10
     {"licence_date": "2023-05-05", "supervised_driving": False, "fine_payment_date": "2024-02-18",
      "offence_date": "2024-02-03", "last_offence_points": 2, "probation_offence": True}, "none"),
    ("du coup je fais un stage vite fait la semaine prochaine ? j'en ai fait un le 10 janvier 2026",  # T9 c30
     {"current_balance": 0}, "2026-01-10"),
    ("je peux refaire un stage en février ? j'en ai déjà fait un le 10 janvier 2026", {}, "2026-01-10"),
    ("un stage le mois prochain, c'est possible ? il n'en a jamais suivi aucun", {}, "none"),
    ("un stage la semaine prochaine, ça passe ? il en a suivi un le 10 janvier 2026", {}, "2026-01-10"),
])
def test_the_earlier_stage_told_by_its_pronoun_is_not_asked(first_of_december, domain, text, slots, previous):
    from actions import forms
    from tests.actions.test_forms import run as run_form
    from tests.actions.test_probation_facts import mapped_slots
    # (Rasa fills a text slot with the last of the entity values that match its mapping)
    new = {slot: value[-1] if isinstance(value, list) else value
           for slot, value in mapped_slots(domain, text, "ask_stage_eligibility", "2026-12-01").items()}
    tracker = make_tracker(slots=slots, intent="ask_stage_eligibility", text=text,
                           entities=parsed(text, "2026-12-01"), new_slots=new, form="stage_eligibility_form")
    filled, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert filled.get("previous_stage_date") == previous
    assert filled.get("requested_slot") != "previous_stage_date"


# T9 c10, c40: the balance of the retraits told, said by the probation's own run before the common one, speaks of the
# client or the daughter, not to the user
C10_FIRST = ("Bonjour, je suis conseillère dans une auto-école. Une cliente a son permis depuis le 5 mai 2023 (filière "
             "traditionnelle). Elle a perdu 2 points pour un excès de 25 km/h commis le 3 février 2024, amende payée le "
             "18 février 2024. Combien a-t-elle aujourd'hui ?")
C40_FIRST = ("bonjour, ma fille a son permis depuis le 4 juillet 2023, sans conduite accompagnée. Elle a grillé un feu "
             "rouge le 1er mars 2024 et a payé le 10 mars 2024. Ensuite elle a fait un stage les 6 et 7 mai 2024. Elle a "
             "combien de points aujourd'hui et quand aura-t-elle 12 ?")


@pytest.mark.parametrize("text, slots, pronoun", [
    (C10_FIRST, {"licence_date": "2023-05-05", "supervised_driving": False, "offence_date": "2024-02-03",
                 "last_offence_points": 2, "fine_payment_date": "2024-02-18", "probation_offence": True,
                 "offence_class": "c4", "offence_type": "speeding", "speed_excess": 25}, "elle"),
    (C40_FIRST, {"licence_date": "2023-07-04", "supervised_driving": False, "offence_date": "2024-03-01",
                 "last_offence_points": 4, "fine_payment_date": "2024-03-10", "probation_offence": True,
                 "offence_class": "c4", "offence_type": "red_light", "stage_first_day": "2024-05-06"}, "elle"),
    ("mon élève a eu son permis le 5 mai 2023, il a perdu 2 points pour un excès de 25 km/h commis le 3 février "
     "2024, payé le 18 février 2024, il a combien ?",
     {"licence_date": "2023-05-05", "supervised_driving": False, "offence_date": "2024-02-03",
      "last_offence_points": 2, "fine_payment_date": "2024-02-18", "probation_offence": True,
      "offence_class": "c4", "offence_type": "speeding", "speed_excess": 25}, "il"),
])
def test_the_balance_of_someone_else_is_said_of_them(first_of_december, domain, text, slots, pronoun):
    from actions.answers import ActionAnswerProbation
    tracker = make_tracker(slots=slots, intent="ask_check_balance", text=text, entities=parsed(text, "2026-12-01"))
    texts, _ = _run(ActionAnswerProbation(), tracker, domain)
    answer = "\n".join(texts)
    assert "Solde aujourd'hui" in answer
    assert "votre permis" not in answer and "si vous aviez" not in answer, answer
    assert f"si {pronoun} avait" in answer or "s'il avait" in answer


def test_no_stage_before_told_with_a_stage_question_keeps_the_balance_of_the_retraits(first_of_december, domain):
    # T9 c10: "elle n'en a jamais fait" with the stage question, after the balance of the retraits told (4 points): that
    # balance, not asked again (R1, R8)
    from actions import forms
    from tests.actions.test_forms import run as run_form
    first = C10_FIRST
    slots = {"licence_date": "2023-05-05", "supervised_driving": False, "offence_date": "2024-02-03",
             "last_offence_points": 2, "fine_payment_date": "2024-02-18", "probation_offence": True,
             "offence_class": "c4", "offence_type": "speeding", "speed_excess": 25,
             "last_question": "action_answer_check_balance"}
    text = "elle peut faire un stage en janvier pour remonter ? elle n'en a jamais fait"
    history = [user_said(first, "ask_check_balance"), {"event": "action", "name": "action_answer_probation"},
               {"event": "bot", "text": "Solde aujourd'hui : 4 points, si elle avait 6 points avant l'infraction."},
               {"event": "action", "name": "action_listen"}]
    tracker = make_tracker(slots=slots, new_slots={"previous_stage_date": False, "stage_first_day": "2027-01"},
                           intent="ask_stage_eligibility", text=text, entities=parsed(text, "2026-12-01"),
                           history=history, form="stage_eligibility_form")
    filled, _ = run_form(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert filled.get("current_balance") == 4
    assert filled.get("requested_slot") != "current_balance"
