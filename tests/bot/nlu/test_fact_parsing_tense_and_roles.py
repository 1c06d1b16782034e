"""A day written without its year follows the tense of its clause, for each role (R2 example 4); the offence named as
the reason of a payment or a conviction does not date it (R2 example 3); a suspension's start is never the licence's
day (R14 example 3). Today is 1 December 2026, the outside tester's."""
from __future__ import annotations

from datetime import date

import pytest

from bot.nlu.fact_parsing import extract_facts

TODAY = date(2026, 12, 1)


def dates(text: str):
    return [(f.value, f.role) for f in extract_facts(text, TODAY) if f.entity == "date"]


@pytest.mark.parametrize("text,expected", [
    # a payment to come: the next such day (R2 example 4, "à venir")
    ("je vais payer l'amende le 10 décembre", ("2026-12-10", "payment")),
    ("je paie le 10", ("2026-12-10", "payment")),
    ("je la paye le 3", ("2026-12-03", "payment")),
    ("je paierai mon PV le 15 décembre", ("2026-12-15", "payment")),
    ("je compte la régler le 20", ("2026-12-20", "payment")),
    ("je dois payer avant le 15", ("2026-12-15", "payment")),
    ("le 10 décembre je paie l'amende", ("2026-12-10", "payment")),
    ("je vais payer le 3 novembre", ("2027-11-03", "payment")),
    # a payment done: the last such day
    ("j'ai payé le 10 novembre", ("2026-11-10", "payment")),
    ("j'ai payé le 10", ("2026-11-10", "payment")),
    ("je l'ai payée le 28", ("2026-11-28", "payment")),
    ("amende réglée le 20 décembre", ("2025-12-20", "payment")),
    # an offence: the last one
    ("feu rouge le 20 décembre", ("2025-12-20", "offence")),
    ("j'ai grillé un feu rouge le 28", ("2026-11-28", "offence")),
    ("feu rouge le 3 mars, je vais le payer", ("2026-03-03", "offence")),
    ("flashé le 28, je paie quand ?", ("2026-11-28", "offence")),
    # a 48N received: the last one
    ("j'ai reçu la 48N le 28", ("2026-11-28", "letter_48n")),
    ("lettre 48N reçue le 10 décembre", ("2025-12-10", "letter_48n")),
    # a stage: done, the last one; planned, the next one
    ("j'ai fait le stage le 28", ("2026-11-28", "stage")),
    ("je fais le stage le 12 et 13", ("2026-12-12", "stage")),
    ("je ferai un stage les 12 et 13 mars", ("2027-03-12", "stage")),
    ("j'ai fait un stage les 12 et 13 mars", ("2026-03-12", "stage")),
])
def test_a_day_without_its_year_follows_the_tense_of_its_role(text, expected):
    assert dates(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    # the offence named as the reason of the payment or the conviction: the day is theirs (R2)
    ("j'ai payé une amende pour feu rouge le 10 novembre", ("2026-11-10", "payment")),
    ("j'ai payé mon PV pour téléphone au volant le 15 octobre", ("2026-10-15", "payment")),
    ("condamné par le tribunal de police le 1er septembre pour un feu rouge", ("2026-09-01", "payment")),
    ("condamné le 1er septembre pour excès de vitesse", ("2026-09-01", "payment")),
    ("payé le 10 novembre pour un feu rouge", ("2026-11-10", "payment")),
    ("je vais payer l'amende du feu rouge le 30 décembre", ("2026-12-30", "payment")),
    ("j'ai réglé le PV de l'excès de vitesse le 2 novembre", ("2026-11-02", "payment")),
    # the offence's own day
    ("j'ai payé l'amende pour l'infraction du 3 mars", ("2026-03-03", "offence")),
    ("j'ai payé l'amende de l'excès de vitesse du 3 mars", ("2026-03-03", "offence")),
    ("un excès de vitesse le 3 mars, je paie quand ?", ("2026-03-03", "offence")),
    ("j'ai payé mon amende pour un feu rouge grillé le 3 novembre", ("2026-11-03", "offence")),
    ("j'ai eu une amende pour feu rouge le 10 novembre", ("2026-11-10", "offence")),
    ("amende le 3 mars pour un feu rouge", ("2026-03-03", "offence")),
    ("flashé le 3 mars pour excès de vitesse", ("2026-03-03", "offence")),
])
def test_an_offence_named_as_the_reason_does_not_date_it(text, expected):
    assert dates(text) == [expected]


