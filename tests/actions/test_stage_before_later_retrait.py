"""A stage done before a retrait recorded later is in the balance before that retrait: it cannot save the licence from
it, and the next stage gives points only a year after it (R13, R18). Outside tester T7 (BOT_TODAY=2026-12-01): c21,
c24."""
from __future__ import annotations

import pytest

from actions import answers
from tests.actions.test_stage_balance_first_day import Chat


@pytest.fixture(autouse=True)
def _first_of_december(first_of_december):
    """The testers' reference date."""


def zero_points(chat: Chat, text: str, **known) -> str:
    return chat.say(text, "ask_zero_points", answers.ActionAnswerZeroPoints(), known or None)


@pytest.mark.parametrize("story, stage, question", [
    ("j'ai 2 points et je viens de payer une amende de téléphone (3 points) hier. je vais perdre mon permis ??",
     "mince j'ai déjà fait un stage en mars dernier, le 10 et 11 mars 2026",
     "bah est-ce que je peux encore sauver mon permis du coup ?"),
    ("Il me reste 2 points, j'ai payé hier une amende de 3 points pour le téléphone au volant, je perds mon permis ?",
     "j'avais fait un stage les 10 et 11 mars 2026",
     "un stage peut encore me sauver ?"),
    ("2 points sur mon permis, amende téléphone de 3 points réglée hier, c'est fini pour moi ?",
     "sachant que j'ai suivi un stage le 10 et 11 mars 2026",
     "je peux sauver mon permis ?"),
])
def test_a_stage_done_before_the_retrait_does_not_save_the_licence(domain, story, stage, question):
    chat = Chat(domain)
    zero_points(chat, story, fine_payment_date="2026-11-30", last_offence_points=3)
    zero_points(chat, stage)
    reply = zero_points(chat, question)
    assert reply.startswith("Votre stage des 10 et 11 mars 2026 a eu lieu avant ce retrait : ses points sont déjà "
                            "comptés dans votre solde de 2 points"), reply
    assert "a sauvé votre permis" not in reply
    assert "Un nouveau stage ne rendra des points qu'à partir du 10 mars 2027" in reply
    assert "il le sauverait (solde 3 points) ; si la 48SI arrive avant, le permis est perdu" in reply


@pytest.mark.parametrize("story", [
    "j'avais 4 points et j'ai pris 6 pour un refus de priorité à un piéton, ça fait -2, donc c'est rattrapable ?",
    "avant j'avais 4 points, j'ai perdu 6 points pour un piéton, je suis à -2, un stage peut me sauver ?",
])
def test_the_balance_of_0_shown_after_the_retrait_is_not_the_one_before_it(domain, story):
    # T7 c24: 4 points, a 6-point retrait paid 20 October 2026, stage on 8-9 June 2026 before it; Mes Points Permis
    # shows 0 (after the retrait): -2, the June stage does not save it, the next stage from 8 June 2027
    chat = Chat(domain)
    zero_points(chat, story, last_offence_points=6, offence_class="c4")
    zero_points(chat, "j'ai déjà fait un stage le 8 et 9 juin 2026")
    reply = zero_points(chat, "je peux faire un stage pour sauver mon permis oui ou non ?", current_balance=0,
                        fine_payment_date="2026-10-20")
    # "oui ou non ?": the no first (T8 c24), then the same answer
    assert reply.startswith("Non, pas avant le 8 juin 2027"), reply
    assert "\n\nVotre stage des 8 et 9 juin 2026 a eu lieu avant ce retrait" in reply, reply
    assert "Votre solde calculé est de -2" in reply and "à partir du 8 juin 2027" in reply
    assert "a sauvé votre permis" not in reply
