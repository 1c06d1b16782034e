"""The chat widget in a real browser (Debian chromium via Playwright), talking to the real
Rasa server over socket.io: French greeting, quick replies, history across a reload, and no
HTML ever interpreted in a message.

To add a step to a conversation, use the helpers of `ChatWidget`:
    widget.send("j'ai 8 points, je fais un stage le 3 mars 2026")
    assert "..." in "\n".join(widget.last_bot_messages())
    widget.click_button("Mes points après un stage")
"""
from __future__ import annotations

import time
from urllib.parse import urlparse

import pytest
import requests

LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
REPLY_TIMEOUT_MS = 60_000


class ChatWidget:
    """The widget on a page, seen as a user sees it."""

    def __init__(self, page):
        self.page = page

    # -- reading
    def _texts(self, selector: str) -> list[str]:
        return self.page.locator(selector).evaluate_all("nodes => nodes.map(n => n.textContent)")

    def messages(self) -> list[tuple[str, str]]:
        """Every displayed message, in order: ("user" | "bot", text)."""
        pairs = self.page.locator(".pw-log .pw-message").evaluate_all(
            """nodes => nodes.map(n => [n.classList.contains('pw-user') ? 'user' : 'bot',
                                         (n.querySelector('.pw-text') || {}).textContent || ''])"""
        )
        return [tuple(pair) for pair in pairs]

    def last_bot_messages(self) -> list[str]:
        """The bot's messages after the user's last message."""
        answer = []
        for who, text in reversed(self.messages()):
            if who != "bot":
                break
            answer.insert(0, text)
        return answer

    def buttons(self) -> list[str]:
        return self._texts(".pw-quick-replies .pw-quick-reply")

    def bot_count(self) -> int:
        return self.page.locator(".pw-log .pw-bot").count()

    # -- acting
    def wait_until_connected(self) -> None:
        self.page.wait_for_selector(".pw-root[data-ready='true']", timeout=REPLY_TIMEOUT_MS)

    def send(self, text: str) -> list[str]:
        """Type a message and press Enter, like a keyboard user; returns the bot's answer."""
        before = self.bot_count()
        box = self.page.get_by_label("Votre message")
        box.fill(text)
        box.press("Enter")
        return self.wait_for_answer(before)

    def click_button(self, title: str) -> list[str]:
        before = self.bot_count()
        self.page.locator(".pw-quick-replies").get_by_role("button", name=title, exact=True).click()
        return self.wait_for_answer(before)

    def wait_for_answer(self, bot_messages_before: int, settle_s: float = 0.8) -> list[str]:
        """Wait for at least one new bot message, then until no other arrives for `settle_s`."""
        self.page.wait_for_function(
            "n => document.querySelectorAll('.pw-log .pw-bot').length > n",
            arg=bot_messages_before, timeout=REPLY_TIMEOUT_MS,
        )
        count, stable_since = self.bot_count(), time.monotonic()
        while time.monotonic() - stable_since < settle_s:
            time.sleep(0.1)
            if (current := self.bot_count()) != count:
                count, stable_since = current, time.monotonic()
        return self.last_bot_messages()


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="fr-FR")
    outside = []

    def local_only(route):
        host = urlparse(route.request.url).hostname or ""
        if host in LOCAL_HOSTS:
            route.continue_()
        else:  # no CDN, nothing leaves the machine
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", local_only)
    yield context
    context.close()
    assert outside == [], f"requêtes hors de la machine : {outside}"


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"erreurs JavaScript : {errors}"


def open_widget(page, web_server) -> ChatWidget:
    page.goto(web_server.url)
    widget = ChatWidget(page)
    widget.wait_until_connected()
    return widget


