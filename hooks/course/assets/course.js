/* Course engine in the browser, on every page: saved progress, quizzes, reflections, "mark as done".
   Everything is rendered at build time; this only adds interaction. No framework, no network. */
(function () {
  "use strict";
  var VERSION = 1;
  var meta = function (n) { var m = document.querySelector('meta[name="' + n + '"]'); return m ? m.content : ""; };
  var BASE = meta("course-storage") || "syslead", NS = BASE + ":v" + VERSION + ":";
  /* Migrations: MIGRATE[n](kind, id, value) turns an entry saved in format n into format n + 1.
     When VERSION goes up, add a step here; on load, older entries are carried forward (the old
     keys are kept, so nothing is lost). Format 1 is the first, so the table starts empty. */
  var MIGRATE = window.__courseMigrations || {};
  function migrate() {
    var ls; try { ls = window.localStorage; if (!ls) return; } catch (e) { return; }
    for (var v = 0; v < VERSION; v++) {
      if (!MIGRATE[v]) continue;
      var from = BASE + ":v" + v + ":", to = BASE + ":v" + (v + 1) + ":";
      try {
        for (var i = 0; i < ls.length; i++) {
          var k = ls.key(i);
          if (k.indexOf(from) !== 0 || ls.getItem(to + k.slice(from.length)) !== null) continue;
          var rest = k.slice(from.length), cut = rest.indexOf(":"), val = JSON.parse(ls.getItem(k));
          var out = MIGRATE[v](rest.slice(0, cut), rest.slice(cut + 1), val);
          if (out) ls.setItem(to + rest, JSON.stringify(out));
        }
      } catch (e) { /* a value that cannot be read or written stays where it is */ }
    }
  }
  migrate();

  /* ---- Storage: namespaced, versioned, and safe when storage is blocked, full or corrupt ---- */
  var store = {
    ok: true, problem: "",
    ls: function () { try { return window.localStorage; } catch (e) { return null; } },
    key: function (kind, id) { return NS + kind + ":" + id; },
    get: function (kind, id) {
      var ls = this.ls(), raw;
      if (!ls) { this.fail("blocked"); return null; }
      try { raw = ls.getItem(this.key(kind, id)); } catch (e) { this.fail("blocked"); return null; }
      if (raw === null) return null;
      try { var v = JSON.parse(raw); if (v && typeof v === "object") return v; throw 0; }
      catch (e) {
        // Keep the unreadable copy aside, never write over it silently.
        try { ls.setItem(this.key(kind, id) + ":unreadable", raw); ls.removeItem(this.key(kind, id)); } catch (e2) { /* ignore */ }
        this.fail("corrupt"); return null;
      }
    },
    set: function (kind, id, value) {
      var ls = this.ls();
      if (!ls) { this.fail("blocked"); return false; }
      value.updated = new Date().toISOString();
      try { ls.setItem(this.key(kind, id), JSON.stringify(value)); return true; }
      catch (e) { this.fail(/quota/i.test(e && (e.name + e.message)) ? "full" : "blocked"); return false; }
    },
    remove: function (kind, id) { var ls = this.ls(); try { ls && ls.removeItem(this.key(kind, id)); } catch (e) { /* ignore */ } },
    /* Every saved entry of this course: [{kind, id, value}] */
    all: function () {
      var ls = this.ls(), out = [];
      if (!ls) return out;
      try {
        for (var i = 0; i < ls.length; i++) {
          var k = ls.key(i);
          if (k && k.indexOf(NS) === 0 && !/:unreadable$/.test(k)) {
            var rest = k.slice(NS.length), cut = rest.indexOf(":");
            var v = this.get(rest.slice(0, cut), rest.slice(cut + 1));
            if (v) out.push({ kind: rest.slice(0, cut), id: rest.slice(cut + 1), value: v });
          }
        }
      } catch (e) { this.fail("blocked"); }
      return out;
    },
    fail: function (why) { this.ok = false; this.problem = why; notify(); },
    message: function () {
      return {
        blocked: "Your browser is not letting this site save anything (private browsing or blocked storage). Everything works, but your progress will not be kept.",
        full: "Your browser's storage for this site is full, so your latest changes were not saved. Export your data from the Your data page, then clear some space.",
        corrupt: "Some saved progress could not be read, so it has been set aside and this item starts afresh. Your other progress is safe."
      }[this.problem] || "";
    }
  };
  function notify() {
    var els = document.querySelectorAll("[data-cq-note],[data-course-note]");
    for (var i = 0; i < els.length; i++) { els[i].textContent = store.message(); els[i].hidden = !store.message(); }
  }
  function touch(title) { // "continue where you left off"
    store.set("meta", "last", { url: location.pathname + location.hash, title: title || document.title });
  }
  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function shuffle(a) { for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; } return a; }
  function text(el, s) { el.textContent = s; return el; }
  function make(tag, cls, s) { var e = document.createElement(tag); if (cls) e.className = cls; if (s != null) e.textContent = s; return e; }

  /* ---- Quiz ---- */
  function Quiz(el) {
    var id = el.dataset.cqQuiz, mode = el.dataset.cqMode, pass = +el.dataset.cqPass;
    var showNow = el.dataset.cqShow === "after_attempt", doShuffle = el.dataset.cqShuffle === "true";
    var title = $(".cq-title", el).textContent;
    var qs = $$("[data-cq-q]", el);
    var scoredQs = qs.filter(function (q) { return q.dataset.cqType !== "reflection"; });
    var st = store.get("quiz", id) || {};
    st.v = VERSION; st.title = title; st.attempts = st.attempts || 0; st.answers = st.answers || {}; st.checked = st.checked || {};
    var score = $("[data-cq-score]", el), retry = $("[data-cq-retry]", el), submit = $("[data-cq-submit]", el);

    $$(".cq-actions,.cq-foot,.cq-move,.cq-js-only", el).forEach(function (e) { e.hidden = false; });
    if (mode === "assessment") $$(".cq-actions", el).forEach(function (e) { if (!$("textarea", e.parentNode)) e.hidden = true; });
    qs.forEach(function (q) { var d = $("details[data-cq-solution]", q); d.open = false; d.hidden = true; });

    function save() { st.pct = scoredQs.length ? st.pct : null; store.set("quiz", id, st); }
    function read(q) {
      var t = q.dataset.cqType;
      if (t === "single" || t === "true_false") { var c = $("input:checked", q); return c ? c.value : null; }
      if (t === "multiple") return $$("input:checked", q).map(function (i) { return i.value; });
      if (t === "ordering") return $$("[data-cq-key]", q).map(function (li) { return li.dataset.cqKey; });
      if (t === "matching") return $$("select", q).map(function (s) { return s.value; });
      return { text: $("textarea", q).value, rate: ($("[data-cq-rate] input:checked", q) || {}).value || "" };
    }
    function answered(q, a) {
      var t = q.dataset.cqType;
      if (t === "multiple") return a.length > 0;
      if (t === "matching") return a.every(function (v) { return v !== ""; });
      if (t === "reflection") return !!a.text.trim();
      return t === "ordering" ? true : a !== null;
    }
    function right(q, a) {
      var t = q.dataset.cqType, key = q.dataset.cqAnswer;
      if (t === "single" || t === "true_false") return a === key;
      if (t === "multiple") return a.slice().sort().join(",") === key;
      if (t === "ordering") return a.every(function (k, i) { return +k === i; });
      if (t === "matching") return $$("select", q).every(function (s) { return s.value === s.dataset.cqAnswer; });
      return null;
    }
    function write(q, a) { // restore a saved answer into the form
      var t = q.dataset.cqType;
      if (a == null) return;
      if (t === "single" || t === "true_false" || t === "multiple") {
        $$("input", q).forEach(function (i) { i.checked = t === "multiple" ? a.indexOf(i.value) >= 0 : i.value === a; });
      } else if (t === "ordering") {
        var list = $("[data-cq-order]", q);
        a.forEach(function (k) { var li = $('[data-cq-key="' + k + '"]', list); if (li) list.appendChild(li); });
      } else if (t === "matching") {
        $$("select", q).forEach(function (s, i) { if (a[i] != null) s.value = a[i]; });
      } else {
        $("textarea", q).value = a.text || "";
        $$("[data-cq-rate] input", q).forEach(function (i) { i.checked = i.value === a.rate; });
      }
    }
    function lock(q, on) { $$("input,select,textarea,.cq-move button", q).forEach(function (i) { i.disabled = on; }); }
    function feedback(q, final) {
      var a = read(q), t = q.dataset.cqType, fb = $("[data-cq-feedback]", q), d = $("details[data-cq-solution]", q);
      fb.innerHTML = "";
      if (t === "reflection") {
        $("[data-cq-rate]", q).hidden = false;
        d.hidden = false; d.open = true;
        fb.appendChild(make("p", "cq-neutral", "Compare your answer with the model answer below, then rate how close you were."));
        return null;
      }
      var ok = right(q, a);
      fb.appendChild(make("p", ok ? "cq-ok" : "cq-no", ok ? "Correct." : answered(q, a) ? "Not quite." : "Not answered."));
      var picks = t === "multiple" ? a : t === "single" || t === "true_false" ? [a] : [];
      picks.forEach(function (p) {
        var src = $('[data-cq-fb="' + p + '"] .cq-fbtext', d) || $('[data-cq-fb="' + p + '"].cq-fbtext', d);
        if (src) { var div = make("div", "cq-fbtext"); div.innerHTML = src.innerHTML; fb.appendChild(div); }
      });
      if (showNow || final) { d.hidden = false; d.open = true; }
      else fb.appendChild(make("p", "cq-neutral", "The answers are shown when you finish the quiz."));
      q.classList.toggle("cq-is-right", ok); q.classList.toggle("cq-is-wrong", !ok);
      return ok;
    }
    function check(q) {
      st.answers[q.dataset.cqQ] = read(q); st.checked[q.dataset.cqQ] = true;
      feedback(q, false);
      if (showNow || q.dataset.cqType === "reflection") lock(q, q.dataset.cqType !== "reflection");
      save(); touch(title);
    }
    function finish(restoring) {
      var got = 0;
      qs.forEach(function (q) {
        st.answers[q.dataset.cqQ] = read(q);
        var ok = feedback(q, true); if (ok) got++;
        lock(q, q.dataset.cqType !== "reflection"); $(".cq-actions", q).hidden = q.dataset.cqType !== "reflection";
      });
      var pct = scoredQs.length ? Math.round(100 * got / scoredQs.length) : 100;
      if (!restoring) {
        st.attempts += 1; st.submitted = true; st.pct = pct; st.passed = pct >= pass;
        st.best = Math.max(st.best || 0, pct); st.done = true;
        if (st.passed && !st.passedAt) st.passedAt = new Date().toISOString();
        save(); touch(title);
      }
      text(score, scoredQs.length
        ? "You scored " + got + " out of " + scoredQs.length + " (" + pct + "%). " + (pct >= pass ? "You passed (pass mark " + pass + "%)." : "The pass mark is " + pass + "%: try again when you are ready.") + (st.attempts > 1 ? " Best score: " + st.best + "%." : "")
        : "Finished. Compare your answers with the model answers.");
      submit.hidden = true; retry.hidden = false;
    }
    function reset() {
      st.answers = {}; st.checked = {}; st.submitted = false; save();
      qs.forEach(function (q) {
        lock(q, false); $("[data-cq-feedback]", q).innerHTML = "";
        var d = $("details[data-cq-solution]", q); d.hidden = true; d.open = false;
        $$("input", q).forEach(function (i) { i.checked = false; });
        $$("select", q).forEach(function (s) { s.value = ""; });
        var ta = $("textarea", q); if (ta) ta.value = "";
        var r = $("[data-cq-rate]", q); if (r) r.hidden = true;
        q.classList.remove("cq-is-right", "cq-is-wrong");
        if (mode !== "assessment") $(".cq-actions", q).hidden = false;
        if (doShuffle) order(q);
      });
      text(score, ""); submit.hidden = false; retry.hidden = true;
      var first = $("input,select,textarea", qs[0]); if (first) first.focus();
    }
    function order(q) { // shuffle choices (and ordering items) on each new attempt
      var list = $(".cq-choices:not(.cq-tf)", q) || $("[data-cq-order]", q);
      if (list) shuffle($$(":scope > li", list)).forEach(function (li) { list.appendChild(li); });
    }

    var early = false;
    qs.forEach(function (q) {
      if (doShuffle && !st.answers[q.dataset.cqQ]) order(q);
      // An answer given before this code ran (a fast click on a slow device) is kept, not lost.
      if (st.answers[q.dataset.cqQ] == null && answered(q, read(q))) { st.answers[q.dataset.cqQ] = read(q); early = true; }
      write(q, st.answers[q.dataset.cqQ]);
      if (st.checked[q.dataset.cqQ] && !st.submitted) {
        feedback(q, false); if (showNow) lock(q, q.dataset.cqType !== "reflection");
      }
      q.addEventListener("change", function () { st.answers[q.dataset.cqQ] = read(q); save(); });
      q.addEventListener("input", function () { st.answers[q.dataset.cqQ] = read(q); save(); });
      $("[data-cq-check]", q).addEventListener("click", function () { check(q); });
      $$("[data-cq-move]", q).forEach(function (b) {
        b.addEventListener("click", function () {
          var li = b.closest("li"), list = li.parentNode, dir = +b.dataset.cqMove;
          var other = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
          if (!other) return;
          list.insertBefore(li, dir < 0 ? other : other.nextSibling);
          b.focus();
          var items = $$(":scope > li", list);
          text($("[data-cq-feedback]", q), "Moved to position " + (items.indexOf(li) + 1) + " of " + items.length + ".");
          st.answers[q.dataset.cqQ] = read(q); save();
        });
      });
    });
    submit.addEventListener("click", function () { finish(false); score.focus && score.setAttribute("tabindex", "-1"); score.focus(); });
    retry.addEventListener("click", reset);
    if (st.submitted) finish(true);
    if (early) save();
    notify();
  }

  /* ---- Reflections: journal boxes saved as the learner types ---- */
  function Reflection(el) {
    var key = el.dataset.crKey, ta = $("textarea", el), status = $(".cr-status", el), timer;
    var st = store.get("journal", key) || {};
    el.hidden = false; ta.value = st.text || "";
    ta.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var now = new Date().toISOString();
        var ok = store.set("journal", key, { v: VERSION, text: ta.value, title: el.dataset.crTitle, page: el.dataset.crPage,
          url: location.pathname, created: st.created || now });
        st.created = st.created || now;
        text(status, ok ? "Saved in this browser." : store.message());
        touch(el.dataset.crPage);
      }, 400);
    });
  }

  /* ---- "Mark as done" on modules and case studies, and ticks in the navigation next to pages
     marked as done (the learner pages themselves load learner-pages.js) ---- */
  function day(iso) { try { return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }); } catch (e) { return ""; } }
  function Done(el) {
    var id = el.dataset.cpDone, btn = $("[data-cp-toggle]", el), msg = $("[data-cp-done-status]", el);
    el.hidden = false;
    store.set("visit", id, { url: location.pathname, title: el.dataset.cpTitle });
    touch(el.dataset.cpTitle);
    function show() {
      var d = store.get("done", id), on = !!(d && d.done);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "Marked as done (select to undo)" : btn.textContent.replace(/^Marked.*$/, "Mark as done");
      msg.textContent = on ? "You marked this as done on " + day(d.at) + "." : "Not marked as done yet.";
    }
    btn.addEventListener("click", function () {
      var d = store.get("done", id);
      if (d && d.done) store.remove("done", id);
      else store.set("done", id, { done: true, at: new Date().toISOString(), url: location.pathname, title: el.dataset.cpTitle, kind: el.dataset.cpKind });
      show(); ticks();
    });
    show();
  }
  function ticks() {
    var done = {};
    store.all().forEach(function (e) { if (e.kind === "done" && e.value.url) done[e.value.url] = true; });
    $$(".md-nav--primary .md-nav__link[href]").forEach(function (a) {
      var h = a.getAttribute("href");  // page links only: table-of-contents '#anchors' are not pages
      var on = h.charAt(0) !== "#" && !!done[new URL(h, location.href).pathname];
      var mark = $(".cp-tick", a);
      if (on && !mark) { mark = make("span", "cp-tick", " (done)"); a.appendChild(mark); }
      if (!on && mark) mark.remove();
    });
  }

  var components = { "[data-cq-quiz]": Quiz, "[data-cr-key]": Reflection, "[data-cp-done]": Done, ".md-nav--primary": ticks };
  /* Each component mounts in its own task, so a long page never blocks the browser for long. */
  function mount() {
    Object.keys(components).forEach(function (sel) {
      $$(sel).forEach(function (el) {
        if (el.dataset.mounted) return;
        el.dataset.mounted = "1";
        setTimeout(function () {
          try { components[sel](el); } catch (e) { if (window.console) console.error("course:", e); }
        }, 0);
      });
    });
  }
  window.Course = { store: store, touch: touch, register: function (sel, fn) { components[sel] = fn; }, mount: mount, $: $, $$: $$, make: make, day: day, NS: NS, VERSION: VERSION };
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mount);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
