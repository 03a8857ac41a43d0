/* Learner tools on every page: "mark as done" on modules and case studies, and ticks in the
   navigation next to pages marked as done. The learner pages load learner-pages.js. */
(function (C) {
  "use strict";
  if (!C) return;
  var S = C.store, $ = C.$, $$ = C.$$, make = C.make;
  function day(iso) { try { return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }); } catch (e) { return ""; } }

  /* Mark as done (modules and case studies) */
  C.register("[data-cp-done]", function (el) {
    var id = el.dataset.cpDone, btn = $("[data-cp-toggle]", el), msg = $("[data-cp-done-status]", el);
    el.hidden = false;
    S.set("visit", id, { url: location.pathname, title: el.dataset.cpTitle });
    C.touch(el.dataset.cpTitle);
    function show() {
      var d = S.get("done", id), on = !!(d && d.done);
      btn.setAttribute("aria-pressed", on ? "true" : "false");
      btn.textContent = on ? "Marked as done (select to undo)" : btn.textContent.replace(/^Marked.*$/, "Mark as done");
      msg.textContent = on ? "You marked this as done on " + day(d.at) + "." : "Not marked as done yet.";
    }
    btn.addEventListener("click", function () {
      var d = S.get("done", id);
      if (d && d.done) S.remove("done", id);
      else S.set("done", id, { done: true, at: new Date().toISOString(), url: location.pathname, title: el.dataset.cpTitle, kind: el.dataset.cpKind });
      show(); ticks();
    });
    show();
  });

  /* Ticks in the navigation next to pages marked as done */
  function ticks() {
    var done = {};
    S.all().forEach(function (e) { if (e.kind === "done" && e.value.url) done[e.value.url] = true; });
    $$(".md-nav--primary .md-nav__link[href]").forEach(function (a) {
      var h = a.getAttribute("href");  // page links only: table-of-contents '#anchors' are not pages
      var on = h.charAt(0) !== "#" && !!done[new URL(h, location.href).pathname];
      var mark = $(".cp-tick", a);
      if (on && !mark) { mark = make("span", "cp-tick", " (done)"); a.appendChild(mark); }
      if (!on && mark) mark.remove();
    });
  }
  C.register(".md-nav--primary", ticks);

  C.mount();
})(window.Course);
