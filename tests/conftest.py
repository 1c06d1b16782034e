"""Shared fixtures: a trained model and the real servers (action server + Rasa) over HTTP."""
from __future__ import annotations

import socket
import uuid
from pathlib import Path

import pytest
import requests

from bot import services

# Every computed answer in the end-to-end tests is checked against this date.
PINNED_TODAY = "2026-11-23"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The project's model, trained only when its inputs changed."""
    return services.train()


@pytest.fixture(scope="session")
def bot_servers(trained_model, tmp_path_factory):
    """The real action server and Rasa server, on free ports, with a throw-away tracker store."""
    directory = tmp_path_factory.mktemp("bot")
    bot = services.start(
        rasa_port=free_port(),
        action_port=free_port(),
        tracker_db=directory / "conversations.db",
        model=trained_model,
        extra_env={"BOT_TODAY": PINNED_TODAY},
        config_dir=directory,
    )
    yield bot
    bot.stop()


class Conversation:
    """One user talking to the running bot over the REST channel."""

    def __init__(self, bot: services.RunningBot):
        self.bot = bot
        self.sender = f"test-{uuid.uuid4().hex[:12]}"
        self.last_payload: list[dict] = []

    def say(self, message: str) -> list[str]:
        response = requests.post(self.bot.rest_webhook, json={"sender": self.sender, "message": message}, timeout=60)
        response.raise_for_status()
        self.last_payload = response.json()
        return [part.get("text", "") for part in self.last_payload]

    def say_text(self, message: str) -> str:
        return "\n".join(self.say(message))

    def tracker(self) -> dict:
        response = requests.get(f"{self.bot.rasa_url}/conversations/{self.sender}/tracker", timeout=30)
        response.raise_for_status()
        return response.json()


@pytest.fixture
def conversation(bot_servers) -> Conversation:
    return Conversation(bot_servers)
