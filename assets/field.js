// Field mode (/field): the phone's outbox, check-ins and sorting by distance.
//
// A note or a check-in is first stored on the phone (localStorage), then sent to the
// JSON endpoints of dashboard/field_api.py. Each item carries a UUID made here; the
// server stores its first arrival and answers a repeat with the stored row, so an
// item is sent again until an answer says it is stored or refused, and is never
// stored twice. Sending starts at once, on the browser's "online" event, every
// FLUSH_MS, and from the "Send now" button. Items keep the phone's time of writing.
//
// Only items of the signed-in user (data-user on #field-root) are sent. Everything
// shown is set as text, never as HTML. The page (layouts/field.py) hands this script
// its endpoint (data-api), token (data-csrf) and texts (data-texts) on #field-root.
(function () {
  "use strict";

  var STORE_KEY = "cartera.field.outbox.v1";
  var FLUSH_MS = 15000;
  var flushing = false;
  var results = {}; // customer id -> last message shown on its card
  var notice = ""; // a message of the outbox itself (session ended, page stale)

  function root() {
    return document.getElementById("field-root");
  }

  function texts() {
    var element = root();
    try {
      return JSON.parse((element && element.dataset.texts) || "{}");
    } catch (error) {
      return {};
    }
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  function load() {
    try {
      var items = JSON.parse(window.localStorage.getItem(STORE_KEY) || "[]");
      return Array.isArray(items) ? items : [];
    } catch (error) {
      return [];
    }
  }

  function save(items) {
    window.localStorage.setItem(STORE_KEY, JSON.stringify(items));
  }

  function change(id, apply) {
    // Re-read before writing: another tab may have changed the outbox meanwhile.
    var items = load();
    var kept = [];
    items.forEach(function (item) {
      var changed = item.id === id ? apply(item) : item;
      if (changed) {
        kept.push(changed);
      }
    });
    save(kept);
  }

  function uuid() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16)); // http: no randomUUID
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.from(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function mine(items) {
    var element = root();
    var user = element ? element.dataset.user : null;
    return items.filter(function (item) {
      return item.user === user;
    });
  }

  // --- what the collector sees -------------------------------------------------------

  function setResult(customerId, text) {
    results[String(customerId)] = text;
    paintResults();
  }

  function paintResults() {
    document.querySelectorAll("[data-field-result]").forEach(function (element) {
      var text = results[element.getAttribute("data-field-result")] || "";
      if (element.textContent !== text) {
        element.textContent = text;
      }
    });
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    if (text !== undefined) {
      element.textContent = text;
    }
    return element;
  }

  function countText(t, items) {
    var notes = items.filter(function (item) { return item.kind === "note"; }).length;
    var checkins = items.length - notes;
    var parts = [];
    if (notes) {
      parts.push(notes === 1 ? t.notes_one : fill(t.notes_many, { count: notes }));
    }
    if (checkins) {
      parts.push(checkins === 1 ? t.checkins_one : fill(t.checkins_many, { count: checkins }));
    }
    return fill(t.waiting, { items: parts.join(" " + t.and + " ") });
  }

  function itemLine(t, item) {
    var line = node("li", "field-outbox-item");
    var when = new Date(item.payload.recorded_at);
    var label = t["kind." + item.kind] + " · " + item.customer_name + " · " + when.toLocaleString();
    line.appendChild(node("span", "", label));
    if (item.kind === "note") {
      line.appendChild(node("span", "field-outbox-text", " — " + item.payload.body.slice(0, 80)));
    }
    if (item.state === "refused") {
      line.appendChild(node("div", "text-danger", fill(t.refused, { error: item.error || "" })));
      var discard = node("button", "btn btn-link btn-sm p-0 field-discard", t.discard);
      discard.type = "button";
      discard.setAttribute("data-field-action", "discard");
      discard.setAttribute("data-item", item.id);
      line.appendChild(discard);
    }
    return line;
  }

  function render() {
    var box = document.getElementById("field-outbox");
    if (!box) {
      return;
    }
    var t = texts();
    var items = mine(load());
    var waiting = items.filter(function (item) { return item.state === "waiting"; });
    var parts = [];
    if (!navigator.onLine) {
      parts.push(node("div", "field-offline", t.offline));
    }
    if (notice) {
      parts.push(node("div", "text-danger", notice));
    }
    if (waiting.length) {
      var head = node("div", "field-waiting");
      head.appendChild(node("strong", "field-waiting-count", countText(t, waiting)));
      var send = node("button", "btn btn-outline-primary btn-sm ms-2", t.send_now);
      send.type = "button";
      send.setAttribute("data-field-action", "send");
      head.appendChild(send);
      parts.push(head);
    } else if (!items.length) {
      parts.push(node("div", "text-muted field-all-sent", t.nothing_waiting));
    }
    if (items.length) {
      var list = node("ul", "field-outbox-list");
      items.forEach(function (item) { list.appendChild(itemLine(t, item)); });
      parts.push(list);
    }
    box.replaceChildren.apply(box, parts);
    box.setAttribute("data-painted", "1");
    box.classList.toggle("field-outbox-busy", waiting.length > 0 || !navigator.onLine);
  }

  // --- sending -----------------------------------------------------------------------

  function post(element, item) {
    var path = item.kind === "note" ? "/notes" : "/checkins";
    return fetch(element.dataset.api + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": element.dataset.csrf },
      body: JSON.stringify(item.payload),
    }).then(function (response) {
      return response.json().then(
        function (body) { return { status: response.status, body: body }; },
        function () { return { status: response.status, body: {} }; }
      );
    });
  }

  function handle(item, answer) {
    // true: go on with the next item; false: stop until the next attempt.
    var status = answer.status;
    var body = answer.body || {};
    if (status === 200 || status === 201) {
      change(item.id, function () { return null; });
      setResult(item.customer_id, body.message || "");
      return true;
    }
    if (status === 401) {
      notice = texts().sign_in;
      return false;
    }
    if (status === 403 || status >= 500) {
      notice = body.error || "";
      return false;
    }
    change(item.id, function (stored) {
      stored.state = "refused";
      stored.error = body.error || String(status);
      return stored;
    });
    setResult(item.customer_id, fill(texts().refused, { error: body.error || status }));
    return true;
  }

  function sendNext(element, sent) {
    var next = mine(load()).filter(function (item) { return item.state === "waiting"; })[0];
    if (!next) {
      return Promise.resolve(sent);
    }
    return post(element, next).then(function (answer) {
      var ok = answer.status === 200 || answer.status === 201;
      notice = ok ? "" : notice;
      return handle(next, answer) ? sendNext(element, sent + (ok ? 1 : 0)) : sent;
    }, function () {
      return sent; // no connection: everything stays waiting
    });
  }

  function flush() {
    var element = root();
    if (!element || flushing) {
      return Promise.resolve(0);
    }
    flushing = true;
    return sendNext(element, 0).then(function (sent) {
      flushing = false;
      render();
      if (sent) {
        refreshCards();
      }
      return sent;
    });
  }

  function refreshCards() {
    // Redraw the cards (last excuse, "checked in at") unless a note is being typed.
    var typing = Array.from(document.querySelectorAll(".field-note")).some(function (details) {
      return details.open || details.querySelector("textarea").value;
    });
    var dash = window.dash_clientside;
    if (!typing && dash && dash.set_props) {
      dash.set_props("field-sync", { data: Date.now() });
    }
  }

  function enqueue(kind, card, payload) {
    var id = uuid();
    var customerId = Number(card.getAttribute("data-field-card"));
    payload.client_id = id;
    payload.customer_id = customerId;
    var items = load();
    items.push({
      id: id,
      kind: kind,
      user: root().dataset.user,
      customer_id: customerId,
      customer_name: card.getAttribute("data-customer-name"),
      state: "waiting",
      payload: payload,
    });
    save(items);
    var t = texts();
    setResult(customerId, navigator.onLine ? t.sending : t.queued);
    render();
    flush();
  }

  // --- actions -----------------------------------------------------------------------

  function saveNote(button) {
    var t = texts();
    var card = button.closest("[data-field-card]");
    var form = button.closest(".field-note-form");
    var bodyInput = form.querySelector("textarea[name=body]");
    var contactInput = form.querySelector("input[name=contact_name]");
    var body = bodyInput.value.trim();
    var contact = (contactInput.value || "").trim() || card.getAttribute("data-contact") || "";
    var customerId = card.getAttribute("data-field-card");
    if (!body) {
      setResult(customerId, t.body_required);
      return;
    }
    if (!contact) {
      setResult(customerId, t.contact_required);
      return;
    }
    enqueue("note", card, {
      recorded_at: new Date().toISOString(),
      channel: "visit",
      reason: form.querySelector("select[name=reason]").value,
      contact_name: contact,
      body: body,
    });
    bodyInput.value = "";
    form.closest("details").open = false;
  }

  function locationError(t, error) {
    var reasons = { 1: t.denied, 2: t.unavailable, 3: t.timeout };
    return fill(t.no_location, { reason: reasons[error && error.code] || t.unavailable });
  }

  function locate(onPosition, onError) {
    if (!navigator.geolocation) {
      onError({ code: 0, unsupported: true });
      return;
    }
    navigator.geolocation.getCurrentPosition(onPosition, onError, {
      enableHighAccuracy: true,
      timeout: 20000,
      maximumAge: 60000,
    });
  }

  function checkIn(button) {
    var t = texts();
    var card = button.closest("[data-field-card]");
    var customerId = card.getAttribute("data-field-card");
    setResult(customerId, t.locating);
    button.disabled = true;
    locate(
      function (position) {
        button.disabled = false;
        enqueue("checkin", card, {
          recorded_at: new Date().toISOString(),
          latitude: position.coords.latitude,
          longitude: position.coords.longitude,
          accuracy: position.coords.accuracy,
        });
      },
      function (error) {
        button.disabled = false;
        setResult(customerId, error.unsupported ? fill(t.no_location, { reason: t.unsupported }) : locationError(t, error));
      }
    );
  }

  function sortByDistance(quiet) {
    // quiet: the automatic attempt on page load says nothing, even when it fails.
    var t = texts();
    var status = document.getElementById("field-location");
    if (status && !quiet) {
      status.textContent = t.locating;
    }
    locate(
      function (position) {
        if (status) {
          status.textContent = "";
        }
        var dash = window.dash_clientside;
        if (dash && dash.set_props) {
          dash.set_props("field-position", {
            data: {
              lat: position.coords.latitude,
              lon: position.coords.longitude,
              accuracy: position.coords.accuracy,
            },
          });
        }
      },
      function (error) {
        if (status && !quiet) {
          status.textContent = error.unsupported ? fill(t.no_location, { reason: t.unsupported }) : locationError(t, error);
        }
      }
    );
  }

  function sortIfAllowed() {
    // Sort at once when the browser already has permission (no prompt on page load).
    if (navigator.permissions && navigator.permissions.query) {
      navigator.permissions.query({ name: "geolocation" }).then(function (state) {
        if (state.state === "granted") {
          sortByDistance(true);
        }
      }, function () {});
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("[data-field-action]");
    if (!target || !root()) {
      return;
    }
    var action = target.getAttribute("data-field-action");
    if (action === "note") {
      saveNote(target);
    } else if (action === "checkin") {
      checkIn(target);
    } else if (action === "locate") {
      sortByDistance(false);
    } else if (action === "send") {
      notice = "";
      flush();
    } else if (action === "discard") {
      var id = target.getAttribute("data-item");
      change(id, function () { return null; });
      render();
    }
  });

  // Dash draws the page after this script runs, and redraws parts of it: paint the
  // outbox and the cards' messages whenever they (re)appear.
  var scheduled = false;
  function onDomChange() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      var element = root();
      if (!element) {
        return;
      }
      var box = document.getElementById("field-outbox");
      if (box && !box.getAttribute("data-painted")) {
        render();
      }
      paintResults();
      if (!element.getAttribute("data-started")) {
        element.setAttribute("data-started", "1");
        flush();
        sortIfAllowed();
      }
    });
  }

  function start() {
    new MutationObserver(onDomChange).observe(document.body, { childList: true, subtree: true });
    window.addEventListener("online", function () { notice = ""; render(); flush(); });
    window.addEventListener("offline", render);
    window.addEventListener("storage", function (event) {
      if (event.key === STORE_KEY) {
        render();
      }
    });
    window.setInterval(function () {
      if (root()) {
        render();
        flush();
      }
    }, FLUSH_MS);
    onDomChange();
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
