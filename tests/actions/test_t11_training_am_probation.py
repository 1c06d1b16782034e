"""Tester T11 (BOT_TODAY 2026-12-01): the complementary training asked about (c11, c12), the AM licence (c15), and an
offence's consequences in probation (c04, c05, c13)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_what_if import Conversation, run


# --- c12: "c quoi la formation complémentaire ?" is no "I followed it" ------------------------------------------


@pytest.mark.parametrize("text", [
    "c quoi la formation complementaire ? ca sert a quoi",
    "la formation complementaire post permis, c quoi",
    "qu'est-ce que la formation post-permis ?",
    "la formation complémentaire, ça sert à quoi ?",
    "explique moi la formation complementaire",
])
def test_a_question_of_what_the_training_is_tells_no_training(text):
    assert not [e for e in parsed(text, "2026-12-01") if e["entity"] == "complementary_training"]


@pytest.mark.parametrize("text", [
    "j'ai fait la formation complémentaire, ça sert à quoi ?",
    "permis en 2025 avec formation complémentaire, j'ai combien ?",
    "formation complémentaire faite en mars, c'est quoi mon solde ?",
])
def test_a_training_told_is_still_read(text):
    assert [e["value"] for e in parsed(text, "2026-12-01") if e["entity"] == "complementary_training"] == [True]


def test_what_the_training_is_gets_its_rule_before_the_licence_date(domain, first_of_december):
    # R6: 7 hours, between the 6th and the 12th month; probation 3 years -> 2, AAC 2 years -> 18 months
    text = "c quoi la formation complementaire ? ca sert a quoi"
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, entities=parsed(text, "2026-12-01"))
    events, messages = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert messages[0].startswith("En bref : la formation complémentaire (7 heures, entre le 6e et le 12e mois")
    assert "2 ans au lieu de 3" in messages[0] and "18 mois" in messages[0]
    assert events.get("complementary_training") is None


@pytest.mark.parametrize("text", ["la formation complementaire post permis, c quoi",
                                  "et la formation complémentaire c'est quoi exactement ?"])
def test_what_the_training_is_while_the_licence_date_is_asked(domain, first_of_december, text):
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, requested_slot="licence_date",
                           entities=parsed(text, "2026-12-01"),
                           history=[{"event": "active_loop", "name": "probation_form"}])
    events, messages = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert messages and messages[0].startswith("En bref : la formation complémentaire (7 heures")
    assert events.get("requested_slot") == "licence_date"


def _validate(action, tracker, domain):
    import asyncio
    from rasa_sdk.executor import CollectingDispatcher
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, domain))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, [m["text"] for m in dispatcher.messages]


# --- c11: "et si je fais la formation complémentaire maintenant ?" -------------------------------------------------


def aac_licence_of_june_2025(domain) -> Conversation:
    # R5 example 2: AAC licence 15 June 2025, no offence: 9 points on 1 December 2026, 12 on 15 June 2027
    slots = {"licence_date": "2025-06-15", "supervised_driving": True, "complementary_training": False,
             "probation_offence": False}
    return Conversation(domain, "j'ai eu mon permis le 15 juin 2025 en conduite accompagnée, jamais eu d'amende. "
                                "J'ai combien de points ?", "ask_probation", answers.ActionAnswerProbation(), slots)


@pytest.mark.parametrize("text", [
    "et si je fais la formation complementaire maintenant ?",
    "et si je fais la formation post-permis ?",
    "si je la fais maintenant la formation complémentaire, ça change quoi ?",
])
def test_a_training_now_is_outside_its_window(domain, first_of_december, text):
    chat = aac_licence_of_june_2025(domain)
    assert "9 points" in chat.reply and "15 juin 2027" in chat.reply
    reply = chat.say(text, "ask_probation", answers.ActionAnswerProbation())
    # R6: the window ran from the 6th to the 12th month: 15 December 2025 to 15 June 2026; no reduction now
    assert "du 15 décembre 2025 au 15 juin 2026" in reply and "ne réduirait pas la période probatoire" in reply
    assert "15 juin 2027" in reply and "À quelle date" not in reply
    assert chat.slots.get("training_date") is None and chat.slots.get("complementary_training") is False


def test_a_training_in_its_window_still_shortens_the_probation(domain, first_of_december):
    # R6 example 2 shape: AAC licence 1 April 2026, training today (month 8) -> end 1 October 2027 (18 months)
    slots = {"licence_date": "2026-04-01", "supervised_driving": True, "complementary_training": False,
             "probation_offence": False}
    chat = Conversation(domain, "permis le 1er avril 2026 en conduite accompagnée, aucune infraction, j'ai combien ?",
                        "ask_probation", answers.ActionAnswerProbation(), slots)
    reply = chat.say("et si je fais la formation complémentaire maintenant ?", "ask_probation",
                     answers.ActionAnswerProbation())
    assert "1er octobre 2027" in reply and "ne réduirait pas" not in reply


# --- c15: the AM licence (ex-BSR) has no points --------------------------------------------------------------------

from actions import informational  # noqa: E402

AM_ONLY = [
    "je sais pas, elle a juste le permis AM (BSR), elle perd des points ?",
    "mon fils n'a que le BSR, il a grillé un stop en scooter, il perd des points ?",
    "feu rouge en scooter 50 cm3, elle a pas de permis B, combien de points ?",
    "et si c'est ma fille de 16 ans en scooter 50cc qui grille le feu, elle a pas de permis B ?",
]


@pytest.mark.parametrize("text", AM_ONLY)
def test_the_am_licence_alone_is_outside_the_points_system(text):
    assert informational.am_licence_only(text)
    assert "n'est pas soumise au permis à points" in informational.outside_the_points_system(text)


@pytest.mark.parametrize("text", [
    "j'ai le permis B et le BSR, j'ai grillé un feu rouge en voiture, combien de points ?",
    "j'ai grillé un feu rouge avec mon scooter 125, combien de points ?",
    "j'ai grillé un feu rouge, combien de points ?",
])
def test_a_licence_with_points_is_not_the_am_licence(text):
    assert not informational.am_licence_only(text)


def test_a_50cc_is_no_count_of_points():
    text = "et si c'est ma fille de 16 ans en scooter 50cc qui grille le feu, elle a pas de permis B ?"
    assert not [e for e in parsed(text, "2026-12-01") if e["entity"] == "points"]


@pytest.mark.parametrize("text", AM_ONLY[:3])
@pytest.mark.parametrize("validator, form", [(forms.ValidateProbationForm(), "probation_form"),
                                             (forms.ValidateAutoRecoveryForm(), "auto_recovery_form")])
def test_no_form_asks_about_the_am_licence(domain, first_of_december, text, validator, form):
    tracker = make_tracker(intent="ask_probation", form=form, text=text, entities=parsed(text, "2026-12-01"))
    events, messages = _validate(validator, tracker, domain)
    assert events.get("requested_slot", "unset") is None and not messages


@pytest.mark.parametrize("action, intent", [(answers.ActionAnswerProbation(), "ask_probation"),
                                            (answers.ActionAnswerOffencePoints(), "ask_offence_points")])
def test_the_answer_says_the_am_licence_has_no_points(domain, first_of_december, action, intent):
    text = AM_ONLY[0]
    tracker = make_tracker(intent=intent, text=text, entities=parsed(text, "2026-12-01"),
                           slots={"licence_date": "2025-06", "supervised_driving": False})
    _, reply = run(action, tracker, domain)
    assert reply.startswith("Avec le seul permis AM") and "F2890" in reply and "?" not in reply


# --- c04, c05: the offence answered, on a probationary licence ----------------------------------------------------


def phone_answer(domain) -> Conversation:
    return Conversation(domain, "combien de points pour le telephone au volant", "ask_offence_points",
                        answers.ActionAnswerOffencePoints(), {"offence_type": "phone"})


@pytest.mark.parametrize("text, intent, action", [
    ("et si je suis en permis probatoire ?", "ask_probation", answers.ActionAnswerProbation()),
    ("et pour un jeune conducteur ?", "ask_probation", answers.ActionAnswerProbation()),
    ("mais si j'étais en proba ça change quoi ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
])
def test_probation_asked_after_an_offence_applies_to_that_offence(domain, first_of_december, text, intent, action):
    chat = phone_answer(domain)
    reply = chat.say(text, intent, action)
    assert reply.startswith("En permis probatoire, pour cette infraction :")
    assert "retrait de 3 points" in reply
    assert "entraîne une lettre 48N" in reply  # R15: 3 points or more
    assert "arrête aussi les points gagnés chaque année" in reply  # R7
    assert "ni prolongée ni recommencée" in reply
    assert "C'est une hypothèse" in reply and chat.slots.get("probationary") is None
    assert "À quelle date" not in reply


def speeding_of_one_point(domain) -> Conversation:
    return Conversation(domain, "ma femme a eu un flash a 62 au lieu de 50 en ville, elle perd combien ?",
                        "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        {"offence_type": "speeding", "speed_limit": 50, "speed_measured": 62})


@pytest.mark.parametrize("text, intent, action", [
    ("et elle est en permis probatoire depuis 2025, ca fait une lettre 48N ?", "ask_mandatory_stage",
     answers.ActionAnswerMandatoryStage()),
    ("elle est jeune conducteur, elle va recevoir une 48N ?", "ask_letter", answers.ActionAnswerLetter()),
])
def test_a_probation_told_after_a_one_point_offence_gives_no_48n(domain, first_of_december, text, intent, action):
    chat = speeding_of_one_point(domain)
    reply = chat.say(text, intent, action)
    # R15: the 48N needs one offence of 3 points or more; R7: the increments stop all the same
    assert reply.startswith("En permis probatoire, pour cette infraction :")
    assert "n'entraîne pas de lettre 48N" in reply and "arrête aussi les points gagnés" in reply
    assert "C'est une hypothèse" not in reply


@pytest.mark.parametrize("text, intent, action", [
    ("donc elle est obligee de faire un stage pour 1 point ??", "ask_stage_eligibility",
     answers.ActionAnswerStageEligibility()),
    ("elle doit faire un stage alors ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
])
def test_no_compulsory_stage_for_one_point(domain, first_of_december, text, intent, action):
    chat = speeding_of_one_point(domain)
    chat.say("et elle est en permis probatoire depuis 2025, ca fait une lettre 48N ?", "ask_mandatory_stage",
             answers.ActionAnswerMandatoryStage())
    reply = chat.say(text, intent, action)
    assert reply.startswith("Non : cette infraction retire 1 point, moins de 3 : elle n'entraîne pas de lettre 48N")
    assert "solde" not in reply and chat.slots.get("current_balance") is None


def test_a_stage_for_one_point_is_no_balance_told(domain, first_of_december):
    text = "donc elle est obligee de faire un stage pour 1 point ??"
    tracker = make_tracker(intent="ask_stage_eligibility", form="stage_eligibility_form", text=text,
                           entities=parsed(text, "2026-12-01"))
    events, _ = _validate(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert events.get("current_balance") is None


# --- c13: a stage before the 48N, and the offence's day said as "c'était le…" ----------------------------------------

PROBATION_ALCOHOL = {"licence_date": "2025-05-02", "offence_type": "alcohol", "last_offence_points": 6,
                     "fine_payment_date": "not_paid",  # ("j'ai pas encore payé", as in T11/T12 c13)
                     "probationary": True, "offence_date": "2026-11-20", "probation_offence": True}


@pytest.mark.parametrize("text", [
    "et si je fais le stage avant d'avoir la lettre ?",
    "je fais un stage maintenant ou j'attends la 48N ?",
    "je peux faire un stage sans attendre le courrier ?",
])
def test_a_stage_before_the_48n_waits_for_it(domain, first_of_december, text):
    history = [{"event": "bot", "text": "- L'infraction du 20 novembre 2026 (6 points) a été commise en période "
                                        "probatoire : un retrait de 3 points ou plus entraîne une lettre 48N."}]
    tracker = make_tracker(slots=PROBATION_ALCOHOL, intent="ask_mandatory_stage", text=text,
                           entities=parsed(text, "2026-12-01"), history=history)
    _, reply = run(answers.ActionAnswerMandatoryStage(), tracker, domain)
    # R14: wait for the 48N; a voluntary stage first probably does not meet the obligation. At 8 points, the ceiling,
    # the retrait not recorded yet, it would be credited nothing (R18 example 1), so it would not use up the year
    # (R13: a stage that credited nothing does not start it [S/U]); tester T12 c13 ("vous rendrait des points")
    assert reply.startswith("Mieux vaut attendre la lettre 48N"), reply
    assert "ne remplace pas le stage obligatoire" in reply and "ne vous rendrait aucun point" in reply
    assert "un an de date à date" not in reply


def test_a_stage_at_the_ceiling_is_said_to_give_nothing_only_while_the_fine_is_unpaid(first_of_december):
    # unpaid: the retrait surely not recorded on the stage's day, the stage capped at 8 (R18 example 1); paid lately,
    # the retrait may be recorded by then: the answer stays the year's (T7 c40)
    from datetime import date
    text = "et si je fais le stage avant d'avoir la lettre ?"
    unpaid = make_tracker(slots=PROBATION_ALCOHOL, intent="ask_mandatory_stage", text=text)
    paid = make_tracker(slots={**PROBATION_ALCOHOL, "fine_payment_date": "2026-11-25"}, intent="ask_mandatory_stage",
                        text=text)
    assert answers.balance_at_ceiling_before_the_retrait(unpaid, date(2026, 12, 1)) == 8
    assert answers.balance_at_ceiling_before_the_retrait(paid, date(2026, 12, 1)) is None


def test_the_offence_day_said_as_c_etait_is_kept(domain, first_of_december):
    text = "j'ai eu le permis le 2 mai 2025, pas d'autre infraction, et c'etait le 20 novembre 2026, j'ai pas encore payé"
    tracker = make_tracker(slots={"offence_type": "alcohol", "last_offence_points": 6}, intent="ask_probation",
                           form="probation_form", text=text, entities=parsed(text, "2026-12-01"),
                           new_slots={"licence_date": "2025-05-02"})
    events, _ = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert events.get("offence_date") == "2026-11-20"
    assert events.get("requested_slot") != "offence_date"


@pytest.mark.parametrize("text", ["je suis en probatoire depuis mars 2025, il me reste combien ?",
                                  "et si je suis en probatoire, mon plafond c'est quoi ?"])
def test_a_balance_asked_in_probation_is_not_the_offence_again(domain, first_of_december, text):
    chat = phone_answer(domain)
    tracker = chat.tracker(text, "ask_probation")
    from actions.follow_ups import answer_in_context
    reply = answer_in_context(tracker) or ""
    assert not reply.startswith("En permis probatoire, pour cette infraction")


def test_a_follow_up_opening_a_form_validates_no_fact_again(domain, first_of_december):
    # the year of the licence told with the probation ("depuis 2025") is not asked its month by the stage form that a
    # follow-up opened: the follow-up is answered (tester T11 c05)
    chat = speeding_of_one_point(domain)
    chat.say("et elle est en permis probatoire depuis 2025, ca fait une lettre 48N ?", "ask_mandatory_stage",
             answers.ActionAnswerMandatoryStage())
    text = "donc elle est obligee de faire un stage pour 1 point ??"
    tracker = chat.tracker(text, "ask_stage_eligibility", form="stage_eligibility_form")
    events, messages = _validate(forms.ValidateStageEligibilityForm(), tracker, domain)
    assert messages == [] and events.get("requested_slot", "unset") is None


def test_what_the_training_is_asked_with_the_licence_date_gets_its_rule(domain, first_of_december):
    text = "permis depuis mars 2026, c'est quoi la formation complémentaire ?"
    tracker = make_tracker(intent="ask_probation", form="probation_form", text=text, entities=parsed(text, "2026-12-01"),
                           new_slots={"licence_date": "2026-03"})
    _, messages = _validate(forms.ValidateProbationForm(), tracker, domain)
    assert messages and messages[0].startswith("En bref : la formation complémentaire (7 heures")
