// kb help site: sortable tables and a language switcher that keeps the entry you are reading.
// No dependencies; works from file:// and from any static server.
(function () {
  "use strict";

  // Sortable tables: a button in every header cell.
  function cellText(row, column) {
    var cell = row.cells[column];
    return cell ? cell.textContent.trim() : "";
  }
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (header, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (header.firstChild) button.appendChild(header.firstChild);
      header.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = collator.compare(cellText(a, column), cellText(b, column));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), makeSortable);

  // The language switcher leads to the same entry in the other language when there is one.
  var map = document.getElementById("entry-counterparts");
  if (map) {
    var counterparts = {};
    try { counterparts = JSON.parse(map.textContent); } catch (error) { counterparts = {}; }
    var links = document.querySelectorAll(".language-switcher a[data-locale]");
    var update = function () {
      var current = decodeURIComponent(location.hash.slice(1));
      var entry = counterparts[current] || {};
      Array.prototype.forEach.call(links, function (link) {
        var base = link.getAttribute("href").split("#")[0];
        var target = entry[link.getAttribute("data-locale")];
        link.setAttribute("href", target ? base + "#" + encodeURIComponent(target) : base);
      });
    };
    window.addEventListener("hashchange", update);
    update();
  }
})();
