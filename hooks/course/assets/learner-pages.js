/* Learner pages: My progress, Journal, Your data, Record of learning, assignment links.
   Loaded only on those pages. Reads only what course.js saved in this browser; sends nothing anywhere. */
(function (C) {
  "use strict";
  if (!C) return;
  var S = C.store, $ = C.$, $$ = C.$$, make = C.make, day = C.day;
  var FORMAT = "system-leadership-course-data";
  var root = (document.querySelector('meta[name="course-root"]') || {}).content || "./";
  function href(url) { return root + url; }
  /* Saved or imported URLs become links only if they are paths on this site (never javascript: etc.) */
  function safe(u) { return typeof u === "string" && /^\/(?!\/)/.test(u) ? u : null; }
  function manifest(el) { try { return JSON.parse($("[data-cp-manifest]", el).textContent).items; } catch (e) { return []; } }
  function reveal(el) { $$("[data-cp-nojs]", el).forEach(function (e) { e.hidden = true; }); $$(".cp-actions", el).forEach(function (e) { e.hidden = false; }); }
  function link(url, label) { var a = make("a", null, label); a.href = href(url); return a; }
  function download(name, type, body) {
    var a = make("a"); a.href = URL.createObjectURL(new Blob([body], { type: type })); a.download = name;
    document.body.appendChild(a); a.click(); setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function table(head, rows, caption) {
    var t = make("table"), cap = make("caption", null, caption), tr = make("tr");
    t.appendChild(cap);
    head.forEach(function (h) { var th = make("th", null, h); th.scope = "col"; tr.appendChild(th); });
    var thead = make("thead"); thead.appendChild(tr); t.appendChild(thead);
    var tb = make("tbody");
    rows.forEach(function (r) {
      var row = make("tr");
      r.forEach(function (c) { var td = make("td"); if (c && c.nodeType) td.appendChild(c); else td.textContent = c == null ? "" : c; row.appendChild(td); });
      tb.appendChild(row);
    });
    t.appendChild(tb); return t;
  }

  /* State of one item, from what the other components saved. */
  function status(it) {
    var q, st;
    if (it.kind === "module" || it.kind === "case") {
      var done = S.get("done", it.id), visit = S.get("visit", it.id);
      q = it.quiz ? S.get("quiz", it.quiz) : null;
      var complete = !!(done && done.done && (!it.quiz || (q && q.passed)));
      return { state: complete ? "Done" : done || visit || q ? "In progress" : "Not started", complete: complete,
        at: complete ? (done.at > ((q && q.passedAt) || "") ? done.at : q && q.passedAt) : null,
        detail: done && done.done && it.quiz && !(q && q.passed) ? "Marked as done; quiz not passed yet" : q && q.best != null ? "Quiz best " + q.best + "%" : "" };
    }
    if (it.kind === "quiz") {
      q = S.get("quiz", it.id);
      if (!q) return { state: "Not started", detail: "" };
      return { state: q.passed || (q.done && !it.scored) ? "Done" : "In progress", complete: !!q.passed, at: q.passedAt,
        detail: q.best != null && it.scored ? "Best " + q.best + "%, " + q.attempts + " attempt" + (q.attempts === 1 ? "" : "s") : "" };
    }
    if (it.kind === "scenario") {
      st = S.get("scenario", it.id);
      var reached = st ? (st.endings || st.endingsReached || []) : [];
      if (!st) return { state: "Not started", detail: "" };
      return { state: reached.length ? "Done" : "In progress", complete: reached.length > 0,
        detail: "Endings reached: " + reached.length + " of " + (it.endings || []).length };
    }
    st = S.get("assessment", it.id);
    var n = st && st.results ? st.results.length : 0;
    return { state: n ? "Done" : "Not started", complete: n > 0, detail: n ? n + " saved result" + (n === 1 ? "" : "s") : "" };
  }

  /* My progress */
  C.register("[data-cp-progress]", function (el) {
    var items = manifest(el), last = S.get("meta", "last"), cont = $("[data-cp-continue]", el);
    reveal(el);
    if (last && safe(last.url)) {
      cont.hidden = false; cont.appendChild(make("p", "cp-continue")).append("Continue where you left off: ", (function () { var a = make("a", null, last.title); a.href = last.url; return a; })());
    }
    var groups = [["module", "Modules"], ["case", "Case studies"], ["quiz", "Quizzes"], ["scenario", "Scenarios"], ["assessment", "Self-assessments"]];
    var done = 0, total = 0;
    groups.forEach(function (g) {
      var rows = items.filter(function (i) { return i.kind === g[0]; }).map(function (i) {
        var s = status(i); total++; if (s.complete) done++;
        return [link(i.url, i.title), s.state, s.detail];
      });
      if (rows.length) { var h = make("h2", null, g[1]); h.id = "progress-" + g[0]; $("[data-cp-table]", el).append(h, table(["Item", "State", "Details"], rows, g[1] + ": your state")); }
    });
    $("[data-cp-summary]", el).appendChild(make("p", "cp-summary", "You have completed " + done + " of " + total + " items."));
  });

  /* Journal */
  function entries() {
    return S.all().filter(function (e) { return e.kind === "journal" && e.value.text && e.value.text.trim(); })
      .sort(function (a, b) { return (a.value.page || "").localeCompare(b.value.page || "") || (a.id < b.id ? -1 : 1); });
  }
  C.register("[data-cp-journal]", function (el) {
    var list = $("[data-cp-entries]", el), all = entries(), page = null, box;
    reveal(el);
    if (!all.length) list.appendChild(make("p", null, "No reflections yet. Reflection boxes in the modules and case studies save here as you type."));
    all.forEach(function (e) {
      var v = e.value;
      if (v.page !== page) { page = v.page; var h = make("h2", null, page || "Other"); list.appendChild(h); }
      box = make("article", "cp-entry");
      var h3 = make("h3"); h3.appendChild(safe(v.url) ? (function () { var a = make("a", null, v.title || e.id); a.href = safe(v.url); return a; })() : document.createTextNode(v.title || e.id));
      box.append(h3, make("p", "cp-date", "Last changed " + day(v.updated) + (v.created ? "; first written " + day(v.created) : "")));
      v.text.split(/\n{2,}/).forEach(function (para) { box.appendChild(make("p", "cp-text", para)); });
      list.appendChild(box);
    });
    $("[data-cp-export-md]", el).addEventListener("click", function () {
      var out = ["# My reflection journal", "", "System leadership in health and care. Exported " + day(new Date().toISOString()) + ".", ""], pg = null;
      entries().forEach(function (e) {
        var v = e.value;
        if (v.page !== pg) { pg = v.page; out.push("## " + (pg || "Other"), ""); }
        out.push("### " + (v.title || e.id), "", "_Last changed " + day(v.updated) + "_", "", v.text, "");
      });
      download("reflection-journal.md", "text/markdown", out.join("\n"));
    });
    $("[data-cp-print]", el).addEventListener("click", function () { window.print(); });
  });

  /* Your data: export, import, clear */
  C.register("[data-cp-data]", function (el) {
    var status = $("[data-cp-status]", el);
    reveal(el);
    function say(t) { status.textContent = t; }
    function snapshot() {
      var ls = S.ls(), out = {};
      for (var i = 0; ls && i < ls.length; i++) { var k = ls.key(i); if (k.indexOf(C.NS) === 0) out[k] = ls.getItem(k); }
      return out;
    }
    function clear() { var ls = S.ls(); Object.keys(snapshot()).forEach(function (k) { ls.removeItem(k); }); }
    $("[data-cp-export]", el).addEventListener("click", function () {
      var entries = S.all();
      download("system-leadership-course-data.json", "application/json", JSON.stringify({
        format: FORMAT, version: C.VERSION, namespace: C.NS.split(":")[0], exported: new Date().toISOString(), entries: entries }, null, 1));
      say("Downloaded " + entries.length + " saved items.");
    });
    $("[data-cp-import]", el).addEventListener("change", function (ev) {
      var file = ev.target.files[0];
      if (!file) return;
      file.text().then(function (body) {
        var data;
        try { data = JSON.parse(body); } catch (e) { throw new Error("This file is not a course data file (it is not valid JSON). Nothing was changed."); }
        if (!data || data.format !== FORMAT) throw new Error("This file was not downloaded from this course. Nothing was changed.");
        if (data.namespace !== C.NS.split(":")[0]) throw new Error("This file belongs to a different course (" + String(data.namespace).slice(0, 40) + "). Nothing was changed.");
        if (data.version !== C.VERSION || !Array.isArray(data.entries)) throw new Error("This file uses a format version this course cannot read. Nothing was changed.");
        var bad = data.entries.filter(function (e) { return !e || !/^[a-z]+$/.test(e.kind) || typeof e.id !== "string" || !e.value || typeof e.value !== "object"; });
        if (bad.length) throw new Error("This file is damaged (" + bad.length + " unreadable items). Nothing was changed.");
        var before = snapshot(), ls = S.ls();
        try {
          clear();
          data.entries.forEach(function (e) { ls.setItem(C.NS + e.kind + ":" + e.id, JSON.stringify(e.value)); });
        } catch (err) {
          clear(); Object.keys(before).forEach(function (k) { ls.setItem(k, before[k]); });
          throw new Error("There was not enough room to load this file, so your earlier data was put back. Nothing was changed.");
        }
        say("Loaded " + data.entries.length + " saved items from " + file.name + ".");
      }).catch(function (err) { say(err.message); }).then(function () { ev.target.value = ""; });
    });
    $("[data-cp-clear]", el).addEventListener("click", function () {
      if (!window.confirm("Delete everything this course has saved in this browser? This cannot be undone.")) { say("Nothing was deleted."); return; }
      clear(); say("Everything this course saved in this browser has been deleted.");
    });
  });

  /* Record of learning (printable, for CPD and appraisal) */
  C.register("[data-cp-record]", function (el) {
    var items = manifest(el), body = $("[data-cp-recordbody]", el), name = $("[data-cp-name]", el);
    reveal(el);
    var who = make("p", "cp-who");
    name.addEventListener("input", function () { who.textContent = name.value ? "Learner: " + name.value : ""; });
    body.append(who, make("p", null, "Record produced on " + day(new Date().toISOString()) + " from the progress saved in this browser."));
    var minutes = 0, done = items.filter(function (i) { return (i.kind === "module" || i.kind === "case") && status(i).complete; });
    var rows = done.map(function (i) { var s = status(i); minutes += i.minutes || 0; return [i.title, i.kind === "module" ? "Module" : "Case study", day(s.at), (i.minutes || 0) + " min"]; });
    body.append(make("h2", null, "Modules and case studies completed"),
      rows.length ? table(["Title", "Type", "Completed", "Estimated time"], rows, "Completed modules and case studies") : make("p", null, "None completed yet."),
      make("p", "cp-total", "Estimated learning time: " + Math.floor(minutes / 60) + " h " + (minutes % 60) + " min (the course's reading-time estimates)."));
    var qrows = items.filter(function (i) { return i.kind === "quiz"; }).map(function (i) { return [i, S.get("quiz", i.id)]; })
      .filter(function (p) { return p[1] && p[1].passed; }).map(function (p) { return [p[0].title, p[1].best + "%", day(p[1].passedAt)]; });
    body.append(make("h2", null, "Quizzes passed"), qrows.length ? table(["Quiz", "Best score", "Passed on"], qrows, "Quizzes passed") : make("p", null, "None passed yet."));
    var refl = entries();
    body.append(make("h2", null, "Reflections written"), make("p", null, refl.length + " reflection" + (refl.length === 1 ? "" : "s") + " in the journal."));
    $("[data-cp-print]", el).addEventListener("click", function () { window.print(); });
  });
  /* Assignment links: the tutor's builder and the learner's view */
  C.register("[data-cp-assign]", function (form) {
    var out = $("[data-cp-url]", form), say = $("[data-cp-status]", form);
    reveal(form);
    function update() {
      var q = new URLSearchParams(new FormData(form));
      Array.from(q.keys()).forEach(function (k) { if (!q.get(k)) q.delete(k); });
      out.value = new URL(form.getAttribute("action"), location.href).href + "?" + q.toString();
    }
    form.addEventListener("input", update); form.addEventListener("change", update); update();
    $("[data-cp-copy]", form).addEventListener("click", function () {
      out.select();
      (navigator.clipboard ? navigator.clipboard.writeText(out.value) : Promise.reject()).then(function () { say.textContent = "Link copied."; },
        function () { say.textContent = "Select the link and copy it."; });
    });
  });
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  C.register("[data-cp-assignment]", function (el) {
    var items = manifest(el), body = $("[data-cp-abody]", el), p = new URLSearchParams(location.search);
    var byId = {}; items.forEach(function (i) { byId[i.kind + ":" + i.id] = i; });
    var title = (p.get("title") || "").slice(0, 80), due = p.get("due") || "", msg = (p.get("msg") || "").slice(0, 300);
    var wanted = p.getAll("quiz").map(function (id) { return "quiz:" + id; }).concat(p.getAll("scenario").map(function (id) { return "scenario:" + id; }));
    var found = wanted.filter(function (k) { return byId[k]; }).map(function (k) { return byId[k]; });
    var unknown = wanted.length - found.length;
    reveal(el);
    body.appendChild(make("h2", null, title || "Your assignment"));
    if (DATE.test(due) && !isNaN(new Date(due))) body.appendChild(make("p", "cp-due", "Due by " + day(due)));
    if (msg) body.appendChild(make("blockquote", "cp-msg", msg));
    if (unknown) body.appendChild(make("p", "cp-warn", unknown + " item" + (unknown === 1 ? " in this link is" : "s in this link are") + " not part of this course and " + (unknown === 1 ? "has" : "have") + " been left out. Check the link with your tutor."));
    if (!found.length) { body.appendChild(make("p", null, "This link names no quizzes or scenarios from this course.")); return; }
    var done = 0, summary = found.map(function (i) { var s = status(i); if (s.complete) done++; return { kind: i.kind, id: i.id, title: i.title, state: s.state, detail: s.detail }; });
    body.appendChild(table(["Item", "State", "Details"], found.map(function (i, n) { return [link(i.url, i.title), summary[n].state, summary[n].detail]; }), "Your progress on this assignment"));
    body.appendChild(make("p", "cp-summary", "You have completed " + done + " of " + found.length + "."));
    $("[data-cp-print]", el).addEventListener("click", function () { window.print(); });
    $("[data-cp-json]", el).addEventListener("click", function () {
      download("assignment-summary.json", "application/json", JSON.stringify({ assignment: title, due: DATE.test(due) ? due : null,
        produced: new Date().toISOString(), completed: done, of: found.length, items: summary }, null, 1));
    });
  });
  C.mount();
})(window.Course);
