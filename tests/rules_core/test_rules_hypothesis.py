"""What a hypothetical offence would change (rules_core.offence_hypothesis): R1, R6–R9, R15, R18, R20."""
from __future__ import annotations

from datetime import date

from rules_core import offence_hypothesis
from rules_core.wording_fr import render

TODAY = date(2026, 11, 23)


def hypothesis(commission, points, klass="c4", realite=None, **case):
    offence = {"commission": commission, "points": points, "offence_class": klass}
    if realite is not None:
        offence["realite"] = realite
    return offence_hypothesis(hypothetical=offence, today=TODAY, **case)


def test_a_future_phone_offence_stops_the_single_point_and_resets_the_full_recovery():
    # R8 example 2 shifted to the future: 1 point paid 31/08/2026 (back 28/02/2027), phone committed 01/01/2027
    known = [{"commission": date(2026, 8, 31), "realite": date(2026, 8, 31), "points": 1, "offence_class": "c3"}]
    decision = hypothesis(date(2027, 1, 1), 3, offences=known, balance_before=12)
    assert decision.results["balance"] == 8 and decision.results["balance_without"] == 11
    assert decision.results["single_points_lost"] == [date(2027, 2, 28)]
    assert decision.key_dates["full_recovery"] == date(2030, 1, 1)  # R9: 3 years, 4e class
    assert decision.key_dates["full_recovery_without"] == date(2028, 8, 31)
    assert decision.missing == ("licence_date",)
    text = render(decision)
    assert text.startswith("Si vous commettiez le 1er janvier 2027 une infraction qui retire 3 points "
                           "(contravention de 4e classe), avec l'amende payée le jour même, alors votre solde "
                           "passerait de 11 points à 8 points ce jour-là")
    assert "ne reviendrait pas le 28 février 2027" in text and "au lieu du 31 août 2028" in text


def test_an_offence_after_the_return_leaves_that_point_back():
    # the point came back on 28/02/2027; an offence in April does not take it back (R8)
    known = [{"commission": date(2026, 8, 31), "realite": date(2026, 8, 31), "points": 1, "offence_class": "c3"}]
    decision = hypothesis(date(2027, 4, 2), 3, offences=known, balance_before=12)
    assert decision.results["single_points_lost"] == [] and decision.results["balance"] == 9


def test_r6_example_3_the_training_reduction_is_lost_and_the_ceiling_frozen():
    # licence 20/01/2025, training 10/09/2025, 8 points; 1 point (3e class) committed 24/11/2026
    decision = hypothesis(date(2026, 11, 24), 1, "c3", licence_date=date(2025, 1, 20),
                          training_date=date(2025, 9, 10))
    assert decision.results["balance"] == 7 and decision.results["balance_without"] == 8
    assert decision.results["training_reduction_lost"] and decision.results["increments_lost"]
    assert not decision.results["letter_48n"]
    assert decision.key_dates["probation_end"] == date(2028, 1, 20)
    assert decision.key_dates["probation_end_without"] == date(2027, 1, 20)
    assert decision.key_dates["full_recovery"] == date(2028, 11, 24)  # R7 point 4: 2 years, after the end
    text = render(decision)
    assert "Le point de cette infraction reviendrait le 24 mai 2027" in text  # R8
    assert "se terminerait le 20 janvier 2028 au lieu du 20 janvier 2027" in text
    assert "pas de majoration le 20 janvier 2027, et votre plafond resterait à 8 points" in text
    assert "au lieu du 20 janvier 2027 (article L.223-6" in text  # 12 would have come at the end of probation


def test_a_4_point_offence_in_probation_brings_a_48n():
    decision = hypothesis(date(2026, 11, 30), 4, licence_date=date(2025, 3, 15))
    assert decision.results["letter_48n"] and decision.results["balance"] == 4
    text = render(decision)
    assert "entraînerait une lettre 48N : un stage obligatoire à suivre dans les 4 mois" in text
    assert "pas de majoration le 15 mars 2027" in text and "le 15 mars 2028" in text


def test_the_full_capital_at_the_end_of_probation_is_said_so():
    # licence 10/01/2026: 1 point (3e) on 01/12/2026, 2 years later is before the end of probation (R7 point 4)
    decision = hypothesis(date(2026, 12, 1), 1, "c3", licence_date=date(2026, 1, 10))
    assert decision.key_dates["full_recovery"] == date(2029, 1, 10)
    assert "le 10 janvier 2029, fin de la période probatoire" in render(decision)


