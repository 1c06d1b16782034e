"""Stories of several events told in one message: every offence counts with its own dates and class (R8, R9), an
invalidation ends the old licence's points (R10 ex. 3), a conviction counts once final (R2 ex. 3), a new licence
after an invalidation starts at 6 points (R5 ex. 4), and the wait after a 48SI runs from the licence handed back
(R20). Today is pinned to 2026-11-23 (conftest)."""
from __future__ import annotations

import pytest

from actions import answers
from actions.offence_history import retraits_in_message, told_retraits
from rasa_sdk.events import FollowupAction
from tests.actions.conftest import make_tracker, parsed, user_said
from tests.actions.test_answers import run
from tests.actions.test_probation_facts import run as run_told, told

R8_EX3 = ("Bonjour, j'ai une question compliquée. J'ai payé le 29 octobre 2025 une amende à 1 point (petit excès sur "
          "une nationale à 80). J'avais aussi grillé un stop le 1er octobre 2025, que j'ai payé le 3 décembre 2025. "
          "Est-ce que le point de l'excès m'a été rendu, et quand ?")
R9_EX3 = ("Permis depuis 2012. Deux infractions : un excès de 7 km/h en ville (limite 50), 1 point, payé le 1er mars "
          "2025, le point m'a été rendu en septembre 2025. Puis un oubli de clignotant (3 points, 35 €) payé le 1er "
          "février 2026. Je retrouve mes 12 points quand ?")
W_C4 = ("J'ai mon permis depuis 1998 et j'avais 12 points. J'ai grillé un feu rouge et payé l'amende le 12 mars 2024. "
        "Ensuite j'ai eu un excès de 25 km/h sur nationale payé le 10/02/2025. Et en juin 2026 contrôle au téléphone, "
        "payé le 18 juin 2026. Il me reste combien de points ?")


def test_a_story_of_two_offences_keeps_each_with_its_own_dates():
    # the 1-point offence dated by its payment, the stop by the day it was committed and its payment (R2, R8)
    # (the "petit excès" of the 1 point is now read as the speeding it is, h27; it was None)
    told = retraits_in_message(parsed(R8_EX3), R8_EX3)
    assert [(r.points, r.offence_type, r.said_date, r.committed_date) for r in told] == [
        (1, "speeding", "2025-10-29", None), (None, "stop_sign", "2025-12-03", "2025-10-01")]


def test_r8_example_3_the_point_comes_back_since_the_stop_was_committed_before():
    # CE 2017: the stop committed on 1 October (before the 6 months) does not block the point paid on 29 October
    tracker = make_tracker(intent="ask_auto_recovery", text=R8_EX3, entities=parsed(R8_EX3))
    _, text = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "Le point retiré pour l'infraction payée le 29 octobre 2025 est revenu le 29 avril 2026" in text
    assert "3 décembre 2028" in text  # the stop's 4 points: 3 years after its payment (4e class, R9)
    assert "ne revient pas" not in text and "3 juin 2026" not in text
    assert "dernière infraction seulement" not in text


def test_r9_example_3_the_earlier_4th_class_offence_keeps_the_3_years():
    # the in-town excess (limit 50: 4e class) whose point came back still counts: 2029, not 2028 [I]
    tracker = make_tracker(intent="ask_auto_recovery", text=R9_EX3, entities=parsed(R9_EX3),
                           slots={"licence_date": "2012"})
    _, text = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "1er février 2029" in text and "1er février 2028" not in text
    assert "compte encore pour ce délai de 3 ans" in text and "contravention de 4e classe" in text
    assert answers.CLASS_ASSUMED_NOTE not in text  # the class comes from the speeds told (R4)


def test_offences_told_by_their_payment_are_not_said_committed_that_day():
    # tester W item 11: "payé le 10/02/2025" is a payment, not the day of the offence
    tracker = make_tracker(intent="ask_check_balance", text=W_C4, entities=parsed(W_C4))
    _, text = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "Solde aujourd'hui : 3 points" in text and "18 juin 2029" in text
    assert "L'infraction payée le 10 février 2025 a relancé" in text
    assert "commise le 10 février 2025" not in text


