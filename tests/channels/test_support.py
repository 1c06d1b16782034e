"""Support tools: `python -m bot replay` on a conversation stored by the real server, and the
launcher's messaging option."""
from __future__ import annotations

import subprocess
import sys

import yaml

from bot import replay, services
from tests.conftest import Conversation


def run_bot(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=services.PROJECT_ROOT, env=services.process_environment(),
        capture_output=True, text=True, timeout=60,
    )


def test_replay_prints_a_conversation_of_the_real_server(bot_servers):
    conversation = Conversation(bot_servers)
    conversation.say("bonjour")
    conversation.say("/ask_points_after_stage")  # the greeting's first button
    conversation.say("il me reste 8 points")
    tracker = conversation.tracker()

    result = run_bot("replay", conversation.sender, "--db", str(bot_servers.tracker_db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Conversation {conversation.sender}" in out
    assert "── nouvelle session ──" in out
    assert "Utilisateur : bonjour" in out
    assert "intention : greet (confiance " in out
    assert "→ action action_greet" in out
    assert "Assistant : Bonjour ! Je suis l'assistant du permis à points" in out
    assert "boutons : Mes points après un stage | " in out
    assert "Utilisateur : il me reste 8 points" in out
    assert "action_listen" not in out  # bookkeeping is hidden…
    # …and every slot the conversation set is shown with its value.
    slots = [e for e in tracker["events"] if e["event"] == "slot"]
    assert slots, "the stage question should have set slots"
    for event in slots:
        assert f"✎ slot {event['name']} = " in out
    # Bot texts appear in order.
    bot_texts = [e["text"] for e in tracker["events"] if e["event"] == "bot"]
    positions = [out.index(text.split("\n")[0]) for text in bot_texts]
    assert positions == sorted(positions)

    verbose = run_bot("replay", conversation.sender, "--db", str(bot_servers.tracker_db), "--all").stdout
    assert "→ action action_listen" in verbose

    listing = run_bot("replay", "--list", "--db", str(bot_servers.tracker_db)).stdout
    assert conversation.sender in listing


def test_replay_of_an_unknown_conversation_fails_clearly(bot_servers, tmp_path):
    result = run_bot("replay", "personne", "--db", str(bot_servers.tracker_db))
    assert result.returncode == 1 and "Aucune conversation « personne »" in result.stderr
    result = run_bot("replay", "x", "--db", str(tmp_path / "absente.db"))
    assert result.returncode == 1 and "introuvable" in result.stderr


def test_replay_formats_slots_forms_and_entities():
    events = [
        replay.Event(1763904000.0, {"event": "user", "text": "j'ai 8 points",
                                    "parse_data": {"intent": {"name": "inform", "confidence": 0.9731},
                                                   "entities": [{"entity": "number", "value": 8}]}}),
        replay.Event(1763904000.5, {"event": "active_loop", "name": "stage_form"}),
        replay.Event(1763904001.0, {"event": "slot", "name": "current_balance", "value": 8}),
        replay.Event(1763904001.0, {"event": "active_loop", "name": None}),
    ]
    out = "\n".join(replay.format_conversation("c1", events))
    assert "intention : inform (confiance 0.97)" in out
    assert "entité : number = 8" in out
    assert "formulaire stage_form activé" in out and "formulaire terminé" in out
    assert "✎ slot current_balance = 8" in out
    assert "du 23/11/2025 14:20:00" in out  # 13:20 UTC shown in Paris time (CET)


def test_messaging_credentials_take_the_channels_whose_variables_are_set(tmp_path):
    environ = {"TELEGRAM_TOKEN": "1:x", "TELEGRAM_BOT_NAME": "b", "PUBLIC_URL": "https://h"}
    channels = services.messaging_channels(environ)
    assert channels.enabled == ["telegram"]
    assert set(channels.missing) == {"facebook", "twilio", "slack"}
    assert "FACEBOOK_APP_SECRET" in channels.missing["facebook"]

    path = services.write_credentials(tmp_path, messaging=True, environ=environ)
    written = path.read_text(encoding="utf-8")
    assert "${TELEGRAM_TOKEN}" in written and "1:x" not in written  # no secret on disk
    merged = yaml.safe_load(written)
    assert set(merged) == {"rest", "socketio", "telegram"}
    assert merged["socketio"]["session_persistence"] is True
    # The default run never uses the messaging file.
    assert services.write_credentials(tmp_path, messaging=False) == services.CREDENTIALS


def test_rasa_expands_the_variables_of_the_merged_credentials(tmp_path, monkeypatch):
    from rasa.shared.utils.io import read_config_file

    environ = {"TELEGRAM_TOKEN": "1:x", "TELEGRAM_BOT_NAME": "b", "PUBLIC_URL": "https://h.example"}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    credentials = read_config_file(str(services.write_credentials(tmp_path, messaging=True, environ=environ)))
    assert credentials["telegram"] == {
        "access_token": "1:x", "verify": "b", "webhook_url": "https://h.example/webhooks/telegram/webhook",
    }


def test_run_messaging_without_any_channel_configured_stops_with_help():
    env = {k: v for k, v in services.process_environment().items()
           if not k.startswith(("TELEGRAM_", "FACEBOOK_", "TWILIO_", "SLACK_"))}
    result = subprocess.run([sys.executable, "-m", "bot", "run", "--messaging"], cwd=services.PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "TELEGRAM_TOKEN" in result.stderr and "Canaux de messagerie" in result.stderr
