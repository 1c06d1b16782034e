"""Testers T34 and T35 (replays on 1 December 2026), items of branch h78: a stage asked after the bot computed a balance
starts from that balance, the one the conversation established, never from a default of 12 (R1, R2, R12)."""
from __future__ import annotations

import pytest

from actions import answers, forms
from tests.actions.conftest import parsed
from tests.actions.conversation import FormConversation, mapped_slots, opened

pytestmark = pytest.mark.usefixtures("first_of_december")
TODAY = "2026-12-01"


# --- t34-c19: a délit of 6 points, 12 before: 6 today; then a stage the week after the year of the last stage

C19 = ("Bonjour, j'ai perdu 6 points pour un excès de 55 km/h le 20 janvier 2026, jugé au tribunal, la condamnation est "
       "devenue définitive le 15 mai 2026. J'avais 12 avant. Quand je retrouve mes points ? La règle des 10 ans joue ?")
C19_STAGE = ("et un stage ? j'en ai deja fait un le 10 et 11 decembre 2025 pour autre chose. je peux en faire un la "
             "semaine prochaine ?")


def test_c19_the_next_stage_starts_from_the_balance_answered(domain):
    chat = opened(domain, C19, "ask_auto_recovery", answers.ActionAnswerAutoRecovery(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    reply = chat.say_in_form(C19_STAGE, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    print(reply)
    assert "déjà au plafond" not in reply, reply
    assert "de 6 à 10 points" in reply, reply


# --- t35-c07: probation ended on 25 November 2026, one 2-point excess paid on 20 April 2025: 6 today; then a stage now

C07 = ("Bonjour, mon permis probatoire vient de se terminer (permis obtenu le 25 novembre 2023, filière classique). J'ai "
       "eu une seule infraction : 25 km/h de trop, commise le 3 avril 2025 et payée le 20 avril 2025. Normalement j'ai "
       "12 points maintenant non ?")
C07_STAGE = ("Ah mince. Vous êtes sûr ? Un pote m'a dit que le probatoire repartait à zéro quand on fait une infraction. "
             "Et si je fais un stage maintenant j'aurai combien ?")


def c07_chat(domain) -> FormConversation:
    chat = opened(domain, C07, "ask_check_balance", answers.ActionAnswerCheckBalance(), TODAY)
    assert chat.reply.startswith("Solde aujourd'hui : 6 points"), chat.reply
    return chat


def test_c07_a_stage_after_the_probation_starts_from_the_balance_computed(domain):
    chat = c07_chat(domain)
    reply = chat.say_in_form(C07_STAGE, "ask_points_after_stage", "points_after_stage_form",
                             forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    print(reply)
    assert "déjà au plafond" not in reply, reply
    assert "de 6 à 10 points" in reply, reply


# --- t35-c11: alcohol and cannabis, 9 points, composition pénale executed on 2 November 2026, 12 before: 3 left

C11 = ("Bonjour, j'ai été contrôlé le 5 septembre 2026 positif au cannabis et en plus à l'alcool (0,7 g/l). Composition "
       "pénale exécutée le 2 novembre 2026. Permis depuis 2010, j'avais 12 points. Je perds combien ?")
C11_DOUBT = ("vous êtes sûr ? on m'a dit qu'on pouvait pas perdre plus de 6 points d'un coup, 8 max. c'est quel article "
             "les 9 points ?")
C11_STAGE = ("et le stage que j'ai fait pour la composition pénale, il me rend des points ? et si j'en fais un volontaire "
             "la semaine prochaine ?")


def test_c11_a_stage_after_a_doubt_naming_other_points_starts_from_the_balance_answered(domain):
    from actions import fallback
    from tests.actions.test_t33_h73 import c11_chat
    chat = c11_chat(domain)  # (T1 as the server ran it)
    chat.__class__ = FormConversation
    assert "il vous reste 3 points" in chat.reply, chat.reply
    chat.say(C11_DOUBT, "nlu_fallback", fallback.ActionSuggestQuestions())
    reply = chat.say_in_form(C11_STAGE, "ask_stage_eligibility", "stage_eligibility_form",
                             forms.ValidateStageEligibilityForm(), answers.ActionAnswerStageEligibility())
    print(reply)
    assert "cas 3) ne rend pas de points" in reply  # R11
    assert "déjà au plafond" not in reply and "de 3 à 7 points" in reply, reply


C07_AGAIN = ("mais vous m'avez dit juste avant que j'avais 6 points ?? et pour le probatoire qui repart à zéro c'est vrai "
             "ou pas ?")


def test_c07_the_balance_said_back_is_not_withdrawn_again(domain):
    # t35-c07 T3: "vous m'avez dit juste avant que j'avais 6 points ??" got "Solde aujourd'hui : 4 points (6 points avant
    # l'infraction du 3 avril 2025)": the 2 points taken off twice (R1, R2)
    chat = c07_chat(domain)
    chat.say_in_form(C07_STAGE, "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    reply = chat.say(C07_AGAIN, "ask_check_balance", answers.ActionAnswerCheckBalance())
    print(reply)
    assert "4 points" not in reply, reply
    assert "6 points" in reply, reply


# --- t34-c28: a stage today and tomorrow (1-2 December 2026), 9 points, licence of 2016: 12 from 3 December (R12)

C28 = ("Salut ! Question rapide : j'ai fait un stage le 1er et 2 décembre 2025. On est le 1er décembre 2026, je peux en "
       "commencer un aujourd'hui ?")
C28_STAGE = "ok donc avec 9 points si je fais le stage aujourd'hui et demain j'en ai combien et a partir de quand ?"


def test_c28_a_stage_today_and_tomorrow_counts_from_the_day_after_tomorrow(domain):
    slots = {**mapped_slots(parsed(C28, TODAY), domain), "previous_stage_date": "2025-12-01"}  # (as the form keeps it)
    chat = FormConversation(domain, C28, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), slots,
                            today=TODAY)
    assert chat.reply.startswith("Un stage peut de nouveau vous rendre des points"), chat.reply
    chat.say_in_form(C28_STAGE, "ask_points_after_stage", "points_after_stage_form",
                     forms.ValidatePointsAfterStageForm(), answers.ActionAnswerPointsAfterStage())
    reply = chat.say_in_form("2016", "inform", "points_after_stage_form", forms.ValidatePointsAfterStageForm(),
                             answers.ActionAnswerPointsAfterStage())
    print(chat.slots, reply)
    assert "4 décembre" not in reply, reply
    assert "3 décembre 2026" in reply and "de 9 à 12 points" in reply, reply