def test_increments_already_stopped_are_not_said_again():
    known = [{"commission": date(2025, 6, 1), "realite": date(2025, 6, 10), "points": 2, "offence_class": "c4"}]
    decision = hypothesis(date(2026, 12, 1), 2, licence_date=date(2025, 3, 15), offences=known)
    assert not decision.results["increments_lost"] and decision.results["balance"] == 2


def test_a_6_point_offence_in_the_first_year_brings_an_invalidation_a_stage_may_save():
    # R3 edge case, R18 example 3, R20: 6 - 6 = 0; a stage before the 48SI gives 4
    decision = hypothesis(date(2026, 11, 24), 6, "delit", licence_date=date(2026, 3, 15))
    assert decision.outcome == "invalidation_ahead" and decision.results["invalidation_ahead"]
    assert decision.key_dates["full_recovery"] is None and not decision.results["letter_48n"]
    text = render(decision)
    assert "alors 6 points vous seraient retirés ce jour-là" in text
    assert "le permis serait invalidé" in text and "le sauverait, avec 4 points" in text
    assert "majoration" not in text


def test_an_invalidation_no_stage_can_save():
    # R18 example 4: balance 2, a retrait of 6 → -4; a stage gives 0
    known = [{"commission": date(2026, 1, 5), "realite": date(2026, 1, 5), "points": 6, "offence_class": "c4"},
             {"commission": date(2026, 3, 5), "realite": date(2026, 3, 5), "points": 4, "offence_class": "c4"}]
    decision = hypothesis(date(2026, 12, 5), 6, "c4", offences=known, licence_date=date(2010, 1, 1))
    assert "Même un stage ne pourrait plus le sauver" in render(decision)


def test_without_a_balance_the_points_withdrawn_are_said():
    decision = hypothesis(date(2026, 12, 1), 3, realite=date(2026, 12, 15))
    assert decision.results["balance"] is None
    text = render(decision)
    assert "avec l'amende payée le 15 décembre 2026, alors 3 points vous seraient retirés" in text
    assert "Le délai de récupération totale repartirait du 15 décembre 2026" in text
    assert "1 point vous serait retiré" in render(hypothesis(date(2026, 12, 1), 1, "c3"))
    assert "aucun point ne vous serait retiré" in render(hypothesis(date(2026, 12, 1), 0, "c3"))


def test_a_licence_before_probation_existed_counts_from_its_12_points():
    decision = hypothesis(date(2026, 12, 1), 3, licence_date=date(1985, 5, 1))
    assert decision.results["balance"] == 9 and decision.results["balance_without"] is None
    assert "votre solde passerait à 9 points ce jour-là" in render(decision)


def test_the_offence_is_named_when_its_label_is_given():
    decision = offence_hypothesis(hypothetical={"commission": date(2026, 12, 1), "points": 4, "offence_class": "c4"},
                                  today=TODAY, label_fr="Feu rouge non respecté")
    assert render(decision).startswith("Si vous commettiez le 1er décembre 2026 une infraction (feu rouge non "
                                       "respecté) qui retire 4 points")


def test_an_experienced_driver_keeps_no_probation_reason():
    decision = hypothesis(date(2026, 12, 1), 4, licence_date=date(2015, 5, 1))
    assert not decision.results["letter_48n"] and not decision.results["increments_lost"]
    assert decision.results["balance"] == 8 and decision.key_dates["full_recovery"] == date(2029, 12, 1)


def test_several_offences_at_one_check_are_named_together_and_bring_a_48n_only_if_one_costs_3_points():
    # R3 example 1 (3 + 3 + 3 capped at 8) and R15 edge case (2 + 1 at the same check: no 48N) for a probationary
    # licence of 15/03/2025 (8 points on 01/12/2026)
    licence = {"licence_date": date(2025, 3, 15)}
    capped = offence_hypothesis(hypothetical={"commission": date(2026, 12, 1), "points": 8, "offence_class": "c4"},
                                today=date(2026, 12, 1), each_points=(3, 3, 3), **licence)
    assert render(capped).startswith("Si vous commettiez le 1er décembre 2026 ces infractions en même temps, qui "
                                     "retirent 8 points au total (la plus grave : contravention de 4e classe)")
    assert capped.results["invalidation_ahead"]  # 8 - 8 = 0: a 48SI, not a 48N (R20)
    small = offence_hypothesis(hypothetical={"commission": date(2026, 12, 1), "points": 3, "offence_class": "c4"},
                               today=date(2026, 12, 1), each_points=(2, 1), **licence)
    assert not small.results["letter_48n"] and small.results["balance"] == 5


