/* Self-assessments: profile, next steps, saved results, comparison, export (see assessment.html) */
(function () {
  "use strict";
  var C = window.Course;
  if (!C) return;
  var $ = C.$, $$ = C.$$, make = C.make, NSVG = "http://www.w3.org/2000/svg";

  function svg(tag, at, parent) {
    var e = document.createElementNS(NSVG, tag);
    for (var k in at) e.setAttribute(k, at[k]);
    return parent.appendChild(e);
  }
  function when(iso) { return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }); }
  function save(name, type, body) {
    var a = make("a");
    a.href = URL.createObjectURL(new Blob([body], { type: type }));
    a.download = name;
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }
  function cell(s) { s = String(s); return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
  function table(caption, head, rows) {
    var t = make("table"), tr = make("tr");
    t.appendChild(make("caption", "", caption));
    head.forEach(function (h) { var th = make("th", "", h); th.scope = "col"; tr.appendChild(th); });
    t.appendChild(make("thead")).appendChild(tr);
    var tb = t.appendChild(make("tbody"));
    rows.forEach(function (r) {
      tr = tb.appendChild(make("tr"));
      r.forEach(function (c, i) { var td = make(i ? "td" : "th", "", c); if (!i) td.scope = "row"; tr.appendChild(td); });
    });
    return t;
  }

  function Assessment(el) {
    var ds = el.dataset, id = ds.caAssessment, spectrum = ds.caType === "spectrum", min = +ds.caMin, max = +ds.caMax;
    var title = $(".ca-title", el).textContent;
    var dims = $$("[data-ca-dim]", el).map(function (d) {
      return { id: d.dataset.caDim, label: d.dataset.caLabel, from: d.dataset.caFrom, to: d.dataset.caTo,
        steps: $("[data-ca-steps]", d), items: $$("[data-ca-item]", d).map(function (f) { return f.dataset.caItem; }) };
    });
    var total = $$("[data-ca-item]", el).length;
    var st = C.store.get("assessment", id) || {};
    st.v = C.VERSION; st.title = title; st.results = st.results || []; st.current = st.current || {};
    var f = function (n) { return $("[data-ca-" + n + "]", el); }, out = f("results"), status = f("status");
    $$("[data-ca-js],[data-ca-nojs]", el).forEach(function (e) { e.hidden = "caNojs" in e.dataset; });

    function read() {
      var s = {};
      $$("[data-ca-item]", el).forEach(function (f) { var c = $("input:checked", f); if (c) s[f.dataset.caItem] = +c.value; });
      return s;
    }
    function means(s) {
      return dims.map(function (d) {
        var v = d.items.map(function (i) { return s[i]; }).filter(function (x) { return x != null; });
        return v.length ? Math.round(10 * v.reduce(function (a, b) { return a + b; }) / v.length) / 10 : null;
      });
    }
    function store() { C.store.set("assessment", id, st); }

    function radar(box, series) {
      var n = dims.length, R = 100, s = svg("svg", { viewBox: "-215 -150 430 300", role: "img", "aria-label": "Radar chart of your scores (the table below gives the figures)" }, box);
      function pt(i, v) { var a = 2 * Math.PI * i / n - Math.PI / 2, r = R * v; return [r * Math.cos(a), r * Math.sin(a)]; }
      function ring(f) { return dims.map(function (d, i) { return pt(i, f(i)).join(","); }).join(" "); }
      for (var v = min; v <= max; v++) svg("polygon", { points: ring(function () { return (v - min + 1) / (max - min + 1); }), "class": "ca-grid" }, s);
      dims.forEach(function (d, i) {
        var p = pt(i, 1), q = pt(i, 1.12), x = q[0], c = x > 5 ? "start" : x < -5 ? "end" : "middle";
        svg("line", { x1: 0, y1: 0, x2: p[0], y2: p[1], "class": "ca-grid" }, s);
        var lines = d.label.match(/\S.{0,15}(?=\s|$)/g), n1 = lines.length - 1, t = svg("text", { x: x, y: q[1], "text-anchor": c }, s);
        lines.forEach(function (l, k) { svg("tspan", { x: x, dy: k ? "1.1em" : (q[1] < -5 ? -1.1 * n1 : q[1] > 5 ? 0.8 : 0.35 - 0.55 * n1) + "em" }, t).textContent = l; });
      });
      series.forEach(function (m) {
        svg("polygon", { points: ring(function (i) { return m.v[i] == null ? 0 : (m.v[i] - min + 1) / (max - min + 1); }), "class": m.cls }, s);
      });
    }
    function profile(box, series) {
      var ol = box.appendChild(make("ol", "ca-profile"));
      ol.setAttribute("aria-hidden", "true");
      dims.forEach(function (d, i) {
        var li = ol.appendChild(make("li")), tr = make("span", "ca-track");
        li.appendChild(make("span", "ca-from", d.from)); li.appendChild(tr); li.appendChild(make("span", "ca-to", d.to));
        series.forEach(function (m) {
          if (m.v[i] != null) tr.appendChild(make("span", "ca-mark " + m.cls)).style.left = (100 * (m.v[i] - min) / (max - min)) + "%";
        });
      });
    }

    function render() {
      var now = means(st.current), res = st.results, first = res[0], last = res[res.length - 1];
      var fm = res[1] && means(first.scores), lm = fm && means(last.scores);
      var rated = now.some(function (v) { return v != null; });
      out.hidden = !rated && !res.length;
      el.classList.toggle("ca-has-results", !out.hidden);
      var chart = f("chart"), tbl = f("table"), weak = f("weak"), hist = f("history");
      [chart, tbl, weak, hist].forEach(function (b) { b.innerHTML = ""; });
      var series = [{ v: now, cls: "ca-now", name: "Your choices now" }];
      if (fm) series.unshift({ v: fm, cls: "ca-first", name: "First saved, " + when(first.taken_at) });
      (spectrum || dims.length < 3 ? profile : radar)(chart, series);
      var key = chart.appendChild(make("p", "ca-key"));
      series.forEach(function (m) { key.appendChild(make("span", m.cls, m.name)); });
      var scale = " (" + min + " to " + max + ")", head = [spectrum ? "Contrast" : "Dimension", "Now" + scale];
      if (fm) head.push("First saved, " + when(first.taken_at), "Latest saved, " + when(last.taken_at), "Change");
      tbl.appendChild(table("Your scores" + (spectrum ? "" : " (the average for each dimension)"), head, dims.map(function (d, i) {
        var row = [d.label, now[i] == null ? "not rated" : now[i]];
        if (fm) row.push(fm[i], lm[i], (lm[i] - fm[i] > 0 ? "+" : "") + Math.round(10 * (lm[i] - fm[i])) / 10);
        return row;
      })));
      var order = dims.map(function (d, i) { return i; }).filter(function (i) { return now[i] != null && now[i] < max; })
        .sort(function (a, b) { return now[a] - now[b] || a - b; }).slice(0, +ds.caWeakest);
      if (order.length) {
        weak.appendChild(make("p", "ca-wtitle", "Where to start: your lowest " + (spectrum ? "contrast" : "dimension") + (order.length > 1 ? "s" : "")));
        order.forEach(function (i) {
          var box = weak.appendChild(make("div", "ca-wbox"));
          box.appendChild(make("p", "ca-wname", dims[i].label + ": " + now[i] + " of " + max));
          if (dims[i].steps) box.appendChild(make("div")).innerHTML = dims[i].steps.innerHTML;
        });
      }
      hist.appendChild(make("p", "", "Saved results: " + (res.length ? res.length + ", first " + when(first.taken_at) + (fm ? ", latest " + when(last.taken_at) : ". Save again later to compare") : "none yet") + "."));
      $$("[data-ca-json],[data-ca-csv],[data-ca-delete]", out).forEach(function (b) { b.hidden = !res.length; });
    }
    function write() { $$("input", el).forEach(function (i) { i.checked = st.current[i.closest("[data-ca-item]").dataset.caItem] === +i.value; }); }

    el.addEventListener("change", function () { st.current = read(); store(); render(); });
    f("save").addEventListener("click", function () {
      var s = read(), left = total - Object.keys(s).length;
      if (left) { status.textContent = "Choose a level for every item first (" + left + " left)."; return; }
      st.results.push({ taken_at: new Date().toISOString(), scores: s });
      store(); C.touch(title); render();
      status.textContent = C.store.ok ? "Saved. You have " + st.results.length + " saved result" + (st.results.length > 1 ? "s." : ".") : C.store.message();
    });
    f("clear").addEventListener("click", function () { st.current = {}; write(); store(); render(); status.textContent = "Choices cleared; saved results kept."; });
    f("delete").addEventListener("click", function () {
      if (!confirm("Delete your saved results from this browser?")) return;
      st.results = []; store(); render(); status.textContent = "Saved results deleted.";
    });
    f("print").addEventListener("click", function () { window.print(); });
    f("json").addEventListener("click", function () {
      save(id + "-results.json", "application/json", JSON.stringify({ assessment_id: id, title: title, type: ds.caType,
        scale: { min: min, max: max }, exported_at: new Date().toISOString(), results: st.results.map(function (r) {
          var m = means(r.scores), d = {};
          dims.forEach(function (x, i) { d[x.id] = m[i]; });
          return { taken_at: r.taken_at, scores: r.scores, dimensions: d };
        }) }, null, 2));
    });
    f("csv").addEventListener("click", function () {
      var lines = ["assessment_id,taken_at,dimension,item,score"];
      st.results.forEach(function (r) {
        dims.forEach(function (d) { d.items.forEach(function (i) { lines.push([id, r.taken_at, d.id, i, r.scores[i]].map(cell).join(",")); }); });
      });
      save(id + "-results.csv", "text/csv", lines.join("\r\n") + "\r\n");
    });
    write(); render();
  }

  C.register("[data-ca-assessment]", Assessment);
  C.mount();
})();
