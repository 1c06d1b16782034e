"""T26 (outside tester's replay of T24's conversations), items of branch h59."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import make_tracker, parsed
from tests.actions.test_forms import run as run_form
from tests.actions.test_t24_h55 import C26_FIRST
from tests.actions.test_what_if import Conversation, mapped_slots

C26_INSISTS = ("ok mais elle garde son permis oui ou non ? elle avait -2 points avant le stage des 28-29 octobre, et "
               "la 48SI est arrivée le 2 novembre, après le stage")


def saved(reply: str) -> bool:
    return "a sauvé son permis" in reply and "(-2 + 4)" in reply and "remettre" not in reply \
        and "ne rend plus de points" not in reply


def test_c26_the_probation_form_asks_nothing_and_its_answer_says_the_licence_saved(domain, first_of_december):
    # T26 c26: read as ask_probation, the first message got the probation's rule in brief and 'À quelle date a-t-elle
    # obtenu son permis ?'; the stage ended before the 48SI's notification: saved, -2 + 4 = 2 (R18 example 2)
    entities = parsed(C26_FIRST, "2026-12-01")
    slots = mapped_slots(entities, domain)
    tracker = make_tracker(new_slots=slots, text=C26_FIRST, entities=entities, intent="ask_probation",
                           form="probation_form")
    set_by_form, messages = run_form(forms.ValidateProbationForm(), tracker, domain)
    assert set_by_form.get("requested_slot") is None and messages == []
    chat = Conversation(domain, C26_FIRST, "ask_probation", answers.ActionAnswerProbation(), slots, today="2026-12-01")
    assert saved(chat.reply)


@pytest.mark.parametrize("intent, action", [
    ("ask_letter", answers.ActionAnswerLetter()),
    ("ask_mandatory_stage", answers.ActionAnswerMandatoryStage()),
    ("ask_probation", answers.ActionAnswerProbation()),
    ("ask_zero_points", answers.ActionAnswerZeroPoints()),
])
def test_c26_the_insisting_message_gets_the_licence_saved_whatever_its_intent(domain, first_of_december, intent,
                                                                              action):
    # T26 c26 T3: 'La lettre 48SI lui notifie l'invalidation… deviez le remettre… un stage ne rend plus de points'
    slots = {**mapped_slots(parsed(C26_FIRST, "2026-12-01"), domain), "licence_date": "2008"}  # ("2008" told after)
    chat = Conversation(domain, C26_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots,
                        today="2026-12-01")
    assert saved(chat.say(C26_INSISTS, intent, action))


def test_c26_a_stage_after_the_48si_still_gets_the_letter_card(domain, first_of_december):
    # R18 example 5: the 48SI notified before the stage: no rescue said by the letter's answer
    text = "elle a reçu la 48SI le 2 novembre 2026, puis un stage les 5 et 6 novembre 2026, elle avait -2 points"
    chat = Conversation(domain, text, "ask_letter", answers.ActionAnswerLetter(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert "a sauvé" not in chat.reply


C12_FIRST = ("Mme Dupont, 12 points, a fait un excès de 12 km/h en ville (limitée à 50) le 03/03/2026, payé le "
             "10/03/2026, puis un feu rouge le 15/08/2026 payé le 1er septembre. Elle récupère son point quand ?")
C18_FIRST = ("elle a reçu hier une lettre recommandée avec marqué 48N en haut, elle a son permis depuis le 3 mai 2025, "
             "elle téléphonait au volant le 10 août 2026, amende payée le 25 août 2026. Elle a jusqu'à quand pour faire "
             "le stage et est-ce qu'elle sera remboursée de l'amende ?")


def test_c12_six_months_doubted_after_a_point_blocked_is_explained(domain, first_of_december):
    # T26 c12: 'c'est pas plutôt 6 mois ?' got 'je n'ai pas d'autre réponse que celle-ci' and the answer again; the 6
    # months hold without another offence, and the red light of 15 August fell inside them (R8)
    chat = Conversation(domain, C12_FIRST, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(),
                        mapped_slots(parsed(C12_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "ne revient pas le 10 septembre 2026" in chat.reply
    reply = chat.say("pourquoi ? le feu rouge c'est 5 mois après, c'est pas plutôt 6 mois qu'il faut attendre sans "
                     "infraction ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "pas d'autre réponse" not in reply
    assert "Les 6 mois valent pour une infraction qui n'a retiré qu'1 point" in reply
    assert "serait revenu le 10 septembre 2026" in reply and "l'infraction du 15 août 2026 a été commise" in reply
    assert "1er septembre 2029" in reply


def test_c18_six_months_doubted_after_the_48n_deadline_is_answered_no(domain, first_of_december):
    # T26 c18: 'c'est pas 6 mois plutôt le délai ?' got the deadline again without a 'non'; 4 months (R15, R.223-4)
    chat = Conversation(domain, C18_FIRST, "ask_mandatory_stage", answers.ActionAnswerMandatoryStage(),
                        mapped_slots(parsed(C18_FIRST, "2026-12-01"), domain), today="2026-12-01")
    assert "30 mars 2027" in chat.reply
    reply = chat.say("c'est pas 6 mois plutôt le délai ?", "ask_mandatory_stage", answers.ActionAnswerMandatoryStage())
    assert reply.startswith("Non : après une lettre 48N, le délai pour terminer le stage obligatoire est de 4 mois")
    assert "le 30 mars 2027 au plus tard" in reply and "1 point" in reply


@pytest.mark.parametrize("form", [forms.ValidateStageEligibilityForm, forms.ValidateMandatoryStageForm])
def test_c10_a_date_in_an_offence_sentence_is_not_a_stage_date(domain, first_of_december, form):
    # T26 c10: 'la ceinture c'était le 15/05/2023. donc il peut faire un stage maintenant pour sauver son permis ?',
    # several offences told (their day known): the seatbelt's day became 'Votre dernier stage avec points date du 15
    # mai 2023'; a date in the clause of an offence is that offence's
    text = "la ceinture c'était le 15/05/2023. donc il peut faire un stage maintenant pour sauver son permis ?"
    entities = parsed(text, "2026-12-01")
    tracker = make_tracker(slots={"offence_date": "2026-11", "licence_date": "2023-04-20"}, text=text,
                           entities=entities, intent="ask_stage_eligibility", form=form().form_name())
    slots, _ = run_form(form(), tracker, domain)
    assert "2023-05-15" not in (slots.get("previous_stage_date"), slots.get("stage_first_day"),
                                slots.get("letter_48n_date"), slots.get("licence_date"))
