/* Accessibility fix for django-ninja's Swagger UI at /api/v1/docs: the title is an <h1> but the
   groups of operations are <h3> and the sections below them <h4>/<h5>, so screen readers meet a
   skipped level. Give them the levels 2, 3 and 4 (aria-level) as Swagger UI renders them; name the
   parameters' drop-downs and let the keyboard reach scrolling example blocks.
   Loaded as a file: the CSP allows no inline script. */
(function () {
  "use strict";
  function fix(root) {
    root.querySelectorAll("h3:not([aria-level]), h4:not([aria-level]), h5:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("role", "heading");
      heading.setAttribute("aria-level", String(Number(heading.tagName.charAt(1)) - 1));
    });
    // A parameter's drop-down (enum values) is named after its parameter.
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.closest("tr").getAttribute("data-param-name"));
    });
    // Example blocks scroll sideways: reachable with the keyboard.
    root.querySelectorAll(".highlight-code > .microlight:not([tabindex])").forEach(function (block) {
      block.setAttribute("tabindex", "0");
    });
  }
  var target = document.getElementById("swagger-ui");
  if (!target) { return; }
  new MutationObserver(function () { fix(target); }).observe(target, { childList: true, subtree: true });
  fix(target);
})();