def test_a_block_resting_on_a_payment_only_is_said_conditional():
    # R8: a phone fine paid on 15 October within the 6 months of the point paid on 31 August blocks it only if the
    # phone offence was committed after 31 August (CE 2017); its day is not told
    text = ("j'ai payé le 31 août 2026 un exces de 10 km/h sur une route a 90, 1 point, et le 15 octobre 2026 j'ai "
            "payé une amende pour telephone. Je récupère mes points quand ?")
    tracker = make_tracker(intent="ask_auto_recovery", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "ne revient pas le 28 février 2027 si l'infraction payée le 15 octobre 2026 a été commise après le " \
           "31 août 2026" in answer
    assert "15 octobre 2029" in answer and "la date à laquelle chaque infraction a été commise" in answer


R10_EX3 = ("Telephone au volant paye le 10/05/2016 (3 points). Mon permis a ete invalide en 2020, je l'ai repasse en "
           "2021. La regle des 10 ans me rend ces 3 points ?")


def test_r10_example_3_an_invalidation_ends_the_old_licence_points():
    # the form filled from the message: the phone's 3 points paid 10/05/2016; invalidated in 2020, new licence 2021
    tracker = make_tracker(intent="ask_auto_recovery", text=R10_EX3, entities=parsed(R10_EX3), slots={
        "last_offence_points": 3, "offence_class": "c4", "fine_payment_date": "2016-05-10", "licence_date": "2021",
        "licence_status": "invalidated"})
    _, text = run(answers.ActionAnswerAutoRecovery(), tracker)
    assert "invalidé le 31 décembre 2020" in text and "ni par la règle des 10 ans" in text
    assert "6 points" in text and "10 mai 2026" not in text and "10 mai 2019" not in text
    assert "Vous avez indiqué 2020 pour l'invalidation" in text  # the day taken for a year, said
    assert "dernière infraction seulement" not in text  # nothing comes back: no later offence pushes a date


def test_r10_example_3_several_offences_of_the_old_licence():
    text = ("telephone payé le 10 mai 2016 et feu rouge payé le 20 mars 2018. permis invalidé le 15 juin 2020, "
            "repassé le 10 janvier 2021. combien j'ai de points ?")
    tracker = make_tracker(intent="ask_check_balance", text=text, entities=parsed(text),
                           slots={"licence_date": "2021-01-10", "licence_status": "invalidated"})
    assert len(told_retraits(tracker)) == 2
    _, answer = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "invalidé le 15 juin 2020" in answer
    assert "ne reviennent pas le 10 mai 2026 par la règle des 10 ans" in answer and "reviennent le 10 mai 2026" not in answer


def test_a_retrait_asked_about_again_with_its_year_only_is_the_one_told():
    # "… payé le 10 mai 2016 … je récupère les 3 points de 2016 ?": one retrait, not a second one ending 2016
    text = ("j'avais perdu 3 pts pour un telephone en 2016 (payé le 10 mai 2016), puis mon permis a été invalidé en "
            "2020. Est-ce que je récupère les 3 points de 2016 avec la règle des 10 ans ?")
    assert [(r.points, r.said_date) for r in retraits_in_message(parsed(text), text)] == [(3, "2016-05-10")]


def test_r2_example_3_a_conviction_counts_once_final():
    # convicted on 1 September 2026, no appeal: final once the 10-day appeal delay is over (CPP 498, 547) [U]
    text = ("J'ai contesté une amende pour refus de priorité, je suis passé devant le tribunal de police qui m'a "
            "condamné le 1er septembre 2026. Je n'ai pas fait appel. A partir de quelle date on me retire les points ?")
    tracker = make_tracker(intent="ask_retrait_timing", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerRetraitTiming(), tracker)
    assert "à la date du 12 septembre 2026, le jour où la condamnation est devenue définitive" in answer
    assert "se termine le 11 septembre 2026" in answer and "Code de procédure pénale" in answer
    assert "à la date du 1er septembre 2026" not in answer


def test_a_final_conviction_day_told_is_kept():
    text = "ma condamnation est devenue définitive le 20 septembre 2026, on me retire les points quand ?"
    tracker = make_tracker(intent="ask_retrait_timing", text=text, entities=parsed(text))
    _, answer = run(answers.ActionAnswerRetraitTiming(), tracker)
    assert "à la date du 20 septembre 2026" in answer and "délai d'appel" not in answer


def test_a_new_licence_after_an_invalidation_gets_its_balance_not_the_48si_text(domain):
    # tester W item 4, C27: R5 example 4, 6 points and 3 years of probation, whatever the AAC
    text = "j'ai repassé mon permis en octobre 2026 après une invalidation, j'ai combien de points ?"
    tracker = make_tracker(intent="ask_zero_points", text=text, entities=parsed(text),
                           slots={"licence_date": "2026-10", "licence_status": "invalidated"})
    events, _ = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert FollowupAction("action_answer_check_balance") in events
    # the probation answer then: 6 points, until October 2029, neither AAC nor training asked
    tracker = make_tracker(intent="ask_zero_points", text=text, entities=parsed(text), slots={
        "licence_date": "2026-10-20", "licence_status": "invalidated", "probation_offence": False})
    _, answer = run(answers.ActionAnswerProbation(), tracker, domain)
    assert "6 points" in answer and "20 octobre 2029" in answer


def test_a_48si_then_a_licence_held_since_2019_is_not_a_new_licence(domain):
    # C7: "permis depuis 2019", 48SI received: the question is the invalidation's, not a new licence's
    tracker = make_tracker(intent="ask_zero_points", text="je pourrai repasser quand ?",
                           entities=parsed("je pourrai repasser quand ?"),
                           slots={"licence_date": "2019", "licence_status": "invalidated", "letter_code": "48SI"},
                           history=[user_said("j'ai reçu une lettre 48SI hier"), user_said("j'ai le permis depuis 2019")])
    assert not answers.new_licence_after_invalidation(tracker)


def test_after_a_48si_the_licence_to_be_handed_back_gives_the_dates(domain):
    # C7 (R20): 48SI received 22 November, licence since 2019 to be handed back on 28 November (today 23 November):
    # a new licence from 28 May 2027, code only if registered by 28 August 2027, licence due by 2 December
    text = "je le rends le 28 novembre, je pourrai repasser quand ?"
    entities = parsed(text)
    assert {"entity": "date", "value": "2026-11-28", "role": "handed_back"}.items() <= entities[0].items()
    tracker = make_tracker(intent="ask_zero_points", text=text, entities=entities, slots={
        "licence_date": "2019", "licence_status": "invalidated", "letter_code": "48SI",
        "letter_48n_date": "2026-11-22", "licence_handed_back_date": "2026-11-28"})
    _, answer = run(answers.ActionAnswerZeroPoints(), tracker, domain)
    assert "à partir du 28 mai 2027" in answer and "prévue le 28 novembre 2026" in answer
    assert "au plus tard le 28 août 2027" in answer and "le code suffit" in answer
    assert "au plus tard le 2 décembre 2026" in answer


def test_a_story_of_offences_the_nlu_was_unsure_of_gets_the_recovery_answer(domain):
    # R8 example 3 as the tester typed it fell to nlu_fallback: the question sentence asks the return, the offences
    # are told with their dates, so the recovery is answered instead of "J'ai noté les informations…"
    from actions.fallback import ActionSuggestQuestions
    tracker = make_tracker(intent="nlu_fallback", text=R8_EX3, entities=parsed(R8_EX3))
    events, _ = run(ActionSuggestQuestions(), tracker, domain)
    assert events == [FollowupAction("action_answer_auto_recovery")]
    # one offence only: still the buttons (the forms ask what they need)
    text = "J'ai payé le 29 octobre 2025 une amende à 1 point. Le point m'a été rendu, et quand ?"
    tracker = make_tracker(intent="nlu_fallback", text=text, entities=parsed(text))
    events, _ = run(ActionSuggestQuestions(), tracker, domain)
    assert FollowupAction("action_answer_auto_recovery") not in events


def test_an_offence_committed_in_a_month_is_not_said_committed_on_its_first_day():
    # W C4: "en juin 2026 contrôle au téléphone, payé le 18 juin 2026": not "commise le 1er juin 2026"
    tracker = make_tracker(intent="ask_check_balance", text=W_C4, entities=parsed(W_C4))
    _, text = run(answers.ActionAnswerCheckBalance(), tracker)
    assert "L'infraction payée le 18 juin 2026 a relancé" in text and "1er juin 2026" not in text


R7_EX3 = ("Bonjour, permis obtenu le 10 mars 2024, filière normale, pas de formation complémentaire. J'ai eu deux "
          "petits excès de vitesse à 1 point chacun (sur des routes à 80) : le premier payé le 1er juin 2024, le "
          "deuxième commis le 15 juillet 2024 et payé le 1er août 2024. J'ai combien de points ?")


def test_r7_example_3_two_offences_told_as_each_one_point():
    # "à 1 point chacun : le premier payé…, le deuxième commis… et payé…": two retraits, each dated (R7 ex. 3)
    told = retraits_in_message(parsed(R7_EX3), R7_EX3)
    assert [(r.points, r.said_date, r.committed_date) for r in told] == [
        (1, "2024-06-01", None), (1, "2024-08-01", "2024-07-15")]
    # the second, committed within the 6 months of the first, blocks its point: 5/6, not 6/6
    tracker = make_tracker(intent="ask_probation", text=R7_EX3, entities=parsed(R7_EX3), slots={
        "licence_date": "2024-03-10", "supervised_driving": False, "complementary_training": False})
    answer = answers.balance_answer(tracker)
    assert "5 points" in answer and "10 mars 2027" in answer
    assert "6 points sur 6" not in answer


def test_r7_example_3_the_probation_form_asks_no_one_offence_detail(domain):
    # the story's two retraits answer the question: neither "Combien de points votre dernière infraction…" nor the
    # fine is asked (R7 example 3 went through four questions)
    from actions import forms
    from tests.actions.test_forms import run as run_validation
    tracker = make_tracker(intent="ask_probation", text=R7_EX3, entities=parsed(R7_EX3), form="probation_form",
                           slots={"licence_date": "2024-03-10", "supervised_driving": False,
                                  "complementary_training": False})
    slots, _ = run_validation(forms.ValidateProbationForm(), tracker, domain)
    assert slots.get("requested_slot") is None


@pytest.mark.parametrize("story", [
    "Je cumule les petites infractions depuis des annees, jamais revenu a 12.",
    "J'ai jamais retrouvé mes 12 points, j'accumule les PV.",
])
def test_offences_never_back_to_12_get_the_ten_year_rule_for_the_old_retrait(domain, story):
    # T1 c11 (R10): a seatbelt (4th class) paid 12/12/2016 and offences ever since: its 3 points come back on
    # 12/12/2026 by the 10-year rule, not "maximum retrouvé le 12 décembre 2019"; the class is the seatbelt's
    # (no "sans la nature de l'infraction"), and no later offence pushes that date back
    text = story + (" J'ai perdu 3 points pour une ceinture payee le 12 decembre 2016. Est ce que je vais les "
                    "recuperer avec la regle des 10 ans ?")
    _, answer = run_told(answers.ActionAnswerAutoRecovery(), told(domain, text, "ask_auto_recovery"), domain)
    assert "reviennent le 12 décembre 2026 (règle des 10 ans)" in answer
    assert "2019" not in answer
    assert answers.CLASS_ASSUMED_NOTE not in answer and "repousse ces dates" not in answer
