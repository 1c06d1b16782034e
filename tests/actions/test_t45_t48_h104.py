"""Testers T45–T48 (1 December 2026), items of branch h104: a counterfactual offence never saved as a fact, and "c'était
une hypothèse" taking back one that was."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.conversation import opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"

# --- t48-c21: red light on 5 October 2023 paid on the 12th (12 → 8 → 12 on 12 October 2026), then "et si j'avais été
# flashé … en juin 2026 ?", then "c'était juste une hypothèse" (R1, R2, R9)

C21 = "bonjour j'avais 12 points, feu rouge le 5 octobre 2025 payé le 12 octobre 2025. il m'en reste combien ?"
C21_FIX = "ah non pardon c'etait en 2023, pas 2025"
C21_IF = "et si jvais ete flashé a +10 sur une route a 80 en juin 2026, payé le 1er juillet 2026 ?"
C21_UNDO = "non non c'etait juste une hypothese, en vrai j'ai rien eu depuis le feu rouge"


def c21_chat(domain):
    chat = opened(domain, C21, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 8 points"), chat.reply
    reply = chat.say(C21_FIX, "inform", answers.ActionAnswerCheckBalance())
    assert "Solde aujourd'hui : 12 points" in reply, reply
    return chat


def test_c21_a_counterfactual_offence_written_as_spoken_is_no_fact_of_the_balance(domain):
    # t48-c21: "et si jvais ete flashé a +10 … en juin 2026, payé le 1er juillet 2026 ?" (j'avais, as spoken) was read
    # as facts told: "C'est noté, je refais le calcul", 7 points, and kept so after "c'était juste une hypothèse". A
    # supposition is no retrait of the driver's (R1, R2): the red light of 2023 alone, 12 points since 12 October 2026
    from actions.fallback import ActionSuggestQuestions
    from actions.what_if import states_a_hypothesis
    assert states_a_hypothesis(C21_IF)
    chat = c21_chat(domain)
    reply = chat.say(C21_IF, "nlu_fallback", ActionSuggestQuestions())
    print(reply)
    assert "C'est noté" not in reply, reply
    then = chat.say("et j'ai combien de points aujourd'hui en vrai ?", "ask_check_balance",
                    answers.ActionAnswerCheckBalance())
    print(then)
    assert "Solde aujourd'hui : 12 points" in then or "olde aujourd'hui : 12 points" in then, then


# --- t48-c26: dangerous parking (3 points) and a child not belted (fine, no point), then "Donc 3 en tout ?" (R3, R4)

C26 = ("Bonjour. Mon mari a pris un PV pour stationnement dangereux et un autre pour non port de ceinture de notre fils "
       "de 8 ans à l'arrière. Combien de points en tout ?")
C26_PARKING = ("Arrêt ou stationnement dangereux : retrait de 3 points (contravention de 4e classe) (article R.417-9 du "
               "Code de la route).\n- Amende forfaitaire : 135 €.")
C26_TOTAL = "Donc 3 en tout ? Les deux c'était le même jour, au même contrôle"


def test_c26_the_total_of_the_offences_answered_one_by_one_is_confirmed(domain):
    # t48-c26: "Donc 3 en tout ? … au même contrôle" after the two offences' answers got "D'accord. Quelle est votre
    # question ?". R3: 3 + 0 = 3 points, under the cap of 8 for offences at one check
    from actions.fallback import ActionSuggestQuestions
    from actions.follow_ups import answer_in_context
    chat = opened(domain, C26, "ask_offence_points", answers.ActionAnswerOffencePoints(), TODAY)
    assert "aucun point" in chat.reply, chat.reply
    # (the parking's answer, said first in that turn by the form's two parts, as the tester got it)
    at = next(i for i, e in enumerate(chat.events) if e.get("event") == "bot")
    chat.events.insert(at, {"event": "bot", "text": C26_PARKING})
    reply = answer_in_context(chat.tracker(C26_TOTAL, "nlu_fallback"))
    print(reply)
    assert reply is not None and reply.startswith("Oui : 3 points au total"), reply
    assert "plafond de 8 points" in reply, reply
    said = chat.say(C26_TOTAL, "nlu_fallback", ActionSuggestQuestions())
    assert said.startswith("Oui : 3 points au total"), said


# --- t48-c10: a stage on 12-13 March 2026, another supposed in February 2027 (no points), "c'est interdit ?" (R13)

C10 = "slt jai fait un stage le 12 et 13 mars 2026, je peux en refaire un quand ?"
C10_IF = "et si jen fais un en fevrier 2027 il se passe quoi ? ya une amende?"
C10_PENALTY = "ok mais c'est interdit ? je risque une amende ?"


def test_c10_a_stage_too_early_is_not_forbidden_it_gives_no_points(domain):
    # t48-c10: "ok mais c'est interdit ? je risque une amende ?" after "Aucun point : le stage précédent … date du 12
    # mars 2026" got "Quelle infraction ?" and buttons. R13: a stage within the year is allowed, without a fine; it
    # gives no points
    from actions.fallback import ActionSuggestQuestions
    from actions.follow_ups import answer_in_context
    chat = opened(domain, C10, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), TODAY)
    assert "12 mars 2027" in chat.reply, chat.reply
    supposed = chat.say(C10_IF, "nlu_fallback", ActionSuggestQuestions())
    print(supposed)
    assert "Aucun point : le stage précédent" in supposed, supposed
    reply = answer_in_context(chat.tracker(C10_PENALTY, "ask_offence_points"))
    print(reply)
    assert reply is not None and reply.startswith("Non : faire un stage moins d'un an après le précédent n'est pas "
                                                  "interdit et n'expose à aucune amende"), reply
    assert "Quelle infraction" not in reply
    said = chat.say(C10_PENALTY, "ask_offence_points", answers.ActionAnswerOffencePoints())
    assert said.startswith("Non : faire un stage moins d'un an"), said
