"""T28 c27 (BOT_TODAY=2026-12-01): "sur quel article exactement pour le stop ? pas une fiche service public, un article
du code" after the stop's answer got the same card again, citing service-public.fr's F1685. The offence's own article
is cited by its answer (R4's table: stop R.415-6), and asking for the article gets the texts the answer rested on."""
from __future__ import annotations

import pytest

from actions import answers, fallback
from tests.actions.test_short_follow_ups_t5 import offence_answer

pytestmark = pytest.mark.usefixtures("first_of_december")


def test_the_stop_answer_cites_its_article(domain):
    chat = offence_answer(domain, "combien de points pour un stop ??", {"offence_type": "stop_sign"})
    assert "Stop non respecté : retrait de 4 points (contravention de 4e classe) (article R.415-6 du Code de la " \
           "route)." in chat.reply


@pytest.mark.parametrize("text, intent, action", [
    ("sur quel article exactement pour le stop ? pas une fiche service public, un article du code",
     "ask_offence_points", answers.ActionAnswerOffencePoints()),
    ("c'est quel article ?", "nlu_fallback", fallback.ActionSuggestQuestions()),
    ("vous avez vos sources ?", "out_of_scope", fallback.ActionSuggestQuestions()),
])
def test_the_article_asked_after_an_offence_answer(domain, text, intent, action):
    # (h72, T31 a27: an article asked is named in a first sentence, "C'est l'article R.415-6 …", and a card refused
    # is not listed; the sources asked in general are the list of the texts cited)
    chat = offence_answer(domain, "combien de points pour un stop ??", {"offence_type": "stop_sign"})
    reply = chat.say(text, intent, action)
    if "article" in text:
        assert reply.startswith("C'est l'article R.415-6 du Code de la route : "), reply
    else:
        assert reply.startswith("Cette réponse s'appuie sur ces textes :\n- Article R.415-6 du Code de la route\n")
    if "service public" in text:
        assert "F1685" not in reply  # (refused by the user)
    else:
        assert "ervice-public.fr, fiche F1685" in reply  # (the fine's line cites the scale's source)
    assert "legifrance.gouv.fr" in reply and "Stop non respecté : retrait" not in reply


def test_another_offence_named_with_the_article_is_its_own_question(domain):
    chat = offence_answer(domain, "combien de points pour un stop ??", {"offence_type": "stop_sign"})
    reply = chat.say("et pour le feu rouge c'est quel article ?", "ask_offence_points",
                     answers.ActionAnswerOffencePoints())
    assert not reply.startswith("Cette réponse s'appuie")
