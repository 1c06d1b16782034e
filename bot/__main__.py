"""Launcher: `python -m bot run | shell | train | replay`.

`run` trains when needed, starts the action server, the Rasa server (REST and
socket.io channels on localhost; `--messaging` adds the messaging channels) and the web
server of the chat widget, and says where to talk to the assistant.
`shell` gives support staff `rasa shell` with the action server running.
`replay` prints a stored conversation for support staff.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import services


def _today_notice() -> str:
    today = os.environ.get("BOT_TODAY")
    return f"date de référence fixée : {today} (BOT_TODAY)" if today else "date de référence : aujourd'hui (Europe/Paris)"


def command_train(args: argparse.Namespace) -> int:
    model = services.train(force=args.force)
    print(f"Modèle prêt : {model.relative_to(services.PROJECT_ROOT)}")
    return 0


def _messaging_notice() -> list[str]:
    channels = services.messaging_channels()
    lines = []
    for name in channels.enabled:
        lines.append(f"  - canal {name:<9}: POST <adresse publique>/webhooks/{name}/webhook")
    for name, missing in channels.missing.items():
        lines.append(f"  - canal {name:<9}: désactivé, variables manquantes : {', '.join(missing)}")
    return lines


def command_run(args: argparse.Namespace) -> int:
    if args.messaging and not services.messaging_channels().enabled:
        print(
            "--messaging : aucun canal de messagerie configuré (voir credentials.messaging.yml et la section "
            "« Canaux de messagerie » du README).\n" + "\n".join(_messaging_notice()),
            file=sys.stderr,
        )
        return 2
    model = services.train()
    bot = services.start(
        rasa_port=args.port, action_port=args.actions_port, tracker_db=Path(args.db).resolve(), model=model,
        web_port=None if args.no_web else args.web_port, messaging=args.messaging,
    )
    web = f"  - widget web : {bot.web_url}\n" if bot.web_url else ""
    messaging = "".join(line + "\n" for line in _messaging_notice()) if args.messaging else ""
    print(
        "\nL'assistant est prêt.\n"
        f"{web}"
        f"  - API REST   : POST {bot.rest_webhook}  "
        '{"sender": "moi", "message": "bonjour"}\n'
        f"  - socket.io  : {bot.rasa_url} (canal socketio)\n"
        f"{messaging}"
        f"  - conversations enregistrées dans {args.db} "
        f"(python -m bot replay <id> pour en relire une)\n"
        f"  - {_today_notice()}\n"
        f"  - journaux : {services.LOG_DIR}\n"
        "Ctrl+C pour arrêter.",
        flush=True,
    )
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        while all(process.poll() is None for process in bot.processes):
            time.sleep(1)
        print("Un des serveurs s'est arrêté ; voir les journaux.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("Arrêt de l'assistant…", flush=True)
        bot.stop()


def command_shell(args: argparse.Namespace) -> int:
    model = services.train()
    env = services.process_environment()
    actions = services.start_action_server(args.actions_port, env, f"actions-{args.actions_port}.log")
    try:
        with tempfile.TemporaryDirectory(prefix="permis-shell-") as directory:
            endpoints = services.write_endpoints(args.actions_port, Path(args.db).resolve(), Path(directory))
            command = [services.rasa_executable(), "shell", "--model", str(model), "--endpoints", str(endpoints)]
            if args.debug:
                command.append("--debug")
            print(f"Assistant en mode console ({_today_notice()}). Tapez /stop pour quitter.", flush=True)
            return subprocess.call(command, cwd=services.PROJECT_ROOT, env=env)
    finally:
        actions.send_signal(signal.SIGINT)
        actions.wait(timeout=20)


def command_replay(args: argparse.Namespace) -> int:
    from bot import replay

    try:
        if args.list or not args.conversation_id:
            print(replay.format_list(Path(args.db), limit=args.limit))
        else:
            print(replay.replay(Path(args.db), args.conversation_id, show_all=args.all))
    except replay.ReplayError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot", description="Assistant permis à points (Rasa).")
    sub = root.add_subparsers(dest="command", required=True)

    train = sub.add_parser("train", help="entraîner le modèle si les données ont changé")
    train.add_argument("--force", action="store_true", help="entraîner même si rien n'a changé")
    train.set_defaults(handler=command_train)

    for name, handler, help_text in (
        ("run", command_run, "entraîner si besoin puis démarrer les serveurs"),
        ("shell", command_shell, "discuter avec l'assistant dans le terminal"),
    ):
        command = sub.add_parser(name, help=help_text)
        command.add_argument("--actions-port", type=int, default=5055)
        command.add_argument("--db", default=str(services.DEFAULT_TRACKER_DB), help="base SQLite des conversations")
        command.set_defaults(handler=handler)
    run = sub.choices["run"]
    run.add_argument("--port", type=int, default=5005, help="port du serveur Rasa")
    run.add_argument("--web-port", type=int, default=8080, help="port de la page du widget web (localhost)")
    run.add_argument("--no-web", action="store_true", help="ne pas servir le widget web")
    run.add_argument(
        "--messaging", action="store_true",
        help="ajouter les canaux de messagerie de credentials.messaging.yml dont les variables d'environnement sont définies",
    )
    sub.choices["shell"].add_argument("--debug", action="store_true", help="afficher intention, confiance, entités et slots")

    replay = sub.add_parser("replay", help="afficher une conversation enregistrée (support)")
    replay.add_argument("conversation_id", nargs="?", help="identifiant de la conversation (sender_id)")
    replay.add_argument("--db", default=str(services.DEFAULT_TRACKER_DB), help="base SQLite des conversations")
    replay.add_argument("--list", action="store_true", help="lister les conversations, les plus récentes d'abord")
    replay.add_argument("--limit", type=int, default=50, help="nombre de conversations listées (--list)")
    replay.add_argument("--all", action="store_true", help="montrer aussi les événements techniques (action_listen…)")
    replay.set_defaults(handler=command_replay)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
