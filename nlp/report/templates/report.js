/* shuoming report: evidence panel, findings filter and sort. Inline, no libraries, no network.
   Evidence is copied from hidden server-rendered (escaped) blocks; nothing is built with innerHTML. */
(function () {
  "use strict";
  var errors = [];
  window.addEventListener("error", function (e) {
    errors.push(String(e.message || e));
    document.body.setAttribute("data-js-errors", errors.join(" | "));
  });

  // -- evidence panel (document pages and the single-file report) ------------------------------
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
  if (body) {
    var target = function (e) { return e.target.closest ? e.target.closest("mark.cl, span.rs") : null; };
    document.addEventListener("mouseover", function (e) { var el = target(e); if (el && !pinned) { show(el); } });
    document.addEventListener("focusin", function (e) { var el = target(e); if (el && !pinned) { show(el); } });
    document.addEventListener("click", function (e) { var el = target(e); if (el) { pin(el); } });
    document.addEventListener("keydown", function (e) {
      var el = target(e);
      if (el && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); pin(el); }
      if (e.key === "Escape" && pinned) { pin(pinned); }
    });
    document.getElementById("panel-unpin").addEventListener("click", function () { if (pinned) { pin(pinned); } });
  }

  // open the document a link points into (#d3-L120, single-file report) and show the target row
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) { return; }
    var d = el.closest("details");
    if (d && !d.open) { d.open = true; }
    if (el.hidden) { el.hidden = false; }  // a filtered-out row
    el.scrollIntoView();
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

  // -- tables: filter (a .filters bar names its table) and sort (click a heading) ---------------
  function filterable(bar) {
    var table = document.getElementById(bar.getAttribute("data-table"));
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-key]"));
    var search = bar.querySelector("input[type=search]");
    var count = bar.querySelector(".count");
    var reset = bar.querySelector("button");
    var noun = bar.getAttribute("data-noun") || "rows";
    function apply() {
      var q = (search.value || "").trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) { return !s.value || r.getAttribute("data-" + s.getAttribute("data-key")) === s.value; });
        if (ok && q) { ok = r.textContent.toLowerCase().indexOf(q) >= 0; }
        r.hidden = !ok; if (ok) { shown++; }
      });
      count.textContent = shown + " of " + rows.length + " " + noun + " shown";
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    search.addEventListener("input", apply);
    reset.addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      search.value = ""; apply();
    });
    apply();
  }
  function sortable(table) {
    var tbody = table.tBodies[0];
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      if (!th.hasAttribute("data-key")) { return; }
      th.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(tbody.rows);
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.getAttribute("data-type") === "num";
        function key(r) {
          var c = r.cells[col], v = c.getAttribute("data-sort");
          if (v === null) { v = c.textContent.trim(); }
          return numeric ? (v === "" ? -Infinity : Number(v)) : v;
        }
        var sorted = rows.sort(function (a, b) {
          var x = key(a), y = key(b), d = numeric ? x - y : String(x).localeCompare(String(y), "zh");
          if (d === 0) { d = Number(a.getAttribute("data-n")) - Number(b.getAttribute("data-n")); return d; }
          return asc ? d : -d;
        });
        sorted.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  }
  document.querySelectorAll(".filters[data-table]").forEach(filterable);
  document.querySelectorAll("table.sortable").forEach(sortable);
  document.body.setAttribute("data-ready", "1");
})();
