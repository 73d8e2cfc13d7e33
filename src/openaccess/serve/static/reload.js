/* openaccess serve: reload this page when its source changes (Server-Sent Events, same
   origin), and let Escape hide a finding's message in the review view (WCAG 1.4.13).
   Only the preview server adds this script; published pages have none. */
(function () {
  "use strict";
  var script = document.currentScript;
  var version = script ? script.getAttribute("data-version") : "";
  var page = location.pathname + location.search;
  var events = new EventSource(
    "/__openaccess/events?page=" + encodeURIComponent(page) + "&v=" + encodeURIComponent(version)
  );
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      document.documentElement.classList.add("oa-rv-quiet");
    }
  });
  function speak() {
    document.documentElement.classList.remove("oa-rv-quiet");
  }
  document.addEventListener("focusin", speak);
  document.addEventListener("mouseover", function (event) {
    if (event.target && event.target.closest && event.target.closest("mark.oa-rv")) {
      speak();
    }
  });
})();
