/* SCORM 1.2 runtime for one exported quiz. Standalone: no course.js, no framework, no network.
   The quiz HTML is the site's own template; this marks it, reports to the LMS and saves progress.

   LMS calls: LMSInitialize on load; cmi.core.lesson_status "incomplete" on a first launch;
   cmi.suspend_data (compact, always under 4,096 characters) as the learner answers; on submit
   cmi.core.score.raw/min/max, cmi.core.lesson_status passed/failed (completed when nothing is
   scored), cmi.interactions, cmi.core.session_time, LMSCommit and LMSFinish. Leaving before
   submitting saves the answers with cmi.core.exit "suspend", then LMSFinish.

   The encode/decode functions are pure and exported for Node, so tests can check the size limit. */
(function (root, factory) {
  var lib = factory();
  if (typeof module === "object" && module.exports) module.exports = lib;
  if (typeof document !== "undefined") lib.start(root);
})(typeof window !== "undefined" ? window : this, function () {
  "use strict";
  var LIMIT = 4096;          // SCORM 1.2: cmi.suspend_data is CMIString4096
  var MAX = LIMIT - 96;      // headroom: always well under the limit
  var CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"; // SCORM 1.2 single-character response ids

  /* ---- Suspend data: ["<version>", submitted 0|1, answer per question...], ASCII-only JSON ---- */
  function ascii(json) {
    return json.replace(/[\u007f-\uffff]/g, function (c) { return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4); });
  }
  function encode(state, types, max) {
    max = max || MAX;
    var answers = (state.answers || []).map(function (a) { return a == null ? "" : String(a); });
    function build() { return ascii(JSON.stringify([state.version || "", state.submitted ? 1 : 0].concat(answers))); }
    var out = build();
    if (out.length <= max) return out;
    // Too long: cap every free-text answer (reflections) at the same length, the longest that fits.
    var full = answers.slice(), lo = 0, hi = 0;
    var text = function (i) { return (types || [])[i] === "reflection"; };
    full.forEach(function (a, i) { if (text(i)) hi = Math.max(hi, a.length); });
    // a cut never splits a character written as two UTF-16 units (an emoji, say)
    function cut(a, n) { var c = a.charCodeAt(n - 1); return a.slice(0, c >= 0xd800 && c <= 0xdbff ? n - 1 : n); }
    function cap(n) { answers = full.map(function (a, i) { return text(i) ? cut(a, n) : a; }); return build(); }
    if (cap(0).length > max) { answers = []; return build(); } // never happens for a real quiz
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      if (cap(mid).length <= max) lo = mid; else hi = mid - 1;
    }
    out = cap(lo);
    return out;
  }
  function decode(text, version) {
    try {
      var v = JSON.parse(text);
      if (!Array.isArray(v) || v[0] !== version) return null;
      return { version: v[0], submitted: v[1] === 1, answers: v.slice(2) };
    } catch (e) { return null; }
  }

  /* ---- Finding and talking to the LMS (SCORM 1.2 API adapter: window.API) ---- */
  function findIn(win) {
    for (var n = 0; win && n < 10; n++) {
      try { if (win.API) return win.API; } catch (e) { return null; } // another origin: stop
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function findAPI(win) {
    var api = findIn(win);
    if (!api) { try { if (win.opener) api = findIn(win.opener); } catch (e) { api = null; } }
    return api;
  }
  function Lms(win) {
    this.api = findAPI(win); this.live = false; this.done = false;
  }
  Lms.prototype = {
    start: function () {
      if (!this.api) return false;
      this.live = String(this.api.LMSInitialize("")) === "true";
      return this.live;
    },
    get: function (key) { return this.live && !this.done ? String(this.api.LMSGetValue(key) || "") : ""; },
    set: function (key, value) {
      if (!this.live || this.done) return false;
      var ok = String(this.api.LMSSetValue(key, String(value))) === "true";
      if (!ok && typeof console !== "undefined") console.warn("SCORM: could not set " + key + " (error " + this.api.LMSGetLastError() + ")");
      return ok;
    },
    commit: function () { return this.live && !this.done && String(this.api.LMSCommit("")) === "true"; },
    finish: function () {
      if (!this.live || this.done) return false;
      this.done = true;
      return String(this.api.LMSFinish("")) === "true";
    }
  };

  function timespan(ms) { // CMITimespan HHHH:MM:SS
    var s = Math.max(0, Math.round(ms / 1000)), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    function two(x) { return (x < 10 ? "0" : "") + x; }
    return (h < 10 ? "000" : h < 100 ? "00" : h < 1000 ? "0" : "") + h + ":" + two(m) + ":" + two(s % 60);
  }

  /* ---- The quiz in the page ---- */
  function start(win) {
    var doc = win.document;
    function ready(fn) { if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", fn); else fn(); }
    ready(function () { var el = doc.querySelector("[data-cq-quiz]"); if (el) run(win, el); });
  }

  function run(win, el) {
    var doc = win.document;
    function $(sel, r) { return (r || doc).querySelector(sel); }
    function $$(sel, r) { return Array.prototype.slice.call((r || doc).querySelectorAll(sel)); }
    function make(tag, cls, text) { var e = doc.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }

    var main = el.closest("[data-sco-version]");
    var version = main ? main.getAttribute("data-sco-version") : "";
    var pass = +el.dataset.cqPass;
    var qs = $$("[data-cq-q]", el);
    var types = qs.map(function (q) { return q.dataset.cqType; });
    var scoredQs = qs.filter(function (q) { return q.dataset.cqType !== "reflection"; });
    var submit = $("[data-cq-submit]", el), retry = $("[data-cq-retry]", el), score = $("[data-cq-score]", el);
    var note = $("[data-cq-note]", el), status = $("[data-sco-status]");
    var began = Date.now(), submitted = false;
    var lms = new Lms(win);

    $$(".cq-foot,.cq-move,.cq-js-only", el).forEach(function (e) { e.hidden = false; });
    if (el.dataset.cqShuffle === "true") { // as on the site, choices come in a new order on each launch
      qs.forEach(function (q) { // (ordering items keep the build's order, which is never the answer)
        var list = $(".cq-choices:not(.cq-tf)", q), items = list ? $$(":scope > li", list) : [];
        for (var i = items.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = items[i]; items[i] = items[j]; items[j] = t; }
        items.forEach(function (li) { list.appendChild(li); });
      });
    }
    qs.forEach(function (q) { var d = $("details[data-cq-solution]", q); d.open = false; d.hidden = true; });

    function say(text) { if (status) status.textContent = text; }
    function read(q) { // the answer as the short string kept in suspend_data
      var t = q.dataset.cqType;
      if (t === "single") { var c = $("input:checked", q); return c ? c.value : ""; }
      if (t === "true_false") { var b = $("input:checked", q); return b ? b.value.charAt(0) : ""; }
      if (t === "multiple") return $$("input:checked", q).map(function (i) { return i.value; }).join(".");
      if (t === "ordering") return $$("[data-cq-key]", q).map(function (li) { return li.dataset.cqKey; }).join(".");
      if (t === "matching") return $$("select", q).map(function (s) { return s.value; }).join(".");
      return $("textarea", q).value;
    }
    function write(q, a) {
      var t = q.dataset.cqType;
      if (a == null || a === "") return;
      if (t === "single") $$("input", q).forEach(function (i) { i.checked = i.value === a; });
      else if (t === "true_false") $$("input", q).forEach(function (i) { i.checked = i.value.charAt(0) === a; });
      else if (t === "multiple") { var set = a.split("."); $$("input", q).forEach(function (i) { i.checked = set.indexOf(i.value) >= 0; }); }
      else if (t === "ordering") {
        var list = $("[data-cq-order]", q);
        a.split(".").forEach(function (k) { var li = $('[data-cq-key="' + k + '"]', list); if (li) list.appendChild(li); });
      } else if (t === "matching") { var vals = a.split("."); $$("select", q).forEach(function (s, i) { if (vals[i] != null) s.value = vals[i]; }); }
      else $("textarea", q).value = a;
    }
    function answered(q) {
      var t = q.dataset.cqType, a = read(q);
      if (t === "matching") return a.split(".").every(function (v) { return v !== ""; });
      return t === "ordering" ? true : a.trim() !== "";
    }
    function right(q) {
      var t = q.dataset.cqType, key = q.dataset.cqAnswer, a = read(q);
      if (t === "single") return a === key;
      if (t === "true_false") return a !== "" && a === key.charAt(0);
      if (t === "multiple") return a.split(".").sort().join(",") === key;
      if (t === "ordering") return a.split(".").every(function (k, i) { return +k === i; });
      if (t === "matching") return $$("select", q).every(function (s) { return s.value === s.dataset.cqAnswer; });
      return null;
    }
    function state() { return { version: version, submitted: submitted, answers: qs.map(read) }; }
    function save() {
      if (!lms.live || lms.done) return;
      lms.set("cmi.suspend_data", encode(state(), types));
    }
    function lock(on) { $$("input,select,textarea,.cq-move button", el).forEach(function (i) { i.disabled = on; }); }

    function feedback(q) {
      var t = q.dataset.cqType, fb = $("[data-cq-feedback]", q), d = $("details[data-cq-solution]", q);
      fb.innerHTML = "";
      d.hidden = false; d.open = true;
      if (t === "reflection") { fb.appendChild(make("p", "cq-neutral", "Compare your answer with the model answer below.")); return null; }
      var ok = right(q);
      fb.appendChild(make("p", ok ? "cq-ok" : "cq-no", ok ? "Correct." : answered(q) ? "Not quite." : "Not answered."));
      var a = read(q), picks = t === "multiple" ? a.split(".") : t === "single" ? [a] : t === "true_false" ? [a === "t" ? "true" : a === "f" ? "false" : ""] : [];
      picks.forEach(function (p) {
        var src = p !== "" && ($('[data-cq-fb="' + p + '"] .cq-fbtext', d) || $('[data-cq-fb="' + p + '"].cq-fbtext', d));
        if (src) { var div = make("div", "cq-fbtext"); div.innerHTML = src.innerHTML; fb.appendChild(div); }
      });
      q.classList.toggle("cq-is-right", ok); q.classList.toggle("cq-is-wrong", !ok);
      return ok;
    }

    /* cmi.interactions: one per question, in SCORM 1.2's formats (single-character ids). */
    function interactions() {
      if (lms.get("cmi.interactions._children").indexOf("id") < 0) return;
      var n = parseInt(lms.get("cmi.interactions._count"), 10) || 0;
      qs.forEach(function (q) {
        var t = q.dataset.cqType, a = read(q), key = q.dataset.cqAnswer, type, resp, pattern;
        var ch = function (i) { return CHARS.charAt(+i); };
        var list = function (s) { return s === "" ? [] : s.split("."); };
        if (t === "single" || t === "multiple") {
          if ($$("input", q).length > CHARS.length) return;
          type = "choice"; resp = list(a).map(ch).join(","); pattern = key.split(",").map(ch).join(",");
        } else if (t === "true_false") { type = "true-false"; resp = a; pattern = key.charAt(0); }
        else if (t === "ordering") {
          if ($$("[data-cq-key]", q).length > CHARS.length) return;
          type = "sequencing"; resp = list(a).map(ch).join(","); pattern = list(a).map(Number).sort(function (x, y) { return x - y; }).map(ch).join(",");
        } else if (t === "matching") {
          var sel = $$("select", q);
          if (sel.length > CHARS.length) return;
          type = "matching";
          resp = sel.filter(function (s) { return s.value !== ""; }).map(function (s, i) { return ch(sel.indexOf(s)) + "." + ch(s.value); }).join(",");
          pattern = sel.map(function (s, i) { return ch(i) + "." + ch(s.dataset.cqAnswer); }).join(",");
        } else { type = "fill-in"; resp = a.replace(/\s+/g, " ").trim().slice(0, 255); }
        var base = "cmi.interactions." + n + ".";
        if (!lms.set(base + "id", q.dataset.cqQ)) return;
        lms.set(base + "type", type);
        lms.set(base + "weighting", t === "reflection" ? "0" : "1");
        lms.set(base + "student_response", resp);
        lms.set(base + "result", t === "reflection" ? "neutral" : right(q) ? "correct" : "wrong");
        if (pattern !== undefined) lms.set(base + "correct_responses.0.pattern", pattern);
        n++;
      });
    }

    function finish(restoring) {
      var got = 0;
      qs.forEach(function (q) { if (feedback(q)) got++; });
      lock(true);
      submitted = true;
      var pct = scoredQs.length ? Math.round(100 * got / scoredQs.length) : 100;
      score.textContent = scoredQs.length
        ? "You scored " + got + " out of " + scoredQs.length + " (" + pct + "%). " + (pct >= pass ? "You passed (pass mark " + pass + "%)." : "The pass mark is " + pass + "%.")
        : "Finished. Compare your answers with the model answers.";
      submit.hidden = true;
      if (restoring) { retry.hidden = !lms.live; return; }
      if (lms.live) {
        if (scoredQs.length) {
          lms.set("cmi.core.score.min", "0");
          lms.set("cmi.core.score.max", "100");
          lms.set("cmi.core.score.raw", String(pct));
        }
        lms.set("cmi.core.lesson_status", !scoredQs.length ? "completed" : pct >= pass ? "passed" : "failed");
        interactions();
        save();
        lms.set("cmi.core.exit", "");
        lms.set("cmi.core.session_time", timespan(Date.now() - began));
        lms.commit();
        lms.finish();
        retry.hidden = true;
        say("Your result has been sent to your learning management system. You can close this window.");
      } else {
        retry.hidden = false;
      }
    }
    function reset() {
      submitted = false;
      lock(false);
      qs.forEach(function (q) {
        $("[data-cq-feedback]", q).innerHTML = "";
        var d = $("details[data-cq-solution]", q); d.hidden = true; d.open = false;
        $$("input", q).forEach(function (i) { i.checked = false; });
        $$("select", q).forEach(function (s) { s.value = ""; });
        var ta = $("textarea", q); if (ta) ta.value = "";
        q.classList.remove("cq-is-right", "cq-is-wrong");
      });
      score.textContent = ""; submit.hidden = false; retry.hidden = true; say("");
      save();
      var first = $("input,select,textarea", qs[0]); if (first) first.focus();
    }

    qs.forEach(function (q) {
      q.addEventListener("change", save);
      q.addEventListener("input", save);
      $$("[data-cq-move]", q).forEach(function (b) {
        b.addEventListener("click", function () {
          var li = b.closest("li"), list = li.parentNode, dir = +b.dataset.cqMove;
          var other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
          if (!other) return;
          list.insertBefore(li, dir < 0 ? other : other.nextSibling);
          b.focus();
          var items = $$(":scope > li", list);
          $("[data-cq-feedback]", q).textContent = "Moved to position " + (items.indexOf(li) + 1) + " of " + items.length + ".";
          save();
        });
      });
    });
    submit.addEventListener("click", function () { finish(false); score.setAttribute("tabindex", "-1"); score.focus(); });
    retry.addEventListener("click", reset);

    if (lms.start()) {
      var st = lms.get("cmi.core.lesson_status");
      if (st === "not attempted" || st === "") lms.set("cmi.core.lesson_status", "incomplete");
      var saved = decode(lms.get("cmi.suspend_data"), version);
      if (saved) {
        qs.forEach(function (q, i) { write(q, saved.answers[i]); });
        if (saved.submitted) finish(true);
      }
      lms.commit();
      var leave = function () {
        if (lms.done) return;
        save();
        lms.set("cmi.core.exit", submitted ? "" : "suspend");
        lms.set("cmi.core.session_time", timespan(Date.now() - began));
        lms.commit();
        lms.finish();
      };
      win.addEventListener("pagehide", leave);
      win.addEventListener("beforeunload", leave);
    } else if (note) {
      note.textContent = "No learning management system was found, so your score will not be recorded.";
      note.hidden = false;
    }
  }

  return { encode: encode, decode: decode, findAPI: findAPI, timespan: timespan, LIMIT: LIMIT, MAX: MAX, start: start };
});