def test_an_offence_to_come_that_costs_no_point_stops_no_return_and_restarts_no_delay():
    # T11 c07: 1 point paid 31/08/2026 (back 28/02/2027, R8 example 4); an excess under 5 km/h in January 2027 costs
    # 0 points since 2024 (R4): no retrait, so neither the single point (R8) nor the full recovery (R9) is touched
    known = [{"commission": date(2026, 8, 31), "realite": date(2026, 8, 31), "points": 1, "offence_class": "c3"},
             {"commission": date(2026, 8, 20), "realite": date(2026, 9, 20), "points": 1, "offence_class": "c3"}]
    decision = hypothesis(date(2027, 1, 1), 0, klass="c3", offences=known, balance_before=12)
    assert decision.results["single_points_lost"] == []
    assert decision.key_dates["full_recovery"] == decision.key_dates["full_recovery_without"]
    text = render(decision)
    assert "repartirait" not in text and "aucun point ne vous serait retiré" in text
    assert ("n'interrompt aucun délai de récupération : le point retiré pour l'infraction payée le 31 août 2026 "
            "reviendrait quand même le 28 février 2027, puis celui de l'infraction payée le 20 septembre 2026 le 20 mars 2027 ; "
            "sans autre infraction avec retrait, votre permis retrouverait son maximum de points le 20 septembre 2028, "
            "comme prévu") in text, text


def test_no_point_and_nothing_known_to_recover():
    text = render(hypothesis(date(2027, 1, 1), 0, klass="c3", balance_before=12))
    assert "n'interrompt aucun délai de récupération (article L.223-6 du Code de la route)." in text, text


def test_a_first_offence_known_by_its_month_is_named_by_its_payment():
    # T11 c39 (R8 example 2): excess "en janvier 2026" paid 20/01/2026 (its day unknown), phone committed 02/04/2026
    # and paid 15/04/2026: the balance names the first offence by its payment, not "l'infraction du 1er janvier"
    from rules_core import automatic_recovery
    offences = [{"commission": date(2026, 1, 1), "realite": date(2026, 1, 20), "points": 1, "offence_class": "c3",
                 "commission_known": False},
                {"commission": date(2026, 4, 2), "realite": date(2026, 4, 15), "points": 3, "offence_class": "c4"}]
    decision = automatic_recovery(offences=offences, today=date(2026, 12, 1), balance_before=12)
    text = render(decision)
    assert "(12 points avant l'infraction payée le 20 janvier 2026)" in text and "1er janvier" not in text, text
    assert "ne revient pas le 20 juillet 2026" in text and decision.key_dates["full_recovery"] == date(2029, 4, 15)
    known = [{**offences[0], "commission_known": True}, offences[1]]
    assert "(12 points avant l'infraction du 1er janvier 2026)" in render(
        automatic_recovery(offences=known, today=date(2026, 12, 1), balance_before=12))


def test_a_single_point_told_back_is_not_blocked_by_an_offence_dated_by_its_payment():
    # T12 c10 (R8, R9 example 3): 1 point in 2025 "qui est revenu après 6 mois", and 3 points paid 05/02/2026, its
    # commission unknown: the point told back is back, not doubted; the 3 years still run from 05/02/2026 [I]
    from rules_core import automatic_recovery
    from rules_core.model import Offence
    offences = [{"commission": date(2025, 12, 31), "realite": date(2025, 12, 31), "points": 1, "offence_class": "c4",
                 "commission_known": False, "point_back_told": True},
                {"commission": date(2026, 2, 5), "realite": date(2026, 2, 5), "points": 3, "offence_class": "c2",
                 "commission_known": False}]
    decision = automatic_recovery(offences=offences, today=date(2026, 12, 1), balance_before=12)
    text = render(decision)
    assert "est revenu le 30 juin 2026" in text and "ne revient pas" not in text, text
    assert decision.key_dates["full_recovery"] == date(2029, 2, 5)
    assert Offence.coerce(offences[0]).to_dict()["point_back_told"] is True
    untold = [{**offences[0], "point_back_told": False}, offences[1]]
    assert "ne revient pas le 30 juin 2026 si" in render(automatic_recovery(offences=untold, today=date(2026, 12, 1),
                                                                             balance_before=12))
    # a later offence whose day is known still blocks it (CE 04/12/2017)
    known = [offences[0], {**offences[1], "commission": date(2026, 1, 20), "commission_known": True}]
    assert "ne revient pas le 30 juin 2026" in render(automatic_recovery(offences=known, today=date(2026, 12, 1),
                                                                          balance_before=12))


