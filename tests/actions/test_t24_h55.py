"""T24 (outside tester's hard conversations of 1 December 2026), items of branch h55."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_what_if import Conversation, mapped_slots
from tests.actions.conftest import parsed

C26_FIRST = ("Bonjour, une question pour ma cliente : elle a reçu un courrier 48SI le 2 novembre 2026. Elle a fait un "
             "stage les 28 et 29 octobre 2026. Est-ce qu'elle garde son permis ? Elle avait -2 points d'après le calcul.")


def client_with_a_stage_before_her_48si(domain) -> Conversation:
    slots = mapped_slots(parsed(C26_FIRST, "2026-12-01"), domain)
    return Conversation(domain, C26_FIRST, "ask_zero_points", answers.ActionAnswerZeroPoints(), slots,
                        today="2026-12-01")


def test_a_stage_ended_before_the_48si_saved_the_licence(domain, first_of_december):
    # T24 c26: the stage of 28-29 October ended before the 48SI was notified on 2 November: it counts, -2 + 4 = 2,
    # the licence is saved (R18, CE 29/09/2023 n° 461479); CE 17/04/2025 only refuses a stage after the notification
    chat = client_with_a_stage_before_her_48si(domain)
    for reply in (chat.reply, chat.say("non mais elle avait -2 points avant le stage, la 48SI est arrivée après le "
                                       "stage. Elle garde son permis ?", "ask_zero_points",
                                       answers.ActionAnswerZeroPoints())):
        assert "a sauvé son permis" in reply and "(-2 + 4)" in reply and "2 points" in reply
        assert "Aucun point" not in reply and "préfet doit refuser" not in reply
        assert "rendez-le" not in reply and "nouveau permis" not in reply and "sous réserve" not in reply


def test_a_stage_after_the_48si_is_still_too_late(domain, first_of_december):
    # R18 example 5: the 48SI notified before the stage ended: the préfet refuses its points (CE 17/04/2025)
    text = ("elle a reçu la 48SI le 2 novembre 2026, puis elle a fait un stage les 5 et 6 novembre 2026, elle avait -2 "
            "points. Un stage peut la sauver ?")
    chat = Conversation(domain, text, "ask_zero_points", answers.ActionAnswerZeroPoints(),
                        mapped_slots(parsed(text, "2026-12-01"), domain), today="2026-12-01")
    assert "a sauvé" not in chat.reply and "ne peut donc plus sauver" in chat.reply


@pytest.mark.parametrize("answer", [
    "le 15 je crois. c'est pas 2 ans pour récupérer ?",  # T24 c28
    "le 15. Et il récupère quand ?",
])
def test_a_day_then_a_question_completes_the_month_awaited(domain, answer):
    # T24 c28: to "Quel jour de décembre 2024 ?", "le 15 je crois. c'est pas 2 ans ?" was read as 15 November 2026
    from actions import forms
    from tests.actions.conftest import make_tracker
    from tests.actions.test_forms import refused_month, run
    known = {"last_offence_points": 4, "offence_class": "c4"}
    slots, history = refused_month("fine_payment_date", "2024-12", "auto_recovery_form",
                                   forms.ValidateAutoRecoveryForm, domain, slots=known)
    tracker = make_tracker(new_slots={"fine_payment_date": "2026-11-15"}, text=answer,
                           requested_slot="fine_payment_date", form="auto_recovery_form", history=history, slots=slots)
    slots, _ = run(forms.ValidateAutoRecoveryForm(), tracker, domain)
    assert slots["fine_payment_date"] == "2024-12-15"


def test_a_day_corrected_in_the_next_sentence_is_not_the_first():
    from actions import slot_values
    assert slot_values.day_in_month_given_before("le 15. non, le 16", "2024-12") is None


C01_FIRST = ("Bonjour, je suis secrétaire dans une auto-école. Un de nos anciens élèves a eu son permis le 14 mars 2024 "
             "(filière classique). Il s'est fait flasher à 97 sur une route à 80 en juin 2025, amende payée début "
             "juillet, puis téléphone au volant le 3 février 2026, payé le 20 février. Combien de points il a "
             "aujourd'hui ?")


def test_a_payment_month_of_the_story_gives_the_balance(domain, first_of_december):
    # T24 c01: "amende payée début juillet" after "flasher en juin 2025" is July 2025 (read July 2026: 4/8, a point
    # back on 31 January 2027). The point came back 6 months after the payment, before the phone (R8); the phone
    # (3 points, paid 20 February 2026) leaves 5 of the ceiling 8 (R5, R7); 12 points 3 years after its payment (R9)
    slots = {**mapped_slots(parsed(C01_FIRST, "2026-12-01"), domain), "complementary_training": False}
    chat = Conversation(domain, C01_FIRST, "ask_check_balance", answers.ActionAnswerCheckBalance(), slots,
                        today="2026-12-01")
    assert "5 points sur 8" in chat.reply, chat.reply
    assert "juillet 2026" not in chat.reply and "31 janvier 2027" not in chat.reply
    assert "20 février 2029" in chat.reply


C10_FIRST = ("Bonjour !! Alors voilà je suis la secrétaire de l'auto-école Pilote 2000. Un ancien élève, Kevin, nous "
             "appelle paniqué. Il a eu son permis B le 20 avril 2023, pas de conduite accompagnée. En mai 2023 il a pris "
             "une amende pour ceinture (payée), puis en octobre 2024 un excès de 35 km/h sur autoroute, amende payée en "
             "novembre 2024, il a reçu la lettre 48N le 2 décembre 2024 mais il n'a pas fait le stage. Et là le mois "
             "dernier il s'est fait arrêter avec son téléphone à la main. Il se demande s'il a encore son permis, "
             "combien il lui reste de points, et s'il peut faire un stage. Merci beaucoup !!!")


def test_a_long_story_balance_counts_only_the_established_retraits(domain, first_of_december):
    # T24 c10: "Pilote 2000" made "an offence before the licence"; then the 0 of November 2024 (6 - 3 - 3, R5) was
    # said "-3", counting the phone of November 2026 not established yet (R2); a stage now gives 0 + 4 (R18)
    chat = Conversation(domain, C10_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C10_FIRST, "2026-12-01"), domain), today="2026-12-01")
    reply = chat.say("ok mais donc il a encore son permis ? combien de points il lui reste ?", "ask_check_balance",
                     answers.ActionAnswerCheckBalance())
    assert "avant l'obtention du permis" not in chat.reply + reply
    assert "0 point" in reply and "-3" not in reply and "(0 + 4 = 4 points)" in reply, reply
