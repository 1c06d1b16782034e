"""Facts that depend on the rest of the message (today pinned to Tuesday 2026-12-01): parts of one date said
apart, a stage's two days, a year-less date in a plan, an alcohol level, no stage before."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def found(text: str):
    return extract_facts(text, TODAY)


def dates(text: str):
    return [(f.value, f.role) for f in found(text) if f.entity == "date"]


def offences(text: str):
    return {f.value for f in found(text) if f.entity == "offence_type"}


# --- 1. a month (or a year) and a day said apart are one date, in the month's year


@pytest.mark.parametrize("text,expected", [
    ("paye en mars dernier le 3", [("2026-03-03", "payment")]),
    ("fin octobre, le 25", [("2026-10-25", None)]),
    ("il y a 3 ans, en decembre 2023, le 15 decembre", [("2023-12-15", None)]),
    ("en 2024 je crois, en avril", [("2024-04", None)]),
    ("le 15 en mars 2023", [("2023-03-15", None)]),
    ("le mois dernier, le 3", [("2026-11-03", None)]),
    # the approximate date lends its year to a day without one, and gives way
    ("il y a 3 ans, le 15 décembre", [("2023-12-15", None)]),
    # the role of either part
    ("en mars dernier j'ai payé le 3", [("2026-03-03", "payment")]),
    ("j'ai payé en mars, le 3", [("2026-03-03", "payment")]),
    ("le précédent était le 2 juin l'an passé", [("2025-06-02", None)]),
    ("en juin de l'an dernier", [("2025-06", None)]),
    ("le 3, en mars j'ai payé", [("2026-03-03", "payment")]),
    # two dates: different roles, a new role between them, different years, another sentence, too far apart
    ("permis obtenu en 2023, stage fait en avril", [("2023", "licence"), ("2026-04", "stage")]),
    # "permis en 2023" opening the message dates the licence (helper h22: it stayed role-less)
    ("permis en 2023, stage fait en avril", [("2023", "licence"), ("2026-04", "stage")]),
    ("permis obtenu il y a 2 ans, stage fait le 3 mars 2025", [("2024-12-01", "licence"), ("2025-03-03", "stage")]),
    ("en mars 2023, le 12 avril 2024", [("2023-03", None), ("2024-04-12", None)]),
    ("le 15. En mars 2023 j'ai eu mon permis", [("2026-11-15", None), ("2023-03", "licence")]),
    ("le 15 puis bien plus tard dans l'année, en mars 2023", [("2026-11-15", None), ("2023-03", None)]),
    # "le premier" before a word is "the first one", not a day
    ("Le premier a eu lieu en mars 2024.", [("2024-03", None)]),
])
def test_parts_of_one_date_compose(text, expected):
    assert dates(text) == expected


def test_a_composed_date_spans_its_parts():
    text = "Payé en mars dernier, le 3, et il me reste 6 points"
    (fact,) = [f for f in found(text) if f.entity == "date"]
    assert (fact.value, fact.text) == ("2026-03-03", "en mars dernier, le 3")
    assert text[fact.start:fact.end] == fact.text


# --- 2. the two days of a stage: the first day, and no loose number


@pytest.mark.parametrize("text,value", [
    ("le 5 et 6 mars", "2026-03-05"),
    ("les 30 et 31/12/2025", "2025-12-30"),
    ("du 12 au 13 janvier 2026", "2026-01-12"),
    ("les 10 et 11 decembre", "2025-12-10"),
    ("le 1er et 2 janvier", "2026-01-01"),
    ("le 5 et le 6 mars", "2026-03-05"),
    ("5-6 mars", "2026-03-05"),
    ("les 5 & 6 mars", "2026-03-05"),
    ("les 30 et 31/12", "2025-12-30"),
    ("du 12 au 13/01/2026", "2026-01-12"),
])
def test_stage_days_give_the_first_day(text, value):
    assert dates(text) == [(value, None)]
    assert not [f for f in found(text) if f.entity in ("number", "points")]


# --- 3. a year-less date in a clause about the future is the next one


@pytest.mark.parametrize("text,expected", [
    # a plan: the next one
    ("je fais le stage le 28 et 29 janvier", [("2027-01-28", "stage")]),
    ("je vais faire le stage le 14 janvier", [("2027-01-14", "stage")]),
    ("stage prévu le 10 février", [("2027-02-10", "stage")]),
    ("inscrit pour le 3 mars", [("2027-03-03", None)]),
    ("je compte le faire le 5 avril", [("2027-04-05", None)]),
    ("j'ai réservé pour le 8 janvier", [("2027-01-08", None)]),
    ("je ferai le stage le 20 janvier", [("2027-01-20", "stage")]),  # the date right after "stage"
    ("je passerai le stage en janvier", [("2027-01", "stage")]),
    ("je fais le stage le 28/01", [("2027-01-28", "stage")]),
    ("je fais le stage en décembre", [("2026-12", "stage")]),  # this month counts
    ("je ferai le stage en janvier, le 28", [("2027-01-28", "stage")]),
    ("le 28 janvier prochain", [("2027-01-28", None)]),
    ("si je fais un stage le 10 avril il me rendra des points ?", [("2027-04-10", "stage")]),
    ("je fais le stage samedi", [("2026-12-05", "stage")]),
    # past or neutral: the latest one, as before
    ("le 28 janvier", [("2026-01-28", None)]),
    ("j'ai fait le stage le 28 janvier", [("2026-01-28", "stage")]),
    ("j'ai fait un stage le 3 mars et je vais en refaire un le 28 janvier",
     [("2026-03-03", "stage"), ("2027-01-28", "stage")]),  # "en refaire un": the next stage (R13)
    ("je fais comment si j'ai payé le 3 mars", [("2026-03-03", "payment")]),
    ("le mois prochain je paie, j'ai été flashé le 3 mars", [("2027-01", "payment"), ("2026-03-03", "offence")]),
    ("mon dernier stage était le 15/02, j'en ai réservé un pour le 16/02",
     [("2026-02-15", "stage"), ("2027-02-16", None)]),
    ("mon point perdu le 10/01 sera rendu le 10/07", [("2026-01-10", None), ("2027-07-10", None)]),
    ("mon permis a été invalidé en janvier, quand est-ce que je pourrai le repasser ?", [("2026-01", "invalidation")]),
])
def test_year_less_dates_of_a_plan_look_ahead(text, expected):
    assert dates(text) == expected


# --- 4. alcohol: the level decides contravention or délit; a refusal is only the refusal


@pytest.mark.parametrize("text,keys", [
    ("0,9 g/l d'alcool", {"alcohol_delit"}),
    ("1,2 g", {"alcohol_delit"}),
    ("0.45 mg/l", {"alcohol_delit"}),
    ("0,8 g/l", {"alcohol_delit"}),
    ("0,40 mg/l d'air expiré", {"alcohol_delit"}),
    ("alcoolémie à 0,62 mg/l", {"alcohol_delit"}),
    ("un taux de 0,9", {"alcohol_delit"}),
    ("0,79 g/l", {"alcohol"}),
    ("0,39 mg/l", {"alcohol"}),
    ("0,3 g/l d'alcool", {"alcohol"}),
    ("0,5 g", {"alcohol"}),
    ("j'avais 1,5 g de cannabis", {"drugs"}),
    ("0,9 g/l et du cannabis", {"alcohol_and_drugs"}),
    ("refusé de souffler", {"alcohol_test_refusal"}),
    ("refus d'éthylotest", {"alcohol_test_refusal"}),
    ("j'ai refusé de souffler dans l'éthylotest", {"alcohol_test_refusal"}),
    ("j'avais bu et j'ai refusé l'alcootest", {"alcohol_test_refusal"}),
])
def test_alcohol_offence(text, keys):
    assert offences(text) == keys


# --- 5. no stage before


@pytest.mark.parametrize("text,value", [
    ("jamais fait de stage", False),
    ("aucun stage", False),
    ("pas de stage avant", False),
    ("pas de stage", False),
    ("Pas encore de stage.", False),
    ("non, pas de stage pour moi", False),
    ("c'est mon premier stage", False),
    ("je n'ai jamais fait de stage, il me reste 6 points", False),
    ("je n'ai pas encore fait de stage", False),
    ("ce sera mon tout premier stage", False),
    ("ce n'est pas mon premier stage", True),
    # by its pronoun, after a stage named or as the whole answer to the form's question (T9 c10)
    ("elle peut faire un stage en janvier pour remonter ? elle n'en a jamais fait", False),
    ("non j'en ai jamais fait", False),
    ("un stage ? il n'en a jamais suivi aucun", False),
])
def test_previous_stage(text, value):
    assert [f.value for f in found(text) if f.entity == "previous_stage"] == [value]


@pytest.mark.parametrize("text", [
    "et si je ne m'inscris à aucun stage ?",
    "j'ai fait mon premier stage en 2021",
    "j'ai fait un stage le 3 mars",
    "jamais fait de conduite accompagnée",
    "si je ne fais pas le stage dans les 4 mois ?",
    "pas fait de stage depuis 3 ans, c'est possible d'en refaire un ?",
    "pas de stage pour l'instant, je préfère attendre",
    "des excès j'en ai jamais fait, je fais un stage ?",  # (the pronoun is not the stage's)
    "un stage ? j'en ai pas fait depuis 2020",
])
def test_no_previous_stage_fact(text):
    assert not [f for f in found(text) if f.entity == "previous_stage"]


# --- the licence handed back after a 48SI (R20: the 6-month wait runs from that day)


@pytest.mark.parametrize("text,expected", [
    ("48SI reçue le 2 avril 2026, rendu le 8 avril, permis depuis 2015", ("2026-04-08", "handed_back")),
    ("permis rendu en prefecture le 08/04/2026", ("2026-04-08", "handed_back")),
    ("jai rendu mon permis le 8 avril", ("2026-04-08", "handed_back")),
    ("je l ai remis le 3 mars", ("2026-03-03", "handed_back")),
    # brought back to the prefecture (T8 c33's family)
    ("je le ramène à la préfecture le 3 mars", ("2027-03-03", "handed_back")),  # (to come: the next 3 March)
    ("j'ai ramené mon permis le 3 mars", ("2026-03-03", "handed_back")),
    ("mes points rendus le 3 mars", ("2026-03-03", None)),  # points given back, not the licence
    ("le stage m'a rendu 4 points le 3 mars", ("2026-03-03", None)),
])
def test_the_day_the_licence_was_handed_back(text, expected):
    assert expected in dates(text)


@pytest.mark.parametrize("text", ["et si je rends mon permis le 10 décembre, le nouveau c'est pour quand ?",
                                  "je le remets le 10 décembre à la préfecture", "si je le ramène le 10 décembre ?"])
def test_a_licence_to_hand_back_said_in_the_present_is_handed_back_on_the_next_such_day(text):
    from bot.nlu.fact_parsing import extract_facts
    assert [(f.value, f.role) for f in extract_facts(text, date(2026, 12, 1)) if f.entity == "date"] == [
        ("2026-12-10", "handed_back")]


@pytest.mark.parametrize("text,expected", [
    ("soufflé 0,3 g le 20 octobre 2026, payé le 5 novembre", [("2026-10-20", "offence"), ("2026-11-05", "payment")]),
    ("contrôle d'alcoolémie le 3 mars", [("2026-03-03", "offence")]),
])
def test_the_day_of_a_check_is_the_offence_date(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text", ["jsuis en permis proba depuis 8 mois", "je suis JA, j'ai combien de points ?"])
def test_short_ways_of_saying_probationary(text):
    assert any(f.entity == "probationary" and f.value is True for f in found(text))


# --- the day a letter came: a 48N or a 48SI, received or signed for


@pytest.mark.parametrize("text,expected", [
    ("j'ai signé le recommandé 48SI le 25/11/2026. est-ce que je peux encore faire un stage ?",
     [("2026-11-25", "letter_48n")]),
    ("j'ai reçu la 48SI le 25/11/2026", [("2026-11-25", "letter_48n")]),
    ("lettre 48si reçue le 3 novembre", [("2026-11-03", "letter_48n")]),
    ("48N signée le 2/11", [("2026-11-02", "letter_48n")]),
    ("reçu la lettre 48N le 3 novembre", [("2026-11-03", "letter_48n")]),
    ("mon fils a reçu une lettre 48N le 20 octobre 2026.", [("2026-10-20", "letter_48n")]),
    ("et la je recois une 48N le 20 novembre 2026", [("2026-11-20", "letter_48n")]),
])
def test_the_day_the_letter_came(text, expected):
    assert dates(text) == expected


# --- a stage done or booked, said in any person: the stage role (a booked one looks ahead)


@pytest.mark.parametrize("text,expected", [
    ("Il a fait son stage le 10 et 11 novembre", [("2026-11-10", "stage")]),
    ("j'ai réservé un stage le 14 et 15 décembre", [("2026-12-14", "stage")]),
    ("je suis inscrit à un stage les 8 et 9 janvier", [("2027-01-08", "stage")]),
    ("mon stage est prévu le 20 janvier", [("2027-01-20", "stage")]),
    ("elle a suivi sa formation en mars", [("2026-03", "stage")]),
    ("elle a suivi son stage en mars", [("2026-03", "stage")]),
    ("stage booké pour le 3 février", [("2027-02-03", "stage")]),
    ("mon fils a reçu une lettre 48N le 20 octobre 2026. Il a fait son stage le 10 et 11 novembre. "
     "Comment il se fait rembourser ?", [("2026-10-20", "letter_48n"), ("2026-11-10", "stage")]),
    # the complementary training of a probationary licence is not a stage
    ("j'ai fait la formation complémentaire en mars", [("2026-03", None)]),
    # the stage named, its days right after it
    ("stage volontaire les 14 et 15 avril 2025", [("2025-04-14", "stage")]),
    ("stage 48N du 12 au 13/01/2026", [("2026-01-12", "stage")]),
    ("stage obligatoire en janvier 2026", [("2026-01", "stage")]),
    ("stage les 2 et 3 mars 2026", [("2026-03-02", "stage")]),
])
def test_a_stage_done_or_booked(text, expected):
    assert dates(text) == expected


# --- a planned stage moved to another year-less date: the next one; without such a cue, the latest one


@pytest.mark.parametrize("text,value", [
    ("et si je le décale au 20 janvier ?", "2027-01-20"),
    ("et si je décale le stage en février ?", "2027-02"),
    ("si je le fais en février plutôt ?", "2027-02"),
    ("je peux le repousser au 15 mars ?", "2027-03-15"),
    ("et si je l'avance au 10 décembre", "2026-12-10"),
    ("et si je le reporte en mars", "2027-03"),
    ("et si c'est plutôt en février ?", "2027-02"),
    ("je préfère le faire en février plutôt", "2027-02"),
    # past: no cue of a plan
    ("le stage c'était le 10 février", "2026-02-10"),
    ("payé en février", "2026-02"),
    ("c'était plutôt en février", "2026-02"),
    ("non, plutôt le 3 février", "2026-02-03"),
    ("payé d'avance le 3 mars", "2026-03-03"),
])
def test_a_moved_stage_looks_ahead(text, value):
    assert [v for v, _ in dates(text)] == [value]


# --- the offence's day without a word of the check: the excess itself, an infinitive typo for "arrêté"


@pytest.mark.parametrize("text,expected", [
    ("excès de 35 km/h le 20 novembre 2026 et j'ai payé le 28 novembre",
     [("2026-11-20", "offence"), ("2026-11-28", "payment")]),
    ("exces de 35 km/h le 20 novembre", [("2026-11-20", "offence")]),
    ("un excès de vitesse de 35 km/h le 20 novembre", [("2026-11-20", "offence")]),
    ("excès de vitesse le 3 mai", [("2026-05-03", "offence")]),
    ("arreter a 0,3 g le 20 novembre 2026", [("2026-11-20", "offence")]),
    ("arrêtée à 0,3 g le 20 novembre 2026", [("2026-11-20", "offence")]),
    ("flashé à 140 le 3 mai", [("2026-05-03", "offence")]),
    ("contrôlé positif le 2 juin", [("2026-06-02", "offence")]),
    # stopping something is no check
    ("je veux arrêter de conduire le 3 mai", [("2026-05-03", None)]),
])
def test_the_day_of_an_excess_or_an_arrest_is_the_offence_date(text, expected):
    assert dates(text) == expected


# --- a conviction made final: the retrait counts from that day, like a payment


@pytest.mark.parametrize("text", [
    "condamnation définitive le 3 mars 2024",
    "condamné le 3 mars 2024",
    "jugement le 3 mars 2024",
])
def test_the_day_of_a_conviction_is_the_payment_date(text):
    assert dates(text) == [("2024-03-03", "payment")]


# --- the licence's date said in other words, or named by a pronoun once the licence was named


@pytest.mark.parametrize("text,expected", [
    ("le permis je l'ai depuis 2010", [("2010", "licence")]),
    ("mon permis je l'ai eu en septembre 2024", [("2024-09", "licence")]),
    ("mon permis je l'ai eu le 3 mars 2015", [("2015-03-03", "licence")]),
    ("mon permis, je l'avais depuis 2015", [("2015", "licence")]),
    ("mon permis a été suspendu. Je l'avais depuis 2015", [("2015", "licence")]),
    ("permis passé en 2019", [("2019", "licence")]),
    ("j'ai le permis depuis 2015", [("2015", "licence")]),
    ("ça fait 10 ans que j'ai le permis", [("2016-12-01", "licence")]),
    # no licence named: the pronoun is anything
    ("je l'avais depuis 2015", [("2015", None)]),
    # the pronoun names something else: a letter, a fine, a stage
    ("je l'ai reçue le 3 mars", [("2026-03-03", None)]),
    ("je l'ai payée le 3 mars", [("2026-03-03", "payment")]),
    ("mon permis est suspendu, la lettre je l'ai reçue le 3 mars", [("2026-03-03", None)]),
    ("mon permis, l'amende je l'ai payée le 3 mars", [("2026-03-03", "payment")]),
    ("mon permis, le stage je l'ai passé le 3 mars", [("2026-03-03", None)]),
    # the licence named at the start of a clause, its date right after it
    ("permis 10/03/2024, excès de 25 km/h payé le 20/09/2024", [("2024-03-10", "licence"), ("2024-09-20", "payment")]),
    ("Permis B le 3 mai 2025", [("2025-05-03", "licence")]),
    ("permis : 01/03/2024", [("2024-03-01", "licence")]),
    ("j'ai rendu mon permis le 8 avril 2026", [("2026-04-08", "handed_back")]),
])
def test_the_licence_date_in_other_words(text, expected):
    assert dates(text) == expected


def test_two_hand_back_dates_in_one_message():
    text = ("deuxième invalidation, j'ai rendu mon permis le 15 janvier 2026, "
            "la première fois je l'avais rendu le 8 avril 2024")
    assert dates(text) == [("2026-01-15", "handed_back"), ("2024-04-08", "handed_back")]


def test_points_lost_on_a_day_without_a_cue():
    facts = found("j'ai perdu 2 points le 1er août 2026")
    assert [(f.value, f.role) for f in facts if f.entity == "points"] == [(2, "lost")]
    assert dates("j'ai perdu 2 points le 1er août 2026") == [("2026-08-01", None)]


@pytest.mark.parametrize("text,expected", [
    # R2: the titre exécutoire of the majorée, a composition pénale executed or a conviction become final establish
    # the offence like a payment: the retrait (and the recovery clocks) count from that day
    ("quand est ce qu'on perd les points si on paye pas, titre executoire le 5 mai 2026", ("2026-05-05", "payment")),
    ("titre exécutoire le 05/05/2026", ("2026-05-05", "payment")),
    ("amende majorée le 3 mars 2026", ("2026-03-03", "payment")),
    ("composition pénale exécutée le 10 juin 2026", ("2026-06-10", "payment")),
    ("la condamnation est devenue définitive le 2 octobre 2026", ("2026-10-02", "payment")),
])
def test_the_day_an_offence_is_established_without_payment(text, expected):
    assert expected in dates(text)


def points(text: str):
    return [(f.value, f.role) for f in found(text) if f.entity == "points"]


@pytest.mark.parametrize("text,expected", [
    # R18 example 1: "une amende de 4 points" is the retrait told, "10 points" the balance
    ("j'ai 10 points, je viens de payer une amende de 4 points le 28/11/2026", [(10, "balance"), (4, "lost")]),
    ("un pv à 3 pts pour le téléphone", [(3, "lost")]),
    # "9 points avant": the balance before the retrait told
    ("amende pour téléphone, 9 points avant… je fais le stage avant ou après avoir payé ?", [(9, "balance")]),
    ("il me restait 8 points avant de payer", [(8, "balance")]),
    ("une amende de 135 pour un stop", []),  # an amount, not points
])
def test_points_of_a_fine_and_the_balance_before_it(text, expected):
    assert points(text) == expected


@pytest.mark.parametrize("text,expected", [
    # R4: failing to give way to a pedestrian costs 6 points (R.415-11), not the 4 of another priority
    ("j'ai pas cédé le passage à un piéton le 20 novembre", {"pedestrian_priority"}),
    ("non respect de la priorité d'un pieton engagé", {"pedestrian_priority"}),
    ("pas laissé la priorité aux piétons", {"pedestrian_priority"}),
    ("j'ai pas cédé le passage à droite", {"priority"}),
])
def test_giving_way_to_a_pedestrian_is_its_own_offence(text, expected):
    assert offences(text) == expected
