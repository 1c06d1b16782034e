"""T31 (a live check of stop 27, BOT_TODAY=2026-12-01): "Permis probatoire" typed again after the probation's answer got
"Comme indiqué : …" with a line "- - Le retrait …" and two lines twice: the result line carried its dated line, and the
line answering the question was cut after the first line break instead of after that result."""
from __future__ import annotations

from actions.reminders import reminder_body
from tests.actions.conftest import make_tracker

ANSWER = ("Son solde est aujourd'hui de 0 point sur 6 : 8 points retirés, sans compter un stage éventuel (article L.223-1 "
          "du Code de la route).\n"
          "- Le retrait pour l'infraction du 5 novembre 2026 a fait tomber son solde à 0 point (solde calculé : -2) le 20 "
          "novembre 2026 : c'est une lettre 48SI qui suit (article L.223-1 du Code de la route).\n"
          "- Seule issue : un stage terminé avant la notification de la 48SI sauve le permis (-2 + 4 = 2 points) "
          "(article L.223-6 du Code de la route).\n"
          "- Son permis est probatoire jusqu'au 31 mai 2029. Son plafond est aujourd'hui de 6 points (article L.223-1 du "
          "Code de la route).")


def test_the_reminder_says_each_line_once_with_one_bullet():
    body = reminder_body(ANSWER, make_tracker(text="Permis probatoire", intent="ask_probation"))
    lines = body.splitlines()
    assert not any(line.startswith("- - ") for line in lines), body
    assert len(lines) == len(set(line.lstrip("- ") for line in lines)), body
    assert "- Son permis est probatoire jusqu'au 31 mai 2029. Son plafond est aujourd'hui de 6 points (article L.223-1 " \
           "du Code de la route)." in lines
    assert lines[1].startswith("- Le retrait pour l'infraction du 5 novembre 2026")
