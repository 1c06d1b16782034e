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


# --- testers' items (2026-12): the question sentence wins over the story; the 48N stage's points with its refund

def test_a_probation_story_asking_the_points_after_a_stage_gets_the_stage_s_answer(conversation):
    # it was classified ask_probation and got the probation answer; the stage's points were never given. Licence
    # 2024-12-01 (year 2 from 2025-12-01: ceiling 8), 2 points for an offence of 2026-03-10 → 6/8, frozen at 8
    reply = conversation.say_text(
        "J'ai mon permis probatoire depuis le 1er décembre 2024, sans conduite accompagnée ni formation "
        "complémentaire. Je devais avoir 10 points en probatoire mais j'ai perdu 2 points pour un excès de 25 km/h "
        "commis le 10 mars 2026, payé le 20 mars 2026. si je fais le stage… j'aurais combien ?")
    print(reply)
    assert "formation complémentaire" not in reply and "pas votre question" not in reply
    assert "stage" in reply and "?" in reply
    replies = [reply]
    for answer in ("le 14 décembre 2026", "non jamais"):
        if "votre solde passe" in replies[-1]:
            break
        replies.append(conversation.say_text(answer))
    text = replies[-1]
    print(text)
    assert "Le stage vous rendra 2 points, avec effet au 16 décembre 2026 : votre solde passera de 6 à 8 points" in text


def test_the_refund_of_the_48n_stage_comes_with_its_points(conversation):
    # R15 example 1, in the tester's words: refunded (stage before 14 March 2026), and 6 out of 6 on 14 January 2026
    text = conversation.say_text(
        "J'ai eu mon permis le 1er février 2025. Le 10 septembre 2025 je me suis fait arrêter avec le téléphone à la "
        "main, j'ai payé l'amende le 25 septembre. J'ai reçu la lettre 48N le 14 novembre 2025 et j'ai fait le stage "
        "obligatoire les 12 et 13 janvier 2026. Est-ce que je vais être remboursé ?")
    print(text)
    assert "L'amende payée vous est remboursée, car le stage a été fait avant le 14 mars 2026" in text
    assert "vous a rendu 3 points le 14 janvier 2026 : votre solde est passé de 3 à 6 points" in text
