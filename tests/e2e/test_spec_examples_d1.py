"""Worked examples of the spec an outside tester tried (R2 ex. 3–4, R9, R14 ex. 3, R20 ex. 1 and 3, R21 ex. 2), in
whole conversations against the real servers (BOT_TODAY=2026-11-23): the forms a message opens through another
action, and the questions an answer asks after it."""
from __future__ import annotations


def test_a_payment_to_come_withdraws_nothing_yet_and_the_class_gives_one_date(conversation):
    answer = conversation.say_text("je vais payer l'amende du feu rouge le 30 novembre, les points seront retirés "
                                   "quand ?")
    assert answer.startswith("Pas encore")
    assert "Les 4 points de cette infraction seront retirés le 30 novembre 2026" in answer
    assert "tous les points reviendront le 30 novembre 2029 (3 ans, contravention de 4e classe)" in answer


def test_a_stage_during_a_suspension_without_the_licence_s_date(conversation):
    # R14 example 3, in October: 9 points from the day after the stage, no probation assumed without the licence date
    reply = conversation.say_text("suspendu 2 mois depuis le 1er octobre, 5 points, stage les 12 et 13 octobre, ça me "
                                  "fait combien de points ?")
    assert "obtenu votre permis" in reply
    assert "La date figure sur votre permis" in conversation.say_text("je ne sais pas")
    reply = conversation.say_text("je sais pas")
    assert "je fais le calcul sans la date de votre permis" in reply and "Avant ce stage" in reply
    answer = conversation.say_text("non jamais")
    assert "avec effet au 14 octobre 2026 : votre solde passe de 5 à 9 points" in answer
    assert "communément admis" in answer and "plafond de 12 points" in answer


def test_after_a_48si_the_exams_and_the_day_the_licence_is_handed_back(conversation):
    reply = conversation.say_text("lettre 48SI reçue le 20 novembre, permis obtenu en mars 2022, je dois tout repasser ?")
    assert "avait au moins 3 ans à l'invalidation (le 20 novembre 2026)" in reply
    assert "Le nouveau permis est probatoire : 6 points pendant 3 ans" in reply
    assert reply.endswith("À quelle date avez-vous rendu votre permis à la préfecture ? (par exemple : 8 avril 2026, "
                          "ou « pas encore »)")
    assert "rendez-le au plus tard le 30 novembre 2026" in conversation.say_text("pas encore")
    answer = conversation.say_text("je vais le rendre le 25 novembre")
    assert "à partir du 25 mai 2027" in answer and "au plus tard le 25 août 2027" in answer


def test_a_company_car_s_fine_paid_by_the_company(conversation):
    answer = conversation.say_text("voiture de société flashée, c'est l'entreprise qui paie, je perds des points ?")
    assert "aucun point n'est retiré" in answer and "L.121-6" in answer and "vitesse maximale" not in answer
