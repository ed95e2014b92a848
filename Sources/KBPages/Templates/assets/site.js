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

  // A copy button on every code block, labelled in the page's language.
  var copyLabel = document.body.getAttribute("data-copy") || "Copy";
  var copiedLabel = document.body.getAttribute("data-copied") || "Copied";
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
      document.body.removeChild(area);
      if (copied) { resolve(); } else { reject(new Error("copy")); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("main pre > code"), function (code) {
    var pre = code.parentNode;
    var wrapper = document.createElement("div");
    wrapper.className = "code-block";
    pre.parentNode.insertBefore(wrapper, pre);
    wrapper.appendChild(pre);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = copyLabel;
    button.addEventListener("click", function () {
      copyText(code.textContent).then(function () {
        button.textContent = copiedLabel;
        setTimeout(function () { button.textContent = copyLabel; }, 2000);
      }, function () { button.textContent = copyLabel; });
    });
    wrapper.appendChild(button);
  });

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
