"""T22 (replay tester, conversations of 1 December 2026), items of branch h47: the balance asked after the offences of
one check, a warning taken for an invalidation, ..."""
from __future__ import annotations

from actions import answers, corrections, invalidation_law
from tests.actions.test_what_if import Conversation

CHECK = ("Bonjour, j'ai un permis probatoire depuis le 15 mai 2024. Hier soir j'ai été contrôlé : téléphone en main ET "
         "pas de ceinture ET 40 au lieu de 30. Je vais perdre combien ? j'ai peur de perdre mon permis")


def probationary_check(domain) -> Conversation:
    # T22 c25: year 3 of probation (ceiling 10), phone + seatbelt + 10 km/h over in a 30 at one check: 7 points (R3,
    # R4), 10 → 3 and a 48N (R5, R15); the answer warns of a 48SI "si votre solde est de 7 points ou moins"
    slots = {"licence_date": "2024-05-15", "offence_date": "2026-11-30", "offence_type": "speeding",
             "speed_limit": 30, "speed_excess": 10, "speed_measured": 40, "probationary": True,
             "other_offences": ["phone", "seatbelt"]}
    return Conversation(domain, CHECK, "ask_offence_points", answers.ActionAnswerOffencePoints(), slots,
                        today="2026-12-01")


def test_a_warning_on_a_balance_not_known_is_not_the_licence_lost(domain, first_of_december):
    # T22 c25: "et après le contrôle d'hier, quand j'aurai payé, il me restera combien ?" got "Votre permis restera
    # valable jusqu'à la notification de la lettre 48SI" and the invalidation's exams: 3 points remain (R15, R18)
    chat = probationary_check(domain)
    assert "si votre solde est de 7 points ou moins" in chat.reply and "Il vous restera 3 points" in chat.reply
    for text in ("et après le controle d'hier, quand j'aurai payé, il me restera combien ?", "et après ?",
                 "c'est quoi la suite ?"):
        tracker = chat.tracker(text, "ask_points_after_stage")
        assert invalidation_law.invalidation_law_answer(tracker) is None, text


def test_the_balance_asked_after_the_check_s_offences_is_answered(domain, first_of_december):
    # T22 c25 turn 2: "j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée"
    # (read as facts) got "C'est noté. Quelle est votre question ?": the probation's balance is asked, with the
    # check's offences as the probation's offence (R7, R15)
    chat = probationary_check(domain)
    reply = chat.say("j'avais jamais eu d'infraction avant. donc il me restera combien ? pas de conduite accompagnée",
                     "nlu_fallback", corrections.ActionApplyCorrection())
    assert "Quelle est votre question" not in reply
    assert chat.slots.get("probation_offence") is True and chat.slots.get("offence_type") == "speeding"
