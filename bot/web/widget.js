/*!
 * Widget de discussion « Assistant permis à points » (canal socket.io de Rasa).
 *
 * Intégration : un objet de configuration puis une balise script.
 *   <script>
 *     window.PermisWidgetConfig = {
 *       serverUrl: "https://assistant.example.fr",   // serveur Rasa (canal socketio)
 *       title: "Assistant permis à points",
 *       initialMessage: "Bonjour ! Posez votre question sur le permis à points."
 *     };
 *   </script>
 *   <script src="https://assistant.example.fr/widget/widget.js" defer></script>
 *
 * Le widget charge widget.css et vendor/socket.io.min.js depuis le même dossier que widget.js.
 * Tout texte (utilisateur ou assistant) est affiché avec textContent : jamais interprété comme HTML.
 */
(function () {
  "use strict";

  if (window.PermisWidget && window.PermisWidget.loaded) return;

  var script = document.currentScript;
  var BASE_URL = script && script.src ? script.src.replace(/[^/]*([?#].*)?$/, "") : "";

  var DEFAULTS = {
    serverUrl: "http://localhost:5005",
    socketPath: "/socket.io",
    // Long-polling only by default: Rasa 3.6's Sanic 21.12 server logs an error at every socket.io
    // websocket close, and a shared test server crashed after such closes. ["polling", "websocket"]
    // re-enables the upgrade.
    transports: ["polling"],
    title: "Assistant permis à points",
    initialMessage: "Bonjour ! Posez votre question sur le permis à points.",
    placeholder: "Votre question…",
    open: false,
    storage: "local", // "local" (localStorage) ou "session" (sessionStorage)
    maxHistory: 200,
    userMessageEvent: "user_uttered",
    botMessageEvent: "bot_uttered",
    typingTimeoutMs: 30000,
  };

  var config = {};
  var userConfig = window.PermisWidgetConfig || {};
  Object.keys(DEFAULTS).forEach(function (key) {
    config[key] = userConfig[key] !== undefined ? userConfig[key] : DEFAULTS[key];
  });
  config.serverUrl = String(config.serverUrl).replace(/\/+$/, "");

  // ---------------------------------------------------------------- storage
  var store = (function () {
    var backend;
    try {
      backend = config.storage === "session" ? window.sessionStorage : window.localStorage;
      backend.setItem("permis-widget:test", "1");
      backend.removeItem("permis-widget:test");
    } catch (e) {
      backend = null; // stockage indisponible (navigation privée stricte) : pas d'historique
    }
    var prefix = "permis-widget:" + config.serverUrl + ":";
    return {
      get: function (key) {
        if (!backend) return null;
        try { return JSON.parse(backend.getItem(prefix + key)); } catch (e) { return null; }
      },
      set: function (key, value) {
        if (!backend) return;
        try { backend.setItem(prefix + key, JSON.stringify(value)); } catch (e) { /* quota */ }
      },
      remove: function (key) {
        if (backend) backend.removeItem(prefix + key);
      },
    };
  })();

  // ---------------------------------------------------------------- DOM helpers
  var uid = Math.random().toString(36).slice(2, 8);

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function loadStylesheet() {
    if (!BASE_URL || document.querySelector("link[data-permis-widget]")) return;
    var link = el("link", { rel: "stylesheet", href: BASE_URL + "widget.css", "data-permis-widget": "" });
    document.head.appendChild(link);
  }

  function loadSocketIo(callback) {
    if (window.io) return callback();
    var tag = el("script", { src: BASE_URL + "vendor/socket.io.min.js" });
    tag.onload = callback;
    tag.onerror = function () { setStatus("Impossible de charger le client de discussion.", "error"); };
    document.head.appendChild(tag);
  }

  // ---------------------------------------------------------------- UI
  var root, launcher, panel, log, typing, form, input, sendButton, statusLine;
  var history = [];
  var sessionId = store.get("session_id");
  var socket = null;
  var typingTimer = null;

  function build() {
    root = el("div", { class: "pw-root" });

    launcher = el("button", {
      type: "button", class: "pw-launcher", "aria-controls": "pw-panel-" + uid,
      "aria-expanded": "false",
    }, "Une question sur vos points ?");

    panel = el("section", {
      class: "pw-panel", id: "pw-panel-" + uid, role: "dialog", "aria-modal": "false",
      "aria-labelledby": "pw-title-" + uid, hidden: "",
    });

    var header = el("header", { class: "pw-header" });
    header.appendChild(el("h2", { class: "pw-title", id: "pw-title-" + uid }, config.title));
    statusLine = el("p", { class: "pw-status", role: "status" }, "Connexion…");
    header.appendChild(statusLine);
    var close = el("button", { type: "button", class: "pw-close", "aria-label": "Fermer la discussion" }, "×");
    close.addEventListener("click", closePanel);
    header.appendChild(close);

    log = el("div", {
      class: "pw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation avec l'assistant", tabindex: "0",
    });

    typing = el("p", { class: "pw-typing", "aria-live": "polite", hidden: "" });
    typing.appendChild(el("span", { class: "pw-dots", "aria-hidden": "true" }));
    typing.appendChild(el("span", { class: "pw-typing-text" }, "L'assistant écrit…"));

    form = el("form", { class: "pw-form", autocomplete: "off" });
    var label = el("label", { for: "pw-input-" + uid, class: "pw-visually-hidden" }, "Votre message");
    input = el("input", {
      id: "pw-input-" + uid, class: "pw-input", type: "text", name: "message",
      placeholder: config.placeholder, maxlength: "1000", enterkeyhint: "send",
    });
    sendButton = el("button", { type: "submit", class: "pw-send" }, "Envoyer");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(sendButton);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = "";
      sendMessage(text, text);
    });

    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(typing);
    panel.appendChild(form);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") closePanel();
    });

    launcher.addEventListener("click", function () {
      if (panel.hidden) openPanel(); else closePanel();
    });

    root.appendChild(panel);
    root.appendChild(launcher);
    document.body.appendChild(root);
  }

  function openPanel() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("pw-open");
    scrollToEnd();
    input.focus();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("pw-open");
    launcher.focus();
  }

  function setStatus(text, state) {
    statusLine.textContent = text;
    statusLine.setAttribute("data-state", state || "");
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function showTyping(on) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) typingTimer = setTimeout(function () { typing.hidden = true; }, config.typingTimeoutMs);
  }

  // A message: {from: "user"|"bot", text, buttons: [{title, payload}], image, time}
  function render(message) {
    var item = el("div", { class: "pw-message pw-" + message.from });
    // Screen readers hear who speaks; the prefix is hidden visually.
    item.appendChild(el("span", { class: "pw-visually-hidden" }, message.from === "user" ? "Vous : " : "Assistant : "));
    if (message.text) item.appendChild(el("span", { class: "pw-text" }, message.text));
    if (message.image && /^https?:\/\//i.test(message.image)) {
      var image = el("img", { class: "pw-image", alt: "Image envoyée par l'assistant" });
      image.src = message.image;
      item.appendChild(image);
    }
    log.appendChild(item);
    if (message.buttons && message.buttons.length) renderButtons(message.buttons);
    scrollToEnd();
  }

  function renderButtons(buttons) {
    removeButtons();
    var group = el("div", { class: "pw-quick-replies", role: "group", "aria-label": "Réponses suggérées" });
    buttons.forEach(function (button) {
      var node = el("button", { type: "button", class: "pw-quick-reply" }, button.title);
      node.addEventListener("click", function () {
        sendMessage(button.payload, button.title);
      });
      group.appendChild(node);
    });
    log.appendChild(group);
  }

  function removeButtons() {
    var groups = log.querySelectorAll(".pw-quick-replies");
    for (var i = 0; i < groups.length; i++) groups[i].parentNode.removeChild(groups[i]);
  }

  function remember(message) {
    history.push(message);
    if (history.length > config.maxHistory) history = history.slice(-config.maxHistory);
    if (sessionId) store.set("history:" + sessionId, history);
  }

  function show(message) {
    message.time = message.time || new Date().toISOString();
    render(message);
    remember(message);
  }

  function restoreHistory() {
    log.textContent = "";
    history = (sessionId && store.get("history:" + sessionId)) || [];
    if (!history.length && config.initialMessage) {
      show({ from: "bot", text: config.initialMessage, local: true });
      return;
    }
    history.forEach(function (message, index) {
      // Only the last message keeps its quick replies.
      var copy = Object.assign({}, message);
      if (index !== history.length - 1) copy.buttons = [];
      render(copy);
    });
  }

  // ---------------------------------------------------------------- socket.io
  var outbox = []; // messages typed before the session is confirmed
  var ready = false;

  function sendMessage(payload, shownText) {
    removeButtons();
    show({ from: "user", text: shownText });
    outbox.push(payload);
    flush();
  }

  function flush() {
    if (!ready || !socket || !socket.connected) {
      if (outbox.length) setStatus("Connexion… votre message partira dès que possible.", "offline");
      return;
    }
    while (outbox.length) {
      socket.emit(config.userMessageEvent, { message: outbox.shift(), session_id: sessionId });
      showTyping(true);
    }
  }

  function onBotMessage(data) {
    if (!data) return;
    var buttons = (data.quick_replies || data.buttons || []).filter(function (b) {
      return b && b.title !== undefined;
    }).map(function (b) {
      return { title: String(b.title), payload: String(b.payload !== undefined ? b.payload : b.title) };
    });
    var image = data.attachment && data.attachment.payload && data.attachment.payload.src;
    var text = typeof data.text === "string" ? data.text : "";
    if (!text && !buttons.length && !image) return;
    showTyping(false);
    show({ from: "bot", text: text, buttons: buttons, image: image || undefined });
  }

  function connect() {
    socket = window.io(config.serverUrl, { path: config.socketPath, transports: config.transports });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: sessionId });
    });
    socket.on("session_confirm", function (confirmed) {
      var id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (!id) return;
      if (id !== sessionId) {
        if (sessionId) store.remove("history:" + sessionId);
        sessionId = id;
        store.set("session_id", id);
        var pending = history;
        history = [];
        pending.forEach(remember);
      }
      root.setAttribute("data-session-id", id);
      root.setAttribute("data-ready", "true");
      ready = true;
      setStatus("En ligne", "online");
      flush();
    });
    socket.on(config.botMessageEvent, onBotMessage);
    socket.on("disconnect", function () {
      setStatus("Hors ligne, reconnexion…", "offline");
      ready = false;
      root.removeAttribute("data-ready");
    });
    socket.on("connect_error", function () {
      setStatus("Serveur injoignable, nouvelle tentative…", "error");
    });
  }

  function start() {
    loadStylesheet();
    build();
    restoreHistory();
    if (config.open) openPanel();
    loadSocketIo(connect);
  }

  window.PermisWidget = {
    loaded: true,
    open: function () { openPanel(); },
    close: function () { closePanel(); },
    send: function (text) { sendMessage(text, text); },
    /** Forget the conversation (new session on next load). */
    reset: function () {
      if (sessionId) store.remove("history:" + sessionId);
      store.remove("session_id");
      sessionId = null;
      ready = false;
      restoreHistory();
      if (socket) socket.emit("session_request", { session_id: null });
    },
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
