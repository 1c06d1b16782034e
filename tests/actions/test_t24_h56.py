"""T24 (outside tester's hard conversations of 1 December 2026), items of branch h56."""
from __future__ import annotations

from actions import answers
from tests.actions.conftest import parsed
from tests.actions.test_what_if import Conversation, mapped_slots

C11_FIRST = ("Bonjour, question pour un client : il a été flashé à 142 km/h sur une nationale limitée à 90 le 15 "
             "novembre 2025. Combien de points ? Et il récupère quand ?")


def client_judged_for_a_great_excess(domain) -> Conversation:
    chat = Conversation(domain, C11_FIRST, "ask_offence_points", answers.ActionAnswerOffencePoints(),
                        mapped_slots(parsed(C11_FIRST, "2026-12-01"), domain), today="2026-12-01")
    chat.slots.update({"fine_payment_date": "2026-03-31", "last_offence_points": 6, "offence_class": "c5"})
    return chat


def test_a_judgment_told_is_the_date_not_a_question_on_court(domain, first_of_december):
    # T24 c11: 52 km/h over on 15 November 2025 is a 5th class judged by the tribunal de police (R4, before the
    # délit of 29/12/2025); "il est passé au tribunal, jugement définitif en mars 2026" tells its réalité (R2), and
    # the answer is the recovery (R9: 3 years), not "elle se règle par l'amende forfaitaire"
    chat = client_judged_for_a_great_excess(domain)
    assert "contravention de 5e classe" in chat.reply
    for text in ("il est passé au tribunal, jugement définitif en mars 2026 (je sais pas le jour)",
                 "non mais il a été jugé, c'est fini. donc il récupère ses 6 points quand ?"):
        reply = chat.say(text, "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
        assert "amende forfaitaire" not in reply and "que si vous la contestez" not in reply
        assert "31 mars 2029" in reply


def test_the_same_excess_judged_later_is_counted_once(domain, first_of_december):
    # T24 c11: "jugement définitif le 31 mars 2026 pour l'excès de 52 km/h" is the judgment of the excess of
    # 15 November 2025, not a second excess (a délit since 29/12/2025): 6 points once, 3 years from the judgment (R9)
    chat = client_judged_for_a_great_excess(domain)
    reply = chat.say("je reformule : jugement définitif le 31 mars 2026 pour l'excès de 52 km/h, quand est-ce qu'il "
                     "retrouve ses 12 points ?", "ask_auto_recovery", answers.ActionAnswerAutoRecovery())
    assert "31 mars 2029" in reply
    assert "(délit)" not in reply and "6 points pour « excès de vitesse » (délit)" not in reply


def test_a_great_excess_before_the_delit_goes_to_the_tribunal_de_police(domain, first_of_december):
    # T24 c11 / R4: 52 km/h over on 15 November 2025 is a 5th class without amende forfaitaire (R.413-14-1): asked
    # "je vais passer au tribunal ?", not "elle se règle par l'amende forfaitaire indiquée", which the answer denied
    from actions import fallback
    chat = client_judged_for_a_great_excess(domain)
    reply = chat.say("il va passer au tribunal ?", "nlu_fallback", fallback.ActionSuggestQuestions())
    assert reply.startswith("Non : c'est une contravention de 5e classe, pas un délit")
    assert "tribunal de police qui la juge" in reply and "amende forfaitaire indiquée" not in reply
