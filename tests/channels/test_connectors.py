"""Messaging connectors, offline: a recorded platform payload is posted to Rasa's real webhook
(Rasa's own channel code, built from credentials.messaging.yml), and the test checks the call
the connector made back to the platform: chat id and French text.

Rasa runs in this process (the trained model, the channels' blueprints in a Sanic app, the
real action server next to it) so that the platforms' API clients can be replaced by
recorders: aiogram's `make_request` for Telegram (the Bot API method and its parameters), the
`requests` transport for Messenger and Twilio (the HTTP request itself). Any other outgoing
connection to a host that is not local fails the test: nothing leaves the machine.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from bot import services
from tests.conftest import PINNED_TODAY, free_port

GREETING = "Bonjour ! Je suis l'assistant du permis à points"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}

# What `--messaging` would read from the environment (fake, well-formed values).
FAKE_ENV = {
    "PUBLIC_URL": "https://assistant.example.test",
    "TELEGRAM_TOKEN": "123456789:AAHfakeTokenForOfflineTests-0123456789",
    "TELEGRAM_BOT_NAME": "permis_points_bot",
    "FACEBOOK_VERIFY_TOKEN": "jeton-de-verification",
    "FACEBOOK_APP_SECRET": "secret-de-l-application",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAFakePageAccessToken",
    "TWILIO_ACCOUNT_SID": "AC" + "0123456789abcdef" * 2,
    "TWILIO_AUTH_TOKEN": "jeton-twilio",
    "TWILIO_WHATSAPP_NUMBER": "whatsapp:+14155238886",
    "SLACK_BOT_TOKEN": "xoxb-fake-token",
    "SLACK_SIGNING_SECRET": "secret-slack",
}


class Outbound:
    """Every call a connector made to a platform."""

    def __init__(self):
        self.calls: list[dict] = []
        self.blocked: list[str] = []
        self._lock = threading.Lock()

    def record(self, **call) -> None:
        with self._lock:
            self.calls.append(call)

    def since(self, mark: int, platform: str) -> list[dict]:
        return [c for c in self.calls[mark:] if c["platform"] == platform]

    def telegram_messages(self, mark: int) -> list[dict]:
        return [c["data"] for c in self.since(mark, "telegram") if c["method"] == "sendMessage"]

    def messenger_messages(self, mark: int) -> list[dict]:
        return [c["json"] for c in self.since(mark, "facebook") if "message" in c["json"]]


def _fake_telegram_result(method: str, data: dict):
    if method == "getMe":
        return {"id": 123456789, "is_bot": True, "first_name": "Permis à points",
                "username": FAKE_ENV["TELEGRAM_BOT_NAME"]}
    if method == "sendMessage":
        return {"message_id": int(time.time() * 1000) % 100000, "date": int(time.time()),
                "chat": {"id": int(data["chat_id"]), "type": "private"}, "text": data.get("text", "")}
    return True  # setWebhook, sendChatAction…


def _install_recorders(patch: pytest.MonkeyPatch, outbound: Outbound) -> None:
    import aiogram.bot.api
    import aiohttp
    import requests.adapters

    async def telegram_make_request(session, server, token, method, data=None, files=None, **kwargs):
        data = {k: v for k, v in (data or {}).items() if v is not None}
        outbound.record(platform="telegram", url=server.api_url(token=token, method=method),
                        method=method, data=data)
        return _fake_telegram_result(method, data)

    patch.setattr(aiogram.bot.api, "make_request", telegram_make_request)

    original_send = requests.adapters.HTTPAdapter.send

    def requests_send(adapter, request, *args, **kwargs):
        url = urlparse(request.url)
        if url.hostname in LOCAL_HOSTS:
            return original_send(adapter, request, *args, **kwargs)
        body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
        response = requests.Response()
        response.status_code, response.url, response.request = 200, request.url, request
        response.headers["Content-Type"] = "application/json"
        if url.hostname == "graph.facebook.com":
            payload = json.loads(body) if body else {}
            outbound.record(platform="facebook", url=request.url, json=payload)
            result = {"recipient_id": payload.get("recipient", {}).get("id"), "message_id": f"m_{uuid.uuid4().hex}"}
        elif url.hostname == "api.twilio.com":
            form = {k: v[0] for k, v in parse_qs(body).items()}
            outbound.record(platform="twilio", url=request.url, form=form)
            response.status_code = 201
            result = {"sid": "SM" + uuid.uuid4().hex, "status": "queued", "to": form.get("To"),
                      "from": form.get("From"), "body": form.get("Body")}
        else:
            outbound.blocked.append(request.url)
            raise requests.ConnectionError(f"test hors ligne : {request.url} bloqué")
        response._content = json.dumps(result).encode()
        return response

    patch.setattr(requests.adapters.HTTPAdapter, "send", requests_send)

    original_request = aiohttp.ClientSession._request

    async def aiohttp_request(session, method, url, *args, **kwargs):
        if urlparse(str(url)).hostname not in LOCAL_HOSTS:
            outbound.blocked.append(str(url))
            raise aiohttp.ClientConnectionError(f"test hors ligne : {url} bloqué")
        return await original_request(session, method, url, *args, **kwargs)

    patch.setattr(aiohttp.ClientSession, "_request", aiohttp_request)


class InProcessRasa:
    """The trained model behind the channels of a credentials file, served by Sanic in a thread."""

    def __init__(self, model: Path, endpoints: Path, credentials: Path, port: int):
        self.model, self.endpoints, self.credentials, self.port = model, endpoints, credentials, port
        self.loop: asyncio.AbstractEventLoop | None = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rasa-in-process", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "InProcessRasa":
        self._thread.start()
        if not self._ready.wait(timeout=300) or self.error:
            raise RuntimeError(f"Rasa (en processus) n'a pas démarré : {self.error!r}")
        return self

    def _run(self) -> None:
        try:
            from rasa.core.agent import load_agent
            from rasa.core.channels.channel import register
            from rasa.core.run import create_http_input_channels
            from rasa.core.utils import AvailableEndpoints
            from sanic import Sanic

            # Built before this thread's loop exists: TelegramInput registers its webhook with asyncio.run().
            channels = create_http_input_channels(None, str(self.credentials))
            app = Sanic(f"connectors-{uuid.uuid4().hex[:8]}")
            register(channels, app, route="/webhooks/")

            self.loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.loop)
            endpoints = AvailableEndpoints.read_endpoints(str(self.endpoints))
            app.ctx.agent = self.loop.run_until_complete(load_agent(model_path=str(self.model), endpoints=endpoints))

            async def serve():
                server = await app.create_server(host="127.0.0.1", port=self.port, return_asyncio_server=True,
                                                 access_log=False)
                await server.startup()  # create_server already listens (Sanic 21.12)
                return server

            self.server = self.loop.run_until_complete(serve())
        except BaseException as error:  # reported by start()
            self.error = error
            self._ready.set()
            raise
        self._ready.set()
        self.loop.run_forever()

    def stop(self) -> None:
        if self.loop is None:
            return

        async def shutdown():
            self.server.close()
            await self.server.wait_closed()

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(timeout=20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=20)


@pytest.fixture(scope="module")
def outbound():
    return Outbound()


@pytest.fixture(scope="module")
def connectors(trained_model, tmp_path_factory, outbound):
    """Rasa in this process with the messaging channels of credentials.messaging.yml, as
    `python -m bot run --messaging` would configure them, and the real action server."""
    directory = tmp_path_factory.mktemp("connectors")
    policy = asyncio.get_event_loop_policy()  # Sanic switches the process to uvloop; put it back after
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**FAKE_ENV, "BOT_TODAY": PINNED_TODAY}.items():
            patch.setenv(name, value)
        _install_recorders(patch, outbound)
        credentials = services.write_credentials(directory, messaging=True)
        action_port = free_port()
        actions = services.start_action_server(
            action_port, services.process_environment({"BOT_TODAY": PINNED_TODAY}), None
        )
        rasa = None
        try:
            endpoints = services.write_endpoints(action_port, directory / "conversations.db", directory)
            rasa = InProcessRasa(trained_model, endpoints, credentials, free_port()).start()
            yield rasa
        finally:
            if rasa is not None:
                rasa.stop()
            actions.terminate()
            actions.wait(timeout=20)
            asyncio.set_event_loop_policy(policy)
    assert outbound.blocked == [], f"appels réseau bloqués : {outbound.blocked}"


def test_every_messaging_channel_is_configured_from_the_environment(connectors):
    for name in ("telegram", "facebook", "twilio", "slack"):
        assert requests.get(f"{connectors.url}/webhooks/{name}/", timeout=10).status_code == 200, name


# ---------------------------------------------------------------- Telegram
def telegram_update(chat_id: int, text: str) -> dict:
    """An update as Telegram POSTs it to the webhook (private chat, text message)."""
    return {
        "update_id": 813004527,
        "message": {
            "message_id": 42,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Camille", "last_name": "Martin",
                     "username": "camille_m", "language_code": "fr"},
            "chat": {"id": chat_id, "first_name": "Camille", "last_name": "Martin",
                     "username": "camille_m", "type": "private"},
            "date": 1763904000,
            "text": text,
        },
    }


def telegram_button_click(chat_id: int, payload: str) -> dict:
    """A callback query: the user pressed an inline keyboard button."""
    return {
        "update_id": 813004528,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9",
            "from": {"id": chat_id, "is_bot": False, "first_name": "Camille", "language_code": "fr"},
            "message": {
                "message_id": 43,
                "from": {"id": 123456789, "is_bot": True, "first_name": "Permis à points",
                         "username": FAKE_ENV["TELEGRAM_BOT_NAME"]},
                "chat": {"id": chat_id, "first_name": "Camille", "type": "private"},
                "date": 1763904001,
                "text": "Bonjour !",
            },
            "chat_instance": "-8291823761029384",
            "data": payload,
        },
    }


def post_telegram(connectors, update: dict) -> None:
    response = requests.post(f"{connectors.url}/webhooks/telegram/webhook", json=update, timeout=60)
    assert response.status_code == 200 and response.text == "success", response.text


def test_telegram_greeting_goes_back_to_the_chat(connectors, outbound):
    chat_id = 700000000 + int(uuid.uuid4().int % 1000000)
    mark = len(outbound.calls)
    post_telegram(connectors, telegram_update(chat_id, "bonjour"))

    sent = outbound.telegram_messages(mark)
    assert sent, outbound.since(mark, "telegram")
    assert all(str(message["chat_id"]) == str(chat_id) for message in sent)
    assert GREETING in sent[0]["text"]
    keyboard = json.loads(sent[0]["reply_markup"])["inline_keyboard"]
    buttons = {button["text"]: button["callback_data"] for row in keyboard for button in row}
    assert buttons["Mes points après un stage"] == "/ask_points_after_stage"
    calls = outbound.since(mark, "telegram")
    assert calls[0]["url"].startswith("https://api.telegram.org/bot")

    # The user presses a button: its payload comes back as a callback query, the bot answers.
    mark = len(outbound.calls)
    post_telegram(connectors, telegram_button_click(chat_id, "/ask_points_after_stage"))
    answers = outbound.telegram_messages(mark)
    assert answers and all(str(m["chat_id"]) == str(chat_id) and m["text"].strip() for m in answers)
    assert GREETING not in answers[0]["text"]


def test_telegram_rejects_an_update_for_another_bot(connectors, outbound, monkeypatch):
    monkeypatch.setitem(FAKE_ENV, "TELEGRAM_BOT_NAME", "un_autre_bot")  # getMe answers another name
    mark = len(outbound.calls)
    response = requests.post(f"{connectors.url}/webhooks/telegram/webhook",
                             json=telegram_update(700000001, "bonjour"), timeout=60)
    assert response.text == "failed"
    assert outbound.telegram_messages(mark) == []


# ---------------------------------------------------------------- Messenger
def messenger_event(psid: str, text: str) -> dict:
    """A webhook event as Meta POSTs it for a text message sent to the page."""
    now = int(time.time() * 1000)
    return {
        "object": "page",
        "entry": [{
            "id": "108476923456789",
            "time": now,
            "messaging": [{
                "sender": {"id": psid},
                "recipient": {"id": "108476923456789"},
                "timestamp": now,
                "message": {"mid": "m_" + base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="),
                            "text": text},
            }],
        }],
    }


def post_messenger(connectors, event: dict, secret: str = FAKE_ENV["FACEBOOK_APP_SECRET"]) -> requests.Response:
    body = json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {
        "Content-Type": "application/json",
        # Meta signs the raw body with the app secret, in both headers.
        "X-Hub-Signature": "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest(),
        "X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest(),
    }
    return requests.post(f"{connectors.url}/webhooks/facebook/webhook", data=body, headers=headers, timeout=60)


def test_messenger_greeting_goes_back_to_the_sender(connectors, outbound):
    psid = str(6_000_000_000_000_000 + uuid.uuid4().int % 10**15)
    mark = len(outbound.calls)
    response = post_messenger(connectors, messenger_event(psid, "bonjour"))
    assert response.text == "success"

    calls = outbound.since(mark, "facebook")
    assert all(call["url"].startswith("https://graph.facebook.com/") for call in calls)
    assert all(call["json"]["recipient"] == {"id": psid} for call in calls)
    actions = [call["json"].get("sender_action") for call in calls if "sender_action" in call["json"]]
    assert actions[:2] == ["mark_seen", "typing_on"]
    messages = outbound.messenger_messages(mark)
    assert messages and GREETING in messages[0]["message"]["text"]
    assert messages[0]["messaging_type"] == "RESPONSE"


def test_messenger_refuses_a_bad_signature(connectors, outbound):
    mark = len(outbound.calls)
    response = post_messenger(connectors, messenger_event("6000000000000001", "bonjour"), secret="mauvais-secret")
    assert response.text == "not validated"
    assert outbound.since(mark, "facebook") == []


def test_messenger_webhook_verification(connectors):
    params = {"hub.mode": "subscribe", "hub.verify_token": FAKE_ENV["FACEBOOK_VERIFY_TOKEN"], "hub.challenge": "1158201444"}
    assert requests.get(f"{connectors.url}/webhooks/facebook/webhook", params=params, timeout=10).text == "1158201444"


# ---------------------------------------------------------------- WhatsApp (Twilio)
def test_whatsapp_via_twilio_answers_the_sender(connectors, outbound):
    sender = "whatsapp:+336" + str(uuid.uuid4().int % 10**8).zfill(8)
    mark = len(outbound.calls)
    form = {  # what Twilio POSTs (form-encoded) for an incoming WhatsApp message
        "SmsMessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0", "ProfileName": "Camille",
        "SmsSid": "SM" + uuid.uuid4().hex, "WaId": sender.split("+")[1], "SmsStatus": "received",
        "Body": "bonjour", "To": FAKE_ENV["TWILIO_WHATSAPP_NUMBER"], "NumSegments": "1",
        "MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": FAKE_ENV["TWILIO_ACCOUNT_SID"],
        "From": sender, "ApiVersion": "2010-04-01",
    }
    response = requests.post(f"{connectors.url}/webhooks/twilio/webhook", data=form, timeout=60)
    assert response.status_code in (200, 204)  # Rasa answers Twilio with an empty response
    sent = [call["form"] for call in outbound.since(mark, "twilio")]
    assert sent and all(message["To"] == sender for message in sent)
    assert all(message["From"] == FAKE_ENV["TWILIO_WHATSAPP_NUMBER"] for message in sent)
    assert GREETING in sent[0]["Body"]