def test_a_full_licence_has_no_full_recovery_date_to_compare_with():
    # T14 c04: 1 point paid 31/05/2026, back 30/11/2026 (R8): 12 points. A 1-point excess on 02/12/2026 → 11, its
    # point back on 02/06/2027; "au lieu du 31 mai 2028" compared with a recovery the full licence does not wait for
    known = [{"commission": date(2026, 5, 20), "realite": date(2026, 5, 31), "points": 1, "offence_class": "c3"}]
    for day in (date(2026, 12, 2), date(2028, 5, 1)):
        decision = offence_hypothesis(hypothetical={"commission": day, "points": 1, "offence_class": "c3"},
                                      today=date(2026, 12, 1), offences=known, balance_before=12)
        text = render(decision)
        assert "passerait de 12 points à 11 points" in text and "Le point de cette infraction reviendrait" in text
        # (its point back brings the 12 points again: that is the full licence's day, not 2 years later; T16 c04)
        assert "au lieu du" not in text and "votre permis retrouverait alors ses 12 points" in text, text
        assert "repartirait" not in text, text


def test_the_point_back_that_restores_the_maximum_is_the_full_recovery():
    # T16 c04: 61 for 50 in town (1 point, 4th class) paid 15/07/2026, back on 15/01/2027 (R8). "et si je me fais
    # reprendre en février ?": 12 → 11 on 1er février 2027, its point back on 1er août 2027, 12 points again then; not
    # "son maximum le 1er février 2030" (R9's 3 years count only while a point is missing)
    known = [{"commission": date(2026, 7, 10), "realite": date(2026, 7, 15), "points": 1, "offence_class": "c4"}]
    decision = offence_hypothesis(hypothetical={"commission": date(2027, 2, 1), "points": 1, "offence_class": "c4"},
                                  today=date(2026, 12, 1), offences=known, balance_before=12)
    text = render(decision)
    assert "passerait de 12 points à 11 points" in text, text
    assert "reviendrait le 1er août 2027" in text and "retrouverait alors ses 12 points" in text, text
    assert "2030" not in text and decision.key_dates["full_recovery"] == date(2027, 8, 1)
    # a licence below its maximum before the hypothesis still has the 2- or 3-year delay restarted (R9)
    phone = {"commission": date(2026, 5, 20), "realite": date(2026, 5, 31), "points": 3, "offence_class": "c4"}
    text = render(offence_hypothesis(hypothetical={"commission": date(2027, 2, 1), "points": 1, "offence_class": "c4"},
                                     today=date(2026, 12, 1), offences=[phone], balance_before=12))
    assert "repartirait" in text and "retrouverait alors" not in text, text


def test_a_licence_below_its_maximum_keeps_the_full_recovery_moved():
    # the same offence, 3 points lost before (phone paid 31/05/2026, 4e class): 9 points; the full recovery moves
    known = [{"commission": date(2026, 5, 20), "realite": date(2026, 5, 31), "points": 3, "offence_class": "c4"}]
    decision = offence_hypothesis(hypothetical={"commission": date(2026, 12, 2), "points": 1, "offence_class": "c3"},
                                  today=date(2026, 12, 1), offences=known, balance_before=12)
    assert "le 2 décembre 2029 au lieu du 31 mai 2029" in render(decision)


# T30 c30b (1 December 2026): 4 points paid 28/06/2025, a stage 15-16/09/2025 (back to 12), a radar detector of
# 28/11/2026 not paid yet; "si je paie le détecteur le 10 décembre, je récupère mes 12 points quand ?": the offence
# told, its fine supposed paid that day (R2): 12 − 6 = 6 on 10/12/2026, 12 again on 10/12/2029 (R9, 5e classe)
JUNE_2025 = {"commission": date(2025, 6, 1), "realite": date(2025, 6, 28), "points": 4, "offence_class": "c4"}


def detector_paid(points=6, balance_before=12, stages=(date(2025, 9, 15),), label="détecteur de radar"):
    return offence_hypothesis(
        hypothetical={"commission": date(2026, 11, 28), "realite": date(2026, 12, 10), "points": points,
                      "offence_class": "c5"}, today=date(2026, 12, 1), offences=[JUNE_2025],
        licence_date=date(1998, 1, 1), balance_before=balance_before, stages=stages, told=True, label_fr=label)


