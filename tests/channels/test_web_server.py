"""The widget's static web server: assets, demo configuration, nothing else."""
from __future__ import annotations

import requests

from bot.web.server import start_web_server
from tests.conftest import free_port


def test_serves_the_widget_and_the_demo_page_only():
    server = start_web_server(free_port(), rasa_port=5999)
    try:
        base = server.url
        page = requests.get(base, timeout=5)
        assert page.status_code == 200 and 'src="widget.js"' in page.text
        assert page.headers["Content-Type"].startswith("text/html")
        for asset in ("widget.js", "widget.css", "vendor/socket.io.min.js"):
            response = requests.get(base + asset, timeout=5)
            assert response.status_code == 200, asset
            assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Socket.IO v4" in requests.get(base + "vendor/socket.io.min.js", timeout=5).text[:200]
        config = requests.get(base + "config.js", timeout=5).text
        assert '"serverUrl": "http://localhost:5999"' in config
        for hidden in ("server.py", "__init__.py", "vendor/", "../services.py", "%2e%2e/services.py"):
            assert requests.get(base + hidden, timeout=5).status_code == 404, hidden
    finally:
        server.stop()
