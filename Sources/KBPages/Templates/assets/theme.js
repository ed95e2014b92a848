// kb help site: runs before the page is drawn, so that a theme chosen on an earlier page (light
// or dark; otherwise the system's) applies without a flash, and the stylesheet knows scripts run.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var theme = localStorage.getItem("kb-theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch (error) { /* storage may be off (private windows, file:// in some browsers): follow the system */ }
})();
