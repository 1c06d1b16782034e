"""A small static HTTP server for the chat widget (`bot/web/`), bound to localhost.

It serves `widget.js`, `widget.css`, the vendored socket.io client and a demo page
(`index.html`). The demo page reads `config.js`, generated per request so that it points
at the Rasa server of this run (same host name as the page, Rasa's port).
"""
from __future__ import annotations

import functools
import json
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

WEB_DIR = Path(__file__).resolve().parent
# Only the widget's assets are served (not the Python sources next to them).
SERVED_SUFFIXES = {".html", ".js", ".css", ".svg", ".png", ".ico"}

DEMO_TITLE = "Assistant permis à points"
DEMO_INITIAL_MESSAGE = (
    "Bonjour ! Posez votre question sur le permis à points "
    "(points après un stage, récupération, permis probatoire, lettre 48N…)."
)


class WidgetRequestHandler(SimpleHTTPRequestHandler):
    """Static files of bot/web, plus `config.js` for the demo page."""

    rasa_port: int = 5005
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".html": "text/html; charset=utf-8",
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.split("?", 1)[0] == "/config.js":
            self._send_config()
        else:
            super().do_GET()

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix not in SERVED_SUFFIXES and not target.name.endswith(".LICENSE"):
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        return super().send_head()

    def list_directory(self, path):  # no directory listings
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _send_config(self) -> None:
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0] or "localhost"
        config = {
            "serverUrl": f"http://{host}:{self.rasa_port}",
            "title": DEMO_TITLE,
            "initialMessage": DEMO_INITIAL_MESSAGE,
            "open": True,
        }
        body = f"window.PermisWidgetConfig = {json.dumps(config, ensure_ascii=False)};\n".encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        # The widget is meant to be embedded in other sites: let them load it.
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        if self.path.split("?", 1)[0] != "/config.js":
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        pass  # keep the launcher's console readable


class WebServer:
    """The widget's HTTP server, running in a daemon thread."""

    def __init__(self, port: int, rasa_port: int, host: str = "127.0.0.1"):
        handler = type("BoundWidgetRequestHandler", (WidgetRequestHandler,), {"rasa_port": rasa_port})
        self.httpd = ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(WEB_DIR)))
        self.httpd.daemon_threads = True
        self.thread: Optional[threading.Thread] = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}/"

    def start(self) -> "WebServer":
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="widget-http", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join(timeout=5)
            self.thread = None
        self.httpd.server_close()


def start_web_server(port: int, rasa_port: int, host: str = "127.0.0.1") -> WebServer:
    return WebServer(port, rasa_port, host).start()
