"""Per-message latency of extract_facts (measured, not asserted).

    .venv/bin/python -m bot.nlu.bench_facts
"""
from __future__ import annotations

import statistics
import time
from datetime import date

from bot.nlu.fact_parsing import extract_facts

MESSAGES = [
    "permis depuis mars 2024, sans conduite accompagnée, il me reste 5 points",
    "j'ai eu mon permis le 12/03/2023",
    "il y a deux ans",
    "flashé à 135 au lieu de 110, j'ai perdu 2 points",
    "j'ai reçu la lettre 48N le 3 mars",
    "tel au volant et pas de ceinture, -3 pts",
    "sept",
    "7",
    "bonjour, je voudrais savoir combien de points il me reste",
    "j'ai fait un stage de récupération de points en mars 2023",
    "mon permis est suspendu depuis le mois dernier",
    "positif au cannabis et à l'alcool il y a 3 semaines",
    "je suis jeune permis depuis 18 mois, avec l'AAC, et j'ai fait la formation complémentaire",
    "j'ai grillé un feu rouge hier à 14h",
    "à 58 en ville (50)",
    "Bonjour 😀 j'ai eu mon permis il y a 2 ans 🚗",
    "oui",
    "non merci",
    "lettre 48 SI reçue, permis invalidé",
    "il me reste sept points et j'ai perdu trois points le douze mars deux mille vingt-trois",
]


def main(rounds: int = 10) -> None:
    today = date(2026, 11, 23)
    extract_facts("warm up le 12/03/2023", today)  # loads the offence lexicon
    timings = []
    for _ in range(rounds):
        for message in MESSAGES:
            start = time.perf_counter()
            extract_facts(message, today)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"{len(timings)} messages: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {timings[-1]:.2f} ms")
    long_text = (" ".join(MESSAGES) + " ") * 5
    long_text = long_text[:5000]
    start = time.perf_counter()
    extract_facts(long_text, today)
    print(f"one 5,000-character message: {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
