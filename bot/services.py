"""Start, train and stop the assistant's processes: the action server and the Rasa server.

Used by the launcher (`python -m bot`) and by the end-to-end tests, so that what is
tested is exactly what users run.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

import requests
import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = PROJECT_ROOT / "models"
VAR_DIR = PROJECT_ROOT / "var"
LOG_DIR = VAR_DIR / "logs"
DEFAULT_TRACKER_DB = VAR_DIR / "conversations.db"
CREDENTIALS = PROJECT_ROOT / "credentials.yml"
MESSAGING_CREDENTIALS = PROJECT_ROOT / "credentials.messaging.yml"
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")

# What a trained model depends on: the training data, the configuration, the custom
# NLU components and the exact library versions.
TRAINING_INPUTS = ("config.yml", "domain.yml", "data", "bot/nlu", "requirements.lock")


def rasa_executable() -> str:
    """The `rasa` command of the interpreter running this code (the project's venv)."""
    candidate = Path(sys.executable).parent / "rasa"
    return str(candidate) if candidate.exists() else "rasa"


def process_environment(extra: Optional[dict] = None) -> dict:
    """Environment for the child processes: no telemetry, the project importable."""
    env = dict(os.environ)
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), env.get("PYTHONPATH", "")) if p
    )
    # TensorFlow is chatty on start-up; keep the logs readable.
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    if extra:
        env.update(extra)
    return env


def latest_model() -> Optional[Path]:
    models = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def training_fingerprint() -> str:
    """A digest of every training input: same digest, same model."""
    digest = hashlib.sha256()
    for name in TRAINING_INPUTS:
        root = PROJECT_ROOT / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts:
                continue
            digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def train(force: bool = False) -> Path:
    """Train the model when data, domain, config or NLU components changed since the
    last training, and only then (`force` trains anyway).

    Models are named after the fingerprint of their inputs, so an existing model
    with the current fingerprint is up to date.
    """
    name = f"model-{training_fingerprint()}"
    model = MODELS_DIR / f"{name}.tar.gz"
    if model.exists() and not force:
        print(f"Modèle à jour, pas d'entraînement : {model.name}", flush=True)
        return model
    command = [
        rasa_executable(), "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(MODELS_DIR), "--fixed-model-name", name,
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, env=process_environment(), check=True)
    return model


