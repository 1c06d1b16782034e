"""Fixtures of the channel tests: the widget's web server and a real browser (Debian chromium).

The Rasa server and the action server are the shared `bot_servers` of tests/conftest.py.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.web.server import start_web_server
from tests.conftest import free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def web_server(bot_servers):
    """The widget's web server (as `python -m bot run` starts it), on a free port."""
    server = start_web_server(free_port(), bot_servers.rasa_port)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (Playwright's own browser download is not used)."""
    executable = CHROMIUM if CHROMIUM.exists() else (shutil.which("chromium") and Path(shutil.which("chromium")))
    if not executable:
        pytest.fail("chromium est introuvable : `make browser` l'installe (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
