/* shuoming report: evidence panel, findings filter and sort. Inline, no libraries, no network.
   Evidence is copied from hidden server-rendered (escaped) blocks; nothing is built with innerHTML. */
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push(String(e.message || e));
    document.body.setAttribute("data-js-errors", errors.join(" | "));
  });

  // -- evidence panel ------------------------------------------------------------------------
  var body = document.getElementById("panel-body");
  var pinLabel = document.getElementById("panel-pinned");
  var pinned = null;

  function evidenceFor(el) {
    var ids = ((el.getAttribute("data-c") || "") + " " + (el.getAttribute("data-r") || "")).split(" ");
    var nodes = [];
    ids.forEach(function (id) {
      var src = id && document.getElementById(id);
      if (src) { var copy = src.cloneNode(true); copy.removeAttribute("id"); copy.hidden = false; nodes.push(copy); }
    });
    return nodes;
  }
  function show(el) {
    var nodes = evidenceFor(el);
    if (!nodes.length) { return; }
    body.replaceChildren.apply(body, nodes);
  }
  function pin(el) {
    if (pinned) { pinned.classList.remove("active"); }
    if (pinned === el) { pinned = null; pinLabel.hidden = true; return; }
    pinned = el; el.classList.add("active"); pinLabel.hidden = false; show(el);
  }
  function target(e) { return e.target.closest ? e.target.closest("mark.cl, span.rs") : null; }
  document.addEventListener("mouseover", function (e) { var el = target(e); if (el && !pinned) { show(el); } });
  document.addEventListener("focusin", function (e) { var el = target(e); if (el && !pinned) { show(el); } });
  document.addEventListener("click", function (e) { var el = target(e); if (el) { pin(el); } });
  document.addEventListener("keydown", function (e) {
    var el = target(e);
    if (el && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); pin(el); }
    if (e.key === "Escape" && pinned) { pin(pinned); }
  });
  document.getElementById("panel-unpin").addEventListener("click", function () { if (pinned) { pin(pinned); } });

  // open the document a link points into (#d3-L120) before the browser scrolls there
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    var d = el && el.closest("details");
    if (d && !d.open) { d.open = true; el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  var toggle = document.getElementById("docs-toggle");
  if (toggle) {
    toggle.addEventListener("click", function () {
      var all = document.querySelectorAll("details.doc"), open = toggle.getAttribute("data-open") !== "1";
      all.forEach(function (d) { d.open = open; });
      toggle.setAttribute("data-open", open ? "1" : "0");
      toggle.textContent = open ? "collapse all" : "expand all";
    });
  }

  // -- findings: filter and sort ---------------------------------------------------------------
  var table = document.getElementById("findings");
  if (table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var filters = { severity: "f-severity", rule: "f-rule", doc: "f-doc", verdict: "f-verdict" };
    var search = document.getElementById("f-text");
    var count = document.getElementById("f-count");
    function apply() {
      var want = {};
      Object.keys(filters).forEach(function (k) { want[k] = document.getElementById(filters[k]).value; });
      var q = (search.value || "").trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = Object.keys(want).every(function (k) { return !want[k] || r.getAttribute("data-" + k) === want[k]; });
        if (ok && q) { ok = r.textContent.toLowerCase().indexOf(q) >= 0; }
        r.hidden = !ok; if (ok) { shown++; }
      });
      count.textContent = shown + " of " + rows.length + " findings shown";
    }
    Object.keys(filters).forEach(function (k) { document.getElementById(filters[k]).addEventListener("change", apply); });
    search.addEventListener("input", apply);
    document.getElementById("f-reset").addEventListener("click", function () {
      Object.keys(filters).forEach(function (k) { document.getElementById(filters[k]).value = ""; });
      search.value = ""; apply();
    });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      if (!th.hasAttribute("data-key")) { return; }
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "num";
        function key(r) {
          var c = r.cells[col], v = c.getAttribute("data-sort");
          if (v === null) { v = c.textContent; }
          return numeric ? (v === "" ? -Infinity : Number(v)) : v;
        }
        var sorted = rows.slice().sort(function (a, b) {
          var x = key(a), y = key(b), d = numeric ? x - y : String(x).localeCompare(String(y), "zh");
          if (d === 0) { d = Number(a.getAttribute("data-n")) - Number(b.getAttribute("data-n")); return d; }
          return asc ? d : -d;
        });
        sorted.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    apply();
  }
  document.body.setAttribute("data-ready", "1");
})();
