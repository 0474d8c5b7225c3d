/* The meeting-room board's browser-side checks (callbacks/board.py calls these).
 *
 * ping(): on every refresh tick, ask /board/ping whether the server answers and the
 * board link still holds. Returns the banner text and class, the stop overlay's text
 * and class, and since when the server has been unreachable (kept until it answers).
 */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  board: {
    viewport: function () {
      return { width: window.innerWidth, height: window.innerHeight };
    },

    ping: function (config, since) {
      const texts = (config && config.texts) || {};
      const banner = "board-banner";
      const stopped = "board-stopped";
      const hidden = " is-hidden";
      const clock = function () {
        return new Date().toLocaleTimeString(config.locale || undefined, {
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        });
      };
      const offline = function () {
        const start = since || clock();
        const text = (texts.offline || "{time}").replace("{time}", start);
        return [text, banner, "", stopped + hidden, start];
      };
      const controller = new AbortController();
      const timer = setTimeout(function () { controller.abort(); }, config.timeout_ms || 8000);
      return fetch(config.ping, {
        cache: "no-store",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        signal: controller.signal,
      })
        .then(function (response) {
          return response.json()
            .catch(function () { return {}; })
            .then(function (body) { return [response.status, body]; });
        })
        .then(function (answer) {
          const status = answer[0];
          const body = answer[1] || {};
          if (status === 200 && body.ok) {
            return ["", banner + hidden, "", stopped + hidden, null];
          }
          if (status === 403 && (body.state === "revoked" || body.state === "expired")) {
            return ["", banner + hidden, texts[body.state], stopped, null];
          }
          if (status === 401) {
            if (/[?&]token=/.test(window.location.search)) {
              window.location.reload(); // the link signs this screen in again
            }
            return ["", banner + hidden, texts.signed_out, stopped, null];
          }
          return offline();
        })
        .catch(offline)
        .finally(function () { clearTimeout(timer); });
    },
  },
});
