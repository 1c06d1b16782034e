"""Outside tester T21's probation findings (c40, c10, c21), items of branch h48 (BOT_TODAY pinned to 1 December 2026):
the offence of a probationary licence placed in its year from what is told (R5, R7, R12)."""
from __future__ import annotations

import pytest

from actions import answers, corrections
from tests.actions.test_t7_facts_read import Chat

pytestmark = pytest.mark.usefixtures("first_of_december")


# --- c40: licence October 2024 without AAC, 2 points lost at the end of July 2026 (2nd year), 6 points today --------

C40_QUESTION = ("je peux quand meme en faire un pour recuperer mes 2 pts ? jai eu le permis en octobre 2024, jai 6 pts "
                "maintenant je crois")
C40_KNOWN = {"licence_date": "2024-10", "current_balance": 6, "previous_stage_date": "none",
             "supervised_driving": False, "last_offence_points": 2, "offence_class": "c4", "probationary": True}


def c40_after_the_stage_answer(domain) -> Chat:
    chat = Chat(domain, C40_QUESTION, "ask_stage_eligibility", answers.ActionAnswerStageEligibility(), dict(C40_KNOWN))
    assert "de 6 à 8 points" in chat.reply
    return chat


def test_the_day_asked_for_the_payment_month_completes_the_payment_not_the_offence(domain):
    # "le 3" to "Quel jour d'août 2026 ?" is 3 August 2026, the payment's day; the offence stays in July 2026, before
    # the 2nd anniversary (31 October 2026): the ceiling stays 8 (R7), the stage gives 2 points (R12). It was taken
    # for the offence's day, the last 3rd (3 November 2026): ceiling 10, 6 → 10.
    chat = c40_after_the_stage_answer(domain)
    asked = chat.say("payé en aout 2026, infraction fin juillet", "inform", corrections.ActionApplyCorrection())
    assert "Quel jour d'août 2026 ?" in asked
    reply = chat.say("le 3", "inform", corrections.ActionApplyCorrection())
    # (the offence stays in July: "fin juillet" is its last day, 31 July 2026, h45's reading of "fin <mois>")
    assert chat.slots["fine_payment_date"] == "2026-08-03" and chat.slots["offence_date"] == "2026-07-31"
    assert chat.slots.get("date_awaiting_precision") is None
    assert "Il vous rendrait 2 points (plafond 8) : votre solde passerait de 6 à 8 points" in reply, reply
    assert "plafond 10" not in reply and "à 10 points" not in reply



@pytest.mark.parametrize("text", ["attends tu disais 10 avant, pourquoi 8 maintenant ?", "vous avez dit 10, pourquoi 8 ?",
                                  "pourquoi 10 et pas 8 ?"])
def test_the_figures_of_the_bot_quoted_back_ask_why_and_are_no_balance(domain, text):
    # T21 c40: "attends tu disais 8 avant, pourquoi 10 maintenant ?" took 8 for the balance ("C'est noté, je refais le
    # calcul", 8 → 10); the figures are the answer's, asked about: its reasons, the balance stays 6
    chat = c40_after_the_stage_answer(domain)
    chat.say("payé en aout 2026, infraction fin juillet", "inform", corrections.ActionApplyCorrection())
    chat.say("le 3", "inform", corrections.ActionApplyCorrection())
    reply = chat.say(text, "inform", corrections.ActionApplyCorrection())
    assert reply.startswith("Voici sur quoi repose ce résultat :"), reply
    assert "plafond 8" in reply and "je refais le calcul" not in reply
    assert chat.slots["current_balance"] == 6

# --- c10: licence September 2024 without AAC, a phone (3 points) paid in July 2026, 48N received 2 September 2026 ----

C10_FIRST = ("salut, permis depuis septembre 2024, jai perdu 3 points pour le telephone au volant, payé en juillet 2026. "
             "j'ai recu la 48N le 2 septembre. je dois faire le stage avant quand et j'aurai combien de points apres ?")