def test_the_payment_supposed_of_an_offence_told_withdraws_its_points_that_day_after_the_stage():
    decision = detector_paid()
    assert decision.results["balance_without"] == 12 and decision.results["balance"] == 6  # the stage counted (R12)
    assert decision.key_dates["full_recovery"] == date(2029, 12, 10)  # R9: 3 years after a 5e classe's payment
    text = render(decision)
    assert text.startswith("Si vous payez le 10 décembre 2026 l'amende de l'infraction du 28 novembre 2026 (détecteur "
                           "de radar), 6 points vous seront retirés ce jour-là (contravention de 5e classe) : votre "
                           "solde passera de 12 points à 6 points")
    assert "Le délai de récupération totale partira de ce paiement : sans nouvelle infraction, votre permis " \
           "retrouvera son maximum de points le 10 décembre 2029" in text
    assert "commettiez" not in text and "2035" not in text


def test_the_payment_supposed_without_a_point_or_to_zero():
    assert "aucun point ne vous sera retiré" in render(detector_paid(points=0, label=None))
    to_zero = render(detector_paid(balance_before=6, stages=()))  # 6 − 4 = 2, then − 6: invalidation (R20)
    assert "6 points vous seront retirés ce jour-là (contravention de 5e classe) (article" in to_zero
    assert "Votre solde tomberait alors à 0" in to_zero
    one = render(detector_paid(points=1))
    assert "1 point vous sera retiré ce jour-là" in one


def test_a_retrait_paid_after_the_anniversary_it_stops_comes_off_the_frozen_ceiling():
    # T36 c18 (R5, R7): licence 2 December 2023, no offence; a 2-point excess committed on 1 December 2026, the eve of
    # the end of probation, paid on 1 January 2027: no increment on 2 December, so 10 then 8 ("de 12 à 8" before), and
    # the file's practice for a retrait recorded after the anniversary is unknown (R5 edge case [U])
    decision = offence_hypothesis(hypothetical={"commission": date(2026, 12, 1), "realite": date(2027, 1, 1),
                                                "points": 2, "offence_class": "c4"},
                                  today=date(2026, 12, 1), licence_date=date(2023, 12, 2))
    assert decision.results["balance"] == 8
    text = render(decision)
    assert "passerait de 10 points à 8 points le 1er janvier 2027" in text, text
    assert "Commise avant le 2 décembre 2026 mais payée le 1er janvier 2027" in text and "à vérifier" in text, text
    same_day = offence_hypothesis(hypothetical={"commission": date(2026, 12, 1), "points": 2, "offence_class": "c4"},
                                  today=date(2026, 12, 1), licence_date=date(2023, 12, 2))
    assert "Commise avant" not in render(same_day)  # (paid before the anniversary: nothing uncertain)


# T38 c20 (1 December 2026): licence of 10/01/2024 (no AAC), a 2-point excess committed on 2/11/2026 not paid yet; "si
# j'attends le 11 janvier pour payer, j'aurai mes 12 points ?": its commission in probation stops the increment of
# 10/01/2027 whatever the payment's day (R5, R7), so 10 before the payment and 8 after it, not "de 12 points à 8 points"
def test_the_payment_put_off_after_the_probation_of_an_offence_committed_in_it_counts_from_the_frozen_ceiling():
    decision = offence_hypothesis(
        hypothetical={"commission": date(2026, 11, 2), "realite": date(2027, 1, 11), "points": 2,
                      "offence_class": "c4"}, today=date(2026, 12, 1), licence_date=date(2024, 1, 10), told=True)
    assert decision.results["balance"] == 8
    text = render(decision)
    assert "votre solde passera de 10 points à 8 points" in text, text
    assert "de 12 points" not in text, text


# T38 c12 (R13, R18): 5 points, 6 withdrawn on 2 November 2026, the last stage on 9 February 2026: a stage now gives no
# point, so only one from 9 February 2027 may save the licence; never "un stage terminé avant cette notification le sauve"
def test_a_stage_told_less_than_a_year_ago_keeps_the_saving_stage_from_a_year_after_it():
    from rules_core import pending_loss
    decision = pending_loss(balance_before=5, retrait_points=6, paid_on=date(2026, 11, 2), today=date(2026, 12, 1),
                            previous_points_stage_first_day=date(2026, 2, 9))
    text = render(decision)
    assert "un stage terminé avant cette notification le sauve" not in text, text
    assert "seul un stage commencé à partir du 9 février 2027 et terminé avant cette notification le sauverait" in text