def write_endpoints(action_port: int, tracker_db: Path, directory: Path) -> Path:
    """endpoints.yml with this run's action server port and tracker database."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://localhost:{action_port}/webhook"
    endpoints["tracker_store"]["db"] = str(tracker_db)
    path = directory / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, allow_unicode=True), encoding="utf-8")
    return path


@dataclass
class MessagingChannels:
    """What `--messaging` found in credentials.messaging.yml."""

    enabled: list = field(default_factory=list)
    # channel name -> environment variables it still needs
    missing: dict = field(default_factory=dict)


def messaging_channels(environ: Optional[dict] = None) -> MessagingChannels:
    """The messaging channels whose environment variables are all set (and the others)."""
    environ = os.environ if environ is None else environ
    templates = yaml.safe_load(MESSAGING_CREDENTIALS.read_text(encoding="utf-8")) or {}
    found = MessagingChannels()
    for name, block in templates.items():
        needed = sorted(set(ENV_REFERENCE.findall(yaml.safe_dump(block))))
        missing = [var for var in needed if not environ.get(var)]
        if missing:
            found.missing[name] = missing
        else:
            found.enabled.append(name)
    return found


def write_credentials(directory: Path, messaging: bool = False, environ: Optional[dict] = None) -> Path:
    """credentials.yml for this run: the local channels, plus the messaging channels whose
    environment variables are set when `messaging` is true.

    Secrets are not written: the file keeps the `${VAR}` references, which Rasa expands when
    it reads the file.
    """
    if not messaging:
        return CREDENTIALS
    channels = messaging_channels(environ)
    templates = yaml.safe_load(MESSAGING_CREDENTIALS.read_text(encoding="utf-8")) or {}
    merged = CREDENTIALS.read_text(encoding="utf-8").rstrip() + "\n\n# Messaging channels (credentials.messaging.yml)\n"
    for name in channels.enabled:
        merged += yaml.safe_dump({name: templates[name]}, allow_unicode=True, sort_keys=False)
    path = directory / "credentials.yml"
    path.write_text(merged, encoding="utf-8")
    return path


@dataclass
class RunningBot:
    """Handles on a running action server and Rasa server."""

    rasa_port: int
    action_port: int
    tracker_db: Path
    processes: list = field(default_factory=list)
    web: Optional[object] = None  # bot.web.server.WebServer when the widget is served

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.rasa_port}"

    @property
    def web_url(self) -> Optional[str]:
        return self.web.url if self.web is not None else None

    @property
    def rest_webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    def stop(self) -> None:
        if self.web is not None:
            self.web.stop()
            self.web = None
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


def _spawn(command: list, log_name: Optional[str], env: dict) -> subprocess.Popen:
    if log_name is None:
        return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = open(LOG_DIR / log_name, "ab")  # noqa: SIM115 - kept open for the child's life
    return subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(url: str, process: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} s'est arrêté au démarrage (code {process.returncode}); voir {LOG_DIR}.")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=2).status_code < 500:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{what} ne répond pas sur {url} après {timeout:.0f} s; voir {LOG_DIR}.")


def start_action_server(port: int, env: dict, log_name: Optional[str]) -> subprocess.Popen:
    command = [rasa_executable(), "run", "actions", "--actions", "actions", "--port", str(port)]
    process = _spawn(command, log_name, env)
    wait_until_up(f"http://localhost:{port}/health", process, timeout=120, what="Le serveur d'actions")
    return process


def start(
    rasa_port: int = 5005,
    action_port: int = 5055,
    tracker_db: Path = DEFAULT_TRACKER_DB,
    model: Optional[Path] = None,
    extra_env: Optional[dict] = None,
    log_to_files: bool = True,
    config_dir: Optional[Path] = None,
    web_port: Optional[int] = None,
    messaging: bool = False,
) -> RunningBot:
    """Start the action server, then the Rasa server (REST + socket.io) on localhost, then
    (with `web_port`) the web server of the chat widget.

    `messaging` adds the messaging channels of credentials.messaging.yml whose environment
    variables are set.
    """
    env = process_environment(extra_env)
    tracker_db.parent.mkdir(parents=True, exist_ok=True)
    config_dir = config_dir or Path(tempfile.mkdtemp(prefix="permis-bot-"))
    endpoints = write_endpoints(action_port, tracker_db, config_dir)
    credentials = write_credentials(config_dir, messaging=messaging, environ=env)
    bot = RunningBot(rasa_port=rasa_port, action_port=action_port, tracker_db=tracker_db)
    try:
        bot.processes.append(
            start_action_server(action_port, env, f"actions-{action_port}.log" if log_to_files else None)
        )
        command = [
            rasa_executable(), "run",
            "--model", str(model or latest_model() or MODELS_DIR),
            "--endpoints", str(endpoints),
            "--credentials", str(credentials),
            "--interface", "127.0.0.1",
            "--port", str(rasa_port),
            "--enable-api", "--cors", "*",
        ]
        rasa = _spawn(command, f"rasa-{rasa_port}.log" if log_to_files else None, env)
        bot.processes.append(rasa)
        # /status answers only once the model is loaded.
        wait_until_up(f"{bot.rasa_url}/status", rasa, timeout=300, what="Le serveur Rasa")
        if web_port is not None:
            from bot.web.server import start_web_server

            bot.web = start_web_server(web_port, rasa_port)
    except BaseException:
        bot.stop()
        raise
    return bot


@contextlib.contextmanager
def running(**kwargs) -> Iterator[RunningBot]:
    bot = start(**kwargs)
    try:
        yield bot
    finally:
        bot.stop()