@pytest.mark.parametrize("text,expected", [
    ("suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars",
     [("2026-03-01", "suspension"), ("2026-03-12", "stage")]),
    # the tester's: "j'ai mon permis" was read as the licence obtained on the suspension's day (a year-1 probation)
    ("j'ai mon permis suspendu depuis le 1er mars 2026, il me reste 5 pts, j'ai fait un stage les 12 et 13 mars",
     [("2026-03-01", "suspension"), ("2026-03-12", "stage")]),
    ("permis obtenu le 2 mars 2024, suspendu le 1er mars 2026", [("2024-03-02", "licence"), ("2026-03-01", "suspension")]),
    ("permis retenu le 3 mars", [("2026-03-03", "suspension")]),
    ("rétention du permis le 3 mars", [("2026-03-03", "suspension")]),
    ("vitesse retenue 55 le 3 mars", [("2026-03-03", None)]),
    ("suspendu depuis le 1er mars, j'ai fait un stage pendant la suspension les 12 et 13 mars",
     [("2026-03-01", "suspension"), ("2026-03-12", "stage")]),
    ("suspension de permis de 2 mois depuis le 1/03, solde 5, stage 12-13/03",
     [("2026-03-01", "suspension"), ("2026-03-12", "stage")]),
])
def test_a_suspension_s_day_is_its_own(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize("text,status", [
    ("suspendu 2 mois depuis le 1er mars, 5 points, stage les 12 et 13 mars", "suspended"),
    ("suspension de 6 mois", "suspended"),
    ("retenu 72 h", "retained"),
    ("mon permis est suspendu", "suspended"),
    # the state now, the last said: one value for the slot
    ("permis retenu puis suspendu depuis le 1er mars", "suspended"),
])
def test_a_suspension_told_with_its_length_or_start_is_the_licence_s(text, status):
    assert [f.value for f in extract_facts(text, TODAY) if f.entity == "licence_status"] == [status]


@pytest.mark.parametrize("text", ["le délai est suspendu", "j'ai été retenu au travail"])
def test_other_suspensions_are_not_the_licence_s(text):
    assert not [f for f in extract_facts(text, TODAY) if f.entity == "licence_status"]


@pytest.mark.parametrize("text,expected", [
    # a letter to come on a day without its year: the next such day (a plan, its deadline to come, R15)
    ("je recevrai la 48N le 10", "2026-12-10"),
    ("je vais recevoir la lettre 48N le 10 décembre", "2026-12-10"),
    ("je dois recevoir la lettre 48N le 10", "2026-12-10"),
    ("elle doit arriver le 12 décembre", "2026-12-12"),
    ("la 48N devrait arriver le 5", "2026-12-05"),
    # received: the last such day
    ("la lettre est arrivée le 12", "2026-11-12"),
    ("j'ai reçu la 48N le 10", "2026-11-10"),
])
def test_a_letter_s_day_follows_the_tense_of_its_receipt(text, expected):
    assert [value for value, _ in dates(text)] == [expected]


@pytest.mark.parametrize("text,expected", [
    # another stage, planned and named by its pronoun: the next such month (R13; tester T7 c01)
    ("et si j'en refais un en mars pour revenir à 12 ?", "2027-03"),
    ("et si jen refais un en mars pour revenir a 12 ?", "2027-03"),
    ("j'en repasse un en février, ça marche ?", "2027-02"),
    ("si je refais un stage en mars ?", "2027-03"),
    # one done: the last such month
    ("j'en ai refait un en mars", "2026-03"),
])
def test_another_stage_named_by_its_pronoun_follows_its_tense(text, expected):
    assert dates(text)[0][0] == expected


@pytest.mark.parametrize("text, expected", [
    # T20 c07: the letter named, then received told by its pronoun: "hier" is its receipt (R19, R20: 10 days)
    ("c koi la lettre 48 si ?? jlai recu hier", [("2026-11-30", "letter_48n")]),
    ("je l'ai recu hier, je dois rendre mon permis avant quand ?", [("2026-11-30", "letter_48n")]),
    ("la 48N ? je l'ai reçue le 3 novembre", [("2026-11-03", "letter_48n")]),
    # no letter in the message: the pronoun may be a fine's notice, no role given
    ("l'avis je l'ai reçu hier, je paie quand ?", [("2026-11-30", None)]),
])
def test_a_letter_received_told_by_its_pronoun_dates_its_receipt(text, expected):
    assert dates(text) == expected
