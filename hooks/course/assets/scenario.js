/* Branching scenarios: one node at a time, choices as buttons, state, back/restart, path replay.
   The page works without this (sections linked by anchors); this only adds interaction.
   Saved (Course.store "scenario"): {path: [{n: node id, c: choice index}], node, vars, endings}.
   State is always recomputed from the path, so edited effects never leave stale numbers. */
(function () {
  "use strict";
  var C = window.Course, $ = C.$, $$ = C.$$, make = C.make;
  var CLAUSE = /^\s*(\w+)\s*(>=|<=|==|!=|>|<)\s*(-?\d+)\s*$/;

  function holds(cond, v) {
    return !cond || cond.split(/\s+and\s+/).every(function (c) {
      var m = CLAUSE.exec(c), a = m && v[m[1]], b = m && +m[3];
      return !!m && { ">=": a >= b, "<=": a <= b, ">": a > b, "<": a < b, "==": a === b, "!=": a !== b }[m[2]];
    });
  }
  function html(el) { return el ? el.innerHTML : ""; }
  function words(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function Scenario(el) {
    var id = el.dataset.csScenario, start = el.dataset.csStart, title = words($(".cs-title", el));
    var nodes = {}, vars = $$("[data-cs-var]", el), live = $("[data-cs-live]", el), msg = $("[data-cs-msg]", el);
    var ctl = $("[data-cs-controls]", el), res = make("div", "cs-result"), st = C.store.get("scenario", id) || {};
    $$("[data-cs-node]", el).forEach(function (n) { nodes[n.dataset.csNode] = n; });
    el.classList.add("cs-on"); ctl.hidden = false;
    vars.forEach(function (li) {
      li.innerHTML = "";
      li.appendChild(make("span", "cs-var-label", li.dataset.csLabel));
      var m = make("meter"); m.min = +li.dataset.csMin; m.max = +li.dataset.csMax; m.setAttribute("aria-hidden", "true");
      li.appendChild(m); li.appendChild(make("span", "cs-var-value"));
    });
    $$(".cs-go", el).forEach(function (a) { // links become buttons
      var b = make("button", "cq-btn cs-go"); b.type = "button";
      while (a.firstChild) b.appendChild(a.firstChild);
      a.parentNode.replaceChild(b, a);
      b.addEventListener("click", function () { choose(b.closest(".cs-choice")); });
    });
    function choices(n) { return $$(".cs-choice", n); }
    function starting() {
      var v = {}; vars.forEach(function (li) { v[li.dataset.csVar] = +li.dataset.csValue; }); return v;
    }
    function apply(v, li) {
      var fx = JSON.parse(li.dataset.csEffects || "{}");
      Object.keys(fx).forEach(function (k) {
        var d = $('[data-cs-var="' + k + '"]', el);
        if (d) v[k] = Math.min(+d.dataset.csMax, Math.max(+d.dataset.csMin, v[k] + fx[k]));
      });
    }
    /* Walk the saved path from the start: the current node, the state, and a log for the replay. */
    function replay(path) {
      var at = start, v = starting(), log = [];
      for (var i = 0; i < path.length; i++) {
        var li = nodes[at] && path[i].n === at && choices(nodes[at])[path[i].c];
        if (!li) return null;
        var others = choices(nodes[at]).filter(function (o) { return o !== li; }).map(function (o) {
          return words($(".cs-go", o)) + (holds(o.dataset.csIf, v) ? "" : " (was not open to you)");
        });
        log.push({ title: words($(".cs-node-title", nodes[at])), li: li, others: others });
        apply(v, li); at = li.dataset.csGoto;
      }
      return nodes[at] ? { node: at, vars: v, log: log } : null;
    }
    function say(s) { live.textContent = ""; setTimeout(function () { live.textContent = s; }, 50); }

    function show(focus, news) {
      var r = replay(st.path || []);
      if (!r || (st.node && st.node !== r.node)) {
        st = { path: [], endings: st.endings || [] }; r = replay([]);
        msg.textContent = "This scenario has changed since you last played it, so it starts again from the beginning.";
        msg.hidden = false;
      }
      var cur = nodes[r.node], ending = cur.hasAttribute("data-cs-ending");
      Object.keys(nodes).forEach(function (k) { nodes[k].hidden = nodes[k] !== cur; });
      vars.forEach(function (li) {
        var k = li.dataset.csVar;
        $("meter", li).value = r.vars[k];
        $(".cs-var-value", li).textContent = r.vars[k] + " of " + li.dataset.csMax;
      });
      $$("[data-cs-if]", cur).forEach(function (e) { e.hidden = !holds(e.dataset.csIf, r.vars); });
      if (!choices(cur).some(function (c) { return !c.hidden; })) choices(cur).forEach(function (c) { c.hidden = false; });
      var last = r.log[r.log.length - 1];
      res.innerHTML = "";
      if (last) {
        var p = make("p"); p.appendChild(make("strong", null, "You chose: ")); p.appendChild(document.createTextNode(words($(".cs-go", last.li))));
        res.appendChild(p);
        var why = make("div", "cs-why"); why.innerHTML = html($(".cs-why", last.li)); res.appendChild(why);
        var fx = $(".cs-effect", last.li); if (fx) res.appendChild(make("p", "cs-effect", fx.textContent));
        $(".cs-node-title", cur).insertAdjacentElement("afterend", res);
      } else if (res.parentNode) res.parentNode.removeChild(res);
      $("[data-cs-back]", el).disabled = !r.log.length;
      $("[data-cs-tools]", el).hidden = !ending;
      st.node = r.node; st.vars = r.vars; st.endings = st.endings || []; st.title = title;
      if (ending) review(cur, r.log);
      C.store.set("scenario", id, st);
      if (focus) { $(".cs-node-title", cur).focus(); say((news || "") + "Now: " + words($(".cs-node-title", cur)) + "."); }
      return r;
    }
    function review(cur, log) {
      if (st.endings.indexOf(cur.dataset.csNode) < 0) st.endings.push(cur.dataset.csNode);
      st.done = true;
      var list = $("[data-cs-replay]", cur), total = $$("[data-cs-ending]", el).length;
      $("[data-cs-review]", cur).hidden = false;
      $("[data-cs-found]", cur).textContent = "You have reached " + st.endings.length + " of " + total + " endings.";
      list.innerHTML = "";
      log.forEach(function (s) {
        var li = make("li"), note = $(".cs-why", s.li);
        li.appendChild(make("strong", null, s.title));
        li.appendChild(make("p", null, "You chose: " + words($(".cs-go", s.li))));
        if (note && words(note)) { var d = make("div", "cs-why"); d.innerHTML = html(note); li.appendChild(d); }
        if (s.others.length) li.appendChild(make("p", "cs-others", "Not taken: " + s.others.join("; ")));
        list.appendChild(li);
      });
    }
    function choose(li) {
      var from = li.closest("[data-cs-node]");
      st.path = (st.path || []).concat([{ n: from.dataset.csNode, c: choices(from).indexOf(li) }]);
      st.node = li.dataset.csGoto; msg.hidden = true;
      show(true, "You chose: " + words($(".cs-go", li)) + ". ");
      C.touch(title);
    }
    function download() {
      var cur = nodes[st.node], out = ["# " + title, "", "## Your path", ""];
      $$("[data-cs-replay] > li", cur).forEach(function (li, i) {
        $$(":scope > *", li).forEach(function (e, j) { out.push((j ? "   " : (i + 1) + ". ") + words(e)); });
      });
      out.push("", "## Ending: " + words($(".cs-node-title", cur)), "", words($(".cs-debrief", cur)), "");
      var a = make("a"), url = URL.createObjectURL(new Blob([out.join("\n")], { type: "text/markdown" }));
      a.href = url; a.download = id + "-my-path.md"; document.body.appendChild(a); a.click();
      setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 0);
    }
    $("[data-cs-back]", el).addEventListener("click", function () {
      st.path.pop(); st.node = null; show(true, "Went back one step. ");
    });
    $("[data-cs-restart]", el).addEventListener("click", function () {
      st.path = []; st.node = null; msg.hidden = true; show(true, "Started again. ");
    });
    $("[data-cs-print]", el).addEventListener("click", function () { window.print(); });
    $("[data-cs-download]", el).addEventListener("click", download);
    show(false);
  }

  C.register("[data-cs-scenario]", Scenario);
  C.mount();
})();