def test_conversation_quick_replies_history_and_no_html(page, web_server, bot_servers, artifacts):
    widget = open_widget(page, web_server)
    # Accessible: a labelled text box, a live region for new messages, the configured welcome.
    assert page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert widget.messages()[0][0] == "bot" and "permis à points" in widget.messages()[0][1]

    answer = "\n".join(widget.send("bonjour"))
    assert "Bonjour ! Je suis l'assistant du permis à points" in answer
    assert "Mes points après un stage" in widget.buttons()

    after_button = widget.click_button("Mes points après un stage")
    assert after_button and all(text.strip() for text in after_button)
    # The button's title is shown as the user's message, its payload is what the server got.
    assert ("user", "Mes points après un stage") in widget.messages()
    session_id = page.locator(".pw-root").get_attribute("data-session-id")
    tracker = requests.get(f"{bot_servers.rasa_url}/conversations/{session_id}/tracker", timeout=30).json()
    user_texts = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert user_texts[:2] == ["bonjour", "/ask_points_after_stage"]

    # The computed answer, with its date (BOT_TODAY=2026-11-23): 7 points + 4 on 5 December 2026.
    assert "Combien de points vous reste-t-il" in "\n".join(after_button)
    widget.send("il me reste 7 points")
    widget.send("je l'ai eu en 2010")
    widget.send("le 03/12/2026")
    assert "Non, jamais" in widget.buttons()
    answer = "\n".join(widget.click_button("Non, jamais"))
    assert "11 points" in answer and "5 décembre 2026" in answer and "L.223-6" in answer
    page.screenshot(path=str(artifacts / "web-widget.png"), full_page=True)

    shown = widget.messages()
    page.reload()
    widget.wait_until_connected()
    assert widget.messages() == shown, "l'historique doit survivre au rechargement de la page"
    assert page.locator(".pw-root").get_attribute("data-session-id") == session_id

    # HTML typed by the user is shown as text, never run.
    widget.send(XSS)
    users = [text for who, text in widget.messages() if who == "user"]
    assert users[-1] == XSS
    assert page.locator(".pw-log img, .pw-log script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=str(artifacts / "web-widget-after-reload.png"), full_page=True)


def test_html_in_a_bot_message_is_shown_as_text(page, web_server, bot_servers):
    """A bot message (and button title) containing HTML, pushed by the server over socket.io."""
    widget = open_widget(page, web_server)
    widget.send("bonjour")
    session_id = page.locator(".pw-root").get_attribute("data-session-id")
    before = widget.bot_count()
    event = {"event": "bot", "text": XSS, "data": {"buttons": [{"title": XSS, "payload": "/greet"}]}}
    response = requests.post(
        f"{bot_servers.rasa_url}/conversations/{session_id}/tracker/events",
        params={"execute_side_effects": "true", "output_channel": "socketio"}, json=event, timeout=30,
    )
    response.raise_for_status()
    assert widget.wait_for_answer(before)[-1] == XSS
    assert widget.buttons() == [XSS]
    assert page.locator(".pw-log img, .pw-log script").count() == 0
    page.reload()
    widget.wait_until_connected()
    assert widget.last_bot_messages()[-1] == XSS
    assert page.locator(".pw-log img, .pw-log script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_phone_sized_screen_and_keyboard(browser, web_server, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        widget = open_widget(page, web_server)
        panel = page.locator(".pw-panel").bounding_box()
        assert panel["width"] >= 370 and panel["height"] >= 600, panel
        assert page.get_by_label("Votre message").is_visible()
        assert "Bonjour" in "\n".join(widget.send("bonjour"))
        page.screenshot(path=str(artifacts / "web-widget-mobile.png"))
        # Escape closes the panel and gives the focus back to the launcher; Enter reopens it.
        page.keyboard.press("Escape")
        assert page.locator(".pw-panel").is_hidden()
        assert page.evaluate("document.activeElement.classList.contains('pw-launcher')")
        page.keyboard.press("Enter")
        assert page.locator(".pw-panel").is_visible()
        assert page.evaluate("document.activeElement === document.querySelector('.pw-input')")
    finally:
        context.close()
