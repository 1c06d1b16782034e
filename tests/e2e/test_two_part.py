"""Two questions in one message, and a story's clear question, against the real servers (BOT_TODAY=2026-11-23)."""
from __future__ import annotations


def test_refund_and_points_of_the_compulsory_stage_in_one_message(conversation):
    # R15 example 1 / R16 example 1: 3/6, 48N received 14 November 2025, stage 12-13 January 2026
    replies = conversation.say(
        "permis obtenu le 01/02/2025 sans conduite accompagnée, il me reste 3 points, lettre 48N reçue le 14/11/2025 "
        "et stage obligatoire les 12 et 13 janvier 2026, aucun autre stage avant. Le stage me rend des points ? "
        "Et l'amende est remboursée ?")
    text = "\n".join(replies)
    print(text)
    assert "remboursée" in text and "14 mars 2026" in text
    # the second question next, in the same turn: its form asks the one fact it still needs
    assert "pas votre question" not in text and text.endswith("Si oui, à quelle date a-t-il commencé ?")
    answer = conversation.say_text("non jamais")
    assert "votre solde passe de 3 à 6 points" in answer and "14 janvier 2026" in answer


def test_a_story_about_a_son_gets_the_points_of_his_offence(conversation):
    text = conversation.say_text(
        "bonjour mon fils a eu son permis en janvier 2026 et il s'est fait arreter avec le telephone a la main la "
        "semaine derniere, il va perdre combien de points ?")
    print(text)
    assert "pas votre question" not in text
    assert "retrait de 3 points" in text and "48N" in text


def test_when_to_send_the_refund_request_while_the_stage_day_is_asked(conversation):
    conversation.say_text("jai recu une lettre 48N le 31 octobre 2026, je suis remboursé de l'amende ?")
    text = conversation.say_text("faut envoyer la demande quand ?")
    print(text)
    assert "15 jours qui suivent la fin du stage" in text
