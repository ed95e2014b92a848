// kb help site: the navigation drawer on narrow screens, the theme toggle, the "on this page"
// list that follows scrolling, sortable and filterable tables, copy buttons on code blocks and a
// language switcher that keeps the entry you are reading.
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

  // The navigation drawer: on a narrow screen the navigation hides behind the menu button.
  var menu = document.querySelector(".menu-button");
  var drawer = document.getElementById("site-navigation");
  if (menu && drawer) {
    var setOpen = function (open) {
      document.body.classList.toggle("navigation-open", open);
      menu.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var current = drawer.querySelector("[aria-current]") || drawer.querySelector("a");
        if (current) current.focus();
      }
    };
    menu.addEventListener("click", function () {
      setOpen(!document.body.classList.contains("navigation-open"));
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.body.classList.contains("navigation-open")) {
        setOpen(false);
        menu.focus();
      }
    });
    // A click outside the open drawer closes it.
    document.addEventListener("click", function (event) {
      if (document.body.classList.contains("navigation-open") && !drawer.contains(event.target) && !menu.contains(event.target)) {
        setOpen(false);
      }
    });
  }

  // The theme toggle: system, light, dark, remembered across pages (theme.js applies it early).
  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var themes = ["system", "light", "dark"];
    var showTheme = function (theme) {
      var name = toggle.getAttribute("data-" + theme);
      toggle.querySelector(".theme-name").textContent = name;
      toggle.title = toggle.textContent;
    };
    var currentTheme = document.documentElement.getAttribute("data-theme") || "system";
    showTheme(currentTheme);
    toggle.addEventListener("click", function () {
      currentTheme = themes[(themes.indexOf(currentTheme) + 1) % themes.length];
      if (currentTheme === "system") {
        document.documentElement.removeAttribute("data-theme");
      } else {
        document.documentElement.setAttribute("data-theme", currentTheme);
      }
      try {
        if (currentTheme === "system") { localStorage.removeItem("kb-theme"); } else { localStorage.setItem("kb-theme", currentTheme); }
      } catch (error) { /* not remembered, still applied */ }
      showTheme(currentTheme);
    });
  }

  // "On this page" marks the section being read.
  var outline = document.querySelector(".on-this-page");
  if (outline && "IntersectionObserver" in window) {
    var outlineLinks = {};
    Array.prototype.forEach.call(outline.querySelectorAll("a[href^='#']"), function (link) {
      outlineLinks[decodeURIComponent(link.getAttribute("href").slice(1))] = link;
    });
    var headings = Array.prototype.filter.call(document.querySelectorAll("main h2[id], main h3[id]"), function (heading) {
      return outlineLinks[heading.id];
    });
    var visible = {};
    var mark = function () {
      var chosen = null;
      for (var i = 0; i < headings.length; i++) {
        if (visible[headings[i].id]) { chosen = headings[i].id; break; }
      }
      if (!chosen) {
        // Between headings: the last one above the top of the window.
        for (var j = 0; j < headings.length; j++) {
          if (headings[j].getBoundingClientRect().top < 80) chosen = headings[j].id;
        }
      }
      Object.keys(outlineLinks).forEach(function (id) {
        if (id === chosen) { outlineLinks[id].setAttribute("aria-current", "location"); } else { outlineLinks[id].removeAttribute("aria-current"); }
      });
    };
    var observer = new IntersectionObserver(function (changes) {
      changes.forEach(function (change) { visible[change.target.id] = change.isIntersecting; });
      mark();
    }, { rootMargin: "0px 0px -60% 0px" });
    headings.forEach(function (heading) { observer.observe(heading); });
  }

  // A filter above a filterable table hides the rows that do not contain what is typed.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-table]"), function (input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    var status = document.getElementById(input.getAttribute("aria-describedby"));
    if (!table) return;
    var fold = function (text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    };
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return fold(row.textContent); });
    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = words.every(function (word) { return texts[index].indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = shown + " / " + rows.length;
    });
  });

  // Each section heading of an article links to itself (shown on hover and focus).
  var sectionLink = document.body.getAttribute("data-section-link") || "Link to this section";
  Array.prototype.forEach.call(document.querySelectorAll(".article h2[id], .article h3[id], .article h4[id], .article h5[id], .article h6[id]"), function (heading) {
    var link = document.createElement("a");
    link.className = "heading-link";
    link.href = "#" + encodeURIComponent(heading.id);
    link.setAttribute("aria-label", sectionLink);
    heading.appendChild(link);
  });

  // A table or code block wider than its column scrolls sideways; it takes the keyboard's focus
  // so that it can be scrolled without a mouse.
  var tables = document.querySelectorAll("main table, main pre");
  var focusScrolling = function () {
    Array.prototype.forEach.call(tables, function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    });
  };
  focusScrolling();
  window.addEventListener("resize", focusScrolling);

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
