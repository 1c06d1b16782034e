"""Latency of a form turn that calls the action server (validation + next question),
measured end to end over the REST channel on the real servers. Prints p50 / p95.

    .venv/bin/python -m bench.form_turn_latency [--turns 200]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import requests

from bot import services
from tests.conftest import free_port


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=200)
    args = parser.parse_args()
    model = services.train()
    directory = Path(tempfile.mkdtemp(prefix="bench-"))
    with services.running(rasa_port=free_port(), action_port=free_port(), tracker_db=directory / "bench.db",
                          model=model, extra_env={"BOT_TODAY": "2026-11-23"}, config_dir=directory) as bot:
        latencies = []
        for _ in range(args.turns):
            sender = uuid.uuid4().hex
            # opening turn (activates the form), then the measured turn: a date to validate
            requests.post(bot.rest_webhook, json={"sender": sender, "message": "j'ai reçu une lettre 48N"}, timeout=60)
            started = time.perf_counter()
            reply = requests.post(bot.rest_webhook, json={"sender": sender, "message": "le 05/09/2026"}, timeout=60)
            latencies.append((time.perf_counter() - started) * 1000)
            reply.raise_for_status()
        print(f"form turn latency over {len(latencies)} turns: p50 = {percentile(latencies, 0.5):.0f} ms, "
              f"p95 = {percentile(latencies, 0.95):.0f} ms, mean = {statistics.mean(latencies):.0f} ms")


if __name__ == "__main__":
    main()
