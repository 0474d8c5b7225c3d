// The SMS box's counter, per keystroke without a round trip. It counts exactly like
// dashboard/sms.py count_segments (tests/unit/sms_cases.py runs the same examples
// through both): GSM-7 160 / 153 per part, extension characters two septets and never
// split; otherwise UCS-2 70 / 67 UTF-16 units, surrogate pairs never split.
(function () {
  var GSM7_BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var GSM7_EXTENSION = "\f^{}\\[]~|€";
  var SINGLE = { gsm7: 160, ucs2: 70 };
  var PART = { gsm7: 153, ucs2: 67 };

  function count(text) {
    var chars = Array.from(text || ""); // code points, as Python iterates a str
    var nonGsm = [];
    chars.forEach(function (c) {
      if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0 && nonGsm.indexOf(c) < 0) {
        nonGsm.push(c);
      }
    });
    var encoding = nonGsm.length ? "ucs2" : "gsm7";
    var sizes = chars.map(function (c) {
      if (encoding === "gsm7") {
        return GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1;
      }
      return c.length; // 2 for a surrogate pair (outside the Basic Multilingual Plane)
    });
    var units = sizes.reduce(function (a, b) { return a + b; }, 0);
    var result = {
      encoding: encoding,
      characters: chars.length,
      units: units,
      segments: units ? 1 : 0,
      remaining: SINGLE[encoding] - units,
      non_gsm: nonGsm,
    };
    if (units <= SINGLE[encoding]) {
      return result;
    }
    var part = PART[encoding];
    var segments = 1;
    var used = 0;
    sizes.forEach(function (size) {
      if (used + size > part) {
        segments += 1;
        used = 0;
      }
      used += size;
    });
    result.segments = segments;
    result.remaining = part - used;
    return result;
  }

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  }

  // labels: {summary, gsm7, ucs2, unicode_because, too_long, max_segments} (texts of
  // the user's language with {placeholders}).
  function counter(text, labels) {
    labels = labels || {};
    var c = count(text);
    var summary = fill(labels.summary, {
      characters: c.characters,
      segments: c.segments,
      encoding: labels[c.encoding] || c.encoding,
      remaining: c.remaining,
    });
    var hint = "";
    if (c.segments > (labels.max_segments || 10)) {
      hint = fill(labels.too_long, { max: labels.max_segments || 10 });
    } else if (c.non_gsm.length) {
      hint = fill(labels.unicode_because, { characters: c.non_gsm.join(" ") });
    }
    return [summary, hint];
  }

  var root = typeof window !== "undefined" ? window : globalThis;
  root.dash_clientside = Object.assign({}, root.dash_clientside, {
    cartera_sms: { count: count, counter: counter },
  });
  if (typeof module !== "undefined") {
    module.exports = { count: count, counter: counter };
  }
})();