def test_an_offence_paid_in_the_second_year_is_placed_in_it_by_its_payment(domain):
    # paid in July 2026, the phone was committed from 17 May 2026 on (the amende forfaitaire is paid within 45 days,
    # CPP 529-1), after the 1st anniversary (30 September 2025): ceiling 8 (R5, R7), the only retrait leaves 5 and
    # the 48N's stage gives 3 → 8 (R12). It got the 1st year's ceiling: 3 → 6.
    slots = {"licence_date": "2024-09", "letter_48n_date": "2026-09-02", "fine_payment_date": "2026-07",
             "last_offence_points": 3, "offence_type": "phone", "letter_code": "48N", "supervised_driving": False,
             "stage_first_day": "2026-12-10", "previous_stage_date": "none"}
    reply = Chat(domain, C10_FIRST, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), slots).reply
    assert "votre solde passera de 5 à 8 points" in reply, reply
    assert "de 3 à 6 points" not in reply and "plafond de 6 points, celui d'une infraction" not in reply
    # the assumption is said, with what an earlier offence would give
    assert "Sans la date de l'infraction, je l'ai placée d'après le paiement de l'amende : commise au plus tôt le " \
           "17 mai 2026 (l'amende forfaitaire se paie dans les 45 jours), elle laisse un plafond de 8 points" in reply
    assert "Commise plus tôt, le plafond serait de 6 points" in reply
    assert "votre solde est alors de 5 points sur 8" in reply  # (the 48N's only retrait, R7)


def test_an_offence_whose_month_is_told_is_not_placed_by_its_payment(domain):
    # the offence's own month places it (R7): June 2025, the 1st year, ceiling 6 whatever the payment
    slots = {"licence_date": "2024-09-30", "offence_date": "2025-06", "fine_payment_date": "2025-07-10",
             "last_offence_points": 3, "offence_type": "phone", "letter_code": "48N", "letter_48n_date": "2025-09-02",
             "supervised_driving": False, "stage_first_day": "2025-10-10", "previous_stage_date": "none",
             "current_balance": 3}
    reply = Chat(domain, C10_FIRST, "ask_points_after_stage", answers.ActionAnswerPointsAfterStage(), slots).reply
    assert "je l'ai placée d'après le paiement" not in reply


# --- c21: 0,3 g/l supposed on a young licence (6 points, R4), then "permis en juin 2025, j'aurais combien après ?" ----

def c21_history(with_form: bool):
    from actions.what_if import HYPOTHESIS_NOTE
    from tests.actions.conftest import user_said
    history = [user_said("alcool au volant 0,6 g combien de points", "ask_offence_points"),
               {"event": "action", "name": "action_answer_offence_points"},
               {"event": "bot", "text": "Alcool au volant (contravention) : retrait de 6 points (contravention de 4e "
                                        "classe) (service-public.fr, fiche F1685)."},
               user_said("et si je suis jeune permis avec 0,3 g ?", "nlu_fallback"),
               {"event": "action", "name": "action_suggest_questions"},
               {"event": "bot", "text": "En permis probatoire, avec 0,3 g/l d'alcool dans le sang, alors :\n…"},
               {"event": "bot", "text": HYPOTHESIS_NOTE}]
    if with_form:
        history += [user_said("j'ai eu le permis en juin 2025, j'aurais combien de points apres ?", "ask_probation"),
                    {"event": "action", "name": "probation_form"}, {"event": "active_loop", "name": "probation_form"},
                    user_said("Non", "deny"), {"event": "action", "name": "probation_form"}]
    return history


def test_the_offence_of_the_hypothesis_is_not_asked_again(domain):
    import asyncio
    from actions import forms
    from tests.actions.conftest import make_tracker
    slots = {"licence_date": "2025-06", "supervised_driving": False}
    tracker = make_tracker(slots=slots, new_slots={"complementary_training": False}, intent="deny", text="Non",
                           form="probation_form", requested_slot="complementary_training",
                           history=c21_history(with_form=True))
    required = asyncio.run(forms.ValidateProbationForm().required_slots(
        forms.ValidateProbationForm().domain_slots(domain), None, tracker, domain))
    assert "probation_offence" not in required and "licence_date" in required


def test_the_balance_asked_after_the_hypothesis_counts_its_offence(domain):
    # licence 30 June 2025 (June: the safe end), no AAC nor training: ceiling 8 today (R5); 0,3 g/l in probation,
    # 6 points (R4, R.234-1) committed today: 8 − 6 = 2, the increments stop and a 48N follows (R7, R15). It got
    # "Sans infraction depuis votre permis, votre solde est aujourd'hui de 8 points".
    from tests.actions.conftest import make_tracker
    from tests.actions.test_probation_facts import run
    slots = {"licence_date": "2025-06", "supervised_driving": False, "complementary_training": False}
    tracker = make_tracker(slots=slots, intent="deny", text="Non", history=c21_history(with_form=True))
    _, reply = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "qui retire 6 points" in reply and "votre solde passerait de 8 points à 2 points" in reply, reply
    assert "lettre 48N" in reply and "Sans infraction depuis votre permis" not in reply
    assert "aucune autre infraction" in reply and "C'est une hypothèse" in reply
